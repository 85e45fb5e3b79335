"""Every environment setting the project reads, in one place.

| variable | meaning | default |
|---|---|---|
| ``NN_DIGIT`` | the digit the lesson reads: a showcase name, an image path, ``train:N``/``test:N`` | ``three_a`` |
| ``NN_LANG`` | the caption language (a narration file's name) | ``en`` |
| ``NN_VOICE`` | ``on`` speaks every caption line, in the caption language | ``off`` |
| ``NN_VOICE_CACHE`` | where voice clips are cached | ``<cache>/nn-lesson/voice`` |
| ``MNIST_DIR`` | the folder holding the four MNIST files | ``<cache>/nn-lesson/mnist`` |
| ``XDG_CACHE_HOME`` | the per-user cache folder (``<cache>``) | ``~/.cache`` |

Each function reads the environment when called, so a test (or a build that sets a variable for
a child process) sees the value in force; nothing else in the project reads these variables.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .files import user_path

DEFAULT_DIGIT = "three_a"
DEFAULT_LANG = "en"
VOICE_ON = ("on", "1", "yes")
VOICE_OFF = ("", "off", "0", "no")


def _get(name: str) -> str:
    return (os.environ.get(name) or "").strip()


def digit_spec() -> str:
    """What NN_DIGIT names, stripped ("" when unset or blank: the default digit)."""
    return _get("NN_DIGIT")


def lang() -> str:
    """The caption language NN_LANG names (unset or blank: English); not yet checked."""
    return _get("NN_LANG") or DEFAULT_LANG


def voice() -> str:
    """NN_VOICE as written, lower-cased ("" when unset); `voice_on` says what it means."""
    return _get("NN_VOICE").lower()


def user_cache() -> Path:
    """The per-user cache folder: $XDG_CACHE_HOME, else ~/.cache, else (no home and no passwd
    entry, as in some containers) a per-user folder in the system temp folder."""
    base = _get("XDG_CACHE_HOME")
    if base:
        return user_path(base)
    try:
        return Path.home() / ".cache"
    except (RuntimeError, KeyError):
        return Path(tempfile.gettempdir()) / f"nn-lesson-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def voice_cache() -> Path:
    """Where voice clips are cached: NN_VOICE_CACHE, else the user cache."""
    raw = os.environ.get("NN_VOICE_CACHE")
    return Path(raw) if raw else user_cache() / "nn-lesson" / "voice"


def mnist_dir() -> Path | None:
    """The folder MNIST_DIR names, or None when it is unset or blank."""
    raw = _get("MNIST_DIR")
    return user_path(os.environ["MNIST_DIR"]) if raw else None
