"""`python -m network.train`: train the lesson's network on MNIST and write weights, card and history."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from common.cli import OneLineParser, one_line
from common.files import (
    JOURNAL,
    UnfinishedWrite,
    finish_pending,
    in_the_way,
    json_bytes,
    shown,
    user_path,
    why,
    write_together,
)

from .blas import blas_info, blas_threads
from .history import Recorder
from .idx import IDXError
from .mnist import HELD_OUT, SHA256, MNISTError, _find, as_inputs, data_dir, load_mnist, sha256_of
from .model import ASSETS, Network
from .progress import sigterm_as_interrupt
from .sgd import SIZES, Hyper, TrainingError, one_hot, sgd

MODEL_FILES = ("weights.npz", "history.npz", "model_card.json")  # what a run writes, as one unit


# -- command line --------------------------------------------------------------------------------
def _number(kind, low, low_ok: bool, high=None):
    """An argparse type: a finite int/float in a range, with a one-line message otherwise."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected {'a whole number' if kind is int else 'a number'}, got {text!r}"
            ) from None
        bounds = f"{'>=' if low_ok else '>'} {low}" + ("" if high is None else f" and <= {high}")
        if (
            not np.isfinite(value)
            or value < low
            or (value == low and not low_ok)
            or (high is not None and value > high)
        ):
            raise argparse.ArgumentTypeError(f"expected a finite number {bounds}, got {text!r}")
        return value

    parse.__name__ = kind.__name__
    return parse


_RULES = {  # field -> argparse type
    "epochs": _number(int, 1, True, 10_000),
    "batch_size": _number(int, 1, True),
    "lr": _number(float, 0, False, 1e3),
    "lr_decay": _number(float, 0, False, 1),
    "l2": _number(float, 0, True, 1),
    "max_shift": _number(int, 0, True, 13),
    "seed": _number(int, 0, True, 2**63 - 1),
}


def _sizes(text: str) -> tuple[int, ...]:
    """`--sizes 784,32,10`: layer sizes from input (784 pixels) to output (10 digits)."""
    try:
        sizes = tuple(int(t) for t in text.replace(" ", "").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated whole numbers like 784,16,16,10, got {text!r}"
        ) from None
    if len(sizes) < 2 or sizes[0] != 784 or sizes[-1] != 10 or any(not 1 <= s <= 4096 for s in sizes):
        raise argparse.ArgumentTypeError(
            f"expected 784 first, 10 last and hidden layers of 1..4096 neurons (e.g. 784,32,10), got {text!r}"
        )
    return sizes


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a folder path, got an empty string")
    return text


def _prepare_out(out: Path) -> bool:
    """Make sure weights can be written into `out` before training; True if it was created."""
    created = not out.exists()
    try:
        if out.exists() and not out.is_dir():
            raise TrainingError(f"--out {out}: exists and is not a folder")
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".probe.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except TrainingError:
        raise
    except NotADirectoryError:
        raise TrainingError(f"--out {out}: a parent of this path is a file, not a folder") from None
    except PermissionError:
        raise TrainingError(f"--out {out}: permission denied; cannot write the weights there") from None
    except OSError as e:
        raise TrainingError(f"--out {out}: cannot write there ({e.strerror or e})") from None
    except ValueError as e:  # e.g. an embedded NUL byte
        raise TrainingError(f"--out {str(out)!r}: not a usable path ({e})") from None
    for name in MODEL_FILES:  # a folder in the way is found now, not after a minute of training
        if (kind := in_the_way(out / name)) is not None:
            raise TrainingError(f"--out {shown(out)}: {name} there is {kind}; the new {name} cannot replace it")
    finish_pending(out)  # a write killed after its commit point is completed, not thrown away
    for stale in out.glob(".*.tmp"):  # temp files of a run killed before its commit point
        if stale.name.startswith(tuple(f".{name}." for name in (*MODEL_FILES, JOURNAL))):
            stale.unlink(missing_ok=True)
    return created


