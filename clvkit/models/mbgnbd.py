"""MBG/NBD: the BG/NBD model in which customers may also leave right after their first purchase.

Assumptions (Batislam, Denizel & Filiztekin 2007):

1. While active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha).
2. Right after *every* purchase, the first one included, the customer becomes inactive
   for good with probability p ~ Beta(a, b).
3. lambda and p are independent across customers.

The only change from BG/NBD is assumption 2: BG/NBD lets customers drop out only after
a repeat purchase, so it calls every one-time buyer certainly alive; MBG/NBD gives them
P(alive) < 1, which matters in data with many one-time buyers.

References
----------
Batislam, E. P., Denizel, M. & Filiztekin, A. (2007). Empirical validation and
comparison of models for customer base analysis. International Journal of Research in
Marketing 24(3), 201-209.
Hoppe, D. & Wagner, U. (2007). Customer base analysis: the case for a central variant of
the Betageometric/NBD model. Marketing - Journal of Research and Management 3(2), 75-90.
"""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, betaln, digamma, expit, gammaln, xlogy

from ._hyp2f1 import beta_inverse_gain
from ._transaction import TransactionModel
from .bgnbd import _by_count, _nbd_start

__all__ = [
    "MBGNBD",
    "mbgnbd_conditional_expected_purchases",
    "mbgnbd_expected_purchases",
    "mbgnbd_log_likelihood",
    "mbgnbd_log_likelihood_gradient",
    "mbgnbd_probability_alive",
    "mbgnbd_probability_of_purchases",
]


def _arrays(*values):
    return np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values))


def _log_terms(r, alpha, a, b, x, t_x, T):
    """log A1 + log A2, log A3 and log A4 of the MBG/NBD likelihood."""
    x, t_x, T = _arrays(x, t_x, T)
    log_a12 = _by_count(lambda n: gammaln(r + n) + betaln(a, b + n + 1.0), x)
    log_a12 = log_a12 - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    log_a3 = -(r + x) * np.log(alpha + T)
    log_a4 = np.log(a) - np.log(b + x) - (r + x) * np.log(alpha + t_x)
    return log_a12, log_a3, log_a4


def mbgnbd_log_likelihood(*, r, alpha, a, b, x, t_x, T):
    """Log-likelihood of each customer under MBG/NBD (Batislam et al. 2007), in log space.

    ``L = A1 * A2 * (A3 + A4)`` with ``A1 = Gamma(r + x) alpha^r / Gamma(r)``,
    ``A2 = B(a, b + x + 1) / B(a, b)``, ``A3 = (alpha + T)^-(r + x)`` and
    ``A4 = a / (b + x) * (alpha + t_x)^-(r + x)`` for every x, zero included: the customer
    is alive after x + 1 purchase occasions, or left at the last one.

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
    >>> bool(mbgnbd_log_likelihood(r=0.5, alpha=5., a=0.5, b=3., x=0, t_x=0, T=39.) < 0)
    True

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209.
    """
    log_a12, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    return log_a12 + np.logaddexp(log_a3, log_a4)


def mbgnbd_log_likelihood_gradient(*, r, alpha, a, b, x, t_x, T):
    """Derivatives of each customer's MBG/NBD log-likelihood with respect to (r, alpha, a, b).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.

    Returns
    -------
    ndarray of shape (4, n).

    Example
    -------
    >>> mbgnbd_log_likelihood_gradient(r=1., alpha=1., a=1., b=1., x=[0], t_x=[0.], T=[2.]).shape
    (4, 1)

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), eq. 6, differentiated term by term.
    """
    x, t_x, T = _arrays(x, t_x, T)
    _, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    w4 = expit(log_a4 - log_a3)
    w3 = 1.0 - w4
    psi_rx = _by_count(lambda n: digamma(r + n), x)
    psi_abx = _by_count(lambda n: digamma(a + b + n + 1.0), x)
    psi_bx = _by_count(lambda n: digamma(b + n + 1.0), x)
    d_r = psi_rx - digamma(r) + np.log(alpha) - w3 * np.log(alpha + T) - w4 * np.log(alpha + t_x)
    d_alpha = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x))
    d_a = digamma(a + b) - psi_abx + w4 / a
    d_b = psi_bx - digamma(b) + digamma(a + b) - psi_abx - w4 / (b + x)
    return np.stack([d_r, d_alpha, d_a, d_b])


def mbgnbd_probability_alive(*, r, alpha, a, b, x, t_x, T):
    """P(alive at T | x, t_x, T) under MBG/NBD (Batislam et al. 2007).

    ``1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x))^(r + x))``, below 1 also for
    one-time buyers (x = 0).

    Parameters
    ----------
    r, alpha, a, b : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.

    Returns
    -------
    ndarray of probabilities in [0, 1].

    Example
    -------
    >>> round(float(mbgnbd_probability_alive(r=1., alpha=1., a=1., b=1., x=0, t_x=0., T=0.)), 3)
    0.5

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209.
    """
    _, log_a3, log_a4 = _log_terms(r, alpha, a, b, x, t_x, T)
    return expit(log_a3 - log_a4)


