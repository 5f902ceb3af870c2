"""Re-plan with the fewest moves: keep every placement of an earlier grid that can stay.

Two solves, in the planner's order of concern. The first maximizes the placements kept
(a placement is kept when the same talk runs again in the same start slot and room), so the
number of moves is as small as it can be. The second fixes that number and minimizes the soft
rules' cost among such schedules, starting from the first solve's schedule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance, Schedule
from .build import SolveOptions, build_model, make_solver
from .search import run_search
from .solve import SolveOutcome, extract_schedule, solve

SOLVED = (cp_model.OPTIMAL, cp_model.FEASIBLE)


@dataclass(frozen=True)
class KeepOutcome:
    outcome: SolveOutcome
    kept: int
    """Placements of the earlier grid that the new schedule keeps."""
    fewest_moves_proven: bool
    """True when no schedule keeps more (the first solve was optimal)."""


def solve_keeping(instance: Instance, earlier: Schedule, options: SolveOptions = SolveOptions()) -> KeepOutcome:
    started = time.perf_counter()
    built = build_model(instance)
    earlier_places = {(p.talk, p.slot, p.room) for p in earlier.placements}
    kept_literals = [
        c.literal for c in built.candidates if (c.occurrence.talk.id, c.slots[0].id, c.room.id) in earlier_places
    ]
    kept = sum(kept_literals)
    built_at = time.perf_counter()

    objective = built.objective
    built.model.maximize(kept)
    solver = make_solver(options)
    first = run_search(solver, built.model)
    if first not in SOLVED:
        # No schedule at all (or none in time): report it the way a plain solve does, with its diagnosis.
        return KeepOutcome(solve(instance, options), 0, False)
    most_kept = round(solver.objective_value)
    proven = first == cp_model.OPTIMAL

    built.model.add(kept >= most_kept)
    built.model.minimize(objective)
    built.model.clear_hints()
    for candidate in built.candidates:
        built.model.add_hint(candidate.literal, solver.boolean_value(candidate.literal))
    second = make_solver(options)
    status = run_search(second, built.model)
    finished = time.perf_counter()
    best = second if status in SOLVED else solver
    outcome = SolveOutcome(
        "optimal" if status == cp_model.OPTIMAL and proven else "feasible",
        schedule=extract_schedule(instance, built.candidates, best),
        objective=round(best.value(objective)),
        best_bound=round(second.best_objective_bound) if status in SOLVED else None,
        build_seconds=built_at - started,
        solve_seconds=finished - built_at,
    )
    return KeepOutcome(outcome, most_kept, proven)
