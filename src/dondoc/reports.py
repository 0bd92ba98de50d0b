"""The read side: every list and report, as plain rows (dicts with ISO dates), through sqlite3.

Each query reads the one span per task that contains the report's date (status.span_at_sql)
and classifies it with status.status_sql, so every report applies the same rule. A query binds
the parameters its SQL names, and no other (tests/reports/test_sql_contract.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from dondoc.dates import local_day
from dondoc.deadlines import workdays
from dondoc.register import db
from dondoc.register.db import Conn, Cursor
from dondoc.register.dialect import Dialect
from dondoc.register.lookup import people
from dondoc.register.status import (
    CANCELLED,
    OPEN,
    STATUSES,
    EventKind,
    Status,
    not_voided,
    overdue_sql,
    span_at_sql,
    status_sql,
)
from dondoc.text import fold, vi_sort_key

Row = dict[str, Any]
GroupBy = Literal["unit", "directive", "leader", "officer"]
GROUP_BYS: tuple[GroupBy, ...] = ("unit", "directive", "leader", "officer")

def _code_order(dialect: Dialect) -> str:
    """Tasks in the order of their codes: 2 before 10, then as text."""
    return f"{dialect.leading_number('t.code')}, t.code"

# "Done but not recorded": a completion recorded more than this many working days after the
# day it happened (`--grace`) was recorded late.
GRACE_WORKDAYS = 2


def _rows(cursor: Cursor) -> list[Row]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]


def _filters(unit_id: int | None, directive_id: int | None) -> tuple[str, dict[str, int]]:
    """The SQL that keeps the spans `s` of one unit, one directive, or both, and its parameters."""
    sql, params = "", {}
    if unit_id is not None:
        sql += " AND s.unit_id = :unit_id"
        params["unit_id"] = unit_id
    if directive_id is not None:
        sql += " AND s.directive_id = :directive_id"
        params["directive_id"] = directive_id
    return sql, params


def overdue(
    conn: Conn,
    as_of: date,
    unit_id: int | None = None,
    directive_id: int | None = None,
    min_days: int = 0,
) -> list[Row]:
    """Open-overdue tasks as of the date, most days overdue first, late by calendar days and by
    working days; only those `min_days` or more calendar days late."""
    rows = _task_rows(conn, f"{overdue_sql('s', 'as_of')} AND "
                      f"{conn.dialect.days_between(':as_of', 's.due')} >= :min",
                      as_of, unit_id, directive_id, {"min": min_days})
    if rows:
        calendar = workdays.load(conn, date.fromisoformat(rows[0]["due"]), as_of)
        for row in rows:
            row["workdays_overdue"] = calendar.count(date.fromisoformat(row["due"]), as_of)
    return rows


def due_soon(
    conn: Conn,
    as_of: date,
    until: date,
    unit_id: int | None = None,
    directive_id: int | None = None,
) -> list[Row]:
    """Open tasks due from `as_of` to `until`, nearest first: what to chase before it is late;
    days left counted in calendar days and in working days."""
    rows = _task_rows(conn, f"s.state = '{OPEN}' AND s.due >= :as_of AND s.due <= :until",
                      as_of, unit_id, directive_id, {"until": until.isoformat()})
    if rows:
        calendar = workdays.load(conn, as_of, until)
        for row in rows:
            due = date.fromisoformat(row["due"])
            row["days_left"] = (due - as_of).days
            row["workdays_left"] = calendar.count(as_of, due)
    return rows


def stale(
    conn: Conn,
    as_of: date,
    workdays_quiet: int,
    unit_id: int | None = None,
    directive_id: int | None = None,
) -> list[Row]:
    """Open tasks (overdue or not) with no progress note for `workdays_quiet` working days or
    more as of the date: counted from the latest note, or from the assignment when there is
    none (`quiet_since`), quietest first; what to ask news of."""
    quiet_since = f"""COALESCE((SELECT MAX(e.on_date) FROM event e
                                WHERE e.task_id = t.id AND e.kind = 'progress'
                                      AND e.on_date <= :as_of AND {not_voided('e')}),
                               s.assigned)"""
    # Working days are at least as many as calendar days: a cheap first cut in SQL.
    back = conn.dialect.add_days(":as_of", ":back")
    rows = _task_rows(conn, f"s.state = '{OPEN}' AND {quiet_since} <= {back}",
                      as_of, unit_id, directive_id, {"back": -workdays_quiet})
    if not rows:
        return rows
    ids = ",".join(str(row["id"]) for row in rows)
    since = dict(conn.execute(
        f"""SELECT t.id, {quiet_since} FROM task t JOIN task_span s ON s.task_id = t.id
            WHERE t.id IN ({ids}) AND {span_at_sql('s', 'as_of')}""",
        {"as_of": as_of.isoformat()}).fetchall())
    calendar = workdays.load(conn, date.fromisoformat(min(since.values())), as_of)
    found = []
    for row in rows:
        row["quiet_since"] = since[row["id"]]
        row["workdays_quiet"] = calendar.count(date.fromisoformat(row["quiet_since"]), as_of)
        if row["workdays_quiet"] >= workdays_quiet:
            found.append(row)
    found.sort(key=lambda row: row["quiet_since"])
    return found


def overdue_summary(rows: list[Row]) -> list[Row]:
    """Overdue tasks per unit in the buckets reports call out: 1-30, 31-90, 91-120 and over 120
    days late (calendar days), units in Vietnamese alphabetical order."""
    by_unit: dict[str, Row] = {}
    for row in rows:
        counts = by_unit.setdefault(row["unit"], {"unit": row["unit"], "total": 0, **{
            bucket: 0 for bucket, _ in OVERDUE_BUCKETS}})
        counts["total"] += 1
        days = row["days_overdue"]
        counts[next(b for b, top in OVERDUE_BUCKETS if top is None or days <= top)] += 1
    return sorted(by_unit.values(), key=lambda row: vi_sort_key(row["unit"]))


OVERDUE_BUCKETS: list[tuple[str, int | None]] = [
    ("late_1_30", 30), ("late_31_90", 90), ("late_91_120", 120), ("late_over_120", None)]


def extensions_sql(dialect: Dialect) -> str:
    """A task's extensions granted by :as_of, oldest first, as a JSON list: when, to what
    date, by which document."""
    pairs = dialect.json_pairs(("granted", "x.on_date"), ("to", "x.new_due"), ("ref", "x.ref"))
    return f"""(SELECT {dialect.json_list(pairs, 'x.on_date, x.id')}
                FROM (SELECT on_date, new_due, ref, id FROM event
                      WHERE task_id = t.id AND kind = 'extend' AND on_date <= :as_of
                            AND {not_voided('event')}
                      ORDER BY on_date, id) x)"""


def _task_rows(conn: Conn, condition: str, as_of: date, unit_id: int | None,
               directive_id: int | None, params: dict[str, Any]) -> list[Row]:
    """The tasks whose span alive at `as_of` meets `condition`, as overdue and due list them."""
    filters, filtered = _filters(unit_id, directive_id)
    cursor = conn.execute(
        f"""SELECT t.id, d.number AS directive, t.code, t.content, u.name AS unit,
                   u.code AS unit_code, u.email AS unit_email,
                   t.leader, t.officer, s.assigned, s.due, t.due AS original_due, t.due_rule,
                   {extensions_sql(conn.dialect)} AS extensions,
                   {conn.dialect.days_between(':as_of', 's.due')} AS days_overdue,
                   (SELECT e.note FROM event e
                     WHERE e.task_id = t.id AND e.kind = 'progress' AND e.on_date <= :as_of
                           AND {not_voided('e')}
                     ORDER BY e.on_date DESC, e.id DESC LIMIT 1) AS last_progress,
                   (SELECT COUNT(*) FROM reminder r
                     WHERE r.task_id = t.id AND r.on_date <= :as_of) AS reminders
            FROM task_span s
            JOIN task t ON t.id = s.task_id
            JOIN directive d ON d.id = s.directive_id
            JOIN unit u ON u.id = s.unit_id
            WHERE {span_at_sql('s', 'as_of')} AND {condition} {filters}
            ORDER BY s.due NULLS FIRST, d.issued, d.number, {_code_order(conn.dialect)}""",
        {"as_of": as_of.isoformat(), **filtered, **params},
    )
    rows = _rows(cursor)
    for row in rows:  # most tasks have none: no parse for them
        row["extensions"] = json.loads(row["extensions"]) if row["extensions"] != "[]" else []
    return rows


_BY_ID = ("unit", "directive")  # the groups whose key is an id
_GROUP_SQL: dict[GroupBy, tuple[str, str]] = {
    # key expression in the span scan, then how to name it
    "unit": ("s.unit_id", "(SELECT name FROM unit WHERE id = g.k)"),
    "directive": ("s.directive_id", "(SELECT number FROM directive WHERE id = g.k)"),
    "leader": ("t.leader", "g.k"),
    "officer": ("t.officer", "g.k"),
}


def completion(
    conn: Conn,
    as_of: date,
    by: GroupBy = "unit",
    assigned_from: date | None = None,
    assigned_to: date | None = None,
    against_original: bool = False,
    grace: int = GRACE_WORKDAYS,
) -> list[Row]:
    """The standard table: per group, the four status counts and both rates, in Vietnamese
    alphabetical order (directives by date). Tasks are selected by their assigned date.
    `against_original` judges every task by its original deadline, extensions ignored, as some
    inspections count. A unit's or a directive's row holds its id too (`unit_id`,
    `directive_id`): two units may share a name. `recorded_late` counts the tasks done whose
    completion was recorded more than `grace` working days after it happened
    (_recorded_late())."""
    key, name = _GROUP_SQL[by]
    # Unit and directive are on the span; leader and officer, and original deadlines, need the
    # task.
    join = "JOIN task t ON t.id = s.task_id" if key.startswith("t.") or against_original else ""
    state, overdue = "s.state", overdue_sql("s", "as_of")
    if against_original:
        state = (f"CASE WHEN s.state IN ('{Status.DONE_ON_TIME}', '{Status.DONE_LATE}') THEN "
                 f"CASE WHEN t.due IS NULL OR s.done_on <= t.due THEN '{Status.DONE_ON_TIME}' "
                 f"ELSE '{Status.DONE_LATE}' END ELSE s.state END")
        overdue = overdue_sql("s", "as_of", due="t.due")
    period, params = "", {"as_of": as_of.isoformat()}
    if assigned_from:
        period += " AND s.assigned >= :assigned_from"
        params["assigned_from"] = assigned_from.isoformat()
    if assigned_to:
        period += " AND s.assigned <= :assigned_to"
        params["assigned_to"] = assigned_to.isoformat()
    order = "(SELECT issued FROM directive WHERE id = g.k), " if by == "directive" else ""
    # Grouped by (key, span state), which the span_unit index yields in order without a sort;
    # the open spans are split into on time / overdue by counting overdue_sql.
    cursor = conn.execute(
        f"""SELECT {name}, g.k, g.state, g.n, g.overdue
            FROM (SELECT {key} AS k, {state} AS state, COUNT(*) AS n,
                         {conn.dialect.count_where(overdue)} AS overdue
                  FROM task_span s {join}
                  WHERE {span_at_sql('s', 'as_of')} {period}
                  GROUP BY k, 2) AS g
            ORDER BY {order}g.k""",
        params,
    )
    groups: dict[object, Row] = {}
    for group, group_key, state, n, overdue in cursor:
        row = groups.get(group_key)
        if row is None:
            row = groups[group_key] = {
                by: group, **({f"{by}_id": group_key} if by in _BY_ID else {}),
                "total": 0, **{str(s): 0 for s in STATUSES}, "recorded_late": 0}
        row["total"] += n
        if state == OPEN:
            row[Status.OPEN_OVERDUE] += overdue
            row[Status.OPEN_ON_TIME] += n - overdue
        else:
            row[state] += n
    for group_key, late in _recorded_late(conn, key, join, period, params, grace).items():
        groups[group_key]["recorded_late"] = late
    if by in ("leader", "officer"):
        groups = _one_row_a_person(conn, by, groups)
    rows = [with_rates(row) for row in groups.values()]
    if by != "directive":
        rows.sort(key=lambda row: (row[by] is None, vi_sort_key(row[by] or "")))
    return rows


def _one_row_a_person(conn: Conn, by: GroupBy, groups: dict[object, Row]
                      ) -> dict[object, Row]:
    """The rows of names that fold alike ('Phạm Tuấn Anh', 'Pham  Tuan Anh') added into one,
    named as first recorded: one official, as `mine` finds them (register/lookup.people)."""
    names = people(conn, by)
    merged: dict[object, Row] = {}
    for name, row in groups.items():
        key = fold(name) if isinstance(name, str) else None
        row[by] = names.get(key, name) if key is not None else None
        found = merged.get(key)
        if found is None:
            merged[key] = row
            continue
        for count in _COUNTS:
            found[count] += row[count]
    return merged


def _recorded_late(conn: Conn, key: str, join: str, period: str,
                   params: dict[str, str], grace: int) -> dict[object, int]:
    """Per group `key` of completion(): the tasks done as of :as_of whose completion (the
    latest not voided by then) was recorded late (recording_delay() over `grace`), counting
    only what was recorded by :as_of, so that a report as of a past day stays as it was."""
    as_of = date.fromisoformat(params["as_of"])
    # From the completions, not the tasks: a first cut in SQL (the moment's UTC day is at most
    # a day from the office's, and working days are never more than calendar days) leaves only
    # those recorded late, which alone cost a look at their task's span; in a register kept up
    # to date, few. A completion counts when it is the task's latest by :as_of (not voided).
    done = EventKind.DONE
    dialect = conn.dialect
    found = conn.execute(
        f"""SELECT {key} AS k, c.on_date, c.recorded_at, COUNT(*)
            FROM event c {dialect.cross_join} task_span s ON s.task_id = c.task_id {join}
            WHERE c.kind = '{done}' AND c.on_date <= :as_of
                  AND substr(c.recorded_at, 1, 10) <= {dialect.add_days(':as_of', '1')}
                  AND {dialect.days_between('substr(c.recorded_at, 1, 10)', 'c.on_date')}
                      >= :grace
                  AND {not_voided('c')}
                  AND {span_at_sql('s', 'as_of')} {period}
                  AND s.state IN ('{Status.DONE_ON_TIME}', '{Status.DONE_LATE}')
                  AND NOT EXISTS (
                      SELECT 1 FROM event e
                      WHERE e.task_id = c.task_id AND e.kind = '{done}' AND e.on_date <= :as_of
                            AND (e.on_date, e.id) > (c.on_date, c.id) AND {not_voided('e')})
            GROUP BY 1, 2, 3""",
        {**params, "grace": grace}).fetchall()
    days = {moment: local_day(moment) for moment in {row[2] for row in found}}
    late: dict[object, int] = {}
    if not found:
        return late
    calendar = workdays.load(conn, min([*(date.fromisoformat(row[1]) for row in found),
                                        *days.values()]), max(days.values()))
    for group_key, on, moment, n in found:
        if days[moment] <= as_of and recording_delay(calendar, on, moment) > grace:
            late[group_key] = late.get(group_key, 0) + n
    return late


def recording_delay(calendar: workdays.WorkCalendar, on: str, recorded_at: str) -> int:
    """Working days from the day an event happened (`on`, ISO) to the day it was recorded, at
    the office (local_day()): 0 when recorded the same day (or before it happened)."""
    return max(0, calendar.count(date.fromisoformat(on), local_day(recorded_at)))


def with_rates(row: Row) -> Row:
    """Add rate_total (done / total) and rate_due (done / (done + open overdue)): the two rates
    reports use; None where there is nothing to divide."""
    done = row["done_on_time"] + row["done_late"]
    due = done + row["open_overdue"]
    row["rate_total"] = done / row["total"] if row["total"] else None
    row["rate_due"] = done / due if due else None
    return row


_COUNTS = ("total", "done_on_time", "done_late", "open_on_time", "open_overdue",
           "recorded_late")


def total_row(rows: list[Row], by: GroupBy) -> Row:
    """The total of `rows`; of a tree's top rows (level 0) only, which hold the rest."""
    rows = [row for row in rows if not row.get("level")]
    return with_rates({by: None, **{c: sum(row[c] for row in rows) for c in _COUNTS}})


