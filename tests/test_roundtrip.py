"""Property: whatever a register holds (Vietnamese text, NFD input, formula-like strings, empty
and odd fields, extended deadlines), export of its tasks -> import into a new register -> export
gives the same file, in every format; importing it again changes nothing; and a failed import
leaves the file as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from conftest import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
ODD = " ,;'\"=+-@/#%\n\t()"
text = st.text(alphabet=LETTERS + ODD + "0123456789", max_size=30)
words = st.text(alphabet=LETTERS + " ,'", min_size=1, max_size=12).filter(
    lambda s: s.strip(" ,'") != "")
# Formula-like starts, as clerks' sheets and mischief have them.
risky = st.sampled_from(["=SUM(A1:A9)", "+84 912 345 678", "-", "- gạch đầu dòng", "@ghi chú",
                         "'trích'", "''", "'=1", "\t=1"])
cell = st.one_of(text, risky)
DAY = date(2020, 1, 1)
day = st.integers(0, 2000).map(lambda n: DAY + timedelta(days=n))
NUMBERS = ["847/QĐ-UBND", "12/TB-UBND", "45/2016/QĐ-UBND"]
# The document that granted an extension: any text but ';', which separates extensions.
document = st.one_of(st.just(""), st.text(alphabet=LETTERS + " ,'()/-0123456789", max_size=20)
                     .map(str.strip))


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[list[str]], bool]:
    """CSV rows (header first) of a register, and whether to write the file in NFD."""
    units = draw(st.lists(words.map(lambda w: "Sở " + w.strip()), min_size=1, max_size=4,
                          unique_by=lambda name: " ".join(name.casefold().split())))
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
        content = draw(cell.filter(lambda s: s.strip() != ""))
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


def cells(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(register=registers())
def test_export_import_export_is_identical(
    dondoc: Run, tmp_path: Path, register: tuple[list[list[str]], bool]
) -> None:
    rows, nfd = register
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    first = str(work / "first.sqlite3")
    dondoc("--db", first, "import", str(write(work / "in.csv", rows, nfd)), "--create-units")
    # The extensions are in the register: each task's deadline in force is the last one.
    exported_rows = list(csv.DictReader(io.StringIO(
        dondoc("--db", first, "export", "--what", "tasks", "-f", "csv"))))
    given = {(r[0], r[5]): unicodedata.normalize("NFC", r[-1]) for r in rows[1:]}
    assert {(r["directive"], r["code"]): r["extensions"] for r in exported_rows} == given
    for r in exported_rows:
        if r["extensions"]:
            assert r["current_due"] == r["extensions"].split("; ")[-1].split(" -> ")[1][:10]
    for fmt in ("csv", "xlsx", "json", "jsonl"):
        exported = work / f"a.{fmt}"
        dondoc("--db", first, "export", "--what", "tasks", "-o", str(exported))
        second = str(work / f"second-{fmt}.sqlite3")
        dondoc("--db", second, "import", str(exported), "--create-units")
        again = work / f"b.{fmt}"
        dondoc("--db", second, "export", "-o", str(again))
        if fmt == "xlsx":
            assert cells(again) == cells(exported)
        else:
            assert again.read_bytes() == exported.read_bytes()
        n = len(rows) - 1
        out = dondoc("--db", second, "import", str(again))
        assert f"{n} rows: 0 new, 0 updated, {n} unchanged, 0 refused" in out
    # A file with one bad row changes nothing, to the byte.
    bad = work / "bad.csv"
    text = (work / "a.csv").read_text("utf-8-sig")
    bad.write_text(text + "12/TB-UBND,,,,,99,Việc,Sở Không Có,,,,,31/02/2023,,\r\n",
                   encoding="utf-8")
    second = work / "second-csv.sqlite3"
    before = digest(second)
    dondoc.fails("--db", str(second), "import", str(bad))
    assert digest(second) == before
