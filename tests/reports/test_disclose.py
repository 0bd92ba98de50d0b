"""dondoc disclose, the quarterly public list, through the real command: who is listed, with
what counts, agreeing with `overdue` and `completion` as of the period's end; unchanged by what
is recorded after it; every format readable by the library that reads it; and completion
--chart."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import connected
import pytest
from conftest import EXAMPLES, Run, copy_example

from dondoc.cli import app


@pytest.fixture
def quarter(office: Run) -> Run:
    """The office's tasks as the first quarter of 2023 ends (office: Đông Anh's #1 due 15/03,
    SXD's #2 due 01/03 with its officer Bùi Thanh Tùng, Vân Nội's #3 due 20/02, SXD's #4
    standing), and SXD's #5 due 10/03, also Tùng's."""
    office("task", "add", "847/QĐ-UBND", "Báo cáo quý I", "--unit", "SXD", "--due", "10/03/2023",
           "--officer", "Bùi Thanh Tùng")
    office("done", "847/QĐ-UBND#2", "--on", "25/02/2023")  # on time
    office("done", "847/QĐ-UBND#3", "--on", "10/03/2023")  # 18 days late
    office("progress", "847/QĐ-UBND#5", "Đang tổng hợp số liệu", "--on", "20/03/2023")
    office("progress", "847/QĐ-UBND#1", "Chờ ý kiến Sở Xây dựng", "--on", "01/03/2023")
    return office


def listing(run: Run, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(run("disclose", "--quarter", "2023-Q1", "-f", "json",
                                           *args))
    return found


def counts(group: dict[str, Any]) -> tuple[Any, ...]:
    return (group["name"], group["late"], group["open_overdue"], group["done_late"],
            group["days_late_total"], group["done_on_time"], group["judged"])


def test_the_units_leaders_and_officers_late_in_the_quarter(quarter: Run) -> None:
    found = listing(quarter)
    assert (found["from"], found["to"], found["period"]) == ("2023-01-01", "2023-03-31",
                                                             "2023-Q1")
    # Most late first: all three one task late, SXD's 21 days (10/03 to 31/03), Vân Nội's 18
    # (done 10/03, due 20/02), Đông Anh's 16 (15/03 to 31/03); SXD also did #2 on time.
    assert [counts(g) for g in found["unit"]] == [
        ("Sở Xây dựng", 1, 1, 0, 21, 1, 2),
        ("UBND xã Vân Nội", 1, 0, 1, 18, 0, 1),
        ("UBND huyện Đông Anh", 1, 1, 0, 16, 0, 1)]
    assert [g["rate_on_time"] for g in found["unit"]] == [0.5, 0.0, 0.0]
    [sxd] = [g for g in found["unit"] if g["name"] == "Sở Xây dựng"]
    assert [(t["code"], t["status"], t["days_late"], t["last_progress"]) for t in sxd["tasks"]
            ] == [("5", "open_overdue", 21, "Đang tổng hợp số liệu")]
    [da] = [g for g in found["unit"] if g["name"] == "UBND huyện Đông Anh"]
    assert da["tasks"][0]["last_progress"] == "Chờ ý kiến Sở Xây dựng"
    # People: those named first; the tasks with nobody recorded last.
    assert [counts(g) for g in found["leader"]] == [
        ("Nguyễn Xuân Linh", 1, 1, 0, 16, 0, 1), (None, 2, 1, 1, 39, 1, 3)]
    assert [counts(g) for g in found["officer"]] == [
        ("Bùi Thanh Tùng", 1, 1, 0, 21, 1, 2), (None, 2, 1, 1, 34, 0, 2)]


def test_it_agrees_with_overdue_and_completion_at_the_quarters_end(quarter: Run) -> None:
    found = listing(quarter)
    overdue = json.loads(quarter("overdue", "--as-of", "31/03/2023", "-f", "json"))
    listed_open = {t["id"]: t["days_late"] for g in found["unit"] for t in g["tasks"]
                   if t["status"] == "open_overdue"}
    assert listed_open == {r["id"]: r["days_overdue"] for r in overdue}
    # Every task was assigned and done within the quarter, so completion as of its end counts
    # the same tasks.
    for by in ("unit", "leader", "officer"):
        table = json.loads(quarter("completion", "--as-of", "31/03/2023", "--by", by,
                                   "-f", "json"))
        expected = {r[by]: (r["done_on_time"], r["done_late"], r["open_overdue"])
                    for r in table if r["done_on_time"] + r["done_late"] + r["open_overdue"]}
        assert {g["name"]: (g["done_on_time"], g["done_late"], g["open_overdue"])
                for g in found[by]} == expected


def test_the_list_of_a_past_quarter_never_changes(quarter: Run) -> None:
    before = quarter("disclose", "--quarter", "2023-Q1", "-f", "json")
    html_before = quarter("disclose", "--quarter", "2023-Q1", "-f", "html")
    quarter("done", "847/QĐ-UBND#1", "--on", "03/04/2023")
    quarter("extend", "847/QĐ-UBND#5", "--to", "30/04/2023", "--on", "02/04/2023",
            "--ref", "Công văn số 99/UBND")
    quarter("progress", "847/QĐ-UBND#5", "Đã xong 90%", "--on", "05/04/2023")
    quarter("reopen", "847/QĐ-UBND#3", "--on", "04/04/2023")
    quarter("task", "add", "847/QĐ-UBND", "Việc quý II", "--unit", "SXD", "--due", "02/04/2023")
    assert quarter("disclose", "--quarter", "2023-Q1", "-f", "json") == before
    assert quarter("disclose", "--quarter", "2023-Q1", "-f", "html") == html_before
    # ... and it is the as-of rule, not a frozen copy: the second quarter sees those records.
    q2 = json.loads(quarter("disclose", "--quarter", "2023-Q2", "-f", "json"))
    # SXD's #5 (now due 30/04) and the new task are open and late; Vân Nội's #3, reopened,
    # is late again; Đông Anh's #1 was done late, on 03/04.
    assert [(g["name"], g["late"], g["done_late"]) for g in q2["unit"]] == [
        ("Sở Xây dựng", 2, 0), ("UBND xã Vân Nội", 1, 0), ("UBND huyện Đông Anh", 1, 1)]


def test_a_period_by_its_days(quarter: Run) -> None:
    """To 05/03: Vân Nội's #3 (due 20/02) is open and 13 days late; nothing else is due."""
    found = json.loads(quarter("disclose", "--from", "01/02/2023", "--to", "05/03/2023",
                               "-f", "json"))
    assert [counts(g) for g in found["unit"]] == [
        ("UBND xã Vân Nội", 1, 1, 0, 13, 0, 1), ("Sở Xây dựng", 0, 0, 0, 0, 1, 1)]
    # Done on time before the period: not in it.
    later = json.loads(quarter("disclose", "--from", "01/03/2023", "--to", "05/03/2023",
                               "-f", "json"))
    assert [g["name"] for g in later["unit"]] == ["UBND xã Vân Nội"]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_page_stands_alone_with_its_chart(quarter: Run) -> None:
    page = Page()
    source = quarter("--lang", "vi", "disclose", "--quarter", "2023-Q1", "-f", "html")
    page.feed(source)
    assert page.tags[:3] == ["html", "head", "meta"]
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attributes if a[0] in ("src", "href") or a[0].startswith("on")]
    assert "@page" in source and "A4" in source
    assert page.tags.count("svg") == 1
    ids = {value for name, value in page.attributes if name == "id"}
    assert {i for i in ids if i and i.startswith(("rate-", "late-"))} == {
        "rate-0", "rate-1", "rate-2", "late-0", "late-1", "late-2"}  # a bar per unit, twice
    text = " ".join(page.text)
    assert "CÔNG KHAI" in text.upper() and "Sở Xây dựng" in text
    assert "Đang tổng hợp số liệu" in text and "31/03/2023" in text and "50,00%" in text


