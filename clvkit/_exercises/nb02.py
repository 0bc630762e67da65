"""Exercises of notebook 02 (why CLV matters)."""

from __future__ import annotations

from ..teach import Exercise

#: The example customer of notebook 02: margin a month, monthly retention, yearly discount rate, horizon.
MARGIN_PER_MONTH = 14.0
RETENTION = 0.9
ANNUAL_DISCOUNT = 0.10
HORIZON_MONTHS = 36


def _monthly_discount() -> float:
    from ..units import rate_per_unit

    return rate_per_unit(ANNUAL_DISCOUNT, "M")


def _ceiling() -> float:
    from ..formulas import max_acquisition_cost

    return float(max_acquisition_cost(240.0, target_ratio=4.0))


def _payback() -> float:
    from ..formulas import payback_period

    return payback_period(MARGIN_PER_MONTH, 60.0, retention=RETENTION, discount_rate=_monthly_discount())


def _top_tenth_share() -> float:
    from ..datasets import load_cdnow_transactions
    from ..formulas import historical_clv
    from ..segments import top_share

    return top_share(historical_clv(load_cdnow_transactions(), margin=0.3), top=0.1)


def _campaign_roi() -> float:
    from ..formulas import dcf_clv

    clv = dcf_clv(MARGIN_PER_MONTH, RETENTION, _monthly_discount(), periods=HORIZON_MONTHS)
    cost, customers = 15_000.0, 250
    return (customers * clv - cost) / cost


