"""Exercises of notebook 09 (increasing CLV)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise
from .nb08 import ANNUAL_DISCOUNT_RATE, HORIZON, MARGIN, cdnow_base

#: The three levers of exercise 09.3, each moved by 10% in its good direction.
LEVERS = {"retention": {"churn_change": -0.1}, "frequency": {"frequency_change": 0.1},
          "order value": {"aov_change": 0.1}}


@lru_cache(maxsize=1)
def cdnow_simulator():
    """The CDNOW base as in notebook 09: BG/NBD + Gamma-Gamma, CLV tiers as segments."""
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
        key="09.1",
        kind="number",
        expected=_loyalty_roi,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": 'Change two levers of the preset: ck.strategy.preset("loyalty_program", target=..., cost_once=...), '
                  "evaluate it with sim.evaluate(...) and read .roi (a fraction: 0.5 means 50%).",
            "ru": 'Измените два параметра готовой стратегии: ck.strategy.preset("loyalty_program", target=..., '
                  "cost_once=...), оцените её через sim.evaluate(...) и возьмите .roi (доля: 0.5 — это 50%).",
        },
        solution={
            "en": 'programme = ck.strategy.preset("loyalty_program", target="top 1%", cost_once=2.0)\n'
                  "sim.evaluate(programme).roi",
            "ru": 'programme = ck.strategy.preset("loyalty_program", target="top 1%", cost_once=2.0)\n'
                  "sim.evaluate(programme).roi",
        },
    ),
    Exercise(
        key="09.2",
        kind="number",
        expected=_personalisation_break_even,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": 'Evaluate ck.strategy.preset("personalisation", target="top 5-20%") with sim.evaluate and read '
                  ".break_even_cost (dollars per participant).",
            "ru": 'Оцените ck.strategy.preset("personalisation", target="top 5-20%") через sim.evaluate и возьмите '
                  ".break_even_cost (долларов на участника).",
        },
        solution={
            "en": "# the one-off cost per participant at which ROI is 0\n"
                  'sim.evaluate(ck.strategy.preset("personalisation", target="top 5-20%")).break_even_cost',
            "ru": "# разовые затраты на участника, при которых ROI равен 0\n"
                  'sim.evaluate(ck.strategy.preset("personalisation", target="top 5-20%")).break_even_cost',
        },
    ),
    Exercise(
        key="09.3",
        kind="choice",
        expected=_strongest_lever,
        options=tuple(LEVERS),
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
                  "Over 12 months retention has little time to pay off: a customer who stays longer adds purchases "
                  "mostly in later years. And in BG/NBD customers can only drop out right after a purchase, so more "
                  "frequent purchases also mean more chances to leave: larger orders add the most.",
            "ru": "for name, levers in {'retention': dict(churn_change=-0.1), 'frequency': dict(frequency_change=0.1),\n"
                  "                     'order value': dict(aov_change=0.1)}.items():\n"
                  "    print(name, round(sim.evaluate(ck.strategy.Strategy(**levers)).gross_uplift))\n"
                  "За 12 месяцев удержание не успевает окупиться: клиент, который остаётся дольше, добавляет покупки "
                  "в основном в следующие годы. А в модели BG/NBD клиент может уйти только сразу после покупки, "
                  "поэтому более частые покупки — это и больше шансов уйти; больше всего добавляет рост среднего чека.",
        },
    ),
]
