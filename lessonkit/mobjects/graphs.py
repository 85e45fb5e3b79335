"""Graph helpers: labelled axes, and keeping a mobject inside the frame."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, UP, MathTex, VGroup, VMobject

from lessonkit import style
from lessonkit.lesson import Lesson

from .shown import notation
from .text import number

__all__ = ["label_axes", "keep_in_frame"]


def label_axes(
    axes,
    x_ticks: Sequence[float],
    y_ticks: Sequence[float],
    x_name: str,
    y_name: str,
    lesson: Lesson | None = None,
    font_size: float = style.SMALL,
) -> VGroup:
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
        from lessonkit.mobjects import label_axes
        from lessonkit.lesson import Lesson

        class LabelAxesExample(Scene):
            def construct(self):
                axes = Axes(x_range=[-6, 6, 2], y_range=[0, 1, 0.5], x_length=10, y_length=4)
                curve = axes.plot(lambda x: 1 / (1 + np.exp(-x)))
                labels = label_axes(axes, [-6, -4, -2, 2, 4, 6], [0, 0.5, 1], "x", r"\\sigma(x)",
                                    Lesson.for_digit("three_a"))
                self.add(axes, curve, labels)
    """
    from lessonkit.values import Axis

    def places(v: float) -> int:
        return 0 if float(v).is_integer() else len(repr(float(v)).split(".")[1])

    labels = VGroup()
    for v in x_ticks:
        labels.add(
            number(Axis(v, places(v)), lesson, font_size=font_size, color=style.MUTED).next_to(
                axes.x_axis.n2p(v), DOWN, buff=0.12
            )
        )
    for v in y_ticks:
        labels.add(
            number(Axis(v, places(v)), lesson, font_size=font_size, color=style.MUTED).next_to(
                axes.y_axis.n2p(v), LEFT, buff=0.12
            )
        )
    x_label = notation(MathTex(x_name, font_size=font_size + 4, color=style.MUTED)).next_to(
        axes.x_axis.get_end(), RIGHT, buff=0.12
    )
    y_label = notation(MathTex(y_name, font_size=font_size + 4, color=style.MUTED)).next_to(
        axes.y_axis.get_end(), UP, buff=0.12
    )
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
        from lessonkit.mobjects import Sentence, keep_in_frame
        from lessonkit.lesson import Lesson
        from lessonkit.values import Prediction

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
    return mob.shift((dx, dy, 0))
