"""The lesson build: render every chapter in every language (in parallel, cached), then assemble
per language `lesson.<lang>.mp4`, its captions and section clips, plus the manifest and the lesson
page, in one output folder. Each language's picture is paced by its own narration (its voice when
voiced, its reading time when silent), so the languages' videos differ in length; speech is muxed
into each language's own video and clips."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from common import settings
from common.files import copy_file, write_json
from common.hashing import sha256_tree
from common.jsonfile import read_cached
from common.languages import languages

from . import subtitles as cap
from .chapters import BuildError, Chapter, load_catalog
from .join import join, video_info
from .page import PAGE_OUTPUTS, refuse_in_the_way, write_page
from .provenance import digit_record, inputs_hash, weights_record
from .render import RenderJob, RenderResult, run_all

QUALITIES = ("-ql", "-qm", "-qh")
X264_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")
MANIFEST = "manifest.json"


@dataclass
class BuildOptions:
    """What to build and where; defaults are the issue's: -ql, default digit, English, build/lesson."""

    root: Path
    out: Path
    quality: str = "-ql"
    digit: str = ""
    langs: list[str] = field(default_factory=lambda: ["en"])
    workers: int = 0  # 0: one per core
    chapters: list[Chapter] | None = None
    manim_args: list[str] = field(default_factory=list)
    force: bool = False
    show: bool = True
    # x264's preset for manim's encoder: "veryfast" encodes 1080p60 about 2x faster than manim's
    # default ("medium") at the same crf; "" keeps manim's own settings.
    x264_preset: str = "veryfast"
    # Speak the captions (NN_VOICE=on in every render, each in its own language): each language's
    # lesson and clips then carry its speech.
    voice: bool = False


@dataclass
class BuildReport:
    """The outcome: exit code, per-job results, manifest path, and whether nothing had to be done."""

    ok: bool
    results: list[RenderResult]
    manifest: Path
    unchanged: bool = False
    failures: list[dict] = field(default_factory=list)
    wall: float = 0.0


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "x"


def _say(opts: BuildOptions, msg: str) -> None:
    if opts.show:
        print(msg, file=sys.stderr)


def _validate(opts: BuildOptions) -> None:
    if opts.quality not in QUALITIES:
        raise BuildError(f"quality {opts.quality!r}: expected one of {', '.join(QUALITIES)}")
    bad = [l for l in opts.langs if l not in languages()]
    if bad or not opts.langs:
        raise BuildError(f"language {','.join(bad) or '(none)'}: expected some of {', '.join(languages())}")
    if opts.x264_preset and opts.x264_preset not in X264_PRESETS:
        raise BuildError(f"x264 preset {opts.x264_preset!r}: expected one of {', '.join(X264_PRESETS)}")
    if opts.out.exists() and not opts.out.is_dir():
        raise BuildError(f"{opts.out}: exists and is not a folder")
    if opts.workers < 0:
        raise BuildError(f"workers {opts.workers}: expected a whole number >= 1 (0: one per core)")
    _writable_folder(opts.out)
    if opts.voice:
        from voice.synth import INSTALL_HINT, available

        missing = [l for l in opts.langs if not available(l)]
        if missing:
            raise BuildError(f"--voice: no voice installed for {', '.join(missing)}; {INSTALL_HINT}")


def _writable_folder(folder: Path) -> None:
    """Create the output folder now, or say in one line why it cannot be, before any render."""
    from common.files import cannot_write

    why = cannot_write(folder)
    if why:
        raise BuildError(f"--out {folder}: cannot write the lesson there ({why})")


def previous_seconds(old: dict) -> dict[str, float]:
    """The last build's render seconds per job from its manifest (`old`, {} when unreadable);
    anything that is not a plain number of seconds is left out."""
    build = old.get("build")
    seconds = build.get("render_seconds") if isinstance(build, dict) else None
    if not isinstance(seconds, dict):
        return {}
    return {
        k: float(v)
        for k, v in seconds.items()
        if isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool) and abs(v) < 1e15)
    }


def _unchanged(out: Path, old: dict, stamp: str) -> bool:
    """Whether the last build's manifest (`old`, {} when unreadable) is of this very stamp, ended
    well, and every output it lists is still there."""
    build, outputs = old.get("build"), old.get("outputs")
    if not (isinstance(build, dict) and build.get("stamp") == stamp and old.get("ok") is True):
        return False
    if not isinstance(outputs, list) or not all(
        isinstance(o, dict) and isinstance(o.get("file"), str) for o in outputs
    ):
        return False
    return all((out / o["file"]).is_file() for o in outputs)


