"""The gamma-gamma model of spend per transaction.

Assumptions (Colombo & Jiang 1999; Fader, Hardie & Lee 2005):

1. The value of a customer's transactions varies around the customer's own mean:
   each transaction value z ~ Gamma(shape p, rate nu).
2. nu varies across customers as Gamma(shape q, rate gamma), so a customer's mean
   transaction value p / nu has population mean ``p * gamma / (q - 1)`` (for q > 1).
3. Spend is independent of the transaction process (check: the correlation of
   frequency and monetary value should be small), so the model pairs with BG/NBD,
   Pareto/NBD, ... to value customers.

Only the mean of a customer's repeat transactions and their number are needed: the
sum of x values is Gamma(p x, nu), so the mean zbar is Gamma(p x, nu x). Customers
without repeat transactions carry no information about their spend and are left out
of the fit; their expected spend is the population mean.

References
----------
Colombo, R. & Jiang, W. (1999). A stochastic RFM model. Journal of Interactive
Marketing 13(3), 2-12.
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value
curves for customer base analysis. Journal of Marketing Research 42(4), 415-430.
Fader, P. S. & Hardie, B. G. S. (2013). The gamma-gamma model of monetary value.
http://brucehardie.com/notes/025/
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import digamma, gammaln

from .._checks import as_frame
from ..errors import ClvDataError
from ..i18n import text
from .base import BaseModel

__all__ = ["GammaGamma", "gammagamma_conditional_mean", "gammagamma_loglik"]


def gammagamma_loglik(*, p, q, gamma, frequency, monetary_value):
    """Log-density of a customer's mean repeat spend zbar given x = frequency transactions.

    Integrating nu out of Gamma(zbar; p x, rate nu x) * Gamma(nu; q, rate gamma)::

        ln f(zbar | x) = ln Gamma(p x + q) - ln Gamma(p x) - ln Gamma(q) + q ln gamma
                         + (p x - 1) ln zbar + p x ln x - (p x + q) ln(gamma + x zbar)

    Fader, Hardie & Lee (2005), appendix; Fader & Hardie (2013), eq. 3 for the mean.
    """
    x = np.asarray(frequency, dtype=float)
    z = np.asarray(monetary_value, dtype=float)
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + (px - 1.0) * np.log(z)
        + px * np.log(x)
        - (px + q) * np.log(gamma + x * z)
    )


def gammagamma_conditional_mean(*, p, q, gamma, frequency, monetary_value):
    """E[mean spend | x, zbar] = p (gamma + x zbar) / (p x + q - 1) (Fader, Hardie & Lee 2005, eq. 5).

    A weighted average of the population mean p gamma / (q - 1) and the customer's
    observed mean zbar, with weight p x / (p x + q - 1) on zbar. For x = 0 it is the
    population mean (infinite when q <= 1).
    """
    x = np.asarray(frequency, dtype=float)
    z = np.asarray(monetary_value, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        conditional = p * (gamma + x * z) / (p * x + q - 1.0)
    population = p * gamma / (q - 1.0) if q > 1.0 else math.inf
    return np.where(x > 0, conditional, population)


def _plain(label) -> str:
    """A row label as the user wrote it (7, 'c01'), without numpy's type wrapper."""
    return repr(label.item() if isinstance(label, np.generic) else label)


