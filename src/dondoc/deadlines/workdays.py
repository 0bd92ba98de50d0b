"""Working days as Vietnamese law counts them, and deadlines written as periods.

A day is a working day unless it is a Saturday or Sunday or a public holiday, with the
government's swaps: a weekday given off (2 May 2025) and a Saturday worked in its place
(26 April 2025). The days that break the Monday-Friday rule come from the `holidays` package
(country VN, names in Vietnamese), copied into the register a year at a time the first time a
calculation needs that year, so reports never import the package; an office's own days
(`calendar add-holiday`, `add-workday`) are kept beside them and win.

Periods follow the Civil Code (arts. 147-148): the day a period starts from is not counted, and
a period whose last day is a day off ends on the next working day. "Within 10 working days" of
a task assigned on D is the 10th working day after D.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from dondoc.dates import now_stamp, show_date
from dondoc.errors import InvalidValue
from dondoc.i18n import Joined, Label, Text
from dondoc.register import db
from dondoc.register.db import Conn
from dondoc.text import fold

SETTING_MOVE = "move_deadlines_off_days"  # Civil Code art. 148; on unless set to 'off'
YEARS = range(1945, 2101)  # what a register can mean: from 1945 to the package's last year
# The longest period a deadline can be: ten years, in working days about eight. Longer is a typo.
MAX_DAYS, MAX_WORKDAYS = 3650, 2000

# "10wd", "10 ngày làm việc", "10 working days"; "30 ngày", "30d", "30 days".
# A period of no days is no period: '0wd' is then refused as not a date.
_WORKDAYS = re.compile(r"([1-9]\d{0,5})\s*(?:wd|ngay lam viec|working days?|work days?)")
_DAYS = re.compile(r"([1-9]\d{0,5})\s*(?:d|ngay|days?)")


@dataclass(frozen=True)
class Period:
    days: int
    working: bool  # working days, else calendar days


def parse_period(text: str) -> Period | None:
    """The period a deadline cell or --due gives, or None when it is not one (a date)."""
    folded = fold(text)
    for pattern, working in ((_WORKDAYS, True), (_DAYS, False)):
        match = pattern.fullmatch(folded)
        if match:
            return Period(int(match[1]), working)
    return None


class WorkCalendar:
    """Working days over a span of years, counted with a running total: how many working days
    lie between two dates is one subtraction, whatever the register's size."""

    def __init__(self, first: date, last: date, off: set[date], work: set[date]) -> None:
        self.first, self.last = first, last
        self.totals: list[int] = []  # working days from `first` to each day, inclusive
        total = 0
        day = first
        while day <= last:
            if day in work or (day.weekday() < 5 and day not in off):
                total += 1
            self.totals.append(total)
            day += timedelta(days=1)
        self.working = [i for i in range(len(self.totals))
                        if self.totals[i] != (self.totals[i - 1] if i else 0)]

    def _index(self, day: date) -> int:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the calendar loaded ({self.first}..{self.last})")
        return (day - self.first).days

    def is_workday(self, day: date) -> bool:
        i = self._index(day)
        return self.totals[i] != (self.totals[i - 1] if i else 0)

    def count(self, start: date, end: date) -> int:
        """Working days after `start`, up to and including `end` (negative if end < start)."""
        return self.totals[self._index(end)] - self.totals[self._index(start)]

    def add(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`: `start` itself is not counted."""
        position = bisect_right(self.working, self._index(start)) + days - 1
        if not 0 <= position < len(self.working):
            raise ValueError(f"{days} working days after {start} is outside the calendar")
        return self.first + timedelta(days=self.working[position])

    def next_workday(self, day: date) -> date:
        """`day` if it is a working day, else the next one."""
        return day if self.is_workday(day) else self.add(day, 1)

    def covers(self, first: date, last: date) -> bool:
        return self.first <= first and last <= self.last

    def due(self, assigned: date, period: Period | None, given: date | None,
            move: bool) -> date | None:
        """The deadline a period after `assigned`, or a date, gives: a period in working days
        ends on a working day; a period in calendar days, or a date, that ends on a day off
        moves to the next working day (Civil Code art. 148) when `move`."""
        if period is not None and period.working:
            return self.add(assigned, period.days)
        end = given if period is None else assigned + timedelta(days=period.days)
        if end is None:
            return None
        return self.next_workday(end) if move else end


def deadline_problem(assigned: date, period: Period | None, given: date | None) -> Text | None:
    """What makes a deadline, a `period` after `assigned` or a date `given`, one no register can
    mean (said of the deadline as written), or None: a period longer than MAX_DAYS or
    MAX_WORKDAYS, a year outside YEARS, a date before the assigned one (before any move off a
    day off: 31/12/2022 is no deadline for a task assigned on 02/01/2023)."""
    if period is not None:
        most = MAX_WORKDAYS if period.working else MAX_DAYS
        if period.days > most:
            return Text("is longer than a deadline can be: at most {most} working days"
                        if period.working else
                        "is longer than a deadline can be: at most {most} days", most=most)
    if given is not None and given.year not in YEARS:
        return year_outside(given.year)
    if given is not None and given < assigned:
        return Text("is before the assigned date {date}", date=show_date(assigned))
    return None


def year_outside(year: int) -> Text:
    return Text("is in {year}, outside the years {first}-{last} a register's calendar covers",
                year=year, first=YEARS[0], last=YEARS[-1])


def latest_end(start: date, days: int) -> date:
    """The latest day a period of `days` after `start` can end, in working days or calendar
    days: twice the days (two days off a week at most, over a long period) and two weeks more
    (Tết's week off, a swapped day). A calendar load()ed up to it holds the period's end."""
    return start + timedelta(days=days * 2 + 14)


def working_days_after(conn: Conn, start: date, days: int) -> date:
    """The day `days` working days after `start`, by the register's calendar."""
    return load(conn, start, latest_end(start, days)).add(start, days)


def load(conn: Conn, first: date, last: date) -> WorkCalendar:
    """The calendar from `first` to `last`, with a year's margin after for periods that run on;
    years the register has not copied from the holidays package yet are copied now."""
    years = range(first.year, last.year + 2)
    off: set[date] = set()
    work: set[date] = set()
    for day, _, kind, _ in _days(conn, years):  # the office's own last: they win
        when = date.fromisoformat(day)
        (off if kind == "off" else work).add(when)
        (work if kind == "off" else off).discard(when)
    return WorkCalendar(date(years[0], 1, 1), date(years[-1], 12, 31), off, work)


def _days(conn: Conn, years: range) -> list[tuple[str, str, str, str]]:
    """(day, source, kind, name) of `years` that break the Monday-Friday rule, the package's
    before the office's own. Years the register lacks are copied into it from the holidays
    package, or, where this account may only read the register, taken from the package as
    they are: the same days either way."""
    missing = missing_years(conn, years)
    extra: list[tuple[str, str, str, str]] = []
    if missing and db.can_write(conn):
        store_years(conn, missing)
    elif missing:
        extra = [(day, "package", kind, name) for day, kind, name in _package_days(missing)]
    rows = conn.execute(
        """SELECT day, source, kind, name FROM calendar_day WHERE day BETWEEN ? AND ?
           ORDER BY source = 'local', day""",
        (f"{years[0]}-01-01", f"{years[-1]}-12-31"),
    ).fetchall()
    return sorted([*extra, *rows], key=lambda row: row[1] == "local")


def _package_days(years: list[int]) -> list[tuple[str, str, str]]:
    """(day, kind, name) from the holidays package: its days off and the weekends worked."""
    import holidays  # ~0.1 s: only the first time a year is needed

    country = holidays.country_holidays("VN", years=years, language="vi")
    rows = [(d.isoformat(), "off", name) for d, name in country.items()]
    rows += [(d.isoformat(), "work", "Làm bù") for d in country.weekend_workdays
             if d.year in years]
    return rows


def missing_years(conn: Conn, years: range) -> list[int]:
    """The years of `years` the register has not copied from the holidays package yet."""
    have = {y for (y,) in conn.execute("SELECT year FROM calendar_year")}
    return [y for y in years if y not in have]


_REPLACE_DAY = ("ON CONFLICT (day, source) DO UPDATE SET kind = excluded.kind, "
                "name = excluded.name")


def store_years(conn: Conn, years: list[int]) -> None:
    """Copy `years` from the holidays package into the register: inside a write, as part of
    it; outside one (a report reaching a year no write has needed), as a write of its own,
    under the same rule as every write (db.transaction)."""
    if not years:
        return
    if not conn.in_transaction:
        with db.transaction(conn):
            store_years(conn, years)
        return
    from importlib.metadata import version

    rows = _package_days(years)
    # Once per store, not per year: each call reads the package's metadata from disk.
    release, stamp = f"holidays {version('holidays')}", now_stamp()
    conn.execute("SAVEPOINT calendar_years")  # joins the caller's transaction
    conn.executemany("INSERT INTO calendar_day VALUES (?, 'package', ?, ?) " + _REPLACE_DAY, rows)
    conn.executemany("INSERT INTO calendar_year VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE "
                     "SET package = excluded.package, loaded_at = excluded.loaded_at",
                     [(y, release, stamp) for y in years])
    conn.execute("RELEASE calendar_years")


def move_off_days(conn: Conn) -> bool:
    row = conn.execute("SELECT value FROM setting WHERE name = ?", (SETTING_MOVE,)).fetchone()
    return row is None or row[0] != "off"


def year_listing(conn: Conn, year: int) -> list[dict[str, object]]:
    """The days of `year` that break the Monday-Friday rule, the office's own winning."""
    rows: dict[str, dict[str, object]] = {}
    for day, source, kind, name in _days(conn, range(year, year + 1)):
        rows[day] = {"day": day, "weekday": f"wd{date.fromisoformat(day).isoweekday()}",
                     "day_kind": kind, "day_name": name, "source": source}
    return [rows[day] for day in sorted(rows)]


def check_year(year: int, where: str | Text) -> None:
    """Refuse a year no register can mean: before the Democratic Republic's first (1945), or
    after the last the holidays package knows Vietnam's holidays for (2100)."""
    if year not in YEARS:
        raise InvalidValue(
            "{where}: year {year} is outside {first}-{last}",
            "a register's calendar runs from {first} to {last}, the last year the holidays "
            "package knows", where=where, year=year, first=YEARS[0], last=YEARS[-1])


def recorded(conn: Conn, day: date) -> tuple[str, str, str] | None:
    """(kind, name, source) of the row `day` has in the calendar, the office's own winning."""
    found = [(kind, name, source) for when, source, kind, name
             in _days(conn, range(day.year, day.year + 1)) if when == day.isoformat()]
    return found[-1] if found else None  # _days puts the office's own last


def add_local(conn: Conn, day: date, kind: str, name: str,
              replace: bool = False) -> None:
    """An office's own day off, or a day off it works: it wins over the package's. A day
    the calendar records already changes only with `replace`; a day that is a working day
    by the Monday-Friday rule cannot be made one."""
    check_year(day.year, "DATE")
    found = recorded(conn, day)
    shown = show_date(day)
    if kind == "work" and found is None and day.weekday() < 5:
        raise InvalidValue(
            "{day} is a {weekday}, a working day already",
            "add-workday is for a day off the office works: a Saturday or Sunday, or a holiday",
            day=shown, weekday=Label(f"wd{day.isoweekday()}:v"))
    if found is not None and not replace:
        found_kind, found_name, source = found
        raise InvalidValue(
            "{day} is recorded already: {name} ({kind}, {source})",
            "give --replace to replace it", day=shown, name=found_name,
            kind=Label(f"{found_kind}:v"), source=Label(f"{source}:v"))
    conn.execute("INSERT INTO calendar_day VALUES (?, 'local', ?, ?) " + _REPLACE_DAY,
                 (day.isoformat(), kind, name))


def set_move_off_days(conn: Conn, on: bool) -> None:
    conn.execute("INSERT INTO setting VALUES (?, ?) "
                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                 (SETTING_MOVE, "on" if on else "off"))


def explained(assigned: date, period: Period | None, given: date | None,
              due: date | None) -> Joined | None:
    """How a deadline was worked out, for a write's one line: `10 working days from 14/02/2023`,
    `moved from Sunday 25/10/2026` (a date or a period in calendar days ending on a day off);
    None when it is the date as written."""
    parts: list[Text] = []
    end = given
    if period is not None and period.working:
        parts.append(Text("{n} working days from {start}", n=period.days,
                          start=show_date(assigned)))
    elif period is not None:
        parts.append(Text("{n} days from {start}", n=period.days, start=show_date(assigned)))
        end = assigned + timedelta(days=period.days)
    if end is not None and due is not None and end != due:
        parts.append(Text("moved from {weekday} {day}", weekday=Label(f"wd{end.isoweekday()}:v"),
                          day=show_date(end)))
    return Joined(parts) if parts else None
