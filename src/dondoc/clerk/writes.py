"""The clerk's writes: add units, directives and tasks, and record what happens to a task.

Each function runs inside the caller's transaction (`db.transaction`), one per command, through
sqlite3: SQLModel and SQLAlchemy cost ~0.6 s to import, which every single write paid (models.py
keeps the typed declaration of the tables). Text is stored NFC; history is only ever appended
(status.EventKind); after any event the task's spans are rebuilt so every report sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dondoc.dates import now_stamp, show_date
from dondoc.deadlines import due_dates, recurring, workdays
from dondoc.errors import InvalidValue
from dondoc.register import checks, db, spans
from dondoc.register.db import Conn
from dondoc.register.lookup import (
    DirectiveRow,
    UnitRow,
    check_unit_code,
    directive_key,
    find_directive,
    find_task,
    find_unit,
    load_units,
)
from dondoc.register.status import FOREVER, EventKind
from dondoc.text import addresses, fold, is_email, nfc, person_name


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return nfc(value) or None


def _person(value: str | None) -> str | None:
    return None if value is None else person_name(value) or None


def _insert(conn: Conn, table: str, **values: object) -> int:
    """INSERT one row; its id."""
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return int(conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id",
                            tuple(values.values())).fetchone()[0])


def add_unit(
    conn: Conn, name: str, code: str, parent: str | None = None,
    email: str | None = None, kind: str | None = None, cc: list[str] | None = None,
) -> UnitRow:
    name, code = nfc(name), nfc(code)
    if not name or not code:
        raise InvalidValue("a unit needs a name and a code",
                           'e.g. unit add "Sở Xây dựng" --code SXD')
    check_unit_code(code)
    if email and not is_email(nfc(email)):
        raise InvalidValue("--email {email!r} is not an e-mail address",
                           "e.g. --email vanthu@sxd.hanoi.gov.vn", email=nfc(email))
    for known in load_units(conn):
        if known.code.casefold() == code.casefold():
            raise InvalidValue("unit code {code!r} is taken by {name!r}", "choose another code",
                               code=code, name=known.name)
        if known.name_key == fold(name):
            raise InvalidValue("unit {name!r} exists already, as {code}", "use that code",
                               name=name, code=known.code)
    parent_id = find_unit(conn, parent).id if parent else None
    unit_id = _insert(conn, "unit", code=code, name=name, name_key=fold(name),
                      parent_id=parent_id, email=_text(email), kind=_text(kind),
                      cc=unit_cc(cc or []), created_at=now_stamp())
    return UnitRow(unit_id, code, name, fold(name))


def unit_cc(values: list[str]) -> str | None:
    """A unit's copy on its reminders as stored, from `--cc` given once or more (each may list
    several): the addresses, ', ' between them, each once; None for none. Refused if one is
    not an address."""
    found = [address for value in values for address in addresses(value)]
    for address in found:
        if not is_email(address):
            raise InvalidValue("--cc {value!r} is not an e-mail address",
                               "e.g. --cc lanhdao@example.vn", value=address)
    return ", ".join(dict.fromkeys(found)) or None


def add_directive(
    conn: Conn,
    number: str,
    issued: date,
    title: str = "",
    issuer: str | None = None,
    signer: str | None = None,
) -> DirectiveRow:
    number = nfc(number)
    if not number:
        raise InvalidValue("a directive needs its number", 'e.g. "847/QĐ-UBND"')
    key = directive_key(number)
    existing = conn.execute(
        "SELECT number FROM directive WHERE number_key = ?", (key,)
    ).fetchone()
    if existing:
        raise InvalidValue("directive {number} exists already", "see `dondoc directive show`",
                           number=existing[0])
    directive_id = _insert(conn, "directive", number=number, number_key=key,
                           issued=issued.isoformat(), title=nfc(title), issuer=_text(issuer),
                           signer=_text(signer), created_at=now_stamp())
    return DirectiveRow(directive_id, number, issued.isoformat())


@dataclass(frozen=True)
class NewTask:
    id: int
    ref: str  # DIRECTIVE#CODE
    assigned: date | None = None
    due: date | None = None  # the deadline it got
    given: date | None = None  # the date written, when the deadline moved off a day off
    period: workdays.Period | None = None  # the period written, when it was one


def add_task(
    conn: Conn,
    directive: str,
    content: str,
    unit: str,
    due: date | None = None,
    code: str | None = None,
    co_units: list[str] | None = None,
    leader: str | None = None,
    officer: str | None = None,
    assigned: date | None = None,
    period: workdays.Period | None = None,
    due_text: str | None = None,
) -> NewTask:
    """`due` a date or `period` after the assigned date (`due_text` as the clerk wrote it)."""
    found, lead, content = _assignment(conn, directive, unit, content)
    assigned = assigned or date.fromisoformat(found.issued)
    given = due
    due = due_dates.due_from(conn, assigned, period, given)
    # Kept as written when it was a period, or a day off moved to the next working day.
    due_rule = (nfc(due_text) if period and due_text
                else given.isoformat() if given and due != given else None)
    if due is not None and due < assigned:
        raise InvalidValue(
            "deadline {due} is before the task was assigned ({assigned})",
            "check --due and --assigned",
            due=show_date(due), assigned=show_date(assigned),
        )
    if code is None:
        code = _next_code(conn, found.id)
    else:
        code = nfc(code)
        taken = conn.execute(
            "SELECT id FROM task WHERE directive_id = ? AND code = ?", (found.id, code)
        ).fetchone()
        if taken:
            raise InvalidValue("{ref} exists already (task {id})", "choose another --code",
                               ref=f"{found.number}#{code}", id=taken[0])
    task_id = _insert(conn, "task", directive_id=found.id, code=code, content=content,
                      unit_id=lead.id, leader=_person(leader), officer=_person(officer),
                      assigned=assigned.isoformat(), due=due.isoformat() if due else None,
                      due_rule=due_rule, created_at=now_stamp())
    supporting = {find_unit(conn, name).id for name in co_units or []} - {lead.id}
    conn.executemany("INSERT INTO task_co_unit VALUES (?, ?)",
                     [(task_id, unit_id) for unit_id in sorted(supporting)])
    spans.refresh(conn, "?", (task_id,))
    return NewTask(task_id, f"{found.number}#{code}", assigned, due,
                   given if given != due else None, period)


def _assignment(conn: Conn, directive: str, unit: str,
                content: str) -> tuple[DirectiveRow, UnitRow, str]:
    """What every new task needs: its directive, its lead unit, and what is to be done."""
    found = find_directive(conn, directive)
    lead = find_unit(conn, unit)
    content = nfc(content)
    if not content:
        raise InvalidValue("the task's content is empty", "say what is to be done")
    return found, lead, content


def _next_code(conn: Conn, directive_id: int) -> str:
    """The directive's next number, past its tasks' (5, 5/2023-Q1) and its recurrences'."""
    row = conn.execute(
        f"""SELECT MAX({conn.dialect.leading_number('code')}) FROM
              (SELECT code FROM task WHERE directive_id = :d
               UNION ALL SELECT code FROM recurrence WHERE directive_id = :d) codes
            WHERE substr(code, 1, 1) BETWEEN '0' AND '9'""",
        {"d": directive_id},
    ).fetchone()
    return str((row[0] or 0) + 1)


