"""The vocabulary the importers match against, and matching report rows to plan tasks."""

from __future__ import annotations

import pytest

from cchc.vocab import (
    ALL_DEPARTMENTS,
    DEPARTMENTS,
    DepartmentList,
    match_area,
    match_department,
    match_reported_status,
    split_departments,
)
from etl.matching import Match, PlanRef, TaskMatcher

# --- Departments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Canonical names, in any case, with or without diacritics, with any dash.
        ("Phòng Văn hóa – Xã hội", "VHXH"),
        ("PHÒNG VĂN HÓA - XÃ HỘI", "VHXH"),
        ("phong van hoa—xa hoi", "VHXH"),
        ("Phòng Văn hoá - Xã hội", "VHXH"),  # old-style tone placement
        ("Văn hóa-Xã hội", "VHXH"),
        ("Văn phòng HĐND và UBND", "VP"),
        ("Van phong HDND va UBND", "VP"),
        ("Văn phòng HĐND - UBND phường", "VP"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTDT"),
        ("Phong Kinh te, Ha tang va Do thi", "KTHTDT"),
        ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
        ("Trung tâm cung ứng dịch vụ sự nghiệp công", "TTCU"),
        ("Công an phường", "CAP"),
        ("Công an phường Võ Cường", "CAP"),
        ("UBND phường", "UBND"),
        ("Chủ tịch UBND phường", "UBND"),
        # "Phòng" / "P." prefixes and abbreviations.
        ("P. VHXH", "VHXH"),
        ("P.VHXH", "VHXH"),
        ("P.VH-XH", "VHXH"),
        ("VH-XH", "VHXH"),
        ("vhxh", "VHXH"),
        ("VP HĐND-UBND", "VP"),
        ("Văn phòng", "VP"),
        ("Phòng KT, HT và ĐT", "KTHTDT"),
        ("KT-HT-ĐT", "KTHTDT"),
        ("Phòng KTHT&ĐT", "KTHTDT"),
        ("TT PVHCC", "TTPVHCC"),
        ("Trung tâm Phục vụ HCC", "TTPVHCC"),
        ("Bộ phận một cửa", "TTPVHCC"),
        ("TT Cung ứng DVSNC", "TTCU"),
        ("CA phường", "CAP"),
        # Line breaks inside a name.
        ("Phòng Văn hóa –\nXã hội", "VHXH"),
    ],
)
def test_department_aliases(text: str, code: str) -> None:
    assert match_department(text) == code


@pytest.mark.parametrize(
    "text",
    ["Các phòng, đơn vị", "các cơ quan, đơn vị liên quan", "CÁC PHÒNG CHUYÊN MÔN", "Cac don vi"],
)
def test_all_departments_phrases(text: str) -> None:
    assert match_department(text) == ALL_DEPARTMENTS


@pytest.mark.parametrize("text", ["Phòng Tài chính", "Phòng Nội vụ", "Sở Nội vụ", "", None, "   "])
def test_unknown_department(text: object) -> None:
    assert match_department(text) is None


def test_every_canonical_name_matches_its_code() -> None:
    for code, name in DEPARTMENTS.items():
        assert match_department(name) == code
        assert match_department(code) == code


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        # The comma and "và" inside KTHTDT's name must not split it.
        ("Phòng Kinh tế, Hạ tầng và Đô thị; Công an phường", ["KTHTDT", "CAP"], []),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", ["KTHTDT"], []),
        ("Phòng KT, HT và ĐT, Công an phường", ["KTHTDT", "CAP"], []),
        ("Văn phòng HĐND và UBND; Phòng Kinh tế, Hạ tầng và Đô thị", ["VP", "KTHTDT"], []),
        ("Văn phòng HĐND và UBND và Phòng Kinh tế, Hạ tầng và Đô thị", ["VP", "KTHTDT"], []),
        ("Phòng Văn hóa – Xã hội\nCông an phường", ["VHXH", "CAP"], []),
        ("VHXH và VP", ["VHXH", "VP"], []),
        ("VP, KTHTDT, CAP", ["VP", "KTHTDT", "CAP"], []),
        ("TTPVHCC/CAP", ["TTPVHCC", "CAP"], []),
        ("VHXH - VP", ["VHXH", "VP"], []),
        (
            "Trung tâm Phục vụ hành chính công và Trung tâm Cung ứng dịch vụ sự nghiệp công",
            ["TTPVHCC", "TTCU"],
            [],
        ),
        ("VHXH; VHXH", ["VHXH"], []),  # said twice, kept once
        ("Các phòng, đơn vị", [ALL_DEPARTMENTS], []),
        ("Phòng Văn hóa – Xã hội; các phòng, đơn vị liên quan", ["VHXH", ALL_DEPARTMENTS], []),
        ("VHXH, Phòng Tài chính", ["VHXH"], ["Phòng Tài chính"]),
        ("Phòng Tài chính; Phòng Nội vụ", [], ["Phòng Tài chính", "Phòng Nội vụ"]),
        ("", [], []),
        (None, [], []),
    ],
)
def test_split_departments(text: object, codes: list[str], unknown: list[str]) -> None:
    assert split_departments(text) == DepartmentList(tuple(codes), tuple(unknown))


