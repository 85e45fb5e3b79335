"""Reusable mobjects of the lesson: digits, neurons, the network diagram, weight images, lines of
text with numbers. Each is given keys (`scenes.values`), fetches its own values from a `Lesson`
and remembers which value it shows, so tests can check every one against the model.

Import them into your own manim file::

    from manim import LEFT, RIGHT, FadeIn, Scene
    from scenes.mobjects import NetworkDiagram, PixelGrid, input_strips
    from scenes.values import Lesson

    class MyScene(Scene):
        def construct(self):
            lesson = Lesson.for_digit("seven_a")
            self.play(FadeIn(PixelGrid(lesson, side=3).to_edge(LEFT)))
            diagram = NetworkDiagram(lesson, input_strips(lesson.digit.pixels), height=5, layer_gap=1.9)
            self.play(FadeIn(diagram.show_trace().to_edge(RIGHT)))

Every mobject that shows a model value carries one attribute, ``shows`` (a `Shown`): the key,
the digit it belongs to, and for signed values how they are drawn (`scenes.style.Signed`).
When no lesson is given, the one of the current render is used (`scenes.values` default digit,
or ``NN_DIGIT``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Animation, AnimationGroup, Brace, Circle, DecimalNumber, Integer,
                   Line, MathTex, MobjectMatrix, Tex, Rectangle, ShowPassingFlash, Square, Succession, SurroundingRectangle, VGroup,
                   VMobject)

from scenes import style
from scenes.style import Signed
from scenes.values import (Activation, Index, ImageHeight, ImageWidth, Key, LargestWeight, LargestWeightInto,
                           Lesson, Pixel, Size, Weight, current_lesson, decimals_of)

NEURON_RADIUS = 0.13


# -- which value a mobject shows ----------------------------------------------------------------
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

    def __deepcopy__(self, memo) -> "Shown":
        return self  # immutable


def tag(mob: VMobject, key: Key, lesson: Lesson | None = None, signed: Signed | None = None) -> VMobject:
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
        For a signed value drawn by colour and size, how it is drawn (`scenes.style.Signed`).

    Returns
    -------
    VMobject
        `mob` itself, tagged in place.

    Examples
    --------
    .. manim:: TagExample
        :save_last_frame:

        from manim import DOWN, UP, Rectangle, Scene
        from scenes.mobjects import number, tag
        from scenes.values import Activation, Lesson

        class TagExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                key = Activation(1, lesson.focus)
                bar = tag(Rectangle(width=0.6, height=4 * lesson.value(key)), key, lesson)
                bar.set_fill(opacity=1).align_to(DOWN * 2, DOWN)
                self.add(bar, number(key, lesson).next_to(bar, UP))
    """
    lesson = lesson or current_lesson()
    mob.shows = Shown(key, lesson.spec if key.of_digit else None, signed)
    return mob


def notation(mob: VMobject) -> VMobject:
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
        from scenes.mobjects import notation

        class NotationExample(Scene):
            def construct(self):
                formula = notation(MathTex(r"a^{(1)} = \\sigma\\left(W a^{(0)} + b\\right)", font_size=56))
                self.add(formula)
    """
    for f in mob.get_family():
        f.notation = True
    return mob


def untagged(mob: VMobject) -> VMobject:
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
        from scenes.mobjects import Neuron, untagged
        from scenes.values import Activation, Lesson

        class UntaggedExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                neuron = Neuron(Activation(1, lesson.focus), lesson, radius=1)
                glow = untagged(neuron).set_fill(opacity=0).set_stroke(YELLOW, width=8).scale(1.2)
                self.add(neuron, glow)
    """
    copy = mob.copy()
    for f in copy.get_family():
        f.shows = None
    return copy


