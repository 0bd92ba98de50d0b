"""dondoc letter: the official reminder letter (công văn đôn đốc) on the example register, opened
with python-docx; its template, its record, and LibreOffice's view of it where installed."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import connected
import pgserver
import pytest
from conftest import EXAMPLES, ROOT, Run, copy_example

from dondoc.chase.letter import date_line, document_type

AS_OF, ON = "16/02/2023", "20/02/2023"
LETTER = ("letter", "--issuer", "Tổ công tác", "--authority", "UBND thành phố Hà Nội",
          "--as-of", AS_OF, "--on", ON, "--reply-by", "28/02/2023", "--signer", "Nguyễn Văn A",
          "--position", "Tổ trưởng", "--copy", "Chủ tịch UBND Thành phố (để báo cáo)")


@pytest.fixture(scope="module")
def built_on_server(example_register: Path, pg_server: pgserver.PgServer) -> str:
    """The example register copied to this process's PostgreSQL server, once for the module:
    the database each PostgreSQL test's copy is made from."""
    return connected.server_copy(example_register, pg_server)


@pytest.fixture
def example(example_register: Path, isolated: Path, dondoc: Run, backend: str,
            request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Run:
    """A copy of the example register (examples/demo.sh) as this test's register."""
    if backend == "postgresql":
        monkeypatch.setenv("DONDOC_DB", connected.copied(
            request.getfixturevalue("pg_server"), request.getfixturevalue("built_on_server")))
    else:
        copy_example(example_register, isolated)
    return dondoc


def texts(path: Path) -> list[str]:
    """Every paragraph of the document, in tables too, in order."""
    from docx import Document

    body = Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]


def task_rows(path: Path) -> list[list[str]]:
    """The rows of the tasks' tables (those headed STT), without their headers."""
    from docx import Document

    rows = []
    for table in Document(str(path)).tables:
        if table.rows[0].cells[0].text == "STT":
            rows += [[cell.text for cell in row.cells] for row in table.rows[1:]]
    return rows


