"""The unit-economics explorer without a browser: set values, check the numbers, the words and the money."""

from __future__ import annotations

import re

import numpy as np
import pytest

import clvkit as ck
from clvkit import unit_economics as ue
from clvkit.i18n import format_money, format_percent, language
from clvkit.units import rate_per_unit


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    ck.set_language("en")
    ck.set_currency(None)


def _explorer(**kwargs):
    from clvkit.widgets import UnitEconomicsExplorer

    return UnitEconomicsExplorer(**kwargs)


def _shown_text(explorer) -> str:
    """Everything the explorer writes (without the HTML markup): headline, figures, readouts, labels."""
    parts = [explorer.headline.value, explorer.figures.value, explorer.clv_view.value]
    parts += [r.value for r in explorer.readouts.values()]
    parts += [c.description for c in explorer.controls.values()]
    return re.sub(r"<[^>]*>", " ", " ".join(parts))


# ------------------------------------------------------------------ the state alone
def test_the_state_recomputes_the_funnel_when_a_value_is_set():
    from clvkit.widgets import UnitEconomicsState

    s = UnitEconomicsState(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100, retention=0.9,
                           annual_discount_rate=0.0, periods=12, target_romi=0.3)
    assert s.result.economics.cm == pytest.approx(200_000)       # 10 000 × (0.05 × 2 400 − 100)
    s.c1 = 0.06
    assert s.result.economics.cm == pytest.approx(440_000)       # 10 000 × (0.06 × 2 400 − 100)
    s.apc = 3
    assert s.result.economics.arppu == pytest.approx(3600)       # 1 200 × 3
    assert s.result.economics.romi == pytest.approx(1.16)        # (600 × 3 600 − 1 000 000) / 1 000 000
    assert s.result.target_cpa == pytest.approx(0.06 * 3600 / 1.3)  # ARPU / (1 + 30 %)


def test_the_states_clv_view_is_compare_with_clv_at_the_monthly_discount_rate():
    from clvkit.widgets import UnitEconomicsState

    s = UnitEconomicsState(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=4, cpa=100, retention=0.85,
                           annual_discount_rate=0.2, periods=12)
    d = rate_per_unit(0.2, "M")
    expected = ue.compare_with_clv(avp=3000, cogs=1800, apc=4, periods=12, retention=0.85, discount_rate=d,
                                   cac=2000)
    np.testing.assert_allclose(s.result.clv["value"].to_numpy(), expected["value"].to_numpy())
    np.testing.assert_allclose(s.result.clv["ltv_cac"].to_numpy(), expected["ltv_cac"].to_numpy())
    # month-by-month: 1 200 now, then (4 − 1) / 12 = 0.25 purchases a month while the buyer stays
    month = np.arange(1, 13)
    by_hand = 1200 + np.sum(1200 * 0.25 * 0.85 ** month / (1 + d) ** month)
    assert s.result.clv.loc["with_retention_and_discounting", "value"] == pytest.approx(by_hand)


# ------------------------------------------------------------------ the explorer, English
def test_moving_a_slider_updates_the_headline_figures_and_chart():
    ex = _explorer(ua=10_000, c1=0.05, avp=30, cogs=18, apc=2, cpa=1.0, retention=0.9,
                   annual_discount_rate=0.1, lang="en", currency="USD")
    ex.controls["c1"].value = 0.06
    e = ex.state.result.economics
    assert e.cm == pytest.approx(10_000 * (0.06 * 24 - 1.0))       # 4 400
    assert format_money(4400, "en", currency="USD", decimals=0) in ex.headline.value
    assert "clvkit-headline" in ex.headline._dom_classes
    assert 'data-key="romi"' in ex.figures.value and format_percent(e.romi, "en") in ex.figures.value
    clv = ex.state.result.clv
    np.testing.assert_allclose([b.get_height() for b in ex.bars], clv["value"].to_numpy())
    assert list(ex.cac_line.get_ydata()) == pytest.approx([e.cac, e.cac])
    assert list(ex.break_even_line.get_xdata()) == pytest.approx([e.break_even_cpa] * 2)
    x, y = ex.cm_line.get_data()
    np.testing.assert_allclose(y, 10_000 * (e.arpu - np.asarray(x)))   # CM = UA × (ARPU − CPA) along the line
    assert ex.now_point.get_ydata()[0] == pytest.approx(e.cm)
    assert ex.chart.image.value[:4] == b"\x89PNG"


