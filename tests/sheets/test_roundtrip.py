"""Property: whatever a register holds (Vietnamese text, NFD input, formula-like strings, empty
and odd fields, extended deadlines), its export holds, field by field, what the file it was
imported from said, in every format; what an import of that export stored (read from SQLite, not
through export) is what the file said; export -> import into a new register -> export gives the
same file; importing it again changes nothing; and a failed import leaves the file as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
import unicodedata
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from conftest import Run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sheetfiles import start_again, state

from dondoc.deadlines import workdays
from dondoc.deadlines.workdays import WorkCalendar
from dondoc.register import db
from dondoc.text import fold

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
ODD = " ,;'\"=+-@/#%\n\t()"
text = st.text(alphabet=LETTERS + ODD + "0123456789", max_size=30)
words = st.text(alphabet=LETTERS + " ,'", min_size=1, max_size=12).filter(
    lambda s: s.strip(" ,'") != "")
# What a spreadsheet runs as a formula, written out here rather than taken from sheets.py: a
# change there must be a change here too.
FORMULA_START = "=+-@\t\r'"
# Formula-like starts, as clerks' sheets and mischief have them, and any text after any of them.
risky = st.sampled_from(["=SUM(A1:A9)", "+84 912 345 678", "-", "- gạch đầu dòng", "@ghi chú",
                         "'trích'", "''", "'=1", "\t=1"])
formula = st.builds(lambda start, rest: start + rest, st.sampled_from("=+-@'"), text)
cell = st.one_of(text, risky, formula)
DAY = date(2020, 1, 1)
day = st.integers(0, 2000).map(lambda n: DAY + timedelta(days=n))
NUMBERS = ["847/QĐ-UBND", "12/TB-UBND", "45/2016/QĐ-UBND"]
# The document that granted an extension: any text but ';', which separates extensions.
document = st.one_of(st.just(""), st.text(alphabet=LETTERS + " ,'()/-0123456789", max_size=20)
                     .map(str.strip))


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[list[str]], bool]:
    """CSV rows (header first) of a register, and whether to write the file in NFD."""
    # Distinct as dondoc tells units apart: by the folded name ('Sở ò' is 'Sở o', as a clerk
    # typing without accents means it to be).
    units = draw(st.lists(words.map(lambda w: "Sở " + w.strip()), min_size=1, max_size=4,
                          unique_by=fold))
    directives = {n: (draw(day), draw(cell), draw(cell), draw(cell)) for n in NUMBERS}
    rows = [["directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
             "co_units", "leader", "officer", "assigned", "due", "done", "done_ref",
             "extensions"]]
    for code in range(1, draw(st.integers(1, 8)) + 1):
        number = draw(st.sampled_from(NUMBERS))
        issued, title, issuer, signer = directives[number]
        assigned = issued + timedelta(days=draw(st.integers(0, 30)))
        due_in = draw(st.none() | st.integers(0, 90))
        done_in = draw(st.none() | st.integers(0, 120))
        due = assigned + timedelta(days=due_in) if due_in is not None else None
        done = assigned + timedelta(days=done_in) if done_in is not None else None
        supporting = draw(st.lists(st.sampled_from(units), unique=True, max_size=2))
        co_units = "; ".join(supporting)
        if len(supporting) == 1 and "," in co_units:
            co_units += ";"  # a lone name with a comma, as export writes it
        # A task says something, once import has taken off a quoting apostrophe and trimmed.
        content = draw(cell.filter(lambda s: unquoted(s).strip() != ""))
        # Extensions granted between the assignment and the completion, each later than the one
        # before, as `dondoc extend` records them: a month apart, as a deadline written on a
        # day off moves to the next working day, up to nine days on at Tết.
        extensions = []
        if due is not None:
            granted = sorted(draw(st.lists(st.integers(0, done_in if done_in is not None else 60),
                                           max_size=2)))
            for i, offset in enumerate(granted):
                ref = draw(document)
                extensions.append(f"{assigned + timedelta(days=offset)} -> "
                                  f"{due + timedelta(days=30 * (i + 1))}"
                                  + (f" ({ref})" if ref else ""))
        rows.append([number, issued.strftime("%d/%m/%Y"), title, issuer, signer, str(code),
                     content, draw(st.sampled_from(units)), co_units, draw(cell), draw(cell),
                     assigned.isoformat(), due.strftime("%d/%m/%Y") if due else "",
                     done.strftime("%d/%m/%Y") if done else "", draw(cell) if done else "",
                     "; ".join(extensions)])
    return rows, draw(st.booleans())


def write(path: Path, rows: list[list[str]], nfd: bool) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    value = out.getvalue()
    path.write_text(unicodedata.normalize("NFD", value) if nfd else value, encoding="utf-8")
    return path


# The columns `export --what tasks` writes, in order. The last, the times each task was chased,
# import passes over (tests/chase/test_unit_copy.py sends reminders and counts them).
EXPORTED = ("directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
            "co_units", "leader", "officer", "assigned", "due", "due_rule", "extensions",
            "current_due", "done", "done_ref", "group", "reminders")


def iso(day: str) -> str:
    """01/03/2023 (or ISO, or empty) as ISO."""
    return day and (day if "-" in day else "-".join(reversed(day.split("/"))))


def expected(rows: list[list[str]], calendar: WorkCalendar) -> list[dict[str, str]]:
    """What the register must hold of each generated row: the text NFC, the apostrophe before a
    formula start taken off (a CSV's quoting, as export writes it), trimmed (people's names
    single-spaced); dates ISO; the
    deadline written on a day off moved to the next working day (test_workdays checks the
    calendar), the date written kept as its rule; the deadline in force the last extension's,
    else the original."""
    wanted = []
    for row in rows[1:]:
        given = {field: unquoted(unicodedata.normalize("NFC", cell)).strip()
                 for field, cell in zip(rows[0], row, strict=True)}
        for field in ("issued", "assigned", "due", "done"):
            given[field] = iso(given[field])
        for field in ("leader", "officer"):  # a person's name is written single-spaced
            given[field] = " ".join(given[field].split())
        given["due_rule"] = ""
        given.setdefault("group", "")  # a plan's group rows (documents); none generated here
        if given["due"]:
            moved = calendar.next_workday(date.fromisoformat(given["due"])).isoformat()
            # The date as written is kept beside the one it moved to.
            given["due"], given["due_rule"] = moved, given["due"] if moved != given["due"] else ""
        # The lead unit is not also a supporting one.
        given["co_units"] = "; ".join(name for name in names(given["co_units"])
                                      if name != given["unit"])
        extensions = given["extensions"]
        given["current_due"] = (extensions.split("; ")[-1].split(" -> ")[1][:10] if extensions
                                else given["due"])
        given["reminders"] = "0"  # imported tasks were never chased
        wanted.append({field: given[field] for field in EXPORTED})
    return wanted


def names(co_units: str) -> list[str]:
    return [name.strip() for name in co_units.split(";") if name.strip()]


def same_units(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """`rows` with their supporting units in one order (export's is the units' creation) and
    without the ';' after a lone name with a comma (without it, the import of the export would
    read two units, and differ from what was generated)."""
    return [row | {"co_units": "; ".join(sorted(names(row["co_units"])))} for row in rows]


def unquoted(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START else cell


def quoted(row: dict[str, str]) -> dict[str, str]:
    """`row` as CSV must write it: an apostrophe before a text a spreadsheet would run."""
    dates = {"issued", "assigned", "due", "current_due", "done"}
    return {field: "'" + value if field not in dates and value.startswith(tuple(FORMULA_START))
            else value for field, value in row.items()}


def read_back(path: Path, fmt: str) -> list[dict[str, str]]:
    """The rows of an exported tasks file, each field as text ('' for empty), dates ISO."""
    if fmt == "csv":
        reader = csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""))
        header = next(reader)
        assert tuple(header) == EXPORTED
        return [dict(zip(EXPORTED, row, strict=True)) for row in reader]
    if fmt == "xlsx":
        values = cells(path)[1:]
    else:
        text = path.read_text("utf-8")
        records = (json.loads(text) if fmt == "json"
                   else [json.loads(line) for line in text.splitlines()])
        assert all(tuple(record) == EXPORTED for record in records)
        values = [tuple(record.values()) for record in records]
    return [{field: "" if value is None else
             value.date().isoformat() if hasattr(value, "date") else str(value)
             for field, value in zip(EXPORTED, row, strict=True)} for row in values]


def stored(where: str) -> list[dict[str, str]]:
    """What an import put in the register (a file or a PostgreSQL address), read from its
    tables (not through export)."""
    conn = db.connect(db.resolve_path(where), write=False)
    try:
        found = conn.execute(f"""
            SELECT d.number, d.issued, d.title, COALESCE(d.issuer, ''), COALESCE(d.signer, ''),
                   t.code, t.content, u.name,
                   COALESCE((SELECT {conn.dialect.joined('name', "'; '", 'unit_id')} FROM (
                       SELECT cu.name, c.unit_id FROM task_co_unit c
                       JOIN unit cu ON cu.id = c.unit_id
                       WHERE c.task_id = t.id ORDER BY c.unit_id) AS n), ''),
                   COALESCE(t.leader, ''), COALESCE(t.officer, ''), t.assigned,
                   COALESCE(t.due, '')
            FROM task t JOIN directive d ON d.id = t.directive_id JOIN unit u ON u.id = t.unit_id
            ORDER BY t.id""").fetchall()
    finally:
        conn.close()
    fields = ("directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
              "co_units", "leader", "officer", "assigned", "due")
    return [dict(zip(fields, row, strict=True)) for row in found]


def own_fields(row: dict[str, str]) -> dict[str, str]:
    """The fields of `row` that `stored` reads."""
    fields = ("directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
              "co_units", "leader", "officer", "assigned", "due")
    return {field: row[field] for field in fields}


def cells(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_EMPTY: dict[str, bytes] = {}


def empty_register(path: Path) -> str:
    """A register with its schema and the calendar years the examples reach, but nothing in
    it yet, made once and copied: creating a register and copying the holidays package's years
    into it took a third of each example's time (tests/register tests the creating)."""
    if not _EMPTY:
        with tempfile.TemporaryDirectory() as folder:
            made = Path(folder) / "empty.sqlite3"
            conn = db.connect(made)
            workdays.load(conn, DAY, DAY + timedelta(days=2200))
            db.close(conn)
            _EMPTY["db"] = made.read_bytes()
    path.write_bytes(_EMPTY["db"])
    return str(path)


