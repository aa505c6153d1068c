"""What an office sets once for its documents: who receives the periodic report, where it is
filed ("Lưu: VT, VHXH") and who signs. A TOML file beside the database (`cai-dat.toml`), or the
file $CCHC_SETTINGS names; every key is optional:

    [bao_cao]
    luu = "VT, VHXH"
    noi_nhan = ["Sở Nội vụ tỉnh (để báo cáo)", "Các phòng, đơn vị thuộc UBND phường"]
    ky = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cchc import db

FILE_NAME = "cai-dat.toml"
DEFAULT_RECIPIENTS = (
    "Sở Nội vụ tỉnh (để báo cáo)",
    "TT Đảng ủy, TT HĐND phường (để báo cáo)",
    "Chủ tịch, các PCT UBND phường",
    "Các phòng, đơn vị thuộc UBND phường",
)


class SettingsError(Exception):
    """A settings file that cannot be used, with a Vietnamese message saying how to fix it."""


@dataclass(frozen=True)
class ReportSettings:
    filing: str = "VT"
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS
    signature: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def settings_path(database: Path | None = None) -> Path:
    chosen = os.environ.get("CCHC_SETTINGS")
    return Path(chosen) if chosen else db.db_path(database).parent / FILE_NAME


def _texts(section: dict, key: str, path: Path) -> tuple[str, ...] | None:
    value = section.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SettingsError(
            f"Tệp cài đặt {path}: mục [bao_cao] {key} phải là một danh sách chữ, ví dụ "
            f'{key} = ["…", "…"].'
        )
    return tuple(v.strip() for v in value)


def report_settings(database: Path | None = None) -> ReportSettings:
    """The report settings of the database's office (defaults when there is no file)."""
    path = settings_path(database)
    if not path.is_file():
        return ReportSettings()
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("bao_cao", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(
            f"Tệp cài đặt {path} không đọc được ({exc}). Sửa tệp theo mẫu trong README "
            "(mục Xuất bản) hoặc xóa tệp để dùng cài đặt mặc định."
        ) from exc
    defaults = ReportSettings()
    filing = _texts(section, "luu", path)
    return ReportSettings(
        filing=", ".join(filing) if filing else defaults.filing,
        recipients=_texts(section, "noi_nhan", path) or defaults.recipients,
        signature=_texts(section, "ky", path) or defaults.signature,
    )
