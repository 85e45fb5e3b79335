"""A small lesson for the build and page tests: the two fixture scenes, tiny and at 5 fps."""

from __future__ import annotations

import shutil
from pathlib import Path

from lessonbuild.build import BuildOptions, BuildReport, build_lesson
from lessonbuild.chapters import Chapter

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "caption_scenes.py"
SMALL = ["--fps=5", "--resolution=320,180"]


def small_chapters(path: Path = FIXTURE) -> list[Chapter]:
    """The two fixture scenes as chapters (by absolute path, so a copy can stand in)."""
    return [Chapter(str(path), "CaptionShapes", "Shapes"), Chapter(str(path), "CaptionEquation", "Equation")]


def build_small(
    out: Path, langs: list[str], workers: int = 2, path: Path = FIXTURE, manim_args: list[str] = SMALL, **kw
) -> BuildReport:
    """Build the small lesson into `out`."""
    return build_lesson(
        BuildOptions(
            root=ROOT,
            out=out,
            langs=langs,
            workers=workers,
            chapters=small_chapters(path),
            manim_args=list(manim_args),
            show=False,
            **kw,
        )
    )


def copy_fixture(dst_dir: Path) -> Path:
    """A copy of the fixture scene file that a test may change."""
    dst_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(FIXTURE, dst_dir / FIXTURE.name))
