"""Segments, tiers and value concentration: who the valuable customers are and whom to target.

Plain functions on per-customer DataFrames (a :func:`clvkit.summarize` output, or a
table of CLVs); each returns a new DataFrame or Series and leaves its input alone.
The numbers behind the charts (Lorenz curve, tier shares) come from these functions;
drawing them is left to :mod:`clvkit.plots`.

RFM scores
----------
R, F and M are quantile scores from 1 (worst) to ``bins`` (best) of the time since
the last purchase (``T - recency``, shorter is better), the number of repeat
purchases and the mean order value. Ties never split: every customer with the same
value gets the same score, the one of the first position the tied block occupies in
the sorted order, ``1 + floor(bins * (rank_min - 1) / n)``. So the scores do not
depend on the order of the rows, and a column with many equal values (most customers
with frequency 0) simply uses fewer scores.

Named segments
--------------
:data:`SEGMENT_RULES` is the rule table, kept as data: each row names a segment and
the R and F score ranges (on a 1-5 scale) it covers; the first matching row wins and
the rows cover every (R, F) cell, so every customer gets exactly one segment. With
another number of bins the scores are mapped to the 1-5 scale first.

References
----------
Hughes, A. M. (1994). Strategic Database Marketing. Probus (RFM scoring).
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves
for customer base analysis. Journal of Marketing Research 42(4), 415-430.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._checks import check_number
from ._checks import missing_columns_message
from .errors import ClvDataError
from .i18n import has, label, resolve_lang, text

__all__ = [
    "SEGMENT_RULES",
    "segment_name",
    "clv_tiers",
    "gini",
    "lorenz_curve",
    "retention_targets",
    "rfm_scores",
    "rfm_segments",
    "segment_summary",
    "top_share",
    "upsell_targets",
    "value_concentration",
]

#: The named-segment rule table: first matching row wins; scores on a 1-5 scale.
SEGMENT_RULES = pd.DataFrame(
    [
        ("champions", 4, 5, 4, 5, "bought recently and often: reward them, ask for referrals"),
        ("loyal", 3, 5, 3, 5, "buy regularly: offer loyalty benefits and upsell"),
        ("new", 4, 5, 1, 1, "first purchase recently, no repeat yet: onboard them"),
        ("promising", 3, 5, 1, 2, "recent but infrequent: build the habit with personal offers"),
        ("at risk", 1, 2, 3, 5, "used to buy often but not lately: win them back before they go"),
        ("hibernating", 1, 2, 1, 2, "long ago and rarely: low-cost reactivation or let go"),
    ],
    columns=["segment", "r_min", "r_max", "f_min", "f_max", "action"],
)


# --------------------------------------------------------------------- helpers
def _plain(value):
    """A numpy scalar as a plain Python value, so a message reads 0.0 and not np.float64(0.0)."""
    return value.item() if isinstance(value, np.generic) else value


def _what(what: str) -> str:
    """The reader's name of a table ("summary", "table"): catalogue key ``decisions.what.<what>``."""
    return text(f"decisions.what.{what}")


