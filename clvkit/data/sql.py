"""Summaries of logs larger than memory: SQL that runs in DuckDB (embedded) or on Spark.

Fitting needs one row per customer, so only the summary has to scale. The SQL from
:func:`summary_sql` reduces a transaction table to per-customer sufficient statistics
(first and last occasion, number of occasions, amounts) in a plain dialect that
DuckDB and Spark SQL both run; :func:`finish_summary` turns that small result into
the same summary :func:`clvkit.summarize` makes in memory (date arithmetic is done
there, because DuckDB and Spark spell date differences differently).

DuckDB is optional (``pip install "clvkit-course[scale]"``). On Spark::

    sql = clvkit.data.summary_sql("orders", observation_end="2024-06-30")
    stats = spark.sql(sql).toPandas()            # one row per customer
    s = clvkit.data.finish_summary(stats, observation_end="2024-06-30")
"""

from __future__ import annotations

import glob as _glob
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ..units import check_time_unit
from ._frame import check_choice, check_holdout_order, end_key, holdout_frame, missing_columns_message, unit_ns

__all__ = ["summary_sql", "holdout_sql", "finish_summary", "summarize_duckdb", "split_calibration_holdout_duckdb",
           "is_table_source"]

_GRAIN_SQL = {
    "D": "CAST({col} AS DATE)",
    "W": "CAST(date_trunc('week', {col}) AS DATE)",
    "M": "CAST(date_trunc('month', {col}) AS DATE)",
    "exact": "CAST({col} AS TIMESTAMP)",
}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _quote(name: str) -> str:
    """Quote a column name for both dialects (backticks are Spark's, double quotes DuckDB's)."""
    if _IDENT.match(name):
        return name
    raise ClvDataError(text("data.sql_column_name", name=repr(name)))


def _date_literal(value, name: str) -> str:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        ts = pd.NaT
    if pd.isna(ts):
        raise ClvDataError(text("data.end_not_a_date", name=name, value=repr(value)))
    return ts.strftime("%Y-%m-%d")


def summary_sql(
    table: str,
    *,
    observation_end,
    purchase_grain: str = "D",
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
) -> str:
    """SQL reducing a transaction table to per-customer statistics (DuckDB and Spark SQL).

    Parameters
    ----------
    table : str
        Table or view name (or, in DuckDB, a quoted file reference such as
        ``read_parquet('logs/*.parquet')``).
    observation_end : date-like
        Last day observed (inclusive); later purchases are left out.
    purchase_grain : {"D", "W", "M", "exact"}
        Purchases in the same day (ISO week, month; or timestamp) are one occasion.
    customer_col, date_col, amount_col : str
        Column names in `table`.

    Returns
    -------
    str
        A query returning customer_id, first_occasion, last_occasion, n_occasions,
        n_transactions, total_amount and first_amount, one row per customer. Feed its
        result to :func:`finish_summary`.

    Examples
    --------
    >>> print(summary_sql("orders", observation_end="1997-09-30").splitlines()[0])
    WITH tx AS (
    """
    check_choice("purchase_grain", purchase_grain, tuple(_GRAIN_SQL))
    end = _date_literal(observation_end, "observation_end")
    c, d, a = _quote(customer_col), _quote(date_col), _quote(amount_col)
    occasion = _GRAIN_SQL[purchase_grain].format(col="ts")
    # Rows up to the end of the observation day; the occasion is the grain period's start.
    return f"""WITH tx AS (
    SELECT {c} AS customer_id, CAST({d} AS TIMESTAMP) AS ts, CAST({a} AS DOUBLE) AS amount
    FROM {table}
    WHERE CAST({d} AS TIMESTAMP) < CAST(DATE '{end}' + INTERVAL 1 DAY AS TIMESTAMP)
),
occasions AS (
    SELECT customer_id, {occasion} AS occasion, SUM(amount) AS amount, COUNT(*) AS n_rows
    FROM tx
    GROUP BY customer_id, {occasion}
),
ranked AS (
    SELECT customer_id, occasion, amount, n_rows,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY occasion) AS k
    FROM occasions
)
SELECT customer_id,
       MIN(occasion) AS first_occasion,
       MAX(occasion) AS last_occasion,
       COUNT(*) AS n_occasions,
       SUM(n_rows) AS n_transactions,
       SUM(amount) AS total_amount,
       SUM(CASE WHEN k = 1 THEN amount ELSE 0 END) AS first_amount
FROM ranked
GROUP BY customer_id"""


