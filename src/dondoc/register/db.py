"""Where the register lives, how it is opened, and how a write is made all-or-nothing."""

from __future__ import annotations

import errno
import getpass
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast
from urllib.parse import quote

from dondoc.dates import now_stamp
from dondoc.errors import DondocError, InvalidValue, NotFound
from dondoc.register import seal
from dondoc.register.dialect import SQLITE, Dialect
from dondoc.register.migrations import MIGRATIONS

if TYPE_CHECKING:
    from dondoc.register.pg import PgRegister

ENV_DB = "DONDOC_DB"
BUSY_TIMEOUT_MS = 10_000  # a cron job and the clerk may write at the same moment
# Rows ANALYZE samples per index: the planner's statistics in milliseconds at any size.
ANALYSIS_LIMIT = 1000


class Cursor(Protocol):
    """What dondoc reads from a statement's result, on either database."""

    @property
    def rowcount(self) -> int: ...
    @property
    def description(self) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int, /) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """A register, on SQLite (Register) or PostgreSQL (pg.PgRegister): the part of sqlite3's
    connection dondoc uses, the dialect of its SQL (dialect.py), where it is, and whether this
    account may write to it."""

    dialect: Dialect
    writable: bool
    on_wait: Callable[[float, Writer | None], None] | None

    @property
    def path(self) -> Path | str: ...
    @property
    def in_transaction(self) -> bool: ...
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Any, /) -> Cursor: ...
    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Iterable[Sequence[Any]], /) -> None: ...
    def meanwhile(self, write: Callable[[], None], /) -> None: ...
    def settle(self) -> None: ...
    def close(self) -> None: ...


class Register(sqlite3.Connection):
    """A connection to a register, and whether this process may write to its file. A read of a
    file it may not write opens it read-only; what that read needs written (recurring
    instances, calendar years, a schema upgrade) is then computed without writing it."""

    dialect = SQLITE
    path: Path
    writable: bool = True
    # Told, while a write waits for another writer, how long it has waited and who that is.
    on_wait: Callable[[float, Writer | None], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.path = Path(":memory:")  # where it is, once connect() says so
        seal.install(self)  # the trigger that seals each new event calls it (migration m009)

    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Iterable[Sequence[Any]]) -> None:
        """Rows into `table`'s `columns`, as a bulk load writes them (COPY on PostgreSQL:
        pg.PgRegister.copy_rows)."""
        marks = ", ".join("?" * len(columns))
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def meanwhile(self, write: Callable[[], None]) -> None:
        """Run `write` now: SQLite works in this process, there is no one to overlap with
        (pg.PgRegister.meanwhile writes a batch while the caller reads on)."""
        write()

    def settle(self) -> None:
        """meanwhile()'s write is done already."""


def login(conn: Conn) -> str | None:
    """Who is recording, for the history: the server's login on PostgreSQL (what its
    row-level security knows a unit's clerk by), else the account dondoc runs as; None where
    the system cannot say."""
    if conn.dialect.postgresql:
        return cast("PgRegister", conn).login
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # an account with no name, as some containers run
        return None


def can_write(conn: Conn) -> bool:
    return conn.writable


def default_path() -> Path:
    from platformdirs import user_data_path

    path = user_data_path("dondoc", appauthor=False) / "dondoc.sqlite3"
    if not path.is_absolute():  # an account with no home folder: '~' stays as it is
        raise DondocError("this account has no home folder for a register",
                          "name one with --db PATH or DONDOC_DB")
    return path


def resolve_path(option: str | None) -> Path | str:
    """--db, else $DONDOC_DB, else the per-user data file: a file's path, or a PostgreSQL
    server's address (postgresql://...). An empty --db is a mistake, never the per-user file."""
    if option is not None and not option.strip():
        raise InvalidValue("--db is empty", "name one with --db PATH or DONDOC_DB")
    chosen = option or os.environ.get(ENV_DB)
    if chosen and is_address(chosen):
        return chosen
    if chosen and (re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", chosen)
                   or re.search(r"\b(host|dbname|user|password)=", chosen)):
        # Neither a file nor an address dondoc knows (a typo, or libpq's key=value form):
        # never make a file of that name.
        raise InvalidValue("--db {value} is neither a file's path nor a PostgreSQL address",
                           "write a server's address as postgresql://LOGIN@HOST:PORT/DATABASE",
                           value=without_password(chosen))
    return Path(chosen).expanduser() if chosen else default_path()


