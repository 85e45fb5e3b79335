"""The model's values by name: typed keys, one layer numbering, and the `Lesson` that resolves them.

Every number the lesson shows, on screen or in a caption, is named by a key from this module and
looked up through a `Lesson` (the shipped weights and one digit, bound once). A mobject is given
keys, never bare values, and fetches and remembers its own values; tests look the same keys up in
an independent oracle (`tests/oracle.py`).

Layer numbering, the only one used anywhere in the project:

* layer 0 is the input (one neuron per pixel, row by row: pixel ``i`` is ``Activation(0, i)``),
  layers 1 .. L-1 are hidden, layer L is the output (L = 3 for 784-16-16-10);
* a weight or a bias belongs to the layer it feeds: ``Weight(1, j, i)`` joins neuron ``i`` of
  layer 0 to neuron ``j`` of layer 1, and ``Bias(1, j)`` is added in neuron ``j`` of layer 1
  (in NumPy: ``net.weights[0][j, i]`` and ``net.biases[0][j]``);
* neuron and pixel indices are 0-based, as in the 784-vector.

Numbers that are not the model's (axis ticks, indices written beside neurons) still go through a
key, `Axis` or `Index`, so every number on screen is declared.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from network import sigmoid
from network.designed import edge_bias, edge_spot, edge_weights

if TYPE_CHECKING:
    from lessonkit.lesson import Lesson


@dataclass(frozen=True)
class Key:
    """A name for one value. Subclasses say how to compute it from a `Lesson`."""

    decimals: ClassVar[int] = 2  # how many decimals the lesson shows of it
    of_digit: ClassVar[bool] = False  # True when the value depends on the chosen digit
    percent: ClassVar[bool] = False  # shown with a % sign
    model: ClassVar[bool] = True  # False for declared non-model numbers (Axis, Index)

    def compute(self, lesson: Lesson) -> float:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def __deepcopy__(self, memo) -> Key:
        return self  # immutable: a copied mobject shares its keys (copying them made renders slow)

    def __str__(self) -> str:
        args = ", ".join(str(getattr(self, f.name)) for f in fields(self))
        return f"{type(self).__name__}({args})"


class _Count(Key):
    decimals: ClassVar[int] = 0


# -- values of the chosen digit ---------------------------------------------------------------
@dataclass(frozen=True)
class Pixel(Key):
    """Brightness of pixel `i` of the digit, 0 (black) to 1 (white): the input activation."""

    i: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(lesson.digit.x[self.i])


@dataclass(frozen=True)
class Activation(Key):
    """Activation of neuron `i` of `layer` (layer 0: the pixels)."""

    layer: int
    i: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(lesson.trace.activations[self.layer][self.i])


@dataclass(frozen=True)
class WeightedSum(Key):
    """w1 a1 + ... + wn an into neuron `j` of `layer`: the weighted sum, without the bias."""

    layer: int
    j: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        step = lesson.trace.steps[self.layer - 1]
        return float(lesson.net.weights[self.layer - 1][self.j] @ step.a)


@dataclass(frozen=True)
class PreActivation(Key):
    """The weighted sum plus the bias, z = w . a + b, for neuron `j` of `layer`."""

    layer: int
    j: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(lesson.trace.steps[self.layer - 1].z[self.j])


@dataclass(frozen=True)
class SigmoidOfSum(Key):
    """sigmoid of the weighted sum without the bias: what neuron `j` would output with no bias."""

    layer: int
    j: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(sigmoid(WeightedSum(self.layer, self.j).compute(lesson)))


@dataclass(frozen=True)
class Relu(Key):
    """max(0, z): what neuron `j` of `layer` would hold with ReLU instead of sigmoid."""

    layer: int
    j: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return max(0.0, PreActivation(self.layer, self.j).compute(lesson))


@dataclass(frozen=True)
class Product(Key):
    """One term of a weighted sum: weight `Weight(layer, j, i)` times the activation it multiplies."""

    layer: int
    j: int
    i: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(lesson.net.weights[self.layer - 1][self.j, self.i] * lesson.trace.steps[self.layer - 1].a[self.i])


@dataclass(frozen=True)
class LargestProduct(Key):
    """The largest |w a| term into neuron `j` of `layer` (what a product image is relative to)."""

    layer: int
    j: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(np.abs(lesson.net.weights[self.layer - 1][self.j] * lesson.trace.steps[self.layer - 1].a).max())


@dataclass(frozen=True)
class Prediction(_Count):
    """The network's answer: the digit of the brightest output neuron."""

    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return lesson.trace.prediction


