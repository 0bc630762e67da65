"""The shifted-beta-geometric (sBG) model of contract renewals.

Assumptions (Fader & Hardie 2007):

1. Contractual, discrete time: at the end of each period a customer either renews
   or cancels, and a cancellation is observed.
2. While a customer, the probability of cancelling at any renewal is a constant
   ``theta`` for that customer: the lifetime T (periods paid for) is shifted
   geometric, ``P(T = t | theta) = theta (1 - theta)^(t - 1)``, t = 1, 2, ...
3. ``theta`` varies across customers as Beta(alpha, beta).

Heterogeneity alone makes the cohort's retention rate rise with tenure,
``r_t = (beta + t - 1) / (alpha + beta + t - 1)``, because the customers most likely to
cancel leave first. The discounted expected residual lifetime (DERL) of Fader &
Hardie (2010) values a subscriber with a given number of renewals.

References
----------
Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. Journal of
Interactive Marketing 21(1), 76-90.
Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual
setting: the perils of ignoring heterogeneity. Marketing Science 29(1), 85-93.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import betaln

from .._checks import check_choice, check_number
from ..errors import ClvDataError
from ..i18n import text
from ..units import check_discount_rate
from .base import BaseModel

__all__ = [
    "ShiftedBetaGeometric",
    "sbg_churn_probability",
    "sbg_derl",
    "sbg_loglik",
    "sbg_retention_rate",
    "sbg_survival",
]


# ------------------------------------------------------------ pure functions
def sbg_churn_probability(t, *, alpha, beta):
    """P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta), t = 1, 2, ... (F&H 2007, eq. 7)."""
    t = np.asarray(t, dtype=float)
    return np.exp(betaln(alpha + 1.0, beta + t - 1.0) - betaln(alpha, beta))


def sbg_survival(t, *, alpha, beta):
    """S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta), t = 0, 1, ... (F&H 2007, eq. 8)."""
    t = np.asarray(t, dtype=float)
    return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))


def sbg_retention_rate(t, *, alpha, beta):
    """r_t = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1), t = 1, 2, ... (F&H 2007, eq. 4)."""
    t = np.asarray(t, dtype=float)
    return (beta + t - 1.0) / (alpha + beta + t - 1.0)


def sbg_loglik(*, alpha, beta, period, alive):
    """Per-row log-likelihood: ln P(T = period) for a cancellation, ln S(period) if still active.

    Fader & Hardie (2007), eq. 9, split into one row per (period, status).
    """
    period = np.asarray(period, dtype=float)
    alive = np.asarray(alive, dtype=float)
    log_churn = betaln(alpha + 1.0, beta + period - 1.0)
    log_alive = betaln(alpha, beta + period)
    return np.where(alive > 0, log_alive, log_churn) - betaln(alpha, beta)


def _hyp2f1_one(
    b: np.ndarray, c: np.ndarray, z: float, *, rtol: float = 1e-14, chunk: int = 4096
) -> np.ndarray:
    """2F1(1, b; c; z) for 0 <= z < 1 and c > b > 0, summed term by term.

    Every term is positive (no cancellation) and consecutive terms shrink by a factor
    (b + k) / (c + k) * z < z, so the tail after term K is at most term_K * z / (1 - z):
    the sum stops when that bound is below `rtol` of the running total. The work grows
    like 1 / (1 - z), about 40 / d terms for z = 1 / (1 + d).
    """
    b = np.asarray(b, dtype=float).ravel()
    c = np.asarray(c, dtype=float).ravel()
    total = np.ones_like(b)
    log_term = np.zeros_like(b)  # log of the current last term (k = 0: 1)
    log_z = math.log(z) if z > 0 else -np.inf
    log_tail_factor = log_z - math.log1p(-z) if z > 0 else -np.inf
    k0 = 0
    active = np.ones_like(b, dtype=bool)
    while active.any():
        k = k0 + np.arange(chunk, dtype=float)
        steps = np.log(b[active, None] + k) - np.log(c[active, None] + k) + log_z
        logs = log_term[active, None] + np.cumsum(steps, axis=1)
        total[active] += np.exp(logs).sum(axis=1)
        log_term[active] = logs[:, -1]
        k0 += chunk
        bound = np.exp(log_term + log_tail_factor)
        active = bound > rtol * total
    return total


def sbg_derl(discount_rate, renewals=0, *, alpha, beta):
    """Discounted expected residual lifetime of a customer who has renewed `renewals` times.

    Fader & Hardie (2010), eq. 6, with n - 1 = renewals::

        DERL = (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))

    which is the sum over future renewals t = n + 1, n + 2, ... of the survival ratio
    S(t) / S(n) discounted by (1 + d)^(t - n - 1): the next payment, at the coming
    renewal, is not discounted. With d = 0 it is (beta + n) / (alpha - 1) when
    alpha > 1 and infinite otherwise.
    """
    n = np.asarray(renewals, dtype=float)
    shape = n.shape
    n = n.ravel()
    d = float(discount_rate)
    first = (beta + n) / (alpha + beta + n)  # probability of renewing once more
    if d == 0.0:
        out = (beta + n) / (alpha - 1.0) if alpha > 1.0 else np.full_like(n, np.inf)
    else:
        out = first * _hyp2f1_one(beta + n + 1.0, alpha + beta + n + 1.0, 1.0 / (1.0 + d))
    return out.reshape(shape)


# --------------------------------------------------------------------- model
def _check_whole(name: str, t, *, low: int) -> np.ndarray:
    """Periods must be whole numbers >= low; scalars and arrays are accepted."""
    try:
        values = np.asarray(t, dtype=float)
    except (TypeError, ValueError):
        raise ClvDataError(text("models.sbg_whole", name=name, low=low, value=repr(t))) from None
    if (
        values.size == 0
        or not np.all(np.isfinite(values))
        or np.any(values < low)
        or np.any(values != np.round(values))
    ):
        raise ClvDataError(text("models.sbg_whole", name=name, low=low, value=repr(t)))
    return values


def _scalar_or_array(values: np.ndarray, like) -> float | np.ndarray:
    return float(values) if np.ndim(like) == 0 else values


class ShiftedBetaGeometric(BaseModel):
    """Shifted-beta-geometric model of contract renewals (Fader & Hardie 2007).

    Parameters
    ----------
    penalizer : float, optional
        L2 penalty on the parameters (0 by default).
    maxiter : int, optional
        Maximum optimiser iterations.

    Attributes (after fit)
    ----------------------
    params_ : Series
        alpha and beta of the Beta distribution of the per-period cancellation probability.
    log_likelihood_ : float
        Total log-likelihood.
    survivors_ : Series
        The survivor counts that were fitted, indexed by period.

    Examples
    --------
    >>> from clvkit.models import ShiftedBetaGeometric
    >>> m = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> [round(v, 3) for v in m.params_]
    [0.704, 1.182]

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. Journal
    of Interactive Marketing 21(1), 76-90.
    """

    _param_names = ("alpha", "beta")
    _columns = ("period", "alive")
    _integer_columns = ("period", "alive")
    _ordered_columns = ()
    _positive_columns = ("period",)
    _what = "survivor table"

    def _loglik(self, params, *, period, alive):
        alpha, beta = params
        return sbg_loglik(alpha=alpha, beta=beta, period=period, alive=alive)

    def _initial_params(self, columns, counts):
        return np.array([1.0, 1.0])

    def _check_identifiable(self, columns, counts):
        super()._check_identifiable(columns, counts)
        if not np.any(counts[columns["alive"] == 0] > 0):
            raise ClvDataError(text("models.sbg_no_cancellation", n=float(counts.sum())))

    @staticmethod
    def _validate_survivors(survivors) -> np.ndarray:
        if isinstance(survivors, pd.DataFrame):
            if survivors.shape[1] != 1:
                cols = ", ".join(repr(str(c)) for c in survivors.columns)
                raise ClvDataError(text("models.sbg_one_column", columns=cols, first=repr(str(survivors.columns[0]))))
            survivors = survivors.iloc[:, 0]
        if isinstance(survivors, (str, bytes)) or np.ndim(survivors) != 1:
            raise ClvDataError(text("models.sbg_one_dimensional", value=repr(survivors)))
        values = pd.to_numeric(pd.Series(list(survivors)), errors="coerce").to_numpy(dtype=float)
        if values.size < 2:
            raise ClvDataError(text("models.sbg_two_periods", n=values.size))
        if not np.all(np.isfinite(values)):
            i = int(np.flatnonzero(~np.isfinite(values))[0])
            raise ClvDataError(text("models.sbg_numbers", period=i, value=repr(list(survivors)[i])))
        if np.any(values < 0) or np.any(values != np.round(values)):
            i = int(np.flatnonzero((values < 0) | (values != np.round(values)))[0])
            raise ClvDataError(text("models.sbg_counts", period=i, value=f"{values[i]:g}"))
        if values[0] <= 0:
            raise ClvDataError(text("models.sbg_start"))
        rises = np.flatnonzero(np.diff(values) > 0)
        if rises.size:
            i = int(rises[0]) + 1
            raise ClvDataError(
                text("models.sbg_increase", period=i, value=f"{values[i]:g}", before=f"{values[i - 1]:g}", previous=i - 1)
            )
        return values

    def fit(self, survivors, *, time_unit: str | None = None, initial_params=None):
        """Estimate alpha and beta from a cohort's survivor counts; returns self.

        Parameters
        ----------
        survivors : sequence of int or Series
            Customers still active at the start of each period, period 0 (the whole
            cohort) first, e.g. ``[1000, 631, 468, 382]``. A one-column DataFrame is
            accepted too.
        time_unit : str, optional
            The length of a period ("M", "Y", ...), recorded for later checks.
        initial_params : sequence of float, optional
            Starting values for alpha and beta.

        Returns
        -------
        ShiftedBetaGeometric
            The fitted model.

        Examples
        --------
        >>> m = ShiftedBetaGeometric().fit([1000, 869, 743, 653, 593, 551, 517, 491])
        >>> m.params_.round(3).tolist()
        [0.668, 3.806]
        """
        values = self._validate_survivors(survivors)
        n = values.size
        lost = values[:-1] - values[1:]
        periods = np.arange(1, n, dtype=float)
        frame = pd.DataFrame(
            {
                "period": np.concatenate([periods, [n - 1.0]]),
                "alive": np.concatenate([np.zeros(n - 1), [1.0]]),
            }
        )
        frame.attrs["time_unit"] = time_unit
        counts = np.concatenate([lost, [values[-1]]])
        super().fit(frame, weights=counts, initial_params=initial_params)
        index = survivors.index if isinstance(survivors, pd.Series) else pd.RangeIndex(n, name="period")
        self.survivors_ = pd.Series(values, index=index, name="survivors")
        return self

    # ------------------------------------------------------------ predictions
    def survival(self, t):
        """Share of the cohort still active after t periods, S(t) (F&H 2007, eq. 8).

        Parameters
        ----------
        t : int or array of int
            Periods since acquisition, >= 0 (S(0) = 1).

        Returns
        -------
        float or ndarray

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> round(m.survival(1), 3)
        0.627
        """
        alpha, beta = self._param_tuple()
        t_ = _check_whole("t", t, low=0)
        return _scalar_or_array(sbg_survival(t_, alpha=alpha, beta=beta), t)

    def expected_survivors(self, t, *, cohort_size=None):
        """Expected customers still active after t periods: cohort size times S(t).

        Parameters
        ----------
        t : int or array of int
            Periods since acquisition, >= 0.
        cohort_size : float, optional
            Size of the cohort; defaults to the fitted cohort's period-0 count.
        """
        self._check_fitted()
        if cohort_size is None:
            if not hasattr(self, "survivors_"):
                raise ClvDataError(text("models.sbg_cohort_size"))
            cohort_size = float(self.survivors_.iloc[0])
        size = check_number("cohort_size", cohort_size, low=0.0)
        return size * self.survival(t)

    def retention_rate(self, t):
        """Retention rate of period t, r_t = (beta + t - 1) / (alpha + beta + t - 1) (F&H 2007, eq. 4).

        The share of customers active in period t - 1 who renew into period t; it rises
        with t as the customers most likely to cancel leave first.

        Parameters
        ----------
        t : int or array of int
            Period, >= 1.

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> round(m.retention_rate(1), 3)
        0.627
        """
        alpha, beta = self._param_tuple()
        t_ = _check_whole("t", t, low=1)
        return _scalar_or_array(sbg_retention_rate(t_, alpha=alpha, beta=beta), t)

    def churn_probability(self, t):
        """Probability that a new customer cancels at the end of period t, P(T = t) (F&H 2007, eq. 7).

        Parameters
        ----------
        t : int or array of int
            Period, >= 1.

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=1.0, beta=1.0)
        >>> m.churn_probability(1)
        0.5
        """
        alpha, beta = self._param_tuple()
        t_ = _check_whole("t", t, low=1)
        return _scalar_or_array(sbg_churn_probability(t_, alpha=alpha, beta=beta), t)

    def expected_lifetime(self) -> float:
        """Expected number of periods a new customer stays, E[T] = (alpha + beta - 1) / (alpha - 1).

        This is the sum of S(t) over t = 0, 1, ..., counting the period of acquisition.
        When alpha <= 1 the Beta distribution puts so much weight near theta = 0
        (customers who almost never cancel) that the mean lifetime is infinite, and
        ``math.inf`` is returned; the median and a discounted lifetime (:meth:`derl`)
        stay finite.

        Examples
        --------
        >>> ShiftedBetaGeometric.from_params(alpha=3.0, beta=2.0).expected_lifetime()
        2.0
        """
        alpha, beta = self._param_tuple()
        if alpha <= 1.0:
            return math.inf
        return (alpha + beta - 1.0) / (alpha - 1.0)

    def derl(self, discount_rate, renewals=0):
        """Discounted expected residual lifetime (Fader & Hardie 2010, eq. 6).

        For a customer who has renewed `renewals` times and is about to decide on the
        next renewal, the expected number of further periods paid for, each discounted
        to now; the payment at the coming renewal is not discounted. Multiply by the
        margin per period to value the customer (:meth:`value`).

        Parameters
        ----------
        discount_rate : float
            Discount rate per period, >= 0 (0.1 for 10 %).
        renewals : int or array of int, optional
            Renewals made so far, >= 0 (0: a customer in the first period).

        Returns
        -------
        float or ndarray
            ``inf`` when discount_rate = 0 and alpha <= 1 (infinite mean lifetime).

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> round(float(m.derl(0.1)), 2)
        2.96

        References
        ----------
        Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual
        setting: the perils of ignoring heterogeneity. Marketing Science 29(1), 85-93.
        """
        alpha, beta = self._param_tuple()
        d = check_discount_rate(discount_rate, name="discount_rate", per=getattr(self, "time_unit_", None))
        n = _check_whole("renewals", renewals, low=0)
        return _scalar_or_array(sbg_derl(d, n, alpha=alpha, beta=beta), renewals)

    def discounted_expected_lifetime(self, discount_rate):
        """Discounted expected lifetime of a customer just being acquired, DEL (F&H 2010, eq. 5).

        ``DEL = sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))``: the
        first payment, now, counts in full; later ones count if the customer is still
        active and are discounted. It equals ``1 + derl(d, 0) / (1 + d)``. Multiply by
        the margin per period for the expected CLV of a new customer.

        Parameters
        ----------
        discount_rate : float
            Discount rate per period, >= 0.

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> round(m.discounted_expected_lifetime(0.1), 2)
        3.7
        """
        alpha, beta = self._param_tuple()
        d = check_discount_rate(discount_rate, name="discount_rate", per=getattr(self, "time_unit_", None))
        return 1.0 + float(sbg_derl(d, 0, alpha=alpha, beta=beta)) / (1.0 + d)

    def value(self, margin_per_period, discount_rate, renewals=0, *, timing="begin"):
        """Expected residual value of a subscriber: margin per period times DERL.

        Parameters
        ----------
        margin_per_period : float
            Margin earned in each period the customer renews.
        discount_rate : float
            Discount rate per period, >= 0.
        renewals : int or array of int, optional
            Renewals made so far.
        timing : {"begin", "end"}
            "begin" (default, as in the paper): the margin is paid at each renewal, the
            first one now; "end": paid at the end of each period, one period later.

        Returns
        -------
        float or ndarray

        Examples
        --------
        >>> m = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)
        >>> round(float(m.value(100, 0.1)), 1)
        296.5
        """
        margin = check_number("margin_per_period", margin_per_period)
        check_choice("timing", timing, ("begin", "end"))
        derl = self.derl(discount_rate, renewals)
        d = float(discount_rate)
        return margin * derl if timing == "begin" else margin * derl / (1.0 + d)
