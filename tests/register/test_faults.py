"""The register's own faults, said plainly: another writer, a full disk, paths that cannot be,
an empty file; and a register its owner alone can read."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
import registers
from conftest import ROOT, Run, copy_example
from psycopg import errors as pg_errors

from dondoc.register import db

BENCH = ROOT / "bench" / "generate.py"


def cli(*args: str, env: dict[str, str] | None = None,
        stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dondoc", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=300,
                          env={**os.environ, "DONDOC_LANG": "en", **(env or {})})


def locked(path: Path) -> bool:
    """Whether another process holds the register's write lock now."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


@pytest.mark.sqlite_only  # the -writer file beside the register
def test_a_write_waits_for_an_import_that_says_so(tmp_path: Path) -> None:
    """A clerk's write during a long import waits for it, past the busy timeout, because the
    import says it is at work; then it goes in, after the import's rows."""
    big = tmp_path / "big.csv"
    subprocess.run([sys.executable, str(BENCH), "csv", str(big), "--rows", "60000"], check=True,
                   capture_output=True)
    register = tmp_path / "r.sqlite3"
    env = {"DONDOC_DB": str(register), "DONDOC_BUSY_TIMEOUT": "0.5"}
    first = tmp_path / "first.csv"
    first.write_text("".join(big.read_text(encoding="utf-8-sig").splitlines(True)[:2]),
                     encoding="utf-8")
    assert cli("-q", "import", str(first), "--create-units", env=env).returncode == 0
    importing = subprocess.Popen([sys.executable, "-m", "dondoc", "-q", "import", str(big),
                                  "--create-units"], env={**os.environ, **env},
                                 stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not locked(register):
        assert importing.poll() is None and time.monotonic() < deadline, "the import never held it"
        time.sleep(0.02)
    writer = db.writer(register)
    assert writer is not None and writer.what == "import big.csv" and writer.pid == importing.pid
    result = cli("progress", "1", "Đã họp triển khai", env=env)
    assert importing.wait(timeout=120) == 0, importing.stderr
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(register)
    (last,) = conn.execute("SELECT MAX(id) FROM event WHERE kind = 'done'").fetchone()
    (note,) = conn.execute("SELECT id FROM event WHERE kind = 'progress'").fetchone()
    assert note > last  # it went in after the import, not around it
    assert not Path(f"{register}-writer").exists()


def test_an_unannounced_writer_is_waited_for_up_to_the_timeout(office: Run,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv("DONDOC_BUSY_TIMEOUT", "0.3")
    with registers.holding_the_writer_lock():
        err = office.fails("done", "1", "--on", "20/02/2023")
    assert err == ("dondoc: error: the register is busy: another dondoc is writing to it (try "
                   "again in a moment)\n")


@pytest.mark.sqlite_only  # SQLite's max_page_count: a file's limit (the server's: below)
def test_a_full_disk_is_named_and_the_register_kept(office: Run, isolated: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """SQLite's own limit stands in for a full disk: the same error, SQLITE_FULL."""
    before = office("export")
    connect = db.connect

    def small(path: Path, *args: object, **kwargs: object) -> db.Conn:
        conn = connect(path, *args, **kwargs)  # type: ignore[arg-type]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return conn

    monkeypatch.setattr(db, "connect", small)
    rows = "directive,issued,code,content,unit\n" + "".join(
        f"9/KH,14/02/2023,{n},Việc số {n} {'x' * 400},SXD\n" for n in range(300))
    (tmp_path / "t.csv").write_text(rows, encoding="utf-8")
    err = office.fails("import", str(tmp_path / "t.csv"))
    assert err == (f"dondoc: error: no space left on the disk holding {isolated}: database or "
                   "disk is full\n")
    monkeypatch.setattr(db, "connect", connect)
    assert office("export") == before


BUSY = "the register is busy: another dondoc is writing to it (try again in a moment)"


@pytest.mark.parametrize("error, said", [
    (pg_errors.LockNotAvailable("canceling statement due to lock timeout"), BUSY),
    (pg_errors.DeadlockDetected("deadlock detected"), BUSY),
    (pg_errors.SerializationFailure("could not serialize access"), BUSY),
    (pg_errors.DiskFull("could not extend file: No space left on device"),
     "no space left on the disk holding {path}: could not extend file: No space left on "
     "device"),
    (pg_errors.InsufficientPrivilege("permission denied for table task"),
     "this login may not make that change: permission denied for table task"),
    (pg_errors.AdminShutdown("terminating connection due to administrator command"),
     "the connection to the register's server was lost (terminating connection due to "
     "administrator command): run the command again; a write not confirmed was not kept"),
    (psycopg.OperationalError("server closed the connection unexpectedly"),
     "the connection to the register's server was lost (server closed the connection "
     "unexpectedly): run the command again; a write not confirmed was not kept"),
])
def test_a_servers_answers_are_told_as_sqlites(office: Run, monkeypatch: pytest.MonkeyPatch,
                                               error: psycopg.Error, said: str) -> None:
    """PostgreSQL's busy, full, forbidden and lost connection: by SQLSTATE, the one line SQLite's
    like answers get (a bug stays a bug: below)."""
    from dondoc import reports
    from dondoc.register import pg

    def failing(*args: object, **kwargs: object) -> None:
        raise pg.mapped(error)

    monkeypatch.setattr(reports, "overdue", failing)
    err = office.fails("overdue", "--as-of", "20/02/2023")
    assert err == "dondoc: error: " + said.replace("{path}", str(db.shown_path(None))) + "\n"


def test_a_server_error_that_is_a_bug_stays_one(office: Run,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from dondoc import reports
    from dondoc.register import pg

    def failing(*args: object, **kwargs: object) -> None:
        raise pg.mapped(pg_errors.UndefinedColumn("column t.duee does not exist"))

    monkeypatch.setattr(reports, "overdue", failing)
    assert office.fails("overdue", "--as-of", "20/02/2023", code=70).startswith(
        "dondoc: internal error: OperationalError: column t.duee does not exist (this is a bug")


@pytest.mark.sqlite_only  # touches no register
def test_the_address_in_a_message_has_no_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DONDOC_DB", "postgresql://office:secret@db.local:5433/dondoc")
    assert db.shown_path(None) == "postgresql://office@db.local:5433/dondoc"


@pytest.fixture
def example_db(tmp_path: Path, example_register: Path) -> Path:
    return copy_example(example_register, tmp_path / "example.sqlite3")


@pytest.mark.sqlite_only  # the example register file; output to /dev/full
def test_a_report_to_a_full_disk_is_one_line(example_db: Path) -> None:
    for args in (["overdue", "--as-of", "20/02/2023"], ["export"],
                 ["task", "list", "--as-of", "20/02/2023", "--format", "json"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "dondoc", "--db", str(example_db),
                                     *args], stdout=full, stderr=subprocess.PIPE, text=True,
                                    timeout=60)
        assert (result.returncode, result.stderr) == (
            1, "dondoc: error: cannot write the output: No space left on device\n"), args


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 64 KiB file system (root only, as CI runs)."""
    where = Path("/tmp/dondoc-tiny-disk")
    where.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root: " + mounted.stderr.decode())
    yield where
    subprocess.run(["umount", str(where)], check=True)


@pytest.mark.sqlite_only  # the example register file; a tiny disk
def test_an_export_to_a_full_disk_leaves_no_file(example_db: Path, tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"x" * 60_000)
    for name in ("so.xlsx", "so.csv"):
        result = cli("--db", str(example_db), "export", "-o", str(tiny_disk / name))
        assert result.returncode == 1
        assert result.stderr == (f"dondoc: error: cannot write {tiny_disk / name}: No space left "
                                 "on device (check the folder)\n")
        assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


@pytest.mark.sqlite_only  # an empty file
def test_an_empty_file_is_not_taken_for_a_register(tmp_path: Path) -> None:
    empty = tmp_path / "typo.sqlite3"
    empty.touch()
    for args in (["overdue"], ["unit", "add", "Sở Xây dựng", "--code", "SXD"]):
        result = cli("--db", str(empty), *args)
        assert (result.returncode, result.stderr) == (1, (
            f"dondoc: error: {empty} is an empty file, not a register (to start a register "
            f"there, run `dondoc init {empty}`)\n"))
    assert empty.stat().st_size == 0
    assert cli("init", str(empty)).returncode == 0
    assert cli("--db", str(empty), "overdue").returncode == 0


@pytest.mark.sqlite_only  # paths of files
def test_paths_that_cannot_be(tmp_path: Path) -> None:
    (tmp_path / "file.csv").write_text("x", encoding="utf-8")
    for args, start in (
        (["--db", str(tmp_path / "file.csv" / "x.sqlite3"), "unit", "add", "A", "--code", "A"],
         f"dondoc: error: cannot create the register {tmp_path / 'file.csv' / 'x.sqlite3'}: "),
        (["--db", str(tmp_path / "file.csv" / "x.sqlite3"), "overdue"],
         "dondoc: error: no register at "),
        (["--db", str(tmp_path), "overdue"], f"dondoc: error: {tmp_path} is a folder"),
    ):
        result = cli(*args)
        assert result.returncode == 1 and result.stderr.startswith(start), result.stderr
        assert result.stderr.count("\n") == 1


@pytest.mark.sqlite_only  # a file's mode
def test_a_new_register_is_its_owners_alone(tmp_path: Path) -> None:
    register = tmp_path / "new" / "deeper" / "r.sqlite3"
    result = subprocess.run(
        ["sh", "-c", f'umask 022 && {sys.executable} -m dondoc --db "{register}" -q '
                     'unit add "Sở Xây dựng" --code SXD'], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(register.stat().st_mode) == 0o600
    for folder in (register.parent, register.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The write-ahead log holds the register's data too (it is gone once dondoc exits, so open
    # one here, with a lax umask): the owner's alone like the register.
    old_umask = os.umask(0o022)
    try:
        with closing(sqlite3.connect(register)) as conn:
            conn.execute("SELECT count(*) FROM unit").fetchone()
            wal = Path(f"{register}-wal")
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)
    existing = tmp_path / "shared.sqlite3"
    assert cli("init", str(existing)).returncode == 0
    existing.chmod(0o640)
    assert cli("--db", str(existing), "-q", "unit", "add", "A", "--code", "A").returncode == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640  # an existing file's mode stays


@pytest.mark.sqlite_only  # a folder's mode
def test_a_folder_this_account_cannot_write(tmp_path: Path) -> None:
    """As an unprivileged account (file modes do not bind root): --db in a read-only folder, and
    a read-only home without --db."""
    import shutil
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="dondoc-ro-", dir="/tmp"))
    try:
        shared.chmod(0o555)
        prefix = (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                  if os.geteuid() == 0 else [])
        env = {k: v for k, v in os.environ.items() if k not in ("DONDOC_DB", "XDG_DATA_HOME")}
        for args, extra, start in (
            (["--db", str(shared / "r.sqlite3")], {}, f"cannot create the register {shared}"),
            ([], {"HOME": str(shared)}, f"cannot create the register {shared}/.local/share"),
        ):
            result = subprocess.run([*prefix, sys.executable, "-m", "dondoc", *args, "unit",
                                     "add", "Sở Xây dựng", "--code", "SXD"], capture_output=True,
                                    text=True, env={**env, "DONDOC_LANG": "en", **extra},
                                    cwd="/tmp")
            assert result.returncode == 1, result.stderr
            assert result.stderr.startswith(f"dondoc: error: {start}"), result.stderr
            assert result.stderr.count("\n") == 1
        assert list(shared.iterdir()) == []
    finally:
        shared.chmod(0o755)
        shutil.rmtree(shared)
