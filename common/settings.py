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
import stat
import sys
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
    entry, as in some containers) a private folder in the system temp folder (`private_temp`)."""
    base = _get("XDG_CACHE_HOME")
    if base:
        return user_path(base)
    try:
        return Path.home() / ".cache"
    except (RuntimeError, KeyError):
        return private_temp()


_private: list[Path] = []  # this process's fresh private folder, when the usual one is not safe


def private_temp() -> Path:
    """``<tmp>/nn-lesson-<uid>``, made 0700 if missing, used only if it is a real folder (not a
    link) owned by this user that no one else may write; otherwise (another user planted it) a
    fresh private folder for this process, with one warning line. Never a folder another
    account controls, so no cache entry there can have been planted."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"nn-lesson-{uid if uid is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.lstat()
        if stat.S_ISDIR(st.st_mode) and (uid is None or st.st_uid == uid):
            if st.st_mode & 0o077:  # ours, made open by an older version: close it
                os.chmod(folder, 0o700, follow_symlinks=False)
            return folder
    except OSError:
        pass
    if not _private:
        _private.append(Path(tempfile.mkdtemp(prefix="nn-lesson-")))
        print(
            f"warning: {folder} is not a private folder of this user (a link, or another's); "
            f"caching in {_private[0]} for this run only (set XDG_CACHE_HOME to keep a cache)",
            file=sys.stderr,
        )
    return _private[0]


def voice_cache() -> Path:
    """Where voice clips are cached: NN_VOICE_CACHE, else the user cache."""
    raw = os.environ.get("NN_VOICE_CACHE")
    return Path(raw) if raw else user_cache() / "nn-lesson" / "voice"


def mnist_dir() -> Path | None:
    """The folder MNIST_DIR names, or None when it is unset or blank."""
    raw = _get("MNIST_DIR")
    return user_path(raw) if raw else None  # as checked: stripped of spaces around it
