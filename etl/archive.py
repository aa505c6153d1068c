"""The archive of uploaded originals beside the database: `<db dir>/archive/ab/<sha256>.xlsx`.

A file is written to a temporary `.part` name, synced and renamed, so a crash leaves either
the whole file or a `.part`; a file found at the target is trusted only when its hash agrees.
`orphans` lists what no upload refers to (a crash between the archive and the commit) and
`clean` removes it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cchc.files import PART, write_durably

JOURNAL = "journal.jsonl"


def archive_dir(database: Path) -> Path:
    return database.parent / "archive"


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def store(target: Path, data: bytes, digest: str) -> None:
    """Keep `data` at `target` unless a file with the same hash is already there."""
    try:
        if target.is_file() and file_hash(target) == digest:
            return
    except OSError:
        pass  # unreadable: written again
    write_durably(target, data)


def archived_files(database: Path) -> list[Path]:
    """Every archived original (not the journal, not a `.part`)."""
    root = archive_dir(database)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*") if p.is_file() and not p.name.endswith(PART))


def part_files(database: Path) -> list[Path]:
    root = archive_dir(database)
    return sorted(root.rglob(f"*{PART}")) if root.is_dir() else []


def orphans(database: Path, referenced: set[str]) -> list[Path]:
    """Archived files no upload refers to (by hash), and leftover `.part` files."""
    loose = [p for p in archived_files(database) if p.name.split(".")[0] not in referenced]
    return loose + part_files(database)


def clean(database: Path, referenced: set[str]) -> list[Path]:
    """Remove the orphans; returns what was removed."""
    removed = []
    for p in orphans(database, referenced):
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed
