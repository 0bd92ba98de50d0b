"""Due dates: a deadline as it is written (a date, or a period after the day the task was
assigned: '10 ngày làm việc', '30 ngày') and the day it means on the register's calendar.

`due_from` works out one deadline, for the clerk's writes (--due); `DueDates` works out many
on one calendar, loaded once and grown when a deadline needs more days, each distinct text and
assigned day once, for an import of a million rows. Both refuse the same deadlines, with the same
words (deadline_problem, and a deadline that lands after the calendar's last year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
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
from dondoc.register.db import Conn
from dondoc.text import fold

MAX_CACHED = 100_000  # distinct texts and deadlines remembered: memory stays bounded
# After the last day a deadline can reach, a month's margin: a day off moves to the next
# working day (Civil Code art. 148), and Tết's week off is the longest run of them.
OFF_DAYS_MARGIN = timedelta(days=31)


@dataclass(frozen=True)
class PlanDue:
    """A deadline as plans write it ('Quý II/2023', 'Thường xuyên'): the day it gives (a
    period's last day), or none; recurring ones say how often (deadlines/recurring.MONTHS)."""

    due: date | None
    every: str | None = None  # 'Hằng quý': a task each quarter, as `task add --every` makes
    flagged: bool = False  # 'Theo tiến độ dự án', 'Theo yêu cầu': none yet, in the summary


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(?:\s*(?:/|nam)\s*(\d{4}))?"  # '/2023', ' năm 2023', or none: the directive's year
_PLAN_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:truoc|cham nhat|han cuoi|trong) (?:ngay )?(\d{1,2})[/.-](\d{1,2})"
                r"(?:[/.-](\d{4}))?"), "day"),
    (re.compile(r"(?:trong |truoc |cuoi )?thang (\d{1,2})" + _YEAR), "month"),
    (re.compile(r"(?:trong |truoc |cuoi )?quy (iv|iii|ii|i|[1-4])" + _YEAR), "quarter"),
    (re.compile(r"(?:trong )?6 thang (dau|cuoi) nam(?: (\d{4}))?"), "half"),
    (re.compile(r"(?:trong |cuoi )?nam (\d{4})"), "year"),
]
_STANDING = ("thuong xuyen", "thuong xuyen, lien tuc", "hang ngay", "lien tuc")
_RECURRING = {"hang thang": "month", "hang quy": "quarter", "hang nam": "year",
              "6 thang": "half-year", "nua nam": "half-year"}
# No deadline yet: the project's schedule or the superior's request will set it.
_FLAGGED = ("theo tien do du an", "theo tien do", "theo tien do thuc hien", "theo yeu cau",
            "khi co yeu cau")


def plan_due(text: str, year: int) -> PlanDue | None:
    """The deadline a plan's 'Thời gian hoàn thành' cell writes, in a form a date parser does
    not read (None for any other text: a date, a period after assigning, or a mistake); a
    month, quarter or half without a year is in `year`, the directive's. The README's table
    "From the document to the register" lists the forms."""
    folded = fold(text).rstrip(".;")
    if folded in _STANDING:
        return PlanDue(None)
    if folded in _FLAGGED:
        return PlanDue(None, flagged=True)
    often = folded.removeprefix("dinh ky ").removeprefix("moi ")
    if often in _RECURRING or folded.startswith("dinh ky ") and often in ("quy", "thang", "nam"):
        return PlanDue(None, every=_RECURRING.get(often) or _RECURRING["hang " + often])
    for pattern, form in _PLAN_FORMS:
        match = pattern.fullmatch(folded)
        if match:
            try:
                return PlanDue(_plan_day(form, match.groups(), year))
            except ValueError:
                return None  # 'Tháng 13/2023': the date parser says what is wrong
    return None


def _plan_day(form: str, groups: tuple[str | None, ...], year: int) -> date:
    """The last day the form gives; ValueError for a day, month or quarter there is not."""
    if form == "year":
        return date(int(groups[0] or year), 12, 31)
    given_year = int(groups[-1]) if groups[-1] else year
    if form == "day":
        return date(given_year, int(groups[1] or 0), int(groups[0] or 0))
    if form == "half":
        return date(given_year, 6, 30) if groups[0] == "dau" else date(given_year, 12, 31)
    first = groups[0] or ""
    month = int(first) if form == "month" else 3 * (_ROMAN.get(first) or int(first))
    return date(given_year, month, calendar.monthrange(given_year, month)[1])


class DeadlineRefused(Exception):
    """A deadline no register can mean; `why` says so, of the deadline as written."""

    def __init__(self, why: Text) -> None:
        super().__init__(why.render("en"))
        self.why = why


class DueDates:
    """Deadlines worked out one after another on one calendar of the register."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.move_off_days = move_off_days(conn)
        self.calendar: WorkCalendar | None = None
        self.periods: dict[str, Period | None] = {}  # text -> its period (None: a date)
        self.plans: dict[tuple[str, int], PlanDue | None] = {}  # (text, year) -> plan_due
        # (text, assigned) -> (due, as written), as ISO dates
        self.written: dict[tuple[str, str], tuple[str, str | None]] = {}

    def plan(self, text: str, year: int) -> PlanDue | None:
        """The deadline a plan writes (plan_due), each distinct text and year once."""
        key = (text, year)
        if key in self.plans:
            return self.plans[key]
        found = plan_due(text, year)
        if len(self.plans) < MAX_CACHED:
            self.plans[key] = found
        return found

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


def due_from(conn: Conn, assigned: date, period: Period | None,
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
