"""The index importers: PAR INDEX criteria trees, and SIPAS / PCI / DDCI / 766 series, long and
wide, with exact problem triples for broken trees."""

from pathlib import Path

import duckdb

from tests.etl.loading import load, triples
from tests.workbooks import xlsx_bytes

PAR_HEADER = [
    "STT",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Tài liệu kiểm chứng",
]
TITLE = [
    ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM 2025"],
    ["Đơn vị: Phường Võ Cường"],
    [],
]


def par(rows, sheet="2025"):
    return xlsx_bytes({sheet: [*TITLE, PAR_HEADER, *rows]})


GOOD_TREE = [
    ["1", "Công tác chỉ đạo, điều hành CCHC", 10, 9, 8.5],
    ["1.1", "Kế hoạch CCHC", 4, 4, 4, "Kế hoạch số 12/KH-UBND"],
    ["1.2", "Kiểm tra CCHC", 6, 5, 4.5],
    ["2", "Cải cách thủ tục hành chính", 90, 80, 76],
    ["", "TỔNG ĐIỂM", 100, 89, 84.5],
]


def scores(path: Path, index: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT year, period, criterion, name, max_score, score, rank FROM v_index_scores "
            'WHERE "index" = ? ORDER BY year, period, criterion',
            [index],
        ).fetchall()
    finally:
        con.close()


def test_par_tree_loads_with_appraised_scores(empty_db: Path):
    result = load(empty_db, par(GOOD_TREE), "par.xlsx")
    assert (result.status, result.kind, result.rows) == ("loaded", "par", 5)
    got = scores(empty_db, "PAR")
    assert got[0] == (2025, "2025", "", "TỔNG ĐIỂM", 100.0, 84.5, None)
    assert (2025, "2025", "1.2", "Kiểm tra CCHC", 6.0, 4.5, None) in got


def test_par_tree_problems_are_reported_with_their_cells(empty_db: Path):
    broken = [
        ["1", "Công tác chỉ đạo, điều hành CCHC", 10, 9, 8.5],
        ["1.1", "Kế hoạch CCHC", 4, 4, 4.5],  # appraised over the maximum
        ["1.2", "Kiểm tra CCHC", 5, 5, 4],  # maxima 4 + 5 = 9, not 10
        ["2", "Cải cách thủ tục hành chính", 90, 80, 76],
        ["", "TỔNG ĐIỂM", 100, 89, 80],  # 8.5 + 76 = 84.5, not 80
    ]
    result = load(empty_db, par(broken), "par.xlsx")
    assert result.status == "rejected"
    assert triples(result) == [
        ("2025", 6, "E", "Điểm 4,5 vượt điểm tối đa 4"),
        ("2025", 5, "C", "Tổng điểm tối đa của 1 là 10 nhưng cộng các tiêu chí con được 9"),
        (
            "2025",
            9,
            "E",
            "Tổng điểm thẩm định của tổng là 80 nhưng cộng các tiêu chí con được 84,5",
        ),
    ]
    assert scores(empty_db, "PAR") == []


def test_sipas_long_with_province_average(empty_db: Path):
    header = ["Năm", "Chỉ số", "Tỷ lệ hài lòng (%)", "Đối tượng"]
    rows = [
        [2024, "Chỉ số SIPAS", 91.2, "Phường Võ Cường"],
        [2024, "Tiếp cận dịch vụ", 92.0, "Phường Võ Cường"],
        [2024, "Chỉ số SIPAS", 88.0, "Trung bình tỉnh"],
        [2025, "Chỉ số SIPAS", 93.5, "Phường Võ Cường"],
        [2025, "Tiếp cận dịch vụ", 94.1, "Phường Võ Cường"],
    ]
    data = xlsx_bytes(
        {
            "SIPAS": [
                ["KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG (SIPAS)"],
                ["Phường Võ Cường"],
                [],
                header,
                *rows,
            ]
        }
    )
    result = load(empty_db, data, "sipas.xlsx")
    assert (result.status, result.kind) == ("loaded", "sipas"), [str(p) for p in result.problems]
    got = scores(empty_db, "SIPAS")  # the view shows the ward's own series only
    assert [(y, c, n, s) for y, _, c, n, _, s, _ in got] == [
        (2024, "", "Chỉ số SIPAS", 91.2),
        (2024, "1", "Tiếp cận dịch vụ", 92.0),
        (2025, "", "Chỉ số SIPAS", 93.5),
        (2025, "1", "Tiếp cận dịch vụ", 94.1),
    ]


