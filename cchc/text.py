"""Text normalisation used to match what people type in spreadsheets.

Ward staff write the same thing many ways: with or without diacritics, in any case, with any
dash, with line breaks, with "Phòng"/"P." prefixes. `fold` reduces a string to a stable key so
that all those spellings compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

_NON_WORD = re.compile(r"[^0-9a-z]+")  # dashes of every kind, punctuation, line breaks
_COMBINING = re.compile(r"[\u0300-\u036f]+")  # every Vietnamese tone and vowel mark, decomposed


def _accent_table() -> dict[int, str]:
    """Every precomposed Latin letter with marks -> its bare letter ('ệ' -> 'e', 'Đ' -> 'D')."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        bare = _COMBINING.sub("", unicodedata.normalize("NFD", chr(cp)))
        if bare != chr(cp) and bare.isascii() and len(bare) == 1:
            table[cp] = bare
    return table


_ACCENTS = _accent_table()


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics: 'Cải cách' -> 'Cai cach', 'Đô thị' -> 'Do thi'. One
    table lookup per character; text typed with separate combining marks is decomposed too."""
    if text.isascii():
        return text
    text = text.translate(_ACCENTS)
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def fold(text: object) -> str:
    """A matching key: lower case, no diacritics, punctuation and dashes as single spaces."""
    if text is None:
        return ""
    s = strip_accents(text if isinstance(text, str) else str(text)).lower()
    return _NON_WORD.sub(" ", s).strip()


_SEPARATOR = " qqxqq "  # survives folding, never in Vietnamese text


def fold_many(texts: list[str]) -> list[str]:
    """`fold` of many strings at once: one pass of the regexes over the joined text, several
    times faster than one call per string on a national-scale plan."""
    if not texts:
        return []
    keys = fold(_SEPARATOR.join(texts)).split(_SEPARATOR.strip())
    if len(keys) != len(texts):  # a text held the separator word itself: do it one by one
        return [fold(t) for t in texts]
    return [k.strip() for k in keys]


_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u2028\u2029]+")

ABBREVIATIONS = {
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "ccvc": "cong chuc vien chuc",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "hcc": "hanh chinh cong",
    "vbqppl": "van ban quy pham phap luat",
    "cds": "chuyen doi so",
    "csdl": "co so du lieu",
}


def clean_cell(value: object) -> str:
    """Cell text as a person reads it: NFC, control characters and runs of spaces as one space,
    trimmed. Whole numbers typed in a number cell come back without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    s = value if isinstance(value, str) else str(value)
    if not s:
        return ""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    return _CONTROL_OR_SPACE.sub(" ", s).strip()


_ABBREVIATION = re.compile(r"\b(" + "|".join(ABBREVIATIONS) + r")\b")


def expand_abbreviations(folded: str) -> str:
    """'kiem soat tthc' -> 'kiem soat thu tuc hanh chinh' (on folded text)."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], folded)


def similarity(a: str, b: str) -> float:
    """Similarity of two titles in [0, 1], on folded words (order-insensitive Dice + sequence)."""
    fa, fb = expand_abbreviations(fold(a)), expand_abbreviations(fold(b))
    if not fa or not fb:
        return 0.0
    wa, wb = set(fa.split()), set(fb.split())
    dice = 2 * len(wa & wb) / (len(wa) + len(wb))
    seq = fuzz.ratio(fa, fb) / 100  # the Indel ratio, as difflib's ratio but in C
    return max(dice, seq) * 0.5 + min(dice, seq) * 0.5


@lru_cache(maxsize=65536)
def clean_repeated(value: object) -> str:
    """`clean_cell` for columns whose values repeat (departments, deadlines, statuses)."""
    return clean_cell(value)


def md_literal(text: object) -> str:
    """Text from outside (a cell, a file name, a login's name) shown as itself inside a
    Streamlit message, label or markdown: the marks that make links, emphasis, HTML, tables,
    colour directives or math are escaped, and a '#' that would start a heading, so it never
    runs; times (04:27) and numbers (#31) read as written."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>$~|" else c for c in str(text))
    return re.sub(r"(?m)^(\s*)#", r"\1\\#", escaped)
