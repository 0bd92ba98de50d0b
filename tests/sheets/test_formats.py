"""File formats in and out, with real files as Excel, Windows and scripts write them: encodings,
old fonts, both XLSX readers, formula quoting, and the exports read back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, Run
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sheetfiles import HEADER, ROWS, state, tasks, units, write_csv

from dondoc import text
from dondoc.register.dialect import SQLITE
from dondoc.sheets import formats as sheets
from dondoc.sheets.export import csv_text_sql

# File formats are read and written the same whatever the register: run once, on a file
# (imports and exports on a server: test_task_import, test_roundtrip, test_imports).
pytestmark = pytest.mark.sqlite_only


def test_cp1258_file_reads_with_its_encoding_and_is_recognised_without(
    dondoc: Run, tmp_path: Path
) -> None:
    units(dondoc)
    # What Excel's plain "CSV" writes on a Vietnamese Windows: cp1258, tone marks combining.
    f = write_csv(tmp_path / "cp.csv", ROWS, encoding="cp1258")
    assert "\u0323".encode("cp1258") in f.read_bytes()  # the dot below is a byte of its own
    err = dondoc.fails("import", str(f))
    assert f"{f}:1: not UTF-8 text: it looks like cp1258" in err and "--encoding cp1258" in err
    dondoc("import", str(f), "--encoding", "cp1258")
    assert [t["content"] for t in tasks(dondoc)] == ["Báo cáo tiến độ GPMB", "Rà soát quy hoạch"]
    assert dondoc("unit", "list", "-f", "csv").count("Sở Xây dựng") == 1  # NFC: one unit


def test_old_tcvn3_and_vni_text_is_refused_with_how_to_convert(
    dondoc: Run, tmp_path: Path, isolated: Path
) -> None:
    units(dondoc)
    before = state(isolated)
    # TCVN3 (.VnTime) text saved as CSV UTF-8: 'Hà Nội' reads 'Hµ Néi'.
    rows = [[*ROWS[0][:3], "B¸o c¸o UBND thµnh phè Hµ Néi", *ROWS[0][4:]]]
    err = dondoc.fails("import", str(write_csv(tmp_path / "tcvn3.csv", rows)))
    assert "tcvn3.csv:2: 'B¸o c¸o UBND thµnh phè Hµ Néi' is text in the old TCVN3 font" in err
    assert "Unikey" in err
    # The same font's bytes in a file that is not UTF-8 at all.
    raw = tmp_path / "tcvn3-bytes.csv"
    raw.write_bytes(",".join(HEADER).encode() + b"\r\n847,14/02/2023,1,H\xb5 N\xe9i,SXD,,,\r\n")
    assert "text in the old TCVN3 font encoding" in dondoc.fails("import", str(raw))
    vni = [[*ROWS[0][:3], "Baùo caùo UBND thaønh phoá Haø Noäi", *ROWS[0][4:]]]
    assert "old VNI font" in dondoc.fails("import", str(write_csv(tmp_path / "vni.csv", vni)))
    assert state(isolated) == before


@pytest.mark.parametrize("streamed", [False, True])
def test_xlsx_with_date_cells_and_with_text_dates(
    dondoc: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    if streamed:  # as a sheet too big to read whole is
        monkeypatch.setattr(sheets, "XLSX_WHOLE_MAX_BYTES", 0)
    units(dondoc)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    book.create_sheet("Năm 2023")
    sheet.append(HEADER)
    sheet.append(["847/QĐ-UBND", datetime(2023, 2, 14), 1, "Báo cáo tiến độ GPMB",
                  "Sở Xây dựng", None, datetime(2023, 3, 15), None])
    sheet.append(["847/QĐ-UBND", date(2023, 2, 14), 2, "Rà soát quy hoạch", "SXD",
                  "UBND huyện Đông Anh", date(2023, 3, 1), date(2023, 3, 5)])
    text_dates = book["Năm 2023"]
    text_dates.append(HEADER)
    text_dates.append(["12/TB-UBND", "09/01/2023", "1", "Kiểm tra", "dong anh", "",
                       "31/1/2023", ""])
    f = tmp_path / "so theo doi.xlsx"
    book.save(f)
    out = dondoc("import", str(f))
    assert "2 rows: 2 new" in out
    found = tasks(dondoc)
    assert [(t["code"], t["due"], t["done"]) for t in found] == [
        ("1", "2023-03-15", None), ("2", "2023-03-01", "2023-03-05")]
    assert "2 rows: 0 new, 0 updated, 2 unchanged" in dondoc("import", str(f))
    dondoc("import", str(f), "--sheet", "Năm 2023")
    assert tasks(dondoc)[-1]["due"] == "2023-01-31"
    err = dondoc.fails("import", str(f), "--sheet", "2024")
    assert "no sheet '2024'" in err and "Tổng hợp, Năm 2023" in err


def test_both_xlsx_readers_give_the_same_cells(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["B3"] = "Số, ký hiệu"  # a header that does not start in A1
    sheet["C3"] = "Thời hạn"
    sheet["E3"] = "Ghi chú"
    sheet.append([None, "847/QĐ-UBND", datetime(2023, 3, 15, 0, 0), 7, 2.5, True])
    sheet.append([None, None, None, None, None])
    sheet.append([None, "=1+1", "15/03/2023", 1e20, "  trắng  "])
    f = tmp_path / "odd.xlsx"
    book.save(f)

    def read() -> tuple[list[str], list[tuple[int, list[str]]]]:
        with sheets.read_table(str(f)) as table:
            return table.header, [(line, cells) for line, cells in table.records if any(cells)]

    whole = read()
    monkeypatch.setattr(sheets, "XLSX_WHOLE_MAX_BYTES", 0)
    streamed = read()
    assert whole[1][0] == (4, ["", "847/QĐ-UBND", "2023-03-15", "7", "2.5", "True"])
    assert [line for line, _ in whole[1]] == [4, 6]
    assert [(line, cells[1:5]) for line, cells in streamed[1]] == \
        [(line, cells[1:5]) for line, cells in whole[1]]
    assert whole[0][1:] == streamed[0][1:] == ["Số, ký hiệu", "Thời hạn", "", "Ghi chú"]


def test_exports_are_safe_to_open_and_import_back_as_written(
    dondoc: Run, tmp_path: Path
) -> None:
    units(dondoc)
    risky = ["=HYPERLINK(\"http://x\",\"bấm\")", "+84 912 345 678", "-5 ngày", "@SUM(A1)",
             "'trích dẫn'", "''", "'=1"]
    rows = [[*ROWS[0][:2], str(n), text, "SXD", "", "", ""] for n, text in enumerate(risky, 1)]
    f = tmp_path / "t.json"
    f.write_text(json.dumps([dict(zip(["directive", "issued", "code", "content", "unit"], r[:5],
                                      strict=True)) for r in rows], ensure_ascii=False),
                 encoding="utf-8")
    dondoc("import", str(f))
    assert [t["content"] for t in tasks(dondoc)] == risky
    exported = tmp_path / "out.csv"
    dondoc("export", "-o", str(exported))
    for cell in [row[6] for row in csv.reader(io.StringIO(exported.read_text("utf-8-sig")))][1:]:
        assert cell.startswith("'") or cell[0] not in "=+-@"
    book = tmp_path / "out.xlsx"
    dondoc("export", "-o", str(book))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:2] == ["Directive", "Issued"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert [r[6] for r in sheet.iter_rows(min_row=2, values_only=True)] == risky
    assert isinstance(sheet["B2"].value, datetime)  # a real date cell, shown day first
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    for path in (exported, book):
        assert "7 unchanged" in dondoc("import", str(path))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_example_register_exports_and_imports_back(
    dondoc: Run, tmp_path: Path, fmt: str
) -> None:
    dondoc("import", str(EXAMPLES / "hanoi-2023.csv"), "--create-units")
    exported = tmp_path / f"tasks.{fmt}"
    dondoc("export", "-o", str(exported))
    units_file = tmp_path / "units.csv"
    dondoc("export", "--what", "units", "-o", str(units_file))
    other = str(tmp_path / "other.sqlite3")
    dondoc("--db", other, "import", "--what", "units", str(units_file))
    assert "36 new" in dondoc("--db", other, "import", str(exported))
    again = tmp_path / f"again.{fmt}"
    dondoc("--db", other, "export", "-o", str(again))
    if fmt == "xlsx":
        def cells(path: Path) -> list[tuple[object, ...]]:
            sheet = openpyxl.load_workbook(path).active
            assert sheet is not None
            return list(sheet.iter_rows(values_only=True))
        assert cells(again) == cells(exported)
    else:
        assert again.read_bytes() == exported.read_bytes()


# What a spreadsheet runs as a formula (or reads as the apostrophe that prevents it), written
# out here and not taken from sheets.FORMULA_START: dropping one there must fail a test.
FORMULA_START = "=+-@\t\r'"
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, st.builds(str.__add__, st.sampled_from(FORMULA_START), any_text)))
@example("=1")
@example("+1")
@example("-1")
@example("@A1")
@example("\t=1")
@example("\r=1")
@example("'=1")
@example("'")
@example("")
def test_export_sql_quotes_cells_as_sheets_quote_does(value: str) -> None:
    """CSV export quotes in SQL for speed; it must be the rule import undoes (sheets.quote), and
    that rule puts an apostrophe before exactly the cells that start a formula."""
    conn = sqlite3.connect(":memory:")
    (quoted,) = conn.execute(f"SELECT {csv_text_sql('?', SQLITE)}".replace("?", ":v"),
                             {"v": value}).fetchone()
    assert quoted == sheets.quote(value)
    assert quoted == ("'" + value if value[:1] and value[0] in FORMULA_START else value)
    assert sheets.unquote(quoted) == value


# Encoders from the published tables, to write text as an old-font document has it: each byte
# of the font shown as the Latin-1 character of the same code, as Excel saves it.
# TCVN3 (TCVN 5712:1993 VN3, the ABC fonts): one byte a letter; capitals only for the 7 letters.
TCVN3_BYTES = {
    "à": 0xB5, "á": 0xB8, "ả": 0xB6, "ã": 0xB7, "ạ": 0xB9,
    "ă": 0xA8, "ằ": 0xBB, "ắ": 0xBE, "ẳ": 0xBC, "ẵ": 0xBD, "ặ": 0xC6,
    "â": 0xA9, "ầ": 0xC7, "ấ": 0xCA, "ẩ": 0xC8, "ẫ": 0xC9, "ậ": 0xCB, "đ": 0xAE,
    "è": 0xCC, "é": 0xD0, "ẻ": 0xCE, "ẽ": 0xCF, "ẹ": 0xD1,
    "ê": 0xAA, "ề": 0xD2, "ế": 0xD5, "ể": 0xD3, "ễ": 0xD4, "ệ": 0xD6,
    "ì": 0xD7, "í": 0xDD, "ỉ": 0xD8, "ĩ": 0xDC, "ị": 0xDE,
    "ò": 0xDF, "ó": 0xE3, "ỏ": 0xE1, "õ": 0xE2, "ọ": 0xE4,
    "ô": 0xAB, "ồ": 0xE5, "ố": 0xE8, "ổ": 0xE6, "ỗ": 0xE7, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ớ": 0xED, "ở": 0xEB, "ỡ": 0xEC, "ợ": 0xEE,
    "ù": 0xEF, "ú": 0xF3, "ủ": 0xF1, "ũ": 0xF2, "ụ": 0xF4,
    "ư": 0xAD, "ừ": 0xF5, "ứ": 0xF8, "ử": 0xF6, "ữ": 0xF7, "ự": 0xF9,
    "ỳ": 0xFA, "ý": 0xFD, "ỷ": 0xFB, "ỹ": 0xFC, "ỵ": 0xFE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}


def tcvn3(text: str) -> str:
    """`text` in TCVN3; a capital with a tone is written as its small letter, as typists did."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = TCVN3_BYTES.get(ch, TCVN3_BYTES.get(ch.lower()))
        out.append(chr(code) if code is not None else ch)
    return "".join(out)


