"""What binds the best schedule: which requirement, given up, would lower its cost the most.

Each requirement is given up on the instance itself (models.requirements.relaxed) and the
result planned like any instance, so every saving shown is backed by a schedule the
independent checker accepted. Requirements that change the program rather than constrain it
(how often a talk is given, who gives it) are left out: dropping a talk always saves seats.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Instance
from .models.requirements import Requirement, relaxed, requirements_of
from .planning import plan
from .solver import SolveOptions

PROGRAM_CHANGES = ("occurrences", "speaker-gives")


@dataclass(frozen=True)
class Binding:
    requirement: Requirement
    cost_without: int
    """The cost of the best schedule found with the requirement given up."""
    proven: bool
    """True when that schedule was proven optimal, so the saving is exact, not a lower bound."""


def binding_requirements(instance: Instance, cost: int, options: SolveOptions) -> list[Binding]:
    """Every constraining requirement with the cost it leaves, largest saving first."""
    found = []
    for requirement in requirements_of(instance):
        if requirement.kind in PROGRAM_CHANGES:
            continue
        outcome = plan(relaxed(instance, requirement), options).outcome
        if outcome.objective is not None:
            found.append(Binding(requirement, outcome.objective, outcome.status == "optimal"))
    return sorted(found, key=lambda b: (b.cost_without - cost, b.requirement))


def seat_cost_floor(instance: Instance) -> int:
    """The seat costs if every occurrence had its best-fitting breakout room, clashes aside:
    no schedule of these rooms can pay less for seats, whatever requirement is given up."""
    weights = instance.weights

    def price(expected: int, capacity: int) -> int:
        return weights.seat_short * max(0, expected - capacity) + weights.seat_empty * max(0, capacity - expected)

    rooms = [room for room in instance.rooms if room.breakout]
    return sum(
        talk.occurrences * min(price(talk.expected_attendance, room.capacity) for room in rooms)
        for talk in instance.talks
    )
