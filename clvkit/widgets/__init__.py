"""Interactive explorers for Jupyter: move a slider, see the value of a customer change.

Six explorers, one per file: :class:`DriverExplorer` (the CLV formula's drivers),
:class:`RetentionExplorer` (sBG survival vs constant retention),
:class:`CustomerExplorer` (one customer under a fitted model), :class:`SegmentExplorer`
(RFM and value tiers), :class:`StrategySimulator` (levers on a customer base) and
:class:`UnitEconomicsExplorer` (the acquisition funnel's unit economics beside CLV).

Each keeps its numbers in a small state object (``explorer.state``) computed by public
clvkit functions, and its view in ``explorer.widget``. The names load lazily: importing
:mod:`clvkit.widgets` does not import ipywidgets or matplotlib; using an explorer does.

>>> from clvkit.widgets import DriverExplorer
>>> DriverExplorer(lang="ru")          # doctest: +SKIP
"""

from __future__ import annotations

import importlib

_EXPLORERS = {
    "DriverExplorer": "clvkit.widgets.driver",
    "DriverState": "clvkit.widgets.driver",
    "RetentionExplorer": "clvkit.widgets.retention",
    "RetentionState": "clvkit.widgets.retention",
    "CustomerExplorer": "clvkit.widgets.customer",
    "CustomerState": "clvkit.widgets.customer",
    "SegmentExplorer": "clvkit.widgets.segment",
    "SegmentState": "clvkit.widgets.segment",
    "StrategySimulator": "clvkit.widgets.strategy",
    "StrategyState": "clvkit.widgets.strategy",
    "UnitEconomicsExplorer": "clvkit.widgets.unit_economics",
    "UnitEconomicsState": "clvkit.widgets.unit_economics",
    "WorkbenchView": "clvkit.widgets.workbench",
}

__all__ = ["CustomerExplorer", "DriverExplorer", "RetentionExplorer", "SegmentExplorer", "StrategySimulator",
           "UnitEconomicsExplorer", "WorkbenchView"]


def __getattr__(name: str):
    if name in _EXPLORERS:
        value = getattr(importlib.import_module(_EXPLORERS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'clvkit.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPLORERS))
