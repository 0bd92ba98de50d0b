"""Tests that kill mutants of the working-day arithmetic that the other tests let live
(bench/mutation.py, docs/mutation.md): each names the breakage it catches."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import Run

from dondoc.deadlines.workdays import Period, WorkCalendar, deadline_problem


def d(n: int) -> date:
    return date(2025, 9, n)  # 1 September 2025 is a Monday


def weeks() -> WorkCalendar:
    """Monday 1 to Sunday 14 September; the 2nd off, Saturday the 6th worked. Built in each
    test, not at import: mutmut gives a mutant of WorkCalendar only the tests that run it."""
    return WorkCalendar(d(1), d(14), off={d(2)}, work={d(6)})


@pytest.mark.sqlite_only  # touches no register
def test_the_first_and_last_day_of_a_calendar_are_days_like_any_other() -> None:
    """Day 0 has no day before it to compare its running total with."""
    assert [weeks().is_workday(d(n)) for n in range(1, 15)] == [
        True, False, True, True, True, True, False,
        True, True, True, True, True, False, False,
    ]
    with pytest.raises(ValueError, match="outside the calendar"):
        weeks().is_workday(d(15))
    with pytest.raises(ValueError, match="outside the calendar"):
        weeks().is_workday(date(2025, 8, 31))
    # A calendar that starts on a day off (as every real one does: 1 January).
    holiday_first = WorkCalendar(d(2), d(14), off={d(2)}, work=set())
    assert not holiday_first.is_workday(d(2))
    assert holiday_first.next_workday(d(2)) == d(3)
    assert holiday_first.count(d(2), d(14)) == 8


@pytest.mark.sqlite_only  # touches no register
def test_counting_and_adding_at_the_calendar_edges() -> None:
    cal = weeks()
    assert cal.count(d(1), d(14)) == 9
    assert cal.count(d(14), d(1)) == -9
    assert cal.count(d(5), d(5)) == 0
    assert cal.add(d(1), 1) == d(3)  # the 2nd is off
    assert cal.add(d(5), 1) == d(6)  # the Saturday worked
    assert cal.add(d(1), 9) == d(12)  # the last working day loaded
    with pytest.raises(ValueError, match="10 working days after 2025-09-01"):
        cal.add(d(1), 10)
    assert cal.next_workday(d(12)) == d(12)
    assert cal.next_workday(d(2)) == d(3)
    assert cal.covers(d(1), d(14)) and not cal.covers(d(1), d(15))
    assert not cal.covers(date(2025, 8, 31), d(14))


@pytest.fixture
def clerk(dondoc: Run) -> Run:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/10/2026")
    return dondoc


def test_a_deadline_no_register_can_mean_is_told_as_written(clerk: Run) -> None:
    def refusal(due: str, *more: str) -> str:
        return clerk.fails("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD",
                           "--due", due, *more)

    hint = " (check --due and --assigned)\n"
    assert refusal("01/01/2101") == (
        "dondoc: error: deadline '01/01/2101' is in 2101, outside the years 1945-2100 a "
        "register's calendar covers" + hint)
    assert refusal("2001wd") == ("dondoc: error: deadline '2001wd' is longer than a deadline "
                                 "can be: at most 2000 working days" + hint)
    assert refusal("3651 ngày") == ("dondoc: error: deadline '3651d' is longer than a deadline "
                                    "can be: at most 3650 days" + hint)
    assert refusal("13/10/2026") == ("dondoc: error: deadline 13/10/2026 is before the task "
                                     "was assigned (14/10/2026)" + hint)
    # A deadline the day the task is assigned is a deadline.
    assert clerk("task", "add", "847/QĐ-UBND", "Gấp", "--unit", "SXD", "--due",
                 "14/10/2026").endswith("added: due 14/10/2026\n")
    assert refusal("25/10/2026", "--assigned", "01/01/1900") == (
        "dondoc: error: assigned 01/01/1900: year 1900 is outside 1945-2100 (a register's "
        "calendar runs from 1945 to 2100, the last year the holidays package knows)\n")


def test_how_a_deadline_was_worked_out_is_said_only_when_it_was(clerk: Run) -> None:
    def added(due: str) -> str:
        return clerk("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--due", due)

    # A period of calendar days ending on a Sunday: both how and where it moved from.
    assert added("11d").endswith(
        "added: due 26/10/2026 (11 days from 14/10/2026, moved from Sunday 25/10/2026)\n")
    assert added("28/10/2026").endswith("added: due 28/10/2026\n")  # as written: nothing to say


def test_moving_deadlines_off_days_can_be_turned_off_and_on_again(clerk: Run) -> None:
    def added() -> str:
        return clerk("task", "add", "847/QĐ-UBND", "Rà soát", "--unit", "SXD", "--due",
                     "25/10/2026")

    clerk("calendar", "move-deadlines", "off")
    assert added().endswith("added: due 25/10/2026\n")
    clerk("calendar", "move-deadlines", "on")
    assert added().endswith("added: due 26/10/2026 (moved from Sunday 25/10/2026)\n")


def test_a_years_calendar_lists_that_year_alone(dondoc: Run) -> None:
    dondoc("calendar", "add-holiday", "10/10/2025", "Năm trước")
    dondoc("calendar", "add-holiday", "12/10/2027", "Năm sau")
    days = [row["day"] for row in json.loads(dondoc("calendar", "show", "2026", "-f", "json"))]
    assert days and all(day.startswith("2026-") for day in days)


def test_an_office_day_off_wins_over_a_saturday_the_package_says_is_worked(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "1/KH", "--issued", "25/04/2025")  # a Friday

    def due() -> str:
        return dondoc("task", "add", "1/KH", "Báo cáo", "--unit", "SXD", "--due", "1wd")

    assert "due 26/04/2025" in due()  # Saturday 26 April 2025 was worked, for 2 May
    dondoc("calendar", "add-holiday", "26/04/2025", "Tỉnh không làm bù", "--replace")
    assert "due 28/04/2025" in due()


def test_a_task_assigned_on_new_years_day(dondoc: Run) -> None:
    """The first day of the calendar loaded is a day like any other."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "2/KH", "--issued", "01/01/2026")
    assert "due 02/01/2026" in dondoc("task", "add", "2/KH", "Báo cáo", "--unit", "SXD",
                                      "--due", "1wd")


