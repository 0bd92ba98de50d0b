"""Finding units, directives and tasks from what a clerk types.

A unit is found by code, then by name: exactly first, then as a unique part of the name, all
after folding (NFC, case, accents, Đ -> d), so `dong anh` finds `UBND huyện Đông Anh`.
Directive numbers match the same way: `847/QD-UBND` finds `847/QĐ-UBND`. A task is its id or
`DIRECTIVE#CODE`.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dondoc.errors import Ambiguous, InvalidValue, NotFound
from dondoc.text import fold, is_unit_code

if TYPE_CHECKING:
    from dondoc.register.db import Conn

MAX_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    code: str
    name: str
    name_key: str


@dataclass(frozen=True, slots=True)
class DirectiveRow:
    id: int
    number: str
    issued: str


def directive_key(number: str) -> str:
    """847/QĐ-UBND and '847/QD - UBND' are one directive."""
    return "".join(fold(number).split())


def check_unit_code(code: str) -> None:
    """Refuse a code that a sheet would read as two (co-units are split at ; and ,)."""
    if not is_unit_code(code):
        raise InvalidValue("unit code {code!r} has a space, ';' or ','",
                           "a code is one word, e.g. SXD or UBND-DONGANH", code=code)


def load_units(conn: Conn) -> list[UnitRow]:
    return [UnitRow(*row) for row in conn.execute("SELECT id, code, name, name_key FROM unit")]


def match_unit(units: Sequence[UnitRow], text: str, partial: bool = True) -> UnitRow:
    """The unit `text` names among `units`; NotFound or Ambiguous saying which were close.
    `partial=False` takes only a code or a whole name: an import that creates the units it does
    not find must not file 'Sở Xây' under 'Sở Xây dựng'."""
    wanted = text.strip().casefold()
    for unit in units:
        if unit.code.casefold() == wanted:
            return unit
    key = fold(text)
    exact = [u for u in units if u.name_key == key]
    if len(exact) == 1:
        return exact[0]
    if not partial and not exact:
        raise NotFound("no unit {text!r}", "see `dondoc unit list`", text=text)
    found = exact or [u for u in units if key and key in u.name_key]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f"{u.code} ({u.name})" for u in found[:MAX_CANDIDATES])
        raise Ambiguous("unit {text!r} could be {names}", "give the unit's code",
                        text=text, names=names)
    close = difflib.get_close_matches(key, [u.name_key for u in units], n=3, cutoff=0.5)
    nearest = [f"{u.code} ({u.name})" for u in units if u.name_key in close]
    if nearest:
        raise NotFound("no unit {text!r}; did you mean {names}?",
                       "see `dondoc unit list`, or add it with `dondoc unit add`",
                       text=text, names=", ".join(nearest))
    raise NotFound("no unit {text!r}", "see `dondoc unit list`, or add it with `dondoc unit add`",
                   text=text)


def find_unit(conn: Conn, text: str) -> UnitRow:
    return match_unit(load_units(conn), text)


def find_directive(conn: Conn, text: str) -> DirectiveRow:
    key = directive_key(text)
    query = "SELECT id, number, issued FROM directive WHERE "
    row = conn.execute(query + "number_key = ?", (key,)).fetchone()
    if row:
        return DirectiveRow(*row)
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        query + "number_key LIKE ? ESCAPE '\\' ORDER BY issued LIMIT ?",
        (pattern, MAX_CANDIDATES + 1),
    ).fetchall()
    if len(rows) == 1:
        return DirectiveRow(*rows[0])
    if rows:
        numbers = ", ".join(r[1] for r in rows[:MAX_CANDIDATES])
        raise Ambiguous("directive {text!r} could be {numbers}", "give its full number",
                        text=text, numbers=numbers)
    raise NotFound(
        "no directive {text!r}",
        "see `dondoc directive list`, or add it with `dondoc directive add`",
        text=text,
    )


def find_task(conn: Conn, text: str) -> int:
    """The id of the task named by its id (`12`) or `DIRECTIVE#CODE` (`847/QĐ-UBND#3`)."""
    ref = text.strip()
    if ref.isdigit():
        # Digits only ASCII and int() read ('²' is a digit too); no id is wider than SQLite's
        # 64-bit integers, which a longer number would overflow.
        task_id = int(ref) if ref.isascii() and len(ref) <= 18 else None
        row = conn.execute("SELECT id FROM task WHERE id = ?", (task_id,)).fetchone()
    elif "#" in ref:
        number, code = ref.rsplit("#", 1)
        directive = find_directive(conn, number)
        row = conn.execute(
            "SELECT id FROM task WHERE directive_id = ? AND code = ?", (directive.id, code.strip())
        ).fetchone()
    else:
        raise NotFound(
            "{ref!r} is not a task reference",
            "name a task by its id (12) or as DIRECTIVE#CODE (847/QĐ-UBND#3)",
            ref=ref,
        )
    if row is None:
        raise NotFound("no task {ref!r}", "see `dondoc task list`", ref=ref)
    return int(row[0])


def people(conn: Conn, role: str) -> dict[str, str]:
    """The officials recorded as the tasks' `role` ('leader' or 'officer'): each name's folded
    key -> the name as first recorded. Names that fold alike ('Trần Văn Nam', 'Tran  Van Nam')
    are one official, named so in every report."""
    assert role in ("leader", "officer")
    names: dict[str, str] = {}
    for (name,) in conn.execute(f"SELECT {role} FROM task WHERE {role} IS NOT NULL "
                                f"GROUP BY {role} ORDER BY MIN(id)"):
        names.setdefault(fold(name), name)
    return names


def find_person(conn: Conn, role: str, text: str) -> tuple[str, str]:
    """The official `text` names among the tasks' `role` ('leader' or 'officer'), as a unit is
    found: a whole name first, then a unique part of one, accents and case folded ('tran van
    nam' finds 'Trần Văn Nam'). Returns (the name as first recorded, its folded key): names
    that fold alike ('Trần Văn Nam', 'Tran Van Nam') are one official."""
    names = people(conn, role)
    key = fold(text)
    if key in names:
        return names[key], key
    found = [k for k in names if key and key in k]
    if len(found) == 1:
        return names[found[0]], found[0]
    if found:
        raise Ambiguous("--{role} {text!r} could be {names}", "give more of the name",
                        role=role, text=text,
                        names=", ".join(names[k] for k in found[:MAX_CANDIDATES]))
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
    if close:
        raise NotFound("--{role} {text!r}: no task has that {role}; did you mean {names}?",
                       "see `dondoc completion --by {role}` for the names recorded",
                       role=role, text=text, names=", ".join(names[k] for k in close))
    raise NotFound("--{role} {text!r}: no task has that {role}",
                   "see `dondoc completion --by {role}` for the names recorded",
                   role=role, text=text)
