"""Words a user reads, in Vietnamese and English: column headers, statuses and messages."""

from __future__ import annotations

import os
from typing import Protocol, runtime_checkable

LANGS = ("vi", "en")
ENV_LANG = "DONDOC_LANG"


def choose_lang(option: str | None) -> str:
    """--lang, else $DONDOC_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
    A language asked for by name that dondoc does not have is a usage error, never English
    in silence; a locale it does not have is English."""
    from dondoc.errors import UsageError

    for value, where in ((option, "--lang {lang!r}: no such language; there are {langs}"),
                         (os.environ.get(ENV_LANG),
                          "{var}={lang!r}: no such language; there are {langs}")):
        if value:
            name = value.split(".")[0].split("_")[0].lower()  # vi_VN.UTF-8 is vi
            if name not in LANGS:
                raise UsageError(where, lang=value, var=ENV_LANG, langs=", ".join(LANGS))
            return name
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
    "unit_email": ("Email đơn vị", "Unit e-mail"),
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
    "path": ("Đường dẫn", "Path"),
    "access": ("Quyền", "Access"),
    "size_bytes": ("Dung lượng (byte)", "Size (bytes)"),
    "schema": ("Phiên bản lược đồ", "Schema"),
    "units": ("Số đơn vị", "Units"),
    "directives": ("Số văn bản", "Directives"),
    "events": ("Số sự kiện", "Events"),
    "voided": ("Số mục đã hủy bỏ", "Voided"),
    "last_write": ("Ghi lần cuối", "Last written"),
    "read_write:v": ("Đọc và ghi", "Read and write"),
    "read_only:v": ("Chỉ đọc", "Read only"),
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
    # corrections (issue 9): the change log, voids, and each field's name in a change
    "recorded_by": ("Người ghi", "By"),
    "field": ("Trường", "Field"),
    "old_value": ("Giá trị cũ", "Old value"),
    "new_value": ("Giá trị mới", "New value"),
    "from_date": ("Từ ngày", "From"),
    "what": ("Đối tượng", "What"),
    "voided_at": ("Đánh dấu nhầm lúc", "Voided at"),
    "voided_by": ("Người đánh dấu", "Voided by"),
    "void_reason": ("Lý do nhập nhầm", "Void reason"),
    "voided:v": ("Nhập nhầm (đã loại khỏi báo cáo)", "Voided (entered by mistake)"),
    "task:v": ("Nhiệm vụ", "Task"),
    "unit:v": ("Đơn vị", "Unit"),
    "directive:v": ("Văn bản", "Directive"),
    "content:f": ("nội dung", "content"),
    "unit:f": ("đơn vị chủ trì", "unit"),
    "co_units:f": ("đơn vị phối hợp", "co-units"),
    "leader:f": ("lãnh đạo phụ trách", "leader"),
    "officer:f": ("chuyên viên", "officer"),
    "due:f": ("hạn xử lý", "due"),
    "due_rule:f": ("thời hạn ghi", "due as written"),
    "code:f": ("mã", "code"),
    "name:f": ("tên", "name"),
    "unit_kind:f": ("loại đơn vị", "kind"),
    "parent:f": ("trực thuộc", "parent"),
    "email:f": ("email", "e-mail"),
    "number:f": ("số, ký hiệu", "number"),
    "title:f": ("trích yếu", "title"),
    "issuer:f": ("cơ quan ban hành", "issuer"),
    "signer:f": ("người ký", "signer"),
    "issued:f": ("ngày ban hành", "issued"),
    # issue 12, chasing: the reminders count and a task's reminders
    "reminders": ("Số lần đôn đốc", "Reminders"),
    "channel": ("Hình thức", "Channel"),
    "address": ("Gửi tới", "Address"),
    "message_id": ("Message-ID", "Message-ID"),
    # messages
    "total_row": ("Tổng cộng", "Total"),
    "none_recorded": ("(chưa ghi)", "(not recorded)"),
    "no_overdue": ("Không có nhiệm vụ quá hạn tính đến {d}.", "No overdue tasks as of {d}."),
    "no_rows": ("Không có dòng nào.", "Nothing to show."),
    "as_of": ("Tính đến {d}", "As of {d}"),
    "due_until": ("Đến hạn từ {d} đến {u}", "Due from {d} to {u}"),
    # the leaders' digest (issue 12)
    "digest_head": ("Tổng hợp đến {d}: những gì đã ghi từ {s}, so với ngày {c}",
                    "Digest as of {d}: recorded since {s}, compared with {c}"),
    "section": ("Mục", "Section"),
    "count": ("Số lượng", "Count"),
    "detail": ("Chi tiết", "Detail"),
    "new_directive:v": ("Văn bản mới", "New directives"),
    "new_task:v": ("Nhiệm vụ mới giao", "New tasks"),
    "newly_overdue:v": ("Mới quá hạn", "Newly overdue"),
    "extended:v": ("Được gia hạn", "Extended"),
    "reminded:v": ("Đã đôn đốc", "Reminders sent"),
    "overdue": ("Quá hạn", "Overdue"),
    # the quarterly public list, completion --chart (issue 13, disclose)
    "late": ("Số NV trễ hạn", "Late tasks"),
    "days_late_total": ("Tổng số ngày trễ", "Days late, in all"),
    "most_days_late": ("Trễ nhiều nhất (ngày)", "Most days late"),
    "judged": ("Số NV đến hạn trong kỳ", "Tasks due in the period"),
    "rate_on_time": ("Tỷ lệ đúng hạn", "On-time rate"),
    "days_late": ("Số ngày trễ", "Days late"),
    "row_number": ("STT", "No."),
    "disclose_title": ("Công khai danh sách đơn vị, cá nhân chậm thực hiện nhiệm vụ được giao",
                       "Public list of the units and officials late on their assigned tasks"),
    "disclose_period": ("{p}: từ {s} đến {e}, số liệu tính đến ngày {e}",
                        "{p}: from {s} to {e}, as of {e}"),
    "disclose_rule": ("Nhiệm vụ trễ hạn trong kỳ: chưa hoàn thành khi đã quá hạn vào ngày cuối "
                      "kỳ, hoặc hoàn thành trong kỳ sau hạn. Tỷ lệ đúng hạn: số nhiệm vụ hoàn "
                      "thành đúng hạn trên số nhiệm vụ hoàn thành trong kỳ hoặc quá hạn vào "
                      "cuối kỳ. Số ngày trễ tính theo ngày dương lịch, đến cuối kỳ hoặc đến ngày "
                      "hoàn thành.",
                      "Late in the period: still open past its deadline on the period's last "
                      "day, or completed within the period after its deadline. On-time rate: "
                      "the tasks completed on time over those completed in the period or "
                      "overdue at its end. Days late are calendar days, to the period's end or "
                      "to the completion."),
    "disclose_unit": ("I. Các đơn vị chậm thực hiện nhiệm vụ", "I. Units late on their tasks"),
    "disclose_leader": ("II. Lãnh đạo phụ trách nhiệm vụ trễ hạn",
                        "II. Leaders responsible for late tasks"),
    "disclose_officer": ("III. Chuyên viên theo dõi nhiệm vụ trễ hạn",
                         "III. Officers in charge of late tasks"),
    "disclose_tasks": ("Các nhiệm vụ trễ hạn và giải trình gần nhất",
                       "The late tasks and the latest explanation recorded"),
    "disclose_none": ("Không có.", "None."),
    "chart_caption": ("Tỷ lệ hoàn thành đúng hạn và số nhiệm vụ trễ hạn của từng đơn vị",
                      "Each unit's on-time rate and late tasks"),
    "sheet_unit": ("Đơn vị", "Units"),
    "sheet_leader": ("Lãnh đạo", "Leaders"),
    "sheet_officer": ("Chuyên viên", "Officers"),
    # issue 12, the rest (finish12): a unit's own copy on its reminders
    "cc": ("Đồng gửi", "Cc"),
    "cc:f": ("đồng gửi", "cc"),
    # issue 13, the discipline of updating: completions recorded late, stale tasks, work plans
    "recorded_late": ("Cập nhật muộn", "Recorded late"),
    "recorded_late_workdays": ("Cập nhật muộn (ngày LV)", "Recorded late (workdays)"),
    "quiet_since": ("Cập nhật lần cuối", "Quiet since"),
    "workdays_quiet": ("Số ngày LV chưa cập nhật", "Workdays quiet"),
    # Issue 15: directives read from their own document
    "group": ("Nhóm nhiệm vụ", "Group"),
    # the reminder letter (issue 13, dondoc letter)
    "n": ("Lần", "#"),
    "document": ("Văn bản", "Document"),
    # fixdisclose: a quarter as offices write it; a period that is not a quarter
    "quarter_name": ("Quý {roman}/{year}", "Q{n} {year}"),
    "disclose_span": ("Từ ngày {s} đến ngày {e}, số liệu tính đến ngày {e}",
                      "From {s} to {e}, as of {e}"),
    # issue 14: units' logins on a shared PostgreSQL register (dondoc access)
    "login": ("Tài khoản", "Login"),
    "reads": ("Được xem", "Reads"),
    "own_tasks:v": ("Nhiệm vụ của đơn vị", "Its unit's tasks"),
    "whole_register:v": ("Toàn bộ", "The whole register"),
    "granted_at": ("Cấp lúc", "Granted"),
    "granted_by": ("Người cấp", "Granted by"),
}


