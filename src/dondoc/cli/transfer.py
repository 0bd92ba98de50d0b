"""dondoc import | export"""

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dondoc.cli.common import register, register_as_of, say, state
from dondoc.cli.render import Format, cols, render
from dondoc.errors import DondocError, ExitStatus, ImportRejected, InvalidValue
from dondoc.i18n import Text, t
from dondoc.register import db
from dondoc.register.db import Conn

if TYPE_CHECKING:  # the readers load only when a command reads a file
    from dondoc.sheets.documents import Directive, Given
    from dondoc.sheets.formats import Table
    from dondoc.sheets.intake import ImportOptions, Summary


class What(StrEnum):
    TASKS = "tasks"
    EVENTS = "events"
    UNITS = "units"
    DIRECTIVES = "directives"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    JSONL = "jsonl"


def add_commands(root: typer.Typer) -> None:
    root.command("import")(import_)
    root.command("export")(export)


def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="CSV, XLSX, JSON or JSONL; - reads "
                                        "standard input; a directive's own document, .docx "
                                        "or .pdf.")],
    what: Annotated[What, typer.Option("--what", help="tasks, events or units (directives come "
                                       "with their tasks).")] = What.TASKS,
    create_units: Annotated[
        bool, typer.Option("--create-units", help="Add units the register does not know yet.")
    ] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="CODEC",
                                 help="A CSV's encoding when it is not UTF-8, e.g. cp1258.")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME",
                                 help="The workbook's sheet to read (default: the first).")
    ] = None,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", metavar="HEADER=FIELD",
                                       help="Read the column HEADER as FIELD; repeatable.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and say what would change; "
                                             "write nothing.")
    ] = False,
    errors: Annotated[
        Path | None, typer.Option("--errors", metavar="FILE.csv",
                                  help="Import the good rows; write the refused ones here, with "
                                  "a reason column, to fix and import again.")
    ] = None,
    allow_corrections: Annotated[
        bool, typer.Option("--allow-corrections",
                           help="Tasks: where a done task's row gives another completion date "
                           "or document, or none, void the old completion and record the "
                           "file's; where a row gives a task another deadline, correct it for "
                           "every date (both refused without it).")
    ] = False,
    number: Annotated[
        str | None, typer.Option("--number", metavar="NUMBER",
                                 help="A .docx or .pdf: the directive's number and symbol, "
                                 "over the document's 'Số: ...'.")
    ] = None,
    issued: Annotated[
        str | None, typer.Option("--issued", metavar="DATE",
                                 help="A .docx or .pdf: its issue date, over the date line's.")
    ] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", metavar="TEXT",
                                 help="A .docx or .pdf: its issuer, over the header block's.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT",
                                 help="A .docx or .pdf: its title, over the line(s) under "
                                 "the document type.")
    ] = None,
    signer: Annotated[
        str | None, typer.Option("--signer", metavar="NAME",
                                 help="A .docx or .pdf: who signed it, over the signature "
                                 "block's.")
    ] = None,
) -> None:
    """Load tasks (or events, or units) from a spreadsheet, or a directive from its document.

    Tasks: one a row; columns by name or as clerks head them (Số, ký hiệu; Nội dung nhiệm vụ;
    Đơn vị chủ trì; Đơn vị phối hợp; Thời hạn; Ngày hoàn thành; ...): directive, issued, title,
    issuer, signer, code, content, unit, co_units, leader, officer, assigned, due, done,
    done_ref, and as export writes them extensions ("2023-02-13 -> 2023-03-15 (Công văn số
    512/UBND-ĐT); ...": each becomes an extension; a task's recorded ones must come first) and
    current_due (must be the deadline they lead to), group; the reminders column export writes
    is passed over. Events: task (or directive and code), kind, on, note, ref, percent,
    new_due. Units: code, name, kind, parent, email, cc. Text in the old TCVN3 or VNI fonts is
    refused, naming the font.

    Every row is checked first: by default one bad row and nothing is imported, and every
    problem is listed with its line, column and value. Importing a file again changes nothing;
    a changed row updates its task and says so in its history (a completion or a deadline
    only as a correction, below).

    A completion follows the rule of `dondoc done`: a task already done keeps its own, so a row
    giving it another date or document in the done or done_ref column, or an empty done cell,
    is refused. With --allow-corrections it is a correction: the old completion is voided (kept,
    with the reason) and the file's recorded; --dry-run shows each as
    "would update 847/QĐ-UBND#1: done: 13/01/2023 -> 20/02/2023". A row giving a task another
    deadline is refused too: a deadline moved by a new decision is an extension (`dondoc
    extend`), so reports as of earlier days keep the old one; with --allow-corrections the
    deadline was entered wrongly and is corrected for every date, as `task edit --due --fix`.

    A directive's own document (.docx, or a PDF with a text layer) gives the directive from its
    header block, date line, title and signature (each overridable: --number, --issued,
    --issuer, --title, --signer) and its tasks from every table headed as above (STT, Nội dung
    nhiệm vụ, Cơ quan chủ trì, ...), group rows ("I. CÔNG TÁC ...") kept as each task's group;
    deadlines as plans write them ("Quý II/2023", "Thường xuyên", "Hằng quý": README "From the
    document to the register"). --dry-run shows the directive and every task as stored.

    \b
    Examples:
      dondoc import examples/hanoi-2023.csv --create-units
      dondoc import examples/ke-hoach-135-KH-UBND.docx --create-units --dry-run
      dondoc import ke-hoach.pdf --number 135/KH-UBND --issued 19/04/2023
      dondoc import "So theo doi.xlsx" --sheet "Năm 2023" --dry-run
      dondoc import tasks.csv --encoding cp1258 --map "Hạn chót=due" --errors loi.csv
      dondoc import so-theo-doi.csv --allow-corrections --dry-run
      dondoc import --what units examples/units.csv
      dondoc export --what tasks -o tasks.xlsx && dondoc --db new.sqlite3 import tasks.xlsx \\
        --create-units
      dondoc export --what events --format jsonl | dondoc --db other.db import --what events -
    """
    from dondoc.sheets.formats import STDIN, rereadable
    from dondoc.sheets.intake import ImportOptions

    if what is What.DIRECTIVES:
        raise InvalidValue("directives are imported with their tasks",
                           "give issued, title, issuer, signer columns in the tasks file")
    if allow_corrections and what is not What.TASKS:
        raise InvalidValue("--allow-corrections goes with --what tasks",
                           "it corrects the completions a tasks file gives")
    options = ImportOptions(create_units=create_units, allow_corrections=allow_corrections,
                            dry_run=dry_run, errors_to=errors,
                            column_map=_mapping(mapping or []), lang=state(ctx).lang)
    from dondoc.sheets.documents import Given, is_document

    given = Given(number, issued, issuer, title, signer)
    if is_document(file):
        if what is not What.TASKS:
            raise InvalidValue("{path}: a directive's document gives its tasks",
                               "drop --what {what}", path=file, what=what.value)
        _import_document(ctx, file, given, options)
        return
    if given != Given():
        raise InvalidValue("--number, --issued, --issuer, --title and --signer go with a "
                           "directive's document (.docx or .pdf)",
                           "a spreadsheet gives them in its columns")
    # The refused rows are read again from the file, standard input from a copy.
    with rereadable(file, encoding, sheet, twice=errors is not None) as reread:
        summary = _load(ctx, what, file, options, reread)
    _tell(ctx, summary, file if file != STDIN else "-", what, dry_run, errors)


def _import_document(ctx: typer.Context, file: str, given: "Given",
                     options: "ImportOptions") -> None:
    """A directive's own document: read once, its directive found, its task tables turned into
    the rows a tasks sheet gives, imported as one (sheets/documents.py)."""
    from dondoc.sheets import documents
    from dondoc.sheets.task_import import ALIASES, FIELDS

    document = documents.read(file)
    tables = documents.task_tables(document, ALIASES, FIELDS, options.column_map)
    found = documents.directive(document, given, tables)

    @contextmanager
    def reread() -> Iterator["Table"]:
        yield documents.as_table(document, found, tables)

    options.list_directive = found.number if options.dry_run else None
    summary = _load(ctx, What.TASKS, file, options, reread)
    if options.dry_run:
        _show_document(found, summary, state(ctx).lang)
    _tell(ctx, summary, file, What.TASKS, options.dry_run, options.errors_to)


_DOCUMENT_TASKS = cols("group", "code", "content", "unit", "co_units:list", "due:date",
                       "due_rule")


def _show_document(found: "Directive", summary: "Summary", lang: str) -> None:
    """A dry run's directive, field by field, and its tasks as they would be stored."""
    from dondoc.dates import parse_date, show_date

    shown = {"directive": found.number, "issued": show_date(parse_date(found.issued)),
             "issuer": found.issuer, "title": found.title, "signer": found.signer}
    for key, value in shown.items():
        typer.echo(f"{t(key, lang)}: {value or ''}")
    render(summary.listed, _DOCUMENT_TASKS, Format.PLAIN, lang)


