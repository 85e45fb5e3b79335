"""Files written whole or not at all: temp file in the same folder, then a rename.

A reader never sees half a file, a killed writer leaves the old file as it was, and several
files that belong together (weights, card, history) land all or none through a journal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

Writer = Callable[[IO[bytes]], object]


def user_path(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading ``~`` or ``~user`` expanded, as a shell does: an unknown user (or no
    home folder) leaves it as written, so the caller's "no such file" names it, never a traceback."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def file_mode() -> int:
    """The mode a plain `open()` would give a new file: 0o666 minus the umask (0o644 usually)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def temp_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A new empty temp file in `path`'s folder (same file system, so a rename is atomic)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    os.chmod(tmp, file_mode())  # mkstemp makes 0600; written files get normal permissions
    return Path(tmp)


@contextmanager
def replacing(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[Path]:
    """A temp file beside `path` for a writer that wants a file name (PyAV, wave, a program):
    renamed over `path` when the block ends, removed when it raises."""
    path = Path(path)
    tmp = temp_beside(path, suffix)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: str | os.PathLike[str], write: Writer) -> None:
    """Write `path` through `write(f)` on a temp file beside it, then rename it over `path`."""
    with replacing(path) as tmp, open(tmp, "wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically."""
    atomic_write(path, lambda f: f.write(data))


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically."""
    write_bytes(path, text.encode("utf-8"))


def json_bytes(obj: Any) -> bytes:
    """`obj` as indented JSON text (NaN refused), newline-terminated, as the project writes it."""
    return (json.dumps(obj, indent=2, allow_nan=False, ensure_ascii=False) + "\n").encode("utf-8")


def write_json(path: str | os.PathLike[str], obj: Any) -> None:
    """Write `obj` as indented JSON, atomically."""
    write_bytes(path, json_bytes(obj))


def copy_file(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """Copy `src` to `dst` atomically."""
    with replacing(dst) as tmp:
        shutil.copyfile(src, tmp)


def cannot_write(folder: Path) -> str | None:
    """Why no file can be written in `folder` (created if missing), or None when one can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-").close()
    except NotADirectoryError:
        return "a parent of this path is a file"
    except (OSError, ValueError) as e:  # ValueError: e.g. an embedded NUL byte
        return getattr(e, "strerror", None) or str(e)
    return None


def why(e: BaseException) -> str:
    """A few words for an OS error, as the one-line messages say it."""
    if isinstance(e, IsADirectoryError):
        return "it is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return getattr(e, "strerror", None) or str(e)


# -- several files as one unit ------------------------------------------------------------------
JOURNAL = ".pending-writes.json"  # beside files written together: the renames still to do


def write_together(files: list[tuple[Path, Writer]]) -> None:
    """Write several files in one folder as one unit: all or none of them land, even on a kill.

    `files` is a list of (path, write(f)). Every file is first written completely to a temp file;
    then a journal listing the renames is written (atomically: this is the commit point), the
    renames are done, and the journal is removed. A run killed before the journal lands leaves
    the old files untouched; one killed after it is finished by `finish_pending` (which every
    loader of these files calls), so new weights never stand beside an old card.
    """
    folders = {Path(p).parent for p, _ in files}
    if len(folders) != 1:
        raise ValueError(f"write_together writes into one folder, got {sorted(map(str, folders))}")
    folder = folders.pop()
    finish_pending(folder)
    temps: list[Path] = []
    committed = False
    try:
        for path, write in files:
            tmp = temp_beside(Path(path))
            temps.append(tmp)
            with open(tmp, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
        with signals_held():  # Ctrl-C or kill waits until every file is in place
            plan = [[tmp.name, Path(path).name] for (path, _), tmp in zip(files, temps)]
            write_bytes(folder / JOURNAL, json_bytes(plan))
            committed = True
            _complete(folder / JOURNAL)  # an error here is raised; the next load finishes the job
    except BaseException:
        if not committed:
            for tmp in temps:
                tmp.unlink(missing_ok=True)
        raise


def finish_pending(folder: str | os.PathLike[str]) -> bool:
    """Complete the renames of a `write_together` that was killed after its commit point.

    Cheap when there is nothing to do (one stat). Returns True if renames were finished. A folder
    that cannot be written is left as it is (its card then fails the weights' hash check).
    """
    journal = Path(folder) / JOURNAL
    if not journal.is_file():
        return False
    try:
        _complete(journal)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _complete(journal: Path) -> None:
    """Do the renames a journal lists (those not done yet), then remove it."""
    plan = json.loads(journal.read_text(encoding="utf-8"))
    for tmp, final in plan:
        src = journal.parent / Path(tmp).name
        if src.is_file():
            os.replace(src, journal.parent / Path(final).name)
    journal.unlink()


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for a few renames; they are delivered when the block ends."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
