"""Charts of customer value: one ``plot_*`` function per picture of the course.

Every ``plot_*`` function takes data (a table from a clvkit function) or a fitted
model, keyword-only options, ``ax=None`` and ``lang="en" | "ru"``, draws on that Axes
only (a new figure when ``ax`` is None), labels the axes with their units, uses
seaborn's colour-blind-safe "colorblind" palette and returns the Axes. Nothing is
random, so the same call draws the same picture.

The numbers behind a chart come from a plain function with no matplotlib in it
(:func:`survival_comparison`, :func:`expected_purchases_matrix`,
:func:`probability_alive_history`, :func:`holdout_by_frequency`,
:func:`tracking_table`, :func:`waterfall_table`, :func:`predicted_vs_actual`, ... or the
clvkit function named in the docstring), so they are tested without drawing.

matplotlib and seaborn are imported when a chart is drawn, never by ``import clvkit``.

Key artists carry a ``gid`` (``"cumulative"``, ``"tornado-low"``, ``"survival-sbg"``,
...) so an interactive explorer can update them in place instead of redrawing.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._checks import check_number
from .errors import ClvDataError
from .i18n import check_lang, format_money, has, format_number, format_percent, label, unit_label

__all__ = [
    # computing functions (no drawing)
    "survival_comparison",
    "expected_purchases_matrix",
    "probability_alive_matrix",
    "probability_alive_history",
    "holdout_by_frequency",
    "expected_cumulative_repeat_purchases",
    "tracking_table",
    "waterfall_table",
    "normalize_waterfall",
    "predicted_vs_actual",
    "cohort_value_label",
    # charts
    "plot_cash_flow",
    "plot_cumulative_value",
    "plot_tornado",
    "plot_ltv_cac",
    "plot_cohort_heatmap",
    "plot_survival",
    "plot_retention_curves",
    "plot_frequency_recency_matrix",
    "plot_probability_alive_matrix",
    "plot_probability_alive_history",
    "plot_calibration_holdout",
    "plot_tracking",
    "plot_clv_distribution",
    "plot_lorenz",
    "plot_segment_map",
    "plot_uplift_waterfall",
    "plot_predicted_vs_actual",
    # the colours every chart uses
    "palette",
]


# ======================================================================= helpers
def palette(n: int = 10) -> list:
    """The colour-blind-safe colours every chart uses (seaborn "colorblind")."""
    import seaborn as sns

    return list(sns.color_palette("colorblind", n))


def _axes(ax, figsize=(6.4, 4.0)):
    """The Axes to draw on: the one given, or one on a new pyplot figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize)
    return new


def _frame(data, what: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ClvDataError(f"{what} must be a pandas DataFrame; got {type(data).__name__}.")
    if len(data) == 0:
        raise ClvDataError(f"{what} is empty; there is nothing to draw.")
    return data


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ClvDataError(
            f"{what} needs the columns {missing} (it has {list(frame.columns)}); build it with the clvkit "
            f"function named in the plot's docstring."
        )


def _money_formatter(lang: str, currency: str, decimals: int = 0):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_money(v, lang, currency=currency, decimals=decimals))


def _number_formatter(lang: str, decimals: int = 0):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_number(v, lang, decimals=decimals))


def _tick_formatter(lang: str, currency: str | None = None):
    """Ticks with as few decimals as each value needs (0.25, 0.5, 1), as money when `currency` is given."""
    from matplotlib.ticker import FuncFormatter

    def text(v, _pos):
        decimals = next((d for d in range(3) if abs(v - round(v, d)) <= 1e-9 * max(1.0, abs(v))), 2)
        if currency:
            return format_money(v, lang, currency=currency, decimals=decimals)
        return format_number(v, lang, decimals=decimals)

    return FuncFormatter(text)


def _percent_formatter(lang: str, decimals: int = 0):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_percent(v, lang, decimals=decimals))


def _integer_locator(nbins="auto"):
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, integer=True)


def _unit_axis(key: str, time_unit: str | None, lang: str) -> str:
    return f"{label(key, lang)} ({unit_label(time_unit, lang)})"


def _money_axis(key: str, currency: str, lang: str) -> str:
    return f"{label(key, lang)} ({currency})"


def _scoring_frame(frequency, recency, T, time_unit) -> pd.DataFrame:
    frame = pd.DataFrame({"frequency": frequency, "recency": recency, "T": T})
    frame.attrs["time_unit"] = time_unit
    return frame


# ============================================================ formulas: one customer
def plot_cash_flow(values: pd.DataFrame, *, currency: str = "$", time_unit: str | None = "M", ax=None, lang="en"):
    """Bars of one customer's expected margin per period and its present value.

    Parameters
    ----------
    values : DataFrame
        From :func:`clvkit.formulas.cumulative_value` (columns expected_margin, present_value).
    currency : str
        Currency of the margins, shown on the y axis.
    time_unit : str, optional
        Length of a period ("M", "W", ...) for the x axis label.
    ax : matplotlib Axes, optional
    lang : {"en", "ru"}

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from clvkit.formulas import cumulative_value
    >>> ax = plot_cash_flow(cumulative_value(30, 0.8, 0.01, periods=24))   # doctest: +SKIP
    """
    check_lang(lang)
    table = _frame(values, "values")
    _require(table, ["expected_margin", "present_value"], "values")
    ax = _axes(ax)
    colors = palette(3)
    x = table.index.to_numpy(dtype=float)
    ax.bar(x, table["expected_margin"], width=0.8, color=colors[0], alpha=0.45,
           label=label("chart.cashflow.margin", lang), gid="cashflow-margin")
    ax.bar(x, table["present_value"], width=0.5, color=colors[0], label=label("chart.cashflow.pv", lang),
           gid="cashflow-pv")
    ax.set_title(label("chart.cashflow.title", lang))
    ax.set_xlabel(_unit_axis("chart.period", time_unit, lang))
    ax.set_ylabel(f"{label('chart.cashflow.margin', lang).capitalize()} ({currency})")
    ax.yaxis.set_major_formatter(_money_formatter(lang, currency))
    heights = table[["expected_margin", "present_value"]].to_numpy(dtype=float)
    top = float(np.nanmax(heights)) if np.isfinite(heights).any() else 0.0
    bottom = min(0.0, float(np.nanmin(heights))) if np.isfinite(heights).any() else 0.0
    # headroom above the tallest bar holds the legend, so the two never overlap
    ax.set_ylim(bottom, CASH_FLOW_HEADROOM * top if top > 0 else 1.0)
    ax.legend(frameon=False, loc="upper right", ncol=2)
    return ax


CASH_FLOW_HEADROOM = 1.25


