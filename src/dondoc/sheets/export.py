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

from collections.abc import Callable
from typing import Literal, NamedTuple

from dondoc.i18n import t
from dondoc.register.db import Conn
from dondoc.register.dialect import Dialect
from dondoc.register.status import FOREVER, not_voided
from dondoc.sheets import fields
from dondoc.sheets.formats import FORMULA_START, Sheet


class FieldSql(NamedTuple):
    """How export reads one field of a row from the register. A text a subquery computes has
    `sql` its value inside the subquery and `around` the subquery around "{}", so quoting
    wraps the value once instead of running the subquery twice."""

    field: str
    sql: str
    holds: Literal["text", "date", "other"]  # text is quoted in csv; dates are typed in xlsx
    around: str | Callable[[Dialect], str] = "{}"  # SQL holding the value as {}


_TASKS: tuple[FieldSql, ...] = (
    FieldSql("directive", "d.number", "text"), FieldSql("issued", "d.issued", "date"),
    FieldSql("title", "d.title", "text"), FieldSql("issuer", "d.issuer", "text"),
    FieldSql("signer", "d.signer", "text"), FieldSql("code", "t.code", "text"),
    FieldSql("content", "t.content", "text"), FieldSql("unit", "u.name", "text"),
    # Supporting units, '; ' between them; a lone name with a comma keeps a ';' after it, or an
    # import would read it as a list ('Sở Văn hóa, Thể thao và Du lịch').
    FieldSql("co_units", "g", "text", lambda dialect: f"""(SELECT {{}} FROM
                  (SELECT CASE WHEN count(*) = 1 AND max(name) LIKE '%,%' THEN max(name) || ';'
                               ELSE {dialect.joined('name', "'; '", 'unit_id')} END AS g
                   FROM (SELECT cu.name, c.unit_id FROM task_co_unit c
                         JOIN unit cu ON cu.id = c.unit_id
                         WHERE c.task_id = t.id ORDER BY c.unit_id) n) gs)"""),
    FieldSql("leader", "t.leader", "text"), FieldSql("officer", "t.officer", "text"),
    FieldSql("assigned", "t.assigned", "date"), FieldSql("due", "t.due", "date"),
    FieldSql("due_rule", "t.due_rule", "text"),
    # Every extension granted (and not voided), which import reads back as extension events:
    # 2023-02-13 -> 2023-03-15 (Công văn số 512/UBND-ĐT); ...
    # (A task has extensions exactly when its deadline in force is not its original one: each
    # extension must move it later. The test spares a million tasks the event lookup.)
    FieldSql("extensions", "x", "text", lambda dialect: f"""CASE WHEN
          {dialect.differs('s.due', 't.due')} THEN
          (SELECT {{}} FROM (SELECT {dialect.joined(
              "on_date || ' -> ' || new_due || COALESCE(' (' || ref || ')', '')", "'; '",
              'on_date, id')} AS x
                           FROM (SELECT on_date, new_due, ref, id FROM event
                                 WHERE task_id = t.id AND kind = 'extend'
                                       AND {not_voided("event")}
                                 ORDER BY on_date, id) e) xs) END"""),
    FieldSql("current_due", "s.due", "date"),
    FieldSql("done", "s.done_on", "date"),
    FieldSql("done_ref", "e.ref", "text", lambda dialect: f"""CASE WHEN
          s.done_on IS NOT NULL THEN
          (SELECT {{}} FROM event e WHERE e.task_id = t.id AND e.kind = 'done'
             AND {dialect.greatest('e.on_date', 't.assigned')} = s.done_on
             AND {not_voided("e")}
             ORDER BY e.id DESC LIMIT 1) END"""),
    FieldSql("group", "t.task_group", "text"),  # the group row a plan listed it under
    # Times chased (`dondoc remind`), all recorded: a reminder is dated when it is sent, so by
    # today. Import passes over it (fields.READ_ONLY).
    FieldSql("reminders", "(SELECT COUNT(*) FROM reminder r WHERE r.task_id = t.id)", "other"),
)
# A voided task (entered by mistake) is left out, and so are voided events.
_TASKS_FROM = f"""FROM task t JOIN directive d ON d.id = t.directive_id
                  JOIN unit u ON u.id = t.unit_id
                  LEFT JOIN task_span s ON s.task_id = t.id AND s.valid_to = '{FOREVER}'
                  WHERE NOT EXISTS (SELECT 1 FROM void v WHERE v.task_id = t.id)
                  ORDER BY t.id"""
