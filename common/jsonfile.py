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
