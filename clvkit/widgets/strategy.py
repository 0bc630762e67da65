"""StrategySimulator widget: strategy levers on a fitted customer base -> uplift, ROI, break-even, waterfall.

The numbers come from :class:`clvkit.strategy.StrategySimulator` (the engine): each
slider sets a lever of a :class:`clvkit.strategy.Strategy`, and the engine's
:class:`~clvkit.strategy.StrategyResult` gives the CLV uplift, ROI, break-even cost
and the waterfall steps. The engine caches expected purchases per churn/frequency
setting, so the churn and frequency sliders move on a 5 % grid: each setting is
computed once, and the other levers are arithmetic on arrays.
"""

from __future__ import annotations

import math

import numpy as np
import traitlets as tr

from ..i18n import format_money, format_number, format_percent, label
from ..strategy import Strategy, StrategyResult
from ..strategy import StrategySimulator as _Engine
from ._base import Chart, Explorer, State, figures_html, headline_html, nice_bounds, slider, with_unit

__all__ = ["StrategySimulator", "StrategyState", "cdnow_base", "strategy_for"]

EVERYONE = "__everyone__"


def cdnow_base(*, horizon="1 year", annual_discount_rate=0.1, margin=0.3, currency="USD") -> _Engine:
    """The CDNOW customer base as a strategy engine: BG/NBD and Gamma-Gamma fitted, RFM segments.

    Parameters
    ----------
    horizon : str or float
        CLV horizon (default one year).
    annual_discount_rate : float
    margin : float
        Share of revenue kept (default 30 %).
    currency : {"USD", "RUB"}
        The sample's amounts in dollars, or in roubles at the course's fixed rate
        (:func:`clvkit.datasets.in_currency`).

    Returns
    -------
    clvkit.strategy.StrategySimulator
    """
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD, GammaGamma
    from ..segments import rfm_segments

    summary = load_cdnow_summary(currency=currency)
    transactions = BGNBD().fit(summary)
    spend = GammaGamma().fit(summary[summary["frequency"] > 0])
    segments = rfm_segments(summary)["segment"].astype(str)
    return _Engine(transactions, spend, summary, horizon=horizon, annual_discount_rate=annual_discount_rate,
                   margin=margin, segments=segments)


def strategy_for(*, churn_reduction=0.0, frequency_lift=0.0, aov_lift=0.0, margin_change=0.0, cost_once=0.0,
                 take_up=1.0, target=None) -> Strategy:
    """The :class:`~clvkit.strategy.Strategy` of the simulator's slider values (plain, no widgets).

    A churn reduction of 0.2 is ``churn_change=-0.2``; the other levers map one to one.
    """
    return Strategy(churn_change=-float(churn_reduction), frequency_change=float(frequency_lift),
                    aov_change=float(aov_lift), margin_change=float(margin_change), cost_once=float(cost_once),
                    take_up=float(take_up), target=None if target in (None, "", EVERYONE) else str(target))


class StrategyState(State):
    """Lever values; ``result`` is the engine's StrategyResult for them."""

    churn_reduction = tr.Float(0.1)
    frequency_lift = tr.Float(0.0)
    aov_lift = tr.Float(0.05)
    margin_change = tr.Float(0.0)
    cost_once = tr.Float(0.5)
    take_up = tr.Float(0.3)
    target = tr.Unicode(EVERYONE)
    result = tr.Instance(StrategyResult, allow_none=True)

    INPUTS = ("churn_reduction", "frequency_lift", "aov_lift", "margin_change", "cost_once", "take_up", "target")

    def __init__(self, engine: _Engine, **kwargs):
        self.engine = engine
        super().__init__(**kwargs)

    @property
    def strategy(self) -> Strategy:
        """The lever values as a :class:`clvkit.strategy.Strategy`."""
        return strategy_for(**self.inputs())

    def compute(self) -> StrategyResult:
        return self.engine.evaluate(self.strategy)


