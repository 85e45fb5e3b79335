"""Title card: the lesson's opening, with real numbers from the shipped model.

    manim -pql scenes/title.py TitleCard
"""
from manim import DOWN, GREY_B, UP, FadeIn, Tex, VGroup, Write

from lesson import LessonScene
from nn_mobjects import integer, number


class TitleCard(LessonScene):
    def construct(self):
        net, card = self.lesson.net, self.lesson.card
        self.next_section("title")
        title = Tex(r"But what \emph{is} a neural network?", font_size=60)
        sizes = VGroup()
        for l, n in enumerate(net.sizes):
            if l:
                sizes.add(Tex("-", font_size=36, color=GREY_B))
            sizes.add(integer(n, "size", l, font_size=36, color=GREY_B))
        sizes.arrange(buff=0.08)
        arch = VGroup(sizes, Tex("sigmoid network, trained on MNIST", font_size=36, color=GREY_B)).arrange(buff=0.2)
        params = VGroup(integer(net.n_params, "n_params", group_with_commas=True, font_size=40),
                        Tex("parameters", font_size=36)).arrange(buff=0.2)
        acc = VGroup(number(100 * card["test_accuracy"], "test_accuracy_percent", unit=r"\%", font_size=40),
                     Tex("of the", font_size=36),
                     integer(card["test_count"], "test_count", group_with_commas=True, font_size=40),
                     Tex("MNIST test digits read correctly", font_size=36)).arrange(buff=0.15)
        facts = VGroup(arch, params, acc).arrange(DOWN, buff=0.35).next_to(title, DOWN, buff=0.8)
        VGroup(title, facts).move_to(UP * 0.2)
        self.play(Write(title), run_time=2)
        self.play(FadeIn(facts, shift=UP * 0.2), run_time=1.5)
        self.wait(2)
