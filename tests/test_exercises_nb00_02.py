"""Exercises of notebooks 00-02: every expected decision computed a second way, by hand or from the course map."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clvkit import teach
from clvkit._exercises import nb00, nb02

ROOT = Path(__file__).resolve().parent.parent
COURSE = {f"{int(n['number']):02d}": n for n in
          yaml.safe_load((ROOT / "notebooks" / "curriculum.yaml").read_text(encoding="utf-8"))["notebooks"]}


def _ltv_by_hand(margin: float, retention: float, months: int = 36) -> float:
    """Expected margin month by month: survival r^t, discounted at 10% a year compounded monthly."""
    monthly = 1.10 ** (1 / 12) - 1
    return sum(margin * retention ** t / (1 + monthly) ** t for t in range(1, months + 1))


def test_00_1_the_map_line_of_02_and_only_02_speaks_of_what_a_new_customer_may_cost():
    assert teach.get("00.1").value() == ("02", "r1")
    lines = {n: COURSE[n]["outcome"]["en"] for n in ("01", "02", "07")}
    assert [n for n, line in lines.items() if "acquisition cost" in line] == ["02"]


def test_00_2_plan_a_is_the_one_that_fits_ninety_minutes_and_reaches_whom_to_call():
    assert teach.get("00.2").value() == ("a", "r1")
    answers = [n for n, e in COURSE.items() if "call first" in e["outcome"]["en"]]
    assert answers == ["05"]
    fits = {plan: sum(COURSE[n]["minutes"] for n in numbers) <= nb00.SESSION_MINUTES
            for plan, numbers in nb00.PLANS.items()}
    reaches = {plan: "05" in numbers for plan, numbers in nb00.PLANS.items()}
    marketer_only = {plan: all(COURSE[n]["path"] == "marketer" for n in numbers) for plan, numbers in nb00.PLANS.items()}
    good = [plan for plan in nb00.PLANS if fits[plan] and reaches[plan] and marketer_only[plan]]
    assert good == ["a"]


def test_01_1_is_the_three_margins_discounted_by_hand():
    assert teach.get("01.1").value() == pytest.approx(100 / 1.1 + 80 / 1.1 ** 2 + 60 / 1.1 ** 3, rel=1e-12)


def test_01_2_candidate_d_is_the_future_margin_and_e_the_future_revenue():
    ratio = 0.8 / 1.1  # survival over discount, year after year
    margin_value = sum(150 * ratio ** t for t in range(1, 2000))
    assert margin_value == pytest.approx(400)
    assert sum(500 * ratio ** t for t in range(1, 2000)) == pytest.approx(1333.333, rel=1e-6)
    assert teach.get("01.2").value() == ("d", "r1")


def test_02_1_launch_because_the_better_retention_moves_the_ceiling_above_the_campaigns_cost_of_a_customer():
    cost = nb02.DISPLAY_CPC / nb02.DISPLAY_CONVERSION
    before = _ltv_by_hand(nb02.MARGIN_PER_MONTH, nb02.RETENTION) / 3
    after = _ltv_by_hand(nb02.MARGIN_PER_MONTH, nb02.BETTER_RETENTION) / 3
    assert before < cost <= after  # the decision turns on the new retention
    assert teach.get("02.1").value() == ("launch", "r1")
    assert teach.check("02.1", ("launch", "r1"), lang="en").correct
    assert not teach.check("02.1", ("hold", "r4"), lang="ru").correct


def test_02_2_marketplace_buys_the_least_value_per_dollar():
    ratios = {name: _ltv_by_hand(m, r) / cac for name, (m, r, cac) in nb02.CHANNELS.items()}
    assert min(ratios, key=ratios.get) == "marketplace"
    assert teach.get("02.2").value() == ("marketplace", "r1")
    assert teach.check("02.2", ("маркетплейс", "r1"), lang="ru").correct
    assert "1,54" in teach.check("02.2", ("поиск", "r1"), lang="ru").text


@pytest.mark.parametrize("key", ["00.1", "00.2", "01.2", "02.1", "02.2"])
def test_every_option_and_reason_of_a_decision_is_explained_in_both_languages(key):
    ex = teach.get(key)
    assert set(ex.explain) == set(ex.options) | set(ex.reasons)
    assert all(ex.explain[k]["en"].strip() and ex.explain[k]["ru"].strip() for k in ex.explain)
