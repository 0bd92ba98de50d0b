#!/bin/sh
# The quarterly public list (công khai) of Q1 2023 from the example register, as examples/
# keeps it: a page to post on the portal and the same list in Word.
#   sh examples/cong-khai.sh
# (tests/reports/test_disclose.py checks that the page in examples/ is what the command writes.)
set -e
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/demo.sh" "$tmp/example.sqlite3" > /dev/null 2>&1
for ext in html docx; do
    dondoc --db "$tmp/example.sqlite3" --lang vi disclose --quarter 2023-Q1 \
        -o "$here/cong-khai-2023-Q1.$ext"
done
