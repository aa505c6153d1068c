"""A file's name never decides where its original is kept: whatever the name (a path that
climbs out, an absolute path, a device, control characters), the original lands in
`<db dir>/archive/<2 hex>/<sha256><short suffix>`, inside the archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import archive
from etl.load import Options, _archive_path, load_bytes, sha256
from tests.workbooks import plan_xlsx

HOSTILE = [
    "../../../../etc/passwd.xlsx",
    "/etc/cron.d/x.xlsx",
    "..\\..\\windows\\system32.xlsx",
    "ke-hoach.xlsx/../../../../tmp/pwn",
    "a.xlsx\x00.sh",
    "bao-cao.../../x",
    "..",
    ".xlsx",
    "con.xlsx" + "x" * 300,
]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_archive_path_stays_inside_the_archive(tmp_path: Path, name: str) -> None:
    database = tmp_path / "data" / "cchc.duckdb"
    digest = sha256(name.encode())
    target = _archive_path(digest, name, database).resolve()
    root = archive.archive_dir(database).resolve()
    assert target.is_relative_to(root)
    assert target.parent.parent == root and target.name.startswith(digest)
    assert "/" not in target.name[len(digest) :] and len(target.name) <= len(digest) + 8


def test_a_load_under_a_climbing_name_keeps_the_original_inside(tmp_path: Path) -> None:
    database = tmp_path / "data" / "cchc.duckdb"
    result = load_bytes(plan_xlsx(), "../../../evil.xlsx", Options(), database)
    assert result.status == "loaded", result.problems
    kept = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".xlsx"]
    root = archive.archive_dir(database).resolve()
    assert kept and all(p.resolve().is_relative_to(root) for p in kept)
