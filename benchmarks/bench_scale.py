"""Summaries past memory: 30 million simulated transactions in Parquet, summarised in DuckDB.

    python benchmarks/bench_scale.py [--rows 30000000] [--folder benchmarks/_work/scale]

1. Generates a BG/NBD + Gamma-Gamma log with clvkit.simulate, in chunks, into Parquet files
   (kept between runs; delete the folder to regenerate).
2. Summarises it with clvkit.summarize(glob) -> DuckDB, in a child process whose peak
   resident memory is read from the operating system (ru_maxrss).
3. Compares the in-memory path (read Parquet into pandas, then summarize) with the DuckDB
   path on growing prefixes of the log, to find where DuckDB overtakes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

PARAMS = dict(r=1.0, alpha=2.0, a=0.8, b=4.0, acquisition_days=365, observation_days=730)
CHILD = r"""
import json, resource, sys, time, glob
import pandas as pd
import clvkit as ck
mode, pattern, n_files = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(pattern))[:n_files]
start = time.perf_counter()
if mode == "duckdb":
    from clvkit.data import summarize_duckdb
    s = summarize_duckdb(files[0] if len(files) == 1 else pattern if n_files >= len(glob.glob(pattern)) else files[0],
                         observation_end="2024-12-31", memory_limit="1GB")
    rows = None
else:
    tx = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    rows = len(tx)
    s = ck.summarize(tx, observation_end="2024-12-31")
elapsed = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, "customers": len(s), "rows": rows}))
"""


def generate(folder: Path, rows: int) -> list[Path]:
    import clvkit.simulate as sim

    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("part-*.parquet"))
    if existing and json.loads((folder / "meta.json").read_text())["rows_target"] == rows:
        return existing
    for old in existing:
        old.unlink()
    per_customer = 11.4  # mean rows per customer with PARAMS, measured on a 100,000-customer sample
    n_customers = int(rows / per_customer)
    total, start = 0, time.perf_counter()
    for i, chunk in enumerate(sim.iter_transactions(n_customers, chunk_size=250_000, seed=2026, **PARAMS)):
        part = chunk[["customer_id", "date", "amount"]]
        part.attrs = {}  # the simulation's provenance holds Timestamps, which Parquet metadata cannot store
        part.to_parquet(folder / f"part-{i:04d}.parquet", index=False)
        total += len(chunk)
    (folder / "meta.json").write_text(json.dumps({"rows_target": rows, "rows": total, "customers": n_customers}))
    print(f"generated {total:,} rows for {n_customers:,} customers in {time.perf_counter() - start:.0f} s")
    return sorted(folder.glob("part-*.parquet"))


def run_child(mode: str, pattern: str, n_files: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, pattern, str(n_files)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000_000)
    parser.add_argument("--folder", default=str(Path(__file__).parent / "_work" / "scale"))
    args = parser.parse_args()
    folder = Path(args.folder)
    files = generate(folder, args.rows)
    meta = json.loads((folder / "meta.json").read_text())
    pattern = str(folder / "part-*.parquet")
    full = run_child("duckdb", pattern, len(files))
    print(f"DuckDB, all {meta['rows']:,} rows: {full['seconds']:.1f} s, peak memory {full['peak_mb']:.0f} MB, "
          f"{full['customers']:,} customers")
    print("\nrows        in-memory s  peak MB   DuckDB s  peak MB")
    for n_files in sorted({min(n, len(files)) for n in (1, 4, len(files))}):
        mem = run_child("pandas", pattern, n_files)
        duck = run_child("duckdb", str(files[0]) if n_files == 1 else pattern, n_files) if n_files in (1, len(files)) else None
        if duck is None:
            # DuckDB on a prefix: a glob over the first n files via a temporary folder of links
            sub = folder / f"prefix-{n_files}"
            sub.mkdir(exist_ok=True)
            for f in files[:n_files]:
                link = sub / f.name
                if not link.exists():
                    link.symlink_to(f)
            duck = run_child("duckdb", str(sub / "part-*.parquet"), n_files)
        print(f"{mem['rows']:>11,} {mem['seconds']:>11.1f} {mem['peak_mb']:>8.0f} {duck['seconds']:>10.1f} "
              f"{duck['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
