"""clvkit.teach: every exercise accepts its own answer, explains wrong ones, in both languages."""

from __future__ import annotations

import json
import pkgutil
import re
from pathlib import Path

import pytest

import clvkit._exercises as registry
from clvkit import ClvDataError, teach

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.iter_modules(registry.__path__) if m.name.startswith("nb"))
ALL = [ex for name in MODULES for ex in teach.exercises(int(name[2:])).values()]


@pytest.mark.parametrize("ex", ALL, ids=[ex.key for ex in ALL])
def test_expected_answer_passes_its_own_check(ex):
    for lang in ("en", "ru"):
        feedback = teach.check(ex.key, ex.value(lang), lang=lang)
        assert feedback.correct, feedback.text
        assert feedback.text.endswith(ex.feedback[lang])


@pytest.mark.parametrize("ex", ALL, ids=[ex.key for ex in ALL])
def test_every_exercise_has_hint_and_solution_in_both_languages(ex):
    assert ex.kind in ("number", "choice", "set", "bool")
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


def test_unanswered_exercise_asks_for_an_answer():
    assert "replace the ..." in teach.check("00.2", ...).text
    assert "замените ..." in teach.check("00.2", ..., lang="ru").text


def test_tolerance_accepts_rounding():
    value = teach.get("00.2").value()
    assert teach.check("00.2", value + 0.4).correct
    assert not teach.check("00.2", value + 1).correct


def test_choice_outside_the_options_lists_them():
    assert "one of: a, b, c, d" in teach.check("00.1", "z").text
    assert teach.check("00.1", " A ").correct


def test_solution_reveals_the_answer_in_the_reader_language():
    text = teach.solution("00.2", lang="ru").text
    assert text.startswith("📖 Решение (00.2)") and "Ответ: 2" in text


def test_unknown_keys_are_explained():
    with pytest.raises(ClvDataError, match="look like '03.2'"):
        teach.check("first", 1)
    with pytest.raises(ClvDataError, match="No exercise '00.9'"):
        teach.check("00.9", 1)


def test_feedback_is_deterministic_text():
    assert repr(teach.check("00.1", "b")) == repr(teach.check("00.1", "b"))


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
