"""dondoc init | info: the register file itself."""

from pathlib import Path
from typing import Annotated

import typer

from dondoc import reports
from dondoc.cli.common import FormatOpt, register, say, state
from dondoc.cli.render import Format, cols, dump_json, render_record
from dondoc.i18n import Text
from dondoc.register import db

INFO_COLUMNS = cols("path", "access:kind", "size_bytes:int", "schema", "units:int",
                    "directives:int", "tasks:int", "events:int", "voided:int", "last_write:moment")


def add_commands(root: typer.Typer) -> None:
    root.command("init")(init)
    root.command("info")(info)


def init(
    ctx: typer.Context,
    path: Annotated[
        str | None, typer.Argument(metavar="[PATH]", help="Where (default: --db, $DONDOC_DB, "
                                   "else the per-user data file).")
    ] = None,
) -> None:
    """Create a new, empty register. Only `init` and the commands that write create one: a
    report, a list or an export on a file that is not there is an error, never an empty
    answer. A PostgreSQL address makes the register in that database (its schema `dondoc`).

    \b
    Examples:
      dondoc init ~/dondoc/ubnd-huyen.sqlite3
      export DONDOC_DB=~/dondoc/ubnd-huyen.sqlite3; dondoc init
      dondoc init postgresql://office@db.hanoi.local/dondoc
    """
    found = state(ctx)
    made: list[Path | str] = []
    conn = db.connect(db.resolve_path(path if path is not None else found.db_option),
                      write=True, created=made.append, init=True)
    target = conn.path  # a server's address without its password
    db.close(conn)
    if made:
        typer.echo(Text("created a new register at {path}", path=target).render(found.lang),
                   err=True)
    else:
        say(ctx, Text("{path} is a dondoc register already", path=target))


def info(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """Where the register is and what it holds: its size, schema version, how many units,
    directives, tasks and events, and when it was last written. Read-only: it works on a file
    this account may only read, and says so.

    \b
    Examples:
      dondoc info
      dondoc --db /srv/dondoc/so.sqlite3 info --format json
      dondoc --db postgresql://office@db.hanoi.local/dondoc info
    """
    with register(ctx) as conn:
        facts = reports.register_info(conn)
        facts["path"] = str(conn.path)  # a server's address without its password
        facts["access"] = "read_write" if db.can_write(conn) else "read_only"
    if fmt is Format.JSON:
        dump_json(facts)
        return
    render_record(facts, INFO_COLUMNS, state(ctx).lang, fmt)
