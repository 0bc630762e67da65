"""Checking forecasts of holdout purchases against what customers really did.

A model fitted on a calibration period forecasts each customer's purchases in the
holdout period that follows; :func:`holdout_errors` scores any number of such
forecasts on the same customers (error of the total, mean absolute and root mean
squared error per customer), and :func:`naive_baselines` gives the two spreadsheet
rules every model should beat. Fader, Hardie & Lee (2005) judge BG/NBD on CDNOW in
exactly this way.

No plotting here: the tables behind the charts of a validation (tracking, conditional
expectations by frequency, predicted vs actual) are in :mod:`clvkit.diagnostics`, and
:mod:`clvkit.plots` draws them. Argument and table checks are :mod:`clvkit._checks`.

References
----------
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy
way: an alternative to the Pareto/NBD model. Marketing Science, 24(2), 275-284.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._checks import validate_summary
from .errors import ClvDataError
from .i18n import text

__all__ = ["holdout_errors", "naive_baselines"]


def holdout_errors(forecasts, actual, *, baselines: Sequence[str] | None = None) -> pd.DataFrame:
    """Error of each forecast of holdout purchases: in total and per customer.

    Parameters
    ----------
    forecasts : mapping of str to Series, array or number
        Forecast name -> each customer's predicted holdout purchases, in the order of
        `actual` (a Series is matched to a Series `actual` by customer, so its order
        does not matter; a single number is everybody's forecast). A DataFrame with one
        column per forecast works too.
    actual : Series or array
        Each customer's actual holdout purchases, e.g. ``holdout["frequency_holdout"]``.
    baselines : sequence of str, optional
        Names of forecasts that are naive baselines (e.g. ``["own", "average"]``); adds
        the column ``mae_vs_best_baseline``.

    Returns
    -------
    DataFrame
        One row per forecast, in the given order, with columns

        - ``total``: forecast total over all customers;
        - ``total_error_pct``: signed error of the total in percent of the actual total
          (+10 = the forecast is 10% too high);
        - ``mae``: mean absolute error per customer, mean of ``|forecast - actual|``;
        - ``rmse``: root mean squared error per customer (punishes big misses more);
        - ``mae_vs_best_baseline`` (with `baselines`): the forecast's mae divided by the
          smallest mae of the baselines (0.8 = 20% smaller error than the best baseline;
          NaN when a baseline is exact).

        ``attrs["actual_total"]`` and ``attrs["customers"]`` hold the actual total and
        the number of customers.

    Examples
    --------
    >>> e = holdout_errors({"model": [1.0, 3.0], "flat": 2.0}, [2.0, 2.0])
    >>> e.loc["model", ["total", "total_error_pct", "mae"]].tolist()
    [4.0, 0.0, 1.0]

    References
    ----------
    Fader, Hardie & Lee (2005), section 5: totals and per-customer comparisons on the
    CDNOW holdout.
    """
    truth, index = _actual(actual)
    if isinstance(forecasts, pd.DataFrame):
        forecasts = dict(forecasts.items())
    if not isinstance(forecasts, Mapping) or len(forecasts) == 0:
        raise ClvDataError(text("validation.forecasts", type=type(forecasts).__name__))
    rows = {}
    actual_total = float(truth.sum())
    for name, forecast in forecasts.items():
        values = _aligned(name, forecast, truth.size, index)
        error = values - truth
        total = float(values.sum())
        rows[name] = {
            "total": total,
            "total_error_pct": 100.0 * (total - actual_total) / actual_total if actual_total else np.nan,
            "mae": float(np.mean(np.abs(error))),
            "rmse": float(np.sqrt(np.mean(error**2))),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "forecast"
    if baselines is not None:
        names = [baselines] if isinstance(baselines, str) else list(baselines)
        unknown = [b for b in names if b not in out.index]
        if not names or unknown:
            raise ClvDataError(text("validation.baselines", names=list(out.index), value=repr(names)))
        best = float(out.loc[names, "mae"].min())
        out["mae_vs_best_baseline"] = out["mae"] / best if best > 0 else np.nan
    out.attrs["actual_total"] = actual_total
    out.attrs["customers"] = int(truth.size)
    return out


def naive_baselines(calibration: pd.DataFrame, holdout: pd.DataFrame) -> pd.DataFrame:
    """The two spreadsheet forecasts of holdout purchases a model has to beat.

    - ``own``: each customer keeps buying at their own calibration rate,
      ``frequency / T * duration_holdout`` (0 for a customer with T = 0, who has had no
      time to repeat);
    - ``average``: everybody buys at the average rate of the whole base, total repeat
      purchases over total time observed, ``sum(frequency) / sum(T) * duration_holdout``.

    Both ignore that customers leave, which is what the probability models add.

    Parameters
    ----------
    calibration : DataFrame
        The calibration summary (frequency, T), e.g. from
        :func:`clvkit.split_calibration_holdout`.
    holdout : DataFrame
        The holdout frame for the same customers in the same order (duration_holdout).

    Returns
    -------
    DataFrame
        Index the customers of `calibration`; columns own and average (forecast
        holdout purchases).

    Examples
    --------
    >>> cal = pd.DataFrame({"frequency": [2, 0], "T": [10.0, 30.0]})
    >>> hold = pd.DataFrame({"duration_holdout": [20.0, 20.0]})
    >>> naive_baselines(cal, hold).round(2).to_dict("list")
    {'own': [4.0, 0.0], 'average': [1.0, 1.0]}
    """
    cal = validate_summary(calibration, ["frequency", "T"], what="calibration summary", ordered=())
    hold = validate_summary(holdout, ["duration_holdout"], integer=(), what="holdout frame", ordered=())
    if len(calibration) != len(holdout) or not calibration.index.equals(holdout.index):
        raise ClvDataError(text("validation.same_customers"))
    frequency, T, duration = cal["frequency"], cal["T"], hold["duration_holdout"]
    own = np.divide(frequency, T, out=np.zeros_like(frequency), where=T > 0) * duration
    total_T = float(T.sum())
    pooled = float(frequency.sum()) / total_T if total_T > 0 else 0.0
    return pd.DataFrame({"own": own, "average": pooled * duration}, index=calibration.index)


# ----------------------------------------------------------------- helpers
def _actual(actual):
    """Actual holdout purchases as a float array, with the customer index when there is one."""
    index = actual.index if isinstance(actual, pd.Series) else None
    try:
        values = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        raise ClvDataError(text("validation.actual_numbers", type=type(actual).__name__)) from None
    if values.ndim != 1 or values.size == 0:
        raise ClvDataError(text("validation.actual_shape", shape=values.shape))
    if not np.all(np.isfinite(values)):
        raise ClvDataError(text("validation.actual_missing", n=int((~np.isfinite(values)).sum())))
    return values, index


def _aligned(name, forecast, n: int, index) -> np.ndarray:
    """One forecast as a float array in the order of `actual`, or a clear error."""
    if np.ndim(forecast) == 0:
        values = np.full(n, _number(name, forecast))
    elif isinstance(forecast, pd.Series) and index is not None:
        if len(forecast) != n or not forecast.index.sort_values().equals(index.sort_values()):
            raise ClvDataError(text("validation.other_customers", name=repr(name), rows=len(forecast), n=n))
        values = forecast.reindex(index).to_numpy(dtype=float) if not forecast.index.equals(index) else \
            forecast.to_numpy(dtype=float)
    else:
        values = np.asarray(forecast, dtype=float).ravel()
        if values.size != n:
            raise ClvDataError(text("validation.length", name=repr(name), size=values.size, n=n))
    if not np.all(np.isfinite(values)):
        raise ClvDataError(text("validation.forecast_missing", name=repr(name),
                                n=int((~np.isfinite(values)).sum())))
    return values


def _number(name, value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ClvDataError(text("validation.forecast_numbers", name=repr(name), value=repr(value))) from None
