"""The summary and the scoring on a Spark DataFrame, for logs that live in a cluster.

The cost that grows with a business is the summary of its transaction log and the
scoring of every customer; fitting needs only the distinct histories with counts.
So on Spark:

1. :func:`summarize` / :func:`split_calibration_holdout` run the portable SQL of
   :mod:`clvkit.data.sql` on the cluster and finish each batch of per-customer
   statistics with :func:`clvkit.data.finish_summary` on the executors; the summary
   stays a Spark DataFrame, equal row for row to :func:`clvkit.summarize`.
2. :func:`distinct_histories` brings back only the distinct (frequency, recency, T) rows,
   or (frequency, monetary_value) for the spend model, with their counts; the models fit
   on them on one machine (``BGNBD().fit(h, weights="count")``) with the same estimates
   as on every customer.
3. :func:`customer_lifetime_value` ships the fitted parameters (a few numbers) to the
   executors, rebuilds the models there with ``from_params`` and scores each batch of
   customers with :func:`clvkit.customer_lifetime_value` through ``mapInPandas``; the
   scores stay a Spark DataFrame.

Needs ``pip install "clvkit-course[spark]"`` (pyspark with pandas and pyarrow) and Java 17 or
21; the executors need clvkit installed in the Python they run (``PYSPARK_PYTHON``).
Dates are Spark dates or timestamps, or ISO text such as ``2024-01-31``; timestamps are
read in the session's time zone (``spark.sql.session.timeZone``), as Spark reads them.
"""

from __future__ import annotations

import pandas as pd

from ._checks import check_choice, check_number, missing_columns_message
from .errors import ClvDataError, NotFittedError
from .i18n import text
from .units import check_time_unit, parse_duration, require_same_unit

__all__ = ["customer_lifetime_value", "distinct_histories", "split_calibration_holdout", "summarize"]

_SHOW = 3
_META_KEY = "clvkit"  # column metadata of the summary's T column: time unit, grain, observation end
_TRANSACTION_MODELS = ("BGNBD", "ParetoNBD", "MBGNBD")


# --------------------------------------------------------------------- helpers
def _pyspark():
    try:
        import pyspark.sql  # noqa: F401
    except ImportError:
        raise ClvDataError(text("spark.needs_pyspark")) from None
    from pyspark.sql import functions as F

    return F


def _require_spark_frame(df, what: str):
    try:
        from pyspark.sql import DataFrame
    except ImportError:
        DataFrame = None
    if DataFrame is None or not isinstance(df, DataFrame):
        raise ClvDataError(text("spark.needs_frame", what=what, got=type(df).__name__))


def _quoted(name: str) -> str:
    """A column reference that takes `name` literally (dots and spaces included)."""
    return "`" + str(name).replace("`", "``") + "`"


