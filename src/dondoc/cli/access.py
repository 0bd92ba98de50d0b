"""dondoc access grant | revoke | list: units' logins on a shared PostgreSQL register."""

from dataclasses import asdict
from typing import Annotated

import typer

from dondoc.cli.common import FormatOpt, register, say, state
from dondoc.cli.render import Format, cols, render
from dondoc.i18n import Text

ACCESS_COLUMNS = cols("login", "unit", "reads:kind", "granted_at:moment", "granted_by")

app = typer.Typer(
    help="Who writes what on a register shared on a PostgreSQL server: each unit's login "
    "records progress and completions on its own unit's tasks, and nothing else; the server "
    "enforces it, whatever program connects.\n\n\b\nExamples:\n"
    "  dondoc access grant DONGANH donganh\n"
    "  dondoc access grant VANNOI vannoi --own-only\n"
    "  dondoc access list\n"
    "  dondoc access revoke vannoi",
    no_args_is_help=True)

LoginArg = Annotated[str, typer.Argument(metavar="LOGIN", help="The unit's login on the "
                                         "server (made by its administrator).")]


@app.command("grant")
def grant(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(metavar="UNIT", help="The unit (code or name).")],
    login: LoginArg,
    own_only: Annotated[bool, typer.Option("--own-only", help="It reads only its unit's "
                                           "tasks (default: the whole register).")] = False,
) -> None:
    """Let a unit's login record progress and completions on the tasks its unit leads, and
    read the register (or only its own tasks). Run it as the office's login; granting again
    replaces what the login had.

    \b
    Examples:
      dondoc --db postgresql://office@db.hanoi.gov.vn/dondoc access grant DONGANH donganh
      dondoc access grant VANNOI vannoi --own-only
    """
    from dondoc.register import access

    with register(ctx, write=True) as conn:
        given = access.grant(conn, unit, login, own_only)
    say(ctx, Text("{login} may now record progress and completions for {unit}, and read "
                  "only its tasks", login=given.login, unit=given.unit) if own_only else
        Text("{login} may now record progress and completions for {unit}",
             login=given.login, unit=given.unit))


@app.command("revoke")
def revoke(ctx: typer.Context, login: LoginArg) -> None:
    """Take every right on the register from a unit's login. What it recorded stays, with its
    name.

    \b
    Example:
      dondoc access revoke vannoi
    """
    from dondoc.register import access

    with register(ctx, write=True) as conn:
        taken = access.revoke(conn, login)
    say(ctx, Text("{login} no longer has access (it wrote for {unit})", login=taken.login,
                  unit=taken.unit))


@app.command("list")
def access_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """The units' logins: which unit each writes for, whether it reads only its own tasks,
    when and by whom it was granted.

    \b
    Example:
      dondoc access list --format csv
    """
    from dondoc.register import access

    with register(ctx) as conn:
        rows = [{**asdict(g), "reads": "own_tasks" if g.own_only else "whole_register"}
                for g in access.grants(conn)]
    render(rows, ACCESS_COLUMNS, fmt, state(ctx).lang)
