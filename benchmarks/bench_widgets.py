"""One slider step of each explorer: compute time and render time, measured separately.

The compute part is the state object's recomputation (public clvkit functions); the
render part is the reused Figure drawn to PNG bytes (blitted when the axes do not
change, a full draw when they do). The strategy simulator runs on a simulated base of
100,000 customers (BG/NBD with the CDNOW estimates, RFM segments).

Run: /work/venv/bin/python benchmarks/bench_widgets.py [--customers 100000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np


def _median_ms(samples):
    return 1000.0 * statistics.median(samples)


def _steps(explorer, control, values):
    """Move one control through `values`; collect the state's compute time and the chart's render time."""
    compute, render, total = [], [], []
    for v in values:
        start = time.perf_counter()
        explorer.controls[control].value = v
        total.append(time.perf_counter() - start)
        compute.append(explorer.state.compute_seconds)
        render.append(explorer.chart.render_seconds)
    return compute, render, total


def _report(name, compute, render, total, full_draws=None):
    extra = f", full redraws {full_draws}" if full_draws is not None else ""
    print(f"{name:<44} compute {_median_ms(compute):7.1f} ms   render {_median_ms(render):7.1f} ms   "
          f"step {_median_ms(total):7.1f} ms (median of {len(total)}{extra})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    n = args.repeat

    from clvkit.models import BGNBD
    from clvkit.segments import rfm_segments
    from clvkit.simulate import simulate_bgnbd
    from clvkit.strategy import StrategySimulator as Engine
    from clvkit.widgets import CustomerExplorer, DriverExplorer, RetentionExplorer, SegmentExplorer, StrategySimulator

    ex = DriverExplorer()
    draws = ex.chart.full_draws
    _report("DriverExplorer: aov", *_steps(ex, "aov", [50 + 0.5 * (i + 1) for i in range(n)]),
            ex.chart.full_draws - draws)
    draws = ex.chart.full_draws
    _report("DriverExplorer: horizon", *_steps(ex, "horizon", [36 + i + 1 for i in range(n)]),
            ex.chart.full_draws - draws)

    rex = RetentionExplorer(alpha=1.0, beta=2.0)
    draws = rex.chart.full_draws
    _report("RetentionExplorer: alpha", *_steps(rex, "alpha", [1.0 + 0.05 * (i + 1) for i in range(n)]),
            rex.chart.full_draws - draws)

    start = time.perf_counter()
    summary = simulate_bgnbd(args.customers, r=0.243, alpha=4.414, a=0.793, b=2.426, T=52.0, seed=1)
    summary["monetary_value"] = 35.0
    model = BGNBD().fit(summary)
    engine = Engine(model, 35.0, summary, horizon="1 year", margin=0.3,
                    segments=rfm_segments(summary)["segment"].astype(str))
    print(f"\nbase of {len(summary):,} customers: simulate + fit + engine {time.perf_counter() - start:.1f} s")
    sim = StrategySimulator(engine)
    for control, values in [
        ("aov_lift", [0.05 + 0.01 * (i + 1) for i in range(n)]),
        ("take_up", [0.05 * (i % 10 + 1) for i in range(n)]),
        ("cost_once", [0.5 * (i + 1) for i in range(n)]),
    ]:
        draws = sim.chart.full_draws
        _report(f"StrategySimulator ({len(summary):,}): {control}", *_steps(sim, control, values),
                sim.chart.full_draws - draws)
    # churn: a new setting evaluates the model; a setting seen before is cached by the engine
    grid = [0.05 * k for k in range(11)]
    first = _steps(sim, "churn_reduction", grid)
    _report(f"StrategySimulator ({len(summary):,}): churn, new", *first)
    again = _steps(sim, "churn_reduction", grid[::-1])
    _report(f"StrategySimulator ({len(summary):,}): churn, seen", *again)

    clv = engine.clv_before if hasattr(engine, "clv_before") and np.ndim(engine.clv_before) else None
    if clv is None:
        clv = summary["frequency"].to_numpy(float) * 35.0 * 0.3
    seg = SegmentExplorer(summary, clv)
    for control, values in [("top_cut", [0.02 + 0.01 * i for i in range(n)]),
                            ("recent_within", [5.0 + i for i in range(n)])]:
        draws = seg.chart.full_draws
        _report(f"SegmentExplorer ({len(summary):,}): {control}", *_steps(seg, control, values),
                seg.chart.full_draws - draws)
    cust = CustomerExplorer(model, 35.0, frequency=2, recency=30.0, T=52.0)
    draws = cust.chart.full_draws
    _report("CustomerExplorer: frequency", *_steps(cust, "frequency", [1 + (i % 10) for i in range(n)]),
            cust.chart.full_draws - draws)


if __name__ == "__main__":
    main()
