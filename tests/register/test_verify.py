"""A history no one can rewrite unseen: the schema refuses replacing history and deleting what it
refers to, even from a plain sqlite3 connection with foreign keys off (the sqlite3 shell's
default) or from psql; what an attacker does after dropping (or disabling) the triggers,
`dondoc verify` names, on a file and on a server alike."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg
import pytest
import registers
from conftest import EXAMPLES, Run

from dondoc.register import db, seal
from dondoc.register.migrations import MIGRATIONS


@pytest.fixture
def history(office: Run) -> Run:
    """The office's four tasks with five events: 1 progress (task 1), 2 progress (task 3),
    3 done (task 3), 4 progress (task 2), 5 extend (task 1)."""
    office("progress", "1", "Đã họp", "--on", "16/02/2023", "--percent", "20")
    office("progress", "3", "Đã lập đoàn kiểm tra", "--on", "21/02/2023", "--percent", "30")
    office("done", "3", "--on", "25/02/2023", "--ref", "BC 12/BC-UBND")
    office("progress", "2", "Đang rà soát", "--on", "27/02/2023")
    office("extend", "1", "--to", "30/04/2023", "--on", "10/03/2023", "--ref", "CV 5/UBND")
    return office


@contextmanager
def shell(path: Path) -> Iterator[sqlite3.Connection]:
    """What the sqlite3 shell gives anyone who can write the file: no dondoc functions, foreign
    keys off, autocommit."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        yield conn


def dump(path: Path) -> list[str] | str:
    """What the register holds: SQLite's dump, or a server's rows (registers.fingerprint)."""
    if registers.on_server():
        return registers.fingerprint(path)
    with shell(path) as conn:
        return list(conn.iterdump())


def verify(run: Run) -> tuple[int, list[str]]:
    result = run.invoke("verify")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout.splitlines()


def test_a_clean_register_verifies(history: Run) -> None:
    code, lines = verify(history)
    assert code == 0, lines
    assert lines[-1] == "verified 5 events of 4 tasks: all hold"
    assert lines[0].startswith("last seal: ") and len(lines) == 2


@pytest.mark.sqlite_only  # the sqlite3 shell: INSERT OR REPLACE, no dondoc function (server: below)
def test_history_cannot_be_replaced_from_the_shell(history: Run, isolated: Path) -> None:
    before = dump(isolated)
    with shell(isolated) as conn:
        # Without dondoc's function no event can be added at all, replaced or not.
        with pytest.raises(sqlite3.OperationalError, match="dondoc_seal_v1"):
            conn.execute("INSERT OR REPLACE INTO event (id, task_id, kind, on_date, recorded_at)"
                         " VALUES (3, 3, 'progress', '2020-01-01', 'x')")
        with pytest.raises(sqlite3.IntegrityError, match="never replaced"):
            conn.execute("INSERT OR REPLACE INTO event_seal VALUES (3, 'x')")
        # With it (someone running dondoc's own code), the replacement is still refused.
        seal.install(conn)
        with pytest.raises(sqlite3.IntegrityError, match="never replaced"):
            conn.execute("INSERT OR REPLACE INTO event (id, task_id, kind, on_date, recorded_at)"
                         " VALUES (3, 3, 'progress', '2020-01-01', 'x')")
        with pytest.raises(sqlite3.IntegrityError, match="after the last one"):
            conn.execute("INSERT INTO event (id, task_id, kind, on_date, recorded_at) "
                         "VALUES (0, 3, 'progress', '2020-01-01', 'x')")
    assert dump(isolated) == before


