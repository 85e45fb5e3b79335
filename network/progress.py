"""Progress bars for long work: rich when it is installed (it comes with manim), plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(description: str, total: float | None) -> Iterator[Callable[..., None]]:
    """Yield `advance(amount, **fields)`; shows a bar on stderr while the block runs."""
    try:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
    except ImportError:  # plain fallback: a line at start and at end
        print(f"{description} ...", file=sys.stderr, flush=True)
        done = [0.0]

        def advance(amount: float = 1, **fields) -> None:
            done[0] += amount

        yield advance
        print(f"{description}: done", file=sys.stderr, flush=True)
        return
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[info]}"),
    ]
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(description, total=total, info="")

        def advance(amount: float = 1, **fields) -> None:
            bar.update(task, advance=amount, **({"info": fields.pop("info")} if "info" in fields else {}))

        yield advance


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, `kill` (SIGTERM) unwinds like Ctrl-C, so temp files are cleaned up and
    the command says what was kept. The previous handler is restored afterwards."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
