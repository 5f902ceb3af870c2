"""Report writers: an `Instance` plus a `Schedule` turned into the published grid
(`grid.csv`, `grid.html`, and a grid in the terminal)."""

from .atomic import write_atomically
from .csv_report import write_grid_csv
from .grid import grid_frame
from .html import render_html
from .publish import write_published_grid
from .summary import render_solve_summary
from .terminal import render_grid

__all__ = [
    "grid_frame",
    "render_grid",
    "render_html",
    "render_solve_summary",
    "write_atomically",
    "write_grid_csv",
    "write_published_grid",
]
