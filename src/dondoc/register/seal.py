"""Tamper evidence for the history: every event is sealed, and `verify` checks the seals.

Each event's seal is sha256 over a canonical encoding of its fields and the seal of the event
before it (digest()). The chain runs through the whole register in event id order, not per
task: deleting the last event of a task (a completion, an extension) then breaks the chain at
the next event of any task, where a chain per task would end one event earlier and show
nothing. Only the very last events of the register can go unseen that way; `verify` prints the
last seal, which a public list or a reminder letter can quote.

The seal is written by the register itself (migration m009): an AFTER INSERT trigger on event
calls SEAL_FUNCTION, which every connection dondoc opens defines (db.Register). No insert path
can forget it, and a connection without the function (the sqlite3 shell) cannot add an event at
all. This is evidence, not a signature: someone who rewrites the file with this code can
recompute every seal; what it shows is an alteration made any other way.

Reminders (migration m014) are sealed the same way, in a chain of their own (reminder_seal): a
reminder is the office's proof that it chased a unit, and when ("when did you chase them?").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import sha256
from typing import TYPE_CHECKING

from dondoc.dates import show_date
from dondoc.i18n import Label, Renders, Text

if TYPE_CHECKING:
    from dondoc.register.db import Conn
    from dondoc.register.dialect import Dialect

# Named with its encoding's version: a different encoding would be a new function and migration.
SEAL_FUNCTION = "dondoc_seal_v1"
KINDS = ("progress", "done", "extend", "cancel", "reopen", "change")
FIELDS = ("id", "task_id", "kind", "on_date", "recorded_at", "note", "ref", "percent",
          "new_due", "unit_id")
REMINDER_FIELDS = ("id", "task_id", "unit_id", "on_date", "channel", "address", "message_id",
                   "recorded_at", "recorded_by", "letter_id")


def digest(encoded: str) -> str:
    """SEAL_FUNCTION: sha256 (hex) of an event's canonical encoding, SQLite's compact JSON array
    of its FIELDS and the previous event's seal (null for the first):
    json_array(id, task_id, ..., unit_id, previous). SQLite builds the array, so the trigger
    pays one call into Python per event, and anyone can recompute a seal with the sqlite3 shell
    and sha256sum."""
    return sha256(encoded.encode()).hexdigest()


def chained(fields: str, previous: object) -> str:
    """json_array(FIELDS..., previous) from json_array(FIELDS...): the same text SQLite makes."""
    if isinstance(previous, str) and previous.isascii() and previous.isalnum():  # hex: usual
        return f'{fields[:-1]},"{previous}"]'
    return f"{fields[:-1]},{json.dumps(previous, ensure_ascii=False, default=repr)}]"


def install(conn: sqlite3.Connection) -> None:
    """Define SEAL_FUNCTION on `conn`: the trigger that seals each new event calls it."""
    conn.create_function(SEAL_FUNCTION, 1, digest, deterministic=True)


@dataclass
class Report:
    events: int = 0
    tasks: int = 0
    problems: list[Text] = field(default_factory=list)
    last_seal: str | None = None
    reminders: int = 0
    last_reminder_seal: str | None = None


Row = tuple[object, ...]


@dataclass(frozen=True)
class Chain:
    """A table sealed row by row, in id order: its seal table, the fields sealed, the columns
    that name a row in a problem (id first), and the problems' words."""

    table: str
    seal_table: str
    key: str  # the seal table's column holding the row's id
    fields: tuple[str, ...]
    canonical: str  # the PostgreSQL function writing a row's fields as json_array does
    shown: tuple[str, ...]
    name: Callable[[Conn, Row], Text]
    deleted: Callable[[object], Text]
    unsealed: Callable[[Text], Text]
    altered: Callable[[Text], Text]

    def walk_sql(self, dialect: Dialect) -> str:
        """Rows in id order: the shown columns, the sealed fields as json_array (or what cannot
        match it, dialect.sealed_fields), the seal (NULL if missing)."""
        sealed = dialect.sealed_fields("e", self.fields, self.canonical)
        shown = ", ".join(f"e.{name}" for name in self.shown)
        return f"""SELECT {shown}, {sealed}, s.hash FROM {self.table} e
                   LEFT JOIN {self.seal_table} s ON s.{self.key} = e.id ORDER BY e.id"""


def _task(conn: Conn, task_id: object) -> str | Text:
    found = conn.execute(
        "SELECT d.number || '#' || t.code FROM task t JOIN directive d ON d.id = t.directive_id "
        "WHERE t.id = ?", (task_id,)).fetchone()
    return str(found[0]) if found else Text("task {id}, not in the register", id=task_id)


def _day(value: object) -> str:
    try:
        return show_date(str(value))
    except ValueError:
        return str(value)


