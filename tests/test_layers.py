"""The shape of the house: command line -> use cases -> storage, and nothing back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import dondoc

PACKAGE = Path(dondoc.__file__).parent
UI_LIBRARIES = {"typer", "rich", "tabulate", "click"}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_cli_knows_typer_rich_and_tabulate() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        roots = {name.split(".")[0] for name in imports(path)}
        assert not roots & UI_LIBRARIES, path
        if path.name != "__main__.py":  # `python -m dondoc` is the CLI's other door
            assert not any(name.startswith("dondoc.cli") for name in imports(path)), path


def test_no_command_loads_sqlmodel() -> None:
    """SQLModel costs ~0.6 s to import: no report, import or single write may pay for it (the
    whole command line, the clerk's writes and the corrections load without it)."""
    code = ("import sys, dondoc.cli, dondoc.reports, dondoc.importer, dondoc.services,"
            " dondoc.corrections, dondoc.recurring, dondoc.workdays;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlmodel', 'sqlalchemy', 'pydantic', 'dateutil')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
