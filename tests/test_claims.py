"""Claims the README makes, each held by a test through the real command.

- "Status as of a date": a report for a past date gives the same answer whatever is recorded
  later, except the corrections the README lists, which change it as it says.
- "Where the data lives": every command's writes are one transaction, so a failure at the end
  of a write leaves the register byte for byte as it was.
- "Output": each documented exit status comes from the command the README names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import registers
from conftest import Run

from dondoc.clerk import writes
from dondoc.register import db

TASK = "847/QĐ-UBND#2"  # Rà soát quy hoạch, SXD, due 01/03/2023 (conftest.office)
PAST = "10/03/2023"


def digest(path: Path) -> str:
    return registers.fingerprint(path)


def past_reports(run: Run, day: str = PAST) -> list[object]:
    """What a report for `day` says: the late list, the completion table, the task list."""
    return [json.loads(run("overdue", "--as-of", day, "-f", "json")),
            json.loads(run("completion", "--as-of", day, "-f", "json")),
            json.loads(run("completion", "--as-of", day, "--by", "directive", "-f", "json")),
            json.loads(run("task", "list", "--as-of", day, "-f", "json"))]


def overdue_codes(run: Run, day: str = PAST) -> list[str]:
    return [t["code"] for t in json.loads(run("overdue", "--as-of", day, "-f", "json"))]


def exported_with(run: Run, path: Path, code: str, **cells: str) -> Path:
    """The register's tasks export, with cells of task `code` changed."""
    run("export", "-o", str(path))
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    out = [lines[0]]
    for line in lines[1:]:
        row = line.split(",")
        if row[header.index("code")] == code:
            for name, value in cells.items():
                row[header.index(name)] = value
        out.append(",".join(row))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


# Later records that must not change a report for PAST: each dated after it, or a new decision.
LATER: dict[str, Callable[[Run], object]] = {
    "done": lambda run: run("done", TASK, "--on", "20/03/2023", "--ref", "BC 1"),
    "progress": lambda run: run("progress", TASK, "đang làm", "--on", "15/03/2023"),
    "extend": lambda run: run("extend", TASK, "--to", "30/04/2023", "--on", "15/03/2023",
                              "--ref", "CV 2"),
    "cancel": lambda run: run("cancel", TASK, "--on", "15/03/2023", "--note", "thôi"),
    "reassign": lambda run: run("task", "edit", TASK, "--unit", "DONGANH", "--on",
                                "15/03/2023"),
    "done (another task)": lambda run: run("done", "847/QĐ-UBND#3", "--on", "20/03/2023"),
}


@pytest.mark.parametrize("record", list(LATER))
def test_a_past_report_does_not_change_after_later_records(office: Run, record: str) -> None:
    before, earlier = past_reports(office), past_reports(office, "20/02/2023")
    after_it = past_reports(office, "30/03/2023")
    assert TASK.split("#")[1] in overdue_codes(office)
    LATER[record](office)
    assert past_reports(office) == before
    assert past_reports(office, "20/02/2023") == earlier
    assert past_reports(office, "30/03/2023") != after_it  # it counts from its own date


def test_a_reimport_moving_a_deadline_is_refused_and_the_past_report_stays(
    office: Run, tmp_path: Path, isolated: Path
) -> None:
    """A deadline moved by a new decision is an extension: a re-import cannot move it."""
    before, held = past_reports(office), digest(isolated)
    moved = exported_with(office, tmp_path / "t.csv", "2", due="2023-03-31",
                          current_due="2023-03-31")
    err = office.fails("import", str(moved))
    assert ("column due: '31/03/2023' is not the register's deadline: task 847/QĐ-UBND#2 is "
            "due 01/03/2023; a deadline moved by a new decision is an extension: `dondoc "
            "extend 847/QĐ-UBND#2 --to DATE --ref DOCUMENT`") in err
    assert digest(isolated) == held and past_reports(office) == before
    # the same file's deadline cleared: refused too
    cleared = exported_with(office, tmp_path / "c.csv", "2", due="", current_due="")
    assert "is not the register's deadline" in office.fails("import", str(cleared))
    assert digest(isolated) == held
    # the new decision recorded as it should be: the past stays, the later days see it
    office("extend", TASK, "--to", "31/03/2023", "--on", "15/03/2023", "--ref", "CV 45")
    assert past_reports(office) == before
    assert "2" not in overdue_codes(office, "20/03/2023")
    # and the file now agrees with the register: importing it changes nothing
    again = exported_with(office, tmp_path / "a.csv", "2")
    assert "0 new, 0 updated, 4 unchanged" in office("import", str(again))


