"""Reminders are sealed as events are, in a chain of their own: a reminder is the office's proof
that it chased a unit, and when. What someone changes behind dondoc's back, `dondoc verify`
names; the upgrade seals the reminders a register already holds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import connected
import pytest
from conftest import Run
from mailserver import serve

from dondoc.register import db, seal
from dondoc.register.migrations import MIGRATIONS

# Every test here has its own mail settings file (conftest.mail_settings).
pytestmark = pytest.mark.usefixtures("mail_settings")


@pytest.fixture
def chased(office: Run, dondoc: Run) -> Iterator[Run]:
    """Reminders 1 (Sở Xây dựng, task #2) and 2 (Đông Anh, #1) of 20/03/2023, then 3 and 4 the
    same again on the 21st; no events."""
    office("unit", "edit", "SXD", "--email", "sxd@hn.vn")
    for _ in serve(dondoc):
        office("remind", "--as-of", "20/03/2023")
        office("remind", "--as-of", "21/03/2023")
    yield office


@contextmanager
def shell(path: Path) -> Iterator[sqlite3.Connection]:
    """The sqlite3 shell: no dondoc functions, autocommit."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        yield conn


def tamper(*statements: str, drop: tuple[str, ...] = ()) -> None:
    """Someone who may write the register itself (a file's owner, the server's login) drops
    the reminders' `drop` triggers and runs `statements`, behind dondoc's back."""
    with connected.opened(write=True) as conn:
        on = " ON reminder" if conn.dialect.postgresql else ""  # every trigger here is on it
        for trigger in drop:
            conn.execute(f"DROP TRIGGER {trigger}{on}")
        for statement in statements:
            conn.execute(statement)


def verify(run: Run) -> tuple[int, list[str]]:
    result = run.invoke("verify")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout.splitlines()


def test_reminders_are_sealed_and_verify(chased: Run) -> None:
    code, lines = verify(chased)
    assert code == 0, lines
    assert lines[0].startswith("last reminder seal: ")
    assert lines[-1] == "verified 0 events and 4 reminders of 4 tasks: all hold"
    assert connected.rows("SELECT count(*) FROM reminder_seal") == [(4,)]


def test_an_altered_reminder_is_named(chased: Run) -> None:
    """Someone makes it look as if Sở Xây dựng was chased a day earlier, or elsewhere."""
    tamper("UPDATE reminder SET on_date = '2023-03-01' WHERE id = 1",
           drop=("reminder_append_only_update",))
    code, lines = verify(chased)
    assert code == 1
    assert lines[0] == ("reminder 1 (847/QĐ-UBND#2, 01/03/2023, to sxd@hn.vn) does not match "
                        "its seal: it was altered, or a reminder before it was removed, added "
                        "or moved")
    assert lines[-1] == "verified 0 events and 4 reminders of 4 tasks: 1 problems"


def test_a_deleted_reminder_is_named(chased: Run) -> None:
    tamper("DELETE FROM reminder WHERE id = 3", drop=("reminder_append_only_delete",))
    code, lines = verify(chased)
    assert code == 1
    assert lines[0] == "reminder 3 was deleted: its seal is still there"
    assert lines[-1] == "verified 0 events and 3 reminders of 4 tasks: 1 problems"


@pytest.mark.sqlite_only  # about the file read with the sqlite3 shell, which has no seal
def test_the_sqlite3_shell_cannot_add_a_reminder(chased: Run, isolated: Path) -> None:
    with shell(isolated) as conn:  # without dondoc's function no reminder can be added at all
        with pytest.raises(sqlite3.OperationalError, match="dondoc_seal_v1"):
            conn.execute("INSERT INTO reminder (task_id, unit_id, on_date, channel, address, "
                         "recorded_at) VALUES (3, 3, '2023-03-10', 'email', 'x@hn.vn', 'x')")


def test_a_reminder_forged_from_the_shell_is_named(chased: Run) -> None:
    with connected.opened(write=True) as conn:  # sealed, one cannot go in before the last
        with pytest.raises(sqlite3.IntegrityError, match="after the last one"):
            conn.execute("INSERT INTO reminder (id, task_id, unit_id, on_date, channel, address,"
                         " recorded_at) VALUES (0, 3, 3, '2023-03-10', 'email', 'x@hn.vn', 'x')")
    tamper("INSERT INTO reminder (task_id, unit_id, on_date, channel, address, "
           "recorded_at) VALUES (3, 3, '2023-03-10', 'email', 'vannoi@hn.vn', 'x')",
           drop=("reminder_sealed",))
    code, lines = verify(chased)
    assert code == 1
    assert lines[0] == ("reminder 5 (847/QĐ-UBND#3, 10/03/2023, to vannoi@hn.vn) has no seal: "
                        "it was added outside dondoc")


@pytest.mark.sqlite_only  # about an old register file, which it makes itself
def test_reminders_recorded_before_the_upgrade_are_sealed_by_it(tmp_path: Path) -> None:
    """A register from before m014 gets its reminders sealed in order, as the trigger would
    have sealed them."""
    upto = next(i for i, (name, _, _) in enumerate(MIGRATIONS) if name == "m014_unit_cc")
    rows = """
        INSERT INTO unit (id, code, name, name_key, created_at) VALUES (1, 'U', 'U', 'u', 'n');
        INSERT INTO directive VALUES (1, '1/KH', '1/kh', '2023-01-01', '', NULL, NULL, 'n');
        INSERT INTO task (id, directive_id, code, content, unit_id, assigned, created_at)
            VALUES (1, 1, '1', 'x', 1, '2023-01-01', 'n'), (2, 1, '2', 'y', 1, '2023-01-01', 'n');
        INSERT INTO reminder (task_id, unit_id, on_date, channel, address, message_id,
                              recorded_at, recorded_by) VALUES
            (1, 1, '2023-02-01', 'email', 'u@hn.vn', '<a@hn.vn>', 'n', 'vanthu'),
            (2, 1, '2023-02-01', 'email', 'u@hn.vn', '<a@hn.vn>', 'n', NULL),
            (1, 1, '2023-02-02', 'email', 'u@hn.vn', '<b@hn.vn>', 'n', 'vanthu');
    """
    old = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(old, isolation_level=None)) as conn:
        seal.install(conn)
        for _, sql, _ in MIGRATIONS[:upto]:
            conn.executescript(sql)
        conn.executescript("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at "
                           f"TEXT); PRAGMA user_version = {upto};" + rows)
        conn.executemany("INSERT INTO schema_migrations VALUES (?, 'n')",
                         [(name,) for name, _, _ in MIGRATIONS[:upto]])
    new = tmp_path / "new.sqlite3"
    with closing(db.connect_file(new)) as conn:
        conn.executescript(rows)
        by_trigger = conn.execute("SELECT * FROM reminder_seal ORDER BY reminder_id").fetchall()
    with closing(db.connect(old)) as conn:
        assert len(by_trigger) == 3
        assert conn.execute("SELECT * FROM reminder_seal ORDER BY reminder_id"
                            ).fetchall() == by_trigger
        report = seal.verify(conn)
        assert report.problems == [] and report.reminders == 3
