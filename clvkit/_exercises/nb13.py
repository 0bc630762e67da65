"""Exercises of notebook 13 (case study in roubles: an online school with monthly subscriptions): two decisions.

Both use the school's synthetic data (:func:`clvkit.datasets.load_online_school`), in roubles in
both tracks: 13.1, whether to accept the partners' offer of more users at a higher price; 13.2,
whether the curator or the upsell pays more over three years, given that the pilot measured the
curator's effect only during his three months.
Every figure an exercise states, explains or reveals is computed here from the data and the fitted
models, never typed.
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
#: 13.2: the actions are judged over the horizon of a new student's value.
ACTION_HORIZON = HORIZON_MONTHS
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


# ------------------------------------------------------------------ figures the review answers quote
def bloggers_max_cpa() -> float:
    """The most a blogger's user may cost for LTV:CAC = 3: CAC = CPA / C1 = LTV / 3."""
    c1 = float(school()["channels"].loc["bloggers", "c1"])
    return c1 * new_student_value("bloggers") / TARGET_RATIO


# ------------------------------------------------------------------ 13.1
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
    # the extra students alone: what the offer adds to the month's spend, per extra student
    extra_spend = row["ua"] * PARTNER_UA_FACTOR * PARTNER_CPA - row["ua"] * row["cpa"]
    extra_students = row["ua"] * (PARTNER_UA_FACTOR - 1) * row["c1"]
    out["cac_marginal"] = extra_spend / extra_students
    out["ratio_marginal"] = ltv / out["cac_marginal"]
    return out


def _accept_or_decline() -> tuple[str, str]:
    deal = partner_deal()
    if deal["ratio_offer"] >= TARGET_RATIO and deal["net_offer"] > deal["net_now"]:
        return "accept", "r1"
    return "decline", "r2"


