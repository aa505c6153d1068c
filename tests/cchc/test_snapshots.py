"""Pages read the copy published at the end of every write, so a load never makes them wait
(issue #16, finding 7); a copy that is not fresh is never read when the main file is free."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from cchc import db, snapshots

HOLD_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT INTO t VALUES (99)")  # committed, not yet checkpointed or published
print("holding", flush=True)
sys.stdin.readline()
con.close()
"""


def _values(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [v for (v,) in con.execute("SELECT v FROM t ORDER BY v").fetchall()]


def _file_of(con: duckdb.DuckDBPyConnection) -> Path:
    (path,) = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(path)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "cchc.duckdb"
    with db.writing(path) as con:
        con.execute("CREATE TABLE t (v INTEGER)")
        con.execute("INSERT INTO t VALUES (1)")
    return path


def test_a_write_publishes_a_fresh_copy_that_pages_read(database: Path) -> None:
    copy = snapshots.newest(database)
    assert copy is not None and snapshots.is_fresh(copy, database)
    with db.reading(database) as con:
        assert _file_of(con) == copy
        assert _values(con) == [1]
    with db.reading_file(database) as con:  # checks and backups look at the file itself
        assert _file_of(con) == database


def test_a_reader_does_not_wait_for_a_writer_of_another_process(database: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with db.reading(database, wait=0) as con:  # no waiting allowed: before, DatabaseBusy
            assert _values(con) == [1]  # the state before the write, never half of it
        with pytest.raises(db.DatabaseBusy), db.reading_file(database, wait=0):
            pass
    finally:
        holder.communicate("\n", timeout=30)
    with db.reading(database, wait=0) as con:  # it stopped without publishing: the file
        assert _values(con) == [1, 99]
        assert _file_of(con) == database


def test_a_reader_does_not_wait_for_a_writer_of_its_own_process(database: Path) -> None:
    inside, release, seen = threading.Event(), threading.Event(), []

    def write() -> None:
        with db.writing(database) as con:
            con.execute("INSERT INTO t VALUES (2)")
            inside.set()
            release.wait(30)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert inside.wait(30)
        with db.reading(database, wait=0) as con:
            seen.append(_values(con))
    finally:
        release.set()
        writer.join(30)
    assert seen == [[1]]
    with db.reading(database) as con:
        assert _values(con) == [1, 2]


def test_a_copy_left_stale_is_not_read_when_the_file_is_free(database: Path) -> None:
    con = duckdb.connect(str(database))  # a tool writing the file without publishing
    con.execute("INSERT INTO t VALUES (3)")
    con.close()
    copy = snapshots.newest(database)
    assert copy is not None and not snapshots.is_fresh(copy, database)
    with db.reading(database) as con:
        assert _values(con) == [1, 3]


def test_a_copy_that_cannot_be_written_leaves_the_write_committed(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: Path, target: Path) -> None:
        target.with_name(target.name + ".part").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshots, "durable_copy", full)
    with db.writing(database) as con:  # no exception: the write has committed
        con.execute("INSERT INTO t VALUES (4)")
    with db.reading(database) as con:
        assert _values(con) == [1, 4]
        assert _file_of(con) == database


def test_old_copies_are_pruned_and_the_version_moves_with_each_publish(database: Path) -> None:
    versions = {db.data_version(database)}
    for v in range(5, 9):
        with db.writing(database) as con:
            con.execute("INSERT INTO t VALUES (?)", [v])
        versions.add(db.data_version(database))
    assert len(versions) == 5
    left = snapshots.copies(database)
    assert len(left) == snapshots.KEEP
    assert snapshots.is_fresh(left[-1], database)
    assert not list(snapshots.folder(database).glob("*.part"))


def test_a_write_that_fails_publishes_nothing(database: Path) -> None:
    before = snapshots.copies(database)
    with pytest.raises(duckdb.Error), db.writing(database) as con:
        con.execute("INSERT INTO missing VALUES (1)")
    assert snapshots.copies(database) == before


def test_a_reader_in_flight_keeps_its_copy_while_a_newer_one_is_published(
    database: Path,
) -> None:
    with db.reading(database) as first:
        first_copy = _file_of(first)
        with db.writing(database) as con:
            con.execute("INSERT INTO t VALUES (10)")
        with db.reading(database) as second:
            assert _file_of(second) != first_copy
            assert _values(second) == [1, 10]
        assert _values(first) == [1]  # still open, still the state it started with
    with db.reading(database) as again:  # one open copy per database, the newest
        assert _file_of(again) == snapshots.newest(database)
        assert db._held[database].copy == snapshots.newest(database)
