"""How the shipped network got its weights: the training run's recorded curves and snapshots.

`python -m network.train` writes `history.npz` beside `weights.npz`. It holds

- the *points*: moments of the run (the random start, a few inside the first epoch, the end of
  every epoch) with the validation and test accuracy and the cost measured there;
- the *snapshots*: every weight and bias at a few of those moments (start, after a few hundred
  and a few thousand images, several epochs, the end).

Every figure at a point is measured on the weights exactly as a snapshot stores them (float32
before the end, the final weights themselves at the end), so a snapshot's recorded accuracy is
what its own forward pass gives, and the last point equals the model card's figures. The file
records the sha256 of the final weights; `load_history()` refuses a history that belongs to other
weights. Recording reads the network between steps and never touches the training RNG, so the
weights are the same with or without it.

>>> from network import list_snapshots, load_snapshot, load_history
>>> [s.name for s in list_snapshots()][:3]
['start', 'images_320', 'images_3008']
>>> load_snapshot("start").feedforward(x)      # a real Network
>>> load_history().points["val_accuracy"]      # one value per point
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from common.files import finish_pending, shown
from common.hashing import sha256_file

from .model import ASSETS, PRETRAINED, ModelFileError, Network, param_fault

HISTORY = ASSETS / "history.npz"
# Where the first epoch is sampled (training images seen; rounded up to whole batches) and which
# of those moments, and which epochs, keep a snapshot of all the weights.
FIRST_EPOCH_POINTS = (320, 1000, 3000, 10000, 30000)
SNAPSHOT_IMAGES = (320, 3000)
SNAPSHOT_EPOCHS = (1, 2, 5, 10, 20, 40)
POINT_KEYS = ("images_seen", "epoch", "lr", "val_accuracy", "test_accuracy", "val_cost", "train_cost")


class HistoryError(ModelFileError):
    """A history file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class Snapshot:
    """One recorded moment with all the weights: which, when, and its figures."""

    index: int  # position in list_snapshots()
    name: str  # "start", "images_320", "epoch_5", ..., "end"
    images_seen: int  # training images the network had learned from (with repeats, over epochs)
    epoch: float  # images_seen / training images per epoch
    point: int  # index into History.points of the same moment
    val_accuracy: float
    test_accuracy: float | None
    val_cost: float
    train_cost: float


@dataclass(frozen=True)
class History:
    """The recorded run: `points[key]` arrays (keys: POINT_KEYS) and the snapshots' metadata."""

    path: Path
    sizes: list[int]
    points: dict[str, np.ndarray]
    snapshots: list[Snapshot]
    weights_sha256: str
    _arrays: dict[str, np.ndarray]

    @property
    def train_images(self) -> int:
        """How many training images one epoch went through."""
        return int(self._arrays["train_images"])

    def network(self, which: int | str) -> Network:
        """The snapshot `which` (index or name, "start"/"end" included) as a Network."""
        snap = self.snapshot(which)
        n = len(self.sizes) - 1
        return Network(
            self.sizes,
            [self._arrays[f"s{snap.index}_W{l}"] for l in range(n)],
            [self._arrays[f"s{snap.index}_b{l}"] for l in range(n)],
        )

    def snapshot(self, which: int | str) -> Snapshot:
        if isinstance(which, (int, np.integer)) and not isinstance(which, bool):
            if -len(self.snapshots) <= which < len(self.snapshots):
                return self.snapshots[which]
        else:
            for s in self.snapshots:
                if s.name == which:
                    return s
        raise HistoryError(
            f"{self.path}: no snapshot {which!r}; there are {len(self.snapshots)}: "
            + ", ".join(s.name for s in self.snapshots)
        )


# -- recording (used by network.train) --------------------------------------------------------------
def as_stored(net: Network, final: bool) -> Network:
    """The network as a snapshot keeps it: float32-rounded, except the final weights."""
    if final:
        return net
    return Network(
        net.sizes,
        [w.astype(np.float32).astype(np.float64) for w in net.weights],
        [b.astype(np.float32).astype(np.float64) for b in net.biases],
    )


