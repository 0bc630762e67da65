"""Build the English and Russian notebooks from one source per notebook, then execute them.

    python notebooks/build.py                 # every notebook, both tracks
    python notebooks/build.py 03 07           # only notebooks 03 and 07
    python notebooks/build.py --no-execute 03 # write without running

A source ``notebooks/source/NN_slug.py`` defines ``CELLS``, a list made with
:func:`md` (prose in both languages) and :func:`code` (one code cell shared by both
tracks; ``{lang}`` inside it becomes "en" or "ru", and ``tr(en=..., ru=...)`` gives
a string literal per language). So the tracks can never drift apart: their code cells
differ only in string literals. Outputs are produced by executing the notebooks in a
fresh kernel, so what is committed is exactly what strict nbval expects.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
TRACKS = ("en", "ru")
IGNORE_OUTPUT = "nbval-ignore-output"


@dataclass
class Cell:
    kind: str
    text: dict
    tags: list = field(default_factory=list)


def md(*, en: str, ru: str) -> Cell:
    """A markdown cell in both languages."""
    return Cell("markdown", {"en": _dedent(en), "ru": _dedent(ru)})


def code(source: str, *, widget: bool = False, **literals: dict) -> Cell:
    """A code cell shared by both tracks.

    ``{lang}`` becomes the track's language code; ``{name}`` with ``name=tr(en=..., ru=...)``
    becomes a string literal in the track's language. ``widget=True`` tags the cell
    ``nbval-ignore-output`` (its output is live widget state).
    """
    text = {}
    for lang in TRACKS:
        values = {"lang": repr(lang)}
        values.update({k: repr(v[lang]) for k, v in literals.items()})
        text[lang] = _fill(_dedent(source), values)
    return Cell("code", text, [IGNORE_OUTPUT] if widget else [])


def tr(*, en: str, ru: str) -> dict:
    """A string literal with an English and a Russian version."""
    return {"en": en, "ru": ru}


def _fill(source: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), source)


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip("\n")


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"nbsource_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build"] = sys.modules[__name__]
    spec.loader.exec_module(module)
    return module


def _notebook(cells: list[Cell], lang: str) -> dict:
    out = []
    for i, cell in enumerate(cells):
        lines = cell.text[lang].splitlines(keepends=True)
        entry = {"cell_type": cell.kind, "id": f"c{i:02d}", "metadata": {}, "source": lines}
        if cell.tags:
            entry["metadata"]["tags"] = list(cell.tags)
        if cell.kind == "code":
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
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:  # run timestamps would make every rebuild a diff
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def build(selected: list[str], execute: bool = True) -> list[Path]:
    written = []
    for source in sorted(SOURCE.glob("[0-9][0-9]_*.py")):
        if selected and source.name[:2] not in selected:
            continue
        module = _load(source)
        for lang in TRACKS:
            target = HERE / lang / f"{source.stem}.ipynb"
            target.parent.mkdir(exist_ok=True)
            target.write_text(json.dumps(_notebook(module.CELLS, lang), ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
            if execute:
                print(f"executing {target.relative_to(HERE.parent)}", flush=True)
                _execute(target)
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="two-digit numbers, e.g. 03 07; default: all")
    parser.add_argument("--no-execute", action="store_true")
    args = parser.parse_args(argv)
    build(args.notebooks, execute=not args.no_execute)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