def holdout_sql(
    table: str,
    *,
    calibration_end,
    observation_end,
    purchase_grain: str = "D",
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
) -> str:
    """SQL counting holdout occasions and their value per customer (DuckDB and Spark SQL).

    Returns customer_id, n_occasions_holdout and amount_holdout for customers whose
    first purchase is on or before `calibration_end` and who bought after it.
    """
    check_choice("purchase_grain", purchase_grain, tuple(_GRAIN_SQL))
    cal = _date_literal(calibration_end, "calibration_end")
    end = _date_literal(observation_end, "observation_end")
    c, d, a = _quote(customer_col), _quote(date_col), _quote(amount_col)
    occasion = _GRAIN_SQL[purchase_grain].format(col="ts")
    cal_next = f"CAST(DATE '{cal}' + INTERVAL 1 DAY AS TIMESTAMP)"
    end_next = f"CAST(DATE '{end}' + INTERVAL 1 DAY AS TIMESTAMP)"
    return f"""WITH tx AS (
    SELECT {c} AS customer_id, CAST({d} AS TIMESTAMP) AS ts, CAST({a} AS DOUBLE) AS amount
    FROM {table}
    WHERE CAST({d} AS TIMESTAMP) < {end_next}
),
known AS (
    SELECT customer_id FROM tx GROUP BY customer_id HAVING MIN(ts) < {cal_next}
),
occasions AS (
    SELECT tx.customer_id, {occasion} AS occasion, SUM(tx.amount) AS amount
    FROM tx JOIN known ON tx.customer_id = known.customer_id
    WHERE tx.ts >= {cal_next}
    GROUP BY tx.customer_id, {occasion}
)
SELECT customer_id, COUNT(*) AS n_occasions_holdout, SUM(amount) AS amount_holdout
FROM occasions
GROUP BY customer_id"""


def finish_summary(
    stats: pd.DataFrame,
    *,
    observation_end,
    time_unit: str = "W",
    purchase_grain: str = "D",
) -> pd.DataFrame:
    """Turn the per-customer statistics of :func:`summary_sql` into a clvkit summary.

    The result equals :func:`clvkit.summarize` on the same log (index customer_id,
    frequency, recency, T, monetary_value, first_purchase, n_transactions,
    total_amount; units recorded in ``attrs``).
    """
    unit_name = check_time_unit(time_unit)
    needed = ["customer_id", "first_occasion", "last_occasion", "n_occasions", "n_transactions",
              "total_amount", "first_amount"]
    missing = [n for n in needed if n not in stats.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(stats.columns), text("data.what_sql_result")))
    stats = stats.sort_values("customer_id", kind="stable")
    first = pd.to_datetime(stats["first_occasion"]).to_numpy(dtype="datetime64[ns]")
    last = pd.to_datetime(stats["last_occasion"]).to_numpy(dtype="datetime64[ns]")
    given = pd.Timestamp(_date_literal(observation_end, "observation_end"))
    end_ns = end_key(given, purchase_grain)  # the same clock as the in-memory path
    unit = unit_ns(unit_name)
    frequency = stats["n_occasions"].to_numpy(dtype=np.int64) - 1
    total = stats["total_amount"].to_numpy(dtype=float)
    repeat = total - stats["first_amount"].to_numpy(dtype=float)
    summary = pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last - first).astype(np.int64) / unit,
            "T": (end_ns - first.astype(np.int64)) / unit,
            "monetary_value": np.where(frequency > 0, repeat / np.maximum(frequency, 1), 0.0),
            "first_purchase": pd.to_datetime(first),
            "n_transactions": stats["n_transactions"].to_numpy(dtype=np.int64),
            "total_amount": total,
        },
        index=pd.Index(stats["customer_id"].to_numpy(), name="customer_id"),
    )
    summary.attrs = {"time_unit": unit_name, "purchase_grain": purchase_grain, "observation_end": str(given.date())}
    return summary


# ---------------------------------------------------------------------- DuckDB
def is_table_source(source) -> bool:
    """True for what the DuckDB path reads: file paths or globs, and DuckDB relations."""
    if isinstance(source, (str, os.PathLike)):
        return True
    return type(source).__module__.startswith("duckdb") or type(source).__name__ == "DuckDBPyRelation"


