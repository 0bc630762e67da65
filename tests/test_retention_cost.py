"""The retention cost in the CLV formulas: (margin - retention cost per period) x lifetime.

Every figure is checked against an explicit period-by-period sum written here (a customer alive
in period t brings the margin and costs the retention cost, both discounted), not against the
closed forms the package uses.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clvkit import ClvDataError, i18n
from clvkit import formulas as f


def by_hand(margin, cost, retention, discount, periods, timing="end"):
    """Sum over periods of (margin - cost) for a customer still there, discounted, one period at a time."""
    total, alive = 0.0, 1.0
    first = 1 if timing == "end" else 0
    rates = retention if isinstance(retention, list) else [retention]
    for t in range(first, first + periods):
        if t >= 1:
            alive *= rates[min(t, len(rates)) - 1]
        total += alive * margin / (1 + discount) ** t - alive * cost / (1 + discount) ** t
    return total


def test_a_retention_cost_is_paid_every_period_the_customer_stays_and_discounted_like_the_margin():
    # m = 150 a year, 20 a year to keep the customer, 80 % retention, 10 % discount, three years:
    # 130 * (0.8/1.1 + 0.64/1.21 + 0.512/1.331)
    expected = 130 * (0.8 / 1.1 + 0.64 / 1.21 + 0.512 / 1.331)
    assert f.dcf_clv(150, 0.8, 0.1, periods=3, cost_per_period=20) == pytest.approx(expected, rel=1e-12)
    assert f.dcf_clv(150, 0.8, 0.1, periods=3, cost_per_period=20) == pytest.approx(
        by_hand(150, 20, 0.8, 0.1, 3), rel=1e-12)


@pytest.mark.parametrize("timing", ["end", "begin"])
def test_the_infinite_horizon_with_a_cost_is_the_limit_of_the_period_by_period_sum(timing):
    assert f.dcf_clv(150, 0.85, 0.1, cost_per_period=32, timing=timing) == pytest.approx(
        by_hand(150, 32, 0.85, 0.1, 3000, timing), rel=1e-9)


def test_period_specific_retention_with_a_cost_matches_the_sum():
    rates = [0.5, 0.8, 0.9]
    assert f.dcf_clv(40, rates, 0.05, periods=12, cost_per_period=7) == pytest.approx(
        by_hand(40, 7, rates, 0.05, 12), rel=1e-12)
    assert f.dcf_clv(40, rates, 0.05, cost_per_period=7) == pytest.approx(
        by_hand(40, 7, rates, 0.05, 4000), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(margin=st.floats(0, 1000), cost=st.floats(0, 1000), retention=st.floats(0, 0.95),
       discount=st.floats(0, 0.5), periods=st.integers(1, 40), timing=st.sampled_from(["end", "begin"]))
def test_any_cost_matches_the_explicit_sum(margin, cost, retention, discount, periods, timing):
    got = f.dcf_clv(margin, retention, discount, periods=periods, timing=timing, cost_per_period=cost)
    want = by_hand(margin, cost, retention, discount, periods, timing)
    assert got == pytest.approx(want, rel=1e-9, abs=1e-9)


def test_a_cost_equal_to_the_margin_leaves_nothing_and_a_larger_one_destroys_value():
    assert f.dcf_clv(50, 0.8, 0.1, cost_per_period=50) == 0.0
    assert f.dcf_clv(50, 0.8, 0.1, cost_per_period=60) < 0


def test_the_running_total_ends_at_the_clv_with_the_same_cost():
    table = f.cumulative_value(150, 0.8, 0.1, periods=5, cost_per_period=20)
    assert table["cumulative"].iloc[-1] == pytest.approx(by_hand(150, 20, 0.8, 0.1, 5), rel=1e-12)
    assert table["expected_margin"].iloc[0] == pytest.approx(130 * 0.8)


def test_the_simple_formula_and_the_sum_agree_when_nobody_leaves_and_nothing_is_discounted():
    # (AOV x frequency x margin - cost) x lifetime: 4 years of (40 x 4 x 0.3 - 8) = 4 x 40
    assert f.simple_clv(40, 4, 0.3, 4, cost_per_period=8) == pytest.approx(160.0)
    assert f.simple_clv(40, 4, 0.3, 4, cost_per_period=8) == pytest.approx(
        by_hand(40 * 4 * 0.3, 8, 1.0, 0.0, 4, "begin"))


def test_a_programme_is_worth_paying_up_to_the_cost_that_equals_the_clv_without_it():
    """The break-even cost from algebra, (m - c*) r1/(1+d-r1) = m r0/(1+d-r0), checked by the sums."""
    m, r0, r1, d = 150.0, 0.80, 0.85, 0.10
    without = by_hand(m, 0.0, r0, d, 3000)
    c_star = m * (1 - (r0 / (1 + d - r0)) / (r1 / (1 + d - r1)))
    assert by_hand(m, c_star, r1, d, 3000) == pytest.approx(without, rel=1e-9)
    assert f.dcf_clv(m, r1, d, cost_per_period=c_star - 1) > f.dcf_clv(m, r0, d)
    assert f.dcf_clv(m, r1, d, cost_per_period=c_star + 1) < f.dcf_clv(m, r0, d)


@pytest.mark.parametrize("call", [
    lambda: f.dcf_clv(100, 0.8, 0.1, cost_per_period=-5),
    lambda: f.simple_clv(40, 4, 0.3, 4, cost_per_period=-5),
    lambda: f.cumulative_value(100, 0.8, 0.1, periods=3, cost_per_period=-5),
])
def test_a_negative_cost_is_refused_in_both_languages_not_read_as_income(call):
    for lang, words in (("en", ["cost_per_period", "-5", "cannot be negative", "positive amount"]),
                        ("ru", ["cost_per_period", "-5", "не могут быть отрицательными",
                                "положительным числом"])):
        with i18n.language(lang), pytest.raises(ClvDataError) as err:
            call()
        assert all(w in str(err.value) for w in words), str(err.value)


@pytest.mark.parametrize("value, words", [("10", "must be a number"), (math.nan, "must be a finite number")])
def test_a_cost_that_is_not_a_number_is_refused(value, words):
    with pytest.raises(ClvDataError, match=words):
        f.dcf_clv(100, 0.8, 0.1, cost_per_period=value)
