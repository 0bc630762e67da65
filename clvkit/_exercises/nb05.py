"""Exercises of notebook 05 (what a predictive model tells you): two decisions read from the model's outputs.

The expected decisions are computed from the same CDNOW fit as the notebook (BG/NBD for purchases,
Gamma-Gamma for order value, 12 months at a 30% margin and 10% a year): the figures quoted in the
explanations are checked against that fit in tests/test_exercises_nb05.py.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: 05.1: a customer who bought often and then fell silent, and one who bought rarely but recently.
FREQUENT_SILENT, RARE_RECENT = 142, 91
#: 05.2: the three candidates for one win-back call.
CANDIDATES = (509, 2332, 142)
HORIZON = "12 months"
ANNUAL_DISCOUNT_RATE = 0.1
MARGIN = 0.3


@lru_cache(maxsize=1)
def customers():
    """The notebook's table: each CDNOW customer's history, P(alive), expected purchases, order value and CLV."""
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD, GammaGamma
    from ..valuation import customer_lifetime_value

    summary = load_cdnow_summary()
    model = BGNBD().fit(summary)
    spend = GammaGamma().fit(summary)
    value = customer_lifetime_value(model, spend, summary, horizon=HORIZON,
                                    annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN)
    table = summary[["frequency", "recency", "T"]].join(value)
    table["p_alive"] = model.probability_alive(summary)
    return table


def value_at_risk(row) -> float:
    """What a win-back that surely brings the customer back adds: CLV / P(alive) × (1 − P(alive))."""
    return float(row["clv"] / row["p_alive"] * (1.0 - row["p_alive"]))


def _active_or_lapsed():
    table = customers()
    frequent, rare = table.loc[FREQUENT_SILENT, "p_alive"], table.loc[RARE_RECENT, "p_alive"]
    # the proposal puts the frequent buyer on the active list; it stands only if the model agrees
    return ("agree" if frequent > rare else "swap"), "r2"


def _whom_to_call():
    table = customers()
    best = max(CANDIDATES, key=lambda c: value_at_risk(table.loc[c]))
    return str(best), "r2"


EXERCISES = [
    Exercise(
        key="05.1",
        kind="decision",
        expected=_active_or_lapsed,
        question={
            "en": (
                "The CRM team sorts customers by the number of purchases: customer **142** (six purchases)\n"
                "goes to the *active* list, customer **91** (two purchases) to the *lapsed* list, which gets\n"
                "the win-back offer. Read their histories and the P(alive) chart above: do you agree, or do\n"
                "you swap the two?"
            ),
            "ru": (
                "CRM-команда раскладывает клиентов по числу покупок: клиент **142** (шесть покупок) идёт\n"
                "в список *активных*, клиент **91** (две покупки) — в список *ушедших*, которому отправят\n"
                "предложение вернуться. Посмотрите на их истории и на график P(alive) выше: вы согласны\n"
                "или поменяете их местами?"
            ),
        },
        prompt={"en": '"agree" or "swap"', "ru": '"agree" (согласен) или "swap" (поменять)'},
        options=("agree", "swap"),
        synonyms={"agree": ("согласен", "согласна", "согласиться"),
                  "swap": ("поменять", "поменять местами", "меняю")},
        reasons={
            "r1": {"en": "Six purchases make 142 a loyal customer, and loyalty does not vanish in a few months.",
                   "ru": "Шесть покупок делают 142 лояльным клиентом, а лояльность не пропадает за несколько месяцев."},
            "r2": {"en": "Silence counts against a customer's own pace: 31 silent weeks are many of 142's usual "
                         "gaps, while 91's 5 silent weeks are short for someone who buys every few months.",
                   "ru": "Молчание измеряют темпом самого клиента: 31 неделя тишины — это много обычных "
                         "промежутков 142, а 5 недель тишины у 91 — немного для того, кто покупает раз в несколько месяцев."},
            "r3": {"en": "91 became a customer more recently, so he has had less time to leave.",
                   "ru": "91 стал клиентом позже, поэтому у него было меньше времени уйти."},
        },
        explain={
            "agree": {"en": "The model gives 142 a P(alive) of about 1% and 91 about 72%: the active list would "
                            "hold the customer who has most likely left.",
                      "ru": "Модель даёт клиенту 142 P(alive) около 1 %, а клиенту 91 — около 72 %: в списке "
                            "активных оказался бы тот, кто, скорее всего, уже ушёл."},
            "swap": {"en": "Yes: 91 is most likely still buying (P(alive) about 72%) and 142 most likely gone "
                           "(about 1%), whatever the purchase counts say.",
                     "ru": "Да: 91, скорее всего, ещё покупает (P(alive) около 72 %), а 142, скорее всего, "
                           "ушёл (около 1 %), что бы ни говорило число покупок."},
            "r1": {"en": "Past purchases tell how fast 142 bought while active, not that he still is: after "
                         "5 repeat purchases in 7 weeks, 31 weeks of silence leave P(alive) at about 1%.",
                   "ru": "Прошлые покупки говорят, как быстро 142 покупал, пока был активен, а не что он "
                         "активен сейчас: после 5 повторных покупок за 7 недель 31 неделя тишины оставляет "
                         "P(alive) около 1 %."},
            "r2": {"en": "Right: 142 bought about every 1.4 weeks, so 31 silent weeks are very unusual for him; "
                         "91's usual gap is about 33 weeks, so 5 silent weeks say nothing alarming.",
                   "ru": "Верно: 142 покупал примерно раз в 1,4 недели, и 31 неделя тишины для него очень "
                         "необычна; обычный промежуток 91 — около 33 недель, и 5 недель тишины ничего "
                         "тревожного не говорят."},
            "r3": {"en": "Both have been customers for about 38 weeks (T = 38.0 and 38.3), so neither had "
                         "more time to leave; what differs is the silence measured against their pace.",
                   "ru": "Оба покупают у нас уже около 38 недель (T = 38,0 и 38,3), так что времени уйти у них было "
                         "поровну; различается молчание, измеренное их собственным темпом."},
        },
        feedback={
            "en": "A long silence is strong evidence against a customer who used to buy often, and weak "
                  "evidence against one who buys rarely.",
            "ru": "Долгое молчание — сильный признак ухода для клиента, который покупал часто, и слабый против "
                  "того, кто покупает редко.",
        },
        hint={
            "en": "Divide each customer's recency by the number of repeat purchases (their usual gap) and "
                  "compare it with the weeks since their last purchase.",
            "ru": "Разделите давность (recency) клиента на число повторных покупок (его обычный промежуток) "
                  "и сравните с числом недель после последней покупки.",
        },
        solution={
            "en": "Swap them (reason r2). 142: 5 repeat purchases in 6.9 weeks, a gap of about 1.4 weeks, "
                  "then 31 silent weeks: P(alive) about 1%. 91: 1 repeat purchase after 33 weeks, last seen "
                  "5 weeks ago: P(alive) about 72%.",
            "ru": "Поменять местами (причина r2). 142: 5 повторных покупок за 6,9 недели, промежуток около "
                  "1,4 недели, потом 31 неделя тишины: P(alive) около 1 %. 91: 1 повторная покупка через "
                  "33 недели, последняя 5 недель назад: P(alive) около 72 %.",
        },
    ),
    Exercise(
        key="05.2",
        kind="decision",
        expected=_whom_to_call,
        question={
            "en": (
                "The team has one win-back call to make this week, and a call brings back about the same\n"
                "share of the lapsed customers it reaches, whoever they are. Which of customers **509**,\n"
                "**2332** and **142** (the first table of this notebook) gets the call, and why?"
            ),
            "ru": (
                "На этой неделе у команды один звонок для возврата клиента, и звонок возвращает примерно\n"
                "одинаковую долю ушедших клиентов, кем бы они ни были. Кому из клиентов **509**, **2332**\n"
                "и **142** (первая таблица этого блокнота) позвонить и почему?"
            ),
        },
        prompt={"en": '"509", "2332" or "142"', "ru": '"509", "2332" или "142"'},
        options=("509", "2332", "142"),
        reasons={
            "r1": {"en": "It has the highest CLV of the three.",
                   "ru": "У него самый высокий CLV из трёх."},
            "r2": {"en": "A call that brings it back adds the most: it is worth a lot if active, and it is "
                         "probably not active now.",
                   "ru": "Звонок, который его вернёт, добавит больше всего: активным он стоит много, а сейчас, "
                         "скорее всего, неактивен."},
            "r3": {"en": "It is the most likely of the three to have left.",
                   "ru": "Из трёх он с наибольшей вероятностью уже ушёл."},
        },
        explain={
            "509": {"en": "509 has the highest CLV (about $358), but P(alive) is about 95%: he is almost surely "
                          "still buying, so bringing him back adds only about $20.",
                    "ru": "У 509 самый высокий CLV (около 35 800 ₽), но P(alive) около 95 %: он почти наверняка "
                          "ещё покупает, и возврат добавит лишь около 2 000 ₽."},
            "2332": {"en": "Yes: CLV / P(alive) × (1 − P(alive)) = $66 / 0.27 × 0.73, about $178, the most "
                           "of the three.",
                     "ru": "Да: CLV / P(alive) × (1 − P(alive)) = 6 600 ₽ / 0,27 × 0,73 — около 17 800 ₽, "
                           "больше всех из трёх."},
            "142": {"en": "142 is the most likely to have left (P(alive) about 1%), but brought back he is worth "
                          "only about $50 over the year, against about $178 for 2332.",
                    "ru": "142 с наибольшей вероятностью ушёл (P(alive) около 1 %), но возвращённый он "
                          "стоит за год лишь "
                          "около 5 000 ₽ — против примерно 17 800 ₽ у 2332."},
            "r1": {"en": "The highest CLV belongs to 509, who is almost surely active: the CLV is what a customer "
                         "is worth without the call, not what the call adds.",
                   "ru": "Самый высокий CLV у 509, а он почти наверняка активен: CLV — это ценность клиента без "
                         "звонка, а не то, что звонок добавит."},
            "r2": {"en": "Right: the call adds the value if active less the CLV already counted, "
                         "CLV / P(alive) × (1 − P(alive)), and 2332's is the largest.",
                   "ru": "Верно: звонок добавляет ценность активного клиента за вычетом уже учтённого CLV, "
                         "CLV / P(alive) × (1 − P(alive)), и у 2332 она наибольшая."},
            "r3": {"en": "The most likely to have left is 142, and a customer worth little even when brought "
                         "back is not the first call.",
                   "ru": "С наибольшей вероятностью ушёл 142, но клиент, который и после возвращения стоит "
                         "немного, — не "
                         "первый, кому звонят."},
        },
        feedback={
            "en": "Call where a successful call adds the most: the value at risk, CLV / P(alive) × (1 − P(alive)), "
                  "not the CLV and not the lowest P(alive).",
            "ru": "Звоните туда, где удачный звонок добавит больше всего: ценность под угрозой, "
                  "CLV / P(alive) × (1 − P(alive)), а не CLV и не самая низкая P(alive).",
        },
        hint={
            "en": "For each customer divide the CLV by P(alive) (the value if still active), then take the "
                  "part of it that is missing, × (1 − P(alive)).",
            "ru": "Для каждого клиента разделите CLV на P(alive) (ценность, если он ещё активен) и возьмите "
                  "недостающую часть: × (1 − P(alive)).",
        },
        solution={
            "en": "2332, reason r2. Value at risk = CLV / P(alive) × (1 − P(alive)): 509 about $20, "
                  "2332 about $178, 142 about $50.",
            "ru": "2332, причина r2. Ценность под угрозой = CLV / P(alive) × (1 − P(alive)): у 509 около "
                  "2 000 ₽, у 2332 около 17 800 ₽, у 142 около 5 000 ₽.",
        },
    ),
]