class Recorder:
    """Measures the network at chosen moments of `sgd` and keeps snapshots; never touches its RNG.

    `measure(net) -> (val_accuracy, test_accuracy | nan, val_cost, train_cost)` is supplied by
    the trainer (it knows the data); the recorder decides when.
    """

    def __init__(
        self,
        n_train: int,
        batch_size: int,
        epochs: int,
        measure: Callable[[Network], tuple[float, float, float, float]],
    ) -> None:
        self.n_train, self.batch_size, self.epochs, self.measure = n_train, batch_size, epochs, measure
        per_epoch = -(-n_train // batch_size)
        wanted = {-(-i // batch_size) for i in FIRST_EPOCH_POINTS}
        self.first_epoch_batches = {b for b in wanted if b < per_epoch}  # 1-based batch counts
        self.snapshot_batches = {-(-i // batch_size) for i in SNAPSHOT_IMAGES} & self.first_epoch_batches
        self.snapshot_epochs = {e for e in SNAPSHOT_EPOCHS if e < epochs} | {epochs}
        self.rows: list[tuple] = []
        self.snaps: list[tuple[str, int, Network]] = []  # (name, point index, stored network)

    def _record(self, net: Network, images_seen: int, lr: float, name: str | None, final: bool) -> None:
        stored = as_stored(net, final)
        val_acc, test_acc, val_cost, train_cost = self.measure(stored)
        self.rows.append((images_seen, images_seen / self.n_train, lr, val_acc, test_acc, val_cost, train_cost))
        if name is not None:
            self.snaps.append((name, len(self.rows) - 1, stored))

    def start(self, net: Network, lr: float) -> None:
        self._record(net, 0, lr, "start", False)

    def after_batch(self, net: Network, epoch: int, batches_done: int, lr: float) -> None:
        """Called after every batch of epoch 0 (cheap unless this batch is a chosen moment)."""
        if epoch == 0 and batches_done in self.first_epoch_batches:
            images = batches_done * self.batch_size
            self._record(net, images, lr, f"images_{images}" if batches_done in self.snapshot_batches else None, False)

    def after_epoch(self, net: Network, epoch: int, lr: float) -> None:
        e = epoch + 1
        final = e == self.epochs
        name = "end" if final else (f"epoch_{e}" if e in self.snapshot_epochs else None)
        self._record(net, e * self.n_train, lr, name, final)

    def to_bytes(self, weights_sha256: str, seed: int) -> bytes:
        """The history.npz content: deterministic for the same run."""
        sizes = self.snaps[0][2].sizes
        # Any, not np.ndarray: numpy's stubs match **arrays against allow_pickle: bool too
        arrays: dict[str, Any] = {
            "sizes": np.array(sizes, dtype=np.int64),
            "weights_sha256": np.array(weights_sha256),
            "seed": np.array(seed, dtype=np.int64),
            "batch_size": np.array(self.batch_size, dtype=np.int64),
            "train_images": np.array(self.n_train, dtype=np.int64),
        }
        cols = list(zip(*self.rows))
        for key, col in zip(POINT_KEYS, cols):
            arrays[f"point_{key}"] = np.array(col, dtype=np.int64 if key == "images_seen" else np.float64)
        arrays["snapshot_names"] = np.array([s[0] for s in self.snaps])
        arrays["snapshot_points"] = np.array([s[1] for s in self.snaps], dtype=np.int64)
        for i, (name, _, net) in enumerate(self.snaps):
            dtype = np.float64 if name == "end" else np.float32
            for l, (w, b) in enumerate(zip(net.weights, net.biases)):
                arrays[f"s{i}_W{l}"] = w.astype(dtype)
                arrays[f"s{i}_b{l}"] = b.astype(dtype)
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    def summary(self, file: str, sha256: str) -> dict:
        """What the model card says about the history file."""
        return {
            "file": file,
            "sha256": sha256,
            "points": len(self.rows),
            "point_keys": list(POINT_KEYS),
            "snapshots": [{"name": n, "images_seen": int(self.rows[p][0]), "point": p} for n, p, _ in self.snaps],
            "measured_on": "each point on the weights as a snapshot stores them (float32 before the end, "
            "the final float64 weights at the end); test accuracy recorded, never used to choose anything",
        }


# -- reading -----------------------------------------------------------------------------------------
_cache: dict[tuple, History] = {}


def load_history(path: str | os.PathLike | None = None, weights_path: str | os.PathLike | None = None) -> History:
    """The recorded training run, checked to belong to the weights (default: the shipped pair).

    Raises `HistoryError` (a `ModelFileError`, one line) for a missing, malformed or foreign file.
    """
    path = Path(path) if path is not None else HISTORY
    weights_path = Path(weights_path) if weights_path is not None else PRETRAINED
    finish_pending(path.parent)
    try:
        card = weights_path.parent / "model_card.json"  # checked against the last point: its change counts
        key = (
            str(path),
            str(weights_path),
            path.stat().st_mtime_ns,
            weights_path.stat().st_mtime_ns,
            card.stat().st_mtime_ns if card.exists() else None,
        )
    except FileNotFoundError as e:
        raise HistoryError(f"{e.filename}: no such file; run `python -m network.train` to record the history") from None
    except OSError as e:
        raise HistoryError(f"{shown(path)}: cannot read ({e.strerror or e})") from None
    if key not in _cache:
        _cache[key] = _read(path, weights_path)
    return _cache[key]


def _read(path: Path, weights_path: Path) -> History:
    def fail(msg: str) -> HistoryError:
        return HistoryError(f"{shown(path)}: {msg}")

    if not path.is_file():
        raise fail("not a regular file, expected the training history .npz")
    try:
        data = np.load(path, allow_pickle=False)
        if not hasattr(data, "zip"):
            raise fail("not an .npz archive")
        with data:
            if sum(i.file_size for i in data.zip.infolist()) > 64 << 20:
                raise fail("its arrays are far larger than a training history")
            arrays = {k: data[k] for k in data.files}
        raw = sorted(k for k, v in arrays.items() if not isinstance(v, np.ndarray))
        if raw:  # numpy hands a member without an .npy header back as bytes
            raise fail(f"member {raw[0]!r} is not a NumPy array (no .npy header)")
    except HistoryError:
        raise
    except Exception as e:  # zip errors, truncation, pickles refused...
        raise fail(f"not a readable .npz history ({type(e).__name__}: {e})") from None
    try:
        sizes = [int(s) for s in arrays["sizes"]]
        recorded = str(arrays["weights_sha256"])
        points = {k: arrays[f"point_{k}"] for k in POINT_KEYS}
        names = [str(n) for n in arrays["snapshot_names"]]
        at = [int(p) for p in arrays["snapshot_points"]]
        n_points = len(points["images_seen"])
        if any(v.shape != (n_points,) for v in points.values()) or len(names) != len(at) or not names:
            raise ValueError("point or snapshot arrays disagree in length")
        if any(not 0 <= p < n_points for p in at):
            raise ValueError("a snapshot points outside the recorded points")
        if arrays["snapshot_points"].dtype.kind not in "iu":
            raise ValueError(f"snapshot_points must be whole numbers, got {arrays['snapshot_points'].dtype}")
        if len(set(names)) != len(names):
            raise ValueError("two snapshots have the same name")
        train_images = arrays["train_images"]
        if train_images.shape != () or train_images.dtype.kind not in "iu" or int(train_images) < 1:
            raise ValueError(f"train_images must be a positive whole number, got {train_images.tolist()!r}")
        for k, v in arrays.items():
            if re.fullmatch(r"s\d+_[Wb]\d+", k) and v.dtype.kind != "f":
                raise ValueError(f"{k!r} has dtype {v.dtype}, expected a float dtype")
    except (KeyError, ValueError, TypeError) as e:
        raise fail(f"malformed training history ({e})") from None
    if (fault := _figures_fault(points, at)) is not None:
        raise fail(fault)
    actual = sha256_file(weights_path)
    if recorded != actual:
        raise fail(
            f"records the training of other weights than {weights_path} (sha256 {recorded[:12]} "
            f"vs {actual[:12]}); retrain with `python -m network.train` to record it again"
        )
    test = points["test_accuracy"]
    snaps = [
        Snapshot(
            i,
            n,
            int(points["images_seen"][p]),
            float(points["epoch"][p]),
            p,
            float(points["val_accuracy"][p]),
            None if np.isnan(test[p]) else float(test[p]),
            float(points["val_cost"][p]),
            float(points["train_cost"][p]),
        )
        for i, (n, p) in enumerate(zip(names, at))
    ]
    history = History(path, sizes, points, snaps, recorded, arrays)
    for s in snaps:  # every snapshot must be a usable network of these sizes
        try:
            net = history.network(s.index)
        except (KeyError, ValueError) as e:
            raise fail(f"snapshot {s.name!r} is incomplete ({e})") from None
        for l, (w, b) in enumerate(zip(net.weights, net.biases)):
            for name, arr in ((f"W{l}", w), (f"b{l}", b)):
                if (fault := param_fault(name, arr)) is not None:
                    raise fail(f"snapshot {s.name!r}: {fault}")
    _agrees_with_card(history, weights_path)
    return history


def _figures_fault(points: dict[str, np.ndarray], snapshot_points: list[int]) -> str | None:
    """What is wrong with the recorded figures (accuracies outside [0, 1], costs that are not
    finite, points out of order), or None: these are drawn as they are."""
    for key in POINT_KEYS:
        if points[key].dtype.kind not in "iuf":
            return f"'point_{key}' must hold numbers, got {points[key].dtype}"
    for key in ("val_accuracy", "test_accuracy"):
        v = points[key].astype(np.float64)
        known = v[~np.isnan(v)] if key == "test_accuracy" else v  # no test figure: NaN
        outside = known[~((known >= 0) & (known <= 1))]
        if outside.size:
            return f"'{key}' must be fractions between 0 and 1, got {float(outside[0])!r}"
    for key in ("val_cost", "train_cost", "lr", "epoch"):
        v = points[key].astype(np.float64)
        bad = v[~(np.isfinite(v) & (v >= 0))]
        if bad.size:
            return f"'{key}' must be finite and not negative, got {float(bad[0])!r}"
    seen = points["images_seen"].astype(np.float64)
    if np.any(seen < 0) or np.any(np.diff(seen) <= 0) or np.any(np.diff(points["epoch"]) < 0):
        return "the points are not in training order (images seen must grow from one point to the next)"
    if any(b <= a for a, b in zip(snapshot_points, snapshot_points[1:])):
        return "the snapshots are not in training order"
    return None


def _agrees_with_card(history: History, weights_path: Path) -> None:
    """Where the model card beside the weights describes them too, its figures must be the
    history's last point (one edited without the other would show two accuracies)."""
    from .card import read_card

    card_path = weights_path.parent / "model_card.json"
    if not card_path.is_file():
        return
    try:
        card = read_card(card_path)
    except ModelFileError:
        return  # a broken card is reported where the card is read
    if card.get("weights_sha256") != history.weights_sha256:
        return  # it describes other weights: its figures are not shown (see model_card)
    last = {
        "test_accuracy": history.points["test_accuracy"][-1],
        "validation_accuracy": history.points["val_accuracy"][-1],
    }
    for key, recorded in last.items():
        said = card.get(key)
        if said is None or np.isnan(recorded):
            continue
        if abs(float(said) - float(recorded)) > 1e-9:
            raise HistoryError(
                f"{shown(history.path)}: its last point has {key.replace('_', ' ')} {float(recorded):.2%}, but "
                f"{shown(card_path)} says {float(said):.2%}; one was changed without the other "
                "(retrain with `python -m network.train` to record both again)"
            )


def list_snapshots(path: str | os.PathLike | None = None) -> list[Snapshot]:
    """The recorded snapshots, start first, end last."""
    return list(load_history(path).snapshots)


def load_snapshot(which: int | str = "end", path: str | os.PathLike | None = None) -> Network:
    """The network at a recorded moment (index or name, e.g. "start", "epoch_5", "end")."""
    return load_history(path).network(which)
