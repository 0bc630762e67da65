"""The three case notebooks (08 retailer, 09 subscription, 10 coffee loyalty): every expected answer of their
exercises, and every figure their explanations quote, computed a second way.

The exercise modules compute their answers with clvkit's simulators; here the same decisions are reached by
another route (the raw data files read with pandas, the per-customer CLV of ``customer_lifetime_value``, the
sBG survival summed by hand) and the sentences' figures are compared with the computation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import teach
from clvkit.datasets import dataset_path


# --------------------------------------------------------------------------- 08: the retailer

def test_08_the_test_uplift_is_the_gap_in_mean_order_value_of_the_raw_file():
    from clvkit._exercises import nb08

    raw = pd.read_csv(dataset_path("retailer_transactions.csv"))
    by_group = raw.groupby("recommendations")["amount"].mean()
    assert nb08.retailer_base()[4] == pytest.approx(by_group[1] / by_group[0] - 1, rel=1e-9)
    assert 0.18 < by_group[1] / by_group[0] - 1 < 0.20  # "about 19%" in the notebook and in 08.2


def _control_clv():
    from clvkit._exercises import nb08

    summary, group, bgnbd, gg, _ = nb08.retailer_base()
    control = summary[group.reindex(summary.index) == 0]
    value = ck.customer_lifetime_value(bgnbd, gg, control, horizon=nb08.HORIZON, annual_discount_rate=0.10,
                                       margin=nb08.MARGIN)
    return value["clv"], nb08.control_simulator()[1]


def test_08_1_top_20_by_bounds_on_the_per_customer_clv():
    """Without the simulator: the gain of a customer is uplift x their 12-month CLV (customer_lifetime_value),
    and the running cost lies between nothing and $0.10 for each of the 12 months."""
    from clvkit._exercises import nb08

    clv, tiers = _control_clv()
    uplift = nb08.retailer_base()[4]
    top = tiers.isin(nb08.TOP_20)
    gain_top, gain_rest = uplift * clv[top].sum(), uplift * clv[~top].sum()
    most_running = 12 * nb08.COST_PER_MONTH
    # the top 20% pay for themselves even if every one of them paid the running cost all year ...
    assert gain_top - (nb08.QUOTE_ONCE + most_running) * top.sum() > 0
    # ... and the rest lose money even if none of them paid any running cost: adding them only loses
    assert gain_rest - nb08.QUOTE_ONCE * (~top).sum() < 0
    assert teach.get("08.1").value() == ("top_20", "r1")
    assert teach.check("08.1", ("top_20", "r1")).correct


def test_08_1_figures_quoted_in_the_explanations():
    from clvkit._exercises import nb08
    from clvkit.strategy import Strategy

    clv, tiers = _control_clv()
    assert clv[tiers == "rest"].mean() == pytest.approx(5, abs=0.5)  # "about $5 of margin a year in the rest"
    sim, _ = nb08.control_simulator()
    offer = Strategy(aov_change=nb08.retailer_base()[4], cost_once=nb08.QUOTE_ONCE,
                     cost_per_period=nb08.COST_PER_MONTH)
    even = {t: sim.evaluate(offer.with_levers(target=t)).break_even_cost for t in tiers.cat.categories}
    assert even["top 5-20%"] == pytest.approx(5.06, abs=0.01) and even["top 1%"] == pytest.approx(47.84, abs=0.01)
    assert even["rest"] == pytest.approx(0.30, abs=0.01)
    assert sim.evaluate(offer).break_even_cost == pytest.approx(2.09, abs=0.01)
    net = nb08.rollout_net()
    assert net["top_20"] == pytest.approx(4000, rel=0.05) and net["everyone"] < 0
    # the break-even cost does not depend on the one-off cost it is compared with
    assert sim.evaluate(offer.with_levers(cost_once=1.0)).break_even_cost == pytest.approx(
        sim.evaluate(offer).break_even_cost, rel=1e-12)


def test_08_2_the_test_answer_and_its_explanations():
    assert teach.check("08.2", ("test", "r2")).correct
    for wrong in ("amazon_35", "clickers"):
        assert not teach.check("08.2", (wrong, "r2")).correct
    assert teach.check("08.2", ("тест", "r2"), lang="ru").correct


@pytest.mark.parametrize("key", ["08.1", "08.2"])
def test_an_unanswered_decision_cell_asks_for_an_answer(key):
    feedback = teach.check(key, (..., ...))
    assert not feedback.correct and "replace the ..." in feedback.text
    assert "замените ..." in teach.check(key, (..., ...), lang="ru").text
