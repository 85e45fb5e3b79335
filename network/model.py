"""The 784-16-16-10 sigmoid network: parameters, forward pass and the per-layer trace scenes draw."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import assets
from common.files import atomic_write, finish_pending, shown

ASSETS = assets.FOLDER
PRETRAINED = ASSETS / "weights.npz"
MAX_WEIGHTS_BYTES = 256 << 20  # a zip bomb posing as weights is refused before it is inflated
# No trained weight or bias comes near this (the shipped ones are under 10): bigger ones are
# absurd, and with at most MAX_PARAM per weight every weighted sum stays finite (no inf, no NaN
# on screen) for any number of pixels in [0, 1].
MAX_PARAM = 1e6


def param_fault(name: str, arr: np.ndarray) -> str | None:
    """Why an array of weights or biases cannot be shown (NaN, infinite, absurdly large), or None."""
    if not np.all(np.isfinite(arr)):
        return f"'{name}' contains NaN or infinite values"
    big = float(np.max(np.abs(arr))) if arr.size else 0.0
    if big > MAX_PARAM:
        return f"'{name}' holds {big:.3g}; weights and biases beyond +-{MAX_PARAM:g} are absurd (its sums overflow)"
    return None


class ModelFileError(ValueError):
    """A weights file that cannot be used; the message names the file and the fault."""


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """The logistic function 1 / (1 + e^-z), computed without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@dataclass(frozen=True)
class LayerStep:
    """One layer transition: what goes in (`a`), the weighted sums `z = W a + b`, what comes out."""

    a: np.ndarray
    z: np.ndarray
    out: np.ndarray


@dataclass(frozen=True)
class Trace:
    """Everything the forward pass computed for one input, layer by layer."""

    steps: list[LayerStep]

    @property
    def activations(self) -> list[np.ndarray]:
        """Activations of every layer, input first: `[a0, a1, ..., aL]`."""
        return [self.steps[0].a] + [s.out for s in self.steps]

    @property
    def output(self) -> np.ndarray:
        return self.steps[-1].out

    @property
    def prediction(self) -> int:
        """Index of the brightest output neuron: the network's answer."""
        return int(np.argmax(self.output))