def is_address(value: str) -> bool:
    """Whether --db names a PostgreSQL server's register rather than a file."""
    return value.startswith(("postgresql://", "postgres://"))


_PASSWORDS = (re.compile(r"(//[^/@:]*):[^/@]*@"),  # user:password@host
              re.compile(r"(\bpassword=)[^&\s]*", re.IGNORECASE))  # ?password=, password=


def without_password(address: str) -> str:
    """A server's address as messages show it: no password (user:password@, password=...);
    by its text, so a malformed address is shown without it too."""
    return _PASSWORDS[1].sub(r"\1...", _PASSWORDS[0].sub(r"\1@", address))


def shown_path(option: str | None) -> Path | str:
    """resolve_path(option) as messages show it: a server's address without its password."""
    path = resolve_path(option)
    return without_password(path) if isinstance(path, str) else path


def connect(path: Path | str, write: bool = True,
            created: Callable[[Path | str], None] | None = None, init: bool = False) -> Conn:
    """Open the register at `path` and bring its schema up to date. A read (`write=False`)
    never creates a file and never writes to one it may not write; a write creates the file
    (and its folders), readable by its owner alone, when there is none, calling `created` once
    it exists. An empty file is taken as a register only by `init`: it is more likely a
    mistake (a wrong --db) than a register. A PostgreSQL address opens the register in that
    database (connect_server)."""
    if isinstance(path, str):
        return connect_server(path, write, created)
    return connect_file(path, write, created, init)


def connect_file(path: Path, write: bool = True,
                 created: Callable[[Path | str], None] | None = None,
                 init: bool = False) -> Register:
    """connect() to a SQLite file."""
    if path.is_dir():
        raise InvalidValue("{path} is a folder", "name the register's file, e.g. {example}",
                           path=path, example=path / "dondoc.sqlite3")
    empty = path.is_file() and path.stat().st_size == 0
    if empty and not init:
        raise InvalidValue("{path} is an empty file, not a register",
                           "to start a register there, run `dondoc init {path}`", path=path)
    new = empty or not path.exists()
    if new and not write:
        raise NotFound("no register at {path}",
                       "create one with `dondoc init {path}`, or name another with --db or "
                       "DONDOC_DB", path=path)
    writable = new or _may_write(path)
    if write and not writable:
        raise DondocError("cannot write to the register {path}: this account may only read it",
                          "ask its owner for write access, or name another with --db",
                          path=path)
    if new and not empty:
        _create(path)
    try:
        conn = _open(path, writable)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(conn, path)
        if writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; durable at checkpoints
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        if schema_version(conn) < len(MIGRATIONS) and not writable:
            # An old register read by an account that cannot upgrade it.
            conn, old = in_memory_copy(conn), conn
            old.close()
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        if new:
            remove(path)
        raise opening_error(path, exc) from None
    if new and created is not None:
        created(path)
    return conn


def opening_error(path: Path, exc: sqlite3.Error) -> DondocError:
    """What went wrong opening `path`, as its cause says: a file that is no database at all, a
    damaged one, a full disk, a file or folder this account cannot open."""
    code = getattr(exc, "sqlite_errorname", "")
    if code.startswith("SQLITE_NOTADB"):
        return InvalidValue("{path} is not a dondoc register (not an SQLite database: {error})",
                            "name a register with --db, or create one with `dondoc init PATH`",
                            path=path, error=exc)
    if code.startswith("SQLITE_CORRUPT"):
        return DondocError("{path} is damaged ({error})",
                           "restore it from a backup, or recover what it holds with `sqlite3 "
                           "{path} .recover`", path=path, error=exc)
    if code.startswith("SQLITE_FULL"):
        return DondocError("no space left on the disk holding {path}",
                           "free some space and run the command again", path=path)
    return DondocError("{path}: cannot open the register: {error}",
                       "check the file and its folder can be read (and written, to change it)",
                       path=path, error=exc)


