"""Re-plan with the fewest moves: keep every placement of an earlier grid that can stay.

Two solves, in the planner's order of concern, on either shape of conference. The first maximizes
the placements kept (a placement is kept when the same talk runs again at the same start in the
same room), so the number of moves is as small as it can be. The second fixes that number and
minimizes the soft rules plus how far the moves go: each minute a moved occurrence starts away from
its earlier start costs `weights.move_minute`, and a change of room `weights.move_room`, so a talk
that must move moves as little as it can.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance, Schedule
from .build import build_model
from .encoding import Encoding, LinearCost
from .first_plan import first_plan
from .outcome import SolveOutcome
from .pricing import exact_objective
from .search import SOLVED, Budget, SolveOptions, make_solver, run_search
from .solve import solve


@dataclass(frozen=True)
class KeepOutcome:
    outcome: SolveOutcome
    kept: int
    """Placements of the earlier grid that the new schedule keeps."""
    fewest_moves_proven: bool
    """True when no schedule keeps more (the first solve was optimal)."""


def solve_keeping(instance: Instance, earlier: Schedule, options: SolveOptions = SolveOptions()) -> KeepOutcome:
    started = time.perf_counter()
    budget = Budget(options)
    model = build_model(instance)
    places = sorted({(p.talk, p.slot, p.room) for p in earlier.placements if p.slot in instance.slot_by_id})
    kept_at: dict[tuple[str, str, str], LinearCost] = {place: sum(model.at(*place)) for place in places}
    kept: LinearCost = sum(kept_at.values())
    _earlier_clashes_keep_one(model, kept_at)
    moving = move_cost(model, earlier)
    objective = model.objective
    built_at = time.perf_counter()

    model.model.maximize(kept)
    start_from = first_plan(instance, budget, earlier)
    model.hint(start_from if start_from is not None else earlier)
    first = make_solver(
        model,
        budget,
        work=budget.work_left(model.work_per_second) / 2,
        workers=options.workers,
        wall=budget.wall_left / 2,
    )
    status = run_search(model, first, budget)
    if status == cp_model.INFEASIBLE:
        # No schedule at all: report it the way a plain solve does, with its diagnosis.
        return KeepOutcome(solve(instance, options), 0, False)
    if status not in SOLVED:
        return KeepOutcome(SolveOutcome("unknown", build_seconds=built_at - started), 0, False)
    most_kept = round(first.objective_value)
    proven = status == cp_model.OPTIMAL

    model.model.add(kept >= most_kept)
    model.model.minimize(objective + moving)
    model.hint(model.schedule(first))
    second = make_solver(model, budget, work=budget.work_left(model.work_per_second), workers=options.workers)
    status = run_search(model, second, budget)
    best = second if status in SOLVED else first
    schedule = model.schedule(best)
    cost = exact_objective(model, schedule, round(best.value(objective)), proven=status == cp_model.OPTIMAL)
    outcome = SolveOutcome(
        "optimal" if status == cp_model.OPTIMAL else "feasible",
        schedule=schedule,
        objective=cost,
        best_bound=cost if status == cp_model.OPTIMAL else None,
        build_seconds=built_at - started,
        solve_seconds=time.perf_counter() - built_at,
    )
    return KeepOutcome(outcome, most_kept, proven)


def _earlier_clashes_keep_one(model: Encoding, kept_at: dict[tuple[str, str, str], LinearCost]) -> None:
    """Implied, but it lets the first solve prove its count at once: of earlier places that run at
    the same time in one room, or for one speaker or one audience group, at most one is kept. On
    FOSDEM 2025 with the published grid (one speaker double-booked), one worker did not prove 942
    kept of 943 in 27 s without it."""
    instance = model.instance
    spans = {place: model.axis.span(*instance.clock_span(instance.talk_by_id[place[0]], place[1])) for place in kept_at}
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for place in kept_at:
        talk = instance.talk_by_id[place[0]]
        groups["room", place[2]].append(place)
        for speaker in talk.speakers:
            groups["speaker", speaker].append(place)
        if talk.restricted_to is not None and instance.audience_by_id[talk.restricted_to].at_once == 1:
            groups["audience", talk.restricted_to].append(place)
    for members in groups.values():
        running: list[tuple[str, str, str]] = []
        for place in sorted(members, key=lambda p: spans[p]):
            running = [p for p in running if spans[p][1] > spans[place][0]]
            for other in running:
                model.model.add(kept_at[other] + kept_at[place] <= 1)
            running.append(place)


def move_cost(model: Encoding, earlier: Schedule) -> LinearCost:
    """Per occurrence of a talk the earlier grid held: the minutes it starts away from the nearest of
    that talk's earlier places, priced by `weights.move_minute`, and `weights.move_room` when it is not
    in that place's room. An occurrence that stays costs nothing, whichever place it keeps."""
    instance, weights = model.instance, model.instance.weights
    places: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for p in earlier.placements:
        if p.slot in instance.slot_by_id and p.talk in instance.talk_by_id:
            places[p.talk].append((model.slot_start(p.slot), p.room))
    horizon = model.axis.minute(max(day.date for day in instance.days), 48 * 60)
    cost: LinearCost = 0
    for occurrence in model.occurrences:
        mine = sorted(set(places.get(occurrence.talk.id, [])))
        if not mine or not (weights.move_minute or weights.move_room):
            continue
        nearest = [model.model.new_bool_var(f"nearest_{occurrence.key}_{i}") for i in range(len(mine))]
        model.model.add_exactly_one(nearest)
        away = model.model.new_int_var(0, horizon, f"away_{occurrence.key}")
        changed = model.model.new_bool_var(f"changed_room_{occurrence.key}")
        start = model.start_minute(occurrence)
        for chosen, (minute, room) in zip(nearest, mine, strict=True):
            model.model.add(away >= start - minute).only_enforce_if(chosen)
            model.model.add(away >= minute - start).only_enforce_if(chosen)
            here = model.in_room(occurrence, room) if room in model.rooms_offered(occurrence) else 0
            model.model.add(changed >= 1 - here).only_enforce_if(chosen)
        cost += weights.move_minute * away + weights.move_room * changed
    return cost
