"""Charts of customer value: one ``plot_*`` function per picture of the course.

Every ``plot_*`` function takes data first (a table from a clvkit function, or a fitted
model), keyword-only options, ``ax=None`` and ``lang=None``; it draws on that Axes only
(a new figure when ``ax`` is None), puts its title on that Axes, labels every axis with
its unit (money in the current currency, or ``currency=``; shares as percentages; time
in its unit), uses seaborn's colour-blind-safe "colorblind" palette and returns the
Axes. ``lang=None`` and ``currency=None`` mean the current settings of :mod:`clvkit.i18n`.
Nothing is random, so the same call draws the same picture.

The package, by subject:

``economics``    one customer and a strategy: cash flow, cumulative value, tornado, LTV:CAC, waterfall
``retention``    cohort heatmap, survival and retention against the sBG model
``diagnostics``  purchase-model checks: frequency x recency matrices, P(alive) history, holdout, tracking
``value``        value across customers: CLV distribution, Lorenz curve, segment map
``drawing``      the public drawing layer: draw once, update in place (used by :mod:`clvkit.widgets`)
``_style``       palette, new Axes, money/number/percent tick formatters

The numbers behind a chart come from functions with no matplotlib in them, in
:mod:`clvkit.diagnostics` (re-exported here under their old names) or the clvkit module
named in the chart's docstring. Every chart's docstring ends with an example that runs;
the tests run each of them in English and Russian.

matplotlib and seaborn are imported when a chart is drawn, never by ``import clvkit``.
Key artists carry a ``gid`` (``"cumulative"``, ``"tornado-low"``, ``"survival-sbg"``,
``"matrix"``...) so an interactive explorer can update them in place instead of redrawing.
"""

from __future__ import annotations

from ..diagnostics import (
    expected_cumulative_repeat_purchases,
    expected_purchases_matrix,
    holdout_by_frequency,
    predicted_vs_actual,
    probability_alive_history,
    probability_alive_matrix,
    survival_comparison,
    tracking_table,
)
from ._style import (
    compact_money,
    money_formatter,
    new_axes,
    number_formatter,
    palette,
    percent_formatter,
)
from .diagnostics import (
    group_labels,
    plot_calibration_holdout,
    plot_frequency_recency_matrix,
    plot_predicted_vs_actual,
    plot_probability_alive_history,
    plot_probability_alive_matrix,
    plot_tracking,
)
from .drawing import (
    draw_matrix,
    draw_waterfall,
    fit_tick_labels,
    place_labels,
    update_matrix,
    update_tornado,
    waterfall_step_name,
)
from .economics import (
    CASH_FLOW_HEADROOM,
    normalize_waterfall,
    plot_cash_flow,
    plot_cumulative_value,
    plot_ltv_cac,
    plot_tornado,
    plot_uplift_waterfall,
    waterfall_table,
)
from .retention import cohort_value_label, plot_cohort_heatmap, plot_retention_curves, plot_survival
from .value import plot_clv_distribution, plot_lorenz, plot_segment_map, segment_name

__all__ = [
    # charts
    "plot_cash_flow",
    "plot_cumulative_value",
    "plot_tornado",
    "plot_ltv_cac",
    "plot_uplift_waterfall",
    "plot_cohort_heatmap",
    "plot_survival",
    "plot_retention_curves",
    "plot_frequency_recency_matrix",
    "plot_probability_alive_matrix",
    "plot_probability_alive_history",
    "plot_calibration_holdout",
    "plot_tracking",
    "plot_predicted_vs_actual",
    "plot_clv_distribution",
    "plot_lorenz",
    "plot_segment_map",
    # the numbers behind the charts (defined in clvkit.diagnostics and the chart modules)
    "survival_comparison",
    "expected_purchases_matrix",
    "probability_alive_matrix",
    "probability_alive_history",
    "holdout_by_frequency",
    "expected_cumulative_repeat_purchases",
    "tracking_table",
    "predicted_vs_actual",
    "waterfall_table",
    "normalize_waterfall",
    # names in the reader's language
    "cohort_value_label",
    "group_labels",
    "segment_name",
    "waterfall_step_name",
    # drawing layer: draw once, update in place
    "draw_matrix",
    "update_matrix",
    "update_tornado",
    "draw_waterfall",
    "fit_tick_labels",
    "place_labels",
    # style
    "palette",
    "new_axes",
    "money_formatter",
    "number_formatter",
    "percent_formatter",
    "compact_money",
]

CHARTS = tuple(name for name in __all__ if name.startswith("plot_"))
"""The names of every chart, for tests and docs."""
