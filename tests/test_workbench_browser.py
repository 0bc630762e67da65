"""The workbench tab in a real browser: upload, compute, read the page, download the workbook.

Voila serves the app on a free local port; headless Debian Chromium drives it with
Playwright (the ``chromium_browser`` fixture of conftest.py). Every request must stay on
this computer and the console must stay free of errors. Screenshots go to tests/_artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

from clvkit._server import is_local_host
from clvkit.i18n import format_number
from clvkit.workbench import Workbench

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "datasets" / "example_orders.csv"
ARTIFACTS = Path(__file__).parent / "_artifacts"
PAGE_READY_MS = 240_000
COMPUTE_MS = 180_000


def _guarded_page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status}: {r.request.method} {r.url}") if r.status >= 400 else None
        ),
    )

    def local_only(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or is_local_host(host):
            route.continue_()
        else:
            problems.append(f"external request: {route.request.url}")
            route.abort()

    page.route("**/*", local_only)
    return page, problems


def _upload(page, path: Path) -> None:
    with page.expect_file_chooser(timeout=PAGE_READY_MS) as chooser:
        page.locator(".clvkit-upload").first.click(timeout=PAGE_READY_MS)
    chooser.value.set_files(str(path))


def _expected(path: Path, name: str, lang: str) -> Workbench:
    wb = Workbench(lang=lang)
    assert wb.upload(path.read_bytes(), name) and wb.compute(), wb.error
    return wb


def test_workbench_in_english_and_russian(chromium_browser, app_url, tmp_path):
    from openpyxl import load_workbook
    from playwright.sync_api import expect
    from test_workbench import russian_file

    ARTIFACTS.mkdir(exist_ok=True)
    page, problems = _guarded_page(chromium_browser)
    try:
        page.goto(app_url, wait_until="domcontentloaded", timeout=PAGE_READY_MS)
        _upload(page, EXAMPLE)
        expect(page.locator(".clvkit-column-customer select")).to_have_value("client", timeout=COMPUTE_MS)
        expect(page.locator(".clvkit-column-amount select")).to_have_value("total")
        page.locator("button.clvkit-run").click()
        expected = _expected(EXAMPLE, "example_orders.csv", "en")
        head = page.locator(".clvkit-workbench .clvkit-headline")
        expect(head.locator("[data-key='customers']")).to_have_text(
            format_number(expected.headline["customers"], "en", decimals=0), timeout=COMPUTE_MS
        )
        expect(head.locator("[data-key='equity']")).to_have_text(
            dict(expected.headline_sentences())["Customer equity, next 12 months"]
        )
        # The trust check follows the table (a second fit, in the background).
        expect(page.locator(".clvkit-trust")).to_contain_text(expected.trust_sentence(), timeout=COMPUTE_MS)
        rows = page.locator(".clvkit-customers tr[data-customer]")
        first_ids = [rows.nth(i).get_attribute("data-customer") for i in range(3)]
        assert first_ids == [str(i) for i in expected.customers.index[:3]]
        # The ranges follow the values (computed in the background); the files are complete after them.
        ranges = page.locator(".clvkit-customers td[data-col='clv_range']")
        expect(ranges.first).not_to_have_text("…", timeout=COMPUTE_MS)
        with page.expect_download(timeout=60_000) as download:
            page.locator(".clvkit-download a.clvkit-download-xlsx").click()
        saved = tmp_path / "book.xlsx"
        download.value.save_as(saved)
        book = load_workbook(saved)
        sheet = list(book["Customers"].iter_rows(values_only=True))
        header = sheet[0]
        clv = [row[header.index("CLV")] for row in sheet[1:]]
        low = [row[header.index("CLV, low end of range")] for row in sheet[1:]]
        np.testing.assert_array_equal(np.round(clv, 2), np.round(expected.customers["clv"].to_numpy(), 2))
        np.testing.assert_array_equal(np.round(low, 2), np.round(expected.customers["clv_low"].to_numpy(), 2))
        page.set_viewport_size({"width": 1400, "height": 3400})  # the page scrolls inside: show all of it
        page.screenshot(path=str(ARTIFACTS / "workbench_en.png"), full_page=True)
        expected.close()
        assert problems == [], "\n".join(problems)
    finally:
        page.close()

    # Russian, on a page of its own: a semicolon-separated cp1251 export with rouble amounts.
    page, problems = _guarded_page(chromium_browser)
    try:
        page.goto(app_url + "?lang=ru", wait_until="domcontentloaded", timeout=PAGE_READY_MS)
        path = tmp_path / "заказы.csv"
        russian_file(path)
        _upload(page, path)
        expect(page.locator(".clvkit-column-customer select")).to_have_value("Покупатель", timeout=COMPUTE_MS)
        page.locator("button.clvkit-run").click()
        expected = _expected(path, "заказы.csv", "ru")
        head = page.locator(".clvkit-workbench .clvkit-headline")
        expect(head.locator("[data-key='customers']")).to_have_text(
            format_number(expected.headline["customers"], "ru", decimals=0), timeout=COMPUTE_MS
        )
        equity = next(v for k, v in expected.headline_sentences() if k.startswith("Ценность базы"))
        expect(head.locator("[data-key='equity']")).to_have_text(equity)
        assert equity.endswith("₽")
        # this small base pushes BG/NBD to the edge of its range, so the package refuses CLV ranges: once the
        # background work is done the table has values without a range column and the notes say why
        expect(page.locator(".clvkit-customers td[data-col='clv_range']")).to_have_count(0, timeout=COMPUTE_MS)
        expect(page.locator(".clvkit-workbench")).to_contain_text("уходят в бесконечность", timeout=COMPUTE_MS)
        first = page.locator(".clvkit-customers tr[data-customer]").first.get_attribute("data-customer")
        assert first == str(expected.customers.index[0])
        page.set_viewport_size({"width": 1400, "height": 3400})  # the page scrolls inside: show all of it
        page.screenshot(path=str(ARTIFACTS / "workbench_ru.png"), full_page=True)
        expected.close()

        # A broken file: the one-sentence message, in Russian, in the error area.
        broken = tmp_path / "broken.csv"
        broken.write_bytes(bytes(range(256)) * 20)
        _upload(page, broken)
        expect(page.locator(".clvkit-error")).to_contain_text("двоичные данные", timeout=COMPUTE_MS)
        assert problems == [], "\n".join(problems)
    finally:
        page.close()
