"""PAR INDEX criteria of a plan year, the links between plan tasks and criteria, and the
evidence (tài liệu kiểm chứng) each criterion needs: the write side of issue #17.

- **Criteria of the year** come from the PAR INDEX tree the unit has loaded (`index_scores`:
  area -> criterion -> sub-criterion with the maximum points), the latest year up to the plan
  year (the appraisal of a year uses the method of the year before until a new file is loaded);
  with no PAR file, from `DEFAULT_CRITERIA` (see its note on sources).
- **Links**: every leaf task may serve leaf criteria. `propose` scores each (task, criterion)
  pair by the words of the task's title against the criterion's name and its parents' names,
  with the task's area against the criterion's area; the best ones are stored as `proposed`
  until someone accepts, rejects or changes them (`decide`, `add_link`), or a sheet does.
- **Evidence**: per leaf criterion, the documents its wording calls for (`expected_documents`)
  and the unit's own items, each present or missing, with a link or a file archived by hash
  beside the uploads (`<archive>/evidence/ab/<sha256>.<ext>`).

Every write goes through `_audit`: a row of the accounts' audit trail (etl/audit.py) in the
write's own transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from cchc import db
from cchc.text import expand_abbreviations, fold
from cchc.vocab import match_area
from etl import archive, audit, journal
from etl.errors import Problem, Rejected

Con = duckdb.DuckDBPyConnection

SOURCE_FILE = "par_file"
SOURCE_DEFAULT = "default"
STATES = ("proposed", "accepted", "rejected")
MIN_SCORE = 0.34  # a proposal below this is not worth a reader's time (bench/criteria_links.py)
PER_TASK = 2  # at most this many proposals per task
RUNNER_UP = 0.9  # a second proposal scores at least this share of the best one

# The default criteria (code, name, maximum points). Sources, in the reference's tags:
# areas = the 8 evaluation contents of Hà Nội QĐ 5666/QĐ-UBND (17/11/2025) for UBND xã/phường
# [S]; each area's maximum = the provincial split of 2948/QĐ-BNV (2017), the last one published
# (10 / 10 / 14.5 / 11 / 16 / 7 / 16 / 15.5 = 100) [S] applied to a ward [I]; the criteria under
# each area and their points are inferred from common practice [I] — a unit replaces them by
# loading its PAR INDEX file.
DEFAULT_CRITERIA: list[tuple[str, str, float]] = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 10.0),
    ("1.1", "Ban hành Kế hoạch cải cách hành chính năm kịp thời", 2.0),
    ("1.2", "Mức độ thực hiện Kế hoạch cải cách hành chính năm", 3.0),
    ("1.3", "Thực hiện chế độ báo cáo cải cách hành chính định kỳ", 1.5),
    ("1.4", "Kiểm tra công tác cải cách hành chính", 2.0),
    ("1.5", "Tuyên truyền cải cách hành chính", 1.5),
    ("2", "Cải cách thể chế", 10.0),
    ("2.1", "Xây dựng, ban hành văn bản quy phạm pháp luật", 3.0),
    ("2.2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", 3.0),
    ("2.3", "Tự kiểm tra văn bản quy phạm pháp luật", 2.0),
    ("2.4", "Tổ chức thi hành pháp luật, phổ biến, giáo dục pháp luật", 2.0),
    ("3", "Cải cách thủ tục hành chính và cơ chế một cửa, một cửa liên thông", 14.5),
    ("3.1", "Kiểm soát, rà soát, đơn giản hóa thủ tục hành chính", 3.0),
    ("3.2", "Công khai thủ tục hành chính", 3.0),
    ("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông; giải quyết hồ sơ đúng hạn", 5.0),
    ("3.4", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", 3.5),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", 11.0),
    ("4.1", "Sắp xếp, kiện toàn tổ chức bộ máy", 5.0),
    ("4.2", "Quản lý, sử dụng biên chế được giao", 3.0),
    ("4.3", "Thực hiện phân cấp, ủy quyền", 3.0),
    ("5", "Cải cách chế độ công vụ", 16.0),
    ("5.1", "Vị trí việc làm và cơ cấu ngạch công chức", 4.0),
    ("5.2", "Đánh giá, xếp loại cán bộ, công chức", 4.0),
    ("5.3", "Đào tạo, bồi dưỡng cán bộ, công chức", 4.0),
    ("5.4", "Chấp hành kỷ luật, kỷ cương hành chính", 4.0),
    ("6", "Cải cách tài chính công", 7.0),
    ("6.1", "Quản lý, sử dụng và công khai ngân sách", 3.0),
    ("6.2", "Quản lý, sử dụng tài sản công", 2.0),
    ("6.3", "Thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập", 2.0),
    ("7", "Xây dựng, phát triển chính quyền điện tử, chính quyền số", 16.0),
    ("7.1", "Kế hoạch chuyển đổi số; hạ tầng, an toàn thông tin", 4.0),
    ("7.2", "Xử lý văn bản, hồ sơ công việc trên môi trường mạng; chữ ký số", 4.0),
    ("7.3", "Cung cấp dịch vụ công trực tuyến, thanh toán trực tuyến", 5.0),
    ("7.4", "Số hóa hồ sơ; kết nối, chia sẻ dữ liệu", 3.0),
    ("8", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển KT-XH", 15.5),
    ("8.1", "Mức độ hài lòng của người dân, tổ chức", 8.0),
    ("8.2", "Tác động đến phát triển kinh tế – xã hội", 7.5),
]

# The documents a criterion's wording calls for: folded key words -> the document. A criterion
# gets every document whose key word its name holds, else the general one.
_DOCUMENTS: list[tuple[tuple[str, ...], str]] = [
    (("ke hoach",), "Kế hoạch đã ban hành (số, ngày ký)"),
    (("bao cao",), "Các báo cáo định kỳ đã gửi (quý, 6 tháng, năm) và văn bản gửi"),
    (("kiem tra",), "Kế hoạch kiểm tra; biên bản, kết luận kiểm tra"),
    (("xu ly", "phan anh", "kien nghi"), "Sổ theo dõi, văn bản trả lời, báo cáo kết quả xử lý"),
    (("tuyen truyen", "pho bien"), "Tin, bài, hình ảnh, đường dẫn tuyên truyền"),
    (("sang kien", "giai phap moi"), "Quyết định công nhận sáng kiến, giải pháp"),
    (("ra soat", "he thong hoa"), "Kế hoạch và báo cáo kết quả rà soát"),
    (("quy pham phap luat", "van ban"), "Danh mục văn bản đã ban hành, rà soát"),
    (("cong khai", "niem yet"), "Ảnh chụp, đường dẫn nơi công khai"),
    (("ty le", "muc do", "hai long"), "Số liệu trích từ hệ thống, có xác nhận"),
    (("bien che", "vi tri viec lam", "ngach"), "Quyết định giao, sử dụng biên chế; đề án"),
    (("danh gia", "xep loai"), "Quyết định, biên bản đánh giá, xếp loại"),
    (("dao tao", "boi duong"), "Kế hoạch và danh sách cử đi đào tạo, bồi dưỡng"),
    (("ky luat", "ky cuong"), "Văn bản chỉ đạo, kết quả kiểm tra công vụ"),
    (("ngan sach", "tai san", "tu chu", "giai ngan"), "Quyết định, báo cáo tài chính liên quan"),
    (
        ("chu ky so", "moi truong mang", "dien tu", "truc tuyen", "chuyen doi so", "du lieu"),
        "Số liệu, ảnh chụp màn hình từ hệ thống thông tin",
    ),
    (("sap xep", "kien toan", "phan cap", "uy quyen"), "Quyết định kiện toàn, phân cấp, ủy quyền"),
]
GENERAL_DOCUMENT = "Báo cáo kết quả thực hiện kèm văn bản chứng minh"


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    max_score: float | None
    area: str | None

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@dataclass(frozen=True)
class Installed:
    source: str  # par_file | default
    source_year: int | None  # the PAR file's year the tree comes from
    criteria: int
    documents: int


@dataclass(frozen=True)
class Proposal:
    task_code: str
    criterion: str
    score: float


# --- Audit hook ------------------------------------------------------------------------------


def _audit(con: Con, action: str, unit: str, by: str | None, detail: str) -> None:
    """The one place a criteria write is recorded, inside the write's transaction: a row of
    the audit trail (etl/audit.py `record`; its ACTIONS name criteria_* and evidence_*). The
    demo is set up by `python -m etl demo`: the command line, not the page."""
    actor = audit.command_line(DEMO_BY) if by == DEMO_BY else audit.Actor(by or "?", via="web")
    audit.record(con, actor, action, unit=unit, detail=detail)


# --- Criteria of the year --------------------------------------------------------------------


def _with_areas(rows: Iterable[tuple[str, str, float | None]]) -> list[Criterion]:
    """Criteria with the area of their top-level ancestor (its name read by `match_area`)."""
    rows = list(rows)
    tops = {code: match_area(name) for code, name, _ in rows if "." not in code}
    return [Criterion(c, n, m, tops.get(c.split(".")[0])) for c, n, m in rows]


def default_criteria() -> list[Criterion]:
    return _with_areas(DEFAULT_CRITERIA)


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def from_par_file(con: Con, unit: str, year: int) -> tuple[int | None, list[Criterion]]:
    """The criteria tree of the unit's latest loaded PAR INDEX year up to `year`."""
    row = con.execute(
        "SELECT max(year) FROM current_index_scores WHERE unit = ? AND \"index\" = 'PAR'"
        " AND series = 'unit' AND year <= ? AND criterion <> ''",
        [unit, year],
    ).fetchone()
    if not row or row[0] is None:
        return None, []
    found = int(row[0])
    rows = con.execute(
        "SELECT criterion, any_value(name), any_value(max_score) FROM current_index_scores"
        " WHERE unit = ? AND \"index\" = 'PAR' AND series = 'unit' AND year = ?"
        " AND criterion <> '' GROUP BY criterion",
        [unit, found],
    ).fetchall()
    rows = sorted(((c, n or c, m) for c, n, m in rows), key=lambda r: _code_key(r[0]))
    return found, _with_areas(rows)


