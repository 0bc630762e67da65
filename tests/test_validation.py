"""Model validation and the checks of inputs, on numbers worked out by hand.

clvkit.validation scores holdout forecasts against naive baselines; clvkit.diagnostics
computes the tables behind the validation charts; clvkit._checks refuses bad arguments
and tables with one sentence in the reader's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import diagnostics, i18n
from clvkit._checks import check_choice, check_number, validate_summary
from clvkit.errors import ClvDataError
from clvkit.models import BGNBD, ShiftedBetaGeometric
from clvkit.validation import holdout_errors, naive_baselines

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]

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


# ------------------------------------------------------------------ checks of arguments and tables
def test_argument_checks_name_the_argument_the_allowed_values_and_the_value_in_both_languages():
    with pytest.raises(ClvDataError, match=r"timing must be one of 'begin', 'end'; got 'middle'"):
        check_choice("timing", "middle", ("begin", "end"))
    with pytest.raises(ClvDataError, match=r"margin must be in \[0, 1\]; got 1.5"):
        check_number("margin", 1.5, low=0.0, high=1.0)
    with pytest.raises(ClvDataError, match=r"bins must be a number; got 'ten'"):
        check_number("bins", "ten")
    with i18n.language("ru"):
        with pytest.raises(ClvDataError, match=r"timing должен быть одним из: 'begin', 'end'; получено 'middle'"):
            check_choice("timing", "middle", ("begin", "end"))
        with pytest.raises(ClvDataError, match=r"margin должен лежать в интервале \(0, 1\]; получено 0"):
            check_number("margin", 0, low=0.0, high=1.0, low_open=True)
        with pytest.raises(ClvDataError, match="конечным числом"):
            check_number("discount_rate", float("nan"))


def test_table_checks_count_the_bad_rows_and_translate_the_table_name():
    summary = pd.DataFrame({"frequency": [1, -2, 3, -1], "recency": [1.0, 2.0, 3.0, 1.0], "T": [5.0] * 4})
    with pytest.raises(ClvDataError, match=r"Column 'frequency' of the summary must not be negative; it is in "
                                           r"2 rows \(first: 1 -> -2, 3 -> -1\)"):
        validate_summary(summary, ["frequency", "recency", "T"])
    with i18n.language("ru"):
        with pytest.raises(ClvDataError, match=r"Столбец 'frequency' таблицы «сводка по клиентам» не может быть "
                                               r"отрицательным.*2 строки \(первые: 1 -> -2, 3 -> -1\)"):
            validate_summary(summary, ["frequency", "recency", "T"])
        with pytest.raises(ClvDataError, match=r"нет столбца 'T'.*'recency'"):
            validate_summary(summary.drop(columns="T"), ["frequency", "recency", "T"])
    with pytest.raises(ClvDataError, match=r"has no column 'recncy'.*did you mean 'recency'"):
        validate_summary(summary, ["recncy"])


def test_validation_messages_speak_russian_too():
    with i18n.language("ru"):
        with pytest.raises(ClvDataError, match=r"В прогнозе 'short' 2 значения, а в actual 3 клиента"):
            holdout_errors({"short": [1.0, 2.0]}, ACTUAL)
        with pytest.raises(ClvDataError, match=r"В прогнозе 'gap' 1 значение с пропусками"):
            holdout_errors({"gap": [1.0, np.nan, 2.0]}, ACTUAL)


# ------------------------------------------------------------------ diagnostics: the numbers behind the charts
@pytest.fixture(scope="module")
def bgnbd():
    # Fader, Hardie & Lee (2005) CDNOW estimates
    return BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)


def test_plots_still_offers_the_diagnostics_under_their_old_names():
    from clvkit import plots

    for name in diagnostics.__all__:
        assert getattr(plots, name) is getattr(diagnostics, name)


def test_diagnostics_import_no_plotting_library():
    import subprocess
    import sys

    code = ("import sys, clvkit.diagnostics, clvkit.validation; "
            "print(','.join(m for m in ('matplotlib', 'seaborn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_survival_comparison_puts_observed_sbg_and_constant_side_by_side():
    t = diagnostics.survival_comparison(REGULAR, periods=12)
    model = ShiftedBetaGeometric().fit(REGULAR)
    np.testing.assert_allclose(t["observed"].iloc[:8], np.array(REGULAR) / 1000)
    assert t["observed"].iloc[8:].isna().all()
    np.testing.assert_allclose(t["sbg"], model.survival(np.arange(13)))
    r = (241 / 1000) ** (1 / 7)
    np.testing.assert_allclose(t["constant"], r ** np.arange(13))
    # the constant line meets the data at the last observed period
    assert t.loc[7, "constant"] == pytest.approx(0.241)
    np.testing.assert_allclose(t["observed_retention"].iloc[1:8], np.array(REGULAR[1:]) / np.array(REGULAR[:-1]))


def test_expected_purchases_matrix_is_the_model_prediction_on_a_grid(bgnbd):
    m = diagnostics.expected_purchases_matrix(bgnbd, t=10, T=38.86, max_frequency=5, n_recency=5)
    assert m.shape == (6, 5)
    one = pd.DataFrame({"frequency": [3.0], "recency": [m.columns[2]], "T": [38.86]})
    one.attrs["time_unit"] = "W"
    assert m.loc[3].iloc[2] == pytest.approx(float(bgnbd.predict_purchases(one, 10)[0]))
    # more recent buyers are expected to buy more
    assert np.all(np.diff(m.loc[5].to_numpy()) > 0)


def test_probability_alive_matrix_is_one_for_non_repeaters_under_bgnbd(bgnbd):
    m = diagnostics.probability_alive_matrix(bgnbd, T=30, max_frequency=4, n_recency=4)
    np.testing.assert_allclose(m.loc[0], 1.0)
    assert m.loc[4].iloc[0] < m.loc[4].iloc[-1]


def test_probability_alive_history_recomputes_the_summary_at_each_date(bgnbd):
    tx = pd.DataFrame({"customer_id": 7, "date": pd.to_datetime(["1997-01-01", "1997-01-15", "1997-03-01"]),
                       "amount": 10.0})
    h = diagnostics.probability_alive_history(bgnbd, tx, observation_end="1997-06-30")
    assert list(h.attrs["purchases"]) == pytest.approx([0, 2, 59 / 7])
    at = h.loc[h["t"] == pytest.approx(10.0)] if (h["t"] == 10.0).any() else h.iloc[[len(h) // 2]]
    row = at.iloc[0]
    expected_f = int(np.sum(np.array([2, 59 / 7]) <= row["t"]))
    assert row["frequency"] == expected_f
    summary = pd.DataFrame({"frequency": [row["frequency"]], "recency": [row["recency"]], "T": [row["t"]]})
    summary.attrs["time_unit"] = "W"
    assert row["p_alive"] == pytest.approx(float(bgnbd.probability_alive(summary)[0]))
    # at a purchase P(alive) peaks: BG/NBD customers may drop out right after buying, so the
    # peak is 1 / (1 + a / (b + x - 1)) (Fader, Hardie & Lee 2005, eq. 11 with t_x = T), here x = 2
    peak = h.loc[np.isclose(h["t"], 59 / 7), "p_alive"].iloc[0]
    assert peak == pytest.approx(1 / (1 + 0.793 / (2.426 + 1)))
    assert peak == pytest.approx(h.loc[h["t"] >= 59 / 7 - 1e-9, "p_alive"].max())
    with pytest.raises(ClvDataError, match="one customer"):
        diagnostics.probability_alive_history(bgnbd, pd.DataFrame({"customer_id": [1, 2], "date": ["1997-01-01"] * 2}))


def test_holdout_by_frequency_averages_actual_and_expected(bgnbd, cdnow_split):
    cal, hold = cdnow_split
    t = diagnostics.holdout_by_frequency(bgnbd, cal, hold, max_frequency=7)
    assert t["customers"].sum() == len(cal)
    zero = cal["frequency"] == 0
    assert t.loc[0, "actual"] == pytest.approx(hold.loc[zero, "frequency_holdout"].mean())
    expected = bgnbd.predict_purchases(cal, float(hold["duration_holdout"].iloc[0]))
    assert t.loc[0, "expected"] == pytest.approx(float(np.mean(np.asarray(expected)[zero.to_numpy()])))


def test_expected_cumulative_repeat_purchases_integrates_over_first_purchase_dates(bgnbd):
    times = np.array([5.0, 20.0])
    got = diagnostics.expected_cumulative_repeat_purchases(bgnbd, [0.0, 0.0, 3.0, 30.0], times)
    by_hand = [2 * bgnbd.expected_purchases(t) + bgnbd.expected_purchases(t - 3.0) for t in times]
    np.testing.assert_allclose(got, by_hand)


def test_tracking_table_counts_repeat_days_and_matches_the_published_cdnow_scale(bgnbd, cdnow_transactions):
    t = diagnostics.tracking_table(bgnbd, cdnow_transactions, calibration_end="1997-09-30", observation_end="1998-06-30")
    assert len(t) == 78
    # CDNOW 1/10: 1,882 holdout + calibration repeat occasions sum to the weekly total's end value
    cal, hold = ck.split_calibration_holdout(cdnow_transactions, calibration_end="1997-09-30",
                                             observation_end="1998-06-30")
    assert t["actual"].iloc[-1] == cal["frequency"].sum() + hold["frequency_holdout"].sum()
    # the model tracks the data within a few percent at the end (Fader, Hardie & Lee 2005, fig. 2)
    assert t["expected"].iloc[-1] == pytest.approx(t["actual"].iloc[-1], rel=0.05)
    assert np.all(np.diff(t["expected"]) >= 0)


@pytest.mark.parametrize("model_name, peak", [
    # 1 / (1 + a / (b + x)) with a = 0.8, b = 2.5 and x = 2 repeat purchases
    ("MBGNBD", 1 / (1 + 0.8 / (2.5 + 2))),
    # Pareto/NBD customers cannot have left before their last purchase
    ("ParetoNBD", 1.0),
])
def test_probability_alive_history_peaks_where_its_docstring_says(model_name, peak):
    from clvkit import models

    params = {"MBGNBD": {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5},
              "ParetoNBD": {"r": 0.55, "alpha": 10.6, "s": 0.61, "beta": 11.7}}[model_name]
    model = getattr(models, model_name).from_params(time_unit="W", **params)
    tx = pd.DataFrame({"customer_id": 7, "date": pd.to_datetime(["1997-01-01", "1997-01-15", "1997-03-01"])})
    h = diagnostics.probability_alive_history(model, tx, observation_end="1997-06-30")
    assert h.loc[np.isclose(h["t"], 59 / 7), "p_alive"].iloc[0] == pytest.approx(peak)
    assert "1 / (1 + a / (b + x - 1)) < 1" in diagnostics.probability_alive_history.__doc__.replace("\n    ", " ")


def test_predicted_vs_actual_averages_each_group_and_pools_the_top():
    table = pd.DataFrame({"frequency": [0, 0, 1, 2, 5],
                          "predicted": [0.0, 0.0, 4.0, 6.0, 10.0],
                          "actual": [1.0, 0.0, 2.0, 3.0, 5.0]})
    before = table.copy()
    groups = diagnostics.predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual", top=2)
    assert groups.index.tolist() == [0, 1, 2]
    assert groups["customers"].tolist() == [2, 1, 2]
    assert groups["predicted"].tolist() == [0.0, 4.0, 8.0]   # (6 + 10) / 2
    assert groups["actual"].tolist() == [0.5, 2.0, 4.0]      # (1 + 0) / 2 and (3 + 5) / 2
    pd.testing.assert_frame_equal(table, before)
    ungrouped = diagnostics.predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual")
    assert ungrouped.index.tolist() == [0, 1, 2, 5]
    with pytest.raises(ClvDataError, match="'actual'"):
        diagnostics.predicted_vs_actual(table.assign(actual=[1.0, np.nan, 0, 0, 0]), by="frequency",
                                  predicted="predicted", actual="actual")




# ------------------------------------------------------------------ every sentence from the catalogue
_SPEAKING_MODULES = ["_checks.py", "diagnostics.py", "validation.py", "app.py", "plots", "widgets"]


def _sources():
    from pathlib import Path

    root = Path(ck.__file__).parent
    for name in _SPEAKING_MODULES:
        path = root / name
        yield from sorted(path.glob("*.py")) if path.is_dir() else [path]


def _literal_words(node) -> bool:
    """A string literal (or an f-string with literal text) holding a word of at least two letters."""
    import ast
    import re

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-zА-Яа-я]{2,}", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_literal_words(v) for v in node.values if isinstance(v, ast.Constant))
    return False


@pytest.mark.parametrize("path", list(_sources()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_errors_titles_labels_and_control_names_come_from_the_catalogue(path):
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            # AttributeError of a lazy module speaks Python's own words, like Python's modules do
            if getattr(node.exc.func, "id", "") != "AttributeError" and _literal_words(node.exc.args[0]):
                found.append(f"line {node.lineno}: an error sentence written in code")
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("set_title", "set_xlabel", "set_ylabel", "set_label") and node.args and \
                    _literal_words(node.args[0]):
                found.append(f"line {node.lineno}: {name} with a literal text")
            for keyword in node.keywords:
                if keyword.arg in ("label", "description", "title") and _literal_words(keyword.value):
                    found.append(f"line {node.lineno}: {keyword.arg}= with a literal text")
    # the command line's help (app.main) speaks to developers in English on purpose
    assert [f for f in found if not (path.name == "app.py" and "description=" in f)] == []
