"""Labelled breakout slots: one Boolean per (occurrence, start slot, breakout room) a talk could take.

Why: every rule then reads as "at most one of these literals at any moment" or "none of these
literals", which CP-SAT presolves into clique constraints, and every literal knows its clock span,
so overlaps are decided by minutes, never by slot labels. The size is occurrences x start slots x
rooms: ~1,000 literals for AMJ 2010. A conference on a fine grid would need millions, which is
why breakout windows have their own encoding (`window_encoding`) behind the same interface.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from ortools.sat.python import cp_model

from ..models import BreakoutSlot, Instance, Pin, Room, Schedule, minutes
from ..models.requirements import Requirement
from .encoding import Encoding, LinearCost, Occurrence, Span, by_key, number_in_clock_order
from .slot_attendance import Attendance, assign_attendees


@dataclass(frozen=True)
class Candidate:
    """One possible placement: if `literal` is true, the occurrence runs in `slots` in `room`."""

    occurrence: Occurrence
    slots: tuple[BreakoutSlot, ...]
    room: Room
    literal: cp_model.IntVar = field(compare=False)
    first_position: int
    """Position of the first slot in the clock order of all breakout slots."""
    start: int
    """Axis minutes of its first slot's start."""
    end: int
    """Axis minutes of its last slot's end: the breaks between its slots are taken too."""

    @property
    def day(self) -> dt.date:
        return self.slots[0].day

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.slots) - 1

    def overlaps(self, span: Span) -> bool:
        return self.start < span[1] and span[0] < self.end