@pytest.mark.sqlite_only  # INSERT OR REPLACE, SQLite's (a server has no such statement)
def test_voids_and_changes_cannot_be_replaced(history: Run, isolated: Path) -> None:
    history("void", "4", "--reason", "nhập nhầm")
    history("task", "edit", "1", "--content", "Báo cáo tiến độ GPMB đợt 1")
    before = dump(isolated)
    with shell(isolated) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="voids are appended, never replaced"):
            conn.execute("INSERT OR REPLACE INTO void (id, event_id, reason, recorded_at) "
                         "VALUES (1, 3, 'x', 'x')")
        with pytest.raises(sqlite3.IntegrityError, match="changes are appended, never replaced"):
            conn.execute("INSERT OR REPLACE INTO field_change (id, task_id, field, recorded_at) "
                         "VALUES (1, 1, 'content', 'x')")
    assert dump(isolated) == before


@pytest.mark.parametrize("statement, refusal", [
    ("DELETE FROM task WHERE id = 3", "a task with a history is never deleted"),
    ("DELETE FROM task", "a task with a history is never deleted"),
    ("DELETE FROM directive", "a directive that tasks refer to is never deleted"),
    ("DELETE FROM unit WHERE code = 'VANNOI'", "a unit that tasks or events refer to"),
    ("DELETE FROM unit WHERE code = 'DONGANH'", "a unit that tasks or events refer to"),
])
def test_what_history_refers_to_is_never_deleted(history: Run, isolated: Path, statement: str,
                                                 refusal: str) -> None:
    before = dump(isolated)
    with registers.raw() as conn, pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError),
                                                match=refusal):
        conn.execute(statement)
    assert dump(isolated) == before


def test_an_event_is_never_put_before_the_last_one(history: Run, isolated: Path) -> None:
    """Not even before the last one: refused by psql (the seal trigger is the database's own)
    as by the sqlite3 shell (which has no seal function at all)."""
    before = dump(isolated)
    with registers.raw() as conn, pytest.raises((sqlite3.Error, psycopg.Error),
                                                match="after the last one|dondoc_seal_v1"):
        conn.execute("INSERT INTO event (id, task_id, kind, on_date, recorded_at) "
                     "VALUES (0, 3, 'progress', '2020-01-01', 'x')")
    assert dump(isolated) == before


def tamper(path: Path, *statements: str, drop: tuple[str, ...] = ()) -> None:
    """As an attacker with the sqlite3 shell: drop the triggers in the way, change the rows,
    put the triggers back as they were. With psql: disable them, then enable them again."""
    if registers.on_server():
        with registers.raw() as conn:
            tables = [conn.execute("SELECT tgrelid::regclass::text FROM pg_trigger "
                                   "WHERE tgname = %s", (name,)).fetchone()[0] for name in drop]
            for table, name in zip(tables, drop, strict=True):
                conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
            for statement in statements:
                conn.execute(statement)
            for table, name in zip(tables, drop, strict=True):
                conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
        return
    with shell(path) as conn:
        saved = [conn.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (name,))
                 .fetchone()[0] for name in drop]
        for name in drop:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)
        for sql in saved:
            conn.execute(sql)


def test_an_altered_note_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated, "UPDATE event SET note = 'Chưa làm gì' WHERE id = 2",
           drop=("event_append_only_update",))
    code, lines = verify(history)
    assert code == 1
    assert lines[0] == ("event 2 (847/QĐ-UBND#3, 21/02/2023, Progress) does not match its seal: "
                        "it was altered, or an event before it was removed, added or moved")
    assert lines[-1] == "verified 5 events of 4 tasks: 1 problems"


def test_an_altered_date_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated, "UPDATE event SET on_date = '2023-02-20' WHERE id = 3",
           drop=("event_append_only_update",))
    code, lines = verify(history)
    assert code == 1 and lines[0].startswith("event 3 (847/QĐ-UBND#3, 20/02/2023, Done) does "
                                             "not match its seal"), lines