# --- Areas --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "direction"),
        ("Cong tac chi dao, dieu hanh", "direction"),
        ("CẢI CÁCH THỂ CHẾ", "institutions"),
        ("I. Cải cách thể chế", "institutions"),
        ("Cai cach the che", "institutions"),
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "procedures"),
        ("CAI CACH THU TUC HANH CHINH", "procedures"),
        ("Cải cách TTHC", "procedures"),
        ("Cải cách tổ chức bộ máy hành chính nhà nước", "apparatus"),
        ("CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "civil_service"),
        ("Cai cach che do cong vu", "civil_service"),
        ("Cải cách tài chính công", "public_finance"),
        ("CHUYỂN ĐỔI SỐ (CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ)", "digital"),
        ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "digital"),
        ("Chuyen doi so", "digital"),
        ("Tác động của CCHC", "impact"),
        ("digital", "digital"),
        ("civil_service", "civil_service"),
    ],
)
def test_match_area(text: str, area: str) -> None:
    assert match_area(text) == area


@pytest.mark.parametrize("text", ["Công tác thi đua khen thưởng", "Tuyên truyền", "", None])
def test_match_area_unknown(text: object) -> None:
    assert match_area(text) is None


# --- Reported statuses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Đã hoàn thành", "done"),
        ("HOÀN THÀNH", "done"),
        ("Hoàn  thành", "done"),
        ("hoan thanh", "done"),
        ("Hoàn thành.", "done"),
        ("HT", "done"),
        (" ht ", "done"),
        ("Đã xong", "done"),
        ("Đang thực hiện", "in_progress"),
        ("đang  triển khai", "in_progress"),
        ("Dang thuc hien", "in_progress"),
        ("  ĐANG   thực HIỆN ", "in_progress"),
        ("Chưa thực hiện", "not_started"),
        ("chua trien khai", "not_started"),
        ("CHƯA TRIỂN KHAI", "not_started"),
    ],
)
def test_match_reported_status(text: str, status: str) -> None:
    assert match_reported_status(text) == status


@pytest.mark.parametrize("text", ["Tạm dừng", "Không thực hiện", "Đã thực hiện", "x", "", None])
def test_match_reported_status_unknown(text: object) -> None:
    assert match_reported_status(text) is None


def test_partly_done_is_not_done() -> None:
    assert match_reported_status("Hoàn thành một phần") != "done"


# --- TaskMatcher --------------------------------------------------------------------------------

