"""SegmentExplorer: RFM thresholds and CLV tier cut-offs -> segment sizes, value share, CLV by segment.

Two ways to cut a customer base, both on sliders:

* RFM thresholds: "recent" = bought within the last `recent_within` periods
  (T - recency), "frequent" = at least `frequent_from` repeat purchases; four segments.
* CLV tiers: :func:`clvkit.segments.clv_tiers` with the two cut-offs (top x %, next to y %).

Sizes, value shares and mean CLV come from :func:`clvkit.segments.segment_summary`; the
headline is the share of value held by the top tier (or the most valuable RFM segment).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import traitlets as tr

from .._checks import check_choice, missing_columns_message
from ..errors import ClvDataError
from ..i18n import format_money, format_percent, label, unit_label
from ..segments import clv_tiers, segment_summary
from ._base import Chart, Explorer, State, figures_html, headline_html, slider, with_unit

__all__ = ["SegmentExplorer", "SegmentResult", "SegmentState", "segment_results", "threshold_segments"]

RFM_NAMES = ("recent_frequent", "recent_rare", "lapsed_frequent", "lapsed_rare")


def threshold_segments(summary: pd.DataFrame, *, recent_within: float, frequent_from: int) -> pd.Series:
    """Four RFM segments from two thresholds (plain pandas, no widgets).

    Parameters
    ----------
    summary : DataFrame
        Columns frequency, recency, T.
    recent_within : float
        A customer is recent when ``T - recency <= recent_within``.
    frequent_from : int
        A customer is frequent with at least this many repeat purchases.

    Returns
    -------
    Series
        Categorical with categories recent_frequent, recent_rare, lapsed_frequent, lapsed_rare.

    Examples
    --------
    >>> s = pd.DataFrame({"frequency": [0, 5], "recency": [0.0, 30.0], "T": [40.0, 31.0]})
    >>> threshold_segments(s, recent_within=4, frequent_from=2).tolist()
    ['lapsed_rare', 'recent_frequent']
    """
    missing = [c for c in ("frequency", "recency", "T") if c not in summary.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(summary.columns), "summary"))
    recent = (summary["T"] - summary["recency"]).to_numpy(float) <= float(recent_within)
    frequent = summary["frequency"].to_numpy(float) >= float(frequent_from)
    codes = np.where(recent, np.where(frequent, 0, 1), np.where(frequent, 2, 3))
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(RFM_NAMES)), index=summary.index,
                     name="segment")


@dataclass(frozen=True)
class SegmentResult:
    """Per-segment table (customers, customer_share, total_value, mean_value, value_share) and its kind."""

    by: str
    table: pd.DataFrame


def segment_results(summary: pd.DataFrame, clv, *, by="rfm", recent_within=8.0, frequent_from=2, top_cut=0.05,
                    second_cut=0.2) -> SegmentResult:
    """The SegmentExplorer's table for the slider values (no widgets).

    `by` is "rfm" (thresholds) or "tier" (CLV tiers with cuts `top_cut` < `second_cut`).
    """
    check_choice("by", by, ("rfm", "tier"))
    values = np.asarray(clv, dtype=float)
    if by == "rfm":
        segments = threshold_segments(summary, recent_within=recent_within, frequent_from=frequent_from)
    else:
        a, b = sorted((float(top_cut), float(second_cut)))
        if a == b:
            b = min(a + 0.01, 0.99)
        segments = clv_tiers(pd.Series(values, index=summary.index), cuts=(a, b), labels=("top", "second", "rest"))
    frame = pd.DataFrame({"segment": segments.to_numpy(), "clv": values}, index=summary.index)
    frame["segment"] = pd.Categorical(frame["segment"], categories=list(segments.cat.categories))
    return SegmentResult(by=by, table=segment_summary(frame, value="clv"))


class SegmentState(State):
    """Thresholds and cut-offs; ``result`` is the per-segment table."""

    by = tr.Unicode("rfm")
    recent_within = tr.Float(8.0)
    frequent_from = tr.Int(2)
    top_cut = tr.Float(0.05)
    second_cut = tr.Float(0.2)
    result = tr.Instance(SegmentResult, allow_none=True)

    INPUTS = ("by", "recent_within", "frequent_from", "top_cut", "second_cut")

    def __init__(self, summary, clv, **kwargs):
        self.summary, self.clv = summary, np.asarray(clv, dtype=float)
        super().__init__(**kwargs)

    def compute(self) -> SegmentResult:
        return segment_results(self.summary, self.clv, **self.inputs())


def _segment_label(name: str, lang: str, cuts=(0.05, 0.2)) -> str:
    a, b = (format_percent(c, lang, decimals=0) for c in sorted(cuts))
    if name == "top":
        return f"{label('seg.top', lang)} {a}"
    if name == "second":
        return f"{a}–{b}"
    return label(f"seg.{name}", lang)


class SegmentExplorer(Explorer):
    """RFM thresholds and CLV tier cut-offs -> segment sizes, value share and CLV by segment.

    Parameters
    ----------
    summary : DataFrame
        Per-customer summary (frequency, recency, T).
    clv : Series, array or DataFrame
        CLV per customer in the order of `summary` (a :func:`clvkit.customer_lifetime_value`
        table uses its ``clv`` column).
    by : {"rfm", "tier"}
    recent_within, frequent_from, top_cut, second_cut
        Initial thresholds (see :func:`segment_results`).
    currency : str, optional
        Currency of the CLV; the current currency when None.
    lang : {"en", "ru"}, optional
        The current language when None.
    """

    def __init__(self, summary: pd.DataFrame, clv, *, by="rfm", recent_within=8.0, frequent_from=2, top_cut=0.05,
                 second_cut=0.2, currency=None, lang=None):
        import ipywidgets as w

        self.lang = lang = self._check_lang(lang)
        self.currency = currency
        if isinstance(clv, pd.DataFrame):
            clv = clv["clv"]
        self.state = SegmentState(summary, clv, by=by, recent_within=float(recent_within),
                                  frequent_from=int(frequent_from), top_cut=top_cut, second_cut=second_cut)
        unit = unit_label(summary.attrs.get("time_unit"), lang)
        max_gap = float(np.max(summary["T"] - summary["recency"]))
        self.controls = {
            "by": w.ToggleButtons(options=[(label("segment.rfm", lang), "rfm"), (label("segment.tier", lang), "tier")],
                                  value=by, description=label("segment.by", lang)),
            "recent_within": slider("float", lang=lang, value=float(recent_within), low=1, high=max(max_gap, 2.0), step=1,
                                    fmt=".0f", name="recent_within", description=with_unit('segment.r_cut', unit, lang)),
            "frequent_from": slider("int", lang=lang, value=int(frequent_from), low=1, high=20, step=1, name="frequent_from",
                                    description=label("segment.f_cut", lang)),
            "top_cut": slider("float", lang=lang, value=top_cut, low=0.01, high=0.5, step=0.01, fmt=".0%", name="top_cut",
                              description=f"{label('segment.tiers', lang)} 1"),
            "second_cut": slider("float", lang=lang, value=second_cut, low=0.02, high=0.9, step=0.01, fmt=".0%",
                                 name="second_cut", description=f"{label('segment.tiers', lang)} 2"),
        }
        for name, control in self.controls.items():
            w.link((control, "value"), (self.state, name))
        self._build_view(title_key="chart.segments.title", controls=list(self.controls.values()),
                         chart=Chart(figsize=(8.0, 3.6)))
        self._drawn_by = None
        self.state.observe(self.refresh, names="result")
        self.refresh()

    def _draw(self) -> None:
        from ..plots import palette, percent_formatter

        colors = palette(4)
        ax = self.chart.axes[0]
        ax.clear()
        table = self.state.result.table
        x = np.arange(len(table))
        self.customer_bars = ax.bar(x - 0.2, np.zeros(len(x)), width=0.4, color=colors[0],
                                    label=label("chart.segments.x", self.lang)).patches
        self.value_bars = ax.bar(x + 0.2, np.zeros(len(x)), width=0.4, color=colors[2],
                                 label=label("chart.segments.y", self.lang)).patches
        self.texts = [ax.text(xi + 0.2, 0, "", ha="center", va="bottom", fontsize="small") for xi in x]
        ax.set_xticks(x, self._names())
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(percent_formatter(self.lang))
        ax.set_title(label("chart.segments.title", self.lang))
        ax.set_ylabel(label("segment.share", self.lang))
        ax.legend(frameon=False, loc="upper right")
        self.chart.set_dynamic([*self.customer_bars, *self.value_bars, *self.texts])
        self._drawn_by = self.state.by

    def _names(self) -> list[str]:
        cuts = (self.state.top_cut, self.state.second_cut)
        return [_segment_label(str(s), self.lang, cuts) for s in self.state.result.table.index]

    def _update(self) -> None:
        r, lang = self.state.result, self.lang
        if self._drawn_by != r.by:
            self._draw()
        t = r.table
        names = self._names()
        ax = self.chart.axes[0]
        if [x.get_text() for x in ax.get_xticklabels()] != names:
            ax.set_xticks(np.arange(len(names)), names)
        money = lambda v: format_money(v, lang, currency=self.currency, decimals=0)
        self.headline.value = headline_html(
            f"{label('result.value_share', lang)}: {names[0]}",
            format_percent(float(t["value_share"].iloc[0]), lang), key="value_share")
        self.figures.value = figures_html([
            (f"mean_value_{s}", f"{label('chart.segments.clv', lang)}: {name}",
             f"{money(row.mean_value)} · {int(row.customers)}")
            for s, name, row in zip(t.index, names, t.itertuples())
        ])
        for bar, v in zip(self.customer_bars, t["customer_share"].to_numpy(float)):
            bar.set_height(v)
        values = np.nan_to_num(t["value_share"].to_numpy(float))
        for bar, text, v, m in zip(self.value_bars, self.texts, values, t["mean_value"].to_numpy(float)):
            bar.set_height(v)
            text.set_position((text.get_position()[0], v))
            text.set_text(money(m) if np.isfinite(m) else "")
