"""Fit times of clvkit's BG/NBD and Pareto/NBD, side by side with the `lifetimes` package.

Run in an environment where `lifetimes` is installed (it is never a dependency of clvkit):

    python3 -m venv /work/benchvenv
    /work/benchvenv/bin/pip install numpy==1.26.4 scipy==1.11.4 pandas==2.1.4 lifetimes==0.11.3
    PYTHONPATH=. /work/benchvenv/bin/python benchmarks/bench_models.py

Without `lifetimes` the clvkit timings are still printed. Each timing is the median of
several repeats (the machine is shared). The simulated customer bases are measured
the way clvkit.summarize measures real ones: ages and purchase times in whole days,
expressed in weeks (days / 7).
"""

from __future__ import annotations

import os

# One BLAS thread for both packages: on a busy 2-core machine OpenBLAS threads spin on
# the optimiser's tiny vector operations and multiply fit times several-fold (scipy >= 1.15's
# L-BFGS-B calls BLAS). Override with OPENBLAS_NUM_THREADS=... to measure the default.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clvkit.datasets import load_cdnow_calibration_summary_published
from clvkit.models import BGNBD, ParetoNBD
from clvkit.models.base import compress_rows

try:
    import lifetimes  # noqa: F401

    HAVE_LIFETIMES = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_LIFETIMES = False


class Timing(float):
    """A median wall time in seconds that also carries the median CPU time of the process (.cpu)."""

    cpu = float("nan")


def median_time(fn, repeats: int) -> float:
    """Median wall time of `fn`, with the median CPU time (what an idle core takes) as .cpu."""
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    result = Timing(statistics.median(times))
    result.cpu = statistics.median(cpu)
    return result


def simulate_bgnbd(n: int, seed: int, *, r=0.25, alpha=4.0, a=0.8, b=2.5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    T = rng.integers(1, 52 * 7 + 1, n) / 7.0
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    x, t_x, clock = np.zeros(n), np.zeros(n), np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.flatnonzero(active)
        clock[idx] += rng.exponential(1 / lam[idx])
        bought = clock[idx] <= T[idx]
        active[idx[~bought]] = False
        buyers = idx[bought]
        x[buyers] += 1
        t_x[buyers] = clock[buyers]
        active[buyers[rng.random(len(buyers)) < p[buyers]]] = False
    return pd.DataFrame({"frequency": x, "recency": np.floor(t_x * 7) / 7, "T": T})


def simulate_paretonbd(n: int, seed: int, *, r=0.55, alpha=10.5, s=0.6, beta=11.7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    T = rng.integers(1, 52 * 7 + 1, n) / 7.0
    lam, mu = rng.gamma(r, 1 / alpha, n), rng.gamma(s, 1 / beta, n)
    active_for = np.minimum(rng.exponential(1 / mu), T)
    x = rng.poisson(lam * active_for).astype(float)
    t_x = np.where(x > 0, active_for * rng.random(n) ** (1 / np.maximum(x, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": np.floor(t_x * 7) / 7, "T": T})


def distinct_rows(data: pd.DataFrame) -> int:
    cols = {c: data[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T")}
    return len(compress_rows(cols)[1])


def cdnow_master_calibration() -> pd.DataFrame | None:
    """The CDNOW master log (23,570 customers), summarised as the sample is: 39-week calibration, weeks, days.

    The full log ships only inside the lifetimes wheel (lifetimes/datasets/CDNOW_master.txt),
    so this case runs where lifetimes is installed.
    """
    if not HAVE_LIFETIMES:
        return None
    import lifetimes.datasets

    from clvkit import load_transactions
    from clvkit.data.summary import split_calibration_holdout

    path = Path(lifetimes.datasets.__file__).parent / "CDNOW_master.txt"
    raw = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str, "date": str})
    tx = load_transactions(pd.DataFrame({
        "customer_id": raw["customer_id"].astype(int),
        "date": pd.to_datetime(raw["date"], format="%Y%m%d"),
        "amount": raw["dollar_value"],
    }), on_duplicate="keep")
    calibration, _ = split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30",
                                               time_unit="W", purchase_grain="D")
    return calibration


def lifetimes_fit(kind: str, data: pd.DataFrame) -> None:
    from lifetimes import BetaGeoFitter, ParetoNBDFitter

    model = BetaGeoFitter() if kind == "bgnbd" else ParetoNBDFitter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(data["frequency"], data["recency"], data["T"])
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-lifetimes-pareto", action="store_true", help="lifetimes' Pareto/NBD takes minutes")
    args = parser.parse_args()
    rows = []

    cdnow = load_cdnow_calibration_summary_published()
    ours = median_time(lambda: BGNBD().fit(cdnow), args.repeats)
    theirs = median_time(lambda: lifetimes_fit("bgnbd", cdnow), args.repeats) if HAVE_LIFETIMES else float("nan")
    rows.append(("BG/NBD, CDNOW (2,357 customers)", distinct_rows(cdnow), ours, theirs))

    big = simulate_bgnbd(1_000_000, seed=1)
    ours = median_time(lambda: BGNBD().fit(big), max(1, args.repeats // 2))
    rows.append(("BG/NBD, 1,000,000 simulated customers", distinct_rows(big), ours, float("nan")))

    pareto = simulate_paretonbd(100_000, seed=2)
    ours = median_time(lambda: ParetoNBD().fit(pareto), max(1, args.repeats // 2))
    theirs = float("nan")
    if HAVE_LIFETIMES and not args.skip_lifetimes_pareto:
        theirs = median_time(lambda: lifetimes_fit("paretonbd", pareto), 1)
    rows.append(("Pareto/NBD, 100,000 simulated customers", distinct_rows(pareto), ours, theirs))

    cdnow_pareto = median_time(lambda: ParetoNBD().fit(cdnow), args.repeats)
    theirs = median_time(lambda: lifetimes_fit("paretonbd", cdnow), 1) if HAVE_LIFETIMES else float("nan")
    rows.append(("Pareto/NBD, CDNOW (2,357 customers)", distinct_rows(cdnow), cdnow_pareto, theirs))

    master = cdnow_master_calibration()
    if master is not None:
        ours = median_time(lambda: ParetoNBD().fit(master), args.repeats)
        theirs = median_time(lambda: lifetimes_fit("paretonbd", master), args.repeats)
        rows.append((f"Pareto/NBD, CDNOW master ({len(master):,} customers)", distinct_rows(master), ours, theirs))

    print(f"lifetimes available: {HAVE_LIFETIMES}")
    print(f"{'case':45s} {'rows':>9s} {'clvkit s':>9s} {'lifetimes s':>12s} {'speed-up':>9s}"
          f" {'CPU: clvkit s':>14s} {'lifetimes s':>12s} {'speed-up':>9s}")
    for name, distinct, ours, theirs in rows:
        ratio = theirs / ours if np.isfinite(theirs) else float("nan")
        cpu_ours, cpu_theirs = getattr(ours, "cpu", float("nan")), getattr(theirs, "cpu", float("nan"))
        print(f"{name:45s} {distinct:9,d} {ours:9.3f} {theirs:12.3f} {ratio:9.1f}"
              f" {cpu_ours:14.3f} {cpu_theirs:12.3f} {cpu_theirs / cpu_ours:9.1f}")


if __name__ == "__main__":
    main()
