"""cohort_table: cohorts by first purchase; unobservable cells are NaN, never 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import ClvDataError


def small_log():
    return ck.load_transactions(pd.DataFrame({
        "customer_id": [1, 1, 2, 3, 3, 3],
        "date": ["2024-01-03", "2024-02-10", "2024-01-20", "2024-02-05", "2024-03-01", "2024-04-30"],
        "amount": [10.0, 20.0, 5.0, 7.0, 8.0, 9.0],
    }))


def test_retention_counts_and_revenue_by_hand():
    tx = small_log()
    retention = ck.cohort_table(tx, period="M", metric="retention")
    customers = ck.cohort_table(tx, period="M", metric="customers")
    revenue = ck.cohort_table(tx, period="M", metric="revenue")
    jan, feb = pd.Period("2024-01", "M"), pd.Period("2024-02", "M")
    assert customers.loc[jan, 0] == 2 and customers.loc[jan, 1] == 1 and customers.loc[jan, 2] == 0
    assert retention.loc[jan].tolist()[:3] == [1.0, 0.5, 0.0]
    assert revenue.loc[jan, 0] == pytest.approx(15.0) and revenue.loc[feb, 1] == pytest.approx(8.0)
    assert retention.attrs["cohort_size"] == {jan: 2, feb: 1}


def test_cells_not_yet_observable_are_nan_not_zero():
    t = ck.cohort_table(small_log(), period="M", metric="customers")
    feb = pd.Period("2024-02", "M")
    # April 2024 is complete (the log ends on its last day): Feb cohort sees ages 0..2 only
    assert t.loc[feb, 2] == 1
    assert np.isnan(t.loc[feb, 3])


def test_incomplete_last_period_is_hidden_by_default(cdnow_transactions):
    t = ck.cohort_table(cdnow_transactions, period="M", observation_end="1997-06-15")
    assert t.columns.max() == 4  # January cohort: Jan..May complete; June partly observed
    assert ck.cohort_table(cdnow_transactions, period="M", observation_end="1997-06-15",
                           complete_periods_only=False).columns.max() == 5


def test_cdnow_monthly_retention_shape(cdnow_transactions):
    t = ck.cohort_table(cdnow_transactions, period="M")
    assert list(t.index.astype(str)) == ["1997-01", "1997-02", "1997-03"]
    assert (t[0] == 1.0).all()
    assert t.iloc[:, 1:].max().max() < 0.2


def test_unknown_metric_is_refused():
    with pytest.raises(ClvDataError, match="metric must be one of"):
        ck.cohort_table(small_log(), metric="profit")
