"""The layout rules a typesetter would sign, checked on a scene's mobjects (not its pixels): at
the end of every section no two texts overlap, every text and neuron lies inside the frame with a
safe margin, and no text is smaller than a legible size at 854x480. Used by tests/test_layout.py,
on the renders tests/renders.py shares with the truth test."""

import numpy as np
from manim import DecimalNumber, SingleStringMathTex, Text

from lessonkit import style
from lessonkit.mobjects import Neuron

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
