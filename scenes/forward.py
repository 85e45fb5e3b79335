"""Scene 4: a real forward pass. The digit lights the input layer, then each layer lights with
the trace's activations; the output values appear and the brightest is the answer. Then two more
digits (one the network gets wrong, when there is one) and the model card's test accuracy.

    manim -pql scenes/forward.py ForwardPass
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    LaggedStart,
    ReplacementTransform,
    Tex,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.mobjects import NetworkDiagram, PixelGrid, Sentence, Styled, input_strips, number, strip_marks
from lessonkit.motion import in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import Activation, Label, Prediction, RunnerUp, TestAccuracy, TestCount
from network.digits import showcase


def more_digits(lesson) -> list[str]:
    """Two more showcase digits to run: one of another label, and one the network gets wrong
    (for whatever weights are loaded), else a second of another label."""
    names = [n for n in showcase() if n != lesson.spec]
    wrong = [n for n in names if lesson.other(n).value(Prediction()) != showcase()[n]["label"]]
    others = [n for n in names if n.endswith("_b") and n not in wrong and showcase()[n]["label"] != lesson.digit.label]
    return [others[0], wrong[0] if wrong else others[1]]


class ForwardPass(LessonScene):
    def construct(self):
        lesson = self.lesson
        digit = lesson.digit
        self.next_section("the digit")
        grid = PixelGrid(side=3.6).to_edge(LEFT, buff=0.4).shift(DOWN * 0.2)
        shown = input_strips(digit.pixels)
        diagram = NetworkDiagram(input_indices=shown, height=5.3, layer_gap=2.15)
        diagram.to_edge(RIGHT, buff=1.35).shift(DOWN * 0.05)  # room for the output values
        marks = strip_marks(grid, shown)
        title = Tex("Feeding the image forward", font_size=style.HEADING).to_edge(UP, buff=0.3)
        self.narrate("setup", FadeIn(grid, lag_ratio=0.002), FadeIn(diagram), Write(title), run_time=2)

        self.next_section("pixels into the input layer")
        # Rows unrolled into one column, in the order of the 784-vector, then into the input layer.
        column_x = diagram.layers[0].get_left()[0] - 1.3
        top, bottom = diagram.layers[0].get_top()[1], diagram.layers[0].get_bottom()[1]
        h = (top - bottom) / len(grid)
        strip = VGroup()
        for i, sq in enumerate(grid):
            piece = sq.copy().stretch_to_fit_height(h).stretch_to_fit_width(0.25)
            strip.add(piece.move_to([column_x, top - (i + 0.5) * h, 0]))
        self.narrate(
            "unroll",
            LaggedStart(
                *[
                    ReplacementTransform(
                        VGroup(*grid[r * 28 : (r + 1) * 28]).copy(), VGroup(*strip[r * 28 : (r + 1) * 28])
                    )
                    for r in range(28)
                ],
                lag_ratio=0.08,
            ),
            run_time=3.5,
        )
        note = Tex(
            r"input neurons drawn:\\ the pixels boxed in yellow", font_size=style.NOTE, color=style.HIGHLIGHT
        ).next_to(grid, DOWN, buff=0.25)
        if note.width > grid.width:
            note.scale_to_fit_width(grid.width)
        self.narrate(
            "fill", FadeOut(strip, shift=RIGHT * 1.0), AnimationGroup(*diagram.fill_layer(0)), FadeIn(marks), run_time=2
        )
        self.narrate("boxes", FadeIn(note))

        self.next_section("forward pass")
        self.narrate("flow", diagram.forward_pass(layer_time=1.6))
        self.narrate("real", during=in_turn(*diagram.layers))  # the flow again, layer by layer

        self.next_section("the answer")
        shown_answer = self.show_answer(diagram, lesson, narrate=True)
        out = diagram.layers[-1]
        ranked = [out[diagram.shown[-1].index(lesson.value(k))] for k in (RunnerUp(), Prediction())]
        self.narrate("runner_up", during=in_turn(*ranked))  # the runner-up, then the largest

        self.next_section("more digits")
        for name in more_digits(lesson):
            other = lesson.other(name)
            new_grid = PixelGrid(other, side=3.6).move_to(grid)
            # Same size and place as the old grid, so the yellow boxes stay where they are.
            self.play(
                FadeOut(shown_answer), ReplacementTransform(grid, new_grid), *diagram.clear_activations(), run_time=1
            )
            grid = new_grid
            self.narrate("each", diagram.forward_pass(other, layer_time=0.8), other=other)
            shown_answer = self.show_answer(diagram, other)
            self.wait(1)

        self.next_section("accuracy")
        if lesson.has(TestAccuracy()):
            summary = Sentence(
                "On all",
                TestCount(),
                "test digits it never saw:",
                Styled(TestAccuracy(), style.HIGHLIGHT),
                "correct",
                font_size=style.BODY,
            )
            ending = "Good, not perfect"
        else:  # weights the card does not describe: no figure to show
            summary = Tex("No test accuracy is known for these weights", font_size=style.BODY)
            ending = "How good is it?"
        summary.add_background_rectangle(opacity=0.9, buff=0.15).to_edge(DOWN, buff=0.3)
        self.narrate("accuracy", FadeIn(summary, shift=UP * 0.2))
        self.narrate("accuracy_wrong", title.animate.become(Tex(ending, font_size=style.HEADING).to_edge(UP, buff=0.3)))
        self.wait(1.5)

    def show_answer(self, diagram: NetworkDiagram, lesson, narrate: bool = False) -> VGroup:
        """Output activations as numbers; the brightest boxed as the answer; right or wrong said."""
        out_layer = len(diagram.layers) - 1
        outputs = VGroup(
            *[
                number(Activation(out_layer, k), lesson, font_size=style.SMALL).next_to(
                    diagram.output_labels[a], RIGHT, buff=0.2
                )
                for a, k in enumerate(diagram.shown[-1])
            ]
        )
        prediction = lesson.value(Prediction())
        a = diagram.shown[-1].index(prediction)
        known = lesson.has(Label())
        right = not known or prediction == lesson.value(Label())
        colour = style.RIGHT_ANSWER if right else style.WRONG_ANSWER
        box = diagram.output_box(prediction, outputs[a], color=colour)
        parts = ["answer:", Prediction()] + ([r"\quad true label:", Label()] if known else [])
        verdict = Sentence(*parts, lesson=lesson, font_size=32, color=colour)
        verdict.to_corner(UP + RIGHT, buff=0.5).shift(DOWN * 0.45)
        show_outputs = LaggedStart(*[FadeIn(o, shift=LEFT * 0.1) for o in outputs], lag_ratio=0.1)
        if narrate:
            self.narrate("outputs", show_outputs, run_time=1.5)
            self.narrate("verdict", FadeIn(box), FadeIn(verdict))
        else:
            self.play(show_outputs, run_time=1.5)
            self.play(FadeIn(box), FadeIn(verdict))
        return VGroup(outputs, box, verdict)
