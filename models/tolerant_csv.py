"""CSV files as spreadsheets save them, read into rows keyed by column name: grids and wish lists alike.

Planners edit these files in a spreadsheet and save them again, so the reader forgives what
spreadsheets do to a file: a byte-order mark, CRLF line ends, `;` or tab separators, extra or
reordered columns, header names in another case or spacing, blank rows and cells padded with
spaces. It does not guess at anything that changes meaning. Every row keeps the line it starts on,
so every problem can name it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .csv_cells import as_written
from .errors import InputError, Problem
from .input_files import read_input_text
from .names import unsafe_character

SEPARATORS = (",", ";", "\t")
"""Spreadsheets in many locales save "CSV" with `;`; the header line tells which one a file uses."""


@dataclass(frozen=True)
class Record:
    """One non-blank data row: its first line in the file and its cells by normalised column name."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str) -> str:
        """A column the file may leave out reads as empty."""
        return self.cells.get(column, "")


def read_records(
    path: Path, kind: str, required: tuple[str, ...], limit: int, optional: tuple[str, ...] = ()
) -> list[Record]:
    """The data rows of the file, blank ones skipped, keyed by the normalised header; `kind` names
    the file in messages ("grid", "wish list"), `limit` is the most bytes it may have. A cell is a
    name or a title, never a control character (`models.names`); one written spreadsheet-safe
    (`models.csv_cells`) reads back as it was."""
    text = read_input_text(path, f"a {kind} CSV file", limit, save_as="'CSV UTF-8'")
    first_text_line = next((line for line in text.splitlines() if line.strip()), "")
    rows = _non_blank_rows(path, text, max(SEPARATORS, key=first_text_line.count), limit)
    if not rows:
        message = f"is empty; a {kind} starts with the header {','.join(required)}"
        raise InputError(path, [Problem("file", message)])
    (header_line, headings), data = rows[0], rows[1:]
    positions = _column_positions(path, headings, header_line, kind, required, optional)
    records = [
        Record(line, {name: as_written(_cell_at(cells, at)) for name, at in positions.items()}) for line, cells in data
    ]
    unsafe = [
        Problem(column, why, record.line)
        for record in records
        for column, cell in record.cells.items()
        if (why := unsafe_character(cell))
    ]
    if unsafe:
        raise InputError(path, unsafe)
    return records


def _non_blank_rows(path: Path, text: str, separator: str, limit: int) -> list[tuple[int, list[str]]]:
    """Each row with at least one non-blank cell, cells stripped, with the line the row starts on."""
    # The csv module refuses cells over 128 KiB by default; a cell can be no larger than its file.
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True, skipinitialspace=True)
    rows = []
    row_line = 1
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if any(cells):
                rows.append((row_line, cells))
            row_line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(path, [Problem("file", _csv_error_text(error), row_line)]) from None
    return rows


def column_name(heading: str) -> str:
    """`Session ID`, `session-id` and ` SESSION_ID ` all name the column `session_id`."""
    return "_".join(heading.replace("-", " ").replace("_", " ").split()).casefold()


def _column_positions(
    path: Path, headings: list[str], line: int, kind: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, int]:
    """Where each known column is; the others are the planner's own and are ignored."""
    names = [column_name(heading) for heading in headings]
    if not set(names) & set(required):
        message = f"is not a {kind} header; expected the columns {', '.join(required)}"
        raise InputError(path, [Problem("header", message, line)])
    problems = []
    missing = [column for column in required if column not in names]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        problems.append(Problem("header", f"missing column{plural}: {', '.join(missing)}", line))
    for column in (*required, *optional):
        if names.count(column) > 1:
            problems.append(Problem("header", f"the column '{column}' appears {names.count(column)} times", line))
    if problems:
        raise InputError(path, problems)
    return {column: names.index(column) for column in (*required, *optional) if column in names}


def _cell_at(cells: list[str], position: int) -> str:
    """Spreadsheets drop empty cells at the end of a row; they read as empty."""
    return cells[position] if position < len(cells) else ""


def _csv_error_text(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return "a quoted cell that starts here is never closed"
    return f"is not valid CSV here ({error})"
