"""Pareto/NBD: published CDNOW estimates, a stable 2F1 integral, independent integrals, simulation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import hyp2f1

from helpers import assert_gradient_matches_finite_differences
import clvkit as ck
from clvkit.datasets import load_cdnow_calibration_summary_published, load_cdnow_summary
from clvkit.models import ParetoNBD
from clvkit.models._hyp2f1 import pareto_log_integral
from clvkit.models.paretonbd import (
    paretonbd_conditional_expected_purchases,
    paretonbd_expected_purchases,
    paretonbd_log_likelihood,
    paretonbd_log_likelihood_gradient,
    paretonbd_probability_alive,
    paretonbd_probability_of_purchases,
)

FHL = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}


@pytest.fixture(scope="module")
def published():
    return load_cdnow_calibration_summary_published()


@pytest.fixture(scope="module")
def fitted(published):
    return ParetoNBD().fit(published)


def test_pareto_nbd_reproduces_the_published_cdnow_estimates(fitted):
    """Fader, Hardie & Lee (2005), Marketing Science 24(2), section 4: r=0.553, alpha=10.578,
    s=0.606, beta=11.669, LL=-9595.0. The likelihood is flat in beta, so parameters to 1%."""
    assert fitted.converged_
    assert fitted.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)
    for name, value in FHL.items():
        assert fitted.params_[name] == pytest.approx(value, rel=0.01), name


def test_fit_on_the_summary_computed_from_transactions_agrees_with_the_published_one(fitted):
    own = ParetoNBD().fit(load_cdnow_summary())
    assert abs(own.log_likelihood_ - fitted.log_likelihood_) < 0.5
    np.testing.assert_allclose(own.params_.to_numpy(), fitted.params_.to_numpy(), rtol=0.02)


# ------------------------------------------------------------ the stable 2F1 integral
def _closed_form_integral(r, alpha, s, beta, x, t_x, T):
    """The 2F1 difference of FHL's note (eq. 22), with scipy.special.hyp2f1."""
    m = r + s + x
    if alpha >= beta:
        z = lambda u: (alpha - beta) / (alpha + u)
        f = lambda u: hyp2f1(m, s + 1, m + 1, z(u)) / (alpha + u) ** m
    else:
        z = lambda u: (beta - alpha) / (beta + u)
        f = lambda u: hyp2f1(m, r + x, m + 1, z(u)) / (beta + u) ** m
    return (f(t_x) - f(T)) / m


@pytest.mark.parametrize(
    "point",
    [
        (0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86),
        (0.553, 10.578, 0.606, 11.669, 0, 0.0, 38.86),
        (2.0, 1.0, 0.5, 5.0, 7, 3.0, 20.0),
        (0.3, 8.0, 1.5, 0.7, 4, 1.0, 9.0),
        (1.0, 3.0, 1.0, 3.0, 3, 2.0, 4.0),
    ],
)
def test_integral_matches_the_hyp2f1_closed_form_where_scipy_is_accurate(point):
    r, alpha, s, beta, x, t_x, T = point
    ours = np.exp(pareto_log_integral(r=r, alpha=alpha, s=s, beta=beta, x=x, t_x=t_x, T=T))
    assert float(ours) == pytest.approx(_closed_form_integral(*point), rel=1e-9)


