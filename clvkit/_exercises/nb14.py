"""Exercises of notebook 14 (the final quiz): twenty questions over the whole course.

Every expected answer is computed by clvkit from the figures the question states (kept in the
constants below), never typed. Amounts are in dollars in English and in roubles in Russian, at
MONEY[lang] roubles a dollar, so the Russian track reads like a Russian business; a number answer
that is an amount is therefore computed for the learner's language (``Exercise.per_lang``).
Half of the questions (``DECISIONS``) ask for a decision and its reason: the learner picks one of
the listed reasons, and :func:`clvkit.teach.check` needs both to be right (``kind="decision"``).
``COVERS`` names the notebooks of the marketer path each question draws on.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..teach import Exercise

#: Roubles per dollar of the quiz's amounts: a $50 order reads as a 5 000 ₽ order.
MONEY = {"en": 1, "ru": 100}
CURRENCY = {"en": "USD", "ru": "RUB"}

#: The questions that ask for a decision and its reason (``kind="decision"``).
DECISIONS = ("14.2", "14.5", "14.6", "14.9", "14.12", "14.15", "14.16", "14.17", "14.18", "14.20")

#: The notebooks of the marketer path (00-13) each question draws on.
COVERS = {"14.1": ("01",), "14.2": ("01", "03"), "14.3": ("02",), "14.4": ("02", "13"), "14.5": ("02",),
          "14.6": ("03",), "14.7": ("03",), "14.8": ("04",), "14.9": ("04",), "14.10": ("00", "09"),
          "14.11": ("09",), "14.12": ("05",), "14.13": ("06",), "14.14": ("06",), "14.15": ("07", "10"),
          "14.16": ("07",), "14.17": ("08",), "14.18": ("10",), "14.19": ("11",), "14.20": ("12",)}

# ------------------------------------------------------------------ the figures of the questions
Q1 = dict(margin=50, retention=0.8, discount_rate=0.1)                       # 01
Q2 = {"a": dict(margin=100, retention=0.5), "b": dict(margin=60, retention=0.9)}  # 01, 03: whom to keep
Q2_DISCOUNT = 0.1
Q3 = dict(clv=270, target_ratio=3.0)                                         # 02: ceiling on CAC
Q4 = {"search": (300, 90), "social": (120, 40), "display": (84, 70), "affiliates": (150, 90)}  # CLV, CAC
Q4_RULE = 2.0
Q5 = dict(margin=20, cac=100, retention=0.9, limit=6)                        # 02: payback in months
Q6 = dict(margin=30, retention=0.6, discount_rate=0.1, lift=0.1)             # 03: which driver
Q7 = dict(margin=100, discount_rate=0.1, steps=(0.75, 0.80, 0.85))            # 03: increasing returns
Q8 = dict(aov=50, purchases=4, margin=0.3, churn=0.25)                       # 04: simple CLV
Q9 = dict(cac=100, margin=60, retention=0.75, discount_rate=0.1, target=2.0)  # 04: simple vs DCF
Q10 = dict(loyal=0.9, fickle=0.5)                                            # 09: half and half
Q11 = dict(margin=100, before=0.70, after=0.75, discount_rate=0.1)           # 09: most a save may cost
Q12 = {"a": dict(frequency=10, recency=20.0, T=52.0), "b": dict(frequency=1, recency=20.0, T=52.0)}  # 05: P(alive)
Q13 = dict(clv=250, p_alive=0.3)                                             # 06: value lost
Q14 = (500, 300, 80, 60, 40, 30, 25, 20, 15, 10)                             # 06: concentration
Q15 = dict(top=120, low=20, customers=1000, before=0.6, after=0.66, discount_rate=0.1, cost=15)  # 07, 10
Q16 = dict(margin=100, before=0.70, after=0.75, discount_rate=0.1, cost=15)  # 07: the horizon
Q17 = {"treated": dict(aov=54.0, orders=2.02), "control": dict(aov=50.0, orders=2.00)}  # 08: the lever
Q17_CUSTOMERS = 1000                                                          # in each group of the test
Q18 = dict(members=40, others=28, treated=33, control=30, joined=0.5)        # 10: members' gap vs test
Q19 = dict(customers=250, model_total_off=0.01, naive_total_off=0.44)        # 11: a total vs a ranking
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


def frequency_z_17() -> float:
    """14.17: the frequency lift in standard errors, orders per customer counted as Poisson in each group."""
    t, c, n = Q17["treated"]["orders"], Q17["control"]["orders"], Q17_CUSTOMERS
    return (t - c) / math.sqrt(t / n + c / n)


def lever_17() -> str:
    """The lever the test moved beyond chance: frequency's lift is within two standard errors, so order value."""
    lifts = lifts_17()
    if abs(frequency_z_17()) < 2 and lifts["aov"] > 0:
        return "aov"
    return max(lifts, key=lifts.get)


def uplift_18(lang: str = "en") -> float:
    return (Q18["treated"] - Q18["control"]) * MONEY[lang]


def total_ranks_19() -> bool:
    """14.19: whether a forecast's error on the total shows how well it ranks customers.

    It does not: a forecast that reverses the actual order of three customers hits their total exactly.
    """
    actual = (1.0, 2.0, 6.0)
    reversed_forecast = tuple(reversed(actual))
    total_exact = sum(reversed_forecast) == sum(actual)
    ranks_right = sorted(range(3), key=actual.__getitem__) == sorted(range(3), key=reversed_forecast.__getitem__)
    return total_exact and ranks_right


def ceiling_20(lang: str = "en") -> float:
    from ..unit_economics import arppu, max_cpa

    margin = arppu(avp=Q20["avp"] * MONEY[lang], cogs=Q20["cogs"] * MONEY[lang], apc=Q20["apc"])
    return float(max_cpa(c1=Q20["c1"], arppu=margin, target_romi=Q20["romi"]))


def keep_buying_20() -> str:
    return "yes" if Q20["cpa"] <= ceiling_20() else "no"


# ------------------------------------------------------------------ decisions: (decision, key of its reason)
def decide_2() -> tuple[str, str]:
    """14.2: the manager goes to the larger CLV (r1), not to this year's larger margin."""
    clv = clvs_2()
    return max(clv, key=clv.get), "r1"


def decide_5() -> tuple[str, str]:
    """14.5: payback counts only the customers still there (r3)."""
    return accept_5(), "r3"


def decide_6() -> tuple[str, str]:
    """14.6: the driver that adds more CLV; retention wins because it lengthens every margin's stream (r2)."""
    return pick_6(), "r2"


def decide_9() -> tuple[str, str]:
    """14.9: the rule is judged on the discounted, churn-weighted value (r1)."""
    return accept_9(), "r1"


def decide_12() -> tuple[str, str]:
    """14.12: the lower P(alive); a long silence is unusual for a frequent buyer (r2)."""
    return left_12(), "r2"


def decide_15() -> tuple[str, str]:
    """14.15: offer it where the CLV it adds per member is above its cost (r1)."""
    return pick_15(), "r1"


def approve_16() -> str:
    """14.16: approve when the CLV it adds over the customer's lifetime is above its cost."""
    return "approve" if uplift_16(None) >= Q16["cost"] else "reject"


def decide_16() -> tuple[str, str]:
    return approve_16(), "r3"


