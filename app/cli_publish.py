"""`amj-solve publish INSTANCE GRID.csv`: hand a settled grid to everyone who reads it.

The grid must pass the independent checker first: a grid that breaks a hard rule gets the same
findings as `amj-solve check`, exit 1, and nothing is written. Then every file is rendered in
memory and all are written together (see `reports.publish`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from .checker import find_violations, score_schedule
from .cli_check import EXIT_HARD_RULE_BROKEN, read_grid_or_exit
from .cli_common import exit_when_unwritable, folder_usable_or_exit, load_or_exit, terminal
from .models.names import visible
from .reports.check_report import render_violations, verdict_text
from .reports.publish import SOLVE_FILES, published_files, write_published

GROUPED = ("rooms", "speakers")
"""Folders of one file per room or person: listed by count, not file by file."""


def as_of_option(command: Callable[..., None]) -> Callable[..., None]:
    """`--as-of DATE`, the date every published file is stamped with."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="The date the published files are stamped with, YYYY-MM-DD [default: the date of "
        "$SOURCE_DATE_EPOCH when set, else today].",
    )(command)


@click.command("publish", short_help="Publish a checked GRID.csv: apps, calendars, door signs, itineraries.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.argument("grid_path", metavar="GRID.csv", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to publish into [default: out/<instance name>/]. GRID.csv itself is never replaced.",
)
@as_of_option
def publish_command(instance_path: Path, grid_path: Path, out_dir: Path | None, as_of: dt.datetime | None) -> None:
    """Publish GRID.csv, a grid of INSTANCE that passes `amj-solve check`, in every form people read.

    \b
    grid.csv, grid.html, grid.xlsx        the grid: spreadsheets, screens, phones and paper
    schedule.xml, schedule.json           conference apps (Giggity, ConfClerk, EventFahrplan), pretalx
    schedule.ics, rooms/*.ics, speakers/*.ics
                                          calendars: everything, each room, each speaker
    doors.html                            a door sign per room and day, one printed page each
    itineraries.html                      each speaker's itinerary, one printed page each

    \b
    Exit 0: published.
    Exit 1: the grid breaks a hard rule (the findings of `check`); nothing is written.
    Exit 2: a file cannot be read or written; nothing is written.
    """
    out = terminal()
    err = terminal(stderr=True)
    instance = load_or_exit(instance_path, err)
    grid = read_grid_or_exit(grid_path, instance, err)
    violations = find_violations(instance, grid.schedule)
    if violations:
        err.print(
            Text.assemble(
                ("Not published:", "bold red"),
                f" {visible(str(grid_path))} breaks a hard rule of {visible(str(instance_path))}.",
            ),
            soft_wrap=True,
        )
        render_violations(err, violations, grid.line_of)
        err.print(verdict_text(violations, score_schedule(instance, grid.schedule)), soft_wrap=True)
        sys.exit(EXIT_HARD_RULE_BROKEN)
    target = out_dir or Path("out") / instance_path.stem
    folder_usable_or_exit(target, err, SOLVE_FILES)
    stamp, files = published_files(instance, grid.schedule, as_of=as_of.date() if as_of else None, handouts=True)
    try:
        written = write_published(target, files, leave_alone=grid_path)
    except OSError as error:
        exit_when_unwritable(target, error, err)
    out.print(f"Published {instance.conference.name}, {stamp.text}.", soft_wrap=True)
    if len(written) < len(files):
        out.print(f"kept {visible(str(grid_path))} as it is (the grid published)", soft_wrap=True)
    _report_written(out, target, written)


def _report_written(console: Console, target: Path, written: list[Path]) -> None:
    """`wrote PATH` for each file at the top of the folder; one line per folder of many."""
    grouped: dict[str, list[Path]] = {}
    for path in written:
        folder = path.relative_to(target).parts[0] if path.parent != target else ""
        if folder in GROUPED:
            grouped.setdefault(folder, []).append(path)
        else:
            console.print(f"wrote {visible(str(path))}", soft_wrap=True)
    for folder, paths in grouped.items():
        kinds = ", ".join(sorted({f"*{path.suffix}" for path in paths}))
        console.print(f"wrote {visible(str(target / folder))}/ ({len(paths)} files: {kinds})", soft_wrap=True)