def add_recurring(
    conn: Conn,
    directive: str,
    content: str,
    unit: str,
    every: str,
    today: date,
    day: int | None = None,
    until: date | None = None,
    code: str | None = None,
    leader: str | None = None,
    officer: str | None = None,
    start: date | None = None,
) -> NewTask:
    """A task that recurs every month, quarter, half-year or year (deadlines.recurring); its
    instances up to today are created now, the later ones when a report reaches their period."""
    recurring.check(day)
    found, lead, content = _assignment(conn, directive, unit, content)
    code = nfc(code) if code else _next_code(conn, found.id)
    if conn.execute("SELECT 1 FROM recurrence WHERE directive_id = ? AND code = ?",
                    (found.id, code)).fetchone():
        raise InvalidValue("{ref} exists already", "choose another --code",
                           ref=f"{found.number}#{code}")
    start = start or date.fromisoformat(found.issued)
    if until is not None and until < start:
        raise InvalidValue("--until {until} is before the first period begins ({start})",
                           "give a later --until", until=show_date(until),
                           start=show_date(start))
    _insert(conn, "recurrence", directive_id=found.id, code=code, content=content,
            unit_id=lead.id, leader=_person(leader), officer=_person(officer), every=every, day=day,
            start=start.isoformat(), until=until.isoformat() if until else None,
            created_at=now_stamp())
    recurring.materialize(conn, today)
    return NewTask(0, f"{found.number}#{code}", start)


@dataclass(frozen=True)
class Recorded:
    """An event appended, and the task as it stands after it."""

    id: int
    task_ref: str  # as the register names it: DIRECTIVE#CODE
    state: str  # the task's span state now: open, cancelled, done_on_time, done_late
    due: date | None  # the deadline in force now
    was_due: date | None  # the deadline in force before the event


def record(
    conn: Conn,
    task_ref: str,
    kind: EventKind,
    on: date,
    today: date,
    note: str | None = None,
    ref: str | None = None,
    percent: int | None = None,
    new_due: date | None = None,
) -> Recorded:
    """Append one event to a task's history, after checking it makes sense."""
    task_id = find_task(conn, task_ref)
    if kind is EventKind.PROGRESS and not _text(note):
        raise InvalidValue("a progress note is empty", "say what has been done")
    checks.check(conn, task_id, task_ref, kind, on, today, new_due, percent)
    was_due = _state(conn, task_id)[1]
    event_id = _insert(conn, "event", task_id=task_id, kind=str(kind), on_date=on.isoformat(),
                       recorded_at=now_stamp(), note=_text(note), ref=_text(ref),
                       percent=percent, new_due=new_due.isoformat() if new_due else None,
                       recorded_by=db.login(conn))
    spans.refresh(conn, "?", (task_id,))
    state, due = _state(conn, task_id)
    (name,) = conn.execute(
        "SELECT d.number || '#' || t.code FROM task t JOIN directive d ON d.id = t.directive_id"
        " WHERE t.id = ?", (task_id,)).fetchone()
    return Recorded(event_id, name, state, due, was_due)


def _state(conn: Conn, task_id: int) -> tuple[str, date | None]:
    """The task's state and deadline in force as its history stands (its last span)."""
    state, due = conn.execute(
        "SELECT state, due FROM task_span WHERE task_id = ? AND valid_to = ?", (task_id, FOREVER)
    ).fetchone()
    return state, date.fromisoformat(due) if due else None
