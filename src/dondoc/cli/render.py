"""Rows -> table / plain / csv / json / markdown / html: every list and report goes through here.

On a terminal `table` is a rich table fitted to the screen (fit()): the columns a table names
least needed are left out first, and only long text wraps, at word boundaries; days late and
statuses are coloured (not with NO_COLOR). To a pipe or a file it is tabulate's "simple" layout,
with no colour codes and no wrapping to a terminal width. Rich renders ~700 rows a second
(measured), so past RICH_MAX_ROWS even a terminal gets the plain layout.

`--columns a,b,c` (pick()) chooses and orders the columns in every format.

No cell can carry markup or a formula out: markdown and html cells are escaped so that they
render as their text (markdown_text(), html_text()), html output is one element, and a csv text
cell a spreadsheet would run gets the apostrophe export gives it (sheets.quote).
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any, Literal, cast, get_args

from dondoc.dates import show_date, show_moment
from dondoc.errors import InvalidValue
from dondoc.i18n import t
from dondoc.text import format_int, format_percent

RICH_MAX_ROWS = 500


class Format(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


# html cells are escaped here (html_text), so tabulate must not escape them again.
_TABULATE = {Format.PLAIN: "plain", Format.MARKDOWN: "pipe", Format.HTML: "unsafehtml"}
MACHINE = (Format.CSV, Format.JSON)

# Long text, which alone may wrap on a terminal (at word boundaries), and the width below which
# a column of it reads badly: a narrow table leaves out another column before going under it.
# Dates, numbers, codes, directive numbers, e-mails and people's names never wrap.
WRAP = {"content": 24, "title": 24, "last_progress": 16, "note": 16, "unit": 14, "name": 22,
        "issuer": 14, "co_units": 14, "ref": 12, "day_name": 14, "status": 13,
        "old_value": 14, "new_value": 14, "void_reason": 14, "field": 10}
GAP = 2  # between two columns of the terminal table
MIN_WRAP = 8  # the narrowest a wrapping column gets, its long words broken


class ColumnKind(StrEnum):
    """What a column's values are, so how a person reads them (cols() specs name them)."""

    TEXT = "text"
    INT = "int"
    DATE = "date"  # ISO, shown day first
    MOMENT = "moment"  # recorded in UTC, read in local time
    RATE = "rate"  # a fraction, shown as a percentage
    STATUS = "status"  # a task's status, translated and coloured
    KIND = "kind"  # one of dondoc's own codes (a kind of event, of day, of unit), translated
    FIELD = "field"  # a field's name, as corrections name it
    LIST = "list"  # a list of texts
    EXTENSIONS = "extensions"  # a task's extensions, as reports.extensions_sql gives them


Shown = Literal["all", "csv", "asked"]


@dataclass(frozen=True)
class Column:
    """A column of a table a command prints: the row's key it shows, and how."""

    key: str
    kind: ColumnKind = ColumnKind.TEXT
    # Shown without --columns in: "all" formats; "csv" (and json) only; "asked" only when
    # --columns names it.
    shown: Shown = "all"

    def show(self, value: Any, lang: str) -> str:
        kind = self.kind
        if kind is ColumnKind.RATE:
            return format_percent(value, lang)
        if value is None or value == "":
            return ""
        if kind is ColumnKind.INT:
            return format_int(int(value), lang)
        if kind is ColumnKind.DATE:
            return show_date(value)
        if kind is ColumnKind.MOMENT:
            return show_moment(value)
        if kind is ColumnKind.FIELD:
            return t(f"{value}:f", lang)
        if kind in (ColumnKind.STATUS, ColumnKind.KIND):
            return t(f"{value}:v", lang)
        if kind is ColumnKind.LIST:
            return "; ".join(value)
        if kind is ColumnKind.EXTENSIONS:  # 14/03/2023 -> 31/03/2023 (Công văn số 45/UBND-KT)
            return "; ".join(
                f"{show_date(e['granted'])} -> {show_date(e['to'])}"
                + (f" ({e['ref']})" if e["ref"] else "") for e in value)
        return str(value)

    def cells(self, values: list[Any], lang: str) -> list[str]:
        """show() for a whole column: each distinct value is formatted once (a long list repeats
        its dates, statuses and day counts thousands of times)."""
        if self.kind is ColumnKind.TEXT:
            return ["" if v is None else str(v) for v in values]
        if self.kind in (ColumnKind.LIST, ColumnKind.EXTENSIONS):
            return [self.show(v, lang) for v in values]
        shown = {v: self.show(v, lang) for v in set(values)}
        return [shown[v] for v in values]


