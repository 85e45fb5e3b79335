"""Render a scene and save the last frame of each of its sections as PNG, to look at.

    python tools/keyframes.py scenes/forward.py ForwardPass [--out keyframes/] [-ql|-qm|-qh|-qk]

Quality as manim's own flags (default -ql, 854x480); NN_DIGIT and NN_LANG apply as in a render.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common.cli import OneLineParser, one_line  # noqa: E402
from common.files import cannot_write, shown  # noqa: E402


def main() -> int:
    import argparse

    parser = OneLineParser(
        prog="tools/keyframes.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file")
    parser.add_argument("scene")
    parser.add_argument("--out", type=Path, default=ROOT / "keyframes")
    quality = parser.add_mutually_exclusive_group()
    for flag, name in (("-ql", "low, 854x480"), ("-qm", "medium, 1280x720"), ("-qh", "high, 1920x1080"), ("-qk", "4k")):
        quality.add_argument(flag, dest="quality", action="store_const", const=flag, help=f"{name} quality")
    quality.add_argument(
        "--quality", dest="quality", choices=["-ql", "-qm", "-qh", "-qp", "-qk"], help="a manim quality flag, e.g. -qm"
    )
    parser.set_defaults(quality="-ql")
    try:
        args = parser.parse_args()
    except SystemExit as e:
        return int(e.code or 0)
    scene_file = Path(args.file)
    if not scene_file.is_file() and (ROOT / args.file).is_file():
        scene_file = ROOT / args.file  # a path from the project folder, as the README writes it
    if not scene_file.is_file():
        return _fail(f"{args.file}: no such scene file")
    if args.out.exists() and not args.out.is_dir():
        return _fail(f"--out {shown(args.out)}: exists and is not a folder")
    if (why := cannot_write(args.out)) is not None:  # now, not after a whole render
        return _fail(f"--out {shown(args.out)}: cannot write there ({why})")
    if scene_file.suffix != ".py":
        return _fail(f"{shown(args.file)}: not a Python scene file")
    from network.digits import DigitError, resolve

    try:
        resolve()  # NN_DIGIT, checked before manim starts
    except DigitError as e:
        return _fail(str(e))
    import av

    with tempfile.TemporaryDirectory() as media:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "manim",
                "render",
                args.quality,
                "--save_sections",
                "--progress_bar",
                "none",
                "--media_dir",
                media,
                str(scene_file.resolve()),
                args.scene,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if run.returncode:  # the scene's own one-line error, else manim's last line; the rest in a log
            log = Path(tempfile.gettempdir()) / f"keyframes-{args.scene}.log"
            log.write_text(run.stdout + run.stderr, encoding="utf-8")
            lines = [ln.strip(" │") for ln in run.stderr.splitlines() if ln.strip(" │")]
            said = next(
                (ln for ln in reversed(lines) if ln.startswith("error: ") or re.match(r"\w+(Error|Exception): ", ln)),
                lines[-1] if lines else f"exit {run.returncode}",
            )
            return _fail(f"the render failed: {said.removeprefix('error: ')} (manim's output: {log})")
        index = next(Path(media).glob(f"videos/**/sections/{args.scene}.json"), None)
        if index is None:  # manim exits 0 when the file has no such scene
            return _fail(f"{args.file}: no scene {args.scene!r} was rendered (is the class name right?)")
        for k, section in enumerate(json.loads(index.read_text())):
            with av.open(str(index.parent / section["video"])) as f:
                last = collections.deque(f.decode(video=0), maxlen=1)[0]  # the section's last frame
            path = args.out / f"{args.scene}_{k:02d}_{section['name'].replace(' ', '_')}.png"
            last.to_image().save(path)
            print(path)
    return 0


def _fail(message: str) -> int:
    print(one_line(f"tools/keyframes.py: error: {message}"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
