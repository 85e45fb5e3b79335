"""Measuring and levelling speech clips (NumPy/SciPy): loudness, peak, silence, normalisation.

The join needs clips at one loudness without clipping; the tests need to know that a clip holds
speech (not empty, not silent, not clipped). Loudness is ITU-R BS.1770-4 integrated loudness
(K-weighted, gated, in LUFS), so the lesson can be levelled to the usual -16 LUFS for speech;
clips are 16-bit mono WAV.
"""

from __future__ import annotations

import wave
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter

from common.files import replacing

__all__ = [
    "read_wav",
    "write_wav",
    "peak",
    "loudness",
    "active_dbfs",
    "silence_ratio",
    "has_sound",
    "limit",
    "normalize",
]

FRAME_S = 0.02  # analysis frame for silence and speech level
SILENCE_DBFS = -45.0  # a frame quieter than this is silence


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Samples as float32 in [-1, 1) (mono; channels are averaged) and the sample rate."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit PCM WAV, got {8 * w.getsampwidth()}-bit")
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        channels, rate = w.getnchannels(), w.getframerate()
    x = raw.astype(np.float32) / 32768.0
    return (x.reshape(-1, channels).mean(axis=1) if channels > 1 else x), rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono float samples as 16-bit PCM atomically (temp file + rename)."""
    path = Path(path)
    pcm = np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2")
    with replacing(path, ".wav") as tmp, wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return path


def _frame_dbfs(x: np.ndarray, rate: int) -> np.ndarray:
    n = max(1, int(rate * FRAME_S))
    frames = x[: len(x) // n * n].reshape(-1, n)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-10))


def peak(path: Path) -> float:
    """Largest absolute sample (1.0 = full scale); 0.0 for an empty clip."""
    x, _ = read_wav(path)
    return float(np.abs(x).max()) if len(x) else 0.0


def silence_ratio(path: Path, threshold_dbfs: float = SILENCE_DBFS) -> float:
    """Share of 20 ms frames quieter than ``threshold_dbfs`` (1.0 for an empty clip)."""
    x, rate = read_wav(path)
    db = _frame_dbfs(x, rate)
    return float(np.mean(db < threshold_dbfs)) if len(db) else 1.0


def active_dbfs(path: Path, threshold_dbfs: float = SILENCE_DBFS) -> float:
    """RMS level in dBFS over the frames louder than ``threshold_dbfs`` (the speech level)."""
    x, rate = read_wav(path)
    n = max(1, int(rate * FRAME_S))
    frames = x[: len(x) // n * n].reshape(-1, n).astype(np.float64)
    active = frames[_frame_dbfs(x, rate) >= threshold_dbfs]
    if active.size == 0:
        raise ValueError(f"{path}: silent clip, no speech level")
    return float(10 * np.log10(np.mean(active**2)))


def _biquad_k_weighting(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """BS.1770's two K-weighting stages (high shelf +4 dB at 1.5 kHz, high pass at 38 Hz) for ``rate``."""
    stages = []
    w0 = 2 * np.pi * 1500.0 / rate  # high shelf, Q = 1/sqrt(2)
    a, alpha, c = 10 ** (4.0 / 40), np.sin(w0) / (2 / np.sqrt(2)), np.cos(w0)
    stages.append(
        (
            np.array(
                [
                    a * ((a + 1) + (a - 1) * c + 2 * np.sqrt(a) * alpha),
                    -2 * a * ((a - 1) + (a + 1) * c),
                    a * ((a + 1) + (a - 1) * c - 2 * np.sqrt(a) * alpha),
                ]
            ),
            np.array(
                [
                    (a + 1) - (a - 1) * c + 2 * np.sqrt(a) * alpha,
                    2 * ((a - 1) - (a + 1) * c),
                    (a + 1) - (a - 1) * c - 2 * np.sqrt(a) * alpha,
                ]
            ),
        )
    )
    w0 = 2 * np.pi * 38.0 / rate  # high pass, Q = 0.5; numerator as in
    alpha, c = np.sin(w0) / (2 * 0.5), np.cos(w0)  # the standard's 48 kHz table (1, -2, 1)
    a0 = 1 + alpha
    stages.append((np.array([1.0, -2.0, 1.0]) * a0, np.array([a0, -2 * c, 1 - alpha])))
    return stages


def _loudness(x: np.ndarray, rate: int) -> float:
    y = x.astype(np.float64)
    for b, a in _biquad_k_weighting(rate):
        y = lfilter(b / a[0], a / a[0], y)
    block, step = int(round(0.4 * rate)), int(round(0.1 * rate))  # 400 ms blocks, 75 % overlap
    if len(y) < block:
        return float("-inf")
    squares = np.concatenate([[0.0], np.cumsum(y**2)])
    starts = np.arange(0, len(y) - block + 1, step)
    z = (squares[starts + block] - squares[starts]) / block
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(z)
    z = z[levels > -70.0]  # absolute gate
    if z.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(z.mean()) - 10.0  # relative gate
    with np.errstate(divide="ignore"):
        z = z[-0.691 + 10 * np.log10(z) > relative]
    return float(-0.691 + 10 * np.log10(z.mean()))


def loudness(path: Path) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, mono); -inf for a silent or sub-0.4 s clip."""
    return _loudness(*read_wav(path))


def has_sound(path: Path, min_seconds: float = 0.1) -> bool:
    """True when the clip holds at least ``min_seconds`` of frames above the silence threshold."""
    x, rate = read_wav(path)
    return float(np.sum(_frame_dbfs(x, rate) >= SILENCE_DBFS)) * FRAME_S >= min_seconds


def limit(x: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """Peaks brought down to ``ceiling`` by a smooth gain (10 ms look-ahead and release), no clipping.

    The gain each sample needs is min-filtered over +-10 ms, then box-averaged over the same
    span: every average only takes minima whose window holds the peak, so no sample ends above
    ``ceiling``, and the gain moves over tens of ms instead of distorting single samples.
    """
    need = np.minimum(1.0, ceiling / np.maximum(np.abs(x), 1e-12))
    if need.min() >= 1.0:
        return x
    span = 2 * int(round(0.01 * rate)) + 1
    gain = uniform_filter1d(minimum_filter1d(need, span, mode="nearest"), span, mode="nearest")
    return x * np.minimum(gain, need)  # min(): float rounding can never lift a peak over


def normalize(paths: Iterable[Path], out_dir: Path, target_lufs: float = -16.0, ceiling: float = 0.89) -> list[Path]:
    """Copies of the clips in ``out_dir`` at ``target_lufs`` integrated loudness, peaks <= ``ceiling``.

    Each clip is gained to the target (BS.1770, so lines and languages sound equally loud); the
    speech peaks this pushes past ``ceiling`` (-1 dBFS) go through ``limit``, and the gain is
    raised (a few rounds) by the loudness the limiter took. Pass one joined track to level a whole
    lesson. Outputs keep the input names; writes are atomic; the same inputs give the same bytes.
    ValueError (one line) for a silent clip.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in map(Path, paths):
        x, rate = read_wav(path)
        level = _loudness(x, rate)
        if not np.isfinite(level):
            raise ValueError(f"{path}: silent or shorter than 0.4 s, no loudness to level")
        gain = 10 ** ((target_lufs - level) / 20)
        y = limit(x * gain, rate, ceiling)
        for _ in range(8):  # give back what the limiter took
            miss = target_lufs - _loudness(y, rate)
            if abs(miss) < 0.02:
                break
            gain *= 10 ** (miss / 20)
            y = limit(x * gain, rate, ceiling)
        written.append(write_wav(out_dir / path.name, y, rate))
    return written
