"""The summary, the holdout split, the compressed histories and the scoring on Spark equal the pandas path.

Spark runs in local mode (the session fixture in conftest.py); under CI=true a missing
pyspark or Java fails these tests instead of skipping them.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
from clvkit import ClvDataError, UnitMismatchError
from clvkit.data import DataQualityWarning

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    # pyspark 4.3 converts Arrow batches with astype(copy=False), which pandas 3 deprecates
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

SUMMARY_COLUMNS = ["frequency", "recency", "T", "monetary_value", "n_transactions", "total_amount"]
END = "2024-03-31"  # a Sunday: the last day of an ISO week and of a month


def _spark_module():
    import clvkit.spark as cs

    return cs


def awkward_log() -> pd.DataFrame:
    """A log with every case the summary has to get right, plus 300 random customers."""
    rows = [
        # several purchases on one day (and in one week, one month), at different times
        ("multi", "2024-01-03 09:00", 10.0), ("multi", "2024-01-03 17:30", 5.0), ("multi", "2024-01-04 08:00", 7.0),
        ("multi", "2024-01-07 23:59", 1.0), ("multi", "2024-01-08 00:00", 2.0), ("multi", "2024-01-31 12:00", 3.0),
        ("multi", "2024-02-01 12:00", 4.0),
        # a refund of part of an order on the same day, and one bigger than the order it returns (-> 0)
        ("refunds", "2024-01-10 10:00", 20.0), ("refunds", "2024-01-10 18:00", -5.0),
        ("refunds", "2024-02-10 10:00", 8.0), ("refunds", "2024-02-12 10:00", -30.0),
        ("refunds", "2024-03-01 10:00", 6.0),
        # a refund before any purchase (dropped by "net"), then purchases
        ("early_refund", "2024-01-01 08:00", -4.0), ("early_refund", "2024-01-15 08:00", 9.0),
        ("early_refund", "2024-02-15 08:00", 11.0),
        # purchases after observation_end are left out
        ("late", "2024-02-20 10:00", 15.0), ("late", "2024-04-02 10:00", 99.0), ("late", "2024-05-01 10:00", 1.0),
        # first seen on the last day (T = 0), and only after the end (left out)
        ("last_day", "2024-03-31 08:00", 12.0), ("last_day", "2024-03-31 20:00", 3.0),
        ("after_end", "2024-04-05 10:00", 50.0),
        # a free order is still a purchase occasion
        ("zero", "2024-01-20 10:00", 0.0), ("zero", "2024-02-20 10:00", 14.0),
    ]
    fixed = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    fixed["date"] = pd.to_datetime(fixed["date"])
    rng = np.random.default_rng(18)
    n = 300
    counts = rng.integers(1, 12, size=n)
    ids = np.repeat([f"c{i:03d}" for i in range(n)], counts)
    seconds = rng.integers(0, 150 * 86_400, size=len(ids))  # 2023-11-01 .. 2024-03-30
    dates = pd.Timestamp("2023-11-01") + pd.to_timedelta(seconds, unit="s")
    amounts = np.round(rng.gamma(2.0, 15.0, size=len(ids)), 2)
    refund = rng.random(len(ids)) < 0.08
    amounts[refund] = -np.round(rng.uniform(1.0, 40.0, size=int(refund.sum())), 2)
    random = pd.DataFrame({"customer_id": ids, "date": dates, "amount": amounts})
    # distinct instants per customer, so "the latest purchase on or before a refund" has one answer
    random = random.drop_duplicates(["customer_id", "date"])
    return pd.concat([fixed, random], ignore_index=True)


def pandas_summary(log, *, on_negative, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        tx = ck.load_transactions(log, on_negative=on_negative, on_duplicate="keep")
    return ck.summarize(tx, **kw)


def collected(spark_frame) -> pd.DataFrame:
    return spark_frame.toPandas().set_index("customer_id").sort_index()


def assert_same_summary(spark_summary: pd.DataFrame, memory: pd.DataFrame) -> None:
    assert spark_summary.index.tolist() == memory.index.tolist()
    pd.testing.assert_frame_equal(spark_summary[SUMMARY_COLUMNS], memory[SUMMARY_COLUMNS], check_exact=False,
                                  rtol=1e-12, atol=1e-12, check_index_type=False)
    assert (spark_summary["first_purchase"].astype("datetime64[ns]") == memory["first_purchase"]).all()


@pytest.fixture(scope="module")
def log():
    return awkward_log()


@pytest.fixture(scope="module")
def spark_log(spark, log):
    return spark.createDataFrame(log).cache()


@pytest.fixture(scope="module")
def spark_cdnow(spark, cdnow_transactions):
    return spark.createDataFrame(cdnow_transactions[["customer_id", "date", "amount"]]).cache()


# ------------------------------------------------------------------ summaries
def test_the_awkward_log_has_the_cases_it_claims(log):
    memory = pandas_summary(log, on_negative="net", observation_end=END, time_unit="D")
    assert memory.loc["last_day", "T"] == 0 and memory.loc["last_day", "n_transactions"] == 2
    assert "after_end" not in memory.index
    assert memory.loc["late", "frequency"] == 0
    assert memory.loc["multi", "frequency"] == 5  # 7 rows on 6 days
    assert memory.loc["refunds", "total_amount"] == pytest.approx(15.0 + 0.0 + 6.0)
    assert (log["amount"] < 0).sum() > 20


@pytest.mark.parametrize("on_negative", ["net", "drop"])
@pytest.mark.parametrize(("grain", "unit"), [("D", "D"), ("W", "W"), ("M", "M"), ("exact", "W")])
def test_summary_on_spark_equals_pandas_on_the_awkward_log(spark_log, log, on_negative, grain, unit):
    cs = _spark_module()
    memory = pandas_summary(log, on_negative=on_negative, observation_end=END, time_unit=unit, purchase_grain=grain)
    summary = cs.summarize(spark_log, observation_end=END, time_unit=unit, purchase_grain=grain,
                           on_negative=on_negative)
    assert_same_summary(collected(summary), memory)
    assert summary.schema["T"].metadata["clvkit"] == memory.attrs


def test_default_observation_end_is_the_last_purchase_day_as_in_pandas(spark, log):
    cs = _spark_module()
    kept = log.loc[log["amount"] >= 0]
    memory = pandas_summary(kept, on_negative="raise")
    summary = cs.summarize(spark.createDataFrame(kept))
    assert summary.schema["T"].metadata["clvkit"]["observation_end"] == memory.attrs["observation_end"] == "2024-05-01"
    assert_same_summary(collected(summary), memory)


@pytest.mark.parametrize("grain", ["D", "M"])
def test_summary_on_spark_equals_pandas_on_cdnow(spark_cdnow, cdnow_transactions, grain):
    cs = _spark_module()
    memory = ck.summarize(cdnow_transactions, observation_end="1997-09-30", purchase_grain=grain)
    assert_same_summary(collected(cs.summarize(spark_cdnow, observation_end="1997-09-30", purchase_grain=grain)),
                        memory)


def test_holdout_split_on_spark_equals_pandas_on_cdnow(spark_cdnow, cdnow_split):
    cs = _spark_module()
    cal, hold = cs.split_calibration_holdout(spark_cdnow, calibration_end="1997-09-30", observation_end="1998-06-30")
    assert_same_summary(collected(cal), cdnow_split[0])
    pd.testing.assert_frame_equal(collected(hold), cdnow_split[1], check_exact=False, rtol=1e-12,
                                  check_index_type=False)
    assert hold.schema["duration_holdout"].metadata["clvkit"]["calibration_end"] == "1997-09-30"


def test_holdout_split_on_spark_equals_pandas_on_the_awkward_log(spark_log, log):
    cs = _spark_module()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        tx = ck.load_transactions(log, on_negative="net")
    cal_m, hold_m = ck.split_calibration_holdout(tx, calibration_end="2024-02-15", observation_end=END,
                                                 time_unit="D", purchase_grain="W")
    cal, hold = cs.split_calibration_holdout(spark_log, calibration_end="2024-02-15", observation_end=END,
                                             time_unit="D", purchase_grain="W", on_negative="net")
    assert_same_summary(collected(cal), cal_m)
    pd.testing.assert_frame_equal(collected(hold), hold_m, check_exact=False, rtol=1e-12, check_index_type=False)
    assert hold_m["frequency_holdout"].sum() > 50  # the holdout has purchases to count


def test_column_names_are_taken_literally(spark, log):
    cs = _spark_module()
    kept = log.loc[log["amount"] >= 0]
    renamed = kept.rename(columns={"customer_id": "client id", "date": "order.date", "amount": "total`eur"})
    summary = cs.summarize(spark.createDataFrame(renamed), customer_col="client id", date_col="order.date",
                           amount_col="total`eur", observation_end=END)
    assert_same_summary(collected(summary), pandas_summary(kept, on_negative="raise", observation_end=END))


def test_spark_summary_raises_the_sentences_of_the_pandas_path(spark):
    cs = _spark_module()
    good = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-01-02"], "amount": [1.0, 2.0]})
    frame = spark.createDataFrame(good)
    with pytest.raises(ClvDataError, match=r"has no column 'amount'.*did you mean 'amt'"):
        cs.summarize(frame.withColumnRenamed("amount", "amt"))
    with pytest.raises(ClvDataError, match=r"Column 'customer_id' has no customer id \(1 row, first values: ' '\)"):
        cs.summarize(spark.createDataFrame(good.assign(customer_id=["a", " "])))
    with pytest.raises(ClvDataError, match=r"Column 'date' has values that are not dates \(1 row, first values: 'soon'\)"):
        cs.summarize(spark.createDataFrame(good.assign(date=["2024-01-01", "soon"])))
    with pytest.raises(ClvDataError, match=r"Column 'amount' has values that are not finite numbers \(1 row"):
        cs.summarize(spark.createDataFrame(good.assign(amount=[1.0, float("nan")])))
    with pytest.raises(ClvDataError, match=r"negative amounts, refunds \(1 row, first values: '-2.0'\)"):
        cs.summarize(spark.createDataFrame(good.assign(amount=[1.0, -2.0])))
    # the argument errors are those of clvkit.summarize, word for word
    for kwargs in ({"observation_end": "2023-12-31"}, {"observation_end": "2024-01-01 12:00"},
                   {"observation_end": "soon"}, {"time_unit": "fortnight"}, {"purchase_grain": "H"}):
        with pytest.raises(ClvDataError) as expected:
            ck.summarize(good, **kwargs)
        with pytest.raises(ClvDataError) as got:
            cs.summarize(frame, **kwargs)
        assert str(got.value) == str(expected.value)
    with pytest.raises(ClvDataError) as expected:
        ck.split_calibration_holdout(good, calibration_end="2024-01-02", observation_end="2024-01-01")
    with pytest.raises(ClvDataError) as got:
        cs.split_calibration_holdout(frame, calibration_end="2024-01-02", observation_end="2024-01-01")
    assert str(got.value) == str(expected.value)
    with pytest.raises(ClvDataError, match="needs a Spark DataFrame; got DataFrame"):
        cs.summarize(good)


# ---------------------------------------------------------- fitting and scoring
@pytest.fixture(scope="module")
def spark_calibration(spark_cdnow):
    cs = _spark_module()
    return cs.split_calibration_holdout(spark_cdnow, calibration_end="1997-09-30", observation_end="1998-06-30")[0]


def test_distinct_histories_fit_the_same_parameters_as_every_customer(spark_calibration, cdnow_summary):
    from clvkit.models import BGNBD, GammaGamma, ParetoNBD

    cs = _spark_module()
    histories = cs.distinct_histories(spark_calibration)
    spend = cs.distinct_histories(spark_calibration, columns=("frequency", "monetary_value"))
    # an independent count of the same compression, in pandas
    for table, keys in ((histories, ["frequency", "recency", "T"]), (spend, ["frequency", "monetary_value"])):
        by_pandas = cdnow_summary.groupby(keys).size()
        assert len(table) == len(by_pandas) < len(cdnow_summary)
        assert table["count"].sum() == len(cdnow_summary)
        assert table.attrs["time_unit"] == "W"
    for model, table in ((BGNBD, histories), (ParetoNBD, histories), (GammaGamma, spend)):
        full = model().fit(cdnow_summary)
        compressed = model().fit(table, weights="count")
        np.testing.assert_allclose(compressed.params_.to_numpy(), full.params_.to_numpy(), rtol=1e-8)
        assert compressed.log_likelihood_ == pytest.approx(full.log_likelihood_, rel=1e-12)
        assert compressed.n_customers_ == full.n_customers_
    assert GammaGamma().fit(spend, weights="count").n_excluded_ == (cdnow_summary["frequency"] == 0).sum()
    with pytest.raises(ClvDataError, match="has no column 'monetary'"):
        cs.distinct_histories(spark_calibration, columns=("frequency", "monetary"))


@pytest.mark.parametrize("model_name", ["BGNBD", "ParetoNBD", "MBGNBD"])
def test_scores_on_spark_equal_the_in_memory_predictions(spark_calibration, cdnow_summary, model_name):
    from clvkit import models

    cs = _spark_module()
    model = getattr(models, model_name)().fit(cdnow_summary)
    spend = models.GammaGamma().fit(cdnow_summary)
    scores = cs.customer_lifetime_value(model, spend, spark_calibration, horizon="12 months",
                                        annual_discount_rate=0.1, margin=0.3)
    # the rows are scored by Python on the executors, batch by batch
    assert "MapInPandas" in scores._jdf.queryExecution().executedPlan().toString()
    got = collected(scores)
    memory = ck.customer_lifetime_value(model, spend, cdnow_summary, horizon="12 months", annual_discount_rate=0.1,
                                        margin=0.3)
    for column in ("expected_purchases", "expected_spend", "revenue", "clv"):
        np.testing.assert_allclose(got[column].to_numpy(), memory[column].to_numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got["probability_alive"].to_numpy(), model.probability_alive(cdnow_summary).to_numpy(),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got["expected_spend"].to_numpy(), spend.expected_spend(cdnow_summary).to_numpy(),
                               rtol=1e-9)
    assert scores.schema["clv"].metadata["clvkit"]["time_unit"] == "W"


def test_scoring_with_an_order_value_and_the_errors_before_any_job(spark_calibration, cdnow_summary):
    from clvkit.models import BGNBD, GammaGamma

    cs = _spark_module()
    model = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426, time_unit="W")
    got = collected(cs.customer_lifetime_value(model, 35.0, spark_calibration.drop("monetary_value"), horizon=52,
                                               discount_rate=0.002))
    memory = ck.customer_lifetime_value(model, 35.0, cdnow_summary, horizon=52, discount_rate=0.002)
    np.testing.assert_allclose(got["clv"].to_numpy(), memory["clv"].to_numpy(), rtol=1e-9)
    daily = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426, time_unit="D")
    with pytest.raises(UnitMismatchError, match="measured in weeks but the model was fitted in days"):
        cs.customer_lifetime_value(daily, 35.0, spark_calibration, horizon=52, discount_rate=0.002)
    with pytest.raises(ClvDataError, match="Give exactly one discount rate"):
        cs.customer_lifetime_value(model, 35.0, spark_calibration, horizon=52)
    with pytest.raises(ck.NotFittedError):
        cs.customer_lifetime_value(model, GammaGamma(), spark_calibration, horizon=52, discount_rate=0.002)
    with pytest.raises(ClvDataError, match="transaction_model must be a fitted BGNBD or ParetoNBD or MBGNBD"):
        cs.customer_lifetime_value(GammaGamma(), 35.0, spark_calibration, horizon=52, discount_rate=0.002)
    with pytest.raises(ClvDataError, match="has no column 'monetary_value'"):
        cs.customer_lifetime_value(model, GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44),
                                   spark_calibration.drop("monetary_value"), horizon=52, discount_rate=0.002)


def test_import_clvkit_spark_does_not_import_pyspark():
    import subprocess
    import sys

    code = "import sys, clvkit.spark; print('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
