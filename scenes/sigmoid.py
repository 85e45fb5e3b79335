"""Scene 7: sigmoid and bias. The graph of sigmoid(x) = 1/(1+e^-x) with its scale; the chosen
neuron's real weighted sum placed on the x axis and squished onto the curve; its real bias as a
threshold, the sum with and without it, the resulting activation, and the formula with real values.
Then a neuron built by hand (network.designed): a detector of one short stroke, run on our digit and
on one without that stroke, beside a trained neuron's weights.

    manim -pql scenes/sigmoid.py SigmoidAndBias
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    MathTex,
    ReplacementTransform,
    SurroundingRectangle,
    Tex,
    TransformFromCopy,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.lesson import Lesson
from lessonkit.mobjects import (
    Math,
    PixelGrid,
    Sentence,
    SignedGrid,
    Styled,
    label_axes,
    notation,
    sign_legend,
    weight_grid,
)
from lessonkit.motion import around, in_turn, trace
from lessonkit.scene import LessonScene
from lessonkit.values import (
    AbsBias,
    Activation,
    Bias,
    DesignedActivation,
    DesignedBias,
    DesignedLargestWeight,
    DesignedSum,
    DesignedWeight,
    FocusNeuron,
    PreActivation,
    SigmoidOfSum,
    WeightedSum,
    edge_at,
)
from network import sigmoid
from network.designed import BORDER, STROKE
from network.digits import showcase


def beside_curve(x: float):
    """Where a label of the point (x, sigma(x)) goes: away from the y axis, on the open side of
    the rising curve (above-left for x < 0, below-right for x >= 0)."""
    return UP + LEFT if x < 0 else DOWN + RIGHT


class SigmoidAndBias(LessonScene):
    def construct(self):
        lesson = self.lesson
        j = lesson.focus
        wsum = lesson.value(WeightedSum(1, j))
        z = lesson.value(PreActivation(1, j))
        reach = float(np.ceil(max(6.0, abs(wsum), abs(z)) + 1))
        step = 2.0 if reach <= 10 else float(2 * np.ceil(reach / 10))  # labelled ticks: even, at most ~10

        self.next_section("the sigmoid")
        axes = Axes(
            x_range=[-reach, reach, step / 2],
            y_range=[0, 1, 0.5],
            x_length=11,
            y_length=3.2,
            axis_config={"include_tip": False, "color": style.MUTED},
        ).shift(UP * 0.1)
        ticks = [v for v in np.arange(-step * (reach // step), reach + 1e-9, step) if v != 0]  # 0: the y axis's
        scale = label_axes(axes, ticks, [0, 0.5, 1], "x", r"\sigma(x)")
        curve = axes.plot(lambda x: float(sigmoid(x)), color=style.CURVE, stroke_width=4)
        formula = notation(MathTex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44)).to_corner(UP + LEFT, buff=0.4)
        title = Tex("sigmoid: squishes any number into the range from 0 to 1", font_size=32)
        notation(title).next_to(formula, buff=0.6)
        self.narrate("problem", Create(axes), FadeIn(scale), run_time=1.5)
        self.narrate("curve", Create(curve), Write(formula), FadeIn(title), run_time=2)
        self.narrate("middle", during=trace(curve))

        self.next_section("the weighted sum, squished")
        head = Sentence(
            "neuron",
            FocusNeuron(),
            Math(r"\text{: weighted sum}\ "),
            Styled(WeightedSum(1, j), style.HIGHLIGHT),
            font_size=style.NOTE,
        )
        head.next_to(axes, DOWN, buff=0.75).to_edge(LEFT, buff=0.5)
        dot = Dot(axes.c2p(wsum, 0), color=style.HIGHLIGHT, radius=0.09)
        self.narrate("sum", FadeIn(head), FadeIn(dot, scale=2))
        on_curve = axes.c2p(wsum, lesson.value(SigmoidOfSum(1, j)))
        out0 = Sentence(Math(r"\sigma(\text{sum}) ="), SigmoidOfSum(1, j), font_size=style.NOTE)
        out0.next_to(on_curve, beside_curve(wsum), buff=0.15)
        self.narrate("squish", dot.animate.move_to(on_curve), FadeIn(out0), run_time=1.5)

        self.next_section("the bias")
        bias_line = Sentence("its bias", Styled(Bias(1, j), style.HIGHLIGHT), font_size=style.NOTE)
        bias_line.next_to(head, buff=0.8)
        threshold = (
            Tex(
                "the bias sets how big the sum must be before the neuron lights up",
                font_size=style.NOTE,
                color=style.MUTED,
            )
            .next_to(head, DOWN, buff=0.35)
            .to_edge(LEFT, buff=0.5)
        )
        self.narrate("bias", FadeIn(bias_line), FadeIn(threshold))
        start, end = axes.c2p(wsum, 0), axes.c2p(z, 0)
        # The arrow runs just above the axis, so it covers neither the axis nor its "0" label.
        lift = UP * 0.32
        shift_arrow = Arrow(
            start + lift, end + lift, buff=0, color=style.HIGHLIGHT, stroke_width=4, max_tip_length_to_length_ratio=0.2
        )
        # sum + (bias) = total, each the model's own value.
        bias = [Math("+ ("), Bias(1, j), Math(")")] if lesson.value(Bias(1, j)) < 0 else [Math("+"), Bias(1, j)]
        # Rounded numbers need not add up as written (0.77 + (-1.64) is -0.86 unrounded): then "approx".
        equals = "=" if lesson.adds_up([WeightedSum(1, j), Bias(1, j)], PreActivation(1, j)) else r"\approx"
        z_line = Sentence(
            WeightedSum(1, j), *bias, Math(equals), Styled(PreActivation(1, j), style.HIGHLIGHT), font_size=style.NOTE
        )
        z_line.next_to(bias_line, buff=0.8)
        self.play(dot.animate.move_to(start), FadeOut(out0))
        self.narrate("shift", FadeIn(shift_arrow), dot.animate.move_to(end), FadeIn(z_line), run_time=1.5)
        on_curve = axes.c2p(z, lesson.value(Activation(1, j)))
        out1 = Sentence(Math(r"\sigma ="), Activation(1, j), font_size=style.NOTE)
        out1.next_to(on_curve, beside_curve(z), buff=0.15)
        self.narrate("result", dot.animate.move_to(on_curve), FadeIn(out1), run_time=1.5)

        self.next_section("the whole formula")
        symbolic = notation(MathTex(r"\sigma(w_1 a_1 + w_2 a_2 + \cdots + w_n a_n + b)", font_size=style.HEADING))
        # "+ -1.64" reads badly: the bias's sign goes into the operator.
        sign = "+" if lesson.value(Bias(1, j)) >= 0 else "-"
        real = Sentence(
            Math(r"\sigma("),
            WeightedSum(1, j),
            Math(sign),
            AbsBias(1, j),
            Math(r") " + equals + r" \sigma("),
            PreActivation(1, j),
            Math(") ="),
            Styled(Activation(1, j), style.HIGHLIGHT),
            font_size=style.HEADING,
        )
        block = VGroup(symbolic, real).arrange(DOWN, buff=0.35).to_edge(DOWN, buff=0.3)
        block.add_background_rectangle(opacity=0.9, buff=0.15)
        self.narrate("formula", FadeOut(VGroup(threshold, head, bias_line, z_line, shift_arrow)), FadeIn(block))
        keys = (WeightedSum(1, j), AbsBias(1, j), PreActivation(1, j), Activation(1, j))
        self.narrate("numbers", during=in_turn(*[real.value_part(k) for k in keys]))  # in the order said
        self.narrate("every", during=around(block))

        self.next_section("a neuron built by hand")
        # A detector of one short stroke, built by hand (network.designed) where our digit has its
        # strongest short horizontal stroke: + on that stretch, - on the rows above and below.
        row, col = edge_at(lesson)
        n = lesson.digit.x.size
        hand = SignedGrid(
            [DesignedWeight(row, col, i) for i in range(n)],
            style.grid_scheme(DesignedLargestWeight(row, col)),
            side=3.4,
        )
        hand_label = Tex("built by hand, not trained", font_size=style.NOTE, color=style.MUTED)
        digit = PixelGrid(side=3.4)
        VGroup(hand, digit).arrange(buff=1.6).shift(UP * 0.5)
        hand_label.next_to(hand, UP, buff=0.2)
        legend = sign_legend(hand.signed, font_size=style.NOTE).next_to(hand, DOWN, buff=0.2)
        h, cols, width = STROKE[0], range(col, col + STROKE[1]), lesson.digit.pixels.shape[1]

        def outline(grid, rows, color):
            cells = VGroup(
                *[
                    grid.squares[r * width + c] if hasattr(grid, "squares") else grid.square(r, c)
                    for r in rows
                    for c in cols
                ]
            )
            return SurroundingRectangle(cells, color=color, buff=0.01, stroke_width=3)

        stretch = range(row, row + h)
        marks = VGroup(
            outline(hand, stretch, style.HIGHLIGHT),
            outline(hand, range(row - BORDER, row), style.MUTED),
            outline(hand, range(row + h, row + h + BORDER), style.MUTED),
        )
        self.play(FadeOut(Group(*self.mobjects)))
        self.narrate("idea", FadeIn(hand), FadeIn(hand_label), FadeIn(legend))
        self.narrate("design", Create(marks, lag_ratio=0.5))

        def result(of: Lesson) -> Sentence:
            return Sentence(
                Math(r"\sigma("),
                DesignedSum(row, col),
                Math(r"+ ("),
                DesignedBias(),
                Math(r")) ="),
                Styled(DesignedActivation(row, col), style.HIGHLIGHT),
                lesson=of,
                font_size=style.HEADING,
            ).next_to(VGroup(hand, digit), DOWN, buff=0.75)

        on_digit = outline(digit, stretch, style.HIGHLIGHT)
        ours = result(lesson)
        self.narrate("ours", FadeIn(digit), TransformFromCopy(marks[0], on_digit), Write(ours), run_time=2)
        # The same hand-built neuron on the showcase digit it responds to least.
        names = [name for name in sorted(showcase()) if name != lesson.spec]
        other = min((lesson.other(name) for name in names), key=lambda o: o.value(DesignedSum(row, col)))
        other_digit = PixelGrid(other, side=3.4).move_to(digit)
        theirs = result(other)
        self.narrate(
            "other",
            ReplacementTransform(digit, other_digit),
            on_digit.animate.set_stroke(style.MUTED),
            ReplacementTransform(ours, theirs),
            run_time=2,
            other=other,
        )
        trained = weight_grid(1, j, side=3.4).move_to(digit)
        trained_label = Sentence("trained: neuron", FocusNeuron(), font_size=style.NOTE, color=style.MUTED)
        trained_label.next_to(trained, UP, buff=0.2)
        self.narrate(
            "real",
            FadeOut(VGroup(other_digit, on_digit, theirs)),
            FadeIn(trained),
            FadeIn(trained_label),
            during=lambda: in_turn(hand, trained),
        )
