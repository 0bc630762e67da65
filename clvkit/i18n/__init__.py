"""Language, message catalogues and number, money, percent and date formats.

The bottom layer of clvkit: every other module may import it, it imports nothing of
clvkit but the exceptions. Every sentence and label a user sees lives in one catalogue
per language (the JSON files under ``en/`` and ``ru/`` beside this file), looked up by key::

    >>> from clvkit import i18n
    >>> i18n.text("driver.aov", "ru")
    'Средний чек'
    >>> i18n.format_money(1234.56, "ru", currency="RUB")
    '1\u202f234,56\xa0₽'

The language is set once (``clvkit.set_language("ru")``), read from the environment
variable ``CLVKIT_LANG`` at import, or English. Functions that take ``lang=`` use it
when given and the setting otherwise. The currency follows the language (roubles for
Russian, dollars for English) unless set with :func:`set_currency` or passed as
``currency=``.

Catalogue strings are ``str.format`` templates with a few format specs that write a
value the reader's way (the same spec in every language, so a test can compare them):

``{n:count:row}``   the number and the noun in the right plural form ("3 rows", "3 строки")
``{n:noun:row}``    the noun alone, agreeing with ``n``
``{x:num}``         a number with the language's separators (``num0``..``num4`` for decimals)
``{x:money}``       money in the current currency (``money0`` for whole units)
``{x:pct}``         a fraction as a percentage with one decimal (``pct0``, ``pct2``)
``{d:date}``        a date, ``2024-01-05`` in English and ``05.01.2024`` in Russian
"""

from __future__ import annotations

import json
import math
import os
import string
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

__all__ = [
    "LANGS",
    "CURRENCIES",
    "catalogue",
    "check_lang",
    "currency_symbol",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "get_currency",
    "get_language",
    "has",
    "label",
    "language",
    "message",
    "per_unit_label",
    "plural",
    "resolve_lang",
    "set_currency",
    "set_language",
    "short_unit_label",
    "text",
    "unit_label",
]

LANGS = ("en", "ru")

#: ISO code -> (symbol, whether English writes it before the number)
CURRENCIES: dict[str, tuple[str, bool]] = {
    "USD": ("$", True),
    "EUR": ("€", True),
    "GBP": ("£", True),
    "RUB": ("₽", False),
    "KZT": ("₸", False),
    "UAH": ("₴", False),
    "BYN": ("Br", False),
    "CNY": ("¥", True),
}
_DEFAULT_CURRENCY = {"en": "USD", "ru": "RUB"}
_SYMBOL_TO_CODE = {symbol: code for code, (symbol, _before) in CURRENCIES.items()}

# Russian thousands separator: U+202F NARROW NO-BREAK SPACE (typographic, never wraps).
_RU_THOUSANDS = "\u202f"
_NBSP = "\u00a0"

_HERE = Path(__file__).resolve().parent


def _initial_language() -> str:
    value = os.environ.get("CLVKIT_LANG", "").strip().lower()[:2]
    return value if value in LANGS else "en"


_state = {"lang": _initial_language(), "currency": None}
# Overrides of a `with language(...)` block, per thread: a computation in a background thread (the app
# computes ranges in one) speaks its own language without changing the setting of any other thread.
_local = threading.local()


# --------------------------------------------------------------------------- settings

def check_lang(lang: str) -> str:
    """Return `lang` if it is a supported language ("en", "ru"), else raise ClvDataError."""
    if lang not in LANGS:
        from ..errors import ClvDataError

        raise ClvDataError(text("err.choice", "en", name="lang", options="'en', 'ru'", value=repr(lang)))
    return lang


def resolve_lang(lang: str | None = None) -> str:
    """The language to speak: `lang` when given, else the current setting."""
    return get_language() if lang is None else check_lang(lang)


def set_language(lang: str) -> None:
    """Set the language of every message, label and number format ("en" or "ru").

    Examples
    --------
    >>> import clvkit as ck
    >>> ck.set_language("ru"); ck.i18n.text("driver.margin")
    'Маржа'
    >>> ck.set_language("en")
    """
    _state["lang"] = check_lang(lang)


def get_language() -> str:
    """The current language code (of the innermost ``with language(...)`` block of this thread, if any)."""
    return getattr(_local, "lang", None) or _state["lang"]


