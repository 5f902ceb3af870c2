"""Publishing a comparison: `compare.csv` and `compare.html` written together, or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .atomic import write_all_atomically
from .compare_csv import comparison_csv_text
from .compare_html import render_comparison_html
from .comparison import Alternative

COMPARISON_FILES = ("compare.csv", "compare.html")
"""What a comparison writes into its --out folder (the CLI checks the folder can take them before solving)."""


def write_comparison(out_dir: Path, alternatives: Sequence[Alternative]) -> list[Path]:
    """Write `compare.csv` and `compare.html` into `out_dir` (created if needed); return their paths.

    Both files are rendered in memory before anything touches the disk, so a render that
    fails leaves the previous comparison (or no folder at all) in place.
    """
    csv_text = comparison_csv_text(alternatives)
    html_text = render_comparison_html(alternatives)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    csv_name, html_name = COMPARISON_FILES
    return write_all_atomically({folder / csv_name: csv_text, folder / html_name: html_text})
