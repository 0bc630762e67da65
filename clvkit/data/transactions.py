"""Load and validate a transaction log: one row per purchase (customer, date, amount).

Every problem raises :class:`clvkit.ClvDataError` with one sentence naming the column,
how many rows, the first offending rows and their values, and the fix. The caller's
data is never modified: the result is a new DataFrame.

Policies where the literature leaves a choice (see docs/decisions.md):

- refunds (negative amounts): ``on_negative="net"`` subtracts each refund from the
  same customer's latest purchase on or before the refund date (the order it most
  likely returns; never below zero) and removes the refund row; ``"drop"`` removes
  refund rows; ``"raise"`` refuses them.
- zero amounts: ``on_zero="keep"`` keeps them as purchase occasions worth 0 (a free
  order is still a visit); ``"drop"`` removes them; ``"raise"`` refuses them.
- exact duplicate rows: ``on_duplicate="warn"`` keeps them (two identical orders on a
  day happen) with a warning; ``"keep"`` keeps them quietly; ``"drop"`` keeps the first
  of each set.
"""

from __future__ import annotations

import csv
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .._checks import check_choice
from .._validate import missing_columns_message
from ..errors import ClvDataError

__all__ = ["load_transactions", "DataQualityWarning"]

_SHOW = 3
_CURRENCY = re.compile(r"[$€£¥₽₴₸₹¢]|\b(?:USD|EUR|GBP|RUB|JPY|CNY|руб|р\.)\b", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y",
    "%m-%d-%Y", "%d.%m.%y", "%d/%m/%y", "%m/%d/%y",
    "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S",
)


class DataQualityWarning(UserWarning):
    """Rows were changed or dropped by a documented policy; the message counts them."""


class _Where:
    """Describes row positions the way the user will find them: file lines or index labels."""

    def __init__(self, index: pd.Index, from_file: bool) -> None:
        self.index = index
        self.from_file = from_file

    def __call__(self, positions: np.ndarray, values) -> str:
        n = len(positions)
        shown = []
        for pos, value in zip(positions[:_SHOW], list(values)[:_SHOW]):
            value = value.item() if isinstance(value, np.generic) else value
            label = self.index[pos]
            label = label.item() if isinstance(label, np.generic) else label
            where = f"line {pos + 2}" if self.from_file else f"index {label!r}"
            shown.append(f"{where}: {value!r}")
        more = ", ..." if n > _SHOW else ""
        noun = "row" if n == 1 else "rows"
        return f"{n} {noun} ({', '.join(shown)}{more})"


def _read_source(source, *, sep, decimal, encoding, sheet_name) -> tuple[pd.DataFrame, bool, str, str | None]:
    """Return (raw table, read from a file?, description, detected decimal)."""
    if isinstance(source, pd.DataFrame):
        return source, False, "DataFrame", None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise ClvDataError(f"No file at {str(path)!r}; check the path (the current folder is {os.getcwd()!r}).")
        if path.is_dir():
            raise ClvDataError(f"{str(path)!r} is a folder, not a file; pass the path of a CSV, Parquet or Excel file.")
        suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
        if suffix in (".parquet", ".pq"):
            try:
                return pd.read_parquet(path), True, str(path), None
            except ImportError:
                raise ClvDataError(
                    "Reading Parquet needs the pyarrow package; install it with `pip install pyarrow`."
                ) from None
        if suffix in (".xlsx", ".xlsm", ".xls"):
            try:
                return pd.read_excel(path, sheet_name=sheet_name, dtype=object), True, str(path), None
            except ImportError:
                raise ClvDataError(
                    "Reading Excel files needs the openpyxl package; install it with `pip install openpyxl`, "
                    "or save the sheet as CSV."
                ) from None
        return _read_csv(path, sep=sep, decimal=decimal, encoding=encoding)
    if isinstance(source, (pd.Series, np.ndarray, list, tuple, dict)):
        raise ClvDataError(
            f"The source is a {type(source).__name__}, not a table; pass a pandas DataFrame or the path "
            f"of a CSV, Parquet or Excel file with one row per purchase."
        )
    raise ClvDataError(
        f"The source must be a pandas DataFrame or a file path; got {type(source).__name__}."
    )


