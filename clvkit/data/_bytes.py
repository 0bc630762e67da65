"""Vectorised looks at the bytes of pyarrow text columns, for checks that must stay cheap on large logs."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["text_buffers", "text_hash", "byte_at_end", "has_any_byte"]

_PRIME = np.uint64(0x100000001B3)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def text_buffers(arr):
    """[(start, end, data)] per chunk of a pyarrow string array: byte offsets and data bytes, without copies."""
    import pyarrow as pa

    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    out = []
    for chunk in chunks:
        width = np.int64 if chunk.type == pa.large_string() else np.int32
        buffers = chunk.buffers()
        offsets = np.frombuffer(buffers[1], dtype=width)[chunk.offset: chunk.offset + len(chunk) + 1]
        data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
        out.append((offsets[:-1], offsets[1:], data))
    return out


def _window_reader(data: np.ndarray):
    """pos -> the eight bytes starting at pos, as one little-endian integer (bytes past the end read as 0)."""
    if len(data) < 8:
        data = np.concatenate([data, np.zeros(8, np.uint8)])
    windows = np.ndarray(shape=(len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    last = len(data) - 8

    def read(pos):
        # Near the end, read the last whole window and shift the wanted bytes down.
        start = np.minimum(pos, last)
        return windows[start] >> ((pos - start).astype(np.uint64) * np.uint64(8))

    return read


def mix(h: np.ndarray) -> np.ndarray:
    """Spread every input bit over every output bit (the splitmix64 finaliser), in place."""
    scratch = np.empty_like(h)  # one buffer for the shifts, instead of a new array per step
    with np.errstate(over="ignore"):
        for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB), (31, None)):
            np.right_shift(h, np.uint64(shift), out=scratch)
            h ^= scratch
            if factor is not None:
                h *= np.uint64(factor)
    return h


def text_hash(arr) -> np.ndarray:
    """A 64-bit hash of each string from its length and its first and last eight bytes.

    Equal strings get equal hashes; unequal strings usually differ. Used only to find
    candidate duplicates, which are then compared exactly.
    """
    parts = []
    keep = np.array([0] + [(1 << (8 * k)) - 1 for k in range(1, 8)] + [0xFFFFFFFFFFFFFFFF], dtype=np.uint64)
    for start, end, data in text_buffers(arr):
        read = _window_reader(data)
        length = end - start
        mask = keep[np.minimum(length, 8)]
        with np.errstate(over="ignore"):
            h = (length.astype(np.uint64) * _GOLDEN) ^ (read(start) & mask)
            h = (h * _PRIME) ^ (read(np.maximum(end - 8, start)) & mask)
        parts.append(mix(h))
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)


def byte_at_end(arr, back: int) -> np.ndarray:
    """The byte `back` places before the end of each string (0 where the string is shorter)."""
    parts = []
    for start, end, data in text_buffers(arr):
        if not len(data):
            parts.append(np.zeros(len(start), np.uint8))
            continue
        pos = end - back
        ok = pos >= start
        parts.append(np.where(ok, data[np.where(ok, pos, 0)], 0))
    return np.concatenate(parts) if parts else np.zeros(0, np.uint8)


def has_any_byte(arr, values: bytes) -> bool:
    """Whether any string holds any of the bytes `values` (a quick test before a costly clean-up)."""
    import pyarrow as pa

    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is None:
            continue
        raw = data.to_pybytes()  # bytes.find is a memchr: far faster than a numpy pass per byte
        if any(raw.find(bytes([b])) >= 0 for b in values):
            return True
    return False


@lru_cache(maxsize=1)
def month_table() -> tuple[np.ndarray, np.ndarray]:
    """(days from 1970-01-01 to the first of the month, days in the month) for every month of years 0-9999.

    Indexed by ``year * 12 + month - 1``; H. Hinnant's days_from_civil, computed once.
    """
    span = np.arange(10000 * 12, dtype=np.int64)
    year, month = span // 12, span % 12 + 1
    y = year - (month <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * ((month + 9) % 12) + 2) // 5
    start = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    length = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[month - 1] + ((month == 2) & leap)
    return start, length


def fixed_iso_dates(arr, unit: str = "us"):
    """Microseconds since 1970 from ISO text of one fixed width, or None when the column is not so or not valid.

    ``2024-01-05`` and ``2024-01-05 10:30:00`` (or with ``T``) are read straight from the bytes,
    one chunk at a time so every temporary stays small: every value has the same width, so a
    chunk's data buffer is a matrix of characters. Anything else (or an impossible date) returns
    None, and the general parser reads the column and names the rows.
    """
    n = len(arr)
    out = np.empty(n, dtype=np.int64)
    tick = {"us": 10**6, "ns": 10**9}[unit]  # ticks per second
    month_start, month_length = month_table()
    done = 0
    for start, end, data in text_buffers(arr):
        rows = len(start)
        if not rows:
            continue
        width = int(end[0] - start[0])
        if width not in (10, 19) or not np.all(end - start == width):
            return None
        first = int(start[0])
        chars = data[first: first + width * rows].reshape(rows, width)
        if not ((chars[:, 4] == 45).all() and (chars[:, 7] == 45).all()):  # '-'
            return None
        digit_cols = [0, 1, 2, 3, 5, 6, 8, 9]
        if width == 19:
            if not (np.isin(chars[:, 10], [32, 84]).all() and (chars[:, 13] == 58).all() and (chars[:, 16] == 58).all()):
                return None
            digit_cols += [11, 12, 14, 15, 17, 18]
        if ((chars[:, digit_cols] - np.uint8(48)) > 9).any():  # uint8 wraps: anything but 0-9 is > 9
            return None

        def number(*cols):
            value = chars[:, cols[0]].astype(np.int32) - 48
            for c in cols[1:]:
                value = value * 10 + (chars[:, c].astype(np.int32) - 48)
            return value

        year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
        if unit == "ns" and ((year < 1678) | (year > 2261)).any():
            return None  # beyond nanoseconds: the general parser reads and refuses it without wrapping
        months = year * 12 + month - 1
        if ((month < 1) | (month > 12) | (day < 1)).any() or (day > month_length[months]).any():
            return None
        days = month_start[months] + day - 1
        if width == 19:
            hours, minutes, seconds = number(11, 12), number(14, 15), number(17, 18)
            if ((hours > 23) | (minutes > 59) | (seconds > 59)).any():
                return None
            clock = (hours.astype(np.int64) * 60 + minutes) * 60 + seconds
            out[done: done + rows] = (days * 86_400 + clock) * tick
        else:
            out[done: done + rows] = days * (86_400 * tick)
        done += rows
    return out.view(f"datetime64[{unit}]")
