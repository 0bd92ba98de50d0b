"""dondoc task add | list | show, and the events: progress, done, extend, cancel, reopen."""

from datetime import date
from typing import Annotated

import typer

from dondoc import db, reports
from dondoc.cli.common import (
    AsOfOpt,
    DirectiveOpt,
    FormatOpt,
    NoteOpt,
    OnOpt,
    RefOpt,
    UnitOpt,
    option_date,
    optional_date,
    register,
    register_as_of,
    state,
)
from dondoc.cli.render import Format, cols, dump_json, render, render_record
from dondoc.errors import InvalidValue
from dondoc.lookup import find_directive, find_task, find_unit
from dondoc.status import EventKind, Status

app = typer.Typer(help="Tasks: what a directive assigns, to whom, by when.", no_args_is_help=True)

TaskArg = Annotated[
    str, typer.Argument(metavar="TASK", help="Its id (12) or DIRECTIVE#CODE (847/QĐ-UBND#3).")
]

TASK_COLUMNS = cols("id:int", "directive", "code", "content", "unit", "due:date", "status:status")


@app.command("add")
def task_add(
    ctx: typer.Context,
    directive: Annotated[str, typer.Argument(help="The directive that assigns it.")],
    content: Annotated[str, typer.Argument(help="What is to be done.")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="The lead unit (code or name).")],
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE|PERIOD",
                                 help="Deadline: a date, or a period after the assigned date: "
                                 "10wd or '10 ngày làm việc', 30d or '30 ngày'. None: a "
                                 "standing task.")
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Its number in the directive (default: next).")
    ] = None,
    co_unit: Annotated[
        list[str] | None, typer.Option("--co-unit", help="A supporting unit; repeatable.")
    ] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="Leader in charge.")] = None,
    officer: Annotated[str | None, typer.Option("--officer", help="Officer following it.")] = None,
    assigned: Annotated[
        str | None,
        typer.Option("--assigned", metavar="DATE", help="Default: the directive's date."),
    ] = None,
    every: Annotated[
        str | None, typer.Option("--every", metavar="month|quarter|half-year|year",
                                 help="A recurring task: one instance per period.")
    ] = None,
    day: Annotated[
        int | None, typer.Option("--day", metavar="N", help="With --every: due on day N of "
                                 "the period's last month (default: its last day).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE",
                                 help="With --every: no period begins after this day.")
    ] = None,
) -> None:
    """Assign a task from a directive to a lead unit.

    A period counts working days as the law does: the assigned day is not counted, and
    weekends, Tết and the other public holidays (with the government's swapped days) are
    skipped (see `dondoc calendar show`). A deadline that falls on a day off moves to the next
    working day; the task keeps the deadline as written beside the date it gives.

    \b
    Examples:
      dondoc task add "847/QĐ-UBND" "Báo cáo tiến độ giải phóng mặt bằng" \\
        --unit DONGANH --due 15/03/2023 --co-unit SXD --leader "Nguyễn Văn A"
      dondoc task add "847/QĐ-UBND" "Rà soát hồ sơ" --unit SXD --due "10 ngày làm việc"
      dondoc task add 5/KH-UBND "Báo cáo quý" --unit SXD --every quarter --day 15

    A recurring task (--every) is one task per period, coded by it (5/2023-Q1, 5/2023-Q2 ...),
    each with its own deadline and status; reports create the instances up to their date.
    """
    from dondoc import services
    from dondoc.workdays import parse_period

    if every is not None:
        if due is not None:
            raise InvalidValue("--due goes with one task; a recurring one is due by --day",
                               "drop --due")
        with register(ctx) as conn, db.orm_session(conn) as session:
            made = services.add_recurring(
                session, directive, content, unit, every, date.today(), day,
                optional_date("--until", until), code, leader, officer,
                optional_date("--assigned", assigned))
        typer.echo(f"{made.ref}/...")
        return

    period = parse_period(due) if due else None
    due_on = None if period else optional_date("--due", due)
    assigned_on = optional_date("--assigned", assigned)
    with register(ctx) as conn, db.orm_session(conn) as session:
        task = services.add_task(session, directive, content, unit, due_on, code, co_unit,
                                 leader, officer, assigned_on, period=period, due_text=due)
    typer.echo(f"{task.id}\t{task.ref}")


def _statuses(values: list[str] | None) -> tuple[Status, ...]:
    groups = {"done": (Status.DONE_ON_TIME, Status.DONE_LATE),
              "open": (Status.OPEN_ON_TIME, Status.OPEN_OVERDUE),
              "overdue": (Status.OPEN_OVERDUE,), "late": (Status.DONE_LATE, Status.OPEN_OVERDUE)}
    chosen: list[Status] = []
    for value in values or []:
        if value in groups:
            chosen.extend(groups[value])
        elif value in set(Status):
            chosen.append(Status(value))
        else:
            raise InvalidValue("--status: unknown status {value!r}", "use {choices}",
                               value=value, choices=", ".join([*Status, *groups]))
    return tuple(chosen)