def plot_cumulative_value(
    values: pd.DataFrame, *, cac: float | None = None, currency: str = "$", time_unit: str | None = "M",
    ax=None, lang="en",
):
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
    >>> ax = plot_cumulative_value(cumulative_value(30, 0.8, 0.01, periods=24), cac=60)   # doctest: +SKIP
    """
    check_lang(lang)
    table = _frame(values, "values")
    _require(table, ["cumulative"], "values")
    ax = _axes(ax)
    colors = palette(4)
    ax.plot(table.index.to_numpy(dtype=float), table["cumulative"].to_numpy(dtype=float), color=colors[0],
            lw=2.2, marker="o", ms=3, gid="cumulative", label=label("chart.cumulative.y", lang))
    if cac is not None:
        cac = check_number("cac", cac, low=0.0)
        ax.axhline(cac, color=colors[3], ls="--", lw=1.5, gid="cac", label=label("chart.cac", lang))
    ax.set_title(label("chart.cumulative.title", lang))
    ax.set_xlabel(_unit_axis("chart.period", time_unit, lang))
    ax.set_ylabel(_money_axis("chart.cumulative.y", currency, lang))
    ax.yaxis.set_major_formatter(_money_formatter(lang, currency))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="lower right")
    return ax


def plot_tornado(elasticities: pd.DataFrame, *, currency: str = "$", ax=None, lang="en"):
    """Tornado chart: CLV when each driver moves down and up by the same percentage.

    The widest bar is the driver that matters most; retention usually wins.

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
    >>> ax = plot_tornado(e)   # doctest: +SKIP
    """
    check_lang(lang)
    table = _frame(elasticities, "elasticities")
    _require(table, ["driver", "value", "clv_low", "clv_high", "clv"], "elasticities")
    ax = _axes(ax)
    colors = palette(4)
    n = len(table)
    y = np.arange(n)[::-1]  # widest swing on top
    ax.barh(y, np.zeros(n), left=0.0, height=0.6, color=colors[3], gid="tornado-low",
            label=label("chart.tornado.low", lang, pct=_change_pct(table)))
    ax.barh(y, np.zeros(n), left=0.0, height=0.6, color=colors[0], gid="tornado-high",
            label=label("chart.tornado.high", lang, pct=_change_pct(table)))
    ax.axvline(0.0, color="0.3", lw=1, gid="tornado-base")
    ax.set_xlabel(_money_axis("chart.tornado.x", currency, lang))
    ax.xaxis.set_major_formatter(_money_formatter(lang, currency))
    ax.legend(frameon=False, loc="lower right", fontsize="small")
    update_tornado(ax, table, lang=lang)
    return ax


def _change_pct(table: pd.DataFrame) -> str:
    """The ± percentage of a clv_elasticities table, from its aov row (never capped)."""
    row = table.loc[table["driver"] == "aov"]
    if row.empty or row["value"].iloc[0] == 0:
        return "10"
    base = float(row["value"].iloc[0])
    clv = float(row["clv"].iloc[0])
    if clv == 0:
        return "10"
    # clv is linear in aov, so the low bar tells the percentage exactly.
    return f"{100.0 * (1.0 - float(row['clv_low'].iloc[0]) / clv):.0f}" if base else "10"


def update_tornado(ax, elasticities: pd.DataFrame, *, lang="en") -> None:
    """Move the bars of a tornado drawn by :func:`plot_tornado` to a new table (same drivers)."""
    table = elasticities
    low_bars = _bars(ax, "tornado-low")
    high_bars = _bars(ax, "tornado-high")
    base = float(table["clv"].iloc[0])
    for i, row in enumerate(table.itertuples(index=False)):
        lo, hi = float(row.clv_low), float(row.clv_high)
        lo = lo if math.isfinite(lo) else base
        hi = hi if math.isfinite(hi) else base
        low_bars[i].set_x(min(lo, base))
        low_bars[i].set_width(abs(base - lo))
        high_bars[i].set_x(min(hi, base))
        high_bars[i].set_width(abs(hi - base))
    n = len(table)
    ax.set_yticks(np.arange(n)[::-1], [label(f"driver.{d}", lang) for d in table["driver"]])
    for line in ax.lines:
        if line.get_gid() == "tornado-base":
            line.set_xdata([base, base])
    values = np.concatenate([table["clv_low"].to_numpy(float), table["clv_high"].to_numpy(float), [base]])
    values = values[np.isfinite(values)]
    lo, hi = float(values.min()), float(values.max())
    pad = 0.08 * (hi - lo) if hi > lo else max(abs(hi), 1.0) * 0.1
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_title(f"{label('chart.tornado.title', lang, pct=_change_pct(table))}")


def _bars(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid or (p.get_gid() is None and _parent_gid(ax, p) == gid)]


def _parent_gid(ax, patch) -> str | None:
    for container in ax.containers:
        if patch in container.patches:
            return container.get_gid()
    return None


def plot_ltv_cac(channels: pd.DataFrame, *, ltv: str = "ltv", cac: str = "cac", currency: str = "$",
                 target_ratio: float = 3.0, ax=None, lang="en"):
    """Paired bars of LTV and CAC per acquisition channel, annotated with LTV:CAC.

    Parameters
    ----------
    channels : DataFrame
        One row per channel (the index names the channel), e.g. the input or output of
        :func:`clvkit.acquisition.channel_economics`.
    ltv, cac : str
        Column names of the value of a new customer and the cost of acquiring one.
    currency : str
    target_ratio : float
        Ratios below this target are printed in the warning colour.
    ax, lang

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    table = _frame(channels, "channels")
    _require(table, [ltv, cac], "channels")
    ax = _axes(ax)
    colors = palette(4)
    x = np.arange(len(table))
    v = table[ltv].to_numpy(dtype=float)
    c = table[cac].to_numpy(dtype=float)
    ax.bar(x - 0.2, v, width=0.4, color=colors[0], label=label("chart.ltvcac.ltv", lang), gid="ltv")
    ax.bar(x + 0.2, c, width=0.4, color=colors[3], label=label("chart.ltvcac.cac", lang), gid="cac")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = v / c
    for xi, top, r in zip(x, np.maximum(v, c), ratio):
        ax.annotate(label("chart.ltvcac.ratio", lang, ratio=format_number(r, lang, decimals=1)), (xi, top),
                    textcoords="offset points", xytext=(0, 3), ha="center", fontsize="small",
                    color="0.15" if r >= target_ratio else colors[3])
    ax.set_xticks(x, [str(i) for i in table.index])
    ax.set_title(label("chart.ltvcac.title", lang))
    ax.set_xlabel(label("chart.ltvcac.channel", lang))
    ax.set_ylabel(f"{label('chart.ltvcac.ltv', lang)}, {label('chart.ltvcac.cac', lang)} ({currency})")
    ax.yaxis.set_major_formatter(_money_formatter(lang, currency))
    ax.set_ylim(0, 1.15 * float(np.nanmax(np.maximum(v, c))) if len(v) else 1)
    ax.legend(frameon=False)
    return ax


