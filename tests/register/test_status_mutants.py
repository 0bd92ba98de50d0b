"""Tests that kill mutants of the status rule the other tests let live (bench/mutation.py,
docs/mutation.md): each names the breakage it catches."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import Run

from dondoc.register import spans
from dondoc.register.status import OPEN, EventKind, Fact, Span, Status, timeline


def test_a_note_after_the_completion_keeps_the_completion_date() -> None:
    """A progress note splits no span: the done span joined back over it still says when the
    task was done (a merge that dropped `done_on` would export the task with no completion)."""
    a, done = date(2023, 2, 14), date(2023, 2, 20)
    facts = [Fact(done, EventKind.DONE), Fact(date(2023, 2, 25), EventKind.PROGRESS)]
    assert timeline(a, date(2023, 3, 1), facts) == [
        Span(a, done, OPEN, date(2023, 3, 1), None),
        Span(done, None, Status.DONE_ON_TIME, date(2023, 3, 1), done),
    ]


A, B, C = 1, 2, 3  # unit ids


def d(n: int) -> date:
    return date(2025, 7, n)


@pytest.mark.parametrize(("end", "handovers", "pieces"), [
    # Passed on before or on the span's first day: the span is the new unit's, whole.
    (d(10), [(d(1), B)], [(d(2), d(10), B)]),
    (d(10), [(d(2), B)], [(d(2), d(10), B)]),
    # Passed on inside it: cut there; on its end or after: not cut (no empty piece).
    (d(10), [(d(5), B)], [(d(2), d(5), A), (d(5), d(10), B)]),
    (d(10), [(d(10), B)], [(d(2), d(10), A)]),
    (d(10), [(d(12), B)], [(d(2), d(10), A)]),
    # A span not ended is cut by every handover after its start.
    (None, [(d(5), B), (d(8), C)], [(d(2), d(5), A), (d(5), d(8), B), (d(8), None, C)]),
])
def test_a_span_is_cut_where_responsibility_passed(
    end: date | None, handovers: list[tuple[date, int]],
    pieces: list[tuple[date, date | None, int]],
) -> None:
    """spans._by_unit: a piece per unit responsible, none empty (an empty piece counts nowhere
    but is a row no span should be)."""
    assert list(spans._by_unit(d(2), end, A, handovers)) == pieces


def test_task_show_of_a_cancelled_task_reads_its_cancelled_span(dondoc: Run) -> None:
    """Reports leave a cancelled task out (span_at_sql), but `task show` reads its span all the
    same (cancelled=True): without it the task would show as not assigned yet."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "1/QĐ", "--issued", "02/01/2023")
    dondoc("task", "add", "1/QĐ", "Việc", "--unit", "SXD", "--due", "10/01/2023")
    dondoc("cancel", "1/QĐ#1", "--on", "05/01/2023", "--note", "thôi")
    shown = json.loads(dondoc("task", "show", "1/QĐ#1", "--as-of", "20/01/2023", "-f", "json"))
    assert (shown["status"], shown["due"]) == ("cancelled", "2023-01-10")
    assert "1/QĐ" not in dondoc("task", "list", "--as-of", "20/01/2023", "-f", "csv")