def _frame(data, what: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ClvDataError(text("decisions.not_a_frame", what=_what(what), type=type(data).__name__))
    if len(data) == 0:
        raise ClvDataError(text("decisions.empty_frame", what=_what(what)))
    return data


def _column(frame: pd.DataFrame, name: str, what: str, *, nonnegative: bool = False) -> np.ndarray:
    if name not in frame.columns:
        raise ClvDataError(missing_columns_message([name], list(frame.columns), what))
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if nonnegative:
        bad |= values < 0
    if bad.any():
        first = frame.index[np.flatnonzero(bad)[0]]
        raise ClvDataError(
            text("decisions.bad_column_nonnegative" if nonnegative else "decisions.bad_column",
                 column=repr(name), what=_what(what), n=int(bad.sum()), first=repr(first),
                 value=repr(_plain(frame[name].loc[first])))
        )
    return values


def _values(values, name: str = "values") -> tuple[np.ndarray, pd.Index | None]:
    index = values.index if isinstance(values, pd.Series) else None
    arr = np.asarray(values, dtype=float).ravel() if not isinstance(values, pd.Series) else values.to_numpy(dtype=float)
    if arr.size == 0:
        raise ClvDataError(text("decisions.values_empty", name=name))
    if not np.all(np.isfinite(arr)):
        raise ClvDataError(text("formulas.not_finite", name=name, n=int((~np.isfinite(arr)).sum())))
    return arr, index


def _quantile_scores(values: np.ndarray, bins: int, *, higher_is_better: bool = True) -> np.ndarray:
    """Scores 1..bins by position in the sorted order; tied values share the score of their block start."""
    v = values if higher_is_better else -values
    rank_min = pd.Series(v).rank(method="min").to_numpy()
    return (1 + np.floor(bins * (rank_min - 1) / v.size)).astype(np.int64)


def _check_bins(bins) -> int:
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 100:
        raise ClvDataError(text("decisions.bins", value=repr(bins)))
    return int(bins)


# ------------------------------------------------------------------------ RFM
def rfm_scores(
    summary: pd.DataFrame,
    *,
    bins: int = 5,
    recency: str = "recency",
    T: str = "T",
    frequency: str = "frequency",
    monetary: str = "monetary_value",
) -> pd.DataFrame:
    """Quantile RFM scores 1..bins per customer (higher is better on every axis).

    R scores the time since the last purchase, ``T - recency`` (shorter scores
    higher); F the number of repeat purchases; M the mean order value. Tied values
    get the same score (see the module docstring).

    Parameters
    ----------
    summary : DataFrame
        One row per customer, e.g. from :func:`clvkit.summarize`.
    bins : int
        Number of score levels (default 5, quintiles).
    recency, T, frequency, monetary : str
        Column names.

    Returns
    -------
    DataFrame
        Same index; columns recency_score, frequency_score, monetary_score,
        rfm (a string such as "545") and rfm_sum.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"frequency": [0, 2, 5], "recency": [0, 20, 30], "T": [30, 30, 31],
    ...                   "monetary_value": [0, 20, 40]})
    >>> rfm_scores(s, bins=3)["rfm"].tolist()
    ['111', '222', '333']

    References
    ----------
    Hughes (1994); Fader, Hardie & Lee (2005), JMR 42(4).
    """
    frame = _frame(summary, "summary")
    k = _check_bins(bins)
    since_last = _column(frame, T, "summary") - _column(frame, recency, "summary")
    if np.any(since_last < -1e-9):
        raise ClvDataError(text("decisions.recency_above_T", recency=repr(recency), T=repr(T)))
    r_score = _quantile_scores(since_last, k, higher_is_better=False)
    f_score = _quantile_scores(_column(frame, frequency, "summary"), k)
    m_score = _quantile_scores(_column(frame, monetary, "summary"), k)
    out = pd.DataFrame(
        {"recency_score": r_score, "frequency_score": f_score, "monetary_score": m_score},
        index=frame.index,
    )
    width = len(str(k))
    out["rfm"] = [
        f"{a:0{width}d}{b:0{width}d}{c:0{width}d}" for a, b, c in zip(r_score, f_score, m_score)
    ]
    out["rfm_sum"] = r_score + f_score + m_score
    return out


def _check_rules(rules: pd.DataFrame) -> pd.DataFrame:
    need = ["segment", "r_min", "r_max", "f_min", "f_max"]
    missing = [c for c in need if c not in getattr(rules, "columns", [])]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(getattr(rules, "columns", [])), "rule table"))
    cells = np.zeros((5, 5), dtype=bool)
    for row in rules.itertuples(index=False):
        cells[int(row.r_min) - 1 : int(row.r_max), int(row.f_min) - 1 : int(row.f_max)] = True
    if not cells.all():
        r, f = np.argwhere(~cells)[0] + 1
        raise ClvDataError(text("decisions.rules_gap", r=int(r), f=int(f)))
    return rules


