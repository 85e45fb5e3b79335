"""A neuron: a circle whose fill is its activation, and the animation that fills it."""

from __future__ import annotations

from typing import cast

from manim import Animation, Circle

from lessonkit import style
from lessonkit.lesson import Lesson, current_lesson
from lessonkit.values import Activation

from .shown import Shown, tag

__all__ = ["NEURON_RADIUS", "Neuron", "FillNeuron"]

NEURON_RADIUS = 0.13


class Neuron(Circle):
    """A neuron: a white circle whose fill opacity is its activation.

    Parameters
    ----------
    key
        The activation it shows (``Activation(layer, i)``); None draws it empty (structure only).
    lesson
        Whose activation (default: the current render's).
    radius
        Circle radius in scene units.
    **kwargs
        Passed to `Circle`.

    Examples
    --------
    ``Neuron(Activation(1, 10), radius=0.6)`` is neuron 10 of the first hidden layer, as bright
    as it is for the chosen digit.

    .. manim:: NeuronExample
        :save_last_frame:

        from manim import DOWN, Scene
        from lessonkit.mobjects import Neuron, Sentence
        from lessonkit.values import Activation, FocusNeuron, Index
        from lessonkit.lesson import Lesson

        class NeuronExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                neuron = Neuron(Activation(1, lesson.focus), lesson, radius=1)
                name = Sentence("neuron", FocusNeuron(), "of layer", Index(1, "layer"), lesson=lesson)
                self.add(neuron, name.next_to(neuron, DOWN))
    """

    shows: Shown | None  # set by `tag`
    layer: int  # set by `NetworkDiagram` on the neurons it draws
    index: int

    def __init__(
        self, key: Activation | None = None, lesson: Lesson | None = None, radius: float = NEURON_RADIUS, **kwargs
    ) -> None:
        super().__init__(
            radius=radius,
            stroke_color=style.NEURON,
            stroke_width=1.5,
            fill_color=style.NEURON,
            fill_opacity=0.0,
            **kwargs,
        )
        self.shows = None
        if key is not None:
            self.show(key, lesson)

    # manim's Mobject.show (open a picture of it in a viewer) is a debugging aid that this
    # library replaces for neurons: `show` here fills the neuron with an activation.
    def show(self, key: Activation, lesson: Lesson | None = None) -> Neuron:  # type: ignore[override]
        """Fill with the activation `key` names (now, without animation).

        Parameters
        ----------
        key
            The activation to show; the neuron is tagged with it.
        lesson
            Whose activation (default: the current render's).

        Returns
        -------
        Neuron
            The neuron itself, so calls chain.
        """
        lesson = lesson or current_lesson()
        tag(self, key, lesson)
        return self.set_fill(style.NEURON, opacity=lesson.value(key))


class FillNeuron(Animation):
    """Fade a neuron's fill to the activation `key` names (None: empty); it stands for that value
    once the fill is there.

    Parameters
    ----------
    neuron
        The `Neuron` to fill, from the fill opacity it has when the animation is made.
    key
        The activation to end on; None fades to empty and leaves the neuron untagged.
    lesson
        Whose activation (default: the current render's).
    **kwargs
        Passed to `Animation` (run_time, rate_func, ...).

    Examples
    --------
    .. manim:: FillNeuronExample
        :save_last_frame:

        from manim import RIGHT, Scene, VGroup
        from lessonkit.mobjects import FillNeuron, Neuron
        from lessonkit.values import Activation
        from lessonkit.lesson import Lesson

        class FillNeuronExample(Scene):
            def construct(self):
                lesson = Lesson.for_digit("three_a")
                outputs = VGroup(*[Neuron(radius=0.4) for _ in range(10)]).arrange(RIGHT)
                self.add(outputs)
                self.play(*[FillNeuron(n, Activation(lesson.layers, d), lesson) for d, n in enumerate(outputs)])
    """

    def __init__(self, neuron: Neuron, key: Activation | None, lesson: Lesson | None = None, **kwargs) -> None:
        self.lesson = lesson or current_lesson()
        self.start = neuron.get_fill_opacity()
        self.end = 0.0 if key is None else self.lesson.value(key)
        self.key = key
        super().__init__(neuron, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        """Set the fill part way from the start opacity to the activation.

        Parameters
        ----------
        alpha
            Progress of the animation, 0 to 1 (before `rate_func`).
        """
        t = self.rate_func(alpha)
        cast(Neuron, self.mobject).set_fill(style.NEURON, opacity=self.start + (self.end - self.start) * t)

    def finish(self) -> None:
        """End on exactly the activation and tag the neuron with `key` (untag it for None)."""
        super().finish()
        neuron = cast(Neuron, self.mobject)  # manim types Animation.mobject as an OpenGLMobject
        neuron.set_fill(style.NEURON, opacity=self.end)
        if self.key is None:
            neuron.shows = None
        else:
            tag(neuron, self.key, self.lesson)