def leaves(criteria: list[Criterion]) -> list[Criterion]:
    parents = {c.parent for c in criteria}
    return [c for c in criteria if c.code not in parents and c.parent is not None]


def expected_documents(name: str) -> list[str]:
    """The documents a criterion's wording calls for (at least the general one)."""
    key = expand_abbreviations(fold(name))
    found = [doc for words, doc in _DOCUMENTS if any(w in key for w in words)]
    return list(dict.fromkeys(found)) or [GENERAL_DOCUMENT]


def install(
    con: Con, unit: str, year: int, by: str | None = None, is_demo: bool = False
) -> Installed:
    """Set the unit's criteria of `year` from its PAR file (else the default set) and add the
    documents each leaf's wording calls for (items already there are kept)."""
    source_year, criteria = from_par_file(con, unit, year)
    source = SOURCE_FILE if criteria else SOURCE_DEFAULT
    if not criteria:
        criteria = default_criteria()
    now = datetime.now()

    def work() -> int:
        con.execute("DELETE FROM par_criteria WHERE unit = ? AND year = ?", [unit, year])
        con.executemany(
            "INSERT INTO par_criteria VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    unit,
                    year,
                    c.code,
                    c.parent,
                    c.area,
                    c.name,
                    c.max_score,
                    source,
                    source_year,
                    now,
                ]
                for c in criteria
            ],
        )
        have = {
            (r[0], fold(r[1]))
            for r in con.execute(
                "SELECT criterion, title FROM criterion_evidence WHERE unit = ? AND year = ?",
                [unit, year],
            ).fetchall()
        }
        added = 0
        for c in leaves(criteria):
            for doc in expected_documents(c.name):
                if (c.code, fold(doc)) in have:
                    continue
                _insert_evidence(con, unit, year, c.code, doc, "wording", by, now, is_demo)
                added += 1
        _audit(con, "criteria_install", unit, by, f"{year}: {len(criteria)} tiêu chí ({source})")
        return added

    documents = db.in_transaction(con, work)
    _journal(con, "install", by, unit=unit, year=year, is_demo=is_demo)
    return Installed(source, source_year, len(criteria), documents)


