"""`dondoc db copy FROM TO`: a whole register copied into a new one, SQLite to PostgreSQL or
back (issue 14), keeping every id, event, recorded moment, the calendar, the letters and the
reminders.

Rows are copied table by table in the order their foreign keys need, ids and all, in one
transaction on the target: a copy lands whole or not at all. The seals are not copied: the
target seals each event and reminder as it arrives, on the seal before it, exactly as the
source did when they were recorded; a seal that comes out different means the source was
altered since (or the two databases disagree on a byte), and the copy is refused. So a copy
is verified as it is made, and `verify` on the target says what it said on the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from dondoc.errors import DondocError
from dondoc.register import db
from dondoc.register.db import Conn

# (table, its order): foreign keys first. The seal tables are left out: the target makes them.
TABLES = (
    ("unit", "id"), ("directive", "id"), ("recurrence", "id"), ("task", "id"),
    ("task_co_unit", "task_id, unit_id"), ("task_span", "task_id, valid_from"),
    ("event", "id"), ("void", "id"), ("field_change", "id"), ("letter", "id"),
    ("reminder", "id"), ("digest_sent", "id"), ("calendar_day", "day, source"),
    ("calendar_year", "year"), ("setting", "name"),
)
SEALS = (("event_seal", "event_id"), ("reminder_seal", "reminder_id"))
# A unit may name a parent or a successor with a higher id: those two come in a second pass.
UNIT_LINKS = ("parent_id", "successor_id")
BATCH = 5_000


@dataclass
class Copied:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    last_seal: str | None = None


def copy(source: Conn, target: Conn) -> Copied:
    """Copy every row of `source` into `target`, which must hold none."""
    held = [table for table, _ in TABLES
            if target.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None]
    if held:
        raise DondocError("{target} is not empty (it holds rows of {tables}): a register is "
                          "copied only into a new one", "name a new register as TO",
                          target=target.path, tables=", ".join(held))
    copied = Copied()
    with db.transaction(target):
        for table, order in TABLES:
            copied.rows[table] = _copy_table(source, target, table, order)
        for seal_table, key in SEALS:
            copied.last_seal = _compare_seals(source, target, seal_table, key) or copied.last_seal
    return copied


def _copy_table(source: Conn, target: Conn, table: str, order: str) -> int:
    cursor = source.execute(f"SELECT * FROM {table} ORDER BY {order}")
    names = [column[0] for column in cursor.description]
    links = [names.index(name) for name in UNIT_LINKS] if table == "unit" else []
    later: list[tuple[object, ...]] = []
    count = 0
    while rows := cursor.fetchmany(BATCH):
        if links:
            later += [(row[links[0]], row[links[1]], row[0]) for row in rows
                      if row[links[0]] is not None or row[links[1]] is not None]
            rows = [tuple(None if i in links else value for i, value in enumerate(row))
                    for row in rows]
        # COPY into a server, while the next rows are read (Conn.meanwhile).
        target.meanwhile(partial(target.copy_rows, table, names, rows))
        count += len(rows)
    if later:
        target.executemany(f"UPDATE unit SET {UNIT_LINKS[0]} = ?, {UNIT_LINKS[1]} = ? "
                           "WHERE id = ?", later)
    return count


def _compare_seals(source: Conn, target: Conn, table: str, key: str) -> str | None:
    """The target's seals, made as the rows arrived, must be the source's: the first that is
    not names the row. The last seal."""
    query = f"SELECT {key}, hash FROM {table} ORDER BY {key}"
    theirs, ours = source.execute(query).fetchall(), target.execute(query).fetchall()
    for (their_id, their_hash), (our_id, our_hash) in zip(theirs, ours, strict=False):
        if their_id != our_id or their_hash != our_hash:
            raise DondocError("the copy of {table} row {id} does not match its seal in {source}: "
                              "the source was altered since it was recorded",
                              "run `dondoc verify` on the source, and copy a register that "
                              "passes", table=table.removesuffix("_seal"),
                              id=min(their_id, our_id), source=source.path)
    if len(theirs) != len(ours):
        raise DondocError("{source} has {theirs} {table} seals and its copy {ours}: the source "
                          "was altered since it was recorded", "run `dondoc verify` on the "
                          "source, and copy a register that passes", source=source.path,
                          theirs=len(theirs), ours=len(ours), table=table.removesuffix("_seal"))
    return str(ours[-1][1]) if ours else None
