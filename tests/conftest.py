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


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test run (2 cores, no UI, bound to 127.0.0.1).

    Skipped without pyspark or Java, unless CI is "true": then a missing one fails.
    """
    import os
    import shutil
    import sys
    from pathlib import Path

    def missing(reason: str):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true, so the Spark tests must run.")
        pytest.skip(f"{reason}; install the spark extra (pip install -e '.[test,spark]') and Java 17 or 21 "
                    f"(apt-get install openjdk-17-jre-headless) to run the Spark tests.")

    try:
        from pyspark.sql import SparkSession
    except ImportError:
        missing("pyspark is not installed")
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        missing("No Java found on PATH or in JAVA_HOME")
    with pytest.MonkeyPatch.context() as env:
        # executors run this interpreter (it has clvkit, pandas and pyarrow); nothing listens beyond loopback
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = (
            SparkSession.builder.master("local[2]").appName("clvkit-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        try:
            yield session
        finally:
            session.stop()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The CLV app (clvkit-app's Voila server) on a free local port; yields its address."""
    import socket
    import subprocess
    import time

    from clvkit.app import app_notebook_path, free_port, voila_command

    start_seconds = 90
    port = free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            voila_command(app_notebook_path(), port=port, open_browser=False), stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + start_seconds
            while True:
                if process.poll() is not None:
                    pytest.fail(f"voila exited with code {process.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"voila did not listen on port {port} within {start_seconds} s")
                    time.sleep(0.5)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
