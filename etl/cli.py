"""`python -m etl`: init, load, demo, alias, check, backup, restore, rebuild, archive.

    python -m etl load FILE... [--db PATH] [--unit NAME] [--kind KIND] [--period P] [--json]
    python -m etl alias add TEXT CODE [--unit NAME] [--db PATH]
    python -m etl alias list [--unit NAME] [--db PATH]
    python -m etl alias remove TEXT [--unit NAME] [--db PATH]
    python -m etl users add LOGIN --role ROLE [--unit NAME] [--province NAME] [--department CODE]
    python -m etl users list | remove LOGIN
    python -m etl --as "Họ tên" COMMAND ...   (who acts, for the audit trail; else the OS user)

Exit 0 when every file loaded (or was already loaded), 1 when any file was rejected, 2 on wrong
usage. Problems go to stderr in Vietnamese with their cell; `--json` prints one JSON array on
stdout instead of the human summary.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from cchc import db
from cchc.periods import parse_period
from etl import aliases, archive, audit, backup, check, criteria, failures, rebuild, roles, units
from etl.errors import Rejected
from etl.load import LoadResult, Options, load_path
from etl.schema import LATEST_VERSION, migrate

KIND_CHOICES = ["plan", "progress", "par", "sipas", "pci", "ddci", "766", "tthc"]
DEMO_DIR = db.ROOT / "data" / "demo"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2, in Vietnamese, without a stack trace
        self.print_usage(sys.stderr)
        print(f"Lỗi cú pháp lệnh: {message}", file=sys.stderr)
        sys.exit(2)


def _failed(what_failed: str, exc: Exception) -> int:
    """'✗ <what failed>: <cause>. Cách sửa: <fix>.' on stderr, in Vietnamese; exit 1."""
    what, hint = failures.message(exc)
    print(f"✗ {what_failed}: {what}. Cách sửa: {hint}.", file=sys.stderr)
    return 1


def _period(value: str) -> str:
    p = parse_period(value)
    if p is None:
        raise argparse.ArgumentTypeError(
            f"kỳ '{value}' không đúng dạng; dùng 2026, 2026-H1, 2026-Q3, 2026-03 hoặc 2026-W49"
        )
    return p.code


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' không phải số nguyên dương")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m etl", description="Nạp dữ liệu CCHC từ Excel vào DuckDB.")
    parser.add_argument(
        "--as",
        dest="as_name",
        metavar="NAME",
        help="người thực hiện, ghi vào nhật ký (mặc định: người dùng hệ điều hành)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    db_help = "tệp DuckDB (mặc định $CCHC_DB hoặc data/cchc.duckdb)"

    p_init = sub.add_parser("init", help="tạo hoặc nâng cấp cơ sở dữ liệu")
    p_init.add_argument("--db", type=Path, help=db_help)

    p_load = sub.add_parser("load", help="nạp một hoặc nhiều tệp Excel")
    p_load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p_load.add_argument("--db", type=Path, help=db_help)
    p_load.add_argument("--unit", help="đơn vị (mặc định: đọc từ tệp, hoặc Phường Võ Cường)")
    p_load.add_argument(
        "--kind", choices=KIND_CHOICES, help="loại dữ liệu (mặc định: tự nhận biết)"
    )
    p_load.add_argument(
        "--period", type=_period, help="kỳ báo cáo: 2026, 2026-H1, 2026-Q3, 2026-03"
    )
    p_load.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p_load.add_argument(
        "--accept-external-links",
        action="store_true",
        help="chấp nhận giá trị đang lưu của ô lấy từ tệp Excel khác (công thức liên kết ngoài)",
    )
    p_load.add_argument(
        "--explain",
        action="store_true",
        help="in cách đọc từng bảng: vai trò của mỗi cột, tiêu đề và tỷ lệ giá trị đọc được "
        "(với --json: thêm khóa 'columns' và 'notes')",
    )

    p_backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (một bản sao nhất quán)")
    p_backup.add_argument("--db", type=Path, help=db_help)
    p_backup.add_argument(
        "--dir", type=Path, help="thư mục chứa bản sao (mặc định backups/ cạnh tệp)"
    )
    p_backup.add_argument(
        "--auto",
        action="store_true",
        help="bản tự động: chỉ sao lưu khi hôm nay chưa có bản tự động nào",
    )
    p_backup.add_argument(
        "--keep", type=_positive, metavar="N", help="chỉ giữ N bản sao lưu tự động mới nhất"
    )
    p_backup.add_argument("--reason", help="lý do, thêm vào tên tệp (ví dụ: truoc-nang-cap)")

    p_restore = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu")
    p_restore.add_argument("file", type=Path, metavar="FILE", help="tệp sao lưu .duckdb")
    p_restore.add_argument("--db", type=Path, help=db_help)

    p_check = sub.add_parser("check", help="kiểm tra cơ sở dữ liệu, nhật ký và kho lưu trữ")
    p_check.add_argument("--db", type=Path, help=db_help)

    p_archive = sub.add_parser("archive", help="kho lưu trữ tệp gốc: liệt kê hoặc xóa tệp thừa")
    p_archive.add_argument("--db", type=Path, help=db_help)
    p_archive.add_argument(
        "--clean", action="store_true", help="xóa các tệp không thuộc lần nạp nào và tệp .part"
    )

    p_rebuild = sub.add_parser(
        "rebuild", help="dựng lại cơ sở dữ liệu mới từ kho lưu trữ và nhật ký tải lên"
    )
    p_rebuild.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="DIR",
        help="thư mục archive (có journal.jsonl), ví dụ data/archive",
    )
    p_rebuild.add_argument("--db", type=Path, help="tệp DuckDB mới (chưa tồn tại)")

    p_demo = sub.add_parser("demo", help="tạo cơ sở dữ liệu và nạp dữ liệu mẫu (demo)")
    p_demo.add_argument("--db", type=Path, help=db_help)
    p_demo.add_argument("--province", action="store_true", help="thêm tỉnh mẫu (etl/units.py)")
    units.add_parser(sub, db_help)

    p_alias = sub.add_parser("alias", help="ghi nhớ tên gọi khác của một phòng, đơn vị")
    alias_sub = p_alias.add_subparsers(dest="alias_command", required=True, parser_class=_Parser)
    unit_help = "chỉ cho đơn vị này (mặc định: mọi đơn vị)"
    p_add = alias_sub.add_parser("add", help="ghi nhớ: TEXT là phòng, đơn vị có mã CODE")
    p_add.add_argument("text", metavar="TEXT", help='tên như trong tệp, ví dụ "Tổ một cửa"')
    p_add.add_argument("code", metavar="CODE", help="mã phòng, đơn vị, ví dụ TTPVHCC")
    p_list = alias_sub.add_parser("list", help="liệt kê các tên đã ghi nhớ")
    p_remove = alias_sub.add_parser("remove", help="bỏ một tên đã ghi nhớ")
    p_remove.add_argument("text", metavar="TEXT")
    for p in (p_add, p_list, p_remove):
        p.add_argument("--unit", help=unit_help if p is not p_list else "của đơn vị này")
        p.add_argument("--db", type=Path, help=db_help)

    p_users = sub.add_parser("users", help="phân quyền người dùng (khi đăng nhập qua [auth])")
    users_sub = p_users.add_subparsers(dest="users_command", required=True, parser_class=_Parser)
    u_add = users_sub.add_parser("add", help="cấp (hoặc đổi) vai trò cho một e-mail")
    u_add.add_argument("login", metavar="LOGIN", help="e-mail hoặc mã định danh (sub)")
    u_add.add_argument("--role", required=True, choices=list(roles.ROLES))
    u_add.add_argument("--unit", help="đơn vị")
    u_add.add_argument("--province", help="tỉnh (lãnh đạo, quản trị cấp tỉnh)")
    u_add.add_argument("--department", help="mã phòng của cán bộ phòng, ví dụ VHXH")
    u_add.add_argument("--name", help="họ tên")
    u_list = users_sub.add_parser("list", help="liệt kê người dùng và vai trò")
    u_remove = users_sub.add_parser("remove", help="thu hồi vai trò của một e-mail")
    u_remove.add_argument("login", metavar="LOGIN")
    for p in (u_add, u_list, u_remove):
        p.add_argument("--db", type=Path, help=db_help)
    return parser


def _print_result(result: LoadResult, explain: bool = False) -> None:
    out = sys.stderr if result.status == "rejected" else sys.stdout
    mark = "✗" if result.status == "rejected" else "✓"
    print(f"{mark} {result.summary()}", file=out)
    if explain and result.explain:
        print("  Cách đọc bảng (vai trò ← cột «tiêu đề», tỷ lệ giá trị đọc được):", file=out)
        for line in result.explain:
            print(f"    {line}", file=out)
    for note in result.notes:
        print(f"  · {note}", file=out)
    for problem in result.problems:
        print(f"  - {problem}", file=out)
    for warning in result.warnings:
        print(f"  ! Cảnh báo: {warning}", file=out)


def cmd_init(database: Path | None) -> int:
    """Create or upgrade the database; an existing file is checked first and a damaged one is
    never reported as fine."""
    path = db.db_path(database)
    notes: list[str] = []
    if path.exists():
        report = check.check(path, wait=1.0)
        busy = any(f.fix == "thử lại sau ít phút" for f in report.findings)
        if not report.ok and not busy:  # a busy file: the upgrade below waits its own time
            print("\n".join(report.lines()), file=sys.stderr)
            return 1
        notes = [
            f"  {f}" for f in report.findings if "python -m etl init" not in f.fix and not busy
        ]
    try:
        with db.writing(path) as con:
            applied = migrate(con)
    except db.DatabaseBusy as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        return _failed(f"Cơ sở dữ liệu {path}", exc)
    done = f"đã áp dụng migration {applied}" if applied else "đã ở phiên bản mới nhất"
    print(f"✓ Cơ sở dữ liệu {path}: phiên bản {LATEST_VERSION} ({done}).")
    for line in notes:
        print(line)
    return 0


def cmd_check(database: Path | None) -> int:
    report = check.check(database)
    print("\n".join(report.lines()), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def cmd_archive(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    try:
        with db.reading_file(path) as con:  # not a copy: a load may be adding a file
            referenced = check.referenced_hashes(con, path)
    except Exception as exc:
        what, _ = failures.message(exc) if path.exists() else (str(exc), "")
        print(
            f"✗ Không đọc được cơ sở dữ liệu ({what}), nên không biết tệp nào còn dùng; không "
            "xóa gì. Cách sửa: chạy python -m etl check.",
            file=sys.stderr,
        )
        return 1
    loose = archive.orphans(path, referenced)
    if not args.clean:
        for p in loose:
            print(p)
        print(
            f"{len(loose)} tệp thừa trong kho lưu trữ" + (" (xóa bằng --clean)." if loose else ".")
        )
        return 0
    removed = archive.clean(path, referenced)
    print(f"✓ Đã xóa {len(removed)} tệp thừa khỏi kho lưu trữ {archive.archive_dir(path)}.")
    left = [p for p in loose if p not in removed]
    for p in left:
        print(f"  ! Không xóa được {p}", file=sys.stderr)
    return 1 if left else 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    try:
        done = rebuild.rebuild(args.source, args.db)
    except rebuild.RebuildFailed as exc:
        print(f"✗ Không dựng lại được: {exc}.", file=sys.stderr)
        return 1
    except Exception as exc:
        return _failed("Không dựng lại được", exc)
    print(f"✓ {done.message()}")
    report = check.check(done.database)
    for line in report.lines()[1:]:
        print(line)
    return 0 if report.ok else 1


def load_files(files: list[Path], options: Options, database: Path | None) -> list[LoadResult]:
    return [load_path(f, options, database) for f in files]


def cmd_load(args: argparse.Namespace) -> int:
    actor = audit.command_line(args.as_name)
    options = Options(
        unit=args.unit,
        kind=args.kind,
        period=args.period,
        uploaded_by=actor.label() if args.as_name else f"{getpass.getuser()} (dòng lệnh)",
        accept_external_links=args.accept_external_links,
        actor=actor,
    )
    results = []
    for f in args.files:
        result = load_path(f, options, args.db)
        results.append(result)
        if not args.json:
            _print_result(result, args.explain)
        else:
            for problem in result.problems:
                print(f"{f.name}: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_json(args.explain) for r in results], ensure_ascii=False, indent=2))
    return 1 if any(r.status == "rejected" for r in results) else 0


def demo_files() -> list[Path]:
    """The demo workbooks in load order: the plan first, then reports by period."""
    files = sorted(DEMO_DIR.glob("*.xlsx"))
    return sorted(files, key=lambda p: (0 if "ke-hoach" in p.name else 1, p.name))


def cmd_demo(database: Path | None, province: bool = False) -> int:
    if cmd_init(database) != 0:
        return 1
    options = Options(uploaded_by="Dữ liệu mẫu (demo)", is_demo=True)
    results = load_files(demo_files(), options, database)
    for r in results:
        _print_result(r)
    if not any(r.status == "rejected" for r in results):
        with db.writing(db.db_path(database)) as con:
            criteria.install_demo(con)  # the criteria, links and documents of the demo (#17)
    if province and not any(r.status == "rejected" for r in results):
        return units.main_demo(database)
    return 1 if any(r.status == "rejected" for r in results) else 0


def _alias_table(rows: list[aliases.Alias]) -> str:
    header = ("Tên gọi", "Mã", "Phòng, đơn vị", "Đơn vị", "Người thêm", "Thời điểm")
    lines = [
        (
            r.alias,
            r.code,
            r.name,
            r.unit or aliases.EVERY_UNIT_LABEL,
            r.added_by or "",
            r.added_at.strftime("%d/%m/%Y %H:%M"),
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=False)]
    out = []
    for line in [header, tuple("-" * w for w in widths), *lines]:
        out.append("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(out)


def cmd_alias(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    actor = audit.command_line(args.as_name)
    who = actor.label() if args.as_name else f"{getpass.getuser()} (dòng lệnh)"
    try:
        with db.writing(path) as con:
            migrate(con)
            if args.alias_command == "add":
                row = aliases.add_alias(con, args.text, args.code, args.unit, who, actor)
                scope = row.unit or aliases.EVERY_UNIT_LABEL
                print(f"✓ Đã ghi nhớ: '{row.alias}' là {row.name} ({row.code}), {scope}.")
            elif args.alias_command == "remove":
                if not aliases.remove_alias(con, args.text, args.unit, actor):
                    scope = f"đơn vị {args.unit}" if args.unit else aliases.EVERY_UNIT_LABEL
                    print(
                        f"✗ Không có tên '{args.text}' nào đã ghi nhớ cho {scope}. "
                        "Cách sửa: xem danh sách bằng: python -m etl alias list",
                        file=sys.stderr,
                    )
                    return 1
                print(f"✓ Đã bỏ tên '{args.text}'.")
            else:
                rows = aliases.list_aliases(con, args.unit)
                if rows:
                    print(_alias_table(rows))
                else:
                    print("Chưa ghi nhớ tên gọi nào.")
    except (db.DatabaseBusy, db.DatabaseMissing, Rejected) as exc:
        return failures.refused(exc, "Không thực hiện được")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    """Roles from the command line: how the first administrator is named before anyone can
    log in (the command line is the machine's own administrator)."""
    actor = audit.command_line(args.as_name)
    try:
        with db.writing(db.db_path(args.db)) as con:
            migrate(con)
            if args.users_command == "add":
                grant = roles.set_role(
                    con,
                    roles.Grant(
                        args.login, args.role, args.unit, args.province, args.department, args.name
                    ),
                    actor,
                )
                print(f"✓ {grant.login}: {grant.label}.")
            elif args.users_command == "remove":
                if not roles.remove_role(con, args.login, actor):
                    print(
                        f"✗ {args.login} chưa có vai trò nào. Cách sửa: xem danh sách bằng: "
                        "python -m etl users list",
                        file=sys.stderr,
                    )
                    return 1
                print(f"✓ Đã thu hồi vai trò của {args.login}.")
            else:
                granted = roles.list_roles(con)
                for g in granted:
                    print(f"{g.login}\t{g.label}" + (f"\t{g.name}" if g.name else ""))
                if not granted:
                    print("Chưa có người dùng nào được phân quyền.")
    except (db.DatabaseBusy, db.DatabaseMissing, Rejected) as exc:
        return failures.refused(exc, "Không thực hiện được")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        if args.command == "restore":
            result = backup.restore(args.file, args.db, actor=audit.command_line(args.as_name))
        else:
            result = backup.backup(
                args.db, args.dir, auto=args.auto, keep=args.keep, reason=args.reason
            )
    except backup.BackupFailed as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ {result.message}")
    for p in result.removed:
        print(f"  · đã xóa bản sao lưu tự động cũ {p.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("backup", "restore"):
        return cmd_backup(args)
    if args.command == "check":
        return cmd_check(args.db)
    if args.command == "archive":
        return cmd_archive(args)
    if args.command == "rebuild":
        return cmd_rebuild(args)
    if args.command == "init":
        return cmd_init(args.db)
    if args.command == "load":
        return cmd_load(args)
    if args.command == "alias":
        return cmd_alias(args)
    if args.command == "users":
        return cmd_users(args)
    if args.command == "units":
        return units.main(args)
    return cmd_demo(args.db, args.province)
