"""Recurring tasks: "report every quarter, by the 15th of the quarter's last month".

A recurrence makes one task per period, each with its own deadline and status, coded by its
period: `5/2023-Q1`, `5/2023-H2`, `5/2023-03`, `5/2023`. The periods come from
python-dateutil's rrule. Instances exist up to the report date without anyone creating them:
every read as of a date prepares the register for it first (prepare.as_of), which adds with
materialize() the instances whose period has begun by then; the (directive, code) key means
none is ever created twice, whatever order reports run in. They stop at `until`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dondoc.dates import now_stamp
from dondoc.deadlines import workdays
from dondoc.errors import InvalidValue
from dondoc.register import db, spans
from dondoc.register.db import Conn

MONTHS = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}


@dataclass(frozen=True)
class Instance:
    code: str
    assigned: date  # the period's first day
    due: date


def instances(base: str, every: str, day: int | None, start: date, last: date,
              until: date | None) -> list[Instance]:
    """The instances whose period begins from the one holding `start` up to `last` (and not
    after `until`): due on `day` of the period's last month (default: its last day), assigned
    when the period begins, or on `start` in the first one; a period whose deadline has passed
    by `start` has none."""
    # dateutil costs ~30 ms to import: only registers with recurring tasks pay it.
    from dateutil.relativedelta import relativedelta
    from dateutil.rrule import MONTHLY, rrule

    months = MONTHS[every]
    first = date(start.year, (start.month - 1) // months * months + 1, 1)
    end = min(last, until) if until else last
    out = []
    for begin in rrule(MONTHLY, interval=months, dtstart=first, until=end):
        period_start = begin.date()
        last_month = period_start + relativedelta(months=months - 1)
        month_end = (last_month + relativedelta(months=1, days=-1)).day
        due = last_month.replace(day=min(day, month_end) if day else month_end)
        if due >= start:
            out.append(Instance(f"{base}/{_label(period_start, every)}",
                                max(period_start, start), due))
    return out


def _label(begin: date, every: str) -> str:
    if every == "quarter":
        return f"{begin.year}-Q{(begin.month - 1) // 3 + 1}"
    if every == "half-year":
        return f"{begin.year}-H{(begin.month - 1) // 6 + 1}"
    if every == "month":
        return f"{begin.year}-{begin.month:02d}"
    return str(begin.year)


def check(day: int | None) -> None:
    """--day is a day of a month. (The period is one of MONTHS: the command line offers no
    other, and the schema refuses any other.)"""
    if day is not None and not 1 <= day <= 31:
        raise InvalidValue("--day {day} is not a day of the month (1-31)", day=day)


def pending(conn: Conn, as_of: date) -> list[tuple[int, Instance]]:
    """The instances whose period has begun by `as_of` that the register does not hold yet,
    with the id of their recurrence. A task of the directive with the instance's code already
    is the instance (the key is directive + code)."""
    if conn.execute("SELECT 1 FROM recurrence LIMIT 1").fetchone() is None:
        return []  # the usual register: nothing to compute
    have = set(conn.execute(
        """SELECT directive_id, code FROM task
           WHERE directive_id IN (SELECT directive_id FROM recurrence)""").fetchall())
    missing = []
    for rec_id, directive_id, base, every, day, start, until in conn.execute(
            "SELECT id, directive_id, code, every, day, start, until FROM recurrence"
    ).fetchall():
        for instance in instances(base, every, day, date.fromisoformat(start), as_of,
                                  date.fromisoformat(until) if until else None):
            if (directive_id, instance.code) not in have:
                missing.append((rec_id, instance))
    return missing


def materialize(conn: Conn, as_of: date) -> int:
    """Create the instances of every recurrence whose period has begun by `as_of`; how many.
    A deadline on a day off moves to the next working day as a plain one does (workdays.py,
    when the register says so), keeping the date as written in due_rule."""
    missing = pending(conn, as_of)
    if not missing:
        return 0  # and no write
    if not conn.in_transaction:  # a write of its own, else a part of the caller's
        with db.transaction(conn):
            return materialize(conn, as_of)
    calendar = None
    if workdays.move_off_days(conn):  # a month's margin: a day off at a year's end runs on
        dues = [instance.due for _, instance in missing]
        calendar = workdays.load(conn, min(dues), max(dues) + timedelta(days=31))
    created: list[int] = []
    for rec_id, instance in missing:
        due = calendar.next_workday(instance.due) if calendar else instance.due
        inserted = conn.execute(
            """INSERT INTO task (directive_id, code, content, unit_id, leader, officer,
                                 assigned, due, due_rule, created_at, recurrence_id)
               SELECT directive_id, ?, content, unit_id, leader, officer, ?, ?, ?, ?, id
               FROM recurrence WHERE id = ?
               ON CONFLICT DO NOTHING RETURNING id""",
            (instance.code, instance.assigned.isoformat(), due.isoformat(),
             instance.due.isoformat() if due != instance.due else None, now_stamp(), rec_id)
        ).fetchone()
        if inserted is not None:
            created.append(inserted[0])
    for task_id in created:
        spans.refresh(conn, "?", (task_id,))
    return len(created)
