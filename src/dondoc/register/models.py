"""The register's tables as typed SQLModel classes: what the write use cases create and read.

The schema itself is made by migrations.py (SQL, versioned); tests/register/test_migrate checks that
these classes and the migrated file agree, column for column. Importing this module loads
SQLAlchemy and pydantic (~0.8 s), so the reports and the bulk import, which must be fast,
read and write through sqlite3 and never import it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class Unit(SQLModel, table=True):
    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str
    name: str
    name_key: str
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    email: str | None = None
    created_at: str
    kind: str | None = None
    ended_on: date | None = None
    successor_id: int | None = Field(default=None, foreign_key="unit.id")
    cc: str | None = None  # addresses copied on its reminders, ', ' between them


class Directive(SQLModel, table=True):
    __tablename__ = "directive"

    id: int | None = Field(default=None, primary_key=True)
    number: str
    number_key: str = Field(unique=True)
    issued: date
    title: str = ""
    issuer: str | None = None
    signer: str | None = None
    created_at: str


class Task(SQLModel, table=True):
    __tablename__ = "task"

    id: int | None = Field(default=None, primary_key=True)
    directive_id: int = Field(foreign_key="directive.id")
    code: str
    content: str
    unit_id: int = Field(foreign_key="unit.id")
    leader: str | None = None
    officer: str | None = None
    assigned: date
    due: date | None = None
    created_at: str
    due_rule: str | None = None  # the deadline as written, when it was a period or moved
    recurrence_id: int | None = Field(default=None, foreign_key="recurrence.id")
    task_group: str | None = None  # the group row a plan listed it under (m013)


class Recurrence(SQLModel, table=True):
    __tablename__ = "recurrence"

    id: int | None = Field(default=None, primary_key=True)
    directive_id: int = Field(foreign_key="directive.id")
    code: str
    content: str
    unit_id: int = Field(foreign_key="unit.id")
    leader: str | None = None
    officer: str | None = None
    every: str
    day: int | None = None
    start: date
    until: date | None = None
    created_at: str


class TaskCoUnit(SQLModel, table=True):
    __tablename__ = "task_co_unit"

    task_id: int = Field(foreign_key="task.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True)


class Event(SQLModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    kind: str
    on_date: date
    recorded_at: str
    note: str | None = None
    ref: str | None = None
    percent: int | None = None
    new_due: date | None = None
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # a transfer: taken over by
    recorded_by: str | None = None  # the login (m015)


class Void(SQLModel, table=True):
    """An event, or a whole task, entered by mistake: it stops counting, and is never deleted."""

    __tablename__ = "void"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", unique=True)
    task_id: int | None = Field(default=None, foreign_key="task.id", unique=True)
    reason: str
    recorded_at: str
    recorded_by: str | None = None


class FieldChange(SQLModel, table=True):
    """A field of a task, unit or directive edited: old and new value, when, by whom, why."""

    __tablename__ = "field_change"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int | None = Field(default=None, foreign_key="task.id")
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    directive_id: int | None = Field(default=None, foreign_key="directive.id")
    field: str
    old_value: str | None = None
    new_value: str | None = None
    from_date: date | None = None  # a reassignment: the day it takes effect
    event_id: int | None = Field(default=None, foreign_key="event.id")
    note: str | None = None
    recorded_at: str
    recorded_by: str | None = None


class EventSeal(SQLModel, table=True):
    """An event's seal: sha256 chained to the previous event's (seal.py), written by a trigger."""

    __tablename__ = "event_seal"

    event_id: int = Field(primary_key=True)
    hash: str


class Reminder(SQLModel, table=True):
    """A unit chased about one of its tasks: one row per task a message listed, written once
    the mail server accepted the message (chase/reminders.py). Never changed or deleted."""

    __tablename__ = "reminder"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    unit_id: int = Field(foreign_key="unit.id")
    on_date: date
    channel: str
    address: str
    message_id: str | None = None
    recorded_at: str
    recorded_by: str | None = None
    letter_id: int | None = None  # channel 'letter': letter(id), checked by a trigger


class ReminderSeal(SQLModel, table=True):
    """A reminder's seal: sha256 chained to the previous reminder's (seal.py), by a trigger."""

    __tablename__ = "reminder_seal"

    reminder_id: int = Field(primary_key=True)
    hash: str


class DigestSent(SQLModel, table=True):
    """A digest sent to a recipient: the next one starts at its marks (chase/digest)."""

    __tablename__ = "digest_sent"

    id: int | None = Field(default=None, primary_key=True)
    recipient: str
    as_of: date
    marks: str
    message_id: str
    sent_at: str


class Letter(SQLModel, table=True):
    """A reminder letter (công văn đôn đốc) recorded once signed (chase/letter.py); the units
    and tasks it chased are its reminders. Never changed or deleted."""

    __tablename__ = "letter"

    id: int | None = Field(default=None, primary_key=True)
    number: str
    number_key: str
    issuer: str
    issuer_key: str
    year: int
    on_date: date
    as_of: date
    subject: str
    reply_by: date | None = None
    signer: str | None = None
    position: str | None = None
    recorded_at: str
    recorded_by: str | None = None


class UnitLogin(SQLModel, table=True):
    """A unit's login on a PostgreSQL register (register/access.py): the unit it writes for."""

    __tablename__ = "unit_login"

    login: str = Field(primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    own_only: int = 0
    granted_at: str
    granted_by: str | None = None
