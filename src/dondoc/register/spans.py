"""Keeps `task_span` equal to status.timeline() of each task's facts.

Every write that adds an event or changes a task's dates calls refresh() for the tasks it
touched, inside its own transaction, so the spans never disagree with the events. A voided event
(migrations.M007_VOID) is left out; a voided task has no spans, so it leaves every report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from dondoc.register.status import FOREVER, EventKind, Fact, timeline

if TYPE_CHECKING:
    from dondoc.register.db import Conn, Cursor

_STATE_KINDS = "('done', 'extend', 'cancel', 'reopen')"


def refresh(conn: Conn, ids_sql: str, params: tuple[object, ...] = ()) -> None:
    """Rebuild the spans of the tasks whose ids `ids_sql` selects (a subquery or `?`)."""
    conn.execute(f"DELETE FROM task_span WHERE task_id IN ({ids_sql})", params)
    rows = conn.execute(
        f"""SELECT t.id, t.assigned, t.due, t.unit_id, t.directive_id, e.on_date, e.kind,
                   e.new_due, e.unit_id
            FROM task t LEFT JOIN event e ON e.task_id = t.id
                 AND (e.kind IN {_STATE_KINDS} OR e.unit_id IS NOT NULL)
                 AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
            WHERE t.id IN ({ids_sql})
                  AND NOT EXISTS (SELECT 1 FROM void v WHERE v.task_id = t.id)
            ORDER BY t.id, e.on_date, e.id""",
        params,
    )
    conn.executemany(
        "INSERT INTO task_span VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate (SQL case)
        _span_rows(rows),
    )


def _span_rows(rows: Cursor) -> Iterator[tuple[object, ...]]:
    iso = date.fromisoformat
    for task_id, group in groupby(rows, key=itemgetter(0)):
        first = next(group)
        # No event (the LEFT JOIN's NULLs): on_date and kind alike are None.
        events = [row[5:] for row in (first, *group) if row[5] is not None]  # pragma: no mutate
        facts = [Fact(iso(on), EventKind(kind), iso(new_due) if new_due else None)
                 for on, kind, new_due, to_unit in events if to_unit is None]
        _, assigned, due, unit_id, directive_id, *_ = first
        # Who is responsible when: the lead unit, then each unit a transfer passed it to.
        handovers = [(iso(on), to_unit) for on, _, _, to_unit in events if to_unit is not None]
        for span in timeline(iso(assigned), iso(due) if due else None, facts):
            for start, end, unit in _by_unit(span.start, span.end, unit_id, handovers):
                yield (
                    task_id,
                    start.isoformat(),
                    end.isoformat() if end else FOREVER,
                    str(span.state),
                    span.due.isoformat() if span.due else None,
                    span.done_on.isoformat() if span.done_on else None,
                    unit,
                    directive_id,
                    assigned,
                )


def _by_unit(start: date, end: date | None, lead: int,
             handovers: list[tuple[date, int]]) -> Iterator[tuple[date, date | None, int]]:
    """The span from `start` to `end` cut where responsibility passed to another unit."""
    unit = lead
    for on, to_unit in handovers:
        if on <= start:
            unit = to_unit
        elif end is None or on < end:
            yield start, on, unit
            start, unit = on, to_unit
    yield start, end, unit
