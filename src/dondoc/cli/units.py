"""dondoc unit add | list"""

from typing import Annotated

import typer

from dondoc import db, reports
from dondoc.cli.common import FormatOpt, register, say, state
from dondoc.cli.render import Format, cols, render
from dondoc.i18n import Text

app = typer.Typer(help="Units: departments, districts, communes.", no_args_is_help=True)


@app.command("add")
def unit_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The unit's full name.")],
    code: Annotated[str, typer.Option("--code", help="A short code, unique: DONGANH, SXD.")],
    parent: Annotated[
        str | None, typer.Option("--parent", help="The unit it belongs to (code or name).")
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="Where reminders go.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="What it is: sở, quận, huyện, xã, phường ...")
    ] = None,
) -> None:
    """Add a unit that tasks can be assigned to.

    \b
    Example:
      dondoc unit add "UBND huyện Đông Anh" --code DONGANH --kind huyện \\
        --email ubnd@donganh.hanoi.gov.vn
    """
    from dondoc import services

    with register(ctx, write=True) as conn, db.transaction(conn):
        unit = services.add_unit(conn, name, code, parent, email, kind)
    say(ctx, Text("Unit {code} added: {name}", code=unit.code, name=unit.name))


@app.command("list")
def unit_list(
    ctx: typer.Context,
    fmt: FormatOpt = Format.TABLE,
    show_all: Annotated[bool, typer.Option("--all", help="Ended units too.")] = False,
) -> None:
    """List the units, in Vietnamese alphabetical order; ended ones only with --all.

    \b
    Example:
      dondoc unit list --format csv
      dondoc unit list --all
    """
    with register(ctx) as conn:
        rows = reports.unit_list(conn, show_all)
    extra = ("ended_on:date", "successor") if show_all else ()
    render(rows, cols("code", "name", "unit_kind", "parent", "email", "tasks:int", *extra), fmt,
           state(ctx).lang)


@app.command("end")
def unit_end(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The unit that ends (code or name).")],
    on: Annotated[str, typer.Option("--on", metavar="DATE", help="The day it ends.")],
    successor: Annotated[
        str | None, typer.Option("--successor", help="The unit that takes over its open tasks.")
    ] = None,
) -> None:
    """End a unit (merged, abolished). From that day its open tasks pass to the successor, an
    event on each saying so; its finished tasks stay in its history, and reports as of an
    earlier day show it as it was.

    \b
    Example:
      dondoc unit end DONGANH --on 01/07/2025 --successor XDONGANH
    """
    from dondoc.cli.common import option_date
    from dondoc.dates import show_date
    from dondoc.reorganise import end_unit

    day = option_date("--on", on)
    with register(ctx, write=True) as conn, db.transaction(conn):
        ended = end_unit(conn, code, day, successor)
    if ended.successor is not None:
        say(ctx, Text("{unit} ended on {on}: {n} open tasks passed to {successor}",
                      unit=ended.unit.name, on=show_date(day), n=ended.passed,
                      successor=ended.successor.name))
    else:
        say(ctx, Text("{unit} ended on {on}; {n} open tasks stay with it (no successor)",
                      unit=ended.unit.name, on=show_date(day), n=ended.left_open))
