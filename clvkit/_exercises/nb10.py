"""Exercises of notebook 10 (case: a coffee chain's loyalty programme, the Starbucks pattern; SYNTHETIC data)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook.
ANNUAL_DISCOUNT_RATE = 0.10
MARGIN = 0.60
#: How long the programme's effect is assumed to last: the chain commits to it for two years, then redesigns it.
HORIZON = "24 months"
#: The programme: enrolment (a welcome cup and the card), rewards a month at cost price, share who join.
COSTS = {"cost_once": 2.5, "cost_per_period": 0.3, "take_up": 0.3}
#: Share of the member / non-member gap the programme is assumed to cause: the notebook, and exercise 10.1.
GAP_SHARE, LOW_GAP_SHARE = 0.5, 0.25


@lru_cache(maxsize=1)
def coffee_base():
    """Coffee summary with the member flag, BG/NBD for members and for the others, one Gamma-Gamma for all."""
    from ..data.summary import summarize
    from ..datasets import load_coffee_chain
    from ..models import BGNBD, GammaGamma

    tx = load_coffee_chain()
    summary = summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W", purchase_grain="exact")
    customers = summary.assign(member=tx.groupby("customer_id")["member"].first())
    members = BGNBD().fit(customers[customers["member"] == 1])
    others = BGNBD().fit(customers[customers["member"] == 0])
    return customers, members, others, GammaGamma().fit(customers)


def gaps() -> dict:
    """Relative gaps of members over the others: the chance of dropping out after a visit, and the visit rate."""
    _, members, others, _ = coffee_base()
    pm, po = members.params_, others.params_
    dropout = (pm["a"] / (pm["a"] + pm["b"])) / (po["a"] / (po["a"] + po["b"])) - 1
    rate = (pm["r"] / pm["alpha"]) / (po["r"] / po["alpha"]) - 1
    return {"churn_change": float(dropout), "frequency_change": float(rate)}


@lru_cache(maxsize=4)
def simulator(horizon: str = HORIZON):
    """StrategySimulator on the non-members with their own BG/NBD."""
    from ..strategy import StrategySimulator

    customers, _, others, gg = coffee_base()
    return StrategySimulator(others, gg, customers[customers["member"] == 0], horizon=horizon,
                             annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN)


def programme(share: float):
    """The loyalty programme that closes `share` of the fitted gap, with the notebook's costs (dollars)."""
    from ..strategy import preset

    levers = {k: share * v for k, v in gaps().items()}
    return preset("loyalty_program", **levers, **COSTS)


def break_even(share: float, horizon: str = HORIZON) -> float:
    """The most the enrolment may cost per member, dollars, when the programme causes `share` of the gap."""
    return float(simulator(horizon).evaluate(programme(share), payback=False).summary()["break_even_cost"])


def _launch():
    pays = [break_even(share) > COSTS["cost_once"] for share in (GAP_SHARE, LOW_GAP_SHARE)]
    if all(pays):
        return "launch", "r1"
    if not any(pays):
        return "drop", "r3"
    return "test_first", "r2"


