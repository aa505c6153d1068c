"""The domain vocabulary: reform areas, departments, statuses and their Vietnamese names.

Canonical codes are stored in the database; the UI shows the Vietnamese names. Every alias
table here is matched on `text.fold` keys, so case, diacritics, dashes and line breaks never
matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from cchc.departments import (
    ALL,
    ALL_NAME,
    Department,
    DepartmentList,
    Directory,
    standard_departments,
)
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
# Each unit's departments are data (`cchc.departments`: the standard structure of a ward or a
# commune, plus what the database adds). The names below are the default ward's, kept for the
# callers that do not know the unit yet; `department_codes` / `department_name` /
# `department_short` are the unit-aware ones the read side uses.

_DEFAULT_DIRECTORY = Directory(DEFAULT_UNIT)

DEPARTMENTS: dict[str, str] = {d.code: d.name for d in _DEFAULT_DIRECTORY.departments}
DEPARTMENT_SHORT: dict[str, str] = {d.code: d.short for d in _DEFAULT_DIRECTORY.departments}
ALL_DEPARTMENTS = ALL

# Display names of every standard code of any level (a commune's KT and CAX too), for looking a
# code up when the unit is not at hand; never enumerate these as a unit's departments.
_OTHER_LEVEL = [d for d in standard_departments("Xã") if d.code not in DEPARTMENTS]
DEPARTMENT_NAMES: dict[str, str] = {
    **DEPARTMENTS,
    **{d.code: d.name for d in _OTHER_LEVEL},
    ALL: ALL_NAME,
}
DEPARTMENT_LABELS: dict[str, str] = {
    **DEPARTMENT_SHORT,
    **{d.code: d.short for d in _OTHER_LEVEL},
    ALL: ALL_NAME,
}


def match_department(text: object) -> str | None:
    """The code of one department name of the default ward, 'ALL' for 'các phòng, đơn vị…'."""
    return _DEFAULT_DIRECTORY.match(text)


def split_departments(text: object) -> DepartmentList:
    """The departments of the default ward one cell names (see `Directory.split`)."""
    return _DEFAULT_DIRECTORY.split(text)


@lru_cache(maxsize=256)
def _unit_departments(unit: str) -> tuple[Department, ...]:
    return tuple(standard_departments(unit))


def department_codes(unit: str | None, present: Iterable[object] = ()) -> list[str]:
    """The departments to list for a unit: its standard ones in order, then any other code found
    in the data (`present`, e.g. the lead departments of its plan), sorted; never 'ALL'."""
    codes = [d.code for d in _unit_departments(unit or DEFAULT_UNIT)]
    extra = {c for c in present if isinstance(c, str) and c and c != ALL and c not in codes}
    return codes + sorted(extra)


def department_name(code: object, unit: str | None = None) -> str:
    """A code's full name (the unit's own name for it when the unit is given), else the code."""
    if not isinstance(code, str):
        return ""
    if unit is not None:
        for d in _unit_departments(unit):
            if d.code == code:
                return d.name
    return DEPARTMENT_NAMES.get(code, code)


def department_short(code: object, unit: str | None = None) -> str:
    """A code's short name for charts and tables (the unit's own when given), else the code."""
    if not isinstance(code, str):
        return ""
    if unit is not None:
        for d in _unit_departments(unit):
            if d.code == code:
                return d.short or d.name
    return DEPARTMENT_LABELS.get(code, code)


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
    "tthc": "Thống kê giải quyết thủ tục hành chính",
}
