"""dondoc task add | list | show | edit | void, and the corrections at the top level: void (an
event), changes. The events themselves (progress, done ...) are cli/events.py's."""

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dondoc import reports
from dondoc.cli.common import (
    AsOfOpt,
    ColumnsOpt,
    DirectiveOpt,
    FormatOpt,
    TaskArg,
    UnitOpt,
    WhyOpt,
    option_date,
    optional_date,
    register,
    register_as_of,
    say,
    state,
)
from dondoc.cli.render import (
    TASK_COLUMNS,
    TASK_DROP,
    Column,
    Format,
    cols,
    dump_json,
    heading,
    one_element,
    pick,
    project,
    render,
    render_record,
)
from dondoc.dates import show_date
from dondoc.errors import InvalidValue
from dondoc.i18n import Label, Text
from dondoc.register import db
from dondoc.register.lookup import find_directive, find_task, find_unit
from dondoc.register.status import Status

if TYPE_CHECKING:
    from dondoc.clerk import writes

app = typer.Typer(help="Tasks: what a directive assigns, to whom, by when.\n\n\b\nExamples:\n"
                  '  dondoc task add "847/QĐ-UBND" "Rà soát hồ sơ" --unit SXD --due 10wd\n'
                  "  dondoc task list --status overdue\n"
                  '  dondoc task show "847/QĐ-UBND#3"',
                  no_args_is_help=True)


class Every(StrEnum):
    """--every: the period of a recurring task (deadlines.recurring.MONTHS)."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    YEAR = "year"


class Wanted(StrEnum):
    """--status: a status (register.status.Status), or a group of them."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_ON_TIME = "open_on_time"
    OPEN_OVERDUE = "open_overdue"
    DONE = "done"
    OPEN = "open"
    OVERDUE = "overdue"
    LATE = "late"


STATUS_GROUPS = {Wanted.DONE: (Status.DONE_ON_TIME, Status.DONE_LATE),
                 Wanted.OPEN: (Status.OPEN_ON_TIME, Status.OPEN_OVERDUE),
                 Wanted.OVERDUE: (Status.OPEN_OVERDUE,),
                 Wanted.LATE: (Status.DONE_LATE, Status.OPEN_OVERDUE)}


