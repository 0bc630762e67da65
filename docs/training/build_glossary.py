"""The course glossary: render it to Markdown in both languages, and check Russian texts against it.

    python docs/training/build_glossary.py           # write glossary.en.md and glossary.ru.md
    python docs/training/build_glossary.py --check   # do the committed files match the YAML?
    python docs/training/build_glossary.py --lint    # list every Russian text that breaks the glossary

``glossary.yaml`` beside this file is the one source: each term's English name, its Russian form and
grammatical gender, a one-line definition in both languages, and the Russian variants not to be used.
The checker reads every Russian text of the course — the Russian prose cells and ``tr(ru=...)``
literals of ``notebooks/source/*.py``, the catalogues ``clvkit/i18n/ru/*.json``, the Russian values of
``notebooks/curriculum.yaml`` and of the exercise definitions ``clvkit/_exercises/*.py`` — and reports
forbidden variants (matched on stems, so every word form is caught) and CLV/LTV written as feminine or
neuter where a simple pattern can tell.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GLOSSARY = HERE / "glossary.yaml"
OUTPUTS = {"en": HERE / "glossary.en.md", "ru": HERE / "glossary.ru.md"}
GENDERS = {"m": ("masculine", "муж."), "f": ("feminine", "жен."), "n": ("neuter", "ср."),
           "pl": ("plural", "мн.")}
REQUIRED = ("key", "en", "ru", "gender", "definition", "forbidden")


class GlossaryError(ValueError):
    """A glossary file that cannot be used."""


# --------------------------------------------------------------------------- the glossary

def load(path: Path = GLOSSARY) -> dict:
    """The glossary, checked for the fields every term needs.

    Parameters
    ----------
    path : Path
        The YAML file.

    Returns
    -------
    dict
        ``{"terms": [...], "patterns": [...]}`` as written in the file.

    Raises
    ------
    GlossaryError
        When a term lacks a field, has an unknown gender, a definition not in both languages,
        or a key used twice.
    """
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen = set()
    for i, term in enumerate(data.get("terms", [])):
        missing = [f for f in REQUIRED if f not in term]
        if missing:
            raise GlossaryError(f"{path.name}: term {i + 1} ({term.get('key', '?')}) lacks {missing}; "
                                "add them.")
        if term["gender"] not in GENDERS:
            raise GlossaryError(f"{path.name}: term {term['key']!r} has gender {term['gender']!r}; "
                                f"use one of {sorted(GENDERS)}.")
        if set(term["definition"]) != {"en", "ru"}:
            raise GlossaryError(f"{path.name}: term {term['key']!r} needs its definition in en and ru.")
        if term["key"] in seen:
            raise GlossaryError(f"{path.name}: term key {term['key']!r} is used twice; keep one.")
        seen.add(term["key"])
    data.setdefault("patterns", [])
    return data


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").strip()


def render(glossary: dict, lang: str) -> str:
    """The glossary as a Markdown page in one language, the other language's name beside each term.

    Parameters
    ----------
    glossary : dict
        What :func:`load` returns.
    lang : {"en", "ru"}
        The language of the page.

    Returns
    -------
    str
        The page: a title, a short note and one table row per term, in the file's order.
    """
    if lang == "en":
        lines = ["# Glossary", "",
                 "The course's terms with their Russian names. The Russian form and its grammatical",
                 "gender are the ones the Russian track uses everywhere (generated from `glossary.yaml`;",
                 "do not edit by hand).",
                 "", "| Term | Russian | Gender in Russian | Definition |", "|---|---|---|---|"]
        for t in glossary["terms"]:
            lines.append(f"| {_cell(t['en'])} | {_cell(t['ru'])} | {GENDERS[t['gender']][0]} | "
                         f"{_cell(t['definition']['en'])} |")
        notes = [p["en"] for p in glossary["patterns"]]
    else:
        lines = ["# Глоссарий", "",
                 "Термины курса с английскими названиями. Русская форма и её род — те, что используются",
                 "во всём русском треке (файл создан из `glossary.yaml`; не правьте его вручную).",
                 "", "| Термин | English | Род | Определение |", "|---|---|---|---|"]
        for t in glossary["terms"]:
            avoid = ", ".join(f"«{shown(f)}»" for f in t["forbidden"])
            definition = t["definition"]["ru"] + (f" Не пишем: {avoid}." if avoid else "")
            lines.append(f"| {_cell(t['ru'])} | {_cell(t['en'])} | {GENDERS[t['gender']][1]} "
                         f"| {_cell(definition)} |")
        notes = [p["ru"] for p in glossary["patterns"]]
    if notes:
        lines += ["", *(f"- {n[0].upper()}{n[1:]}." for n in notes)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the Russian texts

def _load_course_build():
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_build", ROOT / "notebooks" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Text:
    """One Russian text and where it lives."""

    where: str
    text: str
    markdown: bool = False


def _strings(node: ast.AST) -> list[str]:
    """The string constants of a literal expression (a string, implicit concatenation, list, tuple)."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def notebook_texts(folder: Path) -> list[Text]:
    """The Russian prose cells and ``tr(ru=...)`` literals of every notebook source in ``folder``."""
    build = _load_course_build()
    found = []
    for path in sorted(folder.glob("*.py")):
        for cell in build.read_source(path):
            if cell.kind == "markdown" and cell.meta.get("lang") == "ru":
                found.append(Text(f"{path.name}:{cell.line}", cell.text, markdown=True))
            elif cell.kind == "code":
                try:
                    tree = ast.parse(cell.text)
                except SyntaxError:
                    continue  # the course build reports a cell that does not parse
                calls = [n for n in ast.walk(tree)
                         if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "tr"]
                for node in calls:
                    where = f"{path.name}:{cell.line + node.lineno}"
                    for kw in node.keywords:
                        if kw.arg == "ru":
                            found += [Text(where, s) for s in _strings(kw.value)]
    return found


