"""Charts of retention: cohort heatmaps, and survival and retention of a cohort against the sBG model."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_number
from ..diagnostics import survival_comparison
from ..errors import ClvDataError
from ..i18n import label, resolve_lang, text
from ._common import frame
from ._style import (
    money_formatter,
    money_label,
    new_axes,
    number_formatter,
    palette,
    percent_formatter,
    unit_axis_label,
)

__all__ = ["cohort_value_label", "plot_cohort_heatmap", "plot_retention_curves", "plot_survival"]


def plot_cohort_heatmap(table: pd.DataFrame, *, time_unit: str | None = "M", currency: str | None = None, ax=None,
                        lang: str | None = None):
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
    currency : str, optional
        Currency of the revenue metrics, shown on the colour bar; the current one when None.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import clvkit as ck
    >>> t = ck.cohort_table(ck.datasets.load_cdnow_transactions(), metric="retention")
    >>> ax = plot_cohort_heatmap(t)
    """
    import seaborn as sns

    from ..data.cohorts import COHORT_METRICS

    lang = resolve_lang(lang)
    data = frame(table, "table")
    values = data.to_numpy(dtype=float)
    metric = data.attrs.get("metric") or _guess_cohort_metric(values)
    if metric not in COHORT_METRICS:
        raise ClvDataError(text("plots.cohort_metric", options=list(COHORT_METRICS), value=repr(metric)))
    ax = new_axes(ax, figsize=(8, 5))
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
    ax.set_xlabel(unit_axis_label("chart.cohort.x", time_unit, lang))
    ax.set_ylabel(label("chart.cohort.y", lang))
    # every k-th cohort is named when the rows are too thin for a label each
    step = _label_step(ax, len(data))
    rows = np.arange(0, len(data), step)
    ax.set_yticks(rows + 0.5, [str(data.index[i]) for i in rows], rotation=0)
    return ax


def _label_step(ax, n: int) -> int:
    """Every how many rows a tick label fits: a label needs about 1.6 times its font size of height."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    size = FontProperties(size=rcParams["ytick.labelsize"]).get_size_in_points()
    height = ax.get_position().height * ax.figure.get_figheight() * 72.0
    return max(1, int(np.ceil(n * 1.6 * size / max(height, 1.0))))


def cohort_value_label(metric: str, lang: str | None = None, *, currency: str | None = None) -> str:
    """What the cells of a cohort table hold, as a colour-bar label ("Revenue per acquired customer ($)").

    Examples
    --------
    >>> cohort_value_label("revenue", "en", currency="€")
    'Revenue (€)'
    """
    if metric in ("revenue", "revenue_per_customer"):
        return money_label(f"chart.cohort.value.{metric}", currency, lang)
    return label(f"chart.cohort.value.{metric}", lang)


def _guess_cohort_metric(values: np.ndarray) -> str:
    """The metric of a cohort table that lost its attrs: shares, whole counts, or else money."""
    finite = values[np.isfinite(values)]
    if finite.size == 0 or finite.max() <= 1.0:
        return "retention"
    return "customers" if np.allclose(finite, np.round(finite)) else "revenue"


def _cohort_formatter(metric: str, lang: str, currency: str):
    if metric == "retention":
        return percent_formatter(lang)
    if metric == "customers":
        return number_formatter(lang)
    return money_formatter(lang, currency)


def plot_survival(survivors=None, *, model=None, periods=None, constant_retention=None, time_unit: str | None = "Y",
                  fitted_periods: int | None = None, ax=None, lang: str | None = None):
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
    >>> ax = plot_survival([1000, 631, 468, 382, 326], periods=12, fitted_periods=4)
    """
    lang = resolve_lang(lang)
    table = _comparison(survivors, model, periods, constant_retention)
    ax = new_axes(ax)
    _shade_fitted(ax, fitted_periods, lang, start=0.0)
    _draw_curves(ax, table, ("observed", "sbg", "constant"), "survival", lang)
    ax.set_title(label("chart.survival.title", lang))
    ax.set_xlabel(unit_axis_label("chart.period", time_unit, lang))
    ax.set_ylabel(label("chart.survival.y", lang))
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False)
    return ax


def plot_retention_curves(survivors=None, *, model=None, periods=None, constant_retention=None,
                          time_unit: str | None = "Y", fitted_periods: int | None = None, ax=None,
                          lang: str | None = None):
    """Retention rate by tenure: observed, sBG (rising with tenure) and the constant rate.

    Parameters and Returns as in :func:`plot_survival` (`fitted_periods` shades the
    renewals the model was fitted on).

    Examples
    --------
    >>> ax = plot_retention_curves([1000, 631, 468, 382, 326], periods=12, fitted_periods=4)
    """
    lang = resolve_lang(lang)
    table = _comparison(survivors, model, periods, constant_retention)
    ax = new_axes(ax)
    _shade_fitted(ax, fitted_periods, lang, start=0.5)
    _draw_curves(ax, table.iloc[1:], ("observed_retention", "sbg_retention", "constant_retention"), "retention", lang)
    ax.set_title(label("chart.retention.title", lang))
    ax.set_xlabel(unit_axis_label("chart.period", time_unit, lang))
    ax.set_ylabel(label("chart.retention.y", lang))
    ax.yaxis.set_major_formatter(percent_formatter(lang))
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
        raise ClvDataError(text("plots.fitted_periods", value=repr(fitted_periods)))
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


