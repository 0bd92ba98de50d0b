"""`dondoc import FILE`: one task per row, validated in full before anything lands.

The rows come from sheets (CSV, XLSX, JSON) and are streamed, never held in memory: each row
is checked and normalised (trimmed, day-first dates, units resolved, its directive found or
created by row_directives.py, its deadline worked out by deadlines/due_dates.py). The whole
import is one transaction, so a bad row anywhere leaves the file as it was (or, keeping going,
is set aside: intake.py); the key is directive + code, so importing the same file twice changes
nothing. Rows go one of two ways:
- a directive this file creates has no tasks yet, so its rows are new tasks: they are written
  straight into the register in batches, with their spans (status.first_spans) and their
  completions;
- rows of a directive the register has go to a temporary staging table that set-based SQL then
  merges: new tasks inserted, changed ones updated with a `change` event saying old -> new,
  completions appended as `done` events.
A completion on a task the register has passes the rule `dondoc done` applies (register/checks.py):
a task already done keeps its completion, so a row giving another date or document, or an empty
`done` cell, is refused, unless --allow-corrections: then the old completion is voided and the
new one appended (_Import._check_completions). A row giving a task the register has another
deadline is refused the same way (a moved deadline is an extension), unless --allow-corrections:
then it is a correction, true for every date (_Import._check_deadlines).
"""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from dondoc.clerk import corrections
from dondoc.dates import DateError, now_stamp, parse_date, show_date
from dondoc.deadlines import workdays
from dondoc.deadlines.due_dates import DeadlineRefused, DueDates
from dondoc.errors import DondocError, NotFound
from dondoc.i18n import Text, t
from dondoc.register import checks, db, spans
from dondoc.register.db import Conn
from dondoc.register.lookup import UnitRow, directive_key, load_units, match_unit
from dondoc.register.status import (
    FOREVER,
    EventKind,
    Status,
    first_spans,
    first_spans_sql,
    not_voided,
)
from dondoc.sheets.fields import label_aliases, label_key
from dondoc.sheets.formats import Record, Table
from dondoc.sheets.intake import ImportOptions, Problems, Summary, in_one_transaction, map_columns
from dondoc.sheets.row_directives import Directive, RowDirectives
from dondoc.text import fold, person_name

FIELDS = ("directive", "code", "content", "unit", "co_units", "leader", "officer", "assigned",
          "due", "done", "done_ref", "issued", "title", "issuer", "signer", "due_rule",
          "extensions", "current_due", "group")
REQUIRED = ("directive", "code", "content", "unit")
# Fields compared with an existing task; the ones whose column the file has are authoritative.
TASK_FIELDS = ("content", "unit_id", "co_units", "leader", "officer", "assigned", "due")

# Headers clerks write, folded (text.fold), mapped to fields.
HEADER_ALIASES = {
    "so van ban": "directive", "so, ky hieu": "directive", "so ky hieu": "directive",
    "van ban": "directive", "van ban chi dao": "directive", "so hieu van ban": "directive",
    "stt": "code", "ma": "code", "ma nhiem vu": "code", "so thu tu": "code",
    "noi dung": "content", "noi dung nhiem vu": "content", "nhiem vu": "content",
    "don vi": "unit", "don vi chu tri": "unit", "co quan chu tri": "unit",
    "don vi phoi hop": "co_units", "co quan phoi hop": "co_units",
    "lanh dao": "leader", "lanh dao phu trach": "leader", "lanh dao chi dao": "leader",
    "chuyen vien": "officer", "chuyen vien theo doi": "officer", "can bo theo doi": "officer",
    "ngay giao": "assigned",
    "thoi han": "due", "han xu ly": "due", "han hoan thanh": "due", "han": "due",
    "thoi gian hoan thanh": "due", "thoi han hoan thanh": "due", "thoi gian thuc hien": "due",
    "ngay hoan thanh": "done",
    "van ban hoan thanh": "done_ref", "so bao cao": "done_ref", "bao cao hoan thanh": "done_ref",
    "ngay ban hanh": "issued", "ngay van ban": "issued",
    "trich yeu": "title", "co quan ban hanh": "issuer", "nguoi ky": "signer",
    "nhom": "group", "nhom nhiem vu": "group",
}

ALIASES = {**label_aliases("tasks"), **HEADER_ALIASES}  # and the headers export writes

# The extensions cell export writes: "2023-02-13 -> 2023-03-15 (Công văn số 512/UBND-ĐT); ...":
# the day each was granted, the new deadline, the document (its brackets may nest).
_EXTENSION = re.compile(r"\s*([0-9][0-9/.-]*)\s*->\s*([0-9][0-9/.-]*)(?:\s*\((.*?)\))?\s*(?:;|$)")
Extension = tuple[str, str, str | None]  # on (ISO), new deadline (ISO), document
assert FIELDS[:len(REQUIRED)] == REQUIRED  # _row() checks the first cells of a row

CHUNK = 5_000
# Characters XLSX cannot hold (XML 1.0): refused, so every export of the register can be written.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IMPORT_CACHE_KB = -16_000  # negative: KiB, as PRAGMA cache_size takes it
MAX_CACHED = 100_000  # distinct dates remembered: memory stays bounded
# An import bigger than this and than the register builds these indexes once, at the end.
BULK_MIN_ROWS = 50_000
BULK_INDEXES = ("span_unit", "event_task")


class _Task(NamedTuple):
    """A row read: the task it gives, its cells checked, dates as ISO dates, units as ids."""

    directive: Directive
    code: str
    content: str
    unit_id: int | None
    co_unit_ids: list[int | None]  # None: a name not known (the row is refused then)
    leader: str | None
    officer: str | None
    assigned: str | None  # as the row gives it (a new task's defaults to the directive's)
    due: str | None
    due_rule: str | None  # the deadline as written, when it was a period or a day off moved
    done: str | None
    done_ref: str | None
    extensions: list[Extension]  # the ones after the register's
    group: str | None  # the group row a plan lists it under ("I. CÔNG TÁC CẢI CÁCH THỂ CHẾ")


def import_tasks(conn: Conn, table: Table, options: ImportOptions,
                 reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
    """Import `table`'s tasks in one transaction (rolled back in a dry run); `reread` opens the
    file again to write the refused rows."""
    # A bigger page cache keeps the indexes a large import writes to in memory (the default,
    # 2 MB, made a million rows three times slower); it stays well under the memory budget.
    def run() -> Summary:
        return in_one_transaction(
            conn, table, options,
            lambda problems: _Import(conn, table.path, options, problems).run(table, reread))

    if conn.dialect.postgresql:
        return run()
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KB}")
    try:
        return run()
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")


