"""Summarise a 3-million-row transaction log in memory, beside a plain DuckDB GROUP BY.

    python benchmarks/bench_summary.py [n_rows]

Both compute the same per-customer statistics from the same in-memory DataFrame
(DuckDB reads it through its pandas scan); times are medians of 5 runs, and the
ratio compares the two within one run of this script.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np
import pandas as pd

import clvkit as ck


def make_log(n_rows: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_customers = n_rows // 10
    customers = rng.integers(0, n_customers, n_rows)
    days = rng.integers(0, 730, n_rows)
    frame = pd.DataFrame({
        "customer_id": customers,
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(days, unit="D"),
        "amount": rng.gamma(2.0, 20.0, n_rows).round(2),
    })
    return ck.load_transactions(frame, on_duplicate="keep")


DUCKDB_SQL = """
WITH occ AS (
    SELECT customer_id, CAST(date AS DATE) AS day, SUM(amount) AS amount, COUNT(*) AS n
    FROM tx GROUP BY customer_id, CAST(date AS DATE)
), ranked AS (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day) AS k FROM occ
)
SELECT customer_id, COUNT(*) - 1 AS frequency,
       date_diff('day', MIN(day), MAX(day)) / 7.0 AS recency,
       date_diff('day', MIN(day), DATE '2024-12-31') / 7.0 AS T,
       CASE WHEN COUNT(*) > 1 THEN (SUM(amount) - SUM(CASE WHEN k = 1 THEN amount ELSE 0 END)) / (COUNT(*) - 1)
            ELSE 0 END AS monetary_value,
       MIN(day) AS first_purchase, SUM(n) AS n_transactions, SUM(amount) AS total_amount
FROM ranked GROUP BY customer_id ORDER BY customer_id
"""


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(n_rows: int) -> None:
    import duckdb

    tx = make_log(n_rows)
    con = duckdb.connect()
    con.register("tx", tx)
    ours = ck.summarize(tx, observation_end="2024-12-31")
    theirs = con.sql(DUCKDB_SQL).df()
    assert len(ours) == len(theirs)
    np.testing.assert_allclose(ours["recency"].to_numpy(), theirs["recency"].to_numpy(), rtol=1e-12)
    t_ours = median_time(lambda: ck.summarize(tx, observation_end="2024-12-31"))
    t_duck = median_time(lambda: con.sql(DUCKDB_SQL).df())
    print(f"rows={n_rows:,} customers={len(ours):,}")
    print(f"clvkit.summarize (pandas/numpy): {t_ours:.3f} s")
    print(f"DuckDB GROUP BY (same summary):  {t_duck:.3f} s")
    print(f"ratio clvkit / DuckDB: {t_ours / t_duck:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000)
