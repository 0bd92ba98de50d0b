"""dondoc import PLAN.docx / PLAN.pdf: a directive read from its own document, built here with
python-docx the way offices write them (tests/plans.py), and exported to PDF by LibreOffice where
it is installed."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run
from plans import EVERY_DEADLINE, Plan, build, soffice, to_pdf
from sheetfiles import nothing_made

NUMBER = "135/KH-UBND"


def tasks(dondoc: Run) -> dict[str, dict[str, str | None]]:
    """The register's tasks as export writes them, by code."""
    rows = json.loads(dondoc("export", "--what", "tasks", "--format", "json"))
    return {row["code"]: row for row in rows}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(Plan(groups=EVERY_DEADLINE), tmp_path / "ke-hoach.docx")


def test_the_dry_run_shows_the_directive_and_every_task_as_stored(dondoc: Run, plan: Path,
                                                                   isolated: Path) -> None:
    out = dondoc("import", str(plan), "--create-units", "--dry-run")
    assert "Directive: 135/KH-UBND\nIssued: 19/04/2023\n" in out
    assert "Issuer: ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\n" in out
    assert ("Title: Khắc phục tồn tại, hạn chế sau thanh tra công tác cải cách hành chính năm "
            "2023\n") in out
    assert "Signer: Hà Minh Hải\n" in out
    assert "Quý II/2023" in out and "I. CÔNG TÁC CẢI CÁCH THỂ CHẾ" in out
    assert "12 rows: 12 new" in out and "(dry run: nothing written)" in out
    assert "1 without a deadline" in out  # Theo tiến độ dự án, flagged
    assert "Báo cáo tiến độ" in out and "quarter (--every)" in out and "2 recurring" in out
    assert nothing_made(dondoc, isolated)  # nothing written, no register made


def test_every_deadline_form_group_merged_cell_and_line_break(dondoc: Run, plan: Path) -> None:
    dondoc("import", str(plan), "--create-units")
    found = tasks(dondoc)
    due = {code: (row["due"], row["due_rule"]) for code, row in found.items() if "/" not in code}
    assert due == {
        "1": ("2023-06-30", None),
        "2": ("2023-06-30", "Trước ngày 30/6/2023"),
        "3": ("2023-06-30", "Tháng 6/2023"),
        "4": ("2023-06-30", "Quý II/2023"),
        "5": ("2023-10-02", "Quý 3 năm 2023"),  # 30/09 is a Saturday: the next working day
        "6": ("2023-06-30", "6 tháng đầu năm 2023"),
        "7": ("2024-01-02", "Năm 2023"),  # 31/12 a Sunday, 01/01 a holiday
        "8": ("2023-05-31", "Trong tháng 5"),  # the directive's year
        "9": (None, "Thường xuyên"),
        "12": (None, "Theo tiến độ dự án"),
    }
    one, two = found["1"], found["2"]
    assert one["group"] == "I. CÔNG TÁC CẢI CÁCH THỂ CHẾ"
    assert found["4"]["group"] == "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert one["content"] == "Rà soát văn bản quy phạm pháp luật\ndo Thành phố ban hành"
    assert one["co_units"] == "Sở Nội vụ; Văn phòng UBND Thành phố"
    assert two["unit"] == "Sở Tư pháp"  # merged down from task 1's cell
    assert (one["directive"], one["issued"], one["signer"]) == (NUMBER, "2023-04-19",
                                                                "Hà Minh Hải")
    shown = json.loads(dondoc("task", "show", f"{NUMBER}#1", "-f", "json"))
    assert shown["group"] == "I. CÔNG TÁC CẢI CÁCH THỂ CHẾ"
    # Thường xuyên is never overdue; Hằng quý and Định kỳ hằng tháng recur as --every makes.
    listed = json.loads(dondoc("task", "list", "--as-of", "15/08/2024", "-f", "json"))
    status = {row["code"]: row["status"] for row in listed}
    assert (status["9"], status["4"]) == ("open_on_time", "open_overdue")
    assert {"10/2023-Q2", "10/2023-Q3", "11/2023-05", "11/2023-07"} <= set(status)
    assert dondoc("task", "show", f"{NUMBER}#10/2023-Q2", "-f", "json")


def test_importing_the_document_again_changes_nothing(dondoc: Run, plan: Path,
                                                      tmp_path: Path) -> None:
    dondoc("import", str(plan), "--create-units")
    before = tasks(dondoc)
    out = dondoc("import", str(plan), "--dry-run")
    assert "12 rows: 0 new, 0 updated, 12 unchanged" in out
    dondoc("import", str(plan))
    assert tasks(dondoc) == before
    groups = [(g, [(*r[:1], "Rà soát lại" if r[0] == "3" else r[1], *r[2:]) for r in rows])
              for g, rows in EVERY_DEADLINE]
    changed = build(Plan(groups=groups), tmp_path / "v2.docx")
    out = dondoc("import", str(changed), "--dry-run")
    assert "0 new, 1 updated, 11 unchanged" in out
    assert "would update 135/KH-UBND#3: Nội dung nhiệm vụ: Công bố" in out


