"""The renderer's own plain table must be exactly what tabulate writes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from dondoc.cli.render import Column, ColumnKind, cols, simple_table

pytestmark = pytest.mark.sqlite_only  # touches no register

cell = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠ 0123456789-/%,.", max_size=12)


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(cell.filter(lambda s: s.strip() == s and s != ""), min_size=n, max_size=n),
    st.lists(st.lists(cell.map(str.strip), min_size=n, max_size=n), max_size=6),
    st.lists(st.sampled_from(["left", "right"]), min_size=n, max_size=n),
)))
def test_simple_table_is_tabulates_simple(case: tuple[list[str], list[list[str]], list[str]]
                                          ) -> None:
    headers, rows, aligns = case
    expected = tabulate(rows, headers, tablefmt="simple", disable_numparse=True, colalign=aligns)
    assert "".join(simple_table(headers, rows, aligns)) == expected + "\n"


def test_a_column_of_no_known_kind_or_place_is_refused_when_declared() -> None:
    """cols() specs are text: a kind or a place misspelt fails as the module loads, not in a
    report months later (Column itself takes a ColumnKind, which mypy checks)."""
    assert cols("id:int", "content", "unit_code::csv") == [
        Column("id", ColumnKind.INT), Column("content"), Column("unit_code", shown="csv")]
    with pytest.raises(ValueError, match="'integer' is not a valid ColumnKind"):
        cols("id:integer")
    with pytest.raises(ValueError, match="'json' is not one of"):
        cols("unit_code::json")
