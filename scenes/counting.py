"""Scene 8: counting the parameters. 784x16 + 16x16 + 16x10 weights and 16 + 16 + 10 biases,
13,002 in all, every figure from the model's shapes, each group's edges lighting on the diagram.

    manim -pql scenes/counting.py Counting
"""
from manim import (DOWN, GREY_B, LEFT, RIGHT, UP, YELLOW, FadeIn, Indicate, LaggedStart, MathTex,
                   ShowPassingFlash, Tex, VGroup, Write)

from lesson import LessonScene
from nn_mobjects import NetworkDiagram, integer, untagged


class Counting(LessonScene):
    def construct(self):
        net = self.lesson.net
        diagram = NetworkDiagram(net, height=4.6, layer_gap=2.0, index_labels=False).scale(0.85)
        diagram.to_edge(LEFT, buff=0.6).shift(DOWN * 0.2)
        title = Tex("How many numbers does the network have?", font_size=40).to_edge(UP, buff=0.3)
        self.next_section("the network")
        self.play(Write(title), FadeIn(diagram), run_time=2)
        self.wait(1)

        self.next_section("weights")
        lines = VGroup()
        for l in range(len(net.weights)):
            n_in, n_out = net.sizes[l], net.sizes[l + 1]
            line = VGroup(integer(n_in, "size", l, font_size=36), MathTex(r"\times", font_size=36),
                          integer(n_out, "size", l + 1, font_size=36), MathTex("=", font_size=36),
                          integer(n_in * n_out, "n_weights", l, group_with_commas=True, font_size=36))
            lines.add(line.arrange(buff=0.15))
        header = Tex("weights", font_size=36, color=YELLOW)
        block = VGroup(header, *lines).arrange(DOWN, buff=0.25, aligned_edge=RIGHT)
        block.to_edge(RIGHT, buff=0.8).shift(UP * 1.2)
        self.play(FadeIn(header))
        for l, line in enumerate(lines):
            flash = [ShowPassingFlash(untagged(e).set_stroke(width=3, opacity=1), time_width=0.6)
                     for e in diagram.edges[l]]
            self.play(FadeIn(line, shift=LEFT * 0.2), LaggedStart(*flash, lag_ratio=0.002), run_time=1.8)
        n_weights = sum(w.size for w in net.weights)
        total_w = VGroup(Tex("in all", font_size=32),
                         integer(n_weights, "n_weights_total", group_with_commas=True, font_size=36)).arrange(buff=0.15)
        total_w.next_to(block, DOWN, buff=0.2, aligned_edge=RIGHT)
        self.play(FadeIn(total_w))
        self.wait(1.5)

        self.next_section("biases")
        terms = VGroup()
        for l in range(1, len(net.sizes)):
            if l > 1:
                terms.add(MathTex("+", font_size=36))
            terms.add(integer(net.sizes[l], "size", l, font_size=36))
        n_biases = sum(b.size for b in net.biases)
        terms.add(MathTex("=", font_size=36), integer(n_biases, "n_biases_total", font_size=36))
        terms.arrange(buff=0.15)
        b_header = Tex("biases: one per neuron", font_size=34, color=YELLOW)
        b_block = VGroup(b_header, terms).arrange(DOWN, buff=0.2, aligned_edge=RIGHT)
        b_block.next_to(total_w, DOWN, buff=0.5, aligned_edge=RIGHT)
        self.play(FadeIn(b_block[0]), FadeIn(terms, shift=LEFT * 0.2),
                  LaggedStart(*[Indicate(n, color=YELLOW, scale_factor=1.3) for col in diagram.layers[1:] for n in col],
                              lag_ratio=0.02), run_time=2)
        self.wait(1.5)

        self.next_section("the total")
        total = VGroup(integer(n_weights, "n_weights_total", group_with_commas=True, font_size=40),
                       MathTex("+", font_size=40), integer(n_biases, "n_biases_total", font_size=40),
                       MathTex("=", font_size=40),
                       integer(net.n_params, "n_params", group_with_commas=True, font_size=52, color=YELLOW))
        total.arrange(buff=0.2).to_edge(DOWN, buff=0.5).to_edge(RIGHT, buff=0.8)
        knobs = Tex("knobs and dials to tune: learning will set them all", font_size=30, color=GREY_B)
        knobs.next_to(total, UP, buff=0.25, aligned_edge=RIGHT)
        self.play(FadeIn(total, shift=UP * 0.2))
        self.play(FadeIn(knobs))
        self.wait(3)
