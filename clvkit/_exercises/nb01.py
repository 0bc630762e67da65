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


def _cdnow_median_historical_value() -> float:
    from ..datasets import load_cdnow_transactions
    from ..formulas import historical_clv

    return float(historical_clv(load_cdnow_transactions(), margin=0.3).median())


EXERCISES = [
    Exercise(
        key="01.1",
        question={
            "en": (
                "Another customer will bring $100 of margin at the end of year 1, $80 at the "
                "end\n"
                "of year 2 and $60 at the end of year 3, and then leave. At a discount rate of "
                "10% a year, what is\n"
                "their CLV? (You can copy the table above and change the margins, or do it by "
                "hand.)"
            ),
            "ru": (
                "Другой клиент принесёт 10 000 ₽ маржи в конце первого года, 8 000 ₽ в конце второго\n"
                "и 6 000 ₽ в конце третьего, а потом уйдёт. Каков его CLV при ставке "
                "дисконтирования 10% в год? (Можно\n"
                "скопировать таблицу выше и поменять маржу или посчитать вручную.)"
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
        question={
            "en": (
                "A shop customer orders 10 times a year at $50 an order, the gross margin is "
                "30%,\n"
                "they have been a customer for two years, yearly retention is 80% and the "
                "discount rate 10%. The cell\n"
                "below computes five numbers about them:\n"
                "\n"
                "- **a** — the average order value;\n"
                "- **b** — the revenue they have brought in their two years so far;\n"
                "- **c** — the margin of one order;\n"
                "- **d** — the expected future margin, weighted by the chance they stay and "
                "discounted;\n"
                "- **e** — the expected future revenue, weighted by the chance they stay and "
                "discounted.\n"
                "\n"
                "Which one is the customer's CLV? Answer with a letter."
            ),
            "ru": (
                "Клиент магазина делает 10 заказов в год со средним чеком 5 000 ₽, валовая маржа "
                "30%,\n"
                "он покупает у нас уже два года, удержание — 80% в год, ставка дисконтирования "
                "— 10%. Ячейка ниже\n"
                "считает пять чисел об этом клиенте:\n"
                "\n"
                "- **a** — средний чек;\n"
                "- **b** — выручка от клиента за два прошедших года;\n"
                "- **c** — маржа одного заказа;\n"
                "- **d** — ожидаемая будущая маржа с учётом вероятности удержания, "
                "дисконтированная;\n"
                "- **e** — ожидаемая будущая выручка с учётом вероятности удержания, "
                "дисконтированная.\n"
                "\n"
                "Какое из них — CLV клиента? Ответьте буквой."
            ),
        },
        prompt={
            "en": 'your answer: "a", "b", "c", "d" or "e"',
            "ru": 'ваш ответ: "a", "b", "c", "d" или "e"',
        },
        feedback={
            "en": (
                "Only d looks forward, counts margin and discounts it: that is what CLV means."
            ),
            "ru": (
                "Только d смотрит вперёд, считает маржу и дисконтирует её: это и есть CLV."
            ),
        },
        kind="choice",
        expected="d",
        options=("a", "b", "c", "d", "e"),
        # the formulas are lettered a-e; a Russian keyboard gives the look-alikes «а», «с», «е», or а, б, г, д
        # in order («в», third in order but B to the eye, could be read two ways and is not taken)
        synonyms={"a": ("а",), "b": ("б",), "c": ("с",), "d": ("г",), "e": ("е", "д")},
        hint={
            "en": "CLV looks forward, counts margin rather than revenue, and covers the whole relationship, "
                  "not one order.",
            "ru": "CLV смотрит вперёд, считает маржу, а не выручку, и охватывает все отношения с клиентом, "
                  "а не один заказ.",
        },
        solution={
            "en": "a is the average order value (one order, revenue); b is revenue to date (the past, revenue); "
                  "c is the margin of one order; e looks forward but counts revenue, not margin. Only d adds up "
                  "the expected future margins, weighted by the chance the customer stays and discounted: "
                  "answer 'd'.",
            "ru": "a — средний чек (один заказ, выручка); b — выручка за прошлые годы (прошлое, выручка); "
                  "c — маржа одного заказа; e смотрит вперёд, но считает выручку, а не маржу. Только d "
                  "складывает ожидаемую будущую маржу с учётом вероятности удержания и дисконтирования: "
                  "ответ 'd'.",
        },
    ),
    Exercise(
        key="01.3",
        question={
            "en": (
                "What is the **median** historical value of a CDNOW customer (at a 30% "
                "margin), in\n"
                "dollars? Half of the customers brought less than this. Use `historical_value`."
            ),
            "ru": (
                "Какова **медиана** исторического CLV клиента CDNOW (при марже 30%), в "
                "рублях?\n"
                "Половина клиентов принесла меньше этой суммы. Используйте `historical_value`."
            ),
        },
        prompt={
            "en": "your answer, in dollars, e.g. historical_value.median()",
            "ru": "ваш ответ, в рублях, например historical_value.median()",
        },
        feedback={
            "en": (
                "The median sits far below the mean: a few big customers pull the average up."
            ),
            "ru": (
                "Медиана намного ниже среднего: несколько крупных клиентов тянут среднее вверх."
            ),
        },
        kind="number",
        expected=_cdnow_median_historical_value,
        money=True,
        rel_tol=0.005,
        hint={
            "en": "historical_value holds one number per customer; take its median: historical_value.median().",
            "ru": "В historical_value одно число на клиента; возьмите медиану: historical_value.median().",
        },
        solution={
            "en": "historical_value = ck.formulas.historical_clv(transactions, margin=0.3)\n"
                  "historical_value.median()",
            "ru": "historical_value = ck.formulas.historical_clv(transactions, margin=0.3)\n"
                  "historical_value.median()",
        },
    ),
]
