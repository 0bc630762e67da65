"""Stable evaluation of the Gauss hypergeometric (2F1) terms of the BG/NBD family.

The published Pareto/NBD and BG/NBD expressions contain 2F1 functions whose
arguments approach 1 and whose parameters grow with a customer's frequency; the
closed forms then subtract two huge, nearly equal numbers or fail to converge. Both
2F1 terms are integrals of positive functions, so clvkit evaluates the integrals
directly, in log space, with Gauss-Legendre rules placed where the mass lies:

* Pareto/NBD (Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD model",
  eq. 19): the 2F1 difference in the likelihood equals
  ``I = integral_{t_x}^{T} (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) d tau``.
  Two Gauss-Legendre pieces cover it: near t_x the substitution
  ``u = ((kappa + tau) / (kappa + t_x))^-(r + s + x) / 3`` with a power law matching the
  integrand's decay rate at t_x, beyond a few decay lengths one matching its far tail;
  both leave a smooth integrand, summed in log space.
* BG/NBD and MBG/NBD (Fader, Hardie & Lee 2005, eq. 9 and 10): the bracket
  ``(a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))]``
  equals ``E[(1 - (1 + p t / alpha)^-r) / p]`` for p ~ Beta(a, b), an integral over p
  evaluated on logarithmic scales of p and 1 - p with the two ends in closed form.

Every value is finite for every valid input (frequency up to 10^4 and beyond, T up to
10^4, parameters from 1e-3 to 1e3); the tests compare with scipy.special.hyp2f1 where
that is accurate and with adaptive quadrature elsewhere.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.special import betaln, logsumexp, roots_jacobi

from ._scoring import distinct_rows

__all__ = ["beta_inverse_gain", "pareto_log_integral"]

_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(16)

def _panel_rule(order: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss-Legendre rule on [0, 1]: uniform panels plus panels shrinking
    geometrically towards 1 (the split point of :func:`beta_inverse_gain`)."""
    edges = np.unique(np.r_[np.linspace(0.0, 1.0, 11), 1.0 - 2.0 ** -np.arange(1, 13)])
    x, w = np.polynomial.legendre.leggauss(order)
    lo, hi = edges[:-1, None], edges[1:, None]
    nodes = lo + (hi - lo) * (x[None, :] + 1.0) / 2.0
    weights = (hi - lo) * w[None, :] / 2.0
    return nodes.ravel(), weights.ravel()


_FRAC_NODES, _FRAC_WEIGHTS = _panel_rule()
_TAIL_POWER = 3.0
_ONE_PIECE_GAP = 0.05  # (m + 1) log(geometric / harmonic mean) below which one piece suffices
_LOG_GL_HALF_WEIGHTS = np.log(_GL_WEIGHTS / 2.0)[:, None]
_GJ_ORDER = 64
_PARETO_BLOCK = 2_048  # rows per block of the Pareto/NBD quadrature (16 nodes x 2,048 rows = 256 kB an array)
_GJ_BLOCK = 1_024  # rows per block of the Gauss-Jacobi sum (1,024 x 64 nodes = 512 kB, cache-sized)


def pareto_log_integral(*, r, alpha, s, beta, x, t_x, T, gradient: bool = False):
    """Log of ``integral_{t_x}^{T} (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) d tau``.

    Parameters
    ----------
    r, alpha, s, beta : float
        Pareto/NBD parameters (all > 0).
    x, t_x, T : array_like
        Frequency, recency and age of each customer (0 <= t_x <= T).
    gradient : bool
        Also return the derivatives of the log-integral with respect to r, alpha, s
        and beta (natural scale), as an array of shape (4, n).

    Returns
    -------
    ndarray of log-integrals (-inf where t_x == T), and the gradient if asked.

    Example
    -------
    >>> round(float(np.exp(pareto_log_integral(r=1., alpha=1., s=1., beta=1., x=0, t_x=0., T=1.))), 12)
    0.375

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). A note on deriving the
    Pareto/NBD model and related expressions. http://brucehardie.com/notes/009/
    """
    x, t_x, T = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, t_x, T)))
    shape = x.shape
    x, t_x, T = (np.ravel(v) for v in (x, t_x, T))
    with np.errstate(divide="ignore", invalid="ignore"):  # t_x == T: empty integral, log 0 = -inf
        result = _pareto_log_integral(r, alpha, s, beta, x, t_x, T, gradient)
    if gradient:
        return result[0].reshape(shape), result[1].reshape((4, *shape))
    return result.reshape(shape)


