"""The PostgreSQL twin of every migration (issue 14, docs/postgresql.md 2.2, 2.3) against
SQLite's: the same tables, columns, keys and indexes; the same refusals in the same words; the
same ids; the same seals, byte for byte. On the test process's real server (`pg_server`,
tests/pgserver.py; tests/test_oldest_server.py runs them again on PostgreSQL 14): a machine
that cannot start one fails here, never skips."""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pgserver
import psycopg
import pytest
from conftest import drop_database, new_database
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dondoc.register import db, seal
from dondoc.register.migrations import MIGRATIONS

# Runs once: it makes its own database on the server and compares the two databases itself.
pytestmark = pytest.mark.sqlite_only

Schema = dict[str, Any]
_schemas = itertools.count(1)


@pytest.fixture(scope="module")
def dsn(pg_server: pgserver.PgServer) -> Iterator[str]:
    """A database of the module's own, with no register: each register is a schema in it."""
    database = new_database(pg_server, "template_empty")
    yield database
    drop_database(pg_server, database)


def pg_register(dsn: str, steps: int = len(MIGRATIONS)) -> psycopg.Connection[Any]:
    """A connection to a new schema of its own (as a register's `dondoc` schema), migrated
    `steps` steps; autocommit, so a refused statement leaves the connection usable."""
    conn = psycopg.connect(dsn, autocommit=True)
    schema = f"register_{next(_schemas)}"
    conn.execute(f"CREATE SCHEMA {schema}")
    conn.execute(f"SET search_path = {schema}")
    migrate_pg(conn, 0, steps)
    return conn


def migrate_pg(conn: psycopg.Connection[Any], start: int, stop: int) -> None:
    """Run the PostgreSQL steps start..stop, each as one script in one transaction."""
    for _, _, sql in MIGRATIONS[start:stop]:
        with conn.transaction():
            conn.execute(sql)


Conn = sqlite3.Connection | psycopg.Connection[Any]


@contextmanager
def rolled_back(conn: Conn) -> Iterator[None]:
    """A transaction undone at the end, whatever happened in it: a test that writes (or whose
    refusal fails to come) leaves the module's registers as they were."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")


def value(conn: Conn, sql: str, params: tuple[object, ...] = ()) -> Any:
    """The first column of the first row."""
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return row[0]


# Rows of every table, in SQL both databases take.
ROWS = """
INSERT INTO unit (id, code, name, name_key, created_at)
    VALUES (1, 'SXD', 'Sở Xây dựng', 'so xay dung', 'n'), (2, 'Q1', 'Quận 1', 'quan 1', 'n');
INSERT INTO directive (id, number, number_key, issued, created_at)
    VALUES (1, '847/QĐ-UBND', '847/qd-ubnd', '2023-02-14', 'n');
INSERT INTO task (id, directive_id, code, content, unit_id, assigned, created_at)
    VALUES (1, 1, '1', 'Báo cáo', 1, '2023-02-14', 'n'),
           (2, 1, '2', 'Kế hoạch', 2, '2023-02-14', 'n'),
           (3, 1, '3', 'Chưa có gì', 2, '2023-02-14', 'n');
INSERT INTO event (task_id, kind, on_date, recorded_at) VALUES (1, 'progress', '2023-02-20', 'n');
INSERT INTO void (event_id, reason, recorded_at) VALUES (1, 'nhập nhầm', 'n');
INSERT INTO field_change (task_id, field, recorded_at) VALUES (1, 'content', 'n');
INSERT INTO letter (number, number_key, issuer, issuer_key, year, on_date, as_of, subject,
                    recorded_at)
    VALUES ('01/CV-TCT', '1/cv-tct', 'Tổ công tác', 'to cong tac', 2023, '2023-03-01',
            '2023-03-01', 'V/v đôn đốc', 'n');
INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at)
    VALUES (1, 1, '2023-03-01', 'email', 'sxd@hanoi.gov.vn', 'n');
INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at, letter_id)
    VALUES (2, 2, '2023-03-01', 'letter', 'Quận 1', 'n', 1);
INSERT INTO digest_sent (recipient, as_of, marks, message_id, sent_at)
    VALUES ('ld@hanoi.gov.vn', '2023-03-01', '{}', '<d@hn>', 'n');
