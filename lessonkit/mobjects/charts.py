"""Graphs of the training run: axes over epochs on a log scale, and curves through recorded points.

Most of the learning happens in the first epoch (a few thousand images take the network from
chance to most of the way), so time is drawn on a log scale; the random start (epoch 0) sits at
the left end of the axis and is labelled "start".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from manim import DOWN, LEFT, UP, Axes, Rectangle, Tex, VGroup, VMobject
from manim.utils.color import ManimColor

from lessonkit import style
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.style import Signed
from lessonkit.values import Axis, Key

from .text import number

__all__ = ["START_LOG", "X_TICKS", "epoch_x", "log_epoch_axes", "history_curve", "LEVELS", "SignedImage"]

START_LOG = -3.0  # the log10(epochs) drawn at the axis origin, where the random start (epoch 0) sits
X_TICKS = (0.01, 0.1, 1, 10)


def epoch_x(epochs: np.ndarray | Sequence[float]) -> np.ndarray:
    """Where a moment of training sits on the axis: log10(epochs) - START_LOG (the start at 0).

    Parameters
    ----------
    epochs
        Moments of training in epochs (fractions for part of one); 0 or less is the start.

    Returns
    -------
    np.ndarray
        The x coordinates on `log_epoch_axes`: 0 for the start, else 3 + log10(epochs).
    """
    e = np.asarray(epochs, dtype=float)
    return np.where(e > 0, np.log10(np.maximum(e, 1e-12)) - START_LOG, 0.0)


def log_epoch_axes(
    y_range: Sequence[float],
    y_ticks: Sequence[float],
    y_name: str,
    lesson: Lesson | None = None,
    x_length: float = 5.2,
    y_length: float = 3.2,
    font_size: float = style.SMALL,
) -> tuple[Axes, VGroup]:
    """Axes with epochs (log scale) across and `y_name` up, and their labels (declared `Axis`
    numbers, the word "start" at the origin, the axis names).

    The x axis runs from the start to 100 epochs, with ticks at 0.01, 0.1, 1 and 10 epochs.

    Parameters
    ----------
    y_range
        The bottom and top of the y axis.
    y_ticks
        The y values to label, evenly spaced (their spacing is the axis's tick step).
    y_name
        The y axis's name, as text (`Tex`), e.g. ``r"test digits read right (\\%)"``.
    lesson
        The lesson the tick labels are tagged for (default: the current render's).
    x_length, y_length
        Size of the axes in scene units.
    font_size
        Type size of the labels.

    Returns
    -------
    tuple[Axes, VGroup]
        The axes, and their labels (not added to the axes).

    Examples
    --------
    .. manim:: LogEpochAxesExample
        :save_last_frame:

        from manim import Scene, VGroup
        from lessonkit.mobjects.charts import log_epoch_axes
        from lessonkit.lesson import Lesson

        class LogEpochAxesExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                axes, labels = log_epoch_axes([0, 100], [0, 50, 100], r"test digits read right (\\%)", lesson)
                self.add(VGroup(axes, labels).center())
    """
    lesson = lesson or current_lesson()
    top = float(epoch_x([100])[0])
    axes = Axes(
        x_range=[0, top, 1],
        y_range=[y_range[0], y_range[1], y_ticks[1] - y_ticks[0]],
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={"color": style.FRAME, "stroke_width": 2},
    )
    labels = VGroup()
    for v in X_TICKS:
        labels.add(
            number(
                Axis(v, max(0, -int(np.floor(np.log10(v))))), lesson, font_size=font_size, color=style.MUTED
            ).next_to(axes.c2p(float(epoch_x([v])[0]), y_range[0]), DOWN, buff=0.15)
        )
    labels.add(Tex("start", font_size=font_size, color=style.MUTED).next_to(axes.c2p(0, y_range[0]), DOWN, buff=0.15))
    for v in y_ticks:
        labels.add(
            number(Axis(v), lesson, font_size=font_size, color=style.MUTED).next_to(axes.c2p(0, v), LEFT, buff=0.15)
        )
    labels.add(Tex("epochs (log scale)", font_size=font_size, color=style.MUTED).next_to(axes.x_axis, DOWN, buff=0.55))
    labels.add(
        Tex(y_name, font_size=font_size + 2, color=style.MUTED)
        .next_to(axes.y_axis, UP, buff=0.2)
        .align_to(axes.y_axis, LEFT)
    )
    return axes, labels


def history_curve(
    axes: Axes, epochs: Sequence[float], keys: Sequence[Key], lesson: Lesson | None = None, color=style.CURVE
) -> VMobject:
    """A polyline through the recorded points: x from `epochs`, y the values `keys` name.

    The curve remembers its keys (`curve.keys`) and its corners are exactly the points, so a test
    can read each value back with `axes.p2c`.

    Parameters
    ----------
    axes
        Axes from `log_epoch_axes`.
    epochs
        When each point was recorded, in epochs (0: the random start).
    keys
        The value at each point, one key per entry of `epochs` (e.g. ``HistoryCost(p)``).
    lesson
        Whose training run (default: the current render's).
    color
        The curve's colour.

    Returns
    -------
    VMobject
        The polyline, with ``.keys`` and ``.axes`` set.

    Examples
    --------
    .. manim:: HistoryCurveExample
        :save_last_frame:

        from manim import Scene, VGroup
        from lessonkit import style
        from lessonkit.mobjects.charts import history_curve, log_epoch_axes
        from lessonkit.values import HistoryCost
        from lessonkit.lesson import Lesson

        class HistoryCurveExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                axes, labels = log_epoch_axes([0, 12], [0, 4, 8, 12], "cost", lesson)
                epochs = lesson.history.points["epoch"]
                keys = [HistoryCost(p) for p in range(len(epochs))]
                cost = history_curve(axes, epochs, keys, lesson, style.CURVE_ALT)
                self.add(VGroup(axes, labels, cost).center())
    """
    lesson = lesson or current_lesson()
    xs = epoch_x(epochs)
    ys = [lesson.value(k) for k in keys]
    curve = VMobject(stroke_color=color, stroke_width=4)
    curve.set_points_as_corners([axes.c2p(x, y) for x, y in zip(xs, ys)])
    cast(Any, curve).keys = list(keys)  # our own attributes, set at run time
    cast(Any, curve).axes = axes
    return curve


LEVELS = 64  # opacity steps of a SignedImage: within 1/128 of |value| / reference


def _square_paths(centres: np.ndarray, side: float) -> np.ndarray:
    """Bezier points (4 straight cubic curves each) of squares of `side` at `centres`, one subpath each."""
    h = side / 2
    corners = np.array([[-h, h, 0], [h, h, 0], [h, -h, 0], [-h, -h, 0], [-h, h, 0]])
    t = np.array([0, 1 / 3, 2 / 3, 1])[:, None]
    edge = np.concatenate([corners[k] + t * (corners[k + 1] - corners[k]) for k in range(4)])  # 16 x 3
    return (centres[:, None, :] + edge[None]).reshape(-1, 3)


class SignedImage(VGroup):
    """28x28 signed values as an image: colour by sign, opacity by |value| relative to
    `signed.reference`, as `SignedGrid` draws them, but built from one mobject per sign and
    opacity step (at most 2 x LEVELS) instead of 784 squares, so a flip-book of many images
    stays cheap to build and draw.

    Parameters
    ----------
    keys
        The 784 values, row-major.
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

    Notes
    -----
    `shown_values()` reads the 784 signed relative sizes back from the drawn mobjects, so a test
    can check them against an independent computation of `keys`.

    Examples
    --------
    .. manim:: SignedImageExample
        :save_last_frame:

        from manim import Scene, VGroup
        from lessonkit import style
        from lessonkit.mobjects.charts import SignedImage
        from lessonkit.values import LargestWeightInto, Weight
        from lessonkit.lesson import Lesson

        class SignedImageExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                images = VGroup(*[SignedImage([Weight(1, j, i) for i in range(784)],
                                              style.grid_scheme(LargestWeightInto(1, j)), lesson, side=1.5)
                                  for j in range(16)])
                self.add(images.arrange_in_grid(cols=4, buff=0.12))
    """

    def __init__(self, keys: Sequence[Key], signed: Signed, lesson: Lesson | None = None, side: float = 1.2) -> None:
        super().__init__()
        lesson = lesson or current_lesson()
        if len(keys) != 784:
            raise ValueError(f"SignedImage draws 28x28 = 784 values, got {len(keys)} keys")
        values = np.array([lesson.value(k) for k in keys], dtype=float)
        scale = lesson.value(signed.reference) or 1.0
        level = np.round(np.clip(np.abs(values) / scale, 0, 1) * LEVELS).astype(int)
        positive = values > 0
        self.add(Rectangle(width=side, height=side, stroke_color=style.FRAME, stroke_width=1, stroke_opacity=0.6))
        from lessonkit.mobjects import cell_centres

        cell = side / 28
        centres = cell_centres(28, 28, cell)
        self.buckets: list[tuple[VMobject, np.ndarray, float]] = []  # (mobject, cells, signed size)
        for sign in (True, False):
            for k in np.unique(level[positive == sign]):
                if k == 0:
                    continue
                cells = np.flatnonzero((positive == sign) & (level == k))
                mob = VMobject(
                    stroke_width=0, fill_color=signed.positive if sign else signed.negative, fill_opacity=k / LEVELS
                )
                mob.set_points(_square_paths(centres[cells], cell))
                self.add(mob)
                self.buckets.append((mob, cells, (1 if sign else -1) * k / LEVELS))
        self.keys, self.signed, self.lesson = list(keys), signed, lesson

    def shown_values(self) -> np.ndarray:
        """The 784 signed relative sizes as drawn (sign from colour, size from opacity).

        Returns
        -------
        np.ndarray
            784 values in [-1, 1], row-major: |value| / reference clipped to 1 and rounded to
            1/LEVELS steps; 0 where nothing is drawn.
        """
        out = np.zeros(784)
        for mob, cells, _ in self.buckets:
            sign = 1 if mob.get_fill_color() == ManimColor(self.signed.positive) else -1
            out[cells] = sign * mob.get_fill_opacity()
        return out
