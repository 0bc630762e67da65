"""The course notebooks keep their skeleton, and the Russian track mirrors the English one."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import jupytext
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EN, RU = ROOT / "notebooks" / "en", ROOT / "notebooks" / "ru"
SOURCE = ROOT / "notebooks" / "source"
COURSE = yaml.safe_load((ROOT / "notebooks" / "curriculum.yaml").read_text(encoding="utf-8"))
CURRICULUM = [f"{int(n['number']):02d}_{n['slug']}" for n in COURSE["notebooks"]]
PRESENT = [name for name in CURRICULUM if (EN / f"{name}.ipynb").exists()]
WORDS = {
    "en": {"learn": "**You will learn**", "takeaways": "## Key takeaways", "next": "**Next:**", "prev": "**Previous:**"},
    "ru": {"learn": "**Вы научитесь**", "takeaways": "## Главное", "next": "**Дальше:**", "prev": "**Назад:**"},
}
WIDGET = "application/vnd.jupyter.widget-view+json"


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


def test_the_english_track_has_every_curriculum_notebook():
    missing = [name for name in CURRICULUM if not (EN / f"{name}.ipynb").exists()]
    assert not missing, f"missing notebooks: {missing}"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", PRESENT)
def test_notebook_has_the_course_skeleton(name, lang):
    path = (EN if lang == "en" else RU) / f"{name}.ipynb"
    cells = load(path)
    words = WORDS[lang]
    markdown = "\n".join(text(c) for c in cells if c["cell_type"] == "markdown")
    code = [c for c in cells if c["cell_type"] == "code"]
    assert text(cells[0]).startswith(f"# {name[:2]} · "), "the first cell is the title"
    assert words["learn"] in markdown
    assert words["takeaways"] in markdown
    checks = sum(len(re.findall(r"teach\.check\(", text(c))) for c in code)
    assert checks >= 2, f"{checks} exercise checks"
    index = CURRICULUM.index(name)
    if index > 0:
        assert f"{words['prev']} [" in markdown and f"({CURRICULUM[index - 1]}.ipynb)" in markdown
    if index < len(CURRICULUM) - 1:
        assert f"{words['next']} [" in markdown and f"({CURRICULUM[index + 1]}.ipynb)" in markdown
    for cell in code:
        assert len(text(cell).splitlines()) <= 15, f"a code cell of {len(text(cell).splitlines())} lines"


@pytest.mark.parametrize("path", sorted(EN.glob("*.ipynb")) + sorted(RU.glob("*.ipynb")) +
                         sorted((ROOT / "notebooks" / "apps").glob("*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_executed_clean_and_mostly_compared(path):
    code = [c for c in load(path) if c["cell_type"] == "code" and text(c).strip()]
    assert all(c.get("execution_count") is not None for c in code), "every code cell is executed"
    with_output = [c for c in code if c.get("outputs")]
    for cell in code:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"error output in: {text(cell)[:60]}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"stderr in: {text(cell)[:60]}"
        tags = cell.get("metadata", {}).get("tags", [])
        if "nbval-ignore-output" in tags:
            assert any(WIDGET in out.get("data", {}) for out in cell.get("outputs", [])), \
                "only cells showing a live widget may skip the output comparison"
    if path.parent.name != "apps" and with_output:
        compared = [c for c in with_output if "nbval-ignore-output" not in c.get("metadata", {}).get("tags", [])]
        assert len(compared) / len(with_output) >= 0.8


def shape(source: str):
    """Code up to comments and string literals: what the two tracks must share."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    out = []
    for tok in tokens:
        if tok.type in skip:
            continue
        if tok.type == tokenize.STRING or tok.type in (getattr(tokenize, "FSTRING_START", -1),):
            out.append("S")
        else:
            out.append(tok.string)
    return out


@pytest.mark.parametrize("name", [p.stem for p in sorted(EN.glob("*.ipynb"))])
def test_russian_track_mirrors_the_english_code(name):
    ru = RU / f"{name}.ipynb"
    assert ru.exists(), f"notebooks/ru/{name}.ipynb is missing"
    en_code = [shape(text(c)) for c in load(EN / f"{name}.ipynb") if c["cell_type"] == "code"]
    ru_code = [shape(text(c)) for c in load(ru) if c["cell_type"] == "code"]
    assert en_code == ru_code


def cyrillic_share(markdown: str) -> float:
    prose = re.sub(r"`[^`]*`|\([^)]*\.ipynb\)|https?://\S+|\$[^$]*\$", " ", markdown)
    letters = re.findall(r"[A-Za-zА-Яа-яЁё]", prose)
    return sum(1 for ch in letters if re.match(r"[А-Яа-яЁё]", ch)) / max(len(letters), 1)


@pytest.mark.parametrize("name", [p.stem for p in sorted(RU.glob("*.ipynb"))])
def test_russian_prose_is_russian(name):
    markdown = "\n".join(text(c) for c in load(RU / f"{name}.ipynb") if c["cell_type"] == "markdown")
    assert cyrillic_share(markdown) > 0.7


