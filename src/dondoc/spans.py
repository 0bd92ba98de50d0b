"""Keeps `task_span` equal to status.timeline() of each task's facts.

Every write that adds an event or changes a task's dates calls refresh() for the tasks it
touched, inside its own transaction, so the spans never disagree with the events.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter

from dondoc.status import FOREVER, EventKind, Fact, timeline

_STATE_KINDS = "('done', 'extend', 'cancel', 'reopen')"


def refresh(conn: sqlite3.Connection, ids_sql: str, params: tuple[object, ...] = ()) -> None:
    """Rebuild the spans of the tasks whose ids `ids_sql` selects (a subquery or `?`)."""
    conn.execute(f"DELETE FROM task_span WHERE task_id IN ({ids_sql})", params)
    rows = conn.execute(
        f"""SELECT t.id, t.assigned, t.due, t.unit_id, t.directive_id, e.on_date, e.kind,
                   e.new_due
            FROM task t LEFT JOIN event e ON e.task_id = t.id AND e.kind IN {_STATE_KINDS}
            WHERE t.id IN ({ids_sql})
            ORDER BY t.id, e.on_date, e.id""",
        params,
    )
    conn.executemany(
        "INSERT INTO task_span VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _span_rows(rows)
    )


def _span_rows(rows: sqlite3.Cursor) -> Iterator[tuple[object, ...]]:
    iso = date.fromisoformat
    for task_id, group in groupby(rows, key=itemgetter(0)):
        first = next(group)
        facts = [
            Fact(iso(on), EventKind(kind), iso(new_due) if new_due else None)
            for *_, on, kind, new_due in (first, *group)
            if on is not None
        ]
        _, assigned, due, unit_id, directive_id, *_ = first
        for span in timeline(iso(assigned), iso(due) if due else None, facts):
            yield (
                task_id,
                span.start.isoformat(),
                span.end.isoformat() if span.end else FOREVER,
                str(span.state),
                span.due.isoformat() if span.due else None,
                span.done_on.isoformat() if span.done_on else None,
                unit_id,
                directive_id,
                assigned,
            )
