"""Fits that say when they cannot know: T = 0 customers, data that cannot identify a model, tight optima."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit.data.transactions import DataQualityWarning
from clvkit.errors import ClvDataError, ConvergenceWarning
from clvkit.i18n import language
from clvkit.models import BGBB, BGNBD, MBGNBD, GammaGamma, ParetoNBD, ShiftedBetaGeometric
from clvkit.models.base import MIN_CUSTOMERS
from clvkit.models.bgbb import bgbb_loglik
from clvkit.models.bgnbd import bgnbd_log_likelihood
from clvkit.models.gammagamma import gammagamma_loglik
from clvkit.models.mbgnbd import mbgnbd_log_likelihood
from clvkit.models.paretonbd import paretonbd_log_likelihood
from clvkit.models.sbg import sbg_loglik

PURCHASE_MODELS = [BGNBD, ParetoNBD, MBGNBD]


@pytest.fixture(scope="module")
def published():
    return ck.datasets.load_cdnow_calibration_summary_published()


def _with_new_customers(summary: pd.DataFrame, n: int) -> pd.DataFrame:
    new = pd.DataFrame({"frequency": 0, "recency": 0.0, "T": 0.0, "monetary_value": 0.0},
                       index=pd.Index([f"new{i}" for i in range(n)], name=summary.index.name))
    out = pd.concat([summary, new])
    out.attrs = dict(summary.attrs)
    return out


# ----------------------------------------------------------------------- T = 0
@pytest.mark.parametrize("model_class", PURCHASE_MODELS)
def test_customers_first_seen_on_the_last_day_are_left_out_with_a_count_and_still_scored(published, model_class):
    both = _with_new_customers(published, 3)
    with pytest.warns(DataQualityWarning, match=r"Left out of the fit: 3 customers first seen on the last day \(T = 0\)"):
        model = model_class().fit(both)
    reference = model_class().fit(published)
    # they add nothing to the likelihood, so the estimates are those without them
    np.testing.assert_allclose(model.params_, reference.params_, rtol=1e-9)
    assert model.n_excluded_ == 3 and model.n_customers_ == len(published)
    new = both.loc[["new0", "new1"]]
    predicted = model.predict_purchases(new, 39)
    # someone with no history yet is expected to behave like a new customer: P(alive) times E[X(t)]
    # of the prior, which for BG/NBD and Pareto/NBD is the unconditional expectation itself
    alive = model.probability_alive(new)
    assert np.all(np.isfinite(predicted)) and np.all(predicted > 0)
    if model_class is MBGNBD:  # MBG/NBD lets a customer drop out right at the first purchase
        a, b = model.params_["a"], model.params_["b"]
        np.testing.assert_allclose(alive, b / (a + b), rtol=1e-12)
    else:
        np.testing.assert_allclose(alive, 1.0)
        np.testing.assert_allclose(predicted, model.expected_purchases(39), rtol=1e-10)


def test_the_t_zero_note_is_in_russian_with_the_right_plural(published):
    with language("ru"), pytest.warns(DataQualityWarning, match=r"Не вошли в оценку модели.*: 2 клиента с первой"):
        BGNBD().fit(_with_new_customers(published, 2))
    with language("ru"), pytest.warns(DataQualityWarning, match=r": 5 клиентов с первой покупкой в последний день"):
        BGNBD().fit(_with_new_customers(published, 5))


def test_the_readme_flow_works_on_a_live_log_with_a_customer_first_seen_on_the_last_day():
    tx = ck.datasets.load_cdnow_transactions()
    tx = tx[tx["date"] <= "1997-09-30"]
    new = pd.DataFrame({"customer_id": [90001], "date": pd.to_datetime(["1997-09-30"]), "amount": [20.0],
                        "cds": 1, "master_id": 0})
    s = ck.summarize(pd.concat([tx, new], ignore_index=True), observation_end="1997-09-30", time_unit="W")
    assert s.loc[90001, "T"] == 0
    with pytest.warns(DataQualityWarning, match="1 customer first seen"):
        bgnbd = BGNBD().fit(s)
    gg = GammaGamma().fit(s[s["frequency"] > 0])
    clv = ck.customer_lifetime_value(bgnbd, gg, s, horizon="12 months", annual_discount_rate=0.10, margin=0.3)
    assert np.all(np.isfinite(clv.to_numpy())) and clv.loc[90001, "clv"] > 0


def test_a_base_first_seen_entirely_on_the_last_day_is_refused(published):
    only_new = _with_new_customers(published.iloc[:0], 20)
    with pytest.raises(ClvDataError, match=r"all 20 customers were first seen on the last day \(T = 0\)"):
        BGNBD().fit(only_new)


# ------------------------------------------------------- data that cannot identify
@pytest.mark.parametrize("model_class", PURCHASE_MODELS)
def test_one_customer_is_too_few_in_both_languages(published, model_class):
    one = published.iloc[:1]
    with pytest.raises(ClvDataError, match=f"on 1 customer: its parameters need at least {MIN_CUSTOMERS} customers"):
        model_class().fit(one)
    with language("ru"), pytest.raises(ClvDataError, match=f"в данных всего 1 клиент, .* не меньше {MIN_CUSTOMERS}"):
        model_class().fit(one)


@pytest.mark.parametrize("model_class", PURCHASE_MODELS)
def test_one_time_buyers_only_cannot_identify_a_purchase_model(published, model_class):
    once = published[published["frequency"] == 0]
    with pytest.raises(ClvDataError, match=f"these {len(once):,} customers: none of them made a repeat purchase"):
        model_class().fit(once)
    with language("ru"), pytest.raises(ClvDataError, match="никто из них не купил повторно"):
        model_class().fit(once)


def test_bgbb_without_any_repeat_transaction_and_sbg_without_any_cancellation_are_refused():
    panel = pd.DataFrame({"frequency": [0], "recency": [0], "n_periods": [6], "count": [500]})
    with pytest.raises(ClvDataError, match="none of them made a repeat purchase"):
        BGBB().fit(panel, weights="count")
    with pytest.raises(ClvDataError, match="nobody cancelled"):
        ShiftedBetaGeometric().fit([100, 100, 100])
    with language("ru"), pytest.raises(ClvDataError, match="никто не отказался от подписки"):
        ShiftedBetaGeometric().fit([100, 100, 100])
    with pytest.raises(ClvDataError, match="on 5 customers"):
        ShiftedBetaGeometric().fit([5, 3, 2])


@pytest.mark.parametrize("model_class", PURCHASE_MODELS)
def test_everyone_with_exactly_one_repeat_purchase_warns_that_the_numbers_are_not_measured(model_class):
    rng = np.random.default_rng(1)
    T = rng.uniform(5.0, 40.0, 200)
    panel = pd.DataFrame({"frequency": 1, "recency": T * rng.uniform(0.1, 0.9, 200), "T": T})
    with pytest.warns(ConvergenceWarning, match="towards 0 or infinity.*standard errors and ranges are not reliable"):
        model = model_class().fit(panel)
    # what the warning is about: some estimate ran off beyond 3e6 or below 3e-7
    assert np.any(np.abs(np.log(model.params_.to_numpy())) >= 15)
    with language("ru"), pytest.warns(ConvergenceWarning, match="стандартные ошибки и интервалы ненадёжны"):
        model_class().fit(panel)


def test_a_flat_likelihood_warns_that_standard_errors_are_not_reliable():
    # every donor made one transaction somewhere in six opportunities: nothing separates
    # the purchase and dropout processes, the likelihood has flat directions
    panel = pd.DataFrame({"frequency": [1] * 6, "recency": [1, 2, 3, 4, 5, 6], "n_periods": [6] * 6, "count": [10] * 6})
    with pytest.warns(ConvergenceWarning, match="standard errors and ranges are not reliable"):
        model = BGBB().fit(panel, weights="count")
    eigen = np.linalg.eigvalsh(-model._log_hessian)
    assert eigen.min() <= 1e-6 * eigen.max()  # the warning's claim, checked on the stored Hessian


def test_a_well_identified_fit_raises_no_warning(published):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for model_class in PURCHASE_MODELS:
            model_class().fit(published)
        GammaGamma().fit(published)
        BGBB().fit(ck.datasets.load_donations(), weights="count")


# -------------------------------------------------------------- tight optima
def _total(loglik, params, frame, columns, weights=None):
    args = {name: frame[col].to_numpy(dtype=float) for name, col in columns.items()}
    ll = loglik(**params, **args)
    return float(np.sum(ll if weights is None else weights * ll))


def _relative_gradient(fun, log_params):
    """Central differences of the total log-likelihood in log-parameters, per customer, relative to the mean."""
    h = 1e-5
    g = []
    for i in range(len(log_params)):
        e = np.zeros(len(log_params))
        e[i] = h
        g.append((fun(log_params + e) - fun(log_params - e)) / (2 * h))
    return np.asarray(g)


def _gradient_cases(published):
    donations = ck.datasets.load_donations()
    survivors = [1000, 631, 468, 382, 326, 289, 262, 241]
    tx_cols = {"x": "frequency", "t_x": "recency", "T": "T"}
    repeat = published[published["frequency"] > 0]
    sbg_frame = pd.DataFrame({"period": list(range(1, 8)) + [7], "alive": [0] * 7 + [1]})
    sbg_counts = np.array([survivors[i] - survivors[i + 1] for i in range(7)] + [survivors[-1]], dtype=float)
    return [
        (BGNBD().fit(published), bgnbd_log_likelihood, published, tx_cols, None),
        (ParetoNBD().fit(published), paretonbd_log_likelihood, published, tx_cols, None),
        (MBGNBD().fit(published), mbgnbd_log_likelihood, published, tx_cols, None),
        (BGBB().fit(donations, weights="count"), bgbb_loglik, donations,
         {"frequency": "frequency", "recency": "recency", "n_periods": "n_periods"}, donations["count"].to_numpy(float)),
        (GammaGamma().fit(published), gammagamma_loglik, repeat,
         {"frequency": "frequency", "monetary_value": "monetary_value"}, None),
        (ShiftedBetaGeometric().fit(survivors), sbg_loglik, sbg_frame, {"period": "period", "alive": "alive"}, sbg_counts),
    ]


def test_every_fit_reaches_a_gradient_near_zero_checked_on_the_published_likelihoods(published):
    for model, loglik, frame, columns, weights in _gradient_cases(published):
        names = list(model.params_.index)
        n = frame.shape[0] if weights is None else weights.sum()

        def mean_ll(log_params, names=names, loglik=loglik, frame=frame, columns=columns, weights=weights, n=n):
            return _total(loglik, dict(zip(names, np.exp(log_params))), frame, columns, weights) / n

        x = np.log(model.params_.to_numpy())
        g = _relative_gradient(mean_ll, x) / max(1.0, abs(mean_ll(x)))
        # the check's own error (differences of a sum of ~1e3 terms) is near 1e-9
        assert np.max(np.abs(g)) < 1e-7, (type(model).__name__, g)
        assert model.gradient_norm_ < 1e-8, type(model).__name__
        assert model.converged_


SUBSCRIPTION_FIT = """
import json, warnings
import clvkit as ck
from clvkit.models import ShiftedBetaGeometric
payments = ck.datasets.load_subscription()
end = payments.attrs["observation_end"]
out = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for plan in ("basic", "premium"):
        counts = ck.cohort_table(payments[payments["plan"] == plan], period="M", metric="customers",
                                 observation_end=end)
        model = ShiftedBetaGeometric().fit(counts.loc[:, :18].sum(), time_unit="M")
        out[plan] = [float(v) for v in model.params_] + [model.converged_, model.gradient_norm_]
