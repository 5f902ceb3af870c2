"""Facts read off a published program, from which the importer draws what the file leaves unsaid:
the grid it was planned on, when each room was in use, how many children's sessions ran at once."""

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


SMALLEST_STEP = 5
"""Below this a grid is not a planner's grid: one 91-minute film must not make a 1-minute one."""


def grid_step(events: Sequence[ImportedEvent], timeslot: int | None) -> tuple[int, str]:
    """The step talks start on, and why: the file's timeslot when every start and end is on it,
    else the largest step they all are on, and never less than 5 minutes (events off that grid
    are rounded to it, each with a note)."""
    times = [minute for event in events for minute in (event.start, event.end)]
    if timeslot and SMALLEST_STEP <= timeslot <= MAX_STEP and all(minute % timeslot == 0 for minute in times):
        return timeslot, f"the file's timeslot_duration ({timeslot} minutes)"
    step = math.gcd(*times, MAX_STEP)
    said = (
        f"the file's timeslot_duration of {timeslot} minutes is not"
        if timeslot
        else "the file gives no timeslot_duration"
    )
    if step >= SMALLEST_STEP:
        return step, f"the largest step every start and end is on ({said})"
    off = sum(1 for event in events if event.start % SMALLEST_STEP or event.end % SMALLEST_STEP)
    return SMALLEST_STEP, f"the smallest step a planner uses ({said}); {off} events start or end off it"


def on_grid(start: int, minutes: int, step: int) -> tuple[int, int]:
    """(start, minutes) widened to the grid: the start rounded down, the end up, so the rounded
    span still holds every published minute."""
    first = start - start % step
    last = -(-(start + minutes) // step) * step
    return first, last - first


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
