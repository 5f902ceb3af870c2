"""Build the CP-SAT model of an instance, solve it, and hand back a `Schedule` value."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from ..models import Instance, Placement, Schedule
from .build import SolveOptions, build_model, make_solver
from .candidates import Candidate
from .diagnose import diagnose
from .outcome import SolveOutcome
from .prechecks import find_impossibilities
from .search import run_search
from .timeline_solve import solve_timeline


def solve(instance: Instance, options: SolveOptions = SolveOptions()) -> SolveOutcome:
    if instance.uses_windows:
        return solve_timeline(instance, options)
    impossibilities = find_impossibilities(instance)
    if impossibilities:
        return SolveOutcome("infeasible", impossibilities=impossibilities, diagnosis=diagnose(instance, options))
    started = time.perf_counter()
    built = build_model(instance)
    built_at = time.perf_counter()
    solver = make_solver(options)
    status = run_search(solver, built.model)
    solved_at = time.perf_counter()
    timing = {"build_seconds": built_at - started, "solve_seconds": solved_at - built_at}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveOutcome(
            "optimal" if status == cp_model.OPTIMAL else "feasible",
            schedule=extract_schedule(instance, built.candidates, solver),
            objective=round(solver.objective_value),
            best_bound=round(solver.best_objective_bound),
            **timing,
        )
    if status == cp_model.INFEASIBLE:
        return SolveOutcome("infeasible", diagnosis=diagnose(instance, options), **timing)
    return SolveOutcome("unknown", **timing)


def extract_schedule(instance: Instance, candidates: list[Candidate], solver: cp_model.CpSolver) -> Schedule:
    """Read the chosen candidates; number each talk's occurrences in clock order."""
    chosen = [c for c in candidates if solver.boolean_value(c.literal)]
    talk_order = {talk.id: i for i, talk in enumerate(instance.talks)}
    chosen.sort(key=lambda c: (talk_order[c.occurrence.talk.id], c.first_position))
    placements = []
    previous_talk, number = None, 0
    for candidate in chosen:
        talk_id = candidate.occurrence.talk.id
        number = number + 1 if talk_id == previous_talk else 1
        previous_talk = talk_id
        placements.append(
            Placement(talk=talk_id, occurrence=number, slot=candidate.slots[0].id, room=candidate.room.id)
        )
    return Schedule(placements=tuple(placements))
