"""Spreadsheet files in and out: CSV, XLSX, JSON and JSON Lines, as offices and scripts write them.

Reading gives a header and (line, cells) records of NFC text, whatever the format: CSV in UTF-8
with or without a byte-order mark, or in a codec the user names (cp1258 from a Vietnamese
Windows), ',' or ';' separated; the first sheet of an XLSX workbook (or a named one), with real
date cells read as ISO dates; the JSON and JSONL that export writes. '-' reads standard input.

Writing escapes what a spreadsheet would run: a CSV cell that starts with = + - @ tab or carriage
return gets a leading apostrophe (and one that starts with an apostrophe gets another), which
reading a CSV takes off again, so dondoc's own export imports as the original text. XLSX cells
are typed strings, which no spreadsheet runs as a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from dondoc.errors import DondocError, InvalidValue
from dondoc.i18n import Text
from dondoc.text import (
    from_legacy,
    legacy_font,
    legacy_hint,
    legacy_utf8,
    looks_legacy,
    looks_vietnamese,
)

STDIN = "-"
LARGE_ROWS = 5_000  # more rows than this: a file worth a progress bar, whatever its format
LEGACY_SAMPLE_BYTES = 1_000_000  # of a file not UTF-8, read to tell TCVN3 from VNI
LEGACY_EVIDENCE = 1_000  # lines of TCVN3/VNI text read to tell which of the two a file is in
XLSX_WHOLE_MAX_BYTES = 100_000_000  # sheet XML read whole (fast); bigger sheets are streamed
# calamine lays a sheet out as one grid from A1 to its farthest cell, ~32 bytes a cell: a small
# workbook naming cell XFD1048576 would ask for 550 GB and abort the process. A grid of more
# than XLSX_MAX_GRID cells must be mostly cells the sheet has (at most XLSX_SPREAD times them).
XLSX_MAX_GRID, XLSX_SPREAD = 10_000_000, 4
FORMULA_START = tuple("=+-@\t\r'")  # a cell starting so gets an apostrophe in CSV

T = TypeVar("T")
Record = tuple[int, list[str]]  # the line (or sheet row) a record starts on, its cells


@dataclass
class Table:
    """A file's header and records. `progress()` says how far reading has got: (done, total),
    in bytes or rows; total is None when unknown (standard input)."""

    path: str
    header: list[str]
    records: Iterator[Record]
    progress: Callable[[], tuple[int, int | None]]
    large: bool = False  # worth a progress bar: more than LARGE_ROWS rows (or lines)
    header_line: int = 1
    # Where a record is, said to people, when a line number is not it ('table 2, row 5')
    place: Callable[[int], Text] | None = None


_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json",
             ".jsonl": "jsonl", ".ndjson": "jsonl"}


def format_of(path: str) -> str:
    """The format a file name says: csv unless it ends .xlsx, .json or .jsonl."""
    return _named_format(path) or "csv"


def _named_format(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    if suffix == ".xls":
        raise InvalidValue("{path}: the old Excel 97-2003 format (.xls) is not read",
                           "save it from Excel as .xlsx or 'CSV UTF-8' first", path=path)
    return _SUFFIXES.get(suffix)


@contextmanager
def read_table(path: str, encoding: str | None = None, sheet: str | None = None,
               stdin_copy: bool = False) -> Iterator[Table]:
    """Open `path` ('-': standard input) and read its header; records are read as iterated.
    A `stdin_copy` (see rereadable) is read, and named in messages, as standard input is."""
    with _open_binary(path) as raw:
        if stdin_copy:
            path = STDIN
        if not hasattr(raw, "peek"):
            raw = io.BufferedReader(raw)  # type: ignore[type-var]  # to look before reading
        # A name that says nothing (standard input) is read by its first bytes.
        fmt = (_named_format(path) if path != STDIN else None) or _sniff(raw)
        if fmt == "xlsx":
            with _xlsx(path, raw, sheet) as table:
                yield _guarded(table, partial(_not_xlsx, path))
            return
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise InvalidValue("--encoding {encoding!r} is not a known encoding",
                                   "e.g. --encoding cp1258", encoding=encoding) from None
        scanned = _Scanned(raw, codecs.lookup(encoding or "utf-8").name != "utf-8")
        text = io.TextIOWrapper(cast(IO[bytes], scanned), encoding=encoding or "utf-8-sig",
                                newline="")
        if fmt == "csv":
            yield _guarded(_csv(path, raw, text, encoding, scanned), partial(_unreadable, path))
        else:
            yield _guarded(_json(path, raw, text, fmt, encoding, scanned),
                           partial(_not_json, path))


def _guarded(table: Table, refusal: Callable[[BaseException], DondocError]) -> Table:
    """`table` whose records turn any error of the reader beneath (zlib, zipfile, calamine,
    openpyxl, codecs ...) into `refusal(error)`: a malformed file is the user's to fix, never
    a traceback."""

    def records(found: Iterator[Record]) -> Iterator[Record]:
        try:
            yield from found
        except DondocError:
            raise
        except Exception as exc:
            raise refusal(exc) from None

    table.records = records(table.records)
    return table


def _unreadable(path: str, exc: BaseException) -> InvalidValue:
    return InvalidValue("{path}: cannot be read ({error})", "check the file", path=path,
                        error=_error_text(exc))


def _error_text(exc: BaseException) -> str:
    """An exception's own words, on one line and not too long, with its kind when it has none."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


