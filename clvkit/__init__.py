"""clvkit: learn and compute Customer Lifetime Value in Jupyter.

The public names load lazily, so ``import clvkit`` stays fast and does not pull in
pandas, scipy, matplotlib or ipywidgets until a function needs them.

>>> import clvkit as ck
>>> tx = ck.load_transactions("orders.csv")          # doctest: +SKIP
>>> s = ck.summarize(tx)                              # doctest: +SKIP
"""

from __future__ import annotations

import importlib

from .errors import ClvDataError, ConvergenceWarning, NotFittedError, UnitMismatchError

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "load_transactions": "clvkit.data.transactions",
    "summarize": "clvkit.data.summary",
    "split_calibration_holdout": "clvkit.data.summary",
    "cohort_table": "clvkit.data.cohorts",
    "customer_lifetime_value": "clvkit.valuation",
    "customer_equity": "clvkit.valuation",
    "set_language": "clvkit.i18n",
    "get_language": "clvkit.i18n",
    "set_currency": "clvkit.i18n",
    "get_currency": "clvkit.i18n",
    "format_table": "clvkit.tables",
}
_SUBMODULES = {
    "data", "datasets", "formulas", "models", "valuation", "segments", "strategy",
    "simulate", "plots", "widgets", "teach", "units", "acquisition", "validation", "diagnostics", "i18n",
    "unit_economics", "spark", "workbench", "tables",
}

__all__ = [
    "ClvDataError",
    "ConvergenceWarning",
    "NotFittedError",
    "UnitMismatchError",
    *sorted(_LAZY),
    *sorted(_SUBMODULES),
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"clvkit.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'clvkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
