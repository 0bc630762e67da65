"""Charts of one customer's economics and of a strategy: cash flow, cumulative value, tornado, LTV:CAC, waterfall."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .._checks import check_number
from ..errors import ClvDataError
from ..i18n import format_number, label, resolve_lang, text
from ._common import frame, require
from ._style import few_ticks_locator, money_formatter, money_label, new_axes, palette, unit_axis_label
from .drawing import draw_waterfall, fit_tick_labels, tornado_change_pct, update_tornado

__all__ = [
    "CASH_FLOW_HEADROOM",
    "normalize_waterfall",
    "plot_cash_flow",
    "plot_cumulative_value",
    "plot_ltv_cac",
    "plot_tornado",
    "plot_uplift_waterfall",
    "waterfall_table",
]

#: The cash-flow chart's y axis reaches this multiple of the tallest bar: the legend lives above the bars.
CASH_FLOW_HEADROOM = 1.25


def plot_cash_flow(values: pd.DataFrame, *, currency: str | None = None, time_unit: str | None = "M", ax=None,
                   lang: str | None = None):
    """Bars of one customer's expected margin per period and its present value.

    Parameters
    ----------
    values : DataFrame
        From :func:`clvkit.formulas.cumulative_value` (columns expected_margin, present_value).
    currency : str, optional
        Currency of the margins (ISO code or symbol); the current currency when None.
    time_unit : str, optional
        Length of a period ("M", "W", ...) for the x axis label.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    lang : {"en", "ru"}, optional
        Language of the labels; the current language when None.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.formulas import cumulative_value
    >>> ax = plot_cash_flow(cumulative_value(30, 0.8, 0.01, periods=24))
    """
    lang = resolve_lang(lang)
    table = frame(values, "values")
    require(table, ["expected_margin", "present_value"], "values")
    ax = new_axes(ax)
    colors = palette(3)
    x = table.index.to_numpy(dtype=float)
    ax.bar(x, table["expected_margin"], width=0.8, color=colors[0], alpha=0.45,
           label=label("chart.cashflow.margin", lang), gid="cashflow-margin")
    ax.bar(x, table["present_value"], width=0.5, color=colors[0], label=label("chart.cashflow.pv", lang),
           gid="cashflow-pv")
    ax.set_title(label("chart.cashflow.title", lang))
    ax.set_xlabel(unit_axis_label("chart.period", time_unit, lang))
    ax.set_ylabel(money_label("chart.cashflow.y", currency, lang))
    ax.yaxis.set_major_formatter(money_formatter(lang, currency))
    heights = table[["expected_margin", "present_value"]].to_numpy(dtype=float)
    top = float(np.nanmax(heights)) if np.isfinite(heights).any() else 0.0
    bottom = min(0.0, float(np.nanmin(heights))) if np.isfinite(heights).any() else 0.0
    # headroom above the tallest bar holds the legend, so the two never overlap
    ax.set_ylim(bottom, CASH_FLOW_HEADROOM * top if top > 0 else 1.0)
    ax.legend(frameon=False, loc="upper right", ncol=2)
    return ax


def plot_cumulative_value(values: pd.DataFrame, *, cac: float | None = None, currency: str | None = None,
                          time_unit: str | None = "M", ax=None, lang: str | None = None):
    """Line of the cumulative discounted value of one customer, with the CAC as a reference.

    Where the line crosses the CAC is the payback period.

    Parameters
    ----------
    values : DataFrame
        From :func:`clvkit.formulas.cumulative_value` (column cumulative, index period).
    cac : float, optional
        Acquisition cost drawn as a horizontal line.
    currency, time_unit, ax, lang
        As in :func:`plot_cash_flow`.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.formulas import cumulative_value
    >>> ax = plot_cumulative_value(cumulative_value(30, 0.8, 0.01, periods=24), cac=60)
    """
    lang = resolve_lang(lang)
    table = frame(values, "values")
    require(table, ["cumulative"], "values")
    ax = new_axes(ax)
    colors = palette(4)
    ax.plot(table.index.to_numpy(dtype=float), table["cumulative"].to_numpy(dtype=float), color=colors[0],
            lw=2.2, marker="o", ms=3, gid="cumulative", label=label("chart.cumulative.y", lang))
    if cac is not None:
        cac = check_number("cac", cac, low=0.0)
        ax.axhline(cac, color=colors[3], ls="--", lw=1.5, gid="cac", label=label("chart.cac", lang))
    ax.set_title(label("chart.cumulative.title", lang))
    ax.set_xlabel(unit_axis_label("chart.period", time_unit, lang))
    from matplotlib.ticker import MaxNLocator

    # periods are whole months or years: a tick at 2.5 years would read as a period that does not exist
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(money_label("chart.cumulative.y", currency, lang))
    ax.yaxis.set_major_formatter(money_formatter(lang, currency))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="lower right")
    return ax


def plot_tornado(elasticities: pd.DataFrame, *, currency: str | None = None, ax=None, lang: str | None = None):
    """Tornado chart: CLV when each driver moves down and up by the same percentage.

    The widest bar is the driver that matters most; retention usually wins. The legend
    sits in a band above the bars and large amounts are written in thousands, so labels
    stay apart at any CLV.

    Parameters
    ----------
    elasticities : DataFrame
        From :func:`clvkit.formulas.clv_elasticities` (columns driver, value, clv_low,
        clv_high, clv).
    currency, ax, lang
        As in :func:`plot_cash_flow`.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.formulas import clv_elasticities
    >>> e = clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, discount_rate=0.01)
    >>> ax = plot_tornado(e)
    """
    lang = resolve_lang(lang)
    table = frame(elasticities, "elasticities")
    require(table, ["driver", "value", "clv_low", "clv_high", "clv"], "elasticities")
    ax = new_axes(ax)
    colors = palette(4)
    n = len(table)
    y = np.arange(n)[::-1]  # widest swing on top
    pct = tornado_change_pct(table)
    ax.barh(y, np.zeros(n), left=0.0, height=0.6, color=colors[3], gid="tornado-low",
            label=label("chart.tornado.low", lang, pct=pct))
    ax.barh(y, np.zeros(n), left=0.0, height=0.6, color=colors[0], gid="tornado-high",
            label=label("chart.tornado.high", lang, pct=pct))
    ax.axvline(0.0, color="0.3", lw=1, gid="tornado-base")
    ax.set_xlabel(money_label("chart.tornado.x", currency, lang))
    ax.xaxis.set_major_formatter(money_formatter(lang, currency))
    ax.xaxis.set_major_locator(few_ticks_locator(4))
    # one empty row above the top bar holds the legend
    ax.set_ylim(-0.6, n + 0.4)
    ax.legend(frameon=False, loc="upper center", ncol=2, fontsize="small")
    update_tornado(ax, table, lang=lang)
    return ax


def plot_ltv_cac(channels: pd.DataFrame, *, ltv: str = "ltv", cac: str = "cac", currency: str | None = None,
                 target_ratio: float = 3.0, ax=None, lang: str | None = None, value_name: str | None = None):
    """Paired bars of LTV and CAC per acquisition channel, annotated with LTV:CAC.

    Parameters
    ----------
    channels : DataFrame
        One row per channel (the index names the channel), e.g. the input or output of
        :func:`clvkit.acquisition.channel_economics`.
    ltv, cac : str
        Column names of the value of a new customer and the cost of acquiring one.
    currency : str, optional
    target_ratio : float
        Ratios below this target are printed in the warning colour.
    ax, lang
    value_name : str, optional
        What the `ltv` column holds when it is not an LTV, e.g. ``"ARPPU"`` (unit economics'
        12 months, undiscounted): the title, legend, axis label and ratios then name it instead
        of LTV, so that a chart never calls another figure an LTV.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> channels = pd.DataFrame({"ltv": [300.0, 120.0, 90.0], "cac": [60.0, 80.0, 45.0]},
    ...                         index=["search", "social", "email"])
    >>> ax = plot_ltv_cac(channels)
    """
    lang = resolve_lang(lang)
    table = frame(channels, "channels")
    require(table, [ltv, cac], "channels")

    def named(words: str) -> str:  # the catalogue's words, with the value's own name for LTV
        return words if value_name is None else words.replace("LTV", str(value_name))

    ax = new_axes(ax)
    colors = palette(4)
    x = np.arange(len(table))
    v = table[ltv].to_numpy(dtype=float)
    c = table[cac].to_numpy(dtype=float)
    ax.bar(x - 0.2, v, width=0.4, color=colors[0], label=named(label("chart.ltvcac.ltv", lang)), gid="ltv")
    ax.bar(x + 0.2, c, width=0.4, color=colors[3], label=label("chart.ltvcac.cac", lang), gid="cac")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = v / c
    for xi, top, r in zip(x, np.maximum(v, c), ratio):
        ax.annotate(named(label("chart.ltvcac.ratio", lang, ratio=format_number(r, lang, decimals=1))), (xi, top),
                    textcoords="offset points", xytext=(0, 3), ha="center", fontsize="small",
                    color="0.15" if r >= target_ratio else colors[3])
    ax.set_xticks(x, [str(i) for i in table.index])
    ax.set_title(named(label("chart.ltvcac.title", lang)))
    ax.set_xlabel(label("chart.ltvcac.channel", lang))
    ax.set_ylabel(named(money_label("chart.ltvcac.y", currency, lang)))
    ax.yaxis.set_major_formatter(money_formatter(lang, currency))
    # the top third stays free: the ratios above the bars, and the legend above them
    top = float(np.nanmax(np.maximum(v, c))) if len(v) else 1.0
    ax.set_ylim(0, 1.45 * top if top > 0 else 1.0)
    ax.legend(frameon=False, loc="upper center", ncol=2)
    fit_tick_labels(ax, "x")
    return ax


# ------------------------------------------------------------------ waterfall
def waterfall_table(base: float, contributions, *, total: float | None = None) -> pd.DataFrame:
    """Steps of a waterfall from `base` through each contribution to the total.

    Parameters
    ----------
    base : float
        The starting value (e.g. customer equity today).
    contributions : Series or dict
        Named changes, in the order they are drawn (e.g. one per strategy lever and a
        negative campaign cost).
    total : float, optional
        The final value; default base + sum of contributions. When given and different,
        the difference is added as a step named "interaction" (levers that multiply).

    Returns
    -------
    DataFrame
        Columns step, start, end, change, kind ("base", "up", "down", "total").

    Examples
    --------
    >>> waterfall_table(100.0, {"retention": 20.0, "cost": -5.0})["end"].tolist()
    [100.0, 120.0, 115.0, 115.0]
    """
    b = check_number("base", base)
    items = list(pd.Series(contributions, dtype=float).items())
    if any(not math.isfinite(v) for _, v in items):
        raise ClvDataError(text("plots.contributions_not_finite"))
    end = b + sum(v for _, v in items)
    if total is not None:
        t = check_number("total", total)
        if not math.isclose(t, end, rel_tol=1e-9, abs_tol=1e-9):
            items.append(("interaction", t - end))
            end = t
    rows = [("base", 0.0, b, b, "base")]
    level = b
    for name, v in items:
        rows.append((str(name), level, level + v, v, "up" if v >= 0 else "down"))
        level += v
    rows.append(("total", 0.0, level, level - b, "total"))
    return pd.DataFrame(rows, columns=["step", "start", "end", "change", "kind"])


_STEP_KEYS = {"base CLV": "base", "new CLV": "total", "order value": "aov", "program cost": "cost"}


def normalize_waterfall(table) -> pd.DataFrame:
    """A waterfall table in the form :func:`clvkit.plots.draw_waterfall` draws (kinds base/up/down/total).

    Accepts :func:`waterfall_table` output, :func:`clvkit.strategy.waterfall_steps` output
    (kinds "total"/"delta", a ``value`` column) or a :class:`clvkit.strategy.StrategyResult`.
    """
    if hasattr(table, "waterfall") and not isinstance(table, pd.DataFrame):
        table = table.waterfall()
    data = frame(table, "table")
    require(data, ["step", "start", "end", "kind"], "table")
    if set(data["kind"]) <= {"base", "up", "down", "total"}:
        return data
    out = data.copy()
    out["step"] = [_STEP_KEYS.get(str(v), str(v)) for v in data["step"]]
    change = (data["end"] - data["start"]).to_numpy(float)
    kinds = np.where(change >= 0, "up", "down").astype(object)
    kinds[0], kinds[-1] = "base", "total"
    out["kind"] = kinds
    out["change"] = change
    return out


def plot_uplift_waterfall(base, contributions=None, *, total=None, currency: str | None = None, ax=None,
                          lang: str | None = None):
    """Waterfall of a strategy: value today, what each lever adds, the cost, the new value.

    Parameters
    ----------
    base : float, DataFrame or StrategyResult
        The value today, or a table from :func:`waterfall_table` or
        :func:`clvkit.strategy.waterfall_steps`, or a strategy result.
    contributions, total
        As in :func:`waterfall_table` (when `base` is a number).
    currency, ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_uplift_waterfall(1000.0, {"retention": 120.0, "aov": 40.0, "cost": -30.0})
    """
    lang = resolve_lang(lang)
    if isinstance(base, (int, float)) and not isinstance(base, bool):
        table = waterfall_table(base, contributions, total=total)
    else:
        table = normalize_waterfall(base)
    ax = new_axes(ax, figsize=(8.0, 4.2))
    draw_waterfall(ax, table, lang=lang, currency=currency)
    ax.set_title(label("chart.waterfall.title", lang))
    ax.set_ylabel(money_label("chart.waterfall.y", currency, lang))
    return ax
