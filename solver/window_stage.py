"""What the breakout-window encoding places, read off the instance: each occurrence with the axis
minutes it may start at, and the parts that tracks are cut into.

Rooms are chosen per *part*, never per talk: a track's talks of one day are held in as few parts as
their minutes allow, each part a block of time in one room, and the talks of a part are sequenced
inside its block. A talk without a track, or of a theme (`room_rule: none`), is a part of its own.
That keeps the room choice to a few thousand Booleans for FOSDEM (parts x rooms) instead of talks x
rooms x starts, which is what made a per-talk model spend over a minute in presolve.

The stage knows only the grid: windows and their steps, the days a pin fixes, which rooms are open
at all on a day, and the most minutes a room can hold talks. Everything else a planner asks (a
speaker away, a room closed, a feature) is a rule, added by `hard_rules` through the encoding.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Instance, Pin, Room, minutes
from .encoding import Axis, Occurrence, Span, merge, occurrences_of


@dataclass(frozen=True)
class Item:
    """One occurrence of a talk: a fixed length, and the axis minutes it may start at."""

    index: int
    occurrence: Occurrence
    length: int
    starts: tuple[int, ...]
    day_of_start: dict[int, dt.date] = field(compare=False, hash=False)
    """The day each start is filed under: the day of the window it starts in."""

    @property
    def days(self) -> list[dt.date]:
        return sorted(set(self.day_of_start.values()))


@dataclass
class Part:
    """A block of time in one room, holding talks of one track on one day (or one untracked talk)."""

    index: int
    track: str | None
    day: dt.date | None
    """A track part's day; None for an untracked talk, which may go on any day it has a start."""
    candidates: list[int]
    """Items that may be held in it."""
    rooms: tuple[str, ...]
    """Breakout rooms it may take: those open on its day."""
    ordinal: int = 0
    """Its place among its track-day's parts: (track, day, ordinal) names it across models."""


@dataclass(frozen=True)
class TrackDay:
    track: str
    day: dt.date
    parts: tuple[int, ...]
    most_minutes: int
    """The most minutes one breakout room can hold that day: the divisor of the fewest rooms."""
    hard: bool


@dataclass(frozen=True)
class Stage:
    axis: Axis
    items: tuple[Item, ...]
    parts: tuple[Part, ...]
    track_days: tuple[TrackDay, ...]
    day_range: dict[dt.date, Span]
    """Per day, from its first window's start to its last window's end, in axis minutes."""
    unplaceable: tuple[str, ...]
    """Plain-words reasons some occurrence has no start or no part at all."""


def subtract(spans: Iterable[Span], taken: Iterable[Span]) -> list[Span]:
    """`spans` minus `taken`, both of [start, end)."""
    left = merge(spans)
    for a, b in merge(taken):
        left = [piece for s, e in left for piece in ((s, min(e, a)), (max(s, b), e)) if piece[0] < piece[1]]
    return left


def room_hours(axis: Axis, room: Room, day_range: dict[dt.date, Span]) -> list[Span]:
    """Axis spans the room may hold talks: its opening hours (every day when it lists none), less its
    unavailable windows; overlapping opening hours count once, as in the checker."""
    if room.open:
        hours = merge([axis.span(w.day, minutes(w.start), minutes(w.end)) for w in room.open])
    else:
        hours = merge(list(day_range.values()))
    return subtract(hours, merge([axis.span(w.day, minutes(w.start), minutes(w.end)) for w in room.unavailable]))


def _held(windows: list[Span], hours: list[Span]) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in windows for c, d in hours)