@dataclass(frozen=True)
class RunnerUp(_Count):
    """The digit of the second brightest output neuron."""

    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return int(np.argsort(-lesson.trace.output, kind="stable")[1])


@dataclass(frozen=True)
class Label(_Count):
    """The digit's true label, when it is known (showcase and MNIST digits; not a user's image)."""

    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        if lesson.digit.label is None:
            raise LookupError(f"digit {lesson.spec!r} has no known label")
        return int(lesson.digit.label)


@dataclass(frozen=True)
class FocusNeuron(_Count):
    """The first-hidden-layer neuron the weight scenes zoom into: the one whose bias changes its
    output most for this digit (its sum lands on the steep part of the sigmoid)."""

    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        step = lesson.trace.steps[0]
        return int(np.argmax(np.abs(step.out - sigmoid(step.z - lesson.net.biases[0]))))


@dataclass(frozen=True)
class LitPixels(_Count):
    """How many pixels of the digit have any ink (value above 0)."""

    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return int(np.count_nonzero(lesson.digit.x > 0))


@dataclass(frozen=True)
class BrightCount(_Count):
    """How many neurons of `layer` have an activation of at least 0.5 for this digit."""

    layer: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return int(np.count_nonzero(lesson.trace.activations[self.layer] >= 0.5))


# -- values of the model alone ----------------------------------------------------------------
@dataclass(frozen=True)
class Weight(Key):
    """The weight from neuron `i` of layer-1 into neuron `j` of `layer`."""

    layer: int
    j: int
    i: int

    def compute(self, lesson):
        return float(lesson.net.weights[self.layer - 1][self.j, self.i])


@dataclass(frozen=True)
class Bias(Key):
    """The bias of neuron `j` of `layer`."""

    layer: int
    j: int

    def compute(self, lesson):
        return float(lesson.net.biases[self.layer - 1][self.j])


@dataclass(frozen=True)
class AbsBias(Key):
    """|bias| of neuron `j` of `layer`, for writing `sum - 1.64` rather than `sum + -1.64`."""

    layer: int
    j: int

    def compute(self, lesson):
        return abs(Bias(self.layer, self.j).compute(lesson))


@dataclass(frozen=True)
class LargestWeight(Key):
    """The largest |weight| into `layer`: what edge widths of that layer are relative to."""

    layer: int

    def compute(self, lesson):
        return float(np.abs(lesson.net.weights[self.layer - 1]).max())


@dataclass(frozen=True)
class LargestWeightInto(Key):
    """The largest |weight| into neuron `j` of `layer`: what its weight image is relative to."""

    layer: int
    j: int

    def compute(self, lesson):
        return float(np.abs(lesson.net.weights[self.layer - 1][self.j]).max())


@dataclass(frozen=True)
class Size(_Count):
    """How many neurons `layer` has."""

    layer: int

    def compute(self, lesson):
        return lesson.net.sizes[self.layer]


@dataclass(frozen=True)
class HiddenLayers(_Count):
    """How many hidden layers the network has."""

    def compute(self, lesson):
        return len(lesson.net.sizes) - 2


@dataclass(frozen=True)
class WeightCount(_Count):
    """How many weights feed `layer` (its size times the size of the layer before)."""

    layer: int

    def compute(self, lesson):
        return int(lesson.net.weights[self.layer - 1].size)


@dataclass(frozen=True)
class TotalWeights(_Count):
    """All weights of the network."""

    def compute(self, lesson):
        return int(sum(w.size for w in lesson.net.weights))


@dataclass(frozen=True)
class TotalBiases(_Count):
    """All biases of the network: one per neuron outside the input layer."""

    def compute(self, lesson):
        return int(sum(b.size for b in lesson.net.biases))


@dataclass(frozen=True)
class ParamCount(_Count):
    """Weights plus biases: every number learning sets."""

    def compute(self, lesson):
        return lesson.net.n_params


@dataclass(frozen=True)
class ImageWidth(_Count):
    """Pixels across the digit image."""

    def compute(self, lesson):
        return int(lesson.digit.pixels.shape[1])


