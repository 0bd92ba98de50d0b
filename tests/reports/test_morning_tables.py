"""The register and the two morning tables, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import connected
from conftest import Run


def test_task_refs_and_codes(office: Run) -> None:
    rows = json.loads(office("task", "list", "--as-of", "16/02/2023", "--format", "json"))
    assert [(r["id"], r["code"]) for r in rows] == [(1, "1"), (2, "2"), (3, "3"), (4, "4")]
    assert rows[0]["unit"] == "UBND huyện Đông Anh"
    assert rows[0]["assigned"] == "2023-02-14"  # the directive's issued date by default
    assert {r["status"] for r in rows} == {"open_on_time"}
    shown = json.loads(office("task", "show", "847/QD-UBND#2", "--format", "json"))
    assert shown["id"] == 2 and shown["officer"] == "Bùi Thanh Tùng"


def test_overdue_as_of_dates(office: Run) -> None:
    assert office("overdue", "--as-of", "20/02/2023", "--format", "csv").splitlines()[1:] == []
    late = office("overdue", "--as-of", "02/03/2023", "--format", "json")
    rows = json.loads(late)
    assert [(r["id"], r["days_overdue"]) for r in rows] == [(3, 10), (2, 1)]
    expected_keys = {"id", "directive", "code", "content", "unit", "leader", "officer",
                     "assigned", "due", "days_overdue", "last_progress"}
    assert expected_keys <= set(rows[0])


def test_overdue_plain_table_is_stable(office: Run) -> None:
    office("progress", "3", "Đã lập đoàn kiểm tra", "--on", "21/02/2023", "--percent", "30")
    out = office("overdue", "--as-of", "02/03/2023", "--format", "plain")
    lines = out.splitlines()
    assert lines[0] == "As of 02/03/2023"
    assert lines[1].split() [:3] == ["ID", "Directive", "Code"]
    assert "Kiểm tra trật tự xây dựng" in lines[2] and "Đã lập đoàn kiểm tra" in lines[2]
    assert lines[2].split()[0] == "3" and lines[3].split()[0] == "2"
    assert "\x1b[" not in out  # no colour codes in a pipe


def test_events_change_status_from_their_dates(office: Run) -> None:
    office("extend", "2", "--to", "31/03/2023", "--on", "05/03/2023", "--ref", "CV 45/UBND-KT")
    office("done", "847/QĐ-UBND#3", "--on", "25/02/2023", "--ref", "BC 12/BC-UBND")

    def status(task: str, day: str) -> str:
        return str(json.loads(office("task", "show", task, "--as-of", day, "-f", "json"))["status"])

    # The extension counts only from the day it was granted.
    assert status("2", "04/03/2023") == "open_overdue"
    assert status("2", "05/03/2023") == "open_on_time"
    # Done late, and only from its real date.
    assert status("3", "24/02/2023") == "open_overdue"
    assert status("3", "25/02/2023") == "done_late"
    office("reopen", "3", "--on", "01/03/2023", "--note", "Báo cáo chưa đạt")
    assert status("3", "28/02/2023") == "done_late"
    assert status("3", "01/03/2023") == "open_overdue"
    office("cancel", "4", "--on", "01/03/2023")
    assert status("4", "01/03/2023") == "cancelled"
    assert status("1", "13/02/2023") == "not_assigned_yet"
    history = json.loads(office("task", "show", "3", "-f", "json"))["history"]
    assert [h["kind"] for h in history] == ["done", "reopen"]
    assert history[0]["ref"] == "BC 12/BC-UBND" and history[0]["recorded_at"].endswith("Z")


def test_completion_counts_and_rates(office: Run) -> None:
    office("done", "1", "--on", "10/03/2023")
    office("done", "3", "--on", "25/02/2023")
    rows = json.loads(office("completion", "--as-of", "31/03/2023", "--format", "json"))
    by_unit = {r["unit"]: r for r in rows}
    assert [r["unit"] for r in rows] == ["Sở Xây dựng", "UBND huyện Đông Anh", "UBND xã Vân Nội"]
    sxd = by_unit["Sở Xây dựng"]
    assert (sxd["total"], sxd["open_on_time"], sxd["open_overdue"]) == (2, 1, 1)
    assert sxd["rate_total"] == 0.0 and sxd["rate_due"] == 0.0
    assert by_unit["UBND huyện Đông Anh"]["done_on_time"] == 1
    assert by_unit["UBND xã Vân Nội"]["done_late"] == 1
    assert by_unit["UBND xã Vân Nội"]["rate_due"] == 1.0
    leaders = json.loads(office("completion", "--by", "leader", "--as-of", "31/03/2023",
                                "-f", "json"))
    assert {r["leader"] for r in leaders} == {"Nguyễn Xuân Linh", None}


def test_completion_total_row_and_vietnamese_numbers(office: Run) -> None:
    office("done", "1", "--on", "10/03/2023")
    out = office("--lang", "vi", "completion", "--to", "31/03/2023", "--format", "plain")
    lines = out.splitlines()
    assert lines[0] == "Tính đến 31/03/2023"
    assert lines[-1].split() == ["Tổng", "cộng", "4", "1", "0", "1", "2", "25,00%", "33,33%", "0"]
    assert "Tỷ lệ HT/đến hạn" in lines[1]


def test_completion_period_selects_by_assigned_date(office: Run) -> None:
    office("directive", "add", "12/TB-UBND", "--issued", "01/04/2023")
    office("task", "add", "12/TB-UBND", "Việc mới", "--unit", "SXD", "--due", "30/04/2023")
    march = json.loads(office("completion", "--from", "01/02/2023", "--to", "31/03/2023",
                              "--as-of", "30/04/2023", "-f", "json"))
    assert sum(r["total"] for r in march) == 4
    april = json.loads(office("completion", "--from", "01/04/2023", "-f", "json",
                              "--as-of", "30/04/2023"))
    assert [(r["unit"], r["total"]) for r in april] == [("Sở Xây dựng", 1)]


def test_check_and_quiet_for_cron(office: Run) -> None:
    assert office("overdue", "--as-of", "16/02/2023", "--quiet-if-none", "--check") == ""
    out = office("overdue", "--as-of", "16/02/2023")
    assert out == "No overdue tasks as of 16/02/2023.\n"
    out = office("overdue", "--as-of", "02/03/2023", "--check", "-f", "csv", code=3)
    assert out.splitlines()[0].startswith("id,directive,code,content,unit")


def test_filters_by_unit_and_directive(office: Run) -> None:
    rows = json.loads(office("overdue", "--as-of", "02/03/2023", "--unit", "xay dung",
                             "-f", "json"))
    assert [r["id"] for r in rows] == [2]
    rows = json.loads(office("task", "list", "--status", "overdue", "--as-of", "02/03/2023",
                             "--directive", "847", "-f", "json"))
    assert [r["id"] for r in rows] == [2, 3]  # by directive, then code


def test_every_format_renders(office: Run) -> None:
    for fmt in ("table", "plain", "csv", "json", "markdown", "html"):
        out = office("overdue", "--as-of", "02/03/2023", "--format", fmt)
        assert "Rà soát quy hoạch" in out, fmt
    assert "<table>" in office("unit", "list", "-f", "html")
    assert office("unit", "list", "-f", "markdown").splitlines()[1].endswith(":|")  # counts right
    units = json.loads(office("unit", "list", "-f", "json"))
    assert {"code", "name"} <= set(units[0])
    assert units[2]["parent"] == "DONGANH"
    directives = json.loads(office("directive", "list", "-f", "json"))
    assert directives == [{"number": "847/QĐ-UBND", "issued": "2023-02-14",
                           "title": "Thành lập Tổ công tác", "issuer": None, "signer": None,
                           "tasks": 4}]


def test_user_errors_are_one_line_exit_1(office: Run) -> None:
    for args, words in [
        (("task", "add", "847/QĐ-UBND", "X", "--unit", "ubnd"), "could be"),
        (("task", "add", "847/QĐ-UBND", "X", "--unit", "Dong Nai"), "no unit 'Dong Nai'"),
        (("task", "add", "847/QĐ-UBND", "X", "--unit", "SXD", "--due", "31/02/2023"),
         "--due: '31/02/2023' is not a real date"),
        (("task", "add", "999/QĐ-UBND", "X", "--unit", "SXD"), "no directive"),
        (("task", "add", "847/QĐ-UBND", "X", "--unit", "SXD", "--code", "1"), "exists already"),
        (("done", "99"), "no task '99'"),
        (("done", "1", "--on", "01/01/2023"), "before task 1 was assigned"),
        (("extend", "1", "--to", "01/03/2023", "--on", "20/02/2023"), "not after the current"),
        (("reopen", "1", "--on", "20/02/2023"), "open already"),
        (("unit", "add", "Sở xây dựng", "--code", "SXD2"), "exists already"),
    ]:
        err = office.fails(*args)
        assert err.startswith("dondoc: error: ") and err.count("\n") == 1, (args, err)
        assert words in err, (args, err)
    office("done", "1", "--on", "20/02/2023")
    assert "done already" in office.fails("done", "1", "--on", "21/02/2023")


def test_usage_errors_exit_2(dondoc: Run) -> None:
    dondoc.fails("overdue", "--no-such-option", code=2)
    dondoc.fails("task", "add", code=2)
    dondoc.fails("overdue", "--format", "pdf", code=2)
    dondoc.fails("completion", "--by", "province", code=2)  # tests/cli/test_choices.py: all


def test_a_failed_write_changes_nothing(office: Run) -> None:
    before = office("task", "list", "-f", "json", "--as-of", "01/03/2023")
    office.fails("task", "add", "847/QĐ-UBND", "Việc", "--unit", "SXD", "--co-unit", "nowhere")
    assert office("task", "list", "-f", "json", "--as-of", "01/03/2023") == before


def test_lookups_fold_accents_and_case(office: Run) -> None:
    rows = json.loads(office("task", "list", "--unit", "VAN NOI", "-f", "json"))
    assert [r["unit"] for r in rows] == ["UBND xã Vân Nội"]
    out = office("directive", "show", "847/qd-ubnd", "--as-of", "01/03/2023", "-f", "json")
    assert json.loads(out)["number"] == "847/QĐ-UBND"


def test_text_is_stored_nfc(dondoc: Run) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Sở Xây dựng")
    dondoc("unit", "add", nfd, "--code", "SXD")
    units = json.loads(dondoc("unit", "list", "-f", "json"))
    assert units[0]["name"] == unicodedata.normalize("NFC", nfd)
    assert "exists already" in dondoc.fails("unit", "add", "Sở Xây dựng", "--code", "X")


def test_every_command_has_help_with_an_example(dondoc: Run) -> None:
    commands = [("unit", "add"), ("unit", "list"), ("directive", "add"), ("directive", "list"),
                ("directive", "show"), ("task", "add"), ("task", "list"), ("task", "show"),
                ("progress",), ("done",), ("extend",), ("cancel",), ("reopen",), ("overdue",),
                ("completion",), ("import",)]
    for command in commands:
        out = dondoc(*command, "--help")
        assert "Example" in out and "dondoc " + command[0] in out.split("Example")[1], command


def test_two_units_of_one_name_stay_two_in_the_tree(dondoc: Run) -> None:
    """Many districts have a commune of the same name. dondoc refuses a second one by name
    (it could not tell which one a clerk means), but a register may hold two (written by SQL,
    or by an older rule): the completion table and its tree tell them apart by id."""
    dondoc("unit", "add", "UBND huyện Thạch Thất", "--code", "TT")
    dondoc("unit", "add", "UBND huyện Sóc Sơn", "--code", "SS")
    dondoc("unit", "add", "UBND xã Tân Lập", "--code", "TL1", "--parent", "TT")
    with connected.opened(write=True) as conn:
        conn.execute("""INSERT INTO unit (code, name, name_key, parent_id, created_at)
                        SELECT 'TL2', name, name_key, (SELECT id FROM unit WHERE code = 'SS'),
                               created_at FROM unit WHERE code = 'TL1'""")
    dondoc("directive", "add", "5/KH-UBND", "--issued", "02/01/2024")
    for unit, n in (("TL1", 1), ("TL2", 2)):
        for _ in range(n):
            dondoc("task", "add", "5/KH-UBND", "Báo cáo", "--unit", unit, "--due", "31/01/2024")
    flat = json.loads(dondoc("completion", "--as-of", "01/02/2024", "-f", "json"))
    assert [(r["unit"], r["total"]) for r in flat] == [("UBND xã Tân Lập", 1),
                                                       ("UBND xã Tân Lập", 2)]
    tree = json.loads(dondoc("completion", "--as-of", "01/02/2024", "--tree", "-f", "json"))
    assert [(r["level"], r["unit"], r["total"], r["open_overdue"]) for r in tree] == [
        (0, "UBND huyện Sóc Sơn", 2, 2), (1, "UBND xã Tân Lập", 2, 2),
        (0, "UBND huyện Thạch Thất", 1, 1), (1, "UBND xã Tân Lập", 1, 1)]


def test_info_counts_what_the_register_holds_and_its_size(office: Run, isolated: Path,
                                                          backend: str) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023")
    info = json.loads(office("info", "--format", "json"))
    assert [info[k] for k in ("units", "directives", "tasks", "events", "voided")] == [
        3, 1, 4, 1, 0]
    if backend == "sqlite":
        assert info["size_bytes"] == isolated.stat().st_size
    else:  # the schema's tables: a page (8 kB) at least for each holding rows
        tables = ("unit", "directive", "task", "task_span", "event")
        assert info["size_bytes"] >= len(tables) * 8192
