"""dondoc overdue | completion: the two tables a clerk lives by."""

from enum import StrEnum
from typing import Annotated

import typer

from dondoc import reports
from dondoc.cli.common import (
    AsOfOpt,
    ColumnsOpt,
    DirectiveOpt,
    FormatOpt,
    MinDaysOpt,
    UnitOpt,
    option_date,
    optional_date,
    register_as_of,
    state,
)
from dondoc.cli.render import Column, Format, bar_chart, cols, pick, render
from dondoc.dates import show_date
from dondoc.errors import ExitStatus, InvalidValue
from dondoc.i18n import t
from dondoc.register.lookup import find_directive, find_unit

HUMAN = (Format.TABLE, Format.PLAIN, Format.MARKDOWN)

# The unit's code and e-mail are for scripts that mail each unit (csv, json, or --columns);
# the deadline's history only when --columns asks for it (json has it all).
_DEADLINE = ("assigned:date:asked", "original_due:date:asked", "due_rule::asked",
             "extensions:extensions:asked")
OVERDUE_COLUMNS = cols("id:int", "directive", "code", "content", "unit", "unit_code::csv",
                       "unit_email::csv", "leader", "officer", "due:date", "days_overdue:int",
                       "workdays_overdue:int", "last_progress", "reminders:int", *_DEADLINE)
# A narrow terminal leaves these out first, in this order (said in each command's --help).
OVERDUE_DROP = ("reminders", "officer", "leader", "workdays_overdue", "last_progress", "code")
DUE_COLUMNS = cols("id:int", "directive", "code", "content", "unit", "unit_code::csv",
                   "unit_email::csv", "leader", "officer", "due:date", "days_left:int",
                   "workdays_left:int", "last_progress", *_DEADLINE)
DUE_DROP = ("officer", "leader", "workdays_left", "last_progress", "code")
SUMMARY_COLUMNS = cols("unit", "total:int", "late_1_30:int", "late_31_90:int",
                       "late_91_120:int", "late_over_120:int")
COUNT_COLUMNS = cols("total:int", "done_on_time:int", "done_late:int", "open_on_time:int",
                     "open_overdue:int", "rate_total:rate", "rate_due:rate", "recorded_late:int")
COMPLETION_DROP = ("rate_total", "open_on_time")


class By(StrEnum):
    """--by: what each row of the completion table counts (reports.GROUP_BYS)."""

    UNIT = "unit"
    DIRECTIVE = "directive"
    LEADER = "leader"
    OFFICER = "officer"


GROUP_BY: dict[By, reports.GroupBy] = {By(group): group for group in reports.GROUP_BYS}


class Against(StrEnum):
    """--against: the deadline a completion is judged by."""

    CURRENT = "current"  # the one in force, extensions counted
    ORIGINAL = "original"  # the first one, extensions ignored


def due(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option("--within", metavar="N", min=0,
                          help="Due within N days (default 3).")
    ] = 3,
    working: Annotated[
        bool, typer.Option("--workdays/--days",
                           help="Count N in working days (default) or calendar days.")
    ] = True,
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """List the open tasks due soon, nearest first: what to chase before it is late.

    Columns: id, directive, code, content, unit, unit_code, unit_email, leader, officer, due,
    days_left, workdays_left, last_progress, and on request assigned, original_due, due_rule,
    extensions. unit_code and unit_email are in csv and json. A terminal too narrow for the
    table leaves out, in this order: officer, leader, workdays_left, last_progress, code.

    \b
    Examples:
      dondoc due                      # due within 3 working days
      dondoc due --within 10 --days --unit SXD
      dondoc due --columns id,content,unit,unit_email,due --format csv
    """
    from datetime import timedelta

    from dondoc.deadlines import workdays

    pick(DUE_COLUMNS, columns, fmt)  # a wrong column name is refused before any line shows
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        until = (workdays.working_days_after(conn, day, within) if working
                 else day + timedelta(days=within))
        rows = reports.due_soon(conn, day, until, unit_id, directive_id)
    lang = state(ctx).lang
    if fmt in HUMAN:
        typer.echo(t("due_until", lang).format(d=show_date(day), u=show_date(until)))
    render(rows, DUE_COLUMNS, fmt, lang, chosen=columns, drop=DUE_DROP)


def add_commands(root: typer.Typer) -> None:
    root.command("overdue")(overdue)
    root.command("due")(due)
    root.command("completion")(completion)


