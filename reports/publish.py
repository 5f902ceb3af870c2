"""Publishing a grid: every file people read it in, rendered in memory, then written together.

`amj-solve INSTANCE` writes the files a planner reviews and shares while planning (`SOLVE_FILES`);
`amj-solve publish` adds the hand-outs for a settled grid: a calendar per room and per speaker,
door signs and itineraries. Nothing touches the disk until every file has rendered, and then
all are written atomically together, so a failure leaves the previous publication in place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from amj_scheduler.models import Instance, Schedule

from .atomic import write_all_atomically
from .calendar_ics import calendar_files
from .door_signs import render_door_signs
from .grid_table import grid_rows, grid_rows_csv_text
from .grid_xlsx import grid_xlsx_bytes
from .html import render_html
from .itineraries import render_itineraries
from .program import program_entries
from .published_events import published_program
from .schedule_json import schedule_json_text
from .schedule_xml import schedule_xml_text
from .stamp import Stamp, grid_stamp

SOLVE_FILES = ("grid.csv", "grid.html", "schedule.xml", "schedule.json", "schedule.ics")
"""What `amj-solve INSTANCE` writes: the grid to review, and the program for apps and calendars. The
workbook waits for `publish`: openpyxl and the render add some 0.7 s to a FOSDEM solve."""


def published_files(
    instance: Instance,
    schedule: Schedule,
    *,
    as_of: dt.date | None = None,
    handouts: bool = False,
    subtitle: str = "",
) -> tuple[Stamp, dict[str, str | bytes]]:
    """The stamp and every file by its path inside the output folder: `SOLVE_FILES`, and with
    `handouts` also `grid.xlsx`, `rooms/<id>.ics`, `speakers/<id>.ics`, `doors.html` and `itineraries.html`.

    Raises ValueError, as `program_entries` does, when the schedule does not fit the instance.
    """
    csv_text = grid_rows_csv_text(grid_rows(program_entries(instance, schedule)))
    stamp = grid_stamp(csv_text, as_of)
    program = published_program(instance, schedule)
    calendars = calendar_files(program, stamp, per_room_and_speaker=handouts)
    files: dict[str, str | bytes] = {
        "grid.csv": csv_text,
        "grid.html": render_html(instance, schedule, stamp, subtitle=subtitle),
        "schedule.xml": schedule_xml_text(program, stamp),
        "schedule.json": schedule_json_text(program, stamp),
        **calendars,  # schedule.ics first, then rooms/ and speakers/
    }
    if handouts:
        files["grid.xlsx"] = grid_xlsx_bytes(instance, schedule, stamp)
        files["doors.html"] = render_door_signs(instance, schedule, stamp)
        files["itineraries.html"] = render_itineraries(instance, schedule, stamp)
    return stamp, files


def write_published(
    out_dir: Path | str, files: dict[str, str | bytes], *, leave_alone: Path | None = None
) -> list[Path]:
    """Write `files` into `out_dir` (created if needed, with its `rooms/` and `speakers/`) as one
    atomic step; return the paths written. `leave_alone`, the grid being published, is never
    replaced, even when it is the folder's `grid.csv`."""
    folder = Path(out_dir)
    targets = {folder / name: data for name, data in files.items()}
    if leave_alone is not None:
        targets = {path: data for path, data in targets.items() if not _same_file(path, leave_alone)}
    for parent in sorted({path.parent for path in targets}):
        parent.mkdir(parents=True, exist_ok=True)
    return write_all_atomically(targets)


def write_published_grid(
    out_dir: Path | str,
    instance: Instance,
    schedule: Schedule,
    *,
    as_of: dt.date | None = None,
    subtitle: str = "",
) -> list[Path]:
    """What a solve publishes (`SOLVE_FILES`), written into `out_dir`; returns their paths."""
    _, files = published_files(instance, schedule, as_of=as_of, subtitle=subtitle)
    return write_published(out_dir, files)


def _same_file(path: Path, other: Path) -> bool:
    return path.exists() and other.exists() and path.samefile(other)