# ================================================================== cohorts, sBG
def plot_cohort_heatmap(table: pd.DataFrame, *, time_unit: str | None = "M", currency: str = "$", ax=None,
                        lang="en"):
    """Heatmap of a cohort table: rows are acquisition cohorts, columns periods since then.

    The title and the colour bar name what the cells hold, from the ``metric``
    that :func:`clvkit.cohort_table` records in ``table.attrs`` (retention when absent).

    Parameters
    ----------
    table : DataFrame
        From :func:`clvkit.cohort_table`: retention (shares in [0, 1]), customers,
        revenue or revenue_per_customer. A table without ``attrs["metric"]`` is read as
        retention when its values are shares, customers when they are whole numbers,
        revenue otherwise.
    time_unit : str, optional
        The table's period ("M", "W", ...), for the axis label.
    currency : str
        Currency of the revenue metrics, shown on the colour bar.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import clvkit as ck
    >>> t = ck.cohort_table(ck.datasets.load_cdnow_transactions(), metric="revenue_per_customer")
    >>> ax = plot_cohort_heatmap(t, lang="ru")   # doctest: +SKIP
    """
    import seaborn as sns

    from .data.cohorts import COHORT_METRICS

    check_lang(lang)
    data = _frame(table, "table")
    values = data.to_numpy(dtype=float)
    metric = data.attrs.get("metric") or _guess_cohort_metric(values)
    if metric not in COHORT_METRICS:
        raise ClvDataError(f"table.attrs['metric'] must be one of {list(COHORT_METRICS)}; got {metric!r}.")
    ax = _axes(ax, figsize=(8, 5))
    # Period 0 is 100% (or the whole cohort) by definition; the colour scale starts from the later periods.
    later = values[:, 1:] if values.shape[1] > 1 else values
    vmax = float(np.nanmax(later)) if np.isfinite(later).any() else 1.0
    shown = data.astype(float)
    shown.index = [str(i) for i in data.index]
    sns.heatmap(
        shown, ax=ax, cmap="viridis", vmin=0.0, vmax=vmax, mask=~np.isfinite(values),
        cbar_kws={"label": cohort_value_label(metric, lang, currency=currency),
                  "format": _cohort_formatter(metric, lang, currency)},
        linewidths=0.3, linecolor="white",
    )
    ax.set_title(label(f"chart.cohort.title.{metric}", lang))
    ax.set_xlabel(_unit_axis("chart.cohort.x", time_unit, lang))
    ax.set_ylabel(label("chart.cohort.y", lang))
    ax.set_yticks(np.arange(len(data)) + 0.5, [str(i) for i in data.index], rotation=0)
    return ax


def cohort_value_label(metric: str, lang: str = "en", *, currency: str = "$") -> str:
    """What the cells of a cohort table hold, as a colour-bar label ("Revenue per acquired customer ($)").

    Examples
    --------
    >>> cohort_value_label("revenue", "en", currency="€")
    'Revenue (€)'
    """
    text = label(f"chart.cohort.value.{metric}", lang)
    return f"{text} ({currency})" if metric in ("revenue", "revenue_per_customer") else text


def _guess_cohort_metric(values: np.ndarray) -> str:
    """The metric of a cohort table that lost its attrs: shares, whole counts, or else money."""
    finite = values[np.isfinite(values)]
    if finite.size == 0 or finite.max() <= 1.0:
        return "retention"
    return "customers" if np.allclose(finite, np.round(finite)) else "revenue"


def _cohort_formatter(metric: str, lang: str, currency: str):
    if metric == "retention":
        return _percent_formatter(lang)
    if metric == "customers":
        return _number_formatter(lang)
    return _money_formatter(lang, currency)


def survival_comparison(survivors=None, *, model=None, periods: int | None = None,
                        constant_retention=None) -> pd.DataFrame:
    """Observed survival and retention of a cohort next to the sBG model and a constant rate.

    Parameters
    ----------
    survivors : sequence of int or Series, optional
        Customers active at the start of each period, period 0 first (as for
        :meth:`clvkit.models.ShiftedBetaGeometric.fit`). Without it, `model` is needed
        and the observed columns are NaN.
    model : ShiftedBetaGeometric, optional
        A fitted (or ``from_params``) sBG model; fitted to `survivors` when None.
    periods : int, optional
        Periods to project (default: twice the observed periods, or 10 without data).
    constant_retention : float, optional
        The constant-retention benchmark. Default with data: the rate that reproduces
        the last observed survival, ``(S_n / S_0) ** (1 / n)``, the "average retention"
        a team would quote; without data: the model's first-period retention S(1).

    Returns
    -------
    DataFrame
        Index period (0..periods); columns observed, sbg, constant (survival shares)
        and observed_retention, sbg_retention, constant_retention (rate of the period,
        NaN for period 0 and for unobserved periods).

    Examples
    --------
    >>> t = survival_comparison([1000, 631, 468, 382, 326])
    >>> round(float(t.loc[1, "observed"]), 3)
    0.631
    """
    from .models import ShiftedBetaGeometric

    if survivors is None:
        if model is None:
            raise ClvDataError("survival_comparison needs survivors (a cohort's counts) or a model, or both.")
        values = None
        n_obs = 5
    else:
        values = ShiftedBetaGeometric._validate_survivors(survivors)
        if model is None:
            model = ShiftedBetaGeometric().fit(values)
        n_obs = values.size - 1
    horizon = 2 * n_obs if periods is None else int(check_number("periods", periods, low=1.0))
    t = np.arange(horizon + 1)
    observed = np.full(t.size, np.nan)
    if values is not None:
        k = min(values.size, t.size)
        observed[:k] = values[:k] / values[0]
    if constant_retention is None:
        if values is not None:
            last = values[-1] / values[0]
            constant_retention = last ** (1.0 / n_obs) if last > 0 else 0.0
        else:
            constant_retention = float(model.survival(1))
    r = check_number("constant_retention", constant_retention, low=0.0, high=1.0)
    sbg = np.asarray(model.survival(t), dtype=float)
    constant = r ** t.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        obs_ret = np.concatenate([[np.nan], observed[1:] / observed[:-1]])
    return pd.DataFrame(
        {
            "observed": observed,
            "sbg": sbg,
            "constant": constant,
            "observed_retention": obs_ret,
            "sbg_retention": np.concatenate([[np.nan], np.asarray(model.retention_rate(t[1:]), dtype=float)]),
            "constant_retention": np.concatenate([[np.nan], np.full(t.size - 1, r)]),
        },
        index=pd.Index(t, name="period"),
    )


def plot_survival(survivors=None, *, model=None, periods=None, constant_retention=None, time_unit: str | None = "Y",
                  fitted_periods: int | None = None, ax=None, lang="en"):
    """Share of a cohort still active: observed, sBG and constant retention.

    A constant retention rate that matches the early periods underestimates
    long-run survival: the sBG line stays above it because the loyal customers remain.

    Parameters
    ----------
    survivors, model, periods, constant_retention
        As in :func:`survival_comparison`; `survivors` may also be its output table.
    time_unit : str, optional
        Length of a period (default "Y").
    fitted_periods : int, optional
        Number of periods the model was fitted on (e.g. ``len(survivors) - 1``): periods
        1..fitted_periods are shaded, so the projection beyond them stands out.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_survival([1000, 631, 468, 382, 326], periods=12, fitted_periods=4)   # doctest: +SKIP
    """
    check_lang(lang)
    table = _comparison(survivors, model, periods, constant_retention)
    ax = _axes(ax)
    _shade_fitted(ax, fitted_periods, lang, start=0.0)
    _draw_curves(ax, table, ("observed", "sbg", "constant"), "survival", lang)
    ax.set_title(label("chart.survival.title", lang))
    ax.set_xlabel(_unit_axis("chart.period", time_unit, lang))
    ax.set_ylabel(label("chart.survival.y", lang))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False)
    return ax


