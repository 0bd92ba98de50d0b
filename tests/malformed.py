"""Malformed import files, made from good ones: the corpus of tests/sheets/test_bad_files.py.

`corpus(good, seed)` takes good files (tasks, events and units exported as CSV, XLSX, JSON and
JSONL) and gives, deterministically for a seed, damaged copies of each: truncated, bytes
flipped, huge values, deep nesting, bad encodings, dates and periods out of bounds, and for
workbooks zip damage (a broken deflate stream, a member missing or stored with an unknown
compression) and sheet XML that names cells far away. `KNOWN` are the files that found each
bug, kept as they were found.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SHEET = "xl/worksheets/sheet1.xml"


@dataclass(frozen=True)
class Case:
    name: str  # says what was done to which file
    what: str  # tasks, events or units
    suffix: str  # .csv, .xlsx, .json, .jsonl
    data: bytes


def corpus(good: dict[tuple[str, str], bytes], seed: int = 10,
           per_file: int = 8) -> Iterator[Case]:
    """`per_file` random mutations of each good file ((what, suffix) -> bytes), then the
    targeted ones of its format."""
    rng = random.Random(seed)
    for (what, suffix), data in sorted(good.items()):
        mutations = _XLSX if suffix == ".xlsx" else _TEXT
        for i in range(per_file):
            name, mutate = rng.choice(mutations)
            yield Case(f"{what}{suffix}-{i}-{name}", what, suffix, mutate(data, rng))
        for name, mutate in (_XLSX_TARGETED if suffix == ".xlsx" else _TEXT_TARGETED):
            yield Case(f"{what}{suffix}-{name}", what, suffix, mutate(data, rng))


# Any file ---------------------------------------------------------------------------------

def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, max(2, len(data)))]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def splice(data: bytes, rng: random.Random) -> bytes:
    """A random stretch of the file repeated somewhere else in it."""
    start = rng.randrange(len(data))
    piece = data[start:start + rng.randint(1, 200)]
    at = rng.randrange(len(data))
    return data[:at] + piece * rng.randint(1, 5) + data[at:]


# Text formats (CSV, JSON, JSONL) ------------------------------------------------------------

_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}")
HUGE_VALUES = [b"9" * 5000, b"99999999999999999999", b"-1e999", b"x" * 100_000, b"9999wd",
               b"31/12/9999", b"0001-01-01", b"\\u0000", b"\x00", b'"', b"\xff\xfe",
               b"\xc3\x28", b"ngay 99 thang 99 nam 99999"]


def huge_value(data: bytes, rng: random.Random) -> bytes:
    """A value somewhere replaced by one no register means."""
    value = rng.choice(HUGE_VALUES)
    found = list(_DATE.finditer(data))
    if found and rng.random() < 0.6:
        match = rng.choice(found)
        return data[:match.start()] + value + data[match.end():]
    at = rng.randrange(len(data))
    return data[:at] + value + data[at:]


def bad_encoding(data: bytes, rng: random.Random) -> bytes:
    """Vietnamese text turned into bytes that are not UTF-8 (cp1258, Latin-1, lone bytes)."""
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["cp1258", "latin-1", "utf-16"])
    if codec == "utf-16":
        return text.encode("utf-16")
    return text.encode(codec, "replace")


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100, 1000, 100_000])
    value = b"[" * depth + b"]" * depth
    match = _DATE.search(data)
    if data.lstrip().startswith((b"[", b"{")) and match:
        return data[:match.start() - 1] + value + data[match.end() + 1:]
    return value


def date_out_of_bounds(data: bytes, rng: random.Random) -> bytes:
    """Every date of the file moved to a year no register covers, or a deadline made absurd."""
    replacement = rng.choice([b"9999-12-31", b"31/12/9999", b"1900-01-01", b"9999wd",
                              b"3651d", b"today"])
    return _DATE.sub(replacement, data, count=rng.randint(1, 20))


def earlier_year_deadline(data: bytes, rng: random.Random) -> bytes:
    """Deadlines a year before the day assigned: the calendar loaded did not reach them."""
    return _DATE.sub(lambda m: _year_back(m[0]), data)


def _year_back(text: bytes) -> bytes:
    if b"-" in text:
        return str(int(text[:4]) - 1).encode() + text[4:]
    return text[:6] + str(int(text[6:]) - 1).encode()


_TEXT: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    ("truncate", truncate), ("flip", flip), ("splice", splice), ("huge", huge_value),
    ("encoding", bad_encoding), ("dates", date_out_of_bounds),
]
_TEXT_TARGETED = [("deep", deep_nesting), ("earlier-year", earlier_year_deadline),
                  ("dates", date_out_of_bounds)]


# Workbooks ----------------------------------------------------------------------------------

def rezip(data: bytes, change: Callable[[str, bytes], bytes | None],
          method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook with each member `change(name, content)`d (None: left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as made:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                made.writestr(info.filename, content)
    return out.getvalue()


def sheet_xml(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    return rezip(data, lambda name, content: change(content) if name == SHEET else content)


def far_cell(data: bytes, rng: random.Random, ref: bytes | None = None) -> bytes:
    """A cell at the far corner of what Excel allows (or `ref`), or past it."""
    ref = ref or rng.choice([b"XFD1048576", b"ZZZZZZ1", b"A99999999", b"AAA500000"])
    return sheet_xml(data, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="%s"><c r="%s" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>" % (re.sub(rb"[A-Z]", b"", ref), ref)))


def first_cell_far(data: bytes, rng: random.Random) -> bytes:
    return sheet_xml(data, lambda xml: xml.replace(b'r="A1"', b'r="ZZZZZZ1"', 1))


def huge_dimension(data: bytes, rng: random.Random) -> bytes:
    return sheet_xml(data, lambda xml: xml.replace(
        b"</sheetPr>", b'</sheetPr><dimension ref="A1:XFD1048576"/>', 1))


def invalid_utf8_xml(data: bytes, rng: random.Random) -> bytes:
    return sheet_xml(data, lambda xml: xml.replace(b"<t>", b"<t>\xff\xfe\xc3\x28", 3))


def broken_xml(data: bytes, rng: random.Random) -> bytes:
    return sheet_xml(data, lambda xml: truncate(xml, rng))


def xml_flip(data: bytes, rng: random.Random) -> bytes:
    return sheet_xml(data, lambda xml: flip(xml, rng))


def without(member: str) -> Callable[[bytes, random.Random], bytes]:
    def mutate(data: bytes, rng: random.Random) -> bytes:
        return rezip(data, lambda name, content: None if name == member else content)
    return mutate


def broken_deflate(data: bytes, rng: random.Random) -> bytes:
    """The sheet's compressed bytes damaged, its headers intact (zlib.error or a bad CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET)
    out = bytearray(data)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:
                                                    info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start, start + min(info.compress_size, 40), 3):
        out[i] ^= 0x5A
    return bytes(out)