def _criteria(con: Con, unit: str, year: int) -> list[Criterion]:
    rows = con.execute(
        "SELECT code, name, max_score, area FROM par_criteria WHERE unit = ? AND year = ?",
        [unit, year],
    ).fetchall()
    return sorted((Criterion(*r) for r in rows), key=lambda c: _code_key(c.code))


# --- Link proposals --------------------------------------------------------------------------

# Phrases that say nothing about which criterion a task serves (every task is CCHC work).
_STOP_PHRASES = (
    "cai cach hanh chinh",
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "quy dinh",
    "co quan",
    "don vi",
    "thuc hien",
    "trien khai",
    "xay dung",
    "tang cuong",
    "day manh",
    "nang cao",
    "bao dam",
    "dam bao",
    "cong tac",
    "phuong",
    "nam 2025",
    "nam 2026",
    "nam 2027",
)
_STOP = frozenset(
    ["cua", "va", "cac", "cho", "trong", "theo", "ve", "voi", "tai", "tren", "duoc", "nam"]
)
# Ways plans say what criteria name (folded): the phrase found in a text adds the concept's
# words, so "niêm yết" meets "công khai" and "ký số" meets "chữ ký số".
_CONCEPTS: list[tuple[tuple[str, ...], str]] = [
    (
        ("trang thong tin dien tu", "truyen thanh", "thong tin tuyen truyen", "chuyen muc"),
        "tuyen truyen",
    ),
    (("bieu duong", "mo hinh", "cach lam hay"), "sang kien tuyen truyen"),
    (("niem yet",), "cong khai"),
    (("truc tuyen",), "dich vu cong truc tuyen"),
    (("ky so", "chung thu so"), "chu ky so"),
    (
        ("van ban di", "quan ly van ban", "ho so dien tu", "khong giay", "ho so cong viec"),
        "moi truong mang",
    ),
    (("du lieu", "dinh danh", "de an 06"), "ket noi chia se du lieu"),
    (
        ("kien toan", "co cau to chuc", "chuc nang nhiem vu", "phoi hop", "02 cap"),
        "sap xep kien toan to chuc bo may",
    ),
    (("nghi viec", "tinh gian"), "tinh gian bien che"),
    (("tru so", "tai san"), "tai san cong"),
    (("moi truong dau tu", "canh tranh", "doanh nghiep"), "thu hut dau tu"),
    (
        ("tong ket", "don doc", "tu danh gia", "nhiem vu duoc giao", "nhiem vu do"),
        "muc do ke hoach nam",
    ),
    (("lay y kien", "du thao"), "quy trinh van ban"),
    (("het hieu luc", "ra soat van ban"), "ra soat he thong hoa"),
    (("hai long", "sipas"), "hai long nguoi dan"),
]