def plot_retention_curves(survivors=None, *, model=None, periods=None, constant_retention=None,
                          time_unit: str | None = "Y", fitted_periods: int | None = None, ax=None, lang="en"):
    """Retention rate by tenure: observed, sBG (rising with tenure) and the constant rate.

    Parameters and Returns as in :func:`plot_survival` (`fitted_periods` shades the
    renewals the model was fitted on).
    """
    check_lang(lang)
    table = _comparison(survivors, model, periods, constant_retention)
    ax = _axes(ax)
    _shade_fitted(ax, fitted_periods, lang, start=0.5)
    _draw_curves(ax, table.iloc[1:], ("observed_retention", "sbg_retention", "constant_retention"), "retention", lang)
    ax.set_title(label("chart.retention.title", lang))
    ax.set_xlabel(_unit_axis("chart.period", time_unit, lang))
    ax.set_ylabel(label("chart.retention.y", lang))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False, loc="lower right")
    return ax


def _comparison(survivors, model, periods, constant_retention) -> pd.DataFrame:
    if isinstance(survivors, pd.DataFrame) and {"observed", "sbg", "constant"} <= set(survivors.columns):
        return survivors
    return survival_comparison(survivors, model=model, periods=periods, constant_retention=constant_retention)


def _shade_fitted(ax, fitted_periods, lang, *, start: float) -> None:
    """Shade the fitted periods from `start`; the band ends half-way to the first projected period."""
    if fitted_periods is None:
        return
    n = check_number("fitted_periods", fitted_periods, low=1.0)
    if n != int(n):
        raise ClvDataError(f"fitted_periods must be a whole number of periods; got {fitted_periods!r}.")
    ax.axvspan(start, n + 0.5, color="0.88", zorder=0, lw=0, gid="fitted-periods",
               label=label("chart.fitted_periods", lang))
    ax.axvline(n + 0.5, color="0.45", ls=":", lw=1.2, zorder=1, gid="fitted-periods-end")


def _draw_curves(ax, table, columns, prefix, lang) -> None:
    colors = palette(4)
    t = table.index.to_numpy(dtype=float)
    obs, sbg, const = columns
    ax.plot(t, table[obs].to_numpy(float), "o", color="0.15", ms=5, label=label("chart.observed", lang),
            gid=f"{prefix}-observed")
    ax.plot(t, table[sbg].to_numpy(float), "-", color=colors[0], lw=2.2, label=label("chart.sbg", lang),
            gid=f"{prefix}-sbg")
    ax.plot(t, table[const].to_numpy(float), "--", color=colors[3], lw=1.8, label=label("chart.constant", lang),
            gid=f"{prefix}-constant")


# ============================================================ BG/NBD-type models
def _grid_axes(model, T, max_frequency, max_recency, n_recency):
    T = check_number("T", T, low=0.0, low_open=True)
    max_f = int(check_number("max_frequency", max_frequency, low=1.0))
    max_r = T if max_recency is None else check_number("max_recency", max_recency, low=0.0, high=T)
    n_r = int(check_number("n_recency", n_recency, low=2.0))
    freqs = np.arange(max_f + 1, dtype=float)
    recs = np.linspace(0.0, max_r, n_r)
    f, r = np.meshgrid(freqs, recs, indexing="ij")
    # Someone with no repeat purchase has recency 0 by definition.
    r = np.where(f == 0, 0.0, r)
    return freqs, recs, f, r, T


def _default_T(model, summary, T):
    if T is not None:
        return T
    if summary is not None:
        return float(np.max(summary["T"]))
    raise ClvDataError("Give T (the customers' age for the matrix), or a summary to take its largest T from.")


def expected_purchases_matrix(model, *, t: float, T: float, max_frequency: int = 20, max_recency=None,
                              n_recency: int = 21) -> pd.DataFrame:
    """Expected purchases in the next `t` periods for each (frequency, recency), at age `T`.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
        Anything with ``predict_purchases(summary, t)``.
    t : float
        Length of the prediction window, in the model's time unit.
    T : float
        Age of the hypothetical customers (time since their first purchase).
    max_frequency : int
        Largest number of repeat purchases shown (rows 0..max_frequency).
    max_recency : float, optional
        Largest recency (default T); columns are `n_recency` points from 0.
    n_recency : int

    Returns
    -------
    DataFrame
        Index frequency, columns recency, values expected purchases.
    """
    t = check_number("t", t, low=0.0, low_open=True)
    freqs, recs, f, r, T = _grid_axes(model, T, max_frequency, max_recency, n_recency)
    frame = _scoring_frame(f.ravel(), r.ravel(), np.full(f.size, T), getattr(model, "time_unit_", None))
    values = np.asarray(model.predict_purchases(frame, t), dtype=float).reshape(f.shape)
    return pd.DataFrame(values, index=pd.Index(freqs.astype(int), name="frequency"),
                        columns=pd.Index(np.round(recs, 2), name="recency"))


def probability_alive_matrix(model, *, T: float, max_frequency: int = 20, max_recency=None,
                             n_recency: int = 21) -> pd.DataFrame:
    """P(alive) for each (frequency, recency) of a customer of age `T`.

    Parameters and Returns as in :func:`expected_purchases_matrix` (values are P(alive)).
    """
    freqs, recs, f, r, T = _grid_axes(model, T, max_frequency, max_recency, n_recency)
    frame = _scoring_frame(f.ravel(), r.ravel(), np.full(f.size, T), getattr(model, "time_unit_", None))
    values = np.asarray(model.probability_alive(frame), dtype=float).reshape(f.shape)
    return pd.DataFrame(values, index=pd.Index(freqs.astype(int), name="frequency"),
                        columns=pd.Index(np.round(recs, 2), name="recency"))


def _matrix_plot(matrix, *, ax, lang, title, cbar, cmap, fmt, time_unit, marker=None):
    check_lang(lang)
    ax = _axes(ax, figsize=(7, 5))
    values = matrix.to_numpy(dtype=float)
    recs = matrix.columns.to_numpy(dtype=float)
    freqs = matrix.index.to_numpy(dtype=float)
    dr = (recs[1] - recs[0]) / 2 if recs.size > 1 else 0.5
    extent = (recs[0] - dr, recs[-1] + dr, freqs[-1] + 0.5, freqs[0] - 0.5)
    image = ax.imshow(values, aspect="auto", cmap=cmap, extent=extent, interpolation="nearest", gid="matrix")
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(cbar)
    if fmt is not None:
        bar.formatter = fmt
        bar.update_ticks()
    ax.set_title(title)
    ax.set_xlabel(_unit_axis("chart.recency", time_unit, lang))
    ax.set_ylabel(label("chart.frequency", lang))
    # frequency counts purchases: a tick at 2.5 purchases would mean nothing
    ax.yaxis.set_major_locator(_integer_locator())
    if marker is not None:
        ax.plot([marker[1]], [marker[0]], marker="*", ms=16, color="white", mec="black", ls="none",
                gid="matrix-marker", label=label("customer.this", lang))
        ax.legend(loc="lower left", frameon=True, fontsize="small")
    return ax


