"""What the lesson was made from: the digit (its spec and the sha256 of its 28x28 pixels), the
weights (sha256 of the file), and one hash over every input that decides the renders."""

from __future__ import annotations

import hashlib
from pathlib import Path

from common.hashing import sha256_file, sha256_tree

from .chapters import BuildError, Chapter


def digit_record(spec: str, root: Path) -> dict:
    """`{"spec", "sha256", "label"}` for the digit the scenes will read; bad specs stop the build."""
    from network.digits import DigitError, resolve

    try:
        d = resolve(spec)
    except (DigitError, OSError, ValueError) as e:
        msg = str(e)  # resolve's own messages already name NN_DIGIT=...: not twice
        raise BuildError(msg if msg.startswith("NN_DIGIT=") else f"digit {spec!r}: {msg}") from None
    import numpy as np

    pixels = np.ascontiguousarray(d.pixels, dtype=np.float64)
    return {
        "spec": spec,
        "sha256": hashlib.sha256(pixels.tobytes()).hexdigest(),
        "label": d.label,
        "source": str(d.source),
    }


def weights_record(root: Path) -> dict:
    """`{"path", "sha256"}` of the shipped weights."""
    path = root / "assets" / "weights.npz"
    if not path.is_file():
        raise BuildError(f"{path}: missing (the scenes compute every number from it)")
    return {"path": "assets/weights.npz", "sha256": sha256_file(path)}


def inputs_hash(root: Path, chapters: list[Chapter], digit_spec: str, extra: list[str]) -> str:
    """One sha256 over scene sources, every package a render runs (scenes, lessonkit, network,
    common, voice), assets, narration, manim.cfg, the digit image when it is a file, manim's
    version and the options."""
    import importlib.metadata as md

    paths = [root / c.path for c in chapters] + [
        root / p for p in ("scenes", "lessonkit", "network", "common", "voice", "assets", "narration", "manim.cfg")
    ]
    digit_path = Path(digit_spec)
    if digit_path.is_file():
        paths.append(digit_path.resolve())
    h = hashlib.sha256(sha256_tree(paths, root).encode())
    h.update(md.version("manim").encode())
    h.update("\0".join(extra).encode())
    return h.hexdigest()
