"""Synthetic customer bases with known true parameters.

Every simulator draws from a ``numpy.random.Generator`` seeded by the ``seed``
argument, so the same call always returns the same customers, and records the true
parameters in ``DataFrame.attrs["true_params"]``: fit a model to the output and
compare its estimates with the truth.

Purchase processes (non-contractual, continuous time, rates per ``time_unit``):

* BG/NBD (Fader, Hardie & Lee 2005): while alive a customer buys at rate
  lambda ~ Gamma(r, alpha); after every purchase they drop out with probability
  p ~ Beta(a, b).
* Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at rate lambda ~
  Gamma(r, alpha) during an exponential lifetime with rate mu ~ Gamma(s, beta).
* Gamma-Gamma spend (Fader, Hardie & Lee 2005b): each purchase is worth
  z ~ Gamma(p, nu) with nu ~ Gamma(q, gamma), so a customer's mean spend is p / nu.
* Shifted beta-geometric subscriptions (Fader & Hardie 2007): at every renewal a
  subscriber cancels with probability theta ~ Beta(alpha, beta).

Gamma distributions use the rate convention of the papers (mean shape / rate).

How the draws stay vectorised
-----------------------------
A customer's repeat purchases are not simulated one by one. For BG/NBD the number of
purchases the customer would make before dropping out is geometric, the number the
Poisson process puts into (0, T] is Poisson, and the customer's frequency ``x`` is
the smaller of the two; the time of the x-th purchase is then ``T`` times a Beta
draw (the x-th of N uniform order statistics). Given the x-th arrival at ``t_x``,
the earlier arrivals are uniform on (0, t_x) and are laid out in order with
normalised exponential spacings. Every step is one numpy call over all customers or
all purchases, so a million customers with thirty million purchases take seconds.

Satisfaction and engagement scores
----------------------------------
``satisfaction`` and ``engagement`` (a strength rho in [0, 1)) add a score from 0 to
10 per customer that is tied to the customer's latent dropout and purchase rate
through a Gaussian copula: a latent z ~ N(0, 1) sets the trait at its quantile
Phi(z) of the mixing distribution (for dropout, at 1 - Phi(z), so more satisfied
customers drop out less), and the observed score is ``10 * Phi(rho * z +
sqrt(1 - rho**2) * e)`` with independent noise e. The mixing distributions stay
exactly Gamma / Beta, so the base still follows the model with the recorded true
parameters, while customers with high scores stay longer (satisfaction) and buy
more often (engagement); rho = 0 makes the score pure noise.

References
----------
Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy
way: an alternative to the Pareto/NBD model. Marketing Science 24(2), 275-284.
Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987). Counting your customers: who
are they and what will they do next? Management Science 33(1), 1-24.
Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. Journal of
Interactive Marketing 21(1), 76-90.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd
from scipy import special

from ._checks import check_number
from .errors import ClvDataError
from .i18n import format_number, text
from .units import DAYS_PER_UNIT, check_time_unit

__all__ = [
    "iter_transactions",
    "simulate_bgnbd",
    "simulate_paretonbd",
    "simulate_spend",
    "simulate_subscriptions",
    "simulate_transactions",
    "subscription_payments",
    "subscription_survivors",
]


# --------------------------------------------------------------------- helpers
def _rng(seed) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise ClvDataError(text("simulate.seed", value=repr(seed))) from None


def _count(name: str, value, *, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ClvDataError(text("simulate.count", name=name, low=low, value=repr(value)))
    return int(value)


def _positive(**params: float) -> dict[str, float]:
    return {k: check_number(k, v, low=0.0, low_open=True) for k, v in params.items()}


def _strength(name: str, value) -> float | None:
    if value is None:
        return None
    return check_number(name, value, low=0.0, high=1.0, high_open=True)


def _observation_lengths(T, n: int) -> np.ndarray:
    arr = np.asarray(T, dtype=float)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,) or not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        smallest = format_number(np.nanmin(arr), decimals=2) if arr.size else "–"
        raise ClvDataError(text("simulate.observation_lengths", n=n, shape=arr.shape, smallest=smallest))
    return arr


def _copula(rng: np.random.Generator, n: int, rho: float | None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Uniform quantiles for a latent trait and a 0-10 score correlated with it (or None, None)."""
    if rho is None:
        return None, None
    z = rng.standard_normal(n)
    score = special.ndtr(rho * z + np.sqrt(1.0 - rho * rho) * rng.standard_normal(n))
    return special.ndtr(z), np.round(10.0 * score, 1)