out["warnings"] = [str(w.message) for w in caught]
print(json.dumps(out))
"""


def _subscription_fit(extra_env: dict[str, str]) -> dict:
    env = {**os.environ, **extra_env}
    done = subprocess.run([sys.executable, "-c", SUBSCRIPTION_FIT], capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_subscription_sbg_fits_converge_to_the_same_digits_on_both_floating_point_paths():
    # Without SIMD beyond SSE3 and with the Prescott BLAS kernels the rounding differs; a forward-
    # difference gradient then stalled L-BFGS-B's line search on the premium plan (ABNORMAL).
    wide = _subscription_fit({})
    narrow = _subscription_fit({"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL X86_V3",
                                "OPENBLAS_CORETYPE": "Prescott"})
    for result in (wide, narrow):
        assert result["warnings"] == []
        for plan in ("basic", "premium"):
            assert result[plan][2] is True and result[plan][3] < 1e-8
    for plan in ("basic", "premium"):
        np.testing.assert_allclose(wide[plan][:2], narrow[plan][:2], rtol=1e-7)


def test_a_fit_stopped_early_by_the_iteration_limit_is_finished_by_the_restart_and_the_polish(published):
    full = BGNBD().fit(published)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        early = BGNBD(maxiter=1).fit(published)
    assert not early.optimizer_result_.success or early.optimizer_result_.nit <= 1
    assert early.converged_ and early.gradient_norm_ < 1e-8
    np.testing.assert_allclose(early.params_, full.params_, rtol=1e-7)


def test_a_fitted_model_says_how_many_customers_it_was_fitted_on_in_both_languages(published):
    model = BGNBD().fit(published)
    assert repr(model).endswith("; fitted on 2,357 customers)")
    with language("ru"):
        assert repr(model).endswith("; оценена по данным: 2\u202f357 клиентов)")
