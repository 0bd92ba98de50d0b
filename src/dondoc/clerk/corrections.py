"""Corrections that keep the trace: nothing a clerk entered is overwritten without a record, and
nothing is ever deleted.

- An edited field of a task, a unit or a directive is a `field_change` row (migrations.M008):
  old and new value, when, by whom, why. Text fields, codes, numbers and dates entered wrongly
  are corrections: true for every date, so reports as of any day show the new value.
- A task's unit edited without `fix` is a reassignment from a date: a `change` event naming the
  unit taking over (as clerk/reorganise.py hands tasks to a successor), so reports as of an earlier
  day still show the unit that had it then.
- An event, or a whole task, entered by mistake is voided (migrations.M007_VOID): a row of its
  own, kept with who made it, when and why; the task's spans are rebuilt without it, so it stops
  counting in every report.

All run inside the caller's transaction; they raise InvalidValue before writing anything wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dondoc.clerk.writes import unit_cc
from dondoc.dates import DateError, now_stamp, parse_date, show_date, show_moment
from dondoc.deadlines import due_dates, workdays
from dondoc.errors import InvalidValue, NotFound
from dondoc.i18n import Joined, Label, Renders, Text
from dondoc.register import checks, db, spans
from dondoc.register.db import Conn
from dondoc.register.lookup import (
    UnitRow,
    check_unit_code,
    directive_key,
    find_directive,
    find_task,
    find_unit,
    load_units,
)
from dondoc.register.status import OPEN, not_voided
from dondoc.text import fold, is_email, nfc, person_name, vi_sort_key

# The events `void` takes: what happened to a task, and a reassignment (a `change` event with a
# unit). A `change` without a unit records an import's correction of a field: edit it again.
VOIDABLE = ("progress", "done", "extend", "cancel", "reopen")
_DATE_FIELDS = frozenset({"due", "issued"})


@dataclass(frozen=True)
class Change:
    """One field edited, its old and new value as stored (ISO dates, units by name)."""

    field: str
    old: str | None
    new: str | None
    from_date: date | None = None  # a reassignment: the day it takes effect
    event_id: int | None = None  # a reassignment: the `change` event that hands the task over
    how: Renders | None = None  # how a new deadline was computed

    def describe(self) -> Text:
        text = Text("{field} {old} -> {new}", field=Label(f"{self.field}:f"),
                    old=shown_value(self.field, self.old), new=shown_value(self.field, self.new))
        if self.from_date is not None:
            return Text("{change} from {on}", change=text, on=show_date(self.from_date))
        if self.how is not None:
            return Text("{change} ({how})", change=text, how=self.how)
        return text


def describe(changes: list[Change]) -> Joined:
    """What a write changed, for its one line: `unit Sở Xây dựng -> UBND huyện Đông Anh`."""
    return Joined([change.describe() for change in changes], "; ")


def shown_value(name: str, value: str | None) -> str | Text:
    """A stored value as people read it: dates day first, nothing as '(none)'."""
    if value is None or value == "":
        return Text("(none)")
    if name in _DATE_FIELDS or name == "due_rule":
        try:
            return show_date(value)
        except ValueError:  # a deadline as written: '10 ngày làm việc'
            return value
    return value


def _optional(value: str) -> str | None:
    """A text option: '' clears the field."""
    return nfc(value) or None


def _record(conn: Conn, owner: str, owner_id: int, changes: list[Change],
            note: str | None) -> None:
    now, by = now_stamp(), db.login(conn)
    conn.executemany(
        f"""INSERT INTO field_change ({owner}, field, old_value, new_value, from_date, event_id,
                                      note, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(owner_id, c.field, c.old, c.new, c.from_date.isoformat() if c.from_date else None,
          c.event_id, _optional(note or ""), now, by) for c in changes])


