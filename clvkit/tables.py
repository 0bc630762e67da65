"""Tables written the reader's way: decimal commas, «да»/«нет» and Russian headers in Russian.

pandas prints numbers the English way (``1234.56``, ``True``) whatever the language. A course
notebook shows a table through :func:`format_table`, which in Russian returns a copy with every
number as text (``1 234,56``), booleans as «да»/«нет», and the column names, index names and
segment keys it knows translated through the catalogue (``clvkit/i18n/*/course_tables.json`` and the
segment labels). In English the table is returned as it is: pandas already writes it that way.

>>> import pandas as pd
>>> from clvkit.tables import format_table
>>> format_table(pd.DataFrame({"clv": [1234.5]}), "ru").iloc[0, 0]
'1\u202f234,5'
"""

from __future__ import annotations

import math
import numbers
import re

from .i18n import format_date, format_money, format_number, has, resolve_lang, text

__all__ = ["format_table", "format_values", "term", "yes_no"]

MAX_DECIMALS = 4
# a number already written as text the English way (a table of significant digits): "0.066", "-1.5"
_NUMERAL = re.compile(r"-?\d+\.\d+")
_TIER = re.compile(r"top [\d.,\-–]+%")


def yes_no(value, lang: str | None = None) -> str:
    """A truth value as a word: "True"/"False" in English (as Python prints it), «да»/«нет» in Russian."""
    lang = resolve_lang(lang)
    if lang == "en":
        return str(bool(value))
    return text("course_tables.yes" if bool(value) else "course_tables.no", lang)


def term(name, lang: str | None = None):
    """The reader's word for a column name, index name or category of the course's tables.

    Looked up as ``course_tables.col.<name>``, then as a segment label ``seg.<name>``; a name the
    catalogue does not hold (a customer id, a cohort) is returned as it is. English keeps the names.
    """
    lang = resolve_lang(lang)
    if lang == "en" or not isinstance(name, str):
        return name
    for key in (f"course_tables.col.{name}", f"seg.{name}"):
        if has(key, lang):
            return text(key, lang)
    if _TIER.fullmatch(name):  # a value tier of clvkit.segments.clv_tiers: "top 1-5%"
        return text("seg.top", lang) + name[3:]
    return name


def _decimals_needed(values) -> int:
    """The fewest decimals (up to MAX_DECIMALS) that show every value of a float column as it is."""
    finite = [float(v) for v in values if v is not None and isinstance(v, numbers.Real) and math.isfinite(v)]
    for d in range(MAX_DECIMALS + 1):
        if all(math.isclose(v, round(v, d), rel_tol=1e-12, abs_tol=1e-12) for v in finite):
            return d
    return MAX_DECIMALS


def _cell(value, lang: str, decimals: int, money: bool, currency):
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return yes_no(value, lang)
    if isinstance(value, numbers.Integral):
        return format_money(value, lang, currency=currency, decimals=0) if money else format_number(
            value, lang, decimals=0)
    if isinstance(value, numbers.Real):
        if money:
            return format_money(value, lang, currency=currency, decimals=decimals)
        return format_number(value, lang, decimals=decimals)
    if hasattr(value, "strftime") and not hasattr(value, "freqstr"):  # a date, not a period
        return format_date(value, lang)
    if isinstance(value, str):
        if _NUMERAL.fullmatch(value):
            return value.replace("-", "−").replace(".", ",")
        return term(value, lang)
    return value


def format_values(values, lang: str | None = None, *, decimals: int = 3):
    """A row of numbers for a printed line: the values themselves in English, "0,668; 0,702" in Russian.

    Parameters
    ----------
    values : array-like of float
        The numbers.
    lang : {"en", "ru"}, optional
        The reader's language; the current setting when omitted.
    decimals : int
        Digits after the decimal mark (Russian).

    Returns
    -------
    array-like or str
        In English `values` as given (numpy prints them as before); in Russian one string, the
        numbers with a decimal comma separated by semicolons (a comma would be read as a decimal mark).
    """
    lang = resolve_lang(lang)
    if lang == "en":
        return values
    return "; ".join(format_number(v, lang, decimals=decimals) for v in list(values))


