"""Measuring and levelling speech clips (NumPy only): peak, speech level, silence, normalisation.

The join needs clips at one loudness without clipping; the tests need to know that a clip holds
speech (not empty, not silent, not clipped). Levels are in dBFS of the active (non-silent) part,
a speech-level measure close to loudness for one voice; clips are 16-bit mono WAV.
"""

from __future__ import annotations

import os
import tempfile
import wave
from pathlib import Path
from typing import Iterable

import numpy as np

__all__ = ["read_wav", "write_wav", "peak", "active_dbfs", "silence_ratio", "has_sound", "normalize"]

FRAME_S = 0.02          # analysis frame for silence and speech level
SILENCE_DBFS = -45.0    # a frame quieter than this is silence


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wav-", suffix=".wav")
    os.close(fd)
    try:
        with wave.open(tmp, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm.tobytes())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
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
    return float(10 * np.log10(np.mean(active ** 2)))


def has_sound(path: Path, min_seconds: float = 0.1) -> bool:
    """True when the clip holds at least ``min_seconds`` of frames above the silence threshold."""
    x, rate = read_wav(path)
    return float(np.sum(_frame_dbfs(x, rate) >= SILENCE_DBFS)) * FRAME_S >= min_seconds


def normalize(paths: Iterable[Path], out_dir: Path, target_dbfs: float = -20.0,
              ceiling: float = 0.89) -> list[Path]:
    """Copies of the clips in ``out_dir`` with the speech level at ``target_dbfs``, peaks <= ``ceiling``.

    One gain per clip (so every line is equally loud whatever the voice); where that gain would
    push a peak over ``ceiling`` (-1 dBFS) the gain is lowered instead, so nothing clips.
    Outputs keep the input names; writes are atomic; the same inputs give the same bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        x, rate = read_wav(path)
        top = float(np.abs(x).max()) if len(x) else 0.0
        gain = 10 ** ((target_dbfs - active_dbfs(path)) / 20)
        if top * gain > ceiling:
            gain = ceiling / top
        written.append(write_wav(out_dir / Path(path).name, x * gain, rate))
    return written
