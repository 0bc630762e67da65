"""Pareto/NBD: repeat buying with an unobserved, exponentially distributed lifetime.

Assumptions (Schmittlein, Morrison & Colombo 1987):

1. While active, a customer buys as a Poisson process with rate lambda.
2. Rates differ across customers as lambda ~ Gamma(r, alpha) (shape r, rate alpha).
3. Each customer's unobserved lifetime is exponential with death rate mu; the customer
   may become inactive at any moment, not only after a purchase.
4. Death rates differ across customers as mu ~ Gamma(s, beta).
5. lambda and mu are independent across customers.

The likelihood's Gauss hypergeometric terms (a difference of two 2F1 values) are
evaluated as the integral they stand for, in log space
(:func:`clvkit.models._hyp2f1.pareto_log_integral`), which stays finite and accurate for
large frequencies and long histories where the 2F1 difference cancels catastrophically.

References
----------
Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987). Counting your customers: who
are they and what will they do next? Management Science 33(1), 1-24.
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). A note on deriving the Pareto/NBD
model and related expressions. http://brucehardie.com/notes/009/
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy import integrate
from scipy.special import digamma, expit, gammaln, xlogy

from ._hyp2f1 import pareto_log_integral
from ._transaction import TransactionModel
from .bgnbd import _by_count, _nbd_start

__all__ = [
    "ParetoNBD",
    "paretonbd_conditional_expected_purchases",
    "paretonbd_expected_purchases",
    "paretonbd_log_likelihood",
    "paretonbd_log_likelihood_gradient",
    "paretonbd_probability_alive",
    "paretonbd_probability_of_purchases",
]


def _arrays(*values):
    return np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values))


def _log_terms(r, alpha, s, beta, x, t_x, T, gradient=False):
    """log of the constant, of the 'alive at T' term and of the 'died in (t_x, T]' term."""
    x, t_x, T = _arrays(x, t_x, T)
    log_c = _by_count(lambda n: gammaln(r + n), x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    log_alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    result = pareto_log_integral(r=r, alpha=alpha, s=s, beta=beta, x=x, t_x=t_x, T=T, gradient=gradient)
    if gradient:
        log_int, grad = result
        return log_c, log_alive, np.log(s) + log_int, grad
    return log_c, log_alive, np.log(s) + result


def paretonbd_log_likelihood(*, r, alpha, s, beta, x, t_x, T):
    """Log-likelihood of each customer under Pareto/NBD (FHL 2005 note, eq. 19), in log space.

    ``L = Gamma(r + x) alpha^r beta^s / Gamma(r) * [(alpha + T)^-(r + x) (beta + T)^-s
    + s * integral_{t_x}^{T} (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) d tau]``;
    the integral is the paper's 2F1 difference A0 (times 1 / (r + s + x)).

    Parameters
    ----------
    r, alpha, s, beta : float
        Model parameters (all > 0).
    x, t_x, T : array_like
        Repeat purchases, time of the last purchase and age of each customer.

    Returns
    -------
    ndarray of per-customer log-likelihoods.

    Example
    -------
    >>> round(float(paretonbd_log_likelihood(r=0.553, alpha=10.578, s=0.606, beta=11.669,
    ...                                      x=0, t_x=0, T=38.86)), 4)
    -0.521

    References
    ----------
    Fader, Hardie & Lee (2005). A note on deriving the Pareto/NBD model and related
    expressions, eq. 19-22.
    """
    log_c, log_alive, log_dead = _log_terms(r, alpha, s, beta, x, t_x, T)
    return log_c + np.logaddexp(log_alive, log_dead)


def paretonbd_log_likelihood_gradient(*, r, alpha, s, beta, x, t_x, T):
    """Derivatives of each customer's Pareto/NBD log-likelihood with respect to (r, alpha, s, beta).

    The integral's derivatives are taken under the integral sign on the same
    quadrature nodes as its value.

    Parameters
    ----------
    r, alpha, s, beta : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.

    Returns
    -------
    ndarray of shape (4, n).

    Example
    -------
    >>> paretonbd_log_likelihood_gradient(r=1., alpha=1., s=1., beta=1., x=[1], t_x=[1.], T=[2.]).shape
    (4, 1)

    References
    ----------
    Fader, Hardie & Lee (2005), note 009, eq. 19, differentiated term by term.
    """
    return _value_and_gradient(r, alpha, s, beta, x, t_x, T)[1]


def _value_and_gradient(r, alpha, s, beta, x, t_x, T):
    """Per-customer log-likelihoods and their gradients from one pass over the quadrature."""
    x, t_x, T = _arrays(x, t_x, T)
    log_c, log_alive, log_dead, g = _log_terms(r, alpha, s, beta, x, t_x, T, gradient=True)
    w_alive = expit(log_alive - log_dead)
    w_dead = 1.0 - w_alive
    g = np.where(np.isfinite(g), g, 0.0)
    d_r = _by_count(lambda n: digamma(r + n), x) - digamma(r) + np.log(alpha) - w_alive * np.log(alpha + T)
    d_r = d_r + w_dead * g[0]
    d_alpha = r / alpha - w_alive * (r + x) / (alpha + T) + w_dead * g[1]
    d_s = np.log(beta) - w_alive * np.log(beta + T) + w_dead * (1.0 / s + g[2])
    d_beta = s / beta - w_alive * s / (beta + T) + w_dead * g[3]
    return log_c + np.logaddexp(log_alive, log_dead), np.stack([d_r, d_alpha, d_s, d_beta])


def paretonbd_probability_alive(*, r, alpha, s, beta, x, t_x, T):
    """P(alive at T | x, t_x, T) under Pareto/NBD (FHL 2005 note, eq. 18 and 19).

    The share of the likelihood that comes from customers still alive at T.

    Parameters
    ----------
    r, alpha, s, beta : float
        Model parameters.
    x, t_x, T : array_like
        Customers' histories.

    Returns
    -------
    ndarray of probabilities in [0, 1].

    Example
    -------
    >>> round(float(paretonbd_probability_alive(r=0.553, alpha=10.578, s=0.606, beta=11.669,
    ...                                         x=2, t_x=30.43, T=38.86)), 3)
    0.869

    References
    ----------
    Fader, Hardie & Lee (2005). A note on deriving the Pareto/NBD model, section 4.
    """
    _, log_alive, log_dead = _log_terms(r, alpha, s, beta, x, t_x, T)
    return expit(log_alive - log_dead)


def _gain(s, log_ratio):
    """(1 - exp(-(s - 1) L)) / (s - 1), and its limit L at s = 1."""
    k = s - 1.0
    small = np.abs(k * log_ratio) < 1e-8
    k_safe = np.where(small, 1.0, k)
    return np.where(small, log_ratio * (1.0 - k * log_ratio / 2.0), -np.expm1(-k_safe * log_ratio) / k_safe)


def paretonbd_expected_purchases(*, r, alpha, s, beta, t):
    """E[X(t)] for a new customer: ``r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]``.

    Finite at s = 1, where it becomes ``r beta / alpha * log(1 + t / beta)``.

    Parameters
    ----------
    r, alpha, s, beta : float
        Model parameters.
    t : array_like
        Lengths of the period.

    Returns
    -------
    ndarray of expected purchases.

    Example
    -------
    >>> round(float(paretonbd_expected_purchases(r=1., alpha=1., s=1., beta=1., t=np.e - 1)), 6)
    1.0

    References
    ----------
    Schmittlein, Morrison & Colombo (1987), eq. 17; Fader, Hardie & Lee (2005), note 009, eq. 27.
    """
    (t,) = _arrays(t)
    return r * beta / alpha * _gain(s, np.log1p(t / beta))


def paretonbd_conditional_expected_purchases(*, r, alpha, s, beta, x, t_x, T, t):
    """E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (FHL 2005 note, eq. 28).

    ``(r + x)(beta + T) / ((alpha + T)(s - 1)) [1 - ((beta + T) / (beta + T + t))^(s - 1)] P(alive)``.

    Parameters
    ----------
    r, alpha, s, beta : float
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
    >>> round(float(paretonbd_conditional_expected_purchases(r=0.553, alpha=10.578, s=0.606,
    ...     beta=11.669, x=2, t_x=30.43, T=38.86, t=39)), 3)
    1.455

    References
    ----------
    Fader, Hardie & Lee (2005). A note on deriving the Pareto/NBD model, eq. 28.
    """
    x, t_x, T, t = _arrays(x, t_x, T, t)
    alive = paretonbd_probability_alive(r=r, alpha=alpha, s=s, beta=beta, x=x, t_x=t_x, T=T)
    return _paretonbd_active_purchases(r=r, alpha=alpha, s=s, beta=beta, x=x, T=T, t=t) * alive


def _paretonbd_active_purchases(*, r, alpha, s, beta, x, T, t, distinct=False):
    """Expected purchases in (T, T + t] of a customer known to be active at T (depends on x and T only)."""
    x, T, t = _arrays(x, T, t)
    return (r + x) * (beta + T) / (alpha + T) * _gain(s, np.log1p(t / (beta + T)))


def _pmf_one(r, alpha, s, beta, n, t):
    log_nb = gammaln(r + n) - gammaln(r) - gammaln(n + 1.0)

    def log_nbd(tau):
        return log_nb + r * np.log(alpha / (alpha + tau)) + xlogy(n, tau / (alpha + tau))

    if t == 0:
        return float(n == 0)
    alive = np.exp(log_nbd(t) + s * np.log(beta / (beta + t)))

    def died_at(tau):
        return np.exp(np.log(s) + s * np.log(beta) - (s + 1.0) * np.log(beta + tau) + log_nbd(tau))

    # the integrand peaks near tau = alpha n / r (the mode of the Poisson mean); split there
    peak = min(max(alpha * n / max(r, 1e-12), 0.0), t)
    points = sorted({0.0, peak, t})
    dead = sum(
        integrate.quad(died_at, lo, hi, epsabs=1e-14, epsrel=1e-10, limit=200)[0]
        for lo, hi in itertools.pairwise(points)
        if hi > lo
    )
    return alive + dead


def paretonbd_probability_of_purchases(*, r, alpha, s, beta, n, t):
    """P(X(t) = n) for a new customer, by one-dimensional numerical integration.

    ``P(X(t) = n) = NBD(n; t) (beta / (beta + t))^s
    + integral_0^t s beta^s (beta + tau)^-(s + 1) NBD(n; tau) d tau``: either alive
    through t, or dead at tau after n purchases in (0, tau]. The published closed form
    (FHL 2005 note, eq. 24) subtracts a sum of 2F1 terms from another and loses all
    precision for moderate n, so clvkit integrates instead (adaptive quadrature,
    relative accuracy about 1e-10).

    Parameters
    ----------
    r, alpha, s, beta : float
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
    >>> round(float(paretonbd_probability_of_purchases(r=0.553, alpha=10.578, s=0.606,
    ...                                                beta=11.669, n=0, t=39.)), 3)
    0.594

    References
    ----------
    Fader, Hardie & Lee (2005). A note on deriving the Pareto/NBD model, section 5.
    """
    n, t = _arrays(n, t)
    out = np.array([_pmf_one(r, alpha, s, beta, ni, ti) for ni, ti in zip(n.ravel(), t.ravel())])
    return out.reshape(n.shape)


class ParetoNBD(TransactionModel):
    """Pareto/NBD model of repeat buying in continuous time (Schmittlein et al. 1987).

    Parameters
    ----------
    penalizer : float
        L2 penalty on the parameters (0 for maximum likelihood).
    maxiter : int
        Iteration limit of the optimiser.

    Example
    -------
    >>> from clvkit.datasets import load_cdnow_calibration_summary_published
    >>> m = ParetoNBD().fit(load_cdnow_calibration_summary_published())
    >>> round(m.log_likelihood_, 1)
    -9595.0

    References
    ----------
    Schmittlein, Morrison & Colombo (1987), Management Science 33(1), 1-24;
    Fader, Hardie & Lee (2005), note 009.
    """

    _param_names = ("r", "alpha", "s", "beta")
    _log_lik_fn = staticmethod(paretonbd_log_likelihood)
    _alive_fn = staticmethod(paretonbd_probability_alive)
    _expected_fn = staticmethod(paretonbd_expected_purchases)
    _conditional_fn = staticmethod(paretonbd_conditional_expected_purchases)
    _active_fn = staticmethod(_paretonbd_active_purchases)
    _pmf_fn = staticmethod(paretonbd_probability_of_purchases)
    _hessian_from_gradient = True

    # The optimiser asks for the value and then the gradient at the same point; both come
    # from one pass over the quadrature nodes, so the gradient is kept until asked for.
    def _loglik(self, params, **columns):
        x = columns["frequency"]
        value, grad = _value_and_gradient(*params, x, columns["recency"], columns["T"])
        self._last_gradient = (tuple(params), id(x), grad)
        return value

    def _loglik_grad_log(self, params, *, counts, frequency, recency, T):
        last = getattr(self, "_last_gradient", None)
        if last is not None and last[0] == tuple(params) and last[1] == id(frequency):
            grad = last[2]
        else:
            grad = _value_and_gradient(*params, frequency, recency, T)[1]
        return (grad @ counts) * np.asarray(params)

    def fit(self, data, *, weights=None, initial_params=None):
        """Estimate r, alpha, s and beta by maximum likelihood; returns self.

        Parameters
        ----------
        data : DataFrame
            One row per customer with columns frequency, recency and T.
        weights : str or array, optional
            A column name or array of counts: how many customers each row stands for.
        initial_params : sequence of float, optional
            Starting values for (r, alpha, s, beta).
        """
        try:
            return super().fit(data, weights=weights, initial_params=initial_params)
        finally:
            self._last_gradient = None

    def _initial_params(self, columns, counts):
        r, alpha = _nbd_start(columns, counts)
        T_mean = float(np.dot(counts, columns["T"]) / counts.sum())
        return [r, alpha, 0.5, T_mean]