@app.command("add")
def task_add(
    ctx: typer.Context,
    directive: Annotated[str, typer.Argument(help="The directive that assigns it.")],
    content: Annotated[str, typer.Argument(help="What is to be done.")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="The lead unit (code or name).")],
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE|PERIOD",
                                 help="Deadline: a date, or a period after the assigned date: "
                                 "10wd or '10 ngày làm việc', 30d or '30 ngày' (at most "
                                 "2000wd or 3650d; years 1945-2100). None: a standing task.")
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
        Every | None, typer.Option("--every", metavar="month|quarter|half-year|year",
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
    each with its own deadline and status; reports create the instances up to their date. An
    instance due on a day off moves to the next working day, as a plain deadline does.
    """
    from dondoc.clerk import writes
    from dondoc.deadlines.workdays import parse_period

    if every is not None:
        if due is not None:
            raise InvalidValue("--due goes with one task; a recurring one is due by --day",
                               "drop --due")
        with register(ctx, write=True) as conn, db.transaction(conn):
            made = writes.add_recurring(
                conn, directive, content, unit, every.value, date.today(), day,
                optional_date("--until", until), code, leader, officer,
                optional_date("--assigned", assigned))
        say(ctx, Text("Recurring task {ref} added: one task every {every}, from {start}",
                      ref=made.ref, every=Text(every.value), start=show_date(made.assigned)))
        return

    period = parse_period(due) if due else None
    due_on = None if period else optional_date("--due", due)
    assigned_on = optional_date("--assigned", assigned)
    with register(ctx, write=True) as conn, db.transaction(conn):
        task = writes.add_task(conn, directive, content, unit, due_on, code, co_unit,
                                 leader, officer, assigned_on, period=period, due_text=due)
    say(ctx, _added(task))


def _added(task: "writes.NewTask") -> Text:
    """Task 847/QĐ-UBND#1 (id 12) added: due 28/10/2026 (10 working days from 14/10/2026)."""
    from dondoc.deadlines.workdays import explained

    if task.due is None:
        return Text("Task {ref} (id {id}) added: no deadline (a standing task)", ref=task.ref,
                    id=task.id)
    how = explained(task.assigned, task.period, task.given, task.due) if task.assigned else None
    if how is not None:
        return Text("Task {ref} (id {id}) added: due {due} ({how})", ref=task.ref, id=task.id,
                    due=show_date(task.due), how=how)
    return Text("Task {ref} (id {id}) added: due {due}", ref=task.ref, id=task.id,
                due=show_date(task.due))


def _statuses(values: list[Wanted] | None) -> tuple[Status, ...]:
    """The statuses --status names, its groups spelled out."""
    chosen: list[Status] = []
    for value in values or []:
        chosen.extend(STATUS_GROUPS.get(value) or (Status(value.value),))
    return tuple(chosen)


@app.command("list")
def task_list(
    ctx: typer.Context,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    status: Annotated[
        list[Wanted] | None,
        typer.Option("--status", "-s", metavar="STATUS", help="done_on_time, done_late, "
                     "open_on_time, open_overdue, or done, open, overdue, late; repeatable."),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
    voided: Annotated[
        bool, typer.Option("--voided", help="Only the tasks voided as entered by mistake, "
                           "with who voided them, when and why.")
    ] = False,
) -> None:
    """List tasks with their status as of a date.

    Columns: id, directive, code, content, unit, due, status, and on request leader, officer,
    assigned, done_on. A terminal too narrow for the table leaves out: code. On a terminal
    statuses are coloured (not with NO_COLOR, in a pipe or a file).

    \b
    Examples:
      dondoc task list --unit "dong anh" --status open --as-of 20/02/2023
      dondoc task list --columns id,content,leader,status --format markdown
      dondoc task list --voided
    """
    day = option_date("--as-of", as_of)
    wanted = _statuses(status)
    if voided and (wanted or as_of):
        raise InvalidValue("--voided lists the tasks left out of every report",
                           "drop --status and --as-of")
    with register_as_of(ctx, day) as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        if voided:
            rows = reports.voided_tasks(conn, unit_id, directive_id)
        else:
            rows = reports.task_list(conn, day, unit_id, directive_id, wanted)
    render(rows, VOIDED_COLUMNS if voided else TASK_COLUMNS, fmt, state(ctx).lang,
           chosen=columns, drop=TASK_DROP)


SHOW_COLUMNS = cols("id:int", "directive", "group", "code", "content", "unit", "co_units:list",
                    "leader", "officer", "assigned:date", "due_rule", "original_due:date",
                    "extensions:extensions", "due:date", "done_on:date",
                    "status:status")
HISTORY_COLUMNS = cols("id:int", "on:date", "kind:kind", "note", "ref", "percent:int",
                       "new_due:date", "recorded_at:moment", "recorded_by")
HISTORY_DROP = ("recorded_by", "recorded_at", "voided_by", "ref", "voided_at")
# Shown when a completion was recorded late: the working days it waited to be recorded.
LATE_COLUMNS = cols("recorded_late_workdays:int")
REMINDER_COLUMNS = cols("n:int", "on:date", "channel", "document", "address", "message_id",
                        "recorded_at:moment")
VOID_COLUMNS = cols("voided_at:moment", "voided_by", "void_reason")
VOIDED_COLUMNS = cols("id:int", "directive", "code", "content", "unit", *[
    f"{c.key}:{c.kind}" for c in VOID_COLUMNS])
CHANGE_COLUMNS = cols("recorded_at:moment", "recorded_by", "field:field", "old_value",
                      "new_value", "from_date:date", "note", "void_reason")
CHANGE_DROP = ("recorded_by", "what", "recorded_at", "note")


@app.command("show")
def task_show(
    ctx: typer.Context, task: TaskArg, as_of: AsOfOpt = None, fmt: FormatOpt = Format.TABLE,
    grace: Annotated[
        int, typer.Option("--grace", metavar="N", min=0,
                          help="Mark a completion recorded more than N working days after the "
                          "day it happened (default 2).")
    ] = reports.GRACE_WORKDAYS,
    columns: ColumnsOpt = None,
) -> None:
    """Show a task, its status as of a date, and its whole history.

    History columns: id (what `dondoc void` names), on, kind, note, ref, percent, new_due,
    recorded_at (the moment it was recorded: local time for people, $TZ or else
    Asia/Ho_Chi_Minh; UTC in json and csv), recorded_by (the login that recorded it), and
    recorded_late_workdays where a completion (not
    voided) was recorded more than --grace working days after the day it happened: how many
    working days it waited. A terminal too narrow for the table leaves out, in this order:
    recorded_by, recorded_at, voided_by, ref, voided_at. `--format csv` writes the history
    alone (one table, as a spreadsheet reads it); json has everything; html is one <div>: the
    task as a <dl>, then its tables.

    \b
    Examples:
      dondoc task show "847/QĐ-UBND#3" --as-of 20/02/2023
      dondoc task show 12 --columns on,kind,note
      dondoc task show 12 --format html > task12.html
      dondoc task show 12 --grace 5          # completions recorded over 5 working days late
    """
    day = option_date("--as-of", as_of)
    with register_as_of(ctx, day) as conn:
        detail = reports.task_detail(conn, find_task(conn, task), day, grace)
    lang = state(ctx).lang
    if fmt is Format.JSON:
        if columns is not None:
            detail["history"] = project(detail["history"],
                                        pick(HISTORY_COLUMNS + LATE_COLUMNS, columns, fmt))
        dump_json(detail)
        return
    # The columns only some histories need: a completion recorded late, an event voided.
    history = detail["history"]
    extra = [*(LATE_COLUMNS if any(e["recorded_late_workdays"] for e in history) else []),
             *(VOID_COLUMNS if any(e["voided_at"] for e in history) else [])]
    pick(HISTORY_COLUMNS + extra, columns, fmt)  # an unknown column is refused first
    if fmt is Format.CSV:  # one table, as a spreadsheet reads it: the history
        render(detail["history"], HISTORY_COLUMNS + extra, fmt, lang, chosen=columns)
        return
    with one_element(fmt):  # html: one fragment, record and tables
        render_record(detail,
                      SHOW_COLUMNS + (VOID_COLUMNS if detail["status"] == "voided" else []),
                      lang, fmt)
        typer.echo()
        render(detail["history"], HISTORY_COLUMNS + extra, fmt, lang, chosen=columns,
               drop=HISTORY_DROP)
        if detail["reminders"]:  # dondoc remind: each message that listed the task
            from dondoc.i18n import Text

            typer.echo()
            heading(Text("Reminders sent:").render(lang), fmt)
            for n, sent in enumerate(detail["reminders"], 1):  # đôn đốc lần n: Công văn ...
                sent["n"] = n
                sent["document"] = Text("Official letter {number} of {day}",
                                        number=sent["letter"], day=show_date(
                                            sent["letter_on"])).render(lang) \
                    if sent["letter"] else None
            render(detail["reminders"], REMINDER_COLUMNS, fmt, lang,
                   drop=("recorded_at", "message_id"))
        if detail["changes"]:
            from dondoc.i18n import Text

            typer.echo()
            heading(Text("Corrections and reassignments:").render(lang), fmt)
            render(readable_changes(detail["changes"], fmt, lang), change_columns(fmt), fmt,
                   lang, drop=CHANGE_DROP)


def readable_changes(rows: list[dict[str, object]], fmt: Format, lang: str
                     ) -> list[dict[str, object]]:
    """Old and new values as people read them (dates day first) in the formats for people; a
    reassignment voided since says so beside its new value, which no terminal leaves out."""
    if fmt in (Format.CSV, Format.JSON):
        return rows
    from dondoc.clerk.corrections import shown_value
    from dondoc.i18n import Text

    def readable(name: object, value: object) -> str:
        shown = shown_value(str(name), value if isinstance(value, str) else None)
        return shown if isinstance(shown, str) else shown.render(lang)

    def new(row: dict[str, object]) -> str:
        value = readable(row["field"], row["new_value"])
        if row.get("void_reason"):
            value += " " + Text("(voided: {reason})", reason=row["void_reason"]).render(lang)
        return value

    return [{**row, "old_value": readable(row["field"], row["old_value"]), "new_value": new(row)}
            for row in rows]


def change_columns(fmt: Format, extra: tuple[str, ...] = ()) -> list[Column]:
    """The columns of a list of changes; the reason for a void is beside the new value for
    people, a column of its own for scripts."""
    columns = [*CHANGE_COLUMNS[:2], *cols(*extra), *CHANGE_COLUMNS[2:]]
    if fmt in (Format.CSV, Format.JSON):
        return columns
    return [c for c in columns if c.key != "void_reason"]


@app.command("edit")
def task_edit(
    ctx: typer.Context,
    task: TaskArg,
    content: Annotated[str | None, typer.Option("--content", help="What is to be done.")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="The lead unit (code or name): a "
                                 "reassignment from --on, or with --fix a correction.")
    ] = None,
    co_unit: Annotated[
        list[str] | None, typer.Option("--co-unit", help="A supporting unit; repeatable: the "
                                       "list replaces the task's.")
    ] = None,
    no_co_units: Annotated[
        bool, typer.Option("--no-co-units", help="No supporting unit.")
    ] = False,
    leader: Annotated[
        str | None, typer.Option("--leader", help="Leader in charge ('' for none).")
    ] = None,
    officer: Annotated[
        str | None, typer.Option("--officer", help="Officer following it ('' for none).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE|PERIOD",
                                 help="With --fix: the deadline as it should have been entered, "
                                 "a date or a period after the assigned date (10wd, 30d); '' "
                                 "for none. A deadline that moved is an `extend`.")
    ] = None,
    code: Annotated[str | None, typer.Option("--code", help="Its number in the directive.")
                    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="The unit or deadline was entered wrongly: correct it "
                           "for every date.")
    ] = False,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The day a reassignment takes "
                                 "effect (default: today).")
    ] = None,
    note: WhyOpt = None,
) -> None:
    """Correct a task's fields, or reassign it to another unit; every change is kept, with
    its old and new value, when, by whom and why (`task show`, `dondoc changes`).

    Content, leader, officer, supporting units and code are corrections: every report, for
    any date, shows the new value. --unit alone reassigns the task from --on (default today):
    reports as of an earlier day still show the unit that had it. --unit with --fix corrects a
    unit entered wrongly, for every date. --due goes with --fix: it corrects the deadline
    entered; a deadline that moved is an extension (`dondoc extend`).

    \b
    Examples:
      dondoc task edit 847/QĐ-UBND#1 --unit DONGANH --on 01/03/2023 --note "Công văn 52/UBND"
      dondoc task edit 847/QĐ-UBND#1 --unit SXD --fix --note "nhập nhầm đơn vị"
      dondoc task edit 12 --content "Báo cáo tiến độ GPMB" --due 10wd --fix
    """
    from dondoc.clerk import corrections
    from dondoc.i18n import Text

    if no_co_units and co_unit:
        raise InvalidValue("--no-co-units and --co-unit contradict each other",
                           "give one of them")
    edit = corrections.TaskEdit(content=content, unit=unit,
                                co_units=[] if no_co_units else co_unit, leader=leader,
                                officer=officer, due=due, code=code)
    today = date.today()
    day = optional_date("--on", on)
    with register(ctx, write=True) as conn, db.transaction(conn):
        ref, changes = corrections.edit_task(conn, task, edit, fix, day, today, note)
    say(ctx, Text("Task {task} changed: {changes}", task=ref,
                  changes=corrections.describe(changes)))


