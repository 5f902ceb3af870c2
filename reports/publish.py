"""Publishing: `grid.csv` and `grid.html` written together, or not at all."""

from __future__ import annotations

from pathlib import Path

from amj_scheduler.models import Instance, Schedule

from .atomic import write_all_atomically
from .csv_report import grid_csv_text
from .grid import grid_frame
from .html import render_html

PUBLISHED_FILES = ("grid.csv", "grid.html")
"""What a solve writes into its --out folder (the CLI checks the folder can take them before solving)."""


def write_published_grid(
    out_dir: Path | str, instance: Instance, schedule: Schedule, *, subtitle: str = ""
) -> list[Path]:
    """Write `grid.csv` and `grid.html` into `out_dir` (created if needed); return their paths.

    Both files are rendered in memory before anything touches the disk, so a render that
    fails leaves the previous grid (or no folder at all) in place, not a CSV without its page.
    """
    csv_text = grid_csv_text(grid_frame(instance, schedule))
    html_text = render_html(instance, schedule, subtitle=subtitle)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    csv_name, html_name = PUBLISHED_FILES
    return write_all_atomically({folder / csv_name: csv_text, folder / html_name: html_text})
