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
- money written as text: separators are decided from the whole column; a column that
  reads two ways (only ``1.234``-like values) is refused with both readings.
- dates: the local calendar day of each timestamp is kept (offsets are dropped, not
  applied); dates outside ``date_range`` are refused with their rows.
- ids: never merged; whole-number floats become integers only while a float holds them
  exactly, text otherwise, with a warning when precision was already lost.

Reading the file is :mod:`clvkit.data._read`; parsing the columns :mod:`clvkit.data._parse`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ._frame import check_choice
from ._parse import DEFAULT_DATE_RANGE, parse_amounts, parse_dates, parse_ids
from ._read import read_source

__all__ = ["load_transactions", "as_transactions", "DataQualityWarning"]


class DataQualityWarning(UserWarning):
    """Rows were changed or dropped by a documented policy; the message counts them."""


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
    date_range: tuple | None = DEFAULT_DATE_RANGE,
    sep: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    encoding: str | None = None,
    sheet_name: str | int = 0,
    header_row: int | None = None,
    strip_currency: bool = True,
    sort: bool = False,
    on_negative: str = "net",
    on_zero: str = "keep",
    on_duplicate: str = "warn",
) -> pd.DataFrame:
    """Read and validate a transaction log; return a new, clean DataFrame.

    Parameters
    ----------
    source : DataFrame or path
        A DataFrame, or the path of a CSV or other delimited text file (encoding,
        delimiter, header row and number style detected), an Excel workbook (``.xlsx``,
        needs openpyxl) or a Parquet file. One row per purchase.
    customer_col, date_col, amount_col : str
        Names of the customer id, purchase date and order value columns in `source`.
    keep : list of str, optional
        Further columns to carry along (e.g. ``["channel"]``).
    date_format : str, optional
        strftime format of the dates, e.g. ``"%d.%m.%Y"``; decided from the whole column
        when omitted (ISO 8601, ``05.01.2024``, ``01/05/2024``, ``20240105``, Excel serial
        day numbers such as ``45296``); ambiguous day/month orders are refused.
    dayfirst : bool, optional
        Settle day/month order without a full format.
    date_range : (date-like, date-like) or None
        Plausible purchase dates, both ends included; a date outside (a year typo such as
        2924) is refused with its line. Default 1970-01-01 to 2100-12-31; None allows
        every date a ``datetime64[ns]`` holds (1677-09-22 to 2262-04-11).
    sep : str, optional
        Delimiter of a text file; found from its first lines when omitted.
    decimal, thousands : {".", ","}, optional
        Decimal mark and thousands separator of amounts written as text; decided from the
        whole column when omitted. Spaces, no-break spaces and apostrophes are always
        read as thousands separators.
    encoding : str, optional
        Text encoding of a file; decided from the whole file when omitted (UTF-8 with or
        without a byte-order mark, UTF-16, Windows-1251).
    sheet_name : str or int
        Excel sheet to read.
    header_row : int, optional
        The file's line (the sheet's row) that holds the column names, counted from 1 as
        a text editor or Excel shows it; found as the first row holding the three
        column names when omitted, so a title block above the table is skipped.
    strip_currency : bool
        Read currency signs and words (``$``, ``₽``, ``руб.``, ``USD``...) away from
        amounts; a column mixing two currencies is refused. False refuses any currency mark.
    sort : bool
        Sort the rows by customer, then time, then source order. By default the rows keep
        the order of the source (sorting text ids costs more than reading the file, and no
        clvkit function needs it).
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
        Columns customer_id, date (datetime64[ns], the local wall-clock time), amount
        (float) and the `keep` columns, in the order of the source (or sorted, see
        `sort`), with a fresh index.
        Policies that change rows emit a :class:`DataQualityWarning` that counts what changed.

    Raises
    ------
    ClvDataError
        With one sentence naming the column, the rows (file lines for files) and the fix.

    Examples
    --------
    >>> import pandas as pd, clvkit as ck
    >>> raw = pd.DataFrame({"client": ["a", "a", "b"], "day": ["2024-01-05", "2024-02-01", "2024-01-20"],
    ...                     "total": ["1 234,50 ₽", "35,5 ₽", "12 ₽"]})
    >>> ck.load_transactions(raw, customer_col="client", date_col="day", amount_col="total")
      customer_id       date  amount
    0           a 2024-01-05  1234.5
    1           a 2024-02-01    35.5
    2           b 2024-01-20    12.0
    """
    check_choice("on_negative", on_negative, ("net", "drop", "raise"))
    check_choice("on_zero", on_zero, ("keep", "drop", "raise"))
    check_choice("on_duplicate", on_duplicate, ("warn", "keep", "drop"))
    if decimal is not None:
        check_choice("decimal", decimal, (".", ","))
    if thousands is not None:
        check_choice("thousands", thousands, (".", ",", " ", "'"))
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1):
        raise ClvDataError(text("data.bad_sep", value=repr(sep)))
    keep = list(keep or [])
    wanted = [customer_col, date_col, amount_col, *keep]
    table = read_source(source, wanted=wanted, sep=sep, encoding=encoding, sheet_name=sheet_name,
                        header_row=header_row)
    what = text("data.what_source", source=table.description)
    if table.n_rows == 0:
        raise ClvDataError(text("data.no_rows", what=what))
    where = table.where

    ids, lost = parse_ids(table.columns[customer_col], col=customer_col, where=where)
    if lost:
        _warn(text("data.ids_lost_precision", col=repr(customer_col), n=lost))
    dates = parse_dates(table.columns[date_col], col=date_col, where=where, date_format=date_format,
                        dayfirst=dayfirst, date_range=date_range)
    amounts = parse_amounts(table.columns[amount_col], col=amount_col, where=where, decimal=decimal,
                            thousands=thousands, strip_currency=strip_currency)
    raw_amounts = table.columns[amount_col]
    missing = np.isnan(amounts)
    if missing.any():
        pos = np.flatnonzero(missing)
        raise ClvDataError(text("data.amount_missing", col=repr(amount_col), rows=where(pos, _values(raw_amounts))))
    infinite = ~np.isfinite(amounts)
    if infinite.any():
        pos = np.flatnonzero(infinite)
        raise ClvDataError(text("data.amount_infinite", col=repr(amount_col),
                                rows=where(pos, _values(raw_amounts))))

    # The text as read is no longer needed (messages from here on quote parsed values): free it.
    for col in {customer_col, date_col, amount_col} - set(keep):
        table.columns[col] = None
    raw_amounts = None
    if sort:
        codes, ids_at = _id_codes(ids)
        order = _order(codes, dates)
        id_column = ids_at(codes if order is None else codes[order])
    else:
        order, id_column = None, _plain_column(ids, None)
    out = pd.DataFrame({"customer_id": id_column,
                        "date": dates if order is None else dates[order],
                        "amount": amounts if order is None else amounts[order]}, copy=False)
    for col in keep:
        if col in ("customer_id", "date", "amount"):
            continue
        out[col] = _plain_column(table.columns[col], order)
    out["_row"] = np.arange(len(out), dtype=np.int32 if len(out) < 2**31 else np.int64) if order is None else order

    negative = out["amount"].to_numpy() < 0
    if negative.any():
        pos = np.sort(out["_row"].to_numpy()[negative])
        if on_negative == "raise":
            raise ClvDataError(text("data.refunds_refused", col=repr(amount_col), rows=where(pos, amounts[pos])))
        if on_negative == "drop":
            out = out.loc[~negative]
            _warn(text("data.refunds_dropped", n=len(pos), total=float(-amounts[pos].sum())))
        else:
            out = _net_refunds(out, negative)

    zero = out["amount"].to_numpy() == 0
    if zero.any():
        if on_zero == "raise":
            pos = np.sort(out["_row"].to_numpy()[zero])
            raise ClvDataError(text("data.zero_refused", col=repr(amount_col), rows=where(pos, np.zeros(len(pos)))))
        if on_zero == "drop":
            out = out.loc[~zero]
            _warn(text("data.zero_dropped", n=int(zero.sum())))

    if len(out) == 0:
        raise ClvDataError(text("data.nothing_left", what=what, on_negative=repr(on_negative),
                                on_zero=repr(on_zero)))
    dup = _duplicates(out) if on_duplicate != "keep" else np.zeros(0, dtype=bool)  # "keep" needs no scan
    if dup.any():
        if on_duplicate == "drop":
            out = out.loc[~dup]
            _warn(text("data.duplicates_dropped", n=int(dup.sum())))
        elif on_duplicate == "warn":
            _warn(text("data.duplicates_kept", n=int(dup.sum())))
    del out["_row"]  # in place: dropping by label would copy every column
    out = out.reset_index(drop=True)
    out.attrs = {"clvkit_validated": True, "source": table.description}
    return out


