"""Fixed choices (--by, --against, --status, --every, move-deadlines on|off) are enums: a value
outside them is a usage error, exit 2, naming the choices, as `--format bogus` is; and every
value inside them does what it says."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
import registers
from conftest import Run

from dondoc import reports
from dondoc.clerk import writes
from dondoc.cli.reports import By
from dondoc.cli.tasks import STATUS_GROUPS, Every, Wanted
from dondoc.deadlines.recurring import MONTHS
from dondoc.register import db
from dondoc.register.status import Status


def events(db: Path) -> int:
    return int(registers.rows("SELECT COUNT(*) FROM event")[0][0])


# (command line, the option as the error names it, the choices it lists)
REFUSED = [
    (("completion", "--by", "county"), "'--by' / '-b'",
     "'county' is not one of 'unit', 'directive', 'leader', 'officer'."),
    (("completion", "--against", "latest"), "'--against'",
     "'latest' is not one of 'current', 'original'."),
    (("task", "list", "--status", "open", "--status", "closed"), "'--status' / '-s'",
     "'closed' is not one of 'done_on_time', 'done_late', 'open_on_time', 'open_overdue', "
     "'done', 'open', 'overdue', 'late'."),
    (("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--every", "week"), "'--every'",
     "'week' is not one of 'month', 'quarter', 'half-year', 'year'."),
    (("calendar", "move-deadlines", "yes"), "'on|off'", "'yes' is not one of 'on', 'off'."),
]


@pytest.mark.parametrize(("args", "option", "choices"), REFUSED)
def test_a_value_outside_the_choices_is_a_usage_error(office: Run, isolated: Path,
                                                      args: tuple[str, ...], option: str,
                                                      choices: str) -> None:
    tasks = office("task", "list", "--format", "csv")
    before = events(isolated)
    result = office.invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    # Typer 0.29 puts "Value error, " between the two halves; 0.28 does not.
    line = next(line for line in result.stderr.splitlines() if line.startswith("Error: "))
    assert line.startswith(f"Error: Invalid value for {option}: ") and line.endswith(choices)
    assert office("task", "list", "--format", "csv") == tasks and events(isolated) == before


def test_the_choices_are_the_domains() -> None:
    """Each enum offers what the rule below it knows, no more and no less."""
    assert [b.value for b in By] == list(reports.GROUP_BYS)
    assert [e.value for e in Every] == list(MONTHS)
    assert {w.value for w in Wanted} - {g.value for g in STATUS_GROUPS} == set(Status)


def test_a_period_the_command_line_does_not_offer_is_refused_by_the_register(
        office: Run, isolated: Path) -> None:
    """The library takes the period as a string: the schema is what stops a bad one reaching
    the register, where every report would trip on it."""
    with closing(db.connect(db.resolve_path(None))) as conn, \
            pytest.raises(sqlite3.IntegrityError):
        with db.transaction(conn):
            writes.add_recurring(conn, "847/QĐ-UBND", "Báo cáo", "SXD", "week",
                                 date(2023, 3, 1), code="R")
    listed = office("task", "list", "--as-of", "31/12/2023", "--format", "csv")
    assert listed.count("\n") == 5  # the header and the four tasks: nothing recurs


@pytest.fixture
def finished(office: Run) -> Run:
    """As of 20/03/2023: task 1 open overdue (due 15/03), 2 done late (due 01/03, done 05/03),
    3 done on time only by its extension (due 20/02, extended to 10/03, done 05/03), 4 open
    with no deadline."""
    office("extend", "3", "--to", "10/03/2023", "--on", "18/02/2023")
    office("done", "3", "--on", "05/03/2023")
    office("done", "2", "--on", "05/03/2023")
    return office


@pytest.mark.parametrize(("wanted", "ids"), [
    ("done_on_time", {3}), ("done_late", {2}), ("open_on_time", {4}), ("open_overdue", {1}),
    ("done", {2, 3}), ("open", {1, 4}), ("overdue", {1}), ("late", {1, 2}),
])
def test_each_status_lists_its_tasks(finished: Run, wanted: str, ids: set[int]) -> None:
    rows = json.loads(finished("task", "list", "--status", wanted, "--as-of", "20/03/2023",
                               "--format", "json"))
    assert {row["id"] for row in rows} == ids


def test_statuses_add_up(finished: Run) -> None:
    rows = json.loads(finished("task", "list", "-s", "overdue", "-s", "done_on_time",
                               "--as-of", "20/03/2023", "--format", "json"))
    assert sorted(row["id"] for row in rows) == [1, 3]


@pytest.mark.parametrize("by", ["unit", "directive", "leader", "officer"])
def test_completion_by_each(finished: Run, by: str) -> None:
    rows = json.loads(finished("completion", "--by", by, "--as-of", "20/03/2023", "-f", "json"))
    assert all(list(row)[0] == by for row in rows)
    assert sum(row["total"] for row in rows) == 4
    names = {row[by] for row in rows}
    assert {"unit": "UBND xã Vân Nội", "directive": "847/QĐ-UBND", "leader": "Nguyễn Xuân Linh",
            "officer": "Bùi Thanh Tùng"}[by] in names


def test_completion_against_each(finished: Run) -> None:
    def done(against: str) -> tuple[int, int]:
        rows = json.loads(finished("completion", "--against", against, "--by", "directive",
                                   "--as-of", "20/03/2023", "-f", "json"))
        return rows[0]["done_on_time"], rows[0]["done_late"]

    assert done("current") == (1, 1)
    assert done("original") == (0, 2)  # task 3 was late for its first deadline


@pytest.mark.parametrize(("every", "instances"), [
    ("month", 12), ("quarter", 4), ("half-year", 2), ("year", 1),
])
def test_a_recurring_task_every_period(office: Run, every: str, instances: int) -> None:
    out = office("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--every", every,
                 "--code", "R", "--assigned", "01/01/2024", "--until", "31/12/2024")
    assert f"one task every {every}, from 01/01/2024" in out
    codes = office("task", "list", "--directive", "847/QĐ-UBND", "--as-of", "31/12/2024",
                   "--columns", "code", "--format", "csv").split()
    assert len([code for code in codes if code.startswith("R/2024")]) == instances


def test_move_deadlines_on_and_off(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "1/KH-UBND", "--issued", "02/01/2025")

    def due(task: str, given: str) -> str:
        dondoc("task", "add", "1/KH-UBND", task, "--unit", "SXD", "--due", given)
        rows = json.loads(dondoc("task", "list", "--as-of", "02/01/2025", "-f", "json"))
        return str(next(row["due"] for row in rows if row["content"] == task))

    assert dondoc("calendar", "move-deadlines", "off") == (
        "Deadlines that fall on a day off now stay where they fall\n")
    assert due("Việc A", "04/01/2025") == "2025-01-04"  # a Saturday
    assert dondoc("calendar", "move-deadlines", "on") == (
        "Deadlines that fall on a day off now move to the next working day\n")
    assert due("Việc B", "04/01/2025") == "2025-01-06"  # the Monday after
