"""The filters every view and export takes (unit, plan year, period, area, department) and the
dates a period choice stands for. No Streamlit here: the command-line export uses them too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc import fmt, queries
from cchc.periods import last_quarter_end, month_end, period_label
from cchc.vocab import AREA_SHORT, department_short

PERIOD_CHOICES = {
    "today": "Đến hôm nay",
    "Q1": "Hết Quý I",
    "Q2": "Hết Quý II (6 tháng)",
    "Q3": "Hết Quý III",
    "Q4": "Hết Quý IV",
    "year": "Cả năm",
    "date": "Đến ngày…",
}


@dataclass(frozen=True)
class Filters:
    unit: str
    year: int
    period: str  # a key of PERIOD_CHOICES
    as_of: date
    report_period_end: date  # the reporting period whose missing reports are flagged
    area: str | None = None
    department: str | None = None

    @property
    def scope(self) -> queries.Scope:
        return queries.Scope(self.unit, self.year, self.as_of, self.area, self.department)

    def url_params(self) -> dict[str, str]:
        """The filters as the URL keeps them, so a link reopens the same view."""
        params = {"don_vi": self.unit, "nam": str(self.year), "ky": self.period}
        if self.period == "date":
            params["ngay"] = self.as_of.isoformat()
        if self.area:
            params["linh_vuc"] = self.area
        if self.department:
            params["phong"] = self.department
        return params

    def when(self) -> str:
        """'Quý III/2026', 'năm 2026, tính đến 26/11/2026'."""
        if self.period in ("today", "date"):
            return f"năm {self.year}, tính đến {fmt.day(self.as_of)}"
        if self.period == "year":
            return f"năm {self.year}"
        return period_label(f"{self.year}-{self.period}")

    def label(self) -> str:
        """`when()` plus the area / department chosen in the sidebar."""
        text = self.when()
        if self.area:
            text += f", lĩnh vực {AREA_SHORT[self.area]}"
        if self.department:
            text += f", {department_short(self.department, self.unit)}"
        return text


def resolve_dates(
    year: int, period: str, now: date, chosen: date | None = None
) -> tuple[date, date]:
    """(as-of date, end of the reporting period to check) for a period choice. The as-of date
    never lies in the future: a period that has not ended yet is seen as of today; a chosen
    date is kept within the plan year."""
    if period == "date" and chosen is not None:
        as_of = min(max(chosen, date(year, 1, 1)), date(year, 12, 31))
        return as_of, min(last_quarter_end(as_of), date(year, 12, 31))
    end = month_end(year, 3 * int(period[1])) if period.startswith("Q") else date(year, 12, 31)
    as_of = min(end, now)
    if period in ("today", "date"):
        return as_of, min(last_quarter_end(now), date(year, 12, 31))
    return as_of, end
