"""The one table reader: the header row, and each column's role settled by its header words and
its values together, with the evidence kept."""

from __future__ import annotations

from etl.kinds import layout_for
from etl.table import find_table, header_roles
from etl.workbook import Sheet

NARRATIVE = "Đã ban hành kế hoạch và triển khai đến các phòng, đơn vị trong tháng 1"


def sheet(rows, merged=(), hidden=frozenset()) -> Sheet:
    return Sheet("S", [list(r) for r in rows], list(merged), frozenset(hidden))


def test_header_words_name_roles_in_any_spelling() -> None:
    assert header_roles("Cơ quan chủ trì")["lead"] == 1.0
    assert header_roles("Co quan chu tri")["lead"] == 1.0
    assert header_roles("Năm 2021") == {"yr:2021": 1.0}
    assert header_roles("2021") == {"yr:2021": 1.0}
    assert set(header_roles("Kết quả thực hiện")) >= {"status", "result"}


def test_narrative_results_column_beside_the_status_column() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Kết quả thực hiện", "Tình trạng"],
        ["1", "A", NARRATIVE, "Đã hoàn thành"],
        [
            "2",
            "B",
            "Đang lấy ý kiến các phòng về dự thảo, dự kiến trình tháng 12",
            "Đang thực hiện",
        ],
        ["3", "C", "Chưa triển khai do chờ hướng dẫn của tỉnh về quy trình mới", "Chưa thực hiện"],
    ]
    table = find_table(sheet(rows), layout_for("progress"))
    assert table is not None
    assert (table.columns["status"], table.columns["result"]) == (3, 2)
    status = next(c for c in table.choices if c.role == "status")
    assert (status.letter, status.header, status.parsed_share) == ("D", "Tình trạng", 1.0)


def test_results_column_holding_statuses_is_the_status_column() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Kết quả thực hiện"],
        ["1", "A", "Hoàn thành"],
        ["2", "B", "Đang thực hiện"],
        ["3", "C", "Chua thuc hien"],
    ]
    table = find_table(sheet(rows), layout_for("progress"))
    assert table is not None and table.columns["status"] == 2


def test_a_column_hinting_at_status_but_holding_deadlines_is_the_deadline() -> None:
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Tiến độ thực hiện"],
        ["1", "A", "VHXH", "Quý II/2026"],
        ["2", "B", "VP", "Tháng 6/2026"],
        ["3", "C", "VP", "Thường xuyên"],
    ]
    progress = find_table(sheet(rows), layout_for("progress"))
    assert progress is None  # no status or percent column: not a report
    plan = find_table(sheet(rows), layout_for("plan"))
    assert plan is not None and plan.columns["deadline"] == 3


def test_two_row_header_under_a_merged_cell() -> None:
    rows = [
        ["STT", "Tiêu chí", "Điểm", None, None],
        [None, None, "Tối đa", "Tự đánh giá", "Thẩm định"],
        ["1", "Chỉ đạo", 10, 9, 8.5],
    ]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 4))]
    table = find_table(sheet(rows, merged), layout_for("par"))
    assert table is not None
    assert table.header_rows == (0, 1)
    assert {r: table.columns[r] for r in ("max", "self", "appraised")} == {
        "max": 2,
        "self": 3,
        "appraised": 4,
    }


def test_a_banner_merged_across_the_table_is_no_header() -> None:
    note = "- Các phòng, đơn vị báo cáo kết quả thực hiện nhiệm vụ, tình trạng, tỷ lệ"
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn"],
        ["1", "A", "VHXH", "Quý II/2026"],
        [note, None, None, None],
    ]
    merged = [((2, 0), (2, 3))]
    assert find_table(sheet(rows, merged), layout_for("progress")) is None
    assert find_table(sheet(rows, merged), layout_for("plan")).header_rows == (0,)


def test_a_cell_merged_down_the_column_holds_for_each_row() -> None:
    rows = [
        ["STT", "Nội dung", "Chủ trì"],
        ["1", "A", "VHXH"],
        ["2", "B", None],
        ["3", "C", None],
    ]
    table = find_table(sheet(rows, [((1, 2), (3, 2))]), layout_for("plan"))
    assert [table.value(r, "lead") for r in table.data_rows()] == ["VHXH"] * 3


def test_two_equally_good_columns_are_a_problem_naming_both() -> None:
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Đơn vị chủ trì"],
        ["1", "A", "VHXH", "VP"],
    ]
    table = find_table(sheet(rows), layout_for("plan"))
    assert len(table.problems) == 1
    message = table.problems[0].message
    assert "cột C «Chủ trì»" in message and "cột D «Đơn vị chủ trì»" in message


def test_a_visible_column_wins_over_a_hidden_one_without_a_problem() -> None:
    rows = [
        ["STT", "Nội dung", "Chủ trì (cũ)", "Chủ trì"],
        ["1", "A", "VP", "VHXH"],
    ]
    table = find_table(sheet(rows, hidden={2}), layout_for("plan"))
    assert (table.columns["lead"], table.problems) == (3, [])


def test_wide_year_columns_and_the_explanation() -> None:
    rows = [
        ["TT", "Yếu tố", "Năm 2021", 2022.0],
        ["1", "Tiếp cận dịch vụ", "80,1%", "82,5%"],
    ]
    table = find_table(sheet(rows), layout_for("sipas"))
    assert table.year_columns() == {2021: 2, 2022: 3}
    assert table.explain()[0] == "sheet 'S', dòng tiêu đề 1:"
    assert "Tên tiêu chí, chỉ số ← cột B «Yếu tố»" in table.explain()[2]
    assert "Năm 2021 ← cột C «Năm 2021»" in table.explain()[3]


def test_summary_line_under_a_task_table_ends_it() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Tình trạng"],
        ["1", "Tổng kết công tác CCHC năm 2025", "Hoàn thành"],
        [None, "Tổng số: 12 nhiệm vụ, đã hoàn thành 7", None],
        ["2", "B", "Đang thực hiện"],
    ]
    table = find_table(sheet(rows), layout_for("progress"))
    assert list(table.data_rows()) == [1]  # 'Tổng kết…' is a task; 'Tổng số: 12…' is not