class GammaGamma(BaseModel):
    """Gamma-gamma model of the mean transaction value (Fader, Hardie & Lee 2005).

    Fit on customers' ``frequency`` (repeat transactions) and ``monetary_value`` (the
    mean value of those repeat transactions). Customers with frequency 0 have no
    repeat transactions to learn from: they are excluded from the fit and counted in
    ``n_excluded_``; they still get a prediction (the population mean).

    Parameters
    ----------
    penalizer : float, optional
        L2 penalty on the parameters (0 by default).
    maxiter : int, optional
        Maximum optimiser iterations.

    Attributes (after fit)
    ----------------------
    params_ : Series
        p, q, gamma.
    n_customers_ : int
        Repeat customers used in the fit.
    n_excluded_ : int
        Customers left out because their frequency is 0.
    spend_scale_ : float
        The median repeat spend the amounts were divided by while fitting (the model is
        scale-free; gamma is reported in the units of the data).

    Examples
    --------
    >>> from clvkit.models import GammaGamma
    >>> gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    >>> round(gg.mean_spend(), 2)
    35.22

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value
    curves for customer base analysis. Journal of Marketing Research 42(4), 415-430.
    """

    _param_names = ("p", "q", "gamma")
    _columns = ("frequency", "monetary_value")
    _integer_columns = ("frequency",)
    _ordered_columns = ()
    _positive_columns = ()
    _timed = False  # spend per transaction does not depend on the time unit
    _hessian_from_gradient = True

    def _data_terms(self, x, z):
        """ln z, ln x and x z of the rows being fitted: they do not change while the parameters move."""
        key = (id(x), id(z), len(x))
        cached = getattr(self, "_terms", None)
        if cached is None or cached[0] != key:
            with np.errstate(divide="ignore"):
                cached = (key, np.log(z), np.log(x), x * z)
            self._terms = cached
        return cached[1:]

    def _loglik(self, params, *, frequency, monetary_value):
        # gammagamma_loglik term by term, with the data's own logarithms computed once per fit
        p, q, gamma = params
        x = np.asarray(frequency, dtype=float)
        log_z, log_x, xz = self._data_terms(x, np.asarray(monetary_value, dtype=float))
        px = p * x
        return (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
                + (px - 1.0) * log_z + px * log_x - (px + q) * np.log(gamma + xz))

    def _loglik_grad_log(self, params, *, counts, frequency, monetary_value):
        """Gradient of the weighted total log-likelihood with respect to ln p, ln q, ln gamma."""
        p, q, gamma = params
        x = frequency
        log_z, log_x, xz = self._data_terms(x, monetary_value)
        px = p * x
        shared = digamma(px + q) - np.log(gamma + xz)
        d_p = x * (shared - digamma(px) + log_z + log_x)
        d_q = shared - digamma(q) + np.log(gamma)
        d_gamma = q / gamma - (px + q) / (gamma + xz)
        return np.array([p * counts @ d_p, q * counts @ d_q, gamma * counts @ d_gamma])

    def _initial_params(self, columns, counts):
        # Method of moments on the observed means: their mean and variance across customers
        # roughly fix the mean spend p gamma / (q - 1); start q a little above 2 so both exist.
        z = columns["monetary_value"]
        w = counts / counts.sum()
        mean = float(np.dot(w, z))
        q = 3.0
        p = 2.0
        gamma = mean * (q - 1.0) / p
        return np.array([p, q, max(gamma, 1e-3)])

    def _check_repeat_spend(self, columns, frame) -> None:
        bad = np.flatnonzero((columns["frequency"] > 0) & (columns["monetary_value"] <= 0))
        if bad.size:
            shown = ", ".join(
                f"{_plain(frame.index[i])} -> {float(columns['monetary_value'][i]):g}" for i in bad[:3]
            )
            more = ", ..." if bad.size > 3 else ""
            raise ClvDataError(text("models.gg_spend_not_positive", n=bad.size, first=shown + more))

    def fit(self, data, *, weights=None, initial_params=None):
        """Estimate p, q and gamma from repeat customers' frequency and mean spend; returns self.

        Parameters
        ----------
        data : DataFrame
            One row per customer with ``frequency`` and ``monetary_value``; rows with
            frequency 0 are excluded (their number is kept in ``n_excluded_``).
        weights : str or array, optional
            A column name or array of counts: how many customers each row stands for.
        initial_params : sequence of float, optional
            Starting values for p, q, gamma.

        Returns
        -------
        GammaGamma
            The fitted model.

        Examples
        --------
        >>> from clvkit.datasets import load_cdnow_calibration_summary_published
        >>> gg = GammaGamma().fit(load_cdnow_calibration_summary_published())
        >>> gg.params_.round(2).tolist(), gg.n_excluded_
        ([6.25, 3.74, 15.45], 1411)
        """
        frame = as_frame(data, self._what)
        columns = self._validate_columns(frame)
        w = self._weights(frame, weights)
        self._check_repeat_spend(columns, frame)
        repeat = columns["frequency"] > 0
        if not repeat.any():
            raise ClvDataError(text("models.gg_no_repeat", n=len(frame)))
        # The model is scale-free (multiplying every amount by c multiplies gamma by c), but the
        # optimiser's box and start are not: amounts in kopecks or in a currency with many zeros
        # would push gamma to the edge. Fit on amounts divided by their median and scale back.
        scale = float(np.median(columns["monetary_value"][repeat]))
        subset = frame.loc[repeat, list(self._columns)].copy()
        subset["monetary_value"] = columns["monetary_value"][repeat] / scale
        subset.attrs = dict(frame.attrs)
        sub_weights = None if w is None else w[repeat]
        start = None
        if initial_params is not None and np.shape(initial_params) == (3,):
            start = np.asarray(initial_params, dtype=float) / np.array([1.0, 1.0, scale])
        try:
            super().fit(subset, weights=sub_weights, initial_params=initial_params if start is None else start)
        finally:
            self._terms = None  # the fitted rows' logarithms are not kept with the model
        self.params_["gamma"] = self.params_["gamma"] * scale
        # ln f(z) = ln f(z / c) - ln c for each customer: the likelihood of the amounts as given.
        self.log_likelihood_ -= float(self.n_customers_ if w is None else w[repeat].sum()) * math.log(scale)
        self.spend_scale_ = scale
        self.n_excluded_ = round(float((~repeat).sum() if w is None else w[~repeat].sum()))
        return self

    # ------------------------------------------------------------ predictions
    def mean_spend(self) -> float:
        """Population mean transaction value, p gamma / (q - 1).

        When q <= 1 the spread of customers' mean spend has so heavy a tail that the
        mean does not exist; that is refused with a ClvDataError rather than returned
        as infinity.

        Examples
        --------
        >>> round(GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44).mean_spend(), 2)
        35.22
        """
        p, q, gamma = self._param_tuple()
        if not q > 1.0:
            raise ClvDataError(text("models.gg_no_mean", q=q))
        return p * gamma / (q - 1.0)

    def expected_spend(self, data):
        """Expected mean transaction value per customer given their history (FHL 2005, eq. 5).

        ``E[M | x, zbar] = p (gamma + x zbar) / (p x + q - 1)``, shrinking each observed
        mean towards the population mean; customers with frequency 0 get the population
        mean ``p gamma / (q - 1)``.

        Parameters
        ----------
        data : DataFrame
            Columns ``frequency`` and ``monetary_value`` (a clvkit summary), measured in
            the same time unit as the fitted data if that was recorded.

        Returns
        -------
        Series (indexed like `data`) or ndarray, named ``expected_spend``.

        Raises
        ------
        ClvDataError
            When the expected spend of some customer does not exist (p x + q <= 1, which
            needs q < 1): the spend distribution then has no mean.

        Examples
        --------
        >>> import pandas as pd
        >>> gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
        >>> s = pd.DataFrame({"frequency": [0, 2], "monetary_value": [0.0, 20.0]})
        >>> gg.expected_spend(s).round(2).tolist()
        [35.22, 22.74]
        """
        p, q, gamma = self._param_tuple()
        frame = as_frame(data, self._what)
        columns = self._scoring_columns(frame)
        self._check_repeat_spend(columns, frame)
        # The posterior of the customer's rate is Gamma(p x + q, gamma + x zbar); the mean of
        # p / rate exists only when p x + q > 1 (for x = 0: q > 1).
        no_mean = p * columns["frequency"] + q <= 1.0
        if no_mean.any():
            raise ClvDataError(text("models.gg_no_conditional_mean", q=q, n=int(no_mean.sum())))
        values = gammagamma_conditional_mean(p=p, q=q, gamma=gamma, **columns)
        return self._as_series(values, frame, "expected_spend")
