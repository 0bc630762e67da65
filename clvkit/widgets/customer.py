"""CustomerExplorer: one customer under a fitted model -> P(alive), expected purchases, spend and CLV.

The numbers come from the fitted models' public methods (``probability_alive``,
``predict_purchases``, ``expected_spend``) and :func:`clvkit.customer_lifetime_value`
applied to a one-row summary; the chart is the P(alive) matrix of
:func:`clvkit.diagnostics.probability_alive_matrix` with the customer marked on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import traitlets as tr

from ..diagnostics import probability_alive_matrix
from ..i18n import format_money, format_number, format_percent, label, short_unit_label, unit_label
from ..valuation import customer_lifetime_value
from ._base import Chart, Explorer, State, figures_html, headline_html, money_scale, slider, with_unit

__all__ = ["CustomerExplorer", "CustomerResult", "CustomerState", "customer_results"]


@dataclass(frozen=True)
class CustomerResult:
    """What the CustomerExplorer shows for one customer."""

    frequency: float
    recency: float
    T: float
    p_alive: float
    expected_purchases: float
    expected_spend: float
    clv: float


def _one_row(frequency, recency, T, monetary_value, time_unit) -> pd.DataFrame:
    f = float(frequency)
    r = 0.0 if f == 0 else min(float(recency), float(T))  # a customer's last purchase is within their age
    frame = pd.DataFrame({"frequency": [f], "recency": [r], "T": [float(T)],
                          "monetary_value": [float(monetary_value) if f > 0 else 0.0]})
    frame.attrs["time_unit"] = time_unit
    return frame


def customer_results(transaction_model, spend_model, *, frequency, recency, T, monetary_value, horizon,
                     annual_discount_rate=0.1, margin=1.0) -> CustomerResult:
    """P(alive), expected purchases over `horizon`, expected spend and CLV of one customer (no widgets).

    Recency is capped at T, and is 0 for a customer with no repeat purchase.
    `spend_model` may be a fitted GammaGamma or a number (average order value).
    """
    unit = getattr(transaction_model, "time_unit_", None) or "W"
    row = _one_row(frequency, recency, T, monetary_value, unit)
    values = customer_lifetime_value(transaction_model, spend_model, row, horizon=float(horizon),
                                     annual_discount_rate=annual_discount_rate, margin=margin)
    return CustomerResult(
        frequency=float(row["frequency"].iloc[0]), recency=float(row["recency"].iloc[0]), T=float(T),
        p_alive=float(np.asarray(transaction_model.probability_alive(row))[0]),
        expected_purchases=float(values["expected_purchases"].iloc[0]),
        expected_spend=float(values["expected_spend"].iloc[0]),
        clv=float(values["clv"].iloc[0]),
    )


class CustomerState(State):
    """One customer's frequency, recency, T, spend and the horizon; ``result`` follows them."""

    frequency = tr.Int(2)
    recency = tr.Float(30.0)
    T = tr.Float(39.0)
    monetary_value = tr.Float(35.0)
    horizon = tr.Float(52.0)
    result = tr.Instance(CustomerResult, allow_none=True)

    INPUTS = ("frequency", "recency", "T", "monetary_value", "horizon")

    def __init__(self, transaction_model, spend_model, *, annual_discount_rate=0.1, margin=1.0, **kwargs):
        self.transaction_model, self.spend_model = transaction_model, spend_model
        self.annual_discount_rate, self.margin = annual_discount_rate, margin
        super().__init__(**kwargs)

    def compute(self) -> CustomerResult:
        return customer_results(self.transaction_model, self.spend_model,
                                annual_discount_rate=self.annual_discount_rate, margin=self.margin, **self.inputs())