def main(argv: list[str] | None = None) -> int:
    """Train and write weights + model card; returns the exit code (0 ok, 1 fault, 2 usage, 130 ^C).

    Never replaces the calling process; BLAS runs with one thread during training and is then
    restored. Nothing in `--out` changes unless training succeeds.
    """
    defaults = Hyper()
    parser = OneLineParser(
        prog="python -m network.train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=_folder, help="MNIST folder (default: $MNIST_DIR, else the user cache)")
    parser.add_argument(
        "--out", default=str(ASSETS), type=_folder, help="folder for weights.npz and model_card.json (default: assets/)"
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=SIZES,
        help=f"layer sizes, 784 first and 10 last (default: {','.join(map(str, SIZES))})",
    )
    for field, value in asdict(defaults).items():
        parser.add_argument(f"--{field.replace('_', '-')}", type=_RULES[field], default=value, help=f"default {value}")
    parser.add_argument(
        "--no-test",
        action="store_true",
        help="skip the final test-set measurement (not allowed with the default --out assets/)",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    hp = Hyper(**{f: getattr(args, f) for f in asdict(defaults)})
    out = user_path(args.out)
    if args.no_test and out.resolve() == ASSETS.resolve():
        print(
            f"{parser.prog}: error: --no-test would ship a model card without a test accuracy in "
            f"{ASSETS}; pass --out to another folder (see --help)",
            file=sys.stderr,
        )
        return 2
    try:
        with sigterm_as_interrupt():
            return _run(args, hp, out, parser.prog)
    except KeyboardInterrupt:  # a second signal while cleaning up
        print(one_line(f"error: interrupted; nothing written to {out}"), file=sys.stderr)
        return 130


def _run(args, hp: Hyper, out: Path, prog: str) -> int:
    created = writing = False
    try:
        created = _prepare_out(out)
        folder = data_dir(args.data)
        images, labels = load_mnist("train", folder)
        test = None if args.no_test else load_mnist("test", folder)
        hashes = {name: sha256_of(_find(folder, name)) for name in SHA256}
        if len(images) <= HELD_OUT:
            raise TrainingError(
                f"{folder}: {len(images)} training images; need more than the {HELD_OUT} held out for validation"
            )
        with blas_threads(1):
            card, net, recorder = _train(args.sizes, hp, folder, images, labels, test, hashes)
        writing = True
        _write_model(out, net, card, recorder)
    except (MNISTError, IDXError, TrainingError) as e:
        print(one_line(f"error: {e}; nothing written to {out}"), file=sys.stderr)
        _remove_if_empty(out, created)
        return 1
    except KeyboardInterrupt:
        if writing:
            finish_pending(out)  # past the commit point the new files land whole
        if writing and _card_hash(out) == card["weights_sha256"]:
            print(one_line(f"error: interrupted just after writing the new model to {out}"), file=sys.stderr)
        else:
            print(one_line(f"error: interrupted; nothing written to {out}"), file=sys.stderr)
            _remove_if_empty(out, created)
        return 130
    except UnfinishedWrite as e:
        print(one_line(f"error: cannot finish writing the model in {shown(out)} ({e.strerror})"), file=sys.stderr)
        return 1
    except OSError as e:
        print(
            one_line(f"error: cannot write to {shown(out)} ({why(e)}); its previous files are unchanged"),
            file=sys.stderr,
        )
        return 1
    print(
        f"train {card['train_accuracy']:.2%}  validation {card['validation_accuracy']:.2%}  "
        f"test {'not measured' if test is None else format(card['test_accuracy'], '.2%')}  "
        f"in {card['wall_time_seconds']:.1f} s -> {out / 'weights.npz'}"
    )
    return 0


def _card_hash(out: Path) -> str | None:
    try:
        return json.loads((out / "model_card.json").read_text()).get("weights_sha256")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None


def _remove_if_empty(out: Path, created: bool) -> None:
    if created:
        try:
            out.rmdir()
        except OSError:
            pass


def _train(sizes, hp: Hyper, folder: Path, images, labels, test, hashes) -> tuple[dict, Network, Recorder]:
    for name, digest in hashes.items():
        if digest != SHA256[name]:
            print(one_line(f"warning: {name} in {folder} is not the standard MNIST file"), file=sys.stderr)
    val = (images[:HELD_OUT], labels[:HELD_OUT])
    train_x, train_y = images[HELD_OUT:], labels[HELD_OUT:]
    print(
        one_line(f"training {list(sizes)} on {len(train_x)} images, validating on {len(val[0])}; {hp}"), file=sys.stderr
    )
    net = Network(sizes, seed=hp.seed)
    measure = _measurer(hp.l2, train_x, train_y, val, test)
    recorder = Recorder(len(train_x), hp.batch_size, hp.epochs, measure)
    t0 = time.perf_counter()
    history = sgd(net, train_x, train_y, hp, val=val, recorder=recorder)
    wall = time.perf_counter() - t0
    chance = np.bincount(val[1], minlength=10).max() / len(val[1])  # always guessing the commonest digit
    if history[-1]["val_accuracy"] <= chance + 0.05:
        raise TrainingError(
            f"training ended no better than chance: validation accuracy "
            f"{history[-1]['val_accuracy']:.2%} (always answering the commonest digit "
            f"scores {chance:.2%}); try another --lr or more --epochs"
        )
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
            "test": f"MNIST t10k ({len(test[0]) if test else 'not measured'}), measured once on the final model",
            "sha256": hashes,
        },
        "train_accuracy": net.accuracy(as_inputs(train_x), train_y),
        "validation_accuracy": history[-1]["val_accuracy"],
        "test_accuracy": None if test is None else net.accuracy(as_inputs(test[0]), test[1]),
        "test_count": None if test is None else len(test[0]),
        "history": history,
        "wall_time_seconds": round(wall, 2),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "blas_threads": 1, "blas": blas_info()},
        "versions": {"python": platform.python_version(), "numpy": np.__version__},
        "weights_sha256": None,
    }
    return card, net, recorder


