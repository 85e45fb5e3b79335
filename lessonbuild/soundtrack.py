"""The spoken track of a voiced build (`--voice`): each language's speech taken from its scene
renders, laid end to end at the chapters' offsets, loudness-normalised as one track, and encoded
as AAC once; that language's lesson video and section clips copy its packets (`join`)."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from common.files import replacing

RATE = 48_000
CHUNK = 1024  # samples per AAC frame
AAC_CEILING = 0.7  # -3 dBFS before AAC: its coding overshoots a -1 dBFS peak past full scale (measured 1.04)
# AAC's bit rate: at PyAV's default for 48 kHz mono (about 70 kb/s) a -3 dBFS Russian track came
# back peaking at 1.015 (clipped); at 128 kb/s at 0.74 (measured on the voiced test lesson).
AAC_BIT_RATE = 128_000


def scene_audio(video: Path, rate: int = RATE) -> np.ndarray:
    """The mono float32 audio of a rendered scene at `rate` (empty when it has no sound)."""
    with av.open(str(video)) as c:
        if not c.streams.audio:
            return np.zeros(0, np.float32)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        parts = []
        for frame in c.decode(c.streams.audio[0]):
            for f in resampler.resample(frame):
                parts.append(f.to_ndarray().reshape(-1))
        for f in resampler.resample(None):
            parts.append(f.to_ndarray().reshape(-1))
    return np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, np.float32)


def lesson_track(videos: list[Path], offsets: list[float], total: float, rate: int = RATE) -> np.ndarray:
    """One language's whole track: every scene's sound at its chapter's start, then normalised
    (-16 LUFS, peaks <= -1 dBFS) as one piece, so all chapters and languages sound equally loud."""
    from voice.audio import normalize, read_wav, write_wav

    track = np.zeros(int(round(total * rate)) + 1, np.float32)
    for video, start in zip(videos, offsets):
        x = scene_audio(video, rate)
        a = int(round(start * rate))
        n = max(0, min(len(x), len(track) - a))
        track[a : a + n] += x[:n]
    if not np.any(np.abs(track) > 1e-4):
        return track
    with tempfile.TemporaryDirectory() as tmp:
        src = write_wav(Path(tmp) / "track.wav", track, rate)
        out = normalize([src], Path(tmp) / "norm", ceiling=AAC_CEILING)[0]
        y, _ = read_wav(out)
    return y[: len(track)].astype(np.float32)


def add_aac(dst, lang_code: str, title: str, rate: int = RATE):
    """A mono AAC stream in an open output container, tagged with its language."""
    s = dst.add_stream("aac", rate=rate, layout="mono")
    s.bit_rate = AAC_BIT_RATE
    s.metadata["language"] = lang_code
    s.metadata["title"] = title
    return s


def mux_samples(dst, stream, samples: np.ndarray, rate: int = RATE) -> None:
    """Encode mono float samples into `stream` and mux them."""
    for i in range(0, len(samples), CHUNK):
        chunk = np.ascontiguousarray(samples[i : i + CHUNK], dtype=np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = i
        frame.time_base = Fraction(1, rate)
        for p in stream.encode(frame):
            dst.mux(p)
    for p in stream.encode(None):
        dst.mux(p)


def write_m4a(samples: np.ndarray, path: Path, rate: int = RATE, lang: str = "und") -> Path:
    """`samples` as an AAC .m4a, written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, ".m4a") as tmp, av.open(str(tmp), "w", format="mp4") as dst:
        mux_samples(dst, add_aac(dst, lang, "speech", rate), samples, rate)
    return path
