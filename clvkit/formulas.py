"""Closed-form CLV arithmetic: the formulas a marketer meets first.

Every function here is plain arithmetic on a few numbers a team already knows
(average order value, purchases per period, margin, retention, discount rate). They
make the textbook assumptions explicit, and the probability models in
:mod:`clvkit.models` relax them one by one.

Conventions
-----------
* A *period* is whatever the inputs are measured in (a month, a year): the
  retention rate, the discount rate and the margin must all refer to the same period.
* ``timing="end"``: the first margin arrives one period from now and only if the
  customer is retained, so the infinite-horizon value is ``m * r / (1 + d - r)``.
  ``timing="begin"``: the first margin arrives now, for sure, so the value is
  ``m * (1 + d) / (1 + d - r)``.
* Retention may be one number (the same rate every period) or a sequence of
  period-specific rates ``r_1, r_2, ...``; survival to period t is then the
  cumulative product, and after the last given rate the last rate carries on.

References
----------
Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive
Marketing 17(1), 9-24.
Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual
setting: the perils of ignoring heterogeneity. Marketing Science 29(1), 85-93.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._checks import check_choice, check_number
from ._checks import missing_columns_message
from .errors import ClvDataError
from .i18n import text

__all__ = [
    "clv_elasticities",
    "cumulative_value",
    "dcf_clv",
    "historical_clv",
    "ltv_cac_ratio",
    "max_acquisition_cost",
    "payback_from_cash_flows",
    "payback_period",
    "simple_clv",
]


# --------------------------------------------------------------------- helpers
def _check_retention(retention) -> float | np.ndarray:
    """A retention rate in [0, 1], or a non-empty sequence of them, checked."""
    if isinstance(retention, (str, bytes)):
        raise ClvDataError(text("formulas.retention_type", value=repr(retention)))
    if np.ndim(retention) == 0:
        return check_number("retention", retention, low=0.0, high=1.0)
    try:
        values = np.asarray(retention, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ClvDataError(text("formulas.retention_type", value=repr(retention))) from None
    if values.size == 0:
        raise ClvDataError(text("formulas.retention_empty"))
    bad = ~np.isfinite(values) | (values < 0) | (values > 1)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ClvDataError(text("formulas.retention_range", period=i + 1, value=repr(float(values[i]))))
    return values


def _survival(retention: float | np.ndarray, t: np.ndarray) -> np.ndarray:
    """Probability of still being a customer at period t (t = 0, 1, 2, ...).

    Survival is the product of the retention rates of periods 1..t; with a sequence of
    rates, the last rate applies to every later period.
    """
    t = np.asarray(t, dtype=int)
    if np.ndim(retention) == 0:
        with np.errstate(divide="ignore"):
            return np.power(float(retention), t.astype(float))
    rates = np.asarray(retention, dtype=float)
    k = rates.size
    cum = np.concatenate([[1.0], np.cumprod(rates)])
    inside = cum[np.minimum(t, k)]
    extra = np.maximum(t - k, 0).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        tail = np.where(extra > 0, np.power(rates[-1], extra), 1.0)
    return inside * tail


def _discount(d: float, t: np.ndarray) -> np.ndarray:
    """Discount factors 1 / (1 + d)^t, computed without overflow for long horizons."""
    return np.exp(-np.asarray(t, dtype=float) * math.log1p(d))


def _check_cost(cost_per_period) -> float:
    """A retention or servicing cost per customer per period: a finite number, 0 or more.

    A negative cost would be a payment to the company; a cost is given as a positive amount and
    subtracted, so a sign is never guessed.
    """
    cost = check_number("cost_per_period", cost_per_period)
    if cost < 0:
        raise ClvDataError(text("retention_cost.negative", value=repr(cost_per_period)))
    return cost


def _check_periods(periods, name: str = "periods") -> int:
    value = check_number(name, periods, low=1.0)
    if value != math.floor(value):
        raise ClvDataError(text("formulas.whole_periods", name=name, value=repr(periods)))
    return int(value)


# ------------------------------------------------------------------ formulas
def simple_clv(aov, purchases_per_period, margin, lifetime_periods, *, cost_per_period=0.0) -> float:
    """The back-of-the-envelope CLV: margin earned per period times the expected lifetime.

    ``CLV = (aov * purchases_per_period * margin - cost_per_period) * lifetime_periods``

    No discounting and no churn inside the lifetime: it is the first number a team
    writes down, and a ceiling that the other formulas bring down to earth.

    Parameters
    ----------
    aov : float
        Average order value (revenue per purchase), >= 0.
    purchases_per_period : float
        Purchases per customer per period, >= 0.
    margin : float
        Gross margin as a fraction of revenue, in [0, 1] (0.3 for 30 %).
    lifetime_periods : float
        Expected customer lifetime in periods, >= 0.
    cost_per_period : float, optional
        Retention or servicing cost per customer per period, >= 0.

    Returns
    -------
    float
        The customer lifetime value in the currency of `aov`.

    Examples
    --------
    A customer who orders 2 times a month at 50, with a 30 % margin and a 3 euro
    monthly servicing cost, for 24 months: (50 * 2 * 0.3 - 3) * 24 = 27 * 24 = 648.

    >>> simple_clv(50, 2, 0.3, 24, cost_per_period=3)
    648.0

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive
    Marketing 17(1), 9-24.
    """
    aov = check_number("aov", aov, low=0.0)
    freq = check_number("purchases_per_period", purchases_per_period, low=0.0)
    margin = check_number("margin", margin, low=0.0, high=1.0)
    life = check_number("lifetime_periods", lifetime_periods, low=0.0)
    cost = _check_cost(cost_per_period)
    return (aov * freq * margin - cost) * life


def historical_clv(summary_or_transactions, *, margin=1.0) -> pd.Series:
    """Value each customer has brought so far: total spend to date times the margin.

    ``historical CLV_i = margin * sum of customer i's amounts``

    Parameters
    ----------
    summary_or_transactions : DataFrame
        Either a clvkit summary (index customer_id, column ``total_amount``) or a
        transaction log (columns ``customer_id`` and ``amount``, one row per purchase).
    margin : float, optional
        Gross margin as a fraction of revenue, in [0, 1]; 1.0 (the default) gives revenue.

    Returns
    -------
    Series
        Value to date per customer, indexed by customer_id, named ``historical_clv``.

    Examples
    --------
    Customer "a" spent 10 + 30 = 40 and "b" spent 5; at a 50 % margin that is 20 and 2.5.

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "amount": [10.0, 30.0, 5.0]})
    >>> historical_clv(tx, margin=0.5).to_dict()
    {'a': 20.0, 'b': 2.5}

    References
    ----------
    Kumar, V. & Reinartz, W. (2016). Creating enduring customer value. Journal of
    Marketing 80(6), 36-68 (historical vs forward-looking value).
    """
    margin = check_number("margin", margin, low=0.0, high=1.0)
    data = summary_or_transactions
    if not isinstance(data, pd.DataFrame):
        raise ClvDataError(text("formulas.historical_type", type=type(data).__name__))
    if "total_amount" in data.columns:
        values = pd.to_numeric(data["total_amount"], errors="coerce")
        source, column = "summary", "total_amount"  # `source` names a catalogue key formulas.source.*
        totals = values
    elif {"customer_id", "amount"} <= set(data.columns):
        values = pd.to_numeric(data["amount"], errors="coerce")
        source, column = "transactions", "amount"
        totals = None
    else:
        missing = ["total_amount"] if "customer_id" not in data.columns else ["amount"]
        raise ClvDataError(missing_columns_message(missing, list(data.columns), "summary or transaction log"))
    bad = ~np.isfinite(values.to_numpy(dtype=float))
    if bad.any():
        raise ClvDataError(
            text("formulas.not_numeric", column=repr(column), source=text(f"formulas.source.{source}"),
                 n=int(bad.sum()))
        )
    if totals is None:
        totals = values.groupby(data["customer_id"].to_numpy(), sort=True).sum()
        totals.index.name = "customer_id"
    else:
        totals = totals.copy()
        if totals.index.name is None:
            totals.index.name = "customer_id"
    return (totals * margin).astype(float).rename("historical_clv")


def dcf_clv(margin_per_period, retention, discount_rate, *, periods=None, timing="end",
            cost_per_period=0.0) -> float:
    """Discounted-cash-flow CLV: expected margins, weighted by survival and discounted.

    Infinite horizon (``periods=None``) with a constant retention rate r::

        timing="end":   CLV = (m - c) * r / (1 + d - r)
        timing="begin": CLV = (m - c) * (1 + d) / (1 + d - r)

    Finite horizon of ``periods`` margins, with survival S_t = r_1 * ... * r_t::

        timing="end":   CLV = sum_{t=1..periods}   (m - c) * S_t / (1 + d)^t
        timing="begin": CLV = sum_{t=0..periods-1} (m - c) * S_t / (1 + d)^t

    ``c`` is the retention or servicing cost per customer per period (0 by default): it is paid
    in every period in which a margin is counted, for a customer still there, so it is weighted by
    the same survival and discounting as the margin.

    Parameters
    ----------
    margin_per_period : float
        Margin a retained customer brings each period (may be negative).
    retention : float or sequence of float
        Probability that a customer of one period is still one the next, in [0, 1]; a
        sequence gives period-specific rates r_1, r_2, ... and its last rate carries on
        after the sequence ends.
    discount_rate : float
        Discount rate per period, >= 0 (0.1 for 10 %).
    periods : int, optional
        Number of margins counted; None (default) for an infinite horizon.
    timing : {"end", "begin"}
        Whether the first margin arrives one period from now ("end") or now ("begin").
    cost_per_period : float, optional
        Retention or servicing cost per customer per period (a loyalty programme, a service
        team, the gifts of a club), >= 0, in the currency of `margin_per_period`; subtracted
        from each period's margin. 0 (the default) leaves the margin as it is.

    Returns
    -------
    float
        The present value of the customer's expected margins, net of the retention cost.

    Examples
    --------
    m = 100, r = 0.8, d = 0.1: infinite horizon, first margin next period:
    100 * 0.8 / (1.1 - 0.8) = 266.67; three periods only:
    100 * (0.8/1.1 + 0.64/1.21 + 0.512/1.331) = 164.09. A retention cost of 10 a period
    leaves 90 of each margin: 90 * 0.8 / 0.3 = 240.

    >>> round(dcf_clv(100, 0.8, 0.1), 2)
    266.67
    >>> round(dcf_clv(100, 0.8, 0.1, periods=3), 2)
    164.09
    >>> round(dcf_clv(100, 0.8, 0.1, cost_per_period=10), 2)
    240.0

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive
    Marketing 17(1), 9-24.
    """
    # the cost is paid in the same periods and by the same survivors as the margin, so it nets off
    m = check_number("margin_per_period", margin_per_period) - _check_cost(cost_per_period)
    r = _check_retention(retention)
    d = check_number("discount_rate", discount_rate, low=0.0)
    check_choice("timing", timing, ("end", "begin"))
    if periods is not None:
        n = _check_periods(periods)
        t = np.arange(1, n + 1) if timing == "end" else np.arange(0, n)
        return float(m * np.sum(_survival(r, t) * _discount(d, t)))
    last = float(r if np.ndim(r) == 0 else r[-1])
    if d == 0.0 and last == 1.0:
        raise ClvDataError(text("formulas.infinite_clv"))
    if np.ndim(r) == 0:
        if timing == "end":
            return m * r / (1.0 + d - r)
        return m * (1.0 + d) / (1.0 + d - r)
    # Period-specific rates: sum the given periods, then a geometric tail at the last rate.
    k = r.size
    t = np.arange(1, k + 1) if timing == "end" else np.arange(0, k)
    head = np.sum(_survival(r, t) * _discount(d, t))
    t_next = k + 1 if timing == "end" else k
    first_tail = _survival(r, np.array([t_next]))[0] * _discount(d, t_next)
    tail = first_tail * (1.0 + d) / (1.0 + d - last)
    return float(m * (head + tail))


def ltv_cac_ratio(clv, cac) -> float:
    """LTV:CAC, how many times a customer's value repays the cost of acquiring them.

    ``ratio = clv / cac``; a common rule of thumb asks for about 3.

    Parameters
    ----------
    clv : float
        Customer lifetime value (same currency as `cac`).
    cac : float
        Customer acquisition cost, > 0.

    Returns
    -------
    float

    Examples
    --------
    >>> ltv_cac_ratio(600, 200)
    3.0

    References
    ----------
    Skok, D. (2013). SaaS metrics 2.0 (the LTV:CAC rule of thumb).
    """
    clv = check_number("clv", clv)
    cac = check_number("cac", cac, low=0.0, low_open=True)
    return clv / cac


def max_acquisition_cost(clv, *, target_ratio=3.0):
    """The most one can pay to acquire a customer and still reach a target LTV:CAC.

    ``max CAC = clv / target_ratio``; works on one number, an array or a Series (one
    value per channel or segment). This is the one CAC-ceiling formula of clvkit:
    :func:`clvkit.acquisition.max_allowable_cac` is a deprecated alias of it.

    Parameters
    ----------
    clv : float, array or Series
        Customer lifetime value of a newly acquired customer (a margin, not revenue).
    target_ratio : float, optional
        Target LTV:CAC ratio, > 0 (default 3).

    Returns
    -------
    float, array or Series
        The CAC ceiling, same shape as `clv` (a Series is named ``max_cac``).

    Examples
    --------
    A customer worth 600 at a target ratio of 3 may cost at most 200.

    >>> max_acquisition_cost(600)
    200.0
    >>> max_acquisition_cost([300.0, 90.0], target_ratio=3).tolist()
    [100.0, 30.0]

    References
    ----------
    Skok, D. (2013). SaaS metrics 2.0 (the 3:1 rule of thumb).
    """
    if isinstance(clv, pd.Series):
        ratio = check_number("target_ratio", target_ratio, low=0.0, low_open=True)
        return (clv.astype(float) / ratio).rename("max_cac")
    if np.ndim(clv) == 0:
        clv = check_number("clv", clv)
        ratio = check_number("target_ratio", target_ratio, low=0.0, low_open=True)
        return clv / ratio
    ratio = check_number("target_ratio", target_ratio, low=0.0, low_open=True)
    values = np.asarray(clv, dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        raise ClvDataError(text("formulas.not_finite", name="clv", n=int(bad.sum())))
    return values / ratio


def cumulative_value(margin_per_period, retention, discount_rate, *, periods, timing="end",
                     cost_per_period=0.0) -> pd.DataFrame:
    """Period-by-period cash flow of one customer: expected margin, discounting, running total.

    For period t (t = 1..periods with ``timing="end"``, 0..periods-1 with "begin")::

        survival          S_t = r_1 * ... * r_t          (S_0 = 1)
        expected_margin   m * S_t
        discount_factor   1 / (1 + d)^t
        present_value     m * S_t / (1 + d)^t
        cumulative        sum of present_value up to t

    The last ``cumulative`` equals :func:`dcf_clv` with the same ``periods`` (and cost).

    Parameters
    ----------
    margin_per_period, retention, discount_rate, timing, cost_per_period
        As in :func:`dcf_clv`: with a retention cost, ``m`` above is the margin net of it.
    periods : int
        Number of margins shown.

    Returns
    -------
    DataFrame
        Index ``period``; columns survival, expected_margin, discount_factor,
        present_value, cumulative.

    Examples
    --------
    m = 100, r = 0.5, d = 0: 50, 25, 12.5 -> cumulative 50, 75, 87.5.

    >>> cumulative_value(100, 0.5, 0.0, periods=3)["cumulative"].tolist()
    [50.0, 75.0, 87.5]
    """
    m = check_number("margin_per_period", margin_per_period) - _check_cost(cost_per_period)
    r = _check_retention(retention)
    d = check_number("discount_rate", discount_rate, low=0.0)
    check_choice("timing", timing, ("end", "begin"))
    n = _check_periods(periods)
    t = np.arange(1, n + 1) if timing == "end" else np.arange(0, n)
    survival = _survival(r, t)
    discount = _discount(d, t)
    pv = m * survival * discount
    return pd.DataFrame(
        {
            "survival": survival,
            "expected_margin": m * survival,
            "discount_factor": discount,
            "present_value": pv,
            "cumulative": np.cumsum(pv),
        },
        index=pd.Index(t, name="period"),
    )


def payback_period(
    margin_per_period, cac, *, retention=1.0, discount_rate=0.0, max_periods=1000, timing="end"
) -> float:
    """Periods until the cumulative discounted expected margin covers the acquisition cost.

    With C_t the cumulative present value after t periods (see :func:`cumulative_value`),
    the payback period is the first t with C_t >= cac, interpolated linearly inside that
    period: ``(t - 1) + (cac - C_{t-1}) / (C_t - C_{t-1})``. Without churn or
    discounting it is simply ``cac / margin_per_period``.

    Parameters
    ----------
    margin_per_period : float
        Margin a retained customer brings each period.
    cac : float
        Customer acquisition cost, >= 0.
    retention : float or sequence of float, optional
        Retention rate per period (default 1: no churn), as in :func:`dcf_clv`.
    discount_rate : float, optional
        Discount rate per period, >= 0 (default 0).
    max_periods : int, optional
        How far to look (default 1000 periods).
    timing : {"end", "begin"}
        As in :func:`dcf_clv` (default "end": margins arrive at the end of each period).

    Returns
    -------
    float
        Periods to pay back the CAC; ``math.inf`` means the customer never pays back
        within `max_periods` periods: the expected discounted margins add up to less
        than the CAC (for example when the infinite-horizon CLV is below the CAC).

    See Also
    --------
    payback_from_cash_flows : the same crossing for any stream of discounted cash flows.

    Examples
    --------
    CAC 250, margin 100 a period, no churn, no discounting: 2.5 periods.

    >>> payback_period(100, 250)
    2.5
    >>> payback_period(100, 1000, retention=0.5)
    inf
    """
    m = check_number("margin_per_period", margin_per_period)
    cac = check_number("cac", cac, low=0.0)
    r = _check_retention(retention)
    d = check_number("discount_rate", discount_rate, low=0.0)
    check_choice("timing", timing, ("end", "begin"))
    n = _check_periods(max_periods, "max_periods")
    if cac == 0.0:
        return 0.0
    t = np.arange(1, n + 1) if timing == "end" else np.arange(0, n)
    return _payback_crossing(m * _survival(r, t) * _discount(d, t), cac)


def payback_from_cash_flows(cash_flows, cost) -> float:
    """Periods until a stream of (already discounted) cash flows pays back an upfront cost.

    With the flows f_1, f_2, ... of periods 1, 2, ... and their running total
    C_t = f_1 + ... + f_t (C_0 = 0), the payback is the first t with C_t >= cost,
    interpolated linearly inside that period: ``(t - 1) + (cost - C_{t-1}) / (C_t - C_{t-1})``.
    With no cost it is 0 when the first flow is not negative, and otherwise the time at
    which the running total climbs back to 0. :func:`payback_period` and the strategy
    engines of :mod:`clvkit.strategy` all read their payback this way.

    Parameters
    ----------
    cash_flows : sequence of float
        Net cash flow of each period, discounted to today, first period first.
    cost : float
        The upfront cost to recover, >= 0.

    Returns
    -------
    float
        Periods to pay back the cost; ``math.inf`` when the flows never cover it.

    Examples
    --------
    Flows of 100, 100, 100 against a cost of 250: covered half-way through period 3.

    >>> payback_from_cash_flows([100, 100, 100], 250)
    2.5
    >>> payback_from_cash_flows([100, 100], 250)
    inf
    """
    cost = check_number("cost", cost, low=0.0)
    try:
        flows = np.asarray(cash_flows, dtype=float)
    except (TypeError, ValueError):
        flows = None
    if flows is None or flows.ndim != 1 or not np.all(np.isfinite(flows)):
        raise ClvDataError(text("formulas.cash_flows", value=repr(cash_flows)))
    return _payback_crossing(flows, cost)


def _payback_crossing(flows: np.ndarray, cost: float) -> float:
    """The one payback computation of clvkit (see :func:`payback_from_cash_flows`), without checks."""
    if cost == 0 and (len(flows) == 0 or flows[0] >= 0):
        return 0.0
    cum = np.concatenate([[0.0], np.cumsum(flows)])
    reached = np.flatnonzero(cum[1:] >= cost)
    if reached.size == 0:
        return math.inf
    k = int(reached[0]) + 1  # periods completed when the cost is covered
    return float((k - 1) + (cost - cum[k - 1]) / (cum[k] - cum[k - 1]))


def clv_elasticities(
    *,
    aov,
    purchases_per_period,
    margin,
    retention,
    discount_rate,
    periods=None,
    timing="end",
    change=0.10,
) -> pd.DataFrame:
    """How much the DCF CLV moves when each driver moves by a percentage: a tornado chart's data.

    The CLV is :func:`dcf_clv` with ``margin_per_period = aov * purchases_per_period *
    margin``. An elasticity is the percentage change of CLV per percentage change of a
    driver, ``d ln CLV / d ln x``. On an infinite horizon they are analytic:

    ============  =====================  ==============================
    driver        timing="end"           timing="begin"
    ============  =====================  ==============================
    aov           1                      1
    frequency     1                      1
    margin        1                      1
    retention     (1 + d) / (1 + d - r)  r / (1 + d - r)
    discount      -d / (1 + d - r)       -d r / ((1 + d)(1 + d - r))
    ============  =====================  ==============================

    With a finite horizon (``periods``) the retention and discount elasticities are
    central differences of ln CLV in ln x.

    Parameters
    ----------
    aov, purchases_per_period : float
        Average order value and purchases per period, > 0.
    margin : float
        Gross margin fraction, in (0, 1].
    retention : float
        Retention rate per period, in (0, 1].
    discount_rate : float
        Discount rate per period, >= 0.
    periods : int, optional
        Finite horizon; None (default) for an infinite one.
    timing : {"end", "begin"}
        As in :func:`dcf_clv`.
    change : float, optional
        Relative change for the low/high columns, in (0, 1) (default 0.10 for ±10 %).
        Retention and margin are capped at 1 on the high side.

    Returns
    -------
    DataFrame
        One row per driver (aov, purchases_per_period, margin, retention,
        discount_rate) with columns driver, value, elasticity, clv_low, clv_high and
        clv (the base CLV), sorted by the width of the swing, widest first.

    Examples
    --------
    aov 50, 2 purchases, 30 % margin (m = 30 a period), r = 0.8, d = 0.1: the base CLV is
    30 * 0.8 / 0.3 = 80; the retention elasticity is 1.1 / 0.3 = 3.67, so 1 % more
    retention is worth about 3.7 % more CLV.

    >>> e = clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, discount_rate=0.1)
    >>> round(float(e.set_index("driver").loc["retention", "elasticity"]), 2)
    3.67

    References
    ----------
    Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing customers. Journal of
    Marketing Research 41(1), 7-18 (retention elasticity of customer value).
    """
    inputs = {
        "aov": check_number("aov", aov, low=0.0, low_open=True),
        "purchases_per_period": check_number(
            "purchases_per_period", purchases_per_period, low=0.0, low_open=True
        ),
        "margin": check_number("margin", margin, low=0.0, high=1.0, low_open=True),
        "retention": check_number("retention", retention, low=0.0, high=1.0, low_open=True),
        "discount_rate": check_number("discount_rate", discount_rate, low=0.0),
    }
    check_choice("timing", timing, ("end", "begin"))
    change = check_number("change", change, low=0.0, high=1.0, low_open=True, high_open=True)
    if periods is not None:
        periods = _check_periods(periods)

    def clv(values: dict) -> float:
        m = values["aov"] * values["purchases_per_period"] * values["margin"]
        return dcf_clv(m, values["retention"], values["discount_rate"], periods=periods, timing=timing)

    base = clv(inputs)
    r, d = inputs["retention"], inputs["discount_rate"]
    if periods is None:
        if timing == "end":
            e_r, e_d = (1 + d) / (1 + d - r), -d / (1 + d - r)
        else:
            e_r, e_d = r / (1 + d - r), -d * r / ((1 + d) * (1 + d - r))
    else:
        e_r = _log_derivative(clv, inputs, "retention")
        e_d = _log_derivative(clv, inputs, "discount_rate")
    elasticity = {
        "aov": 1.0,
        "purchases_per_period": 1.0,
        "margin": 1.0,
        "retention": e_r,
        "discount_rate": e_d,
    }
    caps = {"margin": 1.0, "retention": 1.0}
    rows = []
    for name, value in inputs.items():
        low = dict(inputs, **{name: value * (1 - change)})
        high_value = value * (1 + change)
        if name in caps:
            high_value = min(high_value, caps[name])
        high = dict(inputs, **{name: high_value})
        rows.append(
            {
                "driver": name,
                "value": value,
                "elasticity": float(elasticity[name]),
                "clv_low": _safe_clv(clv, low),
                "clv_high": _safe_clv(clv, high),
                "clv": base,
            }
        )
    table = pd.DataFrame(rows)
    swing = (table["clv_high"] - table["clv_low"]).abs()
    return table.loc[swing.sort_values(ascending=False, kind="stable").index].reset_index(drop=True)


def _safe_clv(clv, values: dict) -> float:
    try:
        return clv(values)
    except ClvDataError:
        # retention 1 with no discounting on an infinite horizon
        return math.inf


def _log_derivative(clv, inputs: dict, name: str, h: float = 1e-5) -> float:
    """Central difference of CLV in ln x, relative to CLV (used for finite horizons)."""
    x = inputs[name]
    base = clv(inputs)
    if x == 0.0 or base == 0.0:
        return 0.0
    up = dict(inputs, **{name: x * math.exp(h)})
    down = dict(inputs, **{name: x * math.exp(-h)})
    if name == "retention" and up[name] > 1.0:
        # one-sided at the boundary r = 1
        return (base - clv(down)) / (h * base)
    return (clv(up) - clv(down)) / (2 * h * base)
