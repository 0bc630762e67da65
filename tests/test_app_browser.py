"""The CLV calculator app in a real browser: Voila on a free local port, headless Chromium via Playwright.

Skipped when no Chromium is installed, unless CI is "true": then a missing browser fails (the
``chromium_browser`` fixture of conftest.py).
Screenshots go to tests/_artifacts/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

import clvkit.formulas as F
from clvkit._server import is_local_host
from clvkit.units import rate_per_unit
from clvkit.i18n import format_money

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "_artifacts"
PAGE_READY_MS = 240_000


def _expected_clv(*, aov, purchases=1.0, margin=0.3, retention=0.8, annual_discount_rate=0.1, horizon=36):
    """The app's default drivers, computed independently with clvkit.formulas."""
    d = rate_per_unit(annual_discount_rate, "M")
    return F.dcf_clv(aov * purchases * margin, retention, d, periods=horizon)


def test_app_slider_moves_headline_to_formula_value_and_switches_to_russian(chromium_browser, app_url):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page = chromium_browser.new_page(viewport={"width": 1280, "height": 1100})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text} at {msg.location}") if msg.type == "error" else None)
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    external: list[str] = []

    def local_only(route):
        # Every request is looked at: one to any host but this computer fails the test (and is
        # not sent), so the app must work with nothing from the internet.
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or is_local_host(host):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    try:
        page.goto(app_url, wait_until="domcontentloaded", timeout=PAGE_READY_MS)
        # The workbench is the first tab; the drivers are the second.
        page.locator(".lm-TabBar-tab", has_text="Drivers of CLV").click(timeout=PAGE_READY_MS)
        headline = page.locator(".clvkit-headline .clvkit-headline-value[data-key='clv']")
        expect(headline).to_have_text(format_money(_expected_clv(aov=50.0), "en"), timeout=PAGE_READY_MS)

        handle = page.locator(".clvkit-control-aov .noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")  # one step: aov 50 -> 51
        expected = _expected_clv(aov=51.0)
        expect(headline).to_have_text(format_money(expected, "en"), timeout=30_000)
        expect(page.locator(".clvkit-chart").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "clv_calculator_en.png"), full_page=True)

        page.locator(".clvkit-language button", has_text="Русский").click()
        expect(page.locator(".clvkit-control-aov").get_by_text("Средний чек", exact=False).first).to_be_visible(
            timeout=60_000)
        ru_headline = page.locator(".clvkit-headline .clvkit-headline-value[data-key='clv']")
        # the example keeps its size in roubles (51 $ -> 5 100 ₽), written the Russian way
        expect(ru_headline).to_have_text(format_money(_expected_clv(aov=5100.0), "ru", currency="RUB"),
                                         timeout=30_000)
        assert "₽" in ru_headline.text_content()
        assert "$" not in page.locator(".clvkit-control-aov").text_content() + page.locator(".clvkit-control-cac").text_content()
        page.screenshot(path=str(ARTIFACTS / "clv_calculator_ru.png"), full_page=True)
        assert errors == [], "\n".join(errors)
        assert external == [], f"the app requested resources from outside this computer: {external}"
    finally:
        page.close()
