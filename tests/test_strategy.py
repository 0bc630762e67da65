"""Strategy levers: no effect costs nothing, ROI has the right sign, break-even is break-even."""

from __future__ import annotations

import math

import numpy as np
import pytest

import clvkit as ck
from clvkit.errors import ClvDataError
from clvkit.models import BGNBD, GammaGamma
from clvkit.segments import rfm_segments
from clvkit.simulate import simulate_bgnbd, simulate_spend
from clvkit.strategy import (
    PRESETS,
    Strategy,
    StrategySimulator,
    churn_change_for,
    evaluate_drivers,
    preset,
    waterfall_steps,
)

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
DRIVERS = {"aov": 40.0, "purchases_per_period": 6.0, "margin": 0.3, "retention": 0.7, "discount_rate": 0.1}


@pytest.fixture(scope="module")
def base():
    rng = np.random.default_rng(5)
    s = simulate_bgnbd(10_000, **BG, T=rng.uniform(10, 78, 10_000), latent=True, seed=21)
    s["monetary_value"] = simulate_spend(s["frequency"], p=6.25, q=3.74, gamma=15.44, seed=22).to_numpy()
    return s


@pytest.fixture(scope="module")
def sim(base):
    model = BGNBD.from_params(time_unit="W", **BG)
    gg = GammaGamma.from_params(time_unit="W", p=6.25, q=3.74, gamma=15.44)
    segments = rfm_segments(base)["segment"]
    return StrategySimulator(model, gg, base, horizon="1 year", margin=0.3, segments=segments)


# ------------------------------------------------------------------ drivers
def test_a_strategy_with_no_effect_and_no_cost_changes_nothing_on_drivers():
    r = evaluate_drivers(Strategy(), **DRIVERS, customers=500)
    assert r.clv_after == r.clv_before
    assert r.program_cost == 0 and r.gross_uplift == 0
    assert math.isnan(r.roi)


def test_driver_engine_matches_a_hand_computation():
    # Retention 0.7 -> 0.75 and 10% larger orders; m = 40 * 6 * 0.3 = 72 a period.
    st = Strategy(churn_change=churn_change_for(0.7, 0.75), aov_change=0.1, cost_once=20.0, take_up=0.5)
    r = evaluate_drivers(st, **DRIVERS, customers=100)
    before = 72 * 0.7 / (1.1 - 0.7)
    after = 72 * 1.1 * 0.75 / (1.1 - 0.75)
    assert r.clv_before == pytest.approx(100 * before)
    assert r.gross_uplift == pytest.approx(50 * (after - before))
    assert r.program_cost == pytest.approx(50 * 20.0)
    assert r.steps["retention"] == pytest.approx(50 * (72 * 0.75 / 0.35 - before))


def test_running_costs_are_paid_while_the_customer_stays():
    r = evaluate_drivers(Strategy(cost_per_period=10.0), **DRIVERS)
    assert r.program_cost == pytest.approx(10 * 0.7 / (1.1 - 0.7))


def test_roi_has_the_sign_of_the_net_uplift():
    cheap = evaluate_drivers(Strategy(frequency_change=0.1, cost_once=1.0), **DRIVERS)
    dear = evaluate_drivers(Strategy(frequency_change=0.1, cost_once=1_000.0), **DRIVERS)
    harmful = evaluate_drivers(Strategy(churn_change=0.2, cost_once=1.0), **DRIVERS)
    assert cheap.roi > 0 and cheap.net_uplift > 0
    assert dear.roi < 0 and dear.net_uplift < 0
    assert harmful.roi < -1  # loses value and its cost


def test_at_the_break_even_cost_roi_is_zero_on_drivers():
    st = Strategy(churn_change=-0.1, frequency_change=0.05, cost_per_period=2.0, take_up=0.3)
    first = evaluate_drivers(st, **DRIVERS, customers=1000)
    again = evaluate_drivers(st.with_levers(cost_once=first.break_even_cost), **DRIVERS, customers=1000)
    assert again.roi == pytest.approx(0.0, abs=1e-12)
    assert again.clv_after == pytest.approx(again.clv_before)


