"""The README's one-off figures, each printed by one command, run with the installed dondoc's
Python, the venv bench/run.py times (/tmp/bench/bin/python bench/oneoff.py split):

    python bench/oneoff.py sqlmodel     SQLModel's import, on its own
    python bench/oneoff.py typer029     `--help` as pinned, and with Typer 0.29 (a /tmp venv)
    python bench/oneoff.py split        where `overdue` on the 10k register spends its time
    python bench/oneoff.py xlsx-read    calamine and openpyxl reading bench/data/100k.xlsx
    python bench/oneoff.py xlsx-write   `dondoc export -o x.xlsx` of the 10k register, rows/s
    python bench/oneoff.py cold         run.py's cold overdue row and the warm one, alternated
    python bench/oneoff.py m002         m002's span rebuild on a copy of the 10k register

The data come from bench/generate.py (see bench/run.py); medians of 7 unless said.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
AS_OF = date(2023, 6, 30)
RUNS = 7


def installed_dondoc() -> str:
    """The dondoc beside this Python (the venv's), else the one on PATH."""
    dondoc = (shutil.which("dondoc", path=str(Path(sys.executable).parent))
              or shutil.which("dondoc"))
    assert dondoc, "install dondoc first"
    return dondoc


def median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def python_seconds(code: str) -> float:
    """Median seconds of a fresh `python -c code` under this interpreter."""
    return median_seconds(lambda: subprocess.run([sys.executable, "-c", code], check=True))


def sqlmodel() -> None:
    print(f"import sqlmodel: {python_seconds('import sqlmodel') - python_seconds('pass'):.3f} s "
          "(python -c 'import sqlmodel' less python -c pass)")


def typer029() -> None:
    """`dondoc --help` installed as pinned, and in a venv of its own with Typer 0.29."""
    venv = Path("/tmp/dondoc-typer029")
    if not (venv / "bin" / "dondoc").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "-q"]
        subprocess.run([*pip, str(Path(__file__).parent.parent)], check=True)
        subprocess.run([*pip, "typer>=0.29,<0.30"], check=True)  # over the pin, on purpose
    pinned = installed_dondoc()
    for _ in range(2):  # alternated, twice: this machine is shared
        for name, dondoc in (("pinned", pinned), ("Typer 0.29", str(venv / "bin" / "dondoc"))):
            seconds = median_seconds(partial(subprocess.run, [dondoc, "--help"], check=True,
                                             stdout=subprocess.DEVNULL))
            print(f"dondoc --help, {name}: {seconds:.3f} s")


def split() -> None:
    """`overdue` as of 30/06/2023 on the 10k register, in the process: the SQL and its rows,
    the working-day counts, then the table as written to a file."""
    from dondoc import reports
    from dondoc.cli.render import Format, render
    from dondoc.cli.reports import OVERDUE_COLUMNS
    from dondoc.register import db

    conn = db.connect(DATA / "r10k.sqlite3")
    task_rows = reports._task_rows
    sql: list[float] = []

    def timed_rows(*args: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        rows = task_rows(*args)
        sql.append(time.perf_counter() - started)
        return rows

    reports._task_rows = timed_rows  # type: ignore[assignment]
    rows: list[dict[str, Any]] = []

    def report() -> None:
        rows[:] = reports.overdue(conn, AS_OF)

    whole = median_seconds(report)
    shown = median_seconds(lambda: render(rows, OVERDUE_COLUMNS, Format.TABLE, "vi",
                                          out=io.StringIO()))
    query = statistics.median(sql)
    print(f"{len(rows):,} overdue rows: SQLite and its rows {query * 1000:.0f} ms, "
          f"working days {(whole - query) * 1000:.0f} ms, rendering the table "
          f"{shown * 1000:.0f} ms")


def xlsx_read() -> None:
    """Each reader dondoc has, reading the 100k-row workbook whole (once each: openpyxl is slow)."""
    from dondoc.sheets import formats as sheets

    path = str(DATA / "100k.xlsx")
    for name, reader in (("calamine", sheets._calamine), ("openpyxl", sheets._openpyxl)):
        started = time.perf_counter()
        with open(path, "rb") as source, reader(path, source, None) as (rows, _):
            count = sum(1 for _ in rows)
        print(f"{name}: {count:,} rows in {time.perf_counter() - started:.1f} s")


def xlsx_write() -> None:
    dondoc = installed_dondoc()
    out = DATA / "export.xlsx"
    register = DATA / "r10k.sqlite3"
    seconds = median_seconds(lambda: subprocess.run(
        [dondoc, "--db", str(register), "export", "-o", str(out), "--quiet"], check=True), 3)
    out.unlink()
    tasks = sqlite3.connect(register).execute("SELECT count(*) FROM task").fetchone()[0]
    print(f"export {tasks:,} tasks as XLSX: {seconds:.1f} s ({tasks / seconds:,.0f} rows/s, "
          "median of 3)")


def cold() -> None:
    """The cold row of bench/run.py beside the warm one, alternated three times: on this shared
    machine two rows of one run can differ by the hour's load alone."""
    import run

    dondoc = installed_dondoc()
    warm = run.Case("warm", [dondoc, "--db", str(DATA / "r10k.sqlite3"), "overdue", "--as-of",
                             run.AS_OF])
    for _ in range(3):
        print(f"overdue on 10k tasks, cold: {run.timed(run.cold_cases(dondoc)[0], RUNS):.3f} s, "
              f"warm: {run.timed(warm, RUNS):.3f} s")


def m002() -> None:
    """m002's work (copy every span joined with its task into a new table, then its index) on
    a copy of the 10k register, in one transaction; scaled to a million tasks, an estimate."""
    from dondoc.register import migrations

    copy = DATA / "m002.sqlite3"
    script = "\n".join(line.split("--")[0]  # comments hold semicolons
                       for line in migrations.M002_SPAN_KEYS.splitlines())
    steps = [s for s in script.split(";")
             if s.strip() and "DROP INDEX" not in s]  # those indexes are gone already

    def rebuild() -> None:
        shutil.copy(DATA / "r10k.sqlite3", copy)
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("PRAGMA legacy_alter_table = ON")  # later triggers name task_span
        started = time.perf_counter()
        conn.execute("BEGIN")
        for step in steps:
            conn.execute(step)
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
        conn.close()

    times: list[float] = []
    for _ in range(RUNS):
        rebuild()
    tasks = sqlite3.connect(copy).execute("SELECT count(*) FROM task").fetchone()[0]
    copy.unlink()
    seconds = statistics.median(times)
    print(f"m002 on {tasks:,} tasks: {seconds:.2f} s, about {seconds * 1e6 / tasks:.0f} s "
          "for a million (scaled linearly)")


FIGURES = {"sqlmodel": sqlmodel, "typer029": typer029, "split": split, "xlsx-read": xlsx_read,
           "xlsx-write": xlsx_write, "cold": cold, "m002": m002}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in FIGURES:
        sys.exit(__doc__)
    FIGURES[sys.argv[1]]()
