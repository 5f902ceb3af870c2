"""The soft rules, one function per rule, each returning the weighted cost it adds to the objective.

The planner-facing breakdown of these costs (who pays what) is computed from the finished
schedule by the independent checker; the solver asserts that the two totals agree.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from ..models import Instance
from .candidates import Candidate

LinearCost = cp_model.LinearExprT


def penalize_repeat_room_changes(
    model: cp_model.CpModel, instance: Instance, candidates: list[Candidate]
) -> LinearCost:
    """A repeated talk keeps its room: each extra room its occurrences use costs the weight."""
    by_talk_room: dict[str, dict[str, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for candidate in candidates:
        talk = candidate.occurrence.talk
        if talk.occurrences >= 2:
            by_talk_room[talk.id][candidate.room.id].append(candidate.literal)
    cost: LinearCost = 0
    for talk_id, rooms in by_talk_room.items():
        occurrences = instance.talk_by_id[talk_id].occurrences
        used = []
        for room_id, literals in rooms.items():
            room_used = model.new_bool_var(f"{talk_id} uses {room_id}")
            # n * used >= occurrences in the room: tighter for the LP than one implication per literal.
            model.add(occurrences * room_used >= sum(literals))
            used.append(room_used)
        extra_rooms = model.new_int_var(0, occurrences - 1, f"{talk_id} extra rooms")
        model.add(extra_rooms == sum(used) - 1)
        cost += instance.weights.repeat_room_change * extra_rooms
    return cost


def penalize_speaker_idle_slots(model: cp_model.CpModel, instance: Instance, candidates: list[Candidate]) -> LinearCost:
    """A speaker's talks are close together: each breakout slot between their first and last
    occurrence in which they give nothing costs the weight.

    The number of slots a speaker occupies is fixed by the instance (speakers are never
    double-booked), so only the first and last positions need variables.
    """
    by_speaker: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        for speaker in candidate.occurrence.talk.speakers:
            by_speaker[speaker].append(candidate)
    last_position = len(instance.breakout_slots) - 1
    cost: LinearCost = 0
    for speaker, speaker_candidates in by_speaker.items():
        occupied = sum(t.occurrences * t.length for t in instance.talks if speaker in t.speakers)
        if occupied < 2:
            continue
        first = model.new_int_var(0, last_position, f"{speaker} first slot")
        last = model.new_int_var(0, last_position, f"{speaker} last slot")
        for candidate in speaker_candidates:
            model.add(first <= candidate.first_position).only_enforce_if(candidate.literal)
            model.add(last >= candidate.last_position).only_enforce_if(candidate.literal)
        cost += instance.weights.speaker_idle_slot * (last - first + 1 - occupied)
    return cost


def penalize_seat_mismatch(instance: Instance, candidates: list[Candidate]) -> LinearCost:
    """Expected attendance fits the room: a short seat costs far more than an empty one."""
    weights = instance.weights
    cost: LinearCost = 0
    for candidate in candidates:
        expected = candidate.occurrence.talk.expected_attendance
        capacity = candidate.room.capacity
        price = weights.seat_short * max(0, expected - capacity) + weights.seat_empty * max(0, capacity - expected)
        if price:
            cost += price * candidate.literal
    return cost


def penalize_choice_imbalance(model: cp_model.CpModel, instance: Instance, candidates: list[Candidate]) -> LinearCost:
    """Every breakout slot offers the open audience a similar number of talks to choose from."""
    open_talks_in: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for candidate in candidates:
        if candidate.occurrence.talk.restricted_to is None:
            for position in range(candidate.first_position, candidate.last_position + 1):
                open_talks_in[position].append(candidate.literal)
    slot_count = len(instance.breakout_slots)
    if slot_count < 2:
        return 0
    bound = sum(1 for room in instance.rooms if room.breakout)
    most = model.new_int_var(0, bound, "most open choices in a slot")
    fewest = model.new_int_var(0, bound, "fewest open choices in a slot")
    for position in range(slot_count):
        offered = sum(open_talks_in.get(position, []))
        model.add(most >= offered)
        model.add(fewest <= offered)
    return instance.weights.choice_imbalance * (most - fewest)


def soft_rule_costs(model: cp_model.CpModel, instance: Instance, candidates: list[Candidate]) -> LinearCost:
    """The table of contents of the soft rules: their sum is the objective."""
    return (
        penalize_repeat_room_changes(model, instance, candidates)
        + penalize_speaker_idle_slots(model, instance, candidates)
        + penalize_seat_mismatch(instance, candidates)
        + penalize_choice_imbalance(model, instance, candidates)
    )