def _clean(df, *, customer_col: str, date_col: str, amount_col: str, on_negative: str):
    """Validate the log in one scan (the sentences of clvkit.load_transactions) and apply the refund policy.

    Returns (transactions with columns customer_id, date, amount, first day, last day):
    the first and last purchase days are those of the purchases that are kept.
    """
    F = _pyspark()
    from pyspark.sql import types as T
    from pyspark.sql.window import Window

    missing = [c for c in dict.fromkeys((customer_col, date_col, amount_col)) if c not in df.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(df.columns), text("spark.what_table")))
    raw_id, raw_date, raw_amount = F.col(_quoted(customer_col)), F.col(_quoted(date_col)), F.col(_quoted(amount_col))
    id_type = df.schema[customer_col].dataType
    customer = F.trim(raw_id) if isinstance(id_type, T.StringType) else raw_id
    ts = F.expr(f"try_cast({_quoted(date_col)} AS TIMESTAMP)")
    amount = F.expr(f"try_cast({_quoted(amount_col)} AS DOUBLE)")
    bad = {
        "id": customer.isNull() | (F.trim(customer.cast("string")) == ""),
        "date": ts.isNull(),
        "amount": amount.isNull() | F.isnan(amount) | (F.abs(amount) == float("inf")),
    }
    negative = amount < 0
    kept_day = F.when(amount >= 0, F.to_date(ts))
    counts = df.agg(
        F.count(F.lit(1)).alias("n"),
        *[F.count(F.when(cond, 1)).alias(name) for name, cond in bad.items()],
        F.count(F.when(negative, 1)).alias("negative"),
        F.min(kept_day).alias("first_day"),
        F.max(kept_day).alias("last_day"),
    ).collect()[0]
    if counts["n"] == 0:
        raise ClvDataError(text("data.no_rows", what=text("data.what_table")))

    def where(name: str, condition, column) -> str:
        values = [r[0] for r in df.filter(condition).select(column.cast("string")).limit(_SHOW).collect()]
        return text("data.sql_rows", n=counts[name], shown=", ".join(repr(v) for v in values))

    if counts["id"]:
        raise ClvDataError(text("data.missing_id", col=repr(customer_col), rows=where("id", bad["id"], raw_id)))
    if counts["date"]:
        raise ClvDataError(text("spark.bad_dates", col=repr(date_col), rows=where("date", bad["date"], raw_date)))
    if counts["amount"]:
        raise ClvDataError(text("data.sql_bad_amounts", col=repr(amount_col),
                                rows=where("amount", bad["amount"], raw_amount)))
    if counts["negative"] and on_negative == "raise":
        raise ClvDataError(text("data.refunds_refused", col=repr(amount_col),
                                rows=where("negative", negative, raw_amount)))
    if counts["first_day"] is None:
        raise ClvDataError(text("spark.nothing_left", on_negative=repr(on_negative)))
    tx = df.select(customer.alias("customer_id"), ts.alias("date"), amount.alias("amount"))
    if counts["negative"] and on_negative == "drop":
        tx = tx.filter(F.col("amount") >= 0)
    elif counts["negative"] and on_negative == "net":
        tx = _net_refunds(tx, F, Window)
    return tx, pd.Timestamp(counts["first_day"]), pd.Timestamp(counts["last_day"])


def _net_refunds(tx, F, Window):
    """Subtract each refund from the same customer's latest purchase on or before it, never below zero.

    The rule of ``load_transactions(on_negative="net")``: a running "last purchase so far"
    over the customer's rows in time order (purchases before refunds at the same instant)
    names the order each refund returns; refunds with no earlier purchase are dropped.
    """
    tx = tx.withColumn("_row", F.monotonically_increasing_id()).withColumn("_refund", F.col("amount") < 0)
    so_far = (Window.partitionBy("customer_id").orderBy("date", "_refund", "_row")
              .rowsBetween(Window.unboundedPreceding, Window.currentRow))
    tagged = tx.withColumn("_order", F.last(F.when(~F.col("_refund"), F.col("_row")), ignorenulls=True).over(so_far))
    credits = (tagged.filter(F.col("_refund") & F.col("_order").isNotNull())
               .groupBy("_order").agg(F.sum("amount").alias("_credit")))
    purchases = tx.filter(~F.col("_refund"))
    netted = purchases.join(credits, purchases["_row"] == credits["_order"], "left")
    amount = F.greatest(F.col("amount") + F.coalesce(F.col("_credit"), F.lit(0.0)), F.lit(0.0))
    return netted.select("customer_id", "date", amount.alias("amount"))


def _parse_day(value, name: str) -> pd.Timestamp:
    from .data._frame import parse_end

    return parse_end(value, name)


def _with_unit(frame, column: str, attrs: dict):
    """Record the summary's time unit in the Spark column metadata (Spark's stand-in for DataFrame.attrs)."""
    return frame.withMetadata(column, {_META_KEY: dict(attrs)})


def _recorded(frame) -> dict:
    if "T" not in frame.columns:
        return {}
    return dict(frame.schema["T"].metadata.get(_META_KEY, {}))


