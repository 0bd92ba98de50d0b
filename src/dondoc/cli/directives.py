"""dondoc directive add | list | show"""

from typing import Annotated

import typer

from dondoc import db, reports
from dondoc.cli.common import AsOfOpt, FormatOpt, option_date, register, register_as_of, state
from dondoc.cli.render import Format, cols, dump_json, render, render_record
from dondoc.cli.tasks import TASK_COLUMNS
from dondoc.lookup import find_directive

app = typer.Typer(help="Directives: the documents that assign tasks.", no_args_is_help=True)


@app.command("add")
def directive_add(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help='Its number-symbol, e.g. "847/QĐ-UBND".')],
    issued: Annotated[str, typer.Option("--issued", metavar="DATE", help="Date it was signed.")],
    title: Annotated[str, typer.Option("--title", help="What it is about (trích yếu).")] = "",
    issuer: Annotated[str | None, typer.Option("--issuer", help="Who issued it.")] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Who signed it.")] = None,
) -> None:
    """Record a directive (decision, plan, notice, official letter).

    \b
    Example:
      dondoc directive add "847/QĐ-UBND" --issued 14/02/2023 \\
        --title "Thành lập Tổ công tác đôn đốc" --issuer "UBND TP Hà Nội" --signer "Trần Sỹ Thanh"
    """
    from dondoc import services

    issued_on = option_date("--issued", issued)
    with register(ctx) as conn, db.orm_session(conn) as session:
        directive = services.add_directive(session, number, issued_on, title, issuer, signer)
        typer.echo(directive.number)


DIRECTIVE_COLUMNS = cols("number", "issued:date", "title", "issuer", "signer", "tasks:int")


@app.command("list")
def directive_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List the directives, oldest first.

    \b
    Example:
      dondoc directive list --format json
    """
    with register(ctx) as conn:
        rows = reports.directive_list(conn)
    render(rows, DIRECTIVE_COLUMNS, fmt, state(ctx).lang)


@app.command("show")
def directive_show(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="Its number; `847/QD-UBND` finds 847/QĐ-UBND.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Show a directive and the status of each of its tasks.

    \b
    Example:
      dondoc directive show 847/QD-UBND --as-of 20/02/2023
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:  # the recurring instances up to `day`, as task list
        found = find_directive(conn, number)
        detail = reports.directive_detail(conn, found.id)
        detail["tasks"] = reports.task_list(conn, day, directive_id=found.id)
    lang = state(ctx).lang
    if fmt is Format.JSON:
        dump_json(detail)
        return
    render_record(detail, DIRECTIVE_COLUMNS[:-1], lang)
    typer.echo()
    render(detail["tasks"], TASK_COLUMNS, fmt, lang)
