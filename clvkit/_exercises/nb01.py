"""Exercises of notebook 01 (what is CLV)."""

from __future__ import annotations

from ..teach import Exercise

#: Exercise 01.1: margins a customer brings at the end of years 1, 2 and 3, and the yearly discount rate.
TIMELINE_MARGINS = (100.0, 80.0, 60.0)
TIMELINE_DISCOUNT = 0.10


def _timeline_clv() -> float:
    import numpy as np

    margins = np.asarray(TIMELINE_MARGINS)
    years = np.arange(1, margins.size + 1)
    return float(np.sum(margins / (1.0 + TIMELINE_DISCOUNT) ** years))


EXERCISES = [
    Exercise(
        key="01.1",
        question={
            "en": (
                "Another customer will bring $100 of margin at the end of year 1, $80 at the "
                "end\n"
                "of year 2 and $60 at the end of year 3, and then leave. At a discount rate of "
                "10% a year, what is\n"
                "their CLV? (Change the margins of the table above, or do it by hand.)"
            ),
            "ru": (
                "Другой клиент принесёт 10 000 ₽ маржи в конце первого года, 8 000 ₽ в конце второго\n"
                "и 6 000 ₽ в конце третьего, а потом уйдёт. Каков его CLV при ставке "
                "дисконтирования 10% в год? (Можно\n"
                "поменять маржу в таблице выше или посчитать вручную.)"
            ),
        },
        prompt={
            "en": "your answer, in dollars",
            "ru": "ваш ответ, в рублях",
        },
        feedback={
            "en": (
                "Each later margin counts for less today: discounting is what turns margins "
                "into a CLV."
            ),
            "ru": (
                "Чем дальше маржа, тем меньше она стоит сегодня: именно дисконтирование "
                "превращает маржу в CLV."
            ),
        },
        kind="number",
        expected=_timeline_clv,
        money=True,
        rel_tol=0.002,
        hint={
            "en": "Divide each year's margin by (1 + 0.10) raised to the year (1, 2, 3), then add the three "
                  "present values up.",
            "ru": "Разделите маржу каждого года на (1 + 0,10) в степени номера года (1, 2, 3) и сложите три "
                  "приведённые стоимости.",
        },
        solution={
            "en": "100 / 1.1 + 80 / 1.1**2 + 60 / 1.1**3\n"
                  "# or: margins = pd.Series([100, 80, 60], index=[1, 2, 3]); "
                  "(margins / 1.1 ** margins.index).sum()",
            "ru": "10_000 / 1.1 + 8_000 / 1.1**2 + 6_000 / 1.1**3\n"
                  "# или: margins = pd.Series([10_000, 8_000, 6_000], index=[1, 2, 3]); "
                  "(margins / 1.1 ** margins.index).sum()",
        },
    ),
    Exercise(
        key="01.2",
        kind="decision",
        expected=("d", "r1"),
        options=("a", "b", "c", "d", "e"),
        # the numbers are lettered a-e; a Russian keyboard gives the look-alikes «а», «с», «е», or а, б, г, д
        # in order («в», third in order but B to the eye, could be read two ways and is not taken)
        synonyms={"a": ("а",), "b": ("б",), "c": ("с",), "d": ("г",), "e": ("е", "д")},
        question={
            "en": "Your team will set the most it may pay to win a customer like this one from one of the five "
                  "numbers of the table above. Which number do you give them?",
            "ru": "Команда определит, сколько максимум можно заплатить за привлечение такого клиента, по одному "
                  "из пяти чисел таблицы выше. Какое число вы ей дадите?",
        },
        prompt={"en": 'a letter: "a", "b", "c", "d" or "e"', "ru": 'буква: "a", "b", "c", "d" или "e"'},
        reasons={
            "r1": {"en": "it looks forward and counts margin, weighted by the chance the customer stays and discounted",
                   "ru": "оно смотрит вперёд и считает маржу с учётом вероятности удержания и дисконтирования"},
            "r2": {"en": "it is what the customer has really paid, a fact rather than a forecast",
                   "ru": "это то, что клиент действительно заплатил, — факт, а не прогноз"},
            "r3": {"en": "it is the largest figure that looks forward, so it leaves the most room to bid",
                   "ru": "это самое большое число из смотрящих вперёд, оно оставляет больше всего простора для ставок"},
        },
        explain={
            "a": {"en": "a is one order's revenue ($50): it ignores the margin and every later order.",
                  "ru": "a — выручка одного заказа (5 000 ₽): без маржи и без всех следующих заказов."},
            "b": {"en": "b is revenue already received ($1,000): the past, and revenue rather than margin; a new "
                        "customer has no past at all.",
                  "ru": "b — уже полученная выручка (100 000 ₽): это прошлое и выручка, а не маржа; у нового клиента "
                        "прошлого нет вовсе."},
            "c": {"en": "c is the margin of one order ($15): the customer orders ten times a year for years.",
                  "ru": "c — маржа одного заказа (1 500 ₽), а клиент заказывает десять раз в год годами."},
            "d": {"en": "d is the expected future margin, weighted by retention and discounted: the CLV.",
                  "ru": "d — ожидаемая будущая маржа с учётом удержания и дисконтирования: это и есть CLV."},
            "e": {"en": "e looks forward but counts revenue ($1,333), more than three times d: paying from it "
                        "would pay for the cost of goods as well.",
                  "ru": "e смотрит вперёд, но считает выручку (133 333 ₽), втрое с лишним больше d: платить по нему — "
                        "значит оплачивать ещё и себестоимость товара."},
            "r1": {"en": "Right: only d looks forward, counts margin and discounts it.",
                   "ru": "Верно: только d смотрит вперёд, считает маржу и дисконтирует её."},
            "r2": {"en": "d is a forecast, not a fact: what the customer has really paid is b, which looks back and "
                         "counts revenue.",
                   "ru": "d — прогноз, а не факт: то, что клиент действительно заплатил, — это b, и оно смотрит назад "
                         "и считает выручку."},
            "r3": {"en": "d is not the largest: e is ($1,333 against $400), and it is e that would overpay, because it "
                         "counts revenue.",
                   "ru": "d не самое большое: больше e (133 333 ₽ против 40 000 ₽), и именно по e команда переплатила "
                         "бы — оно считает выручку."},
        },
        feedback={"en": "A ceiling on what a customer may cost comes from their future margin, not from revenue or "
                        "the past.",
                  "ru": "Потолок стоимости клиента задаёт его будущая маржа, а не выручка и не прошлое."},
        hint={"en": "CLV looks forward, counts margin rather than revenue, and covers the whole relationship.",
              "ru": "CLV смотрит вперёд, считает маржу, а не выручку, и охватывает все отношения с клиентом."},
        solution={"en": "candidates[\"d\"]  # the expected future margin, weighted by retention and discounted\n"
                        "decision, reason = \"d\", \"r1\"",
                  "ru": "candidates[\"d\"]  # ожидаемая будущая маржа с учётом удержания и дисконтирования\n"
                        "decision, reason = \"d\", \"r1\""},
    ),
]
