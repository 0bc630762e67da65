"""Frame helpers shared by the in-memory and the SQL summary paths and by the cohort tables.

Every module of ``clvkit.data`` that turns a transaction log into per-customer numbers
imports its small pieces from here (end dates, occasion keys, the holdout frame), so the
public front (:mod:`clvkit.data.summary`) can dispatch to either path without the paths
importing each other.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ..units import DAYS_PER_UNIT

#: purchase grain -> how a timestamp is floored to its occasion
PURCHASE_GRAINS = ("D", "W", "M", "exact")

NS_PER_DAY = 86_400 * 10**9


def check_choice(name: str, value, options: Sequence) -> None:
    """Refuse `value` unless it is one of `options`, naming the argument and the choices."""
    if value not in options:
        raise ClvDataError(text("err.choice", name=name, options=", ".join(repr(o) for o in options),
                                value=repr(value)))


def missing_columns_message(missing: Sequence[str], available: Sequence[str], what: str, *,
                            header_hint: bool = False) -> str:
    """One sentence naming the missing columns, the ones that exist, close matches and the fix."""
    hints = []
    named = [str(a) for a in available if str(a).strip()]
    for name in missing:
        close = difflib.get_close_matches(str(name), named, n=1, cutoff=0.6)
        if not close:
            close = [a for a in named if str(name).lower() in a.lower() or a.lower() in str(name).lower()][:1]
        if close:
            hints.append(text("data.did_you_mean", name=repr(name), close=repr(close[0])))
    listed = ", ".join(repr(str(a)) for a in available) or "–"
    return text(
        "data.missing_column",
        what=what,
        columns=", ".join(repr(m) for m in missing),
        available=listed,
        hint="".join(" " + h for h in hints),
        fix=text("data.fix_header_row" if header_hint else "data.fix_rename"),
    )


def parse_end(value, name: str) -> pd.Timestamp:
    """A whole day given as `name` (observation_end, calibration_end), as a naive Timestamp."""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        ts = pd.NaT
    if ts is pd.NaT or pd.isna(ts):
        raise ClvDataError(text("data.end_not_a_date", name=name, value=repr(value)))
    ts = ts.tz_localize(None) if ts.tzinfo is not None else ts
    if ts != ts.normalize():
        raise ClvDataError(text("data.end_not_a_day", name=name, value=repr(value)))
    return ts.as_unit("ns")


def day_after(end: pd.Timestamp) -> np.datetime64:
    """Exclusive upper bound of an observation window that includes the whole day `end`."""
    return (end.normalize() + pd.Timedelta(days=1)).to_datetime64().astype("datetime64[ns]")


def occasion_keys(dates: np.ndarray, grain: str) -> np.ndarray:
    """Integer key of the occasion each timestamp belongs to (ns since epoch of its start)."""
    ns = dates.astype("datetime64[ns]").astype(np.int64)
    if grain == "exact":
        return ns
    if grain == "D":
        return ns - ns % NS_PER_DAY
    if grain == "W":  # ISO weeks start on Monday; 1970-01-01 was a Thursday
        days = ns // NS_PER_DAY
        return (days - (days + 3) % 7) * NS_PER_DAY
    months = dates.astype("datetime64[ns]").astype("datetime64[M]")
    return months.astype("datetime64[ns]").astype(np.int64)


def end_key(end: pd.Timestamp, grain: str) -> int:
    """Where time stops for a window ending on the whole day `end`, on the clock of `grain`.

    Times are measured between occasion starts: the start of the period holding `end` for
    days, weeks and months, the end of the day for exact timestamps. T and the holdout
    duration both use this, so calibration T plus the holdout duration is the full T.
    """
    if grain == "exact":
        return int(day_after(end).astype(np.int64))
    return int(occasion_keys(np.array([end.to_datetime64()], dtype="datetime64[ns]"), grain)[0])


def unit_ns(time_unit: str) -> float:
    """Length of one `time_unit` in nanoseconds."""
    return DAYS_PER_UNIT[time_unit] * NS_PER_DAY


def _by_customer_then_time(codes: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The order of ``np.lexsort((keys, codes))``: by customer, then time, then row (stable).

    When customer code, time (in whole days, or ns) and row fit in 63 bits together, one
    integer per row is sorted instead (about twice as fast as lexsort on millions of rows);
    the row in the low bits makes every integer unique, so the order is the same.
    """
    n = len(codes)
    if n < 2:
        return np.arange(n)
    low = int(keys.min())
    span = keys - low
    step = NS_PER_DAY if not (span % NS_PER_DAY).any() else 1
    ticks = span // step if step != 1 else span
    bits_code, bits_time, bits_row = (int(v).bit_length() for v in (codes.max(), ticks.max(), n - 1))
    if bits_code + bits_time + bits_row > 63:
        return np.lexsort((keys, codes))
    key = codes.astype(np.int64) << (bits_time + bits_row)
    key |= ticks << bits_row
    key |= np.arange(n, dtype=np.int64)
    key.sort()
    key &= (1 << bits_row) - 1
    return key


