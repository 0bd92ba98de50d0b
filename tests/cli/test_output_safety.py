"""Output that cannot carry an attack: hostile task contents, unit names, titles and notes come
out of every --format markdown, html and csv as their text, never as markup or a formula."""

from __future__ import annotations

import csv
import html
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import Run

from dondoc.cli.render import Format, cols, render

# What comes out is the renderer's business, not the register's: run once, on a file (the
# same text through a server register: tests/test_dialects.py and the export round trip).
pytestmark = pytest.mark.sqlite_only

# Markup, an entity, quotes, the end of a CDATA section, a line break, a tab and a vertical tab
# (a control character XML cannot hold), a markdown column separator, emphasis and a link.
CONTENT = ("line1\r\nline2 | a | b <script>alert(1)</script> & &amp; \"q\" 'a' ]]>"
           " \\| *em* _u_ [x](javascript:alert(1)) \x0b\tend")
UNIT = '<img src=x onerror="alert(1)"> | Sở & Cục'
TITLE = "<iframe>]]></iframe> | title"
NOTE = "=cmd|' /C calc'!A0"
LEADER = '=HYPERLINK("http://evil.example","bấm")'
HOLIDAY = "<b>Nghỉ</b> | lễ"
FORMULAS = ["=1+2", "+1 Lê", "-3 phường", "@SUM(A1)"]  # csv text cells a spreadsheet runs
UNIT_FORMULA, TASK_FORMULA = "-3 phường", "@SUM(A1)"
AS_OF = "10/03/2023"


@pytest.fixture
def hostile(dondoc: Run) -> Run:
    """A register whose every text a person typed is hostile."""
    dondoc("unit", "add", UNIT, "--code", "EVIL")
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023", "--title", TITLE)
    dondoc("task", "add", "847/QĐ-UBND", CONTENT, "--unit", "EVIL", "--due", "01/03/2023",
           "--leader", LEADER, "--co-unit", "SXD")
    dondoc("progress", "1", NOTE, "--on", "20/02/2023")
    dondoc("task", "edit", "1", "--officer", "<u>x</u> | y", "--note", NOTE, "--fix")
    dondoc("calendar", "add-holiday", "10/10/2023", HOLIDAY)
    # Texts a spreadsheet would run, in each kind of list.
    dondoc("unit", "add", "--code", "F", "--", UNIT_FORMULA)
    dondoc("task", "add", "847/QĐ-UBND", TASK_FORMULA, "--unit", "F", "--due", "01/03/2023")
    dondoc("directive", "add", "12/CT-UBND", "--issued", "01/02/2023", "--title", "=1+2")
    dondoc("calendar", "add-holiday", "11/10/2023", "+1 ngày")
    return dondoc


# Every command that takes --format, with the hostile text it shows.
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "overdue": (["overdue", "--as-of", AS_OF], [CONTENT, UNIT, LEADER, NOTE]),
    "overdue --summary": (["overdue", "--summary", "--as-of", AS_OF], [UNIT]),
    "due": (["due", "--as-of", "20/02/2023", "--within", "30"], [CONTENT, UNIT, NOTE]),
    "completion": (["completion", "--as-of", AS_OF], [UNIT]),
    "task list": (["task", "list", "--as-of", AS_OF], [CONTENT, UNIT]),
    "task show": (["task", "show", "1", "--as-of", AS_OF], [CONTENT, UNIT, LEADER, NOTE]),
    "directive list": (["directive", "list"], [TITLE]),
    "directive show": (["directive", "show", "847/QD-UBND", "--as-of", AS_OF],
                       [TITLE, CONTENT, UNIT]),
    "unit list": (["unit", "list"], [UNIT]),
    "changes": (["changes"], [NOTE, "<u>x</u> | y"]),
    "calendar show": (["calendar", "show", "2023"], [HOLIDAY]),
    "info": (["info"], []),
}


