"""Shipped datasets load from the checkout (tests/test_wheel.py loads them from an installed wheel)."""

from __future__ import annotations

from pathlib import Path

import pytest

import clvkit as ck
from clvkit import ClvDataError

ROOT = Path(__file__).resolve().parent.parent


def test_sbg_cohort_table_is_the_published_one():
    t = ck.datasets.load_sbg_cohorts()
    assert t["regular"].tolist()[:8] == [1000, 631, 468, 382, 326, 289, 262, 241]
    assert t["high_end"].iloc[-1] == 394 and len(t) == 13


def test_donations_panel_has_11104_donors_over_six_occasions():
    d = ck.datasets.load_donations()
    assert int(d["count"].sum()) == 11104
    assert set(d["n_periods"]) == {6}


def test_every_listed_file_has_provenance_in_the_readme():
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    for name in ck.datasets.list_datasets():
        assert name in readme, f"{name} is not described in datasets/README.md"


def test_unknown_file_names_the_shipped_ones():
    with pytest.raises(ClvDataError, match="the shipped files are .*cdnow_sample.csv"):
        ck.datasets.dataset_path("nope.csv")
