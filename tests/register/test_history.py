"""The history never says something false (register/checks): no event rewrites the past or is
silently without effect, through the commands, the events import and the tasks import;
and a property test drives random histories through the real commands."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import registers
from conftest import Run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dondoc.dates import show_date

TASK = "847/QĐ-UBND#1"


@pytest.fixture
def late(dondoc: Run) -> Run:
    """One task due 01/03/2023, done late on 13/03/2023."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023")
    dondoc("task", "add", "847/QĐ-UBND", "Báo cáo tiến độ GPMB", "--unit", "SXD",
           "--due", "01/03/2023")
    dondoc("done", TASK, "--on", "13/03/2023", "--ref", "BC 12")
    return dondoc


def exports(dondoc: Run) -> tuple[str, str]:
    return dondoc("export", "--what", "tasks"), dondoc("export", "--what", "events")


def status(dondoc: Run, as_of: str, task: str = TASK) -> str:
    return str(json.loads(dondoc("task", "show", task, "--as-of", as_of, "-f", "json"))["status"])


# 1. extend on a done task


def test_extend_after_done_is_refused_and_the_completion_stays_late(late: Run) -> None:
    before = exports(late)
    err = late.fails("extend", TASK, "--to", "31/03/2023", "--on", "20/03/2023")
    assert err == (f"dondoc: error: task {TASK} is done already (on 13/03/2023) "
                   "(reopen it first)\n")
    assert exports(late) == before
    assert "Sở Xây dựng,1,0,1,0,0" in late("completion", "--as-of", "31/03/2023", "-f", "csv")
    # Reopened, it can be extended, and the completion then counts against the new deadline.
    late("reopen", TASK, "--on", "20/03/2023")
    late("extend", TASK, "--to", "31/03/2023", "--on", "20/03/2023")
    late("done", TASK, "--on", "25/03/2023")
    assert status(late, "25/03/2023") == "done_on_time"
    assert status(late, "19/03/2023") == "done_late"  # the report then stays as it was


def test_done_twice_says_when(late: Run) -> None:
    err = late.fails("--lang", "vi", "done", TASK, "--on", "14/03/2023")
    assert err == (f"dondoc: lỗi: nhiệm vụ {TASK} đã hoàn thành (ngày 13/03/2023) "
                   "(hãy mở lại (reopen) trước)\n")


# 2. no state change dated before the latest one


@pytest.mark.parametrize("command", [["reopen"], ["cancel"]])
def test_reopen_or_cancel_before_the_completion_is_refused(late: Run, command: list[str]
                                                           ) -> None:
    before = exports(late)
    err = late.fails(*command, TASK, "--on", "10/03/2023")
    noun = {"reopen": "a reopening", "cancel": "a cancellation"}[command[0]]
    assert err == (f"dondoc: error: task {TASK}: {noun} on 10/03/2023 would come before its "
                   "completion on 13/03/2023 (date it on or after 13/03/2023)\n")
    assert exports(late) == before
    late(*command, TASK, "--on", "13/03/2023")  # the same day is fine


