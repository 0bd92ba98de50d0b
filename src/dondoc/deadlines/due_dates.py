"""Due dates: a deadline as it is written (a date, or a period after the day the task was
assigned: '10 ngày làm việc', '30 ngày') and the day it means on the register's calendar.

`due_from` works out one deadline, for the clerk's writes (--due); `DueDates` works out many
on one calendar, loaded once and grown when a deadline needs more days, each distinct text and
assigned day once, for an import of a million rows. Both refuse the same deadlines, with the same
words (deadline_problem, and a deadline that lands after the calendar's last year).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from dondoc.dates import show_date
from dondoc.deadlines.workdays import (
    YEARS,
    Period,
    WorkCalendar,
    check_year,
    deadline_problem,
    latest_end,
    load,
    move_off_days,
    parse_period,
)
from dondoc.errors import InvalidValue
from dondoc.i18n import Text

MAX_CACHED = 100_000  # distinct texts and deadlines remembered: memory stays bounded
# After the last day a deadline can reach, a month's margin: a day off moves to the next
# working day (Civil Code art. 148), and Tết's week off is the longest run of them.
OFF_DAYS_MARGIN = timedelta(days=31)


class DeadlineRefused(Exception):
    """A deadline no register can mean; `why` says so, of the deadline as written."""

    def __init__(self, why: Text) -> None:
        super().__init__(why.render("en"))
        self.why = why


class DueDates:
    """Deadlines worked out one after another on one calendar of the register."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.move_off_days = move_off_days(conn)
        self.calendar: WorkCalendar | None = None
        self.periods: dict[str, Period | None] = {}  # text -> its period (None: a date)
        # (text, assigned) -> (due, as written), as ISO dates
        self.written: dict[tuple[str, str], tuple[str, str | None]] = {}

    def period(self, text: str) -> Period | None:
        """The period a deadline's text gives, or None when it is not one (then it is a date)."""
        if text in self.periods:
            return self.periods[text]
        period = parse_period(text)
        if len(self.periods) < MAX_CACHED:
            self.periods[text] = period
        return period

    def as_written(self, text: str, period: Period | None, given: str | None,
                   assigned: str) -> tuple[str, str | None]:
        """The deadline `text` gives a task assigned on `assigned`: its `period` after that day,
        or the date `given` (ISO dates). Gives the due date, and what to keep as written: the
        text of a period, a date moved off a day off; None for a date as it is."""
        key = (text, assigned)
        found = self.written.get(key)
        if found is not None:
            return found
        day = date.fromisoformat(given) if given is not None else None
        due = self.due(date.fromisoformat(assigned), period, day)
        found = (due.isoformat(), text if period else given if due != day else None)
        if len(self.written) < MAX_CACHED:
            self.written[key] = found
        return found

    def due(self, assigned: date, period: Period | None, given: date | None) -> date:
        """The deadline a period after `assigned`, or the date `given`, means (WorkCalendar.due);
        DeadlineRefused when it is none a register can mean."""
        why = deadline_problem(assigned, period, given)
        if why is not None:
            raise DeadlineRefused(why)
        last = given if period is None else latest_end(assigned, period.days)
        assert last is not None
        end = last + OFF_DAYS_MARGIN
        if self.calendar is None or not self.calendar.covers(assigned, end):
            first = min(assigned, self.calendar.first if self.calendar else assigned)
            self.calendar = load(self.conn, first, end)
        due = self.calendar.due(assigned, period, given, self.move_off_days)
        assert due is not None
        if due.year not in YEARS:
            raise DeadlineRefused(Text("gives {date}, after the register's calendar ends ({last})",
                                       date=show_date(due), last=YEARS[-1]))
        return due


def due_from(conn: sqlite3.Connection, assigned: date, period: Period | None,
             given: date | None) -> date | None:
    """The deadline a period after `assigned`, or a date, gives; refused, naming --due and
    --assigned, when it is none a register can mean."""
    if period is None and given is None:
        return None
    check_year(assigned.year, Text("assigned {date}", date=show_date(assigned)))
    if given is not None and given < assigned:  # said as the commands always have
        raise InvalidValue("deadline {due} is before the task was assigned ({assigned})",
                           "check --due and --assigned", due=show_date(given),
                           assigned=show_date(assigned))
    try:
        return DueDates(conn).due(assigned, period, given)
    except DeadlineRefused as exc:
        written = (show_date(given) if given is not None else
                   f"{period.days}wd" if period is not None and period.working else
                   f"{period.days}d" if period is not None else "")
        raise InvalidValue("deadline {due!r} {why}", "check --due and --assigned", due=written,
                           why=exc.why) from None
