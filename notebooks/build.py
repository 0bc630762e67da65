"""Build the English and Russian notebooks from one source per notebook, then execute them.

    python notebooks/build.py                 # every notebook, both tracks
    python notebooks/build.py 03 07           # only notebooks 03 and 07
    python notebooks/build.py --no-execute 03 # write without running
    python notebooks/build.py --check         # do the committed notebooks match their sources?
    python notebooks/build.py --stamp 03      # record that notebook 03's Russian cells are up to date

A source ``notebooks/source/NN_slug.py`` is a jupytext percent script: JupyterLab opens it as a
notebook (right click, *Open With > Notebook*). Its cells are

``# %% [markdown] lang="en"``
    English prose, followed at once by its translation
``# %% [markdown] lang="ru" en_hash="1a2b3c4d"``
    where ``en_hash`` is the short hash of the English text the translation was written against;
``# %%``
    a code cell shared by both tracks; ``tr(en="...", ru="...")`` in it becomes a string literal in the
    track's language (found by parsing the code, so nothing else in the cell is touched);
``# %% [markdown] exercise="03.1"`` and ``# %% exercise="03.1"``
    where the question and the answer cell of exercise 03.1 go; both are written from its one definition
    in ``clvkit/_exercises/nb03.py``, which :mod:`clvkit.teach` checks answers against. Several keys,
    ``exercise="14.1 14.2"``, put their questions in one prose cell and their answers in one code cell
    (the final quiz asks its twenty questions five to a cell).

The title, the previous/next links and the course map (the line ``<!-- course-map -->`` in a prose cell)
come from ``notebooks/curriculum.yaml``. The two tracks' code cells differ only in string literals and
comments. Outputs are produced by executing the notebooks in a fresh kernel, so what is committed is
exactly what strict nbval expects.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCE = HERE / "source"
CURRICULUM = HERE / "curriculum.yaml"
TRACKS = ("en", "ru")
IGNORE_OUTPUT = "nbval-ignore-output"
MAP_MARKER = "<!-- course-map -->"
HEADER = re.compile(r"^# %%(?: \[markdown\])?(?:\s|$)")


class SourceError(ValueError):
    """A notebook source that cannot be built, or a committed notebook that does not match it."""


# --------------------------------------------------------------------------- curriculum

@dataclass(frozen=True)
class Entry:
    """One notebook of the curriculum."""

    number: str
    slug: str
    title: dict
    path: str
    minutes: int
    outcome: dict
    kind: str = "lesson"

    @property
    def name(self) -> str:
        return f"{self.number}_{self.slug}"

    def source(self, folder: Path = SOURCE) -> Path:
        return folder / f"{self.name}.py"


def load_curriculum(path: Path = CURRICULUM) -> tuple[list[Entry], dict]:
    """The notebooks in course order, and the course's own words (labels) in both languages."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [Entry(number=f"{int(item['number']):02d}", slug=item["slug"], title=item["title"],
                     path=item["path"], minutes=int(item["minutes"]), outcome=item["outcome"],
                     kind=item.get("kind", "lesson"))
               for item in data["notebooks"]]
    labels = data["labels"]
    for entry in entries:
        for what in ("title", "outcome"):
            if set(getattr(entry, what)) != set(TRACKS):
                raise SourceError(f"{path.name}: notebook {entry.number} needs its {what} in {TRACKS}.")
        if entry.kind not in KINDS:
            raise SourceError(f"{path.name}: notebook {entry.number} has kind {entry.kind!r}; "
                              f"use one of {list(KINDS)} (or leave it out for a lesson).")
        if entry.path not in labels["paths"]:
            raise SourceError(f"{path.name}: notebook {entry.number} has path {entry.path!r}; "
                              f"use one of {sorted(labels['paths'])}.")
    return entries, labels


#: The estimate of minutes, one rule for every notebook (documented in docs/architecture.md):
#: prose read at 150 words a minute, one minute to run and read each code cell, and for each
#: ``teach.check(`` call four minutes in a lesson (an exercise: work something new out) or one and a
#: half in a quiz (a question: recall one idea of the course and do a line of arithmetic; reading the
#: question is already counted with the prose), the total rounded up to the next 5 minutes.
#: A notebook is a quiz when its curriculum entry says ``kind: quiz``.
WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 1
MINUTES_PER_EXERCISE = 4
MINUTES_PER_QUIZ_QUESTION = 1.5
#: The kinds of notebook of the curriculum (``kind:``, "lesson" when left out).
KINDS = ("lesson", "quiz")


