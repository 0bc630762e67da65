"""The in-memory summary path: pandas/numpy, vectorised, one pass over the log.

:func:`clvkit.summarize` and :func:`clvkit.split_calibration_holdout` call these for
DataFrames; the SQL path (:mod:`clvkit.data.sql`) computes the same numbers in DuckDB or
Spark. Both share their conventions through :mod:`clvkit.data._frame`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ._frame import check_holdout_order, day_after, end_key, holdout_frame, occasions, parse_end, per_customer, unit_ns
from .transactions import as_transactions

__all__ = ["summarize_frame", "split_frame"]


def summarize_frame(tx, *, observation_end, time_unit: str, purchase_grain: str,
                    end_name: str = "observation_end") -> pd.DataFrame:
    """The summary of a transaction DataFrame (see :func:`clvkit.summarize`); `end_name` names the end in errors."""
    tx = as_transactions(tx)
    end = tx["date"].max().normalize() if observation_end is None else parse_end(observation_end, end_name)
    window = tx.loc[tx["date"].to_numpy() < day_after(end)]
    if len(window) == 0:
        raise ClvDataError(text("data.no_purchases_before", name=end_name, end=end.date(),
                                start=tx["date"].min().date()))
    codes, uniques, keys, amounts, rows = occasions(window, purchase_grain)
    n_customers = len(uniques)
    n_occ, first_key, last_key, first_amount, total, n_rows = per_customer(codes, n_customers, keys, amounts, rows)
    # Time runs between occasion starts, so all purchases of one day count from that day;
    # exact timestamps run to the end of the observation day.
    unit = unit_ns(time_unit)
    end_ns = end_key(end, purchase_grain)
    frequency = n_occ - 1
    repeat_value = total - first_amount
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(frequency > 0, repeat_value / np.maximum(frequency, 1), 0.0)
    summary = pd.DataFrame(
        {
            "frequency": frequency.astype(np.int64),
            "recency": (last_key - first_key) / unit,
            "T": (end_ns - first_key) / unit,
            "monetary_value": monetary,
            "first_purchase": pd.to_datetime(first_key),
            "n_transactions": n_rows,
            "total_amount": total,
        },
        index=pd.Index(uniques, name="customer_id"),
    )
    summary.attrs = {
        "time_unit": time_unit,
        "purchase_grain": purchase_grain,
        "observation_end": str(end.date()),
    }
    return summary


def split_frame(tx, *, calibration_end, observation_end, time_unit: str,
                purchase_grain: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Calibration summary and holdout frame of a transaction DataFrame (see :func:`clvkit.split_calibration_holdout`)."""
    tx = as_transactions(tx)
    cal_end = parse_end(calibration_end, "calibration_end")
    end = tx["date"].max().normalize() if observation_end is None else parse_end(observation_end, "observation_end")
    check_holdout_order(cal_end, end)
    calibration = summarize_frame(tx, observation_end=cal_end, time_unit=time_unit, purchase_grain=purchase_grain,
                                  end_name="calibration_end")
    dates = tx["date"].to_numpy()
    in_holdout = (dates >= day_after(cal_end)) & (dates < day_after(end))
    later = tx.loc[in_holdout]
    later = later.loc[later["customer_id"].isin(calibration.index)]
    ids, counts, sums = later["customer_id"].to_numpy(), np.zeros(0, dtype=np.int64), np.zeros(0)
    if len(later):
        codes, ids, _keys, amounts, _rows = occasions(later, purchase_grain)
        counts = np.bincount(codes, minlength=len(ids))
        sums = np.bincount(codes, weights=amounts, minlength=len(ids))
    return calibration, holdout_frame(calibration, ids, counts, sums, cal_end=cal_end, end=end, time_unit=time_unit,
                                      purchase_grain=purchase_grain)