def plot_frequency_recency_matrix(model, *, t: float = 1.0, T=None, summary=None, max_frequency: int = 20,
                                  max_recency=None, ax=None, lang="en"):
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
    """
    check_lang(lang)
    T = _default_T(model, summary, T)
    unit = getattr(model, "time_unit_", None)
    matrix = expected_purchases_matrix(model, t=t, T=T, max_frequency=max_frequency, max_recency=max_recency)
    title = label("chart.fr.title", lang, t=format_number(t, lang, decimals=0), unit=unit_label(unit, lang))
    return _matrix_plot(matrix, ax=ax, lang=lang, title=title, cbar=label("result.expected_purchases", lang),
                        cmap="viridis", fmt=None, time_unit=unit)


def plot_probability_alive_matrix(model, *, T=None, summary=None, max_frequency: int = 20, max_recency=None,
                                  customer=None, ax=None, lang="en"):
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
    """
    check_lang(lang)
    T = _default_T(model, summary, T)
    unit = getattr(model, "time_unit_", None)
    matrix = probability_alive_matrix(model, T=T, max_frequency=max_frequency, max_recency=max_recency)
    return _matrix_plot(matrix, ax=ax, lang=lang, title=label("chart.palive.title", lang),
                        cbar=label("result.p_alive", lang), cmap="magma", fmt=_percent_formatter(lang),
                        time_unit=unit, marker=customer)


def probability_alive_history(model, transactions: pd.DataFrame, *, observation_end=None, time_unit: str | None = None,
                              date_col: str = "date", n_points: int = 200) -> pd.DataFrame:
    """P(alive) of one customer at each moment of their history, from their own purchases.

    At time tau after the first purchase, the customer's summary is frequency = repeat
    purchase days before tau, recency = time of the last of them, T = tau; the model's
    ``probability_alive`` of that summary is the curve. It jumps up at each purchase and
    decays while the customer is silent. The jump reaches 1 only under Pareto/NBD; under
    BG/NBD a customer may drop out right after buying, so after the x-th repeat purchase
    it reaches 1 / (1 + a / (b + x - 1)) < 1 (and 1 / (1 + a / (b + x)) under MBG/NBD).

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    transactions : DataFrame
        The purchases of ONE customer (column `date`); several on a day count as one.
    observation_end : date-like, optional
        End of the curve (default: the last purchase).
    time_unit : str, optional
        Unit of the model (default: the model's ``time_unit_``, else weeks).
    date_col : str
    n_points : int
        Evaluation points between the first purchase and `observation_end` (purchase
        days are always added, just after the purchase).

    Returns
    -------
    DataFrame
        Columns t (time since the first purchase, in `time_unit`), date, frequency,
        recency, p_alive; ``attrs["purchases"]`` holds the purchase times.
    """
    from .units import DAYS_PER_UNIT

    frame = _frame(transactions, "transactions")
    _require(frame, [date_col], "transactions")
    if "customer_id" in frame.columns and frame["customer_id"].nunique() > 1:
        raise ClvDataError(
            f"transactions must hold one customer's purchases, but it has {frame['customer_id'].nunique()} customers; "
            f"select one, e.g. tx[tx.customer_id == 42]."
        )
    unit = time_unit or getattr(model, "time_unit_", None) or "W"
    days = pd.to_datetime(frame[date_col]).dt.normalize()
    occasions = np.sort(days.unique())
    first = pd.Timestamp(occasions[0])
    end = pd.Timestamp(occasions[-1]) if observation_end is None else pd.Timestamp(observation_end)
    if end < first:
        raise ClvDataError(f"observation_end {end.date()} is before the customer's first purchase {first.date()}.")
    per_day = 1.0 / DAYS_PER_UNIT[unit]
    purchase_t = (pd.DatetimeIndex(occasions) - first).days.to_numpy(dtype=float) * per_day
    span = (end - first).days * per_day
    n = int(check_number("n_points", n_points, low=2.0))
    grid = np.unique(np.concatenate([np.linspace(0.0, span, n), purchase_t[purchase_t <= span]]))
    # purchases at or before tau (the first one is not a repeat)
    count = np.searchsorted(purchase_t, grid, side="right")
    frequency = np.maximum(count - 1, 0).astype(float)
    recency = np.where(count > 0, purchase_t[np.maximum(count - 1, 0)], 0.0)
    T = np.maximum(grid, 1e-9)
    scoring = _scoring_frame(frequency, recency, T, getattr(model, "time_unit_", None))
    p = np.asarray(model.probability_alive(scoring), dtype=float)
    out = pd.DataFrame(
        {"t": grid, "date": first + pd.to_timedelta(grid / per_day, unit="D"), "frequency": frequency,
         "recency": recency, "p_alive": p}
    )
    out.attrs["purchases"] = purchase_t
    out.attrs["time_unit"] = unit
    return out


def plot_probability_alive_history(model, transactions: pd.DataFrame, *, observation_end=None, ax=None,
                                   lang="en", **options):
    """One customer's P(alive) through time, with their purchases marked.

    Parameters
    ----------
    model, transactions, observation_end, **options
        As in :func:`probability_alive_history` (or pass its output table as `transactions`).
    ax, lang

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    if isinstance(transactions, pd.DataFrame) and {"t", "p_alive"} <= set(transactions.columns):
        table = transactions
    else:
        table = probability_alive_history(model, transactions, observation_end=observation_end, **options)
    ax = _axes(ax, figsize=(7, 3.5))
    colors = palette(4)
    ax.plot(table["t"], table["p_alive"], color=colors[0], lw=2, gid="palive-history", label=label("result.p_alive", lang))
    purchases = table.attrs.get("purchases", np.array([]))
    ax.plot(purchases, np.ones_like(purchases), "v", color=colors[3], ms=7, ls="none", gid="purchases",
            label=label("chart.purchase", lang))
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_title(label("chart.palive.history.title", lang))
    ax.set_xlabel(_unit_axis("chart.palive.history.x", table.attrs.get("time_unit"), lang))
    ax.set_ylabel(label("result.p_alive", lang))
    ax.legend(frameon=False, loc="lower left")
    return ax


def holdout_by_frequency(model, calibration: pd.DataFrame, holdout: pd.DataFrame, *, max_frequency: int = 7
                         ) -> pd.DataFrame:
    """Mean holdout purchases by calibration frequency: actual vs the model's conditional expectation.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    calibration : DataFrame
        The calibration summary (frequency, recency, T).
    holdout : DataFrame
        From :func:`clvkit.split_calibration_holdout` (frequency_holdout, duration_holdout).
    max_frequency : int
        Frequencies from this one up are pooled into one group (labelled ``max_frequency``).

    Returns
    -------
    DataFrame
        Index frequency (0..max_frequency, the last meaning "and more"); columns customers,
        actual, expected.
    """
    cal = _frame(calibration, "calibration")
    hold = _frame(holdout, "holdout")
    _require(cal, ["frequency", "recency", "T"], "calibration")
    _require(hold, ["frequency_holdout", "duration_holdout"], "holdout")
    if len(cal) != len(hold) or not cal.index.equals(hold.index):
        raise ClvDataError("calibration and holdout must have the same customers in the same order; "
                           "use the two frames returned by split_calibration_holdout.")
    k = int(check_number("max_frequency", max_frequency, low=1.0))
    durations = hold["duration_holdout"].to_numpy(dtype=float)
    # one holdout window for all in the usual case: one vectorised call
    if np.allclose(durations, durations[0]):
        expected = np.asarray(model.predict_purchases(cal, float(durations[0])), dtype=float)
    else:
        expected = np.array([float(np.asarray(model.predict_purchases(cal.iloc[[i]], d))[0])
                             for i, d in enumerate(durations)])
    group = np.minimum(cal["frequency"].to_numpy(dtype=float), k).astype(int)
    frame = pd.DataFrame({"frequency": group, "actual": hold["frequency_holdout"].to_numpy(float),
                          "expected": expected})
    out = frame.groupby("frequency").agg(customers=("actual", "size"), actual=("actual", "mean"),
                                         expected=("expected", "mean"))
    return out


def plot_calibration_holdout(model, calibration, holdout, *, max_frequency: int = 7, ax=None, lang="en"):
    """Actual vs expected mean holdout purchases by calibration frequency (Fader, Hardie & Lee 2005, fig. 3).

    Parameters as in :func:`holdout_by_frequency` (or pass its table as `calibration`
    and None as `holdout`); ax, lang.

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    if holdout is None and isinstance(calibration, pd.DataFrame) and {"actual", "expected"} <= set(calibration.columns):
        table = calibration
    else:
        table = holdout_by_frequency(model, calibration, holdout, max_frequency=max_frequency)
    ax = _axes(ax)
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
    ax.yaxis.set_major_formatter(_number_formatter(lang, 1))
    ax.legend(frameon=False)
    return ax