class Network:
    """A fully connected sigmoid network; `weights[l]` has shape `(sizes[l+1], sizes[l])`."""

    def __init__(
        self,
        sizes: Sequence[int],
        weights: Sequence[np.ndarray] | None = None,
        biases: Sequence[np.ndarray] | None = None,
        seed: int | None = 0,
    ) -> None:
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or any(s < 1 for s in sizes):
            raise ValueError(f"sizes must list at least two positive layer sizes, got {sizes}")
        self.sizes = sizes
        if weights is None or biases is None:
            # Gaussian init scaled by 1/sqrt(fan-in) keeps first-step sigmoids out of saturation.
            rng = np.random.default_rng(seed)
            weights = [rng.standard_normal((n, m)) / np.sqrt(m) for m, n in zip(sizes[:-1], sizes[1:])]
            biases = [rng.standard_normal(n) for n in sizes[1:]]
        self.weights = [np.asarray(w, dtype=np.float64) for w in weights]
        self.biases = [np.asarray(b, dtype=np.float64) for b in biases]
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            if w.shape != (sizes[l + 1], sizes[l]) or b.shape != (sizes[l + 1],):
                raise ValueError(
                    f"layer {l}: expected weights {(sizes[l + 1], sizes[l])} and biases "
                    f"{(sizes[l + 1],)}, got {w.shape} and {b.shape}"
                )

    def __repr__(self) -> str:
        return f"Network(sizes={self.sizes}, n_params={self.n_params})"

    @property
    def n_params(self) -> int:
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

    def _check_input(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if x.shape[-1:] != (self.sizes[0],) or x.ndim > 2:
            raise ValueError(f"input must have shape ({self.sizes[0]},) or (n, {self.sizes[0]}), got {x.shape}")
        return x

    def feedforward(self, x: np.ndarray) -> np.ndarray:
        """Output activations for one input `(784,)` or a batch `(n, 784)`, pixel values in [0, 1]."""
        a = self._check_input(x)
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(a @ w.T + b)
        return a

    def trace(self, x: np.ndarray) -> Trace:
        """The forward pass for one input, keeping `a`, `z = W a + b` and `sigmoid(z)` per layer."""
        a = self._check_input(x)
        if a.ndim != 1:
            raise ValueError(f"trace takes one input of shape ({self.sizes[0]},), got {a.shape}")
        steps = []
        for w, b in zip(self.weights, self.biases):
            z = w @ a + b
            out = sigmoid(z)
            steps.append(LayerStep(a=a, z=z, out=out))
            a = out
        return Trace(steps)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.argmax(self.feedforward(x), axis=-1)

    def accuracy(self, images: np.ndarray, labels: np.ndarray) -> float:
        return float(np.mean(self.predict(images) == np.asarray(labels)))

    # -- files ---------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Write an .npz atomically: a crash never leaves a half-written weights file behind."""
        atomic_write(Path(path), self.save_to)

    def save_to(self, f) -> None:
        """Write the .npz to an open binary file (what `save` writes, byte for byte)."""
        # Any, not np.ndarray: numpy's stubs match **arrays against savez's allow_pickle: bool too
        arrays: dict[str, Any] = {"sizes": np.array(self.sizes, dtype=np.int64)}
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            arrays[f"W{l}"] = w
            arrays[f"b{l}"] = b
        np.savez(f, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike) -> Network:
        path = Path(path)
        finish_pending(path.parent)  # a write of weights + card killed halfway is completed first

        def fail(msg: str) -> ModelFileError:
            return ModelFileError(f"{shown(path)}: {msg}")

        try:
            if path.is_dir():
                raise fail("is a directory, expected a .npz weights file")
            if path.exists() and not path.is_file():
                raise fail("not a regular file (a device or pipe?), expected a .npz weights file")
            data = np.load(path, allow_pickle=False)
            if not hasattr(data, "zip"):
                raise fail("not an .npz archive (a single .npy array?); expected W0, b0, ... and sizes")
            with data:
                claimed = sum(info.file_size for info in data.zip.infolist())
                if claimed > MAX_WEIGHTS_BYTES:
                    raise fail(
                        f"its arrays would take {claimed} bytes, more than the {MAX_WEIGHTS_BYTES} "
                        "a weights file may hold here"
                    )
                arrays = {k: data[k] for k in data.files}
            raw = sorted(k for k, v in arrays.items() if not isinstance(v, np.ndarray))
            if raw:  # numpy hands a member without an .npy header back as bytes
                raise fail(f"member {raw[0]!r} is not a NumPy array (no .npy header)")
        except ModelFileError:
            raise
        except FileNotFoundError:
            raise fail("no such weights file") from None
        except PermissionError:
            raise fail("permission denied (cannot read the weights file)") from None
        except Exception as e:  # zip errors, bad pickles, truncated files...
            raise fail(f"not a readable .npz weights file ({type(e).__name__}: {e})") from None
        if "sizes" not in arrays:
            raise fail("missing 'sizes' array")
        sizes = arrays["sizes"]
        if sizes.ndim != 1 or len(sizes) < 2 or sizes.dtype.kind not in "iu" or np.any(sizes < 1):
            raise fail(f"'sizes' must be at least two positive integers, got {sizes.tolist()}")
        sizes = [int(s) for s in sizes]
        weights, biases = [], []
        for l in range(len(sizes) - 1):
            for name, shape in ((f"W{l}", (sizes[l + 1], sizes[l])), (f"b{l}", (sizes[l + 1],))):
                if name not in arrays:
                    raise fail(f"missing array '{name}' for sizes {sizes}")
                arr = arrays[name]
                if arr.shape != shape:
                    raise fail(f"'{name}' has shape {arr.shape}, expected {shape} for sizes {sizes}")
                if arr.dtype.kind != "f":
                    raise fail(f"'{name}' has dtype {arr.dtype}, expected a float dtype")
                if (fault := param_fault(name, arr)) is not None:
                    raise fail(fault)
            weights.append(arrays[f"W{l}"])
            biases.append(arrays[f"b{l}"])
        extra = set(arrays) - {"sizes"} - {f"{p}{l}" for p in "Wb" for l in range(len(sizes) - 1)}
        if extra:
            raise fail(f"unexpected arrays {sorted(extra)} for sizes {sizes}")
        return cls(sizes, weights, biases)


def load_pretrained() -> Network:
    """The network the project ships in `assets/weights.npz`."""
    return Network.load(PRETRAINED)