# The database's collation, in one text for PostgreSQL 14 to 18: the locale provider (libc,
# ICU, builtin) is a column from 15 on, its locale daticulocale in 15-16 and datlocale from 17.
LOCALE_SQL = """SELECT datcollate, to_jsonb(d) ->> 'datlocprovider',
                       COALESCE(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale')
                FROM pg_database AS d WHERE datname = current_database()"""


def text_order(collate: str, provider: str | None, locale: str | None) -> str | None:
    """None if a database with these pg_database values compares text byte by byte, as
    SQLite does; else what it sorts by. Only libc's C (or POSIX) and the builtin provider's C
    (17+) do: ICU (15+) sorts by language whatever datcollate says, and the builtin C.UTF-8,
    though in code point order, lowers non-ASCII letters, which SQLite's NOCASE does not."""
    if provider in (None, "c"):  # libc; before 15, the only provider
        return None if collate in ("C", "POSIX") else collate
    if provider == "b" and locale == "C":
        return None
    return f"{'ICU' if provider == 'i' else 'builtin'} {locale}"


def connect_server(dsn: str, write: bool = True,
                   created: Callable[[Path | str], None] | None = None) -> PgRegister:
    """The register in the PostgreSQL database `dsn` names: its tables are in the schema
    pg.SCHEMA, marked as dondoc's. A read needs the schema there; a write makes it when it is
    not. The database must compare text byte by byte (collation C), as SQLite does, or lists
    and reports would come out in another order than on a file."""
    try:
        from dondoc.register import pg
    except ImportError:  # psycopg: dondoc[postgresql]
        raise DondocError("{path}: this dondoc has no PostgreSQL driver",
                          "install it: pip install 'dondoc[postgresql]'",
                          path=without_password(dsn)) from None

    shown = without_password(dsn)
    try:
        conn = pg.connect(dsn)
    except pg.ConnectError as exc:
        raise DondocError("{path}: cannot connect to the register: {error}",
                          "check the server is running, and the address, login and password",
                          path=shown,
                          error=without_password(str(exc).strip().splitlines()[0])) from None
    try:
        collate, provider, locale = conn.execute(LOCALE_SQL).fetchone()
        collation = text_order(collate, provider, locale)
        if collation and provider in (None, "c"):
            raise InvalidValue(
                "{path}: the database sorts text by {collation}, not byte by byte (C)",
                "make the register's database with CREATE DATABASE name LC_COLLATE 'C' "
                "LC_CTYPE 'C' TEMPLATE template0", path=shown, collation=collation)
        if collation:  # LOCALE_PROVIDER: PostgreSQL 15+, where a database may not use libc
            raise InvalidValue(
                "{path}: the database sorts text by {collation}, not byte by byte (C)",
                "make the register's database with CREATE DATABASE name LOCALE_PROVIDER libc "
                "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0", path=shown,
                collation=collation)
        mark = conn.execute("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace "
                            "WHERE nspname = ?", (pg.SCHEMA,)).fetchone()
        new = mark is None
        if new and not write:
            raise NotFound("no register at {path}",
                           "create one with `dondoc init {path}`, or name another with --db "
                           "or DONDOC_DB", path=shown)
        if mark is not None and mark[0] != pg.MARK:
            raise InvalidValue("{path} is not a dondoc register: its schema {schema} is "
                               "another program's", "name a dondoc register with --db",
                               path=shown, schema=pg.SCHEMA)
        if not new and not conn.execute("SELECT has_schema_privilege(?, 'USAGE')",
                                         (pg.SCHEMA,)).fetchone()[0]:
            raise DondocError("{path}: the login {login} has no access to this register",
                              "ask the office for it (dondoc access grant UNIT LOGIN)",
                              path=shown, login=conn.login)
        if new:
            with transaction(conn):
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {pg.SCHEMA}")
                conn.execute(f"COMMENT ON SCHEMA {pg.SCHEMA} IS '{pg.MARK}'")
        conn.execute(f"SET search_path TO {pg.SCHEMA}")
        migrate(conn)
        # A unit's login records events but adds no task: what a read would write (recurring
        # instances, calendar years) it computes without writing, as on a read-only file.
        conn.writable = bool(conn.execute(
            "SELECT has_table_privilege('task', 'INSERT')").fetchone()[0])
    except BaseException:
        conn.close()
        raise
    if new and created is not None:
        created(shown)
    return conn


