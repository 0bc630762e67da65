"""Recipe of the small "own data" example for notebook 11 (run: python datasets/make_example_orders.py).

A small shop's order export as it comes out of a CRM or a spreadsheet: semicolons
between fields, decimal commas, day.month.year dates, its own column names, orders
sorted by date, one partial refund (a negative amount) and one order exported twice.
Purchases follow BG/NBD (rates per week) and order values Gamma-Gamma; 250 customers
make their first purchase during 2023 and the export ends on 2024-12-31. Writes
example_orders.csv next to this file. SYNTHETIC DATA.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from clvkit.simulate import simulate_transactions

HERE = Path(__file__).resolve().parent
SEED = 20240611
CUSTOMERS = 250
PARAMS = {"r": 0.45, "alpha": 9.0, "a": 0.6, "b": 3.0, "p": 6.0, "q": 4.0, "gamma": 20.0}


def build() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    tx = simulate_transactions(
        CUSTOMERS, **PARAMS, start="2023-01-01", acquisition_days=365, observation_days=730,
        channels={"online": 0.6, "store": 0.4}, customer_id_start=1001, seed=rng,
    )
    tx = tx.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    # A partial refund a week after a repeat order, and one order exported twice:
    # the two faults notebook 11 teaches the loader to handle.
    repeat = tx[tx["customer_id"].duplicated()]
    order = repeat.iloc[len(repeat) // 3]
    refund = order.copy()
    refund["date"] = order["date"] + pd.Timedelta(days=7)
    refund["amount"] = -round(order["amount"] / 2, 2)
    twice = tx.iloc[[len(tx) // 2]]
    tx = pd.concat([tx, refund.to_frame().T, twice], ignore_index=True)
    tx = tx.sort_values("date", kind="stable").reset_index(drop=True)
    out = pd.DataFrame(
        {
            "client": tx["customer_id"].astype(int),
            "order_date": pd.to_datetime(tx["date"]).dt.strftime("%d.%m.%Y"),
            "total": tx["amount"].astype(float).round(2),
            "sales_channel": tx["channel"].astype(str),
        }
    )
    return out


if __name__ == "__main__":
    orders = build()
    orders.to_csv(HERE / "example_orders.csv", sep=";", decimal=",", float_format="%.2f", index=False)
    print(f"{len(orders):,} rows by {orders['client'].nunique():,} customers")