def decide_17() -> tuple[str, str]:
    """14.17: order value; frequency's 1% lift is within a test's noise (r1)."""
    return lever_17(), "r1"


def decide_18() -> tuple[str, str]:
    """14.18: the randomised test's difference; members were bigger spenders before joining (r2)."""
    return "test", "r2"


def uplift_choice_18() -> dict[str, float]:
    """14.18: the monthly uplift each source would put into the business case, in dollars."""
    return {"test": Q18["treated"] - Q18["control"], "members": Q18["members"] - Q18["others"]}


def decide_20() -> tuple[str, str]:
    """14.20: compare the price of a user with the ceiling ARPU / (1 + ROMI) (r1)."""
    return keep_buying_20(), "r1"


# ------------------------------------------------------------------ the words learners may answer with
YES_NO = {"yes": ("y", "да", "buy", "accept", "покупать", "принять"),
          "no": ("n", "нет", "stop", "reject", "не покупать", "отказаться", "остановить")}
APPROVE = {"approve": ("yes", "да", "одобрить", "одобряю", "принять"),
           "reject": ("no", "нет", "отклонить", "отклоняю", "отказать")}
SOURCES = {"test": ("the test", "тест", "из теста", "разница из теста"),
           "members": ("the members", "члены программы", "участники", "владельцы карты")}
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
            "r4": ", ".join(f"{CHANNELS[k][0] if lang == 'ru' else k} {_num(v, lang, 2)}"
                            for k, v in r4.items()),
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
            "member18": m(uplift_choice_18()["test"] / Q18["joined"]), "join18": _pct(Q18["joined"], lang),
            "dcf9": m(ratios_9()["dcf"] * Q9["cac"], 2), "simple8": m(simple_8()),
            "z17": _num(frequency_z_17(), lang, 1),
            "c20": m(ceiling_20(), 2), "cpa20": m(Q20["cpa"]),
            "arpu20": m(ceiling_20() * (1 + Q20["romi"]), 2), "romi20": _pct(Q20["romi"], lang),
            "gain15t": m(_dcf(Q15["top"], Q15["after"], Q15["discount_rate"])
                         - _dcf(Q15["top"], Q15["before"], Q15["discount_rate"]), 2),
            "gain15l": m(_dcf(Q15["low"], Q15["after"], Q15["discount_rate"])
                         - _dcf(Q15["low"], Q15["before"], Q15["discount_rate"]), 2),
            "c15": m(Q15["cost"]), "n15n": m(0),
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


def _prompt(en: str, ru: str) -> dict:
    return {"en": en, "ru": ru}


_MONEY_PROMPT = _prompt("your answer, a number in dollars", "ваш ответ — число в рублях")
_YES_NO = _prompt('"yes" or "no"', '"yes" (да) или "no" (нет)')


def _q(key, kind, expected, question, hint, solution, *, prompt, feedback, **kw) -> Exercise:
    return Exercise(key=key, kind=kind, expected=expected, question=question, hint=hint, solution=solution,
                    prompt=prompt, feedback=feedback, **kw)


def _d(key, expected, question, hint, solution, *, prompt, feedback, options, synonyms, reasons, explain) -> Exercise:
    """A decision: one of `options` and the key of its reason; `explain` says why each is right or wrong."""
    return Exercise(key=key, kind="decision", expected=expected, question=question, hint=hint, solution=solution,
                    prompt=prompt, feedback=feedback, options=options, synonyms=synonyms,
                    reasons=dict(sorted(reasons.items())), explain=explain)


def _b(en: str, ru: str) -> dict:
    """One text in both languages."""
    return {"en": en, "ru": ru}


M1, M3, M8, M11, M13, M20 = _code_money(50), _code_money(Q3["clv"]), _code_money(50), _code_money(100), \
    _code_money(250), _code_money(200)

