"""From a CSV to every customer's 12-month CLV: clvkit and lifetimes side by side, step by step.

    python benchmarks/bench_pipeline.py [--lifetimes-python PATH]

The log: 1,000,000 customers simulated with clvkit.simulate.simulate_transactions
(BG/NBD r = 0.25, alpha = 4, a = 0.8, b = 2.5 per week, Gamma-Gamma defaults, seed 7;
3,020,544 transactions over 2023-2024), written once to benchmarks/_work/pipeline_log.csv.

Each package runs the whole path in a fresh child process, which reports its step times
and its peak resident memory (ru_maxrss):

* clvkit: ``load_transactions`` (read + validate) -> ``summarize`` (weeks, daily purchase
  occasions) -> ``BGNBD().fit`` and ``GammaGamma().fit`` -> ``customer_lifetime_value``
  (12 months, 10% a year).
* lifetimes 0.11.3, in its own environment (it is never a dependency of clvkit; see
  bench_models.py): ``pandas.read_csv`` with dates -> ``summary_data_from_transaction_data``
  (days / 7, the same weeks) -> ``BetaGeoFitter`` and ``GammaGammaFitter`` ->
  ``GammaGammaFitter.customer_lifetime_value`` (12 months, 0.797% a month = 10% a year).

Make the lifetimes environment with

    python3 -m venv benchmarks/_work/ltvenv
    benchmarks/_work/ltvenv/bin/pip install numpy==1.26.4 scipy==1.11.4 pandas==2.1.4 lifetimes==0.11.3

Without it only clvkit's column is printed. One run of each (the machine is shared, so wall
times move with its load; the CPU time of each child, printed beside them, is what an idle
core takes).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as in bench_models.py, for both packages

import argparse
import json
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
LOG = WORK / "pipeline_log.csv"
N_CUSTOMERS = 1_000_000
SEED = 7
PARAMS = dict(r=0.25, alpha=4.0, a=0.8, b=2.5)
OBSERVATION_END = "2024-12-31"
STEPS = ("read the CSV", "summary", "BG/NBD + Gamma-Gamma fit", "12-month discounted CLV")


def make_log() -> None:
    sys.path.insert(0, str(ROOT))
    from clvkit.simulate import simulate_transactions

    WORK.mkdir(exist_ok=True)
    tx = simulate_transactions(N_CUSTOMERS, **PARAMS, seed=SEED)
    tx["date"] = tx["date"].dt.strftime("%Y-%m-%d")
    tx.to_csv(LOG, index=False)
    print(f"wrote {LOG} ({len(tx):,} transactions, {N_CUSTOMERS:,} customers)")


class Clock:
    """Wall and CPU seconds of successive steps."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self._start = (time.perf_counter(), time.process_time())

    def lap(self) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.wall.append(wall - self._start[0])
        self.cpu.append(cpu - self._start[1])
        self._start = (wall, cpu)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def run_clvkit() -> dict:
    sys.path.insert(0, str(ROOT))
    import clvkit as ck
    from clvkit.models import BGNBD, GammaGamma

    clock = Clock()
    tx = ck.load_transactions(LOG)
    clock.lap()
    summary = ck.summarize(tx, observation_end=OBSERVATION_END, time_unit="W")
    clock.lap()
    bgnbd, spend = BGNBD().fit(summary), GammaGamma().fit(summary)
    clock.lap()
    clv = ck.customer_lifetime_value(bgnbd, spend, summary, horizon="12 months", annual_discount_rate=0.1)
    clock.lap()
    return {"times": clock.wall, "cpu": clock.cpu, "peak_mb": peak_mb(), "rows": len(tx),
            "customers": len(summary),
            "equity": float(clv["clv"].sum())}


def run_lifetimes() -> dict:
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    clock = Clock()
    tx = pd.read_csv(LOG, parse_dates=["date"])
    clock.lap()
    summary = summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", observation_period_end=OBSERVATION_END,
        freq="D", freq_multiplier=7,
    )
    clock.lap()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
        repeat = summary[summary["frequency"] > 0]
        ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    clock.lap()
    clv = ggf.customer_lifetime_value(
        bgf, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"],
        time=12, discount_rate=1.1 ** (1 / 12) - 1, freq="W",
    )
    clock.lap()
    return {"times": clock.wall, "cpu": clock.cpu, "peak_mb": peak_mb(), "rows": len(tx),
            "customers": len(summary),
            "equity": float(clv.sum())}


def child(python: str, which: str) -> dict:
    env = dict(os.environ)
    if which == "lifetimes":
        env.pop("PYTHONPATH", None)  # its own packages only
    out = subprocess.run([python, __file__, "--run", which], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the {which} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", choices=["clvkit", "lifetimes"], help=argparse.SUPPRESS)
    parser.add_argument("--lifetimes-python", default=str(WORK / "ltvenv" / "bin" / "python"))
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_clvkit() if args.run == "clvkit" else run_lifetimes()))
        return
    if not LOG.exists():
        make_log()
    ours = child(sys.executable, "clvkit")
    theirs = child(args.lifetimes_python, "lifetimes") if Path(args.lifetimes_python).exists() else None
    print(f"log: {LOG.name}, {ours['rows']:,} transactions, {ours['customers']:,} customers")
    header = f"{'clvkit':>9s} {'lifetimes':>10s} {'ratio':>7s}"
    print(f"{'step':28s} {header}   CPU: {header[1:]}")
    nan = float("nan")

    def line(label, a, b, ca, cb):
        print(f"{label:28s} {a:8.2f}s {b:9.2f}s {b / a:6.1f}x        {ca:7.2f}s {cb:9.2f}s {cb / ca:6.1f}x")

    for i, step in enumerate(STEPS):
        line(step, ours["times"][i], theirs["times"][i] if theirs else nan,
             ours["cpu"][i], theirs["cpu"][i] if theirs else nan)
    for label, first in (("total", 0), ("total after reading", 1)):
        line(label, sum(ours["times"][first:]), sum(theirs["times"][first:]) if theirs else nan,
             sum(ours["cpu"][first:]), sum(theirs["cpu"][first:]) if theirs else nan)
    print(f"{'peak memory':28s} {ours['peak_mb']:7.0f}MB {theirs['peak_mb'] if theirs else float('nan'):8.0f}MB")
    print(f"customer equity: clvkit {ours['equity']:,.0f}; lifetimes {theirs['equity'] if theirs else float('nan'):,.0f} "
          f"(lifetimes discounts 12 monthly steps, clvkit 53 weekly ones)")


if __name__ == "__main__":
    main()