def _gamma_rates(rng, n, shape, rate, u=None) -> np.ndarray:
    if u is None:
        return rng.gamma(shape, 1.0 / rate, n)
    # Quantile transform keeps the Gamma(shape, rate) marginal exactly.
    return special.gammaincinv(shape, np.clip(u, 1e-12, 1 - 1e-12)) / rate


def _beta_draws(rng, n, a, b, u=None) -> np.ndarray:
    if u is None:
        return rng.beta(a, b, n)
    return special.betaincinv(a, b, np.clip(u, 1e-12, 1 - 1e-12))


def _repeat_counts_bgnbd(rng, lam, p, T):
    """Repeat purchases x in (0, T] and the time t_x of the last one under BG/NBD."""
    n = lam.size
    # Purchases the customer would make before dropping out (dropout after each purchase).
    # Dropout is possible only after a repeat purchase, so the number of repeat purchases
    # before dropping out is geometric on 1, 2, ... (P(alive) = 1 when x = 0).
    k = rng.geometric(np.clip(p, 1e-300, 1.0))
    N = rng.poisson(lam * T)
    x = np.minimum(k, N)
    tx = np.zeros(n)
    pos = x > 0
    # The x-th of N uniform order statistics on (0, T] is T * Beta(x, N - x + 1).
    tx[pos] = T[pos] * rng.beta(x[pos], (N - x + 1)[pos])
    return x.astype(np.int64), tx, k > N


def _repeat_counts_paretonbd(rng, lam, mu, T):
    """Repeat purchases x in (0, T] and the time t_x of the last one under Pareto/NBD."""
    n = lam.size
    tau = rng.exponential(1.0, n) / mu
    window = np.minimum(tau, T)
    x = rng.poisson(lam * window)
    tx = np.zeros(n)
    pos = x > 0
    tx[pos] = window[pos] * rng.beta(x[pos], 1.0)
    return x.astype(np.int64), tx, tau > T


def _ordered_times(rng, x: np.ndarray, tx: np.ndarray) -> np.ndarray:
    """All repeat purchase times, customer by customer in increasing order.

    Given the x-th arrival at t_x, the first x-1 arrivals are sorted uniforms on
    (0, t_x); sorted uniforms are normalised partial sums of exponentials.
    """
    total = int(x.sum())
    if total == 0:
        return np.zeros(0)
    spacing = rng.standard_exponential(total)
    csum = np.cumsum(spacing)
    ends = np.cumsum(x)
    starts = ends - x
    has = x > 0
    before = np.zeros(x.size)
    before[has] = np.where(starts[has] > 0, csum[np.maximum(starts[has] - 1, 0)], 0.0)
    seg_total = np.zeros(x.size)
    seg_total[has] = csum[ends[has] - 1] - before[has]
    # np.repeat is much faster than fancy indexing with an owner array on long logs.
    frac = (csum - np.repeat(before, x)) / np.repeat(seg_total, x)
    return np.minimum(frac, 1.0) * np.repeat(tx, x)


def _summary_frame(x, tx, T, time_unit, true_params, latent: dict | None, start_id: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {"frequency": x, "recency": tx, "T": T},
        index=pd.RangeIndex(start_id, start_id + x.size, name="customer_id"),
    )
    if latent:
        for key, value in latent.items():
            frame[key] = value
    frame.attrs["time_unit"] = time_unit
    frame.attrs["true_params"] = dict(true_params)
    return frame


