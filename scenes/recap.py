"""Scene 12: recap. Structure, neuron, weights and bias, matrix form, with the chosen digit
flowing through the network once more.

    manim -pql scenes/recap.py Recap
"""
from manim import DOWN, LEFT, RIGHT, UP, YELLOW, FadeIn, MathTex, SurroundingRectangle, Tex, VGroup

from forward import input_strips, strip_marks
from lesson import LessonScene
from nn_mobjects import NetworkDiagram, PixelGrid, integer, notation, number


class Recap(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, net, trace, digit = lesson.spec, lesson.net, lesson.trace, lesson.digit
        grid = PixelGrid(digit.pixels, spec, side=2.4).to_corner(UP + LEFT, buff=0.4)
        shown = input_strips(digit.pixels)
        diagram = NetworkDiagram(net, input_indices=shown, height=4.6, layer_gap=1.9)
        diagram.scale(0.85).to_edge(RIGHT, buff=0.8).shift(UP * 0.1)
        marks = strip_marks(grid, shown)

        self.next_section("structure")
        sizes = VGroup()
        for l, n in enumerate(net.sizes):
            if l:
                sizes.add(MathTex(r"\to", font_size=30))
            sizes.add(integer(n, "size", l, font_size=30))
        structure = VGroup(Tex("structure:", font_size=30, color=YELLOW), sizes.arrange(buff=0.12)).arrange(buff=0.2)
        self.play(FadeIn(grid), FadeIn(diagram), FadeIn(marks), run_time=1.5)
        items = VGroup(structure)

        neuron = VGroup(Tex("neuron:", font_size=30, color=YELLOW),
                        Tex("holds a number, its activation", font_size=30)).arrange(buff=0.2)
        wb = VGroup(Tex("weights and bias:", font_size=30, color=YELLOW),
                    notation(MathTex(r"\sigma(w_1 a_1 + \cdots + w_n a_n + b)", font_size=30))).arrange(buff=0.2)
        mat = VGroup(Tex("all at once:", font_size=30, color=YELLOW),
                     notation(MathTex(r"a^{(l+1)} = \sigma\left(W a^{(l)} + b\right)", font_size=30))).arrange(buff=0.2)
        params = VGroup(Tex("parameters:", font_size=30, color=YELLOW),
                        integer(net.n_params, "n_params", group_with_commas=True, font_size=30)).arrange(buff=0.2)
        items.add(neuron, wb, mat, params)
        items.arrange(DOWN, buff=0.3, aligned_edge=LEFT).next_to(grid, DOWN, buff=0.5, aligned_edge=LEFT)
        self.play(FadeIn(structure, shift=RIGHT * 0.2))
        self.wait(1)

        self.next_section("neuron, weights, bias, matrix")
        for item in items[1:]:
            self.play(FadeIn(item, shift=RIGHT * 0.2))
            self.wait(0.8)

        self.next_section("the digit flows through")
        self.play(diagram.forward_pass(trace, spec, layer_time=1.4))
        a = diagram.shown[-1].index(trace.prediction)
        box = SurroundingRectangle(VGroup(diagram.layers[-1][a], diagram.output_labels[a]), color=YELLOW, buff=0.08)
        value = number(trace.output[trace.prediction], "activation", spec, len(net.weights), trace.prediction,
                       font_size=26, color=YELLOW).next_to(box, RIGHT, buff=0.1)
        self.play(FadeIn(box), FadeIn(value))
        self.wait(3)
