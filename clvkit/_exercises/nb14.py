"""Exercises of notebook 14 (the final quiz): twenty questions over the whole course.

Every expected answer is computed by clvkit from the figures the question states (kept in the
constants below), never typed. Amounts are in dollars in English and in roubles in Russian, at
MONEY[lang] roubles a dollar, so the Russian track reads like a Russian business; a number answer
that is an amount is therefore computed for the learner's language (``Exercise.per_lang``).
Half of the questions (``DECISIONS``) ask for a decision, with its reason in a comment.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Roubles per dollar of the quiz's amounts: a $50 order reads as a 5 000 ₽ order.
MONEY = {"en": 1, "ru": 100}
CURRENCY = {"en": "USD", "ru": "RUB"}

#: The questions that ask for a decision and its reason.
DECISIONS = ("14.2", "14.4", "14.5", "14.6", "14.9", "14.12", "14.15", "14.16", "14.17", "14.20")

# ------------------------------------------------------------------ the figures of the questions
Q1 = dict(margin=50, retention=0.8, discount_rate=0.1)                       # 01: one customer's CLV
Q2 = {"a": dict(margin=100, retention=0.5), "b": dict(margin=60, retention=0.9)}  # 01: whom to keep
Q2_DISCOUNT = 0.1
Q3 = dict(clv=240, target_ratio=3.0)                                         # 02: ceiling on CAC
Q4 = {"search": (300, 90), "social": (120, 40), "display": (84, 70), "affiliates": (150, 90)}  # CLV, CAC
Q4_RULE = 2.0
Q5 = dict(margin=20, cac=100, retention=0.9, limit=6)                        # 02: payback in months
Q6 = dict(margin=30, retention=0.6, discount_rate=0.1, lift=0.1)             # 03: which driver
Q7 = dict(margin=100, discount_rate=0.1, steps=(0.75, 0.80, 0.85))            # 03: increasing returns
Q8 = dict(aov=50, purchases=4, margin=0.3, churn=0.25)                       # 04: simple CLV
Q9 = dict(cac=100, margin=60, retention=0.75, discount_rate=0.1, target=2.0)  # 04/05: simple vs DCF
Q10 = dict(loyal=0.9, fickle=0.5)                                            # 05: half and half
Q11 = dict(margin=100, before=0.70, after=0.75, discount_rate=0.1)           # 05/09: most a save may cost
Q12 = {"a": dict(frequency=10, recency=20.0, T=52.0), "b": dict(frequency=1, recency=20.0, T=52.0)}  # 06
Q13 = dict(clv=250, p_alive=0.3)                                             # 08: value at risk
Q14 = (500, 300, 80, 60, 40, 30, 25, 20, 15, 10)                             # 08: concentration
Q15 = dict(top=120, low=20, customers=1000, before=0.6, after=0.66, discount_rate=0.1, cost=15)  # 09
Q16 = dict(margin=100, before=0.70, after=0.75, discount_rate=0.1, cost=15)  # 09: the horizon
Q17 = {"treated": dict(aov=54.0, orders=2.02), "control": dict(aov=50.0, orders=2.00)}  # 10: the lever
Q18 = dict(members=40, others=28, treated=33, control=30)                    # 10: members' gap vs test
Q19 = ("03/04/2024", "05/06/2024", "07/08/2024")                            # 11: dates read two ways
Q20 = dict(c1=0.05, avp=200, cogs=120, apc=1.5, romi=0.5, cpa=5)             # 12: ceiling on CPA


def _money(value: float, lang: str, decimals: int = 0) -> str:
    from ..i18n import format_money

    return format_money(value * MONEY[lang], lang, currency=CURRENCY[lang], decimals=decimals)


def _num(value: float, lang: str, decimals: int = 1) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=decimals)


def _pct(value: float, lang: str, decimals: int = 0) -> str:
    from ..i18n import format_percent

    return format_percent(value, lang, decimals=decimals)


def _dcf(margin, retention, discount_rate, **kw) -> float:
    from ..formulas import dcf_clv

    return float(dcf_clv(margin, retention, discount_rate, **kw))


# ------------------------------------------------------------------ answers, computed
def clv_1(lang: str = "en") -> float:
    """14.1: the customer's DCF CLV, in the language's money."""
    return _dcf(Q1["margin"] * MONEY[lang], Q1["retention"], Q1["discount_rate"])


def clvs_2() -> dict[str, float]:
    """14.2: each customer's DCF CLV, in dollars."""
    return {k: _dcf(v["margin"], v["retention"], Q2_DISCOUNT) for k, v in Q2.items()}


def ceiling_3(lang: str = "en") -> float:
    from ..formulas import max_acquisition_cost

    return float(max_acquisition_cost(Q3["clv"] * MONEY[lang], target_ratio=Q3["target_ratio"]))


def ratios_4() -> dict[str, float]:
    from ..formulas import ltv_cac_ratio

    return {k: float(ltv_cac_ratio(clv, cac)) for k, (clv, cac) in Q4.items()}


def cut_4() -> set[str]:
    return {k for k, ratio in ratios_4().items() if ratio < Q4_RULE}


def payback_5() -> float:
    from ..formulas import payback_period

    return float(payback_period(Q5["margin"], Q5["cac"], retention=Q5["retention"]))


def accept_5() -> str:
    return "yes" if payback_5() <= Q5["limit"] else "no"


def gains_6() -> dict[str, float]:
    m, r, d, lift = Q6["margin"], Q6["retention"], Q6["discount_rate"], Q6["lift"]
    base = _dcf(m, r, d)
    return {"aov": _dcf(m * (1 + lift), r, d) - base, "retention": _dcf(m, r * (1 + lift), d) - base}


def pick_6() -> str:
    gains = gains_6()
    return max(gains, key=gains.get)


def steps_7() -> tuple[float, float]:
    low, mid, high = (_dcf(Q7["margin"], r, Q7["discount_rate"]) for r in Q7["steps"])
    return mid - low, high - mid


