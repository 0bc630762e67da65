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


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def browser_missing(reason: str):
    """Skip a browser test with the way to install what is missing; under CI a missing browser fails the run."""
    import os

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true, so the browser tests must run.")
    pytest.skip(f"{reason}; install Debian's chromium (apt-get install chromium) to run the browser tests.")


@pytest.fixture(scope="module")
def chromium_browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        browser_missing("No Chromium found on PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_missing("Python Playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
