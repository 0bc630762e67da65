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
  of each set. Rows are compared as read (customer, date, amount and the kept columns),
  before refunds are netted, so a refund exported twice is not credited twice when dropped.
- money written as text: separators are decided from the whole column; a column that
  reads two ways (only ``1.234``-like values) is refused with both readings.
- dates: the local calendar day of each timestamp is kept (offsets are dropped, not
  applied); dates outside ``date_range`` are refused with their rows.
- ids: never merged; whole-number floats become integers only while a float holds them
  exactly, text otherwise, with a warning when precision was already lost.

Reading the file is :mod:`clvkit.data._read`; parsing the columns :mod:`clvkit.data._parse`.
"""

from __future__ import annotations

import sys
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
    if date_col not in keep and date_col not in (customer_col, amount_col):
        table.columns[date_col] = None  # the text as read is no longer needed: free it before the next column
        _release_text_memory()
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
    _release_text_memory()
    extra = [table.columns[col] for col in keep if col not in ("customer_id", "date", "amount")]
    if sort:
        codes, ids_at = _id_codes(ids)
        order = _order(codes, dates)
        dup = _sorted_duplicates([ids, dates, amounts, *extra], codes, dates, order) if on_duplicate != "keep" else None
        id_column = ids_at(codes if order is None else codes[order])
        codes = None
    else:
        order = None
        # before the frame is built: the scan's scratch and the frame's copy of the ids are never held together
        dup = _duplicates([ids, dates, amounts, *extra]) if on_duplicate != "keep" else None
        _trim_heap()  # the scan's scratch stays resident otherwise, beside the ids' copy made next
        id_column = _plain_column(ids, None)
    ids = extra = None  # the column holds its own copy of the ids now
    _release_text_memory()  # and the scan's scratch, before the frame's columns are allocated
    out = pd.DataFrame({"customer_id": id_column,
                        "date": dates if order is None else dates[order],
                        "amount": amounts if order is None else amounts[order]}, copy=False)
    for col in keep:
        if col in ("customer_id", "date", "amount"):
            continue
        out[col] = _plain_column(table.columns[col], order)
    out["_row"] = np.arange(len(out), dtype=np.int32 if len(out) < 2**31 else np.int64) if order is None else order
    n_dup = 0 if dup is None else int(dup.sum())
    if n_dup and on_duplicate == "drop":
        out = out.loc[~(dup if order is None else dup[order])]  # before refunds: a repeated refund counts once
    dup = None

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
    if n_dup:
        _warn(text("data.duplicates_dropped" if on_duplicate == "drop" else "data.duplicates_kept", n=n_dup))
    del out["_row"]  # in place: dropping by label would copy every column
    if not (isinstance(out.index, pd.RangeIndex) and out.index.start == 0 and out.index.step == 1):
        out.index = pd.RangeIndex(len(out))  # in place: reset_index would copy every column
    out.attrs = {"clvkit_validated": True, "source": table.description}
    return out


def _release_text_memory() -> None:
    """Hand the memory of the freed text columns back to the operating system.

    pyarrow's allocator keeps freed blocks for its own reuse, but the columns built from
    here on are numpy's: without this, the text read from the file (about the file's size)
    would stay resident to the end of the load.
    """
    import sys

    pa = sys.modules.get("pyarrow")
    if pa is not None:
        pa.default_memory_pool().release_unused()
    _trim_heap()


_MALLOC_TRIM: object = None  # glibc's malloc_trim once looked up, False where there is none


def _trim_heap() -> None:
    """Hand the C heap's freed blocks back to the operating system (Linux with glibc; elsewhere nothing).

    glibc serves an allocation below its mmap threshold from the heap and keeps it there when it is
    freed; the threshold rises to the size of the largest block freed, so after the duplicate scan
    its scratch arrays (tens of MB) stay resident beside the frame built next. Trimming costs a
    walk of the heap's free list, a millisecond.
    """
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        _MALLOC_TRIM = False
        if sys.platform.startswith("linux"):
            import ctypes

            try:
                _MALLOC_TRIM = ctypes.CDLL(None).malloc_trim
            except (OSError, AttributeError):  # another C library (musl) has no malloc_trim
                pass
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


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


_HASH_BLOCK = 1 << 17  # rows hashed at a time by _duplicates (1 MB a column)


def _sorted_duplicates(columns: list, codes: np.ndarray, dates: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """`_duplicates` when the log is sorted anyway: by row of the file, True for a repeat.

    Two equal rows have the same customer and the same timestamp, so in the order by
    customer, time and row they sit in one run of equal (customer, time): only rows in such
    runs (a few in a thousand in an ordinary log) are compared exactly.
    """
    n = len(codes)
    dup = np.zeros(n, dtype=bool)
    if n < 2:
        return dup
    customer = codes if order is None else codes[order]
    time = dates.view(np.int64) if order is None else dates.view(np.int64)[order]
    same = customer[1:] == customer[:-1]
    same &= time[1:] == time[:-1]
    customer = time = None
    if not same.any():
        return dup
    candidate = np.zeros(n, dtype=bool)
    candidate[1:] = same
    candidate[:-1] |= same
    positions = np.flatnonzero(candidate) if order is None else np.sort(order[candidate])
    dup[positions] = _exact_repeats(columns, positions)
    return dup


def _duplicates(columns: list) -> np.ndarray:
    """Rows that repeat an earlier row exactly (the first of each set is not counted), by row of the file.

    `columns` are the parsed columns as read (arrow text, numpy arrays or Series), all of one length.
    """
    n = len(columns[0])
    dup = np.zeros(n, dtype=bool)
    if n < 2:
        return dup
    from ._bytes import mix

    # A cheap 32-bit hash of every row finds the candidates; only they are compared exactly
    # (32 bits, not 64: the array is half the size, and the few thousand rows that share a
    # hash by chance on a log of millions cost nothing to compare).
    # Hashed a block of rows at a time: the temporaries stay small and in cache.
    left = np.empty(n, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for lo in range(0, n, _HASH_BLOCK):
            hi = min(n, lo + _HASH_BLOCK)
            part = np.zeros(hi - lo, dtype=np.uint64)
            for column in columns:
                part *= np.uint64(0x100000001B3)
                part ^= _column_hash(_rows(column, lo, hi))
            left[lo:hi] = mix(part) >> np.uint64(32)
    # The hash values that occur more than once, from one sort of the hashes (a copy of 4 bytes a row:
    # the smaller footprint of the ways tried, and no slower than counting in buckets).
    ordered = np.sort(left)
    same = ordered[1:] == ordered[:-1]
    repeated = np.unique(ordered[1:][same])
    del ordered, same
    if not len(repeated):
        return dup
    # Rows holding one of those values: a table of 2^22 flags on the top bits of the hash finds the
    # candidates a block at a time (a gather, not a search), then the few candidates are matched exactly.
    table = np.zeros(1 << 22, dtype=bool)
    table[repeated >> np.uint32(10)] = True
    hit = np.empty(n, dtype=bool)
    for lo in range(0, n, _HASH_BLOCK):
        np.take(table, left[lo:lo + _HASH_BLOCK] >> np.uint32(10), out=hit[lo:lo + _HASH_BLOCK])
    del table
    positions = np.flatnonzero(hit)
    del hit
    positions = positions[np.isin(left[positions], repeated)]
    if len(positions):
        dup[positions] = _exact_repeats(columns, positions)
    return dup


def _rows(column, lo: int, hi: int):
    """Rows lo..hi of a column as read, without copying."""
    if isinstance(column, pd.Series):
        return column.iloc[lo:hi]
    if isinstance(column, np.ndarray):
        return column[lo:hi]
    return column.slice(lo, hi - lo)  # pyarrow


def _take(column, positions: np.ndarray):
    """The values at sorted positions, chunk by chunk for pyarrow (a take across chunks would copy them all)."""
    if isinstance(column, pd.Series):
        arrow = getattr(column.array, "_pa_array", None)
        if arrow is None:
            return column.to_numpy()[positions]
        column = arrow
    if isinstance(column, np.ndarray):
        return column[positions]
    import pyarrow as pa

    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    starts = np.cumsum([0] + [len(c) for c in chunks])
    which = np.searchsorted(starts, positions, side="right") - 1
    pieces = [chunks[k].take(pa.array(positions[which == k] - starts[k])).to_pylist() for k in np.unique(which)]
    return np.array([v for piece in pieces for v in piece], dtype=object)


def _exact_repeats(columns: list, positions: np.ndarray) -> np.ndarray:
    """Among the rows at sorted `positions`, those that repeat an earlier one of them exactly."""
    frame = pd.DataFrame({k: _take(column, positions) for k, column in enumerate(columns)})
    return frame.duplicated(keep="first").to_numpy()


def _column_hash(column) -> np.ndarray:
    """Equal values -> equal 64-bit numbers, for any column as read (Series, numpy or pyarrow)."""
    arrow = None
    if isinstance(column, pd.Series):
        arrow = getattr(column.array, "_pa_array", None)
        values = column.to_numpy() if arrow is None else None
    elif isinstance(column, np.ndarray):
        values = column
    else:
        arrow = column
        values = None
    if arrow is not None:
        import pyarrow as pa

        if pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type):
            from ._bytes import text_hash

            nulls = arrow.is_null().to_numpy(zero_copy_only=False)
            return text_hash(arrow) ^ np.where(nulls, np.uint64(1), np.uint64(0))
        values = arrow.to_numpy(zero_copy_only=False)
    if values.dtype.kind in "iumM":
        return values.view(np.uint64) if values.dtype.itemsize == 8 else values.astype(np.int64).view(np.uint64)
    if values.dtype.kind == "f":
        return (values + 0.0).astype(np.float64, copy=False).view(np.uint64)  # + 0.0 makes -0.0 equal to 0.0
    return pd.util.hash_array(np.asarray(values, dtype=object))


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
