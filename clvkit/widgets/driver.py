"""DriverExplorer: the CLV formula's drivers on sliders, with CLV, LTV:CAC, payback and a tornado.

The numbers are :mod:`clvkit.formulas` applied to the sliders' values:
``margin per period = aov * purchases * margin``, CLV = :func:`~clvkit.formulas.dcf_clv`
over the horizon (first margin one period after acquisition), LTV:CAC, payback period,
the CAC ceiling at LTV:CAC = 3, the cumulative value curve and the elasticities tornado.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import traitlets as tr

from .. import formulas
from ..i18n import format_money, format_number, label, per_unit_label, short_unit_label, unit_label
from ..units import rate_per_unit
from ._base import Chart, Explorer, State, figures_html, headline_html, money_scale, nice_bounds, slider, with_unit

__all__ = ["DriverExplorer", "DriverResult", "DriverState", "driver_results"]


@dataclass(frozen=True)
class DriverResult:
    """Everything the DriverExplorer shows, computed from its inputs."""

    margin_per_period: float
    discount_rate: float  # per period
    clv: float
    ltv_cac: float
    payback: float
    max_cac: float
    cumulative: pd.DataFrame
    tornado: pd.DataFrame


def driver_results(*, aov, purchases_per_period, margin, retention, annual_discount_rate, horizon, cac,
                   time_unit: str = "M") -> DriverResult:
    """The DriverExplorer's numbers from its inputs (plain clvkit.formulas, no widgets).

    Parameters
    ----------
    aov : float
        Average order value.
    purchases_per_period : float
        Purchases per customer per period.
    margin : float
        Gross margin fraction.
    retention : float
        Retention rate per period.
    annual_discount_rate : float
        Discount rate a year; converted to the period with :func:`clvkit.units.rate_per_unit`.
    horizon : int
        Periods counted in the CLV.
    cac : float
        Acquisition cost per customer.
    time_unit : str
        Length of a period ("M" by default).

    Returns
    -------
    DriverResult

    Examples
    --------
    >>> r = driver_results(aov=50, purchases_per_period=2, margin=0.3, retention=0.8,
    ...                    annual_discount_rate=0.0, horizon=3, cac=20)
    >>> round(r.clv, 2)     # 30 * (0.8 + 0.64 + 0.512)
    58.56
    """
    d = rate_per_unit(float(annual_discount_rate), time_unit)
    m = float(aov) * float(purchases_per_period) * float(margin)
    periods = int(horizon)
    clv = formulas.dcf_clv(m, retention, d, periods=periods)
    return DriverResult(
        margin_per_period=m,
        discount_rate=d,
        clv=clv,
        ltv_cac=formulas.ltv_cac_ratio(clv, cac),
        payback=formulas.payback_period(m, cac, retention=retention, discount_rate=d, max_periods=max(periods, 1)),
        max_cac=formulas.max_acquisition_cost(clv),
        cumulative=formulas.cumulative_value(m, retention, d, periods=periods),
        tornado=formulas.clv_elasticities(aov=aov, purchases_per_period=purchases_per_period, margin=margin,
                                          retention=retention, discount_rate=d, periods=periods),
    )


class DriverState(State):
    """The DriverExplorer's inputs as traits; ``result`` is recomputed whenever one changes.

    Examples
    --------
    >>> s = DriverState(aov=50, purchases_per_period=2, margin=0.3, retention=0.8,
    ...                 annual_discount_rate=0.0, horizon=3, cac=20)
    >>> s.aov = 100
    >>> round(s.result.clv, 2)
    117.12
    """

    aov = tr.Float(50.0)
    purchases_per_period = tr.Float(1.0)
    margin = tr.Float(0.3)
    retention = tr.Float(0.8)
    annual_discount_rate = tr.Float(0.1)
    horizon = tr.Int(36)
    cac = tr.Float(40.0)
    time_unit = tr.Unicode("M")
    result = tr.Instance(DriverResult, allow_none=True)

    INPUTS = ("aov", "purchases_per_period", "margin", "retention", "annual_discount_rate", "horizon", "cac")

    def compute(self) -> DriverResult:
        return driver_results(time_unit=self.time_unit, **self.inputs())


class DriverExplorer(Explorer):
    """Sliders for the drivers of CLV -> CLV, LTV:CAC, payback, cumulative value and a tornado.

    Parameters
    ----------
    aov, purchases_per_period, margin, retention, annual_discount_rate, horizon, cac : float
        Initial values (see :func:`driver_results`); `horizon` in periods. `aov` and `cac`
        default to 50 and 40 dollars' worth of the currency (5 000 ₽ and 4 000 ₽), and their
        sliders reach 500 and 1 000 dollars' worth (``_base.MONEY_SCALE``).
    time_unit : str
        Length of a period ("M": purchases per month, monthly retention, horizon in months).
    currency : str, optional
        Currency of the amounts (ISO code or symbol); the current currency when None.
    lang : {"en", "ru"}, optional
        The current language when None.

    Attributes
    ----------
    state : DriverState
        The numbers; set its traits (or the controls) to change them.
    controls : dict of str -> ipywidgets slider
    widget : ipywidgets.VBox
        The view, to display.

    Examples
    --------
    >>> from clvkit.widgets import DriverExplorer
    >>> ex = DriverExplorer(aov=60, lang="ru")     # doctest: +SKIP
    >>> ex.widget                                  # doctest: +SKIP
    """

    def __init__(self, *, aov=None, purchases_per_period=1.0, margin=0.3, retention=0.8, annual_discount_rate=0.1,
                 horizon=36, cac=None, time_unit="M", currency=None, lang=None):
        self.lang = lang = self._check_lang(lang)
        self.currency = currency
        # money ranges and defaults in the page's currency: 50 $ or 5 000 ₽ to start, up to 500 $ or 50 000 ₽
        scale = money_scale(currency, lang)
        aov = 50.0 * scale if aov is None else aov
        cac = 40.0 * scale if cac is None else cac
        self.state = DriverState(aov=aov, purchases_per_period=purchases_per_period, margin=margin,
                                 retention=retention, annual_discount_rate=annual_discount_rate, horizon=int(horizon),
                                 cac=cac, time_unit=time_unit)
        u = time_unit
        per = per_unit_label(u, lang)
        c = self._money_unit()
        self.controls = {
            "aov": slider("float", lang=lang, value=aov, low=1 * scale, high=500 * scale, step=1 * scale, fmt=".0f", name="aov",
                          description=with_unit('driver.aov', c, lang)),
            "purchases_per_period": slider("float", lang=lang, value=purchases_per_period, low=0.1, high=10, step=0.1,
                                           fmt=".1f", name="purchases_per_period",
                                           description=f"{label('driver.purchases_per_period', lang)}, {per}"),
            "margin": slider("float", lang=lang, value=margin, low=0.01, high=1.0, step=0.01, fmt=".0%", name="margin",
                             description=label("driver.margin", lang)),
            "retention": slider("float", lang=lang, value=retention, low=0.01, high=0.99, step=0.01, fmt=".0%",
                                name="retention", description=f"{label('driver.retention', lang)}, {per}"),
            "annual_discount_rate": slider("float", lang=lang, value=annual_discount_rate, low=0.0, high=0.5, step=0.01,
                                           fmt=".0%", name="annual_discount_rate",
                                           description=label("driver.annual_discount_rate", lang)),
            "horizon": slider("int", lang=lang, value=int(horizon), low=1, high=120, step=1, name="horizon",
                              description=with_unit('driver.horizon', unit_label(u, lang), lang)),
            "cac": slider("float", lang=lang, value=cac, low=0, high=1000 * scale, step=5 * scale, fmt=".0f", name="cac",
                          description=with_unit('driver.cac', c, lang)),
        }
        import ipywidgets as w

        for name, control in self.controls.items():
            w.link((control, "value"), (self.state, name))
        chart = Chart(ncols=2, figsize=(10.0, 3.6))
        self._build_view(title_key="app.tab.drivers", controls=list(self.controls.values()), chart=chart)
        self._draw()
        self.state.observe(self.refresh, names="result")
        self.refresh()

    # ------------------------------------------------------------------ view
    def _draw(self) -> None:
        from ..plots import plot_cumulative_value, plot_tornado

        r = self.state.result
        ax_value, ax_tornado = self.chart.axes
        plot_cumulative_value(r.cumulative, cac=self.state.cac, currency=self.currency,
                              time_unit=self.state.time_unit, ax=ax_value, lang=self.lang)
        plot_tornado(r.tornado, currency=self.currency, ax=ax_tornado, lang=self.lang)
        self.line = next(a for a in ax_value.lines if a.get_gid() == "cumulative")
        self.cac_line = next(a for a in ax_value.lines if a.get_gid() == "cac")
        bars = [p for p in ax_tornado.patches if p.get_gid() in ("tornado-low", "tornado-high")]
        base = [a for a in ax_tornado.lines if a.get_gid() == "tornado-base"]
        self.chart.set_dynamic([self.line, self.cac_line, *bars, *base])

    def _update(self) -> None:
        from ..plots import update_tornado

        r, s, lang = self.state.result, self.state, self.lang
        money = lambda v: format_money(v, lang, currency=self.currency)
        self.headline.value = headline_html(label("result.clv", lang), money(r.clv), key="clv")
        payback = (label("result.never", lang) if math.isinf(r.payback)
                   else f"{format_number(r.payback, lang, decimals=1)} {short_unit_label(s.time_unit, lang)}")
        self.figures.value = figures_html([
            ("margin_per_period", f"{label('result.margin_per_period', lang)}, {per_unit_label(s.time_unit, lang)}",
             money(r.margin_per_period)),
            ("ltv_cac", label("result.ltv_cac", lang), format_number(r.ltv_cac, lang, decimals=2)),
            ("payback", label("result.payback", lang), payback),
            ("max_cac", label("result.max_cac", lang), money(r.max_cac)),
        ])
        ax_value, ax_tornado = self.chart.axes
        t = r.cumulative.index.to_numpy(dtype=float)
        y = r.cumulative["cumulative"].to_numpy(dtype=float)
        self.line.set_data(t, y)
        self.cac_line.set_ydata([s.cac, s.cac])
        ax_value.set_xlim(*nice_bounds(0.0, t[-1] + 1, include_zero=True))
        ax_value.set_ylim(*nice_bounds(0.0, max(float(y.max()), float(s.cac)) * 1.05, include_zero=True))
        update_tornado(ax_tornado, r.tornado, lang=lang)
        table = r.tornado
        ends = np.concatenate([table["clv_low"].to_numpy(float), table["clv_high"].to_numpy(float)])
        ax_tornado.set_xlim(*nice_bounds(float(np.nanmin(ends[np.isfinite(ends)])) * 0.98,
                                         float(np.nanmax(ends[np.isfinite(ends)])) * 1.02))
