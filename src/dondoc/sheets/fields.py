"""The fields of each kind of row dondoc reads and writes, in one place: export writes them in
this order, as a sheet's columns, and the imports read them back, by field name or by the
header a person reads (i18n.LABELS, Vietnamese or English), so a workbook dondoc wrote imports
as it is."""

from __future__ import annotations

from dondoc.i18n import LABELS
from dondoc.text import fold

TASK = ("directive", "issued", "title", "issuer", "signer", "code", "content", "unit",
        "co_units", "leader", "officer", "assigned", "due", "due_rule", "extensions",
        "current_due", "done", "done_ref", "group", "reminders")
EVENT = ("directive", "code", "kind", "on", "recorded_at", "note", "ref", "percent", "new_due")
UNIT = ("code", "name", "kind", "parent", "email", "cc")
DIRECTIVE = ("number", "issued", "title", "issuer", "signer")

KINDS = {"tasks": TASK, "events": EVENT, "units": UNIT, "directives": DIRECTIVE}
# Fields export writes that import does not read back: counts of the register's own history
# (a task's reminders are recorded by `dondoc remind`, never typed in a sheet). A column of one
# is passed over without a word, so a file dondoc wrote imports as it is.
READ_ONLY = {"tasks": ("reminders",)}

# A field whose header label is not its own name, by kind of row.
_LABEL_KEYS = {
    "tasks": {"done": "done_on"},
    "units": {"kind": "unit_kind", "code": "unit_code"},
}


def label_key(kind: str, name: str) -> str:
    return _LABEL_KEYS.get(kind, {}).get(name, name)


def label_aliases(kind: str) -> dict[str, str]:
    """Folded header labels, in both languages, -> field."""
    aliases: dict[str, str] = {}
    for name in KINDS[kind]:
        if name in READ_ONLY.get(kind, ()):
            continue
        for text in LABELS.get(label_key(kind, name), ()):
            aliases[fold(text)] = name
    return aliases


def read_only_headers() -> frozenset[str]:
    """Folded headers of the read-only fields, as export writes them in either language."""
    return frozenset(fold(text) for names in READ_ONLY.values() for name in names
                     for text in (name, *LABELS.get(name, ())))
