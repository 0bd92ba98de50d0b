"""A register on PostgreSQL needs a database that compares text byte by byte, as SQLite does
(docs/postgresql.md 2.8): lists and reports come out in the same order on both. PostgreSQL 15
added locale providers (ICU), 17 the builtin one: a database can sort by language while its
datcollate still says C, so the provider is read too, in one query for 14 to 17."""

from __future__ import annotations

import pgserver
import psycopg
import pytest
from conftest import Run, drop_database

from dondoc.register import db

# Runs once: it makes its own databases on the server.
pytestmark = pytest.mark.sqlite_only


# pg_database's values as each version reports them: (datcollate, datlocprovider, its locale)
@pytest.mark.parametrize("collate, provider, locale, order", [
    ("C", None, None, None),                  # 14: no provider column, libc only
    ("POSIX", None, None, None),
    ("en_US.UTF-8", None, None, "en_US.UTF-8"),
    ("C", "c", None, None),                   # 15+, libc
    ("C.utf8", "c", None, "C.utf8"),
    ("C", "i", "en", "ICU en"),               # 15-16 (daticulocale), 17 (datlocale): ICU
    ("C", "i", "und", "ICU und"),
    ("C", "b", "C", None),                    # 17: builtin C is byte order
    ("C", "b", "C.UTF-8", "builtin C.UTF-8"),  # code point order, but lower() folds É to é
])
def test_only_byte_order_is_taken(collate: str, provider: str | None, locale: str | None,
                                  order: str | None) -> None:
    assert db.text_order(collate, provider, locale) == order


def test_a_database_sorting_by_language_is_refused_before_anything_is_written(
        dondoc: Run, pg_server: pgserver.PgServer) -> None:
    """Through the real catalog of whatever server runs the suite. libc's C.utf8 stands for a
    language's order: the only locale but C this machine has (`locale -a`); ICU is not in
    every server build (the 16-18 wheels tried have none), so its rows are checked above."""
    base = pg_server.dsn.rsplit("/", 1)[0]
    made = [f"{base}/by_language", f"{base}/by_bytes"]
    try:
        with psycopg.connect(pg_server.dsn, autocommit=True) as conn:
            conn.execute("CREATE DATABASE by_language LC_COLLATE 'C.utf8' LC_CTYPE 'C' "
                         "TEMPLATE template0")
        said = dondoc.fails("--db", made[0], "unit", "add", "Sở Xây dựng", "--code", "SXD")
        assert said.splitlines() == [
            f"dondoc: error: {made[0]}: the database sorts text by C.utf8, not byte by byte "
            "(C) (make the register's database with CREATE DATABASE name LC_COLLATE 'C' "
            "LC_CTYPE 'C' TEMPLATE template0)"]
        with psycopg.connect(made[0]) as conn:
            assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'dondoc'"
                                ).fetchone() == (0,)
        # Made as the hint says, the database holds the register.
        with psycopg.connect(pg_server.dsn, autocommit=True) as conn:
            conn.execute("CREATE DATABASE by_bytes LC_COLLATE 'C' LC_CTYPE 'C' "
                         "TEMPLATE template0")
        assert "SXD" in dondoc("--db", made[1], "unit", "add", "Sở Xây dựng", "--code", "SXD")
    finally:
        for dsn in made:
            drop_database(pg_server, dsn)
