"""Office files to PDF through LibreOffice (headless), when it is installed.

`soffice` exits 0 even when it fails, so success is judged by the PDF it leaves behind. Each
conversion gets its own LibreOffice profile: two conversions sharing one fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; tệp Word/PowerPoint vẫn tải về "
    "được và mở bình thường. Để có PDF, quản trị hệ thống cài bằng lệnh: sudo apt-get install "
    "-y --no-install-recommends libreoffice-writer-nogui libreoffice-impress-nogui "
    "(hoặc chạy make system-deps trong thư mục dự án)."
)
FAILED = (
    "LibreOffice không chuyển được tệp sang PDF ({why}). Hãy thử lại; nếu lỗi còn, tải tệp "
    "Word/PowerPoint về và dùng chức năng Lưu thành PDF của Office."
)
TIMEOUT_S = 180


class OfficeError(Exception):
    """No PDF could be made; the message says why and what to do, in Vietnamese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice_path() is not None


def to_pdf(data: bytes, suffix: str) -> bytes:
    """The PDF of an Office document given as bytes (suffix '.docx' or '.pptx')."""
    soffice = soffice_path()
    if soffice is None:
        raise OfficeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"tai-lieu{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_S, env=_env(work)
            )
        except subprocess.TimeoutExpired as exc:
            raise OfficeError(FAILED.format(why=f"quá {TIMEOUT_S} giây")) from exc
        pdf = work / "out" / "tai-lieu.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            raise OfficeError(FAILED.format(why=why[-1] if why else "không rõ lý do"))
        return pdf.read_bytes()


def _env(home: Path) -> dict[str, str]:
    """A writable HOME for LibreOffice, whatever the server's own HOME is."""
    env = dict(os.environ)
    env["HOME"] = str(home)
    return env