def _duckdb():
    try:
        import duckdb
    except ImportError:
        raise ClvDataError(text("data.needs_duckdb")) from None
    return duckdb


class _Executor:
    """Runs queries against the view clvkit_tx: our own connection for files, the relation's for relations."""

    def __init__(self, source, memory_limit: str | None, threads: int | None) -> None:
        duckdb = _duckdb()
        self.relation = None
        self.con = None
        if isinstance(source, (str, os.PathLike)):
            self.con = duckdb.connect(":memory:")
            if memory_limit:
                self.con.execute(f"SET memory_limit = '{memory_limit}'")
            if threads:
                self.con.execute(f"SET threads = {int(threads)}")
            self.con.execute("SET preserve_insertion_order = false")
            self.con.execute(f"CREATE VIEW clvkit_tx AS SELECT * FROM {_reader(source)}")
            self.columns = [row[0] for row in self.con.execute("DESCRIBE SELECT * FROM clvkit_tx").fetchall()]
        elif hasattr(source, "query") and hasattr(source, "columns"):
            self.relation = source
            self.columns = list(source.columns)
        else:
            raise ClvDataError(text("data.sql_source", got=type(source).__name__))

    def run(self, sql: str):
        if self.con is not None:
            return self.con.sql(sql)
        return self.relation.query("clvkit_tx", sql)

    def scalar(self, sql: str):
        return self.run(sql).fetchall()[0][0]

    def close(self) -> None:
        if self.con is not None:
            self.con.close()


def _reader(source) -> str:
    name = str(source)
    matches = sorted(_glob.glob(name)) if any(ch in name for ch in "*?[") else [name]
    if not matches or not all(Path(m).is_file() for m in matches):
        raise ClvDataError(text("data.no_file_matches", path=repr(name), cwd=repr(os.getcwd())))
    suffixes = {Path(m).suffix.lower() for m in matches}
    files = "[" + ", ".join("'" + m.replace("'", "''") + "'" for m in matches) + "]"
    if suffixes <= {".parquet", ".pq"}:
        return f"read_parquet({files})"
    if suffixes <= {".csv", ".txt", ".tsv", ".gz"}:
        return f"read_csv({files}, header = true, all_varchar = true)"
    raise ClvDataError(text("data.sql_file_kinds", path=repr(name), kinds=", ".join(sorted(suffixes))))


def _validate_sql(ex: _Executor, *, customer_col: str, date_col: str, amount_col: str, on_negative: str):
    """The checks load_transactions makes, in one scan; raise the same ClvDataError sentences.

    Returns the last purchase day, which the same scan finds.
    """
    missing = [c for c in (customer_col, date_col, amount_col) if c not in ex.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, ex.columns, text("data.what_table")))
    c, d, a = _quote(customer_col), _quote(date_col), _quote(amount_col)
    conditions = {
        "id": f"{c} IS NULL OR TRIM(CAST({c} AS VARCHAR)) = ''",
        "date": f"TRY_CAST({d} AS TIMESTAMP) IS NULL",
        "amount": f"TRY_CAST({a} AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST({a} AS DOUBLE))",
        "negative": f"TRY_CAST({a} AS DOUBLE) < 0",
    }
    counts = ", ".join(f"COUNT(*) FILTER (WHERE {cond}) AS {name}" for name, cond in conditions.items())
    row = ex.run(f"SELECT COUNT(*) AS n, {counts}, CAST(MAX(TRY_CAST({d} AS TIMESTAMP)) AS DATE) AS last_day "
                 f"FROM clvkit_tx").fetchall()[0]
    n, found, last_day = row[0], dict(zip(conditions, row[1:-1])), row[-1]
    if n == 0:
        raise ClvDataError(text("data.no_rows", what=text("data.what_table")))

    def where(name: str, column: str) -> str:
        rows = ex.run(f"SELECT CAST({column} AS VARCHAR) FROM clvkit_tx WHERE {conditions[name]} LIMIT 3").fetchall()
        return text("data.sql_rows", n=found[name], shown=", ".join(repr(r[0]) for r in rows))

    if found["id"]:
        raise ClvDataError(text("data.missing_id", col=repr(customer_col), rows=where("id", c)))
    if found["date"]:
        raise ClvDataError(text("data.sql_bad_dates", col=repr(date_col), rows=where("date", d)))
    if found["amount"]:
        raise ClvDataError(text("data.sql_bad_amounts", col=repr(amount_col), rows=where("amount", a)))
    if found["negative"] and on_negative == "raise":
        raise ClvDataError(text("data.sql_refunds", col=repr(amount_col), rows=where("negative", a)))
    return last_day


