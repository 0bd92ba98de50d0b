"""`dondoc import --what events`: a day's progress, completions and extensions in one run.

One event a row: the task (a `task` column with its id or DIRECTIVE#CODE, or `directive` and
`code` columns), the kind, the date it happened, and as the kind needs: note, ref, percent,
new_due. Each passes the checks a command's event passes (checks.check), in file order, so a
row sees the events of the rows above it. An event the task already has (same kind, date, note,
ref, percent and new deadline), or a completion on the date the task is already done, is left
as it is: importing a file twice records nothing twice. `recorded_at`, when given (an export
gives it), is kept; otherwise it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

from dondoc.dates import DateError, now_stamp, parse_date
from dondoc.errors import DondocError, InvalidValue
from dondoc.i18n import LABELS, Text
from dondoc.register import checks, db, spans
from dondoc.register.db import Conn
from dondoc.register.lookup import find_task
from dondoc.register.status import FOREVER, EventKind, not_voided
from dondoc.sheets.fields import EVENT, label_aliases
from dondoc.sheets.formats import Table
from dondoc.sheets.intake import ImportOptions, Problems, Summary, in_one_transaction, map_columns
from dondoc.text import fold

FIELDS = ("task", *EVENT)
REQUIRED = ("kind", "on")
ALIASES = {
    "nhiem vu": "task", "ma nhiem vu": "task",
    "so van ban": "directive", "so, ky hieu": "directive", "stt": "code",
    "loai": "kind", "su kien": "kind", "ngay": "on", "ngay thuc hien": "on",
    "noi dung": "note", "ghi chu": "note", "van ban": "ref", "so bao cao": "ref",
    "han moi": "new_due", "gia han den": "new_due", "ty le": "percent",
}
# Kinds as written: the English names and the labels of each, in both languages, folded.
KIND_NAMES = {fold(k.value): k for k in EventKind} | {
    fold(text): k for k in EventKind for text in LABELS[f"{k.value}:v"]}


def import_events(conn: Conn, table: Table, options: ImportOptions,
                  reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
    return in_one_transaction(
        conn, table, options,
        lambda problems: _EventImport(conn, table, options, problems).run(reread))


class _EventImport:
    def __init__(self, conn: Conn, table: Table, options: ImportOptions,
                 problems: Problems) -> None:
        self.conn, self.table, self.options, self.problems = conn, table, options, problems
        self.today = options.today or date.today()
        self.now = now_stamp()
        self.by = db.login(conn)  # who recorded the events this import writes
        self.summary = Summary()
        self.tasks: dict[str, tuple[int, str] | None] = {}  # as written -> id, ref

    def run(self, reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
        table = self.table
        columns, self.headers, self.summary.ignored_columns = map_columns(
            table, FIELDS, REQUIRED, {**ALIASES, **label_aliases("events")},
            self.options.column_map)
        named = set(columns.values())
        if "task" not in named and not {"directive", "code"} <= named:
            raise InvalidValue("{path}:1: no column says which task",
                               "give a 'task' column (id or DIRECTIVE#CODE), or 'directive' "
                               "and 'code'", path=table.path)
        for line, cells in table.records:
            values = {f: (cells[i].strip() if i < len(cells) else "") for i, f in columns.items()}
            if any(values.values()):
                self.summary.rows += 1
                self._row(line, values)
        self.problems.conclude(self.summary, self.options, reread, table.header)
        self.summary.unchanged = self.summary.rows - self.summary.new - self.summary.refused
        return self.summary

    def _row(self, line: int, values: dict[str, str]) -> None:
        errors = self.problems.total
        task = self._task(line, values)
        kind = KIND_NAMES.get(fold(values["kind"]))
        if kind is None:
            self.problems.add(line, self.headers["kind"], values["kind"] or None,
                              Text("is not a kind of event; kinds: {kinds}",
                                   kinds=", ".join(EventKind)))
        on = self._date(line, "on", values["on"])
        new_due = self._date(line, "new_due", values.get("new_due", ""))
        percent = self._percent(line, values.get("percent", ""))
        recorded_at = self._moment(line, values.get("recorded_at", ""))
        if self.problems.total > errors or task is None or kind is None or on is None:
            return
        task_id, ref = task
        note, doc = values.get("note") or None, values.get("ref") or None
        if self._has(task_id, kind, on, note, doc, percent, new_due):
            return
        try:
            checks.check(self.conn, task_id, ref, kind, on, self.today, new_due, percent)
        except DondocError as exc:
            self.problems.add(line, self.headers["kind"], values["kind"],
                              exc)
            return
        self.conn.execute(
            """INSERT INTO event (task_id, kind, on_date, recorded_at, note, ref, percent,
                                  new_due, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (task_id, kind.value, on.isoformat(), recorded_at or self.now, note, doc, percent,
             new_due.isoformat() if new_due else None, self.by))
        spans.refresh(self.conn, "?", (task_id,))
        self.summary.new += 1
        self.summary.completions += kind is EventKind.DONE

    def _task(self, line: int, values: dict[str, str]) -> tuple[int, str] | None:
        written = values.get("task") or (
            f"{values['directive']}#{values['code']}"
            if values.get("directive") and values.get("code") else "")
        column = self.headers.get("task") or self.headers["code"]
        if not written:
            self.problems.add(line, column, None, Text("is empty"))
            return None
        if written not in self.tasks:
            try:
                self.tasks[written] = (find_task(self.conn, written), written)
            except DondocError as exc:
                self.problems.add(line, column, written, exc)
                self.tasks[written] = None
                return None
        found = self.tasks[written]
        if found is None:
            self.problems.add(line, column, written, Text("is not a known task"))
        return found

    def _date(self, line: int, name: str, text: str) -> date | None:
        if not text:
            if name == "on":
                self.problems.add(line, self.headers[name], None, Text("is empty"))
            return None
        try:
            return parse_date(text, self.today)
        except DateError as exc:
            self.problems.add(line, self.headers[name], text, exc.why)
            return None

    def _percent(self, line: int, text: str) -> int | None:
        if not text:
            return None
        try:
            percent = int(text.rstrip("%").strip())
        except ValueError:
            percent = -1
        if not 0 <= percent <= 100:
            self.problems.add(line, self.headers["percent"], text,
                              Text("is not a whole number from 0 to 100"))
            return None
        return percent

    def _moment(self, line: int, text: str) -> str | None:
        if not text:
            return None
        try:
            datetime.fromisoformat(text)
        except ValueError:
            self.problems.add(line, self.headers["recorded_at"], text,
                              Text("is not a moment such as 2023-02-16T08:30:00Z"))
            return None
        return text

    def _has(self, task_id: int, kind: EventKind, on: date, note: str | None, ref: str | None,
             percent: int | None, new_due: date | None) -> bool:
        """The task has this event already (a voided one does not count), or, for a
        completion, is done on that day."""
        if kind is EventKind.DONE and self.conn.execute(
                "SELECT 1 FROM task_span WHERE task_id = ? AND valid_to = ? AND done_on = ?",
                (task_id, FOREVER, on.isoformat())).fetchone():
            return True
        same = self.conn.dialect.same
        return self.conn.execute(
            f"""SELECT 1 FROM event WHERE task_id = ? AND kind = ? AND on_date = ?
               AND {same('note', '?')} AND {same('ref', '?')} AND {same('percent', '?')}
               AND {same('new_due', '?')} AND {not_voided("event")}""",
            (task_id, kind.value, on.isoformat(), note, ref, percent,
             new_due.isoformat() if new_due else None)).fetchone() is not None
