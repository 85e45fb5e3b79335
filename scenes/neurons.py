"""Scene 2: a neuron holds a number; the image's 784 pixels become 784 neurons; their real
values up close; the word *activation*.

    manim -pql scenes/neurons.py Neurons
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    ReplacementTransform,
    SurroundingRectangle,
    Tex,
    VGroup,
    Write,
    config,
)

from lessonkit import style
from lessonkit.mobjects import Neuron, PixelGrid, Sentence, number
from lessonkit.motion import around, in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import Activation, Pixel, Size


def busiest_window(pixels: np.ndarray, size: int = 5) -> tuple[int, int]:
    """Top-left corner of the size x size window showing the most in-between grays (a stroke's edge)."""
    windows = np.lib.stride_tricks.sliding_window_view(pixels, (size, size))
    gray = ((windows > 0.05) & (windows < 0.95)).sum(axis=(2, 3))
    score = gray + windows.std(axis=(2, 3))
    r, c = np.unravel_index(np.argmax(score), score.shape)
    return int(r), int(c)


class Neurons(LessonScene):
    def construct(self):
        lesson = self.lesson
        x = lesson.digit.x
        self.next_section("a neuron holds a number")
        i = int(np.argmin(np.abs(x - 0.5)))  # a gray edge pixel: a real value between the extremes
        neuron = Neuron(Activation(0, i), radius=1.0)
        value = number(Pixel(i), font_size=48, color=style.ink_over(lesson.value(Pixel(i))))
        value.move_to(neuron)
        words = Tex(r"Neuron $\rightarrow$ a thing that holds a number", font_size=44).to_edge(UP)
        self.narrate("thing", GrowFromCenter(neuron), FadeIn(value), Write(words))
        self.narrate("this_one", during=around(value))

        self.next_section("pixels become neurons")
        grid = PixelGrid(side=6.4)
        self.narrate("image", FadeOut(VGroup(neuron, value, words)), FadeIn(grid, lag_ratio=0.002, run_time=2))
        neurons = grid.as_neurons()
        # One phrase a line: "784 neurons," on one baseline, then "one per pixel".
        count = VGroup(
            Sentence(Size(0), "neurons,", font_size=style.HEADING), Tex("one per pixel", font_size=style.HEADING)
        ).arrange(DOWN, buff=0.25)
        count.next_to(grid, LEFT, buff=0.5)
        self.narrate("one_per_pixel", ReplacementTransform(grid, neurons, lag_ratio=0.001, run_time=3), Write(count))
        self.narrate("shade", during=around(neurons))

        self.next_section("zoom in to the values")
        r0, c0 = busiest_window(lesson.digit.pixels)
        window = [r0 * 28 + c0 + dr * 28 + dc for dr in range(5) for dc in range(5)]
        center = VGroup(*[neurons[k] for k in window]).get_center()
        factor = 3.3 / (5 * grid.cell)  # the 5x5 window 3.3 wide: room for neighbours and the text
        target = LEFT * 3.5
        # Zooming in: only the neurons that will still be wholly on screen, up to the labelled
        # window's right column, stay; the text stands in the free column right of them.
        r = neurons[0].width / 2 * factor
        ends = [(n.get_center() - center) * factor + target for n in neurons]
        half_w, half_h = config.frame_width / 2 - 0.2 - r, config.frame_height / 2 - 0.2 - r
        right_edge = max(ends[k][0] for k in window) + 0.01  # nothing right of the labelled window
        text_column = right_edge + r + 0.5
        stay = [k for k, e in enumerate(ends) if -half_w <= e[0] <= right_edge and abs(e[1]) <= half_h]
        gone = VGroup(*[n for k, n in enumerate(neurons) if k not in set(stay)])
        kept = VGroup(*[neurons[k] for k in stay])
        self.narrate(
            "zoom",
            FadeOut(count),
            FadeOut(gone),
            kept.animate.scale(factor, about_point=center).shift(target - center),
            run_time=2.5,
        )
        self.remove(gone)
        labels = grid.value_labels(range(r0, r0 + 5), range(c0, c0 + 5), over=neurons, as_activation=True)
        self.narrate("values", FadeIn(labels, lag_ratio=0.05), run_time=2)

        self.next_section("activation")
        # Named: the brightest neuron of the window's right column, so the arrow crosses no label.
        k = max(window[4::5], key=lambda idx: x[idx])
        ring = SurroundingRectangle(neurons[k], color=style.HIGHLIGHT, buff=0.08)
        # The word and its explanation stand in the free column right of the neurons.
        column_centre = (text_column + config.frame_width / 2) / 2
        word = Tex(r"\emph{activation}", font_size=56, color=style.HIGHLIGHT)
        explain = Tex(
            r"The number inside a neuron\\is its activation: here,\\how bright its pixel is", font_size=style.BODY
        )
        VGroup(word, explain).arrange(DOWN, buff=0.6).move_to([column_centre, 0.3, 0])
        arrow = Arrow(word.get_left(), ring.get_right(), color=style.HIGHLIGHT, buff=0.1)
        self.narrate("word", FadeIn(ring), Write(word), GrowFromCenter(arrow))
        self.narrate("here", FadeIn(explain))
        self.narrate("later", during=in_turn(ring, word))
        self.wait(1)