"""


@pytest.fixture(scope="module")
def both(dsn: str, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[sqlite3.Connection, psycopg.Connection[Any]]]:
    """An SQLite register (db.connect: the seal function installed) and a PostgreSQL one,
    each holding ROWS. Tests that write roll back what they wrote."""
    with closing(db.connect_file(tmp_path_factory.mktemp("r") / "r.sqlite3")) as lite, \
            closing(pg_register(dsn)) as pg:
        lite.executescript(ROWS)
        pg.execute(ROWS)
        yield lite, pg


# --- the same schema -------------------------------------------------------------------------

def sqlite_schema(conn: sqlite3.Connection) -> Schema:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name != 'schema_migrations' ORDER BY name")]
    schema: Schema = {"tables": tables, "columns": {}, "primary": {}, "unique": {},
                      "foreign": set(), "indexes": {}, "triggers": set()}
    for table in tables:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        # An INTEGER PRIMARY KEY (the rowid) says notnull 0, yet holds no NULL.
        schema["columns"][table] = [(name, kind.lower(), bool(notnull or pk))
                                    for _, name, kind, notnull, _, pk in info]
        schema["primary"][table] = tuple(r[1] for r in sorted(info, key=lambda r: r[5]) if r[5])
        schema["unique"][table] = sorted(
            tuple(r[2] for r in conn.execute(f"PRAGMA index_info({index})"))
            for _, index, _, origin, _ in conn.execute(f"PRAGMA index_list({table})")
            if origin == "u")
        for _, _, parent, column, parent_column, *_ in conn.execute(
                f"PRAGMA foreign_key_list({table})"):
            schema["foreign"].add((table, column, parent, parent_column))
    for name, table, partial in conn.execute(
            "SELECT name, tbl_name, sql LIKE '% WHERE %' FROM sqlite_schema "
            "WHERE type = 'index' AND sql IS NOT NULL"):
        unique = conn.execute("SELECT \"unique\" FROM pragma_index_list(?) WHERE name = ?",
                              (table, name)).fetchone()[0]
        columns = tuple(f"lower({column})" if collation == "NOCASE" else column
                        for _, _, column, _, collation, key in conn.execute(
                            f"PRAGMA index_xinfo({name})") if key)
        schema["indexes"][name] = (table, bool(unique), bool(partial), columns)
    schema["triggers"] = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
    return schema


def pg_schema(conn: psycopg.Connection[Any]) -> Schema:
    def rows(sql: str, *params: object) -> list[tuple[Any, ...]]:
        return conn.execute(sql, params).fetchall()

    tables = [r[0] for r in rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"")]
    schema: Schema = {"tables": tables, "columns": {}, "primary": {}, "unique": {},
                      "foreign": set(), "indexes": {}, "triggers": set()}
    for table in tables:
        schema["columns"][table] = [(name, kind, nullable == "NO") for name, kind, nullable in rows(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
            table)]
        keys = rows(
            "SELECT c.contype, ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
            "  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),"
            " f.relname, (SELECT a.attname FROM pg_attribute a"
            "  WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1])"
            " FROM pg_constraint c LEFT JOIN pg_class f ON f.oid = c.confrelid"
            " WHERE c.conrelid = %s::regclass", table)
        schema["primary"][table] = next((tuple(cols) for kind, cols, _, _ in keys if kind == "p"),
                                        ())
        schema["unique"][table] = sorted(tuple(cols) for kind, cols, _, _ in keys if kind == "u")
        schema["foreign"] |= {(table, cols[0], parent, parent_column)
                              for kind, cols, parent, parent_column in keys if kind == "f"}
    for name, table, unique, partial, columns in rows(
            "SELECT i.relname, t.relname, x.indisunique, x.indpred IS NOT NULL,"
            " ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)"
            "       FROM generate_series(1, x.indnkeyatts) k ORDER BY k)"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relnamespace = current_schema()::regnamespace AND NOT EXISTS"
            " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid"
            "  AND c.contype IN ('p', 'u'))"):
        schema["indexes"][name] = (table, unique, partial, tuple(columns))
    schema["triggers"] = {r[0] for r in rows(
        "SELECT g.tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
        " WHERE t.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal")}
    return schema


def test_postgresql_has_sqlites_tables_columns_keys_and_indexes(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]]) -> None:
    lite, pg = sqlite_schema(both[0]), pg_schema(both[1])
    assert pg["tables"] == lite["tables"]
    for table in lite["tables"]:  # names, order, types, NOT NULL
        assert pg["columns"][table] == lite["columns"][table], table
    assert pg["primary"] == lite["primary"]
    assert pg["unique"] == lite["unique"]
    assert pg["indexes"] == lite["indexes"]
    # m012's trigger reminder_letter_exists is a foreign key on PostgreSQL; m016 drops a span's
    # keys there (derived rows, written from rows whose keys were checked).
    assert pg["foreign"] == (lite["foreign"] | {("reminder", "letter_id", "letter", "id")}) - {
        ("task_span", "task_id", "task", "id"), ("task_span", "unit_id", "unit", "id"),
        ("task_span", "directive_id", "directive", "id")}
    # Triggers: SQLite's, but for those a constraint does on PostgreSQL (the primary key refuses
    # a replacement; m012's letter checks), plus the ids and TRUNCATE, which SQLite has not.
    with_ids = {t for t in lite["tables"] if lite["primary"][t] == ("id",)}
    replaced = {name for name in lite["triggers"] if name.endswith("_never_replaced")}
    assert len(replaced) == 8
    truncate = {name for name in pg["triggers"] if name.endswith(("_truncate", "_truncated"))}
    assert {name.replace("_truncated", "_deleted").replace("_truncate", "_delete")
            for name in truncate} == {name for name in lite["triggers"]
                                      if name.endswith(("_append_only_delete", "_never_deleted"))}
    assert pg["triggers"] == (lite["triggers"] - replaced
                              - {"reminder_letter_exists", "reminder_letter_channel"}
                              | {f"{table}_next_id" for table in with_ids} | truncate)


def test_the_postgresql_steps_survive_parameter_translation() -> None:
    """pg.py translates ? and :name (and doubles %) in what it runs: a migration holds none."""
    for name, _, sql in MIGRATIONS:
        assert not re.search(r"[?%]|(?<!:):[A-Za-z_]", sql), name


# --- the same refusals ------------------------------------------------------------------------

REFUSALS = [
    ("UPDATE event SET note = 'x'", "events are appended, never changed"),
    ("DELETE FROM event", "events are appended, never deleted"),
    ("UPDATE void SET reason = 'x'", "voids are appended, never changed"),
    ("DELETE FROM void", "voids are appended, never deleted"),
    ("UPDATE field_change SET note = 'x'", "changes are appended, never changed"),
    ("DELETE FROM field_change", "changes are appended, never deleted"),
    ("UPDATE event_seal SET hash = 'x'", "seals are never changed"),
    ("DELETE FROM event_seal", "seals are never deleted"),
    ("UPDATE reminder SET address = 'x'", "reminders are appended, never changed"),
    ("DELETE FROM reminder WHERE id = 2", "reminders are appended, never deleted"),
    ("UPDATE reminder_seal SET hash = 'x'", "seals are never changed"),
    ("DELETE FROM reminder_seal", "seals are never deleted"),
    ("UPDATE digest_sent SET marks = 'x'", "digests sent are appended, never changed"),
    ("DELETE FROM digest_sent", "digests sent are appended, never deleted"),
    ("UPDATE letter SET subject = 'x'", "letters are appended, never changed"),
    ("DELETE FROM letter", "letters are appended, never deleted"),
    ("DELETE FROM task WHERE id = 1", "a task with a history is never deleted"),
    ("DELETE FROM task", "a task with a history is never deleted"),
    ("DELETE FROM directive", "a directive that tasks refer to is never deleted"),
    ("DELETE FROM unit WHERE id = 2", "a unit that tasks or events refer to is never deleted"),
    ("INSERT INTO event (id, task_id, kind, on_date, recorded_at) "
     "VALUES (0, 1, 'progress', '2023-02-21', 'n')", "events are appended after the last one"),
    ("INSERT INTO reminder (id, task_id, unit_id, on_date, channel, address, recorded_at) "
     "VALUES (0, 1, 1, '2023-03-02', 'email', 'x', 'n')",
     "reminders are appended after the last one"),
]


@pytest.mark.parametrize("statement, refusal", REFUSALS)
def test_history_is_refused_in_sqlites_words_on_both(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]], statement: str,
        refusal: str) -> None:
    lite, pg = both
    with rolled_back(lite), pytest.raises(sqlite3.IntegrityError) as on_sqlite:
        lite.execute(statement)
    assert str(on_sqlite.value) == refusal
    with rolled_back(pg), pytest.raises(psycopg.IntegrityError) as on_pg:
        pg.execute(statement)
    assert (on_pg.value.diag.message_primary, on_pg.value.sqlstate) == (refusal, "23000")


@pytest.mark.parametrize("table, refusal", [
    ("event", "events are appended, never deleted"),
    ("void", "voids are appended, never deleted"),
    ("field_change", "changes are appended, never deleted"),
    ("event_seal", "seals are never deleted"),
    ("reminder", "reminders are appended, never deleted"),
    ("reminder_seal", "seals are never deleted"),
    ("digest_sent", "digests sent are appended, never deleted"),
    ("letter", "letters are appended, never deleted"),
])
def test_truncate_which_fires_no_delete_trigger_is_refused_too(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]], table: str,
        refusal: str) -> None:
    with rolled_back(both[1]), pytest.raises(psycopg.IntegrityError) as refused:
        both[1].execute(f"TRUNCATE {table} CASCADE")
    assert refused.value.diag.message_primary == refusal


@pytest.mark.parametrize("statement", [
    # SQLite's triggers; PostgreSQL's primary key, foreign key, CHECK, in their own words.
    "INSERT INTO event_seal VALUES (1, 'x')",
    "INSERT INTO void (id, task_id, reason, recorded_at) VALUES (1, 3, 'x', 'n')",
    "INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at) "
    "VALUES (1, 1, '2023-03-02', 'letter', 'x', 'n')",
    "INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at, letter_id) "
    "VALUES (1, 1, '2023-03-02', 'email', 'x', 'n', 1)",
    "INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at, letter_id) "
    "VALUES (1, 1, '2023-03-02', 'letter', 'x', 'n', 9)",
    # The same CHECKs, the same unique index.
    "INSERT INTO field_change (task_id, unit_id, field, recorded_at) VALUES (1, 1, 'x', 'n')",
    "INSERT INTO field_change (field, recorded_at) VALUES ('x', 'n')",
    "INSERT INTO void (reason, recorded_at) VALUES ('x', 'n')",
    "INSERT INTO event (task_id, kind, on_date, recorded_at) VALUES (1, 'x', '2023-03-01', 'n')",
    "INSERT INTO event (task_id, kind, on_date, recorded_at, percent) "
    "VALUES (1, 'progress', '2023-03-01', 'n', 101)",
    "INSERT INTO unit (code, name, name_key, created_at) VALUES ('sxd', 'x', 'x', 'n')",
    "INSERT INTO event (task_id, kind, on_date, recorded_at) VALUES (9, 'done', '2023-03-01', 'n')",
])
def test_what_sqlite_refuses_postgresql_refuses(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]], statement: str) -> None:
    lite, pg = both
    with rolled_back(lite), pytest.raises(sqlite3.IntegrityError):
        lite.execute(statement)
    with rolled_back(pg), pytest.raises(psycopg.IntegrityError):
        pg.execute(statement)


# --- the same ids -----------------------------------------------------------------------------

def test_ids_are_the_ones_sqlite_gives(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]]) -> None:
    """max(id) + 1 without one, an explicit id kept, INSERT ... RETURNING id on both; several
    rows of one INSERT ... SELECT numbered and sealed in order."""
    got = []
    for conn in both:
        with rolled_back(conn):
            ids = [value(conn, f"INSERT INTO unit ({'id, ' if given else ''}code, name, name_key,"
                               f" created_at) VALUES ({given or ''}{', ' if given else ''}'N{n}',"
                               " 'x', 'x', 'n') RETURNING id")
                   for n, given in enumerate((None, 10, None, None))]
            conn.execute("INSERT INTO event (task_id, kind, on_date, recorded_at) "
                         "SELECT id, 'progress', '2023-03-01', 'n' FROM task ORDER BY id DESC")
            events = conn.execute("SELECT e.id, e.task_id, s.hash FROM event e JOIN event_seal s"
                                  " ON s.event_id = e.id ORDER BY e.id").fetchall()
            got.append((ids, [tuple(row) for row in events]))
    assert got[0][0] == [3, 10, 11, 12]
    assert [(id, task) for id, task, _ in got[0][1]] == [(1, 1), (2, 3), (3, 2), (4, 1)]
    assert got[1] == got[0]


def test_a_temporary_table_cannot_stand_in_for_the_seals(dsn: str) -> None:
    """The sealing and numbering functions run as their owner with a search_path of their own,
    pg_temp last: a login's temporary event_seal neither feeds the chain nor takes the seal."""
    with closing(pg_register(dsn)) as pg:
        schema = value(pg, "SELECT current_schema()")
        pg.execute(ROWS)
        pg.execute("CREATE TEMP TABLE event_seal (event_id INTEGER, hash TEXT)")
        pg.execute("INSERT INTO event_seal VALUES (99, 'forged')")
        pg.execute("CREATE TEMP TABLE event (id INTEGER)")
        pg.execute("INSERT INTO pg_temp.event VALUES (99)")
        pg.execute(f"INSERT INTO {schema}.event (task_id, kind, on_date, recorded_at) "
                   "VALUES (2, 'done', '2023-03-01', 'n')")
        sealed = pg.execute(f"SELECT event_id FROM {schema}.event_seal ORDER BY event_id")
        assert sealed.fetchall() == [(1,), (2,)]
        assert value(pg, "SELECT count(*) FROM pg_temp.event_seal") == 1


