"""Make benchmark registers and CSV files, reproducibly (fixed seed).

    python bench/generate.py register FILE --tasks 10000 --overdue 0.5
    python bench/generate.py register FILE --tasks 1000000 --units 500 --overdue-rows 10000
    python bench/generate.py register FILE --tasks 11000 --units 500 --overdue-rows 10000 \
        --emails
    python bench/generate.py csv FILE --rows 1000000
    python bench/generate.py xlsx FILE --rows 100000
    python bench/generate.py taskwarrior DIR --register FILE   (needs `task` on PATH)

Registers are written with plain SQL for speed, then their spans are built by the product's own
spans.refresh(), so reports read exactly what dondoc itself would have written, and the calendar
years the data spans (and today's, for the writes), plus one, are stored by workdays.load(), as an
import stores them: no timed command writes to its input.
As of AS_OF, the tasks due before it are done (on time or late) except the overdue ones.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from dondoc.deadlines import workdays
from dondoc.register import db, spans

AS_OF = date(2023, 6, 30)
START = date(2022, 1, 1)
PROGRESS = ["Đã họp triển khai", "Đang tổng hợp số liệu", "Đã có dự thảo báo cáo",
            "Đang xin ý kiến các sở, ngành", "Chờ lãnh đạo phê duyệt"]


def make_register(path: Path, tasks: int, units: int, overdue: float | None,
                  overdue_rows: int | None, seed: int = 42, emails: bool = False) -> None:
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = db.connect(path)
    span_days = (AS_OF - START).days
    past_due = 0  # how many tasks fall due before AS_OF, to aim at overdue_rows
    with db.transaction(conn):
        conn.executemany(
            "INSERT INTO unit (id, code, name, name_key, email, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'x')",
            [(u, f"U{u}", f"Đơn vị số {u}", f"don vi so {u}",
              f"u{u}@bench.example.vn" if emails else None) for u in range(1, units + 1)],
        )
        directives = max(1, tasks // 20)
        conn.executemany(
            "INSERT INTO directive (id, number, number_key, issued, title, created_at) "
            "VALUES (?, ?, ?, ?, '', 'x')",
            [(d, f"{d}/QĐ-UBND", f"{d}/qd-ubnd",
              (START + timedelta(days=d * span_days // directives)).isoformat())
             for d in range(1, directives + 1)],
        )
        task_rows: list[tuple[object, ...]] = []
        event_rows: list[tuple[int, str, str, str | None, str | None]] = []
        plan = []
        for t in range(1, tasks + 1):
            d = (t - 1) // 20 + 1
            assigned = START + timedelta(days=d * span_days // directives)
            due = assigned + timedelta(days=rng.randint(10, 90))
            past_due += due < AS_OF
            plan.append((t, d, assigned, due))
        if overdue_rows is not None:
            overdue = overdue_rows / max(past_due, 1)
        assert overdue is not None
        for t, d, assigned, due in plan:
            task_rows.append((t, d, str((t - 1) % 20 + 1), f"Nhiệm vụ số {t}",
                              rng.randint(1, units), f"Lãnh đạo {t % 40}",
                              f"Chuyên viên {t % 300}", assigned.isoformat(), due.isoformat()))
            late = due < AS_OF and rng.random() < overdue
            days = [assigned + timedelta(days=rng.randint(1, max(1, (due - assigned).days)))
                    for _ in range(2)]
            for on in sorted(days):
                if on <= AS_OF:
                    event_rows.append((t, "progress", on.isoformat(), rng.choice(PROGRESS), None))
            if due < AS_OF and not late:
                done = due + timedelta(days=rng.randint(-15, 20))
                done = min(max(done, assigned), AS_OF)
                event_rows.append((t, "done", done.isoformat(), None, None))
            elif rng.random() < 0.1:
                event_rows.append((t, "extend", assigned.isoformat(), None,
                                   (due + timedelta(days=30)).isoformat()))
            else:
                on = min(assigned + timedelta(days=5), AS_OF)
                event_rows.append((t, "progress", on.isoformat(), rng.choice(PROGRESS), None))
        conn.executemany(
            "INSERT INTO task (id, directive_id, code, content, unit_id, leader, officer, "
            "assigned, due, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x')", task_rows)
        conn.executemany(
            "INSERT INTO event (task_id, kind, on_date, recorded_at, note, new_due) "
            "VALUES (?, ?, ?, 'x', ?, ?)", event_rows)
        spans.refresh(conn, "SELECT id FROM task")
        # The calendar years reports and the benchmark's writes (dated today) need, stored as
        # dondoc's own import stores them: a timed run never writes them into its input.
        last = max(max(due for *_, due in plan), date.today())
        workdays.load(conn, START, last)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    print(f"{path}: {tasks} tasks, {len(event_rows)} events, {units} units")


CSV_HEADER = ["directive", "issued", "code", "content", "unit", "leader", "officer", "due",
              "done", "done_ref"]


def _rows(rows: int, units: int, seed: int) -> Iterator[list[object]]:
    """The benchmark's task rows, dates as dates."""
    rng = random.Random(seed)
    for r in range(rows):
        d = r // 20 + 1
        issued = START + timedelta(days=(r // 20) % 500)
        due = issued + timedelta(days=rng.randint(10, 90))
        done = due + timedelta(days=rng.randint(-10, 10)) if rng.random() < 0.7 else None
        yield [
            f"{d}/KH-UBND", issued, r % 20 + 1, f"Nhiệm vụ số {r + 1}: báo cáo tiến độ thực hiện",
            f"Đơn vị số {rng.randint(1, units)}", f"Lãnh đạo {r % 40}",
            f"Chuyên viên {r % 300}", due, done if done and done <= AS_OF else None,
            "Báo cáo số 1/BC" if done else "",
        ]


def make_csv(path: Path, rows: int, units: int = 500, seed: int = 7) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        for row in _rows(rows, units, seed):
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v or ""
                             for v in row])
    print(f"{path}: {rows} rows")


