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
        kind="number",
        expected=_retention_elasticity_at_half,
        rel_tol=0.005,
        hint={
            "en": "Run ck.formulas.clv_elasticities with retention=0.5 (the other drivers as above) and read "
                  "the elasticity in the retention row.",
            "ru": "Запустите ck.formulas.clv_elasticities с retention=0.5 (остальные драйверы как выше) "
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
        kind="number",
        expected=_uplift_90_to_95,
        rel_tol=0.005,
        hint={
            "en": "Compute ck.formulas.dcf_clv(150, 0.95, 0.1) and ck.formulas.dcf_clv(150, 0.90, 0.1); the "
                  "uplift is their ratio minus 1.",
            "ru": "Посчитайте ck.formulas.dcf_clv(150, 0.95, 0.1) и ck.formulas.dcf_clv(150, 0.90, 0.1); "
                  "прирост — их отношение минус 1.",
        },
        solution={
            "en": "ck.formulas.dcf_clv(150, 0.95, 0.1) / ck.formulas.dcf_clv(150, 0.90, 0.1) - 1",
            "ru": "# отношение CLV при 95% и 90% удержания, минус 1\n"
                  "ck.formulas.dcf_clv(150, 0.95, 0.1) / ck.formulas.dcf_clv(150, 0.90, 0.1) - 1",
        },
    ),
    Exercise(
        key="03.3",
        kind="choice",
        expected="retention",
        options=("retention", "frequency", "aov", "margin"),
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
                  "покупать продолжают больше из них: удовлетворённость действует через длительность "
                  "отношений, ответ 'retention'.",
        },
    ),
]
