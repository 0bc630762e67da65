"""Per-customer recency-frequency-monetary summaries, the input of every model.

Conventions (Fader, Hardie & Lee 2005; implemented exactly):

- purchases in the same ``purchase_grain`` period (default a calendar day) are one
  purchase occasion and their amounts add up;
- ``frequency`` is the number of *repeat* occasions: occasions minus one;
- ``recency`` is the time from the first to the last occasion and ``T`` the time
  from the first occasion to ``observation_end``, both in ``time_unit``;
- ``monetary_value`` is the mean value of the repeat occasions (the first is left
  out), 0 when ``frequency`` is 0.

Transactions after ``observation_end`` are left out. The summary records its
``time_unit``, ``purchase_grain`` and ``observation_end`` in ``DataFrame.attrs`` so
models can refuse data measured in another unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_choice
from ..errors import ClvDataError
from ..units import DAYS_PER_UNIT, check_time_unit

__all__ = ["summarize", "split_calibration_holdout", "PURCHASE_GRAINS"]

#: purchase grain -> how a timestamp is floored to its occasion
PURCHASE_GRAINS = ("D", "W", "M", "exact")

_NS_PER_DAY = 86_400 * 10**9


def _as_transactions(tx) -> pd.DataFrame:
    """Accept a validated log cheaply; validate anything else with load_transactions."""
    if (
        isinstance(tx, pd.DataFrame)
        and {"customer_id", "date", "amount"} <= set(tx.columns)
        and pd.api.types.is_datetime64_dtype(tx["date"])
        and pd.api.types.is_float_dtype(tx["amount"])
        and len(tx) > 0
        and not tx["customer_id"].isna().any()
        and not tx["date"].isna().any()
        and np.isfinite(tx["amount"].to_numpy()).all()
        and (tx["amount"].to_numpy() >= 0).all()
    ):
        return tx
    from .transactions import load_transactions

    if isinstance(tx, pd.DataFrame):
        return load_transactions(tx)
    raise ClvDataError(
        f"summarize needs a transaction DataFrame from clvkit.load_transactions (or a file path given to "
        f"it); got {type(tx).__name__}."
    )


def _parse_end(value, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ClvDataError(f"{name} must be a date such as '1997-09-30'; got {value!r}.") from None
    if ts is pd.NaT or pd.isna(ts):
        raise ClvDataError(f"{name} must be a date such as '1997-09-30'; got {value!r}.")
    ts = ts.tz_localize(None) if ts.tzinfo is not None else ts
    if ts != ts.normalize():
        raise ClvDataError(
            f"{name} must be a whole day such as '1997-09-30' (the whole day is included); got {value!r}."
        )
    return ts


def _day_after(end: pd.Timestamp) -> np.datetime64:
    """Exclusive upper bound of an observation window that includes the whole day `end`."""
    return (end.normalize() + pd.Timedelta(days=1)).to_datetime64()


def _is_table_source(tx) -> bool:
    """File paths, globs and DuckDB relations are summarised in DuckDB, out of memory."""
    from .sql import is_table_source

    return not isinstance(tx, pd.DataFrame) and is_table_source(tx)


def _occasion_keys(dates: np.ndarray, grain: str) -> np.ndarray:
    """Integer key of the occasion each timestamp belongs to (ns since epoch of its start)."""
    ns = dates.astype("datetime64[ns]").astype(np.int64)
    if grain == "exact":
        return ns
    if grain == "D":
        return ns - ns % _NS_PER_DAY
    if grain == "W":  # ISO weeks start on Monday; 1970-01-01 was a Thursday
        days = ns // _NS_PER_DAY
        return (days - (days + 3) % 7) * _NS_PER_DAY
    months = dates.astype("datetime64[M]")
    return months.astype("datetime64[ns]").astype(np.int64)


def _occasions(tx: pd.DataFrame, grain: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Collapse rows into occasions: (customer codes, uniques, occasion time ns, occasion amount, rows)."""
    codes, uniques = pd.factorize(tx["customer_id"], sort=True)
    keys = _occasion_keys(tx["date"].to_numpy(), grain)
    amounts = tx["amount"].to_numpy(dtype=float)
    order = np.lexsort((keys, codes))
    codes, keys, amounts = codes[order], keys[order], amounts[order]
    n = len(codes)
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = (codes[1:] != codes[:-1]) | (keys[1:] != keys[:-1])
    starts = np.flatnonzero(new)
    occ_amount = np.add.reduceat(amounts, starts) if n else amounts
    rows_per_occ = np.diff(np.append(starts, n))
    return codes[starts], uniques, keys[starts], occ_amount, rows_per_occ


