"""The register made ready for a read as of a date D: the one place that says what a report,
a list, a `show` or an export as of D needs that the file may not hold yet, the recurring
tasks' instances whose period has begun by D (recurring.py): a task that exists as of D must be
in every report, and `task show 5/2023-Q1` must find it.

On a file this account may write, the instances whose period has begun by today go into the
file as a write like any other (one transaction, db.transaction), and only when some are
missing: a read of a register that holds them all writes nothing. Those a read as of a later
day needs go into a copy in memory, so what the file holds never depends on the dates past
reports were run for; on a file this account may only read, all of them do, and the file is
never written.

The calendar years of the holidays package are the other thing a read may lack; only the reads
that count working days need them, and only the years they count in, so workdays.load()
stores them as it reaches them, by the same rule (workdays.store_years): written to a writable
file in a transaction of their own, taken from the package in memory for a read-only one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from dondoc.deadlines import recurring
from dondoc.register import db


def into_file(conn: db.Conn, day: date, today: date) -> int:
    """What a read as of `day` needs that may be written to the file: the instances whose
    period has begun by `day` or today, whichever is first. One transaction, none when all are
    there; how many were created."""
    upto = min(day, today)
    if not db.can_write(conn) or not recurring.pending(conn, upto):
        return 0
    with db.transaction(conn):
        return recurring.materialize(conn, upto)


@contextmanager
def as_of(conn: db.Conn, day: date, today: date | None = None) -> Iterator[db.Conn]:
    """The register to read as of `day`: `conn` itself with what it lacks written to it
    (into_file), or, when the read needs more than the file may take, a copy in memory that
    holds it; the copy is closed at the end of the block."""
    into_file(conn, day, today or date.today())
    if not recurring.pending(conn, day):
        yield conn
        return
    if conn.dialect.postgresql:
        # No copy of a server's database: the read runs inside a transaction that writes what
        # it needs and is rolled back, so the register never keeps it. A login that may not
        # add tasks (a unit's) reads the instances the office's commands have made.
        if not db.can_write(conn):
            yield conn
            return
        with db.transaction(conn, commit=False):
            recurring.materialize(conn, day)
            yield conn
        return
    assert isinstance(conn, db.Register)
    copy = db.in_memory_copy(conn)
    try:
        with db.transaction(copy):
            recurring.materialize(copy, day)
        yield copy
    finally:
        copy.close()