def _column(series, lang: str, decimals, money: bool, currency):
    import pandas as pd

    kind = series.dtype.kind
    if kind == "f":
        d = decimals if decimals is not None else _decimals_needed(series.tolist())
    else:
        d = 0 if decimals is None else decimals
    values = [_cell(v, lang, d, money, currency) if not (isinstance(v, float) and math.isnan(v)) else "–"
              for v in series.tolist()]
    return pd.Series(values, index=series.index, name=series.name, dtype=object)


def _index(index, lang: str):
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        levels = [_index(index.get_level_values(i), lang) for i in range(index.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=[term(n, lang) for n in index.names])
    if index.dtype.kind in "if":
        d = _decimals_needed(index.tolist()) if index.dtype.kind == "f" else 0
        if index.dtype.kind == "i":  # customer ids, years, periods: numbers without a thousands separator
            return pd.Index([str(v) for v in index.tolist()], name=term(index.name, lang), dtype=object)
        return pd.Index([format_number(v, lang, decimals=d) for v in index.tolist()],
                        name=term(index.name, lang), dtype=object)
    if index.dtype.kind == "b":
        return pd.Index([yes_no(v, lang) for v in index.tolist()], name=term(index.name, lang), dtype=object)
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex, pd.TimedeltaIndex, pd.IntervalIndex)):
        return index.rename(term(index.name, lang))
    # text (object or string dtype) and mixed labels, one by one
    return pd.Index([term(v, lang) if isinstance(v, str) else _cell(v, lang, 2, False, None)
                     for v in index.tolist()], name=term(index.name, lang), dtype=object)


def format_table(data, lang: str | None = None, *, decimals=None, money=(), currency: str | None = None):
    """A table ready to show to a reader of `lang`.

    Parameters
    ----------
    data : DataFrame or Series
        The table; it is not modified.
    lang : {"en", "ru"}, optional
        The reader's language; the current setting when omitted.
    decimals : int or dict, optional
        Digits after the decimal mark, for every float column or per column name; by default the
        fewest (up to four) that show each column's values as they are (round the table first); the
        same for every column when the columns are labelled by numbers (years, periods).
    money : list of str
        Columns written as money, with the currency's symbol (``1 234,56 ₽``).
    currency : str, optional
        The currency of the money columns; the current one when omitted.

    Returns
    -------
    DataFrame or Series
        In English, `data` itself. In Russian a copy of text cells (a Series becomes a one-column
        table): numbers with a decimal comma and
        a narrow space between thousands, booleans as «да»/«нет», dates as ``05.01.2024``, column and
        index names and category values translated where the catalogue holds them. Integer index
        values (ids, years) are written without a thousands separator, as ids are.
    """
    import pandas as pd

    lang = resolve_lang(lang)
    if lang == "en":
        return data
    per_column = decimals if isinstance(decimals, dict) else {}
    every = None if isinstance(decimals, dict) else decimals
    floats = [data.iloc[:, i] for i in range(data.shape[1]) if data.iloc[:, i].dtype.kind == "f"] \
        if isinstance(data, pd.DataFrame) else []
    if every is None and floats and not any(isinstance(c, str) for c in data.columns):
        # columns labelled by years or periods hold one quantity: one number of decimals for all of them
        every = max(_decimals_needed(col.tolist()) for col in floats)
    # a Series is shown as a one-column table: its footer ("Name:", "dtype:") would be English
    if isinstance(data, pd.Series):
        return format_table(data.to_frame(), lang, decimals=decimals, money=money, currency=currency)
    # built from plain lists by position, so that repeated index labels or column names stay as they are
    out = pd.DataFrame(
        {i: _column(data.iloc[:, i], lang, per_column.get(name, every), name in set(money), currency).tolist()
         for i, name in enumerate(data.columns)}, index=data.index)
    if isinstance(data.columns, pd.MultiIndex):
        out.columns = _index(data.columns, lang)
    else:
        out.columns = pd.Index([term(c, lang) for c in data.columns], name=term(data.columns.name, lang))
    out.index = _index(data.index, lang)
    return out
