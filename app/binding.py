"""What binds the best schedule: which requirement, given up, would lower its cost the most.

Each requirement is given up on the instance itself (models.requirements.relaxed) and the
result planned like any instance, so every saving shown is backed by a schedule the
independent checker accepted. Requirements that change the program rather than constrain it
(how often a talk is given, who gives it) are left out: dropping a talk always saves seats.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import Instance
from .models.requirements import Requirement, relaxed, relaxed_all, requirements_of
from .planning import plan
from .solver import SolveOptions
from .solver.soft_rules import seat_price

PROGRAM_CHANGES = ("occurrences", "speaker-gives")

ALL_AT_ONCE_SECONDS = 5.0
"""The search that gives every requirement up at once needs only a bound, not a schedule."""


@dataclass(frozen=True)
class Binding:
    requirement: Requirement
    cost_without: int
    """The cost of the best schedule found with the requirement given up."""
    proven: bool
    """True when that schedule was proven optimal, so the saving is exact, not a lower bound."""


@dataclass(frozen=True)
class WhatBinds:
    bindings: list[Binding]
    """Requirements tried one by one, largest saving first; empty when one solve settled it."""
    tried: int
    """The constraining requirements of the instance."""
    cost_without_all: int | None
    """What every schedule costs at least with all of them given up at once, when that is the cost
    itself: then no single one binds."""


def binding_requirements(instance: Instance, cost: int, options: SolveOptions) -> WhatBinds:
    """Every constraining requirement with the cost it leaves, largest saving first.

    One solve first gives them all up at once: when even that saves nothing (as for AMJ 2010 and
    FOSDEM 2025), no single one can, and the thousands of re-solves a large conference would
    need are never run."""
    constraining = [r for r in requirements_of(instance) if r.kind not in PROGRAM_CHANGES]
    if not constraining or cost == 0:  # costs are never negative: nothing can save on nothing
        return WhatBinds([], len(constraining), 0 if constraining else None)
    quick = replace(options, time_limit=min(options.time_limit, ALL_AT_ONCE_SECONDS))
    without_all = plan(relaxed_all(instance, constraining), quick).outcome
    if without_all.best_bound is not None and without_all.best_bound >= cost:
        return WhatBinds([], len(constraining), without_all.best_bound)
    found = []
    for requirement in constraining:
        outcome = plan(relaxed(instance, requirement), options).outcome
        if outcome.objective is not None:
            found.append(Binding(requirement, outcome.objective, outcome.status == "optimal"))
    ranked = sorted(found, key=lambda b: (b.cost_without - cost, b.requirement))
    return WhatBinds(ranked, len(constraining), None)


def seat_cost_floor(instance: Instance) -> int | None:
    """The seat costs if every occurrence had its best-fitting breakout room, clashes aside:
    no schedule of these rooms can pay less for seats, whatever requirement is given up. None
    where who comes depends on the schedule (wished talks on labelled slots seat those who go)."""
    book = instance.attendee_wishes
    if not instance.uses_windows and book is not None and any(book.wishers[talk.id] for talk in instance.talks):
        return None
    rooms = [room for room in instance.rooms if room.breakout]
    return sum(
        talk.occurrences
        * min(seat_price(instance.weights, instance.seat_estimate(talk), room.capacity) for room in rooms)
        for talk in instance.talks
    )