def _pareto_log_integral(r, alpha, s, beta, x, t_x, T, gradient):
    rx = r + x
    m = rx + s  # the integrand falls like tau^-(m + 1)
    # One power law (kappa + tau)^-(m + 1) through the weighted geometric mean of
    # alpha + t_x and beta + t_x matches the integrand at t_x and far away. When the
    # integrand decays much faster near t_x than that power law says (alpha and beta far
    # apart), a first piece [t_x, tau_1] uses the power law with the same decay rate at
    # t_x (through the weighted harmonic mean) and the second, [tau_1, T], the geometric one.
    log_a, log_b = np.log(alpha + t_x), np.log(beta + t_x)
    log_kg = (rx * log_a + (s + 1.0) * log_b) / (m + 1.0)
    rate = rx / (alpha + t_x) + (s + 1.0) / (beta + t_x)
    log_kh = np.log(m + 1.0) - np.log(rate)
    hard = (m + 1.0) * (log_kg - log_kh) > _ONE_PIECE_GAP
    log_i = np.empty(x.shape)
    grad = np.empty((4, *log_i.shape)) if gradient else None
    easy = np.flatnonzero(~hard)
    # blocks of rows keep the (nodes x rows) arrays in cache: several times fewer memory passes
    for lo in range(0, easy.size, _PARETO_BLOCK):
        rows = easy[lo:lo + _PARETO_BLOCK]
        one = _pareto_piece(r, alpha, s, beta, rx[rows], m[rows], t_x[rows], T[rows], log_kg[rows], gradient)
        log_i[rows] = one[0]
        if gradient:
            grad[:, rows] = one[1]
    idx = np.flatnonzero(hard)
    if idx.size:
        rx_h, m_h, tx_h, T_h = rx[idx], m[idx], t_x[idx], T[idx]
        tau_1 = np.minimum(T_h, tx_h + 8.0 / rate[idx])
        near = _pareto_piece(r, alpha, s, beta, rx_h, m_h, tx_h, tau_1, log_kh[idx], gradient)
        log_kf = (rx_h * np.log(alpha + tau_1) + (s + 1.0) * np.log(beta + tau_1)) / (m_h + 1.0)
        far = _pareto_piece(r, alpha, s, beta, rx_h, m_h, tau_1, T_h, log_kf, gradient)
        both = np.logaddexp(near[0], far[0])
        log_i[idx] = both
        if gradient:
            share = np.exp(near[0] - both)
            share = np.where(np.isfinite(share), share, 1.0)
            grad[:, idx] = share * near[1] + (1.0 - share) * np.where(np.isfinite(far[1]), far[1], 0.0)
    log_i = np.where(T > t_x, log_i, -np.inf)
    if not gradient:
        return log_i
    return log_i, grad


def _pareto_piece(r, alpha, s, beta, rx, m, lo, hi, log_k, gradient):
    """log of the integral over [lo, hi] with the power law through kappa (log_k = log(kappa + lo))."""
    kappa = np.exp(log_k) - lo
    span = np.log((kappa + hi) / (kappa + lo))  # >= 0
    # u = ((kappa + tau) / (kappa + lo))^-(m / j) turns the integral into
    # (kappa + lo)^-m (j / m) int_{u_hi}^1 u^(j - 1) h du with h = w (kappa + tau)^(m + 1);
    # the factor u^(j - 1) tames the slowly decaying tail (u -> 0).
    m_s = m / _TAIL_POWER
    log_u_hi = -m_s * span
    log_width = np.log(-np.expm1(log_u_hi))  # log(1 - u_hi)
    frac = (_GL_NODES[:, None] + 1.0) / 2.0  # (k, 1)
    u_hi = np.exp(log_u_hi)
    # every (node, row) array below is written in place: the sums are over few nodes and
    # many rows, so the passes over memory, not the arithmetic, set the time
    log_u = frac * (1.0 - u_hi)
    log_u += u_hi
    np.log(log_u, out=log_u)
    log_ktau = log_u / -m_s
    log_ktau += log_k  # log(kappa + tau_i)
    at_a = np.exp(log_ktau)  # kappa + tau_i, shifted in place below
    at_b = at_a + (beta - kappa)  # beta + tau_i
    at_a += alpha - kappa  # alpha + tau_i
    log_a = np.log(at_a)
    log_b = np.log(at_b)
    # log of the weighted integrand at the nodes: weights, the u^(j - 1) factor,
    # (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) and the Jacobian (kappa + tau)^(m + 1)
    terms = log_ktau
    terms *= m + 1.0
    terms += _LOG_GL_HALF_WEIGHTS
    log_u *= _TAIL_POWER - 1.0
    terms += log_u
    terms -= rx * log_a
    terms -= (s + 1.0) * log_b
    peak = terms.max(axis=0)
    terms -= peak
    expo = np.exp(terms, out=terms)
    total = expo.sum(axis=0)
    log_sum = peak + np.log(total)
    log_i = np.where(hi > lo, -m * log_k - np.log(m_s) + log_width + log_sum, -np.inf)
    if not gradient:
        return log_i, None
    # derivatives under the integral sign: averages over the normalised integrand
    inv_a = np.reciprocal(at_a, out=at_a)
    inv_b = np.reciprocal(at_b, out=at_b)
    averages = np.stack([np.einsum("kn,kn->n", expo, v) for v in (log_a, inv_a, log_b, inv_b)]) / total
    grad = np.stack([-averages[0], -rx * averages[1], -averages[2], -(s + 1.0) * averages[3]])
    return log_i, grad