# ------------------------------------------------------------ summary simulators
def simulate_bgnbd(
    n_customers: int,
    *,
    r: float,
    alpha: float,
    a: float,
    b: float,
    T=52.0,
    time_unit: str = "W",
    latent: bool = False,
    seed=None,
) -> pd.DataFrame:
    """Simulate a per-customer summary (frequency, recency, T) from the BG/NBD model.

    Parameters
    ----------
    n_customers : int
        Number of customers.
    r, alpha : float
        Gamma mixing of the purchase rate lambda (shape r, rate alpha; mean r/alpha
        purchases per `time_unit`).
    a, b : float
        Beta mixing of the dropout probability p after each purchase.
    T : float or array of float
        Time from each customer's first purchase to the end of observation, in
        `time_unit`; an array gives staggered acquisition (one value per customer).
    time_unit : str
        Unit of T and of the rates (recorded in ``attrs["time_unit"]``).
    latent : bool
        Also return the latent columns ``lam``, ``p`` and ``alive`` (alive at T).
    seed : int, Generator or None
        Seed of the random draws.

    Returns
    -------
    DataFrame
        Index customer_id (1..n); columns frequency, recency, T; the true parameters
        in ``attrs["true_params"]``.

    Examples
    --------
    >>> s = simulate_bgnbd(1000, r=0.24, alpha=4.4, a=0.79, b=2.4, T=39, seed=1)
    >>> s.attrs["true_params"]["a"]
    0.79

    References
    ----------
    Fader, Hardie & Lee (2005), Marketing Science 24(2), section 2.
    """
    n = _count("n_customers", n_customers)
    params = _positive(r=r, alpha=alpha, a=a, b=b)
    unit = check_time_unit(time_unit)
    T_arr = _observation_lengths(T, n)
    rng = _rng(seed)
    lam = rng.gamma(params["r"], 1.0 / params["alpha"], n)
    p = rng.beta(params["a"], params["b"], n)
    x, tx, alive = _repeat_counts_bgnbd(rng, lam, p, T_arr)
    extra = {"lam": lam, "p": p, "alive": alive} if latent else None
    frame = _summary_frame(x, tx, T_arr, unit, params, extra, 1)
    frame.attrs["process"] = "bgnbd"
    return frame


def simulate_paretonbd(
    n_customers: int,
    *,
    r: float,
    alpha: float,
    s: float,
    beta: float,
    T=52.0,
    time_unit: str = "W",
    latent: bool = False,
    seed=None,
) -> pd.DataFrame:
    """Simulate a per-customer summary (frequency, recency, T) from the Pareto/NBD model.

    Parameters
    ----------
    n_customers : int
        Number of customers.
    r, alpha : float
        Gamma mixing of the purchase rate lambda (shape r, rate alpha).
    s, beta : float
        Gamma mixing of the dropout rate mu (shape s, rate beta); lifetimes are
        exponential with rate mu.
    T : float or array of float
        Time from each customer's first purchase to the end of observation.
    time_unit : str
        Unit of T and of the rates.
    latent : bool
        Also return the latent columns ``lam``, ``mu`` and ``alive`` (alive at T).
    seed : int, Generator or None
        Seed of the random draws.

    Returns
    -------
    DataFrame
        Index customer_id; columns frequency, recency, T; ``attrs["true_params"]``.

    Examples
    --------
    >>> s = simulate_paretonbd(500, r=0.55, alpha=10.6, s=0.61, beta=11.7, T=39, seed=2)
    >>> list(s.columns)
    ['frequency', 'recency', 'T']

    References
    ----------
    Schmittlein, Morrison & Colombo (1987), Management Science 33(1).
    """
    n = _count("n_customers", n_customers)
    params = _positive(r=r, alpha=alpha, s=s, beta=beta)
    unit = check_time_unit(time_unit)
    T_arr = _observation_lengths(T, n)
    rng = _rng(seed)
    lam = rng.gamma(params["r"], 1.0 / params["alpha"], n)
    mu = rng.gamma(params["s"], 1.0 / params["beta"], n)
    x, tx, alive = _repeat_counts_paretonbd(rng, lam, mu, T_arr)
    extra = {"lam": lam, "mu": mu, "alive": alive} if latent else None
    frame = _summary_frame(x, tx, T_arr, unit, params, extra, 1)
    frame.attrs["process"] = "paretonbd"
    return frame


