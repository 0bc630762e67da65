"""Unit economics: hand-computed cohorts, a per-user cash ledger, properties, errors in both languages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import clvkit as ck
import clvkit.formulas as F
from clvkit import unit_economics as ue
from clvkit.errors import ClvDataError
from clvkit.i18n import language

RUB_COHORT = dict(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100)


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    ck.set_language("en")
    ck.set_currency(None)


# ------------------------------------------------------------------ hand-computed cohorts
def test_online_store_cohort_in_roubles_matches_the_hand_computation():
    u = ue.unit_economics(**RUB_COHORT)
    # buyers = UA × C1                      = 10 000 × 0.05            = 500
    assert u.buyers == pytest.approx(500.0)
    # ARPPU = (AvP − COGS) × APC            = (3 000 − 1 800) × 2     = 2 400
    assert u.arppu == pytest.approx(2400.0)
    # ARPU = C1 × ARPPU                     = 0.05 × 2 400            = 120
    assert u.arpu == pytest.approx(120.0)
    # spend = UA × CPA                      = 10 000 × 100            = 1 000 000
    assert u.spend == pytest.approx(1_000_000.0)
    # CAC = spend / buyers                  = 1 000 000 / 500         = 2 000
    assert u.cac == pytest.approx(2000.0)
    # CM = UA × (ARPU − CPA)                = 10 000 × (120 − 100)    = 200 000
    assert u.cm == pytest.approx(200_000.0)
    # ROMI = (buyers × ARPPU − spend)/spend = (1 200 000 − 1 000 000) / 1 000 000 = 0.2
    assert u.romi == pytest.approx(0.2)
    # LTV:CAC = ARPPU / CAC                 = 2 400 / 2 000           = 1.2 = 1 + ROMI
    assert u.ltv_cac == pytest.approx(1.2)
    # break-even CPA = ARPU                 = 120
    assert u.break_even_cpa == pytest.approx(120.0)


def test_a_losing_cohort_in_dollars_matches_the_hand_computation():
    u = ue.unit_economics(ua=2000, c1=0.02, avp=40, cogs=30, apc=1.5, cpa=0.5)
    # buyers = 2 000 × 0.02 = 40; ARPPU = (40 − 30) × 1.5 = 15; ARPU = 0.02 × 15 = 0.3
    # spend = 2 000 × 0.5 = 1 000; CAC = 1 000 / 40 = 25
    # CM = 2 000 × (0.3 − 0.5) = −400; ROMI = (40 × 15 − 1 000) / 1 000 = −0.4
    expected = dict(buyers=40, arppu=15, arpu=0.3, spend=1000, cac=25, cm=-400, romi=-0.4, ltv_cac=0.6,
                    break_even_cpa=0.3)
    for name, value in expected.items():
        assert getattr(u, name) == pytest.approx(value), name


def test_each_metric_function_matches_the_hand_computation():
    assert ue.buyers(ua=10_000, c1=0.05) == pytest.approx(500)                     # 10 000 × 0.05
    assert ue.arppu(avp=3000, cogs=1800, apc=2) == pytest.approx(2400)              # 1 200 × 2
    assert ue.arpu(c1=0.05, arppu=2400) == pytest.approx(120)                       # 0.05 × 2 400
    assert ue.cpa(spend=1_000_000, ua=10_000) == pytest.approx(100)                 # 1 000 000 / 10 000
    assert ue.cac(spend=1_000_000, buyers=500) == pytest.approx(2000)               # 1 000 000 / 500
    assert ue.contribution_margin(ua=10_000, arpu=120, cpa=100) == pytest.approx(200_000)  # 10 000 × 20
    assert ue.romi(buyers=500, arppu=2400, spend=1_000_000) == pytest.approx(0.2)   # 200 000 / 1 000 000
    assert ue.max_cpa(c1=0.05, arppu=2400) == pytest.approx(120)                    # 0.05 × 2 400
    assert ue.max_cpa(c1=0.05, arppu=2400, target_romi=0.2) == pytest.approx(100)   # 120 / 1.2


def test_the_metric_functions_composed_give_the_whole_funnel():
    u = ue.unit_economics(**RUB_COHORT)
    b = ue.buyers(ua=10_000, c1=0.05)
    per_buyer = ue.arppu(avp=3000, cogs=1800, apc=2)
    per_user = ue.arpu(c1=0.05, arppu=per_buyer)
    assert ue.contribution_margin(ua=10_000, arpu=per_user, cpa=100) == pytest.approx(u.cm)
    assert ue.romi(buyers=b, arppu=per_buyer, spend=10_000 * 100) == pytest.approx(u.romi)
    assert ue.cac(spend=u.spend, buyers=b) == pytest.approx(u.cac)


def test_arppu_over_cac_is_the_ltv_cac_ratio_of_clvkit_formulas():
    u = ue.unit_economics(**RUB_COHORT)
    assert u.ltv_cac == pytest.approx(F.ltv_cac_ratio(u.arppu, u.cac))
    assert u.ltv_cac == pytest.approx(1.0 + u.romi)


# ------------------------------------------------------------------ a second, independent computation
def _ledger(ua: int, n_buyers: int, apc: int, avp: float, cogs: float, cpa: float) -> tuple[float, float]:
    """Cash of a cohort summed user by user and purchase by purchase: (profit, spend)."""
    cash, spend = 0.0, 0.0
    for user in range(ua):
        cash -= cpa
        spend += cpa
        if user < n_buyers:
            for _purchase in range(apc):
                cash += avp - cogs
    return cash, spend


@settings(max_examples=60, deadline=None)
@given(ua=st.integers(1, 400), share=st.floats(0.01, 1.0), apc=st.integers(1, 6),
       avp=st.floats(0.0, 5000.0), cogs=st.floats(0.0, 5000.0), cpa=st.floats(0.01, 500.0))
def test_contribution_margin_and_romi_equal_a_per_user_cash_ledger(ua, share, apc, avp, cogs, cpa):
    n_buyers = max(1, round(ua * share))
    c1 = n_buyers / ua
    profit, spend = _ledger(ua, n_buyers, apc, avp, cogs, cpa)
    u = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc, cpa=cpa)
    scale = ua * (avp + cogs + cpa) * apc
    assert u.cm == pytest.approx(profit, abs=1e-9 * scale)
    assert u.spend == pytest.approx(spend, rel=1e-9)
    assert u.romi == pytest.approx(profit / spend, abs=1e-9 * scale / spend)
    assert u.cac == pytest.approx(spend / n_buyers, rel=1e-9)


def test_arrays_and_series_give_one_value_per_scenario_like_single_numbers():
    channels = pd.Index(["search", "social", "marketplace"], name="channel")
    ua = pd.Series([8000, 20_000, 5000], index=channels)
    c1 = pd.Series([0.05, 0.01, 0.08], index=channels)
    cpa = np.array([90.0, 15.0, 200.0])
    u = ue.unit_economics(ua=ua, c1=c1, avp=3000, cogs=1800, apc=2, cpa=cpa)
    assert isinstance(u.cm, pd.Series) and list(u.cm.index) == list(channels)
    table = u.to_frame()
    assert list(table.index) == list(channels)
    for i, name in enumerate(channels):
        one = ue.unit_economics(ua=ua.iloc[i], c1=c1.iloc[i], avp=3000, cogs=1800, apc=2, cpa=cpa[i])
        for metric in ue.METRICS:
            assert table.loc[name, metric] == pytest.approx(getattr(one, metric)), (name, metric)
    # the marketplace: ARPU = 0.08 × 2 400 = 192 < CPA 200, so CM = 5 000 × (192 − 200) = −40 000
    assert u.cm["marketplace"] == pytest.approx(-40_000)


# ------------------------------------------------------------------ properties
money = st.floats(1.0, 10_000.0)


@settings(max_examples=80, deadline=None)
@given(ua=st.floats(1.0, 1e6), c1=st.floats(0.001, 0.5), step=st.floats(0.001, 0.5), avp=money,
       cogs=st.floats(0.0, 10_000.0), apc=st.floats(1.0, 20.0), cpa=money)
def test_contribution_margin_grows_with_conversion_when_a_buyer_brings_a_margin(ua, c1, step, avp, cogs, apc,
                                                                                cpa):
    assume(avp - cogs > 1e-3)
    low = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc, cpa=cpa)
    high = ue.unit_economics(ua=ua, c1=min(c1 + step, 1.0), avp=avp, cogs=cogs, apc=apc, cpa=cpa)
    assert high.cm > low.cm


@settings(max_examples=80, deadline=None)
@given(ua=st.floats(1.0, 1e6), c1=st.floats(0.001, 1.0), avp=money, cogs=st.floats(0.0, 10_000.0),
       apc=st.floats(1.0, 20.0), target=st.floats(-0.9, 5.0))
def test_romi_is_zero_at_the_break_even_cpa_and_the_target_at_the_target_cpa(ua, c1, avp, cogs, apc, target):
    margin = ue.arppu(avp=avp, cogs=cogs, apc=apc)
    assume(margin > 1e-3)
    at_break_even = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc,
                                      cpa=ue.max_cpa(c1=c1, arppu=margin))
    assert at_break_even.romi == pytest.approx(0.0, abs=1e-9)
    assert at_break_even.cm == pytest.approx(0.0, abs=1e-9 * ua * c1 * margin)
    assert at_break_even.ltv_cac == pytest.approx(1.0)  # "ARPPU = CAC" is LTV:CAC of one
    at_target = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc,
                                  cpa=ue.max_cpa(c1=c1, arppu=margin, target_romi=target))
    assert at_target.romi == pytest.approx(target, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(ua=st.floats(1.0, 1e6), c1=st.floats(0.001, 1.0), avp=money, cogs=st.floats(0.0, 10_000.0),
       apc=st.floats(0.0, 20.0), cpa=money)
def test_positive_margin_positive_romi_and_arppu_above_cac_are_the_same_statement(ua, c1, avp, cogs, apc,
                                                                                   cpa):
    u = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc, cpa=cpa)
    assume(abs(u.cm) > 1e-6 * u.spend)
    assert (u.cm > 0) == (u.romi > 0) == (u.arppu > u.cac) == (u.cpa < u.break_even_cpa)
    assert u.cac == pytest.approx(u.cpa / u.c1)


# ------------------------------------------------------------------ the CLV view
def test_compare_with_clv_matches_a_month_by_month_sum():
    avp, cogs, apc, periods, r, d = 3000.0, 1800.0, 13.0, 12, 0.8, 0.01
    t = ue.compare_with_clv(avp=avp, cogs=cogs, apc=apc, periods=periods, retention=r, discount_rate=d,
                            cac=2000)
    # first purchase at acquisition, then (13 − 1) / 12 = 1 repeat purchase a month while the buyer stays
    margin = avp - cogs
    kept = margin + sum(margin * 1.0 * r ** month for month in range(1, periods + 1))
    discounted = margin + sum(margin * 1.0 * r ** month / (1 + d) ** month for month in range(1, periods + 1))
    assert t.loc["unit_economics", "value"] == pytest.approx(1200 * 13)          # = ARPPU = 15 600
    assert t.loc["with_retention", "value"] == pytest.approx(kept)
    assert kept == pytest.approx(1200 * (1 - 0.8 ** 13) / 0.2)                    # ≈ 5 670.15
    assert t.loc["with_retention_and_discounting", "value"] == pytest.approx(discounted)
    assert t.loc["with_retention", "purchases"] == pytest.approx(kept / margin)
    assert t["ltv_cac"].tolist() == pytest.approx((t["value"] / 2000).tolist())
    assert t["max_cac"].tolist() == pytest.approx(t["value"].tolist())        # target LTV:CAC of 1


def test_compare_with_clv_agrees_with_unit_economics_when_nobody_leaves_and_nothing_is_discounted():
    t = ue.compare_with_clv(avp=3000, cogs=1800, apc=2, periods=12, retention=1.0, discount_rate=0.0,
                            target_ratio=3)
    assert t["value"].tolist() == pytest.approx([ue.arppu(avp=3000, cogs=1800, apc=2)] * 3)
    assert t["share_of_arppu"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert t["max_cac"].tolist() == pytest.approx([800.0] * 3)                     # 2 400 / 3


@settings(max_examples=60, deadline=None)
@given(avp=money, cogs=st.floats(0.0, 0.9), apc=st.floats(1.0, 30.0), periods=st.integers(1, 36),
       r=st.floats(0.0, 1.0), d=st.floats(0.0, 0.1))
def test_retention_and_discounting_only_ever_lower_a_positive_value(avp, cogs, apc, periods, r, d):
    t = ue.compare_with_clv(avp=avp, cogs=cogs * avp, apc=apc, periods=periods, retention=r, discount_rate=d)
    face, kept, discounted = t["value"].tolist()
    assert face >= kept - 1e-9 * face and kept >= discounted - 1e-9 * face
    assert discounted >= (avp - cogs * avp) - 1e-9 * face  # the first purchase is never lost


def test_a_new_buyers_apc_from_a_model_is_one_plus_the_repeat_purchases_seen_in_a_simulation():
    from clvkit.models import BGNBD
    from clvkit.simulate import simulate_bgnbd

    params = dict(r=0.8, alpha=6.0, a=0.6, b=2.5)
    model = BGNBD.from_params(time_unit="W", **params)
    apc = ue.apc_from_model(model, horizon=52)
    # 200 000 new customers observed for 52 weeks: the first purchase plus their repeat purchases
    simulated = simulate_bgnbd(200_000, T=52.0, seed=7, **params)
    assert apc == pytest.approx(1.0 + simulated["frequency"].mean(), rel=0.01)
    assert ue.apc_from_model(model, horizon="12 months") > apc  # 12 months are a little longer than 52 weeks


def test_apc_per_customer_is_the_models_prediction_for_the_horizon():
    from clvkit.models import BGNBD
    from clvkit.simulate import simulate_bgnbd

    params = dict(r=0.8, alpha=6.0, a=0.6, b=2.5)
    model = BGNBD.from_params(time_unit="W", **params)
    summary = simulate_bgnbd(50, T=39.0, seed=3, **params)
    apc = ue.apc_from_model(model, horizon=26, summary=summary)
    assert apc.name == "apc" and apc.index.equals(summary.index)
    np.testing.assert_allclose(apc.to_numpy(), model.predict_purchases(summary, 26).to_numpy())
    value = ue.arppu(avp=3000, cogs=1800, apc=apc)  # a forward-looking, undiscounted value per customer
    assert isinstance(value, pd.Series) and value.index.equals(summary.index)


# ------------------------------------------------------------------ errors in both languages
@pytest.mark.parametrize(
    ("change", "english", "russian"),
    [
        (dict(c1=5), ["c1=", "at most 1", "5", "0.05"], ["c1=", "не больше 1", "5", "0.05"]),
        (dict(c1=0), ["c1=", "above 0"], ["c1=", "больше 0"]),
        (dict(ua=-10), ["ua=", "cannot be negative", "-10"], ["ua=", "отрицательным", "-10"]),
        (dict(cpa=0), ["cpa=", "ROMI", "spend"], ["cpa=", "ROMI", "расходы"]),
        (dict(apc=-1), ["apc=", "negative"], ["apc=", "отрицательным"]),
        (dict(avp=math.nan), ["avp=", "nan", "missing"], ["avp=", "nan", "пропуск"]),
        (dict(cogs="1800"), ["cogs=", "number", "'1800'"], ["cogs=", "числом", "'1800'"]),
    ],
)
def test_impossible_inputs_are_refused_in_one_sentence_in_both_languages(change, english, russian):
    for lang, words in (("en", english), ("ru", russian)):
        with language(lang), pytest.raises(ClvDataError) as info:
            ue.unit_economics(**{**RUB_COHORT, **change})
        message = str(info.value)
        assert all(word in message for word in words), (lang, message)
        assert message.count(". ") == 0 and message.endswith(".")


def test_a_wrong_element_of_an_array_or_series_is_named():
    with pytest.raises(ClvDataError, match=r"c1\[2\]"):
        ue.buyers(ua=[100, 100, 100], c1=[0.1, 0.2, 1.5])
    with language("ru"), pytest.raises(ClvDataError, match=r"элемент c1\['vk'\]"):
        ue.buyers(ua=100, c1=pd.Series([0.1, 0.0], index=["ya", "vk"]))


def test_romi_cac_and_cpa_need_something_to_divide_by():
    with pytest.raises(ClvDataError, match="spend=.*ROMI"):
        ue.romi(buyers=10, arppu=100, spend=0)
    with language("ru"), pytest.raises(ClvDataError, match="buyers=.*без покупателей"):
        ue.cac(spend=1000, buyers=0)
    with pytest.raises(ClvDataError, match="ua=.*without users"):
        ue.cpa(spend=1000, ua=0)


def test_mismatched_arrays_and_series_are_refused_rather_than_aligned_by_guess():
    with pytest.raises(ClvDataError, match="lengths 3, 2"):
        ue.buyers(ua=[1, 2, 3], c1=[0.1, 0.2])
    with language("ru"), pytest.raises(ClvDataError, match="разные индексы"):
        ue.buyers(ua=pd.Series([10, 20], index=["a", "b"]), c1=pd.Series([0.1, 0.2], index=["b", "a"]))


def test_a_target_romi_of_minus_one_or_below_and_a_bad_horizon_are_refused():
    with pytest.raises(ClvDataError, match="target_romi=.*above −1"):
        ue.max_cpa(c1=0.05, arppu=2400, target_romi=-1)
    with language("ru"), pytest.raises(ClvDataError, match="periods=.*целым"):
        ue.compare_with_clv(avp=3000, cogs=1800, apc=2, periods=1.5, retention=0.9, discount_rate=0.0)
    with pytest.raises(ClvDataError, match="retention=.*between 0 and 1"):
        ue.compare_with_clv(avp=3000, cogs=1800, apc=2, periods=12, retention=90, discount_rate=0.0)
    with language("ru"), pytest.raises(ClvDataError, match="apc=.*не меньше 1"):
        ue.compare_with_clv(avp=3000, cogs=1800, apc=0.5, periods=12, retention=0.9, discount_rate=0.0)


def test_apc_from_something_that_is_not_a_model_is_refused():
    with pytest.raises(ClvDataError, match="model=.*DataFrame"):
        ue.apc_from_model(pd.DataFrame(), horizon=52)
    with language("ru"), pytest.raises(ClvDataError, match="обученной моделью"):
        ue.apc_from_model(3.5, horizon=52)


# ------------------------------------------------------------------ reading in Russian
def test_the_glossary_and_the_described_cohort_read_in_russian_with_commas_and_roubles():
    meanings = ue.metric_meanings("ru")
    assert meanings.index.name == "Метрика"
    assert list(meanings.columns) == ["Формула", "Смысл"]
    assert meanings.loc["Маржинальная прибыль (CM)", "Формула"] == "UA × (ARPU − CPA)"
    assert len(meanings) == len(ue.METRICS)
    with language("ru"):
        table = ue.unit_economics(**RUB_COHORT).describe()
    assert table.loc["Маржинальная прибыль (CM)", "Значение"] == "200\u202f000,00\u00a0₽"
    assert table.loc["Окупаемость маркетинговых инвестиций (ROMI)", "Значение"] == "20,0\u00a0%"
    assert table.loc["Конверсия в первую покупку (C1)", "Значение"] == "5,0\u00a0%"
    english = ue.unit_economics(**RUB_COHORT).describe("en", currency="USD")
    assert english.loc["Contribution margin (CM)", "Value"] == "$200,000.00"
    assert not any("$" in v for v in table["Значение"])



def test_described_money_can_be_shown_in_whole_units_and_only_money_changes():
    whole = ue.unit_economics(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80).describe(
        "ru", currency="RUB", decimals=0)
    assert whole.loc["Маржинальная прибыль (CM)", "Значение"] == "−80 000 ₽"
    assert whole.loc["Доход с привлечённого пользователя (ARPU)", "Значение"] == "72 ₽"
    assert whole.loc["Окупаемость маркетинговых инвестиций (ROMI)", "Значение"] == "−10,0 %"
    assert whole.loc["Число покупок на покупателя (APC)", "Значение"] == "1,80"
    english = ue.unit_economics(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80).describe(
        "en", currency="RUB", decimals=0)
    assert english.loc["Cost per buyer (CAC)", "Value"] == "2,000 ₽"

def test_compare_with_clv_names_its_views_in_the_language():
    ru = ue.compare_with_clv(avp=3000, cogs=1800, apc=2, periods=12, retention=0.9, discount_rate=0.0,
                             lang="ru")
    assert ru["name"].tolist() == ["Юнит-экономика (ARPPU)", "С учётом удержания",
                                   "С удержанием и дисконтированием"]
    with language("en"):
        en = ue.compare_with_clv(avp=3000, cogs=1800, apc=2, periods=12, retention=0.9, discount_rate=0.0)
    assert en["name"].iloc[1] == "With retention"


def test_unit_economics_is_a_lazy_submodule_of_clvkit():
    assert ck.unit_economics.unit_economics is ue.unit_economics


def test_a_column_with_text_in_it_is_refused_naming_the_first_bad_element():
    spend = pd.Series([1000.0, "n/a", 500.0], index=["jan", "feb", "mar"])
    with pytest.raises(ClvDataError, match=r"spend=.*'n/a' \(element spend\['feb'\]\)"):
        ue.cpa(spend=spend, ua=100)
    with language("ru"), pytest.raises(ClvDataError, match=r"одним числом, а в нём 3 значения"):
        ue.compare_with_clv(avp=[1, 2, 3], cogs=0, apc=2, periods=12, retention=0.9, discount_rate=0.0)
    with pytest.raises(ClvDataError, match=r"shape \(2, 2\)"):
        ue.buyers(ua=[[1, 2], [3, 4]], c1=0.1)
