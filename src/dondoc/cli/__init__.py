"""The command line: the only place that knows Typer, rich and tabulate exist.

Root options (--db, --lang, --traceback, --version) and the one error boundary: a DondocError
becomes one line on stderr and its exit status (errors.ExitStatus); a traceback only when asked.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from contextlib import suppress
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from dondoc import __version__
from dondoc.cli import (
    access,
    admin,
    chase,
    database,
    digest,
    directives,
    disclose,
    events,
    followup,
    letter,
    reports,
    tasks,
    transfer,
    units,
    verify,
    workdays,
)
from dondoc.cli.common import State
from dondoc.errors import DondocError, ExitStatus
from dondoc.i18n import Text, choose_lang
from dondoc.register import db

ENV_TRACEBACK = "DONDOC_TRACEBACK"


# The root options, also taken after the command (`dondoc overdue --db X --lang vi`): those
# with a value, and the flags.
ROOT_VALUED = ("--db", "--lang")
ROOT_FLAGS = ("--traceback", "--quiet", "-q")


class Root(TyperGroup):
    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, hoisted(args))

    # Typer's Context is click's (vendored in typer._click) with nothing added.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (TyperException, Exit, Abort):
            raise
        except BrokenPipeError:
            # `dondoc export | head -1`: the reader has what it wanted; stop quietly, as cat does.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(int(ExitStatus.OK)) from None
        except Exception as exc:
            found = ctx.obj
            if (isinstance(found, State) and found.traceback) or os.environ.get(ENV_TRACEBACK):
                raise
            lang = found.lang if isinstance(found, State) else "en"
            message, status = _message(exc, found.db_option if isinstance(found, State) else None)
            typer.echo(message.render(lang), err=True)
            raise typer.Exit(int(status)) from None


def hoisted(args: list[str]) -> list[str]:
    """`args` with the root options moved in front of the command, wherever they were given."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":  # what follows is the command's, whatever it looks like
            rest += args[i:]
            break
        name, equals, _ = arg.partition("=")
        if name in ROOT_VALUED and (equals or i + 1 < len(args)):
            front += [arg] if equals else [arg, args[i + 1]]
            i += 1 if equals else 2
            continue
        (front if arg in ROOT_FLAGS else rest).append(arg)
        i += 1
    return front + rest


# SQLite's answers that are the user's situation, not a bug: (error name, message).
_SQLITE_USER_ERRORS = {
    "SQLITE_BUSY": "the register is busy: another dondoc is writing to it (try again in a moment)",
    "SQLITE_LOCKED": "the register is busy: another dondoc is writing to it (try again in a "
                     "moment)",
    "SQLITE_READONLY": "the register is read-only for this account: {error}",
    # A server refusing a login what its rights or row-level security forbid (access.py).
    "DONDOC_REFUSED": "this login may not make that change: {error}",
    "SQLITE_FULL": "the disk is full: {error}",
    "SQLITE_CORRUPT": "the register file is damaged ({error}): restore it from a backup, or "
                      "recover what it holds with `sqlite3 FILE .recover`",
    "SQLITE_NOTADB": "the register file is damaged ({error}): restore it from a backup",
    "SQLITE_IOERR": "the disk failed while reading or writing the register: {error}",
    "SQLITE_CANTOPEN": "the register file cannot be opened: {error}",
    # PostgreSQL's answers are told by these names too (register/pg.py error_name).
    "DONDOC_CONNECTION": "the connection to the register's server was lost ({error}): run the "
                         "command again; a write not confirmed was not kept",
}


def _message(exc: Exception, db_option: str | None) -> tuple[Text | DondocError, ExitStatus]:
    """What to tell the user about `exc`, and the exit status. A DondocError, a few of SQLite's
    answers and a full or failing disk are the user's to deal with; anything else is a bug,
    shown as one."""
    if isinstance(exc, DondocError):
        return Text("dondoc: error: {message}", message=exc), exc.exit_status
    if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_FULL"):
        with suppress(DondocError):
            return Text("dondoc: error: {message}", message=Text(
                "no space left on the disk holding {path}: {error}",
                path=db.shown_path(db_option), error=str(exc))), ExitStatus.ERROR
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
        return Text("dondoc: error: {message}", message=Text(
            "cannot write the output: {error}", error=exc.strerror)), ExitStatus.ERROR
    if isinstance(exc, sqlite3.IntegrityError):
        return Text("dondoc: error: {message}", message=Text(
            "the register refused the change: {error}", error=str(exc))), ExitStatus.ERROR
    name = getattr(exc, "sqlite_errorname", "")
    if isinstance(exc, sqlite3.Error) and _sqlite_user(name):
        return Text("dondoc: error: {message}", message=Text(
            _sqlite_user(name), error=str(exc))), ExitStatus.ERROR
    return Text("dondoc: internal error: {message}", message=Text(
        "{error} ({hint})", error=f"{type(exc).__name__}: {exc}", hint=Text(
            "this is a bug in dondoc: run the command again with --traceback and report what "
            "it shows"))), ExitStatus.BUG


def _sqlite_user(name: str) -> str:
    """The message for an SQLite error name such as SQLITE_BUSY_SNAPSHOT, by its primary code."""
    return _SQLITE_USER_ERRORS.get("_".join(name.split("_")[:2]), "")


app = typer.Typer(
    cls=Root,
    name="dondoc",
    help="Follow up the tasks that official directives assign, and chase the late ones.\n\n"
    "\b\nExamples:\n"
    "  dondoc import examples/hanoi-2023.csv --create-units\n"
    "  dondoc overdue --as-of 20/02/2023\n"
    "  dondoc completion --by unit --format markdown",
    rich_markup_mode=None,  # Typer's rich help costs ~0.1 s of start-up on every --help
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dondoc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH",
                     help="The register file (default: $DONDOC_DB, else a per-user data file)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="vi|en",
                     help="Language of headers and statuses (default: $DONDOC_LANG, else the "
                     "locale)."),
    ] = None,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full traceback of an error.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Writes print nothing when they succeed.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    traceback = traceback or bool(os.environ.get(ENV_TRACEBACK))
    ctx.obj = State(traceback=traceback)  # an error in what follows still sees --traceback
    ctx.obj = State(db_option=db, lang=choose_lang(lang), traceback=traceback, quiet=quiet)


app.add_typer(units.app, name="unit")
app.add_typer(directives.app, name="directive")
app.add_typer(tasks.app, name="task")
app.add_typer(workdays.app, name="calendar")
app.add_typer(database.app, name="db")
app.add_typer(access.app, name="access")
tasks.add_commands(app)
events.add_commands(app)
reports.add_commands(app)
transfer.add_commands(app)
admin.add_commands(app)
verify.add_commands(app)
chase.add_commands(app)
digest.add_commands(app)
disclose.add_commands(app)
followup.add_commands(app)
letter.add_commands(app)


def main() -> None:
    try:
        app(prog_name="dondoc")
    except KeyboardInterrupt:
        sys.exit(int(ExitStatus.INTERRUPTED))
    except SystemExit:
        try:  # what is still buffered; the reader may have left (`dondoc overdue | head -1`)
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as exc:  # `dondoc overdue > full/disk.csv`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.stderr.write(f"dondoc: error: cannot write the output: {exc.strerror}\n")
            sys.exit(int(ExitStatus.ERROR))
        raise
