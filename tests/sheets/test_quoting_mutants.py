"""Tests that kill mutants of the CSV/XLSX formula quoting and of export that the other tests
let live (bench/mutation.py, docs/mutation.md): each names the breakage it catches."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from dondoc.sheets import formats as sheets
from dondoc.sheets.formats import Sheet, quote, unquote, write_table


def csv_bytes(rows: list[list[object]], bom: bool, final: bool = False) -> bytes:
    out = io.BytesIO()
    write_table(out, "csv", Sheet(["a", "b"], ["A", "B"], frozenset(), rows, final=final),
                bom=bom)
    return out.getvalue()


def test_csv_is_written_as_excel_opens_it() -> None:
    """Byte for byte: a byte-order mark only when asked (Excel needs it for Vietnamese text;
    a pipe does not want it), CRLF line ends, text that starts a formula after an apostrophe,
    numbers and empty cells as they are."""
    rows: list[list[object]] = [["=1+2", 3], ["Hà Nội", None]]
    body = "a,b\r\n'=1+2,3\r\nHà Nội,\r\n".encode()
    assert csv_bytes(rows, bom=True) == b"\xef\xbb\xbf" + body
    assert csv_bytes(rows, bom=False) == body
    # Rows export's SQL quoted already are written as they are, not quoted twice.
    assert csv_bytes([["'=1+2", 3]], bom=False, final=True) == b"a,b\r\n'=1+2,3\r\n"


@pytest.mark.parametrize("start", list("=+-@\t\r'"))
def test_each_formula_start_is_quoted_and_read_back(start: str) -> None:
    assert quote(start + "x") == "'" + start + "x"
    assert unquote(quote(start + "x")) == start + "x"
    assert quote("x" + start) == "x" + start


@pytest.mark.parametrize(("cell", "read"), [
    ("'", "'"),  # a lone apostrophe was typed so: nothing follows it to protect
    ("''", "'"),  # an apostrophe typed first, quoted
    ("'a", "'a"),  # an apostrophe before ordinary text was typed, not added by export
    ("'=", "="),
    ("", ""),
])
def test_only_the_apostrophe_export_adds_is_taken_off(cell: str, read: str) -> None:
    assert unquote(cell) == read


def test_reading_a_csv_takes_off_the_apostrophes(tmp_path: Path) -> None:
    """The apostrophe comes off every cell of a record that has one, and only such cells."""
    path = tmp_path / "q.csv"
    path.write_text("a,b,c\r\n'=1,'-2,x\r\nplain,'b,''\r\n", encoding="utf-8")
    with sheets.read_table(str(path)) as table:
        assert [cells for _, cells in table.records] == [["=1", "-2", "x"], ["plain", "'b", "'"]]


def test_an_xlsx_is_laid_out_for_reading(tmp_path: Path) -> None:
    """Beside the typed text cells (test_sheets.py): the sheet is named, the header bold,
    date columns 12 characters wide, the others by the kind of field (10 when unknown), and a
    text that starts with '=' is text, not a formula."""
    path = tmp_path / "t.xlsx"
    with path.open("wb") as out:
        write_table(out, "xlsx", Sheet(["due", "content", "code"], ["Due", "Content", "Code"],
                                       frozenset({"due"}), [["2026-10-14", "=1+2", "=A1"]],
                                       title="tasks"))
    book = openpyxl.load_workbook(path)
    sheet = book["tasks"]
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [12, 60, 10]
    assert [c.font.b for c in sheet[1]] == [True, True, True]
    assert [(c.value, c.data_type) for c in sheet[2]][1:] == [("=1+2", "s"), ("=A1", "s")]
