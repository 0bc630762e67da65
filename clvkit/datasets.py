"""Load the small datasets shipped with clvkit (provenance in datasets/README.md).

Files live in the top-level ``datasets/`` folder of a source checkout; a built wheel
carries the same folder as the package ``clvkit._datasets``.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pandas as pd

__all__ = [
    "dataset_path",
    "list_datasets",
    "load_cdnow_transactions",
    "load_cdnow_calibration_summary_published",
    "load_cdnow_summary",
    "load_sbg_cohorts",
    "load_donations",
    "load_retailer",
    "load_subscription",
    "load_coffee_chain",
    "load_online_school",
    "COURSE_RATES",
    "in_currency",
]

CDNOW_CALIBRATION_END = "1997-09-30"
CDNOW_OBSERVATION_END = "1998-06-30"

#: Units of each currency the course counts per US dollar of its data. A fixed course rate, not a market
#: rate: 100 ₽ a dollar is round, so that a $35 order reads as 3 500 ₽ and every figure stays in proportion.
COURSE_RATES: dict[str, float] = {"USD": 1.0, "RUB": 100.0}

# The money columns of the shipped files (all in US dollars); nothing else is converted.
_MONEY_COLUMNS = ("amount", "monetary_value", "total_amount", "monetary_value_holdout", "cac", "price")
# Money among the true parameters of the synthetic cases: a plan's price and Gamma-Gamma's scale
# (amounts times c give gamma times c).
_MONEY_PARAMS = ("price", "gamma")


def _data_dir():
    checkout = Path(__file__).resolve().parent.parent / "datasets"
    if (checkout / "cdnow_sample.csv").exists():
        return checkout
    return importlib.resources.files("clvkit._datasets")


def dataset_path(name: str):
    """Path of a shipped data file, e.g. ``dataset_path("cdnow_sample.csv")``."""
    path = _data_dir() / name
    if not path.is_file():
        available = ", ".join(list_datasets())
        from .errors import ClvDataError
        from .i18n import text

        raise ClvDataError(text("datasets.no_file", name=repr(name), available=available))
    return path


def list_datasets() -> list[str]:
    """Names of the data files shipped with clvkit."""
    return sorted(p.name for p in _data_dir().iterdir() if p.name.endswith((".csv", ".parquet")))


def _rate(currency: str, argument: str = "currency") -> float:
    code = str(currency).upper()
    if code not in COURSE_RATES:
        from .errors import ClvDataError
        from .i18n import text

        raise ClvDataError(text("course_tables.no_rate", argument=argument, currency=repr(currency),
                                options=", ".join(repr(c) for c in COURSE_RATES)))
    return COURSE_RATES[code]


def _scaled_params(params, rate: float):
    if isinstance(params, dict):
        return {k: (v * rate if k in _MONEY_PARAMS and isinstance(v, (int, float))
                    else _scaled_params(v, rate)) for k, v in params.items()}
    return params


def in_currency(frame: pd.DataFrame, currency: str, *, columns=None) -> pd.DataFrame:
    """A shipped dataset (in US dollars) with its money in `currency` at the course's fixed rate.

    The course's data are in dollars; the Russian track shows them in roubles at 100 ₽ a dollar
    (:data:`COURSE_RATES`), a round rate chosen so that figures read naturally, not a market rate.
    Amounts in proportion keep every ratio, share and count of the data as it was.

    Parameters
    ----------
    frame : DataFrame
        A frame returned by a loader of this module, in dollars (``attrs["currency"]`` "USD" or unset).
    currency : {"USD", "RUB"}
        The currency to count in.
    columns : list of str, optional
        The money columns; by default those of the shipped files present in `frame` (amount,
        monetary_value, total_amount, monetary_value_holdout, cac, price).

    Returns
    -------
    DataFrame
        A new frame (the one given is not modified) with the money columns times the rate,
        ``attrs["currency"]`` set, and the money among ``attrs["true_params"]`` (a plan's price,
        Gamma-Gamma's gamma) converted too.

    Raises
    ------
    ClvDataError
        When `currency` has no course rate, or `frame` is already in another currency than dollars.
    """
    rate = _rate(currency)
    held = frame.attrs.get("currency", "USD")
    if held != "USD":
        from .errors import ClvDataError
        from .i18n import text

        raise ClvDataError(text("course_tables.not_dollars", held=repr(held)))
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    names = [c for c in _MONEY_COLUMNS if c in out.columns] if columns is None else list(columns)
    for name in names:
        out[name] = out[name] * rate
    if "true_params" in out.attrs:
        out.attrs["true_params"] = _scaled_params(out.attrs["true_params"], rate)
    out.attrs["currency"] = str(currency).upper()
    return out


def _read_csv(name: str, **kwargs) -> pd.DataFrame:
    with dataset_path(name).open("rb") as handle:
        return pd.read_csv(handle, **kwargs)


_CURRENCY_DOC = """currency : {"USD", "RUB"}
        The currency of the money columns: US dollars as recorded, or roubles at the course's
        fixed rate (:data:`COURSE_RATES`, see :func:`in_currency`)."""


def load_cdnow_transactions(*, currency: str = "USD") -> pd.DataFrame:
    """The CDNOW 1/10 sample: 6,919 purchases by 2,357 customers, 1997-01-01 to 1998-06-30.

    Columns: customer_id (1..2357), master_id (the id in the full CDNOW log), date,
    cds (number of CDs bought), amount (US dollars, or `currency`). Validated with
    :func:`clvkit.load_transactions`, keeping ``cds`` and ``master_id``. The 21 rows that
    repeat another row exactly are genuine repeat orders on the same day and are kept.

    Parameters
    ----------
    {currency}
    """
    from .data.transactions import load_transactions

    rate = _rate(currency)  # an unknown currency is refused before the file is read
    log = load_transactions(_read_csv("cdnow_sample.csv", parse_dates=["date"]), keep=["cds", "master_id"],
                            on_duplicate="keep")
    return in_currency(log, currency) if rate != 1.0 else log


def load_cdnow_calibration_summary_published(*, currency: str = "USD") -> pd.DataFrame:
    """The CDNOW calibration summary as published by Fader, Hardie & Lee (weeks, 39-week calibration).

    Index customer_id; columns frequency, recency, T (weeks, two decimals), monetary_value
    (mean repeat spend in dollars, or `currency`). Kept as the independent check of :func:`clvkit.summarize`.

    Parameters
    ----------
    {currency}
    """
    rate = _rate(currency)
    frame = _read_csv("cdnow_calibration_summary_published.csv", index_col="customer_id")
    frame.attrs["time_unit"] = "W"
    return in_currency(frame, currency) if rate != 1.0 else frame


def load_cdnow_summary(*, with_holdout: bool = False, currency: str = "USD"):
    """The CDNOW sample summarised with the canonical 39-week calibration ending 1997-09-30.

    Returns the calibration summary (weeks, calendar-day purchases); with
    ``with_holdout=True`` also the holdout frame to 1998-06-30 as a second value.

    Parameters
    ----------
    with_holdout : bool
        Also return the holdout frame.
    {currency}
    """
    from .data.summary import split_calibration_holdout

    cal, hold = split_calibration_holdout(
        load_cdnow_transactions(currency=currency), calibration_end=CDNOW_CALIBRATION_END,
        observation_end=CDNOW_OBSERVATION_END, time_unit="W", purchase_grain="D",
    )
    return (cal, hold) if with_holdout else cal


def load_sbg_cohorts() -> pd.DataFrame:
    """Customers still active per year, of 1,000 acquired, for two segments (Fader & Hardie 2007).

    Index year (0..12); columns regular and high_end.
    """
    return _read_csv("sbg_cohorts.csv", index_col="year")


def load_donations() -> pd.DataFrame:
    """The donations panel of Fader, Hardie & Shang (2010): 11,104 donors over 6 annual occasions.

    Columns frequency (repeat donations), recency (occasion of the last donation),
    n_periods (6) and count (how many donors share the row); fit BG/BB with
    ``BGBB().fit(d, weights="count")``.
    """
    return _read_csv("donations.csv")


# ------------------------------------------------------------ synthetic case studies
def _case_params(name: str) -> dict:
    import json

    with dataset_path(name).open("rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def _case_log(csv: str, params: str, keep: list[str], currency: str) -> pd.DataFrame:
    from .data.transactions import load_transactions

    rate = _rate(currency)
    log = load_transactions(_read_csv(csv, parse_dates=["date"]), keep=keep, on_duplicate="keep")
    true = _case_params(params)
    log.attrs.update(
        synthetic=True,
        true_params=true,
        time_unit=true["time_unit"],
        observation_end=pd.Timestamp(true["observation_end"]),
    )
    return in_currency(log, currency) if rate != 1.0 else log


def load_retailer(*, with_channels: bool = False, currency: str = "USD"):
    """SYNTHETIC online retailer: 6,000 customers from four acquisition channels, 2023-2024.

    Columns customer_id, date (day), amount (order value), channel (search, social,
    affiliate, referral) and recommendations (1 for the half of the customers who saw
    product recommendations, which raise order value by 20%). Generated by
    ``datasets/make_retailer.py``; the true parameters are in
    ``attrs["true_params"]``. Summarise with ``observation_end=attrs["observation_end"]``
    and weeks. With ``with_channels=True`` also returns the channel table (channel,
    cac, saturation, capacity) for :func:`clvkit.acquisition.allocate_budget`.

    Parameters
    ----------
    with_channels : bool
        Also return the channel table.
    {currency}
    """
    log = _case_log("retailer_transactions.csv", "retailer_params.json", ["channel", "recommendations"],
                    currency)
    if not with_channels:
        return log
    channels = _read_csv("retailer_channels.csv", index_col="channel")
    return log, (in_currency(channels, currency) if _rate(currency) != 1.0 else channels)


def load_subscription(*, currency: str = "USD") -> pd.DataFrame:
    """SYNTHETIC subscription service: monthly payments of 4,000 subscribers, 2022 to mid-2024.

    Columns customer_id, date (first day of each paid month), amount (the plan's
    price), plan (basic, premium) and engagement (0-10 content-engagement score; more
    engaged subscribers churn less). Churn follows the shifted beta-geometric model
    per plan; true parameters in ``attrs["true_params"]``. Generated by
    ``datasets/make_subscription.py``.

    Parameters
    ----------
    {currency}
    """
    return _case_log("subscription_payments.csv", "subscription_params.json", ["plan", "engagement"],
                     currency)


def load_coffee_chain(*, currency: str = "USD") -> pd.DataFrame:
    """SYNTHETIC coffee chain: 2,500 customers in 2024, 800 of them loyalty-program members.

    Columns customer_id, date (to the minute), amount (cup price) and member (1 for
    loyalty-program members, who buy more often and stay longer). Summarise with
    ``purchase_grain="exact"``; true BG/NBD parameters per group in
    ``attrs["true_params"]``. Generated by ``datasets/make_coffee_chain.py``.

    Parameters
    ----------
    {currency}
    """
    return _case_log("coffee_transactions.csv", "coffee_params.json", ["member"], currency)


def load_online_school(*, with_channels: bool = False):
    """SYNTHETIC online school in roubles: monthly payments of 5,808 students, 2024-2025.

    An online school (shaped like a Russian one, not taken from any) sells courses by
    monthly subscription on two plans: basic (Базовый, 2,990 ₽ a month) and pro (Про,
    5,990 ₽). Students join in monthly cohorts during 2024 from four channels and are
    observed to 2025-12-31. Columns customer_id, date (first day of each paid month),
    amount (the plan's price, roubles), plan (basic, pro), channel (search_ads =
    контекст, social_ads = таргет, bloggers = блогеры, partners = партнёрские
    программы) and activity (0-10, lessons and homework in the first month; active
    students churn less). Churn follows the shifted beta-geometric model per channel;
    the true parameters, the plans' prices and costs of service (``plans``) are in
    ``attrs["true_params"]``, and ``attrs["currency"]`` is ``"RUB"``. Generated by
    ``datasets/make_online_school.py``.

    Parameters
    ----------
    with_channels : bool
        Also return the channel table: one month's funnel per channel, indexed by
        channel, with ua (users), c1 (share who pay), cpa and cac (roubles).

    Returns
    -------
    DataFrame, or (DataFrame, DataFrame) with ``with_channels=True``
    """
    # recorded in roubles: no course rate applies
    log = _case_log("online_school_payments.csv", "online_school_params.json", ["plan", "channel", "activity"], "USD")
    log.attrs["currency"] = "RUB"
    if not with_channels:
        return log
    channels = _read_csv("online_school_channels.csv", index_col="channel")
    channels.attrs["currency"] = "RUB"
    return log, channels


for _loader in (load_cdnow_transactions, load_cdnow_calibration_summary_published, load_cdnow_summary,
                load_retailer, load_subscription, load_coffee_chain):
    _loader.__doc__ = _loader.__doc__.replace("{currency}", _CURRENCY_DOC)
del _loader
