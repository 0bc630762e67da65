"""Exercises of notebook 13 (case study in roubles: an online school with monthly subscriptions): two decisions.

Both use the school's synthetic data (:func:`clvkit.datasets.load_online_school`), in roubles in
both tracks: 13.1, whether to accept the partners' offer of more users at a higher price; 13.2,
whether the curator or the upsell pays more over two years once the curator costs the market rate.
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
#: 13.2: the curator at a market rate, judged over two years.
MARKET_COST, ACTION_HORIZON = 1000.0, 24
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
    return out


def _accept_or_decline() -> tuple[str, str]:
    deal = partner_deal()
    if deal["ratio_offer"] >= TARGET_RATIO and deal["net_offer"] > deal["net_now"]:
        return "accept", "r1"
    return "decline", "r2"


# ------------------------------------------------------------------ 13.2
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


def extra_curator_cost() -> float:
    """What the market rate adds to the curator's cost over his months, for STUDENTS students, discounted."""
    return action_gains(CURATOR["cost"], ACTION_HORIZON)["curator"] - action_gains(MARKET_COST, ACTION_HORIZON)["curator"]


def _curator_or_upsell() -> tuple[str, str]:
    gains = action_gains(MARKET_COST, ACTION_HORIZON)
    # r1 says why the upsell wins: the extra cost exceeds the curator's lead at the old rate
    return ("curator", "r2") if gains["curator"] > gains["upsell"] else ("upsell", "r1")


