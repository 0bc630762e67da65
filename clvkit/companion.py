"""The Excel companion of the course: the CLV arithmetic as live spreadsheet formulas.

:func:`companion_workbook` writes a workbook (openpyxl) for people who want to see the cells:
simple CLV, DCF CLV period by period and in closed form, LTV:CAC with the affordable CAC,
the payback period and the strategy arithmetic of the course. Every result is an Excel
formula of the input cells, so a trainer changes a yellow cell and the sheet recomputes;
nothing in a result cell is a pasted number.

The formulas follow clvkit's own definitions exactly (the tests evaluate the workbook
with a formula engine and compare every result with the package):

* simple CLV is :func:`clvkit.formulas.simple_clv`;
* DCF CLV is :func:`clvkit.formulas.dcf_clv`: "first margin in period 1" is
  ``timing="end"`` (the first margin arrives one period from now, only if the customer
  is retained), "first margin in period 0" is ``timing="begin"`` (now, for sure, not
  discounted); survival to period t is r to the power t;
* LTV:CAC and the affordable CAC are :func:`clvkit.formulas.ltv_cac_ratio` and
  :func:`clvkit.formulas.max_acquisition_cost`;
* the payback is :func:`clvkit.formulas.payback_period` (linear interpolation inside the
  period, looking :data:`PAYBACK_ROWS` periods ahead like its ``max_periods``);
* the strategy sheet is :func:`clvkit.strategy.evaluate_drivers`.

The labels come from the catalogue (``companion.*`` keys), so the workbook exists in
every language of clvkit; money cells carry the currency's number format.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ClvDataError
from .i18n import CURRENCIES, currency_symbol, resolve_lang, text

__all__ = ["DCF_ROWS", "PAYBACK_ROWS", "companion_cells", "companion_workbook"]

#: Rows of the period-by-period DCF table (the longest horizon the DCF sheet shows).
DCF_ROWS = 240
#: Periods the payback sheet looks ahead (the default ``max_periods`` of payback_period).
PAYBACK_ROWS = 1000

_INPUT_FILL = "FFF2CC"    # pale yellow: the cells a learner types into
_RESULT_FILL = "E2EFDA"   # pale green: formulas
_HEADER_FILL = "DDEBF7"   # pale blue: table headers and sections


def _bold():
    from openpyxl.styles import Font

    return Font(bold=True, size=11)


def _literal(value: str) -> str:
    """A text constant inside an Excel formula (double quotes doubled)."""
    return '"' + value.replace('"', '""') + '"'


def _annuity(r: str, d: str, n: str, first: str) -> str:
    """Excel expression: the present value of 1 unit of margin per period a retained customer brings.

    The sum over the periods of r^t / (1 + d)^t, t = 1..n (first margin in period 1) or
    t = 0..n-1 (in period 0), written in closed form with q = r / (1 + d); n = 0 means no end.
    A retention of 1 without discounting and without an end divides by zero, as it should.
    """
    q = f"({r}/(1+{d}))"
    return (
        f"IF({n}=0,IF({first}=1,{r}/(1+{d}-{r}),(1+{d})/(1+{d}-{r})),"
        f"IF({r}=1+{d},{n},IF({first}=1,{q},1)*(1-{q}^{n})/(1-{q})))"
    )


class _Formats:
    """Number formats of one workbook: money in its currency, shares as percentages."""

    def __init__(self, lang: str, currency: str | None) -> None:
        symbol = currency_symbol(currency, lang)
        before = next(b for s, b in CURRENCIES.values() if s == symbol)
        quoted = '"' + symbol + '"'
        if lang == "ru" or not before:
            self.money = f"#,##0.00\u00a0{quoted};-#,##0.00\u00a0{quoted}"
        else:
            self.money = f"{quoted}#,##0.00;-{quoted}#,##0.00"
        self.pct = "0.0%"
        self.num = "0.00"
        self.int = "0"
        self.factor = "0.0000"
        self.ratio = '0.00":1"'


class _Sheet:
    """One topic sheet: a title, labelled inputs and results in columns A-C, a table from column E."""

    def __init__(self, book, key: str, lang: str, fmt: _Formats) -> None:
        from openpyxl.styles import Font

        self.key, self.lang, self.fmt = key, lang, fmt
        self.ws = book.create_sheet(self.t("sheet"))
        self.cells: dict[str, str] = {}
        self.refs: dict[str, str] = {}
        self.ws["A1"] = self.t("title")
        self.ws["A1"].font = Font(bold=True, size=14)
        self.ws["A2"] = self.t("intro")
        self.ws["A2"].font = Font(italic=True)
        self.row = 4
        for col, width in zip("ABCD", (44, 16, 56, 3)):
            self.ws.column_dimensions[col].width = width

    def t(self, part: str, **fields) -> str:
        return text(f"companion.{self.key}.{part}", self.lang, **fields)

    def section(self, part: str) -> None:
        from openpyxl.styles import Font, PatternFill

        self.row += 1 if self.row > 4 else 0
        cell = self.ws.cell(self.row, 1, self.t(part))
        cell.font = Font(bold=True)
        for col in (1, 2, 3):
            self.ws.cell(self.row, col).fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.row += 1

    def _place(self, name: str, fmt: str) -> tuple:
        from openpyxl.styles import Alignment

        label = self.ws.cell(self.row, 1, self.t(name))
        value = self.ws.cell(self.row, 2)
        value.number_format = fmt
        note = self.ws.cell(self.row, 3, self.t(f"{name}.note"))
        note.alignment = Alignment(wrap_text=True, vertical="top")
        label.alignment = Alignment(wrap_text=True, vertical="top")
        value.alignment = Alignment(vertical="top")
        self.cells[name] = f"B{self.row}"
        self.refs[name] = f"$B${self.row}"
        self.row += 1
        return label, value

    def input(self, name: str, value, fmt: str, check: str | None = None) -> None:
        from openpyxl.comments import Comment
        from openpyxl.styles import Font, PatternFill

        _label, cell = self._place(name, fmt)
        cell.value = value
        cell.fill = PatternFill("solid", fgColor=_INPUT_FILL)
        cell.font = Font(color="1F4E79", bold=True)
        note = text("companion.input_note", self.lang, what=self.t(f"{name}.note"))
        cell.comment = Comment(note, "clvkit", width=320, height=110)
        if check is not None:
            self._validate(cell, check)

    def _validate(self, cell, check: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rules = {
            "share": {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "1"},
            "nonneg": {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
            "positive": {"type": "decimal", "operator": "greaterThan", "formula1": "0"},
            "change": {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "-1"},
            "first": {"type": "list", "formula1": '"0,1"'},
            "dcf_periods": {"type": "whole", "operator": "between", "formula1": "1",
                            "formula2": str(DCF_ROWS)},
            "horizon": {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        }
        rule = DataValidation(**rules[check], allow_blank=False, showErrorMessage=True,
                              errorTitle=text("companion.invalid_title", self.lang),
                              error=text(f"companion.invalid.{check}", self.lang,
                                         rows=DCF_ROWS))
        self.ws.add_data_validation(rule)
        rule.add(cell)

    def result(self, name: str, formula: str, fmt: str, *, bold: bool = False, **pieces: str) -> None:
        """A formula cell: ``{name}`` in `formula` is the cell of an earlier row, or one of `pieces`."""
        from openpyxl.styles import Font, PatternFill

        _label, cell = self._place(name, fmt)
        cell.value = "=" + formula.format_map({**self.refs, **pieces})
        cell.fill = PatternFill("solid", fgColor=_RESULT_FILL)
        if bold:
            cell.font = Font(bold=True)
            _label.font = Font(bold=True)

    def header(self, row: int, first_col: int, parts: list[str]) -> None:
        from openpyxl.styles import Font, PatternFill

        for i, part in enumerate(parts):
            cell = self.ws.cell(row, first_col + i, self.t(part))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            self.ws.column_dimensions[cell.column_letter].width = 15


def _simple(book, lang, fmt) -> _Sheet:
    s = _Sheet(book, "simple", lang, fmt)
    s.section("inputs")
    s.input("aov", 50, fmt.money, "nonneg")
    s.input("purchases", 2, fmt.num, "nonneg")
    s.input("margin", 0.3, fmt.pct, "share")
    s.input("lifetime", 24, fmt.num, "nonneg")
    s.input("cost", 3, fmt.money, "nonneg")
    s.section("results")
    s.result("margin_per_period", "{aov}*{purchases}*{margin}-{cost}", fmt.money)
    s.result("clv", "{margin_per_period}*{lifetime}", fmt.money, bold=True)
    return s


def _dcf(book, lang, fmt) -> _Sheet:
    s = _Sheet(book, "dcf", lang, fmt)
    s.section("inputs")
    s.input("margin", 100, fmt.money)
    s.input("retention", 0.8, fmt.pct, "share")
    s.input("discount", 0.1, fmt.pct, "nonneg")
    s.input("periods", 10, fmt.int, "dcf_periods")
    s.input("first", 1, fmt.int, "first")
    # the table: one row per period k = 1..DCF_ROWS, blank after the chosen horizon
    top = 6
    s.ws.cell(top - 1, 5, s.t("table")).font = _bold()
    s.header(top, 5, ["col.k", "col.t", "col.survival", "col.margin", "col.discount", "col.pv",
                      "col.cumulative"])
    r, d, n, first, m = (s.refs[k] for k in ("retention", "discount", "periods", "first", "margin"))
    for k in range(1, DCF_ROWS + 1):
        row = top + k
        on = f"$E{row}<={n}"
        s.ws.cell(row, 5, k)
        s.ws.cell(row, 6, f'=IF({on},$E{row}-1+{first},"")')
        # r^t, with period 0 spelled out: Excel has no value for 0^0, and a chain of products
        # row to row would make every later row wait on the one before
        s.ws.cell(row, 7, f'=IF({on},IF(F{row}=0,1,{r}^F{row}),"")').number_format = fmt.factor
        s.ws.cell(row, 8, f'=IF({on},{m}*G{row},"")').number_format = fmt.money
        s.ws.cell(row, 9, f'=IF({on},1/(1+{d})^F{row},"")').number_format = fmt.factor
        s.ws.cell(row, 10, f'=IF({on},H{row}*I{row},"")').number_format = fmt.money
        s.ws.cell(row, 11, f'=IF({on},SUM($J${top + 1}:J{row}),"")').number_format = fmt.money
    last = top + DCF_ROWS
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font

    # row numbers past the chosen horizon fade out, so the table visibly ends at N
    s.ws.conditional_formatting.add(f"E{top + 1}:E{last}",
                                    FormulaRule(formula=[f"$E{top + 1}>{n}"], font=Font(color="D9D9D9")))
    for col, name in zip("FGHIJK", ("t", "survival", "margin", "discount", "pv", "cumulative")):
        s.cells[f"table.{name}"] = f"{col}{top + 1}:{col}{last}"
    s.section("results")
    s.result("clv_rows", f"SUM($J${top + 1}:$J${last})", fmt.money, bold=True)
    s.result("q", "{retention}/(1+{discount})", fmt.factor)
    s.result("clv_closed", "IF({retention}=1+{discount},{margin}*{periods},"
                           "{margin}*IF({first}=1,{q},1)*(1-{q}^{periods})/(1-{q}))", fmt.money)
    infinite = _literal(text("companion.infinite", lang))
    s.result("clv_infinite", "IFERROR(IF({first}=1,{margin}*{retention}/(1+{discount}-{retention}),"
                             "{margin}*(1+{discount})/(1+{discount}-{retention})),{infinite})", fmt.money,
             infinite=infinite)
    no_end = _literal(text("companion.no_end", lang))
    s.result("lifetime", "IFERROR(1/(1-{retention}),{no_end})", fmt.num, no_end=no_end)
    s.result("future_margins", "IFERROR({retention}/(1-{retention}),{no_end})", fmt.num, no_end=no_end)
    return s


def _ltv_cac(book, lang, fmt) -> _Sheet:
    s = _Sheet(book, "ltv_cac", lang, fmt)
    s.section("inputs")
    s.input("clv", 600, fmt.money)
    s.input("cac", 200, fmt.money, "positive")
    s.input("target", 3, fmt.num, "positive")
    s.input("cpc", 1.5, fmt.money, "nonneg")
    s.section("results")
    s.result("ratio", "{clv}/{cac}", fmt.ratio, bold=True)
    s.result("max_cac", "{clv}/{target}", fmt.money, bold=True)
    s.result("headroom", "{max_cac}-{cac}", fmt.money)
    s.result("verdict", "IF({ratio}>={target},{ok},{below})", "@",
             ok=_literal(s.t("verdict.ok")), below=_literal(s.t("verdict.below")))
    s.result("min_conversion", "IF({max_cac}>0,{cpc}/{max_cac},{none})", fmt.pct,
             none=_literal(s.t("no_conversion")))
    return s


def _payback(book, lang, fmt) -> _Sheet:
    s = _Sheet(book, "payback", lang, fmt)
    s.section("inputs")
    s.input("margin", 30, fmt.money)
    s.input("cac", 250, fmt.money, "nonneg")
    s.input("retention", 0.95, fmt.pct, "share")
    s.input("discount", 0.01, fmt.pct, "nonneg")
    s.input("first", 1, fmt.int, "first")
    top = 6
    s.ws.cell(top - 1, 5, s.t("table", rows=PAYBACK_ROWS)).font = _bold()
    s.header(top, 5, ["col.k", "col.t", "col.survival", "col.pv", "col.cumulative", "col.covered"])
    r, d, first, m, cac = (s.refs[k] for k in ("retention", "discount", "first", "margin", "cac"))
    zero = top  # the header row: table row k is on sheet row top + k
    for k in range(1, PAYBACK_ROWS + 1):
        row = zero + k
        s.ws.cell(row, 5, k)
        s.ws.cell(row, 6, f"=$E{row}-1+{first}")
        s.ws.cell(row, 7, f"=IF(F{row}=0,1,{r}^F{row})").number_format = fmt.factor
        s.ws.cell(row, 8, f"={m}*G{row}/(1+{d})^F{row}").number_format = fmt.money
        s.ws.cell(row, 9, f"=SUM($H${zero + 1}:H{row})").number_format = fmt.money
        s.ws.cell(row, 10, f"=IF(I{row}>={cac},1,0)")
    last = zero + PAYBACK_ROWS
    running = f"$I${zero + 1}:$I${last}"
    s.section("results")
    s.result("crossing", f"IFERROR(MATCH(1,$J${zero + 1}:$J${last},0),0)", fmt.int)
    s.result("covered_before", "IF({crossing}<=1,0,INDEX({running},{crossing}-1))", fmt.money,
             running=running)
    s.result("payback", "IF({cac}=0,0,IF({crossing}=0,{never},({crossing}-1)+({cac}-{covered_before})"
             "/(INDEX({running},{crossing})-{covered_before})))", fmt.num, bold=True,
             never=_literal(s.t("never", rows=PAYBACK_ROWS)), running=running)
    s.result("value_in_table", f"$I${last}", fmt.money)
    return s


def _strategy(book, lang, fmt) -> _Sheet:
    s = _Sheet(book, "strategy", lang, fmt)
    s.section("base")
    s.input("customers", 1000, fmt.int, "nonneg")
    s.input("aov", 40, fmt.money, "positive")
    s.input("purchases", 6, fmt.num, "positive")
    s.input("margin", 0.3, fmt.pct, "share")
    s.input("retention", 0.7, fmt.pct, "share")
    s.input("discount", 0.1, fmt.pct, "nonneg")
    s.input("horizon", 5, fmt.int, "horizon")
    s.input("first", 1, fmt.int, "first")
    s.section("programme")
    s.input("churn_change", -0.15, fmt.pct, "change")
    s.input("frequency_change", 0.10, fmt.pct, "change")
    s.input("aov_change", 0.0, fmt.pct, "change")
    s.input("margin_change", 0.0, fmt.pct, "change")
    s.input("cost_once", 5, fmt.money, "nonneg")
    s.input("cost_per_period", 1, fmt.money, "nonneg")
    s.input("take_up", 0.4, fmt.pct, "share")
    s.section("results")
    too_much = _literal(s.t("churn_above_one"))
    infinite = _literal(text("companion.infinite", lang))
    s.result("retention_after", "IF((1-{retention})*(1+{churn_change})>1,{too_much},"
             "1-(1-{retention})*(1+{churn_change}))", fmt.pct, too_much=too_much)
    s.result("margin_before", "{aov}*{purchases}*{margin}", fmt.money)
    s.result("margin_after", "{margin_before}*(1+{frequency_change})*(1+{aov_change})*(1+{margin_change})",
             fmt.money)
    refs = s.refs
    s.result("factor_before", "IFERROR({value},{infinite})", fmt.factor, infinite=infinite,
             value=_annuity(refs["retention"], refs["discount"], refs["horizon"], refs["first"]))
    s.result("factor_after", "IFERROR({value},{infinite})", fmt.factor, infinite=infinite,
             value=_annuity(refs["retention_after"], refs["discount"], refs["horizon"], refs["first"]))
    s.result("clv_before", "{margin_before}*{factor_before}", fmt.money)
    s.result("clv_after_participant", "{margin_after}*{factor_after}", fmt.money)
    s.result("participants", "{customers}*{take_up}", fmt.num)
    s.result("step_retention", "{participants}*({margin_before}*{factor_after}-{clv_before})", fmt.money)
    s.result("step_frequency", "{participants}*({margin_before}*(1+{frequency_change})*{factor_after}"
             "-{margin_before}*{factor_after})", fmt.money)
    s.result("step_aov", "{participants}*({margin_before}*(1+{frequency_change})*(1+{aov_change})"
             "*{factor_after}"
             "-{margin_before}*(1+{frequency_change})*{factor_after})", fmt.money)
    s.result("step_margin", "{participants}*({clv_after_participant}"
             "-{margin_before}*(1+{frequency_change})*(1+{aov_change})*{factor_after})", fmt.money)
    s.result("gross_uplift", "{participants}*({clv_after_participant}-{clv_before})", fmt.money)
    s.result("running_cost_value", "{cost_per_period}*{factor_after}", fmt.money)
    s.result("programme_cost", "{participants}*({cost_once}+{running_cost_value})", fmt.money)
    s.result("net_uplift", "{gross_uplift}-{programme_cost}", fmt.money, bold=True)
    s.result("total_before", "{customers}*{clv_before}", fmt.money)
    s.result("total_after", "{total_before}+{net_uplift}", fmt.money, bold=True)
    s.result("roi", "IF({programme_cost}=0,{none},{net_uplift}/{programme_cost})", fmt.pct,
             none=_literal(s.t("no_cost")))
    s.result("break_even", "{clv_after_participant}-{clv_before}-{running_cost_value}", fmt.money)
    # how the verdict changes with the horizon: the same arithmetic over 1, 2, 3, 5, 10 periods and no end
    top = 6
    s.ws.cell(top - 1, 5, s.t("horizons")).font = _bold()
    s.header(top, 5, ["col.horizon", "col.net_uplift", "col.roi"])
    r0, r1, d, first = refs["retention"], refs["retention_after"], refs["discount"], refs["first"]
    for i, h in enumerate((1, 2, 3, 5, 10, 0)):
        row = top + 1 + i
        s.ws.cell(row, 5, h)
        a0, a1 = _annuity(r0, d, f"$E{row}", first), _annuity(r1, d, f"$E{row}", first)
        gross = (f"{refs['participants']}*({refs['margin_after']}*{a1}-{refs['margin_before']}*{a0})")
        cost = f"{refs['participants']}*({refs['cost_once']}+{refs['cost_per_period']}*{a1})"
        s.ws.cell(row, 6, f"=IFERROR({gross}-{cost},{infinite})").number_format = fmt.money
        s.ws.cell(row, 7, f"=IFERROR(IF({cost}=0,{_literal(s.t('no_cost'))},({gross}-{cost})/({cost})),"
                          f"{infinite})").number_format = fmt.pct
        s.cells[f"horizon_{h}_net"] = f"F{row}"
        s.cells[f"horizon_{h}_roi"] = f"G{row}"
    s.ws.cell(top + 8, 5, s.t("horizon_zero"))
    return s


def _readme(book, lang, sheets: list[_Sheet]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = book.create_sheet(text("companion.readme.sheet", lang), 0)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 110
    ws["A1"] = text("companion.readme.title", lang)
    ws["A1"].font = Font(bold=True, size=16)
    row = 3
    for part in ("intro", "how1", "how2", "how3"):
        ws.cell(row, 1, text(f"companion.readme.{part}", lang))
        row += 1
    row += 1
    ws.cell(row, 1, text("companion.readme.legend", lang)).font = Font(bold=True)
    row += 1
    for fill, part in ((_INPUT_FILL, "legend_input"), (_RESULT_FILL, "legend_result")):
        ws.cell(row, 1, text(f"companion.readme.{part}.cell", lang)).fill = PatternFill("solid", fgColor=fill)
        ws.cell(row, 2, text(f"companion.readme.{part}", lang))
        row += 1
    row += 1
    ws.cell(row, 1, text("companion.readme.sheets", lang)).font = Font(bold=True)
    row += 1
    for sheet in sheets:
        ws.cell(row, 1, sheet.ws.title)
        ws.cell(row, 2, sheet.t("about"))
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    ws.cell(row, 1, text("companion.readme.conventions", lang)).font = Font(bold=True)
    row += 1
    for i in range(1, 9):
        ws.cell(row, 1, text(f"companion.readme.conv{i}.name", lang)).alignment = Alignment(vertical="top")
        cell = ws.cell(row, 2, text(f"companion.readme.conv{i}", lang, rows=PAYBACK_ROWS))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    ws.cell(row, 1, text("companion.readme.source", lang)).font = Font(italic=True)


def _build(lang: str | None, currency: str | None):
    from openpyxl import Workbook

    lang = resolve_lang(lang)
    fmt = _Formats(lang, currency)
    book = Workbook()
    book.remove(book.active)
    sheets = [make(book, lang, fmt) for make in (_simple, _dcf, _ltv_cac, _payback, _strategy)]
    _readme(book, lang, sheets)
    book.active = 0
    cells = {
        s.key: {name: f"'{s.ws.title}'!{address}" for name, address in s.cells.items()} for s in sheets
    }
    return book, cells


def companion_cells(lang: str | None = None) -> dict[str, dict[str, str]]:
    """Where each input and result of the companion workbook lives, for reading it from code.

    Parameters
    ----------
    lang : {"en", "ru"}, optional
        Language of the workbook (its sheet names); the current setting when omitted.

    Returns
    -------
    dict
        Sheet key ("simple", "dcf", "ltv_cac", "payback", "strategy") -> name of an input
        or result -> its address with the sheet, e.g. ``"'Simple CLV'!B5"``; the DCF
        table's columns are ranges named ``table.<column>`` (t, survival, margin,
        discount, pv, cumulative) and the strategy's horizon table cells
        ``horizon_<periods>_net`` / ``horizon_<periods>_roi`` (0 periods: no end).

    Examples
    --------
    >>> companion_cells("en")["simple"]["clv"]
    "'Simple CLV'!B13"
    """
    return _build(lang, None)[1]


def companion_workbook(path, lang: str | None = None, currency: str | None = None) -> Path:
    """Write the Excel companion workbook of the course, with live formulas.

    One sheet per topic (simple CLV, DCF CLV, LTV:CAC, payback, strategy) and a read-me
    sheet that explains the colours and the conventions. Inputs are yellow cells with a
    note; every result is a formula of them, so the workbook recomputes when an input
    changes (Excel and LibreOffice calculate the formulas when the file opens).

    Parameters
    ----------
    path : str or Path
        The .xlsx file to write (its folder must exist; an existing file is replaced).
    lang : {"en", "ru"}, optional
        Language of the labels and notes; the current setting when omitted.
    currency : str, optional
        ISO code or symbol of the money cells' currency ("USD", "RUB", "€"...); the
        language's own currency when omitted.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = companion_workbook(pathlib.Path(tempfile.mkdtemp()) / "clv.xlsx", lang="en")
    >>> out.suffix
    '.xlsx'
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ClvDataError(text("companion.folder_missing", lang, folder=str(path.parent)))
    book, _cells = _build(lang, currency)
    book.save(path)
    return path