@dataclass(frozen=True)
class ImageHeight(_Count):
    """Pixels down the digit image."""

    def compute(self, lesson):
        return int(lesson.digit.pixels.shape[0])


@dataclass(frozen=True)
class TestAccuracy(Key):
    """Percent of the MNIST test digits the network reads correctly (from the model card).
    Unknown (None) when the card does not describe these weights or has no test figure."""

    __test__ = False  # a value, not a pytest test class

    percent: ClassVar[bool] = True

    def compute(self, lesson):
        acc = lesson.card.get("test_accuracy")
        if acc is None:
            raise LookupError("the model card has no test accuracy for these weights")
        return 100 * float(acc)


@dataclass(frozen=True)
class TestCount(_Count):
    """How many MNIST test digits the accuracy was measured on."""

    __test__ = False  # a value, not a pytest test class

    def compute(self, lesson):
        TestAccuracy().compute(lesson)  # no count without the figure it belongs to
        return int(lesson.card["test_count"])


@dataclass(frozen=True)
class TestWrong(_Count):
    """How many of the test digits the network reads wrongly."""

    __test__ = False  # a value, not a pytest test class

    def compute(self, lesson):
        return round(TestCount().compute(lesson) * (1 - TestAccuracy().compute(lesson) / 100))


# -- the training run (assets/history.npz, see network.history) ----------------------------------
# A `point` is an index into the recorded moments (0 = the random start, -1 = the end); a
# `snapshot` is a snapshot's name ("start", "images_320", "epoch_5", ..., "end").
@dataclass(frozen=True)
class TrainCount(_Count):
    """Training images per epoch (MNIST's training set less the validation images)."""

    def compute(self, lesson):
        return lesson.history.train_images


@dataclass(frozen=True)
class Epochs(_Count):
    """How many times training went through all its images."""

    def compute(self, lesson):
        return int(round(float(lesson.history.points["epoch"][-1])))


@dataclass(frozen=True)
class ImagesSeen(_Count):
    """Training images the network had learned from at a recorded point (repeats counted)."""

    point: int

    def compute(self, lesson):
        return int(lesson.history.points["images_seen"][self.point])


@dataclass(frozen=True)
class HistoryAccuracy(Key):
    """Percent of the test digits read right at a recorded point of training."""

    point: int
    percent: ClassVar[bool] = True

    def compute(self, lesson):
        acc = float(lesson.history.points["test_accuracy"][self.point])
        if not np.isfinite(acc):
            raise LookupError(f"no test accuracy recorded at point {self.point}")
        return 100 * acc


@dataclass(frozen=True)
class HistoryCost(Key):
    """The cost (average over the training images) at a recorded point: what learning makes small."""

    point: int

    def compute(self, lesson):
        return float(lesson.history.points["train_cost"][self.point])


@dataclass(frozen=True)
class SnapshotWeight(Key):
    """`Weight(layer, j, i)` as it was in a snapshot of the training run."""

    snapshot: str
    layer: int
    j: int
    i: int

    def compute(self, lesson):
        return float(lesson.snapshot(self.snapshot).weights[self.layer - 1][self.j, self.i])


@dataclass(frozen=True)
class SnapshotLargestWeightInto(Key):
    """The largest |weight| into neuron `j` of `layer` in a snapshot (full size in its image)."""

    snapshot: str
    layer: int
    j: int

    def compute(self, lesson):
        return float(np.abs(lesson.snapshot(self.snapshot).weights[self.layer - 1][self.j]).max())


@dataclass(frozen=True)
class SnapshotActivation(Key):
    """`Activation(layer, i)` for the digit, computed by a snapshot's own forward pass."""

    snapshot: str
    layer: int
    i: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(lesson.snapshot_trace(self.snapshot).activations[self.layer][self.i])


@dataclass(frozen=True)
class SnapshotPrediction(_Count):
    """The digit a snapshot answers for the chosen image (its brightest output)."""

    snapshot: str
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return int(np.argmax(lesson.snapshot_trace(self.snapshot).activations[-1]))