def _currency_code(currency: str) -> str:
    code = _SYMBOL_TO_CODE.get(currency, str(currency).upper())
    if code not in CURRENCIES:
        from ..errors import ClvDataError

        raise ClvDataError(text("err.currency", currency=repr(currency), options=", ".join(CURRENCIES)))
    return code


def set_currency(currency: str | None) -> None:
    """Set the currency of every money figure (``"RUB"``, ``"USD"``, ``"EUR"``...); None follows the language."""
    _state["currency"] = None if currency is None else _currency_code(currency)


def get_currency(lang: str | None = None) -> str:
    """The currency in force: the one set, else the language's own (RUB for Russian, USD for English)."""
    return getattr(_local, "currency", None) or _state["currency"] or _DEFAULT_CURRENCY[resolve_lang(lang)]


@contextmanager
def language(lang: str, currency: str | None = None) -> Iterator[None]:
    """Speak `lang` (and count money in `currency`) inside a ``with`` block, in this thread only.

    The setting of :func:`set_language` stays as it is, and so does what other threads speak.
    """
    saved = (getattr(_local, "lang", None), getattr(_local, "currency", None))
    try:
        _local.lang = check_lang(lang)
        if currency is not None:
            _local.currency = _currency_code(currency)
        yield
    finally:
        _local.lang, _local.currency = saved


# --------------------------------------------------------------------------- catalogue