def _measurer(l2: float, train_x, train_y, val, test):
    """measure(net) -> (validation accuracy, test accuracy or NaN, validation cost, training cost),
    on inputs converted once (in chunks: no second 54000x784 array built at once)."""
    chunks: dict[int, list] = {}  # inputs converted once, in chunks of 10,000 images

    def stats(net: Network, images, labels) -> tuple[float, float]:
        right, ce = 0, 0.0
        if id(images) not in chunks:
            chunks[id(images)] = [
                (as_inputs(images[i : i + 10000]), labels[i : i + 10000]) for i in range(0, len(images), 10000)
            ]
        for x, y in chunks[id(images)]:
            a = net.feedforward(x)
            right += int(np.sum(np.argmax(a, axis=1) == y))
            t, a = one_hot(y, a.shape[1]), np.clip(a, 1e-12, 1 - 1e-12)
            ce -= float(np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)))
        l2_term = 0.5 * l2 * sum(float(np.sum(w * w)) for w in net.weights)
        return right / len(images), ce / len(images) + l2_term

    def measure(net: Network) -> tuple[float, float, float, float]:
        val_acc, val_cost = stats(net, *val)
        test_acc = float("nan") if test is None else stats(net, *test)[0]
        return val_acc, test_acc, val_cost, stats(net, train_x, train_y)[1]

    return measure


def _write_model(out: Path, net: Network, card: dict, recorder: Recorder | None = None) -> None:
    """Weights, history and card as one unit (`write_together`: all land or none); the card
    records the sha256 of the others, checked again on load."""
    buf = io.BytesIO()
    net.save_to(buf)
    weights = buf.getvalue()
    card["weights_sha256"] = hashlib.sha256(weights).hexdigest()
    files = [(out / "weights.npz", lambda f: f.write(weights))]
    if recorder is not None:
        history = recorder.to_bytes(card["weights_sha256"], card["hyperparameters"]["seed"])
        card["training_history"] = recorder.summary("history.npz", hashlib.sha256(history).hexdigest())
        files.append((out / "history.npz", lambda f: f.write(history)))
    files.append((out / "model_card.json", lambda f: f.write(json_bytes(card))))
    write_together(files)


if __name__ == "__main__":
    sys.exit(main())
