"""The SQL that differs between SQLite and PostgreSQL, side by side, in one place (issue 14).

Every query is written once in the SQL both accept (`INSERT ... ON CONFLICT`, `RETURNING`,
explicit `ORDER BY`); where the two cannot agree, the query asks its connection's dialect
(`conn.dialect`) for the fragment. Each fragment takes the SQL of its operands and returns SQL,
so a query reads the same on both: `dialect.days_between(":as_of", "s.due")`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str  # "sqlite" | "postgresql"

    @property
    def postgresql(self) -> bool:
        return self.name == "postgresql"

    def days_between(self, later: str, earlier: str) -> str:
        """Whole days from `earlier` to `later`, two ISO dates: an integer."""
        if self.postgresql:
            return f"(CAST({later} AS date) - CAST({earlier} AS date))"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def add_days(self, day: str, days: str) -> str:
        """The ISO date `days` (SQL giving an integer) after `day`, as text."""
        if self.postgresql:
            return f"to_char(CAST({day} AS date) + CAST({days} AS integer), 'YYYY-MM-DD')"
        return f"date({day}, ({days}) || ' days')"

    def greatest(self, first: str, second: str) -> str:
        """The larger of two values (NULL if either is: both databases' rule here)."""
        if self.postgresql:
            return f"(CASE WHEN {first} IS NULL OR {second} IS NULL THEN NULL " \
                   f"ELSE GREATEST({first}, {second}) END)"
        return f"MAX({first}, {second})"

    def json_list(self, value: str, order: str) -> str:
        """An aggregate: the group's values as a JSON array text, in `order`; '[]' for none."""
        if self.postgresql:
            return f"COALESCE(json_agg({value} ORDER BY {order})::text, '[]')"
        return f"json_group_array({value})"

    def json_pairs(self, *pairs: tuple[str, str]) -> str:
        """A JSON object from (key, value SQL) pairs."""
        inner = ", ".join(f"'{key}', {value}" for key, value in pairs)
        return f"json_build_object({inner})" if self.postgresql else f"json_object({inner})"

    def joined(self, value: str, separator: str, order: str) -> str:
        """An aggregate: the group's text values joined by `separator` (SQL), in `order`."""
        if self.postgresql:
            return f"string_agg(CAST({value} AS text), {separator} ORDER BY {order})"
        return f"group_concat({value}, {separator})"

    def leading_number(self, code: str) -> str:
        """A code's leading digits as a number, 0 for none: SQLite's CAST('12a' AS INTEGER),
        which PostgreSQL refuses to do."""
        if self.postgresql:
            return f"COALESCE(CAST(substring({code} FROM '^[0-9]+') AS numeric), 0)"
        return f"CAST({code} AS INTEGER)"

    def count_where(self, condition: str) -> str:
        """An aggregate: how many of the group's rows meet `condition`."""
        if self.postgresql:
            return f"count(*) FILTER (WHERE {condition})"
        return f"SUM({condition})"

    def json_items(self, value: str) -> str:
        """A table of the items (`value` column) of a JSON array given as text."""
        if self.postgresql:
            return f"json_array_elements_text(CAST({value} AS json)) AS j(value)"
        return f"json_each({value})"

    def differs(self, first: str, second: str) -> str:
        """True when two values differ, a NULL differing from any other value."""
        if self.postgresql:
            return f"{first} IS DISTINCT FROM {second}"
        return f"{first} IS NOT {second}"

    def first_code(self, text: str) -> str:
        """The code point of a text's first character."""
        return f"ascii({text})" if self.postgresql else f"unicode({text})"

    @property
    def cross_join(self) -> str:
        """A join done in the order written: SQLite's way of saying so (CROSS JOIN ... ON);
        PostgreSQL, which refuses it, plans the order itself."""
        return "JOIN" if self.postgresql else "CROSS JOIN"

    @property
    def register_size(self) -> str:
        """A query for the bytes the register takes: the file's pages, or on PostgreSQL the
        tables (with their indexes) of the register's schema."""
        if self.postgresql:
            return ("SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "WHERE c.relnamespace = to_regnamespace(current_schema()) "
                    "AND c.relkind = 'r'")
        return "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"

    def sealed_fields(self, row: str, fields: tuple[str, ...], canonical: str) -> str:
        """A sealed row's fields as the canonical text its seal is made of (seal.py): SQLite's
        json_array, or the PostgreSQL function `canonical` the migrations define to write the
        same bytes. A BLOB, which json_array refuses (so no seal was ever made of one), is shown
        as text that cannot match; PostgreSQL's typed columns hold none."""
        if self.postgresql:
            return f"{canonical}({row})"
        sealed = ", ".join(f"iif(typeof({row}.{name}) = 'blob', 'blob ' || hex({row}.{name}), "
                           f"{row}.{name})" for name in fields)
        return f"json_array({sealed})"

    @property
    def integrity_check(self) -> str | None:
        """The statement checking the register's storage, rows of 'ok' or what is damaged:
        SQLite's check of its file; PostgreSQL has no such check of its own (amcheck is an
        extension a login may not have)."""
        return None if self.postgresql else "PRAGMA integrity_check"

    @property
    def foreign_key_check(self) -> str | None:
        """The statement listing rows that refer to a missing one (table, rowid, parent, n):
        SQLite's, whose keys can be switched off; PostgreSQL enforces its keys always."""
        return None if self.postgresql else "PRAGMA foreign_key_check"

    def json_numbers(self, value: str, order: str) -> str:
        """An aggregate: the group's integers as a compact JSON array text ('[3,7]', as
        json.dumps(separators=(",", ":")) writes it), in `order`; '[]' for none."""
        if self.postgresql:
            listed = self.joined(value, "','", order)
            return f"'[' || COALESCE({listed}, '') || ']'"
        return f"json_group_array({value})"

    def same(self, first: str, second: str) -> str:
        """True when two values are equal or both NULL (differs()'s opposite)."""
        if self.postgresql:
            return f"{first} IS NOT DISTINCT FROM {second}"
        return f"{first} IS {second}"

    @property
    def bulk_drops_indexes(self) -> bool:
        """Whether a bulk import drops the span and event indexes and builds them at the end:
        faster on SQLite; PostgreSQL keeps them, as DROP INDEX would lock every reader out of
        the table until the import commits."""
        return not self.postgresql


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")
