"""Real exports: money, dates, ids and files as Russian and English tools write them.

One test per class of problem: the exact values read, or the error's type and words in
both languages.
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import clvkit as ck
from clvkit import ClvDataError, i18n
from clvkit.data._parse import Where, parse_amounts
from clvkit.data.transactions import DataQualityWarning


def frame(**columns):
    data = {"customer_id": ["a", "b"], "date": ["2024-01-05", "2024-01-06"], "amount": [1.0, 2.0]}
    data.update(columns)
    n = max(len(v) for v in data.values())
    return pd.DataFrame({k: (list(v) * n)[:n] if len(v) < n else list(v) for k, v in data.items()})


def refused(match_en: str, match_ru: str, call):
    """The call raises ClvDataError with these words in English and in Russian."""
    with pytest.raises(ClvDataError, match=match_en):
        call()
    with i18n.language("ru"), pytest.raises(ClvDataError, match=match_ru):
        call()


# --------------------------------------------------------------------------- amounts

@pytest.mark.parametrize(("written", "value"), [
    ("1 234,56 руб.", 1234.56), ("1\u00a0234,56\u00a0₽", 1234.56), ("1\u202f234,56 р.", 1234.56),
    ("$1,200.00", 1200.0), ("USD 1,200.50", 1200.5), ("1.234,50 €", 1234.5), ("EUR 99,90", 99.9),
    ("1'234.50", 1234.5), ("RUB 12", 12.0), ("12 руб", 12.0), ("€5", 5.0),
])
def test_money_in_every_common_style_reads_exactly(written, value):
    tx = ck.load_transactions(frame(amount=[written, written]), on_duplicate="keep")
    assert tx["amount"].tolist() == [value, value]


@pytest.mark.parametrize("written", ["-1 234,50 ₽", "−1 234,50 ₽", "(1 234,50 ₽)", "₽ -1 234,50", "-$1,234.50",
                                     "$-1,234.50", "($1,234.50)"])
def test_minus_signs_and_parentheses_are_refunds(written):
    source = frame(customer_id=["a", "a"], date=["2024-01-05", "2024-01-06"], amount=["2 000,00", written])
    if "$" in written:
        source["amount"] = ["$2,000.00", written]
    refused(r"negative amounts, refunds \(1 row; index 1: -1234.5\)", r"отрицательные суммы.*индекс 1: -1234.5",
            lambda: ck.load_transactions(source, on_negative="raise"))


def test_separators_are_decided_from_the_whole_column():
    # '1.234' alone is ambiguous; the '99,90' further down proves a decimal comma.
    tx = ck.load_transactions(frame(amount=["1.234", "2.500", "99,90"], customer_id=["a", "b", "c"],
                                    date=["2024-01-05"] * 3))
    assert tx["amount"].tolist() == [1234.0, 2500.0, 99.9]
    tx = ck.load_transactions(frame(amount=["$1,200", "$2,500", "$3.50"], customer_id=["a", "b", "c"],
                                    date=["2024-01-05"] * 3))
    assert tx["amount"].tolist() == [1200.0, 2500.0, 3.5]


def test_a_column_readable_two_ways_is_refused_with_both_readings():
    refused(r"'1.234' \(index 0\) is 1.234 with decimal='.'.* or 1234 with thousands='.'",
            r"'1.234' \(индекс 0\) — это 1.234 при decimal='.'.*1234 при thousands='.'",
            lambda: ck.load_transactions(frame(amount=["1.234", "2.500"])))
    refused(r"'1,200' \(index 0\) is 1.2 with decimal=','.* or 1200 with thousands=','",
            r"читается двояко: '1,200'",
            lambda: ck.load_transactions(frame(amount=["$1,200", "$2,500"])))
    tx = ck.load_transactions(frame(amount=["1.234", "2.500"]), thousands=".")
    assert tx["amount"].tolist() == [1234.0, 2500.0]
    tx = ck.load_transactions(frame(amount=["1.234", "2.500"]), decimal=".")
    assert tx["amount"].tolist() == [1.234, 2.5]


def test_plain_text_numbers_that_could_be_dot_thousands_are_refused_too(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,date,amount\na,2024-01-05,1.234\nb,2024-01-06,12.500\n", encoding="utf-8")
    refused(r"can be read two ways: '1.234' \(line 2\)", r"читается двояко: '1.234' \(строка 2\)",
            lambda: ck.load_transactions(path))


def test_a_column_mixing_decimal_marks_or_currencies_is_refused():
    refused(r"writes numbers two ways.*index 0: '1,234.50'.*index 1: '1.234,50'",
            r"записаны двумя способами.*индекс 0: '1,234.50'.*индекс 1: '1.234,50'",
            lambda: ck.load_transactions(frame(amount=["1,234.50", "1.234,50"])))
    refused(r"mixes currencies: USD \('\$'\), EUR \('€'\)", r"смешаны валюты: USD \('\$'\), EUR \('€'\)",
            lambda: ck.load_transactions(frame(amount=["$5", "€5"])))


def test_a_numeric_column_skips_the_text_clean_up():
    source = frame(amount=np.array([1234.5, 0.1]))
    assert ck.load_transactions(source)["amount"].tolist() == [1234.5, 0.1]


_SIGNS = {"": None, "₽": "after", "руб.": "after", "р.": "after", "RUB": "before", "$": "before", "USD": "before",
          "€": "before", "EUR": "after"}
_GROUPS = ["", " ", "\u00a0", "\u202f", ",", ".", "'"]


@st.composite
def money_columns(draw):
    cents = draw(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=6))
    group = draw(st.sampled_from(_GROUPS))
    decimal = draw(st.sampled_from([m for m in (".", ",") if m != group]))
    places = draw(st.sampled_from([0, 2]))
    currency = draw(st.sampled_from(list(_SIGNS)))
    spaced = draw(st.booleans())
    refund = draw(st.sampled_from(["-", "−", "()"]))
    values, texts = [], []
    for c in cents:
        amount = Decimal(c) / 100 if places else Decimal(c // 100)
        whole, _, frac = f"{abs(amount):.{places}f}".partition(".")
        digits = ""
        for i, ch in enumerate(reversed(whole)):
            if i and i % 3 == 0:
                digits = group + digits
            digits = ch + digits
        number = digits + (decimal + frac if places else "")
        gap = " " if spaced else ""
        if currency and _SIGNS[currency] == "before":
            number = f"{currency}{gap}{number}"
        elif currency:
            number = f"{number}{gap}{currency}"
        if amount < 0:
            number = f"({number})" if refund == "()" else refund + number
        texts.append(number)
        values.append(float(amount))
    return texts, values, group, decimal


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(money_columns())
def test_money_written_in_any_supported_style_reads_back_exactly_or_is_refused(column):
    texts, values, group, decimal = column
    assume(max(values) >= 0)  # refunds are dropped below; one purchase must remain
    source = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(texts))], "date": "2024-01-05",
                           "amount": texts})
    options = dict(on_negative="drop", on_zero="keep")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        try:
            tx = ck.load_transactions(source, **options)
        except ClvDataError as exc:
            # Refused only when the column really reads two ways: both explicit readings work and differ.
            assert "two ways" in str(exc)
            where = Where("index", source.index)
            readings = [parse_amounts(source["amount"], col="amount", where=where, decimal=mark, thousands=None,
                                      strip_currency=True).tolist() for mark in (".", ",")]
            assert readings[0] != readings[1] and values in readings
            return
    expected = sorted(v for v in values if v >= 0)
    assert sorted(tx["amount"].tolist()) == expected


# --------------------------------------------------------------------------- dates

def test_year_typos_are_refused_with_their_lines_instead_of_wrapping(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id;date;amount\n1;01.02.2924;10\n2;05.01.2024;10\n", encoding="utf-8")
    refused(r"outside the plausible range 1970-01-01 to 2100-12-31 \(1 row; line 2: '01.02.2924'\).*date_range=",
            r"вне правдоподобного диапазона от 1970-01-01 до 2100-12-31 \(1 строка; строка 2: '01.02.2924'\)",
            lambda: ck.load_transactions(path))
    refused(r"outside the plausible range.*'3024-01-05'", r"вне правдоподобного диапазона.*'3024-01-05'",
            lambda: ck.load_transactions(frame(date=["3024-01-05", "2024-01-05"])))
    iso = tmp_path / "iso.csv"  # ISO text of one width takes the byte-level path: refused there too
    iso.write_text("customer_id,date,amount\n1,2024-01-05,10\n2,3024-01-05,10\n", encoding="utf-8")
    refused(r"\(1 row; line 3: '3024-01-05'\)", r"\(1 строка; строка 3: '3024-01-05'\)",
            lambda: ck.load_transactions(iso))
    tx = ck.load_transactions(frame(date=["1965-03-01", "2024-01-05"]), date_range=("1900-01-01", "2100-12-31"))
    assert tx["date"].min() == pd.Timestamp("1965-03-01")


def test_a_datetime_column_beyond_nanoseconds_is_refused_not_wrapped():
    dates = np.array(["2924-01-05", "2024-01-05"], dtype="datetime64[s]")
    refused(r"outside the plausible range.*index 0", r"вне правдоподобного диапазона.*индекс 0",
            lambda: ck.load_transactions(frame(date=pd.Series(dates))))


def test_the_local_calendar_day_is_kept_on_every_path(tmp_path):
    local = pd.Timestamp("2024-01-05 01:30")
    as_text = ck.load_transactions(frame(date=["2024-01-05T01:30+03:00", "2024-01-05T01:30:00Z"]),
                                   on_duplicate="keep")
    assert as_text["date"].tolist() == [local, local]
    aware = pd.Series(pd.to_datetime(["2024-01-05 01:30"] * 2)).dt.tz_localize("Europe/Moscow")
    assert ck.load_transactions(frame(date=aware))["date"].tolist() == [local, local]
    mixed = [dt.datetime(2024, 1, 5, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))),
             dt.datetime(2024, 1, 5, 1, 30, tzinfo=dt.timezone.utc)]
    assert ck.load_transactions(frame(date=mixed))["date"].tolist() == [local, local]
    path = tmp_path / "dst.csv"  # the night clocks moved in central Europe, offsets +01:00 then +02:00
    path.write_text("customer_id,date,amount\n1,2024-03-30T23:30:00+01:00,1\n1,2024-03-31T23:30:00+02:00,2\n",
                    encoding="utf-8")
    assert ck.load_transactions(path)["date"].tolist() == [pd.Timestamp("2024-03-30 23:30"),
                                                            pd.Timestamp("2024-03-31 23:30")]


def test_excel_serial_dates_are_recognised_and_plain_numbers_named():
    tx = ck.load_transactions(frame(date=[45296, 45297.5]))
    assert tx["date"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-06 12:00")]
    assert ck.load_transactions(frame(date=["45296", "45297"]))["date"].iloc[0] == pd.Timestamp("2024-01-05")
    refused(r"plain numbers, not dates.*Excel serial day numbers.*25569 and 73415",
            r"просто числа, а не даты.*номера дней Excel.*25569 и 73415",
            lambda: ck.load_transactions(frame(date=[5, 7])))


def test_impossible_and_mixed_order_dates_are_refused():
    refused(r"dates that do not exist.*index 0: '31.02.2024'", r"несуществующие даты.*индекс 0: '31.02.2024'",
            lambda: ck.load_transactions(frame(date=["31.02.2024", "01.02.2024"])))
    refused(r"day first \(1 row; index 0: '13/01/2024'\) and month first \(1 row; index 1: '01/13/2024'\)",
            r"с днём впереди.*с месяцем впереди",
            lambda: ck.load_transactions(frame(date=["13/01/2024", "01/13/2024"])))
    refused(r"'01/02/2024' reads as 2024-02-01 day first and as 2024-01-02 month first.*dayfirst=True",
            r"'01/02/2024' читается как 2024-02-01.*и как 2024-01-02.*dayfirst=True",
            lambda: ck.load_transactions(frame(date=["01/02/2024", "03/04/2024"])))


@pytest.mark.parametrize(("written", "stamp"), [
    ("05.01.2024", "2024-01-05"), ("05.01.24", "2024-01-05"), ("2024/01/05", "2024-01-05"), ("20240105", "2024-01-05"),
    ("13/01/2024 14:05", "2024-01-13 14:05"), ("01/13/2024 2:05 PM", "2024-01-13 14:05"),
    ("2024-01-05 10:00:00.250", "2024-01-05 10:00:00.250"), ("05.01.2024 10:00:00", "2024-01-05 10:00"),
])
def test_dates_in_common_export_styles(written, stamp):
    assert ck.load_transactions(frame(date=[written]))["date"].iloc[0] == pd.Timestamp(stamp)


# --------------------------------------------------------------------------- ids

def test_float_ids_beyond_integers_stay_distinct_as_text_with_a_warning():
    source = pd.DataFrame({"customer_id": [1e19, 2e19, 3e19], "date": "2024-01-05", "amount": [1.0, 2.0, 3.0]})
    with pytest.warns(DataQualityWarning, match=r"holds 3 ids above 2\*\*53"):
        tx = ck.load_transactions(source)
    assert tx["customer_id"].tolist() == ["10000000000000000000", "20000000000000000000", "30000000000000000000"]
    with i18n.language("ru"), pytest.warns(DataQualityWarning, match=r"больше 2\*\*53.*3 идентификатора"):
        ck.load_transactions(source)


def test_whole_float_ids_become_exact_integers_and_text_ids_keep_leading_zeros(tmp_path):
    tx = ck.load_transactions(frame(customer_id=[17.0, 2.0**53 - 1]))
    assert tx["customer_id"].tolist() == [17, 2**53 - 1]
    path = tmp_path / "ids.csv"
    path.write_text("customer_id,date,amount\n007,2024-01-05,1\n7,2024-01-05,1\n0007 ,2024-01-06,1\n",
                    encoding="utf-8")
    assert sorted(ck.load_transactions(path)["customer_id"].tolist()) == ["0007", "007", "7"]


def test_ids_of_mixed_kinds_are_one_text_id_each():
    tx = ck.load_transactions(frame(customer_id=[123, "123", "A-5"], date=["2024-01-05", "2024-01-06", "2024-01-05"]))
    assert tx["customer_id"].tolist() == ["123", "123", "A-5"]


# --------------------------------------------------------------------------- files

def test_a_cp1251_file_whose_cyrillic_starts_late_is_decoded(tmp_path):
    lines = ["customer_id;date;amount"] + [f"{i};05.01.2024;{i},50" for i in range(8000)] + ["Иван;06.01.2024;10,00"]
    path = tmp_path / "orders.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    assert path.stat().st_size > 65536
    tx = ck.load_transactions(path)
    assert tx.loc[tx["customer_id"] == "Иван", "amount"].item() == 10.0


def test_excel_unicode_text_utf16_with_tabs_is_read(tmp_path):
    path = tmp_path / "orders.txt"
    path.write_bytes("Клиент\tДата\tСумма\nАнна\t05.01.2024\t1 234,50\nБорис\t06.01.2024\t99,00\n".encode("utf-16"))
    tx = ck.load_transactions(path, customer_col="Клиент", date_col="Дата", amount_col="Сумма")
    assert tx["customer_id"].tolist() == ["Анна", "Борис"] and tx["amount"].tolist() == [1234.5, 99.0]


def test_a_wrong_encoding_is_named_with_the_one_to_pass(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes("customer_id,date,amount\nИван,2024-01-05,1\n".encode("cp1251"))
    refused(r"cannot be read as encoding='utf-8' \(line 2\); it reads as 'cp1251': pass encoding='cp1251'",
            r"не читается в кодировке encoding='utf-8' \(строка 2\).*encoding='cp1251'",
            lambda: ck.load_transactions(path, encoding="utf-8"))


def test_the_delimiter_comes_from_many_lines_not_a_comma_in_the_header(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("Клиент;Дата;Сумма, руб.\n1;05.01.2024;1 234,56\n2;06.01.2024;100\n", encoding="utf-8-sig")
    tx = ck.load_transactions(path, customer_col="Клиент", date_col="Дата", amount_col="Сумма, руб.")
    assert tx["amount"].tolist() == [1234.56, 100.0]


def test_a_title_block_above_the_header_is_skipped_or_named_in_the_error(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("Отчёт по продажам;;\nза январь 2024;;\n;;\nКлиент;Дата;Сумма\n1;05.01.2024;10\n2;06.01.2024;20\n",
                    encoding="cp1251")
    names = dict(customer_col="Клиент", date_col="Дата", amount_col="Сумма")
    assert ck.load_transactions(path, **names)["amount"].tolist() == [10.0, 20.0]
    assert ck.load_transactions(path, header_row=4, **names)["amount"].tolist() == [10.0, 20.0]
    refused(r"no column 'customer_id'.*pass header_row= with the line number",
            r"Не найден столбец 'customer_id'.*передайте header_row= с номером строки",
            lambda: ck.load_transactions(path))


def test_an_excel_report_with_a_title_block_blank_rows_and_mixed_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Отчёт по продажам"], [], ["Клиент", "Дата", "Сумма"], ["001", dt.datetime(2024, 1, 5), 10.5], [],
                ["002", "06.01.2024", "1 234,50"], [3, 45297, 7]):
        sheet.append(row)
    path = tmp_path / "report.xlsx"
    book.save(path)
    names = dict(customer_col="Клиент", date_col="Дата", amount_col="Сумма")
    tx = ck.load_transactions(path, **names)
    assert tx["customer_id"].tolist() == ["001", "002", "3"]
    assert tx["amount"].tolist() == [10.5, 1234.5, 7.0]
    assert tx["date"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-06"), pd.Timestamp("2024-01-06")]
    sheet.append(["x", "soon", 1])
    book.save(path)
    refused(r"not dates \(1 row; row 8: 'soon'\)", r"не являются датами \(1 строка; строка 8: 'soon'\)",
            lambda: ck.load_transactions(path, **names))


def test_duplicated_column_names_are_named(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,date,amount,amount\n1,2024-01-05,1,2\n", encoding="utf-8")
    refused(r"column names 'amount' appear more than once", r"Названия столбцов 'amount' встречаются",
            lambda: ck.load_transactions(path))
    source = pd.DataFrame([["a", "2024-01-05", 1.0, 2.0]], columns=["customer_id", "date", "amount", "amount"])
    refused(r"'amount' appear more than once", r"'amount' встречаются", lambda: ck.load_transactions(source))


def test_error_lines_are_the_files_own_after_quoted_multi_line_fields_and_blank_lines(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text('customer_id,date,amount,note\n1,2024-01-05,10,"two\nlines"\n\n2,2024-01-06,ten,x\n',
                    encoding="utf-8")
    refused(r"not amounts \(1 row; line 5: 'ten'\)", r"не являются суммами \(1 строка; строка 5: 'ten'\)",
            lambda: ck.load_transactions(path, keep=["note"]))


def test_rows_of_the_wrong_width_name_their_line(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,date,amount\n1,2024-01-05,1\n2,2024-01-06,1,5\n", encoding="utf-8")
    refused(r"line 3 has 4 fields where the header has 3", r"в строке 3 полей 4, а в заголовке 3",
            lambda: ck.load_transactions(path))


def test_a_large_csv_read_equals_the_same_log_from_a_dataframe(tmp_path):
    rng = np.random.default_rng(3)
    n = 20_000
    source = pd.DataFrame({"customer_id": [f"C{i:05d}" for i in rng.integers(0, 2000, n)],
                           "date": (pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, n), "D"))
                           .strftime("%Y-%m-%d"),
                           "amount": rng.gamma(2.0, 20.0, n).round(2)})
    source = pd.concat([source, source.iloc[[5, 17, 17]]], ignore_index=True)  # three exact repeats
    path = tmp_path / "orders.csv"
    source.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        from_file = ck.load_transactions(path)
        from_frame = ck.load_transactions(source)
    assert from_file["customer_id"].tolist() == from_frame["customer_id"].tolist()
    np.testing.assert_array_equal(from_file["date"].to_numpy(), from_frame["date"].to_numpy())
    np.testing.assert_array_equal(from_file["amount"].to_numpy(), from_frame["amount"].to_numpy())
    assert from_file["amount"].tolist() == source["amount"].tolist()  # the source's order is kept
    expected = source.assign(date=pd.to_datetime(source["date"])).sort_values(["customer_id", "date"], kind="stable")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ordered = ck.load_transactions(path, sort=True)
    assert ordered["customer_id"].tolist() == expected["customer_id"].tolist()
    assert ordered["amount"].tolist() == expected["amount"].tolist()
    with pytest.warns(DataQualityWarning, match="3 rows exactly repeating another row"):
        ck.load_transactions(path)
    with pytest.warns(DataQualityWarning, match="Dropped 3 rows that repeat"):
        assert len(ck.load_transactions(path, on_duplicate="drop")) == n
