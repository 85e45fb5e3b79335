"""Command-line plumbing shared by the project's commands: usage errors in one line."""

from __future__ import annotations

import argparse
from typing import NoReturn


def worker_count(text: str) -> int:
    """An argparse type for -j: a whole number of parallel workers, at least 1."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of workers >= 1, got {text!r}")
    return n


def one_line(text: object) -> str:
    """`text` as one line of a message: a line break, tab or other control character in it (from a
    path or value the user gave) is written as its escape (``\\n``), never printed raw."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (exit 2), naming the value and `--help`.

    Subparsers made with ``add_subparsers(parser_class=OneLineParser)`` do the same. A `main`
    that wants to return its exit code (not raise SystemExit) catches the exit.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, one_line(f"{self.prog}: error: {message} (see --help)") + "\n")
