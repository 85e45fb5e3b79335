"""Reusable mobjects of the lesson: digits, neurons, the network diagram, weight images, lines of
text with numbers. Each is given keys (`scenes.values`), fetches its own values from a `Lesson`
and remembers which value it shows, so tests can check every one against the model.

Import them into your own manim file::

    from manim import Scene, FadeIn
    from scenes.mobjects import NetworkDiagram, PixelGrid
    from scenes.values import Lesson

    class MyScene(Scene):
        def construct(self):
            lesson = Lesson.for_digit("seven_a")
            self.play(FadeIn(PixelGrid(lesson, side=3).to_edge(LEFT)))
            self.play(FadeIn(NetworkDiagram(lesson).show_trace().to_edge(RIGHT)))

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
from manim import (DOWN, LEFT, RIGHT, UP, WHITE, Animation, AnimationGroup, Brace, Circle, DecimalNumber, Integer,
                   Line, MathTex, MobjectMatrix, Tex, Rectangle, ShowPassingFlash, Square, Succession, VGroup,
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
    value, or a declared non-model number), and, for signed values, how they are drawn."""

    key: Key
    digit: str | None = None
    signed: Signed | None = None

    def __deepcopy__(self, memo) -> "Shown":
        return self  # immutable


def tag(mob: VMobject, key: Key, lesson: Lesson | None = None, signed: Signed | None = None) -> VMobject:
    """Mark `mob` as showing the value `key` names for `lesson`'s digit."""
    lesson = lesson or current_lesson()
    mob.shows = Shown(key, lesson.spec if key.of_digit else None, signed)
    return mob


def notation(mob: VMobject) -> VMobject:
    """Mark LaTeX whose digits are symbols or indices (a^{(1)}, 1/(1+e^-x)), not model values."""
    for f in mob.get_family():
        f.notation = True
    return mob


def untagged(mob: VMobject) -> VMobject:
    """A copy for effects (flashes, glows) that stands for no value itself."""
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

    Examples
    --------
    ``number(Bias(1, 10), font_size=32)`` shows -1.64 for the shipped model.
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
    it are refused by the tests unless it is declared `notation` (indices like w_1, a^{(0)})."""

    tex: str
    notation: bool = False


@dataclass(frozen=True)
class Styled:
    """A piece of a `sentence` in its own colour (a key, words, or Math)."""

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
    ``Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"))`` reads "neuron 10 of
    layer 1"; ``Sentence(Styled(WeightedSum(1, j), YELLOW), Math("+"), AbsBias(1, j))``.
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
        """The piece of the line that shows `key`."""
        return next(m for m in self.submobjects if getattr(m, "shows", None) and m.shows.key == key)


def shown_number(mob) -> float:
    """The number a tagged piece of a `Sentence` reads (its LaTeX, not its value)."""
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

    Examples
    --------
    ``Neuron(Activation(1, 10), radius=0.6)`` is neuron 10 of the first hidden layer, as bright
    as it is for the chosen digit.
    """

    def __init__(self, key: Activation | None = None, lesson: Lesson | None = None,
                 radius: float = NEURON_RADIUS, **kwargs) -> None:
        super().__init__(radius=radius, stroke_color=style.NEURON, stroke_width=1.5, fill_color=style.NEURON,
                         fill_opacity=0.0, **kwargs)
        self.shows = None
        if key is not None:
            self.show(key, lesson)

    def show(self, key: Activation, lesson: Lesson | None = None) -> "Neuron":
        """Fill with the activation `key` names (now, without animation)."""
        lesson = lesson or current_lesson()
        tag(self, key, lesson)
        return self.set_fill(style.NEURON, opacity=lesson.value(key))


