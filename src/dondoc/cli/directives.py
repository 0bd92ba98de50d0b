"""dondoc directive add | list | show | edit"""

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
from dondoc.cli.render import (
    TASK_COLUMNS,
    TASK_DROP,
    Format,
    cols,
    dump_json,
    one_element,
    pick,
    project,
    render,
    render_record,
)
from dondoc.dates import show_date
from dondoc.i18n import Text
from dondoc.register import db
from dondoc.register.lookup import find_directive

app = typer.Typer(help="Directives: the documents that assign tasks.\n\n\b\nExamples:\n"
                  '  dondoc directive add "847/QĐ-UBND" --issued 14/02/2023 --title "..."\n'
                  "  dondoc directive show 847/QD-UBND --as-of 20/02/2023",
                  no_args_is_help=True)


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
    from dondoc.clerk import writes

    issued_on = option_date("--issued", issued)
    with register(ctx, write=True) as conn, db.transaction(conn):
        directive = writes.add_directive(conn, number, issued_on, title, issuer, signer)
    say(ctx, Text("Directive {number} added: issued {issued}", number=directive.number,
                  issued=show_date(issued_on)))


@app.command("edit")
def directive_edit(
    ctx: typer.Context,
    directive: Annotated[str, typer.Argument(help="Its number; `847/QD-UBND` finds it.")],
    number: Annotated[str | None, typer.Option("--number", help="Its number-symbol.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="What it is about.")] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", help="Who issued it ('' for none).")
    ] = None,
    signer: Annotated[
        str | None, typer.Option("--signer", help="Who signed it ('' for none).")
    ] = None,
    issued: Annotated[
        str | None, typer.Option("--issued", metavar="DATE", help="Date it was signed.")
    ] = None,
    note: WhyOpt = None,
) -> None:
    """Correct a directive's number, title, issuer, signer or signing date. Each change is kept
    with its old and new value, when, by whom and why (`dondoc changes --directive NUMBER`);
    every report shows the new value. Its tasks keep their assigned dates.

    \b
    Example:
      dondoc directive edit 847/QD-UBND --signer "Trần Sỹ Thanh" --note "nhập thiếu"
    """
    from dondoc.clerk import corrections
    from dondoc.cli.common import optional_date, say
    from dondoc.i18n import Text

    edit = corrections.DirectiveEdit(number=number, title=title, issuer=issuer, signer=signer,
                                     issued=optional_date("--issued", issued))
    with register(ctx, write=True) as conn, db.transaction(conn):
        was, changes = corrections.edit_directive(conn, directive, edit, note)
    say(ctx, Text("Directive {number} changed: {changes}", number=was,
                  changes=corrections.describe(changes)))


DIRECTIVE_COLUMNS = cols("number", "issued:date", "title", "issuer", "signer", "tasks:int")
DIRECTIVE_DROP = ("signer", "issuer")


@app.command("list")
def directive_list(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """List the directives issued by a date (default today), oldest first, each with the
    number of its tasks as of that date (assigned by then and not cancelled).

    Columns: number, issued, title, issuer, signer, tasks. A terminal too narrow for the table
    leaves out, in this order: signer, issuer.

    \b
    Examples:
      dondoc directive list --format json
      dondoc directive list --as-of 31/01/2023 --columns number,tasks
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        rows = reports.directive_list(conn, day)
    render(rows, DIRECTIVE_COLUMNS, fmt, state(ctx).lang, chosen=columns, drop=DIRECTIVE_DROP)


@app.command("show")
def directive_show(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="Its number; `847/QD-UBND` finds 847/QĐ-UBND.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """Show a directive and the status of each of its tasks.

    Task columns as `task list`: id, directive, code, content, unit, due, status, and on request
    leader, officer, assigned, done_on. A terminal too narrow for the table leaves out: code.
    `--format csv` writes the tasks alone (one table); json has everything; html is one <div>:
    the directive as a <dl>, then the table of its tasks.

    \b
    Examples:
      dondoc directive show 847/QD-UBND --as-of 20/02/2023
      dondoc directive show 847/QD-UBND --columns code,content,unit,status
      dondoc directive show 847/QD-UBND --format markdown
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:  # the recurring instances up to `day`, as task list
        found = find_directive(conn, number)
        detail = reports.directive_detail(conn, found.id)
        detail["tasks"] = reports.task_list(conn, day, directive_id=found.id)
    lang = state(ctx).lang
    if fmt is Format.JSON:
        if columns is not None:
            detail["tasks"] = project(detail["tasks"], pick(TASK_COLUMNS, columns, fmt))
        dump_json(detail)
        return
    pick(TASK_COLUMNS, columns, fmt)  # an unknown column is refused before anything shows
    with one_element(fmt):  # html: one fragment, record and table
        if fmt is not Format.CSV:  # csv is one table, as a spreadsheet reads it: the tasks
            render_record(detail, DIRECTIVE_COLUMNS[:-1], lang, fmt)
            typer.echo()
        render(detail["tasks"], TASK_COLUMNS, fmt, lang, chosen=columns, drop=TASK_DROP)
