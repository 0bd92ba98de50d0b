"""A directive read from its own document: a plan (Kế hoạch), decision or notice as a Word file
(.docx) or a PDF exported from one, read into the rows a tasks spreadsheet would give, so the
same import (task_import.py) checks and stores them.

What offices write, and where it is read from:
- the header block, a borderless two-column table: the issuer and `Số: 135/KH-UBND` on the left,
  the national motto and `Hà Nội, ngày 19 tháng 4 năm 2023` on the right;
- the document type (KẾ HOẠCH, QUYẾT ĐỊNH ...) and under it the title, one or a few lines;
- the signature block at the end: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH, then the name;
- the task tables: every table whose header names the content and the lead unit as spreadsheets
  head them (STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành),
  with group rows (`I. CÔNG TÁC CẢI CÁCH THỂ CHẾ`) between the tasks and cells merged down.
A number or date that cannot be found is asked for (--number, --issued), never guessed.

python-docx reads Word files and pdfplumber PDFs; each is imported only when such a file is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dondoc.errors import DondocError, InvalidValue
from dondoc.i18n import Text
from dondoc.sheets.formats import Record, Table, check_legacy
from dondoc.sheets.intake import field_of
from dondoc.text import fold, nfc

SUFFIXES = (".docx", ".pdf")
DIRECTIVE_COLUMNS = ("directive", "issued", "title", "issuer", "signer", "group")
HEADER_SEARCH_ROWS = 5  # a task table's header is among its first rows
MAX_TITLE_LINES = 4
_NUMBER = re.compile(r"^\s*Số\s*(?:/\s*ký hiệu)?\s*:?\s*(\d+[\w./-]*\w)", re.IGNORECASE)
_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_SEPARATOR = re.compile(r"^[\s\-_=*.~]*$")
_TYPES = ("ke hoach", "quyet dinh", "chi thi", "thong bao", "cong van", "chuong trinh",
          "nghi quyet", "bao cao", "thong bao ket luan")
_BODY_STARTS = ("can cu", "thuc hien", "de ", "trien khai", "xet ", "theo ", "i.", "1.")
_SIGNING = re.compile(r"^(?:tm|kt|tl|q|ttl)\.|^(?:pho )?(?:chu tich|giam doc|truong ban|"
                      r"bo truong|thu truong|chanh van phong)$")
_ROMAN = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")
_GROUP_TEXT = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]\s+\S")
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass
class Given:
    """The directive's fields as the user gives them (--number ...), over the document's."""

    number: str | None = None
    issued: str | None = None
    issuer: str | None = None
    title: str | None = None
    signer: str | None = None


@dataclass
class Document:
    """What a document holds: its text lines outside the task tables (in order, each chunk a
    paragraph or a table cell), and its tables as rows of cell text (merged cells repeated)."""

    path: str
    chunks: list[list[str]] = field(default_factory=list)
    centered: set[int] = field(default_factory=set)  # chunks centered (Word only)
    in_table: dict[int, int] = field(default_factory=dict)  # chunk -> its table's number
    tables: list[list[list[str]]] = field(default_factory=list)  # every table, in order

    def add_table(self, rows: list[list[str]]) -> None:
        """A table, and its cells as chunks of lines."""
        self.tables.append(rows)
        for cell in _cell_chunks(rows):
            self.in_table[len(self.chunks)] = len(self.tables)
            self.chunks.append(cell)


@dataclass
class Directive:
    number: str
    issued: str  # as found (DD/MM/YYYY) or given: the import checks it as an issued cell
    issuer: str | None
    title: str | None
    signer: str | None

    def cells(self) -> list[str]:
        return [self.number, self.issued, self.title or "", self.issuer or "", self.signer or ""]


def is_document(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def read(path: str) -> Document:
    """The document at `path`, by its extension; refused, in one line, when it cannot be."""
    suffix = Path(path).suffix.lower()
    if not Path(path).is_file():
        raise DondocError("cannot read {path}: {error}", "check the file name", path=path,
                          error="No such file or directory")
    try:
        return _docx(path) if suffix == ".docx" else _pdf(path)
    except DondocError:
        raise
    except Exception as exc:  # python-docx, zipfile, lxml, pdfminer: a malformed file
        raise InvalidValue("{path}: cannot be read as a {kind} file ({error})",
                           "open it in Word or LibreOffice and save it again", path=path,
                           kind=suffix[1:].upper(), error=f"{type(exc).__name__}: {exc}"
                           ) from None


def _docx(path: str) -> Document:
    import docx  # python-docx: ~0.1 s, paid only when a Word file is read
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table as WordTable

    found = Document(path)
    word = docx.Document(path)
    for block in word.iter_inner_content():
        if isinstance(block, WordTable):
            found.add_table(_word_rows(block))
            continue
        if block.alignment == WD_ALIGN_PARAGRAPH.CENTER:
            found.centered.add(len(found.chunks))
        found.chunks.append([nfc(line) for line in block.text.split("\n")])
    return found


def _cell_chunks(rows: list[list[str]]) -> Iterator[list[str]]:
    """A table's cells as chunks of lines, column by column (a header block's left cell holds the
    issuer and number, its right one the motto and date), each merged cell once."""
    width = max((len(row) for row in rows), default=0)
    for column in range(width):
        last = None
        for row in rows:
            text = row[column] if column < len(row) else ""
            if text and text != last:
                yield text.split("\n")
            last = text


def _word_rows(table: Any) -> list[list[str]]:
    """A Word table's rows as the grid shows them: a cell spanning columns fills each, and a
    cell merged down (vMerge) repeats its text on every row it covers."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            column = len(cells)
            if tc.vMerge == "continue" and rows and column < len(rows[-1]):
                text = rows[-1][column]
            else:
                text = "\n".join(p.text for p in _Cell(tc, table).paragraphs).strip()
            cells.extend([nfc(text)] * tc.grid_span)
        rows.append(cells)
    return rows


