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


def test_budget_is_spent_on_whole_customers_with_marginal_ltv_cac_equal_up_to_one_customer(channels):
    plan = allocate_budget(channels, 20_000)
    assert plan["customers"].dtype.kind == "i"
    assert plan["spend"].sum() <= 20_000
    # What is left cannot buy the next customer of any channel.
    nxt = [channels.loc[ch, "cac"] * channels.loc[ch, "saturation"] / np.log(2)
           * (2 ** ((plan.loc[ch, "customers"] + 1) / channels.loc[ch, "saturation"])
              - 2 ** (plan.loc[ch, "customers"] / channels.loc[ch, "saturation"])) for ch in channels.index]
    assert plan.attrs["unspent"] < min(nxt)
    funded = plan[plan["customers"] > 0]
    # Equal at the margin up to a customer's step in cost (2 ** (1 / saturation)) on either side: the
    # next customer of the better channel may not fit in what is left while a cheaper one does.
    assert funded["marginal_ltv_cac"].max() / funded["marginal_ltv_cac"].min() < 2 ** (2 / 200)
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

    # Whole customers lose less than one customer's value per channel against the continuous optimum.
    rng = np.random.default_rng(0)
    for _ in range(200):
        w = rng.dirichlet(np.ones(3))
        assert value_of(w * budget) <= best + channels["ltv"].sum()


def test_with_constant_cac_the_best_channel_fills_its_capacity_first():
    ch = pd.DataFrame({"ltv": [100.0, 60.0], "cac": [20.0, 20.0], "capacity": [50.0, 1000.0]}, index=["a", "b"])
    plan = allocate_budget(ch, 3_000)
    assert plan.loc["a", "customers"] == pytest.approx(50)
    assert plan.loc["b", "customers"] == pytest.approx(100)


def test_money_that_buys_no_worthwhile_customer_stays_unspent():
    ch = pd.DataFrame({"ltv": [100.0], "cac": [50.0], "saturation": [10.0]}, index=["only"])
    plan = allocate_budget(ch, 1e9, min_ratio=1.0)
    assert plan.attrs["unspent"] > 0
    # The marginal CAC reaches 100 = LTV at 10 customers: the 10th still costs less than it brings
    # (its cost is the integral of 50 * 2 ** (k / 10) from 9 to 10), the 11th costs more.
    def cost(k):
        return 50 * 10 / np.log(2) * (2 ** (k / 10) - 2 ** ((k - 1) / 10))

    assert cost(10) < 100 < cost(11)
    assert plan["customers"].iloc[0] == 10
    assert plan["marginal_ltv_cac"].iloc[0] == pytest.approx(100 / cost(10))


def test_average_ltv_cac_is_value_over_spend_and_above_the_marginal_ratio_on_a_saturating_channel(channels):
    """The 3:1 rule speaks of the average; the split stops on the marginal ratio of the last customer."""
    plan = allocate_budget(channels, 20_000)
    funded = plan[plan["customers"] > 0]
    assert funded["ltv_cac"].to_numpy() == pytest.approx((funded["value"] / funded["spend"]).to_numpy())
    assert (funded["ltv_cac"] > funded["marginal_ltv_cac"]).all()
    # The last customer's cost is the integral of the marginal CAC over that one customer.
    row, n = channels.loc["search"], plan.loc["search", "customers"]
    grid = np.linspace(n - 1, n, 10_001)
    assert plan.loc["search", "marginal_cac"] == pytest.approx(
        np.trapezoid(row["cac"] * 2 ** (grid / row["saturation"]), grid), rel=1e-8)


@pytest.mark.parametrize("bad", [{"budget": -1.0}, {"min_ratio": 0.0}])
def test_bad_budget_arguments_raise_one_sentence(channels, bad):
    args = {"budget": 1000.0} | bad
    with pytest.raises(ClvDataError):
        allocate_budget(channels, args.pop("budget"), **args)


def test_negative_cac_is_refused(channels):
    bad = channels.assign(cac=[40.0, -1.0, 100.0])
    with pytest.raises(ClvDataError, match="cac"):
        channel_economics(bad)
