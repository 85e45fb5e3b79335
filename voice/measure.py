"""How a voice sounds, in numbers: speaking rate, pitch range, voiced share, synthesis speed.

A flat voice has a narrow pitch range (espeak-ng's Russian and Mandarin: about 4 semitones
between the 10th and 90th percentile of F0; a natural narrator: 6 to 12) and a rushed or dragging
one a rate far from the language's natural one. `f0` is a small autocorrelation pitch tracker in
NumPy (vectorised over frames, no download, no GPL code), good enough to tell 4 semitones from 9.

>>> track = f0(samples, rate)           # Hz per 10 ms frame, NaN where unvoiced
>>> pitch_range(track)                  # semitones, 10th to 90th percentile
>>> syllables("Каждый нейрон", "ru")    # 4
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

__all__ = ["f0", "pitch_range", "syllables", "speech_span", "ClipMeasure", "measure_clip", "NATURAL_RATE"]

FMIN, FMAX = 60.0, 400.0  # speaking voices, men and women
FRAME, HOP = 0.040, 0.010  # seconds
CLARITY = 0.6  # normalised autocorrelation at the period above which a frame counts as voiced
# Syllables per second of natural read narration (assumed, from the phonetics literature on
# reading rate): English about 4-5, Russian about 5-6, Mandarin about 4-5 (one Han character each).
NATURAL_RATE = {"en": 4.5, "ru": 5.5, "zh": 4.5}

_VOWELS = {"en": "aeiouy", "ru": "аеёиоуыэюя"}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _frames(x: np.ndarray, size: int, hop: int) -> np.ndarray:
    if len(x) < size:
        return np.zeros((0, size))
    idx = np.arange(size)[None, :] + hop * np.arange(1 + (len(x) - size) // hop)[:, None]
    return x[idx]


def f0(x: np.ndarray, rate: int) -> np.ndarray:
    """Fundamental frequency in Hz every 10 ms (NaN where a frame is silent or unvoiced).

    Per 40 ms frame: the autocorrelation (by FFT) normalised by the energies of the overlapping
    parts, its highest peak between 1/FMAX and 1/FMIN refined by a parabola; voiced where that
    peak is above CLARITY and the frame is within 35 dB of the loudest.
    """
    x = np.asarray(x, dtype=np.float64)
    while rate > 16000:  # voices sit far below 4 kHz: halve the work (pairs averaged, a low-pass)
        x, rate = x[: len(x) // 2 * 2].reshape(-1, 2).mean(axis=1), rate // 2
    size, hop = int(FRAME * rate), int(HOP * rate)
    fr = _frames(x, size, hop)
    if not len(fr):
        return np.zeros(0)
    fr = fr - fr.mean(axis=1, keepdims=True)
    energy = np.sum(fr * fr, axis=1)
    n = 1 << int(np.ceil(np.log2(2 * size)))
    window = np.hanning(size)
    spec = np.fft.rfft(fr * window, n)
    ac = np.fft.irfft(spec * np.conj(spec), n)[:, :size]
    wspec = np.fft.rfft(window, n)
    wac = np.fft.irfft(wspec * np.conj(wspec), n)[:size]
    lo, hi = int(rate / FMAX), min(int(rate / FMIN), size - 2)
    # Boersma (1993): the window's own autocorrelation divided out, so a periodic frame scores
    # near 1 at its period whatever the lag.
    norm = ac / np.maximum(ac[:, :1], 1e-12) / np.maximum(wac / wac[0], 1e-3)
    rows = np.arange(len(fr))
    best = np.max(norm[:, lo:hi], axis=1)
    # The shortest lag nearly as good as the best (a period's multiples score as high: octave
    # errors), then up to its own peak.
    lag = lo + np.argmax(norm[:, lo:hi] >= 0.9 * best[:, None], axis=1)
    for _ in range(hi - lo):
        up = norm[rows, np.minimum(lag + 1, hi)] > norm[rows, lag]
        if not up.any():
            break
        lag = np.where(up, np.minimum(lag + 1, hi), lag)
    peak = norm[rows, lag]
    a, b, c = norm[rows, lag - 1], peak, norm[rows, lag + 1]
    denom = a - 2 * b + c
    shift = np.where(np.abs(denom) > 1e-12, 0.5 * (a - c) / np.where(denom == 0, 1, denom), 0.0)
    period = lag + np.clip(shift, -1, 1)
    loud = energy > energy.max() * 10 ** (-35 / 10) if energy.max() > 0 else np.zeros(len(fr), bool)
    voiced = (peak > CLARITY) & loud
    return np.where(voiced, rate / period, np.nan)


def pitch_range(track: np.ndarray) -> float:
    """Semitones between the 10th and 90th percentile of the voiced frames' F0 (NaN if none)."""
    v = track[np.isfinite(track)]
    if len(v) < 5:
        return float("nan")
    p10, p90 = np.percentile(v, [10, 90])
    return float(12 * np.log2(p90 / p10))


def syllables(text: str, lang: str) -> int:
    """Syllables in spoken text: vowel letters in Russian, one per Han character in Mandarin (a
    Latin word there by its vowel groups), vowel groups per word in English (a silent final e
    dropped)."""
    if lang.startswith("zh"):
        latin = re.findall(r"[A-Za-z]+", text)
        return len(_HAN.findall(text)) + sum(syllables(w, "en") for w in latin)
    if lang == "ru":
        return sum(text.lower().count(v) for v in _VOWELS["ru"])
    count = 0
    for word in re.findall(r"[a-z]+", text.lower()):
        groups = re.findall(f"[{_VOWELS['en']}]+", word)
        n = len(groups) - (1 if word.endswith("e") and len(groups) > 1 and not word.endswith("le") else 0)
        count += max(1, n)
    return count


def speech_span(x: np.ndarray, rate: int, threshold_dbfs: float = -45.0) -> float:
    """Seconds from the first to the last 10 ms frame louder than `threshold_dbfs` (silence at
    the ends of a clip is not speech)."""
    hop = int(HOP * rate)
    fr = _frames(np.asarray(x, dtype=np.float64), hop, hop)
    if not len(fr):
        return 0.0
    level = 10 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)
    loud = np.flatnonzero(level > threshold_dbfs)
    return 0.0 if not len(loud) else (loud[-1] - loud[0] + 1) * HOP


@dataclass(frozen=True)
class ClipMeasure:
    """One clip's figures (the lesson's summary pools the frames of all its clips)."""

    seconds: float  # the clip's length
    speech_seconds: float  # first to last sound
    syllables: int
    f0: np.ndarray  # Hz per frame, NaN unvoiced

    @property
    def voiced(self) -> float:
        return float(np.mean(np.isfinite(self.f0))) if len(self.f0) else 0.0


def measure_clip(x: np.ndarray, rate: int, spoken_text: str, lang: str) -> ClipMeasure:
    """The figures of one clip of `spoken_text` (numbers already as words)."""
    return ClipMeasure(len(x) / rate, speech_span(x, rate), syllables(spoken_text, lang), f0(x, rate))
