"""Units as government reorganises them: a unit ends on a date (on 1 July 2025 every district
did) and may name a successor. From that date its open tasks pass to the successor, each by a
`change` event naming the unit that takes over (spans.refresh cuts the task's spans there);
its finished tasks stay in its history, and reports as of an earlier date show it as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dondoc.dates import now_stamp, show_date
from dondoc.errors import InvalidValue
from dondoc.register import db, spans
from dondoc.register.db import Conn
from dondoc.register.lookup import UnitRow, find_unit
from dondoc.register.status import OPEN


@dataclass(frozen=True)
class Ended:
    unit: UnitRow
    successor: UnitRow | None
    passed: int  # open tasks handed over
    left_open: int  # open tasks left with the ended unit (no successor)


def end_unit(conn: Conn, code: str, on: date, successor: str | None) -> Ended:
    unit = find_unit(conn, code)
    ended = conn.execute("SELECT ended_on FROM unit WHERE id = ?", (unit.id,)).fetchone()[0]
    if ended:
        raise InvalidValue("{unit} ended on {on} already", unit=unit.name, on=show_date(ended))
    heir = find_unit(conn, successor) if successor else None
    if heir is not None:
        if heir.id == unit.id:
            raise InvalidValue("a unit cannot succeed itself", "name another unit")
        heir_end = conn.execute("SELECT ended_on FROM unit WHERE id = ?",
                                (heir.id,)).fetchone()[0]
        if heir_end and heir_end <= on.isoformat():
            raise InvalidValue("{unit} has ended ({on}): it cannot take over",
                               unit=heir.name, on=show_date(heir_end))
    conn.execute("UPDATE unit SET ended_on = ?, successor_id = ? WHERE id = ?",
                 (on.isoformat(), heir.id if heir else None, unit.id))
    # Its tasks still open on that day (assigned by then, not done or cancelled).
    open_tasks = [task_id for (task_id,) in conn.execute(
        """SELECT task_id FROM task_span WHERE unit_id = ? AND state = ?
           AND valid_from <= ? AND valid_to > ? ORDER BY task_id""",
        (unit.id, OPEN, on.isoformat(), on.isoformat()))]
    if heir is None:
        return Ended(unit, None, 0, len(open_tasks))
    note = f"{unit.name} -> {heir.name}: {unit.name} ended on {show_date(on)}"
    by = db.login(conn)
    conn.executemany(
        """INSERT INTO event (task_id, kind, on_date, recorded_at, note, unit_id, recorded_by)
           VALUES (?, 'change', ?, ?, ?, ?, ?)""",
        [(task_id, on.isoformat(), now_stamp(), note, heir.id, by) for task_id in open_tasks])
    conn.execute("CREATE TEMP TABLE handed (task_id INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO handed VALUES (?)", [(t,) for t in open_tasks])
    spans.refresh(conn, "SELECT task_id FROM handed")
    db.drop_temporary(conn, "handed")
    return Ended(unit, heir, len(open_tasks), 0)