def occasions(tx: pd.DataFrame, grain: str):
    """Collapse rows into occasions: (customer codes, uniques, occasion time ns, occasion amount, rows)."""
    codes, uniques = pd.factorize(tx["customer_id"], sort=True)
    keys = occasion_keys(tx["date"].to_numpy(), grain)
    amounts = tx["amount"].to_numpy(dtype=float)
    order = _by_customer_then_time(codes, keys)
    codes, keys, amounts = codes[order], keys[order], amounts[order]
    n = len(codes)
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = (codes[1:] != codes[:-1]) | (keys[1:] != keys[:-1])
    starts = np.flatnonzero(new)
    occ_amount = np.add.reduceat(amounts, starts) if n else amounts
    rows_per_occ = np.diff(np.append(starts, n))
    return codes[starts], uniques, keys[starts], occ_amount, rows_per_occ


def per_customer(codes, n_customers, keys, amounts, rows):
    """First/last occasion, counts and sums per customer from occasion arrays sorted by customer."""
    n_occ = np.bincount(codes, minlength=n_customers)
    cust_start = np.concatenate(([0], np.cumsum(n_occ)[:-1]))
    present = n_occ > 0
    first_key = np.zeros(n_customers, dtype=np.int64)
    last_key = np.zeros(n_customers, dtype=np.int64)
    first_amount = np.zeros(n_customers)
    first_key[present] = keys[cust_start[present]]
    last_key[present] = keys[cust_start[present] + n_occ[present] - 1]
    first_amount[present] = amounts[cust_start[present]]
    total = np.bincount(codes, weights=amounts, minlength=n_customers)
    n_rows = np.bincount(codes, weights=rows, minlength=n_customers).astype(np.int64)
    return n_occ, first_key, last_key, first_amount, total, n_rows


def check_holdout_order(cal_end: pd.Timestamp, end: pd.Timestamp) -> None:
    """The holdout period runs from the day after calibration_end to observation_end."""
    if end <= cal_end:
        raise ClvDataError(text("data.holdout_order", end=end.date(), cal_end=cal_end.date()))


def holdout_frame(calibration: pd.DataFrame, ids, counts, sums, *, cal_end: pd.Timestamp, end: pd.Timestamp,
                  time_unit: str, purchase_grain: str) -> pd.DataFrame:
    """The holdout frame on the calibration index from occasion counts and amounts of the buyers `ids`.

    ``duration_holdout`` is measured on the clock of T (between occasion starts of the
    purchase grain), so that calibration T plus the holdout duration equals the T of a
    summary to `end`.
    """
    holdout = pd.DataFrame({"frequency_holdout": 0, "monetary_value_holdout": 0.0}, index=calibration.index)
    if len(ids):
        counts = np.asarray(counts, dtype=np.int64)
        idx = calibration.index.get_indexer(ids)
        holdout.iloc[idx, 0] = counts
        holdout.iloc[idx, 1] = np.asarray(sums, dtype=float) / counts
    holdout["frequency_holdout"] = holdout["frequency_holdout"].astype(np.int64)
    span = end_key(end, purchase_grain) - end_key(cal_end, purchase_grain)
    holdout["duration_holdout"] = span / unit_ns(time_unit)
    holdout.attrs = {**calibration.attrs, "calibration_end": str(cal_end.date()), "observation_end": str(end.date())}
    return holdout
