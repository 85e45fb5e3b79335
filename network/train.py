"""Training from scratch: vectorised mini-batch SGD with backprop, seeded and deterministic.

Cost: cross-entropy on the sigmoid outputs plus L2 weight decay; the learning rate decays each
epoch; every epoch each training image is shifted by a random whole-pixel offset (augmentation).
Run `python -m network.train --help`.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .mnist import HELD_OUT, SHA256, MNISTError, _find, as_inputs, data_dir, load_mnist, sha256_of
from .idx import IDXError
from .model import ASSETS, Network, sigmoid, write_json
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


def sgd(net: Network, images: np.ndarray, labels: np.ndarray, hp: Hyper,
        val: tuple[np.ndarray, np.ndarray] | None = None, show_progress: bool = True) -> list[dict]:
    """Train `net` in place; returns one record per epoch (learning rate, validation accuracy)."""
    rng = np.random.default_rng(hp.seed)
    y_all = one_hot(labels)
    history, lr = [], hp.lr
    n = len(images)
    for epoch in range(hp.epochs):
        x_all = as_inputs(shift_images(images, hp.max_shift, rng))
        order = rng.permutation(n)
        batches = range(0, n, hp.batch_size)
        label = f"epoch {epoch + 1:>2}/{hp.epochs}"
        with (progress(label, len(batches)) if show_progress else _silent()) as advance:
            for k, start in enumerate(batches):
                idx = order[start:start + hp.batch_size]
                gw, gb = backprop(net, x_all[idx], y_all[idx], hp.l2)
                for l in range(len(gw)):
                    net.weights[l] -= lr * gw[l]
                    net.biases[l] -= lr * gb[l]
                if k % 256 == 255:
                    advance(256)
            advance(len(batches) % 256)
            record = {"epoch": epoch + 1, "lr": lr}
            if val is not None:
                record["val_accuracy"] = net.accuracy(as_inputs(val[0]), val[1])
                advance(0, info=f"validation {record['val_accuracy']:.2%}")
        history.append(record)
        lr *= hp.lr_decay
    return history


class _silent:
    def __enter__(self):
        return lambda *a, **k: None

    def __exit__(self, *exc):
        return False


def _single_threaded_blas(argv: list[str] | None) -> None:
    """Re-run once with one BLAS thread: on 2 cores, threads only slow these small matrix products."""
    if not any(v in os.environ for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        args = sys.argv[1:] if argv is None else argv
        os.execv(sys.executable, [sys.executable, "-m", "network.train", *args])


def main(argv: list[str] | None = None) -> int:
    _single_threaded_blas(argv)
    defaults = Hyper()
    parser = argparse.ArgumentParser(prog="python -m network.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="MNIST folder (default: $MNIST_DIR, else the user cache)")
    parser.add_argument("--out", default=str(ASSETS), help="folder for weights.npz and model_card.json (default: assets/)")
    for field, value in asdict(defaults).items():
        parser.add_argument(f"--{field.replace('_', '-')}", type=type(value), default=value,
                            help=f"default {value}")
    parser.add_argument("--no-test", action="store_true", help="skip the final test-set measurement")
    args = parser.parse_args(argv)
    hp = Hyper(**{f: getattr(args, f) for f in asdict(defaults)})
    try:
        folder = data_dir(args.data)
        images, labels = load_mnist("train", folder)
        test = None if args.no_test else load_mnist("test", folder)
        hashes = {name: sha256_of(_find(folder, name)) for name in SHA256}
    except (MNISTError, IDXError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for name, digest in hashes.items():
        if digest != SHA256[name]:
            print(f"warning: {name} in {folder} is not the standard MNIST file", file=sys.stderr)
    val = (images[:HELD_OUT], labels[:HELD_OUT])
    train_x, train_y = images[HELD_OUT:], labels[HELD_OUT:]
    print(f"training {list(SIZES)} on {len(train_x)} images, validating on {len(val[0])}; {hp}", file=sys.stderr)
    net = Network(SIZES, seed=hp.seed)
    t0 = time.perf_counter()
    history = sgd(net, train_x, train_y, hp, val=val)
    wall = time.perf_counter() - t0
    card = {
        "sizes": net.sizes,
        "n_params": net.n_params,
        "activation": "sigmoid",
        "cost": "cross-entropy + L2",
        "hyperparameters": asdict(hp),
        "epochs": hp.epochs,
        "data": {
            "train": f"MNIST training images {HELD_OUT}..{len(images) - 1} ({len(train_x)})",
            "validation": f"MNIST training images 0..{HELD_OUT - 1} ({HELD_OUT}); never trained on",
            "test": "MNIST t10k (10000), measured once on the final model",
            "sha256": hashes,
        },
        "train_accuracy": net.accuracy(as_inputs(train_x), train_y),
        "validation_accuracy": history[-1]["val_accuracy"],
        "test_accuracy": None if test is None else net.accuracy(as_inputs(test[0]), test[1]),
        "test_count": None if test is None else len(test[0]),
        "history": history,
        "wall_time_seconds": round(wall, 2),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS")},
        "versions": {"python": platform.python_version(), "numpy": np.__version__},
        "weights_sha256": None,
    }
    out = Path(args.out)
    net.save(out / "weights.npz")
    card["weights_sha256"] = hashlib.sha256((out / "weights.npz").read_bytes()).hexdigest()
    write_json(out / "model_card.json", card)
    print(f"train {card['train_accuracy']:.2%}  validation {card['validation_accuracy']:.2%}  "
          f"test {card['test_accuracy'] if test is None else format(card['test_accuracy'], '.2%')}  "
          f"in {wall:.1f} s -> {out / 'weights.npz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
