"""`python -m etl check`: is the database whole, and does it agree with the journal and the
archive? Every finding says what is wrong and what to do, in Vietnamese.

It opens the file read-only, reads every row of every table and view (DuckDB checks each
block's checksum as it reads), compares each upload's row count with its rows, the uploads with
the journal (each journalled load present with its hash, each journalled undo rolled back), and
lists archived files no upload refers to and `.part` leftovers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cchc import db
from etl import archive, backup, failures, journal
from etl.schema import LATEST_VERSION, current_version

ERROR, WARNING = "error", "warning"
_BATCH = 50_000


@dataclass(frozen=True)
class Finding:
    level: str  # error | warning
    what: str
    fix: str

    def __str__(self) -> str:
        mark = "✗" if self.level == ERROR else "!"
        return f"{mark} {self.what}. Cách sửa: {self.fix}."


@dataclass
class Report:
    database: Path
    findings: list[Finding] = field(default_factory=list)
    uploads: int = 0
    relations: int = 0  # tables and views read to the end

    @property
    def ok(self) -> bool:
        return not any(f.level == ERROR for f in self.findings)

    def error(self, what: str, fix: str) -> None:
        self.findings.append(Finding(ERROR, what, fix))

    def warn(self, what: str, fix: str) -> None:
        self.findings.append(Finding(WARNING, what, fix))

    def summary(self) -> str:
        errors = sum(f.level == ERROR for f in self.findings)
        warnings = len(self.findings) - errors
        if errors:
            return (
                f"✗ Cơ sở dữ liệu {self.database}: {errors} lỗi"
                + (f", {warnings} cảnh báo" if warnings else "")
                + "."
            )
        read = f"{self.relations} bảng và view đọc được hết, {self.uploads} lần nạp"
        if warnings:
            return f"✓ Cơ sở dữ liệu {self.database} đọc được ({read}); {warnings} cảnh báo."
        return f"✓ Cơ sở dữ liệu {self.database}: không thấy lỗi ({read})."

    def lines(self) -> list[str]:
        return [self.summary(), *(f"  {f}" for f in self.findings)]


def recovery_hint(database: Path) -> str:
    """What to do with a damaged file: the newest backup, else a rebuild from the archive."""
    copies = backup.backups(backup.backup_dir(database))
    rebuild = (
        f"dựng lại từ kho lưu trữ: python -m etl rebuild --from {archive.archive_dir(database)} "
        "--db TỆP_MỚI.duckdb"
    )
    if copies:
        return f"khôi phục bản sao lưu mới nhất: python -m etl restore {copies[-1]}; hoặc {rebuild}"
    return rebuild


def check(database: Path | None = None, wait: float = db.READ_WAIT_SECONDS) -> Report:
    path = db.db_path(database)
    report = Report(path)
    if not path.exists():
        report.error(
            f"Chưa có cơ sở dữ liệu {path}",
            "tạo bằng python -m etl init (hoặc python -m etl demo)",
        )
        return report
    try:
        con = db.connect(path, read_only=True, wait=wait)
    except Exception as exc:
        _cannot_open(report, exc)
        return report
    try:
        _read_everything(con, report)
        if report.ok and _has_uploads(con):
            _counts(con, report)
            _against_journal(con, report)
            _archive(con, report)
    except Exception as exc:  # whatever else fails is said, never a stack trace
        what, hint = failures.message(exc)
        report.error(f"Không kiểm tra hết được: {what}", hint)
    finally:
        con.close()
    return report


def _cannot_open(report: Report, exc: Exception) -> None:
    kind = failures.kind_of(exc)
    if kind == failures.LOCKED:
        report.error(str(exc).rstrip("."), "thử lại sau ít phút")
    elif kind == failures.UNEXPECTED or kind == failures.DAMAGED:
        report.error(
            "Không mở được tệp: tệp không phải cơ sở dữ liệu DuckDB hợp lệ hoặc bị hỏng "
            f"({_short(exc)})",
            recovery_hint(report.database),
        )
    else:
        what, hint = failures.message(exc)
        report.error(f"Không mở được tệp: {what}", hint)


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160]


def _read_everything(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Read each table and view to its last row."""
    names = [
        (r[0], "bảng")
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "ORDER BY table_name"
        ).fetchall()
    ] + [
        (r[0], "view")
        for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal "
            "AND database_name = current_database() ORDER BY view_name"
        ).fetchall()
    ]
    for name, what in names:
        try:
            cur = con.execute(f'SELECT * FROM "{name}"')
            while cur.fetchmany(_BATCH):
                pass
            report.relations += 1
        except Exception as exc:
            report.error(
                f"{what.capitalize()} {name} không đọc được: {failures.message(exc)[0]} "
                f"({_short(exc)})",
                recovery_hint(report.database),
            )
    try:
        version = current_version(con)
    except Exception:
        return
    if version < LATEST_VERSION:
        report.warn(
            f"Cơ sở dữ liệu ở phiên bản {version}, cũ hơn phiên bản {LATEST_VERSION} của chương "
            "trình",
            "nâng cấp bằng python -m etl init",
        )


