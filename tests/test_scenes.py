"""Every scene renders; every number and neuron it shows is the model's; frames show them."""
import importlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import DecimalNumber, Integer, SingleStringMathTex, Square, tempconfig

from oracle import expected

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scenes"))

SCENES = [  # (file, scene, digits to try)
    ("title", "TitleCard", ["three_a"]),
]
W, H = 426, 240


def family(mobjects):
    seen = {}
    for m in mobjects:
        for f in m.get_family():
            seen[id(f)] = f
    return list(seen.values())


def render(module: str, name: str, tmp_path):
    cls = getattr(importlib.import_module(module), name)
    with tempconfig({"media_dir": str(tmp_path), "pixel_width": W, "pixel_height": H, "frame_rate": 5,
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING",
                     "background_color": "#000000"}):
        scene = cls()
        scene.render()
        scene.renderer.update_frame(scene)
        frame = scene.renderer.get_frame()[:, :, :3].astype(float).mean(axis=2)
        movie = Path(scene.renderer.file_writer.movie_file_path)
        geometry = (scene.camera.frame_width, scene.camera.frame_height)
    return scene, frame, movie, geometry


def to_pixel(point, geometry):
    fw, fh = geometry
    return int((point[0] / fw + 0.5) * W), int((0.5 - point[1] / fh) * H)


def check_truth(scene):
    shown = family(scene.shown_mobjects)
    numbers = [m for m in shown if isinstance(m, (DecimalNumber, Integer))]
    for m in numbers:
        key = getattr(m, "model_key", None)
        assert key is not None, f"number {m.get_value()} on screen is not tied to a model value"
        want = expected(key)
        places = getattr(m, "num_decimal_places", 0) if not isinstance(m, Integer) else 0
        assert abs(m.get_value() - want) <= 0.5 * 10 ** -places + 1e-9, (key, m.get_value(), want)
    inside_numbers = {id(f) for m in numbers for f in m.get_family()}
    for m in shown:  # no hand-typed digits in Tex/MathTex, unless tied to the model
        if isinstance(m, SingleStringMathTex) and id(m) not in inside_numbers:
            if getattr(m, "model_key", None) is None and not getattr(m, "notation", False):
                assert not re.search(r"\d", m.tex_string.replace(r"\\", "")), f"digits in {m.tex_string!r}"
    neurons = [m for m in shown if type(m).__name__ == "Neuron" and m.model_key is not None]
    for n in neurons:
        assert n.get_fill_opacity() == pytest.approx(expected(n.model_key), abs=1e-9), n.model_key
    pixels = [m for m in shown if isinstance(m, Square) and getattr(m, "model_key", None)]
    for p in pixels:
        assert p.get_fill_opacity() == pytest.approx(expected(p.model_key), abs=1e-9), p.model_key
    return numbers, neurons, pixels


def check_frame(scene, frame, geometry):
    """Brightness at each on-screen neuron's / pixel square's centre matches its value."""
    on_screen = family(scene.mobjects)
    checked = 0
    for m in on_screen:
        key = getattr(m, "model_key", None)
        if key is None or key[0] not in ("activation", "pixel") or m.width * W / geometry[0] < 4:
            continue
        if m.get_fill_opacity() == 0 and m.get_stroke_opacity() == 0:
            continue
        x, y = to_pixel(m.get_center(), geometry)
        if not (0 <= x < W and 0 <= y < H):
            continue
        assert frame[y, x] == pytest.approx(255 * expected(key), abs=20), (key, frame[y, x])
        checked += 1
    return checked


@pytest.mark.parametrize("module, name, digits", SCENES, ids=[s[1] for s in SCENES])
def test_scene_renders_true_numbers(module, name, digits, tmp_path, monkeypatch):
    for spec in digits:
        monkeypatch.setenv("NN_DIGIT", spec)
        scene, frame, movie, geometry = render(module, name, tmp_path / spec)
        assert movie.exists() and movie.stat().st_size > 1000
        numbers, neurons, pixels = check_truth(scene)
        assert numbers or neurons or pixels, "scene shows no model value at all"
        check_frame(scene, frame, geometry)
        # Sections a teacher can cut at.
        assert len(scene.renderer.file_writer.sections) >= 1