def _words(text: str) -> list[str]:
    key = f" {expand_abbreviations(fold(text))} "
    extra = [add for phrases, add in _CONCEPTS if any(f" {p} " in key for p in phrases)]
    for phrase in _STOP_PHRASES:
        key = key.replace(f" {phrase} ", " ")
    return [w for w in f"{key} {' '.join(extra)}".split() if w not in _STOP]


def _bigrams(words: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def link_score(
    task_title: str, task_area: str | None, name: str, path: str, area: str | None
) -> float:
    """How well a criterion fits a task, in [0, 1]: shared word pairs and words of the task's
    title and the criterion's name (its parents' names count half), and the same area."""
    tw = _words(task_title)
    cw, pw = _words(name), _words(path)
    if not tw or not cw:
        return 0.0
    t1, t2 = set(tw), _bigrams(tw)
    c1, c2 = set(cw), _bigrams(cw)
    p1, p2 = set(pw) - c1, _bigrams(pw) - c2
    pairs = (len(t2 & c2) + 0.5 * len(t2 & p2)) / max(len(c2), 1)
    words = (len(t1 & c1) + 0.5 * len(t1 & p1)) / max(len(c1), 1)
    score = 0.55 * min(pairs, 1.0) + 0.45 * min(words, 1.0)
    if task_area and area:
        score *= 1.0 if task_area == area else 0.55
    return round(min(score, 1.0), 3)


def propose_for(
    tasks: Iterable[tuple[str, str, str | None]], criteria: list[Criterion]
) -> list[Proposal]:
    """The best criteria for each task (code, title, area): up to `PER_TASK` leaves scoring
    `MIN_SCORE` or more, best first."""
    names = {c.code: c.name for c in criteria}
    targets = []
    for c in leaves(criteria):
        parts, code = [], c.parent
        while code:
            parts.append(names.get(code, ""))
            code = code.rsplit(".", 1)[0] if "." in code else None
        targets.append((c, " ".join(parts)))
    out = []
    for code, title, area in tasks:
        scored = sorted(
            ((link_score(title, area, c.name, path, c.area), c.code) for c, path in targets),
            key=lambda s: (-s[0], _code_key(s[1])),
        )
        top = scored[0][0] if scored else 0.0
        best = [s for s in scored[:PER_TASK] if s[0] >= max(MIN_SCORE, RUNNER_UP * top)]
        out += [Proposal(code, crit, score) for score, crit in best]
    return out


def leaf_tasks(con: Con, unit: str, year: int) -> list[tuple[str, str, str | None]]:
    return con.execute(
        "SELECT code, title, area FROM v_tasks t WHERE unit = $unit AND plan_year = $year"
        " AND NOT EXISTS (SELECT 1 FROM tasks c JOIN uploads u USING (upload_id)"
        "   WHERE u.status = 'loaded' AND c.unit = t.unit AND c.plan_year = t.plan_year"
        "   AND c.parent_code = t.code)"
        " ORDER BY code",
        {"unit": unit, "year": year},
    ).fetchall()


def propose(con: Con, unit: str, year: int, by: str | None = None, is_demo: bool = False) -> int:
    """Store fresh proposals for the unit's plan of `year`: pairs already decided are kept as
    they are; earlier proposals nobody decided are replaced. Returns how many are proposed."""
    proposals = propose_for(leaf_tasks(con, unit, year), _criteria(con, unit, year))
    now = datetime.now()

    def work() -> int:
        con.execute(
            "DELETE FROM criterion_links WHERE unit = ? AND year = ? AND state = 'proposed'",
            [unit, year],
        )
        decided = {
            (r[0], r[1])
            for r in con.execute(
                "SELECT task_code, criterion FROM criterion_links WHERE unit = ? AND year = ?",
                [unit, year],
            ).fetchall()
        }
        fresh = [p for p in proposals if (p.task_code, p.criterion) not in decided]
        con.executemany(
            "INSERT INTO criterion_links VALUES (?, ?, ?, ?, ?, 'proposed', NULL, ?, ?)",
            [[unit, year, p.task_code, p.criterion, p.score, now, is_demo] for p in fresh],
        )
        _audit(con, "criteria_propose", unit, by, f"{year}: {len(fresh)} đề xuất")
        return len(fresh)

    made = db.in_transaction(con, work)
    _journal(con, "propose", by, unit=unit, year=year, is_demo=is_demo)
    return made


def _check_pair(con: Con, unit: str, year: int, task_code: str, criterion: str) -> list[Problem]:
    problems = []
    if task_code not in {t[0] for t in leaf_tasks(con, unit, year)}:
        problems.append(
            Problem(
                f"Không có nhiệm vụ '{task_code}' (nhiệm vụ không có nhiệm vụ con) trong kế "
                f"hoạch năm {year} của {unit}",
                "Ghi mã nhiệm vụ như trong kế hoạch (ví dụ II.3.1).",
                value=task_code,
                code="unknown_task",
            )
        )
    if criterion not in {c.code for c in leaves(_criteria(con, unit, year))}:
        problems.append(
            Problem(
                f"Không có tiêu chí thành phần '{criterion}' trong bộ tiêu chí năm {year}",
                "Ghi mã tiêu chí thành phần như trong bảng tiêu chí (ví dụ 1.1.2).",
                value=criterion,
                code="unknown_criterion",
            )
        )
    return problems


def _upsert_link(
    con: Con, unit: str, year: int, task: str, crit: str, state: str, by: str | None, now
) -> None:
    con.execute(
        "INSERT INTO criterion_links VALUES (?, ?, ?, ?, NULL, ?, ?, ?, false)"
        " ON CONFLICT (unit, year, task_code, criterion) DO UPDATE"
        " SET state = excluded.state, decided_by = excluded.decided_by,"
        " updated_at = excluded.updated_at",
        [unit, year, task, crit, state, by, now],
    )


def decide(
    con: Con,
    unit: str,
    year: int,
    changes: list[tuple[str, str, str]],
    by: str | None,
) -> int:
    """Apply (task_code, criterion, state) decisions — accepted, rejected, or back to proposed
    — all or nothing; a pair not linked yet is added. Returns how many were applied."""
    problems = []
    for task, crit, state in changes:
        if state not in STATES:
            problems.append(Problem(f"Trạng thái liên kết không hợp lệ: {state}", value=state))
        problems += _check_pair(con, unit, year, task, crit)
    if problems:
        raise Rejected(problems)
    now = datetime.now()

    def work() -> int:
        for task, crit, state in changes:
            _upsert_link(con, unit, year, task, crit, state, by, now)
        _audit(con, "criteria_links", unit, by, f"{year}: {len(changes)} liên kết")
        return len(changes)

    applied = db.in_transaction(con, work)
    _journal(con, "decide", by, unit=unit, year=year, changes=[list(c) for c in changes])
    return applied


def add_link(con: Con, unit: str, year: int, task: str, crit: str, by: str | None) -> None:
    decide(con, unit, year, [(task, crit, "accepted")], by)


def change_link(
    con: Con, unit: str, year: int, task: str, old: str, new: str, by: str | None
) -> None:
    """The task serves `new` instead of `old`."""
    decide(con, unit, year, [(task, old, "rejected"), (task, new, "accepted")], by)


# --- Links as a sheet ------------------------------------------------------------------------

SHEET_COLUMNS = ("Mã nhiệm vụ", "Nhiệm vụ", "Mã tiêu chí", "Tiêu chí", "Trạng thái", "Điểm đề xuất")
STATE_NAMES = {"proposed": "Đề xuất", "accepted": "Đồng ý", "rejected": "Không liên kết"}
_STATE_KEYS = {
    "de xuat": "proposed",
    "dong y": "accepted",
    "chap nhan": "accepted",
    "co": "accepted",
    "x": "accepted",
    "": "accepted",
    "khong lien ket": "rejected",
    "khong": "rejected",
    "bo": "rejected",
    "tu choi": "rejected",
}


def _sheet_rows(name: str, data: bytes) -> tuple[str, list[list[object]]]:
    """The rows of a .csv or the first sheet of an .xlsx, as values."""
    if name.lower().endswith(".csv"):
        text = data.decode("utf-8-sig")
        return "", [list(r) for r in csv.reader(io.StringIO(text))]
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # not a workbook at all
        raise Rejected(
            [
                Problem(
                    "Không đọc được tệp",
                    "Tải lên tệp .xlsx hoặc .csv xuất từ trang này.",
                    value=name,
                    code="unreadable",
                )
            ]
        ) from exc
    sheet = book.worksheets[0]
    return sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)]


