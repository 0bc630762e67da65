"""Exercises of notebook 04 (simple and historical CLV)."""

from __future__ import annotations

from ..teach import Exercise

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"


def _simple_clv() -> float:
    from ..formulas import simple_clv

    return simple_clv(25, 2, 0.4, 18)


def _historical_clv_customer_7() -> float:
    from ..datasets import load_cdnow_transactions
    from ..formulas import historical_clv

    return float(historical_clv(load_cdnow_transactions(), margin=0.25).loc[7])


def _overshoot_of_repeat_buyers() -> float:
    """Simple-formula revenue over the holdout / actual holdout revenue, customers with frequency >= 1."""
    from ..data.summary import split_calibration_holdout
    from ..datasets import load_cdnow_transactions

    cal, hold = split_calibration_holdout(load_cdnow_transactions(), calibration_end=CALIBRATION_END,
                                          observation_end=OBSERVATION_END)
    weeks = float(hold["duration_holdout"].iloc[0])
    aov = cal["total_amount"] / (cal["frequency"] + 1)
    predicted = aov * cal["frequency"] / cal["T"] * weeks
    actual = hold["frequency_holdout"] * hold["monetary_value_holdout"]
    repeat = cal["frequency"] >= 1
    return float(predicted[repeat].sum() / actual[repeat].sum())


EXERCISES = [
    Exercise(
        key="04.1",
        question={
            "en": (
                "A coffee-bean shop: the average order is 25, customers order twice a month, "
                "the margin\n"
                "is 40% and customers stay 18 months on average. What is the simple CLV?"
            ),
            "ru": (
                "Магазин кофейных зёрен: средний чек 2 500 ₽, клиенты заказывают дважды в месяц, "
                "маржа\n"
                "40%, в среднем клиент остаётся 18 месяцев. Чему равен простой CLV?"
            ),
        },
        prompt={
            "en": "your answer: use ck.formulas.simple_clv",
            "ru": "ваш ответ: используйте ck.formulas.simple_clv",
        },
        feedback={
            "en": (
                "Margin a month times the months a customer stays: the simple formula in one "
                "line."
            ),
            "ru": (
                "Маржа в месяц, умноженная на число месяцев, пока клиент с нами: простая формула в одну "
                "строку."
            ),
        },
        kind="number",
        expected=_simple_clv,
        money=True,
        rel_tol=0.005,
        hint={
            "en": "Margin per month = order value x orders per month x margin; then times the months a customer stays.",
            "ru": "Маржа в месяц = средний чек x заказов в месяц x маржа; затем умножьте на число месяцев, "
                  "которые клиент остаётся с вами.",
        },
        solution={
            "en": "ck.formulas.simple_clv(aov=25, purchases_per_period=2, margin=0.4, lifetime_periods=18)\n"
                  "# 25 x 2 x 0.4 = 20 a month, x 18 months",
            "ru": "ck.formulas.simple_clv(aov=2_500, purchases_per_period=2, margin=0.4, lifetime_periods=18)\n"
                  "# 2 500 x 2 x 0,4 = 2 000 в месяц, x 18 месяцев",
        },
    ),
    Exercise(
        key="04.2",
        question={
            "en": (
                "What is the historical CLV of customer 7 at a 25% margin, over the whole log "
                "`tx`?"
            ),
            "ru": (
                "Чему равен исторический CLV клиента 7 при марже 25% по всему журналу `tx`?"
            ),
        },
        prompt={
            "en": "your answer: use ck.formulas.historical_clv",
            "ru": "ваш ответ: используйте ck.formulas.historical_clv",
        },
        feedback={
            "en": (
                "Historical CLV looks back: the margin of what the customer has already bought."
            ),
            "ru": "Исторический CLV смотрит назад: маржа с того, что клиент уже купил.",
        },
        kind="number",
        expected=_historical_clv_customer_7,
        money=True,
        rel_tol=0.005,
        abs_tol=0.01,
        hint={
            "en": "historical_clv takes the whole transaction log `tx` and a margin; pick customer 7 with .loc[7].",
            "ru": "historical_clv принимает весь журнал покупок `tx` и маржу; клиента 7 выберите через .loc[7].",
        },
        solution={
            "en": "ck.formulas.historical_clv(tx, margin=0.25).loc[7]   # customer 7's revenue x 25% margin",
            "ru": "ck.formulas.historical_clv(tx, margin=0.25).loc[7]   # выручка клиента 7 x маржа 25%",
        },
    ),
    Exercise(
        key="04.3",
        question={
            "en": (
                "Using the frame `compare`, by what factor does the simple formula overshoot "
                "the total\n"
                "holdout revenue of the customers who bought again at least once in "
                "calibration (`frequency >= 1`)?\n"
                "(The next cell shows how a hint looks.)"
            ),
            "ru": (
                "По таблице `compare`: во сколько раз простая формула завышает суммарную "
                "выручку\n"
                "отложенного периода у клиентов, которые хотя бы раз купили повторно в "
                "периоде калибровки (`frequency >= 1`)?\n"
                "(В следующей ячейке показано, как выглядит подсказка.)"
            ),
        },
        prompt={
            "en": "your answer: predicted total / actual total",
            "ru": "ваш ответ: прогноз итога / фактический итог",
        },
        feedback={
            "en": (
                "The simple formula assumes everyone keeps buying at their past pace; many "
                "stop."
            ),
            "ru": (
                "Простая формула считает, что все покупают в прежнем темпе; многие же "
                "перестают."
            ),
        },
        kind="number",
        expected=_overshoot_of_repeat_buyers,
        rel_tol=0.01,
        hint={
            "en": "Keep the rows of `compare` with frequency >= 1, then divide the sum of 'predicted' by the sum "
                  "of 'actual'.",
            "ru": "Оставьте строки `compare` с `frequency >= 1` и разделите сумму 'predicted' на сумму 'actual'.",
        },
        solution={
            "en": "repeat = compare[compare[\"frequency\"] >= 1]\n"
                  "repeat[\"predicted\"].sum() / repeat[\"actual\"].sum()",
            "ru": "repeat = compare[compare[\"frequency\"] >= 1]\n"
                  "repeat[\"predicted\"].sum() / repeat[\"actual\"].sum()",
        },
    ),
]
