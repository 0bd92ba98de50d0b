"""What a clerk sees: dondoc in a process of its own on a real pseudo-terminal (80 and 200
columns; tests/forked.py), read back as the screen shows it; and the options that shape a
table: --columns, the unit's code and e-mail, the --as-of lists, recorded moments in local
time."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
from fcntl import ioctl
from pathlib import Path
from termios import TIOCSWINSZ

import forked
import pytest
from conftest import ROOT, Run, copy_example
from rich.cells import cell_len

# What a terminal shows is the renderer's, not the register's: run once, on a file (the
# reports it shows run on both registers in tests/reports and tests/test_dialects.py).
pytestmark = pytest.mark.sqlite_only

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SGR = re.compile(r"\x1b\[([0-9;]*)m")
DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
BOX = set("─━│┃ ")


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TZ")}
    env.update(TERM="xterm-256color", DONDOC_LANG="en", **extra)
    return env


def on_terminal(width: int, *args: str, **env: str) -> str:
    """dondoc ARGS in a process of its own on a pseudo-terminal `width` columns wide
    (tests/forked.py: `python -m dondoc` less starting Python): what it wrote, escape codes and
    all, with the terminal's \\r\\n as \\n."""
    master, slave = pty.openpty()
    ioctl(slave, TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    terminal = os.ttyname(slave)
    process = forked.start(list(args), environment(**env), terminal, terminal, terminal)
    chunks = []
    while True:  # `slave` stays open here: what the process wrote is read after it has ended
        if select.select([master], [], [], 0.01)[0]:
            chunks.append(os.read(master, 65536))
        elif not process.is_alive():
            while select.select([master], [], [], 0)[0]:
                chunks.append(os.read(master, 65536))
            break
    process.join(timeout=60)
    os.close(slave)
    os.close(master)
    assert forked.exit_status(process) == 0, b"".join(chunks)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def in_pipe(*args: str, **env: str) -> str:
    result = subprocess.run([sys.executable, "-m", "dondoc", *args], capture_output=True,
                            text=True, env=environment(**env), cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def screen(raw: str) -> list[str]:
    return ESCAPE.sub("", raw).split("\n")


def colours(raw: str) -> set[str]:
    """The colour parameters of every SGR code (bold, dim and resets are not colours)."""
    found: set[str] = set()
    for params in SGR.findall(raw):
        found.update(p for p in params.split(";")
                     if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107))
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, example_register: Path) -> str:
    """The README's example register (Hà Nội, early 2023)."""
    return str(copy_example(example_register, tmp_path_factory.mktemp("terminal") / "example.db"))


COMMANDS = [
    ("overdue", "--as-of", "20/02/2023"),
    ("overdue", "--as-of", "20/06/2023", "--summary"),
    ("due", "--as-of", "13/02/2023", "--within", "5"),
    ("completion", "--as-of", "31/03/2023"),
    ("task", "list", "--as-of", "20/02/2023"),
    ("unit", "list", "--all"),
    ("directive", "list"),
    ("directive", "show", "12/TB-UBND", "--as-of", "20/02/2023"),
    ("task", "show", "12/TB-UBND#1", "--as-of", "20/02/2023"),
    ("stale", "--as-of", "20/02/2023"),
    ("mine", "--officer", "Phạm Tuấn Anh", "--as-of", "20/02/2023"),
]


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_table_fits_the_screen_and_breaks_no_word(example: str, dondoc: Run, width: int,
                                                    command: tuple[str, ...]) -> None:
    raw = on_terminal(width, "--db", example, *command)
    lines = screen(raw)
    assert "┃" not in raw and "│" not in raw  # the rich table, not the plain one, ...
    assert any(set(line) <= BOX and "─" in line for line in lines)  # ... under its headers
    assert max(map(cell_len, lines)) <= width
    # Every word on the screen is a whole word of the same table written in full (plain, as
    # in a pipe; the pipe itself is test_colours_on_a_terminal_only's): no header, name, date,
    # number or code is cut.
    whole = dondoc("--db", example, *command, "--format", "plain")
    words = set(whole.split())
    for line in lines:
        for word in line.split():
            if not set(word) <= BOX:
                assert word in words, (word, line)
    # and every date is on the screen, on one line, as many times as in the full table
    assert sorted(DATE.findall(whole)) == sorted(DATE.findall("\n".join(lines)))


