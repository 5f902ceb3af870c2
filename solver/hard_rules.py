"""The hard rules, one function each, named as a planner names the rule.

Every constraint that stems from something the planner wrote (a pin, an unavailability, a
speaker giving a talk; see models.requirements) is tagged with that requirement, so that an
infeasible plan can be explained as a set of the planner's own requirements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import groupby, pairwise

from ortools.sat.python import cp_model

from ..models import Instance, minutes
from ..models.requirements import Requirement, occurrences_negotiable
from .candidates import Candidate, occurrences_of


class RuleSet:
    """Adds hard rules to one model, each constraint tagged with the planner's requirements it stems from.

    In a normal solve the tags are ignored. For diagnosis the rule set is switchable: each
    requirement gets one literal, and a constraint holds only while all its requirements'
    literals are true, so an infeasible plan is explained by which literals cannot all be true.
    """

    def __init__(self, model: cp_model.CpModel, switchable: bool = False) -> None:
        self.model = model
        self.switchable = switchable
        self.switches: dict[Requirement, cp_model.IntVar] = {}

    def switch(self, requirement: Requirement) -> cp_model.IntVar:
        if requirement not in self.switches:
            self.switches[requirement] = self.model.new_bool_var(
                f"{requirement.kind}:{requirement.owner}:{requirement.detail}"
            )
        return self.switches[requirement]

    def require(self, constraint: cp_model.Constraint, *requirements: Requirement) -> None:
        if self.switchable and requirements:
            constraint.only_enforce_if([self.switch(r) for r in requirements])

    def forbid(self, candidates: Iterable[Candidate], *requirements: Requirement) -> None:
        literals = [candidate.literal for candidate in candidates]
        if literals:
            self.require(self.model.add(sum(literals) == 0), *requirements)

    def at_most_one_at_a_time(
        self, candidates: list[Candidate], waiver: Callable[[Candidate], Requirement] | None = None
    ) -> None:
        """No two of these candidates run at the same clock time.

        Intervals that pairwise overlap all contain the latest of their starts, so one
        "at most one" per distinct start minute covers every clash with few constraints.
        A sweep over the starts keeps this linear in the candidates plus the constraints' size.

        With a `waiver`, a candidate takes part only while its requirement holds (a speaker
        gives that talk, a talk is restricted to that audience). A talk never runs twice at
        once, so each talk adds at most one to the sum; a waived talk raises the bound by one
        only when it does run here, or a waived talk elsewhere would let two others clash.
        """

        def moment(candidate: Candidate) -> int:
            return candidate.absolute_start

        running: list[Candidate] = []
        for start, starting in groupby(sorted(candidates, key=moment), key=moment):
            running = [c for c in running if c.absolute_end > start] + list(starting)
            if len(running) <= 1:
                continue
            bound: cp_model.LinearExprT = 1
            if self.switchable and waiver is not None:
                bound = 1 + sum(self._waived_here(running, waiver))
            self.model.add(sum(c.literal for c in running) <= bound)

    def _waived_here(
        self, running: list[Candidate], waiver: Callable[[Candidate], Requirement]
    ) -> list[cp_model.IntVar]:
        """Per requirement among the running candidates: true only if it is given up and its talk runs here."""
        literals_of: dict[Requirement, list[cp_model.IntVar]] = defaultdict(list)
        for candidate in running:
            literals_of[waiver(candidate)].append(candidate.literal)
        extras = []
        for requirement, literals in sorted(literals_of.items()):
            extra = self.model.new_bool_var(f"waived {requirement.kind}:{requirement.owner}:{requirement.detail}")
            self.model.add(extra <= sum(literals))
            self.model.add(extra <= 1 - self.switch(requirement))
            extras.append(extra)
        return extras


def _group(candidates: list[Candidate], key: Callable[[Candidate], Iterable[str]]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        for name in key(candidate):
            groups[name].append(candidate)
    return groups


def add_every_occurrence_placed_once(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    """Each occurrence takes exactly one candidate. Giving up a talk's "occurrences" requirement
    makes its last occurrence optional: the talk is then given once fewer (a workshop given once:
    not at all)."""
    by_occurrence = _group(candidates, lambda c: [f"{c.occurrence.key}"])
    for talk in instance.talks:
        for occurrence in occurrences_of(talk):
            # An occurrence with no candidate at all leaves an empty exactly-one: infeasible, never skipped.
            literals = [c.literal for c in by_occurrence.get(f"{occurrence.key}", [])]
            if rules.switchable and occurrence.index == talk.occurrences and occurrences_negotiable(talk):
                rules.model.add(sum(literals) <= 1)
                rules.require(rules.model.add(sum(literals) == 1), Requirement("occurrences", talk.id))
            else:
                rules.model.add_exactly_one(literals)


def add_repeats_in_different_slots(rules: RuleSet, candidates: list[Candidate]) -> None:
    """Occurrences of one talk never overlap. In a normal solve interchangeable ones also run in
    clock order, which removes the n! relabellings of a repeated talk from the search; diagnosis
    leaves that out, since a dropped last occurrence has no place in the order."""
    by_talk = _group(candidates, lambda c: [c.occurrence.talk.id])
    for talk_candidates in by_talk.values():
        rules.at_most_one_at_a_time(talk_candidates)
        if rules.switchable:
            continue
        unpinned = _group([c for c in talk_candidates if c.occurrence.pin is None], lambda c: [str(c.occurrence.index)])
        positions = [
            sum(c.first_position * c.literal for c in group)
            for _, group in sorted(unpinned.items(), key=lambda item: int(item[0]))
        ]
        for earlier, later in pairwise(positions):
            rules.model.add(earlier < later)


def add_room_conflicts(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_room = _group(candidates, lambda c: [c.room.id])
    for room_id, room_candidates in by_room.items():
        rules.at_most_one_at_a_time(room_candidates)
        for item in instance.fixed_items:
            if item.room == room_id:
                span = (item.day, minutes(item.start), minutes(item.end))
                rules.forbid((c for c in room_candidates if c.overlaps(*span)), Requirement("fixed-room", item.id))


def add_room_unavailability(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_room = _group(candidates, lambda c: [c.room.id])
    for room_id, room_candidates in by_room.items():
        for index, window in enumerate(instance.room_by_id[room_id].unavailable):
            span = (window.day, window.start_minute, window.end_minute)
            closed = Requirement("room-unavailable", room_id, index)
            rules.forbid((c for c in room_candidates if c.overlaps(*span)), closed)


def _gives(speaker_id: str) -> Callable[[Candidate], Requirement]:
    return lambda candidate: Requirement("speaker-gives", candidate.occurrence.talk.id, speaker_id)


def _forbid_per_talk(rules: RuleSet, candidates: list[Candidate], speaker_id: str, requirement: Requirement) -> None:
    """A speaker's time off binds a talk only while that speaker gives it."""
    for talk_id, talk_candidates in _group(candidates, lambda c: [c.occurrence.talk.id]).items():
        rules.forbid(talk_candidates, requirement, Requirement("speaker-gives", talk_id, speaker_id))


