"""Amounts in roubles for the exercises of the notebooks that count in roubles in both tracks (12, 13)."""

from __future__ import annotations

from ..i18n import format_money


def rub(value: float, lang: str, decimals: int = 0) -> str:
    """An amount in roubles, in either track, written the reader's way (``1 800 ₽`` in Russian)."""
    return format_money(value, lang, currency="RUB", decimals=decimals)


def signed_rub(value: float, lang: str) -> str:
    """A change in roubles with its sign: ``+180 000 ₽``, ``−80 000 ₽``."""
    return ("+" if value > 0 else "") + rub(value, lang)
