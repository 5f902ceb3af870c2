"""Several genuinely different good schedules, best first, for planners to compare.

"Different" is judged as a planner sees a grid: which talk runs in which slot, and in what
kind of room. Rooms that cannot be told apart (same capacity, features, area, breakout use
and closures, such as three identical Southgate classrooms) form one kind, so swapping the
contents of two identical rooms is a relabelling, not an alternative. Each new alternative
must differ from every earlier one in at least `min_changes` (talk, slot, room kind)
placements, and its cost must stay within the tolerance of the best.

By default the alternatives keep the best schedule's slots and vary the rooms: that is the
question planners ask ("which rooms?"), and with the slots fixed each alternative is proven
best among those left in a few hundredths of a second. Varying slots as well is offered too,
but there each search is cut by the time limit: on AMJ 2010 an alternative as good as the best
took CP-SAT 1-20 s to find (measured), against 0.2 s for the best itself.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, replace
from itertools import permutations

from ortools.sat.python import cp_model

from ..models import Instance, Room, Schedule
from .build import build_model
from .encoding import Encoding
from .outcome import SolveOutcome
from .outcome import found as found_outcome
from .search import SOLVED, Budget, SolveOptions, make_solver, run_search
from .solve import solve


@dataclass(frozen=True)
class AlternativeOptions:
    count: int = 5
    tolerance_percent: float = 10.0
    """Each alternative costs at most this much more than the best, in percent of the best."""
    min_changes: int = 1
    """Placements (talk, slot, room kind) in which each alternative differs from every earlier one."""
    vary_slots: bool = False
    """False: keep the best schedule's slot for every talk and vary rooms only."""


def room_kind(room: Room, instance: Instance) -> Hashable:
    """What a planner can tell rooms apart by; rooms alike in all of it are interchangeable.

    A room named by a pin or holding a fixed item is one of a kind: the pin or the item
    would not follow a relabelling.
    """
    named = any(pin.room == room.id for talk in instance.talks for pin in talk.pins) or any(
        item.room == room.id for item in instance.fixed_items
    )
    if named:
        return room.id
    closures = tuple(sorted({(w.day, w.start, w.end) for w in room.unavailable}))  # reasons and order aside
    hours = tuple(sorted({(w.day, w.start, w.end) for w in room.open}))
    return (room.capacity, tuple(sorted(room.features)), room.area, room.breakout, closures, hours)


def closest_relabelling(instance: Instance, schedule: Schedule, reference: Schedule) -> Schedule:
    """The schedule with interchangeable rooms renamed to agree with `reference` wherever they can.

    Renaming identical rooms consistently over the whole conference changes no rule and no cost,
    so an alternative shows only the changes a planner would notice.
    """
    reference_room = {(p.talk, p.slot): p.room for p in reference.placements}
    kinds: dict[Hashable, list[str]] = defaultdict(list)
    for room in instance.rooms:
        kinds[room_kind(room, instance)].append(room.id)
    renaming: dict[str, str] = {}
    for rooms in kinds.values():
        if len(rooms) < 2 or len(rooms) > MAX_ROOMS_RELABELLED:
            continue
        agreement: Counter[tuple[str, str]] = Counter(
            (p.room, reference_room.get((p.talk, p.slot), "")) for p in schedule.placements if p.room in rooms
        )
        best = max(
            permutations(rooms),
            key=lambda image: sum(agreement[(room, target)] for room, target in zip(rooms, image, strict=False)),
        )
        renaming.update(zip(rooms, best, strict=False))
    renamed = (p.model_copy(update={"room": renaming.get(p.room, p.room)}) for p in schedule.placements)
    return Schedule(placements=tuple(renamed))


MAX_ROOMS_RELABELLED = 7
"""Interchangeable rooms are matched by trying every renaming: 7! = 5,040 at most."""


def cost_ceiling(best: int, tolerance_percent: float) -> int:
    return best + int(best * tolerance_percent / 100)


@dataclass(frozen=True)
class AlternativesFound:
    outcomes: list[SolveOutcome]
    """The best first (possibly infeasible or empty-handed, as `solve` reports it), then the others."""
    cut_short: bool
    """True when fewer came back because a search ran out of time, not because none is left."""


def find_alternatives(instance: Instance, options: SolveOptions, wanted: AlternativeOptions) -> AlternativesFound:
    """The best schedule, then up to `count - 1` more, each optimal under the "differ" constraints.

    Fewer come back when no further schedule fits the tolerance, or when a search runs out of
    time; each search has the whole time limit, as a solve does.
    """
    best = solve(instance, options)
    if best.schedule is None or best.objective is None:
        return AlternativesFound([best], cut_short=False)
    model = build_model(instance)
    model.model.add(model.objective <= cost_ceiling(best.objective, wanted.tolerance_percent))
    if not wanted.vary_slots:
        model.keep_starts(best.schedule)
    kinds = {room.id: room_kind(room, instance) for room in instance.rooms}
    rooms_of_kind: dict[Hashable, list[str]] = defaultdict(list)
    for room_id, kind in kinds.items():
        rooms_of_kind[kind].append(room_id)
    found = [best]
    for _ in range(wanted.count - 1):
        latest = found[-1].schedule
        if latest is None:
            break
        _differ_from(model, latest, kinds, rooms_of_kind, wanted.min_changes)
        # Each solve only adds a constraint to the last, so the last one's bound holds here too;
        # stating it lets an alternative as good as the best be proven optimal at once.
        model.model.add(model.objective >= (found[-1].best_bound or 0))
        model.hint(latest)
        started = time.perf_counter()
        budget = Budget(options)
        solver = make_solver(model, budget, work=budget.work_left(model.work_per_second), workers=options.workers)
        status = run_search(model, solver, budget)
        if status not in SOLVED:
            return AlternativesFound(found, cut_short=status != cp_model.INFEASIBLE)
        outcome = found_outcome(
            model, solver, proven=status == cp_model.OPTIMAL, solve_seconds=time.perf_counter() - started
        )
        assert outcome.schedule is not None
        found.append(replace(outcome, schedule=closest_relabelling(instance, outcome.schedule, best.schedule)))
    return AlternativesFound(found, cut_short=False)


def _differ_from(
    model: Encoding,
    schedule: Schedule,
    kinds: dict[str, Hashable],
    rooms_of_kind: dict[Hashable, list[str]],
    min_changes: int,
) -> None:
    """At most (placements - min_changes) of the schedule's (talk, slot, room kind) may come back."""
    taken = {(p.talk, p.slot, kinds[p.room]) for p in schedule.placements}
    again = [
        literal for talk, slot, kind in taken for room in rooms_of_kind[kind] for literal in model.at(talk, slot, room)
    ]
    model.model.add(sum(again) <= len(taken) - min_changes)
