"""Render a scene and save the last frame of each of its sections as PNG, to look at.

    python tools/keyframes.py scenes/forward.py ForwardPass [--out keyframes/] [-ql|-qm|-qh|-qk]

Quality as manim's own flags (default -ql, 854x480); NN_DIGIT and NN_LANG apply as in a render.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("scene")
    parser.add_argument("--out", type=Path, default=ROOT / "keyframes")
    quality = parser.add_mutually_exclusive_group()
    for flag, name in (("-ql", "low, 854x480"), ("-qm", "medium, 1280x720"), ("-qh", "high, 1920x1080"),
                       ("-qk", "4k")):
        quality.add_argument(flag, dest="quality", action="store_const", const=flag, help=f"{name} quality")
    quality.add_argument("--quality", dest="quality", help="any manim quality flag, e.g. -qm")
    parser.set_defaults(quality="-ql")
    args = parser.parse_args()
    import av

    with tempfile.TemporaryDirectory() as media:
        run = subprocess.run([sys.executable, "-m", "manim", "render", args.quality, "--save_sections",
                              "--progress_bar", "none", "--media_dir", media, args.file, args.scene],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode:
            print(run.stdout[-3000:], run.stderr[-3000:], file=sys.stderr)
            return run.returncode
        index = next(Path(media).glob(f"videos/**/sections/{args.scene}.json"))
        args.out.mkdir(parents=True, exist_ok=True)
        for k, section in enumerate(json.loads(index.read_text())):
            with av.open(str(index.parent / section["video"])) as f:
                last = None
                for last in f.decode(video=0):
                    pass
            path = args.out / f"{args.scene}_{k:02d}_{section['name'].replace(' ', '_')}.png"
            last.to_image().save(path)
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
