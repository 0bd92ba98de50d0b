"""What every import shares, whatever it loads (tasks, events, units): the options, the header
read into fields, the problems found, the refused-rows file and the summary.

An import is strict by default: one bad row and nothing is written. A dry run, or an import with
`errors_to`, keeps going instead: bad rows are set aside (refused), the good ones are imported
(or, in a dry run, counted), and `errors_to` gets the refused rows with a reason column, ready to
fix in Excel and import again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path

from dondoc.errors import DondocError, ImportRejected, InvalidValue
from dondoc.i18n import Renders, Text, t
from dondoc.register import db
from dondoc.register.db import Conn
from dondoc.sheets.fields import read_only_headers
from dondoc.sheets.formats import Record, Sheet, Table, format_of, write_table
from dondoc.text import fold, nfc

MAX_PROBLEMS_SHOWN = 50
HEADER_SEARCH_ROWS = 20
MAX_CHANGES_KEPT = 1_000
REASON_HEADERS = ("reason", "ly do")  # the refused-rows file's own column, folded


@dataclass
class ImportOptions:
    create_units: bool = False
    # A tasks import may correct a done task's completion (void it, append the file's).
    allow_corrections: bool = False
    dry_run: bool = False
    errors_to: Path | None = None
    column_map: dict[str, str] = field(default_factory=dict)  # header as written -> field
    lang: str = "en"
    progress: Callable[[int, int | None], None] | None = None
    list_directive: str | None = None  # its tasks as stored go to Summary.listed (a dry run)
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
    no_deadline: int = 0  # tasks whose deadline the plan leaves to a project's progress
    recurring: int = 0  # rows made recurring tasks ('Hằng quý'), as `task add --every` does
    listed: list[dict[str, object]] = field(default_factory=list)  # a document's tasks, stored
    shown_problems: list[Text] = field(default_factory=list)  # when keeping going
    problems: int = 0

    def changed(self, what: str, notes: str) -> None:
        if len(self.changes) < MAX_CHANGES_KEPT:
            self.changes.append((what, notes))


def map_columns(
    table: Table, fields: tuple[str, ...], required: tuple[str, ...], aliases: dict[str, str],
    column_map: dict[str, str],
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Which field each column holds: its name (`due`, `Due`), a header clerks write
    (`aliases`, folded) or `--map`. Gives {column index: field}, {field: header as written}
    and the columns ignored (not those export writes and import passes over: fields.READ_ONLY).
    A sheet that opens with a title block above its header is read
    from the header down (see _find_header)."""
    if not table.header:
        raise InvalidValue("{path} is empty", "the first line must name the columns",
                           path=table.path)
    mapped = {fold(name): wanted for name, wanted in column_map.items()}
    for name, target in column_map.items():
        if target not in fields:
            raise InvalidValue("--map {name}={field}: no field {field!r}", "fields: {fields}",
                               name=name, field=target, fields=", ".join(fields))
    _find_header(table, fields, required, aliases, mapped)
    path, header, at = table.path, table.header, table.header_line
    folded = [fold(name) for name in header]
    for name in column_map:
        if fold(name) not in folded:
            raise InvalidValue("--map {name}=...: {path} has no column {name!r}",
                               "its columns: {columns}", name=name, path=path,
                               columns=", ".join(nfc(h) for h in header if h.strip()))
    columns: dict[int, str] = {}
    ignored: list[str] = []
    passed_over = read_only_headers() | set(REASON_HEADERS)
    for index, name in enumerate(header):
        wanted = field_of(name, fields, aliases, mapped)
        if wanted is None:
            if name.strip() and fold(name) not in passed_over:
                ignored.append(nfc(name))
            continue
        if wanted in columns.values():
            raise InvalidValue("{path}:{line}: two columns mean {field!r}", "keep one of them",
                               path=path, line=at, field=wanted)
        columns[index] = wanted
    missing = [f for f in required if f not in columns.values()]
    if missing:
        raise InvalidValue(
            "{path}:{line}: no column for {fields}",
            "the header must name them (or --map \"Header=field\"); known columns: {known}",
            path=path, line=at, fields=", ".join(missing), known=", ".join(fields),
        )
    return columns, {f: nfc(header[i]) for i, f in columns.items()}, ignored


def field_of(name: str, fields: tuple[str, ...], aliases: dict[str, str],
              mapped: dict[str, str]) -> str | None:
    key = fold(name).replace("_", " ")
    if key in mapped:
        return mapped[key]
    if key.replace(" ", "_") in fields:
        return key.replace(" ", "_")
    return aliases.get(key)


def _find_header(table: Table, fields: tuple[str, ...], required: tuple[str, ...],
                 aliases: dict[str, str], mapped: dict[str, str]) -> None:
    """Office sheets often open with a title block (UBND TỈNH ..., SỔ THEO DÕI ...) above the
    header: when the first row does not name the required columns, the first of the next
    HEADER_SEARCH_ROWS rows that does is the header, and the records start under it."""

    def names_all(cells: list[str]) -> bool:
        found = {field_of(cell, fields, aliases, mapped) for cell in cells}
        return all(f in found for f in required)

    if names_all(table.header):
        return
    skipped: list[Record] = []
    for line, cells in table.records:
        skipped.append((line, cells))
        if names_all(cells):
            table.header, table.header_line = cells, line
            return
        if len(skipped) >= HEADER_SEARCH_ROWS:
            break
    table.records = chain(skipped, table.records)  # none names them: report the first row