HEADER = ["directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
          "co_units", "leader", "officer", "assigned", "due", "done", "done_ref", "extensions"]


def one_task(**fields: str) -> tuple[list[list[str]], bool]:
    """A register of one task, for the hard cases: `fields` over a plain row."""
    row = dict(zip(HEADER, ["12/TB-UBND", "09/01/2023", "", "", "", "1", "Kiểm tra", "Sở Xây",
                            "", "", "", "2023-01-09", "", "", "", ""], strict=True))
    row.update(fields)
    return [HEADER, list(row.values())], False


# Every formula start in every text field a task has, once each: a start dropped from the
# quoting, or a field export leaves empty, fails here whatever the random examples are.
HARD = [one_task(content=start + "1", title=start + "t", issuer=start + "i", signer=start + "s",
                 leader=start + "l", officer=start + "o", done="10/01/2023",
                 done_ref=start + "r")
        for start in "=+-@'"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(register=registers())
@example(register=HARD[0])
@example(register=HARD[1])
@example(register=HARD[2])
@example(register=HARD[3])
@example(register=HARD[4])
@example(register=one_task(content="\t=1", officer="'=1", leader="''", title="'trích'"))
def test_export_import_export_is_identical(
    dondoc: Run, tmp_path: Path, isolated: Path, register: tuple[list[list[str]], bool]
) -> None:
    rows, nfd = register
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    # The first register is the test's (a file, or a PostgreSQL database); the others files:
    # on PostgreSQL, a file's export must then be the server's, to the byte.
    if state(isolated):
        start_again(isolated)
    first = os.environ["DONDOC_DB"]
    dondoc("--db", first, "import", str(write(work / "in.csv", rows, nfd)), "--create-units")
    with closing(db.connect(db.resolve_path(first), write=False)) as conn:
        wanted = expected(rows, workdays.load(conn, DAY, DAY + timedelta(days=2200)))
    assert same_units(stored(first)) == same_units([own_fields(row) for row in wanted])
    for fmt in ("csv", "xlsx", "json", "jsonl"):
        exported = work / f"a.{fmt}"
        dondoc("--db", first, "export", "--what", "tasks", "-o", str(exported))
        # Each field what the generated file said (CSV: quoted as a spreadsheet needs).
        assert same_units(read_back(exported, fmt)) == same_units(
            [quoted(row) for row in wanted] if fmt == "csv" else wanted)
        second = empty_register(work / f"second-{fmt}.sqlite3")
        dondoc("--db", second, "import", str(exported), "--create-units")
        assert same_units(stored(second)) == same_units([own_fields(row) for row in wanted])
        again = work / f"b.{fmt}"
        dondoc("--db", second, "export", "-o", str(again))
        if fmt == "xlsx":
            assert cells(again) == cells(exported)
        else:
            assert again.read_bytes() == exported.read_bytes()
        n = len(rows) - 1
        out = dondoc("--db", second, "import", str(again))
        counted = "1 row" if n == 1 else f"{n} rows"
        assert f"{counted}: 0 new, 0 updated, {n} unchanged, 0 refused" in out
    # A file with one bad row changes nothing, to the byte.
    bad = work / "bad.csv"
    text = (work / "a.csv").read_text("utf-8-sig")
    bad.write_text(text + "12/TB-UBND,,,,,99,Việc,Sở Không Có,,,,,31/02/2023,,\r\n",
                   encoding="utf-8")
    second_csv = work / "second-csv.sqlite3"
    before = digest(second_csv)
    dondoc.fails("--db", str(second_csv), "import", str(bad))
    assert digest(second_csv) == before
