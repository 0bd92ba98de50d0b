"""dondoc remind against a real SMTP server (aiosmtpd on localhost): what each unit receives,
what is recorded, and what cron can count on."""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import sqlite3
import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import connected
import pytest
from conftest import ROOT, Run, copy_example
from mailserver import Inbox, free_port, serve, text_of

AS_OF = "20/03/2023"


# Every test here has its own mail settings file (conftest.mail_settings).
pytestmark = pytest.mark.usefixtures("mail_settings")


@pytest.fixture
def inbox(dondoc: Run) -> Iterator[Inbox]:
    yield from serve(dondoc)


@pytest.fixture
def late(office: Run) -> Run:
    """As of 20/03/2023: Sở Xây dựng (e-mail) 19 days late on #2, Đông Anh (e-mail) 3 days
    late on #1 (extended), Vân Nội (no e-mail) late on #3, Sở Tài chính (e-mail) not late."""
    office("unit", "edit", "SXD", "--email", "sxd@hn.vn")
    office("unit", "add", "Sở Tài chính", "--code", "STC", "--email", "stc@hn.vn")
    office("task", "add", "847/QĐ-UBND", "Lập dự toán", "--unit", "STC", "--due", "30/06/2023")
    office("progress", "847/QĐ-UBND#2", "Đã rà soát 3 phân khu", "--on", "10/03/2023")
    office("extend", "847/QĐ-UBND#1", "--to", "17/03/2023", "--on", "14/03/2023",
           "--ref", "Công văn 45/UBND")
    return office


def reminders() -> list[tuple[Any, ...]]:
    return connected.rows("""SELECT task_id, on_date, channel, address, message_id
                             FROM reminder ORDER BY id""")


SXD_TEXT = """\
Kính gửi: Sở Xây dựng

Tính đến ngày 20/03/2023, đơn vị còn 1 nhiệm vụ được giao đã quá hạn:

1. 847/QĐ-UBND ngày 14/02/2023: Thành lập Tổ công tác
   Nhiệm vụ 847/QĐ-UBND#2: Rà soát quy hoạch
   Hạn xử lý: 01/03/2023
   Quá hạn 19 ngày (13 ngày làm việc)
   Tiến độ gần nhất: Đã rà soát 3 phân khu
   Chưa đôn đốc lần nào

Đề nghị đơn vị khẩn trương hoàn thành các nhiệm vụ trên và báo cáo kết quả bằng văn bản, \
nêu rõ lý do chậm trễ.

--\x20
Thư do dondoc gửi tự động từ sổ theo dõi nhiệm vụ được giao, số liệu tính đến ngày 20/03/2023.
"""


def test_one_message_per_late_unit_with_its_own_tasks(late: Run, inbox: Inbox) -> None:
    result = late.invoke("remind", "--as-of", AS_OF, "--cc", "lanhdao@hn.vn")
    out = result.stdout
    assert len(inbox.received) == 2  # Sở Xây dựng and Đông Anh; not Sở Tài chính, not Vân Nội
    assert inbox.to("stc@hn.vn") == []
    [sxd] = inbox.to("sxd@hn.vn")
    assert sorted(sxd.recipients) == ["lanhdao@hn.vn", "sxd@hn.vn"]
    assert sxd.sender == "vanthu@hanoi.gov.vn"
    message = sxd.message
    # The subject and the names travel as RFC 2047 encoded words and decode to the text.
    assert b"Subject: [Reminder]" not in sxd.raw and b"=?utf-8?" in sxd.raw
    assert message["Subject"] == "[Đôn đốc] 1 nhiệm vụ quá hạn - Sở Xây dựng - 20/03/2023"
    assert message["To"] == "Sở Xây dựng <sxd@hn.vn>"
    assert message["Cc"] == "lanhdao@hn.vn"
    assert message["From"] == "Văn phòng UBND Thành phố <vanthu@hanoi.gov.vn>"
    assert message.get_content_type() == "multipart/alternative"
    assert text_of(message) == SXD_TEXT
    page = text_of(message, "html")
    for line in SXD_TEXT.splitlines()[:-2]:
        assert line.strip(" 1.-") in page.replace("<br>", "\n"), line
    # Đông Anh's task was extended: the deadline in force and the first one.
    [donganh] = inbox.to("da@hn.vn")
    assert ("Hạn xử lý: 17/03/2023 (đã gia hạn; hạn ban đầu 15/03/2023)\n"
            "   Quá hạn 3 ngày (1 ngày làm việc)\n   Chưa báo cáo tiến độ") in text_of(
                donganh.message)
    # Recorded: one reminder per task listed, with the Message-ID the server received.
    assert sorted(reminders()) == sorted([
        (1, "2023-03-20", "email", "da@hn.vn", donganh.message["Message-ID"]),
        (2, "2023-03-20", "email", "sxd@hn.vn", message["Message-ID"])])
    assert message["Message-ID"] != donganh.message["Message-ID"]
    assert message["Message-ID"].endswith("@hanoi.gov.vn>")
    assert f"sent to Sở Xây dựng <sxd@hn.vn>: 1 task, {message['Message-ID']}" in out
    # a warning: on stderr, for cron, and still exit 0
    assert result.stderr == ("skipped: UBND xã Vân Nội has no e-mail on file (`dondoc unit edit "
                             "VANNOI --email ADDRESS`)\n")
    assert result.exit_code == 0
    assert out.splitlines()[-1] == "sent 2, skipped 1, failed 0"
    quiet = late.invoke("-q", "remind", "--as-of", AS_OF)  # cron hears of it all the same
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", result.stderr)
    # overdue counts them, task show lists them
    rows = {r["id"]: r["reminders"] for r in json.loads(
        late("overdue", "--as-of", AS_OF, "--format", "json"))}
    assert rows == {1: 1, 2: 1, 3: 0}
    assert json.loads(late("overdue", "--as-of", "19/03/2023", "-f", "json"))[0]["reminders"] == 0
    shown = late("task", "show", "847/QĐ-UBND#2", "--as-of", AS_OF)
    listed = shown.split("Reminders sent:\n")[1].splitlines()
    assert listed[2].split()[:5] == ["1", "20/03/2023", "email", "sxd@hn.vn", message["Message-ID"]]


