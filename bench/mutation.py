"""Mutation testing of the rules a published report rests on (issue 16; docs/mutation.md).

    python bench/mutation.py                 # every target, one after the other
    python bench/mutation.py status quoting  # some of them

mutmut 3 (pip install 'mutmut>=3.8,<4'; not part of CI: it takes tens of minutes) breaks each
function of a target's files in small ways, one at a time, and runs the target's tests against
each broken copy: a mutant the tests do not fail "survives". mutmut only mutates code inside
functions, so the rules written as module-level text (the status SQL, the formula-start set,
export's columns) are broken by the hand-written CONSTANT_MUTANTS below, run the same way.

Each target runs in its own copy of the project under .mutation/<target>/ (git ignores it), made
fresh each run, so the working tree is never touched and nothing is cached from an older run.
The paths of the modules and of their tests are here and nowhere else: when modules move, edit
TARGETS and CONSTANT_MUTANTS. Prints each target's score and every survivor with its diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
# -x: a mutant is killed by its first failing test; no cache: the copies write nothing back.
PYTEST_ARGS = ["-x", "-p", "no:cacheprovider"]
# A mutant that makes the tests run past mutmut's time limit (a loop that never ends) is caught.
DETECTED = ("killed", "timeout")
# What the tests read beside the source: mutmut copies tests/ itself, not the examples (without
# them its first, stats-gathering run fails with no word of why).
ALSO_COPY = ("tests", "examples")


@dataclass(frozen=True)
class Target:
    files: tuple[str, ...]  # the modules mutmut mutates
    functions: tuple[str, ...]  # mutmut's names of the functions it breaks (fnmatch patterns)
    tests: tuple[str, ...]  # the tests that exercise them: the whole suite would take hours
    pytest_args: tuple[str, ...] = ()


TARGETS = {
    "status": Target(
        files=("src/dondoc/register/status.py", "src/dondoc/register/spans.py"),
        functions=("dondoc.register.status.*", "dondoc.register.spans.*"),
        tests=("tests/register/test_status.py", "tests/register/test_history.py",
               "tests/clerk/test_reorganise.py", "tests/register/test_status_mutants.py",
               "tests/reports/test_sql_contract.py"),
        # 50 s a run, so a survivor would cost minutes each; test_status's oracle and
        # past-report properties check the same rule on the timeline directly.
        pytest_args=("--deselect",
                     "tests/register/test_history.py::test_no_command_rewrites_the_past"),
    ),
    "workdays": Target(
        files=("src/dondoc/deadlines/workdays.py",),
        functions=("dondoc.deadlines.workdays.*",),
        tests=("tests/deadlines/test_workdays.py", "tests/test_defects.py",
               "tests/cli/test_bad_input.py", "tests/clerk/test_writes.py",
               "tests/deadlines/test_workdays_mutants.py", "tests/reports/test_lateness.py"),
    ),
    "export": Target(
        files=("src/dondoc/sheets/export.py",),
        functions=("dondoc.sheets.export.*",),
        tests=("tests/sheets/test_roundtrip.py", "tests/cli/test_output_safety.py",
               "tests/sheets/test_quoting_mutants.py", "tests/sheets/test_export_mutants.py"),
    ),
    # The CSV/XLSX formula quoting: what is written (quote, the CSV and XLSX writers) and what
    # reading takes off again (unquote).
    "quoting": Target(
        files=("src/dondoc/sheets/formats.py",),
        functions=("dondoc.sheets.formats.x_quote*", "dondoc.sheets.formats.x_unquote*",
                   "dondoc.sheets.formats.x__unquoted*", "dondoc.sheets.formats.x__write_csv*",
                   "dondoc.sheets.formats.x__write_xlsx*"),
        tests=("tests/cli/test_output_safety.py", "tests/sheets/test_formats.py",
               "tests/sheets/test_quoting_mutants.py"),
    ),
}


@dataclass(frozen=True)
class ConstantMutant:
    target: str
    file: str
    old: str  # found exactly once in `file`
    new: str


STATUS, SPANS = "src/dondoc/register/status.py", "src/dondoc/register/spans.py"
FORMATS, EXPORT = "src/dondoc/sheets/formats.py", "src/dondoc/sheets/export.py"
# The status SQL is built by functions now (register/status.py), but mutmut breaks their
# f-strings whole, not the comparisons inside them: these do that.
CONSTANT_MUTANTS = (
    ConstantMutant("status", STATUS, "{due} < :{as_of}", "{due} <= :{as_of}"),
    ConstantMutant("status", STATUS, "{due} IS NOT NULL AND", ""),
    ConstantMutant("status", STATUS, "{span}.valid_from <= :{as_of}",
                   "{span}.valid_from < :{as_of}"),
    ConstantMutant("status", STATUS, "{span}.valid_to > :{as_of}",
                   "{span}.valid_to >= :{as_of}"),
    ConstantMutant("status", STATUS, " AND {span}.state != '{CANCELLED}'", ""),
    ConstantMutant("status", STATUS, "THEN '{Status.OPEN_ON_TIME}' ELSE",
                   "THEN '{Status.OPEN_OVERDUE}' ELSE"),
    ConstantMutant("status", SPANS, "('done', 'extend', 'cancel', 'reopen')",
                   "('done', 'extend', 'cancel')"),
    ConstantMutant("quoting", FORMATS, """tuple("=+-@\\t\\r'")""",
                   """tuple("+-@\\t\\r'")"""),
    ConstantMutant("quoting", FORMATS, """tuple("=+-@\\t\\r'")""",
                   """tuple("=+-@\\t\\r")"""),
    ConstantMutant("quoting", FORMATS, """tuple("=+-@\\t\\r'")""",
                   """tuple("=+-@\\r'")"""),
    ConstantMutant("export", EXPORT, 'FieldSql("officer", "t.officer", "text")',
                   'FieldSql("officer", "NULL", "text")'),
    ConstantMutant("export", EXPORT, 'FieldSql("current_due", "s.due", "date")',
                   'FieldSql("current_due", "t.due", "date")'),
    ConstantMutant("export", EXPORT, "ORDER BY c.unit_id", "ORDER BY cu.name"),
    ConstantMutant("export", EXPORT, "ORDER BY on_date, id", "ORDER BY id"),
    ConstantMutant("export", EXPORT, "ORDER BY e.id DESC LIMIT 1",
                   "ORDER BY e.id LIMIT 1"),
)


def _copy(into: Path) -> None:
    """A fresh copy of what the tests need: the package's source, the tests, the files they
    read, the settings."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in ("src", *ALSO_COPY):
        shutil.copytree(ROOT / name, into / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    shutil.copy2(ROOT / "pyproject.toml", into / "pyproject.toml")


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def run_mutmut(name: str, target: Target) -> tuple[int, list[str]]:
    """(mutants, survivors) of mutmut's run on `target`, each survivor told with its diff."""
    where = WORK / name
    _copy(where)
    with open(where / "pyproject.toml", "a", encoding="utf-8") as config:
        config.write(f"""
[tool.mutmut]
source_paths = ["src"]
also_copy = {_toml_list(ALSO_COPY)}
only_mutate = {_toml_list(target.files)}
pytest_add_cli_args_test_selection = {_toml_list(target.tests)}
pytest_add_cli_args = {_toml_list((*PYTEST_ARGS, *target.pytest_args))}
debug = true
""")
    mutmut = [sys.executable, "-m", "mutmut"]
    with open(where / "mutmut.log", "w", encoding="utf-8") as log:
        subprocess.run([*mutmut, "run", *target.functions], cwd=where, stdout=log,
                       stderr=subprocess.STDOUT, check=True)
    listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=where, check=True,
                             capture_output=True, text=True).stdout
    results = dict(line.strip().rsplit(": ", 1) for line in listing.splitlines()
                   if ": " in line)
    ours = {m: s for m, s in results.items() if any(
        _matches(m, pattern) for pattern in target.functions)}
    survivors = [subprocess.run([*mutmut, "show", m], cwd=where, check=True,
                                capture_output=True, text=True).stdout
                 for m, status in sorted(ours.items()) if status not in DETECTED]
    return len(ours), survivors