@app.command("list")
def task_list(
    ctx: typer.Context,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", "-s", help="done_on_time, done_late, open_on_time, "
                     "open_overdue, or done, open, overdue, late; repeatable."),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List tasks with their status as of a date.

    \b
    Example:
      dondoc task list --unit "dong anh" --status open --as-of 20/02/2023
    """
    day = option_date("--as-of", as_of)
    wanted = _statuses(status)
    with register_as_of(ctx, day) as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        rows = reports.task_list(conn, day, unit_id, directive_id, wanted)
    render(rows, TASK_COLUMNS, fmt, state(ctx).lang)


SHOW_COLUMNS = cols("id:int", "directive", "code", "content", "unit", "co_units:list", "leader",
                    "officer", "assigned:date", "due_rule", "original_due:date",
                    "extensions:extensions", "due:date", "done_on:date",
                    "status:status")
HISTORY_COLUMNS = cols("on:date", "kind:kind", "note", "ref", "percent:int", "new_due:date",
                       "recorded_at")


@app.command("show")
def task_show(
    ctx: typer.Context, task: TaskArg, as_of: AsOfOpt = None, fmt: FormatOpt = Format.TABLE
) -> None:
    """Show a task, its status as of a date, and its whole history.

    \b
    Example:
      dondoc task show "847/QĐ-UBND#3" --as-of 20/02/2023
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        detail = reports.task_detail(conn, find_task(conn, task), day)
    lang = state(ctx).lang
    if fmt is Format.JSON:
        dump_json(detail)
        return
    render_record(detail, SHOW_COLUMNS, lang)
    typer.echo()
    render(detail["history"], HISTORY_COLUMNS, fmt, lang)


def _record(ctx: typer.Context, task: str, kind: EventKind, on: str | None, **fields: object
            ) -> None:
    from dondoc import services

    today = date.today()
    day = option_date("--on", on, today)
    with register(ctx) as conn, db.orm_session(conn) as session:
        services.record(session, task, kind, day, today, **fields)  # type: ignore[arg-type]


def add_commands(root: typer.Typer) -> None:
    """The event commands sit at the top level: `dondoc done 12` is what a clerk types."""

    @root.command("progress")
    def progress(
        ctx: typer.Context,
        task: TaskArg,
        note: Annotated[str, typer.Argument(help="What has been done so far.")],
        on: OnOpt = None,
        percent: Annotated[
            int | None, typer.Option("--percent", min=0, max=100, help="How far along, 0-100.")
        ] = None,
        ref: RefOpt = None,
    ) -> None:
        """Record progress on a task (appended to its history).

        \b
        Example:
          dondoc progress 12 "Đã họp với các phòng chuyên môn" --on 16/02/2023 --percent 40
        """
        _record(ctx, task, EventKind.PROGRESS, on, note=note, percent=percent, ref=ref)

    @root.command("done")
    def done(ctx: typer.Context, task: TaskArg, on: OnOpt = None, ref: RefOpt = None,
             note: NoteOpt = None) -> None:
        """Record that a task was completed, on the day it really was.

        A task done already is reopened first. Like extend, cancel and reopen, it is never
        dated before the task's latest such event: that would rewrite reports already given.

        \b
        Example:
          dondoc done "847/QĐ-UBND#3" --on 10/03/2023 --ref "Báo cáo số 12/BC-SXD"
        """
        _record(ctx, task, EventKind.DONE, on, ref=ref, note=note)

    @root.command("extend")
    def extend(
        ctx: typer.Context,
        task: TaskArg,
        to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new deadline.")],
        on: Annotated[
            str | None, typer.Option("--on", metavar="DATE", help="Day it was granted.")
        ] = None,
        ref: RefOpt = None,
        note: NoteOpt = None,
    ) -> None:
        """Extend a task's deadline (gia hạn); it counts from the day it was granted.

        A done task is reopened first: its completion is judged against the deadline in force
        on the day it was completed. Never dated before the task's latest done, extend, cancel
        or reopen.

        \b
        Example:
          dondoc extend 12 --to 31/03/2023 --on 14/03/2023 --ref "Công văn số 45/UBND-KT"
        """
        new_due = option_date("--to", to)
        _record(ctx, task, EventKind.EXTEND, on, new_due=new_due, ref=ref, note=note)

    @root.command("cancel")
    def cancel(ctx: typer.Context, task: TaskArg, on: OnOpt = None, ref: RefOpt = None,
               note: NoteOpt = None) -> None:
        """Cancel a task: from that day it leaves the counts.

        Never dated before the task's latest done, extend, cancel or reopen.

        \b
        Example:
          dondoc cancel 12 --on 01/03/2023 --ref "Công văn số 50/UBND-TH"
        """
        _record(ctx, task, EventKind.CANCEL, on, ref=ref, note=note)

    @root.command("reopen")
    def reopen(ctx: typer.Context, task: TaskArg, on: OnOpt = None, note: NoteOpt = None
               ) -> None:
        """Reopen a done or cancelled task: open again from that day.

        Never dated before the task's latest done, extend, cancel or reopen.

        \b
        Example:
          dondoc reopen 12 --on 20/03/2023 --note "Báo cáo chưa đạt yêu cầu"
        """
        _record(ctx, task, EventKind.REOPEN, on, note=note)
