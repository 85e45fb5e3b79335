"""Scene 3: the network's layers, sizes read from the model; output neurons 0-9; the hidden
layers as the open question.

    manim -pql scenes/layers.py Layers
"""
from manim import (DOWN, GREY_B, UP, YELLOW, Brace, Create, FadeIn, FadeOut, GrowFromCenter, LaggedStart,
                   Tex, VGroup, Write)

from lesson import LessonScene
from nn_mobjects import NetworkDiagram, integer


class Layers(LessonScene):
    def construct(self):
        net = self.lesson.net
        diagram = NetworkDiagram(net, height=5.6, layer_gap=2.8).shift(DOWN * 0.3)
        sizes = VGroup(*[integer(n, "size", l, font_size=32, color=GREY_B).next_to(col, UP, buff=0.3)
                         for l, (n, col) in enumerate(zip(net.sizes, diagram.layers))])
        sizes.remove(sizes[0])  # the input layer's size is on its brace

        self.next_section("input layer")
        title = Tex("Input layer: one neuron per pixel", font_size=40).to_edge(UP)
        self.play(Write(title), LaggedStart(*[GrowFromCenter(n) for n in diagram.layers[0]], lag_ratio=0.05),
                  FadeIn(diagram.gaps))
        self.play(GrowFromCenter(diagram.input_brace), FadeIn(diagram.input_size),
                  FadeIn(diagram.index_labels))
        note = Tex(r"each drawn neuron is labelled with its pixel's place\\in the image, read row by row",
                   font_size=28, color=GREY_B).next_to(diagram.input_brace, DOWN).to_edge(DOWN, buff=0.2)
        self.play(FadeIn(note))
        self.wait(2)

        self.next_section("output layer")
        out_title = Tex("Output layer: one neuron per digit", font_size=40).to_edge(UP)
        self.play(title.animate.become(out_title),
                  LaggedStart(*[GrowFromCenter(n) for n in diagram.layers[-1]], lag_ratio=0.08),
                  FadeIn(diagram.output_labels), FadeIn(sizes[-1]))
        self.wait(2)

        self.next_section("hidden layers")
        hidden = VGroup(*diagram.layers[1:-1])
        hid_title = Tex("Hidden layers: what do they do?", font_size=40).to_edge(UP)
        self.play(title.animate.become(hid_title),
                  LaggedStart(*[GrowFromCenter(n) for col in hidden for n in col], lag_ratio=0.03),
                  FadeIn(VGroup(*sizes[:-1])))
        brace = Brace(hidden, DOWN, buff=0.2, color=YELLOW)
        question = Tex("?", font_size=96, color=YELLOW).next_to(brace, DOWN, buff=0.1)
        self.play(LaggedStart(*[Create(edges) for edges in diagram.edges], lag_ratio=0.5, run_time=4))
        self.play(FadeOut(note), GrowFromCenter(brace), Write(question))
        self.wait(3)
        self.add(diagram)
