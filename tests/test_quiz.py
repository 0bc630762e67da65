"""The final quiz (notebook 14): every answer worked out a second way and accepted, in both languages.

The expected answers of clvkit/_exercises/nb14.py are computed with clvkit; here each one is computed
again by hand (closed forms, loops, the BG/NBD P(alive) formula) from the figures the question states.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from clvkit import ClvDataError, teach
from clvkit._exercises import nb14

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "notebooks" / lang / "14_final_quiz.ipynb" for lang in ("en", "ru")]
RUB = nb14.MONEY["ru"]


def _perpetuity(m, r, d, first_now=False):
    """Σ m r^t / (1+d)^t over t = 1.. (or t = 0.. when the first margin comes now), summed term by term."""
    total, t = 0.0, 0 if first_now else 1
    while True:
        term = m * r ** t / (1 + d) ** t
        total += term
        if term < 1e-12:
            return total
        t += 1


def _bgnbd_p_alive(x, t_x, T, r, alpha, a, b):
    """Fader, Hardie & Lee (2005), eq. 5: P(alive | x, t_x, T) for x > 0."""
    return 1.0 / (1.0 + (a / (b + x - 1)) * ((alpha + T) / (alpha + t_x)) ** (r + x))


def _cdnow_params():
    from clvkit.datasets import load_cdnow_summary
    from clvkit.models import BGNBD

    return BGNBD().fit(load_cdnow_summary()).params_


def _payback_months(margin, cac, retention):
    cumulative, month = 0.0, 0
    while True:
        month += 1
        before = cumulative
        cumulative += margin * retention ** month
        if cumulative >= cac:
            return month - 1 + (cac - before) / (cumulative - before)


# The answer of every question, computed here by hand (in dollars; amounts are scaled for Russian).
def _hand_answers() -> dict[str, object]:
    q = nb14
    clv = {k: _perpetuity(v["margin"], v["retention"], q.Q2_DISCOUNT) for k, v in q.Q2.items()}
    steps = [_perpetuity(100, r, 0.1) for r in q.Q7["steps"]]
    g_aov = _perpetuity(33, 0.6, 0.1) - _perpetuity(30, 0.6, 0.1)
    g_ret = _perpetuity(30, 0.66, 0.1) - _perpetuity(30, 0.6, 0.1)
    cohort = [0.5 * 0.9 ** t + 0.5 * 0.5 ** t for t in range(4)]
    p = _cdnow_params()
    alive = {k: _bgnbd_p_alive(v["frequency"], v["recency"], v["T"], p["r"], p["alpha"], p["a"], p["b"])
             for k, v in q.Q12.items()}
    gain = {m: _perpetuity(m, 0.66, 0.1) - _perpetuity(m, 0.6, 0.1) for m in (120, 20)}
    nets = {"nobody": 0.0, "top": 1000 * (gain[120] - 15), "everyone": 1000 * (gain[120] + gain[20] - 30)}
    one_year = (100 * 0.75 - 100 * 0.70) / 1.1
    lifetime = _perpetuity(100, 0.75, 0.1) - _perpetuity(100, 0.70, 0.1)
    arpu = 0.05 * (200 - 120) * 1.5
    # 14.17: orders per customer as Poisson counts: the variance of a group's mean is its mean / group size
    freq_z = (2.02 - 2.00) / math.sqrt((2.02 + 2.00) / 1000)
    # 14.19: two customers, the forecast swaps them: the total is exact, the ranking is backwards
    actual, swapped = [0.0, 10.0], [10.0, 0.0]
    total_shows_ranking = sum(actual) == sum(swapped) and (actual[0] < actual[1]) == (swapped[0] < swapped[1])
    # a decision is (the choice the figures give, the key of the one listed reason that holds for them)
    return {
        "14.1": 50 * 0.8 / (1 + 0.1 - 0.8),
        "14.2": (max(clv, key=clv.get), "r1"),  # r1: the larger CLV decides
        "14.3": 270 / 3,
        "14.4": {k for k, (ltv, cac) in q.Q4.items() if ltv / cac < 2},
        "14.5": ("yes" if _payback_months(20, 100, 0.9) <= 6 else "no", "r3"),  # r3: only those still there
        "14.6": ("retention" if g_ret > g_aov else "aov", "r2"),  # r2: retention lengthens every stream
        "14.7": steps[2] - steps[1] > steps[1] - steps[0],
        "14.8": 50 * 4 * 0.3 * 4,
        "14.9": ("yes" if _perpetuity(60, 0.75, 0.1, first_now=True) / 100 >= 2 else "no", "r1"),  # r1: DCF value
        "14.10": cohort[3] / cohort[2] > cohort[1] / cohort[0],
        "14.11": _perpetuity(100, 0.75, 0.1) - _perpetuity(100, 0.70, 0.1),
        "14.12": (min(alive, key=alive.get), "r2"),  # r2: silence is long for a frequent buyer
        "14.13": 250,
        "14.14": (500 + 300) / sum(q.Q14),
        "14.15": (max(nets, key=nets.get), "r1"),  # r1: where the CLV added exceeds the cost
        "14.16": ("approve" if lifetime >= 15 else "reject", "r3"),  # r3: over the lifetime, not one year
        "14.17": ("aov" if abs(freq_z) < 2 and 54 > 50 else "frequency", "r1"),  # r1: frequency is noise
        "14.18": ("test", "r2"),  # r2: only the randomised test compares like with like
        "14.19": total_shows_ranking,  # False: a total can be exact while the ranking is wrong
        "14.20": ("yes" if 5 <= arpu / 1.5 else "no", "r1"),  # r1: the ceiling is ARPU / (1 + ROMI)
    }


HAND = _hand_answers()
QUIZ = teach.exercises(14)


def _in(lang, key):
    """The hand answer in the track's money."""
    value, ex = HAND[key], QUIZ[key]
    return value * nb14.MONEY[lang] if ex.per_lang else value