def read_stage(instance: Instance, *, use_pins: bool, spare_parts: int) -> Stage:
    """`use_pins`: let a pinned day or start narrow an occurrence's starts (not when explaining, where
    a pin may be given up). `spare_parts`: parts a soft track-day gets beyond what its minutes need,
    so that it may spread into more rooms at a price; 0 keeps every track to its fewest rooms."""
    axis = Axis(instance)
    windows_of: dict[dt.date, list[Span]] = defaultdict(list)
    day_of_window: list[tuple[Span, dt.date]] = []
    for window in instance.breakout_windows:
        span = axis.span(window.day, minutes(window.start), minutes(window.end))
        windows_of[window.day].append(span)
        day_of_window.append((span, window.day))
    day_range = {day: (min(a for a, _ in spans), max(b for _, b in spans)) for day, spans in windows_of.items()}
    breakout = [room for room in instance.rooms if room.breakout]
    hours = {room.id: room_hours(axis, room, day_range) for room in breakout}
    step = instance.step_minutes
    unplaceable: list[str] = []
    items: list[Item] = []
    for occurrence in (o for talk in instance.talks for o in occurrences_of(talk)):
        talk, pin = occurrence.talk, occurrence.pin if use_pins else None
        length = talk.minutes or 0
        pin_start = instance.slot_by_id[pin.slot] if pin is not None and pin.slot is not None else None
        starts: dict[int, dt.date] = {}
        for (a, b), day in day_of_window:
            if pin is not None and pin.day is not None and pin.day != day:
                continue
            for start in range(a, b - length + 1, step):
                if pin_start is None or start == axis.minute(pin_start.day, minutes(pin_start.start)):
                    starts[start] = day
        if not starts:
            unplaceable.append(_fits_nowhere(talk.title, length, pin, day_of_window))
        items.append(Item(len(items), occurrence, length, tuple(sorted(starts)), starts))
    parts, track_days = _cut_into_parts(instance, items, windows_of, hours, spare_parts, unplaceable)
    return Stage(axis, tuple(items), tuple(parts), tuple(track_days), day_range, tuple(unplaceable))


def _fits_nowhere(title: str, length: int, pin: Pin | None, windows: list[tuple[Span, dt.date]]) -> str:
    if pin is not None and pin.slot is not None:
        return f"'{title}' ({length} minutes) is pinned to start at step {pin.slot}, where it would run past its window's end."
    allowed = [b - a for (a, b), day in windows if pin is None or pin.day in (None, day)]
    where = " on its pinned day" if pin is not None and pin.day is not None else ""
    return (
        f"'{title}' ({length} minutes) is longer than every breakout window{where} "
        f"(the longest is {max(allowed, default=0)} minutes)."
    )


def _cut_into_parts(
    instance: Instance,
    items: list[Item],
    windows_of: dict[dt.date, list[Span]],
    hours: dict[str, list[Span]],
    spare_parts: int,
    unplaceable: list[str],
) -> tuple[list[Part], list[TrackDay]]:
    """Each track-day gets as many parts as its minutes could need at most (more for a soft track,
    so that it can spread when a clash leaves no other way); each untracked item one."""
    parts: list[Part] = []
    track_days: list[TrackDay] = []
    by_track: dict[str, list[Item]] = defaultdict(list)
    open_on = {
        day: tuple(room for room, spans in hours.items() if _held(windows, spans))
        for day, windows in windows_of.items()
    }
    themes = {track.id for track in instance.tracks if track.room_rule == "none"}  # placed talk by talk
    for item in items:
        if item.occurrence.talk.track is None or item.occurrence.talk.track in themes:
            rooms = tuple(dict.fromkeys(r for day in item.days for r in open_on[day]))
            if rooms:
                parts.append(Part(len(parts), None, None, [item.index], rooms))
        else:
            by_track[item.occurrence.talk.track].append(item)
    in_a_part: set[int] = {part.candidates[0] for part in parts}
    for track in instance.tracks:
        members = by_track.get(track.id, [])
        for day in sorted({d for item in members for d in item.days}):
            possible = [item for item in members if day in item.days]
            most = max((_held(windows_of[day], spans) for spans in hours.values()), default=0)
            if most == 0:
                continue  # no breakout room is open that day: its talks must go on another
            needed = math.ceil(sum(item.length for item in possible) / most)
            spare = spare_parts if track.room_rule == "soft" else 0
            count = min(len(possible), needed + spare, max(1, len(open_on[day])))
            first = len(parts)
            for ordinal in range(count):
                parts.append(Part(len(parts), track.id, day, [item.index for item in possible], open_on[day], ordinal))
            in_a_part.update(item.index for item in possible)
            track_days.append(
                TrackDay(track.id, day, tuple(range(first, first + count)), most, track.room_rule == "hard")
            )
    for item in items:
        if item.starts and item.index not in in_a_part:
            unplaceable.append(
                f"'{item.occurrence.talk.title}' can only go on a day when no breakout room is open "
                f"({', '.join(f'{day:%A %d %B}' for day in item.days)})."
            )
    return parts, track_days
