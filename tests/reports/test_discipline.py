"""The discipline of updating: completions recorded late ("done but not recorded"), the tasks
with no news (`stale`), and each official's work plan (`mine`).

Recorded moments are set the way the register gets them: an import stamps the moment it runs
(a sheet bringing old completions counts them as recorded now), and an events file may carry
`recorded_at`, as an export of another register gives it."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import Run

from dondoc.dates import local_day


def events(office: Run, tmp_path: Path, *rows: str) -> None:
    """Import events (task,kind,on,ref,recorded_at rows) through the real command."""
    sheet = tmp_path / "events.csv"
    sheet.write_text("task,kind,on,ref,recorded_at\n" + "".join(f"{r}\n" for r in rows),
                     encoding="utf-8")
    office("import", "--what", "events", str(sheet))


def late_counts(office: Run, as_of: str, *extra: str) -> dict[str, int]:
    rows = json.loads(office("completion", "--as-of", as_of, "-f", "json", *extra))
    return {row["unit"]: row["recorded_late"] for row in rows}


@pytest.fixture
def recorded(office: Run, tmp_path: Path) -> Run:
    """Task 2 (SXD) done on Friday 03/03/2023 and recorded on Wednesday 08/03 at 10:00 in Hà
    Nội (03:00 UTC): three working days later (06, 07, 08/03), over the grace of two. Task 1
    (Đông Anh) done on 01/03 and recorded the next morning: in time."""
    events(office, tmp_path,
           "847/QĐ-UBND#2,done,03/03/2023,BC 2,2023-03-08T03:00:00Z",
           "847/QĐ-UBND#1,done,01/03/2023,BC 1,2023-03-02T01:00:00Z")
    return office


def test_a_completion_recorded_after_the_grace_counts_as_recorded_late(recorded: Run) -> None:
    assert late_counts(recorded, "31/03/2023") == {
        "Sở Xây dựng": 1, "UBND huyện Đông Anh": 0, "UBND xã Vân Nội": 0}
    assert late_counts(recorded, "31/03/2023", "--grace", "3")["Sở Xây dựng"] == 0
    assert late_counts(recorded, "31/03/2023", "--grace", "0")["UBND huyện Đông Anh"] == 1
    by_officer = json.loads(recorded("completion", "--as-of", "31/03/2023", "--by", "officer",
                                     "-f", "json"))
    assert {row["officer"]: row["recorded_late"] for row in by_officer} == {
        "Bùi Thanh Tùng": 1, None: 0}


def test_a_past_day_counts_only_what_was_recorded_by_then(recorded: Run) -> None:
    """As of 07/03 task 2 is done (it happened on 03/03) but its completion was not recorded
    yet: nothing recorded later changes that day's table."""
    before = json.loads(recorded("completion", "--as-of", "07/03/2023", "-f", "json"))
    sxd = next(row for row in before if row["unit"] == "Sở Xây dựng")
    assert (sxd["done_late"], sxd["recorded_late"]) == (1, 0)
    assert late_counts(recorded, "08/03/2023")["Sở Xây dựng"] == 1


