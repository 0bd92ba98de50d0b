"""The register made ready for a read as of a date D: the one place that says what a report,
a list, a `show` or an export as of D reads that the file may not hold yet.

- The recurring tasks' instances whose period has begun by D (recurring.py): a task that
  exists as of D must be in every report, and `task show 5/2023-Q1` must find it.
- The calendar years of the holidays package around D (workdays.py): working days late, due
  within N working days.

On a file this account may write, what is due by today goes into the file as a write like
any other (one transaction, db.transaction), and only when something is missing: a read of a
register that holds it all writes nothing. What a read as of a later day needs goes into a copy
in memory, so what the file holds never depends on the dates past reports were run for; on a
file this account may only read, all of it does, and the file is never written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from dondoc.deadlines import recurring, workdays
from dondoc.register import db


def years_around(day: date) -> range:
    """The calendar years a read as of `day` counts working days in: its own and the next
    (workdays.load's margin for periods that run on)."""
    return range(day.year, day.year + 2)


def into_file(conn: db.Register, day: date, today: date) -> int:
    """What a read as of `day` needs that may be written to the file: the instances whose
    period has begun by `day` or today, whichever is first, and the calendar years around
    that day. One transaction, none when all is there; how many instances were created."""
    upto = min(day, today)
    if not db.can_write(conn):
        return 0
    if not recurring.pending(conn, upto) and not workdays.missing_years(conn, years_around(upto)):
        return 0
    with db.transaction(conn):
        workdays.store_years(conn, workdays.missing_years(conn, years_around(upto)))
        return recurring.materialize(conn, upto)


@contextmanager
def as_of(conn: db.Register, day: date, today: date | None = None) -> Iterator[db.Register]:
    """The register to read as of `day`: `conn` itself with what it lacks written to it
    (into_file), or, when the read needs more than the file may take, a copy in memory that
    holds it; the copy is closed at the end of the block."""
    into_file(conn, day, today or date.today())
    if not recurring.pending(conn, day):
        yield conn
        return
    copy = db.in_memory_copy(conn)
    try:
        with db.transaction(copy):
            recurring.materialize(copy, day)
        yield copy
    finally:
        copy.close()
