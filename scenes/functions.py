"""Scene 10: a neuron is a function of the previous layer's activations; the whole network is a
function from 784 numbers to 10, shown with the real input and output vectors and its 13,002
parameters.

    manim -pql scenes/functions.py NetworkAsFunction
"""
import numpy as np
from manim import (DOWN, GREY_B, LEFT, RIGHT, UP, YELLOW, Arrow, FadeIn, FadeOut, MathTex, RoundedRectangle,
                   Tex, VGroup, Write)

from lesson import LessonScene, focus_neuron
from nn_mobjects import Neuron, bracket_matrix, integer, notation, number, pick


class NetworkAsFunction(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, net, trace = lesson.spec, lesson.net, lesson.trace
        j = focus_neuron(lesson)
        n_in, n_out = net.sizes[0], net.sizes[-1]

        self.next_section("a neuron is a function")
        neuron = Neuron(trace.steps[0].out[j], radius=0.5, key=("activation", spec, 1, j)).shift(RIGHT * 3)
        value = number(trace.steps[0].out[j], "activation", spec, 1, j, font_size=32).next_to(neuron, DOWN)
        f = notation(MathTex(r"a^{(1)}_j = \sigma\left(w_{j,0}\, a^{(0)}_0 + \cdots + w_{j,n}\, a^{(0)}_n + b_j\right)",
                             font_size=40)).to_edge(UP, buff=0.5)
        words = Tex("a neuron: a function of all the activations of the layer before", font_size=32)
        words.next_to(f, DOWN, buff=0.3)
        inputs = VGroup(*[Neuron(trace.steps[0].a[i], radius=0.12, key=("activation", spec, 0, i))
                          for i in np.argsort(-trace.steps[0].a, kind="stable")[:8]]).arrange(DOWN, buff=0.12)
        inputs.shift(LEFT * 3)
        arrows = VGroup(*[Arrow(n.get_right(), neuron.get_left(), buff=0.1, stroke_width=2, color=GREY_B,
                                max_tip_length_to_length_ratio=0.04) for n in inputs])
        which = VGroup(Tex("(here: neuron", font_size=28, color=GREY_B), integer(j, "focus", spec, font_size=30, color=GREY_B),
                       Tex("and its brightest inputs)", font_size=28, color=GREY_B)).arrange(buff=0.1).to_edge(DOWN, buff=0.5)
        self.play(Write(f), FadeIn(words))
        self.play(FadeIn(inputs), FadeIn(arrows), FadeIn(neuron), FadeIn(value), FadeIn(which))
        self.wait(2.5)

        self.next_section("the network is a function")
        x = trace.steps[0].a
        rows_in = pick(n_in, [0, n_in - 1] + [int(i) for i in np.argsort(-x, kind="stable")[:2]])
        vec_in = bracket_matrix([[number(x[i], "pixel", spec, i, font_size=24) if i is not None else None]
                                 for i in rows_in], v_buff=0.3)
        vec_out = bracket_matrix([[number(trace.output[k], "activation", spec, len(net.weights), k, font_size=24)]
                                  for k in range(n_out)], v_buff=0.1)
        box = RoundedRectangle(width=3.6, height=2.4, corner_radius=0.2, color=YELLOW)
        inside = VGroup(Tex("network", font_size=36),
                        VGroup(integer(net.n_params, "n_params", group_with_commas=True, font_size=32),
                               Tex("parameters", font_size=28)).arrange(buff=0.12)).arrange(DOWN, buff=0.25).move_to(box)
        machine = VGroup(box, inside)
        VGroup(vec_in, machine, vec_out).arrange(buff=1.2).shift(DOWN * 0.3)
        a1 = Arrow(vec_in.get_right(), box.get_left(), buff=0.15)
        a2 = Arrow(box.get_right(), vec_out.get_left(), buff=0.15)
        in_label = VGroup(integer(n_in, "size", 0, font_size=30), Tex("numbers in", font_size=28)).arrange(buff=0.1)
        out_label = VGroup(integer(n_out, "size", len(net.sizes) - 1, font_size=30), Tex("numbers out", font_size=28)).arrange(buff=0.1)
        in_label.next_to(vec_in, UP, buff=0.2)
        out_label.next_to(vec_out, UP, buff=0.2)
        self.play(FadeOut(VGroup(f, words, inputs, arrows, neuron, value, which)))
        self.play(FadeIn(vec_in), FadeIn(in_label))
        self.play(FadeIn(a1), FadeIn(machine))
        self.play(FadeIn(a2), FadeIn(vec_out), FadeIn(out_label))
        self.wait(2)

        self.next_section("its answer")
        k = trace.prediction
        verdict = VGroup(Tex("brightest output:", font_size=30), integer(k, "prediction", spec, font_size=34, color=YELLOW))
        verdict.arrange(buff=0.15).next_to(vec_out, DOWN, buff=0.2)
        note = Tex("an absurdly complicated function, but just a function", font_size=32, color=GREY_B).to_edge(DOWN, buff=0.3)
        self.play(vec_out.grid[k].animate.set_color(YELLOW), FadeIn(verdict))
        self.play(FadeIn(note))
        self.wait(3)
