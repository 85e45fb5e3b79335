"""Title card: the lesson's opening, with real numbers from the shipped model.

manim -pql scenes/title.py TitleCard
"""

from manim import DOWN, UP, FadeIn, Tex, VGroup, Write

from lessonkit import style
from lessonkit.mobjects import Math, Sentence
from lessonkit.scene import LessonScene
from lessonkit.values import ParamCount, Size, TestAccuracy, TestCount


class TitleCard(LessonScene):
    def construct(self):
        lesson = self.lesson
        self.next_section("title")
        title = Tex(r"But what \emph{is} a neural network?", font_size=60)
        sizes = []
        for l in range(len(lesson.net.sizes)):
            sizes += ([Math(r"\text{-}")] if l else []) + [Size(l)]
        arch = Sentence(*sizes, "sigmoid network, trained on MNIST", font_size=style.BODY, color=style.MUTED)
        facts = VGroup(arch, Sentence(ParamCount(), "parameters", font_size=style.BODY))
        if lesson.has(TestAccuracy()):  # only a figure the card really has for these weights
            facts.add(
                Sentence(
                    TestAccuracy(), "of the", TestCount(), "MNIST test digits read correctly", font_size=style.BODY
                )
            )
        facts.arrange(DOWN, buff=0.35).next_to(title, DOWN, buff=0.8)
        VGroup(title, facts).move_to(UP * 0.2)
        self.narrate("question", Write(title), run_time=2)
        self.narrate("network", FadeIn(facts[0], shift=UP * 0.2), run_time=1.5)
        self.narrate("params", FadeIn(facts[1], shift=UP * 0.2))
        self.narrate("accuracy", *([FadeIn(facts[2], shift=UP * 0.2)] if len(facts) > 2 else []))
        self.wait(1)
