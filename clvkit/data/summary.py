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

This module is the public front: DataFrames go to the in-memory path
(:mod:`clvkit.data._memory`), file paths, globs and DuckDB relations to the SQL path
(:mod:`clvkit.data.sql`); both take their shared pieces from :mod:`clvkit.data._frame`.
"""

from __future__ import annotations

from ..units import check_time_unit
from ._frame import PURCHASE_GRAINS, check_choice
from .sql import is_table_source

__all__ = ["summarize", "split_calibration_holdout", "PURCHASE_GRAINS"]


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
        log into memory (:func:`clvkit.data.summarize_duckdb`; needs ``clvkit-course[scale]``).
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
    if is_table_source(tx):
        from .sql import summarize_duckdb

        return summarize_duckdb(tx, observation_end=observation_end, time_unit=unit, purchase_grain=purchase_grain)
    from ._memory import summarize_frame

    return summarize_frame(tx, observation_end=observation_end, time_unit=unit, purchase_grain=purchase_grain)


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
    tx : DataFrame, path or DuckDB relation
        A transaction log from :func:`clvkit.load_transactions`; a Parquet/CSV path or
        glob, or a DuckDB relation, is split inside DuckDB.
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
        (their mean value, 0 when none) and duration_holdout (its length in time_unit,
        measured like T between occasion starts of `purchase_grain`, so that calibration T
        plus duration_holdout is the T of a summary to `observation_end`).

    Examples
    --------
    >>> import clvkit as ck
    >>> cal, hold = ck.split_calibration_holdout(ck.datasets.load_cdnow_transactions(),
    ...     calibration_end="1997-09-30", observation_end="1998-06-30")
    >>> round(float(hold["duration_holdout"].iloc[0]), 2)
    39.0
    """

    unit = check_time_unit(time_unit)
    check_choice("purchase_grain", purchase_grain, PURCHASE_GRAINS)
    if is_table_source(tx):
        from .sql import split_calibration_holdout_duckdb

        return split_calibration_holdout_duckdb(tx, calibration_end=calibration_end, observation_end=observation_end,
                                                time_unit=unit, purchase_grain=purchase_grain)
    from ._memory import split_frame

    return split_frame(tx, calibration_end=calibration_end, observation_end=observation_end, time_unit=unit,
                       purchase_grain=purchase_grain)
