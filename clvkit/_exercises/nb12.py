"""Exercises of notebook 12 (unit economics and CLV).

All three use the notebook's cohort of a (synthetic) Russian online store that sells on its
own site and on marketplaces, in roubles in both tracks. Every figure an exercise states or
reveals is computed here by :mod:`clvkit.unit_economics`, never typed.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise
from ._roubles import rub, signed_rub

#: The notebook's cohort: a month of advertising, in roubles.
COHORT = dict(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80)
#: 12.1: the ROMI the finance team asks of a channel.
TARGET_ROMI = 0.3
#: 12.2: the two projects of the same cost.
LANDING_C1, EMAILS_APC = 0.05, 2.1
#: 12.3: the CLV view (months) and the two +10 % changes.
RETENTION, PERIODS, ANNUAL_DISCOUNT_RATE, LIFT = 0.85, 12, 0.2, 0.1

#: Words accepted for the two options, in both languages (teach compares them like the options).
SYNONYMS = {
    "c1": ("с1", "conversion", "conversion rate", "first purchase", "first purchases",
           "конверсия", "конверсию", "конверсии", "конверсия в покупку", "первая покупка", "первые покупки"),
    "apc": ("арс", "purchases", "repeat purchases", "purchases per buyer", "orders", "repeat orders",
            "покупки", "число покупок", "количество покупок", "повторные покупки", "заказы", "повторные заказы"),
}
#: 12.2 names the projects too: the landing page raises C1, the e-mails raise APC.
PROJECT_SYNONYMS = {
    "c1": SYNONYMS["c1"] + ("landing", "landing page", "the landing page", "лендинг", "новый лендинг"),
    "apc": SYNONYMS["apc"] + ("e-mails", "emails", "e-mail chain", "loyalty", "письма", "цепочка писем",
                              "рассылка", "лояльность"),
}


def _pct(value: float, lang: str, decimals: int = 0) -> str:
    from ..i18n import format_percent

    return format_percent(value, lang, decimals=decimals)


def _num(value: float, lang: str, decimals: int = 1) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=decimals)


def _cohort(**change):
    from ..unit_economics import unit_economics

    return unit_economics(**{**COHORT, **change})


# ------------------------------------------------------------------ 12.1
def _max_cpa() -> float:
    from ..unit_economics import arppu, max_cpa

    margin = arppu(avp=COHORT["avp"], cogs=COHORT["cogs"], apc=COHORT["apc"])
    return float(max_cpa(c1=COHORT["c1"], arppu=margin, target_romi=TARGET_ROMI))


# ------------------------------------------------------------------ 12.2
@lru_cache(maxsize=1)
def project_gains() -> dict[str, float]:
    """Contribution margin each project adds to the cohort, in roubles: ``{"c1": ..., "apc": ...}``."""
    base = _cohort().cm
    return {"c1": float(_cohort(c1=LANDING_C1).cm - base), "apc": float(_cohort(apc=EMAILS_APC).cm - base)}


def _raise_c1_or_apc() -> str:
    gains = project_gains()
    return "c1" if gains["c1"] > gains["apc"] else "apc"


# ------------------------------------------------------------------ 12.3
def _monthly_discount_rate() -> float:
    from ..units import rate_per_unit

    return rate_per_unit(ANNUAL_DISCOUNT_RATE, "M")


def clv_view_margin(c1: float, apc: float) -> float:
    """The cohort's contribution margin when each buyer is worth his value with retention and discounting."""
    from ..unit_economics import compare_with_clv

    views = compare_with_clv(avp=COHORT["avp"], cogs=COHORT["cogs"], apc=apc, periods=PERIODS, retention=RETENTION,
                             discount_rate=_monthly_discount_rate())
    value = float(views.loc["with_retention_and_discounting", "value"])
    return COHORT["ua"] * (c1 * value - COHORT["cpa"])


