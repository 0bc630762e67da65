"""The Excel companion workbook: its formulas, evaluated by a formula engine, agree with clvkit's functions.

The workbook is written by :func:`clvkit.companion.companion_workbook`, read back by pycel (a
formula engine that compiles the cells' Excel formulas to Python), its inputs are changed to
several sets of values (edge ones among them: retention 0 and 1, no discounting, no end,
first margin now), and every result is compared with the package's own function to 1e-9
relative. A difference of two nearly equal values (an uplift, a headroom) is compared to 1e-9
of the values it is the difference of.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest

from clvkit import formulas, i18n
from clvkit.companion import DCF_ROWS, PAYBACK_ROWS, companion_cells, companion_workbook
from clvkit.errors import ClvDataError
from clvkit.strategy import Strategy, evaluate_drivers

ROOT = Path(__file__).resolve().parent.parent
REL = 1e-9

INPUTS = {
    "simple": ["aov", "purchases", "margin", "lifetime", "cost"],
    "dcf": ["margin", "retention", "discount", "periods", "first"],
    "ltv_cac": ["clv", "cac", "target", "cpc"],
    "payback": ["margin", "cac", "retention", "discount", "first"],
    "strategy": ["customers", "aov", "purchases", "margin", "retention", "discount", "horizon", "first",
                 "churn_change", "frequency_change", "aov_change", "margin_change", "cost_once",
                 "cost_per_period", "take_up"],
}


def close(got, want, scale=0.0) -> bool:
    """Equal to 1e-9 relative (of `want`, or of `scale` when the value is a difference of larger ones)."""
    return isinstance(got, (int, float)) and abs(got - want) <= REL * max(abs(want), abs(scale), 1e-300)


class Book:
    """A companion workbook compiled by pycel, with its inputs set by name."""

    def __init__(self, path: Path, lang: str) -> None:
        from pycel import ExcelCompiler

        self.lang = lang
        self.cells = companion_cells(lang)
        self.engine = ExcelCompiler(filename=str(path))
        for names in self.cells.values():  # pycel knows a cell once it has evaluated it (or one using it)
            for address in names.values():
                self.engine.evaluate(address)

    def set(self, sheet: str, **values) -> None:
        for name, value in values.items():
            self.engine.set_value(self.cells[sheet][name], value)

    def get(self, sheet: str, name: str):
        return self.engine.evaluate(self.cells[sheet][name])

    def column(self, sheet: str, name: str) -> list:
        values = self.engine.evaluate(self.cells[sheet][name])
        return [row[0] if isinstance(row, tuple) else row for row in values]  # a column: rows of one value


@pytest.fixture(scope="module", params=["en", "ru"])
def book(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(f"companion-{request.param}") / f"companion.{request.param}.xlsx"
    companion_workbook(path, lang=request.param)
    return Book(path, request.param)


# ------------------------------------------------------------------ simple CLV
@pytest.mark.parametrize("aov, purchases, margin, lifetime, cost", [
    (50, 2, 0.3, 24, 3),
    (120.5, 0.25, 1.0, 0, 0),
    (10, 3, 0.0, 12, 5),          # no margin at all: the retention cost alone, a negative value
    (0, 0, 0.45, 36, 0),
    (73.2, 1.7, 0.28, 17.5, 1.25),
])
def test_simple_clv_cells_equal_simple_clv(book, aov, purchases, margin, lifetime, cost):
    book.set("simple", aov=aov, purchases=purchases, margin=margin, lifetime=lifetime, cost=cost)
    want = formulas.simple_clv(aov, purchases, margin, lifetime, cost_per_period=cost)
    assert close(book.get("simple", "clv"), want, scale=aov * purchases * margin * lifetime)
    assert close(book.get("simple", "margin_per_period"), aov * purchases * margin - cost, scale=cost)


# --------------------------------------------------------------------- DCF CLV
DCF_CASES = [
    (100, 0.8, 0.1, 10, 1),
    (100, 0.8, 0.1, 10, 0),
    (100, 0.0, 0.1, 5, 1),       # nobody stays: nothing after now
    (100, 0.0, 0.1, 5, 0),       # nobody stays, but the first margin is now
    (100, 1.0, 0.0, 12, 1),      # no churn, no discounting: m x N, and no finite value without an end
    (100, 1.0, 0.0, 12, 0),
    (-20, 0.6, 0.02, 1, 1),      # a negative margin, one period
    (37.5, 0.999, 0.0, DCF_ROWS, 1),
    (37.5, 0.93, 0.015, DCF_ROWS, 0),
    (250, 0.5, 0.0, 3, 1),
]


@pytest.mark.parametrize("m, r, d, n, first", DCF_CASES)
def test_dcf_cells_equal_dcf_clv_row_by_row_and_in_closed_form(book, m, r, d, n, first):
    timing = "end" if first == 1 else "begin"
    book.set("dcf", margin=m, retention=r, discount=d, periods=n, first=first)
    want = formulas.dcf_clv(m, r, d, periods=n, timing=timing)
    assert close(book.get("dcf", "clv_rows"), want)
    assert close(book.get("dcf", "clv_closed"), want)
    assert close(book.get("dcf", "q"), r / (1 + d))
    if r == 1.0 and d == 0.0:
        with pytest.raises(ClvDataError):
            formulas.dcf_clv(m, r, d, timing=timing)
        assert book.get("dcf", "clv_infinite") == i18n.text("companion.infinite", book.lang)
        assert book.get("dcf", "lifetime") == i18n.text("companion.no_end", book.lang)
        assert book.get("dcf", "future_margins") == i18n.text("companion.no_end", book.lang)
    else:
        assert close(book.get("dcf", "clv_infinite"), formulas.dcf_clv(m, r, d, timing=timing))
    if r < 1.0:
        # a lifetime: the undiscounted value of 1 a period with the first one now; future margins start later
        assert close(book.get("dcf", "lifetime"), formulas.dcf_clv(1.0, r, 0.0, timing="begin"))
        assert close(book.get("dcf", "future_margins"), formulas.dcf_clv(1.0, r, 0.0, timing="end"))
    table = formulas.cumulative_value(m, r, d, periods=n, timing=timing)
    columns = {"t": table.index.to_numpy(), "survival": table["survival"], "margin": table["expected_margin"],
               "discount": table["discount_factor"], "pv": table["present_value"],
               "cumulative": table["cumulative"]}
    for name, want_column in columns.items():
        got = book.column("dcf", f"table.{name}")
        assert len(got) == DCF_ROWS
        assert all(close(g, float(w)) for g, w in zip(got[:n], want_column)), name
        assert all(g in ("", None) for g in got[n:]), name   # rows past the horizon stay empty


# ---------------------------------------------------------------------- LTV:CAC
@pytest.mark.parametrize("clv, cac, target, cpc", [
    (600, 200, 3, 1.5),
    (100, 250, 3, 0.2),
    (0, 10, 3, 1.0),
    (-50, 10, 2, 1.0),
    (1234.56, 98.7, 4.5, 0.0),
])
def test_ltv_cac_cells_equal_the_ratio_and_the_affordable_cac(book, clv, cac, target, cpc):
    book.set("ltv_cac", clv=clv, cac=cac, target=target, cpc=cpc)
    ratio = formulas.ltv_cac_ratio(clv, cac)
    ceiling = formulas.max_acquisition_cost(clv, target_ratio=target)
    assert close(book.get("ltv_cac", "ratio"), ratio)
    assert close(book.get("ltv_cac", "max_cac"), ceiling)
    assert close(book.get("ltv_cac", "headroom"), ceiling - cac, scale=cac)
    verdict = "ok" if ratio >= target else "below"
    assert book.get("ltv_cac", "verdict") == i18n.text(f"companion.ltv_cac.verdict.{verdict}", book.lang)
    if ceiling > 0:
        assert close(book.get("ltv_cac", "min_conversion"), cpc / ceiling)
    else:
        none = i18n.text("companion.ltv_cac.no_conversion", book.lang)
        assert book.get("ltv_cac", "min_conversion") == none


# ---------------------------------------------------------------------- payback
@pytest.mark.parametrize("m, cac, r, d, first", [
    (30, 250, 0.95, 0.01, 1),
    (100, 250, 1.0, 0.0, 1),      # 2.5 periods, the textbook case
    (100, 250, 1.0, 0.0, 0),
    (100, 1000, 0.5, 0.0, 1),     # never: the whole stream is worth 100
    (100, 0, 0.9, 0.01, 1),       # nothing to pay back
    (50, 300, 0.0, 0.05, 0),      # retention 0: only the margin of now
    (50, 40, 0.0, 0.05, 0),
    (-10, 100, 0.9, 0.01, 1),     # a losing customer never pays back
    (20, 400, 0.99, 0.005, 1),    # late: dozens of periods
    (3, 2000, 1.0, 0.0, 1),       # 666.7 periods: inside the table's 1000
])
def test_payback_cell_equals_payback_period(book, m, cac, r, d, first):
    timing = "end" if first == 1 else "begin"
    book.set("payback", margin=m, cac=cac, retention=r, discount=d, first=first)
    want = formulas.payback_period(m, cac, retention=r, discount_rate=d, max_periods=PAYBACK_ROWS,
                                   timing=timing)
    got = book.get("payback", "payback")
    if math.isinf(want):
        assert got == i18n.text("companion.payback.never", book.lang, rows=PAYBACK_ROWS)
    else:
        assert close(got, want)
    table = formulas.cumulative_value(m, r, d, periods=PAYBACK_ROWS, timing=timing)
    assert close(book.get("payback", "value_in_table"), float(table["cumulative"].iloc[-1]))


# --------------------------------------------------------------------- strategy
BASE = ("customers", "aov", "purchases", "margin", "retention", "discount", "horizon", "first")
STRATEGY_CASES = [
    # the base (in the order of BASE), then the programme's levers
    ((1000, 40, 6, 0.3, 0.7, 0.1, 5, 1),
     {"churn_change": -0.15, "frequency_change": 0.10, "cost_once": 5, "cost_per_period": 1, "take_up": 0.4}),
    ((250, 80, 2, 0.45, 0.0, 0.05, 0, 1),                       # nobody stays before the programme
     {"churn_change": -0.5, "aov_change": 0.06, "cost_once": 0.5}),
    ((5000, 25, 12, 0.2, 0.85, 0.01, 0, 0),                     # a price rise, no cost, first margin now
     {"margin_change": 0.05, "churn_change": 0.03, "frequency_change": -0.02}),
    ((100, 60, 4, 0.35, 0.9, 0.0, 24, 1),                       # retention 1 for participants, no discounting
     {"churn_change": -1.0, "cost_per_period": 2.5, "take_up": 0.3}),
    ((800, 33.3, 3, 1.0, 1.0, 0.02, 0, 1),                      # nobody leaves anyway; nobody takes part
     {"frequency_change": 0.2, "aov_change": -0.05, "margin_change": -0.1, "cost_once": 12, "take_up": 0.0}),
    ((1, 10, 1, 0.5, 0.6, 0.1, 1, 0),                           # one customer, one period, every lever
     {"churn_change": -0.25, "frequency_change": 0.5, "aov_change": 0.5, "margin_change": 0.5, "cost_once": 1,
      "cost_per_period": 1, "take_up": 1.0}),
]


@pytest.mark.parametrize("base, levers", STRATEGY_CASES)
def test_strategy_cells_equal_evaluate_drivers(book, base, levers):
    base = dict(zip(BASE, base))
    full = dict.fromkeys(("churn_change", "frequency_change", "aov_change", "margin_change", "cost_once",
                          "cost_per_period"), 0.0) | {"take_up": 1.0} | levers
    book.set("strategy", **base, **full)
    timing = "end" if base["first"] == 1 else "begin"

    def run(horizon):
        return evaluate_drivers(Strategy(**full), aov=base["aov"], purchases_per_period=base["purchases"],
                                margin=base["margin"], retention=base["retention"],
                                discount_rate=base["discount"], periods=horizon or None, timing=timing,
                                customers=base["customers"])

    res = run(base["horizon"])
    scale = res.clv_before + base["customers"] * abs(res.extra["clv_per_participant_after"])
    get = lambda name: book.get("strategy", name)
    assert close(get("retention_after"), res.extra["retention_after"])
    assert close(get("margin_before"), res.extra["margin_per_period_before"])
    assert close(get("margin_after"), res.extra["margin_per_period_after"])
    assert close(get("clv_before"), res.extra["clv_per_customer_before"])
    assert close(get("clv_after_participant"), res.extra["clv_per_participant_after"])
    assert close(get("participants"), res.participants)
    for step in ("retention", "frequency", "aov", "margin"):
        assert close(get(f"step_{step}"), res.steps[step], scale=scale), step
    assert close(get("gross_uplift"), res.gross_uplift, scale=scale)
    assert close(get("programme_cost"), res.program_cost)
    assert close(get("net_uplift"), res.net_uplift, scale=scale)
    assert close(get("total_before"), res.clv_before)
    assert close(get("total_after"), res.clv_after, scale=scale)
    assert close(get("break_even"), res.break_even_cost, scale=scale / max(base["customers"], 1))
    if res.program_cost > 0:
        assert close(get("roi"), res.roi, scale=scale / res.program_cost)
    else:
        assert get("roi") == i18n.text("companion.strategy.no_cost", book.lang)
    for horizon in (1, 2, 3, 5, 10, 0):
        nobody_leaves = 1.0 in (base["retention"], res.extra["retention_after"])
        if horizon == 0 and base["discount"] == 0 and nobody_leaves:
            with pytest.raises(ClvDataError):  # no end, no discounting, nobody leaves: infinite
                run(horizon)
            infinite = i18n.text("companion.infinite", book.lang)
            assert get("horizon_0_net") == infinite and get("horizon_0_roi") == infinite
            continue
        other = run(horizon)
        assert close(get(f"horizon_{horizon}_net"), other.net_uplift, scale=scale * 10), horizon
        if other.program_cost > 0:
            assert close(get(f"horizon_{horizon}_roi"), other.roi, scale=scale * 10 / other.program_cost)
        else:
            assert get(f"horizon_{horizon}_roi") == i18n.text("companion.strategy.no_cost", book.lang)


def test_a_churn_above_100_percent_is_refused_by_the_package_and_named_by_the_sheet(book):
    base = dict(zip(BASE, (10, 40, 6, 0.3, 0.2, 0.1, 5, 1)))
    book.set("strategy", **base, churn_change=0.5, frequency_change=0, aov_change=0, margin_change=0,
             cost_once=0, cost_per_period=0, take_up=1)
    with pytest.raises(ClvDataError):
        evaluate_drivers(Strategy(churn_change=0.5), aov=40, purchases_per_period=6, margin=0.3,
                         retention=0.2, discount_rate=0.1, periods=5)
    impossible = i18n.text("companion.strategy.churn_above_one", book.lang)
    assert book.get("strategy", "retention_after") == impossible


# ------------------------------------------------------------ the cells themselves
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_results_are_formulas_and_inputs_are_marked(tmp_path, lang):
    path = companion_workbook(tmp_path / "c.xlsx", lang=lang)
    wb = openpyxl.load_workbook(path)
    cells = companion_cells(lang)
    inputs_seen = 0
    for sheet, names in cells.items():
        for name, address in names.items():
            if name.startswith("table."):
                continue
            title, coord = address.rsplit("!", 1)
            cell = wb[title.strip("'")][coord]
            if name in INPUTS[sheet]:
                assert isinstance(cell.value, (int, float)), (sheet, name)
                assert cell.fill.fgColor.rgb.endswith("FFF2CC") and cell.comment is not None, (sheet, name)
                inputs_seen += 1
            else:
                assert isinstance(cell.value, str) and cell.value.startswith("="), (sheet, name, cell.value)
    assert inputs_seen == sum(map(len, INPUTS.values()))
    # no number pasted anywhere else: every other numeric cell is an input or a row number of a table
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    assert cell.fill.fgColor.rgb.endswith("FFF2CC") or cell.column_letter == "E", \
                        (ws.title, cell.coordinate, cell.value)


@pytest.mark.parametrize("lang, currency, symbol", [("en", None, "$"), ("ru", None, "₽"), ("en", "EUR", "€")])
def test_money_cells_carry_the_currency_and_labels_the_language(tmp_path, lang, currency, symbol):
    path = companion_workbook(tmp_path / "c.xlsx", lang=lang, currency=currency)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == i18n.text("companion.readme.sheet", lang)
    simple = wb[i18n.text("companion.simple.sheet", lang)]
    clv = simple[companion_cells(lang)["simple"]["clv"].split("!")[1]]
    assert symbol in clv.number_format
    assert simple["A1"].value == i18n.text("companion.simple.title", lang)


def test_a_missing_folder_is_refused_in_both_languages(tmp_path):
    target = tmp_path / "nowhere" / "c.xlsx"
    with i18n.language("en"), pytest.raises(ClvDataError, match="does not exist"):
        companion_workbook(target)
    with i18n.language("ru"), pytest.raises(ClvDataError, match="не существует"):
        companion_workbook(target)


# ----------------------------------------------------------- the committed files
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_committed_workbook_equals_a_fresh_render(tmp_path, lang):
    committed = openpyxl.load_workbook(ROOT / "docs" / "training" / f"companion.{lang}.xlsx")
    fresh = openpyxl.load_workbook(companion_workbook(tmp_path / "c.xlsx", lang=lang))
    assert committed.sheetnames == fresh.sheetnames
    for name in fresh.sheetnames:
        a, b = committed[name], fresh[name]
        assert a.dimensions == b.dimensions, name
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
            for x, y in zip(row_a, row_b):
                assert (x.value, x.number_format) == (y.value, y.number_format), (name, x.coordinate)
