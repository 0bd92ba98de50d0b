"""The reminder letter (công văn đôn đốc): the late units and their tasks as of a date, the
letter's fields as a template reads them, the e-mail body (markdown, HTML), and its record.

The late tasks are reminders.select's, that is reports.overdue's: a letter chases exactly what
`dondoc overdue` shows as of its date. The letter itself is always in Vietnamese: it is an
official document (Nghị định 30/2020/NĐ-CP); the Word layout is in chase/letter_docx.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from dondoc.chase import reminders
from dondoc.dates import now_stamp, show_date
from dondoc.errors import DondocError, InvalidValue
from dondoc.register import db
from dondoc.register.db import Conn
from dondoc.text import fold

CHANNEL = "letter"
DEFAULT_SUBJECT = "đôn đốc thực hiện các nhiệm vụ được giao đã quá hạn"

# Type abbreviations of Nghị định 30/2020/NĐ-CP (appendix III): how a directive is cited.
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng",
    "CĐ": "Công điện", "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "CV": "Công văn",
}


@dataclass
class Letter:
    """What the clerk gives: the letter's own fields (the late tasks come from the register)."""

    issuer: str
    on: date                     # the letter's date (its date line)
    as_of: date                  # the late tasks are counted to this day
    number: str | None = None    # None: a draft, numbered when it is issued
    authority: str = ""          # the body above the issuer (cơ quan chủ quản), if any
    place: str = "Hà Nội"
    subject: str = DEFAULT_SUBJECT
    reply_by: date | None = None
    signer: str = ""
    position: str = ""
    copies: tuple[str, ...] = ()  # Nơi nhận, besides the units and the file copy


def select(conn: Conn, as_of: date, unit_id: int | None = None,
           directive_id: int | None = None, min_days: int = 0
           ) -> list[reminders.UnitReminder]:
    """The units with open overdue tasks as of the date, each with its tasks: `overdue`'s."""
    return reminders.select(conn, as_of, unit_id, directive_id, min_days)


# A number-symbol (Nghị định 30): <số>/<ký hiệu>, e.g. 01/CV-TCT, 1888/UBND-TKBT, 45/2016/QĐ-UBND.
NUMBER = re.compile(r"(\d+)/(\S*[^\W\d_]\S*)")


def check_number(number: str) -> str:
    """The number-symbol as given (NFC, trimmed), or one error saying what one looks like."""
    text = unicodedata.normalize("NFC", number.strip())
    if not NUMBER.fullmatch(text):
        raise InvalidValue("--number {number!r} is not a letter's number-symbol",
                           "write <number>/<symbol>, e.g. --number 01/CV-TCT", number=number)
    return text


def number_key(number: str) -> str:
    """What makes two numbers the same: folded, the leading zeros of the số left out
    (01/CV-TCT, 1/cv-tct -> 1/cv-tct)."""
    found = NUMBER.fullmatch(number.strip())
    if found is None:
        return fold(number)
    return f"{int(found.group(1))}/{fold(found.group(2))}"


def document_type(number: str) -> str:
    """Its kind as a citation names it: 12/TB-UBND -> Thông báo; 1888/UBND-TKBT (an official
    letter has no type abbreviation) -> Công văn."""
    symbol = number.rsplit("/", 1)[-1]
    return DOCUMENT_TYPES.get(symbol.split("-", 1)[0].strip(), "Công văn")


