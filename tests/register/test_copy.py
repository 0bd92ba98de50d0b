"""`dondoc db copy`: a register copied from a file to a PostgreSQL server and back keeps every
id, event, recorded moment, void, correction, reminder, letter and the calendar, verified by
identical exports and by its seals; a target that holds anything, and a source altered
behind dondoc's back, are refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pgserver
import pytest
from conftest import Run, new_database

# Runs once: it makes the SQLite and the PostgreSQL registers it copies between itself.
pytestmark = pytest.mark.sqlite_only

KINDS = ("tasks", "events", "units", "directives")


@pytest.fixture
def history(office: Run) -> Run:
    """The office's register with every kind of row a copy must keep."""
    office("progress", "1", "Đã họp; \"ghi chú\" 100%", "--on", "16/02/2023", "--percent", "20")
    office("done", "3", "--on", "25/02/2023", "--ref", "BC 12/BC-UBND")
    office("extend", "1", "--to", "30/04/2023", "--on", "10/03/2023", "--ref", "CV 5/UBND")
    office("progress", "2", "nhầm", "--on", "27/02/2023")
    office("void", "4", "--reason", "nhập nhầm")
    office("task", "edit", "2", "--leader", "Lê Văn A", "--note", "sửa tên")
    office("task", "edit", "2", "--unit", "VANNOI", "--on", "01/03/2023")
    office("calendar", "add-holiday", "06/03/2023", "Nghỉ bù")
    office("unit", "add", "Phòng mới", "--code", "PM", "--parent", "SXD")
    # A unit whose parent comes after it: a copy cannot take the units in id order alone.
    office("unit", "add", "Văn phòng UBND", "--code", "VP")
    office("unit", "edit", "DONGANH", "--parent", "VP", "--note", "sắp xếp lại")
    return office


def exports(run: Run, where: str) -> list[str]:
    return [run("--db", where, "export", "--what", kind, "-f", "csv") for kind in KINDS]


def test_a_register_goes_to_postgresql_and_back_unchanged(
        history: Run, isolated: Path, tmp_path: Path, pg_server: pgserver.PgServer) -> None:
    server = new_database(pg_server)
    said = history("db", "copy", str(isolated), server)
    assert said.startswith("copied 4 tasks, 5 events and 5 units from ")
    before = exports(history, str(isolated))
    assert exports(history, server) == before
    back = tmp_path / "back.sqlite3"
    history("db", "copy", server, str(back))
    assert exports(history, str(back)) == before
    # What the exports leave out, kept too: voids, corrections, the calendar, the seals.
    for table in ("void", "field_change", "calendar_day", "event_seal", "task_span"):
        with closing(sqlite3.connect(isolated)) as first, closing(sqlite3.connect(back)) as last:
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert first.execute(query).fetchall() == last.execute(query).fetchall(), table
    for where in (server, str(back)):
        assert history("--db", where, "verify").splitlines()[-1] == \
            "verified 5 events of 4 tasks: all hold"


def test_a_register_that_holds_anything_is_not_copied_into(
        history: Run, isolated: Path, tmp_path: Path, pg_server: pgserver.PgServer) -> None:
    server = new_database(pg_server)
    history("--db", server, "unit", "add", "Sở Tư pháp", "--code", "STP")
    said = history.fails("db", "copy", str(isolated), server)
    assert "is not empty (it holds rows of unit)" in said
    assert history("--db", server, "unit", "list", "-f", "csv").count("\n") == 2  # as it was
    other = tmp_path / "other.sqlite3"
    history("--db", str(other), "unit", "add", "Sở Tư pháp", "--code", "STP")
    assert "is not empty" in history.fails("db", "copy", server, str(other))


def test_a_source_altered_behind_dondocs_back_is_refused_and_nothing_is_left(
        history: Run, isolated: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(isolated, isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER event_append_only_update")
        conn.execute("UPDATE event SET note = 'đã sửa' WHERE id = 1")
    target = tmp_path / "copy.sqlite3"
    said = history.fails("db", "copy", str(isolated), str(target))
    assert "the copy of event row 1 does not match its seal" in said
    assert not target.exists()  # a refused copy leaves no register behind
