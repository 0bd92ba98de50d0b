"""Bad input to the everyday commands: one clear line on stderr, the right exit status, nothing
written; and the output a script reads stays clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import registers
from conftest import Run


def events(db: Path) -> int:
    return int(registers.rows("SELECT COUNT(*) FROM event")[0][0])


@pytest.mark.parametrize(("written", "why"), [
    ("06/2023", "is a month, not a day: write the day, e.g. 30/06/2023"),
    ("Feb 2023", "is a month, not a day: write the day, e.g. 30/06/2023"),
    ("2023", "is a year, not a day: write the day, e.g. 31/12/2023"),
    ("0wd", "is not a date"),
])
def test_a_deadline_needs_its_day(office: Run, written: str, why: str) -> None:
    """'06/2023' was stored as 01/06/2023, a month early."""
    err = office.fails("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--due",
                       written)
    assert err.startswith(f"dondoc: error: --due: {written!r} {why} (write it day first: ")
    assert err.count("\n") == 1


def test_a_date_without_its_year_is_this_years(office: Run) -> None:
    out = office("task", "add", "847/QĐ-UBND", "Báo cáo", "--unit", "SXD", "--due", "16 March",
                 "--assigned", "01/03/2026")
    assert "due 16/03/2026" in out


def test_writes_refuse_what_makes_no_sense(office: Run, isolated: Path) -> None:
    before = events(isolated)
    cases = [
        (("progress", "1", "  "), "a progress note is empty (say what has been done)"),
        (("unit", "add", "Sở Nội vụ", "--code", "SNV", "--email", "notanemail"),
         "--email 'notanemail' is not an e-mail address (e.g. --email vanthu@sxd.hanoi.gov.vn)"),
        (("unit", "add", "Sở Nội vụ", "--code", "S NV"),
         "unit code 'S NV' has a space, ';' or ',' (a code is one word, e.g. SXD or "
         "UBND-DONGANH)"),
        (("unit", "add", "Sở Nội vụ", "--code", "SNV;SXD"),
         "unit code 'SNV;SXD' has a space, ';' or ','"),
        (("calendar", "add-holiday", "12/10/2023", " "), "a day needs its name"),
        (("--db", "", "overdue"), "--db is empty (name one with --db PATH or DONDOC_DB)"),
        (("init", ""), "--db is empty"),
    ]
    for args, message in cases:
        err = office.fails(*args)
        assert err.startswith(f"dondoc: error: {message}"), (args, err)
        assert err.count("\n") == 1
    assert events(isolated) == before
    assert "SNV" not in office("unit", "list", "--format", "csv")


def test_usage_errors_exit_2(office: Run) -> None:
    for args in (("due", "--within", "-1"), ("overdue", "--min-days", "-3"),
                 ("calendar", "move-deadlines", "maybe")):
        office.fails(*args, code=2)
    err = office.fails("calendar", "show", "0")
    assert "year 0 is outside 1945-2100" in err


def test_a_wrong_column_prints_nothing_on_stdout(office: Run) -> None:
    result = office.invoke("overdue", "--as-of", "20/03/2023", "--columns", "nope")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("dondoc: error: --columns: no column 'nope'")
    result = office.invoke("overdue", "--as-of", "01/01/2023", "--columns", "nope")
    assert (result.exit_code, result.stdout) == (1, "")  # nothing overdue: still refused


def test_show_as_csv_is_one_table(office: Run) -> None:
    office("progress", "1", "Đã họp", "--on", "16/02/2023")
    lines = office("task", "show", "1", "--format", "csv").splitlines()
    assert lines[0].startswith("id,on,kind,note")
    assert len(lines) == 2
    lines = office("directive", "show", "847/QĐ-UBND", "--format", "csv",
                   "--as-of", "20/02/2023").splitlines()
    assert lines[0] == "id,directive,code,content,unit,due,status" and len(lines) == 5


def test_quiet_silences_an_import_and_a_locale_names_the_language(
        dondoc: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = tmp_path / "u.csv"
    units.write_text("code,name\nSXD,Sở Xây dựng\n", encoding="utf-8")
    assert dondoc("-q", "import", "--what", "units", str(units)) == ""
    assert "1 row:" in dondoc("import", "--what", "units", str(units), "--dry-run", "-q")
    monkeypatch.setenv("DONDOC_LANG", "vi_VN.UTF-8")
    assert dondoc("unit", "list", "--format", "csv").startswith("code,")
    assert "Tên đơn vị" in dondoc("unit", "list")


def test_a_damaged_register_is_the_users_to_restore(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    env = {**os.environ, "DONDOC_DB": str(db), "DONDOC_LANG": "en"}
    rows = "directive,issued,code,content,unit\n" + "".join(
        f"1/KH,14/02/2023,{n},Việc số {n} {'x' * 300},Sở Xây dựng\n" for n in range(400))
    (tmp_path / "t.csv").write_text(rows, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "dondoc", "import", str(tmp_path / "t.csv"),
                    "--create-units", "-q"], env=env, check=True, capture_output=True)
    data = bytearray(db.read_bytes())
    data[8192:8192 + 16384] = b"\xff" * 16384  # pages of the task table
    db.write_bytes(bytes(data))
    result = subprocess.run([sys.executable, "-m", "dondoc", "export"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("dondoc: error: the register file is damaged (")
    assert "restore it from a backup" in result.stderr and result.stderr.count("\n") == 1