def test_corrections_change_the_past_as_documented(office: Run, tmp_path: Path) -> None:
    """A deadline entered wrongly, fixed by `task edit --fix` or a re-import with
    --allow-corrections, is true for every date: the past report changes."""
    assert "2" in overdue_codes(office)
    office("task", "edit", TASK, "--due", "31/03/2023", "--fix")
    assert "2" not in overdue_codes(office)
    back = exported_with(office, tmp_path / "t.csv", "2", due="2023-03-01",
                         current_due="2023-03-01")
    assert "is not the register's deadline" in office.fails("import", str(back))
    assert "2" not in overdue_codes(office)
    out = office("import", str(back), "--allow-corrections")
    assert "0 new, 1 updated, 3 unchanged" in out
    assert "2" in overdue_codes(office)
    # a correction still comes before the task's extensions
    office("extend", TASK, "--to", "31/03/2023", "--on", "05/03/2023")
    late = tmp_path / "late.csv"
    late.write_text("directive,code,content,unit,due\n"
                    "847/QĐ-UBND,2,Rà soát quy hoạch,SXD,15/04/2023\n", encoding="utf-8")
    err = office.fails("import", str(late), "--allow-corrections")
    assert ("column due: '15/04/2023' task 847/QĐ-UBND#2 was extended to 31/03/2023 on "
            "05/03/2023: the deadline before it must be earlier") in err


