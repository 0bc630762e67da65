"""Exercises of notebook 02 (why CLV matters): two decisions answered from the notebook's figures."""

from __future__ import annotations

from ..teach import Exercise

#: The example customer of notebook 02: margin a month (dollars), monthly retention, yearly discount rate, horizon.
MARGIN_PER_MONTH = 14.0
RETENTION = 0.90
BETTER_RETENTION = 0.93
ANNUAL_DISCOUNT = 0.10
HORIZON_MONTHS = 36
TARGET_RATIO = 3.0

#: Exercise 02.1: a display campaign's cost per click (dollars) and the share of its clicks that became customers.
DISPLAY_CPC = 0.60
DISPLAY_CONVERSION = 0.014

#: The channels of notebook 02: margin a month and CAC in dollars, monthly retention.
CHANNELS = {
    "search": (14.0, 0.90, 35.0),
    "social": (12.0, 0.85, 30.0),
    "referral": (16.0, 0.93, 50.0),
    "marketplace": (10.0, 0.80, 25.0),
}


def _ltv(margin: float, retention: float) -> float:
    from ..formulas import dcf_clv
    from ..units import rate_per_unit

    return dcf_clv(margin, retention, rate_per_unit(ANNUAL_DISCOUNT, "M"), periods=HORIZON_MONTHS)


def _display_figures() -> dict:
    """The display campaign's cost of a customer, and the ceiling and conversion target at each retention."""
    from ..acquisition import conversion_targets

    ltv = {r: _ltv(MARGIN_PER_MONTH, r) for r in (RETENTION, BETTER_RETENTION)}
    targets = conversion_targets(ltv, cost_per_click=DISPLAY_CPC, target_ratio=TARGET_RATIO)
    return {"cac": DISPLAY_CPC / DISPLAY_CONVERSION, "targets": targets}


def _launch_display() -> tuple[str, str]:
    """Launch when the measured conversion reaches what the better retention's LTV requires at 3:1."""
    needed = _display_figures()["targets"].loc[BETTER_RETENTION, "required_conversion"]
    return ("launch", "r1") if DISPLAY_CONVERSION >= needed else ("hold", "r4")


def _channel_to_cut() -> tuple[str, str]:
    """The channel whose dollar buys the least customer value: the lowest LTV:CAC."""
    ratios = {name: _ltv(m, r) / cac for name, (m, r, cac) in CHANNELS.items()}
    return min(ratios, key=ratios.get), "r1"


def _money(dollars: float, lang: str) -> str:
    from ..datasets import COURSE_RATES
    from ..i18n import format_money

    currency = "RUB" if lang == "ru" else "USD"
    return format_money(dollars * COURSE_RATES[currency], lang, currency=currency, decimals=2 if lang == "en" else 0)


def _pct(x: float, lang: str) -> str:
    from ..i18n import format_percent

    return format_percent(x, lang, decimals=2)


def _display_explain() -> dict:
    f = _display_figures()
    t = f["targets"]
    now, better = t.loc[RETENTION], t.loc[BETTER_RETENTION]

    def both(en: str, ru: str) -> dict:
        return {"en": en, "ru": ru}

    def fill(template: str, lang: str) -> str:
        return template.format(cac=_money(f["cac"], lang), ceiling=_money(better["max_cac"], lang),
                               old_ceiling=_money(now["max_cac"], lang), need=_pct(better["required_conversion"], lang),
                               old_need=_pct(now["required_conversion"], lang), got=_pct(DISPLAY_CONVERSION, lang))

    texts = {
        "launch": both("At 93% retention a customer may cost {ceiling} at 3:1, and the display campaign's customers "
                       "cost {cac} (its click price divided by {got}).",
                       "При удержании 93% клиент может стоить {ceiling} при 3:1, а клиенты медийной кампании обходятся "
                       "в {cac} (цена клика, делённая на {got})."),
        "hold": both("Holding back is the verdict of the old LTV: at 90% retention the campaign would need {old_need} "
                     "of clicks to convert, but retention is now 93%, and at that LTV it needs only {need}; it gets {got}.",
                     "Отказаться — вывод по старому LTV: при удержании 90% кампании нужна конверсия {old_need}, но "
                     "удержание теперь 93%, и при таком LTV хватает {need}; у кампании {got}."),
        "r1": both("Right: the better retention raised the affordable CPA to {ceiling}, so {need} of clicks is enough, "
                   "and the campaign converts {got}.",
                   "Верно: лучшее удержание подняло допустимый CPA до {ceiling}, поэтому достаточно конверсии {need}, "
                   "а у кампании {got}."),
        "r2": both("A conversion below the search campaign's says nothing by itself: display clicks are cheaper, and what "
                   "counts is the cost of a customer ({cac}) against the ceiling ({ceiling}).",
                   "Конверсия ниже, чем у поиска, сама по себе ничего не значит: клик в медийной кампании дешевле, "
                   "а важно, сколько стоит клиент ({cac}) по сравнению с потолком ({ceiling})."),
        "r3": both("Launching does not rest on dropping the 3:1 target: the campaign meets it, because at 93% retention "
                   "a customer may cost {ceiling} and costs {cac}.",
                   "Запуск не требует отказаться от цели 3:1: кампания в неё укладывается — при удержании 93% клиент "
                   "может стоить {ceiling}, а стоит {cac}."),
        "r4": both("The conversion target moved with the LTV: at 93% retention it is {need}, not {old_need}, and the "
                   "campaign converts {got}.",
                   "Целевая конверсия сдвинулась вместе с LTV: при удержании 93% это {need}, а не {old_need}, "
                   "а у кампании {got}."),
    }
    return {key: {lang: fill(value[lang], lang) for lang in ("en", "ru")} for key, value in texts.items()}


