"""`dondoc import --what units`: a province's tree of departments, districts and communes from
one sheet: code, name, kind, parent, e-mail, and the copy on its reminders (cc).

The key is the code: a code the register has updates that unit (each change listed), a new one
adds it. A parent is a code or a name, in the file or in the register, in any row order. The same
rules as `unit add`: codes and names are each unique (names compared folded).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from dondoc.dates import now_stamp
from dondoc.errors import DondocError, NotFound
from dondoc.i18n import Text
from dondoc.register.db import Conn
from dondoc.register.lookup import UnitRow, load_units, match_unit
from dondoc.sheets.fields import UNIT, label_aliases
from dondoc.sheets.formats import Table
from dondoc.sheets.intake import ImportOptions, Problems, Summary, in_one_transaction, map_columns
from dondoc.text import addresses, fold, is_email

REQUIRED = ("code", "name")
ALIASES = {
    "ma": "code", "ma don vi": "code", "ky hieu": "code",
    "ten": "name", "ten don vi": "name", "don vi": "name", "ten co quan": "name",
    "loai": "kind", "loai don vi": "kind", "cap": "kind",
    "truc thuoc": "parent", "don vi cap tren": "parent", "cap tren": "parent",
    "don vi quan ly": "parent",
    "email": "email", "e-mail": "email", "thu dien tu": "email", "dia chi email": "email",
    "dong gui": "cc", "gui kem": "cc", "ban sao": "cc",
}


@dataclass
class _Row:
    line: int
    code: str
    name: str
    kind: str | None
    parent: str | None
    email: str | None
    cc: str | None  # as stored: addresses, ', ' between them


def import_units(conn: Conn, table: Table, options: ImportOptions,
                 reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
    return in_one_transaction(
        conn, table, options,
        lambda problems: _UnitImport(conn, table, options, problems).run(reread))


class _UnitImport:
    def __init__(self, conn: Conn, table: Table, options: ImportOptions,
                 problems: Problems) -> None:
        self.conn, self.table, self.options, self.problems = conn, table, options, problems
        self.summary = Summary()

    def run(self, reread: Callable[[], AbstractContextManager[Table]]) -> Summary:
        table = self.table
        columns, self.headers, self.summary.ignored_columns = map_columns(
            table, UNIT, REQUIRED, {**ALIASES, **label_aliases("units")},
            self.options.column_map)
        rows = self._read(columns)
        registered = {u.code.casefold(): u for u in load_units(self.conn)}
        self._check_names(rows, registered)
        parents = self._parents(rows, registered)
        self.problems.conclude(self.summary, self.options, reread, table.header)
        self._write([r for r in rows if not self.problems.is_bad(r.line)], parents)
        return self.summary

    def _read(self, columns: dict[int, str]) -> list[_Row]:
        rows: list[_Row] = []
        seen: dict[str, int] = {}  # code (casefolded) -> line
        for line, cells in self.table.records:
            values = {f: (cells[i].strip() if i < len(cells) else "") for i, f in columns.items()}
            if not any(values.values()):
                continue
            self.summary.rows += 1
            copies = addresses(values.get("cc", ""))
            row = _Row(line, values["code"], values["name"], values.get("kind") or None,
                       values.get("parent") or None, values.get("email") or None,
                       ", ".join(copies) or None)
            for name in REQUIRED:
                if not values[name]:
                    self.problems.add(line, self.headers[name], None, Text("is empty"))
            if row.email and not is_email(row.email):
                self.problems.add(line, self.headers["email"], row.email,
                                  Text("is not an e-mail address"))
            for address in copies:
                if not is_email(address):
                    self.problems.add(line, self.headers["cc"], address,
                                      Text("is not an e-mail address"))
            key = row.code.casefold()
            if key and key in seen:
                self.problems.add(line, self.headers["code"], row.code,
                                  Text("the same unit code is on lines {lines}",
                                       lines=f"{seen[key]}, {line}"))
                continue
            seen[key] = line
            rows.append(row)
        return rows

    def _check_names(self, rows: list[_Row], registered: dict[str, UnitRow]) -> None:
        """Names are unique, as `unit add` has it: no two in the file, none another code's."""
        in_file = {r.code.casefold() for r in rows}
        by_name: dict[str, tuple[str, int | None]] = {  # folded name -> code, line (None: register)
            u.name_key: (u.code, None) for k, u in registered.items() if k not in in_file}
        for row in rows:
            key = fold(row.name)
            taken = by_name.get(key)
            if taken and taken[0].casefold() != row.code.casefold():
                self.problems.add(row.line, self.headers["name"], row.name,
                                  Text("is already the name of {code} ({where})", code=taken[0],
                                       where=f"line {taken[1]}" if taken[1] else
                                       Text("in the register")))
            elif key:
                by_name[key] = (row.code, row.line)

    def _parents(self, rows: list[_Row], registered: dict[str, UnitRow]) -> dict[int, str]:
        """Each row's parent, as a code (line -> parent code), found among the units the
        register will have: the file's rows and the register's others. No unit ends up under
        itself."""
        in_file = {r.code.casefold(): r for r in rows}
        candidates = [u for k, u in registered.items() if k not in in_file]
        candidates += [UnitRow(0, r.code, r.name, fold(r.name)) for r in rows]
        up: dict[str, str | None] = {}  # code -> its parent's code, casefolded
        for key, code in self.conn.execute(
                "SELECT u.code, p.code FROM unit u JOIN unit p ON p.id = u.parent_id"):
            up[key.casefold()] = code.casefold()
        parents: dict[int, str] = {}
        for row in rows:
            up[row.code.casefold()] = None
            if row.parent is None:
                continue
            try:
                parent = match_unit(candidates, row.parent).code
            except NotFound:  # the lookup's message would name the cell's text again
                self.problems.add(row.line, self.headers["parent"], None, Text(
                    "no unit named {text!r}, in the register or the file; add the parent unit "
                    "to the file, or first with `dondoc unit add`", text=row.parent))
                continue
            except DondocError as exc:
                self.problems.add(row.line, self.headers["parent"], None, exc.message)
                continue
            parents[row.line] = parent
            up[row.code.casefold()] = parent.casefold()
        for row in rows:  # walk up from each: a cycle comes back to the row
            seen, key = set(), up.get(row.code.casefold())
            while key is not None and key not in seen:
                if key == row.code.casefold():
                    self.problems.add(row.line, self.headers["parent"], row.parent,
                                      Text("would put {code} under itself", code=row.code))
                    break
                seen.add(key)
                key = up.get(key)
        return parents

    def _write(self, rows: list[_Row], parents: dict[int, str]) -> None:
        conn, now = self.conn, now_stamp()
        stored = {code.casefold(): (unit_id, name, kind, parent, email, cc)
                  for unit_id, code, name, kind, parent, email, cc in conn.execute(
                      """SELECT u.id, u.code, u.name, u.kind, p.code, u.email, u.cc
                         FROM unit u LEFT JOIN unit p ON p.id = u.parent_id""")}
        for row in rows:
            if row.code.casefold() not in stored:
                conn.execute(
                    """INSERT INTO unit (code, name, name_key, kind, email, cc, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (row.code, row.name, fold(row.name), row.kind, row.email, row.cc, now))
                self.summary.new += 1
        ids = {code.casefold(): unit_id for unit_id, code in conn.execute(
            "SELECT id, code FROM unit")}
        # Fields the file has no column for stay as they are.
        compared = [f for f in ("name", "kind", "parent", "email", "cc") if f in self.headers]
        for row in rows:
            old = stored.get(row.code.casefold())
            parent = parents.get(row.line)
            if old is None:  # new: only its parent is left to set
                if parent:
                    conn.execute("UPDATE unit SET parent_id = ? WHERE id = ?",
                                 (ids[parent.casefold()], ids[row.code.casefold()]))
                continue
            before = dict(zip(("name", "kind", "parent", "email", "cc"), old[1:], strict=True))
            after = {"name": row.name, "kind": row.kind, "parent": parent, "email": row.email,
                     "cc": row.cc}
            changes = [f for f in compared if before[f] != after[f]]
            if not changes:
                self.summary.unchanged += 1
                continue
            final = {f: after[f] if f in changes else before[f] for f in before}
            assert final["name"] is not None
            parent_id = ids[final["parent"].casefold()] if final["parent"] else None
            conn.execute(
                """UPDATE unit SET name = ?, name_key = ?, kind = ?, parent_id = ?, email = ?,
                                   cc = ? WHERE id = ?""",
                (final["name"], fold(final["name"]), final["kind"], parent_id, final["email"],
                 final["cc"], old[0]))
            self.summary.updated += 1
            self.summary.changed(row.code, "; ".join(
                f"{self.headers[f]}: {before[f] or '(none)'} -> {after[f] or '(none)'}"
                for f in changes))
