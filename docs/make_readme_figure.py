"""Draw the README picture: the CDNOW holdout tracked by BG/NBD, and expected purchases by recency/frequency.

    python docs/make_readme_figure.py      # writes docs/clvkit.png
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import clvkit as ck  # noqa: E402
from clvkit.models import BGNBD  # noqa: E402


def main() -> Path:
    tx = ck.datasets.load_cdnow_transactions()
    summary = ck.datasets.load_cdnow_summary()
    model = BGNBD().fit(summary)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    ck.plots.plot_tracking(model, tx, calibration_end="1997-09-30", observation_end="1998-06-30", ax=left)
    ck.plots.plot_frequency_recency_matrix(model, t=52, summary=summary, max_frequency=15, ax=right)
    out = Path(__file__).with_name("clvkit.png")
    fig.savefig(out, dpi=110)
    return out


if __name__ == "__main__":
    print(main())
