"""clvkit.validation: scoring holdout forecasts and the naive baselines, on numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit.errors import ClvDataError
from clvkit.validation import holdout_errors, naive_baselines

ACTUAL = pd.Series([0.0, 2.0, 4.0], index=pd.Index([10, 11, 12], name="customer_id"))


def test_holdout_errors_match_hand_computed_totals_and_per_customer_errors():
    forecasts = {"model": [1.0, 2.0, 2.0], "flat": 3.0}
    e = holdout_errors(forecasts, ACTUAL)
    assert list(e.index) == ["model", "flat"]
    # model: total 5 vs 6 -> -16.67%; errors 1, 0, -2 -> mae 1, rmse sqrt(5/3)
    assert e.loc["model", "total"] == 5.0
    assert e.loc["model", "total_error_pct"] == pytest.approx(-100 / 6)
    assert e.loc["model", "mae"] == pytest.approx(1.0)
    assert e.loc["model", "rmse"] == pytest.approx(np.sqrt(5 / 3))
    # flat 3 for everybody: total 9 -> +50%; errors 3, 1, -1 -> mae 5/3, rmse sqrt(11/3)
    assert e.loc["flat", "total"] == 9.0
    assert e.loc["flat", "total_error_pct"] == pytest.approx(50.0)
    assert e.loc["flat", "mae"] == pytest.approx(5 / 3)
    assert e.loc["flat", "rmse"] == pytest.approx(np.sqrt(11 / 3))
    assert e.attrs == {"actual_total": 6.0, "customers": 3}
    assert "mae_vs_best_baseline" not in e.columns


def test_mae_vs_best_baseline_divides_by_the_smallest_baseline_error():
    forecasts = {"model": [1.0, 2.0, 2.0], "flat": 3.0, "zero": 0.0}
    e = holdout_errors(forecasts, ACTUAL, baselines=["flat", "zero"])
    # zero: errors 0, 2, 4 -> mae 2; flat: 5/3 is the best baseline
    assert e.loc["zero", "mae"] == pytest.approx(2.0)
    assert e["mae_vs_best_baseline"].tolist() == pytest.approx([1.0 / (5 / 3), 1.0, 2.0 / (5 / 3)])
    with pytest.raises(ClvDataError, match="baselines"):
        holdout_errors(forecasts, ACTUAL, baselines=["own"])


def test_a_series_forecast_is_matched_to_the_actual_customers_by_id():
    shuffled = pd.Series([2.0, 1.0, 2.0], index=[12, 10, 11])  # = model [1, 2, 2] in another order
    by_id = holdout_errors({"model": shuffled}, ACTUAL)
    by_position = holdout_errors({"model": [1.0, 2.0, 2.0]}, ACTUAL)
    pd.testing.assert_frame_equal(by_id, by_position)


def test_a_dataframe_of_forecasts_works_like_a_mapping():
    frame = pd.DataFrame({"a": [1.0, 2.0, 2.0], "b": [0.0, 0.0, 0.0]}, index=ACTUAL.index)
    pd.testing.assert_frame_equal(holdout_errors(frame, ACTUAL), holdout_errors(dict(frame.items()), ACTUAL))


def test_misaligned_or_broken_inputs_are_refused_in_one_sentence():
    with pytest.raises(ClvDataError, match=r"forecast 'short' has 2 values but actual has 3 customers"):
        holdout_errors({"short": [1.0, 2.0]}, ACTUAL)
    with pytest.raises(ClvDataError, match=r"forecast 'other' is not for the customers of actual"):
        holdout_errors({"other": pd.Series([1.0, 2.0, 3.0], index=[10, 11, 99])}, ACTUAL)
    with pytest.raises(ClvDataError, match=r"forecast 'gap' has 1 missing"):
        holdout_errors({"gap": [1.0, np.nan, 2.0]}, ACTUAL)
    with pytest.raises(ClvDataError, match="actual has 1 missing"):
        holdout_errors({"m": [1.0, 2.0, 3.0]}, [1.0, np.nan, 2.0])
    with pytest.raises(ClvDataError, match="non-empty mapping"):
        holdout_errors({}, ACTUAL)
    with pytest.raises(ClvDataError) as caught:
        holdout_errors({"short": [1.0]}, ACTUAL)
    message = str(caught.value)
    assert message.endswith(".") and ". " not in message  # one sentence


def test_naive_baselines_are_the_own_rate_and_the_pooled_rate():
    cal = pd.DataFrame({"frequency": [2, 0, 1], "T": [10.0, 30.0, 20.0]}, index=[1, 2, 3])
    hold = pd.DataFrame({"duration_holdout": [20.0, 20.0, 20.0]}, index=[1, 2, 3])
    before = cal.copy()
    b = naive_baselines(cal, hold)
    # own: 2/10*20 = 4, 0, 1/20*20 = 1; pooled: 3 purchases / 60 weeks * 20 = 1 each
    assert b["own"].tolist() == pytest.approx([4.0, 0.0, 1.0])
    assert b["average"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert list(b.index) == [1, 2, 3]
    pd.testing.assert_frame_equal(cal, before)
    # the two baselines forecast different customers but need not give the same total
    assert b["own"].sum() == pytest.approx(5.0) and b["average"].sum() == pytest.approx(3.0)


def test_a_customer_with_no_time_observed_gets_no_own_forecast():
    cal = pd.DataFrame({"frequency": [0, 3], "T": [0.0, 30.0]})
    hold = pd.DataFrame({"duration_holdout": [10.0, 10.0]})
    assert naive_baselines(cal, hold)["own"].tolist() == pytest.approx([0.0, 1.0])


def test_naive_baselines_refuse_frames_of_different_customers():
    cal = pd.DataFrame({"frequency": [1, 0], "T": [5.0, 5.0]}, index=[1, 2])
    with pytest.raises(ClvDataError, match="same customers in the same order"):
        naive_baselines(cal, pd.DataFrame({"duration_holdout": [5.0, 5.0]}, index=[2, 1]))
    with pytest.raises(ClvDataError, match="duration_holdout"):
        naive_baselines(cal, pd.DataFrame({"weeks": [5.0, 5.0]}, index=[1, 2]))


def test_on_cdnow_bgnbd_beats_both_baselines_per_customer_and_own_overshoots_the_total(cdnow_split):
    cal, hold = cdnow_split
    model = ck.models.BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)
    weeks = float(hold["duration_holdout"].iloc[0])
    baselines = naive_baselines(cal, hold)
    forecasts = {"BG/NBD": model.predict_purchases(cal, weeks), "own": baselines["own"],
                 "average": baselines["average"]}
    e = ck.validation.holdout_errors(forecasts, hold["frequency_holdout"], baselines=["own", "average"])
    # independent computation of the per-customer error of the own-rate baseline
    own = cal["frequency"].to_numpy() / cal["T"].to_numpy() * weeks
    assert e.loc["own", "mae"] == pytest.approx(np.abs(own - hold["frequency_holdout"].to_numpy()).mean())
    assert e.attrs["actual_total"] == hold["frequency_holdout"].sum()
    assert e.loc["BG/NBD", "mae_vs_best_baseline"] < 1.0
    # ignoring that customers leave, the own rate forecasts far too many purchases (Fader, Hardie & Lee 2005)
    assert e.loc["own", "total_error_pct"] > 30.0
    assert -20.0 < e.loc["BG/NBD", "total_error_pct"] < 0.0  # conservative, and by far less
