"""Error cells of a legacy .xls (BIFF) workbook, which calamine reads as blank.

An .xlsx says in its sheet XML which cells hold an error value (etl/workbook.py reads that); an
.xls keeps it in BIFF records that calamine turns into ''. xlrd reads those records and types
each cell, so a stored '#DIV/0!' becomes a Problem at its cell instead of a missing value.
Best effort, like the .xlsx marks: a workbook xlrd cannot read gives {} and calamine's reading
(which has already succeeded) stands.
"""

from __future__ import annotations

import logging

import xlrd

log = logging.getLogger("etl")


def error_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name: {(row, column) 0-based: '#DIV/0!' …}, only sheets that have any."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Quiet())
    except Exception:  # xlrd raises many kinds on files calamine accepted; nothing to add
        log.debug("xlrd could not read the workbook", exc_info=True)
        return {}
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            errors = {
                (r, c): xlrd.error_text_from_code.get(code, "#N/A")
                for r in range(sheet.nrows)
                for c, (kind, code) in enumerate(
                    zip(sheet.row_types(r), sheet.row_values(r), strict=True)
                )
                if kind == xlrd.XL_CELL_ERROR
            }
            if errors:
                out[sheet.name] = errors
            book.unload_sheet(index)
    except Exception:
        log.debug("xlrd could not read a sheet", exc_info=True)
    finally:
        book.release_resources()
    return out


class _Quiet:
    """xlrd writes warnings about odd records to a log file; they are not the user's."""

    def write(self, text: str) -> None:
        pass