def _channel_explain() -> dict:
    ratios = {name: _ltv(m, r) / cac for name, (m, r, cac) in CHANNELS.items()}

    def n(x: float, lang: str) -> str:
        from ..i18n import format_number

        return format_number(x, lang, decimals=2)

    def both(name: str, en: str, ru: str) -> dict:
        return {"en": en.format(x=n(ratios.get(name, 0), "en"), low=n(ratios["marketplace"], "en")),
                "ru": ru.format(x=n(ratios.get(name, 0), "ru"), low=n(ratios["marketplace"], "ru"))}

    return {
        "search": both("search", "Search returns {x} of value per dollar of CAC, above the 3:1 target; cutting it gives up "
                       "more value per dollar saved than cutting marketplace ({low}).",
                       "Поиск возвращает {x} ценности на рубль CAC, выше цели 3:1; сократив его, вы потеряете "
                       "больше ценности на каждый сэкономленный рубль, чем сократив маркетплейс ({low})."),
        "social": both("social", "Social is below 3:1 too, but it returns {x} per dollar, more than marketplace's {low}.",
                       "Соцсети тоже ниже 3:1, но возвращают {x} на рубль — больше, чем маркетплейс ({low})."),
        "referral": both("referral", "Referral has the best LTV:CAC of the four, {x}: its customers cost the most and are "
                         "worth far more.",
                         "У рекомендаций лучший LTV:CAC из четырёх, {x}: их клиенты обходятся дороже всех, но и приносят намного больше."),
        "marketplace": both("marketplace", "Marketplace returns {x} per dollar, the least of the four channels.",
                            "Маркетплейс возвращает {x} на рубль — меньше всех четырёх каналов."),
        "r1": both("marketplace", "Right: a dollar on marketplace buys {low} of customer value, less than anywhere else.",
                   "Верно: каждый вложенный в маркетплейс рубль приносит {low} ценности — меньше, чем где-либо ещё."),
        "r2": both("marketplace", "A low CAC is not a low value: what decides is value per dollar; marketplace is cut "
                   "because its customers are worth only {low} times what they cost.",
                   "Низкий CAC — не низкая ценность: решает ценность на рубль; маркетплейс сокращают потому, что "
                   "ценность его клиентов лишь в {low} раза выше затрат на их привлечение."),
        "r3": both("marketplace", "Being under 3:1 does not single it out: social is under 3:1 as well; marketplace is "
                   "cut because its ratio, {low}, is the lowest.",
                   "Ниже 3:1 не только маркетплейс: соцсети тоже ниже 3:1; маркетплейс сокращают потому, что "
                   "его соотношение, {low}, самое низкое."),
    }


