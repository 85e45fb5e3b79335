"""Join chapter videos into one MP4 with PyAV: packets copied (no re-encode), one chapter per
scene in the file's metadata, one `mov_text` subtitle track per caption language, and the
language's speech copied in from its track (encoded once, `soundtrack.write_m4a`): the lesson
takes the whole track, a section clip the stretch under its picture."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import av

from common.files import replacing
from common.languages import LanguageError, language

from .chapters import BuildError
from .subtitles import Cue

if TYPE_CHECKING:
    from av.container.core import Chapter

MS = Fraction(1, 1000)


def _tags(lang: str) -> tuple[str, str]:
    """The ISO 639-2 tag players show for a language's tracks, and its name as the track title."""
    try:
        table = language(lang)
    except LanguageError:
        return "und", lang
    return table.iso639_2, table.name


# The mov_text encoder needs an ASS header to open; this is the minimal one.
_ASS_HEADER = (
    b"[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
    b"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
    b"Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
    b"Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    b"Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0\n\n"
    b"[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\n"
)


def video_info(path: Path) -> dict:
    """Duration (s), frames, size, rate and codec of a video's first video stream."""
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        assert s.time_base is not None  # a stream read from a file always has one
        duration = float(s.duration * s.time_base) if s.duration else float(c.duration or 0) / 1e6
        return {
            "duration": round(duration, 3),
            "frames": s.frames,
            "width": s.codec_context.width,
            "height": s.codec_context.height,
            "codec": s.codec_context.name,
            # the nominal rate: manim's joined partial movies can end a few ticks off whole
            # frames, which moves average_rate (e.g. 3957760/263849) but not the frame rate
            "fps": str(s.base_rate or s.guessed_rate or s.average_rate),
        }


def join(
    videos: list[Path],
    titles: list[str],
    captions: dict[str, list[Cue]],
    out: Path,
    audio: tuple[Path, str] | None = None,
    audio_start: float = 0.0,
) -> list[dict]:
    """Write `out` from `videos` in order; returns the chapters written (start/end in seconds).

    All videos must share codec, size and frame rate (they come from one build's settings).
    `titles` names one chapter per video (none when empty). `audio` (an encoded track and its
    language) adds the stretch of that track from `audio_start` as long as the picture, its
    packets copied: the speech is encoded once per language, however many files carry it.
    """
    infos = [video_info(v) for v in videos]
    first = infos[0]
    for v, i in zip(videos, infos):
        if (i["codec"], i["width"], i["height"], i["fps"]) != (
            first["codec"],
            first["width"],
            first["height"],
            first["fps"],
        ):
            raise BuildError(
                f"{v}: {i['codec']} {i['width']}x{i['height']}@{i['fps']} does not match "
                f"{videos[0]} ({first['codec']} {first['width']}x{first['height']}@{first['fps']})"
            )
    chapters: list[Chapter] = []
    with replacing(out, ".mp4") as tmp:
        with av.open(str(tmp), "w", format="mp4", container_options={"movflags": "+faststart"}) as dst:
            with av.open(str(videos[0])) as src0:
                ov = dst.add_stream_from_template(src0.streams.video[0])
            subs = {}
            for lang in captions:
                s = dst.add_stream("mov_text")
                s.codec_context.subtitle_header = _ASS_HEADER
                s.codec_context.time_base = MS
                s.time_base = MS
                s.metadata["language"], s.metadata["title"] = _tags(lang)
                subs[lang] = s
            sound = None
            if audio is not None:
                src_audio = av.open(str(audio[0]))
                sound = dst.add_stream_from_template(src_audio.streams.audio[0])
                sound.metadata["language"], sound.metadata["title"] = _tags(audio[1])
            offset = Fraction(0)
            marks = []
            for v in videos:
                with av.open(str(v)) as src:
                    vs = src.streams.video[0]
                    assert vs.time_base is not None  # a stream read from a file always has one
                    shift = None
                    last_end = Fraction(0)
                    for p in src.demux(vs):
                        if p.dts is None:
                            continue
                        assert p.pts is not None  # an MP4 packet with a dts has a pts
                        if shift is None:
                            shift = int(offset / vs.time_base)
                        p.pts += shift
                        p.dts += shift
                        p.stream = ov
                        end = (p.pts + (p.duration or 0)) * vs.time_base
                        last_end = max(last_end, end)
                        dst.mux(p)
                    length = Fraction(vs.duration) * vs.time_base if vs.duration else last_end - offset
                marks.append((offset, offset + length))
                offset += length
            for n, ((a, b), title) in enumerate(zip(marks, titles)):
                chapters.append(
                    {"id": n, "start": int(a / MS), "end": int(b / MS), "time_base": MS, "metadata": {"title": title}}
                )
            if chapters:
                dst.set_chapters(chapters)
            if sound is not None:
                with src_audio:
                    _copy_audio(src_audio, dst, sound, audio_start, float(offset))
            for lang, cues in captions.items():
                for c in cues:
                    data = c.text.encode("utf-8")
                    sp = av.Packet(struct.pack(">H", len(data)) + data)
                    sp.stream = subs[lang]
                    sp.time_base = MS
                    sp.pts = sp.dts = int(round(c.start * 1000))
                    sp.duration = max(1, int(round((c.end - c.start) * 1000)))
                    dst.mux(sp)
    return [{"title": c["metadata"]["title"], "start": c["start"] / 1000, "end": c["end"] / 1000} for c in chapters]


def _copy_audio(src, dst, stream, start: float, length: float) -> None:
    """Copy the audio packets of `src` that start within [start, start + length) into `stream`,
    moved to start at 0 (to within one AAC frame, 21 ms at 48 kHz)."""
    s = src.streams.audio[0]
    tb = s.time_base
    shift = int(round(start / tb))
    end = start + length
    for p in src.demux(s):
        if p.dts is None or p.pts is None:
            continue
        t = float(p.pts * tb)
        # From the track's start (the whole lesson) keep the encoder's priming packets, which sit
        # before 0; a clip cut from the middle starts at its own first packet.
        if t >= end - 1e-6 or (t < start - 1e-6 and start > 0):
            continue
        p.pts -= shift
        p.dts -= shift
        p.stream = stream
        dst.mux(p)


def read_back(path: Path) -> dict:
    """Chapters and subtitle tracks of an MP4 as players see them (for tests and checks)."""
    out: dict[str, Any] = {"chapters": [], "subtitles": {}, "audio": []}
    with av.open(str(path)) as c:
        for ch in c.chapters():
            tb = ch["time_base"]
            assert tb is not None  # chapters read from a file always have one
            out["chapters"].append(
                {"title": ch["metadata"].get("title"), "start": float(ch["start"] * tb), "end": float(ch["end"] * tb)}
            )
        out["audio"] = [s.metadata.get("language", "und") for s in c.streams.audio]
        for s in c.streams.subtitles:
            lang = s.metadata.get("language", "und")
            cues = []
            for p in c.demux(s):
                if p.size:
                    assert p.pts is not None  # a demuxed subtitle packet has a pts
                    raw = bytes(p)
                    n = struct.unpack(">H", raw[:2])[0]
                    cues.append((float(p.pts * p.time_base), raw[2 : 2 + n].decode("utf-8")))
            out["subtitles"][lang] = cues
            c.seek(0)
    return out
