"""Properties of BG/NBD, Pareto/NBD and MBG/NBD over the whole valid range of data and parameters.

Frequency 0..10^4, recency 0..T, T up to 10^4 and every parameter from 1e-3 to 1e3:
log-likelihoods and predictions are finite, P(alive) lies in [0, 1] and expected
purchases grow with the horizon.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clvkit.models import bgnbd, mbgnbd, paretonbd

PARAM = st.floats(min_value=np.log(1e-3), max_value=np.log(1e3)).map(np.exp)
FREQUENCY = st.integers(min_value=0, max_value=10_000)
AGE = st.floats(min_value=1e-3, max_value=1e4)
SHARE = st.floats(min_value=0.0, max_value=1.0)
HORIZON = st.floats(min_value=1e-3, max_value=1e4)

MODELS = {
    "bgnbd": (("r", "alpha", "a", "b"), bgnbd, "bgnbd"),
    "mbgnbd": (("r", "alpha", "a", "b"), mbgnbd, "mbgnbd"),
    "paretonbd": (("r", "alpha", "s", "beta"), paretonbd, "paretonbd"),
}
SETTINGS = settings(max_examples=60, deadline=None)


def _functions(name):
    names, module, prefix = MODELS[name]
    return names, {
        kind: getattr(module, f"{prefix}_{kind}")
        for kind in (
            "log_likelihood",
            "probability_alive",
            "expected_purchases",
            "conditional_expected_purchases",
        )
    }


def _customer(x, T, share):
    t_x = 0.0 if x == 0 else share * T
    return {"x": float(x), "t_x": t_x, "T": T}


@SETTINGS
@given(name=st.sampled_from(sorted(MODELS)), params=st.tuples(PARAM, PARAM, PARAM, PARAM),
       x=FREQUENCY, T=AGE, share=SHARE, t=HORIZON)
def test_log_likelihood_p_alive_and_predictions_are_finite_and_in_range(name, params, x, T, share, t):
    names, f = _functions(name)
    p = dict(zip(names, params))
    row = _customer(x, T, share)
    ll = f["log_likelihood"](**p, **row)
    assert np.isfinite(ll)  # a density in t_x, so it may exceed 0
    alive = f["probability_alive"](**p, **row)
    assert 0.0 <= alive <= 1.0
    pred = f["conditional_expected_purchases"](**p, **row, t=t)
    assert np.isfinite(pred) and pred >= 0.0


@SETTINGS
@given(name=st.sampled_from(sorted(MODELS)), params=st.tuples(PARAM, PARAM, PARAM, PARAM),
       t=HORIZON, factor=st.floats(min_value=1.5, max_value=100.0))
def test_expected_purchases_of_a_new_customer_grow_with_the_horizon(name, params, t, factor):
    names, f = _functions(name)
    p = dict(zip(names, params))
    short = float(f["expected_purchases"](**p, t=t))
    long = float(f["expected_purchases"](**p, t=t * factor))
    assert np.isfinite(short) and np.isfinite(long)
    assert 0.0 <= short <= long * (1.0 + 1e-9)


@SETTINGS
@given(name=st.sampled_from(sorted(MODELS)), params=st.tuples(PARAM, PARAM, PARAM, PARAM),
       x=FREQUENCY, T=AGE, share=SHARE, t=HORIZON)
def test_conditional_predictions_grow_with_the_horizon(name, params, x, T, share, t):
    names, f = _functions(name)
    p = dict(zip(names, params))
    row = _customer(x, T, share)
    short = float(f["conditional_expected_purchases"](**p, **row, t=t))
    long = float(f["conditional_expected_purchases"](**p, **row, t=2.0 * t))
    assert short <= long * (1.0 + 1e-9) + 1e-300
