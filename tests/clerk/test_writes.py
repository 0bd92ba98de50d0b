"""Every write says what it did in one line, with the dates it computed; --quiet says nothing."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys

from conftest import Run


def test_each_write_says_what_it_did(dondoc: Run) -> None:
    assert dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD") == (
        "Unit SXD added: Sở Xây dựng\n")
    assert dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/10/2026") == (
        "Directive 847/QĐ-UBND added: issued 14/10/2026\n")
    assert dondoc("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--due",
                  "10 ngày làm việc") == (
        "Task 847/QĐ-UBND#1 (id 1) added: due 28/10/2026 (10 working days from 14/10/2026)\n")
    assert dondoc("task", "add", "847/QĐ-UBND", "Rà soát", "--unit", "SXD", "--due",
                  "25/10/2026") == (
        "Task 847/QĐ-UBND#2 (id 2) added: due 26/10/2026 (moved from Sunday 25/10/2026)\n")
    assert dondoc("task", "add", "847/QĐ-UBND", "Kiểm tra", "--unit", "SXD", "--due",
                  "30d") == (
        "Task 847/QĐ-UBND#3 (id 3) added: due 13/11/2026 (30 days from 14/10/2026)\n")
    assert dondoc("task", "add", "847/QĐ-UBND", "Theo dõi", "--unit", "SXD") == (
        "Task 847/QĐ-UBND#4 (id 4) added: no deadline (a standing task)\n")
    assert dondoc("progress", "1", "Đã họp", "--on", "20/10/2026", "--percent", "40") == (
        "Progress on task 847/QĐ-UBND#1 recorded for 20/10/2026: 40%\n")
    assert dondoc("extend", "1", "--to", "30/11/2026", "--on", "21/10/2026") == (
        "Task 847/QĐ-UBND#1 extended to 30/11/2026 (was 28/10/2026), granted on 21/10/2026\n")
    assert dondoc("done", "1", "--on", "25/11/2026") == (
        "Task 847/QĐ-UBND#1 done on 25/11/2026: done on time (due 30/11/2026)\n")
    assert dondoc("done", "2", "--on", "25/11/2026") == (
        "Task 847/QĐ-UBND#2 done on 25/11/2026: done late (due 26/10/2026)\n")
    assert dondoc("cancel", "3", "--on", "25/11/2026") == (
        "Task 847/QĐ-UBND#3 cancelled from 25/11/2026\n")
    assert dondoc("reopen", "3", "--on", "25/11/2026") == (
        "Task 847/QĐ-UBND#3 reopened from 25/11/2026\n")
    assert dondoc("--lang", "vi", "done", "4", "--on", "01/11/2026") == (
        "Nhiệm vụ 847/QĐ-UBND#4 hoàn thành ngày 01/11/2026 (không có thời hạn)\n")
    assert dondoc("--lang", "vi", "task", "add", "847/QĐ-UBND", "Báo cáo quý", "--unit", "SXD",
                  "--every", "quarter") == (
        "Đã thêm nhiệm vụ định kỳ 847/QĐ-UBND#5: mỗi quý một nhiệm vụ, từ 14/10/2026\n")
    assert dondoc("calendar", "add-holiday", "10/10/2027", "Giải phóng Thủ đô") == (
        "10/10/2027: Giải phóng Thủ đô recorded as a day off\n")


def test_quiet_writes_say_nothing(dondoc: Run) -> None:
    assert dondoc("--quiet", "unit", "add", "Sở Xây dựng", "--code", "SXD") == ""
    assert dondoc("directive", "add", "1/KH", "--issued", "01/02/2023", "--quiet") == ""
    assert dondoc("task", "add", "1/KH", "Báo cáo", "--unit", "SXD", "--quiet") == ""
    assert dondoc("done", "1", "--on", "02/02/2023", "--quiet") == ""
    assert "Sở Xây dựng" in dondoc("unit", "list", "--quiet")  # reads are not writes


def test_shell_completion_completes_commands() -> None:
    env = {**os.environ, "_DONDOC_COMPLETE": "complete_bash", "COMP_WORDS": "dondoc ove",
           "COMP_CWORD": "1"}
    result = subprocess.run([sys.executable, "-m", "dondoc"], capture_output=True, text=True,
                            env=env)
    assert result.stdout.split() == ["overdue"]


def test_every_event_records_who_recorded_it(office: Run) -> None:
    """The login: on a server, the one the register was opened as (what its row-level security
    knows a unit's clerk by); on a file, the account dondoc runs as."""
    office("progress", "1", "Đã họp", "--on", "20/02/2023")
    office("task", "edit", "1", "--unit", "SXD", "--on", "01/03/2023")
    office("done", "1", "--on", "05/03/2023")
    dsn = os.environ["DONDOC_DB"]
    expected = dsn.split("//")[1].split("@")[0] if "://" in dsn else getpass.getuser()
    history = json.loads(office("task", "show", "1", "-f", "json"))["history"]
    assert [event["recorded_by"] for event in history] == [expected] * 3
    header = [line for line in office("task", "show", "1").splitlines() if "Recorded at" in line]
    assert "By" in header[0].split()  # a column of the history
