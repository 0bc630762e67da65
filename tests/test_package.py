"""The package stays light to import and exposes its public names."""

from __future__ import annotations

import subprocess
import sys

import pytest

import clvkit as ck


def test_import_does_not_load_plotting_widget_or_table_libraries():
    code = (
        "import sys, clvkit; heavy = [m for m in ('matplotlib', 'seaborn', 'ipywidgets', 'pandas', 'scipy') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("name", ["load_transactions", "summarize", "split_calibration_holdout", "cohort_table",
                                  "customer_lifetime_value", "customer_equity"])
def test_public_functions_resolve_lazily(name):
    assert callable(getattr(ck, name))


def test_unknown_attribute_says_so():
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        ck.nonsense  # noqa: B018 - the attribute access is what is tested


def test_errors_are_value_errors_with_one_sentence():
    assert issubclass(ck.ClvDataError, ValueError)
    assert issubclass(ck.UnitMismatchError, ck.ClvDataError)
    err = ck.NotFittedError("BGNBD")
    assert str(err) == "This BGNBD is not fitted yet; call .fit(data) before asking for results."
