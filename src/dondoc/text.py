"""Vietnamese text: NFC storage, accent folding for lookups, alphabetical order, numbers."""

from __future__ import annotations

import re
import unicodedata


def nfc(value: str) -> str:
    """Trimmed NFC text: 'Sở Xây dựng' typed on a Mac or read from cp1258 is one unit, not two."""
    value = value.strip()
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


# Đ/đ has no canonical decomposition, so NFD alone leaves it in place.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "\u00a0": " "})


def fold(value: str) -> str:
    """Lower-case, accent-free, single-spaced text for matching: 'Đông  Anh' -> 'dong anh'."""
    if not value.isascii():
        decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(value.casefold().split())


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then the tones as a second level: none, huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_rank(base: str, mark: int) -> int:
    if base == "đ":
        return (ord("d") << 2) + 1
    return (ord(base) << 2) + mark


def vi_sort_key(value: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key in Vietnamese dictionary order (letters first, tones second, case last)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", value.casefold()):
        if ch in _LETTER_MARKS and letters:
            letters[-1] += _LETTER_MARKS[ch]
        elif ch in _TONES:
            if tones:
                tones[-1] = _TONES[ch]
        elif unicodedata.combining(ch):
            continue
        else:
            letters.append(_letter_rank(ch, 0))
            tones.append(0)
    return tuple(letters), tuple(tones), value


def format_int(value: int, lang: str) -> str:
    """1234 -> '1.234' in Vietnamese, '1,234' in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_percent(fraction: float | None, lang: str) -> str:
    """0.9231 -> '92,31%' in Vietnamese, '92.31%' in English; '-' if there is nothing to divide."""
    if fraction is None:
        return "-"
    text = f"{fraction * 100:.2f}%"
    return text.replace(".", ",") if lang == "vi" else text


# Text typed in the pre-Unicode Vietnamese fonts, read as Unicode, is Latin-1 soup: TCVN3 (ABC,
# .VnTime) puts 'Hà Nội' as 'Hµ Néi', VNI as 'Haø Noäi'. These characters next to a letter never
# occur in Vietnamese Unicode text; the first set is TCVN3's alone, the second VNI's (checked
# after, as TCVN3 uses some of them too).
_TCVN3 = re.compile(r"[A-Za-z][µ¶·¸¹¨»¼½¾ÆÇË®ÎÏÐ×ÜÞßçî÷þ¡¢£¤¥¦§«¬©\xad]"
                    r"|[µ¶·¸¹¨»¼½¾ÆÇË®ÎÏÐ×ÜÞßçî÷þ¡¢£¤¥¦§«¬©\xad][A-Za-z]")
_VNI = re.compile(r"[A-Za-z][øûïåäëüöñæÑØÛÏÅÄËÜÖÆ]|[ñÑ][A-Za-z]")


def legacy_font(value: str) -> str | None:
    """'TCVN3' or 'VNI' when `value` is text in one of those old fonts, else None."""
    if value.isascii():
        return None
    if _TCVN3.search(value):
        return "TCVN3"
    if _VNI.search(value):
        return "VNI"
    return None


_VI_MARKS = {"\u0306", "\u0302", "\u031b", *_TONES}


def _is_vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    return base.lower() in "aeiouy" and bool(marks) and all(m in _VI_MARKS for m in marks)


_TYPOGRAPHY = set("“”‘’–—…•°·\u00a0")


def looks_vietnamese(value: str) -> bool:
    """Whether every non-ASCII character of `value` belongs in Vietnamese text: its letters,
    tone marks standing alone (a cut-off sample), and typographic punctuation."""
    return all(ch.isascii() or ch in _VI_MARKS or ch in _TYPOGRAPHY or _is_vietnamese_letter(ch)
               for ch in unicodedata.normalize("NFC", value))
