"""BG/NBD: published CDNOW estimates, independent integrals, simulation with known truth, errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import betaln, hyp2f1

from helpers import assert_gradient_matches_finite_differences
import clvkit as ck
from clvkit.datasets import load_cdnow_calibration_summary_published, load_cdnow_summary
from clvkit.models import BGNBD
from clvkit.models.bgnbd import (
    bgnbd_conditional_expected_purchases,
    bgnbd_expected_purchases,
    bgnbd_log_likelihood,
    bgnbd_log_likelihood_gradient,
    bgnbd_probability_alive,
    bgnbd_probability_of_purchases,
)

FHL = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


@pytest.fixture(scope="module")
def published():
    return load_cdnow_calibration_summary_published()


@pytest.fixture(scope="module")
def fitted(published):
    return BGNBD().fit(published)


# ------------------------------------------------------------------ golden values
def test_bgnbd_reproduces_fader_hardie_lee_2005_estimates(fitted):
    """FHL (2005), Marketing Science 24(2), section 4: r=0.243, alpha=4.414, a=0.793, b=2.426, LL=-9582.4."""
    assert fitted.converged_
    for name, value in FHL.items():
        assert abs(fitted.params_[name] - value) <= 0.0005, name
    assert abs(fitted.log_likelihood_ - (-9582.4)) <= 0.05


def test_bgnbd_fit_on_the_summary_computed_from_transactions_agrees_with_the_published_one(fitted):
    """clvkit.summarize on the raw CDNOW log gives (nearly) the published summary, so the same fit."""
    own = BGNBD().fit(load_cdnow_summary())
    np.testing.assert_allclose(own.params_.to_numpy(), fitted.params_.to_numpy(), rtol=2e-3)
    assert abs(own.log_likelihood_ - fitted.log_likelihood_) < 0.5
    for name, value in FHL.items():
        assert abs(own.params_[name] - value) <= 0.0015, name


def test_conditional_expectation_reproduces_the_fhl_2005_worked_customer():
    """FHL (2005), section 4: a customer with x=2, t_x=30.43, T=38.86 is expected to buy 1.226 times
    in the next 39 weeks."""
    m = BGNBD.from_params(time_unit="W", **FHL)
    s = pd.DataFrame({"frequency": [2], "recency": [30.43], "T": [38.86]})
    s.attrs["time_unit"] = "W"
    assert round(float(m.predict_purchases(s, 39).iloc[0]), 3) == 1.226


def test_expected_purchases_match_the_closed_form_with_scipy_hyp2f1():
    """Eq. 9 with scipy.special.hyp2f1 (accurate for these moderate arguments)."""
    r, alpha, a, b = FHL.values()
    t = np.array([0.5, 5.0, 39.0, 78.0])
    z = t / (alpha + t)
    closed = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z))
    np.testing.assert_allclose(bgnbd_expected_purchases(**FHL, t=t), closed, rtol=1e-9)


def test_conditional_expectation_matches_the_closed_form_with_scipy_hyp2f1():
    r, alpha, a, b = FHL.values()
    x, t_x, T, t = np.array([0, 1, 2, 7, 20]), np.array([0, 1.7, 30.43, 35.0, 38.0]), 38.86, 39.0
    z = t / (alpha + T + t)
    bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    denom = 1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    closed = (a + b + x - 1) / (a - 1) * bracket / denom
    got = bgnbd_conditional_expected_purchases(**FHL, x=x, t_x=t_x, T=T, t=t)
    np.testing.assert_allclose(got, closed, rtol=1e-9)


# ---------------------------------------------- second, independent computation
def _natural_likelihood(r, alpha, a, b, x, t_x, T, what="likelihood", t=0.0):
    """Integrate over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b) in natural space."""
    log_norm = r * math.log(alpha) - math.lgamma(r) - float(betaln(a, b))

    def integrand(lam, p):
        alive = (1 - p) ** x * lam**x * math.exp(-lam * T)
        dead = p * (1 - p) ** (x - 1) * lam**x * math.exp(-lam * t_x) if x > 0 else 0.0
        dens = math.exp(log_norm + (r - 1) * math.log(lam) - alpha * lam + (a - 1) * math.log(p) + (b - 1) * math.log1p(-p))
        if what == "likelihood":
            return (alive + dead) * dens
        if what == "alive":
            return alive * dens
        return alive * -math.expm1(-lam * p * t) / p * dens  # expected purchases if alive

    value, _ = integrate.dblquad(integrand, 0, 1, 0, np.inf, epsabs=0, epsrel=1e-10)
    return value


@pytest.mark.parametrize(
    "params, row",
    [
        ({"r": 0.8, "alpha": 3.0, "a": 1.4, "b": 2.5}, (0, 0.0, 10.0)),
        ({"r": 0.8, "alpha": 3.0, "a": 1.4, "b": 2.5}, (3, 6.5, 10.0)),
        ({"r": 2.0, "alpha": 10.0, "a": 2.0, "b": 5.0}, (5, 20.0, 30.0)),
        ({"r": 1.2, "alpha": 1.0, "a": 3.0, "b": 1.5}, (1, 0.5, 2.0)),
    ],
)
def test_log_likelihood_matches_direct_integration_over_lambda_and_p(params, row):
    x, t_x, T = row
    direct = _natural_likelihood(**params, x=x, t_x=t_x, T=T)
    closed = bgnbd_log_likelihood(**params, x=x, t_x=t_x, T=T)
    assert closed == pytest.approx(np.log(direct), abs=1e-7)


@pytest.mark.parametrize("row", [(3, 6.5, 10.0), (1, 0.5, 12.0)])
def test_p_alive_and_conditional_expectation_match_direct_integration(row):
    params = {"r": 0.8, "alpha": 3.0, "a": 1.4, "b": 2.5}
    x, t_x, T = row
    like = _natural_likelihood(**params, x=x, t_x=t_x, T=T)
    alive = _natural_likelihood(**params, x=x, t_x=t_x, T=T, what="alive") / like
    expected = _natural_likelihood(**params, x=x, t_x=t_x, T=T, what="expected", t=8.0) / like
    assert bgnbd_probability_alive(**params, x=x, t_x=t_x, T=T) == pytest.approx(alive, rel=1e-7)
    got = bgnbd_conditional_expected_purchases(**params, x=x, t_x=t_x, T=T, t=8.0)
    assert got == pytest.approx(expected, rel=1e-7)


def test_analytic_gradient_matches_finite_differences(published):
    x, t_x, T = (published[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    assert_gradient_matches_finite_differences(bgnbd_log_likelihood, bgnbd_log_likelihood_gradient, ("r", "alpha", "a", "b"), [0.5, 3.0, 1.5, 2.0],
                                               x=x, t_x=t_x, T=T)


def test_probabilities_of_purchases_sum_to_one_and_average_to_the_expectation():
    n = np.arange(0, 400)
    p = bgnbd_probability_of_purchases(**FHL, n=n, t=39.0)
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    assert (n * p).sum() == pytest.approx(float(bgnbd_expected_purchases(**FHL, t=39.0)), rel=1e-8)


def test_probability_of_purchases_matches_a_simulation():
    rng = np.random.default_rng(11)
    sim = _simulate_bgnbd(rng, 200_000, **FHL, T=np.full(200_000, 39.0))
    share = np.bincount(sim["frequency"].astype(int), minlength=3)[:3] / 200_000
    m = BGNBD.from_params(**FHL)
    np.testing.assert_allclose(m.probability_of_purchases([0, 1, 2], 39.0), share, atol=0.004)


# ------------------------------------------------------- simulation with known truth
def _simulate_bgnbd(rng, n, *, r, alpha, a, b, T):
    """Customers from the BG/NBD story: Poisson purchases, a coin with p after each repeat purchase."""
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n)
    t_x = np.zeros(n)
    clock = np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.flatnonzero(active)
        clock[idx] += rng.exponential(1 / lam[idx])
        bought = clock[idx] <= T[idx]
        active[idx[~bought]] = False
        buyers = idx[bought]
        x[buyers] += 1
        t_x[buyers] = clock[buyers]
        active[buyers[rng.random(len(buyers)) < p[buyers]]] = False
    return pd.DataFrame({"frequency": x, "recency": t_x, "T": T})


def test_fit_recovers_simulated_parameters_within_two_standard_errors():
    truth = {"r": 0.5, "alpha": 6.0, "a": 0.9, "b": 2.5}
    rng = np.random.default_rng(2024)
    n = 20_000
    # ages in whole days and purchase times rounded to the day, as clvkit.summarize measures
    # them (days / 7); identical rows then compress, which keeps the fit fast
    data = _simulate_bgnbd(rng, n, **truth, T=rng.integers(26 * 7, 52 * 7, n) / 7.0)
    data["recency"] = np.floor(data["recency"] * 7.0) / 7.0
    m = BGNBD().fit(data)
    table = m.summary()
    for name, value in truth.items():
        assert abs(table.loc[name, "estimate"] - value) <= 2 * table.loc[name, "se"], name


# ----------------------------------------------------------------- the class shell
def test_fit_returns_self_so_calls_chain(published):
    m = BGNBD()
    assert m.fit(published) is m


def test_predictions_keep_the_customers_index_and_units(fitted, published):
    pred = fitted.predict_purchases(published, 39)
    alive = fitted.probability_alive(published)
    assert pred.index.equals(published.index) and alive.index.equals(published.index)
    assert np.all((alive >= 0) & (alive <= 1))
    assert fitted.predict_purchases(published, "9 months").iloc[0] == pytest.approx(
        fitted.predict_purchases(published, 365.25 * 0.75 / 7).iloc[0]
    )
    assert isinstance(fitted.expected_purchases(39), float)
    assert fitted.expected_purchases([1, 39]).shape == (2,)


def test_expected_purchases_increase_with_t(fitted):
    values = fitted.expected_purchases(np.linspace(0, 200, 41))
    assert values[0] == 0 and np.all(np.diff(values) > 0)


def test_results_before_fit_raise_not_fitted_error(published):
    with pytest.raises(ck.NotFittedError, match="not fitted"):
        BGNBD().probability_alive(published)


def test_scoring_data_in_days_is_refused_by_a_model_fitted_in_weeks(fitted, published):
    days = published.assign(recency=published["recency"] * 7, T=published["T"] * 7)
    days.attrs["time_unit"] = "D"
    with pytest.raises(ck.UnitMismatchError, match="days"):
        fitted.predict_purchases(days, 39)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.assign(frequency=-d["frequency"] - 1), "negative"),
        (lambda d: d.assign(recency=d["T"] + 1), "exceeds"),
        (lambda d: d.assign(frequency=d["frequency"] + 0.5), "whole numbers"),
        (lambda d: d.drop(columns="recency"), "no column"),
        (lambda d: d.iloc[:0], "empty"),
        (lambda d: d.assign(T=0.0, recency=0.0, frequency=0), "first seen on the last day"),
    ],
)
def test_invalid_summaries_raise_one_sentence(published, change, words):
    bad = change(published.copy())
    with pytest.raises(ck.ClvDataError, match=words) as info:
        BGNBD().fit(bad)
    message = str(info.value)
    assert "\n" not in message and message.endswith(".")


def test_fitting_does_not_modify_the_callers_data(published):
    copy = published.copy()
    BGNBD().fit(published)
    pd.testing.assert_frame_equal(published, copy)
