"""RetentionExplorer: the sBG model's alpha and beta (or a fit to a cohort) against constant retention.

The numbers come from :class:`clvkit.models.ShiftedBetaGeometric` (survival, retention
rate, expected lifetime, DERL) and :func:`clvkit.diagnostics.survival_comparison`. The
constant-retention benchmark is what a team assumes when it quotes one retention rate:
survival r^t, expected lifetime 1 / (1 - r) periods and DERL r (1 + d) / (1 + d - r)
(the same first-renewal convention as the sBG's DERL: the coming renewal is not
discounted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import traitlets as tr

from ..diagnostics import survival_comparison
from ..errors import ClvDataError
from ..i18n import format_number, format_percent, label, short_unit_label, text, unit_label
from ..models.sbg import ShiftedBetaGeometric
from ..tables import term
from ._base import Chart, Explorer, State, figures_html, headline_html, slider, with_unit

__all__ = ["RetentionExplorer", "RetentionResult", "RetentionState", "retention_results"]


@dataclass(frozen=True)
class RetentionResult:
    """Everything the RetentionExplorer shows."""

    alpha: float
    beta: float
    constant_retention: float
    expected_lifetime: float
    derl: float
    constant_lifetime: float
    constant_derl: float
    curves: pd.DataFrame


def retention_results(*, alpha, beta, discount_rate, periods, survivors=None) -> RetentionResult:
    """The RetentionExplorer's numbers (sBG vs constant retention), without widgets.

    Parameters
    ----------
    alpha, beta : float
        sBG parameters.
    discount_rate : float
        Discount rate per period, for DERL.
    periods : int
        Periods shown in the curves.
    survivors : sequence of int, optional
        A cohort's counts: the observed points, and the constant benchmark that matches
        its last observed survival (see :func:`clvkit.diagnostics.survival_comparison`).

    Returns
    -------
    RetentionResult

    Examples
    --------
    >>> r = retention_results(alpha=3.0, beta=2.0, discount_rate=0.1, periods=5)
    >>> r.expected_lifetime       # (alpha + beta - 1) / (alpha - 1)
    2.0
    """
    model = ShiftedBetaGeometric.from_params(alpha=float(alpha), beta=float(beta))
    curves = survival_comparison(survivors, model=model, periods=int(periods))
    r = float(curves["constant_retention"].iloc[1])
    d = float(discount_rate)
    constant_lifetime = math.inf if r >= 1 else 1.0 / (1.0 - r)
    constant_derl = math.inf if (d == 0 and r >= 1) else r * (1.0 + d) / (1.0 + d - r)
    return RetentionResult(
        alpha=float(alpha), beta=float(beta), constant_retention=r,
        expected_lifetime=model.expected_lifetime(), derl=float(model.derl(d)),
        constant_lifetime=constant_lifetime, constant_derl=constant_derl, curves=curves,
    )


class RetentionState(State):
    """alpha, beta, discount rate, periods and an optional cohort; ``result`` follows them.

    Choosing a cohort fits the sBG to it and sets alpha and beta to the estimates.
    """

    alpha = tr.Float(1.0)
    beta = tr.Float(1.0)
    discount_rate = tr.Float(0.1)
    periods = tr.Int(12)
    cohort = tr.Unicode("", allow_none=True)
    result = tr.Instance(RetentionResult, allow_none=True)

    INPUTS = ("alpha", "beta", "discount_rate", "periods", "cohort")

    def __init__(self, *, cohorts: pd.DataFrame | None = None, **kwargs):
        self._cohorts = cohorts
        self._survivors = None
        self._hold = False
        cohort = kwargs.get("cohort")
        if cohort:
            # fit before the first computation, so it starts from the cohort's alpha and beta
            self._survivors, kwargs["alpha"], kwargs["beta"] = self._fit(cohort)
        super().__init__(**kwargs)

    @property
    def survivors(self):
        """The chosen cohort's counts, or None."""
        return self._survivors

    def _fit(self, cohort: str):
        """The cohort's counts and the sBG's alpha and beta fitted to them."""
        if self._cohorts is None or cohort not in self._cohorts.columns:
            names = [] if self._cohorts is None else list(self._cohorts.columns)
            raise ClvDataError(text("widgets.cohort", options=names, value=repr(cohort)))
        survivors = self._cohorts[cohort].dropna().to_numpy(dtype=float)
        alpha, beta = (float(v) for v in ShiftedBetaGeometric().fit(survivors).params_)
        return survivors, alpha, beta

    def _on_input(self, change) -> None:
        if self._hold:
            return
        if change["name"] == "cohort":
            if self.cohort:
                self._survivors, alpha, beta = self._fit(self.cohort)
                self._hold = True  # one recompute for the pair, not two
                try:
                    self.alpha, self.beta = alpha, beta
                finally:
                    self._hold = False
            else:
                self._survivors = None
        self._recompute()

    def compute(self) -> RetentionResult:
        return retention_results(alpha=self.alpha, beta=self.beta, discount_rate=self.discount_rate,
                                 periods=self.periods, survivors=self._survivors)


