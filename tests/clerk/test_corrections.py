"""Correcting a mistake keeps the trace: edits of tasks, units and directives, reassignments
from a date, voided events and tasks; through the real entry point."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest
import registers
from conftest import Run


def shown(dondoc: Run, task: str, *args: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(dondoc("task", "show", task, "-f", "json", *args))
    return result


def event_id(dondoc: Run, task: str, kind: str, on: str) -> int:
    """The id of the task's `kind` event of `on` (ISO), as `task show` gives it."""
    [found] = [e["id"] for e in shown(dondoc, task)["history"]
               if e["kind"] == kind and e["on"] == on]
    return int(found)


def by_unit(dondoc: Run, as_of: str) -> dict[str, tuple[int, int, int, int]]:
    rows = json.loads(dondoc("completion", "--as-of", as_of, "-f", "json"))
    return {r["unit"]: (r["done_on_time"], r["done_late"], r["open_on_time"], r["open_overdue"])
            for r in rows}


def listed(dondoc: Run, *args: str) -> list[int]:
    return [r["id"] for r in json.loads(dondoc("task", "list", "-f", "json", *args))]


# -- task edit: reassignment and correction ------------------------------------------------

def test_a_reassignment_keeps_the_unit_that_had_the_task_before(office: Run) -> None:
    out = office("task", "edit", "847/QĐ-UBND#1", "--unit", "SXD", "--on", "01/03/2023",
                 "--note", "Công văn 52/UBND-TH")
    assert out == ("Task 847/QĐ-UBND#1 changed: unit UBND huyện Đông Anh -> Sở Xây dựng "
                   "from 01/03/2023; co-units Sở Xây dựng -> (none)\n")
    # Reports as of a day before the reassignment show the old unit; after, the new one.
    assert by_unit(office, "28/02/2023")["UBND huyện Đông Anh"] == (0, 0, 1, 0)
    assert "UBND huyện Đông Anh" not in by_unit(office, "01/03/2023")
    assert by_unit(office, "01/03/2023")["Sở Xây dựng"] == (0, 0, 3, 0)
    assert 1 in listed(office, "--unit", "DONGANH", "--as-of", "28/02/2023")
    assert 1 not in listed(office, "--unit", "DONGANH", "--as-of", "01/03/2023")
    assert 1 in listed(office, "--unit", "SXD", "--as-of", "01/03/2023")
    late = json.loads(office("overdue", "--as-of", "20/03/2023", "-f", "json"))
    assert {r["id"]: r["unit"] for r in late}[1] == "Sở Xây dựng"
    assert shown(office, "1", "--as-of", "28/02/2023")["unit"] == "UBND huyện Đông Anh"
    task = shown(office, "1", "--as-of", "01/03/2023")
    assert task["unit"] == "Sở Xây dựng"
    # SXD was a supporting unit: a lead unit is never also supporting.
    assert task["co_units"] == []
    [unit, co_units] = task["changes"]
    assert (unit["field"], unit["old_value"], unit["new_value"], unit["from_date"],
            unit["note"], unit["recorded_by"]) == (
        "unit", "UBND huyện Đông Anh", "Sở Xây dựng", "2023-03-01", "Công văn 52/UBND-TH",
        registers.login())
    assert (co_units["field"], co_units["old_value"], co_units["new_value"]) == (
        "co_units", "Sở Xây dựng", None)
    assert unit["recorded_at"].endswith("Z")  # stored in UTC
    table = office("task", "show", "1")
    assert "Corrections and reassignments:" in table
    assert "UBND huyện Đông Anh  Sở Xây dựng" in table and "01/03/2023" in table
    # A reassignment back, later, returns it.
    office("task", "edit", "1", "--unit", "DONGANH", "--on", "10/03/2023")
    assert by_unit(office, "10/03/2023")["UBND huyện Đông Anh"] == (0, 0, 1, 0)
    assert by_unit(office, "05/03/2023")["Sở Xây dựng"] == (0, 0, 2, 1)


