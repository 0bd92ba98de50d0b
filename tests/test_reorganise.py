"""Units as government reorganised them: on 1 July 2025 every district was abolished."""

from __future__ import annotations

import json

from conftest import Run


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
