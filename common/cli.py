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


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (exit 2), naming the value and `--help`.

    Subparsers made with ``add_subparsers(parser_class=OneLineParser)`` do the same. A `main`
    that wants to return its exit code (not raise SystemExit) catches the exit.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")
