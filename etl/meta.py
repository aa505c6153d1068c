"""What the title block above a table says: the unit, the year, the period, the report date and
the reporting department ("UBND PHƯỜNG VÕ CƯỜNG", "BÁO CÁO … QUÝ III NĂM 2026",
"Võ Cường, ngày 16 tháng 9 năm 2026", "Đơn vị báo cáo: Phòng Văn hóa – Xã hội")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.departments import ALL, Directory
from cchc.periods import ROMAN, detect_period
from cchc.text import clean_cell, fold
from etl.errors import Problem, cell_problem
from etl.workbook import Sheet

_LEVELS = {"phuong": "Phường", "xa": "Xã", "thi tran": "Thị trấn", "dac khu": "Đặc khu"}
_LEVEL_KEYS = {v: k for k, v in _LEVELS.items()}
_NOT_NAMES = {"hoi", "hoi chu nghia viet nam", "nam", "ngay", "quy"}
_PLACEHOLDER = re.compile(r"…|\.{2,}|_{2,}")


def _name_after(words: list[str]) -> str:
    """The capitalised words of a unit's name after its level word, up to 3, stopping at
    punctuation, a bracket or a lower-case word ('Võ Cường)' -> 'Võ Cường')."""
    out: list[str] = []
    for word in words:
        bare = word.strip(",.;:()")
        if not bare or word.startswith("(") or not bare[0].isupper() or fold(bare) in _NOT_NAMES:
            break
        out.append(bare.title() if bare.isupper() else bare)
        if word != bare or len(out) == 3:
            break
    return " ".join(out)


def canonical_unit(name: str, known: list[str]) -> str:
    """A unit's name as already known when it is the same compared without diacritics or case
    ('Phuong Vo Cuong' is 'Phường Võ Cường'), else as read."""
    key = fold(name)
    return next((k for k in known if fold(k) == key), name)


_REPORT_DATE = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (20\d\d)\b")
_YEAR = re.compile(r"\bnam (20\d\d)\b")
_DEPT_LABEL = re.compile(
    r"^(don vi bao cao|don vi|co quan bao cao|co quan|phong|bo phan)\s*:?\s*(.*)$"
)


@dataclass
class TitleBlock:
    lines: list[str]  # non-empty cell texts above the header, in reading order
    cells: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, col) of each
    sheet: str = ""
    found: dict[str, int] = field(default_factory=dict)  # what was read -> its Excel row

    def _at(self, what: str, index: int) -> None:
        """Remember the Excel row of the line a value was read from (to say where it came from)."""
        if index < len(self.cells):
            self.found[what] = self.cells[index][0] + 1

    @classmethod
    def above(cls, sheet: Sheet, header_row: int) -> TitleBlock:
        lines, cells = [], []
        for r in range(0, header_row):
            for c, v in enumerate(sheet.rows[r]):
                text = clean_cell(v)
                if text:
                    lines.append(text)
                    cells.append((r, c))
        return cls(lines, cells, sheet.name)

    def placeholder_problems(self, skip_period: bool = False) -> list[Problem]:
        """Each title line left as the template had it, as a Problem at its cell."""
        out = []
        for line, (r, c) in zip(self.lines, self.cells, strict=True):
            if line not in self.placeholders():
                continue
            if skip_period and not re.search(r"\bngay\b", fold(line)):
                continue
            out.append(
                cell_problem(
                    self.sheet,
                    r,
                    c,
                    "",
                    line,
                    "Tiêu đề còn chỗ trống chưa điền (mẫu chưa ghi kỳ hoặc ngày báo cáo)",
                    "điền kỳ và ngày báo cáo vào tiêu đề, ví dụ 'Quý III năm 2026', "
                    "'ngày 05 tháng 10 năm 2026', rồi tải lên lại",
                    code="placeholder",
                )
            )
        return out

    def unit(self) -> str | None:
        """The unit a title names ('UBND PHƯỜNG VÕ CƯỜNG', 'UBND PHUONG KINH BAC', '… của UBND
        xã Tân Chi)'), as 'Phường Võ Cường'; compared without diacritics, so a file typed
        without them names the same unit (see `canonical_unit`)."""
        for n, line in enumerate(self.lines):
            words = line.split()
            keys = [fold(w) for w in words]
            for i, key in enumerate(keys):
                level = _LEVELS.get(key) or (
                    _LEVELS.get(f"{key} {keys[i + 1]}") if i + 1 < len(keys) else None
                )
                if level is None or (i and keys[i - 1] == "cap"):
                    continue  # 'cấp xã, phường' names a level, not a unit
                skip = 2 if " " in _LEVEL_KEYS[level] else 1
                if not words[i + skip - 1][-1:].isalnum():
                    continue  # 'XÃ, PHƯỜNG': a list of levels
                name = _name_after(words[i + skip :])
                if name and fold(name) not in _NOT_NAMES and fold(name).split()[0] not in _LEVELS:
                    written = " ".join(words[i : i + skip]).capitalize()
                    self._at("unit", n)
                    return f"{written} {name}"
        return None

    def year(self) -> int | None:
        """The year the title names ('… NĂM 2026'), not the signing date ('ngày 25 tháng 12
        năm 2025') nor a cited document's date."""
        fallback = None
        for n, line in enumerate(self.lines):
            key = fold(line)
            m = _YEAR.search(_REPORT_DATE.sub(" ", key))
            if m:
                self._at("year", n)
                return int(m.group(1))
            if fallback is None and (m := _YEAR.search(key)):
                fallback = int(m.group(1))
                self._at("year", n)
        return fallback

    def placeholders(self) -> list[str]:
        """Title lines of a template sent back unfilled ('Quý … năm 2026', 'ngày … tháng …')."""
        return [
            line
            for line in self.lines
            if _PLACEHOLDER.search(line)
            and re.search(r"\b(quy|thang|ngay|nam|ky|tuan)\b", fold(line))
            and not re.search(r"\bso\b|/kh|/bc|/qd", fold(line))
        ]

    def period(self) -> str | None:
        for n, line in enumerate(self.lines):
            if line in self.placeholders():
                continue
            key = fold(line)
            if _REPORT_DATE.search(key):
                continue  # "ngày 16 tháng 9 năm 2026" is the report date, not the period
            found = detect_period(line)
            if found and (
                "bao cao" in key
                or "tien do" in key
                or "ket qua" in key
                or "quy" in key
                or "thang" in key
            ):
                self._at("period", n)
                return found
        return None

    def report_date(self) -> date | None:
        found = self.report_date_cell()
        return found[0] if found else None

    def report_date_cell(self) -> tuple[date, int, int, str] | None:
        """The report's date and the 0-based (row, col) and text of the cell that says it."""
        for line, (r, c) in zip(self.lines, self.cells, strict=False):
            m = _REPORT_DATE.search(fold(line))
            if m:
                try:
                    return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), r, c, line
                except ValueError:
                    return None
        return None

    def department(self, departments: Directory) -> str | None:
        """The reporting department: a labelled line first, else a line that is only a name
        (read with the unit's directory: 'PHÒNG VĂN HÓA - XÃ HỘI', 'Công an xã')."""
        for n, line in enumerate(self.lines):
            m = _DEPT_LABEL.match(fold(line))
            if m and ":" in line:
                code = departments.match(line.split(":", 1)[1])
                if code and code != ALL:
                    self._at("department", n)
                    return code
        for n, line in enumerate(self.lines):
            code = departments.match(line)
            if code and code not in (ALL, "UBND"):
                self._at("department", n)
                return code
        return None


