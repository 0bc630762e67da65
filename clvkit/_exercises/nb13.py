"""Exercises of notebook 13 (case study in roubles: an online school with monthly subscriptions).

All three use the school's synthetic data (:func:`clvkit.datasets.load_online_school`), in
roubles in both tracks. Every figure an exercise states or reveals is computed here from the
data and the fitted models, never typed.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise
from ._roubles import rub, signed_rub

#: The notebook's assumptions: discount rate a year, the horizon of a new student's value
#: (months), the LTV:CAC target.
ANNUAL_DISCOUNT_RATE, HORIZON_MONTHS, TARGET_RATIO = 0.25, 36, 3.0
#: 13.2: the partners' offer: twice the users a month at a higher cost per user.
PARTNER_UA_FACTOR, PARTNER_CPA = 2, 220.0
#: The two actions of the notebook for new "basic" students of search ads: a curator for the first
#: months (cost a month per student still studying, the cut of the mean monthly churn) and an upsell
#: to "pro" offered in the second month (share who take it, the discount on their first pro month,
#: the cost of the offer per student who gets it).
CURATOR = {"cost": 700.0, "months": 3, "churn_cut": 0.25}
UPSELL = {"take": 0.15, "discount": 1500.0, "offer": 100.0}
#: 13.3: the curator at a market rate, judged over two years.
CURATOR_COST_14_3, ACTION_HORIZON = 1000.0, 24
STUDENTS = 1000

#: Words accepted for the options, in both languages (teach compares them like the options).
DEAL_SYNONYMS = {
    "accept": ("yes", "take it", "agree", "да", "принять", "принимаем", "принимать", "согласиться",
               "соглашаться", "берём", "брать"),
    "decline": ("no", "reject", "refuse", "нет", "отказаться", "отказываемся", "отклонить", "не принимать"),
}
ACTION_SYNONYMS = {
    "curator": ("curators", "retention", "the curator", "куратор", "кураторы", "куратора", "удержание"),
    "upsell": ("up-sell", "pro", "the upsell", "апсейл", "апсейла", "про", "переход на про", "тариф про"),
}


def _num(value: float, lang: str, decimals: int = 2) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=decimals)


def monthly_discount_rate() -> float:
    from ..units import rate_per_unit

    return rate_per_unit(ANNUAL_DISCOUNT_RATE, "M")


@lru_cache(maxsize=1)
def school() -> dict:
    """The data the exercises need: sBG per channel, the channel table, plan margins and pro shares."""
    from ..datasets import load_online_school
    from ..models import ShiftedBetaGeometric

    payments, channels = load_online_school(with_channels=True)
    students = payments.groupby("customer_id").agg(channel=("channel", "first"), plan=("plan", "first"),
                                                   paid=("date", "size"))
    sbg = {}
    for channel in channels.index:
        paid = students.loc[students["channel"] == channel, "paid"].to_numpy()
        sbg[channel] = ShiftedBetaGeometric().fit([(paid > t).sum() for t in range(13)], time_unit="M")
    plans = payments.attrs["true_params"]["plans"]
    margin = {plan: spec["price"] - spec["cogs"] for plan, spec in plans.items()}
    pro = (students["plan"] == "pro").groupby(students["channel"]).mean()
    return {"sbg": sbg, "channels": channels, "margin": margin, "pro_share": pro.to_dict()}


def discounted_months(model, months: int) -> float:
    """Expected months a new student pays over `months`, each discounted to the day he joins."""
    import numpy as np

    t = np.arange(months)
    return float(np.sum(model.survival(t) / (1 + monthly_discount_rate()) ** t))


def new_student_value(channel: str) -> float:
    """CLV of a new student of a channel over HORIZON_MONTHS: mean margin a month of its plan mix x months."""
    data = school()
    share = data["pro_share"][channel]
    margin = share * data["margin"]["pro"] + (1 - share) * data["margin"]["basic"]
    return margin * discounted_months(data["sbg"][channel], HORIZON_MONTHS)


# ------------------------------------------------------------------ 13.1
def bloggers_max_cpa() -> float:
    """The most a blogger's user may cost for LTV:CAC = 3: CAC = CPA / C1 = LTV / 3."""
    c1 = float(school()["channels"].loc["bloggers", "c1"])
    return c1 * new_student_value("bloggers") / TARGET_RATIO