def test_a_bad_cell_refuses_the_document_naming_table_row_and_column(
        dondoc: Run, tmp_path: Path, isolated: Path) -> None:
    groups = [("I. NHIỆM VỤ", [("1", "Rà soát", "Sở Tư pháp", "", "30/6/2023", ""),
                              ("2", "Báo cáo", "Sở Tư pháp", "", "Quý V/2023", "")])]
    err = dondoc.fails("import", str(build(Plan(groups=groups), tmp_path / "kh.docx")),
                       "--create-units")
    # Table 1 is the header block; row 1 the header, 2 the column numbers, 3 the group row.
    assert ("kh.docx, table 2, row 5: column Thời gian hoàn thành: 'Quý V/2023' is not a date"
            in err)
    # The hint names the forms plans write, not only dates.
    assert "a period (10 ngày làm việc) or a plan's deadline (Quý II/2023, Tháng 6/2023" in err
    assert "Thường xuyên" in err and "Theo yêu cầu" in err
    assert nothing_made(dondoc, isolated)  # all or nothing: not even the register was made


def test_a_deadline_on_request_is_none_yet_and_flagged(dondoc: Run, tmp_path: Path) -> None:
    groups = [(None, [("1", "Báo cáo đột xuất", "Sở Tư pháp", "", "Theo yêu cầu", ""),
                      ("2", "Cung cấp hồ sơ", "Sở Nội vụ", "", "Khi có yêu cầu.", ""),
                      ("3", "Rà soát", "Sở Nội vụ", "", "Quý II/2023", "")])]
    out = dondoc("import", str(build(Plan(groups=groups), tmp_path / "kh.docx")),
                 "--create-units")
    assert ("3 rows: 3 new, 0 updated, 0 unchanged, 0 refused; 0 completions recorded; "
            "1 directive created, 0 updated; 2 without a deadline until one is set ('Theo tiến "
            "độ dự án', 'Theo yêu cầu': task edit --due)") in out
    found = tasks(dondoc)
    assert [(found[c]["due"], found[c]["due_rule"]) for c in ("1", "2", "3")] == [
        (None, "Theo yêu cầu"), (None, "Khi có yêu cầu."), ("2023-06-30", "Quý II/2023")]
    listed = json.loads(dondoc("task", "list", "--as-of", "15/08/2024", "-f", "json"))
    assert {row["code"]: row["status"] for row in listed}["1"] == "open_on_time"


def test_a_number_or_date_not_found_is_asked_for(dondoc: Run, tmp_path: Path) -> None:
    groups = [(None, [("1", "Rà soát", "Sở Tư pháp", "", "30/6/2023", "")])]
    no_number = build(Plan(number=None, groups=groups), tmp_path / "a.docx")
    err = dondoc.fails("import", str(no_number), "--create-units")
    assert "no number and symbol found" in err and "--number 135/KH-UBND" in err
    assert len(err.strip().splitlines()) == 1
    no_date = build(Plan(date_line=None, groups=groups), tmp_path / "b.docx")
    assert "--issued 19/04/2023" in dondoc.fails("import", str(no_date), "--create-units")
    out = dondoc("import", str(no_number), "--number", "77/KH-UBND", "--title", "Kế hoạch khác",
                 "--issuer", "UBND quận Ba Đình", "--signer", "Lê Văn B", "--create-units")
    row = tasks(dondoc)["1"]
    assert (row["directive"], row["title"], row["issuer"], row["signer"]) == (
        "77/KH-UBND", "Kế hoạch khác", "UBND quận Ba Đình", "Lê Văn B")
    assert "1 new" in out
    sheet = tmp_path / "t.csv"
    sheet.write_text("directive,issued,code,content,unit\n1/KH,01/02/2023,1,A,Sở Tư pháp\n")
    assert "go with a directive's document" in dondoc.fails("import", str(sheet),
                                                            "--number", "1/KH")


