"""Every scene renders; every number and neuron it shows is the model's; frames show them."""

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import (
    DL,
    DOWN,
    UR,
    Arrow,
    BackgroundRectangle,
    DecimalNumber,
    Integer,
    SingleStringMathTex,
    Square,
    SurroundingRectangle,
)
from manim.mobject.text.tex_mobject import MathTexPart
from oracle import CHECKS as ORACLE
from oracle import expected
from renders import CHECKS, H, W, render

from lessonkit.mobjects import Sentence
from lessonkit.values import Activation, Pixel, key_types
from scenes.catalog import CHAPTERS

ROOT = Path(__file__).resolve().parent.parent


def family(mobjects):
    seen = {}
    for m in mobjects:
        for f in m.get_family():
            seen[id(f)] = f
    return list(seen.values())


def to_pixel(point, geometry):
    fw, fh = geometry
    return int((point[0] / fw + 0.5) * W), int((0.5 - point[1] / fh) * H)


def _agrees(mob, shows, value):
    key = shows.key
    want = expected(key, shows.digit)
    if isinstance(mob, (DecimalNumber, Integer, MathTexPart)):  # a number, as rounded on screen
        if isinstance(mob, Integer):
            places = 0
        elif isinstance(mob, DecimalNumber):
            places = mob.num_decimal_places
        else:  # a number inside a Sentence
            places = mob.decimals
        assert abs(value - want) <= 0.5 * 10**-places + 1e-9, (key, shows.digit, value, want)
    elif shows.signed is not None:  # signed, by colour; size relative to its reference value
        want = want / expected(shows.signed.reference, shows.digit)
        assert value == pytest.approx(want, abs=1e-9), (key, shows.digit, value, want)
    else:  # neurons and pixel squares: fill opacity is the value
        assert value == pytest.approx(want, abs=1e-9), (key, shows.digit, value, want)


def check_truth(scene):
    """Each tagged value as it came on screen, and as it is at the end for what is still there."""
    from lessonkit.scene import shown_value

    shown = family(scene.shown_mobjects)
    numbers = [m for m in shown if isinstance(m, (DecimalNumber, Integer))]
    for m in numbers:
        assert getattr(m, "shows", None) is not None, f"number {m.get_value()} is not tied to a model value"
    inside_numbers = {id(f) for m in numbers for f in m.get_family()}
    for m in shown:  # no hand-typed digits in Tex/MathTex, unless tied to a key
        if (
            isinstance(m, (SingleStringMathTex, MathTexPart))
            and id(m) not in inside_numbers
            and not isinstance(m, Sentence)
        ):
            if getattr(m, "shows", None) is None and not getattr(m, "notation", False):
                assert not re.search(r"\d", m.tex_string.replace(r"\\", "")), f"digits in {m.tex_string!r}"
    for mob, shows, value in scene.shown_values:
        _agrees(mob, shows, value)
    for m in family(scene.mobjects):
        if getattr(m, "shows", None) is not None:
            _agrees(m, m.shows, shown_value(m))


def check_frame(scene, frame, geometry):
    """Brightness inside each on-screen neuron, pixel square and signed square matches its value.

    Squares are sampled at their centre, neurons a quarter of the way below it; only where no number, text, arrow,
    highlight box or background panel lies over the point.
    """
    on_screen = family(scene.mobjects)
    margin = np.array([0.1, 0.1, 0])  # strokes and antialiasing reach a little past a box
    covers = [
        (m.get_corner(DL) - margin, m.get_corner(UR) + margin)
        for m in on_screen
        if isinstance(m, (SingleStringMathTex, DecimalNumber, BackgroundRectangle, Arrow, SurroundingRectangle))
    ]
    samples = []  # (point, expected brightness 0..1, what)
    for m in on_screen:
        shows = getattr(m, "shows", None)
        if shows is None:
            continue
        if m.width * W / geometry[0] < 4:
            continue
        if isinstance(shows.key, (Activation, Pixel)) and shows.signed is None:
            point = m.get_center() + (0 if isinstance(m, Square) else DOWN * m.height / 4)
            samples.append((point, expected(shows.key, shows.digit), shows.key))
        elif isinstance(m, Square) and shows.signed is not None:  # signed grid: its colour at |value| opacity
            tint = np.mean(m.get_fill_color().to_rgb())
            want = abs(expected(shows.key, shows.digit)) / expected(shows.signed.reference, shows.digit)
            samples.append((m.get_center(), tint * want, shows.key))
    checked = 0
    for point, want, what in samples:
        if any(np.all(lo[:2] <= point[:2]) and np.all(point[:2] <= hi[:2]) for lo, hi in covers):
            continue
        x, y = to_pixel(point, geometry)
        if not (0 <= x < W and 0 <= y < H):
            continue
        assert frame[y, x] == pytest.approx(255 * want, abs=20), (what, frame[y, x])
        checked += 1
    return checked


@pytest.mark.parametrize(
    ("chapter", "digit"),
    [(c, d) for c in CHAPTERS for d in CHECKS[c.scene][0]],  # a listed scene without checks fails here
    ids=[f"{c.scene}-{d}" for c in CHAPTERS for d in CHECKS[c.scene][0]],
)
def test_scene_renders_true_numbers(chapter, digit, render_dir):
    least = CHECKS[chapter.scene][1]
    done = render(chapter, digit, render_dir)
    scene, frame, movie, geometry = done.scene, done.frame, done.movie, done.geometry
    assert movie is not None and movie.exists() and movie.stat().st_size > 1000
    check_truth(scene)
    assert scene.shown_values, "scene shows no model value at all"
    assert check_frame(scene, frame, geometry) >= least
    # Sections a teacher can cut at.
    named = [sec for sec in scene.renderer.file_writer.sections if sec.name != "autocreated"]
    assert len(named) >= (1 if chapter.scene == "TitleCard" else 3)


def test_every_chapter_has_its_checks():
    assert set(CHECKS) == {c.scene for c in CHAPTERS}


def test_the_oracle_checks_every_key_type():
    missing = [t.__name__ for t in key_types() if t.__name__ not in ORACLE]
    assert not missing, f"key types the oracle cannot check: {missing}"
    assert len(key_types()) >= 30


def test_bad_nn_digit_fails_fast_with_one_line(tmp_path):
    import os
    import subprocess

    env = {**os.environ, "NN_DIGIT": "eleventeen"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "render",
            "-ql",
            "--media_dir",
            str(tmp_path),
            "scenes/forward.py",
            "ForwardPass",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("error: NN_DIGIT='eleventeen' is neither a showcase name"), run.stderr[-500:]
    assert not list(tmp_path.glob("**/*.mp4"))
