"""`dondoc export`: the register as rows, in the columns the imports read back.

Tasks come one a row with their directive's fields, their unit and supporting units by name, and
their current completion: exactly what `import` takes, so export -> import into an empty register
-> export gives the same file. Events carry the date they happened and the moment they were
recorded. Rows stream from SQLite to the writer: memory does not grow with the register.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from dondoc import columns
from dondoc.i18n import t
from dondoc.sheets import Sheet
from dondoc.status import FOREVER

WHATS = tuple(columns.KINDS)
_DATES = {"tasks": {"issued", "assigned", "due", "done"}, "events": {"on", "new_due"},
          "units": set(), "directives": {"issued"}}


def sheet(conn: sqlite3.Connection, what: str, lang: str) -> Sheet:
    """What `export --what` writes: the fields, the labels a person reads, and the rows."""
    fields = columns.KINDS[what]
    rows = {"tasks": _tasks, "events": _events, "units": _units, "directives": _directives}[what]
    labels = [t(columns.label_key(what, f), lang) for f in fields]
    return Sheet(fields, labels, frozenset(_DATES[what]), rows(conn), title=what)


def co_units_cell(names: Sequence[str]) -> str:
    """Supporting units as one cell, '; ' between them. A lone name with a comma in it keeps a
    ';' after it, or an import would read it as a list ('Sở Văn hóa, Thể thao và Du lịch')."""
    cell = "; ".join(names)
    return cell + ";" if len(names) == 1 and "," in cell else cell


def _tasks(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    names = dict(conn.execute("SELECT id, name FROM unit"))
    # The supporting units, merged in task order with the tasks (both read in id order).
    co_units = conn.execute(
        "SELECT c.task_id, c.unit_id FROM task_co_unit c ORDER BY c.task_id, c.unit_id")
    pending = next(co_units, None)
    rows = conn.execute(
        """SELECT t.id, d.number, d.issued, d.title, d.issuer, d.signer, t.code, t.content,
                  t.unit_id, t.leader, t.officer, t.assigned, t.due, s.done_on,
                  CASE WHEN s.done_on IS NOT NULL THEN
                    (SELECT e.ref FROM event e WHERE e.task_id = t.id AND e.kind = 'done'
                       AND e.on_date = s.done_on ORDER BY e.id DESC LIMIT 1) END
           FROM task t JOIN directive d ON d.id = t.directive_id
           LEFT JOIN task_span s ON s.task_id = t.id AND s.valid_to = :forever
           ORDER BY t.id""",
        {"forever": FOREVER},
    )
    for (task_id, number, issued, title, issuer, signer, code, content, unit_id, leader,
         officer, assigned, due, done_on, done_ref) in rows:
        supporting: list[str] = []
        while pending is not None and pending[0] <= task_id:
            if pending[0] == task_id:
                supporting.append(names[pending[1]])
            pending = next(co_units, None)
        yield (number, issued, title, issuer, signer, code, content, names[unit_id],
               co_units_cell(supporting), leader, officer, assigned, due, done_on, done_ref)


def _events(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    yield from conn.execute(
        """SELECT d.number, t.code, e.kind, e.on_date, e.recorded_at, e.note, e.ref, e.percent,
                  e.new_due
           FROM event e JOIN task t ON t.id = e.task_id JOIN directive d ON d.id = t.directive_id
           ORDER BY e.id""")


def _units(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    yield from conn.execute(
        """SELECT u.code, u.name, u.kind, p.code, u.email
           FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.id""")


def _directives(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    yield from conn.execute(
        "SELECT number, issued, title, issuer, signer FROM directive ORDER BY id")