def _voided_task(conn: Conn, task_id: int) -> tuple[str, str | None, str] | None:
    row = conn.execute("SELECT recorded_at, recorded_by, reason FROM void WHERE task_id = ?",
                       (task_id,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def _refuse_voided(conn: Conn, task_id: int, ref: str) -> None:
    if _voided_task(conn, task_id):
        raise InvalidValue("task {task} is voided: it was entered by mistake",
                           "see `dondoc task list --voided`", task=ref)


# -- tasks ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskEdit:
    """The fields `task edit` was given; None: leave it. '' clears leader and officer, and
    makes the deadline none (a standing task); `co_units=[]` leaves no supporting unit."""

    content: str | None = None
    unit: str | None = None
    co_units: list[str] | None = None
    leader: str | None = None
    officer: str | None = None
    due: str | None = None  # a date or a period, as written
    code: str | None = None


@dataclass
class _Task:
    id: int
    ref: str
    directive_id: int
    directive: str
    code: str
    assigned: date
    due: str | None
    due_rule: str | None
    unit_id: int
    recurring: bool
    updates: dict[str, object] = field(default_factory=dict)  # column -> new value


def edit_task(conn: Conn, task_ref: str, edit: TaskEdit, fix: bool,
              on: date | None, today: date, note: str | None) -> tuple[str, list[Change]]:
    """Correct a task's fields, or reassign it to another unit from `on` (default today) when
    `fix` is not set. Returns the task's reference (before any new code) and the changes."""
    task_id = find_task(conn, task_ref)
    (directive_id, number, code, content, unit_id, leader, officer, assigned, due, due_rule,
     recurrence_id) = conn.execute(
        """SELECT t.directive_id, d.number, t.code, t.content, t.unit_id, t.leader, t.officer,
                  t.assigned, t.due, t.due_rule, t.recurrence_id
           FROM task t JOIN directive d ON d.id = t.directive_id WHERE t.id = ?""",
        (task_id,)).fetchone()
    task = _Task(task_id, f"{number}#{code}", directive_id, number, code,
                 date.fromisoformat(assigned), due, due_rule, unit_id, recurrence_id is not None)
    _refuse_voided(conn, task_id, task.ref)
    if on is not None and (edit.unit is None or fix):
        raise InvalidValue("--on is the day a reassignment takes effect",
                           "give it with --unit, without --fix")
    changes: list[Change] = []
    if edit.content is not None:
        new = nfc(edit.content)
        if not new:
            raise InvalidValue("the task's content is empty", "say what is to be done")
        changes += _text_change(task, "content", content, new)
    for name, old, given in (("leader", leader, edit.leader), ("officer", officer, edit.officer)):
        if given is not None:
            changes += _text_change(task, name, old, person_name(given) or None)
    if edit.code is not None:
        changes += _code_change(conn, task, nfc(edit.code))
    names = {unit.id: unit.name for unit in load_units(conn)}
    lead = unit_id
    if edit.unit is not None:
        new_unit = find_unit(conn, edit.unit)
        if fix:
            changes += _unit_fix(conn, task, new_unit, names)
        else:
            changes += _reassignment(conn, task, new_unit, on or today, today, names, note)
        lead = new_unit.id
    changes += _co_units(conn, task, edit.co_units, lead, names)
    if edit.due is not None:
        if not fix:
            raise InvalidValue(
                "a deadline that moved is an extension, granted on a date by a document",
                "use `dondoc extend {task} --to DATE --ref DOCUMENT`; add --fix if the deadline "
                "was entered wrongly", task=task.ref)
        changes += _due_fix(conn, task, edit.due)
    if not changes:
        raise InvalidValue("task {task}: nothing to change",
                           "give a new value, e.g. --content, --unit, --leader or --due",
                           task=task.ref)
    for column, value in task.updates.items():
        conn.execute(f"UPDATE task SET {column} = ? WHERE id = ?", (value, task_id))
    _record(conn, "task_id", task_id, changes, note)
    if {"unit", "due"} & {change.field for change in changes}:
        spans.refresh(conn, "?", (task_id,))
    return task.ref, changes


def _text_change(task: _Task, name: str, old: str | None, new: str | None) -> list[Change]:
    if new == old:
        return []
    task.updates[name] = new
    return [Change(name, old, new)]


def _code_change(conn: Conn, task: _Task, new: str) -> list[Change]:
    if not new:
        raise InvalidValue("a task's code cannot be empty", "e.g. --code 3")
    if new == task.code:
        return []
    if task.recurring:
        raise InvalidValue("task {task} is an instance of a recurring task: its code is its "
                           "period", "correct its content, unit or deadline instead",
                           task=task.ref)
    taken = conn.execute("SELECT id FROM task WHERE directive_id = ? AND code = ?",
                         (task.directive_id, new)).fetchone()
    if taken:
        raise InvalidValue("{ref} exists already (task {id})", "choose another --code",
                           ref=f"{task.directive}#{new}", id=taken[0])
    task.updates["code"] = new
    return [Change("code", task.code, new)]


def _handovers(conn: Conn, task_id: int, after: date | None = None
               ) -> list[tuple[int, str, str]]:
    """The task's reassignments (not voided), oldest first, those after `after` only if given:
    event id, day, the unit taking over."""
    return conn.execute(
        f"""SELECT e.id, e.on_date, u.name FROM event e JOIN unit u ON u.id = e.unit_id
            WHERE e.task_id = ? AND e.kind = 'change' AND e.on_date > ? AND {not_voided('e')}
            ORDER BY e.on_date, e.id""",
        (task_id, after.isoformat() if after else "")).fetchall()


def _unit_fix(conn: Conn, task: _Task, new: UnitRow,
              names: dict[int, str]) -> list[Change]:
    """The lead unit entered wrongly: corrected for every date."""
    passed = _handovers(conn, task.id)
    if passed:
        event_id, on, unit = passed[0]
        raise InvalidValue(
            "task {task} passed to {unit} on {on}: --fix corrects the unit a task was assigned "
            "to only while no reassignment follows", "void that event first "
            "(`dondoc void {event}`), then correct and reassign again",
            task=task.ref, unit=unit, on=show_date(on), event=event_id)
    if new.id == task.unit_id:
        return []
    task.updates["unit_id"] = new.id
    return [Change("unit", names[task.unit_id], new.name)]


def _reassignment(conn: Conn, task: _Task, new: UnitRow, on: date, today: date,
                  names: dict[int, str], note: str | None) -> list[Change]:
    """The task passes to `new` from `on`: reports as of an earlier day keep the old unit."""
    if on > today:
        raise InvalidValue("{on} is in the future", "record what has happened",
                           on=show_date(on))
    if on < task.assigned:
        raise InvalidValue("{on} is before task {task} was assigned ({assigned})", "check --on",
                           on=show_date(on), task=task.ref, assigned=show_date(task.assigned))
    later = _handovers(conn, task.id, after=on)
    if later:
        _, day, unit = later[0]
        raise InvalidValue("task {task} passed to {unit} on {later}: a reassignment before "
                           "that would be undone by it", "give --on {later} or later",
                           task=task.ref, unit=unit, later=show_date(day))
    state, current = conn.execute(
        """SELECT state, unit_id FROM task_span
           WHERE task_id = ? AND valid_from <= ? AND valid_to > ?""",
        (task.id, on.isoformat(), on.isoformat())).fetchone()
    if state != OPEN:
        raise InvalidValue("task {task} is not open on {on} ({state}): a finished task stays "
                           "with its unit", "if its unit was entered wrongly, add --fix",
                           task=task.ref, on=show_date(on), state=Label(f"{state}:v"))
    if new.id == current:
        return []
    (ended,) = conn.execute("SELECT ended_on FROM unit WHERE id = ?", (new.id,)).fetchone()
    if ended and ended <= on.isoformat():
        raise InvalidValue("{unit} has ended ({on}): it cannot take over", "name another unit",
                           unit=new.name, on=show_date(ended))
    why = f"{names[current]} -> {new.name}" + (f": {nfc(note)}" if note and nfc(note) else "")
    (event_id,) = conn.execute(
        """INSERT INTO event (task_id, kind, on_date, recorded_at, note, unit_id, recorded_by)
           VALUES (?, 'change', ?, ?, ?, ?, ?) RETURNING id""",
        (task.id, on.isoformat(), now_stamp(), why, new.id, db.login(conn))).fetchone()
    return [Change("unit", names[current], new.name, from_date=on, event_id=event_id)]


def _co_units(conn: Conn, task: _Task, given: list[str] | None, lead: int,
              names: dict[int, str]) -> list[Change]:
    """Supporting units as given (or as they are), never the lead unit itself."""
    current = {unit_id for (unit_id,) in conn.execute(
        "SELECT unit_id FROM task_co_unit WHERE task_id = ?", (task.id,))}
    wanted = ({find_unit(conn, name).id for name in given} if given is not None
              else set(current)) - {lead}
    if wanted == current:
        return []
    conn.execute("DELETE FROM task_co_unit WHERE task_id = ?", (task.id,))
    conn.executemany("INSERT INTO task_co_unit VALUES (?, ?)",
                     [(task.id, unit_id) for unit_id in sorted(wanted)])

    def listed(ids: set[int]) -> str | None:
        return "; ".join(sorted((names[i] for i in ids), key=vi_sort_key)) or None

    return [Change("co_units", listed(current), listed(wanted))]


def _due_fix(conn: Conn, task: _Task, written: str) -> list[Change]:
    """The original deadline entered wrongly: a date or a period, computed as `task add` does."""
    text = nfc(written)
    period = workdays.parse_period(text) if text else None
    given = None
    if text and period is None:
        try:
            given = parse_date(text)
        except DateError as exc:
            raise DateError(exc.value, exc.why.template, where="--due") from None
    due = due_dates.due_from(conn, task.assigned, period, given)
    rule = text if period else given.isoformat() if given and due != given else None
    if due is not None and due < task.assigned:
        raise InvalidValue("deadline {due} is before the task was assigned ({assigned})",
                           "check --due", due=show_date(due), assigned=show_date(task.assigned))
    extension = conn.execute(
        f"""SELECT e.id, e.on_date, e.new_due FROM event e
            WHERE e.task_id = ? AND e.kind = 'extend' AND {not_voided('e')}
            ORDER BY e.new_due LIMIT 1""", (task.id,)).fetchone()
    if extension and (due is None or due.isoformat() >= extension[2]):
        event_id, granted, to = extension
        raise InvalidValue("task {task} was extended to {to} on {on}: the deadline before it "
                           "must be earlier", "check --due, or void that extension first "
                           "(`dondoc void {event}`)", task=task.ref, to=show_date(to),
                           on=show_date(granted), event=event_id)
    new = due.isoformat() if due else None
    changes = []
    if new != task.due:
        task.updates["due"] = new
        how = workdays.explained(task.assigned, period, given, due)
        changes.append(Change("due", task.due, new, how=how))
    if rule != task.due_rule:
        task.updates["due_rule"] = rule
        changes.append(Change("due_rule", task.due_rule, rule))
    return changes


def void_task(conn: Conn, task_ref: str, reason: str) -> str:
    """A task entered by mistake leaves every report and list; its reference."""
    reason = _reason(reason)
    task_id = find_task(conn, task_ref)
    (ref,) = conn.execute("SELECT d.number || '#' || t.code FROM task t JOIN directive d "
                          "ON d.id = t.directive_id WHERE t.id = ?", (task_id,)).fetchone()
    voided = _voided_task(conn, task_id)
    if voided:
        at, by, why = voided
        raise InvalidValue("task {task} was voided already, on {at} by {by}: {reason}",
                           task=ref, at=show_moment(at), by=by or Text("(unknown)"), reason=why)
    conn.execute("INSERT INTO void (task_id, reason, recorded_at, recorded_by) "
                 "VALUES (?, ?, ?, ?)", (task_id, reason, now_stamp(), db.login(conn)))
    spans.refresh(conn, "?", (task_id,))
    return str(ref)


@dataclass(frozen=True)
class VoidedEvent:
    id: int
    kind: str
    on: str
    task: str  # DIRECTIVE#CODE


def void_event(conn: Conn, event_id: int, reason: str) -> VoidedEvent:
    """Void one event (inside the caller's transaction) and rebuild its task's spans; refused
    when the history left would break the rules a new event must pass (checks.broken)."""
    reason = _reason(reason)
    row = conn.execute(
        """SELECT e.task_id, e.kind, e.on_date, e.unit_id, d.number || '#' || t.code
           FROM event e JOIN task t ON t.id = e.task_id JOIN directive d ON d.id = t.directive_id
           WHERE e.id = ?""", (event_id,)).fetchone()
    if row is None:
        raise NotFound("no event {id}", "the ids are in `dondoc task show TASK`", id=event_id)
    task_id, kind, on, to_unit, ref = row
    if kind not in VOIDABLE and to_unit is None:
        raise InvalidValue("event {id} records a correction of the task's fields: it is not "
                           "voided", "edit the field again with `dondoc task edit {task}`",
                           id=event_id, task=ref)
    voided = conn.execute("SELECT recorded_at, recorded_by, reason FROM void WHERE event_id = ?",
                          (event_id,)).fetchone()
    if voided:
        at, by, why = voided
        raise InvalidValue("event {id} was voided already, on {at} by {by}: {reason}",
                           id=event_id, at=show_moment(at), by=by or Text("(unknown)"), reason=why)
    _refuse_voided(conn, task_id, ref)
    if kind in VOIDABLE:
        before = checks.broken(conn, task_id, ref)
        after = checks.broken(conn, task_id, ref, leaving_out=event_id)
        newly = [other for other in after if other not in before]
        if newly:
            other_kind, other_on = conn.execute("SELECT kind, on_date FROM event WHERE id = ?",
                                                (newly[0],)).fetchone()
            raise InvalidValue(
                "voiding event {id} would leave task {task} with a history that breaks the "
                "rules: {kind} (event {other}, {on}) would then be refused: {why}",
                "void event {other} first, if it is wrong too",
                id=event_id, task=ref, kind=Label(f"{other_kind}:v"), other=newly[0],
                on=show_date(other_on), why=after[newly[0]])
    conn.execute("INSERT INTO void (event_id, reason, recorded_at, recorded_by) "
                 "VALUES (?, ?, ?, ?)", (event_id, reason, now_stamp(), db.login(conn)))
    spans.refresh(conn, "?", (task_id,))
    return VoidedEvent(event_id, kind, on, ref)


def _reason(reason: str) -> str:
    reason = nfc(reason)
    if not reason:
        raise InvalidValue("a void needs its reason", 'e.g. --reason "entered twice"')
    return reason


# -- units and directives ------------------------------------------------------------------

@dataclass(frozen=True)
class UnitEdit:
    """The fields `unit edit` was given; None: leave it; '' clears kind, parent and e-mail."""

    name: str | None = None
    code: str | None = None
    kind: str | None = None
    parent: str | None = None
    email: str | None = None
    cc: list[str] | None = None  # [''] clears it


def edit_unit(conn: Conn, text: str, edit: UnitEdit, note: str | None
              ) -> tuple[str, list[Change]]:
    """Correct a unit's fields (every report shows the new ones); its code before, changes."""
    unit = find_unit(conn, text)
    units = load_units(conn)
    names = {u.id: u.name for u in units}
    code, name, kind, parent_id, email, cc = conn.execute(
        "SELECT code, name, kind, parent_id, email, cc FROM unit WHERE id = ?",
        (unit.id,)).fetchone()
    updates: dict[str, object] = {}
    changes: list[Change] = []
    others = [u for u in units if u.id != unit.id]
    if edit.name is not None:
        new = nfc(edit.name)
        if not new:
            raise InvalidValue("a unit needs a name and a code", "give its full name")
        same = [u for u in others if u.name_key == fold(new)]
        if same:
            raise InvalidValue("unit {name!r} exists already, as {code}", "choose another name",
                               name=new, code=same[0].code)
        if new != name:
            updates.update(name=new, name_key=fold(new))
            changes.append(Change("name", name, new))
    if edit.code is not None:
        new = nfc(edit.code)
        if not new:
            raise InvalidValue("a unit needs a name and a code", "e.g. --code SXD")
        check_unit_code(new)
        same = [u for u in others if u.code.casefold() == new.casefold()]
        if same:
            raise InvalidValue("unit code {code!r} is taken by {name!r}", "choose another code",
                               code=new, name=same[0].name)
        if new != code:
            updates["code"] = new
            changes.append(Change("code", code, new))
    if edit.kind is not None and _optional(edit.kind) != kind:
        updates["kind"] = _optional(edit.kind)
        changes.append(Change("unit_kind", kind, _optional(edit.kind)))
    if edit.email is not None:
        new_email = _optional(edit.email)
        if new_email and not is_email(new_email):
            raise InvalidValue("--email {email!r} is not an e-mail address",
                               "e.g. --email vanthu@sxd.hanoi.gov.vn", email=new_email)
        if new_email != email:
            updates["email"] = new_email
            changes.append(Change("email", email, new_email))
    if edit.cc is not None:
        new_cc = unit_cc(edit.cc)
        if new_cc != cc:
            updates["cc"] = new_cc
            changes.append(Change("cc", cc, new_cc))
    if edit.parent is not None:
        new_parent = find_unit(conn, edit.parent) if nfc(edit.parent) else None
        if new_parent is not None:
            _refuse_cycle(conn, unit, new_parent)
        new_id = new_parent.id if new_parent else None
        if new_id != parent_id:
            updates["parent_id"] = new_id
            changes.append(Change("parent", names.get(parent_id) if parent_id else None,
                                  new_parent.name if new_parent else None))
    if not changes:
        raise InvalidValue("unit {unit}: nothing to change",
                           "give a new value, e.g. --name, --code or --email", unit=code)
    for column, value in updates.items():
        conn.execute(f"UPDATE unit SET {column} = ? WHERE id = ?", (value, unit.id))
    _record(conn, "unit_id", unit.id, changes, note)
    return code, changes


def _refuse_cycle(conn: Conn, unit: UnitRow, parent: UnitRow) -> None:
    """A unit cannot be under itself, nor under a unit below it."""
    parents = dict(conn.execute("SELECT id, parent_id FROM unit").fetchall())
    above: int | None = parent.id
    while above is not None:
        if above == unit.id:
            raise InvalidValue("{parent} is {unit} or under it: it cannot be its parent",
                               "choose another --parent", parent=parent.name, unit=unit.name)
        above = parents.get(above)


@dataclass(frozen=True)
class DirectiveEdit:
    """The fields `directive edit` was given; None: leave it; '' clears issuer and signer."""

    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued: date | None = None


def edit_directive(conn: Conn, text: str, edit: DirectiveEdit, note: str | None
                   ) -> tuple[str, list[Change]]:
    """Correct a directive's fields; its number before, and the changes. A corrected signing
    date leaves its tasks' assigned dates as they are (the change says how many had the old
    one)."""
    found = find_directive(conn, text)
    number, title, issuer, signer, issued = conn.execute(
        "SELECT number, title, issuer, signer, issued FROM directive WHERE id = ?",
        (found.id,)).fetchone()
    updates: dict[str, object] = {}
    changes: list[Change] = []
    if edit.number is not None:
        new = nfc(edit.number)
        if not new:
            raise InvalidValue("a directive needs its number", 'e.g. "847/QĐ-UBND"')
        key = directive_key(new)
        same = conn.execute("SELECT number FROM directive WHERE number_key = ? AND id != ?",
                            (key, found.id)).fetchone()
        if same:
            raise InvalidValue("directive {number} exists already", "see `dondoc directive show`",
                               number=same[0])
        if new != number:
            updates.update(number=new, number_key=key)
            changes.append(Change("number", number, new))
    if edit.title is not None and nfc(edit.title) != title:
        updates["title"] = nfc(edit.title)
        changes.append(Change("title", title, nfc(edit.title)))
    for name, old, given in (("issuer", issuer, edit.issuer), ("signer", signer, edit.signer)):
        if given is not None and _optional(given) != old:
            updates[name] = _optional(given)
            changes.append(Change(name, old, _optional(given)))
    if edit.issued is not None and edit.issued.isoformat() != issued:
        updates["issued"] = edit.issued.isoformat()
        (kept,) = conn.execute("SELECT COUNT(*) FROM task WHERE directive_id = ? AND assigned = ?",
                               (found.id, issued)).fetchone()
        how = Text("{n} of its tasks keep the assigned date {day}", n=kept,
                   day=show_date(issued)) if kept else None
        changes.append(Change("issued", issued, edit.issued.isoformat(), how=how))
    if not changes:
        raise InvalidValue("directive {number}: nothing to change",
                           "give a new value, e.g. --title, --number or --issued", number=number)
    for column, value in updates.items():
        conn.execute(f"UPDATE directive SET {column} = ? WHERE id = ?", (value, found.id))
    _record(conn, "directive_id", found.id, changes, note)
    return number, changes
