"""Model diagnostics as numbers: the tables behind the validation and model charts (no drawing).

Each function returns a plain table that :mod:`clvkit.plots` draws and a test can check
without matplotlib:

* :func:`holdout_by_frequency` and :func:`predicted_vs_actual`: forecast and outcome per
  group of customers (Fader, Hardie & Lee 2005, fig. 3);
* :func:`tracking_table` and :func:`expected_cumulative_repeat_purchases`: cumulative
  repeat purchases by calendar time, actual and expected (fig. 2);
* :func:`expected_purchases_matrix` and :func:`probability_alive_matrix`: a model's
  forecast on a grid of frequency and recency;
* :func:`probability_alive_history`: one customer's P(alive) through their history;
* :func:`survival_comparison`: a cohort's survival next to the sBG model and a constant rate.

The scores of a holdout forecast (errors, naive baselines) are in :mod:`clvkit.validation`.

References
----------
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy
way: an alternative to the Pareto/NBD model. Marketing Science, 24(2), 275-284.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._checks import check_number, require_columns, require_frame
from .errors import ClvDataError
from .i18n import text

__all__ = [
    "expected_cumulative_repeat_purchases",
    "expected_purchases_matrix",
    "holdout_by_frequency",
    "predicted_vs_actual",
    "probability_alive_history",
    "probability_alive_matrix",
    "survival_comparison",
    "tracking_table",
]


def _frame(data, what: str) -> pd.DataFrame:
    return require_frame(data, what, subject="diagnostics")


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    require_columns(frame, columns, what, subject="diagnostics")


def _scoring_frame(frequency, recency, T, time_unit) -> pd.DataFrame:
    frame = pd.DataFrame({"frequency": frequency, "recency": recency, "T": T})
    frame.attrs["time_unit"] = time_unit
    return frame


def survival_comparison(survivors=None, *, model=None, periods: int | None = None,
                        constant_retention=None) -> pd.DataFrame:
    """Observed survival and retention of a cohort next to the sBG model and a constant rate.

    Parameters
    ----------
    survivors : sequence of int or Series, optional
        Customers active at the start of each period, period 0 first (as for
        :meth:`clvkit.models.ShiftedBetaGeometric.fit`). Without it, `model` is needed
        and the observed columns are NaN.
    model : ShiftedBetaGeometric, optional
        A fitted (or ``from_params``) sBG model; fitted to `survivors` when None.
    periods : int, optional
        Periods to project (default: twice the observed periods, or 10 without data).
    constant_retention : float, optional
        The constant-retention benchmark. Default with data: the rate that reproduces
        the last observed survival, ``(S_n / S_0) ** (1 / n)``, the "average retention"
        a team would quote; without data: the model's first-period retention S(1).

    Returns
    -------
    DataFrame
        Index period (0..periods); columns observed, sbg, constant (survival shares)
        and observed_retention, sbg_retention, constant_retention (rate of the period,
        NaN for period 0 and for unobserved periods).

    Examples
    --------
    >>> t = survival_comparison([1000, 631, 468, 382, 326])
    >>> round(float(t.loc[1, "observed"]), 3)
    0.631
    """
    from .models.sbg import ShiftedBetaGeometric

    if survivors is None:
        if model is None:
            raise ClvDataError(text("diagnostics.survivors_or_model"))
        values = None
        n_obs = 5
    else:
        values = ShiftedBetaGeometric._validate_survivors(survivors)
        if model is None:
            model = ShiftedBetaGeometric().fit(values)
        n_obs = values.size - 1
    horizon = 2 * n_obs if periods is None else int(check_number("periods", periods, low=1.0))
    t = np.arange(horizon + 1)
    observed = np.full(t.size, np.nan)
    if values is not None:
        k = min(values.size, t.size)
        observed[:k] = values[:k] / values[0]
    if constant_retention is None:
        if values is not None:
            last = values[-1] / values[0]
            constant_retention = last ** (1.0 / n_obs) if last > 0 else 0.0
        else:
            constant_retention = float(model.survival(1))
    r = check_number("constant_retention", constant_retention, low=0.0, high=1.0)
    sbg = np.asarray(model.survival(t), dtype=float)
    constant = r ** t.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        obs_ret = np.concatenate([[np.nan], observed[1:] / observed[:-1]])
    return pd.DataFrame(
        {
            "observed": observed,
            "sbg": sbg,
            "constant": constant,
            "observed_retention": obs_ret,
            "sbg_retention": np.concatenate([[np.nan], np.asarray(model.retention_rate(t[1:]), dtype=float)]),
            "constant_retention": np.concatenate([[np.nan], np.full(t.size - 1, r)]),
        },
        index=pd.Index(t, name="period"),
    )


def _grid_axes(model, T, max_frequency, max_recency, n_recency):
    T = check_number("T", T, low=0.0, low_open=True)
    max_f = int(check_number("max_frequency", max_frequency, low=1.0))
    max_r = T if max_recency is None else check_number("max_recency", max_recency, low=0.0, high=T)
    n_r = int(check_number("n_recency", n_recency, low=2.0))
    freqs = np.arange(max_f + 1, dtype=float)
    recs = np.linspace(0.0, max_r, n_r)
    f, r = np.meshgrid(freqs, recs, indexing="ij")
    # Someone with no repeat purchase has recency 0 by definition.
    r = np.where(f == 0, 0.0, r)
    return freqs, recs, f, r, T


def _default_T(model, summary, T):
    if T is not None:
        return T
    if summary is not None:
        return float(np.max(summary["T"]))
    raise ClvDataError(text("diagnostics.need_T"))


def expected_purchases_matrix(model, *, t: float, T: float, max_frequency: int = 20, max_recency=None,
                              n_recency: int = 21) -> pd.DataFrame:
    """Expected purchases in the next `t` periods for each (frequency, recency), at age `T`.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
        Anything with ``predict_purchases(summary, t)``.
    t : float
        Length of the prediction window, in the model's time unit.
    T : float
        Age of the hypothetical customers (time since their first purchase).
    max_frequency : int
        Largest number of repeat purchases shown (rows 0..max_frequency).
    max_recency : float, optional
        Largest recency (default T); columns are `n_recency` points from 0.
    n_recency : int

    Returns
    -------
    DataFrame
        Index frequency, columns recency, values expected purchases.
    """
    t = check_number("t", t, low=0.0, low_open=True)
    freqs, recs, f, r, T = _grid_axes(model, T, max_frequency, max_recency, n_recency)
    frame = _scoring_frame(f.ravel(), r.ravel(), np.full(f.size, T), getattr(model, "time_unit_", None))
    values = np.asarray(model.predict_purchases(frame, t), dtype=float).reshape(f.shape)
    return pd.DataFrame(values, index=pd.Index(freqs.astype(int), name="frequency"),
                        columns=pd.Index(np.round(recs, 2), name="recency"))


def probability_alive_matrix(model, *, T: float, max_frequency: int = 20, max_recency=None,
                             n_recency: int = 21) -> pd.DataFrame:
    """P(alive) for each (frequency, recency) of a customer of age `T`.

    Parameters and Returns as in :func:`expected_purchases_matrix` (values are P(alive)).
    """
    freqs, recs, f, r, T = _grid_axes(model, T, max_frequency, max_recency, n_recency)
    frame = _scoring_frame(f.ravel(), r.ravel(), np.full(f.size, T), getattr(model, "time_unit_", None))
    values = np.asarray(model.probability_alive(frame), dtype=float).reshape(f.shape)
    return pd.DataFrame(values, index=pd.Index(freqs.astype(int), name="frequency"),
                        columns=pd.Index(np.round(recs, 2), name="recency"))


def probability_alive_history(model, transactions: pd.DataFrame, *, observation_end=None, time_unit: str | None = None,
                              date_col: str = "date", n_points: int = 200) -> pd.DataFrame:
    """P(alive) of one customer at each moment of their history, from their own purchases.

    At time tau after the first purchase, the customer's summary is frequency = repeat
    purchase days before tau, recency = time of the last of them, T = tau; the model's
    ``probability_alive`` of that summary is the curve. It jumps up at each purchase and
    decays while the customer is silent. The jump reaches 1 only under Pareto/NBD; under
    BG/NBD a customer may drop out right after buying, so after the x-th repeat purchase
    it reaches 1 / (1 + a / (b + x - 1)) < 1 (and 1 / (1 + a / (b + x)) under MBG/NBD).

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    transactions : DataFrame
        The purchases of ONE customer (column `date`); several on a day count as one.
    observation_end : date-like, optional
        End of the curve (default: the last purchase).
    time_unit : str, optional
        Unit of the model (default: the model's ``time_unit_``, else weeks).
    date_col : str
    n_points : int
        Evaluation points between the first purchase and `observation_end` (purchase
        days are always added, just after the purchase).

    Returns
    -------
    DataFrame
        Columns t (time since the first purchase, in `time_unit`), date, frequency,
        recency, p_alive; ``attrs["purchases"]`` holds the purchase times.
    """
    from .units import DAYS_PER_UNIT

    frame = _frame(transactions, "transactions")
    _require(frame, [date_col], "transactions")
    if "customer_id" in frame.columns and frame["customer_id"].nunique() > 1:
        raise ClvDataError(text("diagnostics.one_customer", n=int(frame["customer_id"].nunique())))
    unit = time_unit or getattr(model, "time_unit_", None) or "W"
    days = pd.to_datetime(frame[date_col]).dt.normalize()
    occasions = np.sort(days.unique())
    first = pd.Timestamp(occasions[0])
    end = pd.Timestamp(occasions[-1]) if observation_end is None else pd.Timestamp(observation_end)
    if end < first:
        raise ClvDataError(text("diagnostics.end_before_first", end=end, first=first))
    per_day = 1.0 / DAYS_PER_UNIT[unit]
    purchase_t = (pd.DatetimeIndex(occasions) - first).days.to_numpy(dtype=float) * per_day
    span = (end - first).days * per_day
    n = int(check_number("n_points", n_points, low=2.0))
    grid = np.unique(np.concatenate([np.linspace(0.0, span, n), purchase_t[purchase_t <= span]]))
    # purchases at or before tau (the first one is not a repeat)
    count = np.searchsorted(purchase_t, grid, side="right")
    frequency = np.maximum(count - 1, 0).astype(float)
    recency = np.where(count > 0, purchase_t[np.maximum(count - 1, 0)], 0.0)
    T = np.maximum(grid, 1e-9)
    scoring = _scoring_frame(frequency, recency, T, getattr(model, "time_unit_", None))
    p = np.asarray(model.probability_alive(scoring), dtype=float)
    out = pd.DataFrame(
        {"t": grid, "date": first + pd.to_timedelta(grid / per_day, unit="D"), "frequency": frequency,
         "recency": recency, "p_alive": p}
    )
    out.attrs["purchases"] = purchase_t
    out.attrs["time_unit"] = unit
    return out


def holdout_by_frequency(model, calibration: pd.DataFrame, holdout: pd.DataFrame, *, max_frequency: int = 7
                         ) -> pd.DataFrame:
    """Mean holdout purchases by calibration frequency: actual vs the model's conditional expectation.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    calibration : DataFrame
        The calibration summary (frequency, recency, T).
    holdout : DataFrame
        From :func:`clvkit.split_calibration_holdout` (frequency_holdout, duration_holdout).
    max_frequency : int
        Frequencies from this one up are pooled into one group (labelled ``max_frequency``).

    Returns
    -------
    DataFrame
        Index frequency (0..max_frequency, the last meaning "and more"); columns customers,
        actual, expected.
    """
    cal = _frame(calibration, "calibration")
    hold = _frame(holdout, "holdout")
    _require(cal, ["frequency", "recency", "T"], "calibration")
    _require(hold, ["frequency_holdout", "duration_holdout"], "holdout")
    if len(cal) != len(hold) or not cal.index.equals(hold.index):
        raise ClvDataError(text("diagnostics.same_customers"))
    k = int(check_number("max_frequency", max_frequency, low=1.0))
    durations = hold["duration_holdout"].to_numpy(dtype=float)
    # one holdout window for all in the usual case: one vectorised call
    if np.allclose(durations, durations[0]):
        expected = np.asarray(model.predict_purchases(cal, float(durations[0])), dtype=float)
    else:
        expected = np.array([float(np.asarray(model.predict_purchases(cal.iloc[[i]], d))[0])
                             for i, d in enumerate(durations)])
    group = np.minimum(cal["frequency"].to_numpy(dtype=float), k).astype(int)
    frame = pd.DataFrame({"frequency": group, "actual": hold["frequency_holdout"].to_numpy(float),
                          "expected": expected})
    out = frame.groupby("frequency").agg(customers=("actual", "size"), actual=("actual", "mean"),
                                         expected=("expected", "mean"))
    return out


def predicted_vs_actual(table: pd.DataFrame, *, by: str, predicted: str, actual: str, top: int | None = None
                        ) -> pd.DataFrame:
    """Mean predicted and mean actual value per group, side by side (the numbers of :func:`plot_predicted_vs_actual`).

    Parameters
    ----------
    table : DataFrame
        One row per customer.
    by : str
        Column that defines the groups (e.g. calibration ``frequency``).
    predicted, actual : str
        Columns of the forecast and of what really happened (purchases, revenue, ...).
    top : int, optional
        Groups from this value of `by` up are pooled into one group labelled `top`
        ("7 or more"); needs a numeric `by`.

    Returns
    -------
    DataFrame
        Index the groups (named `by`), columns customers, predicted, actual (means).

    Examples
    --------
    >>> t = pd.DataFrame({"f": [0, 1, 3], "p": [0.0, 2.0, 6.0], "a": [1.0, 1.0, 3.0]})
    >>> predicted_vs_actual(t, by="f", predicted="p", actual="a", top=1)["predicted"].tolist()
    [0.0, 4.0]
    """
    frame = _frame(table, "table")
    _require(frame, [by, predicted, actual], "table")
    values = {}
    for name in (predicted, actual):
        column = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(column)
        if bad.any():
            raise ClvDataError(text("diagnostics.not_finite", column=repr(name), n=int(bad.sum())))
        values[name] = column
    groups = frame[by]
    if top is not None:
        k = check_number("top", top)
        numeric = pd.to_numeric(groups, errors="coerce")
        if numeric.isna().any():
            raise ClvDataError(text("diagnostics.top_numeric", column=repr(by)))
        groups = numeric.clip(upper=k)
    grouped = pd.DataFrame({"group": groups.to_numpy(), "predicted": values[predicted], "actual": values[actual]})
    out = grouped.groupby("group").agg(customers=("actual", "size"), predicted=("predicted", "mean"),
                                       actual=("actual", "mean"))
    out.index.name = by
    out.attrs["top"] = top
    return out


def expected_cumulative_repeat_purchases(model, first_purchase_times, times) -> np.ndarray:
    """Expected repeat purchases of a cohort by calendar time, from a new customer's E[X(t)].

    A customer who made the first purchase at time t0 is expected to have made
    E[X(t - t0)] repeat purchases by time t > t0, so the cohort total is
    ``sum_i E[X(max(t - t0_i, 0))]``. Customers sharing a first-purchase time are
    counted once with a weight, so the work grows with the number of distinct days,
    not customers.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
        Anything with ``expected_purchases(t)`` for a new customer.
    first_purchase_times : array of float
        Each customer's first purchase, on the time axis of `times` (model units).
    times : array of float
        Calendar times at which to evaluate the total.

    Returns
    -------
    ndarray
        Expected cumulative repeat purchases at each of `times`.

    Examples
    --------
    Two customers starting at 0 and 1 under a toy model with E[X(t)] = t: at time 2
    they are expected to have made 2 + 1 = 3 repeat purchases.

    >>> class Toy:
    ...     def expected_purchases(self, t): return np.asarray(t, dtype=float)
    >>> expected_cumulative_repeat_purchases(Toy(), [0.0, 1.0], [2.0]).tolist()
    [3.0]
    """
    t0 = np.asarray(first_purchase_times, dtype=float).ravel()
    times = np.asarray(times, dtype=float).ravel()
    if t0.size == 0:
        raise ClvDataError(text("diagnostics.no_first_purchases"))
    if not np.all(np.isfinite(t0)) or not np.all(np.isfinite(times)):
        raise ClvDataError(text("diagnostics.times_not_finite"))
    starts, weights = np.unique(t0, return_counts=True)
    elapsed = np.maximum(times[:, None] - starts[None, :], 0.0)
    positive = elapsed > 0
    values = np.zeros_like(elapsed)
    if positive.any():
        values[positive] = np.asarray(model.expected_purchases(elapsed[positive]), dtype=float)
    return values @ weights.astype(float)


def tracking_table(model, transactions: pd.DataFrame, *, calibration_end=None, observation_end=None,
                   time_unit: str | None = None, customer_col: str = "customer_id", date_col: str = "date"
                   ) -> pd.DataFrame:
    """Week-by-week (or per `time_unit`) cumulative repeat purchases: actual and expected.

    The cohort is the customers whose first purchase is on or before `calibration_end`
    (all customers when None). Purchases on the same day are one occasion; the first
    occasion of each customer is not a repeat. Period k covers the days before
    ``start + k * unit``, where start is the cohort's first purchase day.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    transactions : DataFrame
        A transaction log (customer_id, date).
    calibration_end, observation_end : date-like, optional
        End of calibration (marks the cohort) and of the table (default: last purchase).
    time_unit : str, optional
        Unit of the model (default its ``time_unit_``, else weeks).

    Returns
    -------
    DataFrame
        Index period (1, 2, ...); columns date (end of the period), actual, expected.
        ``attrs["calibration_period"]``: the period in which calibration ends (or None).
    """
    from .units import DAYS_PER_UNIT

    frame = _frame(transactions, "transactions")
    _require(frame, [customer_col, date_col], "transactions")
    unit = time_unit or getattr(model, "time_unit_", None) or "W"
    days = pd.to_datetime(frame[date_col]).dt.normalize()
    occasions = pd.DataFrame({"c": frame[customer_col].to_numpy(), "d": days.to_numpy()}).drop_duplicates()
    first = occasions.groupby("c")["d"].transform("min")
    if calibration_end is not None:
        keep = first <= pd.Timestamp(calibration_end)
        occasions, first = occasions[keep], first[keep]
    start = occasions["d"].min()
    end = occasions["d"].max() if observation_end is None else pd.Timestamp(observation_end)
    step = DAYS_PER_UNIT[unit]
    n = int(math.ceil(((end - start).days + 1) / step))
    bounds = np.arange(1, n + 1) * step  # days since start at the end of each period
    repeat_day = (occasions.loc[occasions["d"] > first, "d"] - start).dt.days.to_numpy(dtype=float)
    actual = np.searchsorted(np.sort(repeat_day), bounds, side="left")
    first_days = (occasions.groupby("c")["d"].min() - start).dt.days.to_numpy(dtype=float)
    expected = expected_cumulative_repeat_purchases(model, first_days / step, bounds / step)
    out = pd.DataFrame(
        {"date": start + pd.to_timedelta(bounds, unit="D"), "actual": actual.astype(float), "expected": expected},
        index=pd.Index(np.arange(1, n + 1), name="period"),
    )
    cal = None
    if calibration_end is not None:
        cal = float(((pd.Timestamp(calibration_end) - start).days + 1) / step)
    out.attrs["calibration_period"] = cal
    out.attrs["time_unit"] = unit
    return out
