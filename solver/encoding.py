"""The one interface behind which both shapes of conference are encoded for CP-SAT.

A conference on labelled breakout slots (AMJ 2010) and one on breakout windows (FOSDEM) need
different variables: a Boolean per (occurrence, start slot, room) is small and tight for the first
and far too large for the second, where rooms are chosen per track block and talks are intervals
on a minute axis. What is shared is everything above the variables: the rules (`hard_rules`,
`soft_rules`, one function each, written once against this interface), the planner's requirements
that each constraint stems from (so any conference can be explained), and what the verbs ask of a
model: where each occurrence is (`at`, `starts_at`), where it starts (`start_minute`), the schedule
it reads back, and a hint from an earlier schedule. `SlotEncoding` and `WindowEncoding` implement
the primitives; a rule never asks which one it has.

Times are minutes on one axis: (date - first date) x 1440 + the clock, so a 25:30 filed under
Friday is the same minute as Saturday's 01:30.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ortools.sat.python import cp_model

from ..models import Instance, Pin, Placement, Room, Schedule, Talk
from ..models.requirements import Requirement, occurrences_negotiable

LinearCost = cp_model.LinearExpr | int
"""A linear expression of the model, or a constant (OR-Tools' own alias also admits numpy integers)."""
T = TypeVar("T")
Span = tuple[int, int]
"""[start, end) in axis minutes."""

MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True)
class Occurrence:
    """The k-th giving of a talk. Pinned occurrences come first; the rest are interchangeable."""

    talk: Talk
    index: int
    pin: Pin | None

    @property
    def key(self) -> tuple[str, int]:
        return (self.talk.id, self.index)


def droppable(occurrence: Occurrence) -> bool:
    """The occurrence a planner could do without: the last of a talk whose repeats (or run of slots)
    are negotiable. Explaining an impossible plan may give it up; a normal solve never does."""
    return occurrence.index == occurrence.talk.occurrences and occurrences_negotiable(occurrence.talk)


def occurrences_of(talk: Talk) -> list[Occurrence]:
    pins: list[Pin | None] = list(talk.pins)
    pins += [None] * (talk.occurrences - len(pins))
    return [Occurrence(talk, index, pin) for index, pin in enumerate(pins, start=1)]


def merge(spans: Iterable[Span]) -> list[Span]:
    """The spans joined where they overlap or touch, in order; empty ones dropped."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


class Axis:
    """Dates and clocks as minutes on one line across the conference."""

    def __init__(self, instance: Instance) -> None:
        self.first = min(day.date for day in instance.days)

    def minute(self, day: dt.date, clock: int) -> int:
        return (day - self.first).days * MINUTES_A_DAY + int(clock)

    def span(self, day: dt.date, start: int, end: int) -> Span:
        return self.minute(day, start), self.minute(day, end)

    def horizon(self, instance: Instance) -> Span:
        """From the first day's midnight to the end of the night after the last day: every clock fits."""
        return self.minute(self.first, 0), self.minute(max(day.date for day in instance.days), 48 * 60)


