"""What a title block says: the unit (with or without diacritics), the period, the date, and a
template's blanks."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.departments import Directory
from etl.meta import TitleBlock, canonical_unit, department_in_name, period_in_name


def block(*lines: str) -> TitleBlock:
    return TitleBlock(list(lines), [(i, 0) for i in range(len(lines))], "BC")


@pytest.mark.parametrize(
    ("lines", "unit"),
    [
        (["UBND PHƯỜNG VÕ CƯỜNG"], "Phường Võ Cường"),
        (["UBND PHUONG KINH BAC"], "Phuong Kinh Bac"),
        (["(Kèm theo Kế hoạch số 12/KH-UBND của UBND xã Tân Chi)"], "Xã Tân Chi"),
        (["Ủy ban nhân dân Đặc khu Vân Đồn"], "Đặc khu Vân Đồn"),
        (["PHÒNG VĂN HÓA - XÃ HỘI", "UBND PHƯỜNG VÕ CƯỜNG"], "Phường Võ Cường"),
        (
            ["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP XÃ, PHƯỜNG (DDCI)", "Đơn vị: Phường Võ Cường"],
            "Phường Võ Cường",
        ),
        (["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], None),
    ],
)
def test_unit_named_in_the_title(lines: list[str], unit: str | None) -> None:
    assert block(*lines).unit() == unit


def test_a_unit_typed_without_diacritics_is_the_known_unit() -> None:
    known = ["Phường Võ Cường", "Xã Tân Chi"]
    assert canonical_unit("Phuong Vo Cuong", known) == "Phường Võ Cường"
    assert canonical_unit("PHƯỜNG VÕ CƯỜNG", known) == "Phường Võ Cường"
    assert canonical_unit("Phuong Kinh Bac", known) == "Phuong Kinh Bac"  # new: kept as read


def test_period_date_and_department() -> None:
    title = block(
        "UBND XÃ TÂN CHI",
        "CÔNG AN XÃ",
        "BÁO CÁO Kết quả thực hiện nhiệm vụ CCHC Quý III năm 2026",
        "Tân Chi, ngày 05 tháng 10 năm 2026",
    )
    assert title.period() == "2026-Q3"
    assert title.report_date() == date(2026, 10, 5)
    assert title.department(Directory("Xã Tân Chi")) == "CAX"
    assert title.placeholders() == []


def test_a_template_sent_back_unfilled_is_a_problem_at_each_blank() -> None:
    title = block("BÁO CÁO tiến độ CCHC Quý … năm 2026", "Võ Cường, ngày … tháng … năm 2026")
    assert title.period() is None  # never 'the whole of 2026'
    problems = title.placeholder_problems()
    assert [(p.row, p.column, p.value) for p in problems] == [
        (1, "A", "BÁO CÁO tiến độ CCHC Quý … năm 2026"),
        (2, "A", "Võ Cường, ngày … tháng … năm 2026"),
    ]
    # with the period given on the command line, only the blank date is left
    assert [p.row for p in title.placeholder_problems(skip_period=True)] == [2]


@pytest.mark.parametrize(
    ("name", "period", "department"),
    [
        ("bao-cao-q3-2026-vhxh.xlsx", "2026-Q3", "VHXH"),
        ("BC_Quy_III_2026_TTPVHCC.xlsx", "2026-Q3", "TTPVHCC"),
        ("bc 6 thang dau 2026.xlsx", "2026-H1", None),
        ("T10.2026.xlsx", "2026-10", None),
        ("bao-cao-cap-phuong-q3-2026.xlsx", "2026-Q3", None),  # 'cấp phường', not the police
        ("ke-hoach-2026.xlsx", None, None),
        ("q3.xlsx", None, None),  # no year: no period
    ],
)
def test_period_and_department_in_a_file_name(name, period, department) -> None:
    assert period_in_name(name) == period
    assert department_in_name(name, Directory("Phường Võ Cường")) == department
