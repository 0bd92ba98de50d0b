"""Each unit writes only its own tasks (issue 14): on a register shared on a PostgreSQL server,
a unit's login records progress and completions on the tasks its unit leads, reads the whole
register or (--own-only) its own tasks, and is refused everything else by the server itself:
through dondoc, and through psql, which knows nothing of dondoc's rules."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pgserver
import psycopg
import pytest
from conftest import Run, new_database

# Runs once: it needs a server, its logins and a register on it, which it makes itself.
pytestmark = pytest.mark.sqlite_only


def as_login(dsn: str, login: str) -> str:
    return dsn.replace("//dondoc@", f"//{login}@")


@pytest.fixture
def shared(dondoc: Run, pg_server: pgserver.PgServer) -> str:
    """The office's register on the server (as the office's login), and two units' logins:
    donganh (reads all) and sxd (reads its own tasks only)."""
    server = new_database(pg_server)
    for args in (("unit", "add", "Sở Xây dựng", "--code", "SXD"),
                 ("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH"),
                 ("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023"),
                 ("task", "add", "847/QĐ-UBND", "Báo cáo GPMB", "--unit", "DONGANH",
                  "--due", "15/03/2023"),
                 ("task", "add", "847/QĐ-UBND", "Rà soát quy hoạch", "--unit", "SXD",
                  "--due", "01/03/2023")):
        dondoc("--db", server, *args)
    with psycopg.connect(pg_server.dsn, autocommit=True) as conn:
        for login in ("donganh", "sxd"):
            conn.execute(f"DO $$ BEGIN CREATE ROLE {login} LOGIN; "
                         "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    dondoc("--db", server, "access", "grant", "DONGANH", "donganh")
    dondoc("--db", server, "access", "grant", "SXD", "sxd", "--own-only")
    return server


def psql(server: pgserver.PgServer, dsn: str, sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(server.bin / "psql"), dsn, "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=30)


def test_a_units_login_records_on_its_tasks_and_nothing_else(
        dondoc: Run, shared: str, pg_server: pgserver.PgServer) -> None:
    unit = as_login(shared, "donganh")
    dondoc("--db", unit, "progress", "1", "Đã họp", "--on", "20/02/2023")
    dondoc("--db", unit, "done", "1", "--on", "10/03/2023", "--ref", "BC 1")
    said = dondoc.fails("--db", unit, "progress", "2", "Không phải của mình", "--on",
                        "20/02/2023")
    assert said.startswith("dondoc: error: this login may not make that change: ")
    assert "Traceback" not in said and "\n" == said[-1] and said.count("\n") == 1
    dondoc.fails("--db", unit, "extend", "1", "--to", "30/04/2023", "--on", "01/03/2023")
    dondoc.fails("--db", unit, "task", "add", "847/QĐ-UBND", "Tự giao", "--unit", "DONGANH")
    # What it recorded carries its name; the office sees it in the history.
    history = dondoc("--db", shared, "task", "show", "1", "-f", "json")
    assert history.count('"recorded_by": "donganh"') == 2
    # The server refuses the same to psql, which knows nothing of dondoc.
    refused = psql(pg_server, unit, "INSERT INTO dondoc.event (task_id, kind, on_date, "
                   "recorded_at) VALUES (2, 'progress', '2023-02-21', '2023-02-21T00:00:00Z')")
    assert refused.returncode != 0
    assert 'new row violates row-level security policy for table "event"' in refused.stderr
    for sql in ("UPDATE dondoc.task SET content = 'x'", "DELETE FROM dondoc.event",
                "INSERT INTO dondoc.event (task_id, kind, on_date, recorded_at, recorded_by) "
                "VALUES (1, 'progress', '2023-02-21', 'x', 'sxd')"):
        done = psql(pg_server, unit, sql)
        assert done.returncode != 0, sql
        assert "permission denied" in done.stderr or "row-level security" in done.stderr
    mine = psql(pg_server, unit, "INSERT INTO dondoc.event (task_id, kind, on_date, "
                "recorded_at) VALUES (1, 'progress', '2023-03-11', '2023-03-11T00:00:00Z')")
    assert mine.returncode == 0, mine.stderr  # sealed by the server like any event
    assert dondoc("--db", shared, "verify").splitlines()[-1] == \
        "verified 3 events of 2 tasks: all hold"


def test_own_only_reads_its_units_tasks_and_revoke_takes_everything(
        dondoc: Run, shared: str) -> None:
    sxd, donganh = as_login(shared, "sxd"), as_login(shared, "donganh")
    assert dondoc("--db", donganh, "task", "list", "-f", "csv", "-c", "id").split() == \
        ["id", "1", "2"]
    assert dondoc("--db", sxd, "task", "list", "-f", "csv", "-c", "id").split() == ["id", "2"]
    assert dondoc("--db", sxd, "overdue", "--as-of", "01/04/2023", "-f", "csv",
                  "-c", "id").split() == ["id", "2"]
    listed = dondoc("--db", shared, "access", "list", "-f", "csv").splitlines()
    assert listed[0] == "login,unit,reads,granted_at,granted_by"
    assert [line.split(",")[:3] for line in listed[1:]] == [
        ["donganh", "UBND huyện Đông Anh", "whole_register"], ["sxd", "Sở Xây dựng", "own_tasks"]]
    dondoc("--db", shared, "access", "revoke", "sxd")
    assert dondoc.fails("--db", sxd, "task", "list") == (
        f"dondoc: error: {sxd}: the login sxd has no access to this register (ask the office "
        "for it (dondoc access grant UNIT LOGIN))\n")


def test_access_is_for_a_server(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    said = dondoc.fails("access", "grant", "SXD", "sxd")
    assert "access is for a register on a PostgreSQL server" in said


def test_a_login_that_sees_part_of_the_register_does_not_judge_it(
        dondoc: Run, shared: str, pg_server: pgserver.PgServer, tmp_path: Path) -> None:
    """verify or copy by an own-only login would see other units' seals without their events
    and call that tampering: refused in one line. Nor is a login that row-level security does
    not bind (a superuser, BYPASSRLS) given a unit's access it would not be held to."""
    sxd = as_login(shared, "sxd")
    said = "dondoc: error: this login reads only its unit's tasks: {} needs the whole register " \
           "(run it with the office's login)\n"
    assert dondoc.fails("--db", sxd, "verify") == said.format("verify")
    assert dondoc.fails("db", "copy", sxd, str(tmp_path / "copy.sqlite3")) == said.format("a copy")
    assert not (tmp_path / "copy.sqlite3").exists()
    with psycopg.connect(pg_server.dsn, autocommit=True) as conn:
        conn.execute("DO $$ BEGIN CREATE ROLE bypasser LOGIN BYPASSRLS; "
                     "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    for login in ("bypasser", "dondoc"):
        assert "is not bound by row-level security" in dondoc.fails(
            "--db", shared, "access", "grant", "SXD", login)


@pytest.mark.parametrize("address", [
    "postgresq://office:sekret@127.0.0.1:5432/dondoc",  # a typo: never a file of that name
    "host=127.0.0.1 dbname=dondoc user=office password=sekret",  # libpq's other form
    "postgresql://office:sekret@127.0.0.1:notaport/dondoc",
    "postgresql://office:sekret@[::1:5432/dondoc",
    "postgresql://office@127.0.0.1:1/dondoc?password=sekret",
])
def test_a_bad_address_is_one_line_without_its_password(dondoc: Run, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         address: str) -> None:
    monkeypatch.chdir(tmp_path)
    said = dondoc.fails("--db", address, "overdue")
    assert said.startswith("dondoc: error: ") and said.count("\n") == 1, said
    assert "sekret" not in said
    assert list(tmp_path.iterdir()) == []


def test_a_units_login_reads_where_a_read_would_make_recurring_tasks(
        dondoc: Run, shared: str) -> None:
    """A read as of a later date makes a recurring task's instances for itself, in a
    transaction it rolls back; a unit's login may not add tasks, so it reads those the office
    has made, and the read still answers."""
    dondoc("--db", shared, "task", "add", "847/QĐ-UBND", "Báo cáo tháng", "--unit", "DONGANH",
           "--every", "month", "--until", "31/12/2030")
    unit = as_login(shared, "donganh")
    made = dondoc("--db", unit, "task", "list", "-f", "csv", "-c", "id").split()
    later = dondoc("--db", unit, "task", "list", "--as-of", "31/12/2030", "-f", "csv", "-c", "id")
    assert later.split() == made  # the office's instances, none made for the unit's read
    assert len(dondoc("--db", shared, "task", "list", "--as-of", "31/12/2030", "-f", "csv",
                      "-c", "id").split()) > len(made)  # the office's read makes them
    dondoc("--db", unit, "overdue", "--as-of", "31/12/2030")


def test_a_units_login_is_told_who_upgrades_a_register_an_older_dondoc_made(
        dondoc: Run, shared: str) -> None:
    """dondoc upgraded on every desk, and a unit's clerk the first to open the register: the
    login may not alter its tables, so it is told who upgrades the register (for a report
    too), not that it "may not make that change"; once the office has opened it, it reads."""
    from dondoc.register.migrations import MIGRATIONS

    last = MIGRATIONS[-1][0]
    with psycopg.connect(shared, autocommit=True) as conn:  # as the office: not applied yet
        conn.execute("DELETE FROM dondoc.schema_migrations WHERE name = %s", (last,))
    unit = as_login(shared, "donganh")
    said = dondoc.fails("--db", unit, "overdue", "--as-of", "16/03/2023")
    assert said == (f"dondoc: error: {unit} was made by an older dondoc: its upgrade ({last}) "
                    "is made by the login that owns it, dondoc (ask the office to run a dondoc "
                    "command on it once (dondoc verify))\n")
    with psycopg.connect(shared, autocommit=True) as conn:  # the office's dondoc upgraded it
        conn.execute("INSERT INTO dondoc.schema_migrations VALUES (%s, '')", (last,))
    assert "847/QĐ-UBND" in dondoc("--db", unit, "overdue", "--as-of", "16/03/2023")
