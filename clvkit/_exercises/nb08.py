"""Exercises of notebook 08 (case: an online retailer, the Amazon pattern; SYNTHETIC data)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook.
HORIZON = "12 months"  # how long the effect is assumed to last: recommendations run for the one-year contract
ANNUAL_DISCOUNT_RATE = 0.10
MARGIN = 0.30
#: The first quote of the notebook and the vendor's real quote of exercise 08.1, dollars per customer.
COST_ONCE, COST_PER_MONTH = 1.0, 0.1
QUOTE_ONCE = 2.5
#: The CLV tiers that make up the top 20% of the control group.
TOP_20 = ("top 1%", "top 1-5%", "top 5-20%")


@lru_cache(maxsize=1)
def retailer_base():
    """Summary, test group per customer, BG/NBD and Gamma-Gamma fitted on the control group, the order-value uplift.

    The models are fitted on the control group only: it is the group they value, and the treated group's
    larger orders (the effect being priced) would otherwise raise the Gamma-Gamma prior of spend.
    """
    from ..data.summary import summarize
    from ..datasets import load_retailer
    from ..models import BGNBD, GammaGamma

    tx = load_retailer()
    summary = summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W", purchase_grain="D")
    group = tx.groupby("customer_id")["recommendations"].first()
    aov = tx.groupby("recommendations")["amount"].mean()
    control = summary[group.reindex(summary.index) == 0]
    return summary, group, BGNBD().fit(control), GammaGamma().fit(control), float(aov[1] / aov[0] - 1)


@lru_cache(maxsize=1)
def control_simulator():
    """The control group (no recommendations yet), its CLV tiers and a StrategySimulator with the tiers."""
    from ..segments import clv_tiers
    from ..strategy import StrategySimulator
    from ..valuation import customer_lifetime_value

    summary, group, bgnbd, gg, _ = retailer_base()
    control = summary[group.reindex(summary.index) == 0]
    value = customer_lifetime_value(bgnbd, gg, control, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                                    margin=MARGIN)
    tiers = clv_tiers(value["clv"])
    sim = StrategySimulator(bgnbd, gg, control, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                            margin=MARGIN, segments=tiers)
    return sim, tiers


def rollout_net(cost_once: float = QUOTE_ONCE) -> dict:
    """Net uplift over the horizon of the three rollouts of exercise 08.1, dollars: everyone, top 20%, nobody."""
    from ..strategy import Strategy

    sim, _ = control_simulator()
    offer = Strategy(name="recommendations", aov_change=retailer_base()[4], cost_once=cost_once,
                     cost_per_period=COST_PER_MONTH)
    return {"everyone": sim.evaluate(offer).net_uplift,
            "top_20": sum(sim.evaluate(offer.with_levers(target=t)).net_uplift for t in TOP_20),
            "nobody": 0.0}


def _to_whom():
    net = rollout_net()
    best = max(net, key=net.get)
    reason = {"everyone": "r3", "top_20": "r1", "nobody": "r2"}[best]
    return best, reason


_TO_WHOM_OPTIONS = ("everyone", "top_20", "nobody")

EXERCISES = [
    Exercise(
        key="08.1",
        kind="decision",
        expected=_to_whom,
        options=_TO_WHOM_OPTIONS,
        synonyms={"everyone": ("всем", "все", "all"), "top_20": ("лучшим 20%", "топ 20%", "top 20%"),
                  "nobody": ("никому", "none")},
        reasons={
            "r1": {"en": "on average per tier, the customers of the top 20% add more than the set-up costs; the "
                         "rest add less",
                   "ru": "в среднем по уровню клиенты из лучших 20% приносят больше, чем стоит запуск; "
                         "остальные — меньше"},
            "r2": {"en": "the rollout to the whole control group loses money over the year",
                   "ru": "включение для всей контрольной группы за год убыточно"},
            "r3": {"en": "the test lifted the order value of every kind of customer by about a fifth",
                   "ru": "тест поднял средний чек у всех клиентов примерно на пятую часть"},
        },
        explain={
            "everyone": {"en": "Everyone loses money: the 2,400 customers outside the top 20% add about $0.27 each "
                               "against a $2.50 set-up, and their loss outweighs the gain of the top 20%.",
                         "ru": "Всем — убыточно: 2 400 клиентов за пределами лучших 20% приносят примерно по 27 ₽ "
                               "при запуске за 250 ₽, и их убыток перекрывает выигрыш на лучших 20%."},
            "top_20": {"en": "Right: in the tiers of the top 20% the break-even set-up cost averages $5 to $49 a "
                             "customer, above the $2.50 quote, so each tier pays for itself.",
                       "ru": "Верно: в уровнях лучших 20% точка безубыточности в среднем — от 512 до 4 852 ₽ на "
                             "клиента, выше цены 250 ₽, поэтому каждый уровень окупает себя."},
            "nobody": {"en": "Nobody leaves money on the table: the top 20% alone would add about $4,000 net "
                             "over the year.",
                       "ru": "Никому — значит упустить деньги: одни лучшие 20% дали бы за год около 400 000 ₽ "
                             "чистого прироста."},
            "r1": {"en": "Right: a tier is worth the set-up when its average break-even cost (about $5 and more "
                         "in the top 20%, $0.27 in the rest) is above the $2.50 quote.",
                   "ru": "Верно: запуск оправдан для уровня, чья средняя точка безубыточности (от 512 ₽ у лучших "
                         "20%, 27 ₽ у остальных) выше цены 250 ₽."},
            "r2": {"en": "The whole group's loss is an average: it hides the top 20%, who pay for themselves "
                         "several times over.",
                   "ru": "Убыток всей группы — это среднее: за ним прячутся лучшие 20%, которые окупаются "
                         "в несколько раз."},
            "r3": {"en": "The same fifth is worth very different money: a fifth of a large future spend pays the "
                         "$2.50, a fifth of a small one (about $5 of margin a year in the rest, so about $1 more) does not.",
                   "ru": "Одни и те же +20% дают очень разные деньги: пятая часть большой будущей маржи "
                         "окупает 250 ₽, а маленькой (около 500 ₽ маржи за год у остальных, то есть примерно на 100 ₽ больше) — нет."},
        },
        question={
            "en": "The vendor's real quote is **$2.50** per customer to set up (still $0.10 a month to run). "
                  "To whom do you roll the recommendations out: everyone in the control group, only its top 20% "
                  "by CLV, or nobody?",
            "ru": "Окончательное предложение поставщика — **250 ₽** за запуск на клиента (работа по-прежнему 10 ₽ "
                  "в месяц). Кому вы включите рекомендации: всей контрольной группе, только лучшим 20% по CLV "
                  "или никому?",
        },
        prompt={"en": '"everyone", "top_20" or "nobody"', "ru": '"everyone", "top_20" или "nobody"'},
        feedback={"en": "Roll out where each customer's gain is above the cost, not where the average is.",
                  "ru": "Включайте там, где прирост от каждого клиента выше затрат, а не там, где выше среднее."},
        hint={"en": "Compare the $2.50 quote with the break-even cost of each tier in the table above.",
              "ru": "Сравните цену 250 ₽ с точкой безубыточности каждого уровня в таблице выше."},
        solution={"en": 'decision, reason = "top_20", "r1"\n'
                        "# break-even per customer: top 1% $48.52, top 1-5% $15.58, top 5-20% $5.12, rest $0.27",
                  "ru": 'decision, reason = "top_20", "r1"\n'
                        "# точка безубыточности на клиента: топ 1% — 4 852 ₽, топ 1-5% — 1 558 ₽, "
                        "топ 5-20% — 512 ₽, остальные — 27 ₽"},
    ),
    Exercise(
        key="08.2",
        kind="decision",
        expected=("test", "r2"),  # what a test measures is the only causal figure the notebook has
        options=("amazon_35", "test", "clickers"),
        synonyms={"amazon_35": ("35%", "амазон"), "test": ("тест",), "clickers": ("кликнувшие",)},
        reasons={
            "r1": {"en": "Amazon's figure comes from a far larger business, so it is the more reliable one",
                   "ru": "цифра Amazon получена на гораздо большем бизнесе, поэтому она надёжнее"},
            "r2": {"en": "only a random split shows what the recommendations add; the other figures also count "
                         "purchases that would have happened anyway",
                   "ru": "только случайное деление показывает, что добавляют рекомендации; остальные цифры "
                         "считают и покупки, которые случились бы и так"},
            "r3": {"en": "customers who click recommendations spend the most, so their gap is the effect",
                   "ru": "клиенты, которые кликают по рекомендациям, тратят больше всех, значит, их разрыв и есть эффект"},
        },
        explain={
            "amazon_35": {"en": "35% is the share of Amazon's purchases that came through recommendations, not the "
                                "share they added: a customer who bought a recommended item might have bought it "
                                "anyway.",
                          "ru": "35% — доля покупок Amazon, сделанных через рекомендации, а не доля, которую они "
                                "добавили: клиент, купивший рекомендованный товар, мог купить его и так."},
            "test": {"en": "Right: the two groups were split at random, so the 19% gap in order value is what the "
                           "recommendations caused.",
                     "ru": "Верно: группы разделены случайно, поэтому разрыв в среднем чеке в 19% — заслуга "
                           "рекомендаций."},
            "clickers": {"en": "Customers who click recommendations chose to click; they may simply be the keen "
                               "buyers, so their gap mixes who they are with what the recommendations did.",
                         "ru": "Кликают по рекомендациям те, кто сам решил кликнуть; это могут быть просто "
                               "активные покупатели, и в их разрыве смешаны то, кто эти "
                               "клиенты, и то, что сделали рекомендации."},
            "r1": {"en": "A bigger business does not make a share of purchases into an effect; and Amazon's "
                         "customers and catalogue are not yours.",
                   "ru": "Большой бизнес не превращает долю покупок в эффект; к тому же клиенты и ассортимент "
                         "Amazon — не ваши."},
            "r2": {"en": "Right: a random split is the one comparison in which nothing but the recommendations "
                         "differs between the groups.",
                   "ru": "Верно: при случайном делении группы различаются только рекомендациями."},
            "r3": {"en": "Clickers select themselves: the gap between them and the others is partly who they are, "
                         "not what the recommendations did.",
                   "ru": "Кликающие — самоотобранная группа: разрыв между ними и остальными отчасти объясняется тем, "
                         "кто они, а не тем, что сделали рекомендации."},
        },
        question={
            "en": "A vendor's deck says: \"35% of Amazon's purchases come from recommendations; enter 35% in your "
                  "model.\" Which uplift in order value do you enter into the simulator: Amazon's 35%, the "
                  "19% of your own random test, or the gap between customers who click recommendations and "
                  "those who do not?",
            "ru": "В презентации поставщика сказано: «35% покупок на Amazon приходится на рекомендации; "
                  "заложите "
                  "35% в свою модель». Какой прирост среднего чека вы введёте в симулятор: 35% Amazon, 19% "
                  "из вашего случайного теста или разрыв между клиентами, которые кликают по рекомендациям, "
                  "и остальными?",
        },
        prompt={"en": '"amazon_35", "test" or "clickers"', "ru": '"amazon_35", "test" или "clickers"'},
        feedback={"en": "A share of purchases made through a channel is not the share the channel added.",
                  "ru": "Доля покупок, сделанных через канал, — не та доля, которую канал добавил."},
        hint={"en": "Which of the three figures compares two groups that differ in nothing but the "
                    "recommendations?",
              "ru": "Какая из трёх цифр сравнивает группы, которые отличаются только рекомендациями?"},
        solution={"en": 'decision, reason = "test", "r2"\n'
                        "# the test groups were split at random: their gap is what recommendations cause",
                  "ru": 'decision, reason = "test", "r2"\n'
                        "# тестовые группы разделены случайно: их разрыв — то, что дают рекомендации"},
    ),
]