def test_a_second_run_sends_nothing_new_unless_again(late: Run, inbox: Inbox) -> None:
    late("remind", "--as-of", AS_OF)
    assert len(inbox.received) == 2
    out = late("remind", "--as-of", AS_OF)
    assert len(inbox.received) == 2 and len(reminders()) == 2
    assert "skipped: Sở Xây dựng was reminded on 20/03/2023 already (--again sends again)" in out
    assert out.splitlines()[-1] == "sent 0, skipped 3, failed 0"
    late("remind", "--as-of", AS_OF, "--again", "--unit", "SXD")
    [_, second] = inbox.to("sxd@hn.vn")
    assert "Đã đôn đốc 1 lần trước đây" in text_of(second.message)
    assert len(reminders()) == 3
    # the next day is a new day
    late("remind", "--as-of", "21/03/2023")
    assert len(inbox.received) == 5


def test_a_refused_address_fails_alone_and_is_retried_next_time(late: Run, inbox: Inbox) -> None:
    inbox.refuse.add("sxd@hn.vn")
    result = late.invoke("remind", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("failed: Sở Xây dựng <sxd@hn.vn>: sxd@hn.vn: 550 "
                                             "5.1.1 no such mailbox here")
    assert result.stdout.splitlines()[-1] == "sent 1, skipped 1, failed 1"
    assert [r.recipients for r in inbox.received] == [["da@hn.vn"]]
    assert [r[3] for r in reminders()] == ["da@hn.vn"]  # nothing for the refused one
    inbox.refuse.clear()
    out = late("remind", "--as-of", AS_OF)
    assert [r.recipients for r in inbox.received] == [["da@hn.vn"], ["sxd@hn.vn"]]
    assert out.splitlines()[-1] == "sent 1, skipped 2, failed 0"


def test_a_refused_copy_is_named_and_the_message_still_counts(late: Run, inbox: Inbox) -> None:
    late("unit", "edit", "SXD", "--cc", "vp-sxd@hn.vn")
    inbox.refuse.update({"lanhdao@hn.vn", "vp-sxd@hn.vn"})
    result = late.invoke("remind", "--as-of", AS_OF, "--cc", "lanhdao@hn.vn")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "copy to lanhdao@hn.vn refused: 550 5.1.1 no such mailbox here",
        "copy to vp-sxd@hn.vn refused: 550 5.1.1 no such mailbox here",
        "copy to lanhdao@hn.vn refused: 550 5.1.1 no such mailbox here",
        "skipped: UBND xã Vân Nội has no e-mail on file (`dondoc unit edit VANNOI --email "
        "ADDRESS`)"]
    assert result.stdout.splitlines()[-1] == "sent 2, skipped 1, failed 0"
    assert sorted(r[3] for r in reminders()) == ["da@hn.vn", "sxd@hn.vn"]


