"""The SQL contract of the read side: every query a report or an export runs binds each named
parameter its SQL uses (SQLite refuses a missing one) and no other (SQLite ignores an unused
one, so this test asks it: without that parameter, the query must be refused). On PostgreSQL
too, which says the same of each: so every report runs there with every filter it takes."""

from __future__ import annotations

import inspect
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from dondoc import reports
from dondoc.register import db
from dondoc.register.pg import PgRegister
from dondoc.register.status import Status
from dondoc.sheets import export

AS_OF, UNTIL = date(2023, 3, 10), date(2023, 3, 31)


class Recording(db.Register):
    """A register that keeps every statement run on it, with what was bound."""

    statements: list[tuple[str, Any]]

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self.statements.append((sql, parameters))
        return super().execute(sql, parameters)


class PgRecording(PgRegister):
    """A register on PostgreSQL that keeps every statement run on it, with what was bound."""

    statements: list[tuple[str, Any]]

    def execute(self, sql: str, parameters: Any = ()) -> db.Cursor:
        self.statements.append((sql, parameters))
        return super().execute(sql, parameters)


Read = Callable[[db.Conn], object]
# Each function of the read side, with and without every filter it takes.
READS: dict[str, list[Read]] = {
    "overdue": [lambda c: reports.overdue(c, AS_OF),
                lambda c: reports.overdue(c, AS_OF, 1, 1, min_days=5)],
    "due_soon": [lambda c: reports.due_soon(c, AS_OF, UNTIL),
                 lambda c: reports.due_soon(c, AS_OF, UNTIL, 1, 1)],
    "stale": [lambda c: reports.stale(c, AS_OF, 3),
              lambda c: reports.stale(c, AS_OF, 3, 1, 1)],
    "completion": [
        partial(reports.completion, as_of=AS_OF, by=by, assigned_from=start, assigned_to=end,
                against_original=original)
        for by in reports.GROUP_BYS for original in (False, True)
        for start, end in ((None, None), (date(2023, 1, 1), None), (None, AS_OF),
                           (date(2023, 1, 1), AS_OF))],
    "unit_tree": [lambda c: reports.unit_tree(c, reports.completion(c, AS_OF))],
    "task_list": [lambda c: reports.task_list(c, AS_OF),
                  lambda c: reports.task_list(c, AS_OF, 1, 1, (Status.OPEN_OVERDUE,))],
    "task_detail": [lambda c: reports.task_detail(c, 1, AS_OF)],
    "field_changes": [lambda c: reports.field_changes(c),
                      lambda c: reports.field_changes(c, task_id=1, unit_id=1, directive_id=1),
                      lambda c: reports.field_changes(c, unit_id=1)],
    "voided_tasks": [lambda c: reports.voided_tasks(c), lambda c: reports.voided_tasks(c, 1, 1),
                     lambda c: reports.voided_tasks(c, directive_id=1)],
    "unit_list": [lambda c: reports.unit_list(c, AS_OF),
                  lambda c: reports.unit_list(c, AS_OF, show_all=True)],
    "directive_list": [lambda c: reports.directive_list(c, AS_OF)],
    "directive_detail": [lambda c: reports.directive_detail(c, 1)],
    "register_info": [lambda c: reports.register_info(c)],
    "export": [partial(export.sheet, what=what, lang="en", fmt=fmt)
               for what in ("tasks", "events", "units", "directives") for fmt in ("csv", "json")],
}


def test_every_function_of_the_read_side_is_checked() -> None:
    """A new report joins READS, or this fails."""
    public = {name for name, function in inspect.getmembers(reports, inspect.isfunction)
              if function.__module__ == reports.__name__ and not name.startswith("_")
              and next(iter(inspect.signature(function).parameters)) == "conn"}
    assert public == set(READS) - {"export"}


@pytest.fixture
def recording(office: Run, isolated: Path, backend: str) -> Iterator[Recording | PgRecording]:
    """The office's register with an extension, a completion, progress and a correction (on
    SQLite, in memory), keeping what is run on it."""
    office("extend", "1", "--to", "30/03/2023", "--on", "01/03/2023", "--ref", "CV 1")
    office("progress", "1", "Đang làm", "--on", "02/03/2023")
    office("done", "2", "--on", "03/03/2023", "--ref", "BC 2")
    office("task", "edit", "3", "--leader", "Lê Văn A", "--note", "sửa")
    if backend == "postgresql":
        dsn = os.environ["DONDOC_DB"]
        server = db.connect(dsn, write=False)
        assert isinstance(server, PgRegister)
        recorded = PgRecording(server.raw, dsn)  # the same session: its search_path set
        recorded.statements = []
        yield recorded
        server.close()
        return
    file = db.connect(isolated, write=False)
    conn = sqlite3.connect(":memory:", isolation_level=None, factory=Recording)
    assert isinstance(file, db.Register)
    file.backup(conn)
    file.close()
    conn.path, conn.statements = isolated, []
    yield conn


def refused(conn: Recording | PgRecording, sql: str, params: dict[str, Any], key: str) -> None:
    """`sql` run without the parameter `key` fails, saying so: it uses it."""
    without = {k: v for k, v in params.items() if k != key}
    if isinstance(conn, PgRecording):
        with pytest.raises(sqlite3.OperationalError, match=f"parameter missing: {key}(, {key})*$"):
            PgRegister.execute(conn, sql, without)
    else:
        with pytest.raises(sqlite3.ProgrammingError, match=f":{key}\\b"):
            sqlite3.Connection.execute(conn, sql, without)


@pytest.mark.parametrize("name", sorted(READS))
def test_every_report_binds_what_its_sql_uses_and_nothing_else(
        recording: Recording | PgRecording, name: str) -> None:
    for read in READS[name]:
        recording.statements.clear()
        read(recording)  # a parameter its SQL names and it does not bind: refused here
        named = [(sql, params) for sql, params in recording.statements
                 if isinstance(params, dict)]
        for sql, params in named:
            for key in params:
                refused(recording, sql, params, key)
    if name not in ("directive_detail", "register_info", "export"):
        assert named, f"{name} runs no query with named parameters: is it still checked?"
