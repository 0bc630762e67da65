"""Charts of value across customers: the CLV distribution, the Lorenz curve and the segment map."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_number
from ..i18n import format_money, format_number, label, resolve_lang
from ..segments import segment_name
from ._common import clv_values, frame, require
from ._style import few_ticks_locator, money_formatter, money_label, new_axes, number_formatter, palette, percent_formatter
from .drawing import place_labels

__all__ = ["plot_clv_distribution", "plot_lorenz", "plot_segment_map", "segment_name"]


def plot_clv_distribution(values, *, bins: int = 40, currency: str | None = None, log: bool = False, ax=None,
                          lang: str | None = None):
    """Histogram of CLV across customers (a long right tail is usual).

    Parameters
    ----------
    values : Series, array or DataFrame
        Per-customer CLV (a DataFrame from :func:`clvkit.customer_lifetime_value` uses its
        ``clv`` column).
    bins : int
    currency : str, optional
        Currency of the values; the current currency when None.
    log : bool
        Count axis on a log scale.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import numpy as np
    >>> ax = plot_clv_distribution(np.random.default_rng(1).exponential(120.0, 500))
    """
    lang = resolve_lang(lang)
    v = clv_values(values)
    ax = new_axes(ax)
    counts, edges = np.histogram(v, bins=int(check_number("bins", bins, low=1.0)))
    ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=palette(1)[0], edgecolor="white",
           gid="clv-hist")
    if log:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(number_formatter(lang))
    ax.set_title(label("chart.clvdist.title", lang))
    ax.set_xlabel(money_label("chart.clvdist.x", currency, lang))
    ax.set_ylabel(label("chart.clvdist.y", lang))
    # "1 250 $" is wide: few round ticks keep the labels apart in both languages
    ax.xaxis.set_major_locator(few_ticks_locator())
    ax.xaxis.set_major_formatter(money_formatter(lang, currency))
    return ax


def plot_lorenz(values, *, ax=None, lang: str | None = None):
    """Lorenz curve of value: which share of customers holds which share of value, with the Gini.

    Parameters
    ----------
    values : Series, array or DataFrame
        Per-customer values >= 0 (numbers from :func:`clvkit.segments.lorenz_curve`).
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import numpy as np
    >>> ax = plot_lorenz(np.random.default_rng(1).exponential(120.0, 500))
    """
    from ..segments import gini, lorenz_curve

    lang = resolve_lang(lang)
    v = clv_values(values)
    curve = lorenz_curve(v)
    ax = new_axes(ax, figsize=(5, 5))
    colors = palette(4)
    ax.plot([0, 1], [0, 1], ":", color="0.5", label=label("chart.lorenz.equality", lang))
    ax.plot(curve["customer_share"], curve["value_share"], color=colors[0], lw=2.2, gid="lorenz",
            label=label("chart.lorenz.gini", lang, g=format_number(gini(v), lang, decimals=2)))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.xaxis.set_major_formatter(percent_formatter(lang))
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_title(label("chart.lorenz.title", lang))
    ax.set_xlabel(label("chart.lorenz.x", lang))
    ax.set_ylabel(label("chart.lorenz.y", lang))
    ax.legend(frameon=False, loc="upper left")
    return ax


def plot_segment_map(segments: pd.DataFrame, *, currency: str | None = None, horizon: str | None = None, ax=None,
                     lang: str | None = None):
    """Segment map: share of customers vs share of value, bubble size = mean CLV.

    Segments above the diagonal hold more value than their headcount. Each bubble is
    labelled with the segment and its mean CLV; labels are placed so that none overlaps
    another, with a thin leader line when a label had to move away from its bubble. A
    note under the chart says what the bubble size and the figure are, with the horizon
    of the CLV when `horizon` gives it.

    Parameters
    ----------
    segments : DataFrame
        From :func:`clvkit.segments.segment_summary` with ``value=`` (columns
        customer_share, value_share, mean_value); the index names the segments.
    currency : str, optional
        Currency of the mean CLV; the current currency when None.
    horizon : str, optional
        The horizon the CLV was computed over, as given to
        :func:`clvkit.customer_lifetime_value` ("12 months", "52 weeks", "1 year"); the note
        names it ("over the next 12 months"). When None the note names no horizon.
    ax, lang

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> seg = pd.DataFrame({"customer_share": [0.05, 0.06, 0.04, 0.35, 0.5],
    ...                     "value_share": [0.45, 0.2, 0.05, 0.2, 0.1],
    ...                     "mean_value": [900.0, 330.0, 125.0, 57.0, 20.0]},
    ...                    index=["champions", "loyal", "new", "at risk", "hibernating"])
    >>> ax = plot_segment_map(seg)
    """
    lang = resolve_lang(lang)
    table = frame(segments, "segments")
    require(table, ["customer_share", "value_share", "mean_value"], "segments")
    note = _segment_map_note(horizon, lang)
    ax = new_axes(ax, figsize=(6, 5))
    colors = palette(max(len(table), 1))
    x = table["customer_share"].to_numpy(float)
    y = table["value_share"].to_numpy(float)
    m = np.nan_to_num(table["mean_value"].to_numpy(float), nan=0.0)
    top = max(float(np.max(np.abs(m))), 1e-12)
    sizes = 60 + 1400 * np.abs(m) / top
    ax.scatter(x, y, s=sizes, c=colors[: len(table)], alpha=0.8, edgecolors="white", gid="segments")
    hi = max(float(np.nanmax(np.concatenate([x, y]))) * 1.15, 0.1)
    ax.plot([0, hi], [0, hi], ":", color="0.5")
    # a margin below and left of zero leaves room for the labels of the small segments near the origin
    ax.set_xlim(-0.04 * hi, hi)
    ax.set_ylim(-0.04 * hi, hi)
    ax.xaxis.set_major_formatter(percent_formatter(lang))
    ax.yaxis.set_major_formatter(percent_formatter(lang))
    ax.set_title(label("chart.segments.title", lang))
    ax.set_xlabel(label("chart.segments.x", lang))
    ax.set_ylabel(label("chart.segments.y", lang))
    texts = [f"{segment_name(name, lang)}\n{format_money(mi, lang, currency=currency, decimals=0)}"
             for name, mi in zip(table.index, m)]
    # scatter sizes are areas in points squared: the label starts outside the bubble's radius
    place_labels(ax, list(zip(x, y)), texts, clearance=np.sqrt(sizes) / 2, gid="segment-label")
    # under the axis label, outside the plot, where no bubble or label can be
    ax.annotate(note, xy=(0.0, 0.0), xycoords="axes fraction", xytext=(0, -40), textcoords="offset points",
                ha="left", va="top", fontsize="small", color="0.35", gid="segment-map-note")
    return ax


def _segment_map_note(horizon, lang: str) -> str:
    """What the bubble size and the figure of the segment map are, over `horizon` when given."""
    from ..errors import ClvDataError
    from ..i18n import text
    from ..units import parse_duration

    if horizon is None:
        return text("segment_map.note", lang)
    if not isinstance(horizon, str):
        raise ClvDataError(text("segment_map.horizon_unit", lang, value=repr(horizon)))
    # the horizon in the largest unit that counts it whole: "1 year" is 12 months, "90 days" stays days
    for unit in ("M", "W", "D"):
        n = parse_duration(horizon, unit)
        if abs(n - round(n)) < 1e-6 and round(n) > 0:
            return text(f"segment_map.note.{unit}", lang, n=int(round(n)))
    return text("segment_map.note.D", lang, n=round(parse_duration(horizon, "D"), 1))