# --- the same seals ---------------------------------------------------------------------------

SPECIAL = ['"', "\\", '\\"', "'", "\t\n\r\b\f", "\x01\x1f\x7f", "\u2028\u2029", "/",
           "Báo cáo số 12/BC-SXD", "Ủy ban nhân dân", "📄✅", "\x80\x9f\xa0", "\ufeff",
           "[1,null]", "null", ""]
texts = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    st.lists(st.sampled_from(SPECIAL), max_size=4).map("".join))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# An id: None (the register gives max + 1), or explicit, this far past the last one.
ids = maybe(st.integers(1, 3))
events = st.fixed_dictionaries({
    "id": ids, "task_id": st.sampled_from([1, 2, 3]), "kind": st.sampled_from(seal.KINDS),
    "on_date": texts, "recorded_at": texts, "note": maybe(texts), "ref": maybe(texts),
    "percent": maybe(st.integers(0, 100)), "new_due": maybe(texts),
    "unit_id": maybe(st.sampled_from([1, 2]))})
reminders = st.tuples(
    st.fixed_dictionaries({
        "id": ids, "task_id": st.sampled_from([1, 2, 3]), "unit_id": st.sampled_from([1, 2]),
        "on_date": texts, "address": texts, "message_id": maybe(texts), "recorded_at": texts,
        "recorded_by": maybe(texts)}),
    st.sampled_from([("email", None), ("letter", 1)]),
).map(lambda r: {**r[0], "channel": r[1][0], "letter_id": r[1][1]})
histories = st.lists(st.one_of(events.map(lambda e: ("event", e)),
                               reminders.map(lambda r: ("reminder", r))), max_size=8)


