"""What every `amj-solve` verb shares: exit codes, and loading or planning with a one-screen error."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from .checker import SoftScore
from .models import InputError, Instance, Schedule, apply_scenario, load_instance, load_scenario
from .models.source_lines import ItemLines, SourceLines
from .planning import CheckerRejected, Plan, plan
from .replan import Replan, replan
from .reports.explanation import render_explanation
from .solver import SolveOptions, find_impossibilities

EXIT_SCHEDULED = 0
EXIT_INFEASIBLE = 1
"""Also: `check` found a broken hard rule."""
EXIT_BAD_INPUT = 2
EXIT_NO_SCHEDULE_IN_TIME = 3
EXIT_CHECKER_REJECTED = 4


def load_or_exit(path: Path, err: Console, scenarios: tuple[Path, ...] = (), wishes: Path | None = None) -> Instance:
    """The instance with the attendees' wishes (of `wishes`, else of its `wishes:` key) and each
    scenario applied in turn; any bad file is one screen and exit 2."""
    try:
        instance = load_instance(path, wishes)
        for scenario_path in scenarios:
            instance = apply_scenario(instance, load_scenario(scenario_path, instance))
        return instance
    except InputError as error:
        exit_with_input_error(error, err)


def exit_with_input_error(error: InputError, err: Console) -> NoReturn:
    err.print(error.render(), highlight=False, markup=False, soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def folder_usable_or_exit(target: Path, err: Console) -> None:
    """Fail before a long solve, not after it, when the output folder cannot be made."""
    existing = next(folder for folder in (target, *target.parents) if folder.exists())
    if not existing.is_dir():
        err.print(f"[bold red]Cannot write to {target}:[/] {existing} is a file, not a folder.", soft_wrap=True)
        sys.exit(EXIT_BAD_INPUT)


def exit_when_unwritable(target: Path, error: OSError, err: Console) -> NoReturn:
    where = f" ({error.filename})" if error.filename else ""
    err.print(
        f"[bold red]Cannot write to {target}:[/] {error.strerror or error}{where}. Nothing was written.", soft_wrap=True
    )
    sys.exit(EXIT_BAD_INPUT)


def exit_checker_rejected(rejection: CheckerRejected, err: Console) -> NoReturn:
    """A schedule the independent checker rejects is a bug: report it and write nothing."""
    err.print("[bold red]Internal error: the independent checker rejected the solver's schedule.[/]")
    err.print("This is a bug in AMJ Scheduler; please report it with your instance file. Nothing was written.")
    for reason in rejection.reasons():
        err.print(f"  - {reason}", highlight=False, soft_wrap=True)
    sys.exit(EXIT_CHECKER_REJECTED)


def replan_or_exit(
    instance: Instance, earlier: Schedule, earlier_only_talks: tuple[str, ...], options: SolveOptions, err: Console
) -> Replan:
    try:
        return replan(instance, earlier, earlier_only_talks, options)
    except CheckerRejected as rejection:
        exit_checker_rejected(rejection, err)


def plan_or_exit(instance: Instance, options: SolveOptions, err: Console) -> Plan:
    try:
        return plan(instance, options)
    except CheckerRejected as rejection:
        exit_checker_rejected(rejection, err)


def wishes_option(command: Callable[..., None]) -> Callable[..., None]:
    """--wishes, the same for every verb that judges a grid."""
    return click.option(
        "--wishes",
        "wishes_path",
        type=click.Path(path_type=Path),
        help="Attendees' wishes: a CSV of attendee,talk[,weight], or pretalx favourites as JSON "
        "[default: the file the instance's `wishes:` names].",
    )(command)


def solver_options(command: Callable[..., None]) -> Callable[..., None]:
    """--time-limit, --seed and --workers, the same for every verb that solves."""
    for option in reversed(
        (
            click.option(
                "--time-limit",
                type=click.FloatRange(min=0.01),
                default=30.0,
                show_default=True,
                help="Search budget per solve, in deterministic seconds (close to wall seconds; wall time is capped at twice this).",
            ),
            click.option(
                "--seed",
                type=click.IntRange(min=0),
                default=0,
                show_default=True,
                help="Random seed: the same seed gives the same grid.",
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                help="Search workers (threads); results stay deterministic.",
            ),
        )
    ):
        command = option(command)
    return command


def schedule_or_exit(
    instance_path: Path,
    instance: Instance,
    planned: Plan,
    time_limit: float,
    err: Console,
    scenarios: tuple[Path, ...] = (),
) -> tuple[Schedule, SoftScore]:
    """Infeasible: the requirements in conflict, exit 1. Out of time: exit 3."""
    outcome = planned.outcome
    if outcome.status == "infeasible" and outcome.impossibilities and outcome.diagnosis is None:
        # Counting on breakout windows already names the cause: say it again with the file's lines.
        err.print(f"[bold red]No schedule exists for {instance_path}.[/]")
        named = find_impossibilities(instance, ItemLines.read(instance_path, scenarios)) or outcome.impossibilities
        for message in named:
            err.print(f"  - {message}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(EXIT_INFEASIBLE)
    if outcome.status == "infeasible":
        err.print(f"[bold red]No schedule exists for {instance_path}.[/]")
        render_explanation(
            err, instance, outcome.diagnosis, outcome.impossibilities, SourceLines.read(instance_path, scenarios)
        )
        sys.exit(EXIT_INFEASIBLE)
    if outcome.schedule is None or planned.score is None:
        err.print(f"[bold yellow]No schedule found within {time_limit:g} s.[/] Try a larger --time-limit.")
        sys.exit(EXIT_NO_SCHEDULE_IN_TIME)
    return outcome.schedule, planned.score
