"""The drawing layer: draw a chart's artists once, then move them in place when the numbers change.

An interactive explorer keeps one Figure and, on every slider step, updates the
artists' data instead of drawing a new chart (see :mod:`clvkit.widgets`). The ``plot_*``
functions draw with the functions below and tag their key artists with a ``gid``
(``"matrix"``, ``"tornado-low"``, ``"waterfall"``...), so an explorer finds them and
calls the matching ``update_*`` function. Each function draws on the Axes it is given
only, never on pyplot's current figure.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..i18n import format_money, has, label, resolve_lang
from ._style import few_ticks_locator, integer_locator, money_formatter, new_axes, palette, unit_axis_label

__all__ = [
    "draw_matrix",
    "draw_waterfall",
    "fit_tick_labels",
    "place_labels",
    "update_matrix",
    "update_tornado",
    "waterfall_step_name",
]


# ------------------------------------------------------------------ frequency x recency matrices
def draw_matrix(matrix: pd.DataFrame, *, ax=None, title: str, colorbar_label: str, cmap: str = "viridis",
                formatter=None, time_unit: str | None = None, marker=None, lang: str | None = None):
    """Draw a frequency x recency table as an image with a colour bar.

    Parameters
    ----------
    matrix : DataFrame
        Index frequency, columns recency (e.g. :func:`clvkit.diagnostics.probability_alive_matrix`).
    ax : matplotlib Axes, optional
    title, colorbar_label : str
        Texts in the reader's language.
    cmap : str
        Colour map.
    formatter : matplotlib Formatter, optional
        Ticks of the colour bar (e.g. :func:`clvkit.plots.percent_formatter`).
    time_unit : str, optional
        Unit of recency, for the x axis label.
    marker : (frequency, recency), optional
        Marks one customer with a star (gid ``"matrix-marker"``).
    lang : {"en", "ru"}, optional

    Returns
    -------
    matplotlib Axes
        The image has gid ``"matrix"``; move it with :func:`update_matrix`.
    """
    lang = resolve_lang(lang)
    ax = new_axes(ax, figsize=(7, 5))
    image = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", cmap=cmap, extent=_extent(matrix),
                      interpolation="nearest", gid="matrix")
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(colorbar_label)
    if formatter is not None:
        bar.formatter = formatter
        bar.update_ticks()
    ax.set_title(title)
    ax.set_xlabel(unit_axis_label("chart.recency", time_unit, lang))
    ax.set_ylabel(label("chart.frequency", lang))
    # frequency counts purchases: a tick at 2.5 purchases would mean nothing
    ax.yaxis.set_major_locator(integer_locator())
    if marker is not None:
        ax.plot([marker[1]], [marker[0]], marker="*", ms=16, color="white", mec="black", ls="none",
                gid="matrix-marker", label=label("customer.this", lang))
        ax.legend(loc="lower left", frameon=True, fontsize="small")
    return ax


def _extent(matrix: pd.DataFrame) -> tuple[float, float, float, float]:
    recs = matrix.columns.to_numpy(dtype=float)
    freqs = matrix.index.to_numpy(dtype=float)
    dr = (recs[1] - recs[0]) / 2 if recs.size > 1 else 0.5
    return (recs[0] - dr, recs[-1] + dr, freqs[-1] + 0.5, freqs[0] - 0.5)


def update_matrix(ax, matrix: pd.DataFrame) -> None:
    """Show a new table (same kind of values) in the image drawn by :func:`draw_matrix`."""
    image = next(a for a in ax.images if a.get_gid() == "matrix")
    image.set_data(matrix.to_numpy(dtype=float))
    image.set_extent(_extent(matrix))


# ------------------------------------------------------------------ tornado
def tornado_change_pct(table: pd.DataFrame) -> str:
    """The ± percentage of a clv_elasticities table, read from its aov row (CLV is linear in aov)."""
    row = table.loc[table["driver"] == "aov"]
    if row.empty or row["value"].iloc[0] == 0 or float(row["clv"].iloc[0]) == 0:
        return "10"
    return f"{100.0 * (1.0 - float(row['clv_low'].iloc[0]) / float(row['clv'].iloc[0])):.0f}"


def update_tornado(ax, elasticities: pd.DataFrame, *, lang: str | None = None) -> None:
    """Move the bars of a tornado drawn by :func:`clvkit.plots.plot_tornado` to a new table (same drivers).

    Parameters
    ----------
    ax : matplotlib Axes
        Holding bars with gids ``"tornado-low"`` and ``"tornado-high"``.
    elasticities : DataFrame
        From :func:`clvkit.formulas.clv_elasticities`.
    lang : {"en", "ru"}, optional
    """
    lang = resolve_lang(lang)
    table = elasticities
    low_bars = _bars(ax, "tornado-low")
    high_bars = _bars(ax, "tornado-high")
    base = float(table["clv"].iloc[0])
    for i, row in enumerate(table.itertuples(index=False)):
        lo, hi = float(row.clv_low), float(row.clv_high)
        lo = lo if math.isfinite(lo) else base
        hi = hi if math.isfinite(hi) else base
        low_bars[i].set_x(min(lo, base))
        low_bars[i].set_width(abs(base - lo))
        high_bars[i].set_x(min(hi, base))
        high_bars[i].set_width(abs(hi - base))
    n = len(table)
    ax.set_yticks(np.arange(n)[::-1], [label(f"driver.{d}", lang) for d in table["driver"]])
    for line in ax.lines:
        if line.get_gid() == "tornado-base":
            line.set_xdata([base, base])
    values = np.concatenate([table["clv_low"].to_numpy(float), table["clv_high"].to_numpy(float), [base]])
    values = values[np.isfinite(values)]
    lo, hi = float(values.min()), float(values.max())
    pad = 0.08 * (hi - lo) if hi > lo else max(abs(hi), 1.0) * 0.1
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_title(label("chart.tornado.title", lang, pct=tornado_change_pct(table)))


def _bars(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid or (p.get_gid() is None and _parent_gid(ax, p) == gid)]


def _parent_gid(ax, patch) -> str | None:
    for container in ax.containers:
        if patch in container.patches:
            return container.get_gid()
    return None


# ------------------------------------------------------------------ waterfall
def waterfall_step_name(step: str, lang: str | None = None) -> str:
    """The reader's name of a waterfall step ("base" -> "current", a lever -> its name)."""
    if step == "base":
        return label("chart.waterfall.base", lang)
    if step == "total":
        return label("chart.waterfall.total", lang)
    key = f"lever.{step}"
    return label(key, lang) if has(key, lang) else step


