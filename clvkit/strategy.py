"""Strategies for raising CLV as levers: what a program changes, what it costs, what it returns.

A :class:`Strategy` is a bundle of lever values:

========================  ==========================================================
lever                     meaning
========================  ==========================================================
``churn_change``          relative change of the churn (dropout) probability:
                          -0.2 means 20% less churn (retention 0.70 -> 0.76)
``frequency_change``      relative change of the purchase rate (+0.1 = 10% more often)
``aov_change``            relative change of the average order value
``margin_change``         relative change of the margin (+0.05: margin x 1.05)
``cost_once``             one-off cost per participating customer (enrolment, gift)
``cost_per_period``       running cost per participating customer per period while
                          they remain a customer (points, service, content)
``take_up``               share of the targeted customers who take part, in [0, 1]
``target``                segment the program is offered to (None: everyone)
========================  ==========================================================

:data:`PRESETS` holds the strategies of the course (loyalty program,
personalisation, service quality, ...), each a documented, illustrative bundle;
:func:`preset` returns one, optionally with some levers overridden.

Two engines compute the effect:

* :func:`evaluate_drivers` works on driver values (order value, purchases per
  period, margin, retention, discount rate) with the DCF formula
  :func:`clvkit.formulas.dcf_clv`; it is the teaching engine.
* :class:`StrategySimulator` works on a fitted purchase model (BG/NBD, MBG/NBD,
  Pareto/NBD), a spend model and a customer summary, for real data. Each lever acts
  on the quantity that carries it, from now on (the customers' history, and so who
  is probably still alive, does not change):

  - churn: every participant's dropout probability p after a purchase (BG/NBD,
    MBG/NBD) or dropout rate mu (Pareto/NBD) is multiplied by 1 + churn_change; for
    the population this scales the mean a/(a+b) keeping a + b, or s/beta.
  - frequency: every participant's purchase rate lambda is multiplied by
    1 + frequency_change, which for the population is alpha -> alpha / (1 + f).
  - order value: the expected spend per purchase is multiplied by 1 + aov_change.
  - margin: the margin is multiplied by 1 + margin_change.

  For an alive customer with known lambda and p these changes only stretch time
  (see :class:`StrategySimulator`), so each customer's expected purchases E(u) are
  computed once and every lever setting is read from them: moving a lever on
  100,000 customers takes milliseconds.

Both engines return a :class:`StrategyResult`: CLV before and after per customer and
in total, gross uplift, program cost, net uplift, ROI, break-even one-off cost per
participant and payback; :func:`waterfall_steps` gives the bars of a waterfall chart
(base, + retention, + frequency, + order value, + margin, - program cost = new CLV).

Definitions
-----------
* Participants: ``take_up`` x the targeted customers (an expected number; the
  summary table rounds it to whole customers).
* Gross uplift: the change in CLV of the participants, before program costs.
* Program cost: participants x (cost_once + present value of cost_per_period). Both
  engines pay the running cost only while the customer stays, like the margin: the
  model engine weighs each moment of the horizon by the chance that the participant
  is still alive then (P(alive) today times the chance that an active customer stays
  active that long, which the churn and frequency levers change).
* Net uplift = gross uplift - program cost; ROI = net uplift / program cost (NaN
  when the programme costs nothing: a return on no money is not a number, judge such
  a programme by its net uplift).
* Break-even cost: the one-off cost per participant at which ROI = 0. When the
  running cost alone exceeds the gain, no one-off cost, not even zero, breaks even:
  the attribute is then negative and the summary table shows NaN.
* Payback: periods until the cumulative discounted extra margin of a participant
  covers the one-off cost.

References
----------
Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing customers. Journal of
Marketing Research 41(1), 7-18 (the effect of a 1% change in retention, margin, cost).
Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
Harvard Business Review 68(5), 105-111.
Blattberg, R. C., Malthouse, E. C. & Neslin, S. A. (2009). Customer lifetime value:
empirical generalizations and some conceptual questions. Journal of Interactive
Marketing 23(2), 157-168.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ._checks import check_choice, check_number
from .errors import ClvDataError
# The payback crossing without the argument checks of payback_from_cash_flows: the engines
# build their flows themselves, and a widget moving a lever should not pay for checks twice.
from .formulas import _payback_crossing
from .i18n import text
from .units import DAYS_PER_UNIT, check_time_unit, parse_duration

__all__ = [
    "PRESETS",
    "Strategy",
    "StrategyResult",
    "StrategySimulator",
    "churn_change_for",
    "evaluate_drivers",
    "horizon_table",
    "preset",
    "waterfall_steps",
]

_LEVERS = ("churn_change", "frequency_change", "aov_change", "margin_change")


@dataclass(frozen=True)
class Strategy:
    """A bundle of lever values describing a program (see the module docstring for each lever).

    Parameters
    ----------
    churn_change, frequency_change, aov_change, margin_change : float
        Relative changes, each > -1 (churn_change >= -1: churn can fall to zero).
    cost_once, cost_per_period : float
        Costs per participating customer, >= 0.
    take_up : float
        Share of targeted customers who take part, in [0, 1].
    target : str, optional
        Segment the program is offered to; None offers it to everyone.
    name, description : str
        Labels for tables and charts.

    Examples
    --------
    >>> Strategy(churn_change=-0.1, cost_once=5, take_up=0.4).take_up
    0.4
    """

    churn_change: float = 0.0
    frequency_change: float = 0.0
    aov_change: float = 0.0
    margin_change: float = 0.0
    cost_once: float = 0.0
    cost_per_period: float = 0.0
    take_up: float = 1.0
    target: str | None = None
    name: str = "custom"
    description: str = ""

    def __post_init__(self) -> None:
        values = {
            "churn_change": check_number("churn_change", self.churn_change, low=-1.0),
            "frequency_change": check_number("frequency_change", self.frequency_change, low=-1.0, low_open=True),
            "aov_change": check_number("aov_change", self.aov_change, low=-1.0, low_open=True),
            "margin_change": check_number("margin_change", self.margin_change, low=-1.0, low_open=True),
            "cost_once": check_number("cost_once", self.cost_once, low=0.0),
            "cost_per_period": check_number("cost_per_period", self.cost_per_period, low=0.0),
            "take_up": check_number("take_up", self.take_up, low=0.0, high=1.0),
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)
        if self.target is not None and not isinstance(self.target, str):
            raise ClvDataError(text("decisions.target_type", value=repr(self.target)))

    def with_levers(self, **changes) -> Strategy:
        """A copy with some levers changed (validated again).

        Examples
        --------
        >>> Strategy().with_levers(aov_change=0.1).aov_change
        0.1
        """
        unknown = sorted(set(changes) - set(self.__dataclass_fields__))
        if unknown:
            raise ClvDataError(
                text("decisions.unknown_lever", names=", ".join(map(repr, unknown)),
                     levers=", ".join(self.__dataclass_fields__))
            )
        return replace(self, **changes)

    @property
    def has_effect(self) -> bool:
        """Whether any lever changes behaviour (costs and take-up aside)."""
        return any(getattr(self, k) != 0.0 for k in _LEVERS)


#: The strategies of the course as illustrative lever bundles (not benchmarks:
#: replace the numbers with your own test results).
PRESETS: dict[str, Strategy] = {
    s.name: s
    for s in (
        Strategy(
            name="loyalty_program", churn_change=-0.15, frequency_change=0.10, cost_once=5.0,
            cost_per_period=1.0, take_up=0.4,
            description="points and member perks: members stay longer and come back more often; "
            "an enrolment cost and a running cost of rewards",
        ),
        Strategy(
            name="personalisation", frequency_change=0.08, aov_change=0.03, cost_once=2.0, take_up=1.0,
            description="personal offers and timing: more frequent purchases, slightly larger baskets",
        ),
        Strategy(
            name="recommendations", aov_change=0.06, frequency_change=0.02, cost_once=0.5, take_up=1.0,
            description="product recommendations on site and by e-mail: larger baskets",
        ),
        Strategy(
            name="service_quality", churn_change=-0.10, cost_per_period=0.5, take_up=1.0,
            description="faster, friendlier service: fewer customers leave; a running cost per customer",
        ),
        Strategy(
            name="product_quality", churn_change=-0.05, margin_change=0.04, cost_per_period=0.3, take_up=1.0,
            description="better products support a higher price and keep customers a little longer",
        ),
        Strategy(
            name="satisfaction", churn_change=-0.08, frequency_change=0.03, cost_once=1.0, take_up=1.0,
            description="fixing what dissatisfied customers complain about: satisfaction acts through "
            "retention and, less, through frequency",
        ),
        Strategy(
            name="engagement", frequency_change=0.10, churn_change=-0.03, cost_per_period=0.2, take_up=0.6,
            description="content and community that keep customers engaged: engagement acts mostly "
            "through purchase frequency",
        ),
        Strategy(
            name="retention_campaign", churn_change=-0.25, cost_once=10.0, take_up=0.3, target="at risk",
            description="a win-back offer to valuable customers at risk of leaving",
        ),
        Strategy(
            name="upsell_cross_sell", aov_change=0.10, cost_once=3.0, take_up=0.5,
            description="bundles, premium versions and complementary products: larger orders",
        ),
        Strategy(
            name="pricing", margin_change=0.05, churn_change=0.03, frequency_change=-0.02, take_up=1.0,
            description="a price rise: higher margin, a few customers leave or buy less often",
        ),
    )
}


def preset(name: str, **overrides) -> Strategy:
    """A strategy from :data:`PRESETS`, optionally with some levers overridden.

    Examples
    --------
    >>> preset("loyalty_program", take_up=0.6).take_up
    0.6
    """
    check_choice("name", name, sorted(PRESETS))
    return PRESETS[name].with_levers(**overrides) if overrides else PRESETS[name]


def churn_change_for(retention_before: float, retention_after: float) -> float:
    """The churn_change that moves a retention rate from one value to another.

    ``(1 - after) / (1 - before) - 1``; retention 0.70 -> 0.75 is churn_change -1/6.

    Examples
    --------
    >>> round(churn_change_for(0.70, 0.75), 4)
    -0.1667
    """
    before = check_number("retention_before", retention_before, low=0.0, high=1.0, high_open=True)
    after = check_number("retention_after", retention_after, low=0.0, high=1.0)
    return (1.0 - after) / (1.0 - before) - 1.0


def _check_strategy(strategy) -> Strategy:
    if isinstance(strategy, str):
        return preset(strategy)
    if not isinstance(strategy, Strategy):
        raise ClvDataError(
            text("decisions.strategy_type", presets=", ".join(sorted(PRESETS)), type=type(strategy).__name__)
        )
    return strategy


def _roi(net: float, cost: float) -> float:
    # Without a cost there is no return *on* anything: an "infinite ROI" ranks a free price
    # rise above every programme whatever its size, so it is left undefined.
    return net / cost if cost > 0 else math.nan


# --------------------------------------------------------------------- results
@dataclass
class StrategyResult:
    """The effect of a strategy on a customer base.

    Attributes
    ----------
    strategy : Strategy
    steps : dict
        Gross effect of each lever, applied in the order retention, frequency,
        order value, margin (their sum is the gross uplift).
    participants, program_cost, break_even_cost : float
    clv_before : float
        Total CLV of the base without the program.
    n_customers, targeted : float
        Customers in the base and customers the program is offered to.
    payback_periods : float or None
        None when not computed (see :meth:`StrategySimulator.evaluate`).
    period : str
        What a period is (for the payback and the running cost).
    customers : DataFrame (property)
        Per customer: targeted, clv_before, clv_after (expected, net of program
        costs, take-up applied) and uplift; built on first access, so that a
        widget that shows only the totals never pays for it.
    """

    strategy: Strategy
    steps: dict[str, float]
    participants: float
    program_cost: float
    break_even_cost: float
    clv_before: float
    n_customers: float
    targeted: float
    payback_periods: float | None = None
    period: str = "period"
    extra: dict = field(default_factory=dict)
    table_builder: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)
    _table: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def customers(self) -> pd.DataFrame:
        if self._table is None and self.table_builder is not None:
            self._table = self.table_builder()
        return self._table

    @property
    def gross_uplift(self) -> float:
        return float(sum(self.steps.values()))

    @property
    def net_uplift(self) -> float:
        return self.gross_uplift - self.program_cost

    @property
    def clv_after(self) -> float:
        return self.clv_before + self.net_uplift

    @property
    def roi(self) -> float:
        return _roi(self.net_uplift, self.program_cost)

    def summary(self) -> pd.Series:
        """Headline figures as one Series (for a table or a widget).

        Counts of customers are whole numbers (the expected participants rounded);
        ``roi`` is NaN for a programme without cost and ``break_even_cost`` is NaN
        when no one-off cost, not even zero, lets the programme break even.
        """
        return pd.Series(
            {
                "customers": float(self.n_customers),
                "targeted": float(round(self.targeted)),
                "participants": float(round(self.participants)),
                "clv_before": self.clv_before,
                "clv_after": self.clv_after,
                "gross_uplift": self.gross_uplift,
                "program_cost": self.program_cost,
                "net_uplift": self.net_uplift,
                "uplift_pct": self.net_uplift / self.clv_before if self.clv_before else math.nan,
                "roi": self.roi,
                "break_even_cost": self.break_even_cost if self.break_even_cost >= 0 else math.nan,
                "payback_periods": math.nan if self.payback_periods is None else self.payback_periods,
            },
            name=self.strategy.name,
        )

    def waterfall(self) -> pd.DataFrame:
        """The bars of a waterfall chart (see :func:`waterfall_steps`)."""
        return waterfall_steps(self)


def waterfall_steps(result: StrategyResult) -> pd.DataFrame:
    """Bars of a waterfall: base CLV, each lever's effect, minus program cost, new CLV.

    Returns
    -------
    DataFrame
        Columns step, value, start, end, kind ("total" for the first and last bar,
        "delta" otherwise); ``end`` of the last bar equals ``result.clv_after``.

    Examples
    --------
    >>> r = evaluate_drivers(Strategy(aov_change=0.1), aov=50, purchases_per_period=2, margin=0.3,
    ...                      retention=0.8, discount_rate=0.1)
    >>> waterfall_steps(r)["step"].tolist()
    ['base CLV', 'retention', 'frequency', 'order value', 'margin', 'program cost', 'new CLV']
    """
    base = result.clv_before
    labels = {"retention": "retention", "frequency": "frequency", "aov": "order value", "margin": "margin"}
    rows = [("base CLV", base, 0.0, base, "total")]
    level = base
    for key, label in labels.items():
        value = float(result.steps.get(key, 0.0))
        rows.append((label, value, level, level + value, "delta"))
        level += value
    rows.append(("program cost", -result.program_cost, level, level - result.program_cost, "delta"))
    level -= result.program_cost
    rows.append(("new CLV", level, 0.0, level, "total"))
    return pd.DataFrame(rows, columns=["step", "value", "start", "end", "kind"])


# ------------------------------------------------------------- driver engine
def _dcf_terms(m: float, r: float, d: float, periods: int | None, timing: str) -> float:
    from .formulas import dcf_clv

    return dcf_clv(m, r, d, periods=periods, timing=timing)


def _payback_drivers(m0, r0, m1, r1, cpp, d, cost_once, periods, timing) -> float:
    """Periods until the cumulative discounted extra margin of a participant covers cost_once.

    With no one-off cost the programme pays back at once if its first period's extra
    margin covers the running cost, later if the running cost is only recovered over
    time, and never (inf) if it is not recovered within the horizon.
    """
    n = periods if periods is not None else 1000
    t = np.arange(1, n + 1) if timing == "end" else np.arange(0, n)
    disc = (1.0 + d) ** -t.astype(float)
    extra = ((m1 - cpp) * r1 ** t - m0 * r0 ** t) * disc
    # The one payback computation of clvkit (clvkit.formulas.payback_from_cash_flows).
    return _payback_crossing(extra, cost_once)


def evaluate_drivers(
    strategy,
    *,
    aov: float,
    purchases_per_period: float,
    margin: float,
    retention: float,
    discount_rate: float,
    periods: int | None = None,
    timing: str = "end",
    customers: float = 1.0,
) -> StrategyResult:
    """Effect of a strategy on driver values, with the DCF formula (the teaching engine).

    A retained customer brings ``aov x purchases_per_period x margin`` each period;
    CLV is :func:`clvkit.formulas.dcf_clv` of that margin with the retention rate.
    Participants get ``aov (1 + aov_change)``, ``purchases (1 + frequency_change)``,
    ``margin (1 + margin_change)`` and churn ``(1 - retention)(1 + churn_change)``;
    their running cost is paid each period while they stay, like the margin.

    Parameters
    ----------
    strategy : Strategy or str
        A strategy or the name of a preset. Its ``target`` is ignored here: the
        driver values describe the targeted customers.
    aov : float
        Average order value (> 0).
    purchases_per_period : float
        Purchases per period of a retained customer (> 0).
    margin : float
        Margin as a share of revenue, in (0, 1].
    retention : float
        Retention rate per period, in [0, 1].
    discount_rate : float
        Discount rate per period (>= 0).
    periods : int, optional
        Horizon in periods; None for an infinite horizon.
    timing : {"end", "begin"}
        When the first margin arrives (as in dcf_clv).
    customers : float
        Number of targeted customers (scales the totals).

    Returns
    -------
    StrategyResult

    Examples
    --------
    >>> r = evaluate_drivers("loyalty_program", aov=40, purchases_per_period=6, margin=0.3,
    ...                      retention=0.7, discount_rate=0.1)
    >>> r.net_uplift > 0
    True

    References
    ----------
    Gupta, Lehmann & Stuart (2004), JMR 41(1).
    """
    st = _check_strategy(strategy)
    v = check_number("aov", aov, low=0.0, low_open=True)
    f = check_number("purchases_per_period", purchases_per_period, low=0.0, low_open=True)
    mg = check_number("margin", margin, low=0.0, high=1.0, low_open=True)
    r0 = check_number("retention", retention, low=0.0, high=1.0)
    d = check_number("discount_rate", discount_rate, low=0.0)
    n = check_number("customers", customers, low=0.0)
    check_choice("timing", timing, ("end", "begin"))
    churn1 = (1.0 - r0) * (1.0 + st.churn_change)
    if churn1 > 1.0:
        raise ClvDataError(
            text("decisions.churn_above_one", change=st.churn_change, before=1 - r0, after=churn1,
                 most=r0 / (1 - r0), retention=r0)
        )
    r1 = 1.0 - churn1
    m0 = v * f * mg
    clv = lambda m, r: _dcf_terms(m, r, d, periods, timing)
    base = clv(m0, r0)
    after_ret = clv(m0, r1)
    m_freq = m0 * (1 + st.frequency_change)
    after_freq = clv(m_freq, r1)
    m_aov = m_freq * (1 + st.aov_change)
    after_aov = clv(m_aov, r1)
    m1 = m_aov * (1 + st.margin_change)
    after_margin = clv(m1, r1)
    participants = n * st.take_up
    per_period_pv = clv(st.cost_per_period, r1) if st.cost_per_period else 0.0
    steps = {
        "retention": participants * (after_ret - base),
        "frequency": participants * (after_freq - after_ret),
        "aov": participants * (after_aov - after_freq),
        "margin": participants * (after_margin - after_aov),
    }
    gross_per = after_margin - base
    cost = participants * (st.cost_once + per_period_pv)
    after_per_customer = base + st.take_up * (gross_per - st.cost_once - per_period_pv)
    table = pd.DataFrame(
        {
            "targeted": [n],
            "clv_before": [n * base],
            "clv_after": [n * after_per_customer],
        },
        index=pd.Index(["targeted customers"], name="group"),
    )
    table["uplift"] = table["clv_after"] - table["clv_before"]
    payback = _payback_drivers(m0, r0, m1, r1, st.cost_per_period, d, st.cost_once, periods, timing)
    return StrategyResult(
        strategy=st,
        steps=steps,
        participants=participants,
        program_cost=cost,
        break_even_cost=gross_per - per_period_pv,
        clv_before=n * base,
        n_customers=n,
        targeted=n,
        payback_periods=payback,
        _table=table,
        extra={"retention_after": r1, "margin_per_period_before": m0, "margin_per_period_after": m1,
               "clv_per_customer_before": base, "clv_per_participant_after": after_margin},
    )


_QUAD_NODES, _QUAD_WEIGHTS = np.polynomial.legendre.leggauss(48)


def _lobatto(n: int, upper: float) -> np.ndarray:
    """Chebyshev-Lobatto points on [0, upper], increasing, with 0 and upper included."""
    return 0.5 * upper * (1.0 - np.cos(np.pi * np.arange(n) / (n - 1)))


def _barycentric_basis(nodes: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Lagrange basis of the Chebyshev-Lobatto nodes evaluated at u: shape (len(u), len(nodes))."""
    n = nodes.size
    w = (-1.0) ** np.arange(n)
    w[0] *= 0.5
    w[-1] *= 0.5
    diff = u[:, None] - nodes[None, :]
    exact = np.isclose(diff, 0.0, atol=1e-14 * max(nodes[-1], 1.0))
    diff = np.where(exact, 1.0, diff)
    terms = w / diff
    basis = terms / terms.sum(axis=1, keepdims=True)
    hit = exact.any(axis=1)
    basis[hit] = exact[hit].astype(float)
    return basis


