"""Reminders: which units to chase about which tasks, the message each receives, and the record
of each message the mail server accepted.

The tasks come from the reports (reports.overdue and reports.due_soon), so a reminder lists
exactly what `dondoc overdue` and `dondoc due` show for the unit: the status rule is
register/status.py's, applied once. Each unit gets its own tasks only (the lead unit as of
the date), in one message with a plain-text and an HTML part holding the same lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from dondoc import reports
from dondoc.chase import mail
from dondoc.dates import now_stamp, show_date
from dondoc.i18n import Text
from dondoc.register import db
from dondoc.register.db import Conn
from dondoc.text import addresses, format_int, vi_sort_key

if TYPE_CHECKING:
    from email.message import EmailMessage

Row = reports.Row
CHANNEL = "email"


@dataclass
class UnitReminder:
    """One unit's message: its overdue tasks and, when asked, those due soon and those with no
    news for a while."""

    unit_id: int
    code: str
    name: str
    email: str | None
    overdue: list[Row] = field(default_factory=list)
    due_soon: list[Row] = field(default_factory=list)
    stale: list[Row] = field(default_factory=list)
    reminded: bool = False  # an e-mail reminder dated the same day went to it already
    cc: list[str] = field(default_factory=list)  # its own copy (unit add/edit --cc)

    @property
    def tasks(self) -> list[Row]:
        return self.overdue + self.due_soon + self.stale

    def copies(self, common: list[str]) -> list[str]:
        """Who is copied on its message: the copies on every message, then its own."""
        return list(dict.fromkeys([*common, *self.cc]))


def select(conn: Conn, as_of: date, unit_id: int | None = None,
           directive_id: int | None = None, min_days: int = 0,
           due_until: date | None = None, stale_workdays: int | None = None
           ) -> list[UnitReminder]:
    """The units with open overdue tasks as of the date (`min_days` or more days late); with
    `due_until`, those with tasks due from the date to then; with `stale_workdays`, those with
    open tasks not listed already that have had no progress note for that many working days.
    Units in Vietnamese order, each with its own tasks: the reports' rows, with the
    directive's date and title added."""
    overdue = reports.overdue(conn, as_of, unit_id, directive_id, min_days)
    soon = reports.due_soon(conn, as_of, due_until, unit_id, directive_id) if due_until else []
    listed = {row["id"] for row in overdue + soon}
    stale = [row for row in reports.stale(conn, as_of, stale_workdays, unit_id, directive_id)
             if row["id"] not in listed] if stale_workdays is not None else []
    if not overdue and not soon and not stale:
        return []
    units = {code: (uid, name, email, cc) for uid, code, name, email, cc in conn.execute(
        "SELECT id, code, name, email, cc FROM unit")}
    # Only e-mails count: a letter recorded the same day is what the e-mail carries.
    reminded = {uid for (uid,) in conn.execute(
        "SELECT DISTINCT unit_id FROM reminder WHERE on_date = ? AND channel = ?",
        (as_of.isoformat(), CHANNEL))}
    directives = {number: (issued, title) for number, issued, title in conn.execute(
        "SELECT number, issued, title FROM directive")}
    found: dict[str, UnitReminder] = {}
    for rows, section in ((overdue, "overdue"), (soon, "due_soon"), (stale, "stale")):
        for row in rows:
            row["directive_issued"], row["directive_title"] = directives[row["directive"]]
            code = row["unit_code"]
            if code not in found:
                uid, name, email, cc = units[code]
                found[code] = UnitReminder(uid, code, name, email, reminded=uid in reminded,
                                           cc=addresses(cc or ""))
            getattr(found[code], section).append(row)
    return sorted(found.values(), key=lambda r: vi_sort_key(r.name))


def counted(n: int, one: str, many: str, lang: str, **params: object) -> Text:
    """`one` or `many` (English has both, Vietnamese one form), with n in the reader's format."""
    return Text(one if n == 1 else many, n=format_int(n, lang), **params)


def subject(reminder: UnitReminder, as_of: date, lang: str) -> str:
    """[Đôn đốc] 3 nhiệm vụ quá hạn - UBND huyện Ba Vì - 20/02/2023"""
    counts = []
    if reminder.overdue:
        counts.append(counted(len(reminder.overdue), "{n} overdue task", "{n} overdue tasks",
                              lang).render(lang))
    if reminder.due_soon:
        counts.append(counted(len(reminder.due_soon), "{n} task due soon", "{n} tasks due soon",
                              lang).render(lang))
    if reminder.stale:
        counts.append(counted(len(reminder.stale), "{n} task with no recent progress",
                              "{n} tasks with no recent progress", lang).render(lang))
    return Text("[Reminder] {counts} - {unit} - {day}", counts=", ".join(counts),
                unit=_one_line(reminder.name), day=show_date(as_of)).render(lang)


def _one_line(text: str) -> str:
    """A name fit for a header: a line break in a unit's name (a spreadsheet cell) is a space."""
    return " ".join(text.split())