def test_a_fixed_unit_is_corrected_for_every_date(office: Run) -> None:
    out = office("task", "edit", "1", "--unit", "VANNOI", "--fix", "--note", "nhập nhầm")
    assert out == "Task 847/QĐ-UBND#1 changed: unit UBND huyện Đông Anh -> UBND xã Vân Nội\n"
    for day in ("14/02/2023", "28/02/2023", "31/12/2023"):
        assert "UBND huyện Đông Anh" not in by_unit(office, day)
        assert shown(office, "1", "--as-of", day)["unit"] == "UBND xã Vân Nội"
    [change] = shown(office, "1")["changes"]
    assert change["from_date"] is None
    # Once reassigned, --fix would rewrite who had it before: void the reassignment first.
    office("task", "edit", "1", "--unit", "SXD", "--on", "01/03/2023")
    err = office.fails("task", "edit", "1", "--unit", "DONGANH", "--fix")
    assert "task 847/QĐ-UBND#1 passed to Sở Xây dựng on 01/03/2023" in err
    assert f"dondoc void {event_id(office, '1', 'change', '2023-03-01')}" in err


def test_reassignments_that_cannot_be_are_refused(office: Run) -> None:
    err = office.fails("task", "edit", "1", "--unit", "SXD", "--on", "13/02/2023")
    assert "13/02/2023 is before task 847/QĐ-UBND#1 was assigned (14/02/2023)" in err
    assert "is in the future" in office.fails("task", "edit", "1", "--unit", "SXD", "--on",
                                               "01/01/2099")
    err = office.fails("task", "edit", "1", "--content", "x", "--on", "01/03/2023")
    assert "--on is the day a reassignment takes effect" in err
    office("done", "1", "--on", "10/03/2023")
    err = office.fails("task", "edit", "1", "--unit", "SXD", "--on", "20/03/2023")
    assert "task 847/QĐ-UBND#1 is not open on 20/03/2023 (Done on time)" in err
    office("task", "edit", "2", "--unit", "DONGANH", "--on", "01/03/2023")
    err = office.fails("task", "edit", "2", "--unit", "VANNOI", "--on", "20/02/2023")
    assert "passed to UBND huyện Đông Anh on 01/03/2023" in err
    office("unit", "end", "VANNOI", "--on", "01/03/2023")
    err = office.fails("task", "edit", "4", "--unit", "VANNOI", "--on", "02/03/2023")
    assert "UBND xã Vân Nội has ended (01/03/2023): it cannot take over" in err
    err = office.fails("task", "edit", "4", "--unit", "SXD")
    assert "task 847/QĐ-UBND#4: nothing to change" in err
    # A refused edit writes nothing, not even the parts that were fine.
    before = (office("completion", "--as-of", "31/03/2023", "-f", "json"),
              office("task", "show", "3", "-f", "json"))
    assert "847/QĐ-UBND#2 exists already" in office.fails(
        "task", "edit", "3", "--unit", "SXD", "--on", "25/02/2023", "--code", "2")
    assert (office("completion", "--as-of", "31/03/2023", "-f", "json"),
            office("task", "show", "3", "-f", "json")) == before


def test_text_fields_and_codes_are_corrections(office: Run) -> None:
    out = office("task", "edit", "847/QD-UBND#2", "--content", "Rà soát quy hoạch chung",
                 "--leader", "Trần Văn B", "--officer", "", "--co-unit", "DONGANH",
                 "--code", "2a", "--note", "theo văn bản gốc")
    assert out == ("Task 847/QĐ-UBND#2 changed: content Rà soát quy hoạch -> Rà soát quy hoạch "
                   "chung; leader (none) -> Trần Văn B; officer Bùi Thanh Tùng -> (none); "
                   "code 2 -> 2a; co-units (none) -> UBND huyện Đông Anh\n")
    task = shown(office, "847/QĐ-UBND#2a")
    assert (task["content"], task["leader"], task["officer"], task["co_units"]) == (
        "Rà soát quy hoạch chung", "Trần Văn B", None, ["UBND huyện Đông Anh"])
    assert {c["note"] for c in task["changes"]} == {"theo văn bản gốc"}
    assert "no task '847/QĐ-UBND#2'" in office.fails("task", "show", "847/QĐ-UBND#2")
    office("task", "edit", "2", "--no-co-units")
    assert shown(office, "2")["co_units"] == []
    rows = json.loads(office("changes", "--task", "2", "-f", "json"))
    assert [(r["what"], r["name"], r["field"]) for r in rows][-1] == (
        "task", "847/QĐ-UBND#2a", "co_units")
    assert "the task's content is empty" in office.fails("task", "edit", "2", "--content", " ")
    assert "nothing to change" in office.fails("task", "edit", "2", "--leader", "Trần Văn B")
    assert "847/QĐ-UBND#1 exists already (task 1)" in office.fails("task", "edit", "2",
                                                                    "--code", "1")