def as_transactions(tx) -> pd.DataFrame:
    """Accept a validated log cheaply; validate any other DataFrame with load_transactions."""
    if (
        isinstance(tx, pd.DataFrame)
        and {"customer_id", "date", "amount"} <= set(tx.columns)
        and pd.api.types.is_datetime64_dtype(tx["date"])
        and pd.api.types.is_float_dtype(tx["amount"])
        and len(tx) > 0
        and not tx["customer_id"].isna().any()
        and not tx["date"].isna().any()
        and np.isfinite(tx["amount"].to_numpy()).all()
        and (tx["amount"].to_numpy() >= 0).all()
    ):
        return tx
    if isinstance(tx, pd.DataFrame):
        return load_transactions(tx)
    raise ClvDataError(text("data.not_a_log", got=type(tx).__name__))


def _values(column):
    """The raw cells of a column at given positions, for messages."""
    from ._parse import _taker

    return _taker(column)


def _id_codes(ids):
    """(codes, ids_at): integer codes that sort like the ids, and codes -> the id column.

    Sorting and comparing small integers instead of text is what keeps a large log fast.
    """
    if isinstance(ids, pd.Series):
        codes, uniques = pd.factorize(ids, sort=True)
        uniques = np.asarray(uniques, dtype=object) if uniques.dtype == object else np.asarray(uniques)
        return codes.astype(np.int64), lambda c: uniques[c]
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(ids)
    if isinstance(encoded, pa.ChunkedArray):
        if encoded.num_chunks == 0:
            encoded = pa.chunked_array([pa.array([], pa.string())]).combine_chunks()
            encoded = pc.dictionary_encode(encoded)
        else:
            encoded = encoded.unify_dictionaries()
            dictionary = encoded.chunk(0).dictionary
            indices = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in encoded.chunks])
    if isinstance(encoded, pa.DictionaryArray):
        dictionary = encoded.dictionary
        indices = encoded.indices.to_numpy(zero_copy_only=False)
    by_text = pc.array_sort_indices(dictionary).to_numpy()
    rank = np.empty(len(by_text), dtype=np.int64)
    rank[by_text] = np.arange(len(by_text))
    codes = rank[indices]
    ordered = dictionary.take(pa.array(by_text))
    return codes, lambda c: ordered.take(pa.array(c)).to_pandas()