def _pdf(path: str) -> Document:
    import pdfplumber  # loaded only when a PDF is read

    found = Document(path)
    with pdfplumber.open(path) as pdf:
        if not any((page.extract_text() or "").strip() for page in pdf.pages[:3]):
            raise InvalidValue(
                "{path} has no text layer: it is a scan, which dondoc cannot read",
                "import the Word file the PDF was made from, or a PDF exported from Word or "
                "LibreOffice", path=path)
        extracted: list[list[list[list[str | None]]]] = []  # each page's tables
        for number, page in enumerate(pdf.pages):
            tables = page.find_tables()
            # One row is a table's end carried over the page break, or no task table.
            ruled = [t for t in tables if len(t.columns) > 2
                     and (len(t.rows) > 1 or t is tables[0] and number > 0)]
            extracted.append([table.extract() for table in ruled])
            text_page = page
            for table in ruled:
                text_page = text_page.outside_bbox(table.bbox)
            if number == 0:  # the header block: its two columns read apart
                found.chunks.extend(_pdf_header(text_page))
            else:
                found.chunks.extend([line] for line in _lines(text_page.extract_text()))
    for rows in page_tables(extracted):
        found.add_table(rows)
    return found


def page_tables(pages: list[list[list[list[str | None]]]]) -> list[list[list[str]]]:
    """Each page's tables, rows of cells as pdfplumber extracts them, as the document's tables:
    a page's first table goes on with the last page's table when it continues it."""
    pieces: list[list[list[str]]] = []
    for tables in pages:
        for at, extracted in enumerate(tables):
            rows = _carried_down(extracted)
            if at == 0 and pieces and rows and _continues(pieces[-1], rows):
                _join_pages(pieces[-1], rows)
            elif len(rows) > 1:
                pieces.append(rows)
    return pieces


def _continues(before: list[list[str]], rows: list[list[str]]) -> bool:
    """A page's first table goes on with the last page's when it has as many columns and does
    not open with that table's header again (which is then its own row, skipped as such)."""
    return bool(before) and len(rows[0]) == len(before[0]) and rows[0] != before[0]


def _join_pages(before: list[list[str]], rows: list[list[str]]) -> None:
    """A row split across the page break: its lower part has no number (STT) and joins it."""
    first = rows[0]
    if first and not first[0] and before[-1] and before[-1][0]:
        before[-1] = [unwrapped([up, down]) for up, down in zip(before[-1], first, strict=False)]
        rows = rows[1:]
    before.extend(rows)


_SPLIT_NUMBER = re.compile(r"\d[/-]?$")  # a line ending in a number or a date cut short


def unwrapped(lines: list[str]) -> str:
    """A cell's lines as the one text the PDF wrapped to its column's width (or cut at the page
    break): joined by a space, but not where the wrap cut a number or a date ('15/02/202' and
    '3' are 15/02/2023)."""
    text = ""
    for line in (" ".join(line.split()) for line in lines):
        if text and line:
            cut = _SPLIT_NUMBER.search(text) and (line[0].isdigit() or line[0] == "/")
            text += line if cut else " " + line
        else:
            text += line
    return text


def _pdf_header(page: Any) -> list[list[str]]:
    """The first page's text: above the document type, the left and right halves are the header
    block's two cells; the rest line by line."""
    lines = _lines(page.extract_text())
    top = next((i for i, line in enumerate(lines) if fold(line) in _TYPES), None)
    if top is None:
        return [[line] for line in lines]
    words = page.extract_words()
    type_word = fold(lines[top]).split()[0]
    type_top = min((w["top"] for w in words if fold(w["text"]) == type_word), default=None)
    if type_top is None:
        return [[line] for line in lines]
    middle = page.width / 2
    head = page.crop((0, 0, page.width, type_top - 1))
    left = _lines(head.crop((0, 0, middle, head.bbox[3])).extract_text())
    right = _lines(head.crop((middle, 0, page.width, head.bbox[3])).extract_text())
    return [left, right, *([line] for line in lines[top:])]