def test_the_recording_day_is_the_offices(office: Run, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Recorded at 18:00 UTC on Tuesday 07/03: 01:00 on Wednesday 08/03 in Hà Nội (three
    working days after 03/03, late), still Tuesday in UTC (two, in time)."""
    events(office, tmp_path, "847/QĐ-UBND#2,done,03/03/2023,BC 2,2023-03-07T18:00:00Z")
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    assert late_counts(office, "31/03/2023")["Sở Xây dựng"] == 1
    assert late_counts(office, "07/03/2023")["Sở Xây dựng"] == 0  # not recorded by then, there
    monkeypatch.setenv("TZ", "UTC")
    assert late_counts(office, "31/03/2023")["Sở Xây dựng"] == 0
    assert late_counts(office, "07/03/2023")["Sở Xây dựng"] == 0


def test_working_days_come_from_the_registers_calendar(recorded: Run) -> None:
    recorded("calendar", "add-holiday", "06/03/2023", "Nghỉ bù của cơ quan")
    assert late_counts(recorded, "31/03/2023")["Sở Xây dựng"] == 0  # 07 and 08/03: two days
    shown = json.loads(recorded("task", "show", "2", "-f", "json"))["history"]
    assert [e["recorded_late_workdays"] for e in shown] == [None]


def test_a_voided_completion_counts_nowhere(recorded: Run, tmp_path: Path) -> None:
    [done] = json.loads(recorded("task", "show", "2", "-f", "json"))["history"]
    assert done["recorded_late_workdays"] == 3
    recorded("void", str(done["id"]), "--reason", "ghi nhầm")
    assert late_counts(recorded, "31/03/2023")["Sở Xây dựng"] == 0
    [voided] = json.loads(recorded("task", "show", "2", "-f", "json"))["history"]
    assert voided["recorded_late_workdays"] is None
    assert "Recorded late" not in recorded("task", "show", "2")
    # The right completion, dated before the voided one, is the one judged: recorded in time
    # here, late there.
    events(recorded, tmp_path, "847/QĐ-UBND#2,done,02/03/2023,BC 2b,2023-03-02T09:00:00Z")
    assert late_counts(recorded, "31/03/2023")["Sở Xây dựng"] == 0
    [in_time] = json.loads(recorded("task", "show", "1", "-f", "json"))["history"]
    recorded("void", str(in_time["id"]), "--reason", "sai ngày")
    events(recorded, tmp_path, "847/QĐ-UBND#1,done,28/02/2023,BC 1b,2023-03-08T03:00:00Z")
    assert late_counts(recorded, "31/03/2023")["UBND huyện Đông Anh"] == 1


def test_task_show_marks_a_completion_recorded_late(recorded: Run) -> None:
    lines = recorded("task", "show", "2").splitlines()
    header = next(line for line in lines if "Kind" in line)
    assert header.rstrip().endswith("Recorded late (workdays)")
    [row] = [line for line in lines if "BC 2" in line]
    assert row.split()[-1] == "3"
    assert "Recorded late" not in recorded("task", "show", "1")  # recorded the next morning
    assert "Recorded late" not in recorded("task", "show", "2", "--grace", "3")
    vi = recorded("--lang", "vi", "task", "show", "2")
    assert "Cập nhật muộn (ngày LV)" in vi


@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "json", "markdown", "html"])
def test_recorded_late_in_every_format_with_its_total(recorded: Run, fmt: str) -> None:
    out = recorded("completion", "--as-of", "31/03/2023", "-f", fmt)
    if fmt == "json":
        assert [row["recorded_late"] for row in json.loads(out)] == [1, 0, 0]
        return
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["recorded_late"] for row in rows] == ["1", "0", "0"]
        return
    assert "Recorded late" in out
    total = next(line for line in out.splitlines() if "Total" in line and "Done" not in line)
    assert re.sub(r"<[^>]*>|\|", " ", total).split()[-1] == "1"


def test_recorded_late_rolls_up_the_unit_tree(office: Run, tmp_path: Path) -> None:
    events(office, tmp_path, "847/QĐ-UBND#3,done,20/02/2023,BC 3,2023-03-01T02:00:00Z")
    rows = json.loads(office("completion", "--as-of", "31/03/2023", "--tree", "-f", "json"))
    assert {row["unit"]: row["recorded_late"] for row in rows} == {
        "Sở Xây dựng": 0, "UBND huyện Đông Anh": 1, "UBND xã Vân Nội": 1}


def test_an_import_records_its_completions_when_it_runs(dondoc: Run, tmp_path: Path) -> None:
    """The real case: a sheet brings February's completions into the register later. They
    count as recorded when imported (today here), whatever the dates in the sheet say, so as
    of any day before the import nothing was recorded late, and from the import on they
    were."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    sheet = tmp_path / "so.csv"
    sheet.write_text("directive,issued,code,content,unit,due,done\n"
                     "5/KH-UBND,01/02/2023,1,Rà soát,SXD,28/02/2023,15/02/2023\n"
                     "5/KH-UBND,01/02/2023,2,Báo cáo,SXD,28/02/2023,\n", encoding="utf-8")
    dondoc("import", str(sheet))
    [done] = json.loads(dondoc("task", "show", "5/KH-UBND#1", "-f", "json"))["history"]
    assert local_day(done["recorded_at"]) == date.today()  # the rule is about the import's day
    assert late_counts(dondoc, "31/03/2023") == {"Sở Xây dựng": 0}
    assert late_counts(dondoc, "today") == {"Sở Xây dựng": 1}
    # An events sheet without recorded_at: the same.
    events_sheet = tmp_path / "events.csv"
    events_sheet.write_text("task,kind,on\n5/KH-UBND#2,done,20/02/2023\n", encoding="utf-8")
    dondoc("import", "--what", "events", str(events_sheet))
    assert late_counts(dondoc, "31/03/2023") == {"Sở Xây dựng": 0}
    assert late_counts(dondoc, "today") == {"Sở Xây dựng": 2}


def test_done_now_is_in_time(office: Run) -> None:
    office("done", "2", "--on", "today")
    assert late_counts(office, "today")["Sở Xây dựng"] == 0


# stale: the open tasks with no news

def test_stale_lists_the_quiet_open_tasks_per_unit(office: Run) -> None:
    """The office's tasks were assigned on 14/02/2023 (Tuesday); as of 28/02 that is ten
    working days."""
    office("progress", "1", "Đang kiểm đếm", "--on", "20/02/2023")
    office("done", "3", "--on", "21/02/2023")

    def quiet(*args: str) -> list[tuple[str, int, int]]:
        rows = json.loads(office("stale", *args, "-f", "json"))
        return [(row["unit"], row["id"], row["workdays_quiet"]) for row in rows]

    # quietest first in each unit; as quiet, the standing task first (no deadline), then by due
    assert quiet("--as-of", "28/02/2023") == [("Sở Xây dựng", 4, 10), ("Sở Xây dựng", 2, 10)]
    assert quiet("--as-of", "27/02/2023") == []
    assert quiet("--as-of", "28/02/2023", "--days", "6") == [
        ("Sở Xây dựng", 4, 10), ("Sở Xây dựng", 2, 10), ("UBND huyện Đông Anh", 1, 6)]
    assert quiet("--as-of", "28/02/2023", "--days", "6", "--unit", "dong anh") == [
        ("UBND huyện Đông Anh", 1, 6)]
    assert quiet("--as-of", "28/02/2023", "--directive", "847/QD-UBND", "--days", "7") == [
        ("Sở Xây dựng", 4, 10), ("Sở Xây dựng", 2, 10)]
    # a progress note dated later does not count as of an earlier day
    assert quiet("--as-of", "19/02/2023", "--days", "3") == [
        ("Sở Xây dựng", 4, 3), ("Sở Xây dựng", 2, 3), ("UBND huyện Đông Anh", 1, 3),
        ("UBND xã Vân Nội", 3, 3)]


def test_stale_names_the_tasks_remind_stale_would_chase(office: Run) -> None:
    """None of these is late as of 28/02/2023, so `remind --stale` lists them all in its
    section: per unit, as many as `stale` lists."""
    office("unit", "edit", "SXD", "--email", "sxd@hn.vn")
    office("progress", "1", "Đang kiểm đếm", "--on", "20/02/2023")
    office("done", "3", "--on", "21/02/2023")
    for days in ("6", "10"):
        rows = json.loads(office("stale", "--as-of", "28/02/2023", "--days", days, "-f",
                                 "json"))
        per_unit = {row["unit_email"]: sum(r["unit"] == row["unit"] for r in rows)
                    for row in rows}
        said = office("remind", "--as-of", "28/02/2023", "--stale", days, "--dry-run")
        chased = {address: int(n) for address, n in re.findall(
            r"^would send to .* <(.+)>: \[Đôn đốc\] (\d+) nhiệm vụ chưa cập nhật tiến độ - ",
            said, re.MULTILINE)}
        assert chased == per_unit, days
    assert per_unit == {"sxd@hn.vn": 2}


def test_stale_for_people_and_scripts(office: Run) -> None:
    table = office("stale", "--as-of", "28/02/2023")
    assert table.splitlines()[0] == ("As of 28/02/2023: open tasks with no progress for 10 "
                                     "working days or more (4)")
    assert "Workdays quiet" in table and "14/02/2023" in table
    rows = list(csv.DictReader(io.StringIO(office("stale", "--as-of", "28/02/2023", "-f",
                                                  "csv"))))
    assert (rows[-1]["unit_code"], rows[-1]["unit_email"]) == ("VANNOI", "")
    assert rows[0]["quiet_since"] == "2023-02-14"
    assert office("stale", "--as-of", "15/02/2023", "-f", "json") == "[]\n"
    assert "(0)" in office("stale", "--as-of", "15/02/2023")
    page = ElementTree.fromstring(office("stale", "--as-of", "28/02/2023", "-f", "html"))
    assert page.tag == "table" and len(page.findall("./tbody/tr")) == 4  # one element
    vi = office("--lang", "vi", "stale", "--as-of", "28/02/2023")
    assert vi.startswith("Tính đến 28/02/2023: nhiệm vụ chưa cập nhật tiến độ")


# mine: an official's work plan

@pytest.fixture
def officer(office: Run) -> Run:
    """Trần Văn Nam's tasks, as of Wednesday 15/02/2023 (the week ends on Sunday 19/02)."""
    office("directive", "add", "9/KH-UBND", "--issued", "01/02/2023")
    for content, due, name in [
        ("Trễ hạn", "10/02/2023", "Trần Văn Nam"),
        ("Trong tuần", "17/02/2023", "Tran Van Nam"),  # the same official, typed plainly
        ("Trong tháng", "28/02/2023", "trần văn nam"),
        ("Trong quý", "31/03/2023", "Trần Văn Nam"),
        ("Quý sau", "30/06/2023", "Trần Văn Nam"),
        ("Đã xong", "20/02/2023", "Trần Văn Nam"),
        ("Người khác", "20/02/2023", "Trần Thị Ngân"),
    ]:
        office("task", "add", "9/KH-UBND", content, "--unit", "SXD", "--assigned", "01/02/2023",
               "--due", due, "--officer", name, "--leader", "Võ Nguyên Phong")
    office("task", "add", "9/KH-UBND", "Thường xuyên", "--unit", "SXD", "--assigned",
           "01/02/2023", "--officer", "Trần Văn Nam")
    office("done", "9/KH-UBND#6", "--on", "14/02/2023")
    return office


def test_mine_gives_an_officials_open_tasks_in_sections(officer: Run) -> None:
    rows = json.loads(officer("mine", "--officer", "tran van nam", "--as-of", "15/02/2023",
                              "-f", "json"))
    assert [(row["section"], row["content"], row["days_left"]) for row in rows] == [
        ("late", "Trễ hạn", -5), ("this_week", "Trong tuần", 2),
        ("this_month", "Trong tháng", 13), ("this_quarter", "Trong quý", 44)]
    # as of a later day the same tasks move up
    rows = json.loads(officer("mine", "--officer", "Trần Văn Nam", "--as-of", "01/03/2023",
                              "-f", "json"))
    assert [(row["section"], row["content"]) for row in rows] == [
        ("late", "Trễ hạn"), ("late", "Trong tuần"), ("late", "Trong tháng"),
        ("this_month", "Trong quý")]


def test_mine_for_people(officer: Run) -> None:
    out = officer("mine", "--officer", "Văn Nam", "--as-of", "15/02/2023")
    lines = out.splitlines()
    assert lines[0] == "Work plan of Trần Văn Nam (officer) as of 15/02/2023"
    titles = [line for line in lines if line.startswith(("Late", "Due", "And"))]
    assert titles == ["Late (1)", "Due this week, to 19/02/2023 (1)",
                      "Due this month, to 28/02/2023 (1)", "Due this quarter, to 31/03/2023 (1)",
                      "And 2 open tasks due after 31/03/2023 or with no deadline"]
    assert "Người khác" not in out and "Đã xong" not in out
    leader = officer("mine", "--leader", "vo nguyen phong", "--as-of", "15/02/2023",
                     "-f", "csv")
    assert leader.splitlines()[0] == "section,id,directive,code,content,unit,due,days_left"
    assert len(leader.splitlines()) == 1 + 5  # Ngân's task too, due 20/02: this week
    page = ElementTree.fromstring(officer("mine", "--officer", "Văn Nam", "--as-of",
                                          "15/02/2023", "-f", "html"))
    assert page.tag == "div" and len(page.findall("table")) == 4  # one element, four sections
    vi = officer("--lang", "vi", "mine", "--officer", "Văn Nam", "--as-of", "15/02/2023")
    assert vi.splitlines()[0] == ("Kế hoạch công việc của Trần Văn Nam (chuyên viên) tính đến "
                                  "15/02/2023")


def test_mine_in_markdown_parts_each_table_from_the_next_heading(officer: Run) -> None:
    out = officer("mine", "--officer", "Văn Nam", "--as-of", "15/02/2023", "-f", "markdown")
    lines = out.splitlines()
    tables = [n for n, line in enumerate(lines) if line.startswith("|")]
    assert len(tables) == 4 * 3
    # A table's last row is followed by a blank line, else markdown reads the heading as a row.
    ends = [n for n in tables if n + 1 not in tables]
    assert all(lines[n + 1] == "" for n in ends), out
    assert lines[-2:] == ["And 2 open tasks due after 31/03/2023 or with no deadline", ""]


def test_mine_counts_one_later_task_in_the_singular(officer: Run) -> None:
    officer("done", "9/KH-UBND#5", "--on", "14/02/2023")  # Quý sau: Thường xuyên is left
    out = officer("mine", "--officer", "Văn Nam", "--as-of", "15/02/2023")
    assert out.splitlines()[-1] == "And 1 open task due after 31/03/2023 or with no deadline"


def test_mine_names_the_official_clearly(officer: Run) -> None:
    assert officer.fails("mine", "--officer", "Trần", "--as-of", "15/02/2023") == (
        "dondoc: error: --officer 'Trần' could be Trần Văn Nam, Trần Thị Ngân (give more of "
        "the name)\n")
    error = officer.fails("mine", "--officer", "Tran Van Nom")
    assert "did you mean Trần Văn Nam" in error and error.count("\n") == 1
    error = officer.fails("mine", "--leader", "Trần Văn Nam")  # an officer, not a leader
    assert error.startswith("dondoc: error: --leader 'Trần Văn Nam': no task has that leader")
    assert "one of them" in officer.fails("mine", code=2)
    assert "one of them" in officer.fails("mine", "--officer", "a", "--leader", "b", code=2)
