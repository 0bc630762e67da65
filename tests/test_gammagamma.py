"""Gamma-gamma spend model: Fader, Hardie & Lee (2005) estimates, an integral check and recovery."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from clvkit import ClvDataError, NotFittedError, UnitMismatchError
from clvkit.datasets import load_cdnow_calibration_summary_published
from clvkit.i18n import language
from clvkit.models import GammaGamma
from clvkit.models.gammagamma import gammagamma_loglik


@pytest.fixture(scope="module")
def cdnow():
    return load_cdnow_calibration_summary_published()


@pytest.fixture(scope="module")
def fitted(cdnow):
    return GammaGamma().fit(cdnow)


# ------------------------------------------------------------------ golden
def test_gammagamma_reproduces_fader_hardie_lee_2005_estimates_on_946_repeat_buyers(fitted):
    # FHL 2005 (RFM and CLV, section "Spend"): p = 6.25, q = 3.74, gamma = 15.44. The likelihood
    # is flat along gamma; the published summary (spend rounded to cents) gives 15.448.
    assert fitted.n_customers_ == 946
    assert fitted.params_["p"] == pytest.approx(6.25, abs=0.005)
    assert fitted.params_["q"] == pytest.approx(3.74, abs=0.005)
    assert fitted.params_["gamma"] == pytest.approx(15.44, rel=1e-3)


def test_population_mean_spend_is_about_35_dollars(fitted):
    # p * gamma / (q - 1) with the published estimates: 6.25 * 15.44 / 2.74 = 35.22 dollars
    published = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    assert published.mean_spend() == pytest.approx(6.25 * 15.44 / 2.74)
    assert fitted.mean_spend() == pytest.approx(35.2, abs=0.1)


def test_customers_without_repeat_purchases_are_excluded_and_counted(cdnow, fitted):
    assert fitted.n_excluded_ == int((cdnow["frequency"] == 0).sum()) == 1411
    # refitting on the repeat buyers alone gives the same estimates
    alone = GammaGamma().fit(cdnow[cdnow["frequency"] > 0])
    assert alone.n_excluded_ == 0
    np.testing.assert_allclose(alone.params_, fitted.params_, rtol=1e-6)


# ------------------------------------------------------------ second computation
def _loglik_by_integration(p, q, gamma, x, zbar):
    # f(zbar | x) = int Gamma(zbar; shape p x, rate nu x) Gamma(nu; shape q, rate gamma) d nu
    def integrand(nu):
        return stats.gamma.pdf(zbar, a=p * x, scale=1 / (nu * x)) * stats.gamma.pdf(nu, a=q, scale=1 / gamma)

    value, _ = integrate.quad(integrand, 0, np.inf, limit=400, epsabs=0, epsrel=1e-11)
    return np.log(value)


@pytest.mark.parametrize(
    ("params", "x", "zbar"),
    [
        ((6.25, 3.74, 15.44), 1, 22.35),
        ((6.25, 3.74, 15.44), 7, 41.0),
        ((0.8, 2.2, 3.0), 3, 120.0),
        ((15.0, 1.3, 40.0), 20, 5.5),
    ],
)
def test_closed_form_likelihood_matches_numerical_integration_over_nu(params, x, zbar):
    p, q, gamma = params
    closed = gammagamma_loglik(p=p, q=q, gamma=gamma, frequency=x, monetary_value=zbar)
    assert closed == pytest.approx(_loglik_by_integration(p, q, gamma, x, zbar), rel=1e-8)


def test_total_log_likelihood_is_the_sum_over_repeat_customers(cdnow, fitted):
    repeat = cdnow[cdnow["frequency"] > 0]
    p, q, gamma = fitted.params_
    total = gammagamma_loglik(
        p=p, q=q, gamma=gamma, frequency=repeat["frequency"], monetary_value=repeat["monetary_value"]
    ).sum()
    assert fitted.log_likelihood_ == pytest.approx(total, rel=1e-12)


# ---------------------------------------------------------------- predictions
def test_expected_spend_matches_hand_computation_and_shrinks_towards_the_mean():
    gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    s = pd.DataFrame({"frequency": [0, 1, 10], "monetary_value": [0.0, 100.0, 100.0]}, index=["a", "b", "c"])
    out = gg.expected_spend(s)
    assert list(out.index) == ["a", "b", "c"] and out.name == "expected_spend"
    assert out["a"] == pytest.approx(6.25 * 15.44 / 2.74)
    assert out["b"] == pytest.approx(6.25 * (15.44 + 100) / (6.25 + 2.74))
    assert out["c"] == pytest.approx(6.25 * (15.44 + 1000) / (62.5 + 2.74))
    # more transactions: more weight on the customer's own mean of 100
    assert out["a"] < out["b"] < out["c"] < 100


def test_expected_spend_is_the_posterior_mean_by_numerical_integration():
    p, q, gamma, x, zbar = 2.0, 3.0, 10.0, 4, 25.0
    joint = lambda nu: (
        stats.gamma.pdf(zbar, a=p * x, scale=1 / (nu * x)) * stats.gamma.pdf(nu, a=q, scale=1 / gamma)
    )
    norm, _ = integrate.quad(joint, 0, np.inf, epsabs=0, epsrel=1e-11)
    mean, _ = integrate.quad(lambda nu: p / nu * joint(nu), 0, np.inf, epsabs=0, epsrel=1e-11)
    gg = GammaGamma.from_params(p=p, q=q, gamma=gamma)
    got = gg.expected_spend(pd.DataFrame({"frequency": [x], "monetary_value": [zbar]}))
    assert got.iloc[0] == pytest.approx(mean / norm, rel=1e-8)


def test_a_mean_spend_that_does_not_exist_is_refused_in_both_languages():
    model = GammaGamma.from_params(p=2.0, q=0.9, gamma=1.0)
    with pytest.raises(ClvDataError, match=r"q = 0\.900 is at most 1.*does not exist"):
        model.mean_spend()
    with language("ru"), pytest.raises(ClvDataError, match="среднего чека не существует"):
        model.mean_spend()


# ---------------------------------------------------------------- simulation
def _simulate_spend(p, q, gamma, size, seed):
    rng = np.random.default_rng(seed)
    nu = rng.gamma(q, 1 / gamma, size=size)
    x = rng.integers(1, 12, size=size)
    totals = rng.gamma(p * x, 1 / nu)  # sum of x Gamma(p, nu) values
    return pd.DataFrame({"frequency": x, "monetary_value": totals / x})


@pytest.mark.parametrize(("p", "q", "gamma", "seed"), [(6.0, 3.7, 15.0, 11), (1.5, 5.0, 40.0, 12)])
def test_gammagamma_recovers_simulated_parameters_within_two_standard_errors(p, q, gamma, seed):
    data = _simulate_spend(p, q, gamma, 20_000, seed)
    table = GammaGamma().fit(data).summary()
    for name, truth in {"p": p, "q": q, "gamma": gamma}.items():
        assert abs(table.loc[name, "estimate"] - truth) < 2 * table.loc[name, "se"], name


def test_weights_count_customers_like_repeated_rows():
    data = _simulate_spend(3.0, 4.0, 20.0, 300, 5)
    weights = np.tile([1.0, 2.0, 3.0], 100)
    repeated = data.loc[data.index.repeat(weights.astype(int))]
    a = GammaGamma().fit(data, weights=weights)
    b = GammaGamma().fit(repeated)
    np.testing.assert_allclose(a.params_, b.params_, rtol=1e-5)
    assert a.log_likelihood_ == pytest.approx(b.log_likelihood_, rel=1e-9)


# ---------------------------------------------------------------- bad input
def test_non_positive_spend_of_a_repeat_buyer_is_refused_with_one_sentence():
    data = pd.DataFrame({"frequency": [2, 1, 0], "monetary_value": [10.0, 0.0, 0.0]}, index=[7, 8, 9])
    with pytest.raises(ClvDataError) as info:
        GammaGamma().fit(data)
    message = str(info.value)
    assert "'monetary_value' must be greater than 0 for customers with repeat purchases" in message
    assert "for 1 customer (first: 8 -> 0)" in message and "9 ->" not in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (pd.DataFrame({"frequency": [1, 2], "monetary": [3.0, 4.0]}), "has no column 'monetary_value'"),
        (pd.DataFrame({"frequency": [1.5, 2], "monetary_value": [3.0, 4.0]}), "must hold whole numbers"),
        (pd.DataFrame({"frequency": [-1, 2], "monetary_value": [3.0, 4.0]}), "must not be negative"),
        (
            pd.DataFrame({"frequency": [0, 0], "monetary_value": [0.0, 0.0]}),
            "all 2 customers have frequency 0",
        ),
        (pd.DataFrame({"frequency": [], "monetary_value": []}), "is empty"),
        ([1, 2, 3], "must be a pandas DataFrame"),
    ],
)
def test_invalid_summaries_raise_clv_data_error(data, words):
    with pytest.raises(ClvDataError) as info:
        GammaGamma().fit(data)
    assert words in str(info.value)


def test_scoring_data_in_another_time_unit_is_refused(cdnow, fitted):
    days = cdnow.copy()
    days.attrs["time_unit"] = "D"
    with pytest.raises(UnitMismatchError):
        fitted.expected_spend(days)


def test_fit_leaves_the_callers_data_untouched(cdnow):
    copy = cdnow.copy()
    GammaGamma().fit(copy)
    pd.testing.assert_frame_equal(copy, cdnow)


def test_unfitted_model_says_to_call_fit():
    with pytest.raises(NotFittedError, match="GammaGamma is not fitted yet"):
        GammaGamma().expected_spend(pd.DataFrame({"frequency": [1], "monetary_value": [2.0]}))


def test_analytic_gradient_matches_finite_differences(cdnow):
    repeat = cdnow[cdnow["frequency"] > 0]
    x = repeat["frequency"].to_numpy(dtype=float)
    z = repeat["monetary_value"].to_numpy(dtype=float)
    counts = np.arange(1, len(x) + 1) % 3 + 1.0
    model = GammaGamma()
    log_params = np.log([2.0, 3.0, 10.0])

    def total(lp):
        return counts @ model._loglik(np.exp(lp), frequency=x, monetary_value=z)

    h = 1e-6
    numeric = [(total(log_params + h * e) - total(log_params - h * e)) / (2 * h) for e in np.eye(3)]
    analytic = model._loglik_grad_log(np.exp(log_params), counts=counts, frequency=x, monetary_value=z)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(1e-3, 1e3),
    q=st.floats(1e-3, 1e3),
    gamma=st.floats(1e-3, 1e3),
    x=st.integers(1, 10_000),
    zbar=st.floats(1e-2, 1e4),
)
def test_log_likelihood_and_expected_spend_are_finite_over_wide_ranges(p, q, gamma, x, zbar):
    ll = gammagamma_loglik(p=p, q=q, gamma=gamma, frequency=x, monetary_value=zbar)
    assert np.isfinite(ll)
    gg = GammaGamma.from_params(p=p, q=q, gamma=gamma)
    frame = pd.DataFrame({"frequency": [x], "monetary_value": [zbar]})
    if p * x + q > 1:
        spend = gg.expected_spend(frame).iloc[0]
        assert np.isfinite(spend) and spend > 0
    else:  # the posterior mean of the spend does not exist: refused, never negative or infinite
        with pytest.raises(ClvDataError, match="does not exist"):
            gg.expected_spend(frame)


@pytest.mark.parametrize("scale", [1e6, 1e9, 1e-2])
def test_amounts_in_kopecks_or_billions_give_the_same_fit_up_to_the_scale(cdnow, fitted, scale):
    scaled_data = cdnow.assign(monetary_value=cdnow["monetary_value"] * scale)
    scaled = GammaGamma().fit(scaled_data)
    np.testing.assert_allclose(scaled.params_[["p", "q"]], fitted.params_[["p", "q"]], rtol=1e-6)
    assert scaled.params_["gamma"] == pytest.approx(fitted.params_["gamma"] * scale, rel=1e-6)
    np.testing.assert_allclose(scaled.expected_spend(scaled_data), fitted.expected_spend(cdnow) * scale, rtol=1e-6)
    # the reported log-likelihood is that of the amounts as given: recomputed from the pure function
    repeat = scaled_data[scaled_data["frequency"] > 0]
    direct = gammagamma_loglik(**scaled.params_.to_dict(), frequency=repeat["frequency"].to_numpy(float),
                               monetary_value=repeat["monetary_value"].to_numpy(float)).sum()
    assert scaled.log_likelihood_ == pytest.approx(direct, rel=1e-12)
    np.testing.assert_allclose(scaled.summary()["se"] / scaled.params_, fitted.summary()["se"] / fitted.params_,
                               rtol=1e-4)


def test_expected_spend_where_the_mean_does_not_exist_is_refused_in_both_languages():
    model = GammaGamma.from_params(p=0.2, q=0.5, gamma=1.0)
    data = pd.DataFrame({"frequency": [1, 5], "monetary_value": [10.0, 10.0]})
    # p x + q = 0.7 for the first customer: the posterior mean of the spend is infinite
    with pytest.raises(ClvDataError, match=r"q = 0\.500 .*expected spend of 1 customer .*does not exist"):
        model.expected_spend(data)
    with language("ru"), pytest.raises(ClvDataError, match="ожидаемой траты не существует.*таких в данных 1 клиент"):
        model.expected_spend(data)
    finite = model.expected_spend(data.iloc[1:])  # p x + q = 1.5 > 1: it exists
    assert finite.iloc[0] == pytest.approx(0.2 * (1.0 + 5 * 10.0) / 0.5)