def overdue(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    fmt: FormatOpt = Format.TABLE,
    quiet_if_none: Annotated[
        bool, typer.Option("--quiet-if-none", help="Print nothing when nothing is overdue.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit with status 3 when anything is overdue.")
    ] = False,
    min_days: MinDaysOpt = 0,
    summary: Annotated[
        bool, typer.Option("--summary", help="Count them per unit: 1-30, 31-90, 91-120 and "
                           "over 120 days late.")
    ] = False,
    columns: ColumnsOpt = None,
) -> None:
    """List the tasks overdue as of a date, most days overdue first, late by calendar days and
    by working days (weekends, holidays and swapped days left out: `dondoc calendar show`).

    For cron: `--quiet-if-none` prints nothing when nothing is late (so no empty mail), and
    `--check` makes the exit status 3 when something is.

    Columns: id, directive, code, content, unit, unit_code, unit_email, leader, officer, due,
    days_overdue, workdays_overdue, last_progress, reminders (times chased by `dondoc
    remind` by then), and on request assigned, original_due, due_rule, extensions. unit_code
    and unit_email (to mail each unit) are in csv and json. A terminal too narrow for the
    table leaves out, in this order: reminders, officer, leader, workdays_overdue,
    last_progress, code. On a terminal days late are coloured by bucket
    (1-30, 31-90, 91-120, over 120), never with NO_COLOR or in a pipe or file.

    \b
    Examples:
      dondoc overdue --as-of 20/02/2023
      dondoc overdue --unit SXD --format csv > sxd.csv
      dondoc overdue --columns unit,unit_email,id,content,days_overdue --format csv
      dondoc overdue --min-days 30 --summary
      dondoc overdue --quiet-if-none --format plain | mail -E -s "Quá hạn" vanthu@example.vn
    """
    pick(SUMMARY_COLUMNS if summary else OVERDUE_COLUMNS, columns, fmt)  # refused first
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        rows = reports.overdue(conn, day, unit_id, directive_id, min_days)
    lang = state(ctx).lang
    if summary:
        if fmt in HUMAN:
            typer.echo(t("as_of", lang).format(d=show_date(day)))
        render(reports.overdue_summary(rows), SUMMARY_COLUMNS, fmt, lang, chosen=columns)
        if check and rows:
            raise typer.Exit(int(ExitStatus.OVERDUE))
        return
    if rows or not quiet_if_none:
        if not rows and fmt in HUMAN:
            typer.echo(t("no_overdue", lang).format(d=show_date(day)))
        else:
            if fmt in HUMAN:
                typer.echo(t("as_of", lang).format(d=show_date(day)))
            render(rows, OVERDUE_COLUMNS, fmt, lang, chosen=columns, drop=OVERDUE_DROP)
    if check and rows:
        raise typer.Exit(int(ExitStatus.OVERDUE))


def completion(
    ctx: typer.Context,
    by: Annotated[
        By, typer.Option("--by", "-b", metavar="unit|directive|leader|officer",
                         help="What each row counts.")
    ] = By.UNIT,
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE",
                                 help="Tasks assigned on or after (no later than --to).")
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="Tasks assigned on or before; also the "
                     "default --as-of."),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    against: Annotated[
        Against, typer.Option("--against", metavar="current|original",
                              help="Judge by the deadline in force (default), or by the "
                              "original one, extensions ignored.")
    ] = Against.CURRENT,
    tree: Annotated[
        bool, typer.Option("--tree", help="With --by unit: roll communes up into their "
                           "district or province, each row a subtotal.")
    ] = False,
    grace: Annotated[
        int, typer.Option("--grace", metavar="N", min=0,
                          help="A completion recorded more than N working days after the day "
                          "it happened was recorded late (default 2).")
    ] = reports.GRACE_WORKDAYS,
    columns: ColumnsOpt = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Bars instead of the table: each row's on-time "
                           "rate (done on time / due) and its open overdue tasks.")
    ] = False,
) -> None:
    """The standard completion table, with a total row: per unit (or directive, leader,
    officer) the tasks done on time, done late, open on time, open overdue, and two rates:
    done / total, and done / due (due = done + open overdue).

    recorded_late counts the tasks done whose completion was recorded in the register more
    than --grace working days after the day it happened ("done but not recorded"), counting
    only what was recorded by --as-of, so a past day's table stays as it was.

    --chart draws, instead of the table, each row's on-time rate (done on time / due) and its
    open overdue tasks as bars: the chart of `dondoc disclose`, on a terminal. It goes with
    --format table or plain only.

    Columns: unit (or directive, leader, officer), total, done_on_time, done_late,
    open_on_time, open_overdue, rate_total, rate_due, recorded_late. A terminal too narrow for
    the table leaves out, in this order: rate_total, open_on_time.

    \b
    Examples:
      dondoc completion --as-of 31/03/2023
      dondoc completion --by leader --from 01/01/2023 --to 31/03/2023 --format markdown
      dondoc completion --as-of 31/03/2023 --against original
      dondoc completion --by unit --tree
      dondoc completion --columns unit,open_overdue,rate_due
      dondoc completion --as-of 31/03/2023 --grace 5 --columns unit,done_late,recorded_late
      dondoc completion --as-of 31/03/2023 --chart
    """
    group = GROUP_BY[by]
    if chart and (columns is not None or fmt not in (Format.TABLE, Format.PLAIN)):
        raise InvalidValue("--chart draws bars for a screen: it does not go with {option}",
                           "drop --chart for the table, or drop {option}",
                           option="--columns" if columns is not None else f"--format {fmt.value}")
    pick([Column(group), *COUNT_COLUMNS], columns, fmt)  # a wrong name: refused before any line
    start, end = optional_date("--from", date_from), optional_date("--to", date_to)
    if start and end and start > end:
        raise InvalidValue("--from {start} is after --to {end}: no task can be assigned between",
                           "give --from on or before --to", start=show_date(start),
                           end=show_date(end))
    day = option_date("--as-of", as_of, default=end)
    with register_as_of(ctx, day) as conn:
        rows = reports.completion(conn, day, group, start, end, against is Against.ORIGINAL,
                                  grace)
        if tree:
            if by is not By.UNIT:
                raise InvalidValue("--tree goes with --by unit", "drop --tree or use --by unit")
            rows = reports.unit_tree(conn, rows)
    lang = state(ctx).lang
    if tree and fmt not in (Format.JSON, Format.CSV):
        for row in rows:
            row["unit"] = "  " * row["level"] + row["unit"]
    for row in rows:
        if row[group] is None:
            row[group] = None if fmt in (Format.JSON, Format.CSV) else t("none_recorded", lang)
    total = reports.total_row(rows, group) if fmt not in (Format.JSON, Format.CSV) else None
    if fmt in HUMAN:
        typer.echo(t("as_of", lang).format(d=show_date(day)))
    if chart:  # the same bars as the public list's chart (dondoc disclose), on a terminal
        bar_chart(rows, group, lang)
        return
    render(rows, [Column(group), *COUNT_COLUMNS], fmt, lang, total=total, chosen=columns,
           drop=COMPLETION_DROP)
