"""dondoc calendar show | add-holiday | add-workday | move-deadlines"""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from dondoc.cli.common import ColumnsOpt, FormatOpt, option_date, register, say, state
from dondoc.cli.render import Format, cols, render
from dondoc.dates import show_date
from dondoc.errors import InvalidValue
from dondoc.i18n import Text
from dondoc.register import db


class Setting(StrEnum):
    """move-deadlines on|off."""

    ON = "on"
    OFF = "off"


ReplaceOpt = Annotated[
    bool, typer.Option("--replace", help="Change a day the calendar records already.")
]

app = typer.Typer(help="Working days: public holidays, swapped days, the office's own days."
                  "\n\n\b\nExamples:\n  dondoc calendar show 2026\n"
                  '  dondoc calendar add-holiday 10/10/2026 "Giải phóng Thủ đô"',
                  no_args_is_help=True)


@app.command("show")
def calendar_show(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(help="The year (default: this year).")] = None,
    fmt: FormatOpt = Format.TABLE,
    columns: ColumnsOpt = None,
) -> None:
    """List the days that break the Monday-Friday rule: holidays (Tết and Giỗ Tổ Hùng Vương from
    the lunar calendar), days given off in a swap, Saturdays worked in their place, and the
    office's own days (source: local), which win over the package's. Years run from 1945 to
    2100, the last the holidays package knows.

    Columns: day, weekday, day_kind, day_name, source. A terminal too narrow for the table
    leaves out, in this order: source, weekday.

    \b
    Examples:
      dondoc calendar show 2025
      dondoc calendar show 2025 --columns day,day_name
    """
    from dondoc.deadlines import workdays

    year = date.today().year if year is None else year
    workdays.check_year(year, "YEAR")
    with register(ctx) as conn:
        rows = workdays.year_listing(conn, year)
    render(rows, cols("day:date", "weekday:kind", "day_kind:kind", "day_name", "source:kind"), fmt,
           state(ctx).lang, chosen=columns, drop=("source", "weekday"))


@app.command("add-holiday")
def calendar_add_holiday(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="DATE", help="The day, day first.")],
    name: Annotated[str, typer.Argument(help="What it is.")],
    replace: ReplaceOpt = False,
) -> None:
    """Record a day off the holidays package does not know: a province's own, or one announced
    last week. Every working-day calculation from now on counts it. A day the calendar records
    already (a holiday, a Saturday worked, the office's own) is changed only with --replace.

    \b
    Examples:
      dondoc calendar add-holiday 10/10/2025 "Kỷ niệm Ngày Giải phóng Thủ đô"
      dondoc calendar add-holiday 02/05/2025 "Nghỉ bù" --replace
    """
    _add(ctx, day, "off", name, replace)


@app.command("add-workday")
def calendar_add_workday(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="DATE", help="The day off worked.")],
    name: Annotated[str, typer.Argument(help="Why (default: Làm bù).")] = "Làm bù",
    replace: ReplaceOpt = False,
) -> None:
    """Record a day off that the office works: a Saturday or Sunday worked in a swap the
    package does not know yet, or (with --replace, as the day is recorded) a holiday the
    package lists that does not apply to this office. A Monday to Friday that is no holiday
    is a working day already, and is refused.

    \b
    Examples:
      dondoc calendar add-workday 03/01/2027
      dondoc calendar add-workday 31/08/2026 "Tỉnh không nghỉ" --replace
    """
    _add(ctx, day, "work", name, replace)


@app.command("move-deadlines")
def calendar_move_deadlines(
    ctx: typer.Context,
    setting: Annotated[Setting, typer.Argument(metavar="on|off")],
) -> None:
    """Whether a deadline that falls on a day off moves to the next working day (Civil Code
    art. 148; on unless turned off). It applies to deadlines set from now on.

    \b
    Example:
      dondoc calendar move-deadlines off
    """
    from dondoc.deadlines import workdays

    with register(ctx, write=True) as conn, db.transaction(conn):
        workdays.set_move_off_days(conn, setting is Setting.ON)
    say(ctx, Text("Deadlines that fall on a day off now move to the next working day"
                  if setting is Setting.ON else
                  "Deadlines that fall on a day off now stay where they fall"))


def _add(ctx: typer.Context, day: str, kind: str, name: str, replace: bool) -> None:
    from dondoc.deadlines import workdays
    from dondoc.text import nfc

    when = option_date("DATE", day)
    if not nfc(name):
        raise InvalidValue("a day needs its name",
                           'e.g. add-holiday 10/10/2025 "Kỷ niệm Ngày Giải phóng Thủ đô"')
    with register(ctx, write=True) as conn, db.transaction(conn):
        workdays.add_local(conn, when, kind, nfc(name), replace)
    say(ctx, Text("{day}: {name} recorded as a day off" if kind == "off" else
                  "{day}: {name} recorded as a working day", day=show_date(when),
                  name=nfc(name)))