class StrategySimulator(Explorer):
    """Levers (churn, frequency, order value, margin, cost, target, take-up) on a customer base.

    Parameters
    ----------
    engine : clvkit.strategy.StrategySimulator, optional
        The fitted customer base; default :func:`cdnow_base` (CDNOW, BG/NBD + Gamma-Gamma).
    churn_reduction, frequency_lift, aov_lift, margin_change, cost_once, take_up : float
        Initial lever values (shares: 0.1 is 10 %; `cost_once` in the currency).
    target : str, optional
        Segment offered the program (None: everyone).
    currency : str, optional
        Currency of the amounts; the current currency when None.
    lang : {"en", "ru"}, optional
        The current language when None.
    base_label : str, optional
        A line above the levers naming the customer base (the app names the upload or the sample).
    labels : dict, optional
        Text overriding a control's description (keys as in ``controls``) or the headline's
        title (key ``"headline"``).
    cost_max : float
        Top of the cost slider, in the currency (a rouble base needs a wider range than a dollar one).

    Attributes
    ----------
    state : StrategyState
    controls : dict
    widget : ipywidgets.VBox
    """

    def __init__(self, engine: _Engine | None = None, *, churn_reduction=0.1, frequency_lift=0.0, aov_lift=0.05,
                 margin_change=0.0, cost_once=0.5, take_up=0.3, target=None, currency=None, lang=None,
                 base_label=None, labels=None, cost_max=50.0):
        import ipywidgets as w

        self.lang = lang = self._check_lang(lang)
        self.currency = currency
        self.engine = cdnow_base() if engine is None else engine
        self.state = StrategyState(self.engine, churn_reduction=churn_reduction, frequency_lift=frequency_lift,
                                   aov_lift=aov_lift, margin_change=margin_change, cost_once=cost_once,
                                   take_up=take_up, target=target or EVERYONE)
        from ..plots import segment_name

        segments = [] if self.engine.segments is None else sorted(self.engine.segments.astype(str).unique())
        options = [(label("strategy.everyone", lang), EVERYONE)] + [(segment_name(s, lang), s) for s in segments]
        c = self._money_unit()
        self.controls = {
            "churn_reduction": slider("float", lang=lang, value=churn_reduction, low=0.0, high=0.5, step=0.05, fmt=".0%",
                                      name="churn_reduction", description=label("strategy.retention", lang)),
            "frequency_lift": slider("float", lang=lang, value=frequency_lift, low=0.0, high=0.5, step=0.05, fmt=".0%",
                                     name="frequency_lift", description=label("strategy.frequency", lang)),
            "aov_lift": slider("float", lang=lang, value=aov_lift, low=-0.2, high=0.5, step=0.01, fmt=".0%", name="aov_lift",
                               description=label("strategy.aov", lang)),
            "margin_change": slider("float", lang=lang, value=margin_change, low=-0.2, high=0.2, step=0.01, fmt=".0%",
                                    name="margin_change", description=label("lever.margin", lang).capitalize()),
            "cost_once": slider("float", lang=lang, value=cost_once, low=0.0, high=float(cost_max), step=float(cost_max) / 100,
                                fmt=".1f", name="cost_once", description=with_unit('strategy.cost', c, lang)),
            "take_up": slider("float", lang=lang, value=take_up, low=0.0, high=1.0, step=0.05, fmt=".0%", name="take_up",
                              description=label("strategy.take_up", lang)),
            "target": w.Dropdown(options=options, value=self.state.target, description=label("strategy.target", lang),
                                 style={"description_width": "240px"}, layout=w.Layout(width="500px")),
        }
        self.labels = dict(labels or {})
        for name, control in self.controls.items():
            if name in self.labels:
                control.description = self.labels[name]
            w.link((control, "value"), (self.state, name))
        self._build_view(title_key="app.tab.strategy", controls=list(self.controls.values()),
                         chart=Chart(figsize=(9.0, 3.6)))
        if base_label:
            import html

            self.base = w.HTML(f"<div class='clvkit-strategy-base' style='margin:2px 0 8px;color:#333'>"
                               f"{html.escape(base_label)}</div>")
            self.widget.children = (self.widget.children[0], self.base, *self.widget.children[1:])
        self._draw()
        self.state.observe(self.refresh, names="result")
        self.refresh()

    def _draw(self) -> None:
        from ..plots import plot_uplift_waterfall

        ax = self.chart.axes[0]
        plot_uplift_waterfall(self.state.result.waterfall(), currency=self.currency, ax=ax, lang=self.lang)
        dynamic = [p for p in ax.patches if p.get_gid() == "waterfall"]
        dynamic += [t for t in ax.texts if t.get_gid() == "waterfall-label"]
        self.chart.set_dynamic(dynamic)

    def _update(self) -> None:
        from ..plots import draw_waterfall, normalize_waterfall

        r, lang = self.state.result, self.lang
        money = lambda v, d=0: format_money(v, lang, currency=self.currency, decimals=d)
        self.headline.value = headline_html(self.labels.get("headline", label("result.uplift", lang)),
                                            money(r.net_uplift), key="uplift")
        roi = r.roi
        self.figures.value = figures_html([
            ("roi", label("result.roi", lang), format_percent(roi, lang, decimals=0) if math.isfinite(roi) else "–"),
            ("break_even_cost", label("result.break_even_cost", lang), money(r.break_even_cost, 2)),
            ("participants", label("strategy.participants", lang), format_number(r.participants, lang, decimals=0)),
            ("program_cost", label("result.campaign_cost", lang), money(r.program_cost)),
            ("equity", label("strategy.before_after", lang), f"{money(r.clv_before)} → {money(r.clv_after)}"),
        ])
        ax = self.chart.axes[0]
        table = normalize_waterfall(r.waterfall())
        draw_waterfall(ax, table, lang=lang, currency=self.currency, rescale=False)
        # The base and total bars start at zero; the levels that matter are their tops and the steps' ends.
        steps = table["kind"].isin(["up", "down"]).to_numpy()
        levels = np.concatenate([table["end"].to_numpy(float), table["start"].to_numpy(float)[steps]])
        lo, hi = levels.min(), levels.max()
        # Zoomed to the steps: on an axis from zero the changes (a percent of the base) are invisible slivers.
        pad = 0.15 * (float(hi) - float(lo)) or 0.01 * abs(float(hi)) or 1.0
        ax.set_ylim(*nice_bounds(float(lo) - pad, float(hi) + pad, include_zero=False))

    def values(self) -> dict:
        """The current lever values."""
        out = self.state.inputs()
        out["target"] = None if out["target"] == EVERYONE else out["target"]
        return out