@pytest.mark.sqlite_only  # a BLOB in a text column: only SQLite's typeless columns hold one
def test_values_dondoc_never_writes_are_named_too(history: Run, isolated: Path) -> None:
    """A BLOB note (json_array refuses one) and a seal that is not text: named, not a crash."""
    tamper(isolated, "UPDATE event SET note = x'00ff' WHERE id = 2",
           "UPDATE event_seal SET hash = 42 WHERE event_id = 4",
           drop=("event_append_only_update", "event_seal_never_changed"))
    code, lines = verify(history)
    assert code == 1
    assert [line.split(" (")[0] for line in lines[:-2]] == ["event 2", "event 4", "event 5"]

def test_a_deleted_event_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated, "DELETE FROM event WHERE id = 3", drop=("event_append_only_delete",))
    code, lines = verify(history)
    assert code == 1
    assert lines[:-2] == ["event 3 was deleted: its seal is still there"]
    assert lines[-1] == "verified 4 events of 4 tasks: 1 problems"


def test_an_event_deleted_with_its_seal_shows_at_the_next(history: Run, isolated: Path) -> None:
    tamper(isolated, "DELETE FROM event WHERE id = 3", "DELETE FROM event_seal WHERE event_id = 3",
           drop=("event_append_only_delete", "event_seal_never_deleted"))
    code, lines = verify(history)
    assert code == 1
    assert lines[:-2] == ["event 4 (847/QĐ-UBND#2, 27/02/2023, Progress) does not match its "
                          "seal: it was altered, or an event before it was removed, added or "
                          "moved"]


def test_a_forged_event_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated,
           "INSERT INTO event (id, task_id, kind, on_date, recorded_at, ref) "
           "VALUES (6, 2, 'done', '2023-02-28', '2023-02-28T09:00:00Z', 'BC giả')",
           "INSERT INTO event_seal VALUES (6, '" + "ab" * 32 + "')",
           drop=("event_sealed",))
    code, lines = verify(history)
    assert code == 1
    assert lines[:-2] == ["event 6 (847/QĐ-UBND#2, 28/02/2023, Done) does not match its seal: "
                          "it was altered, or an event before it was removed, added or moved"]


def test_an_event_added_without_a_seal_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated,
           "INSERT INTO event (task_id, kind, on_date, recorded_at) "
           "VALUES (2, 'done', '2023-02-28', '2023-02-28T09:00:00Z')", drop=("event_sealed",))
    code, lines = verify(history)
    assert code == 1
    assert lines[:-2] == ["event 6 (847/QĐ-UBND#2, 28/02/2023, Done) has no seal: it was added "
                          "outside dondoc"]


def test_reordered_events_are_named(history: Run, isolated: Path) -> None:
    """Events 2 and 3 swap places, each with its own seal: the first moved one is named."""
    tamper(isolated,
           "UPDATE event SET id = 100 WHERE id = 2", "UPDATE event SET id = 2 WHERE id = 3",
           "UPDATE event SET id = 3 WHERE id = 100",
           "UPDATE event_seal SET event_id = 100 WHERE event_id = 2",
           "UPDATE event_seal SET event_id = 2 WHERE event_id = 3",
           "UPDATE event_seal SET event_id = 3 WHERE event_id = 100",
           drop=("event_append_only_update", "event_seal_never_changed"))
    code, lines = verify(history)
    assert code == 1
    assert lines[0].startswith("event 2 (847/QĐ-UBND#3, 25/02/2023, Done) does not match"), lines


@pytest.mark.sqlite_only  # foreign keys off (the sqlite3 shell's default): a server enforces them
def test_an_orphan_event_is_named(history: Run, isolated: Path) -> None:
    tamper(isolated, "DELETE FROM task_span WHERE task_id = 2", "DELETE FROM task WHERE id = 2",
           drop=("task_kept",))
    code, lines = verify(history)
    assert code == 1
    assert lines[:-2] == ["event 4 (task 2, not in the register, 27/02/2023, Progress) refers "
                          "to a missing task"]
    assert lines[-1] == "verified 5 events of 3 tasks: 1 problems"


