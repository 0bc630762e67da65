"""Exercises of notebook 04 (simple and historical CLV): the simple formula with its retention cost, and
whether to plan on it for the best customers."""

from __future__ import annotations

from ..teach import Exercise

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"
#: "The best customers" of exercise 04.2: at least this many repeat purchases in the calibration period.
BEST_FROM = 3
#: A forecast that promised more than this multiple of what customers spent is not planned on as it is.
TRUSTED_UP_TO = 1.25


def _coffee_clv() -> float:
    from ..formulas import simple_clv

    # 5 % of subscribers cancel a month, so the average one stays 1 / 0.05 = 20 months
    return simple_clv(25, 2, 0.4, 1 / 0.05, cost_per_period=3)


def holdout_comparison():
    """The notebook's frame `compare`: each customer's predicted and actual holdout revenue."""
    import pandas as pd

    from ..data.summary import split_calibration_holdout
    from ..datasets import load_cdnow_transactions

    cal, hold = split_calibration_holdout(load_cdnow_transactions(), calibration_end=CALIBRATION_END,
                                          observation_end=OBSERVATION_END)
    weeks = float(hold["duration_holdout"].iloc[0])
    return pd.DataFrame({
        "frequency": cal["frequency"],
        "predicted": cal["total_amount"] / (cal["frequency"] + 1) * cal["frequency"] / cal["T"] * weeks,
        "actual": hold["frequency_holdout"] * hold["monetary_value_holdout"],
    })


def overshoot(at_least: int = BEST_FROM) -> float:
    """Predicted over actual holdout revenue of the customers with at least `at_least` repeat purchases."""
    compare = holdout_comparison()
    best = compare[compare["frequency"] >= at_least]
    return float(best["predicted"].sum() / best["actual"].sum())


def _plan_for_the_best() -> tuple[str, str]:
    return ("as is", "r2") if overshoot() <= TRUSTED_UP_TO else ("scale down", "r3")


