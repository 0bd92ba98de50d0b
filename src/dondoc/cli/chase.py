"""dondoc remind | config: chase each late unit by e-mail, and the mail settings."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dondoc.chase import mail, reminders
from dondoc.cli.common import (
    AsOfOpt,
    DirectiveOpt,
    MinDaysOpt,
    UnitOpt,
    message_lang,
    option_date,
    register_as_of,
    register_to_record,
    replacing,
    say,
    state,
)
from dondoc.dates import show_date
from dondoc.errors import ExitStatus, InvalidValue
from dondoc.i18n import Text
from dondoc.register import db
from dondoc.register.lookup import find_directive, find_unit
from dondoc.text import is_email

if TYPE_CHECKING:
    from email.message import EmailMessage

config_app = typer.Typer(help="dondoc's settings: the mail server reminders go through.\n\n"
                         "\b\nExamples:\n"
                         "  dondoc config set mail.host smtp.example.vn\n"
                         "  dondoc config show", no_args_is_help=True)


def add_commands(root: typer.Typer) -> None:
    root.command("remind")(remind)
    root.add_typer(config_app, name="config")


def remind(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    min_days: MinDaysOpt = 0,
    due_within: Annotated[
        int | None, typer.Option("--due-within", metavar="N", min=0,
                                 help="Add the tasks due within N working days, in a section "
                                 "of their own.")
    ] = None,
    stale: Annotated[
        int | None, typer.Option("--stale", metavar="N", min=1,
                                 help="Add the open tasks with no progress note for N working "
                                 "days, in a section of their own.")
    ] = None,
    cc: Annotated[
        list[str] | None, typer.Option("--cc", metavar="ADDRESS",
                                       help="Copy every message to this address (again for "
                                       "more), besides mail.cc.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would get what; send and record "
                           "nothing.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", file_okay=False,
                                  help="Write one .eml per unit into DIR instead of sending; "
                                  "nothing is recorded.")
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Send to units reminded on the same day already.")
    ] = False,
    attach_letter: Annotated[
        Path | None, typer.Option("--attach-letter", metavar="FILE", exists=True,
                                  dir_okay=False,
                                  help="Attach this file to every message: the signed reminder "
                                  "letter (`dondoc letter`), a .docx or its scan as .pdf.")
    ] = None,
    workdays_only: Annotated[
        bool, typer.Option("--workdays-only", help="On a day off of the register's calendar, "
                           "do nothing and exit 0 (one crontab line for the whole year).")
    ] = False,
) -> None:
    """E-mail each unit with open overdue tasks a reminder of its own tasks, and record it.

    One message per unit, to its e-mail (`unit add/edit --email`), copied to mail.cc, --cc
    and the unit's own copy (`unit add/edit --cc`), listing only the tasks it
    leads: directive (number, date, title), task, deadline in force (and the first one if
    extended), days and working days late, latest progress, times chased before.
    --due-within and --stale add sections of their own (due soon; no news for N working
    days: standing tasks too, counted from the latest progress note or the assignment). In
    Vietnamese unless --lang says otherwise (or `config set mail.lang en`); a plain-text and
    an HTML part. Settings: `dondoc config`; the password from DONDOC_SMTP_PASSWORD or
    mail.password_file.

    Each message the server accepts records a reminder on each task it lists, dated --as-of
    (shown in `task show`, counted in `overdue`). A unit e-mailed on that day already is
    skipped unless --again (a letter recorded that day does not count), so a second cron run
    sends nothing new and a run after a failure sends exactly what failed. Units without an
    e-mail are skipped and named on stderr, even with --quiet (exit 0: cron mails what a job
    prints). A copy the server refuses is named on stderr; the unit's message still counts as
    sent. Exit 1 if any message failed, or when the server cannot be reached (then nothing is
    sent). --workdays-only on a day off says so and sends nothing (exit 0).

    \b
    Examples:
      dondoc remind --dry-run
      dondoc remind --as-of 20/02/2023 --out /tmp/nhac-viec
      dondoc remind --unit BAVI --due-within 5 --stale 20 --cc lanhdao@example.vn
      dondoc remind --attach-letter cong-van-01-CV-TCT.docx
      30 7 * * *  dondoc remind --workdays-only --quiet      # crontab: working mornings
    """
    day = option_date("--as-of", as_of)
    sending = not dry_run and out is None
    if sending and day > date.today():
        raise InvalidValue("--as-of {day} is after today: a reminder is dated when it is sent",
                           "use --dry-run or --out to see a later day's", day=show_date(day))
    for address in cc or []:
        if not is_email(address):
            raise InvalidValue("--cc {value!r} is not an e-mail address",
                               "e.g. --cc lanhdao@example.vn", value=address)
    settings = mail.load_settings()
    copies = list(dict.fromkeys([*settings.cc, *(cc or [])]))
    secret = None
    if sending:
        mail.check_ready(settings)
        secret = mail.password(settings)
    lang, msg_lang = state(ctx).lang, message_lang(ctx, settings)
    quiet = state(ctx).quiet
    letter = (attach_letter.name, attach_letter.read_bytes()) if attach_letter else None

    def tell(text: Text, err: bool = False) -> None:
        if err or not quiet:
            typer.echo(text.render(lang), err=err)

    failed = 0
    with (register_to_record(ctx, day) if sending else register_as_of(ctx, day)) as conn:
        from dondoc.deadlines import workdays

        if workdays_only and not workdays.load(conn, day, day).is_workday(day):
            tell(Text("{day} is not a working day: nothing sent", day=show_date(day)))
            return
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        until = (workdays.working_days_after(conn, day, due_within)
                 if due_within is not None else None)
        found = reminders.select(conn, day, unit_id, directive_id, min_days, until, stale)
        if not found:
            tell(Text("nothing to chase as of {day}", day=show_date(day)))
            return
        chosen = reminders.plan(found, again)
        if dry_run:
            for r in chosen:
                tell(Text("would send to {unit} <{address}>{cc}: {subject}", unit=r.name,
                          address=r.email, cc=_cc(r.copies(copies)),
                          subject=reminders.subject(r, day, msg_lang)))
        elif out is not None:
            for r in chosen:
                path = out / f"{r.code}.eml"
                with replacing(path, folder=True) as file:
                    file.write(bytes(_attached(reminders.compose(
                        r, day, msg_lang, settings.sender, r.copies(copies)), letter)))
                tell(Text("wrote {path}: {unit} <{address}>", path=path, unit=r.name,
                          address=r.email))
        elif chosen.send:
            with mail.Outbox(settings, secret) as outbox:
                failed = _send(conn, chosen, outbox, day, msg_lang, copies, tell, letter,
                               reader=lang)
        for r in chosen.no_email:  # a warning, on stderr even with --quiet: cron mails it
            tell(Text("skipped: {unit} has no e-mail on file (`dondoc unit edit {code} --email "
                      "ADDRESS`)", unit=r.name, code=r.code), err=True)
        for r in chosen.reminded:
            tell(Text("skipped: {unit} was reminded on {day} already (--again sends again)",
                      unit=r.name, day=show_date(day)))
        skipped = len(chosen.no_email) + len(chosen.reminded)
        if sending:
            tell(Text("sent {sent}, skipped {skipped}, failed {failed}",
                      sent=len(chosen.send) - failed, skipped=skipped, failed=failed))
        else:
            tell(Text("wrote {count}, skipped {skipped}; nothing sent or recorded"
                      if out is not None and not dry_run else
                      "would send {count}, skipped {skipped}; nothing sent or recorded",
                      count=len(chosen.send), skipped=skipped))
    if failed:
        raise typer.Exit(int(ExitStatus.ERROR))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attached(message: EmailMessage, letter: tuple[str, bytes] | None) -> EmailMessage:
    """The message with the letter (--attach-letter) attached, when there is one."""
    if letter is not None:
        name, data = letter
        kind = (DOCX if name.lower().endswith(".docx") else mimetypes.guess_type(name)[0]
                or "application/octet-stream")
        maintype, subtype = kind.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def _send(conn: db.Conn, chosen: reminders.Plan, outbox: mail.Outbox, day: date,
          lang: str, copies: list[str], tell: Callable[..., None],
          letter: tuple[str, bytes] | None = None, *, reader: str) -> int:
    """Send each message, recording those the server accepts (one transaction each); one
    line per unit, in the `reader`'s language; how many failed."""
    failed = 0
    for r in chosen:
        assert r.email
        message = _attached(reminders.compose(r, day, lang, outbox.settings.sender,
                                                r.copies(copies)),
                            letter)
        try:
            refused = outbox.send(message, [r.email, *r.copies(copies)], r.email)
        except mail.NotSent as exc:
            failed += 1
            tell(Text("failed: {unit} <{address}>: {reason}", unit=r.name, address=r.email,
                      reason=exc.reason), err=True)
            continue
        reminders.record(conn, r, day, r.email, message["Message-ID"])
        tell(reminders.counted(len(r.tasks), "sent to {unit} <{address}>: {n} task, {id}",
                               "sent to {unit} <{address}>: {n} tasks, {id}", reader,
                               unit=r.name, address=r.email, id=message["Message-ID"]))
        for address, reason in refused.items():  # the unit has it: only the copy is lost
            tell(Text("copy to {address} refused: {reason}", address=address, reason=reason),
                 err=True)
    return failed


