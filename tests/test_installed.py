"""The installed `dondoc` command as a shell or cron would run it, and the project's checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.sqlite_only  # the installed dondoc on its own register files

DONDOC = shutil.which("dondoc") or "dondoc"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_demo_prints_the_morning_table(example_register: Path) -> None:
    printed = example_register.with_suffix(".stdout").read_text(encoding="utf-8")
    lines = printed.splitlines()
    table = lines[lines.index("As of 20/02/2023"):]
    assert table[1].split()[:3] == ["ID", "Directive", "Code"]
    assert "Đã kiểm đếm 85% diện tích" in table[3]  # the latest progress note, most late first
    assert "\x1b[" not in printed


def test_errors_go_to_stderr_with_exit_codes(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite3")
    assert run(DONDOC, "--db", db, "init").returncode == 0
    result = run(DONDOC, "--db", db, "task", "show", "7")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "dondoc: error: no task '7' (see `dondoc task list`)\n"
    result = run(DONDOC, "--db", db, "overdue", "--bogus")
    assert result.returncode == 2 and "No such option" in result.stderr


def test_database_from_environment_and_python_m(tmp_path: Path) -> None:
    env = {**os.environ, "DONDOC_DB": str(tmp_path / "env.sqlite3"), "DONDOC_LANG": "vi"}
    result = run(sys.executable, "-m", "dondoc", "init", env=env)
    assert result.stderr == f"đã tạo sổ theo dõi mới tại {tmp_path / 'env.sqlite3'}\n"
    result = run(sys.executable, "-m", "dondoc", "overdue", "--as-of", "01/01/2023", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Không có nhiệm vụ quá hạn tính đến 01/01/2023.\n"


def test_the_readme_deadline_examples_run_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- deadlines-example -->", 1)[1].split("```sh\n", 1)[1]
    script = block.split("```", 1)[0].replace("/tmp/dondoc-deadlines.sqlite3",
                                             str(tmp_path / "deadlines.sqlite3"))
    env = {**os.environ, "DONDOC_LANG": "en"}
    env.pop("DONDOC_DB", None)
    result = run("bash", "-euo", "pipefail", "-c", script, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Due as written:   10 ngày làm việc" in result.stdout
    assert "Original due:     09/02/2023" in result.stdout  # Tết Quý Mão skipped
    assert "26/01/2023  Thursday   Day off  Mùng năm Tết Nguyên Đán" in result.stdout
    assert "12/TB-UBND   10/2023-Q3" in result.stdout  # Q4 begins after 20/07/2023
    assert "passed to UBND xã Ba Vì" in result.stdout
    tree = result.stdout[result.stdout.rindex("As of 01/08/2025"):]
    assert "\n  UBND xã Ba Vì " in tree and "\nUBND thành phố Hà Nội " in tree