EXERCISES = [
    Exercise(
        key="04.1",
        kind="number",
        expected=_coffee_clv,
        money=True,
        rel_tol=0.005,
        question={
            "en": (
                "A coffee-bean subscription: the average order is $25, subscribers order twice a month, the "
                "margin is 40%, and looking after a subscriber (tracking, a free sample in every box) costs "
                "$3 a month. Each month 5% of subscribers cancel. What is the simple CLV of a subscriber, "
                "retention cost included?"
            ),
            "ru": (
                "Подписка на кофейные зёрна: средний чек 2 500 ₽, подписчики заказывают дважды в месяц, "
                "маржа 40%, а забота о подписчике (отслеживание, бесплатный образец в каждой коробке) стоит "
                "300 ₽ в месяц. Каждый месяц 5% подписчиков отменяют подписку. Чему равен простой CLV "
                "подписчика с учётом затрат на удержание?"
            ),
        },
        prompt={"en": "the simple CLV, in dollars", "ru": "простой CLV в рублях"},
        feedback={
            "en": "(25 × 2 × 0.4 − 3) × 1 / 0.05 = 17 × 20 months: the cost comes off every month's margin, "
                  "for every month the subscriber stays.",
            "ru": "(2 500 × 2 × 0,4 − 300) × 1 / 0,05 = 1 700 × 20 месяцев: затраты вычитаются из маржи "
                  "каждого месяца, пока подписчик с нами.",
        },
        hint={
            "en": "The lifetime is 1 / churn in months; the retention cost is paid every month, so subtract "
                  "it from the margin a month before multiplying.",
            "ru": "Срок жизни — 1 / отток в месяцах; затраты на удержание платятся каждый месяц, поэтому "
                  "вычтите их из маржи за месяц до умножения.",
        },
        solution={
            "en": "ck.formulas.simple_clv(aov=25, purchases_per_period=2, margin=0.4, lifetime_periods=1 / "
                  "0.05,\n                       cost_per_period=3)   # (20 - 3) x 20 months",
            "ru": "ck.formulas.simple_clv(aov=2_500, purchases_per_period=2, margin=0.4, lifetime_periods=1 "
                  "/ 0.05,\n                       cost_per_period=300)   # (2 000 − 300) × 20 месяцев",
        },
    ),
    Exercise(
        key="04.2",
        kind="decision",
        expected=_plan_for_the_best,
        options=("as is", "scale down"),
        synonyms={"as is": ("как есть", "as-is", "keep", "оставить"),
                  "scale down": ("уменьшить", "снизить", "сократить", "scale-down", "lower")},
        question={
            "en": (
                "The CRM team plans next year's revenue from the best customers, those with 3 or more repeat "
                "purchases, with the simple formula: each customer's own order value × their own pace × the "
                "weeks ahead. Looking at the chart and the frame `compare`, do you put its figure in the "
                "plan `\"as is\"`, or `\"scale down\"` it?"
            ),
            "ru": (
                "CRM-команда планирует выручку лучших клиентов на следующий год — тех, у кого 3 и больше "
                "повторных покупок, — по простой формуле: собственный средний чек клиента × его темп × число "
                "недель впереди. Глядя на график и таблицу `compare`: вы берёте её цифру в план `\"as is\"` "
                "(как есть) или `\"scale down\"` (уменьшаете)?"
            ),
        },
        prompt={"en": '"as is" or "scale down"', "ru": '"as is" или "scale down"'},
        reasons={
            "r1": {"en": "The best customers are the most loyal, so their own past pace is the safest "
                         "forecast.",
                   "ru": "Лучшие клиенты самые лояльные, поэтому их собственный прошлый темп — самый "
                         "надёжный прогноз."},
            "r2": {"en": "Over the whole base the formula came within about one and a half times of what "
                         "customers spent, close enough for a plan.",
                   "ru": "По всей базе формула ошиблась примерно в полтора раза — для плана достаточно "
                         "точно."},
            "r3": {"en": "Tested on the 39 weeks after calibration, the formula promised these customers "
                         "about twice what they spent: some stopped buying, and averages hide it.",
                   "ru": "Проверка на 39 неделях после калибровки показала: формула пообещала этим клиентам "
                         "примерно вдвое больше, чем они потратили, — часть перестала покупать, а средние "
                         "это скрывают."},
            "r4": {"en": "The formula predicts nothing for one-time buyers, so overall it is too low.",
                   "ru": "Для купивших один раз формула не предсказывает ничего, значит, в целом она "
                         "занижает."},
        },
        explain={
            "as is": {"en": "For the 293 customers with 3 or more repeat purchases the formula promised "
                            "$79,072 over the 39 weeks and they spent $36,124: 2.2 times less.",
                      "ru": "Для 293 клиентов с 3 и более повторными покупками формула пообещала за 39 "
                            "недель 7 907 216 ₽, а они потратили 3 612 371 ₽ — в 2,2 раза меньше."},
            "scale down": {"en": "The formula's figure for them was 2.2 times what they really spent in the "
                                 "test; plan on much less, or on a model that lets customers leave (notebook "
                                 "05).",
                           "ru": "Цифра формулы для них в проверке оказалась в 2,2 раза больше фактической; "
                                 "планируйте заметно меньше или по модели, которая допускает уход клиентов "
                                 "(блокнот 05)."},
            "r1": {"en": "The chart says the opposite: the more repeat purchases in calibration, the more "
                         "the formula overshot, from 1.4 times for one repeat purchase to 2.4 times for "
                         "seven or more.",
                   "ru": "График говорит обратное: чем больше повторных покупок в калибровке, тем сильнее "
                         "завышение — от 1,4 раза при одной повторной покупке до 2,4 раза при семи и "
                         "больше."},
            "r2": {"en": "The base-wide 1.5 times is an average: for the customers with 3 or more repeat "
                         "purchases the overshoot was 2.2 times.",
                   "ru": "Полтора раза по всей базе — это среднее: у клиентов с 3 и более повторными "
                         "покупками завышение было в 2,2 раза."},
            "r3": {"en": "That is what the test showed: $79,072 promised against $36,124 spent by these 293 "
                         "customers.",
                   "ru": "Именно это и показала проверка: 7 907 216 ₽ обещано против 3 612 371 ₽ потраченных "
                         "этими 293 клиентами."},
            "r4": {"en": "True of the one-time buyers (they spent about $8 each with nothing predicted), but "
                         "the plan is about the best customers, for whom the formula was far too high.",
                   "ru": "Для купивших один раз это верно (около 830 ₽ на каждого при нулевом прогнозе), но "
                         "план касается лучших клиентов, а для них формула сильно завысила."},
        },
        feedback={
            "en": "The best customers are where a forecast that lets nobody leave errs the most.",
            "ru": "Сильнее всего прогноз, в котором никто не уходит, ошибается именно на лучших клиентах.",
        },
        hint={
            "en": "Keep the rows of `compare` with frequency >= 3 and divide the sum of 'predicted' by the "
                  "sum of 'actual'; compare it with the whole base.",
            "ru": "Оставьте строки `compare` с `frequency >= 3` и разделите сумму 'predicted' на сумму "
                  "'actual'; сравните со всей базой.",
        },
        solution={
            "en": "best = compare[compare[\"frequency\"] >= 3]\n"
                  "best[\"predicted\"].sum() / best[\"actual\"].sum()   # about 2.2\n"
                  "decision, reason = \"scale down\", \"r3\"",
            "ru": "best = compare[compare[\"frequency\"] >= 3]\n"
                  "best[\"predicted\"].sum() / best[\"actual\"].sum()   # около 2,2\n"
                  "decision, reason = \"scale down\", \"r3\"",
        },
    ),
]
