"""Words a user reads, in Vietnamese and English: column headers, statuses and messages."""

from __future__ import annotations

import os
from typing import Protocol, runtime_checkable

LANGS = ("vi", "en")
ENV_LANG = "DONDOC_LANG"


def choose_lang(option: str | None) -> str:
    """--lang, else $DONDOC_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    for value in (option, os.environ.get(ENV_LANG)):
        if value:
            return value if value in LANGS else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


# key -> (vi, en)
LABELS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "directive": ("Văn bản", "Directive"),
    "code": ("Mã", "Code"),
    "content": ("Nội dung nhiệm vụ", "Task"),
    "unit": ("Đơn vị chủ trì", "Lead unit"),
    "co_units": ("Đơn vị phối hợp", "Supporting units"),
    "leader": ("Lãnh đạo phụ trách", "Leader"),
    "officer": ("Chuyên viên", "Officer"),
    "assigned": ("Ngày giao", "Assigned"),
    "due": ("Hạn xử lý", "Due"),
    "original_due": ("Hạn ban đầu", "Original due"),
    "done_on": ("Ngày hoàn thành", "Done on"),
    "days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "last_progress": ("Tiến độ gần nhất", "Latest progress"),
    "status": ("Tình trạng", "Status"),
    "total": ("Tổng số", "Total"),
    "done_on_time": ("HT đúng hạn", "Done on time"),
    "done_late": ("HT quá hạn", "Done late"),
    "open_on_time": ("Chưa HT, trong hạn", "Open, on time"),
    "open_overdue": ("Chưa HT, quá hạn", "Open, overdue"),
    "rate_total": ("Tỷ lệ HT/tổng số", "Done / total"),
    "rate_due": ("Tỷ lệ HT/đến hạn", "Done / due"),
    "name": ("Tên đơn vị", "Name"),
    "parent": ("Trực thuộc", "Parent"),
    "email": ("Email", "E-mail"),
    "tasks": ("Số nhiệm vụ", "Tasks"),
    "number": ("Số, ký hiệu", "Number"),
    "issued": ("Ngày ban hành", "Issued"),
    "title": ("Trích yếu", "Title"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "signer": ("Người ký", "Signer"),
    "on": ("Ngày", "On"),
    "kind": ("Loại", "Kind"),
    "note": ("Ghi chú", "Note"),
    "ref": ("Tài liệu", "Document"),
    "done_ref": ("Văn bản hoàn thành", "Completion document"),
    "unit_kind": ("Loại đơn vị", "Kind"),
    "unit_code": ("Mã đơn vị", "Code"),
    "percent": ("%", "%"),
    "new_due": ("Hạn mới", "New due"),
    "recorded_at": ("Ghi nhận lúc", "Recorded at"),
    "reason": ("Lý do", "reason"),
    "day": ("Ngày", "Day"),
    "weekday": ("Thứ", "Weekday"),
    "day_kind": ("Loại ngày", "Kind"),
    "day_name": ("Tên ngày", "Name"),
    "source": ("Nguồn", "Source"),
    "wd1:v": ("Thứ Hai", "Monday"), "wd2:v": ("Thứ Ba", "Tuesday"),
    "wd3:v": ("Thứ Tư", "Wednesday"), "wd4:v": ("Thứ Năm", "Thursday"),
    "wd5:v": ("Thứ Sáu", "Friday"), "wd6:v": ("Thứ Bảy", "Saturday"),
    "wd7:v": ("Chủ nhật", "Sunday"),
    "off:v": ("Nghỉ", "Day off"),
    "work:v": ("Làm việc", "Worked"),
    "package:v": ("Quy định chung", "National"),
    "local:v": ("Của cơ quan", "Local"),
    "workdays_overdue": ("Số ngày làm việc quá hạn", "Workdays overdue"),
    "days_left": ("Còn (ngày)", "Days left"),
    "workdays_left": ("Còn (ngày làm việc)", "Workdays left"),
    "late_1_30": ("Quá hạn 1-30 ngày", "1-30 days late"),
    "late_31_90": ("31-90 ngày", "31-90 days"),
    "late_91_120": ("91-120 ngày", "91-120 days"),
    "late_over_120": ("Trên 120 ngày", "Over 120 days"),
    "due_rule": ("Thời hạn ghi", "Due as written"),
    "extensions": ("Gia hạn", "Extensions"),
    "ended_on": ("Ngày kết thúc", "Ended on"),
    "successor": ("Đơn vị kế thừa", "Successor"),
    "current_due": ("Hạn hiện tại", "Current due"),
    # values
    "done_on_time:v": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late:v": ("Hoàn thành quá hạn", "Done late"),
    "open_on_time:v": ("Chưa hoàn thành, trong hạn", "Open, on time"),
    "open_overdue:v": ("Chưa hoàn thành, quá hạn", "Open, overdue"),
    "cancelled:v": ("Đã hủy", "Cancelled"),
    "not_assigned_yet:v": ("Chưa được giao", "Not assigned yet"),
    "progress:v": ("Tiến độ", "Progress"),
    "done:v": ("Hoàn thành", "Done"),
    "extend:v": ("Gia hạn", "Extended"),
    "cancel:v": ("Hủy", "Cancelled"),
    "reopen:v": ("Mở lại", "Reopened"),
    "change:v": ("Sửa", "Changed"),
    # messages
    "total_row": ("Tổng cộng", "Total"),
    "none_recorded": ("(chưa ghi)", "(not recorded)"),
    "no_overdue": ("Không có nhiệm vụ quá hạn tính đến {d}.", "No overdue tasks as of {d}."),
    "no_rows": ("Không có dòng nào.", "Nothing to show."),
    "as_of": ("Tính đến {d}", "As of {d}"),
    "due_until": ("Đến hạn từ {d} đến {u}", "Due from {d} to {u}"),
}


def t(key: str, lang: str) -> str:
    vi, en = LABELS.get(key, (key, key))
    return vi if lang == "vi" else en


class Text:
    """A message for a user: an English template, which is also the key to its Vietnamese
    translation in MESSAGES, and the values that fill it, rendered only when shown, in the
    reader's language. A value that can render itself (a Text, an error) is rendered in the
    same language."""

    __slots__ = ("template", "params")

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params

    def render(self, lang: str) -> str:
        template = MESSAGES.get(self.template, self.template) if lang == "vi" else self.template
        values = {
            name: value.render(lang) if isinstance(value, Renders) else value
            for name, value in self.params.items()
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render("en")


@runtime_checkable
class Renders(Protocol):
    def render(self, lang: str) -> str: ...


# English template -> Vietnamese template, with the same {placeholders}.
MESSAGES: dict[str, str] = {
    # errors, and what to do about them
    "dondoc: error: {message}": "dondoc: lỗi: {message}",
    "{why}; {hint}": "{why}; {hint}",
    "no unit {text!r}": "không có đơn vị {text!r}",
    "no unit {text!r}; did you mean {names}?": "không có đơn vị {text!r}; có phải là {names}?",
    "unit {text!r} could be {names}": "{text!r} có thể là đơn vị {names}",
    "see `dondoc unit list`, or add it with `dondoc unit add`":
        "xem `dondoc unit list`, hoặc thêm bằng `dondoc unit add`",
    "give the unit's code": "hãy ghi mã đơn vị",
    "no directive {text!r}": "không có văn bản {text!r}",
    "directive {text!r} could be {numbers}": "{text!r} có thể là văn bản {numbers}",
    "see `dondoc directive list`, or add it with `dondoc directive add`":
        "xem `dondoc directive list`, hoặc thêm bằng `dondoc directive add`",
    "give its full number": "hãy ghi đủ số, ký hiệu",
    "no task {ref!r}": "không có nhiệm vụ {ref!r}",
    "see `dondoc task list`": "xem `dondoc task list`",
    "{ref!r} is not a task reference": "{ref!r} không phải là tham chiếu nhiệm vụ",
    "name a task by its id (12) or as DIRECTIVE#CODE (847/QĐ-UBND#3)":
        "ghi nhiệm vụ bằng số ID (12) hoặc VĂN_BẢN#MÃ (847/QĐ-UBND#3)",
    "a unit needs a name and a code": "đơn vị cần có tên và mã",
    'e.g. unit add "Sở Xây dựng" --code SXD': 'ví dụ: unit add "Sở Xây dựng" --code SXD',
    "unit code {code!r} is taken by {name!r}": "mã đơn vị {code!r} đã dùng cho {name!r}",
    "choose another code": "hãy chọn mã khác",
    "unit {name!r} exists already, as {code}": "đơn vị {name!r} đã có, mã {code}",
    "use that code": "hãy dùng mã đó",
    "a directive needs its number": "văn bản cần có số, ký hiệu",
    'e.g. "847/QĐ-UBND"': 'ví dụ: "847/QĐ-UBND"',
    "directive {number} exists already": "văn bản {number} đã có",
    "see `dondoc directive show`": "xem `dondoc directive show`",
    "the task's content is empty": "nội dung nhiệm vụ đang trống",
    "say what is to be done": "hãy ghi việc cần làm",
    "deadline {due} is before the task was assigned ({assigned})":
        "thời hạn {due} trước ngày giao nhiệm vụ ({assigned})",
    "check --due and --assigned": "kiểm tra --due và --assigned",
    "{ref} exists already (task {id})": "{ref} đã có (nhiệm vụ {id})",
    "choose another --code": "hãy chọn --code khác",
    "{on} is in the future": "ngày {on} chưa tới",
    "record what has happened": "chỉ ghi việc đã xảy ra",
    "{on} is before task {task} was assigned ({assigned})":
        "ngày {on} trước ngày giao nhiệm vụ {task} ({assigned})",
    "check --on": "kiểm tra --on",
    "task {task} is cancelled already": "nhiệm vụ {task} đã hủy",
    "task {task} is open already": "nhiệm vụ {task} đang mở",
    "task {task} is cancelled": "nhiệm vụ {task} đã bị hủy",
    "reopen it first": "hãy mở lại (reopen) trước",
    "an extension needs the new deadline": "gia hạn cần có thời hạn mới",
    "give --to DATE": "hãy ghi --to NGÀY",
    "the new deadline {new_due} is not after the current one ({due})":
        "thời hạn mới {new_due} không sau thời hạn hiện tại ({due})",
    "give a later --to": "hãy ghi --to muộn hơn",
    "--percent {percent} is not between 0 and 100": "--percent {percent} không nằm trong 0 đến 100",
    "--by: {by!r} is not one of {choices}": "--by: {by!r} không phải là một trong {choices}",
    "--status: unknown status {value!r}": "--status: không có tình trạng {value!r}",
    "use {choices}": "dùng {choices}",
    # dates
    "{where}{value!r} {why}": "{where}{value!r} {why}",
    "is not a date": "không phải là ngày",
    "is not a real date": "không phải là ngày có thật",
    "write it day first: {forms}": "ghi ngày trước: {forms}",
    "16/02/2023, 16-2-2023, 16/2 (this year), 2023-02-16, today or yesterday":
        "16/02/2023, 16-2-2023, 16/2 (năm nay), 2023-02-16, hôm nay hoặc hôm qua",
    # the register
    "{path}: cannot open the register: {error}": "{path}: không mở được sổ theo dõi: {error}",
    "check that it is a dondoc file, or name another with --db":
        "kiểm tra đó có phải tệp của dondoc, hoặc chọn tệp khác bằng --db",
    "the register was written by a newer dondoc (schema {schema})":
        "sổ theo dõi do phiên bản dondoc mới hơn ghi (lược đồ {schema})",
    "upgrade dondoc": "hãy nâng cấp dondoc",
    "the register is busy: another dondoc is writing to it (try again in a moment)":
        "sổ theo dõi đang bận: một dondoc khác đang ghi (thử lại sau giây lát)",
    "the register refused the change: {error}": "sổ theo dõi không nhận thay đổi: {error}",
    # import and export
    "cannot read {path}: {error}": "không đọc được {path}: {error}",
    "see `dondoc unit list`": "xem `dondoc unit list`",
    "{day}: {name}": "{day}: {name}",
    "{value!r} is not on or off": "{value!r} không phải on hoặc off",
    "{unit} ended on {on} already": "{unit} đã kết thúc ngày {on}",
    "a unit cannot succeed itself": "một đơn vị không thể kế thừa chính nó",
    "--tree goes with --by unit": "--tree chỉ dùng với --by unit",
    "--every {every!r} is not one of {kinds}": "--every {every!r} không thuộc {kinds}",
    "--day {day} is not a day of the month (1-31)":
        "--day {day} không phải ngày trong tháng (1-31)",
    "--due goes with one task; a recurring one is due by --day":
        "--due dành cho một nhiệm vụ; nhiệm vụ định kỳ có hạn theo --day",
    "drop --due": "bỏ --due",
    "{ref} exists already": "{ref} đã có",
    "drop --tree or use --by unit": "bỏ --tree hoặc dùng --by unit",
    "name another unit": "hãy chọn đơn vị khác",
    "{unit} has ended ({on}): it cannot take over":
        "{unit} đã kết thúc ({on}): không thể tiếp nhận",
    "{unit} ended on {on}: {n} open tasks passed to {successor}":
        "{unit} kết thúc ngày {on}: {n} nhiệm vụ chưa hoàn thành chuyển sang {successor}",
    "{unit} ended on {on}; {n} open tasks stay with it (no successor)":
        "{unit} kết thúc ngày {on}; {n} nhiệm vụ chưa hoàn thành vẫn thuộc đơn vị này (không có "
        "đơn vị kế thừa)",
    "--against: {value!r} is not current or original":
        "--against: {value!r} không phải current hoặc original",
    "e.g. move-deadlines off": "ví dụ move-deadlines off",
    "contains a control character ({char}), which no spreadsheet keeps":
        "có ký tự điều khiển ({char}), bảng tính không giữ được",
    "check the file name": "kiểm tra tên tệp",
    "cannot write {path}: {error}": "không ghi được {path}: {error}",
    "check the folder": "kiểm tra thư mục",
    "{path} is empty": "{path} trống",
    "the first line must name the columns": "dòng đầu phải ghi tên các cột",
    "{path}:{line}: two columns mean {field!r}": "{path}:{line}: hai cột cùng là {field!r}",
    "keep one of them": "hãy giữ một cột",
    "{path}:{line}: no column for {fields}": "{path}:{line}: thiếu cột {fields}",
    'the header must name them (or --map "Header=field"); known columns: {known}':
        'dòng tiêu đề phải có các cột đó (hoặc --map "Tên cột=trường"); các cột nhận biết: '
        "{known}",
    "--map {name}={field}: no field {field!r}": "--map {name}={field}: không có trường {field!r}",
    "fields: {fields}": "các trường: {fields}",
    "--map {name}=...: {path} has no column {name!r}":
        "--map {name}=...: {path} không có cột {name!r}",
    "its columns: {columns}": "các cột của tệp: {columns}",
    "--map {value!r} is not HEADER=FIELD": "--map {value!r} không có dạng TÊN CỘT=TRƯỜNG",
    'e.g. --map "Hạn chót=due"': 'ví dụ --map "Hạn chót=due"',
    "{path}:{line}: not {encoding} text ({error})":
        "{path}:{line}: không phải văn bản {encoding} ({error})",
    "save it from Excel as 'CSV UTF-8 (Comma delimited)', or give its --encoding":
        "hãy lưu từ Excel dạng 'CSV UTF-8 (Comma delimited)', hoặc ghi --encoding của tệp",
    "{path}:{line}: not UTF-8 text: it looks like cp1258, a plain 'CSV' saved by Excel on a "
    "Vietnamese Windows":
        "{path}:{line}: không phải văn bản UTF-8: có vẻ là cp1258, tệp 'CSV' thường do Excel "
        "trên Windows tiếng Việt lưu",
    "give --encoding cp1258, or save it from Excel as 'CSV UTF-8 (Comma delimited)'":
        "hãy thêm --encoding cp1258, hoặc lưu từ Excel dạng 'CSV UTF-8 (Comma delimited)'",
    "{path}:{line}: text in the old {font} font encoding, not Unicode":
        "{path}:{line}: văn bản dùng bảng mã cũ {font}, không phải Unicode",
    "{path}:{line}: {value!r} is text in the old {font} font encoding, not Unicode":
        "{path}:{line}: {value!r} dùng bảng mã cũ {font}, không phải Unicode",
    "convert the file to Unicode first (Unikey: Công cụ chuyển mã, from {font} to Unicode), "
    "then import it again":
        "hãy chuyển tệp sang Unicode trước (Unikey: Công cụ chuyển mã, từ {font} sang "
        "Unicode), rồi nhập lại",
    "convert the file to Unicode first (Unikey: Công cụ chuyển mã, from {font} to Unicode, or "
    "EVKey's converter), then import it again":
        "hãy chuyển tệp sang Unicode trước (Unikey: Công cụ chuyển mã, từ {font} sang "
        "Unicode, hoặc công cụ của EVKey), rồi nhập lại",
    "--encoding {encoding!r} is not a known encoding":
        "--encoding {encoding!r} không phải bảng mã đã biết",
    "e.g. --encoding cp1258": "ví dụ --encoding cp1258",
    "{path}: the old Excel 97-2003 format (.xls) is not read":
        "{path}: không đọc định dạng Excel 97-2003 cũ (.xls)",
    "save it from Excel as .xlsx or 'CSV UTF-8' first":
        "hãy lưu lại từ Excel dạng .xlsx hoặc 'CSV UTF-8' trước",
    "{path}: not an XLSX workbook ({error})": "{path}: không phải sổ tính XLSX ({error})",
    "save it from Excel as .xlsx": "hãy lưu từ Excel dạng .xlsx",
    "{path}: no sheet {sheet!r}": "{path}: không có trang tính {sheet!r}",
    "its sheets are: {sheets}": "các trang tính: {sheets}",
    "{path}:{line}: not JSON ({error})": "{path}:{line}: không phải JSON ({error})",
    "check the file": "kiểm tra tệp",
    "{path}: not a JSON list of records": "{path}: không phải danh sách bản ghi JSON",
    "give a list of objects, as export writes":
        "hãy ghi một danh sách đối tượng, như lệnh export ghi",
    "{path}:{line}: not a JSON object": "{path}:{line}: không phải đối tượng JSON",
    'each record is {{"field": value}}': 'mỗi bản ghi có dạng {{"trường": giá trị}}',
    "{path}:{line}: key {key!r} is not in the first record":
        "{path}:{line}: khóa {key!r} không có trong bản ghi đầu",
    "give every record the same keys": "hãy ghi các bản ghi với cùng các khóa",
    "{path}:{line}: {error}": "{path}:{line}: {error}",
    "check the quoting": "kiểm tra dấu ngoặc kép",
    "{path}:{line}: {reason}": "{path}:{line}: {reason}",
    "column {column}: {why}": "cột {column}: {why}",
    "column {column}: {value!r} {why}": "cột {column}: {value!r} {why}",
    "is empty": "đang trống",
    "is before the assigned date {date}": "trước ngày giao {date}",
    "is in the future": "chưa tới",
    "is not a known unit": "không phải đơn vị đã biết",
    "differs from {seen!r} on line {line} for the same directive":
        "khác với {seen!r} ở dòng {line} của cùng văn bản",
    "directive {number} is new: give its issued date":
        "văn bản {number} mới: hãy ghi ngày ban hành",
    "the same task (directive + code) is on lines {lines}":
        "cùng một nhiệm vụ (văn bản + mã) ở các dòng {lines}",
    "is not an e-mail address": "không phải địa chỉ email",
    "the same unit code is on lines {lines}": "cùng một mã đơn vị ở các dòng {lines}",
    "is already the name of {code} ({where})": "đã là tên của {code} ({where})",
    "in the register": "trong sổ",
    "would put {code} under itself": "sẽ đặt {code} trực thuộc chính nó",
    "{path}:1: no column says which task": "{path}:1: không có cột nào cho biết nhiệm vụ",
    "give a 'task' column (id or DIRECTIVE#CODE), or 'directive' and 'code'":
        "hãy có cột 'task' (số hiệu hoặc VĂN BẢN#MÃ), hoặc hai cột 'directive' và 'code'",
    "is not a kind of event; kinds: {kinds}": "không phải loại sự kiện; các loại: {kinds}",
    "is not a known task": "không phải nhiệm vụ đã biết",
    "is not a whole number from 0 to 100": "không phải số nguyên từ 0 đến 100",
    "is not a moment such as 2023-02-16T08:30:00Z":
        "không phải thời điểm dạng 2023-02-16T08:30:00Z",
    "--errors {path}: write refused rows to a .csv or .xlsx file":
        "--errors {path}: hãy ghi các dòng bị từ chối ra tệp .csv hoặc .xlsx",
    "e.g. --errors loi.csv": "ví dụ --errors loi.csv",
    "directives are imported with their tasks": "văn bản được nhập cùng các nhiệm vụ của nó",
    "give issued, title, issuer, signer columns in the tasks file":
        "hãy thêm các cột issued, title, issuer, signer vào tệp nhiệm vụ",
    "an XLSX workbook is not for a terminal": "không in sổ tính XLSX ra màn hình",
    "give -o FILE.xlsx": "hãy thêm -o TỆP.xlsx",
    "{path}: {total} problem(s), nothing imported": "{path}: {total} lỗi, chưa nhập gì",
    "fix the rows listed and run the import again": "sửa các dòng trên rồi nhập lại",
    "... and {n} more": "... và {n} lỗi nữa",
    "... and {n} more updates": "... và {n} cập nhật nữa",
    "{file}: {rows} rows: {new} new, {updated} updated, {unchanged} unchanged, {refused} refused":
        "{file}: {rows} dòng: {new} mới, {updated} cập nhật, {unchanged} không đổi, "
        "{refused} bị từ chối",
    "{counts}; {completions} completions recorded; {directives_created} directives created, "
    "{directives_updated} updated":
        "{counts}; ghi nhận {completions} hoàn thành; tạo {directives_created} văn bản, "
        "cập nhật {directives_updated}",
    "{counts} (dry run: nothing written)": "{counts} (chạy thử: chưa ghi gì)",
    "would update {what}: {notes}": "sẽ cập nhật {what}: {notes}",
    "refused rows written to {path}": "các dòng bị từ chối đã ghi vào {path}",
    "new unit: {unit}": "đơn vị mới: {unit}",
    "ignored columns: {columns}": "bỏ qua các cột: {columns}",
    # issue 9, history: the history never says something false (history.py, importer.py)
    "task {task} is done already": "nhiệm vụ {task} đã hoàn thành",
    "task {task} is done already (on {done_on})":
        "nhiệm vụ {task} đã hoàn thành (ngày {done_on})",
    "task {task}: {event} on {on} would come before its {latest} on {latest_on}":
        "nhiệm vụ {task}: {event} ngày {on} sẽ đứng trước {latest} đã ghi ngày {latest_on}",
    "date it on or after {latest_on}": "hãy ghi ngày từ {latest_on} trở đi",
    "a completion": "việc hoàn thành",
    "an extension": "việc gia hạn",
    "a cancellation": "việc hủy",
    "a reopening": "việc mở lại",
    "completion": "việc hoàn thành",
    "extension": "việc gia hạn",
    "cancellation": "việc hủy",
    "reopening": "việc mở lại",
    "is not the register's completion: task {task} was done on {done_on}":
        "khác với sổ: nhiệm vụ {task} đã hoàn thành ngày {done_on}",
    "is empty, but task {task} was done on {done_on}":
        "để trống, nhưng nhiệm vụ {task} đã hoàn thành ngày {done_on}",
    "is not the register's completion document: task {task} was done on {done_on} with {ref}":
        "khác với sổ: nhiệm vụ {task} đã hoàn thành ngày {done_on} theo {ref}",
    "to correct it, import with --allow-corrections; to record a new completion, reopen the "
    "task first":
        "muốn sửa thì nhập với --allow-corrections; muốn ghi lần hoàn thành mới thì mở lại "
        "(reopen) nhiệm vụ trước",
    "--allow-corrections goes with --what tasks": "--allow-corrections chỉ dùng với --what tasks",
    "it corrects the completions a tasks file gives":
        "tùy chọn này sửa ngày hoàn thành mà tệp nhiệm vụ ghi",
    "task {task} was cancelled on {on}": "nhiệm vụ {task} đã bị hủy vào ngày {on}",
    "date the note on a day the task was not cancelled":
        "hãy ghi ngày của tiến độ vào ngày nhiệm vụ chưa bị hủy",
}
