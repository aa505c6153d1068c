"""Workbooks with what openpyxl cannot write: a cell's stored formula with its cached result,
an error value, an external link (the cell's XML is rewritten inside the .xlsx)."""

from __future__ import annotations

import io
import re
import zipfile


def with_cell(data: bytes, sheet: int, ref: str, inner: str, kind: str | None = None) -> bytes:
    """`data` with cell `ref` of the `sheet`-th sheet (1-based) replaced by `<c r=ref t=kind>
    inner</c>`, e.g. inner='<f>NOW()</f><v>46353.9</v>'."""
    name = f"xl/worksheets/sheet{sheet}.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == name:
                body = _replace(body.decode("utf-8"), ref, inner, kind).encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def _replace(xml: str, ref: str, inner: str, kind: str | None) -> str:
    t = f' t="{kind}"' if kind else ""
    cell = f'<c r="{ref}"{t}>{inner}</c>'
    pattern = re.compile(rf'<c r="{ref}"(?:\s[^>]*)?(?:/>|>.*?</c>)', re.S)
    if pattern.search(xml):
        return pattern.sub(lambda _: cell, xml, count=1)
    row = int(re.sub(r"\D", "", ref))
    return re.sub(
        rf'(<row r="{row}"[^>]*>)(.*?)(</row>)',
        lambda m: m[1] + m[2] + cell + m[3],
        xml,
        count=1,
        flags=re.S,
    )
