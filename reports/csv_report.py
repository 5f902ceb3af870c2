"""`grid.csv`: the published grid for spreadsheets and for other programs to read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import write_atomically
from .grid_table import GRID_COLUMNS, grid_rows_csv_text


def grid_csv_text(frame: pd.DataFrame) -> str:
    """The CSV as text: header first, RFC 4180 minimal quoting, "\\n" line ends.

    Written with the csv module rather than `DataFrame.to_csv` so that the quoting rules are
    the standard library's documented ones and the output is identical across pandas versions.
    """
    if tuple(frame.columns) != GRID_COLUMNS:
        raise ValueError(
            f"a grid frame has the columns {', '.join(GRID_COLUMNS)}; got {', '.join(map(str, frame.columns))}"
        )
    return grid_rows_csv_text(frame.itertuples(index=False, name=None))


def write_grid_csv(path: Path | str, frame: pd.DataFrame) -> Path:
    """Write `frame` as UTF-8 (no BOM) CSV, atomically; identical frames give identical bytes."""
    return write_atomically(path, grid_csv_text(frame))