def draw_waterfall(ax, table: pd.DataFrame, *, lang: str | None = None, currency: str | None = None,
                   rescale: bool = True) -> None:
    """Draw (or redraw in place, when the steps are the same) the bars of a waterfall table.

    Parameters
    ----------
    ax : matplotlib Axes
    table : DataFrame
        From :func:`clvkit.plots.waterfall_table` or :func:`clvkit.plots.normalize_waterfall`
        (columns step, start, end, kind).
    lang : {"en", "ru"}, optional
    currency : str, optional
        Currency of the bar labels; the current one when None.
    rescale : bool
        Fit the y axis to the bars (an explorer keeps its own, rounder limits).
    """
    lang = resolve_lang(lang)
    colors = palette(4)
    kind_color = {"base": "0.55", "total": colors[0], "up": colors[2], "down": colors[3]}
    lo = np.minimum(table["start"].to_numpy(float), table["end"].to_numpy(float))
    hi = np.maximum(table["start"].to_numpy(float), table["end"].to_numpy(float))
    bars = [p for p in ax.patches if p.get_gid() == "waterfall"]
    if len(bars) != len(table):
        for p in bars:
            p.remove()
        for t in [t for t in ax.texts if t.get_gid() == "waterfall-label"]:
            t.remove()
        x = np.arange(len(table))
        container = ax.bar(x, hi - lo, bottom=lo, width=0.6, color=[kind_color[k] for k in table["kind"]])
        for p in container.patches:
            p.set_gid("waterfall")
        bars = list(container.patches)
        for xi in x:
            ax.text(xi, 0, "", ha="center", va="bottom", fontsize="small", gid="waterfall-label")
        ax.yaxis.set_major_formatter(money_formatter(lang, currency))
        ax.yaxis.set_major_locator(few_ticks_locator())
    texts = [t for t in ax.texts if t.get_gid() == "waterfall-label"]
    for i, (bar, row) in enumerate(zip(bars, table.itertuples(index=False))):
        bar.set_y(lo[i])
        bar.set_height(hi[i] - lo[i])
        bar.set_color(kind_color[row.kind])
        value = row.end if row.kind in ("base", "total") else row.end - row.start
        sign = "+" if row.kind == "up" else ""
        texts[i].set_text(sign + format_money(value, lang, currency=currency, decimals=0))
        texts[i].set_position((i, hi[i]))
    names = [waterfall_step_name(s, lang) for s in table["step"]]
    if [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] != names:
        ax.set_xticks(np.arange(len(table)), names)
        fit_tick_labels(ax, "x")
    if not rescale:
        return
    span = float(np.max(hi)) if len(hi) else 1.0
    floor = float(np.min(lo)) if len(lo) else 0.0
    ax.set_ylim(min(0.0, floor), span * 1.12 if span > 0 else 1.0)


