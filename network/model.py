"""The 784-16-16-10 sigmoid network: parameters, forward pass and the per-layer trace scenes draw."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PRETRAINED = ASSETS / "weights.npz"
MAX_WEIGHTS_BYTES = 256 << 20  # a zip bomb posing as weights is refused before it is inflated


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
            raise ValueError(
                f"input must have shape ({self.sizes[0]},) or (n, {self.sizes[0]}), got {x.shape}"
            )
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
        _atomic_write(Path(path), self.save_to)

    def save_to(self, f) -> None:
        """Write the .npz to an open binary file (what `save` writes, byte for byte)."""
        arrays = {"sizes": np.array(self.sizes, dtype=np.int64)}
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            arrays[f"W{l}"] = w
            arrays[f"b{l}"] = b
        np.savez(f, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Network":
        path = Path(path)
        finish_pending(path.parent)  # a write of weights + card killed halfway is completed first

        def fail(msg: str) -> ModelFileError:
            return ModelFileError(f"{path}: {msg}")

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
                    raise fail(f"its arrays would take {claimed} bytes, more than the {MAX_WEIGHTS_BYTES} "
                               "a weights file may hold here")
                arrays = {k: data[k] for k in data.files}
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
                if not np.all(np.isfinite(arr)):
                    raise fail(f"'{name}' contains NaN or infinite values")
            weights.append(arrays[f"W{l}"])
            biases.append(arrays[f"b{l}"])
        extra = set(arrays) - {"sizes"} - {f"{p}{l}" for p in "Wb" for l in range(len(sizes) - 1)}
        if extra:
            raise fail(f"unexpected arrays {sorted(extra)} for sizes {sizes}")
        return cls(sizes, weights, biases)


def user_path(path: str | os.PathLike) -> Path:
    """`path` with a leading ``~`` or ``~user`` expanded, as a shell does: an unknown user (or no
    home folder) leaves it as written, so the caller's "no such file" names it, never a traceback."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def user_cache() -> Path:
    """The per-user cache folder: $XDG_CACHE_HOME, else ~/.cache, else (no home and no passwd
    entry, as in some containers) a per-user folder in the system temp folder."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return user_path(base)
    try:
        return Path.home() / ".cache"
    except (RuntimeError, KeyError):
        return Path(tempfile.gettempdir()) / f"nn-lesson-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def cannot_write(folder: Path) -> str | None:
    """Why no file can be written in `folder` (created if missing), or None when one can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-").close()
    except NotADirectoryError:
        return "a parent of this path is a file"
    except (OSError, ValueError) as e:  # ValueError: e.g. an embedded NUL byte
        return getattr(e, "strerror", None) or str(e)
    return None


def file_mode() -> int:
    """The mode a plain `open()` would give a new file: 0o666 minus the umask (0o644 usually)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def temp_beside(path: Path) -> Path:
    """A new empty temp file in `path`'s folder (same file system, so a rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, file_mode())  # mkstemp makes 0600; written files get normal permissions
    return Path(tmp)


def _atomic_write(path: Path, write) -> None:
    """Write through a temp file in the same folder, then rename over `path`."""
    path = Path(path)
    tmp = temp_beside(path)
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


JOURNAL = ".pending-writes.json"  # beside files written together: the renames still to do