def _prepared(source, *, customer_col, date_col, amount_col, on_negative, memory_limit, threads):
    check_choice("on_negative", on_negative, ("raise", "drop"))
    ex = _Executor(source, memory_limit, threads)
    try:
        last_day = _validate_sql(ex, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                 on_negative=on_negative)
    except Exception:
        ex.close()
        raise
    table = "clvkit_tx"
    if on_negative == "drop":
        table = f"(SELECT * FROM clvkit_tx WHERE CAST({_quote(amount_col)} AS DOUBLE) >= 0) AS clean"
    return ex, table, last_day


def summarize_duckdb(
    source,
    *,
    observation_end=None,
    time_unit: str = "W",
    purchase_grain: str = "D",
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    on_negative: str = "raise",
    memory_limit: str | None = "1GB",
    threads: int | None = None,
) -> pd.DataFrame:
    """:func:`clvkit.summarize` computed inside DuckDB, without loading the log into pandas.

    Parameters
    ----------
    source : str, path or DuckDB relation
        A Parquet or CSV file, a glob such as ``"logs/2024-*.parquet"``, or a relation.
    observation_end : date-like, optional
        Default: the last purchase date in the log.
    time_unit, purchase_grain : str
        As in :func:`clvkit.summarize`.
    customer_col, date_col, amount_col : str
        Column names in the source.
    on_negative : {"raise", "drop"}
        Refunds cannot be netted against their orders in SQL; refuse or leave them out.
    memory_limit : str, optional
        DuckDB's memory cap (it spills to disk beyond it); default "1GB".
    threads : int, optional
        DuckDB worker threads (default: all cores).
    """
    check_time_unit(time_unit)
    ex, table, last_day = _prepared(source, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                    on_negative=on_negative, memory_limit=memory_limit, threads=threads)
    try:
        if observation_end is None:
            observation_end = last_day
        sql = summary_sql(table, observation_end=observation_end, purchase_grain=purchase_grain,
                          customer_col=customer_col, date_col=date_col, amount_col=amount_col)
        stats = ex.run(sql).df()
    finally:
        ex.close()
    if len(stats) == 0:
        raise ClvDataError(text("data.no_purchases_before_sql", name="observation_end", end=str(observation_end)))
    summary = finish_summary(stats, observation_end=observation_end, time_unit=time_unit, purchase_grain=purchase_grain)
    summary.attrs["source"] = str(source) if isinstance(source, (str, os.PathLike)) else "DuckDB relation"
    return summary


def split_calibration_holdout_duckdb(
    source,
    *,
    calibration_end,
    observation_end=None,
    time_unit: str = "W",
    purchase_grain: str = "D",
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    on_negative: str = "raise",
    memory_limit: str | None = "1GB",
    threads: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`clvkit.split_calibration_holdout` computed inside DuckDB."""
    unit = check_time_unit(time_unit)
    ex, table, last_day = _prepared(source, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                    on_negative=on_negative, memory_limit=memory_limit, threads=threads)
    try:
        if observation_end is None:
            observation_end = last_day
        cal_end, end = pd.Timestamp(_date_literal(calibration_end, "calibration_end")), pd.Timestamp(
            _date_literal(observation_end, "observation_end"))
        check_holdout_order(cal_end, end)
        kw = dict(purchase_grain=purchase_grain, customer_col=customer_col, date_col=date_col, amount_col=amount_col)
        stats = ex.run(summary_sql(table, observation_end=cal_end, **kw)).df()
        later = ex.run(holdout_sql(table, calibration_end=cal_end, observation_end=end, **kw)).df()
    finally:
        ex.close()
    if len(stats) == 0:
        raise ClvDataError(text("data.no_purchases_before_sql", name="calibration_end", end=str(cal_end.date())))
    calibration = finish_summary(stats, observation_end=cal_end, time_unit=unit, purchase_grain=purchase_grain)
    holdout = holdout_frame(calibration, later["customer_id"].to_numpy(), later["n_occasions_holdout"].to_numpy(),
                            later["amount_holdout"].to_numpy(), cal_end=cal_end, end=end, time_unit=unit,
                            purchase_grain=purchase_grain)
    return calibration, holdout