# ------------------------------------------------------------------ 13.2
def action_gains(curator_cost: float, months: int, lasting: bool = False) -> dict[str, float]:
    """Net value each action adds to STUDENTS new basic students of search ads over `months`, in roubles.

    The curator cuts the mean monthly churn of the channel's sBG by ``CURATOR["churn_cut"]``
    (alpha + beta kept) and costs `curator_cost` a month for each student still studying in
    the first ``CURATOR["months"]`` months. The pilot measured the cut only in those months, so by
    default it lasts only as long as the curator: the survivors of his months then leave at the
    channel's normal rate (the base model's survival from month ``CURATOR["months"]`` on). With
    `lasting`, the cut is assumed for every month, the version the pilot did not measure. The upsell moves ``UPSELL["take"]`` of the students
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
    s0 = base.survival(t)
    if lasting:
        s1 = curated.survival(t)
    else:  # lower churn in the curator's months, the normal month-to-month retention after them
        k = np.minimum(t, CURATOR["months"])
        s1 = curated.survival(k) * base.survival(t) / base.survival(k)
    basic, extra = data["margin"]["basic"], data["margin"]["pro"] - data["margin"]["basic"]
    curator = basic * (s1 - s0) * v - curator_cost * s1 * v * (t < CURATOR["months"])
    upsell = (UPSELL["take"] * extra * s0 * v * (t >= 1)
              - (UPSELL["take"] * UPSELL["discount"] + UPSELL["offer"]) * s0 * v * (t == 1))
    return {"curator": STUDENTS * float(curator.sum()), "upsell": STUDENTS * float(upsell.sum())}


def _curator_or_upsell() -> tuple[str, str]:
    gains = action_gains(CURATOR["cost"], ACTION_HORIZON)
    # r1 says why the upsell wins: the curator's effect, measured only in his months, does not repay him
    return ("curator", "r2") if gains["curator"] > gains["upsell"] else ("upsell", "r1")


# ------------------------------------------------------------------ texts with computed figures
def _texts() -> dict:
    """The figures the questions, explanations and solutions quote, written for each language."""
    channels = school()["channels"]
    deal = partner_deal()
    gains, lasting = action_gains(CURATOR["cost"], ACTION_HORIZON), action_gains(CURATOR["cost"], ACTION_HORIZON, True)
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {
            "partner_cpa": rub(channels.loc["partners", "cpa"], lang),
            "partner_ua": _num(channels.loc["partners", "ua"], lang, 0),
            "offer_ua": _num(channels.loc["partners", "ua"] * PARTNER_UA_FACTOR, lang, 0),
            "offer_cpa": rub(PARTNER_CPA, lang),
            "ratio_now": _num(deal["ratio_now"], lang),
            "ratio_offer": _num(deal["ratio_offer"], lang),
            "net_now": rub(deal["net_now"], lang),
            "net_offer": rub(deal["net_offer"], lang),
            "cac_offer": rub(deal["cac_offer"], lang),
            "cac_marginal": rub(deal["cac_marginal"], lang),
            "ratio_marginal": _num(deal["ratio_marginal"], lang),
            "curator": signed_rub(gains["curator"], lang),
            "upsell": signed_rub(gains["upsell"], lang),
            "lasting": signed_rub(lasting["curator"], lang),
        }
    return out


T = _texts()
E, R = T["en"], T["ru"]

EXERCISES = [
    Exercise(
        key="13.1",
        kind="decision",
        expected=_accept_or_decline,
        options=("accept", "decline"),
        synonyms=DEAL_SYNONYMS,
        question={
            "en": (f"The partners offer to bring {E['offer_ua']} users a month instead of {E['partner_ua']} if the "
                   f"school pays {E['offer_cpa']} a user\ninstead of {E['partner_cpa']}. Suppose the extra users "
                   "convert and stay like today's (C1 and LTV of the table above).\nAccept or decline?"),
            "ru": (f"Партнёры предлагают приводить {R['offer_ua']} пользователей в месяц вместо {R['partner_ua']}, "
                   f"если школа будет платить\n{R['offer_cpa']} за пользователя вместо {R['partner_cpa']}. Допустим, "
                   "новые пользователи покупают и остаются так же, как нынешние\n(C1 и LTV из таблицы выше). "
                   "Принять предложение или отказаться?"),
        },
        prompt={"en": '"accept" or "decline"', "ru": '"accept" или "decline" (можно "принять" или "отказаться")'},
        reasons={
            "r1": {"en": ("Each extra student costs less than his LTV, so the month's net value, students × "
                          "(LTV − CAC), grows, and the average LTV:CAC stays above 3:1."),
                   "ru": ("Каждый дополнительный ученик стоит меньше своего LTV, поэтому чистая ценность месячной "
                          "когорты, ученики × (LTV − CAC), растёт, а средний LTV:CAC остаётся выше 3:1.")},
            "r2": {"en": "LTV:CAC falls, so each rouble spent on partners works less hard.",
                   "ru": "LTV:CAC снижается, значит, каждый рубль, потраченный на партнёров, работает хуже."},
            "r3": {"en": "More users always bring more value.",
                   "ru": "Больше пользователей всегда приносит больше ценности."},
        },
        explain={
            "accept": {"en": (f"With the offer CAC is {E['cac_offer']}, LTV:CAC {E['ratio_offer']} and the month's net "
                              f"value {E['net_offer']} against {E['net_now']} today."),
                       "ru": (f"С предложением CAC — {R['cac_offer']}, LTV:CAC — {R['ratio_offer']}, а чистая "
                              f"ценность месячной когорты — {R['net_offer']} против {R['net_now']} сейчас.")},
            "decline": {"en": (f"Declining keeps {E['net_now']} a month; the offer would make {E['net_offer']} while "
                               f"LTV:CAC stays at {E['ratio_offer']}, above the 3:1 target."),
                        "ru": (f"Отказ оставляет {R['net_now']} в месяц, а предложение дало бы {R['net_offer']}, "
                               f"и LTV:CAC остался бы {R['ratio_offer']}, выше цели 3:1.")},
            "r1": {"en": (f"The extra students cost {E['cac_marginal']} each: their own LTV:CAC is only "
                          f"{E['ratio_marginal']}, below 3:1, but above 1, so each adds money; the average stays "
                          "above the target."),
                   "ru": (f"Дополнительные ученики обходятся по {R['cac_marginal']}: их собственный LTV:CAC — лишь "
                          f"{R['ratio_marginal']}, ниже 3:1, но выше 1, так что каждый добавляет денег; среднее "
                          "остаётся выше цели.")},
            "r2": {"en": (f"The ratio falls from {E['ratio_now']} to {E['ratio_offer']}, but a ratio is not the "
                          "goal: while it stays above 3:1, more students at a higher price still add money."),
                   "ru": (f"Соотношение падает с {R['ratio_now']} до {R['ratio_offer']}, но цель — не "
                          "соотношение: пока оно выше 3:1, больше учеников по более высокой цене всё ещё "
                          "приносит больше денег.")},
            "r3": {"en": ("Not always: users who cost more than C1 × LTV each lose money. Here the offer passes "
                          "because the price stays below that."),
                   "ru": ("Не всегда: пользователи дороже C1 × LTV приносят убыток. Здесь предложение выгодно, "
                          "потому что цена остаётся ниже этого порога.")},
        },
        feedback={
            "en": (f"LTV:CAC falls from {E['ratio_now']} to {E['ratio_offer']}, still above 3, while the month's net "
                   f"value goes from {E['net_now']} to {E['net_offer']}: a falling ratio is no reason to refuse "
                   "growth while it stays above the target."),
            "ru": (f"LTV:CAC падает с {R['ratio_now']} до {R['ratio_offer']}, но остаётся выше 3, а чистая ценность "
                   f"месячной когорты растёт с {R['net_now']} до {R['net_offer']}: снижение соотношения — не повод "
                   "отказываться от роста, пока оно выше цели."),
        },
        hint={
            "en": "Work out CAC = CPA / C1 with the offer, then LTV / CAC and UA × C1 × (LTV − CAC), now and with "
                  "the offer.",
            "ru": "Посчитайте CAC = CPA / C1 с предложением, затем LTV / CAC и UA × C1 × (LTV − CAC) сейчас и с "
                  "предложением.",
        },
        solution={
            "en": ('ltv, c1 = econ.loc["partners", "ltv"], econ.loc["partners", "c1"]\n'
                   "for ua, cpa in ((2000, 140), (4000, 220)):\n"
                   f"    print(ltv / (cpa / c1), ua * c1 * (ltv - cpa / c1))  # {E['ratio_offer']} and "
                   f"{E['net_offer']} with the offer\n"
                   f"print((4000 * 220 - 2000 * 140) / (2000 * c1))  # marginal CAC {E['cac_marginal']}\n"
                   '# decision = "accept", reason = "r1"'),
            "ru": ('ltv, c1 = econ.loc["partners", "ltv"], econ.loc["partners", "c1"]\n'
                   "for ua, cpa in ((2000, 140), (4000, 220)):\n"
                   f"    print(ltv / (cpa / c1), ua * c1 * (ltv - cpa / c1))  # {R['ratio_offer']} и "
                   f"{R['net_offer']} с предложением\n"
                   f"print((4000 * 220 - 2000 * 140) / (2000 * c1))  # предельный CAC {R['cac_marginal']}\n"
                   '# decision = "accept", reason = "r1"'),
        },
    ),
    Exercise(
        key="13.2",
        kind="decision",
        expected=_curator_or_upsell,
        options=("curator", "upsell"),
        synonyms=ACTION_SYNONYMS,
        question={
            "en": ("The pilot followed its students only through the curator's three months. The school can launch "
                   "one action for its\n1,000 new Basic students and judges it over 36 months. Which one?"),
            "ru": ("В пилоте за учениками наблюдали только три месяца, пока с ними работал куратор. Школа может "
                   "запустить одно\nдействие для 1 000 новых учеников «Базового» и оценивает его за 36 месяцев. "
                   "Какое?"),
        },
        prompt={"en": '"curator" or "upsell"', "ru": '"curator" или "upsell" (можно "куратор" или "апсейл")'},
        reasons={
            "r1": {"en": "What the pilot measured, lower churn while the curator works, barely repays his cost.",
                   "ru": "То, что измерил пилот, — меньший отток, пока работает куратор, — едва окупает его "
                         "затраты."},
            "r2": {"en": "A retention action lengthens lifetimes, so over three years it beats an upsell.",
                   "ru": "Действие по удержанию продлевает жизнь клиента, поэтому за три года оно обгоняет апсейл."},
            "r3": {"en": "The upsell pays back within a quarter, so it is the better action on any horizon.",
                   "ru": "Апсейл окупается за квартал, поэтому он лучше на любом горизонте."},
        },
        explain={
            "curator": {"en": (f"With the effect the pilot measured, the curator adds {E['curator']} over 36 months, "
                               f"the upsell {E['upsell']}; he would add {E['lasting']} only if his effect lasted "
                               "for good, which no one measured."),
                        "ru": (f"С тем эффектом, который измерил пилот, куратор за 36 месяцев даёт {R['curator']}, "
                               f"апсейл — {R['upsell']}; {R['lasting']} куратор дал бы, только если бы его эффект "
                               "длился всегда, а этого никто не измерял.")},
            "upsell": {"en": (f"Over 36 months the upsell adds {E['upsell']}, the curator {E['curator']} with the "
                              "effect the pilot measured."),
                       "ru": (f"За 36 месяцев апсейл даёт {R['upsell']}, а куратор с измеренным пилотом эффектом — "
                              f"{R['curator']}.")},
            "r1": {"en": (f"The students he keeps in months 1–3 then leave at the normal rate: his 36 months add "
                          f"only {E['curator']}."),
                   "ru": (f"Ученики, которых он удержал в 1–3-м месяцах, дальше уходят с обычной скоростью: его "
                          f"36 месяцев дают лишь {R['curator']}.")},
            "r2": {"en": (f"Only if the effect lasts: then the curator would add {E['lasting']}. The pilot measured "
                          "three months, so that is a guess, not a finding."),
                   "ru": (f"Только если эффект длится: тогда куратор дал бы {R['lasting']}. Пилот измерил три "
                          "месяца, так что это догадка, а не результат.")},
            "r3": {"en": (f"Not the reason: a quick payback says when an action earns, not how much. Had the "
                          f"curator's effect lasted, he would lead at 36 months ({E['lasting']})."),
                   "ru": (f"Дело не в этом: быстрая окупаемость говорит о том, когда действие зарабатывает, а не "
                          f"сколько. Если бы эффект куратора длился, он был бы впереди к 36-му месяцу "
                          f"({R['lasting']}).")},
        },
        feedback={
            "en": (f"Over 36 months the curator adds {E['curator']}, the upsell {E['upsell']}: value an action over "
                   "how long its measured effect lasts, not over the lifetimes it might lengthen."),
            "ru": (f"За 36 месяцев куратор даёт {R['curator']}, апсейл — {R['upsell']}: оценивайте действие за "
                   "тот срок, в течение которого длится его измеренный эффект, а не за сроки жизни, которые оно "
                   "могло бы продлить."),
        },
        hint={
            "en": "Compare the table's month-36 row for the curator (measured effect) and the upsell.",
            "ru": "Сравните в таблице строку 36-го месяца: куратор (измеренный эффект) и апсейл.",
        },
        solution={
            "en": ("gains.loc[36]  # the curator with the effect the pilot measured, and the upsell\n"
                   f"# curator {E['curator']}, upsell {E['upsell']}\n"
                   '# decision = "upsell", reason = "r1"'),
            "ru": ("gains.loc[36]  # куратор с измеренным пилотом эффектом и апсейл\n"
                   f"# куратор {R['curator']}, апсейл {R['upsell']}\n"
                   '# decision = "upsell", reason = "r1"'),
        },
    ),
]
