"""The checks every event passes before it joins a task's history, whoever records it: a command
(clerk.writes.record), an import of events (event_import) or a tasks import's completion
(importer).

The history must never say something false about the past, so:
- a task done (as the register stands) takes no second completion and no extension: reopen it
  first. A completion is judged against the deadline in force on the day it was completed; an
  extension granted later must not turn it from late into on time;
- an event that changes a task's state (done, extend, cancel, reopen) is never dated before the
  latest such event the task has (voided ones aside): placed earlier it would either rewrite
  reports already given or, as a reopen or cancel before the completion did, silently do nothing.
A progress note changes no state: it may be dated before a state change (a meeting held before
the completion, recorded after it), but not on a day the task was cancelled (nor while it is
cancelled now); reports as of earlier dates show it only from its own date. checks.broken()
replays the same checks over a whole history, so voiding an event cannot leave one that breaks
them (corrections.void_event).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dondoc.dates import show_date
from dondoc.errors import InvalidValue
from dondoc.i18n import Text
from dondoc.register.status import CANCELLED, FOREVER, OPEN, EventKind, Fact, timeline

if TYPE_CHECKING:
    from dondoc.register.db import Conn

STATE_KINDS = (EventKind.DONE, EventKind.EXTEND, EventKind.CANCEL, EventKind.REOPEN)
# How a message names each (with its article, then bare after "its").
_A = {EventKind.DONE: Text("a completion"), EventKind.EXTEND: Text("an extension"),
      EventKind.CANCEL: Text("a cancellation"), EventKind.REOPEN: Text("a reopening")}
_ITS = {EventKind.DONE: Text("completion"), EventKind.EXTEND: Text("extension"),
        EventKind.CANCEL: Text("cancellation"), EventKind.REOPEN: Text("reopening")}


def check(conn: Conn, task_id: int, task_ref: str, kind: EventKind,
          on: date, today: date, new_due: date | None = None,
          percent: int | None = None) -> None:
    """Raise InvalidValue unless `kind` on `on` makes sense for the task as it stands now."""
    if on > today:
        raise InvalidValue("{on} is in the future", "record what has happened",
                           on=show_date(on))
    (assigned,) = conn.execute("SELECT assigned FROM task WHERE id = ?", (task_id,)).fetchone()
    if conn.execute("SELECT 1 FROM void WHERE task_id = ?", (task_id,)).fetchone():
        raise InvalidValue("task {task} is voided: it was entered by mistake",
                           "see `dondoc task list --voided`", task=task_ref)
    if on.isoformat() < assigned:
        raise InvalidValue("{on} is before task {task} was assigned ({assigned})", "check --on",
                           on=show_date(on), task=task_ref, assigned=show_date(assigned))
    state, due, done_on = conn.execute(
        "SELECT state, due, done_on FROM task_span WHERE task_id = ? AND valid_to = ?",
        (task_id, FOREVER)
    ).fetchone()
    _check_transition(task_ref, kind, state, due, new_due, percent, done_on)
    if kind in STATE_KINDS:
        check_order(conn, task_id, task_ref, kind, on)
    elif kind is EventKind.PROGRESS and _state_on(conn, task_id, on) == CANCELLED:
        raise InvalidValue("task {task} was cancelled on {on}",
                           "date the note on a day the task was not cancelled",
                           task=task_ref, on=show_date(on))


def _state_on(conn: Conn, task_id: int, on: date) -> str | None:
    found = conn.execute(
        "SELECT state FROM task_span WHERE task_id = ? AND valid_from <= ? AND valid_to > ?",
        (task_id, on.isoformat(), on.isoformat())).fetchone()
    return str(found[0]) if found else None


def check_order(conn: Conn, task_id: int, task_ref: str, kind: EventKind,
                on: date) -> None:
    """Raise InvalidValue if a state change `kind` on `on` would come before the latest state
    change the task has (voided events do not count)."""
    latest = conn.execute(
        f"""SELECT kind, on_date FROM event e
            WHERE task_id = ? AND kind IN ({", ".join("?" * len(STATE_KINDS))})
              AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
            ORDER BY on_date DESC, id DESC LIMIT 1""",
        (task_id, *STATE_KINDS),
    ).fetchone()
    if latest is not None and on.isoformat() < latest[1]:
        raise InvalidValue(
            "task {task}: {event} on {on} would come before its {latest} on {latest_on}",
            "date it on or after {latest_on}",
            task=task_ref, event=_A[kind], on=show_date(on),
            latest=_ITS[EventKind(latest[0])], latest_on=show_date(latest[1]))


def _check_transition(task_ref: str, kind: EventKind, state: str, due: str | None,
                      new_due: date | None, percent: int | None,
                      done_on: str | date | None = None) -> None:
    done = state not in (OPEN, CANCELLED)
    if kind in (EventKind.DONE, EventKind.EXTEND) and done:
        if done_on is None:
            raise InvalidValue("task {task} is done already", "reopen it first", task=task_ref)
        raise InvalidValue("task {task} is done already (on {done_on})", "reopen it first",
                           task=task_ref, done_on=show_date(done_on))
    if kind is EventKind.CANCEL and state == CANCELLED:
        raise InvalidValue("task {task} is cancelled already", task=task_ref)
    if kind is EventKind.REOPEN and state == OPEN:
        raise InvalidValue("task {task} is open already", task=task_ref)
    if kind in (EventKind.PROGRESS, EventKind.EXTEND) and state == CANCELLED:
        raise InvalidValue("task {task} is cancelled", "reopen it first", task=task_ref)
    if kind is EventKind.EXTEND:
        if new_due is None:
            raise InvalidValue("an extension needs the new deadline", "give --to DATE")
        if due is not None and new_due <= date.fromisoformat(due):
            raise InvalidValue(
                "the new deadline {new_due} is not after the current one ({due})",
                "give a later --to",
                new_due=show_date(new_due), due=show_date(due),
            )
    if percent is not None and not 0 <= percent <= 100:
        raise InvalidValue("--percent {percent} is not between 0 and 100", percent=percent)


def broken(conn: Conn, task_id: int, task_ref: str,
           leaving_out: int | None = None) -> dict[int, InvalidValue]:
    """The task's events (not voided, and not `leaving_out`) that break check()'s rules when
    the history is replayed in the order things happened, each against the state the events
    before it leave: a reopen between two completions, once voided, leaves the second
    completion on a task done already. Event id -> why."""
    assigned, due = conn.execute("SELECT assigned, due FROM task WHERE id = ?",
                                 (task_id,)).fetchone()
    iso = date.fromisoformat
    facts: list[Fact] = []
    found: dict[int, InvalidValue] = {}
    for event_id, kind, on, new_due, percent in conn.execute(
        f"""SELECT id, kind, on_date, new_due, percent FROM event e
           WHERE task_id = ? AND kind != 'change' AND {conn.dialect.differs("id", "?")}
                 AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
           ORDER BY on_date, id""", (task_id, leaving_out)):
        span = timeline(iso(assigned), iso(due) if due else None, facts)[-1]
        fact = Fact(iso(on), EventKind(kind), iso(new_due) if new_due else None)
        try:
            _check_transition(task_ref, fact.kind, span.state,
                              span.due.isoformat() if span.due else None, fact.new_due, percent)
        except InvalidValue as exc:
            found[event_id] = exc
        facts.append(fact)
    return found
