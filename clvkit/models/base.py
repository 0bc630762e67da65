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
from .._checks import validate_summary
from ..errors import ClvDataError, ConvergenceWarning, NotFittedError
from ..i18n import text, unit_label
from ..units import require_same_unit

__all__ = ["BaseModel", "MIN_CUSTOMERS", "compress_rows", "numerical_hessian", "hessian_from_gradient"]

#: Fewest customers (after leaving out those without information) a fit accepts. With
#: fewer, the four parameters of a purchase model are fitted to noise: a single customer
#: gives alpha near 1e8 and predictions near 1e-9 with no complaint.
MIN_CUSTOMERS = 10

# Log-parameters live in [-20, 20] (parameters between 2e-9 and 5e8): an estimate at the
# edge means the data push the parameter to zero or infinity, not that it was found.
_LOG_BOUND = 20.0
# Beyond e^15 (3e6) or below e^-15 (3e-7) an estimate is not measured but running off
# towards the edge along a flat likelihood (no real customer base gives such values in
# any time unit, and spend is rescaled before fitting): the fit warns about it.
_RUNAWAY = 15.0
# A fit counts as converged when the largest derivative of the mean log-likelihood per
# customer (with respect to the log-parameters) is below this, relative to the mean itself;
# the Newton polish usually brings it to 1e-10 or below.
_GRADIENT_TOL = 1e-6


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


def hessian_from_gradient(
    grad: Callable[[np.ndarray], np.ndarray], x: np.ndarray, step: float = 1e-5, *, at_x: np.ndarray | None = None
) -> np.ndarray:
    """Differences of an analytic gradient (2k gradient calls instead of ~2k^2 function calls).

    Central differences by default (error O(step^2), what standard errors need). Given the
    gradient at `x` as `at_x`, forward differences instead: k calls, error O(step), enough
    for the Newton steps of `_polish`, whose answer does not depend on the Hessian's last digits.
    """
    x = np.asarray(x, dtype=float)
    k = len(x)
    h = step * np.maximum(1.0, np.abs(x))
    hess = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h[i]
        if at_x is None:
            hess[:, i] = (grad(x + e) - grad(x - e)) / (2.0 * h[i])
        else:
            hess[:, i] = (grad(x + e) - at_x) / h[i]
    return (hess + hess.T) / 2.0


def _central_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """Central-difference gradient of `f` at `x` (error near 1e-10 for smooth, O(1) functions)."""
    x = np.asarray(x, dtype=float)
    h = 6e-6 * np.maximum(1.0, np.abs(x))
    g = np.empty_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h[i]
        g[i] = (f(x + e) - f(x - e)) / (2.0 * h[i])
    return g


def _relative_norm(g: np.ndarray, f: float, free: np.ndarray) -> float:
    """Largest derivative over the parameters that are not at a bound, relative to |f| (at least 1)."""
    return float(np.max(np.abs(g[free]), initial=0.0) / max(1.0, abs(f)))


def _positive_definite(matrix: np.ndarray) -> bool:
    if not np.all(np.isfinite(matrix)):
        return False
    try:
        np.linalg.cholesky((matrix + matrix.T) / 2.0)
    except np.linalg.LinAlgError:
        return False
    return True


def _clearly_positive_definite(matrix: np.ndarray, ratio: float = 1e-4) -> bool:
    """Positive definite with a margin: the smallest eigenvalue is at least `ratio` times the largest."""
    if not np.all(np.isfinite(matrix)):
        return False
    eigen = np.linalg.eigvalsh((matrix + matrix.T) / 2.0)
    return bool(eigen[0] >= ratio * eigen[-1] > 0.0)