def add_speaker_conflicts(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_speaker = _group(candidates, lambda c: c.occurrence.talk.speakers)
    for speaker_id, speaker_candidates in by_speaker.items():
        rules.at_most_one_at_a_time(speaker_candidates, waiver=_gives(speaker_id))
        for item in instance.fixed_items:
            if speaker_id in item.people:
                span = (item.day, minutes(item.start), minutes(item.end))
                clashing = [c for c in speaker_candidates if c.overlaps(*span)]
                _forbid_per_talk(rules, clashing, speaker_id, Requirement("fixed-person", item.id, speaker_id))


def add_speaker_unavailability(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_speaker = _group(candidates, lambda c: c.occurrence.talk.speakers)
    for speaker_id, speaker_candidates in by_speaker.items():
        for index, window in enumerate(instance.speaker_by_id[speaker_id].unavailable):
            span = (window.day, window.start_minute, window.end_minute)
            clashing = [c for c in speaker_candidates if c.overlaps(*span)]
            _forbid_per_talk(rules, clashing, speaker_id, Requirement("speaker-unavailable", speaker_id, index))


def add_audience_conflicts(rules: RuleSet, candidates: list[Candidate]) -> None:
    """A restricted group must be able to attend all of its sessions, so they never overlap."""
    restricted = [c for c in candidates if c.occurrence.talk.restricted_to is not None]
    by_audience = _group(restricted, lambda c: [c.occurrence.talk.restricted_to or ""])
    for audience_candidates in by_audience.values():
        rules.at_most_one_at_a_time(
            audience_candidates, waiver=lambda c: Requirement("restricted", c.occurrence.talk.id)
        )


def add_required_features(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    by_talk = _group(candidates, lambda c: [c.occurrence.talk.id])
    for talk in instance.talks:
        for feature in talk.requires:
            lacking = (c for c in by_talk.get(talk.id, []) if feature not in c.room.features)
            rules.forbid(lacking, Requirement("requires", talk.id, feature))


def add_pins(rules: RuleSet, candidates: list[Candidate]) -> None:
    def breaks_pin(candidate: Candidate) -> bool:
        pin = candidate.occurrence.pin
        if pin is None:
            return False
        return (pin.slot is not None and pin.slot != candidate.slots[0].id) or (
            pin.room is not None and pin.room != candidate.room.id
        )

    breaking_by_occurrence: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        if breaks_pin(candidate):
            breaking_by_occurrence[candidate.occurrence.key].append(candidate)
    for (talk_id, index), breaking in breaking_by_occurrence.items():
        # Pinned occurrences come first, so occurrence k carries the talk's pin k - 1.
        rules.forbid(breaking, Requirement("pin", talk_id, index - 1))


def add_hard_rules(rules: RuleSet, instance: Instance, candidates: list[Candidate]) -> None:
    """The table of contents of the hard rules."""
    add_every_occurrence_placed_once(rules, instance, candidates)
    add_repeats_in_different_slots(rules, candidates)
    add_room_conflicts(rules, instance, candidates)
    add_room_unavailability(rules, instance, candidates)
    add_speaker_conflicts(rules, instance, candidates)
    add_speaker_unavailability(rules, instance, candidates)
    add_audience_conflicts(rules, candidates)
    add_required_features(rules, instance, candidates)
    add_pins(rules, candidates)