def test_a_holiday_the_office_adds_changes_past_working_days_late(dondoc: Run) -> None:
    """The README's figures: due 15/06/2023, 139 working days late as of 31/12/2023, and 138
    once 08/12/2023 is a holiday; the calendar days late and the deadline do not move."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023")
    dondoc("task", "add", "847/QĐ-UBND", "Việc", "--unit", "SXD", "--due", "15/06/2023")

    def late() -> tuple[int, int, str]:
        (row,) = json.loads(dondoc("overdue", "--as-of", "31/12/2023", "-f", "json"))
        return row["workdays_overdue"], row["days_overdue"], row["due"]

    assert late() == (139, 199, "2023-06-15")
    dondoc("calendar", "add-holiday", "08/12/2023", "Nghỉ")
    assert late() == (138, 199, "2023-06-15")


# "every command's writes are one BEGIN IMMEDIATE transaction": each write command, after its
# setup, with a failure injected at the end of its transaction (the body done, before COMMIT).
def _files(tmp: Path) -> dict[str, Path]:
    tasks = tmp / "tasks.csv"
    tasks.write_text("directive,issued,code,content,unit\n"
                     "12/KH-UBND,01/03/2023,1,Việc mới,SXD\n847/QĐ-UBND,,5,Việc khác,SXD\n",
                     encoding="utf-8")
    events = tmp / "events.csv"
    events.write_text(f"task,kind,on,note\n{TASK},progress,05/03/2023,đang làm\n"
                      f"{TASK},done,06/03/2023,\n", encoding="utf-8")
    units = tmp / "units.csv"
    units.write_text("code,name\nTP,Phòng Tư pháp\nSXD,Sở Xây dựng (mới)\n", encoding="utf-8")
    return {"tasks": tasks, "events": events, "units": units}


WRITES: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    "unit add": ((), ("unit", "add", "Phòng Tư pháp", "--code", "TP")),
    "unit edit": ((), ("unit", "edit", "SXD", "--email", "sxd@hanoi.gov.vn")),
    "unit end": ((), ("unit", "end", "DONGANH", "--on", "01/07/2025", "--successor", "SXD")),
    "directive add": ((), ("directive", "add", "12/KH-UBND", "--issued", "01/03/2023")),
    "directive edit": ((), ("directive", "edit", "847/QĐ-UBND", "--title", "Tổ công tác")),
    "task add": ((), ("task", "add", "847/QĐ-UBND", "Việc mới", "--unit", "SXD", "--due",
                      "10wd")),
    "task add --every": ((), ("task", "add", "847/QĐ-UBND", "Báo cáo quý", "--unit", "SXD",
                              "--every", "quarter")),
    "task edit": ((), ("task", "edit", TASK, "--unit", "DONGANH", "--on", "05/03/2023")),
    "task edit --fix": ((), ("task", "edit", TASK, "--due", "31/03/2023", "--fix")),
    "task void": ((), ("task", "void", "847/QĐ-UBND#4", "--reason", "nhập trùng")),
    "progress": ((), ("progress", TASK, "đang làm", "--on", "05/03/2023")),
    "done": ((), ("done", TASK, "--on", "05/03/2023", "--ref", "BC 1")),
    "extend": ((), ("extend", TASK, "--to", "31/03/2023", "--on", "05/03/2023")),
    "cancel": ((), ("cancel", TASK, "--on", "05/03/2023")),
    "reopen": ((("done", TASK, "--on", "05/03/2023"),), ("reopen", TASK, "--on", "06/03/2023")),
    "void": ((("progress", TASK, "đang làm", "--on", "05/03/2023"),),
             ("void", "1", "--reason", "ghi nhầm")),
    "calendar add-holiday": ((), ("calendar", "add-holiday", "12/10/2023", "Nghỉ")),
    "calendar add-workday": ((), ("calendar", "add-workday", "14/10/2023")),
    "calendar move-deadlines": ((), ("calendar", "move-deadlines", "off")),
    "import": ((), ("import", "{tasks}", "--create-units")),
    "import --what events": ((), ("import", "--what", "events", "{events}")),
    "import --what units": ((), ("import", "--what", "units", "{units}")),
}


@pytest.mark.parametrize("command", list(WRITES))
def test_every_write_is_one_transaction(office: Run, isolated: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """Made to fail after all its work, a write leaves the register byte for byte as it was: it
    opened one transaction (BEGIN IMMEDIATE), and wrote nothing outside it. Run without the
    failure, the same command does change the register, so the test could tell."""
    setup, args = WRITES[command]
    files = _files(tmp_path)
    args = tuple(arg.format(**files) for arg in args)
    for step in setup:
        office(*step)
    office("task", "list")  # the register's calendar and instances as reads leave them
    held = digest(isolated)
    real, begun = db.transaction, []

    @contextmanager
    def failing_at_the_end(conn: db.Conn, commit: bool = True
                           ) -> Iterator[db.Conn]:
        begun.append(conn.in_transaction)
        with real(conn, commit) as inside:
            assert conn.in_transaction
            yield inside
            raise RuntimeError("injected at the end of the write")

    with monkeypatch.context() as patched:
        patched.setattr(db, "transaction", failing_at_the_end)
        result = office.invoke(*args)
    # an import names the file an unforeseen error came from (exit 1, issue 10); the rest 70
    assert result.exit_code == (1 if command.startswith("import") else 70), result.stderr
    assert "injected at the end of the write" in result.stderr
    assert begun == [False], "one transaction, begun by the command itself"
    assert digest(isolated) == held
    office(*args)
    assert digest(isolated) != held


def test_the_exit_statuses_the_readme_lists(office: Run, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    """0 fine, 1 a user or data error, 2 a usage error, 3 `overdue --check` found overdue tasks,
    70 an internal error, said as one."""
    assert office.invoke("overdue", "--as-of", "10/02/2023", "--check").exit_code == 0
    assert office.invoke("overdue", "--as-of", PAST).exit_code == 0
    late = office.invoke("overdue", "--as-of", PAST, "--check")
    assert late.exit_code == 3 and late.stderr == ""
    bad = office.invoke("task", "add", "847/QĐ-UBND", "Việc", "--unit", "SXD", "--due",
                        "31/02/2023")
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert office.invoke("overdue", "--no-such-option").exit_code == 2
    assert office.invoke("no-such-command").exit_code == 2

    def broken(*_: object, **__: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(writes, "add_task", broken)
    crash = office.invoke("task", "add", "847/QĐ-UBND", "Việc", "--unit", "SXD")
    assert crash.exit_code == 70
    assert crash.stderr.startswith("dondoc: internal error: ")
