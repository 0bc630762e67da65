"""Input checks shared by the chart modules (one sentence each, from the catalogue)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import require_columns, require_frame
from ..errors import ClvDataError
from ..i18n import text


def frame(data, what: str) -> pd.DataFrame:
    """`data` if it is a non-empty DataFrame, else ClvDataError naming the argument."""
    return require_frame(data, what, subject="plots")


def require(table: pd.DataFrame, columns, what: str) -> None:
    """ClvDataError naming the missing columns and the clvkit function that builds the table."""
    require_columns(table, columns, what, subject="plots")


def clv_values(values) -> np.ndarray:
    """Per-customer values as a finite float array (a DataFrame gives its ``clv`` column)."""
    if isinstance(values, pd.DataFrame):
        require(values, ["clv"], "values")
        values = values["clv"]
    v = np.asarray(values, dtype=float).ravel()
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ClvDataError(text("plots.values_not_finite"))
    return v