def unit_tree(conn: Conn, rows: list[Row]) -> list[Row]:
    """completion()'s per-unit rows rolled up the unit tree: each unit's row counts its own
    tasks and those of the units under it (communes into their district or province), listed
    under its parent, `level` deep; units with no task anywhere below are left out. Units are
    told apart by id: two communes of one name in two districts stay two."""
    names: dict[int, str] = {}
    parents: dict[int, int | None] = {}
    for unit_id, name, parent_id in conn.execute("SELECT id, name, parent_id FROM unit"):
        names[unit_id], parents[unit_id] = name, parent_id
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in parents.items():
        children.setdefault(parent_id if parent_id in names else None, []).append(unit_id)
    own = {row["unit_id"]: row for row in rows}
    out: list[Row] = []

    def visit(unit_id: int, level: int) -> Row | None:
        below = list(children.get(unit_id, []))
        below.sort(key=lambda u: vi_sort_key(names[u]))
        mine = own.get(unit_id)
        row: Row = {"unit": names[unit_id], "unit_id": unit_id, "level": level,
                    **{c: mine[c] if mine else 0 for c in _COUNTS}}
        at = len(out)
        out.append(row)
        for child in below:
            sub = visit(child, level + 1)
            if sub is not None:
                for c in _COUNTS:
                    row[c] += sub[c]
        if not row["total"]:
            del out[at:]
            return None
        with_rates(row)
        return row

    for root in sorted(children.get(None, []), key=lambda u: vi_sort_key(names[u])):
        visit(root, 0)
    return out


