"""The quarterly public list (công khai): the units, leaders and officers late in a period.

Everything is judged as of the period's last day, by the rule of every report (register/status.py:
the span of each task alive that day), so the list of a period that is over never changes: what
is recorded later counts only if it is dated within the period.

Late in the period: a task still open past its deadline at the period's end (as `overdue --as-of
END` lists it), or one completed within the period after its deadline. That is every task that
was overdue on some day of the period, judged by the deadline in force at its end (an extension
granted by then counts). Days late: to the end of the period for the open ones, to the day of
completion for the others (calendar days).

The on-time rate of a unit (leader, officer): of its tasks completed within the period or
still overdue at its end (`judged`), the share completed by their deadline. From a period that
starts before the first task, these are `completion --as-of END`'s counts.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from dondoc.errors import InvalidValue
from dondoc.i18n import t
from dondoc.register.db import Conn
from dondoc.register.lookup import people
from dondoc.register.status import Status, not_voided, span_at_sql, status_sql
from dondoc.text import fold, format_int, format_percent, vi_sort_key

Row = dict[str, Any]
Section = Literal["unit", "leader", "officer"]
SECTIONS: tuple[Section, ...] = ("unit", "leader", "officer")

# The columns of a section's summary and of its late tasks, in the order every format shows them.
GROUP_KEYS = ("late", "open_overdue", "done_late", "days_late_total", "most_days_late",
              "done_on_time", "judged", "rate_on_time")
TASK_KEYS = ("directive", "code", "content", "due", "status", "done_on", "days_late",
             "last_progress")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    name: str  # "2023-Q1", or "01/01/2023-15/02/2023"


_QUARTER = re.compile(r"\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*")
_QUARTER_MONTHS = {1: (1, 3, 31), 2: (4, 6, 30), 3: (7, 9, 30), 4: (10, 12, 31)}


def quarter(text: str) -> Period:
    """'2023-Q1' -> 01/01/2023 to 31/03/2023."""
    found = _QUARTER.fullmatch(text)
    if not found:
        raise InvalidValue("--quarter {value!r} is not a quarter", "write it like 2023-Q1",
                           value=text)
    year, number = int(found[1]), int(found[2])
    first, last, day = _QUARTER_MONTHS[number]
    return Period(date(year, first, 1), date(year, last, day), f"{year}-Q{number}")


def judged_tasks(conn: Conn, period: Period) -> list[Row]:
    """The tasks judged in the period (module doc): completed within it, or overdue at its end;
    each with its status as of the end, its days late and its latest progress note by then."""
    cursor = conn.execute(
        f"""SELECT * FROM (
              SELECT t.id, d.number AS directive, d.issued AS directive_issued,
                     d.title AS directive_title, t.code, t.content, s.unit_id, u.name AS unit,
                     t.leader, t.officer, s.due, s.done_on, {status_sql('s', 'end')} AS status,
                     (SELECT e.note FROM event e
                       WHERE e.task_id = t.id AND e.kind = 'progress' AND e.on_date <= :end
                             AND {not_voided('e')}
                       ORDER BY e.on_date DESC, e.id DESC LIMIT 1) AS last_progress
              FROM task_span s
              JOIN task t ON t.id = s.task_id
              JOIN directive d ON d.id = s.directive_id
              JOIN unit u ON u.id = s.unit_id
              WHERE {span_at_sql('s', 'end')}) AS judged
            WHERE status = '{Status.OPEN_OVERDUE}' OR done_on >= :start""",
        {"start": period.start.isoformat(), "end": period.end.isoformat()},
    )
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor]
    for row in rows:
        if row["status"] == Status.DONE_ON_TIME:
            row["days_late"] = 0
        else:
            until = period.end if row["status"] == Status.OPEN_OVERDUE else date.fromisoformat(
                row["done_on"])
            row["days_late"] = (until - date.fromisoformat(row["due"])).days
    return rows


def is_late(task: Row) -> bool:
    return bool(task["status"] != Status.DONE_ON_TIME)


def groups(tasks: list[Row], section: Section, names: dict[str, str] | None = None
           ) -> list[Row]:
    """Per unit (leader, officer) the counts of the list, most late first (then most days
    late, then by name); with `tasks`, its late ones, most days late first. Those with no late
    task are kept too (the chart shows them), `late` 0. A unit is told apart by its id, a
    person by their folded name ('Pham  Tuan Anh' is 'Phạm Tuấn Anh'), named as `names`
    (register/lookup.people) has it."""
    found: dict[Any, Row] = {}
    for task in tasks:
        name = task[section]
        key = task["unit_id"] if section == "unit" else fold(name) if name is not None else None
        group = found.get(key)
        if group is None:
            shown_name = name if section == "unit" or key is None else (names or {}).get(key, name)
            group = found[key] = {"name": shown_name, **dict.fromkeys(GROUP_KEYS, 0),
                                  "tasks": []}
        group["judged"] += 1
        group[task["status"]] += 1
        if is_late(task):
            group["late"] += 1
            group["days_late_total"] += task["days_late"]
            group["most_days_late"] = max(group["most_days_late"], task["days_late"])
            group["tasks"].append(task)
    for group in found.values():
        group["rate_on_time"] = group["done_on_time"] / group["judged"]
        group["tasks"].sort(key=lambda task: (-task["days_late"], task["due"], task["id"]))
    # The tasks whose leader or officer was never recorded come last: the list names people.
    return sorted(found.values(), key=lambda g: (
        g["name"] is None, -g["late"], -g["days_late_total"], vi_sort_key(g["name"] or "")))


def disclosure(conn: Conn, period: Period) -> Row:
    """The list: the period, and per section its groups (late ones and the others)."""
    tasks = judged_tasks(conn, period)
    names = {"leader": people(conn, "leader"), "officer": people(conn, "officer")}
    return {"from": period.start.isoformat(), "to": period.end.isoformat(),
            "period": period.name,
            **{section: groups(tasks, section, names.get(section)) for section in SECTIONS}}


def listed(groups_of_section: list[Row]) -> list[Row]:
    """The groups the list names: those with a late task."""
    return [group for group in groups_of_section if group["late"]]


# Shown to people ------------------------------------------------------------------------------

def period_line(found: Row, lang: str) -> str:
    """'Quý I/2023: từ 01/01/2023 đến 31/03/2023, ...'; a period not a quarter by its days."""
    from dondoc.dates import show_date

    start, end = show_date(found["from"]), show_date(found["to"])
    if _QUARTER.fullmatch(found["period"]):
        return t("disclose_period", lang).format(p=period_name(found, lang), s=start, e=end)
    return t("disclose_span", lang).format(s=start, e=end)


def period_name(found: Row, lang: str) -> str:
    """A quarter as offices write it: 'Quý I/2023' (in English 'Q1 2023'); another period
    by its days, '01/01/2023-15/02/2023'."""
    quarter_of = _QUARTER.fullmatch(found["period"])
    if not quarter_of:
        return str(found["period"])
    number = int(quarter_of[2])
    return t("quarter_name", lang).format(roman=("I", "II", "III", "IV")[number - 1],
                                          n=number, year=quarter_of[1])


def group_name(group: Row, lang: str) -> str:
    return str(group["name"]) if group["name"] is not None else t("none_recorded", lang)


def shown(key: str, value: Any, lang: str) -> str:
    """A cell as people read it: numbers and rates in the language's way, dates day first."""
    from dondoc.dates import show_date

    if value is None:
        return ""
    if key == "rate_on_time":
        return format_percent(value, lang)
    if key in ("due", "done_on"):
        return show_date(value)
    if key == "status":
        return t(f"{value}:v", lang)
    if isinstance(value, int):
        return format_int(value, lang)
    return str(value)


