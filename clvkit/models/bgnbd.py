"""BG/NBD: the beta-geometric / negative binomial model of repeat buying.

Assumptions (Fader, Hardie & Lee 2005):

1. While active, a customer buys as a Poisson process with rate lambda.
2. Rates differ across customers as lambda ~ Gamma(r, alpha) (shape r, rate alpha).
3. Right after each repeat purchase the customer becomes inactive for good with
   probability p.
4. Drop-out probabilities differ across customers as p ~ Beta(a, b).
5. lambda and p are independent across customers.

A customer is summarised by x (repeat purchases), t_x (time of the last purchase,
measured from the first) and T (time from the first purchase to the end of the
observation); all three are sufficient for the likelihood.

References
----------
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy
way: an alternative to the Pareto/NBD model. Marketing Science 24(2), 275-284.
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2008). Computing P(alive) using the
BG/NBD model. http://brucehardie.com/notes/021/
"""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, betaln, digamma, expit, gammaln, xlogy

from ._hyp2f1 import beta_inverse_gain
from ._transaction import TransactionModel

__all__ = [
    "BGNBD",
    "bgnbd_conditional_expected_purchases",
    "bgnbd_expected_purchases",
    "bgnbd_log_likelihood",
    "bgnbd_log_likelihood_gradient",
    "bgnbd_probability_alive",
    "bgnbd_probability_of_purchases",
]


def _arrays(*values):
    return np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values))


def _by_count(fn, x):
    """fn(x) for whole-number counts x, computed once per count value and looked up.

    Frequencies take few distinct values, so a table over 0..max(x) replaces
    special-function calls on every customer (the dominant cost for large bases).
    """
    top = float(x.max()) if x.size else 0.0
    if x.size < 64 or top > 4.0 * x.size + 1024 or np.any(x != np.floor(x)):
        return fn(x)
    return fn(np.arange(top + 1.0))[x.astype(np.intp)]


def _log_terms(r, alpha, a, b, x, t_x, T):
    """log A1 + log A2, log A3 and log A4 of the BG/NBD likelihood (log A4 = -inf when x = 0)."""
    x, t_x, T = _arrays(x, t_x, T)
    log_a12 = _by_count(lambda n: gammaln(r + n) + betaln(a, b + n), x)
    log_a12 = log_a12 - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    log_a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    b_x1 = np.where(repeat, b + x - 1.0, 1.0)
    log_a4 = np.where(repeat, np.log(a) - np.log(b_x1) - (r + x) * np.log(alpha + t_x), -np.inf)
    return log_a12, log_a3, log_a4


def bgnbd_log_likelihood(*, r, alpha, a, b, x, t_x, T):
    """Log-likelihood of each customer under BG/NBD (FHL 2005, eq. 6), in log space.

    ``L = A1 * A2 * (A3 + [x > 0] * A4)`` with
    ``A1 = Gamma(r + x) alpha^r / Gamma(r)``, ``A2 = B(a, b + x) / B(a, b)``,
    ``A3 = (alpha + T)^-(r + x)`` and ``A4 = a / (b + x - 1) * (alpha + t_x)^-(r + x)``.

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters (all > 0).
    x, t_x, T : array_like
        Repeat purchases, time of the last purchase and age of each customer.

    Returns
    -------
    ndarray of per-customer log-likelihoods.

    Example
    -------
    >>> round(float(bgnbd_log_likelihood(r=0.243, alpha=4.414, a=0.793, b=2.426, x=0, t_x=0, T=38.86)), 4)
    -0.5547

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 6; Hardie's spreadsheet
    note "Implementing the BG/NBD model in Excel" for the A1..A4 split.
    """
    log_a12, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    return log_a12 + np.logaddexp(log_a3, log_a4)


def bgnbd_log_likelihood_gradient(*, r, alpha, a, b, x, t_x, T):
    """Derivatives of each customer's BG/NBD log-likelihood with respect to (r, alpha, a, b).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters (all > 0).
    x, t_x, T : array_like
        Repeat purchases, time of the last purchase and age of each customer.

    Returns
    -------
    ndarray of shape (4, n).

    Example
    -------
    >>> bgnbd_log_likelihood_gradient(r=1., alpha=1., a=1., b=1., x=[1], t_x=[1.], T=[2.]).shape
    (4, 1)

    References
    ----------
    Fader, Hardie & Lee (2005), eq. 6, differentiated term by term.
    """
    x, t_x, T = _arrays(x, t_x, T)
    _, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    w4 = expit(log_a4 - log_a3)  # share of A4 in A3 + A4
    w3 = 1.0 - w4
    b_x1 = np.where(x > 0, b + x - 1.0, 1.0)
    psi_rx = _by_count(lambda n: digamma(r + n), x)
    psi_abx = _by_count(lambda n: digamma(a + b + n), x)
    psi_bx = _by_count(lambda n: digamma(b + n), x)
    d_r = psi_rx - digamma(r) + np.log(alpha) - w3 * np.log(alpha + T) - w4 * np.log(alpha + t_x)
    d_alpha = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x))
    d_a = digamma(a + b) - psi_abx + w4 / a
    d_b = psi_bx - digamma(b) + digamma(a + b) - psi_abx - w4 / b_x1
    return np.stack([d_r, d_alpha, d_a, d_b])


def bgnbd_probability_alive(*, r, alpha, a, b, x, t_x, T):
    """P(alive at T | x, t_x, T) under BG/NBD (FHL 2008 note, eq. 2).

    ``1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x))``.

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.

    Returns
    -------
    ndarray of probabilities in [0, 1] (1 for customers without repeat purchases).

    Example
    -------
    >>> round(float(bgnbd_probability_alive(r=0.243, alpha=4.414, a=0.793, b=2.426, x=2, t_x=30.43, T=38.86)), 3)
    0.727

    References
    ----------
    Fader, Hardie & Lee (2008). Computing P(alive) using the BG/NBD model.
    """
    _, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    return expit(log_a3 - log_a4)