def record(conn: Conn, marker: str,
           history: list[tuple[str, dict[str, Any]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Insert `history` in one transaction, rolled back after: the rows' ids, their canonical
    texts and their seals."""
    last = {table: value(conn, f"SELECT max(id) FROM {table}") for table in ("event", "reminder")}
    with rolled_back(conn):
        for table, row in history:
            values = {**row, "id": last[table] + row["id"] if row["id"] else None}
            columns = ", ".join(values)
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES "
                         f"({', '.join([marker] * len(values))})", list(values.values()))
            last[table] = value(conn, f"SELECT max(id) FROM {table}")
        found = {}
        for table, fields in (("event", seal.FIELDS), ("reminder", seal.REMINDER_FIELDS)):
            if isinstance(conn, sqlite3.Connection):
                text = f"json_array({', '.join(f'e.{name}' for name in fields)})"
            else:
                text = f"dondoc_{table}_json(e)"
            found[table] = [tuple(r) for r in conn.execute(
                f"SELECT e.id, {text}, s.hash FROM {table} e "
                f"LEFT JOIN {table}_seal s ON s.{table}_id = e.id ORDER BY e.id")]
        return found


EVERY = "".join(SPECIAL)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories)
@example(history=[  # every special text, each time
    ("event", {"id": None, "task_id": 1, "kind": "extend", "on_date": EVERY, "recorded_at": "",
               "note": EVERY, "ref": None, "percent": 100, "new_due": "\x7f", "unit_id": 2}),
    ("reminder", {"id": 3, "task_id": 2, "unit_id": 2, "on_date": EVERY, "channel": "letter",
                  "address": "", "message_id": None, "recorded_at": EVERY, "recorded_by": "\\",
                  "letter_id": 1})])
def test_sqlite_and_postgresql_seal_a_history_alike(
        both: tuple[sqlite3.Connection, psycopg.Connection[Any]],
        history: list[tuple[str, dict[str, Any]]]) -> None:
    lite, pg = both
    on_sqlite = record(lite, "?", history)
    on_pg = record(pg, "%s", history)
    for table in ("event", "reminder"):  # ids, then the canonical texts, then the seals
        assert [r[0] for r in on_pg[table]] == [r[0] for r in on_sqlite[table]]
        assert [r[1] for r in on_pg[table]] == [r[1] for r in on_sqlite[table]]
        assert on_pg[table] == on_sqlite[table]
        assert all(r[2] is not None for r in on_pg[table])


# --- a register migrated step by step ---------------------------------------------------------

def test_a_register_migrated_step_by_step_keeps_its_spans_and_is_sealed_alike(
        dsn: str, tmp_path: Path) -> None:
    """m002 fills the span columns from the task on a table with rows; m009 and m014 seal the
    events and reminders a register holds, in id order, as SQLite's backfills do; the next
    event is chained on them alike."""
    step = {name: number for number, (name, _, _) in enumerate(MIGRATIONS)}
    stages = [
        (step["m002_span_keys"], """
         INSERT INTO unit VALUES (7, 'SXD', 'Sở Xây dựng', 'so xay dung', NULL, NULL, 'n');
         INSERT INTO directive VALUES (3, '847/QĐ-UBND', '847/qd-ubnd', '2023-02-14', '', NULL,
                                       NULL, 'n');
         INSERT INTO task VALUES (5, 3, '1', 'Báo cáo', 7, NULL, NULL, '2023-02-14',
                                  '2023-03-15', 'n');
         INSERT INTO task_span VALUES (5, '2023-02-14', '9999-12-31', 'open', '2023-03-15',
                                       NULL);"""),
        (step["m009_seal"], """
         INSERT INTO event (task_id, kind, on_date, recorded_at, note)
             VALUES (5, 'progress', '2023-02-20', 'n', 'đợt "1"\\'), (5, 'done', '2023-03-01',
                     'n', NULL);
         INSERT INTO event (id, task_id, kind, on_date, recorded_at, unit_id)
             VALUES (9, 5, 'reopen', '2023-03-02', 'n', 7);"""),
        (step["m014_unit_cc"], """
         INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at)
             VALUES (5, 7, '2023-03-16', 'email', 'sxd@hanoi.gov.vn', 'n'),
                    (5, 7, '2023-03-20', 'email', 'sxd@hanoi.gov.vn', 'n');"""),
        (len(MIGRATIONS), """
         INSERT INTO event (task_id, kind, on_date, recorded_at)
             VALUES (5, 'done', '2023-04-01', 'n');
         INSERT INTO reminder (task_id, unit_id, on_date, channel, address, recorded_at)
             VALUES (5, 7, '2023-04-02', 'email', 'sxd@hanoi.gov.vn', 'n');"""),
    ]
    queries = ["SELECT * FROM task_span", "SELECT * FROM event_seal ORDER BY event_id",
               "SELECT * FROM reminder_seal ORDER BY reminder_id"]
    with closing(sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)) as lite, \
            closing(pg_register(dsn, steps=0)) as pg:
        seal.install(lite)
        lite.execute("PRAGMA synchronous = OFF")  # a throwaway file: no flush per statement
        done = 0
        for upto, rows in stages:
            for _, sql, _ in MIGRATIONS[done:upto]:
                lite.executescript(sql)
            migrate_pg(pg, done, upto)
            lite.executescript(rows)
            pg.execute(rows)
            done = upto
        results = [(lite.execute(q).fetchall(), [tuple(r) for r in pg.execute(q)])
                   for q in queries]
    spans, event_seals, reminder_seals = results
    assert spans[0] == [(5, "2023-02-14", "9999-12-31", "open", "2023-03-15", None, 7, 3,
                         "2023-02-14")]
    assert spans[1] == spans[0]
    assert [r[0] for r in event_seals[0]] == [1, 2, 9, 10]
    assert event_seals[1] == event_seals[0]
    assert [r[0] for r in reminder_seals[0]] == [1, 2, 3]
    assert reminder_seals[1] == reminder_seals[0]
