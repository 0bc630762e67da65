"""Time units and rates, kept explicit so that weeks and months never mix silently.

A summary is measured in one `time_unit` ("D" days, "W" weeks, "M" months, "Q"
quarters, "Y" years). Months and years are average calendar lengths
(30.4375 and 365.25 days), so "12 months" and "1 year" are the same horizon.
"""

from __future__ import annotations

import re

from .errors import ClvDataError, UnitMismatchError

__all__ = [
    "DAYS_PER_UNIT",
    "UNIT_NAMES",
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
    raise ClvDataError(
        f"time_unit must be one of 'D' (days), 'W' (weeks), 'M' (months), 'Q' (quarters) "
        f"or 'Y' (years); got {time_unit!r}."
    )


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
            raise ClvDataError(
                f"horizon {horizon!r} is not a duration; write a number with a unit such as "
                f"'12 months', '52 weeks', '2 years' or '90 days'."
            )
        return convert_duration(float(match.group(1)), _WORDS[match.group(2).lower()], unit)
    if isinstance(horizon, bool):
        raise ClvDataError(f"horizon must be a number or a string such as '12 months'; got {horizon!r}.")
    try:
        value = float(horizon)
    except (TypeError, ValueError):
        raise ClvDataError(
            f"horizon must be a number or a string such as '12 months'; got {horizon!r}."
        ) from None
    if not value >= 0 or value == float("inf"):
        raise ClvDataError(f"horizon must be a finite number of periods >= 0; got {horizon!r}.")
    return value


def rate_per_unit(annual_rate: float, time_unit: str) -> float:
    """Convert an annual discount rate to the equivalent compound rate per `time_unit`.

    (1 + annual) ** (days_per_unit / 365.25) - 1, so 10% a year is 0.183% a week.
    """
    unit = check_time_unit(time_unit)
    if not isinstance(annual_rate, (int, float)) or isinstance(annual_rate, bool) or not (
        0 <= float(annual_rate) < 10
    ):
        raise ClvDataError(
            f"annual_discount_rate must be a yearly rate between 0 and 10 (0.1 means 10% a year); "
            f"got {annual_rate!r}."
        )
    return (1.0 + float(annual_rate)) ** (DAYS_PER_UNIT[unit] / DAYS_PER_UNIT["Y"]) - 1.0


def require_same_unit(expected: str | None, got: str | None, *, what: str = "data") -> None:
    """Raise UnitMismatchError when two recorded time units differ (None means unknown)."""
    if expected is not None and got is not None and expected != got:
        raise UnitMismatchError(
            f"The {what} is measured in {UNIT_NAMES.get(got, got)} but the model was fitted in "
            f"{UNIT_NAMES.get(expected, expected)}; summarise the data again with "
            f"time_unit={expected!r}."
        )
