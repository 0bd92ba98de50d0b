"""Defects found by trying dondoc as a new user would (issue 9), each through the real command."""

from __future__ import annotations

import json

from conftest import Run


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
    err = dondoc.fails("calendar", "show", "20266")
    assert err == ("dondoc: error: YEAR: year 20266 is outside 1945-2100 (a register's calendar "
                   "runs from 1945 to 2100, the last year the holidays package knows)\n")
    assert "year 1900 is outside 1945-2100" in dondoc.fails("calendar", "show", "1900")
    err = dondoc.fails("calendar", "add-holiday", "01/01/2101", "Tết")
    assert "DATE: year 2101 is outside 1945-2100" in err
    assert "2100-09-02" in dondoc("calendar", "show", "2100", "-f", "csv")
