"""The test's register (DONDOC_DB: a SQLite file or a PostgreSQL database) as another client
sees it, for what the CLI cannot show: a writer holding it, a tamperer's statements, how many
rows each table holds. Both backends: a test using these runs on both."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg

from dondoc.register import db, pg


def on_server() -> bool:
    return db.is_address(os.environ["DONDOC_DB"])


@contextmanager
def raw() -> Iterator[Any]:
    """A plain connection to the register, autocommit, none of dondoc's functions: the sqlite3
    shell's on a file (foreign keys off), psql's on a server (the register's schema first)."""
    address = os.environ["DONDOC_DB"]
    if db.is_address(address):
        with psycopg.connect(address, autocommit=True) as conn:
            conn.execute(f"SET search_path TO {pg.SCHEMA}")
            yield conn
        return
    with closing(sqlite3.connect(address, isolation_level=None)) as conn:
        yield conn


@contextmanager
def holding_the_writer_lock() -> Iterator[None]:
    """Another client in a write (one that did not say what it is) for as long as the block
    lasts: SQLite's BEGIN IMMEDIATE, or the server's writer lock (db.wait_to_write)."""
    with raw() as conn:
        if on_server():
            conn.execute("BEGIN")
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (pg.WRITER_LOCK,))
        else:
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")


def row_counts() -> dict[str, int]:
    """Every table of the register and how many rows it holds."""
    with raw() as conn:
        if on_server():
            tables = [name for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s", (pg.SCHEMA,))]
        else:
            tables = [name for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in sorted(tables)}


def rows(sql: str) -> list[tuple[Any, ...]]:
    """The rows a query without parameters gives, on either backend."""
    with raw() as conn:
        return [tuple(row) for row in conn.execute(sql).fetchall()]


def fingerprint(isolated: Path) -> str:
    """What the register holds, as one hash: the file's bytes (so "byte for byte as it was"),
    or, on a server, every row of every table of the register's schema."""
    if not on_server():
        return hashlib.sha256(isolated.read_bytes()).hexdigest()
    found = hashlib.sha256()
    with raw() as conn:
        for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s "
                                     "ORDER BY tablename", (pg.SCHEMA,)).fetchall():
            found.update(f"\n{table}\n".encode())
            for (row,) in conn.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1'):
                found.update(row.encode() + b"\n")
    return found.hexdigest()


def login() -> str | None:
    """Who the test's register records as having written (db.login): the server's login on
    PostgreSQL, else the account the tests run as."""
    conn = db.connect(db.resolve_path(os.environ["DONDOC_DB"]), write=False)
    try:
        return db.login(conn)
    finally:
        conn.close()
