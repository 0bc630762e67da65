"""Unit economics (юнит-экономика): the acquisition funnel's arithmetic, and how it maps onto CLV.

The framework follows one cohort of acquired users through the funnel to a profit:

==========  ==========================================  =====================================
metric      formula                                     meaning
==========  ==========================================  =====================================
UA          counted                                     users the marketing brought in
C1          buyers / UA                                 conversion to a first purchase
buyers      UA × C1                                     users who bought at least once
AvP         revenue / purchases                         average price of a purchase
COGS        direct costs / purchases                    cost of goods (and fees) per purchase
APC         purchases / buyers                          purchases per buyer over the horizon
ARPPU       (AvP − COGS) × APC                          margin per buyer
ARPU        C1 × ARPPU                                  margin per acquired user
CPA         marketing spend / UA                        cost per acquired user
CAC         marketing spend / buyers = CPA / C1         cost per buyer
CM          UA × (ARPU − CPA)                           contribution margin of the cohort
ROMI        (buyers × ARPPU − spend) / spend            return on the marketing spend
==========  ==========================================  =====================================

These are the definitions as taught in Russian-language product-marketing and
product-management practice, where the framework is known as юнит-экономика and the
Latin abbreviations are used as they are (ARPPU and ARPU there are margins, after COGS,
not revenue).

How it maps onto CLV
--------------------
* APC is the expected number of purchases of a buyer over a horizon, which the
  transaction models of :mod:`clvkit.models` estimate per customer
  (:func:`apc_from_model`).
* ARPPU is then an undiscounted CLV per buyer over that horizon.
* ``ARPPU > CAC`` is an LTV:CAC above one; indeed ``ARPPU / CAC = 1 + ROMI``.
* What unit economics leaves out is *when* the purchases come and whether the buyer is
  still there to make them: :func:`compare_with_clv` puts the two views side by side.

All functions take keyword arguments only; the per-metric functions take numbers,
arrays or pandas Series (one value per channel, month or scenario) and return the same
shape. An impossible input (a conversion above 1, a negative count, no marketing spend
for ROMI) is refused with one sentence from the catalogue.

References
----------
Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive
Marketing 17(1), 9-24 (the discounted CLV the comparison uses).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from . import formulas
from .errors import ClvDataError
from .i18n import format_money, format_number, format_percent, resolve_lang, text

__all__ = [
    "METRICS",
    "UnitEconomics",
    "apc_from_model",
    "arppu",
    "arpu",
    "buyers",
    "cac",
    "compare_with_clv",
    "contribution_margin",
    "cpa",
    "max_cpa",
    "metric_meanings",
    "romi",
    "unit_economics",
]

#: The metrics of :class:`UnitEconomics`, funnel order.
METRICS = ("ua", "c1", "buyers", "avp", "cogs", "apc", "arppu", "arpu", "cpa", "spend", "cac", "cm", "romi",
           "ltv_cac", "break_even_cpa")

# How the framework writes each metric (none for the two that have no abbreviation).
# ARPPU / CAC is a ratio of one cohort's 12-month margin, not of a lifetime value: not called LTV:CAC
_ABBREVIATION = {"ua": "UA", "c1": "C1", "avp": "AvP", "cogs": "COGS", "apc": "APC", "arppu": "ARPPU",
                 "arpu": "ARPU", "cpa": "CPA", "cac": "CAC", "cm": "CM", "romi": "ROMI",
                 "ltv_cac": "ARPPU:CAC", "break_even_cpa": "CPA"}
_MONEY = {"avp", "cogs", "arppu", "arpu", "cpa", "spend", "cac", "cm", "break_even_cpa"}
_SHARE = {"c1", "romi"}


# --------------------------------------------------------------------------- checks
def _where(name: str, values: np.ndarray, i: int, index) -> str:
    """Which element was wrong, written as the user would index it: ``c1[3]``, ``c1['vk']``."""
    if values.ndim == 0:
        return ""
    position = f"{name}[{index[i]!r}]" if index is not None else f"{name}[{i}]"
    return text("unit_economics.err.where", position=position)


def _shown(value) -> str:
    """A number as the user typed it (5, 0.05), without numpy's type names."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return repr(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return repr(value)


