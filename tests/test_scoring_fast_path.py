"""The fast scoring path (work once per distinct history) equals the straightforward per-step computation.

The reference below asks the public per-customer formulas for every customer at
every step of the horizon grid, with no compression and no reuse, and discounts each
step's purchases from the end of the step, as clvkit.valuation documents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit.models import BGNBD, MBGNBD, GammaGamma, ParetoNBD
from clvkit.models.bgnbd import bgnbd_conditional_expected_purchases
from clvkit.models.gammagamma import gammagamma_conditional_mean
from clvkit.models.mbgnbd import mbgnbd_conditional_expected_purchases
from clvkit.models.paretonbd import paretonbd_conditional_expected_purchases
from clvkit.models._scoring import distinct_rows
from clvkit.valuation import expected_purchases_path

MODELS = {
    "BGNBD": (BGNBD, bgnbd_conditional_expected_purchases, dict(r=0.243, alpha=4.414, a=0.793, b=2.426)),
    "ParetoNBD": (ParetoNBD, paretonbd_conditional_expected_purchases,
                  dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)),
    "MBGNBD": (MBGNBD, mbgnbd_conditional_expected_purchases, dict(r=0.525, alpha=6.183, a=0.891, b=1.614)),
}
SPEND = dict(p=6.25, q=3.74, gamma=15.44)


def extreme_base() -> pd.DataFrame:
    """Customers at the edges: no repeats, thousands of repeats, recency = T, T tiny and huge, repeats."""
    rng = np.random.default_rng(7)
    rows = [
        (0, 0.0, 39.0), (0, 0.0, 1e-3), (0, 0.0, 5000.0),
        (1, 39.0, 39.0), (1, 1e-3, 1e-3), (5, 5000.0, 5000.0),
        (3000, 51.9, 52.0), (3000, 52.0, 52.0), (12000, 4999.0, 5000.0), (800, 3.0, 5000.0),
        (2, 0.5, 1e-3 + 0.5), (40, 2.0, 2.0), (7, 1e-3, 5000.0),
    ]
    x = rng.poisson(1.5, 300).astype(float)
    T = rng.integers(1, 400, 300) / 7.0
    t_x = np.where(x > 0, np.floor(rng.random(300) * T * 7) / 7, 0.0)
    frame = pd.DataFrame(rows + list(zip(x, t_x, T)), columns=["frequency", "recency", "T"])
    frame = pd.concat([frame, frame.iloc[::3]], ignore_index=True)  # repeated histories
    frame["monetary_value"] = np.where(frame["frequency"] > 0, rng.gamma(4.0, 10.0, len(frame)), 0.0)
    frame.index = pd.Index([f"c{i}" for i in range(len(frame))], name="customer_id")
    frame.attrs["time_unit"] = "W"
    return frame


def reference_clv(conditional, params, summary, horizon, d_per_week, margin):
    """Per-step CLV: the per-customer formula for all customers at each step, no compression, no reuse."""
    # one step per week, the last one shorter (horizons under 120 weeks)
    points = [float(k) for k in range(1, int(np.ceil(horizon - 1e-9)))] + [horizon]
    x = summary["frequency"].to_numpy(dtype=float)
    t_x = summary["recency"].to_numpy(dtype=float)
    T = summary["T"].to_numpy(dtype=float)
    zbar = summary["monetary_value"].to_numpy()
    spend = gammagamma_conditional_mean(**SPEND, frequency=x, monetary_value=zbar)
    previous = np.zeros(len(x))
    discounted = np.zeros(len(x))
    for t_k in points:
        cumulative = conditional(**params, x=x, t_x=t_x, T=T, t=t_k)
        discounted += (cumulative - previous) / (1.0 + d_per_week) ** t_k
        previous = cumulative
    return previous, spend, margin * spend * discounted


@pytest.fixture(scope="module")
def bases(cdnow_summary):
    return {"cdnow": cdnow_summary, "extreme": extreme_base()}


@pytest.mark.parametrize("base", ["cdnow", "extreme"])
@pytest.mark.parametrize("name", list(MODELS))
def test_clv_equals_the_per_step_computation(name, base, bases):
    cls, conditional, params = MODELS[name]
    summary = bases[base]
    model = cls.from_params(time_unit="W", **params)
    spend_model = GammaGamma.from_params(time_unit="W", **SPEND)
    fast = ck.customer_lifetime_value(model, spend_model, summary, horizon="12 months",
                                      annual_discount_rate=0.1, margin=0.3)
    horizon, d = fast.attrs["horizon"], fast.attrs["discount_rate_per_unit"]
    purchases, spend, clv = reference_clv(conditional, params, summary, horizon, d, 0.3)
    assert fast.index.equals(summary.index)
    np.testing.assert_allclose(fast["expected_purchases"], purchases, rtol=1e-9, atol=0)
    np.testing.assert_allclose(fast["expected_spend"], spend, rtol=1e-12, atol=0)
    np.testing.assert_allclose(fast["clv"], clv, rtol=1e-9, atol=0)
    assert np.all(np.isfinite(fast["clv"])) and np.all(fast["clv"] >= 0)


@pytest.mark.parametrize("name", list(MODELS))
def test_path_and_predictions_equal_the_per_customer_formula(name, bases):
    cls, conditional, params = MODELS[name]
    summary = bases["extreme"]
    model = cls.from_params(time_unit="W", **params)
    grid = np.array([0.0, 0.5, 13.0, 52.0, 520.0])
    path = expected_purchases_path(model, summary, grid)
    for j, t in enumerate(grid):
        expected = np.array([conditional(**params, x=x, t_x=tx, T=T, t=t) if t > 0 else 0.0
                             for x, tx, T in summary[["frequency", "recency", "T"]].to_numpy()])
        np.testing.assert_allclose(path[:, j], expected, rtol=1e-9, atol=0)
        if t > 0:
            np.testing.assert_allclose(model.predict_purchases(summary, t), expected, rtol=1e-9, atol=0)


def test_distinct_rows_matches_numpy_unique():
    rng = np.random.default_rng(3)
    a = rng.integers(0, 5, 5000).astype(float)
    b = rng.integers(0, 7, 5000) / 7.0
    c = np.where(rng.random(5000) < 0.5, -0.0, rng.integers(0, 3, 5000).astype(float))
    (ua, ub, uc), inverse = distinct_rows(a, b, c)
    np.testing.assert_array_equal(ua[inverse], a)
    np.testing.assert_array_equal(ub[inverse], b)
    np.testing.assert_array_equal(uc[inverse], c)
    assert len(ua) == len(np.unique(np.column_stack([a, b, c]), axis=0))
