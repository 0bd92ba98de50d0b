"""The leaders' digest: what was recorded since the last one, without overlap or gap."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

from conftest import Run

from dondoc.chase import digest as digests
from dondoc.register import db

AS_OF = ("--as-of", "10/03/2023")


def sections(run: Run, *args: str) -> dict[str, list[tuple[str, str]]]:
    """Each section's items as (directive#code, detail), from the json form."""
    found = json.loads(run("digest", *AS_OF, *args, "-f", "json"))
    by_section: dict[str, list[tuple[str, str]]] = {}
    for item in found["items"]:
        by_section.setdefault(item["section"], []).append(
            (f"{item['directive']}#{item['code']}", str(item["detail"])))
    assert found["counts"] == {s: len(by_section.get(s, [])) for s in digests.SECTIONS}
    return by_section


def test_a_first_digest_lists_what_was_recorded_and_compares_the_totals(office: Run) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")  # before 01/03
    office("done", "847/QĐ-UBND#3", "--on", "25/02/2023", "--ref", "BC 13")  # after 20/02
    office("extend", "847/QĐ-UBND#1", "--to", "31/03/2023", "--on", "10/03/2023",
           "--ref", "CV 45")
    found = sections(office, "--since", "01/01/2023")
    assert found["new_directive"] == [("847/QĐ-UBND#None", "None")]
    assert [ref for ref, _ in found["new_task"]] == [f"847/QĐ-UBND#{n}" for n in (1, 2, 3, 4)]
    assert found["done_on_time"] == [("847/QĐ-UBND#2", "BC 12")]
    assert found["done_late"] == [("847/QĐ-UBND#3", "BC 13")]
    assert found["extended"] == [("847/QĐ-UBND#1", "2023-03-31")]
    assert "newly_overdue" not in found  # nothing is late on 10/03 that was not on 31/12
    totals = json.loads(office("digest", *AS_OF, "--since", "01/01/2023", "-f", "json"))
    assert totals["then"] == "2022-12-31"
    assert totals["totals"]["then"]["total"] == 0
    assert totals["totals"]["now"] == {
        "total": 4, "done_on_time": 1, "done_late": 1, "open_on_time": 2, "open_overdue": 0,
        "rate_total": 0.5, "rate_due": 1.0, "overdue": 0}


def test_newly_overdue_are_those_late_now_and_not_then(office: Run) -> None:
    found = sections(office, "--since", "25/02/2023")  # compared with 24/02: #3 was late then
    assert found["newly_overdue"] == [("847/QĐ-UBND#2", "9")]  # due 01/03, 9 days late on 10/03


def test_a_digest_starts_where_the_last_one_to_its_recipient_ended(office: Run,
                                                                   isolated: Path) -> None:
    office("done", "847/QĐ-UBND#3", "--on", "25/02/2023", "--ref", "BC 13")  # the last before
    conn = db.connect(isolated, write=True)
    with db.transaction(conn):
        digests.record(conn, "lanhdao@hanoi.gov.vn",
                       digests.build(conn, date(2023, 3, 10)), "<1@dondoc>")
    conn.close()
    office("progress", "847/QĐ-UBND#1", "đang làm", "--on", "09/03/2023")
    office("done", "847/QĐ-UBND#4", "--on", "09/03/2023", "--ref", "BC 20")
    mine = sections(office, "--for", "lanhdao@hanoi.gov.vn")
    assert mine == {"done_on_time": [("847/QĐ-UBND#4", "BC 20")]}  # the new tasks were before
    other = sections(office, "--for", "pho.chu.tich@hanoi.gov.vn")  # never sent one: a week
    assert len(other["new_task"]) == 4 and other["done_on_time"] == mine["done_on_time"]
    assert other["done_late"] == [("847/QĐ-UBND#3", "BC 13")]


def test_voids_are_listed_with_what_was_voided(office: Run, isolated: Path) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")
    (event,) = sqlite3.connect(isolated).execute("SELECT MAX(id) FROM event").fetchone()
    office("void", str(event), "--reason", "nhầm nhiệm vụ")
    found = sections(office, "--since", "01/01/2023")
    assert found["voided"] == [("847/QĐ-UBND#2", "done")]
    assert "done_on_time" not in found  # a voided completion counts nowhere


def test_csv_has_one_row_per_item_and_the_table_shows_every_section(office: Run) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")
    rows = list(csv.DictReader(io.StringIO(
        office("digest", *AS_OF, "--since", "01/01/2023", "-f", "csv"))))
    assert [r["section"] for r in rows] == ["new_directive"] + ["new_task"] * 4 + [
        "done_on_time", "newly_overdue"]  # #3, due 20/02, was not assigned on 31/12/2022
    assert rows[5]["on"] == "2023-02-27" and rows[5]["detail"] == "BC 12"
    shown = office("--lang", "vi", "digest", *AS_OF, "--since", "01/01/2023", "-f", "plain")
    assert shown.startswith("Tổng hợp đến 10/03/2023: những gì đã ghi từ 01/01/2023, so với "
                            "ngày 31/12/2022\n")
    for heading in ("Văn bản mới", "Nhiệm vụ mới giao", "Hoàn thành đúng hạn"):
        assert f"\n{heading}\n" in shown
    assert "\nĐược gia hạn\n" not in shown  # an empty section has no heading


def test_a_digest_writes_nothing(office: Run, isolated: Path) -> None:
    before = isolated.read_bytes()
    office("digest", *AS_OF, "--for", "lanhdao@hanoi.gov.vn")
    assert isolated.read_bytes() == before
    assert sqlite3.connect(isolated).execute("SELECT COUNT(*) FROM digest_sent").fetchone() == (
        0,)