def _check_upgrade(conn: PgRegister, version: int) -> None:
    """A register an older dondoc made (`version` steps) is upgraded by its schema's owner, the
    office's login: a unit's login may not alter its tables, and is told so instead of "may
    not make that change" for a report (a file an account may only read is upgraded in a copy
    in memory)."""
    from dondoc.register import pg

    if version == 0:  # a new register: made by whoever makes it
        return
    owner, may = conn.execute(
        "SELECT pg_get_userbyid(nspowner), pg_has_role(nspowner, 'USAGE') FROM pg_namespace "
        "WHERE nspname = ?", (pg.SCHEMA,)).fetchone()
    if not may:
        raise DondocError("{path} was made by an older dondoc: its upgrade ({migration}) is made "
                          "by the login that owns it, {owner}",
                          "ask the office to run a dondoc command on it once (dondoc verify)",
                          path=conn.path, migration=MIGRATIONS[version][0], owner=owner)


def _create(path: Path) -> None:
    """The register's missing folders (0700) and its file (0600), whatever the umask: a
    register holds who owes what, for its owner's eyes. SQLite gives -wal and -shm the same
    mode as the file."""
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        path.chmod(0o600)
    except OSError as exc:
        raise DondocError("cannot create the register {path}: {error}",
                          "name another with --db PATH or DONDOC_DB", path=path,
                          error=exc.strerror) from None


def remove(path: Path | str) -> None:
    """Delete a register file this process has just created, with its journal files. A
    register on a server stays: its empty schema harms nothing."""
    if isinstance(path, str):
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _may_write(path: Path) -> bool:
    """Whether this account can write the file and the journal beside it (WAL needs -wal and
    -shm files in the same folder). A read-only mount says no here too."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK) or all(
        os.access(f"{path}{suffix}", os.W_OK) for suffix in ("-wal", "-shm"))
    return os.access(path, os.W_OK) and folder_ok


def _open(path: Path, writable: bool) -> Register:
    def connected(uri: str) -> Register:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                               factory=Register)
        conn.path, conn.writable = path, writable
        return conn

    location = "file:" + quote(str(path.absolute()))
    if writable:
        return connected(location)
    conn = connected(location + "?mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if Path(f"{path}-wal").exists():
            raise
    # A WAL register in a folder this account cannot write: SQLite cannot make the shared
    # memory file a reader needs. With no -wal file there are no pending writes to see, and no
    # writer can start without making one, so the file can be read as it stands.
    return connected(location + "?mode=ro&immutable=1")


APPLICATION_ID = 0x646F6E64  # 'dond': PRAGMA application_id marks a register as dondoc's


def _check_identity(conn: Register, path: Path) -> None:
    """Refuse, without touching it, any SQLite file that is not a register: another program's
    database must never get dondoc's tables. Registers written before the mark carry
    dondoc's first migration; they get the mark when next written."""
    mark = conn.execute("PRAGMA application_id").fetchone()[0]
    if mark == APPLICATION_ID:
        return
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
    if mark == 0 and not tables:
        return  # an empty database: a register from here on
    ours = mark == 0 and "schema_migrations" in tables and conn.execute(
        "SELECT 1 FROM schema_migrations WHERE name = 'm001_initial'").fetchone()
    if not ours:
        raise InvalidValue(
            "{path} is not a dondoc register: it is another program's database ({tables})",
            "name a dondoc register with --db, or create one with `dondoc init PATH`",
            path=path, tables=", ".join(tables[:5]) + (", ..." if len(tables) > 5 else ""))


def empty_in_memory() -> Register:
    """A new, empty register in memory: what a dry run checks against before there is a file."""
    conn = sqlite3.connect(":memory:", isolation_level=None, factory=Register)
    conn.path, conn.writable = Path(":memory:"), True
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return conn


