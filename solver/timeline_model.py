"""The CP-SAT model of a conference on breakout windows: talks as intervals on a minute axis,
rooms chosen per part (a track's block of one day, or an untracked talk).

Hard rules: every occurrence inside a window on a step; a part's talks inside its block and
never overlapping; blocks in one room never overlapping each other, the room's closed hours or
its fixed items; a speaker's occurrences never overlapping (unavailability and fixed items are
already cut out of each occurrence's starts); an audience's restricted occurrences at most
`at_once` at a time; a track's parts of one day in distinct rooms, and for a hard track no more
than its minutes need.

Soft rules (`weights`): empty minutes inside a track's block, rooms a track uses on a day beyond
the fewest, a repeated talk's extra rooms, and short or empty seats. A block is always exactly as
long as its talks' span, so its empty minutes are the gaps the checker counts between them.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance
from .timeline_items import DAY, Item, Part, Timeline, read_timeline

Literal = cp_model.IntVar | int
"""A membership or room choice: a Boolean variable, or the int 1 where nothing else is possible."""


def certain(literal: Literal) -> bool:
    return isinstance(literal, int)


@dataclass
class TimelineModel:
    model: cp_model.CpModel
    timeline: Timeline
    start: dict[int, cp_model.IntVar]
    """Per item, its start on the axis."""
    member: dict[tuple[int, int], Literal]
    """(item, part) -> 1 when the item is held in that part (the int 1 where nothing else is possible)."""
    room_of_part: dict[tuple[int, str], Literal]
    objective: cp_model.LinearExpr | int

    def hint_from(self, earlier: TimelineModel, solved: cp_model.CpSolver) -> None:
        """Start the search from `earlier`'s solution: the same instance, cut into other parts."""
        for index, start in self.start.items():
            self.model.add_hint(start, solved.value(earlier.start[index]))
        earlier_part = {part.key: part.index for part in earlier.timeline.parts}

        def earlier_value(literal: Literal | None) -> bool:
            return literal is not None and (certain(literal) or solved.boolean_value(literal))

        for (item, part), literal in self.member.items():
            if not certain(literal):
                old = earlier_part.get(self.timeline.parts[part].key)
                self.model.add_hint(literal, earlier_value(earlier.member.get((item, old))))
        for (part, room), literal in self.room_of_part.items():
            old = earlier_part.get(self.timeline.parts[part].key)
            self.model.add_hint(literal, earlier_value(earlier.room_of_part.get((old, room))))


def _seat_cost(instance: Instance, item: Item, room_id: str) -> int:
    weights = instance.weights
    capacity = instance.room_by_id[room_id].capacity
    wanted = item.talk.expected_attendance
    return weights.seat_short * max(0, wanted - capacity) + weights.seat_empty * max(0, capacity - wanted)


