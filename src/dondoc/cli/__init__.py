"""The command line: the only place that knows Typer, rich and tabulate exist.

Root options (--db, --lang, --traceback, --version) and the one error boundary: a DondocError
becomes one line on stderr and its exit status (errors.ExitStatus); a traceback only when asked.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dondoc import __version__
from dondoc.cli import calendar, directives, io, reports, tasks, units
from dondoc.cli.common import State
from dondoc.errors import DondocError, ExitStatus
from dondoc.i18n import Text, choose_lang

ENV_TRACEBACK = "DONDOC_TRACEBACK"


class Root(TyperGroup):
    # Typer's Context is click's (vendored in typer._click) with nothing added.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (DondocError, sqlite3.Error) as exc:
            found = ctx.obj
            if (isinstance(found, State) and found.traceback) or os.environ.get(ENV_TRACEBACK):
                raise
            lang = found.lang if isinstance(found, State) else "en"
            typer.echo(Text("dondoc: error: {message}", message=_message(exc)).render(lang),
                       err=True)
            status = exc.exit_status if isinstance(exc, DondocError) else ExitStatus.ERROR
            raise typer.Exit(int(status)) from None


def _message(exc: DondocError | sqlite3.Error) -> DondocError | Text:
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return Text("the register is busy: another dondoc is writing to it (try again in a "
                    "moment)")
    if isinstance(exc, sqlite3.Error):
        return Text("the register refused the change: {error}", error=str(exc))
    return exc


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
    add_completion=False,
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
    ctx.obj = State(db_option=db, lang=choose_lang(lang), traceback=traceback, quiet=quiet)


app.add_typer(units.app, name="unit")
app.add_typer(directives.app, name="directive")
app.add_typer(tasks.app, name="task")
app.add_typer(calendar.app, name="calendar")
tasks.add_commands(app)
reports.add_commands(app)
io.add_commands(app)


def main() -> None:
    try:
        app(prog_name="dondoc")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # `dondoc overdue | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
