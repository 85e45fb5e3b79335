"""Numbers and lines of text with numbers, each number looked up by its key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from manim import DecimalNumber, Integer, MathTex, VMobject

from lessonkit.lesson import Lesson, current_lesson
from lessonkit.values import Key, decimals_of

from .shown import Shown, notation, tag

if TYPE_CHECKING:
    from manim.utils.color import ParsableManimColor

__all__ = ["number", "Math", "Styled", "Sentence", "shown_number"]


def number(key: Key, lesson: Lesson | None = None, decimals: int | None = None, **kwargs) -> DecimalNumber:
    """A number showing the value `key` names, with the lesson's rounding for that kind of value.

    Parameters
    ----------
    key
        What to show, e.g. ``Activation(1, j)``.
    lesson
        Whose value (default: the current render's).
    decimals
        Overrides the key's usual number of decimals.
    **kwargs
        Passed to `DecimalNumber` / `Integer` (font_size, color, ...).

    Returns
    -------
    DecimalNumber
        An `Integer` for whole-number keys (with thousands commas from 10,000), else a
        `DecimalNumber` (with a % sign for percentages), tagged with `key`.

    Examples
    --------
    ``number(Bias(1, 10), font_size=32)`` shows the bias of neuron 10 of layer 1, rounded to two decimals.

    .. manim:: NumberExample
        :save_last_frame:

        from manim import DOWN, Scene, VGroup
        from lessonkit.mobjects import number
        from lessonkit.values import Bias, ParamCount
        from lessonkit.lesson import Lesson

        class NumberExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                bias = number(Bias(1, 10), lesson, font_size=60)
                count = number(ParamCount(), lesson, font_size=60)
                self.add(VGroup(bias, count).arrange(DOWN))
    """
    lesson = lesson or current_lesson()
    d = decimals_of(key) if decimals is None else decimals
    value = lesson.value(key)
    mob: DecimalNumber  # an Integer is a DecimalNumber
    if d == 0 and not key.percent:
        mob = Integer(int(value), group_with_commas=abs(value) >= 10_000, **kwargs)
    else:
        mob = DecimalNumber(value, num_decimal_places=d, unit=r"\%" if key.percent else None, **kwargs)
    return tag(mob, key, lesson)


@dataclass(frozen=True)
class Math:
    """A piece of a `Sentence` written as LaTeX math (symbols, operators), not words. Digits in
    it are refused by the tests unless it is declared `notation` (indices like w_1, a^{(0)}).

    Parameters
    ----------
    tex
        The LaTeX, in math mode; LaTeX spaces it against its neighbours itself.
    notation
        Its digits are symbols or indices, not model values (marks it with `notation`).

    Examples
    --------
    .. manim:: MathExample
        :save_last_frame:

        from manim import DOWN, Scene, VGroup
        from lessonkit.mobjects import Math, Sentence
        from lessonkit.values import Activation, PreActivation
        from lessonkit.lesson import Lesson

        class MathExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                j = lesson.focus
                rule = Sentence("each neuron:", Math(r"\\sigma(w_1 a_1 + \\cdots + b)", notation=True), lesson=lesson)
                value = Sentence(Math(r"\\sigma("), PreActivation(1, j), Math(") ="), Activation(1, j), lesson=lesson)
                self.add(VGroup(rule, value).arrange(DOWN))
    """

    tex: str
    notation: bool = False


@dataclass(frozen=True)
class Styled:
    """A piece of a `Sentence` in its own colour (a key, words, or Math).

    Parameters
    ----------
    part
        The piece: a key, a string of words or a `Math`.
    color
        Its colour (e.g. ``style.HIGHLIGHT`` for what to look at now).
    decimals
        For a key, overrides its usual number of decimals; ignored for other pieces.

    Examples
    --------
    .. manim:: StyledExample
        :save_last_frame:

        from manim import Scene
        from lessonkit import style
        from lessonkit.mobjects import Sentence, Styled
        from lessonkit.lesson import Lesson
        from lessonkit.values import Prediction

        class StyledExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                self.add(Sentence("brightest output:", Styled(Prediction(), style.HIGHLIGHT), lesson=lesson))
    """

    part: object
    color: ParsableManimColor
    decimals: int | None = None


_NO_SPACE_BEFORE = re.compile(r"^[,.;:)!?%]")


class Sentence(MathTex):
    """Words and model numbers typeset as one line, so they share one baseline and LaTeX spacing.

    Parameters
    ----------
    *parts
        Strings (words), keys (numbers, rounded as the lesson shows them), `Math` (LaTeX
        symbols) or `Styled` (any of those in a colour). Words and numbers are spaced like text.
    lesson
        Whose values (default: the current render's).
    **kwargs
        Passed to `MathTex` (font_size, color, ...).

    Examples
    --------
    ``Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"))`` reads "neuron j of
    layer 1" with the focus neuron's index j; ``Sentence(Styled(WeightedSum(1, j), style.HIGHLIGHT), Math("+"), AbsBias(1, j))``.

    .. manim:: SentenceExample
        :save_last_frame:

        from manim import DOWN, Scene, VGroup
        from lessonkit import style
        from lessonkit.mobjects import Sentence, Styled
        from lessonkit.values import FocusNeuron, Index, ParamCount
        from lessonkit.lesson import Lesson

        class SentenceExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                name = Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"), lesson=lesson)
                total = Sentence("learning sets", Styled(ParamCount(), style.HIGHLIGHT), "numbers", lesson=lesson)
                self.add(VGroup(name, total).arrange(DOWN))
    """

    def __init__(self, *parts, lesson: Lesson | None = None, **kwargs) -> None:
        lesson = lesson or current_lesson()
        strings, keys, colors = [], [], []
        previous = None
        for part in parts:
            color, decimals = None, None
            if isinstance(part, Styled):
                styled = part  # mypy checks a tuple assignment item by item: `part` is rebound before .color
                part, color, decimals = styled.part, styled.color, styled.decimals
            if isinstance(part, Key):
                tex, key = "{" + lesson.latex(part, decimals) + "}", part
            elif isinstance(part, Math):
                tex, key = part.tex, None  # LaTeX spaces operators itself
            else:
                tex, key = r"\text{" + str(part) + "}", None
            spaced = previous is not None and not isinstance(part, Math) and not isinstance(previous, Math)
            if spaced and not (isinstance(part, str) and _NO_SPACE_BEFORE.match(part)):
                tex = r"\ " + tex
            strings.append(tex)
            keys.append((key, decimals))
            colors.append(color)
            previous = part
        super().__init__(*strings, **kwargs)
        for mob, part, (key, decimals), color in zip(self.submobjects, parts, keys, colors):
            if isinstance(part, Math) and part.notation:
                notation(mob)
            if key is not None:
                tag(mob, key, lesson)
                cast(Any, mob).decimals = decimals_of(key) if decimals is None else decimals  # our own attribute
            if color is not None:
                mob.set_color(color)

    def value_part(self, key: Key) -> VMobject:
        """The piece of the line that shows `key`.

        Parameters
        ----------
        key
            A key given to the sentence (the first piece tagged with it is returned).

        Returns
        -------
        VMobject
            That piece, e.g. to box or move it on its own. `StopIteration` if no piece shows `key`.
        """
        return next(m for m in self.submobjects if getattr(m, "shows", None) and cast(Shown, m.shows).key == key)


def shown_number(mob) -> float:
    """The number a tagged piece of a `Sentence` reads (its LaTeX, not its value).

    Parameters
    ----------
    mob
        A piece of a `Sentence` tagged with a key (see `Sentence.value_part`).

    Returns
    -------
    float
        The number as written, without thousands separators or a % sign, so a test can compare
        it with the value rounded as the lesson shows it.
    """
    tex = mob.tex_string.replace("{,}", "").replace(r"\%", "").replace(r"\ ", "")
    return float(tex.strip("{} "))