class _Inputs:
    """Named arguments checked against their rule, broadcast together; remembers a Series index.

    Rules: ``"finite"`` (any finite number), ``"nonneg"`` (>= 0), ``"c1"`` (in (0, 1]) and
    ``("positive", reason)`` (> 0, with the catalogue key ``unit_economics.reason.<reason>``
    saying why).
    """

    def __init__(self, **specs):
        self.values: dict[str, np.ndarray] = {}
        self.index = None
        index_owner = None
        lengths: dict[str, int] = {}
        for name, (value, rule) in specs.items():
            series_index = value.index if isinstance(value, pd.Series) else None
            array = self._array(name, value)
            self._check(name, value, array, rule, series_index)
            if series_index is not None:
                if self.index is None:
                    self.index, index_owner = series_index, name
                elif not self.index.equals(series_index):
                    raise ClvDataError(text("unit_economics.err.index", names=f"{index_owner}=, {name}="))
            if array.ndim == 1:
                lengths[name] = array.size
            self.values[name] = array
        if len(set(lengths.values())) > 1:
            raise ClvDataError(text("unit_economics.err.shapes", names=", ".join(f"{n}=" for n in lengths),
                                    shapes=", ".join(str(v) for v in lengths.values())))
        if self.index is not None and lengths and next(iter(lengths.values())) != len(self.index):
            raise ClvDataError(text("unit_economics.err.shapes", names=", ".join(f"{n}=" for n in lengths),
                                    shapes=", ".join(str(v) for v in lengths.values())))

    @staticmethod
    def _array(name: str, value) -> np.ndarray:
        def refuse(shown: str, where: str = ""):
            return ClvDataError(text("unit_economics.err.not_number", name=name, value=shown, where=where))

        if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
            raise refuse(repr(value))
        raw = value.to_numpy() if isinstance(value, pd.Series) else value
        try:
            array = np.asarray(raw, dtype=float)
        except (TypeError, ValueError):
            if np.ndim(raw) != 1:
                raise refuse(repr(value)) from None
            # Name the first element that is not a number rather than print the whole column.
            index = value.index if isinstance(value, pd.Series) else None
            for i, item in enumerate(raw):
                try:
                    float(item)
                except (TypeError, ValueError):
                    raise refuse(repr(item), _where(name, np.zeros(1), i, index)) from None
            raise refuse(repr(value)) from None
        if array.ndim > 1:
            raise ClvDataError(text("unit_economics.err.shape_2d", name=name, shape=array.shape))
        return array

    @staticmethod
    def _check(name: str, value, array: np.ndarray, rule, index) -> None:
        def first(bad: np.ndarray) -> tuple[str, str]:
            i = int(np.flatnonzero(np.atleast_1d(bad))[0])
            shown = _shown(value) if array.ndim == 0 else _shown(array[i])
            return shown, _where(name, array, i, index)

        bad = ~np.isfinite(array)
        if bad.any():
            shown, where = first(bad)
            raise ClvDataError(text("unit_economics.err.not_finite", name=name, value=shown, where=where))
        if rule == "c1":
            bad = (array <= 0) | (array > 1)
            if bad.any():
                shown, where = first(bad)
                raise ClvDataError(text("unit_economics.err.c1_range", value=shown, where=where))
        elif rule == "nonneg":
            bad = array < 0
            if bad.any():
                shown, where = first(bad)
                raise ClvDataError(text("unit_economics.err.negative", name=name, value=shown, where=where))
        elif isinstance(rule, tuple) and rule[0] == "positive":
            bad = array < 0
            if bad.any():
                shown, where = first(bad)
                raise ClvDataError(text("unit_economics.err.negative", name=name, value=shown, where=where))
            bad = array == 0
            if bad.any():
                shown, where = first(bad)
                reason = text(f"unit_economics.reason.{rule[1]}")
                raise ClvDataError(text("unit_economics.err.not_positive", name=name, value=shown,
                                        where=where, reason=reason))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def out(self, values, name: str):
        """A float for single numbers, a Series for Series inputs, else an array."""
        values = np.asarray(values, dtype=float)
        if values.ndim == 0:
            return float(values)
        if self.index is not None:
            return pd.Series(values, index=self.index, name=name)
        return values