def in_one_transaction(conn: Conn, table: Table, options: ImportOptions,
                       work: Callable[[Problems], Summary]) -> Summary:
    """Run an import's `work` in one transaction (rolled back in a dry run), with the problems
    table it fills."""
    with db.transaction(conn, commit=not options.dry_run):
        problems = Problems(conn, table.path, options.lang, table.place)
        try:
            return work(problems)
        finally:
            problems.drop()


class Problems:
    """Every bad cell, as found. The first MAX_PROBLEMS_SHOWN are kept to show in file order;
    all go to a temporary table (line, reason) that counts the refused rows and writes the
    refused-rows file, so a file of a million bad rows does not fill memory."""

    def __init__(self, conn: Conn, path: str, lang: str,
                 place: Callable[[int], Text] | None = None) -> None:
        self.conn, self.path, self.lang, self.total = conn, path, lang, 0
        self.place = place  # a document's 'table 2, row 5' for its record's number
        self.kept: list[tuple[int, Text]] = []
        conn.execute("CREATE TEMP TABLE import_problem (line INTEGER NOT NULL, reason TEXT, "
                     "seq INTEGER NOT NULL)")  # seq: the order they were found in

    def add(self, line: int, column: str, value: str | None, why: Renders) -> None:
        self.total += 1
        if value is None:
            reason = Text("column {column}: {why}", column=column, why=why)
        else:
            reason = Text("column {column}: {value!r} {why}", column=column, value=value,
                          why=why)
        self.conn.execute("INSERT INTO import_problem VALUES (?, ?, ?)",
                          (line, reason.render(self.lang), self.total))
        if len(self.kept) < MAX_PROBLEMS_SHOWN:
            where = (Text("{path}:{line}: {reason}", path=self.path, line=line, reason=reason)
                     if self.place is None else
                     Text("{path}, {place}: {reason}", path=self.path, place=self.place(line),
                          reason=reason))
            self.kept.append((line, where))

    def is_bad(self, line: int) -> bool:
        return self.conn.execute("SELECT 1 FROM import_problem WHERE line = ?",
                                 (line,)).fetchone() is not None

    @property
    def shown(self) -> list[Text]:
        return [text for _, text in sorted(self.kept, key=lambda kept: kept[0])]

    @property
    def refused(self) -> int:
        return int(self.conn.execute(
            "SELECT COUNT(DISTINCT line) FROM import_problem").fetchone()[0])

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.path, self.shown, self.total)

    def by_line(self) -> Iterator[tuple[int, str]]:
        yield from self.conn.execute(
            f"""SELECT line, {self.conn.dialect.joined('reason', "'; '", 'seq')} FROM
                (SELECT line, reason, seq FROM import_problem ORDER BY line, seq) p
                GROUP BY line ORDER BY line""")

    def conclude(self, summary: Summary, options: ImportOptions,
                 reread: Callable[[], AbstractContextManager[Table]], header: list[str]) -> None:
        """Strict: raise if anything was wrong. Keeping going: count the refused rows and write
        them, under `header`, re-reading the file, where `errors_to` says."""
        if not options.keep_going:
            if self.total:
                raise self.rejected()
            return
        summary.refused = self.refused
        summary.problems = self.total
        summary.shown_problems = self.shown
        if options.errors_to is not None:
            write_refused(self, reread, header, options.errors_to, options.lang)

    def drop(self) -> None:
        db.drop_temporary(self.conn, "import_problem")


def write_refused(problems: Problems, reread: Callable[[], AbstractContextManager[Table]],
                  header: list[str], out_path: Path, lang: str) -> None:
    """The refused rows as the file had them, plus the reasons, in a file Excel opens."""
    fmt = format_of(str(out_path))
    if fmt not in ("csv", "xlsx"):
        raise InvalidValue("--errors {path}: write refused rows to a .csv or .xlsx file",
                           "e.g. --errors loi.csv", path=out_path)
    reason = t("reason", lang)
    with reread() as table:
        rows = _refused_rows(table.records, len(header), problems.by_line())
        columns = [*header, reason]
        sheet = Sheet(columns, columns, frozenset(), rows, title=reason)
        try:
            with out_path.open("wb") as out:
                write_table(out, fmt, sheet, bom=True)
        except OSError as exc:
            raise DondocError("cannot write {path}: {error}", "check the folder",
                              path=out_path, error=exc.strerror) from None


def _refused_rows(records: Iterator[Record], width: int,
                  bad: Iterator[tuple[int, str]]) -> Iterator[list[str]]:
    wanted = next(bad, None)
    for line, cells in records:
        while wanted is not None and wanted[0] < line:
            wanted = next(bad, None)
        if wanted is None:
            return
        if wanted[0] == line:
            yield [*(cells + [""] * width)[:width], wanted[1]]
