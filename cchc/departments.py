"""The departments of each unit, and reading department names as ward staff write them.

Since the 2025 two-level reform a ward (phường) and a commune (xã, đặc khu) have different
standard structures: a ward has the Phòng Kinh tế, Hạ tầng và Đô thị where a commune has the
Phòng Kinh tế, and each has its own police. `standard_departments(unit)` gives the defaults; a
unit's list is data (the `departments` table adds to or renames them) and so are the aliases
people teach the system (`department_aliases`). `directory(con, unit)` puts the three together
into a `Directory`, which reads one cell's department names.

Matching is a general rule, not a list of spellings: the text is folded (no diacritics, lower
case, punctuation and dashes as spaces, '&' as 'và'), a leading prefix ('Phòng', 'P.', 'Trung
tâm', 'TT', 'Văn phòng', 'VP', 'Ban', 'Bộ phận') and a trailing unit suffix ('phường', 'xã Tân
Chi') are taken off, and each remaining word must be either a whole word of a department's name
or the initials of one or more consecutive words of it ('VH XH', 'KT-HT&ĐT', 'PVHCC',
'Cung ứng DVSNC', 'TTCUDVSNC'). This module uses only the standard library and `cchc.text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cchc.text import fold

ALL = "ALL"
ALL_NAME = "Các phòng, đơn vị"

LEVELS = ("phuong", "xa", "dac_khu")
LEVEL_NAMES = {"phuong": "phường", "xa": "xã", "dac_khu": "đặc khu"}
_LEVEL_WORDS = {"phuong": ("phuong",), "xa": ("xa",), "dac_khu": ("dac", "khu")}
_LEVEL_SHORT = {"phuong": "p", "xa": "x", "dac_khu": "dk"}  # 'P. Võ Cường', 'X. Tân Chi'

_LEVEL_PATTERN = re.compile(r"\b(phuong|xa|dac khu)\b")


def unit_level(unit: str) -> str:
    """'phuong' | 'xa' | 'dac_khu' from the unit's name ('Phường Võ Cường', 'Xa Tan Chi',
    'Đặc khu Vân Đồn'); the first level word in the name decides; 'phuong' when none does."""
    m = _LEVEL_PATTERN.search(fold(unit))
    return m.group(1).replace(" ", "_") if m else "phuong"


def _bare_name(unit: str) -> tuple[str, ...]:
    """The unit's own name without its level word: 'Phường Võ Cường' -> ('vo', 'cuong')."""
    key = fold(unit)
    m = _LEVEL_PATTERN.search(key)
    rest = key[m.end() :] if m else key
    return tuple(rest.split())


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short: str = ""


@dataclass(frozen=True)
class DepartmentList:
    """The departments one cell names: their codes in order (each once), and every piece that
    names no department of the unit, as written."""

    codes: tuple[str, ...]
    unknown: tuple[str, ...]


_WARD = (
    Department("VHXH", "Phòng Văn hóa – Xã hội", "P. Văn hóa – Xã hội"),
    Department("VP", "Văn phòng HĐND và UBND", "Văn phòng HĐND-UBND"),
    Department("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "P. Kinh tế, HT và ĐT"),
    Department("TTPVHCC", "Trung tâm Phục vụ hành chính công", "TT Phục vụ HCC"),
    Department("TTCU", "Trung tâm Cung ứng dịch vụ sự nghiệp công", "TT Cung ứng DVSNC"),
    Department("CAP", "Công an phường", "Công an phường"),
    Department("UBND", "UBND phường", "UBND phường"),
)


def standard_departments(unit: str) -> list[Department]:
    """The standard structure of a unit of its level after the 2025 reform, in display order."""
    level = unit_level(unit)
    if level == "phuong":
        return list(_WARD)
    word = LEVEL_NAMES[level]
    return [
        Department("VP", "Văn phòng HĐND và UBND", "Văn phòng HĐND-UBND"),
        Department("KT", "Phòng Kinh tế", "P. Kinh tế"),
        Department("VHXH", "Phòng Văn hóa – Xã hội", "P. Văn hóa – Xã hội"),
        Department("TTPVHCC", "Trung tâm Phục vụ hành chính công", "TT Phục vụ HCC"),
        Department("TTCU", "Trung tâm Cung ứng dịch vụ sự nghiệp công", "TT Cung ứng DVSNC"),
        Department("CAX", f"Công an {word}", f"Công an {word}"),
        Department("UBND", f"UBND {word}", f"UBND {word}"),
    ]


# Short forms that no rule derives from a name (folded; 'và' left out). Used only for the codes a
# unit has; learned aliases (in the database) come on top of these.
COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "VP": ("van phong ubnd", "van phong hdnd", "van phong uy ban"),
    "TTPVHCC": (
        "bo phan mot cua",
        "mot cua",
        "bo phan tiep nhan tra ket qua",
        "bo phan tiep nhan tra ket qua giai quyet thu tuc hanh chinh",
    ),
    "UBND": (
        "chu tich ubnd",
        "ct ubnd",
        "pho chu tich ubnd",
        "pct ubnd",
        "chu tich pho chu tich ubnd",
        "ct pct ubnd",
        "lanh dao ubnd",
        "thuong truc ubnd",
        "uy ban",
    ),
}

