"""Scene 9: how the network learned, from its own training run (assets/history.npz).

The first layer's 16 weight images from random noise to the trained patterns, snapshot by
snapshot; the test accuracy rising and the cost falling, point by recorded point; the chosen
digit's ten outputs at each snapshot; and what learning is: finding the 13,002 numbers. Every
number and fill comes from the history file through `lessonkit.values` keys.

    manim -pql scenes/learning.py Learning
"""

from __future__ import annotations

import math
import sys

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    SurroundingRectangle,
    Tex,
    Transform,
    VGroup,
    Write,
    config,
)

from lessonkit import style
from lessonkit.mobjects import FillNeuron, Neuron, Sentence, Styled, keep_in_frame, number
from lessonkit.mobjects.charts import SignedImage, history_curve, log_epoch_axes
from lessonkit.scene import LessonScene
from lessonkit.values import (
    HistoryAccuracy,
    HistoryCost,
    ImagesSeen,
    Index,
    Label,
    ParamCount,
    Size,
    SnapshotActivation,
    SnapshotLargestWeightInto,
    SnapshotPrediction,
    SnapshotWeight,
    TrainCount,
)
from network import ModelFileError

_warned: set[str] = set()


def training_record(lesson):
    """The recorded training run of the lesson's weights, or None when there is none to draw:
    none recorded, one of other weights (copied in by hand), or one without test accuracies
    (`train --no-test`). Says why once, in one line on stderr; the scene then says so too."""
    try:
        history = lesson.history
        if np.all(np.isfinite(history.points["test_accuracy"])):
            return history
        why = f"{history.path}: recorded without test accuracies (train --no-test)"
    except ModelFileError as e:
        why = str(e)
    if why not in _warned:
        _warned.add(why)
        print(f"warning: {why}; the Learning scene cannot show how these weights were learned", file=sys.stderr)
    return None


def snapshot_grids(snapshot: str, lesson, side: float = 1.15) -> VGroup:
    """The weights into every first-layer neuron at a snapshot, as 28x28 images in a square block."""
    n_in, n_hidden = lesson.net.sizes[0], lesson.net.sizes[1]
    grids = VGroup(
        *[
            SignedImage(
                [SnapshotWeight(snapshot, 1, j, i) for i in range(n_in)],
                style.grid_scheme(SnapshotLargestWeightInto(snapshot, 1, j)),
                lesson,
                side,
            )
            for j in range(n_hidden)
        ]
    )
    return grids.arrange_in_grid(cols=math.ceil(math.sqrt(n_hidden)), buff=0.12)