def summary_table(found: Row, section: Section, lang: str) -> tuple[list[str], list[list[str]]]:
    """A section's summary: the header and a row per group named (No., name, counts)."""
    header = [t("row_number", lang), t(section, lang), *(t(k, lang) for k in GROUP_KEYS)]
    rows = [[str(n), group_name(group, lang), *(shown(k, group[k], lang) for k in GROUP_KEYS)]
            for n, group in enumerate(listed(found[section]), 1)]
    return header, rows


# A document's table of late tasks: fewer, wider columns than the screen's, to fit A4 upright.
DOCUMENT_TASK_KEYS = ("name", "directive", "content", "due", "status", "days_late",
                      "last_progress")


def task_table(found: Row, section: Section, lang: str) -> tuple[list[str], list[list[str]]]:
    """A section's late tasks, each under its group's name, in the summary's order, as a
    document shows them: the task's code with its directive (12/TB-UBND #3), the day of
    completion with its status."""
    header = [t(section, lang), *(t(k, lang) for k in DOCUMENT_TASK_KEYS[1:])]
    rows = []
    for group in listed(found[section]):
        for task in group["tasks"]:
            status = shown("status", task["status"], lang)
            if task["done_on"]:
                status += f" ({shown('done_on', task['done_on'], lang)})"
            rows.append([group_name(group, lang), f"{task['directive']} #{task['code']}",
                         task["content"], shown("due", task["due"], lang), status,
                         shown("days_late", task["days_late"], lang),
                         task["last_progress"] or ""])
    return header, rows


