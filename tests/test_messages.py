"""Every sentence clvkit says to a user comes from the catalogue, so it can be said in Russian too.

What counts as a user-facing message, decided here once (the scan reads the source with
``ast``, it does not run it):

* the message of ``raise SomeError(...)``: the first argument of any exception raised,
  ClvDataError, UnitMismatchError, ValueError, TypeError, KeyError... alike;
* the message of ``warnings.warn(...)`` (or a bare ``warn(...)``);
* anything the package passes to ``print(...)``.

Such a message is "left in code" when it is a string literal with words in it, an
f-string with words in its literal parts, an expression that glues one of those to
something else (``+``, ``%``, ``"...".format(...)``), or a local variable assigned one of
those in the same function. A message that comes from ``text("some.key", ...)``, or from a
helper call, passes: a helper (any function named ``*_message``) is held to the same rule
for what it returns.

What may stay in English, because no user can cause it and the reader is a developer:

* ``RuntimeError``, ``AssertionError`` and ``NotImplementedError``: a bug in clvkit itself;
* ``AttributeError`` raised by a module's ``__getattr__``: Python's own sentence for a
  missing attribute, which ``hasattr`` and tab completion rely on;
* the entries of ``INTERNAL`` below, each with its reason.

Modules still being converted list themselves in ``NOT_YET_CONVERTED``; every other module of
the package must pass now.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import i18n
from clvkit.errors import ClvDataError, NotFittedError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "clvkit"

# Modules whose messages are still being moved into the catalogue; a module listed here is skipped
# by the scan, nothing else is.
NOT_YET_CONVERTED: set[str] = set()

# Exceptions that signal a bug in clvkit, read by its developers: English is fine.
DEVELOPER_ERRORS = {"RuntimeError", "AssertionError", "NotImplementedError"}

# (module, function, exception) raised with an English sentence on purpose.
INTERNAL = {
    # A catalogue key missing from clvkit's own JSON files is a bug in clvkit, and the
    # message cannot come from the catalogue that lacks it.
    ("clvkit/i18n/__init__.py", "text", "KeyError"),
    # Caught by the app server, which answers with the catalogue's "busy" page; never shown to anyone.
    ("clvkit/_voila_server.py", "start_kernel", "ServerFull"),
}

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{2,}")


def _has_words(node: ast.AST) -> bool:
    """A string literal, or an f-string whose literal parts, hold at least one word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def _literal_message(node: ast.AST, literals: set[str]) -> bool:
    """Whether an expression is, or is glued from, a sentence written in code."""
    if _has_words(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in literals
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literal_message(node.left, literals) or _literal_message(node.right, literals)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _has_words(node.func.value)
    return False


def _exception_name(call: ast.AST) -> str | None:
    if isinstance(call, ast.Call):
        call = call.func
    if isinstance(call, ast.Name):
        return call.id
    if isinstance(call, ast.Attribute):
        return call.attr
    return None


def _is_warn(func: ast.AST) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "warn"
            and isinstance(func.value, ast.Name) and func.value.id == "warnings") or \
        (isinstance(func, ast.Name) and func.id == "warn")