def _log_g(log_p, p, r, k):
    """log of (1 - (1 + k p)^-r) / p, accurate for tiny p."""
    return np.log(-np.expm1(-r * np.log1p(k * p))) - log_p


def beta_inverse_gain(*, r, alpha, a, b, t, distinct: bool = False):
    """``E[(1 - (alpha / (alpha + p t))^r) / p]`` for p ~ Beta(a, b); the BG/NBD 2F1 bracket.

    Equals ``(a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))^r
    * 2F1(r, b; a + b - 1; t / (alpha + t))]`` (and its limit at a = 1), the expected
    number of purchases in (0, t] of a customer who is alive at 0 with purchase rate
    ~ Gamma(r, alpha) and drop-out probability ~ Beta(a, b).

    Parameters
    ----------
    r, alpha, a, b, t : array_like
        Shape and rate of the purchase rate, shapes of the drop-out probability, and
        the length of the period (all broadcast together; t >= 0).
    distinct : bool
        The broadcast rows are known to be distinct (a grid of distinct histories and
        horizons): skip the search for repeated rows.

    Returns
    -------
    ndarray of expected purchases (>= 0, finite).

    Example
    -------
    >>> round(float(beta_inverse_gain(r=0.243, alpha=4.414, a=0.793, b=2.426, t=39.0)), 4)
    1.1967

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the
    easy way: an alternative to the Pareto/NBD model. Marketing Science 24(2), 275-284,
    eq. 9 and 10.
    """
    r, alpha, a, b, t = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (r, alpha, a, b, t)))
    shape = r.shape
    r, alpha, a, b, t = (np.ravel(v) for v in (r, alpha, a, b, t))
    # customers who share (r, alpha, a, b, t) share the value: compute each once
    if r.size > 1 and not distinct:
        unique, inverse = distinct_rows(r, alpha, a, b, t)
        if len(unique[0]) < 0.8 * r.size:
            return _beta_inverse_gain(*unique)[inverse].reshape(shape)
    return _beta_inverse_gain(r, alpha, a, b, t).reshape(shape)


