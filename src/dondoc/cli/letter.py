"""dondoc letter: the official reminder letter (công văn đôn đốc) to the late units, and its
Word template."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dondoc.cli.common import (
    DirectiveOpt,
    MinDaysOpt,
    UnitOpt,
    option_date,
    optional_date,
    register_as_of,
    register_to_record,
    replacing,
    say,
)
from dondoc.dates import show_date
from dondoc.errors import InvalidValue, UsageError
from dondoc.i18n import Text


class LetterFormat(StrEnum):
    DOCX = "docx"
    MD = "md"
    HTML = "html"


app = typer.Typer(invoke_without_command=True, no_args_is_help=False)


def add_commands(root: typer.Typer) -> None:
    root.add_typer(app, name="letter")


@app.callback()
def letter(
    ctx: typer.Context,
    number: Annotated[
        str | None, typer.Option("--number", "-n", metavar="NUMBER",
                                 help="The letter's number-symbol, <số>/<ký hiệu>, e.g. "
                                 "01/CV-TCT (without it: a draft, its number left blank).")
    ] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", metavar="NAME",
                                 help='Who sends it, as in the header and the body: "Tổ công '
                                 'tác", "UBND huyện Ba Vì". Required for a letter.')
    ] = None,
    authority: Annotated[
        str, typer.Option("--authority", metavar="NAME",
                          help="The body above the issuer, shown above it in the header (cơ "
                          'quan chủ quản), e.g. "UBND thành phố Hà Nội".')
    ] = "",
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE",
                                 help="The letter's date (default: --as-of, else today).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE",
                                 help="Count the late tasks to this day (default: --on, else "
                                 "today).")
    ] = None,
    unit: UnitOpt = None,
    directive: DirectiveOpt = None,
    min_days: MinDaysOpt = 0,
    place: Annotated[
        str, typer.Option("--place", metavar="PLACE", help="The date line's place.")
    ] = "Hà Nội",
    subject: Annotated[
        str, typer.Option("--subject", metavar="TEXT",
                          help='What follows "V/v" under the number.')
    ] = "đôn đốc thực hiện các nhiệm vụ được giao đã quá hạn",
    reply_by: Annotated[
        str | None, typer.Option("--reply-by", metavar="DATE",
                                 help='The units report, in writing and with the reasons, '
                                 'before this day: the letter says "trước ngày DD/MM/YYYY", '
                                 "strictly before, so their last day is the day before. After "
                                 "the letter's date.")
    ] = None,
    signer: Annotated[str, typer.Option("--signer", metavar="NAME", help="Who signs it.")] = "",
    position: Annotated[
        str, typer.Option("--position", metavar="TITLE",
                          help='The signer\'s title, e.g. "Tổ trưởng" or "KT. Chủ tịch"; shown '
                          "in capitals.")
    ] = "",
    copies: Annotated[
        list[str] | None, typer.Option("--copy", metavar="TEXT",
                                       help='A line of "Nơi nhận" besides the units and the '
                                       'file copy (again for more), e.g. "Chủ tịch UBND '
                                       'Thành phố (để báo cáo)".')
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", metavar="FILE", exists=True, dir_okay=False,
                                  help="Your Word template (.docx with the fields of `dondoc "
                                  "letter template --help`) instead of the default one.")
    ] = None,
    fmt: Annotated[
        LetterFormat | None, typer.Option("--format", "-f", help="docx, or md or html: the "
                                          "same words for the body of an e-mail. Default: "
                                          "from the --output file's extension, else docx.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                                  help="Write it here, in the format its extension names "
                                  "(.docx, .md, .html) unless --format says (default: "
                                  "cong-van-NUMBER.docx, or du-thao-cong-van-DATE.docx for a "
                                  "draft; md and html to standard output).")
    ] = None,
    record: Annotated[
        bool, typer.Option("--record", help="The letter is signed and numbered: keep it in the "
                           "register, and a reminder citing it on each task it chases.")
    ] = False,
) -> None:
    """Write the official reminder letter (công văn đôn đốc) to the units with overdue tasks.

    The late tasks are exactly those `dondoc overdue` shows as of --as-of (narrowed by --unit,
    --directive, --min-days). The letter follows Nghị định 30/2020/NĐ-CP: the issuer, its
    number and "V/v ..."; the national motto and the date line (Hà Nội, ngày 20 tháng 02 năm
    2023); "Kính gửi:" the late units; the assigning directives cited in full (number, date,
    issuer, title); each unit's late tasks (content, directive, deadline in force, days late);
    the request to finish them and report the reasons in writing ("trước ngày" --reply-by,
    strictly before it); "Nơi nhận" and the signature block. A .docx (A4, Times New Roman)
    from the default template or yours (--template); --format md or html (or -o thu.md,
    thu.html) for the body of an e-mail.

    Without --record it is a draft and nothing is recorded: a letter chases nobody before it is
    signed, and its number is given when it is issued. Once it is signed, run the same command
    with --number and --record: the letter is kept in the register and each task it lists gets
    a reminder citing it (`task show`: "Official letter 01/CV-TCT of 20/02/2023"; counted in
    `overdue`'s reminders). The same number from the same issuer twice in a year is refused
    (01/CV-TCT and 1/CV-TCT are one number).

    \b
    Examples:
      dondoc letter --issuer "Tổ công tác" --as-of 16/02/2023 --on 20/02/2023
      dondoc letter --issuer "Tổ công tác" --authority "UBND thành phố Hà Nội" \\
          --number 01/CV-TCT --as-of 16/02/2023 --on 20/02/2023 --reply-by 28/02/2023 \\
          --signer "Nguyễn Văn A" --position "Tổ trưởng" --record
      dondoc letter --issuer "UBND huyện Ba Vì" --unit BAVI --format md
      dondoc letter --issuer "UBND huyện Ba Vì" --unit BAVI -o thu.md   # md, from the name
      dondoc letter template -o mau.docx              # the default template, to edit
    """
    if ctx.invoked_subcommand is not None:
        return
    from dondoc.chase import letter as letters
    from dondoc.register.lookup import find_directive, find_unit

    if not issuer or not issuer.strip():
        raise UsageError("a letter needs its issuer", 'e.g. --issuer "Tổ công tác"')
    day = option_date("--on", on, option_date("--as-of", as_of) if as_of else None)
    counted_to = option_date("--as-of", as_of, day)
    due_by = optional_date("--reply-by", reply_by)
    if counted_to > day:
        raise InvalidValue("--as-of {as_of} is after the letter's date {day}",
                           "count the late tasks to the letter's date or before",
                           as_of=show_date(counted_to), day=show_date(day))
    if due_by is not None and due_by <= day:
        raise InvalidValue("--reply-by {reply_by} is not after the letter's date {day}: the "
                           "letter asks for the report before that day",
                           "give a day after --on", reply_by=show_date(due_by),
                           day=show_date(day))
    fmt = format_of(output, fmt)
    number = letters.check_number(number) if number is not None else None
    if record:
        if not number:
            raise UsageError("a letter is recorded with its number",
                             "give --number, e.g. --number 01/CV-TCT")
        if day > date.today():
            raise InvalidValue("--on {day} is after today: a letter is recorded once it is "
                               "signed", "leave out --record for a draft", day=show_date(day))
    source = str(template) if template else None
    chosen = template.read_bytes() if template else None
    letter_fields = letters.Letter(
        issuer=issuer.strip(), on=day, as_of=counted_to, number=number,
        authority=authority.strip(), place=place.strip(), subject=subject.strip(),
        reply_by=due_by, signer=signer.strip(), position=position.strip(),
        copies=tuple(c.strip() for c in copies or [] if c.strip()))
    opened = register_to_record(ctx, counted_to) if record else register_as_of(ctx, counted_to)
    with opened as conn:
        unit_id = find_unit(conn, unit).id if unit else None
        directive_id = find_directive(conn, directive).id if directive else None
        units = letters.select(conn, counted_to, unit_id, directive_id, min_days)
        if not units:
            say(ctx, Text("nothing to chase as of {day}", day=show_date(counted_to)))
            return
        fields = letters.context(conn, letter_fields, units)
        if fmt is LetterFormat.DOCX:
            from dondoc.chase import letter_docx

            content = letter_docx.render(
                chosen if chosen is not None else letter_docx.default_template(),
                source or "default", fields)
        else:
            text = letters.markdown(fields) if fmt is LetterFormat.MD else letters.html(fields)
            content = text.encode("utf-8")
        path = output
        if path is None and fmt is LetterFormat.DOCX:
            path = Path(default_name(letter_fields.number, day))
        if path is None:
            if record:
                letters.record(conn, letter_fields, units)
            typer.echo(content.decode("utf-8"), nl=False)
            return
        with replacing(path) as file:  # a letter is there whole, and only once recorded
            file.write(content)
            if record:
                letters.record(conn, letter_fields, units)
    tasks = sum(len(u.overdue) for u in units)
    if record:
        say(ctx, Text("wrote {path}: letter {number} of {day} to {units} units about {tasks} "
                      "overdue tasks; recorded, each task's reminder cites it", path=path,
                      number=letter_fields.number, day=show_date(day), units=len(units),
                      tasks=tasks))
    else:
        say(ctx, Text("wrote {path}: a letter of {day} to {units} units about {tasks} overdue "
                      "tasks; not recorded (once it is signed: --number ... --record)",
                      path=path, day=show_date(day), units=len(units), tasks=tasks))


# What an --output file's extension says it is.
EXTENSIONS = {".docx": LetterFormat.DOCX, ".md": LetterFormat.MD, ".markdown": LetterFormat.MD,
              ".html": LetterFormat.HTML, ".htm": LetterFormat.HTML}


def format_of(output: Path | None, given: LetterFormat | None) -> LetterFormat:
    """--format, else the one -o's extension names, else docx; a --format that -o's extension
    contradicts (--format md -o x.docx) is refused."""
    named = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if given is not None and named is not None and given is not named:
        raise UsageError("--format {fmt} does not match -o {path}",
                         "name the file .{fmt}, or leave out --format",
                         fmt=given.value, path=str(output))
    if given is not None:
        return given
    if output is not None and named is None:
        raise UsageError("-o {path}: no format for the extension {suffix!r}",
                         "name it .docx, .md or .html, or give --format",
                         path=str(output), suffix=output.suffix)
    return named or LetterFormat.DOCX


def default_name(number: str | None, day: date) -> str:
    """cong-van-01-CV-TCT.docx; du-thao-cong-van-2023-02-20.docx for a draft."""
    if number is None:
        return f"du-thao-cong-van-{day.isoformat()}.docx"
    from dondoc.text import fold

    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(number).upper()).strip("-")
    return f"cong-van-{slug}.docx"


@app.command("template")
def letter_template(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                           help="Where to write it.")
    ] = Path("mau-cong-van-don-doc.docx"),
) -> None:
    """Write the default Word template of the reminder letter, to change in Word or LibreOffice
    and give back with `dondoc letter --template FILE`.

    Its fields, in docxtpl's Jinja2 tags ({{ field }}; {%p for ... %} repeats paragraphs and
    {%tr for ... %} table rows): authority, issuer, number, draft (true without --number),
    subject, place, on, date_line, as_of, reply_by (dates DD/MM/YYYY), recipients (the units'
    names), directives (each: number, kind, issued, issuer, title, citation), units (each: n,
    name, code, count, heading, tasks; each task: n, ref, content, directive,
    directive_issued, due, days_late, workdays_late, late, last_progress, times_chased),
    unit_count, task_count, intro, request, closing (the body's sentences), copies, signer,
    position. A tag that is wrong or names no field is refused in one line naming the tag and
    the paragraph it is in.

    \b
    Example:
      dondoc letter template -o mau.docx
    """
    from dondoc.chase import letter_docx

    with replacing(output) as file:
        file.write(letter_docx.default_template())
    say(ctx, Text("wrote the letter's template to {path}", path=output))