def _active_survival(kind: str, modified: bool, params: pd.Series, summary: pd.DataFrame, u: np.ndarray) -> np.ndarray:
    """P(still alive at T + u | alive at T and the history) per customer (rows) and u (columns).

    Given alive at T, BG/NBD's posterior is lambda ~ Gamma(r + x, alpha + T) and
    p ~ Beta(a, b + x) (b + x + 1 for MBG/NBD, where the customer could also leave at
    the first purchase), independent; an active customer dies at the purchases that
    turn into dropouts, a Poisson process of rate lambda p, so the chance to survive u
    is E[exp(-lambda p u)] = 2F1(r + x, a; a + b + x; -u / (alpha + T)) (Euler's
    integral). Pareto/NBD: mu ~ Gamma(s, beta + T), so ((beta + T) / (beta + T + u))^s.

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2); Schmittlein, Morrison &
    Colombo (1987), Management Science 33(1).
    """
    from scipy.special import hyp2f1

    # The 2F1 work once per distinct (x, T) pair: weekly summaries repeat them a lot.
    pairs, row = np.unique(np.column_stack([summary["frequency"].to_numpy(dtype=float),
                                            summary["T"].to_numpy(dtype=float)]), axis=0, return_inverse=True)
    x, T = pairs[:, :1], pairs[:, 1:]
    u = np.asarray(u, dtype=float)[None, :]
    if kind == "beta-dropout":
        r, alpha, a, b = (float(params[k]) for k in ("r", "alpha", "a", "b"))
        c = a + b + x + (1.0 if modified else 0.0)
        survival = hyp2f1(r + x, a, c, -u / (alpha + T))
    else:
        s, beta = float(params["s"]), float(params["beta"])
        survival = ((beta + T) / (beta + T + u)) ** s
    return survival[row.reshape(-1)]