def test_group_numbers_that_start_again_are_kept_apart(dondoc: Run, tmp_path: Path) -> None:
    groups = [("I. THỂ CHẾ", [("1", "A", "Sở Tư pháp", "", "30/6/2023", ""),
                             ("2", "B", "Sở Tư pháp", "", "30/6/2023", "")]),
              ("II. THỦ TỤC", [("1", "C", "Sở Nội vụ", "", "30/6/2023", "")])]
    plan = Plan(groups=groups, merged_group_rows=True, merge_down=())
    dondoc("import", str(build(plan, tmp_path / "kh.docx")), "--create-units")
    found = tasks(dondoc)
    assert sorted(found) == ["I.1", "I.2", "II.1"]
    assert found["II.1"]["group"] == "II. THỦ TỤC" and found["II.1"]["content"] == "C"


def test_the_same_deadlines_in_a_spreadsheet(dondoc: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text("directive,issued,code,content,unit,due\n"
                     "1/KH,01/02/2023,1,A,Sở Tư pháp,Quý II/2023\n"
                     "1/KH,01/02/2023,2,B,Sở Tư pháp,Thường xuyên\n", encoding="utf-8")
    dondoc("import", str(sheet), "--create-units")
    found = tasks(dondoc)
    assert (found["1"]["due"], found["1"]["due_rule"]) == ("2023-06-30", "Quý II/2023")
    assert (found["2"]["due"], found["2"]["due_rule"]) == (None, "Thường xuyên")


def test_a_document_without_a_task_table_or_unreadable_is_one_line(dondoc: Run,
                                                                   tmp_path: Path) -> None:
    empty = build(Plan(groups=[]), tmp_path / "a.docx")
    # The table is there, with its header and no rows: nothing to import, nothing refused.
    assert "0 rows" in dondoc("import", str(empty), "--dry-run")
    broken = tmp_path / "b.docx"
    broken.write_bytes(b"not a word file")
    err = dondoc.fails("import", str(broken))
    assert "b.docx: cannot be read as a DOCX file" in err and len(err.strip().splitlines()) == 1


def test_legacy_font_text_in_a_document_is_refused(dondoc: Run, tmp_path: Path) -> None:
    groups = [(None, [("1", "B¸o c¸o UBND thµnh phè Hµ Néi", "Sở Tư pháp", "", "30/6/2023",
                       "")])]
    err = dondoc.fails("import", str(build(Plan(groups=groups), tmp_path / "kh.docx")),
                       "--create-units")
    assert "is text in the old TCVN3 font encoding" in err


SCANNED = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
4 0 obj << /Length 22 >> stream
10 10 200 200 re f
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def test_a_scanned_pdf_is_refused_pointing_to_the_word_file(dondoc: Run, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(SCANNED)
    err = dondoc.fails("import", str(scan))
    assert "scan.pdf has no text layer: it is a scan" in err and "Word file" in err


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the PDF "
                    "export of the plans cannot be made here")
def test_the_same_plan_as_a_pdf_gives_the_same_register(dondoc: Run, plan: Path,
                                                         tmp_path: Path) -> None:
    pdf = to_pdf(plan)
    out = dondoc("import", str(pdf), "--create-units", "--dry-run")
    assert "Directive: 135/KH-UBND\nIssued: 19/04/2023\n" in out
    assert "Signer: Hà Minh Hải" in out and "12 rows: 12 new" in out
    dondoc("import", str(pdf), "--create-units")
    from_pdf = tasks(dondoc)
    # A PDF's line breaks in a cell are where its column wrapped: read as spaces.
    assert from_pdf["1"]["content"] == "Rà soát văn bản quy phạm pháp luật do Thành phố ban hành"
    assert from_pdf["2"]["unit"] == "Sở Tư pháp"
    word = replace(Plan(groups=EVERY_DEADLINE), number="136/KH-UBND")
    dondoc("import", str(build(word, tmp_path / "w.docx")), "--create-units")
    rows = json.loads(dondoc("export", "--what", "tasks", "--format", "json"))
    by = {(r["directive"], r["code"]): r for r in rows}
    for code in ("2", "3", "4", "5", "9", "12"):
        same = ("due", "due_rule", "unit", "co_units", "group", "content")
        assert [by[(NUMBER, code)][f] for f in same] == [by[("136/KH-UBND", code)][f]
                                                        for f in same]


def test_pdf_rows_split_by_a_page_break_and_wrapped_cells_are_joined() -> None:
    """The example plan as LibreOffice exports it (pdfplumber's rows, page by page): task 2's due
    cell and task 7's text go on over a page break, the last page's table is that one row, and
    the date cell wrapped inside its digits."""
    from dondoc.sheets.documents import page_tables

    header: list[str | None] = ["STT", "Nội dung\nnhiệm vụ", "Cơ quan\nchủ trì",
                                "Thời gian\nhoàn\nthành"]
    pages: list[list[list[list[str | None]]]] = [
        [[header, ["1", "Đầu tư\nđồng bộ", "Sở Thông\ntin và\nTruyền\nthông", "Quý\nII/2023"],
          ["2", "Xây dựng,", "Sở Nội vụ", "Quý"]]],
        [[["", "rà soát nội\nquy", "", "I/2023"],
          ["3", "Tăng\ncường", "Thanh tra\nthành phố", "Trước\nngày\n15/02/202\n3"],
          ["4", "Rà soát vị\ntrí việc\nlàm, công chức", "Sở Nội vụ", "Ngày 15/\n3/2023"]]],
        [[["", "theo vị trí\nviệc làm", "", ""]]],
    ]
    assert page_tables(pages) == [[
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["1", "Đầu tư đồng bộ", "Sở Thông tin và Truyền thông", "Quý II/2023"],
        ["2", "Xây dựng, rà soát nội quy", "Sở Nội vụ", "Quý I/2023"],
        ["3", "Tăng cường", "Thanh tra thành phố", "Trước ngày 15/02/2023"],
        ["4", "Rà soát vị trí việc làm, công chức theo vị trí việc làm", "Sở Nội vụ",
         "Ngày 15/3/2023"]]]
    # A table opening with the header again is a table of its own; one row alone is no table.
    again: list[list[list[list[str | None]]]] = [
        [[header, ["1", "A", "B", "C"]]], [[header, ["2", "D", "E", "F"]]], [[["x", "y", "z"]]]]
    assert [len(rows) for rows in page_tables(again)] == [2, 2]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the PDF "
                    "export of the example plan cannot be made here")