def read_sheet(
    name: str, data: bytes
) -> tuple[list[tuple[str, str, str]], dict[tuple[str, str], int], str]:
    """(task_code, criterion, state) rows of a links sheet: a header row naming 'Mã nhiệm vụ'
    and 'Mã tiêu chí' (any case, with or without diacritics), 'Trạng thái' optional (empty =
    Đồng ý). Every problem is collected. Returns the rows, each pair's Excel row, the sheet."""
    sheet, rows = _sheet_rows(name, data)
    want = {"ma nhiem vu": "task", "ma tieu chi": "criterion", "trang thai": "state"}
    header = -1
    for h, row in enumerate(rows[:20]):
        cols = {want[fold(v)]: i for i, v in enumerate(row) if fold(v) in want}
        if {"task", "criterion"} <= cols.keys():
            header = h
            break
    else:
        raise Rejected(
            [
                Problem(
                    "Không thấy dòng tiêu đề có cột 'Mã nhiệm vụ' và 'Mã tiêu chí'",
                    "Dùng tệp Excel tải về từ trang Tiêu chí PAR INDEX.",
                    sheet=sheet,
                    code="no_header",
                )
            ]
        )
    out, problems = [], []
    for r, row in enumerate(rows[header + 1 :], start=header + 2):

        def cell(key: str, row=row) -> str:
            i = cols.get(key)
            v = row[i] if i is not None and i < len(row) else None
            return "" if v is None else str(v).strip()

        task, crit, state = cell("task"), cell("criterion"), cell("state")
        if not task and not crit:
            continue
        if crit.endswith(".0") and crit[:-2].isdigit():
            crit = crit[:-2]
        key = _STATE_KEYS.get(fold(state))
        if key is None:
            problems.append(
                Problem(
                    "Trạng thái không rõ",
                    "Ghi Đồng ý, Đề xuất hoặc Không liên kết.",
                    sheet=sheet,
                    row=r,
                    header="Trạng thái",
                    value=state,
                    code="state",
                )
            )
            continue
        if not task or not crit:
            problems.append(
                Problem(
                    "Thiếu mã nhiệm vụ hoặc mã tiêu chí",
                    "Ghi cả hai mã trên mỗi dòng.",
                    sheet=sheet,
                    row=r,
                    value=task or crit,
                    code="missing_code",
                )
            )
            continue
        out.append((task, crit, key, r))
    if problems:
        raise Rejected(problems)
    return [(t, c, s) for t, c, s, _ in out], {(t, c): r for t, c, _, r in out}, sheet


