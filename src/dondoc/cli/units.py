"""dondoc unit add | list | edit | end"""

from typing import Annotated

import typer

from dondoc import reports
from dondoc.cli.common import (
    AsOfOpt,
    ColumnsOpt,
    FormatOpt,
    WhyOpt,
    option_date,
    register,
    register_as_of,
    say,
    state,
)
from dondoc.cli.render import Format, cols, render
from dondoc.i18n import Text
from dondoc.register import db

CcOpt = Annotated[
    list[str] | None, typer.Option("--cc", metavar="ADDRESS",
                                   help="Copy its reminders to this address (again for more).")
]

app = typer.Typer(help="Units: departments, districts, communes.\n\n\b\nExamples:\n"
                  '  dondoc unit add "Sở Xây dựng" --code SXD --email vanthu@sxd.hanoi.gov.vn\n'
                  "  dondoc unit list --as-of 30/06/2025\n"
                  "  dondoc unit end DONGANH --on 01/07/2025 --successor XDONGANH",
                  no_args_is_help=True)


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
    cc: CcOpt = None,
) -> None:
    """Add a unit that tasks can be assigned to. Its reminders go to --email, with a copy to
    --cc (the leader supervising it, say) besides the copies every reminder has.

    \b
    Example:
      dondoc unit add "UBND huyện Đông Anh" --code DONGANH --kind huyện \\
        --email ubnd@donganh.hanoi.gov.vn --cc pct.nguyen@hanoi.gov.vn
    """
    from dondoc.clerk import writes

    with register(ctx, write=True) as conn, db.transaction(conn):
        unit = writes.add_unit(conn, name, code, parent, email, kind, cc)
    say(ctx, Text("Unit {code} added: {name}", code=unit.code, name=unit.name))


UNIT_COLUMNS = cols("code", "name", "unit_kind", "parent", "email", "cc", "tasks:int")
ENDED_COLUMNS = cols("ended_on:date", "successor")
UNIT_DROP = ("cc", "email", "successor", "parent", "unit_kind")


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
    cc: Annotated[
        list[str] | None, typer.Option("--cc", metavar="ADDRESS",
                                       help="Copy its reminders to this address, again for "
                                       "more: the copies it has are replaced ('' for none).")
    ] = None,
    note: WhyOpt = None,
) -> None:
    """Correct a unit's name, code, kind, parent, e-mail or its copy on reminders (--cc). Each
    change is kept with its old and new value, when, by whom and why (`dondoc changes --unit
    UNIT`). These are corrections: every report, for any date, shows the new value. A unit
    that really ends, merged into another, is `unit end --successor`.

    \b
    Example:
      dondoc unit edit DONGANH --email vanthu@donganh.hanoi.gov.vn --note "địa chỉ mới"
      dondoc unit edit DONGANH --cc pct.nguyen@hanoi.gov.vn --cc tcd.dothi@hanoi.gov.vn
    """
    from dondoc.clerk import corrections
    from dondoc.cli.common import say
    from dondoc.i18n import Text

    edit = corrections.UnitEdit(name=name, code=code, kind=kind, parent=parent, email=email,
                                cc=cc)
    with register(ctx, write=True) as conn, db.transaction(conn):
        was, changes = corrections.edit_unit(conn, unit, edit, note)
    say(ctx, Text("Unit {unit} changed: {changes}", unit=was,
                  changes=corrections.describe(changes)))


@app.command("list")
def unit_list(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    show_all: Annotated[bool, typer.Option("--all", help="Ended units too.")] = False,
    no_email: Annotated[
        bool, typer.Option("--no-email", help="Only the units with no e-mail on file: those "
                           "`dondoc remind` cannot reach.")
    ] = False,
    columns: ColumnsOpt = None,
) -> None:
    """List the units as they stood on a date (default today), in Vietnamese alphabetical
    order, each with its tasks as of that date (assigned by then and not cancelled). Units that
    had ended by then are left out unless --all; --no-email lists those reminders cannot reach.

    Columns: code, name, unit_kind, parent, email, cc (copied on its reminders), tasks, and
    with --all ended_on, successor. A terminal too narrow for the table leaves out, in this
    order: cc, email, successor, parent, unit_kind.

    \b
    Examples:
      dondoc unit list --format csv
      dondoc unit list --all
      dondoc unit list --as-of 30/06/2025 --columns code,name,tasks
      dondoc unit list --no-email
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        rows = reports.unit_list(conn, day, show_all)
    if no_email:
        rows = [row for row in rows if not row["email"]]
    render(rows, UNIT_COLUMNS + (ENDED_COLUMNS if show_all else []), fmt, state(ctx).lang,
           chosen=columns, drop=UNIT_DROP)


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
    from dondoc.clerk.reorganise import end_unit
    from dondoc.cli.common import option_date
    from dondoc.dates import show_date

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
