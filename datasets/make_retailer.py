"""Recipe of the synthetic online-retailer case (run: python datasets/make_retailer.py).

An online retailer acquires customers through four channels that differ in cost and
in how the customers behave afterwards; half of the customers, at random, see
product recommendations, which raise their order value. Purchases follow BG/NBD per
channel (rates per week), order values Gamma-Gamma with a 20% larger scale for the
recommendation group. Writes retailer_transactions.csv, retailer_channels.csv and
retailer_params.json next to this file. SYNTHETIC DATA.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from clvkit.simulate import simulate_transactions

HERE = Path(__file__).resolve().parent
SEED = 20240601
START, ACQUISITION_DAYS, OBSERVATION_DAYS = "2023-01-01", 365, 730
CHANNELS = {
    # customers, BG/NBD parameters (weeks), acquisition cost and how fast it rises
    "search": {"customers": 2000, "r": 0.60, "alpha": 7.0, "a": 0.70, "b": 3.5, "cac": 30.0, "saturation": 300, "capacity": 1500},
    "social": {"customers": 1800, "r": 0.50, "alpha": 8.0, "a": 0.90, "b": 2.5, "cac": 22.0, "saturation": 250, "capacity": 2000},
    "affiliate": {"customers": 1200, "r": 0.45, "alpha": 7.5, "a": 0.80, "b": 3.0, "cac": 40.0, "saturation": 150, "capacity": 800},
    "referral": {"customers": 1000, "r": 0.70, "alpha": 6.0, "a": 0.60, "b": 4.0, "cac": 12.0, "saturation": 60, "capacity": 300},
}
SPEND = {"control": {"p": 6.0, "q": 4.0, "gamma": 20.0}, "recommendations": {"p": 6.0, "q": 4.0, "gamma": 24.0}}


def build() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    seeds = np.random.SeedSequence(SEED).spawn(2 * len(CHANNELS))
    parts, next_id = [], 1
    for i, (channel, spec) in enumerate(CHANNELS.items()):
        half = spec["customers"] // 2
        for j, (group, spend) in enumerate(SPEND.items()):
            n = half if j == 0 else spec["customers"] - half
            tx = simulate_transactions(
                n, r=spec["r"], alpha=spec["alpha"], a=spec["a"], b=spec["b"], **spend,
                start=START, acquisition_days=ACQUISITION_DAYS, observation_days=OBSERVATION_DAYS,
                customer_id_start=next_id, seed=np.random.default_rng(seeds[2 * i + j]),
            )
            tx["channel"] = channel
            tx["recommendations"] = int(group == "recommendations")
            parts.append(tx)
            next_id += n
    log = pd.concat(parts, ignore_index=True)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d")
    channels = pd.DataFrame(
        [{"channel": c, "cac": s["cac"], "saturation": s["saturation"], "capacity": s["capacity"]} for c, s in CHANNELS.items()]
    )
    params = {
        "case": "online retailer (synthetic)",
        "seed": SEED,
        "time_unit": "W",
        "start": START,
        "observation_end": str((pd.Timestamp(START) + pd.Timedelta(days=OBSERVATION_DAYS)).date()),
        "purchase_grain": "D",
        "bgnbd_by_channel": {c: {k: s[k] for k in ("r", "alpha", "a", "b")} for c, s in CHANNELS.items()},
        "gamma_gamma_by_group": SPEND,
    }
    return log, channels, params


if __name__ == "__main__":
    log, channels, params = build()
    log.to_csv(HERE / "retailer_transactions.csv", index=False)
    channels.to_csv(HERE / "retailer_channels.csv", index=False)
    (HERE / "retailer_params.json").write_text(json.dumps(params, indent=2) + "\n")
    print(f"{len(log):,} purchases by {log['customer_id'].nunique():,} customers")
