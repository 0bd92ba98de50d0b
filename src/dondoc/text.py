"""Vietnamese text: NFC storage, accent folding for lookups, alphabetical order, numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def nfc(value: str) -> str:
    """Trimmed NFC text: 'Sở Xây dựng' typed on a Mac or read from cp1258 is one unit, not two."""
    value = value.strip()
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def person_name(value: str) -> str:
    """A leader's or officer's name as stored: NFC, trimmed and single-spaced, so that 'Phạm
    Tuấn  Anh' typed with two spaces is written as the others are."""
    return " ".join(nfc(value).split())


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


# Text typed in the pre-Unicode Vietnamese fonts, read as Unicode, is Latin-1 soup: each byte
# shows as the Latin-1 character of its code. TCVN3 (TCVN 5712:1993 VN3, the ABC fonts such as
# .VnTime) gives each lower-case letter one byte: 'Hà Nội' reads 'Hµ Néi'. VNI (VNI-Times) writes
# a vowel and then a byte for its marks: 'Haø Noäi'. The tables, letter by letter:
_TCVN3_LETTERS = ("àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự "
                  "ỳýỷỹỵ ĂÂĐÊÔƠƯ")
_TCVN3_CODES = ("µ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË ® ÌÐÎÏÑ ªÒÕÓÔÖ ×ÝØÜÞ ßãáâä «åèæçé ¬êíëìî ïóñòô \xadõøö÷ù "
                "úýûüþ ¡¢§£¤¥¦")
_FROM_TCVN3 = str.maketrans(_TCVN3_CODES.replace(" ", ""), _TCVN3_LETTERS.replace(" ", ""))
# VNI: the byte after a vowel adds a tone (sắc, huyền, hỏi, ngã, nặng), a circumflex (on a, e,
# o) or a breve (on a), alone or with a tone; upper-case vowels take the upper-case bytes. A few
# letters are one byte: đ ơ ư and i with a tone, ỵ.
_SAC, _HUYEN, _HOI, _NGA, _NANG, _CIRC, _BREVE = "\u0301\u0300\u0309\u0303\u0323\u0302\u0306"
_VNI_TONES = dict(zip("ùøûõï", (_SAC, _HUYEN, _HOI, _NGA, _NANG), strict=True))
_VNI_CIRCUMFLEX = dict(zip("âáàåãä", ("", _SAC, _HUYEN, _HOI, _NGA, _NANG), strict=True))
_VNI_BREVE = dict(zip("êéèúüë", ("", _SAC, _HUYEN, _HOI, _NGA, _NANG), strict=True))
_VNI_ONE_BYTE = dict(zip("ñôöìíæóòî", "đơưìíỉĩịỵ", strict=True))


def _vni_mark(base: str, code: str) -> str | None:
    """The marks VNI's `code` byte puts on the vowel `base`, or None where it puts none."""
    code, vowel = code.lower(), base.lower()
    if code in _VNI_TONES and vowel in "aeouyơư":
        return _VNI_TONES[code]
    if code in _VNI_CIRCUMFLEX and vowel in "aeo":
        return _CIRC + _VNI_CIRCUMFLEX[code]
    if code in _VNI_BREVE and vowel == "a":
        return _BREVE + _VNI_BREVE[code]
    return None


_VNI_MARK_CODES = {c for table in (_VNI_TONES, _VNI_CIRCUMFLEX, _VNI_BREVE) for c in table}
_VNI_MARK_CODES |= {c.upper() for c in _VNI_MARK_CODES}


def from_vni(value: str) -> str | None:
    """VNI text read as Latin-1, in Unicode (NFC); None where a mark byte follows no vowel it
    can mark, which VNI text never has."""
    out: list[str] = []
    for ch in value:
        if ch in _VNI_MARK_CODES:
            mark = _vni_mark(out[-1], ch) if out else None
            if mark is None:
                return None
            out[-1] = unicodedata.normalize("NFC", out[-1] + mark)
        else:
            one = _VNI_ONE_BYTE.get(ch.lower())
            out.append(ch if one is None else one if ch.islower() else one.upper())
    return "".join(out)


def from_tcvn3(value: str) -> str:
    """TCVN3 text read as Latin-1, in Unicode."""
    return value.translate(_FROM_TCVN3)


# A Latin-1 character that is a byte of either font but no letter of Vietnamese (µ, Ö) is the
# cheap sign to look closer: one character class, scanned in C over a whole line.
_VI_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LEGACY_CODES = "".join(sorted((set(_TCVN3_CODES) | _VNI_MARK_CODES | set(_VNI_ONE_BYTE)
                                | {c.upper() for c in _VNI_ONE_BYTE}) - _VI_LATIN1 - {" "}))