def make_xlsx(path: Path, rows: int, units: int = 500, seed: int = 7) -> None:
    """The same rows as a workbook Excel saved: real date cells, text in the shared-strings
    table (openpyxl's write-only mode would write inline strings, which Excel never does)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhiệm vụ"
    sheet.append(CSV_HEADER)
    for row in _rows(rows, units, seed):
        sheet.append(row)
    book.save(path)
    print(f"{path}: {rows} rows")


def make_taskwarrior(data: Path, register: Path) -> None:
    """The register's tasks as Taskwarrior 2.6 holds them, to time `task overdue` on the same
    work: the tasks open and overdue as of AS_OF stay pending with their deadlines (so they are
    overdue today too); the ones open on time get deadlines years ahead, so they are not; the
    done ones are completed."""
    import json
    import os
    import shutil
    import subprocess
    import uuid

    from dondoc import reports

    assert shutil.which("task"), "install Taskwarrior first (apt-get install taskwarrior)"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    (data / "taskrc").write_text(f"data.location={data.resolve()}\nconfirmation=off\n"
                                 "verbose=nothing\n")

    def stamp(day: str) -> str:
        return day.replace("-", "") + "T000000Z"

    conn = db.connect(register)
    lines = []
    for row in reports.task_list(conn, AS_OF):
        task = {"uuid": str(uuid.uuid5(uuid.NAMESPACE_OID, str(row["id"]))),
                "description": row["content"], "project": f"d{row['directive']}".split("/")[0],
                "entry": stamp(row["assigned"]), "status": "pending"}
        if row["due"]:
            due = row["due"] if row["status"] != "open_on_time" else f"{int(row['due'][:4]) + 10}"\
                f"{row['due'][4:]}"
            task["due"] = stamp(due)
        if row["status"].startswith("done"):
            task.update(status="completed", end=stamp(row["done_on"]))
        lines.append(json.dumps(task, ensure_ascii=False))
    (data / "tasks.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(data / "taskrc"), "TASKDATA": str(data)}
    subprocess.run(["task", "import", str(data / "tasks.json")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{data}: {len(lines)} Taskwarrior tasks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["register", "csv", "xlsx", "taskwarrior"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--register", type=Path, help="taskwarrior: the register to copy")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--overdue", type=float, help="share of past-due tasks left open")
    parser.add_argument("--overdue-rows", type=int, help="aim at this many overdue tasks")
    parser.add_argument("--emails", action="store_true",
                        help="give each unit an e-mail, for `dondoc remind`")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.what == "register":
        make_register(args.file, args.tasks, args.units, args.overdue, args.overdue_rows,
                      emails=args.emails)
    elif args.what == "taskwarrior":
        make_taskwarrior(args.file, args.register)
    elif args.what == "xlsx":
        make_xlsx(args.file, args.rows, args.units)
    else:
        make_csv(args.file, args.rows, args.units)
    print(f"made in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