def test_a_deadline_is_corrected_with_fix_and_extended_otherwise(office: Run) -> None:
    err = office.fails("task", "edit", "1", "--due", "20/03/2023")
    assert "a deadline that moved is an extension" in err
    assert "dondoc extend 847/QĐ-UBND#1 --to DATE" in err
    assert [r["id"] for r in json.loads(
        office("overdue", "--as-of", "16/03/2023", "-f", "json"))] == [3, 2, 1]
    # 19/03/2023 is a Sunday: the deadline moves to Monday, and the line says so.
    out = office("task", "edit", "1", "--due", "19/03/2023", "--fix")
    assert out == ("Task 847/QĐ-UBND#1 changed: due 15/03/2023 -> 20/03/2023 (moved from "
                   "Sunday 19/03/2023); due as written (none) -> 19/03/2023\n")
    # A correction: as of any date, the task was never due on 15/03.
    assert 1 not in [r["id"] for r in json.loads(
        office("overdue", "--as-of", "16/03/2023", "-f", "json"))]
    out = office("task", "edit", "1", "--due", "10wd", "--fix")
    assert out == ("Task 847/QĐ-UBND#1 changed: due 20/03/2023 -> 28/02/2023 (10 working days "
                   "from 14/02/2023); due as written 19/03/2023 -> 10wd\n")
    task = shown(office, "1")
    assert (task["original_due"], task["due_rule"]) == ("2023-02-28", "10wd")
    office("extend", "1", "--to", "31/03/2023", "--on", "20/02/2023")
    err = office.fails("task", "edit", "1", "--due", "01/04/2023", "--fix")
    assert "task 847/QĐ-UBND#1 was extended to 31/03/2023 on 20/02/2023" in err
    assert "deadline 13/02/2023 is before the task was assigned" in office.fails(
        "task", "edit", "2", "--due", "13/02/2023", "--fix")
    # A deadline given to a standing task by mistake: '' leaves it none, never overdue.
    assert office("task", "edit", "2", "--due", "", "--fix") == (
        "Task 847/QĐ-UBND#2 changed: due 01/03/2023 -> (none)\n")
    assert 2 not in [r["id"] for r in json.loads(
        office("overdue", "--as-of", "16/03/2023", "-f", "json"))]


# -- void ----------------------------------------------------------------------------------

def test_a_voided_completion_stops_counting(office: Run) -> None:
    office("done", "2", "--on", "25/02/2023", "--ref", "BC 7/BC-SXD")
    assert by_unit(office, "10/03/2023")["Sở Xây dựng"] == (1, 0, 1, 0)
    done = event_id(office, "2", "done", "2023-02-25")
    out = office("void", str(done), "--reason", "báo cáo của nhiệm vụ khác")
    assert out == (f"Event {done} (Done of 25/02/2023) on task 847/QĐ-UBND#2 voided: "
                   "báo cáo của nhiệm vụ khác\n")
    assert by_unit(office, "10/03/2023")["Sở Xây dựng"] == (0, 0, 1, 1)
    late = json.loads(office("overdue", "--as-of", "10/03/2023", "-f", "json"))
    assert 2 in [r["id"] for r in late]
    assert shown(office, "2", "--as-of", "10/03/2023")["status"] == "open_overdue"
    # Nothing is deleted: task show lists it, marked with who voided it, when and why.
    [event] = shown(office, "2")["history"]
    assert (event["id"], event["kind"], event["voided_by"], event["void_reason"]) == (
        done, "done", registers.login(), "báo cáo của nhiệm vụ khác")
    assert event["voided_at"].endswith("Z")
    table = office("task", "show", "2")
    assert "Voided at" in table and "báo cáo của nhiệm vụ khác" in table
    # Nor does export, nor the done_ref of the tasks export.
    events = office("export", "--what", "events", "--format", "csv")
    assert "2023-02-25" not in events
    assert "BC 7/BC-SXD" not in office("export", "--format", "csv")
    # The task can be done again, on its real date.
    office("done", "2", "--on", "05/03/2023")
    assert by_unit(office, "10/03/2023")["Sở Xây dựng"] == (0, 1, 1, 0)


