"""Inputs known by their content: the sha256 of bytes, of a file, of a set of files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    """The sha256 of `data`, as hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_tree(paths: list[Path], root: Path) -> str:
    """One sha256 over files and folders (names relative to `root`, and contents).

    Caches and compiled files are left out, so they do not make a rebuild.
    """
    h = hashlib.sha256()
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += [f for f in p.rglob("*") if f.is_file()]
        elif p.is_file():
            files.append(p)
    skip = ("__pycache__", ".pyc", ".pytest_cache")
    for f in sorted(set(files)):
        if any(s in str(f) for s in skip):
            continue
        try:
            name = str(f.relative_to(root))
        except ValueError:
            name = str(f)
        h.update(name.encode() + b"\0" + sha256_file(f).encode() + b"\0")
    return h.hexdigest()
