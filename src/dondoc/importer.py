"""`dondoc import FILE.csv`: one task per row, validated in full before anything lands.

The file is streamed: each row is checked and normalised (NFC, day-first dates, units and
directives resolved) into a temporary staging table, never a list in memory. Only if every row
is good does set-based SQL merge the staging table into the register: new tasks are inserted,
changed ones updated with a `change` event saying old -> new, completions appended as `done`
events. The whole import is one transaction; a bad row anywhere leaves the file as it was.
The key is directive + code, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from dondoc import spans
from dondoc.dates import DateError, now_stamp, parse_date, show_date
from dondoc.db import transaction
from dondoc.errors import DondocError, ImportRejected, InvalidValue, NotFound
from dondoc.lookup import UnitRow, directive_key, load_units, match_unit
from dondoc.text import fold, nfc

FIELDS = ("directive", "code", "content", "unit", "co_units", "leader", "officer", "assigned",
          "due", "done", "done_ref", "issued", "title", "issuer", "signer")
REQUIRED = ("directive", "code", "content", "unit")
DATE_FIELDS = ("assigned", "due", "done", "issued")
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
    "ngay hoan thanh": "done",
    "van ban hoan thanh": "done_ref", "so bao cao": "done_ref", "bao cao hoan thanh": "done_ref",
    "ngay ban hanh": "issued", "ngay van ban": "issued",
    "trich yeu": "title", "co quan ban hanh": "issuer", "nguoi ky": "signer",
}

MAX_PROBLEMS_SHOWN = 50
CHUNK = 5_000


@dataclass
class Summary:
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    completions: int = 0
    directives_created: int = 0
    directives_updated: set[int] = field(default_factory=set)
    units_created: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class _Directive:
    id: int
    stored: dict[str, str | None]  # issued, title, issuer, signer as the register has them
    in_file: dict[str, tuple[str, int]] = field(default_factory=dict)  # value, line it came on


class _Problems:
    """Every bad cell, in file order; the first MAX_PROBLEMS_SHOWN are kept as text."""

    def __init__(self, path: str) -> None:
        self.path, self.shown, self.total = path, list[str](), 0

    def add(self, line: int, column: str | None, value: str | None, why: str) -> None:
        self.total += 1
        if len(self.shown) < MAX_PROBLEMS_SHOWN:
            where = f"{self.path}:{line}"
            if column is not None:
                where += f": column {column}"
            shown = f" {value!r}" if value is not None else ""
            self.shown.append(f"{where}:{shown} {why}")


def import_tasks(
    conn: sqlite3.Connection, path: Path, create_units: bool = False, today: date | None = None
) -> Summary:
    today = today or date.today()
    with _open(path) as handle, transaction(conn):
        return _Import(conn, str(path), create_units, today).run(handle)


def _open(path: Path) -> IO[str]:
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark.
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DondocError(f"cannot read {path}: {exc.strerror}", "check the file name") from None


class _Import:
    def __init__(self, conn: sqlite3.Connection, path: str, create_units: bool,
                 today: date) -> None:
        self.conn, self.path, self.create_units, self.today = conn, path, create_units, today
        self.problems = _Problems(path)
        self.summary = Summary()
        self.units = load_units(conn)
        self.unit_ids: dict[str, int | None] = {}  # cell text -> unit id (None: bad)
        self.directives: dict[str, _Directive] = {}  # by directive_key
        self.now = now_stamp()

    def run(self, handle: IO[str]) -> Summary:
        records = self._records(handle)
        _, header = next(records, (0, []))
        if not header:
            raise InvalidValue(f"{self.path} is empty", "the first line must name the columns")
        columns = self._columns(header)
        self.conn.execute(
            """CREATE TEMP TABLE import_row (
                 line INTEGER PRIMARY KEY, directive_id INTEGER, code TEXT, content TEXT,
                 unit_id INTEGER, co_units TEXT, leader TEXT, officer TEXT, assigned TEXT,
                 due TEXT, done TEXT, done_ref TEXT, task_id INTEGER, is_new INTEGER)"""
        )
        try:
            self._stage(records, columns)
            self._check_duplicates()
            if self.problems.total:
                raise ImportRejected(self.path, self.problems.shown, self.problems.total)
            self._merge(set(columns.values()))
        finally:
            self.conn.execute("DROP TABLE temp.import_row")
        return self.summary

    def _records(self, handle: IO[str]) -> Iterator[tuple[int, list[str]]]:
        """(line where the record starts, cells) for each record of the file."""
        start = 1
        try:
            first = handle.readline()
            # Excel where the decimal mark is a comma (Vietnam) separates with ';'.
            delimiter = ";" if first.count(";") > first.count(",") else ","
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise DondocError(
                f"{self.path}:{start}: not UTF-8 text ({exc.reason})",
                "save it from Excel as 'CSV UTF-8 (Comma delimited)'",
            ) from None
        except csv.Error as exc:
            raise DondocError(f"{self.path}:{start}: {exc}", "check the quoting") from None

    def _columns(self, header: list[str]) -> dict[int, str]:
        columns: dict[int, str] = {}
        for index, name in enumerate(header):
            key = fold(name).replace("_", " ")
            wanted = key.replace(" ", "_") if key.replace(" ", "_") in FIELDS else None
            wanted = wanted or HEADER_ALIASES.get(key)
            if wanted is None:
                if name.strip():
                    self.summary.ignored_columns.append(nfc(name))
                continue
            if wanted in columns.values():
                raise InvalidValue(f"{self.path}:1: two columns mean {wanted!r}",
                                   "keep one of them")
            columns[index] = wanted
        missing = [f for f in REQUIRED if f not in columns.values()]
        if missing:
            raise InvalidValue(
                f"{self.path}:1: no column for {', '.join(missing)}",
                f"the header must name them; known columns: {', '.join(FIELDS)}",
            )
        self.headers = {f: nfc(header[i]) for i, f in columns.items()}
        return columns

    def _stage(self, records: Iterator[tuple[int, list[str]]], columns: dict[int, str]) -> None:
        batch: list[tuple[object, ...]] = []
        insert = "INSERT INTO import_row VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL)"
        width = max(columns) + 1
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, as Excel leaves at the end
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            row = {f: nfc(cells[i]) for i, f in columns.items()}
            staged = self._row(line, row)
            if staged is not None:
                batch.append(staged)
                if len(batch) >= CHUNK:
                    self.conn.executemany(insert, batch)
                    batch.clear()
        self.conn.executemany(insert, batch)

    def _row(self, line: int, row: dict[str, str]) -> tuple[object, ...] | None:
        self.summary.rows += 1
        errors = self.problems.total
        for name in REQUIRED:
            if not row[name]:
                self.problems.add(line, self.headers[name], None, "is empty")
        dates: dict[str, date | None] = {}
        for name in DATE_FIELDS:
            text = row.get(name)
            try:
                dates[name] = parse_date(text, self.today) if text else None
            except DateError as exc:
                self.problems.add(line, self.headers[name], text, f"{exc.why}; {exc.hint}")
        unit_id = self._unit(line, "unit", row["unit"]) if row["unit"] else None
        co_units = [self._unit(line, "co_units", name) for name in _split(row.get("co_units"))]
        assigned, due, done = dates.get("assigned"), dates.get("due"), dates.get("done")
        if assigned and due and due < assigned:
            self.problems.add(line, self.headers["due"], row["due"],
                              f"is before the assigned date {show_date(assigned)}")
        if done and done > self.today:
            self.problems.add(line, self.headers["done"], row["done"], "is in the future")
        directive_id = self._directive(line, row, dates.get("issued")) if row["directive"] else None
        if self.problems.total > errors:
            return None
        return (
            line, directive_id, row["code"], row["content"], unit_id,
            json.dumps(sorted({u for u in co_units if u is not None} - {unit_id}))
            if co_units else "[]",
            row.get("leader") or None, row.get("officer") or None,
            _iso(assigned), _iso(due), _iso(done), row.get("done_ref") or None,
        )

    def _unit(self, line: int, name: str, text: str) -> int | None:
        if text in self.unit_ids:
            unit_id = self.unit_ids[text]
            if unit_id is None:
                self.problems.add(line, self.headers[name], text, "is not a known unit")
            return unit_id
        try:
            unit_id = match_unit(self.units, text).id
        except DondocError as exc:
            if self.create_units and isinstance(exc, NotFound) and fold(text):
                unit_id = self._create_unit(text)
            else:
                self.problems.add(line, self.headers[name], text, f"{exc.message}; {exc.hint}")
                unit_id = None
        self.unit_ids[text] = unit_id
        return unit_id

    def _create_unit(self, name: str) -> int:
        base = "-".join(fold(name).upper().replace("-", " ").split())[:40] or "UNIT"
        taken = {u.code.casefold() for u in self.units}
        code, n = base, 2
        while code.casefold() in taken:
            code, n = f"{base}-{n}", n + 1
        cursor = self.conn.execute(
            "INSERT INTO unit (code, name, name_key, created_at) VALUES (?, ?, ?, ?)",
            (code, name, fold(name), self.now),
        )
        assert cursor.lastrowid is not None
        self.units.append(UnitRow(cursor.lastrowid, code, name, fold(name)))
        self.summary.units_created.append(f"{code} ({name})")
        return cursor.lastrowid

    def _directive(self, line: int, row: dict[str, str], issued: date | None) -> int | None:
        """The directive's id, created on first sight; its fields as this file gives them."""
        key = directive_key(row["directive"])
        given = {"issued": _iso(issued), "title": row.get("title") or None,
                 "issuer": row.get("issuer") or None, "signer": row.get("signer") or None}
        entry = self.directives.get(key) or self._first_sight(line, key, row["directive"], given)
        if entry is None:
            return None
        for name, value in given.items():
            if value is None:
                continue
            seen = entry.in_file.get(name)
            if seen is None:
                entry.in_file[name] = (value, line)
                if value != entry.stored[name]:
                    entry.stored[name] = value
                    self._update_directive(entry.id, name, value)
            elif seen[0] != value:
                self.problems.add(line, self.headers[name], row[name],
                                  f"differs from {seen[0]!r} on line {seen[1]} for the same "
                                  "directive")
        return entry.id

    def _first_sight(self, line: int, key: str, number: str,
                     given: dict[str, str | None]) -> _Directive | None:
        found = self.conn.execute(
            "SELECT id, issued, title, issuer, signer FROM directive WHERE number_key = ?", (key,)
        ).fetchone()
        if found is not None:
            stored = dict(zip(("issued", "title", "issuer", "signer"), found[1:], strict=True))
            entry = _Directive(int(found[0]), stored)
        elif given["issued"] is None:
            self.problems.add(line, self.headers.get("issued", "issued"), None,
                              f"directive {number} is new: give its issued date")
            return None
        else:
            cursor = self.conn.execute(
                """INSERT INTO directive (number, number_key, issued, title, issuer, signer,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (number, key, given["issued"], given["title"] or "", given["issuer"],
                 given["signer"], self.now),
            )
            assert cursor.lastrowid is not None
            self.summary.directives_created += 1
            entry = _Directive(cursor.lastrowid, {**given, "title": given["title"] or ""})
        self.directives[key] = entry
        return entry

    def _update_directive(self, directive_id: int, name: str, value: str) -> None:
        self.conn.execute(f"UPDATE directive SET {name} = ? WHERE id = ?", (value, directive_id))
        self.summary.directives_updated.add(directive_id)

    def _check_duplicates(self) -> None:
        for lines, code in self.conn.execute(
            """SELECT group_concat(line, ', '), code FROM import_row
               GROUP BY directive_id, code HAVING COUNT(*) > 1 ORDER BY MIN(line)"""
        ):
            first = lines.split(", ")[0]
            self.problems.add(int(first), self.headers["code"], code,
                              f"the same task (directive + code) is on lines {lines}")

    def _merge(self, present: set[str]) -> None:
        conn = self.conn
        conn.execute(
            """UPDATE import_row SET task_id = (SELECT t.id FROM task t
               WHERE t.directive_id = import_row.directive_id AND t.code = import_row.code)"""
        )
        conn.execute(
            """INSERT INTO task (directive_id, code, content, unit_id, leader, officer, assigned,
                                due, created_at)
               SELECT r.directive_id, r.code, r.content, r.unit_id, r.leader, r.officer,
                      COALESCE(r.assigned, d.issued), r.due, :now
               FROM import_row r JOIN directive d ON d.id = r.directive_id
               WHERE r.task_id IS NULL ORDER BY r.line""",
            {"now": self.now},
        )
        cursor = conn.execute(
            """UPDATE import_row SET is_new = 1, task_id = (SELECT t.id FROM task t
               WHERE t.directive_id = import_row.directive_id AND t.code = import_row.code)
               WHERE task_id IS NULL"""
        )
        self.summary.new = cursor.rowcount
        conn.execute(
            """INSERT INTO task_co_unit SELECT r.task_id, j.value
               FROM import_row r, json_each(r.co_units) j WHERE r.is_new"""
        )
        changed = self._apply_changes(present)
        cursor = conn.execute(
            """INSERT INTO event (task_id, kind, on_date, recorded_at, ref)
               SELECT r.task_id, 'done', r.done, :now, r.done_ref FROM import_row r
               LEFT JOIN task_span s ON s.task_id = r.task_id AND s.valid_to = '9999-12-31'
               WHERE r.done IS NOT NULL AND (r.is_new OR s.done_on IS NOT r.done)
               ORDER BY r.line""",
            {"now": self.now},
        )
        self.summary.completions = cursor.rowcount
        conn.execute("CREATE TEMP TABLE touched (task_id INTEGER PRIMARY KEY)")
        conn.execute(
            """INSERT OR IGNORE INTO touched SELECT task_id FROM import_row
               WHERE is_new OR done IS NOT NULL"""
        )
        conn.executemany("INSERT OR IGNORE INTO touched VALUES (?)", ((i,) for i in changed))
        spans.refresh(conn, "SELECT task_id FROM temp.touched")
        conn.execute("DROP TABLE temp.touched")
        self.summary.updated = len(changed)
        self.summary.unchanged = self.summary.rows - self.summary.new - len(changed)

    def _apply_changes(self, present: set[str]) -> list[int]:
        """Update existing tasks whose row says something else; each change is an event."""
        compared = [f for f in TASK_FIELDS if f in present or f == "unit_id"]
        if "assigned" in compared:
            compared.remove("assigned")  # compared below against the directive's date
        sql_old = {
            "co_units": "(SELECT json_group_array(unit_id) FROM (SELECT unit_id FROM task_co_unit"
                        " WHERE task_id = t.id ORDER BY unit_id))",
        }
        old_cols = [sql_old.get(f, f"t.{f}") for f in compared]
        new_cols = [f"r.{f}" for f in compared]
        if "assigned" in present:
            old_cols.append("t.assigned")
            new_cols.append("COALESCE(r.assigned, d.issued)")
            compared.append("assigned")
        differs = " OR ".join(f"{o} IS NOT {n}" for o, n in zip(old_cols, new_cols, strict=True))
        rows = self.conn.execute(
            f"""SELECT t.id, {', '.join(old_cols)}, {', '.join(new_cols)}
                FROM import_row r JOIN task t ON t.id = r.task_id
                JOIN directive d ON d.id = r.directive_id
                WHERE r.is_new IS NULL AND ({differs}) ORDER BY r.line"""
        ).fetchall()
        names = {u.id: u.name for u in self.units}
        changed: list[int] = []
        n = len(compared)
        for row in rows:
            task_id, old, new = row[0], row[1:1 + n], row[1 + n:]
            notes = []
            for name, before, after in zip(compared, old, new, strict=True):
                if before == after:
                    continue
                notes.append(f"{name}: {_describe(name, before, names)} -> "
                             f"{_describe(name, after, names)}")
                if name == "co_units":
                    self.conn.execute("DELETE FROM task_co_unit WHERE task_id = ?", (task_id,))
                    self.conn.executemany("INSERT INTO task_co_unit VALUES (?, ?)",
                                          [(task_id, u) for u in json.loads(after)])
                else:
                    self.conn.execute(f"UPDATE task SET {name} = ? WHERE id = ?",
                                      (after, task_id))
            self.conn.execute(
                """INSERT INTO event (task_id, kind, on_date, recorded_at, note)
                   VALUES (?, 'change', ?, ?, ?)""",
                (task_id, self.today.isoformat(), self.now, "import: " + "; ".join(notes)),
            )
            changed.append(task_id)
        return changed


def _describe(name: str, value: object, unit_names: dict[int, str]) -> str:
    if value is None:
        return "(none)"
    if name == "unit_id" and isinstance(value, int):
        return unit_names.get(value, str(value))
    if name == "co_units" and isinstance(value, str):
        return "[" + "; ".join(unit_names.get(u, str(u)) for u in json.loads(value)) + "]"
    if name in ("assigned", "due") and isinstance(value, str):
        return show_date(value)
    return str(value)


def _split(cell: str | None) -> list[str]:
    if not cell:
        return []
    return [part.strip() for part in cell.replace(";", ",").split(",") if part.strip()]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
