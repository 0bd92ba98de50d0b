"""Rules of the house that a read of the source checks: exit statuses by name, no module named
like a standard one, command modules that stand alone, dates shown one way."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import dondoc
from dondoc.errors import ExitStatus

pytestmark = pytest.mark.sqlite_only  # touches no register

PACKAGE = Path(dondoc.__file__).parent
EXITS = {"exit", "Exit", "SystemExit"}  # sys.exit, typer.Exit, ctx.exit, raise SystemExit
SHARED = {"common", "render"}  # what the command modules of cli/ share


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def bare_exit_codes(path: Path) -> list[int]:
    """The lines where `path` exits with a number written out instead of an ExitStatus."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        given = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
        if name in EXITS and any(isinstance(arg, ast.Constant | ast.UnaryOp) for arg in given):
            found.append(node.lineno)
    return found


def test_every_exit_status_is_named() -> None:
    """`sys.exit(int(ExitStatus.INTERRUPTED))`, never `sys.exit(130)`: errors.ExitStatus is
    the one list of what each status means (the README's too)."""
    assert {path.relative_to(PACKAGE): bare_exit_codes(path) for path in sources()
            if bare_exit_codes(path)} == {}


def test_the_check_sees_a_bare_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bare.py"
    for code in ("sys.exit(130)", "raise typer.Exit(1)", "raise typer.Exit(code=1)",
                 "raise SystemExit(-1)", "ctx.exit(2)"):
        bad.write_text(f"import sys\nimport typer\n{code}\n", encoding="utf-8")
        assert bare_exit_codes(bad) == [3], code
    bad.write_text("raise typer.Exit(int(ExitStatus.ERROR))\nsys.exit(status)\n")
    assert bare_exit_codes(bad) == []
    assert int(ExitStatus.INTERRUPTED) == 130


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import dondoc.cli

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(dondoc.cli, "app", interrupted)
    with pytest.raises(SystemExit) as stopped:
        dondoc.cli.main()
    assert stopped.value.code == 130


def test_no_module_is_named_like_a_standard_one() -> None:
    """`cli/io.py` and `cli/calendar.py` were: a module named like one of the standard
    library's is confusing to read and, run as a script, shadows it."""
    names = {path.stem for path in sources()} | {path.parent.name for path in sources()}
    assert sorted(n for n in names if n in sys.stdlib_module_names and not n.startswith("__")
                  ) == []


def test_no_command_module_imports_another() -> None:
    """Each command module of cli/ stands on common.py and render.py, never on another command
    module: what two commands share lives in one of those."""
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.stem in SHARED or path.stem == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] if node.module != "dondoc.cli" else [
                    f"dondoc.cli.{alias.name}" for alias in node.names]
                for name in names:
                    if name.startswith("dondoc.cli."):
                        assert name.split(".")[2] in SHARED, f"{path.name} imports {name}"


def test_dates_are_shown_one_way() -> None:
    """A date shown to people goes through dates.show_date (DD/MM/YYYY), never a format of its
    own."""
    for path in sources():
        if path.name != "dates.py":
            assert "%d/%m" not in path.read_text(encoding="utf-8"), path