def _per_customer(codes, n_customers, keys, amounts, rows):
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


def summarize(
    tx,
    *,
    observation_end=None,
    time_unit: str = "W",
    purchase_grain: str = "D",
) -> pd.DataFrame:
    """One row per customer: frequency, recency, T and monetary value, and more.

    Transactions dated after `observation_end` are left out, as are customers whose
    first purchase comes after it.

    Parameters
    ----------
    tx : DataFrame, path or DuckDB relation
        A transaction log from :func:`clvkit.load_transactions` (columns customer_id,
        date, amount); other DataFrames are validated first. A Parquet/CSV path or
        glob, or a DuckDB relation, is summarised inside DuckDB without loading the
        log into memory (:func:`clvkit.data.summarize_duckdb`; needs ``clvkit[scale]``).
    observation_end : date-like, optional
        Last day of the observation window (the whole day is included). Default: the
        day of the last purchase.
    time_unit : {"D", "W", "M", "Q", "Y"}
        Unit of recency and T; weeks by default, as in the papers.
    purchase_grain : {"D", "W", "M", "exact"}
        Purchases in the same calendar day (week, month; or the same timestamp) are
        one purchase occasion.

    Returns
    -------
    DataFrame
        Index customer_id; columns frequency, recency, T, monetary_value,
        first_purchase, n_transactions, total_amount. ``attrs`` records time_unit,
        purchase_grain and observation_end.

    Examples
    --------
    >>> import clvkit as ck
    >>> tx = ck.datasets.load_cdnow_transactions()
    >>> s = ck.summarize(tx, observation_end="1997-09-30")
    >>> len(s), int(s["frequency"].sum())
    (2357, 2457)

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the
    easy way: an alternative to the Pareto/NBD model. Marketing Science 24(2).
    """
    unit = check_time_unit(time_unit)
    check_choice("purchase_grain", purchase_grain, PURCHASE_GRAINS)
    if _is_table_source(tx):
        from .sql import summarize_duckdb

        return summarize_duckdb(tx, observation_end=observation_end, time_unit=unit, purchase_grain=purchase_grain)
    tx = _as_transactions(tx)
    end = tx["date"].max().normalize() if observation_end is None else _parse_end(observation_end, "observation_end")
    window = tx.loc[tx["date"].to_numpy() < _day_after(end)]
    if len(window) == 0:
        raise ClvDataError(
            f"No purchases fall on or before observation_end={end.date()}; the log starts on "
            f"{tx['date'].min().date()}: choose a later observation_end."
        )
    codes, uniques, keys, amounts, rows = _occasions(window, purchase_grain)
    n_customers = len(uniques)
    n_occ, first_key, last_key, first_amount, total, n_rows = _per_customer(codes, n_customers, keys, amounts, rows)
    # Time runs between occasion starts, so all purchases of one day count from that day;
    # exact timestamps run to the end of the observation day.
    unit_ns = DAYS_PER_UNIT[unit] * _NS_PER_DAY
    if purchase_grain == "exact":
        end_ns = _day_after(end).astype("datetime64[ns]").astype(np.int64)
    else:
        end_ns = _occasion_keys(np.array([end.to_datetime64()]), purchase_grain)[0]
    frequency = n_occ - 1
    repeat_value = total - first_amount
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(frequency > 0, repeat_value / np.maximum(frequency, 1), 0.0)
    summary = pd.DataFrame(
        {
            "frequency": frequency.astype(np.int64),
            "recency": (last_key - first_key) / unit_ns,
            "T": (end_ns - first_key) / unit_ns,
            "monetary_value": monetary,
            "first_purchase": pd.to_datetime(first_key),
            "n_transactions": n_rows,
            "total_amount": total,
        },
        index=pd.Index(uniques, name="customer_id"),
    )
    summary.attrs = {
        "time_unit": unit,
        "purchase_grain": purchase_grain,
        "observation_end": str(end.date()),
    }
    return summary


