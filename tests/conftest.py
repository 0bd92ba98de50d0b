"""Every test gets its own register in a temporary directory and English output; dates are
always fixed with --as-of / --on, never today."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pgserver
import psycopg
import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from dondoc.cli import app

# Typer's test runner builds the whole click command tree from the app on every call: 50 of a
# test command's 60 ms (measured with cProfile). A real process builds it once; so do the tests.
assert hasattr(typer.testing, "_get_command"), "Typer's runner changed: revisit this"
typer.testing._get_command = functools.cache(typer.main.get_command)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


# Each test runs on both registers (issue 14): a SQLite file in its temporary folder, and a
# database of its own on a real PostgreSQL server (one server per test process, started the
# first time a test needs it; tests/pgserver.py). A test about what only a file has (modes,
# journals, a damaged file, the in-memory copy) is marked sqlite_only and runs on SQLite alone.
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about a register file; not run on "
                                       "PostgreSQL")
    config.addinivalue_line("markers", "no_register: on PostgreSQL, a database with no "
                                       "register in it yet, as a file that is not there")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS, scope="function")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    """This test process's PostgreSQL server: the machine's (tests/test_oldest_server.py has
    PostgreSQL 14 under this name)."""
    with serving() as server:
        yield server


@contextmanager
def serving(binaries: Path | None = None) -> Iterator[pgserver.PgServer]:
    """A running server (the one in `binaries`, else the machine's) with two databases to
    copy: `template_register` holding a new, empty register (its schema made by the
    migrations once, not by each test's first write: DDL is most of what a test costs the
    server), and `template_empty`, where there is no register yet."""
    with pgserver.running(binaries=binaries) as server:
        with psycopg.connect(server.dsn, autocommit=True) as conn:
            conn.execute("CREATE DATABASE template_empty")
            conn.execute("CREATE DATABASE template_register")
        from dondoc.register import db

        db.close(db.connect(server.dsn.rsplit("/", 1)[0] + "/template_register"))
        yield server


_databases = itertools.count(1)
_version = functools.cache(pgserver.version)


def new_database(server: pgserver.PgServer, template: str = "template_register") -> str:
    """A new database on `server`, a copy of `template` (by default a new, empty register;
    `template_empty`: no register at all); its address. Copied file by file where the server
    can (15+): for a small template, 2-4 times faster than writing it through the WAL."""
    name = f"t{next(_databases)}"
    strategy = " STRATEGY FILE_COPY" if _version(server.bin) >= 15 else ""
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}{strategy}")
    return server.dsn.rsplit("/", 1)[0] + "/" + name


def drop_database(server: pgserver.PgServer, dsn: str) -> None:
    """Remove a test's database (and any connection a test left open to it): a worker makes
    hundreds, 8 MB each."""
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {dsn.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str,
             request: pytest.FixtureRequest) -> Iterator[Path]:
    """The test's register: DONDOC_DB names it. Yields the SQLite file's path (on PostgreSQL,
    where no such file is made, the same path: a test reading it is sqlite_only)."""
    db = tmp_path / "register.sqlite3"
    server = request.getfixturevalue("pg_server") if backend == "postgresql" else None
    empty = request.node.get_closest_marker("no_register") is not None
    database = new_database(server, "template_empty" if empty else "template_register") \
        if server else None
    monkeypatch.setenv("DONDOC_DB", database or str(db))
    monkeypatch.setenv("DONDOC_LANG", "en")
    monkeypatch.delenv("DONDOC_TRACEBACK", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    yield db
    if server and database:
        drop_database(server, database)


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> str:
        """Run dondoc with `args`; assert the exit status; return stdout."""
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout

    def invoke(self, *args: str, input: bytes | None = None) -> Result:
        """Run dondoc with `args` (and `input` on stdin); the result, whatever its status."""
        return self.runner.invoke(app, list(args), input=input, catch_exceptions=False)

    def fails(self, *args: str, code: int = 1) -> str:
        """Run a command that must fail; return its stderr."""
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stderr


@pytest.fixture
def dondoc() -> Run:
    return Run()


@pytest.fixture
def office(dondoc: Run) -> Run:
    """A small register: three units, one directive, four tasks with some history."""
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH", "--email", "da@hn.vn")
    dondoc("unit", "add", "UBND xã Vân Nội", "--code", "VANNOI", "--parent", "DONGANH")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023",
           "--title", "Thành lập Tổ công tác")
    dondoc("task", "add", "847/QĐ-UBND", "Báo cáo tiến độ GPMB", "--unit", "dong anh",
           "--due", "15/03/2023", "--co-unit", "SXD", "--leader", "Nguyễn Xuân Linh")
    dondoc("task", "add", "847/QD-UBND", "Rà soát quy hoạch", "--unit", "SXD",
           "--due", "01/03/2023", "--officer", "Bùi Thanh Tùng")
    dondoc("task", "add", "847/QĐ-UBND", "Kiểm tra trật tự xây dựng", "--unit", "VANNOI",
           "--due", "20/02/2023")
    dondoc("task", "add", "847/QĐ-UBND", "Theo dõi thường xuyên", "--unit", "SXD")
    return dondoc


@pytest.fixture
def mail_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """dondoc's settings file in the test's folder, and no password from the environment: for
    the tests that send mail (tests/chase; tests/mailserver.py is the server)."""
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("DONDOC_CONFIG", str(path))
    monkeypatch.delenv("DONDOC_SMTP_PASSWORD", raising=False)
    return path


# The example register (speed, issue 11) ---------------------------------------------------------
# examples/demo.sh starts dondoc eight times (about 2 s); a dozen tests read its register. It is
# built once per test process and each test copies it: `copy_example(example_register, path)`.

@pytest.fixture(scope="session")
def example_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/demo.sh's register, as the script leaves it: copy it, never write to it. What
    the script printed is beside it, in example.stdout."""
    import os
    import sqlite3
    import subprocess

    path = tmp_path_factory.mktemp("example") / "example.sqlite3"
    done = subprocess.run(["sh", str(EXAMPLES / "demo.sh"), str(path)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "DONDOC_LANG": "en"})
    assert done.returncode == 0, done.stderr
    path.with_suffix(".stdout").write_text(done.stdout, encoding="utf-8")
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()  # one whole file
    return path


def copy_example(built: Path, path: Path) -> Path:
    """A copy of the example register at `path`, this test's own to change."""
    import shutil

    return Path(shutil.copyfile(built, path))
