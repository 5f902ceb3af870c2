"""Report writers: an `Instance` plus a `Schedule` turned into the published grid
(`grid.csv`, `grid.html`, `grid.xlsx`, a grid in the terminal, and with `publish.py` the files for
apps, calendars, doors and speakers), and alternative schedules compared (`compare.csv`,
`compare.html`, and a comparison in the terminal).

Each name below is imported from its module when first used, so that a verb that only publishes
or checks never loads pandas, which the comparison's figures need (half a second of start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

MODULE_OF = {
    "Alternative": "comparison",
    "comparison_csv_text": "compare_csv",
    "comparison_figures": "compare_figures",
    "differing_occurrences": "comparison",
    "grid_frame": "grid",
    "render_comparison": "compare_terminal",
    "render_comparison_html": "compare_html",
    "render_grid": "terminal",
    "render_html": "html",
    "render_solve_summary": "summary",
    "write_atomically": "atomic",
    "write_comparison": "compare_publish",
    "write_grid_csv": "csv_report",
    "write_published_grid": "publish",
}

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


def __getattr__(name: str) -> object:
    if name not in MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{MODULE_OF[name]}", __name__), name)
