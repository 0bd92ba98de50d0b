"""The status rule: the timeline and the SQL that reads it, checked against a naive oracle that
replays events for each date, on real register files."""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dondoc import reports
from dondoc.register import db, spans
from dondoc.register.status import (
    CANCELLED,
    FOREVER,
    OPEN,
    EventKind,
    Fact,
    Status,
    first_spans,
    first_spans_sql,
    timeline,
)

BASE = date(2023, 1, 1)


def day(n: int) -> date:
    return BASE + timedelta(days=n)


@dataclass(frozen=True)
class Ev:
    on: date
    kind: EventKind
    new_due: date | None = None


@dataclass(frozen=True)
class Case:
    assigned: date
    due: date | None
    events: tuple[Ev, ...]  # in the order they were recorded


def oracle(case: Case, as_of: date) -> str | None:
    """Replay what had happened by `as_of`, by date then recording order."""
    if as_of < case.assigned:
        return None
    deadline, done_on, cancelled = case.due, None, False
    happened = sorted(
        (e for e in enumerate(case.events) if e[1].on <= as_of), key=lambda e: (e[1].on, e[0])
    )
    for _, ev in happened:
        if ev.kind is EventKind.DONE:
            done_on, cancelled = max(ev.on, case.assigned), False
        elif ev.kind is EventKind.EXTEND:
            deadline = ev.new_due
        elif ev.kind is EventKind.CANCEL:
            cancelled = True
        elif ev.kind is EventKind.REOPEN:
            done_on, cancelled = None, False
    if cancelled:
        return None
    if done_on is not None:
        return "done_on_time" if deadline is None or done_on <= deadline else "done_late"
    return "open_overdue" if deadline is not None and deadline < as_of else "open_on_time"


kinds = st.sampled_from(list(EventKind))
events = st.builds(
    lambda on, kind, new_due: Ev(day(on), kind, day(new_due) if kind is EventKind.EXTEND else None),
    st.integers(0, 60), kinds, st.integers(0, 90),
)
cases = st.builds(
    lambda a, due, evs: Case(day(a), day(a + due) if due is not None else None, tuple(evs)),
    st.integers(0, 30), st.none() | st.integers(0, 40), st.lists(events, max_size=6),
)


_EMPTY: dict[str, bytes] = {}


def build(path: Path, tasks: list[Case]) -> db.Conn:
    """A register of `tasks`, in a copy of an empty one made once: creating a register (its
    schema, its calendar years) was half of each example's time, and these tests are about
    the status rule (tests/register/test_migrate.py tests the creating)."""
    if not _EMPTY:
        with tempfile.TemporaryDirectory() as folder:
            made = Path(folder) / "empty.sqlite3"
            conn = db.connect(made)
            reports.overdue(conn, day(100))  # stores the calendar years the reports read
            db.close(conn)
            _EMPTY["db"] = made.read_bytes()
    path.write_bytes(_EMPTY["db"])
    conn = db.connect(path)
    with db.transaction(conn):
        conn.execute("INSERT INTO unit (id, code, name, name_key, created_at) "
                     "VALUES (1, 'U', 'Unit', 'unit', 'now')")
        conn.execute("INSERT INTO directive VALUES (1, '1/QĐ', '1/qd', '2023-01-01', '', NULL,"
                     " NULL, 'now')")
        for n, case in enumerate(tasks, start=1):
            conn.execute(
                "INSERT INTO task (id, directive_id, code, content, unit_id, assigned, due, "
                "created_at) VALUES (?, 1, ?, 'x', 1, ?, ?, 'now')",
                (n, str(n), case.assigned.isoformat(), case.due.isoformat() if case.due else None),
            )
            add_events(conn, n, case.events)
        spans.refresh(conn, "SELECT id FROM task")
    return conn


def add_events(conn: db.Conn, task_id: int, evs: tuple[Ev, ...]) -> None:
    conn.executemany(
        "INSERT INTO event (task_id, kind, on_date, recorded_at, new_due) VALUES (?, ?, ?, 'x', ?)",
        [(task_id, str(e.kind), e.on.isoformat(), e.new_due.isoformat() if e.new_due else None)
         for e in evs],
    )


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


DONE, EXTEND, CANCEL, REOPEN = (EventKind.DONE, EventKind.EXTEND, EventKind.CANCEL,
                                EventKind.REOPEN)
# The edges of the rule, each on the day before, of and after it: done on the deadline; due
# today (not overdue until tomorrow); done before it was assigned (counts on the assigned
# date); done then reopened the same day, and the other way round (recording order decides);
# an extension to before the original deadline; done after a cancellation (it is done).
HARD_CASES = [
    Case(day(0), day(10), (Ev(day(10), DONE),)),
    Case(day(0), day(10), ()),
    Case(day(10), day(12), (Ev(day(5), DONE),)),
    Case(day(0), day(10), (Ev(day(8), DONE), Ev(day(8), REOPEN))),
    Case(day(0), day(10), (Ev(day(8), REOPEN), Ev(day(8), DONE))),
    Case(day(0), day(10), (Ev(day(2), EXTEND, day(5)), Ev(day(7), DONE))),
    Case(day(0), None, (Ev(day(3), CANCEL), Ev(day(4), DONE))),
]


