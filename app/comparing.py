"""The columns of a comparison, built the same way for `amj-solve compare` and the planner's desk:
the solver's alternatives, scenarios re-planned with the fewest moves from a reference grid, and
existing grids scored by the same rules. Each column's schedule has passed the checker."""

from __future__ import annotations

from .checker import attendee_figures, find_violations, score_schedule
from .models import Instance, Schedule
from .planning import AlternativePlans, Plan
from .replan import replan
from .reports.comparison import Alternative
from .solver import SolveOptions
from .solver.alternatives import AlternativeOptions


def solver_columns(
    base: Instance, found: AlternativePlans, options: SolveOptions, wanted: AlternativeOptions
) -> list[Alternative]:
    """The best plan ("best") and each alternative ("alternative 2", ...) that has a schedule."""
    columns = []
    for index, planned in enumerate(found.plans):
        if planned.outcome.schedule is not None and planned.score is not None:
            name = "best" if index == 0 else f"alternative {index + 1}"
            origin = solver_origin(planned, index, options, wanted)
            columns.append(
                Alternative(name, origin, base, planned.outcome.schedule, planned.score, (), planned.attendees)
            )
    return columns


def scenario_column(
    name: str, origin: str, instance: Instance, reference: Schedule, options: SolveOptions, columns: list[Alternative]
) -> Alternative | Plan:
    """The scenario's instance re-planned with the fewest moves from `reference`: what would have to
    move if this happened. The plan itself when it has no schedule (infeasible, or out of time)."""
    kept = Schedule(placements=tuple(p for p in reference.placements if p.talk in instance.talk_by_id))
    planned = replan(instance, kept, (), options).plan
    if planned.score is None or planned.outcome.schedule is None:
        return planned
    name = unique_name(name, columns)
    return Alternative(name, origin, instance, planned.outcome.schedule, planned.score, (), planned.attendees)


def grid_column(
    name: str, origin: str, instance: Instance, schedule: Schedule, columns: list[Alternative]
) -> Alternative:
    """An existing grid, its hard violations counted and its soft costs scored."""
    violations = tuple(find_violations(instance, schedule))
    score, attendees = score_schedule(instance, schedule), attendee_figures(instance, schedule)
    return Alternative(unique_name(name, columns), origin, instance, schedule, score, violations, attendees)


def unique_name(name: str, columns: list[Alternative]) -> str:
    """Names head columns, so a second `grid.csv` or a scenario named `best` gets a number."""
    taken = {column.name for column in columns}
    number = 2
    unique = name
    while unique in taken:
        unique = f"{name} ({number})"
        number += 1
    return unique


def solver_origin(planned: Plan, index: int, options: SolveOptions, wanted: AlternativeOptions) -> str:
    proven = "proven best" if planned.outcome.status == "optimal" else "best found"
    origin = f"solver, seed {options.seed}: {proven}"
    if index:
        origin += f" among schedules unlike the columns before, within {wanted.tolerance_percent:g}% of the best cost"
    return origin
