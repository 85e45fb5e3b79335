"""Which scenes make the lesson: the catalog's chapters, or an explicit list (tests, subsets).

The catalog (`scenes/catalog.py`) is read by file path, so the build never imports the scenes
(manim is used only through its command line).
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """A user's mistake or a failed step, with a one-line message naming the file or value."""


@dataclass(frozen=True)
class Chapter:
    """One scene of the lesson: its file (relative to the project root), Scene class and title."""

    path: str
    scene: str
    title: str

    @property
    def stem(self) -> str:
        """The scene file's name without `.py` (manim's media folder name)."""
        return Path(self.path).stem


def load_catalog(root: Path) -> list[Chapter]:
    """The chapters of `root/scenes/catalog.py`, in teaching order."""
    path = root / "scenes" / "catalog.py"
    if not path.is_file():
        raise BuildError(f"{path}: no scene catalog (expected scenes/catalog.py with CHAPTERS)")
    spec = importlib.util.spec_from_file_location("_lesson_catalog", path)
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules["_lesson_catalog"] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop("_lesson_catalog", None)
    return [Chapter(c.path, c.scene, c.title) for c in module.CHAPTERS]


def parse_chapter(text: str, root: Path) -> Chapter:
    """A chapter from `FILE.py:Scene[:Title]`, or a catalog scene name / file name."""
    parts = text.split(":", 2)
    if len(parts) >= 2:
        path, scene = parts[0], parts[1]
        title = parts[2] if len(parts) == 3 else scene
        if not (root / path).is_file():
            raise BuildError(f"--scene {text!r}: no file {path} under {root}")
        return Chapter(path, scene, title)
    for c in load_catalog(root):
        if text in (c.scene, c.stem):
            return c
    raise BuildError(f"--scene {text!r}: not a catalog scene; give FILE.py:Scene[:Title]")
