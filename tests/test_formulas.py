"""Closed-form CLV arithmetic checked against hand computations and against each other."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clvkit import ClvDataError
from clvkit import formulas as f


# ----------------------------------------------------------------- simple_clv
def test_simple_clv_matches_hand_computation():
    # (40 * 1.5 * 0.25 - 2) * 12 = (15 - 2) * 12 = 156
    assert f.simple_clv(40, 1.5, 0.25, 12, cost_per_period=2) == pytest.approx(156.0)


def test_simple_clv_without_cost_is_revenue_times_margin_times_lifetime():
    assert f.simple_clv(100, 1, 0.5, 3) == pytest.approx(150.0)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"aov": -1}, "aov must be in [0, inf]; got -1"),
        ({"margin": 30}, "margin must be in [0, 1]; got 30"),
        ({"lifetime_periods": "long"}, "lifetime_periods must be a number"),
        ({"cost_per_period": float("nan")}, "cost_per_period must be a finite number"),
    ],
)
def test_simple_clv_rejects_bad_input_with_one_sentence(kwargs, words):
    args = {"aov": 50, "purchases_per_period": 2, "margin": 0.3, "lifetime_periods": 24}
    args.update(kwargs)
    cost = args.pop("cost_per_period", 0.0)
    with pytest.raises(ClvDataError) as info:
        f.simple_clv(**args, cost_per_period=cost)
    assert words in str(info.value)


# ------------------------------------------------------------- historical_clv
def test_historical_clv_from_transactions_sums_amounts_per_customer_times_margin():
    tx = pd.DataFrame({"customer_id": [2, 1, 2, 3], "amount": [10.0, 4.0, 6.0, 1.0]})
    before = tx.copy()
    out = f.historical_clv(tx, margin=0.25)
    assert out.to_dict() == {1: 1.0, 2: 4.0, 3: 0.25}
    assert out.name == "historical_clv" and out.index.name == "customer_id"
    pd.testing.assert_frame_equal(tx, before)  # the caller's data is untouched


def test_historical_clv_from_summary_uses_total_amount():
    s = pd.DataFrame(
        {"frequency": [1, 0], "total_amount": [30.0, 12.0]}, index=pd.Index(["a", "b"], name="customer_id")
    )
    assert f.historical_clv(s, margin=0.5).to_dict() == {"a": 15.0, "b": 6.0}


def test_historical_clv_explains_which_columns_are_missing():
    with pytest.raises(ClvDataError, match="has no column 'amount'"):
        f.historical_clv(pd.DataFrame({"customer_id": [1], "amt": [3.0]}))
    with pytest.raises(ClvDataError, match="non-numeric"):
        f.historical_clv(pd.DataFrame({"customer_id": [1, 2], "amount": [3.0, "x"]}))
    with pytest.raises(ClvDataError, match="needs a pandas DataFrame"):
        f.historical_clv([1, 2, 3])


# --------------------------------------------------------------------- dcf_clv
def test_dcf_clv_infinite_horizon_matches_textbook_formulas():
    # m r / (1 + d - r) = 100 * 0.8 / 0.3 ; m (1 + d) / (1 + d - r) = 110 / 0.3
    assert f.dcf_clv(100, 0.8, 0.1) == pytest.approx(80 / 0.3)
    assert f.dcf_clv(100, 0.8, 0.1, timing="begin") == pytest.approx(110 / 0.3)


def test_dcf_clv_finite_horizon_matches_hand_sum():
    end = 100 * (0.8 / 1.1 + 0.64 / 1.21 + 0.512 / 1.331)
    begin = 100 * (1 + 0.8 / 1.1 + 0.64 / 1.21)
    assert f.dcf_clv(100, 0.8, 0.1, periods=3) == pytest.approx(end)
    assert f.dcf_clv(100, 0.8, 0.1, periods=3, timing="begin") == pytest.approx(begin)


def test_dcf_clv_long_finite_horizon_approaches_the_infinite_value():
    assert f.dcf_clv(70, 0.9, 0.05, periods=2000) == pytest.approx(f.dcf_clv(70, 0.9, 0.05), rel=1e-10)


def test_dcf_clv_with_period_specific_retention_uses_the_cumulative_product():
    # survival 0.5, 0.5*0.8 = 0.4, 0.4*0.9 = 0.36 ; d = 0
    assert f.dcf_clv(10, [0.5, 0.8, 0.9], 0.0, periods=3) == pytest.approx(10 * (0.5 + 0.4 + 0.36))
    # after the sequence the last rate carries on: geometric tail 0.36 * 0.9 / (1 - 0.9)
    assert f.dcf_clv(10, [0.5, 0.8, 0.9], 0.0) == pytest.approx(10 * (0.5 + 0.4 + 0.36 + 0.36 * 9))
    assert f.dcf_clv(10, [0.5, 0.8, 0.9], 0.2) == pytest.approx(
        f.dcf_clv(10, [0.5, 0.8, 0.9], 0.2, periods=5000)
    )
    assert f.dcf_clv(10, [0.5, 0.8, 0.9], 0.2, timing="begin") == pytest.approx(
        f.dcf_clv(10, [0.5, 0.8, 0.9], 0.2, periods=5000, timing="begin")
    )


def test_dcf_clv_with_a_constant_sequence_equals_the_scalar_rate():
    assert f.dcf_clv(10, [0.7] * 4, 0.1) == pytest.approx(f.dcf_clv(10, 0.7, 0.1))


def test_dcf_clv_refuses_an_infinite_value_with_a_clear_sentence():
    with pytest.raises(ClvDataError, match="infinite; give a positive discount_rate"):
        f.dcf_clv(10, 1.0, 0.0)
    assert f.dcf_clv(10, 1.0, 0.0, periods=5) == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("args", "kwargs", "words"),
    [
        ((10, 1.2, 0.1), {}, "retention must be in [0, 1]; got 1.2"),
        ((10, [0.9, -0.1], 0.1), {}, "the rate for period 2 is -0.1"),
        ((10, [], 0.1), {}, "retention is an empty sequence"),
        ((10, 0.9, -0.1), {}, "discount_rate must be in [0, inf]"),
        ((10, 0.9, 0.1), {"timing": "middle"}, "timing must be one of 'end', 'begin'; got 'middle'"),
        ((10, 0.9, 0.1), {"periods": 2.5}, "periods must be a whole number"),
        ((10, 0.9, 0.1), {"periods": 0}, "periods must be in [1, inf]"),
    ],
)
def test_dcf_clv_rejects_bad_input_with_one_sentence(args, kwargs, words):
    with pytest.raises(ClvDataError) as info:
        f.dcf_clv(*args, **kwargs)
    assert words in str(info.value)
    assert str(info.value).count(". ") == 0  # one sentence


@settings(max_examples=60, deadline=None)
@given(
    m=st.floats(0.1, 1e4),
    r=st.floats(0.0, 0.99),
    d=st.floats(0.0, 1.0),
)
def test_begin_timing_is_one_margin_now_plus_the_end_timed_stream(m, r, d):
    begin = f.dcf_clv(m, r, d, timing="begin")
    end = f.dcf_clv(m, r, d, timing="end")
    assert begin == pytest.approx(m + end, rel=1e-9, abs=1e-9)


# ------------------------------------------------------------ cumulative_value
def test_cumulative_value_table_matches_hand_computation_and_dcf_clv():
    table = f.cumulative_value(100, 0.8, 0.1, periods=3)
    assert list(table.index) == [1, 2, 3]
    assert table["expected_margin"].tolist() == pytest.approx([80.0, 64.0, 51.2])
    assert table["discount_factor"].tolist() == pytest.approx([1 / 1.1, 1 / 1.21, 1 / 1.331])
    assert table["cumulative"].iloc[-1] == pytest.approx(f.dcf_clv(100, 0.8, 0.1, periods=3))
    begin = f.cumulative_value(100, 0.8, 0.1, periods=3, timing="begin")
    assert list(begin.index) == [0, 1, 2] and begin["present_value"].iloc[0] == pytest.approx(100.0)


# -------------------------------------------------- LTV:CAC, payback, max CAC
def test_ltv_cac_ratio_and_max_acquisition_cost_are_inverse_views():
    assert f.ltv_cac_ratio(900, 300) == pytest.approx(3.0)
    assert f.max_acquisition_cost(900, target_ratio=4) == pytest.approx(225.0)
    assert f.ltv_cac_ratio(900, f.max_acquisition_cost(900, target_ratio=2.5)) == pytest.approx(2.5)
    with pytest.raises(ClvDataError, match=r"cac must be in \(0, inf\]; got 0"):
        f.ltv_cac_ratio(900, 0)
    with pytest.raises(ClvDataError, match="target_ratio must be in"):
        f.max_acquisition_cost(900, target_ratio=-1)


def test_payback_without_churn_or_discounting_is_cac_over_margin():
    assert f.payback_period(40, 100) == pytest.approx(2.5)
    assert f.payback_period(40, 0) == 0.0


def test_payback_with_churn_and_discounting_interpolates_inside_the_period():
    # end timing, r = 0.9, d = 0.1: C1 = 100*0.9/1.1 = 81.818..., C2 = C1 + 100*0.81/1.21 = 148.76...
    c1 = 100 * 0.9 / 1.1
    c2 = c1 + 100 * 0.81 / 1.21
    expected = 1 + (120 - c1) / (c2 - c1)
    assert f.payback_period(100, 120, retention=0.9, discount_rate=0.1) == pytest.approx(expected)


def test_payback_is_infinite_when_the_customer_is_worth_less_than_the_cac():
    clv = f.dcf_clv(100, 0.5, 0.0)  # 100
    assert math.isinf(f.payback_period(100, clv * 1.01, retention=0.5))
    assert math.isinf(f.payback_period(10, 1000, max_periods=50))
    assert f.payback_period(10, 1000, max_periods=200) == pytest.approx(100.0)


def test_max_acquisition_cost_takes_numbers_arrays_and_series_alike():
    ceilings = f.max_acquisition_cost(pd.Series([300.0, 60.0], index=["search", "tv"]), target_ratio=2)
    assert ceilings.name == "max_cac" and ceilings.to_dict() == {"search": 150.0, "tv": 30.0}
    np.testing.assert_allclose(f.max_acquisition_cost(np.array([90.0, 30.0])), [30.0, 10.0])
    for ltv in (90.0, 30.0):  # the array is the number, element by element
        assert f.max_acquisition_cost(ltv) * 3 == pytest.approx(ltv)
    with pytest.raises(ClvDataError, match="finite numbers; 1 of them"):
        f.max_acquisition_cost([1.0, math.nan])


def test_the_deprecated_alias_is_the_same_formula_and_says_so():
    from clvkit.acquisition import max_allowable_cac

    with pytest.warns(PendingDeprecationWarning, match="max_acquisition_cost"):
        assert max_allowable_cac(300.0) == f.max_acquisition_cost(300.0)


def test_payback_from_cash_flows_interpolates_inside_the_crossing_period():
    assert f.payback_from_cash_flows([2.0, 2.0, 2.0], 5.0) == pytest.approx(2.5)
    assert f.payback_from_cash_flows([100, 100], 250) == math.inf
    # No cost: nothing to recover unless the first period loses money.
    assert f.payback_from_cash_flows([1.0, 1.0], 0.0) == 0.0
    assert f.payback_from_cash_flows([-1.0, 2.0], 0.0) == pytest.approx(1.5)
    assert f.payback_from_cash_flows([-1.0, -1.0, -1.0], 0.0) == math.inf
    assert f.payback_from_cash_flows([], 0.0) == 0.0


@settings(max_examples=60, deadline=None)
@given(
    m=st.floats(1.0, 500.0), cac=st.floats(0.5, 2000.0), r=st.floats(0.3, 1.0), d=st.floats(0.0, 0.3),
)
def test_payback_period_is_where_the_cumulative_value_table_crosses_the_cac(m, cac, r, d):
    # An independent reading: walk the cumulative_value table until it covers the CAC.
    got = f.payback_period(m, cac, retention=r, discount_rate=d, max_periods=300)
    table = f.cumulative_value(m, r, d, periods=300)["cumulative"].to_numpy()
    covered = np.flatnonzero(table >= cac)
    if covered.size == 0:
        assert got == math.inf
    else:
        t = int(covered[0]) + 1
        before = table[t - 2] if t > 1 else 0.0
        assert before < cac <= table[t - 1]
        assert t - 1 < got <= t
        assert got == pytest.approx(t - 1 + (cac - before) / (table[t - 1] - before))


def test_payback_from_cash_flows_refuses_what_is_not_a_flow_per_period():
    with pytest.raises(ClvDataError, match="one-dimensional sequence of finite numbers"):
        f.payback_from_cash_flows([[1.0, 2.0]], 1.0)
    with pytest.raises(ClvDataError, match="cash_flows"):
        f.payback_from_cash_flows([1.0, math.nan], 1.0)
    with pytest.raises(ClvDataError, match="cost"):
        f.payback_from_cash_flows([1.0], -1.0)


def test_payback_rejects_a_fractional_horizon():
    with pytest.raises(ClvDataError, match="max_periods must be a whole number"):
        f.payback_period(10, 100, max_periods=12.5)


# ---------------------------------------------------------------- elasticities
def _clv(aov, freq, margin, r, d, periods=None, timing="end"):
    return f.dcf_clv(aov * freq * margin, r, d, periods=periods, timing=timing)


@pytest.mark.parametrize("timing", ["end", "begin"])
@pytest.mark.parametrize("periods", [None, 12])
def test_elasticities_agree_with_finite_differences(timing, periods):
    base = {"aov": 50.0, "freq": 2.0, "margin": 0.3, "r": 0.8, "d": 0.1}
    table = f.clv_elasticities(
        aov=50,
        purchases_per_period=2,
        margin=0.3,
        retention=0.8,
        discount_rate=0.1,
        periods=periods,
        timing=timing,
    ).set_index("driver")
    names = {
        "aov": "aov",
        "freq": "purchases_per_period",
        "margin": "margin",
        "r": "retention",
        "d": "discount_rate",
    }
    h = 1e-6
    for key, driver in names.items():
        up = dict(base, **{key: base[key] * (1 + h)})
        down = dict(base, **{key: base[key] * (1 - h)})
        numeric = (
            np.log(_clv(**up, periods=periods, timing=timing))
            - np.log(_clv(**down, periods=periods, timing=timing))
        ) / (np.log1p(h) - np.log1p(-h))
        assert table.loc[driver, "elasticity"] == pytest.approx(numeric, rel=1e-5, abs=1e-8), driver


def test_elasticity_table_gives_the_swing_for_a_ten_percent_change():
    table = f.clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, discount_rate=0.1)
    assert set(table.columns) >= {"driver", "elasticity", "clv_low", "clv_high"}
    row = table.set_index("driver").loc["retention"]
    assert row["clv_low"] == pytest.approx(30 * 0.72 / (1.1 - 0.72))
    assert row["clv_high"] == pytest.approx(30 * 0.88 / (1.1 - 0.88))
    aov = table.set_index("driver").loc["aov"]
    assert aov["clv_low"] == pytest.approx(0.9 * 80) and aov["clv_high"] == pytest.approx(1.1 * 80)
    # retention has the widest swing here, so it heads the tornado
    assert table["driver"].iloc[0] == "retention"


def test_elasticity_caps_retention_at_one():
    table = f.clv_elasticities(aov=10, purchases_per_period=1, margin=1, retention=0.95, discount_rate=0.1)
    assert table.set_index("driver").loc["retention", "clv_high"] == pytest.approx(10 * 1 / 0.1)