def test_payback_without_churn_change_is_cost_over_extra_margin():
    # 10% more purchases: 7.2 extra margin a period for a retained customer.
    r = evaluate_drivers(Strategy(frequency_change=0.1, cost_once=5.0), **DRIVERS | {"retention": 1.0, "discount_rate": 0.0},
                         periods=10)
    assert r.payback_periods == pytest.approx(5.0 / 7.2)


def test_waterfall_runs_from_base_to_new_clv():
    r = evaluate_drivers(preset("loyalty_program"), **DRIVERS, customers=1000)
    w = waterfall_steps(r)
    assert w["step"].iloc[0] == "base CLV" and w["step"].iloc[-1] == "new CLV"
    assert w["value"].iloc[1:-1].sum() == pytest.approx(r.clv_after - r.clv_before)
    assert w["end"].iloc[-2] == pytest.approx(r.clv_after)


def test_every_preset_is_a_valid_strategy_that_evaluates():
    for name in PRESETS:
        r = evaluate_drivers(name, **DRIVERS)
        assert np.isfinite(r.clv_after)
        assert r.strategy.description


@pytest.mark.parametrize(
    "make, word",
    [
        (lambda: Strategy(take_up=1.5), "take_up"),
        (lambda: Strategy(take_up=-0.1), "take_up"),
        (lambda: Strategy(cost_once=-1.0), "cost_once"),
        (lambda: Strategy(cost_per_period=-0.5), "cost_per_period"),
        (lambda: Strategy(churn_change=-1.5), "churn_change"),
        (lambda: preset("free_lunch"), "loyalty_program"),
        (lambda: Strategy().with_levers(price_change=0.1), "Unknown lever"),
        (lambda: evaluate_drivers(Strategy(churn_change=3.0), **DRIVERS), "above 1"),
    ],
)
def test_bad_arguments_raise_one_clear_sentence(make, word):
    with pytest.raises(ClvDataError, match=word) as err:
        make()
    message = str(err.value)
    assert message.endswith(".") and "\n" not in message


# --------------------------------------------------------------------- model
def test_a_strategy_with_no_effect_and_no_cost_changes_nothing_on_a_model(sim):
    r = sim.evaluate(Strategy())
    np.testing.assert_array_equal(r.customers["clv_after"], r.customers["clv_before"])
    assert r.program_cost == 0 and math.isnan(r.roi)


def test_model_engine_base_value_agrees_with_customer_lifetime_value(sim, base):
    model = BGNBD.from_params(time_unit="W", **BG)
    gg = GammaGamma.from_params(time_unit="W", p=6.25, q=3.74, gamma=15.44)
    part = base.iloc[:2000]
    v = ck.customer_lifetime_value(model, gg, part, horizon="1 year", annual_discount_rate=0.1, margin=0.3)
    # Continuous versus step-by-step discounting over 52 weekly steps: a fraction of a percent.
    assert sim.base_clv_[:2000].sum() == pytest.approx(v["clv"].sum(), rel=5e-3)


@pytest.fixture(scope="module")
def sim0(base):
    """Undiscounted purchases over 52 weeks, to compare with the customers' true behaviour."""
    return StrategySimulator(BGNBD.from_params(time_unit="W", **BG), 1.0, base, horizon=52, annual_discount_rate=0.0)


@pytest.mark.parametrize("churn, freq", [(0.0, 0.3), (-0.3, 0.0), (0.25, -0.2)])
def test_model_engine_uplift_matches_the_simulated_customers_true_behaviour(base, sim0, churn, freq):
    """Independent check: E[X(H)] from each customer's true rate and dropout probability."""
    ratio_model = sim0.discounted_purchases(churn, freq).sum() / sim0.base_purchases_.sum()
    lam, p, alive = base["lam"].to_numpy(), base["p"].to_numpy(), base["alive"].to_numpy()
    c, k = 1 + freq, 1 + churn

    def truth(c, k):
        return np.sum(alive * -np.expm1(-c * lam * k * p * 52) / (k * p))

    ratio_truth = truth(c, k) / truth(1, 1)
    assert ratio_model == pytest.approx(ratio_truth, rel=0.03)


