"""Build the training-day kit: the Excel companion workbooks and the cheat sheet PDFs, in both languages.

    python docs/training/build.py              # everything
    python docs/training/build.py --only xlsx  # the workbooks (no browser needed)
    python docs/training/build.py --only pdf   # the cheat sheets

The workbooks come from :func:`clvkit.companion.companion_workbook`. The cheat sheets are the
HTML files ``cheatsheet.<lang>.html`` beside this script, printed to A4 PDF by the Chromium of
the machine (Debian's ``chromium`` on the PATH, driven by Playwright; no browser is downloaded).
The outputs are committed; ``tests/test_companion.py`` and ``tests/test_cheatsheet.py`` check
that they match a fresh build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ("en", "ru")

# The flags of the browser tests (tests/conftest.py): a headless Chromium that stays off the network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def build_workbooks(out: Path = HERE) -> list[Path]:
    """Write ``companion.<lang>.xlsx`` for every language into `out`."""
    from clvkit.companion import companion_workbook

    return [companion_workbook(out / f"companion.{lang}.xlsx", lang=lang) for lang in LANGS]


def print_pdf(browser, html: Path, pdf: Path) -> Path:
    """Print one HTML page to an A4 PDF with an open Playwright Chromium `browser`.

    The page's own ``@page`` rule sets the paper and the margins, and backgrounds are printed,
    so the PDF looks like the page's print preview.
    """
    page = browser.new_page()
    try:
        page.goto(html.resolve().as_uri())
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    return pdf


def open_chromium():
    """A context manager giving a headless Chromium (Playwright's sync API, the machine's browser)."""
    from contextlib import contextmanager

    @contextmanager
    def browser():
        from playwright.sync_api import sync_playwright

        path = shutil.which("chromium") or shutil.which("chromium-browser")
        if path is None:
            raise SystemExit("No chromium on the PATH: install Debian's chromium (apt-get install chromium).")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
            try:
                yield b
            finally:
                b.close()

    return browser()


def build_pdfs(out: Path = HERE) -> list[Path]:
    """Print ``cheatsheet.<lang>.html`` to ``cheatsheet.<lang>.pdf`` in `out` for every language."""
    with open_chromium() as browser:
        return [print_pdf(browser, HERE / f"cheatsheet.{lang}.html", out / f"cheatsheet.{lang}.pdf")
                for lang in LANGS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["xlsx", "pdf"], help="build only the workbooks or only the PDFs")
    args = parser.parse_args(argv)
    written = []
    if args.only in (None, "xlsx"):
        written += build_workbooks()
    if args.only in (None, "pdf"):
        written += build_pdfs()
    for path in written:
        print(path.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