@lru_cache(maxsize=1)
def lift_gains() -> dict[str, dict[str, float]]:
    """What +10 % of C1 and +10 % of APC add: ``{"unit_economics": {...}, "clv_view": {...}}``, in roubles."""
    c1, apc = COHORT["c1"], COHORT["apc"]
    base_ue, base_clv = _cohort().cm, clv_view_margin(c1, apc)
    return {
        "unit_economics": {"c1": float(_cohort(c1=c1 * (1 + LIFT)).cm - base_ue),
                           "apc": float(_cohort(apc=apc * (1 + LIFT)).cm - base_ue)},
        "clv_view": {"c1": clv_view_margin(c1 * (1 + LIFT), apc) - base_clv,
                     "apc": clv_view_margin(c1, apc * (1 + LIFT)) - base_clv},
    }


def _lift_worth_more() -> str:
    gains = lift_gains()["clv_view"]
    return "c1" if gains["c1"] > gains["apc"] else "apc"


# ------------------------------------------------------------------ texts with computed figures
def _texts() -> dict:
    """The figures the questions, feedback and solutions quote, written for each language."""
    from ..unit_economics import unit_economics

    base = unit_economics(**COHORT)
    projects, lifts = project_gains(), lift_gains()
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {
            "cpa": rub(COHORT["cpa"], lang),
            "arpu": rub(base.arpu, lang),
            "loss": rub(COHORT["cpa"] - base.arpu, lang),
            "ceiling": rub(_max_cpa(), lang),
            "romi": _pct(TARGET_ROMI, lang),
            "divisor": _num(1 + TARGET_ROMI, lang),
            "landing": signed_rub(projects["c1"], lang),
            "emails": signed_rub(projects["apc"], lang),
            "c1_share": _pct(LANDING_C1 / COHORT["c1"] - 1, lang),
            "apc_share": _pct(EMAILS_APC / COHORT["apc"] - 1, lang, decimals=1),
            "same": signed_rub(lifts["unit_economics"]["c1"], lang),
            "clv_c1": signed_rub(lifts["clv_view"]["c1"], lang),
            "clv_apc": signed_rub(lifts["clv_view"]["apc"], lang),
        }
    return out


T = _texts()

_CHOICE_PROMPT = {
    "en": 'your answer: "c1" or "apc", then your reason in a comment',
    "ru": 'ваш ответ: "c1" или "apc" (можно "конверсия" или "покупки"), причину — в комментарии',
}

