"""Exercises of notebook 07 (increasing CLV): over which horizon to judge a retention campaign, and what a programme may cost.

Both are decisions on the CDNOW base of notebook 06, valued by the strategy simulator of notebook 07. Every
figure an explanation quotes is computed here, never typed; amounts are written in the reader's currency.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise
from .nb06 import ANNUAL_DISCOUNT_RATE, MARGIN, _money, cdnow_base

#: Notebook 07 judges programmes over three years: what retention keeps pays late.
HORIZON = "36 months"
#: 07.1: the retention campaign for the top 1-5% tier, whose lower churn a test saw last about three years;
#: the horizons its verdict is read over (one year, the effect's three, five). The vendor's price per
#: participant (dollars of the data) is half the preset's: at the preset's $10 the campaign clears its cost
#: over three years by about $2 a participant, too thin a margin to rest a verdict on a model's forecast.
WINBACK_TIER = "top 1-5%"
WINBACK_HORIZONS = ("12 months", "36 months", "60 months")
WINBACK_PRICE = 5.0
#: 07.2: the vendor's enrolment price per member (dollars of the data) for the loyalty programme on the top 1%.
LOYALTY_TIER = "top 1%"
QUOTE = 30.0


@lru_cache(maxsize=1)
def cdnow_simulator():
    """The CDNOW base as in notebook 07: BG/NBD + Gamma-Gamma over 36 months, CLV tiers as segments."""
    from ..strategy import StrategySimulator

    summary, bgnbd, gg, customers = cdnow_base()
    return StrategySimulator(bgnbd, gg, summary, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                             margin=MARGIN, segments=customers["tier"])


@lru_cache(maxsize=1)
def winback_by_horizon() -> dict[str, float]:
    """07.1: net uplift of the retention campaign on the top 1-5% over one, three and five years, in dollars."""
    from ..strategy import horizon_table, preset

    summary, bgnbd, gg, customers = cdnow_base()
    table = horizon_table(bgnbd, gg, summary,
                          [preset("retention_campaign", target=WINBACK_TIER, cost_once=WINBACK_PRICE)],
                          horizons=WINBACK_HORIZONS, annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN,
                          segments=customers["tier"])
    return {h: float(table.iloc[0][h]) for h in WINBACK_HORIZONS}


@lru_cache(maxsize=1)
def winback_gross() -> dict[str, float]:
    """07.1: over three years, the extra CLV of the participants and the campaign's cost, in dollars."""
    from ..strategy import preset

    result = cdnow_simulator().evaluate(preset("retention_campaign", target=WINBACK_TIER,
                                               cost_once=WINBACK_PRICE), payback=False)
    return {"gross": float(result.gross_uplift), "cost": float(result.program_cost),
            "participants": float(result.participants)}


def _winback_verdict() -> tuple[str, str]:
    """07.1: run the campaign when it pays over the three years its effect lasts (reason r2)."""
    return ("run" if winback_by_horizon()["36 months"] > 0 else "drop"), "r2"


@lru_cache(maxsize=1)
def loyalty_figures() -> dict[str, float]:
    """07.2: the loyalty programme on the top 1% over 36 months, per member and in all, in dollars."""
    from ..strategy import preset

    sim = cdnow_simulator()
    result = sim.evaluate(preset("loyalty_program", target=LOYALTY_TIER))
    at_quote = sim.evaluate(preset("loyalty_program", target=LOYALTY_TIER, cost_once=QUOTE), payback=False)
    members = result.participants
    running = result.program_cost - members * result.strategy.cost_once
    return {"break_even": float(result.break_even_cost), "gross": result.gross_uplift / members,
            "running": running / members, "net_at_quote": float(at_quote.net_uplift),
            "preset_cost": float(result.strategy.cost_once), "monthly": float(result.strategy.cost_per_period),
            "roi_at_preset": float(result.roi)}


def _sign_or_decline() -> tuple[str, str]:
    """07.2: sign when the quote does not exceed the break-even one-off cost (reason r2)."""
    return ("sign" if QUOTE <= loyalty_figures()["break_even"] else "decline"), "r2"


def _texts() -> dict:
    from ..i18n import format_percent
    from ..strategy import PRESETS

    winback = PRESETS["retention_campaign"]

    w, f = winback_by_horizon(), loyalty_figures()
    out = {}
    for lang in ("en", "ru"):
        g = winback_gross()
        out[lang] = {"net12": _money(w["12 months"], lang), "net36": _money(w["36 months"], lang),
                     "price": _money(WINBACK_PRICE, lang), "gross36": _money(g["gross"], lang),
                     "cost36": _money(g["cost"], lang),
                     "net60": _money(w["60 months"], lang), "quote": _money(QUOTE, lang),
                     "take_up": format_percent(winback.take_up, lang, decimals=0),
                     "churn_cut": format_percent(-winback.churn_change, lang, decimals=0),
                     "loss": _money(-f["net_at_quote"], lang), "roi": format_percent(f["roi_at_preset"], lang, decimals=0),
                     **{k: _money(f[k], lang) for k in ("break_even", "gross", "running", "preset_cost", "monthly")}}
    return out