def _read_csv(path: Path, *, sep, decimal, encoding) -> tuple[pd.DataFrame, bool, str, str | None]:
    raw = path.read_bytes()[:65536]
    if encoding is None:
        for candidate in ("utf-8-sig", "cp1251", "latin-1"):
            try:
                sample = raw.decode(candidate)
                encoding = candidate
                break
            except UnicodeDecodeError:
                continue
    else:
        sample = raw.decode(encoding, errors="replace")
    if not sample.strip():
        raise ClvDataError(f"The file {str(path)!r} is empty; it needs a header row and one row per purchase.")
    if sep is None:
        try:
            sep = csv.Sniffer().sniff(sample.splitlines()[0] + "\n", delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
    try:
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                            skipinitialspace=True)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0]
        raise ClvDataError(
            f"The file {str(path)!r} could not be read as a table ({first}); check the delimiter "
            f"(pass sep=',' or sep=';') and that every row has the same number of fields."
        ) from None
    except pd.errors.EmptyDataError:
        raise ClvDataError(f"The file {str(path)!r} is empty; it needs a header row and one row per purchase.") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, True, str(path), decimal


def _parse_amounts(values: pd.Series, *, decimal, strip_currency, where: _Where, col: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(values):
        raise ClvDataError(f"Column {col!r} holds true/false values, not amounts; pass the column with order values.")
    if pd.api.types.is_numeric_dtype(values):
        out = values.to_numpy(dtype=float, na_value=np.nan)
    else:
        text = values.astype("string").str.strip()
        text = text.fillna("")
        has_currency = text.str.contains(_CURRENCY, na=False).to_numpy()
        if has_currency.any():
            if not strip_currency:
                pos = np.flatnonzero(has_currency)
                raise ClvDataError(
                    f"Column {col!r} has currency symbols in {where(pos, text.iloc[pos])}; remove them in the "
                    f"source or pass strip_currency=True to drop them (all amounts must share one currency)."
                )
            text = text.str.replace(_CURRENCY, "", regex=True).str.strip()
        text = text.str.replace(r"[\s\u00a0\u202f']", "", regex=True)
        if decimal is None:
            comma_decimal = text.str.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d+|-?\d+,\d+", na=False)
            dot_decimal = text.str.fullmatch(r"-?\d+\.\d+", na=False) & ~text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+", na=False)
            decimal = "," if comma_decimal.any() and not dot_decimal.any() else "."
        if decimal == ",":
            text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            text = text.str.replace(",", "", regex=False)
        out = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
        empty = (text == "").to_numpy()
        bad_text = np.isnan(out) & ~empty
        if bad_text.any():
            pos = np.flatnonzero(bad_text)
            raise ClvDataError(
                f"Column {col!r} has values that are not numbers in {where(pos, values.iloc[pos])}; "
                f"fix or drop those rows (for a decimal comma pass decimal=',')."
            )
    missing = np.isnan(out)
    if missing.any():
        pos = np.flatnonzero(missing)
        raise ClvDataError(
            f"Column {col!r} is empty in {where(pos, values.iloc[pos])}; fill in the amounts or drop those rows."
        )
    infinite = ~np.isfinite(out)
    if infinite.any():
        pos = np.flatnonzero(infinite)
        raise ClvDataError(
            f"Column {col!r} has infinite amounts in {where(pos, values.iloc[pos])}; fix or drop those rows."
        )
    return out


def _parse_dates(values: pd.Series, *, date_format, dayfirst, where: _Where, col: str) -> pd.Series:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = values.dt.tz_localize(None)
    elif pd.api.types.is_datetime64_any_dtype(values):
        parsed = values.astype("datetime64[ns]")
    else:
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            as_int = values.to_numpy(dtype=float, na_value=np.nan)
            if np.all(np.isnan(as_int) | ((as_int >= 19000101) & (as_int <= 21001231))):
                values = pd.Series(
                    np.where(np.isnan(as_int), "", np.nan_to_num(as_int).astype(np.int64).astype(str)),
                    index=values.index,
                )
                date_format = date_format or "%Y%m%d"
            else:
                pos = np.flatnonzero(~np.isnan(as_int))[:_SHOW]
                raise ClvDataError(
                    f"Column {col!r} holds plain numbers, not dates ({where(pos, values.iloc[pos])}); "
                    f"convert them to dates first or pass date_format (e.g. '%Y%m%d')."
                )
        text = values.astype("string").str.strip().fillna("")
        empty = (text == "").to_numpy()
        if empty.any():
            pos = np.flatnonzero(empty)
            raise ClvDataError(
                f"Column {col!r} is empty in {where(pos, values.iloc[pos])}; fill in the purchase dates or drop those rows."
            )
        if date_format is not None:
            parsed = pd.to_datetime(text, format=date_format, errors="coerce")
            bad = parsed.isna().to_numpy()
            if bad.any():
                pos = np.flatnonzero(bad)
                raise ClvDataError(
                    f"Column {col!r} does not match date_format={date_format!r} in {where(pos, values.iloc[pos])}; "
                    f"fix those rows or pass the right date_format."
                )
        else:
            parsed = _guess_dates(text, dayfirst=dayfirst, where=where, col=col, original=values)
    bad = parsed.isna().to_numpy()
    if bad.any():
        pos = np.flatnonzero(bad)
        raise ClvDataError(
            f"Column {col!r} has missing dates in {where(pos, values.iloc[pos])}; fill them in or drop those rows."
        )
    return parsed


def _guess_dates(text: pd.Series, *, dayfirst, where: _Where, col: str, original: pd.Series) -> pd.Series:
    iso = pd.to_datetime(text, format="ISO8601", errors="coerce")
    if not iso.isna().any() and text.str.match(r"^\d{4}").all():
        return iso
    candidates = {}
    fewest_bad, best = None, None
    for fmt in _DATE_FORMATS:
        if dayfirst is True and "%m/%d" in fmt or dayfirst is False and "%d/%m" in fmt:
            continue
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        n_bad = int(parsed.isna().sum())
        if n_bad == 0:
            candidates[fmt] = parsed
        if fewest_bad is None or n_bad < fewest_bad:
            fewest_bad, best = n_bad, parsed
    if not candidates:
        pos = np.flatnonzero(best.isna().to_numpy())
        raise ClvDataError(
            f"Column {col!r} has values that are not dates in {where(pos, original.iloc[pos])}; fix those rows "
            f"or pass date_format (e.g. '%d.%m.%Y')."
        )
    first_fmt, first = next(iter(candidates.items()))
    for fmt, other in candidates.items():
        if not other.equals(first):
            raise ClvDataError(
                f"Column {col!r} has ambiguous dates such as {text.iloc[0]!r} that read both as {first_fmt!r} "
                f"and as {fmt!r}; pass date_format (e.g. date_format='%d/%m/%Y') or dayfirst=True/False."
            )
    return first


def _rows(n: int, noun: str) -> str:
    """'1 refund row', '3 refund rows'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _warn(message: str) -> None:
    warnings.warn(message, DataQualityWarning, stacklevel=3)


def load_transactions(
    source,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    keep: list[str] | tuple[str, ...] | None = None,
    date_format: str | None = None,
    dayfirst: bool | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet_name: str | int = 0,
    strip_currency: bool = False,
    on_negative: str = "net",
    on_zero: str = "keep",
    on_duplicate: str = "warn",
) -> pd.DataFrame:
    """Read and validate a transaction log; return a new, clean DataFrame.

    Parameters
    ----------
    source : DataFrame or path
        A DataFrame, or the path of a CSV (delimiter and decimal comma detected),
        Parquet or Excel file (Excel needs openpyxl). One row per purchase.
    customer_col, date_col, amount_col : str
        Names of the customer id, purchase date and order value columns in `source`.
    keep : list of str, optional
        Further columns to carry along (e.g. ``["channel"]``).
    date_format : str, optional
        strftime format of the dates, e.g. ``"%d.%m.%Y"``; guessed when omitted, and
        ambiguous day/month orders are refused rather than guessed.
    dayfirst : bool, optional
        Resolve day/month ambiguity without a full format.
    sep, decimal, encoding : str, optional
        CSV delimiter, decimal mark ("." or ",") and text encoding; detected when omitted.
    sheet_name : str or int
        Excel sheet to read.
    strip_currency : bool
        Remove currency symbols such as "$" or "₽" from amounts instead of refusing them.
    on_negative : {"net", "drop", "raise"}
        What to do with refunds (negative amounts); see the module docstring.
    on_zero : {"keep", "drop", "raise"}
        What to do with zero amounts.
    on_duplicate : {"warn", "keep", "drop"}
        What to do with rows that repeat another row exactly: keep them with a
        warning, keep them quietly, or drop the repeats.

    Returns
    -------
    DataFrame
        Columns customer_id, date (datetime64), amount (float) and the `keep`
        columns, sorted by customer and date, with a fresh index. Policies that change
        rows emit a :class:`DataQualityWarning` that counts what changed.

    Raises
    ------
    ClvDataError
        With one sentence naming the column, the rows and the fix.

    Examples
    --------
    >>> import pandas as pd, clvkit as ck
    >>> raw = pd.DataFrame({"client": ["a", "a", "b"], "day": ["2024-01-05", "2024-02-01", "2024-01-20"],
    ...                     "total": [20.0, 35.5, 12.0]})
    >>> ck.load_transactions(raw, customer_col="client", date_col="day", amount_col="total")
      customer_id       date  amount
    0           a 2024-01-05    20.0
    1           a 2024-02-01    35.5
    2           b 2024-01-20    12.0
    """
    check_choice("on_negative", on_negative, ("net", "drop", "raise"))
    check_choice("on_zero", on_zero, ("keep", "drop", "raise"))
    check_choice("on_duplicate", on_duplicate, ("warn", "keep", "drop"))
    if decimal is not None:
        check_choice("decimal", decimal, (".", ","))
    keep = list(keep or [])
    frame, from_file, description, decimal_hint = _read_source(
        source, sep=sep, decimal=decimal, encoding=encoding, sheet_name=sheet_name
    )
    decimal = decimal or decimal_hint
    if not isinstance(frame, pd.DataFrame):  # e.g. read_excel with sheet_name=None
        raise ClvDataError("Pass one sheet name (sheet_name='Orders'), not several; one table is read at a time.")
    what = f"transaction table ({description})"
    wanted = [customer_col, date_col, amount_col, *keep]
    missing = [c for c in dict.fromkeys(wanted) if c not in frame.columns]
    if missing:
        raise ClvDataError(missing_columns_message(missing, list(frame.columns), what))
    if len(frame) == 0:
        raise ClvDataError(f"The {what} has no rows; it needs one row per purchase.")
    where = _Where(frame.index, from_file)

    ids = frame[customer_col]
    if pd.api.types.is_object_dtype(ids) or pd.api.types.is_string_dtype(ids):
        stripped = ids.astype("string").str.strip()
        missing_id = (stripped.isna() | (stripped == "")).to_numpy()
        ids = stripped.astype(object).where(~missing_id, None)
    else:
        missing_id = ids.isna().to_numpy()
    if missing_id.any():
        pos = np.flatnonzero(missing_id)
        raise ClvDataError(
            f"Column {customer_col!r} has no customer id in {where(pos, frame[customer_col].iloc[pos])}; "
            f"fill in the ids or drop those rows (anonymous purchases cannot be followed over time)."
        )
    if pd.api.types.is_float_dtype(ids) and np.all(ids.to_numpy() == np.round(ids.to_numpy())):
        ids = ids.astype(np.int64)

    dates = _parse_dates(frame[date_col], date_format=date_format, dayfirst=dayfirst, where=where, col=date_col)
    amounts = _parse_amounts(frame[amount_col], decimal=decimal, strip_currency=strip_currency, where=where, col=amount_col)

    out = pd.DataFrame(
        {
            "customer_id": ids.to_numpy(),
            "date": dates.to_numpy(dtype="datetime64[ns]"),
            "amount": amounts,
        }
    )
    for col in keep:
        if col in ("customer_id", "date", "amount"):
            continue
        out[col] = frame[col].to_numpy()
    out["_row"] = np.arange(len(out))

    negative = out["amount"].to_numpy() < 0
    if negative.any():
        pos = np.flatnonzero(negative)
        if on_negative == "raise":
            raise ClvDataError(
                f"Column {amount_col!r} has negative amounts (refunds) in {where(pos, amounts[pos])}; "
                f"pass on_negative='net' to subtract them from the order they return, or 'drop'."
            )
        if on_negative == "drop":
            out = out.loc[~negative]
            _warn(f"Dropped {_rows(len(pos), 'refund row')} (negative amounts, {-amounts[pos].sum():,.2f} in all).")
        else:
            out = _net_refunds(out, negative)

    zero = out["amount"].to_numpy() == 0
    if zero.any():
        if on_zero == "raise":
            pos = out["_row"].to_numpy()[zero]
            raise ClvDataError(
                f"Column {amount_col!r} has zero amounts in {where(pos, np.zeros(len(pos)))}; pass on_zero='keep' "
                f"to count them as purchases worth 0, or 'drop'."
            )
        if on_zero == "drop":
            out = out.loc[~zero]
            _warn(f"Dropped {_rows(int(zero.sum()), 'row')} with a zero amount (on_zero='drop').")

    value_cols = [c for c in out.columns if c != "_row"]
    dup = out.duplicated(subset=value_cols, keep="first").to_numpy()
    if dup.any():
        if on_duplicate == "drop":
            out = out.loc[~dup]
            _warn(f"Dropped {_rows(int(dup.sum()), 'row')} that repeat another row exactly (on_duplicate='drop').")
        elif on_duplicate == "warn":
            _warn(
                f"{_rows(int(dup.sum()), 'row')} repeat another row exactly (same customer, date and amount); kept "
                f"as separate purchases: pass on_duplicate='drop' if your export double-counts orders, or 'keep' to silence this."
            )

    if len(out) == 0:
        raise ClvDataError(
            f"No purchases are left in the {what} after applying on_negative={on_negative!r} and "
            f"on_zero={on_zero!r}; check the amount column."
        )
    out = out.sort_values(["customer_id", "date", "_row"], kind="stable").drop(columns="_row").reset_index(drop=True)
    out.attrs = {"clvkit_validated": True, "source": description}
    return out


def _net_refunds(out: pd.DataFrame, negative: np.ndarray) -> pd.DataFrame:
    """Subtract each refund from the same customer's latest purchase on or before it."""
    purchases = out.loc[~negative]
    refunds = out.loc[negative]
    matched = pd.merge_asof(
        refunds.sort_values("date")[["customer_id", "date", "amount", "_row"]].rename(columns={"_row": "_refund"}),
        purchases.sort_values("date")[["customer_id", "date", "_row"]],
        on="date",
        by="customer_id",
        direction="backward",
    )
    unmatched = matched["_row"].isna().to_numpy()
    credit = matched.loc[~unmatched].groupby("_row")["amount"].sum()
    purchases = purchases.copy()
    rows = purchases.set_index("_row")
    new_amounts = rows["amount"].add(credit, fill_value=0.0).reindex(rows.index)
    clipped = int((new_amounts < 0).sum())
    purchases["amount"] = np.maximum(new_amounts.to_numpy(), 0.0)
    message = f"Netted {_rows(int((~unmatched).sum()), 'refund row')} against the orders they follow"
    if unmatched.any():
        message += f"; dropped {_rows(int(unmatched.sum()), 'refund')} with no earlier purchase by the same customer"
    if clipped:
        message += f"; {_rows(clipped, 'order')} refunded more than their value now count as 0"
    _warn(message + " (on_negative='net').")
    return purchases
