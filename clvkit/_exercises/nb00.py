"""Exercises of notebook 00 (start here)."""

from __future__ import annotations

from ..teach import Exercise


def _cdnow_customers() -> int:
    from ..datasets import load_cdnow_summary

    return len(load_cdnow_summary())


EXERCISES = [
    Exercise(
        key="00.1",
        kind="choice",
        expected="a",
        options=("a", "b", "c", "d"),
        hint={
            "en": "Is there a contract that ends when the customer leaves, and can renewals happen at any moment?",
            "ru": "Есть ли договор, который заканчивается с уходом клиента, и может ли продление случиться в любой момент?",
        },
        solution={
            "en": "A yearly subscription is a contract (you see when it ends) that renews at fixed moments "
                  "(once a year): contractual and discrete, answer 'a'.",
            "ru": "Годовая подписка — это договор (уход клиента виден), который продлевается в фиксированные "
                  "моменты (раз в год): контрактная и дискретная ситуация, ответ 'a'.",
        },
    ),
    Exercise(
        key="00.2",
        kind="number",
        expected=_cdnow_customers,
        rel_tol=0.0,
        abs_tol=0.5,
        decimals=0,
        hint={
            "en": "Count the rows of the summary: len(summary).",
            "ru": "Посчитайте строки сводной таблицы: len(summary).",
        },
        solution={
            "en": "summary = ck.datasets.load_cdnow_summary()\nlen(summary)",
            "ru": "summary = ck.datasets.load_cdnow_summary()\nlen(summary)",
        },
    ),
]
