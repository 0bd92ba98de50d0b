"""Corrections that keep the trace: an event or a task entered by mistake is voided, never
deleted (migrations.M007_VOID). The void is kept with who made it, when and why; the task's
spans are rebuilt without the voided event, so it stops counting in every report."""

from __future__ import annotations

import getpass
import sqlite3

from dondoc import spans
from dondoc.dates import now_stamp


def who() -> str | None:
    """The login recording a change, for the history; None where the system cannot say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # an account with no name, as some containers run
        return None


def void_event(conn: sqlite3.Connection, event_id: int, reason: str) -> None:
    """Void one event (inside the caller's transaction) and rebuild its task's spans."""
    conn.execute("INSERT INTO void (event_id, reason, recorded_at, recorded_by) "
                 "VALUES (?, ?, ?, ?)", (event_id, reason, now_stamp(), who()))
    spans.refresh(conn, "SELECT task_id FROM event WHERE id = ?", (event_id,))
