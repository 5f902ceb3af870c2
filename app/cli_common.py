"""What every `amj-solve` verb shares: exit codes, and loading or planning with a one-screen error."""

from __future__ import annotations

import errno
import math
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.console import Console
from rich.text import Text

from .checker import SoftScore
from .models import InputError, Instance, Schedule, apply_scenario, load_instance, load_scenario
from .models.names import visible
from .reports.terminal_styles import WARNING_STYLE

if TYPE_CHECKING:
    from .planning import CheckerRejected, Plan
    from .replan import Replan
    from .solver import SolveOptions

EXIT_SCHEDULED = 0
EXIT_INFEASIBLE = 1
"""Also: `check` found a broken hard rule."""
EXIT_BAD_INPUT = 2
EXIT_NO_SCHEDULE_IN_TIME = 3
EXIT_CHECKER_REJECTED = 4


def terminal(*, stderr: bool = False) -> Console:
    """A console that prints text as it is written: rich markup, emoji codes and highlighting are
    off, so a title such as `[link=https://example.org]Slides[/link]` or `:warning:` is shown as
    written, never turned into an escape sequence. Styles come from `Text` objects instead."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


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
    err.print(error.render(), soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def folder_usable_or_exit(target: Path, err: Console, names: tuple[str, ...] = ()) -> None:
    """Fail before a long solve, not after it, when the output cannot be written: a file where the
    folder should be, a folder where one of the files `names` should be, or a folder this user may
    not write in (read-only, no permission). The check leaves nothing behind."""
    existing = next(folder for folder in (target, *target.parents) if folder.exists())
    if not existing.is_dir():
        err.print(
            Text.assemble(
                (f"Cannot write to {visible(str(target))}:", "bold red"),
                f" {visible(str(existing))} is a file, not a folder. Nothing was written.",
            ),
            soft_wrap=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    for name in names:
        if (target / name).is_dir():
            exit_when_unwritable(
                target, IsADirectoryError(errno.EISDIR, "a folder is in the way", str(target / name)), err
            )
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:  # the probe's own name would only confuse: say where it was tried
        exit_when_unwritable(target, OSError(error.errno, error.strerror, str(existing)), err)


def exit_when_unwritable(target: Path, error: OSError, err: Console) -> NoReturn:
    where = f" ({error.filename})" if error.filename else ""
    err.print(
        Text.assemble(
            (f"Cannot write to {visible(str(target))}:", "bold red"),
            visible(f" {error.strerror or error}{where}. Nothing was written."),
        ),
        soft_wrap=True,
    )
    sys.exit(EXIT_BAD_INPUT)


def exit_checker_rejected(rejection: CheckerRejected, err: Console) -> NoReturn:
    """A schedule the independent checker rejects is a bug: report it and write nothing."""
    err.print(Text("Internal error: the independent checker rejected the solver's schedule.", style="bold red"))
    err.print("This is a bug in AMJ Scheduler; please report it with your instance file. Nothing was written.")
    for reason in rejection.reasons():
        err.print(f"  - {reason}", soft_wrap=True)
    sys.exit(EXIT_CHECKER_REJECTED)


def replan_or_exit(
    instance: Instance, earlier: Schedule, earlier_only_talks: tuple[str, ...], options: SolveOptions, err: Console
) -> Replan:
    from .planning import CheckerRejected  # here, not above: check and publish never load the solver
    from .replan import replan

    try:
        return replan(instance, earlier, earlier_only_talks, options)
    except CheckerRejected as rejection:
        exit_checker_rejected(rejection, err)


def plan_or_exit(instance: Instance, options: SolveOptions, err: Console) -> Plan:
    from .planning import CheckerRejected, plan  # here, not above: check and publish never load the solver

    try:
        return plan(instance, options)
    except CheckerRejected as rejection:
        exit_checker_rejected(rejection, err)


MAX_SEED = 2**31 - 1
"""CP-SAT's random seed is a 32-bit signed integer."""
MAX_TIME_LIMIT = 7 * 24 * 3600.0
"""A week of search: far beyond any conference here, and a number every clock and timer can take."""
MAX_WORKERS = 16
"""Each worker is a thread with its own copy of the search: 1,000 took 1.5 GB and found nothing in
time. Fixed rather than the machine's cores, so a grid made with --workers N is the same on any
machine (FOSDEM 2025 with 16 workers: 0.38 GB, measured on 2 cores)."""


class FiniteRange(click.FloatRange):
    """A FloatRange that refuses NaN, which passes every range check (each comparison with it is false)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


def _at_most_max_workers(ctx: click.Context, param: click.Parameter, workers: int) -> int:
    if workers <= MAX_WORKERS:
        return workers
    click.echo(
        f"Note: --workers {workers} is more than {MAX_WORKERS}, the most amj-solve runs; using {MAX_WORKERS} "
        f"(this machine has {os.cpu_count() or 'an unknown number of'} cores).",
        err=True,
    )
    return MAX_WORKERS


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
                type=FiniteRange(min=0.01, max=MAX_TIME_LIMIT),
                default=30.0,
                show_default=True,
                help=(
                    "Wall-clock seconds the whole run may search. Each search also stops after a fixed amount of "
                    "deterministic work sized to fit, so a seed gives the same grid unless the machine is much slower."
                ),
            ),
            click.option(
                "--seed",
                type=click.IntRange(min=0, max=MAX_SEED),
                default=0,
                show_default=True,
                help="Random seed: the same seed gives the same grid.",
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                callback=_at_most_max_workers,
                help=f"Search workers (threads), at most {MAX_WORKERS}; results stay deterministic.",
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
    if outcome.status == "infeasible":
        from .planning import why_nothing_fits  # here, not above: check and publish never load the solver

        err.print(Text(f"No schedule exists for {visible(str(instance_path))}.", style="bold red"), soft_wrap=True)
        for line in why_nothing_fits(instance_path, instance, outcome, scenarios):
            err.print(line, soft_wrap=True)
        sys.exit(EXIT_INFEASIBLE)
    if outcome.schedule is None or planned.score is None:
        err.print(
            Text.assemble((f"No schedule found within {time_limit:g} s.", WARNING_STYLE), " Try a larger --time-limit.")
        )
        sys.exit(EXIT_NO_SCHEDULE_IN_TIME)
    return outcome.schedule, planned.score
