"""Recurring tasks: one instance per period, created by the reports that reach it, never twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import registers
from conftest import Run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dondoc import reports
from dondoc.clerk import writes
from dondoc.deadlines import prepare
from dondoc.deadlines.recurring import instances
from dondoc.register import db


def test_a_quarterly_report_due_on_the_15th_across_a_year_boundary() -> None:
    found = instances("5", "quarter", 15, date(2023, 11, 2), date(2024, 5, 1), None)
    assert [(i.code, i.assigned, i.due) for i in found] == [
        ("5/2023-Q4", date(2023, 11, 2), date(2023, 12, 15)),  # not before it was assigned
        ("5/2024-Q1", date(2024, 1, 1), date(2024, 3, 15)),
        ("5/2024-Q2", date(2024, 4, 1), date(2024, 6, 15)),
    ]
    monthly = instances("7", "month", 31, date(2024, 1, 10), date(2024, 3, 1), None)
    assert [(i.code, i.due) for i in monthly] == [
        ("7/2024-01", date(2024, 1, 31)), ("7/2024-02", date(2024, 2, 29)),
        ("7/2024-03", date(2024, 3, 31))]
    halves = instances("8", "half-year", None, date(2023, 3, 1), date(2025, 1, 1),
                       date(2024, 6, 30))
    assert [(i.code, i.due) for i in halves] == [
        ("8/2023-H1", date(2023, 6, 30)), ("8/2023-H2", date(2023, 12, 31)),
        ("8/2024-H1", date(2024, 6, 30))]  # no period begins after --until


def test_reports_create_the_instances_up_to_their_date(office: Run) -> None:
    office("directive", "add", "5/KH-UBND", "--issued", "02/11/2023")
    out = office("task", "add", "5/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every",
                 "quarter", "--day", "15", "--until", "31/12/2024")
    assert out == "Recurring task 5/KH-UBND#1 added: one task every quarter, from 02/11/2023\n"
    # Today is long past 2024: the instances up to --until exist already.
    listed = json.loads(office("task", "list", "--directive", "5/KH-UBND", "--as-of",
                               "01/02/2025", "-f", "json"))
    assert [r["code"] for r in listed] == ["1/2023-Q4", "1/2024-Q1", "1/2024-Q2", "1/2024-Q3",
                                           "1/2024-Q4"]
    office("done", "5/KH-UBND#1/2024-Q1", "--on", "14/03/2024")
    late = json.loads(office("overdue", "--as-of", "20/03/2024", "-f", "json"))
    assert [r["code"] for r in late if r["directive"] == "5/KH-UBND"] == ["1/2023-Q4"]
    # As of an earlier date the later instances do not exist yet.
    early = json.loads(office("task", "list", "--directive", "5/KH-UBND", "--as-of",
                              "20/01/2024", "-f", "json"))
    assert [r["code"] for r in early] == ["1/2023-Q4", "1/2024-Q1"]
    # The next code skips the recurrence's number.
    assert office("task", "add", "5/KH-UBND", "Việc khác", "--unit", "SXD").split()[1] == \
        "5/KH-UBND#2"


_MONTHLY: dict[str, bytes] = {}


def _monthly_written_long_ago(dondoc: Run, path: Path) -> None:
    """A monthly report due the 5th, Jan 2022 to Dec 2027, in a register last written on
    01/01/2022: it holds the recurrence and January 2022's instance only, so the reports below
    make every other one (as after a clerk's holiday: today's first report makes the month's)."""
    dondoc("--db", str(path), "unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("--db", str(path), "directive", "add", "5/KH-UBND", "--issued", "01/01/2022")
    conn = db.connect(path)
    with db.transaction(conn):
        writes.add_recurring(conn, "5/KH-UBND", "Báo cáo", "SXD", "month", date(2022, 1, 1),
                             day=5, until=date(2027, 12, 31))
    assert conn.execute("SELECT code FROM task").fetchall() == [("1/2022-01",)]
    conn.close()


def _months_begun(day: date) -> int:
    """The instances as of `day`: one a month from January 2022, none after December 2027."""
    last = min(day, date(2027, 12, 31))
    return (last.year - 2022) * 12 + last.month


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dates=st.lists(st.dates(date(2022, 1, 1), date(2029, 1, 1)), min_size=1, max_size=5))
# Latest first (the instances up to it made at once, the earlier ones then asked again); the
# same date twice; the day an instance falls due and the day before it; a year's last day;
# past today (made in a copy, prepare.as_of), then before it, then past it again; past --until.
@example(dates=[date(2026, 1, 1), date(2022, 1, 1)])
@example(dates=[date(2023, 6, 5), date(2023, 6, 5)])
@example(dates=[date(2023, 6, 5), date(2023, 6, 4), date(2023, 6, 6)])
@example(dates=[date(2022, 12, 31), date(2023, 1, 1)])
@example(dates=[date(2027, 3, 5), date(2024, 1, 1), date(2027, 3, 5), date(2028, 6, 1)])
def test_no_instance_is_created_twice_whatever_order_reports_run_in(
    dondoc: Run, tmp_path: Path, dates: list[date]
) -> None:
    db_path = tmp_path / f"r{len(list(tmp_path.iterdir()))}.sqlite3"
    if not _MONTHLY:  # made once, copied for each example
        made = tmp_path / "monthly.sqlite3"
        _monthly_written_long_ago(dondoc, made)
        _MONTHLY["db"] = made.read_bytes()
    db_path.write_bytes(_MONTHLY["db"])
    register = str(db_path)
    for day in dates:  # overdue, completion and list as of dates in any order, past today too
        as_of = day.strftime("%d/%m/%Y")
        dondoc("--db", register, "overdue", "--as-of", as_of)
        dondoc("--db", register, "completion", "--as-of", as_of)
        codes = [r["code"] for r in json.loads(dondoc("--db", register, "task", "list",
                                                      "--as-of", as_of, "-f", "json"))]
        assert len(codes) == len(set(codes)) == _months_begun(day), as_of
    codes = [r["code"] for r in json.loads(dondoc("--db", register, "task", "list", "--as-of",
                                                  "31/12/2027", "-f", "json"))]
    assert len(codes) == len(set(codes)) == 72  # Jan 2022 - Dec 2027, once each


def test_no_instance_before_the_task_or_due_before_it(office: Run) -> None:
    """Assigned on 20/03/2023, a quarterly report due the 15th starts with Q2: Q1's deadline
    had passed. A recurrence that would end before it begins is refused, not silently empty."""
    found = instances("6", "quarter", 15, date(2023, 3, 20), date(2023, 7, 1), None)
    assert [(i.code, i.assigned) for i in found] == [("6/2023-Q2", date(2023, 4, 1)),
                                                     ("6/2023-Q3", date(2023, 7, 1))]
    err = office.fails("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--every",
                       "month", "--until", "01/01/2020")
    assert err == ("dondoc: error: --until 01/01/2020 is before the first period begins "
                   "(14/02/2023) (give a later --until)\n")
    listed = office("task", "list", "--as-of", "10/02/2023", "--format", "csv")
    assert listed.count("\n") == 1  # the directive's date: nothing existed yet


def test_preparing_for_a_date_writes_up_to_today_and_keeps_the_rest_in_memory(
        office: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare.as_of: the register takes the instances whose period has begun by today, once (a
    second read writes nothing); a read as of a later day gets its instances in a copy in
    memory (SQLite) or in a transaction rolled back (PostgreSQL), the register left as it
    was."""
    conn = db.connect(db.resolve_path(None), write=False)
    with db.transaction(conn):
        conn.execute("""INSERT INTO recurrence (directive_id, code, content, unit_id, every, day,
                                                start, created_at)
                        SELECT 1, '9', 'Báo cáo tháng', 1, 'month', 5, '2024-01-01', ''""")
    today = date(2024, 2, 10)

    def held(register: db.Conn) -> list[str]:
        return [code for (code,) in register.execute(
            "SELECT code FROM task WHERE code LIKE '9/%' ORDER BY code")]

    with prepare.as_of(conn, date(2024, 4, 20), today) as ready:
        assert held(ready) == ["9/2024-01", "9/2024-02", "9/2024-03", "9/2024-04"]
        assert [r["code"] for r in reports.overdue(ready, date(2024, 4, 20))
                if r["code"].startswith("9/")] == ["9/2024-01", "9/2024-02", "9/2024-03",
                                                   "9/2024-04"]
    assert held(conn) == ["9/2024-01", "9/2024-02"] and not conn.in_transaction
    assert [code for (code,) in registers.rows(
        "SELECT code FROM task WHERE code LIKE '9/%' ORDER BY code")] == ["9/2024-01",
                                                                        "9/2024-02"]
    # All there: no write, not even the write lock (another writer holds it).
    monkeypatch.setenv(db.ENV_BUSY_TIMEOUT, "0.1")
    with registers.holding_the_writer_lock():
        with prepare.as_of(conn, date(2024, 2, 1), today) as ready:
            assert ready is conn and held(ready) == ["9/2024-01", "9/2024-02"]
        assert not conn.in_transaction
    conn.close()


def test_a_read_as_of_a_later_date_leaves_the_register_as_it_was(office: Run) -> None:
    """Reads never write: what a read as of a later date needs (recurring instances after
    today, the calendar of later years) is gone when it ends, on a file and on a server."""
    office("directive", "add", "5/KH-UBND", "--issued", "02/11/2023")
    office("task", "add", "5/KH-UBND", "Báo cáo tháng", "--unit", "SXD", "--every", "month",
           "--day", "15")
    office("overdue")  # the instances up to today, written once
    before = registers.row_counts()
    # Each read shows an instance that exists only as of its date (completion counts them).
    for args, shown in ((["overdue"], "1/2031-06"), (["task", "list"], "1/2031-07"),
                        (["due"], "1/2031-07"), (["completion"], '"total": 9'),
                        (["task", "show", "5/KH-UBND#1/2031-07"], '"1/2031-07"')):
        assert shown in office(*args, "--as-of", "10/07/2031", "--format", "json")
    assert registers.row_counts() == before
