"""Notebook 12's exercises: the decisions agree with the arithmetic done by hand, and Russian words are accepted."""

from __future__ import annotations

import pytest

from clvkit import teach
from clvkit._exercises import nb12


# ------------------------------------------------------------------ the answers, computed a second way
def by_hand(ua, c1, avp, cogs, apc, cpa):
    """The funnel written out: ARPU and CPA per user, ROMI, and what 100 000 ₽ more at today's CPA adds."""
    arpu = c1 * (avp - cogs) * apc
    romi = (ua * arpu - ua * cpa) / (ua * cpa)
    return {"arpu": arpu, "romi": romi, "gain": 100_000 / cpa * (arpu - cpa), "cm": ua * (arpu - cpa)}


CHANNELS = {"search": (5_000, 0.05, 2500, 1500, 1.8, 70), "social": (15_000, 0.02, 2200, 1400, 1.5, 30),
            "marketplace": (20_000, 0.06, 2000, 1500, 1.4, 35)}


def test_the_extra_budget_goes_to_search_where_a_rouble_returns_most():
    mine = {name: by_hand(*row) for name, row in CHANNELS.items()}
    assert mine["search"]["gain"] == pytest.approx(100_000 * 20 / 70)       # 90 ₽ against 70 ₽: +28 571 ₽
    assert mine["marketplace"]["cm"] > mine["search"]["cm"]                    # the largest is not the one to grow
    assert mine["social"]["gain"] == pytest.approx(-20_000)
    theirs = nb12.channel_figures()
    for name in CHANNELS:
        assert theirs[name]["gain"] == pytest.approx(mine[name]["gain"])
        assert theirs[name]["romi"] == pytest.approx(mine[name]["romi"])
    assert teach.get("12.1").value() == ("search", "r1")
    assert teach.check("12.1", ("поиск", "r1"), lang="ru").correct
    assert not teach.check("12.1", ("marketplace", "r1")).correct
    assert not teach.check("12.1", ("search", "r2")).correct
    # search grows although its ARPPU:CAC is below 3:1: ARPU 90 ₽ against CPA 70 ₽, 90 / 70 = 1.29
    assert 1 < 90 / 70 < 3 and nb12.T["en"]["search_ratio"] == "1.29"
    assert "1,29" in teach.get("12.1").feedback["ru"] and "1.29" in teach.get("12.1").feedback["en"]


def test_in_the_clv_view_the_first_purchase_is_worth_more_than_the_repeat_ones():
    # By hand, month by month: the first order now for sure, then (APC − 1) / 12 orders a month
    # by the buyers still there (0.85 ** t) and discounted (1 + d) ** t, d the monthly rate of 20 % a year.
    d = 1.2 ** (1 / 12) - 1

    def value(apc):
        per_month = (apc - 1) / 12
        return 1000 + sum(1000 * per_month * 0.85 ** t / (1 + d) ** t for t in range(1, 13))

    def cm(c1, apc):
        return 10_000 * (c1 * value(apc) - 80)

    gains = nb12.lift_gains()
    assert gains["unit_economics"]["c1"] == pytest.approx(72_000)
    assert gains["unit_economics"]["apc"] == pytest.approx(72_000)
    assert gains["clv_view"]["c1"] == pytest.approx(cm(0.044, 1.8) - cm(0.04, 1.8))
    assert gains["clv_view"]["apc"] == pytest.approx(cm(0.04, 1.98) - cm(0.04, 1.8))
    assert gains["clv_view"]["c1"] > gains["clv_view"]["apc"]
    assert teach.get("12.2").value() == ("c1", "r1")


def test_the_texts_quote_the_computed_figures_in_each_language():
    assert "+72,000\u00a0₽" in teach.get("12.2").question["en"]
    assert "+72\u202f000\u00a0₽" in teach.get("12.2").question["ru"]
    assert "+52\u202f086\u00a0₽" in teach.get("12.2").feedback["ru"]
    assert "+28,571\u00a0₽" in teach.get("12.1").explain["search"]["en"]
    assert "28,6\u00a0%" in teach.get("12.1").explain["r1"]["ru"]


