"""Exercises of notebook 06 (segments and analytics)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook: a 30% margin, 12 months ahead, 10% a year.
MARGIN = 0.3
HORIZON = "12 months"
ANNUAL_DISCOUNT_RATE = 0.1
#: The day P(alive) is compared with, one month before the end of calibration.
EARLIER_END = "1997-08-31"
#: Customers named in exercise 08.3.
CANDIDATES = (2332, 1017, 1010, 1, 88, 1820)


@lru_cache(maxsize=1)
def cdnow_base():
    """CDNOW summary, fitted BG/NBD and Gamma-Gamma, and a per-customer table as in notebook 06.

    Cached: the callers only read the returned objects.
    """
    from ..data.summary import summarize
    from ..datasets import load_cdnow_summary, load_cdnow_transactions
    from ..models import BGNBD, GammaGamma
    from ..segments import rfm_segments
    from ..valuation import customer_lifetime_value

    summary = load_cdnow_summary()
    bgnbd = BGNBD().fit(summary)
    gg = GammaGamma().fit(summary)
    value = customer_lifetime_value(bgnbd, gg, summary, horizon=HORIZON,
                                    annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN)
    customers = summary.join(value[["clv"]])
    customers["p_alive"] = bgnbd.probability_alive(summary)
    tx = load_cdnow_transactions()
    earlier = summarize(tx[tx["date"] <= EARLIER_END], observation_end=EARLIER_END)
    customers["p_alive_before"] = bgnbd.probability_alive(earlier).reindex(customers.index)
    customers["segment"] = rfm_segments(summary)["segment"]
    return summary, bgnbd, gg, customers


def _top20_share() -> float:
    from ..segments import top_share

    return top_share(cdnow_base()[3]["clv"], 0.2)


def _at_risk_size() -> int:
    return int((cdnow_base()[3]["segment"] == "at risk").sum())


def _on_retention_list() -> list:
    from ..segments import retention_targets

    listed = retention_targets(cdnow_base()[3], previous_p_alive="p_alive_before").index
    return [c for c in CANDIDATES if c in listed]


EXERCISES = [
    Exercise(
        key="06.1",
        question={
            "en": (
                "What share of next year's value comes from the top 20% of customers? Answer "
                "as a\n"
                'fraction (e.g. 0.5 for half). If you get stuck, run `teach.hint("06.1", '
                "lang=lang)`; to see the\n"
                'answer, `teach.solution("06.1", lang=lang)`.'
            ),
            "ru": (
                "Какую долю ценности следующего года приносят верхние 20% клиентов? Ответьте\n"
                "долей (например, 0.5 — половина). Если застряли, выполните "
                '`teach.hint("06.1", lang=lang)`; чтобы\n'
                'увидеть ответ — `teach.solution("06.1", lang=lang)`.'
            ),
        },
        prompt={
            "en": "your answer, e.g. a call to ck.segments.top_share",
            "ru": "ваш ответ, например вызов ck.segments.top_share",
        },
        feedback={
            "en": (
                "A fifth of the customers hold most of next year's value: target them first."
            ),
            "ru": (
                "Пятая часть клиентов приносит большую часть ценности следующего года: работайте "
                "с ними в первую очередь."
            ),
        },
        kind="number",
        expected=_top20_share,
        rel_tol=0.01,
        abs_tol=0.005,
        decimals=3,
        hint={
            "en": "ck.segments.top_share(values, top) gives the share of value held by the top `top` fraction; "
                  "answer as a fraction (0.5, not 50).",
            "ru": "ck.segments.top_share(values, top) даёт долю ценности у верхней доли клиентов `top`; "
                  "ответ — доля (`0.5`, а не `50`).",
        },
        solution={
            "en": '# share of value held by the top 20% of customers\nck.segments.top_share(customers["clv"], top=0.2)',
            "ru": '# доля ценности у верхних 20% клиентов\nck.segments.top_share(customers["clv"], top=0.2)',
        },
    ),
    Exercise(
        key="06.2",
        question={
            "en": (
                "How many customers are in the **at risk** segment? Use the table `customers`\n"
                "(its column `segment`) or `by_segment`."
            ),
            "ru": (
                'Сколько клиентов в сегменте **под угрозой ухода** (`"at risk"`)? Используйте\n'
                "таблицу `customers` (столбец `segment`) или `by_segment`."
            ),
        },
        prompt={
            "en": "your answer: a number of customers",
            "ru": "ваш ответ: число клиентов",
        },
        feedback={
            "en": (
                "At-risk customers bought well before but have been silent lately: a retention "
                "offer is for them."
            ),
            "ru": (
                "Клиенты под угрозой раньше покупали хорошо, но давно молчат: им и адресовано "
                "предложение об удержании."
            ),
        },
        kind="number",
        expected=_at_risk_size,
        rel_tol=0.0,
        abs_tol=0.5,
        decimals=0,
        hint={
            "en": 'Count the rows whose segment is "at risk": (customers["segment"] == "at risk").sum(), '
                  "or read the customers column of by_segment.",
            "ru": 'Посчитайте строки с сегментом "at risk": (customers["segment"] == "at risk").sum() — '
                  "или посмотрите столбец customers в таблице by_segment.",
        },
        solution={
            "en": '# True counts as 1, so the sum counts the customers in the segment\n'
                  '(customers["segment"] == "at risk").sum()',
            "ru": '# True считается как 1, поэтому сумма — число клиентов в сегменте\n'
                  '(customers["segment"] == "at risk").sum()',
        },
    ),
    Exercise(
        key="06.3",
        question={
            "en": (
                "Which of the customers 2332, 1017, 1010, 1, 88 and 1820 are on the retention\n"
                "list? Answer with a list of their ids, e.g. `[1, 88]`."
            ),
            "ru": (
                "Кто из клиентов 2332, 1017, 1010, 1, 88 и 1820 в списке на удержание? "
                "Ответьте\n"
                "списком номеров, например `[1, 88]`."
            ),
        },
        prompt={
            "en": "your answer: a list of customer ids",
            "ru": "ваш ответ: список номеров клиентов",
        },
        feedback={
            "en": (
                "The retention list holds valuable customers whose P(alive) has dropped."
            ),
            "ru": "В списке на удержание — ценные клиенты, у которых упала P(alive).",
        },
        kind="set",
        expected=_on_retention_list,
        options=tuple(str(c) for c in CANDIDATES),
        hint={
            "en": "The retention list is the table `retain`; a customer is on it when their id is in retain.index.",
            "ru": "Список на удержание — таблица `retain`; клиент в списке, если его номер есть в retain.index.",
        },
        solution={
            "en": f"candidates = {list(CANDIDATES)}\n[c for c in candidates if c in retain.index]",
            "ru": f"candidates = {list(CANDIDATES)}\n[c for c in candidates if c in retain.index]",
        },
    ),
]
