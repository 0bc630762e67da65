"""Exceptions and warnings raised by clvkit.

Every error carries one sentence: what was wrong, where, and what to do instead.
"""

from __future__ import annotations

__all__ = ["ClvDataError", "NotFittedError", "ConvergenceWarning", "UnitMismatchError"]


class ClvDataError(ValueError):
    """The data or an argument cannot be used as given; the message says how to fix it."""


class UnitMismatchError(ClvDataError):
    """Two pieces of data are measured in different time units (for example weeks and days)."""


class NotFittedError(AttributeError, ValueError):
    """A model was asked for results before `fit` was called."""

    def __init__(self, model_name: str) -> None:
        super().__init__(
            f"This {model_name} is not fitted yet; call .fit(data) before asking for results."
        )


class ConvergenceWarning(UserWarning):
    """The optimiser stopped without reporting success; results may be unreliable."""
