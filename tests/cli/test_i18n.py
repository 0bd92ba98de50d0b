"""Every message a user can read exists in Vietnamese, with the same values in it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from conftest import ROOT, Run

from dondoc.cli import admin, directives, render, tasks, units
from dondoc.cli import reports as cli_reports
from dondoc.cli.render import Column
from dondoc.dates import FORMS
from dondoc.i18n import LABELS, MESSAGES, Label, MissingLabel, t

ERRORS = {"DondocError", "InvalidValue", "NotFound", "Ambiguous", "ImportRejected", "Text",
          "__init__"}


def templates_in_source() -> dict[str, str]:
    """The string literals given as message or hint to an error or a Text, where they are."""
    found: dict[str, str] = {}
    for path in (ROOT / "src" / "dondoc").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            args = node.args[1:2] if name == "DateError" else node.args[:2]
            if name not in ERRORS | {"DateError"}:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for arg in args:
                assert not isinstance(arg, ast.JoinedStr), f"{where}: an f-string is not a key"
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = where
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.sqlite_only  # touches no register
def test_every_message_has_a_translation() -> None:
    found = templates_in_source()
    assert len(found) > 60  # the scan sees the messages at all
    missing = {t: where for t, where in found.items() if t not in MESSAGES and t != "__init__"}
    assert not missing
    assert FORMS in MESSAGES


@pytest.mark.sqlite_only  # touches no register
def test_translations_keep_their_values() -> None:
    for english, vietnamese in MESSAGES.items():
        assert fields(english) == fields(vietnamese), english


def test_errors_in_vietnamese(dondoc: Run, tmp_path: Path) -> None:
    dondoc("init")
    err = dondoc.fails("--lang", "vi", "task", "show", "99")
    assert err == "dondoc: lỗi: không có nhiệm vụ '99' (xem `dondoc task list`)\n"
    err = dondoc.fails("--lang", "vi", "overdue", "--as-of", "31/02/2023")
    assert "--as-of: '31/02/2023' không phải là ngày có thật (ghi ngày trước:" in err
    f = tmp_path / "t.csv"
    f.write_text("directive,issued,code,content,unit\n1/KH,01/02/2023,1,,Sở Không Có\n",
                 encoding="utf-8")
    err = dondoc.fails("--lang", "vi", "import", str(f))
    assert f"{f}:2: cột content: đang trống" in err
    assert f"{f}:2: cột unit: không có đơn vị tên 'Sở Không Có'; hãy thêm bằng `dondoc unit" in err
    assert err.splitlines()[-1] == (f"dondoc: lỗi: {f}: 2 lỗi, chưa nhập gì "
                                    "(sửa các dòng trên rồi nhập lại)")


@pytest.mark.sqlite_only  # touches no register
def test_a_missing_label_is_a_bug_not_its_key() -> None:
    assert t("due", "vi") == "Hạn xử lý" and t("due", "en") == "Due"
    with pytest.raises(MissingLabel, match="no label 'dew' in i18n.LABELS"):
        t("dew", "en")
    with pytest.raises(MissingLabel):
        Label("nope:v").render("vi")


@pytest.mark.sqlite_only  # touches no register
def test_every_column_a_command_shows_has_its_label() -> None:
    """The headers of every table, in both languages: a column added without its label would
    fail the command as a bug (MissingLabel) rather than show its key."""
    found = [column.key for module in (admin, directives, render, cli_reports, tasks, units)
             for value in vars(module).values() if isinstance(value, list)
             for column in value if isinstance(column, Column)]
    found += [*cli_reports.GROUP_BY.values(), "what", "name"]  # completion --by, changes
    assert len(found) > 60  # the scan sees the column lists at all
    assert [key for key in found if key not in LABELS] == []


def test_a_missing_label_through_the_command_line(office: Run, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    monkeypatch.setattr(units, "UNIT_COLUMNS", [*units.UNIT_COLUMNS, Column("phone")])
    result = office.invoke("unit", "list")
    assert result.exit_code == 70
    assert result.stderr.startswith(
        "dondoc: internal error: MissingLabel: no label 'phone' in i18n.LABELS")
