"""Plans (Kế hoạch) as offices write them, built with python-docx for the tests, the example and
the bench: a header block as a borderless two-column table (issuer and number; motto and date
line), the document type and title, body paragraphs, an appendix table of tasks with group rows,
cells merged down and multi-line cells, and a signature block. `to_pdf` exports one with
LibreOffice, where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# STT, content, lead unit, supporting units, deadline as written, note
Row = tuple[str, str, str, str, str, str]
HEADER = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Thời gian hoàn thành", "Ghi chú")


@dataclass
class Plan:
    number: str | None = "135/KH-UBND"
    date_line: str | None = "Hà Nội, ngày 19 tháng 4 năm 2023"
    issuer: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI")
    kind: str = "KẾ HOẠCH"
    title: tuple[str, ...] = ("Khắc phục tồn tại, hạn chế sau thanh tra",
                              "công tác cải cách hành chính năm 2023")
    body: tuple[str, ...] = (
        "Căn cứ Kết luận thanh tra số 21/KL-TTr ngày 10/3/2023; Ủy ban nhân dân Thành phố "
        "ban hành Kế hoạch khắc phục như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Khắc phục kịp thời các tồn tại, hạn chế; nhiệm vụ cụ thể tại Phụ lục kèm theo.")
    # (group row or None, its rows); a group's first cell: "I" then its name, or one merged cell
    groups: Sequence[tuple[str | None, Sequence[Row]]] = ()
    merged_group_rows: bool = False  # group rows as one cell across the table
    merge_down: tuple[int, ...] = (2,)  # columns whose equal cells, one under another, merge
    signer: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "",
                               "Hà Minh Hải")
    column_numbers: bool = True  # a row (1) (2) (3) ... under the header


def build(plan: Plan, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)  # no style: no borders, as the header block is
    left = [*plan.issuer, "-------"] + ([f"Số: {plan.number}"] if plan.number else [])
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "---------------"] + ([plan.date_line] if plan.date_line else [])
    for cell, lines in zip(head.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()
    for line in (plan.kind, *plan.title):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("-----------").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in plan.body:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("PHỤ LỤC").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("DANH MỤC NHIỆM VỤ").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _tasks(document, plan)
    sign = document.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    cell = sign.rows[0].cells[1]
    cell.text = plan.signer[0]
    for line in plan.signer[1:]:
        cell.add_paragraph(line)
    document.save(str(path))
    return path


def _tasks(document: object, plan: Plan) -> None:
    table = document.add_table(rows=1, cols=len(HEADER))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = name
    if plan.column_numbers:
        for cell, n in zip(table.add_row().cells, range(1, len(HEADER) + 1), strict=True):
            cell.text = f"({n})"
    above: dict[int, tuple[object, str]] = {}  # column -> (cell to merge into, its text)
    for group, rows in plan.groups:
        if group is not None:
            cells = table.add_row().cells
            numeral, _, name = group.partition(". ")
            if plan.merged_group_rows:
                merged = cells[0].merge(cells[-1])
                merged.text = group
            else:
                cells[0].text, cells[1].text = numeral, name
            above.clear()
        for row in rows:
            cells = table.add_row().cells
            for column, (cell, text) in enumerate(zip(cells, row, strict=True)):
                top = above.get(column)
                if column in plan.merge_down and top is not None and top[1] == text and text:
                    top[0].merge(cell)  # type: ignore[attr-defined]
                    continue
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
                above[column] = (cell, text)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path) -> Path:
    """The document exported to PDF by LibreOffice headless (its own profile, so parallel tests
    do not share one)."""
    office = soffice()
    assert office is not None
    out = docx_path.parent.resolve()
    profile = out / "lo-profile"
    subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return docx_path.with_suffix(".pdf")


EVERY_DEADLINE: list[tuple[str | None, list[Row]]] = [
    ("I. CÔNG TÁC CẢI CÁCH THỂ CHẾ", [
        ("1", "Rà soát văn bản quy phạm pháp luật\ndo Thành phố ban hành", "Sở Tư pháp",
         "Sở Nội vụ, Văn phòng UBND Thành phố", "30/6/2023", ""),
        ("2", "Xây dựng quy chế phối hợp", "Sở Tư pháp", "Sở Nội vụ", "Trước ngày 30/6/2023",
         ""),
        ("3", "Công bố danh mục thủ tục hành chính", "Sở Nội vụ", "", "Tháng 6/2023", ""),
    ]),
    ("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", [
        ("4", "Đánh giá mức độ hài lòng", "Sở Nội vụ", "", "Quý II/2023", ""),
        ("5", "Số hóa hồ sơ thủ tục hành chính", "Sở Thông tin và Truyền thông", "",
         "Quý 3 năm 2023", ""),
        ("6", "Tổng kết 6 tháng", "Sở Nội vụ", "", "6 tháng đầu năm 2023", ""),
        ("7", "Kiện toàn bộ phận một cửa", "Sở Nội vụ", "", "Năm 2023", ""),
        ("8", "Tập huấn cán bộ một cửa", "Sở Nội vụ", "", "Trong tháng 5", ""),
        ("9", "Theo dõi, đôn đốc", "Văn phòng UBND Thành phố", "", "Thường xuyên", ""),
        ("10", "Báo cáo tiến độ", "Văn phòng UBND Thành phố", "", "Hằng quý", ""),
        ("11", "Cập nhật cơ sở dữ liệu", "Sở Thông tin và Truyền thông", "",
         "Định kỳ hằng tháng", ""),
        ("12", "Đầu tư trung tâm dữ liệu", "Sở Thông tin và Truyền thông", "",
         "Theo tiến độ dự án", ""),
    ]),
]
