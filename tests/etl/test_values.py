"""Cell values as people type them: percents, scores with a decimal comma, serial dates."""

from __future__ import annotations

from datetime import date

import pytest

from etl.values import (
    fraction_column,
    parse_number,
    parse_percent,
    parse_rank,
    serial_date,
    year_of,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (8.5, 8.5),
        ("8,5", 8.5),
        ("86,42%", 86.42),
        ("86.42 %", 86.42),
        ("1.234,5", 1234.5),
        ("1.234", 1.234),  # a point alone is a decimal point: scores are small numbers
        (None, None),
        ("", None),
    ],
)
def test_parse_number(value: object, expected: float | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["Tốt", "Rất tốt", "8,5 điểm", True])
def test_parse_number_refuses_words(value: object) -> None:
    with pytest.raises(ValueError):
        parse_number(value)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 0.5, 0.0], True),  # cells formatted as percent: Excel shows 100%, 50%, 0%
        ([1, 1, 0], True),  # alone, a whole column of 100% / 0% is fractions too
        ([100, 50, 0], False),
        ([0, 0], False),  # nothing says which
        (["80%", 1.0], True),
        ([], False),
    ],
)
def test_fraction_column(values: list[object], expected: bool) -> None:
    assert fraction_column(values) is expected


def test_percent_of_a_fraction_column() -> None:
    assert parse_percent(1.0, fractions=True) == 100.0
    assert parse_percent(1.0) == 1.0  # alone, a 1 is 1%


def test_serial_date_only_in_the_plausible_range() -> None:
    assert serial_date(46203) == date(2026, 6, 30)
    assert serial_date(46203.5) is None  # a time of day is no deadline
    assert serial_date(2026) is None
    assert serial_date("46203") is None


def test_year_of() -> None:
    assert year_of(2025.0) == 2025
    assert year_of(" 2025 ") == 2025
    assert year_of("Năm 2025") is None


@pytest.mark.parametrize(
    ("value", "rank"), [(12, 12.0), ("12", 12.0), ("12/99", 12.0), ("Hạng 3", 3.0)]
)
def test_parse_rank(value: object, rank: float) -> None:
    assert parse_rank(value) == rank


@pytest.mark.parametrize(("value", "expected"), [("Đạt 80%", 80.0), ("Hoàn thành 100 %", 100.0)])
def test_percent_with_words_around_one_number(value: str, expected: float) -> None:
    assert parse_percent(value) == expected


def test_beside_a_status_column_a_lone_1_stays_1_percent() -> None:
    assert fraction_column([1.0], alone=False) is False
    assert fraction_column([1.0, 0.5], alone=False) is True