def simulate_spend(frequency, *, p: float, q: float, gamma: float, seed=None) -> pd.Series:
    """Mean spend of each customer's repeat purchases under the Gamma-Gamma model.

    A customer with x repeat purchases has mean spend ``zbar = sum(z_i) / x`` with
    z_i ~ Gamma(p, nu) and nu ~ Gamma(q, gamma); the sum of x such purchases is
    Gamma(p x, nu), so one draw per customer suffices.

    Parameters
    ----------
    frequency : array-like or Series of int
        Repeat purchases per customer (0 gives monetary_value 0, as in a summary).
    p, q, gamma : float
        Gamma-Gamma parameters (mean spend p * gamma / (q - 1) for q > 1).
    seed : int, Generator or None
        Seed of the random draws.

    Returns
    -------
    Series
        ``monetary_value`` per customer (index of `frequency` when it is a Series),
        with ``attrs["true_params"]``.

    Examples
    --------
    >>> float(simulate_spend([0, 3], p=6.25, q=3.74, gamma=15.44, seed=0).iloc[0])
    0.0

    References
    ----------
    Fader, Hardie & Lee (2005b). RFM and CLV: using iso-value curves for customer base
    analysis. Journal of Marketing Research 42(4), 415-430.
    """
    params = _positive(p=p, q=q, gamma=gamma)
    index = frequency.index if isinstance(frequency, pd.Series) else None
    x = np.asarray(frequency, dtype=float)
    if x.ndim != 1 or not np.all(np.isfinite(x)) or np.any(x < 0) or np.any(x != np.round(x)):
        raise ClvDataError(text("simulate.frequency"))
    rng = _rng(seed)
    nu = rng.gamma(params["q"], 1.0 / params["gamma"], x.size)
    value = np.zeros(x.size)
    pos = x > 0
    value[pos] = rng.gamma(params["p"] * x[pos], 1.0 / (x[pos] * nu[pos]))
    out = pd.Series(value, index=index, name="monetary_value")
    out.attrs["true_params"] = dict(params)
    return out


# --------------------------------------------------------- transaction logs
def _shares(name: str, shares) -> tuple[list[str], np.ndarray] | None:
    if shares is None:
        return None
    if isinstance(shares, Mapping):
        labels = [str(k) for k in shares]
        weights = np.asarray([float(v) for v in shares.values()], dtype=float)
    else:
        labels = [str(k) for k in shares]
        weights = np.ones(len(labels))
    if not labels or not np.all(np.isfinite(weights)) or np.any(weights < 0) or weights.sum() <= 0:
        raise ClvDataError(text("simulate.shares", name=name, value=repr(shares)))
    return labels, weights / weights.sum()