def overdue(dondoc: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(dondoc("overdue", "--as-of", AS_OF, "--format",
                                                    "json", *args))
    return found


def test_the_letter_has_every_part_and_exactly_the_overdue_tasks(example: Run, tmp_path: Path
                                                                  ) -> None:
    out = tmp_path / "cv.docx"
    said = example(*LETTER, "--number", "01/CV-TCT", "-o", str(out))
    assert "not recorded" in said
    lines = texts(out)
    text = "\n".join(lines)
    for part in ("UBND THÀNH PHỐ HÀ NỘI", "TỔ CÔNG TÁC", "Số: 01/CV-TCT",
                 "V/v đôn đốc thực hiện các nhiệm vụ được giao đã quá hạn",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Hà Nội, ngày 20 tháng 02 năm 2023", "Kính gửi:", "Nơi nhận:",
                 "- Chủ tịch UBND Thành phố (để báo cáo);", "- Lưu: VT.", "TỔ TRƯỞNG",
                 "Nguyễn Văn A"):
        assert part in lines, part
    for words in ("tính đến ngày 16/02/2023",
                  "bằng văn bản gửi Tổ công tác trước ngày 28/02/2023."):
        assert words in text, words
    assert "{{" not in text and "{%" not in text and "DỰ THẢO" not in text
    assert text == unicodedata.normalize("NFC", text)

    late = overdue(example)
    assert late, "the example has overdue tasks as of 16/02/2023"
    units = sorted({row["unit"] for row in late})
    recipients = [line[2:-1] for line in lines if re.fullmatch(r"- .+[;.]", line)
                  and line[2:-1] in units]
    assert sorted(recipients) == units and len(recipients) == len(units)
    shown = sorted((r[1], r[2], r[3].split(" ")[0], int(r[4].split(" ")[0]))
                   for r in task_rows(out))
    assert shown == sorted((row["content"], row["directive"],
                            f"{row['due'][8:]}/{row['due'][5:7]}/{row['due'][:4]}",
                            row["days_overdue"]) for row in late)
    # Each assigning directive cited in full: kind, number, date, issuer, title.
    directives = {d["number"]: d for d in json.loads(example("directive", "list", "--format",
                                                             "json"))}
    for number in {row["directive"] for row in late}:
        d = directives[number]
        issued = f"{d['issued'][8:]}/{d['issued'][5:7]}/{d['issued'][:4]}"
        assert (f"- {document_type(number)} số {number} ngày {issued} của {d['issuer']} về "
                f"{d['title']};") in lines


def test_the_layout_follows_decree_30(example: Run, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "cv.docx"
    example(*LETTER, "-o", str(out))
    doc = Document(str(out))
    section = doc.sections[0]
    assert [round(length.mm) for length in (  # type: ignore[union-attr]
        section.page_width, section.page_height, section.top_margin, section.bottom_margin,
        section.left_margin, section.right_margin)] == [210, 297, 20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    sizes = {run.font.size.pt for p in doc.paragraphs for run in p.runs if run.font.size}
    assert sizes <= {11, 12, 13, 14}, sizes
    header = doc.tables[0]
    assert len(header.columns) == 2 and (header.style is None or header.style.name != "Table Grid")
    assert "tblBorders" not in header._tbl.xml
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "Số:" in left and "Độc lập - Tự do - Hạnh phúc" in right
    # A draft (no --number) says so and leaves the number blank.
    assert "DỰ THẢO" in texts(out) and "Số: " + "\u00a0" * 8 + "/" in texts(out)


@pytest.mark.parametrize(("day", "line"), [
    (date(2023, 2, 7), "Hà Nội, ngày 07 tháng 02 năm 2023"),
    (date(2023, 1, 17), "Hà Nội, ngày 17 tháng 01 năm 2023"),
    (date(2023, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2023"),
    (date(2023, 12, 25), "Hà Nội, ngày 25 tháng 12 năm 2023"),
])
def test_date_line(day: date, line: str) -> None:
    assert date_line("Hà Nội", day) == line


@pytest.mark.parametrize(("number", "kind"), [
    ("12/TB-UBND", "Thông báo"), ("45/2016/QĐ-UBND", "Quyết định"), ("135/KH-UBND", "Kế hoạch"),
    ("1888/UBND-TKBT", "Công văn"), ("01/CTr-UBND", "Chương trình"),
])
def test_directives_are_cited_by_their_kind(number: str, kind: str) -> None:
    assert document_type(number) == kind


def test_unit_and_min_days_narrow_it_as_overdue_does(example: Run, tmp_path: Path) -> None:
    out = tmp_path / "cv.docx"
    example(*LETTER, "--min-days", "10", "-o", str(out))
    late = overdue(example, "--min-days", "10")
    assert sorted(r[1] for r in task_rows(out)) == sorted(row["content"] for row in late)
    assert len(late) < len(overdue(example))
    example(*LETTER, "--unit", "BAVI", "-o", str(out))
    assert [r[1] for r in task_rows(out)] == [row["content"] for row in
                                              overdue(example, "--unit", "BAVI")]
    assert "- UBND huyện Ba Vì." in texts(out)
    assert not any("Đông Anh" in line for line in texts(out))


def reminders() -> list[tuple[Any, ...]]:
    return connected.rows("""SELECT r.task_id, r.on_date, r.channel, r.address, l.number
                             FROM reminder r LEFT JOIN letter l ON l.id = r.letter_id
                             ORDER BY r.id""")


def test_a_draft_records_nothing_and_a_signed_letter_is_kept(example: Run, tmp_path: Path
                                                            ) -> None:
    out = tmp_path / "cv.docx"
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(out))
    assert reminders() == []
    said = example(*LETTER, "--number", "01/CV-TCT", "-o", str(out), "--record")
    assert "recorded" in said and "not recorded" not in said
    late = overdue(example)
    kept = reminders()
    assert sorted(k[0] for k in kept) == sorted(row["id"] for row in late)
    assert {(k[1], k[2], k[4]) for k in kept} == {("2023-02-20", "letter", "01/CV-TCT")}
    assert {k[3] for k in kept} == {row["unit"] for row in late}
    # overdue counts the letter among the reminders, task show cites it.
    assert {row["reminders"] for row in json.loads(example(
        "overdue", "--as-of", ON, "--format", "json"))
        if row["id"] in {k[0] for k in kept}} == {1}
    shown = example("--lang", "vi", "task", "show", str(late[0]["id"]), "--as-of", ON)
    assert re.search(r"\n\s+1\s+20/02/2023\s+letter\s+Công văn 01/CV-TCT ngày 20/02/2023",
                     shown), shown
    row = connected.rows("SELECT number, issuer, year, on_date, as_of, signer, position, "
                         "reply_by FROM letter")
    assert row == [("01/CV-TCT", "Tổ công tác", 2023, "2023-02-20", "2023-02-16",
                    "Nguyễn Văn A", "Tổ trưởng", "2023-02-28")]


def test_the_same_number_twice_in_a_year_is_refused(example: Run, tmp_path: Path) -> None:
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "a.docx"), "--record")
    before = reminders()
    again = tmp_path / "b.docx"
    error = example.fails("letter", "--issuer", "tổ công tác", "--number", "01/cv-tct",
                          "--as-of", "20/02/2023", "--on", "21/02/2023", "-o", str(again),
                          "--record")
    assert error.count("\n") == 1 and "01/cv-tct" in error and "20/02/2023" in error
    assert reminders() == before
    assert sorted(tmp_path.glob("*.docx*")) == [tmp_path / "a.docx"]  # nothing half-written
    # Another issuer may use the number, and so may the same issuer another year.
    example("letter", "--issuer", "UBND huyện Ba Vì", "--number", "01/CV-TCT", "--as-of",
            "20/02/2023", "-o", str(again), "--record")
    example(*LETTER[:5], "--number", "01/CV-TCT", "--as-of", "02/01/2024", "-o", str(again),
            "--record")
    assert len({k[4] for k in reminders()}) == 1 and len(reminders()) > len(
        before)


def test_recording_needs_a_number(example: Run, tmp_path: Path) -> None:
    error = example.fails(*LETTER, "-o", str(tmp_path / "a.docx"), "--record", code=2)
    assert "number" in error and error.count("\n") == 1
    assert reminders() == []


def template_with(tmp_path: Path, example: Run, old: str, new: str) -> Path:
    """The default template with `old` replaced by `new` in its document."""
    made = tmp_path / "mau.docx"
    example("letter", "template", "-o", str(made))
    changed = tmp_path / "mine.docx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert old in xml
                data = xml.replace(old, new).encode("utf-8")
            dst.writestr(item, data)
    return changed


def test_the_office_template_is_used(example: Run, tmp_path: Path) -> None:
    mine = template_with(tmp_path, example, "Kính gửi:", "Kính gửi các đơn vị:")
    out = tmp_path / "cv.docx"
    example(*LETTER, "--template", str(mine), "-o", str(out))
    assert "Kính gửi các đơn vị:" in texts(out) and "Kính gửi:" not in texts(out)


@pytest.mark.parametrize(("old", "new", "said"), [
    ("{{ signer }}", "{{ signer }", "unexpected '}'"),
    ("{{ signer }}", "{{ signr }}", "signr"),
    ("{%p endfor %}", "{%p endfo %}", "endfo"),
    ("{{ intro }}", "{{ intro|nofilter }}", "nofilter"),
    ("{{ intro }}", "{{ intro|upper( }}", "expected ')'"),
])
def test_a_broken_template_is_one_line_naming_the_tag(example: Run, tmp_path: Path, old: str,
                                                      new: str, said: str) -> None:
    broken = template_with(tmp_path, example, old, new)
    out = tmp_path / "cv.docx"
    error = example.fails(*LETTER, "--template", str(broken), "-o", str(out))
    assert error.count("\n") == 1, error
    assert "mine.docx" in error and said in error
    # The paragraph named is the one that holds the broken tag (its first one if many do).
    number = texts(broken).index(new) + 1
    assert f"paragraph {number} ({new!r})" in error, error
    assert not out.exists()


def test_blocks_that_do_not_match_are_one_line(example: Run, tmp_path: Path) -> None:
    broken = template_with(tmp_path, example, "{%p endfor %}", "")
    error = example.fails(*LETTER, "--template", str(broken), "-o", str(tmp_path / "cv.docx"))
    assert error.count("\n") == 1 and "mine.docx" in error and "'endfor'" in error, error
    assert "paragraph" not in error  # jinja2's line is no paragraph of the template


def test_a_template_that_is_no_docx_is_one_line(example: Run, tmp_path: Path) -> None:
    bad = tmp_path / "mau.docx"
    bad.write_text("not a document")
    error = example.fails(*LETTER, "--template", str(bad), "-o", str(tmp_path / "cv.docx"))
    assert error.count("\n") == 1 and "is not a Word .docx document" in error


def test_markdown_and_html_for_an_e_mail(example: Run) -> None:
    md = example(*LETTER, "--number", "01/CV-TCT", "--format", "md")
    late = overdue(example)
    assert "Kính gửi:" in md and "Hà Nội, ngày 20 tháng 02 năm 2023" in md
    assert all(row["content"] in md for row in late)
    page = example(*LETTER, "--number", "01/CV-TCT", "--format", "html")
    import xml.dom.minidom

    assert "Kính gửi:" in page and all(row["content"] in page for row in late)
    xml.dom.minidom.parseString(page.split("\n", 1)[1].replace("<br>", "<br/>")
                                .replace('<meta charset="utf-8">', '<meta charset="utf-8"/>'))


def test_nothing_to_chase_writes_nothing(example: Run, tmp_path: Path) -> None:
    out = tmp_path / "cv.docx"
    said = example(*LETTER[:3], "--as-of", "01/01/2022", "-o", str(out), "--record",
                   "--number", "01/CV-TCT")
    assert "nothing to chase" in said and not out.exists()


def test_the_example_letter_is_what_the_command_writes(example: Run, tmp_path: Path) -> None:
    """examples/cong-van-01-CV-TCT.docx is regenerated by examples/demo.sh's letter line."""
    script = (EXAMPLES / "demo.sh").read_text(encoding="utf-8")
    line = next(line for line in script.splitlines() if line.startswith("d letter "))
    import shlex

    args = shlex.split(line)[1:]
    args[args.index("-o") + 1] = str(tmp_path / "cv.docx")
    example(*args)
    assert texts(tmp_path / "cv.docx") == texts(EXAMPLES / "cong-van-01-CV-TCT.docx")


def test_libreoffice_opens_the_letter(example: Run, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .docx is checked with "
                    "python-docx only")
    out = tmp_path / "cv.docx"
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(out))
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "txt:Text (encoded):UTF8", "--outdir",
                           str(tmp_path), str(out)], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "cv.txt").read_text(encoding="utf-8-sig")
    assert "Hà Nội, ngày 20 tháng 02 năm 2023" in text and "Kính gửi:" in text
    assert all(row["content"] in text for row in overdue(example))
    # As laid out on the page: the national motto on one line (Nghị định 30).
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    import pdfplumber

    with pdfplumber.open(tmp_path / "cv.pdf") as pdf:
        lines = unicodedata.normalize("NFC", pdf.pages[0].extract_text()).splitlines()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines), lines[:6]