def predicted_vs_actual(table: pd.DataFrame, *, by: str, predicted: str, actual: str, top: int | None = None
                        ) -> pd.DataFrame:
    """Mean predicted and mean actual value per group, side by side (the numbers of :func:`plot_predicted_vs_actual`).

    Parameters
    ----------
    table : DataFrame
        One row per customer.
    by : str
        Column that defines the groups (e.g. calibration ``frequency``).
    predicted, actual : str
        Columns of the forecast and of what really happened (purchases, revenue, ...).
    top : int, optional
        Groups from this value of `by` up are pooled into one group labelled `top`
        ("7 or more"); needs a numeric `by`.

    Returns
    -------
    DataFrame
        Index the groups (named `by`), columns customers, predicted, actual (means).

    Examples
    --------
    >>> t = pd.DataFrame({"f": [0, 1, 3], "p": [0.0, 2.0, 6.0], "a": [1.0, 1.0, 3.0]})
    >>> predicted_vs_actual(t, by="f", predicted="p", actual="a", top=1)["predicted"].tolist()
    [0.0, 4.0]
    """
    frame = _frame(table, "table")
    _require(frame, [by, predicted, actual], "table")
    values = {}
    for name in (predicted, actual):
        column = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(column)
        if bad.any():
            raise ClvDataError(f"column {name!r} of table has {int(bad.sum())} values that are not finite numbers; "
                               f"fill or drop those rows first.")
        values[name] = column
    groups = frame[by]
    if top is not None:
        k = check_number("top", top)
        numeric = pd.to_numeric(groups, errors="coerce")
        if numeric.isna().any():
            raise ClvDataError(f"top needs a numeric column {by!r}; it has values that are not numbers.")
        groups = numeric.clip(upper=k)
    grouped = pd.DataFrame({"group": groups.to_numpy(), "predicted": values[predicted], "actual": values[actual]})
    out = grouped.groupby("group").agg(customers=("actual", "size"), predicted=("predicted", "mean"),
                                       actual=("actual", "mean"))
    out.index.name = by
    out.attrs["top"] = top
    return out


def plot_predicted_vs_actual(table: pd.DataFrame, *, by: str, predicted: str, actual: str, top: int | None = None,
                             currency: str | None = None, ylabel: str | None = None, xlabel: str | None = None,
                             title: str | None = None, predicted_label: str | None = None,
                             actual_label: str | None = None, ax=None, lang="en"):
    """Bars of the mean forecast next to the mean actual value, per group of customers.

    Parameters
    ----------
    table, by, predicted, actual, top
        As in :func:`predicted_vs_actual`.
    currency : str, optional
        When the values are money: the y axis shows amounts in this currency;
        otherwise plain numbers (purchases, customers).
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
    >>> t = pd.DataFrame({"f": [0, 1, 3], "p": [0.0, 2.0, 6.0], "a": [1.0, 1.0, 3.0]})
    >>> ax = plot_predicted_vs_actual(t, by="f", predicted="p", actual="a", top=1)   # doctest: +SKIP
    """
    check_lang(lang)
    groups = predicted_vs_actual(table, by=by, predicted=predicted, actual=actual, top=top)
    ax = _axes(ax, figsize=(7, 4))
    colors = palette(2)
    x = np.arange(len(groups))
    ax.bar(x - 0.2, groups["predicted"], width=0.4, color=colors[0], gid="predicted",
           label=predicted_label if predicted_label is not None else label("chart.predicted", lang))
    ax.bar(x + 0.2, groups["actual"], width=0.4, color=colors[1], gid="actual",
           label=actual_label if actual_label is not None else label("chart.actual", lang))
    ax.set_xticks(x, group_labels(groups.index, top=top))
    if ylabel is None:
        ylabel = label("chart.predicted_vs_actual.y", lang) + (f" ({currency})" if currency else "")
    ax.set_title(title if title is not None else label("chart.predicted_vs_actual.title", lang))
    ax.set_xlabel(xlabel if xlabel is not None else str(by))
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(_tick_formatter(lang, currency))
    ax.legend(frameon=False)
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


def expected_cumulative_repeat_purchases(model, first_purchase_times, times) -> np.ndarray:
    """Expected repeat purchases of a cohort by calendar time, from a new customer's E[X(t)].

    A customer who made the first purchase at time t0 is expected to have made
    E[X(t - t0)] repeat purchases by time t > t0, so the cohort total is
    ``sum_i E[X(max(t - t0_i, 0))]``. Customers sharing a first-purchase time are
    counted once with a weight, so the work grows with the number of distinct days,
    not customers.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
        Anything with ``expected_purchases(t)`` for a new customer.
    first_purchase_times : array of float
        Each customer's first purchase, on the time axis of `times` (model units).
    times : array of float
        Calendar times at which to evaluate the total.

    Returns
    -------
    ndarray
        Expected cumulative repeat purchases at each of `times`.

    Examples
    --------
    Two customers starting at 0 and 1 under a toy model with E[X(t)] = t: at time 2
    they are expected to have made 2 + 1 = 3 repeat purchases.

    >>> class Toy:
    ...     def expected_purchases(self, t): return np.asarray(t, dtype=float)
    >>> expected_cumulative_repeat_purchases(Toy(), [0.0, 1.0], [2.0]).tolist()
    [3.0]
    """
    t0 = np.asarray(first_purchase_times, dtype=float).ravel()
    times = np.asarray(times, dtype=float).ravel()
    if t0.size == 0:
        raise ClvDataError("first_purchase_times is empty; give at least one customer's first purchase time.")
    if not np.all(np.isfinite(t0)) or not np.all(np.isfinite(times)):
        raise ClvDataError("first_purchase_times and times must be finite numbers.")
    starts, weights = np.unique(t0, return_counts=True)
    elapsed = np.maximum(times[:, None] - starts[None, :], 0.0)
    positive = elapsed > 0
    values = np.zeros_like(elapsed)
    if positive.any():
        values[positive] = np.asarray(model.expected_purchases(elapsed[positive]), dtype=float)
    return values @ weights.astype(float)


