"""What the explorers share: one reusable chart rendered to PNG, the headline, the figures box.

The chart is ONE :class:`matplotlib.figure.Figure` on an Agg canvas (no pyplot, so no
figure leaks into the notebook). An update changes the artists' data and re-renders
the PNG bytes into an :class:`ipywidgets.Image`; in a browser that costs about half
of clearing an ``Output`` and drawing a new figure.
"""

from __future__ import annotations

import html
import io
import re
import time

import ipywidgets as w
import numpy as np
import traitlets as tr
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..i18n import currency_symbol, format_number, format_percent, get_currency, label, resolve_lang, text

__all__ = ["Chart", "Explorer", "State", "figures_html", "headline_html"]

HEADLINE_CLASS = "clvkit-headline"
FIGURES_CLASS = "clvkit-figures"
CHART_CLASS = "clvkit-chart"


class Chart:
    """One matplotlib Figure kept for the life of an explorer, shown as PNG in an Image widget.

    Drawing text (tick labels, titles) is most of matplotlib's cost, so the chart is
    blitted: the static part (axes, ticks, labels) is drawn once and cached, and an update
    restores that background and draws only the artists in :attr:`dynamic`. The static
    part is redrawn only when the explorer's layout key changes (new axis limits, new tick
    labels); explorers keep limits on a coarse "nice" grid so that this is rare.

    Parameters
    ----------
    ncols, nrows : int
        Subplot grid.
    figsize : (float, float)
        Inches.
    dpi : int
        Resolution of the PNG.
    """

    def __init__(self, *, nrows: int = 1, ncols: int = 1, figsize=(9.0, 3.6), dpi: int = 80, **subplot_kw):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        axes = self.figure.subplots(nrows, ncols, squeeze=False, **subplot_kw)
        self.axes = list(axes.ravel())
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width=f"{int(figsize[0] * dpi)}px"))
        self.image.add_class(CHART_CLASS)
        self.dynamic: list = []
        self._background = None
        self._key = None
        self.render_seconds = 0.0
        self.full_draws = 0

    def set_dynamic(self, artists) -> None:
        """The artists that change on every update (drawn over the cached background)."""
        self.dynamic = list(artists)
        for artist in self.dynamic:
            artist.set_animated(True)
        self._background = None

    def png(self, layout_key=None) -> bytes:
        """The figure as PNG bytes (full draw only when `layout_key` changed)."""
        from PIL import Image

        if self._background is None or layout_key != self._key:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._key = layout_key
            self.full_draws += 1
        else:
            self.canvas.restore_region(self._background)
        for artist in self.dynamic:
            if artist.get_visible():
                (artist.axes or self.figure).draw_artist(artist)
        buffer = io.BytesIO()
        # Fast zlib level: a third of the default's time for nearly the same size.
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def render(self, layout_key=None) -> None:
        """Redraw and push the PNG into the Image widget."""
        start = time.perf_counter()
        self.image.value = self.png(layout_key)
        self.render_seconds = time.perf_counter() - start


def axes_key(axes) -> tuple:
    """What the static part of some Axes depends on: limits, tick positions and labels, titles."""
    key = []
    for ax in axes:
        key.append(tuple(np.round(ax.get_xlim(), 9)) + tuple(np.round(ax.get_ylim(), 9)))
        key.append(ax.get_title())
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            key.append(tuple(getattr(formatter, "seq", ()) or ()))
            key.append(tuple(np.round(axis.get_majorticklocs(), 9)))
    return tuple(key)


def nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about 5 intervals over `span`."""
    if not np.isfinite(span) or span <= 0:
        return 1.0
    raw = span / 5.0
    power = 10.0 ** np.floor(np.log10(raw))
    for mult in (1.0, 2.0, 5.0, 10.0):
        if raw <= mult * power:
            return float(mult * power)
    return float(10.0 * power)


def nice_bounds(low: float, high: float, *, include_zero: bool = False) -> tuple[float, float]:
    """Axis limits rounded outwards to a round step, so small changes keep the same limits."""
    values = [v for v in (low, high) if np.isfinite(v)]
    if not values:
        return (0.0, 1.0)
    lo, hi = min(values), max(values)
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    step = nice_step(hi - lo)
    return (float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step))


def headline_html(title: str, value: str, *, key: str = "headline") -> str:
    """The HTML of a headline: a small title over a big number (stable classes for tests)."""
    return (
        f'<div class="clvkit-headline-title">{html.escape(title)}</div>'
        f'<div class="clvkit-headline-value" data-key="{key}" '
        f'style="font-size:2.2em;font-weight:600;line-height:1.2">{html.escape(value)}</div>'
    )


def figures_html(items: list[tuple[str, str, str]]) -> str:
    """The HTML of the secondary figures: (key, title, value) triples as a small table."""
    rows = "".join(
        f'<tr><td style="padding:2px 12px 2px 0;color:#555">{html.escape(title)}</td>'
        f'<td class="clvkit-figure" data-key="{html.escape(key)}" style="font-weight:600">{html.escape(value)}</td></tr>'
        for key, title, value in items
    )
    return f"<table>{rows}</table>"


class State(tr.HasTraits):
    """Base of the explorers' states: input traits, and a ``result`` recomputed when one changes.

    A subclass declares its inputs as traits, lists their names in ``INPUTS``, declares
    ``result`` as a trait of its result type and implements :meth:`compute`, which returns
    the result from the current inputs with public clvkit functions (no widgets). The base
    recomputes on every change of an input and times it in ``compute_seconds``.

    Examples
    --------
    >>> class Double(State):
    ...     x = tr.Float(1.0)
    ...     result = tr.Float(allow_none=True)
    ...     INPUTS = ("x",)
    ...     def compute(self):
    ...         return 2 * self.x
    >>> s = Double(x=2.0); s.x = 5.0; s.result
    10.0
    """

    INPUTS: tuple[str, ...] = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.compute_seconds = 0.0
        self.observe(self._on_input, names=list(self.INPUTS))
        self._recompute()

    def compute(self):  # pragma: no cover - abstract
        """The result for the current inputs."""
        raise NotImplementedError

    def inputs(self) -> dict:
        """The current inputs, name -> value."""
        return {name: getattr(self, name) for name in self.INPUTS}

    def _on_input(self, _change) -> None:
        self._recompute()

    def _recompute(self) -> None:
        start = time.perf_counter()
        result = self.compute()
        self.compute_seconds = time.perf_counter() - start
        self.result = result


class Explorer:
    """Base of the five explorers: a state object, a headline, figures, a chart and controls.

    Subclasses build ``self.state`` (numbers only), ``self.controls`` (name -> widget,
    linked to the state), ``self.chart`` and implement :meth:`_draw` (first drawing) and
    :meth:`_update` (refresh text and artists from ``self.state``).
    """

    lang: str
    currency: str | None = None

    def _build_view(self, *, title_key: str, controls: list, chart: Chart) -> None:
        self.headline = w.HTML()
        self.headline.add_class(HEADLINE_CLASS)
        self.figures = w.HTML()
        self.figures.add_class(FIGURES_CLASS)
        self.chart = chart
        self.title = w.HTML(f"<h3 style='margin:4px 0'>{html.escape(label(title_key, self.lang))}</h3>")
        # a slider with a readout of its own (any language but English) gets it beside it
        rows = [w.HBox([c, c._clvkit_readout]) if getattr(c, "_clvkit_readout", None) is not None else c
                for c in controls]
        wide = len(rows) != len(controls) or any(r is not c for r, c in zip(rows, controls))
        left = w.VBox(rows, layout=w.Layout(min_width="590px" if wide else "500px", flex="0 0 auto"))
        right = w.VBox([self.headline, self.figures], layout=w.Layout(padding="0 0 0 18px"))
        self.widget = w.VBox([self.title, w.HBox([left, right]), chart.image])
        self.widget.add_class("clvkit-explorer")

    def refresh(self, *_args) -> None:
        """Bring text and chart up to date with the state (called on every change)."""
        self._update()
        self.chart.render(self.layout_key())

    def layout_key(self) -> tuple:
        """What the chart's static part depends on (see :class:`Chart`)."""
        return axes_key(self.chart.axes)

    def _update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        # Lets a notebook cell end with the explorer itself.
        return self.widget._repr_mimebundle_(**kwargs)

    def values(self) -> dict:
        """The current inputs, e.g. to rebuild the explorer in another language."""
        return self.state.inputs()

    @staticmethod
    def _check_lang(lang: str | None) -> str:
        return resolve_lang(lang)

    def _money_unit(self) -> str:
        """The currency symbol shown after money controls: the explorer's currency, else the current one."""
        return currency_symbol(self.currency or get_currency(self.lang), self.lang)


