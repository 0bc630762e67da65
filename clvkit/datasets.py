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

        raise ClvDataError(f"No dataset file named {name!r}; the shipped files are {available}.")
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
