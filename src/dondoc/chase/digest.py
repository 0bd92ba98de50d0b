"""The leaders' digest: what the register recorded since the last digest to a recipient.

A digest covers the rows recorded after a mark: the highest id of each table when the previous
digest was taken (or when `--since` day began). Ids only grow, so consecutive digests neither
overlap nor leave a gap, even for rows recorded in the second a digest ran; recorded moments
would (they are kept to the second). Each item is one row with the same keys, whatever section
it is in, so every format can carry it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dondoc import reports
from dondoc.chase import mail
from dondoc.dates import local_zone, now_stamp, show_date
from dondoc.i18n import Text
from dondoc.register.db import Conn
from dondoc.register.status import Status, not_voided

if TYPE_CHECKING:
    from email.message import EmailMessage

Row = dict[str, Any]

# The tables a digest reads, and the column holding when each row was recorded.
MARKED = {"directive": "created_at", "task": "created_at", "event": "recorded_at",
          "void": "recorded_at", "reminder": "recorded_at"}
SECTIONS = ("new_directive", "new_task", "done_on_time", "done_late", "newly_overdue",
            "extended", "reminded", "voided")
# With no digest before and no --since, a digest covers the week before its date.
FIRST_COVERS = timedelta(days=7)


@dataclass
class Digest:
    since: date  # the first day it covers
    then: date  # the date its totals and overdue tasks are compared with
    as_of: date
    marks_from: dict[str, int]
    marks_to: dict[str, int]
    items: list[Row] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, Row] = field(default_factory=dict)  # "then" and "now"

    def as_json(self) -> Row:
        return {"since": self.since.isoformat(), "then": self.then.isoformat(),
                "as_of": self.as_of.isoformat(),
                "counts": self.counts, "totals": self.totals, "items": self.items}


def marks(conn: Conn, before: str | None = None) -> dict[str, int]:
    """The highest id of each table; of the rows recorded before the moment `before` if given."""
    found = {}
    for table, moment in MARKED.items():
        where = f"WHERE {moment} < :before" if before else ""
        row = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table} {where}",
                           {"before": before}).fetchone()
        found[table] = int(row[0])
    return found


def day_began(day: date) -> str:
    """The moment (UTC, as rows are stamped) the office's day began."""
    start = datetime.combine(day, time(), tzinfo=local_zone())
    return start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def last_sent(conn: Conn, recipient: str) -> Row | None:
    """The last digest sent to `recipient`: its date and the marks it ended at."""
    row = conn.execute("SELECT as_of, marks FROM digest_sent WHERE recipient = ? "
                       "ORDER BY id DESC LIMIT 1", (recipient,)).fetchone()
    if row is None:
        return None
    return {"as_of": date.fromisoformat(row[0]), "marks": json.loads(row[1])}


def window(conn: Conn, as_of: date, since: date | None,
           recipient: str | None) -> tuple[date, date, dict[str, int]]:
    """Where a digest starts (its first day, the date it compares with, the marks): where the
    last digest to the recipient ended, compared with that digest's date; else `--since`'s
    day (or a week before), compared with the day before it."""
    if since is None and recipient is not None:
        last = last_sent(conn, recipient)
        if last is not None:
            return (last["as_of"], last["as_of"],
                    {t: int(last["marks"].get(t, 0)) for t in MARKED})
    start = since or as_of - FIRST_COVERS
    return start, start - timedelta(days=1), marks(conn, day_began(start))


