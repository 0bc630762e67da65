"""summarize / split_calibration_holdout: the conventions of the literature, exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clvkit as ck
from clvkit import ClvDataError


def test_cdnow_calibration_summary_matches_the_canonical_figures(cdnow_summary):
    s = cdnow_summary
    assert len(s) == 2357
    assert int((s["frequency"] == 0).sum()) == 1411
    assert int(s["frequency"].sum()) == 2457
    assert round(float(s["T"].min()), 2) == 27.00
    assert round(float(s["T"].max()), 2) == 38.86
    repeat = s.loc[s["frequency"] > 0, "monetary_value"]
    assert len(repeat) == 946
    assert round(float(repeat.mean()), 2) == 35.08


def test_cdnow_summary_agrees_with_the_published_summary_row_by_row(cdnow_summary):
    published = ck.datasets.load_cdnow_calibration_summary_published()
    ours = cdnow_summary.loc[published.index]
    np.testing.assert_array_equal(ours["frequency"].to_numpy(), published["frequency"].to_numpy())
    # the published file rounds weeks and dollars to two decimals
    for col in ("recency", "T", "monetary_value"):
        np.testing.assert_allclose(ours[col].to_numpy(), published[col].to_numpy(), atol=0.0051)


def test_summary_records_its_units(cdnow_summary):
    assert cdnow_summary.attrs == {"time_unit": "W", "purchase_grain": "D", "observation_end": "1997-09-30"}


def test_same_day_purchases_are_one_occasion_and_the_first_is_left_out_of_monetary_value():
    tx = ck.load_transactions(pd.DataFrame({
        "customer_id": [1, 1, 1, 1],
        "date": ["2024-01-01", "2024-01-08", "2024-01-08", "2024-01-15"],
        "amount": [100.0, 10.0, 20.0, 40.0],
    }))
    s = ck.summarize(tx, observation_end="2024-01-29")
    row = s.loc[1]
    assert row["frequency"] == 2
    assert row["recency"] == pytest.approx(2.0)
    assert row["T"] == pytest.approx(4.0)
    assert row["monetary_value"] == pytest.approx((30.0 + 40.0) / 2)
    assert row["n_transactions"] == 4
    assert row["total_amount"] == pytest.approx(170.0)
    assert row["first_purchase"] == pd.Timestamp("2024-01-01")


def test_time_unit_days_and_weekly_grain():
    tx = ck.load_transactions(pd.DataFrame({
        "customer_id": [1, 1, 1], "date": ["2024-01-01", "2024-01-03", "2024-01-10"], "amount": [5.0, 5.0, 5.0]}))
    days = ck.summarize(tx, observation_end="2024-01-31", time_unit="D")
    assert days.loc[1, "recency"] == pytest.approx(9.0) and days.loc[1, "T"] == pytest.approx(30.0)
    weekly = ck.summarize(tx, observation_end="2024-01-31", purchase_grain="W")
    assert weekly.loc[1, "frequency"] == 1  # Monday 1st and Wednesday 3rd share an ISO week


def test_purchases_after_observation_end_are_left_out(cdnow_transactions):
    s = ck.summarize(cdnow_transactions, observation_end="1997-09-30")
    assert s["n_transactions"].sum() == (cdnow_transactions["date"] <= "1997-09-30").sum()


def test_holdout_counts_later_occasions_of_calibration_customers(cdnow_split, cdnow_transactions):
    cal, hold = cdnow_split
    assert hold.index.equals(cal.index)
    assert hold["duration_holdout"].iloc[0] == pytest.approx(39.0)
    later = cdnow_transactions[cdnow_transactions["date"] > "1997-09-30"]
    occasions = later.groupby(["customer_id", later["date"].dt.normalize()]).ngroups
    assert int(hold["frequency_holdout"].sum()) == occasions
    assert (hold.loc[hold["frequency_holdout"] == 0, "monetary_value_holdout"] == 0).all()


def test_customers_first_seen_after_calibration_are_left_out():
    tx = ck.load_transactions(pd.DataFrame({
        "customer_id": [1, 1, 2], "date": ["2024-01-01", "2024-03-01", "2024-03-05"], "amount": [5.0, 6.0, 7.0]}))
    cal, hold = ck.split_calibration_holdout(tx, calibration_end="2024-02-01", observation_end="2024-04-01")
    assert list(cal.index) == [1]
    assert hold.loc[1, "frequency_holdout"] == 1


def test_holdout_end_before_calibration_end_is_refused(cdnow_transactions):
    with pytest.raises(ClvDataError, match=r"observation_end \(1997-06-30\) must come after calibration_end"):
        ck.split_calibration_holdout(cdnow_transactions, calibration_end="1997-09-30", observation_end="1997-06-30")


def test_observation_end_before_any_purchase_is_refused(cdnow_transactions):
    with pytest.raises(ClvDataError, match="No purchases fall on or before observation_end=1996-01-01"):
        ck.summarize(cdnow_transactions, observation_end="1996-01-01")


def test_bad_time_unit_and_grain_name_the_choices(cdnow_transactions):
    with pytest.raises(ClvDataError, match="time_unit must be one of"):
        ck.summarize(cdnow_transactions, time_unit="fortnight")
    with pytest.raises(ClvDataError, match="purchase_grain must be one of"):
        ck.summarize(cdnow_transactions, purchase_grain="H")


# ---------------------------------------------------------------- properties
logs = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 120), st.floats(0.0, 500.0, allow_nan=False).map(lambda a: round(a, 2))),
    min_size=1,
    max_size=40,
)


def frame_from(rows):
    return pd.DataFrame({
        "customer_id": [f"c{c}" for c, _, _ in rows],
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta([d for _, d, _ in rows], unit="D"),
        "amount": [a for _, _, a in rows],
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs, st.sampled_from(["D", "W", "M"]), st.sampled_from(["D", "W", "exact"]))
def test_summary_invariants_hold_for_any_log(rows, unit, grain):
    source = frame_from(rows)
    before = source.copy(deep=True)
    tx = ck.load_transactions(source, on_duplicate="keep")
    tx_before = tx.copy(deep=True)
    s = ck.summarize(tx, observation_end="2024-06-01", time_unit=unit, purchase_grain=grain)
    pd.testing.assert_frame_equal(source, before)
    pd.testing.assert_frame_equal(tx, tx_before)
    assert (s["recency"] >= 0).all() and (s["recency"] <= s["T"] + 1e-12).all()
    assert (s["frequency"] <= s["n_transactions"] - 1).all()
    assert np.isfinite(s[["frequency", "recency", "T", "monetary_value"]].to_numpy()).all()


@settings(max_examples=40, deadline=None)
@given(logs, st.randoms(use_true_random=False))
def test_summary_is_invariant_to_row_order(rows, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a = ck.summarize(ck.load_transactions(frame_from(rows), on_duplicate="keep"), observation_end="2024-06-01")
    b = ck.summarize(ck.load_transactions(frame_from(shuffled), on_duplicate="keep"), observation_end="2024-06-01")
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("grain", ["D", "W", "M", "exact"])
@pytest.mark.parametrize("unit", ["D", "W", "M"])
def test_calibration_T_plus_the_holdout_duration_is_the_full_T_at_every_grain(grain, unit):
    # The case of the issue: seen on 2015-01-01 and 2015-02-06, calibration to 2015-02-01, observed to 2015-02-07.
    tx = ck.load_transactions(pd.DataFrame({"customer_id": [1, 1, 2], "amount": [5.0, 7.0, 3.0],
                                            "date": ["2015-01-01", "2015-02-06", "2014-12-20"]}))
    cal, hold = ck.split_calibration_holdout(tx, calibration_end="2015-02-01", observation_end="2015-02-07",
                                             time_unit=unit, purchase_grain=grain)
    full = ck.summarize(tx, observation_end="2015-02-07", time_unit=unit, purchase_grain=grain)
    np.testing.assert_allclose(cal["T"] + hold["duration_holdout"], full.loc[cal.index, "T"], rtol=1e-12)
    if grain == "W" and unit == "W":  # Monday-start weeks: Dec 29, Jan 26 and Feb 2 begin the three weeks
        assert (cal.loc[1, "T"], hold.loc[1, "duration_holdout"], full.loc[1, "T"]) == (4.0, 1.0, 5.0)


def test_calibration_end_before_the_data_is_named_as_calibration_end(cdnow_transactions):
    call = lambda: ck.split_calibration_holdout(cdnow_transactions, calibration_end="1990-01-01",  # noqa: E731
                                                observation_end="1997-09-30")
    with pytest.raises(ClvDataError, match=r"No purchases fall on or before calibration_end=1990-01-01.*later "
                                           r"calibration_end"):
        call()
    with ck.i18n.language("ru"), pytest.raises(ClvDataError, match=r"до calibration_end=1990-01-01 включительно"):
        call()


def test_the_data_path_has_no_import_circle_and_no_private_reach():
    import ast
    from pathlib import Path

    folder = Path(ck.__file__).parent / "data"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                edges.add(node.module)
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private or node.module.startswith("_"), (path.name, node.module, private)
        graph[path.stem] = edges

    def reaches(start, goal, seen=()):
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt))) for nxt in graph.get(start, ()))

    assert not [m for m in graph if reaches(m, m)]
    assert "summary" not in graph["sql"] and "summary" not in graph["cohorts"]
    assert {"_memory", "sql"} <= graph["summary"]


@pytest.mark.parametrize("grain_ns", [86_400 * 10**9, 1])
def test_the_packed_sort_gives_lexsorts_order(grain_ns):
    from clvkit.data._frame import _by_customer_then_time

    rng = np.random.default_rng(5)
    codes = rng.integers(0, 500, 20_000)
    keys = 1_700_000_000 * 10**9 + rng.integers(0, 400, 20_000) * grain_ns * 997
    np.testing.assert_array_equal(_by_customer_then_time(codes, keys), np.lexsort((keys, codes)))
    # too many bits for one integer: lexsort itself
    wide = rng.integers(0, 2**40, 20_000)
    np.testing.assert_array_equal(_by_customer_then_time(codes, wide * 7), np.lexsort((wide * 7, codes)))