def test_the_overdue_table_at_80_columns_leaves_out_the_least_needed(example: str) -> None:
    narrow = screen(on_terminal(80, "--db", example, "overdue", "--as-of", "20/02/2023"))
    wide = screen(on_terminal(200, "--db", example, "overdue", "--as-of", "20/02/2023"))
    header = " ".join(narrow[1:3])
    assert "Officer" not in header and "Leader" not in header and "Task" in header
    assert "Officer" in " ".join(wide[1:3]) and "Latest" in " ".join(wide[1:3])
    assert len(narrow) < 40  # 117 lines for 6 rows, before
    [row] = [line for line in narrow if line.startswith(" 9 ")]
    assert row.split()[:2] == ["9", "12/TB-UBND"] and row.split()[-2:] == ["31/01/2023", "20"]


def test_colours_on_a_terminal_only(example: str) -> None:
    args = ("--db", example, "overdue", "--as-of", "20/02/2023")
    assert "33" in colours(on_terminal(200, *args))  # 1-30 days late: yellow
    late = on_terminal(200, "--db", example, "overdue", "--as-of", "20/08/2023")
    assert "31" in colours(late) and "33" not in colours(late)  # over 90 days late: red
    statuses = colours(on_terminal(200, "--db", example, "task", "list", "--as-of",
                                   "20/02/2023"))
    assert {"31", "32", "33"} <= statuses  # open overdue, done on time, done late
    assert colours(on_terminal(200, *args, NO_COLOR="1")) == set()
    piped = in_pipe(*args)
    assert "\x1b" not in piped
    assert piped.splitlines()[1].split()[:3] == ["ID", "Directive", "Code"]  # the plain layout


def test_each_report_says_which_columns_a_narrow_terminal_leaves_out(dondoc: Run) -> None:
    from dondoc.cli import directives, followup, render, reports, tasks, units

    for command, drop in [(["overdue"], reports.OVERDUE_DROP), (["due"], reports.DUE_DROP),
                          (["completion"], reports.COMPLETION_DROP),
                          (["task", "list"], render.TASK_DROP),
                          (["task", "show"], tasks.HISTORY_DROP),
                          (["unit", "list"], units.UNIT_DROP),
                          (["directive", "list"], directives.DIRECTIVE_DROP),
                          (["stale"], followup.STALE_DROP)]:
        text = " ".join(dondoc(*command, "--help").split())
        assert ", ".join(drop) in text, command


# --columns, in every format

FORMATS = ["table", "plain", "csv", "json", "markdown", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_picks_and_orders_in_every_format(office: Run, fmt: str) -> None:
    out = office("task", "list", "--as-of", "10/03/2023", "--columns", "status,id,leader",
                 "--format", fmt)
    if fmt == "json":
        rows = json.loads(out)
        assert [list(row) for row in rows] == [["status", "id", "leader"]] * 4
        assert rows[0] == {"status": "open_on_time", "id": 1, "leader": "Nguyễn Xuân Linh"}
        return
    if fmt == "csv":
        assert out.splitlines()[:2] == ["status,id,leader", "open_on_time,1,Nguyễn Xuân Linh"]
        return
    header = out.split("<tbody>")[0] if fmt == "html" else out.splitlines()[0]
    positions = [header.index(label) for label in ("Status", "ID", "Leader")]
    assert positions == sorted(positions), header
    assert "Task" not in header and "Directive" not in header
    assert "Nguyễn Xuân Linh" in out


@pytest.mark.parametrize("command", [
    ["overdue", "--as-of", "20/03/2023"], ["overdue", "--as-of", "20/03/2023", "--summary"],
    ["due", "--as-of", "13/03/2023"], ["completion", "--as-of", "20/03/2023"],
    ["task", "list"], ["task", "show", "1"], ["directive", "list"],
    ["directive", "show", "847/QĐ-UBND"], ["unit", "list"], ["calendar", "show", "2023"],
    ["stale", "--as-of", "20/03/2023"], ["mine", "--officer", "Bùi Thanh Tùng"]],
    ids=" ".join)
def test_every_list_and_report_takes_columns(office: Run, command: list[str]) -> None:
    known = office.fails(*command, "--columns", "nonsense")
    assert known.count("\n") == 1 and "no column 'nonsense'" in known
    first, second = known.split("known columns: ")[1].rstrip(")\n").split(", ")[:2]
    out = office(*command, "--columns", f"{second},{first}", "--format", "csv")
    assert f"{second},{first}" in out.splitlines()  # show: after the task or directive


def test_an_unknown_column_lists_the_known_ones(office: Run) -> None:
    error = office.fails("overdue", "--columns", "id,unit_mail")
    assert error == ("dondoc: error: --columns: no column 'unit_mail' (known columns: id, "
                     "directive, code, content, unit, unit_code, unit_email, leader, officer, "
                     "due, days_overdue, workdays_overdue, last_progress, reminders, assigned, "
                     "original_due, "
                     "due_rule, extensions)\n")
    assert "không có cột 'x'" in office.fails("--lang", "vi", "unit", "list", "--columns", "x")


def test_overdue_and_due_rows_carry_the_units_code_and_email(office: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(office("overdue", "--as-of", "20/03/2023",
                                                  "--format", "csv"))))
    first = rows[-1]
    assert (first["unit"], first["unit_code"], first["unit_email"]) == (
        "UBND huyện Đông Anh", "DONGANH", "da@hn.vn")
    assert list(first)[4:7] == ["unit", "unit_code", "unit_email"]
    assert rows[0]["unit_code"] == "VANNOI" and rows[0]["unit_email"] == ""
    data = json.loads(office("due", "--as-of", "13/03/2023", "--format", "json"))
    assert (data[0]["unit_code"], data[0]["unit_email"]) == ("DONGANH", "da@hn.vn")
    # for people they stay out of the way unless asked for
    assert "da@hn.vn" not in office("overdue", "--as-of", "20/03/2023")
    assert "da@hn.vn" in office("overdue", "--as-of", "20/03/2023", "--columns",
                                "id,unit_email")


