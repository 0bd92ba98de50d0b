"""Many clerks writing at once (issue 14): several clients record progress and completions,
add tasks and import a file into one register at the same moment; none of it is lost, none
fails, and the seals chain through all of it. On both registers: SQLite's writers wait for the
file, PostgreSQL's for the writer lock (db.transaction), instead of failing."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from conftest import Run
from sheetfiles import HEADER, write_csv

from dondoc.clerk import writes
from dondoc.register import db
from dondoc.register.status import EventKind

CLIENTS = 4
EACH = 40  # operations per client
IMPORTED = 150
DAY, TODAY = date(2023, 3, 1), date(2023, 6, 1)


def client(number: int, failures: list[BaseException]) -> None:
    """One clerk: its own connection, EACH writes, each one transaction; a third of them a new
    task, the others progress on the tasks every client shares."""
    try:
        conn = db.connect(db.resolve_path(None))
        try:
            for n in range(EACH):
                with db.transaction(conn):
                    if n % 3 == 0:
                        writes.add_task(conn, "847/QĐ-UBND", f"Việc {number}.{n}", "SXD",
                                        due=date(2023, 4, 1))
                    else:
                        writes.record(conn, str(1 + n % 4), EventKind.PROGRESS, DAY, TODAY,
                                      note=f"client {number}, write {n}")
        finally:
            conn.close()
    except BaseException as exc:  # noqa: BLE001 - reported by the test, with its client
        failures.append(exc)


def test_writers_at_once_lose_nothing(office: Run, tmp_path: Path) -> None:
    rows = [["3520/QĐ-UBND", "15/11/2022", str(n), f"Nhiệm vụ {n}", "Sở Xây dựng", "",
             "31/12/2023", ""] for n in range(1, IMPORTED + 1)]
    sheet = write_csv(tmp_path / "lot.csv", rows, HEADER)
    failures: list[BaseException] = []
    threads = [threading.Thread(target=client, args=(n, failures)) for n in range(CLIENTS)]
    importer = threading.Thread(target=lambda: office("import", str(sheet), "--quiet"))
    for thread in [*threads, importer]:
        thread.start()
    for thread in [*threads, importer]:
        thread.join(timeout=300)
    assert failures == []
    added = CLIENTS * len(range(0, EACH, 3))
    progress = CLIENTS * EACH - added
    tasks = office("task", "list", "-f", "csv", "-c", "id").split()[1:]
    assert len(tasks) == 4 + added + IMPORTED
    assert sorted(map(int, tasks)) == list(range(1, len(tasks) + 1))  # ids: none taken twice
    assert office("verify").splitlines()[-1] == \
        f"verified {progress} events of {len(tasks)} tasks: all hold"