# ------------------------------------------------------------------ labels that do not collide
def _tick_boxes(ax, axis: str, renderer) -> list:
    ticks = getattr(ax, f"{axis}axis")
    low, high = sorted(ticks.get_view_interval())
    return [t.get_window_extent(renderer) for t, loc in zip(ticks.get_majorticklabels(), ticks.get_majorticklocs())
            if t.get_visible() and t.get_text() and low <= loc <= high]


def _crowded(boxes, gap: float) -> bool:
    return any(a.padded(gap / 2).overlaps(b.padded(gap / 2)) for a, b in zip(boxes, boxes[1:]))


def _two_lines(text: str) -> str:
    """A name broken at the space nearest its middle ("Paid search" -> "Paid\nsearch")."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces or "\n" in text:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def fit_tick_labels(ax, axis: str = "x", *, gap: float = 8.0) -> None:
    """Keep the category names of an axis apart: as they are if they fit, else on two lines, else slanted.

    Names that touch their neighbours (closer than `gap` pixels) are first broken onto two
    lines at a space, then turned by 30, 45, 60 and finally 90 degrees until they fit.
    Measured with the figure's renderer, so call it when the Axes size is final.

    Parameters
    ----------
    ax : matplotlib Axes
    axis : {"x", "y"}
    gap : float
        Pixels of white space wanted between neighbouring names.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    ticks = getattr(ax, f"{axis}axis")
    if not _crowded(_tick_boxes(ax, axis, renderer), gap):
        return
    locs = list(ticks.get_majorticklocs())
    names = [t.get_text() for t in ticks.get_majorticklabels()]
    ticks.set_ticks(locs, [_two_lines(n) for n in names])
    if not _crowded(_tick_boxes(ax, axis, renderer), gap) or axis != "x":
        return
    for angle in (30, 45, 60, 90):
        ticks.set_ticks(locs, names, rotation=angle, ha="right" if angle < 90 else "center", rotation_mode="anchor")
        if not _crowded(_tick_boxes(ax, axis, renderer), gap):
            return


