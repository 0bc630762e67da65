"""The data path: transaction logs -> per-customer summaries and cohort tables.

In memory with pandas (:func:`summarize`), or out of memory in DuckDB / Spark SQL
(:func:`summary_sql`, :func:`summarize_duckdb`) for logs larger than memory.
"""

from __future__ import annotations

import importlib

_NAMES = {
    "load_transactions": "clvkit.data.transactions",
    "DataQualityWarning": "clvkit.data.transactions",
    "summarize": "clvkit.data.summary",
    "split_calibration_holdout": "clvkit.data.summary",
    "cohort_table": "clvkit.data.cohorts",
    "summary_sql": "clvkit.data.sql",
    "holdout_sql": "clvkit.data.sql",
    "finish_summary": "clvkit.data.sql",
    "summarize_duckdb": "clvkit.data.sql",
    "split_calibration_holdout_duckdb": "clvkit.data.sql",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'clvkit.data' has no attribute {name!r}")
