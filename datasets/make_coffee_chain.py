"""Recipe of the synthetic coffee-chain case (run: python datasets/make_coffee_chain.py).

A coffee chain with a loyalty program: members and non-members join during the first
half of 2024 and are observed to the end of 2024. Members buy more often and stay
longer (their own BG/NBD parameters, rates per week); cup prices follow the same
Gamma-Gamma spend for both. Purchase times are kept to the minute, so two coffees on
one day are two occasions (summarise with purchase_grain="exact"). Writes
coffee_transactions.csv and coffee_params.json. SYNTHETIC DATA.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from clvkit.simulate import simulate_transactions

HERE = Path(__file__).resolve().parent
SEED = 20240603
START, ACQUISITION_DAYS, OBSERVATION_DAYS = "2024-01-01", 182, 366
SPEND = {"p": 8.0, "q": 6.0, "gamma": 2.5}  # mean cup 8 * 2.5 / 5 = 4.0
GROUPS = {
    "member": {"customers": 800, "r": 2.0, "alpha": 3.0, "a": 0.4, "b": 8.0},
    "non-member": {"customers": 1700, "r": 1.2, "alpha": 4.0, "a": 0.6, "b": 4.0},
}


def build() -> tuple[pd.DataFrame, dict]:
    seeds = np.random.SeedSequence(SEED).spawn(len(GROUPS))
    parts, next_id = [], 1
    for i, (group, spec) in enumerate(GROUPS.items()):
        tx = simulate_transactions(
            spec["customers"], r=spec["r"], alpha=spec["alpha"], a=spec["a"], b=spec["b"], **SPEND,
            start=START, acquisition_days=ACQUISITION_DAYS, observation_days=OBSERVATION_DAYS, resolution="min",
            customer_id_start=next_id, seed=np.random.default_rng(seeds[i]),
        )
        tx["member"] = int(group == "member")
        parts.append(tx)
        next_id += spec["customers"]
    log = pd.concat(parts, ignore_index=True)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d %H:%M")
    params = {
        "case": "coffee chain loyalty program (synthetic)",
        "seed": SEED,
        "time_unit": "W",
        "start": START,
        "observation_end": str((pd.Timestamp(START) + pd.Timedelta(days=OBSERVATION_DAYS - 1)).date()),
        "purchase_grain": "exact",
        "bgnbd_by_group": {g: {k: s[k] for k in ("r", "alpha", "a", "b")} for g, s in GROUPS.items()},
        "gamma_gamma": SPEND,
    }
    return log, params


if __name__ == "__main__":
    log, params = build()
    log.to_csv(HERE / "coffee_transactions.csv", index=False)
    (HERE / "coffee_params.json").write_text(json.dumps(params, indent=2) + "\n")
    print(f"{len(log):,} purchases by {log['customer_id'].nunique():,} customers")
