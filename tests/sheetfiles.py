"""A tasks sheet as offices write them, for the tests of files in and out (tests/sheets):
the header, two rows, the units they name, and a CSV written in an encoding Windows uses."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import unicodedata
from contextlib import closing
from pathlib import Path

import psycopg
from conftest import Run

from dondoc.register import db, pg

HEADER = ["Số, ký hiệu", "Ngày ban hành", "STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
          "Đơn vị phối hợp", "Thời hạn", "Ngày hoàn thành"]
ROWS = [
    ["847/QĐ-UBND", "14/02/2023", "1", "Báo cáo tiến độ GPMB", "Sở Xây dựng", "", "15/03/2023",
     ""],
    ["847/QĐ-UBND", "14/02/2023", "2", "Rà soát quy hoạch", "Sở Xây dựng",
     "UBND huyện Đông Anh", "01/03/2023", "05/03/2023"],
]


def units(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH")


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER,
              encoding: str = "utf-8-sig") -> Path:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    if encoding == "cp1258":
        path.write_bytes(windows_vietnamese(text.getvalue()).encode("cp1258"))
    else:
        path.write_bytes(text.getvalue().encode(encoding))
    return path


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_vietnamese(text: str) -> str:
    """Text as Windows writes it in cp1258: letters with their shape (ô, ư, ă) precomposed,
    tone marks as separate combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
                   + tones)
    return "".join(out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _server() -> str | None:
    """The test's register's address when it is on PostgreSQL (conftest.isolated)."""
    dsn = os.environ["DONDOC_DB"]
    return dsn if db.is_address(dsn) else None


def state(isolated: Path) -> str:
    """What any write changes: the register file's bytes; on PostgreSQL, every row of every
    table of the register's schema ('' when there is none)."""
    dsn = _server()
    if dsn is None:
        return digest(isolated) if isolated.exists() else ""
    with psycopg.connect(dsn) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
            "AND table_type = 'BASE TABLE' ORDER BY table_name", (pg.SCHEMA,))]
        rows = [(name, conn.execute(f'SELECT CAST(x AS text) FROM {pg.SCHEMA}."{name}" AS x '
                                    "ORDER BY 1").fetchall()) for name in tables]
    return hashlib.sha256(repr(rows).encode()).hexdigest() if tables else ""


def nothing_made(dondoc: Run, isolated: Path) -> bool:
    """No register made: no file; on PostgreSQL, where a failed write leaves the schema it made
    (db.remove), no unit, directive or task in it."""
    if _server() is None:
        return not isolated.exists()
    return state(isolated) == "" or all(
        json.loads(dondoc("export", "--what", what, "--format", "json")) == []
        for what in ("units", "directives", "tasks"))


def start_again(isolated: Path) -> None:
    """No register where the test's was (the next write makes an empty one): its file
    removed; on PostgreSQL, its schema dropped."""
    dsn = _server()
    if dsn is None:
        isolated.unlink()
        return
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {pg.SCHEMA} CASCADE")


def indexes() -> set[str]:
    """The names of the register's indexes."""
    dsn = _server()
    if dsn is None:
        with closing(sqlite3.connect(os.environ["DONDOC_DB"])) as conn:
            return {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'index'")}
    with psycopg.connect(dsn) as conn:
        return {name for (name,) in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = %s", (pg.SCHEMA,))}


def tasks(dondoc: Run) -> list[dict[str, object]]:
    return json.loads(dondoc("export", "--format", "json"))  # type: ignore[no-any-return]