def simple_8(lang: str = "en") -> float:
    from ..formulas import simple_clv

    return float(simple_clv(Q8["aov"] * MONEY[lang], Q8["purchases"], Q8["margin"], 1 / Q8["churn"]))


def ratios_9() -> dict[str, float]:
    """14.9: LTV:CAC with the simple CLV of 14.8 and with the DCF CLV (first margin now)."""
    dcf = _dcf(Q9["margin"], Q9["retention"], Q9["discount_rate"], timing="begin")
    return {"simple": simple_8() / Q9["cac"], "dcf": dcf / Q9["cac"]}


def accept_9() -> str:
    return "yes" if ratios_9()["dcf"] >= Q9["target"] else "no"


def cohort_retention_10(year: int) -> float:
    """14.10: the share of the cohort's customers at the start of `year` (1, 2, ...) still there at its end."""
    alive = lambda t: 0.5 * Q10["loyal"] ** t + 0.5 * Q10["fickle"] ** t  # noqa: E731 - half of each kind
    return alive(year) / alive(year - 1)


def most_11(lang: str = "en") -> float:
    m, d = Q11["margin"] * MONEY[lang], Q11["discount_rate"]
    return _dcf(m, Q11["after"], d) - _dcf(m, Q11["before"], d)


@lru_cache(maxsize=1)
def p_alive_12() -> dict[str, float]:
    """14.12: P(alive) of the two customers under BG/NBD fitted to the CDNOW calibration period (weeks)."""
    import pandas as pd

    from ..datasets import load_cdnow_summary
    from ..models import BGNBD

    model = BGNBD().fit(load_cdnow_summary())
    two = pd.DataFrame.from_dict(Q12, orient="index")
    two.attrs["time_unit"] = "W"  # the figures of the question are weeks, like the calibration summary
    return {k: float(v) for k, v in model.probability_alive(two).items()}


def left_12() -> str:
    """The customer more likely to have left: the lower P(alive)."""
    p = p_alive_12()
    return min(p, key=p.get)


def at_risk_13(lang: str = "en") -> float:
    """14.13: CLV = P(alive) × value if alive; losing him for good loses all of it."""
    if_alive = Q13["clv"] / Q13["p_alive"]
    return Q13["p_alive"] * if_alive * MONEY[lang]