OLD_ROWS = """
INSERT INTO unit (id, code, name, name_key, created_at) VALUES (1, 'U', 'U', 'u', 'n');
INSERT INTO directive VALUES (1, '1/KH', '1/kh', '2023-01-01', '', NULL, NULL, 'n');
INSERT INTO task (id, directive_id, code, content, unit_id, assigned, created_at)
    VALUES (1, 1, '1', 'x', 1, '2023-01-01', 'n'), (2, 1, '2', 'y', 1, '2023-01-01', 'n');
INSERT INTO event (task_id, kind, on_date, recorded_at, note, percent) VALUES
    (1, 'progress', '2023-01-02', 'n', 'một', 10),
    (2, 'done', '2023-01-03', 'n', NULL, NULL),
    (1, 'progress', '2023-01-04', 'n', 'hai', 50);
"""


def test_an_existing_register_is_sealed_once_by_the_migration(tmp_path: Path) -> None:
    """A register from before m009 gets its events sealed in order, as the trigger would have
    sealed them; opening it again seals nothing more."""
    old = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(old, isolation_level=None)) as conn:
        for _, sql, _ in MIGRATIONS[:8]:
            conn.executescript(sql)
        conn.executescript("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at "
                           "TEXT); PRAGMA user_version = 8;" + OLD_ROWS)
        conn.executemany("INSERT INTO schema_migrations VALUES (?, 'n')",
                         [(name,) for name, _, _ in MIGRATIONS[:8]])
    new = tmp_path / "new.sqlite3"
    with closing(db.connect_file(new)) as conn:
        conn.executescript(OLD_ROWS)
        by_trigger = conn.execute("SELECT * FROM event_seal ORDER BY event_id").fetchall()
    with closing(db.connect(old)) as conn:
        assert conn.execute("SELECT * FROM event_seal ORDER BY event_id").fetchall() == by_trigger
        assert seal.verify(conn).problems == []
        assert db.migrate(conn) == []
        assert conn.execute("SELECT count(*) FROM event_seal").fetchone()[0] == 3


def test_every_way_of_writing_events_seals_them(dondoc: Run, isolated: Path,
                                                tmp_path: Path) -> None:
    """Imports (new tasks' completions in batches, a staged update, an events file), the
    clerk's commands, a void, a reassignment, a unit's end: every event is sealed."""
    dondoc("import", "--what", "units", str(EXAMPLES / "units.csv"))
    dondoc("import", str(EXAMPLES / "hanoi-2023.csv"))
    rows = (EXAMPLES / "hanoi-2023.csv").read_text(encoding="utf-8-sig").splitlines()
    open_row = next(i for i, row in enumerate(rows) if row.endswith(",,"))
    rows[open_row] = rows[open_row][:-2] + ",20/02/2023,Báo cáo số 9/BC"  # now done
    again = tmp_path / "again.csv"
    again.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert "1 updated" in dondoc("import", str(again))
    events = tmp_path / "events.csv"
    events.write_text("task,kind,on,note\n12/TB-UBND#1,progress,15/02/2023,Đã kiểm đếm\n",
                      encoding="utf-8")
    dondoc("import", "--what", "events", str(events))
    dondoc("progress", "12/TB-UBND#8", "Đang trình", "--on", "16/02/2023")
    dondoc("extend", "12/TB-UBND#6", "--to", "15/03/2023", "--on", "13/02/2023")
    dondoc("void", "1", "--reason", "ghi nhầm")
    dondoc("task", "edit", "12/TB-UBND#8", "--unit", "SXD", "--on", "01/03/2023")
    dondoc("unit", "end", "SXD", "--on", "01/07/2025", "--successor", "SNV")
    kinds = {kind for (kind,) in registers.rows("SELECT kind FROM event")}
    counts = registers.rows("SELECT (SELECT count(*) FROM event), "
                            "(SELECT count(*) FROM event_seal)")[0]
    assert kinds == {"done", "progress", "extend", "change"}
    assert counts[0] == counts[1] > 15
    code, lines = verify(dondoc)
    assert code == 0, lines
