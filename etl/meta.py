"""What the title block above a table says: the unit, the year, the period, the report date and
the reporting department ("UBND PHƯỜNG VÕ CƯỜNG", "BÁO CÁO … QUÝ III NĂM 2026",
"Võ Cường, ngày 16 tháng 9 năm 2026", "Đơn vị báo cáo: Phòng Văn hóa – Xã hội")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cchc.periods import detect_period
from cchc.text import clean_cell, fold
from cchc.vocab import ALL_DEPARTMENTS, match_department
from etl.workbook import Sheet

_UNIT_WORD = re.compile(r"\b(phường|xã|thị trấn)\s+", re.IGNORECASE)
_REPORT_DATE = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (20\d\d)\b")
_YEAR = re.compile(r"\bnam (20\d\d)\b")
_DEPT_LABEL = re.compile(
    r"^(don vi bao cao|don vi|co quan bao cao|co quan|phong|bo phan)\s*:?\s*(.*)$"
)


@dataclass
class TitleBlock:
    lines: list[str]  # non-empty cell texts above the header, in reading order

    @classmethod
    def above(cls, sheet: Sheet, header_row: int) -> TitleBlock:
        lines = []
        for r in range(0, header_row):
            for v in sheet.rows[r]:
                text = clean_cell(v)
                if text:
                    lines.append(text)
        return cls(lines)

    def unit(self) -> str | None:
        for line in self.lines:
            m = _UNIT_WORD.search(line)
            if not m:
                continue
            words = []
            for word in re.split(r"\s+", line[m.end() :]):
                bare = word.strip(",.;:()")
                if (
                    not bare
                    or word.startswith("(")
                    or not bare[0].isupper()
                    or fold(bare) in {"nam", "ngay", "quy"}
                ):
                    break  # '(DDCI)' is an acronym, not a name

                words.append(bare.title() if bare.isupper() else bare)
                if word != bare or len(words) == 3:
                    break
            if words:
                return f"{m.group(1).capitalize()} {' '.join(words)}"
        return None

    def year(self) -> int | None:
        """The year the title names ('… NĂM 2026'), not the signing date ('ngày 25 tháng 12
        năm 2025') nor a cited document's date."""
        fallback = None
        for line in self.lines:
            key = fold(line)
            m = _YEAR.search(_REPORT_DATE.sub(" ", key))
            if m:
                return int(m.group(1))
            if fallback is None and (m := _YEAR.search(key)):
                fallback = int(m.group(1))
        return fallback

    def period(self) -> str | None:
        for line in self.lines:
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
                return found
        return None

    def report_date(self) -> date | None:
        for line in self.lines:
            m = _REPORT_DATE.search(fold(line))
            if m:
                try:
                    return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                except ValueError:
                    return None
        return None

    def department(self) -> str | None:
        """The reporting department: a labelled line first, else a line that is only a name."""
        for line in self.lines:
            m = _DEPT_LABEL.match(fold(line))
            if m and ":" in line:
                code = match_department(line.split(":", 1)[1])
                if code and code != ALL_DEPARTMENTS:
                    return code
        for line in self.lines:
            code = match_department(line)
            if code and code not in (ALL_DEPARTMENTS, "UBND"):
                return code
        return None