def _polish(objective, jac, x: np.ndarray, iterations: int = 8) -> tuple[np.ndarray, float, np.ndarray | None]:
    """Newton steps from an optimiser's answer until the gradient is as small as the arithmetic allows.

    L-BFGS-B stops on a relative decrease of the objective, which can leave the gradient
    near 1e-7: the last printed digits of the estimates then depend on the CPU's
    floating-point path. A few Newton steps with a finite-difference Hessian of the
    gradient take it to 1e-10 or below; a step is kept only if it does not raise the
    objective beyond rounding and it shrinks the gradient. Parameters at a bound stay there.

    Returns
    -------
    (x, relative gradient norm at x over the free parameters, the last Hessian of the
    objective computed on the way (free parameters only; None when no step was tried))
    """
    free = np.abs(x) < _LOG_BOUND - 1e-3
    f, g = objective(x), jac(x)
    norm = _relative_norm(g, f, free)
    hess = None
    for _ in range(iterations):
        if norm <= 1e-11 or not free.any():
            break
        hess = hessian_from_gradient(jac, x, at_x=g)[np.ix_(free, free)]
        if not _positive_definite(hess):
            break
        step = np.zeros_like(x)
        step[free] = -np.linalg.solve(hess, g[free])
        step = np.clip(step, -1.0, 1.0)  # a Newton step is for the last digits, not for travel
        x_new = np.clip(x + step, -_LOG_BOUND, _LOG_BOUND)
        f_new = objective(x_new)
        if not f_new <= f + 1e-13 * max(1.0, abs(f)):
            break
        g_new = jac(x_new)
        norm_new = _relative_norm(g_new, f_new, free)
        if not norm_new < norm:
            break
        x, f, g, norm = x_new, f_new, g_new, norm_new
    return x, norm, hess


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
    _min_customers = MIN_CUSTOMERS
    _timed = True  # whether the columns are durations measured in a time unit

    def __init__(self, *, penalizer: float = 0.0, maxiter: int = 2000) -> None:
        self.penalizer = penalizer
        self.maxiter = maxiter

    # ------------------------------------------------------------------ helpers
    def __repr__(self) -> str:
        name = type(self).__name__
        if not hasattr(self, "params_"):
            return f"{name}(penalizer={self.penalizer!r})"
        inner = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return text("models.repr_fitted", model=name, params=inner, n=self.n_customers_)

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
                raise ClvDataError(text("models.recency_without_repeat", n=int(bad.sum()), first=first))

    def _scoring_columns(self, data) -> dict[str, np.ndarray]:
        """Validate data to be scored and make sure it is measured in the fitted unit."""
        self._check_fitted()
        if isinstance(data, pd.DataFrame):
            recorded = data.attrs.get("time_unit")
            require_same_unit(self.time_unit_, recorded)
            if recorded is None and self.time_unit_ is not None and self._timed:
                warnings.warn(
                    text("models.no_time_unit", model=type(self).__name__, unit=unit_label(self.time_unit_),
                         code=repr(self.time_unit_)),
                    UserWarning,
                    stacklevel=3,
                )
        return self._validate_columns(data)

    @staticmethod
    def _weights(data, weights) -> np.ndarray | None:
        if weights is None:
            return None
        if isinstance(weights, str):
            if not isinstance(data, pd.DataFrame) or weights not in data.columns:
                raise ClvDataError(text("models.weights_no_column", value=repr(weights)))
            w = pd.to_numeric(data[weights], errors="coerce").to_numpy(dtype=float)
        else:
            w = np.asarray(weights, dtype=float)
        if w.shape != (len(data),) or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ClvDataError(text("models.weights_bad", n=len(data)))
        return w

    # ------------------------------------------------------------- the interface
    def _loglik(self, params: np.ndarray, **columns: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def _initial_params(self, columns: dict[str, np.ndarray], counts: np.ndarray) -> np.ndarray:
        return np.ones(len(self._param_names))

    _loglik_grad_log: Callable | None = None
    # opt-in: differentiate the analytic gradient for the Hessian (for costly likelihoods)
    _hessian_from_gradient: bool = False

    def _fit_rows(self, columns: dict[str, np.ndarray], counts: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """The compressed rows that enter the likelihood (override to leave out rows without information)."""
        return columns, counts

    def _check_identifiable(self, columns: dict[str, np.ndarray], counts: np.ndarray) -> None:
        """Refuse data that cannot pin the parameters down (override to add model-specific checks)."""
        n = float(counts.sum())
        if n < self._min_customers:
            raise ClvDataError(
                text("models.too_few_customers", model=type(self).__name__, n=n, minimum=self._min_customers)
            )

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

        Returns
        -------
        self
            With ``params_``, ``log_likelihood_``, ``converged_``, ``gradient_norm_``
            (largest derivative of the mean log-likelihood per customer with respect to
            the log-parameters at the estimate) and ``optimizer_result_``.

        Raises
        ------
        ClvDataError
            When the data cannot identify the model: fewer than ``MIN_CUSTOMERS``
            customers, and model-specific cases (no repeat buyer, no cancellation).

        Warns
        -----
        ConvergenceWarning
            When the optimiser fails, an estimate runs off towards 0 or infinity, or the
            Hessian at the estimate is not positive definite (standard errors unreliable).
        """
        check_number("penalizer", self.penalizer, low=0.0)
        columns = self._validate_columns(data)
        w = self._weights(data, weights)
        compressed, counts = compress_rows(columns, w)
        compressed, counts = self._fit_rows(compressed, counts)
        self._check_identifiable(compressed, counts)
        if initial_params is None:
            start = np.asarray(self._initial_params(compressed, counts), dtype=float)
        else:
            start = np.asarray(initial_params, dtype=float)
            if start.shape != (len(self._param_names),) or not np.all(start > 0):
                raise ClvDataError(
                    text(
                        "models.initial_params",
                        k=len(self._param_names),
                        names=", ".join(self._param_names),
                        value=repr(initial_params),
                    )
                )
        n = counts.sum()
        penalizer = float(self.penalizer)

        last: dict[bytes, float] = {}

        def total_ll(log_params: np.ndarray) -> float:
            # The polish, the finite check and log_likelihood_ ask again for points the
            # optimiser has just evaluated; one remembered point saves those passes.
            key = np.asarray(log_params, dtype=float).tobytes()
            if key in last:
                return last[key]
            with np.errstate(all="ignore"):
                ll = self._loglik(np.exp(log_params), **compressed)
            value = float(np.dot(counts, ll))
            value = value if np.isfinite(value) else -np.inf
            last.clear()
            last[key] = value
            return value

        def objective(log_params: np.ndarray) -> float:
            value = total_ll(log_params)
            if not np.isfinite(value):
                return 1e100
            return -value / n + penalizer * float(np.sum(np.exp(log_params) ** 2))

        if self._loglik_grad_log is not None:

            def jac(log_params: np.ndarray) -> np.ndarray:
                with np.errstate(all="ignore"):
                    g = self._loglik_grad_log(np.exp(log_params), counts=counts, **compressed)
                g = -np.asarray(g) / n + penalizer * 2.0 * np.exp(log_params) ** 2
                return np.where(np.isfinite(g), g, 0.0)

        else:

            def jac(log_params: np.ndarray) -> np.ndarray:
                # Central differences: forward differences carry errors near 1e-7, which stalls
                # the line search close to the optimum (the result then depends on the CPU's
                # floating-point path).
                return _central_gradient(objective, log_params)

        bounds = [(-_LOG_BOUND, _LOG_BOUND)] * len(start)
        options = {"maxiter": self.maxiter, "gtol": 1e-10, "ftol": 1e-15}
        result = optimize.minimize(objective, np.log(start), jac=jac, method="L-BFGS-B", bounds=bounds, options=options)
        log_params, grad_norm, polish_hessian = _polish(objective, jac, np.asarray(result.x, dtype=float))
        if not (result.success or grad_norm <= _GRADIENT_TOL):
            # Restart from where L-BFGS-B stopped with a derivative-free method, then polish again.
            retry = optimize.minimize(
                objective, log_params, method="Nelder-Mead", bounds=bounds,
                options={"maxiter": 200 * len(start), "xatol": 1e-10, "fatol": 1e-14},
            )
            retry = optimize.minimize(objective, retry.x, jac=jac, method="L-BFGS-B", bounds=bounds, options=options)
            candidate, candidate_norm, candidate_hessian = _polish(objective, jac, np.asarray(retry.x, dtype=float))
            if objective(candidate) <= objective(log_params):
                result, log_params, grad_norm, polish_hessian = retry, candidate, candidate_norm, candidate_hessian
        self.optimizer_result_ = result
        at_bound = np.abs(log_params) >= _LOG_BOUND - 1e-3
        running_away = np.abs(log_params) >= _RUNAWAY
        finite = bool(np.isfinite(objective(log_params)) and objective(log_params) < 1e99)
        self.converged_ = bool(finite and (result.success or grad_norm <= _GRADIENT_TOL or at_bound.any()))
        self.gradient_norm_ = float(grad_norm)
        name = type(self).__name__
        if not self.converged_:
            warnings.warn(
                text("models.not_converged", model=name, message=str(result.message), norm=f"{grad_norm:.1e}"),
                ConvergenceWarning,
                stacklevel=2,
            )
        self.params_ = pd.Series(np.exp(log_params), index=list(self._param_names), name="estimate")
        self.log_likelihood_ = total_ll(log_params)
        self.n_customers_ = int(round(n))
        self.time_unit_ = data.attrs.get("time_unit") if isinstance(data, pd.DataFrame) else None
        if self._hessian_from_gradient and self._loglik_grad_log is not None:
            # The Hessian for the standard errors costs 2k gradient passes; it is computed when
            # first asked for (standard errors, summary, CLV ranges), not with every fit.
            self._log_hessian_value = None
            self._hessian_inputs = (log_params, compressed, counts)
            # The polish's Hessian (forward differences, error near 1e-5 of its largest entry, a
            # Newton step away) settles a clearly curved likelihood: smallest eigenvalue above
            # 1e-4 of the largest (well-identified fits on CDNOW sit near 1e-3). A flatter one,
            # or none, is decided on the exact Hessian.
            likely_pd = (
                polish_hessian is not None and penalizer == 0.0 and polish_hessian.shape == (len(log_params),) * 2
                and _clearly_positive_definite(polish_hessian)
            )
        else:
            self._log_hessian_value = numerical_hessian(total_ll, log_params)
            self._hessian_inputs = None
            likely_pd = False
        if running_away.any():
            names = ", ".join(p for p, hit in zip(self._param_names, running_away) if hit)
            warnings.warn(text("models.at_bound", model=name, names=names), ConvergenceWarning, stacklevel=2)
        elif self.converged_ and not likely_pd and not _positive_definite(-self._log_hessian):
            warnings.warn(text("models.hessian_not_pd", model=name), ConvergenceWarning, stacklevel=2)
        return self

    @property
    def _log_hessian(self) -> np.ndarray:
        """Hessian of the total log-likelihood with respect to the log-parameters at the estimate."""
        if getattr(self, "_log_hessian_value", None) is None and getattr(self, "_hessian_inputs", None) is not None:
            log_params, compressed, counts = self._hessian_inputs

            def total_grad(x: np.ndarray) -> np.ndarray:
                with np.errstate(all="ignore"):
                    g = self._loglik_grad_log(np.exp(x), counts=counts, **compressed)
                return np.asarray(g, dtype=float)

            self._log_hessian_value = hessian_from_gradient(total_grad, log_params)
            self._hessian_inputs = None
        return self._log_hessian_value

    @_log_hessian.setter
    def _log_hessian(self, value: np.ndarray) -> None:
        self._log_hessian_value = value
        self._hessian_inputs = None

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
                text("models.hessian_not_invertible", model=type(self).__name__),
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
                text("models.n_params", model=type(self).__name__, k=len(self._param_names),
                     names=", ".join(self._param_names), got=len(params))
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
                text("models.from_params", model=cls.__name__, names=", ".join(cls._param_names),
                     missing=", ".join(missing) or "–", extra=", ".join(extra) or "–")
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