class _Scanned(io.BufferedIOBase):
    """A file's bytes on their way to the decoder, each chunk scanned in C for the bytes of a
    character of the old TCVN3 or VNI fonts (text.legacy_utf8). Until one is `seen`, records
    need no look of their own; from then on each is looked at (text.looks_legacy). A file in
    another encoding than UTF-8 is looked at record by record throughout."""

    def __init__(self, raw: IO[bytes], seen: bool) -> None:
        super().__init__()
        self.raw, self.seen, self.last = raw, seen, b""

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        return self._scan(self.raw.read1(size))  # type: ignore[attr-defined]

    def read(self, size: int | None = -1) -> bytes:
        return self._scan(self.raw.read(-1 if size is None else size))

    def _scan(self, chunk: bytes) -> bytes:
        if not self.seen and chunk:
            # A character's two bytes may straddle two chunks.
            self.seen = legacy_utf8(chunk) or legacy_utf8(self.last + chunk[:1])
            self.last = chunk[-1:]
        return chunk


@contextmanager
def _open_binary(path: str) -> Iterator[IO[bytes]]:
    if path == STDIN:
        yield sys.stdin.buffer
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise DondocError("cannot read {path}: {error}", "check the file name", path=path,
                          error=exc.strerror) from None
    with handle:
        yield handle


def _sniff(raw: IO[bytes]) -> str:
    """The format a file's first bytes say."""
    peek = getattr(raw, "peek", None)
    head = peek(64)[:64] if peek else b""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl"
    return "csv"


@contextmanager
def rereadable(path: str, encoding: str | None = None, sheet: str | None = None,
               twice: bool = False) -> Iterator[Callable[[], AbstractContextManager[Table]]]:
    """Something that opens `path` as read_table does, each time it is called. Standard input
    can be read once only: when it must be read `twice` (an import reads its refused rows again),
    it is copied to a temporary file first, removed at the end."""
    spooled = _spool_stdin() if path == STDIN and twice else None
    try:
        if spooled:
            yield partial(read_table, str(spooled), encoding, sheet, stdin_copy=True)
        else:
            yield partial(read_table, path, encoding, sheet)
    finally:
        if spooled:
            spooled.unlink()


def _spool_stdin() -> Path:
    """Standard input copied to a temporary file."""
    with tempfile.NamedTemporaryFile("wb", prefix="dondoc-stdin-", delete=False) as copy:
        shutil.copyfileobj(sys.stdin.buffer, copy)
    return Path(copy.name)


def _csv(path: str, raw: IO[bytes], text: io.TextIOWrapper, encoding: str | None,
         scanned: _Scanned) -> Table:
    try:
        total: int | None = Path(path).stat().st_size if path != STDIN else None
    except OSError:
        total = None

    def progress() -> tuple[int, int | None]:
        try:
            return raw.tell(), total
        except OSError:  # a pipe
            return 0, None

    state = {"line": 1}

    def records() -> Iterator[Record]:
        try:
            first = text.readline()
            # Excel where the decimal mark is a comma (Vietnam) separates with ';'.
            delimiter = ";" if first.count(";") > first.count(",") else ","
            lines = _chain_first(first, text)
            # NFC a line at a time (one C call, not one per cell): 'Sở' typed on a Mac or read
            # from cp1258 is the same text as everywhere else.
            reader = csv.reader(map(partial(unicodedata.normalize, "NFC"), lines),
                                delimiter=delimiter)
            for cells in reader:
                if scanned.seen:
                    check_legacy(path, state["line"], cells, lambda: _joined(reader))
                yield state["line"], cells
                state["line"] = reader.line_num + 1
        except UnicodeDecodeError as exc:
            line = _first_bad_line(path, encoding) or state["line"]
            raise _not_text(path, line, exc, encoding) from None
        except csv.Error as exc:
            raise InvalidValue("{path}:{line}: {error}", "check the quoting", path=path,
                               line=state["line"], error=str(exc)) from None

    found = records()
    header = next(found, (1, []))[1]
    return Table(path, header, _unquoted(found), progress, large=_more_lines_than(path, LARGE_ROWS))