# -- numbers and lines of text with numbers -----------------------------------------------------
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
        from scenes.mobjects import number
        from scenes.values import Bias, Lesson, ParamCount

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
        from scenes.mobjects import Math, Sentence
        from scenes.values import Activation, Lesson, PreActivation

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
        from scenes import style
        from scenes.mobjects import Sentence, Styled
        from scenes.values import Lesson, Prediction

        class StyledExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                self.add(Sentence("brightest output:", Styled(Prediction(), style.HIGHLIGHT), lesson=lesson))
    """

    part: object
    color: object
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
        from scenes import style
        from scenes.mobjects import Sentence, Styled
        from scenes.values import FocusNeuron, Index, Lesson, ParamCount

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
                part, color, decimals = part.part, part.color, part.decimals
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
                mob.decimals = decimals_of(key) if decimals is None else decimals
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
        return next(m for m in self.submobjects if getattr(m, "shows", None) and m.shows.key == key)


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


# -- neurons -------------------------------------------------------------------------------------
class Neuron(Circle):
    """A neuron: a white circle whose fill opacity is its activation.

    Parameters
    ----------
    key
        The activation it shows (``Activation(layer, i)``); None draws it empty (structure only).
    lesson
        Whose activation (default: the current render's).
    radius
        Circle radius in scene units.
    **kwargs
        Passed to `Circle`.

    Examples
    --------
    ``Neuron(Activation(1, 10), radius=0.6)`` is neuron 10 of the first hidden layer, as bright
    as it is for the chosen digit.

    .. manim:: NeuronExample
        :save_last_frame:

        from manim import DOWN, Scene
        from scenes.mobjects import Neuron, Sentence
        from scenes.values import Activation, FocusNeuron, Index, Lesson

        class NeuronExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                neuron = Neuron(Activation(1, lesson.focus), lesson, radius=1)
                name = Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"), lesson=lesson)
                self.add(neuron, name.next_to(neuron, DOWN))
    """

    def __init__(self, key: Activation | None = None, lesson: Lesson | None = None,
                 radius: float = NEURON_RADIUS, **kwargs) -> None:
        super().__init__(radius=radius, stroke_color=style.NEURON, stroke_width=1.5, fill_color=style.NEURON,
                         fill_opacity=0.0, **kwargs)
        self.shows = None
        if key is not None:
            self.show(key, lesson)

    def show(self, key: Activation, lesson: Lesson | None = None) -> "Neuron":
        """Fill with the activation `key` names (now, without animation).

        Parameters
        ----------
        key
            The activation to show; the neuron is tagged with it.
        lesson
            Whose activation (default: the current render's).

        Returns
        -------
        Neuron
            The neuron itself, so calls chain.
        """
        lesson = lesson or current_lesson()
        tag(self, key, lesson)
        return self.set_fill(style.NEURON, opacity=lesson.value(key))


class FillNeuron(Animation):
    """Fade a neuron's fill to the activation `key` names (None: empty); it stands for that value
    once the fill is there.

    Parameters
    ----------
    neuron
        The `Neuron` to fill, from the fill opacity it has when the animation is made.
    key
        The activation to end on; None fades to empty and leaves the neuron untagged.
    lesson
        Whose activation (default: the current render's).
    **kwargs
        Passed to `Animation` (run_time, rate_func, ...).

    Examples
    --------
    .. manim:: FillNeuronExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from scenes.mobjects import FillNeuron, Neuron
        from scenes.values import Activation, Lesson

        class FillNeuronExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                outputs = VGroup(*[Neuron(radius=0.4) for _ in range(10)]).arrange(RIGHT)
                self.add(outputs)
                self.play(*[FillNeuron(n, Activation(lesson.layers, d), lesson) for d, n in enumerate(outputs)])
    """

    def __init__(self, neuron: Neuron, key: Activation | None, lesson: Lesson | None = None, **kwargs) -> None:
        self.lesson = lesson or current_lesson()
        self.start = neuron.get_fill_opacity()
        self.end = 0.0 if key is None else self.lesson.value(key)
        self.key = key
        super().__init__(neuron, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        """Set the fill part way from the start opacity to the activation.

        Parameters
        ----------
        alpha
            Progress of the animation, 0 to 1 (before `rate_func`).
        """
        t = self.rate_func(alpha)
        self.mobject.set_fill(style.NEURON, opacity=self.start + (self.end - self.start) * t)

    def finish(self) -> None:
        """End on exactly the activation and tag the neuron with `key` (untag it for None)."""
        super().finish()
        self.mobject.set_fill(style.NEURON, opacity=self.end)
        if self.key is None:
            self.mobject.shows = None
        else:
            tag(self.mobject, self.key, self.lesson)


# -- digits ----------------------------------------------------------------------------------------
def cell_centres(rows: int, cols: int, cell: float) -> np.ndarray:
    """Centres of a rows x cols grid of squares of side `cell`, centred on the origin, row-major
    (row 0 on top), as the 784-vector is unrolled.

    Parameters
    ----------
    rows, cols
        Size of the grid in squares.
    cell
        Side of one square in scene units.

    Returns
    -------
    np.ndarray
        A (rows * cols, 3) array of points; row ``i`` is the centre of entry ``i`` of the vector.
    """
    r, c = np.divmod(np.arange(rows * cols), cols)
    return np.stack([(c - (cols - 1) / 2) * cell, ((rows - 1) / 2 - r) * cell, np.zeros(rows * cols)], axis=1)


class PixelGrid(VGroup):
    """A digit as 28x28 squares whose brightness is the pixel value, row-major like the 784-vector.

    Parameters
    ----------
    lesson
        Whose digit (default: the current render's).
    side
        Width of the whole grid in scene units.
    stroke
        Draw thin grid lines between the squares.

    Examples
    --------
    ``PixelGrid(side=4).size_braces()`` gives braces labelled with the image's real size.

    .. manim:: PixelGridExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import PixelGrid
        from scenes.values import Lesson

        class PixelGridExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                grid = PixelGrid(lesson, side=5)
                self.add(grid, grid.size_braces())
    """

    def __init__(self, lesson: Lesson | None = None, side: float = 4.0, stroke: bool = True) -> None:
        super().__init__()
        self.lesson = lesson or current_lesson()
        self.pixels = self.lesson.digit.pixels
        rows, cols = self.pixels.shape
        self.cell = side / max(rows, cols)
        proto = Square(side_length=self.cell, stroke_width=0.4 if stroke else 0, stroke_color=style.FRAME,
                       stroke_opacity=0.5, fill_color=style.PIXEL)
        for i, centre in enumerate(cell_centres(rows, cols, self.cell)):
            sq = proto.copy().move_to(centre)  # copies: 10x faster than new squares
            key = Pixel(i)
            self.add(tag(sq.set_fill(style.PIXEL, opacity=self.lesson.value(key)), key, self.lesson))

    def square(self, row: int, col: int) -> Square:
        """The square of one pixel.

        Parameters
        ----------
        row, col
            The pixel's row (0 on top) and column (0 on the left).

        Returns
        -------
        Square
            The square of pixel ``row * 28 + col`` of the 784-vector.
        """
        return self[row * self.pixels.shape[1] + col]

    def size_braces(self) -> VGroup:
        """Braces under and beside the grid, labelled with its real pixel counts.

        Returns
        -------
        VGroup
            The brace below, its width (`ImageWidth`), the brace on the left and its height
            (`ImageHeight`); not added to the grid.
        """
        below, left = Brace(self, DOWN, buff=0.1), Brace(self, LEFT, buff=0.1)
        return VGroup(below, number(ImageWidth(), self.lesson).next_to(below, DOWN, buff=0.1),
                      left, number(ImageHeight(), self.lesson).next_to(left, LEFT, buff=0.1))

    def value_labels(self, rows: Sequence[int], cols: Sequence[int], over: VGroup | None = None,
                     as_activation: bool = False) -> VGroup:
        """Each pixel's value written over its square (or over `over[i]`), dark on bright ones.

        Parameters
        ----------
        rows, cols
            Which pixels to label: every pixel in these rows and columns.
        over
            Mobjects in the grid's order (e.g. `as_neurons`) to write the labels over instead.
        as_activation
            Tag the labels as the input activations ``Activation(0, i)`` rather than ``Pixel(i)``
            (the same values, named as the input layer).

        Returns
        -------
        VGroup
            The labels, each scaled to 70% of the width of what it is written over.
        """
        labels = VGroup()
        for r in rows:
            for c in cols:
                i = r * self.pixels.shape[1] + c
                target = (over if over is not None else self)[i]
                key = Activation(0, i) if as_activation else Pixel(i)
                lab = number(key, self.lesson, color=style.ink_over(self.lesson.value(key)))
                labels.add(lab.scale_to_fit_width(target.width * 0.7).move_to(target))
        return labels

    def as_neurons(self) -> VGroup:
        """784 neurons in the same places, each as bright as its pixel: the input layer.

        Returns
        -------
        VGroup
            The `Neuron` of ``Activation(0, i)`` over square ``i``, in the grid's order.
        """
        r = self.cell * 0.45
        return VGroup(*[Neuron(Activation(0, i), self.lesson, radius=r).move_to(sq) for i, sq in enumerate(self)])


class DigitThumbnail(VGroup):
    """A small digit, cheap to draw: squares only where there is ink, inside a thin frame.

    Parameters
    ----------
    lesson
        Whose digit (default: the current render's).
    height
        Height in scene units.
    mask
        Optional 28x28 array of 0/1: draw only the pixels where it is 1 (a piece of the digit).

    Examples
    --------
    .. manim:: DigitThumbnailExample
        :save_last_frame:

        import numpy as np
        from manim import RIGHT, Scene, VGroup
        from scenes.mobjects import DigitThumbnail
        from scenes.values import Lesson

        class DigitThumbnailExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                top = np.zeros((28, 28))
                top[:14] = 1
                row = VGroup(DigitThumbnail(lesson), DigitThumbnail(lesson, mask=top),
                             DigitThumbnail(lesson.other("seven_a")))
                self.add(row.arrange(RIGHT))
    """

    def __init__(self, lesson: Lesson | None = None, height: float = 2.0, mask: np.ndarray | None = None) -> None:
        super().__init__()
        self.lesson = lesson or current_lesson()
        pixels = self.lesson.digit.pixels
        rows, cols = pixels.shape
        s = height / rows
        self.frame = Rectangle(width=cols * s, height=rows * s, stroke_color=style.FRAME, stroke_width=1,
                               stroke_opacity=0.6)
        self.add(self.frame)
        proto = Square(side_length=s, stroke_width=0, fill_color=style.PIXEL)
        keep = pixels.ravel() > 0
        if mask is not None:
            keep &= np.asarray(mask).ravel() > 0
        centres = cell_centres(rows, cols, s)
        for i in np.flatnonzero(keep):
            key = Pixel(int(i))
            sq = proto.copy().set_fill(style.PIXEL, opacity=self.lesson.value(key)).move_to(centres[i])
            self.add(tag(sq, key, self.lesson))


# -- signed values as images -------------------------------------------------------------------
class SignedGrid(VGroup):
    """28x28 signed values (weights, or weights times pixels) as squares, drawn as `signed` says:
    sign by colour, opacity by |value| relative to its reference value.

    Parameters
    ----------
    keys
        The 784 values to draw, row-major.
    signed
        How they are drawn (see `scenes.style.grid_scheme`).
    lesson
        Whose values (default: the current render's).
    side
        Width in scene units.

    Raises
    ------
    ValueError
        When there are not exactly 784 keys.

    Examples
    --------
    ``weight_grid(1, 10)`` is the image of the weights into neuron 10 of layer 1. The terms of
    that neuron's weighted sum, each weight times its pixel:

    .. manim:: SignedGridExample
        :save_last_frame:

        from manim import DOWN, Scene
        from scenes import style
        from scenes.mobjects import SignedGrid, sign_legend
        from scenes.values import LargestProduct, Lesson, Product

        class SignedGridExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                j = lesson.focus
                keys = [Product(1, j, i) for i in range(784)]
                terms = SignedGrid(keys, style.grid_scheme(LargestProduct(1, j)), lesson, side=5)
                self.add(terms, sign_legend(terms.signed).next_to(terms, DOWN))
    """

    def __init__(self, keys: Sequence[Key], signed: Signed, lesson: Lesson | None = None, side: float = 4.0) -> None:
        super().__init__()
        if len(keys) != 784:
            raise ValueError(f"SignedGrid draws 28x28 = 784 values, got {len(keys)} keys")
        lesson = lesson or current_lesson()
        scale = lesson.value(signed.reference) or 1.0
        s = side / 28
        self.cell = s
        self.signed = signed
        self.add(Rectangle(width=side, height=side, stroke_color=style.FRAME, stroke_width=1, stroke_opacity=0.6))
        self.squares = VGroup()
        proto = Square(side_length=s, stroke_width=0)
        for key, centre in zip(keys, cell_centres(28, 28, s)):
            v = lesson.value(key)
            sq = proto.copy().set_fill(signed.colour(v), opacity=abs(v) / scale).move_to(centre)
            self.squares.add(tag(sq, key, lesson, signed))
        self.add(self.squares)


def weight_grid(layer: int, neuron: int, lesson: Lesson | None = None, side: float = 4.0) -> SignedGrid:
    """The weights into `neuron` of `layer` from the 784 pixels, as an image (layer is 1).

    Parameters
    ----------
    layer
        The layer the weights feed; only layer 1 has 784 inputs, as `SignedGrid` needs.
    neuron
        The neuron of that layer the weights go into.
    lesson
        Whose weights (default: the current render's).
    side
        Width in scene units.

    Returns
    -------
    SignedGrid
        The weights, full opacity standing for the largest |weight| into that neuron
        (`LargestWeightInto`), so every neuron's image uses its whole range.

    Examples
    --------
    .. manim:: WeightGridExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from scenes.mobjects import weight_grid
        from scenes.values import Lesson

        class WeightGridExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                grids = VGroup(*[weight_grid(1, j, lesson, side=3) for j in (0, 1, lesson.focus)])
                self.add(grids.arrange(RIGHT))
    """
    lesson = lesson or current_lesson()
    keys = [Weight(layer, neuron, i) for i in range(lesson.net.sizes[layer - 1])]
    return SignedGrid(keys, style.grid_scheme(LargestWeightInto(layer, neuron)), lesson, side)


def sign_legend(signed: Signed, font_size: float = style.NOTE) -> Tex:
    """'blue positive, red negative' in the colours `signed` uses, typeset as one line.

    Parameters
    ----------
    signed
        The scheme the legend explains (e.g. a grid's ``.signed``). Colours other than
        `style.POSITIVE` and `style.NEGATIVE` are named "this colour" and "that colour".
    font_size
        Type size of the line.

    Returns
    -------
    Tex
        The line in four parts; the two colour names are drawn in their colours.

    Examples
    --------
    .. manim:: SignLegendExample
        :save_last_frame:

        from manim import DOWN, Scene
        from scenes.mobjects import sign_legend, weight_grid
        from scenes.values import Lesson

        class SignLegendExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                weights = weight_grid(1, lesson.focus, lesson, side=5)
                self.add(weights, sign_legend(weights.signed).next_to(weights, DOWN))
    """
    names = {style.POSITIVE: style.POSITIVE_NAME, style.NEGATIVE: style.NEGATIVE_NAME}
    pos, neg = names.get(signed.positive, "this colour"), names.get(signed.negative, "that colour")
    legend = Tex(pos, " positive, ", neg, " negative", font_size=font_size)
    legend[0].set_color(signed.positive)
    legend[2].set_color(signed.negative)
    return legend


# -- the network -------------------------------------------------------------------------------------
def shown_indices(n: int, keep: int = 16) -> list[int]:
    """Which neurons of an n-neuron layer are drawn: all when they fit, else the first and last keep/2.

    Parameters
    ----------
    n
        Neurons in the layer.
    keep
        The most that are drawn.

    Returns
    -------
    list[int]
        The drawn neurons' indices, ascending.
    """
    return list(range(n)) if n <= keep else list(range(keep // 2)) + list(range(n - keep // 2, n))


STRIP = 8  # input neurons drawn per run of pixels


def input_strips(pixels: np.ndarray, width: int = STRIP) -> list[int]:
    """Input neurons worth drawing: two runs of real pixels from the two rows crossing most ink.

    The 784 inputs cannot all be drawn; the first and last pixels are always black, so a diagram
    that shows these lights up with the digit (mark which they are with `strip_marks`).

    Parameters
    ----------
    pixels
        The digit's 28x28 values in [0, 1] (``lesson.digit.pixels``).
    width
        Pixels per run (two runs, rows at least 4 apart).

    Returns
    -------
    list[int]
        Indices in the 784-vector (row-major), ready for ``NetworkDiagram(input_indices=...)``.

    Examples
    --------
    ``NetworkDiagram(lesson, input_strips(lesson.digit.pixels)).show_trace()``:

    .. manim:: InputStripsExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from scenes.mobjects import NetworkDiagram, PixelGrid, input_strips, strip_marks
        from scenes.values import Lesson

        class InputStripsExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                shown = input_strips(lesson.digit.pixels)
                grid = PixelGrid(lesson, side=3)
                diagram = NetworkDiagram(lesson, shown, height=5, layer_gap=1.9).show_trace()
                self.add(VGroup(VGroup(grid, strip_marks(grid, shown)), diagram).arrange(RIGHT, buff=0.8))
    """
    rows = np.argsort(-pixels.sum(axis=1), kind="stable")
    r1 = int(rows[0])
    r2 = int(next(r for r in rows if abs(int(r) - r1) >= 4))
    out = []
    for r in sorted((r1, r2)):
        ink = np.flatnonzero(pixels[r] > 0.1)
        mid = int(ink.mean()) if ink.size else 14
        start = int(np.clip(mid - width // 2, 0, 28 - width))
        out += [r * 28 + c for c in range(start, start + width)]
    return out


def strip_marks(grid: "PixelGrid", shown: list[int], width: int = STRIP) -> VGroup:
    """Boxes (in the highlight colour) on a `PixelGrid` around each run of pixels from `input_strips`.

    Parameters
    ----------
    grid
        The digit's `PixelGrid`.
    shown
        The indices from `input_strips`: runs of `width` neighbouring pixels, one after another.
    width
        Pixels per run, as given to `input_strips`.

    Returns
    -------
    VGroup
        One box per run, around its first and last square.

    Examples
    --------
    .. manim:: StripMarksExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import PixelGrid, input_strips, strip_marks
        from scenes.values import Lesson

        class StripMarksExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                grid = PixelGrid(lesson, side=6)
                self.add(grid, strip_marks(grid, input_strips(lesson.digit.pixels)))
    """
    return VGroup(*[SurroundingRectangle(VGroup(grid[shown[k]], grid[shown[k + width - 1]]), color=style.HIGHLIGHT,
                                         buff=0.02, stroke_width=2) for k in range(0, len(shown), width)])


class NetworkDiagram(VGroup):
    """The network as columns of neurons joined by its real weights (blue +, red -).

    Layers too large to draw (the 784 inputs) show the neurons `input_indices` (default: the
    first and last eight) around a vertical ellipsis, each labelled with its index in the
    784-vector, and a brace with the layer's true size. Edge width and opacity grow with |w|
    relative to the layer's largest weight (above a floor, `style.EDGE_FLOOR`, so the structure
    reads), so thin faint edges are truly small weights.

    Parameters
    ----------
    lesson
        Whose weights and activations (default: the current render's).
    input_indices
        Which input neurons (pixels) to draw.
    height, layer_gap
        Size of the drawing in scene units.
    max_edge_width
        Stroke width of the layer's largest weight.
    index_labels
        Label the drawn input neurons with their pixel index.

    Attributes
    ----------
    layers
        One `VGroup` of drawn `Neuron` per layer; each neuron has ``.layer`` and ``.index``.
    edges
        One `VGroup` of edges per weight layer (``edges[l - 1]`` feeds layer ``l``).
    shown
        The neuron indices drawn in each layer.
    index_labels, output_labels, input_brace, input_size
        The input indices, the output digits, and the brace with the input layer's size.

    Examples
    --------
    ``NetworkDiagram().show_trace()`` lights every drawn neuron with the chosen digit's
    activations; ``self.play(diagram.forward_pass())`` does it layer by layer.

    .. manim:: NetworkDiagramExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import NetworkDiagram, input_strips
        from scenes.values import Lesson, Prediction

        class NetworkDiagramExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                diagram = NetworkDiagram(lesson, input_strips(lesson.digit.pixels), height=6).show_trace()
                self.add(diagram, diagram.output_box(lesson.value(Prediction())))
    """

    def __init__(self, lesson: Lesson | None = None, input_indices: Sequence[int] | None = None,
                 height: float = 6.0, layer_gap: float = 2.4, max_edge_width: float = 2.5,
                 index_labels: bool = True) -> None:
        super().__init__()
        self.lesson = lesson = lesson or current_lesson()
        sizes = lesson.net.sizes
        self.shown = [sorted(input_indices) if input_indices is not None else shown_indices(sizes[0])]
        self.shown += [shown_indices(n) for n in sizes[1:]]
        self.layers, self.gaps = VGroup(), VGroup()
        step = height / max(len(s) + (1 if len(s) < n else 0) for s, n in zip(self.shown, sizes))
        for l, (idx, n) in enumerate(zip(self.shown, sizes)):
            col = VGroup()
            slots = len(idx) + (1 if len(idx) < n else 0)
            ys = [((slots - 1) / 2 - k) * step for k in range(slots)]
            split = next((k for k in range(1, len(idx)) if idx[k] != idx[k - 1] + 1), len(idx) // 2)
            for k, i in enumerate(idx):
                slot = k if len(idx) == n or k < split else k + 1
                neuron = Neuron().move_to([l * layer_gap, ys[slot], 0])
                neuron.layer, neuron.index = l, i
                col.add(neuron)
            if len(idx) < n:
                self.gaps.add(MathTex(r"\vdots").scale_to_fit_height(step * 0.8).move_to([l * layer_gap, ys[split], 0]))
            self.layers.add(col)
        self.edges = VGroup()
        for l in range(1, len(sizes)):
            scheme = style.edge_scheme(LargestWeight(l), full=max_edge_width)
            scale = lesson.value(scheme.reference) or 1.0
            group = VGroup()
            for a, j in enumerate(self.shown[l]):
                for b, i in enumerate(self.shown[l - 1]):
                    key = Weight(l, j, i)
                    v = lesson.value(key)
                    strength = abs(v) / scale
                    line = Line(self.layers[l - 1][b].get_right(), self.layers[l][a].get_left(),
                                stroke_width=scheme.stroke_width(strength), stroke_color=scheme.colour(v),
                                stroke_opacity=scheme.stroke_opacity(strength))
                    group.add(tag(line, key, lesson, scheme))
            self.edges.add(group)
        self.add(self.edges, self.layers, self.gaps)
        inputs = self.layers[0]
        self.input_brace = Brace(VGroup(inputs, self.gaps), LEFT, buff=0.55 if index_labels else 0.15)
        self.input_size = number(Size(0), lesson, font_size=36).next_to(self.input_brace, LEFT, buff=0.1)
        self.index_labels = VGroup()
        if index_labels:
            for neuron in inputs:
                lab = number(Index(neuron.index, "pixel"), lesson, font_size=style.INDEX, color=style.MUTED)
                self.index_labels.add(lab.next_to(neuron, LEFT, buff=0.08))
        self.output_labels = VGroup(*[
            number(Index(k, "output"), lesson, font_size=style.SMALL).next_to(self.layers[-1][a], RIGHT, buff=0.2)
            for a, k in enumerate(self.shown[-1])])
        self.add(self.input_brace, self.input_size, self.index_labels, self.output_labels)
        self.center()

    def output_box(self, index: int, *beside: VMobject, color=style.HIGHLIGHT) -> Rectangle:
        """A box around output neuron `index`, its label and `beside` (e.g. its value) that
        stays inside its own row, so the neighbours' labels are not cut.

        Parameters
        ----------
        index
            The output neuron (the digit it stands for); it must be drawn.
        *beside
            More mobjects in that row to take into the box.
        color
            The box's colour.

        Returns
        -------
        Rectangle
            The box, 0.9 of a row high, centred on the neuron's row; not added to the diagram.
        """
        col = self.layers[-1]
        a = self.shown[-1].index(index)
        pitch = abs(col[1].get_y() - col[0].get_y()) if len(col) > 1 else col[0].height * 2
        row = VGroup(col[a], self.output_labels[a], *beside)
        return Rectangle(width=row.width + 0.16, height=pitch * 0.9, color=color, stroke_width=3).move_to(
            [row.get_center()[0], col[a].get_y(), 0])

    # -- activations -----------------------------------------------------------------------
    def fill_layer(self, layer: int, lesson: Lesson | None = None) -> list[Animation]:
        """Animations setting the drawn neurons of `layer` to `lesson`'s activations.

        Parameters
        ----------
        layer
            The layer to fill (0: the inputs).
        lesson
            Whose activations (default: the diagram's), e.g. another digit's.

        Returns
        -------
        list[Animation]
            One `FillNeuron` per drawn neuron, to play together.
        """
        lesson = lesson or self.lesson
        return [FillNeuron(n, Activation(layer, n.index), lesson) for n in self.layers[layer]]

    def show_trace(self, lesson: Lesson | None = None) -> "NetworkDiagram":
        """Set every drawn neuron to `lesson`'s activations at once.

        Parameters
        ----------
        lesson
            Whose activations (default: the diagram's).

        Returns
        -------
        NetworkDiagram
            The diagram itself, so calls chain.
        """
        lesson = lesson or self.lesson
        for l, col in enumerate(self.layers):
            for neuron in col:
                neuron.show(Activation(l, neuron.index), lesson)
        return self

    def clear_activations(self) -> list[Animation]:
        """Animations emptying every drawn neuron, after which they stand for no value.

        Returns
        -------
        list[Animation]
            One `FillNeuron` to empty per drawn neuron, to play together.
        """
        return [FillNeuron(n, None, self.lesson) for col in self.layers for n in col]

    def forward_pass(self, lesson: Lesson | None = None, layer_time: float = 1.2) -> Succession:
        """The input lights up, then each layer in turn, with a pulse along the edges between them.

        Parameters
        ----------
        lesson
            Whose activations (default: the diagram's).
        layer_time
            Seconds of the pulse into each layer; the neurons fill in 0.6 of it.

        Returns
        -------
        Succession
            One animation to play; the pulses are `untagged` copies of the edges.
        """
        lesson = lesson or self.lesson
        steps = [AnimationGroup(*self.fill_layer(0, lesson), run_time=layer_time * 0.6)]
        for l in range(1, len(self.layers)):
            glow = untagged(self.edges[l - 1])
            for e in glow:
                e.set_stroke(width=e.get_stroke_width() + 1.5, opacity=1)
            steps.append(AnimationGroup(
                ShowPassingFlash(glow, time_width=0.5, run_time=layer_time),
                AnimationGroup(*self.fill_layer(l, lesson), run_time=layer_time * 0.6),
                lag_ratio=0.6))
        return Succession(*steps)

    def highlight(self, layer: int, index: int) -> list[Animation]:
        """Animations that keep the edges into one neuron of `layer` bright and dim all others.

        Parameters
        ----------
        layer
            The neuron's layer (1 or more: it has edges coming in).
        index
            The neuron's index in its layer; it must be drawn.

        Returns
        -------
        list[Animation]
            Stroke-opacity animations: the other edges into `layer` drop to 0.08 of their opacity,
            the edges of the other layers to 0.04.
        """
        j = self.shown[layer].index(index)
        width = len(self.shown[layer - 1])
        anims = []
        for k, edge in enumerate(self.edges[layer - 1]):
            anims.append(edge.animate.set_stroke(opacity=edge.get_stroke_opacity() * (1 if k // width == j else 0.08)))
        for l, edges in enumerate(self.edges):
            if l != layer - 1:
                anims.append(edges.animate.set_stroke(opacity=0.04))
        return anims


# -- vectors and matrices ------------------------------------------------------------------------
def pick(n: int, keep: list[int]) -> list[int | None]:
    """Indices to show from 0..n-1: the given ones in order, None where a run is skipped.

    Parameters
    ----------
    n
        How many there are (e.g. 784 pixels, 16 neurons).
    keep
        The indices to show, in any order; duplicates are dropped.

    Returns
    -------
    list[int | None]
        Ascending indices with one None for each gap, including before the first and after the
        last when they are not 0 and n-1: ``pick(784, [0, 1, 783])`` is ``[0, 1, None, 783]``.
        Give it to `matrix`, which draws the None as dots.

    Examples
    --------
    .. manim:: PickExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import matrix, number, pick
        from scenes.values import Lesson, Pixel

        class PickExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                rows = pick(784, [0, 1, 150, 151, 783])
                vector = matrix([[number(Pixel(i), lesson, font_size=24) if i is not None else None] for i in rows])
                self.add(vector)
    """
    out, last = [], -1
    for i in sorted(set(keep)):
        if i > last + 1:
            out.append(None)
        out.append(i)
        last = i
    if last < n - 1:
        out.append(None)
    return out


def matrix(cells: list[list], h_buff: float = 1.0, v_buff: float = 0.6) -> MobjectMatrix:
    """A manim `MobjectMatrix` of mobjects, with None drawn as an ellipsis (dots across a row
    that is all None, otherwise dots along it).

    Parameters
    ----------
    cells
        The rows, each a list of mobjects (e.g. from `number`) or None for skipped entries;
        `pick` gives the indices to build them from.
    h_buff, v_buff
        Space between columns and between rows (manim's `MobjectMatrix`).

    Returns
    -------
    MobjectMatrix
        The matrix in brackets; every cell of an all-None row is a vertical ellipsis, any
        other None a horizontal one, both declared `notation`.

    Examples
    --------
    .. manim:: MatrixExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import matrix, number, pick
        from scenes.values import Lesson, Weight

        class MatrixExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                rows, cols = pick(16, [0, 1, 15]), pick(784, [0, 1, 783])
                self.add(matrix([[number(Weight(1, r, c), lesson, font_size=24) if None not in (r, c) else None
                                  for c in cols] for r in rows]))
    """
    rows = []
    for row in cells:
        skip_row = all(c is None for c in row)
        rows.append([c if c is not None else notation(MathTex(r"\vdots" if skip_row else r"\cdots", font_size=30))
                     for c in row])
    return MobjectMatrix(rows, h_buff=h_buff, v_buff=v_buff, bracket_h_buff=0.15)


def sized_parens(height: float, before: str = "", font_size: float = 48) -> tuple[MathTex, MathTex]:
    """An opening and a closing parenthesis that TeX sizes (``\\left( \\right)``) to span
    `height` scene units, for wrapping separate mobjects such as matrices; `before` is LaTeX
    written just left of the opening one (e.g. ``\\sigma``).

    Parameters
    ----------
    height
        The height the parentheses should span, in scene units (TeX sizes them in steps, so
        the result is close to it, not exact).
    before
        LaTeX written just left of the opening parenthesis, in the same mobject.
    font_size
        Type size of the parentheses and of `before`.

    Returns
    -------
    tuple[MathTex, MathTex]
        The opening (with `before`) and the closing parenthesis, declared `notation`, to
        arrange around the mobjects they wrap.

    Examples
    --------
    ``open_, close = sized_parens(m.height + 0.2, r"\\sigma")`` wraps a matrix ``m`` in sigma( ).

    .. manim:: SizedParensExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from scenes.mobjects import matrix, number, pick, sized_parens
        from scenes.values import Lesson, PreActivation

        class SizedParensExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                z = matrix([[number(PreActivation(1, r), lesson, font_size=26) if r is not None else None]
                            for r in pick(16, [0, 1, 15])])
                opening, closing = sized_parens(z.height + 0.05, r"\\sigma")
                self.add(VGroup(opening, z, closing).arrange(RIGHT, buff=0.1))
    """
    def pair(pt: float) -> tuple[MathTex, MathTex]:
        strut = r"\vcenter{\hbox{\rule{0pt}{%.2fpt}}}" % pt
        return (notation(MathTex(before + r"\left(" + strut + r"\right.", font_size=font_size)),
                notation(MathTex(r"\left." + strut + r"\right)", font_size=font_size)))

    unit = font_size / 48  # scene units per pt of strut is about 0.045 * unit, plus ~0.3 * unit
    pt = max(1.0, (height / unit - 0.3) / 0.045)
    opening, closing = pair(pt)
    measured = closing.height
    if abs(measured - height) > 0.05 * height:  # one correction: TeX's delimiters grow in steps
        opening, closing = pair(pt * height / measured)
    return opening, closing


# -- graphs ---------------------------------------------------------------------------------------
def label_axes(axes, x_ticks: Sequence[float], y_ticks: Sequence[float], x_name: str, y_name: str,
               lesson: Lesson | None = None, font_size: float = style.SMALL) -> VGroup:
    """Tick labels (declared `Axis` numbers) and axis names for a manim `Axes`, so a learner can
    read a point off the graph. Names are LaTeX math, e.g. ``"z"`` and ``"\\sigma(z)"``.

    Parameters
    ----------
    axes
        The manim `Axes` to label.
    x_ticks, y_ticks
        The values to write under the x axis and left of the y axis, each with as many
        decimals as it needs (0.5 gets one).
    x_name, y_name
        The axis names, written at the end of each axis.
    lesson
        The lesson the tick labels are tagged for (default: the current render's).
    font_size
        Type size of the tick labels; the names are 4 larger.

    Returns
    -------
    VGroup
        The tick labels (a `VGroup`), the x name and the y name.

    Examples
    --------
    .. manim:: LabelAxesExample
        :save_last_frame:

        import numpy as np
        from manim import Axes, Scene
        from scenes.mobjects import label_axes
        from scenes.values import Lesson

        class LabelAxesExample(Scene):
            def construct(self):
                axes = Axes(x_range=[-6, 6, 2], y_range=[0, 1, 0.5], x_length=10, y_length=4)
                curve = axes.plot(lambda x: 1 / (1 + np.exp(-x)))
                labels = label_axes(axes, [-6, -4, -2, 2, 4, 6], [0, 0.5, 1], "x", r"\\sigma(x)",
                                    Lesson.for_digit("three_a"))
                self.add(axes, curve, labels)
    """
    from scenes.values import Axis

    def places(v: float) -> int:
        return 0 if float(v).is_integer() else len(repr(float(v)).split(".")[1])

    labels = VGroup()
    for v in x_ticks:
        labels.add(number(Axis(v, places(v)), lesson, font_size=font_size, color=style.MUTED)
                   .next_to(axes.x_axis.n2p(v), DOWN, buff=0.12))
    for v in y_ticks:
        labels.add(number(Axis(v, places(v)), lesson, font_size=font_size, color=style.MUTED)
                   .next_to(axes.y_axis.n2p(v), LEFT, buff=0.12))
    x_label = notation(MathTex(x_name, font_size=font_size + 4, color=style.MUTED)).next_to(axes.x_axis.get_end(), RIGHT, buff=0.12)
    y_label = notation(MathTex(y_name, font_size=font_size + 4, color=style.MUTED)).next_to(axes.y_axis.get_end(), UP, buff=0.12)
    return VGroup(labels, x_label, y_label)


def keep_in_frame(mob: VMobject, margin: float = 0.3) -> VMobject:
    """Shift `mob` the least needed to lie inside the frame with `margin` to spare.

    Parameters
    ----------
    mob
        The mobject to move (in place); one already inside is left where it is.
    margin
        Space to keep from each edge of the frame, in scene units.

    Returns
    -------
    VMobject
        `mob` itself, so calls chain.

    Examples
    --------
    .. manim:: KeepInFrameExample
        :save_last_frame:

        from manim import Scene
        from scenes.mobjects import Sentence, keep_in_frame
        from scenes.values import Lesson, Prediction

        class KeepInFrameExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                note = Sentence("the network reads", Prediction(), lesson=lesson).move_to([6, 3.8, 0])
                self.add(keep_in_frame(note, margin=0.4))
    """
    from manim import config

    half_w, half_h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    dx = max(0.0, -half_w - mob.get_left()[0]) - max(0.0, mob.get_right()[0] - half_w)
    dy = max(0.0, -half_h - mob.get_bottom()[1]) - max(0.0, mob.get_top()[1] - half_h)
    return mob.shift([dx, dy, 0])