def _summary_schema(id_type):
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("customer_id", id_type, False),
        T.StructField("frequency", T.LongType(), False),
        T.StructField("recency", T.DoubleType(), False),
        T.StructField("T", T.DoubleType(), False),
        T.StructField("monetary_value", T.DoubleType(), False),
        T.StructField("first_purchase", T.TimestampNTZType(), False),
        T.StructField("n_transactions", T.LongType(), False),
        T.StructField("total_amount", T.DoubleType(), False),
    ])


def _finish_batches(batches, *, observation_end: str, time_unit: str, purchase_grain: str):
    """Executor side: finish_summary on each batch of per-customer statistics."""
    from .data.sql import finish_summary

    for stats in batches:
        if len(stats):
            summary = finish_summary(stats, observation_end=observation_end, time_unit=time_unit,
                                     purchase_grain=purchase_grain)
            yield summary.reset_index()


def _summary_frame(tx, *, observation_end: pd.Timestamp, unit: str, purchase_grain: str):
    from .data.sql import summary_sql

    spark = tx.sparkSession
    end = str(observation_end.date())
    # {tx} is bound by Spark to the DataFrame, so no view is left in the session's catalogue
    stats = spark.sql(summary_sql("{tx}", observation_end=end, purchase_grain=purchase_grain), tx=tx)
    schema = _summary_schema(tx.schema["customer_id"].dataType)

    def finish(batches):
        return _finish_batches(batches, observation_end=end, time_unit=unit, purchase_grain=purchase_grain)

    summary = stats.mapInPandas(finish, schema)
    return _with_unit(summary, "T", {"time_unit": unit, "purchase_grain": purchase_grain, "observation_end": end})


# ------------------------------------------------------------------- summaries
def summarize(
    spark_df,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    observation_end=None,
    time_unit: str = "W",
    purchase_grain: str = "D",
    on_negative: str = "raise",
):
    """:func:`clvkit.summarize` on a Spark DataFrame of transactions; the summary stays in Spark.

    Parameters
    ----------
    spark_df : pyspark.sql.DataFrame
        One row per purchase.
    customer_col, date_col, amount_col : str
        Column names of the customer id, purchase date and order value.
    observation_end : date-like, optional
        Last day observed (the whole day is included). Default: the day of the last purchase.
    time_unit : {"D", "W", "M", "Q", "Y"}
        Unit of recency and T.
    purchase_grain : {"D", "W", "M", "exact"}
        Purchases in the same day (ISO week, month; or timestamp) are one occasion.
    on_negative : {"raise", "net", "drop"}
        Refunds: refuse them (default), subtract each from the same customer's latest
        purchase on or before it as :func:`clvkit.load_transactions` does, or leave them out.

    Returns
    -------
    pyspark.sql.DataFrame
        customer_id, frequency, recency, T, monetary_value, first_purchase,
        n_transactions, total_amount: the columns of :func:`clvkit.summarize`, with
        customer_id a column rather than the index. The metadata of column ``T``
        records time_unit, purchase_grain and observation_end.

    Raises
    ------
    ClvDataError
        The sentences of :func:`clvkit.summarize` and :func:`clvkit.load_transactions`.

    Examples
    --------
    >>> s = clvkit.spark.summarize(spark.read.parquet("orders/"), observation_end="2024-06-30")  # doctest: +SKIP
    """
    unit = check_time_unit(time_unit)
    from .data._frame import PURCHASE_GRAINS

    check_choice("purchase_grain", purchase_grain, PURCHASE_GRAINS)
    check_choice("on_negative", on_negative, ("raise", "net", "drop"))
    _pyspark()
    _require_spark_frame(spark_df, "clvkit.spark.summarize")
    end = None if observation_end is None else _parse_day(observation_end, "observation_end")
    tx, first_day, last_day = _clean(spark_df, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                     on_negative=on_negative)
    end = last_day if end is None else end
    if end < first_day:
        raise ClvDataError(text("data.no_purchases_before", name="observation_end", end=end.date(),
                                start=first_day.date()))
    return _summary_frame(tx, observation_end=end, unit=unit, purchase_grain=purchase_grain)