def tracking_table(model, transactions: pd.DataFrame, *, calibration_end=None, observation_end=None,
                   time_unit: str | None = None, customer_col: str = "customer_id", date_col: str = "date"
                   ) -> pd.DataFrame:
    """Week-by-week (or per `time_unit`) cumulative repeat purchases: actual and expected.

    The cohort is the customers whose first purchase is on or before `calibration_end`
    (all customers when None). Purchases on the same day are one occasion; the first
    occasion of each customer is not a repeat. Period k covers the days before
    ``start + k * unit``, where start is the cohort's first purchase day.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    transactions : DataFrame
        A transaction log (customer_id, date).
    calibration_end, observation_end : date-like, optional
        End of calibration (marks the cohort) and of the table (default: last purchase).
    time_unit : str, optional
        Unit of the model (default its ``time_unit_``, else weeks).

    Returns
    -------
    DataFrame
        Index period (1, 2, ...); columns date (end of the period), actual, expected.
        ``attrs["calibration_period"]``: the period in which calibration ends (or None).
    """
    from .units import DAYS_PER_UNIT

    frame = _frame(transactions, "transactions")
    _require(frame, [customer_col, date_col], "transactions")
    unit = time_unit or getattr(model, "time_unit_", None) or "W"
    days = pd.to_datetime(frame[date_col]).dt.normalize()
    occasions = pd.DataFrame({"c": frame[customer_col].to_numpy(), "d": days.to_numpy()}).drop_duplicates()
    first = occasions.groupby("c")["d"].transform("min")
    if calibration_end is not None:
        keep = first <= pd.Timestamp(calibration_end)
        occasions, first = occasions[keep], first[keep]
    start = occasions["d"].min()
    end = occasions["d"].max() if observation_end is None else pd.Timestamp(observation_end)
    step = DAYS_PER_UNIT[unit]
    n = int(math.ceil(((end - start).days + 1) / step))
    bounds = np.arange(1, n + 1) * step  # days since start at the end of each period
    repeat_day = (occasions.loc[occasions["d"] > first, "d"] - start).dt.days.to_numpy(dtype=float)
    actual = np.searchsorted(np.sort(repeat_day), bounds, side="left")
    first_days = (occasions.groupby("c")["d"].min() - start).dt.days.to_numpy(dtype=float)
    expected = expected_cumulative_repeat_purchases(model, first_days / step, bounds / step)
    out = pd.DataFrame(
        {"date": start + pd.to_timedelta(bounds, unit="D"), "actual": actual.astype(float), "expected": expected},
        index=pd.Index(np.arange(1, n + 1), name="period"),
    )
    cal = None
    if calibration_end is not None:
        cal = float(((pd.Timestamp(calibration_end) - start).days + 1) / step)
    out.attrs["calibration_period"] = cal
    out.attrs["time_unit"] = unit
    return out


def plot_tracking(model, transactions, *, calibration_end=None, observation_end=None, ax=None, lang="en", **options):
    """Cumulative repeat purchases by week: actual vs the model (Fader, Hardie & Lee 2005, fig. 2).

    Parameters as in :func:`tracking_table` (or pass its output as `transactions`); ax, lang.

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    if isinstance(transactions, pd.DataFrame) and {"actual", "expected"} <= set(transactions.columns):
        table = transactions
    else:
        table = tracking_table(model, transactions, calibration_end=calibration_end,
                               observation_end=observation_end, **options)
    ax = _axes(ax, figsize=(7, 4))
    colors = palette(4)
    x = table.index.to_numpy(dtype=float)
    ax.plot(x, table["actual"], color="0.15", lw=2, label=label("chart.actual", lang), gid="actual")
    ax.plot(x, table["expected"], "--", color=colors[0], lw=2, label=label("chart.model", lang), gid="expected")
    cal = table.attrs.get("calibration_period")
    if cal is not None:
        ax.axvline(cal, color="0.5", ls=":", lw=1.2, label=label("chart.tracking.calibration_end", lang))
    unit = table.attrs.get("time_unit")
    ax.set_title(label("chart.tracking.title", lang))
    ax.set_xlabel(_unit_axis("chart.period", unit, lang))
    ax.set_ylabel(label("chart.tracking.y", lang))
    ax.yaxis.set_major_formatter(_number_formatter(lang))
    ax.legend(frameon=False)
    return ax


# ====================================================== value across customers
def plot_clv_distribution(values, *, bins: int = 40, currency: str = "$", log: bool = False, ax=None, lang="en"):
    """Histogram of CLV across customers (a long right tail is usual).

    Parameters
    ----------
    values : Series, array or DataFrame
        Per-customer CLV (a DataFrame from :func:`clvkit.customer_lifetime_value` uses its
        ``clv`` column).
    bins : int
    currency : str
    log : bool
        Count axis on a log scale.
    ax, lang

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    v = _clv_values(values)
    ax = _axes(ax)
    counts, edges = np.histogram(v, bins=int(check_number("bins", bins, low=1.0)))
    ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=palette(1)[0], edgecolor="white",
           gid="clv-hist")
    if log:
        ax.set_yscale("log")
    ax.set_title(label("chart.clvdist.title", lang))
    ax.set_xlabel(f"CLV ({currency})")
    ax.set_ylabel(label("chart.clvdist.y", lang))
    # "1 250 $" is wide: few round ticks keep the labels apart in both languages
    ax.xaxis.set_major_locator(_few_ticks_locator())
    ax.xaxis.set_major_formatter(_money_formatter(lang, currency))
    return ax


def _few_ticks_locator():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10])


def _clv_values(values) -> np.ndarray:
    if isinstance(values, pd.DataFrame):
        _require(values, ["clv"], "values")
        values = values["clv"]
    v = np.asarray(values, dtype=float).ravel()
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ClvDataError("values must be a non-empty set of finite CLVs (no NaN or infinity).")
    return v


def plot_lorenz(values, *, ax=None, lang="en"):
    """Lorenz curve of value: which share of customers holds which share of value, with the Gini.

    Parameters
    ----------
    values : Series, array or DataFrame
        Per-customer values >= 0 (numbers from :func:`clvkit.segments.lorenz_curve`).
    ax, lang

    Returns
    -------
    matplotlib Axes
    """
    from .segments import gini, lorenz_curve

    check_lang(lang)
    v = _clv_values(values)
    curve = lorenz_curve(v)
    ax = _axes(ax, figsize=(5, 5))
    colors = palette(4)
    ax.plot([0, 1], [0, 1], ":", color="0.5", label=label("chart.lorenz.equality", lang))
    ax.plot(curve["customer_share"], curve["value_share"], color=colors[0], lw=2.2, gid="lorenz",
            label=label("chart.lorenz.gini", lang, g=format_number(gini(v), lang, decimals=2)))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.xaxis.set_major_formatter(_percent_formatter(lang))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_title(label("chart.lorenz.title", lang))
    ax.set_xlabel(label("chart.lorenz.x", lang))
    ax.set_ylabel(label("chart.lorenz.y", lang))
    ax.legend(frameon=False, loc="upper left")
    return ax