EXERCISES = [
    Exercise(
        key="02.1",
        question={
            "en": (
                "Your customers are worth $240 each (CLV), and finance asks for an LTV:CAC of "
                "at\n"
                "least 4. What is the most you may pay to acquire one customer, in dollars?"
            ),
            "ru": (
                "Ваши клиенты стоят по 24 000 ₽ (CLV), а финансовый отдел требует LTV:CAC не ниже "
                "4.\n"
                "Сколько рублей максимум можно заплатить за привлечение одного клиента?"
            ),
        },
        prompt={
            "en": "your answer, in dollars",
            "ru": "ваш ответ, в рублях",
        },
        feedback={
            "en": "At 4:1 a customer may cost a quarter of what they are worth.",
            "ru": "При 4:1 клиент может стоить не больше четверти своей ценности.",
        },
        kind="number",
        expected=_ceiling,
        money=True,
        rel_tol=0.001,
        hint={
            "en": "The ceiling is the value divided by the target ratio: max_acquisition_cost(240, target_ratio=4).",
            "ru": "Потолок — это ценность, делённая на целевое соотношение: max_acquisition_cost(24_000, target_ratio=4).",
        },
        solution={
            "en": "from clvkit.formulas import max_acquisition_cost\nmax_acquisition_cost(240, target_ratio=4)  # 240 / 4",
            "ru": "from clvkit.formulas import max_acquisition_cost\nmax_acquisition_cost(24_000, target_ratio=4)  # 24 000 / 4",
        },
    ),
    Exercise(
        key="02.2",
        question={
            "en": (
                "Another channel costs $60 per customer for the same kind of customer ($14 "
                "margin a\n"
                "month, 90% monthly retention, the monthly discount rate `d` above). How many "
                "months until one of\n"
                "its customers pays back? Here is the hint, as an example of asking for one:"
            ),
            "ru": (
                "Другой канал стоит 6 000 ₽ за такого же клиента (маржа 1 400 ₽ в месяц, удержание "
                "90%\n"
                "в месяц, месячная ставка `d` выше). Через сколько месяцев его клиент "
                "окупится? Вот подсказка — так\n"
                "её можно попросить:"
            ),
        },
        prompt={
            "en": "your answer, in months",
            "ru": "ваш ответ, в месяцах",
        },
        feedback={
            "en": (
                "A dearer channel needs more months of margin before a customer pays back."
            ),
            "ru": (
                "Чем дороже канал, тем больше месяцев маржи нужно, чтобы клиент окупился."
            ),
        },
        kind="number",
        expected=_payback,
        rel_tol=0.01,
        decimals=1,
        hint={
            "en": "Use ck.formulas.payback_period with the margin a month (14), the CAC (60), retention=0.9 "
                  "and the monthly discount rate d computed above.",
            "ru": "Используйте ck.formulas.payback_period с маржой в месяц (1 400), CAC (6 000), retention=0.9 "
                  "и месячной ставкой дисконтирования d, посчитанной выше.",
        },
        solution={
            "en": "d = ck.units.rate_per_unit(0.10, \"M\")\n"
                  "ck.formulas.payback_period(14, 60, retention=0.9, discount_rate=d)",
            "ru": "d = ck.units.rate_per_unit(0.10, \"M\")\n"
                  "ck.formulas.payback_period(1_400, 6_000, retention=0.9, discount_rate=d)",
        },
    ),
    Exercise(
        key="02.3",
        question={
            "en": (
                "Which share of the CDNOW historical value comes from the top **10%** of "
                "customers?\n"
                "Answer as a fraction (0.25 for 25%)."
            ),
            "ru": (
                "Какая доля исторической ценности CDNOW приходится на лучшие **10%** клиентов?\n"
                "Ответьте в долях единицы (0.25 для 25%)."
            ),
        },
        prompt={
            "en": "your answer, a fraction between 0 and 1",
            "ru": "ваш ответ, доля от 0 до 1",
        },
        feedback={
            "en": (
                "A tenth of the customers bring about half of the value: value is concentrated."
            ),
            "ru": (
                "Десятая часть клиентов приносит около половины ценности: ценность "
                "сосредоточена."
            ),
        },
        kind="number",
        expected=_top_tenth_share,
        rel_tol=0.005,
        hint={
            "en": "ck.segments.top_share(historical_value, top=0.1) gives the share as a fraction (0.5 = 50%).",
            "ru": "ck.segments.top_share(historical_value, top=0.1) даёт долю в долях единицы (0,5 = 50%).",
        },
        solution={
            "en": "# share of value of the top 10% of customers, as a fraction\nck.segments.top_share(historical_value, top=0.1)",
            "ru": "# доля ценности лучших 10% клиентов, в долях единицы\nck.segments.top_share(historical_value, top=0.1)",
        },
    ),
    Exercise(
        key="02.4",
        question={
            "en": (
                "A smaller campaign costs $15,000 and brings 250 customers of the same kind "
                "(use\n"
                "`clv`). What is its ROI on CLV, as a fraction (1.0 for 100%)?"
            ),
            "ru": (
                "Кампания поменьше стоит 1 500 000 ₽ и приводит 250 клиентов того же типа\n"
                "(используйте `clv`). Каков её ROI по CLV в долях единицы (1.0 для 100%)?"
            ),
        },
        prompt={
            "en": "your answer, a fraction (1.0 = 100%)",
            "ru": "ваш ответ, доля (1.0 = 100%)",
        },
        feedback={
            "en": "ROI compares the value won with what it cost, per dollar spent.",
            "ru": (
                "ROI сравнивает полученную ценность с затратами в расчёте на вложенный рубль."
            ),
        },
        kind="number",
        expected=_campaign_roi,
        rel_tol=0.01,
        hint={
            "en": "Value acquired = 250 customers x clv; ROI = (value - cost) / cost, as a fraction "
                  "(1.0 = 100%).",
            "ru": "Привлечённая ценность = 250 клиентов x clv; ROI = (ценность - затраты) / затраты, в долях "
                  "единицы (1,0 = 100%).",
        },
        solution={
            "en": "# value of the customers won minus the cost, per dollar of cost\n(250 * clv - 15_000) / 15_000",
            "ru": "# ценность привлечённых клиентов минус затраты, на рубль затрат\n(250 * clv - 1_500_000) / 1_500_000",
        },
    ),
]