def _has_uploads(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'uploads' "
        "AND database_name = current_database()"
    ).fetchone()
    return bool(row and row[0])


def _counts(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Each upload's recorded row count against the rows that carry its number."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_columns() WHERE column_name = 'upload_id' "
            "AND table_name <> 'uploads' AND database_name = current_database() "
            "AND table_name IN (SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database()) ORDER BY table_name"
        ).fetchall()
    ]
    report.uploads = con.execute("SELECT count(*) FROM uploads").fetchone()[0]
    if not tables:
        return
    union = " UNION ALL ".join(f'SELECT upload_id FROM "{t}"' for t in tables)
    wrong = con.execute(
        f"""
        SELECT u.upload_id, u.file_name, u.rows, count(r.upload_id)
        FROM uploads u LEFT JOIN ({union}) r USING (upload_id)
        GROUP BY ALL HAVING u.rows <> count(r.upload_id) ORDER BY u.upload_id
        """
    ).fetchall()
    for upload_id, name, rows, found in wrong:
        report.error(
            f"Lần nạp #{upload_id} ({name}) ghi {rows} dòng nhưng cơ sở dữ liệu có {found} dòng",
            recovery_hint(report.database),
        )


def _against_journal(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    path = journal.journal_path(report.database)
    read = journal.read(path)
    if read.bad_lines:
        report.warn(
            f"Nhật ký tải lên {path} có {len(read.bad_lines)} dòng không đọc được (dòng "
            f"{', '.join(map(str, read.bad_lines[:5]))}), thường do máy tắt đột ngột khi đang ghi",
            "không cần làm gì nếu đó là dòng cuối; các lần nạp đó vẫn có trong cơ sở dữ liệu",
        )
    uploads = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT upload_id, sha256, status, rows, file_name FROM uploads"
        ).fetchall()
    }
    loads, undos = read.loads(), read.undos()
    for upload_id, entry in sorted(loads.items()):
        found = uploads.get(upload_id)
        if found is None:
            report.error(
                f"Nhật ký ghi lần nạp #{upload_id} ({entry.get('file_name')}) nhưng cơ sở dữ "
                "liệu không có",
                recovery_hint(report.database),
            )
        elif found[0] != entry.get("sha256"):
            report.error(
                f"Lần nạp #{upload_id} trong cơ sở dữ liệu ({found[3]}) khác tệp ghi trong nhật "
                f"ký ({entry.get('file_name')})",
                recovery_hint(report.database),
            )
    for upload_id in sorted(undos):
        found = uploads.get(upload_id)
        if found is not None and found[1] != "rolled_back":
            report.error(
                f"Nhật ký ghi đã hoàn tác lần nạp #{upload_id} ({found[3]}) nhưng cơ sở dữ liệu "
                "vẫn dùng nó",
                recovery_hint(report.database),
            )
    missing = sorted(set(uploads) - set(loads))
    if missing:
        shown = ", ".join(f"#{i}" for i in missing[:10]) + (" …" if len(missing) > 10 else "")
        report.warn(
            f"{len(missing)} lần nạp không có trong nhật ký tải lên ({shown}): nạp trước khi có "
            "nhật ký, hoặc nhật ký không ghi được lúc đó; python -m etl rebuild sẽ không dựng lại "
            "được chúng",
            "giữ bản sao lưu thường xuyên: python -m etl backup",
        )


def referenced_hashes(con: duckdb.DuckDBPyConnection | None, database: Path) -> set[str]:
    """The hashes some upload (in the database or the journal) refers to."""
    found = {e.get("sha256") for e in journal.read(journal.journal_path(database)).entries}
    if con is not None:
        found |= {r[0] for r in con.execute("SELECT sha256 FROM uploads").fetchall()}
    return {h for h in found if h}


def _archive(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    database = report.database
    for upload_id, name, digest, kept in con.execute(
        "SELECT upload_id, file_name, sha256, archive_path FROM uploads ORDER BY upload_id"
    ).fetchall():
        target = Path(kept) if kept else None
        if target is None or not target.is_file():
            report.warn(
                f"Tệp gốc của lần nạp #{upload_id} ({name}) không còn trong kho lưu trữ",
                "nạp lại tệp gốc nếu còn giữ (nội dung giống hệt sẽ được nhận ra); bảng điều "
                "khiển vẫn đúng, chỉ không tải được tệp gốc và không dựng lại được lần nạp này",
            )
        elif archive.file_hash(target) != digest:
            report.warn(
                f"Tệp gốc của lần nạp #{upload_id} ({name}) trong kho lưu trữ đã bị thay đổi",
                "nạp lại tệp gốc (nó sẽ ghi đè bản sai)",
            )
    loose = archive.orphans(database, referenced_hashes(con, database))
    if loose:
        shown = ", ".join(p.name for p in loose[:5]) + (" …" if len(loose) > 5 else "")
        report.warn(
            f"Kho lưu trữ có {len(loose)} tệp không thuộc lần nạp nào ({shown}), còn lại sau "
            "một lần nạp bị gián đoạn",
            "xóa bằng python -m etl archive --clean",
        )