class Learning(LessonScene):
    def setup(self):
        super().setup()
        # 160 weight images of up to 128 parts each: manim's partial-movie cache would hash them
        # all at every play (-ql: 93 s with the cache, 31 s without), far more than it saves.
        config.disable_caching = True

    def construct(self):
        lesson = self.lesson
        title = Tex("How the network learned", font_size=style.HEADING).to_edge(UP, buff=0.3)
        if training_record(lesson) is None:
            return self.without_record(title)
        snaps = lesson.history.snapshots

        # -- the 16 weight images, from noise to patterns ------------------------------------------
        self.next_section("random start")
        grids = [snapshot_grids(s.name, lesson).to_edge(LEFT, buff=0.8).shift(DOWN * 0.35) for s in snaps]
        counters = [
            Sentence("after", Styled(ImagesSeen(s.point), style.HIGHLIGHT), "training images", font_size=style.BODY)
            for s in snaps
        ]
        for c in counters:
            c.next_to(grids[0], RIGHT, buff=0.8).align_to(grids[0], UP).shift(DOWN * 0.4)
        caption_w = Tex("weights into the", font_size=style.NOTE, color=style.MUTED)
        caption_n = Sentence(Size(1), "neurons of the first hidden layer", font_size=style.NOTE, color=style.MUTED)
        note = VGroup(caption_w, caption_n).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        note.next_to(counters[0], DOWN, buff=0.5, aligned_edge=LEFT)
        self.narrate("noise", Write(title), FadeIn(grids[0]), FadeIn(counters[0]), FadeIn(note), run_time=2)

        self.next_section("snapshot by snapshot")
        with self.narrating("nudged"):
            for k in range(1, len(snaps) // 2):
                self.flip(grids, counters, k)
        with self.narrating("patterns"):
            for k in range(len(snaps) // 2, len(snaps)):
                self.flip(grids, counters, k)

        # -- the curves ------------------------------------------------------------------------------
        self.next_section("accuracy and cost")
        points = lesson.history.points
        last = len(points["epoch"]) - 1
        acc_axes, acc_labels = log_epoch_axes([0, 100], [0, 50, 100], r"test digits read right (\%)", lesson)
        cost_axes, cost_labels = log_epoch_axes([0, 12], [0, 4, 8, 12], "cost", lesson)
        acc = VGroup(acc_axes, acc_labels)
        cost = VGroup(cost_axes, cost_labels)
        VGroup(acc, cost).arrange(RIGHT, buff=1.2).next_to(title, DOWN, buff=0.7)
        keep_in_frame(VGroup(acc, cost), margin=0.4)
        acc_curve = history_curve(
            acc_axes, points["epoch"], [HistoryAccuracy(p) for p in range(last + 1)], lesson, style.CURVE
        )
        cost_curve = history_curve(
            cost_axes, points["epoch"], [HistoryCost(p) for p in range(last + 1)], lesson, style.CURVE_ALT
        )
        acc_start = number(HistoryAccuracy(0), font_size=style.SMALL, color=style.CURVE)
        acc_start.next_to(acc_curve.get_start(), DOWN + RIGHT, buff=0.1)
        acc_end = number(HistoryAccuracy(last), font_size=style.SMALL, color=style.CURVE)
        acc_end.next_to(acc_curve.get_end(), UP, buff=0.15)
        cost_start = number(HistoryCost(0), font_size=style.SMALL, color=style.CURVE_ALT)
        cost_start.next_to(cost_curve.get_start(), RIGHT, buff=0.15)
        cost_end = number(HistoryCost(last), font_size=style.SMALL, color=style.CURVE_ALT)
        cost_end.next_to(cost_curve.get_end(), UP, buff=0.2)
        self.narrate(
            "axes",
            AnimationGroup(FadeOut(VGroup(grids[-1], counters[-1], note)), FadeIn(VGroup(acc, cost)), lag_ratio=0.5),
            run_time=2,
        )
        self.narrate("rising", FadeIn(acc_start), Create(acc_curve), FadeIn(acc_end), run_time=3)
        self.narrate("falling", FadeIn(cost_start), Create(cost_curve), FadeIn(cost_end), run_time=3)
        graphs = VGroup(acc, cost, acc_curve, cost_curve, acc_start, acc_end, cost_start, cost_end)

        # -- the chosen digit's answers at each snapshot --------------------------------------------
        self.next_section("our digit's answers")
        L = lesson.layers
        outputs = VGroup(*[Neuron(radius=0.32) for _ in range(lesson.net.sizes[-1])]).arrange(RIGHT, buff=0.45)
        outputs.move_to(DOWN * 0.2)
        digits = VGroup(
            *[
                number(Index(d, "output"), font_size=style.BODY).next_to(n, DOWN, buff=0.25)
                for d, n in enumerate(outputs)
            ]
        )
        thumb = self.digit_thumbnail().next_to(outputs, LEFT, buff=0.6)
        keep_in_frame(VGroup(thumb, outputs, digits), margin=0.4)
        counter = counters[0].copy().next_to(outputs, UP, buff=1.2)
        values = self.output_values(snaps[0].name, outputs)
        box = self.answer_box(snaps[0].name, outputs, digits)
        fills = [FillNeuron(n, SnapshotActivation(snaps[0].name, L, d)) for d, n in enumerate(outputs)]
        self.narrate(
            "outputs",
            AnimationGroup(FadeOut(graphs), FadeIn(VGroup(thumb, outputs, digits, counter)), lag_ratio=0.5),
            run_time=2,
        )
        self.narrate("guess", *fills, FadeIn(values), Create(box), run_time=1.5)
        with self.narrating("verdict"):
            for s in snaps[1:]:
                counter = self.swap(
                    counter,
                    Sentence(
                        "after", Styled(ImagesSeen(s.point), style.HIGHLIGHT), "training images", font_size=style.BODY
                    ).move_to(counter),
                )
                new_values = self.output_values(s.name, outputs)
                new_box = self.answer_box(s.name, outputs, digits)
                self.play(
                    *[FillNeuron(n, SnapshotActivation(s.name, L, d)) for d, n in enumerate(outputs)],
                    Transform(values, new_values),
                    Transform(box, new_box),
                    run_time=0.6,
                )
                self.wait(0.3)
        answers = VGroup(thumb, outputs, digits, values, box, counter)

        # -- what learning is -----------------------------------------------------------------------
        self.next_section("what learning means")
        source = Sentence("from", TrainCount(), "labelled training images", font_size=style.BODY, color=style.MUTED)
        means, next_label, ahead = self.what_learning_means(title, source)
        self.narrate(
            "means",
            AnimationGroup(FadeOut(answers), FadeIn(VGroup(means, source), shift=UP * 0.2), lag_ratio=0.5),
            run_time=2,
        )
        self.narrate("next", FadeIn(next_label), FadeIn(ahead, lag_ratio=0.4), run_time=2)

    def without_record(self, title) -> None:
        """Weights without their training run (see `training_record`): say so, and what learning is."""
        self.next_section("no record")
        missing = Tex("no training record for these weights", font_size=style.BODY, color=style.MUTED)
        means, next_label, ahead = self.what_learning_means(title, missing)
        self.narrate("missing", Write(title), FadeIn(missing), run_time=1.5)
        self.narrate(
            "means", FadeIn(means, shift=UP * 0.2), FadeIn(next_label), FadeIn(ahead, lag_ratio=0.4), run_time=2
        )

    def what_learning_means(self, title, note):
        """'learning = finding these N numbers' over `note`, and the next chapters' names below."""
        means = Sentence(
            "learning = finding these", Styled(ParamCount(), style.HIGHLIGHT), "numbers", font_size=style.HEADING
        )
        ahead = VGroup(
            *[Tex(t, font_size=style.BODY) for t in ("a cost to make small", "gradient descent", "backpropagation")]
        )
        ahead.arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        next_label = Tex("next chapters:", font_size=style.NOTE, color=style.MUTED)
        block = VGroup(means, note, VGroup(next_label, ahead).arrange(RIGHT, buff=0.5, aligned_edge=UP))
        block.arrange(DOWN, buff=0.6).next_to(title, DOWN, buff=0.9)
        return means, next_label, ahead

    # -- steps -------------------------------------------------------------------------------------
    def flip(self, grids, counters, k: int) -> None:
        """Show snapshot k's weight images and count in place of snapshot k-1's: a flip-book page
        (a cut, not a morph: the snapshots are moments, not a motion)."""
        self.remove(grids[k - 1], counters[k - 1])
        self.add(grids[k], counters[k])
        self.wait(0.7)

    def swap(self, old, new):
        self.remove(old)
        self.add(new)
        return new

    def output_values(self, snapshot: str, outputs: VGroup) -> VGroup:
        L = self.lesson.layers
        return VGroup(
            *[
                number(SnapshotActivation(snapshot, L, d), font_size=style.SMALL, color=style.MUTED).next_to(
                    n, UP, buff=0.18
                )
                for d, n in enumerate(outputs)
            ]
        )

    def answer_box(self, snapshot: str, outputs: VGroup, digits: VGroup):
        """A box round the snapshot's answer (its brightest output) and its digit."""
        k = int(self.lesson.value(SnapshotPrediction(snapshot)))
        labelled = self.lesson.has(Label())
        colour = (
            style.HIGHLIGHT
            if snapshot != "end" or not labelled
            else (style.RIGHT_ANSWER if k == self.lesson.value(Label()) else style.WRONG_ANSWER)
        )
        return SurroundingRectangle(VGroup(outputs[k], digits[k]), color=colour, buff=0.1)

    def digit_thumbnail(self):
        from lessonkit.mobjects import DigitThumbnail

        return DigitThumbnail(self.lesson, height=1.6)
