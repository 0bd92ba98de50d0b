"""dondoc import: real CSV files in temp dirs."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, Run
from sheetfiles import indexes, start_again, state

HEADER = ["directive", "issued", "code", "content", "unit", "co_units", "leader", "due", "done",
          "done_ref"]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8",
          delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ROWS = [
    ["847/QĐ-UBND", "14/02/2023", "1", "Báo cáo GPMB", "Sở Xây dựng", "", "A", "15/03/2023",
     "", ""],
    ["847/QĐ-UBND", "", "2", "Rà soát", "SXD", "UBND huyện Đông Anh", "B", "01/03/2023",
     "05/03/2023", "BC 12"],
    ["12/TB-UBND", "2023-01-09", "1", "Kiểm tra", "dong anh", "", "", "31/01/2023", "", ""],
]


def units(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH")


def test_import_then_reimport_changes_nothing(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    f = write(tmp_path / "t.csv", ROWS)
    out = dondoc("import", str(f))
    assert "3 rows: 3 new, 0 updated, 0 unchanged, 0 refused; 1 completion recorded" in out
    rows = json.loads(dondoc("task", "list", "--as-of", "10/03/2023", "-f", "json"))
    assert [(r["directive"], r["code"], r["status"]) for r in rows] == [
        ("12/TB-UBND", "1", "open_overdue"), ("847/QĐ-UBND", "1", "open_on_time"),
        ("847/QĐ-UBND", "2", "done_late")]
    before = dondoc("task", "show", "847/QĐ-UBND#2", "-f", "json")
    out = dondoc("import", str(f))
    assert "3 rows: 0 new, 0 updated, 3 unchanged, 0 refused; 0 completions recorded" in out
    assert dondoc("task", "show", "847/QĐ-UBND#2", "-f", "json") == before


def test_changed_row_updates_and_records_history(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    dondoc("import", str(write(tmp_path / "a.csv", ROWS)))
    changed = [r[:] for r in ROWS]
    changed[0][7] = "31/03/2023"
    changed[0][5] = "DONGANH"
    # the deadline was entered wrongly: a correction, asked for (a moved deadline is refused)
    out = dondoc("import", str(write(tmp_path / "b.csv", changed)), "--allow-corrections")
    assert "0 new, 1 updated, 2 unchanged" in out
    task = json.loads(dondoc("task", "show", "847/QĐ-UBND#1", "-f", "json"))
    assert task["original_due"] == "2023-03-31" and task["co_units"] == ["UBND huyện Đông Anh"]
    (event,) = task["history"]
    assert event["kind"] == "change"
    assert "due: 15/03/2023 -> 31/03/2023" in event["note"]
    assert "co_units: (none) -> UBND huyện Đông Anh" in event["note"]


def test_bad_rows_abort_everything_and_name_each_cell(
    dondoc: Run, tmp_path: Path, isolated: Path
) -> None:
    units(dondoc)
    bad = ROWS + [
        ["847/QĐ-UBND", "", "3", "", "SXD", "", "", "31/02/2023", "", ""],
        ["99/KH-UBND", "", "1", "Việc", "Sở Không Có", "", "", "01/03/2023", "", ""],
        ["847/QĐ-UBND", "", "1", "Trùng", "SXD", "", "", "", "", ""],
    ]
    f = write(tmp_path / "bad.csv", bad)
    dondoc("unit", "list")  # the register exists before the import
    before = state(isolated)
    err = dondoc.fails("import", str(f))
    lines = err.splitlines()
    assert f"{f}:5: column content: is empty" in lines
    assert f"{f}:5: column due: '31/02/2023' is not a real date;" in err
    assert f"{f}:6: column unit: no unit named 'Sở Không Có'; add it with" in err
    assert any(line.startswith(f"{f}:6: column issued: directive 99/KH-UBND is new")
               for line in lines)
    assert f"{f}:7: column code: '1' the same task (directive + code) is on lines 2, 7" in lines
    assert lines[-1].startswith(f"dondoc: error: {f}: 5 problem(s), nothing imported")
    assert state(isolated) == before
    assert json.loads(dondoc("task", "list", "-f", "json")) == []


def test_bom_semicolons_nfd_and_vietnamese_headers(dondoc: Run, tmp_path: Path) -> None:
    import unicodedata

    units(dondoc)
    header = ["Số, ký hiệu", "Ngày ban hành", "STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
              "Thời hạn", "Ghi chú"]
    rows = [[unicodedata.normalize("NFD", "847/QĐ-UBND"), "14/02/2023", "1",
             unicodedata.normalize("NFD", "Báo cáo tiến độ"), " Sở Xây dựng ", "15/03/2023", "x"]]
    f = write(tmp_path / "vn.csv", rows, header, encoding="utf-8-sig", delimiter=";")
    out = dondoc("import", str(f))
    assert "1 new" in out
    (task,) = json.loads(dondoc("task", "list", "-f", "json", "--as-of", "01/03/2023"))
    assert task["directive"] == "847/QĐ-UBND" and task["content"] == "Báo cáo tiến độ"
    assert unicodedata.is_normalized("NFC", task["content"])
    assert task["unit"] == "Sở Xây dựng"


def test_create_units_and_unknown_units(dondoc: Run, tmp_path: Path) -> None:
    f = write(tmp_path / "t.csv", ROWS + [[*ROWS[0][:2], "3", "B", "Sở Xây dựng", *ROWS[0][5:]]])
    err = dondoc.fails("import", str(f))
    # What is wrong, once, and the two ways out; a name met again is said alike.
    said = ("column unit: no unit named 'Sở Xây dựng'; add it with `dondoc unit add`, or import "
            "with --create-units\n")
    assert f"t.csv:2: {said}" in err and f"t.csv:5: {said}" in err
    assert "t.csv:3: column co_units: no unit named 'UBND huyện Đông Anh'; add it" in err
    out = dondoc("import", str(f), "--create-units")
    assert "new unit: SO-XAY-DUNG (Sở Xây dựng)" in out
    # Each spelling that names no unit becomes one, as written, with the tasks it leads.
    created = [(u["code"], u["name"], u["tasks"])
               for u in json.loads(dondoc("unit", "list", "-f", "json"))]
    assert created == [("DONG-ANH", "dong anh", 1), ("SO-XAY-DUNG", "Sở Xây dựng", 2),
                       ("SXD", "SXD", 1), ("UBND-HUYEN-DONG-ANH", "UBND huyện Đông Anh", 0)]


def test_a_unit_name_close_to_one_says_which(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    f = write(tmp_path / "t.csv", [[*ROWS[0][:4], "Sở Xây dựg", *ROWS[0][5:]]])
    assert ("t.csv:2: column unit: no unit named 'Sở Xây dựg' (did you mean SXD (Sở Xây "
            "dựng)?); add it with `dondoc unit add`, or import with --create-units"
            ) in dondoc.fails("import", str(f))


def test_not_utf8_is_a_clear_error(dondoc: Run, tmp_path: Path) -> None:
    f = tmp_path / "cp.csv"
    # cp1258 has ê and Đ but writes tone marks as combining characters: Vi + ê + dot below + c
    text = "directive,code,content,unit\n847/QĐ,1,Vi\u00ea\u0323c,SXD\n"
    f.write_bytes(text.encode("cp1258"))
    err = dondoc.fails("import", str(f))
    assert "cp.csv:2: not UTF-8 text: it looks like cp1258" in err
    assert "--encoding cp1258" in err and "CSV UTF-8" in err


def test_example_register_imports(dondoc: Run) -> None:
    out = dondoc("import", str(EXAMPLES / "hanoi-2023.csv"), "--create-units")
    assert "36 rows: 36 new" in out and "6 directives created" in out
    rows = json.loads(dondoc("overdue", "--as-of", "20/02/2023", "-f", "json"))
    # Days late and working days late (Mon-Fri, no holiday in February 2023), counted by hand.
    assert [(r["directive"], r["code"], r["due"], r["days_overdue"], r["workdays_overdue"])
            for r in rows] == [
        ("12/TB-UBND", "1", "2023-01-31", 20, 14), ("12/TB-UBND", "3", "2023-01-31", 20, 14),
        ("12/TB-UBND", "8", "2023-01-31", 20, 14), ("135/KH-UBND", "7", "2023-01-31", 20, 14),
        ("12/TB-UBND", "4", "2023-02-10", 10, 6), ("3520/QĐ-UBND", "4", "2023-02-15", 5, 3),
        ("12/TB-UBND", "6", "2023-02-15", 5, 3), ("135/KH-UBND", "3", "2023-02-15", 5, 3)]


def many_rows(n: int, directives: int = 3) -> list[list[str]]:
    return [[f"{i % directives + 1}/KH-UBND", "02/01/2023", str(i), f"Việc {i}",
             "SXD" if i % 2 else "DONGANH", "", "", f"{i % 28 + 1:02d}/02/2023",
             f"{i % 20 + 1:02d}/02/2023" if i % 3 == 0 else "", ""] for i in range(1, n + 1)]


def report(dondoc: Run) -> tuple[str, str, str]:
    return (dondoc("completion", "--as-of", "15/02/2023", "-f", "csv"),
            dondoc("overdue", "--as-of", "15/02/2023", "-f", "csv"),
            dondoc("task", "list", "--as-of", "10/02/2023", "-f", "csv"))


def test_a_bulk_load_gives_what_row_by_row_gives(
    dondoc: Run, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past BULK_MIN_ROWS the import drops two indexes and builds them at the end; the register
    and every report must be the same as when it keeps them all along."""
    from dondoc.sheets import task_import as importer

    f = write(tmp_path / "t.csv", many_rows(60))
    units(dondoc)
    dondoc("import", str(f))
    expected = report(dondoc)
    # Reports with rows in them (two empty ones would agree whatever the bulk load did): a
    # header and two units; 25 overdue on 15/02 (32 due by the 14th, 7 of them done by then);
    # all 60 tasks.
    assert [part.count("\n") for part in expected] == [3, 26, 61], expected
    start_again(isolated)
    monkeypatch.setattr(importer, "BULK_MIN_ROWS", 10)
    monkeypatch.setattr(importer, "CHUNK", 7)
    units(dondoc)
    dondoc("import", str(f))
    assert report(dondoc) == expected
    assert set(importer.BULK_INDEXES) <= indexes()


