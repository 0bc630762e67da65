"""The segment map's labels: none covers another label or another segment's bubble, and a label without a
leader line sits closest to its own bubble, on the crowded CDNOW base of notebook 06, in both languages."""

from __future__ import annotations

import itertools
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import clvkit as ck  # noqa: E402
from clvkit import plots  # noqa: E402
from clvkit._exercises import nb06  # noqa: E402


def _drawn(lang):
    customers = nb06.cdnow_base()[3]
    table = ck.segments.segment_summary(customers, value="clv")
    ax = plots.plot_segment_map(table, lang=lang, currency="USD")
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    bubbles = ax.collections[0]
    # each bubble's square, from the scatter's own offsets and sizes (areas in points squared)
    centres = ax.transData.transform(bubbles.get_offsets())
    radii = np.sqrt(bubbles.get_sizes()) / 2 * fig.dpi / 72
    squares = [(cx - r, cy - r, cx + r, cy + r) for (cx, cy), r in zip(centres, radii)]
    notes = [t for t in ax.texts if t.get_gid() == "segment-label"]
    # the text's own box (an Annotation's extent would include its leader line)
    boxes = [Text.get_window_extent(t, renderer) for t in notes]
    own = [int(np.argmin([math.dist(n.xy, tuple(p)) for p in bubbles.get_offsets()])) for n in notes]
    matplotlib.pyplot.close(fig)
    return notes, [(b.x0, b.y0, b.x1, b.y1) for b in boxes], squares, own


def _cover(a, b, tolerance=1.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance


def _gap(a, b) -> float:
    return math.hypot(max(b[0] - a[2], 0.0, a[0] - b[2]), max(b[1] - a[3], 0.0, a[1] - b[3]))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_label_covers_another_label_or_another_segments_bubble(lang):
    notes, boxes, squares, own = _drawn(lang)
    assert len(notes) == len(squares) == 6
    assert not [(i, j) for i, j in itertools.combinations(range(len(boxes)), 2) if _cover(boxes[i], boxes[j])]
    assert not [(i, j) for i, box in enumerate(boxes) for j, square in enumerate(squares)
                if j != own[i] and _cover(box, square)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_label_without_a_leader_line_is_closest_to_its_own_bubble(lang):
    notes, boxes, squares, own = _drawn(lang)
    for note, box, mine in zip(notes, boxes, own):
        if note.arrow_patch is None:
            gaps = [_gap(box, square) for square in squares]
            assert int(np.argmin(gaps)) == mine, note.get_text()