def _scalar(name: str, value, rule) -> float:
    """One number checked against `rule` (see :class:`_Inputs`)."""
    array = _Inputs._array(name, value)
    if array.ndim != 0:
        raise ClvDataError(text("unit_economics.err.scalar", name=name, n=array.size))
    _Inputs._check(name, value, array, rule, None)
    return float(array)


# --------------------------------------------------------------------------- metrics
def buyers(*, ua, c1):
    """Buyers: how many acquired users bought at least once, ``UA × C1``.

    Parameters
    ----------
    ua : float, array or Series
        Users acquired (UA), >= 0.
    c1 : float, array or Series
        Conversion of acquired users to a first purchase, in (0, 1].

    Returns
    -------
    float, ndarray or Series
        The number of buyers, shaped like the inputs.

    Examples
    --------
    10 000 visitors of whom 5 % buy: 10 000 × 0.05 = 500 buyers.

    >>> buyers(ua=10_000, c1=0.05)
    500.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(ua=(ua, "nonneg"), c1=(c1, "c1"))
    return a.out(a["ua"] * a["c1"], "buyers")


def arppu(*, avp, cogs, apc):
    """ARPPU: the margin a buyer leaves over the horizon, ``(AvP − COGS) × APC``.

    In this framework ARPPU is counted after the cost of goods, so it is an undiscounted
    CLV per buyer over the horizon in which APC purchases are counted.

    Parameters
    ----------
    avp : float, array or Series
        Average price of a purchase (AvP, the average order value), >= 0.
    cogs : float, array or Series
        Direct cost of one purchase other than marketing (COGS: goods, delivery, fees), >= 0;
        it may exceed `avp` (a loss on every sale).
    apc : float, array or Series
        Purchases per buyer over the horizon (APC), first purchase included, >= 0.

    Returns
    -------
    float, ndarray or Series

    Examples
    --------
    A price of 3 000, goods and delivery 1 800, two purchases: (3 000 − 1 800) × 2 = 2 400.

    >>> arppu(avp=3000, cogs=1800, apc=2)
    2400.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(avp=(avp, "nonneg"), cogs=(cogs, "nonneg"), apc=(apc, "nonneg"))
    return a.out((a["avp"] - a["cogs"]) * a["apc"], "arppu")


def arpu(*, c1, arppu):
    """ARPU: the margin per buyer spread over every acquired user, ``C1 × ARPPU``.

    Parameters
    ----------
    c1 : float, array or Series
        Conversion to a first purchase, in (0, 1].
    arppu : float, array or Series
        Margin per buyer (see :func:`arppu`); may be negative.

    Returns
    -------
    float, ndarray or Series

    Examples
    --------
    >>> arpu(c1=0.05, arppu=2400)
    120.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(c1=(c1, "c1"), arppu=(arppu, "finite"))
    return a.out(a["c1"] * a["arppu"], "arpu")


def cpa(*, spend, ua):
    """CPA: what the marketing paid for one acquired user, ``spend / UA``.

    Parameters
    ----------
    spend : float, array or Series
        Marketing spend on the cohort, >= 0.
    ua : float, array or Series
        Users acquired, > 0.

    Returns
    -------
    float, ndarray or Series

    Examples
    --------
    >>> cpa(spend=1_000_000, ua=10_000)
    100.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(spend=(spend, "nonneg"), ua=(ua, ("positive", "ua")))
    return a.out(a["spend"] / a["ua"], "cpa")


