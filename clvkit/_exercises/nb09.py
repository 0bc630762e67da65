"""Exercises of notebook 09 (case: a subscription service, the Netflix pattern; SYNTHETIC data)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook.
ANNUAL_DISCOUNT_RATE = 0.10
MARGIN = 0.60
#: The retention offer: a test shows it cuts the mean monthly cancellation probability by a fifth.
CHURN_CUT = 0.20
#: What the offer costs per new subscriber in exercise 09.2, dollars.
OFFER_COST = 35.0
#: Survivors at the start of months 0..FITTED_MONTHS are fitted (every cohort is observed that long).
FITTED_MONTHS = 18
#: How long the offer's effect may last, in months, in the notebook's horizon table (None: the whole lifetime).
HORIZONS = (12, 24, 36, None)


@lru_cache(maxsize=1)
def subscription_models() -> tuple[dict, dict]:
    """sBG per plan, fitted to the survivors of all cohorts summed, and the price of each plan (dollars)."""
    from ..data.cohorts import cohort_table
    from ..datasets import load_subscription
    from ..models import ShiftedBetaGeometric

    payments = load_subscription()
    models, prices = {}, payments.groupby("plan")["amount"].first().to_dict()
    for plan in sorted(prices):
        table = cohort_table(payments[payments["plan"] == plan], period="M", metric="customers",
                             observation_end=payments.attrs["observation_end"])
        models[plan] = ShiftedBetaGeometric().fit(table.loc[:, :FITTED_MONTHS].sum(), time_unit="M")
    return models, prices


def offer_model(plan: str):
    """The sBG of a plan's subscribers with the retention offer.

    The offer is modelled as a new sBG whose mean monthly cancellation probability is a fifth lower, with
    the same alpha + beta (the same spread of churn among subscribers).
    """
    from ..models import ShiftedBetaGeometric

    alpha, beta = subscription_models()[0][plan].params_
    mean = (1 - CHURN_CUT) * alpha / (alpha + beta)
    return ShiftedBetaGeometric.from_params(alpha=mean * (alpha + beta), beta=(1 - mean) * (alpha + beta),
                                            time_unit="M")


def values(plan: str) -> tuple[float, float]:
    """Value of a new subscriber of a plan at sign-up, dollars, without and with the retention offer."""
    from ..units import rate_per_unit

    models, prices = subscription_models()
    d = rate_per_unit(ANNUAL_DISCOUNT_RATE, "M")
    margin = MARGIN * prices[plan]
    return (margin * models[plan].discounted_expected_lifetime(d),
            margin * offer_model(plan).discounted_expected_lifetime(d))


def value_added(plan: str, months: int | None = None) -> float:
    """What the offer adds per new subscriber of a plan, dollars, counting its first `months` months.

    ``margin * sum_{t < months} (S_after(t) - S_before(t)) / (1 + d)^t``: the extra share of subscribers
    still paying in each month, discounted; ``months=None`` counts the whole lifetime (the offer keeps
    working for as long as a subscriber stays). Counting fewer months is the cautious reading of an
    effect whose duration the test did not measure.
    """
    import numpy as np

    from ..units import rate_per_unit

    if months is None:
        before, after = values(plan)
        return after - before
    models, prices = subscription_models()
    d, t = rate_per_unit(ANNUAL_DISCOUNT_RATE, "M"), np.arange(months)
    gap = offer_model(plan).survival(t) - models[plan].survival(t)
    return float(MARGIN * prices[plan] * np.sum(gap / (1 + d) ** t))


def _which_plan():
    extra = {plan: value_added(plan) for plan in ("basic", "premium")}
    paying = [plan for plan, gain in extra.items() if gain > OFFER_COST]
    choice = {0: "neither", 1: paying[0] if paying else "neither", 2: "both"}[len(paying)]
    return choice, {"premium": "r2", "basic": "r1", "both": "r3", "neither": "r4"}[choice]


EXERCISES = [
    Exercise(
        key="09.1",
        kind="decision",
        expected=("extra_value", "r2"),  # the ceiling of any programme is the value it adds, whatever the data
        options=("subscriber_value", "extra_value", "one_month"),
        synonyms={"subscriber_value": ("ценность подписчика",), "extra_value": ("прирост ценности", "прирост"),
                  "one_month": ("месяц", "маржа за месяц")},
        reasons={
            "r1": {"en": "the offer keeps the subscriber, so it may cost what the subscriber is worth",
                   "ru": "предложение удерживает подписчика, значит, может стоить столько, сколько он стоит"},
            "r2": {"en": "the offer is worth only the months it adds; the rest of the value comes without it",
                   "ru": "предложение стоит только тех месяцев, которые оно добавляет; остальная ценность "
                         "придёт и без него"},
            "r3": {"en": "a subscriber pays month by month, so an offer must pay back within a month",
                   "ru": "подписчик платит помесячно, поэтому предложение должно окупиться за месяц"},
        },
        explain={
            "subscriber_value": {"en": "A new basic subscriber is worth about $62 without any offer; paying that "
                                       "much for an offer that adds about $32 loses about $30 a subscriber.",
                                 "ru": "Новый подписчик basic стоит около 6 200 ₽ и без предложения; платить "
                                       "столько за предложение, которое добавляет около 3 200 ₽, — терять "
                                       "около 3 000 ₽ на подписчике."},
            "extra_value": {"en": "Right: the offer raises a basic subscriber's value from about $62 to $93; "
                                  "only the $32 difference is its doing, so that is the most it may cost.",
                            "ru": "Верно: предложение поднимает ценность подписчика basic примерно с 6 200 до "
                                  "9 300 ₽; его заслуга — только разница в 3 200 ₽, столько оно и может стоить."},
            "one_month": {"en": "One month's margin ($6 for basic) is far below what the offer adds (about $32): "
                                "that ceiling would turn down offers that pay.",
                          "ru": "Маржа за месяц (600 ₽ у basic) намного меньше того, что добавляет предложение "
                                "(около 3 200 ₽): такой потолок отверг бы выгодные предложения."},
            "r1": {"en": "The subscriber's value includes the months they would have stayed anyway; the offer "
                         "did not earn those.",
                   "ru": "В ценность подписчика входят и месяцы, которые он оставался бы и так; их предложение "
                         "не заработало."},
            "r2": {"en": "Right: compare the value with the offer and without it; the difference is the ceiling.",
                   "ru": "Верно: сравните ценность с предложением и без него; разница и есть потолок."},
            "r3": {"en": "The offer's effect comes in every later month a subscriber stays; a one-month payback "
                         "ignores all of them.",
                   "ru": "Эффект предложения приходит в каждом следующем месяце, пока подписчик остаётся; "
                         "требование окупиться за месяц не учитывает их все."},
        },
        question={
            "en": "Finance asks for a ceiling on the retention offer for new **basic** subscribers. Which figure is "
                  "the most the offer may cost per subscriber: the value of a new subscriber, the extra value "
                  "the offer adds, or one month's margin?",
            "ru": "Финансовый отдел просит потолок затрат на предложение по удержанию для новых подписчиков "
                  "**basic**. Какая цифра — наибольшее, что предложение может стоить на подписчика: ценность "
                  "нового подписчика, прирост ценности от предложения или маржа за месяц?",
        },
        prompt={"en": '"subscriber_value", "extra_value" or "one_month"',
                "ru": '"subscriber_value", "extra_value" или "one_month"'},
        feedback={"en": "A programme may cost at most what it adds, not what the customer is worth.",
                  "ru": "Программа может стоить не больше, чем она добавляет, а не столько, сколько стоит клиент."},
        hint={"en": "Which part of a subscriber's value would you lose if you did not make the offer?",
              "ru": "Какую часть ценности подписчика вы потеряете, если не сделаете предложения?"},
        solution={"en": 'decision, reason = "extra_value", "r2"\n'
                        "# basic: value_added over the lifetime, about $32 a new subscriber",
                  "ru": 'decision, reason = "extra_value", "r2"\n'
                        "# basic: прирост ценности за всю жизнь, около 3 200 ₽ на нового подписчика"},
    ),
    Exercise(
        key="09.2",
        kind="decision",
        expected=_which_plan,
        options=("basic", "premium", "both", "neither"),
        synonyms={"both": ("оба", "обоим"), "neither": ("никому", "ни одному")},
        reasons={
            "r1": {"en": "basic subscribers cancel more often in their first months, so there is more churn to save",
                   "ru": "подписчики basic чаще отменяют в первые месяцы, значит, там больше оттока, который можно "
                         "предотвратить"},
            "r2": {"en": "only on premium does the offer add more than its cost per subscriber",
                   "ru": "только на premium предложение добавляет больше, чем стоит на подписчика"},
            "r3": {"en": "both plans' subscribers are worth more than the offer costs",
                   "ru": "подписчики обоих тарифов стоят больше, чем стоит предложение"},
            "r4": {"en": "the offer adds less than it costs on both plans",
                   "ru": "на обоих тарифах предложение добавляет меньше, чем стоит"},
        },
        explain={
            "basic": {"en": "On basic the offer adds about $32 a subscriber, less than its $35 cost: each offer "
                            "loses about $3.",
                      "ru": "На basic предложение добавляет около 3 200 ₽ на подписчика, меньше своей цены "
                            "3 500 ₽: каждое предложение теряет около 300 ₽."},
            "premium": {"en": "Right: on premium the offer adds about $39 a subscriber, above its $35 cost.",
                        "ru": "Верно: на premium предложение добавляет около 3 900 ₽ на подписчика, больше своей "
                              "цены 3 500 ₽."},
            "both": {"en": "On basic the offer adds about $32, less than its $35 cost; only premium pays.",
                     "ru": "На basic предложение добавляет около 3 200 ₽ — меньше цены 3 500 ₽; окупается "
                           "только premium."},
            "neither": {"en": "If the digest keeps working as long as subscribers stay, premium gains about $39, "
                              "more than the $35 cost. Neither would be right only if the effect faded within "
                              "three years: within 36 months premium gains about $19.",
                        "ru": "Если подборка действует, пока подписчик остаётся, premium получает около 3 900 ₽ — "
                              "больше цены 3 500 ₽. «Никому» было бы верно, только если эффект угаснет за три "
                              "года: за 36 месяцев premium получает около 1 900 ₽."},
            "r1": {"en": "Basic churns more only in the first months (from month 6 it keeps more). The offer "
                         "does add more months on basic (about 5.3 against 4.3), but fewer dollars: a basic "
                         "month is worth $6 of margin against $9.",
                   "ru": "На basic отменяют чаще только в первые месяцы (с шестого месяца удержание там выше). "
                         "Предложение и правда добавляет на basic больше месяцев (около 5,3 против 4,3), но "
                         "меньше денег: месяц basic приносит 600 ₽ маржи, а premium — 900 ₽."},
            "r2": {"en": "Right: compare each plan's extra value per subscriber with the cost per subscriber.",
                   "ru": "Верно: сравните прирост ценности на подписчика каждого тарифа с ценой на подписчика."},
            "r3": {"en": "Comparing the offer's cost with a subscriber's whole value counts months that come "
                         "without the offer.",
                   "ru": "Сравнивая цену предложения со всей ценностью подписчика, вы считаете месяцы, которые "
                         "придут и без предложения."},
            "r4": {"en": "Over the lifetime, as the question assumes, premium's extra value (about $39) is above "
                         "the $35 cost; only an effect that fades within three years (about $19) makes it true.",
                   "ru": "За всю жизнь подписчика, как предполагает вопрос, прирост на premium (около 3 900 ₽) "
                         "выше цены 3 500 ₽; верно это стало бы, только если эффект угаснет за три года "
                         "(около 1 900 ₽)."},
        },
        question={
            "en": "The offer (a personal content digest and a free month) costs **$35** per new subscriber, and "
                  "it cuts churn by a fifth on either plan. Assume the digest keeps working as long as a "
                  "subscriber stays. Whom do you make it to: basic, premium, both or neither?",
            "ru": "Предложение (персональная подборка контента и бесплатный месяц) стоит **3 500 ₽** на нового "
                  "подписчика и снижает отток на пятую часть на любом тарифе. Допустим, подборка действует, пока "
                  "подписчик остаётся. Кому вы его сделаете: basic, premium, обоим или никому?",
        },
        prompt={"en": '"basic", "premium", "both" or "neither"', "ru": '"basic", "premium", "both" или "neither"'},
        feedback={"en": "The same cut in churn is worth more where a month is worth more.",
                  "ru": "Одно и то же снижение оттока стоит больше там, где дороже месяц."},
        hint={"en": "Which column of the value_added table matches the assumption? Compare it with the cost.",
              "ru": "Какой столбец таблицы прироста ценности отвечает допущению? Сравните его с ценой."},
        solution={"en": 'decision, reason = "premium", "r2"\n'
                        "# value added over the lifetime: basic about $32, premium about $39; the offer costs $35",
                  "ru": 'decision, reason = "premium", "r2"\n'
                        "# прирост на нового подписчика: basic около 3 200 ₽, premium около 3 900 ₽; цена 3 500 ₽"},
    ),
]
