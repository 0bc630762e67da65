"""Exercises of notebook 05 (predictive models)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

CUSTOMER = 1000
HORIZON_WEEKS = 52


@lru_cache(maxsize=1)
def _scores():
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD

    summary = load_cdnow_summary()
    model = BGNBD().fit(summary)
    one = summary.loc[[CUSTOMER]]
    return float(model.probability_alive(one).iloc[0]), float(model.predict_purchases(one, HORIZON_WEEKS).iloc[0])


EXERCISES = [
    Exercise(
        key="05.1",
        question={
            "en": (
                "What is the probability that customer **1000** is still alive at the end of\n"
                "September 1997 under the BG/NBD model `m`? Answer as a number between 0 and 1."
            ),
            "ru": (
                "Какова вероятность, что клиент **1000** ещё «жив» в конце сентября 1997 года "
                "по\n"
                "модели BG/NBD `m`? Ответ — число от 0 до 1."
            ),
        },
        prompt={
            "en": "your answer, e.g. m.probability_alive(summary.loc[[1000]]).iloc[0]",
            "ru": "ваш ответ, например m.probability_alive(summary.loc[[1000]]).iloc[0]",
        },
        feedback={
            "en": (
                "P(alive) reads the customer's own history: a long silence after fast buying "
                "means they have probably left."
            ),
            "ru": (
                "P(alive) читает историю самого клиента: долгое молчание после частых покупок "
                "говорит, что он, скорее всего, ушёл."
            ),
        },
        kind="number",
        expected=lambda: _scores()[0],
        rel_tol=0.01,
        abs_tol=0.005,
        decimals=3,
        hint={
            "en": "Score the customer's row with the fitted model: m.probability_alive(summary.loc[[1000]]). "
                  "The answer is a probability between 0 and 1, not a percentage.",
            "ru": "Оцените строку клиента обученной моделью: m.probability_alive(summary.loc[[1000]]). "
                  "Ответ — вероятность от 0 до 1, а не проценты.",
        },
        solution={
            "en": "m = BGNBD().fit(summary)  # already fitted above\nm.probability_alive(summary.loc[[1000]]).iloc[0]",
            "ru": "m = BGNBD().fit(summary)  # модель уже обучена выше\nm.probability_alive(summary.loc[[1000]]).iloc[0]",
        },
    ),
    Exercise(
        key="05.2",
        question={
            "en": (
                "How many purchases is customer **1000** expected to make in the next 52 weeks?"
            ),
            "ru": (
                "Сколько покупок, по прогнозу, клиент **1000** сделает в следующие 52 недели?"
            ),
        },
        prompt={
            "en": "your answer",
            "ru": "ваш ответ",
        },
        feedback={
            "en": (
                "Expected purchases weigh the buying rate by the chance that the customer is "
                "still alive."
            ),
            "ru": (
                "Ожидаемые покупки — темп покупок, взвешенный вероятностью того, что клиент "
                "ещё «жив»."
            ),
        },
        kind="number",
        expected=lambda: _scores()[1],
        rel_tol=0.01,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": "predict_purchases(data, t) gives the expected purchases in the next t weeks; "
                  "the summary is in weeks, so t = 52.",
            "ru": "predict_purchases(data, t) даёт ожидаемое число покупок в следующие t недель; "
                  "сводная таблица в неделях, значит t = 52.",
        },
        solution={
            "en": "m.predict_purchases(summary.loc[[1000]], 52).iloc[0]  # 52 weeks ahead",
            "ru": "m.predict_purchases(summary.loc[[1000]], 52).iloc[0]  # 52 недели вперёд",
        },
    ),
    Exercise(
        key="05.3",
        question={
            "en": (
                "Which model is made for **discrete** purchase opportunities? Answer with one "
                "of\n"
                '`"BG/NBD"`, `"Pareto/NBD"`, `"MBG/NBD"`, `"BG/BB"` or `"Gamma-Gamma"`.'
            ),
            "ru": (
                "Какая модель создана для **дискретных** возможностей покупки? Ответьте одним "
                "из\n"
                'вариантов: `"BG/NBD"`, `"Pareto/NBD"`, `"MBG/NBD"`, `"BG/BB"` или '
                '`"Gamma-Gamma"`.'
            ),
        },
        prompt={
            "en": 'your answer, e.g. "BG/NBD"',
            "ru": 'ваш ответ, например "BG/NBD"',
        },
        feedback={
            "en": (
                "BG/BB counts purchases at fixed opportunities, such as a yearly appeal."
            ),
            "ru": (
                "BG/BB считает покупки в фиксированные моменты, например ежегодный сбор."
            ),
        },
        kind="choice",
        expected="BG/BB",
        options=("BG/NBD", "Pareto/NBD", "MBG/NBD", "BG/BB", "Gamma-Gamma"),
        synonyms={"BG/NBD": ("BGNBD", "BG-NBD"), "Pareto/NBD": ("Pareto-NBD", "Парето/NBD", "Парето"),
                  "MBG/NBD": ("MBGNBD", "MBG-NBD"),
                  "BG/BB": ("BGBB", "BG-BB", "бета-геометрическая/бета-биномиальная",
                            "бета-геометрическая бета-биномиальная модель"),
                  "Gamma-Gamma": ("gamma gamma", "гамма-гамма", "гамма гамма")},
        hint={
            "en": "Which model counts purchases as yes/no at fixed occasions rather than at any moment? "
                  "Its second half is named after a coin toss (Bernoulli).",
            "ru": "Какая модель считает покупки как «да/нет» в фиксированные моменты, а не в любое время? "
                  "Вторая часть её названия — в честь подбрасывания монетки (Бернулли).",
        },
        solution={
            "en": "Discrete opportunities (a yearly appeal, an annual event) are modelled by the "
                  "beta-geometric/beta-Bernoulli model:\nBGBB().fit(donations, weights=\"count\")",
            "ru": "Дискретные возможности (ежегодный сбор, ежегодное событие) описывает "
                  "бета-геометрическая / бета-бернуллиевская модель (BG/BB):\n"
                  "BGBB().fit(donations, weights=\"count\")",
        },
    ),
]
