"""The workbench engine: upload, compute, rescore and export, checked against the package's own functions."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit.models import BGNBD, GammaGamma
from clvkit.workbench import Settings, Workbench, guess_column

# The example files carry a refund, a repeated row and (the small Russian base) a fit at the edge of its
# range on purpose; the package's notes about them are the loader's and the models' own tests' business,
# here they only reach the independent computation that checks the workbench's numbers.
pytestmark = [
    pytest.mark.filterwarnings("ignore::clvkit.data.transactions.DataQualityWarning"),
    pytest.mark.filterwarnings("ignore::clvkit.errors.ConvergenceWarning"),
]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "datasets" / "example_orders.csv"


def one_sentence(message: str) -> bool:
    return (
        bool(message)
        and "\n" not in message
        and "Traceback" not in message
        and message.rstrip().endswith(".")
    )


@pytest.fixture(scope="module")
def english():
    wb = Workbench(lang="en")
    assert wb.upload(EXAMPLE.read_bytes(), "example_orders.csv"), wb.error
    assert wb.compute(), wb.error
    yield wb
    wb.close()


def independent(path, customer_col, date_col, amount_col, *, margin=0.3, months=12, rate=0.1, interval=0.9):
    """The same valuation written out with the package's public functions."""
    tx = ck.load_transactions(path, customer_col=customer_col, date_col=date_col, amount_col=amount_col)
    summary = ck.summarize(tx, time_unit="W")
    model = BGNBD().fit(summary)
    spend = GammaGamma().fit(summary[summary["frequency"] > 0])
    values = ck.customer_lifetime_value(
        model,
        spend,
        summary,
        horizon=f"{months} months",
        annual_discount_rate=rate,
        margin=margin,
        interval=interval,
    )
    values["p_alive"] = model.probability_alive(summary)
    return tx, summary, values


def test_guesses_cover_english_and_russian_headers():
    assert guess_column(["client", "order_date", "total"], "customer") == "client"
    assert guess_column(["client", "order_date", "total"], "date") == "order_date"
    assert guess_column(["Покупатель", "Дата", "Сумма"], "customer") == "Покупатель"
    assert guess_column(["Клиент", "Дата продажи", "Сумма, руб."], "amount") == "Сумма, руб."
    assert guess_column(["Клиент", "Дата продажи", "Сумма, руб."], "date") == "Дата продажи"
    assert guess_column(["x", "y", "z"], "amount") is None


def test_english_upload_matches_the_package(english, tmp_path):
    wb = english
    assert wb.preview.guesses == {"customer": "client", "date": "order_date", "amount": "total"}
    assert len(wb.preview.rows) > 0 and list(wb.preview.rows.columns)[:3] == ["client", "order_date", "total"]
    tx, summary, values = independent(EXAMPLE, "client", "order_date", "total")
    table = wb.customers
    assert len(table) == len(summary) == wb.headline["customers"]
    assert wb.headline["repeat_buyers"] == int((summary["frequency"] > 0).sum())
    assert wb.headline["first_date"] == tx["date"].min() and wb.headline["last_date"] == tx["date"].max()
    np.testing.assert_allclose(table["clv"], values["clv"].reindex(table.index), rtol=1e-10)
    np.testing.assert_allclose(table["clv_low"], values["clv_low"].reindex(table.index), rtol=1e-10)
    np.testing.assert_allclose(table["p_alive"], values["p_alive"].reindex(table.index), rtol=1e-10)
    assert wb.headline["equity"] == pytest.approx(values["clv"].sum(), rel=1e-10)
    assert (np.diff(table["clv"].to_numpy()) <= 0).all()  # highest value first
    labels = dict(wb.headline_sentences())
    assert labels["Customers"] == f"{len(summary):,}"
    assert labels["Customer equity, next 12 months"].startswith("$")
    # The loader's notes (a refund netted, a duplicate kept) reach the page.
    assert any("refund" in note for note in wb.notes)


