"""Shifted-beta-geometric model: Fader & Hardie (2007, 2010) numbers, identities and recovery."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clvkit import ClvDataError, NotFittedError
from clvkit.datasets import load_sbg_cohorts
from clvkit.models import ShiftedBetaGeometric


@pytest.fixture(scope="module")
def cohorts():
    return load_sbg_cohorts()


# ------------------------------------------------------------------ golden
@pytest.mark.parametrize(
    ("segment", "alpha", "beta"),
    [("regular", 0.704, 1.182), ("high_end", 0.668, 3.806)],
)
def test_sbg_reproduces_fader_hardie_2007_estimates_on_seven_years(cohorts, segment, alpha, beta):
    model = ShiftedBetaGeometric().fit(cohorts[segment].loc[0:7])
    assert model.converged_
    assert model.params_["alpha"] == pytest.approx(alpha, abs=5e-4)
    assert model.params_["beta"] == pytest.approx(beta, abs=5e-4)


def test_fit_returns_self_with_named_params_and_a_summary(cohorts):
    model = ShiftedBetaGeometric()
    assert model.fit(cohorts["regular"].loc[0:7]) is model
    assert list(model.params_.index) == ["alpha", "beta"]
    table = model.summary()
    assert list(table.columns) == ["estimate", "se", "ci_low", "ci_high"]
    assert (table["se"] > 0).all() and (table["ci_low"] > 0).all()
    assert (table["ci_low"] < table["estimate"]).all() and (table["estimate"] < table["ci_high"]).all()
    assert model.n_customers_ == 1000
    assert model.survivors_.tolist() == cohorts["regular"].loc[0:7].tolist()


def test_log_likelihood_equals_the_survivor_formula_written_out(cohorts):
    # F&H 2007 eq. 9 in natural space: sum of lost * ln P(T=t) + last * ln S(n), with P and S
    # built from the recursion P(T=1) = a/(a+b), P(T=t) = P(T=t-1) (b+t-2)/(a+b+t-1).
    counts = cohorts["regular"].loc[0:7].to_numpy(dtype=float)
    model = ShiftedBetaGeometric().fit(counts)
    a, b = model.params_
    p = [a / (a + b)]
    for t in range(2, len(counts)):
        p.append(p[-1] * (b + t - 2) / (a + b + t - 1))
    p = np.array(p)
    survival = 1 - p.sum()
    lost = counts[:-1] - counts[1:]
    ll = float(np.sum(lost * np.log(p)) + counts[-1] * np.log(survival))
    assert model.log_likelihood_ == pytest.approx(ll, rel=1e-10)


def test_fitted_model_projects_the_later_years_closely(cohorts):
    # F&H 2007 fit years 1-7 and project years 8-12; the sBG projections track the data.
    model = ShiftedBetaGeometric().fit(cohorts["regular"].loc[0:7])
    projected = model.expected_survivors(np.arange(8, 13))
    actual = cohorts["regular"].loc[8:12].to_numpy()
    assert np.max(np.abs(projected - actual) / actual) < 0.05


# ---------------------------------------------------------------- identities
def test_survival_retention_and_churn_are_consistent():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    t = np.arange(1, 30)
    s = m.survival(np.arange(0, 30))
    assert s[0] == 1.0
    np.testing.assert_allclose(m.retention_rate(t), s[1:] / s[:-1], rtol=1e-12)
    np.testing.assert_allclose(m.churn_probability(t), s[:-1] - s[1:], rtol=1e-10)
    # retention rises with tenure: the sorting effect of heterogeneity
    assert np.all(np.diff(m.retention_rate(t)) > 0)


def test_retention_rate_matches_hand_computation():
    m = ShiftedBetaGeometric.from_params(alpha=2.0, beta=3.0)
    assert m.retention_rate(1) == pytest.approx(3 / 5)
    assert m.retention_rate(4) == pytest.approx(6 / 8)
    assert m.churn_probability(1) == pytest.approx(2 / 5)
    assert m.survival(2) == pytest.approx(3 / 5 * 4 / 6)


def test_expected_lifetime_is_the_sum_of_survival_and_infinite_when_alpha_at_most_one():
    m = ShiftedBetaGeometric.from_params(alpha=3.0, beta=2.0)
    direct = float(np.sum(m.survival(np.arange(0, 200_000))))
    assert m.expected_lifetime() == pytest.approx(direct, rel=1e-6)
    assert m.expected_lifetime() == pytest.approx(4 / 2)
    assert math.isinf(ShiftedBetaGeometric.from_params(alpha=0.9, beta=2.0).expected_lifetime())


def _derl_by_direct_sum(alpha, beta, d, n, terms=200_000):
    m = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta)
    t = np.arange(n + 1, n + 1 + terms)
    ratio = m.survival(t) / m.survival(n)
    return float(np.sum(ratio * np.exp(-(t - n - 1) * np.log1p(d))))


@pytest.mark.parametrize(
    ("alpha", "beta", "d", "n"),
    [
        (0.704, 1.182, 0.10, 0),
        (0.704, 1.182, 0.10, 4),
        (0.668, 3.806, 0.10, 0),
        (0.668, 3.806, 0.10, 10),
        (0.2, 50.0, 0.05, 3),
        (25.0, 0.5, 0.01, 100),
        (1000.0, 1000.0, 0.1, 0),
    ],
)
def test_derl_equals_a_direct_truncated_sum_of_discounted_survival_ratios(alpha, beta, d, n):
    m = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta)
    assert m.derl(d, renewals=n) == pytest.approx(_derl_by_direct_sum(alpha, beta, d, n), rel=1e-9)


def test_discounted_expected_lifetime_of_a_new_customer_is_the_discounted_survival_sum():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    t = np.arange(0, 200_000)
    direct = float(np.sum(m.survival(t) * np.exp(-t * np.log1p(0.1))))
    assert m.discounted_expected_lifetime(0.1) == pytest.approx(direct, rel=1e-9)


def test_derl_without_discounting_is_the_mean_residual_lifetime():
    m = ShiftedBetaGeometric.from_params(alpha=3.0, beta=2.0)
    assert m.derl(0.0, renewals=2) == pytest.approx((2 + 2) / (3 - 1))
    assert m.derl(0.0) == pytest.approx(m.expected_lifetime() - 1)
    assert math.isinf(ShiftedBetaGeometric.from_params(alpha=0.7, beta=2.0).derl(0.0))


def test_derl_grows_with_renewals_and_is_vectorised():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    values = m.derl(0.1, renewals=np.arange(6))
    assert values.shape == (6,)
    assert np.all(np.diff(values) > 0)
    assert values[3] == pytest.approx(m.derl(0.1, 3))


def test_heterogeneity_gives_more_residual_value_than_the_aggregate_retention_rate(cohorts):
    # Fader & Hardie 2010's main point: valuing with one aggregate retention rate
    # (here the first-year rate, as a textbook would) under-states the residual value.
    m = ShiftedBetaGeometric().fit(cohorts["regular"].loc[0:7])
    r = m.retention_rate(1)
    d = 0.1
    aggregate = r / (1 + d - r) * (1 + d)  # renewals paid at the start of each period
    assert m.derl(d) > aggregate


def test_value_is_margin_times_derl_with_timing():
    m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
    assert m.value(50, 0.1, 2) == pytest.approx(50 * m.derl(0.1, 2))
    assert m.value(50, 0.1, 2, timing="end") == pytest.approx(50 * m.derl(0.1, 2) / 1.1)


@settings(max_examples=40, deadline=None)
@given(
    alpha=st.floats(1e-3, 1e3),
    beta=st.floats(1e-3, 1e3),
    d=st.floats(1e-3, 1.0),
    n=st.integers(0, 10_000),
)
def test_derl_is_finite_positive_and_below_the_undiscounted_bound(alpha, beta, d, n):
    m = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta)
    value = float(m.derl(d, n))
    assert np.isfinite(value) and value > 0
    # never more than a customer who never cancels: 1 + 1/(1+d) + ... = (1 + d) / d
    assert value <= (1 + d) / d * (1 + 1e-12)


# ---------------------------------------------------------------- simulation
def _simulate_survivors(alpha, beta, size, periods, seed):
    rng = np.random.default_rng(seed)
    theta = rng.beta(alpha, beta, size=size)
    lifetime = rng.geometric(theta)  # periods paid for, 1, 2, ...
    return np.array([(lifetime > t).sum() for t in range(periods + 1)])


@pytest.mark.parametrize(("alpha", "beta", "seed"), [(0.7, 1.2, 1), (2.5, 6.0, 2)])
def test_sbg_recovers_simulated_parameters_within_two_standard_errors(alpha, beta, seed):
    survivors = _simulate_survivors(alpha, beta, 20_000, 10, seed)
    model = ShiftedBetaGeometric().fit(survivors)
    table = model.summary()
    for name, truth in {"alpha": alpha, "beta": beta}.items():
        assert abs(table.loc[name, "estimate"] - truth) < 2 * table.loc[name, "se"], name


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("survivors", "words"),
    [
        ([1000], "at least 2 periods"),
        ([1000, 1200, 900], "must not increase (a cohort only loses members), but period 1 has 1200"),
        ([1000, 600.5], "whole, non-negative counts of customers, but period 1 holds 600.5"),
        ([1000, -3], "period 1 holds -3"),
        ([0, 0, 0], "must start with a positive cohort size"),
        ([1000, "many"], "survivors must be numbers, but period 1 holds 'many'"),
        ("1000,600", "one-dimensional sequence"),
        ([[1000, 600], [900, 500]], "one-dimensional sequence"),
    ],
)
def test_bad_survivor_sequences_raise_one_clear_sentence(survivors, words):
    with pytest.raises(ClvDataError) as info:
        ShiftedBetaGeometric().fit(survivors)
    assert words in str(info.value)


def test_a_table_of_several_cohorts_is_refused_with_a_hint(cohorts):
    with pytest.raises(ClvDataError, match=r"pass one column, e.g. cohorts\['regular'\]"):
        ShiftedBetaGeometric().fit(cohorts)
    one = ShiftedBetaGeometric().fit(cohorts[["regular"]].loc[0:7])
    assert one.params_["alpha"] == pytest.approx(0.704, abs=5e-4)


def test_fit_does_not_modify_the_callers_data(cohorts):
    series = cohorts["regular"].loc[0:7].copy()
    before = series.copy()
    ShiftedBetaGeometric().fit(series)
    pd.testing.assert_series_equal(series, before)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda m: m.survival(-1), "t must be a whole number (or an array of them) >= 0"),
        (lambda m: m.retention_rate(0), "t must be a whole number (or an array of them) >= 1"),
        (lambda m: m.churn_probability(1.5), "t must be a whole number"),
        (lambda m: m.derl(-0.1), "discount_rate must be a rate per period between 0 and 10"),
        (lambda m: m.derl(0.1, renewals=-1), "renewals must be a whole number"),
        (lambda m: m.value(10, 0.1, timing="later"), "timing must be one of 'begin', 'end'"),
    ],
)
def test_prediction_arguments_are_checked(call, words):
    m = ShiftedBetaGeometric.from_params(alpha=1.0, beta=2.0)
    with pytest.raises(ClvDataError) as info:
        call(m)
    assert words in str(info.value)


def test_unfitted_model_says_to_call_fit():
    with pytest.raises(NotFittedError, match="not fitted yet; call .fit"):
        ShiftedBetaGeometric().survival(3)
