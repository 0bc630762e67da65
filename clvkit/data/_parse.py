"""Column parsers of the loader: money amounts, purchase dates and customer ids.

Each parser decides from the whole column, never value by value: a decimal mark, a
day/month order or an id type that one value proves settles the column, and a column
that stays readable two ways is refused with both readings and the argument that
settles it. Text columns are parsed with pyarrow's vectorised string kernels; numeric and
datetime columns skip all text work.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ._bytes import byte_at_end, fixed_iso_dates, has_any_byte, month_table, text_buffers

__all__ = ["Where", "parse_amounts", "parse_dates", "parse_ids", "DEFAULT_DATE_RANGE"]

_SHOW = 3
DEFAULT_DATE_RANGE = ("1970-01-01", "2100-12-31")
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # day 0 of Excel's 1900 date system (after its leap-year bug)
_US_PER_DAY = 86_400 * 10**6


def _pa():
    import pyarrow as pa
    import pyarrow.compute as pc

    return pa, pc


# --------------------------------------------------------------------------- where rows are

class Where:
    """Names rows the way the user finds them: file lines, sheet rows or index labels.

    Parameters
    ----------
    kind : {"line", "row", "index"}
        CSV line numbers, Excel row numbers, or DataFrame index labels.
    labels : callable or sequence
        For "index", the index; for "line"/"row", a function mapping row positions
        (0-based, in the table read) to the numbers the user sees.
    """

    def __init__(self, kind: str, labels) -> None:
        self.kind = kind
        self.labels = labels

    def names(self, positions: Sequence[int]) -> list[str]:
        positions = [int(p) for p in positions]
        if self.kind == "index":
            out = []
            for p in positions:
                label = self.labels[p]
                label = label.item() if isinstance(label, np.generic) else label
                out.append(text("data.at_index", label=repr(label)))
            return out
        numbers = self.labels(positions)
        return [text(f"data.at_{self.kind}", n=int(n)) for n in numbers]

    def __call__(self, positions, values) -> str:
        """'3 rows; line 4: '1,2', line 9: 'x', line 12: '' , ...'"""
        positions = np.asarray(positions)
        n = len(positions)
        first = positions[:_SHOW]
        values = list(values(first) if callable(values) else values)[: len(first)]
        shown = []
        for name, value in zip(self.names(first), values):
            value = value.item() if isinstance(value, np.generic) else value
            shown.append(f"{name}: {value!r}")
        more = ", ..." if n > _SHOW else ""
        return text("data.rows", n=n, shown=", ".join(shown) + more)


def _taker(values) -> Callable:
    """values(positions) -> the raw values at those positions, for any column kind."""
    def take(positions):
        positions = [int(p) for p in positions]
        if isinstance(values, pd.Series):
            return [values.iloc[p] for p in positions]
        if isinstance(values, np.ndarray):
            return [values[p] for p in positions]
        return values.take(positions).to_pylist()
    return take


# --------------------------------------------------------------------------- text helpers

_SPACES = " \t\r\n\u00a0\u202f\u2009"


def _as_text_array(values):
    """A pyarrow string array (null = empty) from a pandas text column or a pyarrow array."""
    pa, pc = _pa()
    if isinstance(values, pd.Series):
        values = pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    elif isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if values.type != pa.string():
        values = values.cast(pa.string())
    return pc.utf8_trim(values, characters=_SPACES)


def _empty_mask(arr) -> np.ndarray:
    _pa_, pc = _pa()
    return pc.fill_null(pc.equal(arr, ""), True).to_numpy(zero_copy_only=False)


def _mask(arr) -> np.ndarray:
    """A pyarrow boolean array as a numpy mask, null counted False."""
    _pa_, pc = _pa()
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def _cells_by_type(values: pd.Series):
    """Split an object column into numbers, text and other objects (positions of each)."""
    kinds = np.array([_kind(v) for v in values.to_numpy(dtype=object)], dtype=object)
    return kinds


def _kind(v) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return "empty"
    if isinstance(v, (bool, np.bool_)):
        return "bool"
    if isinstance(v, (int, np.integer)):
        return "int"
    if isinstance(v, (float, np.floating)):
        return "empty" if np.isnan(v) else "float"
    if isinstance(v, str):
        return "empty" if not v.strip(_SPACES) else "str"
    if isinstance(v, (_dt.datetime, _dt.date, np.datetime64)):
        return "datetime"
    return "other"


# --------------------------------------------------------------------------- amounts

_CURRENCY_WORDS = {
    "₽": "RUB", "руб": "RUB", "руб.": "RUB", "р": "RUB", "р.": "RUB", "rub": "RUB", "rur": "RUB",
    "$": "USD", "us$": "USD", "usd": "USD", "долл": "USD", "долл.": "USD",
    "€": "EUR", "eur": "EUR", "евро": "EUR", "£": "GBP", "gbp": "GBP", "¥": "CNY", "cny": "CNY",
    "₸": "KZT", "kzt": "KZT", "тг": "KZT", "тг.": "KZT", "₴": "UAH", "uah": "UAH", "грн": "UAH", "грн.": "UAH",
    "byn": "BYN", "₹": "INR", "inr": "INR",
}
_CUR = (r"(?i:₽|us\$|\$|€|£|¥|₸|₴|₹|руб\.?|р\.?|rub|rur|usd|eur|евро|gbp|cny|kzt|тг\.?|uah|грн\.?|byn|inr"
        r"|долл\.?)")
_SP = r"[ \t\x{00a0}\x{202f}\x{2009}]*"
_SIGN = r"[-\x{2212}\x{2013}]"
_SEPS = r" \x{00a0}\x{202f}\x{2009}'\x{2019}"
_NUM = r"\d(?:[\d.," + _SEPS + r"]*\d)?"
_AMOUNT = (rf"^(?P<open>\()?{_SP}(?P<s1>{_SIGN})?{_SP}(?P<c1>{_CUR})?{_SP}(?P<s2>{_SIGN})?{_SP}(?P<num>{_NUM})"
           rf"{_SP}(?P<c2>{_CUR})?{_SP}(?P<s3>{_SIGN})?{_SP}(?P<close>\))?$")
_PLAIN = r"^-?\d+(?:\.\d+)?$"
_AMBIGUOUS = {".": r"^[1-9]\d{0,2}\.\d{3}$", ",": r"^[1-9]\d{0,2},\d{3}$"}


def parse_amounts(values, *, col: str, where: Where, decimal: str | None, thousands: str | None,
                  strip_currency: bool) -> np.ndarray:
    """Order values as floats, read from numbers or from money written as text.

    Parameters
    ----------
    values : Series or pyarrow array
        The amount column as read.
    col : str
        Its name, for messages.
    where : Where
        Names rows in messages.
    decimal, thousands : {".", ","}, optional
        The decimal mark and thousands separator; decided from the whole column when omitted.
    strip_currency : bool
        Read currency signs and words away (one currency per column); False refuses them.

    Returns
    -------
    ndarray of float
        NaN where the cell is empty (the caller refuses those).
    """
    if isinstance(values, pd.Series):
        if pd.api.types.is_bool_dtype(values):
            raise ClvDataError(text("data.amount_bool", col=repr(col)))
        if pd.api.types.is_numeric_dtype(values):
            return values.to_numpy(dtype=float, na_value=np.nan)  # numbers need no text clean-up
        if pd.api.types.is_datetime64_any_dtype(values):
            raise ClvDataError(text("data.amount_dates", col=repr(col)))
        if pd.api.types.is_object_dtype(values):
            kinds = _cells_by_type(values)
            odd = np.isin(kinds, ["bool", "datetime", "other"])
            if odd.any():
                pos = np.flatnonzero(odd)
                raise ClvDataError(text("data.amount_not_numbers", col=repr(col), rows=where(pos, _taker(values)),
                                        fix=text("data.fix_amounts")))
            out = np.full(len(values), np.nan)
            numeric = np.isin(kinds, ["int", "float"])
            out[numeric] = values.to_numpy(dtype=object)[numeric].astype(float)
            textual = kinds == "str"
            if textual.any():
                sub = values.iloc[np.flatnonzero(textual)]
                sub_where = _SubWhere(where, np.flatnonzero(textual))
                out[textual] = _amounts_from_text(_as_text_array(sub), col=col, where=sub_where, raw=sub,
                                                  decimal=decimal, thousands=thousands,
                                                  strip_currency=strip_currency)
            return out
    raw = values
    return _amounts_from_text(values, col=col, where=where, raw=raw, decimal=decimal,
                              thousands=thousands, strip_currency=strip_currency)


class _SubWhere(Where):
    """Where for a subset of rows: positions in the subset map back to the table's rows."""

    def __init__(self, parent: Where, positions: np.ndarray) -> None:
        self.parent = parent
        self.positions = positions

    def names(self, positions: Sequence[int]) -> list[str]:
        return self.parent.names(self.positions[np.asarray(positions, dtype=np.int64)])

    def __call__(self, positions, values) -> str:
        taken = list(values(np.asarray(positions)[:_SHOW]) if callable(values) else values)
        return self.parent(self.positions[np.asarray(positions)], taken)


