"""Scene 5: why layers? The hope (a 9 is a loop plus a line, an 8 two loops, a 4 three lines;
loops and lines break into little edges), drawn with pieces of real digits and framed as a hope.
Then the reality: the first hidden layer's real incoming weights as 28x28 images.

    manim -pql scenes/why_layers.py WhyLayers
"""

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, LaggedStart, Rectangle, Succession, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import DigitThumbnail, sign_legend, weight_grid
from lessonkit.motion import around, in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import Size


def masks(shape, cuts: list[tuple[slice, slice]]) -> list[np.ndarray]:
    """A 0/1 mask per rectangle (rows, cols): the piece of the digit inside it."""
    out = []
    for rows, cols in cuts:
        m = np.zeros(shape)
        m[rows, cols] = 1
        out.append(m)
    return out


def ink_split(pixels: np.ndarray, axis: int) -> int:
    """Where to cut the ink in two halves along an axis (rows: 0, columns: 1)."""
    profile = pixels.sum(axis=1 - axis)
    return int(np.searchsorted(np.cumsum(profile), profile.sum() / 2))


def plus_between(pieces: list) -> VGroup:
    """The pieces in a row with a "+" between each two: the digit is their sum."""
    row = VGroup()
    for k, piece in enumerate(pieces):
        if k:
            row.add(Tex("+", font_size=40))
        row.add(piece)
    return row.arrange(buff=0.2)


class WhyLayers(LessonScene):
    def construct(self):
        lesson = self.lesson
        all_ = slice(None)
        hope = Tex(
            r"The \emph{hope} (an illustration, not a measurement)", font_size=style.BODY, color=style.HIGHLIGHT
        ).to_edge(UP, buff=0.3)
        self.next_section("the hope: digits from pieces")
        rows = VGroup()
        for name, cut, words in [
            (
                "nine_a",
                lambda p: [(slice(0, ink_split(p, 0) + 1), all_), (slice(ink_split(p, 0) + 1, 28), all_)],
                "a loop up top, a line below",
            ),
            ("eight_a", lambda p: [(slice(0, ink_split(p, 0)), all_), (slice(ink_split(p, 0), 28), all_)], "two loops"),
            ("four_a", lambda p: [(all_, slice(0, ink_split(p, 1))), (all_, slice(ink_split(p, 1), 28))], "lines"),
        ]:
            d = lesson.other(name)
            pixels = d.digit.pixels
            whole = DigitThumbnail(d, height=1.6)
            parts = plus_between([DigitThumbnail(d, height=1.6, mask=m) for m in masks(pixels.shape, cut(pixels))])
            row = VGroup(whole, Tex("=", font_size=48), parts, Tex(words, font_size=style.NOTE, color=style.MUTED))
            rows.add(row.arrange(buff=0.35))
        rows.arrange(DOWN, buff=0.35, aligned_edge=LEFT).next_to(hope, DOWN, buff=0.35)
        self.narrate("why", Write(hope))

        def show(row):
            return Succession(
                FadeIn(row[0], run_time=0.8),
                LaggedStart(
                    FadeIn(row[1]),
                    *[FadeIn(p, shift=RIGHT * 0.2) for p in row[2]],
                    FadeIn(row[3]),
                    lag_ratio=0.3,
                    run_time=1.5,
                ),
            )

        self.narrate("nine", show(rows[0]))
        self.narrate("others", Succession(show(rows[1]), show(rows[2])))
        self.narrate("hope", during=in_turn(*rows[0][2]))

        self.next_section("the hope: pieces from little edges")
        loop = rows[0][2][0]
        nine = lesson.other("nine_a")
        top = ink_split(nine.digit.pixels, 0) + 1
        upper = nine.digit.pixels * masks((28, 28), [(slice(0, top), all_)])[0]
        mid_r, mid_c = ink_split(upper, 0), ink_split(upper, 1)
        quads = [
            (slice(0, mid_r), slice(0, mid_c)),
            (slice(0, mid_r), slice(mid_c, 28)),
            (slice(mid_r, top), slice(0, mid_c)),
            (slice(mid_r, top), slice(mid_c, 28)),
        ]
        edges = plus_between([DigitThumbnail(nine, height=1.6, mask=m) for m in masks((28, 28), quads)])
        big_loop = loop.copy()
        story = VGroup(big_loop, Tex("=", font_size=48), edges).arrange(buff=0.35).move_to(DOWN * 0.3)
        caption = Tex("and each loop or line, from little edges", font_size=style.BODY).next_to(story, DOWN, buff=0.5)
        hope_layers = Tex(
            r"the hope: first hidden layer, edges; second, loops and lines; output, the digit",
            font_size=style.NOTE,
            color=style.HIGHLIGHT,
        ).to_edge(DOWN, buff=0.3)
        self.play(FadeOut(rows), FadeIn(big_loop))
        self.narrate(
            "edges",
            FadeIn(story[1]),
            LaggedStart(*[FadeIn(e, shift=RIGHT * 0.2) for e in edges], lag_ratio=0.3),
            Write(caption),
            run_time=2,
        )
        self.narrate("layers", FadeIn(hope_layers))
        self.narrate("cuts", during=in_turn(*edges))

        self.next_section("the reality")
        n_hidden = lesson.value(Size(1))
        grids = VGroup(*[weight_grid(1, j, side=1.45) for j in range(n_hidden)])
        cols = int(np.ceil(np.sqrt(n_hidden)))
        grids.arrange_in_grid(rows=int(np.ceil(n_hidden / cols)), cols=cols, buff=0.18)
        grids.scale_to_fit_height(min(grids.height, 6.2)).shift(LEFT * 2.2 + DOWN * 0.35)
        title = Tex(r"The \emph{reality}: what the first hidden layer looks for", font_size=38).to_edge(UP, buff=0.3)
        legend = VGroup(
            Tex(r"each square: one neuron's\\weights from the pixels", font_size=style.NOTE),
            sign_legend(grids[0].signed),
        )
        legend.arrange(DOWN, buff=0.2).next_to(grids, RIGHT, buff=0.6)
        verdict = Tex(r"not clean edges:\\blurry, mixed patterns", font_size=32, color=style.HIGHLIGHT).next_to(
            legend, DOWN, buff=0.6
        )
        self.play(FadeOut(VGroup(story, caption, hope_layers, hope)), Write(title))
        # Revealed by fading out black covers: the squares stay still, so they are drawn once,
        # not on every frame.
        covers = VGroup(
            *[
                Rectangle(
                    width=g.width + 0.04,
                    height=g.height + 0.04,
                    stroke_width=0,
                    fill_color=style.BACKGROUND,
                    fill_opacity=1,
                ).move_to(g)
                for g in grids
            ]
        )
        self.add(grids, covers)
        self.narrate("squares", LaggedStart(*[FadeOut(c) for c in covers], lag_ratio=0.1), run_time=3)
        self.narrate("colors", FadeIn(legend))
        self.narrate("verdict", Write(verdict))
        self.narrate("honest", during=around(grids))
