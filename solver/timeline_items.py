"""What the window-mode model places, read off the instance: talk occurrences with the start
minutes open to them, and the parts that tracks are cut into.

Times are minutes on one axis across the conference (day index x 2880 + minute of the day), so
that one interval variable can say both the day and the clock time of an occurrence. A day takes
two days' room on the axis because its clock runs on past midnight to 47:59.

Rooms are chosen per *part*, never per talk: a track's talks of one day are held in as few
parts as their minutes allow, each part is a block of time in one room, and the talks of a part
are sequenced inside its block. A talk without a track is a part of its own. That keeps the room
choice to a few thousand Booleans for FOSDEM (parts x rooms) instead of talks x rooms x starts,
which is what made a per-talk model spend over a minute in presolve.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Instance, Room, Talk, Window, minutes

DAY = 48 * 60
"""The axis minutes of one conference day: its clock runs from 00:00 to 47:59 (`models.clock`)."""

Span = tuple[int, int]
"""[start, end) in axis minutes."""


@dataclass(frozen=True)
class Item:
    """One occurrence of a talk: a fixed length, and the axis minutes it may start at."""

    index: int
    talk: Talk
    number: int
    """1-based among the talk's occurrences; the published number is given by clock order later."""
    length: int
    starts: tuple[int, ...]
    rooms: tuple[str, ...]
    """Breakout rooms with its required features (and its pinned room, if any)."""


@dataclass
class Part:
    """A block of time in one room, holding talks of one track on one day (or one untracked talk)."""

    index: int
    track: str | None
    day: int | None
    """Day index for a track's part; None for an untracked talk, which may go on any allowed day."""
    candidates: list[int] = field(default_factory=list)
    """Items that may be held in it."""
    rooms: tuple[str, ...] = ()
    ordinal: int = 0
    """Its place among its track-day's parts: (track, day, ordinal) names it across models."""

    @property
    def key(self) -> tuple[object, ...]:
        return (self.track, self.day, self.ordinal) if self.track is not None else ("talk", self.candidates[0])


@dataclass(frozen=True)
class TrackDay:
    track: str
    day: int
    parts: tuple[int, ...]
    most_minutes: int
    """The most minutes one breakout room can hold that day: the divisor of the fewest rooms."""
    hard: bool


@dataclass(frozen=True)
class Timeline:
    items: tuple[Item, ...]
    parts: tuple[Part, ...]
    track_days: tuple[TrackDay, ...]
    room_closures: dict[str, tuple[Span, ...]]
    """Per breakout room, the axis spans it cannot hold a talk block: outside its opening hours,
    unavailable, or taken by a fixed item; merged so no two overlap."""
    unplaceable: tuple[str, ...]
    """Plain-words reasons some occurrence has no start or no room at all."""

    axis_end: int
    """The end of the last conference day on the axis."""

    def longest_free(self, room_id: str, day: int | None) -> int:
        """The longest stretch the room is free on `day` (on any day for None): a block longer
        than that can never go there, so the room is not even offered to it."""
        gaps, free_from = [], 0
        for start, end in self.room_closures[room_id]:
            gaps.append((free_from, start))
            free_from = end
        gaps.append((free_from, self.axis_end))
        if day is not None:
            gaps = [(max(start, day * DAY), min(end, (day + 1) * DAY)) for start, end in gaps]
        return max(max(end - start, 0) for start, end in gaps)


def day_index(instance: Instance) -> dict[object, int]:
    return {day.date: index for index, day in enumerate(instance.days)}


def axis_span(days: dict[object, int], window: Window | object) -> Span:
    """A day-and-clock window on the axis."""
    offset = days[window.day] * DAY  # type: ignore[attr-defined]
    return offset + minutes(window.start), offset + minutes(window.end)  # type: ignore[attr-defined]


def merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _overlaps(start: int, end: int, spans: tuple[Span, ...]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _subtract(spans: list[Span], taken: tuple[Span, ...]) -> list[Span]:
    """`spans` minus `taken`, both lists of [start, end)."""
    left = spans
    for a, b in taken:
        left = [piece for s, e in left for piece in ((s, min(e, a)), (max(s, b), e)) if piece[0] < piece[1]]
    return left


def room_hours(room: Room, days: dict[object, int]) -> list[Span]:
    """Axis spans the room may hold talks: its opening hours (all day when it lists none), less
    its unavailable windows."""
    if room.open:
        hours = list(merge([axis_span(days, window) for window in room.open]))  # overlaps count once, as in the checker
    else:
        hours = [(index * DAY, (index + 1) * DAY) for index in range(len(days))]
    return _subtract(hours, merge([axis_span(days, w) for w in room.unavailable]))


def _closures(instance: Instance, room: Room, days: dict[object, int]) -> tuple[Span, ...]:
    everything = [(0, len(days) * DAY)]
    closed = _subtract(everything, merge(room_hours(room, days)))
    fixed = [axis_span(days, item) for item in instance.fixed_items if item.room == room.id]
    return merge(closed + fixed)


def _most_minutes(window_spans: list[Span], hours: dict[str, list[Span]], day: int) -> int:
    """Per room, the minutes of `day` inside a window and inside its hours; the largest of them."""
    today = [(a, b) for a, b in window_spans if a // DAY == day]
    best = 0
    for spans in hours.values():
        held = sum(max(0, min(b, d) - max(a, c)) for a, b in today for c, d in spans)
        best = max(best, held)
    return best


def _person_busy(instance: Instance, days: dict[object, int]) -> dict[str, tuple[Span, ...]]:
    busy: dict[str, list[Span]] = defaultdict(list)
    for speaker in instance.speakers:
        busy[speaker.id] += [axis_span(days, w) for w in speaker.unavailable]
    for item in instance.fixed_items:
        for person in item.people:
            busy[person].append(axis_span(days, item))
    return {person: merge(spans) for person, spans in busy.items()}


def _starts(
    step: int,
    length: int,
    windows: list[Span],
    busy: list[tuple[Span, tuple[Span, ...]]],
    pin_day: int | None,
    pin_start: int | None,
) -> tuple[int, ...]:
    """Every step start inside a window where it fits, on its pinned day or start, its speakers
    free: `busy` pairs the minutes of the talk (from its start) that keep someone busy with the
    axis spans that person is away or leading a fixed item."""
    starts = []
    for a, b in windows:
        for start in range(a, b - length + 1, step):
            if pin_day is not None and start // DAY != pin_day:
                continue
            if pin_start is not None and start != pin_start:
                continue
            if not any(_overlaps(start + first, start + last, away) for (first, last), away in busy):
                starts.append(start)
    return tuple(starts)


def read_timeline(instance: Instance, spare_parts: bool = True) -> Timeline:
    """`spare_parts`: give each soft track-day one part more than its minutes need, so that it
    may spread into another room at a price; without, every track keeps to its fewest rooms."""
    days = day_index(instance)
    windows = sorted(axis_span(days, w) for w in instance.breakout_windows)
    breakout = [room for room in instance.rooms if room.breakout]
    hours = {room.id: room_hours(room, days) for room in breakout}
    busy = _person_busy(instance, days)
    unplaceable: list[str] = []

    items: list[Item] = []
    for talk in instance.talks:
        length = talk.minutes or 0
        talk_busy = [(part, busy[sid]) for sid in talk.busy_speakers if sid in busy for part in talk.busy_spans(sid)]
        for number in range(1, talk.occurrences + 1):
            pin = talk.pins[number - 1] if number <= len(talk.pins) else None
            pin_day = days[pin.day] if pin is not None and pin.day is not None else None
            pin_start = None
            if pin is not None and pin.slot is not None:
                step_slot = instance.slot_by_id[pin.slot]
                pin_start = days[step_slot.day] * DAY + minutes(step_slot.start)
            starts = _starts(instance.step_minutes, length, windows, talk_busy, pin_day, pin_start)
            rooms = tuple(
                room.id
                for room in breakout
                if set(talk.requires) <= set(room.features) and (pin is None or pin.room in (None, room.id))
            )
            if not starts:
                unplaceable.append(
                    f"'{talk.title}' ({length} minutes) has no start: no breakout window "
                    f"{'on its pinned day ' if pin_day is not None else ''}fits it while its speakers are free."
                )
            if not rooms:
                unplaceable.append(
                    f"'{talk.title}' has no breakout room with what it requires ({', '.join(talk.requires)})."
                )
            items.append(Item(len(items), talk, number, length, starts, rooms))

    parts, track_days = _cut_into_parts(instance, items, windows, hours, spare_parts)
    room_closures = {room.id: _closures(instance, room, days) for room in breakout}
    return Timeline(tuple(items), tuple(parts), tuple(track_days), room_closures, tuple(unplaceable), len(days) * DAY)


def _cut_into_parts(
    instance: Instance, items: list[Item], windows: list[Span], hours: dict[str, list[Span]], spare_parts: bool
) -> tuple[list[Part], list[TrackDay]]:
    """Each track-day gets as many parts as its minutes could need at most (one more for a soft
    track, so that it can spread when a clash leaves no other way); each untracked item one."""
    parts: list[Part] = []
    track_days: list[TrackDay] = []
    by_track: dict[str, list[Item]] = defaultdict(list)
    themes = {track.id for track in instance.tracks if track.room_rule == "none"}
    for item in items:
        if item.talk.track is None or item.talk.track in themes:
            parts.append(Part(len(parts), None, None, [item.index], item.rooms))
        else:
            by_track[item.talk.track].append(item)
    for track in instance.tracks:
        members = by_track.get(track.id, [])
        item_days = {item.index: sorted({start // DAY for start in item.starts}) for item in members}
        for day in sorted({d for ds in item_days.values() for d in ds}):
            possible = [item for item in members if day in item_days[item.index]]
            most = _most_minutes(windows, hours, day)
            if most == 0:
                continue
            needed = math.ceil(sum(item.length for item in possible) / most)
            count = min(len(possible), needed + (1 if spare_parts and track.room_rule == "soft" else 0))
            open_rooms = tuple(room for room, spans in hours.items() if any(a // DAY == day for a, _ in spans))
            first = len(parts)
            for ordinal in range(count):
                parts.append(Part(len(parts), track.id, day, [item.index for item in possible], open_rooms, ordinal))
            track_days.append(
                TrackDay(track.id, day, tuple(range(first, first + count)), most, track.room_rule == "hard")
            )
    return parts, track_days