def cac(*, spend, buyers):
    """CAC: what the marketing paid for one buyer, ``spend / buyers`` (which is CPA / C1).

    Parameters
    ----------
    spend : float, array or Series
        Marketing spend on the cohort, >= 0.
    buyers : float, array or Series
        Buyers in the cohort, > 0.

    Returns
    -------
    float, ndarray or Series

    Examples
    --------
    >>> cac(spend=1_000_000, buyers=500)
    2000.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(spend=(spend, "nonneg"), buyers=(buyers, ("positive", "buyers")))
    return a.out(a["spend"] / a["buyers"], "cac")


def contribution_margin(*, ua, arpu, cpa):
    """CM: what the cohort earns after the cost of goods and the marketing, ``UA × (ARPU − CPA)``.

    Parameters
    ----------
    ua : float, array or Series
        Users acquired, >= 0.
    arpu : float, array or Series
        Margin per acquired user (see :func:`arpu`); may be negative.
    cpa : float, array or Series
        Cost per acquired user, >= 0.

    Returns
    -------
    float, ndarray or Series
        Positive when acquisition pays for itself within the horizon.

    Examples
    --------
    >>> contribution_margin(ua=10_000, arpu=120, cpa=100)
    200000.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(ua=(ua, "nonneg"), arpu=(arpu, "finite"), cpa=(cpa, "nonneg"))
    return a.out(a["ua"] * (a["arpu"] - a["cpa"]), "cm")


def romi(*, buyers, arppu, spend):
    """ROMI: the profit on the marketing spend, ``(buyers × ARPPU − spend) / spend``.

    0 is break-even, 1 (100 %) means the spend came back twice over. Since
    ``buyers × ARPPU / spend = ARPPU / CAC``, ROMI is LTV:CAC minus one.

    Parameters
    ----------
    buyers : float, array or Series
        Buyers in the cohort, >= 0.
    arppu : float, array or Series
        Margin per buyer; may be negative.
    spend : float, array or Series
        Marketing spend, > 0 (ROMI is undefined without spend).

    Returns
    -------
    float, ndarray or Series
        A fraction (0.2 for 20 %).

    Examples
    --------
    500 buyers leaving 2 400 each on a spend of 1 000 000: (1 200 000 − 1 000 000) / 1 000 000 = 0.2.

    >>> romi(buyers=500, arppu=2400, spend=1_000_000)
    0.2

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(buyers=(buyers, "nonneg"), arppu=(arppu, "finite"), spend=(spend, ("positive", "spend")))
    return a.out((a["buyers"] * a["arppu"] - a["spend"]) / a["spend"], "romi")


def max_cpa(*, c1, arppu, target_romi=0.0):
    """The most one acquired user may cost for the cohort to reach a target ROMI.

    ``max CPA = C1 × ARPPU / (1 + target_romi)``. With the default ``target_romi=0`` it is
    the break-even CPA, where the contribution margin is 0 (CPA = ARPU). The CAC ceiling
    behind it is :func:`clvkit.formulas.max_acquisition_cost` of ARPPU at a target LTV:CAC
    of ``1 + target_romi`` (ROMI = ARPPU / CAC − 1); a user costs C1 times a buyer.

    Parameters
    ----------
    c1 : float, array or Series
        Conversion to a first purchase, in (0, 1].
    arppu : float, array or Series
        Margin per buyer; when negative, so is the ceiling: no price of traffic pays.
    target_romi : float, optional
        The ROMI to reach, above −1 (default 0: break-even; 0.3 for 30 %).

    Returns
    -------
    float, ndarray or Series

    Examples
    --------
    C1 = 5 %, ARPPU = 2 400: break-even at 0.05 × 2 400 = 120 per user; for a ROMI of 20 %,
    120 / 1.2 = 100.

    >>> max_cpa(c1=0.05, arppu=2400)
    120.0
    >>> round(max_cpa(c1=0.05, arppu=2400, target_romi=0.2), 6)
    100.0

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(c1=(c1, "c1"), arppu=(arppu, "finite"))
    target = _check_target_romi(target_romi)
    ceiling = formulas.max_acquisition_cost(a["arppu"] if a["arppu"].ndim else float(a["arppu"]),
                                            target_ratio=1.0 + target)
    return a.out(a["c1"] * ceiling, "max_cpa")