def test_the_documents_open(quarter: Run, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    quarter("--lang", "vi", "disclose", "--quarter", "2023-Q1", "-o", str(tmp_path / "q.docx"))
    document = Document(str(tmp_path / "q.docx"))
    assert "CÔNG KHAI" in document.paragraphs[0].text
    assert len(document.inline_shapes) == 1  # the chart
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert {"Sở Xây dựng", "UBND xã Vân Nội", "Bùi Thanh Tùng", "Nguyễn Xuân Linh"} <= set(cells)
    assert "Báo cáo quý I" in cells and "Hoàn thành quá hạn (10/03/2023)" in cells

    quarter("disclose", "--quarter", "2023-Q1", "-o", str(tmp_path / "q.xlsx"))
    book = load_workbook(tmp_path / "q.xlsx")
    assert book.sheetnames == ["Units", "Leaders", "Officers"]
    rows = list(book["Units"].iter_rows(values_only=True))
    header = rows.index(("Lead unit", "Late tasks", "Open, overdue", "Done late",
                         "Days late, in all", "Most days late", "Done on time",
                         "Tasks due in the period", "On-time rate"))
    assert rows[header + 1] == ("Sở Xây dựng", 1, 1, 0, 21, 21, 1, 2, 0.5)
    assert not (tmp_path / ".q.xlsx.partial").exists()

    rows_csv = list(csv.DictReader(io.StringIO(quarter("disclose", "--quarter", "2023-Q1",
                                                       "-f", "csv"))))
    assert [(r["section"], r["name"], r["task_id"], r["days_late"]) for r in rows_csv] == [
        ("unit", "Sở Xây dựng", "5", "21"), ("unit", "UBND xã Vân Nội", "3", "18"),
        ("unit", "UBND huyện Đông Anh", "1", "16"), ("leader", "Nguyễn Xuân Linh", "1", "16"),
        ("leader", "", "5", "21"), ("leader", "", "3", "18"),
        ("officer", "Bùi Thanh Tùng", "5", "21"), ("officer", "", "3", "18"),
        ("officer", "", "1", "16")]
    markdown = quarter("disclose", "--quarter", "2023-Q1", "-f", "markdown")
    assert "| Sở Xây dựng " in markdown and "| Bùi Thanh Tùng " in markdown
    table = quarter("disclose", "--quarter", "2023-Q1")
    assert "Sở Xây dựng" in table and "50.00%" in table


def test_a_workbook_to_a_pipe_and_markdown_to_a_file(quarter: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = quarter.runner.invoke(app, ["disclose", "--quarter", "2023-Q1", "-f", "xlsx"])
    assert result.exit_code == 0
    book = load_workbook(io.BytesIO(result.stdout_bytes))
    assert book["Officers"]["A5"].value == "Bùi Thanh Tùng"
    out = tmp_path / "lists"
    out.mkdir()
    quarter("disclose", "--quarter", "2023-Q1", "-o", str(out / "q.md"))
    text = (out / "q.md").read_text(encoding="utf-8")
    assert text.startswith("# Public list") and "## III. Officers" in text
    assert [p.name for p in out.iterdir()] == ["q.md"]  # nothing partial left


@pytest.mark.parametrize(("args", "says"), [
    (("--quarter", "2023-Q5"), "--quarter '2023-Q5' is not a quarter"),
    (("--quarter", "2023-Q1", "--from", "01/01/2023"), "both name the period"),
    (("--from", "01/01/2023"), "no period"),
    (("--from", "01/04/2023", "--to", "01/01/2023"), "--from 01/04/2023 is after --to"),
    (("--quarter", "2023-Q1", "-o", "list.pdf"), "no format for the extension '.pdf'"),
])
def test_bad_periods_and_files_are_refused_in_one_line(office: Run, tmp_path: Path,
                                                       args: tuple[str, ...], says: str) -> None:
    result = office.invoke("disclose", *args)
    assert result.exit_code != 0 and result.stdout == ""
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_completion_chart_fits_80_columns(quarter: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = quarter("completion", "--as-of", "31/03/2023", "--chart").splitlines()
    assert out[0] == "As of 31/03/2023"
    bars = {m[1].strip(): m.groups()[1:] for m in map(BAR.fullmatch, out[2:]) if m}
    assert len(bars) == len(out) - 2
    assert set(bars) == {"Sở Xây dựng", "UBND huyện Đông Anh", "UBND xã Vân Nội"}
    assert max(map(len, out)) <= 80
    # SXD: 1 done on time of 2 due, 1 overdue (the most: the whole overdue bar); Vân Nội: its
    # one task done late, none open; Đông Anh: its one task overdue.
    assert bars["Sở Xây dựng"] == ("#" * 10 + "." * 10, "50%", "*" * 20, "1")
    assert bars["UBND xã Vân Nội"] == ("." * 20, "0%", "", "0")
    assert bars["UBND huyện Đông Anh"] == ("." * 20, "0%", "*" * 20, "1")


# name, the rate's bar, the rate, the overdue bar, the count: ASCII in a pipe.
BAR = re.compile(r"(.+?) ([#.]{20}) +(\S+)  (\**) (\d+)")


def test_the_example_page_is_what_the_command_writes(tmp_path: Path,
                                                     example_register: Path) -> None:
    """examples/cong-khai-2023-Q1.html (examples/cong-khai.sh) is today's command's output on
    the example register; the chart is compared by its bars, not its bytes (they follow the
    version of matplotlib)."""
    db = copy_example(example_register, tmp_path / "example.sqlite3")
    page = Run()("--db", connected.on_test_database(db), "--lang", "vi", "disclose",
                 "--quarter", "2023-Q1", "-f", "html")
    kept = (EXAMPLES / "cong-khai-2023-Q1.html").read_text(encoding="utf-8")
    assert SVG.sub("", page) == SVG.sub("", kept)
    assert BARS.findall(page) == BARS.findall(kept) and len(BARS.findall(page)) == 24


SVG = re.compile(r"<svg.*?</svg>", re.S)
BARS = re.compile(r'id="((?:rate|late)-\d+)"')


HOSTILE = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR",
           "#N/A"]


def test_no_text_in_the_workbook_is_a_formula(dondoc: Run, tmp_path: Path) -> None:
    """Names, contents, codes and notes a user typed are text in every sheet, however they
    start: never a formula a spreadsheet runs."""
    import zipfile

    from openpyxl import load_workbook

    dondoc("unit", "add", "=1+1", "--code", "U1")
    dondoc("directive", "add", "12/TB-UBND", "--issued", "02/01/2023")
    for n, text in enumerate(HOSTILE, 1):
        dondoc("task", "add", "--unit", "U1", "--due", "10/01/2023", "--code", f"{n}",
               f"--leader={text} L", f"--officer={text}", "--", "12/TB-UBND", text)
        dondoc("progress", "--on", "01/03/2023", "--", f"12/TB-UBND#{n}", text)
    dondoc("task", "add", "12/TB-UBND", "Báo cáo", "--unit", "U1", "--due", "10/01/2023",
           "--code", "=2+2")
    out = tmp_path / "q.xlsx"
    dondoc("disclose", "--quarter", "2023-Q1", "-o", str(out))
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml for xml in sheets)
    book = load_workbook(out)
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}
    texts = {c.value for c in cells}
    # Each sheet names the unit, the leaders or the officers; the tasks' texts are in each.
    assert {"=1+1", "12/TB-UBND", "=2+2", '=HYPERLINK("http://x","bấm") L', "@SUM(A1)",
            "#N/A", "+1+1", "-2+3"} <= texts, texts
    # The page and the document show the same texts as text.
    from docx import Document

    dondoc("task", "edit", "12/TB-UBND#1", "--officer", "<b>x</b> & y")
    dondoc("disclose", "--quarter", "2023-Q1", "-o", str(tmp_path / "q.html"))
    page = (tmp_path / "q.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page and "<b>x" not in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;bấm&quot;)" in page
    dondoc("disclose", "--quarter", "2023-Q1", "-o", str(tmp_path / "q.docx"))
    words = {c.text for table in Document(str(tmp_path / "q.docx")).tables
             for row in table.rows for c in row.cells}
    assert {"<b>x</b> & y", '=HYPERLINK("http://x","bấm")', "@SUM(A1)"} <= words


def test_a_folder_that_cannot_be_written_is_one_line(quarter: Run, tmp_path: Path) -> None:
    for name in ("q.html", "q.docx", "q.csv"):
        path = tmp_path / "missing" / name
        error = quarter.fails("disclose", "--quarter", "2023-Q1", "-o", str(path))
        assert error == f"dondoc: error: cannot write {path}: No such file or directory " \
                        "(check the folder)\n"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    error = quarter.fails("disclose", "--quarter", "2023-Q1", "-o", str(blocker / "q.xlsx"))
    assert error.startswith(f"dondoc: error: cannot write {blocker / 'q.xlsx'}: Not a directory")
    assert not (tmp_path / "missing").exists()


def test_a_csv_file_is_written_as_export_writes_one(quarter: Run, tmp_path: Path) -> None:
    """Excel reads UTF-8 CSV as Vietnamese only with a byte-order mark: a file has one, as
    export's has, with the same line ends; standard output has none."""
    quarter("disclose", "--quarter", "2023-Q1", "-o", str(tmp_path / "q.csv"))
    quarter("export", "-o", str(tmp_path / "tasks.csv"))
    listed = (tmp_path / "q.csv").read_bytes()
    exported = (tmp_path / "tasks.csv").read_bytes()
    assert listed.startswith(b"\xef\xbb\xbfsection,name,") and exported.startswith(b"\xef\xbb\xbf")
    assert listed.split(b"\n")[0].endswith(b"\r") and exported.split(b"\n")[0].endswith(b"\r")
    assert "Sở Xây dựng" in listed.decode("utf-8-sig")
    printed = quarter.invoke("disclose", "--quarter", "2023-Q1", "-f", "csv").stdout_bytes
    assert printed == listed[3:]


def test_completion_chart_refuses_what_it_cannot_draw(quarter: Run) -> None:
    for extra, option in ((["--format", "csv"], "--format csv"),
                          (["-f", "json"], "--format json"),
                          (["--columns", "unit,rate_due"], "--columns")):
        error = quarter.fails("completion", "--as-of", "31/03/2023", "--chart", *extra)
        assert error == (f"dondoc: error: --chart draws bars for a screen: it does not go with "
                         f"{option} (drop --chart for the table, or drop {option})\n")
    assert "#" in quarter("completion", "--as-of", "31/03/2023", "--chart", "-f", "plain")


def test_an_official_spelled_several_ways_is_one_row(quarter: Run) -> None:
    """'Pham Tuan Anh', 'Phạm  Tuấn Anh' (two spaces) and 'Phạm Tuấn Anh' are one officer, as
    `mine` finds them: one row in completion and in the public list, named as first recorded;
    a name is written single-spaced."""
    quarter("directive", "add", "12/TB-UBND", "--issued", "02/01/2023")
    for n, (officer, leader) in enumerate([("Phạm Tuấn Anh", "Trần Đình Cảnh"),
                                           ("Pham Tuan Anh", "tran dinh canh"),
                                           ("  Phạm  Tuấn Anh ", "TRẦN ĐÌNH  CẢNH")], 1):
        quarter("task", "add", "12/TB-UBND", f"Việc {n}", "--unit", "SXD", "--due",
                "10/02/2023", "--officer", officer, "--leader", leader)
    quarter("task", "edit", "12/TB-UBND#2", "--officer", "Phạm\u00a0Tuấn   Anh ")
    rows = json.loads(quarter("task", "list", "--directive", "12/TB-UBND", "--columns",
                              "officer,leader", "-f", "json"))
    assert [(r["officer"], r["leader"]) for r in rows] == [
        ("Phạm Tuấn Anh", "Trần Đình Cảnh"), ("Phạm Tuấn Anh", "tran dinh canh"),
        ("Phạm Tuấn Anh", "TRẦN ĐÌNH CẢNH")]
    quarter("task", "edit", "12/TB-UBND#2", "--officer", "Pham Tuan Anh")
    for by, name in (("officer", "Phạm Tuấn Anh"), ("leader", "Trần Đình Cảnh")):
        table = json.loads(quarter("completion", "--as-of", "31/03/2023", "--by", by,
                                   "-f", "json"))
        assert len(table) == 3  # with Tùng (Linh) and the tasks with nobody recorded
        [row] = [r for r in table if r[by] == name]
        assert (row["total"], row["open_overdue"]) == (3, 3)
    found = listing(quarter)
    assert [(g["name"], g["late"]) for g in found["officer"]][:1] == [("Phạm Tuấn Anh", 3)]
    assert [(g["name"], g["late"]) for g in found["leader"]][:1] == [("Trần Đình Cảnh", 3)]
    assert len(found["officer"]) == 3 and len(found["leader"]) == 3  # with Tùng, Linh, none
