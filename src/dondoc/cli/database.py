"""dondoc db copy: a register moved between a file and a PostgreSQL server."""

from pathlib import Path
from typing import Annotated

import typer

from dondoc.cli.common import say
from dondoc.i18n import Text
from dondoc.register import db

app = typer.Typer(help="The register as a whole: copy it between a file and a server.",
                  no_args_is_help=True)


@app.command("copy")
def copy(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The register to copy: a file "
                                          "or postgresql://...")],
    target: Annotated[str, typer.Argument(metavar="TO", help="A new register: a file that is "
                                          "not there yet, or an empty PostgreSQL database.")],
) -> None:
    """Copy a whole register into a new one, SQLite to PostgreSQL or back: every unit,
    directive, task and event with its id and recorded moment, the voids and corrections, the
    calendar, reminders, letters and digests. The copy is one transaction; each event and
    reminder is sealed again as it arrives and must match its seal in FROM, so a register
    altered behind dondoc's back is refused. A TO that holds anything is refused.

    \b
    Examples:
      dondoc db copy ~/dondoc/so.sqlite3 postgresql://office@db.hanoi.gov.vn/dondoc
      dondoc db copy postgresql://office@db.hanoi.gov.vn/dondoc backup.sqlite3
    """
    from dondoc.register import access
    from dondoc.register.copier import copy as copy_register

    made: list[Path | str] = []
    source_conn = db.connect(db.resolve_path(source), write=False)
    try:
        access.whole_register(source_conn, "a copy")
        target_path = db.resolve_path(target)
        target_conn = db.connect(target_path, write=True, created=made.append)
        try:
            copied = copy_register(source_conn, target_conn)
        except BaseException:
            db.close(target_conn, optimize=False)
            if made:
                db.remove(target_path)
            raise
        db.analyze(target_conn)
        db.close(target_conn)
    finally:
        db.close(source_conn, optimize=False)
    say(ctx, Text("copied {tasks} tasks, {events} events and {units} units from {source} to "
                  "{target}", tasks=copied.rows["task"], events=copied.rows["event"],
                  units=copied.rows["unit"], source=source_conn.path, target=target_conn.path))
