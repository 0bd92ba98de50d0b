"""The register file: reads never create or write it, a file this account may only read gives
the same answers, another program's database is never touched, and the errors are one line."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import registers
from conftest import EXAMPLES, Run, copy_example

from dondoc.register import db
from dondoc.register.migrations import MIGRATIONS

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
READS = [
    ["overdue", "--as-of", "30/06/2027"],
    ["overdue", "--as-of", "20/02/2023", "--check"],
    ["completion", "--as-of", "30/06/2027"],
    ["due", "--as-of", "13/02/2023", "--within", "5"],
    ["task", "list", "--as-of", "30/06/2027", "--format", "csv"],
    ["task", "show", "1", "--as-of", "20/02/2023"],
    ["directive", "show", "12/TB-UBND", "--as-of", "30/06/2027"],
    ["directive", "list"],
    ["unit", "list", "--as-of", "30/06/2027"],
    ["calendar", "show", "2029"],
    ["export", "--what", "tasks"],
    ["export", "--what", "events", "--format", "jsonl"],
    ["verify"],
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str, env: dict[str, str] | None = None, as_nobody: bool = False,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a shell would run it; as an unprivileged user if asked
    (file modes do not bind root)."""
    prefix = NOBODY if as_nobody and os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "dondoc", *args], capture_output=True,
                          text=True, env={**os.environ, "DONDOC_LANG": "en", **(env or {})},
                          input=stdin, timeout=120)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder every account can reach (pytest's own are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="dondoc-ro-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def example(built: Path, path: Path) -> Path:
    """The example register, plus a recurring task, so that reports as of 2027 need instances
    and calendar years the file does not hold yet."""
    copy_example(built, path)
    Run()("--db", str(path), "task", "add", "12/TB-UBND", "Báo cáo quý", "--unit", "SXD",
          "--every", "quarter", "--day", "15", "--assigned", "01/01/2026")
    return path


@pytest.mark.no_register
@pytest.mark.parametrize("args", READS, ids=lambda args: " ".join(args[:2]))
def test_a_read_never_creates_a_register(dondoc: Run, tmp_path: Path, args: list[str]) -> None:
    """Not a file (nor its folder), nor a server's schema: the test's database is empty."""
    server = registers.on_server()
    missing = os.environ["DONDOC_DB"] if server else str(tmp_path / "typo" / "regsiter.sqlite3")
    result = dondoc.invoke("--db", missing, *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"dondoc: error: no register at {missing} (create one with "
                             f"`dondoc init {missing}`, or name another with --db or "
                             "DONDOC_DB)\n")
    if server:
        assert registers.rows("SELECT nspname FROM pg_namespace WHERE nspname = 'dondoc'") == []
    else:
        assert not Path(missing).parent.exists()


@pytest.mark.sqlite_only  # a new file, its application_id
def test_a_write_creates_the_register_and_says_so_once(tmp_path: Path) -> None:
    path = tmp_path / "new" / "r.sqlite3"
    first = cli("--db", str(path), "unit", "add", "Sở Xây dựng", "--code", "SXD")
    assert first.returncode == 0
    assert first.stderr == f"created a new register at {path}\n"
    assert first.stdout == "Unit SXD added: Sở Xây dựng\n"
    second = cli("--db", str(path), "unit", "add", "Sở Tư pháp", "--code", "STP", "--quiet")
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    refused = tmp_path / "refused.sqlite3"
    result = cli("--db", str(refused), "unit", "add", "Sở Xây dựng", "--code", "")
    assert result.returncode == 1 and "created" not in result.stderr
    assert not refused.exists()  # a write refused leaves no new register behind
    again = cli("init", str(path))
    assert again.stdout == f"{path} is a dondoc register already\n"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID


@pytest.mark.sqlite_only  # another program's SQLite file
def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mua rau')")
    conn.commit()
    conn.close()
    before = digest(other)
    for args in (["overdue"], ["unit", "add", "Sở Xây dựng", "--code", "SXD"], ["init"],
                 ["import", str(EXAMPLES / "units.csv"), "--what", "units"]):
        result = cli("--db", str(other), *args)
        assert result.returncode == 1, args
        assert result.stderr == (f"dondoc: error: {other} is not a dondoc register: it is "
                                 "another program's database (notes) (name a dondoc register "
                                 "with --db, or create one with `dondoc init PATH`)\n")
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


@pytest.mark.sqlite_only  # a file this account may only read
def test_a_read_only_register_answers_as_a_writable_one(shared_dir: Path, dondoc: Run,
                                                       example_register: Path) -> None:
    """The same reports, byte for byte, from a 0444 file in a 0555 folder read by an
    unprivileged account, as from a writable copy; the file is left exactly as it was."""
    writable = example(example_register, shared_dir / "writable.sqlite3")
    frozen = shared_dir / "frozen"
    frozen.mkdir()
    readonly = frozen / "register.sqlite3"
    shutil.copy(writable, readonly)
    readonly.chmod(0o444)
    frozen.chmod(0o555)
    before = digest(readonly)
    for args in READS:  # the writable copy read in this process, the read-only one by nobody
        expected = dondoc.invoke("--db", str(writable), *args)
        got = cli("--db", str(readonly), *args, as_nobody=True)
        assert (got.returncode, got.stderr) == (expected.exit_code, ""), args
        assert got.stdout == expected.stdout and expected.stdout.strip(), args
    assert "Báo cáo quý" in cli("--db", str(readonly), "task", "list", "--as-of", "30/06/2027",
                                as_nobody=True).stdout
    dry = cli("--db", str(readonly), "import", str(EXAMPLES / "hanoi-2023.csv"), "--dry-run",
              as_nobody=True)
    assert dry.returncode == 0 and "36 unchanged" in dry.stdout, dry.stderr
    info = cli("--db", str(readonly), "info", "--format", "json", as_nobody=True)
    assert '"access": "read_only"' in info.stdout and '"tasks": 3' not in info.stdout
    write = cli("--db", str(readonly), "progress", "1", "x", as_nobody=True)
    assert (write.returncode, write.stderr) == (1, (
        f"dondoc: error: cannot write to the register {readonly}: this account may only read "
        "it (ask its owner for write access, or name another with --db)\n"))
    assert digest(readonly) == before
    assert sorted(p.name for p in frozen.iterdir()) == ["register.sqlite3"]


@pytest.mark.sqlite_only  # the per-user register file
def test_an_account_without_a_home_gets_one_line(shared_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DONDOC_DB", "XDG_DATA_HOME")}
    env["HOME"] = "/nonexistent"
    for args, message in (
        (["overdue"], "dondoc: error: no register at /nonexistent/.local/share/dondoc/"
                      "dondoc.sqlite3 (create one with `dondoc init "),
        (["unit", "add", "Sở Xây dựng", "--code", "SXD"],
         "dondoc: error: cannot create the register /nonexistent/.local/share/dondoc/"
         "dondoc.sqlite3: "),
    ):
        prefix = NOBODY if os.geteuid() == 0 else []
        result = subprocess.run([*prefix, sys.executable, "-m", "dondoc", *args],
                                capture_output=True, text=True, env=env, cwd=shared_dir)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(message), result.stderr
        assert result.stderr.count("\n") == 1


def test_info_says_what_the_register_holds(dondoc: Run, isolated: Path) -> None:
    dondoc("import", "--what", "units", str(EXAMPLES / "units.csv"))
    dondoc("import", str(EXAMPLES / "hanoi-2023.csv"))
    dondoc("progress", "1", "Đang làm", "--on", "15/02/2023")
    out = dondoc("info")
    assert f"Path:         {db.shown_path(None)}\n" in out
    assert f"Schema:       {len(MIGRATIONS)} ({MIGRATIONS[-1][0]})\n" in out
    assert "Units:        13\nDirectives:   6\nTasks:        36\nEvents:       " in out
    assert "Access:       Read and write\n" in out


@pytest.mark.sqlite_only  # --db naming its own file
def test_root_options_after_the_command(dondoc: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD", "--db", str(other), "--quiet")
    out = dondoc("unit", "list", "--db", str(other), "--lang", "vi", "--format", "csv")
    assert out.splitlines()[1].startswith("SXD,Sở Xây dựng")
    assert dondoc("overdue", "--as-of", "01/01/2023", f"--db={other}", "--lang=vi") == (
        "Không có nhiệm vụ quá hạn tính đến 01/01/2023.\n")


@pytest.mark.sqlite_only  # touches no register
def test_an_unknown_language_is_refused(dondoc: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    err = dondoc.fails("--lang", "fr", "overdue", code=2)
    assert err == "dondoc: error: --lang 'fr': no such language; there are vi, en\n"
    monkeypatch.setenv("DONDOC_LANG", "xx")
    err = dondoc.fails("overdue", code=2)
    assert err == "dondoc: error: DONDOC_LANG='xx': no such language; there are vi, en\n"


@pytest.mark.sqlite_only  # its own register file, written by a shell pipeline
def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    rows = "directive,issued,code,content,unit\n" + "".join(
        f"1/KH-UBND,14/02/2023,{n},Việc số {n} {'x' * 200},Sở Xây dựng\n" for n in range(3000))
    (tmp_path / "big.csv").write_text(rows, encoding="utf-8")
    env = {**os.environ, "DONDOC_DB": str(tmp_path / "r.sqlite3"), "DONDOC_LANG": "en"}
    dondoc = f"{sys.executable} -m dondoc"
    script = (f"{dondoc} import {tmp_path / 'big.csv'} --create-units --quiet > /dev/null && "
              f"{dondoc} export | head -1 && {dondoc} task list --as-of 01/03/2023 | head -2")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0
    assert result.stdout.startswith("directive,issued,title")
    assert result.stderr == "created a new register at " + str(tmp_path / "r.sqlite3") + "\n"


def test_a_bug_is_shown_as_one_and_a_busy_register_is_not(
        office: Run, monkeypatch: pytest.MonkeyPatch, isolated: Path) -> None:
    from dondoc import reports

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("no such column: t.duee")

    monkeypatch.setattr(reports, "overdue", broken)
    err = office.fails("overdue", code=70)
    assert err == ("dondoc: internal error: OperationalError: no such column: t.duee (this is "
                   "a bug in dondoc: run the command again with --traceback and report what it "
                   "shows)\n")
    with pytest.raises(sqlite3.OperationalError):
        office.invoke("--traceback", "overdue")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    with registers.holding_the_writer_lock():
        err = office.fails("progress", "1", "x", "--on", "20/02/2023")
    assert err == ("dondoc: error: the register is busy: another dondoc is writing to it (try "
                   "again in a moment)\n")


# Every read as of a date in the periods 2027-Q3 and 2027-07, and what its json says of the
# recurring instances it holds: their codes, or the tasks counted (7 quarterly from 2026-Q1, 19
# monthly from 2026-01).
AS_OF = "20/07/2027"
PERIOD = {"1/2027-Q3", "2/2027-07"}
DATED_READS: list[tuple[list[str], Callable[[Any], object], object]] = [
    (["overdue", "--as-of", "20/10/2027"], lambda rows: {r["code"] for r in rows} >= {
        "1/2027-Q3", "2/2027-10"} and "1/2027-Q4" not in {r["code"] for r in rows}, True),
    (["due", "--as-of", AS_OF, "--within", "60", "--days"],
     lambda rows: {r["code"] for r in rows}, {"1/2027-Q3"}),  # 2/2027-07 is late already
    (["completion", "--as-of", AS_OF], lambda rows: rows[0]["total"], 26),
    (["completion", "--as-of", AS_OF, "--tree"], lambda rows: rows[0]["total"], 26),
    (["task", "list", "--as-of", AS_OF], lambda rows: PERIOD <= {r["code"] for r in rows}, True),
    (["task", "show", "5/KH-UBND#1/2027-Q3", "--as-of", AS_OF], lambda task: task["status"],
     "open_on_time"),
    (["directive", "show", "5/KH-UBND", "--as-of", AS_OF],
     lambda found: PERIOD <= {r["code"] for r in found["tasks"]}, True),
    (["directive", "list", "--as-of", AS_OF], lambda rows: rows[0]["tasks"], 26),
    (["unit", "list", "--as-of", AS_OF], lambda rows: rows[0]["tasks"], 26),
    (["stale", "--as-of", AS_OF, "--days", "5"],
     lambda rows: PERIOD <= {r["code"] for r in rows}, True),
    (["mine", "--officer", "tran van nam", "--as-of", AS_OF],
     lambda rows: {r["code"] for r in rows if r["section"] == "this_quarter"}, {"1/2027-Q3"}),
]


@pytest.mark.sqlite_only  # touches no register
def test_every_command_reading_as_of_a_date_is_checked() -> None:
    """A new command with --as-of joins DATED_READS (and reads through register_as_of)."""
    import typer.main

    from dondoc.cli import app

    def dated(command: Any, path: tuple[str, ...]) -> Iterator[str]:
        for name, sub in getattr(command, "commands", {}).items():
            yield from dated(sub, (*path, name))
        if any("--as-of" in getattr(param, "opts", ()) for param in command.params):
            yield " ".join(path)

    checked = {" ".join(args[:2] if args[0] in ("task", "unit", "directive") else args[:1])
               for args, _, _ in DATED_READS}
    assert set(dated(typer.main.get_command(app), ())) == checked | CHASING


# The chasing commands read through register_as_of too; what they send or print as of a date
# is tested in tests/chase (they have no json of the tasks to compare here).
CHASING = {"remind", "digest", "letter"}


@pytest.fixture
def recurring_register(dondoc: Run, shared_dir: Path) -> Path:
    """A register with a quarterly task added by `task add` (its instances up to today in the
    file) and a monthly one as a dondoc from before today's month left it (none of its
    instances in the file)."""
    path = shared_dir / "recurring.sqlite3"
    for args in (["unit", "add", "Sở Xây dựng", "--code", "SXD"],
                 ["directive", "add", "5/KH-UBND", "--issued", "01/01/2026"],
                 ["task", "add", "5/KH-UBND", "Báo cáo quý", "--unit", "SXD", "--every",
                  "quarter", "--day", "15", "--until", "31/12/2027", "--officer",
                  "Trần Văn Nam"]):
        dondoc("--db", str(path), *args)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("""INSERT INTO recurrence (directive_id, code, content, unit_id, every, day,
                                            start, created_at)
                    SELECT directive_id, '2', 'Báo cáo tháng', unit_id, 'month', 5,
                           '2026-01-01', created_at FROM recurrence""")
    conn.close()
    return path


@pytest.mark.sqlite_only  # a file this account may only read (a server's reads: test_recurring.py)
def test_every_read_as_of_a_date_holds_the_instances_of_its_period(
        dondoc: Run, recurring_register: Path, shared_dir: Path) -> None:
    """Each report and list as of a date in a recurring period has that period's instances,
    on a writable file and on one this account may only read (prepare.as_of); the writable
    file takes those whose period has begun by today, the read-only one nothing."""
    frozen = shared_dir / "frozen"
    frozen.mkdir()
    readonly = frozen / "register.sqlite3"
    shutil.copy(recurring_register, readonly)
    readonly.chmod(0o444)
    frozen.chmod(0o555)
    before = digest(readonly)
    for args, seen, expected in DATED_READS:
        writable = dondoc("--db", str(recurring_register), *args, "--format", "json")
        got = cli("--db", str(readonly), *args, "--format", "json", as_nobody=True)
        assert (got.returncode, got.stderr) == (0, ""), args
        # (Not byte for byte: instances made in memory get ids in another order.)
        assert seen(json.loads(writable)) == seen(json.loads(got.stdout)) == expected, args
    assert digest(readonly) == before
    # The writable file holds the monthly instances up to today's month, none after it.
    this_month = date.today().strftime("2/%Y-%m")
    conn = sqlite3.connect(recurring_register)
    held = {code for (code,) in conn.execute("SELECT code FROM task WHERE code LIKE '2/%'")}
    conn.close()
    assert this_month in held and not any(code > this_month for code in held)
    # export is as of today: the instance of today's month, in both.
    exported = cli("--db", str(readonly), "export", "--what", "tasks", "--format", "jsonl",
                   as_nobody=True)
    assert exported.returncode == 0, exported.stderr
    for out in (exported.stdout, dondoc("--db", str(recurring_register), "export", "--what",
                                        "tasks", "--format", "jsonl")):
        assert this_month in {json.loads(line)["code"] for line in out.splitlines()}