@pytest.mark.parametrize(
    "point",
    [
        (0.553, 10.578, 0.606, 11.669, 10_000, 9_000.0, 10_000.0),
        (0.001, 1000.0, 0.001, 0.001, 10_000, 1.0, 10_000.0),
        (1000.0, 0.001, 1000.0, 1000.0, 0, 0.0, 10_000.0),
        (0.5, 0.01, 2.0, 800.0, 5_000, 9_999.0, 10_000.0),
    ],
)
def test_integral_is_finite_and_accurate_for_huge_frequency_and_age(point):
    """Where the 2F1 difference cancels completely, compare with adaptive quadrature of the
    integrand scaled by its value at t_x (a different method: scipy.integrate.quad). At these
    extreme parameters the log-integral is good to 1e-3 (1e-10 at the parameters of real fits)."""
    r, alpha, s, beta, x, t_x, T = point
    ours = float(pareto_log_integral(r=r, alpha=alpha, s=s, beta=beta, x=x, t_x=t_x, T=T))
    assert np.isfinite(ours)

    def log_w(u):
        return -(r + x) * np.log(alpha + u) - (s + 1) * np.log(beta + u)

    # substitute u = t_x + e^y and integrate over a fine grid of y in (log 1e-30, log(T - t_x))
    def integrand(y):
        return np.exp(log_w(t_x + np.exp(y)) - log_w(t_x) + y)

    grid = np.linspace(np.log(1e-30), np.log(T - t_x), 801)
    pieces = [integrate.quad(integrand, lo, hi, epsabs=0, epsrel=1e-12)[0] for lo, hi in itertools.pairwise(grid)]
    assert ours == pytest.approx(np.log(sum(pieces)) + log_w(t_x), abs=1e-3)


# ---------------------------------------------- second, independent computation
def _natural(r, alpha, s, beta, x, t_x, T, what="likelihood", t=0.0):
    """Integrate over lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta) in natural space (FHL note, eq. 3)."""
    log_norm = r * math.log(alpha) - math.lgamma(r) + s * math.log(beta) - math.lgamma(s)

    def integrand(mu, lam):
        alive = lam**x * math.exp(-(lam + mu) * T)
        dens = math.exp(log_norm + (r - 1) * math.log(lam) - alpha * lam + (s - 1) * math.log(mu) - beta * mu)
        if what == "likelihood":
            dead = lam**x * mu / (lam + mu) * (math.exp(-(lam + mu) * t_x) - math.exp(-(lam + mu) * T))
            return (alive + dead) * dens
        if what == "alive":
            return alive * dens
        return alive * lam / mu * -math.expm1(-mu * t) * dens

    value, _ = integrate.dblquad(integrand, 0, np.inf, 0, np.inf, epsabs=0, epsrel=1e-9)
    return value


@pytest.mark.parametrize(
    "params, row",
    [
        ({"r": 0.8, "alpha": 3.0, "s": 1.4, "beta": 2.5}, (0, 0.0, 10.0)),
        ({"r": 0.8, "alpha": 3.0, "s": 1.4, "beta": 2.5}, (3, 6.5, 10.0)),
        ({"r": 2.0, "alpha": 10.0, "s": 2.0, "beta": 5.0}, (5, 20.0, 30.0)),
        ({"r": 1.5, "alpha": 2.0, "s": 3.0, "beta": 30.0}, (2, 0.5, 4.0)),
    ],
)
def test_log_likelihood_matches_direct_integration_over_lambda_and_mu(params, row):
    x, t_x, T = row
    direct = _natural(**params, x=x, t_x=t_x, T=T)
    assert paretonbd_log_likelihood(**params, x=x, t_x=t_x, T=T) == pytest.approx(np.log(direct), abs=1e-6)


def test_p_alive_and_conditional_expectation_match_direct_integration():
    params, (x, t_x, T) = {"r": 0.8, "alpha": 3.0, "s": 1.4, "beta": 2.5}, (3, 6.5, 10.0)
    like = _natural(**params, x=x, t_x=t_x, T=T)
    alive = _natural(**params, x=x, t_x=t_x, T=T, what="alive") / like
    expected = _natural(**params, x=x, t_x=t_x, T=T, what="expected", t=8.0) / like
    assert paretonbd_probability_alive(**params, x=x, t_x=t_x, T=T) == pytest.approx(alive, rel=1e-6)
    got = paretonbd_conditional_expected_purchases(**params, x=x, t_x=t_x, T=T, t=8.0)
    assert got == pytest.approx(expected, rel=1e-6)


