"""Exercises of notebook 08 (case studies on the synthetic retailer, subscription and coffee-chain data)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook.
HORIZON = "12 months"
ANNUAL_DISCOUNT_RATE = 0.1
RETAIL_MARGIN = 0.3
SUBSCRIPTION_MARGIN = 0.6
COFFEE_MARGIN = 0.6
#: Recommendations: a one-off set-up cost per customer and a running cost a month.
RECOMMENDATION_COST_ONCE = 1.0
RECOMMENDATION_COST_PER_MONTH = 0.1
#: The dearer set-up cost of exercise 10.1.
EXERCISE_COST_ONCE = 2.5
#: Loyalty program: enrolment cost, rewards a month, share of non-members who join.
LOYALTY_COSTS = {"cost_once": 2.0, "cost_per_period": 0.3, "take_up": 0.3}
#: Share of the member / non-member gap the program is assumed to cause (notebook, exercise 08.3).
GAP_SHARE = 0.5
EXERCISE_GAP_SHARE = 0.25


@lru_cache(maxsize=1)
def retailer_base():
    """Retailer summary with channel and test group, fitted BG/NBD and Gamma-Gamma, order-value uplift."""
    from ..data.summary import summarize
    from ..datasets import load_retailer
    from ..models import BGNBD, GammaGamma

    tx = load_retailer()
    summary = summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W", purchase_grain="D")
    first = tx.groupby("customer_id")[["channel", "recommendations"]].first()
    customers = summary.assign(channel=first["channel"], recommendations=first["recommendations"])
    aov = tx.groupby("recommendations")["amount"].mean()
    uplift = float(aov[1] / aov[0] - 1)
    return customers, BGNBD().fit(summary), GammaGamma().fit(summary), uplift


@lru_cache(maxsize=1)
def recommendation_simulator():
    """StrategySimulator on the control group (the customers who do not see recommendations yet)."""
    from ..strategy import StrategySimulator

    customers, bgnbd, gg, _ = retailer_base()
    control = customers[customers["recommendations"] == 0]
    return StrategySimulator(bgnbd, gg, control, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                             margin=RETAIL_MARGIN)


def _recommendation_roi() -> float:
    from ..strategy import Strategy

    uplift = retailer_base()[3]
    strategy = Strategy(name="recommendations", aov_change=uplift, cost_once=EXERCISE_COST_ONCE,
                        cost_per_period=RECOMMENDATION_COST_PER_MONTH)
    return recommendation_simulator().evaluate(strategy).roi


@lru_cache(maxsize=1)
def subscription_models() -> dict:
    """sBG fitted per plan to the survivors at the start of months 0..18 (all cohorts summed)."""
    from ..data.cohorts import cohort_table
    from ..datasets import load_subscription
    from ..models import ShiftedBetaGeometric

    payments = load_subscription()
    models = {}
    for plan in ("basic", "premium"):
        table = cohort_table(payments[payments["plan"] == plan], period="M", metric="customers",
                             observation_end=payments.attrs["observation_end"])
        models[plan] = ShiftedBetaGeometric().fit(table.loc[:, :18].sum(), time_unit="M")
    return models


def _premium_subscriber_value() -> float:
    from ..units import rate_per_unit

    d = rate_per_unit(ANNUAL_DISCOUNT_RATE, "M")
    return SUBSCRIPTION_MARGIN * 14.99 * subscription_models()["premium"].discounted_expected_lifetime(d)


@lru_cache(maxsize=1)
def coffee_base():
    """Coffee summary with the member flag, BG/NBD per group and one Gamma-Gamma for all."""
    from ..data.summary import summarize
    from ..datasets import load_coffee_chain
    from ..models import BGNBD, GammaGamma

    tx = load_coffee_chain()
    summary = summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W", purchase_grain="exact")
    customers = summary.assign(member=tx.groupby("customer_id")["member"].first())
    members = BGNBD().fit(customers[customers["member"] == 1])
    others = BGNBD().fit(customers[customers["member"] == 0])
    return customers, members, others, GammaGamma().fit(customers)


def loyalty_levers(share: float) -> dict:
    """Churn and frequency levers that close `share` of the fitted member / non-member gap."""
    _, members, others, _ = coffee_base()
    pm, po = members.params_, others.params_
    dropout = (pm["a"] / (pm["a"] + pm["b"])) / (po["a"] / (po["a"] + po["b"])) - 1
    rate = (pm["r"] / pm["alpha"]) / (po["r"] / po["alpha"]) - 1
    return {"churn_change": share * float(dropout), "frequency_change": share * float(rate)}


@lru_cache(maxsize=1)
def loyalty_simulator():
    """StrategySimulator on the non-members with their own BG/NBD."""
    from ..strategy import StrategySimulator

    customers, _, others, gg = coffee_base()
    return StrategySimulator(others, gg, customers[customers["member"] == 0], horizon=HORIZON,
                             annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=COFFEE_MARGIN)


def _loyalty_roi_quarter_gap() -> float:
    from ..strategy import preset

    program = preset("loyalty_program", **loyalty_levers(EXERCISE_GAP_SHARE), **LOYALTY_COSTS)
    return loyalty_simulator().evaluate(program).roi


EXERCISES = [
    Exercise(
        key="08.1",
        question={
            "en": (
                "The vendor's real quote is $2.50 per customer to set up (the running cost "
                "stays\n"
                "$0.10 a month). What is the ROI of rolling the recommendations out to the "
                "control group now? Answer as\n"
                "a fraction (0.5 for 50%)."
            ),
            "ru": (
                "Реальное предложение поставщика — 250 ₽ за запуск на клиента (работа "
                "по-прежнему\n"
                "10 ₽ в месяц). Каков теперь ROI включения рекомендаций для контрольной "
                "группы? Ответьте в долях\n"
                "единицы (0.5 для 50%)."
            ),
        },
        prompt={
            "en": "your answer, a fraction",
            "ru": "ваш ответ, доля",
        },
        feedback={
            "en": (
                "$2.50 is above the break-even cost per customer, so the rollout loses money."
            ),
            "ru": (
                "250 ₽ — выше точки безубыточности на клиента, поэтому внедрение убыточно."
            ),
        },
        kind="number",
        expected=_recommendation_roi,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": "Copy the strategy with a new one-off cost: recommendations.with_levers(cost_once=2.5), evaluate it "
                  "with sim.evaluate(...) and read .roi (a fraction; it may be negative).",
            "ru": "Скопируйте стратегию с новыми разовыми затратами: recommendations.with_levers(cost_once=250), "
                  "оцените через sim.evaluate(...) и возьмите .roi (доля; может быть отрицательной).",
        },
        solution={
            "en": "sim.evaluate(recommendations.with_levers(cost_once=2.5)).roi\n"
                  "2.50 is above the break-even cost per customer, so the program loses money.",
            "ru": "sim.evaluate(recommendations.with_levers(cost_once=250)).roi\n"
                  "250 ₽ больше предельных затрат на клиента (точки безубыточности), поэтому программа "
                  "убыточна.",
        },
    ),
    Exercise(
        key="08.2",
        question={
            "en": (
                "What is a new **premium** subscriber worth (same margin and discount rate)? "
                "Here is\n"
                "the hint, as an example of asking for one:"
            ),
            "ru": (
                "Сколько стоит новый подписчик **premium** (та же маржа и ставка\n"
                "дисконтирования)? Вот подсказка — так её можно попросить:"
            ),
        },
        prompt={
            "en": "your answer, in dollars",
            "ru": "ваш ответ, в рублях",
        },
        feedback={
            "en": (
                "Margin a month times the discounted months a premium subscriber is expected "
                "to pay."
            ),
            "ru": (
                "Маржа в месяц, умноженная на дисконтированное число месяцев, которые "
                "подписчик premium, по прогнозу, оплатит."
            ),
        },
        kind="number",
        expected=_premium_subscriber_value,
        money=True,
        rel_tol=0.01,
        abs_tol=0.05,
        decimals=2,
        hint={
            "en": "Do for premium what the notebook did for basic: margin x price x the model's "
                  "discounted_expected_lifetime(d), with the price 14.99 and sbg['premium'].",
            "ru": "Сделайте для premium то же, что в блокноте для basic: маржа x цена x "
                  "discounted_expected_lifetime(d) модели, с ценой 1 499 ₽ и sbg['premium'].",
        },
        solution={
            "en": "# margin a month x the discounted months a new premium subscriber is expected to pay\n"
                  "SUBSCRIPTION_MARGIN * 14.99 * sbg['premium'].discounted_expected_lifetime(d)",
            "ru": "# маржа в месяц x дисконтированное число месяцев, которые оплатит новый подписчик premium\n"
                  "SUBSCRIPTION_MARGIN * 1_499 * sbg['premium'].discounted_expected_lifetime(d)",
        },
    ),
    Exercise(
        key="08.3",
        question={
            "en": (
                "What if the program causes only a **quarter** of the gap? Evaluate it with "
                "the same\n"
                "costs and take-up on `loyalty_sim` and give the ROI as a fraction."
            ),
            "ru": (
                "А если программа даёт только **четверть** разрыва? Оцените её с теми же\n"
                "затратами и долей вступивших на `loyalty_sim` и дайте ROI в долях единицы."
            ),
        },
        prompt={
            "en": "your answer, a fraction",
            "ru": "ваш ответ, доля",
        },
        feedback={
            "en": (
                "With only a quarter of the gap caused by the program, its ROI shrinks "
                "accordingly."
            ),
            "ru": (
                "Если программа объясняет лишь четверть разрыва, её ROI соответственно падает."
            ),
        },
        kind="number",
        expected=_loyalty_roi_quarter_gap,
        rel_tol=0.02,
        abs_tol=0.01,
        decimals=2,
        hint={
            "en": "Build the levers with share = 0.25 instead of 0.5 (the same two lines as in the notebook), put them "
                  "into the preset with the same costs and take-up, and read .roi of sim.evaluate(...).",
            "ru": "Посчитайте рычаги с долей 0.25 вместо 0.5 (те же две строки, что в блокноте), подставьте "
                  "их в готовую стратегию с теми же затратами и долей участников и возьмите .roi из "
                  "sim.evaluate(...).",
        },
        solution={
            "en": "quarter = {'churn_change': 0.25 * dropout_gap, 'frequency_change': 0.25 * rate_gap}\n"
                  "program = ck.strategy.preset('loyalty_program', **quarter, cost_once=2.0, cost_per_period=0.3, "
                  "take_up=0.3)\nloyalty_sim.evaluate(program).roi",
            "ru": "quarter = {'churn_change': 0.25 * dropout_gap, 'frequency_change': 0.25 * rate_gap}\n"
                  "program = ck.strategy.preset('loyalty_program', **quarter, cost_once=200, cost_per_period=30, "
                  "take_up=0.3)\nloyalty_sim.evaluate(program).roi",
        },
    ),
]
