from datetime import date

import pytest

from cchc.periods import detect_period, last_quarter_end, parse_period, period_label
from cchc.text import clean_cell, fold, similarity


@pytest.mark.parametrize(
    "raw",
    [
        "Phòng Văn hóa – Xã hội",
        "PHÒNG VĂN HÓA - XÃ HỘI",
        "phong van hoa—xa hoi",
        "Phòng Văn hoá\nXã hội",
    ],
)
def test_fold_ignores_case_diacritics_dashes_and_line_breaks(raw):
    assert fold(raw) == "phong van hoa xa hoi"


def test_clean_cell():
    assert clean_cell("  Kế  hoạch\t\nsố 12 ") == "Kế hoạch số 12"
    assert clean_cell(5.0) == "5"
    assert clean_cell(None) == ""
    assert clean_cell("a\x07b") == "a b"


def test_similarity_expands_abbreviations():
    assert similarity("Kiểm soát TTHC năm 2026", "Kiểm soát thủ tục hành chính năm 2026") == 1.0
    assert similarity("Số hóa hồ sơ", "Khen thưởng cán bộ") < 0.3


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "Quý III/2026"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "Tháng 2/2026"),
        ("2026-W49", date(2026, 11, 30), date(2026, 12, 6), "Tuần 49/2026"),
    ],
)
def test_periods(code, start, end, label):
    p = parse_period(code)
    assert (p.start, p.end, period_label(code)) == (start, end, label)


@pytest.mark.parametrize("code", ["2026-Q5", "2026-13", "2026-W54", "26-Q1", "Q1"])
def test_bad_period_codes(code):
    assert parse_period(code) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tiến độ thực hiện nhiệm vụ CCHC Quý III năm 2026", "2026-Q3"),
        ("BAO CAO QUY 2/2026", "2026-Q2"),
        ("Báo cáo 6 tháng đầu năm 2026", "2026-H1"),
        ("Báo cáo tháng 9 năm 2026", "2026-09"),
        ("Báo cáo kết quả CCHC năm 2026", "2026"),
        ("Báo cáo kết quả CCHC 9 tháng đầu năm 2026", "2026-Q3"),
        ("Báo cáo CCHC 3 tháng đầu năm 2026", "2026-Q1"),
        ("Không có kỳ", None),
    ],
)
def test_detect_period(text, code):
    assert detect_period(text) == code


def test_last_quarter_end():
    assert last_quarter_end(date(2026, 11, 26)) == date(2026, 9, 30)
    assert last_quarter_end(date(2026, 9, 30)) == date(2026, 9, 30)
    assert last_quarter_end(date(2026, 2, 1)) == date(2025, 12, 31)


def test_md_literal_keeps_text_from_outside_from_running_as_markdown() -> None:
    from cchc.text import md_literal

    assert md_literal("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_literal("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_literal(":red[Đỏ] $x$ **đậm** a|b") == ":red\\[Đỏ\\] \\$x\\$ \\*\\*đậm\\*\\* a\\|b"
    assert md_literal("# Tiêu đề\n  ## Mục") == "\\# Tiêu đề\n  \\## Mục"
    assert md_literal("lần nạp #31 · 04:27, 95,2%") == "lần nạp #31 · 04:27, 95,2%"