def task_list(
    conn: Conn,
    as_of: date,
    unit_id: int | None = None,
    directive_id: int | None = None,
    statuses: tuple[Status, ...] = (),
) -> list[Row]:
    """Tasks that exist and are not cancelled as of the date, with the deadline in force then."""
    wanted = ""
    if statuses:
        wanted = " AND st IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"
    filters, filtered = _filters(unit_id, directive_id)
    cursor = conn.execute(
        f"""SELECT * FROM (
              SELECT t.id, d.number AS directive, t.code, t.content, u.name AS unit,
                     t.leader, t.officer, s.assigned, s.due, {status_sql('s', 'as_of')} AS st,
                     s.done_on
              FROM task_span s
              JOIN task t ON t.id = s.task_id
              JOIN directive d ON d.id = s.directive_id
              JOIN unit u ON u.id = s.unit_id
              WHERE {span_at_sql('s', 'as_of')} {filters}
              ORDER BY d.issued, d.number, {_code_order(conn.dialect)}) AS listed
            WHERE TRUE {wanted}""",
        {"as_of": as_of.isoformat(), **filtered},
    )
    rows = _rows(cursor)
    for row in rows:
        row["status"] = row.pop("st")
    return rows


def task_detail(conn: Conn, task_id: int, as_of: date,
                grace: int = GRACE_WORKDAYS) -> Row:
    """One task as of the date, with its co-units and its whole history; each completion
    recorded more than `grace` working days after it happened carries the working days
    (`recorded_late_workdays`, else None), a voided one never."""
    cursor = conn.execute(
        f"""SELECT t.id, d.number AS directive, t.code, t.content, u.name AS unit, t.leader,
                   t.officer, t.assigned, t.due_rule, t.due AS original_due,
                   d.title AS directive_title, {extensions_sql(conn.dialect)} AS extensions,
                   t.task_group AS "group"
            FROM task t JOIN directive d ON d.id = t.directive_id
            JOIN unit u ON u.id = t.unit_id
            WHERE t.id = :id""",
        {"id": task_id, "as_of": as_of.isoformat()},
    )
    task = _rows(cursor)[0]
    task["extensions"] = json.loads(task["extensions"])
    span = conn.execute(
        f"""SELECT s.state, s.due, s.done_on, {status_sql('s', 'as_of')},
                   (SELECT name FROM unit WHERE id = s.unit_id)
            FROM task_span s
            WHERE s.task_id = :id AND {span_at_sql('s', 'as_of', cancelled=True)}""",
        {"id": task_id, "as_of": as_of.isoformat()},
    ).fetchone()
    voided = conn.execute("SELECT recorded_at, recorded_by, reason FROM void WHERE task_id = ?",
                          (task_id,)).fetchone()
    if voided:
        task.update(status="voided", due=task["original_due"], done_on=None, voided_at=voided[0],
                    voided_by=voided[1], void_reason=voided[2])
    elif span is None:
        task.update(status="not_assigned_yet", due=task["original_due"], done_on=None)
    else:
        state, due, done_on, status, unit = span
        task.update(status=CANCELLED if state == CANCELLED else status, due=due, done_on=done_on,
                    unit=unit)
    task["co_units"] = [
        name for (name,) in conn.execute(
            "SELECT u.name FROM task_co_unit c JOIN unit u ON u.id = c.unit_id WHERE c.task_id = ?",
            (task_id,),
        )
    ]
    task["co_units"].sort(key=vi_sort_key)
    # Voided events stay in the history, marked with who voided them, when and why.
    task["history"] = _rows(conn.execute(
        """SELECT e.id, e.on_date AS "on", e.kind, e.note, e.ref, e.percent, e.new_due,
                  e.recorded_at, e.recorded_by, v.recorded_at AS voided_at,
                  v.recorded_by AS voided_by,
                  v.reason AS void_reason
           FROM event e LEFT JOIN void v ON v.event_id = e.id
           WHERE e.task_id = ? ORDER BY e.on_date, e.id""",
        (task_id,),
    ))
    done = [e for e in task["history"] if e["kind"] == EventKind.DONE and not e["voided_at"]]
    calendar = workdays.load(
        conn, min(min(date.fromisoformat(e["on"]), local_day(e["recorded_at"])) for e in done),
        max(local_day(e["recorded_at"]) for e in done)) if done else None
    judged = {e["id"] for e in done}
    for event in task["history"]:
        delay = recording_delay(calendar, event["on"], event["recorded_at"]) if (
            calendar and event["id"] in judged) else 0
        event["recorded_late_workdays"] = delay if delay > grace else None
    task["changes"] = field_changes(conn, task_id=task_id)
    # The reminders sent about it (chase/reminders.py), oldest first; a letter's (chase/
    # letter.py) with the letter's number and date.
    task["reminders"] = _rows(conn.execute(
        """SELECT r.on_date AS "on", r.channel, r.address, r.message_id,
                  l.number AS letter, l.on_date AS letter_on, r.recorded_at
           FROM reminder r LEFT JOIN letter l ON l.id = r.letter_id
           WHERE r.task_id = ? ORDER BY r.on_date, r.id""", (task_id,)))
    return task


