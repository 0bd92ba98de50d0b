"""The shape of the house: rooms by capability, each standing only on the rooms below it.

    cli          the only room that knows Typer, rich and tabulate
    chase        reminders, digest, letters
    reports      the read side          sheets   files in and out
    clerk        the clerk's writes
    deadlines    working days, periods, recurring tasks
    register     the file, the schema, the status rule, the checks, lookups
    ground floor dates, text, errors, i18n (modules directly in dondoc/)

A room may import from itself and from any room below it; an import upwards, or between the two
rooms of one floor, is a failure.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dondoc

pytestmark = pytest.mark.sqlite_only  # touches no register

PACKAGE = Path(dondoc.__file__).parent
UI_LIBRARIES = {"typer", "rich", "tabulate", "click"}
GROUND = "ground floor"
FLOORS: list[set[str]] = [
    {GROUND}, {"register"}, {"deadlines"}, {"clerk"}, {"reports", "sheets"}, {"chase"}, {"cli"},
]
FLOOR_OF = {room: level for level, rooms in enumerate(FLOORS) for room in rooms}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; write dondoc.<room>.<module>"
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def room_of(module: str) -> str:
    """dondoc.register.db -> register; dondoc.dates -> the ground floor."""
    parts = module.split(".")[1:]
    if not parts:
        return GROUND
    if parts[0] in FLOOR_OF:
        return parts[0]
    assert (PACKAGE / f"{parts[0]}.py").exists() or parts[0] == "__version__", module
    return GROUND


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((".".join(("dondoc", *parts)), path))
    return found


def test_every_module_lives_in_a_known_room() -> None:
    for _, path in modules():
        parts = path.relative_to(PACKAGE).parts
        if len(parts) > 1:
            assert parts[0] in FLOOR_OF, f"{path}: a folder that is not a room of FLOORS"


def test_no_room_imports_upwards_or_sideways() -> None:
    for module, path in modules():
        if module == "dondoc.__main__":  # `python -m dondoc` is the command line's other door
            continue
        here = room_of(module)
        for name in imports(path):
            if not name.startswith("dondoc."):
                continue
            there = room_of(name)
            if there == here:
                continue
            assert FLOOR_OF[there] < FLOOR_OF[here], f"{module} ({here}) imports {name} ({there})"


def test_only_the_cli_knows_typer_rich_and_tabulate() -> None:
    for module, path in modules():
        if room_of(module) == "cli" or module == "dondoc.__main__":
            continue
        roots = {name.split(".")[0] for name in imports(path)}
        assert not roots & UI_LIBRARIES, path


def test_no_command_loads_sqlmodel() -> None:
    """SQLModel costs ~0.6 s to import: no report, import or single write may pay for it (the
    whole command line, the clerk's writes and the corrections load without it); nor for what
    only some commands need: SMTP (remind, digest --mail), Word, PDF and charts."""
    code = ("import sys, dondoc.cli, dondoc.reports, dondoc.sheets.task_import,"
            " dondoc.clerk.writes, dondoc.clerk.corrections, dondoc.deadlines.recurring,"
            " dondoc.deadlines.workdays;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlmodel', 'sqlalchemy', 'pydantic', 'dateutil', 'smtplib', 'ssl',"
            " 'matplotlib', 'docx', 'docxtpl', 'pdfplumber')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_command_on_a_file_loads_psycopg(tmp_path: Path) -> None:
    """psycopg (and libpq under it) is for a register on a server (register/pg.py, imported by
    db.connect_server only): importing the command line, --help, writes and an overdue report
    on a file load without it."""
    path = str(tmp_path / "r.sqlite3")
    code = ("import sys\n"
            "import dondoc.cli, dondoc.reports, dondoc.sheets.task_import, dondoc.clerk.writes\n"
            "from dondoc.cli import main\n"
            "def run(*args):\n"
            "    sys.argv = ['dondoc', *args]\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            "run('--help')\n"
            f"run('--db', {path!r}, 'unit', 'add', 'Sở Xây dựng', '--code', 'SXD')\n"
            f"run('--db', {path!r}, 'directive', 'add', '847/QĐ-UBND', '--issued',"
            " '14/02/2023')\n"
            f"run('--db', {path!r}, 'task', 'add', '847/QĐ-UBND', 'Báo cáo tiến độ', '--unit',"
            " 'SXD', '--due', '15/02/2023')\n"
            f"run('--db', {path!r}, 'overdue', '--as-of', '01/03/2023')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('psycopg', 'psycopg_c', 'psycopg_binary')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Usage: dondoc" in out.stdout and "Unit SXD added" in out.stdout, out.stderr
    assert "Báo cáo tiến độ" in out.stdout.split("As of 01/03/2023")[1], out.stderr  # a row
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr


def test_a_command_run_loads_no_pydantic(tmp_path: Path) -> None:
    """Typer 0.29 imports pydantic while it parses a command's options (not for --help): 0.1 s
    on every command. Run one, as a process does, and look."""
    code = ("import sys\n"
            "from dondoc.cli import main\n"
            f"sys.argv = ['dondoc', '--db', {str(tmp_path / 'r.sqlite3')!r}, 'overdue',"
            " '--as-of', '01/03/2023', '--unit', 'X']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('sqlmodel', 'sqlalchemy', 'pydantic')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr
