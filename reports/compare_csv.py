"""`compare.csv`: every talk occurrence with where each alternative puts it, for spreadsheets.

One row per occurrence that any alternative places (not only the differing ones), so a
planner can filter and sort the whole comparison; a blank group of cells means that
alternative does not place the occurrence.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..models.csv_cells import spreadsheet_safe
from .comparison import Alternative, aligned_occurrences, comparable
from .formatting import clock

PLACE_FIELDS = ("day", "start", "slot", "room")
"""Per alternative, after session_id, title and occurrence: `<name> day`, `<name> start`, ..."""


def _header(alternatives: Sequence[Alternative]) -> list[str]:
    return ["session_id", "title", "occurrence"] + [
        f"{alternative.name} {field}" for alternative in comparable(alternatives) for field in PLACE_FIELDS
    ]


def comparison_csv_text(alternatives: Sequence[Alternative]) -> str:
    """The CSV as text: rows sorted by talk id, then occurrence; RFC 4180 minimal quoting, "\\n" line
    ends; no cell, header included, that a spreadsheet would run as a formula (`models.csv_cells`).

    Rows are built from the alignment alone, never from dict or set order, so the same
    alternatives always give the same bytes.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([spreadsheet_safe(cell) for cell in _header(alternatives)])
    for row in aligned_occurrences(alternatives):
        cells = [row.talk, row.title, str(row.occurrence)]
        for place in row.places:
            if place is None:
                cells += [""] * len(PLACE_FIELDS)
            else:
                cells += [place.day.isoformat(), clock(place.start), place.slot, place.room]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()