@pytest.mark.parametrize("churn, freq", [(0.0, 0.0), (-0.3, 0.0), (0.25, 0.3)])
def test_running_cost_is_paid_only_while_the_simulated_customers_are_truly_alive(base, churn, freq):
    """Independent check: the discounted time alive from each customer's true rate and dropout probability.

    An active customer with rate lambda and dropout probability p dies at rate lambda p, so the
    discounted time alive within H is alive * (1 - exp(-(delta + c k lambda p) H)) / (delta + c k lambda p).
    """
    sim = StrategySimulator(BGNBD.from_params(time_unit="W", **BG), 1.0, base, horizon=156, annual_discount_rate=0.1)
    lam, p, alive = base["lam"].to_numpy(), base["p"].to_numpy(), base["alive"].to_numpy()
    rate = (1 + freq) * (1 + churn) * lam * p + sim.delta
    truth = np.sum(alive * -np.expm1(-rate * 156) / rate)
    assert sim.discounted_alive_time(churn, freq).sum() == pytest.approx(truth, rel=0.03)
    # Charging the whole horizon to everyone alive today, as if nobody left later, costs more.
    assert np.sum(sim.p_alive) * -np.expm1(-sim.delta * 156) / sim.delta > 1.1 * truth


def test_model_engine_running_cost_is_the_survival_weighted_present_value(sim):
    st = Strategy(cost_per_period=2.0, take_up=0.5, target="champions")
    r = sim.evaluate(st)
    mask = (sim.segments == "champions").to_numpy()
    per = 365.25 / 12 / 7  # weeks in a month, the cost period
    expected = 0.5 * 2.0 * sim.discounted_alive_time()[mask].sum() / per
    assert r.program_cost == pytest.approx(expected, rel=1e-9)
    assert r.customers.loc[mask, "uplift"].sum() == pytest.approx(-expected, rel=1e-9)


def test_model_engine_roi_sign_and_break_even(sim):
    st = Strategy(churn_change=-0.2, frequency_change=0.1, aov_change=0.05, cost_per_period=0.05, take_up=0.4)
    r = sim.evaluate(st)
    assert r.gross_uplift > 0
    assert sim.evaluate(st.with_levers(cost_once=0.5 * r.break_even_cost)).roi > 0
    assert sim.evaluate(st.with_levers(cost_once=2.0 * r.break_even_cost)).roi < 0
    even = sim.evaluate(st.with_levers(cost_once=r.break_even_cost))
    assert even.roi == pytest.approx(0.0, abs=1e-9)
    assert even.customers["clv_after"].sum() == pytest.approx(even.customers["clv_before"].sum())


def test_model_engine_steps_add_up_and_only_targeted_customers_change(sim):
    r = sim.evaluate(preset("retention_campaign"))
    c = r.customers
    assert sum(r.steps.values()) - r.program_cost == pytest.approx(c["uplift"].sum())
    assert (c.loc[~c["targeted"], "uplift"] == 0).all()
    assert c["targeted"].sum() == (sim.segments == "at risk").sum() > 0
    w = r.waterfall()
    assert w["end"].iloc[-1] == pytest.approx(c["clv_after"].sum())


def test_order_value_and_margin_levers_scale_value_proportionally(sim):
    r = sim.evaluate(Strategy(aov_change=0.1, margin_change=0.2))
    assert r.customers["clv_after"].sum() == pytest.approx(1.1 * 1.2 * r.clv_before)
    assert r.steps["aov"] == pytest.approx(0.1 * r.clv_before)


def test_payback_is_earlier_for_a_cheaper_program(sim):
    st = Strategy(frequency_change=0.3, churn_change=-0.3)
    quick = sim.evaluate(st.with_levers(cost_once=0.1)).payback_periods
    slow = sim.evaluate(st.with_levers(cost_once=1.0)).payback_periods
    assert 0 < quick < slow


def test_changed_params_keep_a_plus_b_and_scale_the_mean_dropout(sim):
    p = sim.changed_params(churn_change=-0.2, frequency_change=0.25)
    assert p["a"] + p["b"] == pytest.approx(BG["a"] + BG["b"])
    assert p["a"] / (p["a"] + p["b"]) == pytest.approx(0.8 * BG["a"] / (BG["a"] + BG["b"]))
    assert p["alpha"] == pytest.approx(BG["alpha"] / 1.25)


