"""What every import shares, whatever it loads (tasks, events, units): the options, the header
read into fields, the problems found, the refused-rows file and the summary.

An import is strict by default: one bad row and nothing is written. A dry run, or an import with
`errors_to`, keeps going instead: bad rows are set aside (refused), the good ones are imported
(or, in a dry run, counted), and `errors_to` gets the refused rows with a reason column, ready to
fix in Excel and import again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dondoc.errors import DondocError, ImportRejected, InvalidValue
from dondoc.i18n import Renders, Text, t
from dondoc.sheets import Sheet, Table, format_of, write_table
from dondoc.text import fold, nfc

MAX_PROBLEMS_SHOWN = 50
MAX_CHANGES_KEPT = 1_000
REASON_HEADERS = ("reason", "ly do")  # the refused-rows file's own column, folded


@dataclass
class ImportOptions:
    create_units: bool = False
    dry_run: bool = False
    errors_to: Path | None = None
    column_map: dict[str, str] = field(default_factory=dict)  # header as written -> field
    lang: str = "en"
    progress: Callable[[int, int | None], None] | None = None
    today: date | None = None

    @property
    def keep_going(self) -> bool:
        """Set bad rows aside instead of stopping at them."""
        return self.dry_run or self.errors_to is not None


@dataclass
class Summary:
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    completions: int = 0
    directives_created: int = 0
    directives_updated: set[int] = field(default_factory=set)
    units_created: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # (what, its changes: "field: old -> new; ..."), the first MAX_CHANGES_KEPT
    changes: list[tuple[str, str]] = field(default_factory=list)
    shown_problems: list[Text] = field(default_factory=list)  # when keeping going
    problems: int = 0

    def changed(self, what: str, notes: str) -> None:
        if len(self.changes) < MAX_CHANGES_KEPT:
            self.changes.append((what, notes))


def map_columns(
    path: str, header: list[str], fields: tuple[str, ...], required: tuple[str, ...],
    aliases: dict[str, str], column_map: dict[str, str],
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Which field each column holds: its name (`due`, `Due`), a header clerks write
    (`aliases`, folded) or `--map`. Gives {column index: field}, {field: header as written}
    and the columns ignored."""
    mapped = {fold(name): wanted for name, wanted in column_map.items()}
    for name, target in column_map.items():
        if target not in fields:
            raise InvalidValue("--map {name}={field}: no field {field!r}", "fields: {fields}",
                               name=name, field=target, fields=", ".join(fields))
    folded = [fold(name) for name in header]
    for name in column_map:
        if fold(name) not in folded:
            raise InvalidValue("--map {name}=...: {path} has no column {name!r}",
                               "its columns: {columns}", name=name, path=path,
                               columns=", ".join(nfc(h) for h in header if h.strip()))
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, (name, key) in enumerate(zip(header, folded, strict=True)):
        key = key.replace("_", " ")
        wanted: str | None = mapped.get(key) or mapped.get(fold(name))
        if wanted is None and key.replace(" ", "_") in fields:
            wanted = key.replace(" ", "_")
        if wanted is None:
            wanted = aliases.get(key)
        if wanted is None:
            if name.strip() and key not in REASON_HEADERS:
                ignored.append(nfc(name))
            continue
        if wanted in columns.values():
            raise InvalidValue("{path}:1: two columns mean {field!r}", "keep one of them",
                               path=path, field=wanted)
        columns[index] = wanted
    missing = [f for f in required if f not in columns.values()]
    if missing:
        raise InvalidValue(
            "{path}:1: no column for {fields}",
            "the header must name them (or --map \"Header=field\"); known columns: {known}",
            path=path, fields=", ".join(missing), known=", ".join(fields),
        )
    return columns, {f: nfc(header[i]) for i, f in columns.items()}, ignored