class SlotEncoding(Encoding):
    costs_exact = False
    """The rooms a repeated talk uses, a speaker's first and last slot, the most and fewest
    choices in a slot, and with wishes the people short of a seat at a wished talk are bounds, and
    which occurrence each attendee goes to is a choice (`slot_attendance`). Stating a speaker's slots exactly (per-slot or min/max constraints)
    made AMJ 2010's proof 25-40 times slower (0.27 s to 7-11 s); pricing again is a tenth of a second."""

    def __init__(self, instance: Instance, switchable: bool = False) -> None:
        super().__init__(instance, switchable)
        self.candidates = self._generate()
        self.of_occurrence = by_key(self.candidates, lambda c: [c.occurrence.key])

    def _generate(self) -> list[Candidate]:
        """Every run of `length` consecutive slots of one day, in every breakout room."""
        instance = self.instance
        breakout_rooms = [room for room in instance.rooms if room.breakout]
        candidates = []
        for talk in instance.talks:
            runs = [
                run for slot in instance.slots_in_order if (run := instance.slot_run(slot.id, talk.length)) is not None
            ]
            for occurrence in (o for o in self.occurrences if o.talk is talk):
                for run in runs:
                    start, end = self.axis.span(run[0].day, minutes(run[0].start), minutes(run[-1].end))
                    for room in breakout_rooms:
                        literal = self.model.new_bool_var(f"{talk.id}#{occurrence.index}@{run[0].id}/{room.id}")
                        position = instance.slot_position[run[0].id]
                        candidates.append(Candidate(occurrence, run, room, literal, position, start, end))
        return candidates

    def tune(self, parameters: object) -> None:
        """Linearization level 2 gives the LP the rows it needs to prove the seat costs optimal;
        measured on AMJ 2010 it proves optimality in ~0.2 s where the default did not in 10 s."""
        parameters.linearization_level = 2  # type: ignore[attr-defined]

    def _of(self, occurrences: Sequence[Occurrence]) -> list[Candidate]:
        return [c for o in occurrences for c in self.of_occurrence.get(o.key, [])]

    def _forbid(self, candidates: list[Candidate], *requirements: Requirement) -> None:
        literals = [c.literal for c in candidates]
        if literals:
            self.rules.require(self.model.add(sum(literals) == 0), *requirements)

    # --- hard-rule primitives ------------------------------------------------------------------

    def place_once(self, occurrence: Occurrence, unless: Requirement | None = None) -> None:
        # An occurrence with no candidate at all leaves an empty exactly-one: infeasible, never skipped.
        literals = [c.literal for c in self.of_occurrence.get(occurrence.key, [])]
        if unless is not None and self.switchable:
            self.model.add(sum(literals) <= 1)
            self.rules.require(self.model.add(sum(literals) == 1), unless)
        else:
            self.model.add_exactly_one(literals)

    def never_at_once(
        self,
        occurrences: Sequence[Occurrence],
        at_once: int = 1,
        waiver: Callable[[Occurrence], Requirement] | None = None,
        requirement: Requirement | None = None,
    ) -> None:
        """Intervals that pairwise overlap all contain the latest of their starts, so one sum per
        distinct start minute covers every clash with few constraints; a sweep keeps it linear.

        A talk never runs twice at once, so each talk adds at most one to a sum; a waived talk
        raises the bound by one only when it does run here, or a waived talk elsewhere would let
        two others clash.
        """
        running: list[Candidate] = []
        for start, starting in groupby(sorted(self._of(occurrences), key=lambda c: c.start), key=lambda c: c.start):
            running = [c for c in running if c.end > start] + list(starting)
            if len(running) <= at_once:
                continue
            bound: LinearCost = at_once
            if self.switchable and waiver is not None:
                bound = at_once + sum(self._waived_here(running, waiver))
            constraint = self.model.add(sum(c.literal for c in running) <= bound)
            if requirement is not None:
                self.rules.require(constraint, requirement)

    def _waived_here(
        self, running: list[Candidate], waiver: Callable[[Occurrence], Requirement]
    ) -> list[cp_model.IntVar]:
        """Per requirement among the running candidates: true only if it is given up and its talk runs here."""
        literals_of: dict[Requirement, list[cp_model.IntVar]] = defaultdict(list)
        for candidate in running:
            literals_of[waiver(candidate.occurrence)].append(candidate.literal)
        extras = []
        for requirement, literals in sorted(literals_of.items()):
            extra = self.model.new_bool_var(f"waived {requirement.kind}:{requirement.owner}:{requirement.detail}")
            self.model.add(extra <= sum(literals))
            self.model.add(extra <= 1 - self.rules.switch(requirement))
            extras.append(extra)
        return extras

    def keep_out(self, occurrence: Occurrence, span: Span, *requirements: Requirement) -> None:
        self._forbid([c for c in self.of_occurrence.get(occurrence.key, []) if c.overlaps(span)], *requirements)

    def one_at_a_time_in(self, room: Room) -> None:
        running: list[Candidate] = []
        mine = sorted((c for c in self.candidates if c.room.id == room.id), key=lambda c: c.start)
        for start, starting in groupby(mine, key=lambda c: c.start):
            running = [c for c in running if c.end > start] + list(starting)
            if len(running) > 1:
                self.model.add(sum(c.literal for c in running) <= 1)

    def changeover(self, room: Room, requirement: Requirement) -> None:
        """Each candidate in the room holds it on for the changeover: talks whose spans, so
        stretched, overlap cannot both be there (slots further apart than the changeover never clash)."""
        running: list[Candidate] = []
        mine = sorted((c for c in self.candidates if c.room.id == room.id), key=lambda c: c.start)
        for start, starting in groupby(mine, key=lambda c: c.start):
            running = [c for c in running if c.end + room.changeover > start] + list(starting)
            if len({c.occurrence.key for c in running}) > 1:
                self.rules.require(self.model.add(sum(c.literal for c in running) <= 1), requirement)

    def close_room(self, room: Room, span: Span, *requirements: Requirement) -> None:
        self._forbid([c for c in self.candidates if c.room.id == room.id and c.overlaps(span)], *requirements)

    def keep_out_of_rooms(self, occurrence: Occurrence, rooms: Collection[str], *requirements: Requirement) -> None:
        self._forbid([c for c in self.of_occurrence.get(occurrence.key, []) if c.room.id in rooms], *requirements)

    def pin(self, occurrence: Occurrence, pin: Pin, requirement: Requirement) -> None:
        def breaks(candidate: Candidate) -> bool:
            return (pin.slot is not None and pin.slot != candidate.slots[0].id) or (
                pin.room is not None and pin.room != candidate.room.id
            )

        self._forbid([c for c in self.of_occurrence.get(occurrence.key, []) if breaks(c)], requirement)

    def in_clock_order(self, occurrences: Sequence[Occurrence]) -> None:
        positions = [sum(c.first_position * c.literal for c in self.of_occurrence[o.key]) for o in occurrences]
        for earlier, later in itertools.pairwise(positions):
            self.model.add(earlier < later)

    # --- soft-rule primitives ------------------------------------------------------------------

    def in_room(self, occurrence: Occurrence, room_id: str) -> LinearCost:
        return sum(c.literal for c in self.of_occurrence.get(occurrence.key, []) if c.room.id == room_id)

    def rooms_offered(self, occurrence: Occurrence) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.room.id for c in self.of_occurrence.get(occurrence.key, [])))

    def price_rooms(self, price: Callable[[Occurrence, Room], int]) -> LinearCost:
        """One term per candidate: the price of its room for its occurrence."""
        cost: LinearCost = 0
        for candidate in self.candidates:
            amount = price(candidate.occurrence, candidate.room)
            if amount:
                cost += amount * candidate.literal
        return cost

    def rooms_used(self, occurrences: Sequence[Occurrence]) -> LinearCost:
        by_room: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for candidate in self._of(occurrences):
            by_room[candidate.room.id].append(candidate.literal)
        used = []
        for room_id, literals in by_room.items():
            room_used = self.model.new_bool_var(f"{occurrences[0].talk.id} uses {room_id}")
            # n * used >= occurrences in the room: tighter for the LP than one implication per literal.
            self.model.add(len(occurrences) * room_used >= sum(literals))
            used.append(room_used)
        return sum(used)

    def price_times(self, occurrence: Occurrence, price: Callable[[Span], int]) -> LinearCost:
        return sum(
            amount * c.literal
            for c in self.of_occurrence.get(occurrence.key, [])
            if (amount := price((c.start, c.end)))
        )

    def end_minute(self, occurrence: Occurrence) -> LinearCost:
        return sum(c.end * c.literal for c in self.of_occurrence.get(occurrence.key, []))

    def overlap(self, first: Occurrence, second: Occurrence) -> LinearCost:
        """Each occurrence takes one span: the two overlap when both take spans that overlap, and at
        most one such pair of spans can be taken, so the sum of their conjunctions is exact."""
        spans_of: list[dict[Span, list[cp_model.IntVar]]] = [defaultdict(list), defaultdict(list)]
        for side, occurrence in enumerate((first, second)):
            for candidate in self.of_occurrence.get(occurrence.key, []):
                spans_of[side][candidate.start, candidate.end].append(candidate.literal)
        both: LinearCost = 0
        for (a, b), here in spans_of[0].items():
            for (c, d), there in spans_of[1].items():
                if a < d and c < b:
                    both += self.all_of([sum(here), sum(there)])
        return both

    @cached_property
    def attendance(self) -> Attendance | None:
        """Which wished talks attendees go to (`slot_attendance`); built when a rule first asks."""
        return assign_attendees(self)

    def seated_by_estimate(self, occurrence: Occurrence) -> bool:
        return self.attendance is None or occurrence.talk.id not in self.attendance.wished

    def people_short(self, weight: int) -> LinearCost:
        """Also, at wished talks, the attendees who go beyond the seats of the room."""
        attendance = self.attendance
        return super().people_short(weight) + (weight * attendance.short if attendance is not None else 0)

    def people_empty(self, weight: int) -> LinearCost:
        attendance = self.attendance
        return super().people_empty(weight) + (weight * attendance.empty if attendance is not None else 0)

    def missed_wishes(self) -> LinearCost:
        return self.attendance.missed if self.attendance is not None else 0

    def idle_slots(self, speaker_id: str, occupied: int) -> LinearCost:
        """The number of slots a speaker occupies is fixed by the instance (speakers are never
        double-booked), so only the first and last positions need variables: bounds the objective
        pushes to the exact slots (see `costs_exact`)."""
        last_position = len(self.instance.breakout_slots) - 1
        first = self.model.new_int_var(0, last_position, f"{speaker_id} first slot")
        last = self.model.new_int_var(0, last_position, f"{speaker_id} last slot")
        for candidate in self.candidates:
            if speaker_id in candidate.occurrence.talk.speakers:
                self.model.add(first <= candidate.first_position).only_enforce_if(candidate.literal)
                self.model.add(last >= candidate.last_position).only_enforce_if(candidate.literal)
        return last - first + 1 - occupied

    def choice_spread(self) -> LinearCost:
        open_talks_in: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for candidate in self.candidates:
            if candidate.occurrence.talk.restricted_to is None:
                for position in range(candidate.first_position, candidate.last_position + 1):
                    open_talks_in[position].append(candidate.literal)
        slot_count = len(self.instance.breakout_slots)
        if slot_count < 2:
            return 0
        bound = sum(1 for room in self.instance.rooms if room.breakout)
        most = self.model.new_int_var(0, bound, "most open choices in a slot")
        fewest = self.model.new_int_var(0, bound, "fewest open choices in a slot")
        for position in range(slot_count):
            offered = sum(open_talks_in.get(position, []))
            self.model.add(most >= offered)
            self.model.add(fewest <= offered)
        return most - fewest

    # --- what the verbs ask of a model ---------------------------------------------------------

    def at(self, talk_id: str, slot_id: str, room_id: str) -> list[cp_model.IntVar]:
        return [
            c.literal
            for c in self.candidates
            if c.occurrence.talk.id == talk_id and c.slots[0].id == slot_id and c.room.id == room_id
        ]

    def keep_starts(self, schedule: Schedule) -> None:
        starts = {(p.talk, p.slot) for p in schedule.placements}
        for candidate in self.candidates:
            if (candidate.occurrence.talk.id, candidate.slots[0].id) not in starts:
                self.model.add(candidate.literal == 0)

    def start_minute(self, occurrence: Occurrence) -> LinearCost:
        return sum(c.start * c.literal for c in self.of_occurrence.get(occurrence.key, []))

    def schedule(self, solver: cp_model.CpSolver) -> Schedule:
        chosen = (c for c in self.candidates if solver.boolean_value(c.literal))
        return number_in_clock_order(
            self.instance, ((c.occurrence.talk.id, c.start, c.slots[0].id, c.room.id) for c in chosen)
        )

    def hint(self, schedule: Schedule) -> None:
        where = self.places_of(schedule)
        self.model.clear_hints()
        for candidate in self.candidates:
            place = (candidate.slots[0].id, candidate.room.id)
            self.model.add_hint(candidate.literal, where.get(candidate.occurrence.key) == place)