PLAN = [
    PlanRef("I.1", "Ban hành Kế hoạch cải cách hành chính năm 2026"),
    PlanRef("I.2", "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị"),
    PlanRef("I.3", "Tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử phường"),
    PlanRef("II.1", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành"),
    PlanRef("II.2", "Rà soát, sửa đổi, bổ sung Quy chế làm việc của UBND phường"),
    PlanRef("III.1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    PlanRef("III.2", "Niêm yết công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công"),
]


@pytest.fixture(scope="module")
def matcher() -> TaskMatcher:
    return TaskMatcher(PLAN)


@pytest.mark.parametrize(
    ("title", "number", "section", "code", "how"),
    [
        # Same title, renumbered 1, 2, 3… in the report: the title decides.
        ("Ban hành Kế hoạch cải cách hành chính năm 2026", "7", None, "I.1", "exact"),
        # Case, diacritics, punctuation and abbreviations do not matter.
        ("ban hanh ke hoach cai cach hanh chinh nam 2026", "1", None, "I.1", "exact"),
        ("Ban hành Kế hoạch CCHC năm 2026", "", None, "I.1", "exact"),
        ("Kiểm tra công tác CCHC tại các phòng đơn vị", "5", None, "I.2", "exact"),
        # Reworded titles.
        ("Ban hành kế hoạch CCHC", "3", None, "I.1", "title"),
        ("Niêm yết công khai TTHC", "", None, "III.2", "title"),
        ("Tuyên truyền CCHC", "", None, "I.3", "title"),
    ],
)
def test_match_found(
    matcher: TaskMatcher, title: str, number: str, section: str | None, code: str, how: str
) -> None:
    got = matcher.match(title, number, section)
    assert (got.code, got.how) == (code, how)
    assert got.closest == ()


@pytest.mark.parametrize(("number", "section"), [("II.1", None), ("1", "II"), ("2", None)])
def test_title_decides_when_number_disagrees(
    matcher: TaskMatcher, number: str, section: str | None
) -> None:
    # The number points at II.1 (or nothing), the title clearly at II.2.
    got = matcher.match("Rà soát, sửa đổi Quy chế làm việc của UBND phường", number, section)
    assert got.code == "II.2"
    assert got.how == "title"
    assert got.score >= 0.8


def test_number_confirms_a_weakly_similar_title(matcher: TaskMatcher) -> None:
    got = matcher.match("Tuyên truyền CCHC", "I.3")
    assert (got.code, got.how) == ("I.3", "number")


def test_number_alone_does_not_match_an_unrelated_title(matcher: TaskMatcher) -> None:
    got = matcher.match("Số hóa hồ sơ", "III.1")
    assert got.code is None
    assert got.how == "none"


def test_no_match_names_the_closest_tasks(matcher: TaskMatcher) -> None:
    got = matcher.match("Tổ chức hội nghị tổng kết công tác cải cách hành chính")
    assert got.code is None
    assert got.how == "none"
    assert 1 <= len(got.closest) <= 3
    codes = [c for c, _, _ in got.closest]
    scores = [s for _, _, s in got.closest]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s < 0.8 for s in scores)
    assert {c for c, _, _ in got.closest} <= {t.code for t in PLAN}
    # The titles are the plan's titles, as written.
    titles = {t.code: t.title for t in PLAN}
    assert all(t == titles[c] for c, t, _ in got.closest)
    assert len(set(codes)) == len(codes)


def test_empty_plan_matches_nothing() -> None:
    assert TaskMatcher([]).match("Ban hành kế hoạch", "1") == Match(None, 0.0, "none", ())


def test_duplicate_titles_are_told_apart_by_the_number() -> None:
    plan = [
        PlanRef("II.1", "Tự kiểm tra công tác cải cách hành chính"),
        PlanRef("III.1", "Tự kiểm tra công tác cải cách hành chính"),
    ]
    m = TaskMatcher(plan)
    assert m.match("Tự kiểm tra công tác CCHC", "1", "II").code == "II.1"
    assert m.match("Tự kiểm tra công tác CCHC", "III.1").code == "III.1"


def test_duplicate_titles_without_number_are_ambiguous() -> None:
    plan = [
        PlanRef("II.1", "Tự kiểm tra công tác cải cách hành chính"),
        PlanRef("III.1", "Tự kiểm tra công tác cải cách hành chính"),
    ]
    got = TaskMatcher(plan).match("Tự kiểm tra công tác CCHC", "2")
    assert got.code is None
    assert {c for c, _, _ in got.closest} == {"II.1", "III.1"}


@pytest.mark.parametrize("text", ["VP, UBND phường", "VP; UBND", "P. VP\nUBND phường"])
def test_vp_then_ubnd_is_two_departments(text: str) -> None:
    assert split_departments(text) == DepartmentList(("VP", "UBND"), ())