def build_lesson(opts: BuildOptions) -> BuildReport:
    """Build the lesson; returns a report (exit code 0 only when every chapter succeeded)."""
    t0 = time.perf_counter()
    _validate(opts)
    root = opts.root.resolve()
    out = opts.out.resolve()
    opts.digit = opts.digit or settings.digit_spec() or settings.DEFAULT_DIGIT
    if opts.x264_preset and not any("preset=" in a for a in opts.manim_args):
        opts.manim_args = [f"--encoder-option=preset={opts.x264_preset}", *opts.manim_args]
    chapters = opts.chapters if opts.chapters is not None else load_catalog()
    if not chapters:
        raise BuildError("no chapters to build")
    lessons = [f"lesson.{lang}.{ext}" for lang in opts.langs for ext in ("mp4", "srt", "vtt")]
    refuse_in_the_way(out, [MANIFEST, *PAGE_OUTPUTS, *lessons], "the build", "--out ")  # before any render
    digit = digit_record(opts.digit, root)
    weights = weights_record(root)
    inputs = inputs_hash(root, chapters, opts.digit, [opts.quality, *opts.manim_args, f"voice={opts.voice}"])
    here = Path(__file__).resolve().parent
    stamp = hashlib.sha256(
        json.dumps(
            [
                inputs,
                [c.__dict__ for c in chapters],
                opts.quality,
                opts.langs,
                opts.manim_args,
                digit["sha256"],
                sha256_tree([here, root / "web"], root),
            ]
        ).encode()
    ).hexdigest()
    manifest_path = out / MANIFEST
    if not opts.force and manifest_path.is_file():
        if _unchanged(out, read_cached(manifest_path, {}), stamp):
            _say(opts, f"lesson: nothing changed since the last build: {out}")
            return BuildReport(True, [], manifest_path, unchanged=True, wall=time.perf_counter() - t0)

    previous = previous_seconds(read_cached(manifest_path, {}))  # to start the longest first
    profile = _slug(opts.quality + "_" + hashlib.sha256(" ".join(opts.manim_args).encode()).hexdigest()[:8])
    work = out / ".work" / profile
    jobs = []
    for c in chapters:
        for lang in opts.langs:
            jobs.append(
                RenderJob(
                    c,
                    lang,
                    opts.quality,
                    opts.digit,
                    media_dir=work / lang / _slug(f"{c.stem}_{c.scene}"),
                    manim_args=tuple(opts.manim_args),
                    inputs_hash=inputs,
                )
            )
    workers = opts.workers or os.cpu_count() or 1
    _say(
        opts,
        f"lesson: {len(chapters)} chapters x {len(opts.langs)} language(s) at {opts.quality}, "
        f"{workers} worker(s) -> {out}",
    )
    order = sorted(range(len(jobs)), key=lambda i: -previous.get(jobs[i].label, 0.0))
    env = {**os.environ, "NN_VOICE": "on" if opts.voice else "off"}
    ran = run_all([jobs[i] for i in order], workers, env, root, force=opts.force, show=opts.show)
    results: list[RenderResult] = [None] * len(jobs)  # type: ignore[list-item]
    for i, r in zip(order, ran):
        results[i] = r

    failures: list[dict] = []
    done: list[tuple[Chapter, dict[str, RenderResult]]] = []
    for c in chapters:
        mine = [r for r in results if r.job.chapter == c]
        bad = [r for r in mine if not r.ok]
        if bad:
            failures += [
                {
                    "scene": c.scene,
                    "file": c.path,
                    "lang": r.job.lang,
                    "error": r.error,
                    "log": str(r.log) if r.log else None,
                }
                for r in bad
            ]
            continue
        done.append((c, {r.job.lang: r for r in mine}))

    if done:
        manifest = _assemble(opts, out, done, digit, weights)
    else:
        manifest = {"outputs": [], "chapters": []}
    ok = not failures
    manifest.update(
        {
            "ok": ok,
            "failures": failures,
            "build": {
                "stamp": stamp,
                "inputs_sha256": inputs,
                "quality": opts.quality,
                "languages": opts.langs,
                "manim_args": opts.manim_args,
                "voice": opts.voice,
                "digit": digit,
                "weights": weights,
                "workers": workers,
                "render_seconds": {
                    r.job.label: round(r.wall, 2) if not r.cached else previous.get(r.job.label, 0.0) for r in results
                },
                "wall_seconds": round(time.perf_counter() - t0, 2),
            },
        }
    )
    out.mkdir(parents=True, exist_ok=True)
    write_json(manifest_path, manifest)
    for f in failures:
        print(
            f"lesson: FAILED {f['scene']} ({f['file']}, {f['lang']}): {f['error']}"
            + (f"  [log: {f['log']}]" if f.get("log") else ""),
            file=sys.stderr,
        )
    _say(
        opts,
        f"lesson: {len(done)}/{len(chapters)} chapters built in "
        f"{time.perf_counter() - t0:.1f} s -> {out}/lesson.<{','.join(opts.langs)}>.mp4",
    )
    return BuildReport(ok, results, manifest_path, failures=failures, wall=time.perf_counter() - t0)


