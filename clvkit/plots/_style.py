"""The look every chart shares: palette, new Axes, and tick formatters in the reader's language.

Formatters write numbers, money and percentages the way :mod:`clvkit.i18n` does
(``$1,234`` / ``1 234 ₽``, ``12%`` / ``12 %``), so a chart and the table beside it agree.
Money axes shorten large amounts (``$12K``, ``12 тыс. ₽``): long tick labels are what
made neighbouring labels touch on narrow charts.
"""

from __future__ import annotations

import math

from ..i18n import (
    CURRENCIES,
    currency_symbol,
    format_money,
    format_number,
    format_percent,
    get_currency,
    label,
    resolve_lang,
    text,
    unit_label,
)

__all__ = [
    "axis_label",
    "compact_money",
    "integer_locator",
    "few_ticks_locator",
    "money_formatter",
    "money_label",
    "new_axes",
    "number_formatter",
    "palette",
    "percent_formatter",
    "tick_formatter",
    "unit_axis_label",
]

#: Above this many currency units a money tick is written in thousands (millions a thousand times higher).
COMPACT_FROM = 10_000.0


def palette(n: int = 10) -> list:
    """The colour-blind-safe colours every chart uses (seaborn "colorblind").

    Parameters
    ----------
    n : int
        Number of colours.

    Returns
    -------
    list of RGB tuples
    """
    import seaborn as sns

    return list(sns.color_palette("colorblind", n))


def new_axes(ax=None, figsize=(6.4, 4.0)):
    """The Axes to draw on: `ax` when given, else one on a new pyplot figure of `figsize` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, created = plt.subplots(figsize=figsize)
    return created


def _currency_code(currency: str | None, lang: str) -> str:
    if currency is None:
        return get_currency(lang)
    by_symbol = {symbol: code for code, (symbol, _before) in CURRENCIES.items()}
    return by_symbol.get(currency, str(currency).upper())


def compact_money(value: float, lang: str | None = None, *, currency: str | None = None, decimals: int = 0,
                  scale: float | None = None, digits: int | None = None) -> str:
    """An amount for an axis tick: whole units below 10 000, thousands or millions above.

    Examples
    --------
    >>> compact_money(25_000, "en", currency="USD"), compact_money(2_500_000, "ru", currency="RUB")
    ('$25K', '2,5\\xa0млн\\xa0₽')

    `scale` (1, 1e3 or 1e6) and `digits` fix the unit and the decimals instead of choosing them from
    `value`, so that every tick of one axis is written alike (see :func:`money_formatter`).
    """
    lang = resolve_lang(lang)
    x = float(value)
    if scale is None:
        scale = 1.0 if not math.isfinite(x) or abs(x) < COMPACT_FROM else (1e6 if abs(x) >= 1e6 else 1e3)
    if not math.isfinite(x) or scale == 1.0 or x == 0:  # zero needs no unit: 0 ₽, not 0K ₽
        return format_money(x, lang, currency=currency, decimals=decimals)
    key = "plots.millions" if scale == 1e6 else "plots.thousands"
    shown = x / scale
    if digits is None:
        digits = 0 if float(shown).is_integer() else 1
    number = format_number(shown, lang, decimals=digits)
    code = _currency_code(currency, lang)
    symbol, before = CURRENCIES.get(code, (currency_symbol(currency, lang), True))
    return text("plots.money_compact_before" if before and lang == "en" else "plots.money_compact_after", lang,
                number=number.lstrip("−"), sign="−" if number.startswith("−") else "", scale=text(key, lang),
                symbol=symbol)


def money_formatter(lang: str | None = None, currency: str | None = None, decimals: int = 0, *, compact: bool = True):
    """A matplotlib tick formatter writing money in `currency` (the current one when None).

    Parameters
    ----------
    lang : {"en", "ru"}, optional
    currency : str, optional
        ISO code or symbol.
    decimals : int
        Digits after the decimal mark for amounts below 10 000.
    compact : bool
        Write 10 000 and more in thousands or millions (:func:`compact_money`).
    """
    from matplotlib.ticker import FuncFormatter

    lang = resolve_lang(lang)
    if compact:
        return _compact_money_formatter(lang, currency, decimals)
    return FuncFormatter(lambda v, _pos: format_money(v, lang, currency=currency, decimals=decimals))


def _tick_scale(values) -> tuple[float, int | None]:
    """One unit (1, 1e3 or 1e6) and one number of decimals for all the ticks of an axis, from the largest."""
    finite = [abs(float(v)) for v in values if math.isfinite(float(v))]
    top = max(finite, default=0.0)
    if top < COMPACT_FROM:
        return 1.0, None
    scale = 1e6 if top >= 1e6 else 1e3
    # a tick such as 2.5 million needs one decimal; then every tick shows one, so the labels line up
    digits = 0 if all(float(v / scale).is_integer() for v in finite) else 1
    return scale, digits


def _compact_money_formatter(lang, currency, decimals):
    """A tick formatter writing every tick of an axis in the same unit: 5K and 10K, never 5,000 and 10K."""
    from matplotlib.ticker import Formatter

    class CompactMoney(Formatter):
        def __call__(self, v, pos=None):
            locs = getattr(self, "locs", None)
            scale, digits = _tick_scale(locs) if locs is not None and len(locs) else (None, None)
            return compact_money(v, lang, currency=currency, decimals=decimals, scale=scale, digits=digits)

        def format_ticks(self, values):
            scale, digits = _tick_scale(values)
            return [compact_money(v, lang, currency=currency, decimals=decimals, scale=scale, digits=digits)
                    for v in values]

    return CompactMoney()


def number_formatter(lang: str | None = None, decimals: int = 0):
    """A tick formatter writing plain numbers with the language's separators."""
    from matplotlib.ticker import FuncFormatter

    lang = resolve_lang(lang)
    return FuncFormatter(lambda v, _pos: format_number(v, lang, decimals=decimals))