class _Builder:
    def __init__(self, instance: Instance, spare_parts: bool) -> None:
        self.instance = instance
        self.timeline = read_timeline(instance, spare_parts)
        self.model = cp_model.CpModel()
        self.start: dict[int, cp_model.IntVar] = {}
        self.interval: dict[int, cp_model.IntervalVar] = {}
        self.member: dict[tuple[int, int], Literal] = {}
        self.room_of_part: dict[tuple[int, str], Literal] = {}
        self.costs: list[cp_model.LinearExprT] = []
        self.seated: dict[int, list[Literal]] = defaultdict(list)

    def build(self) -> TimelineModel:
        self._items()
        self._membership()
        self._blocks_and_rooms()
        self._seated_once()
        self._people_and_audiences()
        self._repeats()
        self._track_days()
        objective = sum(self.costs) if self.costs else 0
        self.model.minimize(objective)
        return TimelineModel(self.model, self.timeline, self.start, self.member, self.room_of_part, objective)

    def _items(self) -> None:
        for item in self.timeline.items:
            domain = cp_model.Domain.from_values(list(item.starts))
            start = self.model.new_int_var_from_domain(domain, f"start_{item.index}")
            self.start[item.index] = start
            self.interval[item.index] = self.model.new_fixed_size_interval_var(start, item.length, f"talk_{item.index}")

    def _membership(self) -> None:
        """Each item in exactly one of its candidate parts, and on that part's day."""
        parts_of: dict[int, list[Part]] = defaultdict(list)
        for part in self.timeline.parts:
            for index in part.candidates:
                parts_of[index].append(part)
        for index, parts in parts_of.items():
            if len(parts) == 1:
                self.member[index, parts[0].index] = 1
            else:
                literals = [self.model.new_bool_var(f"in_{index}_{part.index}") for part in parts]
                for part, literal in zip(parts, literals, strict=False):
                    self.member[index, part.index] = literal
                self.model.add_exactly_one(literals)
            for part in parts:
                if part.day is not None:
                    literal = self.member[index, part.index]
                    day_range = cp_model.Domain(part.day * DAY, (part.day + 1) * DAY - 1)
                    self._enforce(self.model.add_linear_expression_in_domain(self.start[index], day_range), literal)

    def _enforce(self, constraint: cp_model.Constraint, literal: Literal) -> None:
        if not certain(literal):
            constraint.only_enforce_if(literal)

    def _blocks_and_rooms(self) -> None:
        blocks_in_room: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        items = self.timeline.items
        for part in self.timeline.parts:
            members = [(items[i], self.member[i, part.index]) for i in part.candidates]
            fixed = all(certain(literal) for _, literal in members)
            used: Literal = 1 if fixed else self.model.new_bool_var(f"used_{part.index}")
            if part.track is None:
                ((item, _),) = members
                begin, end = self.start[item.index], self.start[item.index] + item.length
                size: cp_model.LinearExprT = item.length
            else:
                begin, end, size = self._block(part, members, used)
            fixed_minutes = sum(item.length for item, literal in members if certain(literal))
            rooms = [
                r
                for r in part.rooms
                if all(r in item.rooms for item, literal in members if certain(literal))
                and self.timeline.longest_free(r, part.day) >= fixed_minutes
            ]
            choices = []
            for room_id in rooms:
                literal = self.model.new_bool_var(f"room_{part.index}_{room_id}")
                self.room_of_part[part.index, room_id] = literal
                choices.append(literal)
                blocks_in_room[room_id].append(
                    self.model.new_optional_interval_var(begin, size, end, literal, f"block_{part.index}_{room_id}")
                )
                for item, membership in members:
                    if not certain(membership) and room_id not in item.rooms:
                        self.model.add_bool_or([membership.Not(), literal.Not()])
            self.model.add(sum(choices) == used)
            self._seat_costs(part, members, rooms)
        for room_id, blocks in blocks_in_room.items():
            closed = [
                self.model.new_fixed_size_interval_var(a, b - a, f"closed_{room_id}_{a}")
                for a, b in self.timeline.room_closures[room_id]
            ]
            self.model.add_no_overlap(blocks + closed)

    def _block(self, part: Part, members: list[tuple[Item, Literal]], used: Literal):
        """A track part's block: it starts with its first talk and ends with its last, so its
        empty minutes are exactly the gaps between its talks."""
        model = self.model
        day_domain = cp_model.Domain(part.day * DAY, (part.day + 1) * DAY)
        begin = model.new_int_var_from_domain(day_domain, f"begin_{part.index}")
        end = model.new_int_var_from_domain(day_domain, f"end_{part.index}")
        size = model.new_int_var(0, DAY, f"size_{part.index}")
        model.add(begin + size == end)
        intervals = []
        for item, literal in members:
            start = self.start[item.index]
            if certain(literal):
                intervals.append(self.interval[item.index])
            else:
                intervals.append(
                    model.new_optional_fixed_size_interval_var(
                        start, item.length, literal, f"in_{item.index}_{part.index}"
                    )
                )
        model.add_no_overlap(intervals)
        talk_minutes = sum(item.length * literal for item, literal in members)
        model.add(size >= talk_minutes)
        if certain(used):
            model.add_min_equality(begin, [self.start[item.index] for item, _ in members])
            model.add_max_equality(end, [self.start[item.index] + item.length for item, _ in members])
        else:
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
        gap_weight = self.instance.weights.track_gap_minute
        if gap_weight:
            self.costs.append(gap_weight * (size - talk_minutes))
        return begin, end, size

    def _seat_costs(self, part: Part, members: list[tuple[Item, Literal]], rooms: list[str]) -> None:
        for item, membership in members:
            prices = {room_id: _seat_cost(self.instance, item, room_id) for room_id in rooms}
            if not any(prices.values()):
                continue
            for room_id, price in prices.items():
                in_room = self._item_in_room(item, part, membership, room_id)
                self.seated[item.index].append(in_room)
                self.costs.append(price * in_room)

    def _seated_once(self) -> None:
        """Each item sits in exactly one (part, room): implied, but it gives the search the bound
        that every talk pays at least its cheapest room's seats."""
        for literals in self.seated.values():
            self.model.add_exactly_one(literals)

    def _item_in_room(self, item: Item, part: Part, membership: Literal, room_id: str) -> Literal:
        """1 when the item is held in `part` and the part is in `room_id`."""
        room = self.room_of_part[part.index, room_id]
        if certain(membership):
            return room
        both = self.model.new_bool_var(f"at_{item.index}_{part.index}_{room_id}")
        self.model.add_bool_and([membership, room]).only_enforce_if(both)
        self.model.add_bool_or([membership.Not(), room.Not()]).only_enforce_if(both.Not())
        return both

    def _people_and_audiences(self) -> None:
        by_speaker: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        by_audience: dict[str, list[int]] = defaultdict(list)
        for item in self.timeline.items:
            for speaker in item.talk.busy_speakers:
                by_speaker[speaker] += self._busy(item, speaker)
            if item.talk.restricted_to is not None:
                by_audience[item.talk.restricted_to].append(item.index)
        for intervals in by_speaker.values():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals)
        for audience_id, indexes in by_audience.items():
            at_once = self.instance.audience_by_id[audience_id].at_once
            if len(indexes) <= at_once:
                continue
            intervals = [self.interval[i] for i in indexes]
            if at_once == 1:
                self.model.add_no_overlap(intervals)
            else:
                self.model.add_cumulative(intervals, [1] * len(intervals), at_once)

    def _busy(self, item: Item, speaker: str) -> list[cp_model.IntervalVar]:
        """The item's minutes that keep `speaker` busy: the whole talk when they give it, else
        the talks it contains that they give, at their offsets from its start."""
        if speaker in item.talk.speakers:
            return [self.interval[item.index]]
        return [
            self.model.new_fixed_size_interval_var(
                self.start[item.index] + first, last - first, f"busy_{item.index}_{first}"
            )
            for first, last in item.talk.busy_spans(speaker)
        ]

    def _repeats(self) -> None:
        """Unpinned occurrences of one talk are interchangeable: order them in time. A repeated
        talk pays for each room beyond its first."""
        by_talk: dict[str, list[Item]] = defaultdict(list)
        for item in self.timeline.items:
            by_talk[item.talk.id].append(item)
        weight = self.instance.weights.repeat_room_change
        parts_of: dict[int, list[Part]] = defaultdict(list)
        for part in self.timeline.parts:
            for index in part.candidates:
                parts_of[index].append(part)
        for items in by_talk.values():
            if len(items) < 2:
                continue
            unpinned = [item for item in items if item.number > len(item.talk.pins)]
            for earlier, later in itertools.pairwise(unpinned):
                self.model.add(self.start[earlier.index] + earlier.length <= self.start[later.index])
            if not weight:
                continue
            rooms_used = []
            for room_id in sorted({r for item in items for part in parts_of[item.index] for r in part.rooms}):
                here = [
                    self._item_in_room(item, part, self.member[item.index, part.index], room_id)
                    for item in items
                    for part in parts_of[item.index]
                    if (part.index, room_id) in self.room_of_part
                ]
                if not here:
                    continue
                used = self.model.new_bool_var(f"repeat_{items[0].talk.id}_{room_id}")
                self.model.add_max_equality(used, here)
                rooms_used.append(used)
            self.costs.append(weight * (sum(rooms_used) - 1))

    def _track_days(self) -> None:
        """Parts of one track-day sit in distinct rooms, so rooms used = parts used; the fewest is
        ceil(minutes / most minutes a room holds that day)."""
        weight = self.instance.weights.track_extra_room
        items = self.timeline.items
        for track_day in self.timeline.track_days:
            parts = [self.timeline.parts[p] for p in track_day.parts]
            for room_id in {r for part in parts for r in part.rooms}:
                here = [
                    self.room_of_part[part.index, room_id]
                    for part in parts
                    if (part.index, room_id) in self.room_of_part
                ]
                if len(here) > 1:
                    self.model.add_at_most_one(here)
            used = [
                sum(self.room_of_part[part.index, r] for r in part.rooms if (part.index, r) in self.room_of_part)
                for part in parts
            ]
            for earlier, later in itertools.pairwise(used):
                self.model.add(earlier >= later)
            day_minutes = sum(items[i].length * self.member[i, part.index] for part in parts for i in part.candidates)
            fewest = self._fewest(day_minutes, track_day.most_minutes, len(parts))
            # Implied (no room holds more than `most_minutes` of talks a day), but stating it lets
            # the search prove at once that no track can pay less than nothing.
            self.model.add(sum(used) >= fewest)
            if track_day.hard:
                self.model.add(sum(used) <= fewest)
            elif weight:
                self.costs.append(weight * (sum(used) - fewest))

    def _fewest(self, day_minutes: cp_model.LinearExprT, most: int, limit: int) -> cp_model.LinearExprT:
        if isinstance(day_minutes, int):
            return math.ceil(day_minutes / most)
        fewest = self.model.new_int_var(0, limit, "fewest")
        self.model.add(fewest * most >= day_minutes)
        self.model.add(fewest * most <= day_minutes + most - 1)
        return fewest


def build_timeline_model(instance: Instance, spare_parts: bool = True) -> TimelineModel:
    return _Builder(instance, spare_parts).build()
