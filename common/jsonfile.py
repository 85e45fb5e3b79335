"""JSON files read back with one-line errors that name the file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .files import shown


class JSONFileError(ValueError):
    """A JSON file that cannot be read or is not JSON; the message names the file."""


def read_json(path: str | os.PathLike[str], what: str = "JSON file") -> Any:
    """The parsed content of `path`; a missing, unreadable, empty or malformed file (or one nested
    too deeply to parse) raises `JSONFileError` in one line naming the file and `what` it is."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JSONFileError(f"{shown(path)}: no such file (expected the {what})") from None
    except (OSError, UnicodeDecodeError) as e:
        reason = "it is a directory" if isinstance(e, IsADirectoryError) else getattr(e, "strerror", None) or e
        raise JSONFileError(f"{shown(path)}: cannot read the {what} ({reason})") from None
    if not text.strip():
        raise JSONFileError(f"{shown(path)}: the {what} is empty")
    try:
        return json.loads(text)
    except RecursionError:
        raise JSONFileError(f"{shown(path)}: the {what} is nested too deeply to be read") from None
    except ValueError as e:
        raise JSONFileError(f"{shown(path)}: not valid JSON ({e}); expected the {what}") from None


def read_runs(path: str | os.PathLike[str], what: str = "benchmark results") -> dict:
    """A benchmark results file, ``{"runs": [...]}`` (a new one when the file does not exist);
    `JSONFileError` (one line naming the file) for anything else, before any work is timed."""
    path = Path(path)
    if not path.exists():
        return {"runs": []}
    data = read_json(path, what)
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
        raise JSONFileError(f'{shown(path)}: expected the {what} as {{"runs": [...]}}, got {type(data).__name__}')
    return data


def read_cached(path: str | os.PathLike[str], default: Any) -> Any:
    """A file kept only to save work (a build's last manifest, a render's stamp): its content when
    it is JSON of the same type as `default`, else `default` (the work is then simply redone)."""
    try:
        data = read_json(path)
    except JSONFileError:
        return default
    return data if isinstance(data, type(default)) else default
