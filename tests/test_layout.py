"""Frames a typesetter would sign: at the last frame of every section of every scene, no two
texts overlap, every text and neuron lies inside the frame with a safe margin, and no text is
smaller than a legible size at 854x480.

Scenes run with animations skipped (manim's -s mode): every section ends in the state it would
render, without drawing the frames in between.
"""

import importlib

import numpy as np
import pytest
from manim import DecimalNumber, SingleStringMathTex, Text, tempconfig

from lessonkit import style
from lessonkit.mobjects import Neuron
from lessonkit.scene import LessonScene
from scenes.catalog import CHAPTERS

MARGIN = 0.15  # scene units (the frame is 14.2 x 8): no neuron closer to the edge than this
TEXT_MARGIN = 0.3  # and no text closer than this
OVERLAP = 0.03  # boxes may touch by antialiasing, not more
TEXT_TYPES = (SingleStringMathTex, DecimalNumber, Text)  # MathTex, Tex and Sentence included


def texts_and_neurons(scene):
    """The visible text units (a whole Sentence or number, not its glyphs) and neurons on screen."""
    texts, neurons = [], []

    def visible(m):
        return max(m.get_fill_opacity(), m.get_stroke_opacity()) > 0.05 and m.width > 0 and m.height > 0

    def walk(m):
        if isinstance(m, TEXT_TYPES):
            if any(visible(f) for f in m.family_members_with_points()):
                texts.append(m)
            return
        if isinstance(m, Neuron):
            neurons.append(m)
            return
        for sub in m.submobjects:
            walk(sub)

    for m in scene.mobjects:
        walk(m)
    return texts, neurons


def box(m):
    lo, hi = m.get_corner(np.array([-1, -1, 0])), m.get_corner(np.array([1, 1, 0]))
    return lo[:2], hi[:2]


def describe(m):
    return getattr(m, "tex_string", None) or type(m).__name__


def layout_faults(scene, section: str) -> list[str]:
    fw, fh = scene.camera.frame_width, scene.camera.frame_height
    texts, neurons = texts_and_neurons(scene)
    faults = []
    for m, margin in [(t, TEXT_MARGIN) for t in texts] + [(n, MARGIN) for n in neurons]:
        lo, hi = box(m)
        margin -= 0.005  # placed at the margin (to_edge(buff=margin)), up to SVG rounding, is inside
        if lo[0] < -fw / 2 + margin or hi[0] > fw / 2 - margin or lo[1] < -fh / 2 + margin or hi[1] > fh / 2 - margin:
            faults.append(f"{section}: {describe(m)!r} reaches outside the safe frame ({lo.round(2)}, {hi.round(2)})")
    for m in texts:
        size = getattr(m, "font_size", None)
        if size is not None and size < style.LEGIBLE - 0.5:
            faults.append(f"{section}: {describe(m)!r} is set at font size {size:.1f} < {style.LEGIBLE}")
    boxes = [box(m) for m in texts]
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            (alo, ahi), (blo, bhi) = boxes[a], boxes[b]
            overlap = np.minimum(ahi, bhi) - np.maximum(alo, blo)
            if overlap.min() > OVERLAP:
                faults.append(f"{section}: {describe(texts[a])!r} overlaps {describe(texts[b])!r}")
    return faults


def probe(scene_class):
    """The scene class, instrumented to check the layout as each section ends and at the end."""

    class Probe(scene_class):
        def setup(self):
            super().setup()
            self.faults, self.sections_seen = [], []

        def _check(self):
            if self.sections_seen and self.mobjects:
                self.faults += layout_faults(self, f"{scene_class.__name__} / {self.sections_seen[-1]}")

        def next_section(self, name="unnamed", *args, **kwargs):
            self._check()
            self.sections_seen.append(name)
            return super().next_section(name, *args, **kwargs)

        def tear_down(self):
            self._check()
            super().tear_down()

    Probe.__name__ = scene_class.__name__
    return Probe


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.scene for c in CHAPTERS])
@pytest.mark.parametrize("digit", ["three_a", "mistake_a"])
def test_every_section_ends_in_a_clean_layout(chapter, digit, tmp_path, monkeypatch):
    monkeypatch.setenv("NN_DIGIT", digit)
    cls = getattr(importlib.import_module(f"scenes.{chapter.file}"), chapter.scene)
    assert issubclass(cls, LessonScene)
    with tempconfig(
        {
            "media_dir": str(tmp_path),
            "pixel_width": 854,
            "pixel_height": 480,
            "frame_rate": 15,
            "save_last_frame": True,
            "write_to_movie": False,
            "disable_caching": True,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
    ):
        scene = probe(cls)()
        scene.render()
    assert scene.sections_seen, "the scene has no sections"
    assert not scene.faults, "\n".join(scene.faults)


def test_the_layout_check_finds_faults(tmp_path):
    """The checker itself: overlapping, tiny and off-frame text are all reported."""
    from manim import DOWN, RIGHT, Scene, Tex

    class Bad(Scene):
        def construct(self):
            self.add(
                Tex("one", font_size=40),
                Tex("two", font_size=40).shift(RIGHT * 0.1),
                Tex("tiny", font_size=10).shift(2 * RIGHT),
                Tex("edge", font_size=40).shift(7 * RIGHT),
                Tex("near", font_size=40).to_edge(DOWN, buff=0.2),
            )

    with tempconfig(
        {
            "media_dir": str(tmp_path),
            "save_last_frame": True,
            "write_to_movie": False,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
    ):
        scene = Bad()
        scene.render()
    faults = layout_faults(scene, "Bad")
    assert any("overlaps" in f for f in faults)
    assert any("font size" in f for f in faults)
    assert any("'edge' reaches outside the safe frame" in f for f in faults)
    assert any("'near' reaches outside the safe frame" in f for f in faults)  # 0.2 < TEXT_MARGIN from the edge