class MissingLabel(LookupError):
    """A LABELS key that is not there: a programming error, never the user's."""


def t(key: str, lang: str) -> str:
    """The label `key` names, in `lang`. A key LABELS lacks is a bug in dondoc (a column or
    value added without its words), refused here rather than shown raw to a clerk."""
    try:
        vi, en = LABELS[key]
    except KeyError:
        raise MissingLabel(f"no label {key!r} in i18n.LABELS: add it, in Vietnamese and "
                           "English") from None
    return vi if lang == "vi" else en


class Label:
    """A LABELS key (a field's name, a weekday: 'wd1:v', 'off:v') inside a message, in the
    reader's language."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def render(self, lang: str) -> str:
        return t(self.key, lang)


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
        values = {  # plain values first: a check against the Protocol is slow (a reminder
                    # renders some 60 values a task)
            name: value if isinstance(value, _PLAIN) else
            value.render(lang) if isinstance(value, Renders) else value
            for name, value in self.params.items()
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render("en")


@runtime_checkable
class Renders(Protocol):
    def render(self, lang: str) -> str: ...


_PLAIN = (str, int, float, type(None))


class Joined:
    """Texts shown one after another, `sep` between them, each in the reader's language."""

    __slots__ = ("parts", "sep")

    def __init__(self, parts: list[Text], sep: str = ", ") -> None:
        self.parts, self.sep = parts, sep

    def render(self, lang: str) -> str:
        return self.sep.join(part.render(lang) for part in self.parts)


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
    # dates
    "{where}{value!r} {why}": "{where}{value!r} {why}",
    "is not a date": "không phải là ngày",
    "is not a real date": "không phải là ngày có thật",
    "is a year, not a day: write the day, e.g. 31/12/2023":
        "là một năm, không phải một ngày: hãy ghi ngày, ví dụ 31/12/2023",
    "is a month, not a day: write the day, e.g. 30/06/2023":
        "là một tháng, không phải một ngày: hãy ghi ngày, ví dụ 30/06/2023",
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
    "no register at {path}": "không có sổ theo dõi tại {path}",
    "create one with `dondoc init {path}`, or name another with --db or DONDOC_DB":
        "tạo sổ bằng `dondoc init {path}`, hoặc chọn sổ khác bằng --db hoặc DONDOC_DB",
    "{path} is a folder": "{path} là một thư mục",
    "name the register's file, e.g. {example}": "hãy ghi tên tệp sổ theo dõi, ví dụ {example}",
    "cannot write to the register {path}: this account may only read it":
        "không ghi được vào sổ theo dõi {path}: tài khoản này chỉ được đọc",
    "ask its owner for write access, or name another with --db":
        "hãy xin quyền ghi từ người quản lý sổ, hoặc chọn sổ khác bằng --db",
    "cannot create the register {path}: {error}": "không tạo được sổ theo dõi {path}: {error}",
    "name another with --db PATH or DONDOC_DB":
        "hãy chọn nơi khác bằng --db ĐƯỜNG_DẪN hoặc DONDOC_DB",
    "this account has no home folder for a register":
        "tài khoản này không có thư mục riêng để đặt sổ theo dõi",
    "name one with --db PATH or DONDOC_DB": "hãy chỉ định sổ bằng --db ĐƯỜNG_DẪN hoặc DONDOC_DB",
    "{path} is not a dondoc register: it is another program's database ({tables})":
        "{path} không phải sổ theo dõi của dondoc: đó là cơ sở dữ liệu của chương trình khác "
        "({tables})",
    "name a dondoc register with --db, or create one with `dondoc init PATH`":
        "hãy chọn sổ của dondoc bằng --db, hoặc tạo sổ bằng `dondoc init ĐƯỜNG_DẪN`",
    "created a new register at {path}": "đã tạo sổ theo dõi mới tại {path}",
    "{path} is a dondoc register already": "{path} đã là sổ theo dõi của dondoc",
    "the register is read-only for this account: {error}":
        "tài khoản này chỉ được đọc sổ theo dõi: {error}",
    "the disk is full: {error}": "ổ đĩa đã đầy: {error}",
    "the register file is damaged ({error}): restore it from a backup, or recover what it holds "
    "with `sqlite3 FILE .recover`":
        "tệp sổ theo dõi bị hỏng ({error}): hãy khôi phục từ bản sao lưu, hoặc cứu dữ liệu bằng "
        "`sqlite3 TỆP .recover`",
    "the register file is damaged ({error}): restore it from a backup":
        "tệp sổ theo dõi bị hỏng ({error}): hãy khôi phục từ bản sao lưu",
    "the disk failed while reading or writing the register: {error}":
        "ổ đĩa bị lỗi khi đọc hoặc ghi sổ theo dõi: {error}",
    "the register file cannot be opened: {error}": "không mở được tệp sổ theo dõi: {error}",
    "free some space and run the command again": "hãy giải phóng dung lượng rồi chạy lại lệnh",
    "dondoc: internal error: {message}": "dondoc: lỗi nội bộ: {message}",
    "no space left on the disk holding {path}: {error}":
        "hết dung lượng trên ổ đĩa chứa {path}: {error}",
    "no space left on the disk holding {path}": "hết dung lượng trên ổ đĩa chứa {path}",
    "cannot write the output: {error}": "không ghi được kết quả: {error}",
    "waiting for the register: another dondoc is writing to it ({n} s)":
        "đang chờ sổ theo dõi: một dondoc khác đang ghi ({n} giây)",
    "waiting for the register: {what} (process {pid}) has been writing since {since} ({n} s)":
        "đang chờ sổ theo dõi: {what} (tiến trình {pid}) đang ghi từ {since} ({n} giây)",
    "{path} is an empty file, not a register": "{path} là tệp trống, không phải sổ theo dõi",
    "to start a register there, run `dondoc init {path}`":
        "để lập sổ theo dõi tại đó, hãy chạy `dondoc init {path}`",
    "{path} is not a dondoc register (not an SQLite database: {error})":
        "{path} không phải sổ theo dõi của dondoc (không phải cơ sở dữ liệu SQLite: {error})",
    "name a register with --db, or create one with `dondoc init PATH`":
        "hãy chọn sổ bằng --db, hoặc tạo sổ bằng `dondoc init ĐƯỜNG_DẪN`",
    "{path} is damaged ({error})": "{path} bị hỏng ({error})",
    "restore it from a backup, or recover what it holds with `sqlite3 {path} .recover`":
        "hãy khôi phục từ bản sao lưu, hoặc cứu dữ liệu bằng `sqlite3 {path} .recover`",
    "check the file and its folder can be read (and written, to change it)":
        "kiểm tra quyền đọc tệp và thư mục của nó (và quyền ghi, để thay đổi)",
    "{error} ({hint})": "{error} ({hint})",
    "this is a bug in dondoc: run the command again with --traceback and report what it shows":
        "đây là lỗi của dondoc: hãy chạy lại lệnh với --traceback và báo lại nội dung hiển thị",
    "--lang {lang!r}: no such language; there are {langs}":
        "--lang {lang!r}: không có ngôn ngữ này; các ngôn ngữ: {langs}",
    "{var}={lang!r}: no such language; there are {langs}":
        "{var}={lang!r}: không có ngôn ngữ này; các ngôn ngữ: {langs}",
    # what each write did
    "Task {ref} (id {id}) added: no deadline (a standing task)":
        "Đã thêm nhiệm vụ {ref} (ID {id}): không có thời hạn (nhiệm vụ thường xuyên)",
    "Task {ref} (id {id}) added: due {due} ({how})":
        "Đã thêm nhiệm vụ {ref} (ID {id}): hạn {due} ({how})",
    "Task {ref} (id {id}) added: due {due}": "Đã thêm nhiệm vụ {ref} (ID {id}): hạn {due}",
    "{n} working days from {start}": "{n} ngày làm việc kể từ {start}",
    "{n} days from {start}": "{n} ngày kể từ {start}",
    "moved from {weekday} {day}": "lùi từ {weekday} {day}",
    "Recurring task {ref} added: one task every {every}, from {start}":
        "Đã thêm nhiệm vụ định kỳ {ref}: mỗi {every} một nhiệm vụ, từ {start}",
    "--until {until} is before the first period begins ({start})":
        "--until {until} trước khi kỳ đầu tiên bắt đầu ({start})",
    "give a later --until": "hãy ghi --until muộn hơn",
    "unit code {code!r} has a space, ';' or ','": "mã đơn vị {code!r} có dấu cách, ';' hoặc ','",
    "a code is one word, e.g. SXD or UBND-DONGANH": "mã là một từ, ví dụ SXD hoặc UBND-DONGANH",
    "a progress note is empty": "ghi chú tiến độ đang trống",
    "say what has been done": "hãy ghi việc đã làm",
    "(voided: {reason})": "(đã đánh dấu nhập nhầm: {reason})",
    "--db is empty": "--db đang trống",
    "a day needs its name": "ngày cần có tên",
    "e.g. add-holiday 10/10/2025 \"Kỷ niệm Ngày Giải phóng Thủ đô\"":
        "ví dụ add-holiday 10/10/2025 \"Kỷ niệm Ngày Giải phóng Thủ đô\"",
    "month": "tháng", "quarter": "quý", "half-year": "nửa năm", "year": "năm",
    "Progress on task {ref} recorded for {on}: {percent}%":
        "Đã ghi tiến độ nhiệm vụ {ref} ngày {on}: {percent}%",
    "Progress on task {ref} recorded for {on}": "Đã ghi tiến độ nhiệm vụ {ref} ngày {on}",
    "Task {ref} done on {on} (no deadline)":
        "Nhiệm vụ {ref} hoàn thành ngày {on} (không có thời hạn)",
    "Task {ref} done on {on}: {judged} (due {due})":
        "Nhiệm vụ {ref} hoàn thành ngày {on}: {judged} (hạn {due})",
    "done on time": "đúng hạn", "done late": "quá hạn",
    "Task {ref} extended to {due} (was {was}), granted on {on}":
        "Nhiệm vụ {ref} được gia hạn đến {due} (hạn cũ {was}), ngày gia hạn {on}",
    "Task {ref} cancelled from {on}": "Nhiệm vụ {ref} hủy từ ngày {on}",
    "Task {ref} reopened from {on}": "Nhiệm vụ {ref} mở lại từ ngày {on}",
    "Unit {code} added: {name}": "Đã thêm đơn vị {code}: {name}",
    "Directive {number} added: issued {issued}": "Đã thêm văn bản {number}: ban hành {issued}",
    "{day}: {name} recorded as a day off": "{day}: {name}, ghi là ngày nghỉ",
    "{day}: {name} recorded as a working day": "{day}: {name}, ghi là ngày làm việc",
    "Deadlines that fall on a day off now move to the next working day":
        "Từ nay thời hạn rơi vào ngày nghỉ được lùi sang ngày làm việc kế tiếp",
    "Deadlines that fall on a day off now stay where they fall":
        "Từ nay thời hạn rơi vào ngày nghỉ được giữ nguyên",
    # import and export
    "cannot read {path}: {error}": "không đọc được {path}: {error}",
    "see `dondoc unit list`": "xem `dondoc unit list`",
    "{day}: {name}": "{day}: {name}",
    "{unit} ended on {on} already": "{unit} đã kết thúc ngày {on}",
    "a unit cannot succeed itself": "một đơn vị không thể kế thừa chính nó",
    "--tree goes with --by unit": "--tree chỉ dùng với --by unit",
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
    "{path}:{line}: {value!r} is text in the old {font} font encoding, not Unicode (in "
    "{font} it reads {reading!r})":
        "{path}:{line}: {value!r} dùng bảng mã cũ {font}, không phải Unicode (đọc theo {font} "
        "là {reading!r})",
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
    "{path}: not a readable XLSX workbook ({error})":
        "{path}: không phải sổ tính XLSX đọc được ({error})",
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
    "{counts} (dry run: nothing written)": "{counts} (chạy thử: chưa ghi gì)",
    "would update {what}: {notes}": "sẽ cập nhật {what}: {notes}",
    "refused rows written to {path}": "các dòng bị từ chối đã ghi vào {path}",
    "new unit: {unit}": "đơn vị mới: {unit}",
    "ignored columns: {columns}": "bỏ qua các cột: {columns}",
    # issue 9, history: the history never says something false (register/checks, sheets/task_import)
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
    # issue 9, a terminal that reads well: --columns
    "--columns: no column {name!r}": "--columns: không có cột {name!r}",
    "known columns: {known}": "các cột có: {known}",
    # corrections (issue 9): task edit, unit edit, directive edit, void, task void, changes
    "Task {task} changed: {changes}": "Nhiệm vụ {task} đã sửa: {changes}",
    "Unit {unit} changed: {changes}": "Đơn vị {unit} đã sửa: {changes}",
    "Directive {number} changed: {changes}": "Văn bản {number} đã sửa: {changes}",
    "Task {task} voided: it leaves every report and list ({reason})":
        "Nhiệm vụ {task} đã đánh dấu nhập nhầm: không còn trong báo cáo và danh sách nào "
        "({reason})",
    "Event {id} ({kind} of {on}) on task {task} voided: {reason}":
        "Sự kiện {id} ({kind} ngày {on}) của nhiệm vụ {task} đã đánh dấu nhập nhầm: {reason}",
    "Corrections and reassignments:": "Sửa đổi và chuyển giao:",
    "{field} {old} -> {new}": "{field} {old} -> {new}",
    "{change} from {on}": "{change} từ ngày {on}",
    "{change} ({how})": "{change} ({how})",
    "(none)": "(trống)",
    "(unknown)": "(không rõ)",
    "{n} of its tasks keep the assigned date {day}":
        "{n} nhiệm vụ của văn bản giữ nguyên ngày giao {day}",
    "task {task} is voided: it was entered by mistake":
        "nhiệm vụ {task} đã được đánh dấu nhập nhầm",
    "see `dondoc task list --voided`": "xem `dondoc task list --voided`",
    "--on is the day a reassignment takes effect": "--on là ngày bắt đầu chuyển giao",
    "give it with --unit, without --fix": "dùng cùng --unit, không có --fix",
    "task {task}: nothing to change": "nhiệm vụ {task}: không có gì thay đổi",
    "give a new value, e.g. --content, --unit, --leader or --due":
        "hãy ghi giá trị mới, ví dụ --content, --unit, --leader hoặc --due",
    "a task's code cannot be empty": "mã nhiệm vụ không được để trống",
    "e.g. --code 3": "ví dụ --code 3",
    "task {task} is an instance of a recurring task: its code is its period":
        "nhiệm vụ {task} là một kỳ của nhiệm vụ định kỳ: mã của nó là kỳ đó",
    "correct its content, unit or deadline instead":
        "hãy sửa nội dung, đơn vị hoặc thời hạn thay vào đó",
    "task {task} passed to {unit} on {on}: --fix corrects the unit a task was assigned to only "
    "while no reassignment follows":
        "nhiệm vụ {task} đã chuyển cho {unit} từ ngày {on}: --fix chỉ sửa đơn vị được giao ban "
        "đầu khi chưa có lần chuyển giao nào sau đó",
    "void that event first (`dondoc void {event}`), then correct and reassign again":
        "hãy đánh dấu nhập nhầm sự kiện đó trước (`dondoc void {event}`), rồi sửa và chuyển "
        "giao lại",
    "task {task} passed to {unit} on {later}: a reassignment before that would be undone by it":
        "nhiệm vụ {task} đã chuyển cho {unit} từ ngày {later}: chuyển giao trước ngày đó sẽ bị "
        "lần chuyển đó thay thế",
    "give --on {later} or later": "hãy ghi --on từ {later} trở đi",
    "task {task} is not open on {on} ({state}): a finished task stays with its unit":
        "nhiệm vụ {task} không còn mở vào ngày {on} ({state}): nhiệm vụ đã xong vẫn thuộc đơn vị "
        "cũ",
    "if its unit was entered wrongly, add --fix": "nếu nhập nhầm đơn vị, hãy thêm --fix",
    "check --due": "kiểm tra --due",
    "a deadline that moved is an extension, granted on a date by a document":
        "thời hạn thay đổi là gia hạn, được cho phép vào một ngày bằng một văn bản",
    "use `dondoc extend {task} --to DATE --ref DOCUMENT`; add --fix if the deadline was entered "
    "wrongly":
        "hãy dùng `dondoc extend {task} --to NGÀY --ref VĂN_BẢN`; thêm --fix nếu nhập nhầm thời "
        "hạn",
    "task {task} was extended to {to} on {on}: the deadline before it must be earlier":
        "nhiệm vụ {task} đã được gia hạn đến {to} vào ngày {on}: thời hạn trước đó phải sớm hơn",
    "check --due, or void that extension first (`dondoc void {event}`)":
        "kiểm tra --due, hoặc đánh dấu nhập nhầm lần gia hạn đó trước (`dondoc void {event}`)",
    "task {task} was voided already, on {at} by {by}: {reason}":
        "nhiệm vụ {task} đã được đánh dấu nhập nhầm lúc {at}, bởi {by}: {reason}",
    "no event {id}": "không có sự kiện {id}",
    "the ids are in `dondoc task show TASK`":
        "số hiệu sự kiện có trong `dondoc task show NHIỆM_VỤ`",
    "event {id} records a correction of the task's fields: it is not voided":
        "sự kiện {id} ghi lại việc sửa thông tin nhiệm vụ: không đánh dấu nhập nhầm được",
    "edit the field again with `dondoc task edit {task}`":
        "hãy sửa lại thông tin đó bằng `dondoc task edit {task}`",
    "event {id} was voided already, on {at} by {by}: {reason}":
        "sự kiện {id} đã được đánh dấu nhập nhầm lúc {at}, bởi {by}: {reason}",
    "a void needs its reason": "đánh dấu nhập nhầm cần có lý do",
    'e.g. --reason "entered twice"': 'ví dụ --reason "nhập trùng"',
    "voiding event {id} would leave task {task} with a history that breaks the rules: {kind} "
    "(event {other}, {on}) would then be refused: {why}":
        "đánh dấu nhập nhầm sự kiện {id} sẽ làm lịch sử nhiệm vụ {task} sai quy tắc: {kind} "
        "(sự kiện {other}, ngày {on}) khi đó sẽ bị từ chối: {why}",
    "void event {other} first, if it is wrong too":
        "hãy đánh dấu nhập nhầm sự kiện {other} trước, nếu sự kiện đó cũng sai",
    "unit {unit}: nothing to change": "đơn vị {unit}: không có gì thay đổi",
    "give a new value, e.g. --name, --code or --email":
        "hãy ghi giá trị mới, ví dụ --name, --code hoặc --email",
    "give its full name": "hãy ghi tên đầy đủ",
    "choose another name": "hãy chọn tên khác",
    "e.g. --code SXD": "ví dụ --code SXD",
    "--email {email!r} is not an e-mail address": "--email {email!r} không phải địa chỉ email",
    "e.g. --email vanthu@sxd.hanoi.gov.vn": "ví dụ --email vanthu@sxd.hanoi.gov.vn",
    "{parent} is {unit} or under it: it cannot be its parent":
        "{parent} là {unit} hoặc trực thuộc {unit}: không thể là đơn vị cấp trên của nó",
    "choose another --parent": "hãy chọn --parent khác",
    "directive {number}: nothing to change": "văn bản {number}: không có gì thay đổi",
    "give a new value, e.g. --title, --number or --issued":
        "hãy ghi giá trị mới, ví dụ --title, --number hoặc --issued",
    "--voided lists the tasks left out of every report":
        "--voided liệt kê các nhiệm vụ nhập nhầm, đã loại khỏi mọi báo cáo",
    "drop --status and --as-of": "bỏ --status và --as-of",
    "--no-co-units and --co-unit contradict each other":
        "--no-co-units và --co-unit mâu thuẫn nhau",
    "give one of them": "chỉ ghi một trong hai",
    # Issue 9, defects found by trying it (branch defects)
    "--from {start} is after --to {end}: no task can be assigned between":
        "--from {start} sau --to {end}: không có nhiệm vụ nào được giao trong khoảng đó",
    "give --from on or before --to": "hãy cho --from không muộn hơn --to",
    "{where}: year {year} is outside {first}-{last}":
        "{where}: năm {year} nằm ngoài {first}-{last}",
    "a register's calendar runs from {first} to {last}, the last year the holidays package "
    "knows": "lịch của sổ theo dõi chạy từ {first} đến {last}, năm cuối mà gói holidays biết",
    "{day} is a {weekday}, a working day already": "{day} là {weekday}, vốn là ngày làm việc",
    "add-workday is for a day off the office works: a Saturday or Sunday, or a holiday":
        "add-workday dành cho ngày nghỉ mà cơ quan làm việc: thứ Bảy, Chủ nhật hoặc ngày lễ",
    "{day} is recorded already: {name} ({kind}, {source})":
        "{day} đã được ghi: {name} ({kind}, {source})",
    "give --replace to replace it": "hãy thêm --replace để thay",
    "none": "không có",
    "is not a list of extensions such as '2023-02-13 -> 2023-03-15 (Công văn số 512/UBND-ĐT)', "
    "separated by ';'":
        "không phải danh sách gia hạn dạng '2023-02-13 -> 2023-03-15 (Công văn số "
        "512/UBND-ĐT)', cách nhau bởi ';'",
    "does not begin with the extensions the register has ({had}): an extension recorded is "
    "never changed or taken back; add new ones at the end":
        "không bắt đầu bằng các lần gia hạn sổ đã ghi ({had}): gia hạn đã ghi thì không sửa "
        "hay bỏ được; hãy thêm lần mới vào cuối",
    "granted on {on}, in the future": "gia hạn ngày {on}, ở tương lai",
    "granted on {on}, before the task was assigned ({assigned})":
        "gia hạn ngày {on}, trước ngày giao nhiệm vụ ({assigned})",
    "granted on {on}, after the task was done ({done}): it changes nothing about that "
    "completion": "gia hạn ngày {on}, sau khi nhiệm vụ đã hoàn thành ({done}): không thay đổi "
                  "được việc hoàn thành đó",
    "the new deadline {new_due} is not after the one before ({due})":
        "hạn mới {new_due} không sau hạn trước đó ({due})",
    "is not the deadline the extensions lead to ({due})":
        "không phải thời hạn mà các lần gia hạn dẫn tới ({due})",
    # verify (issue 10, a history no one can rewrite unseen): register/seal.py, cli/verify.py
    "the file is damaged: {detail}": "tệp bị hỏng: {detail}",
    "event {id} was deleted: its seal is still there":
        "sự kiện {id} đã bị xóa: dấu niêm phong của nó vẫn còn",
    "{event} has no seal: it was added outside dondoc":
        "{event} không có dấu niêm phong: đã được thêm ngoài dondoc",
    "{event} does not match its seal: it was altered, or an event before it was removed, added "
    "or moved": "{event} không khớp với dấu niêm phong: đã bị sửa, hoặc một sự kiện trước nó đã "
                "bị xóa, thêm hay đổi chỗ",
    "{event} refers to a missing {parent}": "{event} trỏ tới {parent} không còn trong sổ",
    "{count} rows of {table} refer to a missing {parent}":
        "{count} dòng của bảng {table} trỏ tới {parent} không còn trong sổ",
    "task {id}, not in the register": "nhiệm vụ {id}, không còn trong sổ",
    "event {id} ({task}, {day}, {kind})": "sự kiện {id} ({task}, {day}, {kind})",
    "verified {events} events of {tasks} tasks: all hold":
        "đã kiểm tra {events} sự kiện của {tasks} nhiệm vụ: tất cả nguyên vẹn",
    "verified {events} events of {tasks} tasks: {count} problems":
        "đã kiểm tra {events} sự kiện của {tasks} nhiệm vụ: {count} vấn đề",
    "last seal: {seal}": "dấu niêm phong cuối: {seal}",
    # issue 10, bad files: damaged or oversized workbooks and JSON, deadlines out of bounds
    "{path}: cannot be read ({error})": "{path}: không đọc được ({error})",
    "{where}: not JSON dondoc can read ({error})":
        "{where}: không phải JSON dondoc đọc được ({error})",
    "give a list of flat objects, as export writes":
        "hãy đưa một danh sách đối tượng phẳng, như lệnh export ghi",
    "{path}: cell {cell} stretches the sheet to {rows} rows by {columns} columns, far beyond "
    "the {cells} cells it holds":
        "{path}: ô {cell} kéo trang tính ra {rows} hàng x {columns} cột, vượt xa {cells} ô "
        "nó thực có",
    "delete the empty rows and columns after the data in Excel, save, and import again":
        "hãy xóa các hàng và cột trống sau dữ liệu trong Excel, lưu lại rồi nhập lại",
    "is longer than a deadline can be: at most {most} working days":
        "dài hơn mức một thời hạn có thể có: tối đa {most} ngày làm việc",
    "is longer than a deadline can be: at most {most} days":
        "dài hơn mức một thời hạn có thể có: tối đa {most} ngày",
    "is in {year}, outside the years {first}-{last} a register's calendar covers":
        "thuộc năm {year}, ngoài các năm {first}-{last} mà lịch của sổ theo dõi có",
    "gives {date}, after the register's calendar ends ({last})":
        "cho ngày {date}, sau khi lịch của sổ theo dõi kết thúc ({last})",
    "deadline {due!r} {why}": "thời hạn {due!r} {why}",
    "assigned {date}": "giao ngày {date}",
    "{path}: cannot be imported ({error})": "{path}: không nhập được ({error})",
    "check the file; if it looks right, this is a bug in dondoc: run the command again with "
    "--traceback and report what it shows":
        "hãy kiểm tra tệp; nếu tệp đúng thì đây là lỗi của dondoc: chạy lại lệnh với "
        "--traceback và báo lại những gì nó hiện",
    # issue 16, README claims: a deadline an import would move
    "is not the register's deadline: task {task} is due {due}":
        "khác với sổ: nhiệm vụ {task} có thời hạn {due}",
    "a deadline moved by a new decision is an extension: `dondoc extend {task} --to DATE --ref "
    "DOCUMENT`; if it was entered wrongly, correct it with `dondoc task edit {task} --due DATE "
    "--fix` or import with --allow-corrections":
        "thời hạn đổi theo quyết định mới là gia hạn: `dondoc extend {task} --to DATE --ref "
        "DOCUMENT`; nếu nhập nhầm, sửa bằng `dondoc task edit {task} --due DATE --fix` hoặc "
        "nhập với --allow-corrections",
    # issue 12, chasing: dondoc remind and the mail settings (chase/, cli/chase.py)
    "the settings file {path} cannot be read: {error}":
        "không đọc được tệp cấu hình {path}: {error}",
    "fix it, or set the values again with `dondoc config set`":
        "hãy sửa tệp, hoặc đặt lại các giá trị bằng `dondoc config set`",
    "the password is never stored in dondoc's settings":
        "mật khẩu không bao giờ được lưu trong cấu hình của dondoc",
    "set DONDOC_SMTP_PASSWORD for the command, or put it in a file only you can read and "
    "`dondoc config set mail.password_file PATH`":
        "hãy đặt biến DONDOC_SMTP_PASSWORD cho lệnh, hoặc ghi nó vào một tệp chỉ bạn đọc được "
        "rồi `dondoc config set mail.password_file PATH`",
    "no setting {key!r}": "không có mục cấu hình {key!r}",
    "{path}: no setting {key!r}": "{path}: không có mục cấu hình {key!r}",
    "known settings: {known}": "các mục có: {known}",
    "{key}: {value!r} is not one of {choices}": "{key}: {value!r} không thuộc {choices}",
    "{key}: {value!r} is not an e-mail address": "{key}: {value!r} không phải địa chỉ e-mail",
    "e.g. 'Văn phòng UBND <vanthu@example.vn>'": "ví dụ 'Văn phòng UBND <vanthu@example.vn>'",
    "{key}: {value!r} is not a port number": "{key}: {value!r} không phải số cổng",
    "e.g. 587": "ví dụ 587",
    "e.g. lanhdao@example.vn, separated by commas":
        "ví dụ lanhdao@example.vn, cách nhau bằng dấu phẩy",
    "mail.host is not set": "chưa đặt mail.host",
    "e.g. `dondoc config set mail.host smtp.example.vn`, then mail.sender":
        "ví dụ `dondoc config set mail.host smtp.example.vn`, rồi mail.sender",
    "mail.sender is not set": "chưa đặt mail.sender",
    "e.g. `dondoc config set mail.sender 'Văn phòng UBND <vanthu@example.vn>'`":
        "ví dụ `dondoc config set mail.sender 'Văn phòng UBND <vanthu@example.vn>'`",
    "the password file {path} may be read by others (mode {mode})":
        "tệp mật khẩu {path} người khác cũng đọc được (quyền {mode})",
    "make it yours alone: chmod 600 {path}": "hãy để chỉ mình bạn đọc được: chmod 600 {path}",
    "the password file {path} cannot be read: {error}":
        "không đọc được tệp mật khẩu {path}: {error}",
    "check mail.password_file (`dondoc config show`)":
        "hãy kiểm tra mail.password_file (`dondoc config show`)",
    "cannot send through the mail server {server}: {error}":
        "không gửi được qua máy chủ thư {server}: {error}",
    "check the mail settings (`dondoc config show`); nothing was sent":
        "hãy kiểm tra cấu hình thư (`dondoc config show`); chưa gửi thư nào",
    "[Reminder] {counts} - {unit} - {day}": "[Đôn đốc] {counts} - {unit} - {day}",
    "{n} overdue task": "{n} nhiệm vụ quá hạn",
    "{n} overdue tasks": "{n} nhiệm vụ quá hạn",
    "{n} task due soon": "{n} nhiệm vụ sắp đến hạn",
    "{n} tasks due soon": "{n} nhiệm vụ sắp đến hạn",
    "To: {unit}": "Kính gửi: {unit}",
    "As of {day}, {n} task assigned to your unit is overdue:":
        "Tính đến ngày {day}, đơn vị còn {n} nhiệm vụ được giao đã quá hạn:",
    "As of {day}, {n} tasks assigned to your unit are overdue:":
        "Tính đến ngày {day}, đơn vị còn {n} nhiệm vụ được giao đã quá hạn:",
    "Due soon ({n} task):": "Nhiệm vụ sắp đến hạn ({n}):",
    "Due soon ({n} tasks):": "Nhiệm vụ sắp đến hạn ({n}):",
    "{number} of {issued}": "{number} ngày {issued}",
    "Task {ref}: {content}": "Nhiệm vụ {ref}: {content}",
    "Deadline: {due}": "Hạn xử lý: {due}",
    "Deadline: {due} (extended; first set for {original})":
        "Hạn xử lý: {due} (đã gia hạn; hạn ban đầu {original})",
    "Overdue by {days} days ({workdays} working days)":
        "Quá hạn {days} ngày ({workdays} ngày làm việc)",
    "Due in {days} days ({workdays} working days)":
        "Còn {days} ngày ({workdays} ngày làm việc)",
    "Latest progress: {note}": "Tiến độ gần nhất: {note}",
    "No progress reported yet": "Chưa báo cáo tiến độ",
    "Chased once before": "Đã đôn đốc 1 lần trước đây",
    "Chased {n} times before": "Đã đôn đốc {n} lần trước đây",
    "Not chased before": "Chưa đôn đốc lần nào",
    "Please complete these tasks without delay and report the results in writing, with the "
    "reasons for any delay.":
        "Đề nghị đơn vị khẩn trương hoàn thành các nhiệm vụ trên và báo cáo kết quả bằng văn "
        "bản, nêu rõ lý do chậm trễ.",
    "Sent by dondoc from the register of assigned tasks, as of {day}.":
        "Thư do dondoc gửi tự động từ sổ theo dõi nhiệm vụ được giao, số liệu tính đến ngày "
        "{day}.",
    "--as-of {day} is after today: a reminder is dated when it is sent":
        "--as-of {day} sau ngày hôm nay: thư đôn đốc mang ngày gửi",
    "use --dry-run or --out to see a later day's":
        "dùng --dry-run hoặc --out để xem thư của một ngày sau",
    "--cc {value!r} is not an e-mail address": "--cc {value!r} không phải địa chỉ e-mail",
    "e.g. --cc lanhdao@example.vn": "ví dụ --cc lanhdao@example.vn",
    "{key} set to {value!r} in {path}": "đã đặt {key} = {value!r} trong {path}",
    "settings file: {path}": "tệp cấu hình: {path}",
    "(hidden, from {var})": "(ẩn, lấy từ {var})",
    "(hidden, in {path})": "(ẩn, trong tệp {path})",
    "(not set)": "(chưa đặt)",
    "nothing to chase as of {day}": "không có gì cần đôn đốc tính đến {day}",
    "would send to {unit} <{address}>{cc}: {subject}": "sẽ gửi {unit} <{address}>{cc}: {subject}",
    "wrote {path}: {unit} <{address}>": "đã ghi {path}: {unit} <{address}>",
    "failed: {unit} <{address}>: {reason}": "không gửi được: {unit} <{address}>: {reason}",
    "skipped: {unit} has no e-mail on file (`dondoc unit edit {code} --email ADDRESS`)":
        "bỏ qua: {unit} chưa có e-mail (`dondoc unit edit {code} --email ADDRESS`)",
    "skipped: {unit} was reminded on {day} already (--again sends again)":
        "bỏ qua: {unit} đã được đôn đốc ngày {day} (--again để gửi lại)",
    "sent {sent}, skipped {skipped}, failed {failed}":
        "đã gửi {sent}, bỏ qua {skipped}, không gửi được {failed}",
    "would send {count}, skipped {skipped}; nothing sent or recorded":
        "sẽ gửi {count}, bỏ qua {skipped}; chưa gửi và không ghi nhận gì",
    "Reminders sent:": "Các lần đôn đốc:",
    "wrote {count}, skipped {skipped}; nothing sent or recorded":
        "đã ghi {count}, bỏ qua {skipped}; chưa gửi và không ghi nhận gì",
    "{n} task with no recent progress": "{n} nhiệm vụ chưa cập nhật tiến độ",
    "{n} tasks with no recent progress": "{n} nhiệm vụ chưa cập nhật tiến độ",
    "No recent progress ({n} task):": "Nhiệm vụ chưa cập nhật tiến độ ({n}):",
    "No recent progress ({n} tasks):": "Nhiệm vụ chưa cập nhật tiến độ ({n}):",
    "No deadline (a standing task)": "Không có thời hạn (nhiệm vụ thường xuyên)",
    "No progress reported since {day} ({workdays} working days)":
        "Chưa cập nhật tiến độ từ ngày {day} ({workdays} ngày làm việc)",
    "cannot log in to the mail server {server}: SMTP login takes only ASCII characters in the "
    "user name and password": "không đăng nhập được máy chủ thư {server}: đăng nhập SMTP chỉ "
                              "nhận ký tự ASCII trong tên đăng nhập và mật khẩu",
    "nothing was sent": "chưa gửi thư nào",
    # the leaders' digest (issue 12)
    "[Digest] {day}: {late} newly overdue, {done} done, {overdue} overdue":
        "[Tổng hợp] {day}: {late} mới quá hạn, {done} hoàn thành, {overdue} đang quá hạn",
    "--mail {value!r} is not an e-mail address": "--mail {value!r} không phải địa chỉ email",
    "e.g. --mail lanhdao@example.vn": "ví dụ --mail lanhdao@example.vn",
    "--as-of {day} is after today: a digest is dated when it is sent":
        "--as-of {day} là ngày sau hôm nay: bản tổng hợp mang ngày nó được gửi",
    "print it without --mail to see a later day's":
        "bỏ --mail để in bản tổng hợp của một ngày sau",
    "the mail server did not take the digest: {reason}":
        "máy chủ thư không nhận bản tổng hợp: {reason}",
    "nothing was recorded; run it again": "chưa ghi nhận gì; hãy chạy lại",
    "digest sent to {address}: {id}": "đã gửi bản tổng hợp tới {address}: {id}",
    # the quarterly public list, completion --chart (issue 13, disclose)
    "--quarter {value!r} is not a quarter": "--quarter {value!r} không phải là một quý",
    "write it like 2023-Q1": "viết như 2023-Q1",
    "--format {fmt} writes a file, not text for a terminal":
        "--format {fmt} ghi ra tệp, không phải văn bản cho màn hình",
    "add -o FILE, e.g. -o cong-khai.{fmt}": "thêm -o TỆP, ví dụ -o cong-khai.{fmt}",
    "--quarter and --from/--to both name the period":
        "--quarter và --from/--to cùng chỉ định kỳ",
    "no period: --quarter, or both --from and --to, is needed":
        "chưa có kỳ: cần --quarter, hoặc cả --from và --to",
    "e.g. --quarter 2023-Q1": "ví dụ --quarter 2023-Q1",
    "--from {start} is after --to {end}": "--from {start} sau --to {end}",
    "-o {path}: no format for the extension {suffix!r}":
        "-o {path}: không có định dạng cho phần mở rộng {suffix!r}",
    "name it .html, .docx, .xlsx, .csv, .json or .md, or give --format":
        "đặt tên .html, .docx, .xlsx, .csv, .json hoặc .md, hoặc cho --format",
    # issue 12, the rest (finish12): a unit's own copy; reminders sealed (register/seal.py)
    "reminder {id} was deleted: its seal is still there":
        "lần đôn đốc {id} đã bị xóa: dấu niêm phong của nó vẫn còn",
    "{reminder} has no seal: it was added outside dondoc":
        "{reminder} không có dấu niêm phong: đã được thêm ngoài dondoc",
    "{reminder} does not match its seal: it was altered, or a reminder before it was removed, "
    "added or moved": "{reminder} không khớp với dấu niêm phong: đã bị sửa, hoặc một lần đôn đốc "
                      "trước nó đã bị xóa, thêm hay đổi chỗ",
    "reminder {id} ({task}, {day}, to {address})":
        "lần đôn đốc {id} ({task}, {day}, gửi tới {address})",
    "last reminder seal: {seal}": "dấu niêm phong cuối của các lần đôn đốc: {seal}",
    "verified {events} events and {reminders} reminders of {tasks} tasks: all hold":
        "đã kiểm tra {events} sự kiện và {reminders} lần đôn đốc của {tasks} nhiệm vụ: tất cả "
        "nguyên vẹn",
    "verified {events} events and {reminders} reminders of {tasks} tasks: {count} problems":
        "đã kiểm tra {events} sự kiện và {reminders} lần đôn đốc của {tasks} nhiệm vụ: {count} "
        "vấn đề",
    # issue 13, the discipline of updating: stale tasks, each official's work plan
    "As of {day}: open tasks with no progress for {n} working days or more ({count})":
        "Tính đến {day}: nhiệm vụ chưa cập nhật tiến độ từ {n} ngày LV trở lên ({count})",
    "give --officer NAME or --leader NAME (one of them)":
        "hãy cho --officer TÊN hoặc --leader TÊN (một trong hai)",
    "Work plan of {name} ({role}) as of {day}": "Kế hoạch công việc của {name} ({role}) tính "
                                                "đến {day}",
    "Late ({n})": "Đã quá hạn ({n})",
    "Due this week, to {end} ({n})": "Đến hạn trong tuần, đến {end} ({n})",
    "Due this month, to {end} ({n})": "Đến hạn trong tháng, đến {end} ({n})",
    "Due this quarter, to {end} ({n})": "Đến hạn trong quý, đến {end} ({n})",
    "And {n} open tasks due after {end} or with no deadline":
        "Và {n} nhiệm vụ đến hạn sau {end} hoặc không có thời hạn",
    "--{role} {text!r} could be {names}": "--{role} {text!r} có thể là {names}",
    "give more of the name": "hãy ghi đầy đủ hơn họ tên",
    "--{role} {text!r}: no task has that {role}; did you mean {names}?":
        "--{role} {text!r}: không có nhiệm vụ nào của người này; có phải {names}?",
    "--{role} {text!r}: no task has that {role}":
        "--{role} {text!r}: không có nhiệm vụ nào của người này",
    "see `dondoc completion --by {role}` for the names recorded":
        "xem các tên đã ghi bằng `dondoc completion --by {role}`",
    # Issue 15: directives read from their own document (sheets/documents.py)
    "--number, --issued, --issuer, --title and --signer go with a directive's document "
    "(.docx or .pdf)":
        "--number, --issued, --issuer, --title và --signer dùng với văn bản gốc (.docx hoặc .pdf)",
    "a spreadsheet gives them in its columns": "bảng tính ghi các thông tin này trong các cột",
    "{counts}; {n} recurring (a task each period)": "{counts}; {n} định kỳ (mỗi kỳ một nhiệm vụ)",
    "{path}: a directive's document gives its tasks":
        "{path}: văn bản gốc chỉ cho các nhiệm vụ của nó",
    "drop --what {what}": "bỏ --what {what}",
    "{path}: no number and symbol found (a line 'Số: 135/KH-UBND')":
        "{path}: không tìm thấy số, ký hiệu (dòng 'Số: 135/KH-UBND')",
    "give it: --number 135/KH-UBND": "hãy ghi: --number 135/KH-UBND",
    "{path}: no issue date found (a line 'Hà Nội, ngày 19 tháng 4 năm 2023')":
        "{path}: không tìm thấy ngày ban hành (dòng 'Hà Nội, ngày 19 tháng 4 năm 2023')",
    "give it: --issued 19/04/2023": "hãy ghi: --issued 19/04/2023",
    "{path}: no table of tasks found (a header naming the task and its lead unit: "
    "'Nội dung nhiệm vụ', 'Cơ quan chủ trì')":
        "{path}: không tìm thấy bảng nhiệm vụ (dòng tiêu đề có 'Nội dung nhiệm vụ', "
        "'Cơ quan chủ trì')",
    'name the columns with --map "Header=content", --map "Header=unit"':
        'chỉ rõ các cột bằng --map "Tiêu đề=content", --map "Tiêu đề=unit"',
    "table {table}, row {row}": "bảng {table}, dòng {row}",
    "{path}: cannot be read as a {kind} file ({error})":
        "{path}: không đọc được như tệp {kind} ({error})",
    "open it in Word or LibreOffice and save it again":
        "mở tệp bằng Word hoặc LibreOffice rồi lưu lại",
    "{path} has no text layer: it is a scan, which dondoc cannot read":
        "{path} không có lớp chữ: đó là bản quét, dondoc không đọc được",
    "import the Word file the PDF was made from, or a PDF exported from Word or LibreOffice":
        "hãy nhập tệp Word gốc của bản PDF, hoặc PDF xuất từ Word hay LibreOffice",
    "{path}, {place}: {reason}": "{path}, {place}: {reason}",
    # the reminder letter (issue 13, dondoc letter)
    "Official letter {number} of {day}": "Công văn {number} ngày {day}",
    "a letter needs its issuer": "công văn cần có cơ quan ban hành",
    "e.g. --issuer \"Tổ công tác\"": "ví dụ --issuer \"Tổ công tác\"",
    "--as-of {as_of} is after the letter's date {day}":
        "--as-of {as_of} là ngày sau ngày của công văn {day}",
    "count the late tasks to the letter's date or before":
        "tính nhiệm vụ quá hạn đến ngày của công văn hoặc trước đó",
    "a letter is recorded with its number": "công văn được ghi nhận cùng số của nó",
    "give --number, e.g. --number 01/CV-TCT": "hãy cho --number, ví dụ --number 01/CV-TCT",
    "--on {day} is after today: a letter is recorded once it is signed":
        "--on {day} là ngày sau hôm nay: công văn chỉ được ghi nhận khi đã ký",
    "leave out --record for a draft": "bỏ --record để in bản dự thảo",
    "wrote {path}: letter {number} of {day} to {units} units about {tasks} overdue tasks; "
    "recorded, each task's reminder cites it":
        "đã ghi {path}: công văn {number} ngày {day} gửi {units} đơn vị về {tasks} nhiệm vụ "
        "quá hạn; đã ghi nhận, mỗi nhiệm vụ có một lần đôn đốc dẫn công văn này",
    "wrote {path}: a letter of {day} to {units} units about {tasks} overdue tasks; not "
    "recorded (once it is signed: --number ... --record)":
        "đã ghi {path}: công văn ngày {day} gửi {units} đơn vị về {tasks} nhiệm vụ quá hạn; "
        "chưa ghi nhận (khi đã ký: --number ... --record)",
    "wrote the letter's template to {path}": "đã ghi mẫu công văn vào {path}",
    "letter {number} of {issuer} is in the register already (dated {day}): a number is given "
    "once per issuer per year":
        "công văn số {number} của {issuer} đã có trong sổ (ngày {day}): mỗi số chỉ cấp một lần "
        "cho một cơ quan trong một năm",
    "give the letter the next number": "hãy cho công văn số tiếp theo",
    "template {path} is not a Word .docx document ({error})":
        "mẫu {path} không phải văn bản Word .docx ({error})",
    "save it from Word or LibreOffice as .docx, or write the default one with `dondoc letter "
    "template -o mau.docx`":
        "hãy lưu nó dưới dạng .docx từ Word hoặc LibreOffice, hoặc ghi mẫu mặc định bằng "
        "`dondoc letter template -o mau.docx`",
    "fix the tag in Word or LibreOffice; `dondoc letter template --help` lists the fields":
        "hãy sửa thẻ trong Word hoặc LibreOffice; `dondoc letter template --help` liệt kê các "
        "trường",
    "template {path}: {what}": "mẫu {path}: {what}",
    "template {path}, paragraph {number} ({text!r}): {what}":
        "mẫu {path}, đoạn {number} ({text!r}): {what}",
    # fixchase: remind's and digest's review fixes
    "sent to {unit} <{address}>: {n} task, {id}": "đã gửi {unit} <{address}>: {n} nhiệm vụ, {id}",
    "sent to {unit} <{address}>: {n} tasks, {id}":
        "đã gửi {unit} <{address}>: {n} nhiệm vụ, {id}",
    "copy to {address} refused: {reason}": "bản sao gửi {address} bị từ chối: {reason}",
    "{day} is not a working day: nothing sent": "{day} không phải ngày làm việc: không gửi gì",
    "--since {since} is after --as-of {day}": "--since {since} sau --as-of {day}",
    "give --since on or before --as-of": "hãy cho --since không muộn hơn --as-of",
    # review fixes of `dondoc letter` (fixletter): its number, format, reply date
    "--number {number!r} is not a letter's number-symbol":
        "--number {number!r} không phải số, ký hiệu của văn bản",
    "write <number>/<symbol>, e.g. --number 01/CV-TCT":
        "hãy viết <số>/<ký hiệu>, ví dụ --number 01/CV-TCT",
    "--format {fmt} does not match -o {path}": "--format {fmt} không khớp với -o {path}",
    "name the file .{fmt}, or leave out --format": "hãy đặt tên tệp .{fmt}, hoặc bỏ --format",
    "name it .docx, .md or .html, or give --format":
        "đặt tên .docx, .md hoặc .html, hoặc cho --format",
    "--reply-by {reply_by} is not after the letter's date {day}: the letter asks for the "
    "report before that day":
        "--reply-by {reply_by} không sau ngày của công văn {day}: công văn đề nghị báo cáo "
        "trước ngày đó",
    "give a day after --on": "hãy cho một ngày sau --on",
    # fiximport: the import of a plan's document (review of 26/11/2026)
    "no unit named {text!r}; add it with `dondoc unit add`, or import with --create-units":
        "không có đơn vị tên {text!r}; hãy thêm bằng `dondoc unit add`, hoặc nhập với "
        "--create-units",
    "no unit named {text!r} (did you mean {names}?); add it with `dondoc unit add`, or import "
    "with --create-units":
        "không có đơn vị tên {text!r} (có phải là {names}?); hãy thêm bằng `dondoc unit add`, "
        "hoặc nhập với --create-units",
    "no unit named {text!r}, in the register or the file; add the parent unit to the file, or "
    "first with `dondoc unit add`":
        "không có đơn vị tên {text!r} trong sổ hay trong tệp; hãy thêm đơn vị cấp trên vào tệp, "
        "hoặc thêm trước bằng `dondoc unit add`",
    "{n} row": "{n} dòng",
    "{n} rows": "{n} dòng",
    "{file}: {rows}: {new} new, {updated} updated, {unchanged} unchanged, {refused} refused":
        "{file}: {rows}: {new} mới, {updated} cập nhật, {unchanged} không đổi, "
        "{refused} bị từ chối",
    "{n} completion recorded": "ghi nhận {n} hoàn thành",
    "{n} completions recorded": "ghi nhận {n} hoàn thành",
    "{n} directive created": "tạo {n} văn bản",
    "{n} directives created": "tạo {n} văn bản",
    "{counts}; {completions}; {created}, {updated} updated":
        "{counts}; {completions}; {created}, cập nhật {updated}",
    "{counts}; {n} without a deadline until one is set ('Theo tiến độ dự án', 'Theo yêu cầu': "
    "task edit --due)":
        "{counts}; {n} chưa có thời hạn, chờ xác định ('Theo tiến độ dự án', 'Theo yêu cầu': "
        "task edit --due)",
    "write a date day first (16/02/2023), a period (10 ngày làm việc) or a plan's deadline "
    "(Quý II/2023, Tháng 6/2023, Năm 2023, Thường xuyên, Hằng quý, Theo yêu cầu)":
        "ghi ngày trước tháng (16/02/2023), một khoảng thời gian (10 ngày làm việc) hoặc thời "
        "hạn như kế hoạch ghi (Quý II/2023, Tháng 6/2023, Năm 2023, Thường xuyên, Hằng quý, "
        "Theo yêu cầu)",
    # fixdisclose: the review's findings on disclose, completion, mine, stale
    "--chart draws bars for a screen: it does not go with {option}":
        "--chart vẽ biểu đồ cho màn hình: không dùng cùng {option}",
    "drop --chart for the table, or drop {option}": "bỏ --chart để xem bảng, hoặc bỏ {option}",
    "And {n} open task due after {end} or with no deadline":
        "Và {n} nhiệm vụ đến hạn sau {end} hoặc không có thời hạn",
    # issue 14: a register on a PostgreSQL server, db copy, access
    "access is for a register on a PostgreSQL server; {path} is a file, which its file's "
    "permissions guard":
        "phân quyền chỉ dùng cho sổ trên máy chủ PostgreSQL; {path} là một tệp, được bảo vệ "
        "bằng quyền truy cập của chính tệp",
    "name a server register with --db postgresql://...":
        "chỉ định sổ trên máy chủ bằng --db postgresql://...",
    "no login {login} on the server": "máy chủ không có tài khoản {login}",
    "have the server's administrator create it: CREATE ROLE {login} LOGIN PASSWORD '...'":
        "nhờ quản trị máy chủ tạo tài khoản: CREATE ROLE {login} LOGIN PASSWORD '...'",
    "{login} is the login you are using: it would lose its rights":
        "{login} là tài khoản bạn đang dùng: tài khoản này sẽ mất quyền",
    "grant a unit's access to the unit's own login":
        "cấp quyền của đơn vị cho tài khoản riêng của đơn vị",
    "{login} has no access to this register": "{login} không có quyền trên sổ này",
    "see `dondoc access list`": "xem `dondoc access list`",
    "{target} is not empty (it holds rows of {tables}): a register is copied only into a new "
    "one": "{target} không trống (đã có dữ liệu ở {tables}): chỉ sao chép sổ vào một sổ mới",
    "name a new register as TO": "chỉ định một sổ mới làm TO",
    "{source} has {theirs} {table} seals and its copy {ours}: the source was altered since it "
    "was recorded": "{source} có {theirs} dấu niêm phong {table}, bản sao có {ours}: sổ nguồn "
                    "đã bị sửa sau khi ghi",
    "run `dondoc verify` on the source, and copy a register that passes":
        "chạy `dondoc verify` trên sổ nguồn, và chỉ sao chép sổ kiểm tra đạt",
    "the copy of {table} row {id} does not match its seal in {source}: the source was altered "
    "since it was recorded": "bản sao của {table} dòng {id} không khớp dấu niêm phong trong "
                             "{source}: sổ nguồn đã bị sửa sau khi ghi",
    "{path}: this dondoc has no PostgreSQL driver":
        "{path}: bản dondoc này chưa có trình kết nối PostgreSQL",
    "install it: pip install 'dondoc[postgresql]'": "cài đặt: pip install 'dondoc[postgresql]'",
    "{path}: the login {login} has no access to this register":
        "{path}: tài khoản {login} không có quyền trên sổ này",
    "ask the office for it (dondoc access grant UNIT LOGIN)":
        "hãy đề nghị văn phòng cấp quyền (dondoc access grant UNIT LOGIN)",
    "{login} is not bound by row-level security (a superuser, a login with BYPASSRLS, or the "
    "register's owner): it could write any task":
        "{login} không chịu giới hạn theo dòng (siêu người dùng, tài khoản có BYPASSRLS, hoặc "
        "chủ sở hữu sổ): tài khoản này ghi được mọi nhiệm vụ",
    "give the unit an ordinary login of its own": "hãy cấp cho đơn vị một tài khoản thường riêng",
    "this login reads only its unit's tasks: {what} needs the whole register":
        "tài khoản này chỉ xem nhiệm vụ của đơn vị mình: {what} cần toàn bộ sổ",
    "run it with the office's login": "hãy chạy bằng tài khoản của văn phòng",
    "--db {value} is neither a file's path nor a PostgreSQL address":
        "--db {value} không phải đường dẫn tệp, cũng không phải địa chỉ PostgreSQL",
    "write a server's address as postgresql://LOGIN@HOST:PORT/DATABASE":
        "hãy viết địa chỉ máy chủ dạng postgresql://LOGIN@HOST:PORT/DATABASE",
    "{login} no longer has access (it wrote for {unit})":
        "{login} không còn quyền (trước đây ghi cho {unit})",
    "{login} may now record progress and completions for {unit}, and read only its tasks":
        "{login} nay được ghi tiến độ và hoàn thành cho {unit}, và chỉ xem nhiệm vụ của đơn vị",
    "{login} may now record progress and completions for {unit}":
        "{login} nay được ghi tiến độ và hoàn thành cho {unit}",
    "this login may not make that change: {error}":
        "tài khoản này không được thay đổi điều đó: {error}",
    "copied {tasks} tasks, {events} events and {units} units from {source} to {target}":
        "đã sao chép {tasks} nhiệm vụ, {events} sự kiện và {units} đơn vị từ {source} sang "
        "{target}",
    # pgcore: a register on a PostgreSQL server (issue 14)
    "{path}: cannot connect to the register: {error}":
        "{path}: không kết nối được với sổ theo dõi: {error}",
    "check the server is running, and the address, login and password":
        "hãy kiểm tra máy chủ đang chạy, và địa chỉ, tên đăng nhập, mật khẩu",
    "{path}: the database sorts text by {collation}, not byte by byte (C)":
        "{path}: cơ sở dữ liệu sắp xếp chữ theo {collation}, không theo từng byte (C)",
    "make the register's database with CREATE DATABASE name LC_COLLATE 'C' LC_CTYPE 'C' "
    "TEMPLATE template0":
        "hãy tạo cơ sở dữ liệu của sổ bằng CREATE DATABASE tên LC_COLLATE 'C' LC_CTYPE 'C' "
        "TEMPLATE template0",
    "{path} is not a dondoc register: its schema {schema} is another program's":
        "{path} không phải sổ theo dõi của dondoc: lược đồ {schema} là của chương trình khác",
    "name a dondoc register with --db": "hãy chỉ sổ theo dõi của dondoc bằng --db",
    "the connection to the register's server was lost ({error}): run the command again; a "
    "write not confirmed was not kept":
        "mất kết nối với máy chủ của sổ theo dõi ({error}): hãy chạy lại lệnh; lần ghi chưa "
        "được xác nhận thì chưa được lưu",
    # pgnewer: PostgreSQL 15+ (a database whose collation is ICU's or builtin, not libc's)
    "make the register's database with CREATE DATABASE name LOCALE_PROVIDER libc "
    "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0":
        "hãy tạo cơ sở dữ liệu của sổ bằng CREATE DATABASE tên LOCALE_PROVIDER libc "
        "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
    # review14: a server register an older dondoc made, opened by a unit's login
    "{path} was made by an older dondoc: its upgrade ({migration}) is made by the login that "
    "owns it, {owner}":
        "{path} do một phiên bản dondoc cũ hơn tạo: việc nâng cấp sổ ({migration}) do tài khoản "
        "sở hữu sổ, {owner}, thực hiện",
    "ask the office to run a dondoc command on it once (dondoc verify)":
        "hãy đề nghị văn phòng chạy một lệnh dondoc trên sổ một lần (dondoc verify)",
}