def test_a_voided_progress_note_or_extension_leaves_overdue(office: Run) -> None:
    office("progress", "3", "Đã lập đoàn kiểm tra", "--on", "20/02/2023")
    office("progress", "3", "Ghi nhầm của nhiệm vụ khác", "--on", "22/02/2023")
    office("extend", "3", "--to", "31/03/2023", "--on", "19/02/2023", "--ref", "CV 9")

    def overdue(day: str) -> dict[int, dict[str, Any]]:
        rows = json.loads(office("overdue", "--as-of", day, "-f", "json"))
        return {r["id"]: r for r in rows}

    assert 3 not in overdue("02/03/2023")
    office("void", str(event_id(office, "3", "extend", "2023-02-19")), "--reason", "chưa duyệt")
    late = overdue("02/03/2023")[3]
    assert late["extensions"] == [] and late["due"] == "2023-02-20"
    assert late["last_progress"] == "Ghi nhầm của nhiệm vụ khác"
    office("void", str(event_id(office, "3", "progress", "2023-02-22")), "--reason", "nhầm")
    assert overdue("02/03/2023")[3]["last_progress"] == "Đã lập đoàn kiểm tra"
    assert shown(office, "3")["extensions"] == []


def test_voids_that_would_break_the_history_are_refused(office: Run) -> None:
    office("done", "3", "--on", "25/02/2023")
    office("reopen", "3", "--on", "27/02/2023", "--note", "chưa đạt")
    office("done", "3", "--on", "01/03/2023")
    reopen = event_id(office, "3", "reopen", "2023-02-27")
    before = office("completion", "--as-of", "31/03/2023", "-f", "json")
    err = office.fails("void", str(reopen), "--reason", "x")
    second = event_id(office, "3", "done", "2023-03-01")
    assert (f"voiding event {reopen} would leave task 847/QĐ-UBND#3 with a history that breaks "
            f"the rules: Done (event {second}, 01/03/2023) would then be refused: task "
            "847/QĐ-UBND#3 is done already") in err
    assert f"void event {second} first" in err
    first = event_id(office, "3", "done", "2023-02-25")
    assert f"Reopened (event {reopen}, 27/02/2023)" in office.fails("void", str(first),
                                                                    "--reason", "x")
    assert office("completion", "--as-of", "31/03/2023", "-f", "json") == before
    # In the order the message gives, each void is accepted.
    office("void", str(second), "--reason", "trùng")
    office("void", str(reopen), "--reason", "trùng")
    assert shown(office, "3", "--as-of", "31/03/2023")["status"] == "done_late"
    assert f"event {reopen} was voided already, on " in office.fails("void", str(reopen),
                                                                     "--reason", "x")
    assert "no event 999" in office.fails("void", "999", "--reason", "x")
    assert "a void needs its reason" in office.fails("void", str(first), "--reason", " ")
    office("task", "edit", "1", "--unit", "SXD", "--on", "01/03/2023")
    # A reassignment entered wrongly is voided like any event.
    office("void", str(event_id(office, "1", "change", "2023-03-01")), "--reason", "nhầm")
    assert shown(office, "1", "--as-of", "02/03/2023")["unit"] == "UBND huyện Đông Anh"