def _task_lines(row: Row, section: str, lang: str) -> tuple[str, list[str]]:
    """A task as the message lists it: a heading (its directive) and its lines."""
    directive = Text("{number} of {issued}", number=row["directive"],
                     issued=show_date(row["directive_issued"])).render(lang)
    if row["directive_title"]:
        directive += f": {row['directive_title']}"
    lines = [Text("Task {ref}: {content}", ref=f"{row['directive']}#{row['code']}",
                  content=row["content"]).render(lang)]
    due = show_date(row["due"])
    if not row["due"]:
        lines.append(Text("No deadline (a standing task)").render(lang))
    elif row["extensions"]:
        lines.append(Text("Deadline: {due} (extended; first set for {original})", due=due,
                          original=show_date(row["original_due"])).render(lang))
    else:
        lines.append(Text("Deadline: {due}", due=due).render(lang))
    if section == "overdue":
        lines.append(Text("Overdue by {days} days ({workdays} working days)",
                          days=format_int(row["days_overdue"], lang),
                          workdays=format_int(row["workdays_overdue"], lang)).render(lang))
    elif section == "due_soon":
        lines.append(Text("Due in {days} days ({workdays} working days)",
                          days=format_int(row["days_left"], lang),
                          workdays=format_int(row["workdays_left"], lang)).render(lang))
    if row["last_progress"]:
        lines.append(Text("Latest progress: {note}", note=row["last_progress"]).render(lang))
    if section == "stale":
        lines.append(Text("No progress reported since {day} ({workdays} working days)",
                          day=show_date(row["quiet_since"]),
                          workdays=format_int(row["workdays_quiet"], lang)).render(lang))
    elif not row["last_progress"]:
        lines.append(Text("No progress reported yet").render(lang))
    chased = row["reminders"]
    lines.append((counted(chased, "Chased once before", "Chased {n} times before", lang)
                  if chased else Text("Not chased before")).render(lang))
    return directive, lines


@dataclass
class _Body:
    greeting: str
    sections: list[tuple[str, list[tuple[str, list[str]]]]]  # intro, tasks
    closing: str
    footer: str


def _body(reminder: UnitReminder, as_of: date, lang: str) -> _Body:
    day = show_date(as_of)
    sections = []
    if reminder.overdue:
        sections.append((
            counted(len(reminder.overdue), "As of {day}, {n} task assigned to your unit is "
                    "overdue:", "As of {day}, {n} tasks assigned to your unit are overdue:",
                    lang, day=day).render(lang),
            [_task_lines(row, "overdue", lang) for row in reminder.overdue]))
    if reminder.due_soon:
        sections.append((
            counted(len(reminder.due_soon), "Due soon ({n} task):", "Due soon ({n} tasks):",
                    lang).render(lang),
            [_task_lines(row, "due_soon", lang) for row in reminder.due_soon]))
    if reminder.stale:
        sections.append((
            counted(len(reminder.stale), "No recent progress ({n} task):",
                    "No recent progress ({n} tasks):", lang).render(lang),
            [_task_lines(row, "stale", lang) for row in reminder.stale]))
    return _Body(
        Text("To: {unit}", unit=reminder.name).render(lang), sections,
        Text("Please complete these tasks without delay and report the results in writing, "
             "with the reasons for any delay.").render(lang),
        Text("Sent by dondoc from the register of assigned tasks, as of {day}.",
             day=day).render(lang))


def _plain(body: _Body) -> str:
    out = [body.greeting, ""]
    for intro, tasks in body.sections:
        out += [intro, ""]
        for number, (heading, lines) in enumerate(tasks, 1):
            out.append(f"{number}. {heading}")
            out += [f"   {line}" for line in lines]
            out.append("")
    out += [body.closing, "", "-- ", body.footer]
    return "\n".join(out) + "\n"


def _html(body: _Body, lang: str) -> str:
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head><body>',
           f"<p>{escape(body.greeting)}</p>"]
    for intro, tasks in body.sections:
        out.append(f"<p>{escape(intro)}</p>\n<ol>")
        for heading, lines in tasks:
            out.append(f"<li><strong>{escape(heading)}</strong><br>"
                       + "<br>".join(escape(line) for line in lines) + "</li>")
        out.append("</ol>")
    out += [f"<p>{escape(body.closing)}</p>", f"<p><small>{escape(body.footer)}</small></p>",
            "</body></html>"]
    return "\n".join(out) + "\n"


def compose(reminder: UnitReminder, as_of: date, lang: str, sender: str | None,
            cc: list[str]) -> EmailMessage:
    """The unit's message: a plain-text part and an HTML part with the same lines (the unit's
    name in To is UTF-8)."""
    from email.headerregistry import Address

    assert reminder.email
    body = _body(reminder, as_of, lang)
    return mail.message(subject(reminder, as_of, lang), sender,
                        Address(display_name=_one_line(reminder.name), addr_spec=reminder.email),
                        _plain(body), _html(body, lang), cc)


def record(conn: Conn, reminder: UnitReminder, on: date, address: str,
           message_id: str) -> None:
    """A message the server accepted: a reminder on each task it listed, in one transaction."""
    stamp, by = now_stamp(), db.login(conn)
    with db.transaction(conn):
        conn.executemany(
            """INSERT INTO reminder (task_id, unit_id, on_date, channel, address, message_id,
                                     recorded_at, recorded_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(row["id"], reminder.unit_id, on.isoformat(), CHANNEL, address, message_id, stamp,
              by) for row in reminder.tasks])


@dataclass
class Plan:
    """Who gets a message now, and who is skipped and why."""

    send: list[UnitReminder]
    no_email: list[UnitReminder]
    reminded: list[UnitReminder]

    def __iter__(self) -> Iterator[UnitReminder]:
        return iter(self.send)


def plan(reminders: list[UnitReminder], again: bool = False) -> Plan:
    """A unit without an e-mail is skipped, and one reminded on the same day already unless
    `again`: a second cron run sends nothing new, and a run after a failure sends exactly the
    messages that failed (a failed one recorded nothing)."""
    return Plan([r for r in reminders if r.email and (again or not r.reminded)],
                [r for r in reminders if not r.email],
                [r for r in reminders if r.email and r.reminded and not again])
