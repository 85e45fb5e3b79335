"""Scene 10: a neuron is a function of the previous layer's activations; the whole network is a
function from 784 numbers to 10, shown with the real input and output vectors and its 13,002
parameters.

    manim -pql scenes/functions.py NetworkAsFunction
"""

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, FadeOut, MathTex, RoundedRectangle, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import Neuron, Sentence, Styled, matrix, notation, number, pick
from lessonkit.scene import LessonScene
from lessonkit.values import Activation, FocusNeuron, ParamCount, Pixel, Prediction, Size


class NetworkAsFunction(LessonScene):
    def construct(self):
        lesson = self.lesson
        j, L = lesson.focus, lesson.layers
        n_in, n_out = lesson.value(Size(0)), lesson.value(Size(L))
        x = lesson.digit.x

        self.next_section("a neuron is a function")
        neuron = Neuron(Activation(1, j), radius=0.5).shift(RIGHT * 3)
        value = number(Activation(1, j), font_size=32).next_to(neuron, DOWN)
        f = notation(
            MathTex(
                r"a^{(1)}_j = \sigma\left(w_{j,0}\, a^{(0)}_0 + \cdots + w_{j,n}\, a^{(0)}_n + b_j\right)",
                font_size=style.HEADING,
            )
        ).to_edge(UP, buff=0.5)
        words = Tex("a neuron: a function of all the activations of the layer before", font_size=32)
        words.next_to(f, DOWN, buff=0.3)
        inputs = (
            VGroup(*[Neuron(Activation(0, int(i)), radius=0.12) for i in np.argsort(-x, kind="stable")[:8]])
            .arrange(DOWN, buff=0.12)
            .shift(LEFT * 3)
        )
        arrows = VGroup(
            *[
                Arrow(
                    n.get_right(),
                    neuron.get_left(),
                    buff=0.1,
                    stroke_width=2,
                    color=style.MUTED,
                    max_tip_length_to_length_ratio=0.04,
                )
                for n in inputs
            ]
        )
        which = Sentence(
            "(here: neuron", FocusNeuron(), "and its brightest inputs)", font_size=style.NOTE, color=style.MUTED
        ).to_edge(DOWN, buff=0.5)
        self.narrate("function", Write(f), FadeIn(words))
        self.narrate("here", FadeIn(inputs), FadeIn(arrows), FadeIn(neuron), FadeIn(value), FadeIn(which))

        self.next_section("the network is a function")
        rows_in = pick(n_in, [0, n_in - 1] + [int(i) for i in np.argsort(-x, kind="stable")[:2]])
        vec_in = matrix([[number(Pixel(i), font_size=24) if i is not None else None] for i in rows_in], v_buff=0.55)
        vec_out = matrix([[number(Activation(L, k), font_size=24)] for k in range(n_out)], v_buff=0.42)
        box = RoundedRectangle(width=3.6, height=2.4, corner_radius=0.2, color=style.HIGHLIGHT)
        inside = VGroup(Tex("network", font_size=36), Sentence(ParamCount(), "parameters", font_size=style.NOTE))
        inside.arrange(DOWN, buff=0.25).move_to(box)
        machine = VGroup(box, inside)
        VGroup(vec_in, machine, vec_out).arrange(buff=1.2).shift(DOWN * 0.3)
        a1 = Arrow(vec_in.get_right(), box.get_left(), buff=0.15)
        a2 = Arrow(box.get_right(), vec_out.get_left(), buff=0.15)
        in_label = Sentence(Size(0), "numbers in", font_size=style.NOTE).next_to(vec_in, UP, buff=0.2)
        out_label = Sentence(Size(L), "numbers out", font_size=style.NOTE).next_to(vec_out, UP, buff=0.2)
        self.play(FadeOut(VGroup(f, words, inputs, arrows, neuron, value, which)))
        self.narrate("input", FadeIn(vec_in), FadeIn(in_label))
        self.narrate("inside", FadeIn(a1), FadeIn(machine))
        self.narrate("output", FadeIn(a2), FadeIn(vec_out), FadeIn(out_label))

        self.next_section("its answer")
        k = lesson.value(Prediction())
        verdict = Sentence("brightest output:", Styled(Prediction(), style.HIGHLIGHT), font_size=style.NOTE)
        verdict.next_to(vec_out, DOWN, buff=0.2)
        note = Tex("an absurdly complicated function, but just a function", font_size=32, color=style.MUTED).to_edge(
            DOWN, buff=0.3
        )
        self.narrate("answer", vec_out.get_entries()[k].animate.set_color(style.HIGHLIGHT), FadeIn(verdict))
        self.narrate("simple", FadeIn(note))
        self.wait(1)
