"""Checks of what a caller hands in: arguments and tables; each failure raises one clear sentence.

Two kinds of check live here, both about the *input* of a function (the model validation
of forecasts against a holdout is :mod:`clvkit.validation`, a different idea):

* argument checks, :func:`check_choice` and :func:`check_number`, which name the
  parameter, what is allowed and what was given;
* table checks, :func:`validate_summary`, :func:`as_frame` and
  :func:`missing_columns_message`, which name the column, how many rows are affected,
  the first offending rows and what to do.

Every sentence comes from the ``checks.*`` keys of the catalogue, in the current language.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import ClvDataError
from .i18n import has, text

__all__ = [
    "as_frame",
    "check_choice",
    "check_number",
    "describe_rows",
    "missing_columns_message",
    "table_name",
    "validate_summary",
]

_SHOW = 3  # how many offending rows an error message quotes


# ------------------------------------------------------------------ arguments
def check_choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return `value` if it is one of `allowed`, else raise ClvDataError naming all of them.

    Examples
    --------
    >>> check_choice("timing", "end", ("begin", "end"))
    'end'
    """
    allowed = tuple(allowed)
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ClvDataError(text("checks.choice", name=name, options=options, value=repr(value)))
    return value


def check_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return `value` as a float if it is a finite number inside the given bounds.

    Bounds are closed unless `low_open` / `high_open` is set. The error names the
    parameter, the allowed range and the value given.

    Examples
    --------
    >>> check_number("margin", 0.3, low=0.0, high=1.0)
    0.3
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise ClvDataError(text("checks.not_number", name=name, value=repr(value)))
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ClvDataError(text("checks.not_number", name=name, value=repr(value))) from None
    if not math.isfinite(x):
        raise ClvDataError(text("checks.not_finite", name=name, value=repr(value)))
    bad_low = low is not None and (x <= low if low_open else x < low)
    bad_high = high is not None and (x >= high if high_open else x > high)
    if bad_low or bad_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ClvDataError(text("checks.range", name=name, interval=f"{left}{lo}, {hi}{right}", value=repr(value)))
    return x


# ------------------------------------------------------------------ tables
def table_name(what: str, lang: str | None = None) -> str:
    """The reader's name of a table that a message speaks of ("summary" -> "сводка по клиентам").

    Names the catalogue knows (``checks.what.<name>``) are translated; any other name is
    shown as given, so a caller may pass a name already in the reader's language.
    """
    key = f"checks.what.{what}"
    return text(key, lang) if has(key, lang) else str(what)


def _plain(value):
    """numpy scalars as plain Python values, so messages read 8 -> -2.0, not np.int64(8)."""
    import numpy as np

    return value.item() if isinstance(value, np.generic) else value


def describe_rows(frame, mask, column: str) -> str:
    """'3 rows (first: 17 -> -2.0, 40 -> -1.0, ...)': count and first offending labels/values."""
    import numpy as np

    idx = np.flatnonzero(mask)
    shown = ", ".join(f"{_plain(frame.index[i])!r} -> {_plain(frame[column].iloc[i])!r}" for i in idx[:_SHOW])
    more = ", ..." if len(idx) > _SHOW else ""
    return text("checks.rows", n=len(idx), shown=shown + more)


def missing_columns_message(missing: Sequence[str], available: Sequence[str], what: str) -> str:
    """One sentence naming the missing columns, the ones that exist, and close matches."""
    hints = []
    for name in missing:
        close = difflib.get_close_matches(str(name), [str(a) for a in available], n=1, cutoff=0.6)
        if not close:
            close = [a for a in map(str, available) if str(name).lower() in a.lower() or a.lower() in str(name).lower()][:1]
        if close:
            hints.append(text("checks.did_you_mean", name=repr(name), close=repr(close[0])))
    listed = ", ".join(repr(str(a)) for a in available) or text("checks.none")
    hint = (" " + " ".join(hints)) if hints else ""
    cols = ", ".join(repr(m) for m in missing)
    return text("checks.missing_columns", what=table_name(what), columns=cols, available=listed, hint=hint)


def require_frame(data, what: str, *, subject: str):
    """`data` if it is a non-empty DataFrame, else ClvDataError naming the argument.

    `subject` picks the catalogue's wording (``"plots"`` ends "nothing to draw",
    ``"diagnostics"`` "nothing to compute").
    """
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise ClvDataError(text(f"{subject}.not_a_frame", what=what, type=type(data).__name__))
    if len(data) == 0:
        raise ClvDataError(text(f"{subject}.empty", what=what))
    return data


def require_columns(table, columns, what: str, *, subject: str) -> None:
    """ClvDataError naming the missing columns and what the table has (wording from `subject`'s catalogue)."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ClvDataError(text(f"{subject}.missing_columns", what=what, columns=", ".join(map(repr, missing)),
                                available=", ".join(map(repr, map(str, table.columns)))))


def as_frame(data, what: str):
    """Accept a DataFrame (or a mapping of columns) and refuse anything else."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, Mapping):
        try:
            return pd.DataFrame(dict(data))
        except ValueError as exc:
            raise ClvDataError(text("checks.not_a_table", what=table_name(what), reason=str(exc))) from None
    raise ClvDataError(text("checks.not_a_frame", what=table_name(what), type=type(data).__name__))


def validate_summary(
    data,
    columns: Sequence[str],
    *,
    integer: Sequence[str] = ("frequency",),
    nonnegative: Sequence[str] | None = None,
    positive: Sequence[str] = (),
    what: str = "summary",
    ordered: Sequence[tuple[str, str]] = (("recency", "T"),),
) -> dict:
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
    what : str
        Name of the table in messages (see :func:`table_name`).
    ordered : sequence of (low, high)
        Pairs where low <= high must hold on every row (e.g. recency <= T).

    Returns
    -------
    dict of str -> ndarray
        The checked columns as float arrays.
    """
    import numpy as np
    import pandas as pd

    frame = as_frame(data, what)
    name = table_name(what)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(frame.columns), what))
    if len(frame) == 0:
        raise ClvDataError(text("checks.empty", what=name))
    out: dict[str, np.ndarray] = {}
    for col in columns:
        values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values)
        if bad.any():
            raise ClvDataError(text("checks.not_numeric", column=repr(col), what=name,
                                    rows=describe_rows(frame, bad, col)))
        out[col] = values
    for col in nonnegative if nonnegative is not None else columns:
        bad = out[col] < 0
        if bad.any():
            raise ClvDataError(text("checks.negative", column=repr(col), what=name,
                                    rows=describe_rows(frame, bad, col)))
    for col in positive:
        bad = out[col] <= 0
        if bad.any():
            raise ClvDataError(text("checks.not_positive", column=repr(col), what=name,
                                    rows=describe_rows(frame, bad, col)))
    for col in integer:
        bad = out[col] != np.round(out[col])
        if bad.any():
            raise ClvDataError(text("checks.not_whole", column=repr(col), what=name,
                                    rows=describe_rows(frame, bad, col)))
    for low, high in ordered:
        if low in out and high in out:
            bad = out[low] > out[high] * (1 + 1e-9) + 1e-12
            if bad.any():
                raise ClvDataError(text("checks.order", low=low, high=high, what=name,
                                        rows=describe_rows(frame, bad, low)))
    return out