class _Import:
    def __init__(self, conn: Conn, path: str, options: ImportOptions,
                 problems: Problems) -> None:
        self.conn, self.path, self.options, self.problems = conn, path, options, problems
        self.create_units = options.create_units
        self.today = options.today or date.today()
        self.summary = Summary()
        self.units = load_units(conn)
        self.unit_ids: dict[str, int | None] = {}  # cell text -> unit id (None: bad)
        self.unit_problems: dict[str, Text] = {}  # cell text -> why it names no unit
        self.dates: dict[str, str] = {}  # cell text -> ISO date
        self.due_dates = DueDates(conn)
        self.today_iso = self.today.isoformat()
        self.now = now_stamp()
        self.by = db.login(conn)  # who recorded the events this import writes
        self.directives = RowDirectives(conn, problems, self.summary, self.now, self._label)
        self.next_task_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM task").fetchone()[0]
        self.every: str | None = None  # the row read recurs ('Hằng quý'; _due says so)

    def run(self, table: Table, reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
        columns, self.headers, self.summary.ignored_columns = map_columns(
            table, FIELDS, REQUIRED, ALIASES, self.options.column_map)
        self.conn.execute(
            """CREATE TEMP TABLE import_row (
                 line INTEGER PRIMARY KEY, directive_id INTEGER, code TEXT, content TEXT,
                 unit_id INTEGER, co_units TEXT, leader TEXT, officer TEXT, assigned TEXT,
                 due TEXT, due_rule TEXT, done TEXT, done_ref TEXT, task_id INTEGER,
                 is_new BOOLEAN, extensions TEXT, task_group TEXT)"""
        )
        # Extensions the register has, by (directive id, code): a file's extensions cell must
        # begin with them, and only what follows is added (never one twice, none undone).
        self.extended: dict[tuple[int, str], list[Extension]] = {}
        if "extensions" in columns.values():
            for directive_id, code, on, new_due, ref in self.conn.execute(
                    """SELECT t.directive_id, t.code, e.on_date, e.new_due, e.ref
                       FROM event e JOIN task t ON t.id = e.task_id
                       WHERE e.kind = 'extend'
                         AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
                       ORDER BY e.task_id, e.on_date, e.id"""):
                self.extended.setdefault((directive_id, code), []).append((on, new_due, ref))
        self.new_tasks = _NewTasks(self.conn, self.now, self.by, self.next_task_id - 1,
                                   self.directives, self._duplicate)
        try:
            self._stage(table, columns)
            self.new_tasks.finish()
            if self.problems.total or self.options.keep_going:
                self._check_duplicates()
            self._check_completions(set(columns.values()))
            self._check_deadlines(set(columns.values()))
            self.problems.conclude(self.summary, self.options, reread, table.header)
            self.summary.new += self.new_tasks.count
            self.summary.completions += self.new_tasks.completions
            self._merge(set(columns.values()))
            if self.options.list_directive is not None:
                self.summary.listed = self._listed(self.options.list_directive)
            db.analyze(self.conn)
        finally:
            db.drop_temporary(self.conn, "import_row", "touched")
        return self.summary

    def _listed(self, number: str) -> list[dict[str, object]]:
        """The directive's tasks as the register holds them now (a dry run's, before rolling
        back), in the document's order, then its recurring tasks."""
        cursor = self.conn.execute(
            f"""SELECT t.task_group AS "group", t.code, t.content, u.name AS unit,
                      (SELECT {self.conn.dialect.json_list('cu.name', 'c.unit_id')}
                       FROM task_co_unit c
                       JOIN unit cu ON cu.id = c.unit_id WHERE c.task_id = t.id) AS co_units,
                      t.due, t.due_rule, 0 AS recurs, t.id AS n
               FROM task t JOIN directive d ON d.id = t.directive_id
               JOIN unit u ON u.id = t.unit_id
               WHERE d.number_key = :key
               UNION ALL  -- and the recurring ones, whose instances come with their periods
               SELECT NULL, r.code, r.content, u.name, '[]', NULL, r.every || ' (--every)', 1,
                      r.id
               FROM recurrence r JOIN directive d ON d.id = r.directive_id
               JOIN unit u ON u.id = r.unit_id WHERE d.number_key = :key
               ORDER BY recurs, n""",
            {"key": directive_key(number)})
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        for row in rows:
            row["co_units"] = json.loads(str(row["co_units"]))
        return rows

    def _stage(self, table: Table, columns: dict[int, str]) -> None:
        batch: list[tuple[object, ...]] = []
        at = {f: i for i, f in columns.items()}
        # The fields the file lacks read the empty cell appended to every record.
        cells_of = itemgetter(*(at.get(f, -1) for f in FIELDS))
        width = max(columns) + 1
        progress = self.options.progress
        records: Iterator[Record] = table.records
        for count, (line, cells) in enumerate(records, 1):
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            cells.append("")
            row = [cell.strip() for cell in cells_of(cells)]
            if not any(row) and not "".join(cells).strip():
                continue  # blank lines, as Excel leaves at the end
            staged = self._row(line, row)
            if staged is not None:
                batch.append(staged)
                if len(batch) >= CHUNK:
                    self.conn.copy_rows("import_row", _IMPORT_ROW, batch)
                    batch.clear()
            if progress is not None and count % CHUNK == 0:
                progress(*table.progress())
        self.conn.copy_rows("import_row", _IMPORT_ROW, batch)

    def _row(self, line: int, row: list[str]) -> tuple[object, ...] | None:
        """Check one row (cells in FIELDS order, trimmed NFC). A new task of a directive this file
        creates goes to new_tasks; any other good row comes back to be staged; None otherwise."""
        self.summary.rows += 1
        self.every = None
        errors = self.problems.total
        task = self._read(line, row)
        if self.problems.total > errors or task is None:
            return None
        if self.every is not None:
            self._add_recurrence(task, self.every)
            return None
        if task.directive.created:  # a directive new in this file has no tasks yet: write them now
            self._add_new(line, task)
            return None
        return self._staged(line, task)

    def _read(self, line: int, row: list[str]) -> _Task | None:
        """A row's cells checked and read, each problem said as it is found (in this order, the
        order a row's problems are listed in); None when it names no directive."""
        (number, code, content, unit, co_units, leader, officer, assigned, due, done,
         done_ref, issued, title, issuer, signer, due_rule, extensions, current_due,
         group) = row
        self._check_cells(line, row)
        assigned_on = self._date(line, "assigned", assigned)
        done_on = self._date(line, "done", done)
        unit_id = self._unit(line, "unit", unit) if unit else None
        co_unit_ids = [self._unit(line, "co_units", name) for name in self._co_units(co_units)]
        self._check_done(line, done, done_on)
        directive = self._directive(line, number, issued, title, issuer, signer)
        start = assigned_on or (directive.stored["issued"] if directive else None)
        due_on, written = self._deadline(line, due, due_rule, start)
        if directive is None:
            return None
        added = self._new_extensions(line, directive, code, extensions, current_due, start,
                                     due_on, done_on)
        return _Task(directive, code, content, unit_id, co_unit_ids,
                     person_name(leader) or None, person_name(officer) or None, assigned_on,
                     due_on, written, done_on, done_ref or None, added, group or None)

    def _check_cells(self, line: int, row: list[str]) -> None:
        """Cells no task can have: a control character, a required one empty."""
        if _CONTROL.search("".join(row)):
            self._control_characters(line, row)
        for name, value in zip(REQUIRED, row, strict=False):
            if not value:
                self.problems.add(line, self.headers[name], None, Text("is empty"))

    def _check_done(self, line: int, cell: str, done: str | None) -> None:
        if done and done > self.today_iso:
            self.problems.add(line, self.headers["done"], cell, Text("is in the future"))

    def _directive(self, line: int, number: str, issued: str, title: str, issuer: str,
                   signer: str) -> Directive | None:
        """The directive a row names (row_directives.py), if it names one."""
        if not number:
            return None
        return self.directives.named(line, (number, self._date(line, "issued", issued),
                                            title or None, issuer or None, signer or None))

    def _deadline(self, line: int, due: str, due_rule: str,
                  assigned: str | None) -> tuple[str | None, str | None]:
        """The deadline as written (export's due_rule) gives the date, when a file has both."""
        if due_rule:
            return self._due(line, "due_rule", due_rule, assigned)
        return self._due(line, "due", due, assigned)

    def _new_extensions(self, line: int, directive: Directive, code: str, cell: str,
                        current_due: str, assigned: str | None, due: str | None,
                        done: str | None) -> list[Extension]:
        """The extensions a row adds to its task, when it gives any or its task has some."""
        if cell or current_due or (self.extended and (directive.id, code) in self.extended):
            return self._extensions(line, directive, code, cell, current_due, assigned, due, done)
        return []

    def _add_new(self, line: int, task: _Task) -> None:
        """A new task of a directive this file creates: to new_tasks, numbered on."""
        task_id, self.next_task_id = self.next_task_id, self.next_task_id + 1
        self.new_tasks.add(
            line, (task_id, task.directive.id, task.code, task.content, task.unit_id,
                   task.leader, task.officer, task.assigned or task.directive.stored["issued"],
                   task.due, task.due_rule, task.group),
            task.done, task.done_ref, self._co_unit_set(task), task.extensions,
        )

    def _add_recurrence(self, task: _Task, every: str) -> None:
        """A row whose deadline recurs ('Hằng quý', 'Định kỳ hằng tháng'): a recurring task as
        `task add --every` makes, its instances made as reports reach their periods
        (deadlines/recurring.py); once for its directive and code, so a re-import adds none."""
        # The recurrence refers to its directive.
        self.directives.write(self.directives.take_new())
        cursor = self.conn.execute(
            """INSERT INTO recurrence (directive_id, code, content, unit_id, leader, officer,
                                       every, start, created_at)
               SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                 (SELECT 1 FROM recurrence WHERE directive_id = ? AND code = ?)""",
            (task.directive.id, task.code, task.content, task.unit_id, task.leader, task.officer,
             every, task.assigned or task.directive.stored["issued"], self.now, task.directive.id,
             task.code))
        self.summary.recurring += 1
        self.summary.new += cursor.rowcount

    def _staged(self, line: int, task: _Task) -> tuple[object, ...]:
        """A row of a directive the register has, as the import_row table holds it."""
        co_units = (json.dumps(self._co_unit_set(task), separators=(",", ":"))
                    if task.co_unit_ids else "[]")
        return (
            line, task.directive.id, task.code, task.content, task.unit_id, co_units,
            task.leader, task.officer, task.assigned, task.due, task.due_rule, task.done,
            task.done_ref, None, None, json.dumps(task.extensions) if task.extensions else None,
            task.group,
        )

    @staticmethod
    def _co_unit_set(task: _Task) -> list[int]:
        """The supporting units, once each, without the lead unit."""
        return sorted({u for u in task.co_unit_ids if u is not None} - {task.unit_id})

    def _extensions(self, line: int, entry: Directive, code: str, cell: str, current_due: str,
                    assigned: str | None, due: str | None,
                    done: str | None) -> list[Extension]:
        """The extensions a row's cell adds to its task: those after the ones the register has
        (which the cell must begin with), each granted by today, not before the task was
        assigned nor after it was done, each deadline later than the one before; and the
        current_due cell, when given, must be the deadline they lead to."""
        column = self.headers.get("extensions", "extensions")
        found = self._extension_list(line, column, cell)
        if found is None:
            return []
        had = self.extended.get((entry.id, code), []) if not entry.created else []
        if found[:len(had)] != had:
            self.problems.add(line, column, cell or None, Text(
                "does not begin with the extensions the register has ({had}): an extension "
                "recorded is never changed or taken back; add new ones at the end",
                had=_extension_text(had)))
            return []
        why, last = _extension_chain(found, self.today_iso, assigned, done, due)
        if why is not None:
            self.problems.add(line, column, cell, why)
            return []
        if current_due:
            given = self._date(line, "current_due", current_due)
            if given is not None and given != last:
                self.problems.add(
                    line, self.headers["current_due"], current_due,
                    Text("is not the deadline the extensions lead to ({due})",
                         due=show_date(last) if last else Text("none")))
        return found[len(had):]

    def _extension_list(self, line: int, column: str, cell: str) -> list[Extension] | None:
        """The extensions a cell lists, in the form export writes; None (a problem said) when
        it is not such a list."""
        found: list[Extension] = []
        end = 0
        for match in _EXTENSION.finditer(cell) if cell else ():
            if match.start() != end or not match[0].strip():
                break
            end = match.end()
            on = self._date(line, "extensions", match[1])
            new_due = self._date(line, "extensions", match[2])
            if on is None or new_due is None:
                return None
            found.append((on, new_due, (match[3] or "").strip() or None))
        if end != len(cell):
            self.problems.add(line, column, cell, Text(
                "is not a list of extensions such as '2023-02-13 -> 2023-03-15 (Công văn số "
                "512/UBND-ĐT)', separated by ';'"))
            return None
        return found

    def _due(self, line: int, field: str, text: str,
             assigned: str | None) -> tuple[str | None, str | None]:
        """The deadline a cell gives, as an ISO date, and the cell itself when it was a period
        ('10 ngày làm việc') or a day off moved to the next working day (due_dates.py)."""
        if not text:
            return None, None
        year = int(assigned[:4]) if assigned else self.today.year
        plan = self.due_dates.plan(text, year)
        if plan is not None:  # 'Quý II/2023', 'Thường xuyên': kept as written beside its date
            if plan.flagged:
                self.summary.no_deadline += 1
            self.every = plan.every
            if plan.due is None or assigned is None:
                return None, text
            try:
                due = self.due_dates.as_written(text, None, plan.due.isoformat(), assigned)[0]
                return due, text
            except DeadlineRefused as exc:
                self.problems.add(line, self.headers[field], text, exc.why)
                return None, None
        period = self.due_dates.period(text)
        given = None if period else self._date(line, field, text, _DEADLINE_FORMS)
        if period is None and given is None:
            return None, None
        if assigned is None:  # the directive is unknown: the row is refused anyway
            return given, None
        try:
            return self.due_dates.as_written(text, period, given, assigned)
        except DeadlineRefused as exc:
            self.problems.add(line, self.headers[field], text, exc.why)
            return None, None

    def _control_characters(self, line: int, row: list[str]) -> None:
        for name, value in zip(FIELDS, row, strict=True):
            found = _CONTROL.search(value)
            if found:
                self.problems.add(line, self.headers[name], value, Text(
                    "contains a control character ({char}), which no spreadsheet keeps",
                    char=f"U+{ord(found[0]):04X}"))

    def _date(self, line: int, name: str, text: str, hint: Text | None = None) -> str | None:
        """The ISO date a cell gives; each distinct text is parsed once. A text that is no date
        is refused with `hint`, else the date parser's."""
        if not text:
            return None
        iso = self.dates.get(text)
        if iso is None:
            try:
                parsed = parse_date(text, self.today)
            except DateError as exc:
                self.problems.add(line, self.headers[name], text,
                                  _because(exc.why, hint or exc.hint))
                return None
            if parsed.year not in workdays.YEARS:
                self.problems.add(line, self.headers[name], text,
                                  workdays.year_outside(parsed.year))
                return None
            iso = parsed.isoformat()
            if len(self.dates) < MAX_CACHED:
                self.dates[text] = iso
        return iso

    def _unit(self, line: int, name: str, text: str) -> int | None:
        """The unit a cell names; else its row refused, the same words for each cell alike."""
        if text in self.unit_ids:
            unit_id = self.unit_ids[text]
            if unit_id is None:
                self.problems.add(line, self.headers[name], None, self.unit_problems[text])
            return unit_id
        try:
            unit_id = match_unit(self.units, text, partial=not self.create_units).id
        except DondocError as exc:
            if self.create_units and isinstance(exc, NotFound) and fold(text):
                unit_id = self._create_unit(text)
            else:  # the lookup's message names the cell's text: said once
                why = (_no_unit(text, exc) if isinstance(exc, NotFound) else
                       _because(exc.message, exc.hint))
                self.unit_problems[text] = why
                self.problems.add(line, self.headers[name], None, why)
                unit_id = None
        self.unit_ids[text] = unit_id
        return unit_id

    def _co_units(self, cell: str) -> list[str]:
        """The names in a supporting-units cell: separated by ';' or line breaks when it has
        them (as export writes), else by commas, unless the whole cell names a unit with a comma
        in its name ('Sở Văn hóa, Thể thao và Du lịch')."""
        if not cell:
            return []
        if ";" in cell or "\n" in cell:
            parts = cell.replace("\n", ";").split(";")
        elif "," in cell and self._is_unit(cell):
            parts = [cell]
        else:
            parts = cell.split(",")
        return [part.strip() for part in parts if part.strip()]

    def _is_unit(self, text: str) -> bool:
        if self.unit_ids.get(text) is not None:
            return True
        try:
            match_unit(self.units, text, partial=False)
        except DondocError:
            return False
        return True

    def _create_unit(self, name: str) -> int:
        base = "-".join(fold(name).upper().replace("-", " ").split())[:40] or "UNIT"
        taken = {u.code.casefold() for u in self.units}
        code, n = base, 2
        while code.casefold() in taken:
            code, n = f"{base}-{n}", n + 1
        (unit_id,) = self.conn.execute(
            "INSERT INTO unit (code, name, name_key, created_at) VALUES (?, ?, ?, ?) "
            "RETURNING id", (code, name, fold(name), self.now)).fetchone()
        self.units.append(UnitRow(unit_id, code, name, fold(name)))
        self.summary.units_created.append(f"{code} ({name})")
        return int(unit_id)

    def _check_duplicates(self) -> None:
        """Rows of one task the staging table has twice: the later lines are refused (and, when
        keeping going, left out)."""
        for lines, code in self.conn.execute(
            f"""SELECT {self.conn.dialect.joined('line', "', '", 'line')}, code FROM
                 (SELECT line, code, directive_id FROM import_row ORDER BY line) AS r
               GROUP BY directive_id, code HAVING COUNT(*) > 1 ORDER BY MIN(line)"""
        ).fetchall():
            self._duplicate([int(line) for line in lines.split(", ")], code)
        if self.options.keep_going:
            self.conn.execute(
                """DELETE FROM import_row WHERE EXISTS (SELECT 1 FROM import_row r
                   WHERE r.directive_id = import_row.directive_id AND r.code = import_row.code
                     AND r.line < import_row.line)""")

    def _duplicate(self, lines: list[int], code: str) -> None:
        for line in lines[1:]:
            self.problems.add(line, self.headers["code"], code,
                              _same_task(", ".join(map(str, lines))))

    def _check_completions(self, present: set[str]) -> None:
        """Rows of tasks the register has whose completion cells say something new, under the
        rule of `dondoc done` (checks.check): a task not done takes the completion, dated on or
        after its latest change of state; a task done keeps its own, so another date or document,
        or a `done` cell left empty, is a refused row, unless --allow-corrections: then the old
        completion is voided and the new one appended. Completions appended or corrected here
        go into `touched`, whose spans _merge rebuilds."""
        conn = self.conn
        conn.execute("CREATE TEMP TABLE touched (task_id INTEGER PRIMARY KEY)")
        conn.execute(
            """UPDATE import_row SET task_id = (SELECT t.id FROM task t
               WHERE t.directive_id = import_row.directive_id AND t.code = import_row.code)
               WHERE task_id IS NULL"""
        )
        has_done, has_ref = "done" in present, "done_ref" in present
        if not (has_done or has_ref):
            return
        done_states = f"('{Status.DONE_ON_TIME}', '{Status.DONE_LATE}')"
        differs = conn.dialect.differs
        # The candidates, found in SQL (an unchanged row costs no Python); each is then judged
        # against the task's latest completion that is not voided.
        candidates = conn.execute(
            f"""SELECT r.line, r.task_id, d.number || '#' || t.code, r.done, r.done_ref,
                       s.state IN {done_states}, s.done_on
                FROM import_row r JOIN task t ON t.id = r.task_id
                JOIN directive d ON d.id = t.directive_id
                JOIN task_span s ON s.task_id = r.task_id AND s.valid_to = :forever
                WHERE (r.done IS NOT NULL AND {differs('r.done', 's.done_on')})
                   OR (s.state IN {done_states} AND (
                         (:has_done AND r.done IS NULL)
                      OR (:has_ref AND {differs('r.done_ref', '''(
                            SELECT ref FROM event e WHERE e.task_id = r.task_id
                              AND e.kind = 'done'
                              AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
                            ORDER BY e.on_date DESC, e.id DESC LIMIT 1)''')})))
                ORDER BY r.line""",
            {"forever": FOREVER, "has_done": has_done, "has_ref": has_ref},
        ).fetchall()
        seen: set[int] = set()
        for line, task_id, ref, done, done_ref, is_done, span_done in candidates:
            if task_id in seen:
                continue  # a task twice in the file: _check_twice_existing refuses it
            seen.add(task_id)
            latest = conn.execute(
                """SELECT id, on_date, ref FROM event e WHERE task_id = ? AND kind = 'done'
                     AND NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = e.id)
                   ORDER BY on_date DESC, id DESC LIMIT 1""", (task_id,)).fetchone()
            if is_done:
                event_id, old_on, old_ref = latest
                # A completion dated before the task was assigned counts (and is exported) on
                # the assigned date: either date names the same completion.
                new_on = old_on if not has_done or done == span_done else done
                new_ref = done_ref if has_ref else old_ref
                if (new_on, new_ref) != (old_on, old_ref):
                    self._correct(line, task_id, ref, event_id, (old_on, old_ref),
                                  (new_on, new_ref))
            elif latest is None or done != latest[1]:  # a completion the history lacks
                assert done is not None
                self._complete(line, task_id, ref, done, done_ref)

    def _check_deadlines(self, present: set[str]) -> None:
        """Rows of tasks the register has whose deadline is another date: refused, unless
        --allow-corrections. A deadline moved by a new decision is an extension, dated when it
        was granted (`dondoc extend`), so reports as of earlier days keep the old one; changing
        the task's own deadline is a correction, true for every date (as `task edit --due
        --fix`), and that must be asked for. Corrected, it must still come before the task's
        first extension."""
        if not {"due", "due_rule"} & present:
            return
        moved = self.conn.execute(
            f"""SELECT r.line, r.due, r.due_rule, t.due, d.number || '#' || t.code, x.on_date,
                       x.new_due
                FROM import_row r JOIN task t ON t.id = r.task_id
                JOIN directive d ON d.id = t.directive_id
                LEFT JOIN (SELECT e.task_id, e.on_date, e.new_due, row_number() OVER (
                             PARTITION BY e.task_id ORDER BY e.new_due, e.id) AS n FROM event e
                           WHERE e.kind = 'extend' AND {not_voided('e')}
                          ) x ON x.task_id = t.id AND x.n = 1
                WHERE {self.conn.dialect.differs('r.due', 't.due')} ORDER BY r.line"""
        ).fetchall()
        name = "due" if "due" in present else "due_rule"
        for line, new_due, written, old_due, ref, granted, extended_to in moved:
            # the cell as the file writes it (a date moved off a Sunday, a period), not as moved
            shown = _describe("due_rule", written, {}) if written else (
                show_date(new_due) if new_due else None)
            if not self.options.allow_corrections:
                why = Text("is not the register's deadline: task {task} is due {due}", task=ref,
                           due=show_date(old_due) if old_due else Text("none"))
                hint = Text("a deadline moved by a new decision is an extension: `dondoc "
                            "extend {task} --to DATE --ref DOCUMENT`; if it was entered wrongly, "
                            "correct it with `dondoc task edit {task} --due DATE --fix` or "
                            "import with --allow-corrections", task=ref)
                self._refuse(line, name, shown, _because(why, hint))
            elif extended_to is not None and (new_due is None or new_due >= extended_to):
                self._refuse(line, name, shown, Text(
                    "task {task} was extended to {to} on {on}: the deadline before it must be "
                    "earlier", task=ref, to=show_date(extended_to), on=show_date(granted)))

    def _complete(self, line: int, task_id: int, ref: str, done: str,
                  done_ref: str | None) -> None:
        """Append a completion to a task the register has, if checks.check lets it."""
        refused = self._done_refused(task_id, ref, done)
        if refused is not None:
            self._refuse(line, "done", show_date(done), refused)
            return
        self._append_done(task_id, done, done_ref)
        self.summary.changed(ref, f"{self._label('done')}: (none) -> {show_date(done)}")

    def _correct(self, line: int, task_id: int, ref: str, event_id: int,
                 old: tuple[str, str | None], new: tuple[str | None, str | None]) -> None:
        """A done task's row gives another completion: refused, or with --allow-corrections
        recorded as a correction (the old completion voided, the new one appended)."""
        (old_on, old_ref), (new_on, new_ref) = old, new
        name = "done" if new_on != old_on else "done_ref"
        if not self.options.allow_corrections:
            value = (show_date(new_on) if new_on else None) if name == "done" else new_ref
            done_on = show_date(old_on)
            if name == "done_ref":
                why = Text("is not the register's completion document: task {task} was done on "
                           "{done_on} with {ref}", task=ref, done_on=done_on,
                           ref=repr(old_ref) if old_ref else "(none)")
            elif new_on is None:
                why = Text("is empty, but task {task} was done on {done_on}", task=ref,
                           done_on=done_on)
            else:
                why = Text("is not the register's completion: task {task} was done on "
                           "{done_on}", task=ref, done_on=done_on)
            hint = Text("to correct it, import with --allow-corrections; to record a new "
                        "completion, reopen the task first")
            self._refuse(line, name, value, _because(why, hint))
            return
        notes = "; ".join(
            f"{self._label(field)}: {_describe(field, before, {})} -> "
            f"{_describe(field, after, {})}"
            for field, before, after in (("done", old_on, new_on), ("done_ref", old_ref, new_ref))
            if before != after)
        self.conn.execute("SAVEPOINT correction")
        corrections.void_event(self.conn, event_id, f"import correction: {notes}")
        # The new date must still come after the task's other changes of state.
        refused = self._done_refused(task_id, ref, new_on) if new_on else None
        if refused is not None:
            self.conn.execute("ROLLBACK TO correction")
            self.conn.execute("RELEASE correction")
            self._refuse(line, "done", show_date(new_on), refused)
            return
        self.conn.execute("RELEASE correction")
        if new_on is not None:
            self._append_done(task_id, new_on, new_ref)
        self.conn.execute("INSERT INTO touched VALUES (?) ON CONFLICT DO NOTHING", (task_id,))
        self.summary.changed(ref, notes)

    def _done_refused(self, task_id: int, ref: str, done: str) -> DondocError | None:
        try:
            checks.check(self.conn, task_id, ref, EventKind.DONE, date.fromisoformat(done),
                          self.today)
        except DondocError as exc:
            return exc
        return None

    def _append_done(self, task_id: int, done: str, done_ref: str | None) -> None:
        self.conn.execute(
            "INSERT INTO event (task_id, kind, on_date, recorded_at, ref, recorded_by) "
            "VALUES (?, 'done', ?, ?, ?, ?)", (task_id, done, self.now, done_ref, self.by))
        self.conn.execute("INSERT INTO touched VALUES (?) ON CONFLICT DO NOTHING", (task_id,))
        self.summary.completions += 1

    def _refuse(self, line: int, name: str, value: str | None, why: Text | DondocError) -> None:
        """A row refused after staging: named, and (keeping going) left out of the merge."""
        self.problems.add(line, self._label(name), value, why)
        self.conn.execute("DELETE FROM import_row WHERE line = ?", (line,))

    def _label(self, name: str) -> str:
        """A field as people read it: the file's header for it, else its label (i18n.LABELS)."""
        field = {"unit_id": "unit", "task_group": "group"}.get(name, name)
        return self.headers.get(field) or t(label_key("tasks", field), self.options.lang)

    def _merge(self, present: set[str]) -> None:
        conn = self.conn
        # Rows of directives the register had: an existing task (found already by
        # _check_completions), or a new one numbered on.
        conn.execute(
            """UPDATE import_row SET task_id = n.id, is_new = TRUE
               FROM (SELECT line, :next - 1 + row_number() OVER (ORDER BY line) AS id
                     FROM import_row WHERE task_id IS NULL) AS n
               WHERE import_row.line = n.line""",
            {"next": self.next_task_id},
        )
        new_tasks = """SELECT r.task_id, COALESCE(r.assigned, d.issued) AS assigned, r.due, r.done,
                              r.unit_id, r.directive_id
                       FROM import_row r JOIN directive d ON d.id = r.directive_id
                       WHERE r.is_new"""
        conn.execute("SAVEPOINT merge_new")  # PostgreSQL refuses any statement after an error
        try:
            cursor = conn.execute(
                """INSERT INTO task (id, directive_id, code, content, unit_id, leader, officer,
                                     assigned, due, due_rule, task_group, created_at)
                   SELECT r.task_id, r.directive_id, r.code, r.content, r.unit_id, r.leader,
                          r.officer, COALESCE(r.assigned, d.issued), r.due, r.due_rule,
                          r.task_group, :now
                   FROM import_row r JOIN directive d ON d.id = r.directive_id
                   WHERE r.is_new""",
                {"now": self.now},
            )
        except sqlite3.IntegrityError:  # one task twice in the file: name the lines
            conn.execute("ROLLBACK TO merge_new")
            self._check_duplicates()
            raise self.problems.rejected() from None
        conn.execute("RELEASE merge_new")
        self.summary.new += cursor.rowcount
        self._check_twice_existing()
        conn.execute(
            f"""INSERT INTO task_co_unit SELECT r.task_id, CAST(value AS INTEGER)
                FROM import_row r, {conn.dialect.json_items('r.co_units')}
                WHERE r.is_new AND r.co_units != '[]'"""
        )
        conn.execute(f"INSERT INTO task_span {first_spans_sql(new_tasks, conn.dialect)}")
        changed = self._apply_changes(present)
        # Numbered here, in line order, as _NewTasks numbers its completions.
        (last_event,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM event").fetchone()
        cursor = conn.execute(
            """INSERT INTO event (id, task_id, kind, on_date, recorded_at, ref, recorded_by)
               SELECT :last + row_number() OVER (ORDER BY r.line), r.task_id, 'done', r.done,
                      :now, r.done_ref, :by
               FROM import_row r WHERE r.done IS NOT NULL AND r.is_new ORDER BY r.line""",
            {"last": last_event, "now": self.now, "by": self.by},
        )
        self.summary.completions += cursor.rowcount
        changed += self._add_extensions()
        # Existing tasks whose completion (_check_completions), extensions or other fields
        # changed: their spans are rebuilt from all their events.
        conn.executemany("INSERT INTO touched VALUES (?) ON CONFLICT DO NOTHING",
                         [(i,) for i in changed])
        spans.refresh(conn, "SELECT task_id FROM touched")
        (updated,) = conn.execute(
            """SELECT COUNT(*) FROM touched t WHERE NOT EXISTS
               (SELECT 1 FROM import_row r WHERE r.task_id = t.task_id AND r.is_new)""").fetchone()
        self.summary.updated = updated
        self.summary.unchanged = (self.summary.rows - self.summary.new - updated
                                  - self.summary.refused)

    def _add_extensions(self) -> list[int]:
        """The extension events staged rows add: every one for a new task (whose spans are then
        rebuilt), the ones after the register's for an existing task (an update, said in the
        summary). The existing tasks extended."""
        rows = self.conn.execute(
            """SELECT r.task_id, r.is_new, r.extensions, d.number || '#' || r.code
               FROM import_row r JOIN directive d ON d.id = r.directive_id
               WHERE r.extensions IS NOT NULL ORDER BY r.line""").fetchall()
        extended: list[int] = []
        for task_id, is_new, cell, ref in rows:
            added: list[Extension] = [(on, new_due, doc) for on, new_due, doc in json.loads(cell)]
            self.conn.executemany(_INSERT_EXTENSION, [(task_id, on, self.now, doc, new_due,
                                                       self.by)
                                                      for on, new_due, doc in added])
            self.conn.execute("INSERT INTO touched VALUES (?) ON CONFLICT DO NOTHING", (task_id,))
            if not is_new:
                self.summary.changed(ref, f"extensions: + {_extension_text(added)}")
                extended.append(task_id)
        return extended

    def _check_twice_existing(self) -> None:
        """Two rows naming one task the register has: the UNIQUE index did not see them."""
        twice = self.conn.execute(
            """SELECT 1 FROM import_row WHERE is_new IS NULL
               GROUP BY task_id HAVING COUNT(*) > 1 LIMIT 1"""
        ).fetchone()
        if twice:
            self._check_duplicates()
            raise self.problems.rejected()

    def _apply_changes(self, present: set[str]) -> list[int]:
        """Update existing tasks whose row says something else; each change is an event."""
        if "due_rule" in present:
            present = present | {"due"}  # a deadline as written gives the date too
        compared = [f for f in TASK_FIELDS if f in present or f == "unit_id"]
        if "due" in present:
            compared.append("due_rule")  # the deadline as written goes with the date
        if "group" in present:
            compared.append("task_group")
        if "assigned" in compared:
            compared.remove("assigned")  # compared below against the directive's date
        dialect = self.conn.dialect
        sql_old = {  # as _staged writes a row's: [3,7]
            "co_units": f"(SELECT {dialect.json_numbers('unit_id', 'unit_id')} FROM (SELECT"
                        " unit_id FROM task_co_unit WHERE task_id = t.id ORDER BY unit_id) AS c)",
        }
        old_cols = [sql_old.get(f, f"t.{f}") for f in compared]
        new_cols = [f"r.{f}" for f in compared]
        if "assigned" in present:
            old_cols.append("t.assigned")
            new_cols.append("COALESCE(r.assigned, d.issued)")
            compared.append("assigned")
        differs = " OR ".join(dialect.differs(o, n)
                              for o, n in zip(old_cols, new_cols, strict=True))
        rows = self.conn.execute(
            f"""SELECT t.id, {', '.join(old_cols)}, {', '.join(new_cols)}, d.number || '#' || t.code
                FROM import_row r JOIN task t ON t.id = r.task_id
                JOIN directive d ON d.id = r.directive_id
                WHERE r.is_new IS NULL AND ({differs}) ORDER BY r.line"""
        ).fetchall()
        names = {u.id: u.name for u in self.units}
        changed: list[int] = []
        n = len(compared)
        for row in rows:
            task_id, old, new, ref = row[0], row[1:1 + n], row[1 + n:1 + 2 * n], row[-1]
            notes = []
            for name, before, after in zip(compared, old, new, strict=True):
                if before == after:
                    continue
                notes.append(f"{self._label(name)}: {_describe(name, before, names)} -> "
                             f"{_describe(name, after, names)}")
                if name == "co_units":
                    self.conn.execute("DELETE FROM task_co_unit WHERE task_id = ?", (task_id,))
                    self.conn.executemany("INSERT INTO task_co_unit VALUES (?, ?)",
                                          [(task_id, u) for u in json.loads(after)])
                else:
                    self.conn.execute(f"UPDATE task SET {name} = ? WHERE id = ?",
                                      (after, task_id))
            self.conn.execute(
                """INSERT INTO event (task_id, kind, on_date, recorded_at, note, recorded_by)
                   VALUES (?, 'change', ?, ?, ?, ?)""",
                (task_id, self.today.isoformat(), self.now, "import: " + "; ".join(notes),
                 self.by),
            )
            self.summary.changed(ref, "; ".join(notes))
            changed.append(task_id)
        return changed


@dataclass
class _Batch:
    """A batch of new tasks and the rows that come with them, as their tables take them."""

    directives: list[tuple[object, ...]] = field(default_factory=list)  # the batch's new ones
    tasks: list[tuple[Any, ...]] = field(default_factory=list)  # as _TASK lists the columns
    spans: list[tuple[object, ...]] = field(default_factory=list)
    done: list[tuple[object, ...]] = field(default_factory=list)
    co_units: list[tuple[int, int]] = field(default_factory=list)
    extensions: list[tuple[object, ...]] = field(default_factory=list)

    def keep(self, written: set[object]) -> None:
        """Only the rows of the tasks `written` (the rest had a key another line had)."""
        self.tasks = [t for t in self.tasks if t[0] in written]
        self.spans = [s for s in self.spans if s[0] in written]
        self.done = [d for d in self.done if d[0] in written]
        self.co_units = [c for c in self.co_units if c[0] in written]
        self.extensions = [x for x in self.extensions if x[0] in written]


class _NewTasks:
    """The tasks of directives this file creates, written straight into the register as the file
    is read, in batches; a strict import's transaction undoes them if any row is bad. Their keys
    cannot clash with the register's, only with each other, which the UNIQUE index on the task
    table catches; `lines` remembers each one's line to name both lines then. On a server a
    batch is written while the next is read (Conn.meanwhile)."""

    def __init__(self, conn: Conn, now: str, by: str | None, register_tasks: int,
                 directives: RowDirectives,
                 on_duplicate: Callable[[list[int], str], None]) -> None:
        self.conn, self.now, self.by, self.on_duplicate = conn, now, by, on_duplicate
        self.directives = directives
        self.batch = _Batch()
        # The line of each new task, by its id: they are numbered on from the register's last.
        self.first_id = register_tasks + 1
        self.lines = array("l")
        # Keys found twice by a batch (lines, code), told by the reading thread (on_duplicate).
        self.duplicates: list[tuple[list[int], str]] = []
        self.count = self.completions = 0
        # Past this many rows, index as a bulk load does (see _drop_indexes).
        self.bulk_after = max(BULK_MIN_ROWS, register_tasks)
        self.dropped: list[str] = []  # CREATE INDEX statements to run again at the end

    def add(self, line: int, task: tuple[Any, ...], done: str | None, done_ref: str | None,
            co_units: list[int], extensions: list[Extension]) -> None:
        """`task`: id, directive_id, code, content, unit_id, leader, officer, assigned, due,
        due_rule, group."""
        task_id, directive_id, _, _, unit_id, _, _, assigned, due, _, _ = task
        batch = self.batch
        batch.tasks.append((*task, self.now))
        self.lines.append(line)
        batch.spans.extend(first_spans(task_id, assigned, due, done, unit_id, directive_id))
        if done:
            batch.done.append((task_id, "done", done, self.now, done_ref, self.by))
        batch.co_units.extend((task_id, unit) for unit in co_units)
        if extensions:
            batch.extensions.extend((task_id, "extend", on, self.now, ref, self.by, new_due)
                                    for on, new_due, ref in extensions)
        if len(batch.tasks) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Start writing the batch (the one before is written by then)."""
        batch, self.batch = self.batch, _Batch()
        batch.directives = self.directives.take_new()
        self.conn.meanwhile(lambda: self._write(batch))
        self._tell_duplicates()

    def _tell_duplicates(self) -> None:
        while self.duplicates:
            self.on_duplicate(*self.duplicates.pop(0))

    def _write(self, batch: _Batch) -> None:
        conn = self.conn
        self.directives.write(batch.directives)
        conn.execute("SAVEPOINT new_tasks")
        try:
            conn.copy_rows("task", _TASK, batch.tasks)
        except sqlite3.IntegrityError:  # a key twice: this batch goes in one task at a time
            conn.execute("ROLLBACK TO new_tasks")
            batch.keep(self._one_by_one(batch.tasks))
        conn.execute("RELEASE new_tasks")
        conn.copy_rows("task_span", _SPAN, batch.spans)
        # Numbered here, as the tasks are: the id trigger's MAX() per row cost more than the
        # rest of the insert on PostgreSQL. The import holds the write lock.
        (last_event,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM event").fetchone()
        conn.copy_rows("event", _EVENT, [(last_event + n, *done)
                                         for n, done in enumerate(batch.done, 1)])
        conn.copy_rows("task_co_unit", ("task_id", "unit_id"), batch.co_units)
        if batch.extensions:  # their spans follow the deadlines the extensions set
            last_event += len(batch.done)
            conn.copy_rows("event", (*_EVENT, "new_due"),
                           [(last_event + n, *extension)
                            for n, extension in enumerate(batch.extensions, 1)])
            spans.refresh(conn,
                          f"SELECT CAST(value AS INTEGER) FROM {conn.dialect.json_items('?')}",
                          (json.dumps(sorted({x[0] for x in batch.extensions})),))
        self.count += len(batch.tasks)
        self.completions += len(batch.done)
        if (self.count > self.bulk_after and not self.dropped
                and conn.dialect.bulk_drops_indexes):
            self._drop_indexes()

    def _drop_indexes(self) -> None:
        """A big import into a smaller register stops updating the span and event indexes row by
        row and builds them once in finish(): sorting a million entries then took 3.4 s here,
        inserting them one at a time 15 s. Inside the import's transaction, like the rest."""
        for name in BULK_INDEXES:
            (sql,) = self.conn.execute(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", (name,)
            ).fetchone()
            self.conn.execute(f"DROP INDEX {name}")
            self.dropped.append(sql)

    def finish(self) -> None:
        """Write the last batch and build the indexes a bulk load dropped."""
        self.flush()
        self.conn.settle()
        self._tell_duplicates()
        for sql in self.dropped:
            self.conn.execute(sql)
        self.dropped.clear()

    def _one_by_one(self, tasks: list[tuple[Any, ...]]) -> set[object]:
        """Insert a batch's tasks one at a time, noting every line whose key an earlier line
        had; the ids of the tasks written."""
        written: set[object] = set()
        for task in tasks:
            task_id, directive_id, code = task[:3]
            self.conn.execute("SAVEPOINT new_task")  # PostgreSQL: a failed one ends there
            try:
                self.conn.execute(_INSERT_TASK, task)
                written.add(task_id)
            except sqlite3.IntegrityError:
                self.conn.execute("ROLLBACK TO new_task")
                (earlier,) = self.conn.execute(  # a task of this file: its directive is new
                    "SELECT id FROM task WHERE directive_id = ? AND code = ?",
                    (directive_id, code)).fetchone()
                self.duplicates.append(([self.lines[earlier - self.first_id],
                                         self.lines[task_id - self.first_id]], str(code)))
            self.conn.execute("RELEASE new_task")
        return written


# The columns of the tables a bulk load writes (Conn.copy_rows: COPY on PostgreSQL).
_IMPORT_ROW = ("line", "directive_id", "code", "content", "unit_id", "co_units", "leader",
               "officer", "assigned", "due", "due_rule", "done", "done_ref", "task_id", "is_new",
               "extensions", "task_group")
_TASK = ("id", "directive_id", "code", "content", "unit_id", "leader", "officer", "assigned",
         "due", "due_rule", "task_group", "created_at")
_SPAN = ("task_id", "valid_from", "valid_to", "state", "due", "done_on", "unit_id",
         "directive_id", "assigned")
_EVENT = ("id", "task_id", "kind", "on_date", "recorded_at", "ref", "recorded_by")
_INSERT_EXTENSION = """INSERT INTO event (task_id, kind, on_date, recorded_at, ref, new_due,
                                          recorded_by) VALUES (?, 'extend', ?, ?, ?, ?, ?)"""
_INSERT_TASK = f"INSERT INTO task ({', '.join(_TASK)}) VALUES ({', '.join('?' * len(_TASK))})"


def _describe(name: str, value: object, unit_names: dict[int, str]) -> str:
    if value is None:
        return "(none)"
    if name == "unit_id" and isinstance(value, int):
        return unit_names.get(value, str(value))
    if name == "co_units" and isinstance(value, str):
        return "; ".join(unit_names.get(u, str(u)) for u in json.loads(value)) or "(none)"
    if name in ("assigned", "due", "done") and isinstance(value, str):
        return show_date(value)
    if name == "due_rule" and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return show_date(value)  # a date moved off a day off, kept as given
    return str(value)


def _extension_text(extensions: list[Extension]) -> str | Text:
    """Extensions as export writes them; '(none)' for none."""
    if not extensions:
        return Text("none")
    return "; ".join(f"{on} -> {new_due}" + (f" ({ref})" if ref else "")
                     for on, new_due, ref in extensions)


def _extension_chain(extensions: list[Extension], today: str, assigned: str | None,
                     done: str | None, due: str | None) -> tuple[Text | None, str | None]:
    """What is wrong with a task's extensions, one after another from its deadline `due`, or
    None; and the deadline they lead to."""
    before = due
    for on, new_due, _ in extensions:
        if on > today:
            return Text("granted on {on}, in the future", on=show_date(on)), None
        if assigned and on < assigned:
            return Text("granted on {on}, before the task was assigned ({assigned})",
                        on=show_date(on), assigned=show_date(assigned)), None
        if done and on > done:
            return Text("granted on {on}, after the task was done ({done}): it changes "
                        "nothing about that completion", on=show_date(on),
                        done=show_date(done)), None
        if before and new_due <= before:
            return Text("the new deadline {new_due} is not after the one before ({due})",
                        new_due=show_date(new_due), due=show_date(before)), None
        before = new_due
    return None, before


def _same_task(lines: str) -> Text:
    return Text("the same task (directive + code) is on lines {lines}", lines=lines)


# A deadline cell is also a period or a plan's form (due_dates.py): the hint names them too.
_DEADLINE_FORMS = Text("write a date day first (16/02/2023), a period (10 ngày làm việc) or a "
                       "plan's deadline (Quý II/2023, Tháng 6/2023, Năm 2023, Thường xuyên, Hằng "
                       "quý, Theo yêu cầu)")


def _no_unit(text: str, exc: NotFound) -> Text:
    """A unit cell that names no unit of the register, and the two ways to one."""
    close = exc.message.params.get("names")
    if close:
        return Text("no unit named {text!r} (did you mean {names}?); add it with `dondoc unit "
                    "add`, or import with --create-units", text=text, names=close)
    return Text("no unit named {text!r}; add it with `dondoc unit add`, or import with "
                "--create-units", text=text)


def _because(why: Text, hint: Text | None) -> Text:
    return Text("{why}; {hint}", why=why, hint=hint) if hint else why