# ------------------------------------------------------------------ texts with computed figures
def _texts() -> dict:
    """The figures the questions, explanations and solutions quote, written for each language."""
    channels = school()["channels"]
    deal = partner_deal()
    old, market = action_gains(CURATOR["cost"], ACTION_HORIZON), action_gains(MARKET_COST, ACTION_HORIZON)
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
            "cost": rub(MARKET_COST, lang),
            "old_cost": rub(CURATOR["cost"], lang),
            "curator": signed_rub(market["curator"], lang),
            "upsell": signed_rub(market["upsell"], lang),
            "lead": rub(old["curator"] - old["upsell"], lang),
            "extra": rub(extra_curator_cost(), lang),
            # discounted student-months of the curator's three months: what each extra rouble a month is paid on
            "months": _num(extra_curator_cost() / (MARKET_COST - CURATOR["cost"]) / STUDENTS, lang, 1),
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
            "r1": {"en": "LTV:CAC stays above 3:1, and the month's net value, students × (LTV − CAC), grows.",
                   "ru": "LTV:CAC остаётся выше 3:1, а чистая ценность месячной когорты, ученики × (LTV − CAC), "
                         "растёт."},
            "r2": {"en": "LTV:CAC falls, so each rouble spent on partners works less hard.",
                   "ru": "LTV:CAC снижается, значит, каждый рубль, потраченный на партнёров, работает хуже."},
            "r3": {"en": "More users always bring more value.",
                   "ru": "Больше пользователей всегда приносят больше ценности."},
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
            "r1": {"en": "Both tests pass: the ratio stays above the target and the money earned grows.",
                   "ru": "Обе проверки пройдены: соотношение выше цели, а заработанные деньги растут."},
            "r2": {"en": (f"The ratio falls from {E['ratio_now']} to {E['ratio_offer']}, but a ratio is not the "
                          "goal: while it stays above 3:1, more students at a higher price still add money."),
                   "ru": (f"Соотношение падает с {R['ratio_now']} до {R['ratio_offer']}, но цель — не "
                          "соотношение: пока оно выше 3:1, больше учеников по более высокой цене всё ещё "
                          "приносят больше денег.")},
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
                   '# decision = "accept", reason = "r1"'),
            "ru": ('ltv, c1 = econ.loc["partners", "ltv"], econ.loc["partners", "c1"]\n'
                   "for ua, cpa in ((2000, 140), (4000, 220)):\n"
                   f"    print(ltv / (cpa / c1), ua * c1 * (ltv - cpa / c1))  # {R['ratio_offer']} и "
                   f"{R['net_offer']} с предложением\n"
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
            "en": (f"The school cannot find curators at {E['old_cost']} a month per student: the market rate is "
                   f"{E['cost']}.\nEverything else stays as in the table above. The school can launch one action "
                   "for its\n1,000 new Basic students and judges it over two years (24 months). Which one?"),
            "ru": (f"Найти кураторов по {R['old_cost']} в месяц на ученика не получается: рыночная ставка — "
                   f"{R['cost']}.\nВсё остальное — как в таблице выше. Школа может запустить одно действие для "
                   "1 000 новых\nучеников «Базового» и оценивает его за два года (24 месяца). Какое?"),
        },
        prompt={"en": '"curator" or "upsell"', "ru": '"curator" или "upsell" (можно "куратор" или "апсейл")'},
        reasons={
            "r1": {"en": "The extra 300 ₽ a month for every student in the curator's three months costs more than his "
                         "lead over the upsell at month 24.",
                   "ru": "Лишние 300 ₽ в месяц на каждого ученика за три месяца работы куратора стоят больше, чем его "
                         "отрыв от апсейла к 24-му месяцу."},
            "r2": {"en": "Over two years a retention action beats an upsell.",
                   "ru": "За два года действие по удержанию обгоняет апсейл."},
            "r3": {"en": "The upsell pays back within a quarter, so it is the better action on any horizon.",
                   "ru": "Апсейл окупается за квартал, поэтому он лучше на любом горизонте."},
        },
        explain={
            "curator": {"en": (f"At {E['cost']} the curator adds {E['curator']} over 24 months, the upsell "
                               f"{E['upsell']}."),
                        "ru": (f"По {R['cost']} куратор за 24 месяца даёт {R['curator']}, апсейл — "
                               f"{R['upsell']}.")},
            "upsell": {"en": (f"Over 24 months the upsell adds {E['upsell']}, the curator at {E['cost']} only "
                              f"{E['curator']}."),
                       "ru": (f"За 24 месяца апсейл даёт {R['upsell']}, а куратор по {R['cost']} — лишь "
                              f"{R['curator']}.")},
            "r1": {"en": (f"The market rate adds about {E['extra']} to the curator's cost for 1,000 students, more "
                          f"than his lead of {E['lead']} at month 24."),
                   "ru": (f"Рыночная ставка добавляет к затратам на куратора около {R['extra']} на 1 000 учеников — "
                          f"больше, чем его отрыв в {R['lead']} к 24-му месяцу.")},
            "r2": {"en": ("Not as a rule: it held at 700 ₽ a month; what a retention action earns depends on what it "
                          "costs, and at the market rate two years are not enough."),
                   "ru": ("Это не правило: так было при 700 ₽ в месяц; заработок действия по удержанию зависит от "
                          "его цены, и по рыночной ставке двух лет не хватает.")},
            "r3": {"en": ("No: at 700 ₽ the table shows the curator ahead at 24 and 36 months. A quick payback says "
                          "when an action earns, not how much."),
                   "ru": ("Нет: при 700 ₽ таблица показывает куратора впереди к 24-му и 36-му месяцам. Быстрая "
                          "окупаемость говорит о том, когда действие зарабатывает, а не сколько.")},
        },
        feedback={
            "en": (f"Over 24 months the curator at {E['cost']} adds {E['curator']}, the upsell {E['upsell']}: his cost "
                   "comes at once, his return only with the months the kept students pay later."),
            "ru": (f"За 24 месяца куратор по {R['cost']} даёт {R['curator']}, апсейл — {R['upsell']}: затраты на "
                   "куратора приходятся на первые месяцы, а отдача — на месяцы, которые удержанные ученики оплатят "
                   "позже."),
        },
        hint={
            "en": "Rerun the table's cell with CURATOR['cost'] = 1000 and read month 24; or estimate: 300 ₽ more × "
                  f"about {E['months']} months with a curator per student (discounted) × 1,000 students, against the curator's lead at "
                  "month 24.",
            "ru": "Пересчитайте ячейку таблицы с CURATOR['cost'] = 1000 и посмотрите на 24-й месяц; или прикиньте: "
                  f"300 ₽ × примерно {R['months']} месяца с куратором на ученика (с дисконтированием) × 1 000 учеников против "
                  "отрыва куратора к 24-му месяцу.",
        },
        solution={
            "en": ("# the table's cell with CURATOR['cost'] = 1000, then the row of month 24\n"
                   f"gains.loc[24]  # curator {E['curator']}, upsell {E['upsell']}\n"
                   '# decision = "upsell", reason = "r1"'),
            "ru": ("# ячейка таблицы с CURATOR['cost'] = 1000, затем строка 24-го месяца\n"
                   f"gains.loc[24]  # куратор {R['curator']}, апсейл {R['upsell']}\n"
                   '# decision = "upsell", reason = "r1"'),
        },
    ),
]
