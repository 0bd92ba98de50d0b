"""The leaders' digest: what was recorded since the last one, without overlap or gap."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import connected
import pytest
from conftest import Run
from mailserver import Inbox, free_port, serve, text_of

from dondoc.chase import digest as digests
from dondoc.register import db

AS_OF = ("--as-of", "10/03/2023")


def sections(run: Run, *args: str) -> dict[str, list[tuple[str, str]]]:
    """Each section's items as (directive#code, detail), from the json form."""
    found = json.loads(run("digest", *AS_OF, *args, "-f", "json"))
    by_section: dict[str, list[tuple[str, str]]] = {}
    for item in found["items"]:
        by_section.setdefault(item["section"], []).append(
            (f"{item['directive']}#{item['code']}", str(item["detail"])))
    assert found["counts"] == {s: len(by_section.get(s, [])) for s in digests.SECTIONS}
    return by_section


def test_a_first_digest_lists_what_was_recorded_and_compares_the_totals(office: Run) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")  # before 01/03
    office("done", "847/QĐ-UBND#3", "--on", "25/02/2023", "--ref", "BC 13")  # after 20/02
    office("extend", "847/QĐ-UBND#1", "--to", "31/03/2023", "--on", "10/03/2023",
           "--ref", "CV 45")
    found = sections(office, "--since", "01/01/2023")
    assert found["new_directive"] == [("847/QĐ-UBND#None", "None")]
    assert [ref for ref, _ in found["new_task"]] == [f"847/QĐ-UBND#{n}" for n in (1, 2, 3, 4)]
    assert found["done_on_time"] == [("847/QĐ-UBND#2", "BC 12")]
    assert found["done_late"] == [("847/QĐ-UBND#3", "BC 13")]
    assert found["extended"] == [("847/QĐ-UBND#1", "2023-03-31")]
    assert "newly_overdue" not in found  # nothing is late on 10/03 that was not on 31/12
    totals = json.loads(office("digest", *AS_OF, "--since", "01/01/2023", "-f", "json"))
    assert totals["then"] == "2022-12-31"
    assert totals["totals"]["then"]["total"] == 0
    assert totals["totals"]["now"] == {
        "total": 4, "done_on_time": 1, "done_late": 1, "open_on_time": 2, "open_overdue": 0,
        "rate_total": 0.5, "rate_due": 1.0, "overdue": 0}


def test_newly_overdue_are_those_late_now_and_not_then(office: Run) -> None:
    found = sections(office, "--since", "25/02/2023")  # compared with 24/02: #3 was late then
    assert found["newly_overdue"] == [("847/QĐ-UBND#2", "9")]  # due 01/03, 9 days late on 10/03


def test_a_digest_starts_where_the_last_one_to_its_recipient_ended(office: Run) -> None:
    office("done", "847/QĐ-UBND#3", "--on", "25/02/2023", "--ref", "BC 13")  # the last before
    with connected.opened(write=True) as conn, db.transaction(conn):
        digests.record(conn, "lanhdao@hanoi.gov.vn",
                       digests.build(conn, date(2023, 3, 10)), "<1@dondoc>")
    office("progress", "847/QĐ-UBND#1", "đang làm", "--on", "09/03/2023")
    office("done", "847/QĐ-UBND#4", "--on", "09/03/2023", "--ref", "BC 20")
    mine = sections(office, "--for", "lanhdao@hanoi.gov.vn")
    assert mine == {"done_on_time": [("847/QĐ-UBND#4", "BC 20")]}  # the new tasks were before
    other = sections(office, "--for", "pho.chu.tich@hanoi.gov.vn")  # never sent one: a week
    assert len(other["new_task"]) == 4 and other["done_on_time"] == mine["done_on_time"]
    assert other["done_late"] == [("847/QĐ-UBND#3", "BC 13")]


def test_voids_are_listed_with_what_was_voided(office: Run) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")
    [(event,)] = connected.rows("SELECT MAX(id) FROM event")
    office("void", str(event), "--reason", "nhầm nhiệm vụ")
    found = sections(office, "--since", "01/01/2023")
    assert found["voided"] == [("847/QĐ-UBND#2", "done")]
    assert "done_on_time" not in found  # a voided completion counts nowhere


def test_csv_has_one_row_per_item_and_the_table_shows_every_section(office: Run) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")
    rows = list(csv.DictReader(io.StringIO(
        office("digest", *AS_OF, "--since", "01/01/2023", "-f", "csv"))))
    assert [r["section"] for r in rows] == ["new_directive"] + ["new_task"] * 4 + [
        "done_on_time", "newly_overdue"]  # #3, due 20/02, was not assigned on 31/12/2022
    assert rows[5]["on"] == "2023-02-27" and rows[5]["detail"] == "BC 12"
    shown = office("--lang", "vi", "digest", *AS_OF, "--since", "01/01/2023", "-f", "plain")
    assert shown.startswith("Tổng hợp đến 10/03/2023: những gì đã ghi từ 01/01/2023, so với "
                            "ngày 31/12/2022\n")
    for heading in ("Văn bản mới", "Nhiệm vụ mới giao", "Hoàn thành đúng hạn"):
        assert f"\n{heading}\n" in shown
    assert "\nĐược gia hạn\n" not in shown  # an empty section has no heading


def test_a_digest_writes_nothing(office: Run) -> None:
    office("digest", *AS_OF, "--for", "lanhdao@hanoi.gov.vn")
    assert connected.rows("SELECT COUNT(*) FROM digest_sent") == [(0,)]


