"""Rows -> table / plain / csv / json / markdown / html: every list and report goes through here.

On a terminal `table` is a rich table; to a pipe or a file it is tabulate's "simple" layout, with
no colour codes and no wrapping to a terminal width. Rich renders ~700 rows a second (measured),
so past RICH_MAX_ROWS even a terminal gets the plain layout.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any

from dondoc.dates import show_date, show_moment
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


_TABULATE = {Format.PLAIN: "plain", Format.MARKDOWN: "pipe", Format.HTML: "html"}


@dataclass(frozen=True)
class Column:
    key: str
    kind: str = "text"  # text, int, date, moment, rate, status, kind, field, list, extensions

    def show(self, value: Any, lang: str) -> str:
        if self.kind == "rate":
            return format_percent(value, lang)
        if value is None or value == "":
            return ""
        if self.kind == "int":
            return format_int(int(value), lang)
        if self.kind == "date":
            return show_date(value)
        if self.kind == "moment":  # recorded in UTC, read in local time
            return show_moment(value)
        if self.kind == "field":  # a field's name, as corrections name it
            return t(f"{value}:f", lang)
        if self.kind in ("status", "kind"):
            return t(f"{value}:v", lang)
        if self.kind == "list":
            return "; ".join(value)
        if self.kind == "extensions":  # 14/03/2023 -> 31/03/2023 (Công văn số 45/UBND-KT)
            return "; ".join(
                f"{show_date(e['granted'])} -> {show_date(e['to'])}"
                + (f" ({e['ref']})" if e["ref"] else "") for e in value)
        return str(value)

    def cells(self, values: list[Any], lang: str) -> list[str]:
        """show() for a whole column: each distinct value is formatted once (a long list repeats
        its dates, statuses and day counts thousands of times)."""
        if self.kind == "text":
            return ["" if v is None else str(v) for v in values]
        if self.kind in ("list", "extensions"):
            return [self.show(v, lang) for v in values]
        shown = {v: self.show(v, lang) for v in set(values)}
        return [shown[v] for v in values]


def cols(*specs: str) -> list[Column]:
    """cols("id:int", "content", "due:date") -> columns."""
    return [Column(*spec.split(":")) for spec in specs]


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    lang: str,
    out: IO[str] | None = None,
    total: dict[str, Any] | None = None,
) -> None:
    """Write `rows`. Machine formats (csv, json) carry the raw values under stable keys: ISO
    dates, rates as fractions; the total row, if any, is for people and only in the others."""
    out = out or sys.stdout
    if fmt is Format.JSON:
        dump_json(list(rows), out)
        return
    if fmt is Format.CSV:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(c.key for c in columns)
        writer.writerows([_csv_value(row.get(c.key)) for c in columns] for row in rows)
        return
    by_column = [c.cells([row.get(c.key) for row in rows], lang) for c in columns]
    table = [list(cells) for cells in zip(*by_column, strict=True)]
    if total is not None:
        table.append([t("total_row", lang)] + [c.show(total.get(c.key), lang)
                                               for c in columns[1:]])
    headers = [t(c.key, lang) for c in columns]
    aligns = [_align(c) for c in columns]
    if fmt is Format.TABLE:
        if out.isatty() and len(table) <= RICH_MAX_ROWS:
            _rich_table(headers, table, columns, total is not None, out)
        else:
            out.writelines(simple_table(headers, table, aligns))
        return
    from tabulate import tabulate

    text = tabulate(table, headers, tablefmt=_TABULATE[fmt], disable_numparse=True,
                    colalign=aligns)
    out.write(text + "\n")


def simple_table(headers: list[str], table: list[list[str]], aligns: list[str]) -> list[str]:
    """The lines tabulate(tablefmt="simple") writes for cells that are already text, at ~15x
    its speed: tabulate re-sniffs every cell's type and strips colour codes from it, 0.45 s for
    the 4,500 rows of a long overdue list (measured). tests/test_render.py holds them equal."""
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


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, float):
        return round(value, 6)
    return value


def _align(column: Column) -> str:
    return "right" if column.kind in ("int", "rate") else "left"


def _rich_table(headers: list[str], table: list[list[str]], columns: Sequence[Column],
                has_total: bool, out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    grid = Table(show_lines=False, header_style="bold")
    for header, column in zip(headers, columns, strict=True):
        grid.add_column(header, justify="right" if _align(column) == "right" else "left",
                        overflow="fold")
    for i, cells in enumerate(table):
        last = has_total and i == len(table) - 1
        grid.add_row(*cells, style="bold" if last else None, end_section=has_total and
                     i == len(table) - 2)
    Console(file=out).print(grid)


def render_record(record: dict[str, Any], columns: Sequence[Column], lang: str,
                  out: IO[str] | None = None) -> None:
    """One object as 'Label: value' lines (task show, directive show)."""
    out = out or sys.stdout
    width = max(len(t(c.key, lang)) for c in columns)
    for c in columns:
        value = c.show(record.get(c.key), lang)
        out.write(f"{t(c.key, lang) + ':':<{width + 1}} {value}\n")
