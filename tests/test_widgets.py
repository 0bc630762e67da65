"""The explorers without a browser: set control values, check the numbers and the chart's data."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clvkit.formulas as F
from clvkit.i18n import format_money, format_number, format_percent, label
from clvkit.units import rate_per_unit

ROOT = Path(__file__).resolve().parent.parent


def test_importing_clvkit_and_clvkit_widgets_loads_no_ipywidgets_or_matplotlib():
    code = (
        "import sys, clvkit, clvkit.widgets\n"
        "heavy = [m for m in ('ipywidgets', 'matplotlib', 'seaborn') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------ drivers
@pytest.fixture(scope="module")
def driver():
    from clvkit.widgets import DriverExplorer

    return DriverExplorer(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, annual_discount_rate=0.1,
                          horizon=24, cac=60)


def test_driver_explorer_headline_is_the_dcf_formula_after_a_slider_moves(driver):
    driver.controls["aov"].value = 70
    d = rate_per_unit(0.1, "M")
    expected = F.dcf_clv(70 * 2 * 0.3, 0.8, d, periods=24)
    assert driver.state.result.clv == pytest.approx(expected, rel=1e-12)
    assert format_money(expected, "en") in driver.headline.value
    assert "clvkit-headline" in driver.headline._dom_classes


def test_driver_explorer_secondary_figures_follow_the_formulas(driver):
    driver.controls["retention"].value = 0.9
    driver.controls["cac"].value = 100
    s = driver.state
    d = rate_per_unit(s.annual_discount_rate, "M")
    m = s.aov * s.purchases_per_period * s.margin
    clv = F.dcf_clv(m, 0.9, d, periods=s.horizon)
    r = s.result
    assert r.ltv_cac == pytest.approx(clv / 100)
    assert r.payback == pytest.approx(F.payback_period(m, 100, retention=0.9, discount_rate=d, max_periods=s.horizon))
    assert r.max_cac == pytest.approx(clv / 3)
    assert format_number(clv / 100, "en", decimals=2) in driver.figures.value


def test_driver_explorer_chart_line_is_the_cumulative_value_and_tornado_bars_the_swings(driver):
    driver.controls["horizon"].value = 12
    s = driver.state
    d = rate_per_unit(s.annual_discount_rate, "M")
    m = s.aov * s.purchases_per_period * s.margin
    table = F.cumulative_value(m, s.retention, d, periods=12)
    np.testing.assert_allclose(driver.line.get_ydata(), table["cumulative"].to_numpy())
    np.testing.assert_allclose(driver.line.get_xdata(), np.arange(1, 13))
    assert driver.line.get_ydata()[-1] == pytest.approx(s.result.clv)
    assert list(driver.cac_line.get_ydata()) == [s.cac, s.cac]
    tornado = F.clv_elasticities(aov=s.aov, purchases_per_period=s.purchases_per_period, margin=s.margin,
                                 retention=s.retention, discount_rate=d, periods=12)
    ax = driver.chart.axes[1]
    high = [p for p in ax.patches if p.get_gid() == "tornado-high"]
    widths = sorted(p.get_width() for p in high)
    np.testing.assert_allclose(widths, sorted((tornado["clv_high"] - tornado["clv"]).abs()), rtol=1e-12)


def test_driver_explorer_renders_png_bytes_into_one_reused_figure(driver):
    figure = driver.chart.figure
    before = driver.chart.image.value
    driver.controls["margin"].value = 0.45
    assert driver.chart.figure is figure
    assert driver.chart.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert driver.chart.image.value != before


def test_driver_explorer_in_russian_has_russian_labels_and_numbers():
    from clvkit.widgets import DriverExplorer

    ex = DriverExplorer(aov=1000, purchases_per_period=2, margin=0.5, retention=0.9, annual_discount_rate=0.0,
                        horizon=12, cac=100, lang="ru")
    assert ex.controls["aov"].description.startswith("Средний чек")
    clv = F.dcf_clv(1000.0, 0.9, 0.0, periods=12)
    # the currency follows the language unless one is given
    assert format_money(clv, "ru", currency="RUB") in ex.headline.value
    assert ex.controls["aov"].description == "Средний чек, ₽"
    assert "\u202f" in format_money(clv, "ru", currency="RUB")
    assert ex.chart.axes[0].get_title() == label("chart.cumulative.title", "ru")
    dollars = DriverExplorer(aov=1000, purchases_per_period=2, margin=0.5, retention=0.9, annual_discount_rate=0.0,
                             horizon=12, cac=100, currency="USD", lang="ru")
    assert format_money(clv, "ru", currency="USD") in dollars.headline.value
    assert dollars.chart.axes[0].get_ylabel().endswith(", $")


# ------------------------------------------------------------------ retention
def test_retention_explorer_fits_the_chosen_cohort_and_shows_sbg_numbers():
    from clvkit.datasets import load_sbg_cohorts
    from clvkit.models import ShiftedBetaGeometric
    from clvkit.widgets import RetentionExplorer

    ex = RetentionExplorer(discount_rate=0.1, periods=12)
    ex.controls["cohort"].value = "regular"
    survivors = load_sbg_cohorts()["regular"].to_numpy()
    fitted = ShiftedBetaGeometric().fit(survivors)
    assert ex.state.alpha == pytest.approx(float(fitted.params_["alpha"]), rel=1e-6)
    assert ex.controls["alpha"].value == pytest.approx(ex.state.alpha)
    r = ex.state.result
    assert r.derl == pytest.approx(float(fitted.derl(0.1)), rel=1e-6)
    observed = ex.lines["survival-observed"].get_ydata()
    np.testing.assert_allclose(observed[: len(survivors)], survivors / survivors[0])
    np.testing.assert_allclose(ex.lines["survival-sbg"].get_ydata(), fitted.survival(np.arange(13)), rtol=1e-6)


def test_retention_explorer_sliders_drive_survival_and_the_constant_benchmark():
    from clvkit.models import ShiftedBetaGeometric
    from clvkit.widgets import RetentionExplorer

    ex = RetentionExplorer(alpha=1.0, beta=1.0, discount_rate=0.1, periods=8)
    ex.controls["alpha"].value = 3.0
    ex.controls["beta"].value = 2.0
    model = ShiftedBetaGeometric.from_params(alpha=3.0, beta=2.0)
    r = ex.state.result
    assert r.expected_lifetime == pytest.approx(2.0)
    np.testing.assert_allclose(ex.lines["survival-sbg"].get_ydata(), model.survival(np.arange(9)))
    np.testing.assert_allclose(ex.lines["retention-sbg"].get_ydata(), model.retention_rate(np.arange(1, 9)))
    # without data the constant benchmark is the first-period retention, S(1) = beta / (alpha + beta)
    assert r.constant_retention == pytest.approx(0.4)
    np.testing.assert_allclose(ex.lines["survival-constant"].get_ydata(), 0.4 ** np.arange(9))
    assert r.constant_derl == pytest.approx(0.4 * 1.1 / (1.1 - 0.4))
    assert "DERL" in ex.headline.value


# ------------------------------------------------------------------ strategy
@pytest.fixture(scope="module")
def strategy_engine(cdnow_summary):
    from clvkit.models import BGNBD, GammaGamma
    from clvkit.segments import rfm_segments
    from clvkit.strategy import StrategySimulator

    s = cdnow_summary
    return StrategySimulator(BGNBD().fit(s), GammaGamma().fit(s[s["frequency"] > 0]), s, horizon="1 year",
                             annual_discount_rate=0.1, margin=0.3, segments=rfm_segments(s)["segment"].astype(str))


def test_strategy_simulator_matches_the_engine_for_the_slider_values(strategy_engine):
    from clvkit.strategy import Strategy
    from clvkit.widgets import StrategySimulator

    ex = StrategySimulator(strategy_engine, churn_reduction=0.0, aov_lift=0.0, cost_once=0.0, take_up=1.0)
    ex.controls["churn_reduction"].value = 0.2
    ex.controls["aov_lift"].value = 0.1
    ex.controls["cost_once"].value = 1.5
    ex.controls["take_up"].value = 0.5
    ex.controls["target"].value = "champions"
    expected = strategy_engine.evaluate(Strategy(churn_change=-0.2, aov_change=0.1, cost_once=1.5, take_up=0.5,
                                                 target="champions"))
    r = ex.state.result
    assert r.net_uplift == pytest.approx(expected.net_uplift)
    assert r.roi == pytest.approx(expected.roi)
    assert format_money(expected.net_uplift, "en", decimals=0) in ex.headline.value
    # the waterfall's bars end where the engine's steps end
    bars = [p for p in ex.chart.axes[0].patches if p.get_gid() == "waterfall"]
    steps = expected.waterfall()
    tops = [p.get_y() + p.get_height() for p in bars]
    np.testing.assert_allclose(tops, np.maximum(steps["start"], steps["end"]), rtol=1e-9)


# ------------------------------------------------------------------ app
def test_app_reads_the_language_from_the_query_string(monkeypatch):
    from clvkit.app import calculator, lang_from_query

    assert lang_from_query("lang=ru") == "ru"
    assert lang_from_query("?x=1&lang=RU") == "ru"
    assert lang_from_query("lang=de") == "en"
    assert lang_from_query(None) == "en"
    monkeypatch.setenv("QUERY_STRING", "lang=ru")
    app = calculator(strategy=False)
    assert app.lang == "ru" and app.language.value == "ru"
    assert "Калькулятор" in app.header.value


def test_app_language_toggle_rebuilds_in_russian_and_keeps_the_values(monkeypatch):
    from clvkit.app import calculator

    monkeypatch.delenv("QUERY_STRING", raising=False)
    app = calculator(strategy=False)
    app.driver.controls["aov"].value = 80
    app.language.value = "ru"
    assert app.driver.lang == "ru"
    assert app.driver.state.aov == 8_000  # the same example in roubles (80 $ -> 8 000 ₽)
    assert app.tabs.children[0].children == (app.workbench.widget,)
    assert app.tabs.titles[0] == label("workbench.tab", "ru")
    assert app.tabs.children[1].children == (app.driver.widget,)
    assert app.tabs.titles[1] == label("app.tab.drivers", "ru")


def test_packaged_app_notebook_is_the_same_as_the_checkout_one():
    checkout = ROOT / "notebooks" / "apps" / "clv_calculator.ipynb"
    packaged = ROOT / "clvkit" / "_apps" / "clv_calculator.ipynb"
    assert checkout.read_bytes() == packaged.read_bytes()


# ------------------------------------------------------------------ customer, segments
@pytest.fixture(scope="module")
def cdnow_models(cdnow_summary):
    from clvkit.models import BGNBD, GammaGamma

    s = cdnow_summary
    return BGNBD().fit(s), GammaGamma().fit(s[s["frequency"] > 0])


def test_customer_explorer_shows_the_models_numbers_for_the_slider_values(cdnow_summary, cdnow_models):
    import clvkit as ck
    from clvkit.widgets import CustomerExplorer

    bg, gg = cdnow_models
    ex = CustomerExplorer(bg, gg, summary=cdnow_summary, customer=1, horizon=52, margin=0.3)
    row = cdnow_summary.loc[[1]]
    assert ex.state.result.p_alive == pytest.approx(float(np.asarray(bg.probability_alive(row))[0]))
    ex.controls["frequency"].value = 4
    ex.controls["recency"].value = 20.0
    ex.controls["T"].value = 35.0
    one = pd.DataFrame({"frequency": [4.0], "recency": [20.0], "T": [35.0],
                        "monetary_value": [float(row["monetary_value"].iloc[0])]})
    one.attrs["time_unit"] = "W"
    value = ck.customer_lifetime_value(bg, gg, one, horizon=52, annual_discount_rate=0.1, margin=0.3)
    r = ex.state.result
    assert r.p_alive == pytest.approx(float(np.asarray(bg.probability_alive(one))[0]))
    assert r.clv == pytest.approx(float(value["clv"].iloc[0]))
    assert format_money(r.clv, "en") in ex.headline.value
    assert list(ex.marker.get_xdata()) == [20.0] and list(ex.marker.get_ydata()) == [4.0]
    from clvkit.plots import probability_alive_matrix

    np.testing.assert_allclose(ex.image.get_array(), probability_alive_matrix(
        bg, T=35.0, max_frequency=min(ex.max_frequency, 30), n_recency=41).to_numpy())


def test_segment_explorer_thresholds_and_tiers_give_segment_summary_numbers(cdnow_summary, cdnow_models):
    import clvkit as ck
    from clvkit.segments import clv_tiers, segment_summary
    from clvkit.widgets import SegmentExplorer
    from clvkit.widgets.segment import threshold_segments

    bg, gg = cdnow_models
    s = cdnow_summary
    clv = ck.customer_lifetime_value(bg, gg, s, horizon=52, annual_discount_rate=0.1, margin=0.3)["clv"]
    ex = SegmentExplorer(s, clv, recent_within=8, frequent_from=2)
    ex.controls["recent_within"].value = 12
    ex.controls["frequent_from"].value = 3
    recent = (s["T"] - s["recency"]) <= 12
    frequent = s["frequency"] >= 3
    t = ex.state.result.table
    assert t.loc["recent_frequent", "customers"] == int((recent & frequent).sum())
    assert t.loc["lapsed_rare", "total_value"] == pytest.approx(float(clv[~recent & ~frequent].sum()))
    np.testing.assert_allclose([b.get_height() for b in ex.customer_bars], t["customer_share"])
    seg = threshold_segments(s, recent_within=12, frequent_from=3)
    assert seg.value_counts().sum() == len(s)
    ex.controls["by"].value = "tier"
    ex.controls["top_cut"].value = 0.1
    tiers = clv_tiers(clv, cuts=(0.1, 0.2), labels=("top", "second", "rest"))
    expected = segment_summary(pd.DataFrame({"segment": tiers, "clv": clv}), value="clv")
    np.testing.assert_allclose(ex.state.result.table["value_share"], expected["value_share"])
    np.testing.assert_allclose([b.get_height() for b in ex.value_bars], expected["value_share"])
    assert format_percent(float(expected["value_share"].iloc[0]), "en") in ex.headline.value


# ------------------------------------------------------------------ charts people can read
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_explorer_charts_keep_their_text_apart_at_high_values_in_both_languages(lang, cdnow_summary, cdnow_models,
                                                                              strategy_engine):
    from test_plots import overlaps

    import clvkit as ck
    from clvkit.widgets import CustomerExplorer, DriverExplorer, RetentionExplorer, SegmentExplorer, StrategySimulator

    bg, gg = cdnow_models
    clv = ck.customer_lifetime_value(bg, gg, cdnow_summary, horizon=52, annual_discount_rate=0.1, margin=0.3)["clv"]
    driver = DriverExplorer(aov=480, purchases_per_period=3, margin=0.45, retention=0.96, horizon=120, cac=900,
                            lang=lang)
    explorers = [driver, RetentionExplorer(cohort="regular", lang=lang),
                 CustomerExplorer(bg, gg, summary=cdnow_summary, customer=1, lang=lang),
                 SegmentExplorer(cdnow_summary, clv, lang=lang), StrategySimulator(strategy_engine, lang=lang)]
    driver.controls["aov"].value = 500  # after a slider step, not only at start
    for explorer in explorers:
        explorer.refresh()
        assert overlaps(explorer.chart.figure) == [], type(explorer).__name__


def test_the_drivers_take_an_ordinary_rouble_order_value_without_clamping():
    from clvkit.widgets import DriverExplorer

    rub = DriverExplorer(lang="ru", currency="RUB")
    usd = DriverExplorer(lang="en", currency="USD")
    assert usd.controls["aov"].max == 500 and usd.state.aov == 50
    assert rub.controls["aov"].max == 50_000 and rub.state.aov == 5_000 and rub.state.cac == 4_000
    rub.controls["aov"].value = 3_000  # typed into the readout
    assert rub.state.aov == 3_000 and rub.controls["aov"].value == 3_000
    assert "₽" in rub.controls["aov"].description


def test_switching_the_app_language_keeps_the_example_amounts_in_proportion():
    from clvkit.app import Calculator

    app = Calculator(lang="en", strategy=False)
    app.driver.controls["aov"].value = 60
    app.language.value = "ru"
    assert app.driver.state.aov == pytest.approx(6_000) and app.driver.state.cac == pytest.approx(4_000)
    app.language.value = "en"
    assert app.driver.state.aov == pytest.approx(60)


def test_slider_readouts_are_written_the_readers_way():
    from clvkit.widgets import DriverExplorer, RetentionExplorer

    ru = DriverExplorer(lang="ru", currency="RUB")
    c = ru.controls["purchases_per_period"]
    assert c.readout is False  # the browser's readout would write 1.0
    c.value = 2.5
    assert c._clvkit_readout.value == "2,5"
    spaces = str.maketrans({"\u00a0": " ", "\u202f": " "})
    assert ru.controls["aov"]._clvkit_readout.value.translate(spaces) == "5 000"
    assert ru.controls["retention"]._clvkit_readout.value.startswith("80") and "%" in ru.controls["retention"]._clvkit_readout.value
    # and the readout sits beside its slider in the view
    assert any(getattr(box, "children", ())[:1] == (c,) for box in ru.widget.children[1].children[0].children)
    alpha = RetentionExplorer(lang="ru").controls["alpha"]
    assert "," in alpha._clvkit_readout.value and "." not in alpha._clvkit_readout.value
    en = DriverExplorer(lang="en")
    assert en.controls["purchases_per_period"].readout is True and en.controls["purchases_per_period"].readout_format == ".1f"
    assert not hasattr(en.controls["aov"], "_clvkit_readout")
