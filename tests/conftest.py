"""Shared fixtures: the canonical CDNOW data, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def cdnow_transactions():
    import clvkit as ck

    return ck.datasets.load_cdnow_transactions()


@pytest.fixture(scope="session")
def cdnow_split(cdnow_transactions):
    import clvkit as ck

    return ck.split_calibration_holdout(
        cdnow_transactions, calibration_end="1997-09-30", observation_end="1998-06-30",
        time_unit="W", purchase_grain="D",
    )


@pytest.fixture(scope="session")
def cdnow_summary(cdnow_split):
    return cdnow_split[0]
