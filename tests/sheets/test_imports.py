"""Imports through the real command: a bad row among good ones, the dry run, --map, the events and
units imports, standard input, the progress bar, a named pipe, the example workbook."""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run
from hypothesis import strategies as st
from sheetfiles import HEADER, ROWS, state, tasks, units, write_csv


def test_a_bad_row_in_the_middle_is_refused_with_the_good_ones_kept_aside(
    dondoc: Run, tmp_path: Path, isolated: Path
) -> None:
    units(dondoc)
    rows = [[*ROWS[0][:2], str(n), f"Việc {n}", "SXD", "", "15/03/2023", ""]
            for n in range(1, 21)]
    rows[9][6] = "31/02/2023"  # line 11
    rows[12][4] = "Sở Không Có"  # line 14
    f = write_csv(tmp_path / "t.csv", rows)
    before = state(isolated)
    err = dondoc.fails("import", str(f))
    assert f"{f}:11: column Thời hạn: '31/02/2023' is not a real date" in err
    assert f"{f}:14: column Đơn vị chủ trì: no unit named 'Sở Không Có'" in err
    assert state(isolated) == before  # strict: nothing written
    dry = dondoc.invoke("import", str(f), "--dry-run")
    assert dry.exit_code == 1 and "20 rows: 18 new, 0 updated, 0 unchanged, 2 refused" in dry.stdout
    assert "(dry run: nothing written)" in dry.stdout and state(isolated) == before
    refused = tmp_path / "loi.csv"
    result = dondoc.invoke("import", str(f), "--errors", str(refused))
    assert result.exit_code == 1 and "18 new" in result.stdout
    assert f"refused rows written to {refused}" in result.stderr
    with refused.open(encoding="utf-8-sig", newline="") as fixed:
        back = list(csv.reader(fixed))
    assert back[0] == [*HEADER, "reason"]
    assert [r[2] for r in back[1:]] == ["10", "13"]
    assert "is not a real date" in back[1][-1] and "Sở Không Có" in back[2][-1]
    back[1][6], back[2][4] = "28/02/2023", "SXD"  # the clerk fixes them in Excel
    with refused.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(back)
    assert "2 rows: 2 new" in dondoc("import", str(refused))
    assert len(tasks(dondoc)) == 20


def test_dry_run_says_what_would_change_and_writes_nothing(
    dondoc: Run, tmp_path: Path, isolated: Path
) -> None:
    units(dondoc)
    dondoc("import", str(write_csv(tmp_path / "t.csv", ROWS)))
    changed = [[*ROWS[0][:6], "31/03/2023", ""], ROWS[1],
               [*ROWS[0][:2], "3", "Việc mới", "SXD", "", "", ""]]
    f = write_csv(tmp_path / "t2.csv", changed)
    before = state(isolated)
    out = dondoc("import", str(f), "--dry-run", "--allow-corrections")
    assert "3 rows: 1 new, 1 updated, 1 unchanged, 0 refused" in out
    assert "would update 847/QĐ-UBND#1: Thời hạn: 15/03/2023 -> 31/03/2023" in out
    assert state(isolated) == before
    assert len(tasks(dondoc)) == 2


