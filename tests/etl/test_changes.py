"""What a load changes, said before it changes; index uploads merge instead of wiping."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.history import undo
from tests.etl.loading import load
from tests.workbooks import xlsx_bytes

HEAD = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]


def plan(*tasks: list[object]) -> bytes:
    rows = [["KẾ HOẠCH CCHC NĂM 2026"], [], HEAD, ["I", "CẢI CÁCH THỂ CHẾ"], *tasks]
    return xlsx_bytes({"KH": rows})


def pci(years: dict[int, float]) -> bytes:
    head = ["Chỉ tiêu", *[f"Năm {y}" for y in years]]
    return xlsx_bytes(
        {"PCI": [["CHỈ SỐ PCI TỈNH BẮC NINH"], [], head, ["Chỉ số PCI", *years.values()]]}
    )


def totals(path: Path) -> dict[str, float]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT period, score FROM v_index_scores WHERE \"index\" = 'PCI' AND criterion = ''"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def test_a_plan_says_what_it_adds_removes_and_changes(empty_db: Path) -> None:
    first = plan(
        ["1", "Rà soát văn bản", "VP", None, "Quý II/2026"],
        ["2", "Kiểm tra", "VHXH", None, "Cả năm"],
        ["3", "Tuyên truyền", "VHXH", None, "Cả năm"],
    )
    assert load(empty_db, first, "kh.xlsx").changes.lines == [
        "Kế hoạch năm 2026 của Phường Võ Cường: kế hoạch mới, 3 nhiệm vụ."
    ]
    second = plan(
        ["1", "Rà soát văn bản", "VP", None, "Quý III/2026"],
        ["2", "Kiểm tra công tác CCHC", "KTHTDT", None, "Cả năm"],
        ["4", "Số hóa hồ sơ", "TTPVHCC", None, "Cả năm"],
    )
    check = load(empty_db, second, "kh2.xlsx", dry_run=True)
    assert check.changes.lines == [
        "Kế hoạch năm 2026 của Phường Võ Cường: 3 → 3 nhiệm vụ (thêm 1, bỏ 1, đổi nội dung 1, "
        "đổi thời hạn 1, đổi cơ quan chủ trì 1)."
    ]
    assert check.changes.removals == ["nhiệm vụ I.3 «Tuyên truyền»"]
    assert ("I.1 thời hạn", "30/06/2026", "30/09/2026") in check.changes.table
    assert ("I.2 chủ trì", "Phòng Văn hóa – Xã hội", "Phòng Kinh tế, Hạ tầng và Đô thị") in (
        check.changes.table
    )


def test_an_index_file_replaces_only_the_years_it_holds(empty_db: Path) -> None:
    full = load(empty_db, pci({2016: 60.0, 2019: 65.0, 2021: 66.0, 2024: 68.7}), "pci-all.xlsx")
    assert full.status == "loaded"
    part = load(empty_db, pci({2019: 65.3, 2021: 66.1}), "pci-2019-2021.xlsx", dry_run=True)
    assert part.replaced_upload_ids == []  # the earlier upload keeps its other years
    assert part.changes.lines == [
        "Chỉ số PCI của Phường Võ Cường: thay số liệu Năm 2019, Năm 2021; giữ nguyên 2 kỳ khác "
        "(Năm 2016–Năm 2024)."
    ]
    assert part.changes.table == [("Năm 2019", "65,00", "65,30"), ("Năm 2021", "66,00", "66,10")]
    loaded = load(empty_db, pci({2019: 65.3, 2021: 66.1}), "pci-2019-2021.xlsx")
    assert totals(empty_db) == {"2016": 60.0, "2019": 65.3, "2021": 66.1, "2024": 68.7}
    assert undo(loaded.upload_id, empty_db).ok
    assert totals(empty_db) == {"2016": 60.0, "2019": 65.0, "2021": 66.0, "2024": 68.7}
    # a file holding every year of the earlier one supersedes it as a whole
    every = load(empty_db, pci({2016: 60.1, 2019: 65.3, 2021: 66.1, 2024: 68.7}), "pci-new.xlsx")
    assert every.replaced_upload_ids == [full.upload_id]
