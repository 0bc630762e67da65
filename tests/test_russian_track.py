"""The Russian track counts in roubles and speaks Russian: data, tables, exercises and committed outputs.

The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed
rate (100 ₽ a dollar, docs/decisions.md "Roubles in the Russian track"). Tested here: the loaders'
``currency=`` and :func:`clvkit.datasets.in_currency` against the files read directly, the tables of
:func:`clvkit.format_table` against numbers written by hand, the exercises (money answers in the
currency in force, Russian answers and their synonyms), and the committed notebooks' outputs.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import clvkit as ck
from clvkit import i18n, teach
from clvkit.datasets import COURSE_RATES, dataset_path, in_currency
from clvkit.tables import format_table, yes_no

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

#: A code cell tagged so shows currencies on purpose (a conversion, a currency setting): its outputs
#: may hold "$" and "USD" in the Russian track.
ABOUT_CURRENCIES = "about-currencies"
#: A code cell tagged so shows a file as it is (notebook 11's raw export): its words are the file's own.
RAW_DATA = "raw-data"

#: Every committed Russian notebook, by number: each counts in roubles and speaks Russian.
CONVERTED = sorted(p.stem[:2] for p in (NOTEBOOKS / "ru").glob("*.ipynb"))


# --------------------------------------------------------------------------- data in roubles

def test_every_notebook_of_the_course_is_checked():
    assert CONVERTED == [f"{n:02d}" for n in range(len(CONVERTED))] and len(CONVERTED) >= 13


def test_the_course_rate_is_one_round_number_per_currency():
    assert COURSE_RATES == {"USD": 1.0, "RUB": 100.0}


def test_cdnow_in_roubles_is_the_file_times_the_rate():
    raw = pd.read_csv(dataset_path("cdnow_sample.csv"))  # the file as shipped, without the loader
    usd = ck.datasets.load_cdnow_transactions()
    rub = ck.datasets.load_cdnow_transactions(currency="RUB")
    assert math.isclose(rub["amount"].sum(), 100 * raw["amount"].sum(), rel_tol=1e-12)
    assert rub["amount"].tolist() == pytest.approx((usd["amount"] * 100).tolist(), rel=1e-12)
    for column in ("customer_id", "date", "cds", "master_id"):
        assert rub[column].equals(usd[column])
    assert rub.attrs["currency"] == "RUB" and "currency" not in usd.attrs


def test_a_summary_in_roubles_keeps_every_count_and_scales_the_spend():
    usd, usd_hold = ck.datasets.load_cdnow_summary(with_holdout=True)
    rub, rub_hold = ck.datasets.load_cdnow_summary(with_holdout=True, currency="RUB")
    pd.testing.assert_frame_equal(rub[["frequency", "recency", "T"]], usd[["frequency", "recency", "T"]])
    assert rub["monetary_value"].to_numpy() == pytest.approx(
        100 * usd["monetary_value"].to_numpy(), rel=1e-12)
    assert rub_hold["monetary_value_holdout"].to_numpy() == pytest.approx(
        100 * usd_hold["monetary_value_holdout"].to_numpy(), rel=1e-12)
    published = ck.datasets.load_cdnow_calibration_summary_published(currency="RUB")
    raw = pd.read_csv(dataset_path("cdnow_calibration_summary_published.csv"))
    assert math.isclose(published["monetary_value"].sum(), 100 * raw["monetary_value"].sum(), rel_tol=1e-12)


def test_case_studies_in_roubles_convert_amounts_channel_costs_and_the_true_money_parameters():
    log, channels = ck.datasets.load_retailer(with_channels=True, currency="RUB")
    raw = pd.read_csv(dataset_path("retailer_channels.csv"), index_col="channel")
    assert channels["cac"].tolist() == pytest.approx((raw["cac"] * 100).tolist())
    assert channels["capacity"].tolist() == raw["capacity"].tolist()
    params = json.loads(dataset_path("retailer_params.json").read_text())
    for group, values in params["gamma_gamma_by_group"].items():
        assert log.attrs["true_params"]["gamma_gamma_by_group"][group]["gamma"] == 100 * values["gamma"]
        assert log.attrs["true_params"]["gamma_gamma_by_group"][group]["p"] == values["p"]
    payments = ck.datasets.load_subscription(currency="RUB")
    sub = json.loads(dataset_path("subscription_params.json").read_text())
    assert payments.attrs["true_params"]["sbg_by_plan"]["basic"]["price"] == pytest.approx(
        100 * sub["sbg_by_plan"]["basic"]["price"])
    basic = payments.attrs["true_params"]["sbg_by_plan"]["basic"]
    assert basic["alpha"] == sub["sbg_by_plan"]["basic"]["alpha"]
    coffee = ck.datasets.load_coffee_chain(currency="RUB")
    assert coffee["amount"].sum() == pytest.approx(100 * ck.datasets.load_coffee_chain()["amount"].sum())


def test_in_currency_leaves_the_frame_given_as_it_was():
    usd = ck.datasets.load_cdnow_transactions()
    before = usd.copy()
    converted = in_currency(usd, "RUB")
    pd.testing.assert_frame_equal(usd, before)
    assert converted["amount"].iloc[0] == pytest.approx(100 * usd["amount"].iloc[0])


def test_a_currency_without_a_course_rate_is_refused_in_both_languages():
    for lang, words in (("en", ["'EUR'", "course rate", "'RUB'"]),
                        ("ru", ["'EUR'", "курса пересчёта", "'RUB'"])):
        with i18n.language(lang), pytest.raises(ck.ClvDataError) as err:
            ck.datasets.load_cdnow_transactions(currency="EUR")
        assert all(w in str(err.value) for w in words), str(err.value)


def test_a_frame_converted_twice_is_refused_in_both_languages():
    rub = ck.datasets.load_cdnow_transactions(currency="RUB")
    for lang, words in (("en", ["'RUB'", "US dollars"]), ("ru", ["'RUB'", "долларах США"])):
        with i18n.language(lang), pytest.raises(ck.ClvDataError) as err:
            in_currency(rub, "RUB")
        assert all(w in str(err.value) for w in words), str(err.value)


# --------------------------------------------------------------------------- tables

def _by_hand(x: float, decimals: int) -> str:
    """A number the Russian way, written independently of clvkit.i18n: digits grouped by three."""
    whole, _, frac = f"{abs(x):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ("−" if x < 0 else "") + "\u202f".join(groups) + ("," + frac if frac else "")


def test_a_russian_table_has_decimal_commas_russian_words_and_yes_no():
    frame = pd.DataFrame({"segment": ["champions", "at risk"], "clv": [1234.5, -0.25],
                          "targeted": [True, False], "customers": [12345, 7]}).set_index("segment")
    before = frame.copy()
    shown = format_table(frame, "ru")
    pd.testing.assert_frame_equal(frame, before)
    assert list(shown.columns) == ["CLV", "в программе", "клиентов"]
    assert shown.index.name == "сегмент" and list(shown.index) == ["чемпионы", "под угрозой ухода"]
    assert format_table(pd.DataFrame({"tier": ["top 1-5%", "rest"]}), "ru")["уровень"].tolist() == [
        "топ 1-5%", "остальные"]
    assert shown["CLV"].tolist() == [_by_hand(1234.5, 2), _by_hand(-0.25, 2)]
    assert shown["в программе"].tolist() == ["да", "нет"]
    assert shown["клиентов"].tolist() == [_by_hand(12345, 0), "7"]
    text = shown.to_string()
    assert "True" not in text and "." not in text


def test_a_russian_table_writes_money_with_the_rouble_sign_and_chosen_decimals():
    frame = pd.DataFrame({"clv": [3500.0, 123456.789]})
    shown = format_table(frame, "ru", money=["clv"], decimals={"clv": 0}, currency="RUB")
    assert shown["CLV"].tolist() == [_by_hand(3500, 0) + "\xa0₽", _by_hand(123457, 0) + "\xa0₽"]


def test_columns_labelled_by_years_share_one_number_of_decimals():
    frame = pd.DataFrame({1: [0.631, 0.869], 7: [0.92, 0.95]})
    shown = format_table(frame, "ru")
    assert shown[7].tolist() == ["0,920", "0,950"] and shown[1].tolist() == ["0,631", "0,869"]
    named = format_table(pd.DataFrame({"clv": [1.5], "retention": [0.125]}), "ru")
    assert named.iloc[0].tolist() == ["1,5", "0,125"]


def test_a_series_becomes_a_one_column_table_without_an_english_footer():
    series = pd.Series([0.179, 0.421], index=pd.Index([0.01, 0.05], name="top"), name="value_share")
    shown = format_table(series, "ru")
    assert "dtype" not in repr(shown) and "Name" not in repr(shown)
    assert list(shown.index) == ["0,01", "0,05"] and shown.iloc[:, 0].tolist() == ["0,179", "0,421"]


def test_an_english_table_is_left_as_pandas_prints_it():
    frame = pd.DataFrame({"clv": [1.5], "targeted": [True]})
    assert format_table(frame, "en") is frame
    assert yes_no(True, "en") == "True" and yes_no(False, "ru") == "нет"


# --------------------------------------------------------------------------- exercises

def _all_exercises():
    found = []
    for number in range(len(CONVERTED)):
        found.extend(teach.exercises(number).values())
    return found


def _word_options(ex) -> list[str]:
    """The options of a choice or set exercise that are words (an exercise about customer ids has none)."""
    return [o for o in ex.options if re.search(r"[A-Za-z]", str(o))]


CHOICES = [ex for ex in _all_exercises() if ex.kind in ("choice", "set", "decision") and _word_options(ex)]


def test_there_are_choice_exercises_to_check():
    assert len(CHOICES) >= 9


@pytest.mark.parametrize("ex", CHOICES, ids=lambda ex: ex.key)
def test_every_option_of_a_choice_exercise_has_a_russian_answer(ex):
    # a name Russian keeps as it is (BG/NBD, Gamma-Gamma) needs no Russian word
    for option in [o for o in _word_options(ex) if not set(re.findall("[A-Za-z]+", o)) <= ALLOWED]:
        words = ex.synonyms.get(option, ())
        assert any(re.search("[а-яё]", w, re.IGNORECASE) for w in words), \
            f"{ex.key}: no Russian word for {option!r}"


@pytest.mark.parametrize("ex", CHOICES, ids=lambda ex: ex.key)
def test_a_russian_answer_is_accepted_and_a_russian_wrong_one_refused(ex):
    right = ex.value()
    if ex.kind == "set":  # a set is answered with a list: the Russian words of its options together
        assert teach.check(ex.key, [ex.synonyms[o][0] for o in sorted(right)], lang="ru").correct, ex.key
        return
    for word in ex.synonyms.get(right, ()):
        for written in (word, word.upper(), f"  {word} "):
            assert teach.check(ex.key, written, lang="ru").correct, (ex.key, written)
    for option in _word_options(ex):
        if option == right:
            continue
        for word in ex.synonyms.get(option, ()):
            assert not teach.check(ex.key, word, lang="ru").correct, (ex.key, word)


@pytest.mark.parametrize("ex", CHOICES, ids=lambda ex: ex.key)
def test_no_word_answers_for_two_options(ex):
    seen = {}
    for option, words in ex.synonyms.items():
        assert option in ex.options, f"{ex.key}: synonyms for {option!r}, which is not an option"
        for word in words:
            key = " ".join(word.lower().replace("ё", "е").split())
            assert key not in {o.lower() for o in ex.options}, f"{ex.key}: {word!r} is itself an option"
            assert seen.setdefault(key, option) == option, \
                f"{ex.key}: {word!r} names {seen[key]!r} and {option!r}"


MONEY = [ex for ex in _all_exercises() if ex.money]


def test_money_exercises_exist():
    assert MONEY, "no exercise is marked money=True"


@pytest.mark.parametrize("ex", MONEY, ids=lambda ex: ex.key)
def test_a_money_answer_is_checked_in_the_currency_in_force(ex):
    dollars = float(ex.value())
    roubles = dollars * 100  # the course rate, written out
    assert teach.check(ex.key, dollars, lang="en", currency="USD").correct
    assert teach.check(ex.key, roubles, lang="ru", currency="RUB").correct
    assert not teach.check(ex.key, dollars, lang="ru", currency="RUB").correct
    assert not teach.check(ex.key, roubles, lang="en", currency="USD").correct
    with i18n.language("ru"):  # the currency follows the language when none is set
        assert teach.check(ex.key, roubles).correct
    shown = str(teach.solution(ex.key, lang="ru", currency="RUB"))
    assert i18n.format_number(roubles, "ru", decimals=ex.decimals) in shown


def test_a_money_answer_in_a_currency_without_a_course_rate_is_refused():
    with pytest.raises(ck.ClvDataError):
        teach.check(MONEY[0].key, 1.0, lang="ru", currency="EUR")


# --------------------------------------------------------------------------- committed outputs

def _allowed_latin() -> set[str]:
    """Latin words a Russian output may hold: the glossary's terms that Russian keeps as they are."""
    glossary = yaml.safe_load((ROOT / "docs" / "training" / "glossary.yaml").read_text(encoding="utf-8"))
    words = set()
    for term in glossary["terms"]:
        for field in (term.get("abbr") or "", term["ru"]):
            words.update(re.findall(r"[A-Za-z][A-Za-z0-9]*", field))
    # names (of the data, the authors, the package) and the Latin letters of formulas and parameters
    return words | {"CDNOW", "Fader", "Hardie", "Lee", "Shang", "Gupta", "Lehmann", "clvkit", "Pareto", "NBD",
                    "MBG", "BG", "BB", "Gamma", "Shift", "Enter", "Excel", "Voila", "CSV", "MAE", "RMSE",
                    "SE",
                    "basic", "premium"}  # the subscription plans of notebook 09 are named so in both tracks


