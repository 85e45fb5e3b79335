"""Render chapters through manim's command line, several at once, each in its own media folder.

Each job gets its own `--media_dir`, so its LaTeX cache (`media/Tex`) is its own: two manim
processes sharing one cold cache delete each other's `.dvi` files and fail at random. A job whose
inputs have not changed since its last success is not rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from common.files import write_json
from common.jsonfile import read_cached

from .chapters import Chapter


@dataclass(frozen=True)
class RenderJob:
    """One manim run: a chapter in one language, its picture paced by that language's own lines,
    with its section clips (`--save_sections`)."""

    chapter: Chapter
    lang: str
    quality: str  # "-ql", "-qm", "-qh"
    digit: str
    media_dir: Path
    manim_args: tuple[str, ...] = ()
    inputs_hash: str = ""

    @property
    def label(self) -> str:
        """How the progress display and errors name this job."""
        return f"{self.chapter.scene} [{self.lang}]"

    def command(self) -> list[str]:
        """The manim command line."""
        # --disable_caching: the build's own stamps decide what to render again, and manim's
        # partial-movie cache hashes every mobject at every play, which costs more than it saves
        # here (Learning -ql: 93 s with it, 31 s without; WhyLayers: 36 s, 21 s).
        cmd = [
            sys.executable,
            "-m",
            "manim",
            "render",
            self.quality,
            "--progress_bar",
            "none",
            "--disable_caching",
            "--media_dir",
            str(self.media_dir),
            "--save_sections",
            *self.manim_args,
        ]
        return cmd + [self.chapter.path, self.chapter.scene]

    def stamp(self) -> str:
        """A hash of everything that decides this job's output."""
        key = json.dumps([self.inputs_hash, self.command()[3:], self.lang, self.digit])
        return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class RenderResult:
    """What one job produced, or why it failed."""

    job: RenderJob
    ok: bool
    cached: bool = False
    wall: float = 0.0
    video: Path | None = None
    srt: Path | None = None
    sections: Path | None = None
    error: str = ""
    log: Path | None = None
    extra: dict = field(default_factory=dict)


def _outputs(job: RenderJob) -> tuple[Path | None, Path | None, Path | None]:
    """The newest `<Scene>.mp4` under the job's media folder, its `.srt` and sections JSON."""
    videos = sorted(
        (job.media_dir / "videos" / job.chapter.stem).glob(f"*/{job.chapter.scene}.mp4"),
        key=lambda p: p.stat().st_mtime,
    )
    if not videos:
        return None, None, None
    video = videos[-1]
    srt = video.with_suffix(".srt")
    sections = video.parent / "sections" / f"{job.chapter.scene}.json"
    return video, srt, (sections if sections.is_file() else None)


_NOISE = re.compile(r"^[\s│╭╮╰╯─━┃┏┓┗┛|]*$")


def last_error_lines(log: str, n: int = 4) -> str:
    """The last meaningful lines of a failed run: the exception, not the traceback's frame."""
    lines = []
    for raw in log.splitlines():
        line = raw.strip().strip("│").strip()
        if not line or _NOISE.match(line):
            continue
        lines.append(line)
    errors = [i for i, l in enumerate(lines) if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", l)]
    if errors:
        return " / ".join(lines[errors[-1] : errors[-1] + n])
    return " / ".join(lines[-n:]) or "manim failed without output"


def run_job(job: RenderJob, env: dict[str, str], root: Path, force: bool = False) -> RenderResult:
    """Run one job (or reuse its last result when its stamp is unchanged)."""
    job.media_dir.mkdir(parents=True, exist_ok=True)
    stamp_file = job.media_dir / "lessonbuild-stamp.json"
    stamp = job.stamp()
    video, srt, sections = _outputs(job)
    if not force and video and stamp_file.is_file():
        if read_cached(stamp_file, {}).get("stamp") == stamp and sections:
            return RenderResult(job, True, cached=True, video=video, srt=srt, sections=sections)
    stamp_file.unlink(missing_ok=True)
    log = job.media_dir / "manim.log"
    job_env = {
        **env,
        "NN_LANG": job.lang,
        "NN_DIGIT": job.digit,
        "PYTHONPATH": os.pathsep.join([str(root), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    t0 = time.perf_counter()
    proc = subprocess.run(
        job.command(),
        cwd=root,
        env=job_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    wall = time.perf_counter() - t0
    log.write_text(proc.stdout, encoding="utf-8")
    video, srt, sections = _outputs(job)
    if proc.returncode != 0 or video is None:
        why = last_error_lines(proc.stdout) if proc.returncode else "manim wrote no video"
        return RenderResult(job, False, wall=wall, error=why, log=log)
    write_json(stamp_file, {"stamp": stamp, "wall": wall})
    return RenderResult(job, True, wall=wall, video=video, srt=srt, sections=sections, log=log)


def run_all(
    jobs: list[RenderJob],
    workers: int,
    env: dict[str, str],
    root: Path,
    force: bool = False,
    show: bool = True,
    on_done: Callable[[RenderResult], None] | None = None,
) -> list[RenderResult]:
    """Run the jobs on `workers` processes with one overall progress display; results in job order."""
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    running: list[str] = []
    results: dict[int, RenderResult] = {}
    with Progress(
        TextColumn("[bold]lesson[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not show,
        transient=False,
    ) as progress:
        task = progress.add_task("", total=len(jobs))

        def work(i: int, job: RenderJob) -> None:
            running.append(job.label)
            progress.update(task, description=escape(", ".join(running)))
            try:
                r = run_job(job, env, root, force)
            except OSError as e:  # manim could not even start
                r = RenderResult(job, False, error=f"{job.command()[0]}: {e}")
            results[i] = r
            running.remove(job.label)
            mark = "[green]ok[/]" if r.ok else "[red]FAILED[/]"
            note = " (unchanged)" if r.cached else f" in {r.wall:.1f} s" if r.ok else f": {r.error}"
            if show:
                progress.console.print(f"  {mark} {escape(job.label + note)}")
            progress.update(task, advance=1, description=escape(", ".join(running)))
            if on_done:
                on_done(r)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for f in [pool.submit(work, i, j) for i, j in enumerate(jobs)]:
                f.result()
    return [results[i] for i in range(len(jobs))]
