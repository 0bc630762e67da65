"""The public methods shared by the continuous-time purchase models (BG/NBD family).

Each model supplies pure functions for its likelihood, P(alive), expectations and
the distribution of purchase counts; this shell checks arguments, converts horizons
and keeps the customers' index.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import ClvDataError
from ..i18n import text
from ..units import parse_duration
from ._scoring import Histories, distinct_rows
from .base import BaseModel

__all__ = ["TransactionModel"]


def _as_times(name: str, value) -> tuple[np.ndarray, bool]:
    """Float array of non-negative, finite durations and whether the input was a scalar."""
    scalar = np.ndim(value) == 0
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ClvDataError(text("models.times_type", name=name, value=repr(value))) from None
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ClvDataError(text("models.times_range", name=name, value=repr(value)))
    return arr, scalar


class TransactionModel(BaseModel):
    """Shared shell of BGNBD, ParetoNBD and MBGNBD (see those classes).

    Customers with T = 0 are scored but left out of fits (``n_excluded_`` counts them).
    """

    _param_names: tuple[str, ...] = ()
    # T = 0 (first seen on the last day) is a valid history: it is scored, and left out of fits.
    _positive_columns: tuple[str, ...] = ()

    def __init__(self, *, penalizer: float = 0.0, maxiter: int = 2000) -> None:
        super().__init__(penalizer=penalizer, maxiter=maxiter)

    def _fit_rows(self, columns, counts):
        """Leave customers first seen on the last day (T = 0) out of the likelihood, with a counted note.

        Their likelihood is 1 whatever the parameters (nothing could have happened in no
        time), so they carry no information about the purchase process; they are still scored.
        """
        empty = columns["T"] <= 0
        n_empty = float(counts[empty].sum())
        if n_empty > 0:
            if not (~empty).any():
                raise ClvDataError(text("models.all_t_zero", model=type(self).__name__, n=n_empty))
            from ..data.transactions import DataQualityWarning

            warnings.warn(text("models.t_zero_left_out", n=n_empty), DataQualityWarning, stacklevel=3)
            columns = {k: v[~empty] for k, v in columns.items()}
            counts = counts[~empty]
        self.n_excluded_ = round(n_empty)
        return columns, counts

    def _check_identifiable(self, columns, counts):
        super()._check_identifiable(columns, counts)
        if not np.any(columns["frequency"] > 0):
            raise ClvDataError(text("models.no_repeat_buyers", model=type(self).__name__, n=float(counts.sum())))

    # the pure functions of each model, as (params dict, **columns) -> array
    def _log_lik_fn(self, **kw):  # pragma: no cover
        raise NotImplementedError

    def _params(self, params=None) -> dict[str, float]:
        values = self._param_tuple() if params is None else tuple(float(v) for v in params)
        return dict(zip(self._param_names, values))

    def _loglik(self, params, **columns):
        return self._log_lik_fn(
            **self._params(params), x=columns["frequency"], t_x=columns["recency"], T=columns["T"]
        )

    def _horizon(self, t) -> tuple[np.ndarray, bool]:
        if isinstance(t, str):
            unit = getattr(self, "time_unit_", None)
            if unit is None:
                raise ClvDataError(text("models.duration_no_unit", value=repr(t)))
            return np.asarray(parse_duration(t, unit)), True
        return _as_times("t", t)

    # --------------------------------------------------------------- predictions
    def expected_purchases(self, t):
        """Expected number of repeat purchases E[X(t)] of a new customer in (0, t].

        Parameters
        ----------
        t : float, array or str
            Length of the period in the model's time unit, or a duration such as
            "12 months".

        Returns
        -------
        float (for a scalar t) or ndarray.
        """
        self._check_fitted()
        times, scalar = self._horizon(t)
        out = self._expected_fn(**self._params(), t=times)
        return float(out) if scalar else out

    def predict_purchases(self, data, t):
        """Expected purchases in (T, T + t] of each customer given his history.

        Parameters
        ----------
        data : DataFrame
            Summary with columns frequency, recency and T (same time unit as the fit).
        t : float or str
            Length of the future period, in the model's time unit or as "12 months".

        Returns
        -------
        Series indexed like `data` (ndarray for a mapping).
        """
        cols = self._scoring_columns(data)
        times, scalar = self._horizon(t)
        if not scalar:
            raise ClvDataError(text("models.t_scalar", value=repr(t)))
        # rows that share (frequency, recency, T) share the prediction
        (x, t_x, T), inverse = distinct_rows(cols["frequency"], cols["recency"], cols["T"])
        values = self._conditional_fn(**self._params(), x=x, t_x=t_x, T=T, t=float(times))[inverse]
        return self._as_series(values, data, "predicted_purchases")

    def _histories(self, data) -> Histories:
        """Validated histories of the customers in `data`, reduced to distinct rows and (x, T) pairs."""
        cols = self._scoring_columns(data)
        return Histories(cols["frequency"], cols["recency"], cols["T"])

    def _path_parts(self, histories: Histories, grid: np.ndarray, params: dict | None = None):
        """P(alive) per distinct row and active purchases per distinct (x, T) pair over a grid.

        Their product, ``alive[row] * active[pair[row], k]``, is the expected number of
        purchases in (T, T + grid[k]] of every distinct row; the 2F1 work is done once per
        (x, T) pair and grid point, without sorting again for each grid point.

        Parameters
        ----------
        histories : Histories
            From :meth:`_histories`.
        grid : ndarray
            Horizons >= 0 in the model's time unit.
        params : dict, optional
            Parameters to use instead of the fitted ones (for draws).

        Returns
        -------
        (ndarray of shape (rows,), ndarray of shape (pairs, len(grid)))
        """
        params = self._params() if params is None else params
        h = histories
        alive = np.asarray(self._alive_fn(**params, x=h.x, t_x=h.t_x, T=h.T), dtype=float)
        grid = np.asarray(grid, dtype=float)
        active = np.zeros((len(h.pair_x), len(grid)))
        positive = grid > 0
        if positive.any():
            times = grid[positive][None, :]
            # bound the memory of the broadcast arrays (and of the quadrature inside)
            rows_per_chunk = max(1, 2_000_000 // len(grid))
            for lo in range(0, len(h.pair_x), rows_per_chunk):
                x = h.pair_x[lo:lo + rows_per_chunk, None]
                T = h.pair_T[lo:lo + rows_per_chunk, None]
                active[lo:lo + rows_per_chunk, positive] = self._active_fn(
                    **params, x=x, T=T, t=times, distinct=True
                )
        return alive, active

    def probability_alive(self, data):
        """Probability that each customer is still active at the end of his history, T.

        Parameters
        ----------
        data : DataFrame
            Summary with columns frequency, recency and T (same time unit as the fit).

        Returns
        -------
        Series of probabilities in [0, 1] indexed like `data`.
        """
        cols = self._scoring_columns(data)
        values = self._alive_fn(**self._params(), x=cols["frequency"], t_x=cols["recency"], T=cols["T"])
        return self._as_series(values, data, "probability_alive")

    def probability_of_purchases(self, n, t):
        """P(X(t) = n): probability that a new customer makes n repeat purchases in (0, t].

        Parameters
        ----------
        n : int or array of int
            Numbers of repeat purchases (>= 0).
        t : float or str
            Length of the period, in the model's time unit or as "12 months".

        Returns
        -------
        float (scalar n) or ndarray.
        """
        self._check_fitted()
        counts = np.asarray(n)
        if (
            not np.issubdtype(counts.dtype, np.number)
            or np.any(~np.isfinite(counts))
            or np.any(counts < 0)
            or np.any(counts != np.round(counts))
        ):
            raise ClvDataError(text("models.n_whole", value=repr(n)))
        times, _ = self._horizon(t)
        out = self._pmf_fn(**self._params(), n=counts.astype(float), t=times)
        return float(out) if np.ndim(out) == 0 else out
