"""Defects found by trying dondoc as a new user would (issue 9), each through the real command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import registers
from conftest import Run


def digest(path: Path) -> str:
    return registers.fingerprint(path)


def test_completion_refuses_from_after_to(office: Run) -> None:
    err = office.fails("completion", "--from", "01/04/2023", "--to", "31/03/2023")
    assert err.strip().splitlines() == [
        "dondoc: error: --from 01/04/2023 is after --to 31/03/2023: no task can be assigned "
        "between (give --from on or before --to)"]
    # The same day at both ends is a period of one day.
    office("completion", "--from", "14/02/2023", "--to", "14/02/2023")


def test_directive_show_has_the_recurring_instances_task_list_has(office: Run) -> None:
    office("directive", "add", "9/KH-UBND", "--issued", "05/01/2026")
    office("task", "add", "9/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every", "quarter")
    # A date after today: the instances of 2027 exist only once a command has reached them,
    # so directive show goes first.
    shown = json.loads(office("directive", "show", "9/KH-UBND", "--as-of", "15/04/2027",
                              "-f", "json"))
    listed = json.loads(office("task", "list", "--directive", "9/KH-UBND", "--as-of",
                               "15/04/2027", "-f", "json"))
    assert [r["code"] for r in shown["tasks"]] == [r["code"] for r in listed]
    assert [r["code"] for r in listed][-2:] == ["1/2027-Q1", "1/2027-Q2"]


def _dues(run: Run, directive: str, as_of: str) -> dict[str, str]:
    rows = json.loads(run("task", "list", "--directive", directive, "--as-of", as_of, "-f",
                          "json"))
    return {r["code"]: r["due"] for r in rows}


def test_a_recurring_deadline_on_a_day_off_moves_as_a_plain_one_does(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "9/KH-UBND", "--issued", "05/01/2026")
    dondoc("task", "add", "9/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every", "quarter",
           "--day", "1", "--until", "30/09/2026")
    dondoc("task", "add", "9/KH-UBND", "Việc", "--unit", "SXD", "--due", "01/09/2026")
    dues = _dues(dondoc, "9/KH-UBND", "01/10/2026")
    assert dues == {
        "1/2026-Q1": "2026-03-02",  # 01/03/2026 is a Sunday
        "1/2026-Q2": "2026-06-01",  # a Monday: stays
        "1/2026-Q3": "2026-09-03",  # 01/09 and 02/09/2026: Quốc khánh
        "2": "2026-09-03",  # the plain deadline on the same day
    }
    # The deadline as written is kept, as task add keeps it.
    shown = dondoc("task", "show", "9/KH-UBND#1/2026-Q3")
    assert "Due as written:   2026-09-01" in shown
    assert "Due as written:   2026-09-01" in dondoc("task", "show", "9/KH-UBND#2")


def test_recurring_deadlines_stay_when_moving_is_off(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("calendar", "move-deadlines", "off")
    dondoc("directive", "add", "9/KH-UBND", "--issued", "05/01/2026")
    dondoc("task", "add", "9/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every", "quarter",
           "--day", "1", "--until", "31/03/2026")
    dondoc("task", "add", "9/KH-UBND", "Việc", "--unit", "SXD", "--due", "01/03/2026")
    assert _dues(dondoc, "9/KH-UBND", "01/10/2026") == {"1/2026-Q1": "2026-03-01",
                                                       "2": "2026-03-01"}


def test_add_workday_refuses_a_day_that_is_a_working_day_already(dondoc: Run) -> None:
    dondoc("init")
    err = dondoc.fails("calendar", "add-workday", "15/10/2025")
    assert err == ("dondoc: error: 15/10/2025 is a Wednesday, a working day already "
                   "(add-workday is for a day off the office works: a Saturday or Sunday, or a "
                   "holiday)\n")
    # A Saturday the package records as worked (the swap of April 2025) is one already too.
    err = dondoc.fails("calendar", "add-workday", "26/04/2025")
    assert "26/04/2025 is recorded already: Làm bù (Worked, National)" in err
    listed = json.loads(dondoc("calendar", "show", "2025", "-f", "json"))
    assert not [r for r in listed if r["source"] == "local"]
    # A holiday the package lists that this office works: recorded, with --replace.
    dondoc("calendar", "add-workday", "02/05/2025", "Tỉnh không nghỉ", "--replace")
    listed = json.loads(dondoc("calendar", "show", "2025", "-f", "json"))
    assert {"day": "2025-05-02", "weekday": "wd5", "day_kind": "work",
            "day_name": "Tỉnh không nghỉ", "source": "local"} in listed


def test_add_holiday_on_a_recorded_day_needs_replace(dondoc: Run) -> None:
    err = dondoc.fails("calendar", "add-holiday", "02/09/2025", "Ngày lễ")
    assert err.startswith("dondoc: error: 02/09/2025 is recorded already: Quốc khánh (Day off, "
                          "National) (give --replace to replace it)")
    dondoc("calendar", "add-holiday", "10/10/2025", "Giải phóng Thủ đô")
    err = dondoc.fails("calendar", "add-holiday", "10/10/2025", "Ngày khác")
    assert "10/10/2025 is recorded already: Giải phóng Thủ đô (Day off, Local)" in err

    def named(day: str) -> list[str]:
        listed = json.loads(dondoc("calendar", "show", "2025", "-f", "json"))
        return [r["day_name"] for r in listed if r["day"] == day]

    assert named("2025-09-02") == ["Quốc khánh"]
    assert named("2025-10-10") == ["Giải phóng Thủ đô"]
    dondoc("calendar", "add-holiday", "10/10/2025", "Ngày khác", "--replace")
    assert named("2025-10-10") == ["Ngày khác"]


def test_calendar_years_outside_what_a_register_can_mean_are_refused(dondoc: Run) -> None:
    dondoc("init")
    err = dondoc.fails("calendar", "show", "20266")
    assert err == ("dondoc: error: YEAR: year 20266 is outside 1945-2100 (a register's calendar "
                   "runs from 1945 to 2100, the last year the holidays package knows)\n")
    assert "year 1900 is outside 1945-2100" in dondoc.fails("calendar", "show", "1900")
    err = dondoc.fails("calendar", "add-holiday", "01/01/2101", "Tết")
    assert "DATE: year 2101 is outside 1945-2100" in err
    assert "2100-09-02" in dondoc("calendar", "show", "2100", "-f", "csv")


def _extended(office: Run) -> None:
    office("extend", "847/QĐ-UBND#1", "--to", "31/03/2023", "--on", "10/03/2023",
           "--ref", "Công văn số 512/UBND-ĐT")
    office("extend", "847/QĐ-UBND#1", "--to", "15/04/2023", "--on", "25/03/2023")


def test_tasks_alone_carry_their_extensions_into_an_empty_register(
    office: Run, tmp_path: Path
) -> None:
    _extended(office)
    exported = tmp_path / "tasks.csv"
    office("export", "--what", "tasks", "-o", str(exported))
    row = next(csv.DictReader(exported.open(encoding="utf-8-sig")))
    assert row["extensions"] == ("2023-03-10 -> 2023-03-31 (Công văn số 512/UBND-ĐT); "
                                 "2023-03-25 -> 2023-04-15")
    other = str(tmp_path / "other.sqlite3")
    office("--db", other, "import", str(exported), "--create-units")
    again = tmp_path / "again.csv"
    office("--db", other, "export", "--what", "tasks", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()
    shown = json.loads(office("--db", other, "task", "show", "847/QĐ-UBND#1", "-f", "json"))
    assert (shown["original_due"], shown["due"]) == ("2023-03-15", "2023-04-15")
    overdue = json.loads(office("--db", other, "overdue", "--as-of", "01/04/2023", "-f", "json"))
    assert "1" not in [r["code"] for r in overdue]  # on time under its extension
    # Importing the same file again adds no extension twice.
    assert "0 new, 0 updated, 4 unchanged" in office("--db", other, "import", str(exported))
    events = json.loads(office("--db", other, "export", "--what", "events", "-f", "json"))
    assert [e["new_due"] for e in events if e["kind"] == "extend"] == ["2023-03-31",
                                                                       "2023-04-15"]


def test_a_reimported_extensions_cell_adds_only_what_follows_the_registers(
    office: Run, tmp_path: Path, isolated: Path
) -> None:
    _extended(office)
    text = office("export", "--what", "tasks", "-f", "csv")
    cell = "2023-03-10 -> 2023-03-31 (Công văn số 512/UBND-ĐT); 2023-03-25 -> 2023-04-15"
    more = tmp_path / "more.csv"
    more.write_text(text.replace(f"{cell},2023-04-15", f"{cell}; 2023-04-10 -> 2023-04-30 "
                                 "(Công văn số 600/UBND-ĐT),2023-04-30"), encoding="utf-8")
    out = office("import", str(more), "--dry-run")
    assert "0 new, 1 updated, 3 unchanged" in out
    assert "would update 847/QĐ-UBND#1: extensions: + 2023-04-10 -> 2023-04-30 (Công văn số " \
        "600/UBND-ĐT)" in out
    office("import", str(more))
    office("import", str(more))  # once only
    shown = json.loads(office("task", "show", "847/QĐ-UBND#1", "-f", "json"))
    assert shown["due"] == "2023-04-30"
    assert [x["to"] for x in shown["extensions"]] == ["2023-03-31", "2023-04-15", "2023-04-30"]
    before = digest(isolated)
    # A cell that leaves out or changes an extension the register has is refused.
    changed = tmp_path / "changed.csv"
    changed.write_text(text.replace(" (Công văn số 512/UBND-ĐT)", ""), encoding="utf-8")
    err = office.fails("import", str(changed))
    assert "changed.csv:2: column extensions: '2023-03-10 -> 2023-03-31; 2023-03-25 -> " \
        "2023-04-15' does not begin with the extensions the register has" in err
    cleared = tmp_path / "cleared.csv"
    cleared.write_text(text.replace(f"{cell},", ","), encoding="utf-8")
    assert "cleared.csv:2: column extensions: does not begin with the extensions" in \
        office.fails("import", str(cleared))
    assert digest(isolated) == before


def test_current_due_must_agree_with_the_extensions(dondoc: Run, tmp_path: Path) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    head = "directive,issued,code,content,unit,due,extensions,current_due,done\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        head
        + "1/KH-UBND,02/01/2023,1,Việc,SXD,31/01/2023,2023-01-20 -> 2023-02-28,2023-02-20,\n"
        + "1/KH-UBND,02/01/2023,2,Việc,SXD,31/01/2023,,2023-02-20,\n"
        + "1/KH-UBND,02/01/2023,3,Việc,SXD,31/01/2023,2023-01-20 -> 2023-01-25,,\n"
        + "1/KH-UBND,02/01/2023,4,Việc,SXD,31/01/2023,2023-02-10 -> 2023-02-28,,05/02/2023\n"
        + "1/KH-UBND,02/01/2023,5,Việc,SXD,31/01/2023,gia hạn đến 28/02,,\n", encoding="utf-8")
    err = dondoc.fails("import", str(bad))
    assert "bad.csv:2: column current_due: '2023-02-20' is not the deadline the extensions " \
        "lead to (28/02/2023)" in err
    assert "bad.csv:3: column current_due: '2023-02-20' is not the deadline the extensions " \
        "lead to (31/01/2023)" in err
    assert "bad.csv:4: column extensions: '2023-01-20 -> 2023-01-25' the new deadline " \
        "25/01/2023 is not after the one before (31/01/2023)" in err
    assert "bad.csv:5: column extensions: '2023-02-10 -> 2023-02-28' granted on 10/02/2023, " \
        "after the task was done (05/02/2023)" in err
    assert "bad.csv:6: column extensions: 'gia hạn đến 28/02' is not a list of extensions" in err
    assert "5 problem(s), nothing imported" in err


def test_an_extension_granted_on_the_day_of_completion_is_accepted_and_counts(
    dondoc: Run, tmp_path: Path
) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "2/KH-UBND", "--issued", "02/01/2023")
    sheet = tmp_path / "t.csv"
    # 1/KH-UBND is new in the file (written straight in), 2/KH-UBND is in the register (staged).
    sheet.write_text(
        "directive,issued,code,content,unit,due,extensions,done\n"
        + "".join(f"{n}/KH-UBND,02/01/2023,1,Việc,SXD,31/01/2023,2023-02-05 -> 2023-02-28,"
                  "05/02/2023\n" for n in (1, 2)), encoding="utf-8")
    dondoc("import", str(sheet))
    for n in (1, 2):
        shown = json.loads(dondoc("task", "show", f"{n}/KH-UBND#1", "-f", "json",
                                  "--as-of", "01/03/2023"))
        assert (shown["due"], shown["status"]) == ("2023-02-28", "done_on_time")
