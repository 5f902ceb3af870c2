"""Breakout windows: talks as intervals on a minute axis, rooms chosen per part (see `window_stage`).

Each part is a block in one room, starting with its first talk and ending with its last, so its
empty minutes are exactly the gaps the checker counts between a track's talks. Blocks in one room
never overlap each other, and never a closure at the edge of a day (before the room opens, after it
closes). A closure inside a day (lunch, a fixed item) may sit inside a block, as the checker
allows; the block's own talks keep clear of it instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance, Pin, Room, Schedule, minutes
from ..models.instance import step_slot_id
from ..models.requirements import Requirement
from .encoding import (
    Encoding,
    LinearCost,
    Occurrence,
    Span,
    droppable,
    merge,
    number_in_clock_order,
)
from .search import solve_stopped_by_ctrl_c
from .window_stage import Item, Part, Stage, read_stage

Literal = cp_model.IntVar | int
"""A membership or room choice: a Boolean variable, or the int 1 where nothing else is possible."""


def certain(literal: Literal) -> bool:
    return isinstance(literal, int)


@dataclass(frozen=True)
class Closure:
    span: Span
    requirements: tuple[Requirement, ...]


class WindowEncoding(Encoding):
    work_per_second = 0.05
    """Measured here with one worker: 0.065-0.13 on the 1,000-talk synthetic conference (by the load on
    the machine), 0.02 on FOSDEM 2025, whose searches are mostly presolve."""

    def __init__(self, instance: Instance, switchable: bool = False, spare_parts: int = 1) -> None:
        super().__init__(instance, switchable)
        self.stage: Stage = read_stage(instance, use_pins=not switchable, spare_parts=spare_parts)
        self.axis = self.stage.axis
        self.item_of = {item.occurrence.key: item for item in self.stage.items}
        self.start: dict[int, cp_model.IntVar] = {}
        self.interval: dict[int, cp_model.IntervalVar] = {}
        self.present: dict[int, Literal] = {}
        """1, or in diagnosis the literal of an occurrence that may be dropped."""
        self.member: dict[tuple[int, int], Literal] = {}
        self.parts_of: dict[int, list[Part]] = defaultdict(list)
        self.room_of_part: dict[tuple[int, str], cp_model.IntVar] = {}
        self.block: dict[int, tuple[LinearCost, LinearCost, LinearCost]] = {}
        """Per part: its begin, end and size in axis minutes."""
        self.part_intervals: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
        """Per part, the intervals of its own talks (and closures of its room it must keep clear of)."""
        self.used_rooms: dict[int, LinearCost] = {}
        """Per track-day index, the rooms its parts use."""
        self.fewest: dict[int, LinearCost] = {}
        self.block_used: dict[int, Literal] = {}
        self.closures: dict[str, list[Closure]] = defaultdict(list)
        self.barred: set[tuple[int, str]] = set()
        """(part, room) pairs a rule rules out for good: a part whose talk cannot go to the room."""
        self.rooms_kept_apart: set[str] = set()
        self.changeovers: dict[str, Requirement] = {}
        """Rooms with a changeover between talks, with the requirement it stems from."""
        self._overlaps: dict[tuple[int, int], LinearCost] = {}
        self._in_room: dict[tuple[int, str], LinearCost] = {}
        self._seated: set[int] = set()
        self._build()

    def tune(self, parameters: object) -> None:
        """Measured on FOSDEM 2025 (1 worker): the default probing spends ~1.3 s per presolve pass
        learning clauses the search does not need (7.2 s in all against 1.8 s without), and the LP
        rows of linearization level 2 only slow each node; level 0 loses the LP's guidance (40 s)."""
        parameters.cp_model_probing_level = 0  # type: ignore[attr-defined]
        parameters.linearization_level = 1  # type: ignore[attr-defined]

    # --- the stage -----------------------------------------------------------------------------

    def _build(self) -> None:
        model = self.model
        for item in self.stage.items:
            start = model.new_int_var_from_domain(cp_model.Domain.from_values(list(item.starts)), f"start_{item.index}")
            self.start[item.index] = start
            if self.switchable and droppable(item.occurrence):
                present = model.new_bool_var(f"present_{item.index}")
                self.present[item.index] = present
                self.interval[item.index] = model.new_optional_fixed_size_interval_var(
                    start, item.length, present, f"talk_{item.index}"
                )
            else:
                self.present[item.index] = 1
                self.interval[item.index] = model.new_fixed_size_interval_var(start, item.length, f"talk_{item.index}")
        for part in self.stage.parts:
            for index in part.candidates:
                self.parts_of[index].append(part)
        for item in self.stage.items:
            parts = self.parts_of[item.index]
            for part in parts:
                self.member[item.index, part.index] = (
                    1
                    if len(parts) == 1 and certain(self.present[item.index])
                    else model.new_bool_var(f"in_{item.index}_{part.index}")
                )
            for part in parts:
                if part.day is not None:
                    on_day = [s for s in item.starts if item.day_of_start[s] == part.day]
                    if len(on_day) < len(item.starts):
                        constraint = model.add_linear_expression_in_domain(
                            self.start[item.index], cp_model.Domain.from_values(on_day)
                        )
                        self._enforce(constraint, self.member[item.index, part.index])
        for part in self.stage.parts:
            self._part(part)
        self._track_days()

    def _enforce(self, constraint: cp_model.Constraint, *literals: Literal) -> None:
        uncertain = [literal for literal in literals if not certain(literal)]
        if uncertain:
            constraint.only_enforce_if(uncertain)

    def _part(self, part: Part) -> None:
        model = self.model
        items = self.stage.items
        members = [(items[i], self.member[i, part.index]) for i in part.candidates]
        if part.track is None:
            ((item, _),) = members
            begin: LinearCost = self.start[item.index]
            self.block[part.index] = (begin, begin + item.length, item.length)
            self.part_intervals[part.index].append(self.interval[item.index])
        else:
            self._block(part, members)
        choices = []
        for room_id in part.rooms:
            literal = model.new_bool_var(f"room_{part.index}_{room_id}")
            self.room_of_part[part.index, room_id] = literal
            choices.append(literal)
        used = self._part_used(part, members)
        model.add(sum(choices) == used)

    def _part_used(self, part: Part, members: list[tuple[Item, Literal]]) -> Literal:
        if part.track is None:
            return self.present[members[0][0].index]
        return self.block_used[part.index]

    def _block(self, part: Part, members: list[tuple[Item, Literal]]) -> None:
        """A track part's block: it starts with its first talk and ends with its last."""
        model = self.model
        assert part.day is not None
        low, high = self.stage.day_range[part.day]
        begin = model.new_int_var(low, high, f"begin_{part.index}")
        end = model.new_int_var(low, high, f"end_{part.index}")
        size = model.new_int_var(0, high - low, f"size_{part.index}")
        model.add(begin + size == end)
        for item, literal in members:
            if certain(literal):
                self.part_intervals[part.index].append(self.interval[item.index])
            else:
                self.part_intervals[part.index].append(
                    model.new_optional_fixed_size_interval_var(
                        self.start[item.index], item.length, literal, f"in_{item.index}_{part.index}"
                    )
                )
        model.add(size >= sum(item.length * literal for item, literal in members))
        used: Literal
        if all(certain(literal) for _, literal in members):
            used = 1
            model.add_min_equality(begin, [self.start[item.index] for item, _ in members])
            model.add_max_equality(end, [self.start[item.index] + item.length for item, _ in members])
        else:
            used = model.new_bool_var(f"used_{part.index}")
            model.add(size == 0).only_enforce_if(used.Not())
            firsts, lasts = [], []
            for item, literal in members:
                start = self.start[item.index]
                model.add(used >= literal)
                self._enforce(model.add(begin <= start), literal)
                self._enforce(model.add(end >= start + item.length), literal)
                first = model.new_bool_var(f"first_{item.index}_{part.index}")
                last = model.new_bool_var(f"last_{item.index}_{part.index}")
                model.add_implication(first, literal)
                model.add_implication(last, literal)
                model.add(begin == start).only_enforce_if(first)
                model.add(end == start + item.length).only_enforce_if(last)
                firsts.append(first)
                lasts.append(last)
            model.add(sum(firsts) == used)
            model.add(sum(lasts) == used)
        self.block_used[part.index] = used
        self.block[part.index] = (begin, end, size)

    def _track_days(self) -> None:
        """Parts of one track-day sit in distinct rooms, so rooms used = parts used; the fewest is
        ceil(minutes / most minutes a room holds that day)."""
        model = self.model
        items = self.stage.items
        for index, track_day in enumerate(self.stage.track_days):
            parts = [self.stage.parts[p] for p in track_day.parts]
            for room_id in {r for part in parts for r in part.rooms}:
                here = [
                    self.room_of_part[part.index, room_id]
                    for part in parts
                    if (part.index, room_id) in self.room_of_part
                ]
                if len(here) > 1:
                    model.add_at_most_one(here)
            used = [self.block_used[part.index] for part in parts]
            for earlier, later in itertools.pairwise(used):
                model.add(earlier >= later)
            day_minutes = sum(items[i].length * self.member[i, part.index] for part in parts for i in part.candidates)
            fewest = self._fewest(day_minutes, track_day.most_minutes, len(parts))
            # Implied (no room holds more than `most_minutes` of talks a day), but stating it lets
            # the search prove at once that no track can pay less than nothing.
            model.add(sum(used) >= fewest)
            self.used_rooms[index] = sum(used)
            self.fewest[index] = fewest

    def _fewest(self, day_minutes: LinearCost, most: int, limit: int) -> LinearCost:
        if isinstance(day_minutes, int):
            return math.ceil(day_minutes / most)
        fewest = self.model.new_int_var(0, limit, "fewest")
        self.model.add(fewest * most >= day_minutes)
        self.model.add(fewest * most <= day_minutes + most - 1)
        return fewest

    # --- hard-rule primitives ------------------------------------------------------------------

    def place_once(self, occurrence: Occurrence, unless: Requirement | None = None) -> None:
        """Present occurrences sit in exactly one of their parts; only a droppable one may be absent,
        and only once `unless` is given up."""
        item = self.item_of[occurrence.key]
        present = self.present[item.index]
        if not certain(present) and unless is not None:
            self.rules.require(self.model.add(present == 1), unless)
        memberships = [self.member[item.index, part.index] for part in self.parts_of[item.index]]
        if not memberships:
            self.model.add(present == 0)  # no part can hold it: reported as unplaceable before any search
        elif not all(certain(m) for m in memberships) or not certain(present):
            self.model.add(sum(memberships) == present)

    def never_at_once(
        self,
        occurrences: Sequence[Occurrence],
        at_once: int = 1,
        waiver: Callable[[Occurrence], Requirement] | None = None,
        requirement: Requirement | None = None,
    ) -> None:
        if len(occurrences) <= at_once:
            return
        if requirement is not None:
            waiver = lambda _: requirement  # noqa: E731 - every interval vanishes once it is given up
        intervals = [self._waivable(o, waiver) for o in occurrences]
        if at_once == 1:
            self.model.add_no_overlap(intervals)
        else:
            self.model.add_cumulative(intervals, [1] * len(intervals), at_once)

    def never_at_once_within(
        self,
        stretches: Sequence[tuple[Occurrence, Span]],
        waiver: Callable[[Occurrence], Requirement] | None = None,
    ) -> None:
        intervals = []
        for occurrence, (first, last) in stretches:
            item = self.item_of[occurrence.key]
            if (first, last) == (0, item.length):
                intervals.append(self._waivable(occurrence, waiver))
                continue
            start, present = self.start[item.index] + first, self.present[item.index]
            name = f"held_{item.index}_{first}"
            intervals.append(
                self.model.new_fixed_size_interval_var(start, last - first, name)
                if certain(present)
                else self.model.new_optional_fixed_size_interval_var(start, last - first, present, name)
            )
        if len(intervals) > 1:
            self.model.add_no_overlap(intervals)

    def _waivable(
        self, occurrence: Occurrence, waiver: Callable[[Occurrence], Requirement] | None
    ) -> cp_model.IntervalVar:
        """The occurrence's interval; in diagnosis one that vanishes once its requirement is given up."""
        item = self.item_of[occurrence.key]
        if waiver is None or not self.switchable:
            return self.interval[item.index]
        taking_part = self._conjunction([self.present[item.index], self.rules.switch(waiver(occurrence))])
        return self.model.new_optional_fixed_size_interval_var(
            self.start[item.index], item.length, taking_part, f"waivable_{item.index}"
        )

    def _conjunction(self, literals: list[Literal]) -> Literal:
        uncertain = [literal for literal in literals if isinstance(literal, cp_model.IntVar)]
        if not uncertain:
            return 1
        if len(uncertain) == 1:
            return uncertain[0]
        both = self.model.new_bool_var("and")
        self.model.add_bool_and(uncertain).only_enforce_if(both)
        self.model.add_bool_or([literal.Not() for literal in uncertain]).only_enforce_if(both.Not())
        return both

    def keep_out(self, occurrence: Occurrence, span: Span, *requirements: Requirement) -> None:
        item = self.item_of[occurrence.key]
        allowed = [s for s in item.starts if s + item.length <= span[0] or span[1] <= s]
        if len(allowed) == len(item.starts):
            return
        constraint = self.model.add_linear_expression_in_domain(
            self.start[item.index], cp_model.Domain.from_values(allowed)
        )
        self._enforce(constraint, self.present[item.index], *self.rules.literals(requirements))

    def one_at_a_time_in(self, room: Room) -> None:
        self.rooms_kept_apart.add(room.id)

    def changeover(self, room: Room, requirement: Requirement) -> None:
        """Collected, and laid down in `finish` once every part's room choice exists."""
        self.changeovers[room.id] = requirement

    def close_room(self, room: Room, span: Span, *requirements: Requirement) -> None:
        if room.breakout:
            self.closures[room.id].append(Closure(span, requirements if self.switchable else ()))

    def keep_out_of_rooms(self, occurrence: Occurrence, rooms: Collection[str], *requirements: Requirement) -> None:
        item = self.item_of[occurrence.key]
        switches = self.rules.literals(requirements)
        for part in self.parts_of[item.index]:
            membership = self.member[item.index, part.index]
            for room_id in rooms:
                room = self.room_of_part.get((part.index, room_id))
                if room is None:
                    continue
                if isinstance(membership, int):
                    self._enforce(self.model.add(room == 0), *switches)
                    if not switches:
                        self.barred.add((part.index, room_id))
                else:
                    self._enforce(self.model.add_bool_or([membership.Not(), room.Not()]), *switches)

    def pin(self, occurrence: Occurrence, pin: Pin, requirement: Requirement) -> None:
        item = self.item_of[occurrence.key]
        allowed = list(item.starts)
        if pin.day is not None:
            allowed = [s for s in allowed if item.day_of_start[s] == pin.day]
        if pin.slot is not None:
            allowed = [s for s in allowed if s == self.slot_start(pin.slot)]
        if len(allowed) < len(item.starts):
            constraint = self.model.add_linear_expression_in_domain(
                self.start[item.index], cp_model.Domain.from_values(allowed)
            )
            self._enforce(constraint, self.present[item.index], *self.rules.literals([requirement]))
        if pin.room is not None:
            others = [r.id for r in self.instance.rooms if r.id != pin.room]
            self.keep_out_of_rooms(occurrence, others, requirement)

    def in_clock_order(self, occurrences: Sequence[Occurrence]) -> None:
        for earlier, later in itertools.pairwise(self.item_of[o.key] for o in occurrences):
            self.model.add(self.start[earlier.index] + earlier.length <= self.start[later.index])

    def limit_track_rooms(self) -> None:
        for index, track_day in enumerate(self.stage.track_days):
            if track_day.hard:
                self.model.add(self.used_rooms[index] <= self.fewest[index])

    def finish(self) -> None:
        """Per room, blocks never overlap each other or its closures at the edges of a day; each part
        keeps its own talks clear of the closures inside a day of the room it takes."""
        by_room: dict[str, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for (part, room_id), literal in self.room_of_part.items():
            by_room[room_id].append((part, literal))
        for room_id, choices in by_room.items():
            edge, inner = self._closures_of(room_id)
            blocks = [self._block_in(part, room_id, literal) for part, literal in choices]
            if room_id in self.rooms_kept_apart or edge:
                self.model.add_no_overlap(blocks + [self._closure_interval(c, None) for c in edge])
            for part, literal in choices:
                day = self.stage.parts[part].day
                relevant = [c for c in inner if day is None or self._on_day(c, day)]
                self.part_intervals[part] += [self._closure_interval(c, literal) for c in relevant]
        for intervals in self.part_intervals.values():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals)
        self._room_day_capacities(by_room)
        self._changeovers(by_room)

    def _changeovers(self, by_room: dict[str, list[tuple[int, cp_model.IntVar]]]) -> None:
        """Talks and blocks held on for their room's changeover never overlap: between blocks in one
        room, and between the talks of a part in that room."""
        for room_id, requirement in sorted(self.changeovers.items()):
            changeover = self.instance.room_by_id[room_id].changeover
            switch = self.rules.literals([requirement])
            blocks = []
            for part, literal in by_room.get(room_id, []):
                begin, end, size = self.block[part]
                presence = self._conjunction([literal, *switch])
                blocks.append(self._stretched(begin, size + changeover, end + changeover, presence, f"turn_{part}"))
                talks = [
                    self._stretched(
                        self.start[i],
                        self.stage.items[i].length + changeover,
                        self.start[i] + self.stage.items[i].length + changeover,
                        self._conjunction([self.member[i, part], self.present[i], literal, *switch]),
                        f"turn_{i}_{part}",
                    )
                    for i in self.stage.parts[part].candidates
                ]
                if len(talks) > 1:
                    self.model.add_no_overlap(talks)
            if len(blocks) > 1:
                self.model.add_no_overlap(blocks)

    def _stretched(
        self, start: LinearCost, size: LinearCost, end: LinearCost, presence: Literal, name: str
    ) -> cp_model.IntervalVar:
        if certain(presence):
            return self.model.new_interval_var(start, size, end, name)
        return self.model.new_optional_interval_var(start, size, end, presence, name)

    def _held(self, part: Part) -> int:
        """Minutes of the talks certainly in the part: all of an untracked or single-part track-day's."""
        return sum(self.stage.items[i].length for i in part.candidates if certain(self.member[i, part.index]))

    def _free_minutes(self, room_id: str) -> dict[dt.date, int]:
        """Per day, the minutes of the room inside the day's windows span outside its lasting closures."""
        always = merge([c.span for c in self.closures[room_id] if not c.requirements])
        return {
            day: (high - low) - sum(max(0, min(b, high) - max(a, low)) for a, b in always)
            for day, (low, high) in self.stage.day_range.items()
        }

    def _on(self, part: Part, day: dt.date) -> bool:
        return part.day == day or (part.day is None and self.stage.items[part.candidates[0]].days == [day])

    def room_packing(self, value: dict[tuple[int, str], int]) -> RoomPacking:
        return RoomPacking(self, value)

    def _expected_load(self, part: Part) -> int:
        """What a room plan expects the part to hold: its certain talks' minutes; for one of several
        parts of a track-day, an even share of the minutes of the talks that can go on no other day,
        among as many parts as they need (a spare part expects nothing)."""
        if part.track is None or all(certain(self.member[i, part.index]) for i in part.candidates):
            return self._held(part)
        track_day = next(td for td in self.stage.track_days if part.index in td.parts)
        bound_here = sum(self.stage.items[i].length for i in part.candidates if self.stage.items[i].days == [part.day])
        needed = math.ceil(bound_here / track_day.most_minutes)
        return bound_here // needed if part.ordinal < needed else 0

    def room_assumptions(self, rooms: dict[int, str]) -> list[cp_model.LiteralT]:
        """Literals that hold the room plan: each part in its room of `rooms`, in no other."""
        return [
            literal if rooms.get(part) == room_id else literal.Not()
            for (part, room_id), literal in self.room_of_part.items()
        ]

    def room_decisions(self, literals: Sequence[int]) -> list[tuple[int, str, bool]]:
        """The (part, room, in it?) decisions that literal indices of `room_assumptions` stand for."""
        by_index = {literal.index: key for key, literal in self.room_of_part.items()}
        return [(*by_index[index if index >= 0 else -index - 1], index >= 0) for index in literals]

    def room_prices(self, price: Callable[[Occurrence, Room], int]) -> dict[tuple[int, str], int]:
        """Per (part, room): what the part's certain talks cost there, by `price`."""
        prices = {}
        for part, room_id in self.room_of_part:
            members = [self.stage.items[i] for i in self.stage.parts[part].candidates if certain(self.member[i, part])]
            room = self.instance.room_by_id[room_id]
            prices[part, room_id] = sum(price(item.occurrence, room) for item in members)
        return prices

    def earlier_rooms(self, schedule: Schedule) -> dict[tuple[int, str], int]:
        """Per (part, room): how many of the part's possible talks `schedule` holds in that room on
        the part's day; what a re-plan's packing prefers to keep."""
        held: dict[tuple[str | None, dt.date | None, str], int] = defaultdict(int)
        talk_room: dict[str, str] = {}
        for p in schedule.placements:
            if p.slot in self.instance.slot_by_id and p.talk in self.instance.talk_by_id:
                talk = self.instance.talk_by_id[p.talk]
                held[talk.track, self._day_of(p.slot), p.room] += 1
                talk_room[p.talk] = p.room
        prefer = {}
        for part, room_id in self.room_of_part:
            stage_part = self.stage.parts[part]
            if stage_part.track is None:
                talk_id = self.stage.items[stage_part.candidates[0]].occurrence.talk.id
                prefer[part, room_id] = int(talk_room.get(talk_id) == room_id)
            else:
                prefer[part, room_id] = held[stage_part.track, stage_part.day, room_id]
        return prefer

    def _room_day_capacities(self, by_room: dict[str, list[tuple[int, cp_model.IntVar]]]) -> None:
        """Implied, but it gives the search a bin-packing bound at once: the talks a room holds in a
        day fit its free minutes that day. Without it, a closed room whose track no other room can
        take was searched for a minute without a proof (FOSDEM 2025)."""
        for room_id, choices in by_room.items():
            for day, free in self._free_minutes(room_id).items():
                load = [
                    self._held(self.stage.parts[part]) * literal
                    for part, literal in choices
                    if self._on(self.stage.parts[part], day)
                ]
                if load:
                    self.model.add(sum(load) <= max(free, 0))

    def _block_in(self, part: int, room_id: str, literal: cp_model.IntVar) -> cp_model.IntervalVar:
        begin, end, size = self.block[part]
        return self.model.new_optional_interval_var(begin, size, end, literal, f"block_{part}_{room_id}")

    def _closure_interval(self, closure: Closure, room_literal: Literal | None) -> cp_model.IntervalVar:
        a, b = closure.span
        presence = self._conjunction(
            [*self.rules.literals(closure.requirements), *([room_literal] if room_literal is not None else [])]
        )
        if certain(presence):
            return self.model.new_fixed_size_interval_var(a, b - a, f"closed_{a}")
        return self.model.new_optional_fixed_size_interval_var(a, b - a, presence, f"closed_{a}")

    def _on_day(self, closure: Closure, day: dt.date) -> bool:
        low, high = self.stage.day_range[day]
        return closure.span[0] < high and low < closure.span[1]

    def _closures_of(self, room_id: str) -> tuple[list[Closure], list[Closure]]:
        """The room's closures at the edges of a day (covering its first or last window minute, or
        outside every day) and those strictly inside a day; closures that always hold are merged."""
        always = merge([c.span for c in self.closures[room_id] if not c.requirements])
        switched = [c for c in self.closures[room_id] if c.requirements]
        edge: list[Closure] = []
        inner: list[Closure] = []
        for closure in [Closure(span, ()) for span in always] + switched:
            a, b = closure.span
            inside = any(low < a and b < high for low, high in self.stage.day_range.values())
            (inner if inside else edge).append(closure)
        return edge, inner

    # --- soft-rule primitives ------------------------------------------------------------------

    def in_room(self, occurrence: Occurrence, room_id: str) -> LinearCost:
        item = self.item_of[occurrence.key]
        key = (item.index, room_id)
        if key not in self._in_room:
            self._in_room[key] = sum(
                self._item_in_part_room(item, part, room_id)
                for part in self.parts_of[item.index]
                if (part.index, room_id) in self.room_of_part
            )
        return self._in_room[key]

    def _item_in_part_room(self, item: Item, part: Part, room_id: str) -> Literal:
        room = self.room_of_part[part.index, room_id]
        membership = self.member[item.index, part.index]
        if certain(membership) and certain(self.present[item.index]):
            return room
        return self._conjunction([membership, room, self.present[item.index]])

    def rooms_offered(self, occurrence: Occurrence) -> tuple[str, ...]:
        item = self.item_of[occurrence.key]
        return tuple(dict.fromkeys(r for part in self.parts_of[item.index] for r in part.rooms))

    def price_rooms(self, price: Callable[[Occurrence, Room], int]) -> LinearCost:
        """Also: each priced occurrence sits in exactly one (part, room); implied, but it gives the
        search the bound that every talk pays at least its cheapest room."""
        cost = super().price_rooms(price)
        for occurrence in self.occurrences:
            item = self.item_of[occurrence.key]
            rooms = self.rooms_offered(occurrence)
            if item.index in self._seated or not any(price(occurrence, self.instance.room_by_id[r]) for r in rooms):
                continue
            self._seated.add(item.index)
            seats = [self.in_room(occurrence, r) for r in rooms]
            self.model.add(sum(seats) == self.present[item.index])
        return cost

    def rooms_used(self, occurrences: Sequence[Occurrence]) -> LinearCost:
        used = []
        for room_id in sorted({r for o in occurrences for r in self.rooms_offered(o)}):
            here = [self.in_room(o, room_id) for o in occurrences if room_id in self.rooms_offered(o)]
            room_used = self.model.new_bool_var(f"repeat_{occurrences[0].talk.id}_{room_id}")
            self.model.add(len(here) * room_used >= sum(here))
            # Never used when empty: a schedule the search stops at short of optimal must not pay
            # for a room its talk is not in (the checker would score it lower).
            self.model.add(room_used <= sum(here))
            used.append(room_used)
        return sum(used)

    def price_times(self, occurrence: Occurrence, price: Callable[[Span], int]) -> LinearCost:
        """One literal per price the occurrence's starts have: true when it starts at one of them."""
        item = self.item_of[occurrence.key]
        starts_at: dict[int, list[int]] = defaultdict(list)
        for start in item.starts:
            starts_at[price((start, start + item.length))].append(start)
        if len(starts_at) == 1:
            return next(iter(starts_at))
        cost: LinearCost = 0
        for amount, starts in sorted(starts_at.items()):
            if amount:
                cost += amount * self._starts_among(item, starts)
        return cost

    def _starts_among(self, item: Item, starts: list[int]) -> cp_model.IntVar:
        among = self.model.new_bool_var(f"starts_among_{item.index}")
        others = [s for s in item.starts if s not in set(starts)]
        start = self.start[item.index]
        self.model.add_linear_expression_in_domain(start, cp_model.Domain.from_values(starts)).only_enforce_if(among)
        self.model.add_linear_expression_in_domain(start, cp_model.Domain.from_values(others)).only_enforce_if(
            among.Not()
        )
        return among

    def end_minute(self, occurrence: Occurrence) -> LinearCost:
        item = self.item_of[occurrence.key]
        return self.start[item.index] + item.length

    def overlap(self, first: Occurrence, second: Occurrence) -> LinearCost:
        """0 where they can never overlap (their starts too far apart, or both in the one part of
        their track-day, whose talks never overlap); else a literal true exactly when they do."""
        a, b = self.item_of[first.key], self.item_of[second.key]
        key = (min(a.index, b.index), max(a.index, b.index))
        if key in self._overlaps:
            return self._overlaps[key]
        parts_a, parts_b = self.parts_of[a.index], self.parts_of[b.index]
        apart = a.starts[-1] + a.length <= b.starts[0] or b.starts[-1] + b.length <= a.starts[0]
        if apart or (len(parts_a) == len(parts_b) == 1 and parts_a[0].index == parts_b[0].index):
            self._overlaps[key] = 0
            return 0
        # They overlap exactly when the first starts less than the second's length after it, and
        # less than its own length before it: one literal on the difference of their starts.
        both = self.model.new_bool_var(f"overlap_{key[0]}_{key[1]}")
        difference = self.start[a.index] - self.start[b.index]
        together = cp_model.Domain(1 - a.length, b.length - 1)
        self.model.add_linear_expression_in_domain(difference, together).only_enforce_if(both)
        self.model.add_linear_expression_in_domain(difference, together.complement()).only_enforce_if(both.Not())
        self._overlaps[key] = both
        return both

    def track_rooms_beyond_fewest(self) -> LinearCost:
        return sum(
            self.used_rooms[index] - self.fewest[index]
            for index, track_day in enumerate(self.stage.track_days)
            if not track_day.hard
        )

    def track_gap_minutes(self) -> LinearCost:
        items = self.stage.items
        return sum(
            self.block[part.index][2] - sum(items[i].length * self.member[i, part.index] for i in part.candidates)
            for part in self.stage.parts
            if part.track is not None
        )

    # --- what the verbs ask of a model ---------------------------------------------------------

    def at(self, talk_id: str, slot_id: str, room_id: str) -> list[cp_model.IntVar]:
        minute = self.slot_start(slot_id)
        found = []
        for occurrence in (o for o in self.occurrences if o.talk.id == talk_id):
            item = self.item_of[occurrence.key]
            if minute not in item.day_of_start or room_id not in self.rooms_offered(occurrence):
                continue
            starts_there = self.model.new_bool_var(f"starts_{item.index}_{minute}")
            self.model.add(self.start[item.index] == minute).only_enforce_if(starts_there)
            self.model.add(self.start[item.index] != minute).only_enforce_if(starts_there.Not())
            room = self.in_room(occurrence, room_id)
            there = self.model.new_bool_var(f"at_{item.index}_{minute}_{room_id}")
            self.model.add(there <= starts_there)
            self.model.add(there <= room)
            self.model.add(there >= starts_there + room - 1)
            found.append(there)
        return found

    def keep_starts(self, schedule: Schedule) -> None:
        starts: dict[str, set[int]] = defaultdict(set)
        for p in schedule.placements:
            starts[p.talk].add(self.slot_start(p.slot))
        for item in self.stage.items:
            allowed = sorted(starts[item.occurrence.talk.id] & set(item.starts))
            self.model.add_linear_expression_in_domain(self.start[item.index], cp_model.Domain.from_values(allowed))

    def start_minute(self, occurrence: Occurrence) -> LinearCost:
        return self.start[self.item_of[occurrence.key].index]

    def schedule(self, solver: cp_model.CpSolver) -> Schedule:
        """Each occurrence at its start step, in its part's room."""
        room_of_part = {
            part: room for (part, room), literal in self.room_of_part.items() if solver.boolean_value(literal)
        }
        placed = []
        for item in self.stage.items:
            if not certain(self.present[item.index]) and not solver.boolean_value(self.present[item.index]):
                continue
            part = next(
                p.index
                for p in self.parts_of[item.index]
                if certain(self.member[item.index, p.index]) or solver.boolean_value(self.member[item.index, p.index])
            )
            start = solver.value(self.start[item.index])
            placed.append((item.occurrence.talk.id, start, self._step_at(item, start), room_of_part[part]))
        return number_in_clock_order(self.instance, placed)

    def _step_at(self, item: Item, start: int) -> str:
        day = item.day_of_start[start]
        clock = start - self.axis.minute(day, 0)
        window = next(
            w for w in self.instance.breakout_windows if w.day == day and minutes(w.start) <= clock < minutes(w.end)
        )
        return step_slot_id(window, clock)

    def hint(self, schedule: Schedule) -> None:
        """Starts, memberships and rooms from `schedule`: a track-day's rooms go to its parts in the
        order the track first uses them that day."""
        model = self.model
        model.clear_hints()
        where = self.places_of(schedule)
        part_room: dict[int, str] = {}
        for track_day in self.stage.track_days:
            held = sorted(
                (self.slot_start(slot), room)
                for item in self.stage.items
                if item.occurrence.talk.track == track_day.track
                and (slot_room := where.get(item.occurrence.key)) is not None
                and self._day_of(slot_room[0]) == track_day.day
                for slot, room in [slot_room]
            )
            rooms = list(dict.fromkeys(room for _, room in held))
            part_room |= dict(zip(track_day.parts, rooms, strict=False))
        for item in self.stage.items:
            place = where.get(item.occurrence.key)
            if place is None:
                continue
            model.add_hint(self.start[item.index], self.slot_start(place[0]))
            for part in self.parts_of[item.index]:
                if part.track is None:
                    part_room[part.index] = place[1]
                literal = self.member[item.index, part.index]
                if isinstance(literal, cp_model.IntVar):
                    model.add_hint(
                        literal, part.day == self._day_of(place[0]) and part_room.get(part.index) == place[1]
                    )
        for (part_index, room_id), literal in self.room_of_part.items():
            model.add_hint(literal, part_room.get(part_index) == room_id)

    def _day_of(self, slot_id: str) -> dt.date:
        return self.instance.slot_by_id[slot_id].day


