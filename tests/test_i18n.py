"""The language module: catalogues in step, numbers, money, dates and plurals written each audience's way."""

from __future__ import annotations

import datetime
import json
import math
import string
import subprocess
import sys
from pathlib import Path

import pytest

import clvkit as ck
from clvkit import i18n
from clvkit.errors import ClvDataError
from clvkit.i18n import format_date, format_money, format_number, format_percent, label, plural

CATALOGUES = Path(i18n.__file__).parent


def _fields(template: str) -> set[tuple[str, str]]:
    return {(name, spec) for _lit, name, spec, _conv in string.Formatter().parse(template) if name is not None}


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    ck.set_language("en")
    ck.set_currency(None)


def test_both_catalogues_have_the_same_keys_and_the_same_placeholders():
    en, ru = i18n.catalogue("en"), i18n.catalogue("ru")
    assert sorted(set(en) ^ set(ru)) == []
    en_files = sorted(p.name for p in (CATALOGUES / "en").glob("*.json"))
    assert en_files == sorted(p.name for p in (CATALOGUES / "ru").glob("*.json"))
    for name in en_files:  # the same subject file holds the same keys in both languages
        assert json.loads((CATALOGUES / "en" / name).read_text(encoding="utf-8")).keys() == \
            json.loads((CATALOGUES / "ru" / name).read_text(encoding="utf-8")).keys(), name
    for key in en:
        if key.startswith("noun."):
            continue  # plural forms, not templates: 2 forms in English, 3 in Russian
        assert _fields(en[key]) == _fields(ru[key]), key


def test_every_text_is_non_empty_and_russian_texts_are_mostly_cyrillic():
    en, ru = i18n.catalogue("en"), i18n.catalogue("ru")
    assert all(v.strip() for v in en.values()) and all(v.strip() for v in ru.values())
    cyrillic = [k for k, t in ru.items() if any("а" <= ch.lower() <= "я" for ch in t)]
    assert len(cyrillic) > 0.8 * len(ru)


def test_russian_nouns_have_three_plural_forms_and_english_two():
    for key, forms in i18n.catalogue("ru").items():
        if key.startswith("noun."):
            assert len(forms.split("|")) == 3, key
            assert len(i18n.catalogue("en")[key].split("|")) == 2, key


def test_numbers_are_written_the_english_and_the_russian_way():
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "ru") == "1\u202f234,5"
    assert format_number(-1234567.25, "ru", decimals=2) == "−1\u202f234\u202f567,25"
    assert format_number(-0.01, "en", decimals=1) == "0.0"
    assert format_number(math.inf, "en") == "∞"
    assert format_number(math.nan, "ru") == "–"


def test_money_follows_the_language_and_the_chosen_currency():
    assert format_money(1234.56, "en") == "$1,234.56"
    assert format_money(1234.56, "ru") == "1\u202f234,56\u00a0₽"
    assert format_money(-5, "en", decimals=0) == "−$5"
    assert format_money(1234.5, "en", currency="EUR") == "€1,234.50"
    assert format_money(1234.5, "en", currency="RUB") == "1,234.50\u00a0₽"
    assert format_money(1234.5, "ru", currency="USD") == "1\u202f234,50\u00a0$"
    assert format_money(1234.5, "ru", currency="₽") == "1\u202f234,50\u00a0₽"
    ck.set_currency("EUR")
    assert format_money(10, "ru", decimals=0) == "10\u00a0€"
    ck.set_currency(None)
    assert format_money(10, "ru", decimals=0) == "10\u00a0₽"


def test_an_unknown_currency_is_refused_naming_the_known_ones():
    with pytest.raises(ClvDataError, match="XYZ.*RUB"):
        ck.set_currency("XYZ")


def test_percent_and_dates():
    assert format_percent(0.125, "en") == "12.5%"
    assert format_percent(0.125, "ru") == "12,5\u00a0%"
    assert format_date(datetime.date(2024, 1, 5), "en") == "2024-01-05"
    assert format_date(datetime.datetime(2024, 1, 5, 13, 0), "ru") == "05.01.2024"


@pytest.mark.parametrize(("n", "form"), [(1, "клиент"), (2, "клиента"), (5, "клиентов"), (11, "клиентов"),
                                          (12, "клиентов"), (21, "клиент"), (22, "клиента"), (104, "клиента"),
                                          (111, "клиентов"), (11104, "клиента")])
def test_russian_plurals_agree_with_the_number(n, form):
    assert plural(n, "customer", "ru") == form


def test_format_specs_write_counts_money_and_percent_in_the_language():
    assert i18n.text("err.rows_dropped", "en", n=1, what="x") == "dropped 1 row: x"
    assert i18n.text("err.rows_dropped", "ru", n=11104, what="x") == "удалено 11\u202f104 строки: x"
    assert i18n.text("err.rows_dropped", "ru", n=5, what="x") == "удалено 5 строк: x"


def test_the_language_setting_is_the_default_everywhere_and_lang_overrides_it():
    ck.set_language("ru")
    assert label("driver.aov") == "Средний чек"
    assert label("driver.aov", "en") == "Average order value"
    with i18n.language("en", currency="EUR"):
        assert label("driver.aov") == "Average order value"
        assert format_money(1) == "€1.00"
    assert ck.get_language() == "ru" and ck.get_currency() == "RUB"


def test_the_environment_sets_the_starting_language():
    code = "import clvkit as ck; print(ck.get_language(), ck.get_currency())"
    env = {"CLVKIT_LANG": "ru_RU", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split() == ["ru", "RUB"]


def test_unknown_language_is_refused_with_one_sentence():
    with pytest.raises(ClvDataError, match="lang"):
        label("driver.aov", "de")
    with pytest.raises(ClvDataError, match="lang"):
        ck.set_language("de")


def test_a_language_block_in_one_thread_leaves_the_others_alone():
    import threading

    seen = {}
    inside, leave = threading.Event(), threading.Event()

    def background():
        with i18n.language("ru", currency="EUR"):
            seen["background"] = (ck.get_language(), ck.get_currency(), label("driver.aov"))
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=background)
    worker.start()
    inside.wait(5)
    seen["main"] = (ck.get_language(), ck.get_currency(), label("driver.aov"))
    leave.set()
    worker.join()
    assert seen["background"] == ("ru", "EUR", "Средний чек")
    assert seen["main"] == ("en", "USD", "Average order value")
