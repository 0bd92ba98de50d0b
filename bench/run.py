"""Time whole `dondoc` processes, as a clerk or cron runs them: median of several runs.

    python bench/generate.py register bench/data/r10k.sqlite3 --tasks 10000 --overdue-rows 5000
    python bench/generate.py register bench/data/r1m.sqlite3 --tasks 1000000 --units 500 \\
        --overdue-rows 10000
    python bench/generate.py csv bench/data/1m.csv --rows 1000000
    python bench/generate.py xlsx bench/data/100k.xlsx --rows 100000
    python bench/generate.py taskwarrior bench/data/tw10k --register bench/data/r10k.sqlite3
    python bench/run.py [--runs 7] [--only-10k]

Run it with an installed (byte-compiled) dondoc on PATH, not an editable one.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
AS_OF = "30/06/2023"


def timed(args: list[str] | Callable[[int], list[str]], runs: int,
          env: dict[str, str] | None = None, status: int = 0) -> float:
    """Median seconds of `runs` runs of `args` (or of `args(i)` for run i: a write that can
    happen once per task gets a task of its own each time), each expected to exit `status`."""
    times = []
    for i in range(runs):
        command = args(i) if callable(args) else args
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env)
        times.append(time.perf_counter() - started)
        assert done.returncode == status, (command, done.stderr)
    return statistics.median(times)


def write_cases(dondoc: str, runs: int) -> list[tuple[str, Any, str, dict[str, str] | None, int]]:
    """The clerk's everyday writes on a copy of the 10k register, each on tasks of its own,
    beside Taskwarrior's add / annotate / done on a copy of the same tasks."""
    register = DATA / "w10k.sqlite3"
    shutil.copy(DATA / "r10k.sqlite3", fresh(register))
    conn = sqlite3.connect(register)
    open_ids = [str(i) for (i,) in conn.execute(
        "SELECT task_id FROM task_span WHERE valid_to = '9999-12-31' AND state = 'open' "
        "ORDER BY task_id")]
    conn.close()
    assert len(open_ids) >= 4 * runs
    ids = [open_ids[k * runs:(k + 1) * runs] for k in range(4)]
    d = [dondoc, "--db", str(register)]
    target = "≤ 1.5 × --help, ≤ 0.3"
    cases: list[tuple[str, Any, str, dict[str, str] | None, int]] = [
        ("10k tasks: task add (10 working days)",
         lambda i: [*d, "task", "add", "1/QĐ-UBND", f"Việc bổ sung {i}", "--unit", "U1",
                    "--due", "10wd"], target, None, 0),
        ("10k tasks: progress", lambda i: [*d, "progress", ids[0][i], "Đã họp triển khai"],
         target, None, 0),
        ("10k tasks: done", lambda i: [*d, "done", ids[1][i]], target, None, 0),
        ("10k tasks: extend", lambda i: [*d, "extend", ids[2][i], "--to", "31/12/2099"],
         target, None, 0),
        ("10k tasks: cancel", lambda i: [*d, "cancel", ids[3][i]], target, None, 0),
        ("10k tasks: reopen", lambda i: [*d, "reopen", ids[3][i]], target, None, 0),
        ("10k tasks: unit add", lambda i: [*d, "unit", "add", f"Đơn vị bổ sung {i}", "--code",
                                            f"BS{i}"], target, None, 0),
        ("10k tasks: directive add", lambda i: [*d, "directive", "add", f"{i}/KH-BENCH",
                                                 "--issued", "01/06/2023"], target, None, 0),
        ("10k tasks: done on an unknown task (refused)", [*d, "done", "999999"],
         "as fast as done", None, 1),
    ]
    taskwarrior, tw10k = shutil.which("task"), DATA / "tw10k"
    if taskwarrior and tw10k.exists():
        scratch = DATA / "tw10k-writes"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(tw10k, scratch)
        (scratch / "taskrc").write_text(f"data.location={scratch.resolve()}\n"
                                        "confirmation=off\nverbose=nothing\n")
        env = {**os.environ, "TASKRC": str(scratch / "taskrc"), "TASKDATA": str(scratch)}
        cases += [
            ("the same 10k tasks: Taskwarrior `task add`",
             lambda i: [taskwarrior, "add", f"Việc bổ sung {i}", "due:2023-07-15"], "", env, 0),
            ("the same 10k tasks: Taskwarrior `task ID annotate`",
             lambda i: [taskwarrior, str(i + 1), "annotate", "Đã họp triển khai"], "", env, 0),
            ("the same 10k tasks: Taskwarrior `task ID done`",
             lambda i: [taskwarrior, str(100 + i), "done"], "", env, 0),
        ]
    return cases