def import_sheet(con: Con, unit: str, year: int, name: str, data: bytes, by: str | None) -> int:
    """Apply a links sheet all or nothing; returns the number of rows applied."""
    changes, rows, sheet = read_sheet(name, data)
    problems = []
    for task, crit, _ in changes:
        for p in _check_pair(con, unit, year, task, crit):
            problems.append(
                Problem(
                    p.message,
                    p.hint,
                    sheet=sheet,
                    row=rows[(task, crit)],
                    value=p.value,
                    code=p.code,
                )
            )
    if problems:
        raise Rejected(problems)
    return decide(con, unit, year, changes, by)


# --- Evidence --------------------------------------------------------------------------------


def _insert_evidence(
    con: Con,
    unit: str,
    year: int,
    crit: str,
    title: str,
    source: str,
    by: str | None,
    now: datetime,
    is_demo: bool,
    present: bool = False,
    url: str | None = None,
    file: tuple[str, str, str] | None = None,
) -> int:
    name, digest, path = file if file else (None, None, None)
    row = con.execute(
        "INSERT INTO criterion_evidence (evidence_id, unit, year, criterion, title, source,"
        " present, url, file_name, sha256, archive_path, added_by, added_at, is_demo)"
        " VALUES (nextval('evidence_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING evidence_id",
        [unit, year, crit, title, source, present, url, name, digest, path, by, now, is_demo],
    ).fetchone()
    return int(row[0])


