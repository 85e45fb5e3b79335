"""Scene 4: a real forward pass. The digit lights the input layer, then each layer lights with
the trace's activations; the output values appear and the brightest is the answer. Then two more
digits, one the network gets wrong, and the model card's test accuracy.

    manim -pql scenes/forward.py ForwardPass
"""
import numpy as np
from manim import (DOWN, GREEN, LEFT, RED, RIGHT, UP, YELLOW, AnimationGroup, FadeIn, FadeOut, LaggedStart,
                   ReplacementTransform, SurroundingRectangle, Tex, VGroup, Write)

from lesson import LessonScene
from network.digits import showcase
from nn_mobjects import NetworkDiagram, PixelGrid, integer, number

STRIP = 8  # input neurons drawn per run of pixels


def input_strips(pixels: np.ndarray, width: int = STRIP) -> list[int]:
    """Two runs of `width` real pixels, from the two rows crossing the most ink, so the drawn
    input neurons show something of the digit (which pixels they are is marked on screen)."""
    rows = np.argsort(-pixels.sum(axis=1), kind="stable")
    r1 = int(rows[0])
    r2 = int(next(r for r in rows if abs(int(r) - r1) >= 4))
    out = []
    for r in sorted((r1, r2)):
        ink = np.flatnonzero(pixels[r] > 0.1)
        mid = int(ink.mean()) if ink.size else 14
        start = int(np.clip(mid - width // 2, 0, 28 - width))
        out += [r * 28 + c for c in range(start, start + width)]
    return out


def strip_marks(grid: PixelGrid, shown: list[int], width: int = STRIP) -> VGroup:
    """Yellow boxes on the image around each run of `width` pixels drawn as input neurons."""
    return VGroup(*[SurroundingRectangle(VGroup(grid[shown[k]], grid[shown[k + width - 1]]), color=YELLOW,
                                         buff=0.02, stroke_width=2) for k in range(0, len(shown), width)])


class ForwardPass(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, digit, trace = lesson.spec, lesson.digit, lesson.trace
        self.next_section("the digit")
        grid = PixelGrid(digit.pixels, spec, side=3.6).to_edge(LEFT, buff=0.4).shift(DOWN * 0.2)
        shown = input_strips(digit.pixels)
        diagram = NetworkDiagram(lesson.net, input_indices=shown, height=5.3, layer_gap=2.3)
        diagram.to_edge(RIGHT, buff=0.9).shift(DOWN * 0.05)
        marks = strip_marks(grid, shown)
        title = Tex("Feeding the image forward", font_size=40).to_edge(UP, buff=0.25)
        self.play(FadeIn(grid, lag_ratio=0.002), FadeIn(diagram), Write(title), run_time=2)
        self.wait(1)

        self.next_section("pixels into the input layer")
        # Rows unrolled into one column, in the order of the 784-vector, then into the input layer.
        column_x = diagram.layers[0].get_left()[0] - 1.3
        top, bottom = diagram.layers[0].get_top()[1], diagram.layers[0].get_bottom()[1]
        h = (top - bottom) / len(grid)
        strip = VGroup()
        for i, sq in enumerate(grid):
            piece = sq.copy().stretch_to_fit_height(h).stretch_to_fit_width(0.25)
            strip.add(piece.move_to([column_x, top - (i + 0.5) * h, 0]))
        self.play(LaggedStart(*[ReplacementTransform(VGroup(*grid[r * 28:(r + 1) * 28]).copy(),
                                                     VGroup(*strip[r * 28:(r + 1) * 28]))
                                for r in range(28)], lag_ratio=0.08), run_time=3.5)
        note = Tex(r"input neurons drawn:\\ the pixels boxed in yellow", font_size=30,
                   color=YELLOW).next_to(grid, DOWN, buff=0.25)
        note.scale_to_fit_width(grid.width)
        fills = diagram.fill_layer(0, trace.activations[0], spec)
        self.play(FadeOut(strip, shift=RIGHT * 1.0), AnimationGroup(*fills), FadeIn(marks), FadeIn(note),
                  run_time=2)
        self.wait(1)

        self.next_section("forward pass")
        self.play(diagram.forward_pass(trace, spec, layer_time=1.6))
        self.wait(1)

        self.next_section("the answer")
        outputs, box, verdict = self.show_answer(diagram, trace, spec, digit.label)
        self.wait(3)

        self.next_section("more digits")
        label = digit.label
        others = [n for n, info in showcase().items()
                  if info["label"] != label and not n.startswith("mistake") and n.endswith("_b")]
        mistakes = [n for n in showcase() if n.startswith("mistake") and n != lesson.spec]
        for name in (others[0], mistakes[0] if mistakes else others[1]):
            d, t = lesson.other(name)
            new_grid = PixelGrid(d.pixels, name, side=3.6).move_to(grid)
            # Same size and place as the old grid, so the yellow boxes stay where they are.
            self.play(FadeOut(VGroup(outputs, box, verdict)), ReplacementTransform(grid, new_grid),
                      *diagram.clear_activations(), run_time=1)
            grid = new_grid
            self.play(diagram.forward_pass(t, name, layer_time=0.8))
            outputs, box, verdict = self.show_answer(diagram, t, name, d.label)
            self.wait(2)

        self.next_section("accuracy")
        card = lesson.card
        summary = VGroup(Tex("On all", font_size=36),
                         integer(card["test_count"], "test_count", group_with_commas=True, font_size=40),
                         Tex("test digits it never saw:", font_size=36),
                         number(100 * card["test_accuracy"], "test_accuracy_percent", unit=r"\%", font_size=40),
                         Tex("correct", font_size=36)).arrange(buff=0.15)
        summary.to_edge(DOWN, buff=0.3).add_background_rectangle(opacity=0.9, buff=0.15)
        self.play(FadeIn(summary, shift=UP * 0.2))
        self.play(title.animate.become(Tex("Good, not perfect", font_size=40).to_edge(UP, buff=0.25)))
        self.wait(3)

    def show_answer(self, diagram, trace, spec, label):
        """Output activations as numbers; the brightest boxed as the answer; right or wrong said."""
        out_layer = len(diagram.layers) - 1
        outputs = VGroup(*[number(trace.output[k], "activation", spec, out_layer, k, decimals=2, font_size=24)
                           .next_to(diagram.output_labels[a], RIGHT, buff=0.2)
                           for a, k in enumerate(diagram.shown[-1])])
        a = diagram.shown[-1].index(trace.prediction)
        right = label is None or trace.prediction == label
        box = SurroundingRectangle(VGroup(diagram.layers[-1][a], diagram.output_labels[a], outputs[a]),
                                   color=GREEN if right else RED, buff=0.08)
        if label is None:
            verdict = VGroup(Tex("answer:", font_size=32), integer(trace.prediction, "prediction", spec, font_size=36))
        else:
            verdict = VGroup(Tex("answer:", font_size=32), integer(trace.prediction, "prediction", spec, font_size=36),
                             Tex(r"\quad true label:", font_size=32), integer(label, "label", spec, font_size=36))
        verdict.arrange(buff=0.15).set_color(GREEN if right else RED)
        verdict.to_corner(UP + RIGHT, buff=0.3).shift(DOWN * 0.55)
        self.play(LaggedStart(*[FadeIn(o, shift=LEFT * 0.1) for o in outputs], lag_ratio=0.1), run_time=1.5)
        self.play(FadeIn(box), FadeIn(verdict))
        return outputs, box, verdict