def test_trust_check_is_the_holdout_comparison(english):
    wb = english
    trust = wb.trust
    assert trust["ok"], trust
    last = wb.transactions["date"].max().normalize()
    assert trust["calibration_end"] == last - pd.DateOffset(months=3)
    cal, hold = ck.split_calibration_holdout(
        wb.transactions, calibration_end=trust["calibration_end"], observation_end=last, time_unit="W"
    )
    forecast = BGNBD().fit(cal).predict_purchases(cal, float(hold["duration_holdout"].iloc[0]))
    actual = hold["frequency_holdout"].sum()
    assert trust["model_error"] == pytest.approx(abs(forecast.sum() - actual) / actual, rel=1e-6)
    own = (cal["frequency"] / cal["T"]).where(cal["T"] > 0, 0.0) * hold["duration_holdout"]
    assert trust["naive_error"] == pytest.approx(abs(own.sum() - actual) / actual, rel=1e-9)
    model_mae = float(np.abs(forecast.to_numpy() - hold["frequency_holdout"].to_numpy()).mean())
    naive_mae = float(np.abs(own.to_numpy() - hold["frequency_holdout"].to_numpy()).mean())
    assert trust["model_mae"] == pytest.approx(model_mae, rel=1e-6)
    assert trust["naive_mae"] == pytest.approx(naive_mae, rel=1e-9)
    sentence = wb.trust_sentence()
    assert "the last 3 months" in sentence and f"{100 * trust['naive_error']:.1f}%" in sentence
    assert f"and {naive_mae:.2f}." in sentence and "per customer" in sentence
    better = trust["model_error"] <= trust["naive_error"] and model_mae <= naive_mae
    assert ("better guide" in sentence) == better


def test_rescore_does_not_refit_and_matches_a_direct_valuation(english):
    wb = english
    model, spend = wb.model, wb.spend_model
    params = model.params_.copy()
    try:
        assert wb.rescore(horizon_months=24, annual_discount_rate=0.2, margin=0.5), wb.error
        assert wb.model is model and wb.spend_model is spend
        pd.testing.assert_series_equal(wb.model.params_, params)
        direct = ck.customer_lifetime_value(
            model, spend, wb.summary, horizon="24 months", annual_discount_rate=0.2, margin=0.5, interval=0.9
        )
        np.testing.assert_allclose(wb.customers["clv"], direct["clv"].reindex(wb.customers.index), rtol=1e-10)
        np.testing.assert_allclose(
            wb.customers["clv_high"], direct["clv_high"].reindex(wb.customers.index), rtol=1e-10
        )
        # A typed value out of range is refused in one sentence and changes nothing.
        before = wb.customers["clv"].copy()
        assert not wb.rescore(margin=30)
        assert one_sentence(wb.error) and "Margin" in wb.error and "30" in wb.error
        assert wb.settings.margin == 0.5
        pd.testing.assert_series_equal(wb.customers["clv"], before)
    finally:
        assert wb.rescore(horizon_months=12, annual_discount_rate=0.1, margin=0.3)


