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
]

CDNOW_CALIBRATION_END = "1997-09-30"
CDNOW_OBSERVATION_END = "1998-06-30"


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


def _read_csv(name: str, **kwargs) -> pd.DataFrame:
    with dataset_path(name).open("rb") as handle:
        return pd.read_csv(handle, **kwargs)


def load_cdnow_transactions() -> pd.DataFrame:
    """The CDNOW 1/10 sample: 6,919 purchases by 2,357 customers, 1997-01-01 to 1998-06-30.

    Columns: customer_id (1..2357), master_id (the id in the full CDNOW log), date,
    cds (number of CDs bought), amount (US dollars). Validated with
    :func:`clvkit.load_transactions`, keeping ``cds`` and ``master_id``. The 21 rows that
    repeat another row exactly are genuine repeat orders on the same day and are kept.
    """
    from .data.transactions import load_transactions

    return load_transactions(_read_csv("cdnow_sample.csv", parse_dates=["date"]), keep=["cds", "master_id"],
                             on_duplicate="keep")


def load_cdnow_calibration_summary_published() -> pd.DataFrame:
    """The CDNOW calibration summary as published by Fader, Hardie & Lee (weeks, 39-week calibration).

    Index customer_id; columns frequency, recency, T (weeks, two decimals), monetary_value
    (mean repeat spend in dollars). Kept as the independent check of :func:`clvkit.summarize`.
    """
    frame = _read_csv("cdnow_calibration_summary_published.csv", index_col="customer_id")
    frame.attrs["time_unit"] = "W"
    return frame


def load_cdnow_summary(*, with_holdout: bool = False):
    """The CDNOW sample summarised with the canonical 39-week calibration ending 1997-09-30.

    Returns the calibration summary (weeks, calendar-day purchases); with
    ``with_holdout=True`` also the holdout frame to 1998-06-30 as a second value.
    """
    from .data.summary import split_calibration_holdout

    cal, hold = split_calibration_holdout(
        load_cdnow_transactions(), calibration_end=CDNOW_CALIBRATION_END,
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


def _case_log(csv: str, params: str, keep: list[str]) -> pd.DataFrame:
    from .data.transactions import load_transactions

    log = load_transactions(_read_csv(csv, parse_dates=["date"]), keep=keep, on_duplicate="keep")
    true = _case_params(params)
    log.attrs.update(
        synthetic=True,
        true_params=true,
        time_unit=true["time_unit"],
        observation_end=pd.Timestamp(true["observation_end"]),
    )
    return log


def load_retailer(*, with_channels: bool = False):
    """SYNTHETIC online retailer: 6,000 customers from four acquisition channels, 2023-2024.

    Columns customer_id, date (day), amount (order value), channel (search, social,
    affiliate, referral) and recommendations (1 for the half of the customers who saw
    product recommendations, which raise order value by 20%). Generated by
    ``datasets/make_retailer.py``; the true parameters are in
    ``attrs["true_params"]``. Summarise with ``observation_end=attrs["observation_end"]``
    and weeks. With ``with_channels=True`` also returns the channel table (channel,
    cac, saturation, capacity) for :func:`clvkit.acquisition.allocate_budget`.
    """
    log = _case_log("retailer_transactions.csv", "retailer_params.json", ["channel", "recommendations"])
    if not with_channels:
        return log
    return log, _read_csv("retailer_channels.csv", index_col="channel")


def load_subscription() -> pd.DataFrame:
    """SYNTHETIC subscription service: monthly payments of 4,000 subscribers, 2022 to mid-2024.

    Columns customer_id, date (first day of each paid month), amount (the plan's
    price), plan (basic, premium) and engagement (0-10 content-engagement score; more
    engaged subscribers churn less). Churn follows the shifted beta-geometric model
    per plan; true parameters in ``attrs["true_params"]``. Generated by
    ``datasets/make_subscription.py``.
    """
    return _case_log("subscription_payments.csv", "subscription_params.json", ["plan", "engagement"])


def load_coffee_chain() -> pd.DataFrame:
    """SYNTHETIC coffee chain: 2,500 customers in 2024, 800 of them loyalty-program members.

    Columns customer_id, date (to the minute), amount (cup price) and member (1 for
    loyalty-program members, who buy more often and stay longer). Summarise with
    ``purchase_grain="exact"``; true BG/NBD parameters per group in
    ``attrs["true_params"]``. Generated by ``datasets/make_coffee_chain.py``.
    """
    return _case_log("coffee_transactions.csv", "coffee_params.json", ["member"])


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
    log = _case_log("online_school_payments.csv", "online_school_params.json", ["plan", "channel", "activity"])
    log.attrs["currency"] = "RUB"
    if not with_channels:
        return log
    channels = _read_csv("online_school_channels.csv", index_col="channel")
    channels.attrs["currency"] = "RUB"
    return log, channels