class RoomPacking:
    """Parts to rooms by a bin packing of each day's parts into the rooms' free minutes, the rest of
    the rules aside: a room plan in a fraction of a second where the whole model can search for a
    minute without one (FOSDEM 2025 with a busy room closed for Sunday). It maximizes the `value` of
    its (part, room) pairs (cheap seats, earlier rooms kept), and learns which plans the full rules
    refuse (`forbid`), so that it can be asked again."""

    def __init__(self, encoding: WindowEncoding, value: dict[tuple[int, str], int]) -> None:
        stage = encoding.stage
        packing = cp_model.CpModel()
        where = {
            key: packing.new_bool_var(f"pack_{key}") for key in encoding.room_of_part if key not in encoding.barred
        }
        for part in stage.parts:
            choices = [where[part.index, r] for r in part.rooms if (part.index, r) in where]
            if encoding._expected_load(part):
                packing.add_exactly_one(choices)
            else:
                packing.add_at_most_one(choices)
        for track_day in stage.track_days:
            for room_id in {r for p in track_day.parts for r in stage.parts[p].rooms}:
                packing.add_at_most_one([where[p, room_id] for p in track_day.parts if (p, room_id) in where])
        for room_id in {r for _, r in where}:
            for day, free in encoding._free_minutes(room_id).items():
                load = [
                    encoding._expected_load(part) * where[part.index, room_id]
                    for part in stage.parts
                    if (part.index, room_id) in where and encoding._on(part, day)
                ]
                if load:
                    packing.add(sum(load) <= max(free, 0))
        packing.maximize(sum(worth * where[key] for key, worth in value.items() if key in where and worth))
        self.packing = packing
        self.where = where

    def solve(self, seconds: float, seed: int) -> dict[int, str] | None:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, 0.01)
        solver.parameters.random_seed = seed
        solver.parameters.num_workers = 1
        if solve_stopped_by_ctrl_c(solver, self.packing) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return {part: room for (part, room), literal in self.where.items() if solver.boolean_value(literal)}

    def forbid(self, decisions: list[tuple[int, str, bool]]) -> None:
        """Not all of these (part, room, in it?) decisions again: the full rules found them in conflict."""
        taken = [
            self.where[p, r] if inside else 1 - self.where[p, r] for p, r, inside in decisions if (p, r) in self.where
        ]
        self.packing.add(sum(taken) <= len(taken) - 1)
