"""A register on a PostgreSQL server (issue 14): `--db postgresql://...`.

PgRegister gives a psycopg connection the few methods of sqlite3's that dondoc uses, so every
query is written once: parameters in SQLite's style (`?`, `:name`) are translated once per
statement text; transactions are explicit (`BEGIN` ... `COMMIT` in autocommit mode, as dondoc
drives SQLite); errors come out as the DB-API classes of sqlite3 that the rest of the code
catches (db.py's aliases), with the server's own message. What differs in the SQL itself is in
dialect.py. psycopg is imported only here, so a SQLite register pays nothing for it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg.pq import TransactionStatus

from dondoc.register.db import Cursor, Writer, without_password
from dondoc.register.dialect import POSTGRESQL

SCHEMA = "dondoc"  # the register's tables live in this schema: the database may hold others
MARK = "dondoc register"  # COMMENT ON SCHEMA: what application_id is to a SQLite file
# pg_advisory_xact_lock's key for "the one writer": 'dond' as on SQLite's application_id.
WRITER_LOCK = 0x646F6E64


# ?, :name, % and the text that must be left alone: quoted strings and names, :: casts,
# comments, and $$ bodies.
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\$\$.*?\$\$|::|\?|%|"""
                     r""":([A-Za-z_][A-Za-z0-9_]*)""", re.DOTALL)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite's parameter style in psycopg's: ? -> %s, :name -> %(name)s, and every % (in
    a literal too) -> %%. A ? or :name inside a literal or a comment is left as it is."""
    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return token.replace("%", "%%")  # psycopg reads % inside literals too

    return _TOKENS.sub(one, sql)


# The server's answers that are the user's situation, not a bug, by SQLSTATE (or its class, the
# first two characters), as the SQLite error name the CLI words them by (cli/__init__.py): a
# lock waited for too long or a deadlock, a full disk, a login without the rights, and the
# connection lost (a client-side error has no SQLSTATE: psycopg's OperationalError).
_AS_SQLITE = {
    "55P03": "SQLITE_BUSY", "40P01": "SQLITE_BUSY", "40001": "SQLITE_BUSY",
    "53100": "SQLITE_FULL",
    "42501": "DONDOC_REFUSED",  # what the login may not do: a table, or another unit's task
    "08": "DONDOC_CONNECTION", "57P01": "DONDOC_CONNECTION", "57P02": "DONDOC_CONNECTION",
    "57P03": "DONDOC_CONNECTION",
}


def error_name(exc: psycopg.Error) -> str:
    """The SQLite error name (or dondoc's, for a lost connection) a server error is told as;
    empty for one that is a bug."""
    state = exc.sqlstate
    if state is None:
        return "DONDOC_CONNECTION" if isinstance(exc, psycopg.OperationalError) else ""
    return _AS_SQLITE.get(state) or _AS_SQLITE.get(state[:2], "")


def mapped(exc: psycopg.Error) -> sqlite3.Error:
    """A server error as the DB-API class of sqlite3 the code catches, with its message, its
    SQLSTATE and the SQLite error name it is told as (error_name)."""
    message = exc.diag.message_primary or str(exc).strip()
    error: sqlite3.Error
    if isinstance(exc, (pgerrors.IntegrityError, pgerrors.RaiseException)):
        error = sqlite3.IntegrityError(message)
    elif isinstance(exc, (psycopg.OperationalError, psycopg.ProgrammingError)):
        error = sqlite3.OperationalError(message)  # as SQLite says a syntax error, a refusal
    else:
        error = sqlite3.DatabaseError(message)
    error.sqlstate = exc.sqlstate  # type: ignore[attr-defined]
    error.sqlite_errorname = error_name(exc)
    return error


class PgRegister:
    """A connection to a register on PostgreSQL, with the sqlite3 surface dondoc uses."""

    dialect = POSTGRESQL
    writable: bool = True
    on_wait: Callable[[float, Writer | None], None] | None = None

    def __init__(self, raw: psycopg.Connection[Any], dsn: str) -> None:
        self.raw = raw
        self.path = without_password(dsn)  # what messages call the register
        self.login = raw.info.user  # the session's user: whom row-level security knows
        self.batch: Future[None] | None = None  # meanwhile()'s, until the caller waits for it
        self.batch_error: BaseException | None = None  # raised until a ROLLBACK
        self.batch_thread: ThreadPoolExecutor | None = None
        self.batch_thread_id: int | None = None

    def meanwhile(self, write: Callable[[], None]) -> None:
        """Run `write` (statements in this connection's transaction) in a thread of its own
        while the caller goes on: a bulk load reads its next rows while the server writes the
        last batch, where one waited for the other (the server works on a core of its own).
        The caller's next statement waits for the batch first. After a batch failed, every
        statement but ROLLBACK raises its error: the server's COMMIT of a failed transaction
        would roll it back without a word."""
        self.settle()
        if self.batch_thread is None:
            self.batch_thread = ThreadPoolExecutor(1, thread_name_prefix="dondoc-batch")

        def run() -> None:
            self.batch_thread_id = threading.get_ident()
            write()

        self.batch = self.batch_thread.submit(run)

    def _join_batch(self) -> None:
        """Wait for meanwhile()'s batch, if the caller is not that batch, keeping its error.
        The batch is forgotten only once it has ended: a wait that Ctrl-C broke off is waited
        again by the ROLLBACK that follows, which sent in the batch's middle would leave its
        later statements to be committed one by one."""
        if self.batch is not None and threading.get_ident() != self.batch_thread_id:
            self.batch_error = self.batch.exception()
            self.batch = None

    def settle(self, sql: str = "") -> None:
        """Wait for meanwhile()'s batch and raise its error: before any statement `sql` but a
        ROLLBACK."""
        self._join_batch()
        if self.batch_error is not None:
            if sql != "ROLLBACK":
                raise self.batch_error
            self.batch_error = None

    def execute(self, sql: str, parameters: Any = ()) -> Cursor:
        self.settle(sql)
        try:
            # Parameters always (an empty tuple too): psycopg turns %% back into % only then.
            return self.raw.execute(translate(sql), parameters, prepare=False)
        except psycopg.Error as exc:
            raise mapped(exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Any]) -> Cursor:
        self.settle()
        cursor = self.raw.cursor()
        try:
            cursor.executemany(translate(sql), list(parameters))
        except psycopg.Error as exc:
            raise mapped(exc) from exc
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Iterable[Sequence[Any]]) -> None:
        """Rows into `table`'s `columns` by COPY: a bulk load's way in, several times faster
        than executemany's INSERTs (db.Register.copy_rows is SQLite's)."""
        self.settle()
        cursor = self.raw.cursor()
        try:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise mapped(exc) from exc

    def script(self, sql: str) -> None:
        """Several statements at once, no parameters (a migration)."""
        self.settle()
        try:
            self.raw.execute(sql.encode(), prepare=False)
        except psycopg.Error as exc:
            raise mapped(exc) from exc

    @property
    def failed(self) -> bool:
        """In a transaction a statement failed in: only ROLLBACK can follow."""
        self._join_batch()
        return (self.batch_error is not None
                or self.raw.info.transaction_status == TransactionStatus.INERROR)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        if self.batch_thread is not None:
            self.batch_thread.shutdown()  # a batch at work ends first (its error is moot now)
        self.raw.close()


ConnectError = psycopg.Error  # what connect() raises when it cannot reach the register


def connect(dsn: str) -> PgRegister:
    """A connection in autocommit mode (dondoc says BEGIN itself), client-side parameters (so
    a literal's type comes from where it stands, as in SQLite)."""
    raw = psycopg.connect(dsn, autocommit=True, cursor_factory=psycopg.ClientCursor,
                          application_name="dondoc", connect_timeout=10)
    return PgRegister(raw, dsn)


def busy() -> sqlite3.OperationalError:
    """What a write that waited too long for the writer lock raises: SQLite's own words and
    error name, so the CLI says it the same way."""
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorname = "SQLITE_BUSY"
    return error


WRITING = "dondoc: "  # application_name of a connection at a long write: "dondoc: import X"


@contextmanager
def writing(conn: PgRegister, what: str) -> Iterator[None]:
    """Say, for as long as the block lasts, what this connection is writing: the server shows
    it to another client waiting for the lock (writer())."""
    conn.execute("SELECT set_config('application_name', ?, false)", (WRITING + what,))
    try:
        yield
    finally:
        conn.execute("SELECT set_config('application_name', 'dondoc', false)")


def writer(conn: PgRegister) -> Writer | None:
    """The long write holding the writer lock, if it said what it is (writing())."""
    found = conn.execute(
        """SELECT a.application_name, a.pid,
                  to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND l.objid = ?
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND a.application_name LIKE 'dondoc: %'""", (WRITER_LOCK,)).fetchone()
    if found is None:
        return None
    return Writer(found[0].removeprefix(WRITING), int(found[1]), str(found[2]))
