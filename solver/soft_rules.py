"""The soft rules, one function each, named as in `models.rulebook` and in the checker: each returns
the weighted cost it adds to the objective, written once against the primitives of `Encoding`.

The planner-facing breakdown of these costs (who pays what) is computed from the finished schedule
by the independent checker; the solver insists that the two totals agree.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import Weights
from ..models.rulebook import SOFT_RULES, rules_for
from .encoding import Encoding, LinearCost, by_key


def seat_price(weights: Weights, expected: int, capacity: int) -> int:
    """What seating `expected` people in `capacity` seats costs: the one place the solver prices seats."""
    return weights.seat_short * max(0, expected - capacity) + weights.seat_empty * max(0, capacity - expected)


def repeat_room_change(model: Encoding) -> LinearCost:
    """A repeated talk keeps its room: each extra room its occurrences use costs the weight."""
    cost: LinearCost = 0
    for occurrences in by_key(model.occurrences, lambda o: [o.talk.id]).values():
        if len(occurrences) >= 2:
            cost += model.rooms_used(occurrences) - 1
    return model.instance.weights.repeat_room_change * cost


def speaker_idle_slot(model: Encoding) -> LinearCost:
    """A speaker's talks are close together: each breakout slot between their first and last
    occurrence in which they give nothing costs the weight."""
    instance = model.instance
    cost: LinearCost = 0
    for speaker_id in dict.fromkeys(s for talk in instance.talks for s in talk.speakers):
        occupied = sum(t.occurrences * t.length for t in instance.talks if speaker_id in t.speakers)
        if occupied >= 2:
            cost += model.idle_slots(speaker_id, occupied)
    return instance.weights.speaker_idle_slot * cost


def seat_short(model: Encoding) -> LinearCost:
    """Expected attendance fits the room: each attendee without a seat costs the weight."""
    weights = model.instance.weights
    return model.price_rooms(lambda o, room: weights.seat_short * max(0, o.talk.expected_attendance - room.capacity))


def seat_empty(model: Encoding) -> LinearCost:
    """Small talks do not take the big halls: each empty seat costs the weight."""
    weights = model.instance.weights
    return model.price_rooms(lambda o, room: weights.seat_empty * max(0, room.capacity - o.talk.expected_attendance))


def choice_imbalance(model: Encoding) -> LinearCost:
    """Every breakout slot offers the open audience a similar number of talks to choose from."""
    return model.instance.weights.choice_imbalance * model.choice_spread()


def track_extra_room(model: Encoding) -> LinearCost:
    """Each room a soft track uses on a day beyond the fewest its minutes allow costs the weight."""
    return model.instance.weights.track_extra_room * model.track_rooms_beyond_fewest()


def track_gap_minute(model: Encoding) -> LinearCost:
    """Each minute a track's room stands empty between two of its talks costs the weight."""
    weight = model.instance.weights.track_gap_minute
    return weight * model.track_gap_minutes() if weight else 0


RULES: dict[str, Callable[[Encoding], LinearCost]] = {entry.id: globals()[entry.id] for entry in SOFT_RULES}
"""The book's soft rules, each the function of its id above (also its key in `weights:`)."""


def add_soft_rules(model: Encoding) -> None:
    """Every soft rule of the book that applies to this conference, in book order; their sum is the objective."""
    for entry in rules_for(model.instance, hard=False):
        if getattr(model.instance.weights, entry.id):
            model.costs[entry.id] = RULES[entry.id](model)
