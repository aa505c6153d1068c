"""The procedure (TTHC) query layer on the demo data (hand counts: data/demo/README.md, section
5): rates, periods summed from the monthly files, the as-of rule, the plan's targets, the fields
with most late dossiers, and the sentences the report and the deck say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc import db
from cchc import procedure_queries as pq
from cchc.period_spans import previous_span, span_code, span_label, span_of
from tests.etl.loading import load

UNIT = "Phường Võ Cường"
ROOT = Path(__file__).resolve().parents[2]
Q3_FILE = ROOT / "tests" / "data" / "tthc" / "06a-quy-3-tu-ngay-den-ngay.xlsx"


@pytest.fixture
def con(demo_db_master):
    with db.reading(demo_db_master) as c:
        yield c


def test_the_monthly_trend_and_its_rates(con):
    trend = pq.trend(con, UNIT, date(2026, 11, 26), 2026)
    assert list(trend["label"]) == [f"T{m}/2026" for m in range(1, 11)]
    october = trend.iloc[-1]
    assert (october["received"], october["resolved"], october["in_time"]) == (416, 390, 389)
    assert october["on_time_rate"] == pytest.approx(389 / 390)
    assert october["online_rate"] == pytest.approx(300 / 395)
    assert october["digitised_rate"] == pytest.approx(370 / 416)
    assert october["late"] == 1 + 2  # resolved late + pending past the deadline


def test_the_as_of_rule_counts_only_periods_that_have_ended(con):
    assert len(pq.trend(con, UNIT, date(2026, 10, 30))) == 9  # October has not ended
    assert pq.procedure_summary(con, UNIT, date(2026, 10, 30)).label == "Tháng 9/2026"
    summary = pq.procedure_summary(con, UNIT, date(2026, 10, 31))
    assert (summary.label, summary.previous.label) == ("Tháng 10/2026", "Tháng 9/2026")
    assert pq.procedure_summary(con, UNIT, date(2025, 12, 31)) is None
    # a quarter asked for before it ends has no figures yet
    assert pq.procedure_summary(con, UNIT, "2026-Q3", as_of=date(2026, 9, 29)) is None


def test_a_quarter_is_summed_from_its_months_as_the_quarterly_file_says(con, tmp_path):
    summary = pq.procedure_summary(con, UNIT, "2026-Q3")
    assert (summary.label, summary.previous.label) == ("Quý III/2026", "Quý II/2026")
    path = tmp_path / "q3.duckdb"
    assert load(path, Q3_FILE.read_bytes(), Q3_FILE.name).status == "loaded"
    with db.reading(path) as other:
        quarterly = pq.procedure_summary(other, UNIT, "2026-Q3")
    assert quarterly.previous is None
    assert summary.current.counts == quarterly.current.counts
    assert summary.current.counts["received"] == 20 + 260 + 129 + 273 + 118 + 286 + 107


def test_the_change_from_the_previous_period_in_points(con):
    summary = pq.procedure_summary(con, UNIT, "2026-10")
    assert summary.change("online_rate") == pytest.approx((300 / 395 - 286 / 393) * 100)
    first = pq.procedure_summary(con, UNIT, "2026-01")
    assert first.previous is None and first.change("online_rate") is None


def test_the_plan_targets_are_found_in_task_titles(con):
    targets = pq.plan_targets(con, UNIT, 2026)
    assert list(zip(targets["rate"], targets["code"], targets["target"], strict=True)) == [
        ("on_time_rate", "III.4.2", 100.0),
        ("online_rate", "VII.3.1", 80.0),
    ]


@pytest.mark.parametrize(
    ("title", "rate", "target"),
    [
        ("Bảo đảm 100% hồ sơ được giải quyết đúng hạn, trước hạn", "on_time_rate", 100.0),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 80%", "online_rate", 80.0),
        ("Phấn đấu 100% hồ sơ được số hóa khi tiếp nhận", "digitised_rate", 100.0),
        ("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 92,5 %", "digitised_rate", 92.5),
        ("Bảo đảm 100% TTHC được cung cấp dưới hình thức dịch vụ công trực tuyến", None, 100.0),
        ("Tỷ lệ hồ sơ thanh toán trực tuyến đạt 50%", None, 50.0),
        ("Đo lường sự hài lòng (SIPAS), phấn đấu đạt từ 95% trở lên", None, 95.0),
        ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", None, None),
    ],
)
def test_which_rate_a_title_sets_a_target_for(title, rate, target):
    assert pq.target_rate(title) == rate
    assert pq.target_percent(title) == target


def test_fields_with_most_late_dossiers(con):
    late = pq.late_by_field(con, UNIT, date(2026, 7, 1), date(2026, 9, 30), date(2026, 11, 26))
    assert late.to_dict("records") == [
        {"field": "Đất đai", "resolved_late": 3, "pending_late": 0, "late": 3, "resolved": 49},
        {"field": "Xây dựng", "resolved_late": 1, "pending_late": 1, "late": 2, "resolved": 29},
    ]
    year = pq.late_by_field(con, UNIT, date(2026, 1, 1), date(2026, 12, 31), date(2026, 11, 26))
    assert list(zip(year["field"], year["late"], strict=True)) == [("Đất đai", 9), ("Xây dựng", 1)]
    assert pq.late_by_field(
        con, UNIT, date(2026, 1, 1), date(2026, 2, 28), date(2026, 11, 26)
    ).empty


def test_the_sentences_for_the_report_and_the_deck(con):
    summary = pq.procedure_summary(con, UNIT, "2026-Q3")
    targets = pq.plan_targets(con, UNIT, 2026)
    late = pq.late_by_field(
        con, UNIT, summary.current.start, summary.current.end, date(2026, 9, 30)
    )
    assert pq.procedure_sentences(summary, targets, late) == [
        "Quý III/2026: tiếp nhận 1.193 hồ sơ (20 kỳ trước chuyển qua, 1.173 mới tiếp nhận); "
        "đã giải quyết 1.172, đang giải quyết 21 (trong đó 1 quá hạn).",
        "Giải quyết đúng hạn, trước hạn 1.168/1.172 hồ sơ (99,7%), quá hạn 4, giảm 0,3 điểm % "
        "so với Quý II/2026 (99,9%); còn thiếu 0,3 điểm % so với mục tiêu 100% của kế hoạch "
        "(nhiệm vụ III.4.2).",
        "Tiếp nhận trực tuyến 819/1.173 hồ sơ mới (69,8%), tăng 9,0 điểm % so với Quý II/2026 "
        "(60,8%); còn thiếu 10,2 điểm % so với mục tiêu 80% của kế hoạch (nhiệm vụ VII.3.1).",
        "Số hóa 1.054/1.193 hồ sơ (88,3%), tăng 6,3 điểm % so với Quý II/2026 (82,1%).",
        "Lĩnh vực có nhiều hồ sơ trễ hạn nhất: Đất đai (3), Xây dựng (2).",
    ]


def test_the_sentences_in_one_call(con):
    sentences = pq.period_sentences(con, UNIT, "2026-Q3", 2026)
    assert sentences[0].startswith("Quý III/2026: tiếp nhận 1.193 hồ sơ")
    assert sentences[-1] == "Lĩnh vực có nhiều hồ sơ trễ hạn nhất: Đất đai (3), Xây dựng (2)."
    as_of_october = pq.period_sentences(con, UNIT, date(2026, 10, 31), 2026)
    assert as_of_october[0].startswith("Tháng 10/2026: tiếp nhận 416 hồ sơ")
    assert as_of_october[-1] == "Lĩnh vực có nhiều hồ sơ trễ hạn nhất: Đất đai (3)."
    assert pq.period_sentences(con, UNIT, "2025-Q3", 2025) == [
        "Chưa có số liệu thống kê giải quyết thủ tục hành chính của kỳ này."
    ]


def test_the_sentences_without_figures_or_a_previous_period(con):
    assert pq.procedure_sentences(None) == [
        "Chưa có số liệu thống kê giải quyết thủ tục hành chính của kỳ này."
    ]
    january = pq.procedure_sentences(pq.procedure_summary(con, UNIT, "2026-01"))
    assert january[1] == (
        "Giải quyết đúng hạn, trước hạn 393/393 hồ sơ (100,0%), không có hồ sơ quá hạn."
    )


def test_the_source_file_of_each_period(con):
    sources = pq.period_sources(con, UNIT)
    assert list(sources["file_name"]) == [f"thong-ke-tthc-2026-{m:02d}.xlsx" for m in range(1, 11)]
    assert sources["is_demo"].all()


@pytest.mark.parametrize(
    ("start", "end", "code", "label", "before"),
    [
        (date(2026, 10, 1), date(2026, 10, 31), "2026-10", "Tháng 10/2026", "2026-09"),
        (date(2026, 7, 1), date(2026, 9, 30), "2026-Q3", "Quý III/2026", "2026-Q2"),
        (date(2026, 1, 1), date(2026, 6, 30), "2026-H1", "6 tháng đầu năm 2026", "2025-H2"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026", "Năm 2026", "2025"),
        (date(2026, 1, 1), date(2026, 1, 31), "2026-01", "Tháng 1/2026", "2025-12"),
        (
            date(2026, 9, 15),
            date(2026, 10, 14),
            "2026-09-15..2026-10-14",
            "15/09/2026–14/10/2026",
            "2026-08-16..2026-09-14",
        ),
    ],
)
def test_period_spans(start, end, code, label, before):
    assert span_code(start, end) == code
    assert span_of(code) == (start, end)
    assert span_label(code) == label
    assert previous_span(code) == before
