"""Probability models of customer behaviour, one file per model.

Non-contractual, continuous time: BGNBD, ParetoNBD, MBGNBD.
Non-contractual, discrete time: BGBB.  Contractual, discrete time: ShiftedBetaGeometric.
Spend per transaction: GammaGamma.
"""

from __future__ import annotations

import importlib

_MODELS = {
    "BGNBD": "clvkit.models.bgnbd",
    "ParetoNBD": "clvkit.models.paretonbd",
    "MBGNBD": "clvkit.models.mbgnbd",
    "BGBB": "clvkit.models.bgbb",
    "GammaGamma": "clvkit.models.gammagamma",
    "ShiftedBetaGeometric": "clvkit.models.sbg",
}

__all__ = sorted(_MODELS)


def __getattr__(name: str):
    if name in _MODELS:
        value = getattr(importlib.import_module(_MODELS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'clvkit.models' has no attribute {name!r}")
