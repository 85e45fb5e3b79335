"""What every scene shares: the shipped model, the chosen digit (env NN_DIGIT) and its trace.

Resolved at import, so a bad NN_DIGIT or weights file stops manim before anything renders,
with one line saying what is wrong. `current()` re-resolves if NN_DIGIT has changed since.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import numpy as np

from manim import DecimalNumber, Scene

from network import ModelFileError, Network, Trace, load_pretrained, model_card, sigmoid
from network.digits import DEFAULT_DIGIT, Digit, DigitError, resolve


@dataclass(frozen=True)
class Lesson:
    net: Network
    card: dict
    spec: str  # what NN_DIGIT said (or the default): the key every shown value is filed under
    digit: Digit
    trace: Trace

    def other(self, spec: str) -> tuple[Digit, Trace]:
        """Another digit (showcase name, path or split:index) with the model's trace for it."""
        d = resolve(spec)
        return d, self.net.trace(d.x)


_cache: dict[str, Lesson] = {}


def current() -> Lesson:
    spec = (os.environ.get("NN_DIGIT") or DEFAULT_DIGIT).strip()
    if spec not in _cache:
        net = load_pretrained()
        digit = resolve(spec)
        _cache[spec] = Lesson(net, model_card(), spec, digit, net.trace(digit.x))
    return _cache[spec]


try:
    current()
except (DigitError, ModelFileError) as e:
    sys.exit(f"error: {e}")


def shown_value(mob):
    """The model value a tagged mobject displays right now: a number's value, a fill's opacity,
    or a weight edge's signed relative width."""
    if isinstance(mob, DecimalNumber):  # Integer too
        return float(mob.get_value())
    if hasattr(mob, "norm_key"):  # a signed value drawn by colour and size (see SignedGrid, edges)
        color = mob.get_stroke_color() if hasattr(mob, "full_width") else mob.get_fill_color()
        sign = 1.0 if color.to_hex().upper() == mob.positive_color.to_hex().upper() else -1.0
        if hasattr(mob, "full_width"):
            return sign * mob.get_stroke_width() / mob.full_width
        return sign * mob.get_fill_opacity()
    return float(mob.get_fill_opacity())


class LessonScene(Scene):
    """A Scene that notes what every tagged mobject showed when it came on screen, for the tests."""

    def setup(self):
        self.lesson = current()
        self.shown_mobjects: list = []
        self.shown_values: list[tuple] = []  # (mobject, model_key, value) at the moment it was added
        self._noted: set = set()

    def add(self, *mobjects):
        self.shown_mobjects.extend(mobjects)
        # Once per mobject and value it stands for (animations add what is already there, often).
        for m in mobjects:
            for f in m.get_family():
                key = getattr(f, "model_key", None)
                if key is not None and (id(f), key) not in self._noted:
                    self._noted.add((id(f), key))
                    self.shown_values.append((f, key, shown_value(f)))
        return super().add(*mobjects)


def focus_neuron(lesson: Lesson) -> int:
    """The first-hidden-layer neuron the weight scenes zoom into: the one whose bias changes its
    output most for this digit (its sum lands on the steep part of the sigmoid)."""
    step = lesson.trace.steps[0]
    return int(np.argmax(np.abs(step.out - sigmoid(step.z - lesson.net.biases[0]))))