def cols(*specs: str) -> list[Column]:
    """cols("id:int", "content", "due:date", "unit_code::csv") -> columns: key, kind (default
    text), where it is shown without --columns (default all formats). A kind or a place that
    is none of those known fails when the module declaring it is loaded."""
    columns = []
    for spec in specs:
        key, kind, shown = (spec.split(":") + ["", ""])[:3]
        if shown not in ("", *get_args(Shown)):
            raise ValueError(f"column {spec!r}: {shown!r} is not one of {get_args(Shown)}")
        columns.append(Column(key, ColumnKind(kind or "text"), cast(Shown, shown or "all")))
    return columns


# A list of tasks, as `task list` and `directive show` give it.
TASK_COLUMNS = cols("id:int", "directive", "code", "content", "unit", "due:date", "status:status",
                    "leader::asked", "officer::asked", "assigned:date:asked",
                    "done_on:date:asked")
TASK_DROP = ("code",)  # a terminal too narrow for the table leaves it out


def pick(columns: Sequence[Column], chosen: str | None, fmt: Format) -> list[Column]:
    """The columns `--columns a,b,c` names, in its order; without it, those the format shows."""
    if chosen is None:
        shown = ("all", "csv") if fmt in MACHINE else ("all",)
        return [c for c in columns if c.shown in shown]
    by_key = {c.key: c for c in columns}
    keys = list(dict.fromkeys(k.strip() for k in chosen.split(",") if k.strip()))
    for key in keys or [chosen]:
        if key not in by_key:
            raise InvalidValue("--columns: no column {name!r}", "known columns: {known}",
                               name=key, known=", ".join(by_key))
    return [by_key[k] for k in keys]


def project(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> list[dict[str, Any]]:
    """Rows with only `columns`' keys, in their order (json with --columns)."""
    return [{c.key: row.get(c.key) for c in columns} for row in rows]


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    lang: str,
    out: IO[str] | None = None,
    total: dict[str, Any] | None = None,
    chosen: str | None = None,
    drop: Sequence[str] = (),
) -> None:
    """Write `rows`. Machine formats (csv, json) carry the raw values under stable keys: ISO
    dates, rates as fractions; the total row, if any, is for people and only in the others.
    `chosen` is --columns (json without it: whole rows); a terminal too narrow for the table
    leaves out the columns in `drop`, in that order, unless --columns chose them."""
    out = out or sys.stdout
    columns = pick(columns, chosen, fmt)
    if fmt is Format.JSON:
        dump_json(list(rows) if chosen is None else project(rows, columns), out)
        return
    if fmt is Format.CSV:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(c.key for c in columns)
        writer.writerows([_csv_value(c, row.get(c.key)) for c in columns] for row in rows)
        return
    by_column = [c.cells([row.get(c.key) for row in rows], lang) for c in columns]
    table = [list(cells) for cells in zip(*by_column, strict=True)]
    if fmt in (Format.TABLE, Format.PLAIN):  # for a terminal (markdown, html: escaped below)
        table = [[shown(cell) for cell in cells] for cells in table]
    total_cells = None if total is None else _total_cells(total, columns, lang)
    headers = [t(c.key, lang) for c in columns]
    aligns = [_align(c) for c in columns]
    if fmt is Format.TABLE and out.isatty() and len(table) <= RICH_MAX_ROWS:
        _rich_table(headers, table, rows, columns, total_cells,
                    () if chosen is not None else drop, out)
        return
    if total_cells is not None:
        table.append(total_cells)
    if fmt is Format.TABLE:
        out.writelines(simple_table(headers, table, aligns))
        return
    if fmt in _ESCAPE:
        escape = _ESCAPE[fmt]
        headers = [escape(h) for h in headers]
        table = [[escape(cell) for cell in cells] for cells in table]
    from tabulate import tabulate

    text = tabulate(table, headers, tablefmt=_TABULATE[fmt], disable_numparse=True,
                    colalign=aligns)
    out.write(text + "\n")