@pytest.mark.sqlite_only  # touches no register
def test_the_longest_deadlines_and_the_assigned_day_itself_are_deadlines() -> None:
    """deadline_problem, as import uses it (the commands refuse a date before the assigned one
    first, in their own words)."""
    assigned = date(2026, 10, 14)
    assert deadline_problem(assigned, Period(2000, True), None) is None
    assert deadline_problem(assigned, Period(3650, False), None) is None
    assert deadline_problem(assigned, None, assigned) is None
    too_early = deadline_problem(assigned, None, date(2026, 10, 13))
    assert too_early is not None
    assert too_early.render("en") == "is before the assigned date 14/10/2026"


def test_a_long_period_and_one_that_runs_past_the_calendar(dondoc: Run) -> None:
    """The calendar loaded for a period is sized from it: the longest period gets one long
    enough, and a deadline that would fall after 2100 is refused as such."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "2/KH", "--issued", "01/01/2026")
    dondoc("directive", "add", "3/KH", "--issued", "01/12/2100")
    assert dondoc("task", "add", "2/KH", "Theo dõi", "--unit", "SXD", "--due", "2000wd").endswith(
        "added: due 13/01/2034 (2000 working days from 01/01/2026)\n")
    assert dondoc.fails("task", "add", "3/KH", "Báo cáo", "--unit", "SXD", "--due", "40wd") == (
        "dondoc: error: deadline '40wd' gives 26/01/2101, after the register's calendar ends "
        "(2100) (check --due and --assigned)\n")
