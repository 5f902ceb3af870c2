"""Facts read off a published program, from which the importer draws what the file leaves unsaid:
the grid it was planned on, when each room was in use, how many children's sessions ran at once,
who was double-booked."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from .imported import ImportedEvent

K = TypeVar("K", bound=Hashable)
MAX_STEP = 60
"""`BreakoutWindow.step` is at most an hour."""


def grid_step(events: Sequence[ImportedEvent], timeslot: int | None) -> tuple[int, str]:
    """The step talks start on, and why: the file's timeslot when every start and end is on it,
    else the largest step they all are on (at most an hour)."""
    times = [minute for event in events for minute in (event.start, event.end)]
    if timeslot and timeslot <= MAX_STEP and all(minute % timeslot == 0 for minute in times):
        return timeslot, f"the file's timeslot_duration ({timeslot} minutes)"
    step = math.gcd(math.gcd(*times), MAX_STEP)
    if timeslot:
        return (
            step,
            f"the largest step every start and end is on (the file's timeslot_duration of {timeslot} minutes is not)",
        )
    return step, "the largest step every start and end is on (the file gives no timeslot_duration)"


def spans(events: Iterable[ImportedEvent], key: Callable[[ImportedEvent], K]) -> dict[K, tuple[int, int]]:
    """(first start, last end) of the events that share each key, such as (room, day)."""
    found: dict[K, tuple[int, int]] = {}
    for event in events:
        start, end = found.get(key(event), (event.start, event.end))
        found[key(event)] = (min(start, event.start), max(end, event.end))
    return found


def most_at_once(events: Iterable[ImportedEvent]) -> int:
    """The most of these events that run at the same minute on any day (ends are exclusive)."""
    by_day: dict[dt.date, list[tuple[int, int]]] = defaultdict(list)
    for event in events:
        by_day[event.day] += [(event.start, 1), (event.end, -1)]
    most = 0
    for changes in by_day.values():
        running = 0
        for _, change in sorted(changes):  # an end sorts before a start at the same minute
            running += change
            most = max(most, running)
    return most


def clashes(
    events: Sequence[ImportedEvent], keys: Callable[[ImportedEvent], Iterable[K]]
) -> list[tuple[K, ImportedEvent, ImportedEvent]]:
    """Each pair of events that overlap in time and share a key (a person, a room), with the key."""
    holding: dict[tuple[K, dt.date], list[ImportedEvent]] = defaultdict(list)
    for event in events:
        for key in keys(event):
            holding[key, event.day].append(event)
    found = []
    for (key, _), held in holding.items():
        ordered = sorted(held, key=lambda event: (event.start, event.end, event.id))
        for index, first in enumerate(ordered):
            for second in ordered[index + 1 :]:
                if second.start >= first.end:
                    break
                found.append((key, first, second))
    return found
