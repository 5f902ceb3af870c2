"""The soft rules, one function each, named as in `models.rulebook` and in the checker: each returns
the weighted cost it adds to the objective, written once against the primitives of `Encoding`.

The planner-facing breakdown of these costs (who pays what) is computed from the finished schedule
by the independent checker; the solver insists that the two totals agree.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable

from ortools.sat.python import cp_model

from ..models import Speaker, Weights
from ..models.rulebook import SOFT_RULES, rules_for
from .encoding import Encoding, LinearCost, Occurrence, Span, by_key, merge


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
    """Who comes fits the room: each attendee without a seat costs the weight. Who comes is the
    planner's estimate, or those who wished for the talk (see `Encoding.people_short`)."""
    return model.people_short(model.instance.weights.seat_short)


def seat_empty(model: Encoding) -> LinearCost:
    """Small talks do not take the big halls: each empty seat costs the weight."""
    return model.people_empty(model.instance.weights.seat_empty)


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


def speaker_preferred_time(model: Encoding) -> LinearCost:
    """Each occurrence a speaker gives outside all of their preferred times costs the weight
    (preferred times that touch count as one stretch)."""

    def outside(liked: list[Span]) -> Callable[[Span], int]:
        return lambda span: 0 if any(a <= span[0] and span[1] <= b for a, b in liked) else 1

    return model.instance.weights.speaker_preferred_time * _per_speaker(model, "prefers", outside)


def speaker_avoided_time(model: Encoding) -> LinearCost:
    """Each occurrence a speaker gives that runs into one of their avoided times costs the weight."""

    def inside(avoided: list[Span]) -> Callable[[Span], int]:
        return lambda span: 1 if any(span[0] < b and a < span[1] for a, b in avoided) else 0

    return model.instance.weights.speaker_avoided_time * _per_speaker(model, "avoids", inside)


def _per_speaker(model: Encoding, field: str, price: Callable[[list[Span]], Callable[[Span], int]]) -> LinearCost:
    """Σ over speakers with times in `field`, and the occurrences they give, of `price(those times)`."""
    instance = model.instance
    cost: LinearCost = 0
    for speaker in instance.speakers:
        periods = getattr(speaker, field)
        if periods:
            spans = merge([model.axis.span(*stretch) for p in periods for stretch in instance.period_spans(p)])
            for occurrence in _given_by(model, speaker):
                cost += model.price_times(occurrence, price(spans))
    return cost


def _given_by(model: Encoding, speaker: Speaker) -> list[Occurrence]:
    return [o for o in model.occurrences if speaker.id in o.talk.speakers]


def room_not_preferred(model: Encoding) -> LinearCost:
    """Each occurrence in none of its talk's preferred rooms costs the weight."""
    weight = model.instance.weights.room_not_preferred
    return model.price_rooms(
        lambda o, room: weight if o.talk.preferred_rooms and room.id not in o.talk.preferred_rooms else 0
    )


def room_avoided(model: Encoding) -> LinearCost:
    """Each occurrence in one of its talk's avoided rooms costs the weight."""
    weight = model.instance.weights.room_avoided
    return model.price_rooms(lambda o, room: weight if room.id in o.talk.avoided_rooms else 0)


def early_or_late_minute(model: Encoding) -> LinearCost:
    """Each minute an occurrence starts before its soft `not_before`, or ends after its soft
    `not_after`, costs the weight."""
    first, last = model.axis.horizon(model.instance)
    cost: LinearCost = 0
    for occurrence in model.occurrences:
        talk, key = occurrence.talk, f"{occurrence.talk.id}#{occurrence.index}"
        if talk.not_before is not None and not talk.not_before.hard:
            bound = model.axis.minute(talk.not_before.day, talk.not_before.time)
            cost += model.positive_part(bound - model.start_minute(occurrence), bound - first, f"early {key}")
        if talk.not_after is not None and not talk.not_after.hard:
            bound = model.axis.minute(talk.not_after.day, talk.not_after.time)
            cost += model.positive_part(model.end_minute(occurrence) - bound, last - bound, f"late {key}")
    return model.instance.weights.early_or_late_minute * cost


def apart_clash(model: Encoding) -> LinearCost:
    """Each two occurrences of different talks of a soft `apart` group that share a minute cost the weight."""
    instance = model.instance
    cost: LinearCost = 0
    for group in instance.apart:
        if not group.hard:
            members = set(instance.apart_members[group.id])
            occurrences = [o for o in model.occurrences if o.talk.id in members]
            for first, second in itertools.combinations(occurrences, 2):
                if first.talk.id != second.talk.id:
                    cost += model.overlap(first, second)
    return instance.weights.apart_clash * cost


def wish_missed(model: Encoding) -> LinearCost:
    """Each wished talk an attendee cannot attend costs the weight times the wish's weight; each
    attendee takes the best occurrence of each repeated talk, one thing at a time."""
    return model.instance.weights.wish_missed * model.missed_wishes()


def wish_clash(model: Encoding) -> LinearCost:
    """Per two wished talks that cannot both be attended (every occurrence of one overlaps every
    occurrence of the other): the weight times, summed over the attendees wishing for both, the
    lighter of their two wishes. For an attendee with two wishes that is exactly what they miss; with
    more wishes of talks given once, a bound from above (leaving out the lighter talk of each clashing
    pair leaves a plan without clashes)."""
    literals, weights = [], []
    occurrences = by_key(model.occurrences, lambda o: [o.talk.id])
    for (first, second), attendees in _co_wishes(model).items():
        clash = model.all_of([model.overlap(a, b) for a in occurrences[first] for b in occurrences[second]])
        if not isinstance(clash, int):
            literals.append(clash)
            weights.append(attendees)
    return model.instance.weights.wish_clash * cp_model.LinearExpr.weighted_sum(literals, weights)


def _co_wishes(model: Encoding) -> Counter[tuple[str, str]]:
    """Per two talks wished for together: Σ over the attendees wishing for both of the lighter weight."""
    book = model.instance.attendee_wishes
    together: Counter[tuple[str, str]] = Counter()
    for wish_list in book.lists(model.instance.talk_by_id) if book is not None else ():
        for first, second in itertools.combinations(wish_list.wishes, 2):
            together[first.talk, second.talk] += wish_list.attendees * min(first.weight, second.weight)
    return together


RULES: dict[str, Callable[[Encoding], LinearCost]] = {entry.id: globals()[entry.id] for entry in SOFT_RULES}
"""The book's soft rules, each the function of its id above (also its key in `weights:`)."""


def add_soft_rules(model: Encoding) -> None:
    """Every soft rule of the book that applies to this conference, in book order; their sum is the objective."""
    for entry in rules_for(model.instance, hard=False):
        if getattr(model.instance.weights, entry.id):
            model.costs[entry.id] = RULES[entry.id](model)