def _cc(copies: list[str]) -> str:
    return f" (cc {', '.join(copies)})" if copies else ""


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY", help=f"One of {', '.join(mail.KEYS)}.")],
    value: Annotated[str, typer.Argument(metavar="VALUE",
                                         help="The value; empty (\"\") unsets it.")],
) -> None:
    """Set one setting in dondoc's settings file ($DONDOC_CONFIG, else config.toml in the
    user's config folder; readable by its owner alone).

    mail.host, mail.port (default 587 for starttls, 465 for tls, 25 for none), mail.security
    (starttls, tls or none), mail.user (log in as), mail.sender (From), mail.cc (copied on
    every reminder, comma-separated), mail.ca_file (PEM certificates to trust, e.g. the
    office's own), mail.password_file (a file only you can read), mail.lang (vi or en: the
    messages' language). The password itself is never stored: DONDOC_SMTP_PASSWORD, or
    mail.password_file.

    \b
    Examples:
      dondoc config set mail.host smtp.hanoi.gov.vn
      dondoc config set mail.sender "Văn phòng UBND huyện <vanthu@bavi.hanoi.gov.vn>"
      dondoc config set mail.cc "lanhdao@bavi.hanoi.gov.vn"
      dondoc config set mail.password_file ~/.config/dondoc/smtp-password
    """
    stored = mail.save_setting(key, value)
    shown = ", ".join(stored) if isinstance(stored, list) else stored
    say(ctx, Text("{key} set to {value!r} in {path}", key=key, value=shown or "",
                  path=mail.config_path()))


@config_app.command("show")
def config_show(ctx: typer.Context) -> None:
    """Show the settings and where they are; the password only as where it comes from.

    \b
    Example:
      dondoc config show
    """
    lang = state(ctx).lang
    path = mail.config_path()
    settings = mail.load_settings(path)
    typer.echo(Text("settings file: {path}", path=path).render(lang))
    for key in mail.KEYS:
        value = getattr(settings, key.removeprefix("mail."))
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key} = {'' if shown is None else shown}")
    if os.environ.get(mail.ENV_PASSWORD):
        where = Text("(hidden, from {var})", var=mail.ENV_PASSWORD)
    elif settings.password_file:
        where = Text("(hidden, in {path})", path=settings.password_file)
    else:
        where = Text("(not set)")
    typer.echo(f"mail.password = {where.render(lang)}")
