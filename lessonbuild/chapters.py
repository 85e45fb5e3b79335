"""Which scenes make the lesson: the catalog's chapters (`scenes.catalog`), or an explicit list
(tests, subsets). The build imports the catalog, never the scenes themselves (manim is used only
through its command line).
"""

from __future__ import annotations

from pathlib import Path

from scenes.catalog import CHAPTERS, Chapter

__all__ = ["BuildError", "Chapter", "load_catalog", "parse_chapter"]


class BuildError(Exception):
    """A user's mistake or a failed step, with a one-line message naming the file or value."""


def load_catalog() -> list[Chapter]:
    """The lesson's chapters, in teaching order."""
    return list(CHAPTERS)


def parse_chapter(text: str, root: Path) -> Chapter:
    """A chapter from `FILE.py:Scene[:Title]`, or a catalog scene name / file name."""
    parts = text.split(":", 2)
    if len(parts) >= 2:
        path, scene = parts[0], parts[1]
        title = parts[2] if len(parts) == 3 else scene
        if not (root / path).is_file():
            raise BuildError(f"--scene {text!r}: no file {path} under {root}")
        return Chapter(path, scene, title)
    for c in load_catalog():
        if text in (c.scene, c.stem):
            return c
    raise BuildError(f"--scene {text!r}: not a catalog scene; give FILE.py:Scene[:Title]")