def test_the_explorer_keeps_stable_css_classes_for_a_browser_test():
    ex = _explorer(lang="en")
    assert "clvkit-explorer" in ex.widget._dom_classes and "clvkit-unit-economics" in ex.widget._dom_classes
    assert "clvkit-figures" in ex.figures._dom_classes and "clvkit-clv-view" in ex.clv_view._dom_classes
    for name in ("ua", "c1", "avp", "cogs", "apc", "cpa"):
        assert f"clvkit-control-{name}" in ex.controls[name]._dom_classes
        assert f"clvkit-readout-{name}" in ex.readouts[name]._dom_classes
    for key in ("clv-unit_economics", "clv-with_retention", "clv-with_retention_and_discounting"):
        assert f'data-key="{key}"' in ex.clv_view.value


# ------------------------------------------------------------------ the explorer, Russian
def test_in_russian_the_labels_are_russian_and_money_is_roubles_with_decimal_commas():
    ex = _explorer(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100, lang="ru")
    assert ex.currency == "RUB"
    assert ex.controls["c1"].description == "Конверсия в покупку (C1)"
    assert ex.controls["avp"].description == "Средний чек (AvP), ₽"
    assert ex.readouts["avp"].value == "3\u202f000\u00a0₽"
    assert ex.readouts["c1"].value == "5,0\u00a0%"
    assert "Маржинальная прибыль (CM)" in ex.headline.value and "200\u202f000\u00a0₽" in ex.headline.value
    assert "20,0\u00a0%" in ex.figures.value                        # ROMI = 200 000 / 1 000 000
    assert "Предельный CPA при ROMI 30\u00a0%" in ex.figures.value
    assert "92,31\u00a0₽" in ex.figures.value                       # 120 / 1.3
    assert "С удержанием и дисконтированием" in ex.clv_view.value
    shown = _shown_text(ex)
    assert "$" not in shown and "USD" not in shown
    assert not re.search(r"\d\.\d", shown)                          # no decimal points anywhere
    ex.controls["cpa"].value = 120
    assert "0,0\u00a0%" in ex.figures.value                         # at the break-even CPA ROMI is 0
    assert ex.readouts["cpa"].value == "120\u00a0₽"


def test_without_lang_the_explorer_follows_the_language_setting_and_its_currency():
    ck.set_language("ru")
    ex = _explorer()
    assert ex.lang == "ru" and ex.currency == "RUB"
    # starting values sized for roubles: a 3 000 ₽ order and 100 ₽ a user, not 30 ₽ and 1 ₽
    assert ex.state.avp == 3000 and ex.state.cpa == 100
    assert ex.controls["avp"].max >= 20_000
    ck.set_language("en")
    ex = _explorer()
    assert ex.lang == "en" and ex.currency == "USD" and ex.state.avp == 30
    assert ex.controls["avp"].description.endswith(", $")
    with language("ru", currency="EUR"):
        ex = _explorer()
    assert ex.currency == "EUR" and ex.state.avp == 30 and "€" in ex.headline.value


def test_the_chart_speaks_the_explorers_language():
    ex = _explorer(lang="ru")
    ax_buyer, ax_cm = ex.chart.axes
    assert ax_buyer.get_title() == "Один покупатель: ценность и стоимость привлечения"
    assert ax_cm.get_xlabel() == "CPA, ₽"
    assert [t.get_text() for t in ax_buyer.get_xticklabels()] == ["ARPPU", "+ удержание", "+ дисконтирование"]
    labels = [ax_cm.yaxis.get_major_formatter()(v, 0) for v in (-1_500_000.0, 2.5)]
    assert labels == ["−1\u202f500\u202f000", "2,50"]


def test_values_rebuild_the_explorer_in_the_other_language():
    ex = _explorer(lang="en", currency="RUB", c1=0.03, cpa=80)
    again = _explorer(lang="ru", **ex.values())
    assert again.state.result.economics.cm == pytest.approx(ex.state.result.economics.cm)


def test_every_known_currency_has_starting_values_of_its_own_size():
    from clvkit.i18n import CURRENCIES
    from clvkit.widgets.unit_economics import explorer_defaults

    dollars = explorer_defaults("USD")
    for code in CURRENCIES:
        values = explorer_defaults(code)
        ratio = values["avp"] / dollars["avp"]
        assert values["cpa"] == pytest.approx(dollars["cpa"] * ratio) and values["c1"] == dollars["c1"], code
    assert explorer_defaults("RUB")["avp"] == 3000 and explorer_defaults("₽")["cpa"] == 100
