"""An official's work plan: "one focal point, one job throughout" asks each leader and each
specialist to keep the tasks they answer for in view. Their open tasks as of a date, in the
sections they are worked in: late, due this week (to its Sunday), this month, this quarter; each
task in the first section it fits. Tasks due later, or standing tasks with no deadline, are
only counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from dondoc import reports
from dondoc.register.db import Conn
from dondoc.register.lookup import find_person
from dondoc.register.status import Status
from dondoc.text import fold

Role = Literal["leader", "officer"]
SECTIONS = ("late", "this_week", "this_month", "this_quarter")


@dataclass
class WorkPlan:
    name: str  # as the register first recorded it
    role: Role
    as_of: date
    ends: dict[str, date]  # the last day of this week, month and quarter
    rows: list[reports.Row] = field(default_factory=list)  # each with its `section`
    later: int = 0  # open tasks due after the quarter, or with no deadline


def period_ends(day: date) -> dict[str, date]:
    """The last day of the week (Sunday), the month and the quarter `day` is in."""
    def month_end(year: int, month: int) -> date:
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    return {"this_week": day + timedelta(days=6 - day.weekday()),
            "this_month": month_end(day.year, day.month),
            "this_quarter": month_end(day.year, (day.month - 1) // 3 * 3 + 3)}


def work_plan(conn: Conn, as_of: date, role: Role, name: str) -> WorkPlan:
    """The open tasks as of `as_of` whose `role` is the official `name` names (looked up as
    register.lookup.find_person finds it), late first, then by deadline."""
    shown, key = find_person(conn, role, name)
    plan = WorkPlan(shown, role, as_of, period_ends(as_of))
    open_tasks = reports.task_list(conn, as_of, statuses=(Status.OPEN_OVERDUE,
                                                          Status.OPEN_ON_TIME))
    for row in open_tasks:
        if row[role] is None or fold(row[role]) != key:
            continue
        due = date.fromisoformat(row["due"]) if row["due"] else None
        section = "late" if row["status"] == Status.OPEN_OVERDUE else next(
            (s for s, end in plan.ends.items() if due is not None and due <= end), None)
        if section is None:
            plan.later += 1
            continue
        row["section"] = section
        row["days_left"] = (due - as_of).days if due else None
        plan.rows.append(row)
    plan.rows.sort(key=lambda row: (SECTIONS.index(row["section"]), row["due"]))
    return plan