def in_memory_copy(conn: Register) -> Register:
    """The register copied into memory, for a read that needs writes the file cannot take
    (the caller closes both)."""
    copy = sqlite3.connect(":memory:", isolation_level=None, factory=Register)
    conn.backup(copy)
    copy.path, copy.writable = conn.path, True
    copy.execute("PRAGMA foreign_keys = ON")
    return copy


def drop_temporary(conn: Conn, *tables: str) -> None:
    """Drop the temporary tables a write made, at its end. On PostgreSQL a write that failed
    has no say any more (its transaction takes only a ROLLBACK), and the rollback drops
    them: they were made inside it."""
    if conn.dialect.postgresql and cast("PgRegister", conn).failed:
        return
    for table in tables:
        conn.execute(f"DROP TABLE IF EXISTS {table}")


def close(conn: Conn, optimize: bool = True) -> None:
    """Close, letting SQLite refresh its statistics for tables that grew (its advice for
    short-lived connections); the completion report needs them to skip-scan its index. A
    command that failed closes with `optimize=False`: it leaves the file byte for byte as it
    was."""
    if optimize and can_write(conn) and not conn.dialect.postgresql:
        with suppress(sqlite3.OperationalError):  # a busy register: statistics can wait
            conn.execute("PRAGMA optimize")
    conn.close()


def analyze(conn: Conn) -> None:
    """Statistics for the query planner, sampled (ANALYSIS_LIMIT): call after bulk writes. A
    server samples by its own default: a tenth of it (3,000 rows a table) made completion
    over a million tasks 0.93 s against 0.63 s."""
    conn.execute("ANALYZE")


@contextmanager
def transaction(conn: Conn, commit: bool = True) -> Iterator[Conn]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a write lands whole or not at all.
    IMMEDIATE takes the write lock up front, so a busy register waits (`wait_to_write`) instead
    of failing half-way when another process wrote between our read and our write.
    `commit=False` rolls back at the end too: a dry run does everything and keeps nothing."""
    wait_to_write(conn)
    try:
        yield conn
    except BaseException:
        # SQLite has rolled back already after some errors (a full disk): say the first cause,
        # not "no transaction is active".
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT" if commit else "ROLLBACK")


def wait_to_write(conn: Conn) -> None:
    """BEGIN IMMEDIATE, waiting for another writer: up to BUSY_TIMEOUT_MS, or for as long as a
    long writer that said so (`writing`) is still at work. `Register.on_wait`, where set, is
    told how long we have waited and who holds the register."""
    if conn.dialect.postgresql:
        _wait_for_server(conn)
        return
    path = conn.path if isinstance(conn, Register) else None
    started = time.monotonic()
    conn.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "") not in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                    raise
                waited = time.monotonic() - started
                holder = writer(path) if path else None
                if waited * 1000 >= (busy_timeout_ms() if holder is None else LONG_WAIT_MS):
                    raise
                on_wait = getattr(conn, "on_wait", None)
                if on_wait is not None:
                    on_wait(waited, holder)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _wait_for_server(conn: Conn) -> None:
    """BEGIN, then the register's one writer lock (an advisory lock, released at COMMIT or
    ROLLBACK), waiting for it as on SQLite. One writer at a time, as on a file: each event is
    sealed on the one before it, and new ids are the last one's plus one. With no one to tell
    (not a terminal), the wait is the server's own queue, first come first served: twenty
    clients writing at once all get their turn. At a terminal, it looks again every
    WAIT_STEP_MS and says how long it has waited."""
    from dondoc.register import pg

    started = time.monotonic()
    conn.execute("BEGIN")
    try:
        while not conn.execute("SELECT pg_try_advisory_xact_lock(?)",
                               (pg.WRITER_LOCK,)).fetchone()[0]:
            waited = time.monotonic() - started
            holder = pg.writer(cast("PgRegister", conn))
            allowed = busy_timeout_ms() if holder is None else LONG_WAIT_MS
            if waited * 1000 >= allowed:
                raise pg.busy()
            if conn.on_wait is None:
                _queue_for_server(conn, allowed - int(waited * 1000))
                return
            conn.on_wait(waited, holder)
            time.sleep(WAIT_STEP_MS / 1000)
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _queue_for_server(conn: Conn, timeout_ms: int) -> None:
    """Wait in the server's queue for the writer lock, `timeout_ms` at most."""
    from dondoc.register import pg

    conn.execute(f"SET LOCAL lock_timeout = {max(timeout_ms, 1)}")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (pg.WRITER_LOCK,))
    except sqlite3.OperationalError as exc:  # pg.mapped's
        if getattr(exc, "sqlstate", None) == "55P03":  # lock_not_available: waited too long
            raise pg.busy() from None
        raise
    conn.execute("SET LOCAL lock_timeout = 0")


