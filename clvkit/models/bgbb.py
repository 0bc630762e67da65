"""The beta-geometric/beta-Bernoulli (BG/BB) model of discrete-time repeat transactions.

Assumptions (Fader, Hardie & Shang 2010):

1. Non-contractual, discrete time: there are n transaction opportunities (annual
   donation drives, yearly events, ...), and at each a customer transacts or not.
2. While alive, a customer transacts at each opportunity with probability p:
   Bernoulli, so the number of transactions in n alive periods is binomial.
3. An alive customer becomes inactive at the start of each later opportunity with
   probability theta; death is unobserved (geometric lifetime).
4. p ~ Beta(alpha, beta) and theta ~ Beta(gamma, delta) across customers,
   independently.

A customer is summarised by (x, t_x, n): ``frequency`` x transactions in the n
opportunities after the first, ``recency`` t_x the opportunity of the last one (0
when x = 0) and ``n_periods`` n.

References
----------
Fader, P. S., Hardie, B. G. S. & Shang, J. (2010). Customer-base analysis in a
discrete-time noncontractual setting. Marketing Science 29(6), 1086-1108.
"""

from __future__ import annotations

import numpy as np
from scipy.special import betaln, digamma, gammaln

from .._checks import check_number
from ..errors import ClvDataError
from ..i18n import text
from .base import BaseModel

__all__ = [
    "BGBB",
    "bgbb_conditional_expected_purchases",
    "bgbb_expected_purchases",
    "bgbb_loglik",
    "bgbb_probability_alive",
    "bgbb_probability_of_purchases",
]


def bgbb_loglik(*, alpha, beta, gamma, delta, frequency, recency, n_periods):
    """ln L(alpha, beta, gamma, delta | x, t_x, n), Fader, Hardie & Shang (2010), eq. 5.

    ::

        L = B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
            + sum_{i=0}^{n - t_x - 1} B(alpha + x, beta + t_x - x + i) / B(alpha, beta)
                                      * B(gamma + 1, delta + t_x + i) / B(gamma, delta)

    The first term: alive through all n opportunities; term i: alive through t_x + i
    opportunities and inactive from the next. Summed with logsumexp.
    """
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    n = np.asarray(n_periods, dtype=float)
    x, tx, n = np.broadcast_arrays(x, tx, n)
    base_p = betaln(alpha, beta)
    base_t = betaln(gamma, delta)
    total = betaln(alpha + x, beta + n - x) - base_p + betaln(gamma, delta + n) - base_t
    gaps = (n - tx).astype(int)
    for i in range(int(gaps.max(initial=0))):
        term = betaln(alpha + x, beta + tx - x + i) - base_p + betaln(gamma + 1.0, delta + tx + i) - base_t
        total = np.where(i < gaps, np.logaddexp(total, term), total)
    return total


def _log_alive_sum(gamma, delta, start, stop):
    """ln of sum_{t=start+1}^{stop} B(gamma, delta + t) / B(gamma, delta): expected alive periods.

    The sum telescopes, since B(gamma, y) = B(gamma - 1, y) - B(gamma - 1, y + 1)::

        sum = (exp(A(start)) - exp(A(stop))) / (gamma - 1),
        A(m) = ln Gamma(delta + m + 1) - ln Gamma(gamma + delta + m) + ln Gamma(gamma + delta) - ln Gamma(delta)

    written with expm1 so it stays accurate near gamma = 1, where it tends to
    exp(A(start)) * (psi(delta + stop + 1) - psi(delta + start + 1)).
    """
    start = np.asarray(start, dtype=float)
    stop = np.asarray(stop, dtype=float)

    def a(m):
        return gammaln(delta + m + 1.0) - gammaln(gamma + delta + m) + gammaln(gamma + delta) - gammaln(delta)

    a0 = a(start)
    if abs(gamma - 1.0) < 1e-7:
        factor = digamma(delta + stop + 1.0) - digamma(delta + start + 1.0)
    else:
        factor = -np.expm1(a(stop) - a0) / (gamma - 1.0)
    with np.errstate(divide="ignore"):
        return a0 + np.log(factor)


def bgbb_expected_purchases(n, *, alpha, beta, gamma, delta):
    """E[X(n)] for a new customer over n opportunities (Fader, Hardie & Shang 2010, eq. 7).

    ``alpha / (alpha + beta) * sum_{t=1}^{n} P(alive at t)``, which equals
    ``alpha/(alpha+beta) * delta/(gamma-1) * [1 - Gamma(gamma+delta) Gamma(1+delta+n) /
    (Gamma(gamma+delta+n) Gamma(1+delta))]``.
    """
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore"):
        log_sum = _log_alive_sum(gamma, delta, np.zeros_like(n), n)
    return np.where(n > 0, alpha / (alpha + beta) * np.exp(log_sum), 0.0)