def split_calibration_holdout(
    spark_df,
    *,
    calibration_end,
    observation_end=None,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    time_unit: str = "W",
    purchase_grain: str = "D",
    on_negative: str = "raise",
):
    """:func:`clvkit.split_calibration_holdout` on a Spark DataFrame; both frames stay in Spark.

    Parameters
    ----------
    spark_df : pyspark.sql.DataFrame
        One row per purchase.
    calibration_end : date-like
        Last day of the calibration period (inclusive).
    observation_end : date-like, optional
        Last day of the holdout period (inclusive). Default: the last purchase day.
    customer_col, date_col, amount_col, time_unit, purchase_grain, on_negative
        As in :func:`summarize`.

    Returns
    -------
    (pyspark.sql.DataFrame, pyspark.sql.DataFrame)
        The calibration summary (as :func:`summarize`), and one row per calibration
        customer with customer_id, frequency_holdout, monetary_value_holdout and
        duration_holdout.
    """
    unit = check_time_unit(time_unit)
    from .data._frame import PURCHASE_GRAINS

    check_choice("purchase_grain", purchase_grain, PURCHASE_GRAINS)
    check_choice("on_negative", on_negative, ("raise", "net", "drop"))
    _pyspark()
    _require_spark_frame(spark_df, "clvkit.spark.split_calibration_holdout")
    cal_end = _parse_day(calibration_end, "calibration_end")
    given_end = None if observation_end is None else _parse_day(observation_end, "observation_end")
    tx, first_day, last_day = _clean(spark_df, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                     on_negative=on_negative)
    end = last_day if given_end is None else given_end
    if end <= cal_end:
        raise ClvDataError(text("data.holdout_order", end=end.date(), cal_end=cal_end.date()))
    if cal_end < first_day:
        raise ClvDataError(text("data.no_purchases_before", name="calibration_end", end=cal_end.date(),
                                start=first_day.date()))
    from .data.sql import holdout_sql

    calibration = _summary_frame(tx, observation_end=cal_end, unit=unit, purchase_grain=purchase_grain)
    later = tx.sparkSession.sql(
        holdout_sql("{tx}", calibration_end=str(cal_end.date()), observation_end=str(end.date()),
                    purchase_grain=purchase_grain), tx=tx)
    joined = calibration.select("customer_id").join(later, on="customer_id", how="left")
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("customer_id", calibration.schema["customer_id"].dataType, False),
        T.StructField("frequency_holdout", T.LongType(), False),
        T.StructField("monetary_value_holdout", T.DoubleType(), False),
        T.StructField("duration_holdout", T.DoubleType(), False),
    ])
    attrs = {**_recorded(calibration), "calibration_end": str(cal_end.date()), "observation_end": str(end.date())}

    def finish(batches):
        return _holdout_batches(batches, cal_end=cal_end, end=end, time_unit=unit, purchase_grain=purchase_grain)

    holdout = joined.mapInPandas(finish, schema)
    return calibration, _with_unit(holdout, "duration_holdout", attrs)


def _holdout_batches(batches, *, cal_end: pd.Timestamp, end: pd.Timestamp, time_unit: str, purchase_grain: str):
    """Executor side: the holdout frame of the pandas path for each batch of calibration customers."""
    from .data._frame import holdout_frame

    for batch in batches:
        if not len(batch):
            continue
        customers = pd.DataFrame(index=pd.Index(batch["customer_id"].to_numpy(), name="customer_id"))
        bought = batch["n_occasions_holdout"].notna().to_numpy()
        frame = holdout_frame(customers, batch["customer_id"].to_numpy()[bought],
                              batch["n_occasions_holdout"].to_numpy()[bought],
                              batch["amount_holdout"].to_numpy()[bought], cal_end=cal_end, end=end,
                              time_unit=time_unit, purchase_grain=purchase_grain)
        yield frame.reset_index()