def test_template_bytes_are_a_docx(example: Run, tmp_path: Path) -> None:
    made = tmp_path / "mau.docx"
    example("letter", "template", "-o", str(made))
    with zipfile.ZipFile(io.BytesIO(made.read_bytes())) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "{{ issuer|upper }}" in xml and "{%tr for t in u.tasks %}" in xml


def readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"<!-- {marker} -->\n```", 1)[1].split("\n", 1)[1].split("```", 1)[0]


def test_the_readme_shows_the_example_letter(example: Run) -> None:
    """The README's command is demo.sh's letter line, and its markdown what the command
    writes for one unit."""
    import shlex

    command = shlex.split(readme_block("letter-example").replace("\\\n", " "))
    assert command[:2] == ["dondoc", "letter"]
    args = command[1:command.index("-o")]
    script = (EXAMPLES / "demo.sh").read_text(encoding="utf-8")
    demo = shlex.split(next(line for line in script.splitlines()
                            if line.startswith("d letter ")))[1:]
    assert [a for a in demo[:demo.index("-o")] if a != "--quiet"] == args
    assert example(*args, "--unit", "BAVI", "--format", "md") == readme_block(
        "letter-md-example")


def test_remind_attaches_the_letter_to_each_message(example: Run, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    monkeypatch.setenv("DONDOC_CONFIG", str(tmp_path / "config.toml"))
    letter = tmp_path / "cong-van-01-CV-TCT.docx"
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(letter))
    example("remind", "--as-of", ON, "--out", str(tmp_path / "plain"))
    example("remind", "--as-of", ON, "--out", str(tmp_path / "eml"), "--attach-letter",
            str(letter))
    sent = sorted((tmp_path / "eml").glob("*.eml"))
    assert [p.name for p in sent] == sorted(p.name for p in (tmp_path / "plain").glob("*.eml"))
    assert sent
    for path in sent:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        plain = message_from_bytes((tmp_path / "plain" / path.name).read_bytes(),
                                   policy=policy.default)
        assert isinstance(message, EmailMessage) and isinstance(plain, EmailMessage)
        attached = list(message.iter_attachments())
        assert [a.get_filename() for a in attached] == [letter.name]
        assert attached[0].get_content_type() == ("application/vnd.openxmlformats-"
                                                  "officedocument.wordprocessingml.document")
        assert attached[0].get_content() == letter.read_bytes()
        for kind in ("plain", "html"):
            body, before = message.get_body((kind,)), plain.get_body((kind,))
            assert body is not None and before is not None
            assert body.get_content() == before.get_content()


