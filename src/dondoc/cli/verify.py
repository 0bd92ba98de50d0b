"""dondoc verify: does the history still hold as it was recorded?"""

import typer

from dondoc.cli.common import register, state
from dondoc.errors import ExitStatus
from dondoc.i18n import Text
from dondoc.register import seal


def add_commands(root: typer.Typer) -> None:
    root.command("verify")(verify)


def verify(ctx: typer.Context) -> None:
    """Check that no event or reminder was altered, removed, added or reordered behind dondoc's
    back: recompute each one's seal (a hash chained to the one before it; reminders in a chain
    of their own), and, on a file, run SQLite's integrity and foreign-key checks (a server
    enforces its keys always). One line per problem, naming the event or reminder; then a
    summary with the last seals, which a report or letter can quote. Exit 0 when all holds, 1
    otherwise. Read-only: it works on a file this account may only read.

    \b
    Examples:
      dondoc verify
      dondoc --db /srv/dondoc/so.sqlite3 verify || echo "the register was altered"
      dondoc --db postgresql://office@db.hanoi.local/dondoc verify
    """
    lang = state(ctx).lang
    from dondoc.register import access

    with register(ctx) as conn:
        access.whole_register(conn, "verify")
        report = seal.verify(conn)
    for problem in report.problems:
        typer.echo(problem.render(lang))
    if report.last_seal:
        typer.echo(Text("last seal: {seal}", seal=report.last_seal).render(lang))
    if report.last_reminder_seal:
        typer.echo(Text("last reminder seal: {seal}", seal=report.last_reminder_seal
                        ).render(lang))
    counted = {"events": report.events, "tasks": report.tasks, "count": len(report.problems)}
    if report.reminders:
        summary = (Text("verified {events} events and {reminders} reminders of {tasks} tasks: "
                        "all hold", reminders=report.reminders, **counted)
                   if not report.problems else
                   Text("verified {events} events and {reminders} reminders of {tasks} tasks: "
                        "{count} problems", reminders=report.reminders, **counted))
    else:
        summary = (Text("verified {events} events of {tasks} tasks: all hold", **counted)
                   if not report.problems else
                   Text("verified {events} events of {tasks} tasks: {count} problems",
                        **counted))
    typer.echo(summary.render(lang))
    if report.problems:
        raise typer.Exit(int(ExitStatus.ERROR))