# --as-of on the lists of units and directives

def test_unit_list_as_it_stood_on_a_date(office: Run) -> None:
    office("unit", "end", "VANNOI", "--on", "01/03/2023", "--successor", "SXD")

    def units(*args: str) -> dict[str, dict[str, str]]:
        out = office("unit", "list", *args, "--format", "csv")
        return {row["code"]: row for row in csv.DictReader(io.StringIO(out))}

    before = units("--as-of", "28/02/2023")
    assert {code: row["tasks"] for code, row in before.items()} == {
        "SXD": "2", "DONGANH": "1", "VANNOI": "1"}
    assert "VANNOI" not in units("--as-of", "01/03/2023")
    after = units("--as-of", "01/03/2023", "--all")
    assert (after["VANNOI"]["ended_on"], after["VANNOI"]["successor"]) == ("2023-03-01", "SXD")
    assert (after["VANNOI"]["tasks"], after["SXD"]["tasks"]) == ("0", "3")
    assert units("--as-of", "28/02/2023", "--all")["VANNOI"]["ended_on"] == ""
    assert {row["tasks"] for row in units("--as-of", "13/02/2023").values()} == {"0"}


def test_directive_list_as_of_a_date(office: Run) -> None:
    office("directive", "add", "5/KH-UBND", "--issued", "01/03/2023")
    office("cancel", "2", "--on", "20/02/2023")

    def directives(day: str) -> list[tuple[str, int]]:
        rows = json.loads(office("directive", "list", "--as-of", day, "--format", "json"))
        return [(row["number"], row["tasks"]) for row in rows]

    assert directives("13/02/2023") == []
    assert directives("19/02/2023") == [("847/QĐ-UBND", 4)]
    assert directives("01/03/2023") == [("847/QĐ-UBND", 3), ("5/KH-UBND", 0)]


# recorded moments

