"""Notebook 04's answers, recomputed another way: the coffee subscription month by month, and the simple
formula's overshoot for the best customers straight from the CDNOW file, without the package's summary."""

from __future__ import annotations

import pandas as pd
import pytest

from clvkit import teach
from clvkit.datasets import dataset_path


def test_the_coffee_subscription_is_worth_what_its_months_bring_after_the_retention_cost():
    # a subscriber brings 25 x 2 x 40 % = 20 a month and costs 3; the average one stays 1 / 5 % = 20 months
    months = round(1 / 0.05)
    by_month = sum(25 * 2 * 0.4 - 3 for _ in range(months))
    assert by_month == pytest.approx(340.0)
    assert teach.get("04.1").value() == pytest.approx(by_month)
    assert teach.check("04.1", 34_000, lang="ru", currency="RUB").correct
    assert not teach.check("04.1", 400).correct  # the retention cost left out
    assert not teach.check("04.1", 397).correct  # the cost taken once, not every month


def _from_the_file():
    raw = pd.read_csv(dataset_path("cdnow_sample.csv"), parse_dates=["date"])
    days = raw.groupby(["customer_id", "date"], as_index=False)["amount"].sum()  # one occasion a day
    cal_end, obs_end = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")
    cal = days[days["date"] <= cal_end].groupby("customer_id").agg(
        occasions=("date", "size"), first=("date", "min"), spent=("amount", "sum"))
    later = days[(days["date"] > cal_end) & (days["date"] <= obs_end)].groupby("customer_id")["amount"].sum()
    cal["actual"] = later.reindex(cal.index).fillna(0.0)
    repeat = cal["occasions"] - 1
    weeks_known = (cal_end - cal["first"]).dt.days / 7
    weeks_ahead = (obs_end - cal_end).days / 7
    cal["predicted"] = cal["spent"] / cal["occasions"] * repeat / weeks_known * weeks_ahead
    cal["repeat"] = repeat
    return cal


def test_the_formula_promised_the_best_customers_about_twice_what_they_spent():
    cal = _from_the_file()
    best = cal[cal["repeat"] >= 3]
    assert len(best) == 293
    assert best["predicted"].sum() == pytest.approx(79_072.16, abs=0.01)
    assert best["actual"].sum() == pytest.approx(36_123.71, abs=0.01)
    assert best["predicted"].sum() / best["actual"].sum() == pytest.approx(2.19, abs=0.005)
    one = cal[cal["repeat"] == 1]
    many = cal[cal["repeat"] >= 7]
    assert one["predicted"].sum() / one["actual"].sum() == pytest.approx(1.4, abs=0.01)
    assert many["predicted"].sum() / many["actual"].sum() == pytest.approx(2.4, abs=0.015)
    assert cal.loc[cal["repeat"] == 0, "actual"].mean() == pytest.approx(8.30, abs=0.005)
    assert teach.get("04.2").value() == ("scale down", "r3")


def test_the_explanations_of_04_2_quote_those_figures():
    ex = teach.get("04.2")
    en = " ".join(ex.explain[k]["en"] for k in ex.explain)
    ru = " ".join(ex.explain[k]["ru"] for k in ex.explain)
    for figure in ("293", "$79,072", "$36,124", "2.2 times", "1.4 times", "2.4 times", "$8"):
        assert figure in en
    for figure in ("293", "7 907 216 ₽", "3 612 371 ₽", "2,2 раза", "830 ₽"):
        assert figure in ru
