"""Title card: the lesson's opening, with real numbers from the shipped model.

    manim -pql scenes/title.py TitleCard
"""
from manim import DOWN, GREY_B, UP, DecimalNumber, FadeIn, Integer, Scene, Tex, VGroup, Write

from lesson import CARD, NET


class TitleCard(Scene):
    def construct(self):
        self.next_section("title")
        title = Tex(r"But what \emph{is} a neural network?", font_size=60)
        sizes = Tex("-".join(str(s) for s in NET.sizes), r" sigmoid network, trained on MNIST",
                    font_size=36, color=GREY_B)
        params = Integer(NET.n_params, group_with_commas=True, font_size=40)
        params_line = VGroup(params, Tex("parameters", font_size=36)).arrange(buff=0.2)
        accuracy = DecimalNumber(100 * CARD["test_accuracy"], num_decimal_places=2, unit=r"\%", font_size=40)
        count = Integer(CARD["test_count"], group_with_commas=True, font_size=40)
        acc_line = VGroup(accuracy, Tex("of the", font_size=36), count,
                          Tex("MNIST test digits read correctly", font_size=36)).arrange(buff=0.15)
        facts = VGroup(sizes, params_line, acc_line).arrange(DOWN, buff=0.35).next_to(title, DOWN, buff=0.8)
        VGroup(title, facts).move_to(UP * 0.2)
        self.play(Write(title), run_time=2)
        self.play(FadeIn(facts, shift=UP * 0.2), run_time=1.5)
        self.wait(2)
