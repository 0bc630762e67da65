"""Exercises of notebook 12 (unit economics and CLV): two decisions.

Both use the notebook's (synthetic) Russian online store, in roubles in both tracks. 12.1: which
channel gets the next rouble at today's CPA; 12.2: which +10 % lever is worth more once retention and
discounting are counted. Every figure an exercise states, explains or reveals is computed here by
:mod:`clvkit.unit_economics`, never typed.
"""

from __future__ import annotations

from functools import lru_cache

from ..i18n import plural
from ..teach import Exercise
from ._roubles import rub, signed_rub

#: Russian forms of «user» after a number: 1 пользователь, 3 пользователя, 5 пользователей.

#: The notebook's cohort: a month of advertising, in roubles.
COHORT = dict(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80)
#: The notebook's three channels (one value per channel, in this order).
CHANNEL_NAMES = ("search", "social", "marketplace")
CHANNELS = dict(ua=(5_000, 15_000, 20_000), c1=(0.05, 0.02, 0.06), avp=(2500, 2200, 2000),
                cogs=(1500, 1400, 1500), apc=(1.8, 1.5, 1.4), cpa=(70, 30, 35))
#: 12.1: the extra budget a month, spent at each channel's current CPA.
BUDGET = 100_000
#: 12.2: the CLV view (months, retention a month, discount rate a year) and the two +10 % changes.
RETENTION, PERIODS, ANNUAL_DISCOUNT_RATE, LIFT = 0.85, 12, 0.2, 0.1

CHANNEL_SYNONYMS = {
    "search": ("поиск", "поисковая реклама", "контекст", "search ads"),
    "social": ("соцсети", "социальные сети", "таргет", "social networks", "social ads"),
    "marketplace": ("маркетплейс", "маркетплейсы", "реклама на маркетплейсе"),
}
LEVER_SYNONYMS = {
    "c1": ("с1", "conversion", "landing", "landing page", "конверсия", "конверсию", "лендинг", "новый лендинг"),
    "apc": ("арс", "repeat purchases", "e-mails", "emails", "e-mail chain", "повторные покупки", "письма",
            "цепочка писем", "рассылка"),
}


def _pct(value: float, lang: str, decimals: int = 1) -> str:
    from ..i18n import format_percent

    return format_percent(value, lang, decimals=decimals)


def _num(value: float, lang: str, decimals: int = 2) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=decimals)


# ------------------------------------------------------------------ 12.1
@lru_cache(maxsize=1)
def channel_figures() -> dict[str, dict[str, float]]:
    """Per channel: ARPU, CPA, ROMI, ARPPU and what BUDGET more at today's CPA adds to the margin."""
    from ..unit_economics import unit_economics

    out = {}
    for i, name in enumerate(CHANNEL_NAMES):
        one = unit_economics(**{k: v[i] for k, v in CHANNELS.items()})
        users = BUDGET / one.cpa
        out[name] = {"arpu": float(one.arpu), "cpa": float(one.cpa), "romi": float(one.romi),
                     "arppu": float(one.arppu), "cm": float(one.cm), "users": users,
                     "gain": users * (float(one.arpu) - float(one.cpa))}
    return out


def _grow_which() -> tuple[str, str]:
    figures = channel_figures()
    return max(figures, key=lambda name: figures[name]["gain"]), "r1"


# ------------------------------------------------------------------ 12.2
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
    from ..unit_economics import unit_economics

    c1, apc = COHORT["c1"], COHORT["apc"]
    base_ue, base_clv = unit_economics(**COHORT).cm, clv_view_margin(c1, apc)
    return {
        "unit_economics": {"c1": float(unit_economics(**{**COHORT, "c1": c1 * (1 + LIFT)}).cm - base_ue),
                           "apc": float(unit_economics(**{**COHORT, "apc": apc * (1 + LIFT)}).cm - base_ue)},
        "clv_view": {"c1": clv_view_margin(c1 * (1 + LIFT), apc) - base_clv,
                     "apc": clv_view_margin(c1, apc * (1 + LIFT)) - base_clv},
    }


def _lift_worth_more() -> tuple[str, str]:
    gains = lift_gains()["clv_view"]
    return ("c1" if gains["c1"] > gains["apc"] else "apc"), "r1"


