"""Speak caption lines to cached WAV clips: ``python -m voice LANG LINE [LINE ...] [--cache DIR]``.

Prints one tab-separated row per line: the clip's path, its seconds of audio, the seconds it took
(0 on a cache hit) and the spoken text, to listen to a line or to time the voices.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common.cli import OneLineParser, one_line

from .synth import VoiceError, duration, synthesize, voices
from .words import spoken


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="python -m voice", description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=sorted(voices()))
    parser.add_argument("lines", nargs="+", help="caption lines (numbers as the captions show them)")
    parser.add_argument("--cache", type=Path, default=Path("media/voice"), help="clip cache (default: %(default)s)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        for line in args.lines:
            start = time.perf_counter()
            clip = synthesize(line, args.lang, args.cache)
            took = time.perf_counter() - start
            print(f"{clip}\t{duration(clip):.2f}\t{took:.2f}\t{spoken(line, args.lang)}")
    except (VoiceError, ValueError) as e:
        print(one_line(f"error: {e}"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
