"""`amj-solve compare`: alternatives, scenarios and existing grids side by side, scored by the same rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from .cli_check import read_grid_or_exit
from .cli_common import (
    EXIT_INFEASIBLE,
    EXIT_NO_SCHEDULE_IN_TIME,
    FiniteRange,
    exit_checker_rejected,
    exit_when_unwritable,
    exit_with_input_error,
    folder_usable_or_exit,
    load_or_exit,
    solver_options,
    terminal,
    wishes_option,
)
from .comparing import grid_column, scenario_column, solver_columns
from .models import Instance, Schedule, apply_scenario, load_scenario
from .models.errors import InputError, Problem
from .models.grid_csv import GridFile
from .models.names import visible
from .models.source_lines import SourceLines
from .planning import CheckerRejected, Plan, plan_alternatives
from .reports import Alternative, render_comparison, write_comparison
from .reports.compare_publish import COMPARISON_FILES
from .reports.explanation import render_explanation
from .reports.terminal_styles import WARNING_STYLE
from .solver import SolveOptions
from .solver.alternatives import AlternativeOptions, cost_ceiling

MAX_TOLERANCE = 1000.0
"""Percent: alternatives at up to eleven times the best cost are no longer alternatives."""
MAX_MIN_CHANGES = 100_000
"""Placements; more than any conference here has, and small enough for CP-SAT's 64-bit sums."""


@click.command("compare", short_help="Compare alternatives, scenarios and grids side by side.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--alternatives",
    "count",
    type=click.IntRange(min=1, max=20),
    help="How many solver alternatives of INSTANCE [default: 5, or 1 when scenarios or grids are given].",
)
@click.option(
    "--tolerance",
    type=FiniteRange(min=0, max=MAX_TOLERANCE),
    default=10.0,
    show_default=True,
    help="Alternatives cost at most this many percent more than the best.",
)
@click.option(
    "--min-changes",
    type=click.IntRange(min=1, max=MAX_MIN_CHANGES),
    default=1,
    show_default=True,
    help="Placements (talk, slot, kind of room) each alternative changes against every earlier one.",
)
@click.option(
    "--vary-slots",
    is_flag=True,
    help="Let alternatives move talks to other slots too, not only to other rooms (slower: each search runs to --time-limit).",
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A scenario file: INSTANCE changed by it, re-planned with the fewest moves from the first column (repeatable).",
)
@click.option(
    "--grid",
    "grids",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An existing grid CSV of INSTANCE, scored as one more column (repeatable).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for compare.csv and compare.html [default: out/<instance name>-compare/].",
)
@solver_options
@wishes_option
def compare_command(
    instance_path: Path,
    count: int | None,
    tolerance: float,
    min_changes: int,
    vary_slots: bool,
    scenarios: tuple[Path, ...],
    grids: tuple[Path, ...],
    out_dir: Path | None,
    time_limit: float,
    seed: int,
    workers: int,
    wishes_path: Path | None,
) -> None:
    """Compare alternatives, scenarios and grids of INSTANCE side by side.

    Shown in the terminal, and written as compare.csv and compare.html.

    \b
    amj-solve compare instances/2010.yaml --alternatives 5
    amj-solve compare instances/2010.yaml --grid instances/2010-published.csv \\
        --scenario instances/scenarios/2010-no-modular-ii.yaml
    """
    out = terminal()
    err = terminal(stderr=True)
    base = load_or_exit(instance_path, err, wishes=wishes_path)
    # Every file is read before any solve, so a typo in the last one costs no waiting.
    scenario_instances = [(path, _scenario_or_exit(base, path, err)) for path in scenarios]
    grid_files = [(path, read_grid_or_exit(path, base, err)) for path in grids]
    for path, grid in grid_files:
        _displayable_or_exit(path, grid, base, err)
    target = out_dir or Path("out") / f"{instance_path.stem}-compare"
    folder_usable_or_exit(target, err, COMPARISON_FILES)
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers)
    wanted = AlternativeOptions(
        count=count if count is not None else (1 if scenarios or grids else 5),
        tolerance_percent=tolerance,
        min_changes=min_changes,
        vary_slots=vary_slots,
    )

    columns: list[Alternative] = []
    with err.status(f"Finding up to {wanted.count} alternative(s) of {base.conference.name}..."):
        try:
            found = plan_alternatives(base, options, wanted)
        except CheckerRejected as rejection:
            exit_checker_rejected(rejection, err)
    plans = found.plans
    best = plans[0]
    if best.score is None:
        _report_unsolved(instance_path, base, best, err, SourceLines.read(instance_path))
    else:
        columns += solver_columns(base, found, options, wanted)
        if len(plans) < wanted.count:
            err.print(_why_fewer(len(plans), found.cut_short, best, wanted, time_limit), soft_wrap=True)
    for path, (scenario_name, summary, instance) in scenario_instances:
        # A scenario is shown as the fewest changes to the first column, which is what a planner
        # weighs: what would have to move if this happened.
        reference = columns[0].schedule if columns else Schedule(placements=())
        origin = f"scenario {visible(str(path))}: {'; '.join(summary)}"
        if columns:
            origin += f"; fewest moves from {columns[0].name}"
        with err.status(f"Solving scenario {scenario_name}..."):
            try:
                column = scenario_column(scenario_name, origin, instance, reference, options, columns)
            except CheckerRejected as rejection:
                exit_checker_rejected(rejection, err)
        if isinstance(column, Plan):
            _report_unsolved(path, instance, column, err, SourceLines.read(instance_path, (path,)))
            continue
        columns.append(column)
    for path, grid in grid_files:
        # A file's name heads a column: never a control sequence.
        columns.append(grid_column(visible(path.name), f"grid {visible(str(path))}", base, grid.schedule, columns))

    if not columns:
        # Nothing to compare: exit as a solve would have, for the instance's own outcome.
        sys.exit(EXIT_NO_SCHEDULE_IN_TIME if best.outcome.status == "unknown" else EXIT_INFEASIBLE)
    render_comparison(out, columns)
    try:
        written = write_comparison(target, columns)
    except OSError as error:
        exit_when_unwritable(target, error, err)
    for path in written:
        out.print(f"wrote {visible(str(path))}", soft_wrap=True)


