"""Units as government reorganised them: on 1 July 2025 every district was abolished."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st


def test_a_district_ended_on_1_july_2025(dondoc: Run) -> None:
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH", "--kind", "huyện")
    dondoc("unit", "add", "UBND xã Đông Anh", "--code", "XDONGANH", "--kind", "xã")
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("directive", "add", "12/KH-UBND", "--issued", "02/01/2025")
    dondoc("task", "add", "12/KH-UBND", "Đã xong", "--unit", "DONGANH", "--due", "31/03/2025")
    dondoc("task", "add", "12/KH-UBND", "Đang làm", "--unit", "DONGANH", "--due", "30/09/2025")
    dondoc("task", "add", "12/KH-UBND", "Đã quá hạn", "--unit", "DONGANH", "--due",
           "30/05/2025")
    dondoc("task", "add", "12/KH-UBND", "Của sở", "--unit", "SXD", "--due", "30/05/2025")
    dondoc("done", "12/KH-UBND#1", "--on", "25/03/2025")
    out = dondoc("unit", "end", "DONGANH", "--on", "01/07/2025", "--successor", "XDONGANH")
    assert "UBND huyện Đông Anh ended on 01/07/2025: 2 open tasks passed to UBND xã Đông Anh" \
        in out

    def by_unit(as_of: str) -> dict[str, tuple[int, int, int, int]]:
        rows = json.loads(dondoc("completion", "--as-of", as_of, "-f", "json"))
        return {r["unit"]: (r["done_on_time"], r["done_late"], r["open_on_time"],
                            r["open_overdue"]) for r in rows}

    # As of 30/06/2025 the district still had all three; as of 01/08/2025 its finished task
    # stays in its history and the open ones are the commune's.
    assert by_unit("30/06/2025") == {"UBND huyện Đông Anh": (1, 0, 1, 1),
                                     "Sở Xây dựng": (0, 0, 0, 1)}
    assert by_unit("01/08/2025") == {"UBND huyện Đông Anh": (1, 0, 0, 0),
                                     "UBND xã Đông Anh": (0, 0, 1, 1),
                                     "Sở Xây dựng": (0, 0, 0, 1)}
    late = json.loads(dondoc("overdue", "--as-of", "30/06/2025", "-f", "json"))
    assert {(r["code"], r["unit"]) for r in late} == {("3", "UBND huyện Đông Anh"),
                                                     ("4", "Sở Xây dựng")}
    late = json.loads(dondoc("overdue", "--as-of", "01/08/2025", "-f", "json"))
    assert {(r["code"], r["unit"]) for r in late} == {("3", "UBND xã Đông Anh"),
                                                     ("4", "Sở Xây dựng")}
    shown = json.loads(dondoc("task", "show", "12/KH-UBND#2", "--as-of", "01/08/2025",
                              "-f", "json"))
    assert shown["unit"] == "UBND xã Đông Anh"
    assert any(e["kind"] == "change" and "UBND huyện Đông Anh -> UBND xã Đông Anh" in e["note"]
               for e in shown["history"])
    before = json.loads(dondoc("task", "show", "12/KH-UBND#2", "--as-of", "30/06/2025",
                               "-f", "json"))
    assert before["unit"] == "UBND huyện Đông Anh"
    # Ended units leave the list unless --all.
    listed = [u["code"] for u in json.loads(dondoc("unit", "list", "-f", "json"))]
    assert "DONGANH" not in listed and "XDONGANH" in listed
    every = {u["code"]: u for u in json.loads(dondoc("unit", "list", "--all", "-f", "json"))}
    assert (every["DONGANH"]["ended_on"], every["DONGANH"]["successor"]) == ("2025-07-01",
                                                                             "XDONGANH")
    assert "ended on 01/07/2025 already" in dondoc.fails("unit", "end", "DONGANH", "--on",
                                                         "02/07/2025")
    # A later event on a handed-over task keeps it with the commune.
    dondoc("done", "12/KH-UBND#2", "--on", "15/08/2025")
    assert by_unit("31/08/2025")["UBND xã Đông Anh"] == (1, 0, 0, 1)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parents=st.lists(st.integers(0, 6), min_size=1, max_size=7),
       tasks=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 60), st.booleans()),
                      min_size=1, max_size=12))
# A chain four deep with tasks only at the bottom and at the top; a parent with no task of its
# own over two children that have; a unit whose only task is under a unit with none.
@example(parents=[7, 0, 1, 2], tasks=[(3, 5, False), (0, 30, True), (3, 40, True)])
@example(parents=[7, 0, 0], tasks=[(1, 5, False), (2, 30, True)])
@example(parents=[7, 7, 1], tasks=[(2, 10, False)])
def test_the_tree_adds_up_to_the_same_total(
    dondoc: Run, tmp_path: Path, parents: list[int], tasks: list[tuple[int, int, bool]]
) -> None:
    """Whatever the tree, rolling units up changes no count: the tree's top rows add up to the
    flat table's total, each unit's row is its own tasks plus its children's rows, and its total
    is the tasks generated for it or any unit below it."""
    db = str(tmp_path / f"tree-{len(list(tmp_path.iterdir()))}.sqlite3")
    units = tmp_path / "units.csv"
    # Unit n's parent is an earlier unit (p < n), or none: a forest, never a cycle.
    units.write_text("code,name,parent\n" + "".join(
        f"U{n},Đơn vị {n},{f'U{p}' if p < n else ''}\n" for n, p in enumerate(parents)),
        encoding="utf-8")
    dondoc("--db", db, "import", "--what", "units", str(units))
    rows = "".join(
        f"1/KH,01/01/2024,{n},Việc {n},U{u % len(parents)},{1 + days % 28:02d}/02/2024,"
        f"{'15/02/2024' if done else ''}\n" for n, (u, days, done) in enumerate(tasks, 1))
    sheet = tmp_path / "tasks.csv"
    sheet.write_text("directive,issued,code,content,unit,due,done\n" + rows, encoding="utf-8")
    dondoc("--db", db, "import", str(sheet))
    flat = json.loads(dondoc("--db", db, "completion", "--as-of", "20/02/2024", "-f", "json"))
    tree = json.loads(dondoc("--db", db, "completion", "--as-of", "20/02/2024", "--tree",
                             "-f", "json"))
    counts = ("total", "done_on_time", "done_late", "open_on_time", "open_overdue")
    for count in counts:
        assert sum(r[count] for r in flat) == sum(r[count] for r in tree if r["level"] == 0)
    assert sum(r["total"] for r in flat) == len(tasks)
    # A unit's row holds its own tasks and its children's rows, each count exactly.
    own = {r["unit"]: r for r in flat}
    for i, row in enumerate(tree):
        children = []
        for below in tree[i + 1:]:
            if below["level"] <= row["level"]:
                break
            if below["level"] == row["level"] + 1:
                children.append(below)
        for count in counts:
            assert row[count] == (own[row["unit"]][count] if row["unit"] in own else 0) + sum(
                c[count] for c in children), (count, row, children)
    # And the total of each unit's row is the tasks generated for it or any unit under it.
    def under(n: int, top: int) -> bool:
        while n != top and parents[n] < n:
            n = parents[n]
        return n == top
    subtree = {f"Đơn vị {top}": sum(under(u % len(parents), top) for u, _, _ in tasks)
               for top in range(len(parents))}
    assert {r["unit"]: r["total"] for r in tree} == {
        name: total for name, total in subtree.items() if total}
    human = dondoc("--db", db, "completion", "--as-of", "20/02/2024", "--tree")
    assert human.splitlines()[-1].split()[1] == str(len(tasks))  # the Total row
