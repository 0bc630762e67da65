"""The CLV workbench: a transaction file in, every customer's value, target lists and an Excel file out.

The engine behind the first tab of the app (:mod:`clvkit.widgets.workbench` is its view),
usable without a browser::

    >>> wb = Workbench(lang="en")                                      # doctest: +SKIP
    >>> wb.upload(open("orders.csv", "rb").read(), "orders.csv")       # doctest: +SKIP
    >>> wb.compute(customer_col="client", date_col="order_date", amount_col="total")   # doctest: +SKIP
    >>> wb.customers.head()                                            # doctest: +SKIP
    >>> open("clv.xlsx", "wb").write(wb.workbook_bytes())              # doctest: +SKIP

Steps and what each does:

1. :meth:`Workbench.upload` takes the file's bytes and name, refuses files above the
   size limit, keeps the bytes in a temporary folder that :meth:`Workbench.close` (or
   the end of the Python session) removes, and reads the first rows for a preview and
   the column guesses. Nothing is written anywhere else.
2. :meth:`Workbench.compute` reads the whole file with :func:`clvkit.load_transactions`
   (refund and duplicate policies as chosen), summarises it, fits BG/NBD and
   Gamma-Gamma, checks the model on the last part of the data against a naive forecast,
   and scores every customer.
3. :meth:`Workbench.rescore` changes horizon, discount rate or margin without refitting:
   expected purchases are cached per (horizon, rate) and the margin only multiplies.
4. :meth:`Workbench.workbook_bytes` and :meth:`Workbench.csv_bytes` give the files to
   take away; the workbook's settings sheet says how every number was made.

Every :class:`clvkit.ClvDataError` becomes ``Workbench.error``: one sentence in the
page's language, never a traceback.
"""

from __future__ import annotations

import csv
import inspect
import io
import math
import re
import tempfile
import threading
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import numpy as np
import pandas as pd

from .errors import ClvDataError
from .i18n import check_lang, format_date, get_currency, language, resolve_lang, text

__all__ = [
    "COLUMN_GUESSES",
    "DEFAULT_MAX_BYTES",
    "Preview",
    "Settings",
    "Workbench",
    "guess_column",
    "sample_currency",
    "sample_label",
    "strategy_options",
]

#: Lowest P(alive) of a customer on the upsell list.
UPSELL_MIN_P_ALIVE = 0.5

#: Default upload limit: 200 MB.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

#: Header names recognised per role, most specific first (compared without case, spaces or _ -).
COLUMN_GUESSES: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer_id",
        "customerid",
        "customer",
        "client_id",
        "client",
        "clientid",
        "user_id",
        "userid",
        "user",
        "buyer_id",
        "buyer",
        "member_id",
        "account_id",
        "email",
        "клиент",
        "id клиента",
        "код клиента",
        "клиент id",
        "покупатель",
        "id покупателя",
        "код покупателя",
        "покупатель id",
        "пользователь",
        "контрагент",
    ),
    "date": (
        "order_date",
        "orderdate",
        "purchase_date",
        "transaction_date",
        "invoice_date",
        "date",
        "datetime",
        "created_at",
        "timestamp",
        "time",
        "day",
        "дата заказа",
        "дата покупки",
        "дата продажи",
        "дата чека",
        "дата",
        "дата и время",
        "день",
    ),
    "amount": (
        "amount",
        "total",
        "order_total",
        "order_value",
        "revenue",
        "sales",
        "sum",
        "value",
        "price",
        "total_amount",
        "net_amount",
        "invoice_amount",
        "сумма",
        "сумма заказа",
        "сумма покупки",
        "сумма чека",
        "итого",
        "выручка",
        "стоимость",
        "сумма продажи",
    ),
}
_ROLES = ("customer", "date", "amount")
_EXCEL = (".xlsx", ".xlsm", ".xls")
_TEXT = (".csv", ".tsv", ".txt")
_PREVIEW_BYTES = 256 * 1024
_PREVIEW_ROWS = 8
def sample_currency(lang: str | None = None) -> str:
    """The currency the CDNOW sample is shown in: dollars, roubles on a Russian page (at the course rate)."""
    return "RUB" if resolve_lang(lang) == "ru" else "USD"


def _norm(name) -> str:
    value = unicodedata.normalize("NFKC", str(name)).strip().lower().replace("ё", "е")
    return re.sub(r"[\s_\-./]+", " ", value).strip()


def guess_column(columns, role: str) -> str | None:
    """The column of `columns` that most likely holds `role` ("customer", "date" or "amount"), or None.

    An exact match of a known header (ignoring case, spaces, ``_`` and ``-``) wins; then a
    header that contains a known name as a word.

    Examples
    --------
    >>> guess_column(["client", "order_date", "total"], "customer")
    'client'
    >>> guess_column(["Клиент", "Дата", "Сумма, руб."], "amount")
    'Сумма, руб.'
    """
    names = [_norm(n) for n in COLUMN_GUESSES[role]]
    normalized = [(_norm(c), c) for c in columns]
    for known in names:
        for value, original in normalized:
            if value == known:
                return original
    for known in names:
        pattern = re.compile(rf"(^|\W){re.escape(known)}($|\W)")
        for value, original in normalized:
            if pattern.search(value):
                return original
    return None