def test_map_reads_any_header(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    header = [*HEADER[:6], "Hạn chót", "Xong ngày"]
    f = write_csv(tmp_path / "t.csv", ROWS, header=header)
    assert "no column" not in dondoc.fails("import", str(f), "--map", "Hạn chót=deadline")
    out = dondoc("import", str(f), "--map", "hạn chót=due", "--map", "Xong ngày=done")
    assert "2 new" in out
    assert [t["due"] for t in tasks(dondoc)] == ["2023-03-15", "2023-03-01"]
    err = dondoc.fails("import", str(f), "--map", "Không có=due")
    assert "has no column 'Không có'" in err


def test_events_import_a_day_of_progress_once(dondoc: Run, tmp_path: Path) -> None:
    units(dondoc)
    dondoc("import", str(write_csv(tmp_path / "t.csv", ROWS)))
    f = write_csv(tmp_path / "e.csv", [
        ["847/QĐ-UBND#1", "tiến độ", "20/02/2023", "Đã kiểm đếm 85%", "", "85", ""],
        ["847/QĐ-UBND#1", "extend", "21/02/2023", "", "Công văn 512/UBND-ĐT", "", "31/03/2023"],
        ["847/QĐ-UBND#1", "hoàn thành", "25/03/2023", "", "BC 20", "", ""],
    ], header=["task", "kind", "on", "note", "ref", "percent", "new_due"])
    out = dondoc("import", "--what", "events", str(f))
    assert "3 rows: 3 new, 0 updated, 0 unchanged, 0 refused" in out
    shown = json.loads(dondoc("task", "show", "847/QĐ-UBND#1", "-f", "json"))
    assert shown["status"] == "done_on_time"
    assert "3 rows: 0 new, 0 updated, 3 unchanged" in dondoc("import", "--what", "events", str(f))
    bad = write_csv(tmp_path / "bad.csv", [
        ["847/QĐ-UBND", "2", "progress", "01/01/2023", "", "", ""],
        ["847/QĐ-UBND", "9", "done", "01/03/2023", "", "", ""],
        ["847/QĐ-UBND", "2", "done", "06/03/2023", "", "", ""],
        ["847/QĐ-UBND", "2", "progress", "06/03/2023", "", "", "150"],
    ], header=["directive", "code", "kind", "on", "note", "ref", "percent"])
    err = dondoc.fails("import", "--what", "events", str(bad))
    assert f"{bad}:2: column on" not in err  # 01/01/2023 is a date; it is before assigned:
    assert "01/01/2023 is before task 847/QĐ-UBND#2 was assigned" in err
    assert f"{bad}:3: column code: '847/QĐ-UBND#9'" in err
    assert f"{bad}:4: column kind: 'done' task 847/QĐ-UBND#2 is done already" in err
    assert f"{bad}:5: column percent: '150' is not a whole number from 0 to 100" in err
    # Events that export wrote import into another register as they were.
    exported = tmp_path / "events.jsonl"
    dondoc("export", "--what", "events", "-o", str(exported))
    records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    assert [r["kind"] for r in records] == ["done", "progress", "extend", "done"]
    assert all(r["recorded_at"].endswith("Z") for r in records)


def test_units_load_as_a_tree_from_one_sheet(dondoc: Run, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "units.csv", [
        ["XVANNOI", "UBND xã Vân Nội", "xã", "DONGANH", ""],
        ["DONGANH", "UBND huyện Đông Anh", "huyện", "HN", "ubnd@donganh.hanoi.gov.vn"],
        ["HN", "UBND thành phố Hà Nội", "tỉnh", "", ""],
    ], header=["Mã đơn vị", "Tên đơn vị", "Loại", "Trực thuộc", "Email"])
    assert "3 rows: 3 new" in dondoc("import", "--what", "units", str(f))
    listed = {u["code"]: u for u in json.loads(dondoc("unit", "list", "-f", "json"))}
    assert listed["XVANNOI"]["parent"] == "DONGANH" and listed["DONGANH"]["parent"] == "HN"
    assert listed["DONGANH"]["unit_kind"] == "huyện"
    assert "0 new, 0 updated, 3 unchanged" in dondoc("import", "--what", "units", str(f))
    loop = write_csv(tmp_path / "loop.csv", [["HN", "UBND thành phố Hà Nội", "tỉnh", "XVANNOI",
                                              ""]],
                     header=["code", "name", "kind", "parent", "email"])
    assert "would put HN under itself" in dondoc.fails("import", "--what", "units", str(loop))
    moved = write_csv(tmp_path / "moved.csv", [["XVANNOI", "UBND xã Vân Nội", "xã", "HN", ""]],
                      header=["code", "name", "kind", "parent", "email"])
    out = dondoc("import", "--what", "units", str(moved), "--dry-run")
    assert "would update XVANNOI: parent: DONGANH -> HN" in out
    orphan = write_csv(tmp_path / "orphan.csv", [["XA", "UBND xã A", "xã", "HUYEN-B", ""]],
                       header=["code", "name", "kind", "parent", "email"])
    assert ("orphan.csv:2: column parent: no unit named 'HUYEN-B', in the register or the file; "
            "add the parent unit to the file, or first with `dondoc unit add`"
            ) in dondoc.fails("import", "--what", "units", str(orphan))


def test_standard_input_and_json_lines(dondoc: Run, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    units(dondoc)
    spool = tmp_path / "spool"  # where standard input is copied when it must be read twice
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    lines = "".join(json.dumps(dict(zip(["directive", "issued", "code", "content", "unit"],
                                        r[:5], strict=True)), ensure_ascii=False) + "\n"
                    for r in ROWS)
    result = dondoc.invoke("import", "-", input=lines.encode())
    assert result.exit_code == 0, result.stderr
    assert "2 rows: 2 new" in result.stdout
    # With --errors, standard input is read twice (spooled): it is still known as JSON Lines.
    bad = lines + json.dumps({"directive": "847/QĐ-UBND", "issued": "14/02/2023", "code": "9",
                              "content": "", "unit": "SXD"}, ensure_ascii=False) + "\n"
    refused = tmp_path / "loi.csv"
    result = dondoc.invoke("import", "-", "--errors", str(refused), input=bad.encode())
    assert result.exit_code == 1 and "3 rows: 0 new, 0 updated, 2 unchanged, 1 refused" \
        in result.stdout
    assert "is empty" in refused.read_text("utf-8-sig").splitlines()[1]
    # The rows are named as standard input's, not its copy's; the copy is gone.
    assert result.stderr.startswith("-:3: column content: is empty\n"), result.stderr
    assert list(spool.iterdir()) == []
    result = dondoc.invoke("import", "-", "--errors", str(refused), "--map", "due", input=b"")
    assert result.exit_code == 1 and "--map 'due' is not HEADER=FIELD" in result.stderr
    assert list(spool.iterdir()) == []
    csv_text = dondoc("export")
    assert not csv_text.startswith("\ufeff")  # a pipe gets no byte-order mark
    assert csv_text.splitlines()[0].startswith("directive,issued,title")


def at_a_terminal(tmp_path: Path, f: Path) -> tuple[bytes, bytes]:
    """Import `f` into a new register with stderr a pseudo-terminal: (what the terminal shows,
    standard output)."""
    db = tmp_path / "r.sqlite3"
    db.unlink(missing_ok=True)
    env = {**os.environ, "DONDOC_DB": str(db), "DONDOC_LANG": "en"}
    command = [sys.executable, "-m", "dondoc", "import", str(f), "--create-units"]
    main, secondary = pty.openpty()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=secondary, env=env, check=True)
    os.close(secondary)
    shown = b""
    try:
        while chunk := os.read(main, 65536):
            shown += chunk
    except OSError:  # the terminal closed
        pass
    os.close(main)
    return shown, run.stdout


def test_progress_bar_only_at_a_terminal(tmp_path: Path) -> None:
    """A big import shows a bar when stderr is a terminal, and nothing of it in a pipe."""
    rows = [[f"{n // 1000}/KH-UBND", "14/02/2023", str(n), f"Việc số {n} " + "x" * 80, "SXD",
             "", "", ""] for n in range(12_000)]
    f = write_csv(tmp_path / "big.csv", rows)
    assert f.stat().st_size > 1_000_000
    env = {**os.environ, "DONDOC_DB": str(tmp_path / "r.sqlite3"), "DONDOC_LANG": "en"}
    command = [sys.executable, "-m", "dondoc", "import", str(f), "--create-units"]
    subprocess.run([sys.executable, "-m", "dondoc", "init"], env=env, check=True)
    piped = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert piped.stderr == "" and "12000 rows: 12000 new" in piped.stdout
    shown, out = at_a_terminal(tmp_path, f)
    assert b"big.csv" in shown and b"%" in shown
    assert b"12000 rows: 12000 new" in out


@pytest.mark.parametrize(("fmt", "rows", "bar"), [
    ("csv", 20_000, True), ("jsonl", 20_000, True), ("json", 20_000, True),
    ("csv", 500, False), ("jsonl", 500, False)])
def test_progress_bar_goes_by_rows_not_bytes(tmp_path: Path, fmt: str, rows: int,
                                             bar: bool) -> None:
    """The README: a bar for files of more than a few thousand rows, whatever their format and
    however short their rows (20,000 short CSV rows are under 1 MB)."""
    records = [{"directive": f"{n // 1000}/KH", "issued": "14/02/2023", "code": str(n),
                "content": "V", "unit": "SXD"} for n in range(rows)]
    f = tmp_path / f"rows.{fmt}"
    if fmt == "csv":
        write_csv(f, [list(r.values()) for r in records], header=list(records[0]))
        assert f.stat().st_size < 1_000_000
    elif fmt == "jsonl":
        f.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    else:
        f.write_text(json.dumps(records), encoding="utf-8")  # one line, however many rows
    shown, out = at_a_terminal(tmp_path, f)
    assert f"{rows} rows: {rows} new".encode() in out
    assert (f"rows.{fmt}".encode() in shown and b"%" in shown) is bar, shown[-300:]


def test_a_named_pipe_is_read_whole(dondoc: Run, tmp_path: Path) -> None:
    """`import <(...)`: a pipe's rows are not counted for the bar, which would take them."""
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    rows = [[f"{n // 1000}/KH", "14/02/2023", str(n), "V", "SXD", "", "", ""]
            for n in range(6_000)]
    text = write_csv(tmp_path / "plain.csv", rows).read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(text)

    writer = threading.Thread(target=feed)
    writer.start()
    out = dondoc("import", str(fifo), "--create-units")
    writer.join()
    assert "6000 rows: 6000 new" in out


# What a spreadsheet runs as a formula (or reads as the apostrophe that prevents it), written
# out here and not taken from sheets.FORMULA_START: dropping one there must fail a test.
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)


def test_the_example_workbook_imports_like_the_example_csv(dondoc: Run, tmp_path: Path) -> None:
    """examples/so-theo-doi.xlsx: a title block above the header, date cells, as kept in Excel."""
    dondoc("import", "--what", "units", str(EXAMPLES / "units.csv"))
    assert "36 rows: 36 new" in dondoc("import", str(EXAMPLES / "so-theo-doi.xlsx"))
    from_sheet = dondoc("export")
    other = str(tmp_path / "other.sqlite3")
    dondoc("--db", other, "import", "--what", "units", str(EXAMPLES / "units.csv"))
    dondoc("--db", other, "import", str(EXAMPLES / "hanoi-2023.csv"))
    assert dondoc("--db", other, "export") == from_sheet