def _repeat_categorical(values: pd.Categorical, counts: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(np.repeat(values.codes, counts), categories=values.categories)


def _assign(rng, n: int, spec) -> pd.Categorical:
    labels, weights = spec
    codes = rng.choice(len(labels), size=n, p=weights)
    return pd.Categorical.from_codes(codes, categories=labels)


def simulate_transactions(
    n_customers: int,
    *,
    r: float,
    alpha: float,
    a: float | None = None,
    b: float | None = None,
    s: float | None = None,
    beta: float | None = None,
    p: float = 6.25,
    q: float = 3.74,
    gamma: float = 15.44,
    start="2023-01-01",
    acquisition_days: int = 365,
    observation_days: int = 730,
    time_unit: str = "W",
    channels=None,
    segments=None,
    satisfaction: float | None = None,
    engagement: float | None = None,
    customer_id_start: int = 1,
    resolution: str = "D",
    seed=None,
) -> pd.DataFrame:
    """Simulate a transaction log (customer_id, date, amount) with staggered acquisition.

    Customers make their first purchase on a day drawn uniformly from the first
    `acquisition_days` days after `start`; the log ends `observation_days` days after
    `start`. Give ``a, b`` for a BG/NBD purchase process or ``s, beta`` for
    Pareto/NBD; amounts follow Gamma-Gamma with ``p, q, gamma``. Times are continuous
    and the date is the calendar day of each purchase (purchases of one customer on
    the same day become one occasion in :func:`clvkit.summarize`, which is rare at
    everyday rates).

    Parameters
    ----------
    n_customers : int
        Number of customers.
    r, alpha : float
        Purchase rate mixing Gamma(r, alpha), rates per `time_unit`.
    a, b : float, optional
        BG/NBD dropout mixing Beta(a, b).
    s, beta : float, optional
        Pareto/NBD dropout-rate mixing Gamma(s, beta).
    p, q, gamma : float
        Gamma-Gamma spend parameters (defaults: the CDNOW estimates of Fader, Hardie &
        Lee 2005b, mean spend about 35).
    start : str or Timestamp
        First possible acquisition day.
    acquisition_days : int
        Length of the acquisition window in days.
    observation_days : int
        Days from `start` to the end of observation (> `acquisition_days`); the last
        day is ``attrs["observation_end"]``.
    time_unit : str
        Unit the rates refer to (default weeks).
    channels, segments : list or mapping label -> share, optional
        Add a categorical ``channel`` / ``segment`` column drawn with these shares.
    satisfaction, engagement : float in [0, 1), optional
        Add a 0-10 score tied to dropout (satisfaction) or purchase rate (engagement)
        with this copula strength (see the module docstring).
    customer_id_start : int
        First customer id (ids are consecutive), so that chunks can be stacked.
    resolution : {"D", "min"}
        "D": dates are calendar days and ``attrs["observation_end"]`` is the day
        ``start + observation_days`` (summarise with ``purchase_grain="D"``). "min":
        timestamps to the minute, first purchases during the day, the log ends at
        midnight after ``attrs["observation_end"]`` (summarise with
        ``purchase_grain="exact"``, so that frequent buyers' same-day purchases stay
        separate occasions).
    seed : int, Generator or None
        Seed of the random draws.

    Returns
    -------
    DataFrame
        One row per purchase, sorted by customer and date; columns customer_id, date,
        amount and the optional channel, segment, satisfaction, engagement. ``attrs``
        holds true_params, process, time_unit, start and observation_end.

    Examples
    --------
    >>> tx = simulate_transactions(200, r=0.5, alpha=8, a=0.8, b=2.5, seed=3)
    >>> tx.attrs["process"]
    'bgnbd'

    References
    ----------
    Fader, Hardie & Lee (2005); Schmittlein, Morrison & Colombo (1987).
    """
    n = _count("n_customers", n_customers)
    first_id = _count("customer_id_start", customer_id_start, low=0)
    if (a is None) != (b is None) or (s is None) != (beta is None) or (a is None) == (s is None):
        raise ClvDataError(text("simulate.process"))
    process = "bgnbd" if a is not None else "paretonbd"
    rate = _positive(r=r, alpha=alpha)
    drop = _positive(a=a, b=b) if process == "bgnbd" else _positive(s=s, beta=beta)
    spend = _positive(p=p, q=q, gamma=gamma)
    unit = check_time_unit(time_unit)
    acq = _count("acquisition_days", acquisition_days)
    obs = _count("observation_days", observation_days)
    if obs <= acq:
        raise ClvDataError(text("simulate.observation_days", obs=obs, acq=acq))
    try:
        start_ts = pd.Timestamp(start).normalize()
    except (TypeError, ValueError):
        raise ClvDataError(text("simulate.start", example="'2023-01-01'", value=repr(start))) from None
    sat = _strength("satisfaction", satisfaction)
    eng = _strength("engagement", engagement)
    channel_spec = _shares("channels", channels)
    segment_spec = _shares("segments", segments)
    if resolution not in ("D", "min"):
        raise ClvDataError(text("simulate.resolution", value=repr(resolution)))
    rng = _rng(seed)

    day0 = rng.integers(0, acq, n)
    dpu = DAYS_PER_UNIT[unit]
    if resolution == "min":
        # First purchases between 07:00 and 19:00; the log ends at midnight after day obs - 1.
        first_time = day0 + np.round(rng.uniform(7 / 24, 19 / 24, n) * 1440) / 1440
        T = (obs - first_time) / dpu
    else:
        T = (obs - day0) / dpu
    u_rate, eng_score = _copula(rng, n, eng)
    u_drop, sat_score = _copula(rng, n, sat)
    lam = _gamma_rates(rng, n, rate["r"], rate["alpha"], u_rate)
    if process == "bgnbd":
        pdrop = _beta_draws(rng, n, drop["a"], drop["b"], None if u_drop is None else 1.0 - u_drop)
        x, tx, _ = _repeat_counts_bgnbd(rng, lam, pdrop, T)
    else:
        mu = _gamma_rates(rng, n, drop["s"], drop["beta"], None if u_drop is None else 1.0 - u_drop)
        x, tx, _ = _repeat_counts_paretonbd(rng, lam, mu, T)
    repeat_times = _ordered_times(rng, x, tx)

    counts = x + 1
    rows = int(counts.sum())
    # Position of each repeat purchase in the row array: every customer's block starts with t=0.
    first_row = np.cumsum(counts) - counts
    times = np.zeros(rows)
    is_repeat = np.ones(rows, dtype=bool)
    is_repeat[first_row] = False
    times[is_repeat] = repeat_times
    origin = start_ts.to_datetime64().astype("datetime64[D]")
    if resolution == "min":
        minute = np.floor((np.repeat(first_time, counts) + times * dpu) * 1440).astype(np.int64)
        minute = np.minimum(minute, obs * 1440 - 1)
        dates = origin.astype("datetime64[m]") + minute.astype("timedelta64[m]")
        end_day = start_ts + pd.Timedelta(days=obs - 1)
    else:
        day = np.repeat(day0, counts) + np.floor(times * dpu).astype(np.int64)
        day = np.minimum(day, obs)
        dates = origin + day.astype("timedelta64[D]")
        end_day = start_ts + pd.Timedelta(days=obs)

    nu = rng.gamma(spend["q"], 1.0 / spend["gamma"], n)
    amount = np.round(rng.gamma(spend["p"], 1.0, rows) / np.repeat(nu, counts), 2)

    columns = {
        "customer_id": np.repeat(np.arange(first_id, first_id + n, dtype=np.int64), counts),
        "date": dates.astype("datetime64[ns]"),
        "amount": amount,
    }
    tx_frame = pd.DataFrame(columns)
    if channel_spec is not None:
        tx_frame["channel"] = _repeat_categorical(_assign(rng, n, channel_spec), counts)
    if segment_spec is not None:
        tx_frame["segment"] = _repeat_categorical(_assign(rng, n, segment_spec), counts)
    if sat_score is not None:
        tx_frame["satisfaction"] = np.repeat(sat_score, counts)
    if eng_score is not None:
        tx_frame["engagement"] = np.repeat(eng_score, counts)
    tx_frame.attrs.update(
        true_params={**rate, **drop, **spend},
        process=process,
        time_unit=unit,
        start=start_ts,
        observation_end=end_day,
        resolution=resolution,
    )
    return tx_frame


def iter_transactions(n_customers: int, *, chunk_size: int = 100_000, seed=None, **kwargs) -> Iterator[pd.DataFrame]:
    """Yield a large simulated log in chunks of `chunk_size` customers (e.g. to write Parquet).

    Each chunk uses its own child seed spawned from `seed` (``numpy.random.SeedSequence``),
    so the whole stream is reproducible and the customer ids run on from chunk to chunk.
    Other keyword arguments go to :func:`simulate_transactions`.

    Examples
    --------
    >>> chunks = iter_transactions(250, chunk_size=100, r=0.5, alpha=8, a=0.8, b=2.5, seed=1)
    >>> [int(c["customer_id"].max()) for c in chunks]
    [100, 200, 250]
    """
    n = _count("n_customers", n_customers)
    size = _count("chunk_size", chunk_size)
    first = kwargs.pop("customer_id_start", 1)
    n_chunks = -(-n // size)
    children = np.random.SeedSequence(seed).spawn(n_chunks)
    for i, child in enumerate(children):
        m = min(size, n - i * size)
        yield simulate_transactions(m, customer_id_start=first + i * size, seed=np.random.default_rng(child), **kwargs)


# ------------------------------------------------------------- subscriptions
def simulate_subscriptions(
    n_customers: int,
    *,
    alpha: float,
    beta: float,
    start="2022-01-01",
    acquisition_months: int = 1,
    observation_months: int = 24,
    price: float = 10.0,
    engagement: float | None = None,
    customer_id_start: int = 1,
    seed=None,
) -> pd.DataFrame:
    """Simulate monthly subscribers under the shifted beta-geometric (sBG) model.

    Each subscriber pays at the start of their first month; at every later monthly
    renewal they cancel with probability theta ~ Beta(alpha, beta), so the number of
    months paid L has P(L > t) = B(alpha, beta + t) / B(alpha, beta). Subscribers join
    in monthly cohorts spread over the first `acquisition_months` months; observation
    stops `observation_months` months after `start`.

    Parameters
    ----------
    n_customers : int
        Number of subscribers.
    alpha, beta : float
        Beta mixing of the monthly churn probability (mean alpha / (alpha + beta)).
    start : str or Timestamp
        Month of the first cohort (its first day is used).
    acquisition_months : int
        Number of monthly cohorts (joining months drawn uniformly).
    observation_months : int
        Months from `start` to the end of observation (> `acquisition_months`).
    price : float
        Monthly fee (recorded as the column ``price``).
    engagement : float in [0, 1), optional
        Add a 0-10 content-engagement score tied to churn by a Gaussian copula:
        engaged subscribers churn less (see the module docstring).
    customer_id_start : int
        First subscriber id.
    seed : int, Generator or None
        Seed of the random draws.

    Returns
    -------
    DataFrame
        One row per subscriber: customer_id, start_date, cohort (months after `start`),
        months_observed, months_paid (observed, at most months_observed), churned
        (cancelled before observation ended), price and the optional engagement;
        ``attrs["true_params"]`` and ``attrs["observation_end"]``.

    Examples
    --------
    >>> subs = simulate_subscriptions(100, alpha=0.7, beta=1.2, seed=0)
    >>> int(subs["months_paid"].min()) >= 1
    True

    References
    ----------
    Fader & Hardie (2007), Journal of Interactive Marketing 21(1), 76-90.
    """
    n = _count("n_customers", n_customers)
    params = _positive(alpha=alpha, beta=beta)
    acq = _count("acquisition_months", acquisition_months)
    obs = _count("observation_months", observation_months)
    if obs <= acq:
        raise ClvDataError(text("simulate.observation_months", obs=obs, acq=acq))
    fee = check_number("price", price, low=0.0)
    eng = _strength("engagement", engagement)
    first_id = _count("customer_id_start", customer_id_start, low=0)
    try:
        start_month = pd.Timestamp(start).to_period("M").to_timestamp()
    except (TypeError, ValueError):
        raise ClvDataError(text("simulate.start", example="'2022-01-01'", value=repr(start))) from None
    rng = _rng(seed)
    cohort = rng.integers(0, acq, n)
    u, score = _copula(rng, n, eng)
    theta = _beta_draws(rng, n, params["alpha"], params["beta"], None if u is None else 1.0 - u)
    lifetime = rng.geometric(np.clip(theta, 1e-300, 1.0))
    observed = obs - cohort
    paid = np.minimum(lifetime, observed)
    start_dates = (start_month.to_datetime64().astype("datetime64[M]") + cohort.astype("timedelta64[M]"))
    frame = pd.DataFrame(
        {
            "customer_id": np.arange(first_id, first_id + n, dtype=np.int64),
            "start_date": start_dates.astype("datetime64[ns]"),
            "cohort": cohort.astype(np.int64),
            "months_observed": observed.astype(np.int64),
            "months_paid": paid.astype(np.int64),
            "churned": lifetime < observed,
            "price": np.full(n, fee),
        }
    )
    if score is not None:
        frame["engagement"] = score
    frame.attrs.update(
        true_params=dict(params),
        process="sbg",
        time_unit="M",
        start=start_month,
        observation_end=start_month + pd.DateOffset(months=obs),
    )
    return frame


def subscription_payments(subscribers: pd.DataFrame) -> pd.DataFrame:
    """Expand subscribers into a payment log: one row per month paid (customer_id, date, amount).

    Parameters
    ----------
    subscribers : DataFrame
        Output of :func:`simulate_subscriptions` (columns customer_id, start_date,
        months_paid, price; other columns are carried along).

    Returns
    -------
    DataFrame
        customer_id, date (first day of each paid month), amount (the price) and the
        subscriber's other columns except start_date, months_observed and months_paid.

    Examples
    --------
    >>> subs = simulate_subscriptions(10, alpha=1, beta=3, seed=0)
    >>> len(subscription_payments(subs)) == int(subs["months_paid"].sum())
    True
    """
    need = {"customer_id", "start_date", "months_paid", "price"}
    missing = sorted(need - set(subscribers.columns))
    if missing:
        raise ClvDataError(text("simulate.subscriber_columns", columns=", ".join(map(repr, missing))))
    paid = subscribers["months_paid"].to_numpy(dtype=np.int64)
    owner = np.repeat(np.arange(len(subscribers)), paid)
    month = np.arange(paid.sum()) - np.repeat(np.cumsum(paid) - paid, paid)
    begin = subscribers["start_date"].to_numpy().astype("datetime64[M]")
    dates = (begin[owner] + month.astype("timedelta64[M]")).astype("datetime64[ns]")
    keep = [c for c in subscribers.columns if c not in ("customer_id", "start_date", "months_observed", "months_paid", "price")]
    out = pd.DataFrame(
        {
            "customer_id": subscribers["customer_id"].to_numpy()[owner],
            "date": dates,
            "amount": subscribers["price"].to_numpy(dtype=float)[owner],
        }
    )
    for col in keep:
        out[col] = subscribers[col].to_numpy()[owner]
    out.attrs.update(subscribers.attrs)
    return out


def subscription_survivors(subscribers: pd.DataFrame, *, n_periods: int, cohort: int | None = None) -> np.ndarray:
    """Subscribers still active at the start of months 0..n_periods, for fitting sBG.

    Only subscribers observed for more than `n_periods` months are counted (so no one
    is censored), optionally only one joining `cohort`. Element t counts those who
    renewed at least t times; element 0 is everyone counted.

    Parameters
    ----------
    subscribers : DataFrame
        Output of :func:`simulate_subscriptions` (or a log with columns
        months_observed and months_paid).
    n_periods : int
        Last month counted.
    cohort : int, optional
        Keep only this joining cohort.

    Returns
    -------
    ndarray of int
        Survivors per month, ready for ``ShiftedBetaGeometric().fit``.

    Examples
    --------
    >>> subs = simulate_subscriptions(500, alpha=0.7, beta=1.2, seed=0)
    >>> int(subscription_survivors(subs, n_periods=12)[0])
    500
    """
    k = _count("n_periods", n_periods)
    frame = subscribers
    if cohort is not None:
        frame = frame[frame["cohort"] == cohort]
    frame = frame[frame["months_observed"] > k]
    if len(frame) == 0:
        raise ClvDataError(text("simulate.no_survivors", k=k))
    paid = frame["months_paid"].to_numpy()
    return np.array([(paid > t).sum() for t in range(k + 1)], dtype=np.int64)
