"""The PostgreSQL server the suite will run against (issue 14) starts here, as an unprivileged
user when the tests run as root, and answers. No skip: a machine that cannot start one fails
this test, as CI must."""

from __future__ import annotations

import os

import psycopg
import pytest
from pgserver import NOBODY, running, version

# Runs once: it starts a server of its own.
pytestmark = pytest.mark.sqlite_only


def test_a_real_postgresql_server_starts_answers_and_stops() -> None:
    with running() as server:
        with psycopg.connect(server.dsn, connect_timeout=10) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            said = conn.execute("SHOW server_version_num").fetchone()
            assert said is not None and int(said[0]) // 10000 == version(server.bin) >= 14
            # The byte order SQLite compares text in: what byte-identical output will need.
            collation = conn.execute(
                "SELECT datcollate FROM pg_database WHERE datname = current_database()"
            ).fetchone()
            assert collation == ("C",)
        if os.geteuid() == 0:
            assert server.data.stat().st_uid == NOBODY  # never the superuser's files
        folder = server.folder
    assert not folder.exists()  # stopped and removed
