"""A committed load with a warning is shown apart from a clean one (#16, finding 1)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(warnings: list[str]) -> AppTest:
    def script(warnings: list[str]) -> None:
        from cchc import upload_view

        upload_view.loaded("bc.xlsx: đã nạp Báo cáo tiến độ — 1 nhiệm vụ.", warnings)

    return AppTest.from_function(script, kwargs={"warnings": warnings}).run()


def test_a_clean_load_is_a_success() -> None:
    at = _page([])
    assert [s.value for s in at.success] == ["bc.xlsx: đã nạp Báo cáo tiến độ — 1 nhiệm vụ."]
    assert not at.warning


def test_a_load_with_a_warning_says_so_and_what_to_do() -> None:
    at = _page(["Dữ liệu đã được ghi, nhưng bước ghi xuống đĩa (checkpoint) … không thành công."])
    assert not at.success
    [box] = at.warning
    assert box.value.startswith("**Đã nạp, kèm cảnh báo.** bc.xlsx: đã nạp Báo cáo tiến độ")
    assert box.value.endswith("không thành công.")