def test_the_quiz_has_twenty_questions_of_every_kind():
    assert sorted(QUIZ, key=lambda k: int(k.split(".")[1])) == [f"14.{i}" for i in range(1, 21)]
    assert {ex.kind for ex in QUIZ.values()} == {"number", "set", "bool", "decision"}
    assert set(HAND) == set(QUIZ)


@pytest.mark.parametrize("key", list(HAND))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_hand_computed_answer_is_the_expected_one_and_accepted(key, lang):
    ex, hand = QUIZ[key], _in(lang, key)
    if ex.kind == "number":
        assert math.isclose(float(ex.value(lang)), hand, rel_tol=1e-6)
    elif ex.kind == "set":
        assert set(ex.value(lang)) == hand
    else:
        assert ex.value(lang) == hand
    answer = sorted(hand) if ex.kind == "set" else hand
    feedback = teach.check(key, answer, lang=lang)
    assert feedback.correct, feedback.text
    assert feedback.text.endswith(ex.feedback[lang]) and len(ex.feedback[lang]) > 60  # it explains


def test_the_figures_a_question_states_instead_of_a_fit_are_the_computed_ones():
    # 14.9 states the DCF value of a customer (first margin now): 60 × 1.1 / (1.1 − 0.75)
    assert "$188.57" in QUIZ["14.9"].question["en"] and re.search(r"18\s857\s₽", QUIZ["14.9"].question["ru"])
    assert math.isclose(_perpetuity(60, 0.75, 0.1, first_now=True), 60 * 1.1 / 0.35)
    # the simple formula's 240 is the same stream undiscounted: the whole gap of 14.9 is discounting
    assert math.isclose(_perpetuity(60, 0.75, 0.0, first_now=True), 50 * 4 * 0.3 * 4)
    # 14.18: the test's $3 per invited customer is $6 per member when half of them joined
    assert "$6 a month per member" in QUIZ["14.18"].explain["r3"]["en"]
    assert re.search(r"600\s₽ в месяц на участника", QUIZ["14.18"].explain["r3"]["ru"])
    # 14.12 needs no fit; 14.19 states the totals' errors
    assert "BG/NBD fitted" not in QUIZ["14.12"].question["en"]
    assert "1% off" in QUIZ["14.19"].question["en"] and "44%" in QUIZ["14.19"].question["en"]


