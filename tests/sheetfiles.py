"""A tasks sheet as offices write them, for the tests of files in and out (tests/sheets):
the header, two rows, the units they name, and a CSV written in an encoding Windows uses."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from pathlib import Path

from conftest import Run

HEADER = ["Số, ký hiệu", "Ngày ban hành", "STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
          "Đơn vị phối hợp", "Thời hạn", "Ngày hoàn thành"]
ROWS = [
    ["847/QĐ-UBND", "14/02/2023", "1", "Báo cáo tiến độ GPMB", "Sở Xây dựng", "", "15/03/2023",
     ""],
    ["847/QĐ-UBND", "14/02/2023", "2", "Rà soát quy hoạch", "Sở Xây dựng",
     "UBND huyện Đông Anh", "01/03/2023", "05/03/2023"],
]


def units(dondoc: Run) -> None:
    dondoc("unit", "add", "Sở Xây dựng", "--code", "SXD")
    dondoc("unit", "add", "UBND huyện Đông Anh", "--code", "DONGANH")


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER,
              encoding: str = "utf-8-sig") -> Path:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    if encoding == "cp1258":
        path.write_bytes(windows_vietnamese(text.getvalue()).encode("cp1258"))
    else:
        path.write_bytes(text.getvalue().encode(encoding))
    return path


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_vietnamese(text: str) -> str:
    """Text as Windows writes it in cp1258: letters with their shape (ô, ư, ă) precomposed,
    tone marks as separate combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
                   + tones)
    return "".join(out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tasks(dondoc: Run) -> list[dict[str, object]]:
    return json.loads(dondoc("export", "--format", "json"))  # type: ignore[no-any-return]
