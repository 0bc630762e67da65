"""Notebook 06's exercises: the lists and the offer's verdict agree with a second computation by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from clvkit import teach
from clvkit._exercises import nb06


def _by_hand():
    """The three call lists of 06.1 built with plain pandas, value at risk written out."""
    customers = nb06.cdnow_base()[3]
    p, clv = customers["p_alive"], customers["clv"]
    at_risk = clv * (1 - p) / p  # value if alive (CLV / P(alive)) less the CLV
    top_clv = customers.sort_values("clv", ascending=False).index[: nb06.CALLS]
    valuable = customers.sort_values("clv", ascending=False).index[: math.ceil(0.2 * len(customers))]
    kept = customers.loc[valuable]
    kept = kept[(kept["p_alive"] <= 0.7) & (kept["p_alive"] >= 0.05)]  # the floor keeps the written-off out
    retention = at_risk[kept.index].sort_values(ascending=False).index[: nb06.CALLS]
    rfm = customers.index[customers["segment"] == "at risk"]
    return customers, at_risk, {"top_clv": top_clv, "rfm_at_risk": rfm, "retention": retention}


def test_the_retention_list_holds_the_most_value_at_risk_per_call():
    customers, at_risk, lists = _by_hand()
    means = {name: float(at_risk[index].mean()) for name, index in lists.items()}
    figures = nb06.figures()
    for name, mean in means.items():
        assert figures[name]["value_at_risk"] == pytest.approx(mean, rel=1e-9)
    assert teach.get("06.1").value() == (max(means, key=means.get), "r2") == ("retention", "r2")
    # the highest CLVs are not where a call gains most: they are probably still buying
    assert customers.loc[lists["top_clv"], "p_alive"].mean() > 0.7
    assert means["retention"] > 1.5 * max(means["top_clv"], means["rfm_at_risk"])


def test_the_offer_pays_by_the_share_it_brings_back_and_the_double_count_would_skip_it():
    customers, at_risk, lists = _by_hand()
    first = lists["retention"]
    gain = nb06.BROUGHT_BACK * float(at_risk[first].mean())
    assert nb06.offer_gain() == pytest.approx(gain)
    assert gain > nb06.OFFER_COST                       # run ...
    assert teach.get("06.2").value() == ("run", "r2")
    p, clv = customers.loc[first, "p_alive"], customers.loc[first, "clv"]
    double = nb06.BROUGHT_BACK * float((clv * (1 - p)).mean())
    assert double < nb06.OFFER_COST                     # ... while CLV × (1 − P(alive)) would skip it
    assert float(at_risk[first].mean()) > nb06.OFFER_COST  # and r1 alone could not tell a price in between


def test_the_floor_keeps_off_the_customers_whose_value_if_alive_rests_on_a_tiny_p_alive():
    customers, at_risk, lists = _by_hand()
    # across the whole base the largest value at risk belongs to a customer the model has all but written off
    assert customers.loc[at_risk.idxmax(), "p_alive"] < 1e-6
    retain = nb06.call_lists()["retention"]
    assert retain["p_alive"].min() >= nb06.MIN_P_ALIVE
    # the list without the floor would start with a customer below it (325, P(alive) about 4%)
    valuable = customers["clv"] >= customers["clv"].sort_values(ascending=False).iloc[math.ceil(0.2 * len(customers)) - 1]
    unfloored = at_risk[valuable & (customers["p_alive"] <= 0.7)].idxmax()
    assert unfloored == 325 and customers.loc[325, "p_alive"] < nb06.MIN_P_ALIVE
    assert 325 not in retain.index


def test_value_at_risk_is_the_value_if_alive_less_the_clv():
    retain = nb06.call_lists()["retention"]
    np.testing.assert_allclose(retain["value_if_alive"] - retain["clv"], retain["value_at_risk"], rtol=1e-12)
    np.testing.assert_allclose(retain["value_if_alive"] * retain["p_alive"], retain["clv"], rtol=1e-12)


@pytest.mark.parametrize("key", ["06.1", "06.2"])
def test_an_answer_cell_not_filled_in_asks_for_an_answer(key):
    assert teach.check(key, (..., ...)).text.startswith(f"✏️ {key}:")
    assert "замените ..." in teach.check(key, (..., "r2"), lang="ru").text


def test_russian_words_name_the_decisions():
    assert teach.check("06.1", ("список на удержание", "r2"), lang="ru").correct
    assert not teach.check("06.1", ("под угрозой", "r2"), lang="ru").correct
    assert teach.check("06.2", ("Запускать", "R2"), lang="ru").correct
    assert not teach.check("06.2", ("не запускать", "r2"), lang="ru").correct