class StrategySimulator:
    """Strategy effects on a fitted model's per-customer predictions (the engine for real data).

    CLV per customer is ``margin x expected spend x discounted expected purchases``
    over the horizon H, with discounted expected purchases
    ``D = integral_0^H exp(-delta t) dE(t)``, E(t) the model's
    ``predict_purchases(s, t)`` and delta the continuous discount rate per time unit
    (this matches :func:`clvkit.customer_lifetime_value`, which discounts step by
    step, to a fraction of a percent).

    How the levers act. A program changes what customers do from now on; their
    history, and so who is probably still alive, stays as it is. Participants buy
    at rate ``(1 + frequency_change) lambda`` and drop out with probability
    ``(1 + churn_change) p`` (BG/NBD, MBG/NBD) or at rate ``(1 + churn_change) mu``
    (Pareto/NBD). For a population this is exactly alpha -> alpha / (1 + f) and a
    mean dropout (a/(a+b), or s/beta) scaled by 1 + churn_change (see
    :meth:`changed_params`). With c = 1 + frequency_change and k = 1 + churn_change,
    an alive customer's expected purchases are ``(1 - exp(-c lambda k p t)) / (k p)``
    (BG/NBD) and ``c lambda / (k mu) (1 - exp(-k mu t))`` (Pareto/NBD), so after
    averaging over the customer's posterior

        BG/NBD family:  E_after(t) = E(c k t) / k
        Pareto/NBD:     E_after(t) = (c / k) E(k t)

    Every lever setting is therefore a reading of the customer's own E(u) at
    stretched times. E(u) is computed once per customer at Chebyshev points on
    [0, max_scale x H]; a lever change is then one matrix-vector product over the
    customers (milliseconds for 100,000 customers). Order value and margin multiply
    the result; costs and take-up are arithmetic on the same arrays.

    Parameters
    ----------
    transaction_model : fitted BGNBD, MBGNBD or ParetoNBD
    spend_model : fitted GammaGamma, a number, or None
        Expected spend per purchase: the model's ``expected_spend``, one number for
        everybody, or (None) each customer's ``monetary_value`` column.
    summary : DataFrame
        Per-customer summary (frequency, recency, T, monetary_value).
    horizon : float or str
        Horizon in the summary's time unit or as "12 months".
    annual_discount_rate : float
        Yearly discount rate (default 0.10).
    margin : float
        Margin as a share of revenue, in (0, 1].
    segments : Series, optional
        Segment label per customer (index of `summary`), for targeted strategies.
    cost_period : str
        The period ``cost_per_period`` refers to (default "M", a month).
    max_scale : float
        Largest time stretch the levers may need (c x k for BG/NBD, k for
        Pareto/NBD); default 4.
    grid_points : int
        Chebyshev points per customer (default 13: 12 model evaluations, interpolation error
        below 0.1%).

    Examples
    --------
    >>> sim = StrategySimulator(bgnbd, gg, summary, horizon="1 year")   # doctest: +SKIP
    >>> sim.evaluate("loyalty_program").summary()["roi"]                # doctest: +SKIP

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2): E[X(t) | lambda, p] and the
    conditional expectation; Schmittlein, Morrison & Colombo (1987).
    """

    def __init__(
        self,
        transaction_model,
        spend_model,
        summary: pd.DataFrame,
        *,
        horizon,
        annual_discount_rate: float = 0.10,
        margin: float = 1.0,
        segments: pd.Series | None = None,
        cost_period: str = "M",
        max_scale: float = 4.0,
        grid_points: int = 13,
    ) -> None:
        if not isinstance(summary, pd.DataFrame) or len(summary) == 0:
            raise ClvDataError(text("decisions.sim_summary"))
        params = getattr(transaction_model, "params_", None)
        if params is None:
            raise ClvDataError(text("decisions.sim_not_fitted"))
        names = set(params.index)
        if {"a", "b", "alpha", "r"} <= names:
            self.kind_ = "beta-dropout"
        elif {"s", "beta", "alpha", "r"} <= names:
            self.kind_ = "gamma-dropout"
        else:
            raise ClvDataError(
                text("decisions.sim_model_kind", model=type(transaction_model).__name__,
                     params=", ".join(map(str, params.index)))
            )
        self.model = transaction_model
        self.params = params.astype(float)
        unit = getattr(transaction_model, "time_unit_", None) or summary.attrs.get("time_unit") or "W"
        self.time_unit = check_time_unit(unit)
        self.horizon = parse_duration(horizon, self.time_unit)
        if self.horizon <= 0:
            raise ClvDataError(text("decisions.horizon", value=repr(horizon)))
        rate = check_number("annual_discount_rate", annual_discount_rate, low=0.0, high=10.0)
        self.delta = math.log1p(rate) * DAYS_PER_UNIT[self.time_unit] / DAYS_PER_UNIT["Y"]
        self.margin = check_number("margin", margin, low=0.0, high=1.0, low_open=True)
        self.cost_period = check_time_unit(cost_period)
        self.max_scale = check_number("max_scale", max_scale, low=1.0)
        if isinstance(grid_points, bool) or not isinstance(grid_points, int) or not 5 <= grid_points <= 65:
            raise ClvDataError(text("decisions.grid_points", value=repr(grid_points)))
        self.summary = summary
        index = summary.index
        if spend_model is None:
            if "monetary_value" not in summary.columns:
                raise ClvDataError(text("decisions.no_monetary_value"))
            spend = summary["monetary_value"].to_numpy(dtype=float)
        elif isinstance(spend_model, (int, float)) and not isinstance(spend_model, bool):
            spend = np.full(len(summary), check_number("spend_model (average order value)", spend_model, low=0.0))
        else:
            spend = np.asarray(spend_model.expected_spend(summary), dtype=float)
        self.spend = spend
        self.p_alive = np.asarray(transaction_model.probability_alive(summary), dtype=float)
        if segments is not None:
            if not isinstance(segments, pd.Series):
                raise ClvDataError(text("decisions.segments_type"))
            seg = segments.reindex(index)
            if seg.isna().any():
                missing = index[seg.isna().to_numpy()][:3].tolist()
                raise ClvDataError(text("decisions.segments_missing", n=int(seg.isna().sum()), first=missing))
            self.segments = seg.astype(str)
        else:
            self.segments = None
        self._per = DAYS_PER_UNIT[self.cost_period] / DAYS_PER_UNIT[self.time_unit]
        # E(u) per customer at Chebyshev points on [0, max_scale * H]; E(0) = 0.
        self._nodes = _lobatto(grid_points, self.max_scale * self.horizon)
        # The chance of being alive at T + u, at the same points: the running cost is paid only
        # while the customer stays.
        self._ST = np.ascontiguousarray(
            (self.p_alive[:, None] * _active_survival(self.kind_, type(transaction_model).__name__ == "MBGNBD",
                                                       self.params, summary, self._nodes)).T)
        self._alive_cache: dict[tuple[float, float], np.ndarray] = {}
        from .valuation import expected_purchases_path

        # Kept as (points, customers) and contracted with einsum: BLAS matrix-vector products
        # are slower here on a busy machine, and einsum needs no threads.
        self._ET = np.ascontiguousarray(expected_purchases_path(transaction_model, summary, self._nodes).T)
        self._cache: dict[tuple[float, float], np.ndarray] = {}
        self._masks: dict = {}
        self._sums: dict = {}
        self._lever_sums: dict = {}
        self._ms = self.margin * self.spend
        self.base_purchases_ = self.discounted_purchases(0.0, 0.0)
        self.base_clv_ = self._ms * self.base_purchases_
        self._clv_before_total = float(self.base_clv_.sum())

    # ---------------------------------------------------------------- levers
    def changed_params(self, churn_change: float = 0.0, frequency_change: float = 0.0) -> dict[str, float]:
        """Population parameters equivalent to the levers (for valuing new customers, and for reports).

        alpha -> alpha / (1 + frequency_change); BG/NBD: a/(a+b) -> a/(a+b) x (1 +
        churn_change) keeping a + b; Pareto/NBD: beta -> beta / (1 + churn_change).
        Raises when the mean dropout probability would leave (0, 1).

        Examples
        --------
        >>> sim.changed_params(churn_change=-0.2)            # doctest: +SKIP
        """
        p = {k: float(v) for k, v in self.params.items()}
        k = check_number("churn_change", churn_change, low=-1.0, low_open=True)
        f = check_number("frequency_change", frequency_change, low=-1.0, low_open=True)
        p["alpha"] = p["alpha"] / (1.0 + f)
        if self.kind_ == "beta-dropout":
            total = p["a"] + p["b"]
            mean = p["a"] / total * (1.0 + k)
            if not 0.0 < mean < 1.0:
                raise ClvDataError(
                    text("decisions.dropout_outside", change=k, before=p["a"] / total, after=mean,
                         most=1 / (p["a"] / total) - 1)
                )
            p["a"], p["b"] = mean * total, (1.0 - mean) * total
        else:
            p["beta"] = p["beta"] / (1.0 + k)
        return p

    def _stretch(self, churn_change: float, frequency_change: float) -> tuple[float, float]:
        """(gain, time scale) with E_after(t) = gain x E(scale x t)."""
        self.changed_params(churn_change, frequency_change)  # validates the levers
        k, c = 1.0 + churn_change, 1.0 + frequency_change
        gain, scale = (1.0 / k, c * k) if self.kind_ == "beta-dropout" else (c / k, k)
        if scale > self.max_scale * (1 + 1e-12):
            raise ClvDataError(
                text("decisions.max_scale", scale=scale, max_scale=self.max_scale, needed=math.ceil(scale))
            )
        return gain, scale

    def discounted_purchases(self, churn_change: float = 0.0, frequency_change: float = 0.0) -> np.ndarray:
        """Discounted expected purchases per customer over the horizon after the two behaviour levers."""
        key = (float(churn_change), float(frequency_change))
        if key in self._cache:
            return self._cache[key]
        gain, scale = self._stretch(*key)
        H, delta = self.horizon, self.delta
        upper = scale * H
        # D = gain * [exp(-delta H) E(upper) + (delta / scale) * int_0^upper exp(-delta u / scale) E(u) du]
        weights = math.exp(-delta * H) * _barycentric_basis(self._nodes, np.array([upper]))[0]
        if delta > 0:
            u = 0.5 * upper * (_QUAD_NODES + 1.0)
            w = 0.5 * upper * _QUAD_WEIGHTS * np.exp(-delta * u / scale)
            weights = weights + (delta / scale) * (w @ _barycentric_basis(self._nodes, u))
        value = gain * np.einsum("j,jn->n", weights, self._ET)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = value
        return value

    def discounted_alive_time(self, churn_change: float = 0.0, frequency_change: float = 0.0) -> np.ndarray:
        """Expected discounted time each customer stays alive within the horizon, after the levers.

        ``int_0^H exp(-delta t) P(alive at T + t) dt`` in the summary's time unit: what a
        running cost of one per time unit costs, in today's money, for this customer.
        The levers stretch time for an active customer as they do for the purchases.
        """
        key = (float(churn_change), float(frequency_change))
        if key not in self._alive_cache:
            _, scale = self._stretch(*key)
            H, delta = self.horizon, self.delta
            # int_0^H exp(-delta t) S(scale t) dt = (1 / scale) int_0^(scale H) exp(-delta u / scale) S(u) du
            upper = scale * H
            u = 0.5 * upper * (_QUAD_NODES + 1.0)
            w = 0.5 * upper * _QUAD_WEIGHTS * np.exp(-delta * u / scale) / scale
            weights = w @ _barycentric_basis(self._nodes, u)
            if len(self._alive_cache) > 256:
                self._alive_cache.clear()
            self._alive_cache[key] = np.einsum("j,jn->n", weights, self._ST)
        return self._alive_cache[key]

    def _targeted(self, target: str | None) -> np.ndarray:
        if target in self._masks:
            return self._masks[target]
        n = len(self.summary)
        if target is None:
            mask = np.ones(n, dtype=bool)
        elif self.segments is None:
            raise ClvDataError(text("decisions.no_segments", target=repr(target)))
        else:
            known = sorted(self.segments.unique())
            if target not in known:
                raise ClvDataError(
                    text("decisions.unknown_segment", target=repr(target), known=", ".join(map(repr, known)))
                )
            mask = (self.segments == target).to_numpy()
        self._masks[target] = mask
        return mask

    def _target_sums(self, target: str | None) -> dict:
        """Sums over the targeted customers that do not depend on the levers."""
        if target not in self._sums:
            mask = self._targeted(target)
            ms = self._ms[mask]
            self._sums[target] = {
                "count": float(mask.sum()),
                "value0": float(np.einsum("n,n->", ms, self.base_purchases_[mask])),
                "p_alive": float(self.p_alive[mask].sum()),
                "curve": np.einsum("jn,n->j", self._ET[:, mask], ms),
                "alive_curve": np.einsum("jn->j", self._ST[:, mask]),
            }
        return self._sums[target]

    def _lever_sum(self, target: str | None, churn_change: float, frequency_change: float) -> float:
        key = (target, float(churn_change), float(frequency_change))
        if key not in self._lever_sums:
            mask = self._targeted(target)
            d = self.discounted_purchases(churn_change, frequency_change)
            if len(self._lever_sums) > 1024:
                self._lever_sums.clear()
            self._lever_sums[key] = float(np.einsum("n,n->", self._ms[mask], d[mask]))
        return self._lever_sums[key]

    # -------------------------------------------------------------- evaluate
    def evaluate(self, strategy, *, payback: bool = True) -> StrategyResult:
        """Effect of a strategy on every customer and in total.

        Totals come from sums over the targeted customers that are cached per lever
        setting, so moving the order-value, margin, cost or take-up lever costs no
        pass over the customers; the per-customer table is built when first read.

        Parameters
        ----------
        strategy : Strategy or str
            A strategy or the name of a preset.
        payback : bool
            Also compute the payback period in `cost_period` units (default True;
            it reuses the precomputed E(u), so it costs little).

        Returns
        -------
        StrategyResult
        """
        st = _check_strategy(strategy)
        k, f = st.churn_change, st.frequency_change
        params_after = self.changed_params(k, f)
        sums = self._target_sums(st.target)
        value0 = sums["value0"]
        value_ret = self._lever_sum(st.target, k, 0.0)
        value_all = self._lever_sum(st.target, k, f)
        tu = st.take_up
        aov, mg = 1.0 + st.aov_change, 1.0 + st.margin_change
        steps = {
            "retention": tu * (value_ret - value0),
            "frequency": tu * (value_all - value_ret),
            "aov": tu * (aov - 1.0) * value_all,
            "margin": tu * aov * (mg - 1.0) * value_all,
        }
        participants = tu * sums["count"]
        alive_time = self.discounted_alive_time(k, f) / self._per  # discounted cost periods alive
        per_period_total = tu * st.cost_per_period * float(alive_time[self._targeted(st.target)].sum())
        gross = tu * (aov * mg * value_all - value0)
        break_even = (gross - per_period_total) / participants if participants > 0 else math.nan

        def table() -> pd.DataFrame:
            targeted = self._targeted(st.target)
            share = tu * targeted
            d_all = self.discounted_purchases(k, f)
            per_period = st.cost_per_period * alive_time
            gross_i = self._ms * (aov * mg * d_all - self.base_purchases_)
            before = self.base_clv_
            after = before + share * (gross_i - st.cost_once - per_period)
            return pd.DataFrame(
                {"targeted": targeted, "clv_before": before, "clv_after": after, "uplift": after - before},
                index=self.summary.index,
            )

        result = StrategyResult(
            strategy=st,
            steps=steps,
            participants=participants,
            program_cost=participants * st.cost_once + per_period_total,
            break_even_cost=break_even,
            clv_before=self._clv_before_total,
            n_customers=float(len(self.summary)),
            targeted=sums["count"],
            period=self.cost_period,
            extra={"params_after": params_after},
            table_builder=table,
        )
        if payback:
            result.payback_periods = self._payback(st, sums)
        return result

    def _payback(self, st: Strategy, sums: dict) -> float:
        """Cost periods until the participants' cumulative discounted extra margin covers the one-off cost."""
        if st.take_up == 0 or sums["count"] == 0:
            return 0.0
        gain, scale = self._stretch(st.churn_change, st.frequency_change)
        per = DAYS_PER_UNIT[self.cost_period] / DAYS_PER_UNIT[self.time_unit]
        steps = math.ceil(self.horizon / per - 1e-9)
        t = np.minimum(np.arange(0, steps + 1) * per, self.horizon)
        factor = (1.0 + st.aov_change) * (1.0 + st.margin_change)
        # Cumulative expected margin of an average targeted customer, before and after.
        mean_e = sums["curve"] / sums["count"]
        before = _barycentric_basis(self._nodes, t) @ mean_e
        after = factor * gain * (_barycentric_basis(self._nodes, scale * t) @ mean_e)
        # Running cost of an average targeted participant in each cost period, while alive.
        alive = _barycentric_basis(self._nodes, scale * t) @ (sums["alive_curve"] / sums["count"])
        running = st.cost_per_period * 0.5 * (alive[1:] + alive[:-1]) * np.diff(t) / per
        extra = np.diff(after - before) - running
        return _payback_crossing(extra * np.exp(-self.delta * t[1:]), st.cost_once)


