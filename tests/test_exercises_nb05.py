"""Notebook 05's decisions: the expected answers and every figure quoted in their explanations, computed a second way.

P(alive) is written out again from Fader, Hardie & Lee (2005), eq. 13, in natural space with the fitted
parameters; "CLV = P(alive) × value if active" is checked on the undiscounted revenue against the expected
purchases of an active customer written with scipy's hyp2f1 (FHL 2005, eq. 10 without P(alive)).
"""

from __future__ import annotations

import re

import pytest
from scipy.special import hyp2f1

from clvkit import teach
from clvkit._exercises import nb05
from clvkit.datasets import load_cdnow_summary
from clvkit.models import BGNBD

WEEKS_IN_12_MONTHS = 365.25 / 7


@pytest.fixture(scope="module")
def fitted():
    summary = load_cdnow_summary()
    return summary, BGNBD().fit(summary).params_


def p_alive_by_hand(params, x, t_x, T):
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    if x == 0:
        return 1.0
    odds = a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    return 1.0 / (1.0 + odds)


def purchases_if_active(params, x, T, t):
    """E[X(T, T + t) | x, t_x, T, active]: FHL (2005) eq. 10 divided by P(alive)."""
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    z = t / (alpha + T + t)
    return (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
                                        * hyp2f1(r + x, b + x, a + b + x - 1, z))


def test_the_frequent_buyer_gone_silent_is_less_likely_active_than_the_rare_recent_one(fitted):
    summary, params = fitted
    alive = {c: p_alive_by_hand(params, *summary.loc[c, ["frequency", "recency", "T"]]) for c in (142, 91)}
    table = nb05.customers()
    for c in alive:
        assert table.loc[c, "p_alive"] == pytest.approx(alive[c], rel=1e-6)
    assert alive[142] < alive[91]
    assert teach.get("05.1").value() == ("swap", "r2")
    # the figures of the explanations: about 1% and about 72%; gaps of about 1.4 and 33 weeks; T 38.0 and 38.3
    assert round(100 * alive[142]) == 1 and round(100 * alive[91]) == 72
    gap = summary["recency"] / summary["frequency"]
    assert round(gap[142], 1) == 1.4 and round(gap[91]) == 33
    silent = summary["T"] - summary["recency"]
    assert round(silent[142]) == 31 and round(silent[91]) == 5
    assert (round(summary.loc[142, "T"], 1), round(summary.loc[91, "T"], 1)) == (38.0, 38.3)
    assert summary.loc[142, "frequency"] == 5 and round(summary.loc[142, "recency"]) == 7


def test_the_model_value_is_p_alive_times_the_value_of_an_active_customer(fitted):
    summary, params = fitted
    table = nb05.customers()
    for c in nb05.CANDIDATES:
        x, T = summary.loc[c, ["frequency", "T"]]
        active = purchases_if_active(params, x, T, WEEKS_IN_12_MONTHS)
        assert table.loc[c, "expected_purchases"] == pytest.approx(table.loc[c, "p_alive"] * active, rel=1e-4)


def test_the_win_back_call_goes_to_the_largest_value_at_risk(fitted):
    table = nb05.customers()
    risk = {c: table.loc[c, "clv"] / table.loc[c, "p_alive"] - table.loc[c, "clv"] for c in nb05.CANDIDATES}
    assert max(risk, key=risk.get) == 2332
    assert teach.get("05.2").value() == ("2332", "r2")
    # the traps are what their reasons say: 509 has the highest CLV, 142 the lowest P(alive)
    assert max(nb05.CANDIDATES, key=lambda c: table.loc[c, "clv"]) == 509
    assert min(nb05.CANDIDATES, key=lambda c: table.loc[c, "p_alive"]) == 142
    # the figures of the explanations (dollars; the Russian ones are a hundred times these)
    assert round(risk[2332]) == 178 and round(table.loc[2332, "clv"]) == 66
    assert round(table.loc[2332, "p_alive"], 2) == 0.27
    assert round(table.loc[509, "clv"]) == 358 and round(100 * table.loc[509, "p_alive"]) == 95
    assert round(risk[509]) == 20
    assert round(table.loc[142, "clv"] / table.loc[142, "p_alive"]) == 50 and round(risk[142]) in (49, 50)
    # not the formula that counts P(alive) twice: about $48 for 2332
    assert round(table.loc[2332, "clv"] * (1 - table.loc[2332, "p_alive"])) == 48


def test_the_explanations_quote_the_same_money_in_both_tracks():
    ex = teach.get("05.2")
    for key in ("509", "2332", "142"):
        dollars = [int(d) for d in re.findall(r"\$(\d+)", ex.explain[key]["en"])]
        roubles = [int(r.replace(" ", "")) for r in re.findall(r"(\d[\d ]*\d) ₽", ex.explain[key]["ru"])]
        assert roubles == [100 * d for d in dollars], key


@pytest.mark.parametrize("key", ["05.1", "05.2"])
def test_an_untouched_decision_cell_asks_for_an_answer_and_russian_words_count(key):
    for lang, words in (("en", "replace the ..."), ("ru", "замените ...")):
        feedback = teach.check(key, (..., ...), lang=lang)
        assert not feedback.correct and words in feedback.text and "❌" not in feedback.text
    if key == "05.1":
        assert teach.check(key, ("поменять местами", "r2"), lang="ru").correct
        assert not teach.check(key, ("согласен", "r2"), lang="ru").correct
    else:
        assert teach.check(key, (2332, "r2"), lang="en").correct  # an id typed as a number
