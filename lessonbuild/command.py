"""Command line: `python -m lessonbuild [build] ...`, `python -m lessonbuild bench ...` and
`python -m lessonbuild film LESSON.mp4` (how the built lesson moves and speaks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common.cli import OneLineParser, one_line, worker_count

from .chapters import BuildError, parse_chapter

ROOT = Path(__file__).resolve().parent.parent


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this one)")
    p.add_argument(
        "--scene",
        action="append",
        default=[],
        metavar="SCENE",
        help="build only these chapters: a catalog scene/file name, or FILE.py:Scene[:Title]; "
        "repeat for more (default: every chapter of scenes/catalog.py)",
    )
    p.add_argument(
        "--x264-preset",
        default="veryfast",
        metavar="PRESET",
        help="x264 preset for manim's encoder (default veryfast: about 2x cheaper than "
        "manim's medium at 1080p60, same crf); 'manim' keeps manim's own settings",
    )
    p.add_argument(
        "--manim-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="pass ARG to every manim render, e.g. --manim-arg=--fps=5 --manim-arg=--encoder-option=preset=veryfast",
    )


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="python -m lessonbuild",
        description="Render the whole lesson and write per language lesson.<lang>.mp4 (chapters, "
        "its subtitle track, its speech with --voice), .srt/.vtt captions, section clips, "
        "manifest.json and index.html (with presenter mode).",
    )
    sub = p.add_subparsers(dest="command", parser_class=OneLineParser)
    b = sub.add_parser("build", help="build the lesson (the default command)")
    for q, what in (("-ql", "low, 480p15 (default)"), ("-qm", "medium, 720p30"), ("-qh", "high, 1080p60")):
        b.add_argument(q, dest="quality", action="store_const", const=q, help=f"quality {what}")
    b.add_argument(
        "--digit",
        default="",
        help="the digit: showcase name, image path, train:N/test:N (default: $NN_DIGIT, else three_a)",
    )
    b.add_argument(
        "--lang",
        default="en",
        help="caption languages, comma separated, first is the page's default: en, zh-Hant, ru, or 'all' (default: en)",
    )
    b.add_argument("--out", type=Path, default=Path("build/lesson"), help="output folder (default: build/lesson)")
    b.add_argument("-j", "--workers", type=worker_count, default=0, help="parallel renders (default: one per core)")
    b.add_argument("--force", action="store_true", help="render again even when nothing changed")
    b.add_argument("--quiet", action="store_true", help="no progress display")
    b.add_argument(
        "--voice",
        action="store_true",
        help="speak the captions (offline voices; needs the voice "
        "extra: bash scripts/setup.sh --voice); each language's video and clips carry its speech",
    )
    _common(b)
    b.set_defaults(quality="-ql")

    from .bench import add_bench_parser

    add_bench_parser(sub, _common)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "film":  # the film benchmark: its own small command
        from .film import main as film

        return film(argv[1:])
    if not argv or argv[0] not in ("build", "bench", "-h", "--help"):
        argv.insert(0, "build")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        chapters = [parse_chapter(s, args.root.resolve()) for s in args.scene] or None
        if args.command == "bench":
            from .bench import run_bench

            return run_bench(args, chapters)
        from common.languages import languages

        from .build import BuildOptions, build_lesson

        langs = languages() if args.lang == "all" else [l.strip() for l in args.lang.split(",") if l.strip()]
        langs = list(dict.fromkeys(langs))  # "en,en" is English once
        opts = BuildOptions(
            root=args.root,
            out=args.out,
            quality=args.quality,
            digit=args.digit,
            langs=langs,
            workers=args.workers,
            chapters=chapters,
            manim_args=args.manim_arg,
            force=args.force,
            show=not args.quiet,
            x264_preset="" if args.x264_preset == "manim" else args.x264_preset,
            voice=args.voice,
        )
        report = build_lesson(opts)
    except BuildError as e:
        print(one_line(f"lessonbuild: {e}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lessonbuild: interrupted", file=sys.stderr)
        return 130
    return 0 if report.ok else 1
