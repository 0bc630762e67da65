"""Simulated customer bases: reproducible, and distributed as the models say."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

import clvkit as ck
from clvkit.errors import ClvDataError
from clvkit.simulate import (
    iter_transactions,
    simulate_bgnbd,
    simulate_paretonbd,
    simulate_spend,
    simulate_subscriptions,
    simulate_transactions,
    subscription_payments,
    subscription_survivors,
)

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PARETO = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def bgnbd_expected_purchases(t, r, alpha, a, b):
    """E[X(t)] of a new customer, Fader, Hardie & Lee (2005) eq. 7 (independent of clvkit)."""
    z = t / (alpha + t)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * special.hyp2f1(r, b, a + b - 1, z))


def paretonbd_expected_purchases(t, r, alpha, s, beta):
    """E[X(t)] of a new customer, Schmittlein, Morrison & Colombo (1987)."""
    return r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1))


def within(sample: np.ndarray, expected: float, k: float = 4.0) -> bool:
    se = sample.std(ddof=1) / np.sqrt(sample.size)
    return abs(sample.mean() - expected) < k * se


def test_same_seed_gives_the_same_customers_and_another_seed_does_not():
    one = simulate_transactions(300, **BG, seed=7)
    two = simulate_transactions(300, **BG, seed=7)
    three = simulate_transactions(300, **BG, seed=8)
    pd.testing.assert_frame_equal(one, two)
    assert not one["amount"].equals(three["amount"])


def test_bgnbd_mean_frequency_matches_the_closed_form_expectation():
    s = simulate_bgnbd(40_000, **BG, T=39.0, seed=1)
    assert within(s["frequency"].to_numpy(float), bgnbd_expected_purchases(39.0, **BG))
    assert s.attrs["true_params"] == {k: float(v) for k, v in BG.items()}
    assert s.attrs["time_unit"] == "W"


def test_bgnbd_customers_without_repeat_purchases_are_alive_and_recency_never_exceeds_T():
    s = simulate_bgnbd(5_000, **BG, T=np.linspace(1, 78, 5_000), latent=True, seed=2)
    assert s.loc[s["frequency"] == 0, "alive"].all()
    assert (s["recency"] <= s["T"]).all()
    assert (s.loc[s["frequency"] == 0, "recency"] == 0).all()


def test_paretonbd_mean_frequency_matches_the_closed_form_expectation():
    s = simulate_paretonbd(40_000, **PARETO, T=52.0, seed=3)
    assert within(s["frequency"].to_numpy(float), paretonbd_expected_purchases(52.0, **PARETO))


def test_gamma_gamma_mean_spend_matches_p_gamma_over_q_minus_one():
    x = np.full(40_000, 3)
    m = simulate_spend(x, **GG, seed=4)
    assert within(m.to_numpy(), GG["p"] * GG["gamma"] / (GG["q"] - 1))
    assert float(simulate_spend([0], **GG, seed=4).iloc[0]) == 0.0


def test_subscription_survival_follows_the_shifted_beta_geometric_curve():
    subs = simulate_subscriptions(20_000, alpha=0.704, beta=1.182, observation_months=14, seed=5)
    alive = subscription_survivors(subs, n_periods=12)
    t = np.arange(13)
    expected = np.exp(special.betaln(0.704, 1.182 + t) - special.betaln(0.704, 1.182))
    share = alive / alive[0]
    se = np.sqrt(expected * (1 - expected) / alive[0]) + 1e-12
    assert np.all(np.abs(share - expected) < 4 * se)


def test_subscription_payments_have_one_row_per_paid_month():
    subs = simulate_subscriptions(300, alpha=1.0, beta=3.0, acquisition_months=6, price=9.5, seed=6)
    pay = subscription_payments(subs)
    assert len(pay) == int(subs["months_paid"].sum())
    assert (pay["amount"] == 9.5).all()
    assert (pay["date"] < subs.attrs["observation_end"]).all()


def test_transaction_log_is_sorted_within_the_window_and_summarises():
    tx = simulate_transactions(2_000, **BG, channels={"search": 2, "social": 1}, seed=9)
    assert tx["customer_id"].nunique() == 2_000
    assert tx["date"].min() >= tx.attrs["start"]
    assert tx["date"].max() <= tx.attrs["observation_end"]
    ordered = tx.sort_values(["customer_id", "date"], kind="stable")
    assert (ordered.index == tx.index).all()
    s = ck.summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W")
    assert len(s) == 2_000
    # Staggered acquisition: T spans from about one year to two years of weeks.
    assert s["T"].min() > 52 and s["T"].max() < 730 / 7 + 1e-9
    shares = tx.drop_duplicates("customer_id")["channel"].value_counts(normalize=True)
    assert abs(shares["search"] - 2 / 3) < 0.05


def test_engagement_and_satisfaction_act_on_frequency_and_retention():
    tx = simulate_transactions(
        20_000, r=1.0, alpha=10.0, s=0.8, beta=20.0, satisfaction=0.9, engagement=0.9,
        acquisition_days=30, observation_days=400, seed=10,
    )
    s = ck.summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W")
    scores = tx.drop_duplicates("customer_id").set_index("customer_id")[["satisfaction", "engagement"]]
    s = s.join(scores)
    engaged = s["engagement"] >= 7
    assert s.loc[engaged, "frequency"].mean() > 1.5 * s.loc[s["engagement"] <= 3, "frequency"].mean()
    # Satisfied repeat buyers are still buying later in their lives.
    repeat = s[s["frequency"] > 0]
    late = repeat["recency"] / repeat["T"]
    assert late[repeat["satisfaction"] >= 7].mean() > late[repeat["satisfaction"] <= 3].mean() + 0.05
    assert scores.stack().between(0, 10).all()


def test_chunks_are_reproducible_and_ids_run_on():
    kw = {"r": 0.5, "alpha": 8.0, "a": 0.8, "b": 2.5, "seed": 11}
    first = pd.concat(list(iter_transactions(250, chunk_size=100, **kw)), ignore_index=True)
    again = pd.concat(list(iter_transactions(250, chunk_size=100, **kw)), ignore_index=True)
    pd.testing.assert_frame_equal(first, again)
    assert sorted(first["customer_id"].unique()) == list(range(1, 251))


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"n_customers": 0, "r": 1, "alpha": 1, "a": 1, "b": 1}, "n_customers"),
        ({"n_customers": 10, "r": 1, "alpha": 1, "a": 1, "b": 1, "s": 1, "beta": 1}, "not both"),
        ({"n_customers": 10, "r": 1, "alpha": -1, "a": 1, "b": 1}, "alpha"),
        ({"n_customers": 10, "r": 1, "alpha": 1, "a": 1, "b": 1, "satisfaction": 1.5}, "satisfaction"),
        ({"n_customers": 10, "r": 1, "alpha": 1, "a": 1, "b": 1, "acquisition_days": 400, "observation_days": 300}, "observation_days"),
        ({"n_customers": 10, "r": 1, "alpha": 1, "a": 1, "b": 1, "channels": {"x": -1}}, "channels"),
    ],
)
def test_bad_arguments_raise_one_clear_sentence(kwargs, word):
    n = kwargs.pop("n_customers")
    with pytest.raises(ClvDataError, match=word) as err:
        simulate_transactions(n, **kwargs, seed=0)
    assert str(err.value).count(". ") == 0 and str(err.value).endswith(".")


def test_bgnbd_model_recovers_simulated_parameters_within_two_standard_errors():
    from clvkit.models import BGNBD

    s = simulate_bgnbd(20_000, **BG, T=np.random.default_rng(0).uniform(20, 60, 20_000), seed=12)
    summary = BGNBD().fit(s).summary()
    truth = pd.Series(BG)
    assert (np.abs(summary["estimate"] - truth) < 2 * summary["se"]).all(), summary


def test_paretonbd_model_recovers_simulated_parameters_within_two_standard_errors():
    from clvkit.models import ParetoNBD

    s = simulate_paretonbd(8_000, **PARETO, T=np.random.default_rng(0).uniform(20, 60, 8_000), seed=13)
    summary = ParetoNBD().fit(s).summary()
    truth = pd.Series(PARETO)
    assert (np.abs(summary["estimate"] - truth) < 2 * summary["se"]).all(), summary


def test_gamma_gamma_model_recovers_simulated_spend_parameters_within_two_standard_errors():
    from clvkit.models import GammaGamma

    x = np.random.default_rng(1).integers(1, 8, 5_000)
    frame = pd.DataFrame({"frequency": x, "monetary_value": simulate_spend(x, **GG, seed=14).to_numpy()})
    summary = GammaGamma().fit(frame).summary()
    truth = pd.Series(GG)
    assert (np.abs(summary["estimate"] - truth) < 2 * summary["se"]).all(), summary


def test_sbg_model_recovers_simulated_churn_parameters_within_two_standard_errors():
    from clvkit.models import ShiftedBetaGeometric

    subs = simulate_subscriptions(20_000, alpha=0.704, beta=1.182, observation_months=14, seed=15)
    summary = ShiftedBetaGeometric().fit(subscription_survivors(subs, n_periods=12)).summary()
    truth = pd.Series({"alpha": 0.704, "beta": 1.182})
    assert (np.abs(summary["estimate"] - truth) < 2 * summary["se"]).all(), summary
