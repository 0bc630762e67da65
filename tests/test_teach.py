"""clvkit.teach: every exercise accepts its own answer, explains wrong ones, in both languages."""

from __future__ import annotations

import json
import pkgutil
import re
from pathlib import Path

import pytest

import clvkit._exercises as registry
from clvkit import ClvDataError, teach
from clvkit.datasets import COURSE_RATES
from clvkit.i18n import get_currency

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.iter_modules(registry.__path__) if m.name.startswith("nb"))
ALL = [ex for name in MODULES for ex in teach.exercises(int(name[2:])).values()]


@pytest.mark.parametrize("ex", ALL, ids=[ex.key for ex in ALL])
def test_expected_answer_passes_its_own_check(ex):
    for lang in ("en", "ru"):
        # a money answer is given in the language's own currency: roubles at the course rate in Russian
        answer = ex.value(lang) * COURSE_RATES[get_currency(lang)] if ex.money else ex.value(lang)
        feedback = teach.check(ex.key, answer, lang=lang)
        assert feedback.correct, feedback.text
        assert feedback.text.endswith(ex.feedback[lang])


@pytest.mark.parametrize("ex", ALL, ids=[ex.key for ex in ALL])
def test_every_exercise_has_hint_and_solution_in_both_languages(ex):
    assert ex.kind in ("number", "choice", "set", "bool", "decision")
    for text in (ex.hint, ex.solution):
        assert set(text) == {"en", "ru"}
        assert text["en"].strip() and text["ru"].strip()
        assert re.search("[а-яА-Я]", text["ru"]) or "\n" in text["ru"], "the Russian text should be Russian"


@pytest.mark.parametrize("ex", [ex for ex in ALL if ex.kind == "number"], ids=lambda ex: ex.key)
def test_wrong_numbers_say_which_way_they_are_off(ex):
    value = float(ex.value())
    too_high = value * 1.5 + 1
    feedback = teach.check(ex.key, too_high)
    assert not feedback.correct
    assert "too high" in feedback.text or "factor" in feedback.text
    assert ex.hint["en"] in feedback.text
    ru = teach.check(ex.key, too_high, lang="ru")
    assert ex.hint["ru"] in ru.text and "Пока не так" in ru.text


def _number(**changes):
    fields = dict(key="00.6", kind="number", expected=2357, rel_tol=0.0, abs_tol=0.5, decimals=0,
                  hint={"en": "Count the rows.", "ru": "Посчитайте строки."},
                  solution={"en": "len(summary)", "ru": "len(summary)"})
    fields.update(changes)
    return teach.Exercise(**fields)


def _choice():
    return teach.Exercise(key="00.5", kind="choice", expected="a", options=("a", "b", "c", "d"),
                          hint={"en": "Look at the map.", "ru": "Посмотрите на карту."},
                          solution={"en": "a", "ru": "a"})


def test_unanswered_exercise_asks_for_an_answer(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _number())
    assert "replace the ..." in teach.check("00.6", ...).text
    assert "замените ..." in teach.check("00.6", ..., lang="ru").text


def test_an_unanswered_decision_cell_asks_for_an_answer_and_counts_as_not_checked(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _decision())
    teach.forget()
    feedback = teach.check("00.8", (..., ...))
    assert feedback.text.startswith("✏️ 00.8:") and not feedback.correct
    assert "00.8" not in teach._RESULTS
    assert "(decision, reason)" not in teach.check("00.8", (..., ...), lang="ru").text
    assert teach.check("00.8", ("cut B", ...)).text.startswith("✏️ 00.8:")  # half an answer is not an answer yet


def test_tolerance_accepts_rounding(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _number())
    assert teach.check("00.6", 2357 + 0.4).correct
    assert not teach.check("00.6", 2357 + 1).correct


def test_choice_outside_the_options_lists_them(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _choice())
    assert "one of: a, b, c, d" in teach.check("00.5", "z").text
    assert teach.check("00.5", " A ").correct


def test_solution_reveals_the_answer_in_the_reader_language(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _number())
    text = teach.solution("00.6", lang="ru").text
    assert text.startswith("📖 Решение (00.6)") and "Ответ: 2" in text


def test_unknown_keys_are_explained():
    with pytest.raises(ClvDataError, match="look like '03.2'"):
        teach.check("first", 1)
    with pytest.raises(ClvDataError, match="No exercise '00.9'"):
        teach.check("00.9", 1)


def test_feedback_is_deterministic_text(monkeypatch):
    monkeypatch.setattr(teach, "get", lambda key, lang=None: _choice())
    assert repr(teach.check("00.5", "b")) == repr(teach.check("00.5", "b"))


