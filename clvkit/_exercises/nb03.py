"""Exercises of notebook 03 (drivers of CLV): which retention programme to pay for, and how to judge one."""

from __future__ import annotations

from ..teach import Exercise

#: The example customer of notebook 03 (one period = one year): $75 orders, 5 a year, 40 % margin.
AOV, PURCHASES, MARGIN, RETENTION, DISCOUNT = 75.0, 5.0, 0.4, 0.80, 0.10
#: Exercise 03.1's two offers: (retention with the programme, cost per customer per year in dollars).
OFFERS = {"A": (0.90, 45.0), "B": (0.83, 20.0)}
#: The simulated shop of the notebook (its seed makes it the same on every run).
SHOP = dict(n_customers=3000, r=0.5, alpha=8, a=0.6, b=2.0, satisfaction=0.8, engagement=0.8, seed=7)
#: A customer with no purchase in the last 13 weeks counts as no longer buying, as in the notebook.
QUIET_WEEKS = 13


def offer_values() -> dict[str, float]:
    """CLV of the example customer without a programme ("none") and with each offer, net of its cost."""
    from ..formulas import dcf_clv

    m = AOV * PURCHASES * MARGIN
    values = {"none": dcf_clv(m, RETENTION, DISCOUNT)}
    for name, (retention, cost) in OFFERS.items():
        values[name] = dcf_clv(m, retention, DISCOUNT, cost_per_period=cost)
    return values


def _which_offer() -> tuple[str, str]:
    values = offer_values()
    best = max(OFFERS, key=values.get)
    if values[best] <= values["none"]:
        return "neither", "r2"
    return best, "r2"


def score_groups():
    """The notebook's table: median repeat purchases a week and the share still buying, by score group."""
    import pandas as pd

    from ..data.summary import summarize
    from ..simulate import simulate_transactions

    shop = simulate_transactions(SHOP["n_customers"], **{k: v for k, v in SHOP.items() if k != "n_customers"})
    base = summarize(shop, observation_end=shop.attrs["observation_end"], time_unit="W")
    base = base.join(shop.groupby("customer_id")[["satisfaction", "engagement"]].first())
    base["purchases_per_week"] = base["frequency"] / base["recency"].where(base["recency"] > 0)
    base["still_buying"] = (base["T"] - base["recency"]) < QUIET_WEEKS
    tables = {}
    for score in ("satisfaction", "engagement"):
        group = pd.cut(base[score], [0, 10 / 3, 20 / 3, 10], labels=["low", "medium", "high"],
                       include_lowest=True)
        tables[score] = base.groupby(group, observed=True).agg(
            purchases_per_week=("purchases_per_week", "median"), still_buying=("still_buying", "mean"))
    return pd.concat(tables, axis=1)


def _judge_the_satisfaction_programme() -> tuple[str, str]:
    """Check retention before deciding: the finance team's yardstick (the pace) stays flat across satisfaction
    groups even where satisfaction works, and the table itself is a simulation, not evidence about the shop."""
    table = score_groups()["satisfaction"]
    low, high = table.loc["low"], table.loc["high"]
    flat_pace = abs(high["purchases_per_week"] / low["purchases_per_week"] - 1) < 0.15
    # if satisfaction moved the pace, a flat pace would itself be evidence against the programme
    return ("check", "r1") if flat_pace else ("stop", "r3")


