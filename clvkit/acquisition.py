"""Acquisition economics: what a new customer may cost, and where to spend the budget.

Three questions, each a plain function on a small table with one row per
acquisition channel (or segment):

* :func:`clvkit.formulas.max_acquisition_cost` -- the most one may pay for a customer
  worth ``ltv`` to keep LTV:CAC at a target (3 by default): ``ltv / target_ratio``
  (``max_allowable_cac`` here is its deprecated alias).
* :func:`channel_economics` -- LTV:CAC, the CAC ceiling, the headroom under it and
  the payback period per channel.
* :func:`allocate_budget` -- a value-based split of a budget across channels.
* :func:`required_conversion` and :func:`conversion_targets` -- from the LTV to the most a
  new customer may cost (the affordable CPA) to the conversion a campaign that pays per
  click or per lead must reach to stay under it.

The budget split
----------------
Channels get more expensive as one buys more of them: the ``saturation`` of a
channel is the number of customers at which the cost of one more customer has
doubled, so the marginal CAC after n customers is ``cac * 2 ** (n / saturation)``
(a missing or infinite saturation means a constant CAC). The value of a dollar spent
at the margin is ``ltv / marginal CAC``. The split equalises this marginal LTV:CAC
across the channels it funds ("water filling"): it finds the level lambda at which
the channels together spend the budget, funds each channel up to the point where its
marginal LTV:CAC falls to lambda (or its ``capacity`` of customers), and never buys a
customer whose marginal LTV:CAC is below ``min_ratio`` (default 1: a customer must at
least repay their cost), leaving that part of the budget unspent. This is the
continuous version of buying customers one at a time from the channel where the next
dollar brings the most value, and it maximises the total value acquired for the
budget because value is concave in spend on every channel.

References
----------
Blattberg, R. C. & Deighton, J. (1996). Manage marketing by the customer equity test.
Harvard Business Review 74(4), 136-144.
Gupta, S. & Lehmann, D. R. (2005). Managing Customers as Investments. Wharton School
Publishing.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from ._checks import check_number
from ._checks import missing_columns_message
from .errors import ClvDataError
from .formulas import max_acquisition_cost, payback_period
from .i18n import text

__all__ = ["allocate_budget", "channel_economics", "conversion_targets", "ltv_by_group", "max_allowable_cac",
           "required_conversion"]

_LN2 = math.log(2.0)


def _plain(value):
    """A numpy scalar as a plain Python value, so a message reads 0.0 and not np.float64(0.0)."""
    return value.item() if isinstance(value, np.generic) else value


def _channels_frame(channels, need: list[str]) -> pd.DataFrame:
    if not isinstance(channels, pd.DataFrame):
        raise ClvDataError(text("decisions.channels_type", type=type(channels).__name__))
    if len(channels) == 0:
        raise ClvDataError(text("decisions.channels_empty"))
    missing = [c for c in need if c not in channels.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(channels.columns), "channels table"))
    return channels


def _numeric(frame: pd.DataFrame, col: str, *, low: float | None = None, positive: bool = False, allow_inf=False):
    values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)
    ok = ~np.isnan(values) if allow_inf else np.isfinite(values)
    if low is not None:
        ok &= values > low if positive else values >= low
    if not ok.all():
        first = frame.index[np.flatnonzero(~ok)[0]]
        fields = {"column": repr(col), "row": repr(first), "value": repr(_plain(frame[col].loc[first]))}
        if low is None:
            raise ClvDataError(text("decisions.channel_not_finite", **fields))
        bound = f"{'>' if positive else '>='} {low:g}"
        raise ClvDataError(text("decisions.channel_bound", bound=bound, **fields))
    return values


def max_allowable_cac(ltv, *, target_ratio: float = 3.0):
    """Deprecated alias of :func:`clvkit.formulas.max_acquisition_cost` (the same formula).

    ``max CAC = ltv / target_ratio`` on a number, an array or a Series. Kept so that
    existing code runs; it warns with a ``PendingDeprecationWarning`` (silent unless
    warnings are switched on, so notebooks that still call it show no noise).

    Parameters
    ----------
    ltv : float, array or Series
        Customer lifetime value of a newly acquired customer (a margin, not revenue).
    target_ratio : float
        Target LTV:CAC, > 0 (default 3).

    Returns
    -------
    float, array or Series
        The CAC ceiling, same shape as `ltv`.

    Examples
    --------
    >>> max_allowable_cac(300.0)
    100.0
    """
    warnings.warn(
        text("decisions.deprecated_alias", old="clvkit.acquisition.max_allowable_cac",
             new="clvkit.formulas.max_acquisition_cost"),
        PendingDeprecationWarning,
        stacklevel=2,
    )
    return max_acquisition_cost(ltv, target_ratio=target_ratio)


def ltv_by_group(customers: pd.DataFrame, *, by: str = "channel", value: str = "clv") -> pd.DataFrame:
    """Customers, mean and total value per acquisition channel (or segment).

    Parameters
    ----------
    customers : DataFrame
        One row per customer with a group column and a value column (e.g. the
        output of :func:`clvkit.customer_lifetime_value` joined with the channel).
    by, value : str
        Column names.

    Returns
    -------
    DataFrame
        Index the groups; columns customers, ltv (mean value), total_value.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"channel": ["a", "a", "b"], "clv": [10.0, 30.0, 5.0]})
    >>> ltv_by_group(d)["ltv"].tolist()
    [20.0, 5.0]
    """
    frame = _channels_frame(customers, [by, value])
    _numeric(frame, value)
    g = frame.groupby(by, observed=True, sort=True)[value]
    return pd.DataFrame({"customers": g.size(), "ltv": g.mean(), "total_value": g.sum()})


def channel_economics(
    channels: pd.DataFrame,
    *,
    ltv: str = "ltv",
    cac: str = "cac",
    target_ratio: float = 3.0,
    margin_per_period: str | None = None,
    retention: str | None = None,
    discount_rate: float = 0.0,
) -> pd.DataFrame:
    """LTV:CAC, CAC ceiling, headroom and payback per acquisition channel.

    Adds ``ltv_cac = ltv / cac``, ``max_cac = ltv / target_ratio``,
    ``cac_headroom = max_cac - cac`` (negative: the channel is too expensive for the
    target) and ``meets_target``. With `margin_per_period` (and optionally
    `retention`) columns, also ``payback_periods``: periods until the cumulative
    discounted expected margin covers the CAC (:func:`clvkit.formulas.payback_period`,
    ``inf`` if never).

    Parameters
    ----------
    channels : DataFrame
        One row per channel.
    ltv, cac : str
        Column names of the value of a new customer and the cost of acquiring one.
    target_ratio : float
        Target LTV:CAC (default 3).
    margin_per_period, retention : str, optional
        Column names of the margin per period of a retained customer and the
        retention rate per period (default: no churn).
    discount_rate : float
        Discount rate per period for the payback.

    Returns
    -------
    DataFrame
        A copy of `channels` with the new columns.

    Examples
    --------
    >>> import pandas as pd
    >>> ch = pd.DataFrame({"ltv": [300.0, 120.0], "cac": [60.0, 80.0]}, index=["search", "tv"])
    >>> channel_economics(ch)["meets_target"].tolist()
    [True, False]

    References
    ----------
    Gupta & Lehmann (2005), Managing Customers as Investments.
    """
    frame = _channels_frame(channels, [ltv, cac])
    ratio = check_number("target_ratio", target_ratio, low=0.0, low_open=True)
    d = check_number("discount_rate", discount_rate, low=0.0)
    v = _numeric(frame, ltv)
    c = _numeric(frame, cac, low=0.0, positive=True)
    out = frame.copy()
    out["ltv_cac"] = v / c
    out["max_cac"] = max_acquisition_cost(v, target_ratio=ratio)
    out["cac_headroom"] = out["max_cac"] - c
    out["meets_target"] = out["ltv_cac"] >= ratio
    if margin_per_period is not None:
        if margin_per_period not in frame.columns:
            raise ClvDataError(missing_columns_message([margin_per_period], list(frame.columns), "channels table"))
        m = _numeric(frame, margin_per_period)
        if retention is not None:
            if retention not in frame.columns:
                raise ClvDataError(missing_columns_message([retention], list(frame.columns), "channels table"))
            r = _numeric(frame, retention, low=0.0)
            if np.any(r > 1):
                raise ClvDataError(text("decisions.retention_rates", column=repr(retention)))
        else:
            r = np.ones(len(frame))
        out["payback_periods"] = [
            payback_period(mi, ci, retention=ri, discount_rate=d) for mi, ci, ri in zip(m, c, r)
        ]
    return out


def _customers_at(level, ltv, cac, sat, cap):
    """Customers each channel buys when it stops at marginal LTV:CAC = level."""
    ratio = ltv / cac
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(np.isfinite(sat), sat * np.log2(np.maximum(ratio / level, 1.0)), np.where(ratio > level, np.inf, 0.0))
    return np.minimum(n, cap)


def _spend(n, cac, sat):
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(np.isfinite(sat), cac * sat / _LN2 * np.expm1(n * _LN2 / np.where(np.isfinite(sat), sat, 1.0)), cac * n)


def _whole_customers(n, total, ltv, cac, sat, cap, floor):
    """The continuous plan rounded down to whole customers, then topped up one customer at a time.

    Rounding down keeps the spend within the budget; the money it frees buys whole customers,
    each time from the channel whose next customer brings the most value per dollar, as long as
    that customer still clears `floor` and fits in the budget and the channel's capacity.
    """
    whole = np.floor(n + 1e-9)
    whole = np.minimum(whole, np.floor(cap + 1e-9))
    left = total - float(np.sum(_spend(whole, cac, sat)))
    for _ in range(10 * whole.size + 10):
        nxt = _spend(whole + 1.0, cac, sat) - _spend(whole, cac, sat)
        ok = (ltv / nxt >= floor * (1 - 1e-12)) & (nxt <= left * (1 + 1e-12)) & (whole + 1.0 <= cap + 1e-9)
        if not ok.any():
            break
        i = int(np.argmax(np.where(ok, ltv / nxt, -np.inf)))
        whole[i] += 1.0
        left -= float(nxt[i])
    return whole


def allocate_budget(
    channels: pd.DataFrame,
    budget: float,
    *,
    ltv: str = "ltv",
    cac: str = "cac",
    saturation: str | None = "saturation",
    capacity: str | None = "capacity",
    min_ratio: float = 1.0,
) -> pd.DataFrame:
    """Split an acquisition budget across channels by equal marginal LTV:CAC (see the module docstring).

    Parameters
    ----------
    channels : DataFrame
        One row per channel with columns `ltv` (value of a new customer) and `cac`
        (cost of the first customer), optionally `saturation` (customers at which the
        marginal CAC has doubled; empty or inf for a constant CAC) and `capacity`
        (most customers the channel can bring; empty or inf for no limit).
    budget : float
        Money to spend, >= 0.
    ltv, cac, saturation, capacity : str
        Column names; a missing optional column means "not limited".
    min_ratio : float
        Lowest marginal LTV:CAC worth paying for (default 1).

    Returns
    -------
    DataFrame
        Index as `channels`; columns customers (whole customers), spend,
        budget_share, mean_cac, ltv_cac (the **average** LTV:CAC of the customers
        bought, ltv / mean_cac: the ratio a 3:1 rule of thumb speaks of),
        marginal_cac (the cost of the last customer bought; of the first for a
        channel that gets nothing), marginal_ltv_cac (ltv / marginal_cac: what the
        last dollar bought), value (customers x ltv) and net_value (value - spend).
        ``attrs["level"]`` is the common marginal LTV:CAC of the continuous plan and
        ``attrs["unspent"]`` the money left, less than the next worthwhile customer
        costs (or all the rest when no customer is worth buying).

    Notes
    -----
    The plan buys customers while the **next** one returns at least `min_ratio`
    (marginal), so its average LTV:CAC per channel stays above the marginal one on a
    channel whose cost rises. A 3:1 target on the *average* and a marginal stop at,
    say, 1.7:1 are therefore not in conflict; to keep a safety margin on every
    customer, raise `min_ratio`.

    Examples
    --------
    >>> import pandas as pd
    >>> ch = pd.DataFrame({"ltv": [300.0, 200.0], "cac": [50.0, 50.0], "saturation": [100.0, 100.0]},
    ...                   index=["search", "social"])
    >>> plan = allocate_budget(ch, 10_000)
    >>> plan["customers"].tolist(), bool(plan["spend"].sum() <= 10_000)
    ([102, 44], True)
    >>> bool(abs(plan["marginal_ltv_cac"].iloc[0] / plan["marginal_ltv_cac"].iloc[1] - 1) < 0.02)
    True

    References
    ----------
    Blattberg & Deighton (1996), HBR 74(4).
    """
    frame = _channels_frame(channels, [ltv, cac])
    total = check_number("budget", budget, low=0.0)
    floor = check_number("min_ratio", min_ratio, low=0.0, low_open=True)
    v = _numeric(frame, ltv)
    c = _numeric(frame, cac, low=0.0, positive=True)
    n_ch = len(frame)
    sat = np.full(n_ch, np.inf)
    if saturation is not None and saturation in frame.columns:
        sat = _numeric(frame.fillna({saturation: np.inf}), saturation, low=0.0, positive=True, allow_inf=True)
    cap = np.full(n_ch, np.inf)
    if capacity is not None and capacity in frame.columns:
        cap = _numeric(frame.fillna({capacity: np.inf}), capacity, low=0.0, allow_inf=True)

    def spend_at(level: float) -> float:
        return float(np.sum(_spend(_customers_at(level, v, c, sat, cap), c, sat)))

    ratio = v / c
    if spend_at(floor) <= total:
        level = floor
        n = _customers_at(floor, v, c, sat, cap)
    else:
        lo, hi = floor, max(float(ratio.max()), floor) * (1 + 1e-12)
        for _ in range(200):
            mid = math.sqrt(lo * hi)
            if spend_at(mid) > total:
                lo = mid
            else:
                hi = mid
            if hi / lo - 1 < 1e-13:
                break
        level = hi
        n = _customers_at(hi, v, c, sat, cap)
        left = total - float(np.sum(_spend(n, c, sat)))
        # Constant-cost channels whose LTV:CAC equals the level take the rest, best first.
        for i in np.argsort(-ratio, kind="stable"):
            if left <= 0:
                break
            if np.isinf(sat[i]) and lo <= ratio[i] * (1 + 1e-12) and n[i] < cap[i]:
                extra = min(cap[i] - n[i], left / c[i])
                n[i] += extra
                left -= extra * c[i]
    n = _whole_customers(n, total, v, c, sat, cap, floor)
    spend = _spend(n, c, sat)
    # The cost of the last customer bought (of the first one for an unfunded channel).
    last = np.where(n > 0, spend - _spend(np.maximum(n - 1.0, 0.0), c, sat), c)
    out = pd.DataFrame(index=frame.index)
    out["customers"] = n.astype(np.int64)
    out["spend"] = spend
    spent = float(spend.sum())
    out["budget_share"] = spend / total if total > 0 else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["mean_cac"] = np.where(n > 0, spend / np.where(n > 0, n, 1.0), np.nan)
    out["ltv_cac"] = v / out["mean_cac"].to_numpy()
    out["marginal_cac"] = last
    out["marginal_ltv_cac"] = v / last
    out["value"] = n * v
    out["net_value"] = out["value"] - spend
    out.attrs["level"] = float(level)
    out.attrs["unspent"] = max(total - spent, 0.0)
    return out


# --------------------------------------------------------------------- conversion targets
def _where_in(values, i: int) -> str:
    """Where a bad value sits: nothing for a single number, its row label or position otherwise."""
    if np.ndim(values) == 0:
        return ""
    label = values.index[i] if isinstance(values, pd.Series) else i
    return text("acquisition_targets.where", row=repr(_plain(label)))


def _amounts(name: str, values, *, positive: bool):
    """`values` as floats (a number, a sequence or a Series), every one finite and >= 0 (> 0 if `positive`)."""
    if isinstance(values, (str, bytes)) or isinstance(values, bool):
        raise ClvDataError(text("acquisition_targets.not_amount", name=name, value=repr(values)))
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ClvDataError(text("acquisition_targets.not_amount", name=name, value=repr(values))) from None
    flat = np.atleast_1d(array)
    bad = ~np.isfinite(flat) | ((flat <= 0) if positive else (flat < 0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        shown = repr(_plain(np.atleast_1d(np.asarray(values, dtype=object))[i]))
        key = "acquisition_targets.ceiling" if positive else "acquisition_targets.cost"
        raise ClvDataError(text(key, name=name, value=shown, where=_where_in(values, i)))
    return array


def _funnel_share(other_steps) -> float:
    """The product of the funnel's other conversion rates, each a share in (0, 1]."""
    if other_steps is None:
        return 1.0
    steps = [other_steps] if np.ndim(other_steps) == 0 else list(other_steps)
    share = 1.0
    for k, step in enumerate(steps, start=1):
        ok = not isinstance(step, (str, bytes, bool))
        try:
            x = float(step) if ok else math.nan
        except (TypeError, ValueError):
            x = math.nan
        if not (math.isfinite(x) and 0.0 < x <= 1.0):
            raise ClvDataError(text("acquisition_targets.step", value=repr(_plain(step)), k=k))
        share *= x
    return share