def rfm_segments(
    summary: pd.DataFrame, *, bins: int = 5, rules: pd.DataFrame | None = None, **columns: str
) -> pd.DataFrame:
    """RFM scores plus a named segment per customer from a rule table.

    Parameters
    ----------
    summary : DataFrame
        One row per customer.
    bins : int
        Number of score levels; scores are mapped to 1-5 before the rules apply.
    rules : DataFrame, optional
        Columns segment, r_min, r_max, f_min, f_max (1-5 scale), first match wins;
        default :data:`SEGMENT_RULES`. It must cover every (R, F) cell.
    **columns : str
        Column names passed to :func:`rfm_scores` (recency, T, frequency, monetary).

    Returns
    -------
    DataFrame
        The columns of :func:`rfm_scores` plus ``segment`` (categorical, in rule order).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"frequency": [0, 1, 2, 3, 9], "recency": [0, 5, 10, 30, 40],
    ...                   "T": [40, 41, 42, 43, 41], "monetary_value": [0, 20, 25, 30, 35]})
    >>> rfm_segments(s)["segment"].tolist()
    ['hibernating', 'hibernating', 'loyal', 'champions', 'champions']
    """
    table = _check_rules(SEGMENT_RULES if rules is None else rules)
    scores = rfm_scores(summary, bins=bins, **columns)
    k = _check_bins(bins)
    # Map scores to the 1-5 scale of the rule table.
    r5 = 1 + np.floor((scores["recency_score"].to_numpy() - 1) * 5 / k).astype(int)
    f5 = 1 + np.floor((scores["frequency_score"].to_numpy() - 1) * 5 / k).astype(int)
    names = list(dict.fromkeys(table["segment"]))
    codes = np.full(len(scores), -1)
    for row in table.itertuples(index=False):
        hit = (codes < 0) & (r5 >= row.r_min) & (r5 <= row.r_max) & (f5 >= row.f_min) & (f5 <= row.f_max)
        codes[hit] = names.index(row.segment)
    out = scores.copy()
    out["segment"] = pd.Categorical.from_codes(codes, categories=names)
    return out


def segment_summary(data: pd.DataFrame, *, by: str = "segment", value: str | None = None) -> pd.DataFrame:
    """Customers per segment (count and share) and, with `value`, total, mean and share of value.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"segment": ["a", "a", "b"], "clv": [1.0, 3.0, 4.0]})
    >>> segment_summary(d, value="clv")["value_share"].tolist()
    [0.5, 0.5]
    """
    frame = _frame(data, "table")
    if by not in frame.columns:
        raise ClvDataError(missing_columns_message([by], list(frame.columns), "table"))
    groups = frame.groupby(by, observed=False, sort=True)
    out = pd.DataFrame({"customers": groups.size()})
    out["customer_share"] = out["customers"] / len(frame)
    if value is not None:
        _column(frame, value, "table")
        total = groups[value].sum()
        out["total_value"] = total
        out["mean_value"] = groups[value].mean()
        grand = float(frame[value].sum())
        out["value_share"] = total / grand if grand != 0 else np.nan
    return out


