"""`dondoc export`: the register as rows, in the columns the imports read back.

Tasks come one a row with their directive's fields, their unit and supporting units by name, and
their current completion: exactly what `import` takes, so export -> import into an empty register
-> export gives the same file. Events carry the date they happened and the moment they were
recorded. Rows stream from SQLite to the writer: memory does not grow with the register.

Dates are ISO (2023-02-16) in CSV and JSON, as in every machine format dondoc writes: Excel
reads them as dates in any locale, where 01/02/2023 is 2 January in some. SQLite builds each CSV
row whole, the cells a spreadsheet would run as formulas already quoted (sheets.quote's rule; a
test checks this SQL against it): at a million rows, each Python step per cell costs a second.
"""

from __future__ import annotations

import sqlite3

from dondoc.i18n import t
from dondoc.register.status import FOREVER, not_voided
from dondoc.sheets import columns
from dondoc.sheets.formats import FORMULA_START, Sheet

# Each kind's columns: (field, SQL expression, what it holds: text, date or other). A text a
# subquery computes is (field, its value inside the subquery, "text", the subquery around
# "{}"), so quoting wraps the value once instead of running the subquery twice.
Column = tuple[str, ...]
_TASKS: tuple[Column, ...] = (
    ("directive", "d.number", "text"), ("issued", "d.issued", "date"),
    ("title", "d.title", "text"), ("issuer", "d.issuer", "text"),
    ("signer", "d.signer", "text"), ("code", "t.code", "text"),
    ("content", "t.content", "text"), ("unit", "u.name", "text"),
    # Supporting units, '; ' between them; a lone name with a comma keeps a ';' after it, or an
    # import would read it as a list ('Sở Văn hóa, Thể thao và Du lịch').
    ("co_units", "g", "text",
     """(SELECT {} FROM (SELECT CASE WHEN count(*) = 1 AND instr(group_concat(name), ',')
                                     THEN group_concat(name) || ';'
                                     ELSE group_concat(name, '; ') END AS g
                         FROM (SELECT cu.name FROM task_co_unit c
                               JOIN unit cu ON cu.id = c.unit_id
                               WHERE c.task_id = t.id ORDER BY c.unit_id)))"""),
    ("leader", "t.leader", "text"), ("officer", "t.officer", "text"),
    ("assigned", "t.assigned", "date"), ("due", "t.due", "date"),
    ("due_rule", "t.due_rule", "text"),
    # Every extension granted (and not voided), which import reads back as extension events:
    # 2023-02-13 -> 2023-03-15 (Công văn số 512/UBND-ĐT); ...
    # (A task has extensions exactly when its deadline in force is not its original one: each
    # extension must move it later. The test spares a million tasks the event lookup.)
    ("extensions", "x", "text",
     """CASE WHEN s.due IS NOT t.due THEN
          (SELECT {} FROM (SELECT group_concat(on_date || ' -> ' || new_due
                                               || COALESCE(' (' || ref || ')', ''), '; ') AS x
                           FROM (SELECT on_date, new_due, ref FROM event
                                 WHERE task_id = t.id AND kind = 'extend'
                                       AND """ + not_voided("event") + """
                                 ORDER BY on_date, id))) END"""),
    ("current_due", "s.due", "date"),
    ("done", "s.done_on", "date"),
    ("done_ref", "e.ref", "text",
     """CASE WHEN s.done_on IS NOT NULL THEN
          (SELECT {} FROM event e WHERE e.task_id = t.id AND e.kind = 'done'
             AND MAX(e.on_date, t.assigned) = s.done_on AND """ + not_voided("e") + """
             ORDER BY e.id DESC LIMIT 1) END"""),
)
# A voided task (entered by mistake) is left out, and so are voided events.
_TASKS_FROM = f"""FROM task t JOIN directive d ON d.id = t.directive_id
                  JOIN unit u ON u.id = t.unit_id
                  LEFT JOIN task_span s ON s.task_id = t.id AND s.valid_to = '{FOREVER}'
                  WHERE NOT EXISTS (SELECT 1 FROM void v WHERE v.task_id = t.id)
                  ORDER BY t.id"""
_EVENTS: tuple[Column, ...] = (
    ("directive", "d.number", "text"), ("code", "t.code", "text"), ("kind", "e.kind", "other"),
    ("on", "e.on_date", "date"), ("recorded_at", "e.recorded_at", "other"),
    ("note", "e.note", "text"), ("ref", "e.ref", "text"), ("percent", "e.percent", "other"),
    ("new_due", "e.new_due", "date"),
)
_EVENTS_FROM = f"""FROM event e JOIN task t ON t.id = e.task_id
                  JOIN directive d ON d.id = t.directive_id
                  WHERE {not_voided("e")}
                        AND NOT EXISTS (SELECT 1 FROM void v WHERE v.task_id = t.id)
                  ORDER BY e.id"""
_UNITS: tuple[Column, ...] = (
    ("code", "u.code", "text"), ("name", "u.name", "text"), ("kind", "u.kind", "text"),
    ("parent", "p.code", "text"), ("email", "u.email", "text"),
)
_UNITS_FROM = "FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.id"
_DIRECTIVES: tuple[Column, ...] = (
    ("number", "number", "text"), ("issued", "issued", "date"), ("title", "title", "text"),
    ("issuer", "issuer", "text"), ("signer", "signer", "text"),
)
_DIRECTIVES_FROM = "FROM directive ORDER BY id"

_QUERIES = {"tasks": (_TASKS, _TASKS_FROM), "events": (_EVENTS, _EVENTS_FROM),
            "units": (_UNITS, _UNITS_FROM), "directives": (_DIRECTIVES, _DIRECTIVES_FROM)}
for _what, (_columns, _) in _QUERIES.items():
    assert tuple(column[0] for column in _columns) == columns.KINDS[_what]


def sheet(conn: sqlite3.Connection, what: str, lang: str, fmt: str) -> Sheet:
    """What `export --what` writes in `fmt`: the fields, the labels a person reads, the rows."""
    chosen, source = _QUERIES[what]
    cells = ", ".join(_cell(fmt, *column) for column in chosen)
    rows = conn.execute(f"SELECT {cells} {source}")
    fields = [column[0] for column in chosen]
    labels = [t(columns.label_key(what, name), lang) for name in fields]
    dates = frozenset(column[0] for column in chosen if column[2] == "date")
    return Sheet(fields, labels, dates, rows, title=what, final=fmt == "csv")


def _cell(fmt: str, field: str, expr: str, kind: str, around: str = "{}") -> str:
    return around.format(csv_text_sql(expr) if fmt == "csv" and kind == "text" else expr)


def csv_text_sql(expr: str) -> str:
    """sheets.quote() in SQL: an apostrophe before a cell a spreadsheet would run."""
    starts = ", ".join(str(ord(c)) for c in FORMULA_START)
    return f"CASE WHEN unicode({expr}) IN ({starts}) THEN '''' || {expr} ELSE {expr} END"
