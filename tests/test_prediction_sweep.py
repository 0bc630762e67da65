"""Every model's predictions over wide ranges: finite and never negative, or refused with a sentence.

Parameters range over 1e-3..1e3, purchase counts up to 1e4, ages T up to 1e4 periods and
amounts over 1e-3..1e9. A quantity that does not exist for the parameters (the mean spend
when q <= 1) is refused with ClvDataError, never returned as a negative or infinite number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clvkit.errors import ClvDataError
from clvkit.models import BGBB, BGNBD, MBGNBD, GammaGamma, ParetoNBD, ShiftedBetaGeometric

SWEEP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

parameter = st.floats(-3.0, 3.0).map(lambda e: 10.0 ** e)
fraction = st.floats(0.0, 1.0)


@st.composite
def history(draw):
    """One customer's (frequency, recency, T) as a summary can hold it: recency <= T, 0 without repeats."""
    T = draw(st.one_of(st.just(0.0), st.floats(0.0, 1e4)))
    frequency = draw(st.integers(0, 10_000)) if T > 0 else 0
    recency = T * draw(st.floats(1e-6, 1.0)) if frequency > 0 else 0.0
    return frequency, recency, T


def _frame(columns: dict, unit: str | None = "W") -> pd.DataFrame:
    frame = pd.DataFrame({k: [v] for k, v in columns.items()})
    frame.attrs["time_unit"] = unit
    return frame


def _check(values, *, upper=None):
    values = np.atleast_1d(np.asarray(values, dtype=float))
    assert np.all(np.isfinite(values)), values
    assert np.all(values >= 0), values
    if upper is not None:
        assert np.all(values <= upper * (1 + 1e-12)), values


@pytest.mark.parametrize("model_class", [BGNBD, ParetoNBD, MBGNBD])
def test_purchase_models_predict_finite_non_negative_numbers_everywhere(model_class):
    names = model_class._param_names

    @SWEEP
    @given(params=st.tuples(*[parameter] * 4), customer=history(), t=st.floats(1e-3, 1e4))
    def sweep(params, customer, t):
        model = model_class.from_params(time_unit="W", **dict(zip(names, params)))
        x, t_x, T = customer
        data = _frame({"frequency": x, "recency": t_x, "T": T})
        _check(model.predict_purchases(data, t))
        _check(model.probability_alive(data), upper=1.0)
        _check(model.expected_purchases(t))

    sweep()


@pytest.mark.parametrize("model_class", [BGNBD, MBGNBD, ParetoNBD])
def test_purchase_count_probabilities_are_probabilities_everywhere(model_class):
    names = model_class._param_names

    @settings(max_examples=40 if model_class is ParetoNBD else 150, deadline=None)
    @given(params=st.tuples(*[parameter] * 4), n=st.integers(0, 10_000), t=st.floats(1e-3, 1e4))
    def sweep(params, n, t):
        model = model_class.from_params(time_unit="W", **dict(zip(names, params)))
        _check(model.probability_of_purchases(n, t), upper=1.0)

    sweep()


@SWEEP
@given(params=st.tuples(*[parameter] * 4), n_periods=st.integers(1, 10_000), a=fraction, b=fraction,
       n_star=st.integers(0, 10_000))
def test_bgbb_predicts_finite_non_negative_numbers_everywhere(params, n_periods, a, b, n_star):
    model = BGBB.from_params(**dict(zip(BGBB._param_names, params)))
    recency = round(a * n_periods)
    frequency = round(b * recency) if recency > 0 else 0
    frequency = max(frequency, 1) if recency > 0 else 0
    data = _frame({"frequency": frequency, "recency": recency, "n_periods": n_periods}, unit=None)
    _check(model.predict_purchases(data, n_star))
    _check(model.probability_alive(data), upper=1.0)
    _check(model.expected_purchases(n_star))
    _check(model.probability_of_purchases(min(frequency, n_star), n_star), upper=1.0)


@SWEEP
@given(params=st.tuples(*[parameter] * 3), frequency=st.integers(0, 10_000),
       spend=st.floats(-3.0, 9.0).map(lambda e: 10.0 ** e))
def test_gamma_gamma_spend_is_finite_and_positive_or_refused(params, frequency, spend):
    p, q, gamma = params
    model = GammaGamma.from_params(p=p, q=q, gamma=gamma)
    data = _frame({"frequency": frequency, "monetary_value": spend if frequency > 0 else 0.0})
    if p * frequency + q > 1:
        _check(model.expected_spend(data))
        assert model.expected_spend(data).iloc[0] > 0
    else:
        with pytest.raises(ClvDataError, match="does not exist"):
            model.expected_spend(data)
    if q > 1:
        _check(model.mean_spend())
    else:
        with pytest.raises(ClvDataError, match="does not exist"):
            model.mean_spend()


@SWEEP
@given(alpha=parameter, beta=parameter, t=st.integers(1, 10_000), renewals=st.integers(0, 10_000),
       rate=st.floats(1e-3, 1.0))
def test_sbg_predicts_finite_non_negative_numbers_everywhere(alpha, beta, t, renewals, rate):
    model = ShiftedBetaGeometric.from_params(alpha=alpha, beta=beta, time_unit="M")
    _check(model.survival(t), upper=1.0)
    _check(model.retention_rate(t), upper=1.0)
    _check(model.churn_probability(t), upper=1.0)
    _check(model.derl(rate, renewals))
    _check(model.discounted_expected_lifetime(rate))
