"""Scoring a million customers: 12-month discounted CLV per customer, and CLV with 90% ranges.

    python benchmarks/bench_scoring.py

The base: the pipeline benchmark's log (1,000,000 customers simulated with
clvkit.simulate.simulate_transactions, BG/NBD r = 0.25, alpha = 4, a = 0.8, b = 2.5 per
week, seed 7), summarised in weeks with daily purchase occasions. BG/NBD and
Gamma-Gamma are fitted to it; Pareto/NBD and MBG/NBD are scored with fixed parameters of
the same size (scoring time does not depend on where the parameters come from). One
run of each call (the machine is shared, so wall times move with its load; the CPU time
of the process, printed beside them, is what an idle core takes); CLV: 12 months, 10% a
year. numpy runs single-threaded here, so CPU time is not spread over cores.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import clvkit as ck
from clvkit.models import BGNBD, MBGNBD, GammaGamma, ParetoNBD
from clvkit.models._scoring import Histories
from clvkit.simulate import simulate_transactions

SETTINGS = dict(horizon="12 months", annual_discount_rate=0.1)


def timed(fn):
    """Wall time and CPU time of this process (the CPU time is what an idle core would take)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return f"{time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s)", out


def main() -> None:
    tx = simulate_transactions(1_000_000, r=0.25, alpha=4.0, a=0.8, b=2.5, seed=7)
    summary = ck.summarize(tx, observation_end=tx.attrs["observation_end"], time_unit="W")
    del tx
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bgnbd, spend = BGNBD().fit(summary), GammaGamma().fit(summary)
    h = Histories(*(summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T")))
    print(f"{len(summary):,} customers, {len(h.x):,} distinct (frequency, recency, T) rows, "
          f"{len(h.pair_x):,} distinct (frequency, T) pairs")
    models = {
        "BG/NBD": bgnbd,
        "Pareto/NBD": ParetoNBD.from_params(time_unit="W", r=0.55, alpha=10.5, s=0.6, beta=11.7),
        "MBG/NBD": MBGNBD.from_params(time_unit="W", r=0.25, alpha=4.0, a=0.8, b=2.5),
    }
    for name, model in models.items():
        seconds, _ = timed(lambda: ck.customer_lifetime_value(model, spend, summary, **SETTINGS))
        print(f"12-month CLV, {name} + Gamma-Gamma, 1,000,000 customers: {seconds}")
    small = summary.iloc[:100_000]
    seconds, _ = timed(lambda: ck.customer_lifetime_value(bgnbd, spend, small, **SETTINGS, interval=0.9))
    print(f"CLV with 90% ranges (200 draws), BG/NBD + Gamma-Gamma, 100,000 customers: {seconds}")
    seconds, _ = timed(lambda: ck.customer_lifetime_value(bgnbd, spend, summary, **SETTINGS, interval=0.9))
    print(f"CLV with 90% ranges (200 draws), BG/NBD + Gamma-Gamma, 1,000,000 customers: {seconds}")


if __name__ == "__main__":
    main()