def _evidence_file(archive_dir: Path, file_name: str, digest: str) -> Path:
    suffix = Path(file_name).suffix.lower()[:10]
    return archive_dir / "evidence" / digest[:2] / f"{digest}{suffix}"


def archive_evidence(database: Path, file_name: str, data: bytes) -> tuple[str, str, str]:
    """Keep an evidence file beside the uploads' originals, by hash: (name, sha256, path)."""
    digest = hashlib.sha256(data).hexdigest()
    target = _evidence_file(archive.archive_dir(database), file_name, digest)
    archive.store(target, data, digest)
    return file_name, digest, str(target)


def _check_url(url: str | None) -> list[Problem]:
    if url and not url.lower().startswith(("http://", "https://")):
        return [
            Problem("Đường dẫn phải bắt đầu bằng http:// hoặc https://", value=url, code="bad_url")
        ]
    return []


def add_evidence(
    con: Con,
    unit: str,
    year: int,
    criterion: str,
    title: str,
    by: str | None,
    url: str | None = None,
    file: tuple[str, str, str] | None = None,
    present: bool | None = None,
    is_demo: bool = False,
) -> int:
    """Add one of the unit's own evidence items; present when a link or a file is given unless
    said otherwise. `file` comes from `archive_evidence`."""
    title = " ".join((title or "").split())
    problems = _check_url(url)
    if not title:
        problems.append(
            Problem("Thiếu tên tài liệu", "Ghi tên tài liệu kiểm chứng.", code="missing_title")
        )
    if criterion not in {c.code for c in leaves(_criteria(con, unit, year))}:
        problems.append(
            Problem(
                f"Không có tiêu chí thành phần '{criterion}' năm {year}",
                value=criterion,
                code="unknown_criterion",
            )
        )
    if problems:
        raise Rejected(problems)
    has = present if present is not None else bool(url or file)

    def work() -> int:
        new = _insert_evidence(
            con,
            unit,
            year,
            criterion,
            title,
            "unit",
            by,
            datetime.now(),
            is_demo,
            has,
            url or None,
            file,
        )
        _audit(con, "evidence_add", unit, by, f"{year} {criterion}: {title}")
        return new

    new = db.in_transaction(con, work)
    _journal(
        con,
        "add_evidence",
        by,
        unit=unit,
        year=year,
        criterion=criterion,
        title=title,
        url=url,
        file=list(file[:2]) if file else None,
        present=present,
        is_demo=is_demo,
    )
    return new


def set_evidence(
    con: Con,
    evidence_id: int,
    present: bool,
    by: str | None,
    url: str | None = None,
    file: tuple[str, str, str] | None = None,
) -> None:
    """Mark an item present or missing, with its link or file (kept when not given)."""
    problems = _check_url(url)
    row = con.execute(
        "SELECT unit, year, criterion, title FROM criterion_evidence WHERE evidence_id = ?",
        [evidence_id],
    ).fetchone()
    if row is None:
        problems.append(Problem(f"Không có tài liệu số {evidence_id}", code="unknown_evidence"))
    if problems:
        raise Rejected(problems)
    name, digest, path = file if file else (None, None, None)

    def work() -> None:
        con.execute(
            "UPDATE criterion_evidence SET present = ?, url = coalesce(?, url),"
            " file_name = coalesce(?, file_name), sha256 = coalesce(?, sha256),"
            " archive_path = coalesce(?, archive_path), added_by = ?, added_at = ?"
            " WHERE evidence_id = ?",
            [present, url or None, name, digest, path, by, datetime.now(), evidence_id],
        )
        state = "có" if present else "chưa có"
        _audit(con, "evidence_set", row[0], by, f"{row[1]} {row[2]}: {row[3]} — {state}")

    db.in_transaction(con, work)
    unit, year, criterion, title = row
    _journal(
        con,
        "set_evidence",
        by,
        unit=unit,
        year=year,
        criterion=criterion,
        title=title,
        present=present,
        url=url,
        file=list(file[:2]) if file else None,
    )