def test_recorded_moments_are_shown_in_local_time(office: Run, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    events = tmp_path / "events.csv"
    events.write_text("task,kind,on,note,recorded_at\n"
                      "1,progress,15/02/2023,Đã họp,2023-02-16T01:30:00Z\n", encoding="utf-8")
    office("import", "--what", "events", str(events))
    monkeypatch.delenv("TZ", raising=False)
    assert "16/02/2023 08:30" in office("task", "show", "1")  # Asia/Ho_Chi_Minh
    monkeypatch.setenv("TZ", "Europe/Paris")
    shown = office("task", "show", "1")
    assert "16/02/2023 02:30" in shown and "2023-02-16T01:30:00Z" not in shown
    history = json.loads(office("task", "show", "1", "--format", "json"))["history"]
    assert history[0]["recorded_at"] == "2023-02-16T01:30:00Z"
    assert "2023-02-16T01:30:00Z" in office("task", "show", "1", "--format", "csv")
    assert json.loads(office("task", "show", "1", "--format", "json", "--columns",
                             "recorded_at"))["history"] == [{"recorded_at":
                                                             "2023-02-16T01:30:00Z"}]


def test_the_corrections_fit_the_screen(example: str, dondoc: Run, tmp_path: Path) -> None:
    """`changes` and the corrections under `task show`: dates, codes and logins stay whole at
    80 columns; long text (an e-mail, a unit's name) wraps or, as a last resort, breaks."""
    import shutil

    db = str(shutil.copy(example, tmp_path / "edited.sqlite3"))
    edits = [("task", "edit", "12/TB-UBND#1", "--unit", "SXD", "--on", "01/03/2023", "--note",
              "Công văn số 52/UBND-TH về việc giao lại nhiệm vụ"),
             ("unit", "edit", "DONGANH", "--email", "vanthu.ubnd@donganh.hanoi.gov.vn"),
             ("task", "edit", "12/TB-UBND#2", "--content", "Rà soát, bổ sung hồ sơ dự án")]
    for edit in edits:
        dondoc("--db", db, *edit)
    [change] = [e for e in json.loads(dondoc("--db", db, "task", "show", "12/TB-UBND#1",
                                              "--format", "json"))["history"]
                if e["kind"] == "change"]
    dondoc("--db", db, "void", str(change["id"]), "--reason", "giao nhầm")
    for command in (("changes",), ("task", "show", "12/TB-UBND#1", "--as-of", "20/03/2023")):
        lines = screen(on_terminal(80, "--db", db, *command))
        assert max(map(cell_len, lines)) <= 80, command
        whole = dondoc("--db", db, *command, "--format", "plain")
        shown = "\n".join(lines)
        # Columns may be left out (the recorded moment first), but a date shown is whole.
        assert all(len(d) == 10 for d in re.findall(r"\d{2}/\d{2}/\d*", shown)), command
        assert "01/03/2023" in shown, command  # the day the reassignment took effect
        for code in ("12/TB-UBND#1", "DONGANH"):
            assert code in shown or code not in whole, (code, command)
    assert "giao nhầm" in "\n".join(screen(on_terminal(80, "--db", db, "changes")))


def test_the_completion_chart_on_a_terminal_fits_and_is_coloured(example: str) -> None:
    """completion --chart (issue 13): blocks in colour on a terminal (without colour under
    NO_COLOR), within its 80 columns; the same bars as '#' and '*' in a pipe."""
    raw = on_terminal(80, "--db", example, "completion", "--as-of", "31/03/2023", "--chart")
    lines = [line for line in screen(raw) if line]
    assert max(map(cell_len, lines)) <= 80
    assert "█" in raw and {"31", "32"} <= colours(raw)
    # The bars' colours are the chart's own escape codes, not rich's: NO_COLOR is dondoc's to
    # honour there (render._no_color).
    plain = on_terminal(80, "--db", example, "completion", "--as-of", "31/03/2023", "--chart",
                        NO_COLOR="1")
    assert "█" in plain and colours(plain) == set() and screen(plain) == screen(raw)
    piped = in_pipe("--db", example, "completion", "--as-of", "31/03/2023", "--chart")
    assert "█" not in piped and "#" in piped and "\x1b" not in piped
    assert len(piped.splitlines()) == len(lines)  # a line per unit either way


@pytest.mark.parametrize("command", [("stale", "--as-of", "20/02/2023"),
                                     ("disclose", "--quarter", "2023-Q1")], ids=" ".join)
def test_the_lines_above_a_table_fit_80_columns_in_vietnamese(example: str,
                                                              command: tuple[str, ...]) -> None:
    lines = screen(on_terminal(80, "--db", example, "--lang", "vi", *command))
    heads = lines[:lines.index("")] if "" in lines else lines[:1]
    assert heads and all(len(line) <= 80 for line in heads), heads


def test_the_public_list_names_the_quarter_as_offices_write_it(example: str, dondoc: Run) -> None:
    vi = dondoc("--db", example, "--lang", "vi", "disclose", "--quarter", "2023-Q1")
    assert vi.splitlines()[1] == ("Quý I/2023: từ 01/01/2023 đến 31/03/2023, số liệu tính đến "
                                  "ngày 31/03/2023")
    en = dondoc("--db", example, "disclose", "--quarter", "2023-Q4")
    assert en.splitlines()[1] == "Q4 2023: from 01/10/2023 to 31/12/2023, as of 31/12/2023"
    span = dondoc("--db", example, "--lang", "vi", "disclose", "--from", "01/01/2023", "--to",
                   "15/02/2023")
    assert span.splitlines()[1] == ("Từ ngày 01/01/2023 đến ngày 15/02/2023, số liệu tính đến "
                                    "ngày 15/02/2023")