class RuleSet:
    """Tags each constraint with the planner's requirements it stems from.

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
            name = f"{requirement.kind}:{requirement.owner}:{requirement.detail}"
            self.switches[requirement] = self.model.new_bool_var(name)
        return self.switches[requirement]

    def literals(self, requirements: Iterable[Requirement]) -> list[cp_model.IntVar]:
        """The switches a constraint is enforced by; none in a normal solve."""
        return [self.switch(r) for r in requirements] if self.switchable else []

    def require(self, constraint: cp_model.Constraint, *requirements: Requirement) -> None:
        if self.switchable and requirements:
            constraint.only_enforce_if(self.literals(requirements))


def number_in_clock_order(instance: Instance, placed: Iterable[tuple[str, int, str, str]]) -> Schedule:
    """Placements from (talk id, axis start, slot id, room id): each talk's occurrences numbered
    1..n in clock order, talks in instance order, as the grid and the checker expect."""
    order = {talk.id: index for index, talk in enumerate(instance.talks)}
    placements, previous, number = [], None, 0
    for talk_id, _, slot, room in sorted(placed, key=lambda p: (order[p[0]], p[1])):
        number = number + 1 if talk_id == previous else 1
        previous = talk_id
        placements.append(Placement(talk=talk_id, occurrence=number, slot=slot, room=room))
    return Schedule(placements=tuple(placements))


def by_key(items: Iterable[T], key: Callable[[T], Iterable[Hashable]]) -> dict[Hashable, list[T]]:
    """Items grouped under each key `key` gives them (an item may sit in several groups)."""
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        for name in key(item):
            groups[name].append(item)
    return groups


class RoomPlans(Protocol):
    """Room plans of a shape that chooses rooms for blocks of talks (see `WindowEncoding.room_packing`)."""

    def solve(self, seconds: float, seed: int) -> dict[int, str] | None: ...

    def forbid(self, decisions: list[tuple[int, str, bool]]) -> None: ...


class Encoding(ABC):
    """A CP-SAT model of one instance: its variables (the stage) and the primitives rules use."""

    work_per_second: float = 0.25
    """Deterministic seconds one worker does per wall second on this shape (measured here)."""

    costs_exact: bool = True
    """Whether every cost variable equals its rule's cost in any solution. When some are only bounded
    from below (exact where the objective pushed them down, i.e. at the optimum), a schedule the
    search stopped at short of optimal is priced again (`pricing.exact_objective`)."""

    def __init__(self, instance: Instance, switchable: bool) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.rules = RuleSet(self.model, switchable)
        self.axis = Axis(instance)
        self.occurrences: list[Occurrence] = [o for talk in instance.talks for o in occurrences_of(talk)]
        self.costs: dict[str, LinearCost] = {}
        """Each soft rule's cost, by rule id; their sum is the objective."""

    @abstractmethod
    def tune(self, parameters: object) -> None:
        """Search parameters that suit the shape (set on a `SatParameters`)."""

    @property
    def switchable(self) -> bool:
        return self.rules.switchable

    @property
    def objective(self) -> LinearCost:
        return sum(self.costs.values()) if self.costs else 0

    # --- hard-rule primitives ------------------------------------------------------------------

    @abstractmethod
    def place_once(self, occurrence: Occurrence, unless: Requirement | None = None) -> None:
        """The occurrence takes exactly one place; with `unless`, none once that requirement is given up."""

    @abstractmethod
    def never_at_once(
        self,
        occurrences: Sequence[Occurrence],
        at_once: int = 1,
        waiver: Callable[[Occurrence], Requirement] | None = None,
        requirement: Requirement | None = None,
    ) -> None:
        """No more than `at_once` of these run at any minute. With a `waiver`, an occurrence takes
        part only while its requirement holds (a speaker gives that talk, a talk is restricted); with
        a `requirement`, the whole rule holds only while that one does (an `apart` group)."""

    def never_at_once_within(
        self,
        stretches: Sequence[tuple[Occurrence, Span]],
        waiver: Callable[[Occurrence], Requirement] | None = None,
    ) -> None:
        """No two of these stretches run at once; each is a part of an occurrence, in minutes from
        its start (the talk it holds that someone gives, or all of it). A `waiver` applies to whole
        occurrences. Only breakout windows have talks that hold others (`models.semantics`)."""
        raise NotImplementedError("talks hold other talks only on breakout windows")

    @abstractmethod
    def keep_out(self, occurrence: Occurrence, span: Span, *requirements: Requirement) -> None:
        """The occurrence does not run during `span` (axis minutes)."""

    @abstractmethod
    def one_at_a_time_in(self, room: Room) -> None:
        """The room holds one talk at a time."""

    @abstractmethod
    def close_room(self, room: Room, span: Span, *requirements: Requirement) -> None:
        """No talk is in the room during `span`."""

    @abstractmethod
    def changeover(self, room: Room, requirement: Requirement) -> None:
        """Two talks in the room are at least its `changeover` minutes apart, end to start."""

    @abstractmethod
    def keep_out_of_rooms(self, occurrence: Occurrence, rooms: Collection[str], *requirements: Requirement) -> None:
        """The occurrence is in none of these rooms."""

    @abstractmethod
    def pin(self, occurrence: Occurrence, pin: Pin, requirement: Requirement) -> None:
        """The occurrence starts at the pin's slot or step, on its day, in its room (what it gives)."""

    @abstractmethod
    def in_clock_order(self, occurrences: Sequence[Occurrence]) -> None:
        """These interchangeable occurrences run one after another in this order (symmetry breaking)."""

    def limit_track_rooms(self) -> None:
        """A hard track uses no more rooms a day than its minutes need (breakout windows only)."""
        raise NotImplementedError

    # --- soft-rule primitives ------------------------------------------------------------------

    @abstractmethod
    def in_room(self, occurrence: Occurrence, room_id: str) -> LinearCost:
        """1 when the occurrence is in the room, else 0."""

    @abstractmethod
    def rooms_offered(self, occurrence: Occurrence) -> tuple[str, ...]:
        """The breakout rooms the occurrence may take at all."""

    def price_rooms(self, price: Callable[[Occurrence, Room], int]) -> LinearCost:
        """Σ price(occurrence, room) over where each occurrence is."""
        cost: LinearCost = 0
        for occurrence in self.occurrences:
            prices = {r: price(occurrence, self.instance.room_by_id[r]) for r in self.rooms_offered(occurrence)}
            cost += sum(p * self.in_room(occurrence, r) for r, p in prices.items() if p)
        return cost

    @abstractmethod
    def rooms_used(self, occurrences: Sequence[Occurrence]) -> LinearCost:
        """How many distinct rooms these occurrences use."""

    @abstractmethod
    def price_times(self, occurrence: Occurrence, price: Callable[[Span], int]) -> LinearCost:
        """price(the axis span it runs) for where the occurrence is (a speaker's avoided hours)."""

    @abstractmethod
    def end_minute(self, occurrence: Occurrence) -> LinearCost:
        """Where the occurrence ends, in axis minutes."""

    @abstractmethod
    def overlap(self, first: Occurrence, second: Occurrence) -> LinearCost:
        """1 when the two occurrences share a minute, else 0."""

    def all_of(self, literals: Sequence[LinearCost]) -> LinearCost:
        """1 when every one of these 0/1 terms is 1, else 0."""
        if len(literals) == 1:
            return literals[0]
        if any(isinstance(literal, int) and literal == 0 for literal in literals):
            return 0
        both = self.model.new_bool_var("all of")
        for literal in literals:
            self.model.add(both <= literal)
        self.model.add(both >= sum(literals) - (len(literals) - 1))
        return both

    def positive_part(self, expression: LinearCost, most: int, name: str) -> LinearCost:
        """max(0, expression), exactly; `most` bounds it from above."""
        part = self.model.new_int_var(0, max(most, 0), name)
        self.model.add_max_equality(part, [0, expression])
        return part

    def seated_by_estimate(self, occurrence: Occurrence) -> bool:
        """Whether the occurrence's room is priced by the instance's estimate of who comes
        (`Instance.seat_estimate`), rather than by the attendees the model sends there."""
        return True

    def people_short(self, weight: int) -> LinearCost:
        """weight x people without a seat, summed over the occurrences."""
        estimate = self.instance.seat_estimate
        return self.price_rooms(
            lambda o, room: weight * max(0, estimate(o.talk) - room.capacity) if self.seated_by_estimate(o) else 0
        )

    def people_empty(self, weight: int) -> LinearCost:
        """weight x empty seats, summed over the occurrences."""
        estimate = self.instance.seat_estimate
        return self.price_rooms(
            lambda o, room: weight * max(0, room.capacity - estimate(o.talk)) if self.seated_by_estimate(o) else 0
        )

    def missed_wishes(self) -> LinearCost:
        """Wished talks that attendees cannot attend, each by its wish's weight (labelled slots only)."""
        raise NotImplementedError

    def idle_slots(self, speaker_id: str, occupied: int) -> LinearCost:
        """Breakout slots a speaker sits idle between their first and last (labelled slots only)."""
        raise NotImplementedError

    def choice_spread(self) -> LinearCost:
        """Open talks in the busiest slot minus the emptiest (labelled slots only)."""
        raise NotImplementedError

    def track_rooms_beyond_fewest(self) -> LinearCost:
        """Rooms soft tracks use a day beyond the fewest (breakout windows only)."""
        raise NotImplementedError

    def track_gap_minutes(self) -> LinearCost:
        """Minutes tracks' rooms stand empty between their talks (breakout windows only)."""
        raise NotImplementedError

    # --- what the verbs ask of a model ---------------------------------------------------------

    @abstractmethod
    def at(self, talk_id: str, slot_id: str, room_id: str) -> list[cp_model.IntVar]:
        """Literals, each true when an occurrence of the talk starts at the slot (or step) in the room."""

    @abstractmethod
    def keep_starts(self, schedule: Schedule) -> None:
        """Every talk starts only where it starts in `schedule`; rooms stay free."""

    @abstractmethod
    def start_minute(self, occurrence: Occurrence) -> LinearCost:
        """Where the occurrence starts, in axis minutes."""

    @abstractmethod
    def schedule(self, solver: cp_model.CpSolver) -> Schedule:
        """The schedule of a solved model."""

    @abstractmethod
    def hint(self, schedule: Schedule) -> None:
        """Start the search from `schedule` (for the same instance)."""

    def room_packing(self, value: dict[tuple[int, str], int]) -> RoomPlans | None:
        """A quick planner of rooms alone, for a first schedule (see `first_plan`); None where the
        shape's search needs none (labelled slots choose rooms and slots at once in a tenth of a second)."""
        return None

    def room_prices(self, price: Callable[[Occurrence, Room], int]) -> dict[tuple[int, str], int]:
        """What a room plan's pairs cost by `price`, for `room_packing`."""
        return {}

    def room_assumptions(self, rooms: dict[int, str]) -> list[cp_model.LiteralT]:
        """Literals that hold a room plan, as assumptions of a search."""
        raise NotImplementedError

    def room_decisions(self, literals: Sequence[int]) -> list[tuple[int, str, bool]]:
        """The room decisions a core of `room_assumptions` stands for."""
        raise NotImplementedError

    def earlier_rooms(self, schedule: Schedule) -> dict[tuple[int, str], int]:
        """What a room plan of a re-plan prefers to keep from `schedule`."""
        return {}

    def finish(self) -> None:  # noqa: B027 - labelled slots gather nothing
        """Constraints a shape gathers from many rules at once (a room's closures, for example)."""

    def slot_start(self, slot_id: str) -> int:
        """Where a slot or step starts, in axis minutes."""
        slot = self.instance.slot_by_id[slot_id]
        return self.axis.minute(slot.day, slot.start)

    def places_of(self, schedule: Schedule) -> dict[tuple[str, int], tuple[str, str]]:
        """Which occurrence takes which (slot, room) of a schedule of this instance: pinned
        occurrences the places their pins allow, the others the rest in clock order."""
        places: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for p in schedule.placements:
            if p.slot in self.instance.slot_by_id:
                places[p.talk].append((self.slot_start(p.slot), p.slot, p.room))
        taken: dict[tuple[str, int], tuple[str, str]] = {}
        for talk_id, occurrences in by_key(self.occurrences, lambda o: [o.talk.id]).items():
            left = sorted(places.get(str(talk_id), []))
            for occurrence in sorted(occurrences, key=lambda o: o.pin is None):
                pin = occurrence.pin
                match = next(
                    (
                        place
                        for place in left
                        if pin is None or (pin.slot in (None, place[1]) and pin.room in (None, place[2]))
                    ),
                    None,
                )
                if match is not None:
                    left.remove(match)
                    taken[occurrence.key] = (match[1], match[2])
        return taken
