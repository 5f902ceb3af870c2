"""The published grid as a table: the contract that `grid.csv` is written from."""

from __future__ import annotations

import pandas as pd
from amj_scheduler.models import Instance, Schedule

from .grid_table import GRID_COLUMNS, grid_rows
from .program import program_entries


def grid_frame(instance: Instance, schedule: Schedule) -> pd.DataFrame:
    """One row per placed talk occurrence and per fixed item, every value a string; the talks a
    session holds follow its row, kind `contained` (a reader of the grid skips them).

    Rows come sorted by day, start, room name (no room first), session id and occurrence, so
    the same schedule always yields the same table, and the same CSV bytes.
    """
    return pd.DataFrame(grid_rows(program_entries(instance, schedule)), columns=list(GRID_COLUMNS), dtype=object)
