"""Per-customer lifetime value, customer equity and the value of new and contractual customers.

Units are explicit: the horizon is a number in the summary's time unit or a string
such as "12 months"; the discount rate is named for its period
(``annual_discount_rate``, or ``discount_rate`` per time unit of the summary).

The discounted CLV of a customer over a horizon H split into K steps of length
h = H / K is

    CLV = margin * E[spend] * sum_k (E[X(t_k)] - E[X(t_{k-1})]) / (1 + d)^(t_k)

where E[X(t)] is the model's expected number of purchases in (T, T + t], E[spend]
the expected value of one purchase and d the discount rate per time unit: each
step's purchases are discounted from the end of the step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import check_number
from .errors import ClvDataError
from .i18n import text
from .units import check_discount_rate, parse_duration, rate_per_unit, require_same_unit

__all__ = [
    "customer_lifetime_value",
    "customer_equity",
    "new_customer_value",
    "subscriber_value",
    "discount_rate_per_unit",
    "expected_purchases_path",
]

_MAX_STEPS = 120


def _time_unit(transaction_model, summary) -> str | None:
    fitted = getattr(transaction_model, "time_unit_", None)
    data = summary.attrs.get("time_unit") if isinstance(summary, pd.DataFrame) else None
    require_same_unit(fitted, data)
    return data or fitted


def discount_rate_per_unit(*, annual_discount_rate=None, discount_rate=None, time_unit: str | None) -> float:
    """Return the discount rate per time unit from exactly one of the two ways to give it.

    Parameters
    ----------
    annual_discount_rate : float, optional
        A yearly rate as a fraction (0.1 for 10%).
    discount_rate : float, optional
        A rate per time unit of the summary, as a fraction.
    time_unit : str or None
        The summary's time unit (needed to convert a yearly rate).

    Returns
    -------
    float
        The rate per time unit. Either rate above 1 warns that it reads as a percentage
        (8 means 800%); the messages name the argument that was passed.
    """
    if (annual_discount_rate is None) == (discount_rate is None):
        raise ClvDataError(text("valuation.one_rate"))
    if discount_rate is not None:
        return check_discount_rate(discount_rate, name="discount_rate", per=time_unit)
    if time_unit is None:
        check_discount_rate(annual_discount_rate, name="annual_discount_rate", per="Y")
        raise ClvDataError(text("valuation.annual_rate_no_unit"))
    return rate_per_unit(annual_discount_rate, time_unit, name="annual_discount_rate")


def _horizon(horizon, unit: str | None) -> float:
    if isinstance(horizon, str) and unit is None:
        raise ClvDataError(text("valuation.horizon_no_unit", value=repr(horizon)))
    value = parse_duration(horizon, unit or "W")
    if value <= 0:
        raise ClvDataError(text("valuation.horizon_zero", value=repr(horizon)))
    return value


def _grid(horizon: float) -> np.ndarray:
    """0, then whole time units up to the horizon, then the horizon itself (a last, shorter step).

    Steps are one unit long, or whole multiples of it beyond ``_MAX_STEPS`` units. Because
    the points are whole units, the grids of different horizons share their points: a value
    over 13 months is the value over 12 months plus that of the 13th, and a new horizon
    reuses what an earlier one computed.
    """
    step = float(max(1, int(np.ceil((horizon - 1e-9) / _MAX_STEPS))))
    inner = np.arange(step, horizon - 1e-9, step, dtype=float)
    return np.r_[0.0, inner, horizon]


class _PathCache:
    """Expected-purchase columns of one fitted model and one customer base, kept by grid point.

    ``active`` columns (per distinct (frequency, T) pair, one per horizon t) do not depend on
    the discount rate or the horizon they were computed for, so a new rate needs none and a
    new horizon only its new points. Thread-safe; it keeps at most `max_columns` columns and
    `max_bytes` of them (a base with many distinct histories gets fewer columns), the least
    recently used going first, but always the columns of the grid last asked for.
    """

    def __init__(self, max_columns: int = 400, max_bytes: int = 256 * 2**20) -> None:
        import threading
        from collections import OrderedDict

        self.max_columns = max_columns
        self.max_bytes = max_bytes
        self.alive: np.ndarray | None = None
        self.columns: OrderedDict[float, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def capacity(self, histories) -> int:
        """How many columns of this base the cache keeps."""
        return max(1, min(self.max_columns, self.max_bytes // (8 * max(1, len(histories.pair_x)))))

    def parts(self, model, histories, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with self.lock:
            need = [float(t) for t in grid if t > 0 and float(t) not in self.columns]
            if need or self.alive is None:
                alive, active = model._path_parts(histories, np.asarray(need, dtype=float))
                self.alive = alive
                for j, t in enumerate(need):
                    self.columns[t] = active[:, j].copy()  # its own memory, freed when it is evicted
            zero = np.zeros(len(histories.pair_x))
            columns = []
            for t in grid:
                if t > 0:
                    self.columns.move_to_end(float(t))
                    columns.append(self.columns[float(t)])
                else:
                    columns.append(zero)
            active = np.column_stack(columns)
            while len(self.columns) > max(self.capacity(histories), len(grid)):
                self.columns.popitem(last=False)
            return self.alive, active


def expected_purchases_path(model, summary, grid: np.ndarray) -> np.ndarray:
    """Expected purchases in (T, T + t] for every customer (rows) and every t of `grid` (columns).

    Models of the BG/NBD family evaluate the whole grid at once: P(alive) once per
    distinct (frequency, recency, T) row and the horizon-dependent factor once per
    distinct (frequency, T) pair and grid point; any other model is asked one horizon at
    a time.

    Parameters
    ----------
    model : fitted BGNBD, ParetoNBD or MBGNBD
    summary : DataFrame
        Customers' histories (frequency, recency, T), in the model's time unit.
    grid : ndarray
        Non-negative horizons in that unit.

    Returns
    -------
    ndarray of shape (customers, len(grid)).
    """
    grid = np.asarray(grid, dtype=float)
    if not hasattr(model, "_path_parts"):
        return np.column_stack([np.asarray(model.predict_purchases(summary, t), dtype=float) if t > 0
                                else np.zeros(len(summary)) for t in grid])
    histories = model._histories(summary)
    alive, active = model._path_parts(histories, grid)
    # distinct rows first (fewer than customers), then one gather per customer
    return (alive[:, None] * active[histories.pair])[histories.row]


def _spend(spend_model, summary) -> np.ndarray:
    if spend_model is None:
        raise ClvDataError(text("valuation.spend_missing"))
    if isinstance(spend_model, (int, float)) and not isinstance(spend_model, bool):
        value = check_number("spend_model (average order value)", spend_model, low=0.0)
        return np.full(len(summary), value)
    if not hasattr(spend_model, "expected_spend"):
        raise ClvDataError(text("valuation.spend_type", got=type(spend_model).__name__))
    return np.asarray(spend_model.expected_spend(summary), dtype=float)


def customer_lifetime_value(
    transaction_model,
    spend_model,
    summary: pd.DataFrame,
    *,
    horizon,
    annual_discount_rate: float | None = None,
    discount_rate: float | None = None,
    margin: float = 1.0,
    interval: float | None = None,
    n_draws: int = 200,
    seed=0,
) -> pd.DataFrame:
    """Discounted future value of each customer over a horizon, optionally with a range.

    Parameters
    ----------
    transaction_model : fitted BGNBD, ParetoNBD or MBGNBD
        Gives expected purchases per customer (``predict_purchases``).
    spend_model : fitted GammaGamma or float
        Gives the expected value of one purchase; a number is used for everybody.
    summary : DataFrame
        From :func:`clvkit.summarize`, in the unit the model was fitted in.
    horizon : float or str
        How far ahead: periods of the summary's time unit, or e.g. "12 months".
    annual_discount_rate, discount_rate : float
        Exactly one: a yearly rate (0.1 = 10%) or a rate per time unit of the summary.
    margin : float
        Share of revenue kept as profit, in [0, 1]; 1 gives revenue-based CLV.
    interval : float, optional
        Level of a range for each customer's CLV from the fitted parameters'
        uncertainty, e.g. 0.9; adds the columns ``clv_low`` and ``clv_high``. Both
        models' parameters are drawn from their asymptotic normal distribution on the
        log scale (the covariance behind ``summary()``); the range holds the central
        `interval` share of the customer's CLV over the draws. It covers parameter
        uncertainty only, not the randomness of the customer's future purchases (see
        docs/decisions.md).
    n_draws : int
        Number of parameter draws for the range (at least 50).
    seed : int or numpy Generator
        Seed of the draws; the default makes the range reproducible.

    Returns
    -------
    DataFrame
        One row per customer: expected_purchases (undiscounted, over the horizon),
        expected_spend (per purchase), revenue (undiscounted) and clv (discounted
        margin); with `interval`, also clv_low and clv_high.

    Examples
    --------
    >>> import clvkit as ck
    >>> from clvkit.models import BGNBD, GammaGamma
    >>> s = ck.datasets.load_cdnow_summary()
    >>> v = ck.customer_lifetime_value(BGNBD().fit(s), GammaGamma().fit(s), s,
    ...                                horizon="12 months", annual_discount_rate=0.1)   # doctest: +SKIP
    """
    return _customer_lifetime_value(
        transaction_model, spend_model, summary, horizon=horizon, annual_discount_rate=annual_discount_rate,
        discount_rate=discount_rate, margin=margin, interval=interval, n_draws=n_draws, seed=seed,
    )


def _customer_lifetime_value(
    transaction_model, spend_model, summary, *, horizon, annual_discount_rate=None, discount_rate=None,
    margin=1.0, interval=None, n_draws=200, seed=0, cache: _PathCache | None = None, histories=None,
) -> pd.DataFrame:
    """`customer_lifetime_value`, reusing a `_PathCache` and the customers' histories when given
    (the workbench keeps both across changes of horizon and rate)."""
    check_number("margin", margin, low=0.0, high=1.0)
    if interval is not None:
        check_number("interval", interval, low=0.0, high=1.0, low_open=True, high_open=True)
        if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 50:
            raise ClvDataError(text("valuation.n_draws", value=repr(n_draws)))
    unit = _time_unit(transaction_model, summary)
    h = _horizon(horizon, unit)
    d = discount_rate_per_unit(annual_discount_rate=annual_discount_rate, discount_rate=discount_rate, time_unit=unit)
    grid = _grid(h)
    discount = (1.0 + d) ** -grid[1:]
    spend = _spend(spend_model, summary)
    if hasattr(transaction_model, "_path_parts"):
        if histories is None:
            histories = transaction_model._histories(summary)
        if cache is None:
            alive, active = transaction_model._path_parts(histories, grid)
        else:
            alive, active = cache.parts(transaction_model, histories, grid)
        # E[purchases] and their discounted sum per (x, T) pair, times P(alive) per distinct
        # row, then expanded to the customers: the per-customer work is two gathers
        row_pair = histories.pair
        purchases = (alive * active[row_pair, -1])[histories.row]
        discounted_per_row = alive * (np.diff(active, axis=1) @ discount)[row_pair]
        discounted_purchases = discounted_per_row[histories.row]
    else:
        histories = None
        cumulative = expected_purchases_path(transaction_model, summary, grid)
        purchases = cumulative[:, -1]
        discounted_purchases = np.diff(cumulative, axis=1) @ discount
    out = pd.DataFrame(
        {
            "expected_purchases": purchases,
            "expected_spend": spend,
            "revenue": purchases * spend,
            "clv": margin * spend * discounted_purchases,
        },
        index=summary.index,
    )
    out.attrs = {"horizon": h, "time_unit": unit, "discount_rate_per_unit": d, "margin": margin}
    if interval is not None:
        if histories is None:
            raise ClvDataError(text("valuation.ranges_model", model=type(transaction_model).__name__))
        low, high = _clv_ranges(
            transaction_model, spend_model, summary, histories, discounted_per_row, grid, discount, margin,
            level=float(interval), n_draws=int(n_draws), seed=seed,
        )
        out["clv_low"], out["clv_high"] = low, high
        out.attrs.update(interval=float(interval), n_draws=int(n_draws))
    return out


_CUSTOMERS_PER_BLOCK = 32_768  # (customer groups) x draws per block: 32,768 x 200 doubles = 52 MB


def log_normal_parameter_draws(model, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """Parameter draws from the fitted model's asymptotic normal distribution on the log scale.

    ``log theta ~ N(log theta_hat, Sigma)`` with Sigma the inverse of the observed
    information of the log-parameters, the covariance that ``summary()`` builds its
    intervals from.

    Parameters
    ----------
    model : fitted clvkit model
        Fitted on data, so that it has a covariance.
    n_draws : int
        Number of draws.
    rng : numpy Generator
        Source of the random numbers.

    Returns
    -------
    ndarray of shape (n_draws, parameters): the drawn log-parameters minus the
    estimate's (the deviations ``log theta - log theta_hat``).
    """
    root = _covariance_root(model)
    return rng.standard_normal((n_draws, root.shape[1])) @ root.T


def _covariance_root(model) -> np.ndarray:
    """R with R R' = the log-parameters' covariance; columns along the principal axes, one sd long.

    A symmetric eigendecomposition that tolerates rounding-level negative eigenvalues.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cov = model._log_covariance()
    if not np.all(np.isfinite(cov)):
        raise ClvDataError(text("valuation.ranges_no_covariance", model=type(model).__name__))
    values, vectors = np.linalg.eigh((cov + cov.T) / 2.0)
    return vectors * np.sqrt(np.clip(values, 0.0, None))


