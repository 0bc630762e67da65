"""MBG/NBD: CDNOW fit, one-time buyers, independent integrals, simulation with known truth."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import betaln, hyp2f1

from helpers import assert_gradient_matches_finite_differences
import clvkit as ck
from clvkit.datasets import load_cdnow_calibration_summary_published
from clvkit.models import BGNBD, MBGNBD
from clvkit.models.mbgnbd import (
    mbgnbd_conditional_expected_purchases,
    mbgnbd_expected_purchases,
    mbgnbd_log_likelihood,
    mbgnbd_log_likelihood_gradient,
    mbgnbd_probability_alive,
)


@pytest.fixture(scope="module")
def published():
    return load_cdnow_calibration_summary_published()


@pytest.fixture(scope="module")
def fitted(published):
    return MBGNBD().fit(published)


def test_mbgnbd_converges_on_cdnow_with_a_likelihood_close_to_bgnbd(fitted, published):
    """No published MBG/NBD estimates on CDNOW are pinned here; the two models differ only in the
    one-time buyers, so their maximised log-likelihoods must be close (BG/NBD: -9582.4)."""
    assert fitted.converged_
    bg = BGNBD().fit(published)
    assert abs(fitted.log_likelihood_ - bg.log_likelihood_) < 2.0
    assert np.all(np.isfinite(fitted.summary()["se"]))


def test_one_time_buyers_get_p_alive_below_one(fitted, published):
    """Batislam, Denizel & Filiztekin (2007): unlike BG/NBD, a customer without repeat purchases may
    have left right after the first one."""
    once = published[published["frequency"] == 0]
    alive = fitted.probability_alive(once)
    assert np.all((alive > 0) & (alive < 1))
    assert np.all(BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426).probability_alive(once) == 1.0)


def test_expectations_match_the_closed_forms_with_scipy_hyp2f1():
    r, alpha, a, b = 0.5, 6.0, 0.9, 1.6
    t = np.array([1.0, 39.0, 78.0])
    closed = b / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b + 1, a + b, t / (alpha + t)))
    np.testing.assert_allclose(mbgnbd_expected_purchases(r=r, alpha=alpha, a=a, b=b, t=t), closed, rtol=1e-9)
    x, t_x, T, h = np.array([0, 2, 9]), np.array([0.0, 30.43, 37.0]), 38.86, 39.0
    bracket = 1 - ((alpha + T) / (alpha + T + h)) ** (r + x) * hyp2f1(r + x, b + x + 1, a + b + x, h / (alpha + T + h))
    closed = (a + b + x) / (a - 1) * bracket / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    got = mbgnbd_conditional_expected_purchases(r=r, alpha=alpha, a=a, b=b, x=x, t_x=t_x, T=T, t=h)
    np.testing.assert_allclose(got, closed, rtol=1e-9)


def _natural(r, alpha, a, b, x, t_x, T, what="likelihood"):
    """Integrate the MBG/NBD story over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b)."""
    log_norm = r * math.log(alpha) - math.lgamma(r) - float(betaln(a, b))

    def integrand(lam, p):
        alive = (1 - p) ** (x + 1) * lam**x * math.exp(-lam * T)
        dead = p * (1 - p) ** x * lam**x * math.exp(-lam * t_x)
        dens = math.exp(log_norm + (r - 1) * math.log(lam) - alpha * lam + (a - 1) * math.log(p) + (b - 1) * math.log1p(-p))
        return (alive + dead) * dens if what == "likelihood" else alive * dens

    return integrate.dblquad(integrand, 0, 1, 0, np.inf, epsabs=0, epsrel=1e-10)[0]


@pytest.mark.parametrize("row", [(0, 0.0, 10.0), (3, 6.5, 10.0)])
def test_likelihood_and_p_alive_match_direct_integration(row):
    params = {"r": 0.8, "alpha": 3.0, "a": 1.4, "b": 2.5}
    x, t_x, T = row
    like = _natural(**params, x=x, t_x=t_x, T=T)
    assert mbgnbd_log_likelihood(**params, x=x, t_x=t_x, T=T) == pytest.approx(np.log(like), abs=1e-7)
    alive = _natural(**params, x=x, t_x=t_x, T=T, what="alive") / like
    assert mbgnbd_probability_alive(**params, x=x, t_x=t_x, T=T) == pytest.approx(alive, rel=1e-7)


def test_analytic_gradient_matches_finite_differences(published):
    x, t_x, T = (published[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    assert_gradient_matches_finite_differences(mbgnbd_log_likelihood, mbgnbd_log_likelihood_gradient, ("r", "alpha", "a", "b"), [0.5, 3.0, 1.5, 2.0],
                                               x=x, t_x=t_x, T=T)


def test_probabilities_of_purchases_sum_to_one_and_average_to_the_expectation(fitted):
    n = np.arange(0, 400)
    p = fitted.probability_of_purchases(n, 39.0)
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0, abs=1e-9)
    assert (n * p).sum() == pytest.approx(fitted.expected_purchases(39.0), rel=1e-8)


def _simulate_mbgnbd(rng, n, *, r, alpha, a, b, T):
    """Customers from the MBG/NBD story: a coin with p after every purchase, the first included."""
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n)
    t_x = np.zeros(n)
    clock = np.zeros(n)
    active = rng.random(n) >= p
    while active.any():
        idx = np.flatnonzero(active)
        clock[idx] += rng.exponential(1 / lam[idx])
        bought = clock[idx] <= T[idx]
        active[idx[~bought]] = False
        buyers = idx[bought]
        x[buyers] += 1
        t_x[buyers] = clock[buyers]
        active[buyers[rng.random(len(buyers)) < p[buyers]]] = False
    return pd.DataFrame({"frequency": x, "recency": np.floor(t_x * 7.0) / 7.0, "T": T})


def test_fit_recovers_simulated_parameters_within_two_standard_errors():
    truth = {"r": 0.5, "alpha": 6.0, "a": 0.9, "b": 2.5}
    rng = np.random.default_rng(99)
    n = 20_000
    data = _simulate_mbgnbd(rng, n, **truth, T=rng.integers(26 * 7, 52 * 7, n) / 7.0)
    table = MBGNBD().fit(data).summary()
    for name, value in truth.items():
        assert abs(table.loc[name, "estimate"] - value) <= 2 * table.loc[name, "se"], name


def test_invalid_summaries_and_units_are_refused(fitted, published):
    with pytest.raises(ck.ClvDataError, match="negative"):
        MBGNBD().fit(published.assign(T=-published["T"]))
    with pytest.raises(ck.ClvDataError, match="whole numbers"):
        MBGNBD().fit(published.assign(frequency=0.5))
    days = published.copy()
    days.attrs["time_unit"] = "D"
    with pytest.raises(ck.UnitMismatchError):
        fitted.predict_purchases(days, 10)