def test_pci_wide_with_rank_row(empty_db: Path):
    header = ["Chỉ số", "2019", "2020", "2021"]
    rows = [
        ["PCI (điểm tổng)", 70.79, 66.74, 69.45],
        ["Xếp hạng", 4, 10, 7],
        ["Gia nhập thị trường", 6.88, 6.9, 6.53],
    ]
    data = xlsx_bytes(
        {"PCI": [["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH (PCI) — BẮC NINH"], [], [], header, *rows]}
    )
    result = load(empty_db, data, "pci.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    got = scores(empty_db, "PCI")
    assert (2019, "2019", "", "PCI (điểm tổng)", None, 70.79, 4) in got
    assert (2021, "2021", "1", "Gia nhập thị trường", None, 6.53, None) in got
    assert len(got) == 6


def test_766_monthly_with_maxima_and_a_score_over_the_maximum(empty_db: Path):
    header = ["Kỳ", "Nhóm chỉ số", "Điểm tối đa", "Điểm"]
    rows = [
        ["Tháng 9/2026", "Công khai, minh bạch", 18, 16.5],
        ["Tháng 9/2026", "Số hóa hồ sơ", 22, 23],
    ]
    data = xlsx_bytes({"766": [["BỘ CHỈ SỐ 766 — PHƯỜNG VÕ CƯỜNG"], [], [], header, *rows]})
    result = load(empty_db, data, "766.xlsx")
    assert triples(result) == [("766", 6, "D", "Điểm 23 vượt điểm tối đa 22")]
    rows[1][3] = 20.5
    data = xlsx_bytes({"766": [["BỘ CHỈ SỐ 766 — PHƯỜNG VÕ CƯỜNG"], [], [], header, *rows]})
    result = load(empty_db, data, "766.xlsx")
    assert result.status == "loaded"
    assert [(p, c, m, s) for _, p, c, _, m, s, _ in scores(empty_db, "766")] == [
        ("2026-09", "1", 18.0, 16.5),
        ("2026-09", "2", 22.0, 20.5),
    ]


def test_766_by_week_and_quarter(empty_db: Path):
    header = ["Kỳ", "Nhóm chỉ số", "Điểm tối đa", "Điểm"]
    rows = [
        ["Tuần 48/2026", "Tổng điểm", 100, 91.2],
        ["Tuần 49/2026", "Tổng điểm", 100, 92.8],
        ["Quý III/2026", "Tổng điểm", 100, 90.1],
    ]
    data = xlsx_bytes({"766": [["BỘ CHỈ SỐ 766"], [], [], header, *rows]})
    result = load(empty_db, data, "766.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert [p for _, p, *_ in scores(empty_db, "766")] == ["2026-Q3", "2026-W48", "2026-W49"]
    bad = xlsx_bytes(
        {"766": [["BỘ CHỈ SỐ 766"], [], [], header, ["Tuần 60/2026", "Tổng điểm", 100, 90]]}
    )
    assert triples(load(empty_db, bad, "766-bad.xlsx")) == [("766", 5, "A", "Kỳ không đúng dạng")]


def test_par_numbered_with_roman_areas_and_lettered_sub_criteria(empty_db: Path):
    tree = [
        ["I", "Công tác chỉ đạo, điều hành CCHC", 10, 9, 8.5],
        ["1", "Kế hoạch CCHC", 4, 4, 4],
        ["a)", "Ban hành kế hoạch", 2, 2, 2],
        ["b)", "Thực hiện kế hoạch", 2, 2, 2],
        ["2", "Kiểm tra CCHC", 6, 5, 4.5],
        ["II", "Cải cách thủ tục hành chính", 90, 80, 76],
        ["", "TỔNG ĐIỂM", 100, 89, 84.5],
    ]
    result = load(empty_db, par(tree), "par.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    codes = [c for _, _, c, *_ in scores(empty_db, "PAR")]
    assert codes == ["", "1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]


def test_par_with_several_years_in_one_sheet(empty_db: Path):
    header = ["Năm", *PAR_HEADER]
    rows = (
        [[2024, *r] for r in GOOD_TREE]
        + [[2025, *r] for r in GOOD_TREE[:-1]]
        + [[2025, "", "TỔNG ĐIỂM", 100, 89, 80]]
    )  # 2025's written total is wrong
    data = xlsx_bytes(
        {"Tổng hợp": [["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) 2024–2025"], [], [], header, *rows]}
    )
    result = load(empty_db, data, "par-2-nam.xlsx")
    assert triples(result) == [
        (
            "Tổng hợp",
            14,
            "F",
            "Tổng điểm thẩm định của tổng là 80 nhưng cộng các tiêu chí con được 84,5",
        )
    ]
    rows[-1][-1] = 84.5
    data = xlsx_bytes(
        {"Tổng hợp": [["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) 2024–2025"], [], [], header, *rows]}
    )
    assert load(empty_db, data, "par-2-nam.xlsx").status == "loaded"
    totals = [(y, s) for y, _, c, _, _, s, _ in scores(empty_db, "PAR") if c == ""]
    assert totals == [(2024, 84.5), (2025, 84.5)]


def test_sipas_percents_written_as_fractions_are_percents(empty_db: Path):
    rows = [
        ["KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG (SIPAS)"],
        ["Đơn vị: Phường Võ Cường"],
        [],
        ["STT", "Yếu tố", "Năm 2024", "Năm 2025"],
        ["1", "Tiếp cận dịch vụ", 0.841, "86,95%"],  # a percent-formatted cell, and text
        ["2", "Thủ tục hành chính", 0.8372, 85.4],
        ["", "Chỉ số hài lòng chung", 0.8435, 0.8642],
        ["", "Nhóm", "Tốt", "Rất tốt"],  # a label row: skipped and said so
    ]
    result = load(empty_db, xlsx_bytes({"SIPAS": rows}), "sipas.xlsx")
    assert (result.status, result.kind) == ("loaded", "sipas"), [str(p) for p in result.problems]
    assert result.notes == [
        "sheet 'SIPAS', dòng 8: bỏ qua «Nhóm» vì không phải điểm số (Tốt, Rất tốt…)"
    ]
    got = {(y, c): s for y, _, c, _, _, s, _ in scores(empty_db, "SIPAS")}
    assert got == {
        (2024, "1"): 84.1,
        (2024, "2"): 83.72,
        (2024, ""): 84.35,
        (2025, "1"): 86.95,
        (2025, "2"): 85.4,
        (2025, ""): 86.42,
    }


def test_periods_as_bare_numbers_under_a_month_or_week_header(empty_db: Path):
    rows = [
        ["BỘ CHỈ SỐ 766 — KẾT QUẢ CỦA PHƯỜNG VÕ CƯỜNG NĂM 2026"],
        [],
        ["Tháng", "Nhóm chỉ số", "Điểm tối đa", "Điểm đạt"],
        [1, "Tổng điểm", 100, 88.2],
        [2, "Tổng điểm", 100, 89.6],
    ]
    result = load(empty_db, xlsx_bytes({"766": rows}), "766.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert [p for _, p, *_ in scores(empty_db, "766")] == ["2026-01", "2026-02"]


def test_a_wide_table_with_a_column_per_month(empty_db: Path):
    rows = [
        ["KẾT QUẢ BỘ CHỈ SỐ 766 CÁC THÁNG NĂM 2026 — PHƯỜNG VÕ CƯỜNG"],
        [],
        ["TT", "Nhóm chỉ số", "T1", "Tháng 2", "Tháng 3/2026"],
        ["1", "Công khai, minh bạch", 15.8, 16.1, 16.4],
        ["", "Tổng điểm", 88.2, 89.6, 90.1],
    ]
    result = load(empty_db, xlsx_bytes({"766": rows}), "766-thang.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    got = [(p, c, s) for _, p, c, _, _, s, _ in scores(empty_db, "766")]
    assert got == [
        ("2026-01", "", 88.2),
        ("2026-01", "1", 15.8),
        ("2026-02", "", 89.6),
        ("2026-02", "1", 16.1),
        ("2026-03", "", 90.1),
        ("2026-03", "1", 16.4),
    ]


def test_month_columns_without_any_year_are_a_problem_at_the_header(empty_db: Path):
    rows = [["BỘ CHỈ SỐ 766"], [], ["TT", "Nhóm chỉ số", "T1", "T2"], ["", "Tổng điểm", 88.2, 89.6]]
    result = load(empty_db, xlsx_bytes({"766": rows}), "766.xlsx")
    assert triples(result) == [
        ("766", 3, "C", "Không xác định được năm của cột kỳ này"),
        ("766", 3, "D", "Không xác định được năm của cột kỳ này"),
    ]


def test_criteria_numbered_inside_their_names(empty_db: Path):
    rows = [
        ["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 — PHƯỜNG VÕ CƯỜNG"],
        [],
        ["Lĩnh vực, tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
        ["1. Công tác chỉ đạo, điều hành", 10, 9, 8.5],
        ["1.1. Kế hoạch CCHC", 4, 4, 4],
        ["1.2. Kiểm tra CCHC", 6, 5, 4.5],
        ["2. Cải cách thủ tục hành chính", 90, 80, 76],
        ["TỔNG ĐIỂM", 100, 89, 84.5],
    ]
    result = load(empty_db, xlsx_bytes({"PAR": rows}), "par.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    got = [(c, n, s) for _, _, c, n, _, s, _ in scores(empty_db, "PAR")]
    assert got == [
        ("", "TỔNG ĐIỂM", 84.5),
        ("1", "Công tác chỉ đạo, điều hành", 8.5),
        ("1.1", "Kế hoạch CCHC", 4.0),
        ("1.2", "Kiểm tra CCHC", 4.5),
        ("2", "Cải cách thủ tục hành chính", 76.0),
    ]


def test_two_columns_for_one_year_are_a_problem_naming_both(empty_db: Path):
    rows = [["CHỈ SỐ PCI"], ["Chỉ tiêu", "2021", "2021"], ["Chỉ số PCI", 60, 61]]
    result = load(empty_db, xlsx_bytes({"PCI": rows}), "pci.xlsx")
    assert triples(result) == [
        ("PCI", 2, "C", "Hai cột cùng có thể là cột 'Năm 2021': cột B «2021» và cột C «2021»")
    ]


def test_a_year_cell_that_is_no_year_is_a_problem(empty_db: Path):
    head = ["Năm", "STT", "Tiêu chí", "Điểm tối đa", "Điểm thẩm định"]
    rows = [["PAR INDEX"], head, [2025, "1", "A", 10, 8], ["năm ngoái", "1", "A", 10, 7]]
    result = load(empty_db, xlsx_bytes({"PAR": rows}), "par.xlsx")
    assert triples(result) == [("PAR", 4, "A", "Năm không đúng dạng")]