def _more_lines_than(path: str, count: int) -> bool:
    """Whether the file at `path` has more than `count` lines: a cheap estimate of its rows
    (CSV, JSON Lines), whatever their width. Newlines are counted a megabyte at a time in C,
    stopping as soon as there are enough, so a big file costs one or two reads; a small one is
    read once (under a millisecond a megabyte). Only a regular file is counted: reading a pipe
    (standard input, `<(...)`) would take the rows from the import."""
    if path == STDIN or not Path(path).is_file():
        return False
    lines = 0
    try:
        with open(path, "rb") as file:
            while chunk := file.read(1 << 20):
                lines += chunk.count(b"\n")
                if lines > count:
                    return True
    except OSError:
        pass
    return False


def _chain_first(first: T, rest: Iterable[T]) -> Iterator[T]:
    yield first
    yield from rest


def _unquoted(records: Iterator[Record]) -> Iterator[Record]:
    """Take off the apostrophe export puts before a cell a spreadsheet would run as a formula."""
    for line, cells in records:
        if "'" in "".join(cells):  # pragma: no mutate (any separator but ' is the same)
            cells = [unquote(cell) for cell in cells]
        yield line, cells


def unquote(cell: str) -> str:
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START else cell


def quote(cell: str) -> str:
    """A CSV cell no spreadsheet runs as a formula; unquote() gives the original back."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def check_legacy(path: str, line: int, cells: Sequence[str],
                  rest: Callable[[], Iterator[str]]) -> None:
    """Refuse the file if `cells` hold TCVN3 or VNI text; `rest()`: the text of the records
    after, read then as evidence of which font it is."""
    joined = "\x1f".join(cells)  # one scan a record, not one a cell
    if legacy_hint(joined) and looks_legacy(joined):
        raise _legacy(path, line, cells, rest())


def _legacy(path: str, line: int, cells: Sequence[str], rest: Iterator[str]) -> InvalidValue:
    """The refusal of a file whose `line` holds TCVN3 or VNI text, naming the font that its
    text reads as: the two share many bytes, so the rest of the file is read as evidence (up to
    LEGACY_EVIDENCE lines of such text), not the one cell."""
    value = next((cell for cell in cells if looks_legacy(cell)), cells[0])
    evidence = ["\x1f".join(cells)]
    try:
        for text in rest:
            if legacy_hint(text) and looks_legacy(text):
                evidence.append(text)
                if len(evidence) >= LEGACY_EVIDENCE:
                    break
    except (UnicodeDecodeError, ValueError, csv.Error, DondocError):  # what was read says
        pass
    font = legacy_font(evidence)
    return InvalidValue(
        "{path}:{line}: {value!r} is text in the old {font} font encoding, not Unicode (in "
        "{font} it reads {reading!r})",
        "convert the file to Unicode first (Unikey: Công cụ chuyển mã, from {font} to "
        "Unicode, or EVKey's converter), then import it again",
        path=path, line=line, value=value, font=font, reading=from_legacy(value, font),
    )


def _joined(records: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each record's text cells as one string, for the legacy check of what follows."""
    for values in records:
        yield "\x1f".join(v for v in values if type(v) is str)


def _first_bad_line(path: str, encoding: str | None) -> int | None:
    """The line of a file that does not decode: the decoder reads ahead, so the reader's line
    can be thousands of lines short. Read again, a line at a time (only when it has failed)."""
    if path == STDIN:
        return None
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")()
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return None