# ---------------------------------------------------------------------- tiers
def clv_tiers(values, *, cuts: Sequence[float] = (0.01, 0.05, 0.20), labels: Sequence[str] | None = None) -> pd.Series:
    """Assign every customer to a value tier: top 1%, next to 5%, next to 20%, rest.

    Customers are ranked by value (highest first; equal values keep their row order,
    so the result is deterministic). The top ``ceil(cut * n)`` customers fall within
    each cut; the tiers partition the base: every customer is in exactly one.

    Parameters
    ----------
    values : Series or array of float
        Value per customer (e.g. the ``clv`` column).
    cuts : sequence of float
        Increasing cumulative shares in (0, 1) (default 1%, 5%, 20%).
    labels : sequence of str, optional
        ``len(cuts) + 1`` names; default "top 1%", "top 1-5%", "top 5-20%", "rest".

    Returns
    -------
    Series
        Ordered categorical ``tier`` with the index of `values`.

    Examples
    --------
    >>> clv_tiers(list(range(100))).value_counts(sort=False).tolist()
    [1, 4, 15, 80]
    """
    v, index = _values(values)
    c = [check_number("cuts", x, low=0.0, high=1.0, low_open=True, high_open=True) for x in cuts]
    if not c or any(b <= a for a, b in itertools.pairwise(c)):
        raise ClvDataError(text("decisions.cuts", value=repr(cuts)))
    if labels is None:
        pct = [f"{x * 100:g}" for x in c]
        labels = [f"top {pct[0]}%"] + [f"top {a}-{b}%" for a, b in itertools.pairwise(pct)] + ["rest"]
    labels = [str(x) for x in labels]
    if len(labels) != len(c) + 1 or len(set(labels)) != len(labels):
        raise ClvDataError(text("decisions.tier_labels", n=len(c) + 1, value=repr(labels)))
    n = v.size
    order = np.argsort(-v, kind="stable")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    bounds = np.ceil(np.asarray(c) * n).astype(np.int64)
    codes = np.searchsorted(bounds, position, side="right")
    return pd.Series(pd.Categorical.from_codes(codes, categories=labels, ordered=True), index=index, name="tier")


# ------------------------------------------------------------ concentration
def _nonnegative(values) -> tuple[np.ndarray, pd.Index | None]:
    v, index = _values(values)
    if np.any(v < 0):
        raise ClvDataError(text("decisions.negative_values", n=int((v < 0).sum())))
    if v.sum() <= 0:
        raise ClvDataError(text("decisions.zero_total"))
    return v, index


def lorenz_curve(values) -> pd.DataFrame:
    """Points of the Lorenz curve: cumulative share of customers vs share of value (lowest first).

    Returns
    -------
    DataFrame
        Columns customer_share and value_share, n + 1 rows from (0, 0) to (1, 1).

    Examples
    --------
    >>> lorenz_curve([1, 1, 2])["value_share"].round(2).tolist()
    [0.0, 0.25, 0.5, 1.0]
    """
    v, _ = _nonnegative(values)
    s = np.sort(v)
    return pd.DataFrame(
        {
            "customer_share": np.arange(v.size + 1) / v.size,
            "value_share": np.concatenate([[0.0], np.cumsum(s) / s.sum()]),
        }
    )


def gini(values) -> float:
    """Gini coefficient of value across customers: 0 when all are equal, near 1 when one holds all.

    ``G = sum_i (2 i - n - 1) v_(i) / (n * sum v)`` with values sorted ascending
    (i = 1..n), which equals one minus twice the area under the Lorenz curve.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> round(gini([0, 0, 0, 1]), 2)
    0.75
    """
    v, _ = _nonnegative(values)
    return _gini_sorted(np.sort(v))


def _gini_sorted(ascending: np.ndarray) -> float:
    """The Gini coefficient of values already sorted ascending."""
    n = ascending.size
    return float(np.sum((2 * np.arange(1, n + 1) - n - 1) * ascending) / (n * ascending.sum()))


def _top_share_sorted(ascending: np.ndarray, top: float, name: str = "top") -> tuple[int, float]:
    """How many customers the top `top` fraction is (ceil(top * n)), and their share of the total."""
    frac = check_number(name, top, low=0.0, high=1.0, low_open=True)
    k = int(np.ceil(frac * ascending.size))
    return k, float(ascending[ascending.size - k:].sum() / ascending.sum())


def top_share(values, top: float = 0.2) -> float:
    """Share of total value held by the top `top` fraction of customers (ceil(top * n) of them).

    Examples
    --------
    >>> top_share([1, 1, 1, 7], top=0.25)
    0.7
    """
    v, _ = _nonnegative(values)
    return _top_share_sorted(np.sort(v), top)[1]