# VNI Windows: the vowel, then one byte for its marks (lower case; capitals use the byte's
# capital); đ ơ ư and i, ỵ with a tone are one byte.
VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
VNI_CIRCUMFLEX = {"": 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3,
                  "\u0323": 0xE4}
VNI_BREVE = {"": 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC,
             "\u0323": 0xEB}
VNI_LETTER = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "ì": 0xEC, "í": 0xED, "ỉ": 0xE6, "ĩ": 0xF3,
              "ị": 0xF2, "ỵ": 0xEE}


def vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        lower = ch.lower()
        shift = 0x20 if ch != lower else 0  # a capital's byte is its small letter's - 0x20
        if lower in VNI_LETTER:
            out.append(chr(VNI_LETTER[lower] - shift))
            continue
        base, *marks = list(unicodedata.normalize("NFD", lower))
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
        tone = next((m for m in marks if m in VNI_TONE), "")
        if shape == "\u031b":  # ơ, ư: the one-byte letter, then the tone
            letter = chr(VNI_LETTER[unicodedata.normalize("NFC", base + shape)] - shift)
            out += [letter, chr(VNI_TONE[tone] - shift) if tone else ""]
        elif shape:
            table = VNI_CIRCUMFLEX if shape == "\u0302" else VNI_BREVE
            out += [base.upper() if shift else base, chr(table[tone] - shift)]
        elif tone:
            out += [base.upper() if shift else base, chr(VNI_TONE[tone] - shift)]
        else:
            out.append(ch)
    return "".join(out)