def write_together(files: list[tuple[Path, object]]) -> None:
    """Write several files in one folder as one unit: all or none of them land, even on a kill.

    `files` is a list of (path, write(f)). Every file is first written completely to a temp file;
    then a journal listing the renames is written (atomically: this is the commit point), the
    renames are done, and the journal is removed. A run killed before the journal lands leaves
    the old files untouched; one killed after it is finished by `finish_pending` (which every
    loader of these files calls), so new weights never stand beside an old card.
    """
    folders = {Path(p).parent for p, _ in files}
    if len(folders) != 1:
        raise ValueError(f"write_together writes into one folder, got {sorted(map(str, folders))}")
    folder = folders.pop()
    finish_pending(folder)
    temps: list[Path] = []
    committed = False
    try:
        for path, write in files:
            tmp = temp_beside(Path(path))
            temps.append(tmp)
            with open(tmp, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
        with _signals_held():  # Ctrl-C or kill waits until every file is in place
            plan = [[tmp.name, Path(path).name] for (path, _), tmp in zip(files, temps)]
            _atomic_write(folder / JOURNAL, lambda f: f.write(json_bytes(plan)))
            committed = True
            _complete(folder / JOURNAL)  # an error here is raised; the next load finishes the job
    except BaseException:
        if not committed:
            for tmp in temps:
                tmp.unlink(missing_ok=True)
        raise


def finish_pending(folder: str | os.PathLike) -> bool:
    """Complete the renames of a `write_together` that was killed after its commit point.

    Cheap when there is nothing to do (one stat). Returns True if renames were finished. A folder
    that cannot be written is left as it is (its card then fails the weights' hash check).
    """
    journal = Path(folder) / JOURNAL
    if not journal.is_file():
        return False
    try:
        _complete(journal)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _complete(journal: Path) -> None:
    """Do the renames a journal lists (those not done yet), then remove it."""
    plan = json.loads(journal.read_text(encoding="utf-8"))
    for tmp, final in plan:
        src = journal.parent / Path(tmp).name
        if src.is_file():
            os.replace(src, journal.parent / Path(final).name)
    journal.unlink()


@contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM for a few renames; they are delivered when the block ends."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, indent=2, allow_nan=False) + "\n").encode()


def write_json(path: Path, obj) -> None:
    _atomic_write(Path(path), lambda f: f.write(json_bytes(obj)))


def sha256_file(path: str | os.PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_pretrained() -> Network:
    """The network the project ships in `assets/weights.npz`."""
    return Network.load(PRETRAINED)


CARD = ASSETS / "model_card.json"
_cards: dict[tuple, dict] = {}  # verified cards by (card, weights, their stats): warn only once


def read_card(path: str | os.PathLike = CARD) -> dict:
    """A model card as written, checked to be a JSON object with sane accuracy fields."""
    path = Path(path)
    finish_pending(path.parent)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise ModelFileError(f"{path}: not a regular file (a device or pipe?), expected the JSON model card")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no model card; run `python -m network.train`") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ModelFileError(f"{path}: cannot read the model card ({_why(e)})") from None
    if not text.strip():
        raise ModelFileError(f"{path}: the model card is empty; expected a JSON object (retrain or restore it)")
    try:
        card = json.loads(text)
    except ValueError as e:
        raise ModelFileError(f"{path}: not a valid JSON model card ({e})") from None
    if not isinstance(card, dict):
        raise ModelFileError(f"{path}: expected a JSON object, got {type(card).__name__}")
    for key in ("test_accuracy", "validation_accuracy", "train_accuracy"):
        v = card.get(key)
        if v is not None and not (isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1):
            raise ModelFileError(f"{path}: '{key}' must be a fraction between 0 and 1 or null, got {v!r}")
    n = card.get("test_count")
    if n is not None and not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
        raise ModelFileError(f"{path}: 'test_count' must be a positive whole number or null, got {n!r}")
    if card.get("test_accuracy") is not None and n is None:
        raise ModelFileError(f"{path}: a 'test_accuracy' needs the 'test_count' it was measured on, got null")
    if not isinstance(card.get("weights_sha256"), (str, type(None))):
        raise ModelFileError(f"{path}: 'weights_sha256' must be a hex string, got {card['weights_sha256']!r}")
    return card


def _why(e: BaseException) -> str:
    if isinstance(e, IsADirectoryError):
        return "it is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return getattr(e, "strerror", None) or str(e)


def model_card(card_path: str | os.PathLike | None = None, weights_path: str | os.PathLike | None = None,
               mnist: str | os.PathLike | None = None) -> dict:
    """The model card, verified against the weights it is shown with (default: the shipped pair).

    The card's `weights_sha256` is compared with the weights file's sha256:

    - match: the card as written, plus `"weights_verified": True` and `"accuracy_source": "card"`
      (or None when the card has `test_accuracy: null`, e.g. from `train --no-test`).
    - mismatch (or no hash): the card's figures describe other weights. A copy is returned with
      `"weights_verified": False`, `sizes`/`n_params` from the weights, and `train_accuracy`,
      `validation_accuracy`, `history` and `training_history` set to None. If MNIST can be found (`mnist`, $MNIST_DIR or the user
      cache), `test_accuracy`/`test_count` are recomputed on its 10,000 test images and
      `"accuracy_source": "recomputed"`; otherwise both are None and `"accuracy_source": None`.
      Either way one line is printed on stderr, once per card and weights.

    So `test_accuracy` is either a figure measured for exactly these weights, or None (show no
    accuracy); `test_count` is None exactly when `test_accuracy` is. The result is cached; the
    returned dict is a copy the caller may change. Raises `ModelFileError` (one line) for a
    missing, unreadable or malformed card or weights file.
    """
    card_path = Path(card_path) if card_path is not None else CARD
    weights_path = Path(weights_path) if weights_path is not None else PRETRAINED
    try:
        stats = tuple((s.st_mtime_ns, s.st_size, s.st_ino) for s in (card_path.stat(), weights_path.stat()))
    except OSError:
        stats = None
    key = (str(card_path), str(weights_path), str(mnist), stats)
    if stats is None or key not in _cards:
        _cards[key] = _verified_card(card_path, weights_path, mnist)
    return json.loads(json.dumps(_cards[key]))


def _verified_card(card_path: Path, weights_path: Path, mnist) -> dict:
    card = read_card(card_path)
    net = Network.load(weights_path)  # one-line ModelFileError when the weights are unusable
    if net.sizes[0] != 28 * 28 or net.sizes[-1] != 10:
        raise ModelFileError(f"{weights_path}: sizes {net.sizes}; the lesson's network reads 784 pixels "
                             "(28x28) and gives 10 outputs (one per digit)")
    try:
        actual = sha256_file(weights_path)
    except OSError as e:
        raise ModelFileError(f"{weights_path}: cannot read the weights ({_why(e)})") from None
    card = dict(card)
    if card.get("weights_sha256") == actual:
        card["weights_verified"] = True
        if card.get("test_accuracy") is None:
            card["test_count"] = None
        card["accuracy_source"] = None if card.get("test_accuracy") is None else "card"
        return card
    card.update(weights_verified=False, sizes=net.sizes, n_params=net.n_params,
                train_accuracy=None, validation_accuracy=None, history=None, training_history=None)
    what = (f"warning: {card_path} describes other weights than {weights_path} "
            f"(sha256 {str(card.get('weights_sha256'))[:12]} vs {actual[:12]})")
    from .mnist import MNISTError, as_inputs, load_mnist  # here: mnist imports this module

    try:
        images, labels = load_mnist("test", mnist)
    except (MNISTError, ValueError) as e:
        card.update(test_accuracy=None, test_count=None, accuracy_source=None)
        print(f"{what}; no MNIST to measure them ({str(e).split(';')[0]}), so no accuracy is shown",
              file=sys.stderr)
        return card
    card.update(test_accuracy=net.accuracy(as_inputs(images), labels), test_count=len(labels),
                accuracy_source="recomputed")
    print(f"{what}; test accuracy recomputed on {len(labels)} MNIST test images: "
          f"{card['test_accuracy']:.2%}", file=sys.stderr)
    return card