def test_a_server_that_is_down_is_one_line_and_records_nothing(late: Run) -> None:
    port = free_port()  # nothing listens there
    late("config", "set", "mail.host", "127.0.0.1")
    late("config", "set", "mail.port", str(port))
    late("config", "set", "mail.sender", "vanthu@hanoi.gov.vn")
    result = late.invoke("remind", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == (f"dondoc: error: cannot send through the mail server 127.0.0.1:"
                             f"{port}: Connection refused (check the mail settings (`dondoc "
                             "config show`); nothing was sent)\n")
    assert reminders() == []


def test_dry_run_and_out_send_and_record_nothing(late: Run, inbox: Inbox,
                                                 tmp_path: Path) -> None:
    out = late("remind", "--as-of", AS_OF, "--dry-run")
    assert out.splitlines()[:2] == [
        "would send to Sở Xây dựng <sxd@hn.vn>: [Đôn đốc] 1 nhiệm vụ quá hạn - Sở Xây dựng - "
        "20/03/2023",
        "would send to UBND huyện Đông Anh <da@hn.vn>: [Đôn đốc] 1 nhiệm vụ quá hạn - UBND "
        "huyện Đông Anh - 20/03/2023"]
    assert out.splitlines()[-1] == "would send 2, skipped 1; nothing sent or recorded"
    folder = tmp_path / "eml"
    late("remind", "--as-of", AS_OF, "--out", str(folder), "--due-within", "5")
    assert sorted(p.name for p in folder.iterdir()) == ["DONGANH.eml", "SXD.eml"]
    written = message_from_bytes((folder / "SXD.eml").read_bytes(), policy=policy.default)
    assert isinstance(written, EmailMessage)
    assert text_of(written) == SXD_TEXT
    assert inbox.received == [] and reminders() == []


def test_due_within_adds_its_own_section(late: Run, inbox: Inbox) -> None:
    late("task", "add", "847/QĐ-UBND", "Báo cáo quý", "--unit", "SXD", "--due", "24/03/2023")
    late("remind", "--as-of", AS_OF, "--due-within", "5", "--unit", "SXD")
    [sxd] = inbox.to("sxd@hn.vn")
    assert sxd.message["Subject"] == ("[Đôn đốc] 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn - "
                                      "Sở Xây dựng - 20/03/2023")
    assert ("Nhiệm vụ sắp đến hạn (1):\n\n1. 847/QĐ-UBND ngày 14/02/2023: Thành lập Tổ công tác"
            "\n   Nhiệm vụ 847/QĐ-UBND#6: Báo cáo quý\n   Hạn xử lý: 24/03/2023\n"
            "   Còn 4 ngày (4 ngày làm việc)") in text_of(sxd.message)


def test_stale_adds_the_open_tasks_with_no_news(late: Run, inbox: Inbox) -> None:
    """Sở Tài chính's task is not late, but nothing was reported on it since it was assigned
    on 14/02/2023: 24 working days by 20/03/2023. Sở Xây dựng's standing task too; its late
    task is listed once, as late."""
    out = late("remind", "--as-of", AS_OF, "--stale", "24")
    [stc] = inbox.to("stc@hn.vn")
    assert stc.message["Subject"] == ("[Đôn đốc] 1 nhiệm vụ chưa cập nhật tiến độ - Sở Tài "
                                      "chính - 20/03/2023")
    assert ("Nhiệm vụ chưa cập nhật tiến độ (1):\n\n1. 847/QĐ-UBND ngày 14/02/2023: Thành lập "
            "Tổ công tác\n   Nhiệm vụ 847/QĐ-UBND#5: Lập dự toán\n   Hạn xử lý: 30/06/2023\n"
            "   Chưa cập nhật tiến độ từ ngày 14/02/2023 (24 ngày làm việc)\n") in text_of(
                stc.message)
    [sxd] = inbox.to("sxd@hn.vn")
    assert f"sent to Sở Xây dựng <sxd@hn.vn>: 2 tasks, {sxd.message['Message-ID']}" in out
    body = text_of(sxd.message)
    assert body.count("Nhiệm vụ 847/QĐ-UBND#2") == 1
    assert ("Nhiệm vụ 847/QĐ-UBND#4: Theo dõi thường xuyên\n"
            "   Không có thời hạn (nhiệm vụ thường xuyên)\n"
            "   Chưa cập nhật tiến độ từ ngày 14/02/2023 (24 ngày làm việc)") in body
    inbox.received.clear()
    late("remind", "--as-of", AS_OF, "--stale", "25", "--again")  # one more: none is that quiet
    assert inbox.to("stc@hn.vn") == [] and "#4" not in text_of(inbox.to("sxd@hn.vn")[0].message)


def test_workdays_only_does_nothing_on_a_day_off(late: Run, inbox: Inbox) -> None:
    result = late.invoke("-q", "remind", "--as-of", "19/03/2023", "--workdays-only")  # Sunday
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = late.invoke("remind", "--as-of", "19/03/2023", "--workdays-only")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "19/03/2023 is not a working day: nothing sent\n", "")
    assert inbox.received == [] and reminders() == []
    late("remind", "--as-of", AS_OF, "--workdays-only")  # a Monday
    assert len(inbox.received) == 2