EXERCISES = [
    Exercise(
        key="10.1",
        kind="number",
        expected=lambda: break_even(LOW_GAP_SHARE),
        money=True,
        rel_tol=0.03,
        abs_tol=0.05,
        decimals=2,
        question={
            "en": "What if the programme causes only a **quarter** of the gap, not half? Give the most the "
                  "enrolment may cost per member over 24 months (`break_even_cost`), with the same running cost "
                  "and take-up.",
            "ru": "А если программа даёт только **четверть** разрыва, а не половину? Назовите, сколько максимум "
                  "может стоить вступление одного участника за 24 месяца (`break_even_cost`), при тех же "
                  "затратах на работу и той же доле вступивших.",
        },
        prompt={"en": "your answer, in dollars per member", "ru": "ваш ответ, в рублях на участника"},
        feedback={"en": "A quarter of the gap leaves under $2 a member for the enrolment: less than the $2.50 it "
                        "costs.",
                  "ru": "Четверть разрыва оставляет на вступление меньше 200 ₽ на участника — меньше, чем "
                        "250 ₽, которые оно стоит."},
        hint={"en": "Build the programme with 0.25 * dropout_gap and 0.25 * rate_gap instead of 0.5, evaluate it "
                    "with a 24-month StrategySimulator and read summary()['break_even_cost'].",
              "ru": "Соберите программу с 0.25 * dropout_gap и 0.25 * rate_gap вместо 0.5, оцените её "
                    "StrategySimulator на 24 месяца и возьмите summary()['break_even_cost']."},
        solution={"en": "quarter = ck.strategy.preset('loyalty_program', churn_change=0.25 * dropout_gap,\n"
                        "    frequency_change=0.25 * rate_gap, cost_once=2.5, cost_per_period=0.3, take_up=0.3)\n"
                        "sim = ck.strategy.StrategySimulator(bg_others, gg, others, horizon='24 months', **options)\n"
                        "sim.evaluate(quarter).summary()['break_even_cost']",
                  "ru": "quarter = ck.strategy.preset('loyalty_program', churn_change=0.25 * dropout_gap,\n"
                        "    frequency_change=0.25 * rate_gap, cost_once=250, cost_per_period=30, take_up=0.3)\n"
                        "sim = ck.strategy.StrategySimulator(bg_others, gg, others, horizon='24 months', **options)\n"
                        "sim.evaluate(quarter).summary()['break_even_cost']"},
    ),
    Exercise(
        key="10.2",
        kind="decision",
        expected=_launch,
        options=("launch", "test_first", "drop"),
        synonyms={"launch": ("запустить", "запуск"), "test_first": ("сначала тест", "тест"),
                  "drop": ("отказаться", "отказ")},
        reasons={
            "r1": {"en": "members are worth more than three times as much as non-members, so the programme pays",
                   "ru": "участники стоят более чем втрое больше остальных, значит, программа окупается"},
            "r2": {"en": "the verdict turns on how much of the gap the programme causes, which comparing members "
                         "with non-members cannot measure",
                   "ru": "вердикт зависит от того, какую часть разрыва даёт программа, а сравнение участников с "
                         "остальными этого измерить не может"},
            "r3": {"en": "a cautious plan judges a programme at the smallest effect that cannot be ruled out",
                   "ru": "осторожный план судит о программе по наименьшему эффекту, который нельзя исключить"},
        },
        explain={
            "launch": {"en": "Launching bets on the half-gap assumption: at a quarter of the gap the most an "
                             "enrolment may cost is about $1.97, below its $2.50.",
                       "ru": "Запуск — это ставка на половину разрыва: при четверти разрыва вступление может "
                             "стоить не больше 197 ₽, а стоит 250 ₽."},
            "test_first": {"en": "Right: at half the gap each member may cost up to about $6.92, at a quarter "
                                 "only $1.97, and the $2.50 enrolment sits between; a random offer of the card "
                                 "measures which.",
                           "ru": "Верно: при половине разрыва участник может стоить до 692 ₽, при четверти — "
                                 "лишь 197 ₽, а вступление за 250 ₽ — между ними; случайное предложение карты "
                                 "покажет, что верно."},
            "drop": {"en": "Dropping bets on the quarter-gap assumption: if the programme causes half the gap, "
                           "each member may cost up to about $6.92, far above the $2.50.",
                     "ru": "Отказ — это ставка на четверть разрыва: если программа даёт половину разрыва, "
                           "участник может стоить до 692 ₽, намного больше 250 ₽."},
            "r1": {"en": "Members chose to join: heavy coffee drinkers sign up, so much of the gap is who they "
                         "are, not what the card did.",
                   "ru": "Участники сами решили вступить: карту оформляют те, кто много пьёт кофе, и большая "
                         "часть разрыва объясняется тем, кто они, а не тем, что сделала карта."},
            "r2": {"en": "Right: at half the gap the programme pays ($6.92 a member against $2.50), at a quarter "
                         "it does not ($1.97); only a randomised offer measures which share is true.",
                   "ru": "Верно: при половине разрыва программа окупается (692 ₽ на участника против 250 ₽), при "
                         "четверти — нет (197 ₽); какая доля верна, измерит только случайное предложение."},
            "r3": {"en": "Judging at the worst case throws away a programme that pays well at half the gap "
                         "($6.92 a member against $2.50); when a cheap test can tell, measure instead of guessing.",
                   "ru": "Судить по худшему случаю — значит выбросить программу, которая хорошо окупается при "
                         "половине разрыва (692 ₽ на участника против 250 ₽); если дешёвый тест может ответить, "
                         "измерьте, а не угадывайте."},
        },
        question={
            "en": "The enrolment costs **$2.50** per member. Over 24 months, do you launch the programme for all "
                  "non-members, test it first on a random half of them, or drop it?",
            "ru": "Вступление стоит **250 ₽** на участника. За 24 месяца: вы запускаете программу для всех "
                  "остальных клиентов, сначала тестируете её на случайной половине из них или отказываетесь?",
        },
        prompt={"en": '"launch", "test_first" or "drop"', "ru": '"launch", "test_first" или "drop"'},
        feedback={"en": "When the verdict depends on an effect you cannot see in the data, measure the effect "
                        "before you pay for it at scale.",
                  "ru": "Если решение зависит от эффекта, которого в данных не видно, измерьте эффект, "
                        "прежде "
                        "чем платить за него в полном масштабе."},
        hint={"en": "Compare the $2.50 with the break-even cost at half the gap (the table) and at a quarter "
                    "(exercise 10.1).",
              "ru": "Сравните 250 ₽ с точкой безубыточности при половине разрыва (таблица) и при четверти "
                    "(упражнение 10.1)."},
        solution={"en": 'decision, reason = "test_first", "r2"\n'
                        "# break-even over 24 months: $6.92 at half the gap, $1.97 at a quarter; the enrolment "
                        "costs $2.50",
                  "ru": 'decision, reason = "test_first", "r2"\n'
                        "# точка безубыточности за 24 месяца: 692 ₽ при половине разрыва, 197 ₽ при четверти; "
                        "вступление стоит 250 ₽"},
    ),
]