EXERCISES = [
    _q("14.1", "number", clv_1,
       _b(f"A customer brings {_m(50)['en']} of margin a year while he stays; 80% of customers stay each year, money is\n"
          "discounted at 10% a year, the first margin comes in a year. What is his CLV (m × r / (1 + d − r))?",
          f"Клиент приносит {_m(50)['ru']} маржи в год, пока остаётся; каждый год остаются 80 % клиентов, ставка\n"
          "дисконтирования — 10 % в год, первая маржа приходит через год. Чему равен его CLV (m × r / (1 + d − r))?"),
       _b("m × r / (1 + d − r), or ck.formulas.dcf_clv(margin, retention, discount_rate).",
          "m × r / (1 + d − r) или ck.formulas.dcf_clv(маржа, удержание, ставка)."),
       _sol({lang: f"ck.formulas.dcf_clv({M1[lang]}, 0.8, 0.1)  # {M1[lang]} × 0.8 / (1 + 0.1 − 0.8)" for lang in M1},
            "margin × retention / (1 + discount rate − retention)", "маржа × удержание / (1 + ставка − удержание)"),
       prompt=_MONEY_PROMPT,
       feedback=_b("Each future margin is weighted by the chance he is still there and discounted; 0.8 / 0.3 "
                   "is the number of margins this is worth.",
                   "Каждая будущая маржа взвешена вероятностью того, что клиент ещё с вами, и "
                   "продисконтирована: 0,8 / 0,3 — столько годовых марж стоит такой клиент."),
       per_lang=True, rel_tol=0.01),
    _d("14.2", decide_2,
       _b(f"One account manager, two customers. **A** brings {_m(100)['en']} of margin a year and stays with a chance of\n"
          f"50% a year; **B** brings {_m(60)['en']} and stays with 90%. The discount rate is 10%. Whom does he serve?",
          f"Один персональный менеджер, два клиента. **A** приносит {_m(100)['ru']} маржи в год и остаётся с\n"
          f"вероятностью 50 % в год, **B** — {_m(60)['ru']} и 90 %. Ставка — 10 %. Кого он будет вести?"),
       _b("Compare the two CLVs: dcf_clv(margin, retention, 0.1) for each.",
          "Сравните CLV обоих: dcf_clv(маржа, удержание, 0.1) для каждого."),
       _sol({"en": "{k: ck.formulas.dcf_clv(m, r, 0.1) for k, (m, r) in {'a': (100, 0.5), 'b': (60, 0.9)}.items()}",
             "ru": "{k: ck.formulas.dcf_clv(m, r, 0.1) for k, (m, r) in {'a': (10000, 0.5), 'b': (6000, 0.9)}.items()}"},
            "the CLV of each customer; the manager goes to the larger",
            "CLV каждого клиента; менеджер достаётся тому, у кого он больше"),
       prompt=_prompt('"a" or "b"', '"a" или "b"'),
       feedback=_b(f"A is worth {E['c2a']}, B {E['c2b']}: B's smaller margin keeps coming for years.",
                   f"A стоит {R['c2a']}, B — {R['c2b']}: меньшая маржа B приходит много лет подряд."),
       options=("a", "b"), synonyms=AB,
       reasons={"r1": _b("the larger CLV, not this year's margin, decides",
                         "решает больший CLV, а не маржа этого года"),
                "r2": _b("the larger margin this year decides", "решает бо́льшая маржа в этом году"),
                "r3": _b("the higher retention always wins, whatever the margins",
                         "более высокое удержание выигрывает всегда, какой бы ни была маржа")},
       explain={"a": _b(f"A's CLV is only {E['c2a']} against B's {E['c2b']}: half of A's customers are gone each year.",
                        f"CLV клиента A — всего {R['c2a']} против {R['c2b']} у B: каждый год половина таких клиентов уходит."),
                "b": _b(f"B is worth {E['c2b']}, A {E['c2a']}.", f"B стоит {R['c2b']}, A — {R['c2a']}."),
                "r1": _b("Right: CLV adds up every margin still to come, weighted by who stays and discounted.",
                         "Верно: CLV складывает все будущие маржи, взвешенные удержанием и дисконтированные."),
                "r2": _b("This year's margin ignores the years after it, and those are where B earns.",
                         "Маржа этого года не учитывает следующие годы, а именно в них зарабатывает B."),
                "r3": _b(f"Not always: with a margin of {_m(15)['en']} instead of {_m(60)['en']}, B would be worth less than A.",
                         f"Не всегда: с маржой {_m(15)['ru']} вместо {_m(60)['ru']} клиент B стоил бы меньше A.")}),
    _q("14.3", "number", ceiling_3,
       _b(f"A new customer's CLV is {_m(Q3['clv'])['en']} and the company aims at an LTV:CAC of 3:1. What is the most it\n"
          "should pay to acquire one customer?",
          f"CLV нового клиента — {_m(Q3['clv'])['ru']}, компания ориентируется на LTV:CAC 3:1. Сколько максимум стоит\n"
          "платить за привлечение одного клиента?"),
       _b("LTV:CAC = CLV / CAC, so CAC = CLV / target.", "LTV:CAC = CLV / CAC, значит CAC = CLV / цель."),
       _sol({lang: f"ck.formulas.max_acquisition_cost({M3[lang]}, target_ratio=3)" for lang in M3},
            "CLV / 3", "CLV / 3"),
       prompt=_MONEY_PROMPT,
       feedback=_b("The ceiling is CLV / 3: the rest pays for overheads, the error of the estimate and a profit.",
                   "Потолок — CLV / 3: остальное покрывает накладные расходы, ошибку оценки и прибыль."),
       per_lang=True),
    _q("14.4", "set", cut_4,
       _b("Four channels, the CLV of the customers each brings and its CAC:\n\n"
          "| channel | CLV | CAC |\n|---|---|---|\n"
          + "".join(f"| {k} | {_m(v[0])['en']} | {_m(v[1])['en']} |\n" for k, v in Q4.items())
          + "\nFinance keeps a channel only at an LTV:CAC of 2 or more. Which channels do you cut?",
          "Четыре канала, CLV приведённых ими клиентов и CAC:\n\n"
          "| канал | CLV | CAC |\n|---|---|---|\n"
          + "".join(f"| {n} | {_m(v[0])['ru']} | {_m(v[1])['ru']} |\n"
                    for n, v in zip(("search (поиск)", "social (соцсети)", "display (медийная реклама)",
                                     "affiliates (партнёры)"), Q4.values()))
          + "\nФинансовый отдел оставляет канал, только если его LTV:CAC не ниже 2. Какие каналы вы отключите?"),
       _b("Divide each CLV by its CAC; the cheapest CAC is not the point.",
          "Разделите CLV каждого канала на его CAC; самый дешёвый CAC здесь ни при чём."),
       _sol({lang: "channels = " + repr({k: (v[0] * MONEY[lang], v[1] * MONEY[lang]) for k, v in Q4.items()})
                   + "\n{k: clv / cac for k, (clv, cac) in channels.items()}"
             for lang in ("en", "ru")},
            "LTV:CAC of each channel; cut those below 2", "LTV:CAC каждого канала; отключаем те, где меньше 2"),
       prompt=_prompt('a list, e.g. ["search"]', 'список, например ["search"] или ["поиск"]'),
       feedback=_b(f"LTV:CAC: {E['r4']}. Social has the cheapest customers and stays; display and affiliates "
                   "buy customers worth too little for their cost.",
                   f"LTV:CAC: {R['r4']}. У соцсетей самые дешёвые клиенты, и канал остаётся; медийная реклама и "
                   "партнёры приводят клиентов, ценность которых слишком мала для цены их привлечения."),
       options=tuple(Q4), synonyms=CHANNELS),
    _d("14.5", decide_5,
       _b(f"A customer costs {_m(100)['en']} to acquire and brings {_m(20)['en']} of margin at the end of each "
          "month he stays;\n90% stay each month. Finance wants acquisition paid back within 6 months. "
          "Do you accept this channel?",
          f"Привлечение клиента стоит {_m(100)['ru']}; пока клиент остаётся, он приносит {_m(20)['ru']} маржи "
          "в конце каждого месяца;\nкаждый месяц остаются 90 %. Финансовый отдел требует окупить привлечение "
          "за 6 месяцев. Принимаете канал?"),
       _b("Payback counts only the customers still there: ck.formulas.payback_period(margin, cac, retention=...).",
          "Окупаемость считает только оставшихся клиентов: ck.formulas.payback_period(маржа, cac, retention=...)."),
       _b("ck.formulas.payback_period(20, 100, retention=0.9)  # months, against the limit of 6",
          "ck.formulas.payback_period(2000, 10000, retention=0.9)  # месяцев, против предела в 6"),
       prompt=_YES_NO,
       feedback=_b(f"With churn the cost is paid back after {E['p5']} months: too late for the rule.",
                   f"С учётом оттока затраты окупаются за {R['p5']} мес.: позже, чем требует правило."),
       options=("yes", "no"), synonyms=YES_NO,
       reasons={"r1": _b("the cost divided by the monthly margin is within 6 months",
                         "стоимость, делённая на маржу в месяц, укладывается в 6 месяцев"),
                "r3": _b("payback counts only the margins of customers still there",
                         "окупаемость считает только маржу тех, кто остался"),
                "r2": _b("the customer's lifetime margin exceeds his cost, so payback does not matter",
                         "маржа за всю жизнь клиента больше его цены, так что срок окупаемости неважен")},
       explain={"yes": _b(f"Counting only those who stay, the cost is paid back after {E['p5']} months, past the limit of 6.",
                          f"Если считать только оставшихся, затраты окупаются за {R['p5']} мес. — позже предела в 6."),
                "no": _b(f"The cost is paid back after {E['p5']} months, past the limit.",
                         f"Затраты окупаются за {R['p5']} мес. — позже предела."),
                "r1": _b(f"{E['naive5']} = 5 months assumes every customer stays; 10% leave each month.",
                         f"{R['naive5']} = 5 мес. — это если остаются все, а каждый месяц уходят 10 %."),
                "r3": _b("Right: the margins of customers who left never come, so the cost is repaid later.",
                         "Верно: маржа ушедших клиентов не приходит, поэтому затраты окупаются позже."),
                "r2": _b("Finance set the 6-month rule for its cash; a good lifetime value does not meet it.",
                         "Правило шести месяцев финансовый отдел ставит ради денежного потока; хороший CLV его не отменяет.")}),
    _d("14.6", decide_6,
       _b(f"A customer brings {_m(30)['en']} of margin a year, 60% stay each year, the discount rate is 10%. Two projects\n"
          "cost the same: +10% order value, or +10% retention (60% to 66%). Which do you fund?",
          f"Клиент приносит {_m(30)['ru']} маржи в год, остаются 60 % в год, ставка — 10 %. Два проекта стоят\n"
          "одинаково: +10 % к среднему чеку или +10 % к удержанию (с 60 % до 66 %). Какой вы профинансируете?"),
       _b("Compute the CLV before and after each change with dcf_clv.",
          "Посчитайте CLV до и после каждого изменения с помощью dcf_clv."),
       _b("base = ck.formulas.dcf_clv(30, 0.6, 0.1)\n"
          "ck.formulas.dcf_clv(33, 0.6, 0.1) - base, ck.formulas.dcf_clv(30, 0.66, 0.1) - base",
          "base = ck.formulas.dcf_clv(3000, 0.6, 0.1)\n"
          "ck.formulas.dcf_clv(3300, 0.6, 0.1) - base, ck.formulas.dcf_clv(3000, 0.66, 0.1) - base"),
       prompt=_prompt('"aov" or "retention"', '"aov" (средний чек) или "retention" (удержание)'),
       feedback=_b(f"+10% order value adds {E['g6a']}, +10% retention {E['g6r']}: a kept customer pays every margin "
                   "for longer.",
                   f"+10 % к среднему чеку дают {R['g6a']}, +10 % к удержанию — {R['g6r']}: удержанный клиент "
                   "платит каждую маржу дольше."),
       options=("aov", "retention"), synonyms={k: LEVERS[k] for k in ("aov", "retention")},
       reasons={"r1": _b("both are +10%, so they add the same CLV", "оба дают +10 %, значит, прибавляют одинаковый CLV"),
                "r2": _b("higher retention also lengthens the time every margin keeps coming",
                         "удержание ещё и удлиняет время, в течение которого приходит каждая маржа"),
                "r3": _b("order value is paid at once, retention pays only later",
                         "чек платят сразу, а удержание окупается только потом")},
       explain={"aov": _b(f"+10% order value adds only {E['g6a']} of CLV, +10% retention {E['g6r']}.",
                          f"+10 % к чеку дают лишь {R['g6a']} CLV, +10 % к удержанию — {R['g6r']}."),
                "retention": _b(f"Retention adds {E['g6r']}, order value {E['g6a']}.",
                                f"Удержание даёт {R['g6r']}, средний чек — {R['g6a']}."),
                "r1": _b(f"They do not: {E['g6a']} against {E['g6r']}; retention enters the formula twice, "
                         "in the numerator and the denominator.",
                         f"Нет: {R['g6a']} против {R['g6r']}; удержание входит в формулу дважды — в числитель и "
                         "в знаменатель."),
                "r2": _b("Right: each retained customer pays every margin for longer.",
                         "Верно: удержанный клиент платит каждую маржу дольше."),
                "r3": _b("Both are valued over the same lifetime and discounted the same way.",
                         "Оба оцениваются на одном и том же сроке жизни и дисконтируются одинаково.")}),
    _q("14.7", "bool", lambda: steps_7()[1] > steps_7()[0],
       _b(f"A customer brings {_m(100)['en']} a year; the discount rate is 10%. True or False: retention from 80% to 85%\n"
          "adds more to his CLV than from 75% to 80%.",
          f"Клиент приносит {_m(100)['ru']} в год, ставка — 10 %. Верно ли, что рост удержания с 80 % до 85 %\n"
          "прибавляет к его CLV больше, чем рост с 75 % до 80 %?"),
       _b("Compute dcf_clv at 75%, 80% and 85% and compare the two steps.",
          "Посчитайте dcf_clv при 75 %, 80 % и 85 % и сравните два шага."),
       _sol({lang: f"[ck.formulas.dcf_clv({_code_money(100)[lang]}, r, 0.1) for r in (0.75, 0.80, 0.85)]"
             for lang in ("en", "ru")},
            "compare the two differences", "сравните две разницы"),
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback=_b(f"The first step adds {E['s7a']}, the second {E['s7b']}: retention has increasing "
                   "returns, because a retained customer's margins keep coming for longer and longer.",
                   f"Первый шаг даёт {R['s7a']}, второй — {R['s7b']}: у удержания возрастающая отдача, "
                   "потому что маржа удержанного клиента приходит всё дольше.")),
    _q("14.8", "number", simple_8,
       _b(f"The simple formula: an average order of {_m(50)['en']}, 4 orders a year, a margin of 30%, and 25% of\n"
          "customers lost each year (a lifetime of 1 / 0.25 years). What CLV does it give?",
          f"Простая формула: средний чек {_m(50)['ru']}, 4 заказа в год, маржа 30 %, каждый год уходят 25 %\n"
          "клиентов (срок жизни — 1 / 0,25 года). Какой CLV она даёт?"),
       _b("order value × orders a year × margin × lifetime in years.",
          "средний чек × заказов в год × маржа × срок жизни в годах."),
       _sol({lang: f"ck.formulas.simple_clv({M8[lang]}, 4, 0.3, 1 / 0.25)" for lang in M8},
            "order value × orders a year × margin × lifetime", "средний чек × заказов в год × маржа × срок жизни"),
       prompt=_MONEY_PROMPT,
       feedback=_b("A quick first figure: margin × 1 / churn is the expected margin of a customer, "
                   "undiscounted. Its faults: a margin years away counts in full, and one average stands for "
                   "customers who differ a lot.",
                   "Быстрая первая оценка: маржа × 1 / отток — это ожидаемая маржа клиента без "
                   "дисконтирования. Её слабые места: маржа через несколько лет учитывается полностью, а одно "
                   "среднее заменяет очень разных клиентов."),
       per_lang=True),
    _d("14.9", decide_9,
       _b(f"The customers of question 14.8 cost {_m(100)['en']} each. With discounted cash flows\n"
          f"({_m(60)['en']} of margin a year, the first now, 75% stay, 10% discount rate) one is worth {E['dcf9']}.\n"
          "Are they worth buying under a rule of LTV:CAC ≥ 2?",
          f"Привлечение клиента из вопроса 14.8 стоит {_m(100)['ru']}. По дисконтированным денежным потокам\n"
          f"({_m(60)['ru']} маржи в год, первая — сразу, остаются 75 %, ставка 10 %) клиент оценён в {R['dcf9']}.\n"
          "Стоит ли их привлекать при правиле LTV:CAC ≥ 2?"),
       _b("Divide each value of the customer by the CAC: which of the two does the rule mean?",
          "Разделите каждую из двух оценок клиента на CAC: какую из них имеет в виду правило?"),
       _b('ck.formulas.dcf_clv(60, 0.75, 0.1, timing="begin") / 100  # against the rule of 2',
          'ck.formulas.dcf_clv(6000, 0.75, 0.1, timing="begin") / 10000  # против правила 2'),
       prompt=_YES_NO,
       feedback=_b(f"With discounting the ratio is {E['r9d']}, below 2. The simple formula's {E['r9s']} already "
                   "allows for customers leaving; the whole gap is discounting.",
                   f"С дисконтированием соотношение равно {R['r9d']}, ниже 2. Простая формула ({R['r9s']}) уже "
                   "учитывает уход клиентов; весь разрыв — это дисконтирование."),
       options=("yes", "no"), synonyms=YES_NO,
       reasons={"r2": _b("the simple formula's ratio clears 2", "соотношение по простой формуле выше 2"),
                "r1": _b("the rule applies to the discounted value: a margin years away is worth less today",
                         "правило применяется к дисконтированной ценности: маржа через годы стоит сегодня меньше"),
                "r3": _b("the first margin comes now, so the customer pays for himself at once",
                         "первая маржа приходит сразу, так что клиент окупается немедленно")},
       explain={"yes": _b(f"Discounted, the ratio is {E['r9d']}, below 2.",
                          f"С дисконтированием соотношение равно {R['r9d']}, ниже 2."),
                "no": _b(f"The ratio is {E['r9d']}, below the rule of 2.", f"Соотношение — {R['r9d']}, ниже правила 2."),
                "r2": _b(f"{E['r9s']} rests on {E['simple8']}, the expected margin counted in full however late it "
                         "comes: 60 / (1 − 0.75). It allows for who leaves but not for discounting.",
                         f"{R['r9s']} опирается на {R['simple8']} — ожидаемую маржу, учтённую полностью, как бы поздно "
                         "она ни пришла: 6 000 / (1 − 0,75). Уход клиентов здесь учтён, дисконтирование — нет."),
                "r1": _b(f"Right: both values allow for who leaves; only discounting separates {E['r9s']} from "
                         f"{E['r9d']}, and money later is worth less today.",
                         f"Верно: обе оценки учитывают уход клиентов; {R['r9s']} от {R['r9d']} отличает только "
                         "дисконтирование, а деньги потом стоят сегодня меньше."),
                "r3": _b(f"One margin of {_m(60)['en']} does not cover a cost of {_m(100)['en']}.",
                         f"Одна маржа {_m(60)['ru']} не покрывает цену {_m(100)['ru']}.")}),
    _q("14.10", "bool", lambda: cohort_retention_10(3) > cohort_retention_10(1),
       _b("A cohort is half loyal customers (each stays with a chance of 90% a year) and half fickle ones (50%).\n"
          "Nobody's chance ever changes. True or False: the cohort's retention in year 3 is higher than in year 1.",
          "Когорта наполовину состоит из верных клиентов (каждый остаётся с вероятностью 90 % в год)\n"
          "и наполовину из непостоянных (50 %). Ни у кого вероятность не меняется. Верно ли, что удержание когорты на третьем\n"
          "году выше, чем на первом?"),
       _b("Follow 100 customers of each kind for three years and divide the survivors year by year.",
          "Проследите по 100 клиентов каждого типа три года и поделите выживших год к году."),
       {lang: "alive = lambda t: 0.5 * 0.9 ** t + 0.5 * 0.5 ** t\nalive(1) / alive(0), alive(3) / alive(2)"
        for lang in ("en", "ru")},
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback=_b(f"It rises from {E['y1']} to {E['y3']}, yet nobody became more loyal: the fickle customers "
                   "leave first, so the survivors are mostly loyal ones. Do not read it as loyalty growing.",
                   f"Оно растёт с {R['y1']} до {R['y3']}, хотя никто не стал вернее: непостоянные уходят первыми, "
                   "и среди оставшихся больше верных. Это не рост лояльности.")),
    _q("14.11", "number", most_11,
       _b(f"Subscribers bring {_m(100)['en']} of margin a year; 70% stay each year; the discount rate is 10%. An offer\n"
          "would raise retention to 75% for good. What is the most it may cost per subscriber, paid once\n"
          "(CLV = m × r / (1 + d − r))?",
          f"Подписчики приносят {_m(100)['ru']} маржи в год, остаются 70 % в год, ставка — 10 %. Предложение\n"
          "навсегда поднимет удержание до 75 %. Сколько максимум оно может стоить на подписчика (разово)?\n"
          "(CLV = m × r / (1 + d − r))"),
       _b("The break-even cost is the CLV gained: CLV at 75% minus CLV at 70%.",
          "Предельная стоимость — это прирост CLV: CLV при 75 % минус CLV при 70 %."),
       _sol({lang: f"ck.formulas.dcf_clv({M11[lang]}, 0.75, 0.1) - ck.formulas.dcf_clv({M11[lang]}, 0.70, 0.1)"
             for lang in M11},
            "the CLV gained is the most the offer may cost", "прирост CLV — это предельная стоимость предложения"),
       prompt=_MONEY_PROMPT,
       feedback=_b("Any cost below the CLV gained pays; judge it over the customer's whole lifetime, "
                   "the horizon a retention offer works on.",
                   "Окупается любая стоимость ниже прироста CLV; оценивайте его на всём сроке жизни клиента — "
                   "на том горизонте, на котором работает удержание."),
       per_lang=True, rel_tol=0.01),
    _d("14.12", decide_12,
       _b("Two CDNOW customers, both first seen 52 weeks ago and last seen at week 20. **A** made 10 repeat purchases\n"
          "before that, **B** one. Without fitting anything: under BG/NBD, who has more likely left?",
          "Два клиента CDNOW: оба впервые купили 52 недели назад, последний раз — на 20-й неделе. **A** до этого\n"
          "сделал 10 повторных покупок, **B** — одну. Ничего не обучая: кто из них, по логике BG/NBD, скорее ушёл?"),
       _b("BG/NBD reads a silence against the customer's own pace of buying.",
          "BG/NBD сравнивает паузу с собственным темпом покупок клиента."),
       {lang: ("m = ck.models.BGNBD().fit(ck.datasets.load_cdnow_summary())\n"
               "two = pd.DataFrame({'frequency': [10, 1], 'recency': [20, 20], 'T': [52, 52]}, index=['a', 'b'])\n"
               "m.probability_alive(two)") for lang in ("en", "ru")},
       prompt=_prompt('"a" or "b"', '"a" или "b"'),
       feedback=_b(f"P(alive) is {E['pa']} for A and {E['pb']} for B: the silence is long for A's pace, ordinary "
                   "for B's.",
                   f"P(alive) у A — {R['pa']}, у B — {R['pb']}: для темпа A тишина долгая, для темпа B — обычная."),
       options=("a", "b"), synonyms=AB,
       reasons={"r1": _b("fewer purchases mean a customer is more likely gone",
                         "чем меньше покупок, тем вероятнее, что клиент ушёл"),
                "r2": _b("32 silent weeks are unusual for a frequent buyer", "32 недели тишины — редкость для частого покупателя"),
                "r3": _b("both were last seen at week 20, so they are equally likely gone",
                         "оба последний раз купили на 20-й неделе, значит, ушли с равной вероятностью")},
       explain={"a": _b(f"A's P(alive) is {E['pa']}, B's {E['pb']}.", f"P(alive) у A — {R['pa']}, у B — {R['pb']}."),
                "b": _b(f"B's P(alive) is {E['pb']}, far above A's {E['pa']}: B rarely buys, so his silence is ordinary.",
                        f"P(alive) у B — {R['pb']}, намного выше, чем у A ({R['pa']}): B покупает редко, и тишина для "
                        "него обычна."),
                "r1": _b("Silence is read against the customer's own pace: B's single purchase makes a long gap ordinary.",
                         "Тишину сравнивают с темпом самого клиента: при одной покупке долгая пауза для B обычна."),
                "r2": _b("Right: A bought every two weeks, then stopped for 32.",
                         "Верно: A покупал раз в две недели, а потом замолчал на 32 недели."),
                "r3": _b("The same date means different things for customers with different paces.",
                         "Одна и та же дата значит разное для клиентов с разным темпом покупок.")}),
    _q("14.13", "number", at_risk_13,
       _b(f"The model values a customer at a CLV of {_m(250)['en']}; his P(alive) is 0.3. How much expected margin does\n"
          "the company lose if he leaves for good today?",
          f"Модель оценивает CLV клиента в {_m(250)['ru']}, его P(alive) = 0,3. Сколько ожидаемой маржи компания\n"
          "теряет, если он сегодня уйдёт навсегда?"),
       _b("The model's CLV already weighs every future purchase by the chance he is still there.",
          "CLV модели уже взвешивает каждую будущую покупку вероятностью того, что клиент ещё с вами."),
       {lang: f"# CLV = P(alive) × value if alive = 0.3 × ({M13[lang]} / 0.3); all of it is lost\n{M13[lang]}"
        for lang in M13},
       prompt=_MONEY_PROMPT,
       feedback=_b(f"The whole CLV: it is already 0.3 × {E['if_alive']} (his value if alive). Multiplying it "
                   f"by (1 − P(alive)) again, {E['wrong13']}, counts P(alive) twice.",
                   f"Весь CLV: он уже равен 0,3 × {R['if_alive']} (ценность, если клиент активен). Умножить его "
                   f"ещё раз на (1 − P(alive)) — {R['wrong13']} — значит учесть P(alive) дважды."),
       per_lang=True),
    _q("14.14", "number", top_share_14,
       _b("Ten customers' CLVs, in dollars: " + ", ".join(map(str, Q14)) + ". What share of the total value do the\n"
          "top 20% of customers hold (a fraction between 0 and 1)?",
          "CLV десяти клиентов, в тысячах рублей: " + ", ".join(map(str, Q14)) + ". Какая доля общей ценности\n"
          "приходится на лучшие 20 % клиентов (доля от 0 до 1)?"),
       _b("The top 20% of ten customers are the two largest values.",
          "Лучшие 20 % из десяти клиентов — два самых больших значения."),
       {lang: "values = sorted([500, 300, 80, 60, 40, 30, 25, 20, 15, 10], reverse=True)\n"
              "sum(values[:2]) / sum(values)" for lang in ("en", "ru")},
       prompt=_prompt("your answer, a fraction between 0 and 1", "ваш ответ — доля от 0 до 1"),
       feedback=_b("Value is concentrated: a retention budget spread evenly spends most of it on customers "
                   "who hold little of the value.",
                   "Ценность сконцентрирована: бюджет удержания, поделённый поровну, уходит в основном на "
                   "клиентов, у которых её мало."),
       rel_tol=0.0, abs_tol=0.01),
    _d("14.15", decide_15,
       _b(f"A loyalty programme raises retention from 60% to 66% for whoever joins and costs {_m(15)['en']} per member,\n"
          f"once. The base: 1,000 top-tier customers ({_m(120)['en']} of margin a year) and 1,000 low-tier ones\n"
          f"({_m(20)['en']}); the discount rate is 10%. Whom do you offer it to?",
          f"Программа лояльности поднимает удержание участника с 60 % до 66 % и стоит {_m(15)['ru']} на участника\n"
          f"(разово). В базе 1 000 клиентов верхнего уровня ({_m(120)['ru']} маржи в год) и 1 000 нижнего\n"
          f"({_m(20)['ru']}); ставка — 10 %. Кому вы её предложите?"),
       _b("For each tier: CLV gained per member minus the cost.",
          "Для каждого уровня: прирост CLV на участника минус стоимость."),
       {lang: (f"gain = {{m: ck.formulas.dcf_clv(m, 0.66, 0.1) - ck.formulas.dcf_clv(m, 0.6, 0.1) "
               f"for m in ({_code_money(120)[lang]}, {_code_money(20)[lang]})}}\n"
               f"{{m: g - {_code_money(15)[lang]} for m, g in gain.items()}}  # per member, after the cost")
        for lang in ("en", "ru")},
       prompt=_prompt('"everyone", "top" or "nobody"', '"everyone" (всем), "top" (верхнему уровню) или '
                                                       '"nobody" (никому)'),
       feedback=_b(f"The top tier alone earns {E['n15t']}, everyone {E['n15e']}: the low tier costs more than it gains.",
                   f"Только верхний уровень даёт {R['n15t']}, все вместе — {R['n15e']}: нижний уровень стоит "
                   "больше, чем прибавляет."),
       options=("everyone", "top", "nobody"), synonyms=TARGETS,
       reasons={"r1": _b("offer it where the CLV it adds per member exceeds its cost",
                         "предлагать там, где прирост CLV на участника больше стоимости"),
                "r2": _b("retention is the strongest driver, so everyone should get it",
                         "удержание — самый сильный фактор, значит, программа нужна всем"),
                "r3": _b("a cost paid up front by every member never pays back",
                         "разовая плата за каждого участника никогда не окупается")},
       explain={"everyone": _b(f"A low-tier member gains {E['gain15l']} of CLV for a cost of {E['c15']}: everyone "
                               f"earns {E['n15e']}, the top tier alone {E['n15t']}.",
                               f"Участник нижнего уровня прибавляет {R['gain15l']} CLV при стоимости {R['c15']}: "
                               f"все вместе дают {R['n15e']}, один верхний уровень — {R['n15t']}."),
                "top": _b(f"A top-tier member gains {E['gain15t']} for {E['c15']}, a low-tier one only {E['gain15l']}.",
                          f"Участник верхнего уровня прибавляет {R['gain15t']} при {R['c15']}, нижнего — лишь "
                          f"{R['gain15l']}."),
                "nobody": _b(f"The top tier earns {E['n15t']} net: a top-tier member gains {E['gain15t']} for {E['c15']}.",
                             f"Верхний уровень даёт {R['n15t']} чистыми: участник прибавляет {R['gain15t']} при "
                             f"{R['c15']}."),
                "r1": _b("Right: the same lift in retention is worth six times more on a margin six times larger.",
                         "Верно: тот же прирост удержания стоит вшестеро больше при вшестеро большей марже."),
                "r2": _b(f"A strong driver can still cost more than it adds: {E['gain15l']} against {E['c15']} "
                         "for a low-tier member.",
                         f"Сильный фактор всё равно может стоить больше, чем даёт: {R['gain15l']} против "
                         f"{R['c15']} у нижнего уровня."),
                "r3": _b(f"It pays back where the CLV gained is larger: {E['gain15t']} against {E['c15']}.",
                         f"Она окупается там, где прирост CLV больше: {R['gain15t']} против {R['c15']}.")}),
    _d("14.16", decide_16,
       _b(f"The offer of question 14.11 (retention from 70% to 75%) costs {_m(15)['en']} per customer. Finance judges\n"
          "every programme on its first 12 months (one margin). What do you recommend to finance?",
          f"Предложение из вопроса 14.11 (удержание с 70 % до 75 %) стоит {_m(15)['ru']} на клиента. Финансовый отдел\n"
          "оценивает любую программу по первым 12 месяцам (одна маржа). Что вы порекомендуете финансистам?"),
       _b("dcf_clv(..., periods=1) counts only the first year; without periods=, the whole lifetime.",
          "dcf_clv(..., periods=1) учитывает только первый год, без periods= — весь срок жизни."),
       {lang: (f"for n in (1, None):\n    print(n, ck.formulas.dcf_clv({M11[lang]}, 0.75, 0.1, periods=n) - "
               f"ck.formulas.dcf_clv({M11[lang]}, 0.70, 0.1, periods=n))  # against {_code_money(15)[lang]}")
        for lang in ("en", "ru")},
       prompt=_prompt('"approve" or "reject"', '"approve" (одобрить) или "reject" (отклонить)'),
       feedback=_b(f"In 12 months it adds {E['u16a']} against a cost of {E['c16']}, over the lifetime {E['u16l']}: "
                   "recommend it, and show finance both figures — the 12-month one as the payback, the lifetime one "
                   "as the value.",
                   f"За 12 месяцев оно даёт {R['u16a']} при стоимости {R['c16']}, за весь срок жизни — {R['u16l']}: "
                   "рекомендуйте одобрить и покажите финансистам обе цифры — 12 месяцев как срок окупаемости, весь "
                   "срок жизни как ценность."),
       options=("approve", "reject"), synonyms=APPROVE,
       reasons={"r1": _b("in its first 12 months it adds less than it costs",
                         "за первые 12 месяцев оно даёт меньше, чем стоит"),
                "r3": _b("it pays in the years it adds, so judge it over the customer's lifetime",
                         "оно окупается за счёт добавленных лет, поэтому оценивать его надо на всём сроке жизни"),
                "r2": _b("any programme should pay back within a year", "любая программа должна окупаться за год")},
       explain={"approve": _b(f"Over the customer's lifetime it adds {E['u16l']} for {E['c16']}.",
                              f"За весь срок жизни оно даёт {R['u16l']} при стоимости {R['c16']}."),
                "reject": _b(f"Only 12 months show a loss ({E['u16a']} for {E['c16']}); over the lifetime it adds "
                             f"{E['u16l']}.",
                             f"Убыток видно только за 12 месяцев ({R['u16a']} при {R['c16']}); за весь срок жизни "
                             f"оно даёт {R['u16l']}."),
                "r1": _b("True, but a retention programme earns in the later years; one year cuts them off.",
                         "Это так, но программа удержания зарабатывает в следующие годы, а один год их отрезает."),
                "r3": _b("Right: a cost paid once, a gain in every later year.",
                         "Верно: затраты разовые, а выигрыш — в каждом следующем году."),
                "r2": _b("A payback limit is a cash rule, not a test of value; this offer would fail it and still pay.",
                         "Срок окупаемости — правило для денежного потока, а не мера ценности; предложение его не "
                         "выполнит и всё равно окупится.")}),
    _d("14.17", decide_17,
       _b(f"In a randomised test of product recommendations (1,000 customers a group), the treated customers'\n"
          f"average order was {_m(54)['en']} against {_m(50)['en']} in the control group, and they made 2.02 orders each\n"
          "against 2.00. Which lever do you enter into the strategy simulator?",
          f"В рандомизированном тесте рекомендаций (по 1 000 клиентов в группе) средний чек тестовой группы —\n"
          f"{_m(54)['ru']} против {_m(50)['ru']} в контрольной, заказов на клиента — 2,02 против 2,00. Какой рычаг вы\n"
          "введёте в симулятор?"),
       _b("Could 0.02 orders a customer differ between two random groups of 1,000 by chance alone?",
          "Могут ли две случайные группы по 1 000 человек различаться на 0,02 заказа на клиента просто случайно?"),
       _sol({lang: "54 / 50 - 1, 2.02 / 2.00 - 1\n"
                   "(2.02 - 2.00) / ((2.02 + 2.00) / 1000) ** 0.5  # the frequency gap in standard errors"
             for lang in ("en", "ru")},
            "relative lifts, then the frequency gap against chance (orders counted as Poisson)",
            "относительные приросты, затем разница частоты против случайности (заказы как пуассоновские)"),
       prompt=_prompt('"aov" or "frequency"', '"aov" (средний чек) или "frequency" (частота)'),
       feedback=_b(f"Order value rose {E['l17a']}; frequency's {E['l17f']} is {E['z17']} standard errors, well "
                   "within chance: recommendations fill the basket (the pattern Amazon's are known for).",
                   f"Средний чек вырос на {R['l17a']}; рост частоты на {R['l17f']} — это {R['z17']} стандартной "
                   "ошибки, в пределах случайности: рекомендации наполняют корзину (так работают рекомендации Amazon)."),
       options=("aov", "frequency"), synonyms={k: LEVERS[k] for k in ("aov", "frequency")},
       reasons={"r1": _b("frequency's 1% rise is within a test's noise; order value's 8% is the effect",
                         "рост частоты на 1 % в пределах шума теста; эффект — рост чека на 8 %"),
                "r2": _b("recommendations are known to make people buy more often",
                         "известно, что рекомендации заставляют покупать чаще"),
                "r3": _b(f"the change in money ({_m(4)['en']}) is larger than the change in orders (0.02)",
                         f"изменение в деньгах ({_m(4)['ru']}) больше изменения в заказах (0,02)")},
       explain={"aov": _b(f"Order value rose {E['l17a']}, frequency {E['l17f']}.",
                          f"Средний чек вырос на {R['l17a']}, частота — на {R['l17f']}."),
                "frequency": _b(f"Frequency rose only {E['l17f']}, order value {E['l17a']}.",
                                f"Частота выросла лишь на {R['l17f']}, средний чек — на {R['l17a']}."),
                "r1": _b(f"Right: with 1,000 customers a group, 0.02 orders is {E['z17']} standard errors, what "
                         "chance alone gives; enter the order value's lift and leave frequency alone.",
                         f"Верно: при 1 000 клиентов в группе 0,02 заказа — это {R['z17']} стандартной ошибки, "
                         "столько даёт и случайность; вводите прирост чека, а частоту не трогайте."),
                "r2": _b(f"Not in this test: frequency moved {E['l17f']}.", f"Не в этом тесте: частота выросла на {R['l17f']}."),
                "r3": _b("Money and orders are different units; only relative changes compare.",
                         "Деньги и заказы — разные единицы; сравнимы только относительные изменения.")}),
    _d("14.18", decide_18,
       _b(f"Loyalty-card members spend {_m(40)['en']} a month, other customers {_m(28)['en']}. In a randomised test,\n"
          f"customers invited to join (half of them joined) spent {_m(33)['en']} a month against {_m(30)['en']} in the\n"
          "control group. Which uplift per invited customer goes into the business case, the members' gap or\n"
          "the test's?",
          f"Владельцы карты лояльности тратят {_m(40)['ru']} в месяц, остальные — {_m(28)['ru']}. В рандомизированном\n"
          f"тесте приглашённые в программу (вступила половина) тратили {_m(33)['ru']} в месяц против {_m(30)['ru']} в\n"
          "контрольной группе. Какую прибавку на приглашённого клиента вы заложите в бизнес-кейс: разрыв у владельцев\n"
          "карты или разницу из теста?"),
       _b("Which of the two gaps compares like with like?", "Какая из двух разниц сравнивает сравнимое?"),
       _sol({lang: f"{_code_money(33)[lang]} - {_code_money(30)[lang]}, {_code_money(40)[lang]} - "
                   f"{_code_money(28)[lang]}" for lang in ("en", "ru")},
            "the test's difference, then the members' gap", "разница из теста, затем разрыв у владельцев карты"),
       prompt=_prompt('"test" or "members"', '"test" (тест) или "members" (владельцы карты)'),
       feedback=_b(f"The test's {_m(3)['en']} a month per invited customer ({E['member18']} per member), not the members' "
                   f"{E['gap18']}: joiners were already big spenders.",
                   f"Разница из теста, {_m(3)['ru']} в месяц на приглашённого ({R['member18']} на участника), а не "
                   f"{R['gap18']} у владельцев карты: вступают те, кто и так тратил больше."),
       options=("test", "members"), synonyms=SOURCES,
       reasons={"r1": _b("the test's figure is smaller, so it is the prudent one",
                         "цифра из теста меньше, значит, она осторожнее"),
                "r2": _b("only the test compares like with like: members chose to join",
                         "только тест сравнивает сравнимое: владельцы карты сами решили вступить"),
                "r3": _b("members spend more, and the card is what made them spend",
                         "владельцы карты тратят больше, и это заслуга карты")},
       explain={"test": _b(f"The test's {_m(3)['en']} a month per invited customer is the programme's own effect.",
                           f"{_m(3)['ru']} в месяц на приглашённого из теста — собственный эффект программы."),
                "members": _b(f"The members' gap of {E['gap18']} is partly self-selection: those who join were "
                              "already the bigger spenders.",
                              f"Разрыв в {R['gap18']} отчасти объясняется самоотбором: вступают те, кто и так "
                              "тратил больше."),
                "r1": _b("Being smaller is not the point: a test could also show a larger effect; it is right "
                         "because the groups were chosen at random.",
                         "Дело не в том, что меньше: тест мог бы показать и больший эффект; он верен, потому что "
                         "группы выбраны случайно."),
                "r2": _b("Right: random invitation makes the two groups alike in everything but the programme.",
                         "Верно: случайное приглашение делает группы одинаковыми во всём, кроме программы."),
                "r3": _b(f"The test shows the card adds {E['member18']} a month per member ({_m(3)['en']} / "
                         f"{E['join18']} joined), half the members' gap of {E['gap18']}.",
                         f"Тест показывает, что карта прибавляет {R['member18']} в месяц на участника ({_m(3)['ru']} / "
                         f"{R['join18']} вступивших) — половину разрыва в {R['gap18']}.")}),
    _q("14.19", "bool", total_ranks_19,
       _b(f"A model's forecast of next year's total purchases by your {Q19['customers']} customers is "
          f"{_pct(Q19['model_total_off'], 'en')} off the\n"
          f"actual, the naive forecast's {_pct(Q19['naive_total_off'], 'en')}. True or False: this shows the model is "
          "the better\nguide to which customers to call.",
          f"Прогноз модели для суммы покупок ваших {Q19['customers']} клиентов за следующий год отличается от "
          f"факта на {_pct(Q19['model_total_off'], 'ru')},\n"
          f"наивный прогноз — на {_pct(Q19['naive_total_off'], 'ru')}. Верно ли, что это показывает: модель "
          "лучше подскажет, кому звонить?"),
       _b("Can forecasts that are wrong for every customer add up to the right total?",
          "Могут ли прогнозы, неверные для каждого клиента, в сумме дать верный итог?"),
       _sol({lang: "actual, forecast = [1, 2, 6], [6, 2, 1]\nsum(forecast) == sum(actual)  # yet the order is reversed"
             for lang in ("en", "ru")},
            "a forecast with the exact total that ranks customers backwards",
            "прогноз с точным итогом, который ранжирует клиентов задом наперёд"),
       prompt=_prompt("True or False", "True (верно) или False (неверно)"),
       feedback=_b("False: errors cancel in a total, so it can be right while every customer is wrong. To choose "
                   "whom to call, compare the error per customer with the naive forecast's.",
                   "Неверно: в сумме ошибки гасят друг друга, и итог может быть точным при ошибке на каждом "
                   "клиенте. Чтобы выбрать, кому звонить, сравните ошибку на клиента с ошибкой наивного прогноза.")),
    _d("14.20", decide_20,
       _b(f"A cohort: C1 = 5%, an average order of {_m(200)['en']}, cost of goods {_m(120)['en']} an order, APC = 1.5.\n"
          f"Finance asks for a ROMI of at least 50%. Users cost {_m(5)['en']} each. Do you keep buying them?",
          f"Когорта: C1 = 5 %, средний чек {_m(200)['ru']}, себестоимость заказа {_m(120)['ru']}, APC = 1,5.\n"
          f"Финансовый отдел требует ROMI не ниже 50 %. Пользователь стоит {_m(5)['ru']}. Продолжаете покупать трафик?"),
       _b("The ceiling is ARPU / (1 + ROMI), with ARPU = C1 × (AvP − COGS) × APC.",
          "Потолок — ARPU / (1 + ROMI), где ARPU = C1 × (AvP − COGS) × APC."),
       _sol({lang: (f"ue.max_cpa(c1=0.05, arppu=ue.arppu(avp={M20[lang]}, cogs={_code_money(120)[lang]}, apc=1.5), "
                    "target_romi=0.5)") for lang in ("en", "ru")},
            "the ceiling on CPA at ROMI 50%, against the price of a user",
            "потолок CPA при ROMI 50 % сравниваем с ценой пользователя"),
       prompt=_YES_NO,
       feedback=_b(f"The most a user may cost is {E['c20']}; at {E['cpa20']} the channel misses the target.",
                   f"Пользователь может стоить не больше {R['c20']}; по {R['cpa20']} канал не выходит на цель."),
       options=("yes", "no"), synonyms=YES_NO,
       reasons={"r2": _b("a user brings more margin (ARPU) than he costs", "пользователь приносит больше маржи (ARPU), чем стоит"),
                "r1": _b("the price must be at most ARPU / (1 + ROMI)", "цена должна быть не выше ARPU / (1 + ROMI)"),
                "r3": _b("a C1 of 5% is too low for any channel", "C1 в 5 % слишком мала для любого канала")},
       explain={"yes": _b(f"At ROMI 50% a user may cost at most {E['c20']}; he costs {E['cpa20']}.",
                          f"При ROMI 50 % пользователь может стоить не больше {R['c20']}, а стоит {R['cpa20']}."),
                "no": _b(f"The ceiling is {E['c20']}, below the price of {E['cpa20']}.",
                         f"Потолок — {R['c20']}, ниже цены {R['cpa20']}."),
                "r2": _b(f"ARPU is {E['arpu20']}, above {E['cpa20']}: that is a ROMI of 20%, not the 50% asked for.",
                         f"ARPU равен {R['arpu20']}, больше {R['cpa20']}: это ROMI 20 %, а не требуемые 50 %."),
                "r1": _b("Right: the target ROMI sets the ceiling.", "Верно: целевой ROMI задаёт потолок."),
                "r3": _b("C1 alone decides nothing: with a larger basket the same 5% would pay.",
                         "C1 сама по себе ничего не решает: при большем чеке те же 5 % окупились бы.")}),
]
