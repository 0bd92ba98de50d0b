"""The status of a task as of a date D: the one place the rule is written.

A task's history (its events) is turned into a timeline of spans, each a stretch of days over
which nothing that matters changed: the task is open, done (on time or late) or cancelled, under
one deadline. Reports pick, for each task, the span that contains D (`span_at_sql`);
`status_sql` then splits an open span into on time / overdue, the only part that depends on D
itself.

As of D (DOMAIN.md, Quyết định 42/2014/QĐ-TTg):
- a task assigned after D does not exist yet, and a cancelled one leaves the counts;
- only what happened on or before D counts, by the date it happened (`on`), not when it was
  recorded: a completion recorded late but dated before D counts;
- the deadline in force is the latest extension granted on or before D, else the original;
- done on time: completed on or before that deadline; done late: after it;
- open on time: not completed, deadline >= D or no deadline; open overdue: deadline < D.
A task reopened is open again from that day; a later completion replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dondoc.register.dialect import SQLITE, Dialect


class EventKind(StrEnum):
    PROGRESS = "progress"  # a dated note, optionally a percentage
    DONE = "done"  # completed on `on`, proved by `ref`
    EXTEND = "extend"  # deadline moved to `new_due` by the document `ref`, granted on `on`
    CANCEL = "cancel"  # withdrawn: leaves the counts from `on`
    REOPEN = "reopen"  # open again from `on`
    CHANGE = "change"  # a field of the task corrected (by an import); `note` says old -> new


class Status(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_ON_TIME = "open_on_time"
    OPEN_OVERDUE = "open_overdue"


STATUSES = tuple(Status)

# A span's state: the status groups that do not depend on D, plus open and cancelled.
OPEN = "open"
CANCELLED = "cancelled"

# The end of a span that has not ended: compares after every real ISO date.
FOREVER = "9999-12-31"


@dataclass(frozen=True, slots=True)
class Fact:
    """One event, as much of it as the status rule needs."""

    on: date
    kind: EventKind
    new_due: date | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """From `start` (inclusive) to `end` (exclusive, None: not ended) the task is in `state`."""

    start: date
    end: date | None
    state: str  # OPEN, CANCELLED, Status.DONE_ON_TIME or Status.DONE_LATE
    due: date | None
    done_on: date | None


def timeline(assigned: date, due: date | None, facts: Iterable[Fact]) -> list[Span]:
    """The task's spans from its assigned date on. `facts` come in the order they happened
    (by `on`, then by the order they were recorded); a fact dated before the task was assigned
    takes effect on the assigned date."""
    spans: list[Span] = []
    start, done_on, cancelled = assigned, None, False
    for fact in facts:
        on = max(fact.on, assigned)
        if on > start:
            spans.append(_span(start, on, due, done_on, cancelled))
            start = on
        if fact.kind is EventKind.DONE:
            done_on, cancelled = on, False
        elif fact.kind is EventKind.EXTEND:
            due = fact.new_due
        elif fact.kind is EventKind.CANCEL:
            cancelled = True
        elif fact.kind is EventKind.REOPEN:
            done_on, cancelled = None, False
    spans.append(_span(start, None, due, done_on, cancelled))
    return _merged(spans)


def _span(start: date, end: date | None, due: date | None, done_on: date | None,
          cancelled: bool) -> Span:
    if cancelled:
        state = CANCELLED
    elif done_on is None:
        state = OPEN
    elif due is None or done_on <= due:
        state = Status.DONE_ON_TIME
    else:
        state = Status.DONE_LATE
    return Span(start, end, state, due, done_on)


def _merged(spans: list[Span]) -> list[Span]:
    """Join neighbours that say the same thing (a progress note starts no new span)."""
    out: list[Span] = []
    for span in spans:
        if out and (out[-1].state, out[-1].due, out[-1].done_on) == (
            span.state, span.due, span.done_on
        ):
            out[-1] = Span(out[-1].start, span.end, span.state, span.due, span.done_on)
        else:
            out.append(span)
    return out


# The SQL that reads a span as of D. Each takes the alias its caller gives table task_span and
# the name of the parameter its caller binds to D (an ISO date): the caller's query says both,
# and tests/reports/test_sql_contract.py checks that every report binds each parameter its SQL
# names, and no other.


def overdue_sql(span: str, as_of: str, due: str | None = None) -> str:
    """1 if span `span` is open and overdue as of `:as_of`, else 0 (never NULL: a task without a
    deadline is never overdue); judged by the deadline `due` (an SQL expression) where given,
    else the span's own."""
    due = due or f"{span}.due"
    return f"({span}.state = '{OPEN}' AND {due} IS NOT NULL AND {due} < :{as_of})"