EXERCISES = [
    Exercise(
        key="02.1",
        kind="decision",
        expected=_launch_display,
        options=("launch", "hold"),
        synonyms={"launch": ("запустить", "запускать"), "hold": ("отказаться", "не запускать")},
        question={
            "en": "A display campaign pays $0.60 a click, and in a test 1.4% of its clicks became customers. The "
                  "retention programme has raised the monthly retention of new customers from 90% to 93% (measured "
                  "against a control group), and display customers are expected to behave like the others. Finance "
                  "keeps the 3:1 target. Do you launch the campaign? (`ck.acquisition.conversion_targets` with "
                  "`cost_per_click=0.6` answers it in one line.)",
            "ru": "Медийная кампания платит 60 ₽ за клик, и в тесте клиентами стали 1,4% кликнувших. Программа "
                  "удержания подняла месячное удержание новых клиентов с 90% до 93% (измерено против контрольной "
                  "группы), и клиенты из медийной рекламы, по нашим ожиданиям, ведут себя так же, как остальные. "
                  "Финансовый отдел не отступает от цели 3:1. Запускаете ли вы кампанию? "
                  "(`ck.acquisition.conversion_targets` с `cost_per_click=60` отвечает на это одной строкой.)",
        },
        prompt={"en": '"launch" or "hold"', "ru": '"launch" (запустить) или "hold" (отказаться)'},
        reasons={
            "r1": {"en": "its conversion reaches the target that the higher LTV sets at 3:1",
                   "ru": "её конверсия дотягивает до цели, которую при 3:1 задаёт выросший LTV"},
            "r2": {"en": "its conversion is lower than the search campaign's",
                   "ru": "её конверсия ниже, чем у поисковой кампании"},
            "r3": {"en": "a better retention is a reason to accept less than 3:1",
                   "ru": "лучшее удержание — повод согласиться на соотношение ниже 3:1"},
            "r4": {"en": "its conversion misses the target of today's LTV at 3:1",
                   "ru": "её конверсия не дотягивает до цели при сегодняшнем LTV и 3:1"},
        },
        explain=_display_explain(),
        feedback={"en": "Better retention raised what a customer may cost, and with it lowered the conversion the "
                        "campaign must reach.",
                  "ru": "Лучшее удержание подняло допустимую стоимость клиента и тем самым снизило конверсию, которой "
                        "должна достичь кампания."},
        hint={"en": "Work out what one display customer costs (price of a click / conversion), then compare it with "
                    "the affordable CPA at 93% retention, not at 90%.",
              "ru": "Посчитайте, сколько стоит один клиент из медийной рекламы (цена клика / конверсия), и сравните "
                    "с допустимым CPA при удержании 93%, а не 90%."},
        solution={"en": "ltv = {0.90: ck.formulas.dcf_clv(14, 0.90, d, periods=36), "
                        "0.93: ck.formulas.dcf_clv(14, 0.93, d, periods=36)}\n"
                        "ck.acquisition.conversion_targets(ltv, cost_per_click=0.6)  # needs 1.14% at 93%; "
                        "the campaign gets 1.4%\n"
                        "decision, reason = \"launch\", \"r1\"",
                  "ru": "ltv = {0.90: ck.formulas.dcf_clv(1_400, 0.90, d, periods=36), "
                        "0.93: ck.formulas.dcf_clv(1_400, 0.93, d, periods=36)}\n"
                        "ck.acquisition.conversion_targets(ltv, cost_per_click=60)  # при 93% нужно 1,14%; "
                        "у кампании 1,4%\n"
                        "decision, reason = \"launch\", \"r1\""},
    ),
    Exercise(
        key="02.2",
        kind="decision",
        expected=_channel_to_cut,
        options=("search", "social", "referral", "marketplace"),
        synonyms={"search": ("поиск",), "social": ("соцсети",), "referral": ("рекомендации",),
                  "marketplace": ("маркетплейс",)},
        question={
            "en": "Finance asks you to cut the budget of one acquisition channel. From the table above, which one "
                  "do you cut?",
            "ru": "Финансовый отдел просит сократить бюджет одного канала привлечения. Какой канал вы сократите, "
                  "судя по таблице выше?",
        },
        prompt={"en": '"search", "social", "referral" or "marketplace"',
                "ru": '"search" (поиск), "social" (соцсети), "referral" (рекомендации) или "marketplace" (маркетплейс)'},
        reasons={
            "r1": {"en": "a dollar there buys the least customer value", "ru": "каждый вложенный туда рубль приносит меньше всего ценности"},
            "r2": {"en": "its customers are the cheapest, so they must be worth the least",
                   "ru": "его клиенты самые дешёвые, значит, и стоят меньше всех"},
            "r3": {"en": "its LTV:CAC is below the 3:1 target", "ru": "его LTV:CAC ниже цели 3:1"},
        },
        explain=_channel_explain(),
        feedback={"en": "Budget follows value per dollar, not the lowest cost per customer.",
                  "ru": "Бюджет идёт за ценностью на вложенный рубль, а не за самой низкой ценой клиента."},
        hint={"en": "Compare the ltv_cac column: how much customer value one dollar of CAC buys in each channel.",
              "ru": "Сравните столбец LTV:CAC: сколько ценности приносит каждый рубль CAC в каждом канале."},
        solution={"en": "economics[\"ltv_cac\"].idxmin()  # marketplace, 1.54\ndecision, reason = \"marketplace\", \"r1\"",
                  "ru": "economics[\"ltv_cac\"].idxmin()  # маркетплейс, 1,54\ndecision, reason = \"marketplace\", \"r1\""},
    ),
]
