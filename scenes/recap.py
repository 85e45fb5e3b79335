"""Scene 12: recap. Structure, neuron, weights and bias, matrix form, with the chosen digit
flowing through the network once more.

    manim -pql scenes/recap.py Recap
"""

from manim import DOWN, LEFT, RIGHT, UP, AnimationGroup, FadeIn, Succession, VGroup

from lessonkit import style
from lessonkit.mobjects import Math, NetworkDiagram, PixelGrid, Sentence, Styled, input_strips, number, strip_marks
from lessonkit.motion import around
from lessonkit.scene import LessonScene
from lessonkit.values import Activation, ParamCount, Prediction, Size


class Recap(LessonScene):
    def construct(self):
        lesson = self.lesson
        grid = PixelGrid(side=2.4).to_corner(UP + LEFT, buff=0.4)
        shown = input_strips(lesson.digit.pixels)
        diagram = NetworkDiagram(input_indices=shown, height=4.6, layer_gap=1.9, index_labels=False)
        diagram.scale(0.85).to_edge(RIGHT, buff=1.3).shift(UP * 0.1)  # room for the answer's value
        marks = strip_marks(grid, shown)

        def item(head, *rest):  # one line, one baseline: the heading in yellow, then the rest
            return Sentence(Styled(head, style.HIGHLIGHT), *rest, font_size=30)

        self.next_section("structure")
        sizes = []
        for l in range(lesson.layers + 1):
            sizes += ([Math(r"\to")] if l else []) + [Size(l)]
        structure = item("structure:", *sizes)
        show_network = AnimationGroup(FadeIn(grid), FadeIn(diagram), FadeIn(marks), run_time=1.5)
        items = VGroup(
            structure,
            item("neuron:", "holds a number, its activation"),
            item("weights and bias:", Math(r"\ \sigma(w_1 a_1 + \cdots + w_n a_n + b)", notation=True)),
            item("all at once:", Math(r"\ a^{(l+1)} = \sigma\left(W a^{(l)} + b\right)", notation=True)),
            item("parameters:", ParamCount()),
        )
        items.arrange(DOWN, buff=0.3, aligned_edge=LEFT).next_to(grid, DOWN, buff=0.5, aligned_edge=LEFT)
        self.narrate("structure", Succession(show_network, FadeIn(structure, shift=RIGHT * 0.2)))

        self.next_section("neuron, weights, bias, matrix")
        for line, it in zip(["neuron", "weights", "matrix", "params"], items[1:]):
            self.narrate(line, FadeIn(it, shift=RIGHT * 0.2))

        self.next_section("the digit flows through")
        self.narrate("flow", diagram.forward_pass(layer_time=1.4))
        k = lesson.value(Prediction())
        a = diagram.shown[-1].index(k)
        value = number(Activation(lesson.layers, k), font_size=style.SMALL, color=style.HIGHLIGHT)
        value.next_to(diagram.output_labels[a], RIGHT, buff=0.2)
        box = diagram.output_box(k, value)
        self.narrate("answer", FadeIn(box), FadeIn(value))
        self.narrate("next", during=around(items[-1]))
        self.wait(1)
