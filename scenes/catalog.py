"""The lesson's chapters, in teaching order: the one list that the README table, the tests, the
benchmarks and the lesson build all read. Adding a scene is adding a line here.

Imports nothing from manim or the project, so any tool can read it cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    """One scene of the lesson: `scenes/<file>.py`, its Scene class, and its chapter title."""

    file: str
    scene: str
    title: str

    @property
    def path(self) -> str:
        """The scene file, relative to the project root (what `manim render` takes)."""
        return f"scenes/{self.file}.py"


CHAPTERS: list[Chapter] = [
    Chapter("title", "TitleCard", "What is a neural network?"),
    Chapter("intro", "ThisIsAThree", "This is a 3"),
    Chapter("neurons", "Neurons", "Neurons hold numbers"),
    Chapter("layers", "Layers", "Layers"),
    Chapter("forward", "ForwardPass", "The forward pass"),
    Chapter("why_layers", "WhyLayers", "Why layers?"),
    Chapter("weighted_sum", "WeightedSum", "Weights and the weighted sum"),
    Chapter("sigmoid", "SigmoidAndBias", "Sigmoid and bias"),
    Chapter("counting", "Counting", "Counting the parameters"),
    Chapter("learning", "Learning", "How the network learned"),
    Chapter("matrix", "MatrixForm", "The matrix form"),
    Chapter("functions", "NetworkAsFunction", "The network is a function"),
    Chapter("relu", "ReluVsSigmoid", "Sigmoid and ReLU"),
    Chapter("recap", "Recap", "Recap"),
]

# (file, Scene class) pairs, for callers that need only those.
SCENES: list[tuple[str, str]] = [(c.file, c.scene) for c in CHAPTERS]
