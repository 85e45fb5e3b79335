"""Scene 3: the network's layers, sizes read from the model; output neurons 0-9; the hidden
layers as the open question.

    manim -pql scenes/layers.py Layers
"""

from manim import DOWN, UP, Brace, Create, FadeIn, FadeOut, GrowFromCenter, LaggedStart, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import NetworkDiagram, keep_in_frame, number
from lessonkit.motion import around
from lessonkit.scene import LessonScene
from lessonkit.values import Size


class Layers(LessonScene):
    def construct(self):
        diagram = NetworkDiagram(height=5.2, layer_gap=2.8).shift(DOWN * 0.1)
        sizes = VGroup(
            *[
                number(Size(l), font_size=32, color=style.MUTED).next_to(col, UP, buff=0.3)
                for l, col in enumerate(diagram.layers)
                if l
            ]
        )  # the input's size is on its brace

        self.next_section("input layer")
        title = Tex("Input layer: one neuron per pixel", font_size=style.HEADING).to_edge(UP)
        self.narrate(
            "column",
            Write(title),
            LaggedStart(*[GrowFromCenter(n) for n in diagram.layers[0]], lag_ratio=0.05),
            FadeIn(diagram.gaps),
        )
        self.narrate(
            "drawn", GrowFromCenter(diagram.input_brace), FadeIn(diagram.input_size), FadeIn(diagram.index_labels)
        )
        note = (
            Tex(
                r"each drawn neuron is labelled with its pixel's place\\in the image, read row by row",
                font_size=style.NOTE,
                color=style.MUTED,
            )
            .next_to(diagram.input_brace, DOWN)
            .to_edge(DOWN, buff=0.2)
        )
        keep_in_frame(note)
        self.narrate("labels", FadeIn(note))

        self.next_section("output layer")
        out_title = Tex("Output layer: one neuron per digit", font_size=style.HEADING).to_edge(UP)
        self.narrate(
            "outputs",
            title.animate.become(out_title),
            LaggedStart(*[GrowFromCenter(n) for n in diagram.layers[-1]], lag_ratio=0.08),
            FadeIn(diagram.output_labels),
            FadeIn(sizes[-1]),
        )
        self.narrate("meaning", during=around(VGroup(diagram.layers[-1], diagram.output_labels)))

        self.next_section("hidden layers")
        hidden = VGroup(*diagram.layers[1:-1])
        hid_title = Tex("Hidden layers: what do they do?", font_size=style.HEADING).to_edge(UP)
        self.narrate(
            "hidden",
            title.animate.become(hid_title),
            LaggedStart(*[GrowFromCenter(n) for col in hidden for n in col], lag_ratio=0.03),
            FadeIn(VGroup(*sizes[:-1])),
        )
        brace = Brace(hidden, DOWN, buff=0.2, color=style.HIGHLIGHT)
        question = Tex("?", font_size=72, color=style.HIGHLIGHT).next_to(brace, DOWN, buff=0.08)
        self.narrate("edges", LaggedStart(*[Create(edges) for edges in diagram.edges], lag_ratio=0.5, run_time=4))
        self.narrate("choice", FadeOut(note), GrowFromCenter(brace), Write(question))
        self.wait(1)
        self.add(diagram)
