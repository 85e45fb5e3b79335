"""One BLAS thread for training, set in-process (no re-exec, no environment needed).

The network's matrix products are small: on 2 cores, BLAS threads only slow them down, and a
fixed thread count keeps training bit-identical from run to run. NumPy's wheels bundle OpenBLAS;
we call its own `set_num_threads` through ctypes and restore the old count afterwards.
"""

from __future__ import annotations

import ctypes
import glob
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

_PREFIXES = ("scipy_openblas", "openblas")
_SUFFIXES = ("64_", "_64_", "")


def _openblas() -> tuple[Callable[[], int], Callable[[int], object]] | None:
    """(get, set) functions of the OpenBLAS NumPy loaded, or None when there is none."""
    roots = [os.path.dirname(np.__file__), os.path.dirname(np.__file__) + ".libs"]
    libs = [p for r in roots for p in glob.glob(os.path.join(r, "**", "*openblas*.so*"), recursive=True)]
    libs += [p for r in roots for p in glob.glob(os.path.join(r, "**", "*openblas*.dylib"), recursive=True)]
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                set_ = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and set_ is not None:
                    get.restype = ctypes.c_int
                    set_.argtypes = [ctypes.c_int]
                    return get, set_
    return None


@contextmanager
def blas_threads(n: int = 1) -> Iterator[int | None]:
    """Run the block with `n` OpenBLAS threads; yields the previous count (None: not OpenBLAS)."""
    found = _openblas()
    if found is None:
        yield None
        return
    get, set_ = found
    before = int(get())
    set_(n)
    try:
        yield before
    finally:
        set_(before)


def blas_thread_count() -> int | None:
    """OpenBLAS's current thread count (None when NumPy does not use OpenBLAS)."""
    found = _openblas()
    return None if found is None else int(found[0]())


def blas_info() -> dict:
    """Which OpenBLAS build and CPU kernel NumPy uses: bit-identical training needs the same ones."""
    roots = [os.path.dirname(np.__file__) + ".libs", os.path.dirname(np.__file__)]
    for path in (p for r in roots for p in glob.glob(os.path.join(r, "**", "*openblas*.so*"), recursive=True)):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        info = {}
        for key, names in (
            ("config", ("scipy_openblas_get_config64_", "openblas_get_config64_", "openblas_get_config")),
            ("core", ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename")),
        ):
            for name in names:
                fn = getattr(lib, name, None)
                if fn is not None:
                    fn.restype = ctypes.c_char_p
                    info[key] = fn().decode(errors="replace").strip()
                    break
        if info:
            return info
    return {}
