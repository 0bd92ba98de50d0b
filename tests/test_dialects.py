"""The same answers on both registers (issue 14): random histories run through the real
commands on a SQLite file and on a PostgreSQL database at once; every command says the same
thing and exits the same way on both, and `overdue`, `completion`, `task list` and `export`
come out byte for byte the same."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pgserver
import psycopg
import pytest
from conftest import Run, new_database
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dondoc.dates import show_date

# Runs once: it drives a file and a server side by side itself.
pytestmark = pytest.mark.sqlite_only

START = date(2023, 2, 14)
DUES = ("01/03/2023", "15/03/2023", None, "20/02/2023")
UNITS = ("SXD", "DONGANH", "VANNOI", "SXD")
KINDS = ("progress", "done", "extend", "cancel", "reopen")
AS_OF = tuple(show_date(START + timedelta(days=d)) for d in (5, 20, 40, 90))
REPORTS = [
    *[(name, "--as-of", day, "-f", fmt) for day in AS_OF
      for name, fmt in (("overdue", "csv"), ("overdue", "plain"), ("completion", "csv"))],
    ("completion", "--as-of", AS_OF[2], "--by", "directive", "-f", "csv"),
    ("completion", "--as-of", AS_OF[3], "--by", "leader", "-f", "markdown"),
    ("task", "list", "--as-of", AS_OF[3], "-f", "csv"),
    ("export", "--what", "tasks", "-f", "csv"),
    ("export", "--what", "events", "-f", "csv"),
    ("export", "--what", "units", "-f", "json"),
]


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory, pg_server: pgserver.PgServer
          ) -> Iterator[tuple[Path, str]]:
    """One register built once on each database, which every example copies."""
    run = Run()
    file = tmp_path_factory.mktemp("dialects") / "base.sqlite3"
    server = new_database(pg_server)
    for where in (str(file), server):
        run("--db", where, "unit", "add", "Sở Xây dựng", "--code", "SXD")
        run("--db", where, "unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH")
        run("--db", where, "unit", "add", "UBND xã Vân Nội", "--code", "VANNOI",
            "--parent", "DONGANH")
        run("--db", where, "directive", "add", "847/QĐ-UBND", "--issued", show_date(START))
        for n, (due, unit) in enumerate(zip(DUES, UNITS, strict=True), start=1):
            run("--db", where, "task", "add", "847/QĐ-UBND", f"Nhiệm vụ {n}", "--unit", unit,
                *(("--due", due) if due else ()), "--leader", ("Lê Văn A", "Trần Thị B")[n % 2])
    yield file, server


command = st.tuples(st.sampled_from(KINDS), st.integers(1, len(DUES)), st.integers(-3, 80),
                    st.integers(0, 120))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(command, min_size=1, max_size=6))
@example([("done", 1, 30, 0), ("extend", 2, 10, 40), ("progress", 3, 12, 0),
          ("cancel", 4, 3, 0), ("reopen", 4, 20, 0), ("done", 2, 60, 0)])
def test_both_registers_give_the_same_answers(
        bases: tuple[Path, str], tmp_path: Path, pg_server: pgserver.PgServer,
        commands: list[tuple[str, int, int, int]]) -> None:
    file = tmp_path / f"r{id(commands)}.sqlite3"
    shutil.copy(bases[0], file)
    server = copied(pg_server, bases[1])
    run = Run()
    for kind, task, offset, to_offset in commands:
        args = [kind, str(task), "--on", show_date(START + timedelta(days=offset))]
        if kind == "progress":
            args.append(f"ghi chú {offset}")
        if kind == "extend":
            args += ["--to", show_date(START + timedelta(days=to_offset))]
        on_file = run.invoke("--db", str(file), *args)
        on_server = run.invoke("--db", server, *args)
        assert (on_server.exit_code, on_server.stdout, on_server.stderr) == \
            (on_file.exit_code, on_file.stdout, on_file.stderr), args
    for report in REPORTS:
        assert steady(run("--db", server, *report)) == steady(run("--db", str(file), *report)), \
            report


def steady(text: str) -> str:
    """A report less the moments its events were recorded at (now: the two registers' runs
    may fall a second apart)."""
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "MOMENT", text)


def copied(server: pgserver.PgServer, base: str) -> str:
    """A new database on `server` holding what the database `base` names holds."""
    name = f"c{next(_copies)}"
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {base.rsplit('/', 1)[1]}")
    return server.dsn.rsplit("/", 1)[0] + "/" + name


_copies = iter(range(1, 10**6))
