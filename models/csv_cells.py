"""Cells of the CSV files the project writes, made safe to open in a spreadsheet, and read back.

Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab or carriage
return before one) as a formula: a talk titled `=HYPERLINK("http://evil.example", "Slides")`
would become a live link in every planner's copy of the grid. Following OWASP's guidance on CSV
injection, such a cell is written with a leading apostrophe, which spreadsheets read as "this is
text". A plain number (`-5`, `+1.5`) runs nothing and is left alone, and the project's times
and dates never begin with those characters.

The grid reader undoes exactly that apostrophe, so `amj-solve check` reads back every name as
it was written in the instance. A cell that already began with apostrophes before such a
character gets one more, so that undoing one is always right.
"""

from __future__ import annotations

import re

_FORMULA_START = re.compile("'*[=+\\-@\t\r]")
"""A cell that begins, after any apostrophes, with a character that starts a formula."""
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def spreadsheet_safe(cell: str) -> str:
    """The cell as written to a CSV file: with a leading apostrophe when it could run as a formula."""
    if _FORMULA_START.match(cell) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def as_written(cell: str) -> str:
    """The cell's value before `spreadsheet_safe`: one leading apostrophe fewer when it added one."""
    if cell.startswith("'") and _FORMULA_START.match(cell):
        return cell[1:]
    return cell
