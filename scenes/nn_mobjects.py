"""Reusable mobjects for the lesson. Each takes model values as arguments and invents none.

Every mobject that shows a model value carries `model_key`, a tuple naming that value
(for example `("activation", spec, layer, index)`), so tests can check it against the model.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (BLUE, DOWN, GREEN, GREY_B, GREY_C, LEFT, RED, RIGHT, WHITE, Animation, AnimationGroup,
                   Brace, Circle, DecimalNumber, Integer, Line, MathTex, Rectangle, ShowPassingFlash,
                   Square, Succession, VGroup, VMobject)

NEURON_RADIUS = 0.13
POSITIVE, NEGATIVE = BLUE, RED


def tag(mob: VMobject, *key) -> VMobject:
    """Mark `mob` as showing the model value named by `key` (see module docstring)."""
    mob.model_key = tuple(key)
    return mob


def notation(mob):
    """Mark text whose digits are symbols or indices (a^{(1)}, 1/(1+e^-x)), not model values."""
    mob.notation = True  # symbols and indices, not model values
    for f in mob.get_family():
        f.notation = True
    return mob


def untagged(mob: VMobject) -> VMobject:
    """A copy for effects (flashes, glows) that stands for no model value itself."""
    copy = mob.copy()
    for f in copy.get_family():
        f.model_key = None
        f.__dict__.pop("full_width", None)
        f.__dict__.pop("norm_key", None)
    return copy


def number(value: float, *key, decimals: int = 2, **kwargs) -> DecimalNumber:
    """A DecimalNumber that shows one model value and says which."""
    return tag(DecimalNumber(value, num_decimal_places=decimals, **kwargs), *key)


def integer(value: int, *key, **kwargs) -> Integer:
    return tag(Integer(int(value), **kwargs), *key)


def cell_centres(rows: int, cols: int, cell: float) -> np.ndarray:
    """Centres of a rows x cols grid of squares of side `cell`, centred on the origin, row-major
    (row 0 on top), as the 784-vector is unrolled."""
    r, c = np.divmod(np.arange(rows * cols), cols)
    return np.stack([(c - (cols - 1) / 2) * cell, ((rows - 1) / 2 - r) * cell, np.zeros(rows * cols)], axis=1)


class Neuron(Circle):
    """A white circle whose fill opacity is its activation (None: structure only, drawn empty).
    `model_key` names the value it shows; None while it shows none."""

    def __init__(self, activation: float | None = None, radius: float = NEURON_RADIUS,
                 key: tuple | None = None, **kwargs):
        super().__init__(radius=radius, stroke_color=WHITE, stroke_width=1.5, fill_color=WHITE,
                         fill_opacity=0.0 if activation is None else float(activation), **kwargs)
        self.model_key = key

    def show(self, activation: float, key: tuple) -> "Neuron":
        self.model_key = key
        return self.set_fill(WHITE, opacity=float(activation))


class FillNeuron(Animation):
    """Fade a neuron's fill to a new activation; it stands for the new value once the fill is there."""

    def __init__(self, neuron: "Neuron", activation: float | None, key: tuple | None, **kwargs):
        self.start = neuron.get_fill_opacity()
        self.end = 0.0 if activation is None else float(activation)
        self.key = key
        super().__init__(neuron, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        self.mobject.set_fill(WHITE, opacity=self.start + (self.end - self.start) * t)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_fill(WHITE, opacity=self.end)
        self.mobject.model_key = self.key


class PixelGrid(VGroup):
    """A digit as 28x28 squares whose brightness is the pixel value (row-major, like the 784-vector)."""

    def __init__(self, pixels: np.ndarray, spec: str, side: float = 4.0, stroke: bool = True):
        super().__init__()
        self.pixels = np.asarray(pixels, dtype=float)
        self.spec = spec
        rows, cols = self.pixels.shape
        s = side / max(rows, cols)
        self.cell = s
        proto = Square(side_length=s, stroke_width=0.4 if stroke else 0, stroke_color=GREY_C,
                       stroke_opacity=0.5, fill_color=WHITE)
        for i, (v, centre) in enumerate(zip(self.pixels.ravel(), cell_centres(rows, cols, s))):
            sq = proto.copy().set_fill(WHITE, opacity=float(v)).move_to(centre)  # copies: 10x faster than new
            self.add(tag(sq, "pixel", spec, i))

    def square(self, row: int, col: int) -> Square:
        return self[row * self.pixels.shape[1] + col]

    def size_braces(self) -> VGroup:
        """Braces under and beside the grid, labelled with its real pixel counts."""
        rows, cols = self.pixels.shape
        below = Brace(self, DOWN, buff=0.1)
        left = Brace(self, LEFT, buff=0.1)
        return VGroup(below, integer(cols, "image_width").next_to(below, DOWN, buff=0.1),
                      left, integer(rows, "image_height").next_to(left, LEFT, buff=0.1))

    def value_labels(self, rows: Sequence[int], cols: Sequence[int], decimals: int = 1,
                     over: VGroup | None = None, kind: str = "pixel") -> VGroup:
        """Each pixel's value written over its square (or over `over[i]`), dark text on bright ones."""
        labels = VGroup()
        for r in rows:
            for c in cols:
                v = self.pixels[r, c]
                i = r * self.pixels.shape[1] + c
                sq = (over if over is not None else self)[i]
                key = ("pixel", self.spec, i) if kind == "pixel" else ("activation", self.spec, 0, i)
                lab = number(v, *key, decimals=decimals, color=WHITE if v < 0.5 else "#000000")
                lab.scale_to_fit_width(sq.width * 0.7).move_to(sq)
                labels.add(lab)
        return labels

    def as_neurons(self) -> VGroup:
        """784 neurons in the same places, each filled with its pixel's value: the input layer."""
        r = self.cell * 0.45
        return VGroup(*[Neuron(v, radius=r, key=("activation", self.spec, 0, i)).move_to(sq)
                        for i, (v, sq) in enumerate(zip(self.pixels.ravel(), self))])


class DigitThumbnail(VGroup):
    """A small digit, cheap to draw: squares only where there is ink (the rest is the black
    background, which is what a 0 pixel looks like anyway), inside a thin frame."""

    def __init__(self, pixels: np.ndarray, spec: str, height: float = 2.0):
        super().__init__()
        pixels = np.asarray(pixels, dtype=float)
        rows, cols = pixels.shape
        s = height / rows
        self.frame = Rectangle(width=cols * s, height=rows * s, stroke_color=GREY_C, stroke_width=1,
                               stroke_opacity=0.6)
        self.add(self.frame)
        proto = Square(side_length=s, stroke_width=0, fill_color=WHITE)
        values, centres = pixels.ravel(), cell_centres(rows, cols, s)
        for i in np.flatnonzero(values > 0):
            sq = proto.copy().set_fill(WHITE, opacity=float(values[i])).move_to(centres[i])
            self.add(tag(sq, "pixel", spec, int(i)))


class SignedGrid(VGroup):
    """28x28 signed values (weights, or weights times pixels) as squares: green positive,
    red negative, opacity growing with |value| relative to the largest of the grid."""

    def __init__(self, values: np.ndarray, keys: list[tuple], norm_key: tuple, side: float = 4.0,
                 positive=GREEN, negative=RED):
        super().__init__()
        values = np.asarray(values, dtype=float).reshape(28, 28)
        scale = np.abs(values).max() or 1.0
        s = side / 28
        self.cell = s
        self.add(Rectangle(width=side, height=side, stroke_color=GREY_C, stroke_width=1, stroke_opacity=0.6))
        self.squares = VGroup()
        proto = Square(side_length=s, stroke_width=0)
        for i, (v, centre) in enumerate(zip(values.ravel(), cell_centres(28, 28, s))):
            sq = proto.copy().set_fill(positive if v > 0 else negative, opacity=abs(v) / scale).move_to(centre)
            sq.positive_color, sq.norm_key = positive, norm_key
            self.squares.add(tag(sq, *keys[i]))
        self.add(self.squares)


def weight_grid(net, layer: int, neuron: int, side: float = 4.0) -> SignedGrid:
    """The weights into one neuron of layer+1 from the 784 pixels, as an image."""
    return SignedGrid(net.weights[layer][neuron], [("weight", layer, neuron, i) for i in range(784)],
                      ("row_weights", layer, neuron), side)


def shown_indices(n: int, keep: int = 16) -> list[int]:
    """Which neurons of an n-neuron layer are drawn: all when they fit, else the first and last keep/2."""
    return list(range(n)) if n <= keep else list(range(keep // 2)) + list(range(n - keep // 2, n))


class NetworkDiagram(VGroup):
    """The network as columns of neurons joined by its real weights (blue +, red -).

    Layers too large to draw (the 784 inputs) show the neurons `input_indices` (default: the
    first and last eight) around a vertical ellipsis, each labelled with its index in the
    784-vector, and a brace with the layer's true size.
    """

    def __init__(self, net, input_indices: Sequence[int] | None = None, height: float = 6.0,
                 layer_gap: float = 2.4, max_edge_width: float = 2.5, index_labels: bool = True):
        super().__init__()
        self.net = net
        sizes = net.sizes
        self.shown = [sorted(input_indices) if input_indices is not None else shown_indices(sizes[0])]
        self.shown += [shown_indices(n) for n in sizes[1:]]
        self.layers = VGroup()
        self.gaps = VGroup()
        step = height / max(len(s) + (1 if len(s) < n else 0) for s, n in zip(self.shown, sizes))
        for l, (idx, n) in enumerate(zip(self.shown, sizes)):
            col = VGroup()
            slots = len(idx) + (1 if len(idx) < n else 0)
            ys = [((slots - 1) / 2 - k) * step for k in range(slots)]
            split = next((k for k in range(1, len(idx)) if idx[k] != idx[k - 1] + 1), len(idx) // 2)
            for k, i in enumerate(idx):
                slot = k if len(idx) == n or k < split else k + 1
                col.add(Neuron(key=None).move_to([l * layer_gap, ys[slot], 0]))
                col[-1].layer, col[-1].index = l, i
            if len(idx) < n:
                dots = MathTex(r"\vdots").scale_to_fit_height(step * 0.8).move_to([l * layer_gap, ys[split], 0])
                self.gaps.add(dots)
            self.layers.add(col)
        self.edges = VGroup()
        for l, w in enumerate(net.weights):
            sub = w[np.ix_(self.shown[l + 1], self.shown[l])]
            scale = np.abs(w).max() or 1.0  # the whole layer's largest weight: faint edges are truly small
            group = VGroup()
            for a, j in enumerate(self.shown[l + 1]):
                for b, i in enumerate(self.shown[l]):
                    v = sub[a, b]
                    strength = abs(v) / scale
                    line = Line(self.layers[l][b].get_right(), self.layers[l + 1][a].get_left(),
                                stroke_width=max_edge_width * strength,
                                stroke_color=POSITIVE if v > 0 else NEGATIVE,
                                stroke_opacity=0.15 + 0.85 * strength)
                    line.full_width = max_edge_width
                    line.positive_color, line.norm_key = POSITIVE, ("layer_weights", l)
                    group.add(tag(line, "weight", l, j, i))
            self.edges.add(group)
        self.add(self.edges, self.layers, self.gaps)
        inputs = self.layers[0]
        self.input_brace = Brace(VGroup(inputs, self.gaps), LEFT, buff=0.55 if index_labels else 0.15)
        self.input_size = integer(sizes[0], "size", 0, font_size=36).next_to(self.input_brace, LEFT, buff=0.1)
        self.index_labels = VGroup()
        if index_labels:
            for neuron in inputs:
                lab = integer(neuron.index, "input_index", neuron.index, font_size=14, color=GREY_B)
                self.index_labels.add(lab.next_to(neuron, LEFT, buff=0.08))
        self.output_labels = VGroup(*[
            integer(k, "output_label", k, font_size=28).next_to(self.layers[-1][a], RIGHT, buff=0.2)
            for a, k in enumerate(self.shown[-1])])
        self.add(self.input_brace, self.input_size, self.index_labels, self.output_labels)
        self.center()

    # -- activations -----------------------------------------------------------------------
    def fill_layer(self, layer: int, values: np.ndarray, spec: str) -> list:
        """Animations setting the shown neurons of `layer` to `values` (that layer's activations)."""
        return [FillNeuron(n, values[n.index], ("activation", spec, layer, n.index)) for n in self.layers[layer]]

    def show_trace(self, trace, spec: str) -> "NetworkDiagram":
        """Set every shown neuron to the trace's activations at once."""
        for l, values in enumerate(trace.activations):
            for neuron in self.layers[l]:
                neuron.show(values[neuron.index], ("activation", spec, l, neuron.index))
        return self

    def clear_activations(self) -> list:
        return [FillNeuron(n, None, None) for col in self.layers for n in col]

    def forward_pass(self, trace, spec: str, layer_time: float = 1.2) -> Succession:
        """Input lights up, then each layer in turn, with a pulse along the edges between them."""
        steps = [AnimationGroup(*self.fill_layer(0, trace.activations[0], spec), run_time=layer_time * 0.6)]
        for l in range(1, len(self.layers)):
            glow = untagged(self.edges[l - 1])
            for e in glow:
                e.set_stroke(width=e.get_stroke_width() + 1.5, opacity=1)
            steps.append(AnimationGroup(
                ShowPassingFlash(glow, time_width=0.5, run_time=layer_time),
                AnimationGroup(*self.fill_layer(l, trace.activations[l], spec), run_time=layer_time * 0.6),
                lag_ratio=0.6))
        return Succession(*steps)

    def highlight(self, layer: int, index: int) -> list:
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


def bracket_matrix(cells: list[list], h_buff: float = 0.25, v_buff: float = 0.22) -> VGroup:
    """Mobjects (or None for an ellipsis) in a grid, between tall square brackets."""
    rows, cols = len(cells), len(cells[0])
    grid = VGroup()
    for r in range(rows):
        for c in range(cols):
            m = cells[r][c]
            if m is None:
                m = MathTex(r"\cdots", font_size=30)
            grid.add(m)
    grid.arrange_in_grid(rows=rows, cols=cols, buff=(h_buff, v_buff))
    for r in range(rows):  # whole rows of ellipses are vertical dots
        if all(cells[r][c] is None for c in range(cols)):
            for c in range(cols):
                old = grid[r * cols + c]
                grid.submobjects[r * cols + c] = MathTex(r"\vdots", font_size=30).move_to(old)
    left = notation(MathTex(r"\left[ \vphantom{\begin{matrix}" + r"\\".join(["x"] * rows) + r"\end{matrix}} \right.", font_size=36))
    right = notation(MathTex(r"\left. \vphantom{\begin{matrix}" + r"\\".join(["x"] * rows) + r"\end{matrix}} \right]", font_size=36))
    left.stretch_to_fit_height(grid.height + 0.3).next_to(grid, LEFT, buff=0.1)
    right.stretch_to_fit_height(grid.height + 0.3).next_to(grid, RIGHT, buff=0.1)
    out = VGroup(left, grid, right)
    out.grid, out.shape = grid, (rows, cols)
    return out
