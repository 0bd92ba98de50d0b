#!/bin/sh
# Builds the example register (Hà Nội's follow-up register, early 2023) in a file of its own
# and prints the morning table as a clerk saw it on 20/02/2023.
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

d overdue --as-of 20/02/2023
