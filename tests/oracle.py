"""An independent reading of the model, for checking what scenes show.

It reads assets/weights.npz with NumPy directly and runs its own forward pass; it shares no code
with network.model or lessonkit.values (the digit pixels come from network.digits, tested on their
own). `expected(key, digit)` answers for every key type of lessonkit.values; `CHECKS` lists them, and
a test fails when a key type exists that has no check here.

Layer numbering as in lessonkit.values: layer 0 = input; W[l] and b[l] feed layer l (l >= 1).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from network.digits import resolve

ROOT = Path(__file__).resolve().parent.parent


@cache
def params():
    """sizes, W[l], b[l] for l = 1..L (index 0 unused), straight from the file."""
    with np.load(ROOT / "assets" / "weights.npz") as f:
        n = len(f["sizes"]) - 1
        return (
            [int(s) for s in f["sizes"]],
            [None] + [f[f"W{l}"] for l in range(n)],
            [None] + [f[f"b{l}"] for l in range(n)],
        )


@cache
def card() -> dict:
    return json.loads((ROOT / "assets" / "model_card.json").read_text())


@cache
def forward(spec: str):
    """(activations a[0..L], pre-activations z[1..L] with z[0] unused) for a digit spec."""
    _, W, b = params()
    a, z = [resolve(spec).x], [None]
    for l in range(1, len(W)):
        z.append(W[l] @ a[-1] + b[l])
        a.append(1 / (1 + np.exp(-z[-1])))
    return a, z


@cache
def history() -> dict:
    """assets/history.npz read with NumPy alone: point arrays and snapshot weights by name."""
    with np.load(ROOT / "assets" / "history.npz") as f:
        h = {k: f[k] for k in f.files}
    names = [str(n) for n in h["snapshot_names"]]
    n = len(h["sizes"]) - 1
    h["snap"] = {
        name: (
            [None] + [h[f"s{i}_W{l}"].astype(np.float64) for l in range(n)],
            [None] + [h[f"s{i}_b{l}"].astype(np.float64) for l in range(n)],
        )
        for i, name in enumerate(names)
    }
    return h


@cache
def snapshot_forward(snapshot: str, spec: str) -> list:
    W, b = history()["snap"][snapshot]
    a = [resolve(spec).x]
    for l in range(1, len(W)):
        a.append(1 / (1 + np.exp(-(W[l] @ a[-1] + b[l]))))
    return a


@cache
def _designed(row: int, col: int) -> np.ndarray:
    """The hand-built stroke detector as its scene describes it: 6 shared over a stretch of 3 rows
    by 7 columns from (row, col), -6 shared over the 2 rows above and the 2 below it."""
    w = np.zeros((28, 28))
    w[row - 2 : row, col : col + 7] = w[row + 3 : row + 5, col : col + 7] = -6 / 28
    w[row : row + 3, col : col + 7] = 6 / 21
    return w.ravel()


def _focus(spec):
    _, _, b = params()
    z = forward(spec)[1][1]
    return int(np.argmax(np.abs(1 / (1 + np.exp(-z)) - 1 / (1 + np.exp(-(z - b[1]))))))


def _wsum(k, d):
    return float(params()[1][k.layer][k.j] @ forward(d)[0][k.layer - 1])


CHECKS = {
    "Pixel": lambda k, d: forward(d)[0][0][k.i],
    "Activation": lambda k, d: forward(d)[0][k.layer][k.i],
    "WeightedSum": _wsum,
    "PreActivation": lambda k, d: forward(d)[1][k.layer][k.j],
    "SigmoidOfSum": lambda k, d: 1 / (1 + np.exp(-_wsum(k, d))),
    "Relu": lambda k, d: max(0.0, forward(d)[1][k.layer][k.j]),
    "Product": lambda k, d: params()[1][k.layer][k.j, k.i] * forward(d)[0][k.layer - 1][k.i],
    "LargestProduct": lambda k, d: np.abs(params()[1][k.layer][k.j] * forward(d)[0][k.layer - 1]).max(),
    "Prediction": lambda k, d: int(np.argmax(forward(d)[0][-1])),
    "RunnerUp": lambda k, d: int(np.argsort(-forward(d)[0][-1], kind="stable")[1]),
    "Label": lambda k, d: resolve(d).label,
    "FocusNeuron": lambda k, d: _focus(d),
    "LitPixels": lambda k, d: int((forward(d)[0][0] > 0).sum()),
    "BrightCount": lambda k, d: int((forward(d)[0][k.layer] >= 0.5).sum()),
    "Weight": lambda k, d: params()[1][k.layer][k.j, k.i],
    "Bias": lambda k, d: params()[2][k.layer][k.j],
    "AbsBias": lambda k, d: abs(params()[2][k.layer][k.j]),
    "LargestWeight": lambda k, d: np.abs(params()[1][k.layer]).max(),
    "LargestWeightInto": lambda k, d: np.abs(params()[1][k.layer][k.j]).max(),
    "Size": lambda k, d: params()[0][k.layer],
    "HiddenLayers": lambda k, d: len(params()[0]) - 2,
    "WeightCount": lambda k, d: params()[0][k.layer - 1] * params()[0][k.layer],
    "TotalWeights": lambda k, d: sum(w.size for w in params()[1][1:]),
    "TotalBiases": lambda k, d: sum(b.size for b in params()[2][1:]),
    "ParamCount": lambda k, d: sum(w.size + b.size for w, b in zip(params()[1][1:], params()[2][1:])),
    "ImageWidth": lambda k, d: 28,
    "ImageHeight": lambda k, d: 28,
    "TestAccuracy": lambda k, d: 100 * card()["test_accuracy"],
    "TestCount": lambda k, d: card()["test_count"],
    "TestWrong": lambda k, d: round(card()["test_count"] * (1 - card()["test_accuracy"])),
    # The training run, from the history file
    "TrainCount": lambda k, d: int(history()["train_images"]),
    "Epochs": lambda k, d: int(round(float(history()["point_epoch"][-1]))),
    "ImagesSeen": lambda k, d: int(history()["point_images_seen"][k.point]),
    "HistoryAccuracy": lambda k, d: 100 * float(history()["point_test_accuracy"][k.point]),
    "HistoryCost": lambda k, d: float(history()["point_train_cost"][k.point]),
    "SnapshotWeight": lambda k, d: history()["snap"][k.snapshot][0][k.layer][k.j, k.i],
    "SnapshotLargestWeightInto": lambda k, d: np.abs(history()["snap"][k.snapshot][0][k.layer][k.j]).max(),
    "SnapshotActivation": lambda k, d: snapshot_forward(k.snapshot, d)[k.layer][k.i],
    "SnapshotPrediction": lambda k, d: int(np.argmax(snapshot_forward(k.snapshot, d)[-1])),
    # Declared non-model numbers: an index or a tick is what it says it is.
    "DesignedWeight": lambda k, d: _designed(k.row, k.col)[k.i],
    "DesignedLargestWeight": lambda k, d: np.abs(_designed(k.row, k.col)).max(),
    "DesignedBias": lambda k, d: -3.0,
    "DesignedSum": lambda k, d: float(_designed(k.row, k.col) @ resolve(d).x),
    "DesignedActivation": lambda k, d: 1 / (1 + np.exp(-(float(_designed(k.row, k.col) @ resolve(d).x) - 3.0))),
    "Index": lambda k, d: k.value,
    "Axis": lambda k, d: k.value,
}


def expected(key, digit: str | None = None):
    """The value `key` names, computed here; `digit` is the spec of the digit it belongs to."""
    try:
        check = CHECKS[type(key).__name__]
    except KeyError:
        raise KeyError(f"no oracle for {key}") from None
    return check(key, digit)