ReasonOpt = Annotated[
    str, typer.Option("--reason", help="Why it is voided: kept with the void.")
]


@app.command("void")
def task_void(ctx: typer.Context, task: TaskArg, reason: ReasonOpt) -> None:
    """Void a task entered by mistake (twice, or never assigned): it leaves every report, list
    and export; nothing is deleted, and `task list --voided` shows it with the reason.

    \b
    Example:
      dondoc task void 847/QĐ-UBND#5 --reason "nhập trùng nhiệm vụ #1"
    """
    from dondoc.clerk import corrections
    from dondoc.i18n import Text

    with register(ctx, write=True) as conn, db.transaction(conn):
        ref = corrections.void_task(conn, task, reason)
    say(ctx, Text("Task {task} voided: it leaves every report and list ({reason})", task=ref,
                  reason=reason))


def add_commands(root: typer.Typer) -> None:
    """The top-level corrections (the events are cli/events.py's)."""
    root.command("void")(event_void)
    root.command("changes")(changes)


def event_void(
    ctx: typer.Context,
    event: Annotated[int, typer.Argument(metavar="EVENT", help="The event's id, as `task "
                                         "show` lists it.")],
    reason: ReasonOpt,
) -> None:
    """Void an event entered by mistake (progress, done, extend, cancel, reopen, or a
    reassignment): it stops counting in every report; `task show` still lists it, marked
    with who voided it, when and why. Refused when the history left would break the rules
    (a reopen between two completions).

    \b
    Example:
      dondoc task show 847/QĐ-UBND#1        # the ids are in the first column
      dondoc void 17 --reason "ghi nhầm nhiệm vụ"
    """
    from dondoc.clerk import corrections

    with register(ctx, write=True) as conn, db.transaction(conn):
        voided = corrections.void_event(conn, event, reason)
    say(ctx, Text("Event {id} ({kind} of {on}) on task {task} voided: {reason}",
                  id=voided.id, kind=Label(f"{voided.kind}:v"), on=show_date(voided.on),
                  task=voided.task, reason=reason))


def changes(
    ctx: typer.Context,
    task: Annotated[str | None, typer.Option("--task", "-t", help="Only this task.")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this unit's own fields.")
    ] = None,
    directive: Annotated[
        str | None, typer.Option("--directive", "-d", help="Only this directive's own "
                                 "fields.")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """List the corrections and reassignments made with `task edit`, `unit edit` and
    `directive edit`, oldest first: old and new value, when (local time), by whom, why, and
    the reason a reassignment was voided since. A terminal too narrow for the table leaves
    out, in this order: recorded_by, what, recorded_at, note.

    \b
    Examples:
      dondoc changes
      dondoc changes --unit SXD --format csv
    """
    with register(ctx) as conn:
        rows = reports.field_changes(
            conn, task_id=find_task(conn, task) if task else None,
            unit_id=find_unit(conn, unit).id if unit else None,
            directive_id=find_directive(conn, directive).id if directive else None)
    lang = state(ctx).lang
    render(readable_changes(rows, fmt, lang), change_columns(fmt, ("what:kind", "name")), fmt,
           lang, chosen=columns, drop=CHANGE_DROP)