def _assemble(opts: BuildOptions, out: Path, done, digit: dict, weights: dict) -> dict:
    """Per language: section clips with their captions (and speech), the lesson video with its
    chapters, captions and speech; then the page. Returns the manifest (without build info)."""
    made_from = {"digit": {"spec": digit["spec"], "sha256": digit["sha256"]}, "weights": weights["sha256"]}
    outputs: list[dict] = []
    clips_dir = out / "clips"
    clips_dir.mkdir(parents=True, exist_ok=True)
    keep: set[Path] = set()
    chapters_out: list[dict] = [
        {"index": ci, "scene": c.scene, "file": c.path, "title": c.title, "start": {}, "duration": {}, "sections": []}
        for ci, (c, _) in enumerate(done)
    ]
    lessons = []
    for l in opts.langs:
        renders = [by_lang[l] for _, by_lang in done]
        lengths = [video_info(cast(Path, r.video))["duration"] for r in renders]
        starts = [sum(lengths[:k]) for k in range(len(lengths))]
        speech = _speech_track(out, l, renders, starts, sum(lengths)) if opts.voice else None
        lesson_cues: list[cap.Cue] = []
        offset = 0.0
        for ci, ((c, _), r, length) in enumerate(zip(done, renders, lengths)):
            ch = chapters_out[ci]
            ch["start"][l], ch["duration"][l] = round(offset, 3), length
            scene_cues = cap.read_srt(r.srt) if r.srt else []
            lesson_cues += cap.shift(scene_cues, offset)
            sections = json.loads(r.sections.read_text(encoding="utf-8")) if r.sections else []
            t = 0.0
            for si, s in enumerate(sections):
                src = r.sections.parent / s["video"]
                dur = video_info(src)["duration"]
                stem = f"{ci + 1:02d}-{_slug(c.scene)}-{si + 1:02d}-{_slug(s['name'])}"
                dst = clips_dir / f"{stem}.{l}.mp4"
                if speech is not None:
                    join([src], [], {}, dst, audio=(speech, l), audio_start=offset + t)
                else:
                    copy_file(src, dst)
                cues = cap.clip(scene_cues, t, t + dur)
                a, b = cap.write_captions(cues, clips_dir / f"{stem}.{l}")
                keep |= {dst, a, b}
                per = {"scene": c.scene, "section": s["name"], "lang": l, "duration": dur, **made_from}
                outputs.append(
                    {"file": f"clips/{dst.name}", "kind": "clip", "chapter": c.title, "start": round(t, 3), **per}
                )
                outputs += [{"file": f"clips/{p.name}", "kind": "captions", **per} for p in (a, b)]
                if len(ch["sections"]) <= si:
                    ch["sections"].append(
                        {"index": si, "name": s["name"], "clips": {}, "start": {}, "duration": {}, "captions": {}}
                    )
                sec = ch["sections"][si]
                sec["clips"][l] = f"clips/{dst.name}"
                sec["start"][l], sec["duration"][l] = round(t, 3), dur
                sec["captions"][l] = {
                    "vtt": f"clips/{b.name}",
                    "srt": f"clips/{a.name}",
                    "cues": [[round(x.start, 3), round(x.end, 3), x.text] for x in cues],
                }
                t += dur
            offset += length
        video = out / f"lesson.{l}.mp4"
        marks = join(
            [r.video for r in renders],
            [c.title for c, _ in done],
            {l: lesson_cues},
            video,
            audio=(speech, l) if speech is not None else None,
        )
        a, b = cap.write_captions(lesson_cues, out / f"lesson.{l}")
        per = {"scene": None, "section": None, "lang": l, "duration": round(offset, 3), **made_from}
        lessons.append({"file": video.name, "kind": "lesson", "chapters": marks, "voiced": speech is not None, **per})
        outputs += [{"file": p.name, "kind": "captions", **per} for p in (a, b)]
    for stale in clips_dir.iterdir():
        if stale not in keep:
            stale.unlink()
    (out / "lesson.mp4").unlink(missing_ok=True)  # the one shared picture of earlier builds
    page_files = write_page(
        out,
        chapters_out,
        opts.langs,
        {"digit": digit, "weights": weights, "quality": opts.quality},
        opts.root.resolve(),
    )
    outputs = lessons + outputs
    outputs += [
        {"file": f, "kind": "page", "scene": None, "section": None, "duration": None, **made_from} for f in page_files
    ]
    return {"outputs": outputs, "chapters": chapters_out, "languages": opts.langs}


def _speech_track(out: Path, lang: str, renders: list[RenderResult], starts: list[float], total: float) -> Path:
    """The language's whole speech, taken from its scene renders (at their chapters' `starts`),
    normalised as one track and encoded once (AAC) into the build's work folder; the lesson and
    the clips copy from it."""
    from .soundtrack import lesson_track, write_m4a

    samples = lesson_track([cast(Path, r.video) for r in renders], starts, total)
    return write_m4a(samples, out / ".work" / f"speech.{lang}.m4a", lang=lang)
