"""Exercises of notebook 15 (discounting and retention)."""

from __future__ import annotations

from ..teach import Exercise


def _fitted(segment: str):
    from ..datasets import load_sbg_cohorts
    from ..models import ShiftedBetaGeometric

    # the calibration years of Fader & Hardie (2007): years 0..7
    return ShiftedBetaGeometric().fit(load_sbg_cohorts().loc[0:7, segment], time_unit="Y")


def _dcf_clv() -> float:
    from ..formulas import dcf_clv

    return dcf_clv(120, 0.75, 0.10)


def _regular_year_one_retention() -> float:
    return float(_fitted("regular").retention_rate(1))


def _high_end_subscriber_value() -> float:
    from ..valuation import subscriber_value

    return subscriber_value(_fitted("high_end"), margin_per_period=50, discount_rate=0.08, renewals=2)


EXERCISES = [
    Exercise(
        key="15.1",
        question={
            "en": (
                "A customer brings a margin of 120 a year, retention is 75% and the discount "
                "rate is\n"
                "10%. What is their CLV on an infinite horizon, with the first margin at the "
                "end of the year?"
            ),
            "ru": (
                "Клиент приносит 12 000 ₽ маржи в год, удержание 75%, ставка дисконтирования 10%.\n"
                "Чему равен его CLV на бесконечном горизонте, если первая маржа приходит в "
                "конце года?"
            ),
        },
        prompt={
            "en": "your answer: use ck.formulas.dcf_clv",
            "ru": "ваш ответ: используйте ck.formulas.dcf_clv",
        },
        feedback={
            "en": (
                "With the first margin at the end of the year, CLV = m r / (1 + d - r)."
            ),
            "ru": "Если первая маржа приходит в конце года, CLV = m r / (1 + d - r).",
        },
        kind="number",
        expected=_dcf_clv,
        money=True,
        rel_tol=0.005,
        hint={
            "en": "Infinite horizon, first margin at the end of the year: m * r / (1 + d - r), or "
                  "ck.formulas.dcf_clv(margin, retention, discount_rate).",
            "ru": "Бесконечный горизонт, первая маржа в конце года: m * r / (1 + d - r), или "
                  "ck.formulas.dcf_clv(маржа, удержание, ставка дисконтирования).",
        },
        solution={
            "en": "ck.formulas.dcf_clv(120, 0.75, 0.10)   # 120 * 0.75 / (1.10 - 0.75)",
            "ru": "ck.formulas.dcf_clv(12_000, 0.75, 0.10)   # маржа x удержание / (1 + ставка - удержание)",
        },
    ),
    Exercise(
        key="15.2",
        question={
            "en": (
                "What retention rate does the fitted model `regular` give for year 1 (as a "
                "share, e.g.\n"
                "0.5 for 50%)?"
            ),
            "ru": (
                "Какое удержание в первый год даёт обученная модель `regular` (долей, например\n"
                "0.5 для 50%)?"
            ),
        },
        prompt={
            "en": "your answer: ask the model `regular`",
            "ru": "ваш ответ: спросите модель `regular`",
        },
        feedback={
            "en": (
                "The model's first-year retention is beta / (alpha + beta); it then rises year "
                "by year."
            ),
            "ru": (
                "Удержание первого года по модели равно beta / (alpha + beta), дальше оно "
                "растёт из года в год."
            ),
        },
        kind="number",
        expected=_regular_year_one_retention,
        rel_tol=0.005,
        decimals=3,
        hint={
            "en": "Ask the fitted model `regular` for the retention rate of period 1 (a share, not a percent).",
            "ru": "Спросите у обученной модели `regular` удержание периода 1 (долю, а не проценты).",
        },
        solution={
            "en": "regular.retention_rate(1)   # = beta / (alpha + beta)",
            "ru": "regular.retention_rate(1)   # удержание первого года = beta / (alpha + beta)",
        },
    ),
    Exercise(
        key="15.3",
        question={
            "en": (
                "A high-end subscriber has renewed twice. The margin is 50 a year and the "
                "discount rate\n"
                "8%. What is the subscriber worth (margin × DERL, the paper's convention)? Use "
                "the fitted model\n"
                "`high_end`."
            ),
            "ru": (
                "Премиальный подписчик продлил подписку дважды. Маржа 5 000 ₽ в год, ставка\n"
                "дисконтирования 8%. Сколько стоит этот подписчик (маржа × DERL, как в "
                "статье)? Используйте обученную\n"
                "модель `high_end`."
            ),
        },
        prompt={
            "en": "your answer: use ck.valuation.subscriber_value",
            "ru": "ваш ответ: используйте ck.valuation.subscriber_value",
        },
        feedback={
            "en": (
                "A subscriber who has renewed twice is worth more than a new one: the likely "
                "leavers are already gone."
            ),
            "ru": (
                "Подписчик, продливший подписку дважды, ценнее нового: те, кто склонен уйти, уже ушли."
            ),
        },
        kind="number",
        expected=_high_end_subscriber_value,
        money=True,
        rel_tol=0.005,
        hint={
            "en": "Use ck.valuation.subscriber_value with the fitted model `high_end`, the margin, the discount "
                  "rate and renewals=2.",
            "ru": "Используйте ck.valuation.subscriber_value с обученной моделью `high_end`, маржой, ставкой "
                  "дисконтирования и renewals=2.",
        },
        solution={
            "en": "ck.valuation.subscriber_value(high_end, margin_per_period=50, discount_rate=0.08, renewals=2)\n"
                  "# the same as 50 * high_end.derl(0.08, renewals=2)",
            "ru": "ck.valuation.subscriber_value(high_end, margin_per_period=5_000, discount_rate=0.08, renewals=2)\n"
                  "# то же, что 5_000 * high_end.derl(0.08, renewals=2)",
        },
    ),
]