def top_share_14() -> float:
    values = sorted(Q14, reverse=True)
    return sum(values[: len(values) // 5]) / sum(values)


def nets_15() -> dict[str, float]:
    """14.15: net gain of offering the programme to nobody, the top tier, or everyone (dollars)."""
    d, n, cost = Q15["discount_rate"], Q15["customers"], Q15["cost"]
    gain = {t: _dcf(Q15[t], Q15["after"], d) - _dcf(Q15[t], Q15["before"], d) for t in ("top", "low")}
    return {"nobody": 0.0, "top": n * (gain["top"] - cost), "everyone": n * (gain["top"] + gain["low"] - 2 * cost)}


def pick_15() -> str:
    nets = nets_15()
    return max(nets, key=nets.get)


def uplift_16(periods: int | None) -> float:
    m, d = Q16["margin"], Q16["discount_rate"]
    return _dcf(m, Q16["after"], d, periods=periods) - _dcf(m, Q16["before"], d, periods=periods)


def pays_in_a_year_16() -> bool:
    return uplift_16(1) >= Q16["cost"]


def lifts_17() -> dict[str, float]:
    t, c = Q17["treated"], Q17["control"]
    return {"aov": t["aov"] / c["aov"] - 1, "frequency": t["orders"] / c["orders"] - 1}


def lever_17() -> str:
    lifts = lifts_17()
    return max(lifts, key=lifts.get)


def uplift_18(lang: str = "en") -> float:
    return (Q18["treated"] - Q18["control"]) * MONEY[lang]


def guesses_19() -> bool:
    """Whether clvkit reads dates like 03/04/2024 without being told the order (it refuses to guess)."""
    import pandas as pd

    from ..data import load_transactions
    from ..errors import ClvDataError

    frame = pd.DataFrame({"customer_id": [1, 2, 3], "date": list(Q19), "amount": [10.0, 20.0, 30.0]})
    try:
        load_transactions(frame)
    except ClvDataError:
        return False
    return True


def ceiling_20(lang: str = "en") -> float:
    from ..unit_economics import arppu, max_cpa

    margin = arppu(avp=Q20["avp"] * MONEY[lang], cogs=Q20["cogs"] * MONEY[lang], apc=Q20["apc"])
    return float(max_cpa(c1=Q20["c1"], arppu=margin, target_romi=Q20["romi"]))


def keep_buying_20() -> str:
    return "yes" if Q20["cpa"] <= ceiling_20() else "no"


# ------------------------------------------------------------------ the words learners may answer with
YES_NO = {"yes": ("y", "да", "buy", "accept", "покупать", "принять"),
          "no": ("n", "нет", "stop", "reject", "не покупать", "отказаться", "остановить")}
AB = {"a": ("а", "customer a", "клиент a", "клиент а"), "b": ("в", "б", "customer b", "клиент b", "клиент в", "клиент б")}
CHANNELS = {"search": ("поиск", "поисковая реклама"), "social": ("соцсети", "социальные сети"),
            "display": ("медийная реклама", "медийка", "баннеры"), "affiliates": ("партнёры", "партнеры",
                                                                               "партнёрская программа")}
LEVERS = {"aov": ("order value", "average order value", "basket", "средний чек", "чек"),
          "retention": ("удержание", "retention rate"),
          "frequency": ("частота", "частота покупок", "purchase frequency", "orders")}
TARGETS = {"nobody": ("no one", "none", "никому", "никто"), "top": ("top tier", "top customers", "лучшим",
                                                                   "лучшие", "верхний уровень"),
           "everyone": ("all", "everybody", "всем", "все")}


def _texts() -> dict:
    """The figures the feedback and solutions quote, for each language."""
    out = {}
    r4, r9, n15, l17, p12 = ratios_4(), ratios_9(), nets_15(), lifts_17(), p_alive_12()
    g6, (s7a, s7b), c2 = gains_6(), steps_7(), clvs_2()
    for lang in ("en", "ru"):
        m = lambda x, dec=0: _money(x, lang, dec if lang == "en" else 0)  # noqa: E731 - whole roubles
        out[lang] = {
            "c2a": m(c2["a"]), "c2b": m(c2["b"]),
            "r4": ", ".join(f"{k} {_num(v, lang, 2)}" for k, v in r4.items()),
            "p5": _num(payback_5(), lang, 1), "naive5": f"{m(Q5['cac'])} / {m(Q5['margin'])}",
            "g6a": m(g6["aov"], 2), "g6r": m(g6["retention"], 2),
            "s7a": m(s7a, 2), "s7b": m(s7b, 2),
            "r9s": _num(r9["simple"], lang, 2), "r9d": _num(r9["dcf"], lang, 2),
            "y1": _pct(cohort_retention_10(1), lang), "y3": _pct(cohort_retention_10(3), lang),
            "pa": _num(p12["a"], lang, 3), "pb": _num(p12["b"], lang, 2),
            "if_alive": m(Q13["clv"] / Q13["p_alive"]), "wrong13": m(Q13["clv"] * (1 - Q13["p_alive"])),
            "n15t": m(n15["top"]), "n15e": m(n15["everyone"]),
            "u16a": m(uplift_16(1), 2), "u16l": m(uplift_16(None), 2), "c16": m(Q16["cost"]),
            "l17a": _pct(l17["aov"], lang), "l17f": _pct(l17["frequency"], lang),
            "gap18": m(Q18["members"] - Q18["others"]),
            "c20": m(ceiling_20(), 2), "cpa20": m(Q20["cpa"]),
        }
    return out


T = _texts()
E, R = T["en"], T["ru"]


def _m(value: float, decimals: int = 0) -> dict:
    """An amount of the question in both languages."""
    return {lang: _money(value, lang, decimals) for lang in ("en", "ru")}


def _code_money(value: float) -> dict:
    """An amount as code writes it in each track (5000, not 5 000 ₽)."""
    return {lang: f"{value * MONEY[lang]:g}" for lang in ("en", "ru")}


def _sol(code: dict, en: str, ru: str) -> dict:
    """A worked solution: a comment saying what it computes, in the track's language, then the code."""
    return {"en": f"# {en}\n{code['en']}", "ru": f"# {ru}\n{code['ru']}"}


_REASON = {"en": "then your reason in a comment", "ru": "причину — в комментарии"}


def _prompt(en: str, ru: str, reason: bool = False) -> dict:
    if reason:
        return {"en": f"{en}, {_REASON['en']}", "ru": f"{ru}, {_REASON['ru']}"}
    return {"en": en, "ru": ru}


_MONEY_PROMPT = _prompt("your answer, a number in dollars", "ваш ответ — число в рублях")
_YES_NO = _prompt('"yes" or "no"', '"да" или "нет"', reason=True)


def _q(key, kind, expected, question, hint, solution, *, prompt, feedback, **kw) -> Exercise:
    return Exercise(key=key, kind=kind, expected=expected, question=question, hint=hint, solution=solution,
                    prompt=prompt, feedback=feedback, **kw)


M1, M3, M8, M11, M13, M18, M20 = _code_money(50), _code_money(240), _code_money(50), _code_money(100), \
    _code_money(250), _code_money(3), _code_money(200)

EXERCISES = [
    _q("14.1", "number", clv_1,
       {"en": (f"A customer brings a margin of {_m(50)['en']} a year while he stays; 80% of customers stay each year,\n"
               "money is discounted at 10% a year, and the first margin comes at the end of the first year. What\n"
               "is his CLV?"),
        "ru": (f"Клиент приносит {_m(50)['ru']} маржи в год, пока остаётся с компанией; каждый год остаются 80 %\n"
               "клиентов, ставка дисконтирования — 10 % в год, первая маржа приходит в конце первого года.\n"
               "Чему равен его CLV?")},
       {"en": "m × r / (1 + d − r), or ck.formulas.dcf_clv(margin, retention, discount_rate).",
        "ru": "m × r / (1 + d − r) или ck.formulas.dcf_clv(маржа, удержание, ставка)."},
       _sol({lang: f"ck.formulas.dcf_clv({M1[lang]}, 0.8, 0.1)  # {M1[lang]} × 0.8 / (1 + 0.1 − 0.8)" for lang in M1},
            "margin × retention / (1 + discount rate − retention)", "маржа × удержание / (1 + ставка − удержание)"),
       prompt=_MONEY_PROMPT,
       feedback={"en": "Each future margin is weighted by the chance he is still there and discounted; 0.8 / 0.3 "
                       "is the number of margins this is worth.",
                 "ru": "Каждая будущая маржа взвешена вероятностью того, что клиент ещё с вами, и "
                       "продисконтирована: 0,8 / 0,3 — столько маржей стоит такой клиент."},
       per_lang=True, rel_tol=0.01),
    _q("14.2", "choice", lambda: max(clvs_2(), key=clvs_2().get),
       {"en": (f"You can give one personal account manager to one of two customers. **A** brings {_m(100)['en']} of\n"
               f"margin a year and stays with a chance of 50% each year; **B** brings {_m(60)['en']} and stays with a\n"
               "chance of 90%. Money is discounted at 10% a year. Whom do you choose, and why?"),
        "ru": (f"Персонального менеджера можно дать только одному из двух клиентов. **A** приносит {_m(100)['ru']}\n"
               f"маржи в год и остаётся на следующий год с вероятностью 50 %; **B** приносит {_m(60)['ru']} и\n"
               "остаётся с вероятностью 90 %. Ставка дисконтирования — 10 % в год. Кого вы выберете и почему?")},
       {"en": "Compare the two CLVs, not this year's margins: dcf_clv(margin, retention, 0.1) for each.",
        "ru": "Сравните CLV обоих клиентов, а не маржу этого года: dcf_clv(маржа, удержание, 0.1) для каждого."},
       _sol({"en": "{k: ck.formulas.dcf_clv(m, r, 0.1) for k, (m, r) in {'a': (100, 0.5), 'b': (60, 0.9)}.items()}",
             "ru": "{k: ck.formulas.dcf_clv(m, r, 0.1) for k, (m, r) in {'a': (10000, 0.5), 'b': (6000, 0.9)}.items()}"},
            "the CLV of each customer; the manager goes to the larger",
            "CLV каждого клиента; менеджер достаётся тому, у кого он больше"),
       prompt=_prompt('"a" or "b"', '"a" или "b"', reason=True),
       feedback={"en": f"A is worth {E['c2a']}, B {E['c2b']}: B's smaller margin keeps coming for years, "
                       "so the bigger spender this year is not the more valuable customer.",
                 "ru": f"A стоит {R['c2a']}, B — {R['c2b']}: меньшая маржа B приходит много лет подряд, поэтому "
                       "тот, кто больше тратит в этом году, — не самый ценный клиент."},
       options=("a", "b"), synonyms=AB),
    _q("14.3", "number", ceiling_3,
       {"en": (f"A new customer's CLV is {_m(240)['en']} and the company aims at an LTV:CAC of 3:1. What is the most\n"
               "it should pay to acquire one customer?"),
        "ru": (f"CLV нового клиента — {_m(240)['ru']}, компания ориентируется на LTV:CAC 3:1. Сколько максимум\n"
               "стоит платить за привлечение одного клиента?")},
       {"en": "LTV:CAC = CLV / CAC, so CAC = CLV / target.", "ru": "LTV:CAC = CLV / CAC, значит CAC = CLV / цель."},
       _sol({lang: f"ck.formulas.max_acquisition_cost({M3[lang]}, target_ratio=3)" for lang in M3},
            "CLV / 3", "CLV / 3"),
       prompt=_MONEY_PROMPT,
       feedback={"en": "The ceiling is CLV / 3: the rest pays for overheads, the error of the estimate and a profit.",
                 "ru": "Потолок — CLV / 3: остальное покрывает накладные расходы, ошибку оценки и прибыль."},
       per_lang=True),
    _q("14.4", "set", cut_4,
       {"en": ("Four acquisition channels, with the CLV of the customers each brings and its CAC:\n\n"
               "| channel | CLV | CAC |\n|---|---|---|\n"
               + "".join(f"| {k} | {_m(v[0])['en']} | {_m(v[1])['en']} |\n" for k, v in Q4.items())
               + "\nFinance keeps a channel only if its LTV:CAC is at least 2. Which channels do you cut? Answer\n"
               "with a list of names."),
        "ru": ("Четыре канала привлечения: CLV клиентов, которых приводит каждый, и CAC канала:\n\n"
               "| канал | CLV | CAC |\n|---|---|---|\n"
               + "".join(f"| {n} | {_m(v[0])['ru']} | {_m(v[1])['ru']} |\n"
                         for n, v in zip(("search (поиск)", "social (соцсети)", "display (медийная реклама)",
                                          "affiliates (партнёры)"), Q4.values()))
               + "\nФинансовый отдел оставляет канал, только если его LTV:CAC не ниже 2. Какие каналы вы\n"
               "отключите? Ответьте списком названий.")},
       {"en": "Divide each CLV by its CAC; the cheapest CAC is not the point.",
        "ru": "Разделите CLV каждого канала на его CAC; самый дешёвый CAC здесь ни при чём."},
       _sol({lang: "channels = " + repr({k: (v[0] * MONEY[lang], v[1] * MONEY[lang]) for k, v in Q4.items()})
                   + "\n{k: clv / cac for k, (clv, cac) in channels.items()}"
             for lang in ("en", "ru")},
            "LTV:CAC of each channel; cut those below 2", "LTV:CAC каждого канала; отключаем те, где меньше 2"),
       prompt=_prompt('a list, e.g. ["search"]', 'список, например ["search"] или ["поиск"]', reason=True),
       feedback={"en": f"LTV:CAC: {E['r4']}. Social has the cheapest customers and stays; display and affiliates "
                       "buy customers worth too little for their cost.",
                 "ru": f"LTV:CAC: {R['r4']}. У соцсетей самые дешёвые клиенты, и канал остаётся; медийная реклама и "
                       "партнёры покупают клиентов, которые стоят слишком мало для своей цены."},
       options=tuple(Q4), synonyms=CHANNELS),
    _q("14.5", "choice", accept_5,
       {"en": (f"A customer costs {_m(100)['en']} to acquire and brings a margin of {_m(20)['en']} a month while he\n"
               "stays; 90% of customers stay each month. Finance wants acquisition costs paid back within 6\n"
               "months. Do you accept this channel?"),
        "ru": (f"Привлечение клиента стоит {_m(100)['ru']}, пока клиент остаётся, он приносит {_m(20)['ru']} маржи в\n"
               "месяц; каждый месяц остаются 90 % клиентов. Финансовый отдел требует, чтобы затраты на\n"
               "привлечение окупались за 6 месяцев. Примете ли вы этот канал?")},
       {"en": "Payback counts only the customers still there: ck.formulas.payback_period(margin, cac, retention=...).",
        "ru": "Окупаемость считает только оставшихся клиентов: ck.formulas.payback_period(маржа, cac, retention=...)."},
       {"en": "ck.formulas.payback_period(20, 100, retention=0.9)  # months, against the limit of 6",
        "ru": "ck.formulas.payback_period(2000, 10000, retention=0.9)  # месяцев, против предела в 6"},
       prompt=_YES_NO,
       feedback={"en": f"With churn the cost is paid back after {E['p5']} months, not the 5 that {E['naive5']} suggests: "
                       "too late for the rule.",
                 "ru": f"С учётом оттока затраты окупаются за {R['p5']} мес., а не за 5, как выходит из {R['naive5']}: "
                       "позже, чем требует правило."},
       options=("yes", "no"), synonyms=YES_NO),
    _q("14.6", "choice", pick_6,
       {"en": (f"A customer brings {_m(30)['en']} of margin a year, 60% of customers stay each year, and money is\n"
               "discounted at 10% a year. Two projects cost the same: one raises the order value by 10%, the other\n"
               "raises retention by 10% (from 60% to 66%). Which do you fund?"),
        "ru": (f"Клиент приносит {_m(30)['ru']} маржи в год, каждый год остаются 60 % клиентов, ставка\n"
               "дисконтирования — 10 % в год. Два проекта стоят одинаково: один поднимает средний чек на 10 %,\n"
               "другой — удержание на 10 % (с 60 % до 66 %). Какой вы профинансируете?")},
       {"en": "Compute the CLV before and after each change with dcf_clv.",
        "ru": "Посчитайте CLV до и после каждого изменения с помощью dcf_clv."},
       {"en": "base = ck.formulas.dcf_clv(30, 0.6, 0.1)\n"
              "ck.formulas.dcf_clv(33, 0.6, 0.1) - base, ck.formulas.dcf_clv(30, 0.66, 0.1) - base",
        "ru": "base = ck.formulas.dcf_clv(3000, 0.6, 0.1)\n"
              "ck.formulas.dcf_clv(3300, 0.6, 0.1) - base, ck.formulas.dcf_clv(3000, 0.66, 0.1) - base"},
       prompt=_prompt('"aov" or "retention"', '"aov" (средний чек) или "retention" (удержание)', reason=True),
       feedback={"en": f"+10% order value adds {E['g6a']}, +10% retention {E['g6r']}: retention also lengthens "
                       "the time over which every margin keeps coming.",
                 "ru": f"+10 % к среднему чеку дают {R['g6a']}, +10 % к удержанию — {R['g6r']}: удержание ещё и "
                       "удлиняет время, в течение которого приходит каждая маржа."},
       options=("aov", "retention"), synonyms=LEVERS),
    _q("14.7", "bool", lambda: steps_7()[1] > steps_7()[0],
       {"en": (f"A customer brings {_m(100)['en']} a year; money is discounted at 10%. True or False: raising\n"
               "retention from 80% to 85% adds more to his CLV than raising it from 75% to 80%."),
        "ru": (f"Клиент приносит {_m(100)['ru']} в год, ставка дисконтирования — 10 %. Верно ли, что рост\n"
               "удержания с 80 % до 85 % прибавляет к его CLV больше, чем рост с 75 % до 80 %?")},
       {"en": "Compute dcf_clv at 75%, 80% and 85% and compare the two steps.",
        "ru": "Посчитайте dcf_clv при 75 %, 80 % и 85 % и сравните два шага."},
       _sol({lang: f"[ck.formulas.dcf_clv({_code_money(100)[lang]}, r, 0.1) for r in (0.75, 0.80, 0.85)]"
             for lang in ("en", "ru")},
            "compare the two differences", "сравните две разницы"),
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback={"en": f"The first step adds {E['s7a']}, the second {E['s7b']}: retention has increasing "
                       "returns, because a retained customer's margins keep coming for longer and longer.",
                 "ru": f"Первый шаг даёт {R['s7a']}, второй — {R['s7b']}: у удержания возрастающая отдача, "
                       "потому что маржа удержанного клиента приходит всё дольше."}),
    _q("14.8", "number", simple_8,
       {"en": (f"The simple formula: an average order of {_m(50)['en']}, 4 orders a year, a margin of 30%, and 25% of\n"
               "customers lost each year (so a lifetime of 1 / 0.25 years). What CLV does it give?"),
        "ru": (f"Простая формула: средний чек {_m(50)['ru']}, 4 заказа в год, маржа 30 %, каждый год уходят 25 %\n"
               "клиентов (значит, срок жизни — 1 / 0,25 года). Какой CLV она даёт?")},
       {"en": "order value × orders a year × margin × lifetime in years.",
        "ru": "средний чек × заказов в год × маржа × срок жизни в годах."},
       _sol({lang: f"ck.formulas.simple_clv({M8[lang]}, 4, 0.3, 1 / 0.25)" for lang in M8},
            "order value × orders a year × margin × lifetime", "средний чек × заказов в год × маржа × срок жизни"),
       prompt=_MONEY_PROMPT,
       feedback={"en": "A quick first figure; it assumes every customer stays the whole average lifetime and "
                       "nothing is discounted, so it tends to overshoot.",
                 "ru": "Быстрая первая оценка; она считает, что каждый клиент живёт весь средний срок и ничего не "
                       "дисконтируется, поэтому обычно завышает."},
       per_lang=True),
    _q("14.9", "choice", accept_9,
       {"en": (f"The same customers cost {_m(100)['en']} each, so the simple CLV of the question before gives an\n"
               f"LTV:CAC of {E['r9s']}. Valued with discounted cash flows instead ({_m(60)['en']} of margin a year, the\n"
               "first now, 75% stay each year, 10% discount rate), are they still worth buying under a rule of\n"
               "LTV:CAC ≥ 2?"),
        "ru": (f"Те же клиенты стоят по {_m(100)['ru']}, и простой CLV из предыдущего вопроса даёт LTV:CAC\n"
               f"{R['r9s']}. Если оценить их дисконтированными денежными потоками ({_m(60)['ru']} маржи в год, первая —\n"
               "сразу, каждый год остаются 75 %, ставка 10 %), стоит ли их покупать при правиле LTV:CAC ≥ 2?")},
       {"en": 'Value a customer with dcf_clv(..., timing="begin") (the first margin now) and divide by the CAC.',
        "ru": 'Оцените клиента через dcf_clv(..., timing="begin") (первая маржа — сразу) и разделите на CAC.'},
       {"en": 'ck.formulas.dcf_clv(60, 0.75, 0.1, timing="begin") / 100  # against the rule of 2',
        "ru": 'ck.formulas.dcf_clv(6000, 0.75, 0.1, timing="begin") / 10000  # против правила 2'},
       prompt=_YES_NO,
       feedback={"en": f"With discounting the ratio is {E['r9d']}, below 2: the simple formula's {E['r9s']} made "
                       "the channel look better than it is.",
                 "ru": f"С дисконтированием соотношение равно {R['r9d']}, ниже 2: простая формула ({R['r9s']}) "
                       "показывала канал лучше, чем он есть."},
       options=("yes", "no"), synonyms=YES_NO),
    _q("14.10", "bool", lambda: cohort_retention_10(3) > cohort_retention_10(1),
       {"en": ("A cohort is half loyal customers (each stays with a chance of 90% a year, every year) and half\n"
               "fickle ones (50% a year, every year). Nobody's chance ever changes. True or False: the cohort's\n"
               "retention rate in year 3 is higher than in year 1."),
        "ru": ("Когорта наполовину состоит из верных клиентов (каждый остаётся с вероятностью 90 % в год, из\n"
               "года в год) и наполовину из непостоянных (50 % в год). Ни у кого вероятность не меняется. Верно\n"
               "ли, что удержание когорты на третьем году выше, чем на первом?")},
       {"en": "Follow 100 customers of each kind for three years and divide the survivors year by year.",
        "ru": "Проследите по 100 клиентов каждого типа три года и поделите выживших год к году."},
       {lang: "alive = lambda t: 0.5 * 0.9 ** t + 0.5 * 0.5 ** t\nalive(1) / alive(0), alive(3) / alive(2)"
        for lang in ("en", "ru")},
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback={"en": f"It rises from {E['y1']} to {E['y3']}, yet nobody became more loyal: the fickle customers "
                       "leave first, so the survivors are mostly loyal ones. Do not read it as loyalty growing.",
                 "ru": f"Оно растёт с {R['y1']} до {R['y3']}, хотя никто не стал вернее: непостоянные уходят первыми, "
                       "и среди оставшихся больше верных. Это не рост лояльности."}),
    _q("14.11", "number", most_11,
       {"en": (f"Customers bring {_m(100)['en']} of margin a year; 70% stay each year; money is discounted at 10%.\n"
               "A programme would raise retention to 75% for good. What is the most it may cost per customer,\n"
               "paid once, for it to break even?"),
        "ru": (f"Клиенты приносят {_m(100)['ru']} маржи в год, каждый год остаются 70 %, ставка — 10 %. Программа\n"
               "навсегда поднимет удержание до 75 %. Сколько максимум она может стоить на одного клиента (разовый\n"
               "платёж), чтобы окупиться?")},
       {"en": "The break-even cost is the CLV gained: CLV at 75% minus CLV at 70%.",
        "ru": "Предельная стоимость — это прирост CLV: CLV при 75 % минус CLV при 70 %."},
       _sol({lang: f"ck.formulas.dcf_clv({M11[lang]}, 0.75, 0.1) - ck.formulas.dcf_clv({M11[lang]}, 0.70, 0.1)"
             for lang in M11},
            "the CLV gained is the most the programme may cost", "прирост CLV — это предельная стоимость программы"),
       prompt=_MONEY_PROMPT,
       feedback={"en": "Any cost below the CLV gained pays; judge it over the customer's whole lifetime, "
                       "the horizon a retention programme works on.",
                 "ru": "Окупается любая стоимость ниже прироста CLV; оценивайте его на всём сроке жизни клиента — "
                       "на том горизонте, на котором работает программа удержания."},
       per_lang=True, rel_tol=0.01),
    _q("14.12", "choice", left_12,
       {"en": ("Two CDNOW customers, both first seen 52 weeks ago and last seen at week 20. **A** made 10 repeat\npurchases "
               "before that, **B** one. You can call only one to check whether he has left. Under BG/NBD fitted to\n"
               "the CDNOW calibration period, which of them has more likely left already?"),
        "ru": ("Два клиента CDNOW: оба впервые купили 52 недели назад, последний раз — на 20-й неделе. **A**\nдо этого "
               "сделал 10 повторных покупок, **B** — одну. Позвонить можно только одному, чтобы узнать, не ушёл ли\n"
               "он. Кто из них, по модели BG/NBD, обученной на периоде калибровки CDNOW, скорее уже ушёл?")},
       {"en": "Fit BGNBD on ck.datasets.load_cdnow_summary() and compare probability_alive of the two.",
        "ru": "Обучите BGNBD на ck.datasets.load_cdnow_summary() и сравните probability_alive обоих."},
       {lang: ("m = ck.models.BGNBD().fit(ck.datasets.load_cdnow_summary())\n"
               "two = pd.DataFrame({'frequency': [10, 1], 'recency': [20, 20], 'T': [52, 52]}, index=['a', 'b'])\n"
               "m.probability_alive(two)") for lang in ("en", "ru")},
       prompt=_prompt('"a" or "b"', '"a" или "b"', reason=True),
       feedback={"en": f"P(alive) is {E['pa']} for A and {E['pb']} for B: 32 silent weeks are long for someone who "
                       "used to buy every two weeks, and ordinary for someone who rarely buys.",
                 "ru": f"P(alive) у A — {R['pa']}, у B — {R['pb']}: 32 недели тишины — это много для того, кто "
                       "покупал раз в две недели, и обычное дело для того, кто покупает редко."},
       options=("a", "b"), synonyms=AB),
    _q("14.13", "number", at_risk_13,
       {"en": (f"The model values a customer at a CLV of {_m(250)['en']}; his P(alive) is 0.3. How much expected\n"
               "margin does the company lose if he leaves for good today?"),
        "ru": (f"Модель оценивает CLV клиента в {_m(250)['ru']}, его P(alive) = 0,3. Сколько ожидаемой маржи\n"
               "компания теряет, если он сегодня уйдёт навсегда?")},
       {"en": "The model's CLV already weighs every future purchase by the chance he is still there.",
        "ru": "CLV модели уже взвешивает каждую будущую покупку вероятностью того, что клиент ещё с вами."},
       {lang: f"# CLV = P(alive) × value if alive = 0.3 × ({M13[lang]} / 0.3); all of it is lost\n{M13[lang]}"
        for lang in M13},
       prompt=_MONEY_PROMPT,
       feedback={"en": f"The whole CLV: it is already 0.3 × {E['if_alive']} (his value if alive). Multiplying it "
                       f"by (1 − P(alive)) again, {E['wrong13']}, counts P(alive) twice.",
                 "ru": f"Весь CLV: он уже равен 0,3 × {R['if_alive']} (ценность, если клиент жив). Умножить его "
                       f"ещё раз на (1 − P(alive)) — {R['wrong13']} — значит учесть P(alive) дважды."},
       per_lang=True),
    _q("14.14", "number", top_share_14,
       {"en": ("Ten customers' CLVs, in dollars: " + ", ".join(map(str, Q14)) + ". What share of the total value do\n"
               "the top 20% of customers hold? Answer as a fraction between 0 and 1."),
        "ru": ("CLV десяти клиентов, в тысячах рублей: " + ", ".join(map(str, Q14)) + ". Какую долю общей\n"
               "ценности держат лучшие 20 % клиентов? Ответьте долей от 0 до 1.")},
       {"en": "The top 20% of ten customers are the two largest values.",
        "ru": "Лучшие 20 % из десяти клиентов — два самых больших значения."},
       {lang: "values = sorted([500, 300, 80, 60, 40, 30, 25, 20, 15, 10], reverse=True)\n"
              "sum(values[:2]) / sum(values)" for lang in ("en", "ru")},
       prompt=_prompt("your answer, a fraction between 0 and 1", "ваш ответ — доля от 0 до 1"),
       feedback={"en": "Value is concentrated: a retention budget spread evenly spends most of it on customers "
                       "who hold little of the value.",
                 "ru": "Ценность сконцентрирована: бюджет удержания, поделённый поровну, уходит в основном на "
                       "клиентов, у которых её мало."},
       rel_tol=0.0, abs_tol=0.01),
    _q("14.15", "choice", pick_15,
       {"en": (f"A loyalty programme raises retention from 60% to 66% for whoever joins and costs {_m(15)['en']} per\n"
               f"member, once. The base has 1,000 top-tier customers ({_m(120)['en']} of margin a year) and 1,000\n"
               f"low-tier ones ({_m(20)['en']} a year); money is discounted at 10%. Do you offer it to everyone, to the\n"
               "top tier, or to nobody?"),
        "ru": (f"Программа лояльности поднимает удержание участника с 60 % до 66 % и стоит {_m(15)['ru']} на участника\n"
               f"(разово). В базе 1 000 клиентов верхнего уровня ({_m(120)['ru']} маржи в год) и 1 000 нижнего\n"
               f"({_m(20)['ru']} в год); ставка — 10 %. Кому вы её предложите: всем, верхнему уровню или никому?")},
       {"en": "For each tier: CLV gained per member minus the cost; add up what each option earns.",
        "ru": "Для каждого уровня: прирост CLV на участника минус стоимость; сложите, что даёт каждый вариант."},
       {lang: (f"gain = {{m: ck.formulas.dcf_clv(m, 0.66, 0.1) - ck.formulas.dcf_clv(m, 0.6, 0.1) "
               f"for m in ({_code_money(120)[lang]}, {_code_money(20)[lang]})}}\n"
               f"{{'top': 1000 * (gain[{_code_money(120)[lang]}] - {_code_money(15)[lang]}), "
               f"'everyone': 1000 * (sum(gain.values()) - 2 * {_code_money(15)[lang]}), 'nobody': 0}}")
        for lang in ("en", "ru")},
       prompt=_prompt('"everyone", "top" or "nobody"', '"everyone" (всем), "top" (верхнему уровню) или '
                                                        '"nobody" (никому)', reason=True),
       feedback={"en": f"The top tier alone earns {E['n15t']}, everyone {E['n15e']}: a low-tier member gains less "
                       "CLV than the programme costs, so offering it to them loses money.",
                 "ru": f"Только верхний уровень даёт {R['n15t']}, все вместе — {R['n15e']}: участник нижнего уровня "
                       "прибавляет меньше CLV, чем стоит программа, и предлагать её ему убыточно."},
       options=("everyone", "top", "nobody"), synonyms=TARGETS),
    _q("14.16", "bool", pays_in_a_year_16,
       {"en": ("The programme of question 14.11 (retention from 70% to 75%) costs "
               f"{_m(15)['en']} per customer. Finance\njudges every programme on its first 12 months (one margin). "
               "True or False: judged that way, it pays?\nAnd would you accept that verdict?"),
        "ru": ("Программа из вопроса 14.11 (удержание с 70 % до 75 %) стоит "
               f"{_m(15)['ru']} на клиента. Финансовый\nотдел оценивает любую программу по первым 12 месяцам (одна "
               "маржа). Верно ли, что при такой\nоценке она окупается? И согласитесь ли вы с таким вердиктом?")},
       {"en": "dcf_clv(..., periods=1) counts only the first year's margin.",
        "ru": "dcf_clv(..., periods=1) учитывает только маржу первого года."},
       {lang: (f"one_year = ck.formulas.dcf_clv({M11[lang]}, 0.75, 0.1, periods=1) - "
               f"ck.formulas.dcf_clv({M11[lang]}, 0.70, 0.1, periods=1)\none_year >= {_code_money(15)[lang]}")
        for lang in ("en", "ru")},
       prompt=_prompt("True or False", "True (верно) или False (неверно)", reason=True),
       feedback={"en": f"In 12 months it adds only {E['u16a']} against a cost of {E['c16']}, over the customer's "
                       f"lifetime {E['u16l']}. A retention programme pays in the years it adds; judge it over a "
                       "horizon that fits it, and show how the verdict changes with the horizon.",
                 "ru": f"За 12 месяцев она даёт лишь {R['u16a']} при стоимости {R['c16']}, а за весь срок жизни "
                       f"клиента — {R['u16l']}. Программа удержания окупается в те годы, которые она добавляет: "
                       "оценивайте её на подходящем горизонте и показывайте, как вердикт зависит от горизонта."}),
    _q("14.17", "choice", lever_17,
       {"en": (f"In a randomised test of product recommendations, the treated customers' average order was\n"
               f"{_m(54, 0)['en']} against {_m(50, 0)['en']} in the control group, and they made 2.02 orders each against "
               "2.00.\nWhich lever do you enter into the strategy simulator?"),
        "ru": (f"В рандомизированном тесте рекомендаций средний чек у клиентов из тестовой группы составил\n"
               f"{_m(54, 0)['ru']} против {_m(50, 0)['ru']} в контрольной, а заказов на клиента — 2,02 против 2,00.\n"
               "Какой рычаг вы введёте в симулятор стратегий?")},
       {"en": "Compare the relative differences between the groups.", "ru": "Сравните относительные разницы групп."},
       _sol({lang: "54 / 50 - 1, 2.02 / 2.00 - 1" for lang in ("en", "ru")},
            "relative lift of the order value, then of the frequency",
            "относительный прирост среднего чека, затем частоты"),
       prompt=_prompt('"aov" or "frequency"', '"aov" (средний чек) или "frequency" (частота)', reason=True),
       feedback={"en": f"Order value rose {E['l17a']}, frequency {E['l17f']}: recommendations fill the basket "
                       "(the pattern Amazon's are known for), so enter aov_change and leave frequency alone.",
                 "ru": f"Средний чек вырос на {R['l17a']}, частота — на {R['l17f']}: рекомендации наполняют "
                       "корзину (так работают рекомендации Amazon), поэтому вводите aov_change, а частоту не трогайте."},
       options=("aov", "frequency"), synonyms=LEVERS),
    _q("14.18", "number", uplift_18,
       {"en": (f"Loyalty-card members spend {_m(40)['en']} a month, other customers {_m(28)['en']}. In a randomised test,\n"
               f"customers invited to join spent {_m(33)['en']} a month against {_m(30)['en']} in the control group. What\n"
               "monthly uplift per customer do you put into the programme's business case?"),
        "ru": (f"Владельцы карты лояльности тратят {_m(40)['ru']} в месяц, остальные клиенты — {_m(28)['ru']}. В\n"
               f"рандомизированном тесте приглашённые в программу тратили {_m(33)['ru']} в месяц против {_m(30)['ru']}\n"
               "в контрольной группе. Какую ежемесячную прибавку на клиента вы заложите в бизнес-кейс программы?")},
       {"en": "Which of the two gaps compares like with like?", "ru": "Какая из двух разниц сравнивает сравнимое?"},
       _sol({lang: f"{_code_money(33)[lang]} - {_code_money(30)[lang]}" for lang in ("en", "ru")},
            "the test's difference, not the members' gap", "разница из теста, а не разрыв у владельцев карты"),
       prompt=_MONEY_PROMPT,
       feedback={"en": f"The test's difference. The members' gap of {E['gap18']} is partly self-selection: the "
                       "customers who join were already the bigger spenders.",
                 "ru": f"Разница из теста. Разрыв в {R['gap18']} у владельцев карты отчасти объясняется "
                       "самоотбором: вступают те, кто и так тратил больше."},
       per_lang=True),
    _q("14.19", "bool", guesses_19,
       {"en": ("Your file writes dates as " + ", ".join(Q19) + ". True or False: `ck.load_transactions` reads\n"
               "it without being told whether the day or the month comes first."),
        "ru": ("В вашем файле даты записаны так: " + ", ".join(Q19) + ". Верно ли, что `ck.load_transactions`\n"
               "прочитает его, не зная, что идёт первым — день или месяц?")},
       {"en": "Can any of these dates tell day and month apart?", "ru": "Может ли хоть одна из этих дат различить день и месяц?"},
       {lang: ("frame = pd.DataFrame({'customer_id': [1, 2, 3], 'date': ['03/04/2024', '05/06/2024', '07/08/2024'],\n"
               "                      'amount': [10, 20, 30]})\nck.load_transactions(frame)  # raises: pass dayfirst=")
        for lang in ("en", "ru")},
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback={"en": "Every date reads both ways, so the loader refuses to guess and asks for dayfirst= or "
                       "date_format=: a wrong guess would move purchases by months without a word.",
                 "ru": "Каждую дату можно прочитать двумя способами, поэтому загрузчик не угадывает, а просит "
                       "dayfirst= или date_format=: неверная догадка молча сдвинула бы покупки на месяцы."}),
    _q("14.20", "choice", keep_buying_20,
       {"en": (f"A cohort: C1 = 5%, an average order of {_m(200)['en']}, cost of goods {_m(120)['en']} an order, APC = 1.5.\n"
               f"Finance asks for a ROMI of at least 50%. Users cost {_m(5)['en']} each. Do you keep buying them?"),
        "ru": (f"Когорта: C1 = 5 %, средний чек {_m(200)['ru']}, себестоимость заказа {_m(120)['ru']}, APC = 1,5.\n"
               f"Финансовый отдел требует ROMI не ниже 50 %. Пользователь стоит {_m(5)['ru']}. Продолжаете ли вы\n"
               "покупать трафик?")},
       {"en": "The ceiling is ARPU / (1 + ROMI), with ARPU = C1 × (AvP − COGS) × APC.",
        "ru": "Потолок — ARPU / (1 + ROMI), где ARPU = C1 × (AvP − COGS) × APC."},
       _sol({lang: (f"ue.max_cpa(c1=0.05, arppu=ue.arppu(avp={M20[lang]}, cogs={_code_money(120)[lang]}, apc=1.5), "
                    "target_romi=0.5)") for lang in ("en", "ru")},
            "the ceiling on CPA at ROMI 50%, against the price of a user",
            "потолок CPA при ROMI 50 % сравниваем с ценой пользователя"),
       prompt=_YES_NO,
       feedback={"en": f"The most a user may cost is {E['c20']}; at {E['cpa20']} the channel misses the target. "
                       "Renegotiate the price, or raise C1 or the basket until the ceiling clears it.",
                 "ru": f"Пользователь может стоить не больше {R['c20']}; по {R['cpa20']} канал не выходит на цель. "
                       "Договоритесь о цене или поднимите C1 либо чек, чтобы потолок оказался выше."},
       options=("yes", "no"), synonyms=YES_NO),
]