def test_workbook_and_csv_read_back_to_the_cent(english):
    from openpyxl import load_workbook

    wb = english
    book = load_workbook(io.BytesIO(wb.workbook_bytes()))
    assert book.sheetnames == ["Customers", "Segments", "Retention targets", "Upsell targets", "Settings"]
    rows = list(book["Customers"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(wb.customers)
    col = {name: header.index(name) for name in header}
    for row, (cid, expected) in zip(body, wb.customers.iterrows()):
        assert str(row[0]) == str(cid)
        assert round(row[col["CLV"]], 2) == round(float(expected["clv"]), 2)
        assert round(row[col["CLV, low end of range"]], 2) == round(float(expected["clv_low"]), 2)
        assert round(row[col["Expected order value"]], 2) == round(float(expected["expected_spend"]), 2)
        assert row[col["Segment"]] == expected["segment"]
    upsell = ck.segments.upsell_targets(
        wb.customers.assign(
            frequency=wb.customers["purchases"] - 1,
            monetary_value=wb.summary["monetary_value"].reindex(wb.customers.index),
        )
    )
    upsell = upsell[upsell["p_alive"] >= 0.5]
    assert [str(r[0]) for r in list(book["Upsell targets"].iter_rows(values_only=True))[1:]] == [
        str(i) for i in upsell.index
    ]
    retention = list(book["Retention targets"].iter_rows(values_only=True))[1:]
    assert [str(r[0]) for r in retention] == [str(i) for i in wb.retention.index]
    # the win-back list, by its rule written out here: top 20% by CLV, P(alive) from 5% to 70%, by value at risk
    table = wb.customers
    top = table["clv"] >= table["clv"].quantile(0.8)
    chosen = table[top & (table["p_alive"] >= 0.05) & (table["p_alive"] <= 0.7)]
    at_risk = chosen["clv"] / chosen["p_alive"] * (1 - chosen["p_alive"])
    assert len(chosen) >= 3 and set(wb.retention.index) == set(chosen.index) and (wb.retention["p_alive"] >= 0.05).all()
    assert list(wb.retention.index) == list(at_risk.sort_values(ascending=False).index)
    segments = list(book["Segments"].iter_rows(values_only=True))[1:]
    assert sum(r[1] for r in segments) == len(wb.customers)
    assert round(sum(r[3] for r in segments), 2) == round(wb.headline["equity"], 2)
    settings = {r[0]: r[1] for r in book["Settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["File"] == "example_orders.csv"
    assert settings["Purchases read (rows after the loading rules)"] == len(wb.transactions)
    assert settings["Annual discount rate"] == 0.1 and settings["Margin (share of revenue)"] == 0.3
    assert settings["Currency"] == "USD" and settings["Horizon"] == "12 months"
    assert settings["BG/NBD parameter r"] == pytest.approx(float(wb.model.params_["r"]))
    assert "BG/NBD" in settings["Model"] and "3 months" in settings["Trust check"]
    frame = pd.read_csv(io.BytesIO(wb.csv_bytes()), encoding="utf-8-sig")
    assert frame["customer_id"].astype(str).tolist() == [str(i) for i in wb.customers.index]
    np.testing.assert_allclose(frame["clv"], wb.customers["clv"], rtol=1e-12)


def russian_file(path: Path) -> tuple[bytes, pd.DataFrame]:
    """A semicolon-separated cp1251 export with rouble amounts (decimal comma) and Russian headers."""
    rng = np.random.default_rng(7)
    rows = []
    start = pd.Timestamp("2023-01-01")
    end = pd.Timestamp("2024-06-30")
    for i in range(120):
        day = start + pd.Timedelta(days=int(rng.integers(0, 300)))
        leaves = day + pd.Timedelta(days=float(rng.exponential(400.0)))
        while day <= min(end, leaves):
            rows.append((f"Клиент №{i:03d}", day, round(float(rng.gamma(3.0, 900.0)), 2)))
            day = day + pd.Timedelta(days=1 + int(rng.exponential(45.0)))
    truth = pd.DataFrame(rows, columns=["customer", "date", "amount"])
    lines = ["Покупатель;Дата;Сумма"] + [
        f"{c};{d:%d.%m.%Y};" + f"{a:.2f}".replace(".", ",") for c, d, a in rows
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1251")
    path.write_bytes(data)
    return data, truth


def test_russian_cp1251_semicolon_file(tmp_path):
    data, truth = russian_file(tmp_path / "заказы.csv")
    with Workbench(lang="ru") as wb:
        assert wb.upload(data, "заказы.csv"), wb.error
        assert wb.preview.columns == ["Покупатель", "Дата", "Сумма"]
        assert wb.preview.guesses == {"customer": "Покупатель", "date": "Дата", "amount": "Сумма"}
        assert wb.preview.rows.iloc[0, 0].startswith("Клиент №")
        assert wb.compute(), wb.error
        assert wb.settings.currency == "RUB"
        assert wb.headline["customers"] == truth["customer"].nunique()
        assert wb.customers["total_amount"].sum() == pytest.approx(truth["amount"].sum(), abs=0.005)
        assert set(wb.customers.index) == set(truth["customer"])
        labels = dict(wb.headline_sentences())
        assert "Клиентов" in labels and labels["Период наблюдения"].startswith("0")
        equity = next(v for k, v in labels.items() if k.startswith("Ценность базы за 12 месяцев"))
        assert equity.endswith("₽")
        assert "Проверка модели" in wb.trust_sentence() or "не удалось" in wb.trust_sentence()
        assert wb.base_label().startswith("Ваши данные: заказы.csv, 120 клиентов")
        # this small synthetic base pushes BG/NBD's b to the edge of its range: its uncertainty is not
        # measured, so the package refuses ranges and the workbench shows values without them, saying why
        with pytest.raises(ck.ClvDataError, match="run off to infinity"):
            independent(tmp_path / "заказы.csv", "Покупатель", "Дата", "Сумма")
        _tx, _summary, values = independent(tmp_path / "заказы.csv", "Покупатель", "Дата", "Сумма", interval=None)
        np.testing.assert_allclose(wb.customers["clv"], values["clv"].reindex(wb.customers.index), rtol=1e-10)
        wb.fill_ranges()
        assert "clv_low" not in wb.customers.columns and "бесконечность" in wb.range_note
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(wb.workbook_bytes()))
        assert book.sheetnames == ["Клиенты", "Сегменты", "Удержание", "Апсейл", "Настройки"]
        settings = {r[0]: r[1] for r in book["Настройки"].iter_rows(min_row=2, values_only=True)}
        assert settings["Файл"] == "заказы.csv" and settings["Валюта"] == "RUB"
        assert settings["Горизонт"] == "12 месяцев"


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ("orders.csv", "binary", "CSV or Excel")),
        ("ru", ("orders.csv", "двоичные данные", "CSV или Excel")),
    ],
)
def test_broken_file_gives_one_sentence(lang, words):
    garbage = bytes(range(256)) * 20
    wb = Workbench(lang=lang)
    assert not wb.upload(garbage, "orders.csv")
    assert one_sentence(wb.error), wb.error
    for word in words:
        assert word in wb.error
    assert wb.preview is None and wb.path is None
    # Compute without a file says so, too.
    assert not wb.compute()
    assert one_sentence(wb.error) and ("upload" in wb.error if lang == "en" else "загрузите" in wb.error)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ("2 columns", "'a;b'", "separator")),
        ("ru", ("2 столбца", "'a;b'", "разделитель")),
    ],
)
def test_too_few_columns_and_too_big(lang, words):
    wb = Workbench(lang=lang, max_bytes=1000)
    assert not wb.upload(b"a;b,c\n1;2,3\n", "x.csv")
    assert one_sentence(wb.error) and all(w in wb.error for w in words), wb.error
    assert not wb.upload(b"x" * 2000, "big.csv")
    assert one_sentence(wb.error) and ("limit" in wb.error if lang == "en" else "не больше" in wb.error)
    assert not wb.upload(b"a,b,c\n", "notes.docx")
    assert one_sentence(wb.error) and "'.docx'" in wb.error