EXERCISES = [
    Exercise(
        key="03.1",
        kind="decision",
        expected=_which_offer,
        options=("A", "B", "neither"),
        synonyms={"A": ("а", "programme a", "программа a", "программа а"),
                  "B": ("б", "programme b", "программа b", "программа б"),
                  "neither": ("none", "no", "ни одну", "ни одна", "никакую", "нет")},
        question={
            "en": (
                "The example customer (margin $150 a year, 80% retention, 10% discount rate) can join one of "
                "two retention programmes, paid for every customer every year they stay. **A**, a members' "
                "club, raises retention to 90% and costs $45 a customer a year. **B**, a birthday gift, "
                "raises it to 83% and costs $20 a customer a year. Which do you run: `\"A\"`, `\"B\"` or "
                "`\"neither\"`? Work it out with `ck.formulas.dcf_clv(..., cost_per_period=...)`."
            ),
            "ru": (
                "Клиента из примера (маржа 15 000 ₽ в год, удержание 80%, ставка дисконтирования 10%) можно "
                "включить в одну из двух программ удержания; платить за них нужно за каждого клиента каждый "
                "год, пока он остаётся. **A** — клуб для своих: удержание растёт до 90%, затраты 4 500 ₽ на "
                "клиента в год. **B** — подарок ко дню рождения: удержание растёт до 83%, затраты 2 000 ₽ на "
                "клиента в год. Какую программу запускаете: `\"A\"`, `\"B\"` или `\"neither\"` (ни одну)? "
                "Посчитайте с помощью `ck.formulas.dcf_clv(..., cost_per_period=...)`."
            ),
        },
        prompt={"en": '"A", "B" or "neither"', "ru": '"A", "B" или "neither"'},
        reasons={
            "r1": {"en": "B is the cheaper programme per customer.",
                   "ru": "B дешевле в расчёте на клиента."},
            "r2": {"en": "Only a programme whose CLV, after its yearly cost, is above the CLV without any "
                         "programme pays; pick the one that raises it most.",
                   "ru": "Окупается только программа, с которой CLV за вычетом её ежегодных затрат выше CLV "
                         "без программы; выбирайте ту, что поднимает его сильнее."},
            "r3": {"en": "A point of retention is worth the same wherever it is gained, so the lower cost "
                         "per point wins.",
                   "ru": "Пункт удержания стоит одинаково, где бы он ни был получен, поэтому выигрывает "
                         "меньшая цена пункта."},
            "r4": {"en": "Any programme that costs less a year than the customer's yearly margin pays for "
                         "itself.",
                   "ru": "Любая программа, которая стоит в год меньше годовой маржи клиента, окупается."},
        },
        explain={
            "A": {"en": "A: (150 − 45) × 0.90 / (1.1 − 0.90) = $472.50, against $400 without a programme: "
                        "$72.50 more per customer.",
                  "ru": "A: (15 000 − 4 500) × 0,90 / (1,1 − 0,90) = 47 250 ₽ против 40 000 ₽ без программы: "
                        "на 7 250 ₽ больше на клиента."},
            "B": {"en": "B: (150 − 20) × 0.83 / (1.1 − 0.83) ≈ $399.63, a little below the $400 without a "
                        "programme: three points of retention do not pay $20 a year.",
                  "ru": "B: (15 000 − 2 000) × 0,83 / (1,1 − 0,83) ≈ 39 963 ₽, чуть меньше 40 000 ₽ без "
                        "программы: три пункта удержания не окупают 2 000 ₽ в год."},
            "neither": {"en": "A leaves the customer worth $472.50 after its cost, $72.50 more than the $400 "
                              "without a programme.",
                        "ru": "С программой A клиент стоит 47 250 ₽ после её затрат — на 7 250 ₽ больше, чем "
                              "40 000 ₽ без программы."},
            "r1": {"en": "Cheaper is not better: B's $20 a year buys only three points of retention and "
                         "leaves the CLV about $0.37 below the $400 without it.",
                   "ru": "Дешевле не значит лучше: 2 000 ₽ в год у B покупают всего три пункта удержания, и "
                         "CLV оказывается примерно на 37 ₽ ниже 40 000 ₽ без программы."},
            "r2": {"en": "The comparison that decides: $472.50 with A and $399.63 with B, against $400 "
                         "without.",
                   "ru": "Решает именно это сравнение: 47 250 ₽ с A и 39 963 ₽ с B против 40 000 ₽ без "
                         "программы."},
            "r3": {"en": "Retention has increasing returns: the points from 85% to 90% are worth far more "
                         "than those from 80% to 83%, so the price per point alone does not decide.",
                   "ru": "Отдача от удержания растёт: пункты от 85% до 90% стоят намного больше, чем от 80% "
                         "до 83%, поэтому одной цены пункта для решения мало."},
            "r4": {"en": "Both cost less than the $150 margin a year, yet B loses money: what counts is what "
                         "the extra retention adds, not the margin itself.",
                   "ru": "Обе стоят меньше годовой маржи 15 000 ₽, но B убыточна: важно, сколько добавляет "
                         "прирост удержания, а не сама маржа."},
        },
        feedback={
            "en": "A costs more than twice as much as B, and it is the one that pays: ten points of "
                  "retention near the top are worth far more than three.",
            "ru": "A стоит вдвое дороже B, и окупается именно она: десять пунктов удержания у верхней "
                  "границы стоят намного больше трёх.",
        },
        hint={
            "en": "Compute dcf_clv(150, 0.8, 0.1) without a programme, then dcf_clv(150, r, 0.1, "
                  "cost_per_period=cost) for each offer, and compare the three numbers.",
            "ru": "Посчитайте dcf_clv(15_000, 0.8, 0.1) без программы, затем dcf_clv(15_000, r, 0.1, "
                  "cost_per_period=затраты) для каждой программы и сравните три числа.",
        },
        solution={
            "en": "ck.formulas.dcf_clv(150, 0.80, 0.1)                       # 400.00 without a programme\n"
                  "ck.formulas.dcf_clv(150, 0.90, 0.1, cost_per_period=45)   # 472.50 with A\n"
                  "ck.formulas.dcf_clv(150, 0.83, 0.1, cost_per_period=20)   # 399.63 with B\n"
                  "decision, reason = \"A\", \"r2\"",
            "ru": "ck.formulas.dcf_clv(15_000, 0.80, 0.1)                          # 40 000 без программы\n"
                  "ck.formulas.dcf_clv(15_000, 0.90, 0.1, cost_per_period=4_500)   # 47 250 с A\n"
                  "ck.formulas.dcf_clv(15_000, 0.83, 0.1, cost_per_period=2_000)   # 39 963 с B\n"
                  "decision, reason = \"A\", \"r2\"",
        },
    ),
    Exercise(
        key="03.2",
        kind="decision",
        expected=_judge_the_satisfaction_programme,
        options=("keep", "stop", "check"),
        synonyms={"keep": ("оставить", "продолжить", "сохранить", "continue"),
                  "stop": ("остановить", "закрыть", "прекратить", "cut", "cancel"),
                  "check": ("check retention", "проверить", "проверить удержание", "measure", "измерить")},
        question={
            "en": (
                "A real shop's service programme has raised customers' satisfaction scores. Six months on, the "
                "finance team sees the same purchases per week as before and proposes to stop it: \"it does not "
                "make anyone buy more\". With what this notebook shows, do you `\"keep\"` it, `\"stop\"` it, "
                "or `\"check\"` a figure first?"
            ),
            "ru": (
                "В настоящем магазине программа улучшения сервиса подняла оценки удовлетворённости. Через "
                "полгода финансисты видят прежнее число покупок в неделю и предлагают её закрыть: «никто не "
                "стал покупать больше». Исходя из того, что показал этот блокнот, вы её `\"keep\"` (оставляете), "
                "`\"stop\"` (закрываете) или сначала `\"check\"` (проверяете ещё одну цифру)?"
            ),
        },
        prompt={"en": '"keep", "stop" or "check"', "ru": '"keep", "stop" или "check"'},
        reasons={
            "r1": {"en": "Satisfaction is expected to act on how many customers keep buying, not on their pace; "
                         "the share still buying, against the months before the programme, is the figure to "
                         "look at.",
                   "ru": "От удовлетворённости ждут влияния на то, сколько клиентов продолжают покупать, а не на "
                         "темп; смотреть нужно на долю всё ещё покупающих в сравнении с месяцами до программы."},
            "r2": {"en": "The simulated table proves that satisfaction acts through retention, so the programme "
                         "works.",
                   "ru": "Смоделированная таблица доказывает, что удовлетворённость действует через удержание, "
                         "значит, программа работает."},
            "r3": {"en": "A programme that does not raise purchases per week cannot raise CLV.",
                   "ru": "Программа, которая не увеличивает покупки в неделю, не может поднять CLV."},
            "r4": {"en": "Engaged customers buy several times as often, so the money should go to engagement "
                         "instead.",
                   "ru": "Вовлечённые клиенты покупают в разы чаще, поэтому деньги лучше отдать на "
                         "вовлечённость."},
        },
        explain={
            "keep": {"en": "Not yet: the table only shows the recipe the simulator was given; whether this "
                           "programme keeps customers is a fact about this shop that nobody has measured.",
                     "ru": "Пока рано: таблица показывает лишь рецепт, заданный симулятору; удерживает ли "
                           "клиентов эта программа — факт об этом магазине, и его ещё никто не измерил."},
            "stop": {"en": "A flat pace is what a working satisfaction programme would look like too: in the "
                           "table all three satisfaction groups buy about 0.08 times a week, while 30% of the most "
                           "satisfied are still buying against 9% of the least.",
                     "ru": "Ровный темп был бы и у работающей программы: в таблице все три группы "
                           "удовлетворённости покупают около 0,08 раза в неделю, а всё ещё покупают 30% самых "
                           "удовлетворённых против 9% наименее удовлетворённых."},
            "check": {"en": "The finance team measured the pace, which satisfaction is not expected to move; "
                            "measure the share still buying before and after (better, against a group left "
                            "out of the programme), then decide.",
                      "ru": "Финансисты измерили темп, который удовлетворённость и не должна менять; измерьте "
                            "долю всё ещё покупающих до и после (лучше — в сравнении с группой вне программы) "
                            "и тогда решайте."},
            "r1": {"en": "Bolton (1998) found satisfied customers stay longer; the table shows what that looks "
                         "like: a flat pace (about 0.08 a week) beside a share still buying that triples.",
                   "ru": "Bolton (1998) показала, что удовлетворённые клиенты остаются дольше; таблица показывает, "
                         "как это выглядит: ровный темп (около 0,08 в неделю) и утроенная доля всё ещё "
                         "покупающих."},
            "r2": {"en": "We told the simulator to tie satisfaction to retention (`satisfaction=0.8`), so the "
                         "table proves nothing about a real programme.",
                   "ru": "Мы сами задали симулятору связь удовлетворённости с удержанием (`satisfaction=0.8`), "
                         "так что о настоящей программе таблица ничего не доказывает."},
            "r3": {"en": "CLV also grows when customers stay longer: retention is the strongest lever of the "
                         "tornado, and that is where satisfaction is expected to act.",
                   "ru": "CLV растёт и тогда, когда клиенты остаются дольше: удержание — самый сильный рычаг "
                         "«торнадо», и именно через него должна действовать удовлетворённость."},
            "r4": {"en": "True of the engaged in the simulation (about 0.13 against 0.04 a week), but it says "
                         "nothing about whether this programme works.",
                   "ru": "Для вовлечённых в симуляции это так (около 0,13 против 0,04 в неделю), но ничего не "
                         "говорит о том, работает ли эта программа."},
        },
        feedback={
            "en": "Judge a programme by the driver it is meant to move, measured on your own customers: "
                  "satisfaction by retention, engagement by frequency.",
            "ru": "Оценивайте программу по фактору, который она должна сдвинуть, и на своих клиентах: "
                  "удовлетворённость — по удержанию, вовлечённость — по частоте.",
        },
        hint={
            "en": "Which of the table's two figures is satisfaction expected to move, and which did the finance "
                  "team look at? And what does a simulated table prove about a real shop?",
            "ru": "Какую из двух цифр таблицы должна сдвигать удовлетворённость и на какую посмотрели "
                  "финансисты? И что смоделированная таблица доказывает о настоящем магазине?",
        },
        solution={
            "en": "shop_table[\"satisfaction\"]   # the pace stays flat (about 0.08 a week) even in the recipe\n"
                  "decision, reason = \"check\", \"r1\"   # measure the share still buying first",
            "ru": "shop_table[\"satisfaction\"]   # темп ровный (около 0,08 в неделю) даже в рецепте\n"
                  "decision, reason = \"check\", \"r1\"   # сначала измерьте долю всё ещё покупающих",
        },
    ),
]