def date_line(place: str, day: date) -> str:
    """Hà Nội, ngày 20 tháng 02 năm 2023 (days 1-9 and months 1-2 zero padded)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def context(conn: Conn, letter: Letter, units: list[reminders.UnitReminder]
            ) -> dict[str, Any]:
    """Every field the letter's template can use (`dondoc letter template --help` lists them):
    plain text, dates day first, NFC."""
    numbers = list(dict.fromkeys(row["directive"] for u in units for row in u.overdue))
    found = {number: (issued, title, issuer) for number, issued, title, issuer in conn.execute(
        "SELECT number, issued, title, issuer FROM directive")}
    directives = []
    for number in sorted(numbers, key=lambda n: (found[n][0], n)):
        issued, title, issuer = found[number]
        kind = document_type(number)
        cited = f"{kind} số {number} ngày {show_date(issued)}"
        if issuer:
            cited += f" của {issuer}"
        if title:
            cited += f" về {title}"
        directives.append({"number": number, "kind": kind, "issued": show_date(issued),
                           "issuer": issuer or "", "title": title, "citation": cited})
    unit_rows = []
    for n, unit in enumerate(units, 1):
        tasks = []
        for i, row in enumerate(unit.overdue, 1):
            due = show_date(row["due"])
            if row["extensions"]:
                due += f" (đã gia hạn; hạn đầu {show_date(row['original_due'])})"
            tasks.append({
                "n": i, "ref": f"{row['directive']}#{row['code']}", "content": row["content"],
                "directive": row["directive"],
                "directive_issued": show_date(row["directive_issued"]), "due": due,
                "days_late": row["days_overdue"], "workdays_late": row["workdays_overdue"],
                "late": f"{row['days_overdue']} ngày ({row['workdays_overdue']} ngày làm việc)",
                "last_progress": row["last_progress"] or "",
                "times_chased": row["reminders"]})
        unit_rows.append({"n": n, "name": unit.name, "code": unit.code, "count": len(tasks),
                          "heading": f"{n}. {unit.name}: {len(tasks)} nhiệm vụ", "tasks": tasks})
    task_count = sum(len(u.overdue) for u in units)
    as_of = show_date(letter.as_of)
    intro = (f"Qua theo dõi, tổng hợp trên sổ theo dõi nhiệm vụ được giao, tính đến ngày "
             f"{as_of}, {len(unit_rows)} đơn vị còn {task_count} nhiệm vụ chưa hoàn thành, "
             f"đã quá hạn, được giao tại các văn bản sau:")
    reply = f" trước ngày {show_date(letter.reply_by)}" if letter.reply_by else ""
    request = (f"Để bảo đảm thực hiện các nhiệm vụ đúng tiến độ và hiệu quả, {letter.issuer} "
               f"đề nghị các đơn vị nêu trên khẩn trương kiểm tra, làm rõ lý do chậm muộn, tập "
               f"trung chỉ đạo hoàn thành các nhiệm vụ được giao; báo cáo kết quả thực hiện và "
               f"giải trình rõ lý do chậm muộn bằng văn bản gửi {letter.issuer}{reply}.")
    fields: dict[str, Any] = {
        "authority": letter.authority, "issuer": letter.issuer,
        # A draft leaves a blank (no-break spaces: Word keeps them) for the number.
        "number": letter.number or "\u00a0" * 8 + "/", "draft": letter.number is None,
        "subject": letter.subject, "place": letter.place, "on": show_date(letter.on),
        "date_line": date_line(letter.place, letter.on), "as_of": as_of,
        "reply_by": show_date(letter.reply_by), "recipients": [u.name for u in units],
        "directives": directives, "units": unit_rows, "unit_count": len(unit_rows),
        "task_count": task_count, "intro": intro, "request": request,
        "closing": f"{letter.issuer} đề nghị các đơn vị quan tâm, thực hiện./.",
        "copies": list(letter.copies), "signer": letter.signer, "position": letter.position}
    nfc_fields: dict[str, Any] = _nfc(fields)
    return nfc_fields


def _nfc(value: Any) -> Any:
    if isinstance(value, str):  # NFC, not trimmed (text.nfc trims): a draft's blank stays
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def markdown(fields: dict[str, Any]) -> str:
    """The letter as markdown: the body of an e-mail, the same words as the .docx."""

    def md(text: object) -> str:
        # The text as typed, never as markup: the characters markdown reads escaped.
        out = str(text).replace("\\", "\\\\")
        for ch in "*_[]~`|<>#":
            out = out.replace(ch, "\\" + ch)
        return out.replace("\n", "<br>")

    recipients = fields["recipients"]
    lines = [*([md(fields["authority"].upper()), ""] if fields["authority"] else []),
             f"**{md(fields['issuer'].upper())}**", "", f"Số: {md(fields['number'])}", "",
             f"V/v {md(fields['subject'])}", "", f"*{md(fields['date_line'])}*", "",
             "Kính gửi:", "",
             *[f"- {md(name)}{'.' if i == len(recipients) else ';'}"
               for i, name in enumerate(recipients, 1)], "",
             md(fields["intro"]), "", *[f"- {md(d['citation'])};" for d in fields["directives"]],
             "", "Cụ thể như sau:", ""]
    for unit in fields["units"]:
        lines += [f"**{md(unit['heading'])}**", "",
                  "| STT | Nội dung nhiệm vụ | Văn bản giao | Hạn xử lý | Số ngày quá hạn |",
                  "| ---: | --- | --- | --- | --- |"]
        lines += [f"| {t['n']} | {md(t['content'])} | {md(t['directive'])} | {md(t['due'])} "
                  f"| {md(t['late'])} |" for t in unit["tasks"]]
        lines.append("")
    # Without --position or --signer their line is left out, not shown as an empty "****".
    signature = [f"**{md(text)}**" for text in (fields["position"].upper(), fields["signer"])
                 if text]
    lines += [md(fields["request"]), "", md(fields["closing"]), "",
              *[part for line in signature for part in (line, "")],
              "***Nơi nhận:***", "", "- Như trên;", *[f"- {md(c)};" for c in fields["copies"]],
              "- Lưu: VT.", ""]
    return "\n".join(lines)


def html(fields: dict[str, Any]) -> str:
    """The letter as one HTML page: the body of an e-mail, the same words as the .docx."""
    e = escape
    out = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
           f"<title>{e(fields['number'])}</title></head>"
           '<body style="font-family: \'Times New Roman\', serif; font-size: 14pt">',
           f"<p>{e(fields['authority'].upper())}<br><strong>{e(fields['issuer'].upper())}"
           f"</strong><br>Số: {e(fields['number'])}<br>V/v {e(fields['subject'])}</p>",
           f"<p><em>{e(fields['date_line'])}</em></p>",
           "<p>Kính gửi:</p><ul>"
           + "".join(f"<li>{e(name)};</li>" for name in fields["recipients"]) + "</ul>",
           f"<p>{e(fields['intro'])}</p><ul>"
           + "".join(f"<li>{e(d['citation'])};</li>" for d in fields["directives"]) + "</ul>",
           "<p>Cụ thể như sau:</p>"]
    for unit in fields["units"]:
        out.append(f"<p><strong>{e(unit['heading'])}</strong></p>"
                   '<table border="1" cellpadding="4" style="border-collapse: collapse">'
                   "<tr><th>STT</th><th>Nội dung nhiệm vụ</th><th>Văn bản giao</th>"
                   "<th>Hạn xử lý</th><th>Số ngày quá hạn</th></tr>"
                   + "".join(f"<tr><td>{t['n']}</td><td>{e(t['content'])}</td>"
                             f"<td>{e(t['directive'])}</td><td>{e(t['due'])}</td>"
                             f"<td>{e(t['late'])}</td></tr>" for t in unit["tasks"])
                   + "</table>")
    signature = [f"<strong>{e(text)}</strong>"
                 for text in (fields["position"].upper(), fields["signer"]) if text]
    out += [f"<p>{e(fields['request'])}</p>", f"<p>{e(fields['closing'])}</p>",
            *([f"<p>{'<br><br>'.join(signature)}</p>"] if signature else []),
            "<p><em><strong>Nơi nhận:</strong></em><br>- Như trên;<br>"
            + "".join(f"- {e(c)};<br>" for c in fields["copies"]) + "- Lưu: VT.</p>",
            "</body></html>"]
    return "\n".join(out) + "\n"


def record(conn: Conn, letter: Letter, units: list[reminders.UnitReminder]
           ) -> int:
    """Keep a signed letter: its row, and a reminder citing it on each task it chased, in one
    transaction. The same number from the same issuer twice in a year is refused. Its id."""
    assert letter.number
    key, issuer_key = number_key(letter.number), fold(letter.issuer)
    stamp, by = now_stamp(), db.login(conn)
    with db.transaction(conn):
        earlier = conn.execute(
            "SELECT on_date FROM letter WHERE issuer_key = ? AND year = ? AND number_key = ?",
            (issuer_key, letter.on.year, key)).fetchone()
        if earlier:
            raise DondocError(
                "letter {number} of {issuer} is in the register already (dated {day}): a number "
                "is given once per issuer per year", "give the letter the next number",
                number=letter.number, issuer=letter.issuer, day=show_date(earlier[0]))
        (letter_id,) = conn.execute(
            """INSERT INTO letter (number, number_key, issuer, issuer_key, year, on_date, as_of,
                                   subject, reply_by, signer, position, recorded_at,
                                   recorded_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            (letter.number, key, letter.issuer, issuer_key, letter.on.year,
             letter.on.isoformat(), letter.as_of.isoformat(), letter.subject,
             letter.reply_by.isoformat() if letter.reply_by else None, letter.signer or None,
             letter.position or None, stamp, by)).fetchone()
        conn.executemany(
            """INSERT INTO reminder (task_id, unit_id, on_date, channel, address, message_id,
                                     recorded_at, recorded_by, letter_id)
               VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)""",
            [(row["id"], unit.unit_id, letter.on.isoformat(), CHANNEL, unit.name, stamp, by,
              letter_id) for unit in units for row in unit.overdue])
    return int(letter_id)