legacy_hint = re.compile(f"[{_LEGACY_CODES}]").search
# The closer look: such a character next to a letter ('Hµ', 'hiÖu'), which Vietnamese Unicode
# text never has.
_LEGACY = re.compile(f"[A-Za-z][{_LEGACY_CODES}]|[{_LEGACY_CODES}][A-Za-z]")


# The same characters as UTF-8 bytes (two bytes each, led by C2 or C3): a file's bytes are
# scanned for them before they are decoded, two C scans a chunk.
_LEGACY_UTF8 = [re.compile(re.escape(bytes([lead])) + b"[" + re.escape(bytes(sorted(
    c.encode()[1] for c in _LEGACY_CODES if c.encode()[0] == lead))) + b"]")
    for lead in (0xC2, 0xC3)]


def legacy_utf8(chunk: bytes) -> bool:
    """Whether UTF-8 `chunk` holds a character legacy_hint looks for."""
    return any(pattern.search(chunk) for pattern in _LEGACY_UTF8)


def looks_legacy(value: str) -> bool:
    """Whether `value` holds text in TCVN3 or VNI (which one: legacy_font)."""
    return legacy_hint(value) is not None and _LEGACY.search(value) is not None


# A Vietnamese syllable: onset, vowel nucleus, final consonant; at most one tone. A nucleus
# that ends in a glide (ai, ao, uôi ...) or is ia, ua, ưa takes no final consonant.
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
_OPEN = ("iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu|ai|ao|au|âu|ay|ây|eo|êu|ia|iu|oi|"
         "ôi|ơi|ui|ưi|ưu|ua|ưa")
_CLOSABLE = "uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|[aăâeêioôơuưy]"
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:(?:{_OPEN})|(?:{_CLOSABLE})(?:ch|ng|nh|[cmnpt])?)")
_TONE_MARKS = {_SAC, _HUYEN, _HOI, _NGA, _NANG}
_WORD = re.compile(r"[\w\xa1-\xbf\xd7\xf7]+")


def _syllable(word: str | None) -> bool:
    if not word:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    toneless = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    if len(decomposed) - len(toneless) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None


def legacy_font(values: Iterable[str]) -> str:
    """'TCVN3' or 'VNI': the font in which more of the words of `values` (text that looks_legacy,
    as much of a file as there is) read as Vietnamese syllables. The two fonts share many
    bytes ('è' is ố in TCVN3, a mark in VNI), so one word can mislead; a file's words do not."""
    tcvn3 = vni = 0
    for value in values:
        for word in _WORD.findall(value):
            if word.isascii() or not _latin1(word):
                continue  # plain ASCII, or Unicode Vietnamese: no evidence either way
            tcvn3 += _syllable(from_tcvn3(word))
            vni += _syllable(from_vni(word))
    return "VNI" if vni > tcvn3 else "TCVN3"


def from_legacy(value: str, font: str) -> str:
    """`value` read in `font`, as Unicode: what the clerk should see after converting."""

    def convert(text: str) -> str:
        return (from_vni(text) or text) if font == "VNI" else from_tcvn3(text)

    if _latin1(value):
        return convert(value)

    # Unicode text with words in the old font pasted in: those words only, the ones that read
    # as Vietnamese in the font and not as they are.
    def word(match: re.Match[str]) -> str:
        found = match[0]
        if not _latin1(found) or _syllable(found):
            return found
        converted = convert(found)
        return converted if _syllable(converted) else found

    return _WORD.sub(word, value)


def _latin1(value: str) -> bool:
    return all(ch < "\u0100" for ch in value)


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


_EMAIL = re.compile(r"[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+")


def is_email(value: str) -> bool:
    """An address a reminder can go to: one @, a domain with a dot, no spaces or separators."""
    return _EMAIL.fullmatch(value) is not None


def addresses(value: str) -> list[str]:
    """The addresses in a list as people write it ('a@x.vn, b@x.vn' or with ';'), NFC, each
    once, in order; not checked (is_email)."""
    found = (a.strip() for a in nfc(value).replace(";", ",").split(","))
    return list(dict.fromkeys(a for a in found if a))


def is_unit_code(value: str) -> bool:
    """A unit's code: no spaces and no list separators, as sheets split co-units at ; and ,."""
    return bool(value) and not any(c.isspace() or c in ";," for c in value)
