"""Exercises of notebook 07 (increasing CLV)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise
from .nb08 import ANNUAL_DISCOUNT_RATE, MARGIN, cdnow_base

#: Notebook 07 judges programmes over three years: what retention keeps pays late.
HORIZON = "36 months"

#: The three levers of exercise 07.3, each moved by 10% in its good direction.
LEVERS = {"retention": {"churn_change": -0.1}, "frequency": {"frequency_change": 0.1},
          "order value": {"aov_change": 0.1}}


@lru_cache(maxsize=1)
def cdnow_simulator():
    """The CDNOW base as in notebook 07: BG/NBD + Gamma-Gamma, CLV tiers as segments."""
    from ..segments import clv_tiers
    from ..strategy import StrategySimulator

    summary, bgnbd, gg, customers = cdnow_base()
    return StrategySimulator(bgnbd, gg, summary, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                             margin=MARGIN, segments=clv_tiers(customers["clv"]))


def _loyalty_roi() -> float:
    from ..strategy import preset

    return cdnow_simulator().evaluate(preset("loyalty_program", target="top 1%", cost_once=2.0)).roi


def _personalisation_break_even() -> float:
    from ..strategy import preset

    return cdnow_simulator().evaluate(preset("personalisation", target="top 5-20%")).break_even_cost


def _strongest_lever() -> str:
    from ..strategy import Strategy

    sim = cdnow_simulator()
    uplift = {name: sim.evaluate(Strategy(**levers), payback=False).gross_uplift for name, levers in LEVERS.items()}
    return max(uplift, key=uplift.get)


EXERCISES = [
    Exercise(
        key="07.1",
        question={
            "en": (
                "The loyalty programme offered **only to the top 1%** tier, with the enrolment "
                "cost\n"
                "cut from $5 to **$2** per member: what is its ROI on the CDNOW base? Answer "
                "as a fraction\n"
                "(0.5 means 50%). Tip: `ck.strategy.preset(name, target=..., cost_once=...)` "
                "changes a preset's levers."
            ),
            "ru": (
                "Программу лояльности предлагают **только верхнему 1%** клиентов, а затраты на\n"
                "вступление снизили с 500 ₽ до **200 ₽** на участника. Каков её ROI на базе CDNOW? "
                "Ответьте долей\n"
                "(0.5 — это 50%). Подсказка: `priced(name, target=..., "
                "cost_once=...)` меняет параметры\n"
                "готовой стратегии."
            ),
        },
        prompt={
            "en": "your answer: the ROI as a fraction",
            "ru": "ваш ответ: ROI в виде доли",
        },
        feedback={
            "en": (
                "Offered only to the most valuable tier and at a lower cost, the programme can "
                "pay off."
            ),
            "ru": (
                "Если предлагать программу только самому ценному уровню и дешевле, она может "
                "окупиться."
            ),
        },
        kind="number",
        expected=_loyalty_roi,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": 'Change two levers of the preset: ck.strategy.preset("loyalty_program", target=..., cost_once=...), '
                  "evaluate it with sim.evaluate(...) and read .roi (a fraction: 0.5 means 50%).",
            "ru": 'Измените два параметра готовой стратегии: priced("loyalty_program", target=..., '
                  "cost_once=...), оцените её через sim.evaluate(...) и возьмите .roi (доля: 0.5 — это 50%).",
        },
        solution={
            "en": 'programme = ck.strategy.preset("loyalty_program", target="top 1%", cost_once=2.0)\n'
                  "sim.evaluate(programme).roi",
            "ru": 'programme = priced("loyalty_program", target="top 1%", cost_once=200)\n'
                  "sim.evaluate(programme).roi",
        },
    ),
    Exercise(
        key="07.2",
        question={
            "en": (
                "What is the most the **personalisation** programme may cost per participant\n"
                "(its break-even one-off cost) when it is offered to the **top 5-20%** tier? "
                "Answer in dollars.\n"
                '(Stuck? `teach.hint("07.2", lang=lang)`; the answer: `teach.solution("07.2", '
                "lang=lang)`.)"
            ),
            "ru": (
                "Сколько максимум может стоить программа **персонализации** на одного "
                "участника\n"
                "(её точка безубыточности по разовым затратам), если её предлагают уровню "
                "**топ 5–20%**? Ответ — в\n"
                'рублях. (Застряли? `teach.hint("07.2", lang=lang)`; ответ — '
                '`teach.solution("07.2", lang=lang)`.)'
            ),
        },
        prompt={
            "en": "your answer: dollars per participant",
            "ru": "ваш ответ: рублей на участника",
        },
        feedback={
            "en": (
                "The break-even cost is the most a programme may cost per participant before "
                "ROI turns negative."
            ),
            "ru": (
                "Точка безубыточности — наибольшая стоимость на участника, при которой ROI ещё "
                "не отрицателен."
            ),
        },
        kind="number",
        expected=_personalisation_break_even,
        money=True,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": 'Evaluate ck.strategy.preset("personalisation", target="top 5-20%") with sim.evaluate and read '
                  ".break_even_cost (dollars per participant).",
            "ru": 'Оцените priced("personalisation", target="top 5-20%") через sim.evaluate и возьмите '
                  ".break_even_cost (рублей на участника).",
        },
        solution={
            "en": "# the one-off cost per participant at which ROI is 0\n"
                  'sim.evaluate(ck.strategy.preset("personalisation", target="top 5-20%")).break_even_cost',
            "ru": "# разовые затраты на участника, при которых ROI равен 0\n"
                  'sim.evaluate(priced("personalisation", target="top 5-20%")).break_even_cost',
        },
    ),
    Exercise(
        key="07.3",
        question={
            "en": (
                "On the CDNOW base over 36 months (the simulator `sim`), which single lever "
                "moved\n"
                'by 10% gives the largest gross uplift: `"retention"` (10% less churn), '
                '`"frequency"` (10% more\n'
                'frequent purchases) or `"order value"` (10% bigger orders)? Compare with the '
                "typical customer above —\n"
                "the solution explains the difference."
            ),
            "ru": (
                "На базе CDNOW за 36 месяцев (симулятор `sim`) какой рычаг, сдвинутый на 10%,\n"
                'даёт наибольший валовой прирост: `"retention"` (отток на 10% ниже), '
                '`"frequency"` (покупки на 10%\n'
                'чаще) или `"order value"` (чек на 10% больше)? Сравните с типичным клиентом '
                "выше — в решении\n"
                "объяснено, откуда разница."
            ),
        },
        prompt={
            "en": 'your answer: "retention", "frequency" or "order value"',
            "ru": 'ваш ответ: "retention", "frequency" или "order value"',
        },
        feedback={
            "en": (
                "On this base one lever moves the value most; compare the gross uplifts before "
                "the costs."
            ),
            "ru": (
                "На этой базе один рычаг сдвигает ценность сильнее всего; сравнивайте валовой "
                "прирост до затрат."
            ),
        },
        kind="choice",
        expected=_strongest_lever,
        options=tuple(LEVERS),
        synonyms={"retention": ("удержание", "отток", "удержания", "churn"),
                  "frequency": ("частота", "частота покупок", "частоту"),
                  "order value": ("средний чек", "чек", "aov", "order_value", "стоимость заказа")},
        hint={
            "en": "Evaluate three strategies on sim: Strategy(churn_change=-0.1), Strategy(frequency_change=0.1) and "
                  "Strategy(aov_change=0.1), and compare their .gross_uplift.",
            "ru": "Оцените на sim три стратегии: Strategy(churn_change=-0.1), Strategy(frequency_change=0.1) и "
                  "Strategy(aov_change=0.1) — и сравните их .gross_uplift.",
        },
        solution={
            "en": "for name, levers in {'retention': dict(churn_change=-0.1), 'frequency': dict(frequency_change=0.1),\n"
                  "                     'order value': dict(aov_change=0.1)}.items():\n"
                  "    print(name, round(sim.evaluate(ck.strategy.Strategy(**levers)).gross_uplift))\n"
                  "Larger orders add the most. Retention pays off slowly: a customer who stays longer adds "
                  "purchases mostly in later years, and it cannot act on the many CDNOW customers who have "
                  "probably left already. Frequency gains less than order value partly because of an assumption "
                  "of the BG/NBD model, not a fact about customers: in BG/NBD a customer can drop out only right "
                  "after a purchase, so the model makes customers who buy more often also leave sooner. Whether "
                  "that happens in your business is for a test to show.",
            "ru": "for name, levers in {'retention': dict(churn_change=-0.1), 'frequency': dict(frequency_change=0.1),\n"
                  "                     'order value': dict(aov_change=0.1)}.items():\n"
                  "    print(name, round(sim.evaluate(ck.strategy.Strategy(**levers)).gross_uplift))\n"
                  "Больше всего добавляет рост среднего чека. Удержание окупается медленно: клиент, который остаётся "
                  "дольше, добавляет покупки в основном в следующие годы, а на многих клиентов CDNOW, которые, "
                  "скорее всего, уже ушли, оно не действует. Частота даёт меньше среднего чека отчасти из-за "
                  "допущения модели BG/NBD, а не из-за свойства клиентов: в BG/NBD клиент может уйти только сразу "
                  "после покупки, поэтому в модели те, кто покупает чаще, и уходят раньше. Так ли это в вашем "
                  "бизнесе, покажет только тест.",
        },
    ),
]