def test_done_before_an_extension_is_refused(dondoc: Run) -> None:
    """Done on 10/03 against a deadline of 01/03 is late; placed before an extension granted on
    14/03 it would turn on time from then on."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023")
    dondoc("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--due", "01/03/2023")
    dondoc("extend", TASK, "--to", "31/03/2023", "--on", "14/03/2023")
    err = dondoc.fails("done", TASK, "--on", "10/03/2023")
    assert (f"task {TASK}: a completion on 10/03/2023 would come before its extension on "
            "14/03/2023 (date it on or after 14/03/2023)") in err
    err = dondoc.fails("extend", TASK, "--to", "30/04/2023", "--on", "13/03/2023")
    assert "an extension on 13/03/2023 would come before its extension on 14/03/2023" in err


def test_a_progress_note_may_be_dated_before_a_completion(late: Run) -> None:
    """A note changes no state: recorded after the completion, it may say what happened before
    it, and reports as of earlier dates are as they were."""
    overdue = late("overdue", "--as-of", "05/03/2023", "-f", "csv")
    late("progress", TASK, "Đã họp", "--on", "10/03/2023")
    assert late("overdue", "--as-of", "05/03/2023", "-f", "csv") == overdue
    assert "Đã họp" in late("overdue", "--as-of", "11/03/2023", "-f", "csv")
    assert status(late, "31/03/2023") == "done_late"


def test_a_progress_note_is_not_dated_on_a_cancelled_day(late: Run) -> None:
    late("reopen", TASK, "--on", "14/03/2023")
    late("cancel", TASK, "--on", "15/03/2023")
    late("reopen", TASK, "--on", "20/03/2023")
    err = late.fails("progress", TASK, "Đã họp", "--on", "16/03/2023")
    assert err == (f"dondoc: error: task {TASK} was cancelled on 16/03/2023 (date the note on "
                   "a day the task was not cancelled)\n")
    late("progress", TASK, "Đã họp", "--on", "14/03/2023")


def test_events_import_applies_the_same_order(late: Run, tmp_path: Path) -> None:
    f = tmp_path / "events.csv"
    f.write_text(f"task,kind,on\n{TASK},reopen,10/03/2023\n", encoding="utf-8")
    before = exports(late)
    err = late.fails("import", "--what", "events", str(f))
    assert (f"events.csv:2: column kind: 'reopen' task {TASK}: a reopening on 10/03/2023 would "
            "come before its completion on 13/03/2023") in err
    assert exports(late) == before


def test_a_voided_completion_does_not_stand_in_the_way(late: Run, tmp_path: Path) -> None:
    """The completion corrected from 13/03 to 05/03 (voided) no longer blocks a reopening on
    10/03."""
    f = write_tasks(tmp_path / "t.csv", done="05/03/2023", done_ref="BC 12")
    late("import", str(f), "--allow-corrections")
    late("reopen", TASK, "--on", "10/03/2023")
    assert status(late, "09/03/2023") == "done_late"
    assert status(late, "10/03/2023") == "open_overdue"


# 3. the tasks import applies the same rule

TASKS_HEADER = ["Số, ký hiệu", "Ngày ban hành", "STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
                "Thời hạn", "Ngày hoàn thành", "Văn bản hoàn thành"]


def write_tasks(path: Path, done: str, done_ref: str = "BC 12", unit: str = "SXD",
                header: list[str] = TASKS_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerow(["847/QĐ-UBND", "14/02/2023", "1", "Báo cáo tiến độ GPMB", unit,
                         "01/03/2023", done, done_ref])
    return path


def test_import_of_another_completion_date_is_a_refused_row(late: Run, tmp_path: Path) -> None:
    f = write_tasks(tmp_path / "t.csv", done="20/02/2023")
    before = exports(late)
    err = late.fails("import", str(f))
    assert (f"t.csv:2: column Ngày hoàn thành: '20/02/2023' is not the register's completion: "
            f"task {TASK} was done on 13/03/2023; to correct it, import with "
            "--allow-corrections; to record a new completion, reopen the task first") in err
    assert exports(late) == before
    result = late.invoke("import", str(f), "--dry-run")
    assert result.exit_code == 1
    assert "1 row: 0 new, 0 updated, 0 unchanged, 1 refused" in result.stdout
    assert exports(late) == before


def test_import_of_another_completion_document_or_none_is_refused(late: Run,
                                                                  tmp_path: Path) -> None:
    err = late.fails("import", str(write_tasks(tmp_path / "a.csv", "13/03/2023", "BC 13")))
    assert ("a.csv:2: column Văn bản hoàn thành: 'BC 13' is not the register's completion "
            f"document: task {TASK} was done on 13/03/2023 with 'BC 12'") in err
    err = late.fails("import", str(write_tasks(tmp_path / "b.csv", "", "")))
    assert (f"b.csv:2: column Ngày hoàn thành: is empty, but task {TASK} was done on "
            "13/03/2023") in err
    # The same completion is no change at all.
    out = late("import", str(write_tasks(tmp_path / "c.csv", "13/03/2023")))
    assert "1 row: 0 new, 0 updated, 1 unchanged, 0 refused; 0 completions" in out


def test_import_with_allow_corrections_voids_and_records(late: Run, tmp_path: Path) -> None:
    f = write_tasks(tmp_path / "t.csv", done="20/02/2023")
    before = exports(late)
    out = late("import", str(f), "--allow-corrections", "--dry-run")
    assert "1 row: 0 new, 1 updated, 0 unchanged, 0 refused; 1 completion recorded" in out
    assert f"would update {TASK}: Ngày hoàn thành: 13/03/2023 -> 20/02/2023" in out
    assert exports(late) == before
    late("import", str(f), "--allow-corrections")
    assert status(late, "31/03/2023") == "done_on_time"
    voids = registers.rows("SELECT e.on_date, v.reason FROM void v "
                           "JOIN event e ON e.id = v.event_id")
    assert voids == [("2023-03-13",
                      "import correction: Ngày hoàn thành: 13/03/2023 -> 20/02/2023")]
    assert "0 updated, 1 unchanged" in late("import", str(f))  # once is enough
    # A cleared cell, corrected: the task is open again, the completion voided.
    late("import", str(write_tasks(tmp_path / "b.csv", "", "")), "--allow-corrections")
    assert status(late, "31/03/2023") == "open_overdue"


def test_correction_to_a_date_before_a_later_state_change_is_refused(
    late: Run, tmp_path: Path
) -> None:
    late("reopen", TASK, "--on", "15/03/2023")
    late("done", TASK, "--on", "20/03/2023")
    before = exports(late)
    err = late.fails("import", str(write_tasks(tmp_path / "t.csv", "14/03/2023")),
                     "--allow-corrections")
    assert (f"t.csv:2: column Ngày hoàn thành: '14/03/2023' task {TASK}: a completion on "
            "14/03/2023 would come before its reopening on 15/03/2023") in err
    assert exports(late) == before


def test_import_completing_an_open_task_follows_the_order(late: Run, tmp_path: Path) -> None:
    late("reopen", TASK, "--on", "15/03/2023")
    err = late.fails("import", str(write_tasks(tmp_path / "t.csv", "14/03/2023")))
    assert "a completion on 14/03/2023 would come before its reopening on 15/03/2023" in err
    out = late("import", str(write_tasks(tmp_path / "t.csv", "16/03/2023")), "--dry-run")
    assert f"would update {TASK}: Ngày hoàn thành: (none) -> 16/03/2023" in out


def test_allow_corrections_is_for_tasks(late: Run, tmp_path: Path) -> None:
    f = tmp_path / "e.csv"
    f.write_text("task,kind,on\n", encoding="utf-8")
    err = late.fails("import", "--what", "events", str(f), "--allow-corrections")
    assert "--allow-corrections goes with --what tasks" in err


# 4. changes named as people read them


def test_changes_name_the_files_columns_and_units(late: Run, tmp_path: Path) -> None:
    f = write_tasks(tmp_path / "t.csv", "13/03/2023", unit="DONGANH")
    out = late("import", str(f), "--dry-run")
    assert (f"would update {TASK}: Đơn vị chủ trì: Sở Xây dựng -> UBND huyện Đông Anh"
            in out)
    late("import", str(f))
    history = json.loads(late("task", "show", TASK, "-f", "json"))["history"]
    assert history[-1]["note"] == "import: Đơn vị chủ trì: Sở Xây dựng -> UBND huyện Đông Anh"


def test_a_deadline_as_written_is_named_and_dated_for_people(late: Run, tmp_path: Path) -> None:
    """The deadline moved off a Sunday keeps the date as given: shown DD/MM/YYYY, under the
    label people read when the file has no column for it."""
    f = write_tasks(tmp_path / "t.csv", "13/03/2023")
    rows = f.read_text(encoding="utf-8").replace("01/03/2023", "19/03/2023")  # a Sunday
    f.write_text(rows, encoding="utf-8")
    out = late("--lang", "vi", "import", str(f), "--dry-run", "--allow-corrections")
    assert ("Thời hạn: 01/03/2023 -> 20/03/2023; Thời hạn ghi: (none) -> 19/03/2023" in out)


def test_unit_import_names_the_files_columns(dondoc: Run, tmp_path: Path) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD", "--email", "a@hn.vn")
    f = tmp_path / "u.csv"
    f.write_text("Mã đơn vị,Tên đơn vị,Email\nSXD,Sở Xây dựng,b@hn.vn\n", encoding="utf-8")
    out = dondoc("import", "--what", "units", str(f), "--dry-run")
    assert "would update SXD: Email: a@hn.vn -> b@hn.vn" in out


# 5. random histories through the real commands

START = date(2023, 1, 2)  # the directive's date: every task is assigned then
END = date(2023, 12, 31)  # a day after every command's date
DUES = ("16/01/2023", "31/01/2023", None)  # three tasks; the third is a standing one
KINDS = ("done", "extend", "cancel", "reopen", "progress")

_template: dict[str, bytes] = {}


def fresh_register(path: Path) -> None:
    """Three tasks of one directive, made once through the commands and copied for each
    example."""
    if not _template:
        with tempfile.TemporaryDirectory() as folder:
            made = Path(folder) / "template.sqlite3"
            run = Run()
            run("--db", str(made), "unit", "add", "Sở Xây dựng", "--code", "SXD")
            run("--db", str(made), "directive", "add", "847/QĐ-UBND", "--issued",
                show_date(START))
            for due in DUES:
                run("--db", str(made), "task", "add", "847/QĐ-UBND", "Việc", "--unit", "SXD",
                    *(["--due", due] if due else []))
            _template["db"] = made.read_bytes()
    path.write_bytes(_template["db"])


class Register:
    """A register in a temporary file and the reports read from it, remembered until a write
    is accepted."""

    def __init__(self, path: Path) -> None:
        self.path, self.run = path, Run()
        self.reports: dict[date, tuple[str, str, str]] = {}
        self.saved: tuple[str, str] | None = None

    def __call__(self, *args: str) -> str:
        return self.run("--db", str(self.path), *args)

    def at(self, day: date) -> tuple[str, str, str]:
        if day not in self.reports:
            as_of = ("--as-of", show_date(day), "-f", "csv")
            self.reports[day] = (self("completion", *as_of), self("overdue", *as_of),
                                 self("task", "list", *as_of))
        return self.reports[day]

    def exports(self) -> tuple[str, str]:
        if self.saved is None:
            self.saved = (self("export", "--what", "tasks"), self("export", "--what", "events"))
        return self.saved

    def tasks(self, day: date) -> dict[str, dict[str, str]]:
        listed = self("task", "list", "--as-of", show_date(day), "-f", "csv")
        return {row["id"]: row for row in csv.DictReader(io.StringIO(listed))}

    def changed(self) -> None:
        self.reports, self.saved = {}, None


command = st.tuples(st.sampled_from(KINDS), st.integers(1, len(DUES)),
                    st.integers(-3, 80), st.integers(0, 120))


@pytest.mark.sqlite_only  # a register file per example, copied from a template file
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(command, min_size=1, max_size=7))
# The two defects this issue fixed: an extension after a completion turned it from late to on
# time; a reopening dated before the completion was accepted and did nothing.
@example([("done", 1, 30, 0), ("extend", 1, 35, 60)])
@example([("done", 1, 30, 0), ("reopen", 1, 20, 0)])
@example([("done", 2, 10, 0), ("cancel", 2, 5, 0)])
def test_no_command_rewrites_the_past(commands: list[tuple[str, int, int, int]]) -> None:
    """An accepted command leaves every report as of a day before its own date as it was, and
    takes effect on its date and after; a refused one changes nothing."""
    with tempfile.TemporaryDirectory() as folder:
        register = Register(Path(folder) / "register.sqlite3")
        fresh_register(register.path)
        dated: set[date] = set()  # the days the history changes on: where reports can differ
        for kind, task, offset, to_offset in commands:
            on = START + timedelta(days=offset)
            before = {day: register.at(day) for day in {START, on - timedelta(days=1), *dated}
                      if START <= day < on}
            saved = register.exports()
            due_before = register.tasks(END).get(str(task), {}).get("due")
            args = [kind, str(task)]
            if kind == "progress":
                args.append(f"ghi chú {offset}")
            if kind == "extend":
                to = START + timedelta(days=to_offset)
                args += ["--to", show_date(to)]
            result = register.run.invoke("--db", str(register.path), *args, "--on",
                                         show_date(on))
            if result.exit_code != 0:
                assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
                assert register.exports() == saved, (kind, task, on)
                continue
            register.changed()
            dated.add(on)
            for day, reports in before.items():
                assert register.at(day) == reports, (kind, task, on, day)
            if kind == "progress":
                continue  # a note changes no status
            for day in (on, END):  # it takes effect on its date and stays in effect
                row = register.tasks(day).get(str(task))
                if kind == "cancel":
                    assert row is None, (kind, task, on, day)
                    continue
                assert row is not None
                if kind == "done":
                    assert row["status"] in ("done_on_time", "done_late"), (kind, on, day, row)
                elif kind in ("reopen", "extend"):
                    assert row["status"] in ("open_on_time", "open_overdue"), (kind, on, row)
                if kind == "extend":
                    assert row["due"] == to.isoformat(), (kind, on, row)  # never moved
                    assert due_before is None or row["due"] > due_before


def test_a_register_exported_imports_back_into_itself_unchanged(dondoc: Run,
                                                                 tmp_path: Path) -> None:
    """A completion dated before the task was assigned counts on the assigned date, which export
    writes: the same completion, not another one."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    f = tmp_path / "t.csv"
    f.write_text("directive,issued,code,content,unit,assigned,done,done_ref\n"
                 "847/QĐ-UBND,02/01/2023,1,Báo cáo,SXD,10/01/2023,05/01/2023,BC 12\n",
                 encoding="utf-8")
    dondoc("import", str(f))
    exported = tmp_path / "export.csv"
    dondoc("export", "-o", str(exported))
    assert "2023-01-10,BC 12" in exported.read_text(encoding="utf-8-sig")
    assert "1 row: 0 new, 0 updated, 1 unchanged" in dondoc("import", str(exported))
    assert "1 row: 0 new, 0 updated, 1 unchanged" in dondoc("import", str(f))
