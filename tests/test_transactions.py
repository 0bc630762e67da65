"""load_transactions: clean results, one clear sentence for every kind of bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import ClvDataError
from clvkit.data.transactions import DataQualityWarning


def raw(**overrides):
    data = {
        "customer_id": ["a", "a", "b", "c"],
        "date": ["2024-01-05", "2024-02-01", "2024-01-20", "2024-03-02"],
        "amount": [20.0, 35.5, 12.0, 8.25],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def test_clean_frame_becomes_a_typed_copy_in_source_order_or_sorted_on_request():
    source = raw(customer_id=["b", "a", "a", "c"], date=["2024-01-05", "2024-02-01", "2024-01-20", "2024-03-02"])
    before = source.copy(deep=True)
    tx = ck.load_transactions(source)
    assert list(tx.columns) == ["customer_id", "date", "amount"]
    assert tx["date"].dtype == "datetime64[ns]"
    assert tx["amount"].dtype == float
    assert list(tx["customer_id"]) == ["b", "a", "a", "c"]
    assert list(tx.index) == [0, 1, 2, 3]
    ordered = ck.load_transactions(source, sort=True)
    assert list(ordered["customer_id"]) == ["a", "a", "b", "c"]
    assert list(ordered["amount"]) == [12.0, 35.5, 20.0, 8.25]
    pd.testing.assert_frame_equal(source, before)


def test_custom_column_names_and_kept_columns():
    source = raw().rename(columns={"customer_id": "client", "date": "day", "amount": "total"})
    source["channel"] = ["web", "web", "shop", "app"]
    tx = ck.load_transactions(source, customer_col="client", date_col="day", amount_col="total", keep=["channel"])
    assert list(tx.columns) == ["customer_id", "date", "amount", "channel"]
    assert tx.loc[tx["customer_id"] == "b", "channel"].item() == "shop"


def test_missing_column_lists_existing_ones_and_suggests_close_match():
    source = raw().rename(columns={"amount": "amount_usd"})
    with pytest.raises(ClvDataError, match=r"no column 'amount'.*'amount_usd'.*did you mean 'amount_usd'"):
        ck.load_transactions(source)


def test_empty_table_is_refused():
    with pytest.raises(ClvDataError, match="has no rows"):
        ck.load_transactions(raw().iloc[0:0])


def test_unparseable_dates_name_rows_and_values():
    with pytest.raises(ClvDataError, match=r"Column 'date' has values that are not dates \(1 row; index 2: 'soon'\)"):
        ck.load_transactions(raw(date=["2024-01-05", "2024-02-01", "soon", "2024-03-02"]))


def test_ambiguous_day_month_order_is_refused_not_guessed():
    with pytest.raises(ClvDataError, match=r"ambiguous dates.*date_format"):
        ck.load_transactions(raw(date=["01/02/2024", "03/04/2024", "05/06/2024", "07/08/2024"]))


def test_dayfirst_resolves_ambiguity():
    tx = ck.load_transactions(raw(date=["01/02/2024", "03/04/2024", "05/06/2024", "07/08/2024"]), dayfirst=True)
    assert tx["date"].iloc[0] == pd.Timestamp("2024-02-01")


def test_unambiguous_day_first_dates_are_read():
    tx = ck.load_transactions(raw(date=["25.01.2024", "03.02.2024", "13.01.2024", "07.03.2024"]))
    assert tx["date"].min() == pd.Timestamp("2024-01-13")


def test_missing_customer_id_is_refused():
    with pytest.raises(ClvDataError, match=r"Column 'customer_id' has no customer id \(2 rows; index 1: .*, index 2: ' '\)"):
        ck.load_transactions(raw(customer_id=["a", None, " ", "c"]))


@pytest.mark.parametrize(
    "amounts, words",
    [
        (["20", "abc", "12", "8"], r"not amounts \(1 row; index 1: 'abc'\)"),
        ([20.0, np.nan, 12.0, 8.0], r"Column 'amount' is empty \(1 row; index 1: nan\)"),
        ([20.0, np.inf, 12.0, 8.0], r"infinite amounts \(1 row; index 1: inf\)"),
        (["$20.00", "20 ₽", "12", "8"], r"mixes currencies: USD \('\$'\), RUB \('₽'\)"),
    ],
)
def test_bad_amounts_are_refused_with_the_rows(amounts, words):
    with pytest.raises(ClvDataError, match=words):
        ck.load_transactions(raw(amount=amounts))


def test_currency_marks_are_read_away_and_refused_only_when_asked():
    tx = ck.load_transactions(raw(amount=["$20.00", "$3.50", "$12", "$8"]))
    assert tx["amount"].tolist() == [20.0, 3.5, 12.0, 8.0]
    with pytest.raises(ClvDataError, match=r"currency marks \(2 rows; index 0: '\$20.00', index 1: '\$3.50'\).*strip_currency=True"):
        ck.load_transactions(raw(amount=["$20.00", "$3.50", "12", "8"]), strip_currency=False)


def test_source_that_is_not_a_table_is_refused():
    with pytest.raises(ClvDataError, match="not a table"):
        ck.load_transactions([1, 2, 3])
    with pytest.raises(ClvDataError, match="must be a pandas DataFrame or a file path"):
        ck.load_transactions(42)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ClvDataError, match="No file at"):
        ck.load_transactions(tmp_path / "nope.csv")
    with pytest.raises(ClvDataError, match="is a folder"):
        ck.load_transactions(tmp_path)


def test_csv_with_semicolons_and_decimal_comma_is_detected(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id;date;amount\n1;05.01.2024;1 234,50\n1;20.02.2024;99,90\n2;13.01.2024;10,00\n",
                    encoding="utf-8")
    tx = ck.load_transactions(path)
    assert tx["amount"].tolist() == [1234.5, 99.9, 10.0]
    assert tx["date"].iloc[0] == pd.Timestamp("2024-01-05")


def test_csv_errors_name_file_lines(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,date,amount\n1,2024-01-05,10\n1,2024-01-06,ten\n", encoding="utf-8")
    with pytest.raises(ClvDataError, match=r"line 3: 'ten'"):
        ck.load_transactions(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ClvDataError, match="is empty"):
        ck.load_transactions(path)


def test_parquet_round_trip(tmp_path):
    path = tmp_path / "orders.parquet"
    ck.load_transactions(raw()).to_parquet(path)
    assert len(ck.load_transactions(path)) == 4


def test_excel_is_read_when_openpyxl_is_present(tmp_path):
    pytest.importorskip("openpyxl", reason="Excel support is optional")
    path = tmp_path / "orders.xlsx"
    raw().to_excel(path, index=False)
    assert ck.load_transactions(path)["amount"].sum() == pytest.approx(75.75)


def test_refunds_are_netted_against_the_order_they_follow():
    source = raw(customer_id=["a", "a", "a", "b"], date=["2024-01-05", "2024-01-09", "2024-02-01", "2024-01-20"],
                 amount=[20.0, -5.0, 35.5, 12.0])
    with pytest.warns(DataQualityWarning, match="Netted 1 refund against"):
        tx = ck.load_transactions(source)
    assert tx["amount"].tolist() == [15.0, 35.5, 12.0]


def test_refund_before_any_purchase_is_dropped_and_counted():
    source = raw(amount=[-20.0, 35.5, 12.0, 8.25])
    with pytest.warns(DataQualityWarning, match="dropped 1 refund with no earlier purchase"):
        tx = ck.load_transactions(source)
    assert len(tx) == 3


def test_refund_policy_drop_and_raise():
    source = raw(amount=[20.0, -5.0, 12.0, 8.25])
    with pytest.warns(DataQualityWarning, match="Dropped 1 refund \\(negative amounts, 5.00 in all"):
        assert len(ck.load_transactions(source, on_negative="drop")) == 3
    with pytest.raises(ClvDataError, match=r"negative amounts, refunds \(1 row; index 1: -5.0\)"):
        ck.load_transactions(source, on_negative="raise")


def test_zero_amount_policy():
    source = raw(amount=[20.0, 0.0, 12.0, 8.25])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ck.load_transactions(source)) == 4
    with pytest.warns(DataQualityWarning, match="Dropped 1 row with a zero amount"):
        assert len(ck.load_transactions(source, on_zero="drop")) == 3
    with pytest.raises(ClvDataError, match="zero amounts"):
        ck.load_transactions(source, on_zero="raise")


def test_exact_duplicates_are_counted_and_optionally_dropped():
    source = pd.concat([raw(), raw().iloc[[0]]], ignore_index=True)
    with pytest.warns(DataQualityWarning, match="1 row exactly repeating another row"):
        assert len(ck.load_transactions(source)) == 5
    with pytest.warns(DataQualityWarning, match="Dropped 1 row repeating"):
        assert len(ck.load_transactions(source, on_duplicate="drop")) == 4


def test_the_duplicate_scan_agrees_with_pandas_on_a_large_log_with_near_repeats():
    # rows that differ in one column only (a cent, a day, an id) sit beside exact repeats, in three kinds
    # of column as read: the scan must flag exactly the rows pandas' duplicated() flags
    from clvkit.data.transactions import _duplicates

    rng = np.random.default_rng(7)
    n = 300_000
    frame = pd.DataFrame({"customer_id": rng.integers(0, 40_000, n).astype(str),
                          "date": rng.integers(0, 400, n).astype("int64"),
                          "amount": rng.integers(100, 140, n) / 10})
    repeat = rng.choice(n, 20_000)
    into = rng.choice(n, 20_000)
    for name in frame:
        frame[name] = frame[name].to_numpy()  # a fresh column, then rows copied within it
        frame.loc[into, name] = frame[name].to_numpy()[repeat]
    assert (frame["date"].dtype, frame["amount"].dtype) == (np.dtype("int64"), np.dtype("float64"))
    expected = frame.duplicated(keep="first").to_numpy()
    import pyarrow as pa

    columns = [pa.chunked_array([frame["customer_id"].to_numpy()[:n // 2], frame["customer_id"].to_numpy()[n // 2:]]),
               frame["date"].to_numpy(), frame["amount"]]
    found = _duplicates(columns)
    assert expected.sum() > 15_000
    assert np.array_equal(found, expected)


def test_unknown_policy_names_the_choices():
    with pytest.raises(ClvDataError, match=r"on_negative must be one of 'net', 'drop', 'raise'; got 'ignore'"):
        ck.load_transactions(raw(), on_negative="ignore")


def test_timezone_aware_dates_become_naive():
    source = raw(date=pd.to_datetime(["2024-01-05", "2024-02-01", "2024-01-20", "2024-03-02"]).tz_localize("UTC"))
    assert ck.load_transactions(source)["date"].dt.tz is None


def test_cdnow_sample_loads_with_its_extra_columns(cdnow_transactions):
    assert cdnow_transactions.shape == (6919, 5)
    assert cdnow_transactions["customer_id"].nunique() == 2357
    assert cdnow_transactions["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow_transactions["date"].max() == pd.Timestamp("1998-06-30")


@pytest.mark.parametrize("sort", [False, True])
def test_the_duplicate_scan_finds_exactly_the_rows_pandas_finds(tmp_path, sort):
    # many exact repeats, near misses (same customer and day, other amount; same amount,
    # other customer) and a kept column that tells otherwise equal rows apart
    rng = np.random.default_rng(3)
    n = 20_000
    frame = pd.DataFrame({
        "customer_id": np.char.add("C", rng.integers(0, 300, n).astype(str)),
        "date": (np.datetime64("2024-01-01") + rng.integers(0, 20, n).astype("timedelta64[D]")).astype(str),
        "amount": rng.integers(1, 6, n) * 2.5,
        "channel": rng.choice(["web", "shop"], n),
    })
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    expected = frame.duplicated(["customer_id", "date", "amount", "channel"], keep="first")
    assert 0 < expected.sum() < n
    with pytest.warns(DataQualityWarning, match=f"Dropped {int(expected.sum()):,} rows repeating"):
        kept = ck.load_transactions(path, keep=["channel"], on_duplicate="drop", sort=sort)
    want = frame.loc[~expected].assign(date=lambda f: pd.to_datetime(f["date"]))
    if sort:
        want = want.sort_values(["customer_id", "date"], kind="stable")
    assert kept["customer_id"].tolist() == want["customer_id"].tolist()
    assert kept["amount"].tolist() == want["amount"].tolist()
    assert kept["channel"].tolist() == want["channel"].tolist()
    # the same from a DataFrame (another reading path, pandas columns instead of pyarrow text)
    with pytest.warns(DataQualityWarning, match=f"{int(expected.sum()):,} rows exactly repeating"):
        ck.load_transactions(frame, keep=["channel"], sort=sort)


def test_a_refund_exported_twice_is_credited_once_when_repeats_are_dropped():
    source = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
                           "date": ["2024-01-01", "2024-01-03", "2024-01-03", "2024-01-02"],
                           "amount": [100.0, -30.0, -30.0, 50.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        dropped = ck.load_transactions(source, on_duplicate="drop")
        kept = ck.load_transactions(source, on_duplicate="keep")
    assert dropped.set_index("customer_id")["amount"].to_dict() == {"a": 70.0, "b": 50.0}
    assert kept.set_index("customer_id")["amount"].to_dict() == {"a": 40.0, "b": 50.0}


def test_rows_that_share_a_hash_are_still_compared_exactly(monkeypatch):
    # the scan's hash only picks candidates: with a hash that is the same for every row,
    # every row is a candidate and the exact comparison alone decides
    import clvkit.data.transactions as module

    monkeypatch.setattr(module, "_column_hash", lambda column: np.zeros(len(column), dtype=np.uint64))
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"customer_id": rng.integers(0, 50, 3_000), "amount": rng.integers(1, 4, 3_000) * 1.0,
                          "date": np.datetime64("2024-01-01") + rng.integers(0, 10, 3_000).astype("timedelta64[D]")})
    expected = int(frame.duplicated().sum())
    with pytest.warns(DataQualityWarning, match=f"Dropped {expected:,} rows repeating"):
        assert len(ck.load_transactions(frame, on_duplicate="drop")) == len(frame) - expected
