"""What every command shares: the register, the language, dates from options, --format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from dondoc.cli.render import Format
from dondoc.dates import DateError, parse_date, show_moment
from dondoc.errors import DondocError
from dondoc.i18n import Text
from dondoc.register import db

if TYPE_CHECKING:
    from dondoc.chase.mail import MailSettings


@dataclass
class State:
    db_option: str | None = None
    lang: str = "en"
    traceback: bool = False
    quiet: bool = False  # --quiet: writes say nothing on success (for scripts)


def state(ctx: typer.Context) -> State:
    found = ctx.find_root().obj
    assert isinstance(found, State)
    return found


@contextmanager
def register(ctx: typer.Context, write: bool = False) -> Iterator[db.Conn]:
    """The register `--db` names. A read (lists, reports, export) needs one that exists and
    never writes where it may not; a write creates it when there is none, and says so once it
    has succeeded (a write refused leaves no new file behind)."""
    found = state(ctx)
    made: list[Path | str] = []
    conn = db.connect(db.resolve_path(found.db_option), write=write, created=made.append)
    conn.on_wait = waiting(found.lang)
    try:
        yield conn
    except BaseException:
        db.close(conn, optimize=False)  # a failed command leaves the file as it was
        for path in made:
            db.remove(path)
        raise
    db.close(conn)
    for path in made:
        typer.echo(Text("created a new register at {path}", path=path).render(found.lang),
                   err=True)


@contextmanager
def register_as_of(ctx: typer.Context, day: date) -> Iterator[db.Conn]:
    """The register `--db` names, ready for a read as of `day` (deadlines/prepare.py)."""
    from dondoc.deadlines import prepare

    with register(ctx) as conn, prepare.as_of(conn, day) as ready:
        yield ready


@contextmanager
def register_to_record(ctx: typer.Context, day: date) -> Iterator[db.Conn]:
    """The register, ready as of `day` (today or before), for a command that records what it
    sent (remind, digest --mail): one that exists, never created to send nothing from, and
    that this account may write."""
    from dondoc.deadlines import prepare

    with register(ctx) as conn:
        if not db.can_write(conn):
            raise DondocError("cannot write to the register {path}: this account may only "
                              "read it", "ask its owner for write access, or name another "
                              "with --db", path=conn.path)
        with prepare.as_of(conn, day) as ready:
            yield ready


def message_lang(ctx: typer.Context, settings: MailSettings) -> str:
    """The language of a message sent: --lang when given on the command line, else mail.lang
    (Vietnamese by default): a clerk whose terminal is in English still sends Vietnamese."""
    if ctx.find_root().params.get("lang"):
        return state(ctx).lang
    return settings.lang


def waiting(lang: str) -> Callable[[float, db.Writer | None], None] | None:
    """On a terminal, a line on stderr, kept up to date, while a write waits for another
    writer: who holds the register and for how long we have waited. Nothing in a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(seconds: float, holder: db.Writer | None) -> None:
        if holder is None:
            text = Text("waiting for the register: another dondoc is writing to it ({n} s)",
                        n=int(seconds))
        else:
            text = Text("waiting for the register: {what} (process {pid}) has been writing "
                        "since {since} ({n} s)", what=holder.what, pid=holder.pid,
                        since=show_moment(holder.since), n=int(seconds))
        sys.stderr.write("\r\x1b[K" + text.render(lang))
        sys.stderr.flush()

    return show


def say(ctx: typer.Context, text: Text) -> None:
    """A write's one line saying what it did, in the reader's language; nothing with --quiet."""
    found = state(ctx)
    if not found.quiet:
        typer.echo(text.render(found.lang))


def option_date(option: str, value: str | None, default: date | None = None) -> date:
    """The date an option gives, day first; `default` (else today) when it is not given."""
    if value is None:
        return default or date.today()
    try:
        return parse_date(value)
    except DateError as exc:
        raise DateError(exc.value, exc.why.template, where=option) from None


def optional_date(option: str, value: str | None) -> date | None:
    return option_date(option, value) if value is not None else None


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table, plain, csv, json, markdown or html.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Judge status as of this day (default: today)."),
]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", "-u", help="Only this unit (code or name).")
]
DirectiveOpt = Annotated[
    str | None, typer.Option("--directive", "-d", help="Only this directive (its number).")
]
MinDaysOpt = Annotated[
    int, typer.Option("--min-days", metavar="N", min=0, help="Only tasks N or more days late.")
]
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="The day it happened (default: today)."),
]
RefOpt = Annotated[
    str | None, typer.Option("--ref", help='The document, e.g. "Báo cáo số 12/BC-SXD".')
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A note for the history.")]
WhyOpt = Annotated[str | None, typer.Option("--note", help="Why: kept with the change.")]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", "-c", metavar="a,b,c",
                 help="Only these columns, in this order, in any format: their csv/json names "
                 "(an unknown name lists the others)."),
]
TaskArg = Annotated[
    str, typer.Argument(metavar="TASK", help="Its id (12) or DIRECTIVE#CODE (847/QĐ-UBND#3).")
]


@contextmanager
def replacing(path: Path, folder: bool = False) -> Iterator[BinaryIO]:
    """`path` written whole or not at all: the bytes go to a file beside it, moved over it once
    complete, so a failure leaves the old file as it was and nothing half-written. A folder
    that is missing (unless `folder`: then it is made) or not writable is refused in one line
    naming the file, as export does."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        if folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        file = open(partial, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with file:
            yield file
        os.replace(partial, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        partial.unlink(missing_ok=True)


def _cannot_write(path: Path, exc: OSError) -> DondocError:
    return DondocError("cannot write {path}: {error}", "check the folder", path=path,
                       error=exc.strerror or str(exc))
