"""Solve a conference on breakout windows and read the schedule back as placements in step slots."""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from ..models import Instance, Placement, Schedule, minutes
from ..models.instance import step_slot_id
from .build import SolveOptions, make_solver
from .outcome import SolveOutcome
from .timeline_items import DAY, day_index
from .timeline_model import TimelineModel, certain, build_timeline_model


def solve_timeline(instance: Instance, options: SolveOptions) -> SolveOutcome:
    started = time.perf_counter()
    built = build_timeline_model(instance)
    built_at = time.perf_counter()
    timing = {"build_seconds": built_at - started}
    if built.timeline.unplaceable:
        return SolveOutcome("infeasible", impossibilities=list(built.timeline.unplaceable), **timing)
    solver = make_solver(options)
    # Measured on FOSDEM 2025 (1 worker): the default probing spends ~1.3 s per presolve pass
    # learning clauses the search does not need (7.2 s in all against 1.8 s without), and the LP
    # rows of linearization level 2 only slow each node; level 0 loses the LP's guidance (40 s).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.linearization_level = 1
    status = solver.solve(built.model)
    timing["solve_seconds"] = time.perf_counter() - built_at
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveOutcome(
            "optimal" if status == cp_model.OPTIMAL else "feasible",
            schedule=_schedule(instance, built, solver),
            objective=round(solver.objective_value),
            best_bound=round(solver.best_objective_bound),
            **timing,
        )
    if status == cp_model.INFEASIBLE:
        return SolveOutcome("infeasible", **timing)
    return SolveOutcome("unknown", **timing)


def _schedule(instance: Instance, built: TimelineModel, solver: cp_model.CpSolver) -> Schedule:
    """Each occurrence at its start step, in its part's room; occurrences numbered in clock order."""
    timeline = built.timeline
    room_of_part = {
        part: room for (part, room), literal in built.room_of_part.items() if solver.boolean_value(literal)
    }
    part_of_item = {
        item: part for (item, part), literal in built.member.items() if certain(literal) or solver.boolean_value(literal)
    }
    days = day_index(instance)
    windows_by_day = defaultdict(list)
    for window in instance.breakout_windows:
        windows_by_day[days[window.day]].append(window)
    placed = []
    for item in timeline.items:
        start = solver.value(built.start[item.index])
        day, minute = divmod(start, DAY)
        window = next(w for w in windows_by_day[day] if minutes(w.start) <= minute < minutes(w.end))
        placed.append((item.talk.id, start, step_slot_id(window, minute), room_of_part[part_of_item[item.index]]))
    order = {talk.id: index for index, talk in enumerate(instance.talks)}
    placed.sort(key=lambda p: (order[p[0]], p[1]))
    placements, previous, number = [], None, 0
    for talk_id, _, slot, room in placed:
        number = number + 1 if talk_id == previous else 1
        previous = talk_id
        placements.append(Placement(talk=talk_id, occurrence=number, slot=slot, room=room))
    return Schedule(placements=tuple(placements))
