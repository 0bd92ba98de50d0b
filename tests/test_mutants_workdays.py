"""Tests that kill mutants of the working-day arithmetic that the other tests let live
(bench/mutation.py, docs/mutation.md): each names the breakage it catches."""

from __future__ import annotations

from datetime import date

import pytest

from dondoc.workdays import WorkCalendar


def d(n: int) -> date:
    return date(2025, 9, n)  # 1 September 2025 is a Monday


# Monday 1 to Sunday 14 September; the 2nd off, Saturday the 6th worked.
WEEKS = WorkCalendar(d(1), d(14), off={d(2)}, work={d(6)})


def test_the_first_and_last_day_of_a_calendar_are_days_like_any_other() -> None:
    """Day 0 has no day before it to compare its running total with."""
    assert [WEEKS.is_workday(d(n)) for n in range(1, 15)] == [
        True, False, True, True, True, True, False,
        True, True, True, True, True, False, False,
    ]
    with pytest.raises(ValueError, match="outside the calendar"):
        WEEKS.is_workday(d(15))
    with pytest.raises(ValueError, match="outside the calendar"):
        WEEKS.is_workday(date(2025, 8, 31))


def test_counting_and_adding_at_the_calendar_edges() -> None:
    assert WEEKS.count(d(1), d(14)) == 9
    assert WEEKS.count(d(14), d(1)) == -9
    assert WEEKS.count(d(5), d(5)) == 0
    assert WEEKS.add(d(1), 1) == d(3)  # the 2nd is off
    assert WEEKS.add(d(5), 1) == d(6)  # the Saturday worked
    assert WEEKS.add(d(1), 9) == d(12)  # the last working day loaded
    with pytest.raises(ValueError, match="10 working days after 2025-09-01"):
        WEEKS.add(d(1), 10)
    assert WEEKS.next_workday(d(12)) == d(12)
    assert WEEKS.next_workday(d(2)) == d(3)
    assert WEEKS.covers(d(1), d(14)) and not WEEKS.covers(d(1), d(15))
    assert not WEEKS.covers(date(2025, 8, 31), d(14))