class CustomerExplorer(Explorer):
    """A fitted model and a customer (or frequency, recency, T) -> P(alive), purchases, spend, CLV.

    Parameters
    ----------
    transaction_model : fitted BGNBD, ParetoNBD or MBGNBD
    spend_model : fitted GammaGamma or float
    summary : DataFrame, optional
        The customer base; with `customer`, that customer's row gives the start values,
        and its largest T bounds the sliders.
    customer : optional
        A customer_id of `summary`.
    frequency, recency, T, monetary_value : float
        Start values when no customer is given.
    horizon : float
        CLV horizon in the model's time unit.
    annual_discount_rate, margin : float
    currency : str, optional
        Currency of the amounts; the current currency when None.
    lang : {"en", "ru"}, optional
        The current language when None.
    """

    def __init__(self, transaction_model, spend_model, *, summary=None, customer=None, frequency=2, recency=30.0,
                 T=39.0, monetary_value=35.0, horizon=52.0, annual_discount_rate=0.1, margin=1.0, currency=None,
                 lang=None):
        import ipywidgets as w

        self.lang = lang = self._check_lang(lang)
        self.currency = currency
        self.time_unit = getattr(transaction_model, "time_unit_", None) or "W"
        if summary is not None and customer is not None:
            row = summary.loc[customer]
            frequency, recency, T = int(row["frequency"]), float(row["recency"]), float(row["T"])
            monetary_value = float(row.get("monetary_value", monetary_value))
        max_T = float(np.max(summary["T"])) if summary is not None else max(float(T), 52.0)
        max_f = int(max(np.max(summary["frequency"]) if summary is not None else 20, frequency, 1))
        self.state = CustomerState(transaction_model, spend_model, annual_discount_rate=annual_discount_rate,
                                   margin=margin, frequency=int(frequency), recency=float(recency), T=float(T),
                                   monetary_value=float(monetary_value), horizon=float(horizon))
        u, c = unit_label(self.time_unit, lang), self._money_unit()
        scale = money_scale(currency, lang)  # the spend slider reaches 500 dollars' worth (50 000 ₽)
        self.controls = {
            "frequency": slider("int", lang=lang, value=int(frequency), low=0, high=max_f, step=1, name="frequency",
                                description=label("customer.frequency", lang)),
            "recency": slider("float", lang=lang, value=float(recency), low=0, high=max_T, step=0.5, fmt=".1f", name="recency",
                              description=with_unit('customer.recency', u, lang)),
            "T": slider("float", lang=lang, value=float(T), low=0.5, high=max_T, step=0.5, fmt=".1f", name="T",
                        description=with_unit('customer.T', u, lang)),
            "monetary_value": slider("float", lang=lang, value=float(monetary_value), low=0, high=500 * scale, step=scale, fmt=".0f",
                                     name="monetary_value", description=with_unit('customer.monetary', c, lang)),
            "horizon": slider("float", lang=lang, value=float(horizon), low=1, high=260, step=1, fmt=".0f", name="horizon",
                              description=with_unit('customer.horizon', u, lang)),
        }
        for name, control in self.controls.items():
            w.link((control, "value"), (self.state, name))
        self.max_frequency = max_f
        self.max_T = max_T
        self._build_view(title_key="chart.palive.title", controls=list(self.controls.values()),
                         chart=Chart(figsize=(7.0, 4.2)))
        self._draw()
        self.state.observe(self.refresh, names="result")
        self.refresh()

    def _matrix(self):
        return probability_alive_matrix(self.state.transaction_model, T=self.state.T,
                                        max_frequency=min(self.max_frequency, 30), n_recency=41)

    def _draw(self) -> None:
        from ..plots import draw_matrix, percent_formatter

        r = self.state.result
        self._matrix_T = self.state.T
        ax = self.chart.axes[0]
        draw_matrix(self._matrix(), ax=ax, lang=self.lang, title=label("chart.palive.title", self.lang),
                    colorbar_label=label("result.p_alive", self.lang), cmap="magma",
                    formatter=percent_formatter(self.lang), time_unit=self.time_unit, marker=(r.frequency, r.recency))
        self.image = next(a for a in ax.images if a.get_gid() == "matrix")
        self.image.set_clim(0.0, 1.0)
        # Fixed x range (the oldest customer's age): moving T reshapes the image, not the axes.
        ax.set_xlim(0.0, self.max_T)
        self.marker = next(a for a in ax.lines if a.get_gid() == "matrix-marker")
        self.chart.set_dynamic([self.image, self.marker])

    def _update(self) -> None:
        r, lang, s = self.state.result, self.lang, self.state
        money = lambda v: format_money(v, lang, currency=self.currency)
        self.headline.value = headline_html(label("result.clv", lang), money(r.clv), key="clv")
        self.figures.value = figures_html([
            ("p_alive", label("result.p_alive", lang), format_percent(r.p_alive, lang)),
            ("expected_purchases",
             f"{label('result.expected_purchases', lang)} ({format_number(s.horizon, lang, decimals=0)} "
             f"{short_unit_label(self.time_unit, lang)})", format_number(r.expected_purchases, lang, decimals=2)),
            ("expected_spend", label("result.expected_spend", lang), money(r.expected_spend)),
        ])
        if s.T != self._matrix_T:
            from ..plots import update_matrix

            update_matrix(self.chart.axes[0], self._matrix())
            self._matrix_T = s.T
        self.marker.set_data([r.recency], [min(r.frequency, self.max_frequency)])
