"""BG/BB model: Fader, Hardie & Shang (2010) donations estimates, natural-space checks, recovery."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.special import betaln, roots_jacobi

from clvkit import ClvDataError, NotFittedError
from clvkit.datasets import load_donations
from clvkit.models import BGBB
from clvkit.models.bgbb import bgbb_loglik

PUBLISHED = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}


@pytest.fixture(scope="module")
def donations():
    return load_donations()


@pytest.fixture(scope="module")
def fitted(donations):
    return BGBB().fit(donations, weights="count")


# ------------------------------------------------------------------ golden
def test_bgbb_reproduces_fader_hardie_shang_2010_estimates_on_the_donations_panel(fitted):
    assert fitted.converged_
    assert fitted.n_customers_ == 11_104
    for name, value in PUBLISHED.items():
        assert fitted.params_[name] == pytest.approx(value, abs=5e-4), name
    assert fitted.log_likelihood_ == pytest.approx(-33225.6, abs=0.05)


# ------------------------------------------------------------ second computation
def _individual_likelihood(p, theta, x, tx, n):
    """L(p, theta | x, t_x, n) in natural space: alive throughout, or dead after t_x + i periods."""
    value = p**x * (1 - p) ** (n - x) * (1 - theta) ** n
    for i in range(n - tx):
        value += p**x * (1 - p) ** (tx - x + i) * theta * (1 - theta) ** (tx + i)
    return value


def _beta_pdf(u, a, b):
    return np.exp((a - 1) * np.log(u) + (b - 1) * np.log1p(-u) - betaln(a, b))


def test_closed_form_likelihood_matches_a_double_integral_over_p_and_theta():
    a, b, g, d = 2.0, 3.0, 1.5, 4.0
    x, tx, n = 2, 4, 6

    def integrand(theta, p):
        return _individual_likelihood(p, theta, x, tx, n) * _beta_pdf(p, a, b) * _beta_pdf(theta, g, d)

    value, _ = integrate.dblquad(integrand, 0, 1, 0, 1, epsabs=1e-12, epsrel=1e-9)
    closed = bgbb_loglik(alpha=a, beta=b, gamma=g, delta=d, frequency=x, recency=tx, n_periods=n)
    assert closed == pytest.approx(np.log(value), rel=1e-7)


def _gauss_jacobi_expectation(function, params, nodes=40):
    """E[function(p, theta)] under p ~ Beta(alpha, beta), theta ~ Beta(gamma, delta).

    Gauss-Jacobi nodes carry the Beta weights exactly (even below 1, where the densities are
    unbounded), and the BG/BB individual likelihood is a polynomial in p and theta, so the
    product rule with 40 x 40 nodes is exact up to rounding for up to 79 opportunities.
    """
    a, b, g, d = params
    xp, wp = roots_jacobi(nodes, b - 1, a - 1)
    xt, wt = roots_jacobi(nodes, d - 1, g - 1)
    p, theta = (1 + xp) / 2, (1 + xt) / 2
    # the Jacobi weight on [-1, 1] integrates to 2^(a+b-1) B(a, b)
    wp = wp / (2 ** (a + b - 1) * np.exp(betaln(a, b)))
    wt = wt / (2 ** (g + d - 1) * np.exp(betaln(g, d)))
    values = function(p[:, None], theta[None, :])
    return float(wp @ values @ wt)


@pytest.mark.parametrize(
    ("params", "row"),
    [
        ((2.0, 3.0, 1.5, 4.0), (2, 4, 6)),
        ((1.3, 1.1, 2.5, 1.8), (0, 0, 5)),
        ((1.204, 0.750, 0.657, 2.783), (3, 5, 6)),
        ((0.3, 5.0, 0.2, 0.9), (1, 1, 30)),
        ((4.0, 0.4, 8.0, 0.5), (25, 30, 40)),
    ],
)
def test_closed_form_likelihood_matches_natural_space_quadrature(params, row):
    x, tx, n = row
    value = _gauss_jacobi_expectation(lambda p, th: _individual_likelihood(p, th, x, tx, n), params)
    a, b, g, d = params
    closed = bgbb_loglik(alpha=a, beta=b, gamma=g, delta=d, frequency=x, recency=tx, n_periods=n)
    assert closed == pytest.approx(np.log(value), rel=1e-9)


def _beta_moment(a, b, k, m):
    """E[u^k (1 - u)^m] for u ~ Beta(a, b) by one-dimensional quadrature (endpoint weights)."""
    value, _ = integrate.quad(
        lambda u: u**k * (1 - u) ** m, 0, 1, weight="alg", wvar=(a - 1, b - 1), epsabs=0, epsrel=1e-12
    )
    return value / np.exp(betaln(a, b))


def test_likelihood_on_the_donations_panel_equals_a_brute_force_sum_over_death_periods(donations):
    # With the published (partly < 1) parameters the Beta densities are unbounded at the ends, so
    # each death-period term is integrated as a product of two one-dimensional integrals.
    a, b, g, d = PUBLISHED.values()
    total = 0.0
    for row in donations.itertuples():
        x, tx, n = int(row.frequency), int(row.recency), int(row.n_periods)
        value = _beta_moment(a, b, x, n - x) * _beta_moment(g, d, 0, n)
        for i in range(n - tx):
            value += _beta_moment(a, b, x, tx - x + i) * _beta_moment(g, d, 1, tx + i)
        total += row.count * np.log(value)
    closed = np.dot(
        donations["count"],
        bgbb_loglik(
            alpha=a,
            beta=b,
            gamma=g,
            delta=d,
            frequency=donations["frequency"],
            recency=donations["recency"],
            n_periods=donations["n_periods"],
        ),
    )
    assert closed == pytest.approx(total, rel=1e-9)


# ---------------------------------------------------------------- predictions
def test_purchase_distribution_sums_to_one_and_its_mean_is_expected_purchases(fitted):
    for n in (1, 6, 15):
        probs = fitted.probability_of_purchases(np.arange(n + 1), n)
        assert probs.sum() == pytest.approx(1.0, abs=1e-12)
        assert np.dot(np.arange(n + 1), probs) == pytest.approx(fitted.expected_purchases(n), rel=1e-10)


def test_expected_purchases_matches_the_sum_of_alive_probabilities():
    a, b, g, d = 1.5, 2.0, 0.8, 3.0
    m = BGBB.from_params(alpha=a, beta=b, gamma=g, delta=d)
    t = np.arange(1, 11)
    alive = np.exp(betaln(g, d + t) - betaln(g, d))
    assert m.expected_purchases(10) == pytest.approx(a / (a + b) * alive.sum(), rel=1e-12)
    # gamma exactly 1 uses the digamma limit of the same sum
    m1 = BGBB.from_params(alpha=a, beta=b, gamma=1.0, delta=d)
    alive1 = np.exp(betaln(1.0, d + t) - betaln(1.0, d))
    assert m1.expected_purchases(10) == pytest.approx(a / (a + b) * alive1.sum(), rel=1e-10)


@pytest.mark.parametrize(
    ("params", "row"),
    [
        ((2.0, 3.0, 1.5, 4.0), (2, 4, 6)),
        ((1.204, 0.750, 0.657, 2.783), (1, 2, 6)),
        ((0.5, 2.0, 0.4, 1.5), (0, 0, 6)),
    ],
)
def test_probability_alive_and_conditional_purchases_match_natural_space_posteriors(params, row):
    x, tx, n = row
    n_star = 4
    m = BGBB.from_params(**dict(zip(("alpha", "beta", "gamma", "delta"), params)))
    frame = pd.DataFrame({"frequency": [x], "recency": [tx], "n_periods": [n]})
    evidence = _gauss_jacobi_expectation(lambda p, th: _individual_likelihood(p, th, x, tx, n), params)

    # alive at n + 1: the "alive throughout" path, then survive one more drop-out chance
    def alive(p, th):
        return p**x * (1 - p) ** (n - x) * (1 - th) ** (n + 1)

    # purchases at n + k need survival to n + k and a success with probability p
    def future(p, th):
        return (
            p**x * (1 - p) ** (n - x) * (1 - th) ** n * sum(p * (1 - th) ** k for k in range(1, n_star + 1))
        )

    assert m.probability_alive(frame).iloc[0] == pytest.approx(
        _gauss_jacobi_expectation(alive, params) / evidence, rel=1e-9
    )
    assert m.predict_purchases(frame, n_star).iloc[0] == pytest.approx(
        _gauss_jacobi_expectation(future, params) / evidence, rel=1e-9
    )


def test_more_recent_donors_are_more_likely_alive_and_buy_more(fitted):
    frame = pd.DataFrame({"frequency": [3, 3, 3], "recency": [3, 5, 6], "n_periods": [6, 6, 6]})
    alive = fitted.probability_alive(frame)
    future = fitted.predict_purchases(frame, 5)
    assert np.all(np.diff(alive) > 0) and np.all(np.diff(future) > 0)
    assert np.all((alive > 0) & (alive <= 1))


def test_the_model_fits_the_observed_frequency_histogram(donations, fitted):
    # FHS 2010, Figure 3: expected vs actual number of repeat donations in 1996-2001.
    observed = donations.groupby("frequency")["count"].sum().reindex(range(7), fill_value=0).to_numpy()
    expected = 11_104 * fitted.probability_of_purchases(np.arange(7), 6)
    assert np.max(np.abs(expected - observed) / observed) < 0.1


@settings(max_examples=40, deadline=None)
@given(
    params=st.tuples(*[st.floats(1e-3, 1e3)] * 4),
    n=st.integers(1, 200),
    data=st.data(),
)
def test_predictions_are_finite_and_probabilities_in_the_unit_interval(params, n, data):
    tx = data.draw(st.integers(0, n))
    x = 0 if tx == 0 else data.draw(st.integers(1, tx))
    m = BGBB.from_params(**dict(zip(("alpha", "beta", "gamma", "delta"), params)))
    frame = pd.DataFrame({"frequency": [x], "recency": [tx], "n_periods": [n]})
    ll = bgbb_loglik(
        alpha=params[0],
        beta=params[1],
        gamma=params[2],
        delta=params[3],
        frequency=x,
        recency=tx,
        n_periods=n,
    )
    alive = m.probability_alive(frame).iloc[0]
    assert np.isfinite(ll) and ll <= 1e-12
    assert 0.0 <= alive <= 1.0 + 1e-12
    assert np.isfinite(m.predict_purchases(frame, 10).iloc[0])
    assert m.expected_purchases(n + 1) >= m.expected_purchases(n)


# ---------------------------------------------------------------- simulation
def _simulate_panel(alpha, beta, gamma, delta, size, n, seed):
    rng = np.random.default_rng(seed)
    p = rng.beta(alpha, beta, size)
    theta = rng.beta(gamma, delta, size)
    alive = np.ones(size, dtype=bool)
    x = np.zeros(size, dtype=int)
    tx = np.zeros(size, dtype=int)
    for t in range(1, n + 1):
        alive &= rng.random(size) >= theta
        buy = alive & (rng.random(size) < p)
        x += buy
        tx = np.where(buy, t, tx)
    return pd.DataFrame({"frequency": x, "recency": tx, "n_periods": n})


def test_bgbb_recovers_simulated_parameters_within_two_standard_errors():
    truth = {"alpha": 1.2, "beta": 0.75, "gamma": 0.66, "delta": 2.8}
    data = _simulate_panel(*truth.values(), size=20_000, n=10, seed=3)
    table = BGBB().fit(data).summary()
    for name, value in truth.items():
        assert abs(table.loc[name, "estimate"] - value) < 2 * table.loc[name, "se"], name


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("frame", "words"),
    [
        (pd.DataFrame({"frequency": [1], "recency": [3], "periods": [6]}), "has no column 'n_periods'"),
        (
            pd.DataFrame({"frequency": [4], "recency": [3], "n_periods": [6]}),
            "Column 'frequency' of the summary exceeds 'recency'",
        ),
        (
            pd.DataFrame({"frequency": [1], "recency": [7], "n_periods": [6]}),
            "Column 'recency' of the summary exceeds 'n_periods'",
        ),
        (
            pd.DataFrame({"frequency": [0], "recency": [2], "n_periods": [6]}),
            "frequency 0 with a recency above 0",
        ),
        (
            pd.DataFrame({"frequency": [1], "recency": [2.5], "n_periods": [6]}),
            "'recency' of the summary must hold whole numbers",
        ),
        (
            pd.DataFrame({"frequency": [1], "recency": [1], "n_periods": [0]}),
            "'n_periods' of the summary must be greater than 0",
        ),
    ],
)
def test_invalid_panels_raise_one_clear_sentence(frame, words):
    with pytest.raises(ClvDataError) as info:
        BGBB().fit(frame)
    assert words in str(info.value)


def test_bad_weights_and_arguments_are_refused(donations, fitted):
    with pytest.raises(ClvDataError, match="weights='n' names no column"):
        BGBB().fit(donations, weights="n")
    with pytest.raises(ClvDataError, match="x cannot exceed n"):
        fitted.probability_of_purchases(7, 6)
    with pytest.raises(ClvDataError, match="n_star must hold whole numbers of opportunities"):
        fitted.predict_purchases(donations, 2.5)
    with pytest.raises(ClvDataError, match="n must be in"):
        fitted.expected_purchases(-1)


def test_unfitted_model_says_to_call_fit(donations):
    with pytest.raises(NotFittedError, match="BGBB is not fitted yet"):
        BGBB().probability_alive(donations)