# Words of the pieces that may follow 'Các phòng' in one phrase meaning every department ('Các
# phòng, ban, đơn vị, tổ chức chính trị - xã hội liên quan').
_GENERIC_WORDS = frozenset(
    {
        "ban",
        "cac",
        "cap",
        "chinh",
        "chuc",
        "chuyen",
        "co",
        "dac",
        "dia",
        "doan",
        "don",
        "hdnd",
        "hoi",
        "khu",
        "lien",
        "mon",
        "nganh",
        "phong",
        "phuong",
        "quan",
        "the",
        "thuoc",
        "to",
        "tren",
        "tri",
        "truc",
        "ubnd",
        "va",
        "vi",
        "xa",
    }
)
_ALL_PATTERN = re.compile(r"^cac\s+(phong|co quan|don vi|bo phan|ban)\b|^toan the\b|^tat ca\b")
_ABBREVIATIONS = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
)

# Prefix word groups, longest first: (words, kind). A kind of None is lenient ('P.' may be
# 'Phòng' or anything, 'Ban' and 'Bộ phận' name no standard department's kind).
_PREFIXES: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("van", "phong"), "van_phong"),
    (("trung", "tam"), "trung_tam"),
    (("bo", "phan"), None),
    (("phong",), "phong"),
    (("vp",), "van_phong"),
    (("tt",), "trung_tam"),
    (("p",), None),
    (("ban",), None),
)
_NAME_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("van", "phong"), "van_phong"),
    (("trung", "tam"), "trung_tam"),
    (("bo", "phan"), "bo_phan"),
    (("phong",), "phong"),
    (("ban",), "ban"),
)
MIN_PARTIAL_WORDS = 2  # 'Phòng Kinh tế' names the ward's economic office; 'Văn' names nothing


def alias_key(text: object) -> str:
    """The matching key of a department name or alias: folded, '&' read as 'và', 'Ủy ban nhân
    dân' / 'Hội đồng nhân dân' as 'ubnd' / 'hdnd'. Learned aliases are stored under this key."""
    if text is None:
        return ""
    s = text if isinstance(text, str) else str(text)
    key = fold(s.replace("&", " và "))
    for pattern, short in _ABBREVIATIONS:
        key = pattern.sub(short, key)
    return key


def _split_prefix(words: tuple[str, ...], prefixes: Iterable) -> tuple[int, str | None]:
    """(number of prefix words, their kind) at the start of `words`; (0, None) without one."""
    for group, kind in prefixes:
        if words[: len(group)] == group:
            return len(group), kind
    return 0, None


def _covers(tokens: tuple[str, ...], words: tuple[str, ...]) -> set[int]:
    """How many leading words of a name the tokens can stand for, each token being a whole word
    or the initials of consecutive words ('ktht' = kinh te ha tang). Empty when they cannot."""
    out: set[int] = set()

    def go(ti: int, wi: int) -> None:
        if ti == len(tokens):
            out.add(wi)
            return
        t = tokens[ti]
        if wi < len(words) and t == words[wi]:
            go(ti + 1, wi + 1)
        n = len(t)
        initials = wi + n <= len(words) and all(words[wi + k][0] == t[k] for k in range(n))
        if initials and (n > 1 or t != words[wi]):  # a one-letter word was taken whole above
            go(ti + 1, wi + n)

    go(0, 0)
    return out