def simple_table(headers: list[str], table: list[list[str]], aligns: list[str]) -> list[str]:
    """The lines tabulate(tablefmt="simple") writes for cells that are already text, at ~15x
    its speed: tabulate re-sniffs every cell's type and strips colour codes from it, 0.45 s for
    the 4,500 rows of a long overdue list (measured). tests/cli/test_render.py holds them equal."""
    widths = [len(h) + 2 for h in headers]  # tabulate's MIN_PADDING
    if table:
        columns = zip(*table, strict=True)
        widths = [max(w, max(map(len, cells))) for w, cells in zip(widths, columns, strict=True)]
    # One format string pads a whole line; with no rows tabulate knows no column alignment
    # and puts headers left.
    layout = "  ".join(
        f"{{:{'>' if a == 'right' and table else '<'}{w}}}"
        for a, w in zip(aligns, widths, strict=True)
    )

    def line(cells: Sequence[str]) -> str:
        return layout.format(*cells).rstrip() + "\n"

    return [line(headers), "  ".join("-" * w for w in widths) + "\n", *map(line, table)]


def dump_json(value: Any, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _total_cells(total: dict[str, Any], columns: Sequence[Column], lang: str) -> list[str]:
    """The total row: "Total" in the first column that has no total (the one naming groups)."""
    cells = [c.show(total.get(c.key), lang) for c in columns]
    label = next((i for i, c in enumerate(columns) if total.get(c.key) is None), None)
    if label is not None:
        cells[label] = t("total_row", lang)
    return cells


def _csv_value(column: Column, value: Any) -> Any:
    """A raw value as a csv cell; text a spreadsheet would run as a formula gets export's
    apostrophe (a number, -3 too, stays a number: only text columns are quoted)."""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # extensions: as json writes them
            value = json.dumps(value, ensure_ascii=False)
        else:
            value = "; ".join(value)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, str) and column.kind in _TEXT_KINDS:
        from dondoc.sheets.formats import (
            quote,  # export's rule, the one for every csv dondoc writes
        )

        return quote(value)
    return value


# The kinds of column whose csv cells hold people's text; the others hold numbers, ISO dates
# and dondoc's own codes (statuses, kinds of event, field names).
_TEXT_KINDS = (ColumnKind.TEXT, ColumnKind.LIST, ColumnKind.EXTENSIONS)

# Markdown: each character that GitHub/CommonMark would read as markup (a table's column
# separator, inline html, an entity, emphasis, code, a link, a strikethrough, an escape) is
# escaped so the cell renders as its text; a line break (which would end the table row) is <br>.
_MARKDOWN = str.maketrans({
    "\\": "\\\\", "|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "\\*",
    "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]", "~": "\\~",
})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters XML 1.0 does not allow, even as a reference: C0 controls but tab, LF and CR, and
# U+FFFE/U+FFFF. Lone surrogates cannot reach here (the text is UTF-8).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def markdown_text(text: str) -> str:
    """`text` as a markdown table cell (or list item) that renders as itself."""
    return _LINE_BREAK.sub("<br>", text.translate(_MARKDOWN))


def html_text(text: str) -> str:
    """`text` as html element content that renders as itself, and parses as XML: & < > and
    quotes escaped, line breaks as <br/>, a control character XML cannot hold as U+FFFD."""
    return _LINE_BREAK.sub("<br/>", html.escape(_NOT_XML.sub("\ufffd", text), quote=True))


_ESCAPE: dict[Format, Callable[[str], str]] = {Format.MARKDOWN: markdown_text,
                                               Format.HTML: html_text}


def _align(column: Column) -> str:
    return "right" if column.kind in (ColumnKind.INT, ColumnKind.RATE) else "left"


