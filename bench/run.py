"""Time whole `dondoc` processes, as a clerk or cron runs them: median of several runs.

    python bench/generate.py register bench/data/r10k.sqlite3 --tasks 10000 --overdue-rows 5000
    python bench/generate.py register bench/data/r1m.sqlite3 --tasks 1000000 --units 500 \\
        --overdue-rows 10000
    python bench/generate.py csv bench/data/1m.csv --rows 1000000
    python bench/generate.py xlsx bench/data/100k.xlsx --rows 100000
    python bench/generate.py taskwarrior bench/data/tw10k --register bench/data/r10k.sqlite3
    python bench/generate.py register bench/data/c10k.sqlite3 --tasks 12000 --units 500 \
        --overdue-rows 10060 --emails
    python bench/run.py [--runs 7] [--only-10k | --only-chase | --only-postgresql]

Run it with an installed (byte-compiled) dondoc first on PATH: it refuses an editable install
or a dondoc run from src/ (python3 -m venv /tmp/bench && /tmp/bench/bin/pip install . &&
PATH=/tmp/bench/bin:$PATH python bench/run.py). Figures the README quotes that this does not
print come from bench/oneoff.py. The sending row needs aiosmtpd where this script runs (pip
install aiosmtpd, or the test extra): the SMTP server runs in a thread of this script. The
PostgreSQL rows start a server on this machine (tests/pgserver.py: the machine's PostgreSQL
binaries) and copy the registers above into it with `dondoc db copy`.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
AS_OF = "30/06/2023"
MAIL_SETTINGS = DATA / "mail.toml"  # dondoc's settings for the sending row: DONDOC_CONFIG
OUT = DATA / "stdout.txt"  # every timed command's output goes to a real file: "> file"
TASKWARRIOR_MISSING = "Taskwarrior not installed: apt-get install taskwarrior"
C10K_MISSING = ("the chasing register missing: python bench/generate.py register "
                "bench/data/c10k.sqlite3 --tasks 12000 --units 500 --overdue-rows 10060 --emails")
AIOSMTPD_MISSING = "aiosmtpd not installed where bench/run.py runs: pip install aiosmtpd"
TW10K_MISSING = ("Taskwarrior's copy of the tasks missing: python bench/generate.py taskwarrior "
                 "bench/data/tw10k --register bench/data/r10k.sqlite3")


@dataclass
class Case:
    name: str
    command: list[str] | Callable[[int], list[str]]  # or run i's own command
    target: str = ""
    env: dict[str, str] | None = None
    status: int = 0
    before: Callable[[], object] | None = None  # untimed, before each run
    missing: str = ""  # why it cannot run: printed as its row, never dropped
    check: Callable[[], object] | None = None  # untimed, after each run: it did its work


def timed(case: Case, runs: int) -> float:
    """Median seconds of `runs` runs of the case's command (a write that can happen once per
    task gets a task of its own each time), stdout to a file, each expected to exit `status`."""
    times = []
    for i in range(runs):
        command = case.command(i) if callable(case.command) else case.command
        if case.before:
            case.before()
        with OUT.open("w") as out:
            started = time.perf_counter()
            done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=case.env)
            times.append(time.perf_counter() - started)
        assert done.returncode == case.status, (command, done.stderr)
        if case.check:
            case.check()
    return statistics.median(times)


def print_row(case: Case, runs: int) -> None:
    if case.missing:
        print(f"| **{case.name}: {case.missing}** | — | {case.target} |", flush=True)
    else:
        print(f"| {case.name} | {timed(case, runs):.3f} | {case.target} |", flush=True)


def taskwarrior_on(data: Path) -> tuple[str, dict[str, str] | None, str]:
    """(executable, environment, "") for Taskwarrior on the tasks in `data`, or why it cannot
    run as the third."""
    taskwarrior = shutil.which("task")
    if not taskwarrior:
        return "", None, TASKWARRIOR_MISSING
    if not data.exists():
        return "", None, TW10K_MISSING
    env = {**os.environ, "TASKRC": str(data / "taskrc"), "TASKDATA": str(data)}
    return taskwarrior, env, ""


def write_cases(dondoc: str, runs: int) -> list[Case]:
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
    cases = [
        Case("10k tasks: task add (10 working days)",
             lambda i: [*d, "task", "add", "1/QĐ-UBND", f"Việc bổ sung {i}", "--unit", "U1",
                        "--due", "10wd"], target),
        Case("10k tasks: progress", lambda i: [*d, "progress", ids[0][i], "Đã họp triển khai"],
             target),
        Case("10k tasks: done", lambda i: [*d, "done", ids[1][i]], target),
        Case("10k tasks: extend", lambda i: [*d, "extend", ids[2][i], "--to", "31/12/2099"],
             target),
        Case("10k tasks: cancel", lambda i: [*d, "cancel", ids[3][i]], target),
        Case("10k tasks: reopen", lambda i: [*d, "reopen", ids[3][i]], target),
        Case("10k tasks: unit add",
             lambda i: [*d, "unit", "add", f"Đơn vị bổ sung {i}", "--code", f"BS{i}"], target),
        Case("10k tasks: directive add",
             lambda i: [*d, "directive", "add", f"{i}/KH-BENCH", "--issued", "01/06/2023"],
             target),
        Case("10k tasks: done on an unknown task (refused)", [*d, "done", "999999"],
             "as fast as done", status=1),
    ]
    scratch = DATA / "tw10k-writes"
    shutil.rmtree(scratch, ignore_errors=True)
    if (DATA / "tw10k").exists():
        shutil.copytree(DATA / "tw10k", scratch)
        (scratch / "taskrc").write_text(f"data.location={scratch.resolve()}\n"
                                        "confirmation=off\nverbose=nothing\n")
    taskwarrior, env, missing = taskwarrior_on(scratch)
    return [
        *cases,
        Case("the same 10k tasks: Taskwarrior `task add`",
             lambda i: [taskwarrior, "add", f"Việc bổ sung {i}", "due:2023-07-15"], env=env,
             missing=missing),
        Case("the same 10k tasks: Taskwarrior `task ID annotate`",
             lambda i: [taskwarrior, str(i + 1), "annotate", "Đã họp triển khai"], env=env,
             missing=missing),
        Case("the same 10k tasks: Taskwarrior `task ID done`",
             lambda i: [taskwarrior, str(100 + i), "done"], env=env, missing=missing),
    ]


def cold_cases(dondoc: str) -> list[Case]:
    """What a new user meets: the first command on a register just made, copied (or created)
    afresh before each run."""
    cold = DATA / "cold10k.sqlite3"
    new = DATA / "new.sqlite3"
    return [
        Case("cold: a copy of the 10k register just made, its first overdue > file",
             [dondoc, "--db", str(cold), "overdue", "--as-of", AS_OF], "≤ 0.4",
             before=lambda: shutil.copy(DATA / "r10k.sqlite3", fresh(cold))),
        Case("cold: no register yet, directive add (creates it)",
             [dondoc, "--db", str(new), "directive", "add", "1/KH-BENCH", "--issued",
              "01/06/2023"], "≤ 0.3", before=lambda: fresh(new)),
    ]


class Received:
    """An SMTP server's side that counts the messages it accepted (aiosmtpd's handler)."""

    def __init__(self) -> None:
        self.messages = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages += 1
        return "250 Message accepted for delivery"


def smtp_server() -> tuple[Received | None, str]:
    """A counting SMTP server on localhost in a thread of this script, until it exits, and
    dondoc's settings file pointing at it; or why there is none."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        return None, AIOSMTPD_MISSING
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = Received()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    atexit.register(controller.stop)
    MAIL_SETTINGS.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                             'sender = "Văn phòng UBND <vanthu@bench.example.vn>"\n',
                             encoding="utf-8")
    return received, ""


