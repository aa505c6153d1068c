"""The domain vocabulary: reform areas, departments, statuses and their Vietnamese names.

Canonical codes are stored in the database; the UI shows the Vietnamese names. Every alias
table here is matched on `text.fold` keys, so case, diacritics, dashes and line breaks never
matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc.text import fold

DEFAULT_UNIT = "Phường Võ Cường"

# --- Areas ------------------------------------------------------------------------------------

AREAS: dict[str, str] = {
    "direction": "Công tác chỉ đạo, điều hành CCHC",
    "institutions": "Cải cách thể chế",
    "procedures": "Cải cách thủ tục hành chính",
    "apparatus": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "civil_service": "Cải cách chế độ công vụ",
    "public_finance": "Cải cách tài chính công",
    "digital": "Chuyển đổi số (chính quyền điện tử, chính quyền số)",
    "impact": "Tác động của CCHC",
}
PLAN_AREAS = [a for a in AREAS if a != "impact"]

AREA_SHORT: dict[str, str] = {
    "direction": "Chỉ đạo, điều hành",
    "institutions": "Thể chế",
    "procedures": "Thủ tục hành chính",
    "apparatus": "Tổ chức bộ máy",
    "civil_service": "Chế độ công vụ",
    "public_finance": "Tài chính công",
    "digital": "Chuyển đổi số",
    "impact": "Tác động của CCHC",
}

# Folded key phrases, checked in order; the first phrase found in a section title decides.
_AREA_KEYS: list[tuple[str, str]] = [
    ("chi dao dieu hanh", "direction"),
    ("the che", "institutions"),
    ("van ban quy pham", "institutions"),
    ("thu tuc hanh chinh", "procedures"),
    ("tthc", "procedures"),
    ("mot cua", "procedures"),
    ("to chuc bo may", "apparatus"),
    ("bo may", "apparatus"),
    ("che do cong vu", "civil_service"),
    ("cong vu", "civil_service"),
    ("can bo cong chuc", "civil_service"),
    ("tai chinh cong", "public_finance"),
    ("chuyen doi so", "digital"),
    ("chinh quyen dien tu", "digital"),
    ("chinh quyen so", "digital"),
    ("chinh phu dien tu", "digital"),
    ("hien dai hoa", "digital"),
    ("tac dong", "impact"),
]


@lru_cache(maxsize=4096)
def match_area(text: object) -> str | None:
    """The area a section title names ('II. CẢI CÁCH THỂ CHẾ', 'Cai cach the che'), or None."""
    key = fold(text)
    if not key:
        return None
    if key in {fold(code) for code in AREAS}:
        return key.replace(" ", "_")
    for phrase, area in _AREA_KEYS:
        if re.search(rf"\b{phrase}\b", key):
            return area
    return None


# --- Departments --------------------------------------------------------------------------------

DEPARTMENTS: dict[str, str] = {
    "VHXH": "Phòng Văn hóa – Xã hội",
    "VP": "Văn phòng HĐND và UBND",
    "KTHTDT": "Phòng Kinh tế, Hạ tầng và Đô thị",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "TTCU": "Trung tâm Cung ứng dịch vụ sự nghiệp công",
    "CAP": "Công an phường",
    "UBND": "UBND phường",
}
DEPARTMENT_SHORT: dict[str, str] = {
    "VHXH": "P. Văn hóa – Xã hội",
    "VP": "Văn phòng HĐND-UBND",
    "KTHTDT": "P. Kinh tế, HT và ĐT",
    "TTPVHCC": "TT Phục vụ HCC",
    "TTCU": "TT Cung ứng DVSNC",
    "CAP": "Công an phường",
    "UBND": "UBND phường",
}
ALL_DEPARTMENTS = "ALL"

_DEPT_ALIASES: dict[str, list[str]] = {
    "VHXH": ["van hoa xa hoi", "vhxh", "vh xh", "van hoa xh", "vh xa hoi", "van hoa"],
    "VP": [
        "van phong hdnd va ubnd",
        "van phong hdnd ubnd",
        "vp hdnd ubnd",
        "vp hdnd va ubnd",
        "vp",
        "van phong",
        "van phong ubnd",
        "van phong hdnd",
    ],
    "KTHTDT": [
        "kinh te ha tang va do thi",
        "kinh te ha tang do thi",
        "kthtdt",
        "kt ht dt",
        "kinh te ht dt",
        "kinh te ht va dt",
        "kinh te",
        "ktht dt",
        "ktht va dt",
        "kt ht va dt",
        "kthtdt",
        "kt htdt",
    ],
    "TTPVHCC": [
        "trung tam phuc vu hanh chinh cong",
        "ttpvhcc",
        "tt pvhcc",
        "tt phuc vu hcc",
        "tt phuc vu hanh chinh cong",
        "trung tam phuc vu hcc",
        "bo phan mot cua",
    ],
    "TTCU": [
        "trung tam cung ung dich vu su nghiep cong",
        "ttcu",
        "tt cung ung",
        "tt cung ung dich vu su nghiep cong",
        "tt cu",
        "trung tam cung ung",
        "tt cung ung dvsnc",
    ],
    "CAP": ["cong an phuong", "cap", "ca phuong", "cong an"],
    "UBND": [
        "ubnd phuong",
        "ubnd",
        "chu tich ubnd phuong",
        "chu tich ubnd",
        "uy ban nhan dan phuong",
        "ct ubnd",
        "ct ubnd phuong",
        "lanh dao ubnd phuong",
        "chu tich pho chu tich ubnd phuong",
    ],
}
_ALIAS_INDEX: dict[str, str] = {
    alias: code for code, aliases in _DEPT_ALIASES.items() for alias in aliases
}
for _code in DEPARTMENTS:
    _ALIAS_INDEX.setdefault(fold(_code), _code)
    _ALIAS_INDEX.setdefault(fold(DEPARTMENTS[_code]), _code)

_PREFIX = re.compile(r"^(phong|p)\s+")
_SUFFIX = re.compile(r"\s+(phuong vo cuong|phuong)$")
_ALL_PATTERN = re.compile(r"^cac\s+(phong|co quan|don vi|bo phan|ban)\b|^toan the\b|^tat ca\b")


@lru_cache(maxsize=4096)
def match_department(text: object) -> str | None:
    """The canonical code of one department name or alias, 'ALL' for 'các phòng, đơn vị…'."""
    key = fold(text)
    if not key:
        return None
    if _ALL_PATTERN.search(key):
        return ALL_DEPARTMENTS
    for candidate in (key, _PREFIX.sub("", key)):
        for c in (candidate, _SUFFIX.sub("", candidate)):
            if c in _ALIAS_INDEX:
                return _ALIAS_INDEX[c]
    return None


_DEPT_SEPARATORS = re.compile(r"[,;\n/+]|\s+v[aà]\s+|\s+-\s+", re.IGNORECASE)


@dataclass(frozen=True)
class DepartmentList:
    codes: tuple[str, ...]
    unknown: tuple[str, ...]


@lru_cache(maxsize=4096)
def split_departments(text: object) -> DepartmentList:
    """Parse a cell naming one or several departments.

    Separators (commas, semicolons, 'và', line breaks) also occur inside names
    ('Phòng Kinh tế, Hạ tầng và Đô thị'), so the pieces are joined back greedily: the longest
    run of pieces that names a department wins — but only a name of three words or more, so
    that 'VP, UBND phường' stays two departments.
    """
    raw = "" if text is None else str(text)
    pieces = [p.strip(" .-–") for p in _DEPT_SEPARATORS.split(raw)]
    pieces = [p for p in pieces if fold(p)]
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            joined = " ".join(pieces[i:j])
            if j - i > 1 and len(_SUFFIX.sub("", _PREFIX.sub("", fold(joined))).split()) < 3:
                continue
            code = match_department(joined)
            if code:
                if code not in codes:
                    codes.append(code)
                i = j
                break
        else:
            unknown.append(pieces[i])
            i += 1
    return DepartmentList(tuple(codes), tuple(unknown))


# --- Statuses -----------------------------------------------------------------------------------

REPORTED_STATUSES: dict[str, str] = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}


@lru_cache(maxsize=1024)
def match_reported_status(text: object) -> str | None:
    """'Đã hoàn thành', 'HT', 'dang thuc hien', 'Chưa triển khai' -> a reported status code."""
    key = fold(text)
    if not key:
        return None
    if re.search(r"\bchua hoan thanh\b|\bmot phan\b|\bdo dang\b", key):
        return "in_progress"
    if re.search(r"\bchua\b", key):
        return "not_started"

    if re.search(r"\bdang\b", key):
        return "in_progress"
    if key in {"ht", "xong", "da xong", "done"} or re.search(r"\bhoan thanh\b", key):
        return "done"
    if key in {"dth", "dtk"}:
        return "in_progress"
    return None


# Status of a task at an as-of date (the Government Office's split). Order = display order.
STATUSES: dict[str, str] = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress": "Đang thực hiện, trong hạn",
    "not_started": "Chưa thực hiện, trong hạn",
    "continuous": "Thường xuyên",
    "overdue": "Quá hạn, chưa hoàn thành",
    "no_report": "Chưa có báo cáo",
}
STATUS_COLORS: dict[str, str] = {
    "done_on_time": "#2E7D32",
    "done_late": "#8BC34A",
    "in_progress": "#1E88E5",
    "not_started": "#B0BEC5",
    "continuous": "#7E57C2",
    "overdue": "#D32F2F",
    "no_report": "#F9A825",
}
DONE_STATUSES = ("done_on_time", "done_late")

KINDS: dict[str, str] = {
    "plan": "Phụ lục kế hoạch CCHC",
    "progress": "Báo cáo tiến độ",
    "par": "Chỉ số CCHC (PAR INDEX)",
    "sipas": "Chỉ số hài lòng (SIPAS)",
    "pci": "Chỉ số PCI",
    "ddci": "Chỉ số DDCI",
    "766": "Bộ chỉ số 766",
}