def test_the_encoders_give_what_old_documents_show() -> None:
    assert tcvn3("Số, ký hiệu") == "Sè, ký hiÖu"
    assert tcvn3("Ngày") == "Ngµy"
    assert tcvn3("Đơn vị") == "§¬n vÞ"
    assert tcvn3("Hà Nội") == "Hµ Néi"
    assert vni("Hà Nội") == "Haø Noäi"
    assert vni("Xin chào các bạn") == "Xin chaøo caùc baïn"
    assert vni("Đơn vị thực hiện") == "Ñôn vò thöïc hieän"


def legacy_sheet(encode: Callable[[str], str]) -> tuple[list[str], list[list[str]]]:
    return [encode(h) for h in HEADER], [[encode(c) for c in row] for row in ROWS]


@pytest.mark.parametrize(("font", "encode"), [("TCVN3", tcvn3), ("VNI", vni)])
def test_a_sheet_typed_in_an_old_font_is_named_for_its_font(
    dondoc: Run, tmp_path: Path, isolated: Path, font: str, encode: Callable[[str], str]
) -> None:
    units(dondoc)
    before = state(isolated)
    header, rows = legacy_sheet(encode)
    err = dondoc.fails("import", str(write_csv(tmp_path / "old.csv", rows, header)))
    assert f"old.csv:1: {header[0]!r} is text in the old {font} font encoding, not Unicode " \
        f"(in {font} it reads 'Số, ký hiệu')" in err
    assert f"from {font} to Unicode" in err
    book = openpyxl.Workbook()
    book.active.append(header)  # type: ignore[union-attr]
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    book.save(tmp_path / "old.xlsx")
    err = dondoc.fails("import", str(tmp_path / "old.xlsx"))
    assert f"old.xlsx:1: {header[0]!r} is text in the old {font} font encoding" in err
    assert state(isolated) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_old_font_text_deep_in_a_file_is_refused(
    dondoc: Run, tmp_path: Path, isolated: Path, fmt: str
) -> None:
    units(dondoc)
    before = state(isolated)
    rows = [[f"{n}/QĐ-UBND", "14/02/2023", "1", f"Việc số {n}", "Sở Xây dựng", "",
             "15/03/2023", ""] for n in range(1, 1500)]
    rows[1399][3] = "Báo cáo UBND thành phố Hµ Néi"  # line 1,401: the header is line 1
    path = tmp_path / f"late.{fmt}"
    if fmt == "csv":
        write_csv(path, rows)
    elif fmt == "xlsx":
        book = openpyxl.Workbook()
        book.active.append(HEADER)  # type: ignore[union-attr]
        for row in rows:
            book.active.append(row)  # type: ignore[union-attr]
        book.save(path)
    else:  # as export writes it: one object a line after the bracket, so line = place + 1
        path.write_text("[\n" + ",\n".join(json.dumps(dict(zip(HEADER, row, strict=True)),
                                                      ensure_ascii=False) for row in rows)
                        + "\n]\n", encoding="utf-8")
    err = dondoc.fails("import", str(path))
    assert f"late.{fmt}:1401: 'Báo cáo UBND thành phố Hµ Néi' is text in the old TCVN3 font " \
        "encoding, not Unicode (in TCVN3 it reads 'Báo cáo UBND thành phố Hà Nội')" in err
    assert state(isolated) == before


def test_the_font_is_told_by_the_file_not_by_its_first_cell(
    dondoc: Run, tmp_path: Path
) -> None:
    units(dondoc)
    # 'Chuû trì' (VNI for 'Chủ trì') reads as Vietnamese in TCVN3 too ('Chuỷ trỡ'): alone, it
    # would be named TCVN3; the rest of the file is plainly VNI.
    first = vni("Chủ trì")
    assert text.legacy_font([first]) == "TCVN3"
    rows = [[*ROWS[0][:3], first, *ROWS[0][4:]], *[[vni(c) for c in ROWS[1]]] * 3]
    err = dondoc.fails("import", str(write_csv(tmp_path / "vni.csv", rows)))
    assert "vni.csv:2: 'Chuû trì' is text in the old VNI font encoding, not Unicode (in VNI it " \
        "reads 'Chủ trì')" in err
