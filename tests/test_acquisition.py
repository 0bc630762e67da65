"""Acquisition economics: CAC ceilings, LTV:CAC, payback and the budget split."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from clvkit.acquisition import allocate_budget, channel_economics, ltv_by_group, max_allowable_cac
from clvkit.errors import ClvDataError
from clvkit.formulas import max_acquisition_cost


@pytest.fixture
def channels():
    return pd.DataFrame(
        {"ltv": [300.0, 180.0, 90.0], "cac": [40.0, 45.0, 100.0], "saturation": [200.0, 400.0, 100.0]},
        index=pd.Index(["search", "social", "tv"], name="channel"),
    )


def test_max_allowable_cac_still_works_as_a_deprecated_alias_of_the_one_formula():
    with pytest.warns(PendingDeprecationWarning, match="clvkit.formulas.max_acquisition_cost"):
        assert max_allowable_cac(300.0) == 100.0
    with pytest.warns(PendingDeprecationWarning):
        assert max_allowable_cac(pd.Series([300.0, 60.0]), target_ratio=2).tolist() == [150.0, 30.0]
    with pytest.warns(PendingDeprecationWarning), pytest.raises(ClvDataError, match="target_ratio"):
        max_allowable_cac(300.0, target_ratio=0)


def test_channel_ceilings_are_the_formulas_ceiling(channels):
    out = channel_economics(channels, target_ratio=2.5)
    assert out["max_cac"].tolist() == pytest.approx([120.0, 72.0, 36.0])
    assert out["max_cac"].tolist() == [max_acquisition_cost(v, target_ratio=2.5) for v in channels["ltv"]]


def test_channel_economics_flags_channels_above_the_ceiling(channels):
    out = channel_economics(channels)
    assert out["ltv_cac"].tolist() == pytest.approx([7.5, 4.0, 0.9])
    assert out["meets_target"].tolist() == [True, True, False]
    assert out.loc["tv", "cac_headroom"] == pytest.approx(30.0 - 100.0)


def test_payback_without_churn_is_cac_over_margin_and_never_when_value_is_too_small():
    ch = pd.DataFrame({"ltv": [100.0, 100.0], "cac": [50.0, 500.0], "margin": [20.0, 20.0], "retention": [1.0, 0.5]})
    out = channel_economics(ch, margin_per_period="margin", retention="retention")
    assert out["payback_periods"].iloc[0] == pytest.approx(2.5)
    assert math.isinf(out["payback_periods"].iloc[1])


def test_ltv_by_group_averages_customer_values():
    d = pd.DataFrame({"channel": ["a", "b", "a"], "clv": [10.0, 4.0, 20.0]})
    out = ltv_by_group(d)
    assert out.loc["a", "ltv"] == 15.0 and out["customers"].sum() == 3


def test_budget_is_spent_and_marginal_ltv_cac_is_equal_across_funded_channels(channels):
    plan = allocate_budget(channels, 20_000)
    assert plan["spend"].sum() == pytest.approx(20_000, rel=1e-9)
    funded = plan[plan["customers"] > 0]
    assert np.ptp(funded["marginal_ltv_cac"]) < 1e-6 * funded["marginal_ltv_cac"].mean()
    assert plan.loc["tv", "customers"] == 0  # its first customer already costs more than they bring
    # Spend on a channel = integral of its marginal CAC, checked numerically.
    row = channels.loc["search"]
    n = plan.loc["search", "customers"]
    grid = np.linspace(0, n, 200_001)
    integral = np.trapezoid(row["cac"] * 2 ** (grid / row["saturation"]), grid)
    assert plan.loc["search", "spend"] == pytest.approx(integral, rel=1e-6)


def test_the_split_beats_any_other_split_of_the_same_budget(channels):
    budget = 15_000
    best = allocate_budget(channels, budget)["net_value"].sum()

    def value_of(spends):
        total = 0.0
        for (name, row), spend in zip(channels.iterrows(), spends):
            n = row["saturation"] / np.log(2) * np.log1p(spend * np.log(2) / (row["cac"] * row["saturation"]))
            total += n * row["ltv"] - spend
        return total

    rng = np.random.default_rng(0)
    for _ in range(200):
        w = rng.dirichlet(np.ones(3))
        assert value_of(w * budget) <= best + 1e-6


def test_with_constant_cac_the_best_channel_fills_its_capacity_first():
    ch = pd.DataFrame({"ltv": [100.0, 60.0], "cac": [20.0, 20.0], "capacity": [50.0, 1000.0]}, index=["a", "b"])
    plan = allocate_budget(ch, 3_000)
    assert plan.loc["a", "customers"] == pytest.approx(50)
    assert plan.loc["b", "customers"] == pytest.approx(100)


def test_money_that_buys_no_worthwhile_customer_stays_unspent():
    ch = pd.DataFrame({"ltv": [100.0], "cac": [50.0], "saturation": [10.0]}, index=["only"])
    plan = allocate_budget(ch, 1e9, min_ratio=1.0)
    assert plan["marginal_ltv_cac"].iloc[0] == pytest.approx(1.0)
    assert plan.attrs["unspent"] > 0
    assert plan["customers"].iloc[0] == pytest.approx(10.0)  # the marginal CAC doubles to 100 = LTV


@pytest.mark.parametrize("bad", [{"budget": -1.0}, {"min_ratio": 0.0}])
def test_bad_budget_arguments_raise_one_sentence(channels, bad):
    args = {"budget": 1000.0} | bad
    with pytest.raises(ClvDataError):
        allocate_budget(channels, args.pop("budget"), **args)


def test_negative_cac_is_refused(channels):
    bad = channels.assign(cac=[40.0, -1.0, 100.0])
    with pytest.raises(ClvDataError, match="cac"):
        channel_economics(bad)