def test_loader_problem_is_shown_not_raised():
    wb = Workbench(lang="en")
    assert wb.upload(EXAMPLE.read_bytes(), "example_orders.csv")
    assert not wb.compute(customer_col="client", date_col="total", amount_col="order_date")
    assert one_sentence(wb.error) and "Traceback" not in wb.error
    assert not wb.compute(customer_col="client", date_col="client", amount_col="total")
    assert one_sentence(wb.error) and "three different columns" in wb.error
    assert wb.customers is None
    wb.close()


def test_upload_lives_in_a_temporary_folder_removed_at_close():
    wb = Workbench(lang="en")
    assert wb.upload(EXAMPLE.read_bytes(), "../../etc/example_orders.csv")
    path = wb.path
    assert path.name == "example_orders.csv" and path.read_bytes() == EXAMPLE.read_bytes()
    assert path.parent.name.startswith("clvkit-upload-")
    wb.close()
    assert not path.exists() and not path.parent.exists()


def test_refund_policy_reaches_the_loader(tmp_path):
    wb = Workbench(lang="en", settings=Settings(margin=1.0))
    assert wb.upload(EXAMPLE.read_bytes(), "example_orders.csv")
    assert wb.compute(on_negative="drop", on_duplicate="drop"), wb.error
    tx = ck.load_transactions(
        EXAMPLE,
        customer_col="client",
        date_col="order_date",
        amount_col="total",
        on_negative="drop",
        on_duplicate="drop",
    )
    assert wb.headline["rows"] == len(tx)
    assert wb.customers["total_amount"].sum() == pytest.approx(tx["amount"].sum())
    wb.close()


def test_view_carries_the_handles_and_downloads_what_the_engine_computed():
    import base64
    import re

    from openpyxl import load_workbook

    from clvkit.widgets.workbench import WorkbenchView

    view = WorkbenchView(lang="en")
    classes = {
        "clvkit-upload": view.upload,
        "clvkit-column-customer": view.columns["customer"],
        "clvkit-column-date": view.columns["date"],
        "clvkit-column-amount": view.columns["amount"],
        "clvkit-run": view.run,
        "clvkit-error": view.error,
        "clvkit-customers": view.customers,
        "clvkit-headline": view.headline,
        "clvkit-currency": view.currency,
        "clvkit-download": view.download,
    }
    for css, widget in classes.items():
        assert css in widget._dom_classes
    assert view.run.disabled
    assert view.load(EXAMPLE.read_bytes(), "example_orders.csv")
    assert (view.columns["customer"].value, view.columns["date"].value, view.columns["amount"].value) == (
        "client",
        "order_date",
        "total",
    )
    assert view.compute()
    e = view.engine
    assert "data-key='equity'" in view.headline.value and "$4," in view.headline.value
    first = e.customers.index[0]
    assert f"data-customer='{first}'" in view.customers.value
    href = re.search(
        r"class='clvkit-download-xlsx'[^>]*href='data:[^;]+;base64,([^']+)'", view.download.value
    )
    book = load_workbook(io.BytesIO(base64.b64decode(href.group(1))))
    assert book["Customers"].cell(2, 1).value == first
    # Margin typed in percent: 50 halves nothing else, 300 is refused in one sentence.
    before = e.customers["clv"].copy()
    view.margin.value = 60.0
    np.testing.assert_allclose(e.customers["clv"], 2 * before, rtol=1e-12)
    view.margin.value = 300.0
    assert "Margin, % of revenue" in view.error.value and "300" in view.error.value
    assert e.settings.margin == pytest.approx(0.6)
    view.currency.value = "EUR"
    assert "€" in view.headline.value and view.error.value == ""
    broken = WorkbenchView(lang="ru")
    assert not broken.load(b"\x00\x01\x02" * 100, "orders.xlsx")
    assert "Excel" in broken.error.value and broken.run.disabled


