"""Which value a mobject shows: the `Shown` tag every model-valued mobject carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar, cast

from manim import VMobject

from lessonkit.lesson import Lesson, current_lesson
from lessonkit.style import Signed
from lessonkit.values import Key

__all__ = ["Shown", "tag", "notation", "untagged"]


_M = TypeVar("_M", bound=VMobject)  # tag, notation and untagged hand back the mobject's own type


@dataclass(frozen=True)
class Shown:
    """What a mobject stands for: a key, the digit it was computed for (None: the model's own
    value, or a declared non-model number), and, for signed values, how they are drawn.

    Tests read it back from the ``shows`` attribute that `tag` sets, and check the drawn value
    against the model.

    Parameters
    ----------
    key
        The value shown.
    digit
        The lesson's digit spec (``Lesson.spec``) when the value depends on the digit
        (``key.of_digit``), else None.
    signed
        How a signed value is drawn (colour and size relative to a reference), or None.
    """

    key: Key
    digit: str | None = None
    signed: Signed | None = None

    def __deepcopy__(self, memo) -> Shown:
        return self  # immutable


def tag(mob: _M, key: Key, lesson: Lesson | None = None, signed: Signed | None = None) -> _M:
    """Mark `mob` as showing the value `key` names for `lesson`'s digit.

    Use it for your own drawings of a value (a bar, a dot) so the tests can check them like the
    library's mobjects: it sets ``mob.shows`` to a `Shown`. It does not change how `mob` looks.

    Parameters
    ----------
    mob
        The mobject that draws the value.
    key
        The value it shows.
    lesson
        Whose value (default: the current render's); its digit is recorded when the value
        depends on the digit.
    signed
        For a signed value drawn by colour and size, how it is drawn (`lessonkit.style.Signed`).

    Returns
    -------
    VMobject
        `mob` itself, tagged in place.

    Examples
    --------
    .. manim:: TagExample
        :save_last_frame:

        from manim import DOWN, UP, Rectangle, Scene
        from lessonkit.mobjects import number, tag
        from lessonkit.values import Activation
        from lessonkit.lesson import Lesson

        class TagExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                key = Activation(1, lesson.focus)
                bar = tag(Rectangle(width=0.6, height=4 * lesson.value(key)), key, lesson)
                bar.set_fill(opacity=1).align_to(DOWN * 2, DOWN)
                self.add(bar, number(key, lesson).next_to(bar, UP))
    """
    lesson = lesson or current_lesson()
    # Any: ``shows`` is our own attribute, set on manim's mobjects at run time
    cast(Any, mob).shows = Shown(key, lesson.spec if key.of_digit else None, signed)
    return mob


def notation(mob: _M) -> _M:
    """Mark LaTeX whose digits are symbols or indices (a^{(1)}, 1/(1+e^-x)), not model values.

    The tests refuse digits on screen that no key declares; this declares them as notation.

    Parameters
    ----------
    mob
        The mobject (usually a `MathTex` or `Tex`); it and every submobject are marked.

    Returns
    -------
    VMobject
        `mob` itself, marked in place.

    Examples
    --------
    .. manim:: NotationExample
        :save_last_frame:

        from manim import MathTex, Scene
        from lessonkit.mobjects import notation

        class NotationExample(Scene):
            def construct(self):
                formula = notation(MathTex(r"a^{(1)} = \\sigma\\left(W a^{(0)} + b\\right)", font_size=56))
                self.add(formula)
    """
    for f in mob.get_family():
        cast(Any, f).notation = True  # our own attribute, set at run time
    return mob


def untagged(mob: _M) -> _M:
    """A copy for effects (flashes, glows) that stands for no value itself.

    A plain copy would carry the original's ``shows`` tags, so a restyled glow would be checked
    (and fail) as a drawing of the value.

    Parameters
    ----------
    mob
        The mobject to copy; it keeps its own tags.

    Returns
    -------
    VMobject
        The copy, with ``shows = None`` on it and every submobject.

    Examples
    --------
    .. manim:: UntaggedExample
        :save_last_frame:

        from manim import YELLOW, Scene
        from lessonkit.mobjects import Neuron, untagged
        from lessonkit.values import Activation
        from lessonkit.lesson import Lesson

        class UntaggedExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                neuron = Neuron(Activation(1, lesson.focus), lesson, radius=1)
                glow = untagged(neuron).set_fill(opacity=0).set_stroke(YELLOW, width=8).scale(1.2)
                self.add(neuron, glow)
    """
    copy = mob.copy()
    for f in copy.get_family():
        cast(Any, f).shows = None  # our own attribute, set at run time
    return copy
