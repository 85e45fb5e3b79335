"""What every scene shares: the shipped model, the chosen digit (env NN_DIGIT) and its trace.

Resolved at import, so a bad NN_DIGIT or weights file stops manim before anything renders,
with one line saying what is wrong. `current()` re-resolves if NN_DIGIT has changed since.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from manim import Scene

from network import ModelFileError, Network, Trace, load_pretrained, model_card
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


class LessonScene(Scene):
    """A Scene that remembers every mobject it ever showed, so tests can check them all."""

    def setup(self):
        self.lesson = current()
        self.shown_mobjects: list = []

    def add(self, *mobjects):
        self.shown_mobjects.extend(mobjects)
        return super().add(*mobjects)