class _Scan(ast.NodeVisitor):
    """Collects (line, what) for every user-facing message written as a literal."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.found: list[tuple[int, str]] = []
        self.function: list[str] = []
        self.literals: list[set[str]] = [set()]

    def _enter(self, node) -> None:
        self.function.append(node.name)
        self.literals.append(set())
        self.generic_visit(node)
        if node.name.endswith("_message"):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and sub.value is not None \
                        and _literal_message(sub.value, self.literals[-1]):
                    self.found.append((sub.lineno, f"{node.name} returns a sentence written in code"))
        self.literals.pop()
        self.function.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _enter

    def visit_Assign(self, node: ast.Assign) -> None:
        if _literal_message(node.value, self.literals[-1]):
            self.literals[-1].update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        call = node.exc
        name = _exception_name(call)
        here = self.function[-1] if self.function else "<module>"
        allowed = (
            name in DEVELOPER_ERRORS
            or (name == "AttributeError" and here == "__getattr__")
            or (self.module, here, name) in INTERNAL
        )
        if isinstance(call, ast.Call) and not allowed:
            message = call.args[0] if call.args else None
            if message is not None and _literal_message(message, self.literals[-1]):
                self.found.append((node.lineno, f"raise {name}(...) with a sentence written in code"))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if _is_warn(node.func) and node.args and _literal_message(node.args[0], self.literals[-1]):
            self.found.append((node.lineno, "warnings.warn(...) with a sentence written in code"))
        if isinstance(node.func, ast.Name) and node.func.id == "print" and \
                any(_literal_message(a, self.literals[-1]) for a in node.args):
            self.found.append((node.lineno, "print(...) of a sentence written in code"))
        self.generic_visit(node)


def scan(source: str, module: str = "<test>") -> list[tuple[int, str]]:
    """Messages written in code in `source`, as (line, description)."""
    visitor = _Scan(module)
    visitor.visit(ast.parse(source))
    return visitor.found


def _modules() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py"))


def _converted(module: str) -> bool:
    return not any(fnmatch.fnmatch(module, pattern) for pattern in NOT_YET_CONVERTED)


# --------------------------------------------------------------- the scan itself
@pytest.mark.parametrize(
    "source",
    [
        'raise ClvDataError("The summary is empty.")',
        'raise ValueError(f"got {x!r}; give a number")',
        'raise KeyError("no such " + name)',
        'raise TypeError("bad %s" % x)',
        'raise UnitMismatchError("weeks, not {}".format(unit))',
        'def f(x):\n    msg = f"x is {x}, not a date"\n    raise ClvDataError(msg)',
        'import warnings\nwarnings.warn("the fit did not converge", ConvergenceWarning)',
        'print(f"dropped {n} rows")',
        'def missing_message(c):\n    return f"no column {c}"',
    ],
)
def test_the_scan_finds_a_sentence_written_in_code(source):
    assert scan(source), source


@pytest.mark.parametrize(
    "source",
    [
        'raise ClvDataError(text("data.empty", what=what))',
        'raise ClvDataError(missing_columns_message(cols, have, "table"))',
        'raise RuntimeError("catalogue keys defined twice")',
        'raise AssertionError(f"unreachable: {x}")',
        'def __getattr__(name):\n    raise AttributeError(f"module has no attribute {name!r}")',
        'raise ClvDataError(f"{a}: {b}")',
        'warnings.warn(text("fit.slow", n=3), UserWarning, stacklevel=2)',
        'raise',
        'raise err from None',
        'print(", ".join(rows))',
    ],
)
def test_the_scan_lets_catalogue_messages_and_developer_errors_pass(source):
    assert scan(source) == [], source


def test_not_yet_converted_names_only_modules_of_other_layers():
    owned_here = {"clvkit/formulas.py", "clvkit/segments.py", "clvkit/strategy.py", "clvkit/acquisition.py",
                  "clvkit/simulate.py", "clvkit/datasets.py", "clvkit/errors.py", "clvkit/teach.py",
                  "clvkit/i18n/__init__.py", "clvkit/__init__.py"}
    assert all(_converted(m) for m in owned_here)


# ------------------------------------------------------------------ the package
@pytest.mark.parametrize("module", [m for m in _modules() if _converted(m)])
def test_no_user_facing_sentence_is_left_in_code(module):
    found = scan((ROOT / module).read_text(encoding="utf-8"), module)
    assert found == [], "\n".join(f"{module}:{line}: {what}; use clvkit.i18n.text" for line, what in found)


def test_every_literal_catalogue_key_in_the_package_exists():
    # text("decisions.bins", ...) with a key the catalogue lacks fails only when raised;
    # this finds the typo before a user does.
    keys = set(i18n.catalogue("en"))
    missing = []
    for module in _modules():
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("text", "label", "message") and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if node.args[0].value not in keys:
                    missing.append(f"{module}:{node.lineno}: {node.args[0].value}")
    assert missing == []


# ---------------------------------------------------- the same errors, in Russian
def _both(make) -> tuple[str, str]:
    """The message of the error `make` raises, in English and in Russian."""
    with i18n.language("en"), pytest.raises(Exception) as en:
        make()
    with i18n.language("ru"), pytest.raises(Exception) as ru:
        make()
    assert type(en.value) is type(ru.value)
    return str(en.value), str(ru.value)


def test_a_formula_error_speaks_the_language_in_force():
    en, ru = _both(lambda: ck.formulas.dcf_clv(100, 1.0, 0.0))
    assert "infinite horizon is infinite" in en
    assert "бесконечном горизонте" in ru and "discount_rate" in ru


def test_a_segment_error_counts_rows_in_russian():
    table = pd.DataFrame({"clv": [1.0, np.nan, np.nan, np.nan, np.nan, 2.0], "p_alive": 0.5})
    en, ru = _both(lambda: ck.segments.retention_targets(table))
    assert "must hold finite numbers; it does not in 4 rows" in en
    assert "конечные числа" in ru and "всего 4 строки" in ru and "«клиенты»" in ru


def test_a_strategy_error_names_the_levers_in_russian():
    en, ru = _both(lambda: ck.strategy.Strategy().with_levers(price_change=0.1))
    assert en.startswith("Unknown lever 'price_change'")
    assert ru.startswith("Неизвестный рычаг 'price_change'") and "доступные рычаги" in ru


def test_an_acquisition_error_names_the_row_in_russian():
    channels = pd.DataFrame({"ltv": [100.0, 50.0], "cac": [10.0, 0.0]}, index=["search", "tv"])
    en, ru = _both(lambda: ck.acquisition.channel_economics(channels))
    assert "must hold numbers > 0; row 'tv' has 0.0" in en
    assert "в строке 'tv' стоит 0.0" in ru


def test_a_simulation_error_agrees_the_noun_with_the_number():
    subs = ck.simulate.simulate_subscriptions(20, alpha=1, beta=3, observation_months=6, acquisition_months=3,
                                              seed=0)
    en, ru = _both(lambda: ck.simulate.subscription_survivors(subs, n_periods=21))
    assert "more than 21 months" in en
    assert "не превышает 21 месяц;" in ru


def test_datasets_teach_and_not_fitted_speak_russian_too():
    en, ru = _both(lambda: ck.datasets.dataset_path("nope.csv"))
    assert "the shipped files are" in en and "в комплекте есть" in ru and "cdnow_sample.csv" in ru
    en, ru = _both(lambda: ck.teach.get("first"))
    assert "look like '03.2'" in en and "блокнот 03" in ru
    with i18n.language("ru"):
        assert "ещё не обучена" in str(NotFittedError("BGNBD"))
    assert "is not fitted yet" in str(NotFittedError("BGNBD"))
    assert isinstance(NotFittedError("BGNBD"), ValueError)


def test_the_deprecation_warning_is_a_catalogue_sentence():
    with i18n.language("ru"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ck.acquisition.max_allowable_cac(30.0)
    assert [w.category for w in caught] == [PendingDeprecationWarning]
    assert "устарела" in str(caught[0].message) and "max_acquisition_cost" in str(caught[0].message)


def test_a_russian_error_is_still_a_clv_data_error_with_one_sentence():
    with i18n.language("ru"), pytest.raises(ClvDataError) as err:
        ck.segments.clv_tiers([1.0, 2.0], cuts=(0.5, 0.2))
    message = str(err.value)
    assert message.startswith("cuts должны быть возрастающими") and message.endswith(".") and "\n" not in message
