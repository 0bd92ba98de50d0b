"""dondoc disclose: the quarterly public list (công khai) of the units and officials late."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from dondoc.chase import disclosure
from dondoc.cli.common import optional_date, register_as_of, replacing, state
from dondoc.cli.render import Format, cols, heading, render
from dondoc.dates import show_date
from dondoc.errors import InvalidValue, UsageError
from dondoc.i18n import t


class DiscloseFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    DOCX = "docx"


BINARY = (DiscloseFormat.XLSX, DiscloseFormat.DOCX)
_COUNTS = ("late:int", "open_overdue:int", "done_late:int", "days_late_total:int",
           "most_days_late:int", "done_on_time:int", "judged:int", "rate_on_time:rate")
_TASKS = ("directive", "code", "content", "due:date", "status:status", "done_on:date",
          "days_late:int", "last_progress")


def disclose(
    ctx: typer.Context,
    quarter: Annotated[
        str | None, typer.Option("--quarter", "-Q", metavar="YYYY-QN",
                                 help="The quarter, e.g. 2023-Q1.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Or a period: its first day.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="... and its last day.")
    ] = None,
    fmt: Annotated[
        DiscloseFormat | None, typer.Option(
            "--format", "-f", metavar="table|plain|markdown|html|csv|json|xlsx|docx",
            help="Default: from the --output file's extension, else table.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write to FILE (replaced whole) instead of the screen.")
    ] = None,
) -> None:
    """The public list of a quarter (or any period): the units, then the leaders, then the
    officers (specialists) late on their tasks in it, most late first: how many tasks, how
    many days late (in all, and the most), the on-time rate, and each late task with its
    directive, deadline, status and the latest progress note recorded by the period's end.

    Late in the period: still open past its deadline at the period's end (as `overdue --as-of
    END` lists it), or completed within the period after its deadline: every task overdue on
    some day of the period, judged by the deadline in force at its end. Days late run to the
    period's end for the open ones, to the completion for the others (calendar days). The
    on-time rate: of the tasks completed in the period or overdue at its end, the share
    completed by their deadline. All is judged as of the period's last day, by the dates things
    happened: the list of a period that is over never changes.

    html is a page to post as it is (no script, style inline, A4 when printed) with a chart of
    each unit's on-time rate and late tasks; docx has the same chart as a picture, xlsx a sheet
    per section. csv has a row per late task and the unit, leader or officer it is listed
    under (a file with a byte-order mark, as export's); json has every group, late or not. A
    text a spreadsheet would run as a formula stays text in csv and xlsx. An official whose
    name is typed several ways (accents, case, spaces) is one, named as first recorded. On a
    terminal too narrow for a table, the summary leaves out, in this order, done_on_time,
    judged, most_days_late, done_late, open_overdue; the late tasks code, done_on, status,
    directive, last_progress.

    \b
    Examples:
      dondoc disclose --quarter 2023-Q1
      dondoc disclose --quarter 2023-Q1 -o cong-khai-2023-Q1.html
      dondoc disclose --quarter 2023-Q1 -o cong-khai-2023-Q1.docx
      dondoc disclose --from 01/01/2023 --to 15/02/2023 --format csv > tre-han.csv
    """
    period = _period(quarter, date_from, date_to)
    chosen = fmt or _format_of(output)
    if chosen in BINARY and output is None and sys.stdout.isatty():
        raise UsageError("--format {fmt} writes a file, not text for a terminal",
                         "add -o FILE, e.g. -o cong-khai.{fmt}", fmt=chosen.value)
    lang = state(ctx).lang
    with register_as_of(ctx, period.end) as conn:
        found = disclosure.disclosure(conn, period)
    if chosen in (DiscloseFormat.TABLE, DiscloseFormat.PLAIN, DiscloseFormat.MARKDOWN):
        if output is None:
            _print(found, Format(chosen.value), lang, sys.stdout)
            return
        text = io.StringIO()
        _print(found, Format(chosen.value), lang, text)
        data = text.getvalue().encode()
    else:
        data = _document(found, chosen, lang, file=output is not None)
    if output is not None:
        with replacing(output) as file:
            file.write(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _period(quarter: str | None, date_from: str | None, date_to: str | None
            ) -> disclosure.Period:
    if quarter is not None:
        if date_from is not None or date_to is not None:
            raise UsageError("--quarter and --from/--to both name the period",
                             "give one of them")
        return disclosure.quarter(quarter)
    start, end = optional_date("--from", date_from), optional_date("--to", date_to)
    if start is None or end is None:
        raise UsageError("no period: --quarter, or both --from and --to, is needed",
                         "e.g. --quarter 2023-Q1")
    if start > end:
        raise InvalidValue("--from {start} is after --to {end}", "give --from on or before --to",
                           start=show_date(start), end=show_date(end))
    return disclosure.Period(start, end, f"{show_date(start)}-{show_date(end)}")


def _format_of(output: Path | None) -> DiscloseFormat:
    """The format an output file's extension names (cong-khai.html -> html); table without."""
    if output is None:
        return DiscloseFormat.TABLE
    suffix = output.suffix.lower().lstrip(".")
    named = {"htm": "html", "md": "markdown", "txt": "plain"}.get(suffix, suffix)
    if named not in {f.value for f in DiscloseFormat}:
        raise UsageError("-o {path}: no format for the extension {suffix!r}",
                         "name it .html, .docx, .xlsx, .csv, .json or .md, or give --format",
                         path=str(output), suffix=output.suffix)
    return DiscloseFormat(named)


def _document(found: disclosure.Row, fmt: DiscloseFormat, lang: str, file: bool) -> bytes:
    """The list in `fmt`; for a `file` (not standard output) CSV starts with a byte-order mark,
    as export's does."""
    if fmt is DiscloseFormat.HTML:
        return disclosure.to_html(found, lang, disclosure.chart_svg(found, lang)).encode()
    if fmt is DiscloseFormat.CSV:
        return disclosure.to_csv(found, bom=file)
    if fmt is DiscloseFormat.JSON:
        return disclosure.to_json(found).encode()
    if fmt is DiscloseFormat.XLSX:
        return disclosure.to_xlsx(found, lang)
    return disclosure.to_docx(found, lang, disclosure.chart(found, lang, "png"))


def _print(found: disclosure.Row, fmt: Format, lang: str, out: IO[str]) -> None:
    """The list for a screen or a markdown file: each section's summary, then its late tasks."""
    level = {1: "# ", 2: "## "} if fmt is Format.MARKDOWN else {1: "", 2: ""}
    out.write(level[1])
    heading(t("disclose_title", lang), fmt, out)
    heading(disclosure.period_line(found, lang), fmt, out)
    for section in disclosure.SECTIONS:
        out.write("\n")
        out.write(level[2])
        heading(t(f"disclose_{section}", lang), fmt, out)
        groups = disclosure.listed(found[section])
        if not groups:
            heading(t("disclose_none", lang), fmt, out)
            continue
        named = [{**g, section: disclosure.group_name(g, lang)} for g in groups]
        render(named, cols(section, *_COUNTS), fmt, lang, out=out,
               drop=("done_on_time", "judged", "most_days_late", "done_late", "open_overdue"))
        out.write("\n")
        heading(t("disclose_tasks", lang), fmt, out)
        tasks = [{**task, section: disclosure.group_name(g, lang)}
                 for g in groups for task in g["tasks"]]
        render(tasks, cols(section, *_TASKS), fmt, lang, out=out,
               drop=("code", "done_on", "status", "directive", "last_progress"))


def add_commands(root: typer.Typer) -> None:
    root.command("disclose")(disclose)