def _check_target_romi(target_romi) -> float:
    value = _scalar("target_romi", target_romi, "finite")
    if value <= -1.0:
        raise ClvDataError(text("unit_economics.err.target_romi", value=_shown(target_romi)))
    return value


# --------------------------------------------------------------------------- the whole funnel
@dataclass(frozen=True)
class UnitEconomics:
    """Every metric of one cohort (or one per scenario when the inputs are arrays or Series).

    Attributes are named as in :data:`METRICS`: the inputs ``ua, c1, avp, cogs, apc, cpa``
    and ``buyers, arppu, arpu, spend, cac, cm, romi``, ``ltv_cac`` (ARPPU / CAC, which is
    1 + ROMI) and ``break_even_cpa`` (the CPA at which CM is 0, i.e. ARPU). Each is a float,
    or an array / Series with one value per scenario.
    """

    ua: float
    c1: float
    buyers: float
    avp: float
    cogs: float
    apc: float
    arppu: float
    arpu: float
    cpa: float
    spend: float
    cac: float
    cm: float
    romi: float
    ltv_cac: float
    break_even_cpa: float

    def to_frame(self) -> pd.DataFrame:
        """The metrics as a table: one row per scenario, one column per metric."""
        columns = {f.name: getattr(self, f.name) for f in fields(self)}
        index = next((v.index for v in columns.values() if isinstance(v, pd.Series)), None)
        arrays = {k: np.asarray(v, dtype=float) for k, v in columns.items()}
        n = max((a.size for a in arrays.values() if a.ndim), default=1)
        data = {k: np.broadcast_to(a, (n,)).copy() for k, a in arrays.items()}
        return pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(n, name="scenario"))

    def describe(self, lang: str | None = None, *, currency: str | None = None, decimals: int = 2) -> pd.DataFrame:
        """The metrics for reading: name, formula, value written the reader's way, and meaning.

        Parameters
        ----------
        lang : {"en", "ru"}, optional
            Language of the names, the numbers and the money; the current setting when omitted.
        currency : str, optional
            Currency of the money figures; the current one when omitted.
        decimals : int, optional
            Digits after the decimal mark of the money figures (0 for whole roubles or dollars).

        Returns
        -------
        DataFrame
            One row per metric (index: its name); columns formula, one value column per
            scenario, and meaning, all as text in `lang`.
        """
        lang = resolve_lang(lang)
        table = self.to_frame()
        names = [_metric_name(m, lang) for m in METRICS]
        col = lambda key: text(f"unit_economics.column.{key}", lang)  # noqa: E731
        out = pd.DataFrame(index=pd.Index(names, name=col("metric")))
        out[col("formula")] = [text(f"unit_economics.formula.{m}", lang) for m in METRICS]
        for label_, row in table.iterrows():
            header = col("value") if len(table) == 1 else f"{col('value')} {label_}"
            out[header] = [_format(m, row[m], lang, currency, decimals) for m in METRICS]
        out[col("meaning")] = [text(f"unit_economics.meaning.{m}", lang) for m in METRICS]
        return out


def _metric_name(metric: str, lang: str) -> str:
    name = text(f"unit_economics.metric.{metric}", lang)
    abbreviation = _ABBREVIATION.get(metric)
    if abbreviation is None or abbreviation in name:
        return name
    return f"{name} ({abbreviation})"


def _format(metric: str, value: float, lang: str, currency: str | None, decimals: int = 2) -> str:
    if metric in _MONEY:
        return format_money(value, lang, currency=currency, decimals=decimals)
    if metric in _SHARE:
        return format_percent(value, lang)
    if metric in ("ua", "buyers"):
        return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)
    return format_number(value, lang, decimals=2)