# ------------------------------------------------------------------ 13.2
@lru_cache(maxsize=1)
def partner_deal() -> dict[str, float]:
    """LTV:CAC and the month's net value (students x (LTV - CAC)) of partners, now and with the offer."""
    row = school()["channels"].loc["partners"]
    ltv = new_student_value("partners")
    out = {}
    for name, ua, cpa in (("now", row["ua"], row["cpa"]), ("offer", row["ua"] * PARTNER_UA_FACTOR, PARTNER_CPA)):
        cac = cpa / row["c1"]
        out[f"ratio_{name}"] = ltv / cac
        out[f"net_{name}"] = ua * row["c1"] * (ltv - cac)
        out[f"cac_{name}"] = cac
    return out


def _accept_or_decline() -> str:
    deal = partner_deal()
    good = deal["ratio_offer"] >= TARGET_RATIO and deal["net_offer"] > deal["net_now"]
    return "accept" if good else "decline"


# ------------------------------------------------------------------ 13.3
def action_gains(curator_cost: float, months: int) -> dict[str, float]:
    """Net value each action adds to STUDENTS new basic students of search ads over `months`, in roubles.

    The curator cuts the mean monthly churn of the channel's sBG by ``CURATOR["churn_cut"]``
    (alpha + beta kept) and costs `curator_cost` a month for each student still studying in
    the first ``CURATOR["months"]`` months. The upsell moves ``UPSELL["take"]`` of the students
    who renew into the second month to "pro" (the pro margin minus the basic one, every month
    from then on, churn unchanged), at the discount on their first pro month plus the offer's
    cost for every student who gets it.
    """
    import numpy as np

    from ..models import ShiftedBetaGeometric

    data = school()
    base = data["sbg"]["search_ads"]
    alpha, beta = float(base.params_["alpha"]), float(base.params_["beta"])
    churn = (1 - CURATOR["churn_cut"]) * alpha / (alpha + beta)
    curated = ShiftedBetaGeometric.from_params(alpha=churn * (alpha + beta), beta=(1 - churn) * (alpha + beta))
    t = np.arange(months)
    v = (1 + monthly_discount_rate()) ** -t.astype(float)
    s0, s1 = base.survival(t), curated.survival(t)
    basic, extra = data["margin"]["basic"], data["margin"]["pro"] - data["margin"]["basic"]
    curator = basic * (s1 - s0) * v - curator_cost * s1 * v * (t < CURATOR["months"])
    upsell = (UPSELL["take"] * extra * s0 * v * (t >= 1)
              - (UPSELL["take"] * UPSELL["discount"] + UPSELL["offer"]) * s0 * v * (t == 1))
    return {"curator": STUDENTS * float(curator.sum()), "upsell": STUDENTS * float(upsell.sum())}


def _curator_or_upsell() -> str:
    gains = action_gains(CURATOR_COST_14_3, ACTION_HORIZON)
    return "curator" if gains["curator"] > gains["upsell"] else "upsell"


# ------------------------------------------------------------------ texts with computed figures
def _texts() -> dict:
    """The figures the questions, feedback and solutions quote, written for each language."""
    from ..i18n import format_percent

    channels = school()["channels"]
    deal, gains = partner_deal(), action_gains(CURATOR_COST_14_3, ACTION_HORIZON)
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {
            "blog_cpa": rub(channels.loc["bloggers", "cpa"], lang),
            "blog_c1": format_percent(channels.loc["bloggers", "c1"], lang),
            "blog_ltv": rub(new_student_value("bloggers"), lang),
            "blog_break_even": rub(3 * bloggers_max_cpa(), lang),
            "partner_cpa": rub(channels.loc["partners", "cpa"], lang),
            "partner_ua": _num(channels.loc["partners", "ua"], lang, 0),
            "offer_ua": _num(channels.loc["partners", "ua"] * PARTNER_UA_FACTOR, lang, 0),
            "offer_cpa": rub(PARTNER_CPA, lang),
            "ratio_now": _num(deal["ratio_now"], lang),
            "ratio_offer": _num(deal["ratio_offer"], lang),
            "net_now": rub(deal["net_now"], lang),
            "net_offer": rub(deal["net_offer"], lang),
            "cost": rub(CURATOR_COST_14_3, lang),
            "old_cost": rub(CURATOR["cost"], lang),
            "curator": signed_rub(gains["curator"], lang),
            "upsell": signed_rub(gains["upsell"], lang),
        }
    return out


T = _texts()

_CHOICE_DEAL = {
    "en": 'your answer: "accept" or "decline", then your reason in a comment',
    "ru": 'ваш ответ: "accept" или "decline" (можно "принять" или "отказаться"), причину — в комментарии',
}
_CHOICE_ACTION = {
    "en": 'your answer: "curator" or "upsell", then your reason in a comment',
    "ru": 'ваш ответ: "curator" или "upsell" (можно "куратор" или "апсейл"), причину — в комментарии',
}

