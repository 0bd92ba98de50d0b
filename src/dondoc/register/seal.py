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
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from hashlib import sha256

from dondoc.dates import show_date
from dondoc.i18n import Label, Renders, Text

# Named with its encoding's version: a different encoding would be a new function and migration.
SEAL_FUNCTION = "dondoc_seal_v1"
KINDS = ("progress", "done", "extend", "cancel", "reopen", "change")
FIELDS = ("id", "task_id", "kind", "on_date", "recorded_at", "note", "ref", "percent",
          "new_due", "unit_id")


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


# Events in id order with their seals; an event whose seal is missing has hash NULL. A BLOB,
# which json_array refuses (so no seal was ever made of one), is shown as text that cannot match.
_FIELDS_SQL = ", ".join(f"iif(typeof(e.{name}) = 'blob', 'blob ' || hex(e.{name}), e.{name})"
                        for name in FIELDS)
_WALK = f"""SELECT e.id, e.task_id, e.kind, e.on_date, json_array({_FIELDS_SQL}), s.hash
            FROM event e LEFT JOIN event_seal s ON s.event_id = e.id ORDER BY e.id"""


def verify(conn: sqlite3.Connection) -> Report:
    """Recompute every seal in order, and run SQLite's integrity and foreign-key checks. Reads
    only. Each seal is checked against the seal stored before it, so one altered event is one
    problem, and an event removed shows at the next one (or by the seal it left behind)."""
    report = Report(tasks=conn.execute("SELECT count(*) FROM task").fetchone()[0])
    for (line,) in conn.execute("PRAGMA integrity_check"):
        if line != "ok":
            report.problems.append(Text("the file is damaged: {detail}", detail=line))
    # Seals whose event is gone: an event deleted. Normally none, so a short list.
    left = list(conn.execute(
        "SELECT s.event_id, s.hash FROM event_seal s "
        "WHERE NOT EXISTS (SELECT 1 FROM event WHERE id = s.event_id) ORDER BY s.event_id"))
    previous: object = None  # the seal stored before; anything, in a tampered file
    at = 0  # the next seal without its event
    for row in conn.execute(_WALK):
        event_id, fields, stored = row[0], row[4], row[5]
        while at < len(left) and left[at][0] < event_id:
            report.problems.append(Text("event {id} was deleted: its seal is still there",
                                        id=left[at][0]))
            previous = left[at][1]
            at += 1
        report.events += 1
        if stored is None:
            report.problems.append(Text(
                "{event} has no seal: it was added outside dondoc", event=_event(conn, row)))
            continue
        if digest(chained(fields, previous)) != stored:
            report.problems.append(Text(
                "{event} does not match its seal: it was altered, or an event before it was "
                "removed, added or moved", event=_event(conn, row)))
        previous = stored
    for event_id, stored in left[at:]:
        report.problems.append(Text("event {id} was deleted: its seal is still there",
                                    id=event_id))
        previous = stored
    report.last_seal = str(previous) if previous is not None else None
    _foreign_keys(conn, report)
    return report


def _foreign_keys(conn: sqlite3.Connection, report: Report) -> None:
    """PRAGMA foreign_key_check: an event that lost its task is named; other rows counted."""
    others: dict[tuple[str, str], int] = {}
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        if table == "event":
            row = conn.execute(_WALK.replace("ORDER BY e.id", "WHERE e.id = ?"),
                               (rowid,)).fetchone()
            report.problems.append(Text("{event} refers to a missing {parent}",
                                        event=_event(conn, row), parent=parent))
        else:
            others[table, parent] = others.get((table, parent), 0) + 1
    for (table, parent), count in sorted(others.items()):
        report.problems.append(Text("{count} rows of {table} refer to a missing {parent}",
                                    count=count, table=table, parent=parent))


def _event(conn: sqlite3.Connection, row: tuple[object, ...]) -> Text:
    """An event as a clerk finds it: its id, its task as DIRECTIVE#CODE, its date and kind."""
    found = conn.execute(
        "SELECT d.number || '#' || t.code FROM task t JOIN directive d ON d.id = t.directive_id "
        "WHERE t.id = ?", (row[1],)).fetchone()
    task: str | Text = found[0] if found else Text("task {id}, not in the register", id=row[1])
    try:
        day = show_date(str(row[3]))
    except ValueError:
        day = str(row[3])
    kind: str | Renders = Label(f"{row[2]}:v") if row[2] in KINDS else str(row[2])
    return Text("event {id} ({task}, {day}, {kind})", id=row[0], task=task, day=day, kind=kind)