# ------------------------------------------------------------------ texts with computed figures
def _texts() -> dict:
    """The figures the questions, explanations and solutions quote, written for each language."""
    figures, lifts = channel_figures(), lift_gains()
    out = {}
    for lang in ("en", "ru"):
        t = {"budget": rub(BUDGET, lang), "same": signed_rub(lifts["unit_economics"]["c1"], lang),
             "clv_c1": signed_rub(lifts["clv_view"]["c1"], lang), "clv_apc": signed_rub(lifts["clv_view"]["apc"], lang)}
        for name, f in figures.items():
            t[f"{name}_arpu"], t[f"{name}_cpa"] = rub(f["arpu"], lang), rub(f["cpa"], lang)
            t[f"{name}_romi"], t[f"{name}_gain"] = _pct(f["romi"], lang), signed_rub(f["gain"], lang)
            t[f"{name}_users"], t[f"{name}_cm"] = _num(f["users"], lang, 0), signed_rub(f["cm"], lang)
            t[f"{name}_arppu"] = rub(f["arppu"], lang)
            t[f"{name}_users_noun"] = plural(round(f["users"]), "user", lang)  # the word agrees with the number
            t[f"{name}_ratio"] = _num(1 + f["romi"], lang)  # ARPPU:CAC over 12 months = 1 + ROMI
        out[lang] = t
    return out


T = _texts()
E, R = T["en"], T["ru"]

