"""A unit's own copy on its reminders (the leader supervising it), against a real SMTP server;
and the times each task was chased, in the tasks export and passed over by its import."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import connected
import openpyxl
import pytest
from conftest import Run
from mailserver import Inbox, serve

AS_OF = "20/03/2023"


# Every test here has its own mail settings file (conftest.mail_settings).
pytestmark = pytest.mark.usefixtures("mail_settings")


@pytest.fixture
def inbox(dondoc: Run) -> Iterator[Inbox]:
    yield from serve(dondoc)


@pytest.fixture
def late(office: Run) -> Run:
    """As of 20/03/2023 Sở Xây dựng is late on #2 and Đông Anh on #1, both with e-mails;
    Sở Xây dựng's reminders are copied to its supervising leader."""
    office("unit", "edit", "SXD", "--email", "sxd@hn.vn", "--cc", "pct.xd@hn.vn")
    return office


def units(dondoc: Run) -> dict[str, dict[str, object]]:
    return {row["code"]: row for row in json.loads(dondoc("unit", "list", "--format", "json"))}


def test_unit_copy_is_set_shown_replaced_and_cleared(office: Run) -> None:
    office("unit", "add", "Sở Tài chính", "--code", "STC", "--email", "stc@hn.vn",
           "--cc", "pct.tc@hn.vn; vp@hn.vn", "--cc", "pct.tc@hn.vn")
    assert units(office)["STC"]["cc"] == "pct.tc@hn.vn, vp@hn.vn"  # each once, in order
    assert units(office)["SXD"]["cc"] is None
    out = office("unit", "edit", "STC", "--cc", "lanhdao@hn.vn", "--note", "đổi lãnh đạo")
    assert "cc pct.tc@hn.vn, vp@hn.vn -> lanhdao@hn.vn" in out
    assert units(office)["STC"]["cc"] == "lanhdao@hn.vn"
    assert "lanhdao@hn.vn" in office("changes", "--unit", "STC")
    office("unit", "edit", "STC", "--cc", "")
    assert units(office)["STC"]["cc"] is None


def test_a_copy_that_is_not_an_address_is_refused(office: Run) -> None:
    office("unit", "edit", "SXD", "--cc", "pct.xd@hn.vn")
    err = office.fails("unit", "edit", "SXD", "--cc", "pct.xd@hn.vn", "--cc", "ông Phó Chủ tịch")
    assert err.count("\n") == 1 and "'ông Phó Chủ tịch' is not an e-mail address" in err
    assert units(office)["SXD"]["cc"] == "pct.xd@hn.vn"
    err = office.fails("unit", "add", "Sở Tài chính", "--code", "STC", "--cc", "stc.hn.vn")
    assert "'stc.hn.vn' is not an e-mail address" in err
    assert "STC" not in units(office)


def test_the_unit_copy_gets_its_units_reminder_and_no_other(late: Run, inbox: Inbox) -> None:
    late("remind", "--as-of", AS_OF, "--cc", "vanphong@hn.vn")
    assert len(inbox.received) == 2
    [sxd] = inbox.to("sxd@hn.vn")
    [donganh] = inbox.to("da@hn.vn")
    assert sorted(sxd.recipients) == ["pct.xd@hn.vn", "sxd@hn.vn", "vanphong@hn.vn"]
    assert sxd.message["Cc"] == "vanphong@hn.vn, pct.xd@hn.vn"
    assert sorted(donganh.recipients) == ["da@hn.vn", "vanphong@hn.vn"]
    assert donganh.message["Cc"] == "vanphong@hn.vn"
    assert inbox.to("pct.xd@hn.vn") == [sxd]


def test_the_unit_copy_is_in_the_written_message_and_the_dry_run(late: Run, tmp_path: Path
                                                                 ) -> None:
    out = late("remind", "--as-of", AS_OF, "--dry-run")
    assert "Sở Xây dựng <sxd@hn.vn> (cc pct.xd@hn.vn)" in out
    assert "UBND huyện Đông Anh <da@hn.vn>:" in out
    late("remind", "--as-of", AS_OF, "--out", str(tmp_path / "eml"))
    written = message_from_bytes((tmp_path / "eml" / "SXD.eml").read_bytes(),
                                 policy=policy.default)
    assert written["Cc"] == "pct.xd@hn.vn"
    other = message_from_bytes((tmp_path / "eml" / "DONGANH.eml").read_bytes(),
                               policy=policy.default)
    assert other["Cc"] is None


