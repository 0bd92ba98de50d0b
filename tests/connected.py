"""The test's register opened directly, on whichever database the test runs (DONDOC_DB names a
file or a PostgreSQL database: conftest.isolated), for the facts a test checks or sets behind
the CLI's back; and a copy of a register file made on the test's server."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pgserver
import psycopg
from conftest import Run, new_database

from dondoc.register import db


@contextmanager
def opened(write: bool = False) -> Iterator[db.Conn]:
    """The test's register, as dondoc opens it (seal function and all), in autocommit: each
    statement outside db.transaction() is written at once."""
    conn = db.connect(db.resolve_path(os.environ["DONDOC_DB"]), write=write)
    try:
        yield conn
    finally:
        db.close(conn, optimize=False)


def rows(sql: str, parameters: Any = ()) -> list[tuple[Any, ...]]:
    """What `sql` reads from the test's register, each row a tuple."""
    with opened() as conn:
        return [tuple(row) for row in conn.execute(sql, parameters)]


def on_test_database(file: Path) -> str:
    """The register `file` on the test's database: the file itself when the test runs on
    SQLite; on PostgreSQL, copied into the test's own database (`dondoc db copy`). Its
    address, for --db."""
    where = os.environ["DONDOC_DB"]
    if not db.is_address(where):
        return str(file)
    Run()("db", "copy", str(file), where)
    return where


_copies = itertools.count(1)


def server_copy(file: Path, server: pgserver.PgServer) -> str:
    """A database on `server` holding the register `file` (`dondoc db copy`): made once, it is
    the template of each test's own copy (copied())."""
    target = new_database(server)
    Run()("db", "copy", str(file), target)
    return target.rsplit("/", 1)[1]


def copied(server: pgserver.PgServer, template: str) -> str:
    """A new database on `server` made from the database `template` (server_copy()): its
    address."""
    name = f"copy{next(_copies)}"
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server.dsn.rsplit("/", 1)[0] + "/" + name
