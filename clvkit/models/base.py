"""The shape every clvkit model shares.

A model is a thin shell around pure likelihood functions: a keyword-only
constructor stores options, ``fit`` validates and compresses the data, maximises the
log-likelihood over log-parameters with a gradient-based optimiser and returns
``self``; fitted state ends in ``_``. Standard errors come from the numerical Hessian
of the total log-likelihood on the log scale, so intervals never cross zero.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .._checks import check_number
from .._validate import validate_summary
from ..errors import ClvDataError, ConvergenceWarning, NotFittedError
from ..units import require_same_unit

__all__ = ["BaseModel", "compress_rows", "numerical_hessian", "hessian_from_gradient"]


def compress_rows(
    arrays: dict[str, np.ndarray], weights: np.ndarray | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Collapse identical rows into one row each with a count (the sum of weights).

    CDNOW's 2,357 customers become about 1,500 distinct (frequency, recency, T) rows;
    a million simulated customers with weekly data compress far more.
    """
    names = list(arrays)
    stacked = np.column_stack([arrays[n] for n in names])
    # lexsort + run boundaries gives np.unique(axis=0)'s rows and order, about 10x faster
    order = np.lexsort(stacked.T[::-1])
    ranked = stacked[order]
    starts = np.ones(len(ranked), dtype=bool)
    starts[1:] = np.any(ranked[1:] != ranked[:-1], axis=1)
    unique = ranked[starts]
    w = np.ones(len(stacked)) if weights is None else np.asarray(weights, dtype=float)
    counts = np.bincount(np.cumsum(starts) - 1, weights=w[order], minlength=len(unique))
    return {n: unique[:, i] for i, n in enumerate(names)}, counts


def numerical_hessian(f: Callable[[np.ndarray], float], x: np.ndarray, step: float = 1e-4) -> np.ndarray:
    """Central-difference Hessian of a scalar function `f` at `x`."""
    x = np.asarray(x, dtype=float)
    k = len(x)
    h = step * np.maximum(1.0, np.abs(x))
    hess = np.empty((k, k))
    f0 = f(x)
    for i in range(k):
        ei = np.zeros(k)
        ei[i] = h[i]
        hess[i, i] = (f(x + ei) - 2.0 * f0 + f(x - ei)) / h[i] ** 2
        for j in range(i + 1, k):
            ej = np.zeros(k)
            ej[j] = h[j]
            value = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4.0 * h[i] * h[j])
            hess[i, j] = hess[j, i] = value
    return hess