def test_strategy_tab_names_its_base(tmp_path):
    from clvkit.strategy import StrategySimulator
    from clvkit.workbench import sample_label, strategy_options

    assert sample_label("en").startswith("CDNOW sample: a US music retailer, 1997–98, 2,357 customers")
    assert sample_label("ru").startswith(
        "Пример CDNOW: американский музыкальный магазин, 1997–98 гг., 2\u202f357 клиентов"
    )
    data, _truth = russian_file(tmp_path / "x.csv")
    with Workbench(lang="ru") as wb:
        assert wb.upload(data, "заказы.csv") and wb.compute(), wb.error
        engine = wb.strategy_engine()
        assert isinstance(engine, StrategySimulator)
        assert engine.base_clv_.sum() == pytest.approx(wb.headline["equity"], rel=0.01)
        options = strategy_options(wb, engine, "ru")
        assert options["currency"] == "₽" and options["base_label"].startswith("Ваши данные: заказы.csv")
        assert options["cost_max"] >= float(np.mean(engine.spend))
        assert options["labels"]["margin_change"] == "Изменение маржи, п. п."
        assert "вся база" in options["labels"]["headline"]


def test_ranges_can_follow_the_values():
    wb = Workbench(lang="en")
    assert wb.upload(EXAMPLE.read_bytes(), "example_orders.csv")
    assert wb.compute(ranges=False, trust=False), wb.error
    assert wb.ranges_pending and "clv_low" not in wb.customers.columns
    assert wb.trust_pending and wb.trust_sentence() is None
    wb.fill_trust()
    assert not wb.trust_pending and "the last 3 months" in wb.trust_sentence()
    assert wb.rescore(horizon_months=6, ranges=False) and wb.ranges_pending
    assert wb.fill_ranges() and not wb.ranges_pending
    direct = ck.customer_lifetime_value(
        wb.model,
        wb.spend_model,
        wb.summary,
        horizon="6 months",
        annual_discount_rate=0.1,
        margin=0.3,
        interval=0.9,
    )
    np.testing.assert_allclose(
        wb.customers["clv_low"], direct["clv_low"].reindex(wb.customers.index), rtol=1e-10
    )
    np.testing.assert_allclose(wb.customers["clv"], direct["clv"].reindex(wb.customers.index), rtol=1e-10)
    wb.close()


def test_after_warming_a_new_horizon_needs_only_its_own_last_point(english):
    wb = english
    try:
        weeks = int(np.ceil(36 * 365.25 / 12 / 7))  # three years: 156.5 weeks, so 157 whole weeks
        missing = [t for t in range(1, weeks + 1) if wb._path_cache is None or float(t) not in wb._path_cache.columns]
        assert wb.warm_horizons(months=36) == len(missing) > 0
        cache = wb._path_cache
        assert all(float(t) in cache.columns for t in range(1, weeks + 1))  # every week of three years
        before = set(cache.columns)
        assert wb.rescore(horizon_months=17.5, annual_discount_rate=0.15, ranges=False), wb.error
        assert len(set(cache.columns) - before) == 1  # 17.5 months = 76.09 weeks: only that point is new
        direct = ck.customer_lifetime_value(wb.model, wb.spend_model, wb.summary, horizon="17.5 months",
                                            annual_discount_rate=0.15, margin=wb.settings.margin)
        np.testing.assert_allclose(wb.customers["clv"], direct["clv"].reindex(wb.customers.index), rtol=1e-12)
        assert wb.warm_horizons(months=36) == 0  # nothing left to do
    finally:
        assert wb.rescore(horizon_months=12, annual_discount_rate=0.1)
