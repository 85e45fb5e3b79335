"""Scene 6: weights and the weighted sum. One first-layer neuron (the one whose bias matters
most for the digit, see values.FocusNeuron), its 784 incoming weights as a 28x28 grid, the pixels
times the weights, and the sum w1 a1 + w2 a2 + ... + wn an with its real terms pushing it up and
pulling it down the most, and its real total.

    manim -pql scenes/weighted_sum.py WeightedSum
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    MathTex,
    SurroundingRectangle,
    Tex,
    TransformFromCopy,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.mobjects import Math, Neuron, PixelGrid, Sentence, SignedGrid, Styled, notation, sign_legend, weight_grid
from lessonkit.motion import around, in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import (
    Activation,
    FocusNeuron,
    Index,
    LargestProduct,
    Pixel,
    Product,
    Size,
    Weight,
    strongest_pulls,
)
from lessonkit.values import WeightedSum as SumInto  # the scene class below is called WeightedSum


class WeightedSum(LessonScene):
    def construct(self):
        lesson = self.lesson
        j = lesson.focus
        n = lesson.value(Size(0))

        self.next_section("one neuron")
        neuron = Neuron(Activation(1, j), radius=0.6)
        name = Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"), font_size=style.HEADING)
        why = Tex(
            "chosen because, for this digit, its bias changes its output\\\\"
            "the most of all neurons in that layer (more on biases soon)",
            font_size=style.NOTE,
            color=style.MUTED,
        )
        head = VGroup(neuron, name, why).arrange(DOWN, buff=0.3)
        self.narrate("pick", FadeIn(neuron), Write(name))
        self.narrate("why", FadeIn(why))
        self.narrate("state", during=around(neuron))

        self.next_section("its weights")
        wgrid = weight_grid(1, j, side=3.6)
        digit = PixelGrid(side=3.6)
        times = MathTex(r"\times", font_size=60)
        row = VGroup(digit, times, wgrid).arrange(buff=0.5).shift(DOWN * 0.5)
        labels = VGroup(
            Tex("pixel activations $a_i$", font_size=style.NOTE).next_to(digit, UP),
            Tex("its weights $w_i$", font_size=style.NOTE).next_to(wgrid, UP),
        )
        legend = sign_legend(wgrid.signed).next_to(wgrid, DOWN, buff=0.25)
        head.remove(why)
        self.play(FadeOut(why), head.animate.scale(0.6).to_corner(UP + LEFT, buff=0.3))
        self.narrate("weights", FadeIn(wgrid), FadeIn(labels[1]), FadeIn(legend))
        self.narrate("colors", during=around(legend))
        self.narrate("pixels", FadeIn(digit), FadeIn(labels[0]), FadeIn(times))

        self.next_section("pixels times weights")
        prod = SignedGrid([Product(1, j, i) for i in range(n)], style.grid_scheme(LargestProduct(1, j)), side=3.6)
        equals = MathTex("=", font_size=60)
        prod_label = Tex("$w_i a_i$", font_size=style.NOTE)
        self.play(VGroup(row, labels, legend).animate.scale(0.8).to_edge(LEFT, buff=0.4).shift(DOWN * 0.3))
        equals.next_to(row, RIGHT, buff=0.4)
        prod.scale(0.8).next_to(equals, RIGHT, buff=0.4)
        prod_label.next_to(prod, UP)
        self.narrate("multiply", FadeIn(equals), TransformFromCopy(wgrid, prod), FadeIn(prod_label), run_time=2)
        self.narrate("dark", during=around(prod))
        self.narrate("ink", during=in_turn(digit, wgrid))

        self.next_section("the weighted sum")
        # The product pushing the sum up the most and the one pulling it down the most (or, when
        # every product pulls one way, the two strongest), each marked with its real pixel index.
        up, down = strongest_pulls(lesson, 1, j)
        top = [up[0], down[0]] if up and down else up or down
        # The textbook form, symbols only; below it the real terms, then the real total.
        formula = notation(MathTex(r"\text{weighted sum} = w_1 a_1 + w_2 a_2 + \cdots + w_n a_n", font_size=36))
        parts, spans = [], []
        for k, i in enumerate(top):
            parts += [Math("+")] if k else []
            spans.append(range(len(parts), len(parts) + 5))
            parts += [Math("("), Weight(1, j, i), Math(r")\,("), Pixel(i), Math(")")]
        terms = Sentence(*parts, Math(r"+ \cdots ="), Styled(SumInto(1, j), style.HIGHLIGHT), font_size=36)
        indices = VGroup(
            *[
                Sentence(Math("i ="), Index(i, "pixel"), font_size=style.LEGIBLE + 2, color=style.MUTED).next_to(
                    VGroup(*[terms[p] for p in span]), DOWN, buff=0.1
                )
                for i, span in zip(top, spans)
            ]
        )
        note = Sentence("two of the terms; the total is over all", Size(0), "pixels", font_size=24, color=style.MUTED)
        block = VGroup(formula, VGroup(terms, indices), note).arrange(DOWN, buff=0.22).to_edge(DOWN, buff=0.3)
        block.add_background_rectangle(opacity=0.85, buff=0.15)
        self.play(VGroup(row, labels, legend, equals, prod, prod_label).animate.shift(UP * 0.9))
        self.narrate("sum", FadeIn(block[0]), Write(formula))
        marks = VGroup(*[SurroundingRectangle(prod.squares[i], color=style.HIGHLIGHT, buff=0.03) for i in top])
        total_at = len(terms) - 2  # "+ ... =" and the total
        self.narrate("terms", FadeIn(marks), FadeIn(terms[:total_at]), FadeIn(indices))
        self.narrate("total", FadeIn(terms[total_at:]), FadeIn(note))
        self.wait(1)
