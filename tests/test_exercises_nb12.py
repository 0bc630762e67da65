"""Notebook 12's exercises: the answers agree with the arithmetic done by hand, and Russian words are accepted."""

from __future__ import annotations

import pytest

from clvkit import teach
from clvkit._exercises import nb12


# ------------------------------------------------------------------ the answers, computed a second way
def test_the_affordable_cpa_at_a_30_percent_romi_is_arpu_over_1_3():
    arpu = 0.04 * (2500 - 1500) * 1.8                      # 72 roubles a user
    assert teach.get("12.1").value() == pytest.approx(arpu / 1.3)   # 55.38
    assert teach.check("12.1", 55.38).correct and teach.check("12.1", 55).correct  # whole roubles
    assert not teach.check("12.1", 56).correct
    assert not teach.check("12.1", 72).correct              # break-even is not the 30 % ceiling


def test_the_landing_page_adds_more_margin_than_the_emails():
    # CM = UA × (C1 × (AvP − COGS) × APC − CPA), worked by hand
    base = 10_000 * (0.04 * 1000 * 1.8 - 80)                # −80 000
    landing = 10_000 * (0.05 * 1000 * 1.8 - 80) - base      # +180 000
    emails = 10_000 * (0.04 * 1000 * 2.1 - 80) - base       # +120 000
    gains = nb12.project_gains()
    assert gains["c1"] == pytest.approx(landing) and gains["apc"] == pytest.approx(emails)
    assert teach.get("12.2").value() == "c1"


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
    assert teach.get("12.3").value() == "c1"


def test_the_questions_quote_the_computed_figures_in_each_language():
    assert "+72,000\u00a0₽" in teach.get("12.3").question["en"]
    assert "+72\u202f000\u00a0₽" in teach.get("12.3").question["ru"]
    assert "+52\u202f086\u00a0₽" in teach.get("12.3").feedback["ru"]


# ------------------------------------------------------------------ Russian answers and synonyms
@pytest.mark.parametrize("answer", ["c1", "C1", " с1 ", "конверсия", "Конверсию", "лендинг", "conversion",
                                    "landing page"])
def test_a_choice_accepts_the_option_its_synonyms_and_russian_words(answer):
    assert teach.check("12.2", answer, lang="ru").correct
    assert teach.check("12.2", answer, lang="en").correct


@pytest.mark.parametrize("answer", ["apc", "покупки", "Число покупок", "повторные  покупки", "письма", "e-mails"])
def test_a_synonym_of_the_other_option_is_wrong_but_understood(answer):
    feedback = teach.check("12.2", answer, lang="ru")
    assert not feedback.correct
    assert "один из вариантов" not in feedback.text      # it named an option, so no list of options
    assert "Подсказка" in feedback.text


def test_words_that_name_no_option_are_answered_with_the_options():
    ru = teach.check("12.3", "лендинг", lang="ru")        # the landing page is 12.2's, not 12.3's
    assert not ru.correct and "один из вариантов: c1, apc" in ru.text
    assert "one of: c1, apc" in teach.check("12.3", "both", lang="en").text


def test_synonyms_are_read_with_yo_as_ye_and_in_sets_too(monkeypatch):
    ex = teach.Exercise(key="00.8", kind="set", expected=("retention", "margin"), options=("retention", "margin"),
                        synonyms={"retention": ("удержание",), "margin": ("маржа", "наценка ещё")},
                        hint={"en": "h", "ru": "п"}, solution={"en": "s", "ru": "р"})
    monkeypatch.setattr(teach, "get", lambda key, lang=None: ex)
    assert teach.check("00.8", ["Удержание", "наценка еще"], lang="ru").correct
    assert not teach.check("00.8", ["удержание"], lang="ru").correct


# ------------------------------------------------------------------ nothing given away, figures quoted right
def test_no_committed_output_of_notebook_12_shows_an_answer():
    """Outputs and the stored widget state (the explorer's figures) hold none of the answers' figures."""
    import json
    from pathlib import Path

    from clvkit.i18n import format_money

    root = Path(__file__).resolve().parent.parent
    given_away = {lang: [format_money(teach.get("12.1").value(), lang, currency="RUB")]
                  + [nb12.T[lang][k] for k in ("landing", "emails", "clv_c1", "clv_apc")] for lang in ("en", "ru")}
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
    for key in ("clv_c1", "clv_apc", "same"):
        assert nb12.T["en"][key].replace("\u00a0", " ") in english
        assert nb12.T["ru"][key].replace("\u00a0", " ").replace("\u202f", " ") in russian
