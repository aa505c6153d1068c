"""Writing files so that a crash leaves either the old file or the new one, never half of one:
a temporary name beside the target, fsync, rename, then fsync of the folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

PART = ".part"  # the suffix of a file still being written


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


def _durably(target: Path, fill: Callable[[BinaryIO], object], tmp_suffix: str = PART) -> None:
    """Fill a temporary file beside `target`, fsync it, rename it over the target and fsync
    the folder; on any failure no temporary file is left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + tmp_suffix)
    try:
        with tmp.open("wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def durable_copy(source: Path, target: Path) -> None:
    """Copy `source` to `target` durably."""
    with source.open("rb") as src:
        _durably(target, lambda f: shutil.copyfileobj(src, f, 1 << 20))


def write_durably(target: Path, data: bytes) -> None:
    """Write `data` to `target` durably (through `<target>.<pid>.part`)."""
    _durably(target, lambda f: f.write(data), f".{os.getpid()}{PART}")