def percent_formatter(lang: str | None = None, decimals: int = 0):
    """A tick formatter writing shares (0.25) as percentages ("25%", "25 %")."""
    from matplotlib.ticker import FuncFormatter

    lang = resolve_lang(lang)
    return FuncFormatter(lambda v, _pos: format_percent(v, lang, decimals=decimals))


def tick_formatter(lang: str | None = None, currency: str | None = None, *, money: bool = False):
    """Ticks with as few decimals as each value needs (0.25, 0.5, 1); as money when `money` is true."""
    from matplotlib.ticker import FuncFormatter

    lang = resolve_lang(lang)

    def write(v, _pos):
        decimals = next((d for d in range(3) if abs(v - round(v, d)) <= 1e-9 * max(1.0, abs(v))), 2)
        if money:
            return compact_money(v, lang, currency=currency, decimals=decimals)
        return format_number(v, lang, decimals=decimals)

    return FuncFormatter(write)


def integer_locator(nbins="auto"):
    """Ticks on whole numbers only (counts of purchases)."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, integer=True)


def few_ticks_locator(nbins: int = 5):
    """At most `nbins` round intervals: wide labels ("1 250 $") stay apart."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])


def axis_label(key: str, unit: str, lang: str | None = None) -> str:
    """An axis label with its unit, written the reader's way: "Period (months)", "Период, месяцы"."""
    return text("plots.axis_unit", lang, label=label(key, lang), unit=unit)


def unit_axis_label(key: str, time_unit: str | None, lang: str | None = None) -> str:
    """An axis label with its time unit: "Period (months)"."""
    return axis_label(key, unit_label(time_unit, lang), lang)


def money_label(key: str, currency: str | None = None, lang: str | None = None) -> str:
    """An axis label with its currency: "Cumulative value ($)", "Накопленная ценность, ₽"."""
    lang = resolve_lang(lang)
    return axis_label(key, currency_symbol(_currency_code(currency, lang), lang), lang)
