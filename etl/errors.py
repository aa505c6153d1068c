"""One error model for every front door (command line, upload page).

A `Problem` carries its coordinates as data (sheet, Excel row number, column letter and
header, the value found), a Vietnamese message and a hint on how to fix it. Importers collect
every problem of a file; nothing is written unless the list is empty.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_VALUE_CHARS = 80


def column_letter(index: int | None) -> str:
    """0-based column index -> Excel letter ('A', 'AB'); '' when unknown."""
    if index is None:
        return ""
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int | None:
    """Excel letter -> 0-based column index ('A' -> 0, 'AB' -> 27); None when not a letter."""
    letter = letter.strip().upper()
    if not letter.isalpha() or not letter.isascii():
        return None
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def show_value(value: object) -> str:
    if value is None:
        return ""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


@dataclass(frozen=True)
class Problem:
    message: str
    hint: str = ""
    sheet: str = ""
    row: int | None = None  # Excel row number (1-based), None for a file or sheet problem
    column: str = ""  # Excel column letter
    header: str = ""  # the column's header text as written in the file
    value: str = ""
    code: str = ""  # a machine code for what is wrong ('unit_mismatch', 'placeholder'…)
    subject: str = ""  # what the problem is about, for a page to act on (an unknown name)

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            col = f"cột {self.column}"
            if self.header:
                col += f" ({self.header})"
            parts.append(col)
        return ", ".join(parts)

    def __str__(self) -> str:
        text = self.message
        if self.value:
            text += f" (giá trị: '{self.value}')"
        where = self.where()
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text = f"{text.rstrip('.')}. Cách sửa: {self.hint}"

        return text

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        return {
            "sheet": d["sheet"],
            "row": d["row"],
            "column": d["column"],
            "header": d["header"],
            "value": d["value"],
            "message": d["message"],
            "hint": d["hint"],
            "code": d["code"],
        }


def cell_problem(
    sheet: str,
    row0: int,
    col0: int | None,
    header: str,
    value: object,
    message: str,
    hint: str = "",
    code: str = "",
    subject: str = "",
) -> Problem:
    """A problem at a 0-based (row, column) of a sheet grid."""
    return Problem(
        message=message,
        hint=hint,
        sheet=sheet,
        row=row0 + 1,
        column=column_letter(col0),
        header=header,
        value=show_value(value),
        code=code,
        subject=subject,
    )


@dataclass
class Rejected(Exception):
    """A file that cannot be loaded; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