def test_the_unit_copy_goes_out_and_back_with_the_units_sheet(late: Run, tmp_path: Path) -> None:
    late("unit", "edit", "DONGANH", "--cc", "pct.da@hn.vn", "--cc", "vp.da@hn.vn")
    for fmt in ("csv", "xlsx", "json"):
        sheet = tmp_path / f"units.{fmt}"
        late("export", "--what", "units", "-o", str(sheet))
        second = str(tmp_path / f"second-{fmt}.sqlite3")
        late("--db", second, "import", str(sheet), "--what", "units")
        assert {code: row["cc"] for code, row in units(late).items()} == {
            code: row["cc"] for code, row in
            {row["code"]: row for row in json.loads(late("--db", second, "unit", "list",
                                                         "--format", "json"))}.items()}
    assert units(late)["DONGANH"]["cc"] == "pct.da@hn.vn, vp.da@hn.vn"
    # A sheet changes a unit's copy; one that is not an address is refused, naming the cell.
    changed = tmp_path / "changed.csv"
    changed.write_text("code,name,Đồng gửi\nSXD,Sở Xây dựng,lanhdao@hn.vn\n", encoding="utf-8")
    late("import", str(changed), "--what", "units")
    assert units(late)["SXD"]["cc"] == "lanhdao@hn.vn"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,cc\nSXD,Sở Xây dựng,lãnh đạo sở\n", encoding="utf-8")
    err = late.fails("import", str(bad), "--what", "units")
    assert "'lãnh đạo sở'" in err and "is not an e-mail address" in err
    assert units(late)["SXD"]["cc"] == "lanhdao@hn.vn"


def chased(rows: list[dict[str, object]]) -> dict[str, str]:
    return {str(row["code"]): str(row["reminders"]) for row in rows}


def exported(dondoc: Run, path: Path, fmt: str, *db: str) -> dict[str, str]:
    """Each task's code -> its reminders cell, from an export in `fmt`."""
    dondoc(*db, "export", "--what", "tasks", "-o", str(path))
    if fmt == "csv":
        return chased(list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        header, *rows = sheet.iter_rows(values_only=True)  # the labels a person reads
        assert (header[5], header[-1]) == ("Code", "Reminders")
        return {str(row[5]): str(row[-1]) for row in rows}
    if fmt == "json":
        return chased(json.loads(path.read_text("utf-8")))
    return chased([json.loads(line) for line in path.read_text("utf-8").splitlines()])


def test_the_tasks_export_counts_reminders_and_import_passes_over_them(
        late: Run, inbox: Inbox, tmp_path: Path) -> None:
    late("remind", "--as-of", "17/03/2023")  # Sở Xây dựng (#2), Đông Anh (#1)
    late("remind", "--as-of", AS_OF)  # the same, a new day
    late("remind", "--as-of", AS_OF, "--again")
    late("done", "847/QĐ-UBND#1", "--on", AS_OF)
    late("remind", "--as-of", "21/03/2023")  # Sở Xây dựng alone now
    assert len(inbox.received) == 7
    assert connected.rows("SELECT COUNT(*) FROM reminder") == [(7,)]
    for fmt in ("csv", "xlsx", "json", "jsonl"):
        path = tmp_path / f"tasks.{fmt}"
        assert exported(late, path, fmt) == {"1": "3", "2": "4", "3": "0", "4": "0"}
        # Import reads the file back without a word about the column, and records nothing of
        # it: the reminders of a register are the messages it sent.
        second = str(tmp_path / f"second-{fmt}.sqlite3")
        result = late.invoke("--db", second, "import", str(path), "--create-units")
        assert result.exit_code == 0 and "ignored" not in result.stderr, result.stderr
        assert exported(late, tmp_path / f"again.{fmt}", fmt, "--db", second) == {
            "1": "0", "2": "0", "3": "0", "4": "0"}