def _not_text(path: str, line: int, exc: UnicodeDecodeError, encoding: str | None) -> DondocError:
    # The bytes around the fault say what the file really is: Vietnamese in cp1258 (plain
    # 'CSV' from Excel on a Vietnamese Windows), or a pre-Unicode font read as Latin-1.
    sample = exc.object[max(0, exc.start - 200):exc.start + 200]
    if encoding is None and looks_vietnamese(sample.decode("cp1258", "replace")):
        return InvalidValue(
            "{path}:{line}: not UTF-8 text: it looks like cp1258, a plain 'CSV' saved by Excel "
            "on a Vietnamese Windows",
            "give --encoding cp1258, or save it from Excel as 'CSV UTF-8 (Comma delimited)'",
            path=path, line=line)
    # A font's bytes read as cp1252 are its Latin-1 soup; the whole chunk read tells which.
    if looks_legacy(sample.decode("cp1252", "replace")):
        font = legacy_font([exc.object[:LEGACY_SAMPLE_BYTES].decode("cp1252", "replace")])
        return InvalidValue(
            "{path}:{line}: text in the old {font} font encoding, not Unicode",
            "convert the file to Unicode first (Unikey: Công cụ chuyển mã, from {font} to "
            "Unicode), then import it again",
            path=path, line=line, font=font,
        )
    return InvalidValue(
        "{path}:{line}: not {encoding} text ({error})",
        "save it from Excel as 'CSV UTF-8 (Comma delimited)', or give its --encoding",
        path=path, line=line, encoding=encoding or "UTF-8", error=exc.reason,
    )


