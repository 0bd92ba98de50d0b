"""Words a user reads, in Vietnamese and English: column headers, statuses, a few messages."""

from __future__ import annotations

import os

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
    "ref": ("Văn bản", "Document"),
    "percent": ("%", "%"),
    "new_due": ("Hạn mới", "New due"),
    "recorded_at": ("Ghi nhận lúc", "Recorded at"),
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
}


def t(key: str, lang: str) -> str:
    vi, en = LABELS.get(key, (key, key))
    return vi if lang == "vi" else en
