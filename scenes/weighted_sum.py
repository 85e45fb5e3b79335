"""Scene 6: weights and the weighted sum. One first-layer neuron (the one whose bias matters
most for the digit, see lesson.focus_neuron), its 784 incoming weights as a 28x28 grid, the pixels times the weights, and the sum
w1 a1 + w2 a2 + ... + wn an with its real largest terms and its real total.

    manim -pql scenes/weighted_sum.py WeightedSum
"""
import numpy as np
from manim import (DOWN, GREY_B, LEFT, RED, RIGHT, UP, YELLOW, FadeIn, MathTex, SurroundingRectangle, Tex,
                   TransformFromCopy, VGroup, Write)

from lesson import LessonScene, focus_neuron
from nn_mobjects import Neuron, PixelGrid, SignedGrid, integer, notation, number, weight_grid


class WeightedSum(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, net = lesson.spec, lesson.net
        j = focus_neuron(lesson)
        a = lesson.trace.steps[0].a
        w = net.weights[0][j]

        self.next_section("one neuron")
        neuron = Neuron(lesson.trace.steps[0].out[j], radius=0.6, key=("activation", spec, 1, j))
        name = VGroup(Tex("neuron", font_size=36), integer(j, "focus", spec, font_size=40),
                      Tex("of layer", font_size=36), integer(1, "layer_index", 1, font_size=40)).arrange(buff=0.15)
        why = Tex("chosen because, for this digit, its bias changes its output\\\\"
                  "the most of all neurons in that layer (more on biases soon)",
                  font_size=30, color=GREY_B)
        head = VGroup(neuron, name, why).arrange(DOWN, buff=0.3)
        self.play(FadeIn(neuron), Write(name))
        self.play(FadeIn(why))
        self.wait(2)

        self.next_section("its weights")
        wgrid = weight_grid(net, 0, j, side=3.6)
        digit = PixelGrid(lesson.digit.pixels, spec, side=3.6)
        times = MathTex(r"\times", font_size=60)
        row = VGroup(digit, times, wgrid).arrange(buff=0.5).shift(DOWN * 0.5)
        labels = VGroup(Tex("pixel activations $a_i$", font_size=30).next_to(digit, UP),
                        Tex("its weights $w_i$", font_size=30).next_to(wgrid, UP))
        legend = VGroup(Tex("green", font_size=28, color=wgrid.squares[0].positive_color), Tex("positive,", font_size=28),
                        Tex("red", font_size=28, color=RED), Tex("negative", font_size=28)).arrange(buff=0.1)
        legend.next_to(wgrid, DOWN, buff=0.25)
        self.play(head.animate.scale(0.55).to_corner(UP + LEFT, buff=0.3))
        self.play(FadeIn(wgrid), FadeIn(labels[1]), FadeIn(legend))
        self.wait(1.5)
        self.play(FadeIn(digit), FadeIn(labels[0]), FadeIn(times))
        self.wait(1.5)

        self.next_section("pixels times weights")
        products = w * a
        prod = SignedGrid(products, [("wa", spec, 1, j, i) for i in range(784)], ("wa_row", spec, 1, j), side=3.6)
        equals = MathTex("=", font_size=60)
        prod_label = Tex("$w_i a_i$", font_size=30)
        self.play(VGroup(row, labels, legend).animate.scale(0.8).to_edge(LEFT, buff=0.4).shift(DOWN * 0.3))
        equals.next_to(row, RIGHT, buff=0.4)
        prod.scale(0.8).next_to(equals, RIGHT, buff=0.4)
        prod_label.next_to(prod, UP)
        self.play(FadeIn(equals), TransformFromCopy(wgrid, prod), FadeIn(prod_label), run_time=2)
        self.wait(2)

        self.next_section("the weighted sum")
        top = np.argsort(-np.abs(products), kind="stable")[:3]
        formula = notation(MathTex(r"w_1 a_1 + w_2 a_2 + w_3 a_3 + \cdots + w_n a_n", font_size=40))
        terms = VGroup()
        for k, i in enumerate(top):
            if k:
                terms.add(MathTex("+", font_size=36))
            terms.add(VGroup(MathTex("(", font_size=36), number(w[i], "weight", 0, j, int(i), font_size=32),
                             MathTex(r")\,(", font_size=36), number(a[i], "pixel", spec, int(i), font_size=32),
                             MathTex(")", font_size=36)).arrange(buff=0.04))
        total = number(float(w @ a), "wsum", spec, 1, j, font_size=40, color=YELLOW)
        terms.add(MathTex(r"+ \cdots =", font_size=36), total)
        terms.arrange(buff=0.12)
        note = Tex("the three largest terms shown; the total is over all", font_size=26, color=GREY_B)
        count = integer(net.sizes[0], "size", 0, font_size=28, color=GREY_B)
        note = VGroup(note, count, Tex("pixels", font_size=26, color=GREY_B)).arrange(buff=0.1)
        block = VGroup(formula, terms, note).arrange(DOWN, buff=0.3).to_edge(DOWN, buff=0.3)
        block.add_background_rectangle(opacity=0.85, buff=0.15)
        self.play(VGroup(row, labels, legend, equals, prod, prod_label).animate.shift(UP * 0.9))
        self.play(FadeIn(block[0]), Write(formula))
        marks = VGroup(*[SurroundingRectangle(prod.squares[int(i)], color=YELLOW, buff=0.03) for i in top])
        self.play(FadeIn(marks), FadeIn(terms[:-2]))
        self.play(FadeIn(terms[-2:]), FadeIn(note))
        self.wait(3)
