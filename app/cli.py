"""`amj-solve`: a thin command line over the library. It parses, calls, and formats errors.

`amj-solve INSTANCE` is short for `amj-solve solve INSTANCE`, so that further verbs
(compare, check, export) sit beside `solve` without changing how planners call it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from .cli_common import (
    EXIT_INFEASIBLE,
    EXIT_NO_SCHEDULE_IN_TIME,
    exit_when_unwritable,
    folder_usable_or_exit,
    load_or_exit,
    plan_or_exit,
)
from .models.source_lines import SourceLines
from .reports.explanation import render_explanation
from .reports import render_grid, render_solve_summary, write_published_grid
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
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), help="Folder for grid.csv and grid.html [default: out/<instance name>/].")
@click.option("--time-limit", type=click.FloatRange(min=0.01), default=30.0, show_default=True, help="Seconds the solver may search.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Random seed: the same seed gives the same grid.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Search workers (threads); results stay deterministic.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the outcome and the files written, not the grid.")
def solve_command(instance_path: Path, out_dir: Path | None, time_limit: float, seed: int, workers: int, quiet: bool) -> None:
    """Solve INSTANCE and write the published grid as CSV and HTML."""
    out = Console()
    err = Console(stderr=True)
    instance = load_or_exit(instance_path, err)
    target = out_dir or Path("out") / instance_path.stem
    folder_usable_or_exit(target, err)
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers)
    if quiet:
        planned = plan_or_exit(instance, options, err)
    else:
        with err.status(f"Solving {instance.conference.name} ({len(instance.talks)} talks)..."):
            planned = plan_or_exit(instance, options, err)
    outcome, score = planned.outcome, planned.score

    if outcome.status == "infeasible":
        err.print(f"[bold red]No schedule exists for {instance_path}.[/]")
        render_explanation(err, instance, outcome.diagnosis, outcome.impossibilities, SourceLines.read(instance_path))
        sys.exit(EXIT_INFEASIBLE)
    if outcome.schedule is None or score is None:
        err.print(f"[bold yellow]No schedule found within {time_limit:g} s.[/] Try a larger --time-limit.")
        sys.exit(EXIT_NO_SCHEDULE_IN_TIME)

    if not quiet:
        render_grid(out, instance, outcome.schedule)
    render_solve_summary(out, outcome, score, detailed=not quiet)
    try:
        written = write_published_grid(target, instance, outcome.schedule)
    except OSError as error:
        exit_when_unwritable(target, error, err)
    for path in written:
        out.print(f"wrote {path}", highlight=False, soft_wrap=True)
