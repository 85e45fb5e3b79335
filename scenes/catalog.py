"""The lesson's chapters, in teaching order: the one list that the README table, the tests, the
benchmarks and the lesson build all read. Adding a scene is adding a line here.

Imports nothing from manim or the project, so any tool can read it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Chapter:
    """One scene of the lesson: its scene file, Scene class and chapter title.

    `path` is what ``manim render`` takes: ``scenes/<name>.py`` relative to the project root for
    the lesson's own chapters, or any path to a scene file (a teacher's, a test's fixture).
    """

    path: str
    scene: str
    title: str

    @property
    def stem(self) -> str:
        """The scene file's name without `.py` (its module under `scenes`, manim's media folder name)."""
        return PurePath(self.path).stem

    @property
    def file(self) -> str:
        """The same as `stem`: `scenes/<file>.py`."""
        return self.stem


def _chapter(file: str, scene: str, title: str) -> Chapter:
    return Chapter(f"scenes/{file}.py", scene, title)


CHAPTERS: list[Chapter] = [
    _chapter("title", "TitleCard", "What is a neural network?"),
    _chapter("intro", "ThisIsAThree", "This is a 3"),
    _chapter("neurons", "Neurons", "Neurons hold numbers"),
    _chapter("layers", "Layers", "Layers"),
    _chapter("forward", "ForwardPass", "The forward pass"),
    _chapter("why_layers", "WhyLayers", "Why layers?"),
    _chapter("weighted_sum", "WeightedSum", "Weights and the weighted sum"),
    _chapter("sigmoid", "SigmoidAndBias", "Sigmoid and bias"),
    _chapter("counting", "Counting", "Counting the parameters"),
    _chapter("learning", "Learning", "How the network learned"),
    _chapter("matrix", "MatrixForm", "The matrix form"),
    _chapter("functions", "NetworkAsFunction", "The network is a function"),
    _chapter("relu", "ReluVsSigmoid", "Sigmoid and ReLU"),
    _chapter("recap", "Recap", "Recap"),
]

# (file, Scene class) pairs, for callers that need only those.
SCENES: list[tuple[str, str]] = [(c.file, c.scene) for c in CHAPTERS]
