"""dondoc unit add | list"""

from __future__ import annotations

from typing import Annotated

import typer

from dondoc import db, reports
from dondoc.cli.common import FormatOpt, register, state
from dondoc.cli.render import Format, cols, render

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

    with register(ctx) as conn, db.orm_session(conn) as session:
        unit = services.add_unit(session, name, code, parent, email, kind)
        typer.echo(f"{unit.code}: {unit.name}")


@app.command("list")
def unit_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List the units, in Vietnamese alphabetical order.

    \b
    Example:
      dondoc unit list --format csv
    """
    with register(ctx) as conn:
        rows = reports.unit_list(conn)
    render(rows, cols("code", "name", "unit_kind", "parent", "email", "tasks:int"), fmt,
           state(ctx).lang)
