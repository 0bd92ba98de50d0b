#!/bin/sh
# Builds the example register (Hà Nội's follow-up register, early 2023) in a file of its own
# and prints the morning table as a clerk saw it on 20/02/2023; writes the working group's reminder
# letter (cong-van-01-CV-TCT.docx) beside the register file.
#   sh examples/demo.sh [FILE]        (default: ./dondoc-example.sqlite3, replaced if present)
set -e
here=$(dirname "$0")
db=${1:-dondoc-example.sqlite3}
rm -f "$db" "$db-wal" "$db-shm"
d() { dondoc --db "$db" "$@"; }

# The city's units, as a tree (code, name, kind, parent, e-mail), then the office's spreadsheet:
# 6 directives, 36 tasks. (The same tasks are in examples/so-theo-doi.xlsx, as kept in Excel.)
d import --what units "$here/units.csv"
d import "$here/hanoi-2023.csv"

# What the spreadsheet cannot say yet: extensions granted and progress reported.
d extend "12/TB-UBND#6" --to 15/03/2023 --on 13/02/2023 --ref "Công văn số 512/UBND-ĐT"
d extend "135/KH-UBND#3" --to 28/02/2023 --on 10/02/2023 --ref "Công văn số 430/UBND-KSTTHC"
d extend "12/TB-UBND#3" --to 10/02/2023 --on 30/01/2023 --ref "Công văn số 301/UBND-ĐT"
d progress "12/TB-UBND#1" "Đã kiểm đếm 85% diện tích, còn 12 hộ chưa đồng thuận" --on 15/02/2023 --percent 85
d progress "12/TB-UBND#8" "Đang trình UBND Thành phố phê duyệt kế hoạch" --on 16/02/2023
d progress "135/KH-UBND#7" "Đã rà soát xong khối huyện, đang rà soát khối xã" --on 14/02/2023 --percent 60

# The working group's reminder letter, Công văn 01/CV-TCT of 20/02/2023, to the units with tasks
# overdue on 16/02/2023, written beside the register (examples/cong-van-01-CV-TCT.docx is this
# file: `sh examples/demo.sh /tmp/x.sqlite3 && cp /tmp/cong-van-01-CV-TCT.docx examples/`).
# Without --record: the example's reminders stay as they were.
d letter --quiet --issuer "Tổ công tác" --authority "UBND thành phố Hà Nội" --number 01/CV-TCT --as-of 16/02/2023 --on 20/02/2023 --subject "đôn đốc việc thực hiện các nhiệm vụ, kết luận, chỉ đạo của UBND Thành phố, Chủ tịch UBND Thành phố giao" --reply-by 28/02/2023 --position "Tổ trưởng" --signer "Nguyễn Văn A" --copy "Chủ tịch UBND Thành phố (để báo cáo)" --copy "Văn phòng UBND Thành phố" -o "$(dirname "$db")/cong-van-01-CV-TCT.docx"

d overdue --as-of 20/02/2023