def _notebook_sources(track: str):
    for path in sorted((ROOT / "notebooks" / track).glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_every_exercise_is_used_in_its_notebook():
    used = {}
    for path, code in _notebook_sources("en"):
        used[path.name[:2]] = set(re.findall(r"teach\.check\(\s*\"(\d\d\.\d+)\"", code))
    for ex in ALL:
        notebook = ex.key[:2]
        if notebook in used:
            assert ex.key in used[notebook], f"{ex.key} is defined but notebook {notebook} never checks it"


@pytest.mark.parametrize("ex", ALL, ids=[ex.key for ex in ALL])
def test_every_exercise_has_its_question_prompt_and_feedback_in_both_languages(ex):
    for text in (ex.question, ex.prompt, ex.feedback):
        assert set(text) == {"en", "ru"}
        assert text["en"].strip() and text["ru"].strip()
        assert re.search("[а-яА-Я]", text["ru"]), "the Russian text should be Russian"
    assert "\n" not in ex.prompt["en"] and "\n" not in ex.prompt["ru"], "the prompt is one comment line"


def test_feedback_of_an_exercise_follows_a_right_answer_only(monkeypatch):
    ex = teach.Exercise(key="00.7", kind="number", expected=4.0, hint={"en": "Add.", "ru": "Сложите."},
                        solution={"en": "2 + 2", "ru": "2 + 2"}, question={"en": "2 + 2?", "ru": "2 + 2?"},
                        prompt={"en": "a number", "ru": "число"},
                        feedback={"en": "Two and two make four.", "ru": "Дважды два — четыре."})
    monkeypatch.setattr(teach, "get", lambda key, lang=None: ex)
    assert teach.check("00.7", 4).text == "✅ Correct (00.7). Two and two make four."
    assert teach.check("00.7", 4, lang="ru").text == "✅ Верно (00.7). Дважды два — четыре."
    assert "Two and two" not in teach.check("00.7", 5).text


DECISIONS = [ex for ex in ALL if ex.kind == "decision"]


@pytest.mark.parametrize("ex", DECISIONS, ids=[ex.key for ex in DECISIONS])
def test_a_decision_explains_every_option_and_reason_in_both_languages(ex):
    decision, reason = ex.value("en")
    assert ex.value("ru") == (decision, reason)
    assert len(ex.options) >= 2 and 2 <= len(ex.reasons) <= 5
    assert decision in ex.options and reason in ex.reasons
    assert set(ex.explain) == set(ex.options) | set(ex.reasons), "one sentence for every option and reason"
    for words in [*ex.explain.values(), *ex.reasons.values()]:
        assert set(words) == {"en", "ru"} and words["en"].strip() and re.search("[а-яА-Я]", words["ru"])
    for lang in ("en", "ru"):
        for option in ex.options:
            if option != decision:
                feedback = teach.check(ex.key, (option, reason), lang=lang)
                assert not feedback.correct and ex.explain[option][lang] in feedback.text
        for other in ex.reasons:
            if other != reason:
                feedback = teach.check(ex.key, (decision, other), lang=lang)
                assert not feedback.correct and ex.explain[other][lang] in feedback.text


def _decision(**changes):
    fields = dict(key="00.8", kind="decision", expected=("cut B", "r2"), options=("cut A", "cut B"),
                  reasons={"r1": {"en": "A has the lower CAC.", "ru": "У A ниже CAC."},
                           "r2": {"en": "B returns 1.2 per unit spent.", "ru": "B возвращает 1,2 на вложенную единицу."}},
                  explain={"cut A": {"en": "A returns 4.1 per unit spent.", "ru": "A возвращает 4,1 на единицу."},
                           "cut B": {"en": "B barely pays back.", "ru": "B едва окупается."},
                           "r1": {"en": "A cheap customer can still be worth little.",
                                  "ru": "Дешёвый клиент может стоить мало."},
                           "r2": {"en": "The ratio is what pays.", "ru": "Окупает именно соотношение."}},
                  synonyms={"cut B": ("сократить B",)}, hint={"en": "Compare LTV:CAC.", "ru": "Сравните LTV:CAC."},
                  solution={"en": "ratios", "ru": "соотношения"}, question={"en": "Which?", "ru": "Какой?"},
                  prompt={"en": '"cut A" or "cut B"', "ru": '"cut A" или "cut B"'},
                  feedback={"en": "B returns least.", "ru": "B возвращает меньше всех."})
    fields.update(changes)
    return teach.Exercise(**fields)


def test_a_decision_needs_the_right_choice_and_the_right_reason(monkeypatch):
    ex = _decision()
    monkeypatch.setattr(teach, "get", lambda key, lang=None: ex)
    assert teach.check("00.8", ("cut B", "r2")).text == "✅ Correct (00.8). B returns least."
    assert teach.check("00.8", (" Сократить b ", "R2"), lang="ru").correct
    wrong_choice = teach.check("00.8", ("cut A", "r2")).text
    assert wrong_choice.startswith("❌ Not quite (00.8): A returns 4.1 per unit spent.\n💡 Hint: Compare LTV:CAC.")
    wrong_reason = teach.check("00.8", ("cut B", "r1")).text
    assert "The decision is right, but not for that reason: A cheap customer can still be worth little." in wrong_reason
    assert "Решение верное, но причина другая" in teach.check("00.8", ("cut B", "r1"), lang="ru").text
    assert "(decision, reason)" in teach.check("00.8", "cut B").text
    assert "r1, r2" in teach.check("00.8", ("cut B", "r7")).text
    assert "cut A, cut B" in teach.check("00.8", ("cut C", "r2")).text
    assert teach.solution("00.8").text.endswith("Answer: cut B; r2 — B returns 1.2 per unit spent.")


def test_a_decision_is_written_as_two_lines_and_its_reasons_listed(monkeypatch):
    from helpers import load_script

    build = load_script(ROOT / "notebooks" / "build.py", "notebook_build", register=True)
    ex = _decision()
    cell = build.placeholder("00.8", ex, "en")
    assert cell.splitlines() == ['decision = ...  # "cut A" or "cut B"', "reason = ...  # the key of your reason: r1, r2",
                                 'teach.check("00.8", (decision, reason), lang=lang)']
    prose = build.question("00.8", ex, "Упражнение", "ru")
    assert "Причины на выбор" in prose and "- `r2` — B возвращает 1,2 на вложенную единицу." in prose
    assert "cut B" not in build.question("00.8", ex, "Exercise", "en").split("Which?")[1].split("`r")[0]