def unknown_compression(data: bytes, rng: random.Random) -> bytes:
    """The sheet's member says it is compressed by method 99 (AES), which no reader here reads:
    zipfile raises NotImplementedError."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET)
    out = bytearray(data)
    out[info.header_offset + 8:info.header_offset + 10] = struct.pack("<H", 99)
    for match in re.finditer(re.escape(b"PK\x01\x02"), data):  # its central directory entry
        at = match.start()
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_len] == SHEET.encode():
            out[at + 10:at + 12] = struct.pack("<H", 99)
    return bytes(out)


def lzma_members(data: bytes, rng: random.Random) -> bytes:
    return rezip(data, lambda name, content: content, zipfile.ZIP_LZMA)


def zip_flip(data: bytes, rng: random.Random) -> bytes:
    return flip(data, rng)


_XLSX: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    ("truncate", truncate), ("flip", zip_flip), ("xml-flip", xml_flip),
    ("xml-truncate", broken_xml), ("far-cell", far_cell),
]
_XLSX_TARGETED = [
    ("far-cell", far_cell), ("first-cell-far", first_cell_far),
    ("dimension", huge_dimension), ("invalid-utf8", invalid_utf8_xml),
    ("no-sheet1", without(SHEET)), ("no-workbook", without("xl/workbook.xml")),
    ("no-rels", without("xl/_rels/workbook.xml.rels")),
    ("broken-deflate", broken_deflate), ("compression-99", unknown_compression),
    ("lzma", lzma_members),
]


# The files that found each bug (issue 10), as text the tests write out ----------------------

TASKS_HEADER = "directive,code,content,unit,assigned,due\n"


def known_tasks(due: str, assigned: str = "02/01/2023") -> bytes:
    return (TASKS_HEADER + f"847/QĐ-UBND,90,Báo cáo,SXD,{assigned},{due}\n").encode()


KNOWN: list[Case] = [
    Case("due-in-an-earlier-year", "tasks", ".csv", known_tasks("31/12/2022")),
    Case("due-in-9999", "tasks", ".csv", known_tasks("31/12/9999")),
    Case("assigned-today-due-earlier", "tasks", ".csv", known_tasks("15/01/2023", "today")),
    Case("period-9999wd", "tasks", ".csv", known_tasks("9999wd")),
    Case("json-nested-1000-deep", "tasks", ".json", b"[" * 1000 + b"]" * 1000),
    Case("jsonl-nested-1000-deep", "events", ".jsonl",
         b'{"task": ' + b"[" * 1000 + b"]" * 1000 + b"}\n"),
    Case("json-integer-5000-digits", "events", ".json",
         b'[{"task": "1", "kind": "progress", "on": "2023-02-16", "percent": ' + b"9" * 5000
         + b"}]"),
    Case("events-task-id-20-digits", "events", ".csv",
         b"task,kind,on,note\n99999999999999999999,progress,16/02/2023,x\n"),
]