def fit(width: int, headers: Sequence[str], table: Sequence[Sequence[str]],
        columns: Sequence[Column], drop: Sequence[str],
        measure: Callable[[str], int] = len) -> list[int | None]:
    """Each column's width in a terminal `width` wide (None: left out). A wrapping column (WRAP)
    needs its WRAP width (or less if its text is shorter); any other its widest cell, and it
    never wraps. While the table is too wide, the columns in `drop` are left out, in order.
    Then the space left widens wrapped text (to WRAP widths evenly, then the column needing the
    most lines first), and last headers (which wrap at spaces). A wrapping column is never
    narrower than its longest word."""

    def longest_word(text: str) -> int:
        return max((measure(w) for w in text.split()), default=0)

    def line_width(text: str) -> int:
        return max((measure(line) for line in text.split("\n")), default=0)

    cells = [[row[i] for row in table] for i in range(len(columns))]
    natural, low, comfy = [], [], []
    for i, column in enumerate(columns):
        widest = max(map(line_width, cells[i]), default=0)
        natural.append(max(widest, measure(headers[i])))
        if column.key in WRAP:
            words = max([longest_word(headers[i]), *map(longest_word, cells[i])])
            low.append(words)
            comfy.append(min(natural[i], max(words, WRAP[column.key])))
        else:
            low.append(max(widest, longest_word(headers[i])))
            comfy.append(low[i])
    kept = list(range(len(columns)))

    def need(widths: list[int]) -> int:
        return sum(widths[i] for i in kept) + GAP * (len(kept) - 1)

    for key in drop:
        if need(comfy) <= width:
            break
        kept = [i for i in kept if columns[i].key != key]
    widths = list(comfy if need(comfy) <= width else low)
    wrapping = [i for i in kept if columns[i].key in WRAP]
    # Last resort, before anything else is cut: long words in text (an e-mail, a long name) are
    # broken, the widest first, so that dates, numbers and codes stay whole.
    while need(widths) > width and wrapping:
        widest = max(wrapping, key=lambda i: widths[i])
        if widths[widest] <= MIN_WRAP:
            break
        widths[widest] -= 1
    spare = width - need(widths)
    # Up to their comfortable widths, the narrowest for its need first; then to their longest
    # lines, the one needing the most lines first.
    for target, first in ((comfy, lambda i: widths[i] / comfy[i]),
                          (natural, lambda i: -natural[i] / widths[i])):
        while spare > 0:
            short = [i for i in wrapping if widths[i] < target[i]]
            if not short:
                break
            widths[min(short, key=first)] += 1
            spare -= 1
    for i in kept:
        grow = min(spare, natural[i] - widths[i])
        if grow > 0:
            widths[i] += grow
            spare -= grow
    return [widths[i] if i in kept else None for i in range(len(columns))]