@pytest.mark.parametrize("name", CURRICULUM)
def test_every_notebook_has_a_percent_script_source(name):
    text = (SOURCE / f"{name}.py").read_text(encoding="utf-8")
    assert "format_name: percent" in text and "\n# %%" in text
    prose = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "\\\\" not in prose, "LaTeX and prose carry single backslashes"
    assert "CELLS" not in text and "md(" not in text


@pytest.mark.parametrize("name", CURRICULUM)
def test_saving_a_source_from_jupyterlab_keeps_it_as_written(name):
    """JupyterLab saves a percent script through jupytext; what it writes back is the file itself."""
    text = (SOURCE / f"{name}.py").read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.reads(text, fmt="py:percent"), fmt="py:percent") == text


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", PRESENT)
def test_notebook_sets_its_language_and_formats_with_i18n(name, lang):
    code = [text(c) for c in load((EN if lang == "en" else RU) / f"{name}.ipynb") if c["cell_type"] == "code"]
    assert f'ck.set_language("{lang}")' in code[0]
    assert not any("clvkit.widgets.labels" in c for c in code)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_course_map_lists_every_notebook_with_path_and_minutes(lang):
    start = "\n".join(text(c) for c in load((EN if lang == "en" else RU) / f"{CURRICULUM[0]}.ipynb"))
    paths = COURSE["labels"]["paths"]
    for entry, name in zip(COURSE["notebooks"], CURRICULUM):
        row = (f"| {name[:2]} | [{entry['title'][lang]}]({name}.ipynb) | {paths[entry['path']][lang]} "
               f"| {entry['minutes']} |")
        assert row in start, row


REVIEW = {"en": "## Review questions", "ru": "## Вопросы для самопроверки"}
#: The final quiz is itself the check of the whole course: it ends with the score and the capstone, not review questions.
WITHOUT_REVIEW = {"final_quiz"}


def _source_prose(name: str) -> list[tuple[str, str]]:
    """(lang, text) of every prose cell of a source, in order."""
    notebook = jupytext.reads((SOURCE / f"{name}.py").read_text(encoding="utf-8"), fmt="py:percent")
    return [(c.metadata.get("lang", ""), c.source) for c in notebook.cells if c.cell_type == "markdown"]


def _questions(text: str) -> list[str]:
    return re.findall(r"^(\d+)\. ", text, flags=re.M)


@pytest.mark.parametrize("name", [n for n in CURRICULUM if n.split("_", 1)[1] not in WITHOUT_REVIEW])
def test_every_notebook_ends_with_review_questions_in_both_languages(name):
    """The last prose of a source is the review questions, 4 to 6 of them, the same number in both languages."""
    prose = _source_prose(name)
    (en_lang, en), (ru_lang, ru) = prose[-2], prose[-1]
    assert (en_lang, ru_lang) == ("en", "ru"), "the review questions are the last two prose cells"
    assert en.startswith(REVIEW["en"] + "\n") and ru.startswith(REVIEW["ru"] + "\n")
    numbers = _questions(en)
    assert 4 <= len(numbers) <= 6 and numbers == [str(i) for i in range(1, len(numbers) + 1)]
    assert _questions(ru) == numbers
    assert all(REVIEW["en"] not in text and REVIEW["ru"] not in text for _lang, text in prose[:-2])
    assert cyrillic_share(ru) > 0.7



# --------------------------------------------------------------------------- paths, sizes and exercises

#: The training day: the marketer path fits six hours with its exercises.
MARKETER_MINUTES = 360
MAX_CELLS = 30


def test_two_paths_the_marketer_day_first_and_within_six_hours():
    paths = [entry["path"] for entry in COURSE["notebooks"]]
    assert set(paths) == {"marketer", "analyst"}
    first_analyst = paths.index("analyst")
    assert all(p == "analyst" for p in paths[first_analyst:]), "the analyst path is built on top of the marketer one"
    marketer = sum(entry["minutes"] for entry in COURSE["notebooks"] if entry["path"] == "marketer")
    assert marketer <= MARKETER_MINUTES, f"the marketer path takes {marketer} minutes"
    assert COURSE["notebooks"][first_analyst - 1].get("kind") == "quiz", "the training day ends with the quiz"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", PRESENT)
def test_no_notebook_is_over_thirty_cells(name, lang):
    cells = load((EN if lang == "en" else RU) / f"{name}.ipynb")
    assert len(cells) <= MAX_CELLS, f"{len(cells)} cells"


LESSONS = [(f"{int(n['number']):02d}", name) for n, name in zip(COURSE["notebooks"], CURRICULUM)
           if n.get("kind", "lesson") == "lesson"]


@pytest.mark.parametrize("number, name", LESSONS, ids=[name for _n, name in LESSONS])
def test_two_to_four_exercises_at_least_half_of_them_decisions(number, name):
    from clvkit import teach

    kinds = [ex.kind for ex in teach.exercises(number).values()]
    assert 2 <= len(kinds) <= 4, f"{len(kinds)} exercises"
    assert 2 * kinds.count("decision") >= len(kinds), f"kinds {kinds}: at least half ask for a decision"
