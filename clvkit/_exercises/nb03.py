"""Exercises of notebook 03 (drivers of CLV)."""

from __future__ import annotations

from ..teach import Exercise

#: The example customer of notebook 03 (one period = one year).
AOV, PURCHASES, MARGIN, DISCOUNT = 75.0, 5.0, 0.4, 0.10


def _retention_elasticity_at_half() -> float:
    from ..formulas import clv_elasticities

    table = clv_elasticities(aov=AOV, purchases_per_period=PURCHASES, margin=MARGIN, retention=0.5,
                             discount_rate=DISCOUNT)
    return float(table.set_index("driver").loc["retention", "elasticity"])


def _uplift_90_to_95() -> float:
    from ..formulas import dcf_clv

    m = AOV * PURCHASES * MARGIN
    return dcf_clv(m, 0.95, DISCOUNT) / dcf_clv(m, 0.90, DISCOUNT) - 1.0


EXERCISES = [
    Exercise(
        key="03.1",
        question={
            "en": (
                "In a business that keeps only half of its customers each year (retention 0.5,\n"
                "other drivers as above), what is the retention elasticity? Is retention still "
                "the strongest lever?"
            ),
            "ru": (
                "Бизнес удерживает только половину клиентов в год (удержание 0,5, остальные\n"
                "факторы как выше). Чему равна эластичность по удержанию? Остаётся ли "
                "удержание самым сильным рычагом?"
            ),
        },
        prompt={
            "en": "your answer: the elasticity of CLV with respect to retention",
            "ru": "ваш ответ: эластичность CLV по удержанию",
        },
        feedback={
            "en": (
                "Even at 50% retention the elasticity is above 1, but far below its value at "
                "80%."
            ),
            "ru": (
                "Даже при удержании 50% эластичность больше 1, но намного ниже, чем при 80%."
            ),
        },
        kind="number",
        expected=_retention_elasticity_at_half,
        rel_tol=0.005,
        hint={
            "en": "Run ck.formulas.clv_elasticities with retention=0.5 (the other drivers as above) and read "
                  "the elasticity in the retention row.",
            "ru": "Запустите ck.formulas.clv_elasticities с retention=0.5 (остальные факторы — как выше) "
                  "и возьмите эластичность из строки retention.",
        },
        solution={
            "en": "e = ck.formulas.clv_elasticities(aov=75, purchases_per_period=5, margin=0.4, retention=0.5,\n"
                  "                                 discount_rate=0.1)\n"
                  "e.set_index(\"driver\").loc[\"retention\", \"elasticity\"]   # = 1.1 / (1.1 - 0.5)",
            "ru": "e = ck.formulas.clv_elasticities(aov=75, purchases_per_period=5, margin=0.4, retention=0.5,\n"
                  "                                 discount_rate=0.1)\n"
                  "e.set_index(\"driver\").loc[\"retention\", \"elasticity\"]   # = 1,1 / (1,1 - 0,5)",
        },
    ),
    Exercise(
        key="03.2",
        question={
            "en": (
                "By how much does CLV grow when retention rises from 90% to 95% (margin $150 a "
                "year,\n"
                "discount rate 10%)? Answer as a fraction (0.25 for +25%)."
            ),
            "ru": (
                "На сколько вырастет CLV, если удержание поднимется с 90% до 95% (маржа 15 000 ₽\n"
                "в год, ставка дисконтирования 10%)? Ответьте в долях единицы (0.25 для +25%)."
            ),
        },
        prompt={
            "en": "your answer, a fraction",
            "ru": "ваш ответ, доля",
        },
        feedback={
            "en": (
                "Five points of retention near the top are worth far more than five points "
                "lower down."
            ),
            "ru": (
                "Пять пунктов удержания у верхней границы стоят намного больше, чем пять "
                "пунктов внизу."
            ),
        },
        kind="number",
        expected=_uplift_90_to_95,
        rel_tol=0.005,
        hint={
            "en": "Compute ck.formulas.dcf_clv(150, 0.95, 0.1) and ck.formulas.dcf_clv(150, 0.90, 0.1); the "
                  "uplift is their ratio minus 1.",
            "ru": "Посчитайте ck.formulas.dcf_clv(15_000, 0.95, 0.1) и ck.formulas.dcf_clv(15_000, 0.90, 0.1); "
                  "прирост — их отношение минус 1.",
        },
        solution={
            "en": "ck.formulas.dcf_clv(150, 0.95, 0.1) / ck.formulas.dcf_clv(150, 0.90, 0.1) - 1",
            "ru": "# отношение CLV при 95% и 90% удержания, минус 1\n"
                  "ck.formulas.dcf_clv(15_000, 0.95, 0.1) / ck.formulas.dcf_clv(15_000, 0.90, 0.1) - 1",
        },
    ),
    Exercise(
        key="03.3",
        question={
            "en": (
                "In the simulated shop, through which driver does satisfaction act mainly:\n"
                '`"retention"`, `"frequency"`, `"aov"` or `"margin"`?'
            ),
            "ru": (
                "Через какой фактор в основном действует удовлетворённость в смоделированном\n"
                'магазине: `"retention"` (удержание), `"frequency"` (частота), `"aov"` '
                '(средний чек) или `"margin"` (маржа)?'
            ),
        },
        prompt={
            "en": 'your answer: "retention", "frequency", "aov" or "margin"',
            "ru": 'ваш ответ: "retention", "frequency", "aov" или "margin"',
        },
        feedback={
            "en": "Satisfied customers buy at the same pace but stay longer.",
            "ru": "Удовлетворённые клиенты покупают в том же темпе, но остаются дольше.",
        },
        kind="choice",
        expected="retention",
        options=("retention", "frequency", "aov", "margin"),
        synonyms={"retention": ("удержание", "удержания", "отток", "лояльность"),
                  "frequency": ("частота", "частоты", "частота покупок", "частоту"),
                  "aov": ("средний чек", "среднего чека", "чек", "average order value", "order value"),
                  "margin": ("маржа", "маржи", "маржу", "маржинальность")},
        hint={
            "en": "Compare the purchases per week and the share still buying across the satisfaction groups: "
                  "which one moves, and which stays flat?",
            "ru": "Сравните покупки в неделю и долю всё ещё покупающих по группам удовлетворённости: что "
                  "меняется, а что остаётся на месте?",
        },
        solution={
            "en": "Satisfied customers buy at the same pace as the others but more of them are still buying at "
                  "the end: satisfaction acts through how long they stay, answer 'retention'.",
            "ru": "Удовлетворённые клиенты покупают в том же темпе, что и остальные, но к концу периода "
                  "покупать продолжает бо́льшая их доля: удовлетворённость действует через длительность "
                  "отношений, ответ 'retention'.",
        },
    ),
]
