"""The network diagram: layers of neurons, real weighted edges, the forward pass."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Animation,
    AnimationGroup,
    Brace,
    Line,
    MathTex,
    Rectangle,
    ShowPassingFlash,
    Succession,
    SurroundingRectangle,
    VGroup,
    VMobject,
)

from lessonkit import style
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.values import Activation, Index, LargestWeight, Size, Weight

from .digits import PixelGrid
from .neurons import FillNeuron, Neuron
from .shown import tag, untagged
from .text import number

if TYPE_CHECKING:
    from manim.mobject.mobject import _AnimationBuilder

__all__ = ["shown_indices", "STRIP", "input_strips", "strip_marks", "NetworkDiagram"]


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
        from lessonkit.mobjects import NetworkDiagram, PixelGrid, input_strips, strip_marks
        from lessonkit.lesson import Lesson

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


def strip_marks(grid: PixelGrid, shown: list[int], width: int = STRIP) -> VGroup:
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
        from lessonkit.mobjects import PixelGrid, input_strips, strip_marks
        from lessonkit.lesson import Lesson

        class StripMarksExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                grid = PixelGrid(lesson, side=6)
                self.add(grid, strip_marks(grid, input_strips(lesson.digit.pixels)))
    """
    return VGroup(
        *[
            SurroundingRectangle(
                VGroup(grid[shown[k]], grid[shown[k + width - 1]]), color=style.HIGHLIGHT, buff=0.02, stroke_width=2
            )
            for k in range(0, len(shown), width)
        ]
    )


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
        from lessonkit.mobjects import NetworkDiagram, input_strips
        from lessonkit.lesson import Lesson
        from lessonkit.values import Prediction

        class NetworkDiagramExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                diagram = NetworkDiagram(lesson, input_strips(lesson.digit.pixels), height=6).show_trace()
                self.add(diagram, diagram.output_box(lesson.value(Prediction())))
    """

    def __init__(
        self,
        lesson: Lesson | None = None,
        input_indices: Sequence[int] | None = None,
        height: float = 6.0,
        layer_gap: float = 2.4,
        max_edge_width: float = 2.5,
        index_labels: bool = True,
    ) -> None:
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
                neuron = Neuron().move_to((l * layer_gap, ys[slot], 0))
                neuron.layer, neuron.index = l, i
                col.add(neuron)
            if len(idx) < n:
                self.gaps.add(MathTex(r"\vdots").scale_to_fit_height(step * 0.8).move_to((l * layer_gap, ys[split], 0)))
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
                    line = Line(
                        self.layers[l - 1][b].get_right(),
                        self.layers[l][a].get_left(),
                        stroke_width=scheme.stroke_width(strength),
                        stroke_color=scheme.colour(v),
                        stroke_opacity=scheme.stroke_opacity(strength),
                    )
                    group.add(tag(line, key, lesson, scheme))
            self.edges.add(group)
        self.add(self.edges, self.layers, self.gaps)
        inputs = self.layers[0]
        self.input_brace = Brace(VGroup(inputs, self.gaps), LEFT, buff=0.55 if index_labels else 0.15)
        self.input_size = number(Size(0), lesson, font_size=36).next_to(self.input_brace, LEFT, buff=0.1)
        self.index_labels = VGroup()
        if index_labels:
            for neuron in cast("Iterable[Neuron]", inputs):
                lab = number(Index(neuron.index, "pixel"), lesson, font_size=style.INDEX, color=style.MUTED)
                self.index_labels.add(lab.next_to(neuron, LEFT, buff=0.08))
        self.output_labels = VGroup(
            *[
                number(Index(k, "output"), lesson, font_size=style.SMALL).next_to(self.layers[-1][a], RIGHT, buff=0.2)
                for a, k in enumerate(self.shown[-1])
            ]
        )
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
        col = cast(VGroup, self.layers[-1])
        a = self.shown[-1].index(index)
        pitch = abs(col[1].get_y() - col[0].get_y()) if len(col) > 1 else col[0].height * 2
        row = VGroup(col[a], self.output_labels[a], *beside)
        return Rectangle(width=row.width + 0.16, height=pitch * 0.9, color=color, stroke_width=3).move_to(
            (row.get_center()[0], col[a].get_y(), 0)
        )

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
        return [FillNeuron(n, Activation(layer, n.index), lesson) for n in cast("Iterable[Neuron]", self.layers[layer])]

    def show_trace(self, lesson: Lesson | None = None) -> NetworkDiagram:
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
            for neuron in cast("Iterable[Neuron]", col):
                neuron.show(Activation(l, neuron.index), lesson)
        return self

    def clear_activations(self) -> list[Animation]:
        """Animations emptying every drawn neuron, after which they stand for no value.

        Returns
        -------
        list[Animation]
            One `FillNeuron` to empty per drawn neuron, to play together.
        """
        return [FillNeuron(n, None, self.lesson) for col in self.layers for n in cast("Iterable[Neuron]", col)]

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
            steps.append(
                AnimationGroup(
                    ShowPassingFlash(glow, time_width=0.5, run_time=layer_time),
                    AnimationGroup(*self.fill_layer(l, lesson), run_time=layer_time * 0.6),
                    lag_ratio=0.6,
                )
            )
        return Succession(*steps)

    def highlight(self, layer: int, index: int) -> list[_AnimationBuilder]:
        """Animations that keep the edges into one neuron of `layer` bright and dim all others.

        Parameters
        ----------
        layer
            The neuron's layer (1 or more: it has edges coming in).
        index
            The neuron's index in its layer; it must be drawn.

        Returns
        -------
        list[_AnimationBuilder]
            Stroke-opacity animations (``.animate`` builders, for ``play``): the other edges into `layer` drop to 0.08 of their opacity,
            the edges of the other layers to 0.04.
        """
        j = self.shown[layer].index(index)
        width = len(self.shown[layer - 1])
        # manim types ``.animate`` as ``_AnimationBuilder | Self`` (for chained calls); it is a builder
        anims: list[_AnimationBuilder] = []
        for k, edge in enumerate(self.edges[layer - 1]):
            anims.append(
                cast("_AnimationBuilder", edge.animate).set_stroke(
                    opacity=edge.get_stroke_opacity() * (1 if k // width == j else 0.08)
                )
            )
        for l, edges in enumerate(self.edges):
            if l != layer - 1:
                anims.append(cast("_AnimationBuilder", edges.animate).set_stroke(opacity=0.04))
        return anims