EXERCISES = [
    Exercise(
        key="12.1",
        kind="decision",
        expected=_grow_which,
        options=CHANNEL_NAMES,
        synonyms=CHANNEL_SYNONYMS,
        question={
            "en": (f"Finance gives marketing {E['budget']} more a month for one channel. Each channel would buy more\n"
                   "users at today's CPA and C1 (the table above). Which channel gets the money?"),
            "ru": (f"Финансовый отдел даёт маркетингу ещё {R['budget']} в месяц на один канал. Каждый канал привлёк\n"
                   "бы на них пользователей по нынешним CPA и C1 (таблица выше). Какому каналу отдать деньги?"),
        },
        prompt={"en": '"search", "social" or "marketplace"',
                "ru": '"search", "social" или "marketplace" (можно "поиск", "соцсети", "маркетплейс")'},
        reasons={
            "r1": {"en": "Each rouble spent there brings back the most margin (the highest ROMI).",
                   "ru": "Каждый вложенный туда рубль возвращает больше всего маржи (самый высокий ROMI)."},
            "r2": {"en": "It earns the largest contribution margin in total.",
                   "ru": "У него самая большая маржинальная прибыль в сумме."},
            "r3": {"en": "Its users are the cheapest, so the money buys the most users.",
                   "ru": "Его пользователи самые дешёвые, поэтому на эти деньги можно купить больше всего."},
        },
        explain={
            "search": {"en": (f"{E['budget']} at search buys {E['search_users']} users at {E['search_cpa']}, each "
                              f"bringing {E['search_arpu']}: {E['search_gain']} (ROMI {E['search_romi']})."),
                       "ru": (f"{R['budget']} в поиске привлекают {R['search_users']} {R['search_users_noun']} по "
                              f"{R['search_cpa']}, каждый приносит {R['search_arpu']}: {R['search_gain']} "
                              f"(ROMI {R['search_romi']}).")},
            "social": {"en": (f"{E['budget']} at social networks buys {E['social_users']} users who bring "
                              f"{E['social_arpu']} each and cost {E['social_cpa']}: {E['social_gain']}; the "
                              "channel already loses money."),
                       "ru": (f"{R['budget']} в соцсетях привлекают {R['social_users']} {R['social_users_noun']}, каждый "
                              f"приносит {R['social_arpu']}, а стоит {R['social_cpa']}: {R['social_gain']}; "
                              "канал и так убыточен.")},
            "marketplace": {"en": (f"{E['budget']} at the marketplace adds {E['marketplace_gain']} (ROMI "
                                   f"{E['marketplace_romi']}), less than at search: its buyers leave only "
                                   f"{E['marketplace_arppu']} each."),
                            "ru": (f"{R['budget']} на маркетплейсе дают {R['marketplace_gain']} (ROMI "
                                   f"{R['marketplace_romi']}) — меньше, чем в поиске: покупатель там оставляет "
                                   f"лишь {R['marketplace_arppu']}.")},
            "r1": {"en": ("At the same CPA, the extra money returns budget × ROMI, so the highest ROMI "
                          f"(search, {E['search_romi']}) adds the most."),
                   "ru": ("При том же CPA дополнительные деньги возвращают бюджет × ROMI, поэтому больше всего "
                          f"добавляет самый высокий ROMI (поиск, {R['search_romi']}).")},
            "r2": {"en": ("A total says how big a channel is, not what the next rouble brings: the marketplace "
                          f"earns the most ({E['marketplace_cm']}) but returns {E['marketplace_romi']} on a rouble "
                          f"against search's {E['search_romi']}."),
                   "ru": ("Сумма говорит о размере канала, а не о том, что принесёт следующий рубль: маркетплейс "
                          f"зарабатывает больше всех ({R['marketplace_cm']}), но возвращает {R['marketplace_romi']} "
                          f"на рубль против {R['search_romi']} у поиска.")},
            "r3": {"en": (f"Users are not the goal: social networks' users cost the least ({E['social_cpa']}) "
                          f"and bring even less ({E['social_arpu']})."),
                   "ru": (f"Цель — не пользователи: в соцсетях они дешевле всех ({R['social_cpa']}), но "
                          f"приносят ещё меньше ({R['social_arpu']}).")},
        },
        feedback={
            "en": f"Search adds {E['search_gain']} a month, the marketplace {E['marketplace_gain']}, social networks "
                  f"{E['social_gain']}. Search's ARPPU:CAC over 12 months is only {E['search_ratio']}, below 3:1, "
                  "yet growing it is right: the next rouble still returns more than it costs, and 3:1 is a margin "
                  "for the average customer, not a stop for the next one. Check that search's CPA holds as you buy "
                  "more: the next user is often dearer than the average one.",
            "ru": f"Поиск добавит {R['search_gain']} в месяц, маркетплейс — {R['marketplace_gain']}, соцсети — "
                  f"{R['social_gain']}. ARPPU:CAC поиска за 12 месяцев — лишь {R['search_ratio']}, ниже 3:1, и всё "
                  "же наращивать его правильно: следующий рубль по-прежнему возвращает больше, чем стоит, а 3:1 — "
                  "запас для среднего клиента, а не запрет на следующего. Проверьте, что CPA поиска не вырастет с "
                  "объёмом: следующий пользователь часто дороже среднего.",
        },
        hint={
            "en": "Extra users = budget / CPA, and each adds ARPU − CPA. Which channel's ARPU / CPA (1 + ROMI) is "
                  "highest?",
            "ru": "Дополнительных пользователей = бюджет / CPA, каждый добавляет ARPU − CPA. У какого канала "
                  "ARPU / CPA (то есть 1 + ROMI) выше всех?",
        },
        solution={
            "en": ("# the margin the extra budget adds, channel by channel: budget × ROMI\n"
                   "100_000 * by_channel.romi  # decision = \"search\", reason = \"r1\""),
            "ru": ("# маржа, которую добавит дополнительный бюджет, по каналам: бюджет × ROMI\n"
                   "100_000 * by_channel.romi  # decision = \"search\", reason = \"r1\""),
        },
    ),
    Exercise(
        key="12.2",
        kind="decision",
        expected=_lift_worth_more,
        options=("c1", "apc"),
        synonyms=LEVER_SYNONYMS,
        question={
            "en": ("Two projects cost the same: a new landing page that lifts C1 by 10% (4% → 4.4%) and a chain of\n"
                   "e-mails that lifts the APC of a buyer who stays all year by 10% (1.8 → 1.98). In unit economics each adds "
                   f"{E['same']}.\nCounting retention and discounting as in the cell above, which one do you fund?"),
            "ru": ("Два проекта стоят одинаково: новый лендинг поднимает C1 на 10 % (4 % → 4,4 %), цепочка писем\n"
                   f"поднимает APC покупателя, который остаётся весь год, на 10 % (1,8 → 1,98). В юнит-экономике каждый даёт {R['same']}.\n"
                   "Если учесть удержание и дисконтирование, как в ячейке выше, какой проект финансировать?"),
        },
        prompt={"en": '"c1" (the landing page) or "apc" (the e-mails)',
                "ru": '"c1" (лендинг) или "apc" (письма)'},
        reasons={
            "r1": {"en": "A new buyer's first order comes now and for sure; extra APC is repeat orders later, which "
                         "churn and discounting shrink.",
                   "ru": "Первый заказ нового покупателя приходит сразу и наверняка, а прибавка к APC — это "
                         "повторные заказы позже, и их уменьшают отток и дисконтирование."},
            "r2": {"en": "Both add the same margin in unit economics, so the choice does not matter.",
                   "ru": "В юнит-экономике оба дают одинаковую прибавку, так что выбор не важен."},
            "r3": {"en": "Buyers who come back are loyal, so each extra repeat order is worth more than a first one.",
                   "ru": "Покупатели, которые возвращаются, лояльны, поэтому каждый повторный заказ ценнее первого."},
        },
        explain={
            "c1": {"en": f"Counting retention and discounting, +10% of C1 adds {E['clv_c1']}, +10% of APC "
                         f"{E['clv_apc']}.",
                   "ru": f"С учётом удержания и дисконтирования +10 % к C1 дают {R['clv_c1']}, +10 % к APC — "
                         f"{R['clv_apc']}."},
            "apc": {"en": f"+10% of APC adds only {E['clv_apc']} once churn and discounting are counted, against "
                          f"{E['clv_c1']} for +10% of C1.",
                    "ru": f"С учётом оттока и дисконтирования +10 % к APC дают лишь {R['clv_apc']} против "
                          f"{R['clv_c1']} у +10 % к C1."},
            "r1": {"en": "The first order is outside the reach of churn and of time; only repeat orders shrink.",
                   "ru": "Первый заказ не зависит ни от оттока, ни от времени; уменьшаются только повторные."},
            "r2": {"en": (f"They are equal ({E['same']} each) only if every buyer stays all year and a rouble "
                          "later is worth a rouble now; with retention and discounting they differ."),
                   "ru": (f"Они равны (по {R['same']}), только если каждый покупатель остаётся весь год, а рубль "
                          "потом стоит столько же, сколько сейчас; с удержанием и дисконтированием они различаются.")},
            "r3": {"en": "In this cohort a repeat order has the same margin as a first one, and it is less likely to "
                         "happen, and later.",
                   "ru": "В этой когорте повторный заказ приносит ту же маржу, что и первый, но случается реже и "
                         "позже."},
        },
        feedback={
            "en": f"+10% of C1 adds {E['clv_c1']}, +10% of APC only {E['clv_apc']}: unit economics overrates the "
                  "levers that add repeat purchases, the more so the lower the retention.",
            "ru": f"+10 % к C1 дают {R['clv_c1']}, +10 % к APC — только {R['clv_apc']}: юнит-экономика "
                  "переоценивает рычаги, которые добавляют повторные покупки, и тем сильнее, чем ниже удержание.",
        },
        hint={
            "en": "Which orders does each project add: first orders now, or repeat orders later? Which of them "
                  "depend on the buyer still being there?",
            "ru": "Какие заказы добавляет каждый проект: первые и сразу или повторные и позже? Какие из них "
                  "зависят от того, остался ли покупатель?",
        },
        solution={
            "en": ("def clv_cm(c1, apc):  # the cohort's CM when a buyer is worth his CLV-view value\n"
                   "    v = ue.compare_with_clv(avp=2500, cogs=1500, apc=apc, periods=12, retention=0.85,\n"
                   "                            discount_rate=d).loc[\"with_retention_and_discounting\", \"value\"]\n"
                   "    return 10_000 * (c1 * v - 80)\n"
                   f"clv_cm(0.044, 1.8) - clv_cm(0.04, 1.8), clv_cm(0.04, 1.98) - clv_cm(0.04, 1.8)  "
                   f"# {E['clv_c1']}, {E['clv_apc']}\n"
                   "# decision = \"c1\", reason = \"r1\""),
            "ru": ("def clv_cm(c1, apc):  # CM когорты, если покупатель стоит столько, сколько в расчёте CLV\n"
                   "    v = ue.compare_with_clv(avp=2500, cogs=1500, apc=apc, periods=12, retention=0.85,\n"
                   "                            discount_rate=d).loc[\"with_retention_and_discounting\", \"value\"]\n"
                   "    return 10_000 * (c1 * v - 80)\n"
                   f"clv_cm(0.044, 1.8) - clv_cm(0.04, 1.8), clv_cm(0.04, 1.98) - clv_cm(0.04, 1.8)  "
                   f"# {R['clv_c1']}, {R['clv_apc']}\n"
                   "# decision = \"c1\", reason = \"r1\""),
        },
    ),
]
