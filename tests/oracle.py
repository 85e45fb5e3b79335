"""An independent reading of the model, for checking what scenes show.

It reads assets/weights.npz with NumPy directly and runs its own forward pass; it shares
no code with network.model (the digit pixels come from network.digits, tested on their own).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from network.digits import resolve

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def params():
    with np.load(ROOT / "assets" / "weights.npz") as f:
        n = len(f["sizes"]) - 1
        return [int(s) for s in f["sizes"]], [f[f"W{l}"] for l in range(n)], [f[f"b{l}"] for l in range(n)]


@lru_cache(maxsize=None)
def card() -> dict:
    return json.loads((ROOT / "assets" / "model_card.json").read_text())


@lru_cache(maxsize=None)
def forward(spec: str):
    """(activations per layer, weighted sums per layer) for a digit spec."""
    _, weights, biases = params()
    a = [resolve(spec).x]
    zs = []
    for w, b in zip(weights, biases):
        zs.append(w @ a[-1] + b)
        a.append(1 / (1 + np.exp(-zs[-1])))
    return a, zs


def expected(key: tuple):
    sizes, weights, biases = params()
    kind, *rest = key
    if kind == "pixel":
        spec, i = rest
        return forward(spec)[0][0][i]
    if kind == "activation":
        spec, layer, i = rest
        return forward(spec)[0][layer][i]
    if kind == "z":
        spec, layer, j = rest  # weighted sum into neuron j of `layer` (1-based layer of the output)
        return forward(spec)[1][layer - 1][j]
    if kind == "weight":
        l, j, i = rest
        return weights[l][j, i]
    if kind == "layer_weights":  # largest |w| of a layer
        return np.abs(weights[rest[0]]).max()
    if kind == "row_weights":  # largest |w| into one neuron
        l, j = rest
        return np.abs(weights[l][j]).max()
    if kind == "wa":  # weight times incoming activation, one term of a weighted sum
        spec, layer, j, i = rest
        return weights[layer - 1][j, i] * forward(spec)[0][layer - 1][i]
    if kind == "wa_row":
        spec, layer, j = rest
        return np.abs(weights[layer - 1][j] * forward(spec)[0][layer - 1]).max()
    if kind == "wsum":  # weighted sum without the bias
        spec, layer, j = rest
        return float(weights[layer - 1][j] @ forward(spec)[0][layer - 1])
    if kind == "sigmoid_wsum":  # what the neuron would output with no bias
        spec, layer, j = rest
        return 1 / (1 + np.exp(-float(weights[layer - 1][j] @ forward(spec)[0][layer - 1])))
    if kind == "relu":
        spec, layer, j = rest
        return max(0.0, forward(spec)[1][layer - 1][j])
    if kind == "n_weights":
        return sizes[rest[0]] * sizes[rest[0] + 1]
    if kind == "n_weights_total":
        return sum(w.size for w in weights)
    if kind == "n_biases_total":
        return sum(b.size for b in biases)
    if kind == "focus":  # the layer-1 neuron whose bias moves its output most for the digit
        z = forward(rest[0])[1][0]
        return int(np.argmax(np.abs(1 / (1 + np.exp(-z)) - 1 / (1 + np.exp(-(z - biases[0]))))))
    if kind == "abs_bias":
        l, j = rest
        return abs(biases[l][j])
    if kind == "bias":
        l, j = rest
        return biases[l][j]
    if kind == "prediction":
        return int(np.argmax(forward(rest[0])[0][-1]))
    if kind == "label":
        return resolve(rest[0]).label
    if kind == "size":
        return sizes[rest[0]]
    if kind == "n_params":
        return sum(w.size + b.size for w, b in zip(weights, biases))
    if kind == "test_accuracy_percent":
        return 100 * card()["test_accuracy"]
    if kind == "test_count":
        return card()["test_count"]
    if kind in ("image_width", "image_height"):
        return 28 if sizes[0] == 784 else None
    if kind in ("input_index", "output_label", "layer_index", "neuron_index"):
        return rest[0]
    raise KeyError(f"no oracle for {key}")