# -- the neuron built by hand (network.designed): not trained, but computed like any neuron -------
# It is placed where the chosen digit has its strongest short horizontal stroke (`edge_at`); the
# keys carry that place, so the same hand-built neuron can be run on another digit too.
@dataclass(frozen=True)
class DesignedWeight(Key):
    """Weight `i` of the hand-built stroke detector whose stretch starts at (`row`, `col`)."""

    row: int
    col: int
    i: int

    def compute(self, lesson):
        return float(_designed(self.row, self.col, lesson.digit.pixels.shape)[self.i])


@dataclass(frozen=True)
class DesignedLargestWeight(Key):
    """The largest |weight| of the hand-built detector (full colour in its image)."""

    row: int
    col: int

    def compute(self, lesson):
        return float(np.abs(_designed(self.row, self.col, lesson.digit.pixels.shape)).max())


@dataclass(frozen=True)
class DesignedBias(Key):
    """The hand-built detector's bias: chosen by hand, so that it lights up only for a mostly
    inked stretch."""

    def compute(self, lesson):
        return float(edge_bias())


@dataclass(frozen=True)
class DesignedSum(Key):
    """The hand-built detector's weighted sum w . a on the digit (without its bias)."""

    row: int
    col: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(_designed(self.row, self.col, lesson.digit.pixels.shape) @ lesson.digit.x)


@dataclass(frozen=True)
class DesignedActivation(Key):
    """The hand-built detector's activation on the digit: sigmoid(w . a + b)."""

    row: int
    col: int
    of_digit: ClassVar[bool] = True

    def compute(self, lesson):
        return float(sigmoid(DesignedSum(self.row, self.col).compute(lesson) + edge_bias()))


@cache
def _designed(row: int, col: int, shape: tuple[int, int]) -> np.ndarray:
    weights = edge_weights(row, col, shape)
    weights.flags.writeable = False
    return weights


def edge_at(lesson: Lesson) -> tuple[int, int]:
    """Where the hand-built detector is placed for this lesson: the chosen digit's strongest short
    horizontal stroke (its top-left pixel, row and column)."""
    return edge_spot(lesson.digit.pixels)


# -- declared numbers that are not the model's ------------------------------------------------
@dataclass(frozen=True)
class Index(_Count):
    """An index written on screen (a neuron's, a pixel's, a layer's, an output's digit):
    `of` says which. Not a model value, but declared, so no number on screen goes unnamed."""

    value: int
    of: str = "neuron"
    model: ClassVar[bool] = False

    def compute(self, lesson):
        return int(self.value)


@dataclass(frozen=True)
class Axis(Key):
    """A tick label on a graph's axis: a position, not a model value."""

    value: float
    places: int = 0  # decimals to write: 0.5 needs one
    model: ClassVar[bool] = False

    def compute(self, lesson):
        return float(self.value)


def strongest_pulls(lesson: Lesson, layer: int, j: int, most: int = 2) -> tuple[list[int], list[int]]:
    """The inputs whose products push neuron `j`'s weighted sum up the most, and those pulling it
    down the most: up to `most` of each sign, strongest first (fewer when fewer have that sign)."""
    products = lesson.net.weights[layer - 1][j] * lesson.trace.steps[layer - 1].a
    order = np.argsort(-products, kind="stable")
    up = [int(i) for i in order[:most] if products[i] > 0]
    down = [int(i) for i in order[::-1][:most] if products[i] < 0]
    return up, down


def inked_run(lesson: Lesson, count: int = 4) -> list[int]:
    """`count` neighbouring pixels of one image row where the digit's ink is strongest: input
    indices whose weights and activations are worth showing (a border pixel is always black)."""
    pixels = lesson.digit.pixels
    count = min(count, pixels.shape[1])
    sums = np.lib.stride_tricks.sliding_window_view(pixels, count, axis=1).sum(axis=-1)
    row, col = np.unravel_index(int(np.argmax(sums)), sums.shape)
    return [int(row * pixels.shape[1] + col + k) for k in range(count)]


def key_types() -> list[type[Key]]:
    """Every concrete key type, for tests that must cover them all."""
    out, todo = [], list(Key.__subclasses__())
    while todo:
        t = todo.pop()
        todo.extend(t.__subclasses__())
        if t is not _Count:
            out.append(t)
    return sorted(out, key=lambda t: t.__name__)


def decimals_of(key: Key) -> int:
    """How many decimals the lesson shows of this key (Axis keys carry their own)."""
    return int(getattr(key, "places", key.decimals))