def _event(conn: Conn, row: Row) -> Text:
    """An event as a clerk finds it: its id, its task as DIRECTIVE#CODE, its date and kind."""
    kind: str | Renders = Label(f"{row[2]}:v") if row[2] in KINDS else str(row[2])
    return Text("event {id} ({task}, {day}, {kind})", id=row[0], task=_task(conn, row[1]),
                day=_day(row[3]), kind=kind)


def _reminder(conn: Conn, row: Row) -> Text:
    """A reminder as a clerk finds it: its id, its task, its date and where it went."""
    return Text("reminder {id} ({task}, {day}, to {address})", id=row[0],
                task=_task(conn, row[1]), day=_day(row[2]), address=str(row[3]))


EVENTS = Chain(
    "event", "event_seal", "event_id", FIELDS, "dondoc_event_json",
    ("id", "task_id", "kind", "on_date"), _event,
    lambda id: Text("event {id} was deleted: its seal is still there", id=id),
    lambda row: Text("{event} has no seal: it was added outside dondoc", event=row),
    lambda row: Text("{event} does not match its seal: it was altered, or an event before it "
                     "was removed, added or moved", event=row))
REMINDERS = Chain(
    "reminder", "reminder_seal", "reminder_id", REMINDER_FIELDS, "dondoc_reminder_json",
    ("id", "task_id", "on_date", "address"), _reminder,
    lambda id: Text("reminder {id} was deleted: its seal is still there", id=id),
    lambda row: Text("{reminder} has no seal: it was added outside dondoc", reminder=row),
    lambda row: Text("{reminder} does not match its seal: it was altered, or a reminder "
                     "before it was removed, added or moved", reminder=row))


def verify(conn: Conn) -> Report:
    """Recompute every seal in order, events' and reminders', and run SQLite's integrity and
    foreign-key checks (a file's: dialect.integrity_check). Reads only."""
    report = Report(tasks=conn.execute("SELECT count(*) FROM task").fetchone()[0])
    checked = conn.dialect.integrity_check
    for (line,) in conn.execute(checked).fetchall() if checked else ():
        if line != "ok":
            report.problems.append(Text("the file is damaged: {detail}", detail=line))
    report.events, report.last_seal = _check(conn, EVENTS, report.problems)
    report.reminders, report.last_reminder_seal = _check(conn, REMINDERS, report.problems)
    _foreign_keys(conn, report)
    return report


def _check(conn: Conn, chain: Chain, problems: list[Text]
           ) -> tuple[int, str | None]:
    """Walk one chain: each seal is checked against the seal stored before it, so one altered
    row is one problem, and a row removed shows at the next one (or by the seal it left
    behind). The rows walked and the last seal."""
    # Seals whose row is gone: a row deleted. Normally none, so a short list.
    left = list(conn.execute(
        f"SELECT s.{chain.key}, s.hash FROM {chain.seal_table} s WHERE NOT EXISTS "
        f"(SELECT 1 FROM {chain.table} WHERE id = s.{chain.key}) ORDER BY s.{chain.key}"))
    at_json = len(chain.shown)
    previous: object = None  # the seal stored before; anything, in a tampered file
    at = 0  # the next seal without its row
    rows = 0
    for row in conn.execute(chain.walk_sql(conn.dialect)):
        row_id, fields, stored = row[0], row[at_json], row[at_json + 1]
        while at < len(left) and left[at][0] < row_id:
            problems.append(chain.deleted(left[at][0]))
            previous = left[at][1]
            at += 1
        rows += 1
        if stored is None:
            problems.append(chain.unsealed(chain.name(conn, row)))
            continue
        if digest(chained(fields, previous)) != stored:
            problems.append(chain.altered(chain.name(conn, row)))
        previous = stored
    for row_id, stored in left[at:]:
        problems.append(chain.deleted(row_id))
        previous = stored
    return rows, str(previous) if previous is not None else None


def _foreign_keys(conn: Conn, report: Report) -> None:
    """PRAGMA foreign_key_check: an event that lost its task is named; other rows counted."""
    others: dict[tuple[str, str], int] = {}
    checked = conn.dialect.foreign_key_check
    for table, rowid, parent, _ in conn.execute(checked).fetchall() if checked else ():
        if table == "event":
            one = EVENTS.walk_sql(conn.dialect).replace("ORDER BY e.id", "WHERE e.id = ?")
            row = conn.execute(one, (rowid,)).fetchone()
            report.problems.append(Text("{event} refers to a missing {parent}",
                                        event=_event(conn, row), parent=parent))
        else:
            others[table, parent] = others.get((table, parent), 0) + 1
    for (table, parent), count in sorted(others.items()):
        report.problems.append(Text("{count} rows of {table} refer to a missing {parent}",
                                    count=count, table=table, parent=parent))
