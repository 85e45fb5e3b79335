"""Render a scene and save the last frame of each of its sections as PNG, to look at.

    python tools/keyframes.py scenes/forward.py ForwardPass [--out keyframes/] [-ql|-qm|-qh]
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
    parser.add_argument("--quality", default="-ql")
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