def field_changes(conn: Conn, task_id: int | None = None,
                  unit_id: int | None = None, directive_id: int | None = None) -> list[Row]:
    """The fields edited (clerk.corrections), oldest first: on a task, a unit, a directive, or all
    of them; `what` is the kind of thing, `name` which one as people name it; `void_reason`,
    why a reassignment was voided since (it no longer counts)."""
    params = {column: value for column, value in (
        ("task_id", task_id), ("unit_id", unit_id), ("directive_id", directive_id))
        if value is not None}
    wanted = [f"c.{column} = :{column}" for column in params]
    return _rows(conn.execute(
        f"""SELECT c.recorded_at, c.recorded_by,
                   CASE WHEN c.task_id IS NOT NULL THEN 'task'
                        WHEN c.unit_id IS NOT NULL THEN 'unit' ELSE 'directive' END AS what,
                   COALESCE((SELECT d.number || '#' || t.code FROM task t
                             JOIN directive d ON d.id = t.directive_id WHERE t.id = c.task_id),
                            (SELECT code FROM unit WHERE id = c.unit_id),
                            (SELECT number FROM directive WHERE id = c.directive_id)) AS name,
                   c.field, c.old_value, c.new_value, c.from_date, c.note,
                   (SELECT v.reason FROM void v WHERE v.event_id = c.event_id) AS void_reason
            FROM field_change c
            {"WHERE " + " AND ".join(wanted) if wanted else ""}
            ORDER BY c.id""",
        params))


