"""The periodic CCHC report (Báo cáo kết quả thực hiện công tác cải cách hành chính) as a Word
document: the outline Vietnamese CCHC reports use, filled with the dashboard's own figures,
tables and charts, for staff to edit and finish.

Every number comes through `query` (the dashboard's cached `ui.query`, or `queries.runner`
outside Streamlit), so the report says exactly what the dashboard shows, as known on the
report's as-of date; the takeaway sentences are the deck's (`cchc.slides`). A few highlighted
prompts mark what only staff can write.

- `data`: the figures and the periods; `findings`: the sentences; `word`: Word helpers;
  `figures`: the charts; `sections`: the document's parts in order.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from docx import Document

from cchc.filters import Filters
from cchc.report import sections, word
from cchc.report.data import Progress, gather, next_period, period_text
from cchc.report.figures import render
from cchc.report.sections import APPENDIX, DEMO_LINE, HEADINGS
from cchc.settings import ReportSettings, report_settings

__all__ = [
    "APPENDIX",
    "DEMO_LINE",
    "DOCX_MIME",
    "FONT",
    "HEADINGS",
    "build",
    "next_period",
    "period_text",
]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = word.FONT


def build(
    query: Callable[..., object],
    filters: Filters,
    today: date,
    progress: Progress | None = None,
    settings: ReportSettings | None = None,
) -> bytes:
    """The report for the period of `filters` as .docx bytes. `query(name, *args)` runs
    `cchc.queries.<name>`; `progress(fraction, message)` hears how far the build is;
    `settings` (default: the database's `cai-dat.toml`) name the recipients and the filing.
    Raises `images.ImageError` when the charts cannot be rendered and
    `settings.SettingsError` when the settings file cannot be used."""
    settings = settings or report_settings()
    last = [0.0]

    def step(fraction: float, message: str) -> None:
        last[0] = max(last[0], fraction)
        if progress is not None:
            progress(last[0], message)

    data = gather(query, filters, today, step)
    figures = render(data, step)
    step(0.9, "Đang soạn văn bản báo cáo…")
    doc = Document()
    word.setup(doc)
    numbers = sections.Numbers()
    sections.header(doc, data)
    sections.direction(doc, data)
    sections.results(doc, data, figures, numbers)
    sections.assessment(doc, data, figures, numbers)
    sections.next_steps(doc, data)
    sections.recommendations(doc, data)
    sections.closing(doc, data, settings)
    sections.appendix(doc, data)
    out = io.BytesIO()
    doc.save(out)
    step(1.0, "Đã tạo xong báo cáo.")
    return out.getvalue()