def _transaction_log_expansion(model, histories, grid, discount, value, root):
    """log(discounted purchases) per distinct row as a sum of quadratics in independent normals.

    With the log-parameters drawn as ``log theta_hat + root @ z``, z ~ N(0, I), the value is
    evaluated one standard deviation either way along each principal axis, and
    ``log f(z) = log f(0) + sum_i (a_i z_i + b_i z_i^2)`` passes through those points: a secant
    expansion on the scale of the uncertainty itself, exact for each axis' quadratic part;
    only products of different axes are left out.

    Returns
    -------
    (ndarray, ndarray): a and b, each of shape (rows, parameters).
    """
    log_params = np.log(model.params_.to_numpy())
    names = list(model.params_.index)
    a = np.empty((len(value), len(names)))
    b = np.empty_like(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.log(value)
        for i in range(root.shape[1]):
            ends = []
            for sign in (1.0, -1.0):
                shifted = np.exp(log_params + sign * root[:, i])
                alive, active = model._path_parts(histories, grid, dict(zip(names, shifted)))
                ends.append(np.log(alive * (np.diff(active, axis=1) @ discount)[histories.pair]))
            a[:, i] = (ends[0] - ends[1]) / 2.0
            b[:, i] = (ends[0] + ends[1]) / 2.0 - base
    # a row without expected purchases (0 at every parameter value) has no spread
    return np.where(np.isfinite(a), a, 0.0), np.where(np.isfinite(b), b, 0.0)


def _spend_draw_tables(spend_model, frequency, deviations):
    """E[spend | x, zbar] = c_x + d_x * zbar at every draw: tables of c and d per distinct frequency."""
    from .models.gammagamma import gammagamma_conditional_mean
    from .models._scoring import distinct_rows

    (counts,), row = distinct_rows(frequency)
    draws = np.exp(np.log(spend_model.params_.to_numpy()) + deviations)
    c = np.empty((len(counts), len(draws)))
    slope = np.empty_like(c)
    with np.errstate(all="ignore"):
        for j, (p, q, gamma) in enumerate(draws):
            zero = gammagamma_conditional_mean(p=p, q=q, gamma=gamma, frequency=counts, monetary_value=0.0)
            one = gammagamma_conditional_mean(p=p, q=q, gamma=gamma, frequency=counts, monetary_value=1.0)
            c[:, j] = zero
            slope[:, j] = np.where(counts > 0, one - zero, 0.0)  # the conditional mean is linear in zbar
    return row, c, slope


def _clv_ranges(
    model, spend_model, summary, histories, value, grid, discount, margin, *, level, n_draws, seed
):
    """Central `level` ranges of each customer's CLV over parameter draws of both models.

    The transaction model's factor (P(alive) times the discounted expected purchases)
    is carried to each draw by its first-order expansion in the log-parameters, computed
    once per distinct (x, t_x, T) row; the spend model's conditional mean is exact at
    every draw. See docs/decisions.md for the method and its limits. `value` is the
    transaction factor per distinct row at the estimates.
    """
    from .models._scoring import distinct_rows

    rng = np.random.default_rng(seed)
    # the draws of log_normal_parameter_draws, kept as standard normals z (shift = root @ z)
    root = _covariance_root(model)
    z = rng.standard_normal((n_draws, root.shape[1])).T  # (parameters, draws)
    a, b = _transaction_log_expansion(model, histories, grid, discount, value, root)
    z_squared = z**2
    has_spend_model = hasattr(spend_model, "expected_spend")
    if has_spend_model:
        frequency = summary["frequency"].to_numpy(dtype=float)
        zbar = np.where(frequency > 0, summary["monetary_value"].to_numpy(dtype=float), 0.0)
        spend_shift = log_normal_parameter_draws(spend_model, n_draws, rng)
        # a customer's range depends on his distinct row (which fixes x) and his mean spend:
        # one-time buyers, most of a base, collapse onto few units
        (unit_row, unit_zbar), unit = distinct_rows(histories.row, zbar)
        unit_row = unit_row.astype(np.intp)
        spend_row, c, slope = _spend_draw_tables(spend_model, histories.x[unit_row], spend_shift)
    else:  # a fixed order value carries no uncertainty
        spend = float(spend_model)
        unit_row, unit = np.arange(len(value)), histories.row
    tail = (1.0 - level) / 2.0
    n = len(unit_row)
    low, high = np.empty(n), np.empty(n)
    for lo in range(0, n, _CUSTOMERS_PER_BLOCK):
        block = slice(lo, min(lo + _CUSTOMERS_PER_BLOCK, n))
        rows = unit_row[block]
        values = a[rows] @ z
        values += b[rows] @ z_squared
        np.exp(values, out=values)
        values *= value[rows, None]
        if has_spend_model:
            k = spend_row[block]
            spend_draws = slope[k]
            spend_draws *= unit_zbar[block, None]
            spend_draws += c[k]
            values *= spend_draws
        else:
            values *= spend
        if not np.isfinite(values).all():
            # the parameters' uncertainty is not measured (an estimate at the edge of its range): the
            # draws run off to infinity, and a range made of them would be a silent NaN
            raise ClvDataError(text("valuation.ranges_not_finite", model=type(model).__name__))
        bounds = np.quantile(values, [tail, 1.0 - tail], axis=1)
        low[block], high[block] = margin * bounds[0], margin * bounds[1]
    low, high = low[unit], high[unit]
    return low, high


def customer_equity(values, *, column: str = "clv") -> float:
    """Total value of a customer base: the sum of per-customer CLV.

    Parameters
    ----------
    values : DataFrame or Series
        Output of :func:`customer_lifetime_value`, or per-customer values.
    column : str
        Column to add up when `values` is a DataFrame.
    """
    if isinstance(values, pd.DataFrame):
        if column not in values.columns:
            raise ClvDataError(
                text("valuation.equity_column", column=repr(column), columns=", ".join(map(repr, values.columns)))
            )
        values = values[column]
    series = pd.Series(values, dtype=float)
    if series.isna().any():
        raise ClvDataError(text("valuation.equity_missing", n=int(series.isna().sum())))
    return float(series.sum())


def new_customer_value(
    transaction_model,
    spend_model,
    *,
    horizon,
    annual_discount_rate: float | None = None,
    discount_rate: float | None = None,
    margin: float = 1.0,
    include_first_purchase: bool = True,
) -> float:
    """Expected discounted value of one newly acquired customer (a cohort average).

    The first purchase happens at time 0 (undiscounted, included unless
    ``include_first_purchase=False``); repeat purchases follow the model's
    ``expected_purchases(t)`` for a new customer. Multiply by the cohort size for
    the value of a cohort.
    """
    check_number("margin", margin, low=0.0, high=1.0)
    unit = getattr(transaction_model, "time_unit_", None)
    h = _horizon(horizon, unit)
    d = discount_rate_per_unit(annual_discount_rate=annual_discount_rate, discount_rate=discount_rate, time_unit=unit)
    grid = _grid(h)
    cumulative = np.asarray(transaction_model.expected_purchases(grid), dtype=float)
    repeat = float(np.diff(cumulative) @ (1.0 + d) ** -grid[1:])
    if isinstance(spend_model, (int, float)) and not isinstance(spend_model, bool):
        spend = check_number("spend_model (average order value)", spend_model, low=0.0)
    elif hasattr(spend_model, "mean_spend"):
        spend = float(spend_model.mean_spend())
    else:
        raise ClvDataError(text("valuation.spend_type", got=type(spend_model).__name__))
    return margin * spend * (repeat + (1.0 if include_first_purchase else 0.0))


def subscriber_value(sbg_model, *, margin_per_period: float, discount_rate: float, renewals: int = 0) -> float:
    """Expected discounted residual value of a subscriber who has renewed `renewals` times (sBG).

    The subscriber is about to decide on the next renewal; each renewal pays
    `margin_per_period`, the coming one undiscounted. The value is margin x DERL
    (Fader & Hardie 2010), with `discount_rate` per period of the contract (e.g. per
    year for annual renewals). For a customer being acquired now, use the model's
    ``discounted_expected_lifetime``.
    """
    check_number("margin_per_period", margin_per_period, low=0.0)
    return float(margin_per_period) * float(sbg_model.derl(discount_rate, renewals=renewals))