def _amounts_from_text(values, *, col, where, raw, decimal, thousands, strip_currency) -> np.ndarray:
    pa, pc = _pa()
    take = _taker(raw)
    if decimal != "," and thousands != ".":
        fast = _plain_amounts(values, col=col, where=where, take=take, decide=decimal is None and thousands is None)
        if fast is not None:
            return fast
    arr = _as_text_array(values)
    empty = _empty_mask(arr)
    out = np.full(len(arr), np.nan)
    if empty.all():
        return out
    parts = pc.extract_regex(arr, _AMOUNT)
    matched = parts.is_valid().to_numpy(zero_copy_only=False) & ~empty
    bad = ~matched & ~empty
    if bad.any():
        pos = np.flatnonzero(bad)
        raise ClvDataError(text("data.amount_not_numbers", col=repr(col), rows=where(pos, take),
                                fix=text("data.fix_amounts")))
    field = {name: pc.fill_null(parts.field(name), "") for name in
             ("open", "s1", "c1", "s2", "num", "c2", "s3", "close")}
    opened = _mask(pc.not_equal(field["open"], ""))
    closed = _mask(pc.not_equal(field["close"], ""))
    unbalanced = (opened != closed) & matched
    if unbalanced.any():
        pos = np.flatnonzero(unbalanced)
        raise ClvDataError(text("data.amount_not_numbers", col=repr(col), rows=where(pos, take),
                                fix=text("data.fix_amounts")))
    currency = pc.if_else(pc.not_equal(field["c1"], ""), field["c1"], field["c2"])
    has_currency = _mask(pc.not_equal(currency, ""))
    if has_currency.any():
        if not strip_currency:
            pos = np.flatnonzero(has_currency)
            raise ClvDataError(text("data.amount_currency_refused", col=repr(col), rows=where(pos, take)))
        both = _mask(pc.and_(pc.not_equal(field["c1"], ""), pc.not_equal(field["c2"], "")))
        codes: dict[str, str] = {}
        for token in pc.unique(pc.utf8_lower(currency)).to_pylist():
            if token:
                codes.setdefault(_CURRENCY_WORDS.get(token, token.upper()), token)
        if len(codes) > 1 or both.any():
            shown = ", ".join(f"{code} ({token!r})" for code, token in codes.items())
            raise ClvDataError(text("data.amount_mixed_currency", col=repr(col), currencies=shown))
    negative = (opened & closed) | _mask(pc.or_(pc.or_(pc.not_equal(field["s1"], ""), pc.not_equal(field["s2"], "")),
                                               pc.not_equal(field["s3"], "")))
    num = field["num"]
    dec, thou = _decide_separators(num, matched, col=col, where=where, take=take, decimal=decimal,
                                   thousands=thousands)
    group = re.escape(thou) + _SEPS if thou else _SEPS
    valid = (rf"^(?:\d{{1,3}}(?:[{group}]\d{{3}})+|\d+)" + (rf"(?:{re.escape(dec)}\d+)?$"))
    ok = _mask(pc.match_substring_regex(num, valid))
    wrong = matched & ~ok
    if wrong.any():
        pos = np.flatnonzero(wrong)
        raise ClvDataError(text("data.amount_bad_grouping", col=repr(col), rows=where(pos, take), decimal=repr(dec),
                                thousands=repr(thou or " ")))
    digits = pc.replace_substring_regex(num, rf"[{group}]", "")
    if dec == ",":
        digits = pc.replace_substring(digits, ",", ".")
    digits = pc.if_else(pa.array(matched), digits, None)
    out = pc.cast(digits, pa.float64()).to_numpy(zero_copy_only=False)
    out = np.where(negative, -out, out)
    out[~matched] = np.nan
    return out


