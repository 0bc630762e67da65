"""Shipped datasets load from the checkout and from a wheel installed elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
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


@pytest.mark.slow
def test_datasets_load_from_a_wheel_installed_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(dist.glob("clvkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "clvkit/_datasets/cdnow_sample.csv" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = textwrap.dedent(
        """
        import clvkit, clvkit.datasets as d
        assert clvkit.__file__.startswith(%r), clvkit.__file__
        names = [n for n in dir(d) if n.startswith("load_")]
        for n in names:
            if n == "load_cdnow_summary":
                continue
            frame = getattr(d, n)()
            assert len(frame) > 0, n
        print(len(names), len(d.load_cdnow_summary()))
        """ % str(target)
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True)
    assert out.stdout.split()[-1] == "2357"
