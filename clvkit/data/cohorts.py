"""Acquisition cohorts: customers grouped by the period of their first purchase.

A cohort table has one row per cohort and one column per period since acquisition
(0 = the acquisition period). Cells a cohort has not reached yet are NaN, never 0,
so a young cohort is not mistaken for one that stopped buying.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._frame import check_choice, day_after, parse_end
from .transactions import as_transactions

__all__ = ["cohort_table", "COHORT_METRICS"]

COHORT_METRICS = ("retention", "customers", "revenue", "revenue_per_customer")
_PERIODS = ("W", "M", "Q", "Y")


def cohort_table(
    tx,
    *,
    period: str = "M",
    metric: str = "retention",
    observation_end=None,
    complete_periods_only: bool = True,
) -> pd.DataFrame:
    """Cohort x periods-since-acquisition table of retention, active customers or revenue.

    Parameters
    ----------
    tx : DataFrame
        A transaction log from :func:`clvkit.load_transactions`.
    period : {"W", "M", "Q", "Y"}
        Calendar period of cohorts and columns (weeks start on Monday).
    metric : {"retention", "customers", "revenue", "revenue_per_customer"}
        retention: share of the cohort that bought in the period (1.0 in period 0);
        customers: how many bought; revenue: their total spend; revenue_per_customer:
        revenue divided by the cohort's size at acquisition.
    observation_end : date-like, optional
        Last day observed (default: the last purchase date); later purchases are left out.
    complete_periods_only : bool
        Show only periods that ended by `observation_end`; a partly observed last period
        would look like a drop in retention.

    Returns
    -------
    DataFrame
        Index ``cohort`` (period of acquisition, as a pandas Period), columns
        ``0, 1, 2, ...`` (periods since acquisition) and an attribute
        ``attrs["cohort_size"]`` with customers acquired per cohort. Unobservable
        cells are NaN.

    Examples
    --------
    >>> import clvkit as ck
    >>> t = ck.cohort_table(ck.datasets.load_cdnow_transactions(), period="M")
    >>> float(t.iloc[0, 0])
    1.0
    """
    check_choice("period", period, _PERIODS)
    check_choice("metric", metric, COHORT_METRICS)
    tx = as_transactions(tx)
    end = tx["date"].max().normalize() if observation_end is None else parse_end(observation_end, "observation_end")
    tx = tx.loc[tx["date"].to_numpy() < day_after(end)]
    periods = tx["date"].dt.to_period(period)
    ordinal = periods.array.asi8
    first = pd.Series(ordinal).groupby(tx["customer_id"].to_numpy()).transform("min").to_numpy()
    age = ordinal - first
    frame = pd.DataFrame(
        {"cohort": first, "age": age, "customer_id": tx["customer_id"].to_numpy(), "amount": tx["amount"].to_numpy()}
    )
    sizes = frame.groupby("cohort")["customer_id"].nunique()
    if metric == "revenue":
        table = frame.pivot_table(index="cohort", columns="age", values="amount", aggfunc="sum", fill_value=0.0)
    else:
        active = frame.groupby(["cohort", "age"])["customer_id"].nunique()
        table = active.unstack("age", fill_value=0).astype(float)
        if metric == "revenue_per_customer":
            revenue = frame.pivot_table(index="cohort", columns="age", values="amount", aggfunc="sum", fill_value=0.0)
            table = revenue.div(sizes, axis=0)
        elif metric == "retention":
            table = table.div(sizes, axis=0)
    end_period = pd.Period(end, freq=period)
    last_complete = end_period.ordinal if (end_period.end_time.normalize() <= end.normalize()) else end_period.ordinal - 1
    last_observed = last_complete if complete_periods_only else end_period.ordinal
    max_age = int(max(last_observed - sizes.index.min(), 0))
    table = table.reindex(columns=range(max_age + 1), fill_value=0.0).astype(float)
    ages = np.arange(max_age + 1)
    unobservable = sizes.index.to_numpy()[:, None] + ages[None, :] > last_observed
    table = table.mask(unobservable)
    table = table.loc[:, ~unobservable.all(axis=0)] if unobservable.all(axis=0).any() else table
    table.index = pd.PeriodIndex([pd.Period(ordinal=int(o), freq=period) for o in sizes.index], name="cohort")
    table.index.name = "cohort"
    table.columns.name = "periods_since_acquisition"
    table.attrs = {"metric": metric, "period": period, "cohort_size": sizes.set_axis(table.index).to_dict(),
                   "observation_end": str(end.date())}
    return table
