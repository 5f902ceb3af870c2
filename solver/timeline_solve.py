"""Solve a conference on breakout windows and read the schedule back as placements in step slots."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from ..models import Instance, Placement, Schedule, minutes
from ..models.instance import step_slot_id
from .build import SolveOptions, make_solver
from .outcome import SolveOutcome
from .search import run_search
from .timeline_items import DAY, day_index
from .timeline_model import TimelineModel, build_timeline_model, certain

FIRST_PHASE_LIMIT = 1.0
"""Deterministic seconds for the first search (one worker, every track in its fewest rooms).
FOSDEM 2025 is proven optimal in 0.04 of them; a conference that needs more goes on to the second."""

PORTFOLIO = 4
"""Interleaved subsolvers in the second search. One worker has no large-neighbourhood search: on a
1,000-talk synthetic conference with seat costs it was 64% above the bound after 60 s, four
interleaved subsolvers (on 2 cores) 0.4% after 30 s. On FOSDEM they only slow the proof, which the
first search already has."""

PORTFOLIO_WORK_PER_SECOND = 0.05
"""Deterministic seconds the interleaved portfolio does per wall second here (measured 0.04-0.06 on
FOSDEM and the synthetic conferences): it turns --time-limit into a deterministic budget, so a
search cut short ends at the same point on every run."""


@dataclass
class _Phase:
    built: TimelineModel
    solver: cp_model.CpSolver
    status: int
    build_seconds: float
    solve_seconds: float

    @property
    def solved(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def solve_timeline(instance: Instance, options: SolveOptions) -> SolveOutcome:
    """Up to three searches:

    1. one worker, every track in its fewest rooms: a small model that proves most conferences
       optimal at once (FOSDEM 2025 in under 2 s);
    2. when it does not, an interleaved portfolio on the same model, from scratch;
    3. when some track is soft, the portfolio on the full model, where it may take one more
       room, starting from the best schedule so far.

    Measured on synthetic conferences: the full model searched from scratch was still 21% above
    the small model's optimum after 40 s (250 talks), and far worse at 1,000 talks.
    """
    soft = any(track.room_rule == "soft" for track in instance.tracks)
    phases = [
        _phase(
            instance,
            options,
            min(FIRST_PHASE_LIMIT, options.time_limit),
            spare_parts=False,
            wall_limit=options.time_limit,
        )
    ]
    if phases[0].built.timeline.unplaceable or (phases[0].status == cp_model.INFEASIBLE and not soft):
        return _outcome(instance, phases)
    portfolio = replace(options, workers=max(options.workers, PORTFOLIO))
    budget = PORTFOLIO_WORK_PER_SECOND * options.time_limit
    share = 0.5 if soft else 1.0
    if phases[0].status != cp_model.OPTIMAL:
        # From scratch: on 1,000 synthetic talks, starting from the first search's poor schedule
        # led the portfolio astray (358,917 after 37 s, against a proven 65,414 unhinted).
        phases.append(
            _phase(instance, portfolio, share * budget, spare_parts=False, wall_limit=share * options.time_limit)
        )
    if soft:
        rest = (1 - share) * options.time_limit if len(phases) > 1 else options.time_limit
        phases.append(
            _phase(
                instance,
                portfolio,
                PORTFOLIO_WORK_PER_SECOND * rest,
                spare_parts=True,
                hint=_best(phases),
                wall_limit=rest,
            )
        )
    return _outcome(instance, phases)


def _best(phases: list[_Phase]) -> _Phase | None:
    solved = [phase for phase in phases if phase.solved]
    return min(reversed(solved), key=lambda phase: phase.solver.objective_value) if solved else None


def _phase(
    instance: Instance,
    options: SolveOptions,
    work_limit: float,
    *,
    spare_parts: bool,
    hint: _Phase | None = None,
    wall_limit: float | None = None,
) -> _Phase:
    """One search of at most `work_limit` deterministic seconds; wall time is capped at twice
    `wall_limit` (default: the work limit), for machines much slower than this one."""
    started = time.perf_counter()
    built = build_timeline_model(instance, spare_parts)
    if hint is not None and hint.solved:
        built.hint_from(hint.built, hint.solver)
    built_at = time.perf_counter()
    solver = make_solver(replace(options, time_limit=max(work_limit, 0.01)))
    solver.parameters.max_time_in_seconds = 2 * (wall_limit or work_limit)
    # Measured on FOSDEM 2025 (1 worker): the default probing spends ~1.3 s per presolve pass
    # learning clauses the search does not need (7.2 s in all against 1.8 s without), and the LP
    # rows of linearization level 2 only slow each node; level 0 loses the LP's guidance (40 s).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.linearization_level = 1
    status = cp_model.UNKNOWN if built.timeline.unplaceable else run_search(solver, built.model)
    return _Phase(built, solver, status, built_at - started, time.perf_counter() - built_at)


def _outcome(instance: Instance, phases: list[_Phase]) -> SolveOutcome:
    """The best schedule of the searches; proven optimal only by the last, whose model is the full one."""
    timing = {
        "build_seconds": sum(phase.build_seconds for phase in phases),
        "solve_seconds": sum(phase.solve_seconds for phase in phases),
    }
    last = phases[-1]
    if last.built.timeline.unplaceable:
        return SolveOutcome("infeasible", impossibilities=list(last.built.timeline.unplaceable), **timing)
    best = _best(phases)
    if best is not None:
        # Each search starts from the best schedule before it, so the last is never worse; an
        # earlier one stands only when the last found nothing in its time.
        return SolveOutcome(
            "optimal" if best is last and last.status == cp_model.OPTIMAL else "feasible",
            schedule=_schedule(instance, best.built, best.solver),
            objective=round(best.solver.objective_value),
            best_bound=round(last.solver.best_objective_bound),
            **timing,
        )
    if last.status == cp_model.INFEASIBLE:
        return SolveOutcome("infeasible", **timing)
    return SolveOutcome("unknown", **timing)


def _schedule(instance: Instance, built: TimelineModel, solver: cp_model.CpSolver) -> Schedule:
    """Each occurrence at its start step, in its part's room; occurrences numbered in clock order."""
    timeline = built.timeline
    room_of_part = {part: room for (part, room), literal in built.room_of_part.items() if solver.boolean_value(literal)}
    part_of_item = {
        item: part
        for (item, part), literal in built.member.items()
        if certain(literal) or solver.boolean_value(literal)
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
