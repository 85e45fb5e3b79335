"""Scene 7: sigmoid and bias. The graph of sigmoid(x) = 1/(1+e^-x); the chosen neuron's real
weighted sum placed on the x axis and squished onto the curve; its real bias as a threshold,
the sum with and without it, the resulting activation, and the whole formula with real values.

    manim -pql scenes/sigmoid.py SigmoidAndBias
"""
import numpy as np
from manim import (BLUE, DOWN, GREY_B, LEFT, RIGHT, UP, YELLOW, Arrow, Axes, Create, Dot, FadeIn, FadeOut,
                   MathTex, Tex, VGroup, Write)

from lesson import LessonScene, focus_neuron
from network import sigmoid
from nn_mobjects import integer, notation, number


class SigmoidAndBias(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, net = lesson.spec, lesson.net
        j = focus_neuron(lesson)
        step = lesson.trace.steps[0]
        wsum = float(net.weights[0][j] @ step.a)
        bias = float(net.biases[0][j])
        z = float(step.z[j])
        act = float(step.out[j])
        reach = float(np.ceil(max(6.0, abs(wsum), abs(z)) + 1))

        self.next_section("the sigmoid")
        axes = Axes(x_range=[-reach, reach, reach / 4], y_range=[0, 1, 0.5], x_length=11, y_length=3.6,
                    axis_config={"include_tip": False, "color": GREY_B}).shift(DOWN * 0.4)
        curve = axes.plot(lambda x: float(sigmoid(x)), color=BLUE, stroke_width=4)
        formula = notation(MathTex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44)).to_corner(UP + LEFT, buff=0.4)
        title = Tex("sigmoid: squishes any number into the range from 0 to 1", font_size=34).to_edge(UP, buff=0.3)
        notation(title).next_to(formula, RIGHT, buff=0.6)
        self.play(Create(axes), run_time=1.5)
        self.play(Create(curve), Write(formula), FadeIn(title), run_time=2)
        self.wait(2)

        self.next_section("the weighted sum, squished")
        head = VGroup(Tex("neuron", font_size=30), integer(j, "focus", spec, font_size=32),
                      Tex(": weighted sum", font_size=30),
                      number(wsum, "wsum", spec, 1, j, font_size=32, color=YELLOW)).arrange(buff=0.12)
        head.next_to(axes, DOWN, buff=0.3).to_edge(LEFT, buff=0.5)
        dot = Dot(axes.c2p(wsum, 0), color=YELLOW, radius=0.09)
        self.play(FadeIn(head), FadeIn(dot, scale=2))
        on_curve = axes.c2p(wsum, float(sigmoid(wsum)))
        out0 = VGroup(MathTex(r"\sigma(\text{sum}) =", font_size=32),
                      number(float(sigmoid(wsum)), "sigmoid_wsum", spec, 1, j, font_size=32)).arrange(buff=0.12)
        out0.next_to(on_curve, UP + LEFT, buff=0.15)
        self.play(dot.animate.move_to(on_curve), FadeIn(out0), run_time=1.5)
        self.wait(2)

        self.next_section("the bias")
        bias_line = VGroup(Tex("its bias", font_size=30),
                           number(bias, "bias", 0, j, font_size=32, color=YELLOW)).arrange(buff=0.12)
        bias_line.next_to(head, RIGHT, buff=0.8)
        threshold = Tex("the bias sets how big the sum must be before the neuron lights up",
                        font_size=28, color=GREY_B).next_to(axes, DOWN, buff=1.0)
        self.play(FadeIn(bias_line), FadeIn(threshold))
        start = axes.c2p(wsum, 0)
        end = axes.c2p(z, 0)
        shift_arrow = Arrow(start, end, buff=0, color=YELLOW, stroke_width=4, max_tip_length_to_length_ratio=0.2)
        z_line = VGroup(MathTex(r"\text{sum} + b =", font_size=32),
                        number(z, "z", spec, 1, j, font_size=32, color=YELLOW)).arrange(buff=0.12)
        z_line.next_to(bias_line, RIGHT, buff=0.8)
        self.play(dot.animate.move_to(start), FadeOut(out0))
        self.play(FadeIn(shift_arrow), dot.animate.move_to(end), FadeIn(z_line), run_time=1.5)
        on_curve = axes.c2p(z, act)
        out1 = VGroup(MathTex(r"\sigma =", font_size=32),
                      number(act, "activation", spec, 1, j, font_size=32)).arrange(buff=0.12)
        out1.next_to(on_curve, UP + LEFT, buff=0.15)
        self.play(dot.animate.move_to(on_curve), FadeIn(out1), run_time=1.5)
        self.wait(2)

        self.next_section("the whole formula")
        symbolic = notation(MathTex(r"\sigma(w_1 a_1 + w_2 a_2 + \cdots + w_n a_n + b)", font_size=40))
        # "+ -0.53" reads badly: the bias's sign goes into the operator.
        real = VGroup(MathTex(r"\sigma(", font_size=40), number(wsum, "wsum", spec, 1, j, font_size=36),
                      MathTex("+" if bias >= 0 else "-", font_size=40), number(abs(bias), "abs_bias", 0, j, font_size=36),
                      MathTex(r") = \sigma(", font_size=40), number(z, "z", spec, 1, j, font_size=36),
                      MathTex(") =", font_size=40), number(act, "activation", spec, 1, j, font_size=40, color=YELLOW))
        real.arrange(buff=0.1)
        block = VGroup(symbolic, real).arrange(DOWN, buff=0.35).to_edge(DOWN, buff=0.3)
        block.add_background_rectangle(opacity=0.9, buff=0.15)
        self.play(FadeOut(VGroup(threshold, head, bias_line, z_line, shift_arrow)), FadeIn(block))
        self.wait(3)