# --- Journal and rebuild ---------------------------------------------------------------------


def _journal(con: Con, call: str, by: str | None, **args: object) -> None:
    """The journal line of a committed criteria write, so `etl rebuild` can replay it."""
    journal.changed(con, "criteria", {"call": call, "args": args}, by)


def replay(con: Con, entry: dict, source: Path, database: Path) -> None:
    """Do again, in a rebuilt `database`, the write a journal line describes; an evidence file
    is taken from the `source` archive and kept in the new one. Raises KeyError or Rejected
    when the line does not fit the database."""
    by, args = entry.get("user"), dict(entry["args"])
    unit, year = args.pop("unit"), int(args.pop("year"))
    file = None
    if args.get("file"):
        name, digest = args["file"]
        data = _evidence_file(source, name, digest).read_bytes()
        file = archive_evidence(database, name, data)
    call = entry["call"]
    if call == "install":
        install(con, unit, year, by, bool(args.get("is_demo")))
    elif call == "propose":
        propose(con, unit, year, by, bool(args.get("is_demo")))
    elif call == "decide":
        decide(con, unit, year, [tuple(c) for c in args["changes"]], by)
    elif call == "add_evidence":
        add_evidence(
            con, unit, year, args["criterion"], args["title"], by, args.get("url"), file,
            args.get("present"), bool(args.get("is_demo")),
        )  # fmt: skip
    elif call == "set_evidence":
        row = con.execute(
            "SELECT max(evidence_id) FROM criterion_evidence"
            " WHERE unit = ? AND year = ? AND criterion = ? AND title = ?",
            [unit, year, args["criterion"], args["title"]],
        ).fetchone()
        if row is None or row[0] is None:
            raise KeyError(f"tài liệu «{args['title']}» của tiêu chí {args['criterion']}")
        set_evidence(con, int(row[0]), bool(args["present"]), by, args.get("url"), file)
    else:
        raise KeyError(call)


# --- Demo ------------------------------------------------------------------------------------

DEMO_LINKS = (
    Path(__file__).resolve().parent.parent / "data" / "demo" / "lien-ket-tieu-chi-par-2026.csv"
)
DEMO_BY = "Dữ liệu mẫu (demo)"
# A few documents already gathered in the demo (criterion, title, link), marked present.
DEMO_EVIDENCE = [
    (
        "1.2",
        "Báo cáo CCHC quý I, 6 tháng, quý III năm 2026 (demo)",
        "https://example.org/demo/bao-cao-cchc",
    ),
    (
        "1.4",
        "Chuyên mục Cải cách hành chính trên Trang thông tin điện tử phường (demo)",
        "https://example.org/demo/chuyen-muc-cchc",
    ),
    (
        "3.2.1",
        "Số liệu hồ sơ đúng hạn trích từ Hệ thống thông tin giải quyết TTHC (demo)",
        "https://example.org/demo/tthc",
    ),
    ("7.1.2", "Danh sách chứng thư chữ ký số đã cấp (demo)", "https://example.org/demo/chu-ky-so"),
]


def install_demo(con: Con) -> str:
    """The demo's criteria: for each demo plan, the criteria of its year, the hand-made links
    of data/demo (accepted), fresh proposals for the rest, and a few documents present."""
    plans = con.execute(
        "SELECT DISTINCT t.unit, t.plan_year FROM tasks t JOIN uploads u USING (upload_id)"
        " WHERE u.status = 'loaded' AND u.is_demo ORDER BY 1, 2"
    ).fetchall()
    said = []
    for unit, year in plans:
        done = install(con, unit, year, DEMO_BY, is_demo=True)
        accepted = 0
        if year == 2026 and DEMO_LINKS.is_file():
            accepted = import_sheet(
                con, unit, year, DEMO_LINKS.name, DEMO_LINKS.read_bytes(), DEMO_BY
            )
            con.execute(
                "UPDATE criterion_links SET is_demo = true WHERE unit = ? AND year = ?",
                [unit, year],
            )
        proposed = propose(con, unit, year, DEMO_BY, is_demo=True)
        leaves_now = {c.code for c in leaves(_criteria(con, unit, year))}
        for crit, title, url in DEMO_EVIDENCE:
            if crit in leaves_now:
                add_evidence(con, unit, year, crit, title, DEMO_BY, url=url, is_demo=True)
        said.append(
            f"{unit} {year}: {done.criteria} tiêu chí PAR INDEX, {accepted} liên kết đã duyệt, "
            f"{proposed} đề xuất"
        )
    return "; ".join(said)
