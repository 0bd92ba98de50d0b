"""Working days pinned to real dates: Vietnam's calendar as the holidays package and the
government have it, and as an office adds to it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import registers
from conftest import Run
from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.deadlines import workdays
from dondoc.register import db


@pytest.fixture
def conn() -> Iterator[db.Conn]:
    """The test's register (either backend): a calendar read outside a write stores the years
    it reaches in a transaction of its own (workdays.store_years)."""
    register = db.connect(db.resolve_path(None))
    yield register
    assert not register.in_transaction
    register.close()


def calendar(conn: db.Conn, first: str, last: str) -> workdays.WorkCalendar:
    return workdays.load(conn, date.fromisoformat(first), date.fromisoformat(last))


def test_tet_2024_and_2025_are_days_off(conn: db.Conn) -> None:
    stored = "SELECT year FROM calendar_year WHERE year IN (2024, 2025) ORDER BY year"
    assert registers.rows(stored) == []
    cal = calendar(conn, "2024-01-01", "2025-12-31")
    # Tết Giáp Thìn: 8-14 February 2024; Tết Ất Tỵ: 27 January - 2 February 2025 (with weekend).
    assert [d for d in range(5, 17) if cal.is_workday(date(2024, 2, d))] == [5, 6, 7, 15, 16]
    assert [d for d in range(24, 32) if cal.is_workday(date(2025, 1, d))] == [24]
    assert cal.is_workday(date(2025, 2, 3))
    # Read outside a write, the years were stored by a write of their own, seen by any client.
    assert registers.rows(stored) == [(2024,), (2025,)]


def test_the_2025_swap_and_2_september(conn: db.Conn) -> None:
    cal = calendar(conn, "2025-01-01", "2025-12-31")
    assert not cal.is_workday(date(2025, 5, 2))  # Friday given off...
    assert cal.is_workday(date(2025, 4, 26))  # ...for Saturday 26 April, worked
    assert not cal.is_workday(date(2025, 4, 30)) and not cal.is_workday(date(2025, 5, 1))
    # 2 September 2025 is a Tuesday; its adjacent day off is Monday 1 September.
    assert not cal.is_workday(date(2025, 9, 1)) and not cal.is_workday(date(2025, 9, 2))
    assert cal.is_workday(date(2025, 9, 3))


def test_a_period_counted_across_tet(conn: db.Conn) -> None:
    cal = calendar(conn, "2025-01-01", "2025-12-31")
    # Assigned Thursday 23/01/2025: 24/01 (Fri) is the 1st working day, Tết and its weekends
    # are skipped, 3/2 (Mon) is the 2nd ... the 10th is Thursday 13/2.
    assert cal.add(date(2025, 1, 23), 1) == date(2025, 1, 24)
    assert cal.add(date(2025, 1, 23), 2) == date(2025, 2, 3)
    assert cal.add(date(2025, 1, 23), 10) == date(2025, 2, 13)
    assert cal.count(date(2025, 1, 23), date(2025, 2, 13)) == 10


def test_task_deadlines_as_written(office: Run) -> None:
    office("directive", "add", "5/KH-UBND", "--issued", "23/01/2025")
    office("task", "add", "5/KH-UBND", "Báo cáo", "--unit", "SXD", "--due", "10 ngày làm việc")
    shown = json.loads(office("task", "show", "5/KH-UBND#1", "-f", "json"))
    assert (shown["due_rule"], shown["original_due"]) == ("10 ngày làm việc", "2025-02-13")
    # A date on a Sunday moves to Monday (Civil Code art. 148); the date as written stays.
    office("task", "add", "5/KH-UBND", "Rà soát", "--unit", "SXD", "--due", "16/03/2025")
    shown = json.loads(office("task", "show", "5/KH-UBND#2", "-f", "json"))
    assert (shown["due_rule"], shown["original_due"]) == ("2025-03-16", "2025-03-17")
    # 30 calendar days from 1 April end on 1 May, a holiday: then Friday 2 May, off in the
    # swap, and the weekend: Monday 5 May.
    office("task", "add", "5/KH-UBND", "Kiểm tra", "--unit", "SXD", "--due", "30d",
           "--assigned", "01/04/2025")
    assert json.loads(office("task", "show", "5/KH-UBND#3", "-f", "json"))["original_due"] == \
        "2025-05-05"
    office("calendar", "move-deadlines", "off")
    office("task", "add", "5/KH-UBND", "Tổng hợp", "--unit", "SXD", "--due", "16/03/2025")
    shown = json.loads(office("task", "show", "5/KH-UBND#4", "-f", "json"))
    assert (shown["due_rule"], shown["original_due"]) == (None, "2025-03-16")


def test_an_office_holiday_added_by_command_counts(office: Run) -> None:
    office("directive", "add", "7/KH-UBND", "--issued", "08/10/2025")
    office("calendar", "add-holiday", "10/10/2025", "Kỷ niệm Ngày Giải phóng Thủ đô")
    office("task", "add", "7/KH-UBND", "Báo cáo", "--unit", "SXD", "--due", "2wd")
    # Thursday 9/10 is the 1st working day; Friday 10/10 is the office's day off: Monday 13/10.
    assert json.loads(office("task", "show", "7/KH-UBND#1", "-f", "json"))["original_due"] == \
        "2025-10-13"
    listed = json.loads(office("calendar", "show", "2025", "-f", "json"))
    assert {"day": "2025-10-10", "weekday": "wd5", "day_kind": "off",
            "day_name": "Kỷ niệm Ngày Giải phóng Thủ đô", "source": "local"} in listed
    assert {"day": "2025-04-26", "weekday": "wd6", "day_kind": "work", "day_name": "Làm bù",
            "source": "package"} in listed
    office("calendar", "add-workday", "11/10/2025")
    office("task", "add", "7/KH-UBND", "Báo cáo 2", "--unit", "SXD", "--due", "2wd")
    assert json.loads(office("task", "show", "7/KH-UBND#2", "-f", "json"))["original_due"] == \
        "2025-10-11"


@pytest.mark.sqlite_only  # touches no register
@settings(max_examples=200, deadline=None)
@given(start=st.dates(date(2024, 1, 1), date(2026, 6, 30)), days=st.integers(1, 120))
def test_adding_n_working_days_then_counting_gives_n(start: date, days: int) -> None:
    cal = CALENDAR
    end = cal.add(start, days)
    assert cal.count(start, end) == days
    assert cal.is_workday(end)
    assert end - start >= timedelta(days=days)


def _calendar() -> workdays.WorkCalendar:
    conn = sqlite3.connect(":memory:", factory=db.Register)
    db.migrate(conn)
    return workdays.load(conn, date(2024, 1, 1), date(2027, 12, 31))


CALENDAR = _calendar()