def bgbb_probability_alive(*, alpha, beta, gamma, delta, frequency, recency, n_periods):
    """P(alive at opportunity n + 1 | x, t_x, n) (Fader, Hardie & Shang 2010, eq. 11).

    ``B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n + 1) / B(gamma, delta) / L``.
    """
    x = np.asarray(frequency, dtype=float)
    n = np.asarray(n_periods, dtype=float)
    ll = bgbb_loglik(
        alpha=alpha, beta=beta, gamma=gamma, delta=delta, frequency=x, recency=recency, n_periods=n
    )
    log_num = (
        betaln(alpha + x, beta + n - x)
        - betaln(alpha, beta)
        + betaln(gamma, delta + n + 1.0)
        - betaln(gamma, delta)
    )
    return np.exp(log_num - ll)


def bgbb_conditional_expected_purchases(n_star, *, alpha, beta, gamma, delta, frequency, recency, n_periods):
    """E[X(n, n + n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010, eq. 13).

    ``B(alpha + x + 1, beta + n - x) / B(alpha, beta) * sum_{t=n+1}^{n+n*} B(gamma, delta + t) / B(gamma, delta) / L``.
    """
    x = np.asarray(frequency, dtype=float)
    n = np.asarray(n_periods, dtype=float)
    ll = bgbb_loglik(
        alpha=alpha, beta=beta, gamma=gamma, delta=delta, frequency=x, recency=recency, n_periods=n
    )
    if float(n_star) == 0.0:
        return np.zeros(np.broadcast(x, n).shape)
    log_p = betaln(alpha + x + 1.0, beta + n - x) - betaln(alpha, beta)
    return np.exp(log_p + _log_alive_sum(gamma, delta, n, n + float(n_star)) - ll)


def bgbb_probability_of_purchases(x, n, *, alpha, beta, gamma, delta):
    """P(X(n) = x) for a new customer (Fader, Hardie & Shang 2010, eq. 8).

    ::

        C(n, x) B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
        + sum_{i=x}^{n-1} C(i, x) B(alpha + x, beta + i - x) / B(alpha, beta)
                          * B(gamma + 1, delta + i) / B(gamma, delta)
    """
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    x, n = np.broadcast_arrays(x, n)

    def log_choose(a, b):
        return gammaln(a + 1.0) - gammaln(b + 1.0) - gammaln(a - b + 1.0)

    base_p, base_t = betaln(alpha, beta), betaln(gamma, delta)
    total = log_choose(n, x) + betaln(alpha + x, beta + n - x) - base_p + betaln(gamma, delta + n) - base_t
    for i in range(int(n.max(initial=0))):
        ok = (i >= x) & (i < n)
        with np.errstate(invalid="ignore"):
            term = (
                log_choose(i, np.where(ok, x, 0.0))
                + betaln(alpha + x, beta + np.maximum(i - x, 0.0))
                - base_p
            )
        term = term + betaln(gamma + 1.0, delta + i) - base_t
        total = np.where(ok, np.logaddexp(total, term), total)
    return np.exp(total)