def estimate_minutes(cells: list[dict], kind: str = "lesson") -> int:
    """Minutes a learner needs for a notebook, by the one rule above.

    Parameters
    ----------
    cells : list of dict
        The built English cells (``cell_type`` and ``source``), as :func:`build_cells` or a
        committed notebook gives them.
    kind : {"lesson", "quiz"}
        The notebook's ``kind`` in the curriculum: it sets the minutes of each ``teach.check(`` call.

    Returns
    -------
    int
        ``words / 150 + code cells + 4 * checks`` for a lesson and ``words / 150 + code cells +
        1.5 * checks`` for a quiz, rounded up to a multiple of 5; ``checks`` counts the
        ``teach.check(`` calls, so a code cell that checks two quiz questions counts two.

    Raises
    ------
    ValueError
        When `kind` is not one of :data:`KINDS`.
    """
    if kind not in KINDS:
        raise ValueError(f"estimate_minutes: kind={kind!r} is not a kind of notebook; "
                         f"use one of {list(KINDS)}.")
    words = sum(len(re.findall(r"[^\W\d_]+", "".join(c["source"]))) for c in cells if c["cell_type"] == "markdown")
    code = [c for c in cells if c["cell_type"] == "code"]
    checks = sum("".join(c["source"]).count("teach.check(") for c in code)
    per_check = MINUTES_PER_QUIZ_QUESTION if kind == "quiz" else MINUTES_PER_EXERCISE
    raw = words / WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * len(code) + per_check * checks
    return 5 * math.ceil(raw / 5)


# --------------------------------------------------------------------------- sources

@dataclass
class SourceCell:
    kind: str  # "markdown" or "code"
    text: str
    meta: dict = field(default_factory=dict)
    line: int = 0  # where the cell starts in its source file


def read_source(path: Path) -> list[SourceCell]:
    """The cells of a jupytext percent script, with the line each starts on."""
    import jupytext

    raw = path.read_text(encoding="utf-8")
    notebook = jupytext.reads(raw, fmt="py:percent")
    lines = [i + 1 for i, line in enumerate(raw.splitlines()) if HEADER.match(line)]
    if len(lines) != len(notebook.cells):
        raise SourceError(f"{path.name}: every cell must start with a '# %%' line "
                          f"({len(lines)} such lines, {len(notebook.cells)} cells).")
    return [SourceCell(c.cell_type, c.source, dict(c.metadata), line) for c, line in zip(notebook.cells, lines)]


def english_hash(text: str) -> str:
    """Short hash of an English prose cell, kept with its translation to notice later edits."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


def _literal(value) -> str:
    """A Python literal for a string (in double quotes when the text allows it) or a list of strings."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def _plain(node: ast.AST):
    """The value of a string literal or a list/tuple of string literals; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return ast.literal_eval(node)
    return None


def render_code(source: str, lang: str, where: str = "a code cell", first_line: int = 0) -> str:
    """The code cell for one track: every ``tr(en=..., ru=...)`` call becomes the track's literal.

    The arguments are string literals, or lists of them of the same length. The calls are found by
    parsing the cell, so braces, f-strings and names elsewhere are never touched.

    Parameters
    ----------
    source : str
        The code cell as written in the source.
    lang : {"en", "ru"}
        The track.
    where : str
        The source file, for error messages.
    first_line : int
        The line before the cell's first line in its file, for error messages.

    Returns
    -------
    str
        The code of the track's cell.

    Raises
    ------
    SourceError
        When the code does not parse, or a ``tr`` call is not two literals of the same shape.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise SourceError(f"{where}, line {first_line + (err.lineno or 0)}: the code does not parse "
                          f"({err.msg}).") from None
    inside_fstring = {id(n) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for n in ast.walk(node)}
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:  # ast columns count UTF-8 bytes
        return starts[lineno - 1] + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))

    edits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"):
            continue
        at = f"{where}, line {first_line + node.lineno}"
        values = {k.arg: _plain(k.value) for k in node.keywords}
        if node.args or set(values) != set(TRACKS) or any(v is None for v in values.values()):
            raise SourceError(f"{at}: write tr(en=..., ru=...) with two string literals "
                              "(or two lists of them).")
        en, ru = values["en"], values["ru"]
        if type(en) is not type(ru) or (not isinstance(en, str) and len(en) != len(ru)):
            raise SourceError(f"{at}: the English and Russian values of tr(...) must have the same shape.")
        if id(node) in inside_fstring:
            raise SourceError(f"{at}: tr(...) cannot stand inside an f-string; assign it to a name first.")
        edits.append((offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset),
                      _literal(values[lang])))
    for start, end, text in sorted(edits, reverse=True):
        if any(s < end and start < e for s, e, _ in edits if (s, e) != (start, end)):
            raise SourceError(f"{where}: tr(...) calls cannot be nested.")
        source = source[:start] + text + source[end:]
    return source


