"""The layer rule of docs/architecture.md: a module imports only from its own layer or below, and no cycles.

Layers, from the bottom (``clvkit.i18n`` lowest, so any layer may speak the user's language):

0. language and errors   ``errors``, ``i18n``
1. checks and units      ``_checks``, ``_validate``, ``units``
2. data                  ``data.*``, ``datasets``
3. measurement           ``formulas``, ``models.*``, ``simulate``, ``unit_economics``
4. valuation             ``valuation``, ``validation``, ``diagnostics``
5. decisions             ``segments``, ``strategy``, ``acquisition``, ``spark``, ``workbench``
6. views                 ``plots.*``, ``teach``, ``companion``
7. explorers             ``widgets.*``
8. apps and course       ``app``, ``_server``, ``_voila_server``, ``_exercises.*``

Every import counts for the layer rule, also one written inside a function (lazy imports keep
``import clvkit`` light; they do not make an upward arrow right). For cycles, only imports run
when a module is loaded count: a function-level import is resolved at call time and cannot
deadlock a load.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "clvkit"

LAYERS = [
    ["errors", "i18n"],
    ["_checks", "_validate", "units", "tables"],
    ["data", "datasets"],
    ["formulas", "models", "simulate", "unit_economics"],
    ["valuation", "validation", "diagnostics"],
    ["segments", "strategy", "acquisition", "spark", "workbench"],
    ["plots", "teach", "companion"],
    ["widgets"],
    ["app", "_server", "_voila_server", "_exercises", "_apps"],
]
LAYER_OF = {name: level for level, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported clvkit module, whether the import runs when the module loads) for every import in `path`."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body} | {
        id(child) for node in tree.body if isinstance(node, (ast.If, ast.Try)) for child in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("clvkit."):
                found.append((target, id(node) in top_level))
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    top = module.split(".")[1]
    assert top in LAYER_OF, f"{module} has no layer: add it to tests/test_architecture.py and docs/architecture.md"
    return LAYER_OF[top]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "clvkit"))
def test_a_module_imports_only_from_its_own_layer_or_below(module):
    upward = sorted({target for target, _eager in _imports(MODULES[module])
                     if target in MODULES and target != "clvkit" and _layer(target) > _layer(module)})
    assert upward == [], f"{module} (layer {_layer(module)}) reaches up to {upward}"


def test_there_is_no_import_cycle_in_the_package():
    graph = defaultdict(set)
    for module, path in MODULES.items():
        for target, eager in _imports(path):
            if eager and target in MODULES and target != module:
                graph[module].add(target)
    state, cycles = {}, []

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_every_module_has_a_layer():
    assert [m for m in MODULES if m != "clvkit" and m.split(".")[1] not in LAYER_OF] == []
