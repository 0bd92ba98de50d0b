"""Migrations: a blank file, an up-to-date file, a newer file; the models agree with them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dondoc.errors import DondocError
from dondoc.register import db
from dondoc.register.migrations import MIGRATIONS

pytestmark = pytest.mark.sqlite_only  # SQLite files' schema (the server's: test_pg_schema.py)


def test_blank_file_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    conn = db.connect(path)
    assert db.schema_version(conn) == len(MIGRATIONS)
    names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.migrate(conn) == []
    conn.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    db.connect(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(DondocError, match="newer dondoc"):
        db.connect(path)


def test_not_a_register_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a database file at all" * 20)
    with pytest.raises(DondocError, match="is not a dondoc register \\(not an SQLite database"):
        db.connect(path)


def test_events_are_append_only(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "r.sqlite3")
    conn.execute("INSERT INTO unit (id, code, name, name_key, created_at) "
                 "VALUES (1, 'U', 'U', 'u', 'now')")
    conn.execute("INSERT INTO directive VALUES (1, '1', '1', '2023-01-01', '', NULL, NULL, 'n')")
    conn.execute("INSERT INTO task (id, directive_id, code, content, unit_id, assigned, "
                 "created_at) VALUES (1, 1, '1', 'x', 1, '2023-01-01', 'n')")
    conn.execute("INSERT INTO event (task_id, kind, on_date, recorded_at) "
                 "VALUES (1, 'progress', '2023-01-02', 'n')")
    with pytest.raises(sqlite3.IntegrityError, match="appended"):
        conn.execute("UPDATE event SET note = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="appended"):
        conn.execute("DELETE FROM event")


def test_models_match_the_migrated_schema(tmp_path: Path) -> None:
    from sqlmodel import SQLModel

    conn = db.connect(tmp_path / "r.sqlite3")
    for table in SQLModel.metadata.sorted_tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")]
        assert columns == [c.name for c in table.columns], table.name


def test_a_version_1_register_is_upgraded_with_its_data(tmp_path: Path) -> None:
    """m002 moved unit, directive and assigned date onto the spans: the reports agree after."""
    from datetime import date

    from dondoc import reports

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    name, sql, _ = MIGRATIONS[0]
    old.executescript(sql)
    old.executescript(
        f"""CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT);
        INSERT INTO schema_migrations VALUES ('{name}', '2026-01-01T00:00:00Z');
        PRAGMA user_version = 1;
        INSERT INTO unit VALUES (7, 'SXD', 'Sở Xây dựng', 'so xay dung', NULL, NULL, 'n');
        INSERT INTO directive VALUES (3, '847/QĐ-UBND', '847/qd-ubnd', '2023-02-14', '',
                                      NULL, NULL, 'n');
        INSERT INTO task VALUES (5, 3, '1', 'Báo cáo', 7, NULL, NULL, '2023-02-14',
                                 '2023-03-15', 'n');
        INSERT INTO task_span VALUES (5, '2023-02-14', '9999-12-31', 'open', '2023-03-15',
                                      NULL);"""
    )
    old.close()
    conn = db.connect(path)
    assert db.schema_version(conn) == len(MIGRATIONS)
    spans = conn.execute("SELECT task_id, unit_id, directive_id, assigned FROM task_span")
    assert spans.fetchall() == [(5, 7, 3, "2023-02-14")]
    [row] = reports.completion(conn, date(2023, 4, 1))
    assert (row["unit"], row["open_overdue"], row["total"]) == ("Sở Xây dựng", 1, 1)
