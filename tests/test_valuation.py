"""Per-customer CLV, customer equity and new-customer value: units explicit, arithmetic checked twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import ClvDataError, UnitMismatchError
from clvkit.models import BGNBD, ShiftedBetaGeometric

PUBLISHED = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture(scope="module")
def model():
    return BGNBD.from_params(time_unit="W", **PUBLISHED)


@pytest.fixture(scope="module")
def few(cdnow_summary):
    return cdnow_summary.iloc[:40]


def test_undiscounted_clv_is_margin_times_spend_times_expected_purchases(model, few):
    v = ck.customer_lifetime_value(model, 30.0, few, horizon=39, discount_rate=0.0, margin=0.25)
    expected = np.asarray(model.predict_purchases(few, 39))
    np.testing.assert_allclose(v["expected_purchases"], expected, rtol=1e-12)
    np.testing.assert_allclose(v["clv"], 0.25 * 30.0 * expected, rtol=1e-12)
    np.testing.assert_allclose(v["revenue"], 30.0 * expected, rtol=1e-12)
    assert v.index.equals(few.index)


def test_discounted_clv_agrees_with_a_fine_numerical_integral(model, few):
    d = 0.002  # per week
    some = few.iloc[:12]
    v = ck.customer_lifetime_value(model, 1.0, some, horizon=52, discount_rate=d)
    # second computation: discounting each tenth of a week at its midpoint (near-continuous)
    grid = np.linspace(0.0, 52.0, 521)
    cumulative = np.column_stack([np.zeros(len(some))] + [np.asarray(model.predict_purchases(some, t)) for t in grid[1:]])
    mid = 0.5 * (grid[1:] + grid[:-1])
    fine = np.diff(cumulative, axis=1) @ (1.0 + d) ** -mid
    # end-of-step discounting is conservative, by less than one week's discount
    assert np.all(v["clv"].to_numpy() <= fine + 1e-12)
    np.testing.assert_allclose(v["clv"], fine, rtol=d)


def test_horizon_as_text_is_converted_to_the_summary_unit(model, few):
    a = ck.customer_lifetime_value(model, 10.0, few, horizon="12 months", annual_discount_rate=0.1)
    b = ck.customer_lifetime_value(model, 10.0, few, horizon=365.25 / 7, annual_discount_rate=0.1)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["discount_rate_per_unit"] == pytest.approx(1.1 ** (7 / 365.25) - 1)


def test_clv_scales_with_margin_and_falls_with_the_discount_rate(model, few):
    base = ck.customer_lifetime_value(model, 10.0, few, horizon=104, annual_discount_rate=0.1, margin=0.5)
    double = ck.customer_lifetime_value(model, 10.0, few, horizon=104, annual_discount_rate=0.1, margin=1.0)
    np.testing.assert_allclose(double["clv"], 2 * base["clv"])
    dear = ck.customer_lifetime_value(model, 10.0, few, horizon=104, annual_discount_rate=0.3, margin=0.5)
    assert (dear["clv"] < base["clv"]).all()


def test_spend_model_supplies_per_customer_spend(cdnow_summary):
    from clvkit.models import GammaGamma

    few = cdnow_summary.iloc[:30]
    gg = GammaGamma.from_params(time_unit="W", p=6.25, q=3.74, gamma=15.44)
    v = ck.customer_lifetime_value(BGNBD.from_params(time_unit="W", **PUBLISHED), gg, few, horizon=39,
                                   discount_rate=0.0)
    np.testing.assert_allclose(v["expected_spend"], np.asarray(gg.expected_spend(few)))


def test_units_that_differ_are_refused(model, cdnow_transactions):
    days = ck.summarize(cdnow_transactions, observation_end="1997-09-30", time_unit="D").iloc[:5]
    with pytest.raises(UnitMismatchError, match="measured in days but the model was fitted in weeks"):
        ck.customer_lifetime_value(model, 10.0, days, horizon=30, discount_rate=0.0)


@pytest.mark.parametrize("kwargs, words", [
    ({}, "Give exactly one discount rate"),
    ({"discount_rate": 0.01, "annual_discount_rate": 0.1}, "Give exactly one discount rate"),
    ({"annual_discount_rate": -0.1}, "annual_discount_rate must be a rate per year between 0 and 10"),
    ({"discount_rate": -0.1}, "discount_rate must be a rate per week between 0 and 10"),
])
def test_discount_rate_must_be_given_once_and_sensibly(model, few, kwargs, words):
    with pytest.raises(ClvDataError, match=words):
        ck.customer_lifetime_value(model, 10.0, few, horizon=10, **kwargs)


def test_bad_horizon_margin_and_spend_are_explained(model, few):
    with pytest.raises(ClvDataError, match="is not a duration"):
        ck.customer_lifetime_value(model, 10.0, few, horizon="a while", discount_rate=0.0)
    with pytest.raises(ClvDataError, match="horizon must be longer than 0"):
        ck.customer_lifetime_value(model, 10.0, few, horizon=0, discount_rate=0.0)
    with pytest.raises(ClvDataError, match=r"margin must be in \[0, 1\]"):
        ck.customer_lifetime_value(model, 10.0, few, horizon=10, discount_rate=0.0, margin=30)
    with pytest.raises(ClvDataError, match="spend_model must be a fitted GammaGamma model or a number"):
        ck.customer_lifetime_value(model, "lots", few, horizon=10, discount_rate=0.0)


def test_customer_equity_adds_up_the_base(model, few):
    v = ck.customer_lifetime_value(model, 10.0, few, horizon=52, annual_discount_rate=0.1)
    assert ck.customer_equity(v) == pytest.approx(v["clv"].sum())
    with pytest.raises(ClvDataError, match="needs a 'value' column"):
        ck.customer_equity(v, column="value")


def test_new_customer_value_counts_the_first_purchase_and_expected_repeats(model):
    from clvkit.valuation import new_customer_value

    value = new_customer_value(model, 20.0, horizon=52, discount_rate=0.0, margin=0.5)
    assert value == pytest.approx(0.5 * 20.0 * (1.0 + model.expected_purchases(52.0)))
    without_first = new_customer_value(model, 20.0, horizon=52, discount_rate=0.0, margin=0.5,
                                       include_first_purchase=False)
    assert value - without_first == pytest.approx(10.0)


def test_subscriber_value_is_margin_times_derl():
    from clvkit.valuation import subscriber_value

    sbg = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    assert subscriber_value(sbg, margin_per_period=100.0, discount_rate=0.1, renewals=2) == pytest.approx(
        100.0 * sbg.derl(0.1, renewals=2))


@pytest.mark.parametrize("name", ["BGNBD", "ParetoNBD"])
def test_expected_purchases_path_equals_one_prediction_per_horizon(name, few):
    from clvkit import models
    from clvkit.valuation import expected_purchases_path

    params = PUBLISHED if name == "BGNBD" else dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    model = getattr(models, name).from_params(time_unit="W", **params)
    grid = np.array([0.0, 4.0, 26.0, 52.0])
    path = expected_purchases_path(model, few, grid)
    assert path.shape == (len(few), 4)
    assert np.all(path[:, 0] == 0)
    for j, t in enumerate(grid[1:], start=1):
        np.testing.assert_allclose(path[:, j], np.asarray(model.predict_purchases(few, t)), rtol=1e-12)


def test_a_discount_rate_above_one_warns_that_it_reads_as_a_percentage(model, few):
    with pytest.warns(UserWarning, match=r"annual_discount_rate=8 reads as 800% per year; if you meant 8%, "
                                         r"pass annual_discount_rate=0\.08"):
        high = ck.customer_lifetime_value(model, 10.0, few, horizon=52, annual_discount_rate=8)
    # it is still taken as given: 800% a year, far more discounting than 8%
    low = ck.customer_lifetime_value(model, 10.0, few, horizon=52, annual_discount_rate=0.08)
    assert high["clv"].sum() < 0.5 * low["clv"].sum()
    with pytest.warns(UserWarning, match=r"discount_rate=2 reads as 200% per week; .*pass discount_rate=0\.02"):
        ck.customer_lifetime_value(model, 10.0, few, horizon=52, discount_rate=2)
    with ck.i18n.language("ru"), pytest.warns(UserWarning, match="annual_discount_rate=8 означает 800\u00a0% в год; "
                                                                 "если имелось в виду 8 %"):
        ck.customer_lifetime_value(model, 10.0, few, horizon=52, annual_discount_rate=8)


def test_a_summary_read_back_from_csv_without_its_time_unit_is_scored_with_a_warning(tmp_path, cdnow_transactions):
    weekly = BGNBD.from_params(time_unit="W", **PUBLISHED)
    days = ck.summarize(cdnow_transactions, observation_end="1997-09-30", time_unit="D").iloc[:30]
    path = tmp_path / "summary.csv"
    days.to_csv(path)
    read_back = pd.read_csv(path, index_col=0)
    assert "time_unit" not in read_back.attrs
    with pytest.warns(UserWarning, match="record no time unit, but the model was fitted in weeks.*time_unit='W'"):
        weekly.predict_purchases(read_back, 39)
    with ck.i18n.language("ru"), pytest.warns(UserWarning, match="не записана единица времени.*«недели»"):
        ck.customer_lifetime_value(weekly, 10.0, read_back, horizon=39, discount_rate=0.0)
    with pytest.raises(UnitMismatchError):  # with its unit recorded, the same data are refused outright
        weekly.predict_purchases(days, 39)


def test_horizons_nest_a_longer_horizon_adds_the_value_of_its_extra_weeks(model, few):
    # weekly steps with a last shorter one: the value over 60 weeks is the value over 52 plus
    # the discounted purchases of weeks 53-60, computed here from the predictions directly
    d = 0.002
    short = ck.customer_lifetime_value(model, 1.0, few, horizon=52, discount_rate=d)
    long = ck.customer_lifetime_value(model, 1.0, few, horizon=60.5, discount_rate=d)
    points = [52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 60.5]
    cumulative = np.column_stack([np.asarray(model.predict_purchases(few, t)) for t in points])
    extra = np.diff(cumulative, axis=1) @ (1.0 + d) ** -np.asarray(points[1:])
    np.testing.assert_allclose(long["clv"], short["clv"] + extra, rtol=1e-10)


def test_long_horizons_take_steps_of_whole_units_at_most_120_of_them():
    from clvkit.valuation import _grid

    np.testing.assert_array_equal(_grid(3.5), [0.0, 1.0, 2.0, 3.0, 3.5])
    np.testing.assert_array_equal(_grid(4.0), [0.0, 1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(_grid(0.4), [0.0, 0.4])
    grid = _grid(2609.0)  # 600 months in weeks
    steps = np.diff(grid)
    assert len(steps) <= 120 and np.all(steps[:-1] == 22.0) and 0 < steps[-1] <= 22.0 and grid[-1] == 2609.0


def test_the_workbench_path_cache_gives_the_values_of_a_fresh_computation(model, cdnow_summary):
    from clvkit.valuation import _customer_lifetime_value, _PathCache

    cache = _PathCache(max_columns=60)  # small, so that columns are evicted and computed again
    histories = model._histories(cdnow_summary)
    for horizon, rate in [(52, 0.1), (60.5, 0.1), (52, 0.2), (30, 0.05), (104, 0.1), (52, 0.1)]:
        fast = _customer_lifetime_value(model, 2.0, cdnow_summary, horizon=horizon, annual_discount_rate=rate,
                                        cache=cache, histories=histories)
        fresh = ck.customer_lifetime_value(model, 2.0, cdnow_summary, horizon=horizon, annual_discount_rate=rate)
        pd.testing.assert_frame_equal(fast, fresh, check_exact=False, rtol=1e-13)
        assert len(cache.columns) <= max(60, horizon + 1)


def test_the_path_cache_keeps_within_its_memory_budget(model, cdnow_summary):
    from clvkit.valuation import _customer_lifetime_value, _PathCache

    histories = model._histories(cdnow_summary)
    pairs = len(histories.pair_x)
    cache = _PathCache(max_bytes=20 * 8 * pairs)  # room for 20 columns of this base
    assert cache.capacity(histories) == 20
    for horizon, kept in ((10, 10), (30, 30), (52, 52), (5, 20)):
        _customer_lifetime_value(model, 2.0, cdnow_summary, horizon=horizon, annual_discount_rate=0.1,
                                 cache=cache, histories=histories)
        # the grid just asked for is always kept whole, beyond that no more than the budget
        assert len(cache.columns) == kept
