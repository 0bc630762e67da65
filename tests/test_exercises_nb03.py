"""Notebook 03's decisions, recomputed another way: the programme offers by an explicit yearly sum, the
satisfaction verdict from the simulated shop's purchases read directly, and the figures the explanations
quote."""

from __future__ import annotations

import pandas as pd
import pytest

import clvkit as ck
from clvkit import teach
from clvkit._exercises import nb03


def clv_by_sum(margin, cost, retention, discount=0.10, years=2000):
    """Margin net of the retention cost, for a customer still there after t years, discounted, summed."""
    return sum((margin - cost) * retention ** t / (1 + discount) ** t for t in range(1, years + 1))


def test_programme_a_pays_and_b_falls_just_short_of_no_programme():
    without = clv_by_sum(150, 0, 0.80)
    with_a, with_b = clv_by_sum(150, 45, 0.90), clv_by_sum(150, 20, 0.83)
    assert without == pytest.approx(400.0) and with_a == pytest.approx(472.5)
    assert with_b == pytest.approx(399.63, abs=0.01) and with_b < without < with_a
    assert teach.get("03.1").value() == ("A", "r2")


def test_the_explanations_of_03_1_quote_the_computed_figures():
    ex = teach.get("03.1")
    text = " ".join(ex.explain[k]["en"] for k in ex.explain)
    for figure in ("$472.50", "$400", "$399.63", "$72.50", "$0.37"):
        assert figure in text
    ru = " ".join(ex.explain[k]["ru"] for k in ex.explain)
    for figure in ("47 250 ₽", "40 000 ₽", "39 963 ₽", "7 250 ₽", "37 ₽"):
        assert figure in ru


def test_satisfaction_leaves_the_pace_flat_and_triples_the_share_still_buying():
    shop = ck.simulate.simulate_transactions(3000, r=0.5, alpha=8, a=0.6, b=2.0, satisfaction=0.8,
                                             engagement=0.8, seed=7)
    # straight from the purchases, without the summary: first and last purchase week of each customer
    end = shop.attrs["observation_end"]
    days = shop.groupby("customer_id")["date"].agg(["min", "max", "size"]).join(
        shop.groupby("customer_id")[["satisfaction", "engagement"]].first())
    weeks_quiet = (end - days["max"]).dt.days / 7
    span = (days["max"] - days["min"]).dt.days / 7
    days["still"] = weeks_quiet < 13
    days["pace"] = (days["size"] - 1) / span.where(span > 0)
    low, high = days[days["satisfaction"] <= 10 / 3], days[days["satisfaction"] > 20 / 3]
    assert high["still"].mean() > 3 * low["still"].mean()
    assert high["still"].mean() == pytest.approx(0.30, abs=0.01)
    assert low["still"].mean() == pytest.approx(0.09, abs=0.01)
    assert high["pace"].median() == pytest.approx(low["pace"].median(), rel=0.1)
    eng_low, eng_high = days[days["engagement"] <= 10 / 3], days[days["engagement"] > 20 / 3]
    assert eng_high["pace"].median() > 3 * eng_low["pace"].median()
    assert teach.get("03.2").value() == ("keep", "r1")


def test_the_notebook_table_is_the_one_the_exercise_reads():
    table = nb03.score_groups()
    assert isinstance(table, pd.DataFrame)
    assert table.loc["high", ("satisfaction", "purchases_per_week")] == pytest.approx(0.08, abs=0.005)
    assert table.loc["low", ("engagement", "purchases_per_week")] == pytest.approx(0.04, abs=0.005)
    assert table.loc["high", ("engagement", "purchases_per_week")] == pytest.approx(0.13, abs=0.01)