@dataclass
class Settings:
    """What the valuation uses; every field has a sensible default.

    Attributes
    ----------
    horizon_months : float
        How far ahead CLV looks, in months (default 12).
    annual_discount_rate : float
        Yearly discount rate as a fraction (default 0.10).
    margin : float
        Share of revenue kept as profit, in (0, 1] (default 0.30).
    currency : str or None
        ISO code of the amounts (default: the page language's currency).
    time_unit : {"D", "W", "M"}
        Unit of the models' clock (default weeks, as in the papers); a change needs a new fit.
    interval : float
        Level of each customer's CLV range (default 0.9).
    """

    horizon_months: float = 12.0
    annual_discount_rate: float = 0.10
    margin: float = 0.30
    currency: str | None = None
    time_unit: str = "W"
    interval: float = 0.9


@dataclass
class Preview:
    """The first rows of an uploaded file and the column guesses."""

    name: str
    size: int
    columns: list
    rows: pd.DataFrame
    guesses: dict = field(default_factory=dict)


def _has_interval() -> bool:
    from .valuation import customer_lifetime_value

    return "interval" in inspect.signature(customer_lifetime_value).parameters


class Workbench:
    """A marketer's file in, every customer's value out (state of the workbench tab).

    Parameters
    ----------
    lang : {"en", "ru"}, optional
        Language of every message and label (default: the current setting).
    max_bytes : int
        Upload size limit in bytes (default 200 MB).
    settings : Settings, optional
        Horizon, discount rate, margin, currency, time unit and range level.

    Attributes
    ----------
    error : str or None
        The last problem, one sentence in `lang`; None after a step that worked.
    notes : list of str
        What the loader changed (refunds netted, duplicates dropped...).
    preview : Preview or None
    customers : DataFrame or None
        One row per customer, highest CLV first, after :meth:`compute`.
    """

    def __init__(
        self, *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, settings: Settings | None = None
    ) -> None:
        self.lang = check_lang(resolve_lang(lang))
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise ClvDataError(text("workbench.max_bytes", self.lang, value=repr(max_bytes)))
        self.max_bytes = max_bytes
        self.settings = settings or Settings()
        if self.settings.currency is None:
            self.settings.currency = get_currency(self.lang)
        self._tmp: tempfile.TemporaryDirectory | None = None
        self.path: Path | None = None
        self.name: str | None = None
        self.size = 0
        self.error: str | None = None
        self.notes: list[str] = []
        self.preview: Preview | None = None
        self._reset_results()
        self.timings: dict[str, float] = {}
        # Held while results change, so ranges computed in the background land on the settings in force.
        self.lock = threading.RLock()

    # ------------------------------------------------------------------ lifecycle
    def _reset_results(self) -> None:
        self.transactions = None
        self.summary = None
        self.model = None
        self.spend_model = None
        self.trust: dict | None = None
        self.customers: pd.DataFrame | None = None
        self.segments: pd.DataFrame | None = None
        self.concentration: pd.DataFrame | None = None
        self.retention: pd.DataFrame | None = None
        self.upsell: pd.DataFrame | None = None
        self.headline: dict | None = None
        self.load_options: dict = {}
        self._base: pd.DataFrame | None = None
        self._clv_cache: dict = {}
        self._path_cache = None  # expected-purchase columns by grid point, for the fitted model and base
        self._histories = None
        self._rfm: pd.Series | None = None
        self.range_note: str | None = None

    def close(self) -> None:
        """Forget the results and remove the temporary folder holding the upload."""
        if self._tmp is not None:
            self._tmp.cleanup()
        self._tmp = None
        self.path = None
        self.preview = None
        self._reset_results()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def computed(self) -> bool:
        """Whether customers have been scored."""
        return self.customers is not None

    # ------------------------------------------------------------------ errors
    def _fail(self, exc: BaseException, step: str) -> bool:
        if isinstance(exc, ClvDataError):
            message = str(exc).strip()
        else:
            # Not a data problem we foresaw: still one sentence, with the exception's first line.
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            message = text(
                "workbench.unexpected",
                self.lang,
                step=text(f"workbench.step.{step}", self.lang),
                kind=type(exc).__name__,
                detail=first,
            )
        self.error = message
        return False

    # ------------------------------------------------------------------ 1. upload
    def upload(self, data: bytes, name: str) -> bool:
        """Take an uploaded file: check its size and type, keep it in a temporary folder, preview it.

        Parameters
        ----------
        data : bytes
            The file's content.
        name : str
            Its name as uploaded (the extension tells CSV, TSV and Excel apart).

        Returns
        -------
        bool
            True when the file could be previewed; otherwise ``error`` says why.
        """
        self.error = None
        self.notes = []
        try:
            with language(self.lang):
                self._upload(bytes(data), str(name))
            return True
        except Exception as exc:  # noqa: BLE001 - every problem becomes one sentence in the page
            self.close()
            return self._fail(exc, "upload")

    def _upload(self, data: bytes, name: str) -> None:
        self.close()
        safe = Path(name).name or "upload.csv"
        suffix = Path(safe).suffix.lower()
        if len(data) > self.max_bytes:
            raise ClvDataError(
                text(
                    "workbench.too_big", name=repr(safe), size=len(data) / 2**20, limit=self.max_bytes / 2**20
                )
            )
        if len(data) == 0 or not data.strip():
            raise ClvDataError(text("workbench.empty", name=repr(safe)))
        if suffix not in _EXCEL + _TEXT:
            raise ClvDataError(text("workbench.file_type", name=repr(safe), suffix=repr(suffix or safe)))
        self._tmp = tempfile.TemporaryDirectory(prefix="clvkit-upload-")
        self.path = Path(self._tmp.name) / safe
        self.path.write_bytes(data)
        self.name, self.size = safe, len(data)
        rows = _read_excel_head(self.path, safe) if suffix in _EXCEL else _read_text_head(data, safe, suffix)
        columns = [str(c) for c in rows.columns]
        guesses = {role: guess_column(columns, role) for role in _ROLES}
        self.preview = Preview(name=safe, size=len(data), columns=columns, rows=rows, guesses=guesses)

    # ------------------------------------------------------------------ 2. compute
    def compute(
        self,
        *,
        customer_col: str | None = None,
        date_col: str | None = None,
        amount_col: str | None = None,
        on_negative: str = "net",
        on_duplicate: str = "warn",
        ranges: bool = True,
        trust: bool = True,
    ) -> bool:
        """Read the whole file, fit the models, check them on the last part of the data and score every customer.

        Parameters
        ----------
        customer_col, date_col, amount_col : str, optional
            The chosen columns (default: the guesses of the preview).
        on_negative : {"net", "drop", "raise"}
            Refunds: subtract from the order they return, drop, or refuse (see
            :func:`clvkit.load_transactions`).
        on_duplicate : {"warn", "keep", "drop"}
            Rows repeating another row exactly: keep with a note, keep, or drop.
        ranges : bool
            Compute the CLV ranges now (default), or leave them to :meth:`fill_ranges`
            so that the values show sooner.
        trust : bool
            Run the trust check now (default), or leave it to :meth:`fill_trust`.

        Returns
        -------
        bool
            True when every customer was scored; otherwise ``error`` says why.
        """
        self.error = None
        self.notes = []
        start = time.perf_counter()
        try:
            with self.lock, language(self.lang):
                self._compute(customer_col, date_col, amount_col, on_negative, on_duplicate, ranges, trust)
            self.timings["compute"] = time.perf_counter() - start
            return True
        except Exception as exc:  # noqa: BLE001 - every problem becomes one sentence in the page
            self._reset_results()
            return self._fail(exc, "compute")

    def _compute(self, customer_col, date_col, amount_col, on_negative, on_duplicate, ranges, trust) -> None:
        from . import load_transactions, summarize
        from .models import BGNBD, GammaGamma
        from .segments import rfm_segments

        if self.preview is None or self.path is None:
            raise ClvDataError(text("workbench.no_file"))
        chosen = {
            "customer": customer_col or self.preview.guesses.get("customer"),
            "date": date_col or self.preview.guesses.get("date"),
            "amount": amount_col or self.preview.guesses.get("amount"),
        }
        for role, column in chosen.items():
            if not column:
                raise ClvDataError(
                    text(
                        "workbench.no_column",
                        role=text(f"workbench.role.{role}"),
                        columns=", ".join(map(repr, self.preview.columns)),
                    )
                )
        if len(set(chosen.values())) < 3:
            raise ClvDataError(
                text(
                    "workbench.same_column",
                    customer=repr(chosen["customer"]),
                    date=repr(chosen["date"]),
                    amount=repr(chosen["amount"]),
                )
            )
        self._reset_results()
        t0 = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tx = load_transactions(
                self.path,
                customer_col=chosen["customer"],
                date_col=chosen["date"],
                amount_col=chosen["amount"],
                on_negative=on_negative,
                on_duplicate=on_duplicate,
            )
        self.notes = list(dict.fromkeys(str(w.message) for w in caught if _is_note(w)))
        self.timings["load"] = time.perf_counter() - t0
        self.load_options = {
            **{f"{k}_col": v for k, v in chosen.items()},
            "on_negative": on_negative,
            "on_duplicate": on_duplicate,
        }
        unit = self.settings.time_unit
        t0 = time.perf_counter()
        summary = summarize(tx, time_unit=unit)
        if int((summary["frequency"] > 0).sum()) < 2:
            raise ClvDataError(
                text("workbench.few_repeat", n=int((summary["frequency"] > 0).sum()), customers=len(summary))
            )
        self.timings["summarize"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = BGNBD().fit(summary)
            spend_model = GammaGamma().fit(summary[summary["frequency"] > 0])
        self.notes += [n for n in dict.fromkeys(str(w.message) for w in caught) if n not in self.notes]
        self.timings["fit"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        p_alive = np.asarray(model.probability_alive(summary), dtype=float)
        last = tx.groupby("customer_id", sort=False)["date"].max().reindex(summary.index)
        self._rfm = rfm_segments(summary)["segment"].astype(str)
        self._base = pd.DataFrame(
            {
                "first_purchase": summary["first_purchase"].to_numpy(),
                "last_purchase": last.to_numpy(),
                "purchases": summary["frequency"].to_numpy() + 1,
                "total_amount": summary["total_amount"].to_numpy(),
                "p_alive": p_alive,
            },
            index=summary.index,
        )
        # made once as a category: every re-score takes rows of it instead of building text anew
        self._segment_codes = pd.Categorical(self._rfm.to_numpy())
        self.transactions, self.summary, self.model, self.spend_model = tx, summary, model, spend_model
        self.timings["score_base"] = time.perf_counter() - t0
        if trust:
            self.fill_trust()
        t0 = time.perf_counter()
        self._rescore(ranges=ranges)
        self.timings["value"] = time.perf_counter() - t0

    # ------------------------------------------------------------------ trust check
    @property
    def trust_pending(self) -> bool:
        """Whether the trust check is still to be run (:meth:`fill_trust`)."""
        return self.computed and self.trust is None

    def fill_trust(self) -> None:
        """Run the trust check on the data in hand (a second fit on the earlier part of the data)."""
        tx, model = self.transactions, self.model
        if tx is None or model is None:
            return
        t0 = time.perf_counter()
        with language(self.lang):
            trust = self._trust_check(tx, self.settings.time_unit, start=model.params_.to_numpy(dtype=float))
        with self.lock:
            if self.transactions is tx:  # still the same data
                self.trust = trust
        self.timings["trust"] = time.perf_counter() - t0

    def _trust_check(self, tx: pd.DataFrame, unit: str, start=None) -> dict:
        """Fit on the earlier part, forecast the last part; compare with the naive "own pace" forecast.

        The last part is the last 3 months when the data span at least a year, else its
        last quarter. Only customers seen before the cut are forecast (the model says
        nothing about customers it has not met).
        """
        from . import split_calibration_holdout
        from .models import BGNBD
        from .validation import holdout_errors, naive_baselines

        first, last = tx["date"].min().normalize(), tx["date"].max().normalize()
        days = int((last - first).days)
        if days >= 365:
            cal_end = last - pd.DateOffset(months=3)
            what = ("workbench.trust.last_months", 3)
        else:
            cal_end = last - pd.Timedelta(days=max(1, round(days / 4)))
            what = ("workbench.trust.last_days", int((last - cal_end).days))
        try:
            if days < 28:
                raise ClvDataError(text("workbench.trust.too_short", n=days))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                calibration, holdout = split_calibration_holdout(
                    tx, calibration_end=cal_end, observation_end=last, time_unit=unit
                )
                # Started from the full fit's estimate: the same model on most of the same data.
                model = BGNBD().fit(calibration, initial_params=start)
            duration = float(holdout["duration_holdout"].iloc[0])
            forecast = np.asarray(model.predict_purchases(calibration, duration), dtype=float)
            naive = naive_baselines(calibration, holdout)
            errors = holdout_errors(
                {"model": forecast, "own": naive["own"], "average": naive["average"]},
                holdout["frequency_holdout"].to_numpy(dtype=float),
                baselines=["own", "average"],
            )
        except ClvDataError as exc:
            return {"ok": False, "key": "workbench.trust.skipped", "fields": {"reason": str(exc).rstrip(".")}}
        if not math.isfinite(float(errors.loc["model", "total_error_pct"])):
            return {"ok": False, "key": "workbench.trust.no_repeats", "fields": {"what": what}}
        model_off = abs(float(errors.loc["model", "total_error_pct"])) / 100.0
        naive_off = abs(float(errors.loc["own", "total_error_pct"])) / 100.0
        # A total can come out right while the customers are ranked badly (errors cancel), so the
        # model is called the better guide only when its error per customer is smaller as well.
        model_mae, naive_mae = float(errors.loc["model", "mae"]), float(errors.loc["own", "mae"])
        better = model_off <= naive_off and model_mae <= naive_mae
        key = "workbench.trust.better" if better else "workbench.trust.worse"
        fields = {
            "what": what,
            "cut": cal_end,
            "model": model_off,
            "naive": naive_off,
            "model_mae": model_mae,
            "naive_mae": naive_mae,
            "customers": len(calibration),
        }
        return {
            "ok": True,
            "key": key,
            "fields": fields,
            "calibration_end": cal_end,
            "end": last,
            "model_error": model_off,
            "naive_error": naive_off,
            "model_mae": model_mae,
            "naive_mae": naive_mae,
            "errors": errors,
            "actual": float(errors.attrs["actual_total"]),
            "customers": len(calibration),
        }

    # ------------------------------------------------------------------ 3. rescore
    def rescore(
        self,
        *,
        horizon_months: float | None = None,
        annual_discount_rate: float | None = None,
        margin: float | None = None,
        currency: str | None = None,
        ranges: bool = True,
    ) -> bool:
        """Change horizon, discount rate, margin or currency and update every figure without refitting.

        With ``ranges=False`` a new horizon or rate gives the values at once and leaves the
        CLV ranges (seconds on a large base) to :meth:`fill_ranges`.

        Returns
        -------
        bool
            True when the figures were updated; otherwise ``error`` says why (and the
            settings stay as they were).
        """
        self.error = None
        saved = Settings(**vars(self.settings))
        start = time.perf_counter()
        try:
            with self.lock, language(self.lang):
                if horizon_months is not None:
                    self.settings.horizon_months = _setting(
                        "horizon", horizon_months, 0.0, 600.0, low_open=True
                    )
                if annual_discount_rate is not None:
                    self.settings.annual_discount_rate = _setting("rate", annual_discount_rate, 0.0, 1.0)
                if margin is not None:
                    self.settings.margin = _setting("margin", margin, 0.0, 1.0, low_open=True)
                if currency is not None:
                    from .i18n import CURRENCIES, currency_symbol

                    currency_symbol(currency)  # refuses an unknown currency in one sentence
                    self.settings.currency = next(
                        c for c in CURRENCIES if c == currency or CURRENCIES[c][0] == currency
                    )
                if self.computed:
                    self._rescore(ranges=ranges)
            self.timings["rescore"] = time.perf_counter() - start
            return True
        except Exception as exc:  # noqa: BLE001
            self.settings = saved
            return self._fail(exc, "rescore")

    def _key(self) -> tuple[float, float]:
        return (float(self.settings.horizon_months), float(self.settings.annual_discount_rate))

    def _clv(self, ranges: bool = True) -> pd.DataFrame:
        """CLV at margin 1 for the current horizon and rate, cached (the margin only multiplies).

        With `ranges`, the range columns are computed when missing (seconds on a large base);
        without, values already cached are used as they are, and `ranges_pending` says that
        :meth:`fill_ranges` has work to do.
        """
        key = self._key()
        cached = self._clv_cache.get(key)
        wants = _has_interval() and bool(self.settings.interval) and self.range_note is None
        if cached is not None and ("clv_low" in cached.columns or not wants):
            return cached
        if cached is None or ranges:
            self._clv_cache[key] = self._value(key, ranges=ranges and wants)
        return self._clv_cache[key]

    def _value(self, key: tuple[float, float], *, ranges: bool) -> pd.DataFrame:
        from .valuation import _customer_lifetime_value, _PathCache

        with self.lock:
            if self._path_cache is None:
                # A new rate reuses every expected-purchase column and a new horizon its known
                # points: only what the page has not seen yet is computed.
                self._path_cache = _PathCache()
                self._histories = self.model._histories(self.summary) if hasattr(self.model, "_histories") else None
            cache, histories = self._path_cache, self._histories
        common = {"horizon": f"{key[0]:g} months", "annual_discount_rate": key[1], "margin": 1.0,
                  "cache": cache, "histories": histories}
        if ranges:
            try:
                return _customer_lifetime_value(
                    self.model, self.spend_model, self.summary, interval=self.settings.interval, **common
                )
            except ClvDataError as exc:
                # A fit without a usable covariance still gives values, only without a range.
                self.range_note = str(exc)
        return _customer_lifetime_value(self.model, self.spend_model, self.summary, **common)

    def warm_horizons(self, months: float = 60.0, batch: int = 8) -> int:
        """Compute expected purchases at every whole time unit up to `months` ahead, a few at a time.

        Meant for the background after the table and its ranges: any horizon the page is then
        given needs only its own last point. The cache's lock is taken per batch, so a setting
        changed meanwhile waits for one batch at most; on a base with very many distinct
        histories only as many points are computed as the cache's memory budget keeps.

        Returns
        -------
        int
            How many points were computed (0 when nothing was left to do or the results changed).
        """
        from .valuation import _horizon

        with self.lock:
            if not self.computed or self._path_cache is None or self._histories is None:
                return 0
            cache, histories, model = self._path_cache, self._histories, self.model
            unit = getattr(model, "time_unit_", None) or self.summary.attrs.get("time_unit")
            last = int(np.ceil(_horizon(f"{months:g} months", unit)))
        points = [float(t) for t in range(1, last + 1) if float(t) not in cache.columns]
        # no further than the cache keeps: warming must not evict what the page shows
        points = points[:max(0, cache.capacity(histories) - len(cache.columns))]
        done = 0
        for lo in range(0, len(points), batch):
            if self._path_cache is not cache:  # a new upload or compute: stop
                break
            grid = np.r_[0.0, points[lo:lo + batch]]
            cache.parts(model, histories, grid)
            done += len(grid) - 1
        return done

    @property
    def ranges_pending(self) -> bool:
        """Whether the table shows values whose ranges are still to be computed (:meth:`fill_ranges`)."""
        return (
            self.computed
            and "clv_low" not in self.customers.columns
            and _has_interval()
            and bool(self.settings.interval)
            and self.range_note is None
        )

    def fill_ranges(self) -> bool:
        """Compute the CLV ranges for the current settings and put them in every table.

        Returns
        -------
        bool
            False when the settings changed while the ranges were computed (the caller
            then asks again); the tables are only updated for the settings in force.
        """
        key = self._key()
        if not self.ranges_pending:
            return True
        with language(self.lang):
            values = self._value(key, ranges=True)
        with self.lock:
            if key != self._key() or not self.computed:
                return False
            self._clv_cache[key] = values
            with language(self.lang):
                self._rescore()
        return True

    def _rescore(self, ranges: bool = True) -> None:
        from .segments import retention_targets, segment_summary, upsell_targets, value_concentration

        s = self.settings
        clv = self._clv(ranges=ranges)
        table = self._base.copy()
        table["expected_purchases"] = clv["expected_purchases"].to_numpy()
        table["expected_spend"] = clv["expected_spend"].to_numpy()
        table["clv"] = s.margin * clv["clv"].to_numpy()
        if "clv_low" in clv.columns:
            table["clv_low"] = s.margin * clv["clv_low"].to_numpy()
            table["clv_high"] = s.margin * clv["clv_high"].to_numpy()
        table["segment"] = self._segment_codes
        # highest value first; ties keep the summary's order (as a stable sort by clv would)
        order = np.argsort(-table["clv"].to_numpy(), kind="stable")
        table = table.take(order)
        self.customers = table
        self.segments = segment_summary(table, by="segment", value="clv").sort_values(
            "total_value", ascending=False
        )
        self.concentration = value_concentration(table["clv"].clip(lower=0.0))
        # a floor on P(alive): below it CLV / P(alive) divides a tiny number by a tiny one (as in notebooks 05 and 06)
        self.retention = retention_targets(table, value="clv", p_alive="p_alive", min_p_alive=0.05)
        frequency = (table["purchases"] - 1).rename("frequency")
        spend = self.summary["monetary_value"].to_numpy()[order]  # _base is in the summary's order
        upsell_input = table.assign(frequency=frequency.to_numpy(), monetary_value=spend)
        try:
            self.upsell = upsell_targets(upsell_input).drop(columns=["frequency"])
        except ClvDataError:
            self.upsell = upsell_input.iloc[:0].drop(columns=["frequency"])
        # An offer needs someone to receive it: customers who have probably left are not upsold.
        self.upsell = self.upsell.loc[self.upsell["p_alive"] >= UPSELL_MIN_P_ALIVE]
        summary, tx = self.summary, self.transactions
        self.headline = {
            "customers": len(summary),
            "repeat_buyers": int((summary["frequency"] > 0).sum()),
            "first_date": tx["date"].min(),
            "last_date": tx["date"].max(),
            "rows": len(tx),
            "equity": float(table["clv"].sum()),
            "currency": s.currency,
            "horizon_months": s.horizon_months,
        }

    def trust_sentence(self) -> str | None:
        """The trust check in one plain sentence, in the page's language (None before compute)."""
        if not self.trust:
            return None
        fields = dict(self.trust["fields"])
        if isinstance(fields.get("what"), tuple):
            key, n = fields["what"]
            fields["what"] = text(key, self.lang, n=n)
        return text(self.trust["key"], self.lang, **fields)

    # ------------------------------------------------------------------ strategy
    def strategy_engine(self):
        """A :class:`clvkit.strategy.StrategySimulator` on the uploaded customers (None before compute)."""
        from .strategy import StrategySimulator

        if not self.computed:
            return None
        s = self.settings
        return StrategySimulator(
            self.model,
            self.spend_model,
            self.summary,
            horizon=f"{s.horizon_months:g} months",
            annual_discount_rate=s.annual_discount_rate,
            margin=s.margin,
            segments=self._rfm,
        )

    def base_label(self) -> str:
        """What the strategy tab runs on: the uploaded file, named, with its customers and period."""
        if not self.computed:
            return sample_label(self.lang)
        h = self.headline
        return text(
            "workbench.base_uploaded",
            self.lang,
            name=self.name,
            n=h["customers"],
            first=h["first_date"],
            last=h["last_date"],
        )

    # ------------------------------------------------------------------ 4. files
    def headline_sentences(self) -> list[tuple[str, str]]:
        """The headline as (label, value) pairs in the page's language and currency."""
        from .i18n import format_money, format_number

        h = self.headline
        lang, cur = self.lang, self.settings.currency
        return [
            (text("workbench.head.customers", lang), format_number(h["customers"], lang, decimals=0)),
            (text("workbench.head.repeat", lang), format_number(h["repeat_buyers"], lang, decimals=0)),
            (
                text("workbench.head.period", lang),
                f"{format_date(h['first_date'], lang)} – {format_date(h['last_date'], lang)}",
            ),
            (
                text("workbench.head.equity", lang, months=h["horizon_months"]),
                format_money(h["equity"], lang, currency=cur, decimals=0),
            ),
        ]

    def customer_columns(self) -> list[tuple[str, str]]:
        """(column, header in the page's language) of the customer table, in order."""
        names = [
            "segment",
            "first_purchase",
            "last_purchase",
            "purchases",
            "total_amount",
            "p_alive",
            "expected_purchases",
            "expected_spend",
            "clv",
        ]
        if self.customers is not None and "clv_low" in self.customers.columns:
            names += ["clv_low", "clv_high"]
        return [(n, text(f"workbench.col.{n}", self.lang)) for n in names]

    def csv_bytes(self) -> bytes:
        """The customer table as CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic names)."""
        self._require_results()
        frame = self.customers[[c for c, _ in self.customer_columns()]].copy()
        frame.insert(0, "customer_id", frame.index)
        return frame.to_csv(index=False).encode("utf-8-sig")

    def workbook_bytes(self) -> bytes:
        """An Excel workbook: customers, segments, retention and upsell targets, trust check and settings.

        Amounts are written at full precision with a two-decimal display format, so a
        number read back equals the package's. The settings sheet says which file, which
        rows, which model and which parameters made every number.
        """
        self._require_results()
        try:
            from openpyxl import Workbook
            from openpyxl.utils import get_column_letter
        except ImportError:
            raise ClvDataError(text("workbench.no_openpyxl", self.lang)) from None
        from openpyxl.cell import WriteOnlyCell

        lang = self.lang
        # Write-only: rows stream to the file instead of living as cell objects (a 100,000-row
        # sheet takes a fraction of the time and memory).
        book = Workbook(write_only=True)
        columns = self.customer_columns()
        money_cols = {
            "total_amount",
            "expected_spend",
            "clv",
            "clv_low",
            "clv_high",
            "total_value",
            "mean_value",
            "value_at_risk",
            "order_value_gap",
            "upsell_potential",
        }

        def number_format(c: str) -> str | None:
            if c in money_cols:
                return "#,##0.00"
            if c in ("p_alive", "customer_share", "value_share"):
                return "0.0%"
            if c == "expected_purchases":
                return "0.00"
            if c in ("first_purchase", "last_purchase"):
                return "yyyy-mm-dd" if lang == "en" else "dd.mm.yyyy"
            return None

        def sheet(title_key: str, frame: pd.DataFrame, cols: list[tuple[str, str]], index_header: str):
            ws = book.create_sheet(text(title_key, lang)[:31])
            for j in range(1, len(cols) + 2):
                ws.column_dimensions[get_column_letter(j)].width = 16
            ws.freeze_panes = "B2"
            ws.append([index_header] + [h for _, h in cols])
            formats = [number_format(c) for c, _ in cols]
            values = [frame.index.tolist()] + [frame[c].tolist() for c, _ in cols]
            for row in zip(*values):
                out = [_cell(row[0])]
                for fmt, v in zip(formats, row[1:]):
                    v = _cell(v)
                    if fmt is not None and v is not None:
                        cell = WriteOnlyCell(ws, value=v)
                        cell.number_format = fmt
                        v = cell
                    out.append(v)
                ws.append(out)
            return ws

        customer_header = text("workbench.col.customer_id", lang)
        sheet("workbench.sheet.customers", self.customers, columns, customer_header)
        seg_cols = [
            (c, text(f"workbench.col.{c}", lang))
            for c in ("customers", "customer_share", "total_value", "mean_value", "value_share")
        ]
        segments = self.segments.copy()
        segments.index = [_segment_name(s, lang) for s in segments.index]
        sheet("workbench.sheet.segments", segments, seg_cols, text("workbench.col.segment", lang))
        sheet(
            "workbench.sheet.retention",
            self.retention,
            columns + [("value_at_risk", text("workbench.col.value_at_risk", lang))],
            customer_header,
        )
        sheet(
            "workbench.sheet.upsell",
            self.upsell,
            columns
            + [
                ("order_value_gap", text("workbench.col.order_value_gap", lang)),
                ("upsell_potential", text("workbench.col.upsell_potential", lang)),
            ],
            customer_header,
        )
        ws = book.create_sheet(text("workbench.sheet.settings", lang)[:31])
        ws.column_dimensions["A"].width = 44
        ws.column_dimensions["B"].width = 90
        ws.append([text("workbench.set.what", lang), text("workbench.set.value", lang)])
        for name, value in self.settings_rows():
            ws.append([name, _cell(value)])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def settings_rows(self) -> list[tuple[str, object]]:
        """How every number was made and on which data, as (what, value) rows for the settings sheet."""
        from . import __version__
        from .i18n import format_money

        self._require_results()
        lang, s, h = self.lang, self.settings, self.headline
        t = lambda key, **kw: text(key, lang, **kw)
        rows: list[tuple[str, object]] = [
            (t("workbench.set.file"), self.name),
            (
                t("workbench.set.columns"),
                t(
                    "workbench.set.columns_value",
                    **{k: repr(v) for k, v in self.load_options.items() if k.endswith("_col")},
                ),
            ),
            (t("workbench.set.rows"), h["rows"]),
            (t("workbench.set.customers"), h["customers"]),
            (t("workbench.set.repeat"), h["repeat_buyers"]),
            (
                t("workbench.set.period"),
                f"{format_date(h['first_date'], lang)} – {format_date(h['last_date'], lang)}",
            ),
            (t("workbench.set.refunds"), t(f"workbench.refunds.{self.load_options['on_negative']}")),
            (t("workbench.set.duplicates"), t(f"workbench.duplicates.{self.load_options['on_duplicate']}")),
            (t("workbench.set.notes"), " ".join(self.notes) or "–"),
            (t("workbench.set.time_unit"), text(f"unit.{s.time_unit}", lang)),
            (t("workbench.set.model"), t("workbench.set.model_value")),
        ]
        for name, value in self.model.params_.items():
            rows.append((t("workbench.set.param", model="BG/NBD", name=name), float(value)))
        for name, value in self.spend_model.params_.items():
            rows.append((t("workbench.set.param", model="Gamma-Gamma", name=name), float(value)))
        rows += [
            (t("workbench.set.horizon"), t("workbench.set.horizon_value", n=s.horizon_months)),
            (t("workbench.set.rate"), s.annual_discount_rate),
            (t("workbench.set.margin"), s.margin),
            (t("workbench.set.currency"), s.currency),
            (t("workbench.set.equity"), format_money(h["equity"], lang, currency=s.currency)),
            (t("workbench.set.clv"), t("workbench.set.clv_value")),
        ]
        if "clv_low" in self.customers.columns:
            rows.append((t("workbench.set.range"), t("workbench.set.range_value", level=s.interval)))
        rows += [
            (t("workbench.set.p_alive"), t("workbench.set.p_alive_value")),
            (t("workbench.set.segments"), t("workbench.set.segments_value")),
            (t("workbench.set.retention"), t("segments.retention_rule")),
            (t("workbench.set.upsell"), t("workbench.set.upsell_value")),
            (t("workbench.set.trust"), self.trust_sentence() or "–"),
            (t("workbench.set.software"), f"clvkit {__version__}"),
            (t("workbench.set.made"), pd.Timestamp.now().strftime("%Y-%m-%d %H:%M")),
        ]
        return rows

    def _require_results(self) -> None:
        if not self.computed:
            raise ClvDataError(text("workbench.not_computed", self.lang))


# ---------------------------------------------------------------------- helpers
def sample_label(lang: str | None = None) -> str:
    """The plain label of the sample the strategy tab uses when no file was uploaded.

    The sample's amounts are US dollars; shown in another currency (roubles on a Russian page),
    the label gives the course's fixed rate they were converted at (not a market rate).
    """
    from .datasets import COURSE_RATES
    from .i18n import currency_symbol, format_number

    lang = resolve_lang(lang)
    code = sample_currency(lang)
    if code == "USD":
        return text("workbench.base_sample", lang, n=2357)
    return text("workbench.base_sample_converted", lang, n=2357,
                rate=f"{format_number(COURSE_RATES[code], lang, decimals=0)} {currency_symbol(code, lang)}")


def strategy_options(workbench: Workbench | None, engine, lang: str | None = None) -> dict:
    """Options of the strategy tab for `engine`: currency, a label naming the base, plain labels, cost range.

    On the uploaded base (when `workbench` has results) amounts are in its currency and the
    label names the file; otherwise the label names the CDNOW sample (US dollars, or roubles at
    the course rate on a Russian page). The cost
    slider reaches about the base's mean order value, so a rouble base gets a rouble range.
    """
    from .i18n import currency_symbol

    lang = resolve_lang(lang)
    computed = workbench is not None and workbench.computed
    code = workbench.settings.currency if computed else sample_currency(lang)
    symbol = currency_symbol(code)
    spend = float(np.nanmean(engine.spend)) if len(engine.spend) else 1.0
    step = 10 ** math.floor(math.log10(max(spend, 1.0)))
    cost_max = float(max(50.0, math.ceil(spend / step) * step))
    return {
        "currency": symbol,
        "base_label": workbench.base_label() if computed else sample_label(lang),
        "labels": {
            "margin_change": text("workbench.strategy.margin_change", lang),
            "cost_once": text("workbench.strategy.cost", lang, currency=symbol),
            "headline": text("workbench.strategy.net_uplift", lang, currency=symbol),
        },
        "cost_max": cost_max,
    }


def _setting(name: str, value, low: float, high: float, *, low_open: bool = False) -> float:
    """A setting typed by the user as a number inside its range, else one sentence in the page's language."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        x = float("nan")
    if isinstance(value, bool) or not math.isfinite(x) or x < low or x > high or (low_open and x == low):
        raise ClvDataError(
            text(
                "workbench.bad_setting",
                name=text(f"workbench.setting.{name}"),
                low=low,
                high=high,
                value=repr(value),
            )
        )
    return x


def _segment_name(segment: str, lang: str) -> str:
    from .segments import segment_name

    return segment_name(segment, lang)


def _is_note(w: warnings.WarningMessage) -> bool:
    from .data.transactions import DataQualityWarning

    return issubclass(w.category, DataQualityWarning)


def _cell(value):
    """A value openpyxl can write: plain Python numbers, naive datetimes, text."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _read_text_head(data: bytes, name: str, suffix: str) -> pd.DataFrame:
    """The first rows of a CSV/TSV file for the preview (the full read is the loader's)."""
    head = data[:_PREVIEW_BYTES]
    sample = None
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            sample = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is not an encoding problem.
            if encoding == "utf-8-sig" and exc.start >= len(head) - 4 and len(data) > len(head):
                sample = head[: exc.start].decode(encoding)
                break
    if sample is None or "\x00" in sample:
        raise ClvDataError(text("workbench.not_text", name=repr(name)))
    lines = sample.splitlines()
    if len(data) > len(head) and len(lines) > 1:
        lines = lines[:-1]  # the last line of the sample may be cut
    lines = [line for line in lines if line.strip()][: _PREVIEW_ROWS + 1]
    if not lines:
        raise ClvDataError(text("workbench.empty", name=repr(name)))
    if suffix == ".tsv":
        sep = "\t"
    else:
        try:
            sep = csv.Sniffer().sniff(lines[0] + "\n", delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines)), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        raise ClvDataError(text("workbench.not_table", name=repr(name))) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(frame.columns) < 3:
        raise ClvDataError(
            text(
                "workbench.few_columns",
                name=repr(name),
                n=len(frame.columns),
                columns=", ".join(map(repr, frame.columns)),
            )
        )
    return frame


def _read_excel_head(path: Path, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, nrows=_PREVIEW_ROWS, dtype=object)
    except ImportError:
        raise ClvDataError(text("workbench.no_openpyxl")) from None
    except Exception:  # noqa: BLE001 - a damaged workbook raises many kinds of errors
        raise ClvDataError(text("workbench.not_excel", name=repr(name))) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(frame.columns) < 3:
        raise ClvDataError(
            text(
                "workbench.few_columns",
                name=repr(name),
                n=len(frame.columns),
                columns=", ".join(map(repr, frame.columns)),
            )
        )
    return frame