T = _texts()
E, R = T["en"], T["ru"]

EXERCISES = [
    Exercise(
        key="07.1",
        kind="decision",
        expected=_winback_verdict,
        options=("run", "drop"),
        synonyms={"run": ("yes", "go", "запустить", "запускать", "да"),
                  "drop": ("no", "stop", "отказаться", "не запускать", "нет")},
        question={
            "en": (f"The retention campaign (`retention_campaign`: {E['take_up']} accept, their churn falls by "
                   f"{E['churn_cut']}) is planned for the top 1-5%\ntier, but a vendor now runs it for "
                   f"**{E['price']} per participant**. Last year's test showed the lower churn lasted about three "
                   'years.\nFinance asks for a verdict: `"run"` or `"drop"`? Compute what you need with `sim` '
                   "and `priced`."),
            "ru": (f"Кампанию удержания (`retention_campaign`: откликаются {R['take_up']}, их отток падает на "
                   f"{R['churn_cut']}) планируют\nдля уровня топ 1–5%, но подрядчик теперь проводит её за "
                   f"**{R['price']} на участника**. Тест прошлого года показал,\nчто отток оставался ниже "
                   'примерно три года. Финансисты ждут вердикта: `"run"` (запускать) или `"drop"`\n'
                   "(отказаться)? Нужное посчитайте с помощью `sim` и `priced`."),
        },
        reasons={
            "r1": {"en": "Drop: over one year, the budget year, it loses money.",
                   "ru": "Отказаться: за один бюджетный год она убыточна."},
            "r2": {"en": "Judge it over the three years its effect lasts: the net uplift over that horizon decides.",
                   "ru": "Оценивать её за три года, пока длится эффект: решает чистый прирост на этом горизонте."},
            "r3": {"en": "Run: over five years it adds the most.",
                   "ru": "Запускать: за пять лет она добавляет больше всего."},
        },
        explain={
            "run": {
                "en": (f"Over the three years its effect lasts the participants add {E['gross36']} for a cost of "
                       f"{E['cost36']}, {E['net36']} net: the margin is wide enough to survive a sizeable error "
                       "in the forecast."),
                "ru": (f"За три года, пока длится эффект, участники добавляют {R['gross36']} при затратах "
                       f"{R['cost36']}, чистый прирост {R['net36']}: запас достаточно велик, чтобы пережить и "
                       "заметную ошибку прогноза."),
            },
            "drop": {
                "en": f"Over the three years its effect lasts it adds {E['net36']} net; dropping it gives that up.",
                "ru": f"За три года, пока длится эффект, она добавляет {R['net36']}; отказ от неё — упущенные деньги.",
            },
            "r1": {
                "en": (f"One year counts the whole cost but only a third of the effect: {E['net12']} over one year, "
                       f"{E['net36']} over the three the effect lasts."),
                "ru": (f"Один год учитывает все затраты, но лишь треть эффекта: {R['net12']} за год и "
                       f"{R['net36']} за три года, пока эффект длится."),
            },
            "r2": {
                "en": f"The horizon is how long the effect lasts; over three years the net uplift is {E['net36']}.",
                "ru": f"Горизонт — это срок, в течение которого длится эффект; за три года чистый прирост {R['net36']}.",
            },
            "r3": {
                "en": (f"Five years count two years of lower churn that no test has shown: {E['net60']} is a hope, "
                       f"{E['net36']} is what the test supports."),
                "ru": (f"Пять лет учитывают два года пониженного оттока, которых не показал ни один тест: "
                       f"{R['net60']} — надежда, а {R['net36']} — то, что подтверждает тест."),
            },
        },
        prompt={"en": '"run" or "drop"', "ru": '"run" (запускать) или "drop" (отказаться)'},
        feedback={
            "en": "A programme is judged over the time its effect lasts, not over the budget year.",
            "ru": "Программу оценивают за то время, пока длится её эффект, а не за бюджетный год.",
        },
        hint={
            "en": (f'sim values over 36 months, the three years the effect lasts: evaluate priced("retention_campaign", '
                   f'target="top 1-5%", cost_once=...) at the vendor\'s {E["price"]} and read its net_uplift.'),
            "ru": (f'sim считает на 36 месяцев — три года, пока длится эффект: оцените priced("retention_campaign", '
                   f'target="top 1-5%", cost_once=...) по цене подрядчика {R["price"]} и посмотрите net_uplift.'),
        },
        solution={
            "en": (f'sim.evaluate(priced("retention_campaign", target="top 1-5%", cost_once={WINBACK_PRICE:g})).net_uplift'
                   f'   # {E["net36"]}\n'
                   'decision, reason = "run", "r2"'),
            "ru": (f'sim.evaluate(priced("retention_campaign", target="top 1-5%", cost_once={WINBACK_PRICE * 100:g}))'
                   f'.net_uplift   # {R["net36"]}\n'
                   'decision, reason = "run", "r2"'),
        },
    ),
    Exercise(
        key="07.2",
        kind="decision",
        expected=_sign_or_decline,
        options=("sign", "decline"),
        synonyms={"sign": ("yes", "accept", "подписать", "подписывать", "согласиться", "да"),
                  "decline": ("no", "reject", "отказаться", "отклонить", "не подписывать", "нет")},
        question={
            "en": (f"A vendor quotes **{E['quote']} per member** to enrol the top 1% tier in the loyalty programme "
                   f"(otherwise the\n`loyalty_program` preset: rewards of {E['monthly']} a month per member, 40% "
                   f'join). Over the notebook\'s 36 months, do you `"sign"` or\n`"decline"`? Compute what you '
                   "need with `sim` and `priced`."),
            "ru": (f"Подрядчик просит **{R['quote']} за участника**, чтобы подключить уровень топ 1% к программе "
                   f"лояльности (в остальном\nэто набор `loyalty_program`: бонусы на {R['monthly']} в месяц на "
                   "участника, вступают 40%). Подписывать ли договор (горизонт\nблокнота — 36 месяцев): `\"sign\"` "
                   "(подписать) или `\"decline\"` (отказаться)? Нужное посчитайте с помощью `sim` и `priced`."),
        },
        reasons={
            "r1": {"en": "Sign: each member adds more CLV than the quote (the gross uplift per participant).",
                   "ru": "Подписать: каждый участник добавляет больше CLV, чем просит подрядчик (валовой прирост "
                         "на участника)."},
            "r2": {"en": "Compare the quote with the break-even one-off cost: what a member may cost once the "
                         "monthly rewards are paid.",
                   "ru": "Сравнить цену с точкой безубыточности по разовым затратам: сколько может стоить "
                         "участник после оплаты ежемесячных бонусов."},
            "r3": {"en": "Sign: at the preset enrolment cost the programme's ROI on this tier is positive.",
                   "ru": "Подписать: при заданных в наборе затратах на вступление ROI программы на этом уровне "
                         "положителен."},
        },
        explain={
            "sign": {
                "en": (f"At {E['quote']} a member the programme loses {E['loss']} in all: the most it may cost "
                       f"is {E['break_even']} a member."),
                "ru": (f"При {R['quote']} за участника программа теряет {R['loss']}: больше {R['break_even']} "
                       "за участника она стоить не может."),
            },
            "decline": {
                "en": (f"The break-even one-off cost is {E['break_even']} a member, below the quote of "
                       f"{E['quote']}; at the quote the programme loses {E['loss']} in all."),
                "ru": (f"Точка безубыточности — {R['break_even']} на участника, ниже цены {R['quote']}; по этой "
                       f"цене программа теряет {R['loss']}."),
            },
            "r1": {
                "en": (f"Each member adds {E['gross']} of CLV, but {E['running']} of it goes to the monthly "
                       f"rewards: only {E['break_even']} is left for the enrolment."),
                "ru": (f"Каждый участник добавляет {R['gross']} CLV, но {R['running']} из них уходит на "
                       f"ежемесячные бонусы: на вступление остаётся лишь {R['break_even']}."),
            },
            "r2": {
                "en": (f"Break-even {E['break_even']} < quote {E['quote']}: offer the vendor at most "
                       f"{E['break_even']} a member."),
                "ru": (f"Точка безубыточности {R['break_even']} ниже цены {R['quote']}: предложите "
                        "подрядчику не "
                       f"больше {R['break_even']} за участника."),
            },
            "r3": {
                "en": (f"The ROI of {E['roi']} holds at the preset {E['preset_cost']}, not at {E['quote']}: every "
                       "dollar added to the enrolment comes off the net uplift."),
                "ru": (f"ROI {R['roi']} верен при {R['preset_cost']} из набора, а не при {R['quote']}: каждый "
                       "рубль, добавленный к цене вступления, вычитается из чистого прироста."),
            },
        },
        prompt={"en": '"sign" or "decline"', "ru": '"sign" (подписать) или "decline" (отказаться)'},
        feedback={
            "en": "The break-even one-off cost is the most a programme may cost per participant, after its running costs.",
            "ru": "Точка безубыточности по разовым затратам — предельная цена программы на участника после её "
                  "текущих затрат.",
        },
        hint={
            "en": 'sim.evaluate(priced("loyalty_program", target="top 1%")).break_even_cost is the most a member '
                  "may cost once; compare it with the quote.",
            "ru": 'sim.evaluate(priced("loyalty_program", target="top 1%")).break_even_cost — предельные разовые '
                  "затраты на участника; сравните их с ценой подрядчика.",
        },
        solution={
            "en": ('most = sim.evaluate(priced("loyalty_program", target="top 1%")).break_even_cost   # '
                   + E["break_even"] + "\n"
                   f'decision, reason = ("sign" if {QUOTE:g} <= most else "decline"), "r2"'),
            "ru": ('most = sim.evaluate(priced("loyalty_program", target="top 1%")).break_even_cost   # '
                   + R["break_even"] + "\n"
                   f'decision, reason = ("sign" if {QUOTE * 100:g} <= most else "decline"), "r2"'),
        },
    ),
]