@SETTINGS
@given(tasks=st.lists(cases, min_size=1, max_size=6), when=st.lists(st.integers(-5, 100),
                                                                     min_size=1, max_size=5))
@example(tasks=HARD_CASES, when=[4, 5, 7, 8, 9, 10, 11, 12])
def test_every_task_in_exactly_one_group_as_the_oracle_says(
    tmp_path_factory: object, tasks: list[Case], when: list[int]
) -> None:
    path = tmp_path_factory.mktemp("s") / "r.sqlite3"  # type: ignore[attr-defined]
    conn = build(path, tasks)
    for n in when:
        as_of = day(n)
        listed = {r["id"]: r["status"] for r in reports.task_list(conn, as_of)}
        expected = {i: s for i, c in enumerate(tasks, 1) if (s := oracle(c, as_of)) is not None}
        assert listed == expected
        row = reports.completion(conn, as_of)
        counts = Counter(expected.values())
        none: dict[str, int] = {"total": 0, **dict.fromkeys(Status, 0)}
        total = row[0] if row else none
        assert total["total"] == len(expected)
        assert [total[s] for s in Status] == [counts[s] for s in Status]
        overdue = {r["id"] for r in reports.overdue(conn, as_of)}
        assert overdue == {i for i, s in expected.items() if s == "open_overdue"}
    conn.close()


@SETTINGS
@given(tasks=st.lists(cases, min_size=1, max_size=5), cut=st.integers(0, 60),
       later=st.lists(st.tuples(st.integers(0, 4), events), max_size=8))
def test_a_past_report_is_unchanged_by_later_events(
    tmp_path_factory: object, tasks: list[Case], cut: int, later: list[tuple[int, Ev]]
) -> None:
    path = tmp_path_factory.mktemp("p") / "r.sqlite3"  # type: ignore[attr-defined]
    conn = build(path, tasks)
    as_of = day(cut)

    def snapshot() -> tuple[object, ...]:
        return (reports.completion(conn, as_of), reports.overdue(conn, as_of),
                reports.task_list(conn, as_of))

    before = snapshot()
    with db.transaction(conn):
        for index, ev in later:
            task_id = index % len(tasks) + 1
            moved = Ev(max(ev.on, as_of + timedelta(days=1)), ev.kind, ev.new_due)
            add_events(conn, task_id, (moved,))
        spans.refresh(conn, "SELECT id FROM task")
    assert snapshot() == before
    conn.close()


@pytest.mark.sqlite_only  # touches no register
def test_timeline_spans() -> None:
    a = date(2023, 2, 14)
    facts = [Fact(date(2023, 2, 20), EventKind.PROGRESS),
             Fact(date(2023, 3, 5), EventKind.EXTEND, date(2023, 3, 31)),
             Fact(date(2023, 3, 20), EventKind.DONE)]
    spans_ = timeline(a, date(2023, 3, 1), facts)
    assert [(s.start, s.end, s.state, s.due) for s in spans_] == [
        (a, date(2023, 3, 5), OPEN, date(2023, 3, 1)),
        (date(2023, 3, 5), date(2023, 3, 20), OPEN, date(2023, 3, 31)),
        (date(2023, 3, 20), None, Status.DONE_ON_TIME, date(2023, 3, 31)),
    ]


@pytest.mark.sqlite_only  # touches no register
def test_timeline_cancel_reopen_and_early_facts() -> None:
    a = date(2023, 2, 14)
    facts = [Fact(date(2023, 2, 1), EventKind.DONE),  # dated before assignment: counts from it
             Fact(date(2023, 2, 16), EventKind.REOPEN),
             Fact(date(2023, 2, 18), EventKind.CANCEL)]
    states = [(s.start, s.state) for s in timeline(a, None, facts)]
    assert states == [(a, Status.DONE_ON_TIME), (date(2023, 2, 16), OPEN),
                      (date(2023, 2, 18), CANCELLED)]


@settings(max_examples=300, deadline=None)
@given(
    assigned=st.integers(0, 60).map(day),
    due=st.none() | st.integers(0, 90).map(day),
    done=st.none() | st.integers(-5, 90).map(day),
)
def test_first_spans_sql_is_the_timeline_of_a_new_task(
    assigned: date, due: date | None, done: date | None
) -> None:
    """What an import writes for a new task, in SQL or as it reads the file, equals timeline()
    of its one completion."""
    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    conn = sqlite3.connect(":memory:")
    rows = conn.execute(
        first_spans_sql("SELECT 1 AS task_id, ? AS assigned, ? AS due, ? AS done, 7 AS unit_id, "
                        "3 AS directive_id") + " ORDER BY 2",
        (iso(assigned), iso(due), iso(done)),
    ).fetchall()
    facts = [Fact(done, EventKind.DONE)] if done else []
    expected = [
        (1, iso(s.start), iso(s.end) or FOREVER, str(s.state), iso(s.due), iso(s.done_on), 7, 3,
         iso(assigned))
        for s in timeline(assigned, due, facts)
    ]
    assert rows == expected
    assert first_spans(1, assigned.isoformat(), iso(due), iso(done), 7, 3) == expected
