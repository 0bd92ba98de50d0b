"""dondoc digest: for the office's leaders, what changed since the last digest."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dondoc.chase import digest as digests
from dondoc.cli.common import AsOfOpt, FormatOpt, option_date, optional_date, register_as_of, state
from dondoc.cli.render import Format, cols, dump_json, render
from dondoc.dates import show_date
from dondoc.i18n import t

ITEM_COLUMNS = cols("section", "task_id:int", "directive", "code", "content", "unit", "on:date",
                    "detail", "ref")
# What each section's rows show to people: the directive's number and title, or the task; the
# date (assigned, completed, due, granted, voided) and what the detail is.
SHOWN = {
    "new_directive": cols("directive", "content", "on:date"),
    "new_task": cols("directive", "code", "content", "unit", "on:date", "detail:date"),
    "done_on_time": cols("directive", "code", "content", "unit", "on:date", "detail"),
    "done_late": cols("directive", "code", "content", "unit", "on:date", "detail"),
    "newly_overdue": cols("directive", "code", "content", "unit", "on:date", "detail:int"),
    "extended": cols("directive", "code", "content", "unit", "on:date", "detail:date", "ref"),
    "voided": cols("directive", "code", "content", "unit", "on:date", "detail:kind", "ref"),
}
TOTAL_COLUMNS = cols("on:date", "overdue:int", "total:int", "done_on_time:int", "done_late:int",
                     "open_on_time:int", "open_overdue:int", "rate_total:rate", "rate_due:rate")


def digest(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE",
                                 help="Cover what was recorded from this day on.")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--for", metavar="ADDRESS",
                                 help="Start where the last digest sent to ADDRESS ended.")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """For the office's leaders: what the register recorded since the last digest. Counts
    first (new directives and tasks, completions on time and late, tasks newly overdue,
    extensions, voids), then the overdue total and both rates then and now, then the lists.

    Without --since or --for it covers the week before its date. A digest starts where the
    previous one to the same recipient ended (by the rows recorded, not by the clock, so
    digests never overlap nor leave a gap); printing one records nothing.

    csv has one row per item, with its section; json has the counts, totals and items.

    \\b
    Examples:
      dondoc digest --as-of 27/02/2023 --since 20/02/2023
      dondoc digest --for lanhdao@hanoi.gov.vn
      dondoc digest --since 01/02/2023 --format json
    """
    day = option_date("--as-of", as_of)
    first = optional_date("--since", since)
    with register_as_of(ctx, day) as conn:
        found = digests.build(conn, day, first, recipient)
    lang = state(ctx).lang
    if fmt is Format.JSON:
        dump_json(found.as_json())
        return
    if fmt is Format.CSV:
        render(found.items, ITEM_COLUMNS, fmt, lang)
        return
    typer.echo(t("digest_head", lang).format(d=show_date(day), s=show_date(found.since),
                                               c=show_date(found.then)))
    typer.echo()
    counts = [{"section": t(f"{s}:v", lang), "count": n} for s, n in found.counts.items()]
    render(counts, cols("section", "count:int"), fmt, lang)
    typer.echo()
    totals: list[dict[str, Any]] = [{"on": found.then, **found.totals["then"]},
                                    {"on": day, **found.totals["now"]}]
    render(totals, TOTAL_COLUMNS, fmt, lang)
    for section, columns in SHOWN.items():
        rows = [i for i in found.items if i["section"] == section]
        if rows:
            typer.echo()
            typer.echo(t(f"{section}:v", lang))
            render(rows, columns, fmt, lang)


def add_commands(root: typer.Typer) -> None:
    root.command("digest")(digest)