def chase_cases(dondoc: str) -> list[Case]:
    """`remind` on 500 units with 10,000 overdue tasks (c10k.sqlite3, every unit with an
    e-mail): one message per unit written to a folder, and sent to an SMTP server on localhost,
    each sending run on a fresh copy of the register (a unit reminded is skipped the same day)."""
    source, register, out = DATA / "c10k.sqlite3", DATA / "chase10k.sqlite3", DATA / "remind"
    missing = "" if source.exists() else C10K_MISSING
    units = 0  # each has an e-mail and overdue tasks: one message each
    if source.exists():
        with closing(sqlite3.connect(source)) as conn:
            units = conn.execute("SELECT count(*) FROM unit WHERE email IS NOT NULL").fetchone()[0]
    received, why = smtp_server() if source.exists() else (None, "")
    env = {**os.environ, "DONDOC_CONFIG": str(MAIL_SETTINGS)}
    sent = [0]  # messages the server should have by now

    def written() -> None:
        assert len(list(out.glob("*.eml"))) == units, "not one .eml per unit"

    def copied() -> None:
        shutil.copy(source, fresh(register))

    def delivered() -> None:
        sent[0] += units
        assert received is not None and received.messages == sent[0], "not one message a unit"

    return [  # --out only reads the register
        Case("500 units, 10k overdue tasks: remind --out DIR (500 .eml)",
             [dondoc, "--db", str(source), "remind", "--as-of", AS_OF, "--out", str(out)],
             "≤ 5", env, before=lambda: shutil.rmtree(out, ignore_errors=True),
             missing=missing, check=written),
        Case("500 units, 10k overdue tasks: remind, sent to an SMTP server on localhost",
             [dondoc, "--db", str(register), "remind", "--as-of", AS_OF], "≤ 20", env,
             before=copied, missing=missing or why, check=delivered),
    ]