def required_conversion(cost_per_click, max_cac, *, other_steps=None):
    """The lowest conversion that keeps the cost of a new customer at or under a ceiling.

    A campaign that pays per click (or per lead) pays ``cost_per_click / conversion`` for each
    customer, where ``conversion`` is the share of clicks that become customers. Keeping that
    at or under ``max_cac`` needs::

        conversion >= cost_per_click / max_cac

    When the funnel has other steps whose rates are known (a landing page turns 12% of clicks
    into sign-ups), the step left to plan must reach ``cost_per_click / (max_cac * product of the
    other steps)``. A result above 1 means no conversion can reach the target: one click already
    costs more than the share of a customer it can buy.

    Parameters
    ----------
    cost_per_click : float, array or Series
        What one click (or lead, or whatever the campaign pays for) costs, >= 0.
    max_cac : float, array or Series
        The most one new customer may cost (the affordable CPA), > 0; usually
        ``clvkit.formulas.max_acquisition_cost(ltv, target_ratio=...)``. It broadcasts against
        `cost_per_click`.
    other_steps : float or sequence of float, optional
        The conversion rates of the funnel's other steps, each a share in (0, 1]. Without it the
        result is the whole funnel's conversion, from click to customer.

    Returns
    -------
    float, array or Series
        The lowest conversion of the step left to plan (a share; 0.02 = 2%); a Series (named
        ``required_conversion``) when either amount is one.

    Raises
    ------
    ClvDataError
        When a cost is negative or not a number, a ceiling is zero or less (no conversion can keep
        a customer under it), or a step's rate is not a share above 0 and at most 1.

    Examples
    --------
    A customer may cost 40 and a click costs 0.80: 2% of clicks must become customers.

    >>> round(required_conversion(0.8, 40.0), 6)
    0.02
    >>> round(required_conversion(0.8, 40.0, other_steps=0.1), 6)  # 10% of clicks sign up
    0.2

    References
    ----------
    Blattberg, R. C. & Deighton, J. (1996). Manage marketing by the customer equity test.
    Harvard Business Review 74(4), 136-144 (acquisition spending limited by customer value).
    """
    if (isinstance(cost_per_click, pd.Series) and isinstance(max_cac, pd.Series)
            and not cost_per_click.index.equals(max_cac.index)):
        # matched by position or by label? the two readings differ, so neither is guessed
        raise ClvDataError(text("acquisition_targets.rows_differ", cost=list(cost_per_click.index)[:5],
                                ceiling=list(max_cac.index)[:5]))
    cost = _amounts("cost_per_click", cost_per_click, positive=False)
    ceiling = _amounts("max_cac", max_cac, positive=True)
    share = _funnel_share(other_steps)
    result = cost / (ceiling * share)
    for given in (cost_per_click, max_cac):
        if isinstance(given, pd.Series):
            return pd.Series(np.broadcast_to(result, (len(given),)), index=given.index, name="required_conversion")
    return float(result) if np.ndim(result) == 0 else result


