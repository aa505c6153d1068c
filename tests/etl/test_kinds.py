"""Which kind a file is: the index a title names, and the shape of its table."""

from __future__ import annotations

import pytest

from etl.kinds import kind_in_title


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("BỘ CHỈ SỐ 766 - KẾT QUẢ ĐÁNH GIÁ ... MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN", "766"),
        ("CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP XÃ, PHƯỜNG (DDCI) NĂM 2025", "ddci"),
        ("Chỉ số năng lực cạnh tranh cấp xã năm 2025", "ddci"),
        ("CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH (PCI) BẮC NINH", "pci"),
        ("KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC", "sipas"),
        ("Chi so hai long SIPAS 2025", "sipas"),
        ("KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025", "par"),
        ("PAR INDEX 2025", "par"),
        ("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", None),
    ],
)
def test_kind_named_in_a_title(title: str, kind: str | None) -> None:
    assert kind_in_title(title) == kind