EXERCISES = [
    Exercise(
        key="13.1",
        question={
            "en": (
                f"Bloggers bring users at {T['en']['blog_cpa']} each, and {T['en']['blog_c1']} of them pay. What is the\n"
                "highest CPA, in roubles a user, at which the bloggers channel reaches LTV:CAC = 3:1 with the\n"
                "value of its new student over 36 months (`econ` above)? The feedback then tells you what to do\n"
                "with the channel."
            ),
            "ru": (
                f"Блогеры приводят пользователей по {T['ru']['blog_cpa']}, и {T['ru']['blog_c1']} из них платят. Какой\n"
                "максимальный CPA в рублях за пользователя позволяет каналу блогеров выйти на LTV:CAC = 3:1,\n"
                "если считать ценность нового ученика за 36 месяцев (таблица `econ` выше)? Отзыв после проверки\n"
                "подскажет, что делать с каналом."
            ),
        },
        prompt={"en": "your answer, in roubles per user", "ru": "ваш ответ, в рублях за пользователя"},
        feedback={
            "en": (f"CAC = CPA / C1 may be at most LTV / 3, so CPA ≤ C1 × LTV / 3 = {T['en']['blog_c1']} × "
                   f"{T['en']['blog_ltv']} / 3. Even break-even ({T['en']['blog_break_even']} a user) is below "
                   f"today's {T['en']['blog_cpa']}: stop paying bloggers per user at this price; come back only "
                   "with a price per paying student or a far cheaper placement."),
            "ru": (f"CAC = CPA / C1 может быть не больше LTV / 3, поэтому CPA ≤ C1 × LTV / 3 = "
                   f"{T['ru']['blog_c1']} × {T['ru']['blog_ltv']} / 3. Даже точка безубыточности "
                   f"({T['ru']['blog_break_even']} за пользователя) ниже нынешних {T['ru']['blog_cpa']}: "
                   "по такой цене блогерам платить не стоит. Возвращаться к ним — только с оплатой за "
                   "платящего ученика или с гораздо более дешёвыми размещениями."),
        },
        kind="number",
        expected=bloggers_max_cpa,
        rel_tol=0.01,
        decimals=0,
        hint={
            "en": "LTV:CAC = 3 means CAC = LTV / 3, and CAC = CPA / C1. Take LTV from `econ.loc['bloggers', 'ltv']` "
                  "and C1 from `channels`.",
            "ru": "LTV:CAC = 3 означает CAC = LTV / 3, а CAC = CPA / C1. LTV возьмите из "
                  "`econ.loc['bloggers', 'ltv']`, C1 — из таблицы `channels`.",
        },
        solution={
            "en": ("# CPA = C1 x CAC, and CAC may be at most LTV / 3\n"
                   'channels.loc["bloggers", "c1"] * econ.loc["bloggers", "ltv"] / 3'),
            "ru": ("# CPA = C1 × CAC, а CAC может быть не больше LTV / 3\n"
                   'channels.loc["bloggers", "c1"] * econ.loc["bloggers", "ltv"] / 3'),
        },
    ),
    Exercise(
        key="13.2",
        question={
            "en": (
                f"The partners offer to bring {T['en']['offer_ua']} users a month instead of {T['en']['partner_ua']} if "
                f"the school pays {T['en']['offer_cpa']}\n"
                f"a user instead of {T['en']['partner_cpa']} (a higher commission). Suppose the extra users convert "
                "and stay like today's.\nThe school accepts a deal only if the channel stays at LTV:CAC of 3:1 or "
                "more and the month's net\nvalue, students × (LTV − CAC), grows. Accept or decline? Answer "
                '`"accept"` or `"decline"` and write\nyour reason in a comment.'
            ),
            "ru": (
                f"Партнёры предлагают приводить {T['ru']['offer_ua']} пользователей в месяц вместо "
                f"{T['ru']['partner_ua']}, если школа будет платить\n{T['ru']['offer_cpa']} за пользователя "
                f"вместо {T['ru']['partner_cpa']} (комиссия выше). Допустим, новые пользователи покупают и "
                "остаются\nтак же, как нынешние. Школа соглашается, только если LTV:CAC канала остаётся не ниже "
                "3:1 и чистая\nценность месячной когорты, ученики × (LTV − CAC), растёт. Принять или отказаться? "
                'Ответьте\n`"accept"` или `"decline"`, а причину запишите комментарием.'
            ),
        },
        prompt=_CHOICE_DEAL,
        feedback={
            "en": (f"LTV:CAC falls from {T['en']['ratio_now']} to {T['en']['ratio_offer']}, still above 3, while "
                   f"the month's net value goes from {T['en']['net_now']} to {T['en']['net_offer']}: twice the "
                   "students, each still worth far more than he costs. A falling ratio is not a reason to "
                   "refuse growth while it stays above the target."),
            "ru": (f"LTV:CAC падает с {T['ru']['ratio_now']} до {T['ru']['ratio_offer']}, но остаётся выше 3, а "
                   f"чистая ценность месячной когорты растёт с {T['ru']['net_now']} до {T['ru']['net_offer']}: "
                   "учеников вдвое больше, и каждый по-прежнему приносит гораздо больше, чем стоит его "
                   "привлечение. Снижение соотношения — не повод отказываться от роста, пока оно выше цели."),
        },
        kind="choice",
        expected=_accept_or_decline,
        options=("accept", "decline"),
        synonyms=DEAL_SYNONYMS,
        hint={
            "en": "Work out CAC = CPA / C1 before and after, then LTV / CAC and UA × C1 × (LTV − CAC) for both.",
            "ru": "Посчитайте CAC = CPA / C1 до и после, затем LTV / CAC и UA × C1 × (LTV − CAC) в обоих случаях.",
        },
        solution={
            "en": ('ltv, c1 = econ.loc["partners", "ltv"], channels.loc["partners", "c1"]\n'
                   "for ua, cpa in ((2000, 140), (4000, 220)):\n"
                   f"    print(ltv / (cpa / c1), ua * c1 * (ltv - cpa / c1))  # {T['en']['ratio_offer']} and "
                   f"{T['en']['net_offer']} with the offer\n"
                   '"accept"  # still above 3:1, and the net value grows'),
            "ru": ('ltv, c1 = econ.loc["partners", "ltv"], channels.loc["partners", "c1"]\n'
                   "for ua, cpa in ((2000, 140), (4000, 220)):\n"
                   f"    print(ltv / (cpa / c1), ua * c1 * (ltv - cpa / c1))  # {T['ru']['ratio_offer']} и "
                   f"{T['ru']['net_offer']} с предложением\n"
                   '"accept"  # соотношение выше 3:1, а чистая ценность растёт'),
        },
    ),
    Exercise(
        key="13.3",
        question={
            "en": (
                f"The school cannot find curators at {T['en']['old_cost']} a month per student: the market rate is "
                f"{T['en']['cost']}. Everything else\nstays as in the section above. Over two years (24 months), "
                "which action adds more to 1,000 new\n"
                '"basic" students: the curator or the upsell? Answer `"curator"` or `"upsell"` and write why in a '
                "comment."
            ),
            "ru": (
                f"Найти кураторов по {T['ru']['old_cost']} в месяц на ученика не получается: рыночная ставка — "
                f"{T['ru']['cost']}.\nВсё остальное — как в разделе выше. Какое действие за два года (24 месяца) "
                "принесёт больше\nна 1 000 новых учеников тарифа «Базовый»: куратор или апсейл? Ответьте "
                '`"curator"` или `"upsell"`\nи объясните в комментарии почему.'
            ),
        },
        prompt=_CHOICE_ACTION,
        feedback={
            "en": (f"Over 24 months the curator at {T['en']['cost']} adds {T['en']['curator']}, the upsell "
                   f"{T['en']['upsell']}. The curator's cost comes at once, his return only with the months "
                   "the kept students pay later; at the higher rate two years are no longer enough for him "
                   "to overtake the upsell."),
            "ru": (f"За 24 месяца куратор по {T['ru']['cost']} даёт {T['ru']['curator']}, апсейл — "
                   f"{T['ru']['upsell']}. Затраты на куратора приходятся на первые месяцы, а отдача — на "
                   "месяцы, которые удержанные ученики оплатят позже; при более высокой ставке двух лет "
                   "уже не хватает, чтобы обогнать апсейл."),
        },
        kind="choice",
        expected=_curator_or_upsell,
        options=("curator", "upsell"),
        synonyms=ACTION_SYNONYMS,
        hint={
            "en": "Rerun the section's cash flows with the curator's cost changed and read the cumulative gains "
                  "at month 24.",
            "ru": "Пересчитайте денежные потоки раздела с новой стоимостью куратора и посмотрите на накопленный "
                  "прирост к 24-му месяцу.",
        },
        solution={
            "en": ("# the section's cell with CURATOR['cost'] = 1000, then the row of month 24\n"
                   f"gains.loc[24]  # curator {T['en']['curator']}, upsell {T['en']['upsell']}\n"
                   '"upsell"'),
            "ru": ("# ячейка раздела с CURATOR['cost'] = 1000, затем строка 24-го месяца\n"
                   f"gains.loc[24]  # куратор {T['ru']['curator']}, апсейл {T['ru']['upsell']}\n"
                   '"upsell"'),
        },
    ),
]