def place_labels(ax, points, texts, *, clearance=None, fontsize="small", pad: float = 3.0, **annotate) -> list:
    """Annotate points so that no two labels overlap and every label stays inside the Axes.

    Each label tries positions around its point (right, left, above, below, then further
    out) and takes the first whose box is clear of the labels already placed, of the other
    points' markers and of the leader lines drawn so far, and whose own leader line crosses
    no label; when no position is that clear, the first clear of the other labels. Points
    are labelled from the top. Boxes are measured with the figure's renderer after its
    layout, so call this when the Axes limits are final.

    Parameters
    ----------
    ax : matplotlib Axes
    points : sequence of (x, y)
        Data coordinates.
    texts : sequence of str
    clearance : sequence of float, optional
        Radius in points of each point's marker (a bubble); its label starts outside it.
    fontsize : str or float
    pad : float
        Points of white space kept around each label.
    **annotate
        Passed to :meth:`matplotlib.axes.Axes.annotate`.

    Returns
    -------
    list of matplotlib Annotation
        In the order of `points`.
    """
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    fig = ax.figure
    fig.draw_without_rendering()  # the final layout, so the boxes measured are the ones drawn
    renderer = fig._get_renderer()
    frame = ax.get_window_extent(renderer)
    points = [(float(x), float(y)) for x, y in points]
    order = sorted(range(len(points)), key=lambda i: -points[i][1])
    radii = [0.0] * len(points) if clearance is None else [float(r) for r in clearance]
    step = 12.0
    leader = {"arrowstyle": "-", "color": "0.6", "lw": 0.6, "shrinkA": 0, "shrinkB": 2}

    def candidates(r: float) -> list[tuple[float, float]]:
        near = r + 4.0  # just outside the marker: right, left, above, the upper corners, below, then further out
        out = [(near, -4.0), (-near, -4.0), (0.0, near), (near * 0.7, near * 0.7), (-near * 0.7, near * 0.7),
               (near * 0.7, -near * 0.7 - 12), (-near * 0.7, -near * 0.7 - 12), (0.0, -near - 24)]
        out += [(dx, -4.0 + sign * k * step) for k in range(1, 8) for sign in (1, -1) for dx in (near + 6, -near - 6)]
        # then rings further out, for a crowded corner: the free space may be a little away
        out += [(d * math.cos(a), d * math.sin(a)) for d in (near + 20, near + 40, near + 65)
                for a in np.radians([45, 135, 90, 0, 180, -45, -135, -90])]
        return out

    def put(i, dx, dy):
        far = math.hypot(dx, dy) > radii[i] + 16
        note = ax.annotate(texts[i], points[i], textcoords="offset points", xytext=(dx, dy),
                           ha="left" if dx > 0 else "right" if dx < 0 else "center", va="bottom",
                           fontsize=fontsize, arrowprops=leader if far else None, **annotate)
        note.update_positions(renderer)  # where the offset puts the text, before any draw
        # the text's own box: a leader line may cross other labels' white space
        box = Text.get_window_extent(note, renderer).padded(pad)
        line = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, *centres[i]) if far else None
        return note, box, line

    # a marker is a square around its point (in pixels), a leader a segment from its label to its point
    centres = [tuple(c) for c in ax.transData.transform(points)] if points else []
    to_pixels = fig.dpi / 72.0
    markers = [Bbox.from_extents(cx - r * to_pixels, cy - r * to_pixels, cx + r * to_pixels, cy + r * to_pixels)
               for (cx, cy), r in zip(centres, radii)]

    def crosses(line, box) -> bool:
        # points along the segment: exact enough at the size of a label
        t = np.linspace(0.0, 1.0, 33)
        xs, ys = line[0] + (line[2] - line[0]) * t, line[1] + (line[3] - line[1]) * t
        return bool(np.any((xs > box.x0) & (xs < box.x1) & (ys > box.y0) & (ys < box.y1)))

    def nearest(box) -> int:
        """The marker a label without a leader line is read as naming: clearly the closest, else -1."""
        gaps = np.array([math.hypot(max(m.x0 - box.x1, 0.0, box.x0 - m.x1), max(m.y0 - box.y1, 0.0, box.y0 - m.y1))
                         for m in markers])
        first = int(np.argmin(gaps))
        others = np.delete(gaps, first)
        return first if not others.size or 2 * gaps[first] + pad <= others.min() else -1

    placed: list = []
    lines: list = []
    out: list = [None] * len(points)
    for i in order:
        offsets = candidates(radii[i])
        chosen = None
        # 2: clear of labels, markers and leader lines; 1: of labels and markers; 0: of labels
        for strict in (2, 1, 0):
            for dx, dy in offsets:
                note, box, line = put(i, dx, dy)
                ok = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
                      and not any(box.overlaps(other) for other in placed))
                if ok and strict >= 1:
                    ok = not any(box.overlaps(m) for j, m in enumerate(markers) if j != i)
                if ok and strict == 2:
                    ok = (not any(crosses(other, box) for other in lines)
                          and (line is None or not any(crosses(line, other) for other in placed))
                          and (line is not None or nearest(box) == i))
                if ok:
                    chosen = (note, box, line)
                    break
                note.remove()
            if chosen:
                break
        if chosen is None:  # crowded beyond every candidate: keep the first position
            chosen = put(i, *offsets[0])
        note, box, line = chosen
        placed.append(box)
        if line is not None:
            lines.append(line)
        out[i] = note
    return out