def test_letters_and_their_reminders_are_kept_as_they_were(example: Run, tmp_path: Path
                                                           ) -> None:
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "a.docx"), "--record")
    with connected.opened(write=True) as conn:
        # SQLite's REPLACE deletes the row it replaces; PostgreSQL has no REPLACE (and refuses
        # a TRUNCATE of letter for reminder's foreign key).
        replacing = () if conn.dialect.postgresql else (
            "INSERT OR REPLACE INTO letter SELECT * FROM letter WHERE id = 1",)
        for statement in ("UPDATE letter SET number = '02/CV-TCT'", "DELETE FROM letter",
                          *replacing):
            with pytest.raises(sqlite3.IntegrityError, match="never"):
                conn.execute(statement)
        for letter_id, channel in ((None, "letter"), (1, "email"), (99, "letter")):
            with pytest.raises(sqlite3.IntegrityError, match="letter"):
                conn.execute("""INSERT INTO reminder (task_id, unit_id, on_date, channel,
                                                      address, recorded_at, letter_id)
                                SELECT task_id, unit_id, on_date, ?, address, recorded_at, ?
                                FROM reminder LIMIT 1""", (channel, letter_id))


def test_a_recorded_letter_does_not_stop_the_e_mail_that_carries_it(
        example: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's flow: record the signed letter, then e-mail it the same day."""
    monkeypatch.setenv("DONDOC_CONFIG", str(tmp_path / "config.toml"))
    letter = tmp_path / "cv.docx"
    example("remind", "--as-of", ON, "--out", str(tmp_path / "before"))
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(letter), "--record")
    out = example("remind", "--as-of", ON, "--out", str(tmp_path / "eml"), "--attach-letter",
                  str(letter))
    assert "reminded on" not in out
    assert sorted(p.name for p in (tmp_path / "eml").glob("*.eml")) == sorted(
        p.name for p in (tmp_path / "before").glob("*.eml"))
    assert list((tmp_path / "eml").glob("*.eml"))