def unit_economics(*, ua, c1, avp, cogs, apc, cpa) -> UnitEconomics:
    """Every unit-economics metric of a cohort from the six inputs of the funnel.

    buyers = UA × C1; ARPPU = (AvP − COGS) × APC; ARPU = C1 × ARPPU; spend = UA × CPA;
    CAC = spend / buyers; CM = UA × (ARPU − CPA); ROMI = (buyers × ARPPU − spend) / spend;
    LTV:CAC = ARPPU / CAC; break-even CPA = ARPU.

    Parameters
    ----------
    ua : float, array or Series
        Users acquired, > 0 (ROMI needs a spend).
    c1 : float, array or Series
        Conversion to a first purchase, in (0, 1].
    avp : float, array or Series
        Average price of a purchase, >= 0.
    cogs : float, array or Series
        Cost of goods (and other direct costs) per purchase, >= 0.
    apc : float, array or Series
        Purchases per buyer over the horizon, >= 0 (see :func:`apc_from_model`).
    cpa : float, array or Series
        Cost per acquired user, > 0 (ROMI needs a spend).

    Returns
    -------
    UnitEconomics
        Floats for single numbers; with arrays or Series, one value per scenario
        (``.to_frame()`` gives the table, ``.describe(lang)`` a table to read).

    Examples
    --------
    10 000 users at 100 each; 5 % buy twice at 3 000 with 1 800 of goods:
    ARPPU = 1 200 × 2 = 2 400, ARPU = 120, CM = 10 000 × (120 − 100) = 200 000, ROMI = 20 %.

    >>> u = unit_economics(ua=10_000, c1=0.05, avp=3000, cogs=1800, apc=2, cpa=100)
    >>> u.cm, round(u.romi, 6), u.cac
    (200000.0, 0.2, 2000.0)

    References
    ----------
    The unit-economics definitions as taught in Russian product-marketing practice
    (see the module docstring).
    """
    a = _Inputs(ua=(ua, ("positive", "spend")), c1=(c1, "c1"), avp=(avp, "nonneg"), cogs=(cogs, "nonneg"),
                apc=(apc, "nonneg"), cpa=(cpa, ("positive", "spend")))
    n_buyers = a["ua"] * a["c1"]
    margin_per_buyer = (a["avp"] - a["cogs"]) * a["apc"]
    margin_per_user = a["c1"] * margin_per_buyer
    spend = a["ua"] * a["cpa"]
    cost_per_buyer = spend / n_buyers
    values = {
        "ua": a["ua"], "c1": a["c1"], "buyers": n_buyers, "avp": a["avp"], "cogs": a["cogs"], "apc": a["apc"],
        "arppu": margin_per_buyer, "arpu": margin_per_user, "cpa": a["cpa"], "spend": spend,
        "cac": cost_per_buyer, "cm": a["ua"] * (margin_per_user - a["cpa"]),
        "romi": (n_buyers * margin_per_buyer - spend) / spend,
        "ltv_cac": margin_per_buyer / cost_per_buyer,
        "break_even_cpa": margin_per_user,
    }
    return UnitEconomics(**{k: a.out(v, k) for k, v in values.items()})


def metric_meanings(lang: str | None = None) -> pd.DataFrame:
    """The framework's glossary: each metric's name, formula and one-line meaning, in `lang`.

    Parameters
    ----------
    lang : {"en", "ru"}, optional
        The current language when omitted.

    Returns
    -------
    DataFrame
        One row per metric of :data:`METRICS` (index: the name); columns formula and meaning.

    Examples
    --------
    >>> metric_meanings("ru").loc["Маржинальная прибыль (CM)"].iloc[0]
    'UA × (ARPU − CPA)'
    """
    lang = resolve_lang(lang)
    col = lambda key: text(f"unit_economics.column.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            col("formula"): [text(f"unit_economics.formula.{m}", lang) for m in METRICS],
            col("meaning"): [text(f"unit_economics.meaning.{m}", lang) for m in METRICS],
        },
        index=pd.Index([_metric_name(m, lang) for m in METRICS], name=col("metric")),
    )


