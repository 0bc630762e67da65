"""Load a 3-million-row CSV with clvkit.load_transactions, beside pandas.read_csv with date parsing.

    python benchmarks/bench_load.py [n_rows] [--repeat 3]

The file (customer ids such as C0012345, ISO dates, amounts with two decimals; seeded) is
written once to benchmarks/_work/ (not committed). Each reader runs in a fresh child
process, so its peak resident memory (``ru_maxrss``) is its own: the figure includes the
interpreter and the imported libraries, as a user would see it. Times are medians of the
repeats, measured inside the child around the call alone (pandas, pyarrow and clvkit are
imported before the clock starts; their import time is bench_import.py's subject); the ratio
compares medians from the same run of this script.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent / "_work"

CHILD = r"""
import json, resource, sys, time, warnings
path, which = sys.argv[1], sys.argv[2]
import pandas as pd
import pyarrow.compute, pyarrow.csv  # imported before the clock, for both readers: import time is not load time
import clvkit as ck
import clvkit.data.transactions
warnings.simplefilter("ignore")
start = time.perf_counter()
if which == "pandas":
    frame = pd.read_csv(path, parse_dates=["date"])
elif which == "clvkit":
    frame = ck.load_transactions(path)
else:  # the same without the scan for exact duplicate rows
    frame = ck.load_transactions(path, on_duplicate="keep")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": len(frame),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BASELINE = r"""
import json, resource
import pandas, pyarrow.csv, clvkit.data.transactions
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_file(n_rows: int, seed: int = 7) -> Path:
    """A seeded transaction log as CSV: 10 purchases per customer on average, two years of days."""
    import numpy as np
    import pandas as pd

    path = WORK / f"transactions_{n_rows}.csv"
    if path.exists():
        return path
    WORK.mkdir(exist_ok=True)
    rng = np.random.default_rng(seed)
    customers = rng.integers(0, n_rows // 10, n_rows)
    days = rng.integers(0, 730, n_rows)
    frame = pd.DataFrame({
        "customer_id": np.char.add("C", np.char.zfill(customers.astype(str), 7)),
        "date": (np.datetime64("2023-01-01") + days.astype("timedelta64[D]")).astype(str),
        "amount": rng.gamma(2.0, 20.0, n_rows).round(2),
    })
    frame.to_csv(path, index=False)
    return path


def run(path: Path, which: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), which], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(n_rows: int, repeat: int) -> None:
    # The file is written by a child: this parent stays small, because a child process starts
    # with its parent's peak resident memory as its own ru_maxrss.
    subprocess.run([sys.executable, __file__, "--make", str(n_rows)], check=True)
    path = WORK / f"transactions_{n_rows}.csv"
    size_mb = path.stat().st_size / 2**20
    base = json.loads(subprocess.run([sys.executable, "-c", BASELINE], capture_output=True, text=True,
                                     check=True).stdout.strip())
    results = {"pandas": [], "clvkit": [], "clvkit_keep": []}
    for _ in range(repeat):  # alternate, so both see the same machine load
        for which in results:
            results[which].append(run(path, which))
    print(f"file: {path.name}, {n_rows:,} rows, {size_mb:.1f} MiB; "
          f"interpreter with pandas, pyarrow and clvkit imported: {base['peak_mb']:.0f} MiB")
    print(f"{'reader':<46}{'time (median)':>14}{'peak RSS (max)':>16}{'peak / file':>13}")
    medians = {}
    for which, label in (("pandas", "pandas.read_csv(parse_dates=['date'])"),
                         ("clvkit", "clvkit.load_transactions(path)"),
                         ("clvkit_keep", "... on_duplicate='keep' (no duplicate scan)")):
        times = [r["seconds"] for r in results[which]]
        peak = max(r["peak_mb"] for r in results[which])
        medians[which] = statistics.median(times)
        print(f"{label:<46}{medians[which]:>12.2f} s{peak:>13.0f} MiB{peak / size_mb:>12.1f}x")
    print(f"ratio clvkit / pandas: {medians['clvkit'] / medians['pandas']:.2f}x (goal: within 2x); "
          f"all times: pandas {[round(r['seconds'], 2) for r in results['pandas']]}, "
          f"clvkit {[round(r['seconds'], 2) for r in results['clvkit']]}")


if __name__ == "__main__":
    if "--make" in sys.argv:
        make_file(int(sys.argv[sys.argv.index("--make") + 1]))
        sys.exit(0)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    if "--repeat" in sys.argv:
        args = [a for a in args if a != str(repeat)]
    main(int(args[0]) if args else 3_000_000, repeat)
