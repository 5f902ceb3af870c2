"""The published grid as a table: the contract that `grid.csv` is written from."""

from __future__ import annotations

import pandas as pd
from amj_scheduler.models import Instance, Schedule

from .formatting import clock
from .program import ProgramEntry, program_entries

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


def grid_frame(instance: Instance, schedule: Schedule) -> pd.DataFrame:
    """One row per placed talk occurrence and per fixed item, every value a string; the talks a
    session holds follow its row, kind `contained` (a reader of the grid skips them).

    Rows come sorted by day, start, room name (no room first), session id and occurrence, so
    the same schedule always yields the same table, and the same CSV bytes.
    """
    rows = [_row(part) for entry in program_entries(instance, schedule) for part in (entry, *entry.contains)]
    return pd.DataFrame(rows, columns=list(GRID_COLUMNS), dtype=object)


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