# --------------------------------------------------------------------------- building

def _exercises(number: str) -> dict:
    from clvkit import ClvDataError, teach

    try:
        return teach.exercises(number)
    except ClvDataError:  # a notebook without exercises has no clvkit/_exercises/nbNN.py
        return {}


def course_map(entries: list[Entry], labels: dict, lang: str) -> str:
    """The table of every notebook: number, link, path, minutes and what a learner can do after it."""
    head = labels["map_header"][lang]
    rows = [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
    for e in entries:
        rows.append(f"| {e.number} | [{e.title[lang]}]({e.name}.ipynb) | {labels['paths'][e.path][lang]} "
                    f"| {e.minutes} | {e.outcome[lang]} |")
    return "\n".join(rows)


def navigation(entries: list[Entry], index: int, labels: dict, lang: str) -> str:
    """The previous/next links at the end of a notebook."""
    parts = []
    if index > 0:
        e = entries[index - 1]
        parts.append(f"**{labels['previous'][lang]}:** [{e.number} · {e.title[lang]}]({e.name}.ipynb)")
    if index < len(entries) - 1:
        e = entries[index + 1]
        parts.append(f"**{labels['next'][lang]}:** [{e.number} · {e.title[lang]} →]({e.name}.ipynb)")
    else:
        e = entries[0]
        parts.append(f"**{labels['next'][lang]}:** [{e.number} · {e.title[lang]}]({e.name}.ipynb) — "
                     f"{labels['back_to_map'][lang]}")
    return "\n\n".join(parts)


def _reason_prompt(exercise, lang: str) -> str:
    from clvkit.i18n import text

    return text("teach.reason_prompt", lang, keys=", ".join(exercise.reasons))


def question(key: str, exercise, label: str, lang: str) -> str:
    """The prose of one exercise: its question and, for a decision, the reasons to choose from."""
    out = f"**{label} {key}.** {exercise.question[lang]}"
    if exercise.kind == "decision":
        from clvkit.i18n import text

        listed = "\n".join(f"- `{name}` — {reason[lang]}" for name, reason in exercise.reasons.items())
        out += f"\n\n{text('teach.reasons', lang)}:\n\n{listed}"
    return out


def placeholder(key: str, exercise, lang: str) -> str:
    """The learner's answer cell: nothing of the answer, only what kind of answer is expected.

    A decision is answered in two lines, the decision and the key of its reason, checked together.
    """
    if exercise.kind == "decision":
        return (f"decision = ...  # {exercise.prompt[lang]}\nreason = ...  # {_reason_prompt(exercise, lang)}\n"
                f'teach.check("{key}", (decision, reason), lang=lang)')
    return f'answer = ...  # {exercise.prompt[lang]}\nteach.check("{key}", answer, lang=lang)'


def group_placeholder(keys: list[str], exercises: dict, lang: str) -> str:
    """One answer cell for several exercises: an ``answer_k = ...`` line for each, then their checks.

    Each check is passed to ``display`` because a cell shows only its last value, and every
    question must show its own feedback. A single key gives :func:`placeholder`'s cell.
    """
    if len(keys) == 1:
        return placeholder(keys[0], exercises[keys[0]], lang)
    lines, checks = [], []
    for key in keys:
        ex, k = exercises[key], key.split(".")[1]
        if ex.kind == "decision":
            lines += [f"decision_{k} = ...  # {ex.prompt[lang]}", f"reason_{k} = ...  # {_reason_prompt(ex, lang)}"]
            checks.append(f'display(teach.check("{key}", (decision_{k}, reason_{k}), lang=lang))')
        else:
            lines.append(f"answer_{k} = ...  # {ex.prompt[lang]}")
            checks.append(f'display(teach.check("{key}", answer_{k}, lang=lang))')
    return "\n".join(lines + checks)


def build_cells(entries: list[Entry], index: int, labels: dict, source: Path = SOURCE) -> dict[str, list[dict]]:
    """The cells of both tracks of one notebook.

    Parameters
    ----------
    entries : list of Entry
        The curriculum, in order.
    index : int
        Which notebook of the curriculum.
    labels : dict
        The course's own words (``labels`` of the curriculum file).
    source : Path
        The folder of the sources.

    Returns
    -------
    dict
        ``{"en": [...], "ru": [...]}``, each cell a dict with ``cell_type``, ``source`` and ``tags``.
    """
    entry = entries[index]
    where = f"notebooks/source/{entry.name}.py"
    cells = read_source(entry.source(source))
    exercises = _exercises(entry.number)
    out = {lang: [] for lang in TRACKS}
    seen = {"question": [], "answer": []}
    i = 0
    while i < len(cells):
        cell = cells[i]
        marker = cell.meta.get("exercise")
        if marker is not None:
            part = "question" if cell.kind == "markdown" else "answer"
            keys = str(marker).split()  # "13.1 13.2": two exercises in one cell
            for key in keys:
                if key not in exercises:
                    raise SourceError(f"{where}, line {cell.line}: no exercise {key!r} in "
                                      f"clvkit/_exercises/nb{entry.number}.py.")
                if key in seen[part]:
                    raise SourceError(f"{where}, line {cell.line}: the {part} of exercise {key} "
                                      "appears twice.")
                seen[part].append(key)
            for lang in TRACKS:
                if part == "question":
                    label = labels["exercise"][lang]
                    text = "\n\n".join(question(key, exercises[key], label, lang) for key in keys)
                    out[lang].append({"cell_type": "markdown", "source": text, "tags": []})
                else:
                    out[lang].append({"cell_type": "code", "source": group_placeholder(keys, exercises, lang),
                                      "tags": []})
            i += 1
            continue
        if cell.kind == "code":
            tags = list(cell.meta.get("tags", []))
            for lang in TRACKS:
                text = render_code(cell.text, lang, where, first_line=cell.line)
                out[lang].append({"cell_type": "code", "source": text, "tags": tags})
            i += 1
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if cell.meta.get("lang") != "en" or nxt is None or nxt.kind != "markdown" or nxt.meta.get("lang") != "ru":
            raise SourceError(f"{where}, line {cell.line}: prose comes in pairs, a lang=\"en\" cell followed "
                              "by its lang=\"ru\" translation.")
        for lang, text in (("en", cell.text), ("ru", nxt.text)):
            out[lang].append({"cell_type": "markdown", "source": text.replace(MAP_MARKER, course_map(
                entries, labels, lang)), "tags": []})
        i += 2
    for part, keys in seen.items():
        missing = sorted(set(exercises) - set(keys))
        if missing:
            raise SourceError(f"{where}: no {part} cell for exercise(s) {', '.join(missing)} "
                              f"(add '# %%{' [markdown]' if part == 'question' else ''} exercise=\"{missing[0]}\"').")
    for key in seen["answer"]:
        if seen["question"].index(key) > seen["answer"].index(key):
            raise SourceError(f"{where}: the answer cell of exercise {key} comes before its question.")
    for lang in TRACKS:
        prose = [c for c in out[lang] if c["cell_type"] == "markdown"]
        if not prose or out[lang][0]["cell_type"] != "markdown":
            raise SourceError(f"{where}: the first cell must be prose (the title goes on top of it).")
        prose[0]["source"] = f"# {entry.number} · {entry.title[lang]}\n\n{prose[0]['source']}"
        prose[-1]["source"] = f"{prose[-1]['source']}\n\n{navigation(entries, index, labels, lang)}"
    return out


def stale_translations(entry: Entry, source: Path = SOURCE) -> list[str]:
    """Russian cells whose English text changed after they were translated, named by their line."""
    cells = read_source(entry.source(source))
    problems = []
    for en, ru in zip(cells, cells[1:]):
        if en.meta.get("lang") == "en" and ru.meta.get("lang") == "ru":
            now = english_hash(en.text)
            if ru.meta.get("en_hash") != now:
                first = en.text.strip().splitlines()[0][:60] if en.text.strip() else ""
                problems.append(
                    f"notebooks/source/{entry.name}.py, line {ru.line}: the Russian cell was written against an "
                    f"older English text (en_hash {ru.meta.get('en_hash')!r}, the English cell at line {en.line} "
                    f"'{first}' now hashes to {now!r}); update the translation, then run "
                    f"python notebooks/build.py --stamp {entry.number}.")
    return problems


def stamp(entry: Entry) -> int:
    """Record the current English hash with every Russian cell of a source; returns how many changed."""
    path = entry.source()
    cells = read_source(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = 0
    for en, ru in zip(cells, cells[1:]):
        if en.meta.get("lang") == "en" and ru.meta.get("lang") == "ru":
            now = english_hash(en.text)
            if ru.meta.get("en_hash") != now:
                lines[ru.line - 1] = f'# %% [markdown] lang="ru" en_hash="{now}"\n'
                changed += 1
    path.write_text("".join(lines), encoding="utf-8")
    return changed


def notebook_json(cells: list[dict]) -> dict:
    out = []
    for i, cell in enumerate(cells):
        entry = {"cell_type": cell["cell_type"], "id": f"c{i:02d}", "metadata": {},
                 "source": cell["source"].splitlines(keepends=True)}
        if cell["tags"]:
            entry["metadata"]["tags"] = list(cell["tags"])
        if cell["cell_type"] == "code":
            entry.update({"execution_count": None, "outputs": []})
        out.append(entry)
    return {
        "cells": out,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _execute(path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    raise RuntimeError(f"{path.name}: a cell wrote to stderr:\n{''.join(output.get('text', ''))}")
                if output.get("output_type") == "error":
                    raise RuntimeError(f"{path.name}: a cell raised {output.get('ename')}: {output.get('evalue')}")
    # The widget state stays (nbclient stores it): JupyterLab and notebook viewers draw the explorers from it
    # before anything runs, instead of showing their text form, VBox(children=...).
    for cell in nb.cells:  # run timestamps would make every rebuild a diff
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def build(selected: list[str], execute: bool = True) -> list[Path]:
    entries, labels = load_curriculum()
    written = []
    for index, entry in enumerate(entries):
        if selected and entry.number not in selected:
            continue
        cells = build_cells(entries, index, labels)
        for lang in TRACKS:
            target = HERE / lang / f"{entry.name}.ipynb"
            target.parent.mkdir(exist_ok=True)
            target.write_text(json.dumps(notebook_json(cells[lang]), ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
            if execute:
                print(f"executing {target.relative_to(ROOT)}", flush=True)
                _execute(target)
            written.append(target)
    return written


def _committed(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [{"cell_type": c["cell_type"], "source": "".join(c["source"]), "tags": c.get("metadata", {}).get("tags", [])}
            for c in cells]


def check(notebooks: Path = HERE, source: Path = SOURCE) -> list[str]:
    """Every way the committed notebooks and sources disagree; empty when they agree.

    Parameters
    ----------
    notebooks : Path
        The folder holding ``en/`` and ``ru/`` (the committed notebooks).
    source : Path
        The folder of the percent-script sources.

    Returns
    -------
    list of str
        One sentence per problem, naming the file and cell (or line) and what to run.
    """
    entries, labels = load_curriculum()
    problems = []
    names = {e.name for e in entries}
    extra = sorted(p.stem for p in source.glob("*.py") if p.stem not in names)
    if extra:
        problems.append(f"notebooks/source has {', '.join(extra)}, which notebooks/curriculum.yaml does not list.")
    for index, entry in enumerate(entries):
        try:
            built = build_cells(entries, index, labels, source)
        except SourceError as err:
            problems.append(str(err))
            continue
        problems.extend(stale_translations(entry, source))
        for lang in TRACKS:
            path = notebooks / lang / f"{entry.name}.ipynb"
            shown = f"notebooks/{lang}/{entry.name}.ipynb"
            if not path.exists():
                problems.append(f"{shown} is missing; run python notebooks/build.py {entry.number}.")
                continue
            committed = _committed(path)
            for i, (want, have) in enumerate(zip(built[lang], committed)):
                if want != have:
                    problems.append(f"{shown}, cell {i}: differs from what notebooks/source/{entry.name}.py "
                                    f"builds; run python notebooks/build.py {entry.number}.")
                    break
            else:
                if len(built[lang]) != len(committed):
                    problems.append(f"{shown} has {len(committed)} cells, its source builds {len(built[lang])}; "
                                    f"run python notebooks/build.py {entry.number}.")
        minutes = estimate_minutes(built["en"], entry.kind)
        if minutes != entry.minutes:
            problems.append(f"notebooks/curriculum.yaml: notebook {entry.number} says {entry.minutes} minutes, "
                            f"the rule gives {minutes}; write {minutes}.")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="two-digit numbers, e.g. 03 07; default: all")
    parser.add_argument("--no-execute", action="store_true")
    parser.add_argument("--check", action="store_true", help="compare the committed notebooks with their sources")
    parser.add_argument("--stamp", action="store_true",
                        help="record the current English text with every Russian cell (after translating)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        print("notebooks match their sources" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.stamp:
        entries, _labels = load_curriculum()
        for entry in entries:
            if not args.notebooks or entry.number in args.notebooks:
                print(f"{entry.source().relative_to(ROOT)}: {stamp(entry)} Russian cell(s) stamped")
        return 0
    build(args.notebooks, execute=not args.no_execute)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