def _scenario_or_exit(base: Instance, path: Path, err: Console) -> tuple[str, list[str], Instance]:
    try:
        scenario = load_scenario(path, base)
        return scenario.name, scenario.summary(), apply_scenario(base, scenario)
    except InputError as error:
        exit_with_input_error(error, err)


def _displayable_or_exit(path: Path, grid: GridFile, instance: Instance, err: Console) -> None:
    """A grid whose workshop runs past the end of its day cannot be drawn beside the others:
    say which row, before any solve. (`amj-solve check` lists every other problem too.)"""
    problems = [
        Problem(
            "start",
            f"'{instance.talk_by_id[p.talk].title}' takes {instance.talk_by_id[p.talk].length} consecutive slots, "
            f"but the day has fewer from {instance.slot_by_id[p.slot].label}",
            grid.line_of.get((p.talk, p.occurrence)),
        )
        for p in grid.schedule.placements
        if instance.slot_run(p.slot, instance.talk_by_id[p.talk].length) is None
    ]
    if problems:
        exit_with_input_error(InputError(path, problems), err)


def _why_fewer(count: int, cut_short: bool, best: Plan, wanted: AlternativeOptions, time_limit: float) -> str:
    if cut_short:
        return f"Only {count} schedule(s): the search for the next one ran out of --time-limit ({time_limit:g}); try a larger one."
    ceiling = cost_ceiling(best.outcome.objective or 0, wanted.tolerance_percent)
    hints = ["a larger --tolerance"] + ([] if wanted.vary_slots else ["--vary-slots"])
    if wanted.min_changes > 1:
        hints.append("a smaller --min-changes")
    return (
        f"Only {count} different schedule(s) cost at most {ceiling} ({wanted.tolerance_percent:g}% above the best); "
        f"try {' or '.join(hints)}."
    )


def _report_unsolved(path: Path, instance: Instance, planned: Plan, err: Console, lines: SourceLines) -> None:
    """A column with no schedule is left out, with the reason, so the other columns still compare."""
    outcome = planned.outcome
    if outcome.status == "infeasible":
        err.print(
            Text(f"No schedule exists for {visible(str(path))}; it is left out of the comparison.", style="bold red"),
            soft_wrap=True,
        )
        render_explanation(err, instance, outcome.diagnosis, outcome.impossibilities, lines)
    else:
        err.print(
            Text(
                f"No schedule found in time for {visible(str(path))}; it is left out of the comparison.",
                style=WARNING_STYLE,
            ),
            soft_wrap=True,
        )