def mbgnbd_expected_purchases(*, r, alpha, a, b, t):
    """E[X(t)] for a new customer (Batislam et al. 2007).

    ``b / (a - 1) * [1 - (alpha / (alpha + t))^r 2F1(r, b + 1; a + b; t / (alpha + t))]``:
    the customer survives the first purchase with probability b / (a + b), after which
    p ~ Beta(a, b + 1).

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
    >>> bool(mbgnbd_expected_purchases(r=0.5, alpha=5., a=0.5, b=3., t=39.) > 0)
    True

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209.
    """
    return b / (a + b) * beta_inverse_gain(r=r, alpha=alpha, a=a, b=b + 1.0, t=t)


def mbgnbd_conditional_expected_purchases(*, r, alpha, a, b, x, t_x, T, t):
    """E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (Batislam et al. 2007).

    ``(a + b + x) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r + x)
    2F1(r + x, b + x + 1; a + b + x; t / (alpha + T + t))] * P(alive)``.

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
    >>> bool(mbgnbd_conditional_expected_purchases(r=0.5, alpha=5., a=0.5, b=3., x=2, t_x=30., T=39., t=39.) > 0)
    True

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209.
    """
    x, t_x, T, t = _arrays(x, t_x, T, t)
    alive = mbgnbd_probability_alive(r=r, alpha=alpha, a=a, b=b, x=x, t_x=t_x, T=T)
    return alive * _mbgnbd_active_purchases(r=r, alpha=alpha, a=a, b=b, x=x, T=T, t=t)


def _mbgnbd_active_purchases(*, r, alpha, a, b, x, T, t, distinct=False):
    """Expected purchases in (T, T + t] of a customer known to be active at T (depends on x and T only)."""
    x, T, t = _arrays(x, T, t)
    return beta_inverse_gain(r=r + x, alpha=alpha + T, a=a, b=b + x + 1.0, t=t, distinct=distinct)


def mbgnbd_probability_of_purchases(*, r, alpha, a, b, n, t):
    """P(X(t) = n) for a new customer under MBG/NBD.

    ``B(a, b + n + 1) / B(a, b) * NBD(n; r, alpha / (alpha + t))
    + B(a + 1, b + n) / B(a, b) * P(NBD >= n)``: alive after n + 1 purchase occasions
    with n purchases by t, or gone right after the n-th occasion (the first purchase
    counts as occasion 0).

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
    >>> round(float(mbgnbd_probability_of_purchases(r=1., alpha=1., a=1., b=1., n=0, t=0.)), 3)
    1.0

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), derived as FHL (2005) eq. 8.
    """
    n, t = _arrays(n, t)
    log_nbd = (
        gammaln(r + n) - gammaln(r) - gammaln(n + 1.0) + r * np.log(alpha / (alpha + t)) + xlogy(n, t / (alpha + t))
    )
    first = np.exp(betaln(a, b + n + 1.0) - betaln(a, b) + log_nbd)
    repeat = n > 0
    tail = np.where(repeat, betainc(np.where(repeat, n, 1.0), r, t / (alpha + t)), 1.0)
    second = np.exp(betaln(a + 1.0, b + n) - betaln(a, b)) * tail
    return first + second


class MBGNBD(TransactionModel):
    """MBG/NBD model: BG/NBD with drop-out possible after the first purchase too.

    Parameters
    ----------
    penalizer : float
        L2 penalty on the parameters (0 for maximum likelihood).
    maxiter : int
        Iteration limit of the optimiser.

    Example
    -------
    >>> from clvkit.datasets import load_cdnow_calibration_summary_published
    >>> m = MBGNBD().fit(load_cdnow_calibration_summary_published())
    >>> bool(m.converged_)
    True

    References
    ----------
    Batislam, Denizel & Filiztekin (2007), IJRM 24(3), 201-209.
    """

    _param_names = ("r", "alpha", "a", "b")
    _log_lik_fn = staticmethod(mbgnbd_log_likelihood)
    _alive_fn = staticmethod(mbgnbd_probability_alive)
    _expected_fn = staticmethod(mbgnbd_expected_purchases)
    _conditional_fn = staticmethod(mbgnbd_conditional_expected_purchases)
    _active_fn = staticmethod(_mbgnbd_active_purchases)
    _pmf_fn = staticmethod(mbgnbd_probability_of_purchases)
    _hessian_from_gradient = True

    def _loglik_grad_log(self, params, *, counts, frequency, recency, T):
        grad = mbgnbd_log_likelihood_gradient(**self._params(params), x=frequency, t_x=recency, T=T)
        return (grad @ counts) * np.asarray(params)

    def _initial_params(self, columns, counts):
        return _nbd_start(columns, counts) + [1.0, 3.0]