def _load(ctx: typer.Context, what: What, file: str, options: "ImportOptions",
          reread: Callable[[], AbstractContextManager["Table"]]) -> "Summary":
    """Import `what` from the file `reread` opens, in one transaction; an error in it is said
    as one line, naming the file."""
    from dondoc.sheets.event_import import import_events
    from dondoc.sheets.task_import import import_tasks
    from dondoc.sheets.unit_import import import_units

    load = {What.TASKS: import_tasks, What.EVENTS: import_events, What.UNITS: import_units}[what]
    try:
        with _import_register(ctx, options.dry_run) as conn, reread() as table, \
                _progress_bar(table) as bar, db.writing(conn, f"import {Path(file).name}"):
            options.progress = bar
            return load(conn, table, options, reread)
    except ImportRejected as exc:
        _problems(exc.problems, exc.total, options.lang)
        raise
    except (DondocError, sqlite3.Error, OSError, MemoryError):
        raise  # the error boundary says these (cli/__init__.py)
    except Exception as exc:
        # Whatever else a malformed file sets off (the readers turn their own errors into a
        # line already): the file is named, exit 1, the register untouched (rolled back).
        if state(ctx).traceback:
            raise
        raise InvalidValue(
            "{path}: cannot be imported ({error})",
            "check the file; if it looks right, this is a bug in dondoc: run the command again "
            "with --traceback and report what it shows",
            path=file, error=f"{type(exc).__name__}: {exc}") from None


def _counts(summary: "Summary", shown: str, what: What, dry_run: bool) -> Text:
    rows = (Text("{n} row", n=summary.rows) if summary.rows == 1 else
            Text("{n} rows", n=summary.rows))
    counts = Text(
        "{file}: {rows}: {new} new, {updated} updated, {unchanged} unchanged, {refused} refused",
        file=shown, rows=rows, new=summary.new, updated=summary.updated,
        unchanged=summary.unchanged, refused=summary.refused)
    if what is What.TASKS:
        n = summary.completions
        completions = (Text("{n} completion recorded", n=n) if n == 1 else
                       Text("{n} completions recorded", n=n))
        n = summary.directives_created
        created = (Text("{n} directive created", n=n) if n == 1 else
                   Text("{n} directives created", n=n))
        counts = Text("{counts}; {completions}; {created}, {updated} updated", counts=counts,
                      completions=completions, created=created,
                      updated=len(summary.directives_updated))
    if summary.recurring:
        counts = Text("{counts}; {n} recurring (a task each period)", counts=counts,
                      n=summary.recurring)
    if summary.no_deadline:
        counts = Text("{counts}; {n} without a deadline until one is set ('Theo tiến độ dự "
                      "án', 'Theo yêu cầu': task edit --due)", counts=counts,
                      n=summary.no_deadline)
    if dry_run:
        counts = Text("{counts} (dry run: nothing written)", counts=counts)
    return counts


def _would_change(summary: "Summary") -> list[Text]:
    """A dry run's changes: each one kept, and how many more."""
    lines = [Text("would update {what}: {notes}", what=what, notes=notes)
             for what, notes in summary.changes]
    if summary.updated > len(summary.changes):
        lines.append(Text("... and {n} more updates", n=summary.updated - len(summary.changes)))
    return lines


def _tell(ctx: typer.Context, summary: "Summary", shown: str, what: What, dry_run: bool,
          errors: Path | None) -> None:
    """What an import did: its problems and counts, the units it made, what a dry run would
    change; exit 1 when a row was refused, so a script sees that not everything went in."""
    lang = state(ctx).lang
    if summary.problems:
        _problems(summary.shown_problems, summary.problems, lang)
    counts = _counts(summary, shown, what, dry_run)
    # The import's own lines, which --quiet silences; a dry run is asked for its lines.
    for line in [counts, *(Text("new unit: {unit}", unit=u) for u in summary.units_created)]:
        if dry_run:
            typer.echo(line.render(lang))
        else:
            say(ctx, line)
    if dry_run:
        for change in _would_change(summary):
            typer.echo(change.render(lang))
    if summary.ignored_columns:
        ignored = Text("ignored columns: {columns}", columns=", ".join(summary.ignored_columns))
        typer.echo(ignored.render(lang), err=True)
    if errors is not None and summary.refused:
        typer.echo(Text("refused rows written to {path}", path=errors).render(lang), err=True)
    if summary.refused:
        raise typer.Exit(int(ExitStatus.ERROR))  # a script must see that not everything went in


