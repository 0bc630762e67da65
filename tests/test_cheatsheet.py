"""The training day's cheat sheet: printed to one A4 page, its worked examples computed by clvkit.

The HTML sources ``docs/training/cheatsheet.<lang>.html`` are printed to PDF by the build's own
function (``docs/training/build.py``) in headless Chromium; the PDF must be one A4 page holding
the key terms, and so must the committed PDFs. The examples the sheet quotes are recomputed
with the package, so an example that drifts from the formulas fails here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from clvkit import formulas
from clvkit.i18n import format_number, format_percent
from clvkit.strategy import Strategy, evaluate_drivers
from helpers import load_script

pytestmark = pytest.mark.browser

TRAINING = Path(__file__).resolve().parent.parent / "docs" / "training"

KEY_STRINGS = {
    "en": ["Customer lifetime value: the cheat sheet", "Simple CLV", "Retention", "DCF CLV",
           "LTV:CAC", "marginal", "Payback", "P(alive)", "Strategy arithmetic",
           "What to do with each segment", "at risk", "hibernating"],
    "ru": ["Пожизненная ценность клиента: шпаргалка", "Простой CLV", "Удержание", "CLV с дисконтом",
           "LTV:CAC", "предельное", "Окупаемость", "P(alive)", "Арифметика стратегии",
           "Что делать с каждым сегментом", "под угрозой ухода", "спящие"],
}


def _build_module():
    return load_script(TRAINING / "build.py", "training_build")


def _squeeze(text: str) -> str:
    """Text without any kind of space or soft line break, so that a PDF's line breaks do not matter."""
    return re.sub(r"[\s\u00a0\u202f\u2009\u00ad-]+", "", text)


def _pdf_text(path: Path) -> tuple[int, str, tuple[float, float]]:
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages), (float(box.width),
                                                                                      float(box.height))


def _check_pdf(path: Path, lang: str) -> None:
    pages, text, (width, height) = _pdf_text(path)
    assert pages == 1, f"{path.name} has {pages} pages; the cheat sheet must fit one page"
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)  # A4 in points
    missing = [s for s in KEY_STRINGS[lang] if _squeeze(s) not in _squeeze(text)]
    assert missing == [], f"{path.name} lacks {missing}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_cheat_sheet_prints_to_one_a4_page_with_its_key_terms(chromium_browser, tmp_path, lang):
    build = _build_module()
    pdf = build.print_pdf(chromium_browser, TRAINING / f"cheatsheet.{lang}.html", tmp_path / f"c.{lang}.pdf")
    _check_pdf(pdf, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_committed_cheat_sheet_pdf_is_one_page_with_its_key_terms(lang):
    _check_pdf(TRAINING / f"cheatsheet.{lang}.pdf", lang)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(lang: str) -> str:
    parser = _Text()
    parser.feed((TRAINING / f"cheatsheet.{lang}.html").read_text(encoding="utf-8"))
    return _squeeze("".join(parser.parts))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_worked_examples_are_what_clvkit_computes(lang):
    text = _html_text(lang)

    def shown(value, decimals=0):
        return _squeeze(format_number(value, lang, decimals=decimals))

    loyalty = Strategy(churn_change=-0.15, frequency_change=0.10, cost_once=5, cost_per_period=1, take_up=0.4)

    def net(periods):
        return evaluate_drivers(loyalty, aov=40, purchases_per_period=6, margin=0.3, retention=0.7,
                                discount_rate=0.1, periods=periods, customers=1000).net_uplift

    drivers = formulas.clv_elasticities(aov=50, purchases_per_period=2, margin=0.3, retention=0.8,
                                        discount_rate=0.1).set_index("driver")
    elasticity = drivers.loc["retention", "elasticity"]
    examples = {
        "simple CLV": shown(formulas.simple_clv(50, 2, 0.3, 24, cost_per_period=3)),
        "simple CLV without cost": shown(formulas.simple_clv(50, 2, 0.3, 24)),
        "DCF, no end": shown(formulas.dcf_clv(100, 0.8, 0.1), 2),
        "DCF, 10 periods": shown(formulas.dcf_clv(100, 0.8, 0.1, periods=10), 2),
        "elasticity": shown(elasticity, 2),
        "affordable CAC": "600/3=" + shown(formulas.max_acquisition_cost(600, target_ratio=3)),
        "conversion": _squeeze(format_percent(1.5 / formulas.max_acquisition_cost(600), lang, decimals=2)),
        "payback": shown(formulas.payback_period(30, 250, retention=0.95, discount_rate=0.01), 1),
        "payback without churn": "250/100=" + shown(formulas.payback_period(100, 250), 1),
        "net uplift 1 period": shown(net(1)),
        "net uplift 3 periods": shown(net(3)),
        "net uplift 5 periods": shown(net(5)),
        "net uplift no end": shown(net(None)),
    }
    # the lifetime table: 1 / (1 - r) periods and r / (1 - r) future margins, one cell each
    for r in (0.5, 0.7, 0.8, 0.9, 0.95):
        lifetime = formulas.dcf_clv(1.0, r, 0.0, timing="begin")
        examples[f"lifetime at {r}"] = shown(lifetime, 0 if abs(lifetime - round(lifetime)) < 1e-9 else 1)
    missing = {name: value for name, value in examples.items() if value not in text}
    assert missing == {}
