"""Tests that kill mutants of export that the other tests let live (bench/mutation.py,
docs/mutation.md): each names the breakage it catches."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
from conftest import Run


def test_an_xlsx_export_is_headed_in_the_readers_language_with_date_cells(
    office: Run, tmp_path: Path
) -> None:
    """The header a person reads is in --lang, by the kind of row (a unit's code is 'Mã đơn
    vị', a task's 'Mã'); the sheet is named after what it holds; dates are date cells."""
    tasks, units = tmp_path / "t.xlsx", tmp_path / "u.xlsx"
    office("--lang", "vi", "export", "-o", str(tasks))
    office("--lang", "vi", "export", "--what", "units", "-o", str(units))
    book = openpyxl.load_workbook(tasks)
    assert book.sheetnames == ["tasks"]
    sheet = book["tasks"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Văn bản", "Ngày ban hành"] and header[5] == "Mã"
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Ngày ban hành"] == datetime(2023, 2, 14)
    assert row["Ngày giao"] == datetime(2023, 2, 14)
    assert row["Hạn xử lý"] == datetime(2023, 3, 15)
    assert [c.value for c in openpyxl.load_workbook(units)["units"][1]] == [
        "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Trực thuộc", "Email", "Đồng gửi"]


def test_the_completion_exported_is_the_one_in_force(dondoc: Run) -> None:
    """Done, reopened and done again on one day: the export names the last completion's
    document, not the first one's."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "1/KH", "--issued", "01/02/2023")
    dondoc("task", "add", "1/KH", "Báo cáo", "--unit", "SXD", "--due", "01/03/2023")
    dondoc("done", "1", "--on", "15/03/2023", "--ref", "BC 1")
    dondoc("reopen", "1", "--on", "15/03/2023")
    dondoc("done", "1", "--on", "15/03/2023", "--ref", "BC 2")
    (task,) = json.loads(dondoc("export", "-f", "json"))
    assert (task["done"], task["done_ref"]) == ("2023-03-15", "BC 2")
