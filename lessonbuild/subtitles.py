"""Captions: read manim's `.srt`, shift and join them across chapters, cut them per section,
and write them as `.srt` and WebVTT (what HTML5 `<track>` reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import srt

from common.files import write_text


@dataclass(frozen=True)
class Cue:
    """One caption line, times in seconds."""

    start: float
    end: float
    text: str


def read_srt(path: Path) -> list[Cue]:
    """The cues of an `.srt` file (none when the file does not exist: a scene without captions)."""
    if not path.is_file():
        return []
    subs = srt.parse(path.read_text(encoding="utf-8"))
    return [Cue(s.start.total_seconds(), s.end.total_seconds(), s.content.strip()) for s in subs]


def shift(cues: list[Cue], by: float) -> list[Cue]:
    """The cues moved later by `by` seconds."""
    return [Cue(c.start + by, c.end + by, c.text) for c in cues]


def clip(cues: list[Cue], start: float, end: float) -> list[Cue]:
    """The cues that overlap [start, end), cut to it and made relative to `start`."""
    out = []
    for c in cues:
        s, e = max(c.start, start), min(c.end, end)
        if e - s > 1e-3:
            out.append(Cue(round(s - start, 3), round(e - start, 3), c.text))
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: list[Cue]) -> str:
    """SubRip text."""
    subs = [
        srt.Subtitle(i + 1, timedelta(seconds=c.start), timedelta(seconds=c.end), c.text) for i, c in enumerate(cues)
    ]
    return srt.compose(subs)


def to_vtt(cues: list[Cue]) -> str:
    """WebVTT text."""
    blocks = ["WEBVTT\n"]
    for i, c in enumerate(cues):
        blocks.append(f"{i + 1}\n{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{c.text}\n")
    return "\n".join(blocks)


def write_captions(cues: list[Cue], stem: Path) -> tuple[Path, Path]:
    """`stem.srt` and `stem.vtt`, written atomically."""
    a, b = stem.with_name(stem.name + ".srt"), stem.with_name(stem.name + ".vtt")
    write_text(a, to_srt(cues))
    write_text(b, to_vtt(cues))
    return a, b