# --------------------------------------------------------------------------- the CLV view
def apc_from_model(model, *, horizon, summary=None):
    """APC from a fitted transaction model: expected purchases over a horizon.

    Without `summary`: the APC of a newly acquired buyer, ``1 + E[X(horizon)]`` — the first
    purchase (the one C1 counts) plus the repeat purchases the model expects of a new
    customer (:meth:`expected_purchases`; the models count repeat purchases only).

    With `summary`: the APC of each existing customer over the next `horizon`, the
    purchases the model expects in ``(T, T + horizon]`` given his history
    (:meth:`predict_purchases`); his first purchase is in the past and not counted. Then
    ``(AvP − COGS) × APC`` is his forward-looking, undiscounted CLV over the horizon.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD, MBGNBD or BGBB
        Any fitted model with ``expected_purchases`` and ``predict_purchases``.
    horizon : float or str
        Length of the horizon in the model's time unit, or a duration such as "12 months"
        (periods for BGBB).
    summary : DataFrame, optional
        Customers to score, as for :meth:`predict_purchases`.

    Returns
    -------
    float or Series
        One APC for a new buyer, or a Series named ``apc`` indexed like `summary`.

    Examples
    --------
    >>> from clvkit.models import BGNBD
    >>> m = BGNBD().fit(summary)                            # doctest: +SKIP
    >>> apc_from_model(m, horizon="12 months")              # doctest: +SKIP
    1.83
    """
    if not (callable(getattr(model, "expected_purchases", None))
            and callable(getattr(model, "predict_purchases", None))):
        raise ClvDataError(text("unit_economics.err.model", type=type(model).__name__))
    if summary is None:
        values = 1.0 + np.asarray(model.expected_purchases(horizon), dtype=float)
        index = None
    else:
        predicted = model.predict_purchases(summary, horizon)
        index = getattr(predicted, "index", None)
        values = np.asarray(predicted, dtype=float)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        i = int(np.flatnonzero(np.atleast_1d(bad))[0])
        value = float(np.atleast_1d(values)[i])
        raise ClvDataError(text("unit_economics.err.model_apc", horizon=repr(horizon), value=repr(value),
                                where=_where("apc", values, i, index)))
    if values.ndim == 0:
        return float(values)
    if index is not None:
        return pd.Series(values, index=index, name="apc")
    return values


_VIEWS = ("unit_economics", "with_retention", "with_retention_and_discounting")