def to_json(found: Row) -> str:
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def to_csv(found: Row, bom: bool) -> bytes:
    """One row per late task and group it is listed under: section, group, then the group's
    counts and the task (raw values, ISO dates): a spreadsheet filters it by section. Written
    as export writes CSV (sheets/formats.py): a text Excel would run gets an apostrophe, and a
    file (`bom`) a byte-order mark so that Excel reads it as UTF-8."""
    from dondoc.sheets.formats import Sheet, write_table

    fields = ["section", "name", *GROUP_KEYS, "task_id", *TASK_KEYS]
    rows = [[section, group["name"] or "",
             *(round(group[k], 6) if k == "rate_on_time" else group[k] for k in GROUP_KEYS),
             task["id"], *(task[k] for k in TASK_KEYS)]
            for section in SECTIONS for group in listed(found[section]) for task in group["tasks"]]
    out = io.BytesIO()
    write_table(out, "csv", Sheet(fields, fields, frozenset(), rows), bom=bom)
    return out.getvalue()


# The self-contained page --------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 18mm 15mm 18mm 20mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; color: #000;
       max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 15pt; text-align: center; text-transform: uppercase; margin: 0.2em 0; }
h2 { font-size: 13.5pt; margin: 1.2em 0 0.4em; break-after: avoid; }
h3 { font-size: 13pt; font-style: italic; font-weight: normal; margin: 0.8em 0 0.3em; }
p.period { text-align: center; font-style: italic; margin: 0 0 0.6em; }
p.rule { font-size: 11pt; margin: 0.4em 0 1em; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 0.3em 0 0.8em; }
th, td { border: 1px solid #444; padding: 2pt 4pt; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; }
td.n { text-align: right; white-space: nowrap; }
td.k { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 0.5em 0 1em; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 11pt; font-style: italic; }
p.none { font-style: italic; }
@media print { body { margin: 0; padding: 0; max-width: none; font-size: 12pt; }
  table { font-size: 9pt; } td.k { white-space: normal; }
  th { background: #e8e8e8; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

_NUMERIC = {*GROUP_KEYS, "days_late", "row_number"} - {"name"}


def _html_table(header: list[str], rows: list[list[str]], keys: list[str]) -> str:
    def cell(tag: str, key: str, text: str) -> str:
        cls = "" if tag != "td" else ' class="n"' if key in _NUMERIC else (
            ' class="k"' if key in ("directive", "due") else "")
        return f"<{tag}{cls}>{html.escape(text)}</{tag}>"

    head = "".join(cell("th", k, h) for k, h in zip(keys, header, strict=True))
    body = "\n".join("<tr>" + "".join(cell("td", k, c) for k, c in zip(keys, row, strict=True))
                     + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def to_html(found: Row, lang: str, chart_svg: str | None) -> str:
    """A page to post on the portal as it is: no script, no link to anything, its style inline,
    laid out for A4 when printed; the chart inline as SVG."""
    parts = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
             f"<title>{html.escape(t('disclose_title', lang))} "
             f"{html.escape(period_name(found, lang))}"
             f"</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
             f"<h1>{html.escape(t('disclose_title', lang))}</h1>\n",
             f'<p class="period">{html.escape(period_line(found, lang))}</p>\n',
             f'<p class="rule">{html.escape(t("disclose_rule", lang))}</p>\n']
    if chart_svg:
        parts.append(f"<figure>\n{chart_svg}\n<figcaption>{html.escape(t('chart_caption', lang))}"
                     "</figcaption>\n</figure>\n")
    for section in SECTIONS:
        parts.append(f"<h2>{html.escape(t(f'disclose_{section}', lang))}</h2>\n")
        header, rows = summary_table(found, section, lang)
        if not rows:
            parts.append(f'<p class="none">{html.escape(t("disclose_none", lang))}</p>\n')
            continue
        parts.append(_html_table(header, rows, ["row_number", "name", *GROUP_KEYS]))
        parts.append(f"<h3>{html.escape(t('disclose_tasks', lang))}</h3>\n")
        header, rows = task_table(found, section, lang)
        parts.append(_html_table(header, rows, list(DOCUMENT_TASK_KEYS)))
    parts.append("</body>\n</html>\n")
    return "".join(parts)


# Chart --------------------------------------------------------------------------------------

def chart(found: Row, lang: str, fmt: Literal["svg", "png"]) -> bytes:
    """Each unit's on-time rate and late-task count as two panels of horizontal bars, one bar a
    unit, in the list's order. matplotlib, loaded only here: one drawing gives both the SVG of
    the page and the PNG of the .docx, and its bundled DejaVu Sans has every Vietnamese letter."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    units = found["unit"]
    names = [_short(group_name(g, lang)) for g in units]
    rates = [g["rate_on_time"] * 100 for g in units]
    late = [g["late"] for g in units]
    height = 1.2 + 0.32 * max(len(units), 1)
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 9,
                                "svg.fonttype": "none", "svg.hashsalt": "dondoc",
                                "axes.spines.top": False, "axes.spines.right": False}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, height), sharey=True,
                                          gridspec_kw={"width_ratios": [3, 2]})
        try:
            ticks = list(range(len(units)))
            # Each bar carries an id (rate-0, late-0, ...), so a test can count them.
            for y, bar in enumerate(left.barh(ticks, rates, color="#2e7d32", height=0.6)):
                bar.set_gid(f"rate-{y}")
            left.set_xlim(0, 100)
            left.set_xlabel(t("rate_on_time", lang) + " (%)")
            left.set_yticks(ticks, names)
            left.invert_yaxis()
            for y, rate in zip(ticks, rates, strict=True):
                left.text(min(rate, 100) + 1, y, f"{rate:.0f}%", va="center", fontsize=8)
            for y, bar in enumerate(right.barh(ticks, late, color="#c62828", height=0.6)):
                bar.set_gid(f"late-{y}")
            right.set_xlabel(t("late", lang))
            right.xaxis.get_major_locator().set_params(integer=True)
            for y, count in zip(ticks, late, strict=True):
                right.text(count, y, f" {count}", va="center", fontsize=8)
            right.set_xlim(0, max([*late, 1]) * 1.15)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format=fmt, dpi=150, metadata=_NO_DATE[fmt])
        finally:
            plt.close(fig)
    return out.getvalue()


# No creation date or tool version in the file, so the same list gives the same bytes.
_NO_DATE: dict[str, dict[str, Any]] = {"svg": {"Date": None, "Creator": None},
                                       "png": {"Software": None}}


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def chart_svg(found: Row, lang: str) -> str:
    """The chart as an <svg> element to put inside a page (no XML prolog, no DOCTYPE)."""
    text = chart(found, lang, "svg").decode("utf-8")
    return text[text.index("<svg"):]


# Office documents ---------------------------------------------------------------------------

def to_xlsx(found: Row, lang: str) -> bytes:
    """A workbook: a sheet per section (its summary, then its late tasks), raw numbers and
    real dates so that it sorts and sums."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dondoc.sheets.formats import xlsx_text  # text as text, never a formula

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for section in SECTIONS:
        sheet = book.create_sheet(t(f"sheet_{section}", lang))

        def append(row: list[Any], sheet: Any = sheet) -> None:
            sheet.append(xlsx_text(sheet, row))

        append([t("disclose_title", lang)])
        append([period_line(found, lang)])
        append([])
        append([t(section, lang), *(t(k, lang) for k in GROUP_KEYS)])
        bold = sheet.max_row
        for group in listed(found[section]):
            append([group_name(group, lang), *(group[k] for k in GROUP_KEYS)])
            sheet.cell(sheet.max_row, 1 + len(GROUP_KEYS)).number_format = "0.00%"
        append([])
        append([t(section, lang), *(t(k, lang) for k in TASK_KEYS)])
        bold_tasks = sheet.max_row
        for group in listed(found[section]):
            for task in group["tasks"]:
                append([group_name(group, lang), *(
                    date.fromisoformat(task[k]) if k in ("due", "done_on") and task[k]
                    else t(f"{task[k]}:v", lang) if k == "status" else task[k]
                    for k in TASK_KEYS)])
                for column in (5, 7):  # due, done on
                    sheet.cell(sheet.max_row, column).number_format = "DD/MM/YYYY"
        for row in (1, bold, bold_tasks):
            for cell in sheet[row]:
                cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["D"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(found: Row, lang: str, chart_png: bytes | None) -> bytes:
    """A Word document: the title, the period, the chart, then each section's tables; A4,
    Times New Roman as Nghị định 30/2020/NĐ-CP sets for official documents."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.top_margin = page.bottom_margin = Cm(2)
    page.left_margin, page.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(t("disclose_title", lang).upper())
    run.bold, run.font.size = True, Pt(14)
    line = document.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line.add_run(period_line(found, lang)).italic = True
    rule = document.add_paragraph().add_run(t("disclose_rule", lang))
    rule.font.size = Pt(11)
    if chart_png:
        document.add_picture(io.BytesIO(chart_png), width=Cm(16))
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.add_run(t("chart_caption", lang)).italic = True
    for section in SECTIONS:
        heading = document.add_paragraph()
        heading.add_run(t(f"disclose_{section}", lang)).bold = True
        header, rows = summary_table(found, section, lang)
        if not rows:
            document.add_paragraph().add_run(t("disclose_none", lang)).italic = True
            continue
        _docx_table(document, header, rows, _SUMMARY_CM)
        document.add_paragraph().add_run(t("disclose_tasks", lang)).italic = True
        _docx_table(document, *task_table(found, section, lang), _TASKS_CM)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Column widths (cm) of the two tables in the 16.5 cm between A4's margins.
_SUMMARY_CM = (1.0, 4.3, *(1.4,) * len(GROUP_KEYS))
_TASKS_CM = (2.6, 2.3, 4.2, 1.9, 2.1, 1.1, 2.3)


def _docx_table(document: Any, header: list[str], rows: list[list[str]],
                widths: tuple[float, ...]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(9)
    for cells in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(9)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:  # Word reads each cell's width, LibreOffice the column's
            cell.width = Cm(width)
        column.width = Cm(width)
