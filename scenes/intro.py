"""Scene 1: "this is a 3". The digit as 28x28 pixels, other 3s that differ a lot, and the
network's real verdicts on a handful of showcase digits.

    manim -pql scenes/intro.py ThisIsAThree
"""

import numpy as np
from manim import DOWN, UP, FadeIn, FadeOut, GrowFromCenter, LaggedStart, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import DigitThumbnail, PixelGrid, Sentence, Styled
from lessonkit.motion import in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import Label, Prediction
from network.digits import showcase


def same_label(label, exclude, limit=4):
    """Showcase digits with this label (any digit when unknown), the chosen one left out."""
    names = [
        n
        for n, info in showcase().items()
        if (label is None or info["label"] == label) and not n.startswith("mistake") and n != exclude
    ]
    return names[:limit]


def verdict_picks(lesson) -> list[str]:
    """Showcase digits to show the network's answers on: one of every other digit, and every
    one this network gets wrong (so its mistakes are shown, whichever weights are loaded)."""
    firsts = [n for n in showcase() if n.endswith("_a") and not n.startswith("mistake")][::2]
    wrong = [n for n in showcase() if lesson.other(n).value(Prediction()) != showcase()[n]["label"]]
    return (firsts[:4] + [n for n in wrong if n not in firsts])[:6]


class ThisIsAThree(LessonScene):
    def construct(self):
        lesson = self.lesson
        digit = lesson.digit
        self.next_section("this is a digit")
        grid = PixelGrid(side=4.6).shift(DOWN * 0.3)
        braces = grid.size_braces()
        if lesson.has(Label()):
            caption = Sentence("This is a", Label(), font_size=56)
        else:
            caption = Tex("This is a handwritten digit", font_size=style.TITLE)
        caption.to_edge(UP)
        self.narrate("digit", FadeIn(grid, lag_ratio=0.003, run_time=2), Write(caption))
        self.narrate("grid", GrowFromCenter(braces[0]), GrowFromCenter(braces[2]), FadeIn(braces[1]), FadeIn(braces[3]))
        r, c = np.unravel_index(np.argmax(digit.pixels), digit.pixels.shape)  # its brightest pixel, then all
        self.narrate("values", during=in_turn(grid.square(int(r), int(c)), grid))

        self.next_section("other ways to write it")
        others = VGroup(*[DigitThumbnail(lesson.other(n), height=2.3) for n in same_label(digit.label, lesson.spec)])
        row = VGroup(grid.copy().scale(2.3 / 4.6), *others).arrange(buff=0.45).shift(DOWN * 0.2)
        remark = Tex("Every pixel is different, yet you read them all the same way", font_size=style.BODY).next_to(
            row, DOWN, buff=0.6
        )
        self.play(FadeOut(braces), grid.animate.scale(2.3 / 4.6).move_to(row[0]))
        self.narrate("others", LaggedStart(*[FadeIn(o, shift=UP * 0.2) for o in others], lag_ratio=0.25), run_time=2)
        self.narrate("pixels", Write(remark))
        self.narrate("puzzle", during=in_turn(*row))

        self.next_section("what the network answers")
        cards, any_wrong, shown = VGroup(), False, verdict_picks(lesson)
        for name in shown:
            other = lesson.other(name)
            right = other.value(Prediction()) == other.value(Label())
            g = DigitThumbnail(other, height=1.7)
            answer = Sentence(
                "network:",
                Styled(Prediction(), style.RIGHT_ANSWER if right else style.WRONG_ANSWER),
                lesson=other,
                font_size=style.NOTE,
            )
            card = VGroup(g, answer.next_to(g, DOWN, buff=0.2))
            any_wrong |= not right
            if not right:  # say what was written, so the mistake is plain
                card.add(
                    Sentence("written:", Label(), lesson=other, font_size=style.NOTE).next_to(answer, DOWN, buff=0.15)
                )
            cards.add(card)
        cards.arrange(buff=0.35, aligned_edge=UP).shift(DOWN * 0.2)
        if cards.width > 13:
            cards.scale_to_fit_width(13)
        header = Tex("What the trained network answers", font_size=style.HEADING).to_edge(UP)
        note = Tex(
            "Right in green, wrong in red: it is good, not perfect."
            if any_wrong
            else "All of these read right (green).",
            font_size=style.NOTE,
        )
        note.next_to(cards, DOWN, buff=0.5)
        self.narrate("trained", FadeOut(VGroup(grid, others, remark)), FadeOut(caption), Write(header))
        for name, card in zip(shown, cards):
            self.narrate("each", FadeIn(card, shift=UP * 0.2), other=lesson.other(name))
        self.narrate("honest", FadeIn(note))
        self.wait(1)
