"""dondoc progress | done | extend | cancel | reopen: what happened to a task, appended to
its history. They sit at the top level: `dondoc done 12` is what a clerk types."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from dondoc.cli.common import NoteOpt, OnOpt, RefOpt, TaskArg, option_date, register, say
from dondoc.dates import show_date
from dondoc.i18n import Text
from dondoc.register import db
from dondoc.register.status import EventKind, Status

if TYPE_CHECKING:
    from dondoc.clerk import writes


def add_commands(root: typer.Typer) -> None:
    root.command("progress")(progress)
    root.command("done")(done)
    root.command("extend")(extend)
    root.command("cancel")(cancel)
    root.command("reopen")(reopen)


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


def cancel(ctx: typer.Context, task: TaskArg, on: OnOpt = None, ref: RefOpt = None,
           note: NoteOpt = None) -> None:
    """Cancel a task: from that day it leaves the counts.

    Never dated before the task's latest done, extend, cancel or reopen.

    \b
    Example:
      dondoc cancel 12 --on 01/03/2023 --ref "Công văn số 50/UBND-TH"
    """
    _record(ctx, task, EventKind.CANCEL, on, ref=ref, note=note)


def reopen(ctx: typer.Context, task: TaskArg, on: OnOpt = None, note: NoteOpt = None
           ) -> None:
    """Reopen a done or cancelled task: open again from that day.

    Never dated before the task's latest done, extend, cancel or reopen.

    \b
    Example:
      dondoc reopen 12 --on 20/03/2023 --note "Báo cáo chưa đạt yêu cầu"
    """
    _record(ctx, task, EventKind.REOPEN, on, note=note)


def _record(ctx: typer.Context, task: str, kind: EventKind, on: str | None, **fields: object
            ) -> None:
    """Append one event to `task`'s history, dated --on (default today), and say what it did."""
    from dondoc.clerk import writes

    today = date.today()
    day = option_date("--on", on, today)
    with register(ctx, write=True) as conn, db.transaction(conn):
        done = writes.record(conn, task, kind, day, today, **fields)  # type: ignore[arg-type]
    say(ctx, _recorded(done, kind, day, fields))


def _recorded(done: "writes.Recorded", kind: EventKind, on: date,
              fields: dict[str, object]) -> Text:
    """What an event did, in one line, with the dates it computed."""
    ref, day = done.task_ref, show_date(on)
    if kind is EventKind.PROGRESS:
        percent = fields.get("percent")
        if percent is not None:
            return Text("Progress on task {ref} recorded for {on}: {percent}%", ref=ref,
                        on=day, percent=percent)
        return Text("Progress on task {ref} recorded for {on}", ref=ref, on=day)
    if kind is EventKind.DONE:
        if done.due is None:
            return Text("Task {ref} done on {on} (no deadline)", ref=ref, on=day)
        judged = "done on time" if done.state == Status.DONE_ON_TIME else "done late"
        return Text("Task {ref} done on {on}: {judged} (due {due})", ref=ref, on=day,
                    judged=Text(judged), due=show_date(done.due))
    if kind is EventKind.EXTEND:
        return Text("Task {ref} extended to {due} (was {was}), granted on {on}", ref=ref,
                    due=show_date(done.due), was=show_date(done.was_due) or "-", on=day)
    if kind is EventKind.CANCEL:
        return Text("Task {ref} cancelled from {on}", ref=ref, on=day)
    return Text("Task {ref} reopened from {on}", ref=ref, on=day)
