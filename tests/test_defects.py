"""Defects found by trying dondoc as a new user would (issue 9), each through the real command."""

from __future__ import annotations

import json

from conftest import Run


def test_completion_refuses_from_after_to(office: Run) -> None:
    err = office.fails("completion", "--from", "01/04/2023", "--to", "31/03/2023")
    assert err.strip().splitlines() == [
        "dondoc: error: --from 01/04/2023 is after --to 31/03/2023: no task can be assigned between "
        "(give --from on or before --to)"]
    # The same day at both ends is a period of one day.
    office("completion", "--from", "14/02/2023", "--to", "14/02/2023")


def test_directive_show_has_the_recurring_instances_task_list_has(office: Run) -> None:
    office("directive", "add", "9/KH-UBND", "--issued", "05/01/2026")
    office("task", "add", "9/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every", "quarter")
    # A date after today: the instances of 2027 exist only once a command has reached them,
    # so directive show goes first.
    shown = json.loads(office("directive", "show", "9/KH-UBND", "--as-of", "15/04/2027",
                              "-f", "json"))
    listed = json.loads(office("task", "list", "--directive", "9/KH-UBND", "--as-of",
                               "15/04/2027", "-f", "json"))
    assert [r["code"] for r in shown["tasks"]] == [r["code"] for r in listed]
    assert [r["code"] for r in listed][-2:] == ["1/2027-Q1", "1/2027-Q2"]