@dataclass(frozen=True)
class _Entry:
    code: str
    kind: str | None
    prefix_len: int
    words: tuple[str, ...]  # the whole name, folded, without 'và' and the unit's level word

    @property
    def rest(self) -> tuple[str, ...]:
        return self.words[self.prefix_len :]


_DASHES = "-‐‑‒–—―"
_SEPARATORS = re.compile(
    r"[,;\n\r/+&]|(?<!\S)và(?!\S)|(?<!\S)va(?!\S)|(?<=\s)[-‐‑‒–—―](?=\s)", re.IGNORECASE
)
_PIECE_TRIM = " \t.:-‐‑‒–—―*•"


class Directory:
    """The departments of one unit and the aliases learned for it: reads department names."""

    def __init__(
        self,
        unit: str,
        departments: Iterable[Department] | None = None,
        aliases: Mapping[str, str] | None = None,
    ):
        self.unit = unit
        self.level = unit_level(unit)
        self.departments: tuple[Department, ...] = tuple(
            standard_departments(unit) if departments is None else departments
        )
        self.aliases: dict[str, str] = {alias_key(k): v for k, v in (aliases or {}).items()}
        self._by_code = {d.code: d for d in self.departments}
        self._codes = {fold(d.code): d.code for d in self.departments}
        self._level_words = _LEVEL_WORDS[self.level]
        self._bare = _bare_name(unit)
        self._entries = [self._entry(d, strip_level=True) for d in self.departments]
        self._common = {
            key: code
            for code, keys in COMMON_ALIASES.items()
            if code in self._by_code
            for key in keys
        }
        # The other level's standard departments this unit does not have: a list naming one of
        # them whole ('Phòng Kinh tế, Hạ tầng và Đô thị' in a commune) is one unknown piece.
        other = "Xã" if self.level == "phuong" else "Phường"
        self._foreign = [
            self._entry(d, strip_level=False)
            for d in standard_departments(other)
            if d.code not in self._by_code
        ]
        self._match = lru_cache(maxsize=16384)(self._match_how)
        self._split = lru_cache(maxsize=16384)(self._split_text)

    def __repr__(self) -> str:
        return f"Directory({self.unit!r}, {list(self._by_code)}, {len(self.aliases)} aliases)"

    # --- Lookups ------------------------------------------------------------------------------

    def codes(self) -> list[str]:
        return [d.code for d in self.departments]

    def name(self, code: str) -> str:
        if code == ALL:
            return ALL_NAME
        d = self._by_code.get(code)
        return d.name if d else code

    def short(self, code: str) -> str:
        if code == ALL:
            return ALL_NAME
        d = self._by_code.get(code)
        return (d.short or d.name) if d else code

    def hint(self) -> str:
        listed = "; ".join(f"{d.name} ({d.code})" for d in self.departments)
        return f"các phòng, đơn vị của {self.unit}: {listed}"

    # --- Matching -----------------------------------------------------------------------------

    def match(self, text: object) -> str | None:
        """The code of the one department `text` names, 'ALL' for 'Các phòng, đơn vị', 'các cơ
        quan, đơn vị liên quan', 'toàn thể…', 'tất cả…'; None when it names none of this unit's."""
        return self._match(_as_text(text))[0]

    def split(self, text: object) -> DepartmentList:
        """The departments of a cell that may name several: separated by commas, semicolons,
        line breaks, '/', '+', 'và' or '&' — except where the separator is inside a name
        ('Phòng Kinh tế, Hạ tầng và Đô thị'): the longest run of pieces naming one department
        wins. A dash never splits a name: only a spaced dash between two whole names separates
        them ('VHXH - VP'); 'Phòng Tài chính - Kế hoạch' stays one unknown piece."""
        return self._split(_as_text(text))

    def _entry(self, d: Department, strip_level: bool) -> _Entry:
        words = tuple(w for w in alias_key(d.name).split() if w != "va")
        if strip_level:  # a foreign name keeps its level word: 'Công an phường' in a commune
            words = self._strip_suffix(words)
        n, kind = _split_prefix(words, _NAME_PREFIXES)
        return _Entry(d.code, kind, n, words)

    def _strip_suffix(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Without a trailing '<level word> [<unit's name>]' or '<unit's name>' ('Công an phường
        Võ Cường' -> 'cong an' in phường Võ Cường)."""
        bare, level = self._bare, self._level_words
        end = len(words)
        named = bool(bare) and end > len(bare) and words[end - len(bare) :] == bare
        if named:
            end -= len(bare)
        has_level = end > len(level) and words[end - len(level) : end] == level
        short = _LEVEL_SHORT[self.level]
        if has_level:
            end -= len(level)
        elif named and end > 1 and words[end - 1] == short:  # 'Công an P. Võ Cường'
            end -= 1
        elif named and len(bare) < 2:
            return words  # a one-word name alone ('An') may well be a word of the department's
        return words[:end]

    def _match_how(self, text: str) -> tuple[str | None, str]:
        """(code, how): how is 'learned', 'all', 'code', 'alias', 'full', 'partial' or ''."""
        key = alias_key(text)
        if not key:
            return None, ""
        if key in self.aliases:
            return self.aliases[key], "learned"
        if _ALL_PATTERN.search(key):
            return ALL, "all"
        words = self._strip_suffix(tuple(key.split()))
        if not words:
            return None, ""
        core = " ".join(words)
        if core in self.aliases:
            return self.aliases[core], "learned"
        tokens = tuple(w for w in words if w != "va")
        n, kind = _split_prefix(tokens, _PREFIXES)
        rest = tokens[n:]
        for candidate, after_prefix in ((" ".join(tokens), False), (" ".join(rest), True)):
            code = self._codes.get(candidate) or self._common.get(candidate)
            if code and (not after_prefix or self._agrees(kind, code)):
                return code, "code" if candidate in self._codes else "alias"
        return self._by_words(tokens, rest, kind)

    def _agrees(self, kind: str | None, code: str) -> bool:
        """Whether a prefix of `kind` may stand before the department's name ('Phòng VHXH' yes,
        'VP UBND' no: a 'Văn phòng' is not the committee)."""
        return kind is None or any(e.kind == kind for e in self._entries if e.code == code)

    def _by_words(
        self, tokens: tuple[str, ...], rest: tuple[str, ...], kind: str | None
    ) -> tuple[str | None, str]:
        full: set[str] = set()
        partial: set[str] = set()
        for e in self._entries:
            agrees = kind is None or kind == e.kind
            if not rest:
                if agrees and kind is not None:
                    partial.add(e.code)  # 'Văn phòng' alone: the one office of that kind
                continue
            # The words after the prefix against the name after its own (prefixes agreeing), and
            # the whole text against the whole name ('TTCUDVSNC', 'PKTHTĐT').
            paths = [(tokens, e.words, e.prefix_len)]
            if agrees:
                paths.append((rest, e.rest, 0))
            for toks, words, skip in paths:
                got = _covers(toks, words)
                if len(words) in got:
                    full.add(e.code)
                elif got and max(got) - skip >= MIN_PARTIAL_WORDS:
                    partial.add(e.code)
        if full:
            return (full.pop(), "full") if len(full) == 1 else (None, "")
        if len(partial) == 1:
            return partial.pop(), "partial"
        return None, ""

    def _foreign_name(self, text: str) -> bool:
        """Whether `text` is the whole name of another level's department this unit lacks."""
        tokens = tuple(w for w in alias_key(text).split() if w != "va")
        n, kind = _split_prefix(tokens, _PREFIXES)
        for e in self._foreign:
            if len(e.words) in _covers(tokens, e.words):
                return True
            if (kind is None or kind == e.kind) and len(e.rest) in _covers(tokens[n:], e.rest):
                return True
        return False

    def _split_text(self, raw: str) -> DepartmentList:
        pieces, weak = _pieces(raw)
        codes: list[str] = []
        unknown: list[tuple[int, int]] = []  # spans of raw
        last_unknown = -2  # index of the last piece found unknown

        def add(code: str) -> None:
            if code not in codes:
                codes.append(code)

        def at_dash(i: int, j: int) -> bool:  # the run [i, j) starts or ends at a dash
            return (i > 0 and weak[i - 1]) or (j < len(pieces) and weak[j - 1])

        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                start, end = pieces[i][0], pieces[j - 1][1]
                code, how = self._match(raw[start:end])
                if (
                    code
                    and (j - i == 1 or self._run_holds(code, how, pieces[i + 1 : j], raw))
                    and not (how == "partial" and at_dash(i, j))
                ):
                    add(code)
                    i = j
                    break
                if j - i > 1 and self._foreign_name(raw[start:end]):
                    unknown.append((start, end))
                    last_unknown, i = j - 1, j
                    break
            else:
                if last_unknown == i - 1 and weak[i - 1]:  # a dash inside an unknown name
                    unknown[-1] = (unknown[-1][0], pieces[i][1])
                else:
                    unknown.append(pieces[i])
                last_unknown = i
                i += 1
        return DepartmentList(tuple(codes), tuple(raw[s:e] for s, e in unknown))

    def _run_holds(self, code: str, how: str, later: list[tuple[int, int]], raw: str) -> bool:
        """A run of several pieces names one department when the whole name is spelled out (or
        learned), or when no later piece names another department on its own ('Chủ tịch, Phó
        Chủ tịch UBND phường' is the committee; 'VP, UBND phường' is two)."""
        if how in ("full", "learned"):
            return True
        for s, e in later:
            piece = raw[s:e]
            if self._match(piece)[0] not in (None, code) or self._foreign_name(piece):
                return False
            if how == "all" and not set(alias_key(piece).split()) <= _GENERIC_WORDS:
                return False  # 'Các phòng, đơn vị; Phòng Tài chính': the last piece is a name
        return True


def _as_text(text: object) -> str:
    if text is None:
        return ""
    s = text if isinstance(text, str) else str(text)
    return unicodedata.normalize("NFC", s) if not s.isascii() else s


def _pieces(raw: str) -> tuple[list[tuple[int, int]], list[bool]]:
    """(start, end) of the non-empty pieces between separators, trimmed of bullets and dots, and
    for each gap between two pieces whether it is only a spaced dash ('VHXH - VP'): such a gap
    separates whole names only, never the words of one ('Phòng Văn hóa - Xã hội')."""
    out: list[tuple[int, int]] = []
    weak: list[bool] = []
    start, gap_weak = 0, True
    for m in [*_SEPARATORS.finditer(raw), None]:
        end = m.start() if m else len(raw)
        s, e = start, end
        while s < e and raw[s] in _PIECE_TRIM:
            s += 1
        while e > s and raw[e - 1] in _PIECE_TRIM:
            e -= 1
        if fold(raw[s:e]):
            if out:
                weak.append(gap_weak)
            out.append((s, e))
            gap_weak = True
        if m:
            gap_weak = gap_weak and m.group(0).strip() in _DASHES
            start = m.end()
    return out, weak


# --- From the database --------------------------------------------------------------------------


def unit_key(unit: str | None) -> str:
    """How units compare: folded, so 'Phường Võ Cường' and 'phuong vo cuong' are one unit."""
    return fold(unit or "")


@lru_cache(maxsize=64)
def _cached_directory(
    unit: str, rows: tuple[tuple[str, str, str | None], ...], aliases: tuple[tuple[str, str], ...]
) -> Directory:
    departments = {d.code: d for d in standard_departments(unit)}
    for code, name, short in rows:
        departments[code] = Department(code, name, short or name)
    return Directory(unit, list(departments.values()), dict(aliases))


def directory(con: Any, unit: str) -> Directory:
    """The unit's directory: its standard departments plus the rows of `departments` for it (a
    row with a standard code renames that department), and the learned aliases (those for every
    unit, then the unit's own). A database without those tables gives the defaults."""
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_name IN ('departments', 'department_aliases')"
        ).fetchall()
    }
    key = unit_key(unit)
    rows: list[tuple[str, str, str | None]] = []
    if "departments" in present:
        for u, code, name, short in con.execute(
            "SELECT unit, code, name, short_name FROM departments ORDER BY added_at, code"
        ).fetchall():
            if unit_key(u) == key:
                rows.append((code, name, short))
    aliases: dict[str, str] = {}
    if "department_aliases" in present:
        found = con.execute(
            "SELECT unit, alias_key, code FROM department_aliases ORDER BY unit = '' DESC, added_at"
        ).fetchall()
        for u, k, code in found:
            if u == "" or unit_key(u) == key:
                aliases[k] = code
    return _cached_directory(unit, tuple(rows), tuple(aliases.items()))
