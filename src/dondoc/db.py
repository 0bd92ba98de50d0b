"""Where the register lives, how it is opened, and how a write is made all-or-nothing."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from dondoc.errors import DondocError
from dondoc.migrations import MIGRATIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

ENV_DB = "DONDOC_DB"
BUSY_TIMEOUT_MS = 10_000  # a cron job and the clerk may write at the same moment
# Rows ANALYZE samples per index: the planner's statistics in milliseconds at any size.
ANALYSIS_LIMIT = 1000


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("dondoc", appauthor=False) / "dondoc.sqlite3"


def resolve_path(option: str | None) -> Path:
    """--db, else $DONDOC_DB, else the per-user data file."""
    chosen = option or os.environ.get(ENV_DB)
    return Path(chosen).expanduser() if chosen else default_path()


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the register and bring its schema up to date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; durable at checkpoints
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise DondocError(
            "{path}: cannot open the register: {error}",
            "check that it is a dondoc file, or name another with --db",
            path=path, error=exc,
        ) from None
    return conn


def close(conn: sqlite3.Connection) -> None:
    """Close, letting SQLite refresh its statistics for tables that grew (its advice for
    short-lived connections); the completion report needs them to skip-scan its index."""
    with suppress(sqlite3.OperationalError):  # a busy register: statistics can wait
        conn.execute("PRAGMA optimize")
    conn.close()


def analyze(conn: sqlite3.Connection) -> None:
    """Statistics for the query planner, sampled (ANALYSIS_LIMIT): call after bulk writes."""
    conn.execute("ANALYZE")


@contextmanager
def transaction(conn: sqlite3.Connection, commit: bool = True) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a write lands whole or not at all.
    IMMEDIATE takes the write lock up front, so a busy register waits instead of failing
    half-way when another process wrote between our read and our write. `commit=False` rolls
    back at the end too: a dry run does everything and keeps nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT" if commit else "ROLLBACK")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this file has not seen, each in its own transaction. Returns their
    names. `PRAGMA user_version` counts the steps applied; `schema_migrations` names them."""
    if schema_version(conn) == len(MIGRATIONS):
        return []
    applied: list[str] = []
    with transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
    for number, (name, sql) in enumerate(MIGRATIONS, start=1):
        with transaction(conn):
            # Read inside the lock: two processes opening a new file must not both migrate it.
            if schema_version(conn) >= number:
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                (name,),
            )
            conn.execute(f"PRAGMA user_version = {number}")
        applied.append(name)
    newer = schema_version(conn)
    if newer > len(MIGRATIONS):
        raise DondocError("the register was written by a newer dondoc (schema {schema})",
                          "upgrade dondoc", schema=newer)
    return applied


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements; executescript() would commit our transaction."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


@contextmanager
def orm_session(conn: sqlite3.Connection) -> Iterator[Session]:
    """A SQLModel session on the same connection, in one BEGIN IMMEDIATE transaction that
    commits when the block ends and rolls back if it raises."""
    from sqlalchemy import event
    from sqlalchemy.pool import StaticPool
    from sqlmodel import Session, create_engine

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    # pysqlite leaves BEGIN to the sqlite3 module, which we opened in autocommit mode:
    # take the transaction ourselves (SQLAlchemy's documented recipe for SQLite).
    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    with Session(engine) as session, session.begin():
        yield session


def raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session, inside its transaction."""
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver
