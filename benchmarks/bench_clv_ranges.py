"""CLV ranges from parameter uncertainty: coverage of the truth in simulated customer bases.

    python benchmarks/bench_clv_ranges.py [--replications 200] [--customers 2000]

Coverage: each replication simulates a customer base from known BG/NBD (or Pareto/NBD)
and Gamma-Gamma parameters (clvkit.simulate), fits both models, asks
``customer_lifetime_value(..., interval=0.9)`` and checks, customer by customer,
whether the CLV at the TRUE parameters (the quantity the range is about: the model's
expected value given the customer's history) lies inside the range. The printed
coverage is the share of customers covered, averaged over replications, with the
replication-to-replication spread. The time of the ranges is in bench_scoring.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import clvkit as ck
from clvkit.models import BGNBD, GammaGamma, ParetoNBD
from clvkit.simulate import simulate_bgnbd, simulate_paretonbd, simulate_spend

TRUE = {
    "BGNBD": dict(r=0.25, alpha=4.0, a=0.8, b=2.5),
    "ParetoNBD": dict(r=0.55, alpha=10.5, s=0.6, beta=11.7),
}
SPEND = dict(p=6.0, q=4.0, gamma=20.0)


def simulated_base(kind: str, n: int, seed: int):
    """A summary with staggered ages (whole days, in weeks) and Gamma-Gamma mean spends."""
    rng = np.random.default_rng(seed)
    T = rng.integers(7, 2 * 365 + 1, n) / 7.0
    simulate = simulate_bgnbd if kind == "BGNBD" else simulate_paretonbd
    summary = simulate(n, **TRUE[kind], T=T, seed=rng)
    summary["recency"] = np.floor(summary["recency"].to_numpy() * 7.0) / 7.0
    frequency = summary["frequency"].to_numpy()
    spend = simulate_spend(frequency, **SPEND, seed=rng).to_numpy()
    summary["monetary_value"] = np.where(frequency > 0, spend, 0.0)
    return summary


def coverage_once(kind: str, n: int, seed: int, level: float = 0.9) -> float:
    """Share of customers whose CLV at the true parameters lies in their range."""
    summary = simulated_base(kind, n, seed)
    cls = BGNBD if kind == "BGNBD" else ParetoNBD
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted, spend = cls().fit(summary), GammaGamma().fit(summary)
    ranges = ck.customer_lifetime_value(fitted, spend, summary, horizon="12 months", annual_discount_rate=0.1,
                                        interval=level, seed=seed)
    truth = ck.customer_lifetime_value(cls.from_params(time_unit="W", **TRUE[kind]),
                                       GammaGamma.from_params(time_unit="W", **SPEND), summary,
                                       horizon="12 months", annual_discount_rate=0.1)["clv"]
    return float(((ranges["clv_low"] <= truth) & (truth <= ranges["clv_high"])).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--customers", type=int, default=2000)
    args = parser.parse_args()
    for kind in ("BGNBD", "ParetoNBD"):
        reps = args.replications if kind == "BGNBD" else max(args.replications // 4, 10)
        shares = np.array([coverage_once(kind, args.customers, seed) for seed in range(reps)])
        print(f"coverage of the truth by 90% ranges, {kind} + Gamma-Gamma, {args.customers:,} customers, "
              f"{reps} replications: mean {shares.mean():.3f}, median {np.median(shares):.3f}, "
              f"replications with at least 90% of customers covered {np.mean(shares >= 0.9):.2f}")


if __name__ == "__main__":
    main()
