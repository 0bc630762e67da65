"""Charts that check a purchase model: frequency x recency matrices, P(alive) history, holdout and tracking.

The numbers come from :mod:`clvkit.diagnostics` (no drawing there); each chart accepts
either the model and the data, or the table a diagnostics function returned.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..diagnostics import (
    expected_purchases_matrix,
    holdout_by_frequency,
    predicted_vs_actual,
    probability_alive_history,
    probability_alive_matrix,
    tracking_table,
)
from ..errors import ClvDataError
from ..i18n import format_number, label, plural, resolve_lang, text, unit_label
from ._style import (
    money_label,
    new_axes,
    number_formatter,
    palette,
    percent_formatter,
    tick_formatter,
    unit_axis_label,
)
from .drawing import draw_matrix, fit_tick_labels

__all__ = [
    "group_labels",
    "plot_calibration_holdout",
    "plot_frequency_recency_matrix",
    "plot_predicted_vs_actual",
    "plot_probability_alive_history",
    "plot_probability_alive_matrix",
    "plot_tracking",
]


def _default_T(summary, T):
    if T is not None:
        return T
    if summary is not None:
        return float(np.max(summary["T"]))
    raise ClvDataError(text("diagnostics.need_T"))


def plot_frequency_recency_matrix(model, *, t: float = 1.0, T=None, summary=None, max_frequency: int = 20,
                                  max_recency=None, ax=None, lang: str | None = None):
    """Heatmap of expected purchases in the next `t` periods by frequency and recency.

    Customers who bought often and recently (bottom right) are expected to buy most;
    frequent buyers who have been silent for long (bottom left) are probably gone.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    t : float
        Prediction window in the model's time unit.
    T : float, optional
        Customer age; default the largest T of `summary`.
    summary : DataFrame, optional
    max_frequency, max_recency
        As in :func:`expected_purchases_matrix`.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = plot_frequency_recency_matrix(model, t=52, T=39)
    """
    lang = resolve_lang(lang)
    T = _default_T(summary, T)
    unit = getattr(model, "time_unit_", None)
    matrix = expected_purchases_matrix(model, t=t, T=T, max_frequency=max_frequency, max_recency=max_recency)
    noun = {"D": "day", "W": "week", "M": "month", "Y": "year"}.get(unit)
    # "52 weeks", "52 недели": the unit agrees with the number where the catalogue has its forms
    title = label("chart.fr.title", lang, t=format_number(t, lang, decimals=0 if float(t).is_integer() else 1),
                  unit=plural(t, noun, lang) if noun else unit_label(unit, lang))
    return draw_matrix(matrix, ax=ax, lang=lang, title=title, colorbar_label=label("result.expected_purchases", lang),
                       cmap="viridis", formatter=number_formatter(lang, 1), time_unit=unit)


def plot_probability_alive_matrix(model, *, T=None, summary=None, max_frequency: int = 20, max_recency=None,
                                  customer=None, ax=None, lang: str | None = None):
    """Heatmap of P(alive) by frequency and recency for customers of age `T`.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    T, summary, max_frequency, max_recency
        As in :func:`plot_frequency_recency_matrix`.
    customer : (frequency, recency), optional
        Marks one customer's place on the matrix.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = plot_probability_alive_matrix(model, T=39, customer=(2, 30))
    """
    lang = resolve_lang(lang)
    T = _default_T(summary, T)
    unit = getattr(model, "time_unit_", None)
    matrix = probability_alive_matrix(model, T=T, max_frequency=max_frequency, max_recency=max_recency)
    return draw_matrix(matrix, ax=ax, lang=lang, title=label("chart.palive.title", lang),
                       colorbar_label=label("result.p_alive", lang), cmap="magma", formatter=percent_formatter(lang),
                       time_unit=unit, marker=customer)


def plot_probability_alive_history(model, transactions: pd.DataFrame, *, observation_end=None, ax=None,
                                   lang: str | None = None, **options):
    """One customer's P(alive) through time, with their purchases marked.

    Parameters
    ----------
    model, transactions, observation_end, **options
        As in :func:`probability_alive_history` (or pass its output table as `transactions`).
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> import pandas as pd
    >>> one = pd.DataFrame({"customer_id": 7, "date": pd.to_datetime(["1997-01-01", "1997-01-15", "1997-03-01"])})
    >>> ax = plot_probability_alive_history(model, one, observation_end="1997-09-30")
    """
    lang = resolve_lang(lang)
    if isinstance(transactions, pd.DataFrame) and {"t", "p_alive"} <= set(transactions.columns):
        table = transactions
    else:
        table = probability_alive_history(model, transactions, observation_end=observation_end, **options)
    ax = new_axes(ax, figsize=(7, 3.5))
    colors = palette(4)
    ax.plot(table["t"], table["p_alive"], color=colors[0], lw=2, gid="palive-history", label=label("result.p_alive", lang))
    purchases = table.attrs.get("purchases", np.array([]))
    ax.plot(purchases, np.ones_like(purchases), "v", color=colors[3], ms=7, ls="none", gid="purchases",
            label=label("chart.purchase", lang))
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_title(label("chart.palive.history.title", lang))
    ax.set_xlabel(unit_axis_label("chart.palive.history.x", table.attrs.get("time_unit"), lang))
    ax.set_ylabel(label("result.p_alive", lang))
    ax.legend(frameon=False, loc="lower left")
    return ax


def plot_calibration_holdout(model, calibration, holdout, *, max_frequency: int = 7, ax=None, lang: str | None = None):
    """Actual vs expected mean holdout purchases by calibration frequency (Fader, Hardie & Lee 2005, fig. 3).

    Parameters as in :func:`holdout_by_frequency` (or pass its table as `calibration`
    and None as `holdout`); ax, lang.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> import clvkit as ck
    >>> tx = ck.datasets.load_cdnow_transactions()
    >>> cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30")
    >>> ax = plot_calibration_holdout(model, cal, hold)
    """
    lang = resolve_lang(lang)
    if holdout is None and isinstance(calibration, pd.DataFrame) and {"actual", "expected"} <= set(calibration.columns):
        table = calibration
    else:
        table = holdout_by_frequency(model, calibration, holdout, max_frequency=max_frequency)
    ax = new_axes(ax)
    colors = palette(4)
    x = table.index.to_numpy(dtype=float)
    ax.plot(x, table["actual"], "o-", color="0.15", lw=1.8, label=label("chart.actual", lang), gid="actual")
    ax.plot(x, table["expected"], "s--", color=colors[0], lw=1.8, label=label("chart.model", lang), gid="expected")
    ticks = [str(int(v)) for v in x]
    ticks[-1] = ticks[-1] + "+"
    ax.set_xticks(x, ticks)
    ax.set_title(label("chart.calibration.title", lang))
    ax.set_xlabel(label("chart.frequency", lang))
    ax.set_ylabel(label("chart.calibration.y", lang))
    ax.yaxis.set_major_formatter(number_formatter(lang, 1))
    ax.legend(frameon=False)
    return ax


def plot_predicted_vs_actual(table: pd.DataFrame, *, by: str, predicted: str, actual: str, top: int | None = None,
                             money: bool = False, currency: str | None = None, ylabel: str | None = None,
                             xlabel: str | None = None,
                             title: str | None = None, predicted_label: str | None = None,
                             actual_label: str | None = None, ax=None, lang: str | None = None):
    """Bars of the mean forecast next to the mean actual value, per group of customers.

    Parameters
    ----------
    table, by, predicted, actual, top
        As in :func:`predicted_vs_actual`.
    money : bool
        The values are money: the y axis shows amounts in `currency`; otherwise plain
        numbers (purchases, customers). Giving a `currency` implies money.
    currency : str, optional
        Currency of money values; the current currency when None.
    ylabel, xlabel, title : str, optional
        Axis labels and title in the reader's language (defaults: "Mean per customer",
        the column `by`, "Predicted vs actual").
    predicted_label, actual_label : str, optional
        Legend entries (defaults "predicted" and "actual").
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"f": [0, 1, 3], "p": [0.0, 2.0, 6.0], "a": [1.0, 1.0, 3.0]})
    >>> ax = plot_predicted_vs_actual(t, by="f", predicted="p", actual="a", top=1)
    """
    lang = resolve_lang(lang)
    money = money or currency is not None
    groups = predicted_vs_actual(table, by=by, predicted=predicted, actual=actual, top=top)
    ax = new_axes(ax, figsize=(7, 4))
    colors = palette(2)
    x = np.arange(len(groups))
    ax.bar(x - 0.2, groups["predicted"], width=0.4, color=colors[0], gid="predicted",
           label=predicted_label if predicted_label is not None else label("chart.predicted", lang))
    ax.bar(x + 0.2, groups["actual"], width=0.4, color=colors[1], gid="actual",
           label=actual_label if actual_label is not None else label("chart.actual", lang))
    ax.set_xticks(x, group_labels(groups.index, top=top))
    if ylabel is None:
        ylabel = (money_label("chart.predicted_vs_actual.y", currency, lang) if money
                  else label("chart.predicted_vs_actual.y", lang))
    ax.set_title(title if title is not None else label("chart.predicted_vs_actual.title", lang))
    ax.set_xlabel(xlabel if xlabel is not None else str(by))
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(tick_formatter(lang, currency, money=money))
    ax.legend(frameon=False)
    fit_tick_labels(ax, "x")
    return ax


def group_labels(groups, *, top=None) -> list[str]:
    """Tick labels of groups: whole numbers without ".0", the pooled top group with "+"."""
    out = []
    for g in groups:
        text = str(int(g)) if isinstance(g, (int, float, np.integer, np.floating)) and float(g) == int(g) else str(g)
        if top is not None and g == top:
            text += "+"
        out.append(text)
    return out


def plot_tracking(model, transactions, *, calibration_end=None, observation_end=None, ax=None, lang: str | None = None, **options):
    """Cumulative repeat purchases by week: actual vs the model (Fader, Hardie & Lee 2005, fig. 2).

    Parameters as in :func:`tracking_table` (or pass its output as `transactions`); ax, lang.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> import clvkit as ck
    >>> tx = ck.datasets.load_cdnow_transactions()
    >>> ax = plot_tracking(model, tx, calibration_end="1997-09-30", observation_end="1998-06-30")
    """
    lang = resolve_lang(lang)
    if isinstance(transactions, pd.DataFrame) and {"actual", "expected"} <= set(transactions.columns):
        table = transactions
    else:
        table = tracking_table(model, transactions, calibration_end=calibration_end,
                               observation_end=observation_end, **options)
    ax = new_axes(ax, figsize=(7, 4))
    colors = palette(4)
    x = table.index.to_numpy(dtype=float)
    ax.plot(x, table["actual"], color="0.15", lw=2, label=label("chart.actual", lang), gid="actual")
    ax.plot(x, table["expected"], "--", color=colors[0], lw=2, label=label("chart.model", lang), gid="expected")
    cal = table.attrs.get("calibration_period")
    if cal is not None:
        ax.axvline(cal, color="0.5", ls=":", lw=1.2, label=label("chart.tracking.calibration_end", lang))
    unit = table.attrs.get("time_unit")
    ax.set_title(label("chart.tracking.title", lang))
    ax.set_xlabel(unit_axis_label("chart.period", unit, lang))
    ax.set_ylabel(label("chart.tracking.y", lang))
    ax.yaxis.set_major_formatter(number_formatter(lang))
    ax.legend(frameon=False)
    return ax


