"""Reading the raw table of a transaction log: DataFrames, CSV/text exports, Excel and Parquet.

Text files are decoded with an encoding decided from the whole file (UTF-8 with or
without a byte-order mark, UTF-16 as Excel's "Unicode text" writes it, or Windows-1251),
their delimiter and header row are found from many lines (a title block above the column
names, as 1C reports have, is skipped), and every row keeps the file's own line number
for messages, also after quoted fields that span lines. The CSV body is parsed by
pyarrow's multi-threaded reader, only the columns the log needs, as text.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from bisect import bisect_right
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ClvDataError
from ..i18n import text
from ._frame import missing_columns_message
from ._parse import Where

__all__ = ["RawTable", "read_source"]

_CHUNK = 1 << 23  # 8 MiB: the whole file is checked in pieces of this size, in constant memory
_SAMPLE_LINES = 400  # lines read to find the delimiter and the header row
_HEADER_SEARCH = 60  # rows searched for the header
_DELIMITERS = (",", ";", "\t", "|")
_NEWLINE = re.compile(r"\r\n|\n|\r")


class RawTable:
    """The columns the log needs, as read, with a way to name rows and a description of the source."""

    def __init__(self, columns: dict, n_rows: int, where: Where, description: str, from_file: bool) -> None:
        self.columns = columns
        self.n_rows = n_rows
        self.where = where
        self.description = description
        self.from_file = from_file


def read_source(source, *, wanted: list[str], sep, encoding, sheet_name, header_row) -> RawTable:
    """Read `source` (DataFrame or path) and return the `wanted` columns."""
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, wanted, "DataFrame", Where("index", source.index), from_file=False)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise ClvDataError(text("data.no_file", path=repr(str(path)), cwd=repr(os.getcwd())))
        if path.is_dir():
            raise ClvDataError(text("data.is_folder", path=repr(str(path))))
        suffix = path.suffix.lower()
        if suffix in (".parquet", ".pq"):
            try:
                frame = pd.read_parquet(path)
            except ImportError:
                raise ClvDataError(text("data.needs_pyarrow")) from None
            rows = Where("row", lambda pos: [p + 1 for p in pos])
            return _from_frame(frame.reset_index(drop=True), wanted, str(path), rows, from_file=True)
        if suffix in (".xlsx", ".xlsm", ".xls"):
            return _read_excel(path, wanted=wanted, sheet_name=sheet_name, header_row=header_row)
        return _read_text(path, wanted=wanted, sep=sep, encoding=encoding, header_row=header_row)
    if isinstance(source, (pd.Series, np.ndarray, list, tuple, dict)):
        raise ClvDataError(text("data.source_not_table", got=type(source).__name__))
    raise ClvDataError(text("data.source_type", got=type(source).__name__))


def _check_duplicates(names: list, wanted: list[str]) -> None:
    counts = Counter(str(n).strip() for n in names)
    twice = [w for w in dict.fromkeys(wanted) if counts.get(w, 0) > 1]
    if twice:
        raise ClvDataError(text("data.duplicate_columns", columns=", ".join(repr(c) for c in twice)))


def _from_frame(frame: pd.DataFrame, wanted: list[str], description: str, where: Where, *,
                from_file: bool, header_hint: bool = False) -> RawTable:
    names = [str(c).strip() if isinstance(c, str) else c for c in frame.columns]
    _check_duplicates(list(frame.columns), wanted)
    missing = [c for c in dict.fromkeys(wanted) if c not in names]
    if missing:
        raise ClvDataError(missing_columns_message(missing, [str(n) for n in names],
                                                   text("data.what_source", source=description),
                                                   header_hint=header_hint))
    position = {name: i for i, name in enumerate(names)}
    columns = {c: frame.iloc[:, position[c]] for c in dict.fromkeys(wanted)}
    return RawTable(columns, len(frame), where, description, from_file)


# --------------------------------------------------------------------------- Excel

def _read_excel(path: Path, *, wanted, sheet_name, header_row) -> RawTable:
    if isinstance(sheet_name, (list, tuple)) or sheet_name is None:
        raise ClvDataError(text("data.one_sheet"))
    try:
        raw = pd.read_excel(path, sheet_name=sheet_name, header=None, dtype=object)
    except ImportError:
        raise ClvDataError(text("data.needs_openpyxl")) from None
    except ValueError as exc:
        if "Worksheet" in str(exc) or "not found" in str(exc):
            raise ClvDataError(text("data.no_sheet", sheet=repr(sheet_name), path=repr(str(path)))) from None
        raise
    if raw.shape[0] == 0:
        raise ClvDataError(text("data.empty_file", path=repr(str(path))))
    rows = [[("" if _blank(v) else str(v).strip()) for v in raw.iloc[i].tolist()]
            for i in range(min(len(raw), _HEADER_SEARCH))]
    h = _header_index(rows, wanted, header_row, numbers=list(raw.index[: len(rows)] + 1))
    names = rows[h] if h < len(rows) else [str(v) for v in raw.iloc[h].tolist()]
    body = raw.iloc[h + 1:]
    filled = body.notna().to_numpy() & ~body.map(_blank).to_numpy() if len(body) else np.zeros((0, 0), bool)
    body = body.loc[filled.any(axis=1)] if len(body) else body
    sheet_rows = (body.index.to_numpy() + 1).astype(np.int64)  # Excel numbers its rows from 1
    frame = body.set_axis(range(len(body)), axis=0).set_axis(names, axis=1)
    where = Where("row", lambda pos: [int(sheet_rows[p]) for p in pos])
    found = any(set(wanted) <= set(r) for r in rows)
    return _from_frame(frame, wanted, str(path), where, from_file=True, header_hint=not found)


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _header_index(rows: list[list[str]], wanted: list[str], header_row, numbers: list[int]) -> int:
    """Index (in `rows`) of the row of column names: given as `header_row`, else the first holding all wanted names."""
    if header_row is not None:
        if not isinstance(header_row, (int, np.integer)) or isinstance(header_row, bool) or header_row < 1:
            raise ClvDataError(text("data.bad_header_row", value=repr(header_row)))
        if header_row not in numbers:
            raise ClvDataError(text("data.header_row_past_end", value=int(header_row)))
        return numbers.index(header_row)
    need = set(wanted)
    for i, row in enumerate(rows):
        if need <= set(row):
            return i
    for i, row in enumerate(rows):  # the first row that is not blank: the usual place
        if any(row):
            return i
    return 0


# --------------------------------------------------------------------------- text files

def _detect_encoding(path: Path, given: str | None, seen: dict | None = None) -> tuple[str, int]:
    """(Python codec, byte-order-mark length) of the whole file.

    A byte-order mark decides; otherwise NUL bytes in the first kilobytes mean UTF-16 without
    a mark; otherwise the whole file is checked as UTF-8 (in pieces, in constant memory) and
    Windows-1251 is the fallback that Russian Excel and 1C write.
    """
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if given is not None:
        try:
            codecs.lookup(given)
        except LookupError:
            raise ClvDataError(text("data.unknown_encoding", encoding=repr(given))) from None
        bom = 3 if head.startswith(codecs.BOM_UTF8) and given.lower().replace("_", "-") in ("utf-8-sig",) else 0
        problem = _first_undecodable(path, given, bom, seen)
        if problem is not None:
            suggestion, _bom = _detect_encoding(path, None)
            raise ClvDataError(text("data.bad_encoding", encoding=repr(given), path=repr(str(path)), line=problem,
                                    suggestion=repr(suggestion)))
        return given, bom
    if head.startswith(codecs.BOM_UTF8):
        encoding, bom = "utf-8", 3
    elif head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    elif head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    else:
        encoding, bom = "utf-8", 0
        if head and head.count(0) > len(head) // 4:
            return ("utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"), 0
    if _first_undecodable(path, encoding, bom, seen) is None:
        return encoding, bom
    if _first_undecodable(path, "cp1251", bom, seen) is None:
        return "cp1251", bom
    raise ClvDataError(text("data.unknown_file_encoding", path=repr(str(path))))


def _first_undecodable(path: Path, encoding: str, skip: int, seen: dict | None = None) -> int | None:
    """File line of the first byte that `encoding` cannot decode, or None when the whole file decodes.

    The same pass notes in `seen["quotes"]` whether any byte is a double quote.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = skip
    quotes = False
    with open(path, "rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    return _line_at(path, offset, encoding)
                if seen is not None:
                    seen["quotes"] = quotes
                return None
            quotes = quotes or b'"' in chunk
            if encoding in ("utf-8", "cp1251") and chunk.isascii():
                offset += len(chunk)
                continue  # ASCII is valid in both; the fast check keeps large files fast
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return _line_at(path, offset + max(exc.start, 0), encoding)
            offset += len(chunk)


def _line_at(path: Path, offset: int, encoding: str) -> int:
    """The file's line number of byte `offset`."""
    newline = "\n".encode(encoding.replace("-sig", "")) if "16" in encoding else b"\n"
    with open(path, "rb") as handle:
        return handle.read(offset).count(newline) + 1


def _sample(path: Path, encoding: str, bom: int) -> tuple[list[str], bool]:
    """The first lines of the file, decoded, line ends kept; and whether that is the whole file."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    parts, n_lines, whole = [], 0, False
    with open(path, "rb") as handle:
        handle.seek(bom)
        while n_lines < _SAMPLE_LINES:
            chunk = handle.read(1 << 16)
            if not chunk:
                parts.append(decoder.decode(b"", final=True))
                whole = True
                break
            piece = decoder.decode(chunk)
            parts.append(piece)
            n_lines += piece.count("\n")
    sample = "".join(parts)
    lines = _split_lines(sample)
    if not whole and lines:
        lines = lines[:-1]  # the last line may be cut
    return lines, whole


def _split_lines(sample: str) -> list[str]:
    out, start = [], 0
    for match in _NEWLINE.finditer(sample):
        out.append(sample[start:match.end()])
        start = match.end()
    if start < len(sample):
        out.append(sample[start:])
    return out


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        row = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error:
        row = line.rstrip("\r\n").split(delimiter)
    return [c.strip() for c in row]


def _choose_delimiter(lines: list[str], wanted: list[str]) -> str:
    """The delimiter that gives the wanted column names in one row, else the most lines of one width."""
    best, best_score = ",", None
    need = set(wanted)
    for d in _DELIMITERS:
        rows = [_cells(line, d) for line in lines if line.strip()]
        widths = Counter(len(r) for r in rows if len(r) > 1)
        width, consistent = widths.most_common(1)[0] if widths else (1, 0)
        has_header = any(need <= set(r) for r in rows[:_HEADER_SEARCH])
        score = (has_header, width > 1, consistent, width)
        if best_score is None or score > best_score:
            best, best_score = d, score
    return best


def _read_text(path: Path, *, wanted, sep, encoding, header_row) -> RawTable:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if path.stat().st_size == 0:
        raise ClvDataError(text("data.empty_file", path=repr(str(path))))
    scan: dict = {}
    encoding, bom = _detect_encoding(path, encoding, scan)
    lines, whole = _sample(path, encoding, bom)
    if not any(line.strip() for line in lines):
        raise ClvDataError(text("data.empty_file", path=repr(str(path))))
    delimiter = sep if sep is not None else _choose_delimiter(lines, wanted)
    rows = [_cells(line, delimiter) for line in lines[:_HEADER_SEARCH]]
    h = _header_index(rows, wanted, header_row, numbers=list(range(1, len(rows) + 1)))
    names = rows[h]
    header_hint = not any(set(wanted) <= set(r) for r in rows)
    _check_duplicates(names, wanted)
    missing = [c for c in dict.fromkeys(wanted) if c not in names]
    if missing:
        raise ClvDataError(missing_columns_message(missing, names, text("data.what_source", source=str(path)),
                                                   header_hint=header_hint))
    # Unique names for every column, so the reader accepts the header; only the wanted ones are kept.
    seen: Counter = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 and name else f"\x00{len(unique)}")
    prefix = "".join(lines[: h + 1])
    start = bom + len(prefix.encode(encoding))
    stream = pa.OSFile(str(path))  # read, not mapped: mapped pages would stay resident
    stream.seek(start)
    arrow_encoding = "utf8" if encoding in ("utf-8", "ascii") else encoding
    # A quoted field may span lines only if the file has quotes at all; allowing it slows the reader.
    multiline = scan.get("quotes") is not False and _has_quotes(path)
    try:
        table = pacsv.read_csv(
            stream,
            # One thread: on a 2-core machine the threaded reader was no faster (0.18-0.29 s against
            # 0.29-0.62 s on a 74 MB file) and kept about 26 MB more scratch at its peak.
            read_options=pacsv.ReadOptions(column_names=unique, encoding=arrow_encoding, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline,
                                             ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in dict.fromkeys(wanted)},
                include_columns=list(dict.fromkeys(wanted)),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        line, found = _first_ragged_line(path, encoding, bom, h, delimiter, len(names))
        first = str(exc).strip().splitlines()[0]
        raise ClvDataError(text("data.ragged", path=repr(str(path)), line=line, found=found, expected=len(names),
                                detail=first)) from None
    finally:
        stream.close()
    n = table.num_rows
    first_line = h + 2  # the file's line of the first data row when no field spans lines
    mapper = _LineMapper(path, encoding, bom, h, delimiter, first_line)
    where = Where("line", mapper)
    columns = {c: table.column(c) for c in dict.fromkeys(wanted)}
    return RawTable(columns, n, where, str(path), from_file=True)


def _has_quotes(path: Path) -> bool:
    """Whether any field is quoted; only then can a field span lines, which the reader must then allow (slower)."""
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            if b'"' in chunk:
                return True
    return False


class _LineMapper:
    """Row position -> the file's line number; reads the file once, only when a message needs it.

    Quoted fields may span lines and blank lines are skipped, so the line of row k is not
    simply k + 2; the csv module's own line count gives the truth.
    """

    def __init__(self, path, encoding, bom, header_index, delimiter, first_line) -> None:
        self.args = (path, encoding, bom, header_index, delimiter)
        self.starts: list[int] | None = None

    def __call__(self, positions) -> list[int]:
        if self.starts is None or max(positions) >= len(self.starts):
            self.starts = _record_lines(*self.args, upto=max(positions) + 1)
        return [self.starts[p] for p in positions]


def _record_lines(path, encoding, bom, header_index, delimiter, *, upto: int | None = None) -> list[int]:
    """File line on which each data record (after the header, blank lines skipped) starts."""
    starts: list[int] = []
    with open(path, encoding=encoding, newline="", errors="replace") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        previous = 0
        for i, record in enumerate(reader):
            line = previous + 1
            previous = reader.line_num
            if i <= header_index:
                continue
            if not record:
                continue
            starts.append(line)
            if upto is not None and len(starts) >= upto:
                break
    return starts


def _first_ragged_line(path, encoding, bom, header_index, delimiter, width) -> tuple[int, int]:
    with open(path, encoding=encoding, newline="", errors="replace") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        previous = 0
        for i, record in enumerate(reader):
            line = previous + 1
            previous = reader.line_num
            if i <= header_index or not record:
                continue
            if len(record) != width:
                return line, len(record)
    return previous, width
