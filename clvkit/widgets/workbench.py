"""WorkbenchView: the app's first tab, a marketer's order file in and every customer's value out.

The numbers come from :class:`clvkit.workbench.Workbench` (the engine, tested without a
browser); this module only lays them out. Stable CSS classes let browser tests find the
parts: ``clvkit-upload``, ``clvkit-column-customer``, ``clvkit-column-date``,
``clvkit-column-amount``, ``clvkit-run``, ``clvkit-error``, ``clvkit-headline``,
``clvkit-customers``, ``clvkit-currency`` and ``clvkit-download``.

Downloads are ``data:`` links built in the kernel: nothing leaves the machine.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Callable

import numpy as np

from ..i18n import CURRENCIES, check_lang, format_date, format_money, format_number, format_percent, text
from ..workbench import Workbench

__all__ = ["WorkbenchView"]

_TABLE_ROWS = 100
_TARGET_ROWS = 20
# Above this many customers the files are built on request (openpyxl writes a few thousand rows a
# second), so that a change of a setting stays quick.
_AUTO_FILES = 2_000
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CELL = "padding:2px 8px;border-bottom:1px solid #eee;white-space:nowrap"
_SORTS = ("clv", "p_alive", "expected_purchases", "expected_spend", "total_amount", "last_purchase")


class WorkbenchView:
    """The workbench tab: upload, columns, Compute, headline, trust check, tables and downloads.

    Parameters
    ----------
    engine : Workbench, optional
        Keeps the upload and the results (a new one by default); pass the old one to keep
        them when the page changes language.
    lang : {"en", "ru"}
    on_computed : callable, optional
        Called with no arguments after every successful compute or rescore (the app
        uses it to put the strategy tab on the uploaded customers).

    Attributes
    ----------
    engine : Workbench
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        engine: Workbench | None = None,
        *,
        lang: str = "en",
        on_computed: Callable[[], None] | None = None,
    ) -> None:
        import ipywidgets as w

        self.lang = check_lang(lang)
        self.engine = engine if engine is not None else Workbench(lang=self.lang)
        self.engine.lang = self.lang
        self.on_computed = on_computed
        self._ranges_thread = None
        t = lambda key, **kw: text(key, self.lang, **kw)
        wide = {"description_width": "170px"}
        setting = {"description_width": "270px"}

        self.intro = w.HTML(f"<div style='margin:4px 0 8px'>{html.escape(t('workbench.ui.intro'))}</div>")
        self.upload = w.FileUpload(
            accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls",
            multiple=False,
            description=t("workbench.ui.upload"),
            layout=w.Layout(width="260px"),
        )
        self.upload.add_class("clvkit-upload")
        self.error = w.HTML()
        self.error.add_class("clvkit-error")
        self.preview = w.HTML()
        self.columns = {}
        for role in ("customer", "date", "amount"):
            box = w.Dropdown(
                options=[], description=t(f"workbench.ui.{role}"), style=wide, layout=w.Layout(width="380px")
            )
            box.add_class(f"clvkit-column-{role}")
            self.columns[role] = box
        self.refunds = w.Dropdown(
            options=[(t(f"workbench.ui.refunds.{k}"), k) for k in ("net", "drop", "raise")],
            value="net",
            description=t("workbench.ui.refunds"),
            style=wide,
            layout=w.Layout(width="380px"),
        )
        self.duplicates = w.Dropdown(
            options=[(t(f"workbench.ui.duplicates.{k}"), k) for k in ("warn", "keep", "drop")],
            value="warn",
            description=t("workbench.ui.duplicates"),
            style=wide,
            layout=w.Layout(width="380px"),
        )
        s = self.engine.settings
        self.unit = w.Dropdown(
            options=[(t(f"workbench.ui.unit.{k}"), k) for k in ("D", "W", "M")],
            value=s.time_unit,
            description=t("workbench.ui.unit"),
            style=wide,
            layout=w.Layout(width="380px"),
        )
        self.run = w.Button(description=t("workbench.ui.run"), button_style="primary", disabled=True)
        self.run.add_class("clvkit-run")
        self.status = w.HTML()
        self.horizon = w.FloatText(
            value=s.horizon_months,
            description=t("workbench.ui.horizon"),
            style=setting,
            layout=w.Layout(width="380px"),
        )
        self.rate = w.FloatText(
            value=round(100 * s.annual_discount_rate, 6),
            description=t("workbench.ui.rate"),
            style=setting,
            layout=w.Layout(width="380px"),
        )
        self.margin = w.FloatText(
            value=round(100 * s.margin, 6),
            description=t("workbench.ui.margin"),
            style=setting,
            layout=w.Layout(width="380px"),
        )
        self.currency = w.Dropdown(
            options=list(CURRENCIES),
            value=s.currency,
            description=t("workbench.ui.currency"),
            style=wide,
            layout=w.Layout(width="300px"),
        )
        self.currency.add_class("clvkit-currency")
        for control in (self.horizon, self.rate, self.margin):
            control.add_class("clvkit-setting")
        self.notes = w.HTML()
        self.headline = w.HTML()
        self.headline.add_class("clvkit-headline")
        self.trust = w.HTML()
        self.trust.add_class("clvkit-trust")
        self.concentration = w.HTML()
        self.concentration.add_class("clvkit-concentration")
        self.segments = w.HTML()
        self.sort = w.Dropdown(
            options=[(text(f"workbench.col.{c}", self.lang), c) for c in _SORTS],
            value="clv",
            description=t("workbench.ui.sort"),
            layout=w.Layout(width="240px"),
        )
        self.sort.add_class("clvkit-sort")
        self.customers = w.HTML()
        self.customers.add_class("clvkit-customers")
        self.targets = w.HTML()
        self.targets.add_class("clvkit-targets")
        self.download = w.HTML()
        self.download.add_class("clvkit-download")
        self.prepare = w.Button(description=t("workbench.ui.files"), layout=w.Layout(display="none"))
        self.prepare.add_class("clvkit-prepare")

        settings = w.HBox(
            [self.horizon, self.rate, self.margin, self.currency], layout=w.Layout(flex_flow="row wrap")
        )
        self.results = w.VBox(
            [
                self.headline,
                self.trust,
                self.concentration,
                self.segments,
                self.sort,
                self.customers,
                self.targets,
                w.HBox([self.prepare, self.download]),
            ]
        )
        self.widget = w.VBox(
            [
                self.intro,
                w.HBox([self.upload, self.status]),
                self.error,
                self.preview,
                w.HBox(
                    [w.VBox(list(self.columns.values())), w.VBox([self.refunds, self.duplicates, self.unit])]
                ),
                self.run,
                settings,
                self.notes,
                self.results,
            ]
        )
        self.widget.add_class("clvkit-workbench")

        self.upload.observe(self._on_upload, names="value")
        self.run.on_click(self._on_run)
        self.prepare.on_click(self._on_prepare)
        for control in (self.horizon, self.rate, self.margin, self.currency):
            control.observe(self._on_setting, names="value")
        self.sort.observe(lambda _c: self._render_customers(), names="value")
        self.unit.observe(self._on_unit, names="value")
        self._restore()

    # ------------------------------------------------------------------ events
    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.load(bytes(item["content"]), item["name"])

    def load(self, data: bytes, name: str) -> bool:
        """Upload `data` named `name` (what the upload control does); returns whether it could be read."""
        ok = self.engine.upload(data, name)
        self._show_error()
        self.results.layout.display = "none"
        self.download.value = ""
        if ok:
            self._fill_columns()
            self._render_preview()
        else:
            self.preview.value = ""
            for box in self.columns.values():
                box.options = []
        self.run.disabled = not ok
        return ok

    def _on_run(self, _button=None) -> None:
        self.compute()

    def compute(self) -> bool:
        """Compute with the chosen columns and options (what the Compute button does)."""
        e = self.engine
        self.run.disabled = True
        self.status.value = f"<i>{html.escape(text('workbench.ui.working', self.lang))}</i>"
        try:
            e.settings.time_unit = self.unit.value
            ok = e.compute(
                customer_col=self.columns["customer"].value,
                date_col=self.columns["date"].value,
                amount_col=self.columns["amount"].value,
                on_negative=self.refunds.value,
                on_duplicate=self.duplicates.value,
                ranges=False,
                trust=False,
            )
        finally:
            self.run.disabled = e.preview is None
            self.status.value = ""
        self._show_error()
        if ok:
            with e.lock:
                self._render_results()
            if self.on_computed is not None:
                self.on_computed()
            if e.ranges_pending or e.trust_pending:
                self._fill_ranges_later()
        else:
            self.results.layout.display = "none"
        return ok

    def _on_setting(self, change) -> None:
        e = self.engine
        start = time.perf_counter()
        owner, value = change["owner"], change["new"]
        # Each field is checked on its own, in the unit the user typed it in (percent for rate and margin).
        limits = {
            id(self.horizon): ("horizon", "workbench.ui.horizon", 0.0, 600.0, True, 1.0),
            id(self.rate): ("annual_discount_rate", "workbench.ui.rate", 0.0, 100.0, False, 100.0),
            id(self.margin): ("margin", "workbench.ui.margin", 0.0, 100.0, True, 100.0),
        }
        if owner is self.currency:
            ok = e.rescore(currency=value)
        else:
            name, key, low, high, low_open, scale = limits[id(owner)]
            if value is None or not (low < value if low_open else low <= value) or value > high:
                e.error = text(
                    "workbench.bad_setting",
                    self.lang,
                    name=text(key, self.lang),
                    low=low,
                    high=high,
                    value=repr(value),
                )
                ok = False
            elif name == "horizon":
                ok = e.rescore(horizon_months=value, ranges=False)
            elif name == "annual_discount_rate":
                ok = e.rescore(annual_discount_rate=value / scale, ranges=False)
            else:
                ok = e.rescore(margin=value / scale, ranges=False)
        self._show_error()
        if not ok:
            return
        if e.computed:
            with e.lock:
                self._render_results()
            if self.on_computed is not None:
                self.on_computed()
            if e.ranges_pending:
                self._fill_ranges_later()
        self.last_update_seconds = time.perf_counter() - start

    def _fill_ranges_later(self) -> None:
        """Compute the CLV ranges of new settings in the background, then show them (seconds on a large base)."""
        import threading

        def work() -> None:
            e = self.engine
            try:
                if e.trust_pending:
                    e.fill_trust()
                    with e.lock:
                        if e.computed:
                            self._render_trust()
                while e.ranges_pending:
                    if e.fill_ranges():
                        with e.lock:
                            # A new upload may have cleared the results meanwhile: then nothing to show.
                            if e.computed and not e.ranges_pending:
                                self._render_results()
                        break
                # then every whole week (or month) of the next five years, so that a new horizon
                # typed later needs only its own last point
                e.warm_horizons()
            except Exception as exc:  # noqa: BLE001 - a failure here must not leave the page silent
                e._fail(exc, "rescore")
                self._show_error()

        if self._ranges_thread is None or not self._ranges_thread.is_alive():
            self._ranges_thread = threading.Thread(target=work, daemon=True)
            self._ranges_thread.start()

    def _on_unit(self, change) -> None:
        if self.engine.computed and change["new"] != self.engine.settings.time_unit:
            self.status.value = f"<i>{html.escape(text('workbench.ui.refit', self.lang))}</i>"

    def _on_prepare(self, _button=None) -> None:
        self._render_downloads(force=True)

    # ------------------------------------------------------------------ rendering
    def _restore(self) -> None:
        """Show what the engine already holds (after a change of language)."""
        e = self.engine
        if e.preview is not None:
            self._fill_columns(keep=e.load_options)
            self._render_preview()
            self.run.disabled = False
        if e.computed:
            self._render_results()
        else:
            self.results.layout.display = "none"

    def _show_error(self) -> None:
        message = self.engine.error
        self.error.value = (
            ""
            if not message
            else f"<div style='color:#a40000;font-weight:600;margin:6px 0'>{html.escape(message)}</div>"
        )

    def _fill_columns(self, keep: dict | None = None) -> None:
        p = self.engine.preview
        keep = keep or {}
        for role, box in self.columns.items():
            box.options = p.columns
            chosen = keep.get(f"{role}_col") or p.guesses.get(role)
            box.value = chosen if chosen in p.columns else None

    def _render_preview(self) -> None:
        p = self.engine.preview
        head = "".join(
            f"<th style='{_CELL};text-align:left'>{html.escape(str(c))}</th>" for c in p.rows.columns
        )
        body = "".join(
            "<tr>" + "".join(f"<td style='{_CELL}'>{html.escape(str(v))}</td>" for v in row) + "</tr>"
            for row in p.rows.itertuples(index=False, name=None)
        )
        title = html.escape(text("workbench.ui.preview", self.lang, name=p.name))
        self.preview.value = (
            f"<div style='margin:6px 0'><b>{title}</b></div><div style='overflow-x:auto'>"
            f"<table class='clvkit-preview'><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            f"</table></div>"
        )

    def _money(self, value, decimals: int = 2) -> str:
        return format_money(value, self.lang, currency=self.engine.settings.currency, decimals=decimals)

    def _render_results(self) -> None:
        e, lang = self.engine, self.lang
        self.results.layout.display = ""
        notes = e.notes + ([e.range_note] if e.range_note else [])
        self.notes.value = (
            ""
            if not notes
            else f"<div style='color:#555;margin:6px 0'><b>{html.escape(text('workbench.ui.notes', lang))}"
            "</b><ul style='margin:2px 0'>"
            + "".join(f"<li>{html.escape(n)}</li>" for n in notes)
            + "</ul></div>"
        )
        cells = "".join(
            f"<div style='margin-right:28px'><div class='clvkit-headline-title'>{html.escape(k)}</div>"
            f"<div class='clvkit-headline-value' data-key='{key}' style='font-size:1.8em;font-weight:600'>"
            f"{html.escape(v)}</div></div>"
            for key, (k, v) in zip(("customers", "repeat_buyers", "period", "equity"), e.headline_sentences())
        )
        self.headline.value = f"<div style='display:flex;flex-wrap:wrap;margin:10px 0'>{cells}</div>"
        self._render_trust()
        # The files first: when the page shows a table, the links already hold the same numbers.
        self._render_downloads()
        self._render_concentration()
        self._render_segments()
        self._render_customers()
        self._render_targets()

    def _render_trust(self) -> None:
        e = self.engine
        sentence = e.trust_sentence() or text("workbench.ui.checking", self.lang)
        self.trust.value = f"<div style='margin:6px 0;max-width:900px'>{html.escape(sentence)}</div>"

    def _render_concentration(self) -> None:
        from ..segments import lorenz_curve

        e = self.engine
        values = e.customers["clv"].clip(lower=0.0).to_numpy()
        if values.sum() <= 0:
            self.concentration.value = ""
            return
        curve = lorenz_curve(values)
        # 101 points are enough for a 260 px chart of any base.
        x = np.linspace(0.0, 1.0, 101)
        y = np.interp(x, curve["customer_share"], curve["value_share"])
        pts = " ".join(f"{20 + 220 * a:.1f},{230 - 220 * b:.1f}" for a, b in zip(x, y))
        share = (
            float(e.concentration.loc[0.2, "value_share"]) if 0.2 in e.concentration.index else float("nan")
        )
        sentence = text("workbench.ui.concentration", self.lang, top=0.2, share=share)
        svg = (
            f"<svg width='250' height='245' role='img' aria-label='{html.escape(sentence)}'>"
            "<rect x='20' y='10' width='220' height='220' fill='none' stroke='#ccc'/>"
            "<line x1='20' y1='230' x2='240' y2='10' stroke='#bbb' stroke-dasharray='4 3'/>"
            f"<polyline points='{pts}' fill='none' stroke='#1f77b4' stroke-width='2'/></svg>"
        )
        self.concentration.value = (
            f"<div style='display:flex;align-items:center;gap:16px'>{svg}"
            f"<div style='max-width:420px'>{html.escape(sentence)}</div></div>"
        )

    def _render_segments(self) -> None:
        from ..workbench import _segment_name

        e, lang = self.engine, self.lang
        cols = ["customers", "customer_share", "total_value", "value_share"]
        head = "".join(
            f"<th style='{_CELL}'>{html.escape(text(f'workbench.col.{c}', lang))}</th>"
            for c in ["segment"] + cols
        )
        rows = []
        for seg, r in e.segments.iterrows():
            rows.append(
                f"<tr><td style='{_CELL}'>{html.escape(_segment_name(seg, lang))}</td>"
                f"<td style='{_CELL};text-align:right'>{format_number(r['customers'], lang, decimals=0)}</td>"
                f"<td style='{_CELL};text-align:right'>{format_percent(r['customer_share'], lang)}</td>"
                f"<td style='{_CELL};text-align:right'>{html.escape(self._money(r['total_value'], 0))}</td>"
                f"<td style='{_CELL};text-align:right'>{format_percent(r['value_share'], lang)}</td></tr>"
            )
        title = html.escape(text("workbench.ui.segments", lang))
        self.segments.value = (
            f"<h4 style='margin:10px 0 4px'>{title}</h4><table class='clvkit-segments'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _table(self, frame, columns, css: str, extra=()) -> str:
        from ..workbench import _segment_name

        lang = self.lang
        names = [("customer_id", text("workbench.col.customer_id", lang))] + columns + list(extra)
        head = "".join(f"<th style='{_CELL}' data-col='{c}'>{html.escape(h)}</th>" for c, h in names)
        money = {
            "total_amount",
            "expected_spend",
            "clv",
            "value_at_risk",
            "upsell_potential",
            "order_value_gap",
        }
        body = []
        for cid, row in zip(frame.index, frame.to_dict("records")):
            cells = [f"<td style='{_CELL}'>{html.escape(str(cid))}</td>"]
            for c, _h in names[1:]:
                v = row.get(c)
                if c in money:
                    s = self._money(v)
                elif c == "clv_range" and "clv_low" not in row:
                    s = "…"  # being computed in the background
                elif c == "clv_range":
                    s = text(
                        "workbench.ui.range",
                        lang,
                        low=self._money(row["clv_low"]),
                        high=self._money(row["clv_high"]),
                    )
                elif c == "p_alive":
                    s = format_percent(v, lang)
                elif c == "expected_purchases":
                    s = format_number(v, lang, decimals=2)
                elif c in ("first_purchase", "last_purchase"):
                    s = format_date(v, lang)
                elif c == "purchases":
                    s = format_number(v, lang, decimals=0)
                elif c == "segment":
                    s = _segment_name(v, lang)
                else:
                    s = str(v)
                align = "left" if c in ("segment",) else "right"
                cells.append(f"<td style='{_CELL};text-align:{align}' data-col='{c}'>{html.escape(s)}</td>")
            body.append(f"<tr data-customer='{html.escape(str(cid))}'>" + "".join(cells) + "</tr>")
        return (
            f"<div style='overflow-x:auto;max-height:480px'><table class='{css}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def _shown_columns(self):
        lang = self.lang
        cols = [
            (c, text(f"workbench.col.{c}", lang))
            for c in (
                "segment",
                "last_purchase",
                "purchases",
                "total_amount",
                "p_alive",
                "expected_purchases",
                "expected_spend",
                "clv",
            )
        ]
        if "clv_low" in self.engine.customers.columns or self.engine.ranges_pending:
            level = format_percent(self.engine.settings.interval, lang, decimals=0)
            cols.append(("clv_range", f"{text('workbench.set.range', lang)}, {level}"))
        return cols

    def _render_customers(self) -> None:
        e = self.engine
        if not e.computed:
            return
        by = self.sort.value or "clv"
        top = e.customers.sort_values(by, ascending=False, kind="stable").head(_TABLE_ROWS)
        title = html.escape(text("workbench.ui.top", self.lang, n=len(top)))
        self.customers.value = f"<h4 style='margin:10px 0 4px'>{title}</h4>" + self._table(
            top, self._shown_columns(), "clvkit-customer-table"
        )

    def _render_targets(self) -> None:
        e, lang = self.engine, self.lang
        cols = self._shown_columns()
        parts = [
            f"<h4 style='margin:10px 0 4px'>{html.escape(text('workbench.ui.retention', lang, n=len(e.retention)))}"
            "</h4>"
            + self._table(
                e.retention.head(_TARGET_ROWS),
                cols,
                "clvkit-retention",
                [("value_at_risk", text("workbench.col.value_at_risk", lang))],
            ),
            f"<h4 style='margin:10px 0 4px'>{html.escape(text('workbench.ui.upsell', lang, n=len(e.upsell)))}"
            "</h4>"
            + self._table(
                e.upsell.head(_TARGET_ROWS),
                cols,
                "clvkit-upsell",
                [("upsell_potential", text("workbench.col.upsell_potential", lang))],
            ),
        ]
        self.targets.value = "".join(parts)

    def _render_downloads(self, force: bool = False) -> None:
        e, lang = self.engine, self.lang
        if not force and len(e.customers) > _AUTO_FILES:
            self.download.value = ""
            self.prepare.layout.display = ""
            return
        self.prepare.layout.display = "none"
        stem = (e.name or "customers").rsplit(".", 1)[0]
        links = []
        for kind, payload, mime, suffix in (
            ("xlsx", e.workbook_bytes(), _XLSX, "xlsx"),
            ("csv", e.csv_bytes(), "text/csv", "csv"),
        ):
            href = f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"
            name = html.escape(f"{stem}-clv.{suffix}")
            links.append(
                f"<a class='clvkit-download-{kind}' data-kind='{kind}' download='{name}' href='{href}' "
                f"style='margin-right:18px'>⬇ {html.escape(text(f'workbench.ui.{kind}', lang))}</a>"
            )
        self.download.value = (
            f"<div style='margin:10px 0'><b>{html.escape(text('workbench.ui.files', lang))}</b> "
            + "".join(links)
            + "</div>"
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
