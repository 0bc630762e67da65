"""From LTV to the affordable CPA to the conversion a campaign must reach (notebook 02)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import i18n
from clvkit.acquisition import conversion_targets, required_conversion


def _cost_of_a_customer(clicks: int, cost_per_click: float, steps: list[float]) -> float:
    """What one customer costs when `clicks` clicks go through a funnel of `steps`, counted step by step."""
    people = float(clicks)
    for rate in steps:
        people *= rate
    return clicks * cost_per_click / people


@pytest.mark.parametrize("cpc, ceiling", [(0.8, 38.24), (1.5, 200.0), (0.05, 3.0)])
def test_at_the_required_conversion_a_customer_costs_exactly_the_ceiling(cpc, ceiling):
    rate = required_conversion(cpc, ceiling)
    assert _cost_of_a_customer(100_000, cpc, [rate]) == pytest.approx(ceiling, rel=1e-12)


def test_the_required_conversion_is_the_lowest_rate_on_a_fine_grid_that_keeps_the_ceiling():
    cpc, ceiling = 0.8, 52.59
    grid = np.arange(1, 100_001) / 1_000_000  # 0.0001% steps up to 10%
    cost = cpc / grid
    lowest = grid[np.argmax(cost <= ceiling)]
    assert lowest - 1e-6 < required_conversion(cpc, ceiling) <= lowest


def test_with_known_funnel_steps_the_remaining_step_carries_the_rest():
    cpc, ceiling, landing = 0.8, 40.0, 0.12
    step = required_conversion(cpc, ceiling, other_steps=landing)
    assert _cost_of_a_customer(10_000, cpc, [landing, step]) == pytest.approx(ceiling, rel=1e-12)
    two = required_conversion(cpc, ceiling, other_steps=[0.5, 0.4])
    assert _cost_of_a_customer(10_000, cpc, [0.5, 0.4, two]) == pytest.approx(ceiling, rel=1e-12)


def test_a_higher_ltv_allows_a_higher_cpa_and_a_lower_conversion_in_proportion():
    d = ck.units.rate_per_unit(0.10, "M")
    ltv = {"90%": ck.formulas.dcf_clv(14, 0.9, d, periods=36), "93%": ck.formulas.dcf_clv(14, 0.93, d, periods=36)}
    table = conversion_targets(ltv, cost_per_click=0.8, target_ratio=3)
    lift = ltv["93%"] / ltv["90%"]
    assert table.loc["93%", "max_cac"] == pytest.approx(table.loc["90%", "max_cac"] * lift)
    assert table.loc["93%", "required_conversion"] == pytest.approx(table.loc["90%", "required_conversion"] / lift)
    # the same figures rearranged: conversion = cost per click x target / LTV
    for name, value in ltv.items():
        assert table.loc[name, "max_cac"] == pytest.approx(value / 3)
        assert table.loc[name, "required_conversion"] == pytest.approx(0.8 * 3 / value)


def test_a_result_above_one_says_no_conversion_can_reach_the_target():
    assert required_conversion(50.0, 40.0) == pytest.approx(1.25)


def test_series_keep_their_rows_and_the_callers_data_is_left_as_it_was():
    costs = pd.Series([0.5, 0.8], index=["social", "search"])
    kept = costs.copy()
    out = required_conversion(costs, 40.0)
    assert list(out.index) == ["social", "search"] and out.name == "required_conversion"
    assert out.tolist() == pytest.approx([0.5 / 40, 0.8 / 40])
    pd.testing.assert_series_equal(costs, kept)


@pytest.mark.parametrize("kwargs, en, ru", [
    (dict(cost_per_click=-1.0, max_cac=40.0), ["cost_per_click is -1.0", "zero or more"],
     ["cost_per_click равен -1.0", "не меньше нуля"]),
    (dict(cost_per_click=0.8, max_cac=0.0), ["max_cac is 0.0", "no conversion"], ["max_cac равен 0.0", "никакая конверсия"]),
    (dict(cost_per_click=0.8, max_cac=pd.Series([40.0, -5.0], index=["search", "social"])),
     ["(row 'social')"], ["(строка 'social')"]),
    (dict(cost_per_click=0.8, max_cac=40.0, other_steps=[0.5, 12]), ["12 at step 2", "0.12"],
     ["шаге 2 стоит 12", "0.12"]),
    (dict(cost_per_click=0.8, max_cac=40.0, other_steps=0), ["0 at step 1"], ["шаге 1 стоит 0"]),
    (dict(cost_per_click="cheap", max_cac=40.0), ["must be an amount", "'cheap'"], ["должен быть суммой", "'cheap'"]),
])
def test_bad_input_is_refused_naming_the_argument_and_the_value_in_both_languages(kwargs, en, ru):
    for lang, words in (("en", en), ("ru", ru)):
        with i18n.language(lang), pytest.raises(ck.ClvDataError) as err:
            required_conversion(**kwargs)
        for word in words:
            assert word in str(err.value)


def test_conversion_targets_refuses_a_non_positive_ltv_in_both_languages():
    for lang, word in (("en", "ltv is -10.0 (row 'lost')"), ("ru", "ltv равен -10.0 (строка 'lost')")):
        with i18n.language(lang), pytest.raises(ck.ClvDataError, match=word.replace("(", r"\(").replace(")", r"\)")):
            conversion_targets({"kept": 100.0, "lost": -10.0}, cost_per_click=0.8)


def test_two_series_with_different_rows_are_refused_rather_than_matched_by_position():
    costs = pd.Series([0.5, 0.8], index=["social", "search"])
    ceilings = pd.Series([40.0, 30.0], index=["search", "social"])
    for lang, word in (("en", "different rows"), ("ru", "разными строками")):
        with i18n.language(lang), pytest.raises(ck.ClvDataError, match=word):
            required_conversion(costs, ceilings)
    same = required_conversion(costs, ceilings.reindex(costs.index))
    assert same.tolist() == pytest.approx([0.5 / 30.0, 0.8 / 40.0])
