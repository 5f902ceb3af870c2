"""`amj-solve solve INSTANCE` (and `amj-solve INSTANCE`): place every talk, check the schedule
independently, and write the grid and the program for apps and calendars."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path

import click

from .cli_check import read_grid_or_exit
from .cli_common import (
    exit_when_unwritable,
    folder_usable_or_exit,
    load_or_exit,
    plan_or_exit,
    replan_or_exit,
    schedule_or_exit,
    solver_options,
    terminal,
    wishes_option,
)
from .cli_publish import as_of_option
from .models.names import visible
from .reports import render_grid, render_solve_summary, write_published_grid
from .reports.attendee_report import render_attendees
from .reports.publish import SOLVE_FILES
from .reports.replan_report import render_replan
from .solver import SolveOptions


@click.command("solve", short_help="Solve INSTANCE: the best grid, checked, and the program for apps and calendars.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for grid.csv, grid.html and schedule.xml/.json/.ics [default: out/<instance name>/].",
)
@solver_options
@click.option("--quiet", "-q", is_flag=True, help="Print only the outcome and the files written, not the grid.")
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Apply this scenario file first (repeatable, in order).",
)
@click.option(
    "--keep",
    "keep_path",
    type=click.Path(path_type=Path),
    help="Re-plan keeping as many placements of this earlier grid.csv as possible.",
)
@as_of_option
@wishes_option
def solve_command(
    instance_path: Path,
    out_dir: Path | None,
    time_limit: float,
    seed: int,
    workers: int,
    quiet: bool,
    scenarios: tuple[Path, ...],
    keep_path: Path | None,
    as_of: dt.datetime | None,
    wishes_path: Path | None,
) -> None:
    """Solve INSTANCE and write the grid (CSV, HTML) and the program for apps and calendars
    (schedule.xml, schedule.json, schedule.ics). `amj-solve publish` adds the workbook, door
    signs, itineraries and a calendar per room and speaker once the grid is settled.

    With --keep, the fewest placements of the earlier grid move (each move is printed with
    the reason it could not stay); the soft rules decide only among plans with that many moves.
    """
    out = terminal()
    err = terminal(stderr=True)
    instance = load_or_exit(instance_path, err, scenarios, wishes_path)
    target = out_dir or Path("out") / instance_path.stem
    folder_usable_or_exit(target, err, SOLVE_FILES)
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers)
    earlier = read_grid_or_exit(keep_path, instance, err, set_aside_unknown_talks=True) if keep_path else None
    with (
        err.status(f"Solving {instance.conference.name} ({len(instance.talks)} talks)...")
        if not quiet
        else nullcontext()
    ):
        if earlier is None:
            replanned = None
            planned = plan_or_exit(instance, options, err)
        else:
            replanned = replan_or_exit(instance, earlier.schedule, earlier.set_aside, options, err)
            planned = replanned.plan
    schedule, score = schedule_or_exit(instance_path, instance, planned, time_limit, err, scenarios)

    if not quiet:
        render_grid(out, instance, schedule)
    render_solve_summary(out, planned.outcome, score, detailed=not quiet)
    render_attendees(out, planned.attendees, detailed=not quiet)
    if replanned is not None and keep_path is not None:
        render_replan(out, instance, replanned, keep_path)
    try:
        written = write_published_grid(target, instance, schedule, as_of=as_of.date() if as_of else None)
    except OSError as error:
        exit_when_unwritable(target, error, err)
    for path in written:
        out.print(f"wrote {visible(str(path))}", soft_wrap=True)