class RetentionExplorer(Explorer):
    """sBG alpha and beta (or a fit to a cohort) -> survival, retention, lifetime and DERL vs constant retention.

    Parameters
    ----------
    alpha, beta : float
        Initial sBG parameters (ignored when `cohort` is given).
    discount_rate : float
        Discount rate per period (per year for the default yearly cohorts).
    periods : int
        Periods in the charts.
    cohorts : DataFrame, optional
        Survivor counts per cohort (one column each, period 0 first); default
        :func:`clvkit.datasets.load_sbg_cohorts`.
    cohort : str, optional
        Column of `cohorts` to fit at start.
    time_unit : str
        Length of a period (default "Y").
    lang : {"en", "ru"}, optional
        The current language when None.
    """

    def __init__(self, *, alpha=1.0, beta=1.0, discount_rate=0.1, periods=12, cohorts=None, cohort=None,
                 time_unit="Y", lang=None):
        import ipywidgets as w

        self.lang = lang = self._check_lang(lang)
        self.time_unit = time_unit
        if cohorts is None:
            from ..datasets import load_sbg_cohorts

            cohorts = load_sbg_cohorts()
        self.state = RetentionState(cohorts=cohorts, alpha=alpha, beta=beta, discount_rate=discount_rate,
                                    periods=int(periods), cohort=cohort or "")
        s = self.state
        self.controls = {
            "cohort": w.Dropdown(options=[(label("retention.none", lang), "")]
                                 + [(str(term(str(c), lang)), str(c)) for c in cohorts.columns],
                                 value=s.cohort, description=label("retention.cohort", lang),
                                 style={"description_width": "240px"}, layout=w.Layout(width="500px")),
            "alpha": slider("float", lang=lang, value=s.alpha, low=0.05, high=10.0, step=0.05, fmt=".2f", name="alpha",
                            description=label("retention.alpha", lang)),
            "beta": slider("float", lang=lang, value=s.beta, low=0.05, high=20.0, step=0.05, fmt=".2f", name="beta",
                           description=label("retention.beta", lang)),
            "discount_rate": slider("float", lang=lang, value=discount_rate, low=0.0, high=0.5, step=0.01, fmt=".0%",
                                    name="discount_rate", description=label("driver.discount_rate", lang)),
            "periods": slider("int", lang=lang, value=int(periods), low=2, high=40, step=1, name="periods",
                              description=with_unit('driver.horizon', unit_label(time_unit, lang), lang)),
        }
        for name, control in self.controls.items():
            w.link((control, "value"), (self.state, name))
        self._build_view(title_key="chart.survival.title", controls=list(self.controls.values()),
                         chart=Chart(ncols=2, figsize=(10.0, 3.6)))
        self._draw()
        self.state.observe(self.refresh, names="result")
        self.refresh()

    def _draw(self) -> None:
        from ..plots import plot_retention_curves, plot_survival

        curves = self.state.result.curves
        ax_s, ax_r = self.chart.axes
        plot_survival(curves, time_unit=self.time_unit, ax=ax_s, lang=self.lang)
        plot_retention_curves(curves, time_unit=self.time_unit, ax=ax_r, lang=self.lang)
        self.lines = {a.get_gid(): a for ax in (ax_s, ax_r) for a in ax.lines if a.get_gid()}
        self.chart.set_dynamic(self.lines.values())

    def _update(self) -> None:
        r, lang, u = self.state.result, self.lang, self.time_unit
        years = short_unit_label(u, lang)

        def periods(v):
            return label("result.infinite", lang) if math.isinf(v) else f"{format_number(v, lang, decimals=2)} {years}"

        self.headline.value = headline_html(label("result.derl", lang), periods(r.derl), key="derl")
        self.figures.value = figures_html([
            ("alpha", label("retention.alpha_beta", lang),
             f"{format_number(r.alpha, lang, decimals=3)}; {format_number(r.beta, lang, decimals=3)}"),
            ("expected_lifetime", label("retention.lifetime_sbg", lang), periods(r.expected_lifetime)),
            ("constant_retention", label("retention.constant", lang), format_percent(r.constant_retention, lang)),
            ("constant_lifetime", label("retention.lifetime_constant", lang), periods(r.constant_lifetime)),
            ("constant_derl", label("retention.derl_constant", lang), periods(r.constant_derl)),
        ])
        c = r.curves
        t = c.index.to_numpy(dtype=float)
        for prefix, cols, rows in (("survival", ("observed", "sbg", "constant"), slice(None)),
                                   ("retention", ("observed_retention", "sbg_retention", "constant_retention"),
                                    slice(1, None))):
            for gid_suffix, col in zip(("observed", "sbg", "constant"), cols):
                self.lines[f"{prefix}-{gid_suffix}"].set_data(t[rows], c[col].to_numpy(dtype=float)[rows])
        for ax in self.chart.axes:
            ax.set_xlim(-0.5 if ax is self.chart.axes[0] else 0.5, t[-1] + 0.5)

    def values(self) -> dict:
        """The current inputs."""
        values = self.state.inputs()
        values["cohort"] = values["cohort"] or None
        return values
