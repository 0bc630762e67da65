"""Speed of the decision layer: simulating large bases and moving strategy levers.

Run: /work/venv/bin/python benchmarks/bench_decisions.py
"""

from __future__ import annotations

import time

import numpy as np

from clvkit.models import BGNBD, GammaGamma
from clvkit.simulate import simulate_bgnbd, simulate_spend, simulate_transactions
from clvkit.strategy import Strategy, StrategySimulator
from clvkit.valuation import expected_purchases_path


def timed(label, fn, repeat=1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label}: {best * 1000:,.1f} ms")
    return out


def main() -> None:
    tx = timed(
        "simulate_transactions, 1,000,000 customers",
        lambda: simulate_transactions(1_000_000, r=2.0, alpha=3.0, a=0.3, b=12.0, observation_days=730, seed=1),
    )
    print(f"  -> {len(tx):,} transactions")
    del tx

    n = 100_000
    rng = np.random.default_rng(0)
    s = simulate_bgnbd(n, r=0.243, alpha=4.414, a=0.793, b=2.426, T=rng.uniform(10, 78, n), seed=1)
    s["monetary_value"] = simulate_spend(s["frequency"], p=6.25, q=3.74, gamma=15.44, seed=2).to_numpy()
    model = BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    gg = GammaGamma.from_params(time_unit="W", p=6.25, q=3.74, gamma=15.44)
    nodes = np.linspace(0.0, 104.0, 13)
    one = timed("expected purchases at 12 horizons, one grid call", lambda: expected_purchases_path(model, s, nodes))
    loop = timed("expected purchases at 12 horizons, 12 predict_purchases calls",
                 lambda: [np.asarray(model.predict_purchases(s, float(u))) for u in nodes[1:]])
    assert np.allclose(one[:, 1:], np.column_stack(loop), rtol=1e-12)
    sim = timed("StrategySimulator build, 100,000 customers (expected purchases at 12 horizons)",
                lambda: StrategySimulator(model, gg, s, horizon="1 year", margin=0.3))
    sim.evaluate(Strategy())
    timed("order-value lever change, 100,000 customers", lambda: sim.evaluate(Strategy(aov_change=0.1)), repeat=5)
    values = iter(np.linspace(-0.4, 0.4, 50))
    timed("new churn setting (not cached), 100,000 customers",
          lambda: sim.evaluate(Strategy(churn_change=float(next(values)), cost_once=1.0)), repeat=5)
    freq = iter(np.linspace(-0.3, 0.5, 50))
    timed("new churn + frequency setting (not cached), 100,000 customers",
          lambda: sim.evaluate(Strategy(churn_change=-0.1, frequency_change=float(next(freq)), cost_once=1.0)), repeat=5)


if __name__ == "__main__":
    main()
