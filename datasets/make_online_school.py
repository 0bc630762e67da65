"""Recipe of the synthetic online-school case, in roubles (run: python datasets/make_online_school.py).

An online school sells courses by monthly subscription on two plans, "basic" (Базовый,
2,990 ₽ a month) and "pro" (Про, 5,990 ₽ a month, with a curator's review of homework).
Students come from four acquisition channels, each with its own funnel (users a month,
conversion to the first payment, cost per user) and its own churn: at every monthly
renewal a student cancels with a probability drawn from the channel's Beta distribution
(the shifted beta-geometric model). The plan does not change churn. An activity score
from 0 to 10 (lessons watched and homework handed in during the first month) is tied to
that probability by a Gaussian copula of strength 0.6: active students churn less.
Students join in monthly cohorts during 2024 and are observed to the end of 2025.

Writes online_school_payments.csv (one row per paid month), online_school_channels.csv
(one month's funnel per channel) and online_school_params.json. SYNTHETIC DATA: shaped
like such a business, not taken from any.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from clvkit.simulate import simulate_subscriptions, subscription_payments

HERE = Path(__file__).resolve().parent
SEED = 20241102
START, ACQUISITION_MONTHS, OBSERVATION_MONTHS = "2024-01-01", 12, 24
ACTIVITY = 0.6
#: Monthly price and the cost of serving one paying student a month (platform, payment fees,
#: curators), in roubles.
PLANS = {"basic": {"price": 2990.0, "cogs": 1190.0}, "pro": {"price": 5990.0, "cogs": 2390.0}}
#: One month's funnel per channel (ua users, c1 the share who pay, cpa roubles a user), the share
#: of buyers who choose "pro", and the sBG churn parameters (per month).
CHANNELS = {
    "search_ads": {"ua": 8000, "c1": 0.020, "cpa": 120.0, "pro_share": 0.30, "alpha": 1.2, "beta": 3.6},
    "social_ads": {"ua": 12000, "c1": 0.012, "cpa": 54.0, "pro_share": 0.20, "alpha": 1.3, "beta": 2.2},
    "bloggers": {"ua": 4000, "c1": 0.025, "cpa": 250.0, "pro_share": 0.25, "alpha": 1.6, "beta": 2.0},
    "partners": {"ua": 2000, "c1": 0.040, "cpa": 140.0, "pro_share": 0.35, "alpha": 1.0, "beta": 4.0},
}


def students(channel: dict) -> int:
    """Students a channel brings over the acquisition year: UA × C1 a month, twelve months."""
    return round(channel["ua"] * channel["c1"]) * ACQUISITION_MONTHS


def build() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    seeds = np.random.SeedSequence(SEED).spawn(len(CHANNELS) * len(PLANS))
    parts, next_id, k = [], 1, 0
    for channel, spec in CHANNELS.items():
        n = students(spec)
        counts = {"pro": round(n * spec["pro_share"])}
        counts["basic"] = n - counts["pro"]
        for plan in PLANS:
            subs = simulate_subscriptions(
                counts[plan], alpha=spec["alpha"], beta=spec["beta"], price=PLANS[plan]["price"], start=START,
                acquisition_months=ACQUISITION_MONTHS, observation_months=OBSERVATION_MONTHS, engagement=ACTIVITY,
                customer_id_start=next_id, seed=np.random.default_rng(seeds[k]),
            )
            pay = subscription_payments(subs).rename(columns={"engagement": "activity"})
            pay = pay[["customer_id", "date", "amount", "activity"]]
            pay.insert(3, "plan", plan)
            pay.insert(4, "channel", channel)
            parts.append(pay)
            next_id += counts[plan]
            k += 1
    log = pd.concat(parts, ignore_index=True).sort_values(["customer_id", "date"], kind="stable", ignore_index=True)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d")
    channels = pd.DataFrame(
        [{"channel": c, "ua": s["ua"], "c1": s["c1"], "cpa": s["cpa"], "cac": round(s["cpa"] / s["c1"], 2)}
         for c, s in CHANNELS.items()]
    )
    params = {
        "case": "online school with monthly subscriptions, roubles (synthetic)",
        "seed": SEED,
        "currency": "RUB",
        "time_unit": "M",
        "start": START,
        "acquisition_months": ACQUISITION_MONTHS,
        "observation_end": str((pd.Timestamp(START) + pd.DateOffset(months=OBSERVATION_MONTHS)
                                - pd.Timedelta(days=1)).date()),
        "activity_copula_strength": ACTIVITY,
        "plans": PLANS,
        "pro_share_by_channel": {c: s["pro_share"] for c, s in CHANNELS.items()},
        "sbg_by_channel": {c: {"alpha": s["alpha"], "beta": s["beta"]} for c, s in CHANNELS.items()},
    }
    return log, channels, params


if __name__ == "__main__":
    log, channels, params = build()
    log.to_csv(HERE / "online_school_payments.csv", index=False)
    channels.to_csv(HERE / "online_school_channels.csv", index=False)
    (HERE / "online_school_params.json").write_text(json.dumps(params, indent=2, ensure_ascii=False) + "\n",
                                                    encoding="utf-8")
    print(f"{len(log):,} monthly payments by {log['customer_id'].nunique():,} students")