def voided_tasks(conn: Conn, unit_id: int | None = None,
                 directive_id: int | None = None) -> list[Row]:
    """The tasks voided as entered by mistake, with who voided them, when and why."""
    params = {column: value for column, value in (
        ("unit_id", unit_id), ("directive_id", directive_id)) if value is not None}
    filters = "".join(f" AND t.{column} = :{column}" for column in params)
    return _rows(conn.execute(
        f"""SELECT t.id, d.number AS directive, t.code, t.content, u.name AS unit,
                   v.recorded_at AS voided_at, v.recorded_by AS voided_by,
                   v.reason AS void_reason
            FROM void v JOIN task t ON t.id = v.task_id
            JOIN directive d ON d.id = t.directive_id JOIN unit u ON u.id = t.unit_id
            WHERE 1 = 1 {filters}
            ORDER BY d.issued, d.number, {_code_order(conn.dialect)}""",
        params))


def unit_list(conn: Conn, as_of: date, show_all: bool = False) -> list[Row]:
    """The units as they stood on `as_of`: those ended by then only if `show_all` (an end
    after it is not shown); each with its tasks as of then (assigned, not cancelled)."""
    rows = _rows(conn.execute(
        f"""SELECT u.code, u.name, u.kind AS unit_kind, p.code AS parent, u.email, u.cc,
                   COALESCE(n.tasks, 0) AS tasks,
                   CASE WHEN u.ended_on <= :as_of THEN u.ended_on END AS ended_on,
                   CASE WHEN u.ended_on <= :as_of THEN h.code END AS successor
            FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
            LEFT JOIN unit h ON h.id = u.successor_id
            LEFT JOIN (SELECT s.unit_id, COUNT(*) AS tasks FROM task_span s
                       WHERE {span_at_sql('s', 'as_of')} GROUP BY s.unit_id) AS n
                      ON n.unit_id = u.id
            {"" if show_all else "WHERE u.ended_on IS NULL OR u.ended_on > :as_of"}""",
        {"as_of": as_of.isoformat()},
    ))
    rows.sort(key=lambda row: vi_sort_key(row["name"]))
    return rows


