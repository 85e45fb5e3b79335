"""Benchmark the lesson build: per scene and for the whole lesson, video seconds, wall seconds
and their ratio, at each quality and worker count, kept in a JSON file so runs can be compared.

Every run renders from scratch (`--force`, fresh media folders), so manim's cache does not hide
the work. The load average at the start is recorded: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from common.cli import one_line
from common.files import cannot_write, why, write_json
from common.jsonfile import JSONFileError, read_runs

RESULTS = Path("benchmarks/lesson.json")


def add_bench_parser(sub, common) -> None:
    from common.cli import worker_count

    b = sub.add_parser("bench", help="time the build per scene and in all, keep results in a file")
    b.add_argument(
        "--quality",
        action="append",
        default=[],
        choices=["-ql", "-qm", "-qh"],
        help="qualities to time (repeat; default -ql and -qh)",
    )
    b.add_argument(
        "--workers",
        action="append",
        type=worker_count,
        default=[],
        help="worker counts to time (repeat; default 1 and all cores)",
    )
    b.add_argument("--results", type=Path, default=RESULTS, help=f"results file (default: {RESULTS})")
    b.add_argument("--note", default="", help="a note kept with the results (e.g. what else ran)")
    common(b)


def _table(run: dict) -> str:
    def ratio(r: float | None) -> str:
        return f"{r:>12.2f}" if r is not None else f"{'(no video)':>12}"

    rows = [f"{'scene':<22}{'video s':>9}{'wall s':>9}{'wall/video':>12}"]
    for s in run["scenes"]:
        rows.append(f"{s['scene']:<22}{s['video']:>9.1f}{s['wall']:>9.1f}{ratio(s['ratio'])}")
    rows.append(f"{'LESSON (build wall)':<22}{run['video']:>9.1f}{run['wall']:>9.1f}{ratio(run['ratio'])}")
    return "\n".join(rows)


def run_bench(args: argparse.Namespace, chapters) -> int:
    from .build import BuildOptions, build_lesson
    from .join import video_info

    qualities = args.quality or ["-ql", "-qh"]
    workers = args.workers or sorted({1, os.cpu_count() or 1})
    results_path = args.results if args.results.is_absolute() else args.root / args.results
    try:
        history = read_runs(results_path, "lesson benchmark results")
    except JSONFileError as e:
        print(one_line(f"lessonbuild bench: {e}"), file=sys.stderr)
        return 1
    if (cannot := cannot_write(results_path.parent)) is not None:  # now, not after an hour of timing
        print(one_line(f"lessonbuild bench: {results_path}: cannot keep the results there ({cannot})"), file=sys.stderr)
        return 1
    failed = False
    for q in qualities:
        for w in workers:
            out = args.root / "build" / "bench" / f"{q.strip('-')}-{w}-{args.x264_preset}"
            shutil.rmtree(out, ignore_errors=True)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
            print(one_line(f"\nbench: {q}, {w} worker(s), load average {load:.2f}"), file=sys.stderr)
            t0 = time.perf_counter()
            rep = build_lesson(
                BuildOptions(
                    root=args.root,
                    out=out,
                    quality=q,
                    workers=w,
                    chapters=chapters,
                    manim_args=list(args.manim_arg),
                    force=True,
                    show=True,
                    x264_preset="" if args.x264_preset == "manim" else args.x264_preset,
                )
            )
            wall = time.perf_counter() - t0
            scenes = []
            for r in rep.results:
                if r.ok:
                    assert r.video is not None  # an ok result always has its video
                    v = video_info(r.video)["duration"]
                    scenes.append(
                        {
                            "scene": r.job.chapter.scene,
                            "video": v,
                            "wall": round(r.wall, 2),
                            "ratio": round(r.wall / v, 3) if v else None,
                        }
                    )
            video = sum(s["video"] for s in scenes)
            run = {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "quality": q,
                "workers": w,
                "cores": os.cpu_count(),
                "load_avg_start": load,
                "ok": rep.ok,
                "manim_args": args.manim_arg,
                "x264_preset": args.x264_preset,
                "note": args.note,
                "python": platform.python_version(),
                "scenes": scenes,
                "video": round(video, 2),
                "wall": round(wall, 2),
                "ratio": round(wall / video, 3) if video else None,
            }
            print(f"\n{q}, {w} worker(s):\n{_table(run)}")
            # read again just before writing: another bench may have added its runs meanwhile
            try:
                history = read_runs(results_path, "lesson benchmark results")
            except JSONFileError as e:  # spoiled while we ran: keep this run beside it
                results_path = results_path.with_name(results_path.stem + ".new.json")
                print(one_line(f"lessonbuild bench: {e}; this run goes to {results_path}"), file=sys.stderr)
                history = read_runs(results_path) if results_path.is_file() else {"runs": []}
            history["runs"].append(run)
            try:
                write_json(results_path, history)
            except OSError as e:
                print(
                    one_line(f"lessonbuild bench: {results_path}: cannot keep the results ({why(e)})"), file=sys.stderr
                )
                failed = True
                continue
            failed |= not rep.ok
    print(one_line(f"\nbench: results kept in {results_path}"), file=sys.stderr)
    return 1 if failed else 0
