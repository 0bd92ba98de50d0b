"""dondoc unit add | list | edit | end"""

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


@app.command("edit")
def unit_edit(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="The unit (code or name).")],
    name: Annotated[str | None, typer.Option("--name", help="Its full name.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Its short code, unique.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="What it is: sở, huyện, xã ... ('' for none).")
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="The unit it belongs to ('' for none).")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="Where reminders go ('' for none).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why: kept with the change.")
                    ] = None,
) -> None:
    """Correct a unit's name, code, kind, parent or e-mail. Each change is kept with its old
    and new value, when, by whom and why (`dondoc changes --unit UNIT`). These are corrections:
    every report, for any date, shows the new value. A unit that really ends, merged into
    another, is `unit end --successor`.

    \b
    Example:
      dondoc unit edit DONGANH --email vanthu@donganh.hanoi.gov.vn --note "địa chỉ mới"
    """
    from dondoc import corrections
    from dondoc.cli.common import say
    from dondoc.i18n import Text

    edit = corrections.UnitEdit(name=name, code=code, kind=kind, parent=parent, email=email)
    with register(ctx) as conn, db.transaction(conn):
        was, changes = corrections.edit_unit(conn, unit, edit, note)
    say(ctx, Text("Unit {unit} changed: {changes}", unit=was,
                  changes=corrections.describe(changes)))


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
    from dondoc import db
    from dondoc.cli.common import option_date
    from dondoc.i18n import Text
    from dondoc.reorganise import end_unit

    day = option_date("--on", on)
    with register(ctx) as conn, db.transaction(conn):
        ended = end_unit(conn, code, day, successor)
    lang = state(ctx).lang
    if ended.successor is not None:
        typer.echo(Text("{unit} ended on {on}: {n} open tasks passed to {successor}",
                        unit=ended.unit.name, on=day.strftime("%d/%m/%Y"), n=ended.passed,
                        successor=ended.successor.name).render(lang))
    else:
        typer.echo(Text("{unit} ended on {on}; {n} open tasks stay with it (no successor)",
                        unit=ended.unit.name, on=day.strftime("%d/%m/%Y"),
                        n=ended.left_open).render(lang))
