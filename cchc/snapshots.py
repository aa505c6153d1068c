"""Published copies of the database: pages read one, so a load never makes them wait.

DuckDB lets one process hold a file read-write, and while it does nobody else may open it. So at
the end of every write, still under the write lock and after a checkpoint (the file is then
whole, with no log beside it), the writer copies the file to `<name>.read/<stamp>.duckdb`
(temporary name, fsync, rename): the *published* copy. Nobody ever writes a published copy, so
a page opens it read-only at once, whatever a loader is doing meanwhile.

The stamp is the main file's modification time and size at the copy. A copy is *fresh* while the
main file still has that stamp and no write-ahead log: then it holds exactly what the main file
holds. When it is not fresh, either a writer is at work (its lock is held: the copy is the state
before that write, which is what a reader may see until the write is published) or the main file
changed without publishing (a writer stopped between its commit and its copy, a restore, a tool
that wrote the file directly): then readers open the main file itself, as before copies existed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cchc.files import PART, durable_copy

SUFFIX = ".duckdb"
KEEP = 2  # the newest copy and the one before it (a page may still be reading that one)

log = logging.getLogger("cchc")


def folder(path: Path) -> Path:
    return path.with_name(path.name + ".read")


def wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def stamp(path: Path) -> str | None:
    """The main file's stamp, or None when it is missing or has a write-ahead log (its content
    is then not all in the file, and no copy of the file alone can be fresh)."""
    try:
        st = path.stat()
    except OSError:
        return None
    if wal(path).exists():
        return None
    return f"{st.st_mtime_ns}-{st.st_size}"


def copies(path: Path) -> list[Path]:
    """Published copies, oldest first (stamps start with the modification time)."""
    try:
        names = [p for p in folder(path).iterdir() if p.name.endswith(SUFFIX)]
    except OSError:
        return []
    return sorted(names, key=lambda p: _order(p.name))


def _order(name: str) -> tuple[int, int]:
    mtime, _, size = name.removesuffix(SUFFIX).partition("-")
    return (int(mtime), int(size)) if mtime.isdigit() and size.isdigit() else (-1, -1)


def newest(path: Path) -> Path | None:
    found = copies(path)
    return found[-1] if found else None


def is_fresh(copy: Path, path: Path) -> bool:
    return copy.name == f"{stamp(path)}{SUFFIX}"


def publish(path: Path) -> Path | None:
    """Copy the main file, whose write lock the caller holds after a checkpoint; never raises
    (the write it follows has committed: a copy that fails only leaves readers on the main
    file, through the staleness rule above)."""
    current = stamp(path)
    if current is None:
        return None
    target = folder(path) / f"{current}{SUFFIX}"
    try:
        if not target.exists():
            durable_copy(path, target)
        _prune(path, target)
    except OSError:
        log.warning("could not publish a read copy of %s", path, exc_info=True)
        return None
    return target


def _prune(path: Path, keep: Path) -> None:
    """Remove all but the newest KEEP copies and any leftover `.part` (a page that has one
    open keeps reading it: on POSIX an open file outlives its name)."""
    for old in copies(path)[:-KEEP]:
        if old != keep:
            old.unlink(missing_ok=True)
    for part in folder(path).glob(f"*{PART}"):  # under the write lock: nobody else copies
        part.unlink(missing_ok=True)


def version(path: Path) -> str:
    """What a published copy or the main file shows: changes when a load commits and again
    when it is published (the key that invalidates cached query results)."""
    found = newest(path)
    try:
        st = path.stat()
        main = f"{st.st_mtime_ns}-{st.st_size}"
    except OSError:
        main = "-"
    try:
        log_size = os.stat(wal(path)).st_size
    except OSError:
        log_size = -1
    return f"{main}|{log_size}|{found.name if found else ''}"
