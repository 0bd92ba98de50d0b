"""The directive each row of a tasks file names, by its number: the register's, or created on
first sight (the file must then give its issued date). A row's issued, title, issuer and signer
cells are the directive's fields as this file gives them: the same on every line that gives them,
and written over the register's (an update the summary counts).

A file that names many directives (a plan's spreadsheet, a year's register) is read without a
query per directive: past LOOKUPS_ONE_BY_ONE first sights, the register's directives are read at
once, and the directives the file creates are numbered here and written in one batch
(take_new, write) before the first row that needs them in the register."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dondoc.dates import show_date
from dondoc.i18n import Text
from dondoc.register.db import Conn
from dondoc.register.lookup import directive_key
from dondoc.sheets.intake import Problems, Summary

DIRECTIVE_FIELDS = ("issued", "title", "issuer", "signer")
MAX_CACHED = 100_000  # distinct directive rows remembered: memory stays bounded
# First sights asked of the register one by one before reading all its directives: a small file
# into a big register reads only the directives it names.
LOOKUPS_ONE_BY_ONE = 100
# What a row gives: number, issued (ISO), title, issuer, signer; None for an empty cell.
Given = tuple[str, str | None, str | None, str | None, str | None]


@dataclass
class Directive:
    id: int
    stored: dict[str, str | None]  # issued, title, issuer, signer as the register has them
    created: bool  # by this import: all its rows are new tasks
    in_file: dict[str, tuple[str, int]] = field(default_factory=dict)  # value, line it came on


class RowDirectives:
    """The directives a file names, found once each; rows that agree are remembered."""

    def __init__(self, conn: Conn, problems: Problems, summary: Summary, now: str,
                 label: Callable[[str], str]) -> None:
        self.conn, self.problems, self.summary, self.now = conn, problems, summary, now
        self.label = label  # a field as people read it: the file's header for it
        self.by_key: dict[str, Directive] = {}  # by directive_key
        self.by_row: dict[Given, Directive] = {}  # rows already checked, by what they give
        self.lookups = 0
        # The register's directives by number_key (id, issued, title, issuer, signer), once
        # read (a directive seen before is in by_key, with what this file changed in it).
        self.register: dict[str, tuple[Any, ...]] | None = None
        self.next_id: int | None = None  # the id the next directive created gets
        # Created, not yet in the register: number and key, by id.
        self.unwritten: dict[int, tuple[str, str, Directive]] = {}

    def named(self, line: int, given: Given) -> Directive | None:
        """The directive a row names, with its fields as this file gives them; None (a problem
        said) when it cannot be."""
        return self.by_row.get(given) or self._checked(line, given)

    def _checked(self, line: int, given: Given) -> Directive | None:
        number, *values = given
        key = directive_key(number)
        fields = dict(zip(DIRECTIVE_FIELDS, values, strict=True))
        entry = self.by_key.get(key) or self._first_sight(line, key, number, fields)
        if entry is None:
            return None
        errors = self.problems.total
        for name, value in fields.items():
            if value is None:
                continue
            seen = entry.in_file.get(name)
            if seen is None:
                entry.in_file[name] = (value, line)
                if value != entry.stored[name]:
                    entry.stored[name] = value
                    self._update(entry, name, value)
            elif seen[0] != value:
                shown = show_date if name == "issued" else str
                self.problems.add(line, self.label(name), shown(value),
                                  Text("differs from {seen!r} on line {line} for the same "
                                       "directive", seen=shown(seen[0]), line=seen[1]))
        if self.problems.total == errors and len(self.by_row) < MAX_CACHED:
            self.by_row[given] = entry
        return entry

    def _first_sight(self, line: int, key: str, number: str,
                     given: dict[str, str | None]) -> Directive | None:
        found = self._stored(key)
        if found is not None:
            stored = dict(zip(DIRECTIVE_FIELDS, found[1:], strict=True))
            entry = Directive(int(found[0]), stored, created=False)
        elif given["issued"] is None:
            self.problems.add(line, self.label("issued"), None,
                              Text("directive {number} is new: give its issued date",
                                   number=number))
            return None
        else:
            if self.next_id is None:  # the import holds the write lock: no one else adds one
                (self.next_id,) = self.conn.execute(
                    "SELECT COALESCE(MAX(id), 0) + 1 FROM directive").fetchone()
            entry = Directive(self.next_id, {**given, "title": given["title"] or ""},
                              created=True)
            self.next_id += 1
            self.unwritten[entry.id] = (number, key, entry)
            self.summary.directives_created += 1
        self.by_key[key] = entry
        return entry

    def _stored(self, key: str) -> tuple[Any, ...] | None:
        """The register's directive with this key: id, issued, title, issuer, signer."""
        self.lookups += 1
        if self.lookups > LOOKUPS_ONE_BY_ONE and self.register is None:
            self.register = {row[0]: row[1:] for row in self.conn.execute(
                "SELECT number_key, id, issued, title, issuer, signer FROM directive")}
        if self.register is not None:
            return self.register.get(key)
        found: tuple[Any, ...] | None = self.conn.execute(
            "SELECT id, issued, title, issuer, signer FROM directive WHERE number_key = ?", (key,)
        ).fetchone()
        return found

    def take_new(self) -> list[tuple[object, ...]]:
        """The directives created since the last call, as write() takes them: with the fields
        the file has given them so far (a later line's are an UPDATE, _update)."""
        rows: list[tuple[object, ...]] = [
            (entry.id, number, key, *(entry.stored[name] for name in DIRECTIVE_FIELDS), self.now)
            for number, key, entry in self.unwritten.values()]
        self.unwritten.clear()
        return rows

    def write(self, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.conn.copy_rows("directive", ("id", "number", "number_key", *DIRECTIVE_FIELDS,
                                              "created_at"), rows)

    def _update(self, entry: Directive, name: str, value: str) -> None:
        if entry.id in self.unwritten:
            return  # take_new() takes entry.stored, where the new value already is
        self.conn.execute(f"UPDATE directive SET {name} = ? WHERE id = ?", (value, entry.id))
        if not entry.created:  # a directive this file creates is counted as created
            self.summary.directives_updated.add(entry.id)
