"""CLV ranges from the fitted parameters' uncertainty: exact draws, reproducibility, coverage of the truth."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import clvkit as ck
from clvkit import ClvDataError, models
from clvkit.models import BGNBD, GammaGamma
from clvkit.simulate import simulate_bgnbd, simulate_spend
from clvkit.valuation import log_normal_parameter_draws

SETTINGS = dict(horizon="12 months", annual_discount_rate=0.1)


@pytest.fixture(scope="module")
def fitted(cdnow_summary):
    return BGNBD().fit(cdnow_summary), GammaGamma().fit(cdnow_summary)


@pytest.mark.parametrize("name", ["BGNBD", "ParetoNBD", "MBGNBD"])
def test_ranges_match_a_full_recomputation_at_every_draw(name, fitted, cdnow_summary):
    cls = getattr(models, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = cls().fit(cdnow_summary)
    spend = fitted[1]
    some = cdnow_summary.iloc[::10]
    v = ck.customer_lifetime_value(model, spend, some, **SETTINGS, margin=0.3, interval=0.8, n_draws=100,
                                   seed=5)
    # second computation: the same draws (same generator, same order), each turned into a
    # model of its own and valued in full, then the central 80% of every customer's values
    rng = np.random.default_rng(5)
    shift_t = log_normal_parameter_draws(model, 100, rng)
    shift_s = log_normal_parameter_draws(spend, 100, rng)
    values = []
    for dt, ds in zip(shift_t, shift_s):
        m = cls.from_params(time_unit="W",
                              **dict(zip(model.params_.index, model.params_.to_numpy() * np.exp(dt))))
        g = GammaGamma.from_params(time_unit="W",
                                   **dict(zip(spend.params_.index, spend.params_.to_numpy() * np.exp(ds))))
        values.append(ck.customer_lifetime_value(m, g, some, **SETTINGS, margin=0.3)["clv"].to_numpy())
    low, high = np.quantile(np.array(values), [0.1, 0.9], axis=0)
    # the transaction factor is carried to the draws to first order: close, not identical;
    # the bounds differ from the exact ones by a small part of the range's width
    width = high - low
    assert np.max(np.abs(v["clv_low"] - low) / width) < 0.1
    assert np.max(np.abs(v["clv_high"] - high) / width) < 0.1
    np.testing.assert_allclose(v["clv_low"], low, rtol=0.05)
    np.testing.assert_allclose(v["clv_high"], high, rtol=0.05)
    assert np.all(v["clv_low"] < v["clv_high"])
    plain = ck.customer_lifetime_value(model, spend, some, **SETTINGS, margin=0.3)
    np.testing.assert_allclose(v["clv"], plain["clv"], rtol=0)


def test_draws_have_the_covariance_of_the_summary(fitted):
    model, _ = fitted
    shifts = log_normal_parameter_draws(model, 40_000, np.random.default_rng(1))
    se_log = np.sqrt(np.diag(np.cov(shifts.T)))
    expected = (model.summary()["se"] / model.summary()["estimate"]).to_numpy()
    np.testing.assert_allclose(se_log, expected, rtol=0.03)
    np.testing.assert_allclose(shifts.mean(axis=0), 0.0, atol=0.03 * expected.max())


def test_ranges_are_reproducible_and_seeded(fitted, cdnow_summary):
    model, spend = fitted
    some = cdnow_summary.iloc[:50]
    a = ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=0.9)
    b = ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=0.9)
    c = ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=0.9, seed=99)
    assert a.equals(b)
    assert not np.allclose(a["clv_low"], c["clv_low"], rtol=1e-6)
    assert a.attrs["interval"] == 0.9 and a.attrs["n_draws"] == 200
    wider = ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=0.99)
    assert np.all(wider["clv_low"] <= a["clv_low"]) and np.all(wider["clv_high"] >= a["clv_high"])


def test_a_fixed_order_value_leaves_only_the_purchase_uncertainty(fitted, cdnow_summary):
    model, _ = fitted
    some = cdnow_summary.iloc[:50]
    v = ck.customer_lifetime_value(model, 20.0, some, **SETTINGS, interval=0.9)
    # with a constant spend the range scales with it exactly
    w = ck.customer_lifetime_value(model, 40.0, some, **SETTINGS, interval=0.9)
    np.testing.assert_allclose(w["clv_low"], 2 * v["clv_low"], rtol=1e-12)
    assert np.all(v["clv_low"] <= v["clv"] * 1.0001) and np.all(v["clv"] <= v["clv_high"] * 1.0001)


def test_ranges_are_refused_without_a_covariance_or_with_bad_settings(fitted, cdnow_summary):
    model, spend = fitted
    some = cdnow_summary.iloc[:5]
    given = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    with pytest.raises(ClvDataError, match="no covariance"):
        ck.customer_lifetime_value(given, spend, some, **SETTINGS, interval=0.9)
    with pytest.raises(ClvDataError, match="interval"):
        ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=90)
    with pytest.raises(ClvDataError, match="n_draws"):
        ck.customer_lifetime_value(model, spend, some, **SETTINGS, interval=0.9, n_draws=10)


def test_ranges_cover_the_true_clv_in_simulated_bases():
    true = dict(r=0.25, alpha=4.0, a=0.8, b=2.5)
    spend_true = dict(p=6.0, q=4.0, gamma=20.0)
    shares = []
    for seed in range(10):
        rng = np.random.default_rng(seed)
        summary = simulate_bgnbd(1000, **true, T=rng.integers(7, 731, 1000) / 7.0, seed=rng)
        summary["recency"] = np.floor(summary["recency"].to_numpy() * 7.0) / 7.0
        x = summary["frequency"].to_numpy()
        summary["monetary_value"] = np.where(x > 0, simulate_spend(x, **spend_true, seed=rng).to_numpy(), 0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model, spend = BGNBD().fit(summary), GammaGamma().fit(summary)
        v = ck.customer_lifetime_value(model, spend, summary, **SETTINGS, interval=0.9, seed=seed)
        truth = ck.customer_lifetime_value(BGNBD.from_params(time_unit="W", **true),
                                           GammaGamma.from_params(time_unit="W", **spend_true), summary,
                                           **SETTINGS)["clv"]
        shares.append(float(((v["clv_low"] <= truth) & (truth <= v["clv_high"])).mean()))
    # the share of customers covered, averaged over bases, should be near the nominal 90%;
    # 10 bases leave room for chance (benchmarks/bench_clv_ranges.py runs 200)
    assert 0.75 <= np.mean(shares) <= 0.99, shares
