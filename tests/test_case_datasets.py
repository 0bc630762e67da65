"""The synthetic case datasets: small, reproducible, recover their parameters, show their lever."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import clvkit as ck
from clvkit.datasets import dataset_path, load_coffee_chain, load_online_school, load_retailer, load_subscription
from clvkit.models import BGNBD, GammaGamma, ShiftedBetaGeometric
from helpers import load_script

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
CASE_FILES = [
    "retailer_transactions.csv", "retailer_channels.csv", "subscription_payments.csv", "coffee_transactions.csv",
    "online_school_payments.csv", "online_school_channels.csv",
]


def within_two_se(model, truth: dict) -> bool:
    table = model.summary()
    diff = (table["estimate"] - pd.Series(truth)).abs()
    return bool((diff < 2 * table["se"]).all())


def summarise(log, grain="D"):
    return ck.summarize(log, observation_end=log.attrs["observation_end"], time_unit="W", purchase_grain=grain)


@pytest.mark.parametrize("name", CASE_FILES)
def test_each_case_file_is_under_three_megabytes(name):
    assert dataset_path(name).stat().st_size < 3 * 1024 * 1024


def test_each_case_is_labelled_synthetic_in_its_readme_section():
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    for recipe in ("make_retailer.py", "make_subscription.py", "make_coffee_chain.py", "make_online_school.py"):
        assert recipe in text
    assert text.count("SYNTHETIC") >= 4


@pytest.mark.parametrize(
    "recipe, outputs",
    [
        ("make_retailer.py", ["retailer_transactions.csv", "retailer_channels.csv"]),
        ("make_subscription.py", ["subscription_payments.csv"]),
        ("make_coffee_chain.py", ["coffee_transactions.csv"]),
        ("make_online_school.py", ["online_school_payments.csv", "online_school_channels.csv"]),
    ],
)
def test_recipes_reproduce_the_committed_files(recipe, outputs):
    frames = load_script(DATASETS / recipe).build()[:-1]
    for frame, name in zip(frames, outputs):
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False)
        assert buffer.getvalue() == (DATASETS / name).read_text(encoding="utf-8"), name


# ------------------------------------------------------------------ retailer
@pytest.fixture(scope="module")
def retailer():
    log, channels = load_retailer(with_channels=True)
    s = summarise(log)
    first = log.drop_duplicates("customer_id").set_index("customer_id")
    return log, channels, s.join(first[["channel", "recommendations"]])


def test_retailer_bgnbd_recovers_each_channels_parameters(retailer):
    log, _, s = retailer
    truth = log.attrs["true_params"]["bgnbd_by_channel"]
    for channel, params in truth.items():
        model = BGNBD().fit(s[s["channel"] == channel])
        assert within_two_se(model, params), (channel, model.summary())


def test_retailer_recommendations_raise_order_value(retailer):
    log, _, s = retailer
    truth = log.attrs["true_params"]["gamma_gamma_by_group"]
    means = {}
    for flag, group in ((0, "control"), (1, "recommendations")):
        part = s[(s["recommendations"] == flag) & (s["frequency"] > 0)]
        gg = GammaGamma().fit(part)
        assert within_two_se(gg, truth[group]), (group, gg.summary())
        means[group] = part["monetary_value"].mean()
    assert means["recommendations"] > 1.1 * means["control"]


def test_retailer_channels_table_feeds_acquisition_economics(retailer):
    from clvkit.acquisition import allocate_budget, channel_economics

    _, channels, s = retailer
    value = s.groupby("channel")["total_amount"].mean() * 0.3
    table = channels.assign(ltv=value.reindex(channels.index))
    econ = channel_economics(table)
    assert econ["ltv_cac"].idxmax() == "referral"  # the cheapest channel with the most loyal customers
    plan = allocate_budget(table, 20_000)
    assert plan["spend"].sum() <= 20_000 + 1e-6


# -------------------------------------------------------------- subscription
@pytest.fixture(scope="module")
def subscribers():
    log = load_subscription()
    end_month = log.attrs["observation_end"].to_period("M")
    g = log.groupby("customer_id")
    subs = pd.DataFrame({
        "plan": g["plan"].first(),
        "engagement": g["engagement"].first(),
        "months_paid": g.size(),
        "start": g["date"].min().dt.to_period("M"),
    })
    subs["months_observed"] = [(end_month - p).n + 1 for p in subs["start"]]
    return log, subs


def test_subscription_sbg_recovers_each_plans_churn_parameters(subscribers):
    log, subs = subscribers
    truth = log.attrs["true_params"]["sbg_by_plan"]
    assert subs["months_observed"].min() > 18
    for plan, params in truth.items():
        paid = subs.loc[subs["plan"] == plan, "months_paid"].to_numpy()
        survivors = [(paid > t).sum() for t in range(19)]
        model = ShiftedBetaGeometric().fit(survivors)
        assert within_two_se(model, {"alpha": params["alpha"], "beta": params["beta"]}), (plan, model.summary())


def test_engaged_subscribers_stay_longer_and_premium_churns_less(subscribers):
    _, subs = subscribers
    high = subs["engagement"] >= subs["engagement"].quantile(2 / 3)
    low = subs["engagement"] <= subs["engagement"].quantile(1 / 3)
    assert subs.loc[high, "months_paid"].mean() > 1.5 * subs.loc[low, "months_paid"].mean()
    by_plan = subs.groupby("plan")["months_paid"].mean()
    assert by_plan["premium"] > by_plan["basic"]


# ---------------------------------------------------------------- coffee chain
@pytest.fixture(scope="module")
def coffee():
    log = load_coffee_chain()
    s = summarise(log, grain="exact")
    member = log.drop_duplicates("customer_id").set_index("customer_id")["member"]
    return log, s.join(member)


def test_coffee_bgnbd_recovers_members_and_non_members_parameters(coffee):
    log, s = coffee
    truth = log.attrs["true_params"]["bgnbd_by_group"]
    fitted = {}
    for flag, group in ((1, "member"), (0, "non-member")):
        model = BGNBD().fit(s[s["member"] == flag])
        assert within_two_se(model, truth[group]), (group, model.summary())
        fitted[group] = model.params_
    # The lever: members buy more often and drop out less.
    rate = {g: p["r"] / p["alpha"] for g, p in fitted.items()}
    dropout = {g: p["a"] / (p["a"] + p["b"]) for g, p in fitted.items()}
    assert rate["member"] > 1.5 * rate["non-member"]
    assert dropout["member"] < 0.5 * dropout["non-member"]


def test_coffee_members_buy_more_often_in_the_raw_data(coffee):
    _, s = coffee
    per_week = (s["frequency"] / s["T"]).groupby(s["member"]).mean()
    assert per_week[1] > 1.5 * per_week[0]


def test_the_online_school_recipe_reproduces_its_true_parameters_file():
    import json

    params = load_script(DATASETS / "make_online_school.py").build()[-1]
    assert params == json.loads((DATASETS / "online_school_params.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------- online school (roubles)
@pytest.fixture(scope="module")
def school():
    log, channels = load_online_school(with_channels=True)
    g = log.groupby("customer_id")
    students = pd.DataFrame({
        "channel": g["channel"].first(), "plan": g["plan"].first(), "activity": g["activity"].first(),
        "months_paid": g.size(), "start": g["date"].min().dt.to_period("M"),
    })
    end_month = log.attrs["observation_end"].to_period("M")
    students["months_observed"] = [(end_month - p).n + 1 for p in students["start"]]
    return log, channels, students


def test_online_school_is_labelled_synthetic_and_in_roubles(school):
    log, channels, _ = school
    assert log.attrs["synthetic"] is True
    assert log.attrs["currency"] == "RUB" and channels.attrs["currency"] == "RUB"
    assert log.attrs["true_params"]["currency"] == "RUB"
    doc = load_online_school.__doc__
    assert "SYNTHETIC" in doc and "roubles" in doc
    assert "online_school_payments.csv" in ck.datasets.list_datasets()


def test_online_school_sbg_recovers_each_channels_churn_parameters(school):
    log, _, students = school
    truth = log.attrs["true_params"]["sbg_by_channel"]
    assert students["months_observed"].min() > 12          # months 0..12 are uncensored for every cohort
    for channel, params in truth.items():
        paid = students.loc[students["channel"] == channel, "months_paid"].to_numpy()
        survivors = [(paid > t).sum() for t in range(13)]
        model = ShiftedBetaGeometric().fit(survivors)
        assert within_two_se(model, params), (channel, model.summary())


def test_online_school_channel_table_is_one_months_funnel_of_the_log(school):
    log, channels, students = school
    # CAC = CPA / C1, and each channel brought UA x C1 students a month for the twelve months of 2024
    assert (channels["cac"] - channels["cpa"] / channels["c1"]).abs().max() < 0.01
    per_month = students.groupby("channel").size() / 12
    assert (per_month - (channels["ua"] * channels["c1"]).round()).abs().max() == 0
    assert students["start"].min() == pd.Period("2024-01", "M") and students["start"].max() == pd.Period("2024-12", "M")
    prices = log.groupby("plan")["amount"].unique()
    plans = log.attrs["true_params"]["plans"]
    assert {p: list(v) for p, v in prices.items()} == {p: [spec["price"]] for p, spec in plans.items()}


def test_online_school_levers_show_in_the_raw_data(school):
    log, _, students = school
    truth = log.attrs["true_params"]
    # Active students stay longer; the pro shares follow the recipe; partners keep students longest.
    high = students["activity"] >= students["activity"].quantile(2 / 3)
    low = students["activity"] <= students["activity"].quantile(1 / 3)
    assert students.loc[high, "months_paid"].mean() > 1.5 * students.loc[low, "months_paid"].mean()
    share = students.groupby("channel")["plan"].apply(lambda p: (p == "pro").mean())
    for channel, expected in truth["pro_share_by_channel"].items():
        assert share[channel] == pytest.approx(expected, abs=0.005)
    twelve = (students["months_paid"] > 12).groupby(students["channel"]).mean()
    assert twelve.idxmax() == "partners" and twelve.idxmin() == "bloggers"