def test_a_voided_task_leaves_every_report_and_list(office: Run, tmp_path: Path) -> None:
    office("progress", "4", "Trùng nhiệm vụ 2", "--on", "20/02/2023")
    out = office("task", "void", "847/QĐ-UBND#4", "--reason", "nhập trùng nhiệm vụ #2")
    assert out == ("Task 847/QĐ-UBND#4 voided: it leaves every report and list (nhập trùng "
                   "nhiệm vụ #2)\n")
    assert 4 not in listed(office, "--as-of", "20/02/2023")
    assert by_unit(office, "20/02/2023")["Sở Xây dựng"] == (0, 0, 1, 0)
    assert [d["tasks"] for d in json.loads(office("directive", "list", "-f", "json"))] == [3]
    assert "Theo dõi thường xuyên" not in office("directive", "show", "847/QĐ-UBND")
    assert "Theo dõi thường xuyên" not in office("export", "--format", "csv")
    assert "Trùng nhiệm vụ 2" not in office("export", "--what", "events", "--format", "csv")
    [row] = json.loads(office("task", "list", "--voided", "-f", "json"))
    assert (row["id"], row["void_reason"], row["voided_by"]) == (
        4, "nhập trùng nhiệm vụ #2", registers.login())
    assert "nhập trùng nhiệm vụ #2" in office("task", "list", "--voided")
    task = shown(office, "4")
    assert (task["status"], task["void_reason"]) == ("voided", "nhập trùng nhiệm vụ #2")
    assert "Voided (entered by mistake)" in office("task", "show", "4")
    assert "was voided already" in office.fails("task", "void", "4", "--reason", "x")
    err = office.fails("done", "4", "--on", "21/02/2023")
    assert "task 4 is voided: it was entered by mistake" in err
    assert "is voided" in office.fails("task", "edit", "4", "--content", "x")
    assert "is voided" in office.fails("void", str(event_id(office, "4", "progress",
                                                            "2023-02-20")), "--reason", "x")
    assert "--voided lists" in office.fails("task", "list", "--voided", "--status", "open")


def test_an_events_import_adds_again_an_event_that_was_voided(office: Run,
                                                               tmp_path: Path) -> None:
    sheet = tmp_path / "e.csv"
    sheet.write_text("task,kind,on,note\n847/QĐ-UBND#2,progress,20/02/2023,Đã họp\n",
                     encoding="utf-8")
    assert "1 new" in office("import", "--what", "events", str(sheet))
    assert "0 new" in office("import", "--what", "events", str(sheet))
    office("void", str(event_id(office, "2", "progress", "2023-02-20")), "--reason", "thử")
    assert "1 new" in office("import", "--what", "events", str(sheet))
    notes = [(e["note"], e["void_reason"]) for e in shown(office, "2")["history"]]
    assert notes == [("Đã họp", "thử"), ("Đã họp", None)]


# -- units and directives ------------------------------------------------------------------

def test_unit_edit_corrects_and_keeps_the_trace(office: Run) -> None:
    out = office("unit", "edit", "DONGANH", "--email", "vanthu@donganh.hanoi.gov.vn",
                 "--name", "UBND huyện Đông Anh (Hà Nội)", "--note", "địa chỉ mới")
    assert out == ("Unit DONGANH changed: name UBND huyện Đông Anh -> UBND huyện Đông Anh "
                   "(Hà Nội); e-mail da@hn.vn -> vanthu@donganh.hanoi.gov.vn\n")
    units = {u["code"]: u for u in json.loads(office("unit", "list", "-f", "json"))}
    assert units["DONGANH"]["email"] == "vanthu@donganh.hanoi.gov.vn"
    assert by_unit(office, "20/02/2023")["UBND huyện Đông Anh (Hà Nội)"] == (0, 0, 1, 0)
    office("unit", "edit", "VANNOI", "--parent", "", "--kind", "xã", "--code", "XVANNOI")
    units = {u["code"]: u for u in json.loads(office("unit", "list", "-f", "json"))}
    assert (units["XVANNOI"]["parent"], units["XVANNOI"]["unit_kind"]) == (None, "xã")
    rows = json.loads(office("changes", "--unit", "XVANNOI", "-f", "json"))
    assert [(r["field"], r["old_value"], r["new_value"]) for r in rows] == [
        ("code", "VANNOI", "XVANNOI"), ("unit_kind", None, "xã"),
        ("parent", "UBND huyện Đông Anh (Hà Nội)", None)]
    table = office("changes")
    assert "địa chỉ mới" in table and "Unit" in table
    assert "is taken by" in office.fails("unit", "edit", "SXD", "--code", "dongANH")
    assert "exists already" in office.fails("unit", "edit", "SXD", "--name", "ubnd xa van noi")
    assert "is not an e-mail address" in office.fails("unit", "edit", "SXD", "--email", "x")
    office("unit", "edit", "XVANNOI", "--parent", "SXD")
    err = office.fails("unit", "edit", "SXD", "--parent", "XVANNOI")
    assert "UBND xã Vân Nội is Sở Xây dựng or under it: it cannot be its parent" in err
    assert "nothing to change" in office.fails("unit", "edit", "SXD", "--name", "Sở Xây dựng")