def test_frequency_lift_of_the_recommendation_test_is_within_chance():
    import numpy as np

    rng = np.random.default_rng(17)
    # simulated tests with no effect at all: a gap of 0.02 orders is common between two groups of 1,000
    gaps = [rng.poisson(2.0, 1000).mean() - rng.poisson(2.0, 1000).mean() for _ in range(2000)]
    assert sum(abs(g) >= 0.02 for g in gaps) / len(gaps) > 0.5
    assert nb14.frequency_z_17() < 1


def test_amounts_read_in_each_track_currency():
    question = QUIZ["14.1"].question
    assert "$50 " in question["en"] and "₽" not in question["en"]
    assert re.search(r"5\s000\s₽", question["ru"]) and "$" not in question["ru"]
    assert teach.check("14.1", _in("ru", "14.1"), lang="ru").correct
    assert not teach.check("14.1", _in("en", "14.1"), lang="ru").correct  # dollars are not roubles
    assert "100" in teach.check("14.1", _in("en", "14.1"), lang="ru").text  # off by the factor


@pytest.mark.parametrize(("key", "words"), [
    ("14.2", ["б", "в", "клиент Б", "Customer B"]),
    ("14.5", ["нет", "Нет", "отказаться"]),
    ("14.6", ["удержание", "Удержание"]),
    ("14.12", ["а", "клиент А"]),
    ("14.15", ["лучшим", "верхний уровень"]),
    ("14.16", ["одобрить", "да"]),
    ("14.17", ["средний чек", "чек"]),
    ("14.18", ["тест", "из теста"]),
    ("14.20", ["нет", "не покупать"]),
])
def test_russian_words_are_accepted(key, words):
    reason = HAND[key][1]
    for word in words:
        assert teach.check(key, (word, reason), lang="ru").correct, word


def test_russian_channel_names_are_accepted_in_a_set():
    assert teach.check("14.4", ["медийная реклама", "партнёры"], lang="ru").correct
    assert teach.check("14.4", ["медийка", "партнеры"], lang="ru").correct
    assert not teach.check("14.4", ["медийка"], lang="ru").correct


def test_wrong_decisions_and_wrong_reasons_are_refused_with_the_explanation_and_a_hint():
    for key in nb14.DECISIONS:
        ex, (decision, reason) = QUIZ[key], HAND[key]
        for lang in ("en", "ru"):
            for option in set(ex.options) - {decision}:
                feedback = teach.check(key, (option, reason), lang=lang)
                assert not feedback.correct and ex.explain[option][lang] in feedback.text, key
                assert ex.hint[lang] in feedback.text, key
            for other in set(ex.reasons) - {reason}:
                feedback = teach.check(key, (decision, other), lang=lang)
                assert not feedback.correct and ex.explain[other][lang] in feedback.text, key
            assert not teach.check(key, decision, lang=lang).correct  # a decision without its reason


def test_half_of_the_questions_ask_for_a_decision_with_a_reason_chosen_among_listed_ones():
    decisions = [key for key, ex in QUIZ.items() if ex.kind == "decision"]
    assert sorted(decisions) == sorted(nb14.DECISIONS) and 2 * len(decisions) >= len(QUIZ)
    right = [HAND[key][1] for key in decisions]
    assert len(set(right)) >= 3, "the right reason is not always the same key"
    for key in decisions:
        assert 2 <= len(QUIZ[key].reasons) <= 4 and len(QUIZ[key].options) >= 2, key


def test_the_questions_cover_every_notebook_of_the_marketer_path():
    import yaml

    course = yaml.safe_load((ROOT / "notebooks" / "curriculum.yaml").read_text(encoding="utf-8"))
    marketer = {f"{int(n['number']):02d}" for n in course["notebooks"]
                if n["path"] == "marketer" and n.get("kind", "lesson") == "lesson"}
    covered = {number for numbers in nb14.COVERS.values() for number in numbers}
    assert set(nb14.COVERS) == set(QUIZ)
    assert covered == marketer  # 00-13; 00's cohort table is read again in 14.10


def test_the_score_counts_the_last_answer_of_each_question_in_both_languages():
    teach.forget(14)
    assert teach.score(14, lang="en").text.startswith("🏁 0 of 20 answered correctly.")
    for key in ("14.1", "14.2", "14.3"):
        teach.check(key, _in("en", key), lang="en")
    teach.check("14.4", ["search"], lang="en")
    assert "3 of 20 answered correctly" in teach.score(14, lang="en").text
    assert "Верных ответов: 3 из 20." in teach.score(14, lang="ru").text
    assert "14.4" in teach.score(14, lang="en").text.split("again:")[1]
    teach.check("14.3", 1, lang="en")  # a later wrong answer replaces the right one
    assert "2 of 20" in teach.score(14, lang="en").text
    teach.forget(14)
    assert "0 of 20" in teach.score(14, lang="en").text