class Problems:
    """Every bad cell, as found. The first MAX_PROBLEMS_SHOWN are kept to show in file order;
    all go to a temporary table (line, reason) that counts the refused rows and writes the
    refused-rows file, so a file of a million bad rows does not fill memory."""

    def __init__(self, conn: sqlite3.Connection, path: str, lang: str) -> None:
        self.conn, self.path, self.lang, self.total = conn, path, lang, 0
        self.kept: list[tuple[int, Text]] = []
        conn.execute("CREATE TEMP TABLE import_problem (line INTEGER NOT NULL, reason TEXT)")

    def add(self, line: int, column: str, value: str | None, why: Renders) -> None:
        self.total += 1
        if value is None:
            reason = Text("column {column}: {why}", column=column, why=why)
        else:
            reason = Text("column {column}: {value!r} {why}", column=column, value=value,
                          why=why)
        self.conn.execute("INSERT INTO temp.import_problem VALUES (?, ?)",
                          (line, reason.render(self.lang)))
        if len(self.kept) < MAX_PROBLEMS_SHOWN:
            self.kept.append((line, Text("{path}:{line}: {reason}", path=self.path, line=line,
                                         reason=reason)))

    def is_bad(self, line: int) -> bool:
        return self.conn.execute("SELECT 1 FROM temp.import_problem WHERE line = ?",
                                 (line,)).fetchone() is not None

    @property
    def shown(self) -> list[Text]:
        return [text for _, text in sorted(self.kept, key=lambda kept: kept[0])]

    @property
    def refused(self) -> int:
        return int(self.conn.execute(
            "SELECT COUNT(DISTINCT line) FROM temp.import_problem").fetchone()[0])

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.path, self.shown, self.total)

    def by_line(self) -> Iterator[tuple[int, str]]:
        yield from self.conn.execute(
            """SELECT line, group_concat(reason, '; ') FROM
               (SELECT line, reason FROM temp.import_problem ORDER BY line, rowid)
               GROUP BY line ORDER BY line""")

    def conclude(self, summary: Summary, options: ImportOptions,
                 reread: Callable[[], AbstractContextManager[Table]]) -> None:
        """Strict: raise if anything was wrong. Keeping going: count the refused rows and write
        them (re-reading the file) where `errors_to` says."""
        if not options.keep_going:
            if self.total:
                raise self.rejected()
            return
        summary.refused = self.refused
        summary.problems = self.total
        summary.shown_problems = self.shown
        if options.errors_to is not None:
            write_refused(self, reread, options.errors_to, options.lang)

    def drop(self) -> None:
        self.conn.execute("DROP TABLE temp.import_problem")


def write_refused(problems: Problems, reread: Callable[[], AbstractContextManager[Table]],
                  out_path: Path, lang: str) -> None:
    """The refused rows as the file had them, plus the reasons, in a file Excel opens."""
    fmt = format_of(str(out_path))
    if fmt not in ("csv", "xlsx"):
        raise InvalidValue("--errors {path}: write refused rows to a .csv or .xlsx file",
                           "e.g. --errors loi.csv", path=out_path)
    reason = t("reason", lang)
    with reread() as table:
        rows = _refused_rows(table, problems.by_line())
        header = [*table.header, reason]
        sheet = Sheet(header, header, frozenset(), rows, title=reason)
        try:
            with out_path.open("wb") as out:
                write_table(out, fmt, sheet, bom=True)
        except OSError as exc:
            raise DondocError("cannot write {path}: {error}", "check the folder",
                              path=out_path, error=exc.strerror) from None


def _refused_rows(table: Table, bad: Iterator[tuple[int, str]]) -> Iterator[list[str]]:
    width = len(table.header)
    wanted = next(bad, None)
    for line, cells in table.records:
        while wanted is not None and wanted[0] < line:
            wanted = next(bad, None)
        if wanted is None:
            return
        if wanted[0] == line:
            yield [*(cells + [""] * width)[:width], wanted[1]]
