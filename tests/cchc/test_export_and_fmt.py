import io
from datetime import date

import openpyxl
import pandas as pd

from cchc import fmt
from cchc.export import to_xlsx


def test_vietnamese_number_and_date_formats():
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.percent(0.853) == "85,3%"
    assert fmt.day(date(2026, 11, 26)) == "26/11/2026"
    assert fmt.day(pd.NaT) == ""


def test_exported_xlsx_neutralises_formula_looking_text():
    df = pd.DataFrame(
        {
            "Mã": ["I.1", "I.2", "I.3"],
            "Nhiệm vụ": ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "Bình thường"],
            "Thời hạn": pd.to_datetime(["2026-03-31", None, "2026-12-31"]),
        }
    )
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(df, "Nhiệm vụ", "Tiêu đề")))
    ws = wb["Nhiệm vụ"]
    assert ws["A1"].value == "Tiêu đề"
    assert [c.value for c in ws[3]] == ["Mã", "Nhiệm vụ", "Thời hạn"]
    cells = [ws.cell(r, 2) for r in (4, 5, 6)]
    assert [c.value for c in cells] == [
        '\'=HYPERLINK("http://x","y")',
        "'+cmd|' /C calc'!A0",
        "Bình thường",
    ]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula
    assert ws["C4"].number_format == "dd/mm/yyyy"


def test_drill_down_from_clicked_points():
    from cchc.tasklist import COUNTED_IN_RATE, TaskFilter, code_from_points, drill_from_points

    bar = drill_from_points([{"customdata": ["procedures", "overdue", 12.5]}])
    assert bar.filter == TaskFilter(areas=("procedures",), statuses=("overdue",))
    assert bar.title == "Thủ tục hành chính — Quá hạn, chưa hoàn thành"
    dept = drill_from_points([{"customdata": ["VP", "done_late", 10.0]}])
    assert dept.filter == TaskFilter(leads=("VP",), statuses=("done_late",))
    cell = drill_from_points([{"customdata": ["CAP", "digital"]}])
    assert cell.filter == TaskFilter(areas=("digital",), leads=("CAP",), statuses=COUNTED_IN_RATE)
    assert drill_from_points([]) is None
    assert drill_from_points([{"x": 1}]) is None
    assert code_from_points([{"customdata": ["III.2", "Quý II/2026"]}]) == "III.2"