EXERCISES = [
    Exercise(
        key="12.1",
        question={
            "en": (
                f"Finance approves a channel only if its ROMI is at least {T['en']['romi']}. What is the highest\n"
                f"CPA, in roubles, at which the cohort above (`COHORT`) reaches a ROMI of {T['en']['romi']}? And\n"
                f"should we keep buying traffic at {T['en']['cpa']} a user? Answer with the number; the feedback\n"
                "then tells you whether your decision matches it."
            ),
            "ru": (
                f"Финансовый отдел согласует канал, только если ROMI не ниже {T['ru']['romi']}. Какой\n"
                f"максимальный CPA в рублях позволяет когорте из ячейки выше (`COHORT`) выйти на ROMI {T['ru']['romi']}?\n"
                f"И стоит ли дальше покупать трафик по {T['ru']['cpa']} за пользователя? Ответьте числом, а\n"
                "отзыв после проверки покажет, верно ли ваше решение о канале."
            ),
        },
        prompt={
            "en": "your answer, in roubles per user",
            "ru": "ваш ответ, в рублях за пользователя",
        },
        feedback={
            "en": (f"ARPU / (1 + ROMI) = {T['en']['arpu']} / {T['en']['divisor']}. At {T['en']['cpa']} the channel "
                   f"is above even the break-even {T['en']['arpu']}: every user loses {T['en']['loss']}, so stop "
                   "buying at this price or renegotiate it."),
            "ru": (f"ARPU / (1 + ROMI) = {T['ru']['arpu']} / {T['ru']['divisor']}. Канал по {T['ru']['cpa']} дороже "
                   f"даже точки безубыточности ({T['ru']['arpu']}): каждый пользователь приносит {T['ru']['loss']} "
                   "убытка, поэтому по такой цене трафик покупать не стоит — остановите канал или договоритесь "
                   "о более низкой цене."),
        },
        kind="number",
        expected=_max_cpa,
        rel_tol=0.01,  # 55 ₽, the figure in whole roubles, is right too
        decimals=2,
        hint={
            "en": "ROMI = ARPU / CPA − 1, so CPA = ARPU / (1 + ROMI). Start from ARPU = C1 × ARPPU, "
                  "or let ue.max_cpa(c1=..., arppu=..., target_romi=...) do it.",
            "ru": "ROMI = ARPU / CPA − 1, поэтому CPA = ARPU / (1 + ROMI). Начните с ARPU = C1 × ARPPU "
                  "или поручите расчёт функции ue.max_cpa(c1=..., arppu=..., target_romi=...).",
        },
        solution={
            "en": ("# the most a user may cost so that ROMI = 30%: ARPU / 1.3\n"
                   "ue.max_cpa(c1=0.04, arppu=ue.arppu(avp=2500, cogs=1500, apc=1.8), target_romi=0.3)"),
            "ru": ("# сколько максимум может стоить пользователь, чтобы ROMI = 30 %: ARPU / 1,3\n"
                   "ue.max_cpa(c1=0.04, arppu=ue.arppu(avp=2500, cogs=1500, apc=1.8), target_romi=0.3)"),
        },
    ),
    Exercise(
        key="12.2",
        question={
            "en": (
                "Two projects cost the same. A new landing page would lift C1 from 4% to 5%; a chain of\n"
                "e-mails to buyers would lift APC from 1.8 to 2.1. Which one adds more contribution margin to\n"
                'the cohort? Answer `"c1"` or `"apc"` and write your reason in a comment under the answer.'
            ),
            "ru": (
                "Два проекта стоят одинаково. Новый лендинг поднимет C1 с 4 % до 5 %, цепочка писем\n"
                "покупателям поднимет APC с 1,8 до 2,1. Какой проект сильнее увеличит маржинальную прибыль\n"
                'когорты? Ответьте `"c1"` или `"apc"`, а причину запишите комментарием под ответом.'
            ),
        },
        prompt=_CHOICE_PROMPT,
        feedback={
            "en": (f"The landing page adds {T['en']['landing']}, the e-mails {T['en']['emails']}. CM depends on the "
                   f"product C1 × APC: one point more of C1 raises it by {T['en']['c1_share']}, 0.3 more APC only "
                   f"by {T['en']['apc_share']}."),
            "ru": (f"Лендинг даёт {T['ru']['landing']}, письма — {T['ru']['emails']}. Маржинальная прибыль зависит "
                   f"от произведения C1 × APC: один процентный пункт к C1 увеличивает его на {T['ru']['c1_share']}, "
                   f"а +0,3 к APC — только на {T['ru']['apc_share']}."),
        },
        kind="choice",
        expected=_raise_c1_or_apc,
        options=("c1", "apc"),
        synonyms=PROJECT_SYNONYMS,
        hint={
            "en": "CM = UA × (C1 × (AvP − COGS) × APC − CPA) depends on the product C1 × APC. "
                  "Which change raises that product by the larger percentage?",
            "ru": "CM = UA × (C1 × (AvP − COGS) × APC − CPA) зависит от произведения C1 × APC. "
                  "Какое изменение увеличивает его на больший процент?",
        },
        solution={
            "en": ("base = ue.unit_economics(**COHORT).cm\n"
                   f'gain_c1 = ue.unit_economics(**{{**COHORT, "c1": 0.05}}).cm - base    # {T["en"]["landing"]}\n'
                   f'gain_apc = ue.unit_economics(**{{**COHORT, "apc": 2.1}}).cm - base   # {T["en"]["emails"]}\n'
                   '"c1" if gain_c1 > gain_apc else "apc"'),
            "ru": ("base = ue.unit_economics(**COHORT).cm\n"
                   f'gain_c1 = ue.unit_economics(**{{**COHORT, "c1": 0.05}}).cm - base    # {T["ru"]["landing"]}\n'
                   f'gain_apc = ue.unit_economics(**{{**COHORT, "apc": 2.1}}).cm - base   # {T["ru"]["emails"]}\n'
                   '"c1" if gain_c1 > gain_apc else "apc"  # прибавка больше у конверсии'),
        },
    ),
    Exercise(
        key="12.3",
        question={
            "en": (
                "In unit economics, +10% of C1 (4% → 4.4%) and +10% of APC (1.8 → 1.98) add the same\n"
                f"contribution margin: {T['en']['same']} each. Now take the CLV view of the section above: the\n"
                "1.8 orders are what a buyer makes if he stays all year, 85% of buyers stay each month, and\n"
                "money is discounted at 20% a year. Which +10% is worth more now? Answer `\"c1\"` or `\"apc\"`\n"
                "and write why in a comment."
            ),
            "ru": (
                "В юнит-экономике +10 % к C1 (4 % → 4,4 %) и +10 % к APC (1,8 → 1,98) дают одинаковую\n"
                f"прибавку маржинальной прибыли: по {T['ru']['same']}. Теперь посчитайте с учётом удержания и\n"
                "дисконтирования, как в разделе выше: 1,8 заказа покупатель делает, если остаётся с магазином\n"
                "весь год, каждый месяц остаются 85 % покупателей, ставка дисконтирования — 20 % в год. Какая\n"
                'из двух прибавок теперь ценнее? Ответьте `"c1"` или `"apc"` и объясните в комментарии почему.'
            ),
        },
        prompt=_CHOICE_PROMPT,
        feedback={
            "en": (f"With retention and discounting, +10% of C1 adds {T['en']['clv_c1']} and +10% of APC only "
                   f"{T['en']['clv_apc']}: a new buyer's first order comes now and for sure, while the extra APC "
                   "is repeat orders later, which churn and discounting shrink."),
            "ru": (f"С учётом удержания и дисконтирования +10 % к C1 дают {T['ru']['clv_c1']}, а +10 % к APC — "
                   f"только {T['ru']['clv_apc']}: первую покупку новый покупатель делает сразу и наверняка, а "
                   "прибавка к APC — это повторные покупки в будущем, и их уменьшают отток и дисконтирование."),
        },
        kind="choice",
        expected=_lift_worth_more,
        options=("c1", "apc"),
        synonyms=SYNONYMS,
        hint={
            "en": "Which orders does each lever add: first orders now, or repeat orders later? "
                  "Which of them depend on the buyer still being there?",
            "ru": "Какие покупки добавляет каждый рычаг: первые и сразу или повторные и позже? "
                  "Какие из них зависят от того, остался ли покупатель?",
        },
        solution={
            "en": ("def clv_cm(c1, apc):  # the cohort's CM when a buyer is worth his CLV-view value\n"
                   "    views = ue.compare_with_clv(avp=2500, cogs=1500, apc=apc, periods=12, retention=0.85,\n"
                   "                                discount_rate=d)\n"
                   '    return 10_000 * (c1 * views.loc["with_retention_and_discounting", "value"] - 80)\n'
                   "base = clv_cm(0.04, 1.8)\n"
                   f"clv_cm(0.044, 1.8) - base, clv_cm(0.04, 1.98) - base  # {T['en']['clv_c1']}, "
                   f"{T['en']['clv_apc']}"),
            "ru": ("def clv_cm(c1, apc):  # CM когорты, если покупатель стоит столько, сколько в расчёте CLV\n"
                   "    views = ue.compare_with_clv(avp=2500, cogs=1500, apc=apc, periods=12, retention=0.85,\n"
                   "                                discount_rate=d)\n"
                   '    return 10_000 * (c1 * views.loc["with_retention_and_discounting", "value"] - 80)\n'
                   "base = clv_cm(0.04, 1.8)\n"
                   f"clv_cm(0.044, 1.8) - base, clv_cm(0.04, 1.98) - base  # {T['ru']['clv_c1']}, "
                   f"{T['ru']['clv_apc']}"),
        },
    ),
]