def test_the_example_plan_as_a_pdf_gives_the_same_tasks(dondoc: Run, tmp_path: Path) -> None:
    """Its task 2's due cell and task 7's text go on over a page break; task 3's date wraps."""
    word = tmp_path / "ke-hoach.docx"
    word.write_bytes((EXAMPLES / "ke-hoach-135-KH-UBND.docx").read_bytes())
    pdf = to_pdf(word)
    assert "7 rows: 7 new" in dondoc("import", str(pdf), "--create-units")
    from_pdf = tasks(dondoc)
    other = str(tmp_path / "word.sqlite3")
    dondoc("--db", other, "import", str(word), "--create-units")
    from_word = {row["code"]: row for row in json.loads(dondoc(
        "--db", other, "export", "--what", "tasks", "--format", "json"))}
    assert from_pdf["7"]["content"] == ("Rà soát vị trí việc làm, quản lý cán bộ, công chức theo "
                                        "vị trí việc làm")
    assert (from_pdf["3"]["due"], from_pdf["2"]["due_rule"]) == ("2023-02-15", "Quý I/2023")
    for code, row in from_word.items():  # Word's line breaks in a cell are the PDF's spaces
        assert {**row, "content": " ".join(row["content"].split())} == from_pdf[code]


def test_the_example_plan_reads(dondoc: Run) -> None:
    """The README's example: examples/ke-hoach-135-KH-UBND.docx (bench/plan.py example)."""
    out = dondoc("import", str(EXAMPLES / "ke-hoach-135-KH-UBND.docx"), "--create-units",
                 "--dry-run")
    assert "Directive: 135/KH-UBND\nIssued: 16/01/2023\n" in out and "7 rows: 7 new" in out


def test_refused_rows_go_to_the_errors_file_and_the_rest_in(dondoc: Run, tmp_path: Path) -> None:
    groups = [("I. NHIỆM VỤ", [("1", "Rà soát", "Sở Tư pháp", "", "30/6/2023", ""),
                              ("2", "Báo cáo", "Sở Tư pháp", "", "Quý V/2023", "")])]
    errors = tmp_path / "loi.csv"
    dondoc("import", str(build(Plan(groups=groups), tmp_path / "kh.docx")), "--create-units",
           "--errors", str(errors), code=1)
    assert sorted(tasks(dondoc)) == ["1"]
    refused = errors.read_text("utf-8-sig").splitlines()
    assert len(refused) == 2 and "Quý V/2023" in refused[1] and "I. NHIỆM VỤ" in refused[1]


def test_the_word_and_pdf_libraries_load_only_for_documents(tmp_path: Path) -> None:
    """python-docx and pdfplumber cost time: a spreadsheet's import never loads them."""
    sheet = tmp_path / "t.csv"
    sheet.write_text("directive,issued,code,content,unit\n1/KH,01/02/2023,1,A,Sở Tư pháp\n")
    code = ("import sys; from dondoc.cli import main; sys.argv = ['dondoc', '--db', "
            f"{str(tmp_path / 'r.db')!r}, 'import', {str(sheet)!r}, '--create-units'];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('docx', 'pdfplumber', 'pdfminer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out
