"""`amj-solve`: a thin command line over the library. It parses, calls, and formats errors.

`amj-solve INSTANCE` is short for `amj-solve solve INSTANCE`, so that further verbs
(compare, check, export) sit beside `solve` without changing how planners call it.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import click
from rich.console import Console

from .cli_check import check_command, read_grid_or_exit
from .cli_common import (
    exit_when_unwritable,
    folder_usable_or_exit,
    load_or_exit,
    plan_or_exit,
    replan_or_exit,
    schedule_or_exit,
    solver_options,
    wishes_option,
)
from .cli_compare import compare_command
from .cli_explain import explain_command
from .cli_import import import_command
from .reports import render_grid, render_solve_summary, write_published_grid
from .reports.attendee_report import render_attendees
from .reports.replan_report import render_replan
from .solver import SolveOptions


class DefaultVerbGroup(click.Group):
    """A group whose first argument, when it is not a verb, is taken as `solve`'s instance."""

    default_verb = "solve"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_verb, *args]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`amj-solve --help` also lists the default verb's options, which planners use most."""
        super().format_options(ctx, formatter)
        verb = self.commands[self.default_verb]
        options = [param for param in verb.get_params(ctx) if isinstance(param, click.Option) and param.name != "help"]
        records = [record for option in options if (record := option.get_help_record(ctx))]
        with formatter.section(f"Options of '{self.default_verb}' (amj-solve INSTANCE ...)"):
            formatter.write_dl(records)


@click.group(cls=DefaultVerbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="amj-scheduler")
def main() -> None:
    """Place every talk of a conference into a slot and a room, and publish the grid.

    \b
    amj-solve INSTANCE.yaml [options]     same as: amj-solve solve INSTANCE.yaml
    """


@main.command("solve")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for grid.csv and grid.html [default: out/<instance name>/].",
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
    wishes_path: Path | None,
) -> None:
    """Solve INSTANCE and write the published grid as CSV and HTML.

    With --keep, the fewest placements of the earlier grid move (each move is printed with
    the reason it could not stay); the soft rules decide only among plans with that many moves.
    """
    out = Console()
    err = Console(stderr=True)
    instance = load_or_exit(instance_path, err, scenarios, wishes_path)
    target = out_dir or Path("out") / instance_path.stem
    folder_usable_or_exit(target, err)
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
        written = write_published_grid(target, instance, schedule)
    except OSError as error:
        exit_when_unwritable(target, error, err)
    for path in written:
        out.print(f"wrote {path}", highlight=False, soft_wrap=True)


main.add_command(check_command)
main.add_command(explain_command)
main.add_command(compare_command)
main.add_command(import_command)