_NAME_QUARTER = re.compile(r"\b(?:q|quy)\s*([1-4]|iv|iii|ii|i)\b")
_NAME_HALF = re.compile(r"\b6\s*thang(?:\s*(dau|cuoi))?\b")
_NAME_MONTH = re.compile(r"\b(?:t|thang)\s*(\d{1,2})\b")
_NAME_YEAR = re.compile(r"\b(20\d\d)\b")


def name_words(file_name: str) -> str:
    """A file's name as folded words: 'bao-cao_Q3.2026-VHXH.xlsx' -> 'bao cao q3 2026 vhxh'."""
    stem = file_name.rsplit(".", 1)[0]
    return fold(re.sub(r"(?<=[a-zA-Z])(?=\d)", " ", stem))


def period_in_name(file_name: str) -> str | None:
    """The period a file's name gives, when it gives a year too ('bao-cao-q3-2026',
    'BC_quy_III_2026', '6-thang-dau-2026', 'thang-10-2026'); None otherwise."""
    words = name_words(file_name)
    year = _NAME_YEAR.search(words)
    if year is None:
        return None
    y = year.group(1)
    if m := _NAME_QUARTER.search(words):
        q = m.group(1)
        return f"{y}-Q{ROMAN[q] if q in ROMAN else int(q)}"
    if re.search(r"\b9\s*thang\b", words):
        return f"{y}-Q3"
    if m := _NAME_HALF.search(words):
        return f"{y}-H{2 if m.group(1) == 'cuoi' else 1}"
    if (m := _NAME_MONTH.search(words)) and 1 <= int(m.group(1)) <= 12:
        return f"{y}-{int(m.group(1)):02d}"
    return None


def department_in_name(file_name: str, departments: Directory) -> str | None:
    """A department whose code is a word of the file's name ('bao-cao-q3-2026-vhxh.xlsx')."""
    # 'cap' is also 'cấp' (cấp xã, cấp phường) and 'kt' 'kiểm tra': never read from a name
    codes = {c.lower(): c for c in departments.codes() if c not in ("UBND", "CAP", "KT")}
    found = [codes[w] for w in name_words(file_name).split() if w in codes]
    return found[0] if len(set(found)) == 1 else None
