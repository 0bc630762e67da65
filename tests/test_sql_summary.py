"""The out-of-memory path: DuckDB and Spark SQL (local mode; required when CI=true) equal the pandas path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import ClvDataError
from clvkit.data import finish_summary, summarize_duckdb, summary_sql

duckdb = pytest.importorskip("duckdb", reason="DuckDB is part of the test extra")


@pytest.fixture(scope="module")
def cdnow_files(tmp_path_factory, cdnow_transactions):
    folder = tmp_path_factory.mktemp("logs")
    tx = cdnow_transactions[["customer_id", "date", "amount"]]
    half = len(tx) // 2
    tx.iloc[:half].to_parquet(folder / "part-1.parquet", index=False)
    tx.iloc[half:].to_parquet(folder / "part-2.parquet", index=False)
    csv = folder / "all.csv"
    tx.assign(date=tx["date"].dt.strftime("%Y-%m-%d")).to_csv(csv, index=False)
    return folder


def assert_same_summary(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert a.index.equals(b.index)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9, check_index_type=False)
    assert a.attrs["time_unit"] == b.attrs["time_unit"]
    assert a.attrs["observation_end"] == b.attrs["observation_end"]


@pytest.mark.parametrize("grain", ["D", "W", "M", "exact"])
def test_parquet_glob_summary_equals_the_in_memory_summary(cdnow_files, cdnow_transactions, grain):
    memory = ck.summarize(cdnow_transactions, observation_end="1997-09-30", purchase_grain=grain)
    sql = ck.summarize(str(cdnow_files / "part-*.parquet"), observation_end="1997-09-30", purchase_grain=grain)
    assert_same_summary(sql, memory)
    assert sql.attrs["source"].endswith("part-*.parquet")


def test_csv_file_and_relation_give_the_same_summary(cdnow_files, cdnow_transactions):
    # ids read from CSV stay text on both paths (leading zeros in ids matter)
    csv = cdnow_files / "all.csv"
    from_csv = summarize_duckdb(csv, observation_end="1997-09-30", time_unit="D")
    assert_same_summary(from_csv, ck.summarize(ck.load_transactions(csv, on_duplicate="keep"),
                                               observation_end="1997-09-30", time_unit="D"))
    memory = ck.summarize(cdnow_transactions, observation_end="1997-09-30", time_unit="D")
    con = duckdb.connect()
    relation = con.read_parquet(str(cdnow_files / "part-*.parquet"))
    assert_same_summary(ck.summarize(relation, observation_end="1997-09-30", time_unit="D"), memory)


def test_calibration_holdout_split_in_duckdb_equals_pandas(cdnow_files, cdnow_split):
    cal, hold = ck.split_calibration_holdout(str(cdnow_files / "part-*.parquet"), calibration_end="1997-09-30",
                                             observation_end="1998-06-30")
    assert_same_summary(cal, cdnow_split[0])
    pd.testing.assert_frame_equal(hold, cdnow_split[1], check_exact=False, rtol=1e-12, check_index_type=False)


def test_sql_path_raises_the_same_errors(tmp_path):
    def write(frame):
        path = tmp_path / "bad.parquet"
        frame.to_parquet(path, index=False)
        return path

    good = {"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-01-02"], "amount": ["1.0", "2.0"]}
    with pytest.raises(ClvDataError, match=r"has no column 'amount'.*did you mean 'amt'"):
        summarize_duckdb(write(pd.DataFrame(good).rename(columns={"amount": "amt"})))
    with pytest.raises(ClvDataError, match=r"Column 'customer_id' has no customer id \(1 row, first values: None\)"):
        summarize_duckdb(write(pd.DataFrame({**good, "customer_id": ["a", None]})))
    with pytest.raises(ClvDataError, match=r"Column 'date' has values that are not dates \(1 row, first values: 'soon'\)"):
        summarize_duckdb(write(pd.DataFrame({**good, "date": ["2024-01-01", "soon"]})))
    with pytest.raises(ClvDataError, match=r"Column 'amount' has values that are not finite numbers \(1 row, first values: 'ten'\)"):
        summarize_duckdb(write(pd.DataFrame({**good, "amount": ["1.0", "ten"]})))
    with pytest.raises(ClvDataError, match=r"negative amounts, refunds \(1 row, first values: '-2.0'\)"):
        summarize_duckdb(write(pd.DataFrame({**good, "amount": ["1.0", "-2.0"]})))
    with pytest.raises(ClvDataError, match="No file matches"):
        summarize_duckdb(tmp_path / "missing-*.parquet")


def test_refunds_can_be_left_out_in_sql(tmp_path):
    frame = pd.DataFrame({"customer_id": ["a", "a", "a"], "date": ["2024-01-01", "2024-01-08", "2024-01-15"],
                          "amount": [10.0, -4.0, 6.0]})
    path = tmp_path / "r.parquet"
    frame.to_parquet(path, index=False)
    s = summarize_duckdb(path, on_negative="drop", observation_end="2024-01-29")
    assert s.loc["a", "frequency"] == 1 and s.loc["a", "monetary_value"] == pytest.approx(6.0)


def test_summary_sql_is_the_portable_text_finish_summary_expects(cdnow_transactions):
    con = duckdb.connect()
    con.register("orders", cdnow_transactions[["customer_id", "date", "amount"]])
    stats = con.sql(summary_sql("orders", observation_end="1997-09-30")).df()
    s = finish_summary(stats, observation_end="1997-09-30")
    assert len(s) == 2357 and int(s["frequency"].sum()) == 2457
    sql = summary_sql("orders", observation_end="1997-09-30")
    for dialect_specific in ("datediff", "epoch(", "::", "QUALIFY", "date_diff"):
        assert dialect_specific.lower() not in sql.lower()


def test_missing_duckdb_gives_an_install_hint(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_duckdb(name, *args, **kwargs):
        if name == "duckdb":
            raise ImportError("no duckdb")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_duckdb)
    with pytest.raises(ClvDataError, match=r'pip install "clvkit-course\[scale\]"'):
        summarize_duckdb(tmp_path / "x.parquet")


@pytest.mark.spark
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
def test_summary_sql_runs_on_spark_local_mode(spark, cdnow_transactions, cdnow_summary):
    frame = cdnow_transactions[["customer_id", "date", "amount"]].copy()
    spark.createDataFrame(frame).createOrReplaceTempView("orders")
    try:
        stats = spark.sql(summary_sql("orders", observation_end="1997-09-30")).toPandas()
    finally:
        spark.catalog.dropTempView("orders")
    s = finish_summary(stats, observation_end="1997-09-30")
    np.testing.assert_allclose(s[["frequency", "recency", "T", "monetary_value"]].to_numpy(),
                               cdnow_summary[["frequency", "recency", "T", "monetary_value"]].to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("grain", ["D", "W", "M"])
def test_the_sql_holdout_duration_is_measured_like_T(tmp_path, grain):
    frame = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2015-01-01", "2015-02-06"], "amount": [1.0, 2.0]})
    path = tmp_path / "tx.parquet"
    frame.to_parquet(path, index=False)
    kw = dict(calibration_end="2015-02-01", observation_end="2015-02-07", purchase_grain=grain)
    cal, hold = ck.split_calibration_holdout(str(path), **kw)
    mem_cal, mem_hold = ck.split_calibration_holdout(ck.load_transactions(frame), **kw)
    full = ck.summarize(ck.load_transactions(frame), observation_end="2015-02-07", purchase_grain=grain)
    assert cal["T"].iloc[0] + hold["duration_holdout"].iloc[0] == pytest.approx(full["T"].iloc[0], rel=1e-12)
    pd.testing.assert_frame_equal(hold, mem_hold)