def status_sql(span: str, as_of: str) -> str:
    """The status of span `span` as of `:as_of`, one of Status; use with span_at_sql(), which
    also leaves out cancelled tasks and tasks not yet assigned."""
    return f"""CASE WHEN {overdue_sql(span, as_of)} THEN '{Status.OPEN_OVERDUE}'
    WHEN {span}.state = '{OPEN}' THEN '{Status.OPEN_ON_TIME}' ELSE {span}.state END"""


def span_at_sql(span: str, as_of: str, cancelled: bool = False) -> str:
    """True for the one span of each task that contains `:as_of`: the task's state that day;
    a cancelled task's only with `cancelled`."""
    alive = f"{span}.valid_from <= :{as_of} AND {span}.valid_to > :{as_of}"
    return alive if cancelled else f"{alive} AND {span}.state != '{CANCELLED}'"


def first_spans_sql(tasks: str, dialect: Dialect = SQLITE) -> str:
    """SELECT the task_span rows timeline() gives tasks that have no events yet except an
    optional completion, as an import creates them; `tasks` is a relation with columns task_id,
    assigned, due, done, unit_id and directive_id. The same rule as timeline() for that one case,
    in SQL so a million new tasks need no Python each (tests/register/test_status: they agree):
    open from the assigned date until the completion, then done from it (a completion dated
    before the assigned date counts on the assigned date)."""
    done_on = dialect.greatest("t.done", "t.assigned")
    return f"""
        SELECT t.task_id,
               CASE p.part WHEN 0 THEN t.assigned ELSE {done_on} END,
               CASE WHEN p.part = 0 AND t.done IS NOT NULL THEN t.done ELSE '{FOREVER}' END,
               CASE WHEN p.part = 0 THEN '{OPEN}'
                    WHEN t.due IS NULL OR {done_on} <= t.due THEN '{Status.DONE_ON_TIME}'
                    ELSE '{Status.DONE_LATE}' END,
               t.due,
               CASE p.part WHEN 0 THEN NULL ELSE {done_on} END,
               t.unit_id, t.directive_id, t.assigned
        FROM ({tasks}) AS t
        JOIN (SELECT 0 AS part UNION ALL SELECT 1) AS p
          ON (p.part = 0 AND (t.done IS NULL OR t.done > t.assigned))
          OR (p.part = 1 AND t.done IS NOT NULL)"""


def first_spans(task_id: int, assigned: str, due: str | None, done: str | None, unit_id: int,
                directive_id: int) -> list[tuple[object, ...]]:
    """first_spans_sql()'s rows for one task, ISO dates in and out: what an import writes for
    a task of a directive it creates, built as the file is read (tests/register/test_status:
    all three agree)."""
    spans: list[tuple[object, ...]] = []
    if done is None or done > assigned:
        spans.append((task_id, assigned, done or FOREVER, OPEN, due, None, unit_id,
                      directive_id, assigned))
    if done is not None:
        done_on = max(done, assigned)
        state = Status.DONE_ON_TIME if due is None or done_on <= due else Status.DONE_LATE
        spans.append((task_id, done_on, FOREVER, str(state), due, done_on, unit_id,
                      directive_id, assigned))
    return spans


def not_voided(event: str) -> str:
    """SQL: true unless event `event` (a table or its alias) was voided (migrations.M007_VOID);
    a voided event counts nowhere."""
    return f"NOT EXISTS (SELECT 1 FROM void v WHERE v.event_id = {event}.id)"