def compare_with_clv(*, avp, cogs, apc, periods, retention, discount_rate, cac=None, target_ratio=1.0,
                     lang: str | None = None) -> pd.DataFrame:
    """One buyer's value as unit economics counts it, then with retention, then also discounted.

    Unit economics counts a buyer's APC purchases over a horizon of `periods` periods at
    face value: ARPPU = (AvP − COGS) × APC. The CLV view puts the same purchases on a
    time line: the first at acquisition (certain: it is what made him a buyer), then the
    ``APC − 1`` repeat purchases spread evenly, ``f = (APC − 1) / periods`` a period over
    periods 1..`periods`, each made only if the buyer is still there (a share `retention`
    stays each period) and discounted at `discount_rate`. With ``u = AvP − COGS``:

    ==============================  ============================================================
    view                            value per buyer
    ==============================  ============================================================
    unit_economics                  u + simple_clv(AvP, f, 1, periods, cost_per_period=COGS × f)
                                    = u × APC = ARPPU
    with_retention                  u + dcf_clv(u × f, retention, 0, periods=periods)
    with_retention_and_discounting  u + dcf_clv(u × f, retention, discount_rate, periods=periods)
    ==============================  ============================================================

    (:func:`clvkit.formulas.simple_clv` and :func:`clvkit.formulas.dcf_clv`, first repeat
    margin one period after acquisition.) With retention 1 and no discounting the three
    agree; the gaps between the rows are what retention and discounting change. `retention`
    applies only to an APC assumed for a buyer who stays throughout. An APC measured on a
    cohort (its purchases / its buyers) already counts the buyers who left, and an APC from
    a model (:func:`apc_from_model`) has the churn in it: for both give ``retention=1``, so
    that churn is not counted twice and only the discounting is added.

    Parameters
    ----------
    avp, cogs : float
        Average price and cost of goods of a purchase, >= 0.
    apc : float
        Purchases per buyer over the horizon if he stays throughout, the first included, >= 1
        (with ``retention=1``: purchases per buyer measured on a cohort or forecast by a model).
    periods : int
        The horizon in periods (months, for instance), >= 1.
    retention : float
        Share of buyers still buying the next period, in [0, 1].
    discount_rate : float
        Discount rate per period, >= 0.
    cac : float, optional
        Cost per buyer; adds the column ``ltv_cac`` (each view's value / CAC).
    target_ratio : float, optional
        LTV:CAC to reach for the column ``max_cac`` (default 1: break-even), computed with
        :func:`clvkit.formulas.max_acquisition_cost`.
    lang : {"en", "ru"}, optional
        Language of the column ``name`` (the views' names).

    Returns
    -------
    DataFrame
        Index ``view`` (unit_economics, with_retention, with_retention_and_discounting);
        columns name (the view's name in `lang`), purchases (expected, undiscounted), value,
        share_of_arppu, max_cac and, with `cac`, ltv_cac.

    Examples
    --------
    Price 3 000, goods 1 800 (u = 1 200), 13 purchases over 12 months (the first, then one
    a month): ARPPU = 1 200 × 13 = 15 600. If 80 % of buyers stay each month:
    1 200 × (1 + 0.8 + 0.8² + ... + 0.8¹²) = 1 200 × (1 − 0.8¹³) / 0.2 = 5 670.

    >>> t = compare_with_clv(avp=3000, cogs=1800, apc=13, periods=12, retention=0.8, discount_rate=0.0)
    >>> t["value"].round(0).tolist()
    [15600.0, 5670.0, 5670.0]

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive
    Marketing 17(1), 9-24.
    """
    lang = resolve_lang(lang)
    avp = _scalar("avp", avp, "nonneg")
    cogs = _scalar("cogs", cogs, "nonneg")
    apc = _scalar("apc", apc, "finite")
    if apc < 1.0:
        raise ClvDataError(text("unit_economics.err.apc_first", value=_shown(apc)))
    n = _scalar("periods", periods, "finite")
    if n < 1 or n != math.floor(n):
        raise ClvDataError(text("unit_economics.err.periods", value=_shown(periods)))
    n = int(n)
    r = _scalar("retention", retention, "finite")
    if not 0.0 <= r <= 1.0:
        raise ClvDataError(text("unit_economics.err.retention_range", value=_shown(retention)))
    d = _scalar("discount_rate", discount_rate, "nonneg")
    ratio = _scalar("target_ratio", target_ratio, ("positive", "target_ratio"))
    unit_margin = avp - cogs
    f = (apc - 1.0) / n  # repeat purchases a period while the buyer stays
    face_value = unit_margin + formulas.simple_clv(avp, f, 1.0, n, cost_per_period=cogs * f)
    kept = unit_margin + formulas.dcf_clv(unit_margin * f, r, 0.0, periods=n)
    discounted = unit_margin + formulas.dcf_clv(unit_margin * f, r, d, periods=n)
    purchases_kept = 1.0 + formulas.dcf_clv(f, r, 0.0, periods=n)
    values = np.array([face_value, kept, discounted])
    table = pd.DataFrame(
        {
            "name": [text(f"unit_economics.view.{v}", lang) for v in _VIEWS],
            "purchases": [apc, purchases_kept, purchases_kept],
            "value": values,
            "share_of_arppu": values / face_value if face_value != 0 else np.full(3, np.nan),
            "max_cac": formulas.max_acquisition_cost(values, target_ratio=ratio),
        },
        index=pd.Index(_VIEWS, name="view"),
    )
    if cac is not None:
        table["ltv_cac"] = values / _scalar("cac", cac, ("positive", "cac"))
    return table