def test_model_engine_refuses_a_churn_change_that_leaves_zero_one(sim):
    # Mean dropout 0.246: tripling it is fine, quintupling is not.
    with pytest.raises(ClvDataError, match="outside"):
        sim.evaluate(Strategy(churn_change=4.0))


def test_model_engine_refuses_an_unknown_segment(sim):
    with pytest.raises(ClvDataError, match="Unknown segment 'vip'"):
        sim.evaluate(Strategy(target="vip"))


def test_pareto_nbd_levers_follow_the_same_rules():
    from clvkit.models import ParetoNBD
    from clvkit.simulate import simulate_paretonbd

    params = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    s = simulate_paretonbd(4_000, **params, T=39.0, latent=True, seed=31)
    sim = StrategySimulator(ParetoNBD.from_params(time_unit="W", **params), 1.0, s, horizon=52, annual_discount_rate=0.0)
    lam, mu, alive = s["lam"].to_numpy(), s["mu"].to_numpy(), s["alive"].to_numpy()

    def truth(c, k):
        return np.sum(alive * c * lam / (k * mu) * -np.expm1(-k * mu * 52))

    ratio = sim.discounted_purchases(-0.3, 0.2).sum() / sim.base_purchases_.sum()
    assert ratio == pytest.approx(truth(1.2, 0.7) / truth(1, 1), rel=0.03)


def test_running_costs_that_are_never_recovered_never_pay_back():
    # 1% larger orders bring 0.72 a period; a running cost of 5 a period is never recovered.
    never = evaluate_drivers(Strategy(aov_change=0.01, cost_per_period=5.0), **DRIVERS, periods=24)
    assert never.payback_periods == float("inf")
    # No one-off cost and a first period that already gains: paid back at once.
    at_once = evaluate_drivers(Strategy(aov_change=0.1, cost_per_period=1.0), **DRIVERS, periods=24)
    assert at_once.payback_periods == 0.0


def test_driver_payback_is_the_crossing_of_the_extra_discounted_margin():
    # A participant keeps 7.2 more margin a period at retention 0.7, discounted at 10%:
    # 4.58, 2.92, 1.86, ... add up to 12.6 in all, so a cost of 8 is covered in period 3.
    st = Strategy(frequency_change=0.1, cost_once=8.0)
    r = evaluate_drivers(st, **DRIVERS, periods=30)
    t = np.arange(1, 31)
    extra = 72 * 0.1 * 0.7 ** t / 1.1 ** t
    assert r.payback_periods == pytest.approx(ck.formulas.payback_from_cash_flows(extra, 8.0))
    c1, c2, c3 = np.cumsum(extra)[:3]
    assert c2 < 8.0 <= c3
    assert r.payback_periods == pytest.approx(2 + (8.0 - c2) / (c3 - c2))
    # More than the 12.6 the programme can ever bring back: never.
    assert evaluate_drivers(st.with_levers(cost_once=13.0), **DRIVERS).payback_periods == math.inf


# ------------------------------------------------------------------ tables
def test_summary_table_shows_whole_customers_and_no_infinite_roi_or_negative_break_even(sim):
    free = sim.evaluate(Strategy(aov_change=0.05, take_up=0.33337))
    row = free.summary()
    assert free.participants != round(free.participants)  # the expected number is fractional ...
    assert row["participants"] == round(free.participants)  # ... the table counts whole customers
    assert math.isnan(free.roi) and math.isnan(row["roi"])  # no cost: no return *on* anything
    costly = sim.evaluate(Strategy(aov_change=0.01, cost_per_period=50.0))
    assert costly.break_even_cost < 0  # the running cost alone exceeds the gain
    assert math.isnan(costly.summary()["break_even_cost"])
    # Where a break-even exists, paying it per participant brings the net uplift to zero.
    fair = sim.evaluate(Strategy(aov_change=0.2, cost_once=1.0))
    again = sim.evaluate(Strategy(aov_change=0.2, cost_once=fair.summary()["break_even_cost"]))
    assert again.net_uplift == pytest.approx(0.0, abs=1e-6 * fair.gross_uplift)