def _cell_text(value: Any) -> str:
    """An XLSX or JSON value as the text a CSV cell would hold; dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@contextmanager
def _xlsx(path: str, raw: IO[bytes], sheet: str | None) -> Iterator[Table]:
    """A workbook's sheet. Up to XLSX_WHOLE_MAX_BYTES of sheet XML (a few hundred thousand
    rows), calamine reads it whole, at ~80,000 rows/s; a bigger one streams through openpyxl's
    read-only mode in constant memory, at ~5,000 rows/s. Both give the same cells (tested)."""
    source: IO[bytes] = raw if path != STDIN else io.BytesIO(raw.read())
    try:
        with zipfile.ZipFile(source) as archive:
            largest = max((i.file_size for i in archive.infolist()
                            if i.filename.startswith("xl/worksheets/")), default=0)
            if largest <= XLSX_WHOLE_MAX_BYTES:
                _check_grid(path, archive, _sheet_member(archive, sheet))
    except DondocError:
        raise
    except Exception as exc:  # zipfile, zlib, KeyError, XML: a damaged file
        raise _not_xlsx(path, exc) from None
    source.seek(0)
    read = _calamine if largest <= XLSX_WHOLE_MAX_BYTES else _openpyxl
    with read(path, source, sheet) as (rows, total):
        header: list[str] = []
        header_line = 1
        try:
            for number, values in rows:  # the first row with anything: sheets often start lower
                header, header_line = [_cell_text(v) for v in values], number
                if any(header):
                    break
        except Exception as exc:
            raise _not_xlsx(path, exc) from None
        while header and not header[-1]:
            header.pop()  # formatted but empty columns at the right

        def rest() -> Iterator[str]:
            return _joined(row for _, row in rows)

        check_legacy(path, header_line, header, rest)
        done = [0]

        def records() -> Iterator[Record]:
            nfc = partial(unicodedata.normalize, "NFC")
            for line, values in rows:
                done[0] = line
                cells = [nfc(v) if type(v) is str else _cell_text(v) for v in values]
                check_legacy(path, line, cells, rest)
                yield line, cells

        yield Table(path, header, records(), lambda: (done[0], total),
                    large=(total or 0) > LARGE_ROWS)


_CELL_REF = re.compile(rb'\sr="([A-Z]+)([0-9]+)"')  # <c r="B12" ...>; a row's r="12" has no letters
_ELEMENT = re.compile(rb"<(?:\w+:)?(sheet|Relationship)\s[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _sheet_member(archive: zipfile.ZipFile, sheet: str | None) -> list[str]:
    """The zip member(s) holding the sheet to be read: the first one, or the one named; every
    worksheet where the workbook's own lists cannot tell (the reader then says what is wrong)."""
    every = [name for name in archive.namelist()
             if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    try:
        sheets = _elements(archive.read("xl/workbook.xml"), b"sheet")
        targets = {r.get(b"Id"): r.get(b"Target", b"")
                   for r in _elements(archive.read("xl/_rels/workbook.xml.rels"), b"Relationship")}
    except KeyError:
        return every
    for found in sheets:
        if sheet is None or found.get(b"name", b"").decode("utf-8", "replace") == sheet:
            rid = next((v for k, v in found.items() if k.endswith(b":id")), None)
            target = targets.get(rid, b"").decode("utf-8", "replace")
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            return [member] if member in every else every
    return [] if sheet is not None and sheets else every  # no such sheet: the reader says so


def _elements(xml: bytes, tag: bytes) -> list[dict[bytes, bytes]]:
    """The attributes of each <tag ...> element of a small XML part, in order."""
    return [dict(_ATTRIBUTE.findall(m[0])) for m in _ELEMENT.finditer(xml) if m[1] == tag]


def _check_grid(path: str, archive: zipfile.ZipFile, members: list[str]) -> None:
    """Refuse a sheet whose cells span a grid far bigger than what it holds (see XLSX_MAX_GRID),
    naming the cell that stretches it, before calamine tries to lay that grid out."""
    for member in members:
        xml = archive.read(member)
        if _grid_is_small(xml):
            continue
        refs = _CELL_REF.findall(xml)
        if not refs:
            continue
        rows = max(map(int, (row for _, row in refs)))
        widest = max(len(letters) for letters, _ in refs)
        letters = max(c for c, _ in refs if len(c) == widest)
        columns = _column_number(letters.decode())
        if rows * columns > max(XLSX_MAX_GRID, XLSX_SPREAD * len(refs)):
            # The cell farthest out: its corner makes the grid (worked out only when refused).
            c, r = max(refs, key=lambda ref: _column_number(ref[0].decode()) * int(ref[1]))
            far = f"{c.decode()}{r.decode()}"
            raise InvalidValue(
                "{path}: cell {cell} stretches the sheet to {rows} rows by {columns} columns, "
                "far beyond the {cells} cells it holds",
                "delete the empty rows and columns after the data in Excel, save, and import "
                "again", path=path, cell=far, rows=rows, columns=columns, cells=len(refs))


def _grid_is_small(xml: bytes) -> bool:
    """Whether the sheet's grid is surely within XLSX_MAX_GRID, found at C speed: the widest row
    number and the widest column letters by searching for them, the largest row among the
    widest ones, and at most 26 columns when no column has two letters. Scanning every cell
    reference instead took 1.1 s on a 100,000-row sheet, a sixth of its import. False: look
    at every reference (a reference after a tab or a line break takes that way too)."""
    if xml.count(b'r="') != xml.count(b' r="'):
        return False
    letters = next((n for n in range(3, 0, -1) if re.search(rb' r="[A-Z]{%d}' % n, xml)), 0)
    digits = next((n for n in range(8, 0, -1)
                   if re.search(rb' r="[A-Z]+[0-9]{%d}"' % n, xml)), 0)
    if letters != 1 or not digits:  # no reference, or columns past Z: count them all
        return False
    rows = max(map(int, re.findall(rb' r="[A-Z]+([0-9]{%d})"' % digits, xml)))
    return rows * 26 <= XLSX_MAX_GRID


def _column_number(letters: str) -> int:
    """A column's number: A is 1, Z 26, AA 27, XFD 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


XlsxRows = tuple[Iterator[tuple[int, Sequence[Any]]], int | None]  # (row number, values), total


@contextmanager
def _calamine(path: str, source: IO[bytes], sheet: str | None) -> Iterator[XlsxRows]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(source)
    except Exception as exc:  # CalamineError, XmlError, zipfile's and zlib's errors
        raise _not_xlsx(path, exc) from None
    try:
        if sheet is not None and sheet not in book.sheet_names:
            raise _no_sheet(path, sheet, book.sheet_names)
        try:
            ws = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
        except Exception as exc:  # WorksheetNotFound, XmlError, a damaged member ...
            raise _not_xlsx(path, exc) from None
        # Rows come from row 1, columns from the first one used: pad them as openpyxl has them.
        left = [None] * (ws.start or (0, 0))[1]
        rows = enumerate(ws.iter_rows(), 1)
        yield (((n, [*left, *values]) for n, values in rows) if left else rows), ws.total_height
    finally:
        book.close()


@contextmanager
def _openpyxl(path: str, source: IO[bytes], sheet: str | None) -> Iterator[XlsxRows]:
    from openpyxl import load_workbook  # ~0.12 s: only for big workbooks

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors
        raise _not_xlsx(path, exc) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise _no_sheet(path, sheet, book.sheetnames)
        try:
            ws = book[sheet] if sheet else book.worksheets[0]
            total = ws.max_row
        except Exception as exc:
            raise _not_xlsx(path, exc) from None
        ws.reset_dimensions()  # a workbook's stated size can be wrong: read to its real end
        yield enumerate(ws.iter_rows(values_only=True), 1), total
    finally:
        book.close()


def _not_xlsx(path: str, exc: BaseException) -> InvalidValue:
    return InvalidValue("{path}: not a readable XLSX workbook ({error})",
                        "save it from Excel as .xlsx", path=path, error=_error_text(exc))


def _not_json(path: str, exc: BaseException, line: int | None = None) -> InvalidValue:
    """A JSON reader's own failure: nesting too deep, a number too long for Python, ..."""
    why = "nested too deep" if isinstance(exc, RecursionError) else _error_text(exc)
    return InvalidValue("{where}: not JSON dondoc can read ({error})",
                        "give a list of flat objects, as export writes",
                        where=path if line is None else f"{path}:{line}", error=why)


def _no_sheet(path: str, sheet: str, names: Sequence[str]) -> InvalidValue:
    return InvalidValue("{path}: no sheet {sheet!r}", "its sheets are: {sheets}", path=path,
                        sheet=sheet, sheets=", ".join(names))


def _json(path: str, raw: IO[bytes], text: io.TextIOWrapper, fmt: str, encoding: str | None,
          scanned: _Scanned) -> Table:
    """JSON (a list of objects) or JSONL (an object a line), keyed by field: as export writes
    them. The header is the first object's keys; a JSON record's line is its place + 1, which is
    its line in dondoc's own export (one object a line after the opening bracket)."""
    try:
        if fmt == "json":
            loaded = json.load(text, parse_int=str)  # as text: no limit on its digits
            if not isinstance(loaded, list):
                raise InvalidValue("{path}: not a JSON list of records",
                                   "give a list of objects, as export writes", path=path)
            objects: Iterable[tuple[int, Any]] = enumerate(loaded, 2)
            rows: int | None = len(loaded)
        else:
            rows = None
            objects = ((n, json.loads(line, parse_int=str)) for n, line in enumerate(text, 1)
                       if line.strip())
        found: Iterator[tuple[int, Any]] = iter(objects)
        first = next(found, None)
    except UnicodeDecodeError as exc:
        raise _not_text(path, 1, exc, encoding) from None
    except json.JSONDecodeError as exc:
        raise InvalidValue("{path}:{line}: not JSON ({error})", "check the file", path=path,
                           line=exc.lineno, error=exc.msg) from None
    except (ValueError, RecursionError) as exc:  # nesting deeper than Python goes
        raise _not_json(path, exc) from None
    if first is None:
        return Table(path, [], iter(()), lambda: (0, None))
    header = list(_object(path, *first))
    if scanned.seen:
        check_legacy(path, first[0], header, lambda: _joined(
            _object(path, n, v).values() for n, v in _chain_first(first, found)))
    done = [0]

    def records() -> Iterator[Record]:
        try:
            for line, value in _chain_first(first, found):
                record = _object(path, line, value)
                extra = set(record) - set(header)
                if extra:
                    raise InvalidValue("{path}:{line}: key {key!r} is not in the first record",
                                       "give every record the same keys", path=path, line=line,
                                       key=sorted(extra)[0])
                done[0] = line
                cells = [_cell_text(record.get(key)) for key in header]
                if scanned.seen:
                    check_legacy(path, line, cells, lambda: _joined(
                        _object(path, n, v).values() for n, v in found))
                yield line, cells
        except UnicodeDecodeError as exc:
            raise _not_text(path, done[0] + 1, exc, encoding) from None
        except json.JSONDecodeError as exc:
            raise InvalidValue("{path}:{line}: not JSON ({error})", "check the file",
                               path=path, line=done[0] + 1, error=exc.msg) from None
        except (ValueError, RecursionError) as exc:
            raise _not_json(path, exc, done[0] + 1) from None

    if rows is not None:  # JSON, loaded whole: its records are counted, the bar goes by them
        return Table(path, header, records(), lambda: (done[0], rows + 1),
                     large=rows > LARGE_ROWS)

    def progress() -> tuple[int, int | None]:  # JSON Lines: by bytes, as CSV
        try:
            return raw.tell(), total
        except OSError:  # a pipe
            return 0, None

    total = None if path == STDIN else Path(path).stat().st_size
    return Table(path, header, records(), progress, large=_more_lines_than(path, LARGE_ROWS))


def _object(path: str, line: int, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidValue("{path}:{line}: not a JSON object",
                           "each record is {{\"field\": value}}", path=path, line=line)
    return value


# Writing --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sheet:
    """What to write: a header (field names; `labels` are the header a person reads in XLSX),
    which fields are dates (ISO text in the rows), and the rows; `final`: the rows are already
    the CSV's text (quoted), as export's SQL makes them."""

    fields: Sequence[str]
    labels: Sequence[str]
    date_fields: frozenset[str]
    rows: Iterable[Sequence[Any]]
    title: str = "dondoc"
    final: bool = False


def write_table(out: IO[bytes], fmt: str, sheet: Sheet, bom: bool = False) -> None:
    """Write `sheet` to `out` in `fmt`."""
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "json": _write_json,
              "jsonl": _write_jsonl}[fmt]
    writer(out, sheet, bom)


def _write_csv(out: IO[bytes], sheet: Sheet, bom: bool) -> None:
    # Excel opens UTF-8 CSV as Vietnamese text only with a byte-order mark. (Not mutated:
    # codec names ignore case, newline=None differs only on Windows, CRLF is csv's default.)
    # pragma: no mutate start
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="",
                            write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    # pragma: no mutate end
    writer.writerow(sheet.fields)
    if sheet.final:
        writer.writerows(sheet.rows)
    else:
        writer.writerows([quote(v) if isinstance(v, str) else v for v in row]
                         for row in sheet.rows)
    text.flush()
    text.detach()


def _write_json(out: IO[bytes], sheet: Sheet, bom: bool) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    count = 0
    text.write("[")
    for row in sheet.rows:
        text.write(",\n" if count else "\n")
        text.write(json.dumps(dict(zip(sheet.fields, row, strict=True)), ensure_ascii=False))
        count += 1
    text.write("\n]\n")
    text.flush()
    text.detach()


def _write_jsonl(out: IO[bytes], sheet: Sheet, bom: bool) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    for row in sheet.rows:
        text.write(json.dumps(dict(zip(sheet.fields, row, strict=True)), ensure_ascii=False))
        text.write("\n")
    text.flush()
    text.detach()


# Column widths a person can read, in characters, by the kind of field.
_WIDTHS = {"content": 60, "title": 40, "note": 40, "name": 32, "unit": 28, "co_units": 28,
           "issuer": 24, "leader": 22, "officer": 22, "signer": 22, "ref": 28, "done_ref": 28,
           "directive": 16, "number": 16, "email": 24, "recorded_at": 21, "parent": 12}


def xlsx_text(ws: Any, row: Iterable[Any]) -> list[Any]:
    """`row` for openpyxl's ws.append with every text a typed string cell: openpyxl would store
    text starting with '=' as a formula (and '#N/A' as an error), which a spreadsheet runs; a
    typed string is only ever text. Every XLSX dondoc writes goes through here."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = list(row)
    for i, value in enumerate(cells):
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            cells[i] = cell
    return cells


def _write_xlsx(out: IO[bytes], sheet: Sheet, bom: bool) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet.title)
    ws.freeze_panes = "A2"
    for i, name in enumerate(sheet.fields, 1):
        width = 12 if name in sheet.date_fields else _WIDTHS.get(name, 10)
        ws.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    header = []
    for label in sheet.labels:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    dates = [i for i, f in enumerate(sheet.fields) if f in sheet.date_fields]
    for row in sheet.rows:
        cells: list[Any] = list(row)
        for i in dates:
            if cells[i]:
                # openpyxl writes a date as a date cell; its stubs list only datetime.
                cell = WriteOnlyCell(ws, value=date.fromisoformat(cells[i]))  # type: ignore[arg-type]
                cell.number_format = "DD/MM/YYYY"
                cells[i] = cell
        ws.append(xlsx_text(ws, cells))
    # Built in memory, then written: a zip that fails half-way on a full disk would otherwise
    # complain again when it is collected ("Exception ignored in ZipFile.__del__").
    whole = io.BytesIO()
    book.save(whole)
    out.write(whole.getbuffer())
