"""Writing files so that a crash leaves either the old file or the new one, never half of one:
a temporary name beside the target, fsync, rename, then fsync of the folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def durable_copy(source: Path, target: Path) -> None:
    """Copy `source` to `target` durably; on any failure no `.part` file is left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + PART)
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
