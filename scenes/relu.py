"""Scene 11: ReLU vs sigmoid. Both graphs side by side, ReLU(a) = max(0, a), and what the
digit's first hidden layer would hold if the same weighted sums went through ReLU instead.

    manim -pql scenes/relu.py ReluVsSigmoid
"""
from manim import (BLUE, DOWN, GREY_B, LEFT, RIGHT, UP, YELLOW, Axes, Create, FadeIn, FadeOut, MathTex, Tex, VGroup,
                   Write)

from lesson import LessonScene
from network import sigmoid
from nn_mobjects import Neuron, integer, notation, number


class ReluVsSigmoid(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, trace = lesson.spec, lesson.trace
        z = trace.steps[0].z

        self.next_section("two squishing functions")
        def axes():
            return Axes(x_range=[-4, 4, 1], y_range=[0, 4, 1], x_length=5, y_length=2.6,
                        axis_config={"include_tip": False, "color": GREY_B})
        left, right = axes(), axes()
        VGroup(left, right).arrange(buff=1.2).shift(UP * 0.6)
        sig = left.plot(lambda x: float(sigmoid(x)), color=BLUE, stroke_width=4)
        relu = right.plot(lambda x: max(0.0, x), color=YELLOW, stroke_width=4, use_smoothing=False)
        sig_label = notation(MathTex(r"\sigma(a) = \frac{1}{1+e^{-a}}", font_size=34)).next_to(left, UP, buff=0.2)
        relu_label = notation(MathTex(r"\mathrm{ReLU}(a) = \max(0, a)", font_size=34)).next_to(right, UP, buff=0.2)
        self.play(Create(left), Create(right))
        self.play(Create(sig), Write(sig_label))
        self.play(Create(relu), Write(relu_label))
        note = Tex("ReLU: easier to train deep networks with; most modern networks use it", font_size=28,
                   color=GREY_B).to_edge(DOWN, buff=0.4)
        self.play(FadeIn(note))
        self.wait(2)

        self.next_section("the same sums, through each")
        self.play(VGroup(left, sig, sig_label).animate.scale(0.6).to_corner(UP + LEFT, buff=0.3),
                  VGroup(right, relu, relu_label).animate.scale(0.6).to_corner(UP + RIGHT, buff=0.3),
                  FadeOut(note))
        header = VGroup(Tex("neuron", font_size=26), Tex(r"sum $z$", font_size=26), Tex(r"$\sigma(z)$", font_size=26),
                        Tex(r"$\mathrm{ReLU}(z)$", font_size=26))
        rows = VGroup()
        for j in range(len(z)):
            rows.add(VGroup(integer(j, "neuron_index", j, font_size=22, color=GREY_B),
                            number(z[j], "z", spec, 1, j, font_size=22),
                            VGroup(Neuron(trace.steps[0].out[j], radius=0.08, key=("activation", spec, 1, j)),
                                   number(trace.steps[0].out[j], "activation", spec, 1, j, font_size=22)).arrange(buff=0.1),
                            number(max(0.0, z[j]), "relu", spec, 1, j, font_size=22, color=YELLOW)))
        table = VGroup(header, *rows)
        half = (len(rows) + 1) // 2
        for col in range(4):
            x = col * 1.6
            for r, row in enumerate([header] + list(rows[:half])):
                row[col].move_to([x, -r * 0.36, 0])
        second = VGroup(header.copy(), *rows[half:])
        for col in range(4):
            x = 7.0 + col * 1.6
            for r, row in enumerate(second):
                row[col].move_to([x, -r * 0.36, 0])
        grid = VGroup(table, second).center().shift(DOWN * 0.9)
        self.play(FadeIn(grid, lag_ratio=0.02), run_time=2.5)
        self.wait(2)

        self.next_section("what changes")
        on = VGroup(Tex("sigmoid keeps every value between 0 and 1; ReLU lets strong sums grow past 1",
                        font_size=26), Tex("and turns every negative sum into exactly 0", font_size=26))
        notation(on)
        on.arrange(DOWN, buff=0.1).to_edge(DOWN, buff=0.2)
        self.play(FadeIn(on))
        self.wait(3)
