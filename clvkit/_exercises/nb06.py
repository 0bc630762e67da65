"""Exercises of notebook 06 (segments and analytics): which list to call first, and whether a win-back offer pays.

Both are decisions on the CDNOW base of the notebook. Every figure an explanation quotes is computed here
from the same models and lists, never typed; the amounts are written in the reader's currency (dollars in
English, roubles at the course rate in Russian).
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: Assumptions shared with the notebook: a 30% margin, 12 months ahead, 10% a year.
MARGIN = 0.3
HORIZON = "12 months"
ANNUAL_DISCOUNT_RATE = 0.1
#: 06.1: the calls the team can make this week.
CALLS = 50
#: 06.2: the vendor's price per contacted customer (dollars of the data) and the share of lapsed customers
#: the offer brought back in its test against a control group.
OFFER_COST = 5.0
BROUGHT_BACK = 0.2
#: The three lists of 06.1.
LISTS = ("top_clv", "rfm_at_risk", "retention")
#: The retention list leaves out customers the model has all but written off (P(alive) below 5%): their
#: value if alive, CLV / P(alive), divides one tiny number by another.
MIN_P_ALIVE = 0.05


@lru_cache(maxsize=1)
def cdnow_base():
    """CDNOW summary, fitted BG/NBD and Gamma-Gamma, and the per-customer table of notebook 06.

    The table holds clv, p_alive, segment (RFM) and tier (CLV).
    Cached: the callers only read the returned objects.
    """
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD, GammaGamma
    from ..segments import clv_tiers, rfm_segments
    from ..valuation import customer_lifetime_value

    summary = load_cdnow_summary()
    bgnbd = BGNBD().fit(summary)
    gg = GammaGamma().fit(summary)
    value = customer_lifetime_value(bgnbd, gg, summary, horizon=HORIZON,
                                    annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN)
    customers = summary.join(value[["clv"]])
    customers["p_alive"] = bgnbd.probability_alive(summary)
    customers["segment"] = rfm_segments(summary)["segment"]
    customers["tier"] = clv_tiers(customers["clv"])
    return summary, bgnbd, gg, customers


@lru_cache(maxsize=1)
def call_lists() -> dict:
    """The three lists of exercise 06.1, each a table with value_at_risk: ``{"top_clv": ..., ...}``."""
    from ..segments import retention_targets

    customers = cdnow_base()[3]
    # value at risk of every customer: the model's CLV already carries P(alive) once
    everyone = customers.assign(value_at_risk=customers["clv"] / customers["p_alive"] * (1 - customers["p_alive"]))
    retain = retention_targets(customers, min_p_alive=MIN_P_ALIVE)
    return {
        "top_clv": everyone.nlargest(CALLS, "clv"),
        "rfm_at_risk": everyone[everyone["segment"] == "at risk"],
        "retention": retain.head(CALLS),
    }


def figures() -> dict:
    """The averages the explanations quote, in dollars of the data: value at risk, P(alive), CLV per list."""
    lists = call_lists()
    out = {}
    for name, table in lists.items():
        out[name] = {
            "value_at_risk": float(table["value_at_risk"].mean()),
            "double_counted": float((table["clv"] * (1 - table["p_alive"])).mean()),
            "p_alive": float(table["p_alive"].mean()),
            "clv": float(table["clv"].mean()),
            "size": len(table),
        }
    return out


def _which_list() -> tuple[str, str]:
    """06.1: the list with the most value at risk per call; a call gains the value at risk (reason r2)."""
    f = figures()
    return max(LISTS, key=lambda name: f[name]["value_at_risk"]), "r2"


def offer_gain() -> float:
    """06.2: what one offer to the first 50 of the retention list earns on average, in dollars."""
    return BROUGHT_BACK * figures()["retention"]["value_at_risk"]


def _run_offer() -> tuple[str, str]:
    """06.2: run the offer when what it earns per contacted customer exceeds its price (reason r2)."""
    return ("run" if offer_gain() > OFFER_COST else "skip"), "r2"


# ------------------------------------------------------------------ texts with computed figures
def _money(dollars: float, lang: str) -> str:
    from ..datasets import COURSE_RATES
    from ..i18n import format_money

    currency = "RUB" if lang == "ru" else "USD"
    return format_money(dollars * COURSE_RATES[currency], lang, currency=currency, decimals=0)


def _pct(share: float, lang: str) -> str:
    from ..i18n import format_percent

    return format_percent(share, lang, decimals=0)


def _texts() -> dict:
    f = figures()
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {f"{name}_{what}": (_pct(v, lang) if what == "p_alive" else _money(v, lang))
                     for name, row in f.items() for what, v in row.items() if what != "size"}
        out[lang].update(cost=_money(OFFER_COST, lang), gain=_money(offer_gain(), lang),
                         gain_double=_money(BROUGHT_BACK * f["retention"]["double_counted"], lang),
                         at_risk_size=str(f["rfm_at_risk"]["size"]))
    return out


T = _texts()
E, R = T["en"], T["ru"]

EXERCISES = [
    Exercise(
        key="06.1",
        kind="decision",
        expected=_which_list,
        options=LISTS,
        synonyms={"top_clv": ("top clv", "highest clv", "самый высокий clv", "топ по clv", "высокий clv"),
                  "rfm_at_risk": ("at risk", "rfm at risk", "под угрозой", "под угрозой ухода"),
                  "retention": ("retention list", "удержание", "список на удержание", "список удержания")},
        question={
            "en": (f"Your team can make {CALLS} win-back calls this week. Which {CALLS} customers get them:\n"
                   f'`"top_clv"` (the {CALLS} with the highest CLV), `"rfm_at_risk"` (RFM\'s '
                   f"{E['at_risk_size']} at-risk customers, any {CALLS} of them)\n"
                   f'or `"retention"` (the first {CALLS} of the retention list `retain`)? Compute what you need '
                   "from `customers` and `retain`."),
            "ru": (f"За неделю команда успеет сделать {CALLS} звонков с предложением вернуться. Кому звонить:\n"
                   f'`"top_clv"` ({CALLS} клиентам с самым высоким CLV), `"rfm_at_risk"` (любым {CALLS} из '
                   f"{R['at_risk_size']} клиентов\n"
                   f'RFM-сегмента «под угрозой ухода») или `"retention"` (первым {CALLS} клиентам списка на '
                   "удержание `retain`)?\nНужное посчитайте по таблицам `customers` и `retain`."),
        },
        reasons={
            "r1": {"en": "A call should go where the most value is: to the customers with the highest CLV.",
                   "ru": "Звонить нужно туда, где больше всего ценности, — клиентам с самым высоким CLV."},
            "r2": {"en": "A call that brings a customer back gains the value at risk; of the three lists, this "
                         "one holds the most of it per call.",
                   "ru": "Звонок, который возвращает клиента, приносит ценность под угрозой; из трёх списков у "
                         "этого её больше всего в расчёте на звонок."},
            "r3": {"en": "CLV × (1 − P(alive)), the value a leaving customer takes away, is highest on this list.",
                   "ru": "CLV × (1 − P(alive)) — ценность, которую уносит ушедший клиент, — у этого списка "
                         "выше всего."},
        },
        explain={
            "top_clv": {
                "en": (f"The most valuable customers are probably still buying (P(alive) {E['top_clv_p_alive']} on "
                       f"average): a call could save only {E['top_clv_value_at_risk']} of value at risk each."),
                "ru": (f"Самые ценные клиенты, скорее всего, и так покупают (P(alive) в среднем "
                       f"{R['top_clv_p_alive']}): звонок сохранит лишь {R['top_clv_value_at_risk']} ценности "
                       "под угрозой на клиента."),
            },
            "rfm_at_risk": {
                "en": (f"RFM's at-risk customers are mostly gone (P(alive) {E['rfm_at_risk_p_alive']}) and bought "
                       f"little even when active: {E['rfm_at_risk_value_at_risk']} of value at risk per call."),
                "ru": (f"Клиенты RFM-сегмента «под угрозой ухода» в большинстве своём уже ушли (P(alive) "
                       f"{R['rfm_at_risk_p_alive']}) и даже активными покупали мало: "
                       f"{R['rfm_at_risk_value_at_risk']} ценности под угрозой на звонок."),
            },
            "retention": {
                "en": (f"The first {CALLS} of the retention list hold {E['retention_value_at_risk']} of value at "
                       f"risk per call, against {E['top_clv_value_at_risk']} for the top CLV and "
                       f"{E['rfm_at_risk_value_at_risk']} for RFM's at-risk segment."),
                "ru": (f"У первых {CALLS} клиентов списка на удержание {R['retention_value_at_risk']} ценности под "
                       f"угрозой на звонок, против {R['top_clv_value_at_risk']} у самых ценных по CLV и "
                       f"{R['rfm_at_risk_value_at_risk']} у сегмента RFM «под угрозой ухода»."),
            },
            "r1": {
                "en": (f"The highest CLVs belong to customers who will probably stay anyway; a call changes little "
                       f"for them ({E['top_clv_value_at_risk']} at risk each, though their CLV averages "
                       f"{E['top_clv_clv']})."),
                "ru": (f"Самый высокий CLV у тех, кто, скорее всего, и так останется; звонок для них мало что "
                       f"меняет ({R['top_clv_value_at_risk']} под угрозой на клиента при среднем CLV "
                       f"{R['top_clv_clv']})."),
            },
            "r2": {
                "en": (f"A customer brought back is worth the value if alive, CLV / P(alive), instead of the CLV; "
                       f"the difference is the value at risk, {E['retention_value_at_risk']} per call here."),
                "ru": (f"Возвращённый клиент стоит столько же, сколько активный, — CLV / P(alive), а не свой CLV; "
                       f"разница — ценность под угрозой, здесь {R['retention_value_at_risk']} на звонок."),
            },
            "r3": {
                "en": (f"CLV × (1 − P(alive)) counts the chance of being gone twice: it puts these customers at "
                       f"{E['retention_double_counted']} a call instead of {E['retention_value_at_risk']}."),
                "ru": (f"CLV × (1 − P(alive)) учитывает вероятность ухода дважды: по ней на звонок приходится "
                       f"{R['retention_double_counted']}, а не {R['retention_value_at_risk']}."),
            },
        },
        prompt={"en": '"top_clv", "rfm_at_risk" or "retention"',
                "ru": '"top_clv", "rfm_at_risk" или "retention"'},
        feedback={
            "en": "Call the customers a call can change most: value at risk, not CLV, ranks a win-back list.",
            "ru": "Звоните тем, для кого звонок изменит больше всего: список на удержание упорядочен по ценности "
                  "под угрозой, а не по CLV.",
        },
        hint={
            "en": ('Give every customer a value at risk, customers["clv"] / customers["p_alive"] * '
                   '(1 - customers["p_alive"]), and compare its average over the three groups.'),
            "ru": ('Посчитайте ценность под угрозой каждого клиента: customers["clv"] / customers["p_alive"] * '
                   '(1 - customers["p_alive"]) — и сравните её среднее в трёх группах.'),
        },
        solution={
            "en": ('at_risk = customers["clv"] / customers["p_alive"] * (1 - customers["p_alive"])\n'
                   f'print(at_risk[customers["clv"].nlargest({CALLS}).index].mean(),   # top_clv\n'
                   '      at_risk[customers["segment"] == "at risk"].mean(),        # rfm_at_risk\n'
                   f'      retain["value_at_risk"].head({CALLS}).mean())                # retention\n'
                   'decision, reason = "retention", "r2"'),
            "ru": ('at_risk = customers["clv"] / customers["p_alive"] * (1 - customers["p_alive"])\n'
                   f'print(at_risk[customers["clv"].nlargest({CALLS}).index].mean(),   # самые ценные по CLV\n'
                   '      at_risk[customers["segment"] == "at risk"].mean(),        # сегмент RFM «под угрозой»\n'
                   f'      retain["value_at_risk"].head({CALLS}).mean())                # список на удержание\n'
                   'decision, reason = "retention", "r2"'),
        },
    ),
    Exercise(
        key="06.2",
        kind="decision",
        expected=_run_offer,
        options=("run", "skip"),
        synonyms={"run": ("yes", "go", "запустить", "запускать", "да"),
                  "skip": ("no", "don't run", "не запускать", "отказаться", "нет")},
        question={
            "en": (f"A vendor's win-back offer costs {E['cost']} per contacted customer. In a test against a "
                   f"control group\nit brought back 1 in {round(1 / BROUGHT_BACK)} of the lapsed customers it "
                   f'reached. Do you run it on the first {CALLS} of the retention list: `"run"` or `"skip"`?'),
            "ru": (f"Предложение подрядчика о возврате стоит {R['cost']} на охваченного клиента. В тесте с "
                   f"контрольной группой\nоно вернуло одного из {round(1 / BROUGHT_BACK)} ушедших клиентов, до "
                   f'которых дошло. Запускать его на первых {CALLS} клиентах списка на удержание: `"run"` '
                   'или `"skip"`?'),
        },
        reasons={
            "r1": {"en": "Run: the value at risk of these customers is far above the price of an offer.",
                   "ru": "Запускать: ценность под угрозой у этих клиентов намного выше цены предложения."},
            "r2": {"en": "Compare the price of an offer with what it earns: the value at risk times the share "
                         "of lapsed customers it brings back.",
                   "ru": "Сравнить цену предложения с тем, что оно приносит: ценность под угрозой, умноженную "
                         "на долю ушедших, которых оно возвращает."},
            "r3": {"en": "Skip: CLV × (1 − P(alive)) times the share brought back is below the price.",
                   "ru": "Не запускать: CLV × (1 − P(alive)), умноженный на долю вернувшихся, меньше цены."},
        },
        explain={
            "run": {
                "en": (f"An offer earns 1/{round(1 / BROUGHT_BACK)} × {E['retention_value_at_risk']} = "
                       f"{E['gain']} per contacted customer on average, more than the {E['cost']} it costs."),
                "ru": (f"Одно предложение приносит в среднем 1/{round(1 / BROUGHT_BACK)} × "
                       f"{R['retention_value_at_risk']} = {R['gain']} на охваченного клиента — больше, чем "
                       f"стоит ({R['cost']})."),
            },
            "skip": {
                "en": (f"Skipping gives up money: an offer earns {E['gain']} per contacted customer on average "
                       f"and costs {E['cost']}."),
                "ru": (f"Отказ означает упущенные деньги: предложение приносит в среднем {R['gain']} на "
                       f"охваченного клиента, а стоит {R['cost']}."),
            },
            "r1": {
                "en": (f"Only 1 in {round(1 / BROUGHT_BACK)} comes back, so an offer earns {E['gain']}, not the "
                       f"{E['retention_value_at_risk']} of value at risk; at a price between the two, this reason "
                       "would run a losing campaign."),
                "ru": (f"Возвращается лишь один из {round(1 / BROUGHT_BACK)}, поэтому предложение приносит "
                       f"{R['gain']}, а не {R['retention_value_at_risk']} ценности под угрозой; при цене между "
                       "этими числами из-за такого рассуждения запустили бы убыточную кампанию."),
            },
            "r2": {
                "en": (f"1/{round(1 / BROUGHT_BACK)} × {E['retention_value_at_risk']} = {E['gain']} per offer "
                       f"against a price of {E['cost']}: the most this offer may cost is {E['gain']}."),
                "ru": (f"1/{round(1 / BROUGHT_BACK)} × {R['retention_value_at_risk']} = {R['gain']} на "
                       f"предложение при цене {R['cost']}: больше {R['gain']} это предложение стоить не может."),
            },
            "r3": {
                "en": (f"That formula counts P(alive) twice: it puts the gain at {E['gain_double']} per offer "
                       f"instead of {E['gain']}, and would skip a campaign that pays."),
                "ru": (f"Эта формула учитывает P(alive) дважды: по ней предложение приносит {R['gain_double']}, "
                       f"а не {R['gain']}, и окупающуюся кампанию отменили бы."),
            },
        },
        prompt={"en": '"run" or "skip"', "ru": '"run" (запускать) или "skip" (не запускать)'},
        feedback={
            "en": "A win-back pays by the customers it actually brings back: value at risk × the share it returns.",
            "ru": "Кампания по возврату окупается теми, кого она действительно возвращает: ценность под угрозой "
                  "× доля вернувшихся.",
        },
        hint={
            "en": (f'Average retain["value_at_risk"] over the first {CALLS} customers, multiply by the share the '
                   "offer brings back, and compare with its price."),
            "ru": (f'Возьмите среднее retain["value_at_risk"] по первым {CALLS} клиентам, умножьте на долю '
                   "вернувшихся и сравните с ценой предложения."),
        },
        solution={
            "en": (f'earned = {BROUGHT_BACK} * retain["value_at_risk"].head({CALLS}).mean()   # {E["gain"]} '
                   "per offer\n"
                   f'decision, reason = ("run" if earned > {OFFER_COST:g} else "skip"), "r2"   # the price: '
                   f"{E['cost']}"),
            "ru": (f'earned = {BROUGHT_BACK} * retain["value_at_risk"].head({CALLS}).mean()   # {R["gain"]} '
                   "на предложение\n"
                   f'decision, reason = ("run" if earned > {OFFER_COST * 100:g} else "skip"), "r2"   # цена: '
                   f"{R['cost']}"),
        },
    ),
]