def _order(codes: np.ndarray, dates: np.ndarray) -> np.ndarray | None:
    """Stable order by customer code, then time, then row; None when the log is already in that order."""
    n = len(codes)
    if n < 2:
        return None
    t = dates.view(np.int64)
    low = int(t.min())
    step = 86_400 * 10**9
    for candidate in (86_400 * 10**9, 10**9, 1):  # the coarsest clock that holds every timestamp exactly
        step = candidate
        if not ((t - low) % step).any():
            break
    ticks = (t - low) // step
    bits_code, bits_time, bits_row = (int(x).bit_length() for x in (codes.max(), ticks.max(), n - 1))
    if bits_code + bits_time + bits_row <= 63:
        # One unique integer per row (customer, time, row): a plain sort is stable by construction.
        key = (codes << (bits_time + bits_row)) | (ticks << bits_row) | np.arange(n, dtype=np.int64)
        if np.all(key[1:] > key[:-1]):
            return None
        key.sort()
        return key & ((1 << bits_row) - 1)
    if np.all((codes[1:] > codes[:-1]) | ((codes[1:] == codes[:-1]) & (t[1:] >= t[:-1]))):
        return None
    return np.lexsort((t, codes))


def _plain_column(values, order):
    """A column for the log: numpy for DataFrame columns, pandas' own text type for text read from files."""
    if isinstance(values, pd.Series):
        column = values.to_numpy()
        return column if order is None else column[order]
    column = values.to_pandas()
    return column if order is None else column.take(order).reset_index(drop=True)


