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
        kind="number",
        expected=_timeline_clv,
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
            "ru": "100 / 1.1 + 80 / 1.1**2 + 60 / 1.1**3\n"
                  "# или: margins = pd.Series([100, 80, 60], index=[1, 2, 3]); "
                  "(margins / 1.1 ** margins.index).sum()",
        },
    ),
    Exercise(
        key="01.2",
        kind="choice",
        expected="d",
        options=("a", "b", "c", "d", "e"),
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
        kind="number",
        expected=_cdnow_median_historical_value,
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
