"""Every user-facing string of the charts, explorers and app, in English and Russian.

One table, so a translation is checked in one place: :data:`LABELS` maps a key to
``{"en": ..., "ru": ...}``. :func:`label` looks a key up; :func:`format_number` and
:func:`format_money` write numbers the way each audience reads them (``1,234.5`` in
English, ``1 234,5`` in Russian, with a narrow no-break space as the thousands
separator so a number never wraps).

This module imports nothing heavy, so :mod:`clvkit.plots` and the state objects of the
explorers can use it without pulling in ipywidgets.
"""

from __future__ import annotations

import math

from .._checks import check_choice

__all__ = [
    "LABELS",
    "LANGS",
    "check_lang",
    "format_money",
    "format_number",
    "format_percent",
    "label",
    "per_unit_label",
    "short_unit_label",
    "unit_label",
]

LANGS = ("en", "ru")

# Russian thousands separator: U+202F NARROW NO-BREAK SPACE (typographic, never wraps).
_RU_THOUSANDS = "\u202f"

LABELS: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- units
    "unit.D": {"en": "days", "ru": "дни"},
    "unit.W": {"en": "weeks", "ru": "недели"},
    "unit.M": {"en": "months", "ru": "месяцы"},
    "unit.Q": {"en": "quarters", "ru": "кварталы"},
    "unit.Y": {"en": "years", "ru": "годы"},
    "unit.period": {"en": "periods", "ru": "периоды"},
    "short.D": {"en": "days", "ru": "дн."},
    "short.W": {"en": "weeks", "ru": "нед."},
    "short.M": {"en": "months", "ru": "мес."},
    "short.Q": {"en": "quarters", "ru": "кв."},
    "short.Y": {"en": "years", "ru": "г."},
    "short.period": {"en": "periods", "ru": "пер."},
    "per.D": {"en": "per day", "ru": "в день"},
    "per.W": {"en": "per week", "ru": "в неделю"},
    "per.M": {"en": "per month", "ru": "в месяц"},
    "per.Q": {"en": "per quarter", "ru": "в квартал"},
    "per.Y": {"en": "per year", "ru": "в год"},
    "per.period": {"en": "per period", "ru": "за период"},
    # ---------------------------------------------------------------- drivers
    "driver.aov": {"en": "Average order value", "ru": "Средний чек"},
    "driver.purchases_per_period": {"en": "Purchase frequency", "ru": "Частота покупок"},
    "driver.margin": {"en": "Margin", "ru": "Маржа"},
    "driver.retention": {"en": "Retention", "ru": "Удержание"},
    "driver.discount_rate": {"en": "Discount rate", "ru": "Ставка дисконтирования"},
    "driver.annual_discount_rate": {"en": "Discount rate (a year)", "ru": "Ставка дисконтирования (в год)"},
    "driver.horizon": {"en": "Horizon", "ru": "Горизонт"},
    "driver.cac": {"en": "Acquisition cost (CAC)", "ru": "Стоимость привлечения (CAC)"},
    # ---------------------------------------------------------------- results
    "result.clv": {"en": "Customer lifetime value (CLV)", "ru": "Пожизненная ценность клиента (CLV)"},
    "result.margin_per_period": {"en": "Margin per customer", "ru": "Маржа с клиента"},
    "result.ltv_cac": {"en": "LTV:CAC", "ru": "LTV:CAC"},
    "result.payback": {"en": "Payback", "ru": "Окупаемость"},
    "result.never": {"en": "never", "ru": "никогда"},
    "result.max_cac": {"en": "Max CAC at LTV:CAC = 3", "ru": "Предельный CAC при LTV:CAC = 3"},
    "result.expected_lifetime": {"en": "Expected lifetime", "ru": "Ожидаемая длительность жизни"},
    "result.derl": {"en": "Discounted expected residual lifetime (DERL)",
                    "ru": "Дисконтированная ожидаемая оставшаяся жизнь (DERL)"},
    "result.infinite": {"en": "infinite", "ru": "бесконечна"},
    "result.p_alive": {"en": "P(alive)", "ru": "P(активен)"},
    "result.expected_purchases": {"en": "Expected purchases", "ru": "Ожидаемые покупки"},
    "result.expected_spend": {"en": "Expected spend per purchase", "ru": "Ожидаемый чек"},
    "result.customers": {"en": "Customers", "ru": "Клиенты"},
    "result.value_share": {"en": "Share of value", "ru": "Доля ценности"},
    "result.uplift": {"en": "CLV uplift", "ru": "Прирост CLV"},
    "result.roi": {"en": "ROI", "ru": "ROI"},
    "result.break_even_cost": {"en": "Break-even cost per customer", "ru": "Безубыточные затраты на клиента"},
    "result.campaign_cost": {"en": "Campaign cost", "ru": "Затраты на кампанию"},
    "result.targeted": {"en": "Customers reached", "ru": "Охвачено клиентов"},
    "result.top_share": {"en": "Top 20% hold", "ru": "Топ-20% дают"},
    # ---------------------------------------------------------------- app
    "app.title": {"en": "CLV calculator", "ru": "Калькулятор CLV"},
    "app.intro": {
        "en": "Move the sliders: every number and chart is recomputed at once.",
        "ru": "Двигайте ползунки: все числа и графики пересчитываются сразу.",
    },
    "app.language": {"en": "Language", "ru": "Язык"},
    "app.tab.drivers": {"en": "Drivers of CLV", "ru": "Факторы CLV"},
    "app.tab.strategy": {"en": "Strategy simulator", "ru": "Симулятор стратегий"},
    # ---------------------------------------------------------------- explorers
    "retention.alpha": {"en": "sBG alpha", "ru": "sBG alpha"},
    "retention.beta": {"en": "sBG beta", "ru": "sBG beta"},
    "retention.cohort": {"en": "Fit to cohort", "ru": "Подогнать к когорте"},
    "retention.none": {"en": "(set alpha and beta)", "ru": "(задать alpha и beta)"},
    "retention.constant": {"en": "Constant retention", "ru": "Постоянное удержание"},
    "customer.frequency": {"en": "Repeat purchases", "ru": "Повторные покупки"},
    "customer.recency": {"en": "Recency", "ru": "Давность последней покупки"},
    "customer.T": {"en": "Customer age (T)", "ru": "Возраст клиента (T)"},
    "customer.monetary": {"en": "Mean repeat spend", "ru": "Средний повторный чек"},
    "customer.horizon": {"en": "Horizon", "ru": "Горизонт"},
    "customer.this": {"en": "this customer", "ru": "этот клиент"},
    "segment.r_cut": {"en": "Recent: bought within", "ru": "Недавние: покупали за последние"},
    "segment.f_cut": {"en": "Frequent: repeat purchases at least", "ru": "Частые: повторных покупок не меньше"},
    "segment.tiers": {"en": "Top tier cut-offs", "ru": "Границы верхних уровней"},
    "segment.by": {"en": "Show", "ru": "Показать"},
    "segment.rfm": {"en": "RFM segments", "ru": "RFM-сегменты"},
    "segment.tier": {"en": "CLV tiers", "ru": "Уровни CLV"},
    "strategy.retention": {"en": "Churn reduction", "ru": "Снижение оттока"},
    "strategy.frequency": {"en": "Frequency lift", "ru": "Рост частоты покупок"},
    "strategy.aov": {"en": "Order value lift (upsell)", "ru": "Рост среднего чека (апсейл)"},
    "strategy.margin": {"en": "Margin change (points)", "ru": "Изменение маржи (п.п.)"},
    "strategy.cost": {"en": "One-off cost per participant", "ru": "Разовые затраты на участника"},
    "strategy.cost_per_period": {"en": "Running cost per participant, a month", "ru": "Текущие затраты на участника в месяц"},
    "strategy.before_after": {"en": "Customer equity: now → with the program", "ru": "Ценность базы: сейчас → с программой"},
    "strategy.participants": {"en": "Participants", "ru": "Участники"},
    "strategy.target": {"en": "Target", "ru": "Целевая группа"},
    "strategy.take_up": {"en": "Take-up", "ru": "Отклик"},
    "strategy.everyone": {"en": "everyone", "ru": "все"},
    # ---------------------------------------------------------------- segments
    "seg.champions": {"en": "champions", "ru": "чемпионы"},
    "seg.loyal": {"en": "loyal", "ru": "лояльные"},
    "seg.new": {"en": "new", "ru": "новые"},
    "seg.promising": {"en": "promising", "ru": "перспективные"},
    "seg.at risk": {"en": "at risk", "ru": "под угрозой ухода"},
    "seg.hibernating": {"en": "hibernating", "ru": "спящие"},
    "seg.recent_frequent": {"en": "recent & frequent", "ru": "недавние и частые"},
    "seg.recent_rare": {"en": "recent, rare", "ru": "недавние, редкие"},
    "seg.lapsed_frequent": {"en": "lapsed, frequent", "ru": "давние, частые"},
    "seg.lapsed_rare": {"en": "lapsed, rare", "ru": "давние, редкие"},
    "seg.rest": {"en": "rest", "ru": "остальные"},
    "seg.top": {"en": "top", "ru": "топ"},
    # ---------------------------------------------------------------- charts
    "chart.period": {"en": "Period", "ru": "Период"},
    "chart.cashflow.title": {"en": "Expected cash flow of one customer", "ru": "Ожидаемый денежный поток клиента"},
    "chart.cashflow.margin": {"en": "expected margin", "ru": "ожидаемая маржа"},
    "chart.cashflow.pv": {"en": "present value", "ru": "приведённая стоимость"},
    "chart.cumulative.title": {"en": "Cumulative discounted CLV", "ru": "Накопленная дисконтированная CLV"},
    "chart.cumulative.y": {"en": "Cumulative value", "ru": "Накопленная ценность"},
    "chart.cac": {"en": "CAC", "ru": "CAC"},
    "chart.tornado.title": {"en": "CLV when a driver moves ±{pct}%", "ru": "CLV при изменении фактора на ±{pct}%"},
    "chart.tornado.x": {"en": "CLV", "ru": "CLV"},
    "chart.tornado.low": {"en": "driver −{pct}%", "ru": "фактор −{pct}%"},
    "chart.tornado.high": {"en": "driver +{pct}%", "ru": "фактор +{pct}%"},
    "chart.ltvcac.title": {"en": "LTV and CAC by channel", "ru": "LTV и CAC по каналам"},
    "chart.ltvcac.ltv": {"en": "LTV", "ru": "LTV"},
    "chart.ltvcac.cac": {"en": "CAC", "ru": "CAC"},
    "chart.ltvcac.channel": {"en": "Channel", "ru": "Канал"},
    "chart.ltvcac.ratio": {"en": "LTV:CAC = {ratio}", "ru": "LTV:CAC = {ratio}"},
    "chart.cohort.title": {"en": "Cohort retention", "ru": "Удержание по когортам"},
    "chart.cohort.x": {"en": "Periods since first purchase", "ru": "Периодов после первой покупки"},
    "chart.cohort.y": {"en": "Cohort (first purchase)", "ru": "Когорта (первая покупка)"},
    "chart.cohort.value": {"en": "Share active", "ru": "Доля активных"},
    "chart.cohort.title.retention": {"en": "Cohort retention", "ru": "Удержание по когортам"},
    "chart.cohort.title.customers": {"en": "Active customers by cohort", "ru": "Активные клиенты по когортам"},
    "chart.cohort.title.revenue": {"en": "Revenue by cohort", "ru": "Выручка по когортам"},
    "chart.cohort.title.revenue_per_customer": {"en": "Revenue per acquired customer, by cohort",
                                                "ru": "Выручка на привлечённого клиента по когортам"},
    "chart.cohort.value.retention": {"en": "Share active", "ru": "Доля активных"},
    "chart.cohort.value.customers": {"en": "Active customers", "ru": "Активных клиентов"},
    "chart.cohort.value.revenue": {"en": "Revenue", "ru": "Выручка"},
    "chart.cohort.value.revenue_per_customer": {"en": "Revenue per acquired customer",
                                                "ru": "Выручка на привлечённого клиента"},
    "chart.survival.title": {"en": "Survival: observed vs models", "ru": "Выживаемость: факт и модели"},
    "chart.survival.y": {"en": "Share of the cohort still active", "ru": "Доля когорты, оставшейся клиентами"},
    "chart.retention.title": {"en": "Retention rate by tenure", "ru": "Удержание в зависимости от стажа"},
    "chart.retention.y": {"en": "Retention rate", "ru": "Коэффициент удержания"},
    "chart.observed": {"en": "observed", "ru": "факт"},
    "chart.sbg": {"en": "sBG model", "ru": "модель sBG"},
    "chart.constant": {"en": "constant retention", "ru": "постоянное удержание"},
    "chart.fitted_periods": {"en": "periods the model was fitted on", "ru": "периоды, на которых обучена модель"},
    "chart.frequency": {"en": "Repeat purchases (frequency)", "ru": "Повторные покупки (частота)"},
    "chart.recency": {"en": "Recency", "ru": "Давность (recency)"},
    "chart.fr.title": {"en": "Expected purchases in the next {t} {unit}",
                       "ru": "Ожидаемые покупки в следующие {t} ({unit})"},
    "chart.palive.title": {"en": "Probability the customer is alive", "ru": "Вероятность, что клиент активен"},
    "chart.palive.history.title": {"en": "P(alive) over the customer's history",
                                   "ru": "P(активен) на протяжении истории клиента"},
    "chart.palive.history.x": {"en": "Time since first purchase", "ru": "Время с первой покупки"},
    "chart.purchase": {"en": "purchase", "ru": "покупка"},
    "chart.calibration.title": {"en": "Holdout purchases by calibration frequency",
                                "ru": "Покупки в отложенном периоде по частоте в калибровке"},
    "chart.calibration.y": {"en": "Mean purchases in the holdout", "ru": "Среднее число покупок в отложенном периоде"},
    "chart.actual": {"en": "actual", "ru": "факт"},
    "chart.model": {"en": "model", "ru": "модель"},
    "chart.predicted": {"en": "predicted", "ru": "прогноз"},
    "chart.predicted_vs_actual.title": {"en": "Predicted vs actual", "ru": "Прогноз и факт"},
    "chart.predicted_vs_actual.y": {"en": "Mean per customer", "ru": "Среднее на клиента"},
    "chart.tracking.title": {"en": "Cumulative repeat purchases: actual vs model",
                             "ru": "Накопленные повторные покупки: факт и модель"},
    "chart.tracking.y": {"en": "Cumulative repeat purchases", "ru": "Накопленные повторные покупки"},
    "chart.tracking.calibration_end": {"en": "end of calibration", "ru": "конец калибровки"},
    "chart.clvdist.title": {"en": "Distribution of CLV", "ru": "Распределение CLV"},
    "chart.clvdist.y": {"en": "Customers", "ru": "Клиенты"},
    "chart.lorenz.title": {"en": "Concentration of value (Lorenz curve)",
                           "ru": "Концентрация ценности (кривая Лоренца)"},
    "chart.lorenz.x": {"en": "Share of customers (lowest value first)", "ru": "Доля клиентов (от наименее ценных)"},
    "chart.lorenz.y": {"en": "Share of value", "ru": "Доля ценности"},
    "chart.lorenz.equality": {"en": "equal value", "ru": "равная ценность"},
    "chart.lorenz.gini": {"en": "Gini = {g}", "ru": "Джини = {g}"},
    "chart.segments.title": {"en": "Segments: customers and value", "ru": "Сегменты: клиенты и ценность"},
    "chart.segments.x": {"en": "Share of customers", "ru": "Доля клиентов"},
    "chart.segments.y": {"en": "Share of value", "ru": "Доля ценности"},
    "chart.segments.clv": {"en": "Mean CLV", "ru": "Средняя CLV"},
    "chart.waterfall.title": {"en": "Where the CLV uplift comes from", "ru": "Из чего складывается прирост CLV"},
    "chart.waterfall.base": {"en": "current", "ru": "сейчас"},
    "chart.waterfall.total": {"en": "new", "ru": "итог"},
    "chart.waterfall.cost": {"en": "cost", "ru": "затраты"},
    "chart.waterfall.y": {"en": "Customer equity", "ru": "Совокупная ценность клиентов"},
    "lever.retention": {"en": "retention", "ru": "удержание"},
    "lever.frequency": {"en": "frequency", "ru": "частота"},
    "lever.aov": {"en": "order value", "ru": "средний чек"},
    "lever.margin": {"en": "margin", "ru": "маржа"},
    "lever.cost": {"en": "cost", "ru": "затраты"},
    "lever.interaction": {"en": "together", "ru": "совместно"},
}