def _duplicates(out: pd.DataFrame) -> np.ndarray:
    """Rows that repeat an earlier row exactly (the first of each set is not counted)."""
    n = len(out)
    value_cols = [c for c in out.columns if c != "_row"]
    if n < 2:
        return np.zeros(n, dtype=bool)
    # A cheap 64-bit hash of every row finds the candidates; only they are compared exactly.
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for col in value_cols:
            h *= np.uint64(0x100000001B3)
            h ^= _column_hash(out[col])
    from ._bytes import mix

    h = mix(h)
    dup = np.zeros(n, dtype=bool)
    # Rows whose hash shares a bucket with another row, bucket by bucket on 22-bit slices of the hash:
    # each pass keeps only rows that collide, so the work shrinks fast and nothing is sorted.
    positions, left = None, h
    for shift in (0, 22, 44):
        buckets = 1 << min(22, max(10, int(2 * len(left)).bit_length()))  # about two buckets per row
        key = np.right_shift(left, np.uint64(shift))
        key &= np.uint64(buckets - 1)
        key = key.view(np.int64)
        counts = np.bincount(key, minlength=buckets)
        np.take(counts, key, out=key)
        shared = key > 1
        positions = np.flatnonzero(shared) if positions is None else positions[shared]
        left = left[shared]
        if not len(positions):
            return dup
    values, inverse, counts = np.unique(left, return_inverse=True, return_counts=True)
    positions = positions[counts[inverse] > 1]
    if not len(positions):
        return dup
    candidate = np.zeros(n, dtype=bool)
    candidate[positions] = True
    if candidate.any():
        dup[np.flatnonzero(candidate)] = out.loc[candidate, value_cols].duplicated(keep="first").to_numpy()
    return dup


def _column_hash(column: pd.Series) -> np.ndarray:
    """Equal values -> equal 64-bit numbers, for any column of the log."""
    values = column.to_numpy() if not isinstance(column.dtype, pd.StringDtype) else None
    if values is not None and values.dtype.kind in "iumM":
        return values.view(np.uint64) if values.dtype.itemsize == 8 else values.astype(np.int64).view(np.uint64)
    if values is not None and values.dtype.kind == "f":
        return (values + 0.0).astype(np.float64, copy=False).view(np.uint64)  # + 0.0 makes -0.0 equal to 0.0
    arrow = getattr(column.array, "_pa_array", None)
    if arrow is not None:
        from ._bytes import text_hash

        import pyarrow as pa

        if pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type):
            return text_hash(arrow) ^ np.where(column.isna().to_numpy(), np.uint64(1), np.uint64(0))
    return pd.util.hash_array(np.asarray(column, dtype=object))


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
    message = text("data.refunds_netted", n=int((~unmatched).sum()))
    if unmatched.any():
        message += text("data.refunds_unmatched", n=int(unmatched.sum()))
    if clipped:
        message += text("data.refunds_clipped", n=clipped)
    _warn(message + text("data.refunds_netted_end"))
    return purchases