def bgnbd_expected_purchases(*, r, alpha, a, b, t):
    """E[X(t)], the expected repeat purchases of a new customer in (0, t] (FHL 2005, eq. 9).

    ``(a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))^r * 2F1(r, b; a + b - 1; t / (alpha + t))]``,
    evaluated as the Beta expectation it stands for (finite also at a = 1).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    t : array_like
        Lengths of the period.

    Returns
    -------
    ndarray of expected purchases.

    Example
    -------
    >>> round(float(bgnbd_expected_purchases(r=0.243, alpha=4.414, a=0.793, b=2.426, t=39.0)), 4)
    1.1967

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 9.
    """
    return beta_inverse_gain(r=r, alpha=alpha, a=a, b=b, t=t)


def bgnbd_conditional_expected_purchases(*, r, alpha, a, b, x, t_x, T, t):
    """E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (FHL 2005, eq. 10).

    Equals P(alive) times the eq. 9 expectation with the posterior of an active
    customer, (r + x, alpha + T, a, b + x).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.
    t : float or array_like
        Length of the future period.

    Returns
    -------
    ndarray of expected purchases.

    Example
    -------
    >>> round(float(bgnbd_conditional_expected_purchases(
    ...     r=0.243, alpha=4.414, a=0.793, b=2.426, x=2, t_x=30.43, T=38.86, t=39)), 3)
    1.226

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 10.
    """
    x, t_x, T, t = _arrays(x, t_x, T, t)
    alive = bgnbd_probability_alive(r=r, alpha=alpha, a=a, b=b, x=x, t_x=t_x, T=T)
    return alive * _bgnbd_active_purchases(r=r, alpha=alpha, a=a, b=b, x=x, T=T, t=t)


def _bgnbd_active_purchases(*, r, alpha, a, b, x, T, t, distinct=False):
    """Expected purchases in (T, T + t] of a customer known to be active at T.

    The factor of eq. 10 that depends on the horizon; it needs only (x, T), so
    customers who differ only in recency share it.
    """
    x, T, t = _arrays(x, T, t)
    return beta_inverse_gain(r=r + x, alpha=alpha + T, a=a, b=b + x, t=t, distinct=distinct)


def bgnbd_probability_of_purchases(*, r, alpha, a, b, n, t):
    """P(X(t) = n) for a new customer (FHL 2005, eq. 8).

    ``B(a, b + n) / B(a, b) * NBD(n; r, alpha / (alpha + t))
    + [n > 0] B(a + 1, b + n - 1) / B(a, b) * P(NBD >= n)``; the negative binomial
    tail is the regularised incomplete beta I_{t / (alpha + t)}(n, r).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    n : array_like of int
        Numbers of repeat purchases.
    t : array_like
        Lengths of the period.

    Returns
    -------
    ndarray of probabilities.

    Example
    -------
    >>> round(float(bgnbd_probability_of_purchases(r=0.243, alpha=4.414, a=0.793, b=2.426, n=0, t=39.)), 3)
    0.574

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 8.
    """
    n, t = _arrays(n, t)
    log_p = np.log(alpha / (alpha + t))
    log_q = np.log(t) - np.log(alpha + t)
    log_nbd = gammaln(r + n) - gammaln(r) - gammaln(n + 1.0) + r * log_p + xlogy(n, np.exp(log_q))
    first = np.exp(betaln(a, b + n) - betaln(a, b) + log_nbd)
    repeat = n > 0
    n_safe = np.where(repeat, n, 1.0)
    tail = betainc(n_safe, r, t / (alpha + t))
    second = np.where(repeat, np.exp(betaln(a + 1.0, b + n_safe - 1.0) - betaln(a, b)) * tail, 0.0)
    return first + second


class BGNBD(TransactionModel):
    """BG/NBD model of repeat buying in continuous time (Fader, Hardie & Lee 2005).

    Parameters
    ----------
    penalizer : float
        L2 penalty on the parameters (0 for maximum likelihood).
    maxiter : int
        Iteration limit of the optimiser.

    Example
    -------
    >>> from clvkit.datasets import load_cdnow_calibration_summary_published
    >>> m = BGNBD().fit(load_cdnow_calibration_summary_published())
    >>> m.params_.round(3).tolist()
    [0.243, 4.414, 0.793, 2.426]

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), 275-284.
    """

    _param_names = ("r", "alpha", "a", "b")
    _log_lik_fn = staticmethod(bgnbd_log_likelihood)
    _alive_fn = staticmethod(bgnbd_probability_alive)
    _expected_fn = staticmethod(bgnbd_expected_purchases)
    _conditional_fn = staticmethod(bgnbd_conditional_expected_purchases)
    _active_fn = staticmethod(_bgnbd_active_purchases)
    _pmf_fn = staticmethod(bgnbd_probability_of_purchases)
    _hessian_from_gradient = True

    def _loglik_grad_log(self, params, *, counts, frequency, recency, T):
        grad = bgnbd_log_likelihood_gradient(**self._params(params), x=frequency, t_x=recency, T=T)
        return (grad @ counts) * np.asarray(params)

    def _initial_params(self, columns, counts):
        return _nbd_start(columns, counts) + [1.0, 3.0]


def _nbd_start(columns, counts) -> list[float]:
    """Moment start for (r, alpha): the gamma mean r / alpha matches repeat purchases per unit time."""
    x, T = columns["frequency"], columns["T"]
    rate = max(float(np.dot(counts, x) / np.dot(counts, T)), 1e-6)
    r = 0.5
    return [r, r / rate]
