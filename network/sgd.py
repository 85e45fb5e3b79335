"""Training from scratch: vectorised mini-batch SGD with backprop, seeded and deterministic.

Cost: cross-entropy on the sigmoid outputs plus L2 weight decay; the learning rate decays each
epoch; every epoch each training image is shifted by a random whole-pixel offset (augmentation).
Writes weights.npz, history.npz (the run's curves and weight snapshots, see `network.history`)
and model_card.json as one unit. Run `python -m network.train --help`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .history import Recorder
from .mnist import as_inputs
from .model import Network, sigmoid
from .progress import progress

SIZES = (784, 16, 16, 10)


@dataclass
class Hyper:
    """Hyperparameters; the defaults were chosen on the validation split (see the model card)."""

    epochs: int = 60
    batch_size: int = 32
    lr: float = 1.0
    lr_decay: float = 0.93
    l2: float = 1e-4
    max_shift: int = 1
    seed: int = 0


def one_hot(labels: np.ndarray, n: int = 10) -> np.ndarray:
    y = np.zeros((len(labels), n))
    y[np.arange(len(labels)), labels] = 1.0
    return y


def cost(net: Network, x: np.ndarray, y: np.ndarray, l2: float = 0.0) -> float:
    """Mean cross-entropy of sigmoid outputs against one-hot targets, plus (l2/2)·Σw²."""
    a = np.clip(net.feedforward(x), 1e-12, 1 - 1e-12)
    ce = -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / len(x)
    return float(ce + 0.5 * l2 * sum(np.sum(w * w) for w in net.weights))


def backprop(net: Network, x: np.ndarray, y: np.ndarray, l2: float = 0.0):
    """Gradients of `cost` with respect to every weight matrix and bias vector, for a batch."""
    acts = [x]
    for w, b in zip(net.weights, net.biases):
        acts.append(sigmoid(acts[-1] @ w.T + b))
    delta = (acts[-1] - y) / len(x)  # cross-entropy with sigmoid: the σ' factor cancels
    grad_w, grad_b = [None] * len(net.weights), [None] * len(net.biases)
    for l in range(len(net.weights) - 1, -1, -1):
        grad_w[l] = delta.T @ acts[l] + l2 * net.weights[l]
        grad_b[l] = delta.sum(axis=0)
        if l:
            delta = (delta @ net.weights[l]) * acts[l] * (1 - acts[l])
    return grad_w, grad_b


def shift_images(images: np.ndarray, max_shift: int, rng: np.random.Generator) -> np.ndarray:
    """Move each 28x28 image by its own random offset of up to `max_shift` pixels, filling with 0."""
    if max_shift == 0:
        return images
    n, h, w = images.shape
    p = max_shift
    padded = np.pad(images, ((0, 0), (p, p), (p, p)))
    dy, dx = rng.integers(-p, p + 1, size=(2, n))
    rows = (np.arange(h)[None, :] + p - dy[:, None])[:, :, None]
    cols = (np.arange(w)[None, :] + p - dx[:, None])[:, None, :]
    return padded[np.arange(n)[:, None, None], rows, cols]


class TrainingError(RuntimeError):
    """Training went wrong (diverged, no better than chance); the message says how and what to try."""


def sgd(
    net: Network,
    images: np.ndarray,
    labels: np.ndarray,
    hp: Hyper,
    val: tuple[np.ndarray, np.ndarray] | None = None,
    show_progress: bool = True,
    recorder: Recorder | None = None,
) -> list[dict]:
    """Train `net` in place; returns one record per epoch (learning rate, validation accuracy).

    Raises `TrainingError` as soon as an epoch leaves a weight or bias NaN or infinite. A
    `recorder` (see `network.history`) is shown the network at its chosen moments; it only reads
    it, so the weights are the same with or without one.
    """
    rng = np.random.default_rng(hp.seed)
    y_all = one_hot(labels)
    history, lr = [], hp.lr
    n = len(images)
    if recorder is not None:
        recorder.start(net, lr)
    for epoch in range(hp.epochs):
        x_all = as_inputs(shift_images(images, hp.max_shift, rng))
        order = rng.permutation(n)
        batches = range(0, n, hp.batch_size)
        label = f"epoch {epoch + 1:>2}/{hp.epochs}"
        with (
            np.errstate(over="ignore", invalid="ignore"),
            progress(label, len(batches)) if show_progress else _silent() as advance,
        ):
            for k, start in enumerate(batches):
                idx = order[start : start + hp.batch_size]
                gw, gb = backprop(net, x_all[idx], y_all[idx], hp.l2)
                for l in range(len(gw)):
                    net.weights[l] -= lr * gw[l]
                    net.biases[l] -= lr * gb[l]
                if recorder is not None and epoch == 0:
                    recorder.after_batch(net, epoch, k + 1, lr)
                if k % 256 == 255:
                    advance(256)
            advance(len(batches) % 256)
            if not all(np.all(np.isfinite(p)) for p in net.weights + net.biases):
                raise TrainingError(
                    f"diverged in epoch {epoch + 1}: weights became NaN or infinite "
                    f"(learning rate {lr:g}); try a smaller --lr"
                )
            record = {"epoch": epoch + 1, "lr": lr}
            if val is not None:
                record["val_accuracy"] = net.accuracy(as_inputs(val[0]), val[1])
                advance(0, info=f"validation {record['val_accuracy']:.2%}")
            if recorder is not None:
                recorder.after_epoch(net, epoch, lr)
        history.append(record)
        lr *= hp.lr_decay
    return history


class _silent:
    def __enter__(self):
        return lambda *a, **k: None

    def __exit__(self, *exc):
        return False
