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
        # Imported here: clvkit.i18n raises ClvDataError itself, so neither module imports
        # the other at load time. The sentence is read in the language in force now.
        from .i18n import text

        super().__init__(text("errors.not_fitted", model=model_name))


class ConvergenceWarning(UserWarning):
    """The optimiser stopped without reporting success; results may be unreliable."""
