"""Digits as pixels: the 28x28 grid of a digit and small thumbnails of other digits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from manim import DOWN, LEFT, Brace, Rectangle, Square, VGroup

from lessonkit import style
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.values import Activation, ImageHeight, ImageWidth, Pixel

from .neurons import Neuron
from .shown import tag
from .text import number

__all__ = ["cell_centres", "PixelGrid", "DigitThumbnail"]


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
        from lessonkit.mobjects import PixelGrid
        from lessonkit.lesson import Lesson

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
        proto = Square(
            side_length=self.cell,
            stroke_width=0.4 if stroke else 0,
            stroke_color=style.FRAME,
            stroke_opacity=0.5,
            fill_color=style.PIXEL,
        )
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
        return cast(Square, self[row * self.pixels.shape[1] + col])

    def size_braces(self) -> VGroup:
        """Braces under and beside the grid, labelled with its real pixel counts.

        Returns
        -------
        VGroup
            The brace below, its width (`ImageWidth`), the brace on the left and its height
            (`ImageHeight`); not added to the grid.
        """
        below, left = Brace(self, DOWN, buff=0.1), Brace(self, LEFT, buff=0.1)
        return VGroup(
            below,
            number(ImageWidth(), self.lesson).next_to(below, DOWN, buff=0.1),
            left,
            number(ImageHeight(), self.lesson).next_to(left, LEFT, buff=0.1),
        )

    def value_labels(
        self, rows: Sequence[int], cols: Sequence[int], over: VGroup | None = None, as_activation: bool = False
    ) -> VGroup:
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
        from lessonkit.mobjects import DigitThumbnail
        from lessonkit.lesson import Lesson

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
        self.frame = Rectangle(
            width=cols * s, height=rows * s, stroke_color=style.FRAME, stroke_width=1, stroke_opacity=0.6
        )
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