def catalogue_texts(folder: Path) -> list[Text]:
    """Every string of the Russian message catalogues in ``folder``."""
    found = []
    for path in sorted(folder.glob("*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            found.append(Text(f"{path.name}:{key}", value))
    return found


def curriculum_texts(path: Path) -> list[Text]:
    """The Russian values (under a ``ru`` key, at any depth) of the curriculum file."""
    import yaml

    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "ru" and isinstance(value, str):
                    found.append(Text(f"{path.name}:{where}", value))
                else:
                    walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")

    walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")
    return found


def exercise_texts(folder: Path) -> list[Text]:
    """The Russian strings of the exercise definitions: every ``"ru": ...`` entry of a dict literal."""
    found = []
    for path in sorted(folder.glob("nb*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "ru":
                        found += [Text(f"{path.name}:{value.lineno}", s) for s in _strings(value)]
    return found


def training_texts(folder: Path) -> list[Text]:
    """The Russian pages of the training kit: instructor notes, capstone, cheat sheet, review answers.

    A page is checked paragraph by paragraph (its Russian part only where it holds both languages),
    with code spans and formulas left out as in notebook prose.
    """
    import html as _html

    found = []
    pages = sorted(folder.glob("*.ru.md")) + sorted(folder.glob("*.ru.html")) + sorted(folder.glob("review_answers_*.md"))
    for path in pages:
        if path.name.startswith("glossary."):
            continue  # the glossary names the forbidden variants on purpose
        body = path.read_text(encoding="utf-8")
        if path.name.startswith("review_answers_"):
            body = body.split("## Русский", 1)[1] if "## Русский" in body else ""
        if path.suffix == ".html":
            body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
            body = _html.unescape(re.sub(r"<[^>]+>", " ", body))
        for i, paragraph in enumerate(re.split(r"\n\s*\n", body)):
            if paragraph.strip():
                found.append(Text(f"{path.name}:{i + 1}", paragraph, markdown=True))
    return found


def russian_texts(root: Path = ROOT) -> list[Text]:
    """Every Russian text of the course the glossary applies to."""
    return (notebook_texts(root / "notebooks" / "source")
            + catalogue_texts(root / "clvkit" / "i18n" / "ru")
            + curriculum_texts(root / "notebooks" / "curriculum.yaml")
            + exercise_texts(root / "clvkit" / "_exercises")
            + training_texts(root / "docs" / "training"))


# --------------------------------------------------------------------------- the checks

_CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_DOLLARS = re.compile(r"\$[^$\n]+\$")
_TEX = re.compile(r"[\\^_{}=/()+]|^\s*[A-Za-z]{1,3}\s*$")


def _prose(text: Text) -> str:
    """The text a reader reads as words: code spans and formulas of a prose cell left out."""
    if not text.markdown:
        return text.text
    plain = _DISPLAY_MATH.sub(" ", _CODE_SPAN.sub(" ", text.text))
    # an inline $...$ span is a formula when it holds TeX or a lone symbol; "$40 и $48" is money, not math
    return _INLINE_DOLLARS.sub(lambda m: " " if _TEX.search(m.group(0)[1:-1]) else m.group(0), plain)


def _fold(text: str) -> str:
    """Lower case with ё read as е, so a stem matches however the word is spelt."""
    return text.lower().replace("ё", "е")


_ENDING = re.compile(r"\[[^\]]*\]")


def shown(forbidden: str) -> str:
    """A forbidden variant as a reader sees it: ``"тетрад[ь]"`` -> ``"тетрадь"``."""
    return forbidden.replace("[", "").replace("]", "")


def stem_pattern(forbidden: str) -> re.Pattern:
    """The regular expression of a forbidden variant: each word, its bracketed ending dropped, a stem.

    ``"контрольн[ый] период"`` matches «контрольный период», «контрольном периоде» and so on; the
    text must be folded by :func:`_fold` first.
    """
    words = [re.escape(_fold(w)) for w in _ENDING.sub("", forbidden).split()]
    return re.compile(r"(?<!\w)" + r"\w*\s+".join(words) + r"\w*")


# Words that end like a feminine or neuter past tense but are nouns ("LTV канала" is fine).
_NOT_VERBS = {"канала", "начала", "числа", "правила", "сигнала", "масла", "правило", "число", "начало",
              "дело", "тело", "зла", "села", "пула", "стола"}
# Feminine or neuter short adjectives and participles that can stand right after the abbreviation.
_PREDICATES = {"равна", "равно", "должна", "должно", "высока", "высоко", "низка", "низко", "велика",
               "велико", "мала", "мало", "известна", "известно", "нужна", "нужно", "положительна",
               "отрицательна", "выросшая", "упавшая"}
# Neuter words before an abbreviation that do not agree with it ("Что такое CLV", "более CLV").
_NOT_ADJECTIVES = {"такое", "более", "менее", "скорее", "ранее", "позднее", "это", "само", "что"}


def _agreement_problems(prose: str, abbr: str) -> list[str]:
    """Feminine or neuter words agreeing with a masculine abbreviation, by simple patterns."""
    name = rf"(?<![\w:]){re.escape(abbr)}(?![\w:])"
    problems = []
    before = re.compile(rf"([а-яё]+(?:ая|яя|ую|юю|нной|емой|имой|ней|ое|ее))\s+{name}", re.I)
    for m in before.finditer(prose):
        word = m.group(1).lower()
        if word not in _NOT_ADJECTIVES:
            problems.append(m.group(0))
    after = re.compile(rf"{name}\s+([а-яё]+)", re.I)
    for m in after.finditer(prose):
        word = m.group(1).lower()
        past = re.search(r"(?:ла|ло|лась|лось)$", word) and word not in _NOT_VERBS
        if past or word in _PREDICATES:
            problems.append(m.group(0))
    return problems


def violations(texts: list[Text], glossary: dict) -> list[str]:
    """Every breach of the glossary in ``texts``: one line each, naming the place, the words and the fix.

    Parameters
    ----------
    texts : list of Text
        Russian texts, as :func:`russian_texts` gives them.
    glossary : dict
        What :func:`load` returns.

    Returns
    -------
    list of str
        Empty when every text keeps to the glossary.
    """
    stems = [(stem_pattern(bad), bad, term["ru"]) for term in glossary["terms"] for bad in term["forbidden"]]
    patterns = [(re.compile(p["regex"]), p["ru"], p.get("allow", [])) for p in glossary["patterns"]]
    masculine = [t["abbr"] for t in glossary["terms"] if t.get("agreement") and t["gender"] == "m"]
    found = []
    for text in texts:
        prose = _prose(text)
        folded = _fold(prose)
        starts = set()  # one report per place, however many stems of a term match there
        for regex, bad, good in stems:
            for m in regex.finditer(folded):
                if m.start() not in starts:
                    starts.add(m.start())
                    found.append(f"{text.where}: «{prose[m.start():m.end()]}» is a forbidden variant "
                                 f"(«{shown(bad)}»); write «{good}».")
        for regex, rule, allowed in patterns:
            for quoted in allowed:
                prose = prose.replace(quoted, " ")
            for m in regex.finditer(prose):
                words = prose[m.start():m.end() + 8].strip()
                found.append(f"{text.where}: «{words}» breaks the rule: {rule}.")
        for abbr in masculine:
            for words in _agreement_problems(prose, abbr):
                found.append(f"{text.where}: «{words}» treats {abbr} as feminine or neuter; "
                             f"{abbr} is masculine («{abbr} вырос»).")
    return found


# --------------------------------------------------------------------------- command line

def main(argv: list[str]) -> int:
    glossary = load()
    if "--lint" in argv:
        problems = violations(russian_texts(), glossary)
        print("\n".join(problems) or "The Russian texts keep to the glossary.")
        return 1 if problems else 0
    stale = [lang for lang, path in OUTPUTS.items()
             if not path.exists() or path.read_text(encoding="utf-8") != render(glossary, lang)]
    if "--check" in argv:
        for lang in stale:
            print(f"{OUTPUTS[lang].name} does not match glossary.yaml; "
                  "run python docs/training/build_glossary.py.")
        return 1 if stale else 0
    for lang, path in OUTPUTS.items():
        path.write_text(render(glossary, lang), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