@pytest.mark.sqlite_only  # about the file: not a byte of it changes
def test_a_digest_leaves_the_file_as_it_was(office: Run, isolated: Path) -> None:
    before = isolated.read_bytes()
    office("digest", *AS_OF, "--for", "lanhdao@hanoi.gov.vn")
    assert isolated.read_bytes() == before


@pytest.fixture
def inbox(dondoc: Run, mail_settings: Path) -> Iterator[Inbox]:
    yield from serve(dondoc)


def sent() -> list[tuple[Any, ...]]:
    return connected.rows("SELECT recipient, as_of, message_id FROM digest_sent ORDER BY id")


def test_a_reminder_sent_is_in_the_digest(office: Run, inbox: Inbox) -> None:
    office("unit", "edit", "VANNOI", "--email", "vannoi@hn.vn")
    office("remind", *AS_OF)  # Vân Nội's #3 is late
    assert sections(office, "--since", "01/01/2023")["reminded"] == [
        ("847/QĐ-UBND#3", "vannoi@hn.vn")]


def test_a_mailed_digest_is_kept_and_the_next_one_starts_where_it_ended(
        office: Run, inbox: Inbox) -> None:
    office("done", "847/QĐ-UBND#2", "--on", "27/02/2023", "--ref", "BC 12")
    out = office("digest", *AS_OF, "--since", "01/01/2023", "--mail", "lanhdao@hn.vn")
    [got] = inbox.received
    assert got.recipients == ["lanhdao@hn.vn"]
    message = got.message
    assert message["Subject"] == ("[Tổng hợp] 10/03/2023: 1 mới quá hạn, 1 hoàn thành, "
                                  "1 đang quá hạn")
    assert b"=?utf-8?" in got.raw.split(b"\r\n\r\n", 1)[0]  # the subject, RFC 2047
    plain, html = text_of(message), text_of(message, "html")
    assert plain == office("--lang", "vi", "digest", *AS_OF, "--since", "01/01/2023",
                           "-f", "plain")
    assert html.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "<h3>Hoàn thành đúng hạn</h3>" in html and "<td>Rà soát quy hoạch" in html
    assert sent() == [("lanhdao@hn.vn", "2023-03-10", message["Message-ID"])]
    assert out == f"digest sent to lanhdao@hn.vn: {message['Message-ID']}\n"
    # The next digest to the same address has only what was recorded after this one.
    office("done", "847/QĐ-UBND#4", "--on", "09/03/2023", "--ref", "BC 20")
    office("digest", *AS_OF, "--mail", "lanhdao@hn.vn")
    second = inbox.received[1].message
    assert "BC 20" in text_of(second) and "BC 12" not in text_of(second)
    assert "Rà soát quy hoạch" not in text_of(second)
    assert len(sent()) == 2


def test_a_digest_the_server_refuses_is_not_kept(office: Run, inbox: Inbox) -> None:
    inbox.refuse.add("lanhdao@hn.vn")
    err = office.fails("digest", *AS_OF, "--mail", "lanhdao@hn.vn")
    assert err == ("dondoc: error: the mail server did not take the digest: lanhdao@hn.vn: 550 "
                   "5.1.1 no such mailbox here (nothing was recorded; run it again)\n")
    assert sent() == []


def test_a_server_that_is_down_records_nothing(office: Run, mail_settings: Path) -> None:
    office("config", "set", "mail.host", "127.0.0.1")
    office("config", "set", "mail.port", str(free_port()))
    office("config", "set", "mail.security", "none")
    office("config", "set", "mail.sender", "vanthu@hanoi.gov.vn")
    err = office.fails("digest", *AS_OF, "--mail", "lanhdao@hn.vn")
    assert "cannot send through the mail server 127.0.0.1:" in err and err.count("\n") == 1
    assert sent() == []


def test_nothing_dated_after_the_digest_s_date_and_a_letter_shows_its_number(
        office: Run, inbox: Inbox, tmp_path: Path) -> None:
    office("unit", "edit", "VANNOI", "--email", "vannoi@hn.vn")
    office("remind", *AS_OF)  # Vân Nội's #3, by e-mail
    office("letter", "--issuer", "Tổ công tác", "--number", "01/CV-TCT", *AS_OF, "--on",
           "10/03/2023", "--record", "-o", str(tmp_path / "cv.docx"))  # #2 and #3, by letter
    office("remind", "--as-of", "20/03/2023")  # after the digest's date
    office("directive", "add", "99/QĐ-UBND", "--issued", "20/03/2023", "--title", "Sau")
    found = sections(office, "--since", "01/01/2023")
    assert found["new_directive"] == [("847/QĐ-UBND#None", "None")]
    assert found["reminded"] == [("847/QĐ-UBND#3", "vannoi@hn.vn"),
                                 ("847/QĐ-UBND#2", "01/CV-TCT"), ("847/QĐ-UBND#3", "01/CV-TCT")]


def test_a_since_after_the_digest_s_date_is_one_line(office: Run) -> None:
    err = office.fails("digest", "--since", "01/03/2023", "--as-of", "20/02/2023")
    assert err == ("dondoc: error: --since 01/03/2023 is after --as-of 20/02/2023 (give --since "
                   "on or before --as-of)\n")


def test_help_shows_the_examples_one_a_line(office: Run) -> None:
    shown = office("digest", "--help")
    assert "\\b" not in shown
    assert ("  Examples:\n    dondoc digest --as-of 27/02/2023 --since 20/02/2023\n"
            "    dondoc digest --mail") in shown