def test_messages_in_english_when_asked(late: Run, inbox: Inbox) -> None:
    late("--lang", "en", "remind", "--as-of", AS_OF, "--unit", "SXD")
    [sxd] = inbox.to("sxd@hn.vn")
    assert sxd.message["Subject"] == "[Reminder] 1 overdue task - Sở Xây dựng - 20/03/2023"


def test_nothing_late_nothing_sent(office: Run, inbox: Inbox) -> None:
    assert office("remind", "--as-of", "01/02/2023") == "nothing to chase as of 01/02/2023\n"
    assert inbox.received == []


# STARTTLS with the office's own (self-signed) certificate


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that signs itself, and its key (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mail.ubnd.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_inbox(dondoc: Run, tmp_path: Path) -> Iterator[tuple[Inbox, Path]]:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    for box in serve(dondoc, context):
        dondoc("config", "set", "mail.security", "starttls")
        yield box, cert


def test_starttls_with_a_self_signed_certificate_trusted_by_a_ca_file(
        late: Run, tls_inbox: tuple[Inbox, Path]) -> None:
    inbox, cert = tls_inbox
    result = late.invoke("remind", "--as-of", AS_OF)
    assert result.exit_code == 1  # the system does not trust it: refused, nothing sent
    assert "certificate verify failed: self-signed certificate" in result.stderr
    assert inbox.received == [] and reminders() == []
    late("config", "set", "mail.ca_file", str(cert))
    late("remind", "--as-of", AS_OF)
    assert len(inbox.received) == 2 and len(reminders()) == 2


# the settings


def test_config_keeps_no_password_and_shows_none(dondoc: Run, mail_settings: Path,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    err = dondoc.fails("config", "set", "mail.password", "secret")
    assert "the password is never stored in dondoc's settings" in err
    dondoc("config", "set", "mail.host", "smtp.hanoi.gov.vn")
    dondoc("config", "set", "mail.user", "vanthu")
    dondoc("config", "set", "mail.cc", "a@hn.vn; b@hn.vn")
    assert "smtp.hanoi.gov.vn" in mail_settings.read_text(encoding="utf-8")
    assert mail_settings.stat().st_mode & 0o077 == 0
    monkeypatch.setenv("DONDOC_SMTP_PASSWORD", "s3cret-from-env")
    shown = dondoc("config", "show")
    assert "mail.host = smtp.hanoi.gov.vn" in shown and "mail.cc = a@hn.vn, b@hn.vn" in shown
    assert "mail.password = (hidden, from DONDOC_SMTP_PASSWORD)" in shown
    assert "s3cret" not in shown
    err = dondoc.fails("config", "set", "mail.port", "smtp")
    assert err == "dondoc: error: mail.port: 'smtp' is not a port number (e.g. 587)\n"
    err = dondoc.fails("config", "set", "mail.cc", "lanhdao")
    assert "mail.cc: 'lanhdao' is not an e-mail address" in err


def test_a_password_file_others_can_read_is_refused(late: Run, inbox: Inbox,
                                                    tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n", encoding="utf-8")
    secret.chmod(0o644)
    late("config", "set", "mail.user", "vanthu")
    late("config", "set", "mail.password_file", str(secret))
    err = late.fails("remind", "--as-of", AS_OF)
    assert err == (f"dondoc: error: the password file {secret} may be read by others (mode "
                   f"0644) (make it yours alone: chmod 600 {secret})\n")
    assert inbox.received == []


@pytest.fixture
def login_inbox(dondoc: Run) -> Iterator[Inbox]:
    yield from serve(dondoc, login=("vanthu", "s3cret pass"))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_password_from_the_environment_or_a_private_file(
        late: Run, login_inbox: Inbox, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    late("config", "set", "mail.user", "vanthu")
    monkeypatch.setenv("DONDOC_SMTP_PASSWORD", "wrong")
    result = late.invoke("remind", "--as-of", AS_OF, "--unit", "SXD")
    assert result.exit_code == 1 and login_inbox.received == [] and reminders() == []
    assert result.stderr.startswith("dondoc: error: cannot send through the mail server "
                                    f"127.0.0.1:{login_inbox.port}: 535 ")
    assert "wrong" not in result.stderr + result.stdout
    monkeypatch.setenv("DONDOC_SMTP_PASSWORD", "mật khẩu")  # smtplib logs in with ASCII only
    assert late.fails("remind", "--as-of", AS_OF) == (
        f"dondoc: error: cannot log in to the mail server 127.0.0.1:{login_inbox.port}: SMTP "
        "login takes only ASCII characters in the user name and password (nothing was sent)\n")
    monkeypatch.setenv("DONDOC_SMTP_PASSWORD", "s3cret pass")
    late("remind", "--as-of", AS_OF, "--unit", "SXD")
    assert len(login_inbox.received) == 1
    monkeypatch.delenv("DONDOC_SMTP_PASSWORD")
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret pass\n", encoding="utf-8")
    secret.chmod(0o600)
    late("config", "set", "mail.password_file", str(secret))
    late("remind", "--as-of", AS_OF, "--unit", "DONGANH")
    assert len(login_inbox.received) == 2
    assert "s3cret" not in late("config", "show")


@pytest.mark.no_register
def test_a_register_that_is_not_there_is_not_created(dondoc: Run, inbox: Inbox) -> None:
    missing = f"dondoc: error: no register at {os.environ['DONDOC_DB']} "
    assert dondoc.fails("remind", "--as-of", AS_OF).startswith(missing)
    assert dondoc.fails("unit", "list").startswith(missing)  # none was made


def test_units_without_an_e_mail_are_listed(late: Run) -> None:
    listed = late("unit", "list", "--no-email", "--columns", "code", "--format", "csv")
    assert listed.split() == ["code", "VANNOI"]


def test_a_reminder_is_dated_today_or_before_when_sent(late: Run, inbox: Inbox) -> None:
    err = late.fails("remind", "--as-of", "31/12/2100")
    assert err.startswith("dondoc: error: --as-of 31/12/2100 is after today: a reminder is dated "
                          "when it is sent")
    assert "nothing sent or recorded" in late("remind", "--as-of", "31/12/2100", "--dry-run")
    assert inbox.received == []


def test_reminders_are_appended_never_changed(late: Run, inbox: Inbox) -> None:
    late("remind", "--as-of", AS_OF)
    with connected.opened(write=True) as conn:
        # SQLite's REPLACE deletes the row it replaces; PostgreSQL's TRUNCATE deletes them all.
        removing = ("TRUNCATE reminder" if conn.dialect.postgresql else
                    "INSERT OR REPLACE INTO reminder SELECT * FROM reminder WHERE id = 1")
        for statement in ("UPDATE reminder SET address = 'x@y.vn'", "DELETE FROM reminder",
                          removing):
            with pytest.raises(sqlite3.IntegrityError, match="never"):
                conn.execute(statement)
    assert len(reminders()) == 2


def test_the_readme_shows_what_a_unit_receives(dondoc: Run, tmp_path: Path,
                                               example_register: Path) -> None:
    db = copy_example(example_register, tmp_path / "example.sqlite3")
    dondoc("config", "set", "mail.sender", "Văn phòng UBND TP Hà Nội <vanthu@hanoi.gov.vn>")
    dondoc("config", "set", "mail.cc", "lanhdao@hanoi.gov.vn")
    dondoc("--db", connected.on_test_database(db), "remind", "--as-of", "20/02/2023",
           "--due-within", "10", "--unit", "DONGANH", "--out", str(tmp_path / "eml"))
    message = message_from_bytes((tmp_path / "eml" / "DONGANH.eml").read_bytes(),
                                 policy=policy.default)
    assert isinstance(message, EmailMessage)
    shown = "".join(f"{name}: {message[name]}\n" for name in ("From", "To", "Cc", "Subject"))
    shown += "\n" + text_of(message)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- remind-example -->\n```\n", 1)[1].split("```", 1)[0]
    assert shown == block