def value_concentration(values, *, tops: Sequence[float] = (0.01, 0.05, 0.1, 0.2, 0.5)) -> pd.DataFrame:
    """Share of value from the top 1%, 5%, 10%, 20% and 50% of customers, plus the Gini.

    Returns
    -------
    DataFrame
        Index ``top`` (the customer share); columns customers and value_share;
        ``attrs["gini"]`` holds the Gini coefficient.

    Examples
    --------
    >>> value_concentration([1, 1, 1, 7], tops=(0.25,))["value_share"].tolist()
    [0.7]
    """
    v, _ = _nonnegative(values)
    ascending = np.sort(v)  # once, for every share and the Gini
    rows = [(t, *_top_share_sorted(ascending, t, "tops")) for t in tops]
    out = pd.DataFrame(rows, columns=["top", "customers", "value_share"]).set_index("top")
    out.attrs["gini"] = _gini_sorted(ascending)
    return out


# ------------------------------------------------------------- target lists
def retention_targets(
    data: pd.DataFrame,
    *,
    value: str = "clv",
    p_alive: str = "p_alive",
    previous_p_alive: str | None = None,
    top: float = 0.2,
    max_p_alive: float = 0.7,
    min_drop: float = 0.0,
    min_p_alive: float = 0.0,
) -> pd.DataFrame:
    r"""High-value customers whose P(alive) is falling: the list for a retention campaign.

    A customer is on the list when their value is in the top `top` share of the base,
    their P(alive) is at least `min_p_alive` and at most `max_p_alive` and, if
    `previous_p_alive` names a column
    (P(alive) at an earlier date), it fell by more than `min_drop`. The list is sorted
    by **value at risk**, the value a win-back that surely brings the customer back
    would add:

    .. math::

        \text{value if alive} = \frac{\text{CLV}}{P(\text{alive})}, \qquad
        \text{value at risk} = \text{value if alive} \times (1 - P(\text{alive}))
        = \text{value if alive} - \text{CLV}.

    A model's CLV (BG/NBD, Pareto/NBD and their kin) already weighs every future
    purchase by the chance that the customer is alive: it equals P(alive) times what
    the customer is worth if alive. Multiplying it by ``1 - P(alive)`` once more would
    count that chance twice. `value` must therefore be such a model CLV; for a value
    that ignores P(alive) (a historical or simple CLV), value at risk is simply
    ``value * (1 - p_alive)`` and this function does not apply.

    Parameters
    ----------
    data : DataFrame
        One row per customer with the value and P(alive) columns.
    value, p_alive, previous_p_alive : str
        Column names; `value` is the model's CLV (already weighted by P(alive)).
    top : float
        Share of the base counted as high value (default the top 20%).
    max_p_alive : float
        Highest P(alive) still considered at risk.
    min_drop : float
        Smallest fall in P(alive) since the earlier date.
    min_p_alive : float
        Lowest P(alive) kept on the list (default 0: nobody is left out). Below a few per
        cent, CLV / P(alive) divides one tiny number by another, so a customer the model
        has all but written off can rank first on a value if alive that rests on
        nothing but the model's extrapolation, and a win-back rarely reaches someone
        gone that long; a floor such as 0.05 keeps them off.

    Returns
    -------
    DataFrame
        The selected rows (all columns) plus ``value_if_alive`` (what the customer is
        worth if certainly still active) and ``value_at_risk``, highest value at risk
        first.

    References
    ----------
    Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing
    Science 24(2), eq. 10: the conditional expectation is P(alive) times the
    expectation of a customer known to be active.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"clv": [100, 90, 5], "p_alive": [0.25, 0.95, 0.2]})
    >>> out = retention_targets(d, top=0.5)
    >>> out.index.tolist(), out["value_at_risk"].tolist()
    ([0], [300.0])
    """
    frame = _frame(data, "table")
    v = _column(frame, value, "table")
    pa = _column(frame, p_alive, "table")
    if np.any((pa < 0) | (pa > 1)):
        raise ClvDataError(text("decisions.probabilities", column=repr(p_alive)))
    frac = check_number("top", top, low=0.0, high=1.0, low_open=True)
    ceiling = check_number("max_p_alive", max_p_alive, low=0.0, high=1.0)
    drop = check_number("min_drop", min_drop, low=0.0, high=1.0)
    floor = check_number("min_p_alive", min_p_alive, low=0.0, high=1.0)
    k = int(np.ceil(frac * v.size))
    order = np.argsort(-v, kind="stable")
    high = np.zeros(v.size, dtype=bool)
    high[order[:k]] = True
    keep = high & (pa <= ceiling) & (pa >= floor)
    if previous_p_alive is not None:
        before = _column(frame, previous_p_alive, "table")
        keep &= (before - pa) > drop
    gone = keep & (pa == 0) & (v != 0)
    if gone.any():
        raise ClvDataError(text("segments.value_without_p_alive", n=int(gone.sum()), value=repr(value),
                                p_alive=repr(p_alive), first=_plain(frame.index[gone][0])))
    out = frame.loc[keep].copy()
    # CLV = P(alive) x value if alive, so dividing by P(alive) recovers the value if alive; a
    # customer with P(alive) = 0 and CLV = 0 is worth nothing the model can see, alive or not.
    with np.errstate(divide="ignore", invalid="ignore"):
        if_alive = np.where(pa[keep] > 0, v[keep] / np.where(pa[keep] > 0, pa[keep], 1.0), 0.0)
    out["value_if_alive"] = if_alive
    out["value_at_risk"] = if_alive * (1.0 - pa[keep])
    return out.sort_values("value_at_risk", ascending=False, kind="stable")