def conversion_targets(ltv, *, cost_per_click, target_ratio=3.0, other_steps=None) -> pd.DataFrame:
    """From the value of a customer to the conversion a campaign must reach: one row per LTV.

    For every LTV: the affordable CPA (the most a new customer may cost at the target LTV:CAC,
    ``ltv / target_ratio``) and the lowest conversion that keeps a campaign paying
    `cost_per_click` under it (:func:`required_conversion`). A higher LTV, from better retention
    for example, raises the affordable CPA and lowers the conversion target in proportion.

    Parameters
    ----------
    ltv : float, sequence, dict or Series
        The value of a new customer (a margin, not revenue), one per scenario; the keys of a dict
        or the index of a Series name the rows.
    cost_per_click : float
        What one click (or lead) costs, >= 0.
    target_ratio : float, optional
        The LTV:CAC the team asks for, > 0 (default 3). The 3:1 rule of thumb speaks of the
        average customer of a campaign, so the result is a target for the campaign's average
        conversion.
    other_steps : float or sequence of float, optional
        Known conversion rates of the funnel's other steps (see :func:`required_conversion`).

    Returns
    -------
    pandas.DataFrame
        Columns ``ltv``, ``max_cac`` (the affordable CPA) and ``required_conversion``.

    Examples
    --------
    >>> conversion_targets({"today": 120.0, "better retention": 150.0}, cost_per_click=0.8).round(4)
                        ltv  max_cac  required_conversion
    today             120.0     40.0                0.020
    better retention  150.0     50.0                0.016
    """
    if isinstance(ltv, dict):
        ltv = pd.Series(ltv, dtype=float)
    values = ltv if isinstance(ltv, pd.Series) else pd.Series(np.atleast_1d(np.asarray(ltv, dtype=object)))
    clean = pd.Series(_amounts("ltv", values, positive=True), index=values.index)
    ratio = check_number("target_ratio", target_ratio, low=0.0, low_open=True)
    cost = float(_amounts("cost_per_click", cost_per_click, positive=False)) if np.ndim(cost_per_click) == 0 else None
    if cost is None:
        raise ClvDataError(text("acquisition_targets.not_amount", name="cost_per_click", value=repr(cost_per_click)))
    out = pd.DataFrame(index=clean.index)
    out["ltv"] = clean
    out["max_cac"] = max_acquisition_cost(clean, target_ratio=ratio)
    out["required_conversion"] = required_conversion(cost, out["max_cac"], other_steps=other_steps)
    return out