def test_a_failed_bulk_load_leaves_the_file_as_it_was(
    dondoc: Run, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dondoc.sheets import task_import as importer

    monkeypatch.setattr(importer, "BULK_MIN_ROWS", 10)
    monkeypatch.setattr(importer, "CHUNK", 7)
    units(dondoc)
    rows = many_rows(60)
    rows[45][2] = "4"  # the same task as line 5 (1-based rows start on line 2)
    rows[51][2] = "7"  # and line 8
    before = state(isolated)
    err = dondoc.fails("import", str(write(tmp_path / "t.csv", rows)))
    assert "the same task (directive + code) is on lines 5, 47" in err
    assert "the same task (directive + code) is on lines 8, 53" in err
    assert state(isolated) == before


def test_new_codes_in_a_directive_the_register_has(dondoc: Run, tmp_path: Path) -> None:
    """Rows of an existing directive go through the staging table: new ones are numbered on."""
    units(dondoc)
    dondoc("import", str(write(tmp_path / "a.csv", many_rows(6, directives=1))))
    out = dondoc("import", str(write(tmp_path / "b.csv", many_rows(9, directives=1))))
    assert "9 rows: 3 new, 0 updated, 6 unchanged" in out
    ids = [r["id"] for r in json.loads(dondoc("task", "list", "-f", "json",
                                              "--as-of", "01/03/2023"))]
    assert sorted(ids) == list(range(1, 10))
    task = json.loads(dondoc("task", "show", "1/KH-UBND#9", "-f", "json"))
    assert task["status"] == "done_on_time" and task["done_on"] == "2023-02-10"


def test_one_directive_with_two_issued_dates_names_both(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    rows = [r[:] for r in ROWS]
    rows[1][1] = "15/02/2023"  # 847/QĐ-UBND was issued 14/02/2023 on line 2
    err = dondoc.fails("import", str(write(tmp_path / "t.csv", rows)))
    assert ("t.csv:3: column issued: '15/02/2023' differs from '14/02/2023' on line 2 for the "
            "same directive") in err


def test_new_tasks_are_the_same_through_either_path(
    dondoc: Run, tmp_path: Path, isolated: Path
) -> None:
    """Rows of a directive the file creates are written straight away; rows of one the register
    has go through the staging table. Both must give the same register."""
    rows = many_rows(40)
    for i, row in enumerate(rows):
        row[5] = "DONGANH; SXD" if i % 4 == 0 else ""  # co-units
    f = write(tmp_path / "t.csv", rows)
    units(dondoc)
    dondoc("import", str(f))
    direct = (*report(dondoc), dondoc("task", "show", "1/KH-UBND#9", "-f", "json"))
    start_again(isolated)
    units(dondoc)
    for number in ("1/KH-UBND", "2/KH-UBND", "3/KH-UBND"):
        dondoc("directive", "add", number, "--issued", "02/01/2023")
    assert "40 rows: 40 new" in dondoc("import", str(f))
    staged = (*report(dondoc), dondoc("task", "show", "1/KH-UBND#9", "-f", "json"))
    assert staged[:3] == direct[:3]

    def strip(shown: str) -> dict[str, object]:
        return {k: v for k, v in json.loads(shown).items() if k != "history"}

    assert strip(staged[3]) == strip(direct[3])
    assert json.loads(direct[3])["co_units"] == ["UBND huyện Đông Anh"]  # the lead is not one
    kinds = [[e["kind"] for e in json.loads(shown)["history"]] for shown in (staged[3], direct[3])]
    assert kinds[0] == kinds[1] == ["done"]


def test_a_period_counts_from_each_task_s_own_assigned_day(dondoc: Run, tmp_path: Path) -> None:
    """The same deadline text on many rows is worked out once per assigned day, not once."""
    units(dondoc)
    header = ["directive", "issued", "code", "content", "unit", "assigned", "due"]
    f = write(tmp_path / "p.csv", [
        ["847/QĐ-UBND", "14/02/2023", "1", "Một", "SXD", "14/02/2023", "10 ngày làm việc"],
        ["847/QĐ-UBND", "14/02/2023", "2", "Hai", "SXD", "21/02/2023", "10 ngày làm việc"],
        ["847/QĐ-UBND", "14/02/2023", "3", "Ba", "SXD", "21/02/2023", "10 ngày làm việc"],
    ], header=header)
    dondoc("import", str(f))
    tasks = json.loads(dondoc("task", "list", "--as-of", "01/03/2023", "-f", "json"))
    assert [(t["code"], t["due"]) for t in tasks] == [
        ("1", "2023-02-28"), ("2", "2023-03-07"), ("3", "2023-03-07")]


def test_an_imported_leaders_name_is_single_spaced(dondoc: Run, tmp_path: Path) -> None:
    """As task add writes it: 'Trần  Đình Cảnh ' from a spreadsheet is 'Trần Đình Cảnh'."""
    units(dondoc)
    rows = [[*ROWS[0][:6], " Trần  Đình\u00a0Cảnh ", *ROWS[0][7:]]]
    dondoc("import", str(write(tmp_path / "t.csv", rows)))
    [task] = json.loads(dondoc("task", "list", "--columns", "leader", "-f", "json"))
    assert task["leader"] == "Trần Đình Cảnh"


def who() -> str:
    """The login events are recorded by (clerk/test_writes.py tells it apart on each)."""
    import getpass
    import os

    dsn = os.environ["DONDOC_DB"]
    return dsn.split("//")[1].split("@")[0] if "://" in dsn else getpass.getuser()


def test_imported_events_record_who_imported_them(
    dondoc: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Completions and extensions written by a tasks file, straight away (a directive the file
    creates) and through the staging table (one the register has), and an events file's."""
    from dondoc.sheets import task_import as importer

    monkeypatch.setattr(importer, "CHUNK", 2)  # more than one batch
    units(dondoc)
    header = [*HEADER, "extensions"]
    rows = [[*row, ""] for row in ROWS]
    rows[0][-1] = "20/02/2023 -> 31/03/2023 (CV 9)"
    dondoc("import", str(write(tmp_path / "a.csv", rows, header=header)))
    again = [[*row[:2], f"1{i}", *row[3:]]  # new codes of the same directives
             for i, row in enumerate(rows)]
    dondoc("import", str(write(tmp_path / "b.csv", again, header=header)))
    events = write(tmp_path / "e.csv", [["12/TB-UBND#1", "progress", "20/01/2023", "Đã họp"]],
                   header=["task", "kind", "on", "note"])
    dondoc("import", "--what", "events", str(events))
    history = [event for ref in ("847/QĐ-UBND#1", "847/QĐ-UBND#2", "847/QĐ-UBND#10",
                                 "847/QĐ-UBND#11", "12/TB-UBND#1")
               for event in json.loads(dondoc("task", "show", ref, "-f", "json"))["history"]]
    assert sorted(event["kind"] for event in history) == [
        "done", "done", "extend", "extend", "progress"]
    assert {event["recorded_by"] for event in history} == {who()}


def test_many_directives_are_looked_up_at_once(
    dondoc: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past LOOKUPS_ONE_BY_ONE first sights the register's directive numbers are read at once:
    the ones it has are still found (their tasks join them, nothing is created twice), and the
    file's new ones are created once each, across batches."""
    from dondoc.sheets import row_directives
    from dondoc.sheets import task_import as importer

    monkeypatch.setattr(row_directives, "LOOKUPS_ONE_BY_ONE", 1)
    monkeypatch.setattr(importer, "CHUNK", 3)
    units(dondoc)
    known = many_rows(6, directives=6)
    dondoc("import", str(write(tmp_path / "a.csv", known)))
    new = [[f"{i + 6}/KH-UBND", *row[1:]] for i, row in enumerate(known, 1)]
    out = dondoc("import", str(write(tmp_path / "b.csv", [*known, *new])))
    assert "12 rows: 6 new, 0 updated, 6 unchanged" in out
    assert "6 directives created, 0 updated" in out
    listed = json.loads(dondoc("directive", "list", "-f", "json"))
    assert sorted(d["number"] for d in listed) == sorted(f"{n}/KH-UBND" for n in range(1, 13))


def test_a_new_directives_fields_from_a_later_line_in_any_batch(
    dondoc: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directive the file creates takes the title a later line gives, whether the directive
    is written yet (a batch before) or not (the same batch), and counts as created only."""
    from dondoc.sheets import task_import as importer

    monkeypatch.setattr(importer, "CHUNK", 2)
    units(dondoc)
    header = [*HEADER, "title"]
    rows = [["9/KH-UBND", "02/01/2023", str(i), f"Việc {i}", "SXD", "", "", "", "", "", ""]
            for i in range(1, 6)]
    rows += [["8/KH-UBND", "02/01/2023", "1", "Một", "SXD", "", "", "", "", "", ""],
             ["8/KH-UBND", "", "2", "Hai", "SXD", "", "", "", "", "", "Kế hoạch tám"]]
    rows[4][-1] = "Kế hoạch chín"  # line 6: the directive went in with the first batch
    out = dondoc("import", str(write(tmp_path / "t.csv", rows, header=header)))
    assert "2 directives created, 0 updated" in out
    titles = {d["number"]: d["title"] for d in json.loads(dondoc("directive", "list", "-f",
                                                                 "json"))}
    assert titles == {"9/KH-UBND": "Kế hoạch chín", "8/KH-UBND": "Kế hoạch tám"}


def test_a_batch_the_server_refuses_fails_the_import_and_writes_nothing(
    dondoc: Run, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is written while the next rows are read (on a server, in a thread of its own):
    its failure is the import's, never a COMMIT that the server turns into a rollback."""
    from dondoc.register import status
    from dondoc.sheets import task_import as importer

    def unitless_fifth(task_id: int, *facts: Any) -> list[tuple[object, ...]]:
        spans = status.first_spans(task_id, *facts)
        return [(*span[:6], None, *span[7:]) for span in spans] if task_id == 5 else spans

    monkeypatch.setattr(importer, "CHUNK", 3)  # task 5 is in the second batch
    monkeypatch.setattr(importer, "first_spans", unitless_fifth)
    units(dondoc)
    before = state(isolated)
    err = dondoc.fails("import", str(write(tmp_path / "t.csv", many_rows(10))))
    assert "the register refused the change" in err and "unit_id" in err
    assert state(isolated) == before


def test_an_import_interrupted_while_it_waits_for_a_batch_leaves_nothing(
    dondoc: Run, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during a batch of new tasks: nothing is left. On a server the batch is written in
    a thread of its own while the main thread, reading on, waits for it; Ctrl-C ends that wait,
    and the import's ROLLBACK must still wait for the batch to end: sent in its middle, it
    left the batch's later statements to be committed one by one (a directive, orphan spans)."""
    import signal
    import sys
    import threading
    import time

    from dondoc.errors import ExitStatus
    from dondoc.sheets import task_import as importer

    main = threading.get_ident()
    write_batch = importer._NewTasks._write

    def in_main(name: str, **local: object) -> bool:
        """The main thread is in function `name` (with these local values) now."""
        frame = sys._current_frames().get(main)
        while frame is not None:
            if frame.f_code.co_name == name and all(
                    frame.f_locals.get(k) == v for k, v in local.items()):
                return True
            frame = frame.f_back
        return False

    def until(done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 30  # a bound against a hang, not a measured time
        while not done() and time.monotonic() < deadline:
            time.sleep(0.001)

    def interrupted(self: importer._NewTasks, batch: Any) -> None:
        if threading.get_ident() == main:  # SQLite: the batch is written there and then
            raise KeyboardInterrupt
        until(lambda: in_main("_join_batch"))  # the rows read wait for this batch
        signal.pthread_kill(main, signal.SIGINT)
        # The main thread's ROLLBACK: sent (the bug) or waiting for this batch.
        until(lambda: not self.conn.in_transaction
              or (in_main("settle", sql="ROLLBACK") and in_main("_join_batch")))
        write_batch(self, batch)

    monkeypatch.setattr(importer, "CHUNK", 3)
    monkeypatch.setattr(importer._NewTasks, "_write", interrupted)
    units(dondoc)
    before = state(isolated)
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = dondoc.invoke("import", str(write(tmp_path / "t.csv", many_rows(10))))
    finally:
        signal.signal(signal.SIGINT, handler)
    assert result.exit_code == ExitStatus.INTERRUPTED
    assert state(isolated) == before
