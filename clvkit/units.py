"""Time units and rates, kept explicit so that weeks and months never mix silently.

A summary is measured in one `time_unit` ("D" days, "W" weeks, "M" months, "Q"
quarters, "Y" years). Months and years are average calendar lengths
(30.4375 and 365.25 days), so "12 months" and "1 year" are the same horizon.
"""

from __future__ import annotations

import re
import warnings

from .errors import ClvDataError, UnitMismatchError
from .i18n import per_unit_label, text, unit_label

__all__ = [
    "DAYS_PER_UNIT",
    "UNIT_NAMES",
    "check_discount_rate",
    "check_time_unit",
    "convert_duration",
    "parse_duration",
    "rate_per_unit",
]

DAYS_PER_UNIT: dict[str, float] = {
    "D": 1.0,
    "W": 7.0,
    "M": 365.25 / 12.0,
    "Q": 365.25 / 4.0,
    "Y": 365.25,
}

UNIT_NAMES: dict[str, str] = {"D": "days", "W": "weeks", "M": "months", "Q": "quarters", "Y": "years"}

_WORDS = {
    "d": "D", "day": "D", "days": "D",
    "w": "W", "wk": "W", "wks": "W", "week": "W", "weeks": "W",
    "m": "M", "mo": "M", "month": "M", "months": "M",
    "q": "Q", "quarter": "Q", "quarters": "Q",
    "y": "Y", "yr": "Y", "yrs": "Y", "year": "Y", "years": "Y",
}


def check_time_unit(time_unit: str) -> str:
    """Return the canonical one-letter unit for `time_unit` ("W", "weeks", ...) or raise."""
    if isinstance(time_unit, str):
        key = time_unit.strip()
        if key.upper() in DAYS_PER_UNIT:
            return key.upper()
        if key.lower() in _WORDS:
            return _WORDS[key.lower()]
    raise ClvDataError(text("valuation.time_unit", value=repr(time_unit)))


def convert_duration(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a duration from one time unit to another (e.g. 12 "M" -> 52.18 "W")."""
    return float(value) * DAYS_PER_UNIT[check_time_unit(from_unit)] / DAYS_PER_UNIT[check_time_unit(to_unit)]


def parse_duration(horizon: float | str, time_unit: str) -> float:
    """Return `horizon` measured in `time_unit`.

    A number is taken to be in `time_unit` already; a string such as "12 months",
    "52 weeks", "1 year" or "90 days" is converted.

    Examples
    --------
    >>> round(parse_duration("1 year", "W"), 2)
    52.18
    >>> parse_duration(26, "W")
    26.0
    """
    unit = check_time_unit(time_unit)
    if isinstance(horizon, str):
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([A-Za-z]+)\s*", horizon)
        if not match or match.group(2).lower() not in _WORDS:
            raise ClvDataError(text("valuation.duration_text", value=repr(horizon)))
        return convert_duration(float(match.group(1)), _WORDS[match.group(2).lower()], unit)
    if isinstance(horizon, bool):
        raise ClvDataError(text("valuation.duration_type", value=repr(horizon)))
    try:
        value = float(horizon)
    except (TypeError, ValueError):
        raise ClvDataError(text("valuation.duration_type", value=repr(horizon))) from None
    if not value >= 0 or value == float("inf"):
        raise ClvDataError(text("valuation.duration_negative", value=repr(horizon)))
    return value


def check_discount_rate(rate, *, name: str = "annual_discount_rate", per: str = "Y") -> float:
    """Return a discount rate given as a fraction (0.1 for 10%) as a float, or raise.

    Rates must be numbers in [0, 10). A rate above 1 is accepted with a warning, since it
    most often is a percentage typed as a number: ``8`` means 800% a year, ``0.08`` is 8%.

    Parameters
    ----------
    rate : float
        The rate as the caller gave it.
    name : str
        The argument the caller passed it as (named in the messages).
    per : str
        The time unit the rate is for ("Y" for a yearly rate).

    Returns
    -------
    float
    """
    ok = isinstance(rate, (int, float)) and not isinstance(rate, bool) and 0 <= float(rate) < 10
    if not ok:
        raise ClvDataError(text("valuation.rate_range", name=name, per=per_unit_label(per), value=repr(rate)))
    value = float(rate)
    if value > 1:
        warnings.warn(
            text("valuation.rate_percent", name=name, shown=f"{value:g}", rate=value, per=per_unit_label(per),
                 fraction=f"{value / 100:g}"),
            UserWarning,
            stacklevel=3,
        )
    return value


def rate_per_unit(annual_rate: float, time_unit: str, *, name: str = "annual_discount_rate") -> float:
    """Convert an annual discount rate to the equivalent compound rate per `time_unit`.

    (1 + annual) ** (days_per_unit / 365.25) - 1, so 10% a year is 0.183% a week.

    Parameters
    ----------
    annual_rate : float
        Yearly rate as a fraction (0.1 for 10%); above 1 it warns (see :func:`check_discount_rate`).
    time_unit : str
        The unit to convert to.
    name : str
        The argument the caller received the rate as, for the messages.

    Returns
    -------
    float

    Examples
    --------
    >>> round(rate_per_unit(0.1, "W"), 6)
    0.001828
    """
    unit = check_time_unit(time_unit)
    annual_rate = check_discount_rate(annual_rate, name=name, per="Y")
    return (1.0 + float(annual_rate)) ** (DAYS_PER_UNIT[unit] / DAYS_PER_UNIT["Y"]) - 1.0


def require_same_unit(expected: str | None, got: str | None) -> None:
    """Raise UnitMismatchError when the data's recorded time unit differs from the model's (None: unknown)."""
    if expected is not None and got is not None and expected != got:
        raise UnitMismatchError(
            text("valuation.unit_mismatch", got=unit_label(got), expected=unit_label(expected), code=repr(expected))
        )
