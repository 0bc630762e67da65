"""Validation of per-customer summaries handed to models and valuation functions.

Each failure raises ClvDataError with one sentence naming the column, how many rows
are affected, the first offending rows and what to do.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import ClvDataError

_SHOW = 3  # how many offending rows an error message quotes


def _plain(value):
    """numpy scalars as plain Python values, so messages read 8 -> -2.0, not np.int64(8)."""
    return value.item() if isinstance(value, np.generic) else value


def describe_rows(frame: pd.DataFrame, mask: np.ndarray, column: str) -> str:
    """'3 rows (first: 17 -> -2.0, 40 -> -1.0, ...)': count and first offending labels/values."""
    idx = np.flatnonzero(mask)
    shown = ", ".join(f"{_plain(frame.index[i])!r} -> {_plain(frame[column].iloc[i])!r}" for i in idx[:_SHOW])
    more = ", ..." if len(idx) > _SHOW else ""
    noun = "row" if len(idx) == 1 else "rows"
    return f"{len(idx)} {noun} (first: {shown}{more})"


def missing_columns_message(missing: Sequence[str], available: Sequence[str], what: str) -> str:
    """One sentence naming the missing columns, the ones that exist, and close matches."""
    hints = []
    for name in missing:
        close = difflib.get_close_matches(str(name), [str(a) for a in available], n=1, cutoff=0.6)
        if not close:
            close = [a for a in map(str, available) if str(name).lower() in a.lower() or a.lower() in str(name).lower()][:1]
        if close:
            hints.append(f"{name!r} -> did you mean {close[0]!r}?")
    listed = ", ".join(repr(str(a)) for a in available) or "none"
    hint = (" " + " ".join(hints)) if hints else ""
    cols = ", ".join(repr(m) for m in missing)
    return (
        f"The {what} has no column {cols}; it has {listed}.{hint} "
        f"Rename the column or pass its name as an argument."
    )


def as_frame(data, what: str) -> pd.DataFrame:
    """Accept a DataFrame (or a mapping of columns) and refuse anything else."""
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, Mapping):
        try:
            return pd.DataFrame(dict(data))
        except ValueError as exc:
            raise ClvDataError(f"The {what} could not be turned into a table: {exc}.") from None
    raise ClvDataError(
        f"The {what} must be a pandas DataFrame (one row per customer); got {type(data).__name__}."
    )


def validate_summary(
    data,
    columns: Sequence[str],
    *,
    integer: Sequence[str] = ("frequency",),
    nonnegative: Sequence[str] | None = None,
    positive: Sequence[str] = (),
    what: str = "summary",
    ordered: Sequence[tuple[str, str]] = (("recency", "T"),),
) -> dict[str, np.ndarray]:
    """Check a per-customer table and return its columns as float arrays.

    Parameters
    ----------
    data : DataFrame
        One row per customer.
    columns : sequence of str
        Columns that must be present.
    integer : sequence of str
        Columns that must hold whole numbers (counts).
    nonnegative : sequence of str, optional
        Columns that must be >= 0 (default: all `columns`).
    positive : sequence of str
        Columns that must be > 0.
    ordered : sequence of (low, high)
        Pairs where low <= high must hold on every row (e.g. recency <= T).
    """
    frame = as_frame(data, what)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(frame.columns), what))
    if len(frame) == 0:
        raise ClvDataError(f"The {what} is empty; it needs at least one customer row.")
    out: dict[str, np.ndarray] = {}
    for col in columns:
        raw = frame[col]
        values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values)
        if bad.any():
            raise ClvDataError(
                f"Column {col!r} of the {what} has missing, non-numeric or infinite values in "
                f"{describe_rows(frame, bad, col)}; fill or drop those customers first."
            )
        out[col] = values
    for col in nonnegative if nonnegative is not None else columns:
        bad = out[col] < 0
        if bad.any():
            raise ClvDataError(
                f"Column {col!r} of the {what} must not be negative; it is in {describe_rows(frame, bad, col)}: "
                f"recompute the summary with clvkit.summarize."
            )
    for col in positive:
        bad = out[col] <= 0
        if bad.any():
            raise ClvDataError(
                f"Column {col!r} of the {what} must be greater than 0; it is not in {describe_rows(frame, bad, col)}: "
                f"drop those customers or recompute the summary."
            )
    for col in integer:
        bad = out[col] != np.round(out[col])
        if bad.any():
            raise ClvDataError(
                f"Column {col!r} of the {what} must hold whole numbers (it counts repeat purchases); it does not "
                f"in {describe_rows(frame, bad, col)}."
            )
    for low, high in ordered:
        if low in out and high in out:
            bad = out[low] > out[high] * (1 + 1e-9) + 1e-12
            if bad.any():
                raise ClvDataError(
                    f"Column {low!r} of the {what} exceeds {high!r} in {describe_rows(frame, bad, low)}; "
                    f"{low} can never be larger than {high}: check the observation end and time unit."
                )
    return out