def test_horizon_table_grows_a_programmes_gain_with_the_horizon_as_customer_lifetime_value_does(base):
    """Independent check: a 10% order-value rise adds 10% of the base CLV over each horizon.

    The base CLV comes from clvkit.customer_lifetime_value (discrete monthly discounting), the
    table from StrategySimulator (continuous discounting), so they agree to a fraction of a percent.
    """
    from clvkit.strategy import horizon_table

    model = BGNBD.from_params(time_unit="W", **BG)
    gg = GammaGamma.from_params(time_unit="W", p=6.25, q=3.74, gamma=15.44)
    horizons = ["12 months", "36 months", "60 months"]
    gross = horizon_table(model, gg, base, [Strategy(aov_change=0.1)], horizons=horizons,
                          figure="gross_uplift", margin=0.3)
    for h in horizons:
        clv = ck.customer_lifetime_value(model, gg, base, horizon=h, annual_discount_rate=0.1, margin=0.3)["clv"]
        assert gross.loc["custom", h] == pytest.approx(0.1 * clv.sum(), rel=5e-3)
    # A one-off cost is paid once; a retention gain accumulates: net uplift rises with the horizon.
    # (A running cost accumulates too, which is why the loyalty programme's verdict can go either way.)
    net = horizon_table(model, gg, base, [Strategy(name="fewer leave", churn_change=-0.3, cost_once=5.0),
                                          preset("retention_campaign", target=None), "loyalty_program"],
                        horizons=horizons, margin=0.3)
    assert list(net.columns) == horizons
    assert list(net.index) == ["fewer leave", "retention_campaign", "loyalty_program"]
    assert (np.diff(net.to_numpy()[:2], axis=1) > 0).all()
    one = StrategySimulator(model, gg, base, horizon="36 months", margin=0.3).evaluate("loyalty_program")
    assert net.loc["loyalty_program", "36 months"] == pytest.approx(one.net_uplift)


def test_horizon_table_refuses_an_unknown_figure_in_both_languages(base):
    from clvkit.strategy import horizon_table

    model = BGNBD.from_params(time_unit="W", **BG)
    with pytest.raises(ClvDataError, match="figure='profit' is not a figure.*net_uplift"):
        horizon_table(model, 10.0, base, "pricing", figure="profit")
    with ck.i18n.language("ru"), pytest.raises(ClvDataError, match="не показатель результата стратегии"):
        horizon_table(model, 10.0, base, "pricing", figure="profit")


def test_active_survival_matches_the_posterior_integrals_of_both_model_families():
    """Independent check: integrate exp(-lambda p u) and exp(-mu u) over the posteriors numerically."""
    import pandas as pd
    from scipy import integrate, stats

    from clvkit.strategy import _active_survival

    hist = pd.DataFrame({"frequency": [0.0, 3.0, 3.0, 12.0], "T": [20.0, 40.0, 40.0, 70.0]})
    u = np.array([0.0, 13.0, 52.0, 156.0])
    bg = pd.Series(BG)
    got = _active_survival("beta-dropout", False, bg, hist, u)
    for i, (x, T) in enumerate(hist.to_numpy()):
        for j, t in enumerate(u):
            # E over p ~ Beta(a, b + x) of E over lambda ~ Gamma(r + x, alpha + T) of exp(-lambda p t)
            def inner(p, x=x, T=T, t=t):
                return (1 + p * t / (BG["alpha"] + T)) ** -(BG["r"] + x) * stats.beta.pdf(p, BG["a"], BG["b"] + x)

            assert got[i, j] == pytest.approx(integrate.quad(inner, 0, 1, limit=200)[0], rel=1e-6)
    pareto = pd.Series({"r": 0.55, "alpha": 10.6, "s": 0.61, "beta": 11.7})
    got = _active_survival("gamma-dropout", False, pareto, hist, u)
    for i, T in enumerate(hist["T"]):
        for j, t in enumerate(u):
            want = integrate.quad(lambda mu, t=t, T=T: np.exp(-mu * t) * stats.gamma.pdf(mu, 0.61, scale=1 / (11.7 + T)),
                                  0, np.inf, limit=200)[0]
            assert got[i, j] == pytest.approx(want, rel=1e-6)
