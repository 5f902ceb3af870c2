"""What every `amj-solve` verb shares: exit codes, and loading or planning with a one-screen error."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from .models import InputError, Instance, load_instance
from .planning import CheckerRejected, Plan, plan
from .solver import SolveOptions

EXIT_SCHEDULED = 0
EXIT_INFEASIBLE = 1
"""Also: `check` found a broken hard rule."""
EXIT_BAD_INPUT = 2
EXIT_NO_SCHEDULE_IN_TIME = 3
EXIT_CHECKER_REJECTED = 4


def load_or_exit(path: Path, err: Console) -> Instance:
    try:
        return load_instance(path)
    except InputError as error:
        exit_with_input_error(error, err)


def exit_with_input_error(error: InputError, err: Console) -> None:
    err.print(error.render(), highlight=False, markup=False, soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def folder_usable_or_exit(target: Path, err: Console) -> None:
    """Fail before a long solve, not after it, when the output folder cannot be made."""
    existing = next(folder for folder in (target, *target.parents) if folder.exists())
    if not existing.is_dir():
        err.print(f"[bold red]Cannot write to {target}:[/] {existing} is a file, not a folder.", soft_wrap=True)
        sys.exit(EXIT_BAD_INPUT)


def exit_when_unwritable(target: Path, error: OSError, err: Console) -> None:
    err.print(f"[bold red]Cannot write to {target}:[/] {error.strerror or error}", soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def exit_checker_rejected(rejection: CheckerRejected, err: Console) -> None:
    """A schedule the independent checker rejects is a bug: report it and write nothing."""
    err.print("[bold red]Internal error: the independent checker rejected the solver's schedule.[/]")
    err.print("This is a bug in AMJ Scheduler; please report it with your instance file. Nothing was written.")
    for reason in rejection.reasons():
        err.print(f"  - {reason}", highlight=False, soft_wrap=True)
    sys.exit(EXIT_CHECKER_REJECTED)


def plan_or_exit(instance: Instance, options: SolveOptions, err: Console) -> Plan:
    try:
        return plan(instance, options)
    except CheckerRejected as rejection:
        exit_checker_rejected(rejection, err)
