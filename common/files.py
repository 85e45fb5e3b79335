"""Files written whole or not at all: temp file in the same folder, then a rename.

A reader never sees half a file, a killed writer leaves the old file as it was, and several
files that belong together (weights, card, history) land all or none through a journal.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import sys
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


def shown(path: object) -> str:
    """A path as a one-line message shows it: as written, or quoted when it holds a line break,
    a tab or another control character (which would split or garble the line)."""
    text = str(path)
    return repr(text) if any(not c.isprintable() for c in text) else text


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
    """A few words for an OS error, as the one-line messages say it (a message of the project's
    own, e.g. naming the file in the way, as it was written)."""
    if isinstance(e, OSError) and e.strerror and e.errno and e.strerror != os.strerror(e.errno):
        return e.strerror
    if isinstance(e, IsADirectoryError):
        return "it is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return getattr(e, "strerror", None) or str(e)


# -- several files as one unit ------------------------------------------------------------------
JOURNAL = ".pending-writes.json"  # beside files written together: the renames still to do
# The temp files `temp_beside` makes: "." + the target's name + "." + mkstemp's 8 random
# characters + ".tmp". A journal may only rename such a file onto the target its name carries.
_TEMP_NAME = re.compile(r"\.(?P<target>[^/\\\x00]+)\.[a-z0-9_]{8}\.tmp")
_refused: set[str] = set()  # journals already reported as refused (one warning each)


class UnfinishedWrite(OSError):
    """Files written together passed their commit point but not all renames could be done; the
    message names what is left and where (the journal lists the renames still to do)."""


def in_the_way(path: Path) -> str | None:
    """What stands at `path` that no written file can be renamed over ("a folder", "not a regular
    file (a device or pipe?)"), or None (nothing, a file, or a link, which a rename replaces)."""
    try:
        st = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISDIR(st.st_mode):
        return "a folder"
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        return "not a regular file (a device or pipe?)"
    return None


def _refuse_target(path: Path) -> None:
    """An OSError naming `path` when no file can be renamed over it (`in_the_way`)."""
    what = in_the_way(path)
    if what == "a folder":
        raise IsADirectoryError(errno.EISDIR, f"{shown(path)} is a folder, not a file that can be replaced")
    if what is not None:
        raise OSError(errno.EINVAL, f"{shown(path)} is {what}")


def write_together(files: list[tuple[Path, Writer]]) -> None:
    """Write several files in one folder as one unit: all or none of them land, even on a kill.

    `files` is a list of (path, write(f)). Every target is checked first (a folder in the way
    fails here, with nothing changed); every file is then written completely to a temp file;
    then a journal listing the renames is written (atomically: this is the commit point), the
    renames are done, and the journal is removed. A run killed before the journal lands leaves
    the old files untouched; one killed after it is finished by `finish_pending` (which every
    loader of these files calls), so new weights never stand beside an old card. An error
    before the commit point leaves nothing behind (an OSError: nothing changed); one after it
    raises `UnfinishedWrite`.
    """
    folders = {Path(p).parent for p, _ in files}
    if len(folders) != 1:
        raise ValueError(f"write_together writes into one folder, got {sorted(map(str, folders))}")
    folder = folders.pop()
    finish_pending(folder)
    for path, _ in files:
        _refuse_target(Path(path))
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
            try:
                _complete(folder / JOURNAL)
            except (OSError, JournalError) as e:
                raise UnfinishedWrite(
                    errno.EIO,
                    f"{why(e)}; the new files are in place up to that one, the renames still to do "
                    f"are listed in {shown(folder / JOURNAL)}",
                ) from None
    except BaseException:
        if not committed:
            for tmp in temps:
                tmp.unlink(missing_ok=True)
        raise


class JournalError(ValueError):
    """A journal this writer did not write (or cannot complete); nothing was renamed."""


def finish_pending(folder: str | os.PathLike[str]) -> bool:
    """Complete the renames of a `write_together` that was killed after its commit point.

    Cheap when there is nothing to do (one stat). Returns True if renames were finished. A
    journal that is not this writer's (a name that is not one of its temp files, a path outside
    the folder, a target that is not the temp file's own, malformed JSON) is refused as a whole,
    with one warning line on stderr, and nothing is renamed; so is a folder that cannot be
    written (its card then fails the weights' hash check).
    """
    journal = Path(folder) / JOURNAL
    if not journal.is_file():
        return False
    try:
        _complete(journal)
    except (OSError, JournalError) as e:
        if str(journal) not in _refused:
            _refused.add(str(journal))
            print(f"warning: {shown(journal)}: not completed ({why(e)}); nothing was renamed", file=sys.stderr)
        return False
    return True


def _plan(journal: Path) -> list[tuple[Path, Path]]:
    """The renames a journal lists, each checked to be one of this writer's temp files in the
    journal's folder going onto the target its name carries; JournalError for anything else."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
        raise JournalError(f"not a journal of pending writes ({type(e).__name__})") from None
    if not isinstance(plan, list) or not plan:
        raise JournalError("not a journal of pending writes (expected a list of [temp, target] names)")
    renames = []
    for entry in plan:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(n, str) for n in entry)):
            raise JournalError(f"not a journal of pending writes (entry {str(entry)[:60]!r})")
        tmp, target = entry
        m = _TEMP_NAME.fullmatch(tmp)
        if m is None or m["target"] != target or target in (".", "..", JOURNAL) or "/" in target:
            raise JournalError(f"{tmp[:60]!r} -> {target[:60]!r} is not a rename this writer makes")
        renames.append((journal.parent / tmp, journal.parent / target))
    return renames


def _complete(journal: Path) -> None:
    """Do the renames a journal lists (those not done yet), then remove it. Every rename is
    checked before the first is done: a refused journal renames nothing."""
    renames = _plan(journal)
    for src, dst in renames:
        if src.is_file():
            _refuse_target(dst)
    for src, dst in renames:
        if src.is_file():
            os.replace(src, dst)
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
