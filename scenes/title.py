"""Title: the lesson opens on the digit itself, asks the question, then draws the facts of this
network on a diagram of it: its layers, its parameters (the edges), and its accuracy while the
digit runs through it. Every number is the shipped model's.

manim -pql scenes/title.py TitleCard
"""

from manim import DOWN, LEFT, UP, Create, FadeIn, Succession, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import Math, NetworkDiagram, PixelGrid, Sentence, input_strips
from lessonkit.motion import around
from lessonkit.scene import LessonScene
from lessonkit.values import ParamCount, Prediction, Size, TestAccuracy, TestCount


class TitleCard(LessonScene):
    def construct(self):
        lesson = self.lesson
        self.next_section("title")
        grid = PixelGrid(side=5.2).shift(DOWN * 0.2)
        self.narrate("digit", FadeIn(grid, lag_ratio=0.003), run_time=2.5)

        # The question over the digit, still centre stage; the digit makes room for the network after.
        title = Tex(r"But what \emph{is} a neural network?", font_size=52).to_edge(UP, buff=0.35)
        settled = grid.animate.scale(0.85).shift(DOWN * 0.3)
        self.narrate("question", settled, Write(title), during=lambda: around(grid))

        diagram = NetworkDiagram(input_indices=input_strips(lesson.digit.pixels), height=4.3, layer_gap=1.9)
        diagram.move_to([2.0, 0.1, 0])  # the free space right of the digit
        diagram.edges.set_z_index(-1)  # drawn in under the neurons
        sizes = []
        for l in range(len(lesson.net.sizes)):
            sizes += ([Math(r"\text{-}")] if l else []) + [Size(l)]
        arch = Sentence(*sizes, "sigmoid network, trained on MNIST", font_size=style.NOTE, color=style.MUTED)
        params = Sentence(ParamCount(), "parameters: its weights and biases", font_size=style.NOTE)
        facts = VGroup(arch, params)
        if lesson.has(TestAccuracy()):  # only a figure the card really has for these weights
            facts.add(
                Sentence(TestAccuracy(), "of the", TestCount(), "test digits read correctly", font_size=style.NOTE)
            )
        facts.arrange(DOWN, buff=0.18).next_to(diagram, DOWN, buff=0.35)
        body = VGroup(diagram.layers, diagram.gaps, diagram.output_labels)
        aside = grid.animate.scale(0.65 / 0.85).to_edge(LEFT, buff=0.7).set_y(-0.15)
        self.narrate("network", aside, FadeIn(body, lag_ratio=0.05), FadeIn(arch, shift=UP * 0.2))
        self.narrate("params", Create(diagram.edges, lag_ratio=0.002), FadeIn(params, shift=UP * 0.2))

        k = lesson.value(Prediction())
        answer = diagram.output_box(k)
        said = [FadeIn(facts[2], shift=UP * 0.2)] if len(facts) > 2 else []  # unsaid without a figure
        run = Succession(diagram.forward_pass(layer_time=0.8), Create(answer))
        self.narrate("accuracy", run, *said, during=around(facts[2]) if said else None)
        self.wait(0.5)
