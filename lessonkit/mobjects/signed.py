"""Signed values as images: weights drawn blue (+) and red (-) on a grid."""

from __future__ import annotations

from collections.abc import Sequence

from manim import Rectangle, Square, Tex, VGroup

from lessonkit import style
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.style import Signed
from lessonkit.values import Key, LargestWeightInto, Weight

from .digits import cell_centres
from .shown import tag

__all__ = ["SignedGrid", "weight_grid", "sign_legend"]


class SignedGrid(VGroup):
    """28x28 signed values (weights, or weights times pixels) as squares, drawn as `signed` says:
    sign by colour, opacity by |value| relative to its reference value.

    Parameters
    ----------
    keys
        The 784 values to draw, row-major.
    signed
        How they are drawn (see `lessonkit.style.grid_scheme`).
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
        from lessonkit import style
        from lessonkit.mobjects import SignedGrid, sign_legend
        from lessonkit.values import LargestProduct, Product
        from lessonkit.lesson import Lesson

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
        from lessonkit.mobjects import weight_grid
        from lessonkit.lesson import Lesson

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
        from lessonkit.mobjects import sign_legend, weight_grid
        from lessonkit.lesson import Lesson

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
