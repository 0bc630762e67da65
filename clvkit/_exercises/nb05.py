"""Exercises of notebook 05 (discounting and retention)."""

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
        key="05.1",
        kind="number",
        expected=_dcf_clv,
        rel_tol=0.005,
        hint={
            "en": "Infinite horizon, first margin at the end of the year: m * r / (1 + d - r), or "
                  "ck.formulas.dcf_clv(margin, retention, discount_rate).",
            "ru": "Бесконечный горизонт, первая маржа в конце года: m * r / (1 + d - r), или "
                  "ck.formulas.dcf_clv(маржа, удержание, ставка дисконтирования).",
        },
        solution={
            "en": "ck.formulas.dcf_clv(120, 0.75, 0.10)   # 120 * 0.75 / (1.10 - 0.75)",
            "ru": "ck.formulas.dcf_clv(120, 0.75, 0.10)   # маржа x удержание / (1 + ставка - удержание)",
        },
    ),
    Exercise(
        key="05.2",
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
        key="05.3",
        kind="number",
        expected=_high_end_subscriber_value,
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
            "ru": "ck.valuation.subscriber_value(high_end, margin_per_period=50, discount_rate=0.08, renewals=2)\n"
                  "# то же, что 50 * high_end.derl(0.08, renewals=2)",
        },
    ),
]
