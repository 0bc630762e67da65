"""Notebook 11's exercises: the decisions agree with a second computation from the raw file, in both languages.

The second route reads the export with the csv module (not the loader), counts refunds and exact
duplicates itself, fits the models on the loaded log directly (not through the workbench), forecasts the
last three months against each customer's own pace written out here, and sums CLV by RFM segment.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import teach
from clvkit.data.transactions import DataQualityWarning
from clvkit._exercises import nb11

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "datasets" / "example_orders.csv"


def rows() -> list[list[str]]:
    with EXPORT.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))[1:]


def loaded() -> pd.DataFrame:
    """The log as the notebook loads it (its report of the netted refund and the dropped row is tested above)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return ck.load_transactions(EXPORT, **nb11.COLUMNS, **nb11.FORMATS, on_negative="net", on_duplicate="drop")


def test_the_report_changes_two_of_the_files_rows_and_the_loader_keeps_the_rest():
    lines = rows()
    refunds = sum(float(r[2].replace(",", ".")) < 0 for r in lines)
    duplicates = sum(n - 1 for n in Counter(map(tuple, lines)).values())
    data = nb11.example()
    assert (data["rows"], data["refunds"], data["duplicates"]) == (len(lines), refunds, duplicates) == (958, 1, 1)
    assert data["kept"] == len(lines) - refunds - duplicates                  # the refund is netted into its order
    assert (refunds + duplicates) / len(lines) < nb11.CHANGED_LIMIT


def test_the_model_beats_each_customers_own_pace_on_the_last_three_months():
    tx = loaded()
    end = tx["date"].max().normalize()
    cut = end - pd.DateOffset(months=3)
    calibration, holdout = ck.split_calibration_holdout(tx, calibration_end=cut, observation_end=end, time_unit="W")
    weeks = (end - cut).days / 7
    actual = holdout["frequency_holdout"].sum()
    model = ck.models.BGNBD().fit(calibration).predict_purchases(calibration, weeks).sum()
    own = (calibration["frequency"] / calibration["T"].where(calibration["T"] > 0)).fillna(0).mul(weeks).sum()
    assert abs(model / actual - 1) < abs(own / actual - 1)                    # the workbench's verdict, by hand
    trust = nb11.example()["trust"]
    assert trust["model_error"] == pytest.approx(abs(model / actual - 1), abs=0.02)
    assert trust["naive_error"] == pytest.approx(abs(own / actual - 1), abs=0.02)
    # customer by customer too: the mean absolute error of the purchases each one was forecast to make
    per_model = ck.models.BGNBD().fit(calibration).predict_purchases(calibration, weeks)
    per_own = (calibration["frequency"] / calibration["T"].where(calibration["T"] > 0)).fillna(0) * weeks
    made = holdout["frequency_holdout"].reindex(calibration.index).fillna(0)
    mae_model, mae_own = (per_model - made).abs().mean(), (per_own - made).abs().mean()
    assert mae_model < mae_own
    errors = trust["errors"]
    assert errors.loc["model", "mae"] == pytest.approx(mae_model, rel=0.05)
    assert errors.loc["own", "mae"] == pytest.approx(mae_own, rel=0.05)
    assert trust["model_error"] < 0.01 and nb11.T["en"]["model"] == "under 1%" and nb11.T["ru"]["model"] == "меньше 1 %"
    assert f"{mae_model:.2f}" in teach.get("11.1").explain["use"]["en"]
    assert teach.get("11.1").value() == ("use", "r1")


def test_the_champions_hold_most_of_the_value_computed_without_the_workbench():
    tx = loaded()
    summary = ck.summarize(tx, time_unit="W")
    bgnbd = ck.models.BGNBD().fit(summary)
    gg = ck.models.GammaGamma().fit(summary[summary["frequency"] > 0])
    clv = ck.customer_lifetime_value(bgnbd, gg, summary, horizon="12 months", annual_discount_rate=0.10,
                                     margin=0.30)["clv"]
    segment = ck.segments.rfm_segments(summary)["segment"].astype(str)
    share = clv.groupby(segment).sum() / clv.sum()
    shown = nb11.example()["segments"]["value_share"]
    assert share.idxmax() == "champions" and share["champions"] > 0.5
    assert share.reindex(shown.index).to_numpy() == pytest.approx(shown.to_numpy(), abs=0.01)
    # the 40 managers: by each customer's own CLV, 40 champions on average, or the 40 biggest spenders
    n, total = nb11.MANAGER_CAPACITY, clv.sum()
    assert n == 40 < int((segment == "champions").sum())                  # the list is not just "the champions"
    by_clv = np.sort(clv.to_numpy())[::-1][:n].sum() / total
    champions = n * clv[segment == "champions"].mean() / total
    spend = summary["total_amount"] if "total_amount" in summary else summary["monetary_value"] * (summary["frequency"] + 1)
    by_spend = clv[spend.sort_values(ascending=False).index[:n]].sum() / total
    lists = nb11.manager_lists()
    assert lists["top_clv"] == pytest.approx(by_clv, abs=0.01)
    assert lists["champions"] == pytest.approx(champions, abs=0.01)
    assert lists["top_spend"] == pytest.approx(by_spend, abs=0.02)
    assert by_clv > max(champions, by_spend)
    assert teach.get("11.2").value() == ("top_clv", "r1")


@pytest.mark.parametrize("key, answer", [("11.1", "использовать"), ("11.1", "use"), ("11.2", "по CLV"),
                                         ("11.2", "top_clv")])
def test_a_decision_accepts_the_option_and_its_russian_word(key, answer):
    assert teach.check(key, (answer, "r1"), lang="ru").correct
    assert teach.check(key, (answer, "r1"), lang="en").correct


def test_a_wrong_reason_is_explained_from_the_data():
    feedback = teach.check("11.2", ("champions", "r2"), lang="ru")
    assert not feedback.correct and nb11.T["ru"]["list_champions"] in feedback.text
    assert nb11.T["ru"]["list_top_clv"] in feedback.text
    feedback = teach.check("11.1", ("fix_first", "r1"), lang="en")
    assert not feedback.correct and "44%" in feedback.text


def test_no_committed_output_of_notebook_11_shows_an_explanation_of_the_right_answer():
    import json

    for lang in ("en", "ru"):
        notebook = (ROOT / "notebooks" / lang / "11_your_own_data.ipynb").read_text(encoding="utf-8")
        shown = json.dumps(json.loads(notebook)["cells"], ensure_ascii=False)
        for key in ("11.1", "11.2"):
            ex = teach.get(key)
            for told in [ex.feedback[lang]] + [ex.explain[v][lang] for v in ex.value()]:
                assert told not in shown, (lang, key)
        assert np.isfinite(nb11.example()["trust"]["model_error"])
