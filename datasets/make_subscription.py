"""Recipe of the synthetic subscription-service case (run: python datasets/make_subscription.py).

A streaming service sells two monthly plans. Subscribers join in monthly cohorts
during 2022 and are observed until the end of June 2024. At every monthly renewal
a subscriber cancels with a probability drawn from the plan's Beta distribution
(the shifted beta-geometric model); a content-engagement score from 0 to 10 is tied
to that probability (Gaussian copula, strength 0.7): engaged subscribers churn less.
Writes subscription_payments.csv (one row per paid month) and
subscription_params.json. SYNTHETIC DATA.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from clvkit.simulate import simulate_subscriptions, subscription_payments

HERE = Path(__file__).resolve().parent
SEED = 20240602
START, ACQUISITION_MONTHS, OBSERVATION_MONTHS = "2022-01-01", 12, 30
ENGAGEMENT = 0.7
PLANS = {
    "basic": {"subscribers": 2500, "price": 9.99, "alpha": 0.9, "beta": 2.2},
    "premium": {"subscribers": 1500, "price": 14.99, "alpha": 1.2, "beta": 5.0},
}


def build() -> tuple[pd.DataFrame, dict]:
    seeds = np.random.SeedSequence(SEED).spawn(len(PLANS))
    parts, next_id = [], 1
    for i, (plan, spec) in enumerate(PLANS.items()):
        subs = simulate_subscriptions(
            spec["subscribers"], alpha=spec["alpha"], beta=spec["beta"], price=spec["price"], start=START,
            acquisition_months=ACQUISITION_MONTHS, observation_months=OBSERVATION_MONTHS, engagement=ENGAGEMENT,
            customer_id_start=next_id, seed=np.random.default_rng(seeds[i]),
        )
        pay = subscription_payments(subs)[["customer_id", "date", "amount", "engagement"]]
        pay.insert(3, "plan", plan)
        parts.append(pay)
        next_id += spec["subscribers"]
    log = pd.concat(parts, ignore_index=True)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d")
    params = {
        "case": "subscription service (synthetic)",
        "seed": SEED,
        "time_unit": "M",
        "start": START,
        "acquisition_months": ACQUISITION_MONTHS,
        "observation_end": str((pd.Timestamp(START) + pd.DateOffset(months=OBSERVATION_MONTHS) - pd.Timedelta(days=1)).date()),
        "engagement_copula_strength": ENGAGEMENT,
        "sbg_by_plan": {p: {"alpha": s["alpha"], "beta": s["beta"], "price": s["price"]} for p, s in PLANS.items()},
    }
    return log, params


if __name__ == "__main__":
    log, params = build()
    log.to_csv(HERE / "subscription_payments.csv", index=False)
    (HERE / "subscription_params.json").write_text(json.dumps(params, indent=2) + "\n")
    print(f"{len(log):,} monthly payments by {log['customer_id'].nunique():,} subscribers")