@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """Every text of `lang`, key -> template, read once from the files ``clvkit/i18n/<lang>/*.json``.

    The catalogue of a language is split by subject (one file per layer), so that a key is
    defined once: a key found in two files is an error.
    """
    merged: dict[str, str] = {}
    for path in sorted((_HERE / lang).glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            part = json.load(handle)
        clash = sorted(set(part) & set(merged))
        if clash:
            raise RuntimeError(f"catalogue keys defined twice in clvkit/i18n/{lang}: {clash}")
        merged.update(part)
    return merged


def has(key: str, lang: str | None = None) -> bool:
    """Whether the catalogue holds `key`."""
    return key in catalogue(resolve_lang(lang))


def text(key: str, lang: str | None = None, /, **fields) -> str:
    """The catalogue's text for `key` in `lang` (default: the current language), with fields filled in.

    Parameters
    ----------
    key : str
        A key of the catalogue, e.g. ``"driver.aov"`` or ``"err.missing_column"``.
    lang : {"en", "ru"}, optional
        Language; the current setting when omitted.
    **fields
        Values for the template's placeholders (see the module docstring for the format specs).

    Returns
    -------
    str

    Examples
    --------
    >>> text("teach.correct", "ru")
    'Верно'
    >>> text("err.rows_dropped", "en", n=3, what="refunds")
    'dropped 3 rows: refunds'
    """
    lang = resolve_lang(lang)
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in the {lang} catalogue (clvkit/i18n/{lang}/)") from None
    if not fields:
        return template
    return _Formatter(lang).format(template, **fields)


label = text
message = text


class _Formatter(string.Formatter):
    """str.format with the catalogue's language-aware format specs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value, format_spec: str) -> str:
        lang = self.lang
        kind, _, arg = format_spec.partition(":")
        if kind == "count":
            return f"{format_number(value, lang, decimals=0)} {plural(value, arg, lang)}"
        if kind == "noun":
            return plural(value, arg, lang)
        if kind.startswith("num") and kind[3:].isdigit() or kind == "num":
            return format_number(value, lang, decimals=int(kind[3:] or 0))
        if kind.startswith("money"):
            return format_money(value, lang, decimals=int(kind[5:] or 2))
        if kind.startswith("pct"):
            return format_percent(value, lang, decimals=int(kind[3:] or 1))
        if kind == "date":
            return format_date(value, lang)
        return super().format_field(value, format_spec)


# --------------------------------------------------------------------------- plurals and units

def _plural_index(n: float, lang: str) -> int:
    n = abs(n)
    if lang == "ru":
        if n != int(n):
            return 1  # fractions take the genitive singular: 1,5 недели
        n = int(n)
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


def plural(n: float, noun: str, lang: str | None = None) -> str:
    """The form of `noun` (a catalogue key ``noun.<noun>``) that agrees with the number `n`.

    Examples
    --------
    >>> plural(21, "customer", "ru"), plural(3, "customer", "ru"), plural(11, "customer", "ru")
    ('клиент', 'клиента', 'клиентов')
    """
    lang = resolve_lang(lang)
    forms = text(f"noun.{noun}", lang).split("|")
    return forms[min(_plural_index(float(n), lang), len(forms) - 1)]


def unit_label(time_unit: str | None, lang: str | None = None) -> str:
    """Plural name of a time unit ("weeks", "недели"); "periods" when unknown."""
    key = f"unit.{time_unit}"
    return text(key if has(key, lang) else "unit.period", lang)


def short_unit_label(time_unit: str | None, lang: str | None = None) -> str:
    """Unit written after a number: "weeks" / "нед." (Russian abbreviations avoid plural forms)."""
    key = f"short.{time_unit}"
    return text(key if has(key, lang) else "short.period", lang)


def per_unit_label(time_unit: str | None, lang: str | None = None) -> str:
    """"per week", "в неделю"; "per period" when unknown."""
    key = f"per.{time_unit}"
    return text(key if has(key, lang) else "per.period", lang)


# --------------------------------------------------------------------------- numbers

def format_number(value, lang: str | None = None, *, decimals: int = 1) -> str:
    r"""A number as text for the reader of `lang`: ``1,234.5`` (en) or ``1 234,5`` (ru).

    Parameters
    ----------
    value : float
        The number; infinities read as "∞" and NaN as "–".
    lang : {"en", "ru"}, optional
        Language of the reader; the current setting when omitted.
    decimals : int
        Digits after the decimal mark.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(1234.5, "en"), format_number(-1234.5, "ru")
    ('1,234.5', '−1\u202f234,5')
    """
    lang = resolve_lang(lang)
    x = float(value)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text_ = f"{abs(x):,.{int(decimals)}f}"
    if lang == "ru":
        text_ = text_.replace(",", _RU_THOUSANDS).replace(".", ",")
    # A value that rounds to zero carries no sign.
    negative = x < 0 and float(f"{abs(x):.{int(decimals)}f}") != 0
    return ("−" if negative else "") + text_


def format_money(value, lang: str | None = None, *, currency: str | None = None, decimals: int = 2) -> str:
    r"""An amount of money as text: ``$1,234.50`` (en, USD) or ``1 234,50 ₽`` (ru, RUB).

    Parameters
    ----------
    value : float
        The amount.
    lang : {"en", "ru"}, optional
        Language of the reader; the current setting when omitted.
    currency : str, optional
        ISO code (``"RUB"``, ``"USD"``, ``"EUR"``...) or its symbol; the current currency when omitted.
    decimals : int
        Digits after the decimal mark: 2 for cents, 0 for whole units.

    Examples
    --------
    >>> format_money(1234.5, "en", currency="USD")
    '$1,234.50'
    >>> format_money(-1234.5, "ru", currency="RUB", decimals=0)
    '−1\u202f234\xa0₽'
    """
    lang = resolve_lang(lang)
    code = get_currency(lang) if currency is None else _currency_code(currency)
    symbol, before = CURRENCIES[code]
    number = format_number(value, lang, decimals=decimals)
    if lang == "ru" or not before:
        return f"{number}{_NBSP}{symbol}"
    sign = ""
    if number.startswith("−"):
        sign, number = "−", number[1:]
    return f"{sign}{symbol}{number}"


def currency_symbol(currency: str | None = None, lang: str | None = None) -> str:
    """The symbol of `currency` (the current one when omitted): "₽", "$"."""
    code = get_currency(lang) if currency is None else _currency_code(currency)
    return CURRENCIES[code][0]


def format_percent(fraction, lang: str | None = None, *, decimals: int = 1) -> str:
    r"""A fraction as a percentage: ``12.5%`` (en) or ``12,5 %`` (ru).

    Examples
    --------
    >>> format_percent(0.125, "ru")
    '12,5\xa0%'
    """
    lang = resolve_lang(lang)
    number = format_number(100.0 * float(fraction), lang, decimals=decimals)
    return f"{number}{_NBSP}%" if lang == "ru" else f"{number}%"


def format_date(value, lang: str | None = None) -> str:
    """A calendar date: ``2024-01-05`` (en, ISO) or ``05.01.2024`` (ru).

    Examples
    --------
    >>> import datetime
    >>> format_date(datetime.date(2024, 1, 5), "ru")
    '05.01.2024'
    """
    lang = resolve_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, str):
        return value
    date = value.date() if hasattr(value, "date") and callable(value.date) else value
    return date.strftime("%d.%m.%Y") if lang == "ru" else date.isoformat()