def split_calibration_holdout(
    tx,
    *,
    calibration_end,
    observation_end=None,
    time_unit: str = "W",
    purchase_grain: str = "D",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Summarise a calibration period and count what the same customers did afterwards.

    Customers first seen after `calibration_end` are left out of both frames.

    Parameters
    ----------
    tx : DataFrame
        A transaction log from :func:`clvkit.load_transactions`.
    calibration_end : date-like
        Last day of the calibration period (inclusive).
    observation_end : date-like, optional
        Last day of the holdout period (inclusive). Default: the last purchase date.
    time_unit, purchase_grain : str
        As in :func:`summarize`.

    Returns
    -------
    (DataFrame, DataFrame)
        The calibration summary, and a holdout frame on the same index with
        frequency_holdout (occasions in the holdout period), monetary_value_holdout
        (their mean value, 0 when none) and duration_holdout (its length in time_unit).

    Examples
    --------
    >>> import clvkit as ck
    >>> cal, hold = ck.split_calibration_holdout(ck.datasets.load_cdnow_transactions(),
    ...     calibration_end="1997-09-30", observation_end="1998-06-30")
    >>> round(float(hold["duration_holdout"].iloc[0]), 2)
    39.0
    """
    unit = check_time_unit(time_unit)
    if _is_table_source(tx):
        from .sql import split_calibration_holdout_duckdb

        return split_calibration_holdout_duckdb(tx, calibration_end=calibration_end, observation_end=observation_end,
                                                time_unit=unit, purchase_grain=purchase_grain)
    check_choice("purchase_grain", purchase_grain, PURCHASE_GRAINS)
    tx = _as_transactions(tx)
    cal_end = _parse_end(calibration_end, "calibration_end")
    end = tx["date"].max().normalize() if observation_end is None else _parse_end(observation_end, "observation_end")
    if end <= cal_end:
        raise ClvDataError(
            f"observation_end ({end.date()}) must come after calibration_end ({cal_end.date()}); the holdout "
            f"period is the time between them."
        )
    calibration = summarize(tx, observation_end=cal_end, time_unit=unit, purchase_grain=purchase_grain)
    dates = tx["date"].to_numpy()
    in_holdout = (dates >= _day_after(cal_end)) & (dates < _day_after(end))
    later = tx.loc[in_holdout]
    later = later.loc[later["customer_id"].isin(calibration.index)]
    ids, counts, sums = later["customer_id"].to_numpy(), np.zeros(0, dtype=np.int64), np.zeros(0)
    if len(later):
        codes, ids, _keys, amounts, _rows = _occasions(later, purchase_grain)
        counts = np.bincount(codes, minlength=len(ids))
        sums = np.bincount(codes, weights=amounts, minlength=len(ids))
    return calibration, holdout_frame(calibration, ids, counts, sums, cal_end=cal_end, end=end, time_unit=unit)


def holdout_frame(calibration: pd.DataFrame, ids, counts, sums, *, cal_end: pd.Timestamp, end: pd.Timestamp,
                  time_unit: str) -> pd.DataFrame:
    """The holdout frame on the calibration index from occasion counts and amounts of the buyers `ids`."""
    holdout = pd.DataFrame({"frequency_holdout": 0, "monetary_value_holdout": 0.0}, index=calibration.index)
    if len(ids):
        counts = np.asarray(counts, dtype=np.int64)
        idx = calibration.index.get_indexer(ids)
        holdout.iloc[idx, 0] = counts
        holdout.iloc[idx, 1] = np.asarray(sums, dtype=float) / counts
    holdout["frequency_holdout"] = holdout["frequency_holdout"].astype(np.int64)
    holdout["duration_holdout"] = (end - cal_end) / pd.Timedelta(days=DAYS_PER_UNIT[time_unit])
    holdout.attrs = {**calibration.attrs, "calibration_end": str(cal_end.date()), "observation_end": str(end.date())}
    return holdout
