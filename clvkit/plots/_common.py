"""Input checks shared by the chart modules (one sentence each, from the catalogue)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text


def frame(data, what: str) -> pd.DataFrame:
    """`data` if it is a non-empty DataFrame, else ClvDataError naming the argument."""
    if not isinstance(data, pd.DataFrame):
        raise ClvDataError(text("plots.not_a_frame", what=what, type=type(data).__name__))
    if len(data) == 0:
        raise ClvDataError(text("plots.empty", what=what))
    return data


def require(table: pd.DataFrame, columns, what: str) -> None:
    """ClvDataError naming the missing columns and the clvkit function that builds the table."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ClvDataError(text("plots.missing_columns", what=what, columns=", ".join(map(repr, missing)),
                                available=", ".join(map(repr, map(str, table.columns)))))


def clv_values(values) -> np.ndarray:
    """Per-customer values as a finite float array (a DataFrame gives its ``clv`` column)."""
    if isinstance(values, pd.DataFrame):
        require(values, ["clv"], "values")
        values = values["clv"]
    v = np.asarray(values, dtype=float).ravel()
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ClvDataError(text("plots.values_not_finite"))
    return v
