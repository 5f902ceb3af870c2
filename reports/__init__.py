"""Report writers: an `Instance` plus a `Schedule` turned into the published grid
(`grid.csv`, `grid.html`, and a grid in the terminal), and alternative schedules compared
(`compare.csv`, `compare.html`, and a comparison in the terminal)."""

from .atomic import write_atomically
from .compare_csv import comparison_csv_text
from .compare_figures import comparison_figures
from .compare_html import render_comparison_html
from .compare_publish import write_comparison
from .compare_terminal import render_comparison
from .comparison import Alternative, differing_occurrences
from .csv_report import write_grid_csv
from .grid import grid_frame
from .html import render_html
from .publish import write_published_grid
from .summary import render_solve_summary
from .terminal import render_grid

__all__ = [
    "Alternative",
    "comparison_csv_text",
    "comparison_figures",
    "differing_occurrences",
    "grid_frame",
    "render_comparison",
    "render_comparison_html",
    "render_grid",
    "render_html",
    "render_solve_summary",
    "write_atomically",
    "write_comparison",
    "write_grid_csv",
    "write_published_grid",
]
