"""Scene 8: counting the parameters. 784x16 + 16x16 + 16x10 weights and 16 + 16 + 10 biases,
13,002 in all, every figure from the model's shapes, each group's edges lighting on the diagram.

    manim -pql scenes/counting.py Counting
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    Indicate,
    LaggedStart,
    ShowPassingFlash,
    Succession,
    Tex,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.mobjects import Math, NetworkDiagram, Sentence, Styled, untagged
from lessonkit.motion import around
from lessonkit.scene import LessonScene
from lessonkit.values import ParamCount, Size, TotalBiases, TotalWeights, WeightCount


class Counting(LessonScene):
    def construct(self):
        L = self.lesson.layers
        diagram = NetworkDiagram(height=4.6, layer_gap=2.0, index_labels=False).scale(0.85)
        diagram.to_edge(LEFT, buff=0.6).shift(DOWN * 0.2)
        title = Tex("How many numbers does the network have?", font_size=style.HEADING).to_edge(UP, buff=0.3)
        self.next_section("the network")
        self.narrate("question", Write(title), FadeIn(diagram), run_time=2)

        self.next_section("weights")
        lines = VGroup(
            *[
                Sentence(Size(l - 1), Math(r"\times"), Size(l), Math("="), WeightCount(l), font_size=36)
                for l in range(1, L + 1)
            ]
        )
        header = Tex("weights", font_size=36, color=style.HIGHLIGHT)
        block = VGroup(header, *lines).arrange(DOWN, buff=0.25, aligned_edge=RIGHT)
        block.to_edge(RIGHT, buff=0.8).shift(UP * 1.2)

        def count(l):
            flash = [
                ShowPassingFlash(untagged(e).set_stroke(width=3, opacity=1), time_width=0.6) for e in diagram.edges[l]
            ]
            return AnimationGroup(
                FadeIn(lines[l], shift=LEFT * 0.2), LaggedStart(*flash, lag_ratio=0.002), run_time=1.8
            )

        self.narrate("first", Succession(FadeIn(header), count(0)))
        self.narrate("rest", Succession(*[count(l) for l in range(1, L)]))
        total_w = Sentence("in all", TotalWeights(), font_size=36).next_to(block, DOWN, buff=0.2, aligned_edge=RIGHT)
        self.narrate("all", FadeIn(total_w))

        self.next_section("biases")
        parts = []
        for l in range(1, L + 1):
            parts += ([Math("+")] if l > 1 else []) + [Size(l)]
        terms = Sentence(*parts, Math("="), TotalBiases(), font_size=36)
        b_header = Tex("biases: one per neuron", font_size=34, color=style.HIGHLIGHT)
        b_block = VGroup(b_header, terms).arrange(DOWN, buff=0.2, aligned_edge=RIGHT)
        b_block.next_to(total_w, DOWN, buff=0.5, aligned_edge=RIGHT)
        self.narrate(
            "biases",
            FadeIn(b_header),
            FadeIn(terms, shift=LEFT * 0.2),
            LaggedStart(
                *[Indicate(n, color=style.HIGHLIGHT, scale_factor=1.3) for col in diagram.layers[1:] for n in col],
                lag_ratio=0.02,
            ),
            run_time=2,
        )
        self.narrate("why", during=around(diagram.layers[0]))

        self.next_section("the total")
        total = Sentence(
            TotalWeights(), Math("+"), TotalBiases(), Math("="), Styled(ParamCount(), style.HIGHLIGHT), font_size=44
        )
        total.to_edge(DOWN, buff=0.5).to_edge(RIGHT, buff=0.8)
        knobs = Tex("knobs and dials to tune: learning will set them all", font_size=style.NOTE, color=style.MUTED)
        knobs.next_to(total, UP, buff=0.25, aligned_edge=RIGHT)
        self.narrate("total", FadeIn(total, shift=UP * 0.2))
        self.narrate("knobs", FadeIn(knobs))
        self.narrate("learning", during=around(total))