def test_directive_edit_corrects_and_keeps_the_trace(office: Run) -> None:
    out = office("directive", "edit", "847/QD-UBND", "--number", "874/QĐ-UBND",
                 "--signer", "Trần Sỹ Thanh", "--issued", "15/02/2023", "--note", "nhầm số")
    assert out == ("Directive 847/QĐ-UBND changed: number 847/QĐ-UBND -> 874/QĐ-UBND; signer "
                   "(none) -> Trần Sỹ Thanh; issued 14/02/2023 -> 15/02/2023 (4 of its tasks "
                   "keep the assigned date 14/02/2023)\n")
    [directive] = json.loads(office("directive", "list", "-f", "json"))
    assert (directive["number"], directive["signer"], directive["issued"]) == (
        "874/QĐ-UBND", "Trần Sỹ Thanh", "2023-02-15")
    assert shown(office, "874/QĐ-UBND#1")["id"] == 1
    rows = json.loads(office("changes", "--directive", "874/QD-UBND", "-f", "json"))
    assert [r["field"] for r in rows] == ["number", "signer", "issued"]
    assert "15/02/2023" in office("changes", "--directive", "874/QD-UBND")
    office("directive", "add", "1/KH-UBND", "--issued", "01/03/2023")
    assert "directive 874/QĐ-UBND exists already" in office.fails(
        "directive", "edit", "1/KH-UBND", "--number", "874/QD-UBND")


# -- what every write shares ---------------------------------------------------------------

def test_quiet_and_vietnamese_lines(office: Run) -> None:
    assert office("--quiet", "task", "edit", "1", "--leader", "Lê C") == ""
    out = office("--lang", "vi", "task", "edit", "1", "--unit", "SXD", "--on", "01/03/2023")
    assert out == ("Nhiệm vụ 847/QĐ-UBND#1 đã sửa: đơn vị chủ trì UBND huyện Đông Anh -> Sở Xây "
                   "dựng từ ngày 01/03/2023; đơn vị phối hợp Sở Xây dựng -> (trống)\n")
    assert office("--quiet", "task", "void", "4", "--reason", "x") == ""


def test_recorded_moments_are_shown_in_local_time(office: Run,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timedelta

    office("task", "void", "4", "--reason", "x")
    [row] = json.loads(office("task", "list", "--voided", "-f", "json"))
    utc = datetime.fromisoformat(row["voided_at"].replace("Z", "+00:00"))
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    assert f"{utc + timedelta(hours=7):%d/%m/%Y %H:%M}" in office("task", "list", "--voided")


@pytest.mark.parametrize("command", [("task", "edit"), ("task", "void"), ("void",),
                                     ("unit", "edit"), ("directive", "edit"), ("changes",)])
def test_each_command_has_help_with_an_example(dondoc: Run, command: tuple[str, ...]) -> None:
    assert "Example" in dondoc(*command, "--help")


def test_the_change_log_is_append_only(office: Run, isolated: Path) -> None:
    office("unit", "edit", "SXD", "--email", "sxd@hanoi.gov.vn")
    refused = (sqlite3.IntegrityError, psycopg.IntegrityError)
    with registers.raw() as conn:
        with pytest.raises(refused, match="changes are appended, never changed"):
            conn.execute("UPDATE field_change SET new_value = 'x'")
        with pytest.raises(refused, match="changes are appended, never deleted"):
            conn.execute("DELETE FROM field_change")
