"""Exercises of notebook 00 (start here)."""

from __future__ import annotations

from ..teach import Exercise


def _cdnow_customers() -> int:
    from ..datasets import load_cdnow_summary

    return len(load_cdnow_summary())


EXERCISES = [
    Exercise(
        key="00.1",
        question={
            "en": (
                "A magazine subscription renews once a year. Which cell of the map is it:\n"
                '`"a"`, `"b"`, `"c"` or `"d"`?'
            ),
            "ru": (
                "Подписка на журнал продлевается раз в год. В какой клетке карты она "
                "находится:\n"
                '`"a"`, `"b"`, `"c"` или `"d"`?'
            ),
        },
        prompt={
            "en": 'your answer: "a", "b", "c" or "d"',
            "ru": 'ваш ответ: "a", "b", "c" или "d"',
        },
        feedback={
            "en": (
                "You see when the contract ends, and it renews at fixed moments: the sBG model "
                "of notebook 05 fits it."
            ),
            "ru": (
                "Окончание договора видно, продление — в фиксированные моменты: к такому "
                "случаю подходит модель sBG из блокнота 05."
            ),
        },
        kind="choice",
        expected="a",
        options=("a", "b", "c", "d"),
        # the cells of the map read a-d; a Russian keyboard gives the look-alikes «а», «с», or а, б, г in order
        # («в», third in order but B to the eye, could be read two ways and is not taken)
        synonyms={"a": ("а",), "b": ("б",), "c": ("с",), "d": ("г",)},
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
        question={
            "en": (
                "How many customers are in the CDNOW summary you loaded above? Use the "
                "variable\n"
                '`summary`. (If you get stuck, run `teach.hint("00.2", lang=lang)`; to see the '
                "answer,\n"
                '`teach.solution("00.2", lang=lang)`.)'
            ),
            "ru": (
                "Сколько клиентов в сводной таблице CDNOW, загруженной выше? Используйте "
                "переменную\n"
                '`summary`. (Если застряли, выполните `teach.hint("00.2", lang=lang)`; чтобы '
                "увидеть ответ —\n"
                '`teach.solution("00.2", lang=lang)`.)'
            ),
        },
        prompt={
            "en": "your answer, e.g. len(summary)",
            "ru": "ваш ответ, например len(summary)",
        },
        feedback={
            "en": "Every row of the summary is one customer; len() counts the rows.",
            "ru": "Каждая строка сводной таблицы — один клиент; len() считает строки.",
        },
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
