"""The course build: sources in jupytext percent scripts, one curriculum file, exercises defined once.

`build.py --check` runs here: the committed notebooks are what their sources build, every Russian
prose cell was written against the English text it sits under, and the curriculum's minutes follow
the one rule.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clvkit import teach
from helpers import load_script

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


build = load_script(NOTEBOOKS / "build.py", "course_build", register=True)
ENTRIES, LABELS = build.load_curriculum()


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def test_build_check_passes_on_the_committed_notebooks():
    result = subprocess.run([sys.executable, str(NOTEBOOKS / "build.py"), "--check"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "notebooks match their sources" in result.stdout


@pytest.fixture
def copy(tmp_path):
    """A copy of the sources and the committed notebooks (cells only) to break on purpose."""
    shutil.copytree(NOTEBOOKS / "source", tmp_path / "source")
    for lang in ("en", "ru"):
        shutil.copytree(NOTEBOOKS / lang, tmp_path / lang)
    return tmp_path


def test_check_names_a_committed_cell_that_differs_from_its_source(copy):
    path = copy / "ru" / "03_drivers.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and "yearly_margin" in _text(c))
    nb["cells"][code]["source"] = [_text(nb["cells"][code]).replace("0.4", "0.5")]
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    problems = build.check(copy, copy / "source")
    assert problems == [f"notebooks/ru/03_drivers.ipynb, cell {code}: differs from what "
                        "notebooks/source/03_drivers.py builds; run python notebooks/build.py 03."]


def test_check_names_a_russian_cell_written_against_an_older_english_text(copy):
    source = copy / "source" / "04_simple_and_historical.py"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.startswith("# ## ") and i > 20)
    lines[heading] = lines[heading].rstrip("\n") + " (revised)\n"
    source.write_text("".join(lines), encoding="utf-8")
    ru_line = next(i + 1 for i in range(heading, len(lines)) if lines[i].startswith('# %% [markdown] lang="ru"'))
    problems = [p for p in build.check(copy, copy / "source") if "older English" in p]
    assert len(problems) == 1
    assert problems[0].startswith(f"notebooks/source/04_simple_and_historical.py, line {ru_line}: the Russian cell")
    assert "--stamp 04" in problems[0]


def test_check_refuses_prose_without_its_translation(copy):
    source = copy / "source" / "01_what_is_clv.py"
    text = source.read_text(encoding="utf-8")
    start = text.index('# %% [markdown] lang="ru"', text.index('# %% [markdown] lang="ru"') + 1)
    end = text.index("# %%", start + 5)
    source.write_text(text[:start] + text[end:], encoding="utf-8")
    problems = build.check(copy, copy / "source")
    assert any("prose comes in pairs" in p and "01_what_is_clv.py" in p for p in problems)


def test_tr_replaces_only_its_own_call():
    source = 'label = tr(en="Year 5", ru="5-й год")\nprint(f"{lang}: {label}", {"k": 1}, "{x}")\n'
    assert build.render_code(source, "ru") == 'label = "5-й год"\nprint(f"{lang}: {label}", {"k": 1}, "{x}")\n'
    assert build.render_code(source, "en").startswith('label = "Year 5"\n')


def test_tr_takes_lists_and_keeps_quotes_safe():
    source = 'x = {tr(en="it\'s", ru="«да»"): tr(en=["a", "b"], ru=["а", "б"])}'
    assert build.render_code(source, "en") == 'x = {"it\'s": ["a", "b"]}'
    assert build.render_code(source, "ru") == 'x = {"«да»": ["а", "б"]}'


@pytest.mark.parametrize("source, words", [
    ('tr(en=name, ru="б")', "two string literals"),
    ('tr("a", "б")', "two string literals"),
    ('tr(en=["a"], ru=["а", "б"])', "same shape"),
    ('f"{tr(en=\'a\', ru=\'б\')}"', "inside an f-string"),
])
def test_malformed_tr_is_refused_with_its_line(source, words):
    with pytest.raises(build.SourceError, match=words) as err:
        build.render_code("x = 1\n" + source, "en", "notebooks/source/99_x.py", first_line=10)
    assert "notebooks/source/99_x.py, line 12" in str(err.value)


def _minutes_by_hand(cells: list[dict], kind: str = "lesson") -> int:
    """The documented rule, computed again: words / 150 + 1 per code cell + 4 per ``teach.check(``
    call in a lesson (1.5 in a quiz), up to 5.

    A word is a run of letters; here they are counted by walking the characters, and the checks by
    splitting the code at each call.
    """
    words = 0
    for cell in cells:
        if cell["cell_type"] == "markdown":
            previous = False
            for ch in _text(cell):
                words += ch.isalpha() and not previous
                previous = ch.isalpha()
    code = [c for c in cells if c["cell_type"] == "code"]
    checks = sum(len(_text(c).split("teach.check(")) - 1 for c in code)
    per_check = {"lesson": 4, "quiz": 1.5}[kind]
    return 5 * math.ceil((words / 150 + len(code) + per_check * checks) / 5)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.number)
def test_curriculum_minutes_follow_the_rule(entry):
    cells = _cells(NOTEBOOKS / "en" / f"{entry.name}.ipynb")
    assert entry.minutes == _minutes_by_hand(cells, entry.kind)
    assert 10 <= entry.minutes <= 90


def _toy_notebook(words: int, checks_per_cell: list[int]) -> list[dict]:
    prose = {"cell_type": "markdown", "source": ["word " * words]}
    check = 'teach.check("x", a, lang=lang)\n'
    code = [{"cell_type": "code", "source": [check * n]} for n in checks_per_cell]
    return [prose, *code]


@pytest.mark.parametrize(("kind", "minutes"), [
    # 450 words = 3 min, 6 code cells = 6 min, 10 checks: 40 min in a lesson, 15 in a quiz
    ("lesson", 50),  # 3 + 6 + 40 = 49, up to 50
    ("quiz", 25),    # 3 + 6 + 15 = 24, up to 25
])
def test_a_quiz_question_counts_one_and_a_half_minutes_and_every_call_counts(kind, minutes):
    cells = _toy_notebook(450, [2, 2, 2, 2, 2, 0])
    assert build.estimate_minutes(cells, kind) == minutes == _minutes_by_hand(cells, kind)
    # the same ten questions one per cell: four code cells more, the same minutes per check
    single = _toy_notebook(450, [1] * 10)
    assert build.estimate_minutes(single, kind) == _minutes_by_hand(single, kind) == 5 * math.ceil(
        (3 + 10 + 10 * {"lesson": 4, "quiz": 1.5}[kind]) / 5)


def test_the_final_quiz_is_the_one_notebook_of_kind_quiz():
    assert [e.number for e in ENTRIES if e.kind == "quiz"] == ["14"]
    assert {e.kind for e in ENTRIES} == {"lesson", "quiz"}


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="kind='exam'.*'lesson', 'quiz'"):
        build.estimate_minutes(_toy_notebook(10, [1]), "exam")
    text = (NOTEBOOKS / "curriculum.yaml").read_text(encoding="utf-8").replace("kind: quiz", "kind: exam")
    (tmp_path / "curriculum.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(build.SourceError, match="notebook 14 has kind 'exam'"):
        build.load_curriculum(tmp_path / "curriculum.yaml")


def test_check_names_a_grouped_exercise_marker_with_an_unknown_key(copy):
    source = copy / "source" / "14_final_quiz.py"
    text = source.read_text(encoding="utf-8")
    assert text.count('# %% exercise="14.1 14.2 14.3 14.4 14.5"') == 1
    text = text.replace('# %% exercise="14.1 14.2 14.3 14.4 14.5"', '# %% exercise="14.1 14.2 14.3 14.4 14.99"')
    source.write_text(text, encoding="utf-8")
    problems = build.check(copy, copy / "source")
    assert any("14_final_quiz.py, line" in p and "no exercise '14.99'" in p for p in problems), problems


def test_curriculum_lists_every_source_once_with_both_titles():
    names = [e.name for e in ENTRIES]
    assert len(set(names)) == len(names)
    assert sorted(names) == sorted(p.stem for p in (NOTEBOOKS / "source").glob("*.py"))
    assert [e.number for e in ENTRIES] == [f"{i:02d}" for i in range(len(ENTRIES))]
    assert {e.path for e in ENTRIES} == {"marketer", "analyst"}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.number)
def test_titles_and_links_come_from_the_curriculum(entry):
    index = ENTRIES.index(entry)
    for lang in ("en", "ru"):
        cells = _cells(NOTEBOOKS / lang / f"{entry.name}.ipynb")
        assert _text(cells[0]).startswith(f"# {entry.number} · {entry.title[lang]}\n")
        last = [_text(c) for c in cells if c["cell_type"] == "markdown"][-1]
        assert last.endswith(build.navigation(ENTRIES, index, LABELS, lang))


def _where(cells: list[str], found) -> int:
    """The index of the one cell for which `found(cell)` holds."""
    hits = [i for i, cell in enumerate(cells) if found(cell)]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.number)
def test_exercise_cells_come_from_their_one_definition(entry):
    """An exercise has its own question and answer cell, or shares them with others (the quiz's pairs):
    the questions one paragraph after another, then an ``answer_k = ...`` line for each and their checks."""
    exercises = teach.exercises(entry.number)
    for lang in ("en", "ru"):
        cells = [_text(c) for c in _cells(NOTEBOOKS / lang / f"{entry.name}.ipynb")]
        for key, ex in exercises.items():
            question = f"**{LABELS['exercise'][lang]} {key}.** {ex.question[lang]}"
            alone = build.placeholder(key, ex, lang)  # a decision's cell has two lines, decision and reason
            k = key.split(".")[1]
            shared = ((f"decision_{k} = ...  # {ex.prompt[lang]}",
                       f'display(teach.check("{key}", (decision_{k}, reason_{k}), lang=lang))')
                      if ex.kind == "decision" else
                      (f"answer_{k} = ...  # {ex.prompt[lang]}", f'display(teach.check("{key}", answer_{k}, lang=lang))'))
            asked = _where(cells, lambda cell: f"\n\n{question}\n\n" in f"\n\n{cell}\n\n")
            answered = _where(cells, lambda cell: cell == alone
                              or all(line in cell.splitlines() for line in shared))
            assert asked < answered


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.number)
def test_no_answer_or_solution_shows_before_the_learner_asks(entry):
    for lang in ("en", "ru"):
        for cell in _cells(NOTEBOOKS / lang / f"{entry.name}.ipynb"):
            if cell["cell_type"] != "code":
                continue
            source = _text(cell)
            assert "teach.solution(" not in source, "a solution is revealed only when the learner runs it"
            shown = json.dumps(cell.get("outputs", []), ensure_ascii=False)
            assert "📖" not in shown
            if "teach.check(" in source:
                assert re.match(r"(answer|decision)(_\d+)? = \.\.\.  #", source)
                assert shown.count("✏️") == source.count("teach.check(") and "✅" not in shown
    for ex in teach.exercises(entry.number).values():
        for lang in ("en", "ru"):
            notebook = json.dumps(_cells(NOTEBOOKS / lang / f"{entry.name}.ipynb"), ensure_ascii=False)
            # what a right answer is told (its feedback, the explanation of the right choice) is nowhere before it
            told = [ex.feedback[lang]] + ([ex.explain[v][lang] for v in ex.value(lang)] if ex.kind == "decision" else [])
            assert not [t for t in told if json.dumps(t, ensure_ascii=False)[1:-1] in notebook], ex.key
            assert ex.solution[lang] not in ex.prompt[lang] and ex.solution[lang] not in ex.question[lang]
            if ex.kind == "number" and abs(float(ex.value())) >= 1:
                shown = teach.solution(ex.key, lang=lang).text.rsplit(" ", 1)[-1]
                assert shown not in ex.prompt[lang], f"the prompt of {ex.key} gives the answer away"
