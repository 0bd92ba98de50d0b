"""dondoc digest: for the office's leaders, what changed since the last digest."""

from __future__ import annotations

import io
from datetime import date
from typing import IO, Annotated, Any

import typer

from dondoc.chase import digest as digests
from dondoc.chase import mail
from dondoc.cli.common import (
    AsOfOpt,
    FormatOpt,
    message_lang,
    option_date,
    optional_date,
    register_as_of,
    register_to_record,
    say,
    state,
)
from dondoc.cli.render import Format, cols, dump_json, html_text, render
from dondoc.dates import show_date
from dondoc.errors import InvalidValue
from dondoc.i18n import Text, t
from dondoc.register import db
from dondoc.text import is_email

ITEM_COLUMNS = cols("section", "task_id:int", "directive", "code", "content", "unit", "on:date",
                    "detail", "ref")
# What each section's rows show to people: the directive's number and title, or the task; the
# date (assigned, completed, due, granted, reminded, voided) and what the detail is.
_TASK = ("directive", "code", "content", "unit", "on:date")
SHOWN = {
    "new_directive": cols("directive", "content", "on:date"),
    "new_task": cols(*_TASK, "detail:date"),
    "done_on_time": cols(*_TASK, "detail"),
    "done_late": cols(*_TASK, "detail"),
    "newly_overdue": cols(*_TASK, "detail:int"),
    "extended": cols(*_TASK, "detail:date", "ref"),
    "reminded": cols(*_TASK, "detail"),
    "voided": cols(*_TASK, "detail:kind", "ref"),
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
                                 help="Start where the last digest mailed to ADDRESS ended.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--mail", metavar="ADDRESS",
                                 help="Mail it to ADDRESS (the `dondoc config` mail settings) "
                                 "and keep where it ended, for the next one.")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """For the office's leaders: what the register recorded since the last digest. Counts
    first (new directives and tasks, completions on time and late, tasks newly overdue,
    extensions, reminders sent, voids), then the overdue total and both rates then and now,
    then the lists.

    A digest starts where the previous one mailed to the same address ended (counted by the
    rows recorded, not by the clock, so two digests never overlap nor leave a gap); with
    --since, on that day (not after --as-of); the first one covers the week before its date.
    Nothing dated after --as-of is in it. A reminder's detail is the address an e-mail went
    to, or a letter's number. Printing records
    nothing; --mail sends it (a plain-text and an HTML part) and keeps where it ended, only
    once the server has accepted it.

    csv has one row per item, with its section; json has the counts, totals and items.

    \b
    Examples:
      dondoc digest --as-of 27/02/2023 --since 20/02/2023
      dondoc digest --mail lanhdao@hanoi.gov.vn          # cron, every Monday at 7:00
      dondoc digest --for lanhdao@hanoi.gov.vn --format json
    """
    day = option_date("--as-of", as_of)
    first = optional_date("--since", since)
    if first is not None and first > day:
        raise InvalidValue("--since {since} is after --as-of {day}",
                           "give --since on or before --as-of", since=show_date(first),
                           day=show_date(day))
    lang = state(ctx).lang
    if to is None:
        with register_as_of(ctx, day) as conn:
            found = digests.build(conn, day, first, recipient)
        show(found, fmt, lang)
        return
    if not is_email(to):
        raise InvalidValue("--mail {value!r} is not an e-mail address",
                           "e.g. --mail lanhdao@example.vn", value=to)
    if day > date.today():
        raise InvalidValue("--as-of {day} is after today: a digest is dated when it is sent",
                           "print it without --mail to see a later day's", day=show_date(day))
    settings = mail.load_settings()
    mail.check_ready(settings)
    secret = mail.password(settings)
    assert settings.sender is not None
    words = message_lang(ctx, settings)
    with register_to_record(ctx, day) as conn:
        found = digests.build(conn, day, first, recipient or to)
        message = digests.compose(found, words, settings.sender, to,
                                  rendered(found, Format.PLAIN, words),
                                  rendered(found, Format.HTML, words))
        with mail.Outbox(settings, secret) as outbox:
            try:
                outbox.send(message, [to], to)
            except mail.NotSent as exc:
                raise mail.MailServerError("the mail server did not take the digest: {reason}",
                                           "nothing was recorded; run it again",
                                           reason=exc.reason) from None
        with db.transaction(conn):
            digests.record(conn, to, found, message["Message-ID"])
    say(ctx, Text("digest sent to {address}: {id}", address=to, id=message["Message-ID"]))


def rendered(found: digests.Digest, fmt: Format, lang: str) -> str:
    """The digest as a message part: plain text, or a whole HTML document."""
    out = io.StringIO()
    if fmt is Format.HTML:
        out.write(f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>'
                  "<body>\n")
    show(found, fmt, lang, out)
    if fmt is Format.HTML:
        out.write("</body></html>\n")
    return out.getvalue()


def show(found: digests.Digest, fmt: Format, lang: str, out: IO[str] | None = None) -> None:
    """The digest in `fmt`: json whole, csv its items, the others a heading, the counts, the
    totals then and now, and each section that has items."""
    if fmt is Format.JSON:
        dump_json(found.as_json(), out)
        return
    if fmt is Format.CSV:
        render(found.items, ITEM_COLUMNS, fmt, lang, out)
        return

    def line(text: str = "", heading: bool = False) -> None:
        if fmt is not Format.HTML:
            typer.echo(text, file=out)
        elif text:
            tag = "h3" if heading else "p"
            typer.echo(f"<{tag}>{html_text(text)}</{tag}>", file=out)

    line(t("digest_head", lang).format(d=show_date(found.as_of), s=show_date(found.since),
                                       c=show_date(found.then)))
    line()
    counts = [{"section": t(f"{s}:v", lang), "count": n} for s, n in found.counts.items()]
    render(counts, cols("section", "count:int"), fmt, lang, out)
    line()
    totals: list[dict[str, Any]] = [{"on": found.then, **found.totals["then"]},
                                    {"on": found.as_of, **found.totals["now"]}]
    render(totals, TOTAL_COLUMNS, fmt, lang, out)
    for section, columns in SHOWN.items():
        rows = [i for i in found.items if i["section"] == section]
        if rows:
            line()
            line(t(f"{section}:v", lang), heading=True)
            render(rows, columns, fmt, lang, out)


def add_commands(root: typer.Typer) -> None:
    root.command("digest")(digest)
