"""The hard rules, one function per family, each named as a planner names the rule.

Every constraint goes through `RuleSet.require`, which records the family it belongs to.
For diagnosis a family can be made switchable (its constraints enforced by one literal),
so that an infeasible plan is explained as a set of rule families that cannot all hold.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import groupby

from ortools.sat.python import cp_model

from ..models import Instance, minutes
from .candidates import Candidate, occurrences_of


class RuleSet:
    """Adds the constraints of named rule families to one model."""

    def __init__(self, model: cp_model.CpModel, switchable: bool = False) -> None:
        self.model = model
        self.switchable = switchable
        self.switches: dict[str, cp_model.IntVar] = {}

    def require(self, family: str, constraint: cp_model.Constraint) -> None:
        if self.switchable:
            if family not in self.switches:
                self.switches[family] = self.model.new_bool_var(family)
            constraint.only_enforce_if(self.switches[family])

    def forbid(self, family: str, candidates: Iterable[Candidate]) -> None:
        literals = [candidate.literal for candidate in candidates]
        if literals:
            self.require(family, self.model.add(sum(literals) == 0))

    def at_most_one_at_a_time(self, family: str, candidates: list[Candidate]) -> None:
        """No two of these candidates run at the same clock time.

        Intervals that pairwise overlap all contain the latest of their starts, so one
        "at most one" per distinct start minute covers every clash with few constraints.
        A sweep over the starts keeps this linear in the candidates plus the constraints' size.
        """

        def moment(candidate: Candidate) -> tuple[dt.date, int]:
            return (candidate.day, candidate.start_minute)

        running: list[Candidate] = []
        for (day, start), starting in groupby(sorted(candidates, key=moment), key=moment):
            running = [c for c in running if c.day == day and c.end_minute > start] + list(starting)
            if len(running) > 1:
                self.require(family, self.model.add(sum(c.literal for c in running) <= 1))


EVERY_OCCURRENCE_PLACED = "every occurrence placed once"
REPEATS_IN_DIFFERENT_SLOTS = "repeats in different slots"
ROOM_ONE_THING_AT_A_TIME = "a room holds one thing at a time"
ROOM_UNAVAILABLE = "room unavailability"
SPEAKER_ONE_PLACE_AT_A_TIME = "a speaker is in one place at a time"
SPEAKER_UNAVAILABLE = "speaker unavailability"
AUDIENCE_NEVER_DOUBLE_BOOKED = "an audience group's sessions never overlap"
REQUIRED_FEATURES = "required room features"
PINS = "pins"


def _group(candidates: list[Candidate], key: Callable[[Candidate], Iterable[str]]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        for name in key(candidate):
            groups[name].append(candidate)
    return groups


def add_every_occurrence_placed_once(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    # Never switchable: dropping it would "explain" every infeasibility by placing nothing.
    by_occurrence = _group(candidates, lambda c: [f"{c.occurrence.key}"])
    for talk in instance.talks:
        for occurrence in occurrences_of(talk):
            # An occurrence with no candidate at all leaves an empty exactly-one: infeasible, never skipped.
            rules.model.add_exactly_one(c.literal for c in by_occurrence.get(f"{occurrence.key}", []))


def add_repeats_in_different_slots(rules: RuleSet, candidates: list[Candidate]) -> None:
    """Occurrences of one talk never overlap; interchangeable ones also run in clock order,
    which removes the n! relabellings of a repeated talk from the search."""
    by_talk = _group(candidates, lambda c: [c.occurrence.talk.id])
    for talk_candidates in by_talk.values():
        rules.at_most_one_at_a_time(REPEATS_IN_DIFFERENT_SLOTS, talk_candidates)
        unpinned = _group([c for c in talk_candidates if c.occurrence.pin is None], lambda c: [str(c.occurrence.index)])
        positions = [
            sum(c.first_position * c.literal for c in group)
            for _, group in sorted(unpinned.items(), key=lambda item: int(item[0]))
        ]
        for earlier, later in zip(positions, positions[1:]):
            rules.require(REPEATS_IN_DIFFERENT_SLOTS, rules.model.add(earlier < later))


def add_room_conflicts(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_room = _group(candidates, lambda c: [c.room.id])
    for room_id, room_candidates in by_room.items():
        rules.at_most_one_at_a_time(ROOM_ONE_THING_AT_A_TIME, room_candidates)
        for item in instance.fixed_items:
            if item.room == room_id:
                span = (item.day, minutes(item.start), minutes(item.end))
                rules.forbid(ROOM_ONE_THING_AT_A_TIME, (c for c in room_candidates if c.overlaps(*span)))


def add_room_unavailability(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_room = _group(candidates, lambda c: [c.room.id])
    for room_id, room_candidates in by_room.items():
        for window in instance.room_by_id[room_id].unavailable:
            span = (window.day, window.start_minute, window.end_minute)
            rules.forbid(ROOM_UNAVAILABLE, (c for c in room_candidates if c.overlaps(*span)))


def add_speaker_conflicts(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_speaker = _group(candidates, lambda c: c.occurrence.talk.speakers)
    for speaker_id, speaker_candidates in by_speaker.items():
        rules.at_most_one_at_a_time(SPEAKER_ONE_PLACE_AT_A_TIME, speaker_candidates)
        for item in instance.fixed_items:
            if speaker_id in item.people:
                span = (item.day, minutes(item.start), minutes(item.end))
                rules.forbid(SPEAKER_ONE_PLACE_AT_A_TIME, (c for c in speaker_candidates if c.overlaps(*span)))


def add_speaker_unavailability(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_speaker = _group(candidates, lambda c: c.occurrence.talk.speakers)
    for speaker_id, speaker_candidates in by_speaker.items():
        for window in instance.speaker_by_id[speaker_id].unavailable:
            span = (window.day, window.start_minute, window.end_minute)
            rules.forbid(SPEAKER_UNAVAILABLE, (c for c in speaker_candidates if c.overlaps(*span)))


def add_audience_conflicts(rules: RuleSet, candidates: list[Candidate]) -> None:
    """A restricted group must be able to attend all of its sessions, so they never overlap."""
    restricted = [c for c in candidates if c.occurrence.talk.restricted_to is not None]
    by_audience = _group(restricted, lambda c: [c.occurrence.talk.restricted_to or ""])
    for audience_candidates in by_audience.values():
        rules.at_most_one_at_a_time(AUDIENCE_NEVER_DOUBLE_BOOKED, audience_candidates)


def add_required_features(rules: RuleSet, candidates: list[Candidate]) -> None:
    rules.forbid(
        REQUIRED_FEATURES,
        (c for c in candidates if not set(c.occurrence.talk.requires) <= set(c.room.features)),
    )


def add_pins(rules: RuleSet, candidates: list[Candidate]) -> None:
    def breaks_pin(candidate: Candidate) -> bool:
        pin = candidate.occurrence.pin
        if pin is None:
            return False
        return (pin.slot is not None and pin.slot != candidate.slots[0].id) or (
            pin.room is not None and pin.room != candidate.room.id
        )

    rules.forbid(PINS, (c for c in candidates if breaks_pin(c)))


def add_hard_rules(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    """The table of contents of the hard rules."""
    add_every_occurrence_placed_once(rules, instance, candidates)
    add_repeats_in_different_slots(rules, candidates)
    add_room_conflicts(rules, instance, candidates)
    add_room_unavailability(rules, instance, candidates)
    add_speaker_conflicts(rules, instance, candidates)
    add_speaker_unavailability(rules, instance, candidates)
    add_audience_conflicts(rules, candidates)
    add_required_features(rules, candidates)
    add_pins(rules, candidates)
