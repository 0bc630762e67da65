"""Exercises of notebook 11 (your own data: the template run on the shipped example export)."""

from __future__ import annotations

import warnings
from functools import lru_cache

from ..teach import Exercise

#: The template settings of the notebook for datasets/example_orders.csv.
COLUMNS = {"customer_col": "client", "date_col": "order_date", "amount_col": "total"}
EXTRA_COLS = ["sales_channel"]
DATE_FORMAT, DECIMAL = "%d.%m.%Y", ","
OBSERVATION_END = "2024-12-31"
MARGIN, HORIZON, ANNUAL_DISCOUNT_RATE = 0.30, "12 months", 0.10
#: Arguments a learner may name in exercise 11.1.
ARGUMENTS = ("customer_col", "date_col", "amount_col", "date_format", "decimal", "on_negative", "on_duplicate")


@lru_cache(maxsize=1)
def example_customers():
    """The example export loaded, summarised, fitted and valued as in notebook 11."""
    from ..data.summary import summarize
    from ..data.transactions import load_transactions
    from ..datasets import dataset_path
    from ..models import BGNBD, GammaGamma
    from ..valuation import customer_lifetime_value

    with warnings.catch_warnings():
        # The loader reports the refund it netted and the duplicate it dropped; the notebook shows them.
        warnings.simplefilter("ignore")
        tx = load_transactions(dataset_path("example_orders.csv"), **COLUMNS, keep=EXTRA_COLS,
                               date_format=DATE_FORMAT, decimal=DECIMAL, on_negative="net", on_duplicate="drop")
    summary = summarize(tx, observation_end=OBSERVATION_END, time_unit="W")
    bgnbd, gg = BGNBD().fit(summary), GammaGamma().fit(summary)
    value = customer_lifetime_value(bgnbd, gg, summary, horizon=HORIZON, annual_discount_rate=ANNUAL_DISCOUNT_RATE,
                                    margin=MARGIN)
    return summary.assign(clv=value["clv"], p_alive=bgnbd.probability_alive(summary))


def _customer_equity() -> float:
    return float(example_customers()["clv"].sum())


def _champions_value_share() -> float:
    from ..segments import rfm_segments, segment_summary

    customers = example_customers()
    customers = customers.assign(segment=rfm_segments(customers)["segment"])
    return float(segment_summary(customers, value="clv").loc["champions", "value_share"])


EXERCISES = [
    Exercise(
        key="11.1",
        question={
            "en": (
                "A colleague ran the cell below. Read the message: which argument of\n"
                "`load_transactions` did they get wrong? Answer with its name, e.g. "
                '`"date_format"`.'
            ),
            "ru": (
                "Коллега запустил ячейку ниже. Прочитайте сообщение: какой аргумент\n"
                "`load_transactions` он указал неверно? Ответьте его названием, например "
                '`"date_format"`.'
            ),
        },
        prompt={
            "en": "the name of the argument, in quotes",
            "ru": "название аргумента, в кавычках",
        },
        feedback={
            "en": (
                "The amounts came from a text column: the loader names the column and the rows "
                "it could not read."
            ),
            "ru": (
                "Суммы взяты из текстового столбца: загрузчик называет столбец и строки, "
                "которые не смог прочитать."
            ),
        },
        kind="choice",
        expected="amount_col",
        options=ARGUMENTS,
        synonyms={"customer_col": ("столбец клиента", "столбец клиентов"), "date_col": ("столбец даты", "столбец дат"),
                  "amount_col": ("столбец суммы", "столбец сумм"), "date_format": ("формат даты", "формат дат"),
                  "decimal": ("десятичный разделитель", "разделитель дробной части"),
                  "on_negative": ("отрицательные суммы", "возвраты"), "on_duplicate": ("дубликаты", "повторы")},
        hint={
            "en": "The message names a column and shows its first values. Which kind of value is that column "
                  "supposed to hold, and which argument tells the loader where to find it?",
            "ru": "Сообщение называет столбец и показывает его первые значения. Что должно лежать в этом "
                  "столбце и какой аргумент говорит загрузчику, где его искать?",
        },
        solution={
            "en": "amount_col: the loader took order values from 'sales_channel', whose values are 'online' and "
                  "'store'.\nck.load_transactions(PATH, customer_col='client', date_col='order_date', "
                  "amount_col='total', ...)",
            "ru": "amount_col: загрузчик взял суммы заказов из столбца 'sales_channel', где записаны 'online' и "
                  "'store'.\nck.load_transactions(PATH, customer_col='client', date_col='order_date', "
                  "amount_col='total', ...)",
        },
    ),
    Exercise(
        key="11.2",
        question={
            "en": (
                "What is the customer equity of this base: the total CLV of all customers over "
                "the\n"
                "next 12 months, in dollars? If you are not sure where to look, ask for the "
                "hint, as below:"
            ),
            "ru": (
                "Какова ценность этой клиентской базы — суммарный CLV всех клиентов за "
                "следующие\n"
                "12 месяцев, в рублях? Если не знаете, с чего начать, попросите подсказку, "
                "как ниже:"
            ),
        },
        prompt={
            "en": "your answer, in dollars",
            "ru": "ваш ответ, в рублях",
        },
        feedback={
            "en": "Customer equity is the sum of every customer's CLV over the horizon.",
            "ru": "Ценность клиентской базы — сумма CLV всех клиентов за горизонт.",
        },
        kind="number",
        expected=_customer_equity,
        money=True,
        rel_tol=0.01,
        abs_tol=1.0,
        decimals=2,
        hint={
            "en": "Customer equity is the sum of the clv column: ck.customer_equity(value) or "
                  "customers['clv'].sum().",
            "ru": "Ценность клиентской базы — сумма столбца `clv`: ck.customer_equity(value) или "
                  "customers['clv'].sum().",
        },
        solution={
            "en": "# the sum of every customer's CLV\nck.customer_equity(value)",
            "ru": "# сумма CLV всех клиентов\nck.customer_equity(value)",
        },
    ),
    Exercise(
        key="11.3",
        question={
            "en": (
                "Which share of the base's future value do the champions hold? Look it up in "
                "the\n"
                "`segments` table and answer as a fraction (0.25 for 25%)."
            ),
            "ru": (
                "Какая доля будущей ценности базы приходится на чемпионов? Найдите её в "
                "таблице\n"
                "`segments` и ответьте в долях единицы (0.25 для 25%)."
            ),
        },
        prompt={
            "en": "your answer, a fraction between 0 and 1",
            "ru": "ваш ответ, доля от 0 до 1",
        },
        feedback={
            "en": (
                "A small group holding a large share of future value is where to spend first."
            ),
            "ru": (
                "Небольшая группа с большой долей будущей ценности — первая, на кого стоит "
                "тратить."
            ),
        },
        kind="number",
        expected=_champions_value_share,
        rel_tol=0.01,
        abs_tol=0.005,
        decimals=3,
        hint={
            "en": "segments has one row per segment; the column value_share is each segment's share of the "
                  "total CLV: segments.loc['champions', 'value_share'].",
            "ru": "В segments по строке на сегмент; столбец value_share — доля сегмента в суммарном CLV: "
                  "segments.loc['champions', 'value_share'].",
        },
        solution={
            "en": "# the champions' share of the total CLV\nsegments.loc['champions', 'value_share']",
            "ru": "# доля чемпионов в суммарном CLV\nsegments.loc['champions', 'value_share']",
        },
    ),
]