# Slider ranges and starting values are written in dollars; other currencies scale them by a
# rough price level, so that a Russian page starts from a 3 000 ₽ order and accepts 50 000 ₽,
# not from 30 ₽ with a ceiling of 500 ₽. A range, not an exchange rate: nothing is converted.
MONEY_SCALE = {"USD": 1.0, "EUR": 1.0, "GBP": 1.0, "CNY": 5.0, "BYN": 3.0, "UAH": 40.0, "RUB": 100.0,
               "KZT": 500.0}


def currency_code(currency: str | None, lang: str | None = None) -> str:
    """The ISO code of `currency` (a code or a symbol); the current currency when None."""
    from ..i18n import CURRENCIES

    if currency is None:
        return get_currency(lang)
    symbol_to_code = {symbol: code for code, (symbol, _) in CURRENCIES.items()}
    code = symbol_to_code.get(currency, str(currency).upper())
    currency_symbol(code)  # refuses an unknown currency with the catalogue's sentence
    return code


def money_scale(currency: str | None, lang: str | None = None) -> float:
    """How many units of `currency` a dollar-sized slider step stands for (1 for USD, 100 for RUB)."""
    return MONEY_SCALE.get(currency_code(currency, lang), 1.0)


def with_unit(key: str, unit: str, lang: str | None = None) -> str:
    """A control's name with its unit, written the reader's way: "Horizon (months)", "Горизонт, месяцы"."""
    return text("widgets.with_unit", lang, label=label(key, lang), unit=unit)


def slider(kind: str, *, value, low, high, step, description: str, fmt: str | None = None, name: str,
           lang: str | None = None):
    """A labelled slider with a wide description (the labels are long in Russian).

    The browser writes a slider's own readout with English number formats (``1.5``, ``5000``,
    ``80%``); in any other language the slider shows none and carries, as ``_clvkit_readout``,
    an HTML readout written the reader's way (``1,5``, ``5 000``, ``80 %``), which
    :meth:`Explorer._build_view` puts beside it.
    """
    cls = {"float": w.FloatSlider, "int": w.IntSlider}[kind]
    own = resolve_lang(lang) != "en"
    # An initial value outside the usual range widens the range instead of being clipped.
    options = dict(value=value, min=min(low, value), max=max(high, value), step=step, description=description, continuous_update=True,
                   style={"description_width": "240px"}, layout=w.Layout(width="500px"))
    if own:
        options["readout"] = False
    elif fmt is not None:
        options["readout_format"] = fmt
    control = cls(**options)
    control.add_class(f"clvkit-control-{name}")
    if own:
        readout = w.HTML(layout=w.Layout(width="90px"))
        readout.add_class(f"clvkit-readout-{name}")

        def show(*_args) -> None:
            readout.value = html.escape(readout_text(control.value, fmt, kind, lang))

        control.observe(show, names="value")
        show()
        control._clvkit_readout = readout
    return control


def readout_text(value, fmt: str | None, kind: str, lang: str | None = None) -> str:
    """A slider value written the reader's way, following the slider's d3 format (``.1f``, ``.0%``)."""
    if kind == "int":
        return format_number(value, lang, decimals=0)
    match = re.fullmatch(r"\.(\d+)([f%])", fmt or ".2f")
    decimals, style = (int(match.group(1)), match.group(2)) if match else (2, "f")
    if style == "%":
        return format_percent(value, lang, decimals=decimals)
    return format_number(value, lang, decimals=decimals)