def interpreter(executable: str) -> str:
    """The Python that runs a console script: its #! line."""
    with open(executable, "rb") as script:
        first = script.readline().decode()
    assert first.startswith("#!"), f"{executable} is not a Python console script"
    return first[2:].strip()


PROBE = """import dondoc, importlib.metadata, json, pathlib, platform, site, sqlite3
places = site.getsitepackages()
here = pathlib.Path(dondoc.__file__).resolve()
finders = [str(p) for d in places for p in pathlib.Path(d).glob("__editable__*dondoc*")]
print(json.dumps({"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                  "dondoc": importlib.metadata.version("dondoc"), "file": str(here),
                  "installed": any(here.is_relative_to(pathlib.Path(d).resolve())
                                   for d in places) and not finders,
                  "finders": finders}))
"""


def environment(dondoc: str) -> dict[str, Any]:
    """Versions of what runs `dondoc`, and whether it is the installed package."""
    out = subprocess.run([interpreter(dondoc), "-c", PROBE], capture_output=True, text=True,
                         check=True).stdout
    found: dict[str, Any] = json.loads(out)
    return found


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        model = names[0] if names else model
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())  # the machine is shared
    return f"{model}, {os.cpu_count()} cores, {platform.platform()}, load average {load}"


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
    parser.add_argument("--only-chase", action="store_true",
                        help="only `remind` on 500 units with 10,000 overdue tasks")
    parser.add_argument("--only-postgresql", action="store_true",
                        help="only the rows on a PostgreSQL server")
    args = parser.parse_args()
    dondoc = shutil.which("dondoc")
    assert dondoc, "install dondoc first: pip install ."
    found = environment(dondoc)
    if not found["installed"]:
        editable = f" (editable: {', '.join(found['finders'])})" if found["finders"] else ""
        sys.exit(f"REFUSED: {dondoc} runs dondoc from {found['file']}{editable}, not the "
                 "installed package. Time an installed one: python3 -m venv /tmp/bench && "
                 "/tmp/bench/bin/pip install . && PATH=/tmp/bench/bin:$PATH python bench/run.py")
    r10k, r1m, csv1m = DATA / "r10k.sqlite3", DATA / "r1m.sqlite3", DATA / "1m.csv"
    overdue_10k = [dondoc, "--db", str(r10k), "overdue", "--as-of", AS_OF]
    taskwarrior, env, missing = taskwarrior_on(DATA / "tw10k")
    cases = [
        Case("dondoc --help", [dondoc, "--help"], "≤ 0.2"),
        Case("10k tasks: overdue > file", overdue_10k, "≤ 0.4"),
        Case("the same 10k tasks: Taskwarrior 2.6 `task overdue > file`",
             [taskwarrior, "overdue"], "dondoc no slower", env, missing=missing),
        Case("10k tasks: overdue --format csv > file", [*overdue_10k, "--format", "csv"],
             "≤ 0.4"),
        Case("10k tasks: completion > file",
             [dondoc, "--db", str(r10k), "completion", "--as-of", AS_OF], "≤ 0.3"),
        *cold_cases(dondoc),
    ]
    if r1m.exists() and not args.only_10k:
        cases += [
            Case("1M tasks: overdue --format csv > file",
                 [dondoc, "--db", str(r1m), "overdue", "--as-of", AS_OF, "--format", "csv"],
                 "≤ 1.5"),
            Case("1M tasks: completion --by unit > file",
                 [dondoc, "--db", str(r1m), "completion", "--as-of", AS_OF], "≤ 1.0"),
        ]
    tw = missing
    if taskwarrior:
        tw = "Taskwarrior " + subprocess.run([taskwarrior, "--version"], capture_output=True,
                                             text=True, env=env).stdout.strip()
    print(f"machine: {machine()}\n"
          f"dondoc {found['dondoc']} from {found['file']}: Python {found['python']}, "
          f"SQLite {found['sqlite']}; {tw}\n"
          f"median of {args.runs} runs, each command's output to a file\n")
    print("| command | seconds | target |")
    print("| --- | ---: | ---: |")
    if args.only_postgresql:
        postgresql_rows(dondoc, args.runs, r10k, r1m, csv1m)
        return
    chasing = chase_cases(dondoc)
    if args.only_chase:
        for case in chasing:
            print_row(case, args.runs)
        return
    for case in cases + chasing + write_cases(dondoc, args.runs):
        print_row(case, args.runs)
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
    postgresql_rows(dondoc, args.runs, r10k, r1m, csv1m)
    sys.stdout.flush()