def _matches(mutant: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    return fnmatch(mutant, pattern)


def run_constants(name: str, target: Target) -> tuple[int, list[str]]:
    """(mutants, survivors) of the hand-written CONSTANT_MUTANTS of `target`."""
    mine = [m for m in CONSTANT_MUTANTS if m.target == name]
    where = WORK / f"{name}-constants"
    survivors = []
    for mutant in mine:
        _copy(where)
        path = where / mutant.file
        text = path.read_text(encoding="utf-8")
        if text.count(mutant.old) != 1:
            raise SystemExit(f"{mutant.file}: {mutant.old!r} is not there exactly once; "
                             "update CONSTANT_MUTANTS in bench/mutation.py")
        path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(where / "src")}
        tests = subprocess.run([sys.executable, "-m", "pytest", *PYTEST_ARGS, *target.pytest_args,
                                *target.tests],
                               cwd=where, env=env, capture_output=True, text=True)
        told = f"{mutant.file}: {mutant.old!r} -> {mutant.new!r}"
        print(("killed   " if tests.returncode else "SURVIVED ") + told, flush=True)
        if tests.returncode == 0:
            survivors.append(told)
    return len(mine), survivors


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        print(f"unknown target(s) {', '.join(unknown)}; the targets: {', '.join(TARGETS)}",
              file=sys.stderr)
        return 2
    lines = []
    for name in names or list(TARGETS):
        target = TARGETS[name]
        print(f"== {name}: mutmut on {', '.join(target.files)}", flush=True)
        total, survivors = run_mutmut(name, target)
        for told in survivors:
            print(told)
        constants, constant_survivors = run_constants(name, target)
        lines.append(f"{name}: mutmut {total - len(survivors)}/{total} killed, "
                     f"constants {constants - len(constant_survivors)}/{constants} killed")
        print(lines[-1], flush=True)
    print("\n".join(["", *lines]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