def horizon_table(
    transaction_model,
    spend_model,
    summary: pd.DataFrame,
    strategies,
    *,
    horizons=("12 months", "24 months", "36 months", "60 months"),
    figure: str = "net_uplift",
    **simulator_options,
) -> pd.DataFrame:
    """One figure of each strategy's result over several horizons: how the verdict depends on the horizon.

    A programme that changes behaviour (retention above all) adds value in every
    later year, while its one-off cost is paid at once: judged over a horizon shorter
    than the programme's life, it looks worse than it is. The table evaluates every
    strategy with a :class:`StrategySimulator` built for each horizon.

    Parameters
    ----------
    transaction_model, spend_model, summary
        As for :class:`StrategySimulator`.
    strategies : Strategy, str or sequence of them
        The strategies (or preset names) to compare; rows are named after them.
    horizons : sequence
        The horizons, each as :class:`StrategySimulator` accepts it (e.g. "36 months").
    figure : str
        Which entry of :meth:`StrategyResult.summary` to show (default ``"net_uplift"``;
        e.g. ``"roi"`` or ``"break_even_cost"``).
    **simulator_options
        Passed to every :class:`StrategySimulator` (annual_discount_rate, margin,
        segments, cost_period, ...).

    Returns
    -------
    DataFrame
        One row per strategy, one column per horizon (labelled as given).

    Examples
    --------
    >>> table = horizon_table(bgnbd, gg, summary, ["loyalty_program"], margin=0.3)  # doctest: +SKIP
    """
    if isinstance(strategies, (str, Strategy)):
        strategies = [strategies]
    chosen = [_check_strategy(st) for st in strategies]
    figures = ["targeted", "participants", "clv_before", "clv_after", "gross_uplift", "program_cost",
               "net_uplift", "uplift_pct", "roi", "break_even_cost"]
    if figure not in figures:
        raise ClvDataError(text("strategy.horizon_figure", figure=repr(figure), figures=", ".join(figures)))
    columns = {}
    for h in horizons:
        sim = StrategySimulator(transaction_model, spend_model, summary, horizon=h, **simulator_options)
        columns[str(h)] = [sim.evaluate(st, payback=False).summary()[figure] for st in chosen]
    table = pd.DataFrame(columns, index=pd.Index([st.name for st in chosen], name="strategy"))
    table.columns.name = "horizon"
    return table