def plot_segment_map(segments: pd.DataFrame, *, currency: str = "$", ax=None, lang="en"):
    """Segment map: share of customers vs share of value, bubble size = mean CLV.

    Segments above the diagonal hold more value than their headcount.

    Parameters
    ----------
    segments : DataFrame
        From :func:`clvkit.segments.segment_summary` with ``value=`` (columns
        customer_share, value_share, mean_value); the index names the segments.
    currency, ax, lang

    Returns
    -------
    matplotlib Axes
    """
    check_lang(lang)
    table = _frame(segments, "segments")
    _require(table, ["customer_share", "value_share", "mean_value"], "segments")
    ax = _axes(ax, figsize=(6, 5))
    colors = palette(max(len(table), 1))
    x = table["customer_share"].to_numpy(float)
    y = table["value_share"].to_numpy(float)
    m = np.nan_to_num(table["mean_value"].to_numpy(float), nan=0.0)
    top = max(float(np.max(np.abs(m))), 1e-12)
    sizes = 60 + 1400 * np.abs(m) / top
    ax.scatter(x, y, s=sizes, c=colors[: len(table)], alpha=0.8, edgecolors="white", gid="segments")
    hi = max(float(np.nanmax(np.concatenate([x, y]))) * 1.15, 0.1)
    for (xi, yi, name, mi), (dx, dy) in zip(zip(x, y, table.index, m), _label_offsets(x / hi, y / hi)):
        ax.annotate(f"{segment_name(name, lang)}\n{format_money(mi, lang, currency=currency, decimals=0)}", (xi, yi),
                    textcoords="offset points", xytext=(dx, dy), fontsize="small",
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.6} if dy != 4 else None)
    ax.plot([0, hi], [0, hi], ":", color="0.5")
    ax.set_xlim(0, hi)
    ax.set_ylim(0, hi)
    ax.xaxis.set_major_formatter(_percent_formatter(lang))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_title(label("chart.segments.title", lang))
    ax.set_xlabel(label("chart.segments.x", lang))
    ax.set_ylabel(label("chart.segments.y", lang))
    return ax


def _label_offsets(x: np.ndarray, y: np.ndarray, *, near: float = 0.09, step: float = 22.0) -> list[tuple[float, float]]:
    """Offsets in points that keep labels of nearby points (axes fractions x, y) from overlapping.

    Points are taken from the top; a label whose point lies within `near` of an already
    labelled one is pushed down by `step` points per such neighbour.
    """
    order = np.argsort(-y, kind="stable")
    offsets: list[tuple[float, float]] = [(8.0, 4.0)] * len(x)
    placed: list[int] = []
    for i in order:
        crowd = sum(1 for j in placed if abs(x[i] - x[j]) < 2 * near and abs(y[i] - y[j]) < near)
        offsets[i] = (8.0, 4.0 - step * crowd)
        placed.append(i)
    return offsets


def segment_name(name, lang: str) -> str:
    """The display name of a segment or tier in `lang` (unknown names are shown as given)."""
    key = f"seg.{name}"
    if has(key, lang):
        return label(key, lang)
    text = str(name)
    if lang == "ru":
        text = text.replace("top", label("seg.top", "ru")).replace("rest", label("seg.rest", "ru"))
    return text


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
        raise ClvDataError("contributions must be finite numbers.")
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
    """A waterfall table in the form :func:`draw_waterfall` draws (kinds base/up/down/total).

    Accepts :func:`waterfall_table` output, :func:`clvkit.strategy.waterfall_steps` output
    (kinds "total"/"delta", a ``value`` column) or a :class:`clvkit.strategy.StrategyResult`.
    """
    if hasattr(table, "waterfall") and not isinstance(table, pd.DataFrame):
        table = table.waterfall()
    frame = _frame(table, "waterfall table")
    _require(frame, ["step", "start", "end", "kind"], "waterfall table")
    if set(frame["kind"]) <= {"base", "up", "down", "total"}:
        return frame
    out = frame.copy()
    out["step"] = [_STEP_KEYS.get(str(v), str(v)) for v in frame["step"]]
    change = (frame["end"] - frame["start"]).to_numpy(float)
    kinds = np.where(change >= 0, "up", "down").astype(object)
    kinds[0], kinds[-1] = "base", "total"
    out["kind"] = kinds
    out["change"] = change
    return out


def plot_uplift_waterfall(base, contributions=None, *, total=None, currency: str = "$", ax=None, lang="en"):
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
    >>> ax = plot_uplift_waterfall(1000.0, {"retention": 120.0, "aov": 40.0, "cost": -30.0})   # doctest: +SKIP
    """
    check_lang(lang)
    if isinstance(base, (int, float)) and not isinstance(base, bool):
        table = waterfall_table(base, contributions, total=total)
    else:
        table = normalize_waterfall(base)
    ax = _axes(ax, figsize=(8.0, 4.2))
    draw_waterfall(ax, table, lang=lang, currency=currency)
    ax.set_title(label("chart.waterfall.title", lang))
    ax.set_ylabel(_money_axis("chart.waterfall.y", currency, lang))
    ax.yaxis.set_major_formatter(_money_formatter(lang, currency))
    return ax


def _step_name(step: str, lang: str) -> str:
    if step == "base":
        return label("chart.waterfall.base", lang)
    if step == "total":
        return label("chart.waterfall.total", lang)
    key = f"lever.{step}"
    return label(key, lang) if has(key, lang) else step


def draw_waterfall(ax, table: pd.DataFrame, *, lang="en", currency: str = "$", rescale: bool = True) -> None:
    """Draw (or redraw in place, when the steps are the same) the bars of a waterfall table."""
    colors = palette(4)
    kind_color = {"base": "0.55", "total": colors[0], "up": colors[2], "down": colors[3]}
    lo = np.minimum(table["start"].to_numpy(float), table["end"].to_numpy(float))
    hi = np.maximum(table["start"].to_numpy(float), table["end"].to_numpy(float))
    bars = [p for p in ax.patches if p.get_gid() == "waterfall"]
    if len(bars) != len(table):
        for p in bars:
            p.remove()
        for t in [t for t in ax.texts if t.get_gid() == "waterfall-label"]:
            t.remove()
        x = np.arange(len(table))
        container = ax.bar(x, hi - lo, bottom=lo, width=0.6, color=[kind_color[k] for k in table["kind"]])
        for p in container.patches:
            p.set_gid("waterfall")
        bars = list(container.patches)
        for xi in x:
            ax.text(xi, 0, "", ha="center", va="bottom", fontsize="small", gid="waterfall-label")
    texts = [t for t in ax.texts if t.get_gid() == "waterfall-label"]
    for i, (bar, row) in enumerate(zip(bars, table.itertuples(index=False))):
        bar.set_y(lo[i])
        bar.set_height(hi[i] - lo[i])
        bar.set_color(kind_color[row.kind])
        value = row.end if row.kind in ("base", "total") else row.end - row.start
        sign = "+" if row.kind == "up" else ""
        texts[i].set_text(sign + format_money(value, lang, currency=currency, decimals=0))
        texts[i].set_position((i, hi[i]))
    names = [_step_name(s, lang) for s in table["step"]]
    if [t.get_text() for t in ax.get_xticklabels()] != names:
        ax.set_xticks(np.arange(len(table)), names, rotation=25, ha="right", rotation_mode="anchor")
    if not rescale:
        return
    span = float(np.max(hi)) if len(hi) else 1.0
    floor = float(np.min(lo)) if len(lo) else 0.0
    ax.set_ylim(min(0.0, floor), span * 1.12 if span > 0 else 1.0)