def test_analytic_gradient_matches_finite_differences(published):
    x, t_x, T = (published[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    assert_gradient_matches_finite_differences(paretonbd_log_likelihood, paretonbd_log_likelihood_gradient, ("r", "alpha", "s", "beta"), [0.5, 3.0, 1.5, 2.0],
                                               x=x, t_x=t_x, T=T)


def test_expectations_are_finite_at_s_equal_one():
    """The (s - 1) in the denominators has a finite limit: r beta / alpha * log(1 + t / beta)."""
    got = paretonbd_expected_purchases(r=2.0, alpha=4.0, s=1.0, beta=3.0, t=6.0)
    assert float(got) == pytest.approx(2.0 * 3.0 / 4.0 * np.log(3.0), rel=1e-12)
    near = paretonbd_expected_purchases(r=2.0, alpha=4.0, s=1.0 + 1e-7, beta=3.0, t=6.0)
    assert float(near) == pytest.approx(float(got), rel=1e-6)


def test_probabilities_of_purchases_sum_to_one_and_average_to_the_expectation():
    n = np.arange(0, 300)
    p = paretonbd_probability_of_purchases(**FHL, n=n, t=39.0)
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-8)
    assert (n * p).sum() == pytest.approx(float(paretonbd_expected_purchases(**FHL, t=39.0)), rel=1e-7)


# ------------------------------------------------------- simulation with known truth
def _simulate_paretonbd(rng, n, *, r, alpha, s, beta, T):
    """Customers from the Pareto/NBD story: Poisson purchases until an exponential death."""
    lam = rng.gamma(r, 1 / alpha, n)
    mu = rng.gamma(s, 1 / beta, n)
    active_for = np.minimum(rng.exponential(1 / mu), T)
    x = rng.poisson(lam * active_for).astype(float)
    # the last of x uniform purchase times on (0, active_for)
    t_x = np.where(x > 0, active_for * rng.random(n) ** (1 / np.maximum(x, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": t_x, "T": T})


def test_fit_recovers_simulated_parameters_within_two_standard_errors():
    truth = {"r": 0.6, "alpha": 8.0, "s": 0.8, "beta": 10.0}
    rng = np.random.default_rng(7)
    n = 20_000
    # ages in whole days and purchase times rounded to the day, as clvkit.summarize measures
    # them (days / 7); identical rows then compress, which keeps the fit fast
    data = _simulate_paretonbd(rng, n, **truth, T=rng.integers(26 * 7, 52 * 7, n) / 7.0)
    data["recency"] = np.floor(data["recency"] * 7.0) / 7.0
    table = ParetoNBD().fit(data).summary()
    for name, value in truth.items():
        assert abs(table.loc[name, "estimate"] - value) <= 2 * table.loc[name, "se"], name


# ----------------------------------------------------------------- the class shell
def test_class_predictions_match_the_pure_functions(fitted, published):
    p = fitted.params_.to_dict()
    cols = {k: published[c].to_numpy(dtype=float) for k, c in (("x", "frequency"), ("t_x", "recency"), ("T", "T"))}
    np.testing.assert_allclose(fitted.probability_alive(published), paretonbd_probability_alive(**p, **cols))
    np.testing.assert_allclose(
        fitted.predict_purchases(published, 39), paretonbd_conditional_expected_purchases(**p, **cols, t=39)
    )
    assert fitted.expected_purchases(39) == pytest.approx(float(paretonbd_expected_purchases(**p, t=39)))


def test_scoring_data_in_days_is_refused(fitted, published):
    days = published.copy()
    days.attrs["time_unit"] = "D"
    with pytest.raises(ck.UnitMismatchError):
        fitted.probability_alive(days)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.assign(recency=-1.0), "negative"),
        (lambda d: d.assign(recency=d["T"] * 2), "exceeds"),
        (lambda d: d.assign(frequency=d["frequency"] * 1.5 + 0.1), "whole numbers"),
        (lambda d: d.rename(columns={"T": "age"}), "no column"),
        (lambda d: d.iloc[:0], "empty"),
    ],
)
def test_invalid_summaries_raise_one_sentence(published, change, words):
    with pytest.raises(ck.ClvDataError, match=words) as info:
        ParetoNBD().fit(change(published.copy()))
    message = str(info.value)
    assert "\n" not in message and message.endswith(".")