class BGBB(BaseModel):
    """Beta-geometric/beta-Bernoulli model (Fader, Hardie & Shang 2010).

    Fit on one row per customer (or per distinct pattern with a ``weights`` column of
    counts) with columns ``frequency`` (x), ``recency`` (t_x) and ``n_periods`` (n).

    Parameters
    ----------
    penalizer : float, optional
        L2 penalty on the parameters (0 by default).
    maxiter : int, optional
        Maximum optimiser iterations.

    Attributes (after fit)
    ----------------------
    params_ : Series
        alpha, beta (transaction probability), gamma, delta (dropout probability).
    log_likelihood_ : float
        Total log-likelihood.

    Examples
    --------
    >>> from clvkit.datasets import load_donations
    >>> from clvkit.models import BGBB
    >>> m = BGBB().fit(load_donations(), weights="count")
    >>> m.params_.round(3).tolist()
    [1.204, 0.75, 0.657, 2.783]

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Shang, J. (2010). Customer-base analysis in a
    discrete-time noncontractual setting. Marketing Science 29(6), 1086-1108.
    """

    _param_names = ("alpha", "beta", "gamma", "delta")
    _columns = ("frequency", "recency", "n_periods")
    _integer_columns = ("frequency", "recency", "n_periods")
    _ordered_columns = (("frequency", "recency"), ("recency", "n_periods"))
    _positive_columns = ("n_periods",)

    def _extra_checks(self, columns, frame) -> None:
        x, tx = columns["frequency"], columns["recency"]
        bad = np.flatnonzero((x == 0) != (tx == 0))
        if bad.size:
            first = ", ".join(
                repr(frame.index[i].item() if hasattr(frame.index[i], "item") else frame.index[i])
                for i in bad[:3]
            )
            raise ClvDataError(text("models.bgbb_recency", n=bad.size, first=first))

    def _loglik(self, params, *, frequency, recency, n_periods):
        alpha, beta, gamma, delta = params
        return bgbb_loglik(
            alpha=alpha,
            beta=beta,
            gamma=gamma,
            delta=delta,
            frequency=frequency,
            recency=recency,
            n_periods=n_periods,
        )

    def _initial_params(self, columns, counts):
        return np.array([1.0, 1.0, 1.0, 1.0])

    def _check_identifiable(self, columns, counts):
        super()._check_identifiable(columns, counts)
        if not np.any(counts[columns["frequency"] > 0] > 0):
            raise ClvDataError(text("models.no_repeat_buyers", model=type(self).__name__, n=float(counts.sum())))

    # ------------------------------------------------------------ predictions
    def _cols(self, data):
        columns = self._scoring_columns(data)
        return dict(zip(self._param_names, self._param_tuple())), columns

    def expected_purchases(self, n):
        """Expected transactions of a new customer over the next n opportunities, E[X(n)] (eq. 7).

        Parameters
        ----------
        n : int or array of int
            Number of opportunities, >= 0.

        Examples
        --------
        >>> m = BGBB.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> round(float(m.expected_purchases(6)), 3)
        2.22
        """
        params = dict(zip(self._param_names, self._param_tuple()))
        values = _check_opportunities("n", n)
        out = bgbb_expected_purchases(values, **params)
        return float(out) if np.ndim(n) == 0 else out

    def predict_purchases(self, data, n_star):
        """Expected transactions of each customer in the next `n_star` opportunities (eq. 13).

        Parameters
        ----------
        data : DataFrame
            Columns frequency, recency, n_periods.
        n_star : int
            Number of future opportunities, >= 0.

        Returns
        -------
        Series (indexed like `data`) or ndarray, named ``predicted_purchases``.

        Examples
        --------
        >>> import pandas as pd
        >>> m = BGBB.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> d = pd.DataFrame({"frequency": [6, 0], "recency": [6, 0], "n_periods": [6, 6]})
        >>> m.predict_purchases(d, 5).round(2).tolist()
        [3.75, 0.07]
        """
        params, cols = self._cols(data)
        n_star = float(_check_opportunities("n_star", n_star))
        values = bgbb_conditional_expected_purchases(n_star, **params, **cols)
        return self._as_series(values, data, "predicted_purchases")

    def probability_alive(self, data):
        """Probability that each customer is still alive at opportunity n + 1 (eq. 11).

        Parameters
        ----------
        data : DataFrame
            Columns frequency, recency, n_periods.

        Returns
        -------
        Series (indexed like `data`) or ndarray, named ``probability_alive``.

        Examples
        --------
        >>> import pandas as pd
        >>> m = BGBB.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> d = pd.DataFrame({"frequency": [6, 1], "recency": [6, 1], "n_periods": [6, 6]})
        >>> m.probability_alive(d).round(3).tolist()
        [0.93, 0.069]
        """
        params, cols = self._cols(data)
        return self._as_series(bgbb_probability_alive(**params, **cols), data, "probability_alive")

    def probability_of_purchases(self, x, n):
        """P(X(n) = x): probability that a new customer makes x transactions in n opportunities (eq. 8).

        Parameters
        ----------
        x : int or array of int
            Number of transactions, 0..n.
        n : int or array of int
            Number of opportunities, >= 0.

        Examples
        --------
        >>> m = BGBB.from_params(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> round(float(m.probability_of_purchases(0, 6)), 3)
        0.311
        """
        params = dict(zip(self._param_names, self._param_tuple()))
        xs = _check_opportunities("x", x)
        ns = _check_opportunities("n", n)
        if np.any(
            np.broadcast_to(xs, np.broadcast(xs, ns).shape) > np.broadcast_to(ns, np.broadcast(xs, ns).shape)
        ):
            raise ClvDataError(text("models.bgbb_x_above_n", x=repr(x), n=repr(n)))
        out = bgbb_probability_of_purchases(xs, ns, **params)
        return float(out) if np.ndim(x) == 0 and np.ndim(n) == 0 else out


def _check_opportunities(name: str, value) -> np.ndarray:
    """Counts of opportunities or transactions: whole numbers >= 0."""
    if np.ndim(value) == 0:
        number = check_number(name, value, low=0.0)
        if number != round(number):
            raise ClvDataError(text("models.opportunities", name=name, value=repr(value)))
        return np.asarray(number)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ClvDataError(text("models.opportunities", name=name, value=repr(value))) from None
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr != np.round(arr)):
        raise ClvDataError(text("models.opportunities", name=name, value=repr(value)))
    return arr
