"""clvkit.plots: the numbers behind each chart (no drawing), then each chart on an Agg Axes."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
import clvkit.formulas as F
from clvkit import plots
from clvkit.errors import ClvDataError
from clvkit.models import BGNBD, ShiftedBetaGeometric
from clvkit.widgets.labels import label

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def _ax():
    from matplotlib.figure import Figure

    return Figure(figsize=(6, 4)).subplots()


@pytest.fixture(scope="module")
def bgnbd():
    # Fader, Hardie & Lee (2005) CDNOW estimates
    return BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)


# ---------------------------------------------------------------- numbers
def test_survival_comparison_puts_observed_sbg_and_constant_side_by_side():
    t = plots.survival_comparison(REGULAR, periods=12)
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
    m = plots.expected_purchases_matrix(bgnbd, t=10, T=38.86, max_frequency=5, n_recency=5)
    assert m.shape == (6, 5)
    one = pd.DataFrame({"frequency": [3.0], "recency": [m.columns[2]], "T": [38.86]})
    one.attrs["time_unit"] = "W"
    assert m.loc[3].iloc[2] == pytest.approx(float(bgnbd.predict_purchases(one, 10)[0]))
    # more recent buyers are expected to buy more
    assert np.all(np.diff(m.loc[5].to_numpy()) > 0)


def test_probability_alive_matrix_is_one_for_non_repeaters_under_bgnbd(bgnbd):
    m = plots.probability_alive_matrix(bgnbd, T=30, max_frequency=4, n_recency=4)
    np.testing.assert_allclose(m.loc[0], 1.0)
    assert m.loc[4].iloc[0] < m.loc[4].iloc[-1]


def test_probability_alive_history_recomputes_the_summary_at_each_date(bgnbd):
    tx = pd.DataFrame({"customer_id": 7, "date": pd.to_datetime(["1997-01-01", "1997-01-15", "1997-03-01"]),
                       "amount": 10.0})
    h = plots.probability_alive_history(bgnbd, tx, observation_end="1997-06-30")
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
        plots.probability_alive_history(bgnbd, pd.DataFrame({"customer_id": [1, 2], "date": ["1997-01-01"] * 2}))


def test_holdout_by_frequency_averages_actual_and_expected(bgnbd, cdnow_split):
    cal, hold = cdnow_split
    t = plots.holdout_by_frequency(bgnbd, cal, hold, max_frequency=7)
    assert t["customers"].sum() == len(cal)
    zero = cal["frequency"] == 0
    assert t.loc[0, "actual"] == pytest.approx(hold.loc[zero, "frequency_holdout"].mean())
    expected = bgnbd.predict_purchases(cal, float(hold["duration_holdout"].iloc[0]))
    assert t.loc[0, "expected"] == pytest.approx(float(np.mean(np.asarray(expected)[zero.to_numpy()])))


def test_expected_cumulative_repeat_purchases_integrates_over_first_purchase_dates(bgnbd):
    times = np.array([5.0, 20.0])
    got = plots.expected_cumulative_repeat_purchases(bgnbd, [0.0, 0.0, 3.0, 30.0], times)
    by_hand = [2 * bgnbd.expected_purchases(t) + bgnbd.expected_purchases(t - 3.0) for t in times]
    np.testing.assert_allclose(got, by_hand)


def test_tracking_table_counts_repeat_days_and_matches_the_published_cdnow_scale(bgnbd, cdnow_transactions):
    t = plots.tracking_table(bgnbd, cdnow_transactions, calibration_end="1997-09-30", observation_end="1998-06-30")
    assert len(t) == 78
    # CDNOW 1/10: 1,882 holdout + calibration repeat occasions sum to the weekly total's end value
    cal, hold = ck.split_calibration_holdout(cdnow_transactions, calibration_end="1997-09-30",
                                             observation_end="1998-06-30")
    assert t["actual"].iloc[-1] == cal["frequency"].sum() + hold["frequency_holdout"].sum()
    # the model tracks the data within a few percent at the end (Fader, Hardie & Lee 2005, fig. 2)
    assert t["expected"].iloc[-1] == pytest.approx(t["actual"].iloc[-1], rel=0.05)
    assert np.all(np.diff(t["expected"]) >= 0)


def test_waterfall_table_steps_from_base_to_total():
    t = plots.waterfall_table(100.0, {"retention": 20.0, "cost": -5.0}, total=118.0)
    assert t["step"].tolist() == ["base", "retention", "cost", "interaction", "total"]
    assert t["end"].tolist() == [100.0, 120.0, 115.0, 118.0, 118.0]
    assert t["kind"].tolist() == ["base", "up", "down", "up", "total"]


# ---------------------------------------------------------------- charts
def test_cumulative_value_chart_line_is_the_formula_and_labels_carry_units():
    values = F.cumulative_value(30, 0.8, 0.01, periods=24)
    ax = plots.plot_cumulative_value(values, cac=60, ax=_ax())
    line = next(a for a in ax.lines if a.get_gid() == "cumulative")
    np.testing.assert_allclose(line.get_ydata(), values["cumulative"])
    assert "months" in ax.get_xlabel() and "$" in ax.get_ylabel()
    ru = plots.plot_cumulative_value(values, cac=60, currency="₽", ax=_ax(), lang="ru")
    assert ru.get_title() == label("chart.cumulative.title", "ru") and "₽" in ru.get_ylabel()


def test_tornado_bars_span_low_to_high_clv_for_each_driver():
    e = F.clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, discount_rate=0.01)
    ax = plots.plot_tornado(e, ax=_ax())
    lows = [p for p in ax.patches if p.get_gid() == "tornado-low"]
    highs = [p for p in ax.patches if p.get_gid() == "tornado-high"]
    for row, lo, hi in zip(e.itertuples(), lows, highs):
        assert lo.get_x() == pytest.approx(min(row.clv_low, row.clv))
        assert hi.get_x() + hi.get_width() == pytest.approx(max(row.clv_high, row.clv))
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]))
    assert ticks[-1][1] == label(f"driver.{e['driver'].iloc[0]}", "en")  # widest swing on top


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_chart_draws_on_the_given_axes_with_a_title(lang, bgnbd, cdnow_transactions, cdnow_split):
    cal, hold = cdnow_split
    values = F.cumulative_value(30, 0.8, 0.01, periods=12)
    clv = ck.customer_lifetime_value(bgnbd, 20.0, cal, horizon=52, discount_rate=0.002, margin=0.3)
    seg = ck.segments.segment_summary(
        ck.segments.rfm_segments(cal).assign(clv=clv["clv"].to_numpy()), value="clv")
    channels = pd.DataFrame({"ltv": [300.0, 120.0], "cac": [60.0, 80.0]}, index=["search", "tv"])
    cohorts = ck.cohort_table(cdnow_transactions, period="M")
    one = cdnow_transactions[cdnow_transactions["customer_id"] == 1]
    calls = [
        lambda ax: plots.plot_cash_flow(values, ax=ax, lang=lang),
        lambda ax: plots.plot_ltv_cac(channels, ax=ax, lang=lang),
        lambda ax: plots.plot_cohort_heatmap(cohorts, ax=ax, lang=lang),
        lambda ax: plots.plot_survival(REGULAR, ax=ax, lang=lang),
        lambda ax: plots.plot_retention_curves(REGULAR, ax=ax, lang=lang),
        lambda ax: plots.plot_frequency_recency_matrix(bgnbd, summary=cal, ax=ax, lang=lang),
        lambda ax: plots.plot_probability_alive_matrix(bgnbd, T=38, customer=(2, 30), ax=ax, lang=lang),
        lambda ax: plots.plot_probability_alive_history(bgnbd, one, observation_end="1998-06-30", ax=ax, lang=lang),
        lambda ax: plots.plot_calibration_holdout(bgnbd, cal, hold, ax=ax, lang=lang),
        lambda ax: plots.plot_tracking(bgnbd, cdnow_transactions, calibration_end="1997-09-30", ax=ax, lang=lang),
        lambda ax: plots.plot_clv_distribution(clv, ax=ax, lang=lang),
        lambda ax: plots.plot_lorenz(clv, ax=ax, lang=lang),
        lambda ax: plots.plot_segment_map(seg, ax=ax, lang=lang),
        lambda ax: plots.plot_uplift_waterfall(1000.0, {"retention": 100.0, "cost": -20.0}, ax=ax, lang=lang),
    ]
    for call in calls:
        ax = _ax()
        assert call(ax) is ax
        assert ax.get_title()
        assert ax.get_xlabel() or ax.get_xticklabels()
    if lang == "ru":
        assert plots.plot_lorenz(clv, ax=_ax(), lang="ru").get_xlabel() == label("chart.lorenz.x", "ru")


def test_charts_never_touch_pyplots_current_figure():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plots.plot_survival(REGULAR, ax=_ax())
    assert plt.get_fignums() == before


def test_charts_are_deterministic():
    def png():
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(4, 3))
        FigureCanvasAgg(fig)
        plots.plot_survival(REGULAR, ax=fig.subplots())
        buf = io.BytesIO()
        fig.canvas.print_png(buf)
        return buf.getvalue()

    assert png() == png()


def test_missing_columns_are_reported_in_one_sentence():
    with pytest.raises(ClvDataError, match="cumulative"):
        plots.plot_cumulative_value(pd.DataFrame({"x": [1.0]}), ax=_ax())


# ---------------------------------------------------------------- fixes reported by the course authors
def _drawn(ax):
    """Lay the figure out (no pixels compared) so text and legend positions are known."""
    ax.figure.draw_without_rendering()
    return ax


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("metric", ["retention", "customers", "revenue", "revenue_per_customer"])
def test_cohort_heatmap_title_and_colour_bar_name_the_metric_of_the_table(metric, lang, cdnow_transactions):
    table = ck.cohort_table(cdnow_transactions, period="M", metric=metric)
    ax = plots.plot_cohort_heatmap(table, currency="€", ax=_ax(), lang=lang)
    assert ax.get_title() == label(f"chart.cohort.title.{metric}", lang)
    bar_label = ax.collections[0].colorbar.ax.get_ylabel()
    assert bar_label.startswith(label(f"chart.cohort.value.{metric}", lang))
    assert bar_label.endswith("(€)") == metric.startswith("revenue")
    if metric == "retention":
        assert ax.get_title() == label("chart.cohort.title", lang)  # unchanged for the usual table


def test_cohort_heatmap_reads_a_table_that_lost_its_attrs_from_its_values(cdnow_transactions):
    revenue = ck.cohort_table(cdnow_transactions, period="M", metric="revenue_per_customer")
    counts = ck.cohort_table(cdnow_transactions, period="M", metric="customers")
    revenue.attrs, counts.attrs = {}, {}
    assert plots.plot_cohort_heatmap(revenue, ax=_ax()).get_title() == label("chart.cohort.title.revenue", "en")
    assert plots.plot_cohort_heatmap(counts, ax=_ax()).get_title() == label("chart.cohort.title.customers", "en")
    odd = counts.copy()
    odd.attrs["metric"] = "margin"
    with pytest.raises(ClvDataError, match="metric"):
        plots.plot_cohort_heatmap(odd, ax=_ax())


def test_frequency_axes_of_the_matrices_tick_whole_purchases_only(bgnbd):
    for draw in (lambda ax: plots.plot_probability_alive_matrix(bgnbd, T=38.86, ax=ax),
                 lambda ax: plots.plot_frequency_recency_matrix(bgnbd, t=52, T=38.86, ax=ax)):
        ax = _drawn(draw(_ax()))
        low, high = sorted(ax.get_ylim())
        ticks = [t for t in ax.get_yticks() if low <= t <= high]
        assert len(ticks) >= 3
        assert all(float(t).is_integer() for t in ticks), ticks


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
    h = plots.probability_alive_history(model, tx, observation_end="1997-06-30")
    assert h.loc[np.isclose(h["t"], 59 / 7), "p_alive"].iloc[0] == pytest.approx(peak)
    assert "1 / (1 + a / (b + x - 1)) < 1" in plots.probability_alive_history.__doc__.replace("\n    ", " ")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_cash_flow_legend_sits_above_the_tallest_bar(lang):
    # no churn and no discounting: every bar reaches the top, the case that used to hide under the legend
    values = F.cumulative_value(30, 1.0, 0.0, periods=8)
    ax = _drawn(plots.plot_cash_flow(values, ax=_ax(), lang=lang))
    legend_box = ax.get_legend().get_window_extent().transformed(ax.transData.inverted())
    assert legend_box.y0 > values["expected_margin"].max()
    assert ax.get_ylim()[1] == pytest.approx(plots.CASH_FLOW_HEADROOM * 30)


def test_clv_distribution_tick_labels_do_not_collide_in_russian():
    # a tail to about 1 900: matplotlib's default ticks every 250 left labels almost touching
    long_tail = np.append(np.random.default_rng(3).exponential(100.0, 2000), 1900.0)
    ax = _drawn(plots.plot_clv_distribution(long_tail, ax=_ax(), lang="ru"))
    low, high = ax.get_xlim()
    shown = [t for t, v in zip(ax.get_xticklabels(), ax.get_xticks()) if low <= v <= high]
    assert 3 <= len(shown) <= 6
    assert all(t.get_text().endswith("\u00a0$") for t in shown)
    boxes = sorted((t.get_window_extent() for t in shown), key=lambda b: b.x0)
    # at least a few characters of white space between neighbouring labels (display units)
    assert min(right.x0 - left.x1 for left, right in itertools.pairwise(boxes)) > 20


def test_palette_and_every_public_name_are_exported():
    assert "palette" in plots.__all__
    assert all(callable(getattr(plots, name)) for name in plots.__all__)
    assert len(plots.palette(3)) == 3


@pytest.mark.parametrize("draw", [plots.plot_survival, plots.plot_retention_curves])
def test_fitted_periods_are_shaded_so_projections_stand_out(draw):
    ax = draw(REGULAR, periods=12, fitted_periods=7, ax=_ax(), lang="ru")
    band = [p for p in ax.patches if p.get_gid() == "fitted-periods"]
    assert len(band) == 1
    # the band ends half-way between the last fitted and the first projected period
    assert band[0].get_x() + band[0].get_width() == pytest.approx(7.5)
    assert band[0].get_x() == pytest.approx(0.0 if draw is plots.plot_survival else 0.5)
    assert label("chart.fitted_periods", "ru") in [t.get_text() for t in ax.get_legend().get_texts()]
    plain = draw(REGULAR, periods=12, ax=_ax())
    assert not [p for p in plain.patches if p.get_gid() == "fitted-periods"]
    with pytest.raises(ClvDataError, match="fitted_periods"):
        draw(REGULAR, fitted_periods=2.5, ax=_ax())


def test_predicted_vs_actual_averages_each_group_and_pools_the_top():
    table = pd.DataFrame({"frequency": [0, 0, 1, 2, 5],
                          "predicted": [0.0, 0.0, 4.0, 6.0, 10.0],
                          "actual": [1.0, 0.0, 2.0, 3.0, 5.0]})
    before = table.copy()
    groups = plots.predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual", top=2)
    assert groups.index.tolist() == [0, 1, 2]
    assert groups["customers"].tolist() == [2, 1, 2]
    assert groups["predicted"].tolist() == [0.0, 4.0, 8.0]   # (6 + 10) / 2
    assert groups["actual"].tolist() == [0.5, 2.0, 4.0]      # (1 + 0) / 2 and (3 + 5) / 2
    pd.testing.assert_frame_equal(table, before)
    ungrouped = plots.predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual")
    assert ungrouped.index.tolist() == [0, 1, 2, 5]
    with pytest.raises(ClvDataError, match="'actual'"):
        plots.predicted_vs_actual(table.assign(actual=[1.0, np.nan, 0, 0, 0]), by="frequency",
                                  predicted="predicted", actual="actual")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_predicted_vs_actual_chart_draws_the_group_means_side_by_side(lang):
    table = pd.DataFrame({"frequency": [0, 0, 1, 2, 5], "predicted": [0.0, 0.0, 4.0, 6.0, 10.0],
                          "actual": [1.0, 0.0, 2.0, 3.0, 5.0]})
    ax = plots.plot_predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual", top=2,
                                        currency="$", ax=_ax(), lang=lang)
    heights = {gid: [p.get_height() for p in ax.patches if p.get_gid() == gid] for gid in ("predicted", "actual")}
    assert heights == {"predicted": [0.0, 4.0, 8.0], "actual": [0.5, 2.0, 4.0]}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2+"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [label("chart.predicted", lang),
                                                                     label("chart.actual", lang)]
    assert ax.get_title() == label("chart.predicted_vs_actual.title", lang)
    assert ax.get_ylabel() == label("chart.predicted_vs_actual.y", lang) + " ($)"
    custom = plots.plot_predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual",
                                            ylabel="Purchases", xlabel="Group", title="T", predicted_label="formula",
                                            ax=_ax(), lang=lang)
    assert (custom.get_ylabel(), custom.get_xlabel(), custom.get_title()) == ("Purchases", "Group", "T")
    assert custom.get_legend().get_texts()[0].get_text() == "formula"


def test_russian_tornado_speaks_of_factors_like_the_course():
    e = F.clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8, discount_rate=0.01)
    ax = plots.plot_tornado(e, ax=_ax(), lang="ru")
    texts = [ax.get_title()] + [t.get_text() for t in ax.get_legend().get_texts()]
    assert all("фактор" in t for t in texts)
    assert not any("драйвер" in t for t in texts)


def test_labels_of_crowded_segments_are_pushed_apart():
    from clvkit.plots import _label_offsets

    offsets = _label_offsets(np.array([0.05, 0.06, 0.8]), np.array([0.05, 0.04, 0.8]))
    assert offsets[2] == (8.0, 4.0)
    assert offsets[0] == (8.0, 4.0) and offsets[1][1] < offsets[0][1] - 10