def measured(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one run of `args`, its peak measured alone (a child of a child)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
             "print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1])


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def csv_to_sqlite_rows_per_second(path: Path) -> float:
    """The floor under any import on this machine: Python's csv reader feeding executemany into
    one table with no index, no checks and no history."""
    target = DATA / "floor.sqlite3"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(header)))})")
        conn.execute("BEGIN")
        cursor = conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(header))})",
                                  reader)
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    target.unlink()
    return cursor.rowcount / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only-10k", action="store_true",
                        help="only the 10k-task register: the commands, not the big files")
    args = parser.parse_args()
    dondoc = shutil.which("dondoc")
    assert dondoc, "install dondoc first: pip install ."
    r10k, r1m, csv1m = DATA / "r10k.sqlite3", DATA / "r1m.sqlite3", DATA / "1m.csv"
    overdue_10k = [dondoc, "--db", str(r10k), "overdue", "--as-of", AS_OF]
    # (what, command, target, environment)
    cases: list[tuple[str, list[str], str, dict[str, str] | None]] = [
        ("dondoc --help", [dondoc, "--help"], "≤ 0.2", None),
        ("10k tasks: overdue > file", overdue_10k, "≤ 0.4", None),
        ("10k tasks: overdue --format csv", [*overdue_10k, "--format", "csv"], "≤ 0.4", None),
        ("10k tasks: completion", [dondoc, "--db", str(r10k), "completion", "--as-of", AS_OF],
         "≤ 0.3", None),
    ]
    taskwarrior, tw10k = shutil.which("task"), DATA / "tw10k"
    if taskwarrior and tw10k.exists():
        tw_env = {**os.environ, "TASKRC": str(tw10k / "taskrc"), "TASKDATA": str(tw10k)}
        cases.insert(2, ("the same 10k tasks: Taskwarrior 2.6 `task overdue > file`",
                         [taskwarrior, "overdue"], "dondoc no slower", tw_env))
    if r1m.exists() and not args.only_10k:
        cases += [
            ("1M tasks: overdue --format csv", [dondoc, "--db", str(r1m), "overdue", "--as-of",
                                                AS_OF, "--format", "csv"], "≤ 1.5", None),
            ("1M tasks: completion --by unit", [dondoc, "--db", str(r1m), "completion",
                                                "--as-of", AS_OF], "≤ 1.0", None),
        ]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; median of {args.runs} runs\n")
    print("| command | seconds | target |")
    print("| --- | ---: | ---: |")
    for name, command, target, env in cases:
        print(f"| {name} | {timed(command, args.runs, env):.3f} | {target} |", flush=True)
    for name, command, target, env, status in write_cases(dondoc, args.runs):
        seconds = timed(command, args.runs, env, status)
        print(f"| {name} | {seconds:.3f} | {target} |", flush=True)
    if args.only_10k:
        return
    if csv1m.exists():
        target_db = fresh(DATA / "import.sqlite3")
        rows = sum(1 for _ in csv1m.open(encoding="utf-8-sig")) - 1
        seconds, peak = measured([dondoc, "--db", str(target_db), "import", str(csv1m),
                                  "--create-units"])
        print(f"| import {rows:,} CSV rows | {seconds:.1f} ({rows / seconds:,.0f} rows/s, "
              f"peak {peak:.0f} MB) | ≥ 100,000 rows/s, ≤ 150 MB |", flush=True)
        seconds, _ = measured([dondoc, "--db", str(target_db), "import", str(csv1m)])
        print(f"| the same file again (nothing changes) | {seconds:.1f} "
              f"({rows / seconds:,.0f} rows/s) | |", flush=True)
        for fmt in ("csv", "jsonl"):
            exported = DATA / f"export.{fmt}"
            seconds, peak = measured([dondoc, "--db", str(target_db), "export", "-o",
                                      str(exported)])
            print(f"| export those {rows:,} tasks as {fmt.upper()} | {seconds:.1f} "
                  f"({rows / seconds:,.0f} rows/s, peak {peak:.0f} MB) | "
                  f"{'≥ 100,000 rows/s' if fmt == 'csv' else ''} |", flush=True)
            exported.unlink()
        floor = csv_to_sqlite_rows_per_second(csv1m)
        print(f"| for scale: csv.reader -> executemany into one bare table | "
              f"({floor:,.0f} rows/s) | |")
    xlsx = DATA / "100k.xlsx"
    if xlsx.exists():
        target_db = fresh(DATA / "xlsx.sqlite3")
        rows = 100_000
        seconds, peak = measured([dondoc, "--db", str(target_db), "import", str(xlsx),
                                  "--create-units"])
        print(f"| import a {rows:,}-row XLSX workbook | {seconds:.1f} ({rows / seconds:,.0f} "
              f"rows/s, peak {peak:.0f} MB) | ≥ 20,000 rows/s |", flush=True)
        same_csv = DATA / "100k.csv"
        with csv1m.open(encoding="utf-8-sig") as source, same_csv.open("w") as head:
            for _ in range(rows + 1):
                head.write(source.readline())
        seconds, _ = measured([dondoc, "--db", str(fresh(DATA / "xlsx-csv.sqlite3")),
                               "import", str(same_csv), "--create-units"])
        print(f"| the same {rows:,} rows as CSV | {seconds:.1f} ({rows / seconds:,.0f} rows/s) "
              f"| |", flush=True)
        out = DATA / "export.xlsx"
        seconds, peak = measured([dondoc, "--db", str(target_db), "export", "-o", str(out)])
        print(f"| export those {rows:,} tasks as XLSX | {seconds:.1f} ({rows / seconds:,.0f} "
              f"rows/s, peak {peak:.0f} MB) | |", flush=True)
        out.unlink()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