def check_lang(lang: str) -> str:
    """Check that `lang` is one of the supported languages ("en", "ru") and return it."""
    return check_choice("lang", lang, LANGS)


def label(key: str, lang: str = "en", **fields) -> str:
    """The text for `key` in `lang`, with ``{fields}`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`.
    lang : {"en", "ru"}
        Language.
    **fields
        Values for the placeholders of the text.

    Returns
    -------
    str

    Examples
    --------
    >>> label("driver.aov", "ru")
    'Средний чек'
    """
    check_lang(lang)
    try:
        text = LABELS[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r}; add it to clvkit.widgets.labels.LABELS") from None
    return text.format(**fields) if fields else text


def format_number(value, lang: str = "en", *, decimals: int = 1) -> str:
    r"""A number as text for the reader of `lang`: ``1,234.5`` (en) or ``1 234,5`` (ru).

    Parameters
    ----------
    value : float
        The number; infinities read as "∞" and NaN as "–".
    lang : {"en", "ru"}
        Language of the reader.
    decimals : int
        Digits after the decimal mark.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(1234.5, "en"), format_number(-1234.5, "ru")
    ('1,234.5', '−1\u202f234,5')
    """
    check_lang(lang)
    x = float(value)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{abs(x):,.{int(decimals)}f}"
    if lang == "ru":
        text = text.replace(",", _RU_THOUSANDS).replace(".", ",")
    # A value that rounds to zero carries no sign.
    negative = x < 0 and float(f"{abs(x):.{int(decimals)}f}") != 0
    return ("−" if negative else "") + text


