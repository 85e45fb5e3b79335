"""Atomic writes and hashing: never a half-written output, and inputs known by their content."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from network.model import temp_beside


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` through a temp file and a rename."""
    tmp = temp_beside(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(path: Path, data: Any) -> None:
    """Write `data` as indented JSON, atomically."""
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def copy_file(src: Path, dst: Path) -> None:
    """Copy `src` to `dst` atomically."""
    tmp = temp_beside(dst)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes."""
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