ALLOWED = _allowed_latin()
# `code`, and tokens with a letter and a dot, bracket, equals sign or quote, such as ck.formulas.dcf_clv(...)
CODE_LIKE = re.compile(r"`[^`]*`|[A-Za-z_][\w.]*\([^()]*\)|(?=\S*[A-Za-z_])\S*[._()=\[\]\"']\S*")


def _outputs(path: Path):
    """(cell index, tags, text) of every text output of a committed notebook; widgets and images left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        tags = cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                yield i, tags, "".join(output["text"])
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
                continue  # an explorer, or a chart (its text is matplotlib's "<Figure size ...>")
            for mime in ("text/plain", "text/markdown"):
                if mime in data:
                    yield i, tags, "".join(data[mime])


# "✏️ 03.1:" and "(03.1)" of the exercise feedback, and the quiz's score line ("🏁 ... 14.1, 14.2")
EXERCISE_KEY = re.compile(r"(?:✏️ |\()\d{2}\.\d+[:)]|^🏁[^\n]*", re.M)


def _latin_words(text: str) -> list[str]:
    bare = CODE_LIKE.sub(" ", text)
    return [w for w in re.findall(r"(?<![\w/])[A-Za-z]{2,}(?![\w/])", bare) if w not in ALLOWED]


def _notebook(lang: str, number: str) -> Path:
    return next((NOTEBOOKS / lang).glob(f"{number}_*.ipynb"))


@pytest.mark.parametrize("number", CONVERTED)
def test_russian_outputs_show_no_dollars(number):
    bad = [(i, t[:80]) for i, tags, t in _outputs(_notebook("ru", number))
           if ABOUT_CURRENCIES not in tags and ("$" in t or "USD" in t)]
    assert bad == []


@pytest.mark.parametrize("number", CONVERTED)
def test_russian_outputs_show_no_english_booleans(number):
    bad = [(i, t[:80]) for i, _tags, t in _outputs(_notebook("ru", number))
           if re.search(r"\b(True|False)\b", t)]
    assert bad == []


@pytest.mark.parametrize("number", CONVERTED)
def test_russian_outputs_hold_no_english_word_outside_code_names_and_terms(number):
    bad = [(i, words) for i, tags, t in _outputs(_notebook("ru", number))
           if RAW_DATA not in tags and (words := _latin_words(t))]
    assert bad == []


def _tables(path: Path):
    """(cell index, text) of every table (a DataFrame: it has an HTML form) among a notebook's outputs.

    A cell tagged raw-data (a file shown as it is) is left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        if RAW_DATA in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data and "text/plain" in data:
                yield i, "".join(data["text/plain"])