def build(conn: Conn, as_of: date, since: date | None = None,
          recipient: str | None = None) -> Digest:
    start, then, marks_from = window(conn, as_of, since, recipient)
    digest = Digest(since=start, then=then, as_of=as_of, marks_from=marks_from,
                    marks_to=marks(conn))
    span = {"as_of": as_of.isoformat()} | {
        f"{t}_from": digest.marks_from[t] for t in MARKED} | {
        f"{t}_to": digest.marks_to[t] for t in MARKED}
    now = {row["id"]: row for row in reports.task_list(conn, as_of)}
    items = digest.items
    for number, issued, title in conn.execute(
            "SELECT number, issued, title FROM directive "
            "WHERE id > :directive_from AND id <= :directive_to AND issued <= :as_of "
            "ORDER BY issued, id", span):
        items.append(_item("new_directive", directive=number, content=title, on=issued))
    for (task_id,) in conn.execute(
            "SELECT id FROM task WHERE id > :task_from AND id <= :task_to ORDER BY id", span):
        if task_id in now:  # not voided, not cancelled, assigned by the digest's date
            task = now[task_id]
            items.append(_item("new_task", task, on=task["assigned"], detail=task["due"]))
    for task_id, kind, on, new_due, ref in conn.execute(
            f"""SELECT e.task_id, e.kind, e.on_date, e.new_due, e.ref FROM event e
                WHERE e.id > :event_from AND e.id <= :event_to AND e.kind IN ('done', 'extend')
                      AND e.on_date <= :as_of AND {not_voided('e')}
                ORDER BY e.on_date, e.id""", span):
        listed = now.get(task_id)
        if listed is None:  # voided or cancelled since
            continue
        if kind == "done" and listed["status"] in (Status.DONE_ON_TIME, Status.DONE_LATE):
            items.append(_item(str(listed["status"]), listed, on=on, detail=ref))
        elif kind == "extend":
            items.append(_item("extended", listed, on=on, detail=new_due, ref=ref))
    late_then = {row["id"] for row in reports.overdue(conn, then)}
    late_now = reports.overdue(conn, as_of)
    for row in late_now:
        if row["id"] not in late_then:
            items.append(_item("newly_overdue", now[row["id"]], on=row["due"],
                               detail=row["days_overdue"]))
    # An e-mail's detail is the address it went to; a letter's, its number.
    for task_id, on, sent_to in conn.execute(
            """SELECT r.task_id, r.on_date, COALESCE(l.number, r.address) FROM reminder r
               LEFT JOIN letter l ON l.id = r.letter_id
               WHERE r.id > :reminder_from AND r.id <= :reminder_to AND r.on_date <= :as_of
               ORDER BY r.on_date, r.id""", span):
        if task_id in now:
            items.append(_item("reminded", now[task_id], on=on, detail=sent_to))
    for task_id, event_id, reason, moment in conn.execute(
            "SELECT v.task_id, v.event_id, v.reason, v.recorded_at FROM void v "
            "WHERE v.id > :void_from AND v.id <= :void_to ORDER BY v.id", span):
        items.append(_voided(conn, task_id, event_id, reason, moment))
    digest.counts = {s: sum(1 for i in items if i["section"] == s) for s in SECTIONS}
    digest.totals = {"then": _totals(conn, then), "now": _totals(conn, as_of)}
    digest.totals["now"]["overdue"] = len(late_now)
    digest.totals["then"]["overdue"] = len(late_then)
    return digest


def _item(section: str, task: Row | None = None, **fields: Any) -> Row:
    item: Row = {"section": section, "task_id": None, "directive": None, "code": None,
                 "content": None, "unit": None, "on": None, "detail": None, "ref": None}
    if task is not None:
        item.update(task_id=task["id"], directive=task["directive"], code=task["code"],
                    content=task["content"], unit=task["unit"])
    item.update(fields)
    return item


def _voided(conn: Conn, task_id: int | None, event_id: int | None, reason: str,
            moment: str) -> Row:
    """A void: of a whole task, or of one event (named by its kind and date)."""
    if task_id is None:
        task_id, kind, on = conn.execute("SELECT task_id, kind, on_date FROM event WHERE id = ?",
                                         (event_id,)).fetchone()
    else:
        kind, on = "task", None
    task = conn.execute(
        """SELECT t.id, d.number, t.code, t.content, u.name FROM task t
           JOIN directive d ON d.id = t.directive_id JOIN unit u ON u.id = t.unit_id
           WHERE t.id = ?""", (task_id,)).fetchone()
    return _item("voided", {"id": task[0], "directive": task[1], "code": task[2],
                            "content": task[3], "unit": task[4]},
                 on=on or moment[:10], detail=kind, ref=reason)


def _totals(conn: Conn, as_of: date) -> Row:
    rows = reports.completion(conn, as_of)
    total = reports.total_row(rows, "unit")
    return {k: total[k] for k in ("total", "done_on_time", "done_late", "open_on_time",
                                  "open_overdue", "rate_total", "rate_due")}


def subject(digest: Digest, lang: str) -> str:
    """`[Tổng hợp] 27/02/2023: 3 mới quá hạn, 2 hoàn thành, 6 quá hạn`."""
    counts = digest.counts
    return Text("[Digest] {day}: {late} newly overdue, {done} done, {overdue} overdue",
                day=show_date(digest.as_of), late=counts["newly_overdue"],
                done=counts["done_on_time"] + counts["done_late"],
                overdue=digest.totals["now"]["overdue"]).render(lang)


def compose(digest: Digest, lang: str, sender: str, to: str, plain: str,
            html: str) -> EmailMessage:
    """The digest as a message: `plain` and `html` are the same digest, as the command line
    renders it."""
    return mail.message(subject(digest, lang), sender, to, plain, html)


def record(conn: Conn, recipient: str, digest: Digest, message_id: str) -> None:
    """Keep that `recipient` was sent `digest`, so the next one starts where it ended."""
    conn.execute("INSERT INTO digest_sent (recipient, as_of, marks, message_id, sent_at) "
                 "VALUES (?, ?, ?, ?, ?)",
                 (recipient, digest.as_of.isoformat(), json.dumps(digest.marks_to), message_id,
                  now_stamp()))