def test_the_score_of_a_dict_of_answers():
    def answers(lang):
        return {key: (sorted(_in(lang, key)) if QUIZ[key].kind == "set" else _in(lang, key)) for key in HAND}

    full = teach.score(14, answers("ru"), lang="ru")
    assert full.correct and "20 из 20" in full.text and "итоговый проект" in full.text
    in_dollars = 20 - sum(ex.per_lang for ex in QUIZ.values())  # roubles are not dollars
    assert f"{in_dollars} of 20" in teach.score(14, answers("ru"), lang="en").text
    answers = answers("en")
    answers["14.7"] = not answers["14.7"]
    answers["14.1"] = ...
    part = teach.score(14, answers, lang="en")
    assert not part.correct and "18 of 20" in part.text and part.text.endswith("To look at again: 14.1, 14.7.")


def test_answers_to_unknown_questions_are_refused_in_both_languages():
    with pytest.raises(ClvDataError, match="'14.21'.*notebook 14"):
        teach.score(14, {"14.21": 1}, lang="en")
    with pytest.raises(ClvDataError, match="'14.21'.*блокноте 14"):
        teach.score(14, {"14.21": 1}, lang="ru")


def _shown_values(ex, lang):
    """Ways an expected number could be written: 133.33, 133,33, 133."""
    value = float(ex.value(lang))
    out = set()
    for dec in (0, 1, 2):
        for text in (f"{value:.{dec}f}", f"{value:,.{dec}f}"):
            out |= {text, text.replace(".", ","), text.replace(",", "\u202f").replace(".", ",")}
    return {s for s in out if len(s.strip("0,.")) >= 2}