def format_money(value, lang: str = "en", *, currency: str = "$", decimals: int = 2) -> str:
    """An amount of money as text: ``$1,234.50`` (en) or ``1 234,50 $`` (ru).

    Examples
    --------
    >>> format_money(1234.5, "en")
    '$1,234.50'
    """
    number = format_number(value, lang, decimals=decimals)
    if lang == "ru":
        return f"{number}\u00a0{currency}"
    sign = ""
    if number.startswith("−"):
        sign, number = "−", number[1:]
    return f"{sign}{currency}{number}"


def format_percent(fraction, lang: str = "en", *, decimals: int = 1) -> str:
    r"""A fraction as a percentage: ``12.5%`` (en) or ``12,5 %`` (ru).

    Examples
    --------
    >>> format_percent(0.125, "ru")
    '12,5\xa0%'
    """
    number = format_number(100.0 * float(fraction), lang, decimals=decimals)
    return f"{number}\u00a0%" if lang == "ru" else f"{number}%"


def unit_label(time_unit: str | None, lang: str = "en") -> str:
    """Plural name of a time unit ("weeks", "недели"); "periods" when unknown."""
    return label(f"unit.{time_unit}" if f"unit.{time_unit}" in LABELS else "unit.period", lang)


def short_unit_label(time_unit: str | None, lang: str = "en") -> str:
    """Unit written after a number: "weeks" / "нед." (Russian abbreviations avoid plural forms)."""
    return label(f"short.{time_unit}" if f"short.{time_unit}" in LABELS else "short.period", lang)


def per_unit_label(time_unit: str | None, lang: str = "en") -> str:
    """"per week", "в неделю"; "per period" when unknown."""
    return label(f"per.{time_unit}" if f"per.{time_unit}" in LABELS else "per.period", lang)