def hessian_from_gradient(grad: Callable[[np.ndarray], np.ndarray], x: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """Central differences of an analytic gradient (2k gradient calls instead of ~2k^2 function calls)."""
    x = np.asarray(x, dtype=float)
    k = len(x)
    h = step * np.maximum(1.0, np.abs(x))
    hess = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h[i]
        hess[:, i] = (grad(x + e) - grad(x - e)) / (2.0 * h[i])
    return (hess + hess.T) / 2.0


class BaseModel:
    """Common machinery: validation, compression, log-scale optimisation, inference.

    Subclasses set ``_param_names`` and ``_columns`` and implement
    ``_loglik(params, **columns) -> per-row log-likelihood`` and
    ``_initial_params(columns, counts) -> positive starting values``. They may
    implement ``_loglik_grad_log`` (gradient of the weighted total w.r.t. log-params)
    and ``_extra_checks(columns, frame)``.
    """

    _param_names: tuple[str, ...] = ()
    _columns: tuple[str, ...] = ("frequency", "recency", "T")
    _integer_columns: tuple[str, ...] = ("frequency",)
    _ordered_columns: tuple[tuple[str, str], ...] = (("recency", "T"),)
    _positive_columns: tuple[str, ...] = ("T",)
    _what = "summary"

    def __init__(self, *, penalizer: float = 0.0, maxiter: int = 2000) -> None:
        self.penalizer = penalizer
        self.maxiter = maxiter

    # ------------------------------------------------------------------ helpers
    def __repr__(self) -> str:
        name = type(self).__name__
        if not hasattr(self, "params_"):
            return f"{name}(penalizer={self.penalizer!r})"
        inner = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"{name}({inner}; fitted on {self.n_customers_:,} customers)"

    def _check_fitted(self) -> None:
        if not hasattr(self, "params_"):
            raise NotFittedError(type(self).__name__)

    def _validate_columns(self, data, *, what: str | None = None) -> dict[str, np.ndarray]:
        what = what or self._what
        cols = validate_summary(
            data,
            self._columns,
            integer=self._integer_columns,
            positive=self._positive_columns,
            ordered=self._ordered_columns,
            what=what,
        )
        self._extra_checks(cols, data)
        return cols

    def _extra_checks(self, columns: dict[str, np.ndarray], frame) -> None:
        """Model-specific checks beyond the shared ones (override when needed)."""
        frequency, recency = columns.get("frequency"), columns.get("recency")
        if frequency is not None and recency is not None:
            bad = (frequency == 0) & (recency > 0)
            if bad.any():
                first = ", ".join(repr(frame.index[i]) for i in np.flatnonzero(bad)[:3])
                raise ClvDataError(
                    f"{int(bad.sum())} customers have frequency 0 but recency > 0 (first: {first}); "
                    f"recency is the time from the first to the last purchase, so it is 0 without "
                    f"repeat purchases: recompute the summary with clvkit.summarize."
                )

    def _scoring_columns(self, data) -> dict[str, np.ndarray]:
        """Validate data to be scored and make sure it is measured in the fitted unit."""
        self._check_fitted()
        if isinstance(data, pd.DataFrame):
            require_same_unit(self.time_unit_, data.attrs.get("time_unit"), what="summary")
        return self._validate_columns(data)

    @staticmethod
    def _weights(data, weights) -> np.ndarray | None:
        if weights is None:
            return None
        if isinstance(weights, str):
            if not isinstance(data, pd.DataFrame) or weights not in data.columns:
                raise ClvDataError(f"weights={weights!r} names no column of the data.")
            w = pd.to_numeric(data[weights], errors="coerce").to_numpy(dtype=float)
        else:
            w = np.asarray(weights, dtype=float)
        if w.shape != (len(data),) or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ClvDataError(
                "weights must hold one finite, non-negative number per row of the data "
                f"({len(data)} rows)."
            )
        return w

    # ------------------------------------------------------------- the interface
    def _loglik(self, params: np.ndarray, **columns: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def _initial_params(self, columns: dict[str, np.ndarray], counts: np.ndarray) -> np.ndarray:
        return np.ones(len(self._param_names))

    _loglik_grad_log: Callable | None = None
    # opt-in: differentiate the analytic gradient for the Hessian (for costly likelihoods)
    _hessian_from_gradient: bool = False

    def fit(self, data, *, weights=None, initial_params=None):
        """Estimate the parameters by maximum likelihood; returns self.

        Parameters
        ----------
        data : DataFrame
            One row per customer with the model's columns.
        weights : str or array, optional
            A column name or array of counts: how many customers each row stands for.
        initial_params : sequence of float, optional
            Starting values in the order of the model's parameters.
        """
        check_number("penalizer", self.penalizer, low=0.0)
        columns = self._validate_columns(data)
        w = self._weights(data, weights)
        compressed, counts = compress_rows(columns, w)
        if initial_params is None:
            start = np.asarray(self._initial_params(compressed, counts), dtype=float)
        else:
            start = np.asarray(initial_params, dtype=float)
            if start.shape != (len(self._param_names),) or not np.all(start > 0):
                raise ClvDataError(
                    f"initial_params must be {len(self._param_names)} positive numbers "
                    f"({', '.join(self._param_names)}); got {initial_params!r}."
                )
        n = counts.sum()
        penalizer = float(self.penalizer)

        def total_ll(log_params: np.ndarray) -> float:
            with np.errstate(all="ignore"):
                ll = self._loglik(np.exp(log_params), **compressed)
            value = float(np.dot(counts, ll))
            return value if np.isfinite(value) else -np.inf

        def objective(log_params: np.ndarray) -> float:
            value = total_ll(log_params)
            if not np.isfinite(value):
                return 1e100
            return -value / n + penalizer * float(np.sum(np.exp(log_params) ** 2))

        jac = None
        if self._loglik_grad_log is not None:

            def jac(log_params: np.ndarray) -> np.ndarray:
                with np.errstate(all="ignore"):
                    g = self._loglik_grad_log(np.exp(log_params), counts=counts, **compressed)
                g = -np.asarray(g) / n + penalizer * 2.0 * np.exp(log_params) ** 2
                return np.where(np.isfinite(g), g, 0.0)

        result = optimize.minimize(
            objective,
            np.log(start),
            jac=jac,
            method="L-BFGS-B",
            bounds=[(-20.0, 20.0)] * len(start),
            options={"maxiter": self.maxiter, "gtol": 1e-9, "ftol": 1e-13},
        )
        self.optimizer_result_ = result
        self.converged_ = bool(result.success and np.isfinite(result.fun))
        if not self.converged_:
            warnings.warn(
                f"{type(self).__name__} did not converge ({result.message}); the estimates may be "
                f"unreliable: inspect .optimizer_result_, try initial_params or a small penalizer.",
                ConvergenceWarning,
                stacklevel=2,
            )
        log_params = result.x
        self.params_ = pd.Series(np.exp(log_params), index=list(self._param_names), name="estimate")
        self.log_likelihood_ = total_ll(log_params)
        self.n_customers_ = int(round(n))
        self.time_unit_ = data.attrs.get("time_unit") if isinstance(data, pd.DataFrame) else None
        if self._hessian_from_gradient and self._loglik_grad_log is not None:

            def total_grad(log_params: np.ndarray) -> np.ndarray:
                with np.errstate(all="ignore"):
                    g = self._loglik_grad_log(np.exp(log_params), counts=counts, **compressed)
                return np.asarray(g, dtype=float)

            self._log_hessian = hessian_from_gradient(total_grad, log_params)
        else:
            self._log_hessian = numerical_hessian(total_ll, log_params)
        return self

    # ----------------------------------------------------------------- inference
    def _log_covariance(self) -> np.ndarray:
        self._check_fitted()
        info = -self._log_hessian
        try:
            cov = np.linalg.inv(info)
        except np.linalg.LinAlgError:
            cov = np.full_like(info, np.nan)
        if not np.all(np.isfinite(np.diag(cov))) or np.any(np.diag(cov) < 0):
            warnings.warn(
                f"The Hessian of {type(self).__name__} is not invertible at the estimate, so "
                f"standard errors are not available; the model may be over-parameterised for "
                f"this data.",
                ConvergenceWarning,
                stacklevel=3,
            )
            cov = np.where(np.eye(len(info), dtype=bool) & ~(np.diag(cov) >= 0), np.nan, cov)
        return cov

    @property
    def standard_errors_(self) -> pd.Series:
        """Standard errors of the parameters (delta method from the log scale)."""
        cov = self._log_covariance()
        se = self.params_.to_numpy() * np.sqrt(np.diag(cov))
        return pd.Series(se, index=self.params_.index, name="se")

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """Estimates with standard errors and confidence intervals built on the log scale.

        Parameters
        ----------
        level : float
            Confidence level of the interval, between 0 and 1.

        Returns
        -------
        DataFrame with columns estimate, se, ci_low, ci_high (one row per parameter).
        """
        self._check_fitted()
        check_number("level", level, low=0.0, high=1.0, low_open=True, high_open=True)
        cov = self._log_covariance()
        se_log = np.sqrt(np.diag(cov))
        z = stats.norm.ppf(0.5 + level / 2.0)
        est = self.params_.to_numpy()
        return pd.DataFrame(
            {
                "estimate": est,
                "se": est * se_log,
                "ci_low": est * np.exp(-z * se_log),
                "ci_high": est * np.exp(z * se_log),
            },
            index=pd.Index(self.params_.index, name="parameter"),
        )

    def _param_tuple(self) -> tuple[float, ...]:
        self._check_fitted()
        return tuple(float(v) for v in self.params_.to_numpy())

    @staticmethod
    def _as_series(values: np.ndarray, data, name: str) -> pd.Series | np.ndarray:
        """Per-customer results keep the customers' index when given a DataFrame."""
        if isinstance(data, pd.DataFrame):
            return pd.Series(values, index=data.index, name=name)
        return values

    def _check_params_given(self, params: Sequence[float] | None) -> None:
        """Allow constructing a model from known parameters (e.g. published ones)."""
        if params is not None and len(params) != len(self._param_names):
            raise ClvDataError(
                f"{type(self).__name__} takes {len(self._param_names)} parameters "
                f"({', '.join(self._param_names)}); got {len(params)}."
            )

    @classmethod
    def from_params(cls, time_unit: str | None = None, **params: float):
        """A model with given parameters (e.g. published estimates), ready to predict.

        Example
        -------
        >>> from clvkit.models import BGNBD
        >>> m = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426, time_unit="W")
        """
        missing = [p for p in cls._param_names if p not in params]
        extra = [p for p in params if p not in cls._param_names]
        if missing or extra:
            raise ClvDataError(
                f"{cls.__name__}.from_params needs exactly {', '.join(cls._param_names)}; "
                f"missing {missing or 'none'}, unexpected {extra or 'none'}."
            )
        for name, value in params.items():
            check_number(name, value, low=0.0, low_open=True)
        model = cls()
        model.params_ = pd.Series([float(params[p]) for p in cls._param_names], index=list(cls._param_names), name="estimate")
        model.time_unit_ = time_unit
        model.n_customers_ = 0
        model.converged_ = True
        model.log_likelihood_ = float("nan")
        model._log_hessian = np.full((len(cls._param_names),) * 2, np.nan)
        return model