@contextmanager
def _import_register(ctx: typer.Context, dry_run: bool) -> Iterator[Conn]:
    """The register an import writes to. A dry run writes nothing and creates nothing: it
    checks the file against the register as it is, or, where there is none yet, an empty one
    (in memory), and works on a copy in memory where the file cannot be written."""
    from dondoc.errors import NotFound

    if not dry_run:
        with register(ctx, write=True) as conn:
            yield conn
        return
    try:
        conn = db.connect(db.resolve_path(state(ctx).db_option), write=False)
    except NotFound:
        conn = db.empty_in_memory()
    if isinstance(conn, db.Register) and not db.can_write(conn):
        conn, file = db.in_memory_copy(conn), conn
        file.close()
    try:
        yield conn
    finally:
        conn.close()


def _mapping(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep or not header.strip() or not name.strip():
            raise InvalidValue("--map {value!r} is not HEADER=FIELD",
                               'e.g. --map "Hạn chót=due"', value=pair)
        found[header.strip()] = name.strip()
    return found


def _problems(problems: list[Text], total: int, lang: str) -> None:
    for problem in problems:
        typer.echo(problem.render(lang), err=True)
    if total > len(problems):
        typer.echo(Text("... and {n} more", n=total - len(problems)).render(lang), err=True)


@contextmanager
def _progress_bar(table: "Table") -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on stderr while a big file is read at a terminal; none in a pipe or in
    cron, where it would only be noise in a mail."""
    if not (table.large and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    with Progress("{task.description}", BarColumn(), TaskProgressColumn(),
                  TimeRemainingColumn(), transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(Path(table.path).name, total=table.progress()[1])

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def export(
    ctx: typer.Context,
    what: Annotated[What, typer.Option("--what", help="tasks, events, units or directives.")
                    ] = What.TASKS,
    fmt: Annotated[
        FileFormat | None, typer.Option("--format", "-f",
                                        help="csv, xlsx, json or jsonl (default: from -o, "
                                        "else csv).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write here (default: standard output).")
    ] = None,
) -> None:
    """Write the register as a spreadsheet or for a script.

    The columns are the ones import reads, so an export imports back unchanged into another
    register; tasks end with reminders (times chased, by `dondoc remind`), which import
    passes over. CSV files carry a byte-order mark so Excel reads Vietnamese (standard output does
    not); a cell that a spreadsheet would run as a formula (= + - @) gets a leading apostrophe,
    which import takes off. XLSX has real date cells, a frozen header and readable widths.

    \b
    Examples:
      dondoc export -o so-theo-doi.xlsx
      dondoc export --what events --format jsonl > events.jsonl
      dondoc export --what units -o units.csv
    """
    from dondoc.sheets import export as exporting
    from dondoc.sheets.formats import format_of, write_table

    chosen = fmt.value if fmt else format_of(str(output)) if output else "csv"
    if chosen == "xlsx" and output is None and sys.stdout.isatty():
        raise InvalidValue("an XLSX workbook is not for a terminal", "give -o FILE.xlsx")
    with register_as_of(ctx, date.today()) as conn:  # recurring tasks' instances up to today
        sheet = exporting.sheet(conn, what.value, state(ctx).lang, chosen)
        if output is None:
            sys.stdout.flush()
            write_table(sys.stdout.buffer, chosen, sheet)
            sys.stdout.buffer.flush()
            return
        partial_path = output.with_name(output.name + ".part")
        try:
            with partial_path.open("wb") as out:
                write_table(out, chosen, sheet, bom=True)
            os.replace(partial_path, output)  # a reader never sees half a file
        except OSError as exc:
            partial_path.unlink(missing_ok=True)
            raise DondocError("cannot write {path}: {error}", "check the folder", path=output,
                              error=exc.strerror) from None
