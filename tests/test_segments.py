"""Segments, tiers and value concentration partition the base and measure what they claim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clvkit.errors import ClvDataError
from clvkit.segments import (
    SEGMENT_RULES,
    clv_tiers,
    gini,
    lorenz_curve,
    retention_targets,
    rfm_scores,
    rfm_segments,
    segment_summary,
    top_share,
    upsell_targets,
    value_concentration,
)


@pytest.fixture
def summary():
    rng = np.random.default_rng(0)
    n = 1_000
    T = rng.uniform(10, 60, n)
    f = rng.poisson(1.5, n)
    rec = np.where(f > 0, T * rng.uniform(0, 1, n), 0.0)
    m = np.where(f > 0, rng.gamma(5, 8, n), 0.0)
    return pd.DataFrame({"frequency": f, "recency": rec, "T": T, "monetary_value": m},
                        index=pd.Index(np.arange(100, 100 + n), name="customer_id"))


def test_rfm_scores_are_between_one_and_bins_and_better_customers_score_higher(summary):
    scores = rfm_scores(summary, bins=5)
    for col in ("recency_score", "frequency_score", "monetary_score"):
        assert scores[col].between(1, 5).all()
    since = summary["T"] - summary["recency"]
    assert since[scores["recency_score"] == 5].max() <= since[scores["recency_score"] == 1].min()
    assert (scores["rfm_sum"] == scores[["recency_score", "frequency_score", "monetary_score"]].sum(axis=1)).all()


def test_tied_values_share_one_score_whatever_the_row_order(summary):
    scores = rfm_scores(summary)
    assert scores.groupby(summary["frequency"])["frequency_score"].nunique().max() == 1
    shuffled = summary.sample(frac=1.0, random_state=1)
    again = rfm_scores(shuffled).loc[summary.index]
    pd.testing.assert_frame_equal(again, scores)


def test_equal_values_without_ties_split_into_equal_quantile_groups():
    s = pd.DataFrame({"frequency": np.arange(100), "recency": np.zeros(100), "T": np.ones(100),
                      "monetary_value": np.arange(100.0)})
    counts = rfm_scores(s, bins=4)["frequency_score"].value_counts().sort_index()
    assert counts.tolist() == [25, 25, 25, 25]


def test_segment_counts_add_up_to_the_base(summary):
    seg = rfm_segments(summary)
    assert seg["segment"].notna().all()
    table = segment_summary(seg, value=None)
    assert table["customers"].sum() == len(summary)
    assert list(table.index) == list(SEGMENT_RULES["segment"])


def test_the_rule_table_gives_every_rfm_cell_exactly_one_first_match():
    r, f = np.meshgrid(np.arange(1, 6), np.arange(1, 6))
    hits = np.zeros(r.shape, dtype=int)
    for row in SEGMENT_RULES.itertuples():
        hits += (r >= row.r_min) & (r <= row.r_max) & (f >= row.f_min) & (f <= row.f_max) & (hits == 0)
    assert (hits == 1).all()


def test_champions_bought_more_often_and_more_recently_than_hibernating(summary):
    seg = rfm_segments(summary).join(summary)
    champ = seg[seg["segment"] == "champions"]
    hib = seg[seg["segment"] == "hibernating"]
    assert champ["frequency"].mean() > hib["frequency"].mean()
    assert (champ["T"] - champ["recency"]).mean() < (hib["T"] - hib["recency"]).mean()


def test_a_rule_table_with_a_gap_is_refused(summary):
    with pytest.raises(ClvDataError, match="without a segment"):
        rfm_segments(summary, rules=SEGMENT_RULES.iloc[:-1])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=300))
def test_tiers_partition_the_base(values):
    tiers = clv_tiers(values)
    assert tiers.notna().all() and len(tiers) == len(values)
    counts = tiers.value_counts(sort=False)
    n = len(values)
    assert counts.iloc[0] == int(np.ceil(0.01 * n))
    assert counts.sum() == n
    # Every customer in a higher tier is worth at least as much as every one in a lower tier.
    v = pd.Series(values)
    codes = tiers.cat.codes
    for k in range(3):
        upper, lower = v[codes == k], v[codes > k]
        if len(upper) and len(lower):
            assert upper.min() >= lower.max()


def test_tiers_take_custom_cuts_and_labels():
    tiers = clv_tiers(np.arange(10.0), cuts=(0.5,), labels=("top half", "bottom half"))
    assert tiers.value_counts(sort=False).tolist() == [5, 5]
    assert tiers.iloc[9] == "top half"
    with pytest.raises(ClvDataError, match="cuts"):
        clv_tiers([1, 2], cuts=(0.5, 0.2))


def test_gini_agrees_with_the_area_under_the_lorenz_curve():
    values = np.random.default_rng(3).pareto(1.5, 2_000)
    curve = lorenz_curve(values)
    area = np.trapezoid(curve["value_share"], curve["customer_share"])
    assert gini(values) == pytest.approx(1 - 2 * area, abs=1e-9)
    assert gini(np.ones(50)) == pytest.approx(0.0)


def test_top_share_counts_the_largest_values():
    values = [1.0] * 80 + [4.0] * 20
    assert top_share(values, 0.2) == pytest.approx(80 / 160)
    table = value_concentration(values, tops=(0.2, 1.0))
    assert table["value_share"].tolist() == pytest.approx([0.5, 1.0])
    assert table.attrs["gini"] == pytest.approx(gini(values))


def test_concentration_refuses_negative_values():
    with pytest.raises(ClvDataError, match="negative"):
        gini([1.0, -2.0])


def test_retention_targets_are_valuable_customers_whose_p_alive_fell():
    d = pd.DataFrame({"clv": [500.0, 400.0, 300.0, 5.0], "p_alive": [0.2, 0.9, 0.5, 0.1],
                      "p_alive_before": [0.9, 0.95, 0.52, 0.8]})
    out = retention_targets(d, top=0.75, previous_p_alive="p_alive_before", min_drop=0.05)
    assert out.index.tolist() == [0]
    out = retention_targets(d, top=0.75)
    # Value if alive = CLV / P(alive): 2500 and 600; at risk is the part lost if gone: 2000 and 300.
    assert out.index.tolist() == [0, 2]
    assert out["value_if_alive"].tolist() == pytest.approx([2500.0, 600.0])
    assert out["value_at_risk"].tolist() == pytest.approx([2000.0, 300.0])


def test_a_floor_on_p_alive_keeps_customers_the_model_has_all_but_written_off_off_the_list():
    # customer 0: P(alive) one in a billion, so CLV / P(alive) puts him first on a "value if alive" of 20,000
    d = pd.DataFrame({"clv": [0.00002, 40.0, 30.0, 20.0], "p_alive": [1e-9, 0.5, 0.05, 0.3]})
    everyone = retention_targets(d, top=1.0)
    assert everyone.index.tolist() == [0, 2, 3, 1]
    assert everyone.loc[0, "value_at_risk"] == pytest.approx(0.00002 / 1e-9 * (1 - 1e-9))
    floored = retention_targets(d, top=1.0, min_p_alive=0.05)
    # kept: P(alive) at or above the floor (0.05 itself stays); at risk 30 / 0.05 * 0.95 = 570, 20 / 0.3 * 0.7
    # and 40 / 0.5 * 0.5, written out
    assert floored.index.tolist() == [2, 3, 1]
    assert floored["value_at_risk"].tolist() == pytest.approx([570.0, 20 / 0.3 * 0.7, 40.0])
    # the top share is taken over the whole base: the two highest CLVs are customers 1 and 2
    assert retention_targets(d, top=0.5, min_p_alive=0.06).index.tolist() == [1]
    with pytest.raises(ClvDataError, match="min_p_alive"):
        retention_targets(d, min_p_alive=1.5)


def test_value_at_risk_counts_p_alive_once_against_fhl_2005_active_customer_expectation():
    """A model CLV is P(alive) x the value of an active customer, so value at risk is that value x (1 - P(alive)).

    The second computation writes the expected purchases of a customer known to be active (the
    bracket of Fader, Hardie & Lee 2005, eq. 10, with scipy's hyp2f1) independently of clvkit.
    """
    from scipy.special import hyp2f1

    from clvkit.models.bgnbd import bgnbd_conditional_expected_purchases, bgnbd_probability_alive

    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426  # FHL 2005 CDNOW estimates
    x = np.array([2.0, 5.0, 9.0, 1.0, 0.0])
    t_x = np.array([30.43, 13.0, 23.4, 2.0, 0.0])
    T = np.array([38.86, 27.0, 38.0, 36.0, 30.0])
    t, spend = 52.0, np.array([40.0, 147.0, 30.0, 25.0, 20.0])
    clv = spend * bgnbd_conditional_expected_purchases(r=r, alpha=alpha, a=a, b=b, x=x, t_x=t_x, T=T, t=t)
    p_alive = bgnbd_probability_alive(r=r, alpha=alpha, a=a, b=b, x=x, t_x=t_x, T=T)
    table = pd.DataFrame({"clv": clv, "p_alive": p_alive})
    out = retention_targets(table, top=1.0, max_p_alive=1.0).sort_index()

    z = t / (alpha + T + t)
    active = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
                                            * hyp2f1(r + x, b + x, a + b + x - 1, z))
    assert out["value_if_alive"].to_numpy() == pytest.approx(spend * active, rel=1e-9)
    assert out["value_at_risk"].to_numpy() == pytest.approx(spend * active * (1 - p_alive), rel=1e-9)
    # The formula it replaces, CLV x (1 - P(alive)), is smaller by exactly the factor P(alive).
    lapsed = p_alive < 1
    assert (out["value_at_risk"] * p_alive).to_numpy()[lapsed] == pytest.approx((clv * (1 - p_alive))[lapsed])


def test_value_at_risk_of_a_customer_with_no_chance_to_be_alive_is_refused_unless_the_value_is_zero():
    d = pd.DataFrame({"clv": [50.0, 0.0, 10.0], "p_alive": [0.0, 0.0, 0.5]})
    with pytest.raises(ClvDataError, match="'p_alive' is 0 while the value in column 'clv' is not, in 1 of"):
        retention_targets(d, top=1.0)
    import clvkit.i18n

    with clvkit.i18n.language("ru"), pytest.raises(ClvDataError, match="P\\(alive\\) равна 0, а ценность в столбце 'clv'"):
        retention_targets(d, top=1.0)
    out = retention_targets(d.iloc[1:], top=1.0)
    assert out.loc[1, "value_at_risk"] == 0.0 and out.loc[2, "value_at_risk"] == pytest.approx(10.0)


def test_upsell_targets_are_frequent_buyers_with_small_orders():
    d = pd.DataFrame({"frequency": [10, 9, 1, 2, 0, 8], "monetary_value": [12.0, 60.0, 15.0, 50.0, 0.0, 20.0]})
    out = upsell_targets(d, min_frequency_quantile=0.5, max_order_value_quantile=0.5)
    assert set(out.index) == {0, 5}
    assert out.index[0] == 0  # largest gap x frequency
    # Gap to the repeat buyers' median order value (20): 8 for customer 0, 0 for customer 5.
    assert out["order_value_gap"].tolist() == [8.0, 0.0]


def test_missing_columns_are_named():
    with pytest.raises(ClvDataError, match="monetary_value"):
        rfm_scores(pd.DataFrame({"frequency": [1], "recency": [1.0], "T": [2.0]}))