def directive_list(conn: Conn, as_of: date) -> list[Row]:
    """The directives issued by `as_of`, oldest first, with their tasks as of then (assigned,
    not cancelled)."""
    return _rows(conn.execute(
        f"""SELECT d.number, d.issued, d.title, d.issuer, d.signer, COALESCE(n.tasks, 0) AS tasks
            FROM directive d
            LEFT JOIN (SELECT s.directive_id, COUNT(*) AS tasks FROM task_span s
                       WHERE {span_at_sql('s', 'as_of')} GROUP BY s.directive_id) AS n
                      ON n.directive_id = d.id
            WHERE d.issued <= :as_of
            ORDER BY d.issued, d.number""",
        {"as_of": as_of.isoformat()},
    ))


def directive_detail(conn: Conn, directive_id: int) -> Row:
    return _rows(conn.execute(
        "SELECT number, issued, title, issuer, signer FROM directive WHERE id = ?",
        (directive_id,),
    ))[0]


def register_info(conn: Conn) -> Row:
    """What a register holds: its size, schema, counts, and the moment it was last written."""
    from dondoc.register.migrations import MIGRATIONS

    (size,) = conn.execute(conn.dialect.register_size).fetchone()
    version = db.schema_version(conn)
    counts = conn.execute(
        """SELECT (SELECT COUNT(*) FROM unit), (SELECT COUNT(*) FROM directive),
                  (SELECT COUNT(*) FROM task), (SELECT COUNT(*) FROM event),
                  (SELECT COUNT(*) FROM void)""").fetchone()
    (last,) = conn.execute(
        """SELECT MAX(m) FROM (SELECT MAX(created_at) AS m FROM unit
                               UNION ALL SELECT MAX(created_at) FROM directive
                               UNION ALL SELECT MAX(created_at) FROM task
                               UNION ALL SELECT MAX(recorded_at) FROM event
                               UNION ALL SELECT MAX(recorded_at) FROM void
                               UNION ALL SELECT MAX(recorded_at) FROM field_change) AS moments"""
    ).fetchone()
    return {"size_bytes": int(size),
            "schema": f"{version} ({MIGRATIONS[version - 1][0]})" if version else "0",
            **dict(zip(("units", "directives", "tasks", "events", "voided"), counts,
                       strict=True)),
            "last_write": last}
