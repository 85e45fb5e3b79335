"""The film benchmark: does a built lesson move? `python -m lessonbuild film LESSON.mp4 [...]`.

Decodes the video and every audio track and prints, per chapter and in total: the share of frames
identical to the one before, every still of 8 s or more (start, length), every hard cut from a
picture straight to black (a frame showing a picture, then a black one, in one step; a fade,
whose last frame before black is dim, is not a cut), and per language the speech coverage and every silent gap of 2.5 s or
more under a still picture (dead air). Numbers, not pass/fail: the targets live in the README and
in issue text, the results in `benchmarks/film.json` (`--record`).

How a frame is judged (the same measure the lesson's issues quote): frames decoded, grey, 4x
subsampled; a sample has "changed" when it differs from the previous frame's by more than 8; a
frame is a *still* when 20 or fewer samples changed. Speech: 50 ms windows above -45 dBFS.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from common.cli import OneLineParser, one_line
from common.files import write_json
from common.jsonfile import JSONFileError, read_json

CHANGED = 8  # grey levels: a sample that moved less than this is noise
STILL_SAMPLES = 20  # a frame with this many changed samples or fewer shows nothing moving
LONG_STILL = 8.0  # seconds: a still this long is reported
BLACK = 8  # grey level: a frame with no sample above it is an empty black frame
PICTURE = 64  # grey level: a frame whose brightest sample reaches this shows a picture (a fade ends dimmer)
WINDOW = 0.05  # seconds of audio per loudness window
SPEECH_DB = -45.0  # a window louder than this holds speech
GAP = 2.5  # seconds: a silence this long under a still picture is dead air
RESULTS = Path("benchmarks/film.json")


@dataclass
class Pictures:
    """What the video does, frame by frame."""

    fps: float
    still: np.ndarray  # bool per frame (frame 0 counts as moving)
    cuts: list[float] = field(default_factory=list)  # times of hard cuts to black


def read_pictures(path: Path) -> Pictures:
    """Decode the video track: which frames are still, and where the picture cuts to black."""
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        fps = float(stream.average_rate or stream.guessed_rate or 0) or 1.0
        still: list[bool] = []
        cuts: list[float] = []
        prev: np.ndarray | None = None
        prev_picture = False
        for frame in c.decode(stream):
            grey = frame.to_ndarray(format="gray")[::4, ::4].astype(np.int16)
            black = bool(grey.max() <= BLACK)
            if prev is None:
                still.append(False)
            else:
                changed = int(np.count_nonzero(np.abs(grey - prev) > CHANGED))
                still.append(changed <= STILL_SAMPLES)
                if black and prev_picture and changed > STILL_SAMPLES:  # a picture, then black at once
                    cuts.append((len(still) - 1) / fps)
            prev, prev_picture = grey, bool(grey.max() >= PICTURE)
    return Pictures(fps, np.array(still, dtype=bool), cuts)


def read_speech(path: Path) -> dict[str, np.ndarray]:
    """Per audio track (by its language tag): bool per WINDOW, True where someone speaks."""
    out: dict[str, np.ndarray] = {}
    with av.open(str(path)) as c:
        streams = list(c.streams.audio)
    for k, stream_info in enumerate(streams):
        lang = stream_info.metadata.get("language", f"track{k}")
        with av.open(str(path)) as c:
            s = c.streams.audio[k]
            rate = s.codec_context.sample_rate or 1
            chunks = [f.to_ndarray().astype(np.float64).reshape(-1, f.samples).mean(axis=0) for f in c.decode(s)]
        x = np.concatenate(chunks) if chunks else np.zeros(0)
        n = max(1, int(rate * WINDOW))
        frames = x[: len(x) // n * n].reshape(-1, n)
        db = 20 * np.log10(np.maximum(np.sqrt(np.mean(frames**2, axis=1)), 1e-10)) if len(frames) else np.zeros(0)
        out[lang] = db > SPEECH_DB
    return out


def runs(flags: np.ndarray, step: float, least: float) -> list[tuple[float, float]]:
    """(start, length) in seconds of every run of True at least `least` seconds long."""
    out = []
    padded = np.concatenate([[False], flags, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    for a, b in zip(edges[::2], edges[1::2]):
        if (b - a) * step >= least - 1e-9:
            out.append((round(a * step, 3), round((b - a) * step, 3)))
    return out


def measure(path: Path) -> dict:
    """Every figure of the benchmark for one lesson video."""
    from .join import read_back

    pictures = read_pictures(path)
    fps, still = pictures.fps, pictures.still
    duration = len(still) / fps
    chapters = read_back(path)["chapters"] or [{"title": path.stem, "start": 0.0, "end": duration}]
    per_chapter = []
    for ch in chapters:
        a, b = int(round(ch["start"] * fps)), int(round(ch["end"] * fps))
        part = still[a:b]
        per_chapter.append(
            {
                "title": ch["title"],
                "start": round(ch["start"], 3),
                "seconds": round((b - a) / fps, 3),
                "identical": round(float(part.mean()) if len(part) else 0.0, 4),
                "stills": [(round(s + a / fps, 3), n) for s, n in runs(part, 1 / fps, LONG_STILL)],
            }
        )
    languages = {}
    for lang, speech in read_speech(path).items():
        # the picture's stillness on the audio's clock
        t = (np.arange(len(speech)) + 0.5) * WINDOW
        frame_still = still[np.minimum((t * fps).astype(int), len(still) - 1)] if len(still) else np.zeros(0, bool)
        dead = runs(~speech & frame_still, WINDOW, GAP)
        languages[lang] = {
            "speech": round(float(speech.mean()) if len(speech) else 0.0, 4),
            "speech_seconds": round(float(speech.sum()) * WINDOW, 2),
            "dead_air": dead,
            "dead_air_seconds": round(sum(n for _, n in dead), 2),
        }
    return {
        "file": str(path),
        "seconds": round(duration, 3),
        "fps": fps,
        "identical": round(float(still.mean()) if len(still) else 0.0, 4),
        "stills": runs(still, 1 / fps, LONG_STILL),
        "cuts_to_black": [round(t, 3) for t in pictures.cuts],
        "chapters": per_chapter,
        "languages": languages,
    }


def report(m: dict) -> str:
    """The figures as a reader wants them: per chapter, then in total, then per language."""
    lines = [f"{m['file']}: {m['seconds']:.1f} s at {m['fps']:g} fps"]
    lines.append(f"{'chapter':<34} {'seconds':>8} {'identical':>9}  stills >= {LONG_STILL:g} s")
    for ch in m["chapters"]:
        stills = ", ".join(f"{s:.1f}+{n:.1f}" for s, n in ch["stills"]) or "-"
        lines.append(f"{ch['title'][:34]:<34} {ch['seconds']:>8.1f} {ch['identical']:>9.1%}  {stills}")
    lines.append(
        f"{'total':<34} {m['seconds']:>8.1f} {m['identical']:>9.1%}  {len(m['stills'])} stills, "
        f"{sum(n for _, n in m['stills']):.1f} s"
    )
    cuts = ", ".join(f"{t:.1f}" for t in m["cuts_to_black"]) or "none"
    lines.append(f"hard cuts to black: {len(m['cuts_to_black'])} ({cuts})")
    for lang, a in m["languages"].items():
        gaps = ", ".join(f"{s:.1f}+{n:.1f}" for s, n in a["dead_air"]) or "none"
        lines.append(
            f"speech [{lang}]: {a['speech']:.1%} of the time ({a['speech_seconds']:.0f} s); dead air "
            f"{a['dead_air_seconds']:.1f} s in {len(a['dead_air'])} gaps of >= {GAP:g} s: {gaps}"
        )
    if not m["languages"]:
        lines.append("speech: no audio track (a silent build: dead air is not measured)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="lessonbuild film", description="Measure how a built lesson moves and speaks.")
    parser.add_argument("videos", nargs="+", type=Path, metavar="LESSON.mp4")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--record",
        nargs="?",
        const=RESULTS,
        type=Path,
        metavar="FILE",
        help=f"append the figures to FILE (default {RESULTS})",
    )
    parser.add_argument("--note", default="", help="what was measured, kept with a recorded run (--record)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    measured = []
    for video in args.videos:
        if not video.is_file():
            what = "not a regular file (a folder, a pipe?)" if video.exists() else "no such video"
            print(one_line(f"lessonbuild film: {video}: {what}"), file=sys.stderr)
            return 2
        try:
            m = measure(video)
        except (av.error.FFmpegError, IndexError) as e:
            print(one_line(f"lessonbuild film: {video}: not a lesson video with a picture ({e})"), file=sys.stderr)
            return 1
        if m["seconds"] * m["fps"] < 2:  # an image, or a video of a single frame: nothing to measure
            print(one_line(f"lessonbuild film: {video}: not a lesson video (no picture over time)"), file=sys.stderr)
            return 1
        measured.append(m)
        print(json.dumps(m, ensure_ascii=False) if args.json else report(m))
    if args.record:
        try:
            history = read_json(args.record, "film benchmark results") if args.record.is_file() else {"runs": []}
        except JSONFileError as e:
            print(one_line(f"lessonbuild film: {e}"), file=sys.stderr)
            return 1
        if not isinstance(history, dict) or not isinstance(history.get("runs"), list):
            print(f'lessonbuild film: {args.record}: expected {{"runs": [...]}}', file=sys.stderr)
            return 1
        history["runs"].append(
            {
                "when": time.strftime("%Y-%m-%d %H:%M"),
                "machine": platform.machine(),
                "note": args.note,
                "videos": measured,
            }
        )
        write_json(args.record, history)
    return 0


__all__ = ["Pictures", "main", "measure", "read_pictures", "read_speech", "report", "runs"]
