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
    assert teach.get("03.2").value() == ("check", "r1")


def test_the_notebook_table_is_the_one_the_exercise_reads():
    table = nb03.score_groups()
    assert isinstance(table, pd.DataFrame)
    assert table.loc["high", ("satisfaction", "purchases_per_week")] == pytest.approx(0.08, abs=0.005)
    assert table.loc["low", ("engagement", "purchases_per_week")] == pytest.approx(0.04, abs=0.005)
    assert table.loc["high", ("engagement", "purchases_per_week")] == pytest.approx(0.13, abs=0.01)


def test_03_2_asks_to_measure_retention_before_deciding_and_not_to_trust_the_recipe():
    # the table is the simulator's recipe: keeping on its strength, or stopping on the pace, are both wrong
    assert teach.check("03.2", ("check", "r1"), lang="en").correct
    assert teach.check("03.2", ("проверить удержание", "r1"), lang="ru").correct
    assert not teach.check("03.2", ("keep", "r2"), lang="en").correct
    assert not teach.check("03.2", ("stop", "r3"), lang="en").correct
    ex = teach.get("03.2")
    assert "satisfaction=0.8" in ex.explain["r2"]["en"] and "satisfaction=0.8" in ex.explain["r2"]["ru"]
    assert "Bolton (1998)" in ex.explain["r1"]["en"] and "Bolton (1998)" in ex.explain["r1"]["ru"]
    for figure in ("0.08", "30%", "9%"):
        assert figure in ex.explain["stop"]["en"]
    for figure in ("0,08", "30%", "9%"):
        assert figure in ex.explain["stop"]["ru"]


def test_the_retention_steps_table_rounds_rather_than_truncates():
    # notebook 03's steps table: CLV = 150 r / (1.1 - r), by the explicit sum, rounded to whole dollars
    shown = {r: round(clv_by_sum(150, 0, r, years=3000)) for r in (0.6, 0.7, 0.8, 0.9)}
    assert shown == {0.6: 180, 0.7: 262, 0.8: 400, 0.9: 675}
    gains = [shown[0.6] - round(clv_by_sum(150, 0, 0.5)), shown[0.9] - shown[0.8]]
    assert gains == [55, 275]
