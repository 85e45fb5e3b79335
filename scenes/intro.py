"""Scene 1: "this is a 3". The digit as 28x28 pixels, other 3s that differ a lot, and the
network's real verdicts on a handful of showcase digits.

    manim -pql scenes/intro.py ThisIsAThree
"""
from manim import (DOWN, GREEN, RED, UP, FadeIn, FadeOut, GrowFromCenter, LaggedStart, Tex,
                   VGroup, Write)

from lesson import LessonScene
from network.digits import showcase
from nn_mobjects import DigitThumbnail, PixelGrid, integer


def same_label(label, exclude, limit=4):
    """Showcase digits with this label (any digit when unknown), the chosen one left out."""
    names = [n for n, info in showcase().items()
             if (label is None or info["label"] == label) and not n.startswith("mistake") and n != exclude]
    return names[:limit]


class ThisIsAThree(LessonScene):
    def construct(self):
        lesson = self.lesson
        digit = lesson.digit
        self.next_section("this is a digit")
        grid = PixelGrid(digit.pixels, lesson.spec, side=4.6).shift(DOWN * 0.3)
        braces = grid.size_braces()
        if digit.label is not None:
            caption = VGroup(Tex("This is a", font_size=48),
                             integer(digit.label, "label", lesson.spec, font_size=56)).arrange(buff=0.25)
        else:
            caption = Tex("This is a handwritten digit", font_size=48)
        caption.to_edge(UP)
        self.play(FadeIn(grid, lag_ratio=0.003, run_time=2), Write(caption))
        self.play(GrowFromCenter(braces[0]), GrowFromCenter(braces[2]),
                  FadeIn(braces[1]), FadeIn(braces[3]))
        self.wait(2)

        self.next_section("other ways to write it")
        others = VGroup(*[DigitThumbnail(lesson.other(n)[0].pixels, n, height=2.3)
                         for n in same_label(digit.label, lesson.spec)])
        row = VGroup(grid.copy().scale(2.3 / 4.6), *others).arrange(buff=0.45).shift(DOWN * 0.2)
        remark = Tex("Every pixel is different, yet you read them all the same way",
                     font_size=36).next_to(row, DOWN, buff=0.6)
        self.play(FadeOut(braces), grid.animate.scale(2.3 / 4.6).move_to(row[0]))
        self.play(LaggedStart(*[FadeIn(o, shift=UP * 0.2) for o in others], lag_ratio=0.25), run_time=2)
        self.play(Write(remark))
        self.wait(2.5)

        self.next_section("what the network answers")
        picks = [n for n in showcase() if n.endswith("_a") and not n.startswith("mistake")][::2] + ["mistake_a"]
        cards = VGroup()
        for name in picks:
            d, trace = lesson.other(name)
            g = DigitThumbnail(d.pixels, name, height=1.7)
            right = trace.prediction == d.label
            answer = VGroup(Tex("network:", font_size=28),
                            integer(trace.prediction, "prediction", name, font_size=36,
                                    color=GREEN if right else RED)).arrange(buff=0.12)
            card = VGroup(g, answer.next_to(g, DOWN, buff=0.2))
            if not right:  # say what was written, so the mistake is plain
                card.add(VGroup(Tex("written:", font_size=28), integer(d.label, "label", name, font_size=36))
                         .arrange(buff=0.12).next_to(answer, DOWN, buff=0.15))
            cards.add(card)
        cards.arrange(buff=0.35, aligned_edge=UP).shift(DOWN * 0.2)
        header = Tex("What the trained network answers", font_size=44).to_edge(UP)
        note = Tex("Right in green, wrong in red: it is good, not perfect.", font_size=32).next_to(cards, DOWN, buff=0.5)
        self.play(FadeOut(VGroup(grid, others, remark)), FadeOut(caption), Write(header))
        self.play(LaggedStart(*[FadeIn(c, shift=UP * 0.2) for c in cards], lag_ratio=0.2), run_time=2.5)
        self.play(FadeIn(note))
        self.wait(3)