class FillNeuron(Animation):
    """Fade a neuron's fill to the activation `key` names (None: empty); it stands for that value
    once the fill is there."""

    def __init__(self, neuron: Neuron, key: Activation | None, lesson: Lesson | None = None, **kwargs) -> None:
        self.lesson = lesson or current_lesson()
        self.start = neuron.get_fill_opacity()
        self.end = 0.0 if key is None else self.lesson.value(key)
        self.key = key
        super().__init__(neuron, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        self.mobject.set_fill(style.NEURON, opacity=self.start + (self.end - self.start) * t)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_fill(style.NEURON, opacity=self.end)
        if self.key is None:
            self.mobject.shows = None
        else:
            tag(self.mobject, self.key, self.lesson)


# -- digits ----------------------------------------------------------------------------------------
def cell_centres(rows: int, cols: int, cell: float) -> np.ndarray:
    """Centres of a rows x cols grid of squares of side `cell`, centred on the origin, row-major
    (row 0 on top), as the 784-vector is unrolled."""
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
    ``PixelGrid(side=4).size_braces()`` adds braces labelled with the image's real size.
    """

    def __init__(self, lesson: Lesson | None = None, side: float = 4.0, stroke: bool = True) -> None:
        super().__init__()
        self.lesson = lesson or current_lesson()
        self.pixels = self.lesson.digit.pixels
        rows, cols = self.pixels.shape
        self.cell = side / max(rows, cols)
        proto = Square(side_length=self.cell, stroke_width=0.4 if stroke else 0, stroke_color=style.FRAME,
                       stroke_opacity=0.5, fill_color=WHITE)
        for i, centre in enumerate(cell_centres(rows, cols, self.cell)):
            sq = proto.copy().move_to(centre)  # copies: 10x faster than new squares
            key = Pixel(i)
            self.add(tag(sq.set_fill(WHITE, opacity=self.lesson.value(key)), key, self.lesson))

    def square(self, row: int, col: int) -> Square:
        return self[row * self.pixels.shape[1] + col]

    def size_braces(self) -> VGroup:
        """Braces under and beside the grid, labelled with its real pixel counts."""
        below, left = Brace(self, DOWN, buff=0.1), Brace(self, LEFT, buff=0.1)
        return VGroup(below, number(ImageWidth(), self.lesson).next_to(below, DOWN, buff=0.1),
                      left, number(ImageHeight(), self.lesson).next_to(left, LEFT, buff=0.1))

    def value_labels(self, rows: Sequence[int], cols: Sequence[int], over: VGroup | None = None,
                     as_activation: bool = False) -> VGroup:
        """Each pixel's value written over its square (or over `over[i]`), dark on bright ones."""
        labels = VGroup()
        for r in rows:
            for c in cols:
                i = r * self.pixels.shape[1] + c
                target = (over if over is not None else self)[i]
                key = Activation(0, i) if as_activation else Pixel(i)
                bright = self.lesson.value(key) >= 0.5
                lab = number(key, self.lesson, color=style.INK_ON_BRIGHT if bright else WHITE)
                labels.add(lab.scale_to_fit_width(target.width * 0.7).move_to(target))
        return labels

    def as_neurons(self) -> VGroup:
        """784 neurons in the same places, each as bright as its pixel: the input layer."""
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
        proto = Square(side_length=s, stroke_width=0, fill_color=WHITE)
        keep = pixels.ravel() > 0
        if mask is not None:
            keep &= np.asarray(mask).ravel() > 0
        centres = cell_centres(rows, cols, s)
        for i in np.flatnonzero(keep):
            key = Pixel(int(i))
            sq = proto.copy().set_fill(WHITE, opacity=self.lesson.value(key)).move_to(centres[i])
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

    Examples
    --------
    ``weight_grid(1, 10)`` is the image of the weights into neuron 10 of layer 1.
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
    """The weights into `neuron` of `layer` from the 784 pixels, as an image (layer is 1)."""
    lesson = lesson or current_lesson()
    keys = [Weight(layer, neuron, i) for i in range(lesson.net.sizes[layer - 1])]
    return SignedGrid(keys, style.grid_scheme(LargestWeightInto(layer, neuron)), lesson, side)


def sign_legend(signed: Signed, font_size: float = style.NOTE) -> Tex:
    """'blue positive, red negative' in the colours `signed` uses, typeset as one line."""
    names = {style.POSITIVE: style.POSITIVE_NAME, style.NEGATIVE: style.NEGATIVE_NAME}
    pos, neg = names.get(signed.positive, "this colour"), names.get(signed.negative, "that colour")
    legend = Tex(pos, " positive, ", neg, " negative", font_size=font_size)
    legend[0].set_color(signed.positive)
    legend[2].set_color(signed.negative)
    return legend


# -- the network -------------------------------------------------------------------------------------
def shown_indices(n: int, keep: int = 16) -> list[int]:
    """Which neurons of an n-neuron layer are drawn: all when they fit, else the first and last keep/2."""
    return list(range(n)) if n <= keep else list(range(keep // 2)) + list(range(n - keep // 2, n))


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

    Examples
    --------
    ``NetworkDiagram().show_trace()`` lights every drawn neuron with the chosen digit's
    activations; ``self.play(diagram.forward_pass())`` does it layer by layer.
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
        stays inside its own row, so the neighbours' labels are not cut."""
        col = self.layers[-1]
        a = self.shown[-1].index(index)
        pitch = abs(col[1].get_y() - col[0].get_y()) if len(col) > 1 else col[0].height * 2
        row = VGroup(col[a], self.output_labels[a], *beside)
        return Rectangle(width=row.width + 0.16, height=pitch * 0.9, color=color, stroke_width=3).move_to(
            [row.get_center()[0], col[a].get_y(), 0])

    # -- activations -----------------------------------------------------------------------
    def fill_layer(self, layer: int, lesson: Lesson | None = None) -> list[Animation]:
        """Animations setting the drawn neurons of `layer` to `lesson`'s activations."""
        lesson = lesson or self.lesson
        return [FillNeuron(n, Activation(layer, n.index), lesson) for n in self.layers[layer]]

    def show_trace(self, lesson: Lesson | None = None) -> "NetworkDiagram":
        """Set every drawn neuron to `lesson`'s activations at once."""
        lesson = lesson or self.lesson
        for l, col in enumerate(self.layers):
            for neuron in col:
                neuron.show(Activation(l, neuron.index), lesson)
        return self

    def clear_activations(self) -> list[Animation]:
        return [FillNeuron(n, None, self.lesson) for col in self.layers for n in col]

    def forward_pass(self, lesson: Lesson | None = None, layer_time: float = 1.2) -> Succession:
        """The input lights up, then each layer in turn, with a pulse along the edges between them."""
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
        """Animations that keep the edges into one neuron of `layer` bright and dim all others."""
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
    """Indices to show from 0..n-1: the given ones in order, None where a run is skipped."""
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
    that is all None, otherwise dots along it)."""
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

    Examples
    --------
    ``open_, close = sized_parens(m.height + 0.2, r"\\sigma")`` wraps a matrix ``m`` in sigma( ).
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
    read a point off the graph. Names are LaTeX math, e.g. ``"z"`` and ``"\\sigma(z)"``."""
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
    """Shift `mob` the least needed to lie inside the frame with `margin` to spare."""
    from manim import config

    half_w, half_h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    dx = max(0.0, -half_w - mob.get_left()[0]) - max(0.0, mob.get_right()[0] - half_w)
    dy = max(0.0, -half_h - mob.get_bottom()[1]) - max(0.0, mob.get_top()[1] - half_h)
    return mob.shift([dx, dy, 0])
