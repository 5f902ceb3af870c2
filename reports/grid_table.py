"""The published grid's rows as text: the contract `grid.csv` is written from, and the rows of the
workbook's flat sheet. Kept apart from the DataFrame of `grid.py`, so that publishing needs no pandas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..models.csv_cells import spreadsheet_safe
from .formatting import clock
from .program import ProgramEntry

GRID_COLUMNS = (
    "day",
    "start",
    "end",
    "slot",
    "room",
    "kind",
    "session_id",
    "title",
    "speakers",
    "audience",
    "occurrence",
)


def grid_rows(entries: list[ProgramEntry]) -> list[list[str]]:
    """The grid's rows as text, in the order of `GRID_COLUMNS`: what grid.csv and the workbook's flat
    sheet hold. The talks a session holds follow its row."""
    return [_row(part) for entry in entries for part in (entry, *entry.contains)]


def grid_rows_csv_text(rows: Iterable[Sequence[str]]) -> str:
    """The grid's rows (in the order of `GRID_COLUMNS`) as CSV text, header first, with no cell a
    spreadsheet would run as a formula (`models.csv_cells`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(GRID_COLUMNS)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _row(entry: ProgramEntry) -> list[str]:
    return [
        entry.day.isoformat(),
        clock(entry.start),
        clock(entry.end),
        " + ".join(dict.fromkeys(slot.label for slot in entry.slots)),  # a window's steps share one label
        entry.room_name,
        entry.kind,
        entry.session_id,
        entry.title,
        "; ".join(entry.speakers),
        entry.audience,
        "" if entry.occurrence is None else str(entry.occurrence),
    ]