def upsell_targets(
    data: pd.DataFrame,
    *,
    frequency: str = "frequency",
    order_value: str = "monetary_value",
    min_frequency_quantile: float = 0.75,
    max_order_value_quantile: float = 0.5,
) -> pd.DataFrame:
    """Frequent buyers with a low order value: the list for upsell and cross-sell.

    Selects customers with at least one repeat purchase whose frequency is at or
    above the `min_frequency_quantile` of the repeat buyers and whose order value is
    at or below the `max_order_value_quantile` of the repeat buyers. Sorted by the
    gap to the repeat buyers' median order value times frequency: the revenue a
    move to the median basket would add at the same pace.

    Parameters
    ----------
    data : DataFrame
        One row per customer (e.g. a summary).
    frequency, order_value : str
        Column names.
    min_frequency_quantile, max_order_value_quantile : float
        Quantiles in [0, 1] among repeat buyers.

    Returns
    -------
    DataFrame
        The selected rows plus ``order_value_gap`` and ``upsell_potential``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"frequency": [9, 8, 1, 0], "monetary_value": [10, 50, 40, 0]})
    >>> upsell_targets(d).index.tolist()
    [0]
    """
    frame = _frame(data, "table")
    f = _column(frame, frequency, "table", nonnegative=True)
    m = _column(frame, order_value, "table", nonnegative=True)
    fq = check_number("min_frequency_quantile", min_frequency_quantile, low=0.0, high=1.0)
    mq = check_number("max_order_value_quantile", max_order_value_quantile, low=0.0, high=1.0)
    repeat = f > 0
    if not repeat.any():
        raise ClvDataError(text("decisions.no_repeat_buyers"))
    f_cut = np.quantile(f[repeat], fq)
    m_cut = np.quantile(m[repeat], mq)
    median = np.median(m[repeat])
    keep = repeat & (f >= f_cut) & (m <= m_cut)
    out = frame.loc[keep].copy()
    out["order_value_gap"] = np.maximum(median - m[keep], 0.0)
    out["upsell_potential"] = out["order_value_gap"] * f[keep]
    return out.sort_values("upsell_potential", ascending=False, kind="stable")


def segment_name(name, lang: str | None = None) -> str:
    """The display name of a segment or tier in `lang` (unknown names are shown as given).

    Examples
    --------
    >>> segment_name("at risk", "ru")
    'под угрозой ухода'
    """
    lang = resolve_lang(lang)
    key = f"seg.{name}"
    if has(key, lang):
        return label(key, lang)
    shown = str(name)
    if lang == "ru":
        shown = shown.replace("top", label("seg.top", "ru")).replace("rest", label("seg.rest", "ru"))
    return shown