def test_a_number_is_number_slash_symbol_and_01_is_1(example: Run, tmp_path: Path) -> None:
    """A number-symbol is <số>/<ký hiệu> (Nghị định 30); 01/CV-TCT and 1/CV-TCT are the same
    number, so the second is refused for the same issuer and year."""
    for bad in ("abc", "01", "CV-TCT/01", "01/", "01/CV TCT"):
        error = example.fails(*LETTER, "--number", bad, "-o", str(tmp_path / "x.docx"))
        assert error.count("\n") == 1 and repr(bad) in error and "01/CV-TCT" in error, error
    assert not (tmp_path / "x.docx").exists()
    example(*LETTER, "--number", "45/2023/CV-TCT", "-o", str(tmp_path / "x.docx"))
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "a.docx"), "--record")
    before = reminders()
    for same in ("1/CV-TCT", "001/cv-tct"):
        error = example.fails(*LETTER, "--number", same, "-o", str(tmp_path / "b.docx"),
                              "--record")
        assert error.count("\n") == 1 and "in the register already" in error
    assert reminders() == before and not (tmp_path / "b.docx").exists()
    example(*LETTER, "--number", "10/CV-TCT", "-o", str(tmp_path / "c.docx"), "--record")


def test_the_format_follows_the_output_s_extension(example: Run, tmp_path: Path) -> None:
    md = example(*LETTER, "--number", "01/CV-TCT", "--format", "md")
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "thu.md"))
    assert (tmp_path / "thu.md").read_text(encoding="utf-8") == md
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "thu.html"))
    assert (tmp_path / "thu.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    example(*LETTER, "--number", "01/CV-TCT", "-o", str(tmp_path / "cv.docx"))
    assert zipfile.is_zipfile(tmp_path / "cv.docx")
    example(*LETTER, "--number", "01/CV-TCT", "--format", "md", "-o", str(tmp_path / "thu.txt"))
    assert (tmp_path / "thu.txt").read_text(encoding="utf-8") == md
    for fmt, name in (("md", "x.docx"), ("docx", "x.md"), ("html", "x.md")):
        error = example.fails(*LETTER, "--format", fmt, "-o", str(tmp_path / name), code=2)
        assert error.count("\n") == 1 and f"--format {fmt}" in error and name in error
        assert not (tmp_path / name).exists()
    error = example.fails(*LETTER, "-o", str(tmp_path / "x.txt"), code=2)
    assert error.count("\n") == 1 and "'.txt'" in error and not (tmp_path / "x.txt").exists()


def test_the_reply_date_is_after_the_letter_s(example: Run, tmp_path: Path) -> None:
    for before in ("10/02/2023", "20/02/2023"):
        error = example.fails(*LETTER[:5], "--as-of", AS_OF, "--on", ON, "--reply-by", before,
                              "-o", str(tmp_path / "x.docx"))
        assert error.count("\n") == 1 and before in error and ON in error, error
    assert not (tmp_path / "x.docx").exists()
    md = example(*LETTER[:5], "--as-of", AS_OF, "--on", ON, "--reply-by", "21/02/2023",
                 "--format", "md")
    assert "trước ngày 21/02/2023." in md  # strictly before, as --help says
    assert 'before this day: the letter says "trước ngày DD/MM/YYYY", strictly before' in \
        " ".join(example("letter", "--help").split())


def test_without_signer_or_position_no_empty_lines(example: Run) -> None:
    md = example(*LETTER[:5], "--as-of", AS_OF, "--on", ON, "--format", "md")
    assert "****" not in md and "\n\n\n" not in md and "Nơi nhận" in md
    page = example(*LETTER[:5], "--as-of", AS_OF, "--on", ON, "--format", "html")
    assert "<strong></strong>" not in page
    md = example(*LETTER[:5], "--as-of", AS_OF, "--on", ON, "--signer", "Nguyễn Văn A",
                 "--format", "md")
    assert "\n\n**Nguyễn Văn A**\n\n***Nơi nhận:***" in md and "****" not in md


def test_a_folder_that_cannot_be_written_is_one_line(example: Run, tmp_path: Path) -> None:
    """A missing folder, or a file where a folder should be: one line, exit 1, nothing
    recorded (the letter is kept only with its file), for the letter, its template and the
    reminders written as .eml files."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    before = reminders()
    for target in (tmp_path / "missing" / "cv.docx", blocker / "cv.docx"):
        error = example.fails(*LETTER, "--number", "01/CV-TCT", "-o", str(target), "--record")
        assert error.startswith(f"dondoc: error: cannot write {target}: ") and \
            error.count("\n") == 1, error
        error = example.fails("letter", "template", "-o", str(target))
        assert error.startswith(f"dondoc: error: cannot write {target}: "), error
    assert reminders() == before
    error = example.fails("remind", "--as-of", ON, "--out", str(blocker / "eml"))
    assert error.startswith(f"dondoc: error: cannot write {blocker / 'eml'}/"), error
    assert error.count("\n") == 1
