"""dondoc stale | mine: the discipline of updating, whom to ask for news and each official's
work plan."""

from __future__ import annotations

from typing import Annotated

import typer

from dondoc import reports
from dondoc.chase import workplan
from dondoc.cli.common import (
    AsOfOpt,
    ColumnsOpt,
    DirectiveOpt,
    FormatOpt,
    UnitOpt,
    option_date,
    register_as_of,
    state,
)
from dondoc.cli.render import MACHINE, Format, cols, heading, one_element, pick, render
from dondoc.dates import show_date
from dondoc.errors import UsageError
from dondoc.i18n import Label, Text
from dondoc.register.lookup import find_directive, find_unit
from dondoc.text import vi_sort_key

STALE_DAYS = 10  # two working weeks without a word
STALE_COLUMNS = cols("unit", "unit_code::csv", "unit_email::csv", "id:int", "directive", "code",
                     "content", "leader", "officer", "due:date", "quiet_since:date",
                     "workdays_quiet:int", "last_progress")
# A narrow terminal leaves these out first, in this order (said in --help).
STALE_DROP = ("officer", "leader", "code", "last_progress")
MINE_COLUMNS = cols("section::csv", "id:int", "directive", "code", "content", "unit", "due:date",
                    "days_left:int", "leader::asked", "officer::asked", "assigned:date:asked")
MINE_DROP = ("code",)


def add_commands(root: typer.Typer) -> None:
    root.command("stale")(stale)
    root.command("mine")(mine)


def stale(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option("--days", metavar="N", min=1,
                          help=f"No progress note for N working days or more (default "
                          f"{STALE_DAYS}).")
    ] = STALE_DAYS,
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """List the open tasks (late or not) with no progress note for N working days as of a
    date, per unit, quietest first: whom to ask for an update. The quiet is counted from the
    latest progress note dated by then, or from the day the task was assigned. The same tasks
    `dondoc remind --stale N` puts in its section.

    Columns: unit, unit_code, unit_email, id, directive, code, content, leader, officer, due,
    quiet_since, workdays_quiet, last_progress. unit_code and unit_email are in csv and json.
    A terminal too narrow for the table leaves out, in this order: officer, leader, code,
    last_progress.

    \b
    Examples:
      dondoc stale --as-of 20/02/2023
      dondoc stale --days 20 --unit SXD
      dondoc stale --columns unit,unit_email,id,content,workdays_quiet --format csv
    """
    pick(STALE_COLUMNS, columns, fmt)  # a wrong column name is refused before any line shows
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        rows = reports.stale(conn, day, days, unit_id, directive_id)
    rows.sort(key=lambda row: vi_sort_key(row["unit"]))  # stable: quietest first in each unit
    lang = state(ctx).lang
    if fmt in (Format.TABLE, Format.PLAIN, Format.MARKDOWN):  # html: the table alone
        typer.echo(Text("As of {day}: open tasks with no progress for {n} working days or "
                        "more ({count})", day=show_date(day), n=days, count=len(rows)
                        ).render(lang))
    render(rows, STALE_COLUMNS, fmt, lang, chosen=columns, drop=STALE_DROP)


def mine(
    ctx: typer.Context,
    officer: Annotated[
        str | None, typer.Option("--officer", metavar="NAME",
                                 help="The specialist's name (accents and case need not match).")
    ] = None,
    leader: Annotated[
        str | None, typer.Option("--leader", metavar="NAME", help="Or the leader's.")
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """An official's work plan as of a date: the open tasks they answer for as leader or as
    specialist, in sections: late, due this week (to Sunday), this month, this quarter. Each
    task is in the first section it fits; those due later or with no deadline are counted in a
    last line. The name is found as units are: accents and case folded, a whole name first,
    then a unique part of one (`--officer "tran van nam"`). `completion --by officer` gives
    the rates.

    Columns: section (in csv and json: late, this_week, this_month, this_quarter), id,
    directive, code, content, unit, due, days_left (negative when late), and on request
    leader, officer, assigned. A terminal too narrow leaves out code.

    \b
    Examples:
      dondoc mine --officer "Phạm Tuấn Anh" --as-of 20/02/2023
      dondoc mine --leader "tran dinh canh" --format markdown
      dondoc mine --officer "Tuấn Anh" --format csv > viec-cua-toi.csv
    """
    if (officer is None) == (leader is None):
        raise UsageError("give --officer NAME or --leader NAME (one of them)")
    role: workplan.Role = "officer" if officer is not None else "leader"
    pick(MINE_COLUMNS, columns, fmt)
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        plan = workplan.work_plan(conn, day, role, officer or leader or "")
    lang = state(ctx).lang
    if fmt in MACHINE:
        render(plan.rows, MINE_COLUMNS, fmt, lang, chosen=columns)
        return
    with one_element(fmt):  # html: one fragment, headings and tables
        _plan(plan, fmt, lang, columns)


def _plan(plan: workplan.WorkPlan, fmt: Format, lang: str, columns: str | None) -> None:
    """The work plan for people: a heading, then each section's heading and table."""
    heading(Text("Work plan of {name} ({role}) as of {day}", name=plan.name,
                 role=Label(f"{plan.role}:f"), day=show_date(plan.as_of)).render(lang), fmt)
    after_table = False
    for section in workplan.SECTIONS:
        rows = [row for row in plan.rows if row["section"] == section]
        n, end = len(rows), show_date(plan.ends.get(section))
        title = {"late": Text("Late ({n})", n=n),
                 "this_week": Text("Due this week, to {end} ({n})", n=n, end=end),
                 "this_month": Text("Due this month, to {end} ({n})", n=n, end=end),
                 "this_quarter": Text("Due this quarter, to {end} ({n})", n=n, end=end)}
        _part(fmt, after_table)
        heading(title[section].render(lang), fmt)
        if rows:
            render(rows, MINE_COLUMNS, fmt, lang, chosen=columns, drop=MINE_DROP)
        after_table = bool(rows)
    if plan.later:
        _part(fmt, after_table)
        later = ("And {n} open task due after {end} or with no deadline" if plan.later == 1
                 else "And {n} open tasks due after {end} or with no deadline")
        heading(Text(later, n=plan.later, end=show_date(plan.ends["this_quarter"])).render(lang),
                fmt)


def _part(fmt: Format, after_table: bool) -> None:
    """The blank line before a section's heading: a markdown heading paragraph ends with one
    already, a markdown table does not (the heading would be read as its last row)."""
    if fmt in (Format.TABLE, Format.PLAIN) or (fmt is Format.MARKDOWN and after_table):
        typer.echo()