def _text(element: ET.Element) -> str:
    """An element's text as a browser reads it: <br/> is a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "br" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Strict(HTMLParser):
    """Every tag closed, in order, and no element but those a table or a record is made of."""

    ALLOWED = {"div", "dl", "dt", "dd", "p", "table", "thead", "tbody", "tr", "th", "td", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED, tag
        assert all(name == "style" for name, _ in attrs) or tag == "div", attrs
        self.open.append(tag)  # <br/> is closed at once (handle_startendtag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, tag


@pytest.mark.parametrize("name", COMMANDS)
def test_html_is_one_well_formed_element_showing_the_text(hostile: Run, name: str) -> None:
    args, shown = COMMANDS[name]
    out = hostile(*args, "--format", "html")
    root = ET.fromstring(out)  # one element, every tag closed, every entity known to XML
    assert root.tag in ("table", "div", "dl")
    strict = _Strict()
    strict.feed(out)
    strict.close()
    assert strict.open == []
    cells = [_text(cell).strip() for cell in root.iter() if cell.tag in ("td", "dd", "p")]
    for text in shown:
        # The text as typed (trimmed, its line break read back as one); the vertical tab,
        # which XML cannot hold, as U+FFFD.
        expected = text.replace("\r\n", "\n").replace("\x0b", "\ufffd")
        assert expected in cells, (expected, cells)


def _markdown_cells(line: str) -> list[str]:
    """A GitHub table row's cells, split at the pipes no backslash escapes."""
    cells, cell, chars = [], "", iter(line.strip()[1:-1])
    for ch in chars:
        if ch == "\\":
            cell += ch + next(chars)
        elif ch == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += ch
    return [*cells, cell]


def _rendered(cell: str) -> str:
    """What GitHub shows for a cell dondoc writes: escapes taken off, <br> a line break."""
    out, chars = "", iter(cell.strip().replace("<br>", "\n"))
    for ch in chars:
        out += next(chars) if ch == "\\" else ch
    return html.unescape(out)


@pytest.mark.parametrize("name", [n for n in COMMANDS if COMMANDS[n][1]])
def test_markdown_keeps_each_text_in_its_cell_as_typed(hostile: Run, name: str) -> None:
    args, shown = COMMANDS[name]
    out = hostile(*args, "--format", "markdown")
    assert "<script" not in out and "<img" not in out and "<iframe" not in out
    rows = [line for line in out.split("\n") if line.startswith("|")]
    assert rows, out
    cells = [_rendered(cell) for line in rows for cell in _markdown_cells(line)]
    # A record (task show, directive show) is a list of "- Label: value" lines.
    cells += [_rendered(line.split(": ", 1)[1]) for line in out.split("\n")
              if line.startswith("- ") and ": " in line]
    for text in shown:
        assert text.replace("\r\n", "\n") in cells, (text, cells)
    # No row has more cells than its table's header: a text never splits into columns.
    for table in out.split("\n\n"):
        lines = [line for line in table.split("\n") if line.startswith("|")]
        assert len({len(_markdown_cells(line)) for line in lines}) <= 1, table


# Each report's csv, and the text in it that starts as a formula does.
CSV_FORMULAS = {
    "overdue": [LEADER, NOTE, TASK_FORMULA, UNIT_FORMULA],
    "overdue --summary": [UNIT_FORMULA],
    "due": [LEADER, NOTE, TASK_FORMULA, UNIT_FORMULA],
    "completion": [UNIT_FORMULA],
    "task list": [TASK_FORMULA, UNIT_FORMULA],
    "task show": [NOTE],
    "directive list": ["=1+2"],
    "directive show": [TASK_FORMULA, UNIT_FORMULA],
    "unit list": [UNIT_FORMULA],
    "changes": [NOTE],
    "calendar show": ["+1 ngày"],
}


