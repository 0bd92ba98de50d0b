"""Time whole `dondoc` processes, as a clerk or cron runs them: median of several runs.

    python bench/generate.py register bench/data/r10k.sqlite3 --tasks 10000 --overdue-rows 5000
    python bench/generate.py register bench/data/r1m.sqlite3 --tasks 1000000 --units 500 \\
        --overdue-rows 10000
    python bench/generate.py csv bench/data/1m.csv --rows 1000000
    python bench/run.py [--runs 7]

Run it with an installed (byte-compiled) dondoc on PATH, not an editable one.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).parent / "data"
AS_OF = "30/06/2023"


def timed(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    dondoc = shutil.which("dondoc")
    assert dondoc, "install dondoc first: pip install ."
    r10k, r1m, csv1m = DATA / "r10k.sqlite3", DATA / "r1m.sqlite3", DATA / "1m.csv"
    cases = [
        ("dondoc --help", [dondoc, "--help"], 0.2),
        ("10k tasks: overdue > file", [dondoc, "--db", str(r10k), "overdue", "--as-of", AS_OF],
         0.4),
        ("10k tasks: overdue --format csv", [dondoc, "--db", str(r10k), "overdue", "--as-of",
                                             AS_OF, "--format", "csv"], 0.4),
        ("10k tasks: completion", [dondoc, "--db", str(r10k), "completion", "--as-of", AS_OF],
         0.3),
    ]
    if r1m.exists():
        cases += [
            ("1M tasks: overdue --format csv", [dondoc, "--db", str(r1m), "overdue", "--as-of",
                                                AS_OF, "--format", "csv"], 1.5),
            ("1M tasks: completion --by unit", [dondoc, "--db", str(r1m), "completion",
                                                "--as-of", AS_OF], 1.0),
        ]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; median of {args.runs} runs\n")
    print("| command | seconds | target |")
    print("| --- | ---: | ---: |")
    for name, command, target in cases:
        print(f"| {name} | {timed(command, args.runs):.3f} | ≤ {target} |", flush=True)
    if csv1m.exists():
        target_db = DATA / "import.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target_db) + suffix).unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run([dondoc, "--db", str(target_db), "import", str(csv1m), "--create-units"],
                       stdout=subprocess.DEVNULL, check=True)
        seconds = time.perf_counter() - started
        rows = sum(1 for _ in csv1m.open(encoding="utf-8-sig")) - 1
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"| import {rows:,} rows | {seconds:.1f} ({rows / seconds:,.0f} rows/s, "
              f"peak {peak:.0f} MB) | ≥ 100,000 rows/s, ≤ 150 MB |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
