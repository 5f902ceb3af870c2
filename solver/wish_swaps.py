"""Fewer clashes between wished talks on breakout windows, by swapping talks within their blocks.

The search model of a large conference with wishes has a literal per pair of talks wished together
(48,000 for FOSDEM 2025 with 5,000 attendees of 10 wishes); CP-SAT finds the schedule it is given
and, in the half minute a run has, rarely better. So before that search, a plain local search
improves the schedule: within one room, day and track, two talks of equal length trade places, or
two back-to-back talks trade order. Every other talk stays where it is and the room holds the same
minutes, so the moved talks keep their room, features and closures; only talks that nothing else
ties to a time are moved (given once, not pinned to a start, holding no other talk, no audience
restriction, no allowed times or time bounds, no `apart` group, and speakers who give nothing else,
lead no fixed item and have no unavailability or preferred or avoided times). A swap is kept when
it lowers the cost of clashing wishes, exactly as `soft_rules.wish_clash` counts it.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..models import Instance, Schedule, Talk

Start = int
"""Axis-free absolute minutes: the date's ordinal times 1,440 plus the clock."""


def fewer_clashes(instance: Instance, schedule: Schedule, seconds: float) -> Schedule:
    """The schedule with swaps that lower the clash cost of wished talks, tried in a fixed order
    (so the same input gives the same output) until none helps or `seconds` have passed."""
    started = time.perf_counter()
    partners = _partners(instance)
    if not partners:
        return schedule
    length = {talk.id: talk.minutes or 0 for talk in instance.talks}
    start = {p.talk: _start(instance, p.slot) for p in schedule.placements}
    blocks = _blocks(instance, schedule, start, set(partners))

    def clash(talk: str, at: Start, other: str) -> int:
        """The clash cost of `talk` at `at` with its partners where they are, `other` left out."""
        return sum(
            weight
            for partner, weight in partners[talk]
            if partner != other and at < start[partner] + length[partner] and start[partner] < at + length[talk]
        )

    improved = True
    while improved and time.perf_counter() - started < seconds:
        improved = False
        for talks in blocks:
            for first, second in _swaps(talks, start, length):
                a, b = start[first], start[second]
                # The later talk takes the earlier's start; the earlier one follows it (equal
                # lengths: takes the later's start, which is the same when they are back to back).
                later_to, earlier_to = a, b if length[first] == length[second] else a + length[second]
                before = clash(first, a, second) + clash(second, b, first)
                after = clash(first, earlier_to, second) + clash(second, later_to, first)
                if after < before:
                    start[first], start[second] = earlier_to, later_to
                    improved = True
    slot_at = {_start(instance, slot.id): slot.id for slot in instance.slots}
    return Schedule(
        placements=tuple(p.model_copy(update={"slot": slot_at[start[p.talk]]}) for p in schedule.placements)
    )


def _partners(instance: Instance) -> dict[str, list[tuple[str, int]]]:
    """Per talk, the talks wished together with it, each with Σ over the attendees wishing for both
    of the lighter of their two wishes."""
    book = instance.attendee_wishes
    together: Counter[tuple[str, str]] = Counter()
    for wish_list in book.lists(instance.talk_by_id) if book is not None else ():
        for first, second in itertools.combinations(wish_list.wishes, 2):
            weight = wish_list.attendees * min(first.weight, second.weight)
            together[first.talk, second.talk] += weight
            together[second.talk, first.talk] += weight
    partners: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (talk, partner), weight in sorted(together.items()):
        partners[talk].append((partner, weight))
    return partners


def _start(instance: Instance, slot_id: str) -> Start:
    slot = instance.slot_by_id[slot_id]
    return slot.day.toordinal() * 24 * 60 + int(slot.start)


def _blocks(instance: Instance, schedule: Schedule, start: dict[str, Start], wished: set[str]) -> list[list[str]]:
    """The movable talks of each room, day and track, in clock order; blocks without a wished talk left out."""
    movable = _movable(instance)
    grouped: dict[tuple[str, object, str], list[str]] = defaultdict(list)
    for p in schedule.placements:
        talk = instance.talk_by_id[p.talk]
        if talk.id in movable:
            grouped[p.room, instance.slot_by_id[p.slot].day, talk.track or ""].append(talk.id)
    blocks = [sorted(talks, key=start.__getitem__) for _, talks in sorted(grouped.items(), key=lambda g: str(g[0]))]
    return [block for block in blocks if len(block) > 1 and wished.intersection(block)]


def _movable(instance: Instance) -> set[str]:
    """Talks no rule ties to a time beyond their room's: see the module's docstring."""
    given: Counter[str] = Counter(
        s for talk in instance.talks for s in talk.busy_speakers for _ in range(talk.occurrences)
    )
    leading = {person for item in instance.fixed_items for person in item.people}
    in_groups = {talk for members in instance.apart_members.values() for talk in members}

    def free(speaker_id: str) -> bool:
        speaker = instance.speaker_by_id[speaker_id]
        busy = speaker.unavailable or speaker.prefers or speaker.avoids
        return given[speaker_id] == 1 and speaker_id not in leading and not busy

    def loose(talk: Talk) -> bool:
        tied = talk.contains or talk.restricted_to or talk.allowed_times or talk.not_before or talk.not_after
        return not tied and talk.occurrences == 1 and not any(pin.slot for pin in talk.pins)

    return {t.id for t in instance.talks if loose(t) and t.id not in in_groups and all(free(s) for s in t.speakers)}


def _swaps(talks: list[str], start: dict[str, Start], length: dict[str, int]) -> Iterator[tuple[str, str]]:
    """Pairs that may trade places: equal lengths anywhere in the block, or back to back."""
    for first, second in itertools.combinations(talks, 2):
        a, b = start[first], start[second]
        if a > b:
            first, second, a, b = second, first, b, a
        if length[first] == length[second] or a + length[first] == b:
            yield first, second