_EVENTS: tuple[FieldSql, ...] = (
    FieldSql("directive", "d.number", "text"), FieldSql("code", "t.code", "text"),
    FieldSql("kind", "e.kind", "other"), FieldSql("on", "e.on_date", "date"),
    FieldSql("recorded_at", "e.recorded_at", "other"), FieldSql("note", "e.note", "text"),
    FieldSql("ref", "e.ref", "text"), FieldSql("percent", "e.percent", "other"),
    FieldSql("new_due", "e.new_due", "date"),
)
_EVENTS_FROM = f"""FROM event e JOIN task t ON t.id = e.task_id
                  JOIN directive d ON d.id = t.directive_id
                  WHERE {not_voided("e")}
                        AND NOT EXISTS (SELECT 1 FROM void v WHERE v.task_id = t.id)
                  ORDER BY e.id"""
_UNITS: tuple[FieldSql, ...] = (
    FieldSql("code", "u.code", "text"), FieldSql("name", "u.name", "text"),
    FieldSql("kind", "u.kind", "text"), FieldSql("parent", "p.code", "text"),
    FieldSql("email", "u.email", "text"), FieldSql("cc", "u.cc", "text"),
)
_UNITS_FROM = "FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.id"
_DIRECTIVES: tuple[FieldSql, ...] = (
    FieldSql("number", "number", "text"), FieldSql("issued", "issued", "date"),
    FieldSql("title", "title", "text"), FieldSql("issuer", "issuer", "text"),
    FieldSql("signer", "signer", "text"),
)
_DIRECTIVES_FROM = "FROM directive ORDER BY id"

_QUERIES = {"tasks": (_TASKS, _TASKS_FROM), "events": (_EVENTS, _EVENTS_FROM),
            "units": (_UNITS, _UNITS_FROM), "directives": (_DIRECTIVES, _DIRECTIVES_FROM)}
for _what, (_fields, _) in _QUERIES.items():
    assert tuple(field.field for field in _fields) == fields.KINDS[_what]


def sheet(conn: Conn, what: str, lang: str, fmt: str) -> Sheet:
    """What `export --what` writes in `fmt`: the fields, the labels a person reads, the rows."""
    chosen, source = _QUERIES[what]
    cells = ", ".join(_cell(fmt, field, conn.dialect) for field in chosen)
    rows = conn.execute(f"SELECT {cells} {source}")
    names = [field.field for field in chosen]
    labels = [t(fields.label_key(what, name), lang) for name in names]
    dates = frozenset(field.field for field in chosen if field.holds == "date")
    return Sheet(names, labels, dates, rows, title=what, final=fmt == "csv")


def _cell(fmt: str, field: FieldSql, dialect: Dialect) -> str:
    quoted = fmt == "csv" and field.holds == "text"
    around = field.around(dialect) if callable(field.around) else field.around
    return around.format(csv_text_sql(field.sql, dialect) if quoted else field.sql)


def csv_text_sql(expr: str, dialect: Dialect) -> str:
    """sheets.quote() in SQL: an apostrophe before a cell a spreadsheet would run."""
    starts = ", ".join(str(ord(c)) for c in FORMULA_START)
    return (f"CASE WHEN {dialect.first_code(expr)} IN ({starts}) THEN '''' || {expr} "
            f"ELSE {expr} END")
