"""`amj-solve check INSTANCE GRID.csv`: judge a grid a planner edited by hand, before it is published.

The grid goes to the same independent checker as every solver schedule. Exit 0 when every
hard rule holds, 1 when one is broken, 2 when a file cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from .checker import attendee_figures, find_violations, score_schedule
from .cli_common import EXIT_INFEASIBLE, exit_with_input_error, load_or_exit, terminal, wishes_option
from .models import InputError, Instance
from .models.grid_csv import GridFile, read_grid_file
from .models.names import visible
from .reports.check_report import render_check

EXIT_HARD_RULE_BROKEN = EXIT_INFEASIBLE
"""The same code as "no schedule exists": in both, the hard rules do not all hold."""


@click.command("check", short_help="Check a hand-edited GRID.csv against INSTANCE.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.argument("grid_path", metavar="GRID.csv", type=click.Path(path_type=Path))
@wishes_option
def check_command(instance_path: Path, grid_path: Path, wishes_path: Path | None) -> None:
    """Check GRID.csv, a grid edited by hand, against INSTANCE: every hard rule with the rows
    at fault, then the soft costs.

    \b
    Exit 0: every hard rule holds.
    Exit 1: a hard rule is broken.
    Exit 2: a file cannot be read.
    """
    out = terminal()
    err = terminal(stderr=True)
    instance = load_or_exit(instance_path, err, wishes=wishes_path)
    grid = read_grid_or_exit(grid_path, instance, err)
    out.print(
        f"Checking {visible(str(grid_path))} against {instance.conference.name} ({visible(str(instance_path))}): "
        f"{len(grid.schedule.placements)} talk rows.",
        soft_wrap=True,
    )
    violations = find_violations(instance, grid.schedule)
    score = score_schedule(instance, grid.schedule)
    render_check(out, violations, score, grid.line_of, attendee_figures(instance, grid.schedule))
    if violations:
        sys.exit(EXIT_HARD_RULE_BROKEN)


def read_grid_or_exit(
    path: Path, instance: Instance, err: Console, *, set_aside_unknown_talks: bool = False
) -> GridFile:
    try:
        return read_grid_file(path, instance, set_aside_unknown_talks=set_aside_unknown_talks)
    except InputError as error:
        exit_with_input_error(error, err)
