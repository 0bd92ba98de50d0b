"""Plans as Word documents, built by tests/plans.py (python-docx), for the example and the speed
figure in the README ("From the document to the register"):

    python bench/plan.py example    writes examples/ke-hoach-135-KH-UBND.docx, the plan
                                    135/KH-UBND of the example register, as offices write it
    python bench/plan.py speed      a 40-page plan of 300 tasks: `dondoc import` timed once, on
                                    a new register, with --create-units
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from plans import Plan, Row, build  # noqa: E402

EXAMPLE = ROOT / "examples" / "ke-hoach-135-KH-UBND.docx"

# The tasks of 135/KH-UBND in examples/hanoi-2023.csv, their deadlines as a plan writes them.
EXAMPLE_PLAN = Plan(
    date_line="Hà Nội, ngày 16 tháng 01 năm 2023",
    title=("Khắc phục tồn tại, hạn chế sau hội nghị kiểm điểm năm 2022",
           "về kỷ cương hành chính, cải cách thủ tục hành chính"),
    signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lê Hồng Sơn"),
    groups=[
        ("I. KỶ CƯƠNG HÀNH CHÍNH", [
            ("1", "Đầu tư đồng bộ cơ sở vật chất, hạ tầng công nghệ thông tin\ncho Bộ phận "
             "Một cửa cấp xã", "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư",
             "Quý II/2023", ""),
            ("2", "Xây dựng, rà soát nội quy, quy chế, quy trình làm việc nội bộ", "Sở Nội vụ",
             "", "Quý I/2023", ""),
            ("3", "Tăng cường thanh tra công vụ, kiểm tra đột xuất, tái kiểm tra việc khắc "
             "phục tồn tại", "Thanh tra thành phố", "Sở Nội vụ", "Trước ngày 15/02/2023", ""),
        ]),
        ("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", [
            ("4", "Rà soát, đề nghị sửa đổi thủ tục hành chính không còn phù hợp",
             "Sở Tư pháp", "", "Tháng 02/2023", ""),
            ("5", "Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân về quy định "
             "hành chính", "Sở Thông tin và Truyền thông", "", "Thường xuyên", ""),
            ("6", "Đo lường mức độ hài lòng của người dân đối với cơ quan hành chính các cấp",
             "Sở Nội vụ", "", "Tháng 4/2023", ""),
            ("7", "Rà soát vị trí việc làm, quản lý cán bộ, công chức theo vị trí việc làm",
             "UBND huyện Thạch Thất", "Sở Nội vụ", "Tháng 01/2023", ""),
        ]),
    ])

DEADLINES = ("30/6/2023", "Trước ngày 30/9/2023", "Tháng 6/2023", "Quý III/2023",
             "6 tháng đầu năm 2023", "Năm 2023", "Trong tháng 10", "Thường xuyên")
UNITS = ("Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế",
         "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Thanh tra thành phố")


def big_plan(tasks: int = 300, groups: int = 10) -> Plan:
    """`tasks` tasks in `groups` groups, each a paragraph long (about 40 pages in all)."""
    per = tasks // groups
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    built: list[tuple[str | None, list[Row]]] = []
    for g in range(groups):
        rows: list[Row] = []
        for i in range(per):
            n = g * per + i + 1
            rows.append((str(n), f"Nhiệm vụ số {n}: rà soát, hoàn thiện quy trình nội bộ, báo "
                         "cáo kết quả thực hiện về Sở Nội vụ để tổng hợp\n- theo hướng dẫn; "
                         "- đúng thời hạn", UNITS[n % len(UNITS)],
                         f"{UNITS[(n + 1) % len(UNITS)]}, {UNITS[(n + 2) % len(UNITS)]}",
                         DEADLINES[n % len(DEADLINES)], ""))
        built.append((f"{numerals[g]}. NHÓM NHIỆM VỤ {g + 1}", rows))
    return Plan(groups=built)


def speed() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build(big_plan(), Path(folder) / "plan-300.docx")
        db = Path(folder) / "r.sqlite3"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dondoc", "--db", str(db), "import", str(path),
                        "--create-units", "--quiet"], check=True)
        took = time.perf_counter() - started
        print(f"{path.name}: {path.stat().st_size // 1024} KB, 300 tasks: imported in "
              f"{took:.2f} s (the whole command, Python's start included)")


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "example":
        print(build(EXAMPLE_PLAN, EXAMPLE).relative_to(ROOT))
    elif what == "speed":
        speed()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