@pytest.mark.parametrize("number", CONVERTED)
def test_russian_tables_hold_no_english_names(number):
    # in a table every name is shown to the reader: snake_case column names count as words here
    bad = [(i, words) for i, t in _tables(_notebook("ru", number))
           if (words := [w for w in re.findall(r"[A-Za-z]{2,}", t) if w not in ALLOWED])]
    assert bad == []


@pytest.mark.parametrize("number", CONVERTED)
def test_russian_tables_have_decimal_commas(number):
    # a decimal point between digits, outside code (hints quote code such as retention=0.9)
    # a cell about currencies quotes the formats a loader reads ("1234.50", "$1,234.50")
    bad = [(i, t[:80]) for i, tags, t in _outputs(_notebook("ru", number)) if ABOUT_CURRENCIES not in tags
           and re.search(r"(?<![\w.=])\d+\.\d+(?![\w.])", CODE_LIKE.sub(" ", EXERCISE_KEY.sub(" ", t)))]
    assert bad == []


def test_the_checks_of_outputs_find_what_they_look_for():
    assert _latin_words("Клиентов: 12; segment champions, ck.formulas.dcf_clv(1) и `frequency`") == [
        "segment", "champions"]
    assert _latin_words("CLV по BG/NBD, P(alive) и LTV:CAC") == []
    assert re.search(r"(?<![\w.=])\d+\.\d+(?![\w.])", CODE_LIKE.sub(" ", "средний чек 35.96")) is not None
    assert re.search(r"(?<![\w.=])\d+\.\d+(?![\w.])", CODE_LIKE.sub(" ", "retention=0.9 даёт 35,96")) is None
    hint = "Посчитайте ck.formulas.dcf_clv(15_000, 0.95, 0.1) и 0,2"
    assert re.search(r"\d\.\d", CODE_LIKE.sub(" ", hint)) is None
    feedback = "✏️ 03.1: ответа нет; 💡 Подсказка (03.1): 0.5"
    assert EXERCISE_KEY.sub(" ", feedback) == "  ответа нет; 💡 Подсказка  : 0.5"


# notebooks 12 (unit economics) and 13 (the online school) count in roubles in both tracks
ENGLISH = sorted(p for p in (NOTEBOOKS / "en").glob("*.ipynb") if not p.stem.startswith(("12_", "13_")))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem[:2])
def test_english_outputs_show_no_roubles(path):
    bad = [(i, t[:80]) for i, tags, t in _outputs(path) if ABOUT_CURRENCIES not in tags and "₽" in t]
    assert bad == []