@pytest.mark.parametrize("name", CSV_FORMULAS)
def test_report_csv_quotes_what_a_spreadsheet_would_run(hostile: Run, name: str) -> None:
    args, _ = COMMANDS[name]
    rows = list(csv.reader(io.StringIO(hostile(*args, "--format", "csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell.startswith(tuple("=+@\t\r")), (cell, rows)
        # A minus starts only a number, or a quoted text.
        assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), cell
    for text in CSV_FORMULAS[name]:
        assert "'" + text in cells, (text, rows)


def test_numbers_stay_numbers_in_csv() -> None:
    """No report writes a negative number today; the rule keeps one a number if it does, and
    quotes the same characters in a text column."""
    out = io.StringIO()
    render([{"n": -3, "rate": -0.5, "text": "-3", "day": "2023-03-01"}],
           cols("n:int", "rate:rate", "text", "day:date"), Format.CSV, "en", out)
    assert out.getvalue() == "n,rate,text,day\n-3,-0.5,'-3,2023-03-01\n"


def test_report_csv_and_export_quote_alike(dondoc: Run) -> None:
    for i, name in enumerate(FORMULAS):
        dondoc("unit", "add", "--code", f"U{i}", "--", name)
    listed = list(csv.reader(io.StringIO(dondoc("unit", "list", "--format", "csv"))))
    exported = list(csv.reader(io.StringIO(dondoc("export", "--what", "units",
                                                  "--format", "csv"))))
    assert {row[0]: row[1] for row in listed[1:]} == {f"U{i}": "'" + name
                                                      for i, name in enumerate(FORMULAS)}
    assert {row[0]: row[1] for row in exported[1:]} == {row[0]: row[1] for row in listed[1:]}


def test_what_a_report_csv_quoted_imports_as_typed(dondoc: Run, tmp_path: Path) -> None:
    """A unit list and a task list saved as csv import into another register as the text
    typed, apostrophes taken off."""
    for i, name in enumerate(FORMULAS):
        dondoc("unit", "add", "--code", f"U{i}", "--", name)
    dondoc("directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023")
    for i, content in enumerate([LEADER, NOTE, "'quoted", *FORMULAS]):
        dondoc("task", "add", "--unit", f"U{i % 4}", "--due", "01/03/2023",
               "--leader", FORMULAS[i % 4], "--", "847/QĐ-UBND", content)
    units, tasks = tmp_path / "units.csv", tmp_path / "tasks.csv"
    units.write_text(dondoc("unit", "list", "--format", "csv"), encoding="utf-8")
    tasks.write_text(dondoc("task", "list", "--format", "csv", "--as-of", AS_OF, "--columns",
                            "directive,code,content,unit,leader,assigned,due"),
                     encoding="utf-8")
    other = str(tmp_path / "other.sqlite3")
    dondoc("--db", other, "import", str(units), "--what", "units")
    dondoc("--db", other, "directive", "add", "847/QĐ-UBND", "--issued", "14/02/2023")
    dondoc("--db", other, "import", str(tasks), "--what", "tasks")

    def listing(*args: str) -> list[dict[str, object]]:
        found: list[dict[str, object]] = json.loads(dondoc(*args, "--format", "json"))
        return found

    def names(db: str | None) -> list[object]:
        where = ["--db", db] if db else []
        return [u["name"] for u in listing(*where, "unit", "list")]

    def contents(db: str | None) -> list[tuple[object, ...]]:
        where = ["--db", db] if db else []
        return [(t["content"], t["unit"], t["leader"])
                for t in listing(*where, "task", "list", "--as-of", AS_OF)]

    assert names(other) == names(None) == sorted(FORMULAS, key=names(None).index)
    assert sorted(map(str, names(other))) == sorted(FORMULAS)
    assert contents(other) == contents(None)
    assert [c for c, _, _ in contents(other)] == [LEADER, NOTE, "'quoted", *FORMULAS]


def test_no_control_character_reaches_a_terminal(office: Run) -> None:
    """ESC and the other control characters a terminal obeys (colours, cursor moves, window
    titles) are shown as U+FFFD in what goes to a terminal, never passed on (markdown and html
    escape what they must in their own way)."""
    office("task", "add", "847/QĐ-UBND", "Xoá màn hình\x1b[2J\x1b]0;owned\x07 rồi", "--unit",
           "SXD", "--due", "16/02/2023")
    for fmt in ("table", "plain"):
        out = office("task", "list", "--as-of", "20/02/2023", "--format", fmt)
        assert "\x1b" not in out and "\x07" not in out, fmt
        assert "Xoá màn hình\ufffd" in out and "owned\ufffd rồi" in out, fmt
    out = office("task", "show", "847/QĐ-UBND#5")
    assert "\x1b" not in out and "Xoá màn hình\ufffd[2J" in out