def _answer_cells(cells: list[dict]) -> list[tuple[str, list[str], list[str]]]:
    """(source, keys checked in order, text of each output) of every code cell that checks answers."""
    out = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "teach.check(" in source:
            keys = re.findall(r'teach\.check\("(14\.\d+)"', source)
            shown = ["".join(o.get("data", {}).get("text/plain", o.get("text", ""))) for o in cell["outputs"]]
            out.append((source, keys, shown))
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_the_quiz_fits_the_limits_of_a_notebook(path):
    """At most 30 cells: the twenty questions are asked five to a cell, each answer on its own line(s)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert len(cells) <= 30
    answers = _answer_cells(cells)
    assert [k for _source, keys, _shown in answers for k in keys] == [f"14.{i}" for i in range(1, 21)]
    assert all(len(keys) == 5 for _source, keys, _shown in answers)
    for source, keys, _shown in answers:
        assert len(source.splitlines()) <= 15
        for key in keys:  # the learner writes each answer in its own variable(s), checked under its own key
            k = key.split(".")[1]
            if QUIZ[key].kind == "decision":
                assert source.count(f"decision_{k} = ...  # ") == 1 and source.count(f"reason_{k} = ...  # ") == 1
                assert f'display(teach.check("{key}", (decision_{k}, reason_{k}), lang=lang))' in source
            else:
                assert source.count(f"answer_{k} = ...  # ") == 1
                assert f'display(teach.check("{key}", answer_{k}, lang=lang))' in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_no_answer_in_committed_outputs_or_placeholders(path):
    lang = path.parent.name
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    answers = _answer_cells(cells)
    assert sum(len(keys) for _source, keys, _shown in answers) == 20
    for source, keys, shown in answers:
        assert source.startswith(("answer_", "decision_")), source
        assert len(shown) == len(keys)  # each question shows its own feedback, in order
        for key, output in zip(keys, shown):
            ex, k = QUIZ[key], key.split(".")[1]
            assert output.startswith(f"✏️ {key}:") and "✅" not in output and "📖" not in output
            if ex.kind == "number":
                values = _shown_values(ex, lang)
                assert not [s for s in values if s in source], (key, source)
            elif ex.kind == "decision":  # the prompts name every option and every reason, so they give nothing away
                decision = next(line for line in source.splitlines() if line.startswith(f"decision_{k} "))
                reason = next(line for line in source.splitlines() if line.startswith(f"reason_{k} "))
                assert all(f'"{o}"' in decision for o in ex.options), (key, decision)
                assert reason.endswith(", ".join(ex.reasons)), (key, reason)
            elif ex.kind == "set":
                assert not all(f'"{o}"' in source for o in ex.value(lang))
    every_output = json.dumps([c.get("outputs", []) for c in cells], ensure_ascii=False)
    assert "📖" not in every_output and "✅" not in every_output


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_quiz_ends_with_the_score_and_links_the_capstone(lang):
    cells = json.loads((ROOT / "notebooks" / lang / "14_final_quiz.ipynb").read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "".join(code[-1]["source"]) == "teach.score(14, lang=lang)"
    last = "".join(cells[-1]["source"])
    link = f"../../docs/training/capstone.{lang}.md"
    assert f"]({link})" in last
    assert (ROOT / "notebooks" / lang / link).resolve().exists()


# ------------------------------------------------------------------ the training kit around the quiz
TRAINING = ROOT / "docs" / "training"
SOURCES = ROOT / "notebooks" / "source"
REVIEW_HEADING = {"en": "## Review questions", "ru": "## Вопросы для самопроверки"}
ANSWERS_HEADING = {"en": "**Review answers", "ru": "**Ответы на вопросы для самопроверки"}


def _review_count(source: Path, lang: str) -> int:
    import jupytext

    notebook = jupytext.reads(source.read_text(encoding="utf-8"), fmt="py:percent")
    cell = next(c.source for c in notebook.cells
                if c.cell_type == "markdown" and c.source.startswith(REVIEW_HEADING[lang]))
    return len(re.findall(r"^\d+\. ", cell, flags=re.M))


def _sections(lang: str) -> dict[str, str]:
    notes = (TRAINING / f"instructor_notes.{lang}.md").read_text(encoding="utf-8")
    parts = re.split(r"^### (\d\d) ", notes, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_instructor_notes_answer_every_review_question(lang):
    sections = _sections(lang)
    sources = sorted(p for p in SOURCES.glob("*.py") if "final_quiz" not in p.name)
    assert sources and {p.name[:2] for p in sources} <= set(sections)
    for source in sources:
        section = sections[source.name[:2]]
        assert "**Live.**" in section or "**Вживую.**" in section
        answers = section.split(ANSWERS_HEADING[lang], 1)[1]
        assert len(re.findall(r"^\d+\. ", answers, flags=re.M)) == _review_count(source, lang), source.name


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)


def _agenda(lang: str, heading: str) -> list[tuple[int, int]]:
    notes = (TRAINING / f"instructor_notes.{lang}.md").read_text(encoding="utf-8")
    table = notes.split(heading, 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    return [(_minutes(a), _minutes(b)) for a, b in re.findall(r"^\| (\d:\d\d)–(\d:\d\d) \|", "|" + table, re.M)]


@pytest.mark.parametrize(("lang", "heading"), [("en", "## One-day training"), ("ru", "## Однодневный тренинг"),
                                               ("en", "**Day 2**"), ("ru", "**День 2**")])
def test_agendas_are_contiguous_and_fit_six_hours_with_breaks(lang, heading):
    slots = _agenda(lang, heading)
    assert len(slots) >= 6 and slots[0][0] == 0
    assert all(end > start for start, end in slots)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(slots, slots[1:])), "no gaps or overlaps"
    assert slots[-1][1] <= 6 * 60


def test_both_languages_give_the_same_agenda():
    assert _agenda("en", "## One-day training") == _agenda("ru", "## Однодневный тренинг")
    assert _agenda("en", "**Day 2**") == _agenda("ru", "**День 2**")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_capstone_has_a_rubric_of_four_to_six_criteria_with_levels(lang):
    text = (TRAINING / f"capstone.{lang}.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert 4 <= len(rows) <= 6
    header = next(line for line in text.splitlines() if line.startswith("| ") and "| 0 | 1 | 2 | 3 |" in line)
    assert header and all(line.count("|") == header.count("|") for line in rows)
    assert "example_orders.csv" in text
