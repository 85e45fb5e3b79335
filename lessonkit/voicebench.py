"""The voice benchmark: how each language's voice sounds on the lesson's own lines.

    python -m lessonkit.voicebench [--lang en,ru,zh-Hant] [--lines N] [--record] [--note TEXT]

Every line of the narration (numbers filled from the model, as the captions show them, then read
as words as the voice says them) is spoken in a fresh cache, so synthesis is timed too. Prints
per language: speaking rate (syllables per second of speech, against the language's natural
rate), pitch range (semitones, 10th to 90th percentile of F0 over all voiced frames), the share
of voiced frames, and synthesis speed (audio seconds per wall second, the voice process's start
included). Numbers, not pass/fail: the targets (pitch range >= 6 semitones, rate within 20% of
natural, >= 2x real time) are printed beside them; `--record` keeps the results in
`benchmarks/voices.json`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from common.cli import OneLineParser, one_line
from common.files import write_json
from common.jsonfile import JSONFileError, read_runs
from common.languages import language, languages

RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "voices.json"
TARGET_SEMITONES, TARGET_RATE_SHARE, TARGET_SPEED = 6.0, 0.20, 2.0


def lesson_lines(lang: str, limit: int | None = None) -> list[str]:
    """The lesson's lines in `lang`, in narration order, filled from the shipped model and the
    default digit (the variant each line's truth picks; lines about another digit or an accuracy
    the card lacks are left out)."""
    from .lesson import Lesson
    from .narration import NarrationError, caption, narration

    lesson = Lesson.for_digit()
    lines = []
    for scene, sections in narration(lang).items():
        for section, entries in sections.items():
            for line in entries:
                try:
                    text = caption(lesson, scene, section, line, lang=lang)[0].text
                except (NarrationError, LookupError, KeyError):
                    continue
                lines.append(text)
                if limit is not None and len(lines) >= limit:
                    return lines
    return lines


def measure_voice(lang: str, lines: list[str]) -> dict:
    """Synthesise `lines` in a fresh cache and measure the clips (see the module docstring)."""
    from voice.audio import read_wav
    from voice.measure import NATURAL_RATE, measure_clip, pitch_range
    from voice.synth import synthesize_many, voice_for
    from voice.words import spoken

    with tempfile.TemporaryDirectory(prefix="nn-voicebench-") as tmp:
        t0 = time.perf_counter()
        clips = synthesize_many(lines, lang, Path(tmp))
        wall = time.perf_counter() - t0
        measures = []
        for text, clip in zip(lines, clips):
            x, rate = read_wav(clip)
            measures.append(measure_clip(x, rate, spoken(text, lang), lang))
    audio = sum(m.seconds for m in measures)
    speech = sum(m.speech_seconds for m in measures)
    track = np.concatenate([m.f0 for m in measures]) if measures else np.zeros(0)
    syllable_rate = sum(m.syllables for m in measures) / speech if speech else float("nan")
    natural = NATURAL_RATE[language(lang).spoken_numbers]
    voice = voice_for(lang)
    return {
        "lang": lang,
        "voice": f"{voice.engine} {voice.name}",
        "lines": len(lines),
        "audio_seconds": round(audio, 2),
        "syllables_per_second": round(syllable_rate, 2),
        "natural_syllables_per_second": natural,
        "rate_off_natural": round(syllable_rate / natural - 1, 3),
        "pitch_range_semitones": round(pitch_range(track), 2),
        "voiced_share": round(float(np.mean(np.isfinite(track))) if len(track) else 0.0, 3),
        "x_real_time": round(audio / wall, 2) if wall else None,
    }


def report(r: dict) -> str:
    def mark(ok: bool) -> str:
        return "meets" if ok else "misses"

    rate_ok = abs(r["rate_off_natural"]) <= TARGET_RATE_SHARE
    return (
        f"{r['lang']:<8} {r['voice']}: {r['lines']} lines, {r['audio_seconds']:.1f} s of speech\n"
        f"  rate  {r['syllables_per_second']:.2f} syll/s (natural ~{r['natural_syllables_per_second']}, "
        f"{r['rate_off_natural']:+.0%}; {mark(rate_ok)} within {TARGET_RATE_SHARE:.0%})\n"
        f"  pitch {r['pitch_range_semitones']:.1f} semitones p10-p90 "
        f"({mark(r['pitch_range_semitones'] >= TARGET_SEMITONES)} >= {TARGET_SEMITONES:g})\n"
        f"  voiced {r['voiced_share']:.0%} of frames\n"
        f"  speed {r['x_real_time']:.1f}x real time ({mark((r['x_real_time'] or 0) >= TARGET_SPEED)} "
        f">= {TARGET_SPEED:g}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(
        prog="python -m lessonkit.voicebench",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--lang", default=None, help="comma-separated languages (default: every voiced one)")
    parser.add_argument("--lines", type=int, default=None, help="only the first N lines of each language")
    parser.add_argument("--json", action="store_true", help="one JSON object per language instead of the table")
    parser.add_argument("--record", nargs="?", const=RESULTS, type=Path, help=f"append to a file (default {RESULTS})")
    parser.add_argument("--note", default="", help="a note kept with a recorded run")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from voice.synth import VoiceError, available, voices

    langs = args.lang.split(",") if args.lang else [code for code in languages() if code in voices()]
    unknown = [code for code in langs if code not in voices()]
    if unknown:
        parser.error(f"--lang {','.join(unknown)}: no voice; voiced: {', '.join(voices())}")
    if args.lines is not None and args.lines < 1:
        parser.error(f"--lines {args.lines}: expected at least 1")
    try:
        history = read_runs(args.record, "voice benchmark results") if args.record else None
    except JSONFileError as e:
        print(one_line(f"python -m lessonkit.voicebench: {e}"), file=sys.stderr)
        return 1
    results = []
    for code in langs:
        if not available(code):
            print(
                one_line(f"python -m lessonkit.voicebench: the {code} voice is not installed; skipped"), file=sys.stderr
            )
            continue
        print(one_line(f"voicebench: {code}: speaking the lesson's lines..."), file=sys.stderr)
        try:
            r = measure_voice(code, lesson_lines(code, args.lines))
        except (VoiceError, ValueError) as e:
            print(one_line(f"python -m lessonkit.voicebench: {code}: {e}"), file=sys.stderr)
            return 1
        results.append(r)
        print(json.dumps(r, ensure_ascii=False) if args.json else report(r))
    if history is not None and results:
        history["runs"].append(
            {
                "when": time.strftime("%Y-%m-%d %H:%M"),
                "machine": platform.machine(),
                "note": args.note,
                "languages": results,
            }
        )
        write_json(args.record, history)
        print(one_line(f"voicebench: results kept in {args.record}"), file=sys.stderr)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