# ------------------------------------------------------------- fitting support
def distinct_histories(summary_df, *, columns=("frequency", "recency", "T")) -> pd.DataFrame:
    """The distinct customer histories with how many customers share each, counted by Spark.

    A model's likelihood depends on a customer only through a few summary columns: (frequency,
    recency, T) for BG/NBD, Pareto/NBD and MBG/NBD, (frequency, monetary_value) for Gamma-Gamma.
    Fitting on the distinct rows of those columns with ``weights="count"`` gives the same
    estimates as fitting on every customer, and only these rows come to the driver.

    Parameters
    ----------
    summary_df : pyspark.sql.DataFrame
        A summary from :func:`summarize`.
    columns : sequence of str
        The columns that make a history: the default suits the transaction models; pass
        ``("frequency", "monetary_value")`` for :class:`clvkit.models.GammaGamma`.

    Returns
    -------
    pandas.DataFrame
        The `columns` and ``count``, sorted; ``attrs`` records the summary's time_unit,
        purchase_grain and observation_end.

    Examples
    --------
    >>> bg = BGNBD().fit(clvkit.spark.distinct_histories(s), weights="count")        # doctest: +SKIP
    >>> spend = clvkit.spark.distinct_histories(s, columns=("frequency", "monetary_value"))  # doctest: +SKIP
    >>> gg = GammaGamma().fit(spend, weights="count")                                # doctest: +SKIP
    """
    F = _pyspark()
    _require_spark_frame(summary_df, "clvkit.spark.distinct_histories")
    if isinstance(columns, str) or not columns:
        raise ClvDataError(text("spark.bad_columns", value=repr(columns)))
    keys = list(dict.fromkeys(columns))
    missing = [c for c in keys if c not in summary_df.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(summary_df.columns), text("spark.what_summary")))
    if "count" in keys:
        raise ClvDataError(text("spark.count_column"))
    counted = summary_df.groupBy(*keys).agg(F.count(F.lit(1)).alias("count"))
    histories = counted.toPandas().sort_values(keys, kind="stable").reset_index(drop=True)
    if "frequency" in histories.columns:
        histories["frequency"] = histories["frequency"].astype("int64")
    histories["count"] = histories["count"].astype("int64")
    histories.attrs = _recorded(summary_df)
    return histories


# --------------------------------------------------------------------- scoring
def _model_spec(model, *, role: str, allowed: tuple[str, ...]) -> tuple[str, dict]:
    name = type(model).__name__
    if name not in allowed:
        models = f" {text('spark.or')} ".join(allowed)
        raise ClvDataError(text("spark.model_kind", role=role, models=models, got=name))
    if not hasattr(model, "params_"):
        raise NotFittedError(name)
    return name, {k: float(v) for k, v in model.params_.items()}


def _score_batches(batches, *, transaction: tuple[str, dict], spend, time_unit, horizon: float,
                   discount_rate: float, margin: float):
    """Executor side: rebuild the models from their parameters and score each batch of customers."""
    from . import models
    from .valuation import customer_lifetime_value as clv

    model = getattr(models, transaction[0]).from_params(time_unit=time_unit, **transaction[1])
    spend_model = spend if isinstance(spend, float) else getattr(models, spend[0]).from_params(
        time_unit=time_unit, **spend[1])
    for batch in batches:
        if not len(batch):
            continue
        summary = batch.set_index("customer_id")
        summary.attrs = {"time_unit": time_unit} if time_unit else {}
        values = clv(model, spend_model, summary, horizon=horizon, discount_rate=discount_rate, margin=margin)
        alive = model.probability_alive(summary).to_numpy()
        yield pd.DataFrame({
            "customer_id": batch["customer_id"].to_numpy(),
            "probability_alive": alive,
            "expected_purchases": values["expected_purchases"].to_numpy(),
            "expected_spend": values["expected_spend"].to_numpy(),
            "revenue": values["revenue"].to_numpy(),
            "clv": values["clv"].to_numpy(),
        })


