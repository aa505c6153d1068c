"""parse_deadline: every way a plan appendix writes a deadline, and the impossible ones."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from etl.deadlines import BadDate, Deadline, parse_deadline

YEAR = 2026


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Excel date cells come back as datetime (calamine) or date; the text is dd/mm/yyyy.
        (datetime(2026, 3, 31, 0, 0), Deadline(date(2026, 3, 31), "31/03/2026")),
        (date(2026, 4, 1), Deadline(date(2026, 4, 1), "01/04/2026")),
        ("31/12/2026", Deadline(date(2026, 12, 31), "31/12/2026")),
        ("05/12/2026", Deadline(date(2026, 12, 5), "05/12/2026")),
        ("5/2/2026", Deadline(date(2026, 2, 5), "5/2/2026")),
        ("Trước ngày 15/12/2026", Deadline(date(2026, 12, 15), "Trước ngày 15/12/2026")),
        ("Truoc ngay 15/12/2026", Deadline(date(2026, 12, 15), "Truoc ngay 15/12/2026")),
        ("ngày 15 tháng 12 năm 2026", Deadline(date(2026, 12, 15), "ngày 15 tháng 12 năm 2026")),
        ("Tháng 6/2026", Deadline(date(2026, 6, 30), "Tháng 6/2026")),
        ("Tháng 2/2026", Deadline(date(2026, 2, 28), "Tháng 2/2026")),
        ("Thang 11/2026", Deadline(date(2026, 11, 30), "Thang 11/2026")),
        ("Quý II/2026", Deadline(date(2026, 6, 30), "Quý II/2026")),
        ("Quy II/2026", Deadline(date(2026, 6, 30), "Quy II/2026")),
        ("Quý I/2026", Deadline(date(2026, 3, 31), "Quý I/2026")),
        ("QUÝ III/2026", Deadline(date(2026, 9, 30), "QUÝ III/2026")),
        ("Quý IV năm 2026", Deadline(date(2026, 12, 31), "Quý IV năm 2026")),
        ("quý 3", Deadline(date(2026, 9, 30), "quý 3")),
        ("6 tháng đầu năm", Deadline(date(2026, 6, 30), "6 tháng đầu năm")),
        ("6 thang dau nam", Deadline(date(2026, 6, 30), "6 thang dau nam")),
        ("6 tháng cuối năm", Deadline(date(2026, 12, 31), "6 tháng cuối năm")),
        ("9 tháng đầu năm", Deadline(date(2026, 9, 30), "9 tháng đầu năm")),
        ("3 tháng đầu năm 2026", Deadline(date(2026, 3, 31), "3 tháng đầu năm 2026")),
        ("Năm 2026", Deadline(date(2026, 12, 31), "Năm 2026")),
        ("Cả năm", Deadline(date(2026, 12, 31), "Cả năm")),
        ("Ca nam", Deadline(date(2026, 12, 31), "Ca nam")),
        ("Trong năm", Deadline(date(2026, 12, 31), "Trong năm")),
        ("Tháng 3, 6, 9, 12", Deadline(date(2026, 12, 31), "Tháng 3, 6, 9, 12")),
        # Text is cleaned as a person reads it: runs of spaces and line breaks collapse.
        ("  Quý  II/2026\n", Deadline(date(2026, 6, 30), "Quý II/2026")),
    ],
)
def test_deadline_formats(value: object, expected: Deadline) -> None:
    assert parse_deadline(value, YEAR) == expected


@pytest.mark.parametrize(
    "value", ["Thường xuyên", "Thuong xuyen", "THƯỜNG XUYÊN", "Hằng tháng", "Hằng năm", "Định kỳ"]
)
def test_continuous_has_no_date(value: str) -> None:
    got = parse_deadline(value, YEAR)
    assert got == Deadline(None, value, continuous=True)


@pytest.mark.parametrize(
    "value", ["Theo kế hoạch của tỉnh", "Theo ke hoach cua tinh", "Khi có chỉ đạo"]
)
def test_free_text_has_no_date_and_is_not_continuous(value: str) -> None:
    assert parse_deadline(value, YEAR) == Deadline(None, value, continuous=False)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_cell(value: object) -> None:
    assert parse_deadline(value, YEAR) == Deadline(None, "")


def test_whole_year_words_follow_the_plan_year() -> None:
    assert parse_deadline("Cả năm", 2027).date == date(2027, 12, 31)
    assert parse_deadline("6 tháng đầu năm", 2027).date == date(2027, 6, 30)
    assert parse_deadline("Quý II", 2027).date == date(2027, 6, 30)
    # A year written in the cell wins over the plan year.
    assert parse_deadline("Quý II/2026", 2027).date == date(2026, 6, 30)


def test_leap_day_only_in_leap_years() -> None:
    assert parse_deadline("29/02/2028", YEAR).date == date(2028, 2, 29)
    with pytest.raises(BadDate):
        parse_deadline("29/02/2027", YEAR)


@pytest.mark.parametrize(
    "value", ["31/02/2026", "Trước ngày 31/02/2026", "32/01/2026", "15/13/2026", "30/02"]
)
def test_impossible_dates_raise(value: str) -> None:
    with pytest.raises(BadDate):
        parse_deadline(value, YEAR)


def test_bad_date_message_names_the_date() -> None:
    with pytest.raises(BadDate) as info:
        parse_deadline("Trước ngày 31/02/2026", YEAR)
    assert str(info.value) == "Ngày '31/02/2026' không tồn tại"


def test_quarter_list_takes_the_last_quarter() -> None:
    assert parse_deadline("Quý I, II/2026", YEAR).date == date(2026, 6, 30)


@pytest.mark.parametrize("value", ["Tháng 13/2026", "Quý V/2026"])
def test_impossible_month_or_quarter_raises(value: str) -> None:
    with pytest.raises(BadDate):
        parse_deadline(value, YEAR)


def test_iso_date_text() -> None:
    assert parse_deadline("2026-01-31", YEAR) == Deadline(date(2026, 1, 31), "2026-01-31")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # a date cell whose format was lost: Excel's serial number (30/06/2026 is 46203)
        (46203, Deadline(date(2026, 6, 30), "30/06/2026")),
        (46203.0, Deadline(date(2026, 6, 30), "30/06/2026")),
        ("46203", Deadline(date(2026, 6, 30), "46203")),
        # a bare year is that year's end
        (2026, Deadline(date(2026, 12, 31), "2026")),
        ("2027", Deadline(date(2027, 12, 31), "2027")),
    ],
)
def test_numbers_in_a_deadline_cell(value: object, expected: Deadline) -> None:
    assert parse_deadline(value, YEAR) == expected


@pytest.mark.parametrize("value", [6, 1.5, "12", "Phòng VHXH chủ trì", "Văn bản", "x"])
def test_what_names_no_time_is_not_a_deadline(value: object) -> None:
    with pytest.raises(BadDate) as info:
        parse_deadline(value, YEAR)
    assert "Quý II/2026" in info.value.hint  # the hint shows the accepted ways to write one


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06/2026", date(2026, 6, 30)),
        ("6/2026", date(2026, 6, 30)),
        ("2026-2030", None),  # a multi-year span: no single date, kept as written
    ],
)
def test_month_and_year_and_spans(value: str, expected: date | None) -> None:
    assert parse_deadline(value, YEAR).date == expected
