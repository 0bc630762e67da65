"""Notebook 15's exercises, their answers worked out a second way from the published sBG estimates.

The survival of an sBG cohort is the product of its retention rates r_t = (beta + t - 1) / (alpha + beta + t - 1)
(Fader & Hardie 2007, eq. 3); DERL adds the chances of being there at each later renewal, discounted
(Fader & Hardie 2010). Both are summed here term by term with the estimates the paper publishes.
"""

from __future__ import annotations

import numpy as np
import pytest

from clvkit import teach
from clvkit._exercises import nb15
from clvkit.datasets import load_sbg_cohorts

PUBLISHED = {"regular": (0.704, 1.182), "high_end": (0.668, 3.806)}  # Fader & Hardie (2007), alpha and beta


def _survival(t: int, alpha: float, beta: float) -> float:
    return float(np.prod([(beta + k - 1) / (alpha + beta + k - 1) for k in range(1, t + 1)]))


def _derl(d: float, renewals: int, alpha: float, beta: float) -> float:
    """Sum over the later renewals of P(still there | there now), the coming one undiscounted."""
    alive = _survival(renewals, alpha, beta)
    total, k = 0.0, 1
    while True:
        term = _survival(renewals + k, alpha, beta) / alive / (1 + d) ** (k - 1)
        total += term
        if term < 1e-10:
            return total
        k += 1


def _misses(segment: str) -> dict[str, float]:
    cohort = load_sbg_cohorts()[segment]
    alpha, beta = PUBLISHED[segment]
    years = range(8, 13)
    observed = np.array([cohort.loc[t] for t in years], dtype=float)
    first = cohort.loc[1] / cohort.loc[0]
    seventh = (cohort.loc[7] / cohort.loc[0]) ** (1 / 7)
    ways = {"sbg": [1000 * _survival(t, alpha, beta) for t in years], "first_year": [1000 * first ** t for t in years],
            "constant": [1000 * seventh ** t for t in years]}
    return {k: float(np.max(np.abs(np.array(v) / observed - 1))) for k, v in ways.items()}


def test_the_retention_to_value_with_is_the_one_that_missed_the_unseen_years_least():
    misses = _misses("regular")
    assert misses["sbg"] < 0.03 < 0.4 < misses["constant"] < misses["first_year"]
    assert teach.get("15.1").value() == (min(misses, key=misses.get), "r1")
    assert nb15.worst_miss("regular") == pytest.approx(misses, abs=0.005)


def test_fixed_churn_explains_the_rising_retention_in_both_segments():
    assert max(_misses(s)["sbg"] for s in PUBLISHED) < 0.05  # a model where nobody changes fits years 8-12
    assert teach.get("15.2").value() == ("disagree", "r2")
    # and the cohorts' retention does keep rising after year 7, which reason r3 denies
    cohort = load_sbg_cohorts()["regular"]
    assert cohort.loc[12] / cohort.loc[11] > cohort.loc[8] / cohort.loc[7]


def test_the_high_end_subscriber_is_margin_times_derl_after_two_renewals():
    by_hand = 50 * _derl(0.08, 2, *PUBLISHED["high_end"])
    assert teach.get("15.3").value() == pytest.approx(by_hand, rel=2e-3)
    assert by_hand > 50 * _derl(0.08, 0, *PUBLISHED["high_end"])  # worth more than a new one
    assert teach.check("15.3", 100 * by_hand, lang="ru").correct  # roubles at the course rate


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_wrong_choice_is_told_why_with_the_figures(lang):
    text = teach.check("15.1", ("constant", "r1"), lang=lang).text
    assert nb15.E["constant"] in text if lang == "en" else nb15.R["constant"] in text
    assert "❌" in teach.check("15.2", ("agree", "r2"), lang=lang).text
    assert teach.check("15.2", ("disagree", "r2"), lang=lang).correct