def customer_lifetime_value(
    transaction_model,
    spend_model,
    summary_df,
    *,
    horizon,
    annual_discount_rate: float | None = None,
    discount_rate: float | None = None,
    margin: float = 1.0,
):
    """Score every customer of a Spark summary where it lives: P(alive), purchases, spend and CLV.

    Only the models' fitted parameters travel to the executors, where the models are
    rebuilt with ``from_params`` and each batch of customers is scored by
    :func:`clvkit.customer_lifetime_value` and ``probability_alive`` through
    ``mapInPandas``; no customer row is collected to the driver.

    Parameters
    ----------
    transaction_model : fitted BGNBD, ParetoNBD or MBGNBD
    spend_model : fitted GammaGamma or float
        A number is the expected order value of everybody.
    summary_df : pyspark.sql.DataFrame
        customer_id, frequency, recency, T and (for GammaGamma) monetary_value, in the
        unit the model was fitted in, e.g. from :func:`summarize`.
    horizon, annual_discount_rate, discount_rate, margin
        As in :func:`clvkit.customer_lifetime_value`.

    Returns
    -------
    pyspark.sql.DataFrame
        customer_id, probability_alive, expected_purchases, expected_spend, revenue and
        clv (discounted margin): the columns of :func:`clvkit.customer_lifetime_value`
        plus P(alive).

    Examples
    --------
    >>> bg = BGNBD().fit(clvkit.spark.distinct_histories(s), weights="count")       # doctest: +SKIP
    >>> gg = GammaGamma().fit(clvkit.spark.distinct_histories(s, columns=("frequency", "monetary_value")),
    ...                       weights="count")                                      # doctest: +SKIP
    >>> scores = clvkit.spark.customer_lifetime_value(bg, gg, s, horizon="12 months",
    ...                                               annual_discount_rate=0.1)    # doctest: +SKIP
    """
    _pyspark()
    from .valuation import discount_rate_per_unit

    transaction = _model_spec(transaction_model, role="transaction_model", allowed=_TRANSACTION_MODELS)
    if isinstance(spend_model, (int, float)) and not isinstance(spend_model, bool):
        spend = check_number("spend_model (average order value)", spend_model, low=0.0)
    elif spend_model is None:
        raise ClvDataError(text("valuation.spend_missing"))
    else:
        spend = _model_spec(spend_model, role="spend_model", allowed=("GammaGamma",))
    check_number("margin", margin, low=0.0, high=1.0)
    _require_spark_frame(summary_df, "clvkit.spark.customer_lifetime_value")
    needed = ["customer_id", "frequency", "recency", "T", *([] if isinstance(spend, float) else ["monetary_value"])]
    missing = [c for c in needed if c not in summary_df.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(summary_df.columns), text("spark.what_summary")))
    fitted_unit = getattr(transaction_model, "time_unit_", None)
    data_unit = _recorded(summary_df).get("time_unit")
    require_same_unit(fitted_unit, data_unit)
    unit = data_unit or fitted_unit
    if isinstance(horizon, str) and unit is None:
        raise ClvDataError(text("spark.horizon_no_unit", value=repr(horizon)))
    h = parse_duration(horizon, unit or "W")
    if h <= 0:
        raise ClvDataError(text("valuation.horizon_zero", value=repr(horizon)))
    d = discount_rate_per_unit(annual_discount_rate=annual_discount_rate, discount_rate=discount_rate, time_unit=unit)
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("customer_id", summary_df.schema["customer_id"].dataType, False),
        *[T.StructField(name, T.DoubleType(), False)
          for name in ("probability_alive", "expected_purchases", "expected_spend", "revenue", "clv")],
    ])

    def score(batches):
        return _score_batches(batches, transaction=transaction, spend=spend, time_unit=unit, horizon=float(h),
                              discount_rate=float(d), margin=float(margin))

    scores = summary_df.select(*needed).mapInPandas(score, schema)
    attrs = {"time_unit": unit, "horizon": float(h), "discount_rate_per_unit": float(d), "margin": float(margin)}
    return _with_unit(scores, "clv", {k: v for k, v in attrs.items() if v is not None})

