"""Lateness in days and working days, and completion rates against original deadlines, in the
reports (the calendar itself is tested in tests/deadlines/test_workdays.py)."""

from __future__ import annotations

import json

from conftest import Run


def test_lateness_in_days_and_working_days_and_what_is_due_soon(office: Run) -> None:
    """The office's tasks are due 20/02, 01/03 and 15/03/2023; Tết 2023 was 20-26 January."""
    office("directive", "add", "9/KH-UBND", "--issued", "03/01/2023")
    office("task", "add", "9/KH-UBND", "Trước Tết", "--unit", "SXD", "--due", "19/01/2023")
    rows = json.loads(office("overdue", "--as-of", "01/02/2023", "-f", "json"))
    # 19/01 (Thu) to 01/02 (Wed): 13 days late; Tết Quý Mão was off from 20 to 26 January,
    # so the working days late are 27/01 (Fri), 30/01, 31/01 and 01/02.
    assert [(r["code"], r["days_overdue"], r["workdays_overdue"]) for r in rows] == [
        ("1", 13, 4)]
    rows = json.loads(office("overdue", "--as-of", "20/03/2023", "-f", "json"))
    assert [(r["directive"], r["code"], r["days_overdue"]) for r in rows] == [
        ("9/KH-UBND", "1", 60), ("847/QĐ-UBND", "3", 28), ("847/QĐ-UBND", "2", 19),
        ("847/QĐ-UBND", "1", 5)]
    assert [r["code"] for r in json.loads(office(
        "overdue", "--as-of", "20/03/2023", "--min-days", "20", "-f", "json"))] == ["1", "3"]
    summary = json.loads(office("overdue", "--as-of", "20/03/2023", "--summary", "-f", "json"))
    assert [(r["unit"], r["total"], r["late_1_30"], r["late_31_90"]) for r in summary] == [
        ("Sở Xây dựng", 2, 1, 1), ("UBND huyện Đông Anh", 1, 1, 0),
        ("UBND xã Vân Nội", 1, 1, 0)]
    # Due soon, as of Friday 10/03/2023: 3 working days reach Wednesday 15/03.
    rows = json.loads(office("due", "--as-of", "10/03/2023", "-f", "json"))
    assert [(r["code"], r["days_left"], r["workdays_left"]) for r in rows] == [("1", 5, 3)]
    assert json.loads(office("due", "--as-of", "10/03/2023", "--within", "4", "--days",
                             "-f", "json")) == []


def test_completion_against_original_deadlines(office: Run) -> None:
    """Task 2 (due 01/03) is extended to 10/03 and done on 05/03: on time against the deadline
    in force, late against the original; task 1 (due 15/03) is extended to 31/03 and still open
    on 20/03: on time, or overdue against the original."""
    office("extend", "2", "--to", "10/03/2023", "--on", "27/02/2023", "--ref", "CV 45")
    office("done", "2", "--on", "05/03/2023")
    office("extend", "1", "--to", "31/03/2023", "--on", "14/03/2023")

    def counts(*extra: str) -> dict[str, tuple[int, int, int, int]]:
        rows = json.loads(office("completion", "--as-of", "20/03/2023", "-f", "json", *extra))
        return {r["unit"]: (r["done_on_time"], r["done_late"], r["open_on_time"],
                            r["open_overdue"]) for r in rows}

    assert counts()["Sở Xây dựng"] == (1, 0, 1, 0)
    assert counts()["UBND huyện Đông Anh"] == (0, 0, 1, 0)
    original = counts("--against", "original")
    assert original["Sở Xây dựng"] == (0, 1, 1, 0)
    assert original["UBND huyện Đông Anh"] == (0, 0, 0, 1)
    rows = json.loads(office("overdue", "--as-of", "20/03/2023", "-f", "json"))
    # 1 is extended: not overdue as the rule counts; 3 (due 20/02) is.
    assert [r["code"] for r in rows] == ["3"]
    shown = json.loads(office("task", "show", "2", "-f", "json"))
    assert shown["original_due"] == "2023-03-01" and shown["due"] == "2023-03-10"
    assert shown["extensions"] == [{"granted": "2023-02-27", "to": "2023-03-10", "ref": "CV 45"}]
    exported = {(r["code"]): r for r in json.loads(office("export", "--format", "json"))}
    assert (exported["2"]["due"], exported["2"]["extensions"], exported["2"]["current_due"]) == (
        "2023-03-01", "2023-02-27 -> 2023-03-10 (CV 45)", "2023-03-10")
    assert (exported["3"]["extensions"], exported["3"]["current_due"]) == (None, "2023-02-20")