WAIT_STEP_MS = 250  # how often a waiting write looks again, and says how long it has waited
ENV_BUSY_TIMEOUT = "DONDOC_BUSY_TIMEOUT"  # seconds, for a script that would rather fail fast


def busy_timeout_ms() -> int:
    """How long a write waits for a writer that did not say who it is."""
    try:
        return int(float(os.environ[ENV_BUSY_TIMEOUT]) * 1000)
    except (KeyError, ValueError):
        return BUSY_TIMEOUT_MS
LONG_WAIT_MS = 3_600_000  # behind a long writer at work (an import): an hour at most


@dataclass(frozen=True)
class Writer:
    """A long write in progress, as it announced itself beside the register (`writing`)."""

    what: str  # "import FILE"
    pid: int
    since: str  # ISO moment, UTC


def _writer_file(path: Path) -> Path:
    return Path(f"{path}-writer")


@contextmanager
def writing(conn: Conn, what: str) -> Iterator[None]:
    """Say beside the register, for as long as the block lasts, that this process is writing
    `what`: another command waiting for the register can then say who holds it, and wait for
    it as long as it is at work rather than give up after BUSY_TIMEOUT_MS."""
    if conn.dialect.postgresql:
        from dondoc.register import pg

        with pg.writing(cast("PgRegister", conn), what):
            yield
        return
    if not isinstance(conn, Register) or str(conn.path) == ":memory:":
        yield
        return
    marker = _writer_file(conn.path)
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError:  # nowhere to say it: the write goes ahead all the same
        yield
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"what": what, "pid": os.getpid(), "since": now_stamp()}, out)
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def writer(path: Path) -> Writer | None:
    """The long write holding the register at `path`, if one said so and is still running."""
    try:
        found = json.loads(_writer_file(path).read_text(encoding="utf-8"))
        holder = Writer(str(found["what"]), int(found["pid"]), str(found["since"]))
        os.kill(holder.pid, 0)  # still running? (a stale note from a killed process is not)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return holder


def schema_version(conn: Conn) -> int:
    """How many migrations the register has had: PRAGMA user_version on a file, the rows of
    schema_migrations on a server."""
    if conn.dialect.postgresql:
        if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
            return 0
        return int(conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0])
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Conn) -> list[str]:
    """Apply the migrations this register has not seen, each in its own transaction, in the
    register's dialect. Returns their names. `schema_version` counts the steps applied;
    `schema_migrations` names them."""
    server = conn.dialect.postgresql
    version = schema_version(conn)
    if version == len(MIGRATIONS):
        if (not server and can_write(conn)
                and conn.execute("PRAGMA application_id").fetchone()[0] == 0):
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return []
    if server and version < len(MIGRATIONS):
        _check_upgrade(cast("PgRegister", conn), version)
    applied: list[str] = []
    if isinstance(conn, sqlite3.Connection):
        seal.install(conn)  # m009 seals the events a file holds; any connection may migrate
    with transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
    for number, (name, sqlite_sql, server_sql) in enumerate(MIGRATIONS, start=1):
        with transaction(conn):
            # Read inside the lock: two processes opening a new file must not both migrate it.
            if schema_version(conn) >= number:
                continue
            if server:
                cast("PgRegister", conn).script(server_sql)
            else:
                for statement in _statements(sqlite_sql):
                    conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, now_stamp()))
            if not server:
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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
