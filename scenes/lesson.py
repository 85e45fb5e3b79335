"""The base of every scene: binds the lesson (weights + NN_DIGIT) once and notes what each
tagged mobject showed when it came on screen, for the tests.

Imported by every scene file, so a bad NN_DIGIT or weights file stops manim before anything
renders, with one line saying what is wrong.
"""
from __future__ import annotations

import sys

from manim import DecimalNumber, Scene
from manim.mobject.text.tex_mobject import MathTexPart

from network import ModelFileError
from network.digits import DigitError
from scenes.mobjects import shown_number
from scenes.values import current_lesson

try:
    current_lesson()
except (DigitError, ModelFileError) as e:
    sys.exit(f"error: {e}")


def shown_value(mob) -> float:
    """The value a tagged mobject displays right now: a number's value, a signed square's or
    edge's relative size, or a neuron's or pixel's fill."""
    if isinstance(mob, DecimalNumber):  # Integer too
        return float(mob.get_value())
    if isinstance(mob, MathTexPart):  # a number inside a Sentence
        return shown_number(mob)
    if mob.shows.signed is not None:
        return mob.shows.signed.read(mob)
    return float(mob.get_fill_opacity())


class LessonScene(Scene):
    """A Scene with the current lesson at `self.lesson`, noting every value it shows."""

    def setup(self):
        self.lesson = current_lesson()
        self.shown_mobjects: list = []
        self.shown_values: list[tuple] = []  # (mobject, Shown, value) at the moment it was added
        self._noted: set = set()

    def add(self, *mobjects):
        self.shown_mobjects.extend(mobjects)
        # Once per mobject and value it stands for (animations add what is already there, often).
        for m in mobjects:
            for f in m.get_family():
                shows = getattr(f, "shows", None)
                if shows is not None and (id(f), shows) not in self._noted:
                    self._noted.add((id(f), shows))
                    self.shown_values.append((f, shows, shown_value(f)))
        return super().add(*mobjects)