def _rich_table(headers: list[str], table: list[list[str]], rows: Sequence[dict[str, Any]],
                columns: Sequence[Column], total: list[str] | None, drop: Sequence[str],
                out: IO[str]) -> None:
    """The table fitted to the terminal; rows are separated by a blank line when more than a
    quarter of them wrap (a few wrapped names read well without).
    Where even the narrowest layout is too wide, rich folds the text (nothing is lost)."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False)
    measured = table if total is None else [*table, total]
    widths = fit(console.width, headers, measured, columns, drop, cell_len)
    kept = [i for i, w in enumerate(widths) if w is not None]
    wrapped = sum(any(cell_len(row[i]) > (widths[i] or 0) or "\n" in row[i] for i in kept)
                  for row in table)
    grid = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, collapse_padding=True,
                 header_style="bold", show_lines=wrapped * 4 > len(table),
                 show_footer=total is not None,
                 footer_style="bold")
    for i in kept:
        grid.add_column(headers[i], footer=total[i] if total else "", width=widths[i],
                        justify="right" if _align(columns[i]) == "right" else "left",
                        overflow="fold")
    for row, cells in zip(rows, table, strict=True):
        grid.add_row(*[Text(cells[i], style=_style(columns[i], row.get(columns[i].key)))
                       for i in kept])
    console.print(grid)


# Colours on a terminal: statuses, and days late in the buckets reports call out.
_STATUS_STYLE = {"done_on_time": "green", "done_late": "yellow", "open_overdue": "red",
                 "cancelled": "dim", "not_assigned_yet": "dim"}
_BUCKET_STYLE = {"late_1_30": "yellow", "late_31_90": "dark_orange", "late_91_120": "red",
                 "late_over_120": "bold red"}


def _style(column: Column, value: Any) -> str:
    if column.kind is ColumnKind.STATUS:
        return _STATUS_STYLE.get(value, "")
    if not value or column.kind is not ColumnKind.INT:
        return ""
    if column.key == "days_overdue":
        from dondoc.reports import OVERDUE_BUCKETS  # loaded already: overdue made the rows

        return _BUCKET_STYLE[next(b for b, top in OVERDUE_BUCKETS if top is None or value <= top)]
    # counts: of tasks late by a bucket (overdue --summary), or in a status (completion)
    return _BUCKET_STYLE.get(column.key) or _STATUS_STYLE.get(column.key, "")


def render_record(record: dict[str, Any], columns: Sequence[Column], lang: str,
                  fmt: Format = Format.TABLE, out: IO[str] | None = None) -> None:
    """One object as 'Label: value' lines (task show, directive show, info); in markdown a
    list of them, in html a <dl>, escaped as table cells are."""
    out = out or sys.stdout
    fields = [(t(c.key, lang), c.show(record.get(c.key), lang)) for c in columns]
    if fmt is Format.HTML:
        out.write("<dl>\n")
        out.writelines(f"<dt>{html_text(label)}</dt><dd>{html_text(value)}</dd>\n"
                       for label, value in fields)
        out.write("</dl>\n")
        return
    if fmt is Format.MARKDOWN:
        out.writelines(f"- {markdown_text(label)}: {markdown_text(value)}\n"
                       for label, value in fields)
        return
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        out.write(f"{label + ':':<{width + 1}} {shown(value)}\n")


# Control characters other than a line break or a tab, which a terminal would obey (ESC starts
# colour, cursor and title sequences): shown as U+FFFD, never passed on.
_CONTROLS = {c: "\ufffd" for c in (*range(0x20), 0x7f, *range(0x80, 0xa0)) if c not in (9, 10)}


def shown(text: str) -> str:
    """`text` safe to put before a person: no control character that a terminal would run (a
    carriage return, which would write over the line, is a line break)."""
    if text.isprintable():
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


@contextmanager
def one_element(fmt: Format, out: IO[str] | None = None) -> Iterator[None]:
    """In html, what is written inside is wrapped in one <div> (task show and directive show
    write a record and tables): the output is one fragment, to be put in a page as it is."""
    if fmt is not Format.HTML:
        yield
        return
    out = out or sys.stdout
    out.write('<div class="dondoc">\n')
    yield
    out.write("</div>\n")


def heading(text: str, fmt: Format, out: IO[str] | None = None) -> None:
    """A line of dondoc's own words between two tables, in the format's own way."""
    out = out or sys.stdout
    if fmt is Format.HTML:
        out.write(f"<p>{html_text(text)}</p>\n")
    elif fmt is Format.MARKDOWN:  # a paragraph of its own, not read as the table's header
        out.write(f"{markdown_text(text)}\n\n")
    else:
        out.write(f"{text}\n")


# completion --chart (issue 13): each group's on-time rate and open overdue tasks as bars.
RATE_BAR = 20  # cells for 100%
CHART_MIN_LABEL = 12


def bar_chart(rows: Sequence[dict[str, Any]], label_key: str, lang: str,
              out: IO[str] | None = None, width: int | None = None) -> None:
    """A line per row: its name, a bar of its on-time rate (done on time / due, where due is
    done + open overdue) out of RATE_BAR cells, the rate, then a bar of its open overdue tasks
    scaled to the largest. Fitted to `width` (the terminal's; 80 to a pipe): names are cut
    first. Block characters and colour on a terminal, plain ASCII in a pipe or a file."""
    out = out or sys.stdout
    terminal = out.isatty()
    if width is None:
        from shutil import get_terminal_size

        width = get_terminal_size((80, 24)).columns if terminal else 80
    rates = [_on_time_rate(row) for row in rows]
    counts = [int(row["open_overdue"]) for row in rows]
    most = max([*counts, 1])
    count_width = len(format_int(most, lang))
    # name, gap, rate bar, " 100,0%", gap, overdue bar, " " count
    fixed = 1 + RATE_BAR + 1 + 7 + 2 + 1 + count_width
    overdue_bar = max(5, min(20, width - fixed - 24))
    label_width = max(CHART_MIN_LABEL, min(
        max((len(str(row[label_key] or "")) for row in rows), default=0),
        width - fixed - overdue_bar))
    full, empty, late = ("█", "░", "█") if terminal else ("#", ".", "*")
    color = terminal and not _no_color()
    head = (f"{'':<{label_width}} {t('rate_on_time', lang):<{RATE_BAR + 7}}  "
            f"{t('open_overdue', lang)}")
    out.write(shown(head[:width]).rstrip() + "\n")
    for row, rate, count in zip(rows, rates, counts, strict=True):
        name = str(row[label_key] or "")
        if len(name) > label_width:
            name = name[:label_width - 1] + ("…" if terminal else "~")
        filled = round((rate or 0) * RATE_BAR)
        rate_bar = full * filled + empty * (RATE_BAR - filled)
        count_bar = late * round(count / most * overdue_bar)
        if color:
            rate_bar = (f"\x1b[32m{full * filled}\x1b[0m\x1b[2m{empty * (RATE_BAR - filled)}"
                        "\x1b[0m")
            count_bar = f"\x1b[31m{count_bar}\x1b[0m"
        percent = format_percent(rate, lang).replace(".00", "").replace(",00", "")
        line = (f"{shown(name):<{label_width}} {rate_bar} {percent:>7}  "
                f"{count_bar} {format_int(count, lang)}")
        out.write(line.rstrip() + "\n")


def _on_time_rate(row: dict[str, Any]) -> float | None:
    """Done on time / due (done + open overdue): the disclosure's on-time rate, as of a day."""
    due = row["done_on_time"] + row["done_late"] + row["open_overdue"]
    return row["done_on_time"] / due if due else None


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))
