"""clvkit.plots: every chart of ``plots.__all__`` keeps the contract and draws no text over other text.

The contract and overlap tests are generated from ``plots.__all__``: each chart runs the
example at the end of its own docstring (in English and in Russian), so a new chart is
covered by adding it to ``__all__`` with an example, without editing this file.
"""

from __future__ import annotations

import doctest
import inspect
import itertools

import numpy as np
import pandas as pd
import pytest

import clvkit as ck
import clvkit.formulas as F
from clvkit import i18n, plots
from clvkit.errors import ClvDataError
from clvkit.i18n import label
from clvkit.models import BGNBD

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
CHARTS = [name for name in plots.__all__ if name.startswith("plot_")]


def _ax(figsize=(6, 4)):
    from matplotlib.figure import Figure

    return Figure(figsize=figsize).subplots()


@pytest.fixture(scope="module")
def bgnbd():
    # Fader, Hardie & Lee (2005) CDNOW estimates
    return BGNBD.from_params(time_unit="W", r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    ck.set_language("en")
    ck.set_currency(None)


def run_example(name: str, **inject):
    """Run the example of chart `name`'s docstring with `inject` added to its call; the Axes it returned."""
    chart = getattr(plots, name)
    examples = doctest.DocTestParser().get_examples(chart.__doc__ or "")
    assert examples, f"{name} needs an example at the end of its docstring"
    drawn = []

    def call(*args, **kwargs):
        drawn.append(chart(*args, **{**kwargs, **inject}))
        return drawn[-1]

    namespace = {public: getattr(plots, public) for public in plots.__all__}
    namespace[name] = call
    for example in examples:
        exec(compile(example.source, f"<example of {name}>", "exec"), namespace)  # noqa: S102 - our own docstrings
    assert drawn, f"the example of {name} does not call {name}"
    return drawn[-1]


# ---------------------------------------------------------------- text boxes
def _shown_tick_labels(axis):
    low, high = sorted(axis.get_view_interval())
    span = max(high - low, 1e-12)
    return [t for t, loc in zip(axis.get_majorticklabels(), axis.get_majorticklocs())
            if t.get_visible() and t.get_text() and low - 1e-9 * span <= loc <= high + 1e-9 * span]


def text_boxes(figure) -> list[tuple[str, object]]:
    """(what, display box) of every piece of text a reader sees: titles, axis and tick labels, notes, legends."""
    from matplotlib.text import Text

    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    boxes = []
    for n, ax in enumerate(figure.axes):
        texts = [("title", t) for t in (ax.title, ax._left_title, ax._right_title)]
        texts += [("xlabel", ax.xaxis.label), ("ylabel", ax.yaxis.label)]
        texts += [(f"xtick {t.get_text()!r}", t) for t in _shown_tick_labels(ax.xaxis)]
        texts += [(f"ytick {t.get_text()!r}", t) for t in _shown_tick_labels(ax.yaxis)]
        texts += [(f"note {t.get_text()!r}", t) for t in ax.texts]
        for what, t in texts:
            if t.get_visible() and t.get_text().strip():
                boxes.append((f"axes {n} {what}", Text.get_window_extent(t, renderer)))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            boxes.append((f"axes {n} legend", legend.get_window_extent(renderer)))
    return boxes


def overlaps(figure, *, tolerance: float = 1.0) -> list[str]:
    """Pairs of text boxes that cover each other by more than `tolerance` pixels both ways."""
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(text_boxes(figure), 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if width > tolerance and height > tolerance:
            found.append(f"{a} / {b}")
    return found


def test_the_overlap_check_sees_two_labels_on_top_of_each_other():
    ax = _ax()
    ax.text(0.5, 0.5, "revenue per customer")
    ax.text(0.52, 0.5, "share of value")
    assert len(overlaps(ax.figure)) == 1
    ax.texts[1].set_position((0.5, 0.1))
    assert overlaps(ax.figure) == []


# ---------------------------------------------------------------- the contract, generated from __all__
def test_every_chart_of_all_is_found_and_public_names_are_callable():
    assert len(CHARTS) >= 17
    assert all(callable(getattr(plots, name)) for name in plots.__all__)
    assert len(plots.palette(3)) == 3


def test_names_the_course_and_older_code_import_from_plots_stay_there():
    for name in ("survival_comparison", "expected_purchases_matrix", "probability_alive_matrix",
                 "probability_alive_history", "holdout_by_frequency", "expected_cumulative_repeat_purchases",
                 "tracking_table", "waterfall_table", "normalize_waterfall", "predicted_vs_actual",
                 "cohort_value_label", "segment_name", "group_labels", "update_tornado", "draw_waterfall", "palette",
                 "CASH_FLOW_HEADROOM"):
        assert hasattr(plots, name), name


@pytest.mark.parametrize("name", CHARTS)
def test_chart_signature_is_data_first_then_keyword_only_options_with_ax_and_lang_none(name):
    params = inspect.signature(getattr(plots, name)).parameters
    first = next(iter(params.values()))
    assert first.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    for option in ("ax", "lang", "currency"):
        if option in params or option != "currency":
            assert params[option].kind is inspect.Parameter.KEYWORD_ONLY, option
            assert params[option].default is None, option
    assert getattr(plots, name).__doc__.lstrip().split("\n")[0].endswith(".")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", CHARTS)
def test_chart_draws_on_the_given_axes_with_a_title_and_labelled_axes(name, lang):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    ax = _ax()
    assert run_example(name, ax=ax, lang=lang) is ax
    assert plt.get_fignums() == before  # never pyplot's current figure
    assert ax.get_title()
    ax.figure.draw_without_rendering()
    symbol = i18n.currency_symbol(None, lang)
    for axis, axis_label in ((ax.xaxis, ax.get_xlabel()), (ax.yaxis, ax.get_ylabel())):
        ticks = [t.get_text() for t in _shown_tick_labels(axis)]
        assert axis_label or ticks, f"{name}: an axis with neither label nor ticks"
        if any(symbol in t for t in ticks):  # money ticks: the axis names its currency
            assert axis_label.endswith(f"({symbol})" if lang == "en" else f", {symbol}"), (name, axis_label)
    if lang == "ru":  # every label from the Russian catalogue: no English words left on the chart
        words = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        assert not any(w in " ".join(words).lower() for w in ("customer", "purchase", "value", "period", "share"))


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", CHARTS)
def test_chart_text_never_overlaps_other_text(name, lang):
    import matplotlib.pyplot as plt

    ax = run_example(name, lang=lang)  # the chart's own figure, as a notebook shows it
    try:
        assert overlaps(ax.figure) == []
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tornado_at_a_high_clv_keeps_its_labels_apart_also_at_explorer_width(lang):
    from matplotlib.figure import Figure

    e = F.clv_elasticities(aov=4800, purchases_per_period=3, margin=0.45, retention=0.96, discount_rate=0.005,
                           periods=120)
    assert float(e["clv"].iloc[0]) > 100_000
    ax = plots.plot_tornado(e, ax=_ax((6.4, 4.0)), lang=lang)
    assert overlaps(ax.figure) == []
    # the DriverExplorer's figure: two charts side by side, 10 x 3.6 inches at 80 dpi
    explorer = Figure(figsize=(10.0, 3.6), dpi=80, layout="constrained").subplots(1, 2)[1]
    plots.plot_tornado(e, ax=explorer, lang=lang, currency="RUB")
    assert overlaps(explorer.figure) == []
    ticks = [t.get_text() for t in _shown_tick_labels(explorer.xaxis)]
    # amounts of 10 000 and more are written in thousands: short labels on a narrow chart
    assert all(("тыс." if lang == "ru" else "K") in t for t in ticks if not t.startswith("0")), ticks


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_segment_map_of_a_crowded_real_base_has_no_overlapping_labels(lang, bgnbd, cdnow_summary):
    clv = ck.customer_lifetime_value(bgnbd, 20.0, cdnow_summary, horizon=52, discount_rate=0.002, margin=0.3)
    seg = ck.segments.segment_summary(
        ck.segments.rfm_segments(cdnow_summary).assign(clv=clv["clv"].to_numpy()), value="clv")
    ax = plots.plot_segment_map(seg, ax=_ax((6, 5)), lang=lang)
    assert overlaps(ax.figure) == []
    notes = [t for t in ax.texts if t.get_gid() == "segment-label"]
    assert len(notes) == len(seg)
    names = [t.get_text().split("\n")[0] for t in notes]
    assert sorted(names) == sorted(plots.segment_name(s, lang) for s in seg.index)


@pytest.mark.parametrize(("horizon", "en", "ru"), [
    ("12 months", "average CLV per customer over the next 12 months", "средний CLV одного клиента за 12 месяцев вперёд"),
    ("1 year", "over the next 12 months", "за 12 месяцев вперёд"),
    ("52 weeks", "over the next 52 weeks", "за 52 недели вперёд"),
    ("1 month", "over the next 1 month", "за 1 месяц вперёд"),
    (None, "the segment's average CLV per customer", "средний CLV одного клиента сегмента"),
])
def test_segment_map_says_what_the_bubble_size_and_the_figure_are_and_over_which_horizon(horizon, en, ru):
    seg = pd.DataFrame({"customer_share": [0.2, 0.8], "value_share": [0.7, 0.3], "mean_value": [31.0, 3.5]},
                       index=["champions", "hibernating"])
    for lang, words in (("en", ["Bubble size", en]), ("ru", ["Размер пузыря", ru])):
        ax = plots.plot_segment_map(seg, ax=_ax((6, 5)), lang=lang, horizon=horizon)
        note = [t for t in ax.texts if t.get_gid() == "segment-map-note"]
        assert len(note) == 1 and all(w in note[0].get_text() for w in words), note[0].get_text()
        # the note sits under the plot, clear of every bubble, label and tick label
        fig = ax.figure
        fig.draw_without_rendering()
        assert note[0].get_window_extent().y1 < ax.get_window_extent().y0
        assert overlaps(fig) == []


def test_segment_map_refuses_a_horizon_without_its_unit_in_both_languages():
    seg = pd.DataFrame({"customer_share": [1.0], "value_share": [1.0], "mean_value": [3.0]}, index=["new"])
    for lang, words in (("en", ["horizon=12", "weeks or months"]), ("ru", ["horizon=12", "и недели, и месяцы"])):
        with pytest.raises(ClvDataError) as err:
            plots.plot_segment_map(seg, ax=_ax(), lang=lang, horizon=12)
        assert all(w in str(err.value) for w in words), str(err.value)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_cohort_heatmap_of_three_years_of_monthly_cohorts_names_only_the_cohorts_that_fit(lang):
    rng = np.random.default_rng(0)
    days = pd.date_range("2021-01-01", periods=36 * 30, freq="D")
    tx = pd.DataFrame({"customer_id": rng.integers(0, 3000, 20000), "date": rng.choice(days, 20000), "amount": 10.0})
    table = ck.cohort_table(tx, period="M")
    assert len(table) > 30
    ax = plots.plot_cohort_heatmap(table, ax=_ax(), lang=lang)
    assert overlaps(ax.figure) == []
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert 3 <= len(shown) < len(table) and shown[0] == str(table.index[0])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_many_or_long_category_names_are_wrapped_or_slanted_instead_of_overlapping(lang):
    from matplotlib.figure import Figure

    channels = pd.DataFrame({"ltv": [300.0, 120.0, 90.0, 200.0, 150.0, 80.0],
                             "cac": [60.0, 80.0, 45.0, 50.0, 70.0, 90.0]},
                            index=["Paid search", "Social media", "Affiliates", "Email", "Referral", "Display ads"])
    ax = plots.plot_ltv_cac(channels, ax=_ax((6.4, 4.0)), lang=lang)
    assert overlaps(ax.figure) == []
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == list(channels.index)
    levers = {"retention": 120.0, "frequency": 60.0, "aov": 40.0, "margin": 30.0, "cost": -30.0}
    for figure in (Figure(figsize=(8.0, 4.2)), Figure(figsize=(9.0, 3.6), dpi=80, layout="constrained")):
        ax = plots.plot_uplift_waterfall(1000.0, levers, total=1240.0, ax=figure.subplots(), lang=lang)
        assert overlaps(ax.figure) == []


@pytest.mark.parametrize("name, axis", [("plot_survival", "y"), ("plot_retention_curves", "y"), ("plot_lorenz", "x"),
                                        ("plot_lorenz", "y"), ("plot_segment_map", "x"), ("plot_segment_map", "y"),
                                        ("plot_probability_alive_history", "y")])
def test_axes_of_shares_are_written_as_percentages(name, axis):
    ax = run_example(name, ax=_ax(), lang="ru")
    ax.figure.draw_without_rendering()
    ticks = [t.get_text() for t in _shown_tick_labels(getattr(ax, f"{axis}axis"))]
    assert ticks and all(t.endswith("\u00a0%") for t in ticks), ticks


def test_money_axes_use_the_current_currency_and_the_currency_argument():
    values = F.cumulative_value(30_000, 0.8, 0.01, periods=6)
    with i18n.language("ru"):
        ax = plots.plot_cumulative_value(values, ax=_ax())
        assert ax.get_ylabel().endswith(", ₽")  # the Russian way of giving an axis its unit
        ax.figure.draw_without_rendering()
        assert any("тыс.\u00a0₽" in t.get_text() for t in ax.get_yticklabels())
    eur = plots.plot_cumulative_value(values, currency="EUR", ax=_ax(), lang="en")
    assert eur.get_ylabel().endswith("(€)")
    assert plots.compact_money(25_000, "en", currency="USD") == "$25K"
    assert plots.compact_money(-2_500_000, "ru", currency="RUB") == "−2,5\u00a0млн\u00a0₽"
    assert plots.compact_money(9_999, "en", currency="USD") == "$9,999"


def test_charts_follow_the_language_setting_when_lang_is_not_given():
    values = F.cumulative_value(30, 0.8, 0.01, periods=6)
    ck.set_language("ru")
    assert plots.plot_cumulative_value(values, ax=_ax()).get_title() == label("chart.cumulative.title", "ru")
    with pytest.raises(ClvDataError, match="lang"):
        plots.plot_cumulative_value(values, ax=_ax(), lang="de")


def test_explorers_update_a_matrix_in_place_with_the_drawing_layer(bgnbd):
    ax = plots.draw_matrix(plots.probability_alive_matrix(bgnbd, T=30, max_frequency=5), ax=_ax(), title="t",
                           colorbar_label="c", formatter=plots.percent_formatter("en"))
    image = ax.images[0]
    newer = plots.probability_alive_matrix(bgnbd, T=50, max_frequency=5, max_recency=50)
    plots.update_matrix(ax, newer)
    assert ax.images[0] is image
    np.testing.assert_allclose(image.get_array(), newer.to_numpy())
    assert image.get_extent()[1] == pytest.approx(50 + 50 / 20 / 2)


def test_place_labels_keeps_labels_of_points_on_top_of_each_other_apart():
    ax = _ax()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    points = [(0.3, 0.3), (0.31, 0.3), (0.3, 0.31), (0.8, 0.8)]
    notes = plots.place_labels(ax, points, ["first label", "second label", "third label", "far"])
    assert [n.xy for n in notes] == points
    assert overlaps(ax.figure) == []


def test_waterfall_table_steps_from_base_to_total():
    t = plots.waterfall_table(100.0, {"retention": 20.0, "cost": -5.0}, total=118.0)
    assert t["step"].tolist() == ["base", "retention", "cost", "interaction", "total"]
    assert t["end"].tolist() == [100.0, 120.0, 115.0, 118.0, 118.0]
    assert t["kind"].tolist() == ["base", "up", "down", "up", "total"]



# ---------------------------------------------------------------- single charts
def test_cumulative_value_chart_line_is_the_formula_and_labels_carry_units():
    values = F.cumulative_value(30, 0.8, 0.01, periods=24)
    ax = plots.plot_cumulative_value(values, cac=60, ax=_ax())
    line = next(a for a in ax.lines if a.get_gid() == "cumulative")
    np.testing.assert_allclose(line.get_ydata(), values["cumulative"])
    assert "months" in ax.get_xlabel() and "($)" in ax.get_ylabel()
    ru = plots.plot_cumulative_value(values, cac=60, currency="₽", ax=_ax(), lang="ru")
    assert ru.get_title() == label("chart.cumulative.title", "ru") and "₽" in ru.get_ylabel()


@pytest.mark.parametrize("periods", [6, 13, 20, 24])
def test_cumulative_value_chart_ticks_only_whole_periods(periods):
    values = F.cumulative_value(100, 0.8, 0.1, periods=periods)
    ax = plots.plot_cumulative_value(values, cac=150, time_unit="Y", ax=_ax())
    ax.figure.canvas.draw()
    left, right = ax.get_xlim()
    shown = [t for t in ax.get_xticks() if left <= t <= right]
    assert len(shown) >= 3 and all(float(t).is_integer() for t in shown), shown


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
    assert bar_label.endswith("(€)" if lang == "en" else ", €") == metric.startswith("revenue")
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
    assert all(t.get_text().endswith("\u00a0₽") for t in shown)  # the currency follows the language
    boxes = sorted((t.get_window_extent() for t in shown), key=lambda b: b.x0)
    # at least a few characters of white space between neighbouring labels (display units)
    assert min(right.x0 - left.x1 for left, right in itertools.pairwise(boxes)) > 20


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
    assert ax.get_ylabel() == {"en": label("chart.predicted_vs_actual.y", "en") + " ($)",
                               "ru": label("chart.predicted_vs_actual.y", "ru") + ", $"}[lang]
    current = plots.plot_predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual", money=True,
                                             ax=_ax(), lang=lang)
    assert current.get_ylabel().endswith({"en": "($)", "ru": ", ₽"}[lang])  # the current currency
    plain = plots.plot_predicted_vs_actual(table, by="frequency", predicted="predicted", actual="actual", ax=_ax(),
                                           lang=lang)
    assert plain.get_ylabel() == label("chart.predicted_vs_actual.y", lang)
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




def test_money_axis_writes_every_tick_in_one_unit():
    # an axis from 0 to 12,500 roubles: 5,000 would be written in full and 10,000 as "10K" tick by tick
    channels = pd.DataFrame({"ltv": [12_500.0, 7_000.0], "cac": [3_500.0, 10_000.0]}, index=["a", "b"])
    ax = plots.plot_ltv_cac(channels, currency="RUB", lang="en", ax=_ax())
    ax.figure.draw_without_rendering()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    nonzero = [t for t in labels if t.strip("₽\u00a0 ") != "0"]
    assert nonzero and all("K" in t for t in nonzero), labels
    # the unit comes from the largest tick; a tick that is not whole in it gives every tick one decimal
    assert plots._style._tick_scale([0, 5_000, 10_000]) == (1e3, 0)
    assert plots._style._tick_scale([0, 2_500, 5_000, 12_500]) == (1e3, 1)
    assert plots._style._tick_scale([0, 500_000, 1_000_000]) == (1e6, 1)
    assert plots._style._tick_scale([0, 2_000, 8_000]) == (1.0, None)
    assert plots.compact_money(5_000, "en", currency="USD", scale=1e3, digits=0) == "$5K"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_ltv_cac_chart_names_a_value_that_is_not_an_ltv(lang):
    channels = pd.DataFrame({"arppu": [1_800.0, 900.0], "cac": [1_400.0, 1_500.0]}, index=["a", "b"])
    ax = plots.plot_ltv_cac(channels, ltv="arppu", lang=lang, value_name="ARPPU", ax=_ax())
    texts = [ax.get_title(), ax.get_ylabel(), *[t.get_text() for t in ax.get_legend().get_texts()],
             *[c.get_text() for c in ax.texts]]
    assert not any("LTV" in t for t in texts), texts
    assert "ARPPU" in ax.get_title() and all("ARPPU" in c.get_text() for c in ax.texts)
    # the ratio printed is still the column's own: 1,800 / 1,400 = 1.3
    assert ("1.3" if lang == "en" else "1,3") in ax.texts[0].get_text()
    default = plots.plot_ltv_cac(channels, ltv="arppu", lang=lang, ax=_ax())
    assert "LTV" in default.get_title()
