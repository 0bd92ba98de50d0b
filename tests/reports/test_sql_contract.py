"""The SQL contract of the read side: every query a report or an export runs binds each named
parameter its SQL uses (SQLite refuses a missing one) and no other (SQLite ignores an unused
one, so this test asks it: without that parameter, the query must be refused)."""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from dondoc import reports
from dondoc.register import db
from dondoc.register.status import Status
from dondoc.sheets import export

AS_OF, UNTIL = date(2023, 3, 10), date(2023, 3, 31)


class Recording(db.Register):
    """A register that keeps every statement run on it, with what was bound."""

    statements: list[tuple[str, Any]]

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self.statements.append((sql, parameters))
        return super().execute(sql, parameters)


Read = Callable[[db.Register], object]
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
def recording(office: Run, isolated: Path) -> Recording:
    """The office's register with an extension, a completion, progress and a correction, in
    memory, keeping what is run on it."""
    office("extend", "1", "--to", "30/03/2023", "--on", "01/03/2023", "--ref", "CV 1")
    office("progress", "1", "Đang làm", "--on", "02/03/2023")
    office("done", "2", "--on", "03/03/2023", "--ref", "BC 2")
    office("task", "edit", "3", "--leader", "Lê Văn A", "--note", "sửa")
    file = db.connect(isolated, write=False)
    conn = sqlite3.connect(":memory:", isolation_level=None, factory=Recording)
    file.backup(conn)
    file.close()
    conn.path, conn.statements = isolated, []
    return conn


@pytest.mark.parametrize("name", sorted(READS))
def test_every_report_binds_what_its_sql_uses_and_nothing_else(
        recording: Recording, name: str) -> None:
    for read in READS[name]:
        recording.statements.clear()
        read(recording)  # a parameter its SQL names and it does not bind: refused here
        named = [(sql, params) for sql, params in recording.statements
                 if isinstance(params, dict)]
        for sql, params in named:
            for key in params:
                without = {k: v for k, v in params.items() if k != key}
                with pytest.raises(sqlite3.ProgrammingError, match=f":{key}\\b"):
                    sqlite3.Connection.execute(recording, sql, without)  # uses :key, or fails
    if name not in ("directive_detail", "register_info", "export"):
        assert named, f"{name} runs no query with named parameters: is it still checked?"
