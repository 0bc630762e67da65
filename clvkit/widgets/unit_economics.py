"""UnitEconomicsExplorer: the acquisition funnel on sliders, with CM, ROMI and the CLV view side by side.

The numbers are :mod:`clvkit.unit_economics` applied to the sliders' values:
:func:`~clvkit.unit_economics.unit_economics` for the funnel (buyers, ARPPU, ARPU, CAC,
contribution margin, ROMI), :func:`~clvkit.unit_economics.max_cpa` for the CPA ceilings
and :func:`~clvkit.unit_economics.compare_with_clv` for one buyer's value with retention
and discounting (months; the yearly discount rate is converted with
:func:`clvkit.units.rate_per_unit`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as w
import numpy as np
import pandas as pd
import traitlets as tr

from .. import unit_economics as ue
from ..i18n import (
    currency_symbol,
    format_money,
    format_number,
    format_percent,
    get_currency,
    resolve_lang,
    text,
)
from ..units import rate_per_unit
from ._base import MONEY_SCALE, Chart, Explorer, State, currency_code, figures_html, headline_html

__all__ = ["UnitEconomicsExplorer", "UnitEconomicsResult", "UnitEconomicsState", "explorer_defaults",
           "unit_economics_results"]

CLV_VIEW_CLASS = "clvkit-clv-view"

# Defaults and slider ranges in dollars, scaled by the currency's price level (MONEY_SCALE).
_MONEY_DEFAULTS = {"avp": 30.0, "cogs": 18.0, "cpa": 1.0}
# (low, high, step) in dollars
_MONEY_RANGES = {"avp": (1.0, 300.0, 1.0), "cogs": (0.0, 300.0, 1.0), "cpa": (0.05, 20.0, 0.05)}
_OTHER_DEFAULTS = {"ua": 10_000.0, "c1": 0.05, "apc": 2.0, "retention": 0.9, "annual_discount_rate": 0.1}


def explorer_defaults(currency: str | None = None, lang: str | None = None) -> dict:
    """The explorer's starting values in `currency` (the current one when omitted).

    Examples
    --------
    >>> explorer_defaults("RUB")["avp"], explorer_defaults("USD")["avp"]
    (3000.0, 30.0)
    """
    scale = MONEY_SCALE[currency_code(currency, lang)]
    return {**_OTHER_DEFAULTS, **{k: v * scale for k, v in _MONEY_DEFAULTS.items()}}


@dataclass(frozen=True)
class UnitEconomicsResult:
    """Everything the UnitEconomicsExplorer shows, computed from its inputs."""

    economics: ue.UnitEconomics
    clv: pd.DataFrame  # compare_with_clv: one buyer as unit economics, + retention, + discounting
    discount_rate: float  # per month
    target_romi: float
    target_cpa: float  # the CPA ceiling for target_romi
    cpa_grid: np.ndarray
    cm_curve: np.ndarray  # contribution margin at each CPA of cpa_grid


def unit_economics_results(*, ua, c1, avp, cogs, apc, cpa, retention, annual_discount_rate, periods=12,
                           target_romi=0.3) -> UnitEconomicsResult:
    """The UnitEconomicsExplorer's numbers from its inputs (public clvkit functions, no widgets).

    Parameters
    ----------
    ua, c1, avp, cogs, apc, cpa : float
        The funnel, as in :func:`clvkit.unit_economics.unit_economics`; APC counts the
        purchases of a buyer over `periods` months.
    retention : float
        Share of buyers still buying the next month, in [0, 1].
    annual_discount_rate : float
        Discount rate a year; converted to a month.
    periods : int
        The horizon in months over which APC is counted.
    target_romi : float
        The ROMI for the second CPA ceiling (0.3 for 30 %).

    Returns
    -------
    UnitEconomicsResult

    Examples
    --------
    >>> r = unit_economics_results(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100,
    ...                            retention=0.8, annual_discount_rate=0.0)
    >>> r.economics.cm, round(r.target_cpa, 2)
    (200000.0, 92.31)
    """
    economics = ue.unit_economics(ua=ua, c1=c1, avp=avp, cogs=cogs, apc=apc, cpa=cpa)
    d = rate_per_unit(float(annual_discount_rate), "M")
    clv = ue.compare_with_clv(avp=avp, cogs=cogs, apc=apc, periods=int(periods), retention=retention,
                              discount_rate=d, cac=economics.cac)
    target_cpa = ue.max_cpa(c1=c1, arppu=economics.arppu, target_romi=target_romi)
    top = max(2.0 * max(economics.break_even_cpa, 0.0), 1.5 * float(cpa))
    grid = np.linspace(0.0, top, 41)
    curve = ue.contribution_margin(ua=ua, arpu=np.full_like(grid, economics.arpu), cpa=grid)
    return UnitEconomicsResult(economics=economics, clv=clv, discount_rate=d, target_romi=float(target_romi),
                               target_cpa=float(target_cpa), cpa_grid=grid, cm_curve=np.asarray(curve))


class UnitEconomicsState(State):
    """The UnitEconomicsExplorer's inputs as traits; ``result`` is recomputed whenever one changes.

    Examples
    --------
    >>> s = UnitEconomicsState(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100)
    >>> s.c1 = 0.06
    >>> s.result.economics.cm      # 10 000 × (0.06 × 2 400 − 100)
    440000.0
    """

    ua = tr.Float(10_000.0)
    c1 = tr.Float(0.05)
    avp = tr.Float(30.0)
    cogs = tr.Float(18.0)
    apc = tr.Float(2.0)
    cpa = tr.Float(1.0)
    retention = tr.Float(0.9)
    annual_discount_rate = tr.Float(0.1)
    periods = tr.Int(12)
    target_romi = tr.Float(0.3)
    result = tr.Instance(UnitEconomicsResult, allow_none=True)

    INPUTS = ("ua", "c1", "avp", "cogs", "apc", "cpa", "retention", "annual_discount_rate", "periods",
              "target_romi")

    def compute(self) -> UnitEconomicsResult:
        """The result for the current inputs."""
        return unit_economics_results(**self.inputs())


def _nice_top(value: float) -> float:
    """A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above `value`.

    Limits on this coarse grid rarely move as a slider moves, so the chart's static part is
    seldom redrawn.
    """
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for mult in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if value <= mult * power * (1 + 1e-12):
            return float(mult * power)
    return float(10.0 * power)


class UnitEconomicsExplorer(Explorer):
    """Sliders for UA, C1, AvP, COGS, APC and CPA -> contribution margin, ROMI and the CLV view.

    Parameters
    ----------
    ua, c1, avp, cogs, apc, cpa : float, optional
        Starting values of the funnel; money defaults follow the currency (3 000 ₽ or $30
        for AvP), see :func:`explorer_defaults`.
    retention : float, optional
        Share of buyers still buying the next month (the CLV view).
    annual_discount_rate : float, optional
        Discount rate a year (the CLV view).
    periods : int, optional
        Months over which APC is counted (default 12).
    target_romi : float, optional
        ROMI for the second CPA ceiling (default 0.3).
    currency : str, optional
        Currency of the money figures; the current one when omitted (roubles in Russian).
    lang : {"en", "ru"}, optional
        Language; the current setting when omitted.

    Attributes
    ----------
    state : UnitEconomicsState
        The numbers; set its traits (or the controls) to change them.
    controls : dict of str -> ipywidgets slider
    readouts : dict of str -> ipywidgets.HTML
        Each slider's value written the reader's way (decimal comma, ₽).
    widget : ipywidgets.VBox
        The view, to display.

    Examples
    --------
    >>> from clvkit.widgets import UnitEconomicsExplorer
    >>> UnitEconomicsExplorer(lang="ru").widget           # doctest: +SKIP
    """

    def __init__(self, *, ua=None, c1=None, avp=None, cogs=None, apc=None, cpa=None, retention=None,
                 annual_discount_rate=None, periods=12, target_romi=0.3, currency=None, lang=None):
        self.lang = resolve_lang(lang)
        self.currency = currency_code(currency, self.lang)
        lang, scale = self.lang, MONEY_SCALE[self.currency]
        given = {"ua": ua, "c1": c1, "avp": avp, "cogs": cogs, "apc": apc, "cpa": cpa, "retention": retention,
                 "annual_discount_rate": annual_discount_rate}
        defaults = explorer_defaults(self.currency)
        start = {k: float(v) if v is not None else defaults[k] for k, v in given.items()}
        self.state = UnitEconomicsState(**start, periods=int(periods), target_romi=float(target_romi))
        symbol = currency_symbol(self.currency, lang)
        money = lambda key: text("unit_economics.explorer.money_control", lang,  # noqa: E731
                                 label=text(f"unit_economics.explorer.{key}", lang), symbol=symbol)
        ranges = {k: tuple(x * scale for x in r) for k, r in _MONEY_RANGES.items()}
        specs = {
            "ua": (text("unit_economics.explorer.ua", lang), 100.0, 100_000.0, 100.0, "count"),
            "c1": (text("unit_economics.explorer.c1", lang), 0.001, 0.5, 0.001, "pct1"),
            "avp": (money("avp"), *ranges["avp"], "money"),
            "cogs": (money("cogs"), *ranges["cogs"], "money"),
            "apc": (text("unit_economics.explorer.apc", lang), 1.0, 20.0, 0.1, "num1"),
            "cpa": (money("cpa"), *ranges["cpa"], "money"),
            "retention": (text("unit_economics.explorer.retention", lang, per=text("per.M", lang)),
                          0.0, 0.99, 0.01, "pct0"),
            "annual_discount_rate": (text("unit_economics.explorer.annual_discount_rate", lang),
                                     0.0, 0.5, 0.01, "pct0"),
        }
        self.controls, self.readouts, self._kinds, rows = {}, {}, {}, []
        for name, (description, low, high, step, kind) in specs.items():
            value = start[name]
            control = w.FloatSlider(value=value, min=min(low, value), max=max(high, value), step=step,
                                    description=description, readout=False, continuous_update=True,
                                    style={"description_width": "290px"}, layout=w.Layout(width="520px"))
            control.add_class(f"clvkit-control-{name}")
            readout = w.HTML(layout=w.Layout(width="110px"))
            readout.add_class(f"clvkit-readout-{name}")
            w.link((control, "value"), (self.state, name))
            self.controls[name], self.readouts[name], self._kinds[name] = control, readout, kind
            rows.append(w.HBox([control, readout]))
        self.chart = Chart(ncols=2, figsize=(10.0, 3.6))
        self.headline = w.HTML()
        self.headline.add_class("clvkit-headline")
        self.figures = w.HTML()
        self.figures.add_class("clvkit-figures")
        self.clv_view = w.HTML()
        self.clv_view.add_class(CLV_VIEW_CLASS)
        heading = html.escape(text("unit_economics.explorer.title", lang))
        title = w.HTML(f"<h3 style='margin:4px 0'>{heading}</h3>")
        left = w.VBox(rows, layout=w.Layout(min_width="640px", flex="0 0 auto"))
        right = w.VBox([self.headline, self.figures, self.clv_view], layout=w.Layout(padding="0 0 0 18px"))
        self.widget = w.VBox([title, w.HBox([left, right]), self.chart.image])
        self.widget.add_class("clvkit-explorer")
        self.widget.add_class("clvkit-unit-economics")
        self._draw()
        self.state.observe(self.refresh, names="result")
        self.refresh()

    # ------------------------------------------------------------------ formatting
    def _money(self, value: float) -> str:
        decimals = 0 if abs(value) >= 100 else 2
        return format_money(value, self.lang, currency=self.currency, decimals=decimals)

    def _readout(self, name: str, value: float) -> str:
        kind, lang = self._kinds[name], self.lang
        if kind == "count":
            return format_number(value, lang, decimals=0)
        if kind.startswith("pct"):
            return format_percent(value, lang, decimals=int(kind[3:]))
        if kind.startswith("num"):
            return format_number(value, lang, decimals=int(kind[3:]))
        return self._money(value)

    # ------------------------------------------------------------------ view
    def _draw(self) -> None:
        from matplotlib.ticker import FuncFormatter

        lang, symbol = self.lang, currency_symbol(self.currency, self.lang)
        ax_buyer, ax_cm = self.chart.axes
        ticks = FuncFormatter(
            lambda v, _pos: format_number(v, lang, decimals=0 if abs(v) >= 10 or v == int(v) else 2))
        names = [text(f"unit_economics.explorer.bar_{k}", lang)
                 for k in ("arppu", "retention", "discounting")]
        self.bars = list(ax_buyer.bar(range(3), [0.0, 0.0, 0.0], color=["#4c72b0", "#55a868", "#8172b2"]))
        for bar, key in zip(self.bars, ue._VIEWS):
            bar.set_gid(f"clv-{key}")
        ax_buyer.set_xticks(range(3), names, fontsize=8)  # the Russian names are long
        self.cac_line = ax_buyer.axhline(0.0, color="#c44e52", lw=2, gid="cac",
                                         label=text("unit_economics.explorer.cac_line", lang))
        ax_buyer.legend(loc="upper right", frameon=False)
        ax_buyer.set_title(text("unit_economics.explorer.chart_buyer", lang))
        ax_buyer.set_ylabel(text("unit_economics.explorer.axis_money", lang,
                                 what=text("unit_economics.metric.arppu", lang), symbol=symbol))
        ax_buyer.yaxis.set_major_formatter(ticks)
        (self.cm_line,) = ax_cm.plot([], [], color="#4c72b0", lw=2, gid="cm")
        ax_cm.axhline(0.0, color="#888888", lw=1)
        self.break_even_line = ax_cm.axvline(0.0, color="#c44e52", ls="--", lw=1, gid="break-even",
                                             label=text("unit_economics.explorer.break_even", lang))
        (self.now_point,) = ax_cm.plot([], [], "o", color="#dd8452", ms=8, gid="now",
                                       label=text("unit_economics.explorer.now", lang))
        ax_cm.legend(loc="upper right", frameon=False)
        ax_cm.set_title(text("unit_economics.explorer.chart_cm", lang))
        ax_cm.set_xlabel(text("unit_economics.explorer.axis_money", lang, what="CPA", symbol=symbol))
        ax_cm.set_ylabel(text("unit_economics.explorer.axis_money", lang, what="CM", symbol=symbol))
        ax_cm.xaxis.set_major_formatter(ticks)
        ax_cm.yaxis.set_major_formatter(ticks)
        self.chart.set_dynamic([*self.bars, self.cac_line, self.cm_line, self.break_even_line,
                                self.now_point])

    def _update(self) -> None:
        r, s, lang = self.state.result, self.state, self.lang
        e = r.economics
        for name, readout in self.readouts.items():
            readout.value = html.escape(self._readout(name, getattr(s, name)))
        explorer_text = lambda key: text(f"unit_economics.explorer.{key}", lang)  # noqa: E731
        self.headline.value = headline_html(explorer_text("cm"), self._money(e.cm), key="cm")
        self.figures.value = figures_html([
            ("romi", explorer_text("romi"), format_percent(e.romi, lang)),
            ("buyers", explorer_text("buyers"), format_number(e.buyers, lang, decimals=0)),
            ("arppu", explorer_text("arppu"), self._money(e.arppu)),
            ("arpu", explorer_text("arpu"), self._money(e.arpu)),
            ("cac", explorer_text("cac"), self._money(e.cac)),
            ("ltv_cac", explorer_text("ltv_cac"), format_number(e.ltv_cac, lang, decimals=2)),
            ("break_even_cpa", explorer_text("break_even_cpa"), self._money(e.break_even_cpa)),
            ("target_cpa", text("unit_economics.explorer.target_cpa", lang, target=r.target_romi),
             self._money(r.target_cpa)),
        ])
        clv = r.clv
        title = text("unit_economics.explorer.clv_title", lang, n=s.periods)
        self.clv_view.value = (
            '<div class="clvkit-clv-view-title" style="margin-top:8px;font-weight:600">'
            f"{html.escape(title)}</div>"
            + figures_html([(f"clv-{k}", text(f"unit_economics.view.{k}", lang),
                             self._money(clv.loc[k, "value"])) for k in clv.index]
                           + [("clv-ltv_cac", explorer_text("clv_ltv_cac"),
                               format_number(clv.loc["with_retention_and_discounting", "ltv_cac"], lang,
                                             decimals=2))])
        )
        ax_buyer, ax_cm = self.chart.axes
        values = clv["value"].to_numpy(dtype=float)
        for bar, value in zip(self.bars, values):
            bar.set_height(value)
        self.cac_line.set_ydata([e.cac, e.cac])
        low = min(0.0, float(values.min()))
        ax_buyer.set_ylim(-_nice_top(-low * 1.1) if low < 0 else 0.0,
                          _nice_top(max(float(values.max()), e.cac) * 1.1))
        self.cm_line.set_data(r.cpa_grid, r.cm_curve)
        self.break_even_line.set_xdata([e.break_even_cpa, e.break_even_cpa])
        self.now_point.set_data([e.cpa], [e.cm])
        ax_cm.set_xlim(0.0, _nice_top(float(r.cpa_grid[-1])))
        span = _nice_top(float(np.abs(r.cm_curve).max()) * 1.05)
        ax_cm.set_ylim(-span if r.cm_curve.min() < 0 else 0.0, span)

    def values(self) -> dict:
        """The current inputs, e.g. to rebuild the explorer in another language."""
        return self.state.inputs()
