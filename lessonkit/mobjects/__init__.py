"""Reusable mobjects of the lesson: digits, neurons, the network diagram, weight images, lines of
text with numbers. Each is given keys (`lessonkit.values`), fetches its own values from a `Lesson`
and remembers which value it shows, so tests can check every one against the model.

Import them into your own manim file::

    from manim import LEFT, RIGHT, FadeIn, Scene
    from lessonkit.mobjects import NetworkDiagram, PixelGrid, input_strips
    from lessonkit.lesson import Lesson

    class MyScene(Scene):
        def construct(self):
            lesson = Lesson.for_digit("seven_a")
            self.play(FadeIn(PixelGrid(lesson, side=3).to_edge(LEFT)))
            diagram = NetworkDiagram(lesson, input_strips(lesson.digit.pixels), height=5, layer_gap=1.9)
            self.play(FadeIn(diagram.show_trace().to_edge(RIGHT)))

Every mobject that shows a model value carries one attribute, ``shows`` (a `Shown`): the key,
the digit it belongs to, and for signed values how they are drawn (`lessonkit.style.Signed`).
When no lesson is given, the one of the current render is used (`lessonkit.values` default digit,
or ``NN_DIGIT``).
"""

from .charts import *  # noqa: F403
from .digits import *  # noqa: F403
from .graphs import *  # noqa: F403
from .matrices import *  # noqa: F403
from .network import *  # noqa: F403
from .neurons import *  # noqa: F403
from .shown import *  # noqa: F403
from .signed import *  # noqa: F403
from .text import *  # noqa: F403