def _lines(text: str | None) -> list[str]:
    return [nfc(line.strip()) for line in (text or "").split("\n") if line.strip()]


def _carried_down(rows: list[list[str | None]]) -> list[list[str]]:
    """A PDF table's merged cells come as one text and no cell (None) where it spread: in a row of
    several cells, a cell merged down from the row above takes its text; a row of one cell
    merged across (a group row) keeps it once."""
    out: list[list[str]] = []
    for row in rows:
        several = sum(cell is not None for cell in row) > 1
        out.append([nfc(unwrapped(cell.split("\n"))) if cell is not None else
                    out[-1][i] if several and out and i < len(out[-1]) else ""
                    for i, cell in enumerate(row)])
    return out


@dataclass
class _TaskTable:
    number: int  # among the document's tables, from 1, as Word counts them
    header_row: int  # from 0
    fields: list[str | None]  # each column's field, None: not one tasks have


def directive(document: Document, given: Given, tables: list[_TaskTable]) -> Directive:
    """The directive the document is, each field as given, else as found outside its task
    `tables`."""
    skipped = {table.number for table in tables}
    document.chunks = [[] if document.in_table.get(i) in skipped else chunk
                       for i, chunk in enumerate(document.chunks)]
    lines = [(i, line) for i, chunk in enumerate(document.chunks) for line in chunk]
    number = given.number or _number(lines)
    issued = given.issued or _issued(lines)
    if not number:
        raise InvalidValue("{path}: no number and symbol found (a line 'Số: 135/KH-UBND')",
                           "give it: --number 135/KH-UBND", path=document.path)
    if not issued:
        raise InvalidValue("{path}: no issue date found (a line 'Hà Nội, ngày 19 tháng 4 năm "
                           "2023')", "give it: --issued 19/04/2023", path=document.path)
    return Directive(nfc(number), issued, given.issuer or _issuer(document),
                     given.title or _title(document), given.signer or _signer(lines))


def _number(lines: list[tuple[int, str]]) -> str | None:
    for _, line in lines:
        match = _NUMBER.match(line)
        if match:
            return match[1]
    return None


def _issued(lines: list[tuple[int, str]]) -> str | None:
    for _, line in lines:
        match = _DATE.search(fold(line))
        if match:
            day, month, year = (int(g) for g in match.groups())
            return f"{day:02d}/{month:02d}/{year}"  # checked as the issued cell is
    return None


def _issuer(document: Document) -> str | None:
    """The lines above the number in its chunk (the header block's left cell), separators
    left out."""
    for chunk in document.chunks:
        at = next((i for i, line in enumerate(chunk) if _NUMBER.match(line)), None)
        if at is not None:
            names = [line.strip() for line in chunk[:at] if not _SEPARATOR.match(line)]
            return " ".join(names) or None
    return None


def _title(document: Document) -> str | None:
    """The line(s) under the document type, up to a separator, the body, or (in Word) the first
    line not centered."""
    flat = [(i, line.strip()) for i, chunk in enumerate(document.chunks) for line in chunk]
    at = next((k for k, (_, line) in enumerate(flat) if fold(line) in _TYPES), None)
    if at is None:
        return None
    title: list[str] = []
    for chunk, line in flat[at + 1:at + 1 + MAX_TITLE_LINES]:
        folded = fold(line)
        if (not line or _SEPARATOR.match(line) or folded.startswith(_BODY_STARTS)
                or document.centered and chunk not in document.centered):
            break
        title.append(line)
    return " ".join(title) or None


def _signer(lines: list[tuple[int, str]]) -> str | None:
    """The name under the last signing title (KT. CHỦ TỊCH, PHÓ CHỦ TỊCH): the first line after
    it that is not in capitals nor in brackets ('(Đã ký)')."""
    last = max((k for k, (_, line) in enumerate(lines) if _SIGNING.match(fold(line))),
               default=None)
    if last is None:
        return None
    for _, line in lines[last + 1:]:
        text = line.strip()
        if text and not text.isupper() and not text.startswith(("(", "[")) \
                and not _SEPARATOR.match(text) and not fold(text).startswith("noi nhan"):
            return text
    return None