# ------------------------------------------------------------------ Russian answers and synonyms
@pytest.mark.parametrize("answer", ["c1", "C1", " с1 ", "конверсия", "Конверсию", "лендинг", "conversion",
                                    "landing page"])
def test_a_decision_accepts_the_option_its_synonyms_and_russian_words(answer):
    assert teach.check("12.2", (answer, "r1"), lang="ru").correct
    assert teach.check("12.2", (answer, "r1"), lang="en").correct


@pytest.mark.parametrize("answer", ["apc", "повторные  покупки", "письма", "e-mails"])
def test_a_synonym_of_the_other_option_is_wrong_and_explained(answer):
    feedback = teach.check("12.2", (answer, "r1"), lang="ru")
    assert not feedback.correct
    assert "один из вариантов" not in feedback.text      # it named an option, so no list of options
    assert teach.get("12.2").explain["apc"]["ru"] in feedback.text


def test_words_that_name_no_option_are_answered_with_the_options():
    ru = teach.check("12.2", ("поиск", "r1"), lang="ru")        # 12.1's word, not 12.2's
    assert not ru.correct and "один из вариантов: c1, apc" in ru.text
    assert "one of: search, social, marketplace" in teach.check("12.1", ("both", "r1"), lang="en").text


def test_synonyms_are_read_with_yo_as_ye_and_in_sets_too(monkeypatch):
    ex = teach.Exercise(key="00.8", kind="set", expected=("retention", "margin"), options=("retention", "margin"),
                        synonyms={"retention": ("удержание",), "margin": ("маржа", "наценка ещё")},
                        hint={"en": "h", "ru": "п"}, solution={"en": "s", "ru": "р"})
    monkeypatch.setattr(teach, "get", lambda key, lang=None: ex)
    assert teach.check("00.8", ["Удержание", "наценка еще"], lang="ru").correct
    assert not teach.check("00.8", ["удержание"], lang="ru").correct


def test_no_word_names_two_options():
    for key in ("12.1", "12.2"):
        ex = teach.get(key)
        seen = {}
        for option, words in ex.synonyms.items():
            for word in words:
                assert seen.setdefault(word.lower(), option) == option, (key, word)


# ------------------------------------------------------------------ nothing given away, figures quoted right
def test_no_committed_output_of_notebook_12_shows_an_answer():
    """Outputs hold none of the figures the exercises' feedback reveals."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    given_away = {lang: [nb12.T[lang][k] for k in ("clv_c1", "clv_apc", "search_gain", "marketplace_gain")]
                  for lang in ("en", "ru")}
    for lang in ("en", "ru"):
        notebook = json.loads((root / "notebooks" / lang / "12_unit_economics.ipynb").read_text(encoding="utf-8"))
        shown = json.dumps([c.get("outputs", []) for c in notebook["cells"]] + [notebook["metadata"]],
                           ensure_ascii=False)
        shown = shown.replace("\\u202f", "\u202f").replace("\\u00a0", "\u00a0")
        for figure in given_away[lang]:
            assert figure.lstrip("+") not in shown, f"notebooks/{lang}/12 shows {figure} before it is asked for"


def test_the_instructor_answers_quote_the_computed_figures():
    from pathlib import Path

    notes = (Path(__file__).resolve().parent.parent / "docs" / "training" / "review_answers_12.md").read_text(
        encoding="utf-8")
    english, russian = notes.split("## Русский")
    for key in ("clv_c1", "clv_apc", "same", "search_gain", "marketplace_gain"):
        assert nb12.T["en"][key].replace("\u00a0", " ") in english
        assert nb12.T["ru"][key].replace("\u00a0", " ").replace("\u202f", " ") in russian


def test_a_decision_not_yet_answered_asks_for_both_lines():
    for answer in ((..., ...), ("search", ...), (..., "r1")):
        feedback = teach.check("12.1", answer, lang="en")
        assert not feedback.correct and feedback.text.startswith("✏️ 12.1:") and "replace the ..." in feedback.text
    assert "замените ..." in teach.check("12.1", (..., ...), lang="ru").text
