"""The IDX file format MNIST ships in: strict reading (raw or .gz) and writing."""

from __future__ import annotations

import gzip
import math
import os
import zlib
from pathlib import Path

import numpy as np

from common.files import atomic_write, shown

# IDX type codes -> big-endian NumPy dtypes.
DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
CODES = {np.dtype(v).newbyteorder("="): k for k, v in DTYPES.items()}


class IDXError(ValueError):
    """A malformed IDX file; the message names the file and what is wrong."""


# Larger than any MNIST file (47 MB): a file claiming more is refused before it fills memory.
MAX_BYTES = 256 << 20


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> bytes:
    """File contents, gunzipped when the name ends in .gz; at most `max_bytes` either way."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IDXError(f"{shown(path)}: is a directory, expected an IDX file")
        if path.exists() and not path.is_file():
            raise IDXError(f"{shown(path)}: not a regular file (a device or pipe?), expected an IDX file")
        size = path.stat().st_size
        if size > max_bytes:
            raise IDXError(f"{shown(path)}: {size} bytes is larger than the {max_bytes} an IDX file may have here")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise IDXError(f"{shown(path)}: no such file") from None
    except PermissionError:
        raise IDXError(f"{shown(path)}: permission denied (cannot read the file)") from None
    except OSError as e:
        raise IDXError(f"{shown(path)}: cannot read ({e.strerror or e})") from None
    if path.suffix != ".gz":
        return raw
    try:
        d = zlib.decompressobj(wbits=31)  # gzip container
        out = d.decompress(raw, max_bytes + 1)
        if len(out) > max_bytes:
            raise IDXError(f"{shown(path)}: decompresses to more than {max_bytes} bytes; not an MNIST file")
        if not d.eof:
            raise EOFError("compressed stream ends early")
        if d.unused_data:  # a second gzip member (allowed by the format): fall back to gzip
            out = gzip.decompress(raw)
            if len(out) > max_bytes:
                raise IDXError(f"{shown(path)}: decompresses to more than {max_bytes} bytes; not an MNIST file")
        return out
    except (OSError, EOFError, zlib.error) as e:
        raise IDXError(f"{shown(path)}: not a complete gzip file ({e})") from None


def parse_idx(data: bytes, name: str = "<bytes>") -> np.ndarray:
    """Decode IDX bytes, checking magic number, dimensions and exact length."""
    if len(data) < 4:
        raise IDXError(f"{name}: {len(data)} bytes is too short for an IDX header")
    zero, code, ndim = int.from_bytes(data[:2], "big"), data[2], data[3]
    if zero != 0 or code not in DTYPES:
        raise IDXError(f"{name}: bad magic number 0x{data[:4].hex()} (expected 0x0000 + type code + ndim)")
    if ndim == 0:
        raise IDXError(f"{name}: magic number says 0 dimensions")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IDXError(f"{name}: header needs {header} bytes for {ndim} dimensions, file has {len(data)}")
    dims = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(DTYPES[code])
    expected = header + math.prod(dims) * dtype.itemsize  # Python ints: no int64 wrap-around
    if len(data) != expected:
        raise IDXError(
            f"{name}: dimensions {dims} need {expected} bytes, file has {len(data)}"
            + (" (truncated)" if len(data) < expected else " (trailing data)")
        )
    return np.frombuffer(data, dtype=dtype, offset=header).reshape(dims).astype(dtype.newbyteorder("="))


def read_idx(path: str | os.PathLike) -> np.ndarray:
    return parse_idx(read_bytes(path), str(path))


def encode_idx(array: np.ndarray) -> bytes:
    array = np.asarray(array)
    code = CODES.get(array.dtype.newbyteorder("="))
    if code is None or array.ndim == 0 or array.ndim > 255:
        raise ValueError(f"cannot store dtype {array.dtype} with {array.ndim} dimensions as IDX")
    header = bytes([0, 0, code, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.astype(DTYPES[code]).tobytes()


def write_idx(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write an IDX file atomically, gzip-compressed when the name ends in .gz."""
    path = Path(path)
    data = encode_idx(array)
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    atomic_write(path, lambda f: f.write(data))
