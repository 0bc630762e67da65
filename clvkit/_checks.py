"""Small argument checks shared by the package; each raises one clear sentence."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .errors import ClvDataError


def check_choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return `value` if it is one of `allowed`, else raise ClvDataError naming all of them."""
    allowed = tuple(allowed)
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ClvDataError(f"{name} must be one of {options}; got {value!r}.")
    return value


def check_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return `value` as a float if it is a finite number inside the given bounds.

    Bounds are closed unless `low_open` / `high_open` is set. The error names the
    parameter, the allowed range and the value given.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise ClvDataError(f"{name} must be a number; got {value!r}.")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ClvDataError(f"{name} must be a number; got {value!r}.") from None
    if not math.isfinite(x):
        raise ClvDataError(f"{name} must be a finite number; got {value!r}.")
    bad_low = low is not None and (x <= low if low_open else x < low)
    bad_high = high is not None and (x >= high if high_open else x > high)
    if bad_low or bad_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ClvDataError(f"{name} must be in {left}{lo}, {hi}{right}; got {value!r}.")
    return x
