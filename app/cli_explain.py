"""`amj-solve explain INSTANCE`: why the best schedule costs what it costs, or why none exists."""

from __future__ import annotations

from pathlib import Path

import click

from .binding import binding_requirements, seat_cost_floor
from .cli_common import load_or_exit, plan_or_exit, schedule_or_exit, solver_options, terminal, wishes_option
from .models.source_lines import SourceLines
from .reports.cost_explanation import render_cost_explanation
from .solver import SolveOptions


@click.command("explain", short_help="Explain the best schedule's cost, or why none exists.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Apply this scenario file first (repeatable).",
)
@solver_options
@wishes_option
def explain_command(
    instance_path: Path,
    scenarios: tuple[Path, ...],
    time_limit: float,
    seed: int,
    workers: int,
    wishes_path: Path | None,
) -> None:
    """Explain the best schedule's cost and what binds it, or why none exists.

    Writes no files. Each requirement that could bind is given up in turn and the instance
    solved again, so this takes one solve per pin, unavailability, feature, restriction and
    fixed item.
    """
    out = terminal()
    err = terminal(stderr=True)
    instance = load_or_exit(instance_path, err, scenarios, wishes_path)
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers)
    with err.status(f"Solving {instance.conference.name}..."):
        planned = plan_or_exit(instance, options, err)
    _, score = schedule_or_exit(instance_path, instance, planned, time_limit, err, scenarios)
    with err.status("Giving up each requirement in turn..."):
        bindings = binding_requirements(instance, score.total, options)
    lines = SourceLines.read(instance_path, scenarios)
    floor = seat_cost_floor(instance)
    render_cost_explanation(out, instance, planned.outcome, score, bindings, floor, lines, planned.attendees)
