"""The whole analysis of the 30-million-row Parquet log on Spark (local mode), beside DuckDB and pandas.

    python benchmarks/bench_spark.py [--folder benchmarks/_work/scale] [--paths spark,duckdb,pandas]

The log is the one `benchmarks/bench_scale.py` makes (generated here if missing; Spark reads
a copy with microsecond timestamps, made once, because it refuses pandas' nanoseconds). Each
path runs in its own child process and does the same three steps:

1. summary: the per-customer summary at observation_end 2024-12-31, in weeks;
2. fit: BG/NBD on the distinct (frequency, recency, T) and Gamma-Gamma on the distinct
   (frequency, monetary_value), with counts ("histories" prints both numbers of rows);
3. score: P(alive), expected purchases, expected spend and 12-month CLV at 10% a year
   for every customer.

- pandas: read the Parquet files into memory, `clvkit.summarize`, fit, score in memory;
- DuckDB: `clvkit.data.summarize_duckdb` on the glob (memory_limit 1GB), then fit and
  score the summary in memory;
- Spark: `clvkit.spark.summarize` on `spark.read.parquet` (written back to Parquet, as a
  cluster job would), `clvkit.spark.distinct_histories` (both tables) to the driver for the fit, then
  `clvkit.spark.customer_lifetime_value` written to Parquet. local[2] on this machine: a
  cluster adds executors, and network, which local mode does not measure.

Peak memory is the child's ru_maxrss (for Spark, the Python driver only; the JVM's heap
is capped by --driver-memory). The customer count and the customer equity (sum of CLV)
of each path are printed so the paths can be seen to agree.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
END = "2024-12-31"
CHILD = r"""
import json, os, resource, sys, time, warnings
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
warnings.filterwarnings("ignore", message="The copy keyword is deprecated")
import pandas as pd
import clvkit as ck
from clvkit.models import BGNBD, GammaGamma

path, pattern, work, driver_memory = sys.argv[1:5]
END, HORIZON, RATE = "2024-12-31", "12 months", 0.1
times = {}
mark = time.perf_counter()


def lap(name):
    global mark
    now = time.perf_counter()
    times[name] = now - mark
    mark = now


def fit(purchases, spend, weights=None):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ck.ConvergenceWarning)
        return BGNBD().fit(purchases, weights=weights), GammaGamma().fit(spend, weights=weights)


if path in ("pandas", "duckdb"):
    if path == "pandas":
        import glob
        tx = pd.concat([pd.read_parquet(f) for f in sorted(glob.glob(pattern))], ignore_index=True)
        s = ck.summarize(tx, observation_end=END)
        del tx
    else:
        from clvkit.data import summarize_duckdb
        s = summarize_duckdb(pattern, observation_end=END, memory_limit="1GB")
    lap("summary")
    bg, gg = fit(s, s)  # each fit compresses identical rows itself
    histories = [len(s[["frequency", "recency", "T"]].drop_duplicates()),
                 len(s[["frequency", "monetary_value"]].drop_duplicates())]
    lap("fit")
    v = ck.customer_lifetime_value(bg, gg, s, horizon=HORIZON, annual_discount_rate=RATE)
    alive = bg.probability_alive(s)
    lap("score")
    customers, equity, mean_alive = len(v), float(v["clv"].sum()), float(alive.mean())
else:
    from pyspark.sql import SparkSession, functions as F
    import clvkit.spark as cs
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    spark = (SparkSession.builder.master("local[2]").appName("clvkit-bench")
             .config("spark.driver.memory", driver_memory)
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "16").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    lap("session start")
    summary_path, scores_path = os.path.join(work, "spark-summary"), os.path.join(work, "spark-scores")
    cs.summarize(spark.read.parquet(pattern), observation_end=END).write.mode("overwrite").parquet(summary_path)
    lap("summary")
    s = spark.read.parquet(summary_path)  # Parquet keeps the column metadata (the time unit)
    h = cs.distinct_histories(s)
    h_spend = cs.distinct_histories(s, columns=("frequency", "monetary_value"))
    histories = [len(h), len(h_spend)]
    bg, gg = fit(h, h_spend, weights="count")
    lap("fit")
    scores = cs.customer_lifetime_value(bg, gg, s, horizon=HORIZON, annual_discount_rate=RATE)
    scores.write.mode("overwrite").parquet(scores_path)
    lap("score")
    row = spark.read.parquet(scores_path).agg(F.count("*"), F.sum("clv"), F.avg("probability_alive")).collect()[0]
    customers, equity, mean_alive = int(row[0]), float(row[1]), float(row[2])
    spark.stop()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak_mb": peak_mb, "customers": customers, "histories": histories,
                  "equity": equity, "mean_alive": mean_alive, "params": bg.params_.round(6).tolist()}))
"""


def spark_readable(files: list[Path], folder: Path) -> str:
    """The same log with microsecond timestamps: Spark refuses the nanosecond ones pandas writes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        target = folder / f.name
        if not target.exists() or target.stat().st_mtime < f.stat().st_mtime:
            table = pq.read_table(f)
            table = table.set_column(table.schema.get_field_index("date"), "date",
                                     table.column("date").cast(pa.timestamp("us")))
            pq.write_table(table, target)
    return str(folder / "part-*.parquet")


def run_child(path: str, pattern: str, work: Path, driver_memory: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, path, pattern, str(work), driver_memory],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"the {path} run failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", default=str(HERE / "_work" / "scale"))
    parser.add_argument("--rows", type=int, default=30_000_000)
    parser.add_argument("--paths", default="spark,duckdb,pandas")
    parser.add_argument("--driver-memory", default="4g", help="Spark driver (JVM) heap in local mode")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_scale import generate

    folder = Path(args.folder)
    files = generate(folder, args.rows)
    meta = json.loads((folder / "meta.json").read_text())
    pattern = str(folder / "part-*.parquet")
    print(f"{meta['rows']:,} transactions of {meta['customers']:,} customers in {pattern}")
    print(f"{'path':<8} {'summary s':>10} {'fit s':>7} {'score s':>8} {'total s':>8} {'peak MB':>8} "
          f"{'histories':>20} {'customers':>10} {'equity':>14} {'mean P(alive)':>14}")
    for path in args.paths.split(","):
        start = time.perf_counter()
        source = spark_readable(files, folder.parent / (folder.name + "-us")) if path == "spark" else pattern
        r = run_child(path, source, folder.parent, args.driver_memory)
        t = r["times"]
        total = t["summary"] + t["fit"] + t["score"]
        extra = f"  (+ {t['session start']:.1f} s to start Spark; wall {time.perf_counter() - start:.0f} s)" \
            if "session start" in t else f"  (wall {time.perf_counter() - start:.0f} s)"
        print(f"{path:<8} {t['summary']:>10.1f} {t['fit']:>7.1f} {t['score']:>8.1f} {total:>8.1f} "
              f"{r['peak_mb']:>8.0f} {'{:,} / {:,}'.format(*r['histories']):>20} {r['customers']:>10,} {r['equity']:>14,.2f} "
              f"{r['mean_alive']:>14.6f}{extra}", flush=True)


if __name__ == "__main__":
    main()