def _plain_amounts(values, *, col, where, take, decide: bool):
    """Machine-written numbers (digits, one dot, a leading minus) cast in one step; None when the column is not."""
    pa, pc = _pa()
    if isinstance(values, pd.Series):
        return None
    try:
        numbers = pc.cast(values, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # text that needs reading: the general path
    out = numbers.to_numpy(zero_copy_only=False)
    if not decide:
        return out
    # Refuse a column whose every dotted value could also be a dot-grouped thousand (1.234).
    # The numbers decide first, then the byte four places from the end of each value that has
    # a fraction; only a column neither settles is checked with a pattern.
    with np.errstate(invalid="ignore"):
        fraction = (out != np.trunc(out)) & np.isfinite(out)
    if fraction.any() and (byte_at_end(values, 4)[fraction] != ord(".")).any():
        return out  # a value with other than three decimals: the dot is a decimal mark
    text_values = values if isinstance(values, pa.Array) else values.combine_chunks()
    unsure = _mask(pc.match_substring_regex(text_values, r"^-?" + _AMBIGUOUS["."][1:]))
    dotted = _mask(pc.match_substring_regex(text_values, r"\."))
    if unsure.any() and (unsure | ~dotted).all():
        first = int(np.flatnonzero(unsure)[0])
        _refuse_two_readings(col, where, take, first, text_values[first].as_py().lstrip("-"), ".")
    return out


def _decide_separators(num, matched, *, col, where, take, decimal, thousands) -> tuple[str, str | None]:
    """The column's decimal mark and thousands mark, from the values that prove them."""
    if decimal is not None and thousands is not None:
        if decimal == thousands:
            raise ClvDataError(text("data.same_separators", value=repr(decimal)))
        return decimal, thousands
    if decimal is not None:
        return decimal, {".": ",", ",": "."}[decimal]
    if thousands is not None:
        return {".": ",", ",": "."}.get(thousands, "."), thousands
    _pa_, pc = _pa()

    def has(pattern):
        return _mask(pc.match_substring_regex(num, pattern)) & matched

    spaced = has("[" + _SEPS + "]")
    evidence = {
        # (decimal mark proven, as what): the last of two different marks is the decimal mark
        ("dec", "."): has(r",.*\.") | (has(r"^[^,]*\.[^,]*$") & ~has(r"\..*\.") & (spaced | ~has(_AMBIGUOUS["."]))),
        ("dec", ","): has(r"\..*,") | (has(r"^[^.]*,[^.]*$") & ~has(r",.*,") & (spaced | ~has(_AMBIGUOUS[","]))),
        ("thou", "."): has(r"\..*\."),
        ("thou", ","): has(r",.*,"),
    }
    dot_decimal = evidence[("dec", ".")] | evidence[("thou", ",")]
    comma_decimal = evidence[("dec", ",")] | evidence[("thou", ".")]
    if dot_decimal.any() and comma_decimal.any():
        a, b = int(np.flatnonzero(dot_decimal)[0]), int(np.flatnonzero(comma_decimal)[0])
        raise ClvDataError(text("data.amount_mixed_marks", col=repr(col), dot=where([a], take),
                                comma=where([b], take)))
    if dot_decimal.any():
        return ".", ","
    if comma_decimal.any():
        return ",", "."
    for mark in (".", ","):
        unsure = has(_AMBIGUOUS[mark])
        if unsure.any():
            first = int(np.flatnonzero(unsure)[0])
            _refuse_two_readings(col, where, take, first, num[first].as_py(), mark)
    return ".", ","


def _refuse_two_readings(col, where, take, first, sample: str, mark: str) -> None:
    as_decimal = float(sample.replace(mark, "."))
    as_thousands = float(sample.replace(mark, ""))
    other = {".": ",", ",": "."}[mark]
    raise ClvDataError(text(
        "data.amount_ambiguous", col=repr(col), row=where.names([first])[0], value=repr(sample),
        as_decimal=f"{as_decimal:g}", as_thousands=f"{as_thousands:g}",
        arg_decimal=f"decimal={mark!r}", arg_thousands=f"thousands={mark!r}",
    ))


# --------------------------------------------------------------------------- dates

_ZONE = (r"(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?|(?:UTC|GMT)(?:\s*[+-]\d{1,2}"
         r"(?::?\d{2})?)?)$")
_DATE = (r"^(?P<a>\d{1,4})(?P<s1>[./-])(?P<b>\d{1,2})(?P<s2>[./-])(?P<c>\d{1,4})"
         r"(?:(?:T|\s+|,\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d{1,9}))?)?"
         r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?)?$")
_COMPACT = r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"
_SERIAL = r"^\d{4,5}(?:[.,]\d+)?$"


def _bounds(date_range) -> tuple[np.datetime64, np.datetime64]:
    if date_range is None:
        # what datetime64[ns] can hold: the output type of the log
        return np.datetime64("1677-09-22", "us"), np.datetime64("2262-04-11", "us")
    try:
        low, high = (pd.Timestamp(v) for v in date_range)
    except (TypeError, ValueError, OverflowError):
        raise ClvDataError(text("data.bad_date_range", value=repr(date_range))) from None
    low = np.datetime64(low.date(), "us")
    high = np.datetime64(high.date(), "us") + np.timedelta64(1, "D") - np.timedelta64(1, "us")
    return max(low, np.datetime64("1677-09-22", "us")), min(high, np.datetime64("2262-04-11", "us"))


def parse_dates(values, *, col: str, where: Where, date_format: str | None, dayfirst: bool | None,
                date_range) -> np.ndarray:
    """Purchase timestamps as datetime64[ns], on the local calendar day of each value.

    A timestamp with a UTC offset or a time zone keeps its own wall-clock time (the day
    the customer saw), whatever the offset: the offset is dropped, not applied.

    Parameters
    ----------
    values : Series or pyarrow array
        The date column as read.
    col : str
        Its name, for messages.
    where : Where
        Names rows in messages.
    date_format : str, optional
        strftime format; guessed from the whole column when omitted.
    dayfirst : bool, optional
        Settles day/month order when the column does not.
    date_range : (date-like, date-like) or None
        Plausible dates; values outside are refused with their rows.

    Returns
    -------
    ndarray of datetime64[ns]
    """
    low, high = _bounds(date_range)
    take = _taker(values)
    if isinstance(values, pd.Series):
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_localize(None)  # wall-clock time where the purchase happened
        if pd.api.types.is_datetime64_any_dtype(values):
            us = values.to_numpy().astype("datetime64[us]")
            return _finish_dates(us, col=col, where=where, take=take, low=low, high=high, date_range=date_range)
        if pd.api.types.is_bool_dtype(values):
            raise ClvDataError(text("data.dates_not_dates", col=repr(col), rows=where([0], take),
                                    fix=text("data.fix_dates")))
        if pd.api.types.is_numeric_dtype(values):
            numbers = values.to_numpy(dtype=float, na_value=np.nan)
            return _dates_from_numbers(numbers, col=col, where=where, take=take, low=low, high=high,
                                       date_range=date_range)
        if pd.api.types.is_object_dtype(values):
            kinds = _cells_by_type(values)
            if (kinds == "str").all() or not np.isin(kinds, ["datetime", "int", "float"]).any():
                pass  # all text (or empty): the text path below
            else:
                return _dates_from_objects(values, kinds, col=col, where=where, take=take, low=low, high=high,
                                           date_format=date_format, dayfirst=dayfirst, date_range=date_range)
    us = _dates_from_text(values, col=col, where=where, take=take, date_format=date_format, dayfirst=dayfirst,
                          low=low, high=high, date_range=date_range)
    return _finish_dates(us, col=col, where=where, take=take, low=low, high=high, date_range=date_range)


def _finish_dates(us: np.ndarray, *, col, where, take, low, high, date_range) -> np.ndarray:
    missing = np.isnat(us)
    if missing.any():
        pos = np.flatnonzero(missing)
        raise ClvDataError(text("data.dates_missing", col=repr(col), rows=where(pos, take)))
    outside = (us < low) | (us > high)
    if outside.any():
        pos = np.flatnonzero(outside)
        shown = date_range or ("1677-09-22", "2262-04-11")
        raise ClvDataError(text("data.dates_out_of_range", col=repr(col), rows=where(pos, take),
                                low=str(shown[0]), high=str(shown[1])))
    return us if us.dtype == np.dtype("datetime64[ns]") else us.astype("datetime64[ns]")


def _dates_from_numbers(numbers: np.ndarray, *, col, where, take, low, high, date_range) -> np.ndarray:
    """YYYYMMDD integers or Excel serial day numbers; anything else is refused."""
    present = ~np.isnan(numbers)
    if not present.any():
        pos = np.arange(len(numbers))
        raise ClvDataError(text("data.dates_missing", col=repr(col), rows=where(pos, take)))
    v = numbers[present]
    if np.all((v == np.round(v)) & (v >= 10000101) & (v <= 99991231)):
        n = v.astype(np.int64)
        us = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[us]")
        us[present] = _civil(n // 10000, n // 100 % 100, n % 100, col=col, where=where, take=take,
                             positions=np.flatnonzero(present))
        return _finish_dates(us, col=col, where=where, take=take, low=low, high=high, date_range=date_range)
    serial = _excel_serial(numbers)
    inside = present & (serial >= low) & (serial <= high)
    if not inside.any():
        pos = np.flatnonzero(present)
        lo_serial = int((low.astype("datetime64[D]") - _EXCEL_EPOCH).astype(int))
        hi_serial = int((high.astype("datetime64[D]") - _EXCEL_EPOCH).astype(int))
        raise ClvDataError(text("data.dates_plain_numbers", col=repr(col), rows=where(pos, take),
                                low=lo_serial, high=hi_serial))
    return _finish_dates(serial, col=col, where=where, take=take, low=low, high=high, date_range=date_range)


def _excel_serial(numbers: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (1900 system) as datetime64[us]; the fraction is the time of day."""
    out = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[us]")
    ok = ~np.isnan(numbers) & (numbers > 0) & (numbers < 2_958_466)
    us = np.round(numbers[ok] * _US_PER_DAY / 1000).astype(np.int64) * 1000  # to the millisecond Excel keeps
    out[ok] = _EXCEL_EPOCH.astype("datetime64[us]") + us.astype("timedelta64[us]")
    return out


def _dates_from_objects(values: pd.Series, kinds, *, col, where, take, low, high, date_format, dayfirst,
                        date_range) -> np.ndarray:
    """Cells of mixed kinds (an Excel sheet): datetimes keep their wall-clock time, text and numbers are parsed."""
    us = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    cells = values.to_numpy(dtype=object)
    odd = np.isin(kinds, ["bool", "other"])
    if odd.any():
        pos = np.flatnonzero(odd)
        raise ClvDataError(text("data.dates_not_dates", col=repr(col), rows=where(pos, take),
                                fix=text("data.fix_dates")))
    stamps = np.flatnonzero(kinds == "datetime")
    for p in stamps:
        v = cells[p]
        if isinstance(v, np.datetime64):
            us[p] = v.astype("datetime64[us]")
            continue
        if isinstance(v, _dt.datetime):
            v = v.replace(tzinfo=None)  # wall-clock time where the purchase happened
        elif isinstance(v, _dt.date):
            v = _dt.datetime(v.year, v.month, v.day)
        us[p] = np.datetime64(v, "us")
    numeric = np.flatnonzero(np.isin(kinds, ["int", "float"]))
    if len(numeric):
        sub_where = _SubWhere(where, numeric)
        us[numeric] = _dates_from_numbers(cells[numeric].astype(float), col=col, where=sub_where,
                                          take=_taker(cells[numeric]), low=low, high=high,
                                          date_range=date_range).astype("datetime64[us]")
    textual = np.flatnonzero(kinds == "str")
    if len(textual):
        sub_where = _SubWhere(where, textual)
        us[textual] = _dates_from_text(pd.Series(cells[textual]), col=col, where=sub_where, take=_taker(cells[textual]),
                                       date_format=date_format, dayfirst=dayfirst, low=low, high=high,
                                       date_range=date_range)
    return _finish_dates(us, col=col, where=where, take=take, low=low, high=high, date_range=date_range)


def _dates_from_text(values, *, col, where, take, date_format, dayfirst, low, high, date_range) -> np.ndarray:
    pa, pc = _pa()
    if date_format is None and not isinstance(values, pd.Series):
        fixed = fixed_iso_dates(values, unit="ns")
        if fixed is not None:  # valid ISO text of one width, read from the bytes
            return fixed
        try:  # ISO 8601 without an offset, strictly checked (no 31 February), in one step
            return pc.cast(values, pa.timestamp("us")).to_numpy(zero_copy_only=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    arr = _as_text_array(values)
    empty = _empty_mask(arr)
    if empty.any():
        pos = np.flatnonzero(empty)
        raise ClvDataError(text("data.dates_missing", col=repr(col), rows=where(pos, take)))
    if _mask(pc.match_substring_regex(arr, _ZONE)).any():
        # Keep the local wall-clock time of every value: drop the offset, do not apply it.
        arr = pc.replace_substring_regex(arr, _ZONE, r"\1")
    if date_format is not None:
        return _dates_with_format(arr, col=col, where=where, take=take, date_format=date_format)
    try:
        return pc.cast(arr, pa.timestamp("us")).to_numpy(zero_copy_only=False)  # ISO 8601, strictly checked
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    if _mask(pc.match_substring_regex(arr, _SERIAL)).all():
        numbers = pc.cast(pc.replace_substring(arr, ",", "."), pa.float64()).to_numpy(zero_copy_only=False)
        if _mask(pc.match_substring_regex(arr, r"^\d{5}(?:[.,]\d+)?$")).all():
            return _dates_from_numbers(numbers, col=col, where=where, take=take, low=low, high=high,
                                       date_range=date_range)
    us = np.full(len(arr), np.datetime64("NaT"), dtype="datetime64[us]")
    compact = _mask(pc.match_substring_regex(arr, _COMPACT))
    if compact.any():
        p = pc.extract_regex(arr.filter(pa.array(compact)), _COMPACT)
        y, m, d = (pc.cast(p.field(k), pa.int64()).to_numpy() for k in ("y", "m", "d"))
        us[compact] = _civil(y, m, d, col=col, where=where, take=take, positions=np.flatnonzero(compact))
    parts = pc.extract_regex(arr, _DATE)
    matched = parts.is_valid().to_numpy(zero_copy_only=False)
    f = {k: pc.fill_null(parts.field(k), "") for k in ("a", "s1", "b", "s2", "c", "H", "M", "S", "F", "ampm")}
    matched &= _mask(pc.equal(f["s1"], f["s2"]))
    unknown = ~matched & ~compact
    if unknown.any():
        pos = np.flatnonzero(unknown)
        raise ClvDataError(text("data.dates_not_dates", col=repr(col), rows=where(pos, take),
                                fix=text("data.fix_dates")))
    if not matched.any():
        return us
    ints = {k: pc.cast(pc.if_else(pc.equal(f[k], ""), "0", f[k]), pa.int64()).to_numpy() for k in ("a", "b", "c", "H",
                                                                                                   "M", "S")}
    len_a = pc.utf8_length(f["a"]).to_numpy()
    len_c = pc.utf8_length(f["c"]).to_numpy()
    ymd = matched & (len_a == 4)
    xy = matched & (len_a <= 2) & ((len_c == 4) | (len_c == 2))
    bad_shape = matched & ~ymd & ~xy
    if bad_shape.any():
        pos = np.flatnonzero(bad_shape)
        raise ClvDataError(text("data.dates_not_dates", col=repr(col), rows=where(pos, take),
                                fix=text("data.fix_dates")))
    year = np.where(ymd, ints["a"], ints["c"])
    year = np.where(xy & (len_c == 2), np.where(ints["c"] < 69, 2000 + ints["c"], 1900 + ints["c"]), year)
    first, second = ints["a"], ints["b"]
    day = np.where(ymd, ints["c"], 0)
    month = np.where(ymd, ints["b"], 0)
    if xy.any():
        order = _day_month_order(arr, xy, first, second, year, f["s1"], col=col, where=where, take=take,
                                 dayfirst=dayfirst)
        day = np.where(xy, first if order == "dmy" else second, day)
        month = np.where(xy, second if order == "dmy" else first, month)
    idx = np.flatnonzero(matched)
    stamp = _civil(year[idx], month[idx], day[idx], col=col, where=where, take=take, positions=idx)
    hours, minutes, seconds = ints["H"][idx], ints["M"][idx], ints["S"][idx]
    ampm = pc.utf8_lower(pc.replace_substring(f["ampm"], ".", "")).to_numpy(zero_copy_only=False)[idx]
    hours = np.where(ampm == "pm", hours % 12 + 12, np.where(ampm == "am", hours % 12, hours))
    bad_time = (hours > 23) | (minutes > 59) | (seconds > 59) | ((ampm != "") & (ints["H"][idx] > 12))
    if bad_time.any():
        pos = idx[bad_time]
        raise ClvDataError(text("data.dates_invalid", col=repr(col), rows=where(pos, take)))
    fraction = pc.utf8_slice_codeunits(pc.binary_join_element_wise(f["F"], "000000", ""), 0, 6)
    micro = pc.cast(fraction, pa.int64()).to_numpy()[idx]
    offset = ((hours * 60 + minutes) * 60 + seconds) * 10**6 + micro
    us[idx] = stamp + offset.astype("timedelta64[us]")
    return us


def _day_month_order(arr, xy, first, second, year, seps, *, col, where, take, dayfirst) -> str:
    """'dmy' or 'mdy' for the whole column, from the values that prove it."""
    day_first = xy & (first > 12) & (second <= 12)
    month_first = xy & (second > 12) & (first <= 12)
    if day_first.any() and month_first.any():
        a, b = int(np.flatnonzero(day_first)[0]), int(np.flatnonzero(month_first)[0])
        raise ClvDataError(text("data.dates_mixed_order", col=repr(col), dmy=where([a], take),
                                mdy=where([b], take)))
    if dayfirst is not None:
        return "dmy" if dayfirst else "mdy"
    if day_first.any():
        return "dmy"
    if month_first.any():
        return "mdy"
    _pa_, pc = _pa()
    dotted = _mask(pc.equal(seps, "."))
    if dotted[xy].all():
        return "dmy"  # 05.01.2024 is day-first wherever dots are written
    p = int(np.flatnonzero(xy)[0])
    sample = arr[p].as_py()
    a, b, y = int(first[p]), int(second[p]), int(year[p])
    raise ClvDataError(text("data.dates_ambiguous", col=repr(col), value=repr(sample),
                            dmy=f"{y:04d}-{b:02d}-{a:02d}", mdy=f"{y:04d}-{a:02d}-{b:02d}"))


def _civil(year, month, day, *, col, where, take, positions) -> np.ndarray:
    """datetime64[us] midnights from year, month, day arrays; impossible dates (31.02) are refused."""
    year, month, day = (np.asarray(x, dtype=np.int64) for x in (year, month, day))
    if not len(year):
        return np.zeros(0, dtype="datetime64[us]")
    bad = (month < 1) | (month > 12) | (day < 1) | (year < 0) | (year > 9999)
    month_start, month_length = month_table()
    months = np.where(bad, 0, year * 12 + month - 1)
    bad |= day > month_length[months]
    if bad.any():
        raise ClvDataError(text("data.dates_invalid", col=repr(col), rows=where(np.asarray(positions)[bad], take)))
    return ((month_start[months] + day - 1) * _US_PER_DAY).astype("datetime64[us]")


def _dates_with_format(arr, *, col, where, take, date_format: str) -> np.ndarray:
    fmt = re.sub(r"\s*%[zZ]", "", date_format)  # offsets were dropped above: wall-clock time is kept
    texts = arr.to_pylist()
    out = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[us]")
    parsed = pd.to_datetime(pd.Series(texts, dtype=object), format=fmt, errors="coerce")
    ok = parsed.notna().to_numpy()
    if ok.any():
        out[ok] = parsed[ok].to_numpy().astype("datetime64[us]")
    for p in np.flatnonzero(~ok):  # beyond pandas' range, or not in the format: ask the standard library
        try:
            out[p] = np.datetime64(_dt.datetime.strptime(texts[p], fmt), "us")
        except ValueError:
            pass
    bad = np.isnat(out)
    if bad.any():
        pos = np.flatnonzero(bad)
        raise ClvDataError(text("data.dates_not_format", col=repr(col), fmt=repr(date_format),
                                rows=where(pos, take)))
    return out


# --------------------------------------------------------------------------- ids

_EXACT_FLOAT = 2**53  # the largest integer span a float64 holds exactly


def parse_ids(values, *, col: str, where: Where):
    """Customer ids that never merge two distinct customers.

    Text keeps its characters (leading zeros survive), trimmed of surrounding spaces;
    whole numbers become integers when a float64 holds them exactly and text otherwise.

    Returns
    -------
    (ids, lost_precision)
        ids as a pandas Series or pyarrow array; `lost_precision` counts float ids above
        2**53, which the file or DataFrame may already have merged.
    """
    if not isinstance(values, pd.Series):
        arr = values
        if has_any_byte(arr, b" \t\r\n\xc2\xe2"):  # spaces (also no-break ones) somewhere: trim them
            arr = _pa()[1].utf8_trim(arr, characters=_SPACES)
        if arr.null_count == 0:
            empty = np.concatenate([end - start == 0 for start, end, _data in text_buffers(arr)] or [np.zeros(0, bool)])
        else:
            empty = _empty_mask(arr)
        if empty.any():
            pos = np.flatnonzero(empty)
            raise ClvDataError(text("data.missing_id", col=repr(col), rows=where(pos, _taker(values))))
        return arr, 0
    take = _taker(values)
    if pd.api.types.is_float_dtype(values):
        v = values.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(v)
        if missing.any():
            pos = np.flatnonzero(missing)
            raise ClvDataError(text("data.missing_id", col=repr(col), rows=where(pos, take)))
        if not np.all(v == np.round(v)):
            return values.reset_index(drop=True), 0
        big = np.abs(v) >= _EXACT_FLOAT
        if not big.any():
            return pd.Series(v.astype(np.int64)), 0
        # Too large for exact integers: write each float's exact integer value as text.
        return pd.Series([str(int(x)) for x in v], dtype=object), int(big.sum())
    if pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
        if values.isna().any():
            pos = np.flatnonzero(values.isna().to_numpy())
            raise ClvDataError(text("data.missing_id", col=repr(col), rows=where(pos, take)))
        return values.reset_index(drop=True), 0
    kinds = _cells_by_type(values)
    missing = kinds == "empty"
    if missing.any():
        pos = np.flatnonzero(missing)
        raise ClvDataError(text("data.missing_id", col=repr(col), rows=where(pos, take)))
    cells = values.to_numpy(dtype=object)
    if (kinds == "str").all():
        return pd.Series([c.strip(_SPACES) for c in cells], dtype=object), 0
    if (kinds == "int").all() and all(-2**63 <= int(c) < 2**63 for c in cells):
        return pd.Series(cells.astype(np.int64)), 0
    # Mixed kinds (an Excel column of numbers and text): one text id per customer.
    lost = 0
    out = []
    for c, k in zip(cells, kinds):
        if k == "float":
            if float(c) == round(float(c)):
                lost += abs(float(c)) >= _EXACT_FLOAT
                c = int(c)
        out.append(c.strip(_SPACES) if k == "str" else str(c))
    return pd.Series(out, dtype=object), lost
