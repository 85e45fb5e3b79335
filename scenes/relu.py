"""Scene 11: ReLU vs sigmoid. Both graphs side by side with their scales, ReLU(z) = max(0, z),
and what the digit's first hidden layer would hold if the same sums went through ReLU instead.

    manim -pql scenes/relu.py ReluVsSigmoid
"""

from manim import (
    DOWN,
    UP,
    AnimationGroup,
    Axes,
    Create,
    FadeIn,
    FadeOut,
    MathTex,
    MoveToTarget,
    Succession,
    Tex,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.mobjects import Neuron, label_axes, notation, number
from lessonkit.motion import around, in_turn, trace
from lessonkit.scene import LessonScene
from lessonkit.values import Activation, Index, PreActivation, Relu, Size
from network import sigmoid


class ReluVsSigmoid(LessonScene):
    def construct(self):
        n = self.lesson.value(Size(1))

        self.next_section("two squishing functions")

        def graph(fn, name, colour, smooth=True):
            axes = Axes(
                x_range=[-4, 4, 1],
                y_range=[0, 4, 1],
                x_length=5,
                y_length=2.6,
                axis_config={"include_tip": False, "color": style.MUTED},
            )
            scale = label_axes(axes, [-4, -2, 2, 4], [0, 1, 2, 3, 4], "z", name, font_size=26)
            curve = axes.plot(fn, color=colour, stroke_width=4, use_smoothing=smooth)
            return VGroup(axes, scale), curve

        left, sig = graph(lambda x: float(sigmoid(x)), r"\sigma(z)", style.CURVE)
        right, relu = graph(lambda x: max(0.0, x), r"\mathrm{ReLU}(z)", style.CURVE_ALT, smooth=False)
        VGroup(VGroup(left, sig), VGroup(right, relu)).arrange(buff=1.4).shift(UP * 0.5)
        sig_label = notation(MathTex(r"\sigma(z) = \frac{1}{1+e^{-z}}", font_size=34)).next_to(left, UP, buff=0.25)
        relu_label = notation(MathTex(r"\mathrm{ReLU}(z) = \max(0, z)", font_size=34)).next_to(right, UP, buff=0.25)
        self.narrate(
            "sigmoid",
            Succession(
                AnimationGroup(Create(left[0]), Create(right[0]), FadeIn(left[1]), FadeIn(right[1])),
                AnimationGroup(Create(sig), Write(sig_label)),
            ),
        )
        self.narrate("relu", Create(relu), Write(relu_label))
        note = Tex(
            "ReLU: easier to train deep networks with; most modern networks use it",
            font_size=style.NOTE,
            color=style.MUTED,
        ).to_edge(DOWN, buff=0.4)
        self.narrate("modern", FadeIn(note))

        self.next_section("the same sums, through each")
        # The graphs keep most of their size: side by side, top-aligned, over the tables.
        pair = VGroup(VGroup(left, sig, sig_label), VGroup(right, relu, relu_label))
        for g in pair:
            g.generate_target().scale(0.85)
        VGroup(*[g.target for g in pair]).arrange(buff=1.2, aligned_edge=UP).to_edge(UP, buff=0.3)
        self.play(*[MoveToTarget(g) for g in pair], FadeOut(note))
        header = [
            Tex("neuron", font_size=26),
            Tex(r"sum $z$", font_size=26),
            Tex(r"$\sigma(z)$", font_size=26),
            Tex(r"$\mathrm{ReLU}(z)$", font_size=26),
        ]
        rows = [
            [
                number(Index(j, "neuron"), font_size=22, color=style.MUTED),
                number(PreActivation(1, j), font_size=22),
                VGroup(Neuron(Activation(1, j), radius=0.08), number(Activation(1, j), font_size=22)).arrange(buff=0.1),
                number(Relu(1, j), font_size=22, color=style.CURVE_ALT),
            ]
            for j in range(n)
        ]
        half = (n + 1) // 2
        tables = VGroup()
        for chunk in (rows[:half], rows[half:]):
            cells = [m.copy() for m in header] + [m for row in chunk for m in row]
            tables.add(VGroup(*cells).arrange_in_grid(rows=len(chunk) + 1, cols=4, buff=(0.45, 0.12)))
        tables.arrange(buff=0.9).to_edge(DOWN, buff=1.15)
        self.narrate("table", FadeIn(tables, lag_ratio=0.02), run_time=2.5)
        j = self.lesson.focus  # the line's neuron: its sum, sigmoid and ReLU in turn
        self.narrate("example", during=in_turn(*rows[j][1:]) if j < n else around(tables))

        self.next_section("what changes")
        on = notation(
            VGroup(
                Tex("sigmoid keeps every value between 0 and 1; ReLU lets strong sums grow past 1,", font_size=26),
                Tex("and turns every negative sum into exactly 0", font_size=26),
            )
        )
        on.arrange(DOWN, buff=0.12).to_edge(DOWN, buff=0.3)
        self.narrate("compare", FadeIn(on[0]))
        self.narrate("negatives", FadeIn(on[1]))
        self.narrate("honest", during=trace(sig))
