"""The glossary: one Russian form per term, and every Russian text of the course keeps to it.

docs/training/glossary.yaml fixes each term's Russian form, its gender and the variants not to use;
the checker of docs/training/build_glossary.py reads the notebook sources, the Russian catalogues,
the curriculum and the exercises. The checker itself is tested on planted sentences, so a green run
means the texts are clean, not that the checker is blind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_script

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "docs" / "training"


bg = load_script(TRAINING / "build_glossary.py", register=True)
GLOSSARY = bg.load()


def _check(sentence: str, markdown: bool = True) -> list[str]:
    return bg.violations([bg.Text("planted", sentence, markdown=markdown)], GLOSSARY)


# --------------------------------------------------------------------------- the glossary file

def test_glossary_has_every_term_the_course_relies_on():
    keys = {t["key"] for t in GLOSSARY["terms"]}
    needed = {"clv", "ltv", "cac", "ltv_cac", "payback", "retention", "churn", "p_alive", "discount_rate",
              "dcf", "bgnbd", "paretonbd", "sbg", "bgbb", "gamma_gamma", "rfm", "frequency", "recency",
              "age_t", "cohort", "holdout", "calibration", "margin", "aov", "customer_equity", "segment",
              "waterfall", "tornado", "driver", "notebook", "explorer", "slider", "unit_economics", "ua",
              "c1", "avp", "apc", "cogs", "cpa", "arpu", "arppu", "cm", "romi"}
    assert needed <= keys, sorted(needed - keys)


def test_the_binding_decisions_are_in_the_glossary():
    terms = {t["key"]: t for t in GLOSSARY["terms"]}

    def avoided(key):
        return [bg.shown(f) for f in terms[key]["forbidden"]]

    assert terms["clv"]["gender"] == "m" and terms["ltv"]["gender"] == "m"
    assert terms["sbg"]["ru"].startswith("смещённое бета-геометрическое распределение")
    assert "сдвинутая" in avoided("sbg") and "сдвинутое" in avoided("sbg")
    assert terms["waterfall"]["ru"] == "каскадная диаграмма" and "водопад" in avoided("waterfall")
    assert terms["p_alive"]["ru"].startswith("P(alive)") and "P(активен)" in avoided("p_alive")
    assert terms["driver"]["ru"] == "фактор" and "драйвер" in avoided("driver")
    assert terms["notebook"]["ru"] == "блокнот" and "тетрадь" in avoided("notebook")


def test_a_bracketed_ending_is_shown_but_not_matched():
    assert bg.shown("контрольн[ый] период") == "контрольный период"
    pattern = bg.stem_pattern("контрольн[ый] период")
    assert pattern.search(bg._fold("на контрольном периоде")) and not pattern.search("контрольная группа")


def test_no_forbidden_variant_is_a_chosen_form():
    """A stem that would catch the chosen Russian form of any term makes the glossary contradict itself."""
    chosen = [t["ru"] for t in GLOSSARY["terms"]] + [t["definition"]["ru"] for t in GLOSSARY["terms"]]
    problems = bg.violations([bg.Text(f"glossary:{i}", s) for i, s in enumerate(chosen)], GLOSSARY)
    assert problems == []


def test_a_term_without_a_gender_is_refused(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  - key: clv\n    en: CLV\n    ru: CLV\n    gender: x\n"
                   "    definition: {en: a, ru: б}\n    forbidden: []\n", encoding="utf-8")
    with pytest.raises(bg.GlossaryError, match="gender 'x'"):
        bg.load(bad)


# --------------------------------------------------------------------------- the rendered pages

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_committed_glossary_pages_equal_the_render(lang):
    committed = bg.OUTPUTS[lang].read_text(encoding="utf-8")
    assert committed == bg.render(GLOSSARY, lang), (
        f"{bg.OUTPUTS[lang].name} is out of date; run python docs/training/build_glossary.py")


def test_rendered_pages_put_both_names_side_by_side():
    en, ru = bg.render(GLOSSARY, "en"), bg.render(GLOSSARY, "ru")
    sbg = "| shifted beta-geometric distribution (sBG) | смещённое бета-геометрическое распределение (sBG) |"
    assert sbg in en
    assert "| блокнот | notebook | муж. |" in ru
    assert en.count("\n| ") == ru.count("\n| ") == len(GLOSSARY["terms"]) + 1  # header + one row a term


# --------------------------------------------------------------------------- the checker on planted sentences

@pytest.mark.parametrize("sentence, words", [
    ("Откройте тетрадку 07.", "тетрадку"),
    ("В ТЕТРАДЯХ курса", "ТЕТРАДЯХ"),
    ("модель сдвинутого бета-геометрического распределения", "сдвинутого"),
    ("Водопадом удобно показать вклад", "Водопадом"),
    ("Смотрим на P(активен) по сегментам", "P(активен"),
    ("Главные драйверы CLV", "драйверы"),
    ("проверим модель на контрольном периоде", "контрольном периоде"),
    ("Клиент приносит $40 в месяц", "$40"),
])
def test_checker_catches_a_planted_forbidden_variant_in_any_word_form(sentence, words):
    problems = _check(sentence)
    assert len(problems) == 1 and words in problems[0], problems


@pytest.mark.parametrize("sentence", [
    "Накопленная дисконтированная CLV по годам",
    "Средняя LTV канала",
    "CLV выросла на 20%",
    "После кампании CLV снизилось.",
    "При этом LTV равна 300 $.",
    "Оценим ожидаемую CLV клиента",
])
def test_checker_catches_clv_or_ltv_written_as_feminine_or_neuter(sentence):
    problems = _check(sentence)
    assert len(problems) == 1 and "masculine" in problems[0], problems


@pytest.mark.parametrize("sentence", [
    "Накопленный дисконтированный CLV вырос на 20%, а LTV канала остался прежним.",
    "Что такое CLV и чем он не является?",
    "LTV:CAC выросло до 3, целевое LTV:CAC — 3.",
    "Клиент приносит 40 $ в месяц, 1 234 ₽ за год.",
    "Формула $1 / (1 - r)$ и множитель $r$; в блокноте 07 — отложенный период.",
    "Сдвиньте ползунок: рычаг стоит сдвинуть, если CLV высокий.",
    "Читаются суммы вида $1,234.50.",
])
def test_checker_passes_correct_russian(sentence):
    assert _check(sentence) == []


def test_checker_reads_money_in_catalogue_strings_and_formulas_only_in_prose():
    # a catalogue string is not Markdown: "$1 ..." there is money, not the start of a formula
    assert len(_check("стоит $1 за клиента", markdown=False)) == 1
    assert _check("код `cost=$5` и формула $$x = $1$$") == []


# --------------------------------------------------------------------------- the course's Russian texts

def test_checker_reads_every_kind_of_russian_text():
    texts = bg.russian_texts()
    kinds = {t.where.split(":")[0].split(".")[-1] for t in texts}
    assert {"py", "json", "yaml"} <= kinds
    wheres = " ".join(t.where for t in texts)
    for place in ("00_start_here.py", "core.json", "curriculum.yaml", "nb03.py"):
        assert place in wheres
    # the tr(ru=...) literals of code cells are read too, not only the prose cells
    assert any(not t.markdown and t.where[:2].isdigit() for t in texts)


def test_a_violation_planted_in_each_kind_of_file_is_found(tmp_path):
    """End to end: the checker reads prose cells, tr(ru=...) literals, catalogues, curriculum, exercises."""
    source = tmp_path / "notebooks" / "source"
    source.mkdir(parents=True)
    (source / "99_planted.py").write_text(
        '# %% [markdown] lang="en"\n# The notebook.\n\n'
        '# %% [markdown] lang="ru" en_hash="00000000"\n# В этой тетрадке всё хорошо.\n\n'
        '# %%\nprint(tr(en="Drivers", ru="Драйверы CLV"))\n', encoding="utf-8")
    (tmp_path / "notebooks" / "curriculum.yaml").write_text(
        'notebooks:\n  - title: {en: "Waterfall", ru: "Водопад ценности"}\n', encoding="utf-8")
    catalogues = tmp_path / "clvkit" / "i18n" / "ru"
    catalogues.mkdir(parents=True)
    (catalogues / "planted.json").write_text('{"planted.title": "P(активен) по месяцам"}', encoding="utf-8")
    exercises = tmp_path / "clvkit" / "_exercises"
    exercises.mkdir()
    (exercises / "nb99.py").write_text('HINT = {"en": "A hint.", "ru": "Накопленная CLV выросла."}\n',
                                       encoding="utf-8")
    problems = bg.violations(bg.russian_texts(tmp_path), GLOSSARY)
    found = " ".join(problems)
    for planted in ("99_planted.py:4: «тетрадке»", "99_planted.py:8: «Драйверы»", "curriculum.yaml",
                    "«Водопад»", "planted.json:planted.title: «P(активен»", "nb99.py:1: «Накопленная CLV»",
                    "nb99.py:1: «CLV выросла»"):
        assert planted in found, (planted, problems)


def test_russian_texts_of_the_course_keep_to_the_glossary():
    problems = bg.violations(bg.russian_texts(), GLOSSARY)
    assert problems == [], "\n".join(problems)
