"""Exercise checks for the course notebooks, in English and Russian.

Each exercise has a key ``"NN.k"`` (notebook NN, question k), an expected answer that
is *computed* by clvkit where it depends on data, a tolerance, a hint and a solution.
The learner writes an answer in a cell and calls :func:`check`; the feedback is plain,
deterministic text (safe for notebooks compared by nbval)::

    from clvkit import teach
    answer = 1200            # your answer
    teach.check("01.1", answer, lang="en")
    teach.hint("01.1")       # a nudge
    teach.solution("01.1")   # reveal the worked solution

Exercises live in ``clvkit/_exercises/nbNN.py``, one module per notebook, each with a
list ``EXERCISES`` of :class:`Exercise`. An exercise is defined there once: the notebook
build (``notebooks/build.py``) writes its question and answer cell from the same
definition that :func:`check` reads.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ClvDataError
from .i18n import format_number, resolve_lang, text

__all__ = ["Exercise", "Feedback", "check", "hint", "solution", "exercises", "get", "score", "forget"]

_KINDS = ("number", "choice", "set", "bool", "decision")

#: The last result of every exercise checked in this session, by key (what :func:`score` counts).
_RESULTS: dict[str, bool] = {}

def _t(key: str, lang: str, **fields) -> str:
    return text(f"teach.{key}", lang, **fields)


@dataclass(frozen=True)
class Exercise:
    """One question: how to check an answer, and what to say.

    Parameters
    ----------
    key : str
        "NN.k": notebook number and question number.
    kind : {"number", "choice", "set", "bool", "decision"}
        number: compared with a tolerance; choice: one option (case-insensitive);
        set: an unordered collection of options; bool: True or False; decision: one of
        `options` together with the key of its reason among `reasons`, answered as the pair
        ``(decision, reason)``; both must be right, and a wrong one is explained from `explain`.
    expected : value or callable
        The right answer, or a function computing it (called once, then cached).
    hint, solution : dict
        ``{"en": ..., "ru": ...}`` texts. The solution shows the code that gets there.
    question : dict
        ``{"en": ..., "ru": ...}`` markdown: the question as the notebook shows it, after
        "**Exercise NN.k.**".
    prompt : dict
        ``{"en": ..., "ru": ...}``: the comment of the answer cell, saying what kind of answer
        is wanted (never the answer itself).
    feedback : dict
        ``{"en": ..., "ru": ...}``, optional: one sentence added to "Correct", saying why.
    rel_tol, abs_tol : float
        Tolerance for numbers: the answer is right when within either.
    decimals : int
        Digits shown when the expected number is revealed.
    options : tuple of str
        Allowed answers for choice and set exercises.
    money : bool
        The expected number is an amount of money in the US dollars of the course's data; it is
        checked and shown in the currency in force, at the course's fixed rate
        (:data:`clvkit.datasets.COURSE_RATES`: 100 ₽ a dollar), as the Russian track counts.
    synonyms : dict
        Other words accepted for an option of a choice or set exercise, in any language:
        ``{"c1": ("conversion", "конверсия")}``. Compared like the options (case and
        surrounding spaces ignored, «ё» read as «е»).
    per_lang : bool
        When True, `expected` is a function of the language (``expected("ru")``): for an
        amount of money that the two tracks state in their own currencies.
    reasons : dict
        For a decision: ``{"r1": {"en": ..., "ru": ...}, ...}``, the reasons the learner picks
        from; the notebook lists them under the question.
    explain : dict
        For a decision: ``{option_or_reason: {"en": ..., "ru": ...}}``, one sentence for every
        option and every reason saying, from the data, why it is right or wrong; a wrong
        answer is told the sentence of what it chose.
    """

    key: str
    kind: str
    expected: Any
    hint: dict
    solution: dict
    rel_tol: float = 0.01
    abs_tol: float = 0.0
    decimals: int = 2
    options: tuple = ()
    money: bool = False
    synonyms: dict = field(default_factory=dict)
    question: dict = field(default_factory=dict)
    prompt: dict = field(default_factory=dict)
    feedback: dict = field(default_factory=dict)
    per_lang: bool = False
    reasons: dict = field(default_factory=dict)
    explain: dict = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def value(self, lang: str | None = None):
        """The right answer (in `lang`'s terms when the exercise is ``per_lang``)."""
        if self.per_lang:
            lang = resolve_lang(lang)
            if lang not in self._cache:
                self._cache[lang] = self.expected(lang)
            return self._cache[lang]
        if "value" not in self._cache:
            self._cache["value"] = self.expected() if callable(self.expected) else self.expected
        return self._cache["value"]


class Feedback:
    """The result of a check: ``.correct`` and a text shown as the cell's output."""

    def __init__(self, correct: bool, text: str) -> None:
        self.correct = correct
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return self.correct


def _module_for(key: str, lang: str | None = None):
    if not isinstance(key, str) or "." not in key or not key.split(".")[0].isdigit():
        raise ClvDataError(text("errors.exercise_key", lang, key=repr(key)))
    notebook = key.split(".")[0].zfill(2)
    try:
        return importlib.import_module(f"clvkit._exercises.nb{notebook}")
    except ModuleNotFoundError:
        raise ClvDataError(text("errors.exercise_notebook", lang, notebook=notebook, key=repr(key))) from None


def exercises(notebook: str | int) -> dict[str, Exercise]:
    """All exercises of one notebook, by key."""
    module = _module_for(f"{int(notebook):02d}.1")
    return {ex.key: ex for ex in module.EXERCISES}


def get(key: str, *, lang: str | None = None) -> Exercise:
    """The exercise with this key (`lang`: language of the error when there is none)."""
    found = {ex.key: ex for ex in _module_for(key, lang).EXERCISES}
    if key not in found:
        listed = ", ".join(sorted(found))
        raise ClvDataError(text("errors.exercise_unknown", lang, key=repr(key), found=listed))
    return found[key]


def _as_float(answer) -> float | None:
    if isinstance(answer, bool):
        return None
    try:
        x = float(answer)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _rate(ex: Exercise, currency: str | None, lang: str) -> float:
    """Units of the answer's currency per dollar of the course's data (1 unless the answer is money)."""
    if not ex.money:
        return 1.0
    from .datasets import _rate as course_rate
    from .i18n import get_currency

    return course_rate(get_currency(lang) if currency is None else currency)


def _check_number(ex: Exercise, answer, lang: str, rate: float = 1.0) -> tuple[bool, str]:
    expected = float(ex.value(lang)) * rate
    x = _as_float(answer)
    if x is None:
        return False, _t("not_number", lang)
    if math.isclose(x, expected, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol * rate):
        return True, ""
    if expected != 0 and x != 0 and (x / expected >= 9.5 or expected / x >= 9.5) and (x > 0) == (expected > 0):
        factor = max(abs(x / expected), abs(expected / x))
        return False, _t("order", lang, factor=format_number(10 ** round(math.log10(factor)), lang, decimals=0))
    return False, _t("too_high" if x > expected else "too_low", lang)


def _norm(option) -> str:
    return " ".join(str(option).lower().replace("ё", "е").split())


def _canonical(ex: Exercise, answer) -> str:
    """The option an answer names: itself, or the option it is a synonym of."""
    word = _norm(answer)
    for option, words in ex.synonyms.items():
        if word in {_norm(w) for w in words}:
            return _norm(option)
    return word


def _check_choice(ex: Exercise, answer, lang: str, rate: float = 1.0) -> tuple[bool, str]:
    given = _canonical(ex, answer)
    if given == _norm(ex.value(lang)):
        return True, ""
    if ex.options and given not in {_norm(o) for o in ex.options}:
        return False, _t("choice", lang, options=", ".join(map(str, ex.options)))
    return False, ""


def _check_set(ex: Exercise, answer, lang: str, rate: float = 1.0) -> tuple[bool, str]:
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        answer = [answer]
    given = {_canonical(ex, a) for a in answer}
    expected = {_norm(a) for a in ex.value(lang)}
    if given == expected:
        return True, ""
    parts = []
    if expected - given:
        parts.append(_t("missing", lang, items=str(len(expected - given))))
    if given - expected:
        parts.append(_t("extra", lang, items=", ".join(sorted(given - expected))))
    return False, "; ".join(parts)


def _check_bool(ex: Exercise, answer, lang: str, rate: float = 1.0) -> tuple[bool, str]:
    if not isinstance(answer, bool):
        return False, _t("bool", lang)
    return answer is bool(ex.value(lang)), ""


def _check_decision(ex: Exercise, answer, lang: str, rate: float = 1.0) -> tuple[bool, str]:
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 2:
        return False, _t("decision_pair", lang)
    decision, reason = _canonical(ex, answer[0]), _norm(answer[1])
    right_decision, right_reason = (_norm(v) for v in ex.value(lang))
    options = {_norm(o): o for o in ex.options}
    reasons = {_norm(r): r for r in ex.reasons}
    if decision not in options:
        return False, _t("choice", lang, options=", ".join(map(str, ex.options)))
    if reason not in reasons:
        return False, _t("reason_keys", lang, keys=", ".join(map(str, ex.reasons)))
    if decision != right_decision:
        return False, ex.explain[options[decision]][lang]
    if reason != right_reason:
        return False, f"{_t('right_decision', lang)} {ex.explain[reasons[reason]][lang]}"
    return True, ""


_CHECKERS: dict[str, Callable] = {"number": _check_number, "choice": _check_choice, "set": _check_set,
                                  "bool": _check_bool, "decision": _check_decision}


def _shown(ex: Exercise, lang: str, rate: float = 1.0) -> str:
    value = ex.value(lang)
    if ex.kind == "number":
        return format_number(float(value) * rate, lang, decimals=ex.decimals)
    if ex.kind == "set":
        return ", ".join(sorted(map(str, value)))
    if ex.kind == "decision":
        decision, reason = value
        return f"{decision}; {reason} — {ex.reasons[reason][lang]}"
    return str(value)


def check(key: str, answer, *, lang: str | None = None, currency: str | None = None) -> Feedback:
    """Check an answer and say whether it is right, and if not, which way it is off.

    Parameters
    ----------
    key : str
        The exercise, e.g. "01.1".
    answer : number, str, collection or bool
        The learner's answer; ``...`` (Ellipsis) means not answered yet.
    lang : {"en", "ru"}
        Language of the feedback.
    currency : {"USD", "RUB"}, optional
        The currency of a money answer; the one in force when omitted (roubles in the Russian
        track, dollars in the English one).

    Returns
    -------
    Feedback
        Shown as one or two lines of text; ``bool(feedback)`` is True when correct.

    Examples
    --------
    >>> check("01.1", 1, lang="en").correct
    False
    >>> check("00.1", ("02", "r1"), lang="en")  # a decision: the choice and the key of its reason
    ✅ Correct (00.1). The map's last column says what each notebook lets you do.
    """
    lang = resolve_lang(lang)
    ex = get(key, lang=lang)
    # a decision is answered as a pair: (..., ...) or a half-filled pair is not answered yet either
    pair = ex.kind == "decision" and isinstance(answer, (tuple, list))
    if answer is Ellipsis or answer is None or (pair and any(a is Ellipsis or a is None for a in answer)):
        return Feedback(False, f"✏️ {key}: {_t('empty', lang)}")
    ok, why = _CHECKERS[ex.kind](ex, answer, lang, _rate(ex, currency, lang))
    _RESULTS[key] = ok
    if ok:
        why = f" {ex.feedback[lang]}" if ex.feedback else ""
        return Feedback(True, f"✅ {_t('correct', lang)} ({key}).{why}")
    end = "" if why.endswith((".", "!", "?", "»")) else "."
    lines = [f"❌ {_t('not_quite', lang)} ({key})" + (f": {why}{end}" if why else ".")]
    lines.append(f"💡 {_t('hint', lang)}: {ex.hint[lang]}")
    return Feedback(False, "\n".join(lines))


def hint(key: str, *, lang: str | None = None) -> Feedback:
    """The hint of an exercise."""
    lang = resolve_lang(lang)
    return Feedback(False, f"💡 {_t('hint', lang)} ({key}): {get(key, lang=lang).hint[lang]}")


def solution(key: str, *, lang: str | None = None, currency: str | None = None) -> Feedback:
    """Reveal the worked solution and the expected answer (a money answer in `currency`, as :func:`check`)."""
    lang = resolve_lang(lang)
    ex = get(key, lang=lang)
    shown = _shown(ex, lang, _rate(ex, currency, lang))
    text = f"📖 {_t('solution', lang)} ({key}):\n{ex.solution[lang]}\n{_t('answer', lang)}: {shown}"
    return Feedback(True, text)


def forget(notebook: str | int | None = None) -> None:
    """Forget the answers checked so far (of one notebook, or all), to take a quiz again."""
    prefix = None if notebook is None else f"{int(notebook):02d}."
    for key in [k for k in _RESULTS if prefix is None or k.startswith(prefix)]:
        del _RESULTS[key]


def score(notebook: str | int = 14, answers: dict | None = None, *, lang: str | None = None) -> Feedback:
    """How many of a notebook's exercises are answered correctly, as one sentence.

    Parameters
    ----------
    notebook : str or int
        The notebook whose exercises count (default 14, the final quiz).
    answers : dict, optional
        ``{key: answer}`` to check now; by default the last answer given to :func:`check`
        for each exercise of this session counts, and an exercise never checked counts as wrong.
    lang : {"en", "ru"}
        Language of the sentence.

    Returns
    -------
    Feedback
        "14 of 20 answered correctly" and the exercises to look at again; ``bool()`` is True
        when all are right.

    Examples
    --------
    >>> score(12, {"12.1": ("search", "r1"), "12.2": ("apc", "r1")}, lang="en")
    🏁 1 of 2 answered correctly. To look at again: 12.2.
    """
    lang = resolve_lang(lang)
    keys = sorted(exercises(notebook), key=lambda k: int(k.split(".")[1]))
    if answers is not None:
        unknown = sorted(set(answers) - set(keys), key=str)
        if unknown:
            raise ClvDataError(text("quiz.unknown_keys", lang, keys=", ".join(map(repr, unknown)),
                                    notebook=f"{int(notebook):02d}"))
        given = {k: answers.get(k) for k in keys}
        results = {k: given[k] is not None and given[k] is not Ellipsis
                   and _CHECKERS[get(k).kind](get(k), given[k], lang)[0] for k in keys}
    else:
        results = {k: _RESULTS.get(k, False) for k in keys}
    right = sum(results.values())
    sentence = text("quiz.score", lang, right=right, total=len(keys))
    wrong = [k for k in keys if not results[k]]
    if wrong:
        sentence += " " + text("quiz.again", lang, keys=", ".join(wrong))
    else:
        sentence += " " + text("quiz.all_right", lang)
    return Feedback(not wrong, f"🏁 {sentence}")
