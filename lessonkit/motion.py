"""Calm motion under a spoken line: highlights that travel along or around the thing a line names.

Give one to `LessonScene.narrate(..., during=...)`: it plays for the rest of the line after the
line's own animations, instead of a still picture. Each is an effect on an untagged copy that
removes itself when done, so it changes no value on screen and leaves the layout as it was.
"""

from __future__ import annotations

from manim import Animation, Mobject, ShowPassingFlash, Succession, SurroundingRectangle, VMobject

from lessonkit import style
from lessonkit.mobjects import untagged

__all__ = ["around", "in_turn", "trace"]


def trace(mob: VMobject, color=style.HIGHLIGHT, width: float = 6, time_width: float = 0.4) -> Animation:
    """A highlight travelling along `mob`'s strokes: a curve, an axis, a digit's outline.

    Parameters
    ----------
    mob
        What to trace; it is not changed.
    color, width
        The highlight's stroke.
    time_width
        The share of the path lit at any moment.

    Examples
    --------
    .. manim:: TraceExample

        from manim import Axes, Scene
        from lessonkit.motion import trace

        class TraceExample(Scene):
            def construct(self):
                curve = Axes().plot(lambda x: x * x / 8)
                self.add(curve)
                self.play(trace(curve), run_time=2)
    """
    glow = untagged(mob).set_fill(opacity=0).set_stroke(color, width, opacity=1)
    return ShowPassingFlash(glow, time_width=time_width)


def around(mob: Mobject, color=style.HIGHLIGHT, buff: float = 0.12, time_width: float = 0.6) -> Animation:
    """A highlight travelling once around `mob`: the value, neuron or word a line names.

    Parameters
    ----------
    mob
        What the line is about; it is not changed.
    color, buff
        The highlight's colour and its distance from `mob`.
    time_width
        The share of the frame around `mob` lit at any moment.

    Examples
    --------
    .. manim:: AroundExample

        from manim import MathTex, Scene
        from lessonkit.motion import around

        class AroundExample(Scene):
            def construct(self):
                value = MathTex("0.77")
                self.add(value)
                self.play(around(value), run_time=2)
    """
    frame = SurroundingRectangle(mob, color=color, buff=buff, stroke_width=4, corner_radius=0.08)
    return ShowPassingFlash(frame, time_width=time_width)


def in_turn(*mobs: Mobject, color=style.HIGHLIGHT) -> Animation:
    """A highlight around each of `mobs` in turn: a sum read term by term, a row then a column.

    Parameters
    ----------
    mobs
        The things, in the order the line reads them.
    color
        The highlight's colour.
    """
    return Succession(*[around(m, color=color) for m in mobs])