def task_tables(document: Document, aliases: dict[str, str], fields: tuple[str, ...],
                column_map: dict[str, str]) -> list[_TaskTable]:
    """The tables whose header names the tasks' content and lead unit."""
    mapped = {fold(name): wanted for name, wanted in column_map.items()}
    found = []
    for number, rows in enumerate(document.tables, 1):
        for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            named = [field_of(cell.replace("\n", " "), fields, aliases, mapped) for cell in row]
            if "content" in named and "unit" in named:
                found.append(_TaskTable(number, at, named))
                break
    if not found:
        raise InvalidValue(
            "{path}: no table of tasks found (a header naming the task and its lead unit: "
            "'Nội dung nhiệm vụ', 'Cơ quan chủ trì')",
            "name the columns with --map \"Header=content\", --map \"Header=unit\"",
            path=document.path)
    return found


def as_table(document: Document, found: Directive, tables: list[_TaskTable]) -> Table:
    """The task tables as one sheet of rows under one header: the directive's columns, then the
    tables' columns (each field once; columns no task has kept by their header, so the import
    says it ignored them). Group rows become the group of the tasks under them; codes that
    start again in each group are prefixed with the group's numeral (II.3) to stay distinct."""
    header = list(DIRECTIVE_COLUMNS)
    position: dict[str, int] = {}
    for table in tables:
        names = document.tables[table.number - 1][table.header_row]
        for name, wanted in zip(names, table.fields, strict=False):
            key = wanted or fold(name)
            if key and key not in position:
                position[key] = len(header)
                header.append(" ".join(name.split()))
    places: dict[int, tuple[int, int]] = {}
    records: list[Record] = []
    for table in tables:
        records.extend(_records(document, found, table, header, position, places))
    _check_codes(records, header.index("group"), position.get("code"))
    for line, cells in records:  # the other rows are the evidence of which font it is
        check_legacy(document.path, line, cells,
                     lambda: ("\x1f".join(cells) for _, cells in records))

    def place(line: int) -> Text:
        table, row = places[line]
        return Text("table {table}, row {row}", table=table, row=row)

    return Table(document.path, header, iter(records), lambda: (len(records), len(records)),
                 header_line=0, place=place)


def _records(document: Document, found: Directive, table: _TaskTable, header: list[str],
             position: dict[str, int], places: dict[int, tuple[int, int]]) -> Iterator[Record]:
    rows = document.tables[table.number - 1]
    names = rows[table.header_row]
    columns = [position.get(wanted or fold(name)) for name, wanted in
               zip(names, table.fields, strict=False)]
    code_at = table.fields.index("code") if "code" in table.fields else None
    content_at = table.fields.index("content")
    unit_at = table.fields.index("unit")
    group = ""
    for at in range(table.header_row + 1, len(rows)):
        row = rows[at] + [""] * (len(names) - len(rows[at]))
        content = row[content_at]
        if row == names or _COLUMN_NUMBERS.match(content):
            continue  # the header again (a new page) or the column numbers (1) (2) (3)
        label = _group_label(row, code_at, content_at, unit_at)
        if label is not None:
            group = label
            continue
        if not any(cell.strip() for cell in row):
            continue
        cells = [*found.cells(), group] + [""] * (len(header) - len(DIRECTIVE_COLUMNS))
        for column, text in zip(columns, row, strict=False):
            if column is not None:
                cells[column] = text
        line = len(places) + 1
        places[line] = (table.number, at + 1)
        yield line, cells


def _group_label(row: list[str], code_at: int | None, content_at: int,
                 unit_at: int) -> str | None:
    """The group a row opens (`I. CÔNG TÁC CẢI CÁCH THỂ CHẾ`), or None when it is a task: a row
    without a lead unit whose number is a Roman numeral or a letter, or whose only text (a cell
    merged across the row) starts with one."""
    if row[unit_at].strip() and row[unit_at] != row[content_at]:
        return None
    code = row[code_at].strip() if code_at is not None else ""
    content = " ".join(row[content_at].split())
    if code and _ROMAN.match(code):
        return f"{code.rstrip('.')}. {content}" if content and content != code else code
    texts = {" ".join(cell.split()) for cell in row if cell.strip()}
    if len(texts) == 1:
        (text,) = texts
        if _GROUP_TEXT.match(text) or text.isupper():
            return text
    return None


def _check_codes(records: list[Record], group_at: int, code_at: int | None) -> None:
    """Codes numbered again in each group (1, 2 under I; 1, 2 under II) would name two tasks
    alike: then every code is prefixed with its group's numeral (I.1, II.1)."""
    if code_at is None:
        return
    seen: dict[str, str] = {}
    again = False
    for _, cells in records:
        code, group = cells[code_at].strip(), cells[group_at]
        if code in seen and seen[code] != group:
            again = True
            break
        seen.setdefault(code, group)
    if not again:
        return
    for _, cells in records:
        numeral = cells[group_at].split(".")[0].strip()
        if numeral and cells[code_at].strip() and _ROMAN.match(numeral):
            cells[code_at] = f"{numeral}.{cells[code_at].strip()}"