def postgresql_rows(dondoc: str, runs: int, r10k: Path, r1m: Path, csv1m: Path) -> None:
    """The same registers on a PostgreSQL server on this machine: the reports, an import, and
    20 clients writing at once."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    import pgserver

    server = pgserver.start()
    atexit.register(server.stop)
    base = server.dsn.rsplit("/", 1)[0]

    def sql(dsn: str, statement: str) -> None:
        subprocess.run([str(server.bin / "psql"), dsn, "-qc", statement], check=True,
                       capture_output=True)

    def database(name: str) -> str:
        sql(server.dsn, f"CREATE DATABASE {name}")
        return f"{base}/{name}"

    # The server's own upkeep after a bulk write (autovacuum: a million tasks' tables take it
    # a minute) must not run under the next measurement: after a copy, VACUUM ANALYZE, as an
    # administrator does after a bulk load; after an import, its database goes.
    def drop(dsn: str) -> None:
        sql(server.dsn, f"DROP DATABASE {dsn.rsplit('/', 1)[1]}")

    print(f"\nPostgreSQL {pgserver.version(server.bin)} on this machine (tests/pgserver.py)\n")
    print("| command | seconds | target |")
    print("| --- | ---: | ---: |")
    registers: list[tuple[str, Path, str | None, str | None, str | None]] = [
        ("10k", r10k, "≤ 0.5", None, None)]
    if r1m.exists():
        registers.append(("1M", r1m, None, "≤ 1.5", "≤ 1.0"))
    for size, register, overdue_target, csv_target, completion_target in registers:
        target = database(f"r{size.lower()}")
        seconds, _ = measured([dondoc, "db", "copy", str(register), target])
        print(f"| db copy: the {size} register from SQLite | {seconds:.1f} | |", flush=True)
        sql(target, "VACUUM ANALYZE")
        overdue = [dondoc, "--db", target, "overdue", "--as-of", AS_OF]
        cases = [Case(f"{size} tasks: overdue > file", overdue, overdue_target or ""),
                 Case(f"{size} tasks: overdue --format csv > file", [*overdue, "--format", "csv"],
                      csv_target or ""),
                 Case(f"{size} tasks: completion --by unit > file",
                      [dondoc, "--db", target, "completion", "--as-of", AS_OF],
                      completion_target or "")]
        for case in cases:
            print_row(case, runs)
    if csv1m.exists():
        rows = 100_000
        part = DATA / "100k.csv"
        with csv1m.open(encoding="utf-8-sig") as source, part.open("w") as head:
            for _ in range(rows + 1):
                head.write(source.readline())
        # Into a new database each time, three times (a few seconds each): the median.
        def into_new(run: int) -> tuple[float, float]:
            target = database(f"imported{run}")
            result = measured([dondoc, "--db", target, "import", str(part), "--create-units"])
            drop(target)
            return result

        seconds, peak = sorted(into_new(run) for run in range(3))[1]
        print(f"| import {rows:,} CSV rows (median of 3) | {seconds:.1f} "
              f"({rows / seconds:,.0f} rows/s, peak {peak:.0f} MB) | ≥ 20,000 rows/s |",
              flush=True)
        # The same rows into a register that has their directives (one task each, from the
        # file's first row of each): the staging table's way, not the batches'.
        firsts = DATA / "100k-firsts.csv"
        with part.open(encoding="utf-8-sig") as source, firsts.open("w") as out:
            seen: set[str] = set()
            for line in source:
                number = line.split(",", 1)[0]
                if number not in seen:
                    seen.add(number)
                    out.write(line)

        def into_known(run: int) -> tuple[float, float]:
            target = database(f"known{run}")
            subprocess.run([dondoc, "--db", target, "import", str(firsts), "--create-units"],
                           check=True, capture_output=True)
            result = measured([dondoc, "--db", target, "import", str(part)])
            drop(target)
            return result

        seconds, peak = sorted(into_known(run) for run in range(3))[1]
        print(f"| the same rows, their {len(seen) - 1:,} directives in the register already "
              f"(median of 3) | {seconds:.1f} ({rows / seconds:,.0f} rows/s, peak {peak:.0f} MB) "
              f"| |", flush=True)
    writers = database("writers")
    subprocess.run([dondoc, "db", "copy", str(r10k), writers], check=True, capture_output=True)
    seconds, done, failed = many_writers(writers, clients=20, operations=10_000)
    print(f"| 20 clients writing at once: {done:,} progress notes | {seconds:.1f} "
          f"({done / seconds:,.0f} writes/s, {failed} failed) | none lost, none failed |",
          flush=True)


def many_writers(dsn: str, clients: int, operations: int) -> tuple[float, int, int]:
    """`clients` threads, each with its own connection, recording `operations` progress notes
    between them on the register's open tasks, one transaction each. Seconds, notes recorded
    (counted in the register), writes that failed."""
    import threading
    from datetime import date

    from dondoc.clerk import writes
    from dondoc.register import db
    from dondoc.register.status import EventKind

    conn = db.connect(dsn)
    before = conn.execute("SELECT count(*) FROM event").fetchone()[0]
    open_ids = [str(i) for (i,) in conn.execute(
        "SELECT task_id FROM task_span WHERE valid_to = '9999-12-31' AND state = 'open' "
        "ORDER BY task_id LIMIT 1000")]
    failures: list[BaseException] = []

    def client(number: int) -> None:
        mine = db.connect(dsn)
        try:
            for n in range(number, operations, clients):
                with db.transaction(mine):
                    writes.record(mine, open_ids[n % len(open_ids)], EventKind.PROGRESS,
                                  date(2023, 6, 1), date(2023, 6, 30), note=f"{number}/{n}")
        except BaseException as exc:  # noqa: BLE001 - counted and shown
            failures.append(exc)
        finally:
            mine.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    done = conn.execute("SELECT count(*) FROM event").fetchone()[0] - before
    conn.close()
    for failure in failures[:3]:
        print(f"  a writer failed: {failure!r}", file=sys.stderr)
    return seconds, done, len(failures)


if __name__ == "__main__":
    main()