def _beta_inverse_gain(r, alpha, a, b, t):
    k = t / alpha
    out = np.zeros(r.shape)
    # Gauss-Jacobi nodes carry the Beta density exactly; they suffice when
    # g(p) = (1 - (1 + k p)^-r) / p is smooth on [0, 1] (its branch point -1/k is not
    # close and r k is moderate). Elsewhere the panel rule on log scales takes over.
    fast = (k <= 100.0) & (k * (r + 1.0) <= 300.0) & (a <= 200.0) & (b <= 200.0) & (t > 0)
    if fast.any():
        out[fast] = _gain_gauss_jacobi(r[fast], k[fast], a[fast], b[fast])
    slow = np.flatnonzero(~fast & (t > 0))
    for chunk in np.array_split(slow, max(1, len(slow) // 20_000)):
        if len(chunk):
            out[chunk] = _gain_panels(r[chunk], k[chunk], a[chunk], b[chunk])
    return out


def _gain_gauss_jacobi(r, k, a, b):
    """The Beta expectation on 64 Gauss-Jacobi nodes, one rule per distinct (a, b)."""
    out = np.empty(r.shape)
    (a_values, b_values), inverse = distinct_rows(a, b)
    # rows of one (a, b) next to each other, in blocks that keep the temporaries small
    order = np.argsort(inverse, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(inverse, minlength=len(a_values)))]
    for j, (aj, bj) in enumerate(zip(a_values, b_values)):
        p, weights = _beta_rule(float(aj), float(bj))
        for lo in range(bounds[j], bounds[j + 1], _GJ_BLOCK):
            rows = order[lo:min(lo + _GJ_BLOCK, bounds[j + 1])]
            y = np.multiply(k[rows, None], p[None, :])
            np.log1p(y, out=y)
            y *= r[rows, None]
            out[rows] = _one_minus_exp_neg(y) @ weights
    return out


@lru_cache(maxsize=4096)
def _beta_rule(a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Jacobi nodes on p in (0, 1) for the Beta(a, b) density, weights divided by p.

    Kept per (a, b): a customer base has a few hundred distinct posteriors, and every new
    horizon asks for the same rules again.
    """
    nodes, weights = roots_jacobi(_GJ_ORDER, b - 1.0, a - 1.0)
    p = (nodes + 1.0) / 2.0
    weights = weights / weights.sum() / p  # g(p) = (1 - (1 + k p)^-r) / p: the 1 / p goes here
    p.setflags(write=False)
    weights.setflags(write=False)
    return p, weights


def _one_minus_exp_neg(y):
    """1 - exp(-y) for y >= 0, accurate to a few ulps also for tiny y; overwrites y.

    numpy's exp is several times faster than expm1; 1 - exp(-y) loses only
    eps / y of relative accuracy, so below 1e-3 a Taylor polynomial (error below
    y^6 / 720) takes over.
    """
    small = y < 1e-3
    z = y[small] if small.any() else None
    np.negative(y, out=y)
    np.exp(y, out=y)
    np.subtract(1.0, y, out=y)
    if z is not None:
        y[small] = z * (1.0 - z / 2.0 * (1.0 - z / 3.0 * (1.0 - z / 4.0 * (1.0 - z / 5.0))))
    return y


def _gain_panels(r, k, a, b):
    """The Beta expectation on composite Gauss-Legendre panels over log p and log(1 - p)."""
    lbeta = betaln(a, b)
    # The mean c of p splits (0, 1) together with 1/2: below 1/2 the integral runs over
    # log p, above it over log(1 - p), and the panels are refined geometrically
    # towards c, where a concentrated Beta density puts its mass.
    c = np.clip(a / (a + b), 1e-12, 1.0 - 1e-12)
    c_lo, c_hi = np.minimum(c, 0.5), np.maximum(c, 0.5)
    # lower end p < p0: g(p) = r k (1 - (r + 1) k p / 2 + ...) and (1 - p)^(b - 1) = 1 - (b - 1) p + ...
    slope = (r + 1.0) * k / 2.0 + np.abs(b - 1.0) + 1.0
    p0 = np.minimum(c_lo / 2.0, 1e-6 / slope)
    low = r * k * np.exp(a * np.log(p0) - lbeta) * (1.0 / a - ((r + 1.0) * k / 2.0 + (b - 1.0)) * p0 / (a + 1.0))
    # upper end 1 - p < q0: g(p) p^(a - 1) is smooth there, so it is nearly g(1)
    q0 = np.minimum((1.0 - c_hi) / 2.0, 1e-9 / (2.0 + r + np.abs(a - 1.0)))
    g1 = -np.expm1(-r * np.log1p(k))
    high = g1 * np.exp(b * np.log(q0) - lbeta) / b

    def over_log_p(lo, hi, refine_hi):
        nodes = _FRAC_NODES if refine_hi else 1.0 - _FRAC_NODES
        v = lo[None, :] + nodes[:, None] * (hi - lo)[None, :]
        lf = _log_g(v, np.exp(v), r, k) + a * v + (b - 1.0) * np.log(-np.expm1(v)) - lbeta
        return np.exp(logsumexp(lf + log_w, axis=0)) * (hi - lo)

    def over_log_q(lo, hi, refine_hi):
        nodes = _FRAC_NODES if refine_hi else 1.0 - _FRAC_NODES
        w = lo[None, :] + nodes[:, None] * (hi - lo)[None, :]
        log_p = np.log(-np.expm1(w))
        lf = _log_g(log_p, np.exp(log_p), r, k) + (a - 1.0) * log_p + b * w - lbeta
        return np.exp(logsumexp(lf + log_w, axis=0)) * (hi - lo)

    log_w = np.log(_FRAC_WEIGHTS)[:, None]
    log_half = np.full_like(c, np.log(0.5))
    out = (
        low
        + over_log_p(np.log(p0), np.log(c_lo), True)
        + over_log_p(np.log(c_lo), log_half, False)
        + over_log_q(np.log1p(-c_hi), log_half, False)
        + over_log_q(np.log(q0), np.log1p(-c_hi), True)
        + high
    )
    return out
